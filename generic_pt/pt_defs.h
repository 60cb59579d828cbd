/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The vocabulary of the generic page-table code.
 *
 * Words used throughout:
 *  - level: 0 is the table holding the smallest leaves; the top table has the
 *    highest level.
 *  - item: one slot of a table. An entry is what an item holds; an entry may
 *    fuse 2^n aligned items into one translation ("contiguous" entries).
 *  - va / oa: input (IOVA) and output (physical) address.
 *  - _lg2: a log2 value; a size "lg2sz".
 *  - start/end is a half-open range, va/last_va a closed one.
 *
 * This header is included after fmt/defs_FMT.h, which supplies pt_vaddr_t,
 * pt_oaddr_t and struct pt_write_attrs, and before fmt/FMT.h.
 */
#ifndef __GENERIC_PT_DEFS_H
#define __GENERIC_PT_DEFS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/compiler_attributes.h>
#include <linux/container_of.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/iommu-pages.h>
#include <linux/generic_pt/common.h>

#include <linux/limits.h>
#include <linux/kconfig.h>
#include "pt_log2.h"

/* Compiled on its own (no format before it): a 64-bit format's types. */
#ifndef pt_write_attrs
typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;
#endif

/* Opaque type for a table in CPU memory. */
struct pt_table_p;

/* The largest VA / OA the format's address types hold, and their widths. */
enum {
	PT_VADDR_MAX = sizeof(pt_vaddr_t) == 8 ? U64_MAX : U32_MAX,
	PT_VADDR_MAX_LG2 = sizeof(pt_vaddr_t) == 8 ? 64 : 32,
	PT_OADDR_MAX = sizeof(pt_oaddr_t) == 8 ? U64_MAX : U32_MAX,
	PT_OADDR_MAX_LG2 = sizeof(pt_oaddr_t) == 8 ? 64 : 32,
};

/*
 * The log2 helpers under the kernel's spellings: oalog2_* work in
 * pt_oaddr_t, valog2_* and fvalog2_* in pt_vaddr_t (fva: lg2 may be the
 * whole width, PT_FEAT_FULL_VA). Each converts its operand to the format's
 * type and computes with the u64 functions of pt_log2.h, which are defined
 * up to lg2 == 64, so the result is the kernel's - an armv7s or x86pae
 * value is cut to 32 bits - and the fva forms need no special case. For a
 * 64-bit format the conversions are no-ops.
 */
#define _pt_lg2_conv(type, fn, a, ...) ((type)fn((type)(a), __VA_ARGS__))

#define oalog2_to_int(b_lg2) ((pt_oaddr_t)log2_to_int(b_lg2))
#define oalog2_to_max_int(b_lg2) ((pt_oaddr_t)log2_to_max_int(b_lg2))
#define oalog2_div(a, b_lg2) _pt_lg2_conv(pt_oaddr_t, log2_div, a, b_lg2)
#define oalog2_mul(a, b_lg2) _pt_lg2_conv(pt_oaddr_t, log2_mul, a, b_lg2)
#define oalog2_mod(a, b_lg2) _pt_lg2_conv(pt_oaddr_t, log2_mod, a, b_lg2)
#define oalog2_div_eq(a, b, c_lg2) \
	log2_div_eq((pt_oaddr_t)(a), (pt_oaddr_t)(b), c_lg2)
#define oalog2_mod_eq_max(a, b_lg2) log2_mod_eq_max((pt_oaddr_t)(a), b_lg2)
#define oalog2_set_mod(a, val, b_lg2) \
	_pt_lg2_conv(pt_oaddr_t, log2_set_mod, a, (pt_oaddr_t)(val), b_lg2)
#define oalog2_set_mod_max(a, b_lg2) \
	_pt_lg2_conv(pt_oaddr_t, log2_set_mod_max, a, b_lg2)
#define oaffs(a) log2_ffs((pt_oaddr_t)(a))
#define oafls(a) log2_fls((pt_oaddr_t)(a))
#define oaffz(a) log2_ffz((pt_oaddr_t)(a))

