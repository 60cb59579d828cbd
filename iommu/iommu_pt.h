/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The IOMMU page-table algorithms, written once against the generic format
 * functions and compiled once per format by fmt/iommu_template.h.
 *
 * Everything here is static except the pt_iommu_FMT_* entry points, whose C
 * prototypes come from <linux/generic_pt/iommu.h>.
 *
 * Concurrency model (the kernel's): the caller never lets two threads change
 * the same IOVA at once, but different ranges may be changed concurrently
 * even when they share upper tables. So:
 *  - a missing table is installed with a release cmpxchg; the loser frees
 *    its copy and uses the winner's;
 *  - a table is only removed (or replaced by a leaf) when the operation's
 *    range covers all of its span, i.e. nobody else can be using it;
 *  - removed tables are freed only after the IOTLB was invalidated.
 */
#ifndef __GENERIC_PT_IOMMU_PT_H
#define __GENERIC_PT_IOMMU_PT_H

#include <linux/iommu.h>
#include <linux/generic_pt/iommu.h>

/* The exported entry points: pt_iommu_FMT_op (PTPFX is "FMT_"). */
#define DOMAIN_NS(op) CONCATENATE(CONCATENATE(pt_iommu_, PTPFX), op)

/* The format's public types: struct pt_iommu_FMT{,_cfg,_hw_info}. */
#ifndef pt_iommu_table_cfg
#define pt_iommu_table_cfg CONCATENATE(pt_iommu_table, _cfg)
#endif
#ifndef pt_iommu_table_hw_info
#define pt_iommu_table_hw_info CONCATENATE(pt_iommu_table, _hw_info)
#endif

/*
 * PT_TOP_TABLE_GFP_FLAGS - extra gfp flags for the top table only
 *
 * A format whose hardware locates the top table through a narrower register
 * than the table pointers inside the tree defines this before the
 * algorithms are included (x86 PAE: CR3 holds a 32-bit PDPT address, so
 * __GFP_DMA32). Added to pt_table_gfp_flags(). Used by init and when
 * PT_FEAT_DYNAMIC_TOP allocates a new top.
 */
#ifndef PT_TOP_TABLE_GFP_FLAGS
#define PT_TOP_TABLE_GFP_FLAGS 0
#endif

static inline struct pt_iommu *iommu_from_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct pt_iommu, domain);
}

/*
 * Log2 of the VA a whole table at @level can span: its items times their
 * size, also at the top (unlike pt_table_oa_lg2sz(), which gives what the
 * range's top covers now).
 */
static inline unsigned int pt_level_span_lg2(struct pt_range *range,
					     unsigned int level)
{
	struct pt_state pts = pt_init(range, level, NULL);

	return pt_num_items_lg2(&pts) + pt_table_item_lg2sz(&pts);
}

/* Log2 of the memory of a (non-top) table at @level. */
static inline unsigned int pt_level_memsize_lg2(struct pt_range *range,
						unsigned int level)
{
	struct pt_state pts;

	pts.range = range;
	pts.level = (u8)level;
	return pt_table_memsize_lg2(&pts);
}

static inline void pt_flush_incoherent(const struct pt_common *common,
				       const void *virt, size_t len)
{
	if (pt_feature(common, PT_FEAT_DMA_INCOHERENT))
		iommu_pages_flush_incoherent(virt, len);
}

/* Flush @count items from pts->index on, for incoherent walkers. */
static inline void pt_flush_run(const struct pt_state *pts,
				unsigned int count)
{
	pt_flush_incoherent(pts->range->common,
			    (const u8 *)pts->table +
				    (size_t)pts->index * PT_ITEM_WORD_SIZE,
			    (size_t)count * PT_ITEM_WORD_SIZE);
}

/* Flush the 2^n_lg2 items from pts->index on. */
static inline void pt_flush_items(const struct pt_state *pts,
				  unsigned int n_lg2)
{
	pt_flush_run(pts, (unsigned int)log2_to_int(n_lg2));
}

/*
 * Is [va, last_va] inside the VA space the table translates? Returns 0,
 * -EOVERFLOW for a wrapped range, -ERANGE outside the aperture.
 */
static inline int pt_check_va(const struct pt_common *common, u64 va,
			      u64 last_va)
{
	unsigned int vasz = common->max_vasz_lg2;

	if (last_va < va)
		return -EOVERFLOW;
	if (vasz >= 64)
		return 0;
	if (pt_feature(common, PT_FEAT_SIGN_EXTEND)) {
		/* Bits vasz-1..63 must be all equal, and equal for both ends. */
		u64 top = va >> (vasz - 1);
		u64 top_last = last_va >> (vasz - 1);
		u64 all = ~(u64)0 >> (vasz - 1);

		if ((top != 0 && top != all) || top != top_last)
			return -ERANGE;
		return 0;
	}
	if (log2_div(va, vasz) != log2_div(pt_full_va_prefix(common), vasz) ||
	    log2_div(last_va, vasz) != log2_div(va, vasz))
		return -ERANGE;
	return 0;
}

/*
 * Does the current top table reach @last_va? With PT_FEAT_DYNAMIC_TOP the
 * top may cover less than max_vasz_lg2.
 */
static inline bool pt_top_covers(struct pt_range *range, u64 last_va)
{
	unsigned int span = pt_level_span_lg2(range, range->top_level);

	if (pt_feature(range->common, PT_FEAT_SIGN_EXTEND) ||
	    !pt_feature(range->common, PT_FEAT_DYNAMIC_TOP))
		return true;
	return span >= 64 || log2_div(last_va, span) == 0;
}

/*
 * The range [@va, @last_va] of the table as it is now, for operations that
 * only look at what is mapped: checks it against the aperture, and cuts
 * off the part above a dynamic top that has not grown there (nothing can
 * be mapped above it). Returns 0 with @range set, pt_check_va()'s error,
 * or -ENOENT when all of the range is above the top.
 */
static inline int pt_make_mapped_range(struct pt_common *common, u64 va,
				       u64 last_va, struct pt_range *range)
{
	int ret = pt_check_va(common, va, last_va);

	if (ret)
		return ret;
	*range = pt_make_range(common, va, last_va);
	if (!pt_top_covers(range, last_va)) {
		unsigned int span = pt_level_span_lg2(range, range->top_level);

		if (log2_div(va, span))
			return -ENOENT;
		range->last_va = log2_to_max_int(span);
	}
	return 0;
}

/* ---- reading walks ---- */

/* -EADDRINUSE if any leaf intersects the range, else 0. */
static __always_inline int __check_unmapped(struct pt_range *range, void *arg,
					    unsigned int level,
					    struct pt_table_p *table,
					    pt_level_fn_t descend)
{
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	for_each_pt_level_entry(&pts) {
		if (pts.type == PT_ENTRY_OA)
			return -EADDRINUSE;
		if (pts.type == PT_ENTRY_TABLE) {
			ret = pt_descend(&pts, arg, descend);
			if (ret)
				return ret;
		}
	}
	return 0;
}
PT_MAKE_LEVELS(pt_check_unmapped, __check_unmapped)

/*
 * Put every table below the range (which covers whole tables) on a list;
 * count the leaf bytes and note the levels of the leaves and of the table
 * entries found (PT_FEAT_DETAILED_GATHER).
 */
struct pt_collect_args {
	struct iommu_pages_list *list;
	u64 leaf_bytes;
	u8 leaf_levels;
	u8 table_levels;
};

