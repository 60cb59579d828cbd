// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Self tests of the AMD IOMMU v1 (and mock) walker on hand-built tables.
#include "test_hw_table_builder.h"
#include "walk_amdv1.h"

using hw::Access;
using hw::Fault;
using hwtest::bit;
using hwtest::slot;

namespace {

constexpr uint64_t PR = bit(0);
constexpr uint64_t A = bit(5);
constexpr uint64_t D = bit(6);
constexpr uint64_t IR = bit(61);
constexpr uint64_t IW = bit(62);

uint64_t nl(unsigned v)
{
	return uint64_t(v) << 9;
}

// Builds AMD v1 style tables with a 4 KiB (hardware) or 2 KiB (mock)
// granule.
struct Amd {
	hwtest::Pages pages;
	hw::HostMemory mem;
	unsigned g;
	hw::amdv1::Config cfg;

	explicit Amd(unsigned mode, unsigned granule_lg2 = 12) : g(granule_lg2)
	{
		cfg.root_pa = pages.alloc();
		cfg.mode = mode;
	}

	unsigned item_lg2(unsigned lvl) const { return g + 9 * lvl; }
	uint64_t idx(uint64_t iova, unsigned lvl) const
	{
		return (iova >> item_lg2(lvl)) & 511;
	}
	// The address field (51:12) holds pa / granule.
	uint64_t addr(uint64_t pa) const { return (pa >> g) << 12; }
	uint64_t table_of(uint64_t e) const
	{
		return ((e >> 12) & ((bit(40)) - 1)) << g;
	}
	uint64_t pde(uint64_t table_pa, unsigned next_level) const
	{
		return PR | IR | IW | nl(next_level) | addr(table_pa);
	}
	uint64_t pte(uint64_t oa) const { return PR | IR | IW | addr(oa); }
	// NextLevel=7 leaf of 2^size_lg2 bytes at oa.
	uint64_t pte_size(uint64_t oa, unsigned size_lg2) const
	{
		const uint64_t field =
			(oa >> g) | ((bit(size_lg2 - g - 1)) - 1);
		return PR | IR | IW | nl(7) | (field << 12);
	}

	// The table at level lvl on the walk of iova, creating PDEs.
	uint64_t path(uint64_t iova, unsigned lvl)
	{
		uint64_t t = cfg.root_pa;
		for (unsigned l = cfg.mode - 1; l > lvl; l--) {
			uint64_t &e = slot(t, idx(iova, l));
			if (!(e & PR))
				e = pde(pages.alloc(), l);
			t = table_of(e);
		}
		return t;
	}
	uint64_t &entry(uint64_t iova, unsigned lvl)
	{
		return slot(path(iova, lvl), idx(iova, lvl));
	}
	// Installs a NextLevel=7 leaf replicated over its entries.
	void map_size(uint64_t iova, unsigned lvl, uint64_t oa, unsigned size_lg2)
	{
		const uint64_t t = path(iova, lvl);
		const uint64_t n = bit(size_lg2 - item_lg2(lvl));
		const uint64_t first = idx(iova, lvl) & ~(n - 1);
		for (uint64_t i = 0; i != n; i++)
			slot(t, first + i) = pte_size(oa, size_lg2);
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		return hw::amdv1::walk_granule(mem, cfg, iova, acc, g);
	}
};

} // namespace

TEST_CASE("hw/amdv1/leaf_4k", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x12345678;
	t.entry(iova, 0) = t.pte(0xabcdef000);

	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0xabcdef678);
	CHECK(tr.page_size == 4096);
	CHECK(tr.level == 0);
	CHECK(tr.read);
	CHECK(tr.write);
	CHECK(tr.exec);
	CHECK_FALSE(tr.dirty);
	HW_REQUIRE_OK(t.walk(iova, Access::Write));

	// The neighbour page has no PTE.
	HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
}

TEST_CASE("hw/amdv1/leaf_2m", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x40000000 + 0x600000 + 0x12345;
	t.entry(iova, 1) = t.pte(0x7fe00000);
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x7fe12345);
	CHECK(tr.page_size == bit(21));
	CHECK(tr.level == 1);
}

