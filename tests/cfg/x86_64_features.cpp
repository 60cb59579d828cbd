// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * x86_64: the VA shapes. By default (and with PT_FEAT_SIGN_EXTEND) a table
 * translates both canonical halves of a 48- or 57-bit VA. AMD IOMMU guest
 * (v2) tables used without sign extension translate only the lower half:
 * hw_max_vasz_lg2 47 (4 levels) or 56 (5 levels) without
 * PT_FEAT_SIGN_EXTEND. Checked against the independent x86 walker
 * (tests/hw/walk_x86.h).
 */
#include "walker_oracle.h"
#include "walk_x86.h"

using namespace gpt;

namespace {

const unsigned kSext = 1u << PT_FEAT_SIGN_EXTEND;

hw::HostMemory mem;

Cfg x86_cfg(unsigned vasz, unsigned top_level, unsigned features)
{
	Cfg c{};
	c.common.hw_max_vasz_lg2 = (u8)vasz;
	c.top_level = top_level;
	c.common.features = features;
	return c;
}

WalkFn walker(Table &t)
{
	hw::x86_64::Config c;
	HwInfo h = t.hw_info();
	c.root_pa = h.gcr3_pt;
	c.levels = h.levels;
	return [c](u64 iova, hw::Access acc) {
		return hw::x86_64::walk(mem, c, iova, acc);
	};
}

bool sign_extended(Table &t)
{
	return t.t.x86_64_pt.common.features & kSext;
}

} // namespace

GPT_TEST("feature", "lower_half_only")
{
	/* (hw_max_vasz_lg2, top_level): top_level 0 picks it from the VA. */
	const std::pair<unsigned, unsigned> shapes[] = {
		{ 47, 0 }, { 47, 3 }, { 56, 0 }, { 56, 4 }
	};
	for (auto [vasz, top] : shapes) {
		DYNAMIC_SECTION("vasz " << vasz << " top_level " << top)
		{
			u64 base = live_tables();
			{
				Table t(x86_cfg(vasz, top, 0));
				REQUIRE(t.init_ret == 0);
				REQUIRE(!sign_extended(t));
				REQUIRE(t.hw_info().levels == (vasz == 47 ? 4 : 5));
				REQUIRE(t.t.iommu.domain.geometry.aperture_start == 0);
				REQUIRE(t.aperture_end() == (u64(1) << vasz) - 1);
				REQUIRE(t.t.iommu.domain.geometry.force_aperture);

				auto w = walker(t);
				u64 g = t.granule();
				/* The last page of the lower half and a 1 GiB page. */
				u64 last = (u64(1) << vasz) - g;
				if (Table::api_reaches(last, g)) {
					REQUIRE(t.map(last, 0x5000, g) == 0);
					REQUIRE(t.phys(last + 7) == 0x5007);
					REQUIRE(w(last + 7, hw::Access::Write).oa == 0x5007);
				}
				REQUIRE(t.map(u64(1) << 30, u64(1) << 31, u64(1) << 30) == 0);
				hw::Translation tr = w((u64(1) << 30) + 9, hw::Access::Read);
				INFO(tr.why);
				REQUIRE(tr.ok());
				REQUIRE(tr.page_size == u64(1) << 30);
				REQUIRE(tr.oa == (u64(1) << 31) + 9);

				/* The upper half and the hole are outside the aperture. */
				Snapshot before = snapshot_tables();
				const u64 outside[] = { u64(1) << vasz, ~u64(0) << vasz,
							~u64(0) << (vasz - 1), ~u64(0) - g + 1 };
				for (u64 va : outside) {
					INFO("iova " << std::hex << va);
					if (Table::api_reaches(va, g)) {
						REQUIRE(t.map(va, 0, g) == -ERANGE);
						REQUIRE(t.unmap(va, g) == 0);
						iommu_dirty_bitmap d{ nullptr, nullptr };
						REQUIRE(GPT_CALL(read_and_clear_dirty)(
								t.dom(), (unsigned long)va,
								(size_t)g, 0, &d) == -ERANGE);
					}
					REQUIRE(t.phys(va) == 0);
					REQUIRE(t.cut(va) == -ERANGE);
					REQUIRE(!w(va, hw::Access::Read).ok());
				}
				/* A range running from the lower half into the hole. */
				if (Table::api_reaches(last - g, 3 * g))
					REQUIRE(t.map(last - g, 0, 2 * g + g) == -ERANGE);
				REQUIRE(snapshot_tables() == before);
				/* Only the lower half of the top table is ever used. */
				for (auto &l : t.leaves())
					REQUIRE((l.va >> vasz) == 0);
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("feature", "sign_extended_shapes")
{
	/* The default, and SIGN_EXTEND asked for: both halves of 48/57 bits. */
	const std::pair<unsigned, unsigned> shapes[] = {
		{ 0, 3 }, { 0, 4 }, { 48, 0 }, { 57, 0 }, { 48, 3 }, { 57, 4 }
	};
	for (unsigned features : { 0u, kSext }) {
		for (auto [vasz, top] : shapes) {
			DYNAMIC_SECTION("vasz " << vasz << " top_level " << top
						<< " features " << features)
			{
				Table t(x86_cfg(vasz, top, features));
				REQUIRE(t.init_ret == 0);
				REQUIRE(sign_extended(t));
				unsigned span = t.hw_info().levels == 4 ? 48 : 57;
				REQUIRE(t.aperture_end() == (u64(1) << (span - 1)) - 1);
				u64 upper = ~u64(0) << (span - 1);
				if (!Table::api_reaches(upper, t.granule()))
					continue;
				REQUIRE(t.map(upper, 0x9000, t.granule()) == 0);
				REQUIRE(t.phys(upper + 3) == 0x9003);
				REQUIRE(walker(t)(upper + 3, hw::Access::Read).oa == 0x9003);
			}
		}
	}
}

GPT_TEST("feature", "bad_va_shapes")
{
	u64 base = live_tables();
	struct {
		unsigned vasz, top, features;
	} bad[] = {
		/* Sign extension needs the whole 48/57-bit span. */
		{ 47, 0, kSext }, { 47, 3, kSext }, { 56, 4, kSext },
		/* Neither a full span nor its lower half. */
		{ 39, 3, 0 }, { 46, 3, 0 }, { 47, 4, 0 }, { 55, 4, 0 },
	};
	for (auto &b : bad) {
		INFO("vasz " << b.vasz << " top_level " << b.top << " features "
			     << b.features);
		Tbl tbl{};
		Cfg c = x86_cfg(b.vasz, b.top, b.features);
		REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EINVAL);
		REQUIRE(live_tables() == base);
	}
}
