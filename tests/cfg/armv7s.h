// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the armv7s format (ARMv7 short descriptors).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL armv7s
#define GPT_FN armv7s
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "oa32", 0, [](Cfg &) {} },
		/* PA[39:32] through supersections (LPAE walkers). */
		{ "oa40", 0, [](Cfg &c) { c.common.hw_max_oasz_lg2 = 40; } },
		{ "ns", 1u << PT_FEAT_ARMV7S_NS, [](Cfg &) {} },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_ARMV7S_NS) | (1u << PT_FEAT_DMA_INCOHERENT) |
	       (1u << PT_FEAT_FLUSH_RANGE) | (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &) {}
} // namespace gpt
#endif
