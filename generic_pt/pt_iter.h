/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Walking a VA range through the radix tree.
 *
 * A walk keeps its place: pts->index moves along one table and
 * pts->range->va advances with it, so a lower-level walk resumes exactly
 * where the upper one left off and no operation re-walks from the top per
 * entry.
 *
 * Algorithms are written as one always-inline body taking the level as a
 * parameter; PT_MAKE_LEVELS() stamps out one real function per level with
 * the level as a constant, so every level-dependent shift and mask folds.
 */
#ifndef __GENERIC_PT_PT_ITER_H
#define __GENERIC_PT_PT_ITER_H

#include "pt_common.h"

#include <linux/args.h>
#include <linux/errno.h>

/*
 * Names non-inline functions after the format (PTPFX, set by
 * fmt/iommu_template.h), so backtraces and symbol tables say which format's
 * copy ran.
 */
#define NS(fn) CONCATENATE(PTPFX, fn)

/**
 * pt_check_range() - is the range inside the VA space the table translates?
 * @range: range to check (from pt_make_range())
 *
 * Both ends must carry the table's VA prefix above max_vasz_lg2: for
 * PT_FEAT_SIGN_EXTEND the sign extension of their top translated bit (and
 * both in the same half), else pt_full_va_prefix().
 * Return: 0, or -ERANGE.
 */
static inline int pt_check_range(struct pt_range *range)
{
	pt_vaddr_t prefix;

	PT_WARN_ON(!range->max_vasz_lg2);
	if (pt_feature(range->common, PT_FEAT_SIGN_EXTEND)) {
		PT_WARN_ON(range->common->max_vasz_lg2 != range->max_vasz_lg2);
		prefix = fvalog2_div(range->va, range->max_vasz_lg2 - 1) ?
				 (pt_vaddr_t)PT_VADDR_MAX :
				 (pt_vaddr_t)0;
	} else {
		prefix = pt_full_va_prefix(range->common);
	}
	if (!fvalog2_div_eq(range->va, prefix, range->max_vasz_lg2) ||
	    !fvalog2_div_eq(range->last_va, prefix, range->max_vasz_lg2))
		return -ERANGE;
	return 0;
}

/*
 * Index the top table by the range's VA size (the kernel's way) rather
 * than by pt_num_items_lg2() like every other level? Both agree except for
 * a table of the top of the VA space (pt_full_va_prefix() not 0) whose VA
 * size is below its top level's span; the test folds away for formats
 * without a prefix, keeping every level's shifts constant.
 */
static __always_inline bool _pt_top_by_vasz(const struct pt_state *pts)
{
	return pt_full_va_prefix(pts->range->common) &&
	       pts->range->top_level == pts->level;
}

/**
 * pt_range_to_index() - the item of range->va in the table at @pts
 * @pts: the table
 */
static __always_inline unsigned int pt_range_to_index(const struct pt_state *pts)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	const struct pt_range *range = pts->range;

	if (_pt_top_by_vasz(pts))
		return (unsigned int)log2_div(
			fvalog2_mod(range->va, range->max_vasz_lg2), isz_lg2);
	return (unsigned int)log2_mod(log2_div(range->va, isz_lg2),
				      pt_num_items_lg2(pts));
}

/* Item index of @va in the table at pts->level (below the top). */
static __always_inline unsigned int pt_va_to_index(const struct pt_state *pts,
					  pt_vaddr_t va)
{
	return (unsigned int)log2_mod(log2_div(va, pt_table_item_lg2sz(pts)),
				      pt_num_items_lg2(pts));
}

/**
 * pt_range_to_end_index() - one past the last item of the range in @pts
 * @pts: the table, pts->index set
 *
 * The range's end inside this table, or the table's item count when the
 * range goes on past it.
 */
static __always_inline unsigned int pt_range_to_end_index(const struct pt_state *pts)
{
	const struct pt_range *range = pts->range;
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);

	if (_pt_top_by_vasz(pts))
		return (unsigned int)log2_div(fvalog2_mod(range->last_va,
							  range->max_vasz_lg2),
					      isz_lg2) +
		       1;
	if (log2_div_eq(range->va, range->last_va,
			pt_num_items_lg2(pts) + isz_lg2))
		return pt_va_to_index(pts, range->last_va) + 1;
	return (unsigned int)log2_to_int(pt_num_items_lg2(pts));
}

/*
 * First byte of VA the table at @pts covers, kept in the state so that item
 * VAs do not depend on range->va, which a lower walk moves on.
 */
