// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// VT-d second-stage walker. References are to the "Intel Virtualization
// Technology for Directed I/O Architecture Specification" rev 3.x/4.x:
// 3.7 "Second-Stage Translation", 9.8 "Second-Stage Paging Entries" (one
// format table per entry kind: SS-PML5E, SS-PML4E, SS-PDPE, SS-PDE, SS-PTE).
#include "walk_vtdss.h"

#include <string>

namespace {

using hw::Access;
using hw::Fault;
using hw::Translation;

// 9.8, all entry formats.
constexpr uint64_t kR = 1ull << 0;    // Read
constexpr uint64_t kW = 1ull << 1;    // Write
constexpr uint64_t kX = 1ull << 2;    // Execute (when execute requests on)
// EMT bits 5:3 and IPAT bit 6 (leaves) are memory-type controls that do not
// take part in translation.
constexpr uint64_t kPS = 1ull << 7;   // Page size: SS-PDPE / SS-PDE only
constexpr uint64_t kA = 1ull << 8;    // Accessed (SSADE)
constexpr uint64_t kD = 1ull << 9;    // Dirty, leaves only (SSADE)
constexpr uint64_t kSNP = 1ull << 11; // Snoop, leaves only (ECAP.SC)
constexpr uint64_t kRsvd62 = 1ull << 62; // reserved in every entry
// Bit 10, bits 61:52 and bit 63 are ignored.

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

} // namespace

