/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * genericpt user-space runtime: the services the kernel would give the page
 * table code (page allocator, phys<->virt, cache maintenance), plus the
 * knobs tests and embedders use (allocation statistics, fault injection,
 * the cache-flush hook).
 *
 * Locking: every function here may be called from any thread; the runtime
 * serialises its own state internally.
 */
#ifndef __GENERICPT_RUNTIME_H
#define __GENERICPT_RUNTIME_H

#include <linux/types.h>

GENERICPT_EXTERN_C_BEGIN

/**
 * struct genericpt_alloc_stats - table memory accounting
 * @live_tables: table allocations not yet freed
 * @live_bytes: bytes held by those allocations
 * @peak_bytes: highest @live_bytes seen since the last reset
 * @total_allocs: successful allocations since the last reset
 * @total_frees: frees since the last reset
 * @failed_allocs: allocations that failed (injected or real)
 */
struct genericpt_alloc_stats {
	u64 live_tables;
	u64 live_bytes;
	u64 peak_bytes;
	u64 total_allocs;
	u64 total_frees;
	u64 failed_allocs;
};

/**
 * genericpt_get_alloc_stats() - read the table allocator's counters
 * @stats: filled with a snapshot of the counters
 *
 * Locking: any thread. Errors: none.
 */
void genericpt_get_alloc_stats(struct genericpt_alloc_stats *stats);

/**
 * genericpt_reset_alloc_stats() - zero the cumulative counters
 *
 * live_tables and live_bytes are kept (they describe memory still held);
 * peak_bytes restarts from live_bytes. Locking: any thread. Errors: none.
 */
void genericpt_reset_alloc_stats(void);

/**
 * genericpt_fail_alloc_after() - inject an allocation failure
 * @n: number of allocations that still succeed before one fails; -1 turns
 *     injection off.
 *
 * Exactly one allocation fails (the (@n+1)th from now), then injection turns
 * itself off. Used by tests that fail every allocation of an operation in
 * turn. Locking: any thread. Errors: none.
 */
void genericpt_fail_alloc_after(long n);

/**
 * typedef genericpt_cache_flush_fn - cache-flush hook
 * @ctx: the pointer given at registration
 * @virt: CPU address of table memory that was written
 * @len: number of bytes written
 *
 * Called for tables with PT_FEAT_DMA_INCOHERENT after the CPU wrote table
 * memory and before that memory can be reached by the hardware walker. A
 * real embedder cleans the data cache over the range (e.g. DC CVAC loops).
 */
typedef void (*genericpt_cache_flush_fn)(void *ctx, const void *virt,
					 size_t len);

/**
 * genericpt_set_cache_flush_hook() - install the cache-flush hook
 * @fn: the hook, or NULL for none (flushes then do nothing)
 * @ctx: passed back to @fn
 *
 * Locking: set it while no table operation runs. Errors: none.
 */
void genericpt_set_cache_flush_hook(genericpt_cache_flush_fn fn, void *ctx);

/**
 * genericpt_warn_count() - number of WARN_ON()s that fired in the library
 *
 * A correct program never triggers one; tests assert it stays 0.
 * Locking: any thread. Errors: none.
 */
unsigned long genericpt_warn_count(void);

/**
 * genericpt_for_each_table() - visit every live table allocation
 * @fn: called with (ctx, virt, size) for each allocation, in no set order
 * @ctx: passed to @fn
 *
 * For tests and tools: snapshot all table memory, check that nothing
 * leaked. @fn must not allocate or free table memory. Locking: takes the
 * runtime lock; other threads' allocations wait. Errors: none.
 */
void genericpt_for_each_table(void (*fn)(void *ctx, const void *virt,
					 size_t size),
			      void *ctx);

/**
 * genericpt_sme_me_mask - the AMD memory-encryption "C" bit
 *
 * Formats with an encrypt-tables feature (AMDv1, x86-64) OR this mask into
 * table pointers and leaves, as the kernel's __sme_set() does. Default: bit
 * 47. Set it before creating tables; output addresses must stay below it.
 */
extern u64 genericpt_sme_me_mask;

GENERICPT_EXTERN_C_END

#endif
