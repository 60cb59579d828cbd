// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Hand-built ARMv7 short-descriptor tables checked against
// hw::armv7s::walk. The format holds 32-bit table addresses, so the tables
// live in a hw::WindowMemory window at a low physical address.
#include <catch2/catch.hpp>

#include "hw_arm_test_util.h"
#include "walk_armv7s.h"

using hw::Access;
using hw::Fault;
using namespace hwtest;

namespace {

constexpr uint32_t B(unsigned n)
{
	return uint32_t{1} << n;
}

// First-level descriptor pieces, as the tests write them.
constexpr uint32_t L1_TABLE = 1;
constexpr uint32_t L1_SECTION = 2;
constexpr uint32_t L1_SECTION_PXN = 3;
constexpr uint32_t SEC_XN = B(4);
constexpr uint32_t SEC_AP0 = B(10); // Access flag with AFE
constexpr uint32_t SEC_AP1 = B(11); // PL0 access
constexpr uint32_t SEC_AP2 = B(15); // read-only
constexpr uint32_t SEC_S = B(16);
constexpr uint32_t SEC_SUPER = B(18);
constexpr uint32_t SEC_RW_ALL = SEC_AP0 | SEC_AP1 | SEC_S;
constexpr uint32_t PT_PXN = B(2);

// Second-level pieces.
constexpr uint32_t SMALL = 2;
constexpr uint32_t SMALL_XN = 1;
constexpr uint32_t LARGE = 1;
constexpr uint32_t LARGE_XN = B(15);
constexpr uint32_t PG_AP0 = B(4);
constexpr uint32_t PG_AP1 = B(5);
constexpr uint32_t PG_AP2 = B(9);
constexpr uint32_t PG_RW_ALL = PG_AP0 | PG_AP1 | B(10);

constexpr uint32_t domain(unsigned d)
{
	return d << 5;
}

struct V7 {
	WindowArena arena{0x10000000, 256 * 1024};
	uint64_t ttbr;
	V7() { ttbr = arena.alloc(16384); }
	uint64_t l1(uint32_t va) const { return ttbr + (va >> 20) * 4; }
	void set_l1(uint32_t va, uint32_t d) { arena.set32(l1(va), d); }
	// Second-level table for the 1MB region of `va`, created on demand
	// with the extra first-level bits given.
	uint64_t l2_table(uint32_t va, uint32_t extra = 0)
	{
		uint32_t d = arena.get32(l1(va));
		if ((d & 3) != L1_TABLE) {
			d = static_cast<uint32_t>(arena.alloc(1024)) | L1_TABLE | extra;
			arena.set32(l1(va), d);
		}
		return d & 0xfffffc00u;
	}
	uint64_t l2(uint32_t va) { return l2_table(va) + ((va >> 12) & 0xff) * 4; }
	void set_l2(uint32_t va, uint32_t d) { arena.set32(l2(va), d); }
	hw::armv7s::Config cfg() const
	{
		hw::armv7s::Config c;
		c.ttbr_pa = ttbr;
		return c;
	}
	hw::Translation walk(const hw::armv7s::Config &c, uint64_t iova, Access acc = Access::Read)
	{
		auto t = hw::armv7s::walk(arena.mem, c, iova, acc);
		REQUIRE_FALSE(arena.mem.out_of_range);
		return t;
	}
	hw::Translation walk(uint64_t iova, Access acc = Access::Read) { return walk(cfg(), iova, acc); }
};

} // namespace

TEST_CASE("hw/armv7s/section", "[hw][armv7s]")
{
	V7 v;
	v.set_l1(0x12300000, 0xabc00000u | L1_SECTION | SEC_RW_ALL | domain(3));
	auto r = v.walk(0x12345678);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xabc45678ull);
	CHECK(r.page_size == B(20));
	CHECK(r.level == 1);
	CHECK(r.read);
	CHECK(r.write);
	CHECK(r.exec);
	CHECK_FALSE(r.dirty);
	CHECK(v.walk(0x12400000).fault == Fault::NotPresent);
	CHECK(v.walk(0x112345678ull).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv7s/supersection_40bit", "[hw][armv7s]")
{
	V7 v;
	// PA[39:24] = 0xa57b: bits[31:24] = 0x7b, PA[35:32] = 0x5 in
	// bits[23:20], PA[39:36] = 0xa in bits[8:5].
	const uint32_t d = 0x7b000000u | (0x5u << 20) | (0xau << 5) | SEC_SUPER | L1_SECTION | SEC_RW_ALL;
	for (uint32_t i = 0; i < 16; i++)
		v.set_l1(0x21000000u + i * B(20), d);
	auto r = v.walk(0x21abcdefu);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xa57babcdefull);
	CHECK(r.page_size == B(24));
	CHECK(r.level == 1);
}

