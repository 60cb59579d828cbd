// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the vtdss format (VT-d second stage).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL vtdss
#define GPT_FN vtdss
#else

namespace gpt {
inline std::vector<ConfigCase> format_configs()
{
	return {
		{ "4level", 0, [](Cfg &c) { c.top_level = 3; } },
		{ "3level", 0, [](Cfg &c) { c.top_level = 2; } },
		{ "5level", 0, [](Cfg &c) { c.top_level = 4; } },
		{ "agaw48_mgaw46", 0,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 46; } },
		{ "snp", 1u << PT_FEAT_VTDSS_FORCE_COHERENCE,
		  [](Cfg &c) { c.top_level = 3; } },
	};
}
// Features the format can switch, tested on and off. FORCE_WRITEABLE
// refuses read-only maps, which the generic suites make: it is tested in
// cfg/vtdss_features.cpp.
inline unsigned format_features()
{
	return (1u << PT_FEAT_VTDSS_FORCE_COHERENCE) |
	       (1u << PT_FEAT_VTDSS_FORCE_WRITEABLE) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}
inline void base_config(Cfg &c) { c.top_level = 3; }
} // namespace gpt
#endif