static __always_inline int __collect_tables(struct pt_range *range, void *arg,
					    unsigned int level,
					    struct pt_table_p *table,
					    pt_level_fn_t descend)
{
	struct pt_collect_args *collect = (struct pt_collect_args *)arg;
	unsigned int end, isz_lg2;
	u64 items = 0;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	_pt_iter_first(&pts);
	isz_lg2 = pt_table_item_lg2sz(&pts);
	end = pts.end_index;
	/*
	 * Item by item: every item of a contiguous leaf carries its share,
	 * so leaf bytes are (leaf items) x (item size), no run decoding.
	 */
	for (; pts.index != end; pts.index++) {
		enum pt_entry_type type = pt_load_entry_raw(&pts);

		if (type == PT_ENTRY_OA) {
			items++;
		} else if (type == PT_ENTRY_TABLE) {
			pts.table_lower = pt_table_ptr(&pts);
			/* Not ours (corrupt arena entry): nothing to free. */
			if (unlikely(!pts.table_lower)) {
				pt_table_corrupt(&pts);
				continue;
			}
			range->va = pt_index_va(&pts);
			ret = pt_descend(&pts, arg, descend);
			if (ret)
				return ret;
			iommu_pages_list_add(collect->list, pts.table_lower);
			collect->table_levels |= (u8)BIT(level);
		}
	}
	if (items)
		collect->leaf_levels |= (u8)BIT(level);
	collect->leaf_bytes += log2_mul(items, isz_lg2);
	return 0;
}
PT_MAKE_LEVELS(pt_collect_tables, __collect_tables)

/*
 * Collect the subtree under the TABLE entry at @pts (not the table itself)
 * into @list; returns the bytes of leaves found there and ORs into
 * @leaf_levels and @table_levels the levels of the leaves and of the table
 * entries found, the entry at @pts included.
 */
static u64 pt_collect_subtree(struct pt_state *pts,
			      struct iommu_pages_list *list, u8 *leaf_levels,
			      u8 *table_levels)
{
	struct pt_collect_args collect = { list, 0, 0, 0 };
	struct pt_range sub = *pts->range;
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);

	sub.va = log2_set_mod(pt_index_va(pts), 0, isz_lg2);
	sub.last_va = log2_set_mod_max(sub.va, isz_lg2);
	pt_collect_tables(&sub, &collect, pts->level - 1, pts->table_lower);
	*leaf_levels |= collect.leaf_levels;
	*table_levels |= (u8)(collect.table_levels | BIT(pts->level));
	return collect.leaf_bytes;
}

/* ---- map ---- */

struct pt_iommu_map_args {
	struct pt_iommu *iommu_table;
	struct pt_write_attrs attrs;
	pt_vaddr_t start_va;
	pt_oaddr_t start_oa;
	gfp_t gfp;
	/* The rest of the range was verified free: no more -EADDRINUSE. */
	bool checked;
	/* Mark each new leaf dirty (used by cut to keep dirty state). */
	bool leaf_dirty;
	/* A table this op just installed: known empty, no check needed. */
	struct pt_table_p *fresh;
	/*
	 * Tables replaced by leaves; freed after an IOTLB sync. Their levels
	 * collect in free_gather.pt (PT_FEAT_DETAILED_GATHER; else cleared).
	 */
	struct iommu_iotlb_gather free_gather;
};

static inline pt_oaddr_t pt_map_oa(const struct pt_iommu_map_args *map,
				   pt_vaddr_t va)
{
	return map->start_oa + (va - map->start_va);
}

/* Verify [range->va, last_va] holds no leaf, once per operation. */
static int pt_map_check_rest(struct pt_iommu_map_args *map,
			     struct pt_range *range)
{
	struct pt_range rest = *range;
	int ret;

	if (map->checked)
		return 0;
	ret = pt_walk_range(&rest, pt_check_unmapped, NULL);
	if (ret)
		return ret;
	map->checked = true;
	return 0;
}

/**
 * pt_alloc_table_mem() - allocate zeroed memory for one table
 * @iommu_table: the table (for the NUMA node)
 * @common: the table (for the table-address limit)
 * @size: bytes, a power of two
 * @gfp: allocation flags, including PT_TABLE_GFP_FLAGS or
 *     PT_TOP_TABLE_GFP_FLAGS
 *
 * Every table allocation goes through here so that no table can sit where
 * the format's table pointers cannot reach it (pt_max_table_pa_lg2()):
 * such memory is freed again and NULL returned, which callers report as
 * -ENOMEM. A pointer is never truncated.
 */
static void *pt_alloc_table_mem(struct pt_iommu *iommu_table,
				const struct pt_common *common, size_t size,
				gfp_t gfp)
{
	unsigned int pa_lg2 = pt_max_table_pa_lg2(common);
	void *mem = iommu_alloc_pages_node_sz(iommu_table->nid, gfp, size);

	if (mem && pa_lg2 < 64 &&
	    log2_div((u64)virt_to_phys(mem) + size - 1, pa_lg2)) {
		iommu_free_pages(mem);
		return NULL;
	}
	return mem;
}

/*
 * Allocate a zeroed table for level @level (flushed for incoherent walkers);
 * with __GFP_NOZERO in @gfp an uninitialised one, which the caller fills and
 * flushes. NULL on failure.
 */
static void *pt_alloc_table(struct pt_iommu *iommu_table,
			    struct pt_range *range, unsigned int level,
			    gfp_t gfp)
{
	size_t size = (size_t)1 << pt_level_memsize_lg2(range, level);
	void *mem = pt_alloc_table_mem(iommu_table, range->common, size,
				       gfp | pt_table_gfp_flags(range->common));

	if (mem && !(gfp & __GFP_NOZERO))
		pt_flush_incoherent(range->common, mem, size);
	return mem;
}

/*
 * Install the lower table @mem in the item at @pts (see pt_install_table()).
 * For a table in an arena the runtime first records that @mem belongs in
 * exactly this item, one level down: pt_table_ptr() follows the pointer
 * only with that record (the arena's memory itself is untrusted).
 */
static inline bool pt_install_lower(struct pt_state *pts, void *mem,
				    const struct pt_write_attrs *attrs)
{
	u32 arena_domain = pts->range->common->arena_domain;

	if (unlikely(arena_domain))
		genericpt_arena_link(arena_domain, mem,
				     (const u8 *)pts->table +
					     (size_t)pts->index *
						     PT_ITEM_WORD_SIZE,
				     (unsigned int)pts->level - 1);
	return pt_install_table(pts, virt_to_phys(mem), attrs);
}

/*
 * The entry at @pts is empty and a table is needed below it: allocate one
 * and install it. If another thread installed one first, use theirs.
 * On return pts->type is PT_ENTRY_TABLE.
 */
static int pt_map_new_table(struct pt_state *pts,
			    struct pt_iommu_map_args *map)
{
	void *mem;
	int ret;

	ret = pt_map_check_rest(map, pts->range);
	if (ret)
		return ret;

	mem = pt_alloc_table(map->iommu_table, pts->range, pts->level - 1,
			     map->gfp);
	if (!mem)
		return -ENOMEM;
	while (true) {
		u64 seen = pts->entry;

		if (pt_install_lower(pts, mem, &map->attrs)) {
			pts->type = PT_ENTRY_TABLE;
			pts->table_lower = (struct pt_table_p *)mem;
			map->fresh = pts->table_lower;
			pt_flush_items(pts, 0);
			return 0;
		}
		/* Lost the race: someone else changed the item. */
		pt_load_entry(pts);
		if (pts->type == PT_ENTRY_TABLE) {
			iommu_free_pages(mem);
			pt_flush_items(pts, 0);
			return 0;
		}
		/* Or unchanged: the format refused the pointer (and WARNed). */
		if (pts->type == PT_ENTRY_OA || pts->entry == seen) {
			iommu_free_pages(mem);
			return pts->type == PT_ENTRY_OA ? -EADDRINUSE : -ENOMEM;
		}
	}
}

