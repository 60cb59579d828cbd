/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Helpers built on the format functions, shared by every algorithm.
 *
 * The prototypes below pin the signature of every format function: a format
 * header maps the generic name to its own (#define pt_entry_oa
 * amdv1pt_entry_oa), so a body whose signature drifts from these fails to
 * compile here instead of misbehaving.
 */
#ifndef __GENERIC_PT_PT_COMMON_H
#define __GENERIC_PT_PT_COMMON_H

#include "pt_defs.h"
#include "pt_fmt_defaults.h"

static inline pt_oaddr_t pt_entry_oa(const struct pt_state *pts);
static inline pt_oaddr_t pt_table_pa(const struct pt_state *pts);
static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);
static inline unsigned int pt_num_items_lg2(const struct pt_state *pts);
static inline enum pt_entry_type pt_load_entry_raw(struct pt_state *pts);
static inline void pt_install_leaf_entry(struct pt_state *pts, pt_oaddr_t oa,
					 unsigned int oasz_lg2,
					 const struct pt_write_attrs *attrs);
static inline bool pt_install_table(struct pt_state *pts, pt_oaddr_t table_pa,
				    const struct pt_write_attrs *attrs);
static inline bool pt_can_have_leaf(const struct pt_state *pts);
static inline pt_vaddr_t pt_possible_sizes(const struct pt_state *pts);
static inline unsigned int pt_entry_num_contig_lg2(const struct pt_state *pts);
static inline void pt_attr_from_entry(const struct pt_state *pts,
				      struct pt_write_attrs *attrs);
static inline void pt_clear_entries(struct pt_state *pts,
				    unsigned int num_contig_lg2);
static inline unsigned int
pt_max_output_address_lg2(const struct pt_common *common);
static inline pt_vaddr_t pt_full_va_prefix(const struct pt_common *common);
static inline unsigned int pt_top_memsize_lg2(const struct pt_common *common,
					      unsigned int top_level);
static inline unsigned int pt_table_memsize_lg2(const struct pt_state *pts);
static inline unsigned int pt_max_table_pa_lg2(const struct pt_common *common);
static inline unsigned int pt_narrow_oa_lg2(const struct pt_common *common);
static inline unsigned int pt_wide_leaf_lg2(const struct pt_common *common);
static inline gfp_t pt_table_gfp_flags(const struct pt_common *common);
static inline bool pt_dirty_supported(const struct pt_common *common);
#ifdef pt_entry_is_write_dirty
static inline bool pt_entry_is_write_dirty(const struct pt_state *pts);
static inline void pt_entry_make_write_clean(struct pt_state *pts);
static inline bool pt_entry_make_write_dirty(struct pt_state *pts);
#endif

/* Log2 of the VA span of the whole table at pts->level. */
static inline unsigned int pt_table_oa_lg2sz(const struct pt_state *pts)
{
	return pt_table_item_lg2sz(pts) + pt_num_items_lg2(pts);
}

/* Log2 of the size of the (possibly contiguous) entry at pts->index. */
static inline unsigned int pt_entry_oa_lg2sz(const struct pt_state *pts)
{
	return pt_table_item_lg2sz(pts) + pt_entry_num_contig_lg2(pts);
}

/*
 * CPU pointer of the table a PT_ENTRY_TABLE entry points to. This is the
 * one place where a pointer read from table memory becomes a host pointer.
 * Heap tables are trusted: only this library writes them. A table in an
 * arena may have been written by someone else (a guest), so its pointer is
 * followed only if the runtime's bookkeeping says the library installed
 * exactly this table, of the level below, in exactly this item; anything
 * else is a corrupt entry and gives NULL (pt_descend() then fails with
 * -EIO, see pt_table_corrupt()).
 */
static __always_inline struct pt_table_p *
pt_table_ptr(const struct pt_state *pts)
{
	u32 arena_domain = pts->range->common->arena_domain;
	pt_oaddr_t pa = pt_table_pa(pts);

	if (unlikely(arena_domain))
		return (struct pt_table_p *)genericpt_arena_follow(
			arena_domain, (u64)pa,
			(const u8 *)pts->table +
				(size_t)pts->index * PT_ITEM_WORD_SIZE,
			(unsigned int)pts->level - 1);
	/* Heap tables: never NULL, so pt_descend()'s test folds away. */
	if (!pa)
		__builtin_unreachable();
	return (struct pt_table_p *)phys_to_virt(pa);
}

/*
 * The entry at @pts is a table pointer pt_table_ptr() refused: report it
 * (counted, WARN once per table) and give the operation's error.
 */
static inline int pt_table_corrupt(const struct pt_state *pts)
{
	genericpt_arena_report_corrupt(pts->range->common->arena_domain);
	return -EIO;
}

/* The OA of the exact pts->range->va inside the leaf at pts->index. */
static inline pt_oaddr_t pt_entry_oa_exact(const struct pt_state *pts)
{
	return pt_entry_oa(pts) +
	       log2_mod(pts->range->va, pt_entry_oa_lg2sz(pts));
}

/*
 * Largest size in @pgsz_bitmap that a leaf at @va can have: aligned at both
 * @va and @oa and not running past @last_va. Returns its log2, or 0 if no
 * size fits.
 */
static inline unsigned int pt_compute_best_pgsize(pt_vaddr_t pgsz_bitmap,
						  pt_vaddr_t va,
						  pt_vaddr_t last_va,
						  pt_oaddr_t oa)
{
	u64 len = last_va - va + 1; /* 0 means the whole 64-bit space */

	/* Sizes no larger than the remaining length. */
	if (len)
		pgsz_bitmap &= log2_to_max_int(log2_fls(len));
	/* Sizes no larger than the alignment of both addresses. */
	pgsz_bitmap &= log2_to_max_int(log2_ffs(va | oa) + 1);
	if (!pgsz_bitmap)
		return 0;
	return log2_fls(pgsz_bitmap) - 1;
}

#endif
