// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Self tests of the RISC-V Sv39/48/57 (and x4) and Sv32 walker on hand-built
// tables.
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

TEST_CASE("hw/riscv/leaf_4k", "[hw][riscv]")
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

TEST_CASE("hw/riscv/superpages", "[hw][riscv]")
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

TEST_CASE("hw/riscv/sign_extension", "[hw][riscv]")
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

TEST_CASE("hw/riscv/x4", "[hw][riscv]")
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

TEST_CASE("hw/riscv/invalid_entries", "[hw][riscv]")
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

// The leaf permission rules, the same for every mode (the flag bits 7:0
// are common to the Sv32 and Sv39+ PTEs): @make builds a PTE of the
// fixture's width.
template <typename Fixture, typename MakePte>
void check_leaf_permissions(Fixture &t, uint64_t iova, MakePte make)
{
	auto &pte = t.entry(iova, 0);

	pte = make(0x5000, V | R | U | A | D);
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.write);
	CHECK_FALSE(tr.exec);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);

	pte = make(0x5000, V | X | U | A);
	HW_REQUIRE_OK(t.walk(iova, Access::Exec));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);

	// U-mode requests need U=1.
	pte = make(0x5000, LEAF & ~U);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	t.cfg.supervisor = true;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	HW_REQUIRE_OK(t.walk(iova, Access::Exec));
	// S-mode requests to U=1 pages need SUM, and never execute.
	pte = make(0x5000, LEAF);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	t.cfg.sum = true;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
}

TEST_CASE("hw/riscv/permissions", "[hw][riscv]")
{
	Rv t(9);
	check_leaf_permissions(t, 0x3000, pte_of);
}

// A and D on a leaf of either width: without hardware updating a leaf with
// A=0, or a write to one with D=0, faults and nothing is written; with it
// the walk sets A (and D on a write) in the leaf only, never in @pde.
template <typename Fixture, typename Word>
void check_leaf_access_dirty(Fixture &t, uint64_t iova, Word &pte,
			     const Word &pde, Word clean)
{
	pte = clean;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Permission);
	pte = Word(clean | A);
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
	CHECK((pde & (A | D)) == 0);
}

TEST_CASE("hw/riscv/access_dirty", "[hw][riscv]")
{
	Rv t(8);
	const uint64_t iova = 0x7000;
	uint64_t &pte = t.entry(iova, 0);
	uint64_t &pde = slot(t.path(iova, 1), t.idx(iova, 1));
	const uint64_t clean = pte_of(0x5000, V | R | W | U);

	check_leaf_access_dirty(t, iova, pte, pde, clean);

	// A denied write marks nothing.
	pte = pte_of(0x5000, V | R | U);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK(pte == pte_of(0x5000, V | R | U));
}

TEST_CASE("hw/riscv/svnapot", "[hw][riscv]")
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

// Sv32 (DC.tc.SXL=1, MODE 8): 32-bit PTEs hold 22-bit PPNs, so the tables
// live in a WindowMemory at a physical base above 4 GiB (34-bit PAs).
namespace {

uint32_t pte32(uint64_t pa, uint64_t flags)
{
	REQUIRE(pa >> 34 == 0);
	return uint32_t(((pa >> 12) << 10) | flags);
}

uint64_t pa32(uint32_t pte)
{
	return uint64_t(pte >> 10) << 12;
}

struct Rv32 {
	static constexpr uint64_t kBase = 0x300000000; // bits 33:32 set
	static constexpr unsigned kPages = 16;
	hwtest::Pages pages;
	uint8_t *host = reinterpret_cast<uint8_t *>(pages.alloc(kPages * 4096));
	hw::WindowMemory mem{kBase, host, kPages * 4096};
	hw::riscv::Config cfg;
	unsigned used = 0;

	Rv32()
	{
		cfg.sxl32 = true;
		cfg.mode = 8;
		cfg.root_ppn = alloc() >> 12;
	}
	uint64_t alloc()
	{
		REQUIRE(used < kPages);
		return kBase + 4096 * used++;
	}
	uint32_t &word(uint64_t table_pa, uint64_t index)
	{
		REQUIRE(table_pa >= kBase);
		REQUIRE(table_pa - kBase + 4 * index + 4 <= kPages * 4096);
		return reinterpret_cast<uint32_t *>(host + (table_pa - kBase))[index];
	}
	static uint64_t idx(uint64_t iova, unsigned lvl)
	{
		return (iova >> (12 + 10 * lvl)) & 0x3ff;
	}
	uint64_t root() const { return cfg.root_ppn << 12; }
	uint64_t path(uint64_t iova, unsigned lvl)
	{
		if (lvl == 1)
			return root();
		uint32_t &e = word(root(), idx(iova, 1));
		if (!(e & V))
			e = pte32(alloc(), V);
		return pa32(e);
	}
	uint32_t &entry(uint64_t iova, unsigned lvl)
	{
		return word(path(iova, lvl), idx(iova, lvl));
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		auto tr = hw::riscv::walk(mem, cfg, iova, acc);
		CHECK_FALSE(mem.out_of_range);
		return tr;
	}
};

} // namespace

