/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Default bodies for format functions a format may leave out. Included by
 * pt_common.h after fmt/FMT.h: every function here is only defined when the
 * format did not #define its own.
 *
 * A format must at least provide: pt_entry_oa, pt_table_pa,
 * pt_num_items_lg2, pt_load_entry_raw, pt_install_leaf_entry,
 * pt_install_table, pt_can_have_leaf, pt_attr_from_entry, pt_iommu_set_prot
 * and the constants PT_ITEM_WORD_SIZE, PT_GRANULE_LG2SZ, PT_TABLEMEM_LG2SZ,
 * PT_MAX_TOP_LEVEL, PT_MAX_VA_ADDRESS_LG2, PT_MAX_OUTPUT_ADDRESS_LG2.
 */
#ifndef __GENERIC_PT_PT_FMT_DEFAULTS_H
#define __GENERIC_PT_PT_FMT_DEFAULTS_H

#include <asm/page.h>
#include <linux/log2.h>

/* Log2 of the VA span of one item at pts->level. */
#ifndef pt_table_item_lg2sz
static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts)
{
	return PT_GRANULE_LG2SZ +
	       (PT_TABLEMEM_LG2SZ - ilog2(PT_ITEM_WORD_SIZE)) * pts->level;
}
#endif

/*
 * Log2 of the smallest leaf, the granule. A format whose granule is chosen
 * at init (armv8) reads it from the table and defines its own.
 */
#ifndef pt_granule_lg2sz
static inline unsigned int pt_granule_lg2sz(const struct pt_common *common)
{
	(void)common;
	return PT_GRANULE_LG2SZ;
}
#endif

/* With equal-sized levels a leaf size names its level directly. */
#ifndef pt_pgsz_lg2_to_level
static inline unsigned int pt_pgsz_lg2_to_level(struct pt_common *common,
						unsigned int pgsize_lg2)
{
	(void)common;
	return (pgsize_lg2 - PT_GRANULE_LG2SZ) /
	       (PT_TABLEMEM_LG2SZ - ilog2(PT_ITEM_WORD_SIZE));
}
#endif

/*
 * Entries never fuse items unless the format says so. A format with
 * contiguous entries gives pt_entry_num_contig_lg2() and either
 * pt_possible_sizes() or, for one contiguous size per level,
 * pt_contig_count_lg2().
 */
#ifndef pt_entry_num_contig_lg2
static inline unsigned int pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	(void)pts;
	return 0;
}

#ifndef pt_contig_count_lg2
static inline unsigned short pt_contig_count_lg2(const struct pt_state *pts)
{
	(void)pts;
	return 0;
}
#define pt_contig_count_lg2 pt_contig_count_lg2
#endif
#endif

/* The item size, and the format's one contiguous size if it has one. */
#ifndef pt_possible_sizes
static inline unsigned short pt_contig_count_lg2(const struct pt_state *pts);

static inline pt_vaddr_t pt_possible_sizes(const struct pt_state *pts)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);

	if (!pt_can_have_leaf(pts))
		return 0;
	return log2_to_int(isz_lg2) |
	       log2_to_int(pt_contig_count_lg2(pts) + isz_lg2);
}
#endif

/*
 * Without dirty helpers nothing is ever dirty and dirty tracking is not
 * supported; with them it is, unless the format says otherwise.
 */
#ifndef pt_entry_is_write_dirty
static inline bool pt_entry_is_write_dirty(const struct pt_state *pts)
{
	(void)pts;
	return false;
}

static inline void pt_entry_make_write_clean(struct pt_state *pts)
{
	(void)pts;
}

#ifndef pt_dirty_supported
static inline bool pt_dirty_supported(struct pt_common *common)
{
	(void)common;
	return false;
}
#define pt_dirty_supported pt_dirty_supported
#endif
#endif

/**
 * pt_dirty_supported() - can this table track writes right now?
 * @common: the table
 *
 * A format with dirty helpers (pt_entry_is_write_dirty, ...) whose hardware
 * only tracks writes under a runtime feature defines this; when it returns
 * false, read_and_clear_dirty and set_dirty fail with -EOPNOTSUPP and no
 * dirty state is read or changed. Default with dirty helpers: always true.
 */
#ifndef pt_dirty_supported
static inline bool pt_dirty_supported(struct pt_common *common)
{
	(void)common;
	return true;
}
#endif

#ifndef pt_entry_make_write_dirty
static inline bool pt_entry_make_write_dirty(struct pt_state *pts)
{
	(void)pts;
	return false;
}
#endif

/*
 * A format gives pt_entry_oa() (the OA of the whole entry) or pt_item_oa()
 * (the OA of each item); the other is built here. _pt_entry_oa_fast() is
 * whichever the format gave: pt_entry_oa_exact() only needs the bits above
 * the offset inside the entry, which both carry.
 */
