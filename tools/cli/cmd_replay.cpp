// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// `genericpt replay FMT TRACE`: feed the iommu:map / iommu:unmap events of a
// Linux ftrace log to a table of FMT, once per IOTLB flush mode, and report
// what it cost: table memory, tables per level, IOTLB syncs, time per op.
#include "cli.h"
#include "progress.h"
#include "trace.h"
#include "walk.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace gpt::cli {

namespace {

struct Args {
	std::string format;
	std::string trace;
	bool strict = false;
	bool json = false;
	bool keep_going = false;
	std::string flush = "each";
	std::string progress = "auto";
	std::string prot = "rw";
	unsigned repeat = 3;
	KnobArgs knobs;
};

struct Parsed {
	std::vector<TraceEvent> events;
	std::uint64_t lines = 0;
	std::uint64_t other_events = 0;
	std::uint64_t malformed = 0;
	std::uint64_t maps = 0;
	std::uint64_t unmaps = 0;
};

constexpr unsigned kMaxReports = 10;

bool want_progress(const Args &a, std::uint64_t amount, std::uint64_t threshold)
{
	if (a.progress == "never")
		return false;
	if (a.progress == "always")
		return true;
	return Progress::stderr_is_tty() && amount >= threshold;
}

Parsed read_trace(const Args &a)
{
	Parsed p;
	std::ifstream file;
	std::istream *in = &std::cin;
	std::uint64_t total = 0;

	if (a.trace != "-") {
		file.open(a.trace);
		if (!file)
			throw std::runtime_error(fmt::format("cannot open {}", a.trace));
		in = &file;
		std::error_code ec;
		total = std::filesystem::file_size(a.trace, ec);
	}
	Progress bar("reading", total, total && want_progress(a, total, 8 << 20));
	std::string line, why;
	std::uint64_t bytes = 0;
	while (std::getline(*in, line)) {
		TraceEvent ev;
		p.lines++;
		bytes += line.size() + 1;
		bar.update(bytes);
		switch (parse_trace_line(line, ev, why)) {
		case TraceLine::ignored:
			break;
		case TraceLine::other_event:
			p.other_events++;
			break;
		case TraceLine::event:
			ev.line = static_cast<std::uint32_t>(p.lines);
			(ev.kind == TraceEvent::Kind::map ? p.maps : p.unmaps)++;
			p.events.push_back(ev);
			break;
		case TraceLine::malformed:
			p.malformed++;
			if (a.strict)
				throw std::runtime_error(fmt::format("{}:{}: malformed line: {}",
								     a.trace, p.lines, why));
			if (p.malformed <= kMaxReports)
				fmt::print(stderr, "genericpt: {}:{}: malformed line skipped: {}\n",
					   a.trace, p.lines, why);
			break;
		}
	}
	bar.finish();
	if (p.malformed > kMaxReports)
		fmt::print(stderr, "genericpt: {}: {} more malformed lines skipped\n", a.trace,
			   p.malformed - kMaxReports);
	return p;
}

struct ModeResult {
	FlushMode mode = FlushMode::all;
	FlushStats flush;
	std::uint64_t ns = 0;
	std::uint64_t peak_bytes = 0;
	std::uint64_t final_bytes = 0;
	TableCounts final_counts;
};

struct Totals {
	std::uint64_t bytes_mapped = 0;
	std::uint64_t bytes_unmapped = 0;
	std::uint64_t largest_map = 0;
	std::uint64_t errors = 0;
	std::uint64_t mismatches = 0;
};

// Replays @events[0, n) into @t. @report: print errors and mismatches and
// fill @tot (first pass only). @after: called after each event.
template <class After>
bool replay_events(Table &t, const Args &a, const std::vector<TraceEvent> &events,
		   std::size_t n, int prot, bool report, Totals &tot, Progress *bar,
		   After &&after)
{
	for (std::size_t i = 0; i != n; i++) {
		const TraceEvent &ev = events[i];
		if (ev.kind == TraceEvent::Kind::map) {
			if (int err = t.try_map(ev.iova, ev.paddr, ev.size, prot)) {
				if (report) {
					tot.errors++;
					if (tot.errors <= kMaxReports || !a.keep_going)
						fmt::print(stderr, "genericpt: {} [{}:{}]\n",
							   LibError("map", ev.iova, err).what(),
							   a.trace, ev.line);
				}
				if (!a.keep_going)
					return false;
			} else if (report) {
				tot.bytes_mapped += ev.size;
				tot.largest_map = std::max(tot.largest_map, ev.size);
			}
		} else {
			std::uint64_t got = t.unmap(ev.iova, ev.size);
			if (report) {
				tot.bytes_unmapped += got;
				if (got != ev.unmapped && ++tot.mismatches <= kMaxReports)
					fmt::print(stderr,
						   "genericpt: note: {}:{}: unmap {:#x} size {:#x} "
						   "unmapped {:#x} here, {:#x} in the trace\n",
						   a.trace, ev.line, ev.iova, ev.size, got,
						   ev.unmapped);
			}
		}
		if (bar)
			bar->update(i);
		after(i);
	}
	return true;
}

std::string level_list(const TableCounts &c)
{
	std::vector<std::string> v;
	for (auto it = c.per_level.rbegin(); it != c.per_level.rend(); ++it)
		v.push_back(fmt::format("L{} {}", it->first, it->second));
	return fmt::format("{}", fmt::join(v, ", "));
}

nlohmann::json level_json(const TableCounts &c)
{
	nlohmann::json j = nlohmann::json::object();
	for (const auto &[lvl, n] : c.per_level)
		j[fmt::format("{}", lvl)] = n;
	return j;
}

void replay(const Args &a)
{
	const Format &f = format_named(a.format);
	const Knobs knobs = resolve_knobs(f, a.knobs);
	auto prot = parse_prot(a.prot);
	if (!prot)
		throw std::invalid_argument("--prot: e.g. rw, r, READ|WRITE");

	std::vector<FlushMode> modes;
	if (a.flush == "each")
		modes = {FlushMode::all, FlushMode::range, FlushMode::range_no_gaps};
	else if (auto m = parse_flush_mode(a.flush))
		modes = {*m};
	else
		throw std::invalid_argument("--flush: each, all, range or range_no_gaps");

	Parsed p = read_trace(a);
	if (p.events.empty())
		throw std::runtime_error(
			fmt::format("{}: no iommu map/unmap events", a.trace));
	const std::size_t n = p.events.size();

	Totals tot;
	std::vector<ModeResult> results;
	std::string config;
	std::vector<std::string> skipped;
	for (FlushMode mode : modes) {
		Knobs k = knobs;
		k.features |= flush_mode_features(mode);
		std::unique_ptr<Table> t;
		try {
			t = f.create(k);
		} catch (const LibError &e) {
			if (e.err() == -EOPNOTSUPP && a.flush == "each") {
				skipped.emplace_back(flush_mode_name(mode));
				continue;
			}
			throw;
		}
		if (config.empty())
			config = describe(*t);
		ModeResult r;
		r.mode = mode;
		// The first pass reports and measures memory; the time is the best
		// of --repeat passes (the machine may be busy).
		for (unsigned rep = 0; rep != std::max(a.repeat, 1u); rep++) {
			const bool first = results.empty() && rep == 0;
			if (rep)
				t = f.create(k);
			genericpt_reset_alloc_stats();
			Progress bar(fmt::format("replay {}", flush_mode_name(mode)), n,
				     want_progress(a, n, 200000));
			Totals scratch;
			auto start = std::chrono::steady_clock::now();
			bool ok = replay_events(*t, a, p.events, n, *prot, first,
						first ? tot : scratch, &bar, [](std::size_t) {});
			auto stop = std::chrono::steady_clock::now();
			bar.finish();
			if (!ok) {
				exit_status = 1;
				return;
			}
			auto ns = static_cast<std::uint64_t>(
				std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start)
					.count());
			if (rep == 0 || ns < r.ns)
				r.ns = ns;
			if (rep)
				continue;
			r.flush = t->flush;
			genericpt_alloc_stats s;
			genericpt_get_alloc_stats(&s);
			r.peak_bytes = s.peak_bytes;
			r.final_bytes = s.live_bytes;
			r.final_counts = count_tables(*t);
		}
		results.push_back(r);
	}
	if (results.empty())
		throw std::runtime_error(fmt::format("{}: no flush mode is supported", f.name()));