TEST_CASE("hw/riscv/sv32_leaf_4k", "[hw][riscv]")
{
	Rv32 t;
	const uint64_t iova = 0x12345abc;
	CHECK(Rv32::idx(iova, 1) == 0x48);
	CHECK(Rv32::idx(iova, 0) == 0x345);
	t.entry(iova, 0) = pte32(0x87654000, LEAF | G);
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x87654abc);
	CHECK(tr.page_size == 4096);
	CHECK(tr.level == 0);
	CHECK(tr.read);
	CHECK(tr.write);
	CHECK(tr.exec);
	CHECK(tr.dirty);
	HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
	HW_REQUIRE_FAULT(t.walk(iova + bit(22)), Fault::NotPresent);

	// Svnapot and Svpbmt do not exist in Sv32: their settings change
	// nothing.
	t.cfg.svnapot = false;
	t.cfg.svpbmt = false;
	HW_REQUIRE_OK(t.walk(iova));

	// The last page of the 32-bit space (VPN[1] = VPN[0] = 1023): bit 31
	// is an ordinary VPN bit, not a sign.
	const uint64_t top = 0xfffff000;
	t.entry(top, 0) = pte32(0x5000, LEAF);
	tr = t.walk(top + 0xfff);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x5fff);
}

TEST_CASE("hw/riscv/sv32_megapage", "[hw][riscv]")
{
	Rv32 t;
	const uint64_t iova = 3 * bit(22) + bit(21) + 0x123;
	uint32_t &pte = t.entry(iova, 1);
	pte = pte32(5 * bit(22), LEAF);
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 5 * bit(22) + bit(21) + 0x123);
	CHECK(tr.page_size == bit(22));
	CHECK(tr.level == 1);
	tr = t.walk(iova + bit(21) - 0x124);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 6 * bit(22) - 1);
	HW_REQUIRE_FAULT(t.walk(iova + bit(22)), Fault::NotPresent);

	// Misaligned megapage: PPN[0] != 0, lowest and highest bit.
	pte = pte32(5 * bit(22) + 0x1000, LEAF);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
	pte = pte32(5 * bit(22) + bit(21), LEAF);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
}

TEST_CASE("hw/riscv/sv32_34bit_pa", "[hw][riscv]")
{
	Rv32 t;
	// The tables themselves are above 4 GiB (the pointer's PPN[1] has
	// bits 11:10 set).
	CHECK(t.root() >= bit(32));
	const uint64_t iova = 0x00403000;
	// PPN all ones: PA 0x3_ffff_f000, the last page of the 16 GiB space.
	t.entry(iova, 0) = pte32(0x3fffff000, LEAF);
	CHECK(t.entry(iova, 0) == (0xfffffc00u | uint32_t(LEAF)));
	CHECK(pa32(t.word(t.root(), Rv32::idx(iova, 1))) >= bit(32));
	auto tr = t.walk(iova + 0x876);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x3fffff876);

	// A megapage at 0x2_8040_0000: PPN[1] = 0xa01.
	const uint64_t big = 0xffc00000;
	t.entry(big, 1) = pte32(0x280400000, LEAF);
	tr = t.walk(big + 0x3abcde);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x2807abcde);
}

TEST_CASE("hw/riscv/sv32_va_range", "[hw][riscv]")
{
	Rv32 t;
	const uint64_t iova = 0x80000000 + 0x5000;
	CHECK(Rv32::idx(iova, 1) == 512);
	t.entry(iova, 0) = pte32(0x6000, LEAF);
	HW_REQUIRE_OK(t.walk(iova));
	// No sign extension and nothing above bit 31.
	for (unsigned b : {32u, 33u, 39u, 56u, 63u}) {
		INFO("bit " << b);
		HW_REQUIRE_FAULT(t.walk(iova | bit(b)), Fault::AddressSize);
	}
	HW_REQUIRE_FAULT(t.walk(~uint64_t(0) << 31 | 0x5000),
			 Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(bit(32)), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(bit(32) - 1), Fault::NotPresent);
}

TEST_CASE("hw/riscv/sv32_invalid_entries", "[hw][riscv]")
{
	Rv32 t;
	const uint64_t iova = 0x40201000;
	uint32_t &pte = t.entry(iova, 0);
	uint32_t &pde = t.word(t.root(), Rv32::idx(iova, 1));
	const uint32_t good = pte32(0x5000, LEAF);
	const uint32_t good_pde = pde;

	pte = good;
	HW_REQUIRE_OK(t.walk(iova));
	pte = good & ~uint32_t(V);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	pde = good_pde & ~uint32_t(V);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	pde = good_pde;

	// W without R is reserved, at either level.
	pte = pte32(0x5000, V | W | U | A | D);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Encoding);
	pte = pte32(0x5000, V | W | X | U | A | D);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Encoding);
	pte = good;
	pde = pte32(0x400000, V | W | U | A | D);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Encoding);
	pde = good_pde;

	// RSW and G are free.
	pte = good | bit(8) | bit(9) | G;
	HW_REQUIRE_OK(t.walk(iova));
	pte = good;

	// Non-leaf: A, D and U are reserved; G and RSW are not.
	for (uint64_t b : {A, D, U}) {
		INFO("non-leaf bits " << b);
		pde = good_pde | uint32_t(b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	pde = good_pde | uint32_t(G | bit(8) | bit(9));
	HW_REQUIRE_OK(t.walk(iova));
	pde = good_pde;

	// A pointer at level 0.
	pte = pte32(t.alloc(), V);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Encoding);
}

