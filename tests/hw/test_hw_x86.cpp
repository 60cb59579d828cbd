// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Self tests of the x86 4/5-level and PAE walkers on hand-built tables.
#include "test_hw_table_builder.h"
#include "walk_x86.h"

using hw::Access;
using hw::Fault;
using hwtest::bit;
using hwtest::slot;

namespace {

constexpr uint64_t P = bit(0);
constexpr uint64_t RW = bit(1);
constexpr uint64_t US = bit(2);
constexpr uint64_t A = bit(5);
constexpr uint64_t D = bit(6);
constexpr uint64_t PS = bit(7);
constexpr uint64_t G = bit(8);
constexpr uint64_t XD = bit(63);
constexpr uint64_t ADDR = (bit(52) - 1) & ~uint64_t(0xfff);

uint64_t idx(uint64_t iova, unsigned lvl)
{
	return (iova >> (12 + 9 * lvl)) & 511;
}

struct X86 {
	hwtest::Pages pages;
	hw::HostMemory mem;
	hw::x86_64::Config cfg;

	explicit X86(unsigned levels)
	{
		cfg.root_pa = pages.alloc();
		cfg.levels = levels;
		cfg.hw_ad = false;
	}
	uint64_t path(uint64_t iova, unsigned lvl)
	{
		uint64_t t = cfg.root_pa;
		for (unsigned l = cfg.levels - 1; l > lvl; l--) {
			uint64_t &e = slot(t, idx(iova, l));
			if (!(e & P))
				e = pages.alloc() | P | RW | US;
			t = e & ADDR;
		}
		return t;
	}
	uint64_t &entry(uint64_t iova, unsigned lvl)
	{
		return slot(path(iova, lvl), idx(iova, lvl));
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		return hw::x86_64::walk(mem, cfg, iova, acc);
	}
};

// PAE: a 32-byte PDPT (kept in its own page here), PD and PT.
struct Pae {
	hwtest::Pages pages;
	hw::HostMemory mem;
	hw::x86pae::Config cfg;

	Pae()
	{
		cfg.root_pa = pages.alloc() + 0x20 * 5; // any 32-byte slot
		cfg.hw_ad = false;
	}
	uint64_t &pdpte(uint64_t iova) { return slot(cfg.root_pa, iova >> 30); }
	uint64_t &pde(uint64_t iova)
	{
		uint64_t &e = pdpte(iova);
		if (!(e & P))
			e = pages.alloc() | P;
		return slot(e & ADDR, idx(iova, 1));
	}
	uint64_t &pte(uint64_t iova)
	{
		uint64_t &e = pde(iova);
		if (!(e & P))
			e = pages.alloc() | P | RW | US;
		return slot(e & ADDR, idx(iova, 0));
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		return hw::x86pae::walk(mem, cfg, iova, acc);
	}
};

} // namespace

TEST_CASE("hw/x86_64/leaf_4k", "[hw][x86_64]")
{
	for (unsigned levels : {4u, 5u}) {
		X86 t(levels);
		INFO("levels " << levels);
		const uint64_t iova = 0x00007f1234567abc;
		t.entry(iova, 0) = 0xabcdef000 | P | RW | US | G | PS /* PAT */;
		auto tr = t.walk(iova);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 0xabcdefabc);
		CHECK(tr.page_size == 4096);
		CHECK(tr.level == 0);
		CHECK(tr.read);
		CHECK(tr.write);
		CHECK(tr.exec);
		HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
	}
}

TEST_CASE("hw/x86_64/leaf_2m", "[hw][x86_64]")
{
	X86 t(4);
	const uint64_t iova = 0x40000000 + 0x600000 + 0x12345;
	// Bit 12 is PAT in a large page, not an address bit.
	t.entry(iova, 1) = 0x7fe00000 | bit(12) | P | RW | US | PS;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x7fe12345);
	CHECK(tr.page_size == bit(21));
	CHECK(tr.level == 1);
	// Bits 20:13 are reserved.
	for (unsigned b = 13; b <= 20; b++) {
		INFO("bit " << b);
		t.entry(iova, 1) = 0x7fe00000 | bit(b) | P | RW | US | PS;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
}

