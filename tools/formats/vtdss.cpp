// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for Intel VT-d second-stage tables.
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_vtdss
namespace gpt {
namespace {

struct Vtdss {
	using table = struct pt_iommu_vtdss;
	using cfg = struct pt_iommu_vtdss_cfg;
	using hw_info = struct pt_iommu_vtdss_hw_info;
	static constexpr std::string_view name = "vtdss";
	static constexpr std::string_view title = "Intel VT-d second-stage table";
	static constexpr std::array<std::string_view, 2> features = {
		"force_coherence", "force_writeable"};
	static constexpr std::string_view levels_help = "--levels 3, 4 or 5 (AGAW 39/48/57)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(vtdss)};
	static constexpr auto init = &pt_iommu_vtdss_init;
	static constexpr auto get_hw_info = &pt_iommu_vtdss_hw_info;

	static pt_common &common(table &t) { return t.vtdss_pt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.top_level = k.levels.value_or(4) - 1;
		return k.levels.value_or(4) >= 1;
	}
	static nlohmann::json hw_json(const hw_info &h)
	{
		return {{"ssptptr", hex(h.ssptptr)}, {"aw", h.aw}};
	}
	static std::uint64_t root(const hw_info &h) { return h.ssptptr; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName bits[] = {{0, "R"}, {1, "W"}, {2, "X"},  {6, "IPAT"},
						   {7, "PS"}, {8, "A"}, {9, "D"}, {11, "SNP"}};
		return attr_bits(v.raw, bits);
	}
};

} // namespace

const Format &format_vtdss()
{
	static const FormatOf<Vtdss> f;
	return f;
}

} // namespace gpt
#endif
