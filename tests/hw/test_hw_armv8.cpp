// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Hand-built VMSAv8-64 tables checked against hw::armv8::walk.
#include <catch2/catch.hpp>

#include <algorithm>

#include "hw_arm_test_util.h"
#include "walk_armv8.h"

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

// Descriptor bits, as the tests write them (independent of the walker's
// own constants).
constexpr uint64_t T_TABLE = 3; // table at levels 0-2
constexpr uint64_t T_PAGE = 3;  // page at level 3
constexpr uint64_t T_BLOCK = 1; // block at levels 1-2
constexpr uint64_t AF = B(10);
constexpr uint64_t SH_IS = uint64_t{3} << 8;
constexpr uint64_t AP_EL0 = B(6); // stage 1 AP[1]
constexpr uint64_t AP_RO = B(7);  // stage 1 AP[2]
constexpr uint64_t S2_R = B(6);
constexpr uint64_t S2_W = B(7);
constexpr uint64_t DBM = B(51);
constexpr uint64_t CONT = B(52);
constexpr uint64_t PXN = B(53);
constexpr uint64_t UXN = B(54);
constexpr uint64_t APTABLE1 = B(62);
constexpr uint64_t APTABLE0 = B(61);
constexpr uint64_t XNTABLE = B(60);
constexpr uint64_t PXNTABLE = B(59);

// Stage 1 leaf attributes: AF, inner shareable, AttrIndx 0 (the walker
// does not interpret memory types).
constexpr uint64_t S1_RW_ALL = AF | SH_IS | AP_EL0;
constexpr uint64_t S1_RW_PRIV = AF | SH_IS;
// Stage 2: AF, inner shareable, MemAttr normal WB (0b1111), read+write.
constexpr uint64_t S2_RW = AF | SH_IS | (uint64_t{0xf} << 2) | S2_R | S2_W;

// Tables built by hand, with their own geometry arithmetic (Arm level
// numbering: the start level resolves the top bits, level 3 holds pages).
struct Tables {
	Arena arena;
	unsigned g;
	unsigned stride;
	unsigned ia;
	int start;
	uint64_t root;

	Tables(unsigned granule, unsigned ia_bits, int start_level)
		: g(granule), stride(granule - 3), ia(ia_bits), start(start_level)
	{
		root = arena.alloc(std::max<uint64_t>(64, uint64_t{8} << start_bits()));
	}
	unsigned shift(int level) const { return g + static_cast<unsigned>(3 - level) * stride; }
	unsigned start_bits() const { return ia - shift(start); }
	uint64_t size(int level) const { return B(shift(level)); }

	// Address of the descriptor for `va` at `level`, creating the tables
	// above it as needed.
	uint64_t slot(uint64_t va, int level)
	{
		va &= B(ia) - 1;
		uint64_t tbl = root;
		for (int l = start;; l++) {
			const unsigned nbits = l == start ? start_bits() : stride;
			const uint64_t idx = (va >> shift(l)) & (B(nbits) - 1);
			const uint64_t pa = tbl + idx * 8;
			if (l == level)
				return pa;
			uint64_t d = get64(pa);
			if (!(d & 1)) {
				d = arena.alloc(B(g)) | T_TABLE;
				set64(pa, d);
			}
			tbl = d & M(47, g);
		}
	}
};

hw::armv8::Config s1(const Tables &t)
{
	hw::armv8::Config c;
	c.granule_lg2 = t.g;
	c.stage = 1;
	c.table_pa = t.root;
	c.tsz = 64 - t.ia;
	c.ips_bits = 48;
	return c;
}

hw::armv8::Config s2(const Tables &t)
{
	hw::armv8::Config c = s1(t);
	c.stage = 2;
	c.s2_start_level = t.start;
	return c;
}

hw::Translation walk(const hw::armv8::Config &c, uint64_t iova, Access acc = Access::Read)
{
	hw::HostMemory mem;
	return hw::armv8::walk(mem, c, iova, acc);
}

} // namespace

// --- Leaf sizes per granule ------------------------------------------------

TEST_CASE("hw/armv8/4k_s1_page", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	const uint64_t va = 0x0000123456789000ull;
	set64(t.slot(va, 3), 0x80000000ull | T_PAGE | S1_RW_ALL);
	auto r = walk(s1(t), va + 0x234);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x80000234ull);
	CHECK(r.page_size == 4096);
	CHECK(r.level == 0);
	CHECK(r.read);
	CHECK(r.write);
	CHECK(r.exec);
	CHECK(r.dirty);
	// The neighbouring page is not mapped.
	auto n = walk(s1(t), va + 0x1000);
	CHECK(n.fault == Fault::NotPresent);
}

TEST_CASE("hw/armv8/4k_s1_block_2m", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	const uint64_t va = 0x0000000040200000ull;
	set64(t.slot(va, 2), 0x1200000000ull | T_BLOCK | S1_RW_ALL);
	auto r = walk(s1(t), va + 0x12345);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x1200012345ull);
	CHECK(r.page_size == B(21));
	CHECK(r.level == 1);
}

TEST_CASE("hw/armv8/4k_s1_block_1g", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	const uint64_t va = 0x0000008040000000ull;
	set64(t.slot(va, 1), 0xc0000000ull | T_BLOCK | S1_RW_ALL);
	auto r = walk(s1(t), va + 0x3ffffff8);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xfffffff8ull);
	CHECK(r.page_size == B(30));
	CHECK(r.level == 2);
}

TEST_CASE("hw/armv8/4k_s1_block_level0_is_encoding", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	set64(t.slot(0, 0), T_BLOCK | S1_RW_ALL);
	auto r = walk(s1(t), 0x1000);
	CHECK(r.fault == Fault::Encoding);
	CHECK(r.level == 3);
}