/*
 * Will mapping the empty item at @pts fill the whole table below it with
 * leaves, writing every item and reading none? True when the range covers
 * the item, the lower level has leaves of its item size, the OA is aligned
 * to that size (so pt_compute_best_pgsize() never goes smaller) and the
 * lower table's memory is nothing but its items. Such a table needs no
 * zeroing and no check: it is private until pt_map_filled_table() installs
 * it.
 */
static __always_inline bool
pt_map_fills_lower(const struct pt_state *pts,
		   const struct pt_iommu_map_args *map)
{
	const struct pt_range *range = pts->range;
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	struct pt_state lower = *pts;
	unsigned int lisz_lg2;

	lower.level = (u8)(pts->level - 1);
	lisz_lg2 = pt_table_item_lg2sz(&lower);
	if (log2_mod(range->va, isz_lg2) ||
	    range->last_va - range->va < log2_to_max_int(isz_lg2))
		return false;
	if (!(pt_possible_sizes(&lower) & log2_to_int(lisz_lg2)) ||
	    log2_mod(pt_map_oa(map, range->va), lisz_lg2))
		return false;
	return pt_table_memsize_lg2(&lower) ==
	       pt_num_items_lg2(&lower) + ilog2(PT_ITEM_WORD_SIZE);
}

/*
 * Build the lower table of the empty item at @pts privately in memory that
 * was not zeroed: map its whole span into it (leaves only, see
 * pt_map_fills_lower(); pt_map_write_leaves() flushes them for incoherent
 * walkers), then publish it with the release cmpxchg of pt_install_table().
 * Returns 0 when installed, 1 when another thread installed something first
 * (nothing of ours remains, range->va is back at the item and @pts holds
 * the item as reloaded: continue the normal way), or a negative errno.
 */
static int pt_map_filled_table(struct pt_state *pts,
			       struct pt_iommu_map_args *map,
			       pt_level_fn_t descend)
{
	struct pt_range *range = pts->range;
	struct pt_table_p *prev_fresh = map->fresh;
	pt_vaddr_t va = range->va;
	void *mem;
	int ret;

	ret = pt_map_check_rest(map, range);
	if (ret)
		return ret;
	mem = pt_alloc_table(map->iommu_table, range, pts->level - 1,
			     map->gfp | __GFP_NOZERO);
	if (!mem)
		return -ENOMEM;
	pts->table_lower = (struct pt_table_p *)mem;
	map->fresh = pts->table_lower;
	ret = pt_descend(pts, map, descend);
	map->fresh = prev_fresh;
	if (ret) {
		iommu_free_pages(mem);
		return ret;
	}
	if (pt_install_lower(pts, mem, &map->attrs)) {
		pts->type = PT_ENTRY_TABLE;
		pt_flush_items(pts, 0);
		return 0;
	}
	iommu_free_pages(mem);
	range->va = va;
	pt_load_entry(pts);
	return 1;
}

#include "iommu_pt_bulk.h"

static __always_inline void pt_map_write_leaves(struct pt_state *pts,
						struct pt_iommu_map_args *map,
						unsigned int leaf_lg2,
						unsigned int num)
{
	/* Work on a local copy the compiler can keep in registers. */
	struct pt_state lpts = *pts;
	unsigned int n_lg2 = leaf_lg2 - pt_table_item_lg2sz(&lpts);
	unsigned int start = lpts.index;
	unsigned int end = start + (num << n_lg2);
	pt_oaddr_t oa = pt_map_oa(map, lpts.range->va);
	unsigned int idx;

#ifdef PT_FMT_LEAF_LINEAR
	/*
	 * The format promises that a single-item leaf's entry word is a
	 * linear function of its OA: write two entries the normal way, then
	 * extend the arithmetic progression with plain stores.
	 */
	if (n_lg2 == 0 && num >= 8 &&
	    log2_div(oa, PT_FMT_LEAF_LINEAR_OA_LG2) ==
		    log2_div(oa + log2_mul(num - 1, leaf_lg2),
			     PT_FMT_LEAF_LINEAR_OA_LG2)) {
		pt_install_leaf_entry(&lpts, oa, leaf_lg2, &map->attrs);
		lpts.index = (unsigned int)(start + 1);
		pt_install_leaf_entry(&lpts, oa + log2_to_int(leaf_lg2),
				      leaf_lg2, &map->attrs);
		pt_fill_linear(&lpts, start, end);
		goto written;
	}
#endif
	for (idx = start; idx != end; idx += 1u << n_lg2) {
		lpts.index = (unsigned int)idx;
		pt_install_leaf_entry(&lpts, oa, leaf_lg2, &map->attrs);
		oa += log2_to_int(leaf_lg2);
	}
#ifdef PT_FMT_LEAF_LINEAR
written:
#endif
#ifdef pt_entry_is_write_dirty
	if (unlikely(map->leaf_dirty)) {
		for (idx = start; idx != end; idx += 1u << n_lg2) {
			lpts.index = (unsigned int)idx;
			pt_load_entry_raw(&lpts);
			pt_entry_make_write_dirty(&lpts);
		}
	}
#endif
	pts->entry = lpts.entry;
	pts->index = (unsigned int)end;
	if (pt_feature(pts->range->common, PT_FEAT_DMA_INCOHERENT))
		pt_flush_incoherent(pts->range->common,
				    (const u8 *)pts->table +
					    (size_t)start * PT_ITEM_WORD_SIZE,
				    (size_t)(end - start) * PT_ITEM_WORD_SIZE);
}

/**
 * pt_map_run_limit() - where a run of equal leaves must stop
 * @leaf_sizes: the leaf sizes of this level (pt_possible_sizes())
 * @leaf_lg2: size of the leaves in the run
 * @va: first VA of the run
 * @oa: first OA of the run
 * @num: leaves that fit in the table and the range
 *
 * A run of leaves of one size stops at the next boundary of the next larger
 * size the level offers (a contiguous size such as an ARMv7 supersection or
 * 64 KiB large page), because from there on the larger leaf may fit; only
 * when VA and OA can both be aligned to it. Return: the capped @num.
 */
static inline unsigned int pt_map_run_limit(pt_vaddr_t leaf_sizes,
					    unsigned int leaf_lg2, u64 va,
					    u64 oa, unsigned int num)
{
	pt_vaddr_t larger = leaf_sizes & ~log2_to_max_int(leaf_lg2 + 1);
	unsigned int next_lg2 = log2_ffs(larger);
	u64 cap;

	if (!larger || log2_mod(va ^ oa, next_lg2))
		return num;
	cap = log2_div(log2_to_int(next_lg2) - log2_mod(va, next_lg2),
		       leaf_lg2);
	return cap < num ? (unsigned int)cap : num;
}

