// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for ARM long-descriptor tables: armv8 (granule from
// --granule, every feature) and the fixed-granule libraries armv8_4k,
// armv8_16k, armv8_64k, all sharing the same structs.
#include "format_adaptor.h"

namespace gpt {
namespace {

template <unsigned GranuleLg2> struct Armv8Base {
	using table = struct pt_iommu_armv8;
	using cfg = struct pt_iommu_armv8_cfg;
	using hw_info = struct pt_iommu_armv8_hw_info;
	static constexpr std::array<std::string_view, 9> features = {
		"ttbr1", "lpa", "lpa2", "lva", "s2", "dbm", "s2fwb", "ns", "aarch32"};
	static constexpr std::string_view levels_help =
		"--levels sets the VA size (granule + levels x index bits, at most 48)";

	static pt_common &common(table &t) { return t.armpt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		if (!k.levels || k.va_bits)
			return true;
		if (*k.levels < 1 || *k.levels > 4)
			return false;
		unsigned g = GranuleLg2 ? GranuleLg2 : c.granule_lg2sz;
		unsigned va = g + *k.levels * (g - 3);
		c.common.hw_max_vasz_lg2 = static_cast<u8>(std::min(va, 48u));
		return true;
	}
	static nlohmann::json hw_json(const hw_info &h)
	{
		nlohmann::json j = {{"ttb", hex(h.ttb)}, {"ttbr", hex(h.ttbr)},
				    {"tcr", hex(h.tcr)},   {"ps", h.ps},
				    {"tsz", h.tsz},        {"tg", h.tg},
				    {"ds", h.ds},          {"aa64", h.aa64},
				    {"sh", h.sh},          {"irgn", h.irgn},
				    {"orgn", h.orgn},      {"start_level", h.start_level},
				    {"num_start_tables", h.num_start_tables}};
		/* The union: stage 1 always has a MAIR (the info starts zeroed,
		 * so a stage 2 table leaves those bytes 0). */
		if (h.s1.mair)
			j["s1"] = {{"tbix", h.s1.tbix}, {"epd0", h.s1.epd0},
				   {"epd1", h.s1.epd1}, {"mair", hex(h.s1.mair)}};
		else
			j["s2"] = {{"sl0", h.s2.sl0}, {"sl2", h.s2.sl2}};
		return j;
	}
	// BADDR: drop the ASID/VMID (63:48) and CnP (0) fields.
	static std::uint64_t root(const hw_info &h) { return h.ttbr & 0x0000fffffffffffeULL; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName bits[] = {{0, "V"},    {1, "T"},      {5, "NS"},
						   {6, "AP1"},  {7, "AP2"},    {10, "AF"},
						   {11, "nG"},  {51, "DBM"},   {52, "Cont"},
						   {53, "PXN"}, {54, "XN"}};
		return fmt::format("{} Attr{}", attr_bits(v.raw, bits), v.raw >> 2 & 7);
	}
};

#ifdef GENERICPT_HAVE_FMT_armv8
struct Armv8 : Armv8Base<0> {
	static constexpr std::string_view name = "armv8";
	static constexpr std::string_view title =
		"ARM VMSAv8-64 / VMSAv8-32 long descriptor, granule from --granule";
	static constexpr unsigned runtime_granule = 12;
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(armv8)};
	static constexpr auto init = &pt_iommu_armv8_init;
	static constexpr auto get_hw_info = &pt_iommu_armv8_hw_info;
};
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_4k
struct Armv8_4k : Armv8Base<12> {
	static constexpr std::string_view name = "armv8_4k";
	static constexpr std::string_view title = "ARM VMSAv8-64, 4 KiB granule";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(armv8_4k)};
	static constexpr auto init = &pt_iommu_armv8_4k_init;
	static constexpr auto get_hw_info = &pt_iommu_armv8_4k_hw_info;
};
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_16k
struct Armv8_16k : Armv8Base<14> {
	static constexpr std::string_view name = "armv8_16k";
	static constexpr std::string_view title = "ARM VMSAv8-64, 16 KiB granule";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(armv8_16k)};
	static constexpr auto init = &pt_iommu_armv8_16k_init;
	static constexpr auto get_hw_info = &pt_iommu_armv8_16k_hw_info;
};
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_64k
struct Armv8_64k : Armv8Base<16> {
	static constexpr std::string_view name = "armv8_64k";
	static constexpr std::string_view title = "ARM VMSAv8-64, 64 KiB granule";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(armv8_64k)};
	static constexpr auto init = &pt_iommu_armv8_64k_init;
	static constexpr auto get_hw_info = &pt_iommu_armv8_64k_hw_info;
};
#endif

} // namespace

#ifdef GENERICPT_HAVE_FMT_armv8
const Format &format_armv8()
{
	static const FormatOf<Armv8> f;
	return f;
}
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_4k
const Format &format_armv8_4k()
{
	static const FormatOf<Armv8_4k> f;
	return f;
}
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_16k
const Format &format_armv8_16k()
{
	static const FormatOf<Armv8_16k> f;
	return f;
}
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_64k
const Format &format_armv8_64k()
{
	static const FormatOf<Armv8_64k> f;
	return f;
}
#endif

} // namespace gpt
