// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// RISC-V Sv32, Sv39/Sv48/Sv57 (and x4) walker. References are to "The RISC-V
// Instruction Set Manual, Volume II: Privileged Architecture" (20211203 and
// later): "Sv32: Page-Based 32-bit Virtual-Memory Systems" and its "Virtual
// Address Translation Process" (used by Sv39/48/57 with the changes their
// sections list), the "Sv39" PTE figure, "Svnapot", "Svpbmt", "Svadu", and
// the Hypervisor chapter's "Guest Physical Address Translation" (Sv39x4 ...).
// One walk serves both PTE widths: Format below holds what differs.
#include "walk_riscv.h"

#include <string>

namespace {

using hw::Access;
using hw::Fault;
using hw::Translation;

// Sv39/48/57 PTE (Sv39 section, PTE format figure). Bits 9:0 are the same
// in the 32-bit Sv32 PTE (Sv32 section, PTE format figure).
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
// Sv32: PPN[1] (31:20) and PPN[0] (19:10), 22 bits of a 34-bit PA. The
// 32-bit PTE has no reserved bits, no PBMT and no N.
constexpr uint64_t kSv32PpnMask = (1ull << 22) - 1;
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
constexpr unsigned kIndexBits = 9;      // Sv39/48/57: 512 8-byte PTEs
constexpr unsigned kSv32IndexBits = 10; // Sv32: 1024 4-byte PTEs
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

// What differs between the paging modes: PTE width, levels, VPN[i] width,
// PPN width. A PTE is always held in a uint64_t (Sv32 ones zero extended).
struct Format {
	unsigned levels = 0;
	unsigned index_bits = kIndexBits; // VPN[i] (the x4 root has 2 more)
	unsigned pte_bytes = 8;
	uint64_t ppn_mask = kPpnMask;
	// Sv32: 32-bit PTEs without bits 63:32 (reserved, PBMT, N) and a
	// VA that is zero extended instead of sign extended.
	bool sv32 = false;
	bool x4 = false;

	unsigned item_lg2(unsigned lvl) const
	{
		return kPageLg2 + index_bits * lvl;
	}
	unsigned idx_bits(unsigned lvl) const
	{
		return index_bits + (x4 && lvl == levels - 1 ? kX4ExtraBits : 0);
	}
	unsigned va_bits() const
	{
		return item_lg2(levels) + (x4 ? kX4ExtraBits : 0);
	}
	// Sign extension applies to Sv39/48/57 only.
	bool sign_extended() const { return !x4 && !sv32; }
	uint64_t ppn(uint64_t pte) const
	{
		return (pte >> kPpnShift) & ppn_mask;
	}
	uint64_t read(hw::Memory &mem, uint64_t pa) const
	{
		return pte_bytes == 8 ? mem.read64(pa) : mem.read32(pa);
	}
	void write(hw::Memory &mem, uint64_t pa, uint64_t v) const
	{
		if (pte_bytes == 8)
			mem.write64(pa, v);
		else
			mem.write32(pa, uint32_t(v));
	}
};

// The format cfg selects, or why it selects none.
std::string format_of(const hw::riscv::Config &cfg, Format &f)
{
	f.x4 = cfg.x4;
	if (cfg.sxl32) {
		// RISC-V IOMMU spec, iosatp.MODE with DC.tc.SXL=1: 8 = Sv32
		// (iohgatp.MODE with fctl.GXL=1: 8 = Sv32x4).
		if (cfg.mode != 8)
			return "MODE " + std::to_string(cfg.mode) +
			       " is not a paging mode with SXL=1";
		if (cfg.x4)
			return "Sv32x4 (GXL=1) is not supported";
		f.levels = 2;
		f.index_bits = kSv32IndexBits;
		f.pte_bytes = 4;
		f.ppn_mask = kSv32PpnMask;
		f.sv32 = true;
		return {};
	}
	// RISC-V IOMMU spec, iosatp.MODE / iohgatp.MODE encodings:
	// 8 = Sv39 (Sv39x4), 9 = Sv48 (Sv48x4), 10 = Sv57 (Sv57x4).
	if (cfg.mode < 8 || cfg.mode > 10)
		return "MODE " + std::to_string(cfg.mode) + " is not a paging mode";
	f.levels = cfg.mode - 5;
	return {};
}

// Step 1: a = satp.ppn * PAGESIZE. The x4 root is 16 KiB, so the two low
// PPN bits are zero (hgatp.PPN[1:0] read as zero).
uint64_t root_pa(const hw::riscv::Config &cfg)
{
	return (cfg.x4 ? cfg.root_ppn & ~uint64_t(3) : cfg.root_ppn) << kPageLg2;
}

} // namespace

