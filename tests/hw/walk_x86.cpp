// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// x86 4/5-level and PAE paging walkers. References are to the Intel SDM
// Volume 3A, chapter 4 (table numbers of the 2023+ revisions).
#include "walk_x86.h"

#include <algorithm>
#include <string>

namespace {

using hw::Access;
using hw::Fault;
using hw::Translation;

// Bits shared by all paging-structure entries (SDM 3A Tables 4-8..4-11 for
// PAE, 4-14..4-20 for 4/5-level paging).
constexpr uint64_t kP = 1ull << 0;    // Present
constexpr uint64_t kRW = 1ull << 1;   // Read/write
constexpr uint64_t kUS = 1ull << 2;   // User/supervisor
constexpr uint64_t kA = 1ull << 5;    // Accessed
constexpr uint64_t kD = 1ull << 6;    // Dirty (leaves only)
constexpr uint64_t kPS = 1ull << 7;   // Page size (PDPTE/PDE); PAT in a PTE
constexpr uint64_t kXD = 1ull << 63;  // Execute-disable (IA32_EFER.NXE=1)
// PWT (3), PCD (4), G (8), PAT (bit 12 of large leaves / bit 7 of a PTE) and
// the ignored bits play no part in translation.

constexpr unsigned kPageLg2 = 12;
constexpr unsigned kIndexBits = 9;

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

// Bits hi:lo set.
uint64_t bit_range(unsigned hi, unsigned lo)
{
	return low_mask(hi + 1) & ~low_mask(lo);
}

unsigned item_lg2(unsigned lvl)
{
	return kPageLg2 + kIndexBits * lvl;
}

struct Used {
	uint64_t pa;
	uint64_t raw;
};

// Collected state of a walk, finished by finish().
struct Walk {
	Used used[6];
	unsigned nused = 0;
	bool rw = true;
	bool us = true;
	bool xd = false;
};

// SDM 3A 4.6 "Access Rights" (R/W and U/S of all levels must allow the
// access, XD of any level forbids instruction fetches) and 4.8 "Accessed and
// Dirty Flags" (A set in every entry used, D set in the leaf on a write).
Translation finish(hw::Memory &mem, Walk &w, unsigned lvl, uint64_t page_pa,
		   uint64_t iova, Access acc, bool nxe, bool user, bool hw_ad)
{
	const unsigned size_lg2 = item_lg2(lvl);
	const Used &leaf = w.used[w.nused - 1];
	Translation t;
	t.fault = Fault::None;
	t.page_size = 1ull << size_lg2;
	t.level = lvl;
	t.oa = page_pa | (iova & low_mask(size_lg2));
	const bool us_ok = !user || w.us;
	t.read = us_ok;
	t.write = us_ok && w.rw;
	t.exec = us_ok && !(nxe && w.xd);
	t.dirty = leaf.raw & kD;

	if (!us_ok) {
		t.fault = Fault::Permission;
		t.why = "user request and U/S=0";
		return t;
	}
	if (acc == Access::Write && !t.write) {
		t.fault = Fault::Permission;
		t.why = "write and R/W=0";
		return t;
	}
	if (acc == Access::Exec && !t.exec) {
		t.fault = Fault::Permission;
		t.why = "instruction fetch and XD=1";
		return t;
	}

	if (hw_ad) {
		for (unsigned i = 0; i != w.nused; i++) {
			uint64_t v = w.used[i].raw | kA;
			if (i == w.nused - 1 && acc == Access::Write)
				v |= kD;
			if (v != w.used[i].raw)
				mem.write64(w.used[i].pa, v);
		}
		if (acc == Access::Write)
			t.dirty = true;
	}
	return t;
}

// Enumerate the tables below the ones in @todo: P=1 entries with PS=0
// above level 0 point at 4 KiB tables. @va_bits sign extends VAs.
std::vector<hw::TableInfo> enumerate(hw::Memory &mem,
				     std::vector<hw::TableInfo> todo,
				     uint64_t addr_mask, uint64_t sme_mask,
				     unsigned va_bits)
{
	std::vector<hw::TableInfo> out;
	while (!todo.empty() && out.size() < hw::kMaxTables) {
		hw::TableInfo t = todo.back();
		todo.pop_back();
		const uint64_t n = t.bytes / 8;
		std::vector<hw::TableInfo> kids;
		const hw::TableWords<uint64_t> w(mem, t.pa, n);
		for (uint64_t i = 0; i != n; i++) {
			const uint64_t e = w[i] & ~sme_mask;
			if (!(e & kP))
				continue;
			t.present++;
			if (t.level == 0 || (e & kPS)) {
				t.leaves++;
				continue;
			}
			hw::TableInfo k;
			k.pa = e & addr_mask;
			k.level = t.level - 1;
			k.bytes = 1ull << kPageLg2;
			k.va = t.va + (i << item_lg2(t.level));
			if (va_bits < 64 && (k.va >> (va_bits - 1) & 1))
				k.va |= ~low_mask(va_bits);
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

} // namespace

namespace hw::x86_64 {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	if (cfg.levels < 3 || cfg.levels > 5)
		return fault(Fault::Encoding, "unsupported number of levels " +
						      std::to_string(cfg.levels));
	if (cfg.maxphyaddr < 32 || cfg.maxphyaddr > 52)
		return fault(Fault::Encoding, "bad MAXPHYADDR");

	// SDM 3A 3.3.7.1 "Canonical Addressing" / 4.5: bits 63:VA-1 must be a
	// sign extension of bit VA-1 (VA = 48 with 4 levels, 57 with 5).
	const unsigned va_bits = item_lg2(cfg.levels);
	const uint64_t upper = iova >> (va_bits - 1);
	if (upper != 0 && upper != low_mask(64 - (va_bits - 1)))
		return fault(Fault::AddressSize,
			     "non-canonical iova for a " +
				     std::to_string(va_bits) + " bit VA");

	// Address field M-1:12, bits 51:M reserved (Tables 4-14..4-20).
	const uint64_t addr_mask = bit_range(cfg.maxphyaddr - 1, kPageLg2);
	const uint64_t rsvd_phys =
		cfg.maxphyaddr < 52 ? bit_range(51, cfg.maxphyaddr) : 0;

	uint64_t table = cfg.root_pa & ~cfg.sme_mask & bit_range(51, kPageLg2);
	Walk w;
	for (unsigned lvl = cfg.levels - 1;; lvl--) {
		const uint64_t idx = (iova >> item_lg2(lvl)) & low_mask(kIndexBits);
		const uint64_t pa = table + idx * 8;
		const uint64_t raw = mem.read64(pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(lvl)); };

		if (!(raw & kP))
			return fault(Fault::NotPresent, where() + ": P=0");
		const uint64_t e = raw & ~cfg.sme_mask;

		// 4.7 / Tables 4-14..4-20: XD is reserved when NXE=0.
		if (!cfg.nxe && (e & kXD))
			return fault(Fault::Reserved, where() + ": XD with NXE=0");
		if (e & rsvd_phys)
			return fault(Fault::Reserved,
				     where() + ": address bits above MAXPHYADDR");

		bool leaf = lvl == 0;
		if (lvl != 0 && (e & kPS)) {
			// Tables 4-14 / 4-15: PS is reserved in a PML5E and a
			// PML4E; Table 4-16: 1 GiB pages need CPUID Page1GB.
			if (lvl >= 3)
				return fault(Fault::Reserved,
					     where() + ": PS in a PML4E/PML5E");
			if (lvl == 2 && !cfg.page1g)
				return fault(Fault::Reserved,
					     where() +
						     ": PS in a PDPTE without 1 GiB pages");
			leaf = true;
			// Tables 4-16 / 4-18: bit 12 is PAT, bits 29:13
			// (1 GiB) or 20:13 (2 MiB) are reserved.
			if (e & bit_range(item_lg2(lvl) - 1, 13))
				return fault(Fault::Reserved,
					     where() +
						     ": large page address bits below the page size");
		}

		w.used[w.nused++] = {pa, raw};
		w.rw = w.rw && (e & kRW);
		w.us = w.us && (e & kUS);
		w.xd = w.xd || (e & kXD);

		if (leaf)
			return finish(mem, w, lvl,
				      e & addr_mask & ~low_mask(item_lg2(lvl)),
				      iova, acc, cfg.nxe, cfg.user, cfg.hw_ad);
		table = e & addr_mask;
	}
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	if (cfg.levels < 3 || cfg.levels > 5)
		return {};
	TableInfo root;
	root.pa = cfg.root_pa & ~cfg.sme_mask & bit_range(51, kPageLg2);
	root.level = cfg.levels - 1;
	root.bytes = 1ull << kPageLg2;
	return enumerate(mem, {root}, bit_range(cfg.maxphyaddr - 1, kPageLg2),
			 cfg.sme_mask, item_lg2(cfg.levels));
}

} // namespace hw::x86_64

namespace hw::x86pae {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	if (cfg.maxphyaddr < 32 || cfg.maxphyaddr > 52)
		return fault(Fault::Encoding, "bad MAXPHYADDR");
	// PAE translates 32-bit linear addresses (SDM 3A 4.4).
	if (iova >> 32)
		return fault(Fault::AddressSize, "iova above 4 GiB");