TEST_CASE("hw/x86_64/leaf_1g", "[hw][x86_64]")
{
	X86 t(4);
	const uint64_t iova = 0xffff800000000000 + 7 * bit(30) + 0x2345678;
	t.entry(iova, 2) = 3 * bit(30) | bit(12) | P | RW | US | PS;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 3 * bit(30) + 0x2345678);
	CHECK(tr.page_size == bit(30));
	CHECK(tr.level == 2);
	t.entry(iova, 2) |= bit(29);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.entry(iova, 2) &= ~bit(29);
	t.entry(iova, 2) |= bit(13);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);

	// Without 1 GiB page support PS is reserved in a PDPTE.
	t.entry(iova, 2) &= ~bit(13);
	t.cfg.page1g = false;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/x86_64/ps_reserved_top", "[hw][x86_64]")
{
	X86 t(5);
	const uint64_t iova = 0x1000;
	t.entry(iova, 0) = 0x5000 | P | RW | US;
	HW_REQUIRE_OK(t.walk(iova));
	// A PML4E / PML5E shaped like a 512 GiB / 256 TiB page (aligned
	// address, PS=1) is not a leaf: PS is reserved there.
	uint64_t &pml4e = slot(t.path(iova, 3), idx(iova, 3));
	uint64_t &pml5e = slot(t.cfg.root_pa, idx(iova, 4));
	const uint64_t good4 = pml4e;
	pml4e = bit(39) | P | RW | US | PS;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pml4e = good4;
	HW_REQUIRE_OK(t.walk(iova));
	pml5e = bit(48) | P | RW | US | PS;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/x86_64/canonical", "[hw][x86_64]")
{
	X86 t(4);
	// Upper half, bit 47 set and sign extended.
	const uint64_t hi = 0xffff800000001000;
	t.entry(hi, 0) = 0x9000 | P | RW | US;
	HW_REQUIRE_OK(t.walk(hi));
	CHECK(idx(hi, 3) == 256);
	HW_REQUIRE_FAULT(t.walk(0x0000800000001000), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(0x7fff800000001000), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(0x0001000000000000), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(0x00007ffffffff000), Fault::NotPresent);

	X86 f(5);
	HW_REQUIRE_FAULT(f.walk(0x0100000000000000), Fault::AddressSize);
	HW_REQUIRE_FAULT(f.walk(0xfe00000000000000), Fault::AddressSize);
	const uint64_t top = 0xff00000000003000;
	f.entry(top, 0) = 0x9000 | P | RW | US;
	HW_REQUIRE_OK(f.walk(top));
	CHECK(idx(top, 4) == 256);
	// 4-level canonical but not mapped: a walk, not a range fault.
	HW_REQUIRE_FAULT(f.walk(0x0000800000001000), Fault::NotPresent);
}

TEST_CASE("hw/x86_64/maxphyaddr", "[hw][x86_64]")
{
	// Host table pages sit below 2^47, so use a MAXPHYADDR above that.
	X86 t(4);
	t.cfg.maxphyaddr = 48;
	const uint64_t iova = 0x5000;
	t.entry(iova, 0) = bit(47) | P | RW | US;
	HW_REQUIRE_OK(t.walk(iova));
	for (unsigned b = 48; b <= 51; b++) {
		INFO("bit " << b);
		t.entry(iova, 0) = bit(b) | P | RW | US;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	// Ignored bits 62:52 of a PTE.
	t.entry(iova, 0) = bit(52) | bit(62) | P | RW | US;
	HW_REQUIRE_OK(t.walk(iova));
	// Non-leaf entries too.
	slot(t.path(iova, 1), idx(iova, 1)) |= bit(50);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/x86_64/execute_disable", "[hw][x86_64]")
{
	X86 t(4);
	const uint64_t iova = 0x7000;
	t.entry(iova, 0) = 0x8000 | P | RW | US;
	uint64_t &pde = slot(t.path(iova, 1), idx(iova, 1));
	HW_REQUIRE_OK(t.walk(iova, Access::Exec));
	pde |= XD;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.exec);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
	// With NXE=0 bit 63 is reserved.
	t.cfg.nxe = false;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Reserved);
}

TEST_CASE("hw/x86_64/permissions", "[hw][x86_64]")
{
	X86 t(4);
	const uint64_t iova = 0x40000000 + 0x3000;
	uint64_t &pte = t.entry(iova, 0);
	pte = 0x8000 | P | US; // read-only
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	pte |= RW;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	// R/W is ANDed over the levels.
	uint64_t &pdpte = slot(t.path(iova, 2), idx(iova, 2));
	pdpte &= ~RW;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	pdpte |= RW;
	// U/S too, for user requests.
	uint64_t &pml4e = slot(t.cfg.root_pa, idx(iova, 3));
	pml4e &= ~US;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_FAULT(tr, Fault::Permission);
	CHECK_FALSE(tr.read);
	t.cfg.user = false;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
}

TEST_CASE("hw/x86_64/access_dirty", "[hw][x86_64]")
{
	X86 t(4);
	const uint64_t iova = 0x40201000;
	uint64_t &pte = t.entry(iova, 0);
	pte = 0x1000 | P | RW | US;
	uint64_t &pde = slot(t.path(iova, 1), idx(iova, 1));
	uint64_t &pml4e = slot(t.cfg.root_pa, idx(iova, 3));

	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	CHECK((pte & (A | D)) == 0);
	CHECK((pml4e & A) == 0);

	t.cfg.hw_ad = true;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.dirty);
	CHECK((pte & A) != 0);
	CHECK((pte & D) == 0);
	CHECK((pde & A) != 0);
	CHECK((pml4e & A) != 0);

	tr = t.walk(iova, Access::Write);
	HW_REQUIRE_OK(tr);
	CHECK(tr.dirty);
	CHECK((pte & D) != 0);
	CHECK((pde & D) == 0);

	// A faulting write does not set D.
	pte = 0x1000 | P | US;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK((pte & (A | D)) == 0);

	// D on a large leaf.
	const uint64_t big = 0x80000000 + 0x200000;
	uint64_t &pde2m = t.entry(big, 1);
	pde2m = 0x400000 | P | RW | US | PS;
	HW_REQUIRE_OK(t.walk(big + 0x1234, Access::Write));
	CHECK((pde2m & (A | D)) == (A | D));
}

