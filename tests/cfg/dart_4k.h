// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the dart_4k format (Apple DART, 4 KiB pages, v1
// layout only).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL dart
#define GPT_FN dart_4k
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		/* A 32-bit IOVA needs four TTBRs with 4 KiB pages. */
		{ "ias32", 0, [](Cfg &) {} },
		{ "ias30", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 30; } },
		{ "ias31", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 31; } },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &) {}
} // namespace gpt
#endif
