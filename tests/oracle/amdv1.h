// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The amdv1 tables read by the AMD IOMMU host page table walker
// (tests/hw/walk_amdv1.h).
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#define GPT_ORACLE_AMDV1_NS hw::amdv1
#define GPT_ORACLE_AMDV1_G 12
#include "amdv1_walker.h"
#else

/*
 * A leaf of 1 TiB or more sits in level 3, where 512 GiB leaves do not
 * exist (Table 14): cutting it must split the 512 GiB items that can no
 * longer be one leaf through level-2 tables (256 GiB leaves), not fail.
 */
GPT_TEST("oracle", "cut_leaf_above_512g")
{
	using namespace gpt::oracle;
	const u64 G = u64(1) << 30, T = u64(1) << 40;
	if (!Table::api_reaches(2 * T, 2 * T))
		return; /* 32-bit hosts cannot map it */
	for (u64 at : { 2 * T + 3 * G, 2 * T + 512 * G, 3 * T + 700 * G,
			4 * T - 4096 }) {
		DYNAMIC_SECTION("cut at " << std::hex << at)
		{
			ConfigCase cc = config_named("l3");
			Table t(cc);
			Model m;
			std::mt19937_64 rng(3);
			REQUIRE(t.map(2 * T, 6 * T, 2 * T) == 0);
			m.insert(2 * T, { 2 * T, 6 * T, IOMMU_READ | IOMMU_WRITE });
			REQUIRE(t.leaves().size() == 1);
			REQUIRE(t.cut(at) == 0);
			m.split(at);
			check_all(t, cc, m, rng);
			bool starts = false;
			for (auto &l : t.leaves()) {
				REQUIRE(l.size != 512 * G);
				starts |= l.va == at;
			}
			REQUIRE(starts);
			REQUIRE(t.unmap(2 * T, 2 * T) == 2 * T);
			REQUIRE(genericpt_warn_count() == 0);
		}
	}
}

#endif