namespace hw::riscv {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	Format fmt;
	const std::string bad = format_of(cfg, fmt);
	if (!bad.empty())
		return fault(Fault::Encoding, bad);
	const unsigned levels = fmt.levels;
	const unsigned va_bits = fmt.va_bits();

	if (cfg.x4) {
		// Hypervisor chapter, Sv39x4 etc.: guest physical address
		// bits above the widened VA must be zero.
		if (iova >> va_bits)
			return fault(Fault::AddressSize,
				     "GPA above the " + std::to_string(va_bits) +
					     " bit x4 range");
	} else if (fmt.sv32) {
		// Sv32 section: a 32-bit VA, nothing above it to extend.
		if (iova >> va_bits)
			return fault(Fault::AddressSize,
				     "iova above the 32 bit Sv32 range");
	} else {
		// Sv39/48/57 sections: bits 63:VA must all equal bit VA-1.
		const uint64_t upper = iova >> (va_bits - 1);
		if (upper != 0 && upper != low_mask(64 - (va_bits - 1)))
			return fault(Fault::AddressSize,
				     "iova not sign extended from bit " +
					     std::to_string(va_bits - 1));
	}

	// Step 1: a = satp.ppn * PAGESIZE.
	uint64_t a = root_pa(cfg);
	for (unsigned i = levels - 1;; i--) {
		const uint64_t idx =
			(iova >> fmt.item_lg2(i)) & low_mask(fmt.idx_bits(i));
		// Step 2: pte = a + va.vpn[i] * PTESIZE (4 for Sv32, else 8).
		const uint64_t pa = a + idx * fmt.pte_bytes;
		const uint64_t pte = fmt.read(mem, pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(i)); };

		// Step 2/3: V=0 is a page fault.
		if (!(pte & kV))
			return fault(Fault::NotPresent, where() + ": V=0");
		// Bits reserved for future standard use raise a page fault.
		// None of them (nor PBMT, nor N) exists in a 32-bit Sv32 PTE,
		// where these bits read as zero.
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

		const uint64_t ppn = fmt.ppn(pte);

		// Step 4: R=X=0 means a pointer to the next level.
		if (!(pte & (kR | kX))) {
			// Non-leaf PTEs: D, A, U (Sv32 section), PBMT
			// (Svpbmt) and N (Svnapot) are reserved.
			if (pte & (kD | kA | kU | kN) || pbmt)
				return fault(Fault::Reserved,
					     where() + (fmt.sv32 ?
								": D/A/U in a non-leaf PTE" :
								": D/A/U/N/PBMT in a non-leaf PTE"));
			if (i == 0)
				return fault(Fault::Encoding,
					     where() + ": pointer PTE at level 0");
			a = ppn << kPageLg2;
			continue;
		}

		// Step 5: a leaf.
		unsigned size_lg2 = fmt.item_lg2(i);
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
		} else if (i > 0 && (ppn & low_mask(fmt.index_bits * i))) {
			// Step 6: a misaligned superpage (ppn[i-1:0] != 0).
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
			fmt.write(mem, pa, v);
			t.dirty = v & kD;
		}
		return t;
	}
}

namespace {

// tables() for one PTE width (Word: uint64_t, or uint32_t for Sv32).
template <typename Word>
std::vector<TableInfo> enumerate(Memory &mem, const Format &fmt, uint64_t root)
{
	std::vector<TableInfo> out;
	const unsigned levels = fmt.levels;
	const unsigned va_bits = fmt.va_bits();
	TableInfo top;
	top.pa = root;
	top.level = levels - 1;
	std::vector<TableInfo> todo{top};
	while (!todo.empty() && out.size() < kMaxTables) {
		TableInfo t = todo.back();
		todo.pop_back();
		const unsigned idx_bits = fmt.idx_bits(t.level);
		t.bytes = uint64_t(sizeof(Word)) << idx_bits;
		std::vector<TableInfo> kids;
		const hw::TableWords<Word> w(mem, t.pa, uint64_t(1) << idx_bits);
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
			k.pa = fmt.ppn(pte) << kPageLg2;
			k.level = t.level - 1;
			k.va = t.va + (i << fmt.item_lg2(t.level));
			if (fmt.sign_extended() && (k.va >> (va_bits - 1) & 1))
				k.va |= ~low_mask(va_bits);
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

} // namespace

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	Format fmt;
	if (!format_of(cfg, fmt).empty())
		return {};
	if (fmt.pte_bytes == 4)
		return enumerate<uint32_t>(mem, fmt, root_pa(cfg));
	return enumerate<uint64_t>(mem, fmt, root_pa(cfg));
}

} // namespace hw::riscv
