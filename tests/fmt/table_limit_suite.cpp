// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The table-address limit (pt_max_table_pa_lg2()) of formats whose table
 * pointers are narrower than a host address. This TU compiles the format's
 * template TU with PT_TABLE_GFP_FLAGS switchable at run time: with it
 * cleared, table memory comes from the ordinary heap, which on a 64-bit
 * host lies far above 4 GiB. Every operation that needs such a table must
 * then fail with -ENOMEM, leave the table byte-for-byte unchanged and leak
 * nothing - never store a truncated pointer.
 */
#include <catch2/catch.hpp>

#include <linux/gfp.h>

static gfp_t gpt_table_gfp = __GFP_DMA32;
#define PT_TABLE_GFP_FLAGS gpt_table_gfp

#include GPT_FMT_TU
#undef min
#undef max

#include "gpt_harness.h"

using namespace gpt;

namespace {

/* Heap table memory is out of reach for this format on this host. */
bool heap_is_above_limit()
{
	Table t(base_case());
	unsigned lg2 = pt_max_table_pa_lg2(common_from_iommu(t.iommu()));
	void *p = iommu_alloc_pages_node_sz(NUMA_NO_NODE, 0, 1 << 14);
	bool above = p && lg2 < 64 &&
		     log2_div((u64)virt_to_phys(p) + (1 << 14) - 1, lg2);
	iommu_free_pages(p);
	return above;
}

struct HeapTables {
	HeapTables() { gpt_table_gfp = 0; }
	~HeapTables() { gpt_table_gfp = __GFP_DMA32; }
};

} // namespace

GPT_TEST("fmt", "table_limit_init")
{
	if (!heap_is_above_limit()) {
		SUCCEED("the heap is reachable on this host");
		return;
	}
	u64 base = live_tables();
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			HeapTables heap;
			Table t(cc);
			REQUIRE(t.init_ret == -ENOMEM);
		}
		REQUIRE(live_tables() == base);
	}
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("fmt", "table_limit_map_and_cut")
{
	if (!heap_is_above_limit()) {
		SUCCEED("the heap is reachable on this host");
		return;
	}
	u64 base = live_tables();
	{
		Table t(base_case());
		REQUIRE(t.init_ret == 0);
		u64 g = t.granule();
		/* The largest leaf, to cut later. */
		u64 top = u64(1) << (63 - __builtin_clzll(t.pgsizes()));
		bool big = top > g;
		if (big)
			REQUIRE(t.map(4 * top, 0, top) == 0);
		Snapshot before = snapshot_tables();
		u64 live = live_tables();
		{
			HeapTables heap;
			/* Needs a new lower table. */
			REQUIRE(t.map(64 * top + 5 * g, 7 * g, g) == -ENOMEM);
			REQUIRE(t.map(64 * top + 5 * g, 7 * g, 3 * g) == -ENOMEM);
			/* Needs a private table to split the leaf. */
			if (big)
				REQUIRE(t.cut(4 * top + g) == -ENOMEM);
		}
		REQUIRE(snapshot_tables() == before);
		REQUIRE(live_tables() == live);
		REQUIRE(t.phys(64 * top + 5 * g) == 0);
		/* Low memory again: the same operations work. */
		REQUIRE(t.map(64 * top + 5 * g, 7 * g, g) == 0);
		REQUIRE(t.phys(64 * top + 5 * g + 1) == 7 * g + 1);
		if (big) {
			REQUIRE(t.cut(4 * top + g) == 0);
			REQUIRE(t.phys(4 * top + g) == g);
		}
		/* Every table the format points to fits its pointer field. */
		unsigned lg2 = pt_max_table_pa_lg2(common_from_iommu(t.iommu()));
		for (auto &[pa, level] : t.tables())
			REQUIRE(!log2_div(pa, lg2));
	}
	REQUIRE(live_tables() == base);
	REQUIRE(genericpt_warn_count() == 0);
}

/*
 * Defence in depth behind the allocator: the format itself refuses to
 * install a table pointer its field cannot hold - it WARNs and returns
 * false with the item untouched - instead of storing a truncated one (an
 * armv7s level-1 item given 0x45deadb000 used to hold 0xdeadb000, and a
 * walk followed it). A pointer that fits still installs.
 *
 * Kept last in this file: it makes the library WARN on purpose, and the
 * tests above check that nothing WARNed when they run in one process.
 */
GPT_TEST("fmt", "table_limit_install_refused")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			REQUIRE(t.init_ret == 0);
			struct pt_common *c = common_from_iommu(t.iommu());
			struct pt_range r = pt_make_range(c, 0, 0);
			unsigned lg2 = pt_max_table_pa_lg2(c);
			REQUIRE(lg2 < 64);
			struct pt_write_attrs attrs;
			memset(&attrs, 0, sizeof(attrs));
			/* Beyond the field, far beyond it, and the pointer. */
			std::vector<u64> bad = { (u64(1) << lg2) | 0xdead0000ULL,
						 ~u64(0) << 16 };
			if (lg2 < 38)
				bad.push_back(0x45deadb000ULL);
			for (unsigned level = 1; level <= r.top_level; level++) {
				unsigned mem_lg2 = level == r.top_level ?
					pt_top_memsize_lg2(c, level) :
					pt_level_memsize_lg2(&r, level);
				size_t size = size_t(1) << mem_lg2;
				void *mem = iommu_alloc_pages_node_sz(NUMA_NO_NODE,
								      GFP_KERNEL, size);
				REQUIRE(mem);
				struct pt_state pts {};
				pts.range = &r;
				pts.table = (struct pt_table_p *)mem;
				pts.level = (u8)level;
				pts.index = 1;
				std::vector<uint8_t> zero(size, 0);
				for (u64 pa : bad) {
					INFO("level " << level << " pa " << std::hex << pa);
					REQUIRE(pt_load_entry_raw(&pts) == PT_ENTRY_EMPTY);
					u64 entry = pts.entry;
					unsigned long warns = genericpt_warn_count();
					REQUIRE(!pt_install_table(&pts, pa, &attrs));
					REQUIRE(genericpt_warn_count() == warns + 1);
					REQUIRE(pts.entry == entry);
					REQUIRE(std::memcmp(mem, zero.data(), size) == 0);
					REQUIRE(pt_load_entry_raw(&pts) == PT_ENTRY_EMPTY);
				}
				/* The highest naturally aligned pointer that fits. */
				u64 good = (u64(1) << lg2) - (u64(1) << 16);
				REQUIRE(pt_install_table(&pts, good, &attrs));
				REQUIRE(pt_load_entry_raw(&pts) == PT_ENTRY_TABLE);
				REQUIRE(pt_table_pa(&pts) == good);
				iommu_free_pages(mem);
			}
		}
	}
}
