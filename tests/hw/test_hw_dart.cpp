// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Hand-built Apple DART tables checked against hw::dart::walk. The DART
// address fields are 36 (layout 1) or 42 (layout 2) bits wide, so the
// tables live in a hw::WindowMemory window at a physical address the
// format can hold.
#include <catch2/catch.hpp>

#include "hw_arm_test_util.h"
#include "walk_dart.h"

using hw::Access;
using hw::Fault;
using namespace hwtest;

namespace {

constexpr uint64_t B(unsigned n)
{
	return uint64_t{1} << n;
}

constexpr uint64_t M(unsigned hi, unsigned lo)
{
	return (~uint64_t{0} >> (63 - hi)) & ~(B(lo) - 1);
}

// The PTE layouts as the tests write them.
constexpr uint64_t VALID = 1;
constexpr uint64_t SP_FULL = uint64_t{0xfff} << 40; // start 0, end 0xfff
constexpr uint64_t V1_SP_DIS = B(1);
constexpr uint64_t V1_NO_WRITE = B(7);
constexpr uint64_t V1_NO_READ = B(8);
constexpr uint64_t V2_NO_CACHE = B(1);
constexpr uint64_t V2_NO_WRITE = B(2);
constexpr uint64_t V2_NO_READ = B(3);

uint64_t addr_field(unsigned layout, uint64_t pa)
{
	if (layout == 1)
		return pa & M(35, 12);
	return (pa >> 4) & M(37, 10);
}

uint64_t sp(uint64_t start, uint64_t end)
{
	return (start << 52) | (end << 40);
}

struct Dart {
	unsigned layout;
	unsigned g;
	WindowArena arena;
	hw::dart::Config c;

	Dart(unsigned layout_, unsigned granule, unsigned va_bits, unsigned ntables, uint64_t base)
		: layout(layout_), g(granule), arena(base, 64 * B(granule))
	{
		c.granule_lg2 = g;
		c.layout = layout;
		c.va_bits = va_bits;
		c.num_ttbr = ntables;
		for (unsigned i = 0; i < ntables; i++)
			c.ttbr[i] = arena.alloc(B(g));
	}
	unsigned stride() const { return g - 3; }
	// Address of the leaf slot for `iova`, creating the L2 table.
	uint64_t leaf(uint64_t iova)
	{
		const uint64_t ti = iova >> (g + 2 * stride());
		const uint64_t l1 = c.ttbr[ti] + ((iova >> (g + stride())) & (B(stride()) - 1)) * 8;
		uint64_t e = arena.get64(l1);
		if (!(e & VALID)) {
			e = addr_field(layout, arena.alloc(B(g))) | VALID;
			arena.set64(l1, e);
		}
		const uint64_t l2 = layout == 1 ? (e & M(35, 12)) : (e & M(37, 10)) << 4;
		return l2 + ((iova >> g) & (B(stride()) - 1)) * 8;
	}
	void map(uint64_t iova, uint64_t pa, uint64_t flags)
	{
		arena.set64(leaf(iova), addr_field(layout, pa) | flags | VALID);
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read)
	{
		auto t = hw::dart::walk(arena.mem, c, iova, acc);
		REQUIRE_FALSE(arena.mem.out_of_range);
		return t;
	}
};

} // namespace

TEST_CASE("hw/dart/v1_4k_page", "[hw][dart]")
{
	// 32-bit iova, 4K: 4 TTBRs of 1 GiB each.
	Dart d(1, 12, 32, 4, 0x800000000ull);
	const uint64_t iova = 0xc0123000ull;
	d.map(iova, 0xf12345000ull, SP_FULL | V1_SP_DIS);
	auto r = d.walk(iova + 0xabc);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xf12345abcull);
	CHECK(r.page_size == 4096);
	CHECK(r.level == 0);
	CHECK(r.read);
	CHECK(r.write);
	CHECK(r.exec);
	CHECK_FALSE(r.dirty);
	CHECK(d.walk(iova + 0x1000).fault == Fault::NotPresent);
	CHECK(d.walk(iova + 0x1000).level == 0);
	CHECK(d.walk(0x40000000ull).fault == Fault::NotPresent);
	CHECK(d.walk(0x40000000ull).level == 1);
	CHECK(d.walk(B(32) | iova).fault == Fault::AddressSize);
}

TEST_CASE("hw/dart/v1_protection_bits", "[hw][dart]")
{
	Dart d(1, 12, 32, 1, 0x800000000ull);
	d.map(0x1000, 0x5000, SP_FULL | V1_SP_DIS | V1_NO_WRITE);
	d.map(0x2000, 0x6000, SP_FULL | V1_SP_DIS | V1_NO_READ);
	d.map(0x3000, 0x7000, SP_FULL | V1_SP_DIS | V1_NO_READ | V1_NO_WRITE);
	CHECK(d.walk(0x1000, Access::Read).ok());
	CHECK(d.walk(0x1000, Access::Exec).ok());
	CHECK(d.walk(0x1000, Access::Write).fault == Fault::Permission);
	CHECK(d.walk(0x2000, Access::Read).fault == Fault::Permission);
	CHECK(d.walk(0x2000, Access::Exec).fault == Fault::Permission);
	CHECK(d.walk(0x2000, Access::Write).ok());
	CHECK(d.walk(0x3000, Access::Read).fault == Fault::Permission);
	CHECK(d.walk(0x3000, Access::Write).fault == Fault::Permission);
	auto r = d.walk(0x1000);
	CHECK(r.read);
	CHECK_FALSE(r.write);
	// Layout 2 protection bits mean nothing in layout 1.
	d.map(0x4000, 0x8000, SP_FULL | V1_SP_DIS | V2_NO_READ | V2_NO_WRITE);
	CHECK(d.walk(0x4000, Access::Write).ok());
}

