// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The dart (16 KiB pages) tables read by the Apple DART reference walker,
// and the format's own cases: both PTE layouts bit by bit, output-size
// limits, the TTBR.
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "dart_walker.h"
#else

GPT_TEST("oracle", "pte_layouts")
{
	using namespace gpt::oracle;
	const u64 g = 16384;
	struct Case {
		int prot;
		u64 v1_bits, v2_bits; /* expected permission/cache bits */
	} cases[] = {
		/* v1: bit 8 no-read, bit 7 no-write, bit 1 subpage disable;
		 * v2: bit 3 no-read, bit 2 no-write, bit 1 no-cache. */
		{ IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE, 0x2, 0x0 },
		{ IOMMU_READ | IOMMU_WRITE, 0x2, 0x2 },
		{ IOMMU_READ, 0x82, 0x6 },
		{ IOMMU_WRITE | IOMMU_CACHE, 0x102, 0x8 },
	};
	for (const char *name : { "v1", "v2" }) {
		DYNAMIC_SECTION(name)
		{
			ConfigCase cc = dart_case(name);
			bool v2 = cc.features & (1u << PT_FEAT_DART_V2);
			Table t(cc);
			/* PA with high and low address bits of the layout set. */
			u64 pa = v2 ? (u64(0x2a5) << 32) | (0x5a5a5ull << 14) :
				      (u64(0xa) << 32) | (0x5a5a5ull << 14);
			for (auto &c : cases) {
				INFO("prot " << c.prot);
				REQUIRE(t.map(5 * g, pa, g, c.prot) == 0);
				auto leaves = t.leaves();
				REQUIRE(leaves.size() == 1);
				u64 raw = leaves[0].raw;
				u64 addr = v2 ? (pa >> 4) : pa;
				u64 sp = u64(0xfff) << 40; /* subpage start 0, end 0xfff */
				REQUIRE(raw == (1 | addr | sp | (v2 ? c.v2_bits : c.v1_bits)));
				Walker w(t, cc, false);
				auto tr = w.walk(5 * g + 123, hw::Access::Read);
				REQUIRE(tr.oa == pa + 123);
				REQUIRE(tr.page_size == g);
				/* The L1 entry: the L2 table's address and the valid bit. */
				auto ptrs = std::vector<u64>();
				t.iommu()->ops->for_each_entry(
					t.iommu(),
					[](void *ctx, const pt_iommu_visit *v) {
						if (v->kind == PT_VISIT_POINTER)
							static_cast<std::vector<u64> *>(ctx)->push_back(
								v->raw);
						return 0;
					},
					&ptrs);
				REQUIRE(ptrs.size() == 1);
				u64 l2 = 0;
				for (auto &[tpa, level] : t.tables())
					if (level == 0)
						l2 = tpa;
				REQUIRE(ptrs[0] == (1 | (v2 ? l2 >> 4 : l2)));
				REQUIRE(t.unmap(5 * g, g) == g);
			}
		}
	}
}

GPT_TEST("oracle", "output_size_limits")
{
	using namespace gpt::oracle;
	const u64 g = 16384;
	for (const char *name : { "v1", "v2" }) {
		DYNAMIC_SECTION(name)
		{
			ConfigCase cc = dart_case(name);
			bool v2 = cc.features & (1u << PT_FEAT_DART_V2);
			unsigned oas = v2 ? 42 : 36;
			Table t(cc);
			Snapshot before = snapshot_tables();
			REQUIRE(t.map(8 * g, u64(1) << oas, g) == -ERANGE);
			REQUIRE(t.map(8 * g, (u64(1) << oas) - g, 2 * g) == -ERANGE);
			REQUIRE(snapshot_tables() == before);
			REQUIRE(t.map(8 * g, (u64(1) << oas) - g, g) == 0);
			Model m;
			std::mt19937_64 rng(5);
			m.insert(8 * g, { g, (u64(1) << oas) - g, IOMMU_READ | IOMMU_WRITE });
			check_all(t, cc, m, rng);
		}
	}
	SECTION("hw_max_oasz_lg2 narrows v2")
	{
		Cfg c{};
		c.common.features = 1u << PT_FEAT_DART_V2;
		c.common.hw_max_oasz_lg2 = 36;
		Table t(c);
		REQUIRE(t.init_ret == 0);
		REQUIRE(t.map(0, u64(1) << 36, g) == -ERANGE);
		REQUIRE(t.map(0, (u64(1) << 36) - g, g) == 0);
	}
}

GPT_TEST("oracle", "ttbrs")
{
	using namespace gpt::oracle;
	const u64 g = 16384;
	struct Want {
		const char *name;
		unsigned n;
	} wants[] = { { "v1", 1 }, { "v2", 1 }, { "v1_ias36", 1 }, { "v2_ias36", 1 } };
	for (auto &w : wants) {
		DYNAMIC_SECTION(w.name)
		{
			ConfigCase cc = dart_case(w.name);
			Table t(cc);
			HwInfo h = t.hw_info();
			REQUIRE(h.num_ttbr == w.n);
			auto tables = t.tables();
			REQUIRE(tables.size() == 1);
			u64 root = tables.begin()->first;
			/* One page per TTBR, adjacent, each page aligned. */
			for (unsigned i = 0; i < 4; i++)
				REQUIRE(h.ttbr[i] == (i < w.n ? root + i * g : 0));
			REQUIRE(root % (w.n * g) == 0);
			/* A page behind every TTBR, found through that TTBR. */
			Model m;
			std::mt19937_64 rng(11);
			u64 span = t.aperture_end() / w.n + 1;
			for (unsigned i = 0; i < w.n; i++) {
				u64 va = i * span + span / 2 + 3 * g;
				if (!Table::api_reaches(va, 2 * g))
					continue; /* 32-bit hosts */
				REQUIRE(t.map(va, (i + 1) * 64 * g, 2 * g) == 0);
				m.insert(va, { 2 * g, (i + 1) * 64 * g, IOMMU_READ | IOMMU_WRITE });
			}
			check_all(t, cc, m, rng);
			/* The walker resolves the TTBR index itself from the iova. */
			Walker wk(t, cc, false);
			for (unsigned i = 0; i < w.n; i++) {
				u64 va = i * span + span / 2 + 3 * g;
				if (!Table::api_reaches(va, 2 * g))
					continue;
				REQUIRE(va >> (14 + 22) == i);
				REQUIRE(wk.walk(va, hw::Access::Read).oa == (i + 1) * 64 * g);
			}
			if (w.n < 4)
				REQUIRE(wk.walk(u64(w.n) << 36, hw::Access::Read).fault !=
					hw::Fault::None);
		}
	}
	SECTION("ias above two levels is clamped: one TTBR with 16 KiB")
	{
		Cfg c{};
		c.common.hw_max_vasz_lg2 = 40;
		Table t(c);
		REQUIRE(t.init_ret == 0);
		REQUIRE(t.aperture_end() == (u64(1) << 36) - 1);
		REQUIRE(t.hw_info().num_ttbr == 1);
	}
}

GPT_TEST("oracle", "tables_below_pointer_limit")
{
	using namespace gpt::oracle;
	const u64 g = 16384;
	Table t(dart_case("v2"));
	for (u64 i = 0; i < 32; i++)
		REQUIRE(t.map(i * (u64(1) << 25) + g, i * g, g) == 0);
	auto tables = t.tables();
	REQUIRE(tables.size() == 33);
	for (auto &[pa, level] : tables) {
		REQUIRE(pa + g <= (u64(1) << 36));
		REQUIRE(pa % g == 0);
	}
}

#endif
