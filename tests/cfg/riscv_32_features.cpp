// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * riscv_32 (Sv32): the shape and hw_info a device context with SXL=1
 * needs, the 32-bit PTE encodings, 34-bit physical addresses, the features
 * Sv32 has (hardware A/D, G) on and off and the ones it has not refused,
 * and the tables checked by the independent walker's Sv32 mode
 * (tests/hw/walk_riscv.h).
 */
#include "riscv_features.h"

using namespace gpt;
using namespace gpt::riscv_features;

namespace {

/* The Sv32 PTE figure: flags in 7:0, PPN[1] 31:20, PPN[0] 19:10. */
constexpr u64 kV = 1ull << 0, kR = 1ull << 1, kW = 1ull << 2, kX = 1ull << 3,
	      kU = 1ull << 4, kG = 1ull << 5, kA = 1ull << 6, kD = 1ull << 7;
constexpr u64 kPpn = 0xfffffc00ull;

const unsigned kAD = 1u << PT_FEAT_RISCV_HW_AD;
const unsigned kGlobal = 1u << PT_FEAT_RISCV_GLOBAL;

ConfigCase sv32_case(unsigned features)
{
	return { "sv32", features, [](Cfg &c) { c.top_level = 1; } };
}

hw::riscv::Config walker_cfg(Table &t, bool hw_ad = true)
{
	return riscv_features::walker_cfg(t, hw_ad, true, false);
}

} // namespace

GPT_TEST("feature", "sv32_shape_and_hw_info")
{
	Table t(sv32_case(kAD));
	REQUIRE(t.init_ret == 0);
	HwInfo h = t.hw_info();
	/* iosatp.MODE with SXL=1: 8 is Sv32; the root is a 4 KiB table. */
	REQUIRE(h.fsc_iosatp_mode == 8);
	REQUIRE((h.ppn << 12) == t.tables().begin()->first);
	REQUIRE(h.ppn < (u64(1) << 22));
	/* 4 KiB pages and 4 MiB megapages over the whole 32-bit VA. */
	REQUIRE(t.pgsizes() == ((1ul << 12) | (1ul << 22)));
	REQUIRE(t.aperture_end() == 0xffffffffull);
	auto w = walker(walker_cfg(t));
	for (u64 s : { u64(1) << 12, u64(1) << 22 }) {
		u64 va = s * 5, pa = s * 7;
		REQUIRE(t.map(va, pa, s) == 0);
		hw::Translation tr = w(va + s - 4, hw::Access::Write);
		INFO(tr.why);
		REQUIRE(tr.ok());
		REQUIRE(tr.level == (s == 0x1000 ? 0u : 1u));
		REQUIRE(tr.page_size == s);
		REQUIRE(tr.oa == pa + s - 4);
		REQUIRE(t.unmap(va, s) == s);
	}
	/* The last page and the last megapage of the VA space. */
	REQUIRE(t.map(0xfffff000, 0x1000, 0x1000) == 0);
	REQUIRE(w(0xfffff008, hw::Access::Read).oa == 0x1008);
	REQUIRE(t.phys(0xfffff008) == 0x1008);
	REQUIRE(t.unmap(0xfffff000, 0x1000) == 0x1000);
	REQUIRE(t.map(0xffc00000, 0x400000, 0x400000) == 0);
	REQUIRE(w(0xffffffff, hw::Access::Read).oa == 0x7fffff);
	if (Table::api_reaches(u64(1) << 32, 0x1000)) {
		/* Nothing past 32 bits: refused, and the walker faults there. */
		auto before = t.tables();
		REQUIRE(t.map(u64(1) << 32, 0, 0x1000) == -ERANGE);
		REQUIRE(t.tables() == before);
		REQUIRE(!w(u64(1) << 32, hw::Access::Read).ok());
	}
}

GPT_TEST("feature", "sv32_bad_configurations")
{
	/* Sv32 has no Svnapot, Svpbmt, sign extension, and no x4 here. */
	for (unsigned f : { 1u << PT_FEAT_RISCV_SVNAPOT_64K,
			    1u << PT_FEAT_RISCV_SVPBMT,
			    1u << PT_FEAT_RISCV_GSTAGE,
			    1u << PT_FEAT_SIGN_EXTEND }) {
		Cfg c{};
		c.common.features = f;
		Tbl tbl{};
		u64 live = live_tables();
		REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EOPNOTSUPP);
		REQUIRE(live_tables() == live);
	}
	/* Two levels only. */
	for (unsigned lvl : { 2u, 3u, 4u }) {
		Cfg c{};
		c.top_level = lvl;
		Tbl tbl{};
		u64 live = live_tables();
		REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EINVAL);
		REQUIRE(live_tables() == live);
	}
}

GPT_TEST("feature", "sv32_34bit_physical_addresses")
{
	Table t(sv32_case(kAD));
	auto w = walker(walker_cfg(t));
	/* PPN[1] carries PA[33:22]: leaves above 4 GiB. */
	const u64 hi = u64(3) << 32;
	REQUIRE(t.map(0x400000, hi + 0x400000, 0x400000) == 0);
	REQUIRE(t.map(0x1000, (u64(1) << 34) - 0x1000, 0x1000) == 0);
	REQUIRE(w(0x400123, hw::Access::Read).oa == hi + 0x400123);
	REQUIRE(w(0x1ff0, hw::Access::Read).oa == (u64(1) << 34) - 0x10);
	REQUIRE(t.phys(0x1ff0) == (u64(1) << 34) - 0x10);
	REQUIRE(leaf_raw(t, 0x400000) ==
		(((hi + 0x400000) >> 12 << 10) | kV | kR | kW | kX | kU | kA));
	/* Beyond 34 bits: -ERANGE, nothing written. */
	auto before = t.leaves().size();
	REQUIRE(t.map(0x2000, u64(1) << 34, 0x1000) == -ERANGE);
	REQUIRE(t.leaves().size() == before);
	/* A narrower hw_max_oasz_lg2 is honoured. */
	ConfigCase narrow{ "oa32", kAD,
			   [](Cfg &c) { c.common.hw_max_oasz_lg2 = 32; } };
	Table n(narrow);
	REQUIRE(n.init_ret == 0);
	REQUIRE(n.map(0x1000, u64(1) << 32, 0x1000) == -ERANGE);
	REQUIRE(n.map(0x1000, (u64(1) << 32) - 0x1000, 0x1000) == 0);
}