TEST_CASE("hw/armv8/4k_s1_level3_type01_is_encoding", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	set64(t.slot(0x5000, 3), 0x5000 | T_BLOCK | S1_RW_ALL);
	CHECK(walk(s1(t), 0x5000).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/4k_s1_39bit_start_level1", "[hw][armv8]")
{
	// T0SZ = 25: 39-bit input, the walk starts at level 1.
	Tables t(12, 39, 1);
	const uint64_t va = 0x7fffe00000ull;
	set64(t.slot(va, 2), 0xa00000ull | T_BLOCK | S1_RW_ALL);
	auto r = walk(s1(t), va + 0x10);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xa00010ull);
	CHECK(r.level == 1);
}

TEST_CASE("hw/armv8/16k_s1_page_and_block_32m", "[hw][armv8]")
{
	// 48-bit input with 16K: level 0 resolves one bit (a 16-byte table).
	Tables t(14, 48, 0);
	const uint64_t va = 0x0000800012344000ull;
	set64(t.slot(va, 3), 0x4000000ull | T_PAGE | S1_RW_ALL);
	auto p = walk(s1(t), va + 0x3ff0);
	REQUIRE(p.ok());
	CHECK(p.oa == 0x4003ff0ull);
	CHECK(p.page_size == B(14));
	CHECK(p.level == 0);

	const uint64_t vb = 0x0000000006000000ull;
	set64(t.slot(vb, 2), 0x2000000ull * 7 | T_BLOCK | S1_RW_ALL);
	auto b = walk(s1(t), vb + 0x1ffffff);
	REQUIRE(b.ok());
	CHECK(b.oa == 0x2000000ull * 7 + 0x1ffffff);
	CHECK(b.page_size == B(25));
	CHECK(b.level == 1);
}

TEST_CASE("hw/armv8/16k_s1_block_level1_is_encoding", "[hw][armv8]")
{
	Tables t(14, 48, 0);
	set64(t.slot(0x1000000000ull, 1), T_BLOCK | S1_RW_ALL);
	CHECK(walk(s1(t), 0x1000000000ull).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/64k_s1_page_and_block_512m", "[hw][armv8]")
{
	Tables t(16, 48, 1);
	const uint64_t va = 0x0000123400010000ull;
	set64(t.slot(va, 3), 0x7770000ull | T_PAGE | S1_RW_ALL);
	auto p = walk(s1(t), va + 0xfffc);
	REQUIRE(p.ok());
	CHECK(p.oa == 0x777fffcull);
	CHECK(p.page_size == B(16));
	CHECK(p.level == 0);

	const uint64_t vb = 0x0000000060000000ull;
	set64(t.slot(vb, 2), 0x20000000ull | T_BLOCK | S1_RW_ALL);
	auto b = walk(s1(t), vb + 0x1234567);
	REQUIRE(b.ok());
	CHECK(b.oa == 0x21234567ull);
	CHECK(b.page_size == B(29));
	CHECK(b.level == 1);
}

TEST_CASE("hw/armv8/64k_s1_block_4t_needs_lpa", "[hw][armv8]")
{
	Tables t(16, 52, 1);
	const uint64_t va = 0x000c0000000000ull; // level 1 index 3
	// 4TB block at OA 0x000c_0000_0000_0000 | OA[51:48] = 0x1 in bits[15:12].
	set64(t.slot(va, 1), 0x0000c0000000000ull | (uint64_t{1} << 12) | T_BLOCK | S1_RW_ALL);
	auto c = s1(t);
	c.tsz = 12;
	auto no = walk(c, va + 0x123);
	CHECK(no.fault == Fault::Encoding); // block at level 1 needs FEAT_LPA
	c.lpa = true;
	c.ips_bits = 52;
	auto r = walk(c, va + 0x123);
	REQUIRE(r.ok());
	CHECK(r.oa == (B(48) | 0x0000c0000000000ull | 0x123));
	CHECK(r.page_size == B(42));
	CHECK(r.level == 2);
}

TEST_CASE("hw/armv8/64k_52bit_oa", "[hw][armv8]")
{
	Tables t(16, 48, 1);
	const uint64_t va = 0x50000ull;
	// OA = 0xa_0000_1234_0000: OA[51:48] = 0xa in descriptor bits[15:12].
	set64(t.slot(va, 3), 0x000012340000ull | (uint64_t{0xa} << 12) | T_PAGE | S1_RW_ALL);
	auto c = s1(t);
	c.lpa = true;
	c.ips_bits = 52;
	auto r = walk(c, va + 0x42);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xa000012340042ull);

	// Same descriptor with a 48-bit output size: the OA is too wide.
	c.ips_bits = 48;
	CHECK(walk(c, va).fault == Fault::AddressSize);

	// Without FEAT_LPA, bits[15:12] are RES0.
	c.lpa = false;
	CHECK(walk(c, va).fault == Fault::Reserved);

	// 52-bit output without lpa is not a valid configuration.
	c.ips_bits = 52;
	CHECK(walk(c, va).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/oa_above_ips", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	set64(t.slot(0x2000, 3), 0x100000000000ull | T_PAGE | S1_RW_ALL); // bit 44
	auto c = s1(t);
	CHECK(walk(c, 0x2000).ok());
	c.ips_bits = 44;
	CHECK(walk(c, 0x2000).fault == Fault::AddressSize);
	c.ips_bits = 40;
	CHECK(walk(c, 0x2000).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv8/table_address_above_ips", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	set64(t.slot(0x2000, 3), 0x3000 | T_PAGE | S1_RW_ALL);
	auto c = s1(t);
	REQUIRE(walk(c, 0x2000).ok());
	// Point the level 0 entry at a table above 2^40 while ips is 40.
	const uint64_t l0 = t.slot(0x2000, 0);
	const uint64_t saved = get64(l0);
	set64(l0, (saved & ~M(47, 12)) | B(41));
	c.ips_bits = 40;
	auto r = walk(c, 0x2000);
	CHECK(r.fault == Fault::AddressSize);
	CHECK(r.level == 3);
	set64(l0, saved);
	// A root table beyond the output size.
	if (t.root >> 32) {
		c.ips_bits = 32;
		CHECK(walk(c, 0x2000).fault == Fault::AddressSize);
	}
}

// --- Input ranges ----------------------------------------------------------

TEST_CASE("hw/armv8/s1_ttbr0_range", "[hw][armv8]")
{
	Tables t(12, 39, 1);
	set64(t.slot(0x7ffffff000ull, 3), 0x9000 | T_PAGE | S1_RW_ALL);
	auto c = s1(t);
	CHECK(walk(c, 0x7ffffff000ull).ok());
	CHECK(walk(c, 0x8000000000ull).fault == Fault::AddressSize);
	CHECK(walk(c, 0xffffff8000000000ull).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv8/s1_ttbr1_upper_range", "[hw][armv8]")
{
	// TTBR1 with T1SZ = 25: the upper range 0xffffff80_00000000 and up.
	Tables t(12, 39, 1);
	const uint64_t va = 0xffffff8000201000ull;
	set64(t.slot(va, 3), 0x44000 | T_PAGE | S1_RW_PRIV);
	auto c = s1(t);
	c.upper = true;
	c.privileged = true;
	auto r = walk(c, va + 8);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x44008ull);
	// The same low bits without the ones above bit 38 are outside TTBR1.
	CHECK(walk(c, va & (B(39) - 1)).fault == Fault::AddressSize);
	CHECK(walk(c, 0xfffeff8000201000ull).fault == Fault::AddressSize);
	// Top of the range maps through the last level 1 entry.
	set64(t.slot(~uint64_t{0}, 2), 0x40000000ull | T_BLOCK | S1_RW_PRIV);
	auto top = walk(c, ~uint64_t{0});
	REQUIRE(top.ok());
	CHECK(top.oa == 0x401fffffull);
}

// --- Stage 2 ---------------------------------------------------------------

TEST_CASE("hw/armv8/s2_4k_concatenated_2_tables", "[hw][armv8]")
{
	// 40-bit IPA with 4K: starts at level 1 with two concatenated tables.
	Tables t(12, 40, 1);
	REQUIRE(t.start_bits() == 10);
	const uint64_t ipa = 0xc012345000ull; // in the second table
	set64(t.slot(ipa, 3), 0x55000 | T_PAGE | S2_RW);
	auto c = s2(t);
	auto r = walk(c, ipa + 1);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x55001ull);
	CHECK(r.level == 0);
	// The same through the computed start level and through VTCR.SL0 = 1.
	c.s2_start_level = hw::armv8::kS2StartAuto;
	CHECK(walk(c, ipa).oa == 0x55000ull);
	c.s2_start_level = hw::armv8::start_level_from_sl0(12, 1);
	CHECK(c.s2_start_level == 1);
	CHECK(walk(c, ipa).ok());
	// Beyond 40 bits.
	CHECK(walk(c, B(40) | ipa).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv8/s2_4k_concatenated_16_tables", "[hw][armv8]")
{
	// 43-bit IPA at level 1: 16 concatenated tables (128 KiB).
	Tables t(12, 43, 1);
	REQUIRE(t.start_bits() == 13);
	const uint64_t ipa = 0x7fc40000000ull;
	set64(t.slot(ipa, 1), 0x80000000ull | T_BLOCK | S2_RW);
	auto c = s2(t);
	auto r = walk(c, ipa + 0x1234);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x80001234ull);
	CHECK(r.page_size == B(30));
	CHECK(r.level == 2);
	// The concatenated start tables must be aligned to their total size.
	c.table_pa = t.root + 0x1000;
	CHECK(walk(c, ipa).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/s2_too_many_concatenated", "[hw][armv8]")
{
	Tables t(12, 45, 1); // would need 32 tables at level 1
	auto c = s2(t);
	CHECK(walk(c, 0x1000).fault == Fault::Encoding);
	// Computed: 45 bits starts at level 0 with one table.
	Tables u(12, 45, 0);
	set64(u.slot(0x100000001000ull, 3), 0x7000 | T_PAGE | S2_RW);
	auto d = s2(u);
	d.s2_start_level = hw::armv8::kS2StartAuto;
	CHECK(walk(d, 0x100000001000ull).oa == 0x7000ull);
}

TEST_CASE("hw/armv8/s2_64k_concatenated_at_level2", "[hw][armv8]")
{
	// 46-bit IPA, 64K, SL0 = 1 (level 2): 16 concatenated 64K tables.
	Tables t(16, 46, 2);
	REQUIRE(t.start_bits() == 17);
	const uint64_t ipa = 0x3ffe0010000ull;
	set64(t.slot(ipa, 3), 0x1230000ull | T_PAGE | S2_RW);
	auto c = s2(t);
	c.s2_start_level = hw::armv8::start_level_from_sl0(16, 1);
	REQUIRE(c.s2_start_level == 2);
	auto r = walk(c, ipa + 0xabc);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x1230abcull);
}

TEST_CASE("hw/armv8/s2_16k_computed_start_concatenates", "[hw][armv8]")
{
	// 48-bit IPA with 16K would start at level 0 with two entries; stage 2
	// instead starts at level 1 with two concatenated tables.
	Tables t(14, 48, 1);
	const uint64_t ipa = 0x800000004000ull;
	set64(t.slot(ipa, 3), 0xc000 | T_PAGE | S2_RW);
	auto c = s2(t);
	c.s2_start_level = hw::armv8::kS2StartAuto;
	auto r = walk(c, ipa);
	REQUIRE(r.ok());
	CHECK(r.oa == 0xc000ull);
	// Level 0 is not a valid 16K stage 2 start without FEAT_LPA2.
	c.s2_start_level = 0;
	CHECK(walk(c, ipa).fault == Fault::Encoding);
	CHECK(hw::armv8::start_level_from_sl0(14, 3) == hw::armv8::kReservedLevel);
}

TEST_CASE("hw/armv8/s2_permissions", "[hw][armv8]")
{
	Tables t(12, 40, 1);
	auto c = s2(t);
	const uint64_t base = AF | SH_IS | (uint64_t{0xf} << 2);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | base | S2_R);
	set64(t.slot(0x2000, 3), 0x2000 | T_PAGE | base | S2_W);
	set64(t.slot(0x3000, 3), 0x3000 | T_PAGE | base | S2_R | (uint64_t{2} << 53));
	set64(t.slot(0x4000, 3), 0x4000 | T_PAGE | base | S2_R | (uint64_t{1} << 53));
	set64(t.slot(0x5000, 3), 0x5000 | T_PAGE | base | S2_R | (uint64_t{3} << 53));

	CHECK(walk(c, 0x1000, Access::Read).ok());
	CHECK(walk(c, 0x1000, Access::Write).fault == Fault::Permission);
	CHECK_FALSE(walk(c, 0x1000).dirty);
	CHECK(walk(c, 0x2000, Access::Read).fault == Fault::Permission);
	auto w = walk(c, 0x2000, Access::Write);
	CHECK(w.ok());
	CHECK(w.dirty);
	CHECK(walk(c, 0x1000, Access::Exec).ok()); // XN 00
	CHECK(walk(c, 0x3000, Access::Exec).fault == Fault::Permission);
	// XN 01: EL0 only; XN 11: EL1 only.
	c.privileged = false;
	CHECK(walk(c, 0x4000, Access::Exec).ok());
	CHECK(walk(c, 0x5000, Access::Exec).fault == Fault::Permission);
	c.privileged = true;
	CHECK(walk(c, 0x4000, Access::Exec).fault == Fault::Permission);
	CHECK(walk(c, 0x5000, Access::Exec).ok());
}

TEST_CASE("hw/armv8/s2_table_res0", "[hw][armv8]")
{
	Tables t(12, 40, 1);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | S2_RW);
	auto c = s2(t);
	REQUIRE(walk(c, 0x1000).ok());
	const uint64_t l2 = t.slot(0x1000, 2);
	set64(l2, get64(l2) | APTABLE1); // bits[63:59] are RES0 at stage 2
	CHECK(walk(c, 0x1000).fault == Fault::Reserved);
	// Stage 2 leaves have no nG: bit 11 is RES0.
	set64(l2, get64(l2) & ~APTABLE1);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | S2_RW | B(11));
	CHECK(walk(c, 0x1000).fault == Fault::Reserved);
}

// --- Stage 1 permissions ---------------------------------------------------

TEST_CASE("hw/armv8/s1_ap_permissions", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | AF | SH_IS);                  // EL1 RW
	set64(t.slot(0x2000, 3), 0x2000 | T_PAGE | AF | SH_IS | AP_EL0);         // RW all
	set64(t.slot(0x3000, 3), 0x3000 | T_PAGE | AF | SH_IS | AP_RO);          // EL1 RO
	set64(t.slot(0x4000, 3), 0x4000 | T_PAGE | AF | SH_IS | AP_RO | AP_EL0); // RO all

	c.privileged = false;
	CHECK(walk(c, 0x1000).fault == Fault::Permission);
	CHECK(walk(c, 0x2000, Access::Write).ok());
	CHECK(walk(c, 0x3000).fault == Fault::Permission);
	CHECK(walk(c, 0x4000).ok());
	CHECK(walk(c, 0x4000, Access::Write).fault == Fault::Permission);
	CHECK_FALSE(walk(c, 0x4000).dirty);

	c.privileged = true;
	CHECK(walk(c, 0x1000, Access::Write).ok());
	CHECK(walk(c, 0x3000).ok());
	CHECK(walk(c, 0x3000, Access::Write).fault == Fault::Permission);
	auto r = walk(c, 0x3000);
	CHECK(r.read);
	CHECK_FALSE(r.write);
}

TEST_CASE("hw/armv8/s1_execute_never", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | S1_RW_PRIV | UXN);
	set64(t.slot(0x2000, 3), 0x2000 | T_PAGE | S1_RW_PRIV | PXN);
	set64(t.slot(0x3000, 3), 0x3000 | T_PAGE | AF | SH_IS | AP_EL0 | AP_RO);
	set64(t.slot(0x4000, 3), 0x4000 | T_PAGE | S1_RW_ALL);
	set64(t.slot(0x5000, 3), 0x5000 | T_PAGE | AF | SH_IS); // EL0 no access, UXN 0

	c.privileged = false;
	CHECK(walk(c, 0x1000, Access::Exec).fault == Fault::Permission);
	CHECK(walk(c, 0x2000, Access::Exec).ok());
	// Execute-only at EL0: no data access but instruction fetch allowed.
	CHECK(walk(c, 0x5000, Access::Read).fault == Fault::Permission);
	CHECK(walk(c, 0x5000, Access::Exec).ok());

	c.privileged = true;
	CHECK(walk(c, 0x1000, Access::Exec).ok());
	CHECK(walk(c, 0x2000, Access::Exec).fault == Fault::Permission);
	CHECK(walk(c, 0x3000, Access::Exec).ok());
	// Writable at EL0 implies privileged execute-never.
	CHECK(walk(c, 0x4000, Access::Exec).fault == Fault::Permission);
	CHECK_FALSE(walk(c, 0x4000).exec);
}

TEST_CASE("hw/armv8/s1_hierarchical_table_attrs", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t va = 0x40201000ull;  // RW at EL0 and EL1
	const uint64_t va2 = 0x40202000ull; // RO at EL0 and EL1
	set64(t.slot(va, 3), 0x9000 | T_PAGE | S1_RW_ALL);
	set64(t.slot(va2, 3), 0xa000 | T_PAGE | S1_RW_ALL | AP_RO);
	const uint64_t l1 = t.slot(va, 1); // table descriptor pointing to level 2
	const uint64_t orig = get64(l1);
	REQUIRE((orig & 3) == 3);

	c.privileged = false;
	REQUIRE(walk(c, va, Access::Write).ok());
	REQUIRE(walk(c, va, Access::Exec).ok());
	c.privileged = true;
	REQUIRE(walk(c, va2, Access::Exec).ok());
	c.privileged = false;

	set64(l1, orig | APTABLE1);
	CHECK(walk(c, va, Access::Write).fault == Fault::Permission);
	CHECK(walk(c, va, Access::Read).ok());
	CHECK_FALSE(walk(c, va).write);
	CHECK(walk(c, va).dirty); // the leaf itself still has AP[2] == 0

	set64(l1, orig | APTABLE0);
	CHECK(walk(c, va, Access::Read).fault == Fault::Permission);
	c.privileged = true;
	CHECK(walk(c, va, Access::Write).ok());
	// With EL0 access removed by the table, the page is no longer EL0
	// writable, so EL1 may execute it.
	CHECK(walk(c, va, Access::Exec).ok());

	set64(l1, orig | PXNTABLE);
	CHECK(walk(c, va2, Access::Exec).fault == Fault::Permission);
	c.privileged = false;
	CHECK(walk(c, va2, Access::Exec).ok());

	set64(l1, orig | XNTABLE);
	CHECK(walk(c, va, Access::Exec).fault == Fault::Permission);
}

// --- Access flag and dirty state -------------------------------------------

TEST_CASE("hw/armv8/access_flag_fault_and_ha", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t slot = t.slot(0x7000, 3);
	const uint64_t d = 0x7000 | T_PAGE | SH_IS | AP_EL0; // AF = 0
	set64(slot, d);
	auto r = walk(c, 0x7000);
	CHECK(r.fault == Fault::Permission);
	CHECK(r.why == "access flag");
	CHECK(get64(slot) == d);

	c.ha = true;
	auto h = walk(c, 0x7000);
	CHECK(h.ok());
	CHECK(get64(slot) == (d | AF));

	// An access that takes a permission fault does not set AF.
	set64(slot, d | AP_RO);
	CHECK(walk(c, 0x7000, Access::Write).fault == Fault::Permission);
	CHECK(get64(slot) == (d | AP_RO));

	// Stage 2 likewise.
	Tables u(12, 40, 1);
	auto c2 = s2(u);
	const uint64_t s = u.slot(0x7000, 3);
	set64(s, 0x7000 | T_PAGE | (S2_RW & ~AF));
	CHECK(walk(c2, 0x7000).why == "access flag");
	c2.ha = true;
	CHECK(walk(c2, 0x7000).ok());
	CHECK((get64(s) & AF) != 0);
}

TEST_CASE("hw/armv8/s1_dbm_dirty", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t slot = t.slot(0x8000, 3);
	const uint64_t clean = 0x8000 | T_PAGE | S1_RW_ALL | AP_RO | DBM;
	set64(slot, clean);

	// No hardware dirty management: a read-only page.
	CHECK(walk(c, 0x8000, Access::Write).fault == Fault::Permission);
	CHECK(get64(slot) == clean);
	// HD without HA is not effective.
	c.hd = true;
	CHECK(walk(c, 0x8000, Access::Write).fault == Fault::Permission);
	CHECK(get64(slot) == clean);

	c.ha = true;
	auto rd = walk(c, 0x8000, Access::Read);
	REQUIRE(rd.ok());
	CHECK(rd.write); // writable-clean
	CHECK_FALSE(rd.dirty);
	CHECK(get64(slot) == clean);

	auto wr = walk(c, 0x8000, Access::Write);
	REQUIRE(wr.ok());
	CHECK(wr.dirty);
	CHECK(get64(slot) == (clean & ~AP_RO));

	// Without DBM a read-only page stays read-only under HD.
	set64(slot, clean & ~DBM);
	CHECK(walk(c, 0x8000, Access::Write).fault == Fault::Permission);

	// APTable[1] forbids the write: no update.
	set64(slot, clean);
	const uint64_t l2 = t.slot(0x8000, 2);
	set64(l2, get64(l2) | APTABLE1);
	CHECK(walk(c, 0x8000, Access::Write).fault == Fault::Permission);
	CHECK(get64(slot) == clean);
}

TEST_CASE("hw/armv8/s2_dbm_dirty", "[hw][armv8]")
{
	Tables t(12, 40, 1);
	auto c = s2(t);
	const uint64_t slot = t.slot(0x8000, 3);
	const uint64_t clean = 0x8000 | T_PAGE | (S2_RW & ~S2_W) | DBM;
	set64(slot, clean);
	CHECK(walk(c, 0x8000, Access::Write).fault == Fault::Permission);
	c.ha = c.hd = true;
	CHECK_FALSE(walk(c, 0x8000).dirty);
	auto w = walk(c, 0x8000, Access::Write);
	REQUIRE(w.ok());
	CHECK(w.dirty);
	CHECK(get64(slot) == (clean | S2_W));
}

TEST_CASE("hw/armv8/af_and_dirty_in_one_update", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	c.ha = c.hd = true;
	const uint64_t slot = t.slot(0x8000, 3);
	const uint64_t d = 0x8000 | T_PAGE | SH_IS | AP_EL0 | AP_RO | DBM; // AF 0
	set64(slot, d);
	REQUIRE(walk(c, 0x8000, Access::Write).ok());
	CHECK(get64(slot) == ((d | AF) & ~AP_RO));
}

// --- Contiguous bit --------------------------------------------------------

namespace {

// Fill an aligned run of n leaf entries at `level` starting at `va`.
void fill_run(Tables &t, uint64_t va, int level, unsigned n, uint64_t oa, uint64_t attrs)
{
	const uint64_t type = level == 3 ? T_PAGE : T_BLOCK;
	for (unsigned i = 0; i < n; i++) {
		const uint64_t sz = t.size(level);
		set64(t.slot(va + i * sz, level), (oa + i * sz) | type | attrs | CONT);
	}
}

} // namespace

TEST_CASE("hw/armv8/contiguous_4k_pages", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t va = 0x10000;
	fill_run(t, va, 3, 16, 0x5550000, S1_RW_ALL);
	auto r = walk(c, va + 0x5123);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x5555123ull);
	CHECK(r.page_size == B(16));
	CHECK(r.level == 0);
	CHECK(hw::armv8::contiguous_entries(12, 3) == 16);
}