	const uint64_t addr_mask = bit_range(cfg.maxphyaddr - 1, kPageLg2);

	// 4.4.1: CR3 bits 31:5 locate the PDPT; linear address bits 31:30
	// select one of its four PDPTEs.
	const uint64_t pdpt = cfg.root_pa & ~low_mask(5);
	const uint64_t pdpte_pa = pdpt + ((iova >> 30) & 3) * 8;
	const uint64_t pdpte = mem.read64(pdpte_pa);
	if (!(pdpte & kP))
		return fault(Fault::NotPresent, "level 2: PDPTE P=0");
	// Table 4-8: bits 2:1 and 8:5 are reserved, as are 63:MAXPHYADDR
	// (there is no R/W, U/S, A or XD in a PDPTE).
	const uint64_t pdpte_rsvd =
		bit_range(2, 1) | bit_range(8, 5) | bit_range(63, cfg.maxphyaddr);
	if (pdpte & pdpte_rsvd)
		return fault(Fault::Reserved, "level 2: PDPTE reserved bit set");

	// Tables 4-9..4-11: bits 62:MAXPHYADDR are reserved in the PDE and the
	// PTE; bit 63 is XD when NXE=1 and reserved otherwise.
	uint64_t rsvd = cfg.maxphyaddr < 63 ? bit_range(62, cfg.maxphyaddr) : 0;
	if (!cfg.nxe)
		rsvd |= kXD;

