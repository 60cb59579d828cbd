// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the riscv_64 format (Sv39/Sv48/Sv57, x4 G-stage).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL riscv_64
#define GPT_FN riscv_64
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	const unsigned ad = 1u << PT_FEAT_RISCV_HW_AD;
	const unsigned napot = 1u << PT_FEAT_RISCV_SVNAPOT_64K;
	return {
		{ "sv48_ad", ad, [](Cfg &c) { c.top_level = 3; } },
		{ "sv39", 0, [](Cfg &c) { c.top_level = 2; } },
		{ "sv57_napot", napot, [](Cfg &c) { c.top_level = 4; } },
		{ "sv48_napot_ad", napot | ad,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 48; } },
		{ "sv39_sext_ad", ad | (1u << PT_FEAT_SIGN_EXTEND),
		  [](Cfg &c) { c.top_level = 2; } },
		{ "sv39x4_ad", ad | (1u << PT_FEAT_RISCV_GSTAGE),
		  [](Cfg &c) { c.top_level = 2; } },
		{ "sv48x4_napot", napot | (1u << PT_FEAT_RISCV_GSTAGE),
		  [](Cfg &c) { c.top_level = 3; } },
		{ "sv57_all", napot | ad | (1u << PT_FEAT_SIGN_EXTEND) |
				      (1u << PT_FEAT_RISCV_GLOBAL) |
				      (1u << PT_FEAT_RISCV_SVPBMT),
		  [](Cfg &c) { c.top_level = 4; } },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_RISCV_SVNAPOT_64K) | (1u << PT_FEAT_RISCV_HW_AD) |
	       (1u << PT_FEAT_RISCV_GSTAGE) | (1u << PT_FEAT_RISCV_GLOBAL) |
	       (1u << PT_FEAT_RISCV_SVPBMT) | (1u << PT_FEAT_SIGN_EXTEND) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
// Sv48 with hardware A/D updates, so dirty tracking is exercised.
inline void base_config(Cfg &c)
{
	c.top_level = 3;
	c.common.features = 1u << PT_FEAT_RISCV_HW_AD;
}
} // namespace gpt
#endif
