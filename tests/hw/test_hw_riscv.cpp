// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Self tests of the RISC-V Sv39/48/57 (and x4) walker on hand-built tables.
#include "test_hw_table_builder.h"
#include "walk_riscv.h"

using hw::Access;
using hw::Fault;
using hwtest::bit;
using hwtest::slot;

namespace {

constexpr uint64_t V = bit(0);
constexpr uint64_t R = bit(1);
constexpr uint64_t W = bit(2);
constexpr uint64_t X = bit(3);
constexpr uint64_t U = bit(4);
constexpr uint64_t G = bit(5);
constexpr uint64_t A = bit(6);
constexpr uint64_t D = bit(7);
constexpr uint64_t N = bit(63);
constexpr uint64_t RWX = R | W | X;
constexpr uint64_t LEAF = V | RWX | U | A | D;

uint64_t pte_of(uint64_t pa, uint64_t flags)
{
	return ((pa >> 12) << 10) | flags;
}

uint64_t pa_of(uint64_t pte)
{
	return ((pte >> 10) & (bit(44) - 1)) << 12;
}

struct Rv {
	hwtest::Pages pages;
	hw::HostMemory mem;
	hw::riscv::Config cfg;

	explicit Rv(unsigned mode, bool x4 = false)
	{
		cfg.mode = mode;
		cfg.x4 = x4;
		const uint64_t root =
			x4 ? pages.alloc(16384, 16384) : pages.alloc();
		cfg.root_ppn = root >> 12;
	}
	unsigned levels() const { return cfg.mode - 5; }
	uint64_t idx(uint64_t iova, unsigned lvl) const
	{
		const unsigned bits =
			9 + (cfg.x4 && lvl == levels() - 1 ? 2 : 0);
		return (iova >> (12 + 9 * lvl)) & (bit(bits) - 1);
	}
	uint64_t path(uint64_t iova, unsigned lvl)
	{
		uint64_t t = cfg.root_ppn << 12;
		for (unsigned l = levels() - 1; l > lvl; l--) {
			uint64_t &e = slot(t, idx(iova, l));
			if (!(e & V))
				e = pte_of(pages.alloc(), V);
			t = pa_of(e);
		}
		return t;
	}
	uint64_t &entry(uint64_t iova, unsigned lvl)
	{
		return slot(path(iova, lvl), idx(iova, lvl));
	}
	void map_napot(uint64_t iova, uint64_t pa, uint64_t flags)
	{
		const uint64_t t = path(iova, 0);
		const uint64_t first = idx(iova, 0) & ~uint64_t(15);
		for (unsigned i = 0; i != 16; i++)
			slot(t, first + i) = pte_of(pa | 0x8000, flags | N);
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		return hw::riscv::walk(mem, cfg, iova, acc);
	}
};

} // namespace

TEST_CASE("hw/riscv64/leaf_4k", "[hw][riscv64]")
{
	for (unsigned mode : {8u, 9u, 10u}) {
		Rv t(mode);
		INFO("mode " << mode);
		const uint64_t iova = 0x12345abc;
		t.entry(iova, 0) = pte_of(0x987654000, LEAF | G);
		auto tr = t.walk(iova);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 0x987654abc);
		CHECK(tr.page_size == 4096);
		CHECK(tr.level == 0);
		CHECK(tr.read);
		CHECK(tr.write);
		CHECK(tr.exec);
		CHECK(tr.dirty);
		HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
	}
}

TEST_CASE("hw/riscv64/superpages", "[hw][riscv64]")
{
	for (unsigned lvl = 1; lvl <= 4; lvl++) {
		Rv t(10);
		const unsigned sz = 12 + 9 * lvl;
		const uint64_t iova = 3 * bit(sz) + bit(sz) / 2 + 0x123;
		t.entry(iova, lvl) = pte_of(5 * bit(sz), LEAF);
		INFO("level " << lvl);
		auto tr = t.walk(iova);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 5 * bit(sz) + bit(sz) / 2 + 0x123);
		CHECK(tr.page_size == bit(sz));
		CHECK(tr.level == lvl);

		// Misaligned superpage: any low PPN bit set.
		t.entry(iova, lvl) = pte_of(5 * bit(sz) + 0x1000, LEAF);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
		t.entry(iova, lvl) = pte_of(5 * bit(sz) + bit(sz - 1), LEAF);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
}

