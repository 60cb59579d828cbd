// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptors for RISC-V Sv39/Sv48/Sv57 (riscv_64) and Sv32 (riscv_32).
#include "format_adaptor.h"

namespace gpt {
namespace {

/*
 * What riscv_64 and riscv_32 share: the feature names (one enum for both
 * widths), the hw_info fields (PPN and MODE) and the PTE flag names (Sv32
 * has no PBMT and N; those bits never appear in its 4-byte entries).
 */
template <typename HwInfo> struct RiscvCommon {
	static constexpr std::array<std::string_view, 5> features = {
		"svnapot_64k", "svpbmt", "hw_ad", "gstage", "global"};
	static nlohmann::json hw_json(const HwInfo &h)
	{
		return {{"ppn", hex(h.ppn)}, {"fsc_iosatp_mode", h.fsc_iosatp_mode}};
	}
	static std::uint64_t root(const HwInfo &h) { return h.ppn << 12; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName bits[] = {
			{0, "V"}, {1, "R"}, {2, "W"}, {3, "X"}, {4, "U"}, {5, "G"},
			{6, "A"}, {7, "D"}, {61, "PBMT0"}, {62, "PBMT1"}, {63, "N"}};
		return attr_bits(v.raw, bits);
	}
};

#ifdef GENERICPT_HAVE_FMT_riscv_64

struct Riscv64 : RiscvCommon<struct pt_iommu_riscv_64_hw_info> {
	using table = struct pt_iommu_riscv_64;
	using cfg = struct pt_iommu_riscv_64_cfg;
	using hw_info = struct pt_iommu_riscv_64_hw_info;
	static constexpr std::string_view name = "riscv_64";
	static constexpr std::string_view title =
		"RISC-V Sv39/Sv48/Sv57 (first stage), Sv39x4/48x4/57x4 (G-stage)";
	static constexpr std::string_view levels_help = "--levels 3, 4 or 5 (Sv39/48/57)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(riscv_64)};
	static constexpr auto init = &pt_iommu_riscv_64_init;
	static constexpr auto get_hw_info = &pt_iommu_riscv_64_hw_info;

	static pt_common &common(table &t) { return t.riscv_64pt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.top_level = k.levels.value_or(4) - 1;
		return k.levels.value_or(4) >= 1;
	}
};

#endif

#ifdef GENERICPT_HAVE_FMT_riscv_32
struct Riscv32 : RiscvCommon<struct pt_iommu_riscv_32_hw_info> {
	using table = struct pt_iommu_riscv_32;
	using cfg = struct pt_iommu_riscv_32_cfg;
	using hw_info = struct pt_iommu_riscv_32_hw_info;
	static constexpr std::string_view name = "riscv_32";
	static constexpr std::string_view title = "RISC-V Sv32 (first stage, SXL=1)";
	static constexpr std::string_view levels_help = "--levels 2 (Sv32)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(riscv_32)};
	static constexpr auto init = &pt_iommu_riscv_32_init;
	static constexpr auto get_hw_info = &pt_iommu_riscv_32_hw_info;

	static pt_common &common(table &t) { return t.riscv_32pt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.top_level = k.levels.value_or(2) - 1;
		return k.levels.value_or(2) >= 1;
	}
};
#endif

} // namespace

#ifdef GENERICPT_HAVE_FMT_riscv_64
const Format &format_riscv_64()
{
	static const FormatOf<Riscv64> f;
	return f;
}
#endif

#ifdef GENERICPT_HAVE_FMT_riscv_32
const Format &format_riscv_32()
{
	static const FormatOf<Riscv32> f;
	return f;
}
#endif

} // namespace gpt