#ifdef pt_entry_oa
static inline pt_oaddr_t pt_item_oa(const struct pt_state *pts)
{
	return pt_entry_oa(pts) |
	       log2_mul(log2_mod(pts->index, pt_entry_num_contig_lg2(pts)),
			pt_table_item_lg2sz(pts));
}
#define _pt_entry_oa_fast pt_entry_oa
#endif

#ifdef pt_item_oa
static inline pt_oaddr_t pt_entry_oa(const struct pt_state *pts)
{
	return log2_set_mod(pt_item_oa(pts), 0, pt_entry_oa_lg2sz(pts));
}
#define _pt_entry_oa_fast pt_item_oa
#endif

#ifndef pt_max_oa_lg2
static inline unsigned int pt_max_oa_lg2(const struct pt_common *common)
{
	(void)common;
	return PT_MAX_OUTPUT_ADDRESS_LG2;
}
#endif

#ifndef pt_has_system_page_size
static inline bool pt_has_system_page_size(const struct pt_common *common)
{
	return pt_granule_lg2sz(common) == PAGE_SHIFT;
}
#endif

/*
 * The bits a VA carries above max_vasz_lg2 for the part of the space the
 * table translates: 0 normally; all ones for an upper-half-only table.
 */
#ifndef pt_full_va_prefix
static inline pt_vaddr_t pt_full_va_prefix(const struct pt_common *common)
{
	(void)common;
	return 0;
}
#endif

/**
 * pt_max_table_pa_lg2() - width of the physical address a table may have
 * @common: the table
 *
 * Formats whose table pointers are narrower than a host physical address
 * (ARMv7 short descriptors: 32 bits, DART: 36 or 42 bits) return the number
 * of address bits the pointer field holds. The IOMMU layer frees any table
 * memory that ends at or above 2^result and fails with -ENOMEM instead of
 * storing a truncated pointer (PT_TABLE_GFP_FLAGS asks the allocator for low
 * memory in the first place). Default: no limit.
 */
#ifndef pt_max_table_pa_lg2
static inline unsigned int pt_max_table_pa_lg2(const struct pt_common *common)
{
	(void)common;
	return 64;
}
#endif

/**
 * pt_narrow_oa_lg2() - OA limit of the small leaves
 * @common: the table
 *
 * Some formats can only put the high output address bits in their largest
 * leaves (ARMv7 supersections carry PA[39:32], sections and pages do not).
 * Such a format returns here the OA width every leaf can hold, and from
 * pt_wide_leaf_lg2() the smallest leaf size that reaches the table's
 * max_oasz_lg2. map then refuses (-ERANGE, nothing written) a range whose
 * part at or above 2^pt_narrow_oa_lg2() is not aligned to the wide size in
 * both VA and OA, and cut refuses to split a leaf there. Default: 64, every
 * leaf holds every OA.
 */
#ifndef pt_narrow_oa_lg2
static inline unsigned int pt_narrow_oa_lg2(const struct pt_common *common)
{
	(void)common;
	return 64;
}
#endif

/* See pt_narrow_oa_lg2(). */
#ifndef pt_wide_leaf_lg2
static inline unsigned int pt_wide_leaf_lg2(const struct pt_common *common)
{
	(void)common;
	return 0;
}
#endif

/* Bytes of memory for a table at pts->level that is not the top (log2). */
#ifndef pt_table_memsize_lg2
static inline unsigned int pt_table_memsize_lg2(const struct pt_state *pts)
{
	return pt_num_items_lg2(pts) + ilog2(PT_ITEM_WORD_SIZE);
}
#endif

/**
 * pt_single_leaf_test() - a bit test that proves an item is a 1-item leaf
 * @pts: the table (pts->level; nothing else is read)
 * @mask: set to the bits to test
 * @val: set to the value they must have
 *
 * A format may give, per level, a test such that any raw item word @w with
 * (@w & *@mask) == *@val is a leaf (pt_load_entry_raw() says PT_ENTRY_OA)
 * of a single item (pt_entry_num_contig_lg2() is 0). The test may be
 * stricter than that (say no to some such leaves); it must never say yes to
 * anything else. It lets bulk walks (unmap) scan runs of leaves with plain
 * vectorisable bit operations and no per-item decoding; a word the test
 * rejects is decoded the normal way. Return: false if the level has no
 * such test (the default).
 */
#ifndef pt_single_leaf_test
static inline bool pt_single_leaf_test(const struct pt_state *pts, u64 *mask,
				       u64 *val)
{
	(void)pts;
	*mask = 0;
	*val = 0;
	return false;
}
#endif

/*
 * pt_zero_items() - make @count items from pts->index empty
 *
 * An empty item is all zeroes in every format; long runs go to memset64().
 * The generic clear for pt_clear_entries() and for the bulk unmap.
 */
