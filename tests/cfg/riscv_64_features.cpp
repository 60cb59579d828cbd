// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * riscv_64: each format feature on and off (Svnapot, hardware A/D, G-stage
 * x4, G, Svpbmt, sign extension), the hw_info iosatp/iohgatp need, and the
 * tables checked by the independent RISC-V walker (tests/hw/walk_riscv.h).
 */
#include "riscv_features.h"

using namespace gpt;
using namespace gpt::riscv_features;

namespace {

constexpr u64 kV = 1ull << 0, kR = 1ull << 1, kW = 1ull << 2, kX = 1ull << 3,
	      kU = 1ull << 4, kG = 1ull << 5, kA = 1ull << 6, kD = 1ull << 7,
	      kN = 1ull << 63;
constexpr u64 kPpn = ((1ull << 54) - 1) & ~((1ull << 10) - 1);
constexpr unsigned kPbmtShift = 61;

const unsigned kAD = 1u << PT_FEAT_RISCV_HW_AD;
const unsigned kNapot = 1u << PT_FEAT_RISCV_SVNAPOT_64K;
const unsigned kGstage = 1u << PT_FEAT_RISCV_GSTAGE;
const unsigned kSext = 1u << PT_FEAT_SIGN_EXTEND;
const unsigned kGlobal = 1u << PT_FEAT_RISCV_GLOBAL;
const unsigned kPbmt = 1u << PT_FEAT_RISCV_SVPBMT;

ConfigCase rv_case(unsigned top_level, unsigned features)
{
	return { "rv", features, [=](Cfg &c) { c.top_level = top_level; } };
}

hw::riscv::Config walker_cfg(Table &t, bool hw_ad = true)
{
	return riscv_features::walker_cfg(
		t, hw_ad, false, t.t.riscv_64pt.common.features & kGstage);
}

} // namespace

GPT_TEST("feature", "levels_and_hw_info")
{
	for (unsigned lvl = 2; lvl <= 4; lvl++) {
		DYNAMIC_SECTION("top level " << lvl)
		{
			Table t(rv_case(lvl, kAD | kSext));
			REQUIRE(t.init_ret == 0);
			HwInfo h = t.hw_info();
			/* iosatp.MODE 8/9/10 = Sv39/Sv48/Sv57. */
			REQUIRE(h.fsc_iosatp_mode == lvl + 6);
			REQUIRE((h.ppn << 12) == t.tables().begin()->first);
			unsigned va_bits = 12 + 9 * (lvl + 1);
			/* A leaf at every level: 4K, 2M, 1G, 512G, 256T. */
			u64 want = 0;
			for (unsigned l = 0; l <= lvl; l++)
				want |= u64(1) << (12 + 9 * l);
			want &= (u64(1) << (va_bits - 1)) - 1;
			/* pgsize_bitmap is an unsigned long (32 bits on 32-bit hosts). */
			REQUIRE(t.pgsizes() == (unsigned long)want);
			auto w = walker(walker_cfg(t));
			for (unsigned l = 0; l <= lvl && 12 + 9 * l < va_bits - 1; l++) {
				u64 s = u64(1) << (12 + 9 * l);
				u64 va = s, pa = s * 3;
				if (!Table::api_reaches(va, s))
					break;
				REQUIRE(t.map(va, pa, s) == 0);
				hw::Translation tr = w(va + s - 8, hw::Access::Write);
				INFO(tr.why);
				REQUIRE(tr.ok());
				REQUIRE(tr.level == l);
				REQUIRE(tr.page_size == s);
				REQUIRE(tr.oa == pa + s - 8);
				REQUIRE(t.unmap(va, s) == s);
			}
			/* Both halves: the top of the upper half. */
			u64 top = ~u64(0) - 0xfff;
			if (!Table::api_reaches(top, 0x1000))
				continue; /* 32-bit hosts: not expressible */
			REQUIRE(t.map(top, 0x7000, 0x1000) == 0);
			REQUIRE(w(top + 5, hw::Access::Read).oa == 0x7005);
			REQUIRE(t.phys(top + 5) == 0x7005);
		}
	}
	SECTION("level from the VA width")
	{
		for (auto [vasz, mode] : { std::pair{ 39u, 8u }, { 48u, 9u }, { 57u, 10u } }) {
			Cfg c{};
			c.common.hw_max_vasz_lg2 = (u8)vasz;
			Table t(c);
			REQUIRE(t.init_ret == 0);
			REQUIRE(t.hw_info().fsc_iosatp_mode == mode);
			/* Lower half only without sign extension. */
			REQUIRE(t.aperture_end() == (u64(1) << (vasz - 1)) - 1);
		}
	}
	SECTION("bad configurations")
	{
		struct {
			unsigned lvl, features;
		} bad[] = { { 1, 0 }, { 5, 0 }, { 3, kGstage | kSext },
			    { 3, kGstage | kGlobal } };
		for (auto &b : bad) {
			Cfg c{};
			c.top_level = b.lvl;
			c.common.features = b.features;
			Tbl tbl{};
			u64 live = live_tables();
			REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EINVAL);
			REQUIRE(live_tables() == live);
		}
	}
}