TEST_CASE("hw/amdv1/leaf_1g", "[hw][amdv1]")
{
	Amd t(4);
	const uint64_t iova = bit(39) + 3 * bit(30) + 0x1234567;
	t.entry(iova, 2) = t.pte(5 * bit(30));
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 5 * bit(30) + 0x1234567);
	CHECK(tr.page_size == bit(30));
	CHECK(tr.level == 2);
}

TEST_CASE("hw/amdv1/mode1_leaf", "[hw][amdv1]")
{
	// With one level the root table holds the PTEs.
	Amd t(1);
	t.entry(0x5000, 0) = t.pte(0x9000);
	auto tr = t.walk(0x5123);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x9123);
	HW_REQUIRE_FAULT(t.walk(bit(21)), Fault::AddressSize);
}

TEST_CASE("hw/amdv1/top_level_leaf", "[hw][amdv1]")
{
	// Table 15: only a level-6 table (the top of mode 6) is PDEs only; the
	// top table of a smaller mode holds leaves like any table of its level.
	Amd t(3);
	slot(t.cfg.root_pa, 1) = t.pte(bit(30));
	auto tr = t.walk(bit(30) + 0x123);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == bit(30) + 0x123);
	CHECK(tr.page_size == bit(30));
	CHECK(tr.level == 2);
	slot(t.cfg.root_pa, 2) = t.pte_size(bit(31), 31);
	slot(t.cfg.root_pa, 3) = t.pte_size(bit(31), 31);
	tr = t.walk(3 * bit(30) + 5);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == bit(31) + bit(30) + 5);
	CHECK(tr.page_size == bit(31));
	Amd t6(6);
	slot(t6.cfg.root_pa, 1) = t6.pte(0x1000);
	HW_REQUIRE_FAULT(t6.walk(bit(57)), Fault::Encoding);
}

TEST_CASE("hw/amdv1/leaf_512g_unsupported", "[hw][amdv1]")
{
	Amd t(5);
	const uint64_t iova = 3 * bit(39) + 0x1000;
	t.entry(iova, 3) = t.pte(bit(40));
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
}

TEST_CASE("hw/amdv1/nextlevel7_sizes", "[hw][amdv1]")
{
	// Every size a NextLevel=7 leaf can encode at levels 0..3, each
	// replicated over the entries it covers.
	for (unsigned lvl = 0; lvl != 4; lvl++) {
		for (unsigned sz = 12 + 9 * lvl + 1; sz < 12 + 9 * (lvl + 1);
		     sz++) {
			Amd t(5);
			const uint64_t page_iova = 7 * bit(sz);
			const uint64_t oa = 3 * bit(sz);
			t.map_size(page_iova, lvl, oa, sz);
			const uint64_t off = bit(sz) - 8 - bit(12 + 9 * lvl);
			INFO("level " << lvl << " size 2^" << sz);
			auto tr = t.walk(page_iova + off, Access::Write);
			HW_REQUIRE_OK(tr);
			CHECK(tr.page_size == bit(sz));
			CHECK(tr.level == lvl);
			CHECK(tr.oa == oa + off);
			// And through the first replica.
			tr = t.walk(page_iova);
			HW_REQUIRE_OK(tr);
			CHECK(tr.oa == oa);
		}
	}
}