GPT_TEST("feature", "sv32_entry_bits")
{
	Table t(sv32_case(kAD));
	REQUIRE(t.map(0x400000, 0x800000, 0x400000, IOMMU_READ) == 0);
	REQUIRE(t.map(0x1000, 0x5000, 0x1000,
		      IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC) == 0);
	REQUIRE(t.map(0x2000, 0x6000, 0x1000, IOMMU_READ | IOMMU_PRIV) == 0);
	REQUIRE(t.map(0x3000, 0x7000, 0x1000, IOMMU_WRITE | IOMMU_MMIO) == 0);
	unsigned pointers = 0;
	for (auto &v : visits(t)) {
		/* 4-byte items: nothing above bit 31 exists. */
		REQUIRE(v.raw >> 32 == 0);
		if (v.kind == PT_VISIT_POINTER) {
			/* Only V and the PPN: D, A, U, G stay clear. */
			REQUIRE((v.raw & ~kPpn) == kV);
			REQUIRE(((v.raw & kPpn) >> 10 << 12) == v.oa);
			pointers++;
			continue;
		}
		if (v.kind != PT_VISIT_LEAF)
			continue;
		u64 ppn = v.oa >> 12 << 10;
		if (v.va == 0x400000)
			REQUIRE(v.raw == (ppn | kV | kR | kX | kU | kA));
		else if (v.va == 0x1000)
			REQUIRE(v.raw == (ppn | kV | kR | kW | kU | kA));
		else if (v.va == 0x2000)
			REQUIRE(v.raw == (ppn | kV | kR | kX | kA));
		else if (v.va == 0x3000)
			/* No PBMT field in Sv32: IOMMU_MMIO changes nothing. */
			REQUIRE(v.raw == (ppn | kV | kR | kW | kX | kU | kA));
	}
	REQUIRE(pointers == 1);
}

GPT_TEST("feature", "sv32_walker_agrees")
{
	for (bool ad : { true, false }) {
		DYNAMIC_SECTION((ad ? "hw_ad" : "no_hw_ad"))
		{
			Table t(sv32_case(ad ? kAD : 0));
			REQUIRE(t.init_ret == 0);
			walker_random(t, walker(walker_cfg(t, ad)), perms,
				      0x40000000, u64(1) << 30, 100, 32 + ad,
				      all_prots, 34);
		}
	}
}

GPT_TEST("feature", "sv32_hw_ad_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(sv32_case(on ? kAD : 0));
			REQUIRE(t.map(0x400000, 0, 0x400000) == 0);
			REQUIRE(t.map(0x1000, 0, 0x1000, IOMMU_READ) == 0);
			/* A is always preset; D only without hardware updates. */
			REQUIRE((leaf_raw(t, 0x400000) & kA) != 0);
			REQUIRE(((leaf_raw(t, 0x400000) & kD) != 0) == !on);
			REQUIRE((leaf_raw(t, 0x1000) & kD) == 0);
			hw::riscv::Config c = walker_cfg(t, false);
			REQUIRE(walker(c)(0x400000, hw::Access::Write).ok() == !on);
			int ret;
			read_dirty(t, 0, 0x800000, 0, &ret);
			if (!on) {
				REQUIRE(ret == -EOPNOTSUPP);
				continue;
			}
			REQUIRE(ret == 0);
			c.hw_ad = true;
			REQUIRE(walker(c)(0x400000, hw::Access::Write).ok());
			REQUIRE((leaf_raw(t, 0x400000) & kD) != 0);
			auto d = read_dirty(t, 0, 0x800000, IOMMU_DIRTY_NO_CLEAR, &ret);
			REQUIRE(d.size() == 1024);
			/* Split dirty state stays dirty, then clears. */
			REQUIRE(t.cut(0x401000) == 0);
			REQUIRE(read_dirty(t, 0, 0x800000, 0, &ret).size() == 1024);
			REQUIRE(read_dirty(t, 0, 0x800000, 0, &ret).empty());
			REQUIRE((leaf_raw(t, 0x400000) & kD) == 0);
		}
	}
}

GPT_TEST("feature", "sv32_global_on_off")
{
	for (bool on : { false, true }) {
		DYNAMIC_SECTION((on ? "on" : "off"))
		{
			Table t(sv32_case(kAD | (on ? kGlobal : 0)));
			REQUIRE(t.map(0x400000, 0, 0x401000) == 0);
			for (auto &v : visits(t)) {
				if (v.kind == PT_VISIT_LEAF)
					REQUIRE(((v.raw & kG) != 0) == on);
				if (v.kind == PT_VISIT_POINTER)
					REQUIRE((v.raw & kG) == 0);
			}
			REQUIRE(walker(walker_cfg(t))(0x800000, hw::Access::Read).ok());
		}
	}
}