	// Where was table memory highest, and which tables were live then?
	// Two more untimed passes with the first mode's configuration.
	std::size_t peak_at = 0;
	TableCounts peak_counts;
	{
		Knobs k = knobs;
		k.features |= flush_mode_features(results[0].mode);
		Totals scratch;
		std::uint64_t best = 0;
		auto t = f.create(k);
		replay_events(*t, a, p.events, n, *prot, false, scratch, nullptr,
			      [&](std::size_t i) {
				      genericpt_alloc_stats s;
				      genericpt_get_alloc_stats(&s);
				      if (s.live_bytes > best) {
					      best = s.live_bytes;
					      peak_at = i;
				      }
			      });
		t.reset();
		t = f.create(k);
		replay_events(*t, a, p.events, peak_at + 1, *prot, false, scratch, nullptr,
			      [](std::size_t) {});
		peak_counts = count_tables(*t);
	}

	const ModeResult &r0 = results[0];
	if (a.json) {
		nlohmann::json flush = nlohmann::json::array();
		for (const auto &r : results)
			flush.push_back({{"mode", flush_mode_name(r.mode)},
					 {"syncs", r.flush.syncs},
					 {"bytes", r.flush.bytes},
					 {"max_range", r.flush.max_range},
					 {"freed_tables", r.flush.freed_tables},
					 {"ns", r.ns},
					 {"ns_per_op", double(r.ns) / double(n)}});
		nlohmann::json j = {
			{"format", f.name()},
			{"config", config},
			{"trace", a.trace},
			{"lines", p.lines},
			{"events", {{"map", p.maps}, {"unmap", p.unmaps}, {"other", p.other_events},
				    {"malformed", p.malformed}}},
			{"ops", n},
			{"bytes_mapped", tot.bytes_mapped},
			{"bytes_unmapped", tot.bytes_unmapped},
			{"largest_map", tot.largest_map},
			{"errors", tot.errors},
			{"unmap_mismatches", tot.mismatches},
			{"table_memory", {{"peak", r0.peak_bytes}, {"final", r0.final_bytes}}},
			{"tables_per_level",
			 {{"peak", level_json(peak_counts)},
			  {"peak_after_line", p.events[peak_at].line},
			  {"final", level_json(r0.final_counts)}}},
			{"flush", flush},
			{"flush_modes_unsupported", skipped},
			{"ns_per_op", double(r0.ns) / double(n)}};
		fmt::print("{}\n", j.dump(2));
	} else {
		fmt::print("replay {} ({}) of {}\n", f.name(), config, a.trace);
		fmt::print("  events         {} ops: {} map, {} unmap ({} lines, {} other events, "
			   "{} malformed)\n",
			   n, p.maps, p.unmaps, p.lines, p.other_events, p.malformed);
		fmt::print("  mapped         {} in {} maps (largest {}); unmapped {}\n",
			   size_str(tot.bytes_mapped), p.maps, size_str(tot.largest_map),
			   size_str(tot.bytes_unmapped));
		fmt::print("  errors         {}; unmap sizes differing from the trace: {}\n",
			   tot.errors, tot.mismatches);
		fmt::print("  table memory   peak {}, final {}\n", size_str(r0.peak_bytes),
			   size_str(r0.final_bytes));
		fmt::print("  tables/level   at peak (line {}): {}; final: {}\n",
			   p.events[peak_at].line, level_list(peak_counts),
			   level_list(r0.final_counts));
		fmt::print("  IOTLB flushes  {:<14} {:>9} {:>14} {:>14} {:>12} {:>9}\n", "mode",
			   "syncs", "bytes", "largest range", "freed tables", "ns/op");
		for (const auto &r : results)
			fmt::print("                 {:<14} {:>9} {:>14} {:>14} {:>12} {:>9.1f}\n",
				   flush_mode_name(r.mode), r.flush.syncs,
				   r.mode == FlushMode::all ? "(all)" : size_str(r.flush.bytes),
				   r.mode == FlushMode::all ? "-" : size_str(r.flush.max_range),
				   r.flush.freed_tables, double(r.ns) / double(n));
		for (const auto &m : skipped)
			fmt::print("                 {:<14} not supported by {}\n", m, f.name());
		fmt::print("  time           {:.3f} ms, {:.1f} ns/op\n", double(r0.ns) / 1e6,
			   double(r0.ns) / double(n));
	}
	if (tot.errors)
		exit_status = 1;
}

} // namespace