static __always_inline int __map_range(struct pt_range *range, void *arg,
				       unsigned int level,
				       struct pt_table_p *table,
				       pt_level_fn_t descend)
{
	struct pt_iommu_map_args *map = (struct pt_iommu_map_args *)arg;
	unsigned int isz_lg2;
	pt_vaddr_t leaf_sizes;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	_pt_iter_first(&pts);
	isz_lg2 = pt_table_item_lg2sz(&pts);
	leaf_sizes = pt_possible_sizes(&pts);

	while (pts.index < pts.end_index) {
		pt_vaddr_t va = range->va;
		unsigned int leaf_lg2 = 0;

		if (leaf_sizes)
			leaf_lg2 = pt_compute_best_pgsize(leaf_sizes, va,
							  range->last_va,
							  pt_map_oa(map, va));
		if (leaf_lg2 >= isz_lg2 && leaf_lg2) {
			unsigned int n_lg2 = leaf_lg2 - isz_lg2;
			u64 left = range->last_va - va;
			unsigned int num;

			/* How many leaves of this size fit in a row here. */
			num = (pts.end_index - pts.index) >> n_lg2;
			if (left != ~(u64)0 &&
			    log2_div(left + 1, leaf_lg2) < num)
				num = (unsigned int)log2_div(left + 1, leaf_lg2);
			num = pt_map_run_limit(leaf_sizes, leaf_lg2, va,
					       pt_map_oa(map, va), num);

			if (table != map->fresh) {
				ret = pt_map_prepare_items(&pts, map,
							   num << n_lg2);
				if (ret)
					return ret;
			}
			pt_map_write_leaves(&pts, map, leaf_lg2, num);
			range->va = pt_index_va(&pts);
			continue;
		}

		/* Needs a lower table. */
		if (level == 0)
			return -EINVAL;
		pt_load_entry(&pts);
		if (pts.type == PT_ENTRY_EMPTY &&
		    pt_map_fills_lower(&pts, map)) {
			ret = pt_map_filled_table(&pts, map, descend);
			if (ret < 0)
				return ret;
			if (ret == 0) {
				pts.index++;
				range->va = pt_index_va(&pts);
				continue;
			}
		}
		if (pts.type == PT_ENTRY_OA)
			return -EADDRINUSE;
		if (pts.type == PT_ENTRY_EMPTY) {
			ret = pt_map_new_table(&pts, map);
			if (ret)
				return ret;
		} else {
			pt_flush_items(&pts, 0);
		}
		ret = pt_descend(&pts, arg, descend);
		if (ret)
			return ret;
		pts.index++;
		range->va = pt_index_va(&pts);
	}
	return 0;
}
PT_MAKE_LEVELS(pt_map_range, __map_range)

/*
 * Fast path for a single smallest-size leaf: walk straight down, creating
 * tables, and write one entry. Nothing can conflict below an empty entry,
 * so no check walk is needed.
 */
static __always_inline int __map_single(struct pt_range *range, void *arg,
					unsigned int level,
					struct pt_table_p *table,
					pt_level_fn_t descend)
{
	struct pt_iommu_map_args *map = (struct pt_iommu_map_args *)arg;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	pt_load_single_entry(&pts);
	if (level == 0) {
		if (pts.type != PT_ENTRY_EMPTY)
			return -EADDRINUSE;
		pt_map_write_leaves(&pts, map, pt_granule_lg2sz(range->common), 1);
		return 0;
	}
	if (pts.type == PT_ENTRY_EMPTY) {
		map->checked = true;
		ret = pt_map_new_table(&pts, map);
		if (ret)
			return ret;
	} else if (pts.type == PT_ENTRY_OA) {
		return -EADDRINUSE;
	} else {
		pt_flush_items(&pts, 0);
	}
	return pt_descend(&pts, arg, descend);
}
PT_MAKE_LEVELS(pt_map_single, __map_single)

/* ---- unmap ---- */

struct pt_unmap_args {
	struct iommu_domain *domain;
	struct pt_common *common;
	struct iommu_iotlb_gather *gather;
	u64 unmapped;
	/* The run of contiguous VA removed so far, not yet in the gather. */
	u64 run_start;
	u64 run_last;
	bool have_run;
	/* PT_FEAT_DETAILED_GATHER: levels of the run's leaves and tables. */
	u8 run_levels[2];
	size_t run_pgsize;
	/* Tables freed within the run; join the gather with it. */
	struct iommu_pages_list run_free;
	/* Only clear leaves, never remove tables (map rollback). */
	bool keep_tables;
};

/* Move the pending run into the gather, syncing first if it may not merge. */
static void pt_unmap_flush_run(struct pt_unmap_args *unmap)
{
	struct iommu_iotlb_gather *gather = unmap->gather;
	size_t len = (size_t)(unmap->run_last - unmap->run_start + 1);

	if (!unmap->have_run)
		return;
	if (pt_feature(unmap->common, PT_FEAT_FLUSH_RANGE_NO_GAPS) &&
	    iommu_iotlb_gather_is_disjoint(gather,
					   (unsigned long)unmap->run_start,
					   len))
		iommu_iotlb_sync(unmap->domain, gather);
	iommu_iotlb_gather_add_range(gather, (unsigned long)unmap->run_start,
				     len);
	if (pt_feature(unmap->common, PT_FEAT_DETAILED_GATHER)) {
		gather->pt.leaf_levels_bitmap |= unmap->run_levels[0];
		gather->pt.table_levels_bitmap |= unmap->run_levels[1];
		unmap->run_levels[0] = 0;
		unmap->run_levels[1] = 0;
	} else if (gather->pgsize < unmap->run_pgsize) {
		gather->pgsize = unmap->run_pgsize;
	}
	iommu_pages_list_splice(&unmap->run_free, &gather->freelist);
	unmap->have_run = false;
	unmap->run_pgsize = 0;
}

/*
 * Note that [va, va + len) was removed; leaves of 2^lg2sz bytes. Extends
 * the pending run when contiguous, else flushes it first.
 */
static __always_inline void pt_unmap_record(struct pt_unmap_args *unmap,
					    u64 va, unsigned int lg2sz, u64 len)
{
	if (unlikely(!unmap->have_run || unmap->run_last + 1 != va)) {
		pt_unmap_flush_run(unmap);
		unmap->run_start = va;
		unmap->have_run = true;
	}
	unmap->run_last = va + len - 1;
	if (lg2sz < 8 * sizeof(size_t) &&
	    unmap->run_pgsize < ((size_t)1 << lg2sz))
		unmap->run_pgsize = (size_t)1 << lg2sz;
}

static __always_inline int __unmap_range(struct pt_range *range, void *arg,
					 unsigned int level,
					 struct pt_table_p *table,
					 pt_level_fn_t descend)
{
	struct pt_unmap_args *unmap = (struct pt_unmap_args *)arg;
	unsigned int isz_lg2;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	_pt_iter_first(&pts);
	isz_lg2 = pt_table_item_lg2sz(&pts);
	while (pts.index < pts.end_index) {
		enum pt_entry_type type = pt_load_entry(&pts);

		if (type == PT_ENTRY_EMPTY) {
			pts.index++;
			continue;
		}
		if (type == PT_ENTRY_OA) {
			unsigned int n_lg2 = pt_entry_num_contig_lg2(&pts);
			unsigned int start;

			/* Remove the whole entry, even if partly outside. */
			start = (unsigned int)log2_set_mod(pts.index, 0, n_lg2);
			pts.index = (unsigned int)(start + (1u << n_lg2));
			/* Extend over following single-item leaves in range. */
			if (n_lg2 == 0 && pts.index < pts.end_index)
				pts.index = pt_scan_single_leaves(
					&pts, pts.index, pts.end_index);
			{
				unsigned int end = pts.index;
				unsigned int count = end - start;

				pts.index = (unsigned int)start;
				if (n_lg2)
					pt_clear_entries(&pts, n_lg2);
				else
					pt_zero_items(&pts, count);
				pt_flush_run(&pts, count);
				pt_unmap_record(unmap, pt_index_va(&pts),
						isz_lg2 + n_lg2,
						log2_mul(count, isz_lg2));
				unmap->run_levels[0] |= (u8)BIT(level);
				unmap->unmapped += log2_mul(count, isz_lg2);
				pts.index = (unsigned int)end;
			}
			continue;
		}
		if (unlikely(!pts.table_lower))
			return pt_table_corrupt(&pts);
		if (!unmap->keep_tables &&
		    pt_entry_fully_covered(&pts, isz_lg2)) {
			struct pt_table_p *lower = pts.table_lower;

			/* Detach the whole subtree with one store, then free. */
			pt_clear_entries(&pts, 0);
			pt_flush_items(&pts, 0);
			pt_unmap_record(unmap, pt_index_va(&pts), isz_lg2,
					log2_to_int(isz_lg2));
			unmap->unmapped += pt_collect_subtree(
				&pts, &unmap->run_free, &unmap->run_levels[0],
				&unmap->run_levels[1]);
			iommu_pages_list_add(&unmap->run_free, lower);
			pts.index++;
			continue;
		}
		range->va = pt_index_va(&pts) > range->va ? pt_index_va(&pts) :
							     range->va;
		ret = pt_descend(&pts, arg, descend);
		if (ret)
			return ret;
		pts.index++;
	}
	return 0;
}
PT_MAKE_LEVELS(pt_unmap_range, __unmap_range)