#define valog2_to_int(b_lg2) ((pt_vaddr_t)log2_to_int(b_lg2))
#define valog2_to_max_int(b_lg2) ((pt_vaddr_t)log2_to_max_int(b_lg2))
#define valog2_div(a, b_lg2) _pt_lg2_conv(pt_vaddr_t, log2_div, a, b_lg2)
#define valog2_mul(a, b_lg2) _pt_lg2_conv(pt_vaddr_t, log2_mul, a, b_lg2)
#define valog2_mod(a, b_lg2) _pt_lg2_conv(pt_vaddr_t, log2_mod, a, b_lg2)
#define valog2_div_eq(a, b, c_lg2) \
	log2_div_eq((pt_vaddr_t)(a), (pt_vaddr_t)(b), c_lg2)
#define valog2_set_mod(a, val, b_lg2) \
	_pt_lg2_conv(pt_vaddr_t, log2_set_mod, a, (pt_vaddr_t)(val), b_lg2)
#define valog2_set_mod_max(a, b_lg2) \
	_pt_lg2_conv(pt_vaddr_t, log2_set_mod_max, a, b_lg2)
/* vaffs(0) and vaffz(PT_VADDR_MAX) are 64 (the kernel leaves them undefined). */
#define vaffs(a) log2_ffs((pt_vaddr_t)(a))
#define vafls(a) log2_fls((pt_vaddr_t)(a))
#define vaffz(a) log2_ffs((pt_vaddr_t)~(pt_vaddr_t)(a))

#define fvalog2_to_int valog2_to_int
#define fvalog2_to_max_int valog2_to_max_int
#define fvalog2_div valog2_div
#define fvalog2_mul valog2_mul
#define fvalog2_mod valog2_mod
#define fvalog2_div_eq valog2_div_eq
#define fvalog2_set_mod valog2_set_mod
#define fvalog2_set_mod_max valog2_set_mod_max

enum pt_entry_type {
	PT_ENTRY_EMPTY,
	PT_ENTRY_TABLE,
	/* A leaf: the entry holds an output address. */
	PT_ENTRY_OA,
};

/**
 * struct pt_range - a VA range being worked on, and the table it lives in
 * @common: the page table
 * @top_table: the top table, as read once from common->top_of_table
 * @va: first VA still to be processed; walkers advance it as they go
 * @last_va: last VA of the range (inclusive)
 * @top_level: level of @top_table
 * @max_vasz_lg2: VA bits the table translates
 */
struct pt_range {
	struct pt_common *common;
	struct pt_table_p *top_table;
	pt_vaddr_t va;
	pt_vaddr_t last_va;
	u8 top_level;
	u8 max_vasz_lg2;
};

/**
 * struct pt_state - the walker's position inside one table
 * @range: the range being walked
 * @table: the table at @level
 * @table_lower: for a PT_ENTRY_TABLE entry, the table it points to
 * @entry: raw value of the current entry (as loaded)
 * @type: kind of the current entry
 * @index: current item index in @table (a table may have more than 2^16
 *     items: 16 concatenated ARMv8 64K start tables hold 2^17)
 * @end_index: one past the last index inside @range
 * @level: level of @table
 * @table_va: first VA the whole @table covers, taken when the walk entered
 *     it; item VAs derive from it, so a lower walk that advanced
 *     range->va past this table cannot disturb this level's position
 */
struct pt_state {
	struct pt_range *range;
	struct pt_table_p *table;
	struct pt_table_p *table_lower;
	u64 entry;
	enum pt_entry_type type;
	unsigned int index;
	unsigned int end_index;
	u8 level;
	pt_vaddr_t table_va;
};

#define pt_cur_table(pts, type) ((type *)((pts)->table))

