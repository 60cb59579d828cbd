// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * x86pae: the 4-entry PDPT below 4 GiB, PDPTE bits, leaf attributes, OA
 * bits up to 51, and the tables checked by the independent PAE walker
 * (tests/hw/walk_x86.h).
 */
#include "walker_oracle.h"
#include "walk_x86.h"

using namespace gpt;

namespace {

constexpr u64 kP = 1ull << 0, kRW = 1ull << 1, kUS = 1ull << 2,
	      kPWT = 1ull << 3, kPCD = 1ull << 4, kA = 1ull << 5,
	      kD = 1ull << 6, kPS = 1ull << 7, kXD = 1ull << 63;

hw::HostMemory mem;

hw::x86pae::Config walker_cfg(Table &t)
{
	hw::x86pae::Config c;
	c.root_pa = t.hw_info().cr3;
	c.hw_ad = true;
	c.nxe = true;
	c.user = true;
	return c;
}

WalkFn walker(hw::x86pae::Config c)
{
	return [c](u64 iova, hw::Access acc) {
		return hw::x86pae::walk(mem, c, iova, acc);
	};
}

/* 4.6: reads always allowed, writes need R/W, fetches need XD=0. */
Perms perms(int prot)
{
	return { true, (prot & IOMMU_WRITE) != 0, !(prot & IOMMU_NOEXEC) };
}

} // namespace

GPT_TEST("feature", "pdpt_and_hw_info")
{
	Table t(base_case());
	REQUIRE(t.init_ret == 0);
	HwInfo h = t.hw_info();
	/* 4.4.1: CR3 bits 31:5 locate a 32-byte aligned PDPT below 4 GiB. */
	REQUIRE(h.cr3 < (u64(1) << 32));
	REQUIRE(h.cr3 % 32 == 0);
	auto v = visits(t);
	REQUIRE(v.size() == 1);
	REQUIRE(v[0].table_pa == h.cr3);
	REQUIRE(v[0].level == 2);
	REQUIRE(v[0].num_items_lg2 == 2);
	REQUIRE(v[0].table_size_lg2 == 5);
	REQUIRE(t.aperture_end() == 0xffffffffu);
	REQUIRE(t.pgsizes() == ((1ul << 12) | (1ul << 21)));
	/* All four PDPTEs in use: bits 31:30 select them. */
	for (u64 q = 0; q < 4; q++)
		REQUIRE(t.map((q << 30) | (0x200000 * q), 0x1000000 * q, 0x200000) == 0);
	REQUIRE(t.map(0xfffff000, 0x5000, 0x1000) == 0);
	if (Table::api_reaches(u64(1) << 32, 0x1000))
		REQUIRE(t.map(u64(1) << 32, 0, 0x1000) == -ERANGE);
	unsigned pdptes = 0;
	for (auto &e : visits(t)) {
		if (e.kind == PT_VISIT_POINTER && e.level == 2) {
			/*
			 * Table 4-8: only P (PWT, PCD) and the address; bits 2:1
			 * and 8:5 are reserved.
			 */
			REQUIRE(e.raw == (e.oa | kP));
			pdptes++;
		}
		if (e.kind == PT_VISIT_POINTER && e.level == 1)
			REQUIRE(e.raw == (e.oa | kP | kRW | kUS | kA));
	}
	REQUIRE(pdptes == 4);
	auto w = walker(walker_cfg(t));
	for (u64 q = 0; q < 4; q++) {
		hw::Translation tr = w((q << 30) | (0x200000 * q) | 0x1234, hw::Access::Write);
		INFO(tr.why);
		REQUIRE(tr.ok());
		REQUIRE(tr.page_size == 0x200000);
		REQUIRE(tr.oa == ((0x1000000 * q) | 0x1234));
	}
	REQUIRE(w(0xffffffff, hw::Access::Read).oa == 0x5fff);
	/*
	 * Removing everything frees the PDs but keeps the PDPT. (In halves:
	 * a 32-bit size_t cannot hold the 4 GiB length.)
	 */
	REQUIRE(t.unmap(0, u64(1) << 31) + t.unmap(u64(1) << 31, u64(1) << 31) ==
		4 * 0x200000 + 0x1000);
	REQUIRE(t.tables().size() == 1);
	REQUIRE(w(0, hw::Access::Read).fault == hw::Fault::NotPresent);
}

