// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Self tests of the VT-d second-stage walker on hand-built tables.
#include "test_hw_table_builder.h"
#include "walk_vtdss.h"

using hw::Access;
using hw::Fault;
using hwtest::bit;
using hwtest::slot;

namespace {

constexpr uint64_t R = bit(0);
constexpr uint64_t W = bit(1);
constexpr uint64_t X = bit(2);
constexpr uint64_t PS = bit(7);
constexpr uint64_t A = bit(8);
constexpr uint64_t D = bit(9);
constexpr uint64_t SNP = bit(11);
constexpr uint64_t ADDR = (bit(52) - 1) & ~uint64_t(0xfff);

uint64_t idx(uint64_t iova, unsigned lvl)
{
	return (iova >> (12 + 9 * lvl)) & 511;
}

struct Vtd {
	hwtest::Pages pages;
	hw::HostMemory mem;
	hw::vtdss::Config cfg;

	explicit Vtd(unsigned aw)
	{
		cfg.root_pa = pages.alloc();
		cfg.aw = aw;
	}
	unsigned levels() const { return cfg.aw + 2; }
	uint64_t path(uint64_t iova, unsigned lvl)
	{
		uint64_t t = cfg.root_pa;
		for (unsigned l = levels() - 1; l > lvl; l--) {
			uint64_t &e = slot(t, idx(iova, l));
			if (!(e & (R | W)))
				e = pages.alloc() | R | W | X;
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
		return hw::vtdss::walk(mem, cfg, iova, acc);
	}
};

} // namespace

TEST_CASE("hw/vtdss/leaf_4k", "[hw][vtdss]")
{
	for (unsigned aw : {1u, 2u, 3u}) {
		Vtd t(aw);
		INFO("aw " << aw);
		const uint64_t iova = 0x7f12345abc;
		t.entry(iova, 0) = 0x1234567000 | R | W | SNP;
		auto tr = t.walk(iova);
		HW_REQUIRE_OK(tr);
		CHECK(tr.oa == 0x1234567abc);
		CHECK(tr.page_size == 4096);
		CHECK(tr.level == 0);
		CHECK(tr.read);
		CHECK(tr.write);
		CHECK_FALSE(tr.exec);
		HW_REQUIRE_OK(t.walk(iova, Access::Write));
		HW_REQUIRE_FAULT(t.walk(iova + 0x1000), Fault::NotPresent);
	}
}

TEST_CASE("hw/vtdss/leaf_2m", "[hw][vtdss]")
{
	Vtd t(2);
	const uint64_t iova = 0x40000000 + 0x800000 + 0x1f1234;
	t.entry(iova, 1) = 0x7fe00000 | R | W | PS;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 0x7fe00000 + 0x1f1234);
	CHECK(tr.page_size == bit(21));
	CHECK(tr.level == 1);
	for (unsigned b = 12; b <= 20; b++) {
		INFO("bit " << b);
		t.entry(iova, 1) = 0x7fe00000 | bit(b) | R | W | PS;
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
	// Without 2 MiB support in SLLPS, PS is reserved.
	t.entry(iova, 1) = 0x7fe00000 | R | W | PS;
	t.cfg.sllps = 2;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/vtdss/leaf_1g", "[hw][vtdss]")
{
	Vtd t(3);
	const uint64_t iova = bit(50) + 5 * bit(30) + 0x3456789;
	t.entry(iova, 2) = 9 * bit(30) | R | W | PS;
	auto tr = t.walk(iova);
	HW_REQUIRE_OK(tr);
	CHECK(tr.oa == 9 * bit(30) + 0x3456789);
	CHECK(tr.page_size == bit(30));
	CHECK(tr.level == 2);
	t.entry(iova, 2) |= bit(29);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.entry(iova, 2) &= ~bit(29);
	t.cfg.sllps = 1;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
}

TEST_CASE("hw/vtdss/address_width", "[hw][vtdss]")
{
	const unsigned bits[] = {39, 48, 57};
	for (unsigned aw = 1; aw <= 3; aw++) {
		Vtd t(aw);
		const unsigned b = bits[aw - 1];
		INFO("aw " << aw);
		HW_REQUIRE_FAULT(t.walk(bit(b)), Fault::AddressSize);
		// No sign extension.
		HW_REQUIRE_FAULT(t.walk(~uint64_t(0) << (b - 1)), Fault::AddressSize);
		HW_REQUIRE_FAULT(t.walk(bit(b) - 1), Fault::NotPresent);
	}
	Vtd t(2);
	t.cfg.aw = 0;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
	t.cfg.aw = 4;
	HW_REQUIRE_FAULT(t.walk(0), Fault::Encoding);
}

TEST_CASE("hw/vtdss/not_present", "[hw][vtdss]")
{
	Vtd t(2);
	const uint64_t iova = 0x5000;
	uint64_t &pte = t.entry(iova, 0);
	// Only R and W (and X with execute requests) make an entry present.
	pte = 0x6000 | A | D | PS | SNP | bit(10);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	pte = 0x6000 | X;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::NotPresent);
	t.cfg.sl_exec = true;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_FAULT(tr, Fault::Permission);
	// An execute request is a read request that also needs X: X alone
	// is no effective execute permission.
	CHECK_FALSE(tr.exec);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
	pte = 0x6000 | W;
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	// A non-present upper level.
	slot(t.path(iova, 1), idx(iova, 1)) &= ~(R | W | X);
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::NotPresent);
}