static __always_inline pt_vaddr_t _pt_table_va(const struct pt_state *pts)
{
	const struct pt_range *range = pts->range;

	if (_pt_top_by_vasz(pts))
		return fvalog2_set_mod(range->va, 0, range->max_vasz_lg2);
	/* A table spans its items: a constant per level. */
	return log2_set_mod(range->va, 0,
			    pt_num_items_lg2(pts) + pt_table_item_lg2sz(pts));
}

/**
 * _pt_iter_first() - position @pts on the range's first item in its table
 * @pts: from pt_init()
 *
 * Sets index, end_index (and the table's first VA). for_each_pt_level_entry()
 * starts with this; walkers that go through items by hand call it.
 */
static __always_inline void _pt_iter_first(struct pt_state *pts)
{
	pts->index = pt_range_to_index(pts);
	pts->end_index = pt_range_to_end_index(pts);
	pts->table_va = _pt_table_va(pts);
	PT_WARN_ON(pts->index > pts->end_index);
}

/* Load the item at pts->index; false once the range's items are done. */
static __always_inline bool _pt_iter_load(struct pt_state *pts)
{
	if (pts->index >= pts->end_index)
		return false;
	pt_load_entry(pts);
	return true;
}

/**
 * pt_index_va() - the first VA of the item at pts->index
 * @pts: iteration state (after _pt_iter_first() or pt_load_single_entry())
 */
static __always_inline pt_vaddr_t pt_index_va(const struct pt_state *pts)
{
	return pts->table_va + log2_mul(pts->index, pt_table_item_lg2sz(pts));
}

/**
 * pt_index_to_va() - move range->va to the item at pts->index
 * @pts: iteration state
 */
static __always_inline void pt_index_to_va(struct pt_state *pts)
{
	pts->range->va = pt_index_va(pts);
}

/* Advance pts->index past the 2^index_count_lg2 aligned items it is in. */
static __always_inline void _pt_advance(struct pt_state *pts,
			       unsigned int index_count_lg2)
{
	pts->index = (unsigned int)(log2_set_mod(pts->index, 0,
						 index_count_lg2) +
				    log2_to_int(index_count_lg2));
}

/**
 * pt_entry_fully_covered() - does the range hold all of the item or entry?
 * @pts: iteration state
 * @oasz_lg2: its size: pt_table_item_lg2sz() or pt_entry_oa_lg2sz()
 */
static __always_inline bool pt_entry_fully_covered(const struct pt_state *pts,
					  unsigned int oasz_lg2)
{
	const struct pt_range *range = pts->range;
	pt_vaddr_t start = log2_set_mod(pt_index_va(pts), 0, oasz_lg2);

	return start >= range->va &&
	       range->last_va - start >= log2_to_max_int(oasz_lg2);
}

/**
 * pt_next_entry() - go to the entry after the current one
 * @pts: iteration state
 *
 * Skips the rest of a contiguous leaf and moves range->va to the new item.
 * Past the end of a full 64-bit space range->va wraps to 0, where the walk
 * ends.
 */
static __always_inline void pt_next_entry(struct pt_state *pts)
{
	if (pts->type == PT_ENTRY_OA)
		_pt_advance(pts, pt_entry_num_contig_lg2(pts));
	else
		pts->index++;
	pt_index_to_va(pts);
}

/**
 * for_each_pt_level_entry() - loop over the range's entries in one table
 * @pts: from pt_init(); each step has the entry loaded (pt_load_entry())
 */
#define for_each_pt_level_entry(pts) \
	for (_pt_iter_first(pts); _pt_iter_load(pts); pt_next_entry(pts))

/**
 * pt_load_single_entry() - load just the item holding range->va
 * @pts: from pt_init()
 *
 * For walks that go straight down one path (lookups, one-page map/unmap).
 * Return: pts->type.
 */
static __always_inline enum pt_entry_type pt_load_single_entry(struct pt_state *pts)
{
	pts->index = pt_range_to_index(pts);
	pts->end_index = pts->index + 1;
	pts->table_va = _pt_table_va(pts);
	return pt_load_entry(pts);
}

/**
 * pt_init() - a walker state for @table at @level
 * @range: the range being walked
 * @level: the table's level
 * @table: the table's memory
 *
 * Position it with for_each_pt_level_entry(), _pt_iter_first() or
 * pt_load_single_entry().
 */