TEST_CASE("hw/armv8/contiguous_4k_blocks_2m", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t va = 0x40000000ull + 16 * B(21);
	fill_run(t, va, 2, 16, 0x80000000ull, S1_RW_ALL);
	auto r = walk(c, va + 15 * B(21) + 7);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x80000000ull + 15 * B(21) + 7);
	CHECK(r.page_size == 32 * B(20));
	CHECK(r.level == 1);
}

TEST_CASE("hw/armv8/contiguous_16k_and_64k", "[hw][armv8]")
{
	Tables a(14, 48, 0);
	fill_run(a, 0x200000, 3, 128, 0x4000000, S1_RW_ALL);
	auto r = walk(s1(a), 0x200000 + 127 * B(14));
	REQUIRE(r.ok());
	CHECK(r.page_size == B(21));
	CHECK(r.oa == 0x4000000ull + 127 * B(14));

	Tables b(14, 48, 0);
	fill_run(b, B(30), 2, 32, B(31), S1_RW_ALL);
	auto rb = walk(s1(b), B(30) + 5 * B(25));
	REQUIRE(rb.ok());
	CHECK(rb.page_size == B(30));

	Tables d(16, 48, 1);
	fill_run(d, 0x400000, 3, 32, 0x1000000, S1_RW_ALL);
	auto rd = walk(s1(d), 0x400000 + 0x3ffff);
	REQUIRE(rd.ok());
	CHECK(rd.page_size == B(21));
	CHECK(rd.oa == 0x103ffffull);
}

