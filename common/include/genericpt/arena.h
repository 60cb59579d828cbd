/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Arenas: page tables in memory the caller provides.
 *
 * By default table memory comes from the process heap and a table entry
 * holds the host (CPU) address of the table it points to. A VMM, a device
 * model or a test bench often needs the tables somewhere else: in guest RAM,
 * in a file shared with another process, in a window a device can reach.
 * Such a region is registered as an arena together with the physical
 * address the hardware sees for its first byte. A page table whose
 * pt_iommu::nid is the arena's id then takes all of its table memory from
 * the arena: entries hold the arena's physical addresses and
 * pt_iommu_FMT_hw_info() reports the root in that address space, so a copy
 * of the arena's bytes alone is enough for a walker to translate.
 *
 *	int nid = genericpt_arena_register(host, guest_pa, size);
 *	if (nid < 0)
 *		return nid;
 *	table.iommu.nid = nid;
 *	pt_iommu_amdv1_init(&table, &cfg, GFP_KERNEL);
 *
 * Allocation: naturally aligned power-of-two blocks (aligned in physical
 * address space) from a buddy allocator for page-sized and larger tables
 * and slab pages for smaller ones; freed memory coalesces, so map/unmap
 * churn does not fragment the arena. All allocator metadata lives in host
 * memory outside the arena, so whoever else writes the arena cannot
 * corrupt it; table memory is zeroed when it is allocated. Allocation with
 * __GFP_DMA32 (formats whose table pointers are narrow) only uses arena
 * pages below 4 GiB and fails rather than truncating a pointer. When the
 * arena is full, operations that need a table fail with -ENOMEM.
 *
 * Threat model: the arena's memory is untrusted input (a guest, another
 * process may write it at any time). A table pointer read from it is
 * followed only if the runtime's records - kept in host memory outside the
 * arena - say the library installed exactly that table, at that level, for
 * that table, in exactly that item; anything else is a corrupt entry: the
 * operation fails with -EIO (iova_to_phys() gives 0), the first one per
 * table WARNs, and genericpt_arena_stats.corrupt_entries counts them.
 * Nothing outside the attacked table's own memory is read, written or
 * freed, and pt_iommu_deinit() frees exactly the tables the records list.
 * docs/arena.md, "Threat model", has the details and the cost.
 *
 * Address rules: the physical windows of registered arenas never overlap,
 * and heap table memory is never placed at a host address that lies inside
 * any arena's physical window (nor inside one that was registered earlier),
 * so a table pointer is translated back to a host pointer without knowing
 * which table it belongs to.
 */
#ifndef __GENERICPT_ARENA_H
#define __GENERICPT_ARENA_H

#include <linux/types.h>

GENERICPT_EXTERN_C_BEGIN

/*
 * Arena ids are pt_iommu::nid values from this base on. NUMA node numbers
 * (and NUMA_NO_NODE) are below it and select the heap.
 */
#define GENERICPT_ARENA_NID_BASE 0x10000
/* How many arenas may be registered at the same time. */
#define GENERICPT_MAX_ARENAS 32
/* Host address, physical address and size must be multiples of this. */
#define GENERICPT_ARENA_ALIGN 4096

/**
 * genericpt_arena_register() - register memory that tables can live in
 * @host: CPU address of the region, GENERICPT_ARENA_ALIGN aligned; the
 *     memory must stay mapped until genericpt_arena_unregister()
 * @phys: the physical (bus, guest-physical) address the page-table walker
 *     uses for @host, GENERICPT_ARENA_ALIGN aligned
 * @size: bytes, a non-zero multiple of GENERICPT_ARENA_ALIGN, less than
 *     16 TiB
 *
 * The region's previous contents are ignored; nothing is written to it
 * until a table is allocated. Put the returned id in pt_iommu::nid before
 * pt_iommu_FMT_init() to build that table in the arena.
 *
 * Locking: any thread, also while other tables are in use.
 *
 * Return: the arena id (>= GENERICPT_ARENA_NID_BASE); -EINVAL for a
 * misaligned, empty, too large or wrapping region; -EBUSY if
 * [@phys, @phys + @size) overlaps another arena's physical window or the
 * host address of live heap table memory, or [@host, @host + @size)
 * overlaps another arena; -ENOSPC when GENERICPT_MAX_ARENAS are registered;
 * -ENOMEM when the allocator metadata cannot be allocated.
 */
int genericpt_arena_register(void *host, phys_addr_t phys, size_t size);

/**
 * genericpt_arena_unregister() - forget an arena
 * @id: from genericpt_arena_register()
 *
 * Every table in the arena must have been freed (pt_iommu_deinit(), and
 * gathers synced). Afterwards the memory belongs to the caller again.
 *
 * Locking: any thread; no table in the arena may be in use.
 *
 * Return: 0; -ENOENT if @id is not a registered arena; -EBUSY while table
 * memory is still allocated from it or a table created in it has not been
 * deinitialised.
 */
int genericpt_arena_unregister(int id);

/**
 * struct genericpt_arena_stats - the state of one arena
 * @size: bytes of the arena
 * @used_bytes: bytes of table memory allocated from it and not yet freed
 * @live_tables: number of those allocations
 * @free_page_bytes: bytes in free page blocks (excludes free space inside
 *     partly used slab pages of small tables)
 * @largest_free: bytes of the largest free naturally aligned block
 * @corrupt_entries: table pointers found in the arena's memory that the
 *     library did not install there (each time one was met), since the
 *     arena was registered; nonzero means someone else wrote the tables
 */
struct genericpt_arena_stats {
	u64 size;
	u64 used_bytes;
	u64 live_tables;
	u64 free_page_bytes;
	u64 largest_free;
	u64 corrupt_entries;
};

/**
 * genericpt_arena_get_stats() - read an arena's allocation state
 * @id: from genericpt_arena_register()
 * @stats: filled on success
 *
 * Locking: any thread. Return: 0 or -ENOENT.
 */
int genericpt_arena_get_stats(int id, struct genericpt_arena_stats *stats);

GENERICPT_EXTERN_C_END

#endif
