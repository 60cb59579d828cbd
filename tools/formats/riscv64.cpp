// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for RISC-V Sv39/Sv48/Sv57.
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_riscv64
namespace gpt {
namespace {

struct Riscv64 {
	using table = struct pt_iommu_riscv64;
	using cfg = struct pt_iommu_riscv64_cfg;
	using hw_info = struct pt_iommu_riscv64_hw_info;
	static constexpr std::string_view name = "riscv64";
	static constexpr std::string_view title = "RISC-V Sv39/Sv48/Sv57";
	static constexpr std::array<std::string_view, 1> features = {"svnapot_64k"};
	static constexpr std::string_view levels_help = "--levels 3, 4 or 5 (Sv39/48/57)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(riscv64)};
	static constexpr auto init = &pt_iommu_riscv64_init;
	static constexpr auto get_hw_info = &pt_iommu_riscv64_hw_info;

	static pt_common &common(table &t) { return t.riscv64pt.common; }
	static bool configure(const Knobs &k, cfg &c)
	{
		c.top_level = k.levels.value_or(4) - 1;
		return k.levels.value_or(4) >= 1;
	}
	static nlohmann::json hw_json(const hw_info &h)
	{
		return {{"ppn", hex(h.ppn)}, {"fsc_iosatp_mode", h.fsc_iosatp_mode}};
	}
	static std::uint64_t root(const hw_info &h) { return h.ppn << 12; }
	static std::string attributes(const pt_iommu_visit &v, unsigned)
	{
		static constexpr BitName bits[] = {{0, "V"}, {1, "R"}, {2, "W"}, {3, "X"},
						   {4, "U"}, {5, "G"}, {6, "A"}, {7, "D"},
						   {61, "PBMT0"}, {62, "PBMT1"}, {63, "N"}};
		return attr_bits(v.raw, bits);
	}
};

} // namespace

const Format &format_riscv64()
{
	static const FormatOf<Riscv64> f;
	return f;
}

} // namespace gpt
#endif
