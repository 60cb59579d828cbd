// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// ftrace iommu event parser (see trace.h).
#include "trace.h"

#include <charconv>

namespace gpt {

namespace {

constexpr std::string_view kSpace = " \t\r\n";

std::string_view trim(std::string_view s)
{
	auto b = s.find_first_not_of(kSpace);
	if (b == std::string_view::npos)
		return {};
	auto e = s.find_last_not_of(kSpace);
	return s.substr(b, e - b + 1);
}

// The next whitespace-separated word of @s, consumed.
std::string_view next_word(std::string_view &s)
{
	auto b = s.find_first_not_of(kSpace);
	if (b == std::string_view::npos) {
		s = {};
		return {};
	}
	s.remove_prefix(b);
	auto e = s.find_first_of(kSpace);
	auto w = s.substr(0, e);
	s.remove_prefix(e == std::string_view::npos ? s.size() : e);
	return w;
}

bool parse_num(std::string_view s, std::uint64_t &v, int base)
{
	if (base == 16) {
		if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
			return false;
		s.remove_prefix(2);
	}
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
	return ec == std::errc() && p == s.data() + s.size();
}

} // namespace

TraceLine parse_trace_line(std::string_view line, TraceEvent &ev, std::string &why)
{
	line = trim(line);
	if (line.empty() || line.front() == '#')
		return TraceLine::ignored;

	// "<task>-<pid> [cpu] <flags> <timestamp>: <event>: <message>"
	auto cpu_end = line.find("] ");
	if (cpu_end == std::string_view::npos || line.find('[') > cpu_end) {
		why = "not an ftrace event line (no [cpu] field)";
		return TraceLine::malformed;
	}
	auto ts_end = line.find(": ", cpu_end);
	if (ts_end == std::string_view::npos) {
		why = "no 'timestamp: event:' after the [cpu] field";
		return TraceLine::malformed;
	}
	std::string_view rest = line.substr(ts_end + 2);
	if (rest.starts_with("iommu:")) // perf script: "iommu:map:"
		rest.remove_prefix(6);
	auto name_end = rest.find(':');
	if (name_end == std::string_view::npos) {
		why = "no event name";
		return TraceLine::malformed;
	}
	std::string_view name = rest.substr(0, name_end);
	if (name != "map" && name != "unmap")
		return TraceLine::other_event;
	ev = TraceEvent{};
	ev.kind = name == "map" ? TraceEvent::Kind::map : TraceEvent::Kind::unmap;

	std::string_view msg = rest.substr(name_end + 1);
	if (next_word(msg) != "IOMMU:") {
		why = std::string(name) + " event without 'IOMMU:'";
		return TraceLine::malformed;
	}
	bool have_iova = false, have_paddr = false, have_size = false, have_unmapped = false;
	bool have_end = false;
	std::uint64_t end = 0;
	for (auto w = next_word(msg); !w.empty(); w = next_word(msg)) {
		if (w == "-") {
			auto e = next_word(msg);
			if (!have_iova || !parse_num(e, end, 16)) {
				why = "bad end address after '-'";
				return TraceLine::malformed;
			}
			have_end = true;
			continue;
		}
		auto eq = w.find('=');
		if (eq == std::string_view::npos) {
			why = "unexpected '" + std::string(w) + "'";
			return TraceLine::malformed;
		}
		auto key = w.substr(0, eq);
		auto val = w.substr(eq + 1);
		bool ok = true;
		if (key == "iova")
			ok = have_iova = parse_num(val, ev.iova, 16);
		else if (key == "paddr")
			ok = have_paddr = parse_num(val, ev.paddr, 16);
		else if (key == "size")
			ok = have_size = parse_num(val, ev.size, 10);
		else if (key == "unmapped_size")
			ok = have_unmapped = parse_num(val, ev.unmapped, 10);
		if (!ok) {
			why = "bad value in '" + std::string(w) + "'";
			return TraceLine::malformed;
		}
	}
	if (!have_iova || !have_size ||
	    (ev.kind == TraceEvent::Kind::map ? !have_paddr : !have_unmapped)) {
		why = ev.kind == TraceEvent::Kind::map ?
			      "map event needs iova=, paddr= and size=" :
			      "unmap event needs iova=, size= and unmapped_size=";
		return TraceLine::malformed;
	}
	if (have_end && end != ev.iova + ev.size) {
		why = "end address is not iova + size";
		return TraceLine::malformed;
	}
	return TraceLine::event;
}

} // namespace gpt