TEST_CASE("hw/amdv1/nextlevel7_replication", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x200000 + 0x30000; // 64 KiB aligned
	t.map_size(iova, 0, 0x5550000, 16);
	const uint64_t table = t.path(iova, 0);
	const uint64_t first = t.idx(iova, 0);
	HW_REQUIRE_OK(t.walk(iova + 0xf123));

	SECTION("A/D may differ between replicas")
	{
		slot(table, first + 3) |= A | D;
		HW_REQUIRE_OK(t.walk(iova + 0x1000));
	}
	SECTION("a replica with other permissions")
	{
		slot(table, first + 15) &= ~IW;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
	SECTION("a missing replica")
	{
		slot(table, first + 7) = 0;
		HW_REQUIRE_FAULT(t.walk(iova + 0x3000), Fault::Encoding);
		HW_REQUIRE_FAULT(t.walk(iova + 0x7000), Fault::NotPresent);
	}
	SECTION("a replica with another address")
	{
		slot(table, first) = t.pte_size(0x5560000, 16);
		HW_REQUIRE_FAULT(t.walk(iova + 0x2000), Fault::Encoding);
	}
}

TEST_CASE("hw/amdv1/nextlevel7_bad_size", "[hw][amdv1]")
{
	Amd t(3);
	SECTION("size of the parent entry")
	{
		// A 2 MiB page in a level-0 table: must be a level-1 leaf.
		t.map_size(0, 0, 0x40000000, 21);
		HW_REQUIRE_FAULT(t.walk(0x1000), Fault::Encoding);
	}
	SECTION("size of the level itself")
	{
		// 2 MiB encoded with NextLevel=7 in a level-1 table.
		t.entry(0x200000, 1) = t.pte_size(0x40000000, 21);
		HW_REQUIRE_FAULT(t.walk(0x200000), Fault::Encoding);
	}
	SECTION("no zero bit in the address field")
	{
		t.entry(0x3000, 0) = PR | IR | IW | nl(7) | (((bit(40)) - 1) << 12);
		HW_REQUIRE_FAULT(t.walk(0x3000), Fault::Encoding);
	}
}

TEST_CASE("hw/amdv1/not_present", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x40201000;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent); // level 2
	t.path(iova, 1);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent); // level 1
	t.path(iova, 0);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent); // level 0
	// PR=0 with everything else set is still not present.
	t.entry(iova, 0) = t.pte(0x1000) & ~PR;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	t.entry(iova, 0) |= PR;
	HW_REQUIRE_OK(t.walk(iova));
}

TEST_CASE("hw/amdv1/permissions", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t ro = 0x1000, wo = 0x2000, none = 0x3000;
	t.entry(ro, 0) = t.pte(0x10000) & ~IW;
	t.entry(wo, 0) = t.pte(0x20000) & ~IR;
	t.entry(none, 0) = t.pte(0x30000) & ~(IR | IW);

	auto tr = t.walk(ro);
	HW_REQUIRE_OK(tr);
	CHECK(tr.read);
	CHECK_FALSE(tr.write);
	CHECK(tr.exec);
	HW_REQUIRE_FAULT(t.walk(ro, Access::Write), Fault::Permission);
	HW_REQUIRE_OK(t.walk(ro, Access::Exec));

	HW_REQUIRE_OK(t.walk(wo, Access::Write));
	HW_REQUIRE_FAULT(t.walk(wo, Access::Read), Fault::Permission);
	// No execute control: execute follows IR.
	HW_REQUIRE_FAULT(t.walk(wo, Access::Exec), Fault::Permission);

	HW_REQUIRE_FAULT(t.walk(none, Access::Read), Fault::Permission);
	HW_REQUIRE_FAULT(t.walk(none, Access::Write), Fault::Permission);

	// IR/IW of the PDEs are ANDed with the PTE's.
	const uint64_t iova = bit(30) + 0x5000;
	t.entry(iova, 0) = t.pte(0x50000);
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	slot(t.path(iova, 1), t.idx(iova, 1)) &= ~IW;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	slot(t.cfg.root_pa, t.idx(iova, 2)) &= ~IR;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);
}