GPT_TEST("feature", "walker_agrees")
{
	struct {
		const char *name;
		unsigned lvl, features;
		u64 base;
	} cases[] = {
		{ "sv39", 2, kAD, u64(1) << 35 },
		{ "sv48_napot", 3, kAD | kNapot, u64(1) << 44 },
		{ "sv57_upper", 4, kAD | kNapot | kSext, ~u64(0) << 40 },
		{ "sv39x4", 2, kAD | kGstage, (u64(1) << 40) + (u64(1) << 38) },
		{ "sv48_no_ad", 3, 0, u64(1) << 33 },
	};
	for (auto &c : cases) {
		DYNAMIC_SECTION(c.name)
		{
			Table t(rv_case(c.lvl, c.features));
			REQUIRE(t.init_ret == 0);
			/* The walker updates A/D iff the table expects it. */
			bool ad = c.features & kAD;
			walker_random(t, walker(walker_cfg(t, ad)), perms,
				      c.base, u64(1) << 33, 100, 77 + c.lvl,
				      all_prots);
		}
	}
}

GPT_TEST("feature", "entry_bits")
{
	Table t(rv_case(3, kAD));
	REQUIRE(t.map(0x40000000, 0x80000000, 0x40000000, IOMMU_READ) == 0);
	REQUIRE(t.map(0x200000, 0x400000, 0x200000, IOMMU_WRITE) == 0);
	REQUIRE(t.map(0x1000, 0x5000, 0x1000,
		      IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC) == 0);
	REQUIRE(t.map(0x2000, 0x6000, 0x1000, IOMMU_READ | IOMMU_PRIV) == 0);
	for (auto &v : visits(t)) {
		if (v.kind == PT_VISIT_POINTER) {
			/* Only V and the PPN: D, A, U, G, N, PBMT stay clear. */
			REQUIRE((v.raw & ~kPpn) == kV);
			REQUIRE(((v.raw & kPpn) >> 10 << 12) == v.oa);
			continue;
		}
		if (v.kind != PT_VISIT_LEAF)
			continue;
		u64 ppn = v.oa >> 12 << 10;
		if (v.va == 0x40000000)
			REQUIRE(v.raw == (ppn | kV | kR | kX | kU | kA));
		else if (v.va == 0x200000)
			REQUIRE(v.raw == (ppn | kV | kR | kW | kX | kU | kA));
		else if (v.va == 0x1000)
			REQUIRE(v.raw == (ppn | kV | kR | kW | kU | kA));
		else
			REQUIRE(v.raw == (ppn | kV | kR | kX | kA));
	}
	/* IOMMU_PRIV: an S-mode request may use it, a U-mode one may not. */
	hw::riscv::Config c = walker_cfg(t);
	REQUIRE(walker(c)(0x2000, hw::Access::Read).fault == hw::Fault::Permission);
	c.supervisor = true;
	REQUIRE(walker(c)(0x2000, hw::Access::Read).ok());
	REQUIRE(walker(c)(0x1000, hw::Access::Read).fault == hw::Fault::Permission);
}

