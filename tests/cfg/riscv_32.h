// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the riscv_32 format (Sv32).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL riscv_32
#define GPT_FN riscv_32
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	const unsigned ad = 1u << PT_FEAT_RISCV_HW_AD;
	return {
		{ "sv32_ad", ad, [](Cfg &c) { c.top_level = 1; } },
		{ "sv32", 0, [](Cfg &c) { (void)c; } },
		{ "sv32_global_range",
		  (1u << PT_FEAT_RISCV_GLOBAL) | (1u << PT_FEAT_FLUSH_RANGE),
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 32; } },
		{ "sv32_ad_oa32", ad,
		  [](Cfg &c) { c.common.hw_max_oasz_lg2 = 32; } },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_RISCV_HW_AD) | (1u << PT_FEAT_RISCV_GLOBAL) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
// Hardware A/D updates, so dirty tracking is exercised.
inline void base_config(Cfg &c)
{
	c.top_level = 1;
	c.common.features = 1u << PT_FEAT_RISCV_HW_AD;
}
} // namespace gpt
#endif