TEST_CASE("hw/armv7s/supersection_replication", "[hw][armv7s]")
{
	V7 v;
	const uint32_t d = 0x7b000000u | SEC_SUPER | L1_SECTION | SEC_RW_ALL;
	for (uint32_t i = 0; i < 16; i++)
		v.set_l1(0x21000000u + i * B(20), d);
	REQUIRE(v.walk(0x21f00000u).ok());
	// One copy differs.
	v.set_l1(0x21700000u, d | SEC_AP2);
	CHECK(v.walk(0x21000000u).fault == Fault::Encoding);
	// One copy missing.
	v.set_l1(0x21700000u, 0);
	CHECK(v.walk(0x21f00000u).fault == Fault::Encoding);
	CHECK(v.walk(0x21700000u).fault == Fault::NotPresent);
	// Copies not aligned to 16 entries: entries 8..23.
	V7 u;
	for (uint32_t i = 8; i < 24; i++)
		u.set_l1(0x21000000u + i * B(20), d);
	CHECK(u.walk(0x21800000u).fault == Fault::Encoding);
}

TEST_CASE("hw/armv7s/supersection_domain0", "[hw][armv7s]")
{
	V7 v;
	// Supersections always use domain 0, whatever bits[8:5] hold.
	const uint32_t d = 0x7b000000u | (0xfu << 5) | SEC_SUPER | L1_SECTION | SEC_RW_ALL;
	for (uint32_t i = 0; i < 16; i++)
		v.set_l1(0x21000000u + i * B(20), d);
	auto c = v.cfg();
	c.dacr = 0x55555554u; // domain 0: no access
	CHECK(v.walk(c, 0x21000000u).fault == Fault::Permission);
	c.dacr = 0x3fffffffu; // domain 15 no access, domain 0 manager
	CHECK(v.walk(c, 0x21000000u).ok());
}

TEST_CASE("hw/armv7s/small_page", "[hw][armv7s]")
{
	V7 v;
	v.set_l2(0x00345000u, 0x87654000u | SMALL | PG_RW_ALL);
	auto r = v.walk(0x00345abcu);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x87654abcull);
	CHECK(r.page_size == B(12));
	CHECK(r.level == 0);
	CHECK(r.exec);
	CHECK(v.walk(0x00346000u).fault == Fault::NotPresent);
	CHECK(v.walk(0x00346000u).level == 0);
	// Small page XN is bit 0 (type 0b11).
	v.set_l2(0x00347000u, 0x1000u | SMALL | SMALL_XN | PG_RW_ALL);
	CHECK(v.walk(0x00347000u, Access::Exec).fault == Fault::Permission);
	CHECK(v.walk(0x00347000u, Access::Write).ok());
}

TEST_CASE("hw/armv7s/large_page", "[hw][armv7s]")
{
	V7 v;
	const uint32_t d = 0xcafe0000u | LARGE | PG_RW_ALL | (0x5u << 12) /* TEX */;
	for (uint32_t i = 0; i < 16; i++)
		v.set_l2(0x00410000u + i * B(12), d);
	auto r = v.walk(0x0041fedcu);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xcafefedcull);
	CHECK(r.page_size == B(16));
	CHECK(r.level == 0);
	// XN for large pages is bit 15.
	for (uint32_t i = 0; i < 16; i++)
		v.set_l2(0x00410000u + i * B(12), d | LARGE_XN);
	CHECK(v.walk(0x00410000u, Access::Exec).fault == Fault::Permission);
	CHECK(v.walk(0x00410000u, Access::Read).ok());
}

