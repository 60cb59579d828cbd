// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// AMD IOMMU host page table walker. Every rule below is from the "AMD I/O
// Virtualization Technology (IOMMU) Specification", pub. 48882, rev 3.x,
// section 2.2.3 "I/O Page Tables for Host Translations" unless noted.
#include "walk_amdv1.h"

#include <bit>
#include <string>

namespace {

using hw::Access;
using hw::Fault;
using hw::Translation;

// Fields common to the PDE and the PTE (2.2.3, PDE and PTE field tables).
constexpr uint64_t kPR = 1ull << 0;            // Present
constexpr uint64_t kA = 1ull << 5;             // Accessed (set with DTE.HAD)
constexpr uint64_t kD = 1ull << 6;             // Dirty, PTE only (DTE.HAD)
constexpr unsigned kNextLevelShift = 9;        // NextLevel, bits 11:9
constexpr uint64_t kNextLevelMask = 7;
constexpr unsigned kAddrShift = 12;            // Address, bits 51:12
constexpr uint64_t kAddrFieldMask = (1ull << 40) - 1;
constexpr uint64_t kIR = 1ull << 61;           // I/O read permission
constexpr uint64_t kIW = 1ull << 62;           // I/O write permission
// PTE only: U (bit 59) and FC (bit 60) carry no translation meaning here.

// Reserved (must be zero) ranges, 2.2.3 PDE / PTE field tables:
// the PDE reserves bits 60:52, the PTE reserves bits 58:52 (59 = U, 60 = FC).
constexpr uint64_t kPdeReserved = ((1ull << 61) - 1) & ~((1ull << 52) - 1);
constexpr uint64_t kPteReserved = ((1ull << 59) - 1) & ~((1ull << 52) - 1);

// NextLevel encodings (2.2.3): 0 = a leaf of the level's default size,
// 7 = a leaf whose size is encoded in the address (Table 14, "Example Page
// Size Encodings"), 1..6 = level (spec numbering) of the next table.
constexpr unsigned kNextLevelDefault = 0;
constexpr unsigned kNextLevelSize = 7;

// Table 15 "Page Table Level Parameters": each table is 4 KiB with 512
// entries except the level-6 table, which only has the 7 index bits 63:57.
constexpr unsigned kTableLg2 = 12;
constexpr unsigned kIndexBits = 9;
constexpr unsigned kTopIndexBitsMode6 = 7;
// Table 15: the level-6 table (our level 5) cannot hold translations.
constexpr unsigned kLevelPdeOnly = 5;

// 512 GiB pages are not usable (AMD erratum, the Linux driver never creates
// them); the walker reports them as a bad encoding.
constexpr unsigned kForbiddenPageLg2 = 39;

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

struct Used {
	uint64_t pa;
	uint64_t raw;
};

} // namespace