TEST_CASE("hw/amdv1/reserved_bits", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x7000;
	uint64_t &pte = t.entry(iova, 0);
	uint64_t &pde = slot(t.path(iova, 1), t.idx(iova, 1));
	const uint64_t good_pte = t.pte(0x8000);
	const uint64_t good_pde = pde;

	for (unsigned b = 52; b <= 58; b++) {
		pte = good_pte | bit(b);
		INFO("PTE bit " << b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	// U (59), FC (60) and bit 63 are not reserved in a PTE.
	pte = good_pte | bit(59) | bit(60) | bit(63);
	HW_REQUIRE_OK(t.walk(iova));
	pte = good_pte;

	for (unsigned b = 52; b <= 60; b++) {
		pde = good_pde | bit(b);
		INFO("PDE bit " << b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	pde = good_pde | bit(63) | D;
	HW_REQUIRE_OK(t.walk(iova));
}

TEST_CASE("hw/amdv1/next_level_encoding", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x40203000;
	uint64_t &pte = t.entry(iova, 0);
	pte = t.pte(0x1000);
	uint64_t &pde1 = slot(t.path(iova, 1), t.idx(iova, 1));
	uint64_t &pde2 = slot(t.cfg.root_pa, t.idx(iova, 2));
	HW_REQUIRE_OK(t.walk(iova));

	SECTION("NextLevel not below the current level")
	{
		pde2 = (pde2 & ~nl(7)) | nl(3);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
		pde2 = (pde2 & ~nl(7)) | nl(4);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
	SECTION("a level-1 PDE pointing at level 2")
	{
		pde1 = (pde1 & ~nl(7)) | nl(2);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
	SECTION("a PTE with a table NextLevel")
	{
		pte |= nl(1);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
}

TEST_CASE("hw/amdv1/skip_level", "[hw][amdv1]")
{
	// The top PDE points straight at a level-0 table (NextLevel=1).
	Amd t(3);
	const uint64_t pt = t.pages.alloc();
	slot(t.cfg.root_pa, 1) = t.pde(pt, 1);
	slot(pt, 5) = t.pte(0x123000);

	const uint64_t iova = bit(30) + 5 * 0x1000 + 0x42;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x123042);
	CHECK(tr.level == 0);
	// The skipped level-1 index bits (29:21) must be zero.
	HW_REQUIRE_FAULT(t.walk(iova + bit(21)), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(iova + bit(29)), Fault::AddressSize);
}

TEST_CASE("hw/amdv1/address_range", "[hw][amdv1]")
{
	for (unsigned mode = 1; mode <= 5; mode++) {
		Amd t(mode);
		const unsigned bits = 12 + 9 * mode;
		INFO("mode " << mode);
		HW_REQUIRE_FAULT(t.walk(bit(bits)), Fault::AddressSize);
		HW_REQUIRE_FAULT(t.walk(bit(63)), Fault::AddressSize);
		// Just inside the range: a translation fault, not a range one.
		HW_REQUIRE_FAULT(t.walk(bit(bits) - 1), Fault::NotPresent);
	}
	// Mode 6 translates all 64 bits, 7 index bits at the top.
	Amd t(6);
	const uint64_t iova = 0xfedcba9876543000;
	t.entry(iova, 0) = t.pte(0x4000);
	auto tr = t.walk(iova + 0x21);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x4021);
	CHECK(t.idx(iova, 5) == 127);
	HW_REQUIRE_FAULT(t.walk(iova - bit(57)), Fault::NotPresent);
}

TEST_CASE("hw/amdv1/bad_mode", "[hw][amdv1]")
{
	Amd t(3);
	t.cfg.mode = 0;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
	t.cfg.mode = 7;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
}

TEST_CASE("hw/amdv1/access_dirty", "[hw][amdv1]")
{
	Amd t(3);
	const uint64_t iova = 0x40203000;
	uint64_t &pte = t.entry(iova, 0);
	pte = t.pte(0x1000);
	uint64_t &pde1 = slot(t.path(iova, 1), t.idx(iova, 1));
	uint64_t &pde2 = slot(t.cfg.root_pa, t.idx(iova, 2));

	// HAD off: nothing is written.
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	CHECK((pte & (A | D)) == 0);
	CHECK((pde1 & A) == 0);
	CHECK((pde2 & A) == 0);

	t.cfg.hw_dirty = true;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.dirty);
	CHECK((pte & A) != 0);
	CHECK((pte & D) == 0);
	CHECK((pde1 & A) != 0);
	CHECK((pde2 & A) != 0);
	CHECK((pde1 & D) == 0);

	tr = t.walk(iova, Access::Write);
	HW_REQUIRE_OK(tr);
	CHECK(tr.dirty);
	CHECK((pte & D) != 0);
	CHECK((pde1 & D) == 0);
	CHECK((pde2 & D) == 0);

	// A failed write marks nothing.
	pte = t.pte(0x1000) & ~IW;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK((pte & (A | D)) == 0);

	// A replicated page: only the entry used gets D.
	const uint64_t big = bit(30) + 0x80000;
	t.map_size(big, 0, 0x800000, 15); // 32 KiB, 8 entries
	const uint64_t table = t.path(big, 0);
	const uint64_t first = t.idx(big, 0);
	tr = t.walk(big + 0x5010, Access::Write);
	HW_REQUIRE_OK(tr);
	for (unsigned i = 0; i != 8; i++) {
		INFO("replica " << i);
		CHECK(((slot(table, first + i) & D) != 0) == (i == 5));
	}
	// The replicas still agree enough to translate through any of them.
	HW_REQUIRE_OK(t.walk(big));
}

TEST_CASE("hw/amdv1/sme_mask", "[hw][amdv1]")
{
	const uint64_t c = bit(47);
	{
		Amd t(1);
		t.entry(0x5000, 0) = t.pte(0x9000) | c;
		auto tr = t.walk(0x5010);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == (0x9010 | c));
		t.cfg.sme_mask = c;
		tr = t.walk(0x5010);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 0x9010);
	}
	{
		Amd t(3);
		t.cfg.sme_mask = c;
		t.cfg.root_pa |= c;
		const uint64_t l1 = t.pages.alloc(), l0 = t.pages.alloc();
		slot(t.cfg.root_pa & ~c, 0) = t.pde(l1, 2) | c;
		slot(l1, 0) = t.pde(l0, 1) | c;
		slot(l0, 3) = t.pte(0x77000) | c;
		auto tr = t.walk(0x3008);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 0x77008);
	}
}

TEST_CASE("hw/amdv1_mock/leaf_2k", "[hw][amdv1_mock]")
{
	Amd t(3, 11);
	const uint64_t iova = 0x12345678;
	t.entry(iova, 0) = t.pte(0xabcdef800);
	// Table pointers hold pa >> 11.
	const uint64_t pde1 = slot(t.path(iova, 1), t.idx(iova, 1));
	CHECK(((pde1 >> 12) & (bit(40) - 1)) == t.path(iova, 0) >> 11);

	auto tr = hw::amdv1_mock::walk(t.mem, t.cfg, iova, Access::Read);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0xabcdef800 + (iova & 0x7ff));
	CHECK(tr.page_size == 2048);
	CHECK(tr.level == 0);
	HW_REQUIRE_FAULT(t.walk(iova + 0x800), Fault::NotPresent);
}

