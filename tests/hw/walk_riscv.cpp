// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// RISC-V Sv39/Sv48/Sv57 (and x4) walker. References are to "The RISC-V
// Instruction Set Manual, Volume II: Privileged Architecture" (20211203 and
// later): "Virtual Address Translation Process" (in the Sv32 section, used by
// Sv39/48/57 with the changes their sections list), the "Sv39" PTE figure,
// "Svnapot", "Svpbmt", "Svadu", and the Hypervisor chapter's "Guest Physical
// Address Translation" (Sv39x4 ...).
#include "walk_riscv.h"

#include <string>

namespace {

using hw::Access;
using hw::Fault;
using hw::Translation;

// Sv39/48/57 PTE (Sv39 section, PTE format figure).
constexpr uint64_t kV = 1ull << 0;
constexpr uint64_t kR = 1ull << 1;
constexpr uint64_t kW = 1ull << 2;
constexpr uint64_t kX = 1ull << 3;
constexpr uint64_t kU = 1ull << 4;
constexpr uint64_t kA = 1ull << 6;
constexpr uint64_t kD = 1ull << 7;
// G (bit 5) and RSW (bits 9:8) do not take part in translation.
constexpr unsigned kPpnShift = 10;                      // PPN, bits 53:10
constexpr uint64_t kPpnMask = (1ull << 44) - 1;
constexpr uint64_t kRsvd = ((1ull << 61) - 1) & ~((1ull << 54) - 1); // 60:54
constexpr unsigned kPbmtShift = 61;                     // Svpbmt, 62:61
constexpr uint64_t kPbmtMask = 3;
constexpr unsigned kPbmtReserved = 3;
constexpr uint64_t kN = 1ull << 63;                     // Svnapot

// Svnapot: the only defined encoding is ppn[0][3:0] = 1000 at i = 0,
// a 64 KiB page made of 16 PTEs.
constexpr uint64_t kNapot64kLow = 0x8;
constexpr unsigned kNapot64kLg2 = 16;
constexpr unsigned kNapotCount = 16;

constexpr unsigned kPageLg2 = 12;
constexpr unsigned kIndexBits = 9;
constexpr unsigned kX4ExtraBits = 2;

Translation fault(Fault f, std::string why)
{
	Translation t;
	t.fault = f;
	t.why = std::move(why);
	return t;
}

uint64_t low_mask(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

unsigned item_lg2(unsigned lvl)
{
	return kPageLg2 + kIndexBits * lvl;
}

} // namespace

namespace hw::riscv {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	// RISC-V IOMMU spec, iosatp.MODE / iohgatp.MODE encodings:
	// 8 = Sv39 (Sv39x4), 9 = Sv48 (Sv48x4), 10 = Sv57 (Sv57x4).
	if (cfg.mode < 8 || cfg.mode > 10)
		return fault(Fault::Encoding,
			     "MODE " + std::to_string(cfg.mode) +
				     " is not a paging mode");
	const unsigned levels = cfg.mode - 5;
	const unsigned va_bits =
		item_lg2(levels) + (cfg.x4 ? kX4ExtraBits : 0);

	if (cfg.x4) {
		// Hypervisor chapter, Sv39x4 etc.: guest physical address
		// bits above the widened VA must be zero.
		if (iova >> va_bits)
			return fault(Fault::AddressSize,
				     "GPA above the " + std::to_string(va_bits) +
					     " bit x4 range");
	} else {
		// Sv39/48/57 sections: bits 63:VA must all equal bit VA-1.
		const uint64_t upper = iova >> (va_bits - 1);
		if (upper != 0 && upper != low_mask(64 - (va_bits - 1)))
			return fault(Fault::AddressSize,
				     "iova not sign extended from bit " +
					     std::to_string(va_bits - 1));
	}

	// Step 1: a = satp.ppn * PAGESIZE. The x4 root is 16 KiB, so the
	// two low PPN bits are zero (hgatp.PPN[1:0] read as zero).
	uint64_t a = (cfg.x4 ? cfg.root_ppn & ~uint64_t(3) : cfg.root_ppn)
		     << kPageLg2;
	for (unsigned i = levels - 1;; i--) {
		const unsigned idx_bits =
			kIndexBits + (cfg.x4 && i == levels - 1 ? kX4ExtraBits : 0);
		const uint64_t idx = (iova >> item_lg2(i)) & low_mask(idx_bits);
		const uint64_t pa = a + idx * 8;
		const uint64_t pte = mem.read64(pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(i)); };

		// Step 2/3: V=0 is a page fault.
		if (!(pte & kV))
			return fault(Fault::NotPresent, where() + ": V=0");
		// Bits reserved for future standard use raise a page fault.
		if (pte & kRsvd)
			return fault(Fault::Reserved, where() + ": bits 60:54 set");
		const unsigned pbmt = (pte >> kPbmtShift) & kPbmtMask;
		if (pbmt && !cfg.svpbmt)
			return fault(Fault::Reserved,
				     where() + ": PBMT set without Svpbmt");
		if (pbmt == kPbmtReserved)
			return fault(Fault::Reserved, where() + ": PBMT=3");
		if ((pte & kN) && !cfg.svnapot)
			return fault(Fault::Reserved,
				     where() + ": N set without Svnapot");
		// R=0 with W=1 is a reserved encoding.
		if (!(pte & kR) && (pte & kW))
			return fault(Fault::Encoding, where() + ": W=1 with R=0");

		const uint64_t ppn = (pte >> kPpnShift) & kPpnMask;