#ifndef PT_SUPPORTED_FEATURES
#define PT_SUPPORTED_FEATURES 0
#endif
#ifndef PT_FORCE_ENABLED_FEATURES
#define PT_FORCE_ENABLED_FEATURES 0
#endif

/* Non-zero if this library was built with @feature_nr. */
#define PT_SUPPORTED_FEATURE(feature_nr) \
	((u64)(PT_SUPPORTED_FEATURES) & BIT_ULL(feature_nr))

/*
 * A feature is on if the format forces it, or if the library was built with
 * it and the table enabled it. Both masks are compile-time constants, so a
 * feature the library does not support costs nothing at run time.
 */
static inline bool pt_feature(const struct pt_common *common,
			      unsigned int feature_nr)
{
	if ((u64)(PT_FORCE_ENABLED_FEATURES) & BIT_ULL(feature_nr))
		return true;
	if (!((u64)(PT_SUPPORTED_FEATURES) & BIT_ULL(feature_nr)))
		return false;
	return common->features & BIT(feature_nr);
}

static inline bool pts_feature(const struct pt_state *pts,
			       unsigned int feature_nr)
{
	return pt_feature(pts->range->common, feature_nr);
}

/* common->top_of_table for @table_mem at @top_level. */
static inline uintptr_t _pt_top_set(struct pt_table_p *table_mem,
				    unsigned int top_level)
{
	return (uintptr_t)table_mem | top_level;
}

/* Split and build common->top_of_table. */
static inline struct pt_table_p *pt_top_table_of(uintptr_t top_of_table)
{
	return (struct pt_table_p *)(top_of_table &
				     ~(uintptr_t)PT_TOP_LEVEL_MASK);
}

static inline unsigned int pt_top_level_of(uintptr_t top_of_table)
{
	return (unsigned int)(top_of_table & PT_TOP_LEVEL_MASK);
}

/*
 * Release: a new top (PT_FEAT_DYNAMIC_TOP) is built privately, so its
 * memory must be visible before lockless walkers can load the pointer.
 */
static inline void pt_top_set(struct pt_common *common,
			      struct pt_table_p *table, unsigned int level)
{
	smp_store_release(&common->top_of_table, _pt_top_set(table, level));
}

static inline void pt_top_set_level(struct pt_common *common,
				    unsigned int level)
{
	pt_top_set(common, pt_top_table_of(common->top_of_table), level);
}

static inline unsigned int pt_top_get_level(const struct pt_common *common)
{
	return pt_top_level_of(READ_ONCE(common->top_of_table));
}

/*
 * PT_WARN_ON() is for invariants the tests (KUnit, the oracles) show cannot
 * break: checked only with CONFIG_DEBUG_GENERIC_PT, as in the kernel, so it
 * costs nothing on the fast paths. Checks that guard against bad input or
 * hardware limits use WARN_ON().
 */
#if IS_ENABLED(CONFIG_DEBUG_GENERIC_PT)
#define PT_WARN_ON WARN_ON
#else
static inline bool PT_WARN_ON(bool condition)
{
	(void)condition;
	return false;
}
#endif

/*
 * Install a table pointer with a release cmpxchg against the value that was
 * loaded into pts->entry. Release ordering publishes the zeroed (and maybe
 * pre-filled) lower table before the pointer to it. Returns false if another
 * thread changed the item first.
 */
static inline bool pt_table_install64(struct pt_state *pts, u64 entry)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 old = pts->entry;

	if (!try_cmpxchg64_release(tablep, &old, entry))
		return false;
	pts->entry = entry;
	return true;
}

static inline bool pt_table_install32(struct pt_state *pts, u32 entry)
{
	u32 *tablep = pt_cur_table(pts, u32) + pts->index;
	u32 old = (u32)pts->entry;

	if (!try_cmpxchg_release(tablep, &old, entry))
		return false;
	pts->entry = entry;
	return true;
}

/* Defined in pt_fmt_defaults.h; a format's pt_install_leaf_entry() may use it. */
static inline bool pt_check_install_leaf_args(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2);

#endif