GPT_TEST("feature", "leaf_attributes")
{
	Table t(base_case());
	struct {
		int prot;
		u64 bits;
	} cases[] = {
		{ IOMMU_READ, kUS | kA },
		{ IOMMU_READ | IOMMU_WRITE, kUS | kA | kRW },
		{ IOMMU_WRITE | IOMMU_NOEXEC, kUS | kA | kRW | kXD },
		{ IOMMU_READ | IOMMU_PRIV, kA },
		{ IOMMU_READ | IOMMU_MMIO, kUS | kA | kPCD | kPWT },
	};
	u64 va = 0x10000000;
	for (auto &c : cases) {
		REQUIRE(t.map(va, va, 0x200000, c.prot) == 0);
		REQUIRE(t.map(va + 0x200000, va + 0x200000, 0x1000, c.prot) == 0);
		for (auto &l : t.leaves()) {
			if (l.va == va)
				REQUIRE(l.raw == (va | kP | kPS | c.bits));
			if (l.va == va + 0x200000)
				REQUIRE(l.raw == ((va + 0x200000) | kP | c.bits));
		}
		auto w = walker(walker_cfg(t));
		hw::x86pae::Config sup = walker_cfg(t);
		sup.user = false;
		bool user_ok = !(c.prot & IOMMU_PRIV);
		REQUIRE(w(va, hw::Access::Read).ok() == user_ok);
		REQUIRE(walker(sup)(va, hw::Access::Read).ok());
		REQUIRE(w(va + 0x200000, hw::Access::Write).ok() ==
			(user_ok && (c.prot & IOMMU_WRITE)));
		REQUIRE(walker(sup)(va, hw::Access::Exec).ok() ==
			!(c.prot & IOMMU_NOEXEC));
		va += 0x400000;
	}
}

GPT_TEST("feature", "output_address_bits")
{
	Table t(base_case());
	auto w = walker(walker_cfg(t));
	/* PAE entries carry MAXPHYADDR-1:12, up to bit 51. */
	for (unsigned b = 12; b < 52; b++) {
		u64 pa = u64(1) << b;
		u64 size = b >= 21 ? 0x200000 : 0x1000;
		INFO("bit " << b);
		REQUIRE(t.map(0x40000000, pa, size) == 0);
		REQUIRE(t.phys(0x40000000 + 8) == pa + 8);
		REQUIRE(w(0x40000000 + 8, hw::Access::Read).oa == pa + 8);
		REQUIRE(t.unmap(0x40000000, size) == size);
	}
	REQUIRE(t.map(0x40000000, u64(1) << 52, 0x1000) == -ERANGE);
}

GPT_TEST("feature", "walker_agrees")
{
	Table t(base_case());
	walker_random(t, walker(walker_cfg(t)), perms, 0, u64(1) << 32, 200, 5,
		      { IOMMU_READ, IOMMU_READ | IOMMU_WRITE,
			IOMMU_READ | IOMMU_NOEXEC, IOMMU_WRITE | IOMMU_NOEXEC });
}

GPT_TEST("feature", "hardware_dirty_tracking")
{
	Table t(base_case());
	REQUIRE(t.map(0x200000, 0, 0x200000) == 0);
	REQUIRE(t.map(0x1000, 0, 0x2000) == 0);
	auto w = walker(walker_cfg(t));
	int ret;
	REQUIRE(read_dirty(t, 0, 0x400000, 0, &ret).empty());
	REQUIRE(w(0x2000, hw::Access::Write).ok());
	REQUIRE(w(0x3fffff, hw::Access::Write).ok());
	REQUIRE(read_dirty(t, 0, 0x400000, IOMMU_DIRTY_NO_CLEAR, &ret).size() == 513);
	REQUIRE(read_dirty(t, 0, 0x400000, 0, &ret).size() == 513);
	REQUIRE(read_dirty(t, 0, 0x400000, 0, &ret).empty());
	for (auto &l : t.leaves())
		REQUIRE((l.raw & kD) == 0);
}