static __always_inline void pt_zero_items(struct pt_state *pts,
					  unsigned int count)
{
	unsigned int i;

	if (PT_ITEM_WORD_SIZE == sizeof(u64)) {
		u64 *tablep = pt_cur_table(pts, u64) + pts->index;

		if (count >= 32) {
			memset64(tablep, 0, count);
			return;
		}
		for (i = 0; i != count; i++)
			WRITE_ONCE(tablep[i], 0);
	} else {
		u32 *tablep = pt_cur_table(pts, u32) + pts->index;

		for (i = 0; i != count; i++)
			WRITE_ONCE(tablep[i], 0);
	}
}

/* Zero the 2^num_contig_lg2 items starting at pts->index. */
#ifndef pt_clear_entries
static inline void pt_clear_entries(struct pt_state *pts,
				    unsigned int num_contig_lg2)
{
	pt_zero_items(pts, (unsigned int)log2_to_int(num_contig_lg2));
}
#endif

/*
 * Allocation flags every table of a format adds: PT_TABLE_GFP_FLAGS is the
 * compile-time value (e.g. __GFP_DMA32 for 32-bit table pointers).
 */
#ifndef PT_TABLE_GFP_FLAGS
#define PT_TABLE_GFP_FLAGS 0
#endif

/**
 * pt_table_gfp_flags() - extra gfp flags for the table memory of @common
 * @common: the table being allocated for (its features and max_oasz_lg2
 *     are set when this is called)
 *
 * A format whose walker can only reach table memory below some physical
 * address that depends on the table's configuration (e.g. an output size
 * chosen at init) returns __GFP_DMA32 for such tables; the runtime then
 * allocates below 4 GiB or fails with -ENOMEM, never handing out memory a
 * table pointer cannot hold. Used for every table, the top included.
 * Default: PT_TABLE_GFP_FLAGS.
 */
#ifndef pt_table_gfp_flags
static inline gfp_t pt_table_gfp_flags(const struct pt_common *common)
{
	(void)common;
	return PT_TABLE_GFP_FLAGS;
}
#endif


/*
 * Software bits. A format with bits the hardware ignores defines
 * pt_sw_bit(bitnr) (the bit's mask) and pt_max_sw_bit(); the accessors are
 * generic. Without them pt_max_sw_bit() is 0 and using an accessor fails
 * to link (__pt_no_sw_bit), so nobody relies on a bit that is not there.
 */
#ifdef pt_sw_bit
static inline bool pt_test_sw_bit_acquire(struct pt_state *pts,
					  unsigned int bitnr)
{
	if (PT_ITEM_WORD_SIZE == sizeof(u32)) {
		const u32 *tablep = pt_cur_table(pts, u32) + pts->index;

		return smp_load_acquire(tablep) & (u32)pt_sw_bit(bitnr);
	} else {
		const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

		return smp_load_acquire(tablep) & (u64)pt_sw_bit(bitnr);
	}
}

static inline void pt_set_sw_bit_release(struct pt_state *pts,
					 unsigned int bitnr)
{
	if (PT_ITEM_WORD_SIZE == sizeof(u32)) {
		u32 *tablep = pt_cur_table(pts, u32) + pts->index;

		__atomic_fetch_or(tablep, (u32)pt_sw_bit(bitnr),
				  __ATOMIC_RELEASE);
	} else {
		u64 *tablep = pt_cur_table(pts, u64) + pts->index;

		__atomic_fetch_or(tablep, (u64)pt_sw_bit(bitnr),
				  __ATOMIC_RELEASE);
	}
}
#else
#ifndef pt_max_sw_bit
static inline unsigned int pt_max_sw_bit(struct pt_common *common)
{
	(void)common;
	return 0;
}
#endif

extern void __pt_no_sw_bit(void);

static inline bool pt_test_sw_bit_acquire(struct pt_state *pts,
					  unsigned int bitnr)
{
	(void)pts;
	(void)bitnr;
	__pt_no_sw_bit();
	return false;
}

static inline void pt_set_sw_bit_release(struct pt_state *pts,
					 unsigned int bitnr)
{
	(void)pts;
	(void)bitnr;
	__pt_no_sw_bit();
}
#endif

/**
 * pt_check_install_leaf_args() - are these arguments a leaf @pts can hold?
 * @pts: the item about to be written
 * @oa: the leaf's output address
 * @oasz_lg2: the leaf's size
 *
 * For a format's pt_install_leaf_entry() to call: @oa aligned to the size,
 * the size one this level offers, pts->index aligned to the item count.
 * Return: true if so; false (with a WARN) if not.
 */
static inline bool pt_check_install_leaf_args(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);

	if (PT_WARN_ON(oalog2_mod(oa, oasz_lg2)))
		return false;
	if (PT_WARN_ON(oasz_lg2 < isz_lg2 ||
		       !(pt_possible_sizes(pts) & log2_to_int(oasz_lg2))))
		return false;
	if (PT_WARN_ON(log2_mod(pts->index, oasz_lg2 - isz_lg2)))
		return false;
	return true;
}

/* Formats that keep no extra state need no per-format init/hw_info step. */
#ifndef pt_iommu_fmt_hw_info
#define PT_NO_FMT_HW_INFO 1
#endif

#endif
