// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for AMD IOMMU v1 (amdv1) and its 2 KiB-granule iommufd
// self-test variant (amdv1_mock): same structs, different library.
#include "format_adaptor.h"

namespace gpt {
namespace {

struct Amdv1Base {
	using table = struct pt_iommu_amdv1;
	using cfg = struct pt_iommu_amdv1_cfg;
	using hw_info = struct pt_iommu_amdv1_hw_info;
	static constexpr std::array<std::string_view, 2> features = {
		"encrypt_tables", "force_coherence"};
	static constexpr std::string_view levels_help = "--levels is the DTE mode";

	static pt_common &common(table &t) { return t.amdpt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.starting_level = k.levels.value_or(4) - 1;
		return k.levels.value_or(4) >= 1;
	}
	static nlohmann::json hw_json(const hw_info &h)
	{
		return {{"host_pt_root", hex(h.host_pt_root)}, {"mode", h.mode}};
	}
	static std::uint64_t root(const hw_info &h) { return h.host_pt_root; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName bits[] = {{0, "PR"}, {5, "A"},   {6, "D"},
						   {60, "FC"}, {61, "IR"}, {62, "IW"}};
		return fmt::format("{} NL{}", attr_bits(v.raw, bits), v.raw >> 9 & 7);
	}
};

#ifdef GENERICPT_HAVE_FMT_amdv1
struct Amdv1 : Amdv1Base {
	static constexpr std::string_view name = "amdv1";
	static constexpr std::string_view title = "AMD IOMMU v1 host page table";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(amdv1)};
	static constexpr auto init = &pt_iommu_amdv1_init;
	static constexpr auto get_hw_info = &pt_iommu_amdv1_hw_info;
};
#endif

#ifdef GENERICPT_HAVE_FMT_amdv1_mock
struct Amdv1Mock : Amdv1Base {
	static constexpr std::string_view name = "amdv1_mock";
	static constexpr std::string_view title =
		"AMD IOMMU v1 layout, 2 KiB granule (iommufd self-test mock)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(amdv1_mock)};
	static constexpr auto init = &pt_iommu_amdv1_mock_init;
	static constexpr auto get_hw_info = &pt_iommu_amdv1_mock_hw_info;
};
#endif

} // namespace

#ifdef GENERICPT_HAVE_FMT_amdv1
const Format &format_amdv1()
{
	static const FormatOf<Amdv1> f;
	return f;
}
#endif
#ifdef GENERICPT_HAVE_FMT_amdv1_mock
const Format &format_amdv1_mock()
{
	static const FormatOf<Amdv1Mock> f;
	return f;
}
#endif

} // namespace gpt
