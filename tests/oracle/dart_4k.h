// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The dart_4k (4 KiB pages, DART1 layout) tables read by the Apple DART
// reference walker, and the variant's own cases.
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "dart_walker.h"
#else

GPT_TEST("oracle", "v2_layout_refused")
{
	u64 base = live_tables();
	Cfg c{};
	c.common.features = 1u << PT_FEAT_DART_V2;
	Tbl tbl{};
	REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EOPNOTSUPP);
	REQUIRE(live_tables() == base);
}

GPT_TEST("oracle", "ttbrs_4k")
{
	using namespace gpt::oracle;
	const u64 g = 4096;
	struct Want {
		const char *name;
		unsigned n;
	} wants[] = { { "ias32", 4 }, { "ias31", 2 }, { "ias30", 1 } };
	for (auto &w : wants) {
		DYNAMIC_SECTION(w.name)
		{
			ConfigCase cc = dart_case(w.name);
			Table t(cc);
			HwInfo h = t.hw_info();
			REQUIRE(h.num_ttbr == w.n);
			u64 root = t.tables().begin()->first;
			for (unsigned i = 0; i < 4; i++)
				REQUIRE(h.ttbr[i] == (i < w.n ? root + i * g : 0));
			Model m;
			std::mt19937_64 rng(13);
			u64 span = t.aperture_end() / w.n + 1;
			for (unsigned i = 0; i < w.n; i++) {
				u64 va = i * span + span - 2 * g;
				REQUIRE(t.map(va, (i + 1) * 16 * g, 2 * g, IOMMU_READ) == 0);
				m.insert(va, { 2 * g, (i + 1) * 16 * g, IOMMU_READ });
				/* v1 leaf: PA in place, no-write (bit 7), SP_DIS. */
				for (auto &l : t.leaves())
					if (l.va == va)
						REQUIRE(l.raw == (1 | ((i + 1) * 16 * g) |
								  (u64(0xfff) << 40) | 0x82));
			}
			check_all(t, cc, m, rng);
		}
	}
	SECTION("ias above four TTBRs is clamped")
	{
		Cfg c{};
		c.common.hw_max_vasz_lg2 = 40;
		Table t(c);
		REQUIRE(t.init_ret == 0);
		REQUIRE(t.aperture_end() == (u64(1) << 32) - 1);
		REQUIRE(t.hw_info().num_ttbr == 4);
	}
	SECTION("OA limit 36 bits")
	{
		Table t(dart_case("ias32"));
		REQUIRE(t.map(0, u64(1) << 36, g) == -ERANGE);
		REQUIRE(t.map(0, (u64(1) << 36) - g, g) == 0);
	}
}

#endif