TEST_CASE("hw/armv8/contiguous_broken_runs", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t va = 0x20000;
	auto reset = [&] { fill_run(t, va, 3, 16, 0x660000, S1_RW_ALL); };
	auto at = [&](unsigned i) { return t.slot(va + i * 0x1000, 3); };

	reset();
	REQUIRE(walk(c, va).ok());

	// One entry without the Contiguous bit.
	set64(at(9), get64(at(9)) & ~CONT);
	CHECK(walk(c, va).fault == Fault::Encoding);
	reset();
	// One entry with different permissions.
	set64(at(3), get64(at(3)) | AP_RO);
	CHECK(walk(c, va + 0x3000).fault == Fault::Encoding);
	reset();
	// Output addresses not consecutive.
	set64(at(15), get64(at(15)) + 0x1000);
	CHECK(walk(c, va + 0x1000).fault == Fault::Encoding);
	reset();
	// One entry invalid.
	set64(at(0), 0);
	CHECK(walk(c, va + 0x5000).fault == Fault::Encoding);
	CHECK(walk(c, va).fault == Fault::NotPresent);
	// Output not aligned to the run size.
	fill_run(t, va, 3, 16, 0x661000, S1_RW_ALL);
	CHECK(walk(c, va).fault == Fault::Encoding);
	// A run that is not aligned in the table: entries 8..23.
	Tables u(12, 48, 0);
	fill_run(u, 0x8000, 3, 16, 0x880000, S1_RW_ALL);
	CHECK(walk(s1(u), 0x10000).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/contiguous_af_and_dirty_may_differ", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t va = 0x30000;
	fill_run(t, va, 3, 16, 0x770000, S1_RW_ALL | AP_RO | DBM);
	// AF clear in another entry of the run is allowed.
	const uint64_t e5 = t.slot(va + 0x5000, 3);
	set64(e5, get64(e5) & ~AF);
	c.ha = true;
	CHECK(walk(c, va).ok());
	// Dirty state differs: fine with HD, inconsistent permissions without.
	set64(e5, get64(e5) & ~AP_RO);
	CHECK(walk(c, va).fault == Fault::Encoding);
	c.hd = true;
	CHECK(walk(c, va).ok());
	// Hardware dirties only the entry written.
	REQUIRE(walk(c, va + 0x2000, Access::Write).ok());
	CHECK((get64(t.slot(va + 0x2000, 3)) & AP_RO) == 0);
	CHECK((get64(t.slot(va + 0x3000, 3)) & AP_RO) != 0);
}

// --- Reserved bits and other encodings -------------------------------------

TEST_CASE("hw/armv8/res0_bits", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	const uint64_t page = t.slot(0x1000, 3);
	set64(page, 0x1000 | T_PAGE | S1_RW_ALL | B(49));
	CHECK(walk(c, 0x1000).fault == Fault::Reserved);

	const uint64_t blk = t.slot(0x40000000ull, 2);
	set64(blk, 0x40000000ull | T_BLOCK | S1_RW_ALL | B(13));
	CHECK(walk(c, 0x40000000ull).fault == Fault::Reserved);
	set64(blk, 0x40000000ull | T_BLOCK | S1_RW_ALL);
	CHECK(walk(c, 0x40000000ull).ok());

	// Table descriptor bits[51:48] are RES0.
	const uint64_t l1 = t.slot(0x1000, 1);
	set64(l1, get64(l1) | B(50));
	CHECK(walk(c, 0x1000).fault == Fault::Reserved);
	set64(l1, get64(l1) & ~B(50));
	set64(page, 0x1000 | T_PAGE | S1_RW_ALL);
	CHECK(walk(c, 0x1000).ok());

	// Ignored / software bits are not RES0.
	set64(page, 0x1000 | T_PAGE | S1_RW_ALL | B(55) | B(58));
	CHECK(walk(c, 0x1000).ok());
}

TEST_CASE("hw/armv8/16k_table_address_res0", "[hw][armv8]")
{
	Tables t(14, 48, 0);
	set64(t.slot(0x4000, 3), 0x4000 | T_PAGE | S1_RW_ALL);
	auto c = s1(t);
	REQUIRE(walk(c, 0x4000).ok());
	const uint64_t l2 = t.slot(0x4000, 2);
	set64(l2, get64(l2) | B(12));
	CHECK(walk(c, 0x4000).fault == Fault::Reserved);
}

TEST_CASE("hw/armv8/reserved_shareability", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | AF | AP_EL0 | (uint64_t{1} << 8));
	CHECK(walk(s1(t), 0x1000).fault == Fault::Encoding);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | AF | AP_EL0); // non-shareable
	CHECK(walk(s1(t), 0x1000).ok());
}

TEST_CASE("hw/armv8/not_present_levels", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	auto r = walk(c, 0x1000);
	CHECK(r.fault == Fault::NotPresent);
	CHECK(r.level == 3);
	set64(t.slot(0x1000, 3), 0x1000 | T_PAGE | S1_RW_ALL);
	CHECK(walk(c, 0x1000).ok());
	auto r2 = walk(c, 0x200000);
	CHECK(r2.fault == Fault::NotPresent);
	CHECK(r2.level == 1);
}

