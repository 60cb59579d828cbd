// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Test harness shared by the per-format suites. Each suite is compiled once
 * per format with GPT_CFG_HEADER naming tests/cfg/FMT.h, which says which
 * public struct and function prefix the format uses and which table shapes
 * to test. Everything here goes through the format library's exported C
 * API, exactly as a user would.
 */
#pragma once

#include <linux/generic_pt/iommu.h>
#include <genericpt/runtime.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <algorithm>

#include <linux/container_of.h>
#include <set>
#include <string>
#include <vector>

#include GPT_CFG_HEADER

#define GPT_CAT3_(a, b, c) a##b##c
#define GPT_CAT3(a, b, c) GPT_CAT3_(a, b, c)
#define GPT_CALL(name) GPT_CAT3(pt_iommu_, GPT_FN, _##name)
#define GPT_STR_(x) #x
#define GPT_STR(x) GPT_STR_(x)
#ifndef GPT_FMT_NAME
#define GPT_FMT_NAME GPT_STR(GPT_FN)
#endif
/* Test names and tags carry the format: "amdv1/iommu/map_simple". */
#define GPT_TEST(suite, name) \
	TEST_CASE(GPT_FMT_NAME "/" suite "/" name, "[" GPT_FMT_NAME "][" suite "]")

namespace gpt {

using u64 = uint64_t;
using Tbl = struct GPT_CAT3(pt_iommu_, GPT_TBL, );
using Cfg = struct GPT_CAT3(pt_iommu_, GPT_TBL, _cfg);
using HwInfo = struct GPT_CAT3(pt_iommu_, GPT_TBL, _hw_info);

struct ConfigCase {
	const char *name;
	unsigned features;
	std::function<void(Cfg &)> fill;
};

} // namespace gpt

#include GPT_CFG_HEADER

namespace gpt {

/* Every byte of every live table allocation, keyed by address. */
using Snapshot = std::map<uintptr_t, std::vector<uint8_t>>;

inline Snapshot snapshot_tables()
{
	Snapshot snap;
	genericpt_for_each_table(
		[](void *ctx, const void *virt, size_t size) {
			auto *s = static_cast<Snapshot *>(ctx);
			const auto *p = static_cast<const uint8_t *>(virt);
			(*s)[reinterpret_cast<uintptr_t>(virt)] =
				std::vector<uint8_t>(p, p + size);
		},
		&snap);
	return snap;
}

inline uint64_t live_tables()
{
	genericpt_alloc_stats st;
	genericpt_get_alloc_stats(&st);
	return st.live_tables;
}

/*
 * One IOTLB sync as the driver callback saw it. @pgsize is set without
 * PT_FEAT_DETAILED_GATHER, @leaf_levels / @table_levels with it (they
 * share the gather's storage).
 */
struct SyncRecord {
	u64 start, end;
	size_t pgsize;
	size_t freed;
	u8 leaf_levels, table_levels;
};

/* A leaf as the table holds it (from for_each_entry). */
struct Leaf {
	u64 va, size, oa, raw;
	unsigned level;
	bool dirty;
};

class Table {
public:
	/* @nid: pt_iommu::nid, e.g. an arena id from genericpt_arena_register(). */
	explicit Table(const ConfigCase &cc, unsigned extra_features = 0,
		       int nid = NUMA_NO_NODE)
		: Table([&] {
			  Cfg c{};
			  cc.fill(c);
			  /* fill may set features a format's base shape needs. */
			  c.common.features |= cc.features | extra_features;
			  return c;
		  }(), nid)
	{
	}

	explicit Table(const Cfg &cfg, int nid = NUMA_NO_NODE)
	{
		spin_lock_init(&lock_);
		dops_.change_top = &Table::change_top_cb;
		dops_.get_top_lock = &Table::get_lock_cb;
		t.iommu.driver_ops = &dops_;
		t.iommu.nid = nid;
		ops_.iova_to_phys = &GPT_CALL(iova_to_phys);
		ops_.map_pages = &GPT_CALL(map_pages);
		ops_.unmap_pages = &GPT_CALL(unmap_pages);
		ops_.iotlb_sync = &Table::sync_cb;
		{
			std::lock_guard<std::mutex> g(registry_lock());
			registry()[&t.iommu] = this;
		}
		init_ret = GPT_CALL(init)(&t, &cfg, GFP_KERNEL);
		t.iommu.domain.ops = &ops_;
	}
	~Table()
	{
		if (init_ret == 0)
			pt_iommu_deinit(&t.iommu);
		std::lock_guard<std::mutex> g(registry_lock());
		registry().erase(&t.iommu);
	}
	Table(const Table &) = delete;
	Table &operator=(const Table &) = delete;

