// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for x86-64 4/5-level paging (AMD v2, VT-d first stage).
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_x86_64
namespace gpt {
namespace {

struct X86_64 {
	using table = struct pt_iommu_x86_64;
	using cfg = struct pt_iommu_x86_64_cfg;
	using hw_info = struct pt_iommu_x86_64_hw_info;
	static constexpr std::string_view name = "x86_64";
	static constexpr std::string_view title =
		"x86-64 4/5-level paging (AMD IOMMU v2, VT-d first stage)";
	static constexpr std::array<std::string_view, 1> features = {"encrypt_tables"};
	static constexpr std::string_view levels_help = "--levels 4 or 5";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(x86_64)};
	static constexpr auto init = &pt_iommu_x86_64_init;
	static constexpr auto get_hw_info = &pt_iommu_x86_64_hw_info;

	static pt_common &common(table &t) { return t.x86_64_pt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.top_level = k.levels.value_or(4) - 1;
		return k.levels.value_or(4) >= 1;
	}
	static nlohmann::json hw_json(const hw_info &h)
	{
		return {{"gcr3_pt", hex(h.gcr3_pt)}, {"levels", h.levels}};
	}
	static std::uint64_t root(const hw_info &h) { return h.gcr3_pt; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName leaf0[] = {{0, "P"}, {1, "RW"}, {2, "US"}, {3, "PWT"},
						    {4, "PCD"}, {5, "A"}, {6, "D"}, {7, "PAT"},
						    {8, "G"}, {63, "XD"}};
		static constexpr BitName upper[] = {{0, "P"}, {1, "RW"}, {2, "US"}, {3, "PWT"},
						    {4, "PCD"}, {5, "A"}, {6, "D"}, {7, "PS"},
						    {8, "G"}, {63, "XD"}};
		return attr_bits(v.raw, v.level ? std::span(upper) : std::span(leaf0));
	}
};

} // namespace

const Format &format_x86_64()
{
	static const FormatOf<X86_64> f;
	return f;
}

} // namespace gpt
#endif