TEST_CASE("hw/armv7s/large_page_replication", "[hw][armv7s]")
{
	V7 v;
	const uint32_t d = 0xcafe0000u | LARGE | PG_RW_ALL;
	for (uint32_t i = 0; i < 16; i++)
		v.set_l2(0x00410000u + i * B(12), d);
	REQUIRE(v.walk(0x00410000u).ok());
	v.set_l2(0x0041c000u, d | PG_AP2);
	CHECK(v.walk(0x00410000u).fault == Fault::Encoding);
	v.set_l2(0x0041c000u, 0);
	CHECK(v.walk(0x00411000u).fault == Fault::Encoding);
	// Misaligned run: entries 4..19.
	V7 u;
	for (uint32_t i = 4; i < 20; i++)
		u.set_l2(0x00400000u + i * B(12), d);
	CHECK(u.walk(0x00404000u).fault == Fault::Encoding);
	// SBZ bits [8:6] of a large page.
	V7 w;
	for (uint32_t i = 0; i < 16; i++)
		w.set_l2(0x00410000u + i * B(12), d | B(7));
	CHECK(w.walk(0x00410000u).fault == Fault::Reserved);
}

TEST_CASE("hw/armv7s/access_flag", "[hw][armv7s]")
{
	V7 v;
	v.set_l1(0x00100000u, 0x00100000u | L1_SECTION | SEC_AP1); // AP[0] = 0
	v.set_l2(0x00200000u, 0x00200000u | SMALL | PG_AP1);
	auto r = v.walk(0x00100000u);
	CHECK(r.fault == Fault::Permission);
	CHECK(r.why == "access flag");
	CHECK(v.walk(0x00200000u).why == "access flag");
	// With AFE = 0 the same AP[2:0] = 0b010 means PL1 RW, PL0 RO.
	auto c = v.cfg();
	c.afe = false;
	CHECK(v.walk(c, 0x00100000u).ok());
	CHECK(v.walk(c, 0x00100000u, Access::Write).fault == Fault::Permission);
	c.privileged = true;
	CHECK(v.walk(c, 0x00100000u, Access::Write).ok());
}

TEST_CASE("hw/armv7s/simplified_permissions", "[hw][armv7s]")
{
	V7 v;
	v.set_l1(0x00100000u, 0x00100000u | L1_SECTION | SEC_AP0);                     // PL1 RW
	v.set_l1(0x00200000u, 0x00200000u | L1_SECTION | SEC_AP0 | SEC_AP1);           // RW
	v.set_l1(0x00300000u, 0x00300000u | L1_SECTION | SEC_AP0 | SEC_AP2);           // PL1 RO
	v.set_l1(0x00400000u, 0x00400000u | L1_SECTION | SEC_AP0 | SEC_AP1 | SEC_AP2); // RO
	auto c = v.cfg();
	CHECK(v.walk(c, 0x00100000u).fault == Fault::Permission);
	CHECK(v.walk(c, 0x00200000u, Access::Write).ok());
	CHECK(v.walk(c, 0x00300000u).fault == Fault::Permission);
	CHECK(v.walk(c, 0x00400000u).ok());
	CHECK(v.walk(c, 0x00400000u, Access::Write).fault == Fault::Permission);
	// Instruction fetch needs read permission.
	CHECK(v.walk(c, 0x00100000u, Access::Exec).fault == Fault::Permission);
	c.privileged = true;
	CHECK(v.walk(c, 0x00100000u, Access::Write).ok());
	CHECK(v.walk(c, 0x00100000u, Access::Exec).ok());
	CHECK(v.walk(c, 0x00300000u).ok());
	CHECK(v.walk(c, 0x00300000u, Access::Write).fault == Fault::Permission);
	auto r = v.walk(c, 0x00400000u);
	CHECK(r.read);
	CHECK_FALSE(r.write);
}