static __always_inline struct pt_state
pt_init(struct pt_range *range, unsigned int level, struct pt_table_p *table)
{
	struct pt_state pts;

	/*
	 * The rest is set by whatever positions the state (_pt_iter_first(),
	 * pt_load_single_entry()); leaving it unwritten here keeps those
	 * stores out of the per-level walk.
	 */
	pts.range = range;
	pts.table = table;
	pts.level = (u8)level;
	return pts;
}

/**
 * pt_init_top() - a walker state for the range's top table
 * @range: the range being walked
 */
static __always_inline struct pt_state pt_init_top(struct pt_range *range)
{
	return pt_init(range, range->top_level, range->top_table);
}

/*
 * The range of the table as it is at @top_of_table: its top table and
 * level, and the VA it spans. A dynamic top that has not grown to
 * PT_MAX_TOP_LEVEL spans only what that top covers; a sign-extended table
 * gives its lower half.
 */
static __always_inline struct pt_range _pt_top_range(struct pt_common *common,
						     uintptr_t top_of_table)
{
	struct pt_range range = {
		.common = common,
		.top_table = pt_top_table_of(top_of_table),
		.va = 0,
		.last_va = 0,
		.top_level = (u8)pt_top_level_of(top_of_table),
		.max_vasz_lg2 = 0,
	};
	struct pt_state pts = pt_init(&range, range.top_level, NULL);
	unsigned int max_vasz_lg2 = common->max_vasz_lg2;

	if (pt_feature(common, PT_FEAT_DYNAMIC_TOP) &&
	    pts.level != PT_MAX_TOP_LEVEL)
		max_vasz_lg2 = min_t(unsigned int, common->max_vasz_lg2,
				     pt_num_items_lg2(&pts) +
					     pt_table_item_lg2sz(&pts));
	range.max_vasz_lg2 = (u8)max_vasz_lg2;
	if (pt_feature(common, PT_FEAT_SIGN_EXTEND))
		max_vasz_lg2--;
	range.va = fvalog2_set_mod(pt_full_va_prefix(common), 0, max_vasz_lg2);
	range.last_va =
		fvalog2_set_mod_max(pt_full_va_prefix(common), max_vasz_lg2);
	return range;
}

/**
 * pt_top_range() - the range the current top table spans
 * @common: the table
 *
 * Takes top_of_table once, so the (table, level) pair is consistent while a
 * dynamic top grows. For PT_FEAT_SIGN_EXTEND the lower half only.
 */
static __always_inline struct pt_range pt_top_range(struct pt_common *common)
{
	return _pt_top_range(common, READ_ONCE(common->top_of_table));
}

/**
 * pt_all_range() - a range over every item of the table
 * @common: the table
 *
 * For PT_FEAT_SIGN_EXTEND the range pretends the table starts at 0, so its
 * indexes cover both halves; its va/last_va are then not real addresses.
 */
static inline struct pt_range pt_all_range(struct pt_common *common)
{
	struct pt_range range = pt_top_range(common);

	if (!pt_feature(common, PT_FEAT_SIGN_EXTEND))
		return range;
	range.last_va = fvalog2_set_mod_max(0, range.max_vasz_lg2);
	return range;
}

/**
 * pt_upper_range() - the upper half of a sign-extended table
 * @common: the table
 *
 * Without PT_FEAT_SIGN_EXTEND the whole table, as pt_top_range().
 */
static inline struct pt_range pt_upper_range(struct pt_common *common)
{
	struct pt_range range = pt_top_range(common);

	if (!pt_feature(common, PT_FEAT_SIGN_EXTEND))
		return range;
	range.va = fvalog2_set_mod(PT_VADDR_MAX, 0, range.max_vasz_lg2 - 1);
	range.last_va = PT_VADDR_MAX;
	return range;
}

/**
 * pt_make_range() - a range [@va, @last_va] of the table
 * @common: the table
 * @va: first VA
 * @last_va: last VA (inclusive)
 *
 * Check it with pt_check_range() before walking it.
 */
static __always_inline struct pt_range
pt_make_range(struct pt_common *common, pt_vaddr_t va, pt_vaddr_t last_va)
{
	struct pt_range range =
		_pt_top_range(common, READ_ONCE(common->top_of_table));

	range.va = va;
	range.last_va = last_va;
	return range;
}

/* A slice [@va, @last_va] of @parent's table, for a walk below it. */
static __always_inline struct pt_range
pt_make_child_range(const struct pt_range *parent, pt_vaddr_t va,
		    pt_vaddr_t last_va)
{
	struct pt_range range = *parent;

	range.va = va;
	range.last_va = last_va;
	PT_WARN_ON(last_va < va);
	return range;
}