		// Step 4: R=X=0 means a pointer to the next level.
		if (!(pte & (kR | kX))) {
			// Non-leaf PTEs: D, A, U (Sv32 section), PBMT
			// (Svpbmt) and N (Svnapot) are reserved.
			if (pte & (kD | kA | kU | kN) || pbmt)
				return fault(Fault::Reserved,
					     where() +
						     ": D/A/U/N/PBMT in a non-leaf PTE");
			if (i == 0)
				return fault(Fault::Encoding,
					     where() + ": pointer PTE at level 0");
			a = ppn << kPageLg2;
			continue;
		}

		// Step 5: a leaf.
		unsigned size_lg2 = item_lg2(i);
		uint64_t page_ppn = ppn;
		if (pte & kN) {
			// Svnapot: only i = 0 with ppn[3:0] = 1000 is defined.
			if (i != 0)
				return fault(Fault::Encoding,
					     where() + ": N in a superpage");
			if ((ppn & 0xf) != kNapot64kLow)
				return fault(Fault::Encoding,
					     where() +
						     ": N with a reserved ppn[0] encoding");
			size_lg2 = kNapot64kLg2;
			page_ppn = ppn & ~uint64_t(0xf);
			// All 16 PTEs of the NAPOT range must be programmed
			// alike (A/D may differ: hardware updates one copy).
			const uint64_t first = idx & ~uint64_t(kNapotCount - 1);
			for (unsigned n = 0; n != kNapotCount; n++) {
				const uint64_t other =
					mem.read64(a + (first + n) * 8);
				if ((other & ~(kA | kD)) != (pte & ~(kA | kD)))
					return fault(
						Fault::Encoding,
						where() + ": NAPOT PTE " +
							std::to_string(first + n) +
							" differs");
			}
		} else if (i > 0 && (ppn & low_mask(kIndexBits * i))) {
			// Step 6: a misaligned superpage.
			return fault(Fault::Encoding,
				     where() + ": misaligned superpage");
		}

		Translation t;
		t.fault = Fault::None;
		t.page_size = 1ull << size_lg2;
		t.level = i;
		t.oa = ((page_ppn << kPageLg2) & ~low_mask(size_lg2)) |
		       (iova & low_mask(size_lg2));
		t.dirty = pte & kD;

		// Step 5: permissions. U-mode requests (and every G-stage
		// access) need U=1; S-mode requests may use U=1 pages only
		// with SUM, and never execute from them.
		const bool user = cfg.x4 || !cfg.supervisor;
		bool priv_ok;
		if (user)
			priv_ok = pte & kU;
		else
			priv_ok = !(pte & kU) || (cfg.sum && acc != Access::Exec);
		t.read = priv_ok && (pte & kR);
		t.write = priv_ok && (pte & kW);
		t.exec = priv_ok && (pte & kX);
		if (!priv_ok) {
			t.fault = Fault::Permission;
			t.why = user ? "U-mode request and U=0" :
				       "S-mode request to a U=1 page";
			return t;
		}
		if ((acc == Access::Read && !t.read) ||
		    (acc == Access::Write && !t.write) ||
		    (acc == Access::Exec && !t.exec)) {
			t.fault = Fault::Permission;
			t.why = "R/W/X does not allow the access";
			return t;
		}

		// Step 7: A=0, or D=0 on a store, either faults or (Svadu)
		// is set by hardware.
		const bool need_a = !(pte & kA);
		const bool need_d = acc == Access::Write && !(pte & kD);
		if (need_a || need_d) {
			if (!cfg.hw_ad) {
				t.fault = Fault::Permission;
				t.why = need_a ? "A=0 without hardware A/D update" :
						 "write with D=0 without hardware A/D update";
				return t;
			}
			uint64_t v = pte | kA;
			if (acc == Access::Write)
				v |= kD;
			mem.write64(pa, v);
			t.dirty = v & kD;
		}
		return t;
	}
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	std::vector<TableInfo> out;
	if (cfg.mode < 8 || cfg.mode > 10)
		return out;
	const unsigned levels = cfg.mode - 5;
	const unsigned va_bits = item_lg2(levels) + (cfg.x4 ? kX4ExtraBits : 0);
	TableInfo root;
	root.pa = (cfg.x4 ? cfg.root_ppn & ~uint64_t(3) : cfg.root_ppn) << kPageLg2;
	root.level = levels - 1;
	std::vector<TableInfo> todo{root};
	while (!todo.empty() && out.size() < kMaxTables) {
		TableInfo t = todo.back();
		todo.pop_back();
		const unsigned idx_bits =
			kIndexBits + (cfg.x4 && t.level == levels - 1 ? kX4ExtraBits : 0);
		t.bytes = uint64_t(8) << idx_bits;
		std::vector<TableInfo> kids;
		const hw::TableWords<uint64_t> w(mem, t.pa, uint64_t(1) << idx_bits);
		for (uint64_t i = 0; i != (uint64_t(1) << idx_bits); i++) {
			const uint64_t pte = w[i];
			if (!(pte & kV))
				continue;
			t.present++;
			if ((pte & (kR | kX)) || t.level == 0) {
				t.leaves++;
				continue;
			}
			TableInfo k;
			k.pa = ((pte >> kPpnShift) & kPpnMask) << kPageLg2;
			k.level = t.level - 1;
			k.va = t.va + (i << item_lg2(t.level));
			if (!cfg.x4 && (k.va >> (va_bits - 1) & 1))
				k.va |= ~low_mask(va_bits);
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

} // namespace hw::riscv
