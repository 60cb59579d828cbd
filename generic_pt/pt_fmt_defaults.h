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

/* Log2 of the VA span of one item at pts->level. */
#ifndef pt_table_item_lg2sz
static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts)
{
	return PT_GRANULE_LG2SZ +
	       (PT_TABLEMEM_LG2SZ - ilog2(PT_ITEM_WORD_SIZE)) * pts->level;
}
#endif

/* Entries never fuse items unless the format says so. */
#ifndef pt_entry_num_contig_lg2
static inline unsigned int pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	(void)pts;
	return 0;
}
#endif

/* Without contiguous entries the only leaf size is the item size. */
#ifndef pt_possible_sizes
static inline pt_vaddr_t pt_possible_sizes(const struct pt_state *pts)
{
	if (!pt_can_have_leaf(pts))
		return 0;
	return log2_to_int(pt_table_item_lg2sz(pts));
}
#endif

#ifndef pt_max_output_address_lg2
static inline unsigned int
pt_max_output_address_lg2(const struct pt_common *common)
{
	(void)common;
	return PT_MAX_OUTPUT_ADDRESS_LG2;
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

/* Bytes of memory for the top table (log2). */
#ifndef pt_top_memsize_lg2
static inline unsigned int pt_top_memsize_lg2(const struct pt_common *common,
					      unsigned int top_level)
{
	(void)common;
	(void)top_level;
	return PT_TABLEMEM_LG2SZ;
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

/* Zero the 2^num_contig_lg2 items starting at pts->index. */
#ifndef pt_clear_entries
static inline void pt_clear_entries(struct pt_state *pts,
				    unsigned int num_contig_lg2)
{
	size_t n = (size_t)log2_to_int(num_contig_lg2);
	size_t i;

	if (PT_ITEM_WORD_SIZE == sizeof(u64)) {
		u64 *tablep = pt_cur_table(pts, u64) + pts->index;

		if (n >= 32) {
			memset64(tablep, 0, n);
			return;
		}
		for (i = 0; i != n; i++)
			WRITE_ONCE(tablep[i], 0);
	} else {
		u32 *tablep = pt_cur_table(pts, u32) + pts->index;

		for (i = 0; i != n; i++)
			WRITE_ONCE(tablep[i], 0);
	}
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

/**
 * pt_dirty_supported() - can this table track writes right now?
 * @common: the table
 *
 * A format with dirty helpers (pt_entry_is_write_dirty, ...) whose hardware
 * only tracks writes under a runtime feature defines this; when it returns
 * false, read_and_clear_dirty and set_dirty fail with -EOPNOTSUPP and no
 * dirty state is read or changed. Default: always true.
 */
#ifndef pt_dirty_supported
static inline bool pt_dirty_supported(const struct pt_common *common)
{
	(void)common;
	return true;
}
#endif

/* Formats that keep no extra state need no per-format init/hw_info step. */
#ifndef pt_iommu_fmt_hw_info
#define PT_NO_FMT_HW_INFO 1
#endif

#endif