TEST_CASE("hw/riscv64/sign_extension", "[hw][riscv64]")
{
	const unsigned bits[] = {39, 48, 57};
	for (unsigned mode = 8; mode <= 10; mode++) {
		Rv t(mode);
		const unsigned b = bits[mode - 8];
		INFO("mode " << mode);
		// Upper half: bits 63:b-1 all ones.
		const uint64_t hi = (~uint64_t(0) << (b - 1)) | 0x5000;
		t.entry(hi, 0) = pte_of(0x6000, LEAF);
		HW_REQUIRE_OK(t.walk(hi));
		CHECK(t.idx(hi, mode - 6) == 256);
		HW_REQUIRE_FAULT(t.walk(bit(b - 1)), Fault::AddressSize);
		HW_REQUIRE_FAULT(t.walk(bit(b)), Fault::AddressSize);
		HW_REQUIRE_FAULT(t.walk(hi ^ bit(63)), Fault::AddressSize);
		HW_REQUIRE_FAULT(t.walk(bit(b - 1) - 1), Fault::NotPresent);
	}
	Rv t(8);
	t.cfg.mode = 11;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
}

TEST_CASE("hw/riscv64/x4", "[hw][riscv64]")
{
	// Sv39x4: 41 bit GPA, 2048-entry 16 KiB root, zero extended.
	Rv t(8, true);
	const uint64_t gpa = bit(40) + bit(39) + 0x7000;
	CHECK(t.idx(gpa, 2) == 0x600);
	t.entry(gpa, 0) = pte_of(0x8000, LEAF);
	auto tr = t.walk(gpa + 0x10);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x8010);
	HW_REQUIRE_FAULT(t.walk(bit(41)), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(~uint64_t(0) << 38), Fault::AddressSize);
	// G-stage accesses are U-mode: U must be set even for "supervisor".
	t.cfg.supervisor = true;
	t.entry(gpa, 0) = pte_of(0x8000, LEAF & ~U);
	HW_REQUIRE_FAULT(t.walk(gpa), Fault::Permission);

	Rv f(10, true);
	const uint64_t top = bit(58) + 0x1000;
	f.entry(top, 0) = pte_of(0x8000, LEAF);
	HW_REQUIRE_OK(f.walk(top));
	HW_REQUIRE_FAULT(f.walk(bit(59)), Fault::AddressSize);
}

TEST_CASE("hw/riscv64/invalid_entries", "[hw][riscv64]")
{
	Rv t(8);
	const uint64_t iova = 0x40201000;
	uint64_t &pte = t.entry(iova, 0);
	uint64_t &pde = slot(t.path(iova, 1), t.idx(iova, 1));
	const uint64_t good = pte_of(0x5000, LEAF);
	const uint64_t good_pde = pde;

	pte = good & ~V;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	// W without R is reserved.
	pte = pte_of(0x5000, V | W | U | A | D);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Encoding);
	pte = pte_of(0x5000, V | W | X | U | A | D);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Encoding);
	// Bits 60:54.
	for (unsigned b = 54; b <= 60; b++) {
		INFO("bit " << b);
		pte = good | bit(b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	// PBMT: 1 and 2 defined, 3 reserved; all reserved without Svpbmt.
	pte = good | bit(61);
	HW_REQUIRE_OK(t.walk(iova));
	pte = good | bit(62);
	HW_REQUIRE_OK(t.walk(iova));
	pte = good | bit(61) | bit(62);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.cfg.svpbmt = false;
	pte = good | bit(61);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.cfg.svpbmt = true;
	// RSW and G are free.
	pte = good | bit(8) | bit(9) | G;
	HW_REQUIRE_OK(t.walk(iova));
	pte = good;

	// Non-leaf: A, D, U, N and PBMT are reserved.
	for (uint64_t b : {A, D, U, N, bit(61)}) {
		INFO("non-leaf bits " << b);
		pde = good_pde | b;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	pde = good_pde | G | bit(8);
	HW_REQUIRE_OK(t.walk(iova));
	pde = good_pde | bit(57);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pde = good_pde;

	// A pointer at level 0.
	pte = pte_of(t.pages.alloc(), V);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
}

TEST_CASE("hw/riscv64/permissions", "[hw][riscv64]")
{
	Rv t(9);
	const uint64_t iova = 0x3000;
	uint64_t &pte = t.entry(iova, 0);

	pte = pte_of(0x5000, V | R | U | A | D);
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.write);
	CHECK_FALSE(tr.exec);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);

	pte = pte_of(0x5000, V | X | U | A);
	HW_REQUIRE_OK(t.walk(iova, Access::Exec));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);

	// U-mode requests need U=1.
	pte = pte_of(0x5000, LEAF & ~U);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	t.cfg.supervisor = true;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	// S-mode requests to U=1 pages need SUM, and never execute.
	pte = pte_of(0x5000, LEAF);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	t.cfg.sum = true;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
}

