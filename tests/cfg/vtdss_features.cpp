// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vtdss: each format feature on and off, the hw_info the context/PASID
 * entry needs, and the tables checked by the independent VT-d second-stage
 * walker (tests/hw/walk_vtdss.h).
 */
#include "walker_oracle.h"
#include "walk_vtdss.h"

using namespace gpt;

namespace {

constexpr u64 kR = 1ull << 0, kW = 1ull << 1, kX = 1ull << 2, kPS = 1ull << 7,
	      kD = 1ull << 9, kSNP = 1ull << 11;

hw::HostMemory mem;

hw::vtdss::Config walker_cfg(Table &t)
{
	HwInfo h = t.hw_info();
	hw::vtdss::Config c;
	c.root_pa = h.ssptptr;
	c.aw = h.aw;
	c.sl_exec = true;
	c.snoop_control = true;
	return c;
}

WalkFn walker(Table &, hw::vtdss::Config c)
{
	return [c](u64 iova, hw::Access acc) {
		return hw::vtdss::walk(mem, c, iova, acc);
	};
}

Perms perms(int prot)
{
	bool r = prot & IOMMU_READ;
	return { r, (prot & IOMMU_WRITE) != 0, r && !(prot & IOMMU_NOEXEC) };
}

ConfigCase level_case(unsigned top_level, unsigned features = 0)
{
	return { "vtdss", features, [=](Cfg &c) { c.top_level = top_level; } };
}

const std::vector<int> all_prots = {
	IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
	IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC,
};

} // namespace

GPT_TEST("feature", "levels_and_hw_info")
{
	for (unsigned lvl = 2; lvl <= 4; lvl++) {
		DYNAMIC_SECTION("top level " << lvl)
		{
			Table t(level_case(lvl));
			REQUIRE(t.init_ret == 0);
			HwInfo h = t.hw_info();
			/* 9.6 AW: 1, 2, 3 for 3, 4, 5 levels. */
			REQUIRE(h.aw == lvl - 1);
			REQUIRE(t.tables().begin()->first == h.ssptptr);
			REQUIRE(h.ssptptr % 4096 == 0);
			unsigned agaw = 12 + 9 * (lvl + 1);
			REQUIRE(t.aperture_end() == (u64(1) << agaw) - 1);
			/* 4K, 2M and 1G leaves only (PS not in PML4E/PML5E). */
			REQUIRE(t.pgsizes() == ((1ul << 12) | (1ul << 21) | (1ul << 30)));
			/* The top GiB (32-bit hosts: the top one map reaches). */
			u64 last = t.map_end() + 1 - (u64(1) << 30);
			REQUIRE(t.map(last, u64(1) << 30, u64(1) << 30) == 0);
			auto w = walker(t, walker_cfg(t));
			hw::Translation tr = w(last + 0x1234, hw::Access::Read);
			REQUIRE(tr.ok());
			REQUIRE(tr.page_size == (u64(1) << 30));
			REQUIRE(tr.oa == (u64(1) << 30) + 0x1234);
			if (Table::api_reaches(u64(1) << agaw, 4096))
				REQUIRE(t.map(u64(1) << agaw, 0, 4096) == -ERANGE);
		}
	}
	SECTION("MGAW below the AGAW")
	{
		Cfg c{};
		c.top_level = 3;
		c.common.hw_max_vasz_lg2 = 46;
		Table t(c);
		REQUIRE(t.init_ret == 0);
		REQUIRE(t.hw_info().aw == 2);
		REQUIRE(t.aperture_end() == (u64(1) << 46) - 1);
		if (Table::api_reaches(u64(1) << 46, 4096))
			REQUIRE(t.map(u64(1) << 46, 0, 4096) == -ERANGE);
	}
	SECTION("level from the VA width")
	{
		for (auto [vasz, aw] : { std::pair{ 39u, 1u }, { 48u, 2u }, { 57u, 3u } }) {
			Cfg c{};
			c.common.hw_max_vasz_lg2 = (u8)vasz;
			Table t(c);
			REQUIRE(t.init_ret == 0);
			REQUIRE(t.hw_info().aw == aw);
		}
	}
	SECTION("bad levels")
	{
		for (unsigned lvl : { 1u, 5u, 7u }) {
			Cfg c{};
			c.top_level = lvl;
			Tbl tbl{};
			u64 live = live_tables();
			REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EINVAL);
			REQUIRE(live_tables() == live);
		}
	}
}

GPT_TEST("feature", "walker_agrees")
{
	for (unsigned lvl = 2; lvl <= 4; lvl++) {
		DYNAMIC_SECTION("top level " << lvl)
		{
			Table t(level_case(lvl));
			u64 base = lvl == 2 ? u64(1) << 36 : u64(1) << 40;
			walker_random(t, walker(t, walker_cfg(t)), perms, base,
				      u64(1) << 33, 120, 1000 + lvl, all_prots);
		}
	}
}

