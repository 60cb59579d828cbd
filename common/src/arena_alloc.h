/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Internal: the allocator that carves table memory out of one arena.
 *
 * It hands out naturally aligned power-of-two blocks, aligned in the
 * arena's *physical* address space (what the hardware needs). Blocks of a
 * page (4 KiB) or more come from a buddy allocator with one free list per
 * order; smaller blocks come from slab pages, one size class per page.
 * Freed blocks coalesce with their buddies and empty slab pages go back to
 * the buddy allocator, so map/unmap churn cannot fragment the arena beyond
 * what the live tables need.
 *
 * Every piece of metadata (free lists, page states, slab bitmaps) lives in
 * host memory of its own, never in the arena: whoever else can write the
 * arena (a guest, another process) cannot corrupt the allocator.
 *
 * Pages whose physical address is below 4 GiB form a separate "low" zone
 * for __GFP_DMA32 allocations; ordinary allocations use the other zone
 * first so low memory lasts.
 *
 * No locking: the runtime calls it under its own lock.
 */
#ifndef GENERICPT_ARENA_ALLOC_H
#define GENERICPT_ARENA_ALLOC_H

#include <linux/types.h>

#define GPT_AA_PAGE_SHIFT 12
#define GPT_AA_PAGE_SIZE (1u << GPT_AA_PAGE_SHIFT)
#define GPT_AA_MAX_ORDER 30 /* largest block: 2^30 pages */
#define GPT_AA_MIN_SHIFT 4  /* smallest block: 16 bytes */
#define GPT_AA_SLAB_CLASSES (GPT_AA_PAGE_SHIFT - GPT_AA_MIN_SHIFT)
#define GPT_AA_NIL 0xffffffffu

struct gpt_aa_slab {
	u64 bits[4];    /* bit set = block free; 256 blocks of 16 bytes max */
	u32 page;       /* page index in the arena */
	u32 next, prev; /* partial list links (slab indices) */
	u16 nfree;
	u8 cls;
	u8 zone;
};

struct gpt_aa_zone {
	u32 first, end; /* page index range [first, end) */
	u32 free_head[GPT_AA_MAX_ORDER + 1];
	u32 partial[GPT_AA_SLAB_CLASSES];
};

struct gpt_aa {
	u64 pa;       /* physical address of page 0 */
	u32 npages;
	u64 pfn0;     /* pa >> GPT_AA_PAGE_SHIFT */
	u32 *next;    /* per page: free-list link, or slab index of a slab page */
	u32 *prev;
	u8 *state;    /* per page: GPT_AA_FREE | order, GPT_AA_SLAB, or 0 */
	struct gpt_aa_zone zone[2]; /* [0] below 4 GiB, [1] the rest */
	struct gpt_aa_slab *slabs;
	u32 nslabs, slabs_cap, slab_free; /* slab_free: free descriptor stack */
	u64 free_page_bytes; /* bytes in free buddy blocks */
	u64 used_bytes;      /* bytes handed out and not yet freed */
	u64 live_blocks;
};

/* Set up @a for [pa, pa + size); size and pa 4 KiB aligned. 0 or -ENOMEM. */
int gpt_aa_init(struct gpt_aa *a, u64 pa, u64 size);
void gpt_aa_destroy(struct gpt_aa *a);
/*
 * Allocate @size bytes (power of two >= 16), aligned to @size in physical
 * address space, entirely below 4 GiB when @low. Returns the offset from the
 * arena start, or false when no block fits.
 */
bool gpt_aa_alloc(struct gpt_aa *a, size_t size, bool low, u64 *off);
/* Give back a block from gpt_aa_alloc(). */
void gpt_aa_free(struct gpt_aa *a, u64 off, size_t size);
/* Largest free buddy block in bytes. */
u64 gpt_aa_largest_free(const struct gpt_aa *a);

#endif
