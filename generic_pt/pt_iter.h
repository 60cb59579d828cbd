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

/* Item index of @va in the table at pts->level. */
static inline unsigned int pt_va_to_index(const struct pt_state *pts,
					  pt_vaddr_t va)
{
	return (unsigned int)log2_mod(log2_div(va, pt_table_item_lg2sz(pts)),
				      pt_num_items_lg2(pts));
}

/* Index of the first item past the range, inside this table. */
static inline unsigned int pt_range_to_end_index(const struct pt_state *pts)
{
	const struct pt_range *range = pts->range;

	if (log2_div_eq(range->va, range->last_va, pt_table_oa_lg2sz(pts)))
		return pt_va_to_index(pts, range->last_va) + 1;
	return (unsigned int)log2_to_int(pt_num_items_lg2(pts));
}

/* Position @pts at range->va in @table, a table at @level. */
static inline void pt_init(struct pt_state *pts, struct pt_range *range,
			   unsigned int level, struct pt_table_p *table)
{
	pts->range = range;
	pts->table = table;
	pts->level = (u8)level;
	pts->type = PT_ENTRY_EMPTY;
	pts->entry = 0;
	pts->table_lower = NULL;
	pts->index = (unsigned int)pt_va_to_index(pts, range->va);
	pts->end_index = (unsigned int)pt_range_to_end_index(pts);
	pts->table_va = log2_set_mod(range->va, 0, pt_table_oa_lg2sz(pts));
}

/*
 * Position @pts at the single item holding range->va, for walks that go
 * straight down one path (lookups, one-page map/unmap): no end index work.
 */
static inline void pt_init_one(struct pt_state *pts, struct pt_range *range,
			       unsigned int level, struct pt_table_p *table)
{
	pts->range = range;
	pts->table = table;
	pts->level = (u8)level;
	pts->index = (unsigned int)pt_va_to_index(pts, range->va);
	pts->end_index = (unsigned int)(pts->index + 1);
	pts->table_va = log2_set_mod(range->va, 0, pt_table_oa_lg2sz(pts));
}

static inline void pt_init_top(struct pt_state *pts, struct pt_range *range)
{
	pt_init(pts, range, range->top_level, range->top_table);
}

/* Read the entry at pts->index and classify it. */
static __always_inline enum pt_entry_type pt_load_entry(struct pt_state *pts)
{
	pts->type = pt_load_entry_raw(pts);
	if (pts->type == PT_ENTRY_TABLE)
		pts->table_lower = pt_table_ptr(pts);
	return pts->type;
}

/* VA of the first byte of the item at pts->index. */
static inline pt_vaddr_t pt_index_va(const struct pt_state *pts)
{
	return pts->table_va + log2_mul(pts->index, pt_table_item_lg2sz(pts));
}

/* True if the leaf/table spanning 2^lg2sz bytes at pts->index lies inside the range. */
static inline bool pt_entry_fully_covered(const struct pt_state *pts,
					  unsigned int lg2sz)
{
	const struct pt_range *range = pts->range;
	pt_vaddr_t start = log2_set_mod(pt_index_va(pts), 0, lg2sz);

	return start >= range->va &&
	       range->last_va - start >= log2_to_max_int(lg2sz);
}

/*
 * Move to the item after the current entry (after the whole contiguous run
 * for a leaf) and advance range->va to its first byte.
 */
static inline void pt_next_entry(struct pt_state *pts)
{
	unsigned int n_lg2 = pts->type == PT_ENTRY_OA ?
				     pt_entry_num_contig_lg2(pts) : 0;

	pts->index = (unsigned int)(log2_set_mod(pts->index, 0, n_lg2) +
				      log2_to_int(n_lg2));
	/* Wraps to 0 past the end of a full 64-bit space; the walk ends there. */
	pts->range->va = pt_index_va(pts);
}

/* Iterate over every item of the range inside the table of @pts. */
#define for_each_pt_level_entry(pts)                                  \
	for (pt_load_entry(pts); (pts)->index < (pts)->end_index;    \
	     pt_next_entry(pts), ((pts)->index < (pts)->end_index ?  \
					  (void)pt_load_entry(pts) : \
					  (void)0))

typedef int (*pt_level_fn_t)(struct pt_range *range, void *arg,
			     struct pt_table_p *table);

/* Used below level 0, where no table can exist; reaching it is a bug. */
static inline int pt_no_lower_level(struct pt_range *range, void *arg,
				    struct pt_table_p *table)
{
	(void)range;
	(void)arg;
	(void)table;
	WARN_ON(true);
	return -EINVAL;
}

/*
 * PT_MAKE_LEVELS(fn, do_fn) defines fn(range, arg, level, table), which runs
 * do_fn(range, arg, level, table, descend) with @level a compile-time
 * constant in each of six per-level copies; @descend is the copy one level
 * down, to be called with the lower table.
 */
#define PT_MAKE_LEVELS(fn, do_fn)                                              \
	static int fn##_l0(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 0, t, pt_no_lower_level);                   \
	}                                                                      \
	static int fn##_l1(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 1, t, fn##_l0);                             \
	}                                                                      \
	static int fn##_l2(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 2, t, fn##_l1);                             \
	}                                                                      \
	static int fn##_l3(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 3, t, fn##_l2);                             \
	}                                                                      \
	static int fn##_l4(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 4, t, fn##_l3);                             \
	}                                                                      \
	static int fn##_l5(struct pt_range *r, void *a, struct pt_table_p *t)  \
	{                                                                      \
		return do_fn(r, a, 5, t, fn##_l4);                             \
	}                                                                      \
	static __maybe_unused int fn(struct pt_range *r, void *a,              \
				     unsigned int level, struct pt_table_p *t) \
	{                                                                      \
		switch (level) {                                               \
		case 0:                                                        \
			return fn##_l0(r, a, t);                               \
		case 1:                                                        \
			return PT_MAX_TOP_LEVEL >= 1 ? fn##_l1(r, a, t) :      \
						       -EINVAL;                \
		case 2:                                                        \
			return PT_MAX_TOP_LEVEL >= 2 ? fn##_l2(r, a, t) :      \
						       -EINVAL;                \
		case 3:                                                        \
			return PT_MAX_TOP_LEVEL >= 3 ? fn##_l3(r, a, t) :      \
						       -EINVAL;                \
		case 4:                                                        \
			return PT_MAX_TOP_LEVEL >= 4 ? fn##_l4(r, a, t) :      \
						       -EINVAL;                \
		case 5:                                                        \
			return PT_MAX_TOP_LEVEL >= 5 ? fn##_l5(r, a, t) :      \
						       -EINVAL;                \
		}                                                              \
		return -EINVAL;                                                \
	}

/* Walk the range from the top table with a PT_MAKE_LEVELS() function. */
#define pt_walk_range(range, fn, arg) \
	fn((range), (arg), (range)->top_level, (range)->top_table)

/*
 * Call the lower-level copy on the table the current entry points to.
 * -EIO when pt_table_ptr() refused the entry's pointer (a corrupt entry in
 * an arena table).
 */
static __always_inline int pt_descend(struct pt_state *pts, void *arg,
				      pt_level_fn_t descend)
{
	if (unlikely(!pts->table_lower))
		return pt_table_corrupt(pts);
	return descend(pts->range, arg, pts->table_lower);
}

#endif