GPT_TEST("feature", "svnapot_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(rv_case(3, kAD | (on ? kNapot : 0)));
			REQUIRE(((t.pgsizes() & 0x10000) != 0) == on);
			REQUIRE(t.map(0x30000, 0x1230000, 0x10000) == 0);
			auto leaves = t.leaves();
			REQUIRE(leaves.size() == (on ? 1u : 16u));
			auto v = visits(t);
			unsigned copies = 0;
			for (auto &e : v)
				if (e.kind == PT_VISIT_LEAF && on) {
					REQUIRE(e.num_contig_lg2 == 4);
					REQUIRE(e.size_lg2 == 16);
				}
			/* Every one of the 16 PTEs: N and ppn[3:0] = 1000b. */
			for (auto &e : v) {
				if (e.kind != PT_VISIT_TABLE || e.level != 0)
					continue;
				const u64 *pte = reinterpret_cast<const u64 *>(e.table_pa);
				for (unsigned i = 0x30; i < 0x40; i++) {
					REQUIRE(((pte[i] & kN) != 0) == on);
					u64 ppn = (pte[i] & kPpn) >> 10;
					if (on)
						REQUIRE(ppn == (0x1230 | 0x8));
					else
						REQUIRE(ppn == 0x1230 + (i - 0x30));
					copies++;
				}
			}
			REQUIRE(copies == 16);
			hw::riscv::Config c = walker_cfg(t);
			for (u64 off = 0; off < 0x10000; off += 0x1800) {
				hw::Translation tr = walker(c)(0x30000 + off, hw::Access::Read);
				REQUIRE(tr.ok());
				REQUIRE(tr.oa == 0x1230000 + off);
				REQUIRE(tr.page_size == (on ? 0x10000u : 0x1000u));
			}
			/* Without the extension N is reserved to the walker. */
			c.svnapot = false;
			REQUIRE(walker(c)(0x30000, hw::Access::Read).fault ==
				(on ? hw::Fault::Reserved : hw::Fault::None));
			/* Dirty: hardware sets D in the one copy it used. */
			c.svnapot = true;
			REQUIRE(walker(c)(0x3a000, hw::Access::Write).ok());
			int ret;
			auto d = read_dirty(t, 0, 0x100000, 0, &ret);
			REQUIRE(ret == 0);
			REQUIRE(d.size() == (on ? 16u : 1u));
			REQUIRE(read_dirty(t, 0, 0x100000, 0, &ret).empty());
			/* cut splits the NAPOT entry into 4K leaves. */
			REQUIRE(t.cut(0x34000) == 0);
			REQUIRE(t.leaves().size() == 16u);
			REQUIRE(walker(c)(0x34000, hw::Access::Read).oa == 0x1234000);
			REQUIRE(walker(c)(0x3ffff, hw::Access::Read).oa == 0x123ffff);
			/* A NAPOT page needs 64K-aligned VA and PA. */
			REQUIRE(t.map(0x50000, 0x1231000, 0x10000) == 0);
			for (auto &l : t.leaves())
				if (l.va >= 0x50000)
					REQUIRE(l.size == 0x1000);
		}
	}
}

GPT_TEST("feature", "hw_ad_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(rv_case(3, on ? kAD : 0));
			REQUIRE(t.map(0x200000, 0, 0x200000) == 0);
			REQUIRE(t.map(0x1000, 0, 0x1000, IOMMU_READ) == 0);
			/* A is always preset; D only without hardware updates. */
			REQUIRE((leaf_raw(t, 0x200000) & kA) != 0);
			REQUIRE(((leaf_raw(t, 0x200000) & kD) != 0) == !on);
			REQUIRE((leaf_raw(t, 0x1000) & kD) == 0);
			/* A walker that never updates A/D may write iff D is set. */
			hw::riscv::Config c = walker_cfg(t, false);
			REQUIRE(walker(c)(0x200000, hw::Access::Write).ok() == !on);
			REQUIRE(walker(c)(0x1000, hw::Access::Read).ok());
			int ret;
			read_dirty(t, 0, 0x400000, 0, &ret);
			if (!on) {
				REQUIRE(ret == -EOPNOTSUPP);
				REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), 0x200000) ==
					-EOPNOTSUPP);
				/* cut keeps D in every smaller leaf. */
				REQUIRE(t.cut(0x201000) == 0);
				for (auto &l : t.leaves())
					if (l.va >= 0x200000)
						REQUIRE((l.raw & kD) != 0);
				REQUIRE(walker(c)(0x3ff000, hw::Access::Write).ok());
				continue;
			}
			REQUIRE(ret == 0);
			c.hw_ad = true;
			REQUIRE(walker(c)(0x200000, hw::Access::Write).ok());
			auto d = read_dirty(t, 0, 0x400000, IOMMU_DIRTY_NO_CLEAR, &ret);
			REQUIRE(d.size() == 512);
			REQUIRE(t.cut(0x201000) == 0);
			/* Split dirty state stays dirty, then clears. */
			REQUIRE(read_dirty(t, 0, 0x400000, 0, &ret).size() == 512);
			REQUIRE(read_dirty(t, 0, 0x400000, 0, &ret).empty());
		}
	}
}