void add_replay(CLI::App &app)
{
	auto args = std::make_shared<Args>();
	CLI::App *cmd = app.add_subcommand(
		"replay", "Replay the iommu:map/iommu:unmap events of a Linux ftrace log and "
			  "summarise table memory, IOTLB flushes and time per op");
	cmd->add_option("FMT", args->format, "Format")->required();
	cmd->add_option("TRACE", args->trace, "ftrace text log ('-': stdin)")->required();
	cmd->add_flag("--strict", args->strict, "Fail on the first malformed line");
	cmd->add_flag("--json", args->json, "Print the summary as JSON");
	cmd->add_flag("--keep-going", args->keep_going,
		      "Continue after a failed map (the exit status is still 1)");
	cmd->add_option("--flush", args->flush,
			"IOTLB flush mode(s): each (default: every mode the format supports), "
			"all, range, range_no_gaps")
		->check(CLI::IsMember({"each", "all", "range", "range_no_gaps"}));
	cmd->add_option("--progress", args->progress,
			"Progress bar: auto (long traces on a terminal), always, never")
		->check(CLI::IsMember({"auto", "always", "never"}));
	cmd->add_option("--repeat", args->repeat,
			"Timed passes per flush mode; the best time is reported (default 3)");
	cmd->add_option("--prot", args->prot, "Protection of the replayed maps (default rw)");
	add_knob_options(cmd, args->knobs);
	cmd->callback([args] { replay(*args); });
}

} // namespace gpt::cli