TEST_CASE("hw/amdv1_mock/leaf_1m", "[hw][amdv1_mock]")
{
	Amd t(3, 11);
	const uint64_t iova = 5 * bit(20) + 0x12345;
	t.entry(iova, 1) = t.pte(9 * bit(20));
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.page_size == bit(20));
	CHECK(tr.level == 1);
	CHECK(tr.oa == 9 * bit(20) + 0x12345);
}

TEST_CASE("hw/amdv1_mock/nextlevel7_sizes", "[hw][amdv1_mock]")
{
	for (unsigned lvl = 0; lvl != 3; lvl++) {
		for (unsigned sz = 11 + 9 * lvl + 1; sz < 11 + 9 * (lvl + 1);
		     sz++) {
			Amd t(5, 11);
			const uint64_t page_iova = 5 * bit(sz);
			const uint64_t oa = 11 * bit(sz);
			t.map_size(page_iova, lvl, oa, sz);
			INFO("level " << lvl << " size 2^" << sz);
			auto tr = t.walk(page_iova + bit(sz) - 1);
			HW_REQUIRE_OK(tr);
			CHECK(tr.page_size == bit(sz));
			CHECK(tr.level == lvl);
			CHECK(tr.oa == oa + bit(sz) - 1);
		}
	}
	// 4 KiB = two 2 KiB granules: the smallest size encoding.
	Amd t(3, 11);
	t.map_size(0x3000, 0, 0x5000, 12);
	CHECK(((t.entry(0x3000, 0) >> 12) & 1) == 0);
	CHECK(t.walk(0x3abc).oa == 0x5abc);
	CHECK(t.walk(0x3abc).page_size == 4096);
}

TEST_CASE("hw/amdv1_mock/limits", "[hw][amdv1_mock]")
{
	Amd t(5, 11);
	HW_REQUIRE_FAULT(t.walk(bit(56)), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(bit(56) - 1), Fault::NotPresent);
	t.cfg.mode = 6;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
	t.cfg.mode = 5;

	// 512 GiB (2 level-3 entries of 256 GiB) is refused, 1 TiB is fine.
	t.map_size(0, 3, 0, 39);
	HW_REQUIRE_FAULT(t.walk(0x1000), Fault::Encoding);
	t.map_size(bit(40), 3, bit(40), 40);
	HW_REQUIRE_OK(t.walk(bit(40) + 0x1000));

	// A table pointer must name a 4 KiB aligned table.
	Amd u(2, 11);
	const uint64_t pt = u.pages.alloc();
	slot(u.cfg.root_pa, 0) = u.pde(pt + 0x800, 1);
	HW_REQUIRE_FAULT(u.walk(0x100), Fault::Encoding);
}
