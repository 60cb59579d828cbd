// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Apple DART reference walker. There is no public manual: every field below
// notes where the fact was read ("Linux" = drivers/iommu/io-pgtable-dart.c
// and drivers/iommu/apple-dart.c; "m1n1" = the Asahi Linux boot loader's
// src/dart.c).
#include "walk_dart.h"

#include <cstdio>
#include <string>

namespace hw::dart {
namespace {

constexpr uint64_t bit(unsigned n)
{
	return uint64_t{1} << n;
}

constexpr uint64_t bits(unsigned hi, unsigned lo)
{
	return (~uint64_t{0} >> (63 - hi)) & ~(bit(lo) - 1);
}

// Valid bit, both layouts, both levels (Linux, m1n1).
constexpr uint64_t PTE_VALID = bit(0);

// Subpage protection window of a leaf (Linux, m1n1): start in bits[63:52],
// end in bits[51:40]; a whole page is start 0, end 0xfff.
constexpr unsigned SP_START_SHIFT = 52;
constexpr unsigned SP_END_SHIFT = 40;
constexpr uint64_t SP_FIELD_MASK = 0xfff;

// Layout 1 ("t8020", Linux APPLE_DART): the address is stored unshifted in
// bits[35:12] (Linux; m1n1 uses bits[39:14] on a 16K-only system, which is
// the same encoding); no-read bit[8], no-write bit[7], subpage protection
// disable bit[1] (Linux and m1n1 always set it).
constexpr uint64_t V1_PA_MASK = bits(35, 12);
constexpr uint64_t V1_NO_READ = bit(8);
constexpr uint64_t V1_NO_WRITE = bit(7);
constexpr uint64_t V1_SP_DIS = bit(1);

// Layout 2 ("t6000"/"t8110", Linux APPLE_DART2): bits[37:10] hold the
// address shifted right by 4 (so PA[41:14]; m1n1 writes PA >> 14 into a
// field starting at bit 10, the same thing); no-read bit[3], no-write bit[2],
// bit[1] no-cache (Linux) / "realtime" (m1n1), ignored here.
constexpr uint64_t V2_PA_MASK = bits(37, 10);
constexpr unsigned V2_PA_SHIFT = 4;
constexpr uint64_t V2_NO_READ = bit(3);
constexpr uint64_t V2_NO_WRITE = bit(2);

// At most four TTBRs per stream (Linux DART_MAX_TABLES, ttbr_count 4).
constexpr unsigned MAX_TTBR = 4;

std::string hex(uint64_t v)
{
	char buf[24];
	std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
	return buf;
}

uint64_t pte_to_pa(unsigned layout, uint64_t pte)
{
	if (layout == 1)
		return pte & V1_PA_MASK;
	return (pte & V2_PA_MASK) << V2_PA_SHIFT;
}

} // namespace

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc)
{
	hw::Translation t;
	auto fail = [&t](hw::Fault f, std::string why) {
		t.fault = f;
		t.why = std::move(why);
		return t;
	};

	const unsigned g = cfg.granule_lg2;
	if (g != 12 && g != 14)
		return fail(hw::Fault::Encoding, "config: granule_lg2 must be 12 or 14");
	if (cfg.layout != 1 && cfg.layout != 2)
		return fail(hw::Fault::Encoding, "config: layout must be 1 or 2");
	if (cfg.num_ttbr < 1 || cfg.num_ttbr > MAX_TTBR)
		return fail(hw::Fault::Encoding, "config: num_ttbr must be 1..4");
	const unsigned stride = g - 3; // entries per table = granule / 8
	const unsigned l1_shift = g + stride;
	const unsigned ttbr_shift = g + 2 * stride;
	if (cfg.va_bits <= g || cfg.va_bits > ttbr_shift + 2 || cfg.va_bits > 63)
		return fail(hw::Fault::Encoding, "config: va_bits out of range for four TTBRs");

	if (iova >> cfg.va_bits)
		return fail(hw::Fault::AddressSize, "iova " + hex(iova) + " above va_bits");

	// TTBR selection: the iova bits above the two table levels (Linux
	// dart_get_table: iova >> (3 * bits_per_level + 3)).
	const uint64_t ti = iova >> ttbr_shift;
	t.level = 1;
	if (ti >= cfg.num_ttbr)
		return fail(hw::Fault::NotPresent, "no valid TTBR " + std::to_string(ti));
	const uint64_t l1_tbl = cfg.ttbr[ti];
	if (l1_tbl & (bit(g) - 1))
		return fail(hw::Fault::Encoding, "config: ttbr[" + std::to_string(ti) +
			    "] not granule aligned");

	const uint64_t idx_mask = bit(stride) - 1;
	const uint64_t l1_idx = (iova >> l1_shift) & idx_mask;
	const uint64_t l1 = mem.read64(l1_tbl + l1_idx * 8);
	if (!(l1 & PTE_VALID))
		return fail(hw::Fault::NotPresent, "invalid L1 entry");
	// An L1 entry is always a table pointer; it is decoded with the same
	// address field as a leaf (Linux iopte_to_paddr for both levels).
	const uint64_t l2_tbl = pte_to_pa(cfg.layout, l1);

	const uint64_t l2_idx = (iova >> g) & idx_mask;
	const uint64_t l2_pa = l2_tbl + l2_idx * 8;
	const uint64_t pte = mem.read64(l2_pa);
	t.level = 0;
	if (!(pte & PTE_VALID))
		return fail(hw::Fault::NotPresent, "invalid L2 entry");

	const uint64_t page = bit(g);
	const uint64_t off = iova & (page - 1);
	t.page_size = page;
	t.oa = pte_to_pa(cfg.layout, pte) | off;

	const uint64_t sp_start = (pte >> SP_START_SHIFT) & SP_FIELD_MASK;
	const uint64_t sp_end = (pte >> SP_END_SHIFT) & SP_FIELD_MASK;
	if (cfg.strict_subpage && (sp_start != 0 || sp_end != SP_FIELD_MASK))
		return fail(hw::Fault::Encoding, "subpage protection not the whole page: start " +
			    hex(sp_start) + " end " + hex(sp_end));

	bool rd, wr;
	if (cfg.layout == 1) {
		rd = !(pte & V1_NO_READ);
		wr = !(pte & V1_NO_WRITE);
	} else {
		rd = !(pte & V2_NO_READ);
		wr = !(pte & V2_NO_WRITE);
	}
	t.read = rd;
	t.write = wr;
	t.exec = rd; // the DART has no execute permission: a fetch is a read
	t.dirty = false;

	// Subpage protection window: the 12-bit start/end fields divide the
	// page into 4096 units (assumed; Linux only ever uses the whole page)
	// and the access must fall in [start, end]. Layout 1 disables the
	// check with bit[1].
	const bool sp_on = cfg.layout == 2 || !(pte & V1_SP_DIS);
	if (sp_on) {
		const uint64_t unit = off >> (g - 12);
		if (unit < sp_start || unit > sp_end)
			return fail(hw::Fault::Permission, "outside the subpage protection window");
	}

	switch (acc) {
	case hw::Access::Read:
	case hw::Access::Exec:
		if (!rd)
			return fail(hw::Fault::Permission, "read not permitted");
		break;
	case hw::Access::Write:
		if (!wr)
			return fail(hw::Fault::Permission, "write not permitted");
		break;
	}
	t.fault = hw::Fault::None;
	return t;
}