namespace hw::amdv1 {

Translation walk_granule(Memory &mem, const Config &cfg, uint64_t iova,
			 Access acc, unsigned granule_lg2)
{
	const unsigned g = granule_lg2;
	const unsigned max_mode = g == kGranuleLg2 ? 6 : 5;

	// DTE Mode 1..6 (2.2.2 Device Table Entry, Mode field); 7 is reserved
	// and 0 means no translation, which this walker does not model.
	if (cfg.mode < 1 || cfg.mode > max_mode)
		return fault(Fault::Encoding,
			     "DTE mode " + std::to_string(cfg.mode) +
				     " is not a paging mode");

	auto item_lg2 = [g](unsigned lvl) { return g + kIndexBits * lvl; };
	const unsigned top = cfg.mode - 1;

	// Address bits above what the top level translates must be zero
	// (2.2.3; the IOMMU v1 tables are not sign extended).
	const unsigned va_bits = item_lg2(top) + kIndexBits;
	if (va_bits < 64 && (iova >> va_bits) != 0)
		return fault(Fault::AddressSize,
			     "iova above the " + std::to_string(va_bits) +
				     " bit range of mode " +
				     std::to_string(cfg.mode));

	uint64_t table = cfg.root_pa & ~cfg.sme_mask & ~low_mask(kTableLg2);
	unsigned lvl = top;
	bool ir = true;
	bool iw = true;
	Used used[8];
	unsigned nused = 0;
	unsigned size_lg2 = 0;
	uint64_t oa_base = 0;

	for (;;) {
		unsigned idx_bits = kIndexBits;
		if (item_lg2(lvl) + kIndexBits > 64)
			idx_bits = kTopIndexBitsMode6;
		const uint64_t idx = (iova >> item_lg2(lvl)) & low_mask(idx_bits);
		const uint64_t pte_pa = table + idx * 8;
		const uint64_t raw = mem.read64(pte_pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(lvl)); };

		if (!(raw & kPR))
			return fault(Fault::NotPresent, where() + ": PR=0");

		const uint64_t e = raw & ~cfg.sme_mask;
		const unsigned nl = (e >> kNextLevelShift) & kNextLevelMask;
		const uint64_t field = (e >> kAddrShift) & kAddrFieldMask;
		const bool leaf = nl == kNextLevelDefault || nl == kNextLevelSize;

		if (leaf) {
			if (e & kPteReserved)
				return fault(Fault::Reserved,
					     where() + ": PTE bits 58:52 set");
		} else {
			if (e & kPdeReserved)
				return fault(Fault::Reserved,
					     where() + ": PDE bits 60:52 set");
		}

		used[nused++] = {pte_pa, raw};
		ir = ir && (e & kIR);
		iw = iw && (e & kIW);

		if (!leaf) {
			// A PDE: NextLevel names the level (spec numbering)
			// of the table it points at and must be below the
			// current one; level 1 (ours 0) holds PTEs only.
			if (lvl == 0)
				return fault(Fault::Encoding,
					     where() + ": NextLevel " +
						     std::to_string(nl) +
						     " in a level-1 PTE");
			const unsigned next = nl - 1;
			if (next >= lvl)
				return fault(Fault::Encoding,
					     where() + ": NextLevel " +
						     std::to_string(nl) +
						     " not below the current level");
			// Skipped levels: the iova bits that would have
			// indexed them must be zero.
			const unsigned lo = item_lg2(next + 1);
			const unsigned hi = item_lg2(lvl);
			if (hi > lo && ((iova >> lo) & low_mask(hi - lo)))
				return fault(Fault::AddressSize,
					     where() + ": iova bits " +
						     std::to_string(hi - 1) +
						     ":" + std::to_string(lo) +
						     " of skipped levels not zero");
			const uint64_t next_pa = field << g;
			if (next_pa & low_mask(kTableLg2))
				return fault(Fault::Encoding,
					     where() +
						     ": table address not 4 KiB aligned");
			table = next_pa;
			lvl = next;
			continue;
		}

		// A leaf. Table 15: level 6 (ours 5) holds PDEs only; the top
		// table of a smaller mode holds leaves like any table of its
		// level (as the Linux AMD drivers have always written them).
		if (lvl == kLevelPdeOnly)
			return fault(Fault::Encoding,
				     where() + ": leaf in a level-6 table");

		if (nl == kNextLevelDefault) {
			size_lg2 = item_lg2(lvl);
		} else {
			// Table 14: the first zero bit of the address field,
			// counted from bit 12, at position k gives a page of
			// 2^(k+1) granules; the bits below it are ones.
			if (field == kAddrFieldMask)
				return fault(Fault::Encoding,
					     where() +
						     ": NextLevel 7 with no zero address bit");
			const unsigned k = std::countr_one(field);
			size_lg2 = g + k + 1;
			// The encoded size must be above this level's size
			// and below the size of one entry of the parent.
			if (size_lg2 <= item_lg2(lvl))
				return fault(Fault::Encoding,
					     where() +
						     ": NextLevel 7 size not above the level size");
			if (size_lg2 >= item_lg2(lvl + 1))
				return fault(Fault::Encoding,
					     where() +
						     ": NextLevel 7 size not below the parent size");
			// Software replicates the entry over every slot
			// covered by the page; check they all agree (the A/D
			// bits may differ, hardware updates one copy).
			const unsigned n = 1u << (size_lg2 - item_lg2(lvl));
			const uint64_t first = idx & ~uint64_t(n - 1);
			for (unsigned i = 0; i != n; i++) {
				const uint64_t other =
					mem.read64(table + (first + i) * 8);
				if ((other & ~(kA | kD)) != (raw & ~(kA | kD)))
					return fault(
						Fault::Encoding,
						where() + ": NextLevel 7 entry " +
							std::to_string(first + i) +
							" differs from the replicated page");
			}
		}
		if (size_lg2 == kForbiddenPageLg2)
			return fault(Fault::Encoding,
				     where() + ": 512 GiB page is not supported");
		oa_base = (field << g) & ~low_mask(size_lg2);
		break;
	}