/*
 * Fast path for unmapping one smallest-size page: walk straight down. A
 * leaf that is larger than the page is left to the general walk (-EAGAIN,
 * nothing changed).
 */
static __always_inline int __unmap_single(struct pt_range *range, void *arg,
					  unsigned int level,
					  struct pt_table_p *table,
					  pt_level_fn_t descend)
{
	struct pt_unmap_args *unmap = (struct pt_unmap_args *)arg;

	struct pt_state pts = pt_init(range, level, table);
	switch (pt_load_single_entry(&pts)) {
	case PT_ENTRY_TABLE:
		return pt_descend(&pts, arg, descend);
	case PT_ENTRY_EMPTY:
		return 0;
	default:
		break;
	}
	if (level != 0 || pt_entry_num_contig_lg2(&pts) != 0)
		return -EAGAIN;
	pt_zero_items(&pts, 1);
	pt_flush_run(&pts, 1);
	pt_unmap_record(unmap, range->va, pt_granule_lg2sz(range->common),
			log2_to_int(pt_granule_lg2sz(range->common)));
	unmap->run_levels[0] |= 1;
	unmap->unmapped += log2_to_int(pt_granule_lg2sz(range->common));
	return 0;
}
PT_MAKE_LEVELS(pt_unmap_single, __unmap_single)

/* ---- iova_to_phys, dirty ---- */

struct pt_find_args {
	struct pt_state leaf;
};

/* Find the leaf holding range->va; -ENOENT if there is none. */
static __always_inline int __find_leaf(struct pt_range *range, void *arg,
				       unsigned int level,
				       struct pt_table_p *table,
				       pt_level_fn_t descend)
{
	struct pt_find_args *find = (struct pt_find_args *)arg;

	struct pt_state pts = pt_init(range, level, table);
	pt_load_single_entry(&pts);
	if (pts.type == PT_ENTRY_TABLE)
		return pt_descend(&pts, arg, descend);
	if (pts.type == PT_ENTRY_EMPTY)
		return -ENOENT;
	find->leaf = pts;
	return 0;
}
PT_MAKE_LEVELS(pt_find_leaf, __find_leaf)

#ifdef pt_entry_is_write_dirty
struct pt_dirty_args {
	struct iommu_dirty_bitmap *dirty;
	unsigned long flags;
};

static __always_inline int __read_and_clear_dirty(struct pt_range *range,
						  void *arg, unsigned int level,
						  struct pt_table_p *table,
						  pt_level_fn_t descend)
{
	struct pt_dirty_args *dargs = (struct pt_dirty_args *)arg;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	for_each_pt_level_entry(&pts) {
		if (pts.type == PT_ENTRY_TABLE) {
			ret = pt_descend(&pts, arg, descend);
			if (ret)
				return ret;
			continue;
		}
		if (pts.type != PT_ENTRY_OA || !pt_entry_is_write_dirty(&pts))
			continue;
		{
			unsigned int lg2sz = pt_entry_oa_lg2sz(&pts);
			u64 start = log2_set_mod(pt_index_va(&pts), 0, lg2sz);

			iommu_dirty_bitmap_record(dargs->dirty,
						  (unsigned long)start,
						  (unsigned long)log2_to_int(
							  lg2sz));
			if (dargs->dirty->gather &&
			    pt_feature(pts.range->common,
				       PT_FEAT_DETAILED_GATHER))
				dargs->dirty->gather->pt.leaf_levels_bitmap |=
					(u8)BIT(level);
			if (!(dargs->flags & IOMMU_DIRTY_NO_CLEAR)) {
				/*
				 * Cleaning may write every item of a
				 * contiguous entry: flush them all.
				 */
				unsigned int n_lg2 = pt_entry_num_contig_lg2(&pts);
				unsigned int index = pts.index;

				pt_entry_make_write_clean(&pts);
				pts.index = (unsigned int)log2_set_mod(index, 0, n_lg2);
				pt_flush_items(&pts, n_lg2);
				pts.index = index;
			}
		}
	}
	return 0;
}
PT_MAKE_LEVELS(pt_read_and_clear_dirty, __read_and_clear_dirty)
#endif

/* ---- deinit ---- */

/* Free the whole table, top included. */
static void pt_free_all(struct pt_common *common)
{
	struct iommu_pages_list list = IOMMU_PAGES_LIST_INIT(list);
	struct pt_collect_args collect = { &list, 0, 0, 0 };
	struct pt_range range = pt_all_range(common);

	pt_walk_range(&range, pt_collect_tables, &collect);
	iommu_pages_list_add(&list, range.top_table);
	iommu_put_pages_list(&list);
}

/* ---- dynamic top ---- */

/*
 * Grow the table until its top covers range->last_va: build the new upper
 * levels privately (entry 0 of each points at the level below, the old top
 * at the bottom), then publish them under the driver's top lock and tell the
 * driver. A thread that finds the top changed under it starts over.
 */
static int pt_increase_top(struct pt_iommu *iommu_table,
			   struct pt_range *range)
{
	struct pt_common *common = range->common;
	const struct pt_iommu_driver_ops *dops = iommu_table->driver_ops;
	struct pt_write_attrs attrs;

