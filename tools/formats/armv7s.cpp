// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for the ARM short-descriptor (v7s) format.
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_armv7s
namespace gpt {
namespace {

struct Armv7s {
	using table = struct pt_iommu_armv7s;
	using cfg = struct pt_iommu_armv7s_cfg;
	using hw_info = struct pt_iommu_armv7s_hw_info;
	static constexpr std::string_view name = "armv7s";
	static constexpr std::string_view title = "ARM short descriptor (32-bit VA)";
	static constexpr std::array<std::string_view, 0> features = {};
	static constexpr std::string_view levels_help = "always 2 levels";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(armv7s)};
	static constexpr auto init = &pt_iommu_armv7s_init;
	static constexpr auto get_hw_info = &pt_iommu_armv7s_hw_info;

	static pt_common &common(table &t) { return t.armv7spt.common; }
	static bool configure(const Knobs &k, cfg &) { return k.levels.value_or(2) == 2; }
	static nlohmann::json hw_json(const hw_info &h)
	{
		return {{"ttbr", hex(h.ttbr)}, {"nmrr", hex(h.nmrr)}, {"prrr", hex(h.prrr)}};
	}
	// TTBR0 with TTBCR.N = 0: a 16 KiB aligned first-level table.
	static std::uint64_t root(const hw_info &h) { return h.ttbr & ~0x3fffULL; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		// Level 1: sections/supersections (B3.5.1); level 0: small and
		// large pages, whose XN bit differs (bit 0 vs bit 15).
		static constexpr BitName section[] = {{2, "B"},   {3, "C"},   {4, "XN"},
						      {10, "AP0"}, {11, "AP1"}, {15, "AP2"},
						      {16, "S"},  {17, "nG"}, {18, "SS"}};
		static constexpr BitName small[] = {{0, "XN"}, {2, "B"},  {3, "C"},  {4, "AP0"},
						    {5, "AP1"}, {9, "AP2"}, {10, "S"}, {11, "nG"}};
		static constexpr BitName large[] = {{2, "B"},  {3, "C"},   {4, "AP0"}, {5, "AP1"},
						    {9, "AP2"}, {10, "S"}, {11, "nG"}, {15, "XN"}};
		if (v.kind != PT_VISIT_LEAF)
			return "";
		if (v.level)
			return attr_bits(v.raw, section);
		return v.raw & 2 ? attr_bits(v.raw, small) : attr_bits(v.raw, large) + " large";
	}
};

} // namespace

const Format &format_armv7s()
{
	static const FormatOf<Armv7s> f;
	return f;
}

} // namespace gpt
#endif