	Translation t;
	t.fault = Fault::None;
	t.page_size = 1ull << size_lg2;
	t.level = lvl;
	t.oa = oa_base | (iova & low_mask(size_lg2));
	t.read = ir;
	t.write = iw;
	// v1 tables have no execute control: execute follows read.
	t.exec = ir;

	const Used &leaf = used[nused - 1];
	t.dirty = leaf.raw & kD;

	const bool want_write = acc == Access::Write;
	if (want_write ? !iw : !ir) {
		t.fault = Fault::Permission;
		t.why = want_write ? "write without IW" : "read without IR";
		return t;
	}

	// DTE.HAD: A in every entry used, D in the leaf on a write.
	if (cfg.hw_dirty) {
		for (unsigned i = 0; i != nused; i++) {
			uint64_t v = used[i].raw | kA;
			if (i == nused - 1 && want_write)
				v |= kD;
			if (v != used[i].raw)
				mem.write64(used[i].pa, v);
		}
		if (want_write)
			t.dirty = true;
	}
	return t;
}

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	return walk_granule(mem, cfg, iova, acc, kGranuleLg2);
}

std::vector<TableInfo> tables_granule(Memory &mem, const Config &cfg,
				      unsigned granule_lg2)
{
	const unsigned g = granule_lg2;
	std::vector<TableInfo> out;
	if (cfg.mode < 1 || cfg.mode > 6)
		return out;
	auto item_lg2 = [g](unsigned lvl) { return g + kIndexBits * lvl; };
	TableInfo root;
	root.pa = cfg.root_pa & ~cfg.sme_mask & ~low_mask(kTableLg2);
	root.level = cfg.mode - 1;
	std::vector<TableInfo> todo{root};
	while (!todo.empty() && out.size() < kMaxTables) {
		TableInfo t = todo.back();
		todo.pop_back();
		t.bytes = uint64_t(1) << kTableLg2;
		// Table 15: the mode-6 top only has the index bits 63:57.
		const unsigned idx_bits = item_lg2(t.level) + kIndexBits > 64 ?
						  kTopIndexBitsMode6 :
						  kIndexBits;
		std::vector<TableInfo> kids;
		const hw::TableWords<uint64_t> w(mem, t.pa, uint64_t(1) << idx_bits);
		for (uint64_t i = 0; i != (uint64_t(1) << idx_bits); i++) {
			const uint64_t e = w[i] & ~cfg.sme_mask;
			if (!(e & kPR))
				continue;
			t.present++;
			const unsigned nl = (e >> kNextLevelShift) & kNextLevelMask;
			if (nl == kNextLevelDefault || nl == kNextLevelSize || t.level == 0) {
				t.leaves++;
				continue;
			}
			TableInfo k;
			k.pa = ((e >> kAddrShift) & kAddrFieldMask) << g;
			k.level = nl - 1;
			k.va = t.va + (i << item_lg2(t.level));
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	return tables_granule(mem, cfg, kGranuleLg2);
}

} // namespace hw::amdv1

namespace hw::amdv1_mock {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	return hw::amdv1::walk_granule(mem, cfg, iova, acc, kGranuleLg2);
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	return hw::amdv1::tables_granule(mem, cfg, kGranuleLg2);
}

} // namespace hw::amdv1_mock