TEST_CASE("hw/armv8/bad_config", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = s1(t);
	c.granule_lg2 = 13;
	CHECK(walk(c, 0).fault == Fault::Encoding);
	c = s1(t);
	c.tsz = 12; // 52-bit input needs the 64K granule
	CHECK(walk(c, 0).fault == Fault::Encoding);
	c = s1(t);
	c.ips_bits = 47;
	CHECK(walk(c, 0).fault == Fault::Encoding);
	c = s1(t);
	c.table_pa += 8; // misaligned root
	CHECK(walk(c, 0).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/64k_lpa_tables_above_48bit", "[hw][armv8]")
{
	// Tables themselves above 2^48: the next-level table address also
	// takes OA[51:48] from descriptor bits[15:12].
	const uint64_t base = 0x000a123400000000ull; // OA[51:48] = 0xa
	WindowArena w(base, 4 * B(16));
	const uint64_t root = w.alloc(B(16)); // level 1, 64 entries used
	const uint64_t l2 = w.alloc(B(16));
	const uint64_t l3 = w.alloc(B(16));
	auto table_desc = [](uint64_t pa) { return (pa & M(47, 16)) | (((pa >> 48) & 0xf) << 12) | T_TABLE; };
	const uint64_t va = 0x0000123456780000ull;
	w.set64(root + ((va >> 42) & 63) * 8, table_desc(l2));
	w.set64(l2 + ((va >> 29) & 8191) * 8, table_desc(l3));
	w.set64(l3 + ((va >> 16) & 8191) * 8, 0x99990000ull | T_PAGE | S1_RW_ALL);

	hw::armv8::Config c;
	c.granule_lg2 = 16;
	c.table_pa = root;
	c.tsz = 16;
	c.lpa = true;
	c.ips_bits = 52;
	auto r = hw::armv8::walk(w.mem, c, va + 0x10, Access::Read);
	REQUIRE_FALSE(w.mem.out_of_range);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x99990010ull);
	// With a 48-bit output size the root itself is out of range.
	c.ips_bits = 48;
	CHECK(hw::armv8::walk(w.mem, c, va, Access::Read).fault == Fault::AddressSize);
}

// --- FEAT_LPA2 (TCR_ELx.DS / VTCR_EL2.DS = 1) -------------------------------

namespace {

// With DS = 1 descriptors hold OA[49:n] in bits[49:n] and OA[51:50] in
// bits[9:8]; there is no SH field.
constexpr uint64_t lpa2_oa(uint64_t oa)
{
	return (oa & M(49, 12)) | (((oa >> 50) & 3) << 8);
}

constexpr uint64_t S1_DS_RW_ALL = AF | AP_EL0;
constexpr uint64_t S2_DS_RW = AF | (uint64_t{0xf} << 2) | S2_R | S2_W;

hw::armv8::Config lpa2(hw::armv8::Config c)
{
	c.ds = true;
	c.ips_bits = 52;
	return c;
}

} // namespace

TEST_CASE("hw/armv8/lpa2_4k_page_oa_51_50", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	const uint64_t va = 0x0000123456789000ull;
	const uint64_t oa = 0x000e000012345000ull; // OA[51:50] = 0b11, OA[49] = 1
	REQUIRE(lpa2_oa(oa) == (0x12345000ull | B(49) | (uint64_t{3} << 8)));
	set64(t.slot(va, 3), lpa2_oa(oa) | T_PAGE | S1_DS_RW_ALL);
	auto c = lpa2(s1(t));
	auto r = walk(c, va + 0x10);
	REQUIRE(r.ok());
	CHECK(r.oa == oa + 0x10);
	CHECK(r.page_size == 4096);
	CHECK(r.level == 0);
	// A 48-bit output size cannot hold it.
	c.ips_bits = 48;
	CHECK(walk(c, va).fault == Fault::AddressSize);
	// Without DS bit 49 is RES0.
	c.ds = false;
	CHECK(walk(c, va).fault == Fault::Reserved);
	// bits[9:8] = 0b01 is OA[50] with DS, not the reserved SH encoding.
	set64(t.slot(va, 3), lpa2_oa(B(50) | 0x1000) | T_PAGE | S1_DS_RW_ALL);
	c = lpa2(s1(t));
	auto s = walk(c, va);
	REQUIRE(s.ok());
	CHECK(s.oa == (B(50) | 0x1000));
	c.ds = false;
	c.ips_bits = 48;
	CHECK(walk(c, va).fault == Fault::Encoding); // SH 0b01
	// Bit 50 (GP, FEAT_BTI, not modelled) stays RES0 with DS.
	set64(t.slot(va, 3), lpa2_oa(0x1000) | T_PAGE | S1_DS_RW_ALL | B(50));
	CHECK(walk(lpa2(s1(t)), va).fault == Fault::Reserved);
}

TEST_CASE("hw/armv8/lpa2_4k_level_minus1_52bit_va", "[hw][armv8]")
{
	// T0SZ = 12 with 4K and DS: the walk starts at level -1 with a
	// 16-entry table resolving VA[51:48].
	Tables t(12, 52, -1);
	REQUIRE(t.start_bits() == 4);
	const uint64_t va = 0x000f000000401000ull;
	set64(t.slot(va, 3), 0x7000 | T_PAGE | S1_DS_RW_ALL);
	auto c = lpa2(s1(t));
	REQUIRE(c.tsz == 12);
	auto r = walk(c, va + 0x123);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x7123ull);
	CHECK(r.level == 0);
	// An empty level -1 entry: Translation::level == 3 - (-1).
	auto n = walk(c, 0x0001000000000000ull);
	CHECK(n.fault == Fault::NotPresent);
	CHECK(n.level == 4);
	// Level -1 holds Table descriptors only.
	set64(t.slot(0x0002000000000000ull, -1), T_BLOCK | S1_DS_RW_ALL);
	auto b = walk(c, 0x0002000000000000ull);
	CHECK(b.fault == Fault::Encoding);
	CHECK(b.level == 4);
	set64(t.slot(0x0002000000000000ull, -1), 0);

	hw::HostMemory mem;
	auto tb = hw::armv8::tables(mem, c);
	REQUIRE(tb.size() == 5);
	CHECK(tb[0].level == 4);
	CHECK(tb[0].bytes == 128);
	CHECK(tb[0].present == 1);
	CHECK(tb[1].level == 3);
	CHECK(tb[1].va == 0x000f000000000000ull);
	CHECK(tb[4].level == 0);
	CHECK(tb[4].leaves == 1);

	// The same table through TTBR1: the top 12 bits all ones.
	c.upper = true;
	auto u = walk(c, 0xffff000000401000ull | va);
	REQUIRE(u.ok());
	CHECK(u.oa == 0x7000ull);
	CHECK(walk(c, va).fault == Fault::AddressSize);

	// Without DS a 52-bit input with 4K is not a valid configuration.
	c.upper = false;
	c.ds = false;
	c.ips_bits = 48;
	CHECK(walk(c, va).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/lpa2_4k_block_512g_and_1g", "[hw][armv8]")
{
	Tables t(12, 48, 0);
	auto c = lpa2(s1(t));
	// Level 0 block (512GB) at OA[51:50] = 0b10, OA[48] = 1.
	const uint64_t va = 0x0000800000000000ull;
	const uint64_t oa = B(51) | B(48);
	set64(t.slot(va, 0), lpa2_oa(oa) | T_BLOCK | S1_DS_RW_ALL);
	const uint64_t off = 0x123456789aull;
	auto r = walk(c, va + off);
	REQUIRE(r.ok());
	CHECK(r.oa == oa + off);
	CHECK(r.page_size == B(39));
	CHECK(r.level == 3);
	// No contiguous run is defined for it: the Contiguous bit is RES0.
	CHECK(hw::armv8::contiguous_entries(12, 0) == 0);
	set64(t.slot(va, 0), lpa2_oa(oa) | T_BLOCK | S1_DS_RW_ALL | CONT);
	CHECK(walk(c, va).fault == Fault::Reserved);
	// Address bits below the block size are RES0.
	set64(t.slot(va, 0), lpa2_oa(oa) | B(38) | T_BLOCK | S1_DS_RW_ALL);
	CHECK(walk(c, va).fault == Fault::Reserved);
	set64(t.slot(va, 0), lpa2_oa(oa) | T_BLOCK | S1_DS_RW_ALL);
	// Without DS a level 0 block is not allowed.
	auto no = s1(t);
	CHECK(walk(no, va).fault == Fault::Encoding);

	// Level 1 (1GB) block above 48 bits; its Contiguous run is still 16.
	const uint64_t vb = 0x0000000040000000ull;
	const uint64_t ob = B(51) | B(49) | 0x40000000ull;
	set64(t.slot(vb, 1), lpa2_oa(ob) | T_BLOCK | S1_DS_RW_ALL);
	auto b = walk(c, vb + 0x3ffffff0);
	REQUIRE(b.ok());
	CHECK(b.oa == ob + 0x3ffffff0);
	CHECK(b.page_size == B(30));
	CHECK(b.level == 2);
	CHECK(hw::armv8::contiguous_entries(12, 1) == 16);
}

TEST_CASE("hw/armv8/lpa2_16k_block_64g_and_page", "[hw][armv8]")
{
	// 52-bit input with 16K: level 0 resolves VA[51:47] (32 entries).
	Tables t(14, 52, 0);
	REQUIRE(t.start_bits() == 5);
	auto c = lpa2(s1(t));
	const uint64_t va = 0x0008001000000000ull; // level 0 index 16, level 1 index 1
	const uint64_t oa = B(50) | (uint64_t{3} << 40);
	set64(t.slot(va, 1), lpa2_oa(oa) | T_BLOCK | S1_DS_RW_ALL);
	const uint64_t off = 0x987654321ull;
	auto r = walk(c, va + off);
	REQUIRE(r.ok());
	CHECK(r.oa == oa + off);
	CHECK(r.page_size == B(36));
	CHECK(r.level == 2);
	CHECK(hw::armv8::contiguous_entries(14, 1) == 0);
	set64(t.slot(va, 1), lpa2_oa(oa) | T_BLOCK | S1_DS_RW_ALL | CONT);
	CHECK(walk(c, va).fault == Fault::Reserved);

	const uint64_t vp = 0x4000;
	const uint64_t op = 0x000e000000008000ull;
	set64(t.slot(vp, 3), lpa2_oa(op) | T_PAGE | S1_DS_RW_ALL);
	auto p = walk(c, vp + 0x3ffc);
	REQUIRE(p.ok());
	CHECK(p.oa == op + 0x3ffc);
	CHECK(p.page_size == B(14));
	CHECK(p.level == 0);

	// 48-bit 16K without DS: a level 1 block is not allowed.
	Tables u(14, 48, 0);
	set64(u.slot(B(36), 1), B(36) | T_BLOCK | S1_RW_ALL);
	CHECK(walk(s1(u), B(36)).fault == Fault::Encoding);
	auto r48 = walk(lpa2(s1(u)), B(36) + 5);
	REQUIRE(r48.ok());
	CHECK(r48.oa == ((uint64_t{3} << 50) | B(36) | 5)); // SH bits are now OA[51:50]
}

TEST_CASE("hw/armv8/lpa2_tables_above_48bit", "[hw][armv8]")
{
	// Tables at PA 0x000d_1234_0000_0000: OA[51:50] = 0b11 in table
	// descriptor bits[9:8], OA[49:48] = 0b01 in bits[49:48].
	const uint64_t base = 0x000d123400000000ull;
	WindowArena w(base, 4 * B(12));
	const uint64_t root = w.alloc(B(12));
	const uint64_t l1 = w.alloc(B(12));
	const uint64_t l2 = w.alloc(B(12));
	const uint64_t l3 = w.alloc(B(12));
	auto table_desc = [](uint64_t pa) { return lpa2_oa(pa) | T_TABLE; };
	const uint64_t va = 0x0000123456789000ull;
	w.set64(root + ((va >> 39) & 511) * 8, table_desc(l1));
	w.set64(l1 + ((va >> 30) & 511) * 8, table_desc(l2));
	w.set64(l2 + ((va >> 21) & 511) * 8, table_desc(l3));
	w.set64(l3 + ((va >> 12) & 511) * 8, 0x4321000 | T_PAGE | S1_DS_RW_ALL);

	hw::armv8::Config c;
	c.granule_lg2 = 12;
	c.table_pa = root;
	c.tsz = 16;
	c.ds = true;
	c.ips_bits = 52;
	auto r = hw::armv8::walk(w.mem, c, va + 0x21, Access::Read);
	REQUIRE_FALSE(w.mem.out_of_range);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x4321021ull);
	auto tb = hw::armv8::tables(w.mem, c);
	REQUIRE(tb.size() == 4);
	CHECK(tb[1].pa == l1);
	CHECK(tb[3].pa == l3);
	// Table descriptor bits[51:50] stay RES0 with DS.
	const uint64_t e = l2 + ((va >> 21) & 511) * 8;
	w.set64(e, table_desc(l3) | B(51));
	CHECK(hw::armv8::walk(w.mem, c, va, Access::Read).fault == Fault::Reserved);
	w.set64(e, table_desc(l3));
	// With a 48-bit output size the root itself is out of range.
	c.ips_bits = 48;
	CHECK(hw::armv8::walk(w.mem, c, va, Access::Read).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv8/lpa2_bad_config", "[hw][armv8]")
{
	Tables t(16, 48, 1);
	auto c = s1(t);
	c.ds = true; // DS is RES0 for the 64K granule
	auto r = walk(c, 0);
	CHECK(r.fault == Fault::Encoding);
	CHECK(r.why.rfind("config:", 0) == 0);
	c.ips_bits = 52;
	CHECK(walk(c, 0).fault == Fault::Encoding);
	// 52-bit OA with 4K needs DS.
	Tables u(12, 48, 0);
	auto d = s1(u);
	d.ips_bits = 52;
	CHECK(walk(d, 0).fault == Fault::Encoding);
	d.ds = true;
	CHECK(walk(d, 0).fault == Fault::NotPresent);
	// DS with the AArch32 format.
	d.aarch32 = true;
	d.tsz = 0;
	CHECK(walk(d, 0).fault == Fault::Encoding);
	// tsz below 12 even with DS.
	d = lpa2(s1(u));
	d.tsz = 11;
	CHECK(walk(d, 0).fault == Fault::Encoding);
}

TEST_CASE("hw/armv8/lpa2_s2_sl2_start_levels", "[hw][armv8]")
{
	using hw::armv8::kReservedLevel;
	using hw::armv8::start_level_from_sl0;
	CHECK(start_level_from_sl0(12, 0, 1, true) == -1);
	CHECK(start_level_from_sl0(12, 1, 1, true) == kReservedLevel);
	CHECK(start_level_from_sl0(12, 0, 1, false) == kReservedLevel);
	CHECK(start_level_from_sl0(12, 2, 0, true) == 0);
	CHECK(start_level_from_sl0(12, 0, 0, true) == 2);
	CHECK(start_level_from_sl0(14, 3, 0, true) == 0);
	CHECK(start_level_from_sl0(14, 3, 0, false) == kReservedLevel);
	CHECK(start_level_from_sl0(14, 0, 1, true) == kReservedLevel);
	CHECK(start_level_from_sl0(16, 3, 0, true) == kReservedLevel);

	// 52-bit IPA with 4K: a single 16-entry table at level -1
	// (SL2:SL0 = 0b1_00).
	Tables t(12, 52, -1);
	const uint64_t ipa = 0x000a000000203000ull;
	set64(t.slot(ipa, 3), lpa2_oa(B(51) | 0x9000) | T_PAGE | S2_DS_RW);
	auto c = lpa2(s2(t));
	c.s2_start_level = start_level_from_sl0(12, 0, 1, true);
	auto r = walk(c, ipa + 4);
	REQUIRE(r.ok());
	CHECK(r.oa == (B(51) | 0x9004));
	c.ds = false;
	c.ips_bits = 48;
	CHECK(walk(c, ipa).fault == Fault::Encoding);

	// The same IPA size from level 0 with 16 concatenated tables
	// (computed start, or SL0 = 0b10).
	Tables u(12, 52, 0);
	REQUIRE(u.start_bits() == 13);
	set64(u.slot(ipa, 3), 0x9000 | T_PAGE | S2_DS_RW);
	auto d = lpa2(s2(u));
	d.s2_start_level = hw::armv8::kS2StartAuto;
	REQUIRE(walk(d, ipa).ok());
	hw::HostMemory mem;
	auto tb = hw::armv8::tables(mem, d);
	REQUIRE_FALSE(tb.empty());
	CHECK(tb[0].level == 3);
	CHECK(tb[0].bytes == B(16));
	d.s2_start_level = start_level_from_sl0(12, 2, 0, true);
	CHECK(walk(d, ipa).ok());
	// A reserved encoding is a configuration error.
	d.s2_start_level = start_level_from_sl0(12, 1, 1, true);
	CHECK(walk(d, ipa).fault == Fault::Encoding);

	// 16K: SL0 = 0b11 starts at level 0, only with DS.
	Tables v(14, 48, 0);
	set64(v.slot(0x800000004000ull, 3), 0xc000 | T_PAGE | S2_DS_RW);
	auto e = lpa2(s2(v));
	e.s2_start_level = start_level_from_sl0(14, 3, 0, true);
	REQUIRE(e.s2_start_level == 0);
	CHECK(walk(e, 0x800000004000ull).oa == 0xc000ull);
	e.ds = false;
	e.ips_bits = 48;
	CHECK(walk(e, 0x800000004000ull).fault == Fault::Encoding);
}

// --- VMSAv8-32 Long-descriptor format (AArch32 LPAE) ------------------------

namespace {

// Hand-built VMSAv8-32 tables (4K granule, 9 bits per level, 40-bit OA) in a
// window above 4 GiB, below 2^40.
struct A32Tables {
	WindowArena w;
	unsigned ia;
	int start;
	uint64_t root;

	A32Tables(unsigned ia_bits, int start_level)
		: w(0x100000000ull, B(20)), ia(ia_bits), start(start_level)
	{
		root = w.alloc(uint64_t{8} << start_bits());
	}
	static unsigned shift(int level) { return 12 + static_cast<unsigned>(3 - level) * 9; }
	unsigned start_bits() const { return ia - shift(start); }

	uint64_t slot(uint64_t va, int level)
	{
		va &= B(ia) - 1;
		uint64_t tbl = root;
		for (int l = start;; l++) {
			const unsigned nbits = l == start ? start_bits() : 9;
			const uint64_t idx = (va >> shift(l)) & (B(nbits) - 1);
			const uint64_t pa = tbl + idx * 8;
			if (l == level)
				return pa;
			uint64_t d = w.get64(pa);
			if (!(d & 1)) {
				d = w.alloc(B(12)) | T_TABLE;
				w.set64(pa, d);
			}
			tbl = d & M(39, 12);
		}
	}
	void set(uint64_t va, int level, uint64_t d) { w.set64(slot(va, level), d); }
	uint64_t get(uint64_t va, int level) { return w.get64(slot(va, level)); }
	hw::Translation walk(const hw::armv8::Config &c, uint64_t iova, Access acc = Access::Read)
	{
		return hw::armv8::walk(w.mem, c, iova, acc);
	}
	std::vector<hw::TableInfo> tables(const hw::armv8::Config &c)
	{
		return hw::armv8::tables(w.mem, c);
	}
};

// Stage 1: tsz is TTBCR.T0SZ (upper false) or T1SZ (upper true), other the
// other TTBR's TxSZ.
hw::armv8::Config a32s1(const A32Tables &t, bool upper = false, unsigned other = 0)
{
	hw::armv8::Config c;
	c.aarch32 = true;
	c.granule_lg2 = 12;
	c.stage = 1;
	c.table_pa = t.root;
	c.tsz = 32 - t.ia;
	c.upper = upper;
	c.a32_other_tsz = other;
	return c;
}

// Stage 2: the raw 4-bit VTCR.T0SZ field.
hw::armv8::Config a32s2(const A32Tables &t)
{
	hw::armv8::Config c = a32s1(t);
	c.stage = 2;
	c.tsz = (32 - t.ia) & 0xf;
	c.s2_start_level = t.start;
	return c;
}

constexpr uint64_t A32_XN = B(54);
constexpr uint64_t A32_PXN = B(53);

} // namespace

TEST_CASE("hw/armv8/aarch32_s1_page_and_blocks", "[hw][armv8]")
{
	A32Tables t(32, 1); // T0SZ = 0: level 1, 4 entries
	REQUIRE(t.start_bits() == 2);
	auto c = a32s1(t);
	t.set(0x12345000, 3, 0xab12345000ull | T_PAGE | S1_RW_ALL);
	auto p = t.walk(c, 0x12345678);
	REQUIRE(p.ok());
	CHECK(p.oa == 0xab12345678ull);
	CHECK(p.page_size == 4096);
	CHECK(p.level == 0);
	CHECK(p.read);
	CHECK(p.write);
	CHECK(p.exec);

	t.set(0x40200000, 2, 0xffffe00000ull | T_BLOCK | S1_RW_ALL);
	auto b = t.walk(c, 0x40201234);
	REQUIRE(b.ok());
	CHECK(b.oa == 0xffffe01234ull);
	CHECK(b.page_size == B(21));
	CHECK(b.level == 1);

	t.set(0xc0000000, 1, 0x8040000000ull | T_BLOCK | S1_RW_ALL);
	auto g = t.walk(c, 0xffffffff);
	REQUIRE(g.ok());
	CHECK(g.oa == 0x807fffffffull);
	CHECK(g.page_size == B(30));
	CHECK(g.level == 2);

	// Level 3 type 0b01 is reserved; a 4K page has no AArch64 level 0.
	t.set(0x12346000, 3, 0x5000 | T_BLOCK | S1_RW_ALL);
	CHECK(t.walk(c, 0x12346000).fault == Fault::Encoding);

	auto tb = t.tables(c); // root, two level 2 tables, one level 3 table
	REQUIRE(tb.size() == 4);
	CHECK(tb[0].level == 2);
	CHECK(tb[0].bytes == 32);
	CHECK(tb[0].present == 3);
	CHECK(tb[0].leaves == 1);
}

TEST_CASE("hw/armv8/aarch32_s1_start_levels", "[hw][armv8]")
{
	// G5: TxSZ 0 or 1 starts at level 1 (4 or 2 entries), 2..7 at level 2
	// (512 down to 16 entries); the base is aligned to the table size
	// (x = 5 - TxSZ or 14 - TxSZ), with no 64-byte floor.
	struct {
		unsigned tsz;
		int start;
		uint64_t bytes;
	} const cases[] = {{0, 1, 32}, {1, 1, 16}, {2, 2, 4096}, {3, 2, 2048}, {7, 2, 128}};
	for (const auto &k : cases) {
		CAPTURE(k.tsz);
		A32Tables t(32 - k.tsz, k.start);
		const uint64_t top = B(t.ia) - 0x1000;
		t.set(top, 3, 0x77000 | T_PAGE | S1_RW_ALL);
		auto c = a32s1(t);
		REQUIRE(c.tsz == k.tsz);
		auto r = t.walk(c, top + 0xff);
		REQUIRE(r.ok());
		CHECK(r.oa == 0x770ffull);
		auto tb = t.tables(c);
		REQUIRE(tb.size() == static_cast<size_t>(4 - k.start));
		CHECK(tb[0].level == static_cast<unsigned>(3 - k.start));
		CHECK(tb[0].bytes == k.bytes);
		// Beyond T0SZ's range (TTBR1's with T1SZ = 0, or above 32 bits).
		CHECK(t.walk(c, B(t.ia)).fault == Fault::AddressSize);
		c.table_pa = t.root + 8;
		CHECK(t.walk(c, top).fault == Fault::Encoding);
	}
}

TEST_CASE("hw/armv8/aarch32_s1_ttbr1_split", "[hw][armv8]")
{
	// T0SZ = T1SZ = 1: TTBR0 below 0x8000_0000, TTBR1 from there; the
	// TTBR1 table (2 entries) is indexed by VA[30].
	A32Tables u(31, 1);
	u.set(0xc0001000, 3, 0x31000 | T_PAGE | S1_RW_PRIV);
	auto c = a32s1(u, true, 1);
	c.privileged = true;
	auto r = u.walk(c, 0xc0001004);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x31004ull);
	CHECK(u.walk(c, 0x40001000).fault == Fault::AddressSize); // TTBR0's
	CHECK(u.walk(c, 0x1c0001000ull).fault == Fault::AddressSize);
	CHECK(u.tables(c)[0].va == 0x80000000ull);
	auto c0 = a32s1(u, false, 1);
	CHECK(u.walk(c0, 0xc0001000).fault == Fault::AddressSize); // TTBR1's

	// T0SZ = T1SZ = 2: a gap between 0x4000_0000 and 0xc000_0000.
	A32Tables v(30, 2);
	v.set(0xc0201000, 3, 0x32000 | T_PAGE | S1_RW_PRIV);
	auto d = a32s1(v, true, 2);
	d.privileged = true;
	REQUIRE(v.walk(d, 0xc0201000).oa == 0x32000ull);
	CHECK(v.walk(d, 0x80000000).fault == Fault::AddressSize);
	auto d0 = a32s1(v, false, 2);
	CHECK(v.walk(d0, 0x80000000).fault == Fault::AddressSize);

	// T1SZ = 0, T0SZ = 2: TTBR1 takes everything from 0x4000_0000, with a
	// full 32-bit table indexed by VA[31:30].
	A32Tables w(32, 1);
	w.set(0x40001000, 3, 0x33000 | T_PAGE | S1_RW_PRIV);
	auto e = a32s1(w, true, 2);
	e.privileged = true;
	REQUIRE(e.tsz == 0);
	CHECK(w.walk(e, 0x40001000).oa == 0x33000ull);
	CHECK(w.walk(e, 0x3ffff000).fault == Fault::AddressSize);
	CHECK(w.tables(e)[0].va == 0);

	// T0SZ = 0, T1SZ = 2: TTBR0 up to 0xbfff_ffff.
	A32Tables x(32, 1);
	x.set(0xbffff000, 3, 0x34000 | T_PAGE | S1_RW_PRIV);
	auto f = a32s1(x, false, 2);
	f.privileged = true;
	CHECK(x.walk(f, 0xbffff000).oa == 0x34000ull);
	x.set(0xc0000000, 3, 0x35000 | T_PAGE | S1_RW_PRIV);
	CHECK(x.walk(f, 0xc0000000).fault == Fault::AddressSize);
	// With T1SZ = 0 as well TTBR0 translates everything.
	f.a32_other_tsz = 0;
	CHECK(x.walk(f, 0xc0000000).oa == 0x35000ull);
}

TEST_CASE("hw/armv8/aarch32_40bit_oa_limit", "[hw][armv8]")
{
	A32Tables t(32, 1);
	auto c = a32s1(t);
	c.ips_bits = 32; // ignored: VMSAv8-32 outputs 40 bits
	t.set(0x1000, 3, 0xfffffff000ull | T_PAGE | S1_RW_ALL);
	CHECK(t.walk(c, 0x1000).oa == 0xfffffff000ull);
	// Descriptor bits[47:40] make an Address size fault, bits[51:48] are RES0.
	t.set(0x1000, 3, B(40) | 0x1000 | T_PAGE | S1_RW_ALL);
	CHECK(t.walk(c, 0x1000).fault == Fault::AddressSize);
	t.set(0x1000, 3, B(47) | 0x1000 | T_PAGE | S1_RW_ALL);
	CHECK(t.walk(c, 0x1000).fault == Fault::AddressSize);
	t.set(0x1000, 3, B(48) | 0x1000 | T_PAGE | S1_RW_ALL);
	CHECK(t.walk(c, 0x1000).fault == Fault::Reserved);
	t.set(0x1000, 3, 0x1000 | T_PAGE | S1_RW_ALL);
	REQUIRE(t.walk(c, 0x1000).ok());
	// Next-level table address above 40 bits, table bits[51:48] RES0.
	const uint64_t l2 = t.slot(0x1000, 2);
	const uint64_t saved = t.w.get64(l2);
	t.w.set64(l2, saved | B(41));
	auto a = t.walk(c, 0x1000);
	CHECK(a.fault == Fault::AddressSize);
	CHECK(a.level == 1);
	t.w.set64(l2, saved | B(50));
	CHECK(t.walk(c, 0x1000).fault == Fault::Reserved);
	t.w.set64(l2, saved);
	// TTBR base above 40 bits.
	c.table_pa = B(40);
	CHECK(t.walk(c, 0x1000).fault == Fault::AddressSize);
}

TEST_CASE("hw/armv8/aarch32_s1_xn_pxn", "[hw][armv8]")
{
	A32Tables t(32, 1);
	auto c = a32s1(t);
	t.set(0x1000, 3, 0x1000 | T_PAGE | S1_RW_ALL | A32_XN);
	t.set(0x2000, 3, 0x2000 | T_PAGE | S1_RW_ALL | A32_PXN);
	t.set(0x3000, 3, 0x3000 | T_PAGE | AF | SH_IS); // PL1 only, XN 0
	t.set(0x4000, 3, 0x4000 | T_PAGE | S1_RW_ALL);
	t.set(0x5000, 3, 0x5000 | T_PAGE | S1_RW_ALL | AP_RO);

	c.privileged = false;
	CHECK(t.walk(c, 0x1000, Access::Exec).fault == Fault::Permission);
	CHECK(t.walk(c, 0x2000, Access::Exec).ok());
	// An instruction fetch needs read permission: no EL0 execute-only.
	CHECK(t.walk(c, 0x3000, Access::Exec).fault == Fault::Permission);
	CHECK_FALSE(t.walk(c, 0x3000).exec);
	CHECK(t.walk(c, 0x4000, Access::Write).ok());
	CHECK(t.walk(c, 0x5000, Access::Write).fault == Fault::Permission);

	c.privileged = true;
	CHECK(t.walk(c, 0x1000, Access::Exec).fault == Fault::Permission); // XN is for all
	CHECK(t.walk(c, 0x2000, Access::Exec).fault == Fault::Permission);
	CHECK(t.walk(c, 0x3000, Access::Exec).ok());
	// Writable at PL0 does not imply PXN without SCTLR.UWXN.
	CHECK(t.walk(c, 0x4000, Access::Exec).ok());

	// XNTable (bit 60) applies at PL1 too, PXNTable (bit 59) at PL1 only.
	const uint64_t l2 = t.slot(0x4000, 2);
	const uint64_t orig = t.w.get64(l2);
	t.w.set64(l2, orig | XNTABLE);
	CHECK(t.walk(c, 0x4000, Access::Exec).fault == Fault::Permission);
	CHECK(t.walk(c, 0x4000, Access::Write).ok());
	t.w.set64(l2, orig | PXNTABLE);
	CHECK(t.walk(c, 0x4000, Access::Exec).fault == Fault::Permission);
	c.privileged = false;
	CHECK(t.walk(c, 0x4000, Access::Exec).ok());
	// APTable as in VMSAv8-64.
	t.w.set64(l2, orig | APTABLE0);
	CHECK(t.walk(c, 0x4000).fault == Fault::Permission);
	c.privileged = true;
	t.w.set64(l2, orig | APTABLE1);
	CHECK(t.walk(c, 0x4000, Access::Write).fault == Fault::Permission);
}

TEST_CASE("hw/armv8/aarch32_res0_and_no_hw_af", "[hw][armv8]")
{
	A32Tables t(32, 1);
	auto c = a32s1(t);
	// No FEAT_HAFDBS in VMSAv8-32: AF == 0 faults whatever HA/HD say,
	// and nothing is written back.
	const uint64_t slot = t.slot(0x7000, 3);
	const uint64_t d = 0x7000 | T_PAGE | SH_IS | AP_EL0;
	t.w.set64(slot, d);
	c.ha = c.hd = true;
	auto r = t.walk(c, 0x7000);
	CHECK(r.fault == Fault::Permission);
	CHECK(r.why == "access flag");
	CHECK(t.w.get64(slot) == d);
	// Bit 51 (DBM in VMSAv8-64) is RES0 here.
	t.w.set64(slot, d | AF | AP_RO | DBM);
	CHECK(t.walk(c, 0x7000).fault == Fault::Reserved);
	// Software (58:55), ignored (63:59) and NS (5) bits are not RES0.
	t.w.set64(slot, d | AF | B(55) | B(58) | B(59) | B(63) | B(5));
	CHECK(t.walk(c, 0x7000, Access::Write).ok());
	// The reserved shareability encoding.
	t.w.set64(slot, 0x7000 | T_PAGE | AF | AP_EL0 | (uint64_t{1} << 8));
	CHECK(t.walk(c, 0x7000).fault == Fault::Encoding);

	// Stage 2: bit 11 of a leaf and bits[63:59] of a table are RES0.
	A32Tables u(40, 1);
	auto s = a32s2(u);
	u.set(0x1000, 3, 0x1000 | T_PAGE | S2_RW);
	REQUIRE(u.walk(s, 0x1000).ok());
	u.set(0x1000, 3, 0x1000 | T_PAGE | S2_RW | B(11));
	CHECK(u.walk(s, 0x1000).fault == Fault::Reserved);
	u.set(0x1000, 3, 0x1000 | T_PAGE | S2_RW);
	const uint64_t l2 = u.slot(0x1000, 2);
	u.w.set64(l2, u.w.get64(l2) | APTABLE0);
	CHECK(u.walk(s, 0x1000).fault == Fault::Reserved);
}

TEST_CASE("hw/armv8/aarch32_s2_concat_level1_40bit", "[hw][armv8]")
{
	// VTCR.T0SZ = -8 (0b1000), SL0 = 0b01: a 40-bit IPA from two
	// concatenated level 1 tables, 8KB aligned.
	A32Tables t(40, 1);
	REQUIRE(t.start_bits() == 10);
	const uint64_t ipa = 0x8012345000ull; // IPA[39] = 1: the second table
	t.set(ipa, 3, 0x55000 | T_PAGE | S2_RW);
	auto c = a32s2(t);
	REQUIRE(c.tsz == 0x8);
	c.s2_start_level = hw::armv8::start_level_from_sl0_aarch32(1);
	REQUIRE(c.s2_start_level == 1);
	auto r = t.walk(c, ipa + 1);
	REQUIRE(r.ok());
	CHECK(r.oa == 0x55001ull);
	CHECK(r.level == 0);
	CHECK(t.walk(c, B(40) | ipa).fault == Fault::AddressSize);
	auto tb = t.tables(c);
	REQUIRE_FALSE(tb.empty());
	CHECK(tb[0].bytes == 8192);
	CHECK(tb[0].level == 2);
	c.s2_start_level = hw::armv8::kS2StartAuto;
	CHECK(t.walk(c, ipa).oa == 0x55000ull);
	// The pair must be aligned to its total size.
	c.table_pa = t.root + 0x1000;
	CHECK(t.walk(c, ipa).fault == Fault::Encoding);
	// A 1GB block in the concatenated level 1 tables.
	c.table_pa = t.root;
	t.set(0xffc0000000ull, 1, 0x40000000ull | T_BLOCK | S2_RW);
	auto b = t.walk(c, 0xffc0000123ull);
	REQUIRE(b.ok());
	CHECK(b.oa == 0x40000123ull);
	CHECK(b.page_size == B(30));
}

TEST_CASE("hw/armv8/aarch32_s2_sl0_t0sz_consistency", "[hw][armv8]")
{
	// T0SZ = -2 (34-bit IPA), SL0 = 0b00: 16 concatenated level 2 tables.
	A32Tables t(34, 2);
	REQUIRE(t.start_bits() == 13);
	const uint64_t ipa = 0x3ffe01000ull;
	t.set(ipa, 3, 0x66000 | T_PAGE | S2_RW);
	auto c = a32s2(t);
	REQUIRE(c.tsz == 0xe);
	c.s2_start_level = hw::armv8::start_level_from_sl0_aarch32(0);
	REQUIRE(c.s2_start_level == 2);
	CHECK(t.walk(c, ipa).oa == 0x66000ull);
	// The same range from level 1 (SL0 = 0b01), a 16-entry table.
	A32Tables u(34, 1);
	u.set(ipa, 3, 0x67000 | T_PAGE | S2_RW);
	CHECK(u.walk(a32s2(u), ipa).oa == 0x67000ull);
	// Table G5-5: level 2 needs T0SZ >= -2, level 1 needs T0SZ <= 1.
	auto bad = c;
	bad.tsz = (32 - 35) & 0xf;
	CHECK(t.walk(bad, 0).fault == Fault::Encoding);
	A32Tables v(30, 2);
	auto w = a32s2(v);
	v.set(0x1000, 3, 0x1000 | T_PAGE | S2_RW);
	CHECK(v.walk(w, 0x1000).ok());
	w.s2_start_level = 1; // T0SZ = 2 with SL0 = 0b01
	CHECK(v.walk(w, 0x1000).fault == Fault::Encoding);
	w.s2_start_level = hw::armv8::start_level_from_sl0_aarch32(2);
	CHECK(w.s2_start_level == hw::armv8::kReservedLevel);
	CHECK(v.walk(w, 0x1000).fault == Fault::Encoding);
	w.s2_start_level = 2;
	w.tsz = 16; // not a 4-bit field value
	CHECK(v.walk(w, 0x1000).fault == Fault::Encoding);
	// A 32-bit IPA (T0SZ = 0) computes a level 1 start.
	A32Tables x(32, 1);
	x.set(0xfffff000, 3, 0x68000 | T_PAGE | S2_RW);
	auto y = a32s2(x);
	y.s2_start_level = hw::armv8::kS2StartAuto;
	CHECK(x.walk(y, 0xfffff000).oa == 0x68000ull);
}

TEST_CASE("hw/armv8/aarch32_s2_permissions", "[hw][armv8]")
{
	A32Tables t(40, 1);
	auto c = a32s2(t);
	const uint64_t base = AF | SH_IS | (uint64_t{0xf} << 2);
	t.set(0x1000, 3, 0x1000 | T_PAGE | base | S2_R);
	t.set(0x2000, 3, 0x2000 | T_PAGE | base | S2_W);
	t.set(0x3000, 3, 0x3000 | T_PAGE | base | S2_R | A32_XN);
	t.set(0x4000, 3, 0x4000 | T_PAGE | base | S2_R | B(53)); // XN[1:0] = 01 (FEAT_XNX)

	CHECK(t.walk(c, 0x1000).ok());
	CHECK(t.walk(c, 0x1000, Access::Write).fault == Fault::Permission);
	CHECK(t.walk(c, 0x1000, Access::Exec).ok());
	CHECK(t.walk(c, 0x2000).fault == Fault::Permission);
	CHECK(t.walk(c, 0x2000, Access::Write).ok());
	// Stage 2 execution needs read permission in VMSAv8-32.
	CHECK(t.walk(c, 0x2000, Access::Exec).fault == Fault::Permission);
	CHECK(t.walk(c, 0x3000, Access::Exec).fault == Fault::Permission);
	c.privileged = false;
	CHECK(t.walk(c, 0x4000, Access::Exec).ok());
	c.privileged = true;
	CHECK(t.walk(c, 0x4000, Access::Exec).fault == Fault::Permission);
	// No hardware dirty state: DBM (bit 51) is RES0.
	c.ha = c.hd = true;
	t.set(0x2000, 3, 0x2000 | T_PAGE | base | S2_R | DBM);
	CHECK(t.walk(c, 0x2000, Access::Write).fault == Fault::Reserved);
}

TEST_CASE("hw/armv8/aarch32_contiguous", "[hw][armv8]")
{
	A32Tables t(32, 1);
	auto c = a32s1(t);
	const uint64_t oa = 0x1234500000ull;
	for (unsigned i = 0; i < 16; i++)
		t.set(0x10000 + i * 0x1000, 3, (oa + i * 0x1000) | T_PAGE | S1_RW_ALL | CONT);
	auto r = t.walk(c, 0x1f123);
	REQUIRE(r.ok());
	CHECK(r.oa == oa + 0xf123);
	CHECK(r.page_size == B(16));
	// One entry out of line.
	t.set(0x13000, 3, (oa + 0x4000) | T_PAGE | S1_RW_ALL | CONT);
	CHECK(t.walk(c, 0x10000).fault == Fault::Encoding);
	// A level 1 run cannot fit the 4-entry stage 1 level 1 table.
	t.set(0xc0000000, 1, 0xc0000000ull | T_BLOCK | S1_RW_ALL | CONT);
	CHECK(t.walk(c, 0xc0000000).fault == Fault::Encoding);
	CHECK(hw::armv8::contiguous_entries(12, 1) == 16);
}

TEST_CASE("hw/armv8/aarch32_bad_config", "[hw][armv8]")
{
	A32Tables t(32, 1);
	auto c = a32s1(t);
	REQUIRE(t.walk(c, 0).fault == Fault::NotPresent);
	c.granule_lg2 = 16;
	CHECK(t.walk(c, 0).fault == Fault::Encoding);
	c = a32s1(t);
	c.tsz = 8; // TTBCR.TxSZ is 3 bits
	CHECK(t.walk(c, 0).fault == Fault::Encoding);
	c = a32s1(t);
	c.a32_other_tsz = 8;
	CHECK(t.walk(c, 0).fault == Fault::Encoding);
	c = a32s1(t);
	c.ds = true;
	CHECK(t.walk(c, 0).fault == Fault::Encoding);
	c = a32s2(t);
	c.upper = true;
	CHECK(t.walk(c, 0).fault == Fault::Encoding);
}
