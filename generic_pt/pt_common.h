/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The format API: every function a format provides, with its contract, and
 * the helpers built on them that every algorithm shares.
 *
 * Included after fmt/FMT.h (order: pt_defs.h, FMT.h, pt_common.h). The
 * prototypes pin the signature of every format function: a format maps the
 * generic name to its own (#define pt_entry_oa amdv1pt_entry_oa), so a
 * body whose signature drifts from these fails to compile here instead of
 * misbehaving.
 */
#ifndef __GENERIC_PT_PT_COMMON_H
#define __GENERIC_PT_PT_COMMON_H

#include "pt_defs.h"
#include "pt_fmt_defaults.h"

/*
 * ---- The format API ----
 *
 * Functions without a body here are the format's (fmt/FMT.h defines
 * FMTpt_name() and #defines pt_name to it) or, when the format leaves them
 * out, pt_fmt_defaults.h's. "@pts: entry to query" functions look at the
 * whole contiguous entry and may be called with pts->index on any of its
 * items.
 */

/**
 * pt_attr_from_entry() - the write attributes of the leaf at @pts
 * @pts: entry to query (a PT_ENTRY_OA)
 * @attrs: filled so that pt_install_leaf_entry() with them rebuilds the
 *     same permissions and memory type
 */
static inline void pt_attr_from_entry(const struct pt_state *pts,
				      struct pt_write_attrs *attrs);

/**
 * pt_can_have_leaf() - may the table at pts->level hold a leaf (an OA)?
 * @pts: the level
 */
static inline bool pt_can_have_leaf(const struct pt_state *pts);

/**
 * pt_can_have_table() - may the table at pts->level point to a lower table?
 * @pts: the level
 *
 * Every level but 0 may.
 */
static inline bool pt_can_have_table(const struct pt_state *pts)
{
	return pts->level > 0;
}

/**
 * pt_clear_entries() - make 2^@num_contig_lg2 items from pts->index empty
 * @pts: first item (its index aligned to the count)
 * @num_contig_lg2: log2 of the number of items
 *
 * Cleared items load as PT_ENTRY_EMPTY and take no part in walks.
 */
static inline void pt_clear_entries(struct pt_state *pts,
				    unsigned int num_contig_lg2);

/**
 * pt_entry_make_write_dirty() - mark the leaf at @pts written
 * @pts: entry to change, with pts->entry as loaded
 *
 * Safe against concurrent walkers (an atomic update of the entry).
 * Return: false if the entry changed since it was loaded.
 */
static inline bool pt_entry_make_write_dirty(struct pt_state *pts);

/**
 * pt_entry_make_write_clean() - clear the written state of the leaf at @pts
 * @pts: entry to change
 *
 * Every item of a contiguous entry is cleaned. Writes the walker makes
 * concurrently either land before (and are lost with the cleaning) or
 * after (and mark the entry again); the IOTLB flush that follows is where
 * the hardware must see the clean entry.
 */
static inline void pt_entry_make_write_clean(struct pt_state *pts);

/**
 * pt_entry_is_write_dirty() - has the hardware written through @pts?
 * @pts: entry to query; for a contiguous entry, the OR over its items
 */
static inline bool pt_entry_is_write_dirty(const struct pt_state *pts);

/**
 * pt_dirty_supported() - can this table track writes?
 * @common: the table
 *
 * False for a format without dirty helpers, and for one whose tracking
 * depends on a feature the table does not have.
 */
static inline bool pt_dirty_supported(struct pt_common *common);

/**
 * pt_entry_num_contig_lg2() - log2 of the items the leaf at @pts spans
 * @pts: entry to query; 0 for a single-item leaf
 */
static inline unsigned int pt_entry_num_contig_lg2(const struct pt_state *pts);

/**
 * pt_entry_oa() - first output address of the leaf at @pts
 * @pts: entry to query
 *
 * The same value for every item of a contiguous entry, aligned to
 * pt_entry_oa_lg2sz(). A format gives this or pt_item_oa(), whichever its
 * encoding makes cheap; pt_fmt_defaults.h derives the other.
 */
static inline pt_oaddr_t pt_entry_oa(const struct pt_state *pts);

/**
 * pt_item_oa() - output address of the item at pts->index
 * @pts: item to query
 *
 * For an item inside a contiguous entry, the OA that item translates to.
 */
static inline pt_oaddr_t pt_item_oa(const struct pt_state *pts);

/**
 * pt_full_va_prefix() - the VA bits above max_vasz_lg2
 * @common: the table
 *
 * 0 for tables that translate upward from 0; all ones for a table of the
 * top of the VA space (e.g. ARM TTBR1). Only the bits at and above
 * common->max_vasz_lg2 are meaningful.
 */
static inline pt_vaddr_t pt_full_va_prefix(const struct pt_common *common);

/**
 * pt_has_system_page_size() - can level 0 hold a PAGE_SIZE leaf?
 * @common: the table
 */
static inline bool pt_has_system_page_size(const struct pt_common *common);

/**
 * pt_install_leaf_entry() - write a leaf at @pts
 * @pts: item to write (the first of a contiguous entry)
 * @oa: output address, aligned to 2^@oasz_lg2
 * @oasz_lg2: leaf size: pt_table_item_lg2sz(), or that plus the log2 item
 *     count of a contiguous entry pt_possible_sizes() offers
 * @attrs: permissions and memory type from pt_iommu_set_prot()
 *
 * Only where pt_can_have_leaf(). pts->entry is left holding the new word.
 */
static inline void pt_install_leaf_entry(struct pt_state *pts, pt_oaddr_t oa,
					 unsigned int oasz_lg2,
					 const struct pt_write_attrs *attrs);

/**
 * pt_install_table() - point the item at @pts to a lower table
 * @pts: item to write, pts->entry holding its current value
 * @table_pa: physical address of the table for level pts->level - 1
 * @attrs: the table's write attributes
 *
 * A compare-and-exchange against pts->entry, so racing installers agree on
 * one table. Only where pt_can_have_table().
 * Return: true if installed (pts->entry is then the new word), false if
 * another thread changed the item first.
 */
static inline bool pt_install_table(struct pt_state *pts, pt_oaddr_t table_pa,
				    const struct pt_write_attrs *attrs);

/**
 * pt_load_entry_raw() - read the item at pts->index into pts->entry
 * @pts: item to read
 *
 * Return: what the item is. pts->table_lower is not set (pt_load_entry()
 * does that).
 */
static inline enum pt_entry_type pt_load_entry_raw(struct pt_state *pts);

/**
 * pt_max_oa_lg2() - the widest output address the format can encode
 * @common: the table, or NULL for the format's absolute limit
 *
 * common->max_oasz_lg2 may lower this for a table, never raise it.
 */
static inline unsigned int pt_max_oa_lg2(const struct pt_common *common);

/**
 * pt_num_items_lg2() - log2 of the items of a table at pts->level
 * @pts: the level
 *
 * The VA bits the level decodes. Below the top; the top table's count
 * follows from max_vasz_lg2 (pt_table_oa_lg2sz()).
 */
static inline unsigned int pt_num_items_lg2(const struct pt_state *pts);

/**
 * pt_pgsz_lg2_to_level() - the level whose leaves have size 2^@pgsize_lg2
 * @common: the table
 * @pgsize_lg2: a size some level's pt_possible_sizes() offers
 */
static inline unsigned int pt_pgsz_lg2_to_level(struct pt_common *common,
						unsigned int pgsize_lg2);

/**
 * pt_possible_sizes() - the leaf sizes a level can hold, as a bitmap
 * @pts: the level
 *
 * Bit pt_table_item_lg2sz() for a single-item leaf and higher bits for
 * contiguous entries (never the whole table); 0 if the level holds no
 * leaves.
 */
static inline pt_vaddr_t pt_possible_sizes(const struct pt_state *pts);

/**
 * pt_table_item_lg2sz() - log2 of the VA one item at pts->level covers
 * @pts: the level
 */
static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

/**
 * pt_table_pa() - physical address a PT_ENTRY_TABLE entry points to
 * @pts: entry to query
 *
 * The value pt_install_table() was given.
 */
static inline pt_oaddr_t pt_table_pa(const struct pt_state *pts);

/**
 * pt_max_sw_bit() - the highest software bit number the format offers
 * @common: the table
 *
 * Software bits are item bits the hardware ignores, numbered 0 ..
 * pt_max_sw_bit(); the format maps a number to its bit with pt_sw_bit().
 */
static inline unsigned int pt_max_sw_bit(struct pt_common *common);

/**
 * pt_test_sw_bit_acquire() - read software bit @bitnr of the item at @pts
 * @pts: the item (its current word is read, not pts->entry)
 * @bitnr: the bit, at most pt_max_sw_bit()
 *
 * An acquire load: what was written before the matching
 * pt_set_sw_bit_release() is visible after a true result.
 */
static inline bool pt_test_sw_bit_acquire(struct pt_state *pts,
					  unsigned int bitnr);

/**
 * pt_set_sw_bit_release() - set software bit @bitnr of the item at @pts
 * @pts: the item
 * @bitnr: the bit, at most pt_max_sw_bit()
 *
 * An atomic OR with release order, safe against concurrent hardware and
 * software updates of the other bits of the item.
 */
static inline void pt_set_sw_bit_release(struct pt_state *pts,
					 unsigned int bitnr);

/*
 * ---- genericpt's format hooks (not in the kernel; defaults in
 * pt_fmt_defaults.h, see docs/kernel-differences.md) ----
 */
static inline unsigned int pt_table_memsize_lg2(const struct pt_state *pts);
static inline unsigned int pt_max_table_pa_lg2(const struct pt_common *common);
static inline unsigned int pt_narrow_oa_lg2(const struct pt_common *common);
static inline unsigned int pt_wide_leaf_lg2(const struct pt_common *common);
static inline gfp_t pt_table_gfp_flags(const struct pt_common *common);

/**
 * pt_entry_oa_lg2sz() - log2 of the size of the leaf at @pts
 * @pts: entry to query; a contiguous entry counts all its items
 */
static __always_inline unsigned int
pt_entry_oa_lg2sz(const struct pt_state *pts)
{
	return pt_table_item_lg2sz(pts) + pt_entry_num_contig_lg2(pts);
}

/**
 * pt_table_oa_lg2sz() - log2 of the VA the whole table at pts->level covers
 * @pts: the level
 *
 * The top table covers the range's max_vasz_lg2 (which is below the
 * table's when a dynamic top has not grown yet); lower tables their items
 * times their item size, capped at the table's VA size.
 */
static __always_inline unsigned int
pt_table_oa_lg2sz(const struct pt_state *pts)
{
	unsigned int lg2sz = pt_num_items_lg2(pts) + pt_table_item_lg2sz(pts);

	if (pts->range->top_level == pts->level)
		return pts->range->max_vasz_lg2;
	return min_t(unsigned int, pts->range->common->max_vasz_lg2, lg2sz);
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

/**
 * pt_entry_oa_exact() - the OA of pts->range->va inside the leaf at @pts
 * @pts: entry to query; range->va may point into the middle of the leaf
 */
static inline pt_oaddr_t pt_entry_oa_exact(const struct pt_state *pts)
{
	return _pt_entry_oa_fast(pts) |
	       log2_mod(pts->range->va, pt_entry_oa_lg2sz(pts));
}

/**
 * pt_load_entry() - read and classify the item at pts->index
 * @pts: item to read
 *
 * Sets pts->entry, pts->type and, for a PT_ENTRY_TABLE, pts->table_lower
 * (NULL for an arena entry pt_table_ptr() refused).
 * Return: pts->type (the kernel's returns nothing; callers may ignore it).
 */
static __always_inline enum pt_entry_type pt_load_entry(struct pt_state *pts)
{
	pts->type = pt_load_entry_raw(pts);
	if (pts->type == PT_ENTRY_TABLE)
		pts->table_lower = pt_table_ptr(pts);
	return pts->type;
}

#endif
