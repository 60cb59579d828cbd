/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Table-memory services the generic page-table code uses, in the shape of
 * the kernel's drivers/iommu/iommu-pages.h and <asm/io.h>, implemented by
 * the user-space runtime (common/src/runtime.c).
 */
#ifndef GENERICPT_LINUX_IOMMU_PAGES_H
#define GENERICPT_LINUX_IOMMU_PAGES_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/args.h>
#include <linux/mm_types.h>
#include <linux/vmstat.h>
#include <genericpt/runtime.h>
#include <genericpt/arena.h>

GENERICPT_EXTERN_C_BEGIN

/**
 * iommu_alloc_pages_node_sz() - allocate zeroed table memory
 * @nid: an arena id from genericpt_arena_register() to allocate from that
 *     arena; anything else (a NUMA node hint, NUMA_NO_NODE) uses the heap
 * @gfp: allocation flags; __GFP_DMA32 asks for memory whose physical
 *     address range lies below 4 GiB; __GFP_NOZERO (genericpt only) leaves
 *     the memory uninitialised, for a caller that fills all of it before
 *     it becomes reachable
 * @size: power of two, at least 16 bytes; the memory is aligned to @size
 *
 * Return: the CPU address, or NULL when out of memory, when @nid names an
 * arena that is not registered, or on an injected failure. Locking: any
 * thread.
 */
void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size);

/**
 * iommu_free_pages() - free memory from iommu_alloc_pages_node_sz()
 * @virt: the CPU address; NULL is ignored
 *
 * Locking: any thread.
 */
void iommu_free_pages(void *virt);

/**
 * struct iommu_pages_list - a list of table allocations waiting to be freed
 * @head: opaque first node (owned by the runtime)
 *
 * Tables are put on such a list when they become unreachable and are freed
 * only once the IOTLB was invalidated. Building the list never allocates.
 */
struct iommu_pages_list {
	void *head;
};

/* An empty list, usable as initializer and (C, GNU C++) as a value. */
#define IOMMU_PAGES_LIST_INIT(name) ((struct iommu_pages_list){ NULL })

static inline void iommu_pages_list_init(struct iommu_pages_list *list)
{
	list->head = NULL;
}

static inline bool iommu_pages_list_empty(const struct iommu_pages_list *list)
{
	return list->head == NULL;
}

/**
 * iommu_pages_list_add() - queue table memory for a later free
 * @list: the list
 * @virt: memory from iommu_alloc_pages_node_sz()
 *
 * Never allocates and never touches the table memory itself, so a stale
 * hardware walker still reading the table sees its old contents.
 */
void iommu_pages_list_add(struct iommu_pages_list *list, void *virt);

/**
 * iommu_pages_list_splice() - move every entry of @from to @to
 */
void iommu_pages_list_splice(struct iommu_pages_list *from,
			     struct iommu_pages_list *to);

/**
 * iommu_put_pages_list() - free everything on @list and empty it
 */
void iommu_put_pages_list(struct iommu_pages_list *list);

/**
 * iommu_pages_list_count() - number of allocations on @list
 */
size_t iommu_pages_list_count(const struct iommu_pages_list *list);

struct device;

/*
 * iommu_pages_flush_incoherent() - make CPU writes visible to a walker
 *
 * Two spellings, told apart by the number of arguments:
 *   iommu_pages_flush_incoherent(virt, len)
 *	this tree's: @len bytes from @virt;
 *   iommu_pages_flush_incoherent(dma_dev, virt, offset, len)
 *	the kernel's: @len bytes from @virt + @offset; @dma_dev (the
 *	iommu_device of the table) is not needed in user space.
 * Both pass the range to the registered cache-flush hook
 * (genericpt_set_cache_flush_hook()). The function behind the two-argument
 * form is genericpt_pages_flush_incoherent(); the runtime defines it under
 * the two-argument spelling, which this macro maps to that name.
 */
#define iommu_pages_flush_incoherent(...)                   \
	CONCATENATE(__genericpt_pages_flush_incoherent_,    \
		    COUNT_ARGS(__VA_ARGS__))(__VA_ARGS__)
#define __genericpt_pages_flush_incoherent_2 genericpt_pages_flush_incoherent
#define __genericpt_pages_flush_incoherent_4 genericpt_pages_flush_incoherent_dev

void genericpt_pages_flush_incoherent(const void *virt, size_t len);

static inline void genericpt_pages_flush_incoherent_dev(struct device *dma_dev,
							void *virt,
							size_t offset,
							size_t len)
{
	(void)dma_dev;
	genericpt_pages_flush_incoherent((const u8 *)virt + offset, len);
}

/**
 * iommu_pages_start_incoherent() - flush a new table for an incoherent walker
 * @virt: memory from iommu_alloc_pages_node_sz()
 * @dma_dev: the table's iommu_device (unused here)
 *
 * The kernel's name and signature; flushes the whole allocation through the
 * cache-flush hook. Locking: any thread. Return: 0; -EINVAL (and a WARN)
 * when @virt is not table memory.
 */