	uint64_t table = pdpte & addr_mask;
	Walk w;
	for (unsigned lvl = 1;; lvl--) {
		const uint64_t idx = (iova >> item_lg2(lvl)) & low_mask(kIndexBits);
		const uint64_t pa = table + idx * 8;
		const uint64_t raw = mem.read64(pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(lvl)); };

		if (!(raw & kP))
			return fault(Fault::NotPresent, where() + ": P=0");
		if (raw & rsvd)
			return fault(Fault::Reserved,
				     where() + (cfg.nxe ?
						      ": bits 62:MAXPHYADDR set" :
						      ": bits 63:MAXPHYADDR set (NXE=0)"));
		bool leaf = lvl == 0;
		if (lvl == 1 && (raw & kPS)) {
			leaf = true;
			// Table 4-9: bit 12 is PAT, bits 20:13 reserved.
			if (raw & bit_range(20, 13))
				return fault(Fault::Reserved,
					     where() + ": 2 MiB page bits 20:13 set");
		}

		w.used[w.nused++] = {pa, raw};
		w.rw = w.rw && (raw & kRW);
		w.us = w.us && (raw & kUS);
		w.xd = w.xd || (raw & kXD);

		if (leaf)
			return finish(mem, w, lvl,
				      raw & addr_mask & ~low_mask(item_lg2(lvl)),
				      iova, acc, cfg.nxe, cfg.user, cfg.hw_ad);
		table = raw & addr_mask;
	}
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	// 4.4.1: the PDPT is 32 bytes, four PDPTEs, no PS.
	TableInfo pdpt;
	pdpt.pa = cfg.root_pa & ~low_mask(5);
	pdpt.level = 2;
	pdpt.bytes = 32;
	const uint64_t addr_mask = bit_range(cfg.maxphyaddr - 1, kPageLg2);
	std::vector<TableInfo> dirs;
	const hw::TableWords<uint64_t> w(mem, pdpt.pa, 4);
	for (uint64_t i = 0; i != 4; i++) {
		const uint64_t e = w[i];
		if (!(e & kP))
			continue;
		pdpt.present++;
		TableInfo k;
		k.pa = e & addr_mask;
		k.level = 1;
		k.bytes = 1ull << kPageLg2;
		k.va = i << 30;
		dirs.push_back(k);
	}
	std::vector<TableInfo> out{pdpt};
	std::reverse(dirs.begin(), dirs.end());
	auto rest = enumerate(mem, dirs, addr_mask, 0, 64);
	out.insert(out.end(), rest.begin(), rest.end());
	return out;
}

} // namespace hw::x86pae