GPT_TEST("feature", "entry_bits")
{
	Table t(level_case(3));
	REQUIRE(t.map(0x40000000, 0x80000000, 0x40000000, IOMMU_READ) == 0);
	REQUIRE(t.map(0x200000, 0x400000, 0x200000, IOMMU_WRITE) == 0);
	REQUIRE(t.map(0x1000, 0x5000, 0x1000,
		      IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC) == 0);
	for (auto &v : visits(t)) {
		if (v.kind == PT_VISIT_POINTER) {
			/* R, W, X and the address; bit 11 is reserved here. */
			REQUIRE((v.raw & ~(kR | kW | kX)) == v.oa);
			continue;
		}
		if (v.kind != PT_VISIT_LEAF)
			continue;
		u64 ps = v.level ? kPS : 0;
		if (v.va == 0x40000000)
			REQUIRE(v.raw == (0x80000000 | kR | kX | ps));
		else if (v.va == 0x200000)
			REQUIRE(v.raw == (0x400000 | kW | kX | ps));
		else
			REQUIRE(v.raw == (0x5000 | kR | kW));
	}
}

GPT_TEST("feature", "force_coherence_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(level_case(3, on ? 1u << PT_FEAT_VTDSS_FORCE_COHERENCE : 0));
			REQUIRE(t.map(0x200000, 0x200000, 0x201000) == 0);
			auto l = t.leaves();
			REQUIRE(l.size() == 2);
			for (auto &leaf : l)
				REQUIRE(((leaf.raw & kSNP) != 0) == on);
			/* Without ECAP.SC, SNP is a reserved bit to the walker. */
			hw::vtdss::Config c = walker_cfg(t);
			c.snoop_control = false;
			hw::Translation tr = walker(t, c)(0x200000, hw::Access::Read);
			REQUIRE(tr.fault == (on ? hw::Fault::Reserved : hw::Fault::None));
			c.snoop_control = true;
			REQUIRE(walker(t, c)(0x400000, hw::Access::Write).ok());
			/* cut keeps SNP in the smaller leaves. */
			REQUIRE(t.cut(0x300000) == 0);
			for (auto &leaf : t.leaves())
				REQUIRE(((leaf.raw & kSNP) != 0) == on);
			walker_random(t, walker(t, walker_cfg(t)), perms, u64(1) << 32,
				      u64(1) << 32, 40, 7 + on, all_prots);
		}
	}
}

GPT_TEST("feature", "force_writeable_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(level_case(3, on ? 1u << PT_FEAT_VTDSS_FORCE_WRITEABLE : 0));
			REQUIRE(t.map(0x10000, 0, 0x1000) == 0);
			Snapshot before = snapshot_tables();
			int ret = t.map(0x200000, 0x200000, 0x200000, IOMMU_READ);
			if (on) {
				/* Erratum workaround: read-only leaves are refused. */
				REQUIRE(ret == -EINVAL);
				REQUIRE(snapshot_tables() == before);
				REQUIRE(t.map(0x200000, 0x200000, 0x200000,
					      IOMMU_READ | IOMMU_NOEXEC) == -EINVAL);
			} else {
				REQUIRE(ret == 0);
				auto w = walker(t, walker_cfg(t));
				REQUIRE(w(0x200000, hw::Access::Read).ok());
				REQUIRE(!w(0x200000, hw::Access::Write).ok());
			}
			REQUIRE(t.map(0x40000000, 0, 0x40000000, IOMMU_WRITE) == 0);
			REQUIRE(walker(t, walker_cfg(t))(0x40000000, hw::Access::Write).ok());
			walker_random(t, walker(t, walker_cfg(t)), perms, u64(1) << 33,
				      u64(1) << 32, 40, 11 + on,
				      { IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
					IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC });
		}
	}
}

GPT_TEST("feature", "hardware_dirty_tracking")
{
	/* SSADE: the walker sets A along the walk and D in the leaf. */
	Table t(level_case(3));
	REQUIRE(t.map(0x40000000, 0, 0x40000000) == 0);
	REQUIRE(t.map(0x200000, 0, 0x200000) == 0);
	REQUIRE(t.map(0x1000, 0, 0x4000) == 0);
	hw::vtdss::Config c = walker_cfg(t);
	c.ssade = true;
	auto w = walker(t, c);
	int ret;
	REQUIRE(read_dirty(t, 0, u64(1) << 31, 0, &ret).empty());
	REQUIRE(ret == 0);
	REQUIRE(w(0x2000, hw::Access::Read).ok());
	REQUIRE(read_dirty(t, 0, u64(1) << 31, 0, &ret).empty());
	REQUIRE(w(0x2000, hw::Access::Write).ok());
	REQUIRE(w(0x300000, hw::Access::Write).ok());
	REQUIRE(w(0x7fffffff, hw::Access::Write).ok());
	auto d = read_dirty(t, 0, u64(1) << 31, IOMMU_DIRTY_NO_CLEAR, &ret);
	REQUIRE(d.size() == 1 + 512 + 262144);
	REQUIRE(d.front() == 0x2000);
	REQUIRE(read_dirty(t, 0, u64(1) << 31, 0, &ret).size() == d.size());
	REQUIRE(read_dirty(t, 0, u64(1) << 31, 0, &ret).empty());
	for (auto &l : t.leaves())
		REQUIRE((l.raw & kD) == 0);
	/* A written by the walker survives the clear. */
	for (auto &l : t.leaves())
		if (l.va == 0x2000)
			REQUIRE((l.raw & (1ull << 8)) != 0);
}