int iommu_pages_start_incoherent(void *virt, struct device *dma_dev);

/**
 * iommu_pages_start_incoherent_list() - iommu_pages_start_incoherent() on
 *     every allocation of @list
 *
 * Locking: the caller owns @list. Return: 0.
 */
int iommu_pages_start_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev);

/**
 * iommu_pages_stop_incoherent_list() - end incoherent use of @list's memory
 *
 * Nothing to undo in user space (no DMA mapping was made).
 */
static inline void
iommu_pages_stop_incoherent_list(struct iommu_pages_list *list,
				 struct device *dma_dev)
{
	(void)list;
	(void)dma_dev;
}

/**
 * iommu_pages_free_incoherent() - free memory after incoherent use
 */
static inline void iommu_pages_free_incoherent(void *virt,
					       struct device *dma_dev)
{
	(void)dma_dev;
	iommu_free_pages(virt);
}

/**
 * iommu_alloc_pages_sz() - iommu_alloc_pages_node_sz() on any node
 */
static inline void *iommu_alloc_pages_sz(gfp_t gfp, size_t size)
{
	return iommu_alloc_pages_node_sz(NUMA_NO_NODE, gfp, size);
}

/*
 * Physical addresses. Heap table memory has phys == virt: a table entry
 * holds the CPU address of the table it points to. Arena table memory
 * (<genericpt/arena.h>) has the arena's physical addresses. The two never
 * collide (the runtime keeps heap tables out of every arena's physical
 * window), so translating needs no table context.
 *
 * genericpt_arena_nr_windows is 0 until the first arena is registered: the
 * heap-only path costs one well-predicted branch. Window fields are written
 * with single atomic stores in an order that never shows a reader a window
 * larger than the final one, so translating is lock-free.
 */
/**
 * struct genericpt_arena_window - one arena's address translation
 * @pa_first: first physical address of the arena
 * @pa_last: last physical address; below @pa_first for an unused slot
 * @host_first: CPU address of @pa_first
 * @host_last: CPU address of @pa_last
 *
 * Written only by the runtime (under its lock), read lock-free here.
 */
struct genericpt_arena_window {
	u64 pa_first __attribute__((__aligned__(8)));
	u64 pa_last __attribute__((__aligned__(8))); /* < pa_first: unused */
	uintptr_t host_first;
	uintptr_t host_last;
};

extern struct genericpt_arena_window genericpt_arena_windows[GENERICPT_MAX_ARENAS];
extern unsigned int genericpt_arena_nr_windows;

/* Internal: virt_to_phys() when @n window slots may be in use. */
static inline phys_addr_t genericpt_arena_virt_to_phys(uintptr_t v,
							unsigned int n)
{
	unsigned int i;

	for (i = 0; i != n; i++) {
		const struct genericpt_arena_window *w =
			&genericpt_arena_windows[i];
		uintptr_t first = __atomic_load_n(&w->host_first,
						  __ATOMIC_RELAXED);
		uintptr_t last = __atomic_load_n(&w->host_last,
						 __ATOMIC_RELAXED);

		if (v - first <= last - first && first <= last)
			return __atomic_load_n(&w->pa_first,
					       __ATOMIC_RELAXED) +
			       (v - first);
	}
	return (phys_addr_t)v;
}

/* Internal: phys_to_virt() when @n window slots may be in use. */
static inline uintptr_t genericpt_arena_phys_to_virt(phys_addr_t pa,
						     unsigned int n)
{
	unsigned int i;

	for (i = 0; i != n; i++) {
		const struct genericpt_arena_window *w =
			&genericpt_arena_windows[i];
		u64 first = __atomic_load_n(&w->pa_first, __ATOMIC_RELAXED);
		u64 last = __atomic_load_n(&w->pa_last, __ATOMIC_RELAXED);

		if (pa - first <= last - first && first <= last)
			return __atomic_load_n(&w->host_first,
					       __ATOMIC_RELAXED) +
			       (uintptr_t)(pa - first);
	}
	return (uintptr_t)pa;
}

/**
 * virt_to_phys() - physical address of table memory
 * @virt: CPU address inside memory from iommu_alloc_pages_node_sz()
 *
 * Locking: lock-free, any thread. Errors: none.
 */
static inline phys_addr_t virt_to_phys(const void *virt)
{
	unsigned int n = __atomic_load_n(&genericpt_arena_nr_windows,
					 __ATOMIC_RELAXED);

	if (__builtin_expect(!n, 1))
		return (phys_addr_t)(uintptr_t)virt;
	return genericpt_arena_virt_to_phys((uintptr_t)virt, n);
}

/**
 * phys_to_virt() - CPU address of table memory
 * @pa: a physical address virt_to_phys() returned for table memory
 *
 * Locking: lock-free, any thread. Errors: none.
 */
static inline void *phys_to_virt(phys_addr_t pa)
{
	unsigned int n = __atomic_load_n(&genericpt_arena_nr_windows,
					 __ATOMIC_RELAXED);

	if (__builtin_expect(!n, 1))
		return (void *)(uintptr_t)pa;
	return (void *)genericpt_arena_phys_to_virt(pa, n);
}

