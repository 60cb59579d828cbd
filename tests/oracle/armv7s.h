// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The armv7s tables read by the ARMv7 short-descriptor reference walker
// (tests/hw/walk_armv7s.h), and the format's own cases: supersections
// above 4 GiB, the NS feature, memory attributes, hw_info.
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "walk_armv7s.h"

namespace gpt::oracle {

inline hw::armv7s::Config armv7s_hw(Table &t, bool privileged)
{
	hw::armv7s::Config c;
	c.ttbr_pa = t.hw_info().ttbr & 0xffffc000u; // TTBR0 base, bits[31:14]
	c.privileged = privileged;
	return c;
}

class Walker : public BasicWalker<hw::armv7s::Config, hw::armv7s::walk,
				  hw::armv7s::tables> {
public:
	Walker(Table &t, const ConfigCase &, bool privileged)
		: BasicWalker(armv7s_hw(t, privileged))
	{
	}
};

/* AP[1] (unprivileged access) unless IOMMU_PRIV, AP[2] unless IOMMU_WRITE,
 * XN for IOMMU_NOEXEC; there is no write-only encoding. */
inline Perms expect_perms(const ConfigCase &, int prot, bool privileged, bool)
{
	bool r = privileged || !(prot & IOMMU_PRIV);
	return { r, r && (prot & IOMMU_WRITE), r && !(prot & IOMMU_NOEXEC) };
}

/* B3.5: 4 KiB and 64 KiB pages in level 0, 1 MiB and 16 MiB in level 1;
 * the supersection PA extension is not exercised by the random runs. */
inline Facts facts(Table &, const ConfigCase &)
{
	Facts f;
	f.top = 1;
	f.item_lg2[0] = 12;
	f.item_lg2[1] = 20;
	f.oa_lg2 = 32;
	return f;
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
		 IOMMU_READ | IOMMU_CACHE, IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO };
}

inline ConfigCase armv7s_case(const char *name)
{
	return config_named(name);
}

/* Raw descriptors of every table pointer (first level). */
inline std::vector<u64> pointer_raws(Table &t)
{
	std::vector<u64> out;
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			if (v->kind == PT_VISIT_POINTER)
				static_cast<std::vector<u64> *>(ctx)->push_back(v->raw);
			return 0;
		},
		&out);
	return out;
}

} // namespace gpt::oracle

#else

