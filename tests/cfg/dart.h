// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the dart format (Apple DART, 16 KiB pages).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL dart
#define GPT_FN dart
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "v1", 0, [](Cfg &) {} },
		{ "v2", 1u << PT_FEAT_DART_V2, [](Cfg &) {} },
		/* All that two levels of 16 KiB tables translate. */
		{ "v1_ias36", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 36; } },
		{ "v2_ias36", 1u << PT_FEAT_DART_V2,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 36; } },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_DART_V2) | (1u << PT_FEAT_DMA_INCOHERENT) |
	       (1u << PT_FEAT_FLUSH_RANGE) | (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &) {}
} // namespace gpt
#endif