TEST_CASE("hw/vtdss/permissions", "[hw][vtdss]")
{
	Vtd t(2);
	const uint64_t iova = 0x80003000;
	uint64_t &pte = t.entry(iova, 0);
	pte = 0x6000 | R;
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	pte = 0x6000 | W; // write-only is allowed by the format
	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);
	pte = 0x6000 | R | W;
	// R/W are ANDed along the walk.
	uint64_t &pdpe = slot(t.path(iova, 2), idx(iova, 2));
	pdpe &= ~W;
	auto tr = t.walk(iova, Access::Write);
	HW_REQUIRE_FAULT(tr, Fault::Permission);
	CHECK_FALSE(tr.write);
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
	pdpe = (pdpe | W) & ~R;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Read), Fault::Permission);
}

TEST_CASE("hw/vtdss/execute", "[hw][vtdss]")
{
	Vtd t(2);
	const uint64_t iova = 0x9000;
	uint64_t &pte = t.entry(iova, 0);
	pte = 0x6000 | R | X;
	// Execute requests disabled: they fault, X is ignored.
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
	t.cfg.sl_exec = true;
	auto tr = t.walk(iova, Access::Exec);
	HW_REQUIRE_OK(tr);
	CHECK(tr.exec);
	// X is ANDed along the walk.
	slot(t.path(iova, 1), idx(iova, 1)) &= ~X;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Exec), Fault::Permission);
	HW_REQUIRE_OK(t.walk(iova, Access::Read));
}

TEST_CASE("hw/vtdss/reserved_bits", "[hw][vtdss]")
{
	Vtd t(3);
	const uint64_t iova = 0xa000;
	uint64_t &pte = t.entry(iova, 0);
	const uint64_t good = 0x6000 | R | W;
	uint64_t &pde = slot(t.path(iova, 1), idx(iova, 1));
	uint64_t &pml4e = slot(t.path(iova, 3), idx(iova, 3));
	uint64_t &pml5e = slot(t.cfg.root_pa, idx(iova, 4));

	// Ignored: 10, 61:52, 63; PTE bit 7; EMT/IPAT.
	pte = good | bit(10) | bit(52) | bit(61) | bit(63) | PS | bit(3) | bit(6);
	HW_REQUIRE_OK(t.walk(iova));
	pte = good | bit(62);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pte = good;

	// SNP only without snoop control.
	pte = good | SNP;
	HW_REQUIRE_OK(t.walk(iova));
	t.cfg.snoop_control = false;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	t.cfg.snoop_control = true;
	pte = good;

	// Bit 11 is reserved in non-leaf entries.
	pde |= SNP;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pde &= ~SNP;
	pde |= bit(62);
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pde &= ~bit(62);
	HW_REQUIRE_OK(t.walk(iova));

	// PS is reserved in an SS-PML4E / SS-PML5E, even with an address
	// aligned like a 512 GiB / 256 TiB page.
	const uint64_t good4 = pml4e, good5 = pml5e;
	pml4e = bit(39) | R | W | PS;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pml4e = good4;
	pml5e = bit(48) | R | W | PS;
	HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	pml5e = good5;
	HW_REQUIRE_OK(t.walk(iova));

	// Address bits above HAW (host pages are below 2^47).
	t.cfg.haw = 48;
	pte = good | bit(47);
	HW_REQUIRE_OK(t.walk(iova));
	for (unsigned b = 48; b <= 51; b++) {
		INFO("bit " << b);
		pte = good | bit(b);
		HW_REQUIRE_FAULT(t.walk(iova), Fault::Reserved);
	}
}

TEST_CASE("hw/vtdss/access_dirty", "[hw][vtdss]")
{
	Vtd t(2);
	const uint64_t iova = 0x40201000;
	uint64_t &pte = t.entry(iova, 0);
	pte = 0x1000 | R | W;
	uint64_t &pde = slot(t.path(iova, 1), idx(iova, 1));
	uint64_t &pml4e = slot(t.cfg.root_pa, idx(iova, 3));

	HW_REQUIRE_OK(t.walk(iova, Access::Write));
	CHECK((pte & (A | D)) == 0);
	CHECK((pml4e & A) == 0);

	t.cfg.ssade = true;
	auto tr = t.walk(iova, Access::Read);
	HW_REQUIRE_OK(tr);
	CHECK_FALSE(tr.dirty);
	CHECK((pte & (A | D)) == A);
	CHECK((pde & (A | D)) == A);
	CHECK((pml4e & A) != 0);
	tr = t.walk(iova, Access::Write);
	HW_REQUIRE_OK(tr);
	CHECK(tr.dirty);
	CHECK((pte & (A | D)) == (A | D));
	CHECK((pde & D) == 0);

	// A denied write marks nothing.
	pte = 0x1000 | R;
	HW_REQUIRE_FAULT(t.walk(iova, Access::Write), Fault::Permission);
	CHECK((pte & (A | D)) == 0);

	const uint64_t big = bit(39) + bit(30);
	uint64_t &leaf = t.entry(big, 2);
	leaf = bit(33) | R | W | PS;
	HW_REQUIRE_OK(t.walk(big + 0x100, Access::Write));
	CHECK((leaf & (A | D)) == (A | D));
}