namespace hw::vtdss {

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc)
{
	// Context / PASID entry AW (legacy: context-entry AW; scalable: PASID
	// entry AW): 1 = 3-level 39 bit, 2 = 4-level 48 bit, 3 = 5-level 57 bit.
	if (cfg.aw < 1 || cfg.aw > 3)
		return fault(Fault::Encoding,
			     "AW " + std::to_string(cfg.aw) + " is reserved");
	if (cfg.haw < 32 || cfg.haw > 52)
		return fault(Fault::Encoding, "bad HAW");
	const unsigned levels = cfg.aw + 2;
	const unsigned va_bits = item_lg2(levels);

	// 3.7: an input address above the adjusted guest address width is
	// a translation fault; there is no sign extension.
	if (iova >> va_bits)
		return fault(Fault::AddressSize,
			     "iova above the " + std::to_string(va_bits) +
				     " bit AGAW");

	const uint64_t addr_mask = bit_range(cfg.haw - 1, kPageLg2);
	const uint64_t rsvd_common =
		kRsvd62 | (cfg.haw < 52 ? bit_range(51, cfg.haw) : 0);

	uint64_t table = cfg.root_pa & bit_range(63, kPageLg2);
	bool r = true;
	bool w = true;
	bool x = true;
	Used used[5];
	unsigned nused = 0;

	for (unsigned lvl = levels - 1;; lvl--) {
		const uint64_t idx = (iova >> item_lg2(lvl)) & low_mask(kIndexBits);
		const uint64_t pa = table + idx * 8;
		const uint64_t e = mem.read64(pa);
		// Built only for a fault report.
		auto where = [&] { return std::string("level " + std::to_string(lvl)); };

		// 3.7 / 9.8: there is no present bit; an entry granting
		// neither read nor write (nor execute, when execute requests
		// are enabled) is not present.
		const uint64_t perm_bits = kR | kW | (cfg.sl_exec ? kX : 0);
		if (!(e & perm_bits))
			return fault(Fault::NotPresent, where() + ": R=W=X=0");

		if (e & rsvd_common)
			return fault(Fault::Reserved,
				     where() + ((e & kRsvd62) ?
						      ": reserved bit 62 set" :
						      ": address bits above HAW"));

		bool leaf = lvl == 0;
		if (lvl != 0 && (e & kPS)) {
			// SS-PML5E / SS-PML4E: bit 7 is reserved.
			if (lvl >= 3)
				return fault(Fault::Reserved,
					     where() + ": PS in a PML4E/PML5E");
			// SS-PDE / SS-PDPE: PS=1 only if CAP.SLLPS reports
			// that page size, else it is reserved.
			if (!(cfg.sllps & (1u << (lvl - 1))))
				return fault(Fault::Reserved,
					     where() +
						     ": PS for a page size SLLPS lacks");
			leaf = true;
			// 2 MiB: bits 20:12 reserved; 1 GiB: bits 29:12.
			if (e & bit_range(item_lg2(lvl) - 1, kPageLg2))
				return fault(Fault::Reserved,
					     where() +
						     ": large page address bits below the page size");
		}
		if (e & kSNP) {
			// Non-leaf entries: bit 11 is reserved. Leaves: SNP,
			// reserved when ECAP.SC=0.
			if (!leaf)
				return fault(Fault::Reserved,
					     where() + ": bit 11 in a non-leaf entry");
			if (!cfg.snoop_control)
				return fault(Fault::Reserved,
					     where() + ": SNP without snoop control");
		}

		used[nused++] = {pa, e};
		r = r && (e & kR);
		w = w && (e & kW);
		x = x && (e & kX);

		if (!leaf) {
			table = e & addr_mask;
			continue;
		}

		const unsigned size_lg2 = item_lg2(lvl);
		Translation t;
		t.fault = Fault::None;
		t.page_size = 1ull << size_lg2;
		t.level = lvl;
		t.oa = (e & addr_mask & ~low_mask(size_lg2)) |
		       (iova & low_mask(size_lg2));
		t.read = r;
		t.write = w;
		// Effective: an execute request needs R as well as X.
		t.exec = cfg.sl_exec && x && r;
		t.dirty = e & kD;

		// 3.7: the access is allowed only if every level allows it.
		// An execute request needs read and execute permission.
		if (acc == Access::Read && !r) {
			t.fault = Fault::Permission;
			t.why = "read without R";
			return t;
		}
		if (acc == Access::Write && !w) {
			t.fault = Fault::Permission;
			t.why = "write without W";
			return t;
		}
		if (acc == Access::Exec && !(r && t.exec)) {
			t.fault = Fault::Permission;
			t.why = cfg.sl_exec ? "execute without R and X" :
					      "execute requests not enabled";
			return t;
		}

		// 3.7 (second-stage A/D flags, SSADE): A in every entry
		// used, D in the leaf on a write.
		if (cfg.ssade) {
			for (unsigned i = 0; i != nused; i++) {
				uint64_t v = used[i].raw | kA;
				if (i == nused - 1 && acc == Access::Write)
					v |= kD;
				if (v != used[i].raw)
					mem.write64(used[i].pa, v);
			}
			if (acc == Access::Write)
				t.dirty = true;
		}
		return t;
	}
}

std::vector<TableInfo> tables(Memory &mem, const Config &cfg)
{
	std::vector<TableInfo> out;
	if (cfg.aw < 1 || cfg.aw > 3 || cfg.haw < 32 || cfg.haw > 52)
		return out;
	const uint64_t addr_mask = bit_range(cfg.haw - 1, kPageLg2);
	const uint64_t perm_bits = kR | kW | (cfg.sl_exec ? kX : 0);
	TableInfo root;
	root.pa = cfg.root_pa & bit_range(63, kPageLg2);
	root.level = cfg.aw + 1;
	std::vector<TableInfo> todo{root};
	while (!todo.empty() && out.size() < kMaxTables) {
		TableInfo t = todo.back();
		todo.pop_back();
		t.bytes = 1ull << kPageLg2;
		std::vector<TableInfo> kids;
		const hw::TableWords<uint64_t> w(mem, t.pa, 1u << kIndexBits);
		for (uint64_t i = 0; i != (1u << kIndexBits); i++) {
			const uint64_t e = w[i];
			if (!(e & perm_bits))
				continue;
			t.present++;
			if (t.level == 0 || (e & kPS)) {
				t.leaves++;
				continue;
			}
			TableInfo k;
			k.pa = e & addr_mask;
			k.level = t.level - 1;
			k.va = t.va + (i << item_lg2(t.level));
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

} // namespace hw::vtdss