TEST_CASE("hw/dart/v1_16k_36bit_pa", "[hw][dart]")
{
	// 36-bit iova, 16K: one TTBR covers it all.
	Dart d(1, 14, 36, 1, 0x800000000ull);
	const uint64_t iova = 0xfedcb4000ull;
	d.map(iova, 0xfffffc000ull, SP_FULL | V1_SP_DIS);
	auto r = d.walk(iova + 0x3fff);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xfffffffffull);
	CHECK(r.page_size == B(14));
}

TEST_CASE("hw/dart/v2_16k_page", "[hw][dart]")
{
	// 42-bit output: tables above 2^40 and a page near the top.
	Dart d(2, 14, 36, 1, 0x10000000000ull);
	const uint64_t iova = 0x123458000ull;
	const uint64_t pa = 0x3abcdefc000ull;
	d.map(iova, pa, SP_FULL | V2_NO_CACHE);
	// The address field is PA >> 4 in bits[37:10].
	CHECK((d.arena.get64(d.leaf(iova)) & M(37, 10)) == pa >> 4);
	auto r = d.walk(iova + 0x1234);
	REQUIRE(r.ok());
	CHECK(r.oa == pa + 0x1234);
	CHECK(r.page_size == B(14));
	CHECK(r.read);
	CHECK(r.write);
}

TEST_CASE("hw/dart/v2_protection_bits", "[hw][dart]")
{
	Dart d(2, 14, 36, 1, 0x10000000000ull);
	d.map(0x4000, 0x4000, SP_FULL | V2_NO_WRITE);
	d.map(0x8000, 0x8000, SP_FULL | V2_NO_READ);
	CHECK(d.walk(0x4000).ok());
	CHECK(d.walk(0x4000, Access::Write).fault == Fault::Permission);
	CHECK(d.walk(0x8000).fault == Fault::Permission);
	CHECK(d.walk(0x8000, Access::Exec).fault == Fault::Permission);
	CHECK(d.walk(0x8000, Access::Write).ok());
	// Layout 1 protection bits are not protection bits in layout 2.
	d.map(0xc000, 0xc000, SP_FULL | V1_NO_READ | V1_NO_WRITE);
	CHECK(d.walk(0xc000, Access::Write).ok());
	CHECK(d.walk(0xc000, Access::Read).ok());
}

TEST_CASE("hw/dart/ttbr_split", "[hw][dart]")
{
	// 38-bit iova with 16K: four TTBRs of 2^36 each.
	Dart d(2, 14, 38, 4, 0x10000000000ull);
	for (uint64_t i = 0; i < 4; i++)
		d.map((i << 36) | 0x4000, 0x100000 * (i + 1), SP_FULL);
	for (uint64_t i = 0; i < 4; i++) {
		auto r = d.walk((i << 36) | 0x4010);
		REQUIRE(r.ok());
		CHECK(r.oa == 0x100000 * (i + 1) + 0x10);
	}
	// Fewer TTBRs configured than the iova needs.
	d.c.num_ttbr = 2;
	CHECK(d.walk((uint64_t{3} << 36) | 0x4000).fault == Fault::NotPresent);
	CHECK(d.walk((uint64_t{1} << 36) | 0x4000).ok());
	CHECK(d.walk(B(38)).fault == Fault::AddressSize);
}

TEST_CASE("hw/dart/subpage_protection", "[hw][dart]")
{
	Dart d(2, 14, 36, 1, 0x10000000000ull);
	d.map(0x4000, 0x40000, sp(0, 0x7ff)); // first half of the page only
	CHECK(d.walk(0x4000).fault == Fault::Encoding);
	d.c.strict_subpage = false;
	// 16K page: 4-byte units, end 0x7ff covers offsets 0..0x1fff.
	CHECK(d.walk(0x4000 + 0x1ffc).ok());
	CHECK(d.walk(0x4000 + 0x2000).fault == Fault::Permission);
	d.map(0x8000, 0x80000, sp(0x100, 0xfff));
	CHECK(d.walk(0x8000 + 0x3fc).fault == Fault::Permission);
	CHECK(d.walk(0x8000 + 0x400).ok());
	d.c.strict_subpage = true;
	d.map(0xc000, 0xc0000, SP_FULL);
	CHECK(d.walk(0xc000 + 0x3fff).ok());

	// Layout 1: bit 1 disables the subpage check.
	Dart e(1, 14, 36, 1, 0x800000000ull);
	e.c.strict_subpage = false;
	e.map(0x4000, 0x40000, sp(0, 0x7ff) | V1_SP_DIS);
	CHECK(e.walk(0x4000 + 0x3000).ok());
	e.map(0x8000, 0x80000, sp(0, 0x7ff));
	CHECK(e.walk(0x8000 + 0x3000).fault == Fault::Permission);
	CHECK(e.walk(0x8000 + 0x1000).ok());
}

TEST_CASE("hw/dart/bad_config", "[hw][dart]")
{
	Dart d(1, 12, 32, 4, 0x800000000ull);
	d.map(0x1000, 0x1000, SP_FULL | V1_SP_DIS);
	REQUIRE(d.walk(0x1000).ok());
	d.c.granule_lg2 = 13;
	CHECK(d.walk(0x1000).fault == Fault::Encoding);
	d.c.granule_lg2 = 12;
	d.c.layout = 3;
	CHECK(d.walk(0x1000).fault == Fault::Encoding);
	d.c.layout = 1;
	d.c.va_bits = 33; // would need 8 TTBRs
	CHECK(d.walk(0x1000).fault == Fault::Encoding);
	d.c.va_bits = 32;
	d.c.num_ttbr = 5;
	CHECK(d.walk(0x1000).fault == Fault::Encoding);
}
