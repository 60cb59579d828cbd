// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// ARMv7 short-descriptor reference walker. Section references are to the
// ARM Architecture Reference Manual ARMv7-A and ARMv7-R edition, DDI0406C
// ("ARM ARM v7").
#include "walk_armv7s.h"

#include <cstdio>
#include <string>

namespace hw::armv7s {
namespace {

constexpr uint32_t bit(unsigned n)
{
	return uint32_t{1} << n;
}

// --- First-level descriptors: B3.5, "Short-descriptor translation table
// format descriptors", first-level descriptor formats ----------------------
// bits[1:0]: 0b00 fault, 0b01 page table, 0b10 section/supersection,
// 0b11 section/supersection with PXN when the PXN extension is
// implemented, otherwise reserved (Translation fault).
constexpr uint32_t L1_TYPE_MASK = 3;
constexpr uint32_t L1_FAULT = 0, L1_TABLE = 1, L1_SECT = 2, L1_SECT_PXN = 3;

// Page table descriptor: PXN bit[2] (SBZ without the PXN extension), NS
// bit[3], SBZ bit[4], Domain bits[8:5], bit[9] IMPLEMENTATION DEFINED,
// page table base address bits[31:10].
constexpr uint32_t PT_PXN = bit(2);
constexpr uint32_t PT_SBZ = bit(4);
constexpr uint32_t PT_BASE = 0xfffffc00u;

// Section / supersection: B bit[2], C bit[3], XN bit[4], Domain bits[8:5]
// (section only), bit[9] IMPLEMENTATION DEFINED, AP[1:0] bits[11:10],
// TEX[2:0] bits[14:12], AP[2] bit[15], S bit[16], nG bit[17],
// bit[18] 0 = section / 1 = supersection, NS bit[19].
// Section base address bits[31:20].
// Supersection base address PA[31:24] in bits[31:24], extended base
// address PA[35:32] in bits[23:20] and PA[39:36] in bits[8:5].
constexpr uint32_t S_XN = bit(4);
constexpr unsigned S_AP01_SHIFT = 10;
constexpr uint32_t S_AP2 = bit(15);
constexpr uint32_t S_SUPER = bit(18);
constexpr uint32_t S_BASE = 0xfff00000u;
constexpr uint32_t SS_BASE = 0xff000000u;

// --- Second-level descriptors: B3.5, "Short-descriptor translation table
// format descriptors", second-level descriptor formats --------------------
// bits[1:0]: 0b00 fault, 0b01 large page, 0b1x small page (bit[0] = XN).
// Large page: B bit[2], C bit[3], AP[1:0] bits[5:4], SBZ bits[8:6], AP[2]
// bit[9], S bit[10], nG bit[11], TEX[2:0] bits[14:12], XN bit[15], base
// address bits[31:16].
// Small page: XN bit[0], B bit[2], C bit[3], AP[1:0] bits[5:4], TEX[2:0]
// bits[8:6], AP[2] bit[9], S bit[10], nG bit[11], base address bits[31:12].
constexpr uint32_t LP_SBZ = 0x1c0u;
constexpr uint32_t LP_XN = bit(15);
constexpr uint32_t LP_BASE = 0xffff0000u;
constexpr uint32_t SP_XN = bit(0);
constexpr uint32_t SP_BASE = 0xfffff000u;
constexpr unsigned PG_AP01_SHIFT = 4;
constexpr uint32_t PG_AP2 = bit(9);

std::string hex(uint64_t v)
{
	char buf[24];
	std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
	return buf;
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

	// B3.5, "Selecting between TTBR0 and TTBR1, Short-descriptor
	// translation table format": with TTBCR.N == 0 TTBR0 covers the whole
	// 32-bit range and the table is 16KB aligned.
	if (cfg.ttbr_pa & 0x3fff)
		return fail(hw::Fault::Encoding, "config: ttbr_pa not 16 KiB aligned");
	if (iova >> 32)
		return fail(hw::Fault::AddressSize, "iova " + hex(iova) + " above 32 bits");
	const uint32_t va = static_cast<uint32_t>(iova);

	// B3.5, "Translation table walks, when using the Short-descriptor
	// translation table format": first-level index is VA[31:20].
	const uint64_t l1_pa = cfg.ttbr_pa + uint64_t{va >> 20} * 4;
	const uint32_t l1 = mem.read32(l1_pa);
	t.level = 1;

	unsigned domain = 0;
	unsigned ap = 0; // AP[2:0]
	bool xn = false, pxn = false;
	uint64_t pa = 0;

	switch (l1 & L1_TYPE_MASK) {
	case L1_FAULT:
		return fail(hw::Fault::NotPresent, "first-level fault descriptor");
	case L1_SECT_PXN:
		if (!cfg.pxn)
			return fail(hw::Fault::Encoding,
				    "reserved first-level descriptor type 0b11 (no PXN extension)");
		pxn = true;
		[[fallthrough]];
	case L1_SECT:
		ap = ((l1 >> S_AP01_SHIFT) & 3) | ((l1 & S_AP2) ? 4 : 0);
		xn = (l1 & S_XN) != 0;
		if (l1 & S_SUPER) {
			// B3.5, "Short-descriptor translation table format
			// descriptors": a supersection descriptor is repeated in
			// 16 consecutive, 16-entry aligned first-level entries.
			const uint64_t first = cfg.ttbr_pa + uint64_t{(va >> 20) & ~0xfu} * 4;
			for (unsigned i = 0; i < 16; i++) {
				const uint32_t e = mem.read32(first + i * 4);
				if (e != l1)
					return fail(hw::Fault::Encoding, "supersection not replicated: entry " +
						    std::to_string(i) + " is " + hex(e) + ", expected " + hex(l1));
			}
			pa = (l1 & SS_BASE) | (uint64_t{(l1 >> 20) & 0xf} << 32) |
			     (uint64_t{(l1 >> 5) & 0xf} << 36);
			t.page_size = uint64_t{1} << 24;
			domain = 0; // supersections are in domain 0
		} else {
			pa = l1 & S_BASE;
			t.page_size = uint64_t{1} << 20;
			domain = (l1 >> 5) & 0xf;
		}
		break;
	case L1_TABLE: {
		if (l1 & PT_SBZ)
			return fail(hw::Fault::Reserved, "SBZ bit 4 set in page table descriptor");
		if (l1 & PT_PXN) {
			if (!cfg.pxn)
				return fail(hw::Fault::Reserved,
					    "SBZ bit 2 set in page table descriptor (no PXN extension)");
			pxn = true;
		}
		domain = (l1 >> 5) & 0xf;
		// B3.5 (translation table walks): second-level index is VA[19:12], 256 entries of 4
		// bytes, table base from bits[31:10].
		const uint64_t l2_tbl = l1 & PT_BASE;
		const unsigned l2_idx = (va >> 12) & 0xff;
		const uint64_t l2_pa = l2_tbl + l2_idx * 4;
		const uint32_t l2 = mem.read32(l2_pa);
		t.level = 0;
		if ((l2 & 3) == 0)
			return fail(hw::Fault::NotPresent, "second-level fault descriptor");
		ap = ((l2 >> PG_AP01_SHIFT) & 3) | ((l2 & PG_AP2) ? 4 : 0);
		if ((l2 & 3) == 1) {
			if (l2 & LP_SBZ)
				return fail(hw::Fault::Reserved, "SBZ bits [8:6] set in large page descriptor");
			// B3.5 (descriptor formats): a large page descriptor is repeated in 16
			// consecutive, 16-entry aligned second-level entries.
			const uint64_t first = l2_tbl + (l2_idx & ~0xfu) * 4;
			for (unsigned i = 0; i < 16; i++) {
				const uint32_t e = mem.read32(first + i * 4);
				if (e != l2)
					return fail(hw::Fault::Encoding, "large page not replicated: entry " +
						    std::to_string(i) + " is " + hex(e) + ", expected " + hex(l2));
			}
			pa = l2 & LP_BASE;
			xn = (l2 & LP_XN) != 0;
			t.page_size = uint64_t{1} << 16;
		} else {
			pa = l2 & SP_BASE;
			xn = (l2 & SP_XN) != 0;
			t.page_size = uint64_t{1} << 12;
		}
		break;
	}
	}

	t.oa = pa | (va & (t.page_size - 1));

	// B3.7, "Memory access control", "The Access flag": with SCTLR.AFE == 1, AP[0] is the Access
	// flag and an access with AP[0] == 0 takes an Access flag fault. The
	// Access flag fault is prioritised above Domain and Permission faults
	// (B3.12, "Exception reporting in a VMSA implementation",
	// "Prioritization of aborts").
	if (cfg.afe && !(ap & 1))
		return fail(hw::Fault::Permission, "access flag");

	// B3.7, "Domains, Short-descriptor format only": DACR field per
	// domain.
	const unsigned dac = (cfg.dacr >> (2 * domain)) & 3;
	if (dac == 0)
		return fail(hw::Fault::Permission, "domain " + std::to_string(domain) + " no access");
	if (dac == 2)
		return fail(hw::Fault::Encoding, "reserved DACR encoding for domain " + std::to_string(domain));

	bool rd, wr;
	if (dac == 3) {
		// Manager: no permission checks.
		rd = wr = true;
		xn = pxn = false;
	} else if (cfg.afe) {
		// B3.7, "Access permissions", simplified model (AP[2:1]):
		//   00 PL1 RW, PL0 none   01 PL1 RW, PL0 RW
		//   10 PL1 RO, PL0 none   11 PL1 RO, PL0 RO
		const bool pl0 = (ap & 2) != 0;
		const bool ro = (ap & 4) != 0;
		rd = cfg.privileged || pl0;
		wr = rd && !ro;
	} else {
		// B3.7, "Access permissions", full model, AP[2:0]:
		//   000 no access          001 PL1 RW, PL0 none
		//   010 PL1 RW, PL0 RO     011 PL1 RW, PL0 RW
		//   100 reserved           101 PL1 RO, PL0 none
		//   110 PL1 RO, PL0 RO     111 PL1 RO, PL0 RO
		switch (ap) {
		case 0: rd = wr = false; break;
		case 1: rd = wr = cfg.privileged; break;
		case 2: rd = true; wr = cfg.privileged; break;
		case 3: rd = wr = true; break;
		case 4:
			return fail(hw::Fault::Encoding, "reserved AP[2:0] encoding 0b100");
		case 5: rd = cfg.privileged; wr = false; break;
		default: rd = true; wr = false; break;
		}
	}
	// B3.7, "Execute-never restrictions on instruction fetching":
	// instruction fetch needs read permission and XN == 0, and at PL1
	// PXN == 0.
	const bool ex = rd && !xn && !(cfg.privileged && pxn);

	t.read = rd;
	t.write = wr;
	t.exec = ex;
	t.dirty = false; // the short-descriptor format has no dirty state

	switch (acc) {
	case hw::Access::Read:
		if (!rd)
			return fail(hw::Fault::Permission, "read not permitted");
		break;
	case hw::Access::Write:
		if (!wr)
			return fail(hw::Fault::Permission, "write not permitted");
		break;
	case hw::Access::Exec:
		if (!ex)
			return fail(hw::Fault::Permission, "execute not permitted");
		break;
	}
	t.fault = hw::Fault::None;
	return t;
}

std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg)
{
	// B3.5: 4096 first-level entries of 4 bytes; a page table descriptor
	// (type 0b01) points at 256 second-level entries (1 KiB).
	hw::TableInfo l1;
	l1.pa = cfg.ttbr_pa & ~uint64_t{0x3fff};
	l1.level = 1;
	l1.bytes = 16384;
	std::vector<hw::TableInfo> l2s;
	const hw::TableWords<uint32_t> w1(mem, l1.pa, 4096);
	for (uint64_t i = 0; i != 4096; i++) {
		const uint32_t e = w1[i];
		const uint32_t type = e & L1_TYPE_MASK;
		if (type == L1_FAULT)
			continue;
		l1.present++;
		if (type != L1_TABLE) {
			l1.leaves++;
			continue;
		}
		hw::TableInfo t;
		t.pa = e & PT_BASE;
		t.level = 0;
		t.bytes = 1024;
		t.va = i << 20;
		const hw::TableWords<uint32_t> w2(mem, t.pa, 256);
		for (uint64_t j = 0; j != 256; j++) {
			if (w2[j] & 3) {
				t.present++;
				t.leaves++;
			}
		}
		l2s.push_back(t);
	}
	std::vector<hw::TableInfo> out{l1};
	out.insert(out.end(), l2s.begin(), l2s.end());
	return out;
}

} // namespace hw::armv7s
