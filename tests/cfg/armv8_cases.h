// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Table shapes the generic suites run on for armv8_4k/16k/64k. The generic
// suites work from VA 0 with OAs below 2^39, so TTBR1 (upper range) tables
// and small input sizes are covered by tests/armv8/walker_suite.cpp.
#pragma once

namespace gpt {

enum : unsigned {
	ARMV8_S2 = 1u << PT_FEAT_ARMV8_S2,
	ARMV8_DBM = 1u << PT_FEAT_ARMV8_DBM,
	ARMV8_NS = 1u << PT_FEAT_ARMV8_NS,
	ARMV8_FWB = 1u << PT_FEAT_ARMV8_S2FWB,
	ARMV8_LPA = 1u << PT_FEAT_ARMV8_LPA,
	ARMV8_TTBR1 = 1u << PT_FEAT_ARMV8_TTBR1,
	ARMV8_LVA = 1u << PT_FEAT_ARMV8_LVA,
};

inline std::vector<ConfigCase> format_configs()
{
	std::vector<ConfigCase> v = {
		{ "s1_48", 0, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 48; } },
		{ "s1_42_dbm_ns", ARMV8_DBM | ARMV8_NS,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 42; } },
		/* Below 48 output bits the tables live below 4 GiB. */
		{ "s1_oas40", 0, [](Cfg &c) { c.common.hw_max_oasz_lg2 = 40; } },
		/* 16K: 2 concatenated level 1 tables (no level 0 start). */
		{ "s2_48", ARMV8_S2, [](Cfg &c) { c.common.hw_max_vasz_lg2 = 48; } },
		/* 16 concatenated start tables (2^17 items with 64K). */
		{ "s2_concat16", ARMV8_S2,
		  [](Cfg &c) {
			  c.common.hw_max_vasz_lg2 = GPT_ARMV8_GRANULE_LG2 == 12 ? 43 :
						     GPT_ARMV8_GRANULE_LG2 == 14 ? 40 :
										   46;
			  c.s2_concat = true;
		  } },
		{ "s2_dbm_fwb", ARMV8_S2 | ARMV8_DBM | ARMV8_FWB,
		  [](Cfg &c) { c.common.hw_max_vasz_lg2 = 44; } },
	};
#if GPT_ARMV8_GRANULE_LG2 == 16
	v.push_back({ "s1_lpa_52", ARMV8_LPA | ARMV8_LVA, [](Cfg &c) {
			      c.common.hw_max_vasz_lg2 = 52;
			      c.common.hw_max_oasz_lg2 = 52;
		      } });
	v.push_back({ "s2_lpa_dbm", ARMV8_S2 | ARMV8_LPA | ARMV8_DBM,
		      [](Cfg &c) { c.common.hw_max_oasz_lg2 = 52; } });
#endif
	return v;
}

// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return ARMV8_S2 | ARMV8_DBM | ARMV8_NS | ARMV8_FWB | ARMV8_TTBR1 |
	       (GPT_ARMV8_GRANULE_LG2 == 16 ? (unsigned)(ARMV8_LPA | ARMV8_LVA) : 0u) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}

// 16K: 47 bits, so the start table is a full one (48 bits would give a
// 2-item start table, which the generic fmt tests index past).
inline void base_config(Cfg &c)
{
	c.common.hw_max_vasz_lg2 = GPT_ARMV8_GRANULE_LG2 == 14 ? 47 : 48;
}

} // namespace gpt