	iommu_domain *dom() { return &t.iommu.domain; }
	pt_iommu *iommu() { return &t.iommu; }
	u64 pgsizes() const { return t.iommu.domain.pgsize_bitmap; }
	u64 granule() const { return pgsizes() & (~pgsizes() + 1); }
	u64 aperture_end() const { return t.iommu.domain.geometry.aperture_end; }
	/*
	 * Last IOVA map/unmap can reach: their iova is an unsigned long, so a
	 * 32-bit host reaches only the low 4 GiB of a wider aperture
	 * (iova_to_phys and cut take a 64-bit dma_addr_t).
	 */
	u64 map_end() const
	{
		return std::min<u64>(aperture_end(), (unsigned long)-1);
	}
	/*
	 * Can map/unmap express [iova, iova + len) at all: does it fit the
	 * unsigned long iova and the size_t length (always on 64-bit hosts)?
	 */
	static bool api_reaches(u64 iova, u64 len = 1)
	{
		u64 last = iova + len - 1;
		return last >= iova && last <= (unsigned long)-1 &&
		       len <= (size_t)-1;
	}

	/* Largest supported page size dividing iova, pa and len. */
	size_t pick_pgsize(u64 iova, u64 pa, u64 len) const
	{
		u64 align = iova | pa | len;
		u64 ok = pgsizes();
		if (align)
			ok &= (align & (~align + 1)) * 2 - 1;
		if (!ok)
			return granule();
		return size_t(1) << (63 - __builtin_clzll(ok));
	}

	int map(u64 iova, u64 pa, u64 len, int prot = IOMMU_READ | IOMMU_WRITE)
	{
		size_t pg = pick_pgsize(iova, pa, len);
		size_t mapped = 0;
		/* A test must not hand the API an iova it would truncate. */
		REQUIRE(iova <= (unsigned long)-1);
		int ret = GPT_CALL(map_pages)(dom(), (unsigned long)iova, pa, pg,
					      len / pg, prot, GFP_KERNEL, &mapped);
		if (ret == 0)
			REQUIRE(mapped == len);
		else
			REQUIRE(mapped == 0);
		return ret;
	}

	/* Unmap with a gather and sync it (the usual path). */
	u64 unmap(u64 iova, u64 len)
	{
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		u64 ret = unmap_gather(iova, len, &g);
		iommu_iotlb_sync(dom(), &g);
		return ret;
	}

	u64 unmap_gather(u64 iova, u64 len, iommu_iotlb_gather *g)
	{
		size_t pg = pick_pgsize(iova, 0, len);
		REQUIRE(iova <= (unsigned long)-1);
		return GPT_CALL(unmap_pages)(dom(), (unsigned long)iova, pg,
					     len / pg, g);
	}

	u64 phys(u64 iova) { return GPT_CALL(iova_to_phys)(dom(), iova); }

	int cut(u64 iova) { return t.iommu.ops->cut(&t.iommu, iova, GFP_KERNEL); }

	HwInfo hw_info()
	{
		HwInfo info{};
		GPT_CALL(hw_info)(&t, &info);
		return info;
	}

	std::vector<Leaf> leaves()
	{
		std::vector<Leaf> out;
		t.iommu.ops->for_each_entry(
			&t.iommu,
			[](void *ctx, const pt_iommu_visit *v) {
				if (v->kind == PT_VISIT_LEAF)
					static_cast<std::vector<Leaf> *>(ctx)
						->push_back({ v->va,
							      u64(1) << v->size_lg2,
							      v->oa, v->raw,
							      v->level, v->dirty });
				return 0;
			},
			&out);
		return out;
	}

	/* Tables reachable from the root (incl. the root), by address. */
	std::map<u64, unsigned> tables()
	{
		std::map<u64, unsigned> out;
		t.iommu.ops->for_each_entry(
			&t.iommu,
			[](void *ctx, const pt_iommu_visit *v) {
				if (v->kind == PT_VISIT_TABLE)
					(*static_cast<std::map<u64, unsigned> *>(
						ctx))[v->table_pa] = v->level;
				return 0;
			},
			&out);
		return out;
	}

	Tbl t{};
	int init_ret = -1;
	std::vector<SyncRecord> syncs;
	std::vector<std::pair<u64, unsigned>> top_changes;

private:
	/* Callbacks find their Table through the pt_iommu they are given. */
	static std::map<const pt_iommu *, Table *> &registry()
	{
		static std::map<const pt_iommu *, Table *> r;
		return r;
	}
	static std::mutex &registry_lock()
	{
		static std::mutex m;
		return m;
	}
	static Table *from(pt_iommu *p)
	{
		std::lock_guard<std::mutex> g(registry_lock());
		return registry().at(p);
	}
	static Table *from(iommu_domain *d)
	{
		return from(container_of(d, pt_iommu, domain));
	}
	static void sync_cb(iommu_domain *d, iommu_iotlb_gather *g)
	{
		from(d)->syncs.push_back({ g->start, g->end, g->pgsize,
					   iommu_pages_list_count(&g->freelist),
					   g->pt.leaf_levels_bitmap,
					   g->pt.table_levels_bitmap });
	}
	static void change_top_cb(pt_iommu *p, phys_addr_t top, unsigned level)
	{
		from(p)->top_changes.push_back({ top, level });
	}
	static spinlock_t *get_lock_cb(pt_iommu *p) { return &from(p)->lock_; }

	spinlock_t lock_{};
	pt_iommu_driver_ops dops_{};
	iommu_domain_ops ops_{};
};

/* The shape most tests use: the format's base configuration. */
inline ConfigCase base_case()
{
	return { "base", 0, [](Cfg &c) { base_config(c); } };
}

} // namespace gpt
