// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Number, size and protection-flag helpers shared by the tools.
#include "format.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace gpt {

std::string hex(std::uint64_t v)
{
	return fmt::format("{:#x}", v);
}

std::string size_str(std::uint64_t bytes)
{
	static constexpr std::array<std::string_view, 7> units = {
		"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	unsigned top = 0;

	if (bytes == 0)
		return "0 B";
	while (top + 1 < units.size() && bytes >= (1ULL << (10 * (top + 1))))
		top++;
	// Exact in the largest unit, or in a smaller one with a short number;
	// else two decimals in the largest unit.
	for (unsigned u = top + 1; u-- > 0;) {
		std::uint64_t n = bytes >> (10 * u);
		if (bytes % (1ULL << (10 * u)) == 0 && (u == top || n < 10000))
			return fmt::format("{} {}", n, units[u]);
	}
	return fmt::format("{:.2f} {}", double(bytes) / double(1ULL << (10 * top)), units[top]);
}

std::string lg2_size_str(unsigned lg2)
{
	static constexpr std::string_view units = "KMGTPE";

	if (lg2 < 10)
		return fmt::format("{}", 1u << lg2);
	if (lg2 >= 70)
		return fmt::format("2^{}", lg2);
	return fmt::format("{}{}", 1ULL << (lg2 % 10), units[lg2 / 10 - 1]);
}

std::optional<std::uint64_t> parse_u64(std::string_view s)
{
	int base = 10;
	unsigned shift = 0;
	std::uint64_t v = 0;

	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s.remove_prefix(2);
	} else if (!s.empty()) {
		switch (s.back()) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		case 't': case 'T': shift = 40; break;
		default: break;
		}
		if (shift)
			s.remove_suffix(1);
	}
	if (s.empty())
		return std::nullopt;
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
	if (ec != std::errc() || p != s.data() + s.size())
		return std::nullopt;
	if (shift && (v >> (64 - shift)))
		return std::nullopt;
	return v << shift;
}

namespace {
struct ProtName {
	int bit;
	char letter;
	std::string_view name;
};
constexpr ProtName kProts[] = {
	{IOMMU_READ, 'r', "READ"},     {IOMMU_WRITE, 'w', "WRITE"},
	{IOMMU_CACHE, 'c', "CACHE"},   {IOMMU_NOEXEC, 'n', "NOEXEC"},
	{IOMMU_MMIO, 'm', "MMIO"},     {IOMMU_PRIV, 'p', "PRIV"},
};
} // namespace

std::optional<int> parse_prot(std::string_view s)
{
	if (s.empty())
		return std::nullopt;
	if (auto v = parse_u64(s); v && *v <= 0xff)
		return static_cast<int>(*v);
	int prot = 0;
	if (s.find_first_of("|+") == std::string_view::npos &&
	    s.find_first_not_of("rwcnmp") == std::string_view::npos) {
		for (char c : s)
			for (const auto &p : kProts)
				if (p.letter == c)
					prot |= p.bit;
		return prot;
	}
	while (!s.empty()) {
		auto end = s.find_first_of("|+");
		auto word = s.substr(0, end);
		if (word.starts_with("IOMMU_"))
			word.remove_prefix(6);
		bool found = false;
		for (const auto &p : kProts)
			if (p.name == word) {
				prot |= p.bit;
				found = true;
			}
		if (!found)
			return std::nullopt;
		s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
	}
	return prot;
}

std::string prot_str(int prot)
{
	std::string s;

	for (const auto &p : kProts)
		if (prot & p.bit)
			s += p.letter;
	return s.empty() ? "-" : s;
}

std::string attr_bits(std::uint64_t raw, std::span<const BitName> names)
{
	std::string s;

	for (const auto &b : names) {
		if (!(raw >> b.bit & 1))
			continue;
		if (!s.empty())
			s += ' ';
		s += b.name;
	}
	return s;
}

} // namespace gpt
