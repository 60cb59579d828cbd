// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for x86 PAE paging (3 levels, 32-bit VA).
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_x86pae
namespace gpt {
namespace {

struct X86pae {
	using table = struct pt_iommu_x86pae;
	using cfg = struct pt_iommu_x86pae_cfg;
	using hw_info = struct pt_iommu_x86pae_hw_info;
	static constexpr std::string_view name = "x86pae";
	static constexpr std::string_view title = "x86 PAE paging (32-bit VA)";
	static constexpr std::array<std::string_view, 0> features = {};
	static constexpr std::string_view levels_help = "always 3 levels";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(x86pae)};
	static constexpr auto init = &pt_iommu_x86pae_init;
	static constexpr auto get_hw_info = &pt_iommu_x86pae_hw_info;

	static pt_common &common(table &t) { return t.x86pae_pt.common; }
	static bool configure(const Knobs &k, cfg &) { return k.levels.value_or(3) == 3; }
	static nlohmann::json hw_json(const hw_info &h) { return {{"cr3", hex(h.cr3)}}; }
	static std::uint64_t root(const hw_info &h) { return h.cr3; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName leaf0[] = {{0, "P"}, {1, "RW"}, {2, "US"}, {3, "PWT"},
						    {4, "PCD"}, {5, "A"}, {6, "D"}, {7, "PAT"},
						    {63, "XD"}};
		static constexpr BitName upper[] = {{0, "P"}, {1, "RW"}, {2, "US"}, {3, "PWT"},
						    {4, "PCD"}, {5, "A"}, {6, "D"}, {7, "PS"},
						    {63, "XD"}};
		return attr_bits(v.raw, v.level ? std::span(upper) : std::span(leaf0));
	}
};

} // namespace

const Format &format_x86pae()
{
	static const FormatOf<X86pae> f;
	return f;
}

} // namespace gpt
#endif