TEST_CASE("hw/riscv/sv32_permissions", "[hw][riscv]")
{
	Rv32 t;
	check_leaf_permissions(t, 0x3000, pte32);
	// The same rules for a megapage.
	const uint64_t big = 0x800000;
	t.entry(big, 1) = pte32(0xc00000, V | R | A | D);
	t.cfg.supervisor = false;
	HW_REQUIRE_FAULT(t.walk(big), Fault::Permission);
	t.cfg.supervisor = true;
	HW_REQUIRE_OK(t.walk(big));
	HW_REQUIRE_FAULT(t.walk(big, Access::Write), Fault::Permission);
}

TEST_CASE("hw/riscv/sv32_access_dirty", "[hw][riscv]")
{
	Rv32 t;
	const uint64_t iova = 0x7000;
	uint32_t &pte = t.entry(iova, 0);
	uint32_t &pde = t.word(t.root(), Rv32::idx(iova, 1));
	// The neighbours of the leaf must survive the 4-byte update.
	uint32_t &before = t.entry(iova - 0x1000, 0);
	uint32_t &after = t.entry(iova + 0x1000, 0);
	const uint32_t clean = pte32(0x5000, V | R | W | U);
	before = 0xdeadbeee;
	after = 0xfeedface;

	check_leaf_access_dirty(t, iova, pte, pde, clean);
	// The neighbours are untouched by the 4-byte update.
	CHECK(before == 0xdeadbeee);
	CHECK(after == 0xfeedface);

	// A megapage gets them the same way.
	uint32_t &mega = t.entry(0x400000, 1);
	mega = pte32(0x800000, V | R | W | U);
	HW_REQUIRE_OK(t.walk(0x400000, Access::Write));
	CHECK(mega == (pte32(0x800000, V | R | W | U) | A | D));

	// A denied write marks nothing.
	pte = pte32(0x5000, V | R | U);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK(pte == pte32(0x5000, V | R | U));
}

TEST_CASE("hw/riscv/sv32_config", "[hw][riscv]")
{
	Rv32 t;
	t.entry(0x1000, 0) = pte32(0x5000, LEAF);
	HW_REQUIRE_OK(t.walk(0x1000));
	CHECK(hw::riscv::tables(t.mem, t.cfg).size() == 2);

	// With SXL=1 only MODE 8 (Sv32) is a paging mode.
	for (unsigned mode : {0u, 1u, 9u, 10u, 11u}) {
		INFO("mode " << mode);
		t.cfg.mode = mode;
		HW_REQUIRE_FAULT(t.walk(0x1000), Fault::Encoding);
		CHECK(hw::riscv::tables(t.mem, t.cfg).empty());
	}
	// Sv32x4 is not supported.
	t.cfg.mode = 8;
	t.cfg.x4 = true;
	HW_REQUIRE_FAULT(t.walk(0x1000), Fault::Encoding);
	CHECK(hw::riscv::tables(t.mem, t.cfg).empty());
}

TEST_CASE("hw/riscv/sv32_tables", "[hw][riscv]")
{
	Rv32 t;
	// Two level-0 tables (VPN[1] 1 and 512) and a megapage in the root.
	t.entry(0x400000 + 0x3000, 0) = pte32(0x5000, LEAF);
	t.entry(0x400000 + 0x4000, 0) = pte32(0x6000, LEAF);
	t.entry(0x80000000 + 0x7000, 0) = pte32(0x7000, LEAF);
	t.entry(0xc00000, 1) = pte32(0x800000, LEAF);
	// Not valid: not counted.
	t.word(t.root(), 5) = pte32(t.alloc(), 0);

	const auto tabs = hw::riscv::tables(t.mem, t.cfg);
	CHECK_FALSE(t.mem.out_of_range);
	REQUIRE(tabs.size() == 3);
	CHECK(tabs[0].pa == t.root());
	CHECK(tabs[0].va == 0);
	CHECK(tabs[0].level == 1);
	CHECK(tabs[0].bytes == 4096);
	CHECK(tabs[0].present == 3);
	CHECK(tabs[0].leaves == 1);

	CHECK(tabs[1].pa == pa32(t.word(t.root(), 1)));
	CHECK(tabs[1].va == 0x400000);
	CHECK(tabs[1].level == 0);
	CHECK(tabs[1].bytes == 4096);
	CHECK(tabs[1].present == 2);
	CHECK(tabs[1].leaves == 2);

	// No sign extension of the upper half.
	CHECK(tabs[2].pa == pa32(t.word(t.root(), 512)));
	CHECK(tabs[2].va == 0x80000000);
	CHECK(tabs[2].level == 0);
	CHECK(tabs[2].present == 1);
	CHECK(tabs[2].leaves == 1);
}