GPT_TEST("oracle", "supersections_above_4g")
{
	using namespace gpt::oracle;
	const u64 M = u64(1) << 20, SS = 16 * M, G4 = u64(1) << 32;
	SECTION("32-bit OA by default")
	{
		Table t(armv7s_case("oa32"));
		Snapshot before = snapshot_tables();
		REQUIRE(t.map(5 * SS, G4, SS) == -ERANGE);
		REQUIRE(t.map(5 * SS, G4 - SS, 2 * SS) == -ERANGE);
		REQUIRE(snapshot_tables() == before);
		REQUIRE(t.map(5 * SS, G4 - SS, SS) == 0);
		REQUIRE(t.phys(6 * SS - 1) == G4 - 1);
	}
	SECTION("40-bit OA through supersections")
	{
		Table t(armv7s_case("oa40"));
		Model m;
		std::mt19937_64 rng(7);
		const ConfigCase cc = armv7s_case("oa40");
		/* PA[39:32] = 0xab, PA[31:24] = 0x01: every extended bit used. */
		u64 pa = 0xab01000000ull;
		REQUIRE(t.map(3 * SS, pa, 2 * SS) == 0);
		m.insert(3 * SS, { 2 * SS, pa, IOMMU_READ | IOMMU_WRITE });
		/* Sections below 4 GiB then supersections above, in one map. */
		u64 va = 9 * SS - 3 * M;
		REQUIRE(t.map(va, G4 - 3 * M, 3 * M + SS) == 0);
		m.insert(va, { 3 * M + SS, G4 - 3 * M, IOMMU_READ | IOMMU_WRITE });
		/* The top of the 40-bit space. */
		REQUIRE(t.map(20 * SS, (u64(1) << 40) - SS, SS) == 0);
		m.insert(20 * SS, { SS, (u64(1) << 40) - SS, IOMMU_READ | IOMMU_WRITE });
		check_all(t, cc, m, rng);
		for (auto &l : t.leaves())
			if (l.oa >= G4)
				REQUIRE(l.size == SS);

		Snapshot before = snapshot_tables();
		/* Above 4 GiB but not on 16 MiB in VA, OA or length. */
		REQUIRE(t.map(30 * SS, G4, SS + 4096) == -ERANGE);
		REQUIRE(t.map(30 * SS + M, G4, SS) == -ERANGE);
		REQUIRE(t.map(30 * SS, G4 + M, SS) == -ERANGE);
		REQUIRE(t.map(30 * SS, G4, M) == -ERANGE);
		REQUIRE(t.map(30 * SS + M, G4 - M, SS) == -ERANGE);
		/* Beyond 40 bits. */
		REQUIRE(t.map(30 * SS, u64(1) << 40, SS) == -ERANGE);
		/* Splitting a supersection above 4 GiB is impossible. */
		REQUIRE(t.cut(3 * SS + M) == -ERANGE);
		REQUIRE(snapshot_tables() == before);
		/* Below 4 GiB cut still works, and the table is as the model. */
		REQUIRE(t.map(40 * SS, 2 * SS, SS) == 0);
		m.insert(40 * SS, { SS, 2 * SS, IOMMU_READ | IOMMU_WRITE });
		REQUIRE(t.cut(40 * SS + M + 4096) == 0);
		check_all(t, cc, m, rng);
		REQUIRE(t.unmap(3 * SS, 2 * SS) == 2 * SS);
		m.erase(3 * SS);
		check_all(t, cc, m, rng);
	}
}

GPT_TEST("oracle", "ns_feature_on_and_off")
{
	using namespace gpt::oracle;
	const u64 M = u64(1) << 20;
	for (const char *name : { "oa32", "ns" }) {
		DYNAMIC_SECTION(name)
		{
			ConfigCase cc = armv7s_case(name);
			bool ns = cc.features & (1u << PT_FEAT_ARMV7S_NS);
			Table t(cc);
			Model m;
			std::mt19937_64 rng(3);
			REQUIRE(t.map(4 * M, 8 * M, M) == 0);		/* section */
			REQUIRE(t.map(32 * M, 48 * M, 16 * M) == 0);	/* supersection */
			REQUIRE(t.map(64 * M + 4096, 4096, 4096) == 0); /* table + page */
			m.insert(4 * M, { M, 8 * M, IOMMU_READ | IOMMU_WRITE });
			m.insert(32 * M, { 16 * M, 48 * M, IOMMU_READ | IOMMU_WRITE });
			m.insert(64 * M + 4096, { 4096, 4096, IOMMU_READ | IOMMU_WRITE });
			/* B3.5.1: NS is bit 19 of (super)sections, bit 3 of tables. */
			for (auto &l : t.leaves())
				if (l.level == 1)
					REQUIRE(bool(l.raw & (1u << 19)) == ns);
			auto ptrs = pointer_raws(t);
			REQUIRE(ptrs.size() == 1);
			REQUIRE(bool(ptrs[0] & (1u << 3)) == ns);
			check_all(t, cc, m, rng);
		}
	}
}