/* A walker for one table: PT_MAKE_LEVELS() builds these. */
typedef int (*pt_level_fn_t)(struct pt_range *range, void *arg,
			     unsigned int level, struct pt_table_p *table);

/**
 * pt_descend() - run the walker one level down, on the table at @pts
 * @pts: a PT_ENTRY_TABLE entry, loaded
 * @arg: the walker's argument
 * @fn: the walker for the lower level (the @descend PT_MAKE_LEVELS() gives)
 *
 * Return: what @fn returns; -EIO when pt_table_ptr() refused the entry's
 * pointer (a corrupt entry in an arena table).
 */
static __always_inline int pt_descend(struct pt_state *pts, void *arg,
				      pt_level_fn_t fn)
{
	if (unlikely(!pts->table_lower))
		return pt_table_corrupt(pts);
	return fn(pts->range, arg, pts->level - 1, pts->table_lower);
}

/**
 * pt_walk_range() - walk @range from its top table
 * @range: a checked range (pt_check_range())
 * @fn: a PT_MAKE_LEVELS() walker
 * @arg: its argument
 */
static __always_inline int pt_walk_range(struct pt_range *range,
					 pt_level_fn_t fn, void *arg)
{
	return fn(range, arg, range->top_level, range->top_table);
}

/**
 * pt_walk_descend() - walk [@va, @last_va] of the table below @pts
 * @pts: a PT_ENTRY_TABLE entry, loaded; @va..@last_va inside its item
 * @va: first VA
 * @last_va: last VA
 * @fn: a PT_MAKE_LEVELS() walker
 * @arg: its argument
 *
 * A new walk on its own range: @pts and its range are not changed.
 */
static __always_inline int pt_walk_descend(const struct pt_state *pts,
					   pt_vaddr_t va, pt_vaddr_t last_va,
					   pt_level_fn_t fn, void *arg)
{
	struct pt_range range = pt_make_child_range(pts->range, va, last_va);

	if (PT_WARN_ON(!pt_can_have_table(pts)) ||
	    PT_WARN_ON(!pts->table_lower))
		return -EINVAL;
	return fn(&range, arg, pts->level - 1, pts->table_lower);
}

/**
 * pt_walk_descend_all() - walk all of the table below @parent_pts
 * @parent_pts: a PT_ENTRY_TABLE entry, loaded
 * @fn: a PT_MAKE_LEVELS() walker
 * @arg: its argument
 */
static __always_inline int
pt_walk_descend_all(const struct pt_state *parent_pts, pt_level_fn_t fn,
		    void *arg)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(parent_pts);
	pt_vaddr_t va = log2_set_mod(pt_index_va(parent_pts), 0, isz_lg2);

	return pt_walk_descend(parent_pts, va,
			       log2_set_mod_max(va, isz_lg2), fn, arg);
}

/**
 * pt_range_slice() - the range of items [@start_index, @end_index) of @pts
 * @pts: iteration state
 * @start_index: first item
 * @end_index: one past the last item
 */
static inline struct pt_range pt_range_slice(const struct pt_state *pts,
					     unsigned int start_index,
					     unsigned int end_index)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	pt_vaddr_t va = pts->table_va + log2_mul(start_index, isz_lg2);

	return pt_make_child_range(pts->range, va,
				   pts->table_va +
					   log2_mul(end_index, isz_lg2) - 1);
}

/**
 * pt_top_memsize_lg2() - log2 of the bytes of a top table
 * @common: the table
 * @top_of_table: the top as _pt_top_set() builds it (the table part may be
 *     NULL: only the level is used)
 *
 * A dynamic top is sized for the items it can ever have at that level. At
 * least the alignment the top pointer register needs (PT_TOP_PHYS_MASK). A
 * format with other rules (concatenated or wider top tables) defines its
 * own.
 */
#ifndef pt_top_memsize_lg2
static inline unsigned int pt_top_memsize_lg2(struct pt_common *common,
					      uintptr_t top_of_table)
{
	struct pt_range range = _pt_top_range(common, top_of_table);
	struct pt_state pts = pt_init_top(&range);
	unsigned int num_items_lg2;

	num_items_lg2 = common->max_vasz_lg2 - pt_table_item_lg2sz(&pts);
	if (range.top_level != PT_MAX_TOP_LEVEL &&
	    pt_feature(common, PT_FEAT_DYNAMIC_TOP))
		num_items_lg2 = min(num_items_lg2, pt_num_items_lg2(&pts));
	return max(ffs_t(u64, PT_TOP_PHYS_MASK),
		   num_items_lg2 + ilog2(PT_ITEM_WORD_SIZE));
}
#endif

