// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the x86pae format.
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL x86pae
#define GPT_FN x86pae
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "pae", 0, [](Cfg &c) { (void)c; } },
		{ "pae_range", 1u << PT_FEAT_FLUSH_RANGE, [](Cfg &c) { (void)c; } },
	};
}
inline unsigned format_features()
{
	return (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &c) { (void)c; }
} // namespace gpt
#endif