GPT_TEST("oracle", "memory_attributes_and_remap")
{
	using namespace gpt::oracle;
	Table t(base_case());
	HwInfo h = t.hw_info();
	const u64 M = u64(1) << 20;
	struct Want {
		int prot;
		unsigned tex, cb; /* C in bit 1, B in bit 0 */
		unsigned type;	  /* PRRR TRn: 1 device, 2 normal */
		unsigned rgn;	  /* NMRR IRn/ORn: 0 NC, 1 WBWA */
	} wants[] = {
		{ IOMMU_READ | IOMMU_WRITE, 1, 0, 2, 0 },
		{ IOMMU_READ | IOMMU_CACHE, 1, 3, 2, 1 },
		{ IOMMU_READ | IOMMU_MMIO, 0, 1, 1, 0 },
	};
	for (auto &w : wants) {
		DYNAMIC_SECTION("prot " << w.prot)
		{
			/* 4K small page, 64K large page, 1M section, 16M supersection. */
			REQUIRE(t.map(16 * M + 4096, 0, 4096, w.prot) == 0);
			REQUIRE(t.map(16 * M + 65536, 0, 65536, w.prot) == 0);
			REQUIRE(t.map(20 * M, 0, M, w.prot) == 0);
			REQUIRE(t.map(48 * M, 0, 16 * M, w.prot) == 0);
			unsigned seen = 0;
			for (auto &l : t.leaves()) {
				u32 e = (u32)l.raw;
				unsigned tex, c, b, s, ng;
				/* B3.5.1 descriptor layouts. */
				if (l.level == 1) {
					tex = (e >> 12) & 7, c = (e >> 3) & 1, b = (e >> 2) & 1;
					s = (e >> 16) & 1, ng = (e >> 17) & 1;
				} else if (l.size == 65536) {
					tex = (e >> 12) & 7, c = (e >> 3) & 1, b = (e >> 2) & 1;
					s = (e >> 10) & 1, ng = (e >> 11) & 1;
				} else {
					tex = (e >> 6) & 7, c = (e >> 3) & 1, b = (e >> 2) & 1;
					s = (e >> 10) & 1, ng = (e >> 11) & 1;
				}
				REQUIRE(tex == w.tex);
				REQUIRE(((c << 1) | b) == w.cb);
				REQUIRE(s == 1);
				REQUIRE(ng == 1);
				/* B3.8.3: TEX remap index TEX[0]:C:B into PRRR/NMRR. */
				unsigned n = ((tex & 1) << 2) | (c << 1) | b;
				REQUIRE(((h.prrr >> (2 * n)) & 3) == w.type);
				if (w.type == 2) {
					REQUIRE(((h.nmrr >> (2 * n)) & 3) == w.rgn);
					REQUIRE(((h.nmrr >> (2 * n + 16)) & 3) == w.rgn);
				}
				seen++;
			}
			REQUIRE(seen == 4);
			REQUIRE(t.unmap(0, u64(1) << 31) == 4096 + 65536 + M + 16 * M);
		}
	}
	/* PRRR NS1: normal memory with S = 1 is shareable. */
	REQUIRE((h.prrr & (1u << 19)) != 0);
}

GPT_TEST("oracle", "hw_info_ttbr")
{
	using namespace gpt::oracle;
	for (bool incoherent : { false, true }) {
		DYNAMIC_SECTION("incoherent " << incoherent)
		{
			Table t(base_case(),
				incoherent ? 1u << PT_FEAT_DMA_INCOHERENT : 0);
			HwInfo h = t.hw_info();
			auto tables = t.tables();
			REQUIRE(tables.size() == 1);
			u64 root = tables.begin()->first;
			/* B4.1.154: base bits[31:14], the table is below 4 GiB. */
			REQUIRE((h.ttbr & 0xffffc000u) == root);
			REQUIRE(h.ttbr >> 32 == 0);
			REQUIRE(root % (16 * 1024) == 0);
			/* IRGN = RGN = write-back write-allocate, S, NOS. */
			REQUIRE((h.ttbr & 0x3fff) == (incoherent ? 0u : 0x6au));
		}
	}
}

GPT_TEST("oracle", "tables_below_4g")
{
	using namespace gpt::oracle;
	Table t(base_case());
	for (u64 i = 0; i < 64; i++)
		REQUIRE(t.map(i * (u64(1) << 26) + 4096, i * 4096, 4096) == 0);
	auto tables = t.tables();
	REQUIRE(tables.size() == 65);
	for (auto &[pa, level] : tables) {
		REQUIRE(pa + (level ? 16384 : 1024) <= (u64(1) << 32));
		REQUIRE(pa % (level ? 16384 : 1024) == 0);
	}
}

#endif
