// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Table shapes the generic suites run on for armv8 (every granule, LPA2,
// AArch32) and the fixed-granule armv8_4k/16k/64k. The generic suites work
// from VA 0 with OAs below 2^39, so TTBR1 (upper range) tables and small
// input sizes are covered by tests/armv8/walker_suite.cpp.
// GPT_ARMV8_GRANULE_LG2: the fixed granule; 0 for the runtime library.
#pragma once

namespace gpt {

enum : unsigned {
	ARMV8_S2 = 1u << PT_FEAT_ARMV8_S2,
	ARMV8_DBM = 1u << PT_FEAT_ARMV8_DBM,
	ARMV8_NS = 1u << PT_FEAT_ARMV8_NS,
	ARMV8_FWB = 1u << PT_FEAT_ARMV8_S2FWB,
	ARMV8_LPA = 1u << PT_FEAT_ARMV8_LPA,
	ARMV8_LPA2 = 1u << PT_FEAT_ARMV8_LPA2,
	ARMV8_TTBR1 = 1u << PT_FEAT_ARMV8_TTBR1,
	ARMV8_LVA = 1u << PT_FEAT_ARMV8_LVA,
	ARMV8_AARCH32 = 1u << PT_FEAT_ARMV8_AARCH32,
};

/* The cases of one granule @g; @set_granule: name it in the cfg. */
inline std::vector<ConfigCase> armv8_granule_configs(unsigned g, bool set_granule)
{
	/* Names carry the granule in the runtime library's list; interned in
	 * a node-based set: the pointers stay valid, repeats add nothing. */
	auto nm = [&](const char *n) {
		static std::set<std::string> names;
		return names
			.insert(set_granule ? std::to_string(1u << (g - 10)) + "k/" + n :
					      std::string(n))
			.first->c_str();
	};
	auto gr = [=](std::function<void(Cfg &)> f) {
		return [=](Cfg &c) {
			if (set_granule)
				c.granule_lg2sz = g;
			f(c);
		};
	};
	std::vector<ConfigCase> v = {
		{ nm("s1_48"), 0, gr([](Cfg &c) { c.common.hw_max_vasz_lg2 = 48; }) },
		{ nm("s1_42_dbm_ns"), ARMV8_DBM | ARMV8_NS,
		  gr([](Cfg &c) { c.common.hw_max_vasz_lg2 = 42; }) },
		/* Below 48 output bits the tables live below 4 GiB. */
		{ nm("s1_oas40"), 0, gr([](Cfg &c) { c.common.hw_max_oasz_lg2 = 40; }) },
		/* 16K: 2 concatenated level 1 tables (no level 0 start). */
		{ nm("s2_48"), ARMV8_S2, gr([](Cfg &c) { c.common.hw_max_vasz_lg2 = 48; }) },
		/* 16 concatenated start tables (2^17 items with 64K). */
		{ nm("s2_concat16"), ARMV8_S2, gr([g](Cfg &c) {
			  c.common.hw_max_vasz_lg2 = g == 12 ? 43 : g == 14 ? 40 : 46;
		  }) },
		{ nm("s2_dbm_fwb"), ARMV8_S2 | ARMV8_DBM | ARMV8_FWB,
		  gr([](Cfg &c) { c.common.hw_max_vasz_lg2 = 44; }) },
	};
	if (g == 16) {
		v.push_back({ nm("s1_lpa_52"), ARMV8_LPA | ARMV8_LVA, gr([](Cfg &c) {
				      c.common.hw_max_vasz_lg2 = 52;
				      c.common.hw_max_oasz_lg2 = 52;
			      }) });
		v.push_back({ nm("s2_lpa_dbm"), ARMV8_S2 | ARMV8_LPA | ARMV8_DBM,
			      gr([](Cfg &c) { c.common.hw_max_oasz_lg2 = 52; }) });
	}
	if (set_granule && g != 16) {
		/* FEAT_LPA2: 52-bit VA and OA (4K: a level -1 start). */
		v.push_back({ nm("s1_lpa2_52"), ARMV8_LPA2 | ARMV8_DBM, gr([](Cfg &c) {
				      c.common.hw_max_vasz_lg2 = 52;
				      c.common.hw_max_oasz_lg2 = 52;
			      }) });
		v.push_back({ nm("s2_lpa2_52"), ARMV8_S2 | ARMV8_LPA2, gr([](Cfg &c) {
				      c.common.hw_max_vasz_lg2 = 52;
				      c.common.hw_max_oasz_lg2 = 52;
			      }) });
	}
	if (set_granule && g == 12) {
		/* VMSAv8-32 long descriptors: 32-bit VA, 40-bit IPA and OA. */
		v.push_back({ nm("a32_s1_32"), ARMV8_AARCH32 | ARMV8_NS, gr([](Cfg &c) {
				      c.common.hw_max_vasz_lg2 = 32;
				      c.common.hw_max_oasz_lg2 = 40;
			      }) });
		v.push_back({ nm("a32_s2_40"), ARMV8_AARCH32 | ARMV8_S2, gr([](Cfg &c) {
				      c.common.hw_max_vasz_lg2 = 40;
				      c.common.hw_max_oasz_lg2 = 40;
			      }) });
	}
	return v;
}

inline std::vector<ConfigCase> format_configs()
{
#if GPT_ARMV8_GRANULE_LG2
	return armv8_granule_configs(GPT_ARMV8_GRANULE_LG2, false);
#else
	std::vector<ConfigCase> v;
	for (unsigned g : { 12u, 14u, 16u })
		for (auto &c : armv8_granule_configs(g, true))
			v.push_back(c);
	return v;
#endif
}

// Features the format can switch, tested on and off.
inline unsigned format_features()
{
	return ARMV8_S2 | ARMV8_DBM | ARMV8_NS | ARMV8_FWB | ARMV8_TTBR1 |
	       (GPT_ARMV8_GRANULE_LG2 == 16 || !GPT_ARMV8_GRANULE_LG2 ?
			(unsigned)(ARMV8_LPA | ARMV8_LVA) : 0u) |
	       (!GPT_ARMV8_GRANULE_LG2 ? (unsigned)(ARMV8_LPA2 | ARMV8_AARCH32) : 0u) |
	       (1u << PT_FEAT_DMA_INCOHERENT) | (1u << PT_FEAT_FLUSH_RANGE) |
	       (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS);
}

// 16K: 47 bits, so the start table is a full one (48 bits would give a
// 2-item start table, which the generic fmt tests index past). The runtime
// library's base is the 4K granule.
inline void base_config(Cfg &c)
{
	c.common.hw_max_vasz_lg2 = GPT_ARMV8_GRANULE_LG2 == 14 ? 47 : 48;
	if (!GPT_ARMV8_GRANULE_LG2)
		c.granule_lg2sz = 12;
}

} // namespace gpt