/**
 * pt_compute_best_pgsize() - the largest leaf that fits at @va
 * @pgsz_bitmap: the sizes allowed
 * @va: first VA of the leaf
 * @last_va: the leaf may not go past this
 * @oa: first OA of the leaf
 *
 * A size aligned at both @va and @oa and not running past @last_va.
 * Return: its log2, or 0 if no allowed size fits.
 */
static inline unsigned int pt_compute_best_pgsize(pt_vaddr_t pgsz_bitmap,
						  pt_vaddr_t va,
						  pt_vaddr_t last_va,
						  pt_oaddr_t oa)
{
	u64 len = last_va - va + 1; /* 0 means the whole 64-bit space */

	if (len)
		pgsz_bitmap &= log2_to_max_int(log2_fls(len));
	pgsz_bitmap &= log2_to_max_int(log2_ffs(va | oa) + 1);
	if (!pgsz_bitmap)
		return 0;
	return log2_fls(pgsz_bitmap) - 1;
}

/* Below level 0, where no table can exist; reaching it is a bug. */
static inline int pt_no_lower_level(struct pt_range *range, void *arg,
				    unsigned int level,
				    struct pt_table_p *table)
{
	(void)range;
	(void)arg;
	(void)level;
	(void)table;
	WARN_ON(true);
	return -EPROTOTYPE;
}

#define _PT_MAKE_LEVEL_FN(fn, lvl, descend_fn, do_fn)                     \
	static int CONCATENATE(fn, lvl)(struct pt_range * r, void *a,     \
					unsigned int unused_level,        \
					struct pt_table_p *t)             \
	{                                                                 \
		(void)unused_level;                                       \
		return do_fn(r, a, lvl, t, descend_fn);                   \
	}

/**
 * PT_MAKE_LEVELS() - build a walker with the level a constant at each level
 * @fn: name of the walker: fn(range, arg, level, table), a pt_level_fn_t
 * @do_fn: the body, an __always_inline function
 *     do_fn(range, arg, level, table, descend) whose @descend is the walker
 *     one level down (pass it to pt_descend())
 *
 * One copy of @do_fn per level (fn0 .. fn5), each with @level a compile-time
 * constant, so every level-dependent shift and mask folds; @fn dispatches
 * on the run-time level.
 */
#define PT_MAKE_LEVELS(fn, do_fn)                                              \
	_PT_MAKE_LEVEL_FN(fn, 0, pt_no_lower_level, do_fn)                     \
	_PT_MAKE_LEVEL_FN(fn, 1, CONCATENATE(fn, 0), do_fn)                    \
	_PT_MAKE_LEVEL_FN(fn, 2, CONCATENATE(fn, 1), do_fn)                    \
	_PT_MAKE_LEVEL_FN(fn, 3, CONCATENATE(fn, 2), do_fn)                    \
	_PT_MAKE_LEVEL_FN(fn, 4, CONCATENATE(fn, 3), do_fn)                    \
	_PT_MAKE_LEVEL_FN(fn, 5, CONCATENATE(fn, 4), do_fn)                    \
	static __maybe_unused int fn(struct pt_range *r, void *a,              \
				     unsigned int level, struct pt_table_p *t) \
	{                                                                      \
		switch (level) {                                               \
		case 0:                                                        \
			return CONCATENATE(fn, 0)(r, a, 0, t);                 \
		case 1:                                                        \
			return PT_MAX_TOP_LEVEL >= 1 ?                         \
				       CONCATENATE(fn, 1)(r, a, 1, t) :        \
				       -EINVAL;                                \
		case 2:                                                        \
			return PT_MAX_TOP_LEVEL >= 2 ?                         \
				       CONCATENATE(fn, 2)(r, a, 2, t) :        \
				       -EINVAL;                                \
		case 3:                                                        \
			return PT_MAX_TOP_LEVEL >= 3 ?                         \
				       CONCATENATE(fn, 3)(r, a, 3, t) :        \
				       -EINVAL;                                \
		case 4:                                                        \
			return PT_MAX_TOP_LEVEL >= 4 ?                         \
				       CONCATENATE(fn, 4)(r, a, 4, t) :        \
				       -EINVAL;                                \
		case 5:                                                        \
			return PT_MAX_TOP_LEVEL >= 5 ?                         \
				       CONCATENATE(fn, 5)(r, a, 5, t) :        \
				       -EINVAL;                                \
		}                                                              \
		return -EINVAL;                                                \
	}

#endif