TEST_CASE("hw/riscv64/access_dirty", "[hw][riscv64]")
{
	Rv t(8);
	const uint64_t iova = 0x7000;
	uint64_t &pte = t.entry(iova, 0);
	uint64_t &pde = slot(t.path(iova, 1), t.idx(iova, 1));
	const uint64_t clean = pte_of(0x5000, V | R | W | U);

	// Without hardware updating, A=0 or a write with D=0 faults.
	pte = clean;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	pte = clean | A;
	HW_REQUIRE_OK(t.walk(iova));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK(pte == (clean | A));

	t.cfg.hw_ad = true;
	pte = clean;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.dirty);
	CHECK(pte == (clean | A));
	tr = t.walk(iova, Access::Write);
	HW_REQUIRE_OK(tr);
	CHECK(tr.dirty);
	CHECK(pte == (clean | A | D));
	// Non-leaf entries never get A/D.
	CHECK((pde & (A | D)) == 0);

	// A denied write marks nothing.
	pte = pte_of(0x5000, V | R | U);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK(pte == pte_of(0x5000, V | R | U));
}

TEST_CASE("hw/riscv64/svnapot", "[hw][riscv64]")
{
	Rv t(8);
	const uint64_t iova = 0x40000000 + 0x30000; // 64 KiB aligned
	t.map_napot(iova, 0x1230000, V | R | W | U | A | D);
	const uint64_t table = t.path(iova, 0);
	const uint64_t first = t.idx(iova, 0);

	auto tr = t.walk(iova + 0xabcd);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x123abcd);
	CHECK(tr.page_size == bit(16));
	CHECK(tr.level == 0);
	tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x1230000);

	SECTION("A/D may differ")
	{
		slot(table, first + 4) &= ~D;
		HW_REQUIRE_OK(t.walk(iova + 0x9000));
	}
	SECTION("a replica with other permissions")
	{
		slot(table, first + 9) &= ~W;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	}
	SECTION("a replica that is not NAPOT")
	{
		slot(table, first + 2) = pte_of(0x1232000, LEAF);
		HW_REQUIRE_FAULT(t.walk(iova + 0x5000), Fault::Encoding);
	}
	SECTION("reserved ppn[3:0] encodings")
	{
		for (uint64_t low : {0x0ull, 0x1ull, 0x4ull, 0xcull, 0xfull}) {
			INFO("ppn[3:0] " << low);
			for (unsigned i = 0; i != 16; i++)
				slot(table, first + i) =
					pte_of(0x1230000 | (low << 12),
					       V | R | W | U | A | D | N);
			HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
		}
	}
	SECTION("N in a superpage or without Svnapot")
	{
		const uint64_t big = 0x80000000;
		t.entry(big, 1) = pte_of(0x200000 | 0x8000, LEAF | N);
		HW_REQUIRE_FAULT(t.walk(big), Fault::Encoding);
		t.cfg.svnapot = false;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	SECTION("hardware A/D sets one replica")
	{
		t.map_napot(iova, 0x1230000, V | R | W | U);
		t.cfg.hw_ad = true;
		HW_REQUIRE_OK(t.walk(iova + 0x3000, Access::Write));
		for (unsigned i = 0; i != 16; i++) {
			INFO("replica " << i);
			CHECK(((slot(table, first + i) & (A | D)) != 0) ==
			      (i == 3));
		}
	}
}