std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg)
{
	std::vector<hw::TableInfo> out;
	const unsigned g = cfg.granule_lg2;
	if ((g != 12 && g != 14) || cfg.num_ttbr < 1 || cfg.num_ttbr > MAX_TTBR)
		return out;
	const unsigned stride = g - 3;
	std::vector<hw::TableInfo> l2s;
	for (unsigned ti = 0; ti != cfg.num_ttbr; ti++) {
		hw::TableInfo l1;
		l1.pa = cfg.ttbr[ti];
		l1.level = 1;
		l1.bytes = bit(g);
		l1.va = uint64_t{ti} << (g + 2 * stride);
		const hw::TableWords<uint64_t> w1(mem, l1.pa, bit(stride));
		for (uint64_t i = 0; i != bit(stride); i++) {
			const uint64_t e = w1[i];
			if (!(e & PTE_VALID))
				continue;
			// Every valid L1 entry is a table pointer.
			l1.present++;
			hw::TableInfo t;
			t.pa = pte_to_pa(cfg.layout, e);
			t.level = 0;
			t.bytes = bit(g);
			t.va = l1.va + (i << (g + stride));
			const hw::TableWords<uint64_t> w2(mem, t.pa, bit(stride));
			for (uint64_t j = 0; j != bit(stride); j++) {
				if (w2[j] & PTE_VALID) {
					t.present++;
					t.leaves++;
				}
			}
			l2s.push_back(t);
		}
		out.push_back(l1);
	}
	out.insert(out.end(), l2s.begin(), l2s.end());
	return out;
}

} // namespace hw::dart