	memset(&attrs, 0, sizeof(attrs));
	while (true) {
		struct pt_table_p *tables[PT_MAX_TOP_LEVEL + 2];
		uintptr_t top = READ_ONCE(common->top_of_table);
		unsigned int level = pt_top_level_of(top);
		unsigned int new_level = level;
		unsigned int l;
		spinlock_t *lock;
		struct pt_range r = *range;

		r.top_table = pt_top_table_of(top);
		r.top_level = (u8)level;
		while (new_level <= PT_MAX_TOP_LEVEL) {
			r.top_level = (u8)new_level;
			if (pt_top_covers(&r, range->last_va))
				break;
			new_level++;
		}
		if (new_level > PT_MAX_TOP_LEVEL)
			return -ERANGE;
		if (new_level == level) {
			/* The range of the top as it is now, same VAs. */
			r = pt_make_range(common, range->va, range->last_va);
			if (r.top_table != pt_top_table_of(top))
				continue;
			*range = r;
			return 0;
		}

		tables[level] = r.top_table;
		for (l = level + 1; l <= new_level; l++) {
			size_t size = (size_t)1
				      << (l == new_level ?
						  pt_top_memsize_lg2(common, l) :
						  pt_level_memsize_lg2(&r, l));

			tables[l] = (struct pt_table_p *)pt_alloc_table_mem(
				iommu_table, common, size,
				GFP_KERNEL | pt_table_gfp_flags(common) |
					(l == new_level ?
						 PT_TOP_TABLE_GFP_FLAGS :
						 0));
			if (!tables[l]) {
				while (--l > level)
					iommu_free_pages(tables[l]);
				return -ENOMEM;
			}
		}
		for (l = level + 1; l <= new_level; l++) {
			struct pt_range link = r;
			struct pt_state pts;

			link.va = 0;
			link.last_va = 0;
			pts = pt_init(&link, l, tables[l]);
			pts.index = 0;
			pt_load_entry_raw(&pts);
			/* The old top's arena record waits for the lock. */
			if (!(l == level + 1 ?
				      pt_install_table(
					      &pts, virt_to_phys(tables[l - 1]),
					      &attrs) :
				      pt_install_lower(&pts, tables[l - 1],
						       &attrs))) {
				/* Refused by the format (it WARNed). */
				for (l = level + 1; l <= new_level; l++)
					iommu_free_pages(tables[l]);
				return -ENOMEM;
			}
			pt_flush_incoherent(
				common, tables[l],
				(size_t)1 << (l == new_level ?
						      pt_top_memsize_lg2(common,
									 l) :
						      pt_level_memsize_lg2(&r,
									   l)));
		}

		lock = dops->get_top_lock(iommu_table);
		spin_lock(lock);
		if (READ_ONCE(common->top_of_table) != top) {
			spin_unlock(lock);
			for (l = level + 1; l <= new_level; l++)
				iommu_free_pages(tables[l]);
			continue;
		}
		/*
		 * The old top now hangs off item 0 of the next level; in an
		 * arena record that before any walker can go through it.
		 * Tell the driver first, then publish: once a lockless walker
		 * can load the new top it may map above the old one, and the
		 * hardware must already translate through the new top.
		 */
		if (common->arena_domain)
			genericpt_arena_link(common->arena_domain,
					     tables[level], tables[level + 1],
					     level);
		dops->change_top(iommu_table, virt_to_phys(tables[new_level]),
				 new_level);
		pt_top_set(common, tables[new_level], new_level);
		spin_unlock(lock);
	}
}

/* ---- entry points ---- */

/*
 * Undo the leaves a failed map wrote in [start_va, end_va): clear them
 * (tables stay, they may be shared) and invalidate.
 */
static void pt_map_rollback(struct iommu_domain *domain,
			    struct pt_common *common, u64 start_va, u64 end_va)
{
	struct pt_unmap_args unmap;
	struct iommu_iotlb_gather gather;
	struct pt_range range;

	if (end_va == start_va)
		return;
	memset(&unmap, 0, sizeof(unmap));
	iommu_iotlb_gather_init(&gather);
	unmap.domain = domain;
	unmap.common = common;
	unmap.gather = &gather;
	unmap.keep_tables = true;
	range = pt_make_range(common, start_va, end_va - 1);
	pt_walk_range(&range, pt_unmap_range, &unmap);
	pt_unmap_flush_run(&unmap);
	iommu_iotlb_sync(domain, &gather);
}

/**
 * pt_check_narrow_oa() - can map express this OA range?
 * @common: the table
 * @va: first VA of the map
 * @oa: first OA of the map
 * @last_oa: last OA of the map
 *
 * For formats with a narrow OA for small leaves (pt_narrow_oa_lg2()): the
 * part of [@oa, @last_oa] at or above the narrow limit must start and end
 * on the wide leaf size, in VA and OA alike. map always picks the largest
 * leaf that is aligned and fits (pt_map_run_limit() ends runs of smaller
 * leaves at wide boundaries), so that part is then mapped by wide leaves
 * only. Checked before anything is written. Return: 0 or -ERANGE.
 */
static inline int pt_check_narrow_oa(const struct pt_common *common, u64 va,
				     u64 oa, u64 last_oa)
{
	unsigned int narrow = pt_narrow_oa_lg2(common);
	unsigned int wide = pt_wide_leaf_lg2(common);
	u64 high_oa;

	if (narrow >= 64 || !log2_div(last_oa, narrow))
		return 0;
	high_oa = max(oa, log2_to_int(narrow));
	va += high_oa - oa;
	if (log2_mod(va | high_oa | (last_oa + 1), wide))
		return -ERANGE;
	return 0;
}

/**
 * map_pages() - map @pgsize * @pgcount bytes from @iova to @paddr
 * @domain: the table's iommu.domain
 * @iova: first IOVA, aligned to @pgsize
 * @paddr: first physical address, aligned to @pgsize
 * @pgsize: a page size of domain->pgsize_bitmap
 * @pgcount: number of pages, not 0
 * @prot: IOMMU_READ / IOMMU_WRITE and optionally IOMMU_CACHE, IOMMU_NOEXEC,
 *     IOMMU_MMIO, IOMMU_PRIV
 * @gfp: allocation flags for new tables
 * @mapped: incremented by the bytes mapped
 *
 * Uses the largest leaves that fit, whatever @pgsize is. All or nothing:
 * on error the translation is as before (see the public header for the
 * exact guarantees).
 *
 * Context: the caller owns the range; other ranges may change
 * concurrently, through shared tables too.
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EADDRINUSE, -ENOMEM, or -EIO
 * for a corrupt table pointer in an arena table.
 */