TEST_CASE("hw/armv7s/full_permissions", "[hw][armv7s]")
{
	V7 v;
	auto ap = [](unsigned a) { return ((a & 3u) << 10) | ((a & 4u) ? SEC_AP2 : 0u); };
	for (unsigned a = 0; a < 8; a++)
		v.set_l1(a << 20, (a << 20) | L1_SECTION | ap(a));
	auto c = v.cfg();
	c.afe = false;
	// Expected {PL1 read, PL1 write, PL0 read, PL0 write} per AP[2:0].
	const bool exp[8][4] = {
		{false, false, false, false}, {true, true, false, false},
		{true, true, true, false},    {true, true, true, true},
		{false, false, false, false}, {true, false, false, false},
		{true, false, true, false},   {true, false, true, false},
	};
	for (unsigned a = 0; a < 8; a++) {
		INFO("AP[2:0] = " << a);
		if (a == 4) {
			CHECK(v.walk(c, a << 20).fault == Fault::Encoding);
			continue;
		}
		for (int priv = 1; priv >= 0; priv--) {
			c.privileged = priv != 0;
			const bool er = exp[a][priv ? 0 : 2], ew = exp[a][priv ? 1 : 3];
			CHECK(v.walk(c, a << 20, Access::Read).ok() == er);
			CHECK(v.walk(c, a << 20, Access::Write).ok() == ew);
		}
	}
}

TEST_CASE("hw/armv7s/pxn", "[hw][armv7s]")
{
	V7 v;
	v.set_l1(0x00100000u, 0x00100000u | L1_SECTION_PXN | SEC_RW_ALL);
	auto c = v.cfg();
	// Without the PXN extension type 0b11 is reserved.
	CHECK(v.walk(c, 0x00100000u).fault == Fault::Encoding);
	c.pxn = true;
	c.privileged = true;
	CHECK(v.walk(c, 0x00100000u, Access::Exec).fault == Fault::Permission);
	CHECK(v.walk(c, 0x00100000u, Access::Read).ok());
	c.privileged = false;
	CHECK(v.walk(c, 0x00100000u, Access::Exec).ok());

	// PXN in a page table descriptor covers its pages.
	v.l2_table(0x00200000u, PT_PXN);
	v.set_l2(0x00200000u, 0x5000u | SMALL | PG_RW_ALL);
	CHECK(v.walk(c, 0x00200000u, Access::Exec).ok());
	c.privileged = true;
	CHECK(v.walk(c, 0x00200000u, Access::Exec).fault == Fault::Permission);
	c.pxn = false; // then bit 2 is SBZ
	CHECK(v.walk(c, 0x00200000u).fault == Fault::Reserved);
}

TEST_CASE("hw/armv7s/page_table_sbz_and_domains", "[hw][armv7s]")
{
	V7 v;
	v.l2_table(0x00300000u, domain(5));
	v.set_l2(0x00300000u, 0x7000u | SMALL | PG_RW_ALL);
	auto c = v.cfg();
	REQUIRE(v.walk(c, 0x00300000u).ok());
	// Domain 5 no access.
	c.dacr = 0x55555555u & ~(3u << 10);
	CHECK(v.walk(c, 0x00300000u).fault == Fault::Permission);
	// Domain 5 reserved encoding.
	c.dacr = (0x55555555u & ~(3u << 10)) | (2u << 10);
	CHECK(v.walk(c, 0x00300000u).fault == Fault::Encoding);
	// Manager: permission bits are not checked.
	v.set_l2(0x00301000u, 0x8000u | SMALL | PG_AP0 | PG_AP2 | SMALL_XN);
	c.dacr = 0x55555555u | (3u << 10);
	CHECK(v.walk(c, 0x00301000u, Access::Write).ok());
	CHECK(v.walk(c, 0x00301000u, Access::Exec).ok());
	c.dacr = 0x55555555u;
	CHECK(v.walk(c, 0x00301000u, Access::Write).fault == Fault::Permission);
	// SBZ bit 4 of a page table descriptor.
	v.set_l1(0x00300000u, v.arena.get32(v.l1(0x00300000u)) | B(4));
	CHECK(v.walk(c, 0x00300000u).fault == Fault::Reserved);
}

TEST_CASE("hw/armv7s/bad_ttbr", "[hw][armv7s]")
{
	V7 v;
	auto c = v.cfg();
	c.ttbr_pa += 0x1000;
	CHECK(v.walk(c, 0).fault == Fault::Encoding);
}