/*
 * The arena trust boundary (genericpt only; see "Threat model" in
 * <genericpt/arena.h>). A table in an arena has a handle,
 * pt_common::arena_domain. The runtime remembers, in host memory the arena's
 * other writers cannot reach, for every table of the arena the one entry
 * the library installed it in, its level and its owner. A table pointer read
 * from arena memory is followed only when that record says the pointer is
 * exactly what the library put there. The algorithms call these through
 * pt_table_ptr() and the install/deinit paths of iommu_pt.h only.
 */

/**
 * genericpt_arena_domain_open() - start the bookkeeping of one table
 * @nid: pt_iommu::nid of the table
 * @handle: set to the handle for pt_common::arena_domain; 0 when @nid does
 *     not name an arena (heap tables need no bookkeeping)
 *
 * Locking: any thread. Return: 0; -ENOMEM when @nid is an arena id that is
 * not registered (as an allocation from it would fail); -ENOSPC when the
 * arena already holds the maximum number of tables (2^19 - 1).
 */
int genericpt_arena_domain_open(int nid, u32 *handle);

/**
 * genericpt_arena_domain_close() - free every table of a handle
 * @handle: from genericpt_arena_domain_open(), not 0
 * @top: the current top table (its memory is freed too), or NULL
 *
 * Frees exactly the tables the bookkeeping records for @handle - whatever
 * the arena's memory now says - and ends the handle. Tables already queued
 * on an iommu_pages_list are left to that list. Locking: no other operation
 * on the table may run.
 */
void genericpt_arena_domain_close(u32 handle, void *top);

/**
 * genericpt_arena_link() - record where a table is about to be installed
 * @handle: the table's pt_common::arena_domain, not 0
 * @table: CPU address of the lower table (from iommu_alloc_pages_node_sz())
 * @entry: CPU address of the item that will point at @table
 * @level: level of @table
 *
 * Called before the install makes the pointer visible. The record ends when
 * @table is freed or queued with iommu_pages_list_add(). Lock-free.
 */
void genericpt_arena_link(u32 handle, const void *table, const void *entry,
			  unsigned int level);

/*
 * The lock-free view of an arena's records, published by the runtime when
 * the arena is registered (slot = handle's arena index). links[] has one
 * word per GENERICPT_LINK_UNIT bytes of the arena: for the unit where a
 * table starts, genericpt_link_word() of the item the library installed it
 * in; 0 for anything that must not be pointed to.
 */
#define GENERICPT_LINK_UNIT_SHIFT 10
#define GENERICPT_OWNER_BITS 19
struct genericpt_arena_trust {
	u64 pa;
	u64 size;
	uintptr_t host;
	u64 *links;
};
extern struct genericpt_arena_trust genericpt_arena_trust[GENERICPT_MAX_ARENAS];

/* The record word: entry offset / 4 (42 bits), level (3), owner (19). */
static inline u64 genericpt_link_word(u64 entry_off, unsigned int level,
				      u32 handle)
{
	return ((entry_off >> 2) & ((1ULL << 42) - 1)) |
	       ((u64)(level & 7) << 42) |
	       ((u64)(handle & ((1u << GENERICPT_OWNER_BITS) - 1)) << 45);
}

/**
 * genericpt_arena_follow() - check a table pointer read from arena memory
 * @handle: the table's pt_common::arena_domain, not 0
 * @pa: the physical address the entry holds
 * @entry: CPU address of the item it was read from
 * @level: level the pointed-to table must have
 *
 * Return: the CPU address of the table when @pa is a table of @handle, at
 * @level, installed by the library in exactly @entry; NULL otherwise (the
 * entry is corrupt; the caller reports it with
 * genericpt_arena_report_corrupt()). Lock-free, no call: it sits on the
 * walk's hot path.
 */
static inline __attribute__((__always_inline__)) void *
genericpt_arena_follow(u32 handle, u64 pa,
					   const void *entry,
					   unsigned int level)
{
	const struct genericpt_arena_trust *t =
		&genericpt_arena_trust[(handle >> GENERICPT_OWNER_BITS) - 1];
	u64 off = pa - t->pa;

	if (off < t->size &&
	    !(off & ((1u << GENERICPT_LINK_UNIT_SHIFT) - 1)) &&
	    __atomic_load_n(&t->links[off >> GENERICPT_LINK_UNIT_SHIFT],
			    __ATOMIC_ACQUIRE) ==
		    genericpt_link_word((u64)((uintptr_t)entry - t->host),
					level, handle))
		return (void *)(t->host + (uintptr_t)off);
	return NULL;
}

/**
 * genericpt_arena_report_corrupt() - an operation met a corrupt entry
 * @handle: the table's pt_common::arena_domain (0: a heap table, ignored)
 *
 * Counts it in genericpt_arena_stats::corrupt_entries and WARNs once per
 * table. Locking: any thread.
 */
void genericpt_arena_report_corrupt(u32 handle);

GENERICPT_EXTERN_C_END

#endif