GPT_TEST("feature", "gstage_x4_on_off")
{
	for (unsigned lvl = 2; lvl <= 4; lvl++) {
		for (bool on : { false, true }) {
			DYNAMIC_SECTION("level " << lvl << (on ? " x4" : " plain"))
			{
				Table t(rv_case(lvl, kAD | (on ? kGstage : 0)));
				REQUIRE(t.init_ret == 0);
				unsigned bits = 12 + 9 * (lvl + 1);
				/* x4: two more bits, zero extended; else lower half. */
				u64 end = on ? (u64(1) << (bits + 2)) - 1 :
					       (u64(1) << (bits - 1)) - 1;
				REQUIRE(t.aperture_end() == end);
				auto tabs = visits(t);
				REQUIRE(tabs[0].kind == PT_VISIT_TABLE);
				REQUIRE(tabs[0].table_size_lg2 == (on ? 14u : 12u));
				REQUIRE(tabs[0].num_items_lg2 == (on ? 11u : 9u));
				HwInfo h = t.hw_info();
				REQUIRE(h.fsc_iosatp_mode == lvl + 6);
				if (on)
					REQUIRE((h.ppn & 3) == 0);
				/* 32-bit hosts: the top that map reaches. */
				u64 va = t.map_end() - 0x3fffff;
				REQUIRE(t.map(va, 0x400000, 0x400000,
					      IOMMU_READ | IOMMU_PRIV) == 0);
				if (Table::api_reaches(end + 1, 0x1000))
					REQUIRE(t.map(end + 1, 0, 0x1000) == -ERANGE);
				hw::riscv::Config c = walker_cfg(t);
				hw::Translation tr = walker(c)(va + 0x212345, hw::Access::Read);
				INFO(tr.why);
				/* Every G-stage access is U-mode: U is set even for
				 * IOMMU_PRIV. */
				REQUIRE(tr.ok() == on);
				REQUIRE(tr.oa == 0x612345);
				REQUIRE(((leaf_raw(t, va) & kU) != 0) == on);
				REQUIRE(t.unmap(va, 0x400000) == 0x400000);
				REQUIRE(t.tables().size() >= 1);
			}
		}
	}
}

GPT_TEST("feature", "sign_extend_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(rv_case(2, kAD | (on ? kSext : 0)));
			u64 upper = ~u64(0) << 38; /* first upper-half VA of Sv39 */
			/* 32-bit hosts reach neither half's top with map. */
			if (!Table::api_reaches(upper, 0x200000)) {
				REQUIRE(t.phys(upper) == 0);
				continue;
			}
			int ret = t.map(upper, 0x200000, 0x200000);
			REQUIRE(ret == (on ? 0 : -ERANGE));
			REQUIRE(t.map(u64(1) << 38, 0, 0x1000) == -ERANGE);
			REQUIRE(t.map((u64(1) << 38) - 0x1000, 0x3000, 0x1000) == 0);
			auto w = walker(walker_cfg(t));
			REQUIRE(w((u64(1) << 38) - 0x1000, hw::Access::Read).oa == 0x3000);
			if (on) {
				hw::Translation tr = w(upper + 0x1234, hw::Access::Read);
				REQUIRE(tr.ok());
				REQUIRE(tr.oa == 0x201234);
				REQUIRE(t.leaves().back().va == upper);
				REQUIRE(t.unmap(upper, 0x200000) == 0x200000);
			}
		}
	}
}

GPT_TEST("feature", "global_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(rv_case(3, kAD | (on ? kGlobal : 0)));
			REQUIRE(t.map(0x40000000, 0, 0x40201000) == 0);
			for (auto &v : visits(t)) {
				if (v.kind == PT_VISIT_LEAF)
					REQUIRE(((v.raw & kG) != 0) == on);
				if (v.kind == PT_VISIT_POINTER)
					REQUIRE((v.raw & kG) == 0);
			}
			REQUIRE(walker(walker_cfg(t))(0x80000000, hw::Access::Read).ok());
		}
	}
}

GPT_TEST("feature", "svpbmt_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(rv_case(3, kAD | (on ? kPbmt : 0)));
			REQUIRE(t.map(0x1000, 0x1000, 0x1000, IOMMU_READ | IOMMU_MMIO) == 0);
			REQUIRE(t.map(0x2000, 0x2000, 0x1000, IOMMU_READ) == 0);
			REQUIRE(t.map(0x3000, 0x3000, 0x1000, IOMMU_READ | IOMMU_CACHE) == 0);
			/* PBMT: 2 = IO, 1 = NC (not IOMMU_CACHE), 0 = PMA. */
			REQUIRE(leaf_raw(t, 0x1000) >> kPbmtShift == (on ? 2u : 0u));
			REQUIRE(leaf_raw(t, 0x2000) >> kPbmtShift == (on ? 1u : 0u));
			REQUIRE(leaf_raw(t, 0x3000) >> kPbmtShift == 0u);
			hw::riscv::Config c = walker_cfg(t);
			REQUIRE(walker(c)(0x1000, hw::Access::Read).ok());
			c.svpbmt = false;
			REQUIRE(walker(c)(0x1000, hw::Access::Read).fault ==
				(on ? hw::Fault::Reserved : hw::Fault::None));
			REQUIRE(walker(c)(0x3000, hw::Access::Read).ok());
			/* cut keeps the memory type. */
			REQUIRE(t.map(0x400000, 0x400000, 0x200000, IOMMU_READ | IOMMU_MMIO) == 0);
			REQUIRE(t.cut(0x401000) == 0);
			for (auto &l : t.leaves())
				if (l.va >= 0x400000)
					REQUIRE(l.raw >> kPbmtShift == (on ? 2u : 0u));
		}
	}
}
