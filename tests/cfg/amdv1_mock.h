// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the amdv1_mock format (AMDv1 with a 2 KiB granule).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL amdv1
#define GPT_FN amdv1_mock
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "l3", 0, [](Cfg &c) { c.starting_level = 3; } },
		{ "dyn_l1", 1u << PT_FEAT_DYNAMIC_TOP,
		  [](Cfg &c) { c.starting_level = 1; } },
	};
}
inline unsigned format_features()
{
	return (1u << PT_FEAT_DYNAMIC_TOP) | (1u << PT_FEAT_DMA_INCOHERENT) |
	       (1u << PT_FEAT_FLUSH_RANGE) | (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &c) { c.starting_level = 3; }
// Configurations init must refuse with -EINVAL (tests/badinput).
inline std::vector<ConfigCase> format_bad_configs()
{
	return {
		{ "starting_level 5", 0, [](Cfg &c) { c.starting_level = 5; } },
		{ "starting_level 255", 0, [](Cfg &c) { c.starting_level = 255; } },
	};
}
} // namespace gpt
#endif
