// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the x86_64 format.
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL x86_64
#define GPT_FN x86_64
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "4level", 0, [](Cfg &c) { c.top_level = 3; } },
		{ "5level", 0, [](Cfg &c) { c.top_level = 4; } },
		{ "enc", 1u << PT_FEAT_X86_64_AMD_ENCRYPT_TABLES,
		  [](Cfg &c) { c.top_level = 3; } },
		/* AMD v2 tables without sign extension: the lower half only. */
		{ "4level_lower", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 47; } },
		{ "5level_lower", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 56; } },
	};
}
inline unsigned format_features()
{
	return (1u << PT_FEAT_X86_64_AMD_ENCRYPT_TABLES) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &c) { c.top_level = 3; }
// Configurations init must refuse with -EINVAL (tests/badinput).
inline std::vector<ConfigCase> format_bad_configs()
{
	return {
		{ "top_level 2", 0, [](Cfg &c) { c.top_level = 2; } },
		{ "top_level 5", 0, [](Cfg &c) { c.top_level = 5; } },
		{ "4 levels below a 48-bit VA", 0,
		  [](Cfg &c) {
			  c.top_level = 3;
			  c.common.hw_max_vasz_lg2 = 39;
		  } },
		{ "sign extension below a 48-bit VA", 1u << PT_FEAT_SIGN_EXTEND,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 47; } },
		{ "5 levels, 47-bit lower half", 0,
		  [](Cfg &c) {
			  c.top_level = 4;
			  c.common.hw_max_vasz_lg2 = 47;
		  } },
	};
}
} // namespace gpt
#endif