TEST_CASE("hw/x86_64/sme_mask", "[hw][x86_64]")
{
	const uint64_t c = bit(47);
	X86 t(4);
	t.cfg.sme_mask = c;
	t.cfg.maxphyaddr = 52;
	const uint64_t iova = 0x3000;
	t.entry(iova, 0) = 0x6000 | c | P | RW | US;
	uint64_t *upper[3];
	for (unsigned l = 1; l <= 3; l++)
		upper[l - 1] = &slot(t.path(iova, l), idx(iova, l));
	for (uint64_t *e : upper)
		*e |= c;
	auto tr = t.walk(iova + 8);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x6008);
}

TEST_CASE("hw/x86_64/three_level", "[hw][x86_64]")
{
	// Non-architectural 39-bit variant used for small library VAs.
	X86 t(3);
	const uint64_t iova = 0x3fc0001000;
	CHECK(idx(iova, 2) == 255);
	t.entry(iova, 0) = 0x2000 | P | RW | US;
	HW_REQUIRE_OK(t.walk(iova));
	HW_REQUIRE_FAULT(t.walk(0x4000000000), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(0x8000000000), Fault::AddressSize);
	HW_REQUIRE_FAULT(t.walk(0xffffffc000000000), Fault::NotPresent);
}

TEST_CASE("hw/x86pae/leaf_4k", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0xc0345678;
	t.pte(iova) = 0x123456000 | P | RW | US | PS /* PAT */ | G;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x123456678);
	CHECK(tr.page_size == 4096);
	CHECK(tr.level == 0);
	HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
	HW_REQUIRE_FAULT(t.walk(0x40000000), Fault::NotPresent); // PDPTE 1
	HW_REQUIRE_FAULT(t.walk(bit(32) + iova), Fault::AddressSize);
}

TEST_CASE("hw/x86pae/leaf_2m", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x40000000 + 0x400000 + 0x54321;
	t.pde(iova) = 0x87600000 | bit(12) | P | RW | US | PS;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x87654321);
	CHECK(tr.page_size == bit(21));
	CHECK(tr.level == 1);
	t.pde(iova) |= bit(16);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/x86pae/pdpte_reserved", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x80001000;
	t.pte(iova) = 0x5000 | P | RW | US;
	const uint64_t good = t.pdpte(iova);
	// PWT/PCD and the ignored bits 11:9 are fine.
	t.pdpte(iova) = good | bit(3) | bit(4) | bit(9) | bit(11);
	HW_REQUIRE_OK(t.walk(iova));
	for (unsigned b : {1u, 2u, 5u, 6u, 7u, 8u, 52u, 62u, 63u}) {
		INFO("bit " << b);
		t.pdpte(iova) = good | bit(b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	t.cfg.maxphyaddr = 48;
	t.pdpte(iova) = good | bit(49);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.pdpte(iova) = good & ~P;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
}

TEST_CASE("hw/x86pae/pde_pte_reserved", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x1000;
	uint64_t &pte = t.pte(iova);
	pte = 0x5000 | P | RW | US;
	// Unlike 4-level paging, bits 62:52 are reserved in PAE entries.
	pte |= bit(55);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pte &= ~bit(55);
	t.pde(iova) |= bit(62);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.pde(iova) &= ~bit(62);
	HW_REQUIRE_OK(t.walk(iova));
	t.cfg.maxphyaddr = 48;
	pte |= bit(47);
	HW_REQUIRE_OK(t.walk(iova));
	pte |= bit(48);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/x86pae/execute_disable", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x2000;
	uint64_t &pte = t.pte(iova);
	pte = 0x5000 | P | RW | US | XD;
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
	t.cfg.nxe = false;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Reserved);
	pte &= ~XD;
	HW_REQUIRE_OK(t.walk(iova, Access::Exec));
}

TEST_CASE("hw/x86pae/permissions", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x3000;
	uint64_t &pte = t.pte(iova);
	pte = 0x5000 | P | RW | US;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	t.pde(iova) &= ~RW;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	pte &= ~US;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);
}

TEST_CASE("hw/x86pae/access_dirty", "[hw][x86pae]")
{
	Pae t;
	const uint64_t iova = 0x4000;
	uint64_t &pte = t.pte(iova);
	pte = 0x5000 | P | RW | US;
	uint64_t &pde = t.pde(iova);
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	CHECK((pte & (A | D)) == 0);

	t.cfg.hw_ad = true;
	const uint64_t pdpte = t.pdpte(iova);
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	CHECK((pte & (A | D)) == A);
	CHECK((pde & (A | D)) == A);
	auto tr = t.walk(iova, Access::Write);
	HW_REQUIRE_OK(tr);
	CHECK(tr.dirty);
	CHECK((pte & (A | D)) == (A | D));
	CHECK((pde & D) == 0);
	// A PDPTE has no A bit: untouched.
	CHECK(t.pdpte(iova) == pdpte);
}