int DOMAIN_NS(map_pages)(struct iommu_domain *domain, unsigned long iova,
		  phys_addr_t paddr, size_t pgsize, size_t pgcount, int prot,
		  gfp_t gfp, size_t *mapped)
{
	struct pt_iommu *iommu_table = iommu_from_domain(domain);
	struct pt_common *common = common_from_iommu(iommu_table);
	struct pt_iommu_map_args map;
	struct pt_range range;
	u64 len, last_va, last_oa;
	unsigned int span;
	int ret;

	if (!pgsize || (pgsize & (pgsize - 1)) ||
	    !(pgsize & domain->pgsize_bitmap) || !pgcount)
		return -EINVAL;
	if ((iova | paddr) & (pgsize - 1))
		return -EINVAL;
	if ((prot & ~IOMMU_PROT_ALL) || !(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if ((u64)pgcount > (~(u64)0 >> ilog2(pgsize)))
		return -EOVERFLOW;
	len = (u64)pgsize * pgcount;
	last_va = (u64)iova + len - 1;
	last_oa = paddr + len - 1;
	/*
	 * The range must fit unsigned long and its length size_t (both are
	 * 32 bits on 32-bit hosts): the gather and *mapped hold them.
	 */
	if (last_va < iova || last_oa < paddr || len > (u64)~(size_t)0 ||
	    last_va > (u64)~0UL)
		return -EOVERFLOW;
	if (common->max_oasz_lg2 < 64 &&
	    log2_div(last_oa, common->max_oasz_lg2))
		return -ERANGE;
	ret = pt_check_narrow_oa(common, iova, paddr, last_oa);
	if (ret)
		return ret;
	ret = pt_check_va(common, iova, last_va);
	if (ret)
		return ret;

	memset(&map, 0, sizeof(map));
	ret = pt_iommu_set_prot(common, &map.attrs, (unsigned int)prot);
	if (ret)
		return ret;
	map.iommu_table = iommu_table;
	map.start_va = iova;
	map.start_oa = paddr;
	map.gfp = gfp;
	iommu_iotlb_gather_init(&map.free_gather);

	range = pt_make_range(common, iova, last_va);
	if (!pt_top_covers(&range, last_va)) {
		ret = pt_increase_top(iommu_table, &range);
		if (ret)
			return ret;
	}
	/*
	 * As the kernel: a range that is the top's whole span, with a page
	 * size that large at an aligned OA, is one leaf a level higher.
	 */
	span = pt_level_span_lg2(&range, range.top_level);
	if (pt_feature(common, PT_FEAT_DYNAMIC_TOP) && !iova &&
	    span < common->max_vasz_lg2 && last_va == log2_to_max_int(span) &&
	    (domain->pgsize_bitmap & log2_to_int(span)) &&
	    !log2_mod(paddr, span)) {
		range.last_va = log2_to_max_int(span + 1);
		ret = pt_increase_top(iommu_table, &range);
		range.last_va = last_va;
		if (ret)
			return ret;
	}

	if (len == log2_to_int(pt_granule_lg2sz(common))) {
		ret = pt_walk_range(&range, pt_map_single, &map);
	} else {
		ret = pt_walk_range(&range, pt_map_range, &map);
		if (ret)
			pt_map_rollback(domain, common, iova, range.va);
	}
	if (!iommu_pages_list_empty(&map.free_gather.freelist)) {
		/* Without the feature the driver sees pgsize 0, as before. */
		if (!pt_feature(common, PT_FEAT_DETAILED_GATHER))
			map.free_gather.pgsize = 0;
		iommu_iotlb_sync(domain, &map.free_gather);
	}
	if (ret)
		return ret;
	if (mapped)
		*mapped += (size_t)len;
	return 0;
}

/**
 * unmap_pages() - remove the leaves covering [@iova, @iova + size)
 * @domain: the table's iommu.domain
 * @iova: first IOVA, aligned to @pgsize
 * @pgsize: a power of two
 * @pgcount: number of pages
 * @iotlb_gather: gathers the IOVA to invalidate and the freed tables; the
 *     caller syncs it (NULL: synced before return)
 *
 * A leaf is removed whole even where it reaches outside the range; tables
 * the range covers entirely are freed after the sync.
 *
 * Context: the caller owns the range and the whole leaves it touches.
 * Return: bytes of translation removed; 0 for invalid arguments or an
 * empty range.
 */
size_t DOMAIN_NS(unmap_pages)(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *iotlb_gather)
{
	struct pt_iommu *iommu_table = iommu_from_domain(domain);
	struct pt_common *common = common_from_iommu(iommu_table);
	struct iommu_iotlb_gather local_gather;
	struct pt_unmap_args unmap;
	struct pt_range range;
	u64 len, last_va;

	if (!pgsize || (pgsize & (pgsize - 1)) || !pgcount ||
	    (iova & (pgsize - 1)))
		return 0;
	if ((u64)pgcount > (~(u64)0 >> ilog2(pgsize)))
		return 0;
	len = (u64)pgsize * pgcount;
	last_va = (u64)iova + len - 1;
	/* As for map: unsigned long range, size_t length (32-bit hosts). */
	if (last_va < iova || len > (u64)~(size_t)0 || last_va > (u64)~0UL ||
	    pt_make_mapped_range(common, iova, last_va, &range))
		return 0;

	memset(&unmap, 0, sizeof(unmap));
	unmap.domain = domain;
	unmap.common = common;
	unmap.gather = iotlb_gather;
	if (!iotlb_gather) {
		iommu_iotlb_gather_init(&local_gather);
		unmap.gather = &local_gather;
	}
	if (len != log2_to_int(pt_granule_lg2sz(common)) ||
	    pt_walk_range(&range, pt_unmap_single, &unmap) == -EAGAIN)
		pt_walk_range(&range, pt_unmap_range, &unmap);
	pt_unmap_flush_run(&unmap);
	if (!iotlb_gather)
		iommu_iotlb_sync(domain, &local_gather);
	return (size_t)unmap.unmapped;
}

/**
 * iova_to_phys() - translate one IOVA
 * @domain: the table's iommu.domain
 * @iova: any IOVA
 *
 * Context: lockless, concurrent with map and unmap of other ranges.
 * Return: the physical address; 0 when not mapped or outside the aperture.
 */
phys_addr_t DOMAIN_NS(iova_to_phys)(struct iommu_domain *domain, dma_addr_t iova)
{
	struct pt_common *common = common_from_iommu(iommu_from_domain(domain));
	struct pt_find_args find;
	struct pt_range range;

	if (pt_make_mapped_range(common, iova, iova, &range))
		return 0;
	if (pt_walk_range(&range, pt_find_leaf, &find))
		return 0;
	return pt_entry_oa_exact(&find.leaf);
}

/**
 * read_and_clear_dirty() - report written leaves of a range
 * @domain: the table's iommu.domain
 * @iova: first IOVA
 * @size: bytes
 * @flags: IOMMU_DIRTY_NO_CLEAR to leave the dirty state as it is
 * @dirty: the bitmap the dirty ranges are recorded into
 *
 * Context: the caller owns the range; the hardware may set dirty bits
 * concurrently (a write after the clear is reported next time).
 * Return: 0; -EOPNOTSUPP when the table cannot track writes; -EINVAL,
 * -EOVERFLOW, -ERANGE for a bad range; -EIO for a corrupt arena pointer.
 */
int DOMAIN_NS(read_and_clear_dirty)(struct iommu_domain *domain, unsigned long iova,
			     size_t size, unsigned long flags,
			     struct iommu_dirty_bitmap *dirty)
{
#ifdef pt_entry_is_write_dirty
	struct pt_common *common = common_from_iommu(iommu_from_domain(domain));
	struct pt_dirty_args dargs;
	struct pt_range range;
	u64 last_va = (u64)iova + size - 1;
	int ret;

	if (!pt_dirty_supported(common))
		return -EOPNOTSUPP;
	if (!size || !dirty || (flags & ~(unsigned long)IOMMU_DIRTY_NO_CLEAR))
		return -EINVAL;
	if (last_va < iova || last_va > (u64)~0UL)
		return -EOVERFLOW;
	ret = pt_make_mapped_range(common, iova, last_va, &range);
	if (ret)
		return ret == -ENOENT ? 0 : ret;
	dargs.dirty = dirty;
	dargs.flags = flags;
	return pt_walk_range(&range, pt_read_and_clear_dirty, &dargs);
#else
	(void)domain;
	(void)iova;
	(void)size;
	(void)flags;
	(void)dirty;
	return -EOPNOTSUPP;
#endif
}

static int DOMAIN_NS(set_dirty)(struct pt_iommu *iommu_table, dma_addr_t iova)
{
#ifdef pt_entry_is_write_dirty
	struct pt_common *common = common_from_iommu(iommu_table);
	struct pt_find_args find;
	struct pt_range range;
	int ret;

	if (!pt_dirty_supported(common))
		return -EOPNOTSUPP;
	ret = pt_make_mapped_range(common, iova, iova, &range);
	if (ret)
		return ret;
	ret = pt_walk_range(&range, pt_find_leaf, &find);
	if (ret)
		return ret; /* -ENOENT, or -EIO for a corrupt arena entry */
	while (!pt_entry_make_write_dirty(&find.leaf)) {
		if (pt_load_entry(&find.leaf) != PT_ENTRY_OA)
			return -ENOENT;
	}
	pt_flush_items(&find.leaf, 0);
	return 0;
#else
	(void)iommu_table;
	(void)iova;
	return -EOPNOTSUPP;
#endif
}

#include "iommu_pt_cut.h"

static u64 pt_all_pgsizes(struct pt_common *common)
{
	unsigned int max_level = pt_feature(common, PT_FEAT_DYNAMIC_TOP) ?
					 (unsigned int)PT_MAX_TOP_LEVEL :
					 pt_top_get_level(common);
	unsigned int vasz = common->max_vasz_lg2;
	struct pt_range range;
	struct pt_state pts;
	u64 sizes = 0;
	unsigned int level;

	range = pt_top_range(common);
	pts.range = &range;
	for (level = 0; level <= max_level; level++) {
		pts.level = (u8)level;
		sizes |= pt_possible_sizes(&pts);
	}
	if (pt_feature(common, PT_FEAT_SIGN_EXTEND))
		vasz--;
	if (vasz < 63)
		sizes &= log2_to_max_int(vasz + 1);
	/* As the kernel: no page size at or above the output limit. */
	if (common->max_oasz_lg2 < 64)
		sizes &= log2_to_max_int(common->max_oasz_lg2);
	return sizes;
}

static void DOMAIN_NS(get_info)(struct pt_iommu *iommu_table,
			 struct pt_iommu_info *info)
{
	info->pgsize_bitmap = pt_all_pgsizes(common_from_iommu(iommu_table));
}

static void DOMAIN_NS(deinit)(struct pt_iommu *iommu_table)
{
	struct pt_common *common = common_from_iommu(iommu_table);

	if (!common->top_of_table)
		return;
	if (common->arena_domain) {
		/*
		 * Arena memory may have been rewritten by someone else: free
		 * exactly what the runtime's records say this table owns.
		 */
		genericpt_arena_domain_close(
			common->arena_domain,
			pt_top_table_of(common->top_of_table));
		common->arena_domain = 0;
	} else {
		pt_free_all(common);
	}
	common->top_of_table = 0;
}

#include "iommu_pt_visit.h"

static const struct pt_iommu_ops DOMAIN_NS(ops) = {
	.set_dirty = DOMAIN_NS(set_dirty),
	.get_info = DOMAIN_NS(get_info),
	.cut = DOMAIN_NS(cut),
	.deinit = DOMAIN_NS(deinit),
	.for_each_entry = DOMAIN_NS(for_each_entry),
};

/**
 * init() - create an empty table (pt_iommu_FMT_init())
 * @fmt_table: the table; iommu.nid, iommu.driver_ops, iommu.iommu_device
 *     and iommu.domain.ops may be set before and are kept
 * @cfg: features, VA/OA limits and the format's own settings
 * @gfp: allocation flags for the top table
 *
 * Context: @fmt_table not in use. Nothing stays allocated on failure.
 * Return: 0; -EINVAL for a configuration the format cannot have;
 * -EOPNOTSUPP for a feature this library was not built with; -ENOMEM.
 */
int DOMAIN_NS(init)(struct pt_iommu_table *fmt_table,
	     const struct pt_iommu_table_cfg *cfg, gfp_t gfp)
{
	struct pt_iommu *iommu_table = &fmt_table->iommu;
	struct pt_common *common = common_from_iommu(iommu_table);
	const struct pt_iommu_driver_ops *dops = iommu_table->driver_ops;
	unsigned int features = cfg->common.features;
	unsigned int level, vasz, oasz;
	struct pt_range range;
	void *top;
	int ret;

	if (features & ~(unsigned int)(PT_SUPPORTED_FEATURES |
				       PT_FORCE_ENABLED_FEATURES))
		return -EOPNOTSUPP;
	memset(common, 0, sizeof(*common));
	common->features = features | (unsigned int)PT_FORCE_ENABLED_FEATURES;
	if (pt_feature(common, PT_FEAT_DYNAMIC_TOP) &&
	    (!dops || !dops->change_top || !dops->get_top_lock))
		return -EINVAL;

	vasz = cfg->common.hw_max_vasz_lg2 ? cfg->common.hw_max_vasz_lg2 :
					     (unsigned int)PT_MAX_VA_ADDRESS_LG2;
	oasz = cfg->common.hw_max_oasz_lg2 ? cfg->common.hw_max_oasz_lg2 :
					     (unsigned int)PT_MAX_OUTPUT_ADDRESS_LG2;
#ifdef pt_iommu_fmt_set_granule
	/* A granule chosen at init: set before anything depends on it. */
	ret = pt_iommu_fmt_set_granule(fmt_table, cfg);
	if (ret)
		return ret;
#endif
	if (vasz > 64 || oasz > 64 || vasz < pt_granule_lg2sz(common) ||
	    oasz < pt_granule_lg2sz(common))
		return -EINVAL;
	common->max_vasz_lg2 = (u8)min(vasz, (unsigned int)PT_MAX_VA_ADDRESS_LG2);
	common->max_oasz_lg2 =
		(u8)min(oasz, pt_max_oa_lg2(common));

	ret = pt_iommu_fmt_init(fmt_table, cfg);
	if (ret)
		return ret;
	/*
	 * hw_max_oasz_lg2 0 means the format's limit here (the kernel's init
	 * refuses 0); a kernel format copies it into max_oasz_lg2 as given.
	 */
	if (!common->max_oasz_lg2)
		common->max_oasz_lg2 = (u8)min(oasz, pt_max_oa_lg2(common));

	level = pt_top_get_level(common);
	range = pt_top_range(common);
	if (!pt_feature(common, PT_FEAT_DYNAMIC_TOP) &&
	    common->max_vasz_lg2 > pt_level_span_lg2(&range, level))
		common->max_vasz_lg2 = (u8)pt_level_span_lg2(&range, level);

	ret = genericpt_arena_domain_open(iommu_table->nid,
					  &common->arena_domain);
	if (ret)
		return ret;
	top = pt_alloc_table_mem(iommu_table, common,
				 (size_t)1 << pt_top_memsize_lg2(common, level),
				 gfp | pt_table_gfp_flags(common) |
					 PT_TOP_TABLE_GFP_FLAGS);
	if (!top) {
		if (common->arena_domain)
			genericpt_arena_domain_close(common->arena_domain,
						     NULL);
		common->arena_domain = 0;
		return -ENOMEM;
	}
	pt_flush_incoherent(common, top,
			    (size_t)1 << pt_top_memsize_lg2(common, level));
	pt_top_set(common, (struct pt_table_p *)top, level);

	iommu_table->ops = &DOMAIN_NS(ops);
	iommu_table->domain.pgsize_bitmap = (unsigned long)pt_all_pgsizes(common);
	if (pt_feature(common, PT_FEAT_SIGN_EXTEND)) {
		iommu_table->domain.geometry.aperture_start = 0;
		iommu_table->domain.geometry.aperture_end =
			log2_to_max_int(common->max_vasz_lg2 - 1);
	} else {
		iommu_table->domain.geometry.aperture_start =
			log2_set_mod(pt_full_va_prefix(common), 0,
				     common->max_vasz_lg2);
		iommu_table->domain.geometry.aperture_end =
			log2_set_mod_max(pt_full_va_prefix(common),
					 common->max_vasz_lg2);
	}
	iommu_table->domain.geometry.force_aperture = true;
	return 0;
}

/**
 * hw_info() - what the hardware needs to walk the table
 * @fmt_table: an initialised table
 * @info: the format's description of its root (address, levels, modes)
 *
 * Context: any time, lockless; with PT_FEAT_DYNAMIC_TOP the answer changes
 * as the table grows (driver_ops->change_top tells the driver).
 */
void DOMAIN_NS(hw_info)(struct pt_iommu_table *fmt_table,
		 struct pt_iommu_table_hw_info *info)
{
	struct pt_common *common = common_from_iommu(&fmt_table->iommu);
	struct pt_range range;

	range = pt_top_range(common);
	pt_iommu_fmt_hw_info(fmt_table, &range, info);
}

#endif /* __GENERIC_PT_IOMMU_PT_H */
