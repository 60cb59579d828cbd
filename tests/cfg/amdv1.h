// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the amdv1 format: which struct and functions, and
// the table shapes the generic suites run on.
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL amdv1
#define GPT_FN amdv1
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "l3", 0, [](Cfg &c) { c.starting_level = 3; } },
		{ "l2_vasz39", 0, [](Cfg &c) { c.starting_level = 2; } },
		{ "dyn_l0", 1u << PT_FEAT_DYNAMIC_TOP,
		  [](Cfg &c) { c.starting_level = 0; } },
		{ "l5_full", 0, [](Cfg &c) { c.starting_level = 5; } },
		{ "fc_enc", (1u << PT_FEAT_AMDV1_FORCE_COHERENCE) |
				    (1u << PT_FEAT_AMDV1_ENCRYPT_TABLES),
		  [](Cfg &c) { c.starting_level = 3; } },
	};
}
// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return (1u << PT_FEAT_DYNAMIC_TOP) | (1u << PT_FEAT_AMDV1_FORCE_COHERENCE) |
	       (1u << PT_FEAT_AMDV1_ENCRYPT_TABLES) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &c) { c.starting_level = 3; }
// Configurations init must refuse with -EINVAL (tests/badinput).
inline std::vector<ConfigCase> format_bad_configs()
{
	return {
		{ "starting_level 6", 0, [](Cfg &c) { c.starting_level = 6; } },
		{ "starting_level 255", 0, [](Cfg &c) { c.starting_level = 255; } },
		{ "dyn starting_level 6", 1u << PT_FEAT_DYNAMIC_TOP,
		  [](Cfg &c) { c.starting_level = 6; } },
	};
}
} // namespace gpt
#endif
