// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The user-space runtime behind the kernel services the page-table code
 * uses: a table-memory allocator, the deferred-free page lists, the
 * cache-flush hook, allocation fault injection and WARN_ON accounting.
 *
 * Table memory comes from the C heap with phys == virt, or from a registered
 * arena (genericpt/arena.h) with the arena's physical addresses. Every
 * allocation has a small descriptor kept outside the table memory (in a hash
 * table keyed by address), so queueing a table for a deferred free never
 * writes into the table: a walker holding a stale pointer keeps reading the
 * old entries until the IOTLB is invalidated. For the same reason, and so a
 * guest cannot corrupt it, no allocator metadata lives in an arena.
 */
#define _GNU_SOURCE
#include <linux/iommu-pages.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include "arena_alloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { BACKEND_HEAP = -1, BACKEND_LOW = -2 };

struct pt_page_desc {
	uintptr_t virt;
	size_t size;
	struct pt_page_desc *next; /* link on an iommu_pages_list */
	int backend;               /* BACKEND_* or the arena slot */
	bool queued;               /* on an iommu_pages_list */
};

/* Open-addressing hash of live descriptors keyed by address. */
static struct pt_page_desc **desc_slots;
static size_t desc_cap;   /* power of two */
static size_t desc_used;  /* live + tombstones */
static size_t desc_live;
static struct pt_page_desc desc_tombstone;

u64 genericpt_sme_me_mask = 1ULL << 47;

static pthread_mutex_t rt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct genericpt_alloc_stats rt_stats;
static long rt_fail_after = -1;
static unsigned long rt_warns;
static genericpt_cache_flush_fn rt_flush_fn;
static void *rt_flush_ctx;

static size_t desc_hash(uintptr_t virt)
{
	u64 h = (u64)virt * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 17);
}

static bool desc_grow(void)
{
	size_t ncap = desc_cap ? desc_cap * 2 : 1024;
	struct pt_page_desc **nslots;
	size_t i;

	/* Only shrink tombstones if the live count alone is small. */
	if (desc_cap && desc_live * 4 < desc_cap)
		ncap = desc_cap;
	nslots = calloc(ncap, sizeof(*nslots));
	if (!nslots)
		return false;
	for (i = 0; i != desc_cap; i++) {
		struct pt_page_desc *d = desc_slots[i];
		size_t j;

		if (!d || d == &desc_tombstone)
			continue;
		for (j = desc_hash(d->virt) & (ncap - 1); nslots[j];
		     j = (j + 1) & (ncap - 1))
			;
		nslots[j] = d;
	}
	free(desc_slots);
	desc_slots = nslots;
	desc_cap = ncap;
	desc_used = desc_live;
	return true;
}

static bool desc_insert(struct pt_page_desc *d)
{
	size_t j;

	if ((desc_used + 1) * 2 > desc_cap && !desc_grow())
		return false;
	for (j = desc_hash(d->virt) & (desc_cap - 1);
	     desc_slots[j] && desc_slots[j] != &desc_tombstone;
	     j = (j + 1) & (desc_cap - 1))
		;
	if (!desc_slots[j])
		desc_used++;
	desc_slots[j] = d;
	desc_live++;
	return true;
}

static struct pt_page_desc *desc_find(uintptr_t virt, bool remove)
{
	size_t j;

	if (!desc_cap)
		return NULL;
	for (j = desc_hash(virt) & (desc_cap - 1); desc_slots[j];
	     j = (j + 1) & (desc_cap - 1)) {
		struct pt_page_desc *d = desc_slots[j];

		if (d != &desc_tombstone && d->virt == virt) {
			if (remove) {
				desc_slots[j] = &desc_tombstone;
				desc_live--;
			}
			return d;
		}
	}
	return NULL;
}

/*
 * Physical ranges heap table memory must avoid (heap tables have
 * phys == virt): the window of every arena registered so far, kept after
 * unregistering too, so a reader with a stale view of a window cannot
 * mistake a heap table for an arena table.
 */
struct pa_range {
	u64 first, last;
};
static struct pa_range *reserved;
static size_t nreserved, reserved_cap;

static bool ranges_overlap(u64 a_first, u64 a_last, u64 b_first, u64 b_last)
{
	return a_first <= b_last && b_first <= a_last;
}

static bool range_push(struct pa_range **v, size_t *n, size_t *cap, u64 first,
		       u64 last)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct pa_range *nv =
			(struct pa_range *)realloc(*v, ncap * sizeof(**v));

		if (!nv)
			return false;
		*v = nv;
		*cap = ncap;
	}
	(*v)[*n].first = first;
	(*v)[*n].last = last;
	(*n)++;
	return true;
}

static bool heap_collides(uintptr_t virt, size_t size)
{
	u64 first = (u64)virt, last = (u64)virt + size - 1;
	size_t i;

	for (i = 0; i != nreserved; i++)
		if (ranges_overlap(first, last, reserved[i].first,
				   reserved[i].last))
			return true;
	return false;
}

/*
 * The low pool: memory below 4 GiB for formats whose table pointers are
 * narrower than a host pointer, on 64-bit hosts. It is carved from mmap'ed
 * chunks into naturally aligned blocks with one free list per size class.
 * (On 32-bit hosts every heap address is below 4 GiB already.)
 */
enum { LOW_CHUNK = 2u << 20, LOW_CLASSES = 24, LOW_RETRIES = 8 };
static void *low_free[LOW_CLASSES];
static uintptr_t low_cur, low_end;
static struct pa_range *low_chunks;
static size_t nlow_chunks, low_chunks_cap;

/*
 * Below 4 GiB where MAP_32BIT does not reach (it covers one GiB on x86-64;
 * other hosts lack it): try fixed addresses from the top of the 4 GiB
 * space down, never replacing a mapping. The cursor keeps later calls from
 * probing the taken part again.
 */
static void *low_probe_chunk(size_t len, int flags)
{
	static uintptr_t cursor = (uintptr_t)1 << 31 << 1;
	const uintptr_t floor = 0x10000000;

	if (sizeof(void *) == 4)
		return MAP_FAILED;
	while (cursor >= floor + len) {
		void *want = (void *)(cursor - len);
		void *m;

#ifdef MAP_FIXED_NOREPLACE
		m = mmap(want, len, PROT_READ | PROT_WRITE,
			 flags | MAP_FIXED_NOREPLACE, -1, 0);
#else
		m = mmap(want, len, PROT_READ | PROT_WRITE, flags, -1, 0);
#endif
		cursor -= len;
		if (m == want)
			return m;
		/* Taken, or an old kernel placing a hint elsewhere. */
		if (m != MAP_FAILED)
			munmap(m, len);
	}
	return MAP_FAILED;
}

/* mmap a chunk below 4 GiB that lies outside every reserved window. */
static void *low_map_chunk(size_t len)
{
	void *held[LOW_RETRIES];
	unsigned int nheld = 0, i;
	void *m;

	while (true) {
		int flags = MAP_PRIVATE | MAP_ANONYMOUS;

		m = MAP_FAILED;
#if defined(MAP_32BIT)
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_32BIT,
			 -1, 0);
#endif
		if (m == MAP_FAILED)
			m = low_probe_chunk(len, flags);
		if (m == MAP_FAILED)
			break;
		if ((u64)(uintptr_t)m + len > (1ULL << 32)) {
			munmap(m, len);
			m = MAP_FAILED;
			break;
		}
		if (!heap_collides((uintptr_t)m, len))
			break;
		/* Keep it mapped so the next try gets another address. */
		if (nheld == LOW_RETRIES) {
			munmap(m, len);
			m = MAP_FAILED;
			break;
		}
		held[nheld++] = m;
	}
	for (i = 0; i != nheld; i++)
		munmap(held[i], len);
	if (m == MAP_FAILED)
		return NULL;
	if (!range_push(&low_chunks, &nlow_chunks, &low_chunks_cap,
			(u64)(uintptr_t)m, (u64)(uintptr_t)m + len - 1)) {
		munmap(m, len);
		return NULL;
	}
	return m;
}

static void *low_alloc(size_t size)
{
	unsigned int cls = (unsigned int)__builtin_ctzll(size);
	uintptr_t p;

	if (cls >= LOW_CLASSES)
		return NULL;
	if (low_free[cls]) {
		void *v = low_free[cls];

		memcpy(&low_free[cls], v, sizeof(void *));
		return v;
	}
	p = (low_cur + size - 1) & ~(uintptr_t)(size - 1);
	if (!low_cur || p + size > low_end) {
		size_t len = size > LOW_CHUNK ? size * 2 : LOW_CHUNK;
		void *m = low_map_chunk(len);

		if (!m)
			return NULL;
		low_cur = (uintptr_t)m;
		low_end = low_cur + len;
		p = (low_cur + size - 1) & ~(uintptr_t)(size - 1);
	}
	low_cur = p + size;
	return (void *)p;
}

static void low_release(void *v, size_t size)
{
	unsigned int cls = (unsigned int)__builtin_ctzll(size);

	memcpy(v, &low_free[cls], sizeof(void *));
	low_free[cls] = v;
}

/*
 * Freed heap tables kept for reuse, one LIFO list per size (log2), linked
 * through their first word. A large map allocates hundreds of tables of one
 * size and an unmap frees them again; posix_memalign() and free() cost more
 * than filling a 4 KiB table. At most HEAP_CACHE_BYTES per size are kept
 * (glibc would keep them in its bins anyway). Not under AddressSanitizer,
 * which should see every free. Called with rt_lock held.
 */
#if defined(__SANITIZE_ADDRESS__)
#define GENERICPT_HEAP_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GENERICPT_HEAP_CACHE 0
#endif
#endif
#ifndef GENERICPT_HEAP_CACHE
#define GENERICPT_HEAP_CACHE 1
#endif
enum { HEAP_CACHE_CLASSES = 17, HEAP_CACHE_BYTES = 2 << 20 };
static void *heap_cache[HEAP_CACHE_CLASSES];
static size_t heap_cache_bytes[HEAP_CACHE_CLASSES];

static void *heap_cache_pop(size_t size)
{
	unsigned int cls = (unsigned int)__builtin_ctzll(size);
	void *v;

	if (!GENERICPT_HEAP_CACHE || cls >= HEAP_CACHE_CLASSES ||
	    !heap_cache[cls])
		return NULL;
	v = heap_cache[cls];
	memcpy(&heap_cache[cls], v, sizeof(void *));
	heap_cache_bytes[cls] -= size;
	return v;
}

static void heap_release(void *virt, size_t size, bool low)
{
	unsigned int cls = (unsigned int)__builtin_ctzll(size);

	if (low) {
		low_release(virt, size);
	} else if (GENERICPT_HEAP_CACHE && cls < HEAP_CACHE_CLASSES &&
		   heap_cache_bytes[cls] + size <= HEAP_CACHE_BYTES) {
		memcpy(virt, &heap_cache[cls], sizeof(void *));
		heap_cache[cls] = virt;
		heap_cache_bytes[cls] += size;
	} else {
		free(virt);
	}
}

/* Heap memory (phys == virt) that lies outside every reserved window. */
enum { HEAP_RETRIES = 16 };

static void *heap_alloc(size_t size, bool low)
{
	void *held[HEAP_RETRIES];
	unsigned int nheld = 0, i;
	void *virt;

	while (true) {
		if (low) {
			virt = low_alloc(size);
		} else if ((virt = heap_cache_pop(size))) {
			/* Freed before a window was registered over it. */
			if (nreserved && heap_collides((uintptr_t)virt, size)) {
				free(virt);
				continue;
			}
		} else if (posix_memalign(&virt, size, size)) {
			virt = NULL;
		}
		if (!virt || !nreserved || !heap_collides((uintptr_t)virt, size))
			break;
		/* Hold the colliding block so the next try gets another. */
		if (nheld == HEAP_RETRIES) {
			heap_release(virt, size, low);
			virt = NULL;
			break;
		}
		held[nheld++] = virt;
	}
	for (i = 0; i != nheld; i++)
		heap_release(held[i], size, low);
	return virt;
}

/* ---- arenas ---- */

struct genericpt_arena_window genericpt_arena_windows[GENERICPT_MAX_ARENAS];
unsigned int genericpt_arena_nr_windows;

/* One table (an owner of arena tables) with a handle in this arena. */
struct arena_owner {
	u32 id;
	bool warned; /* a corrupt entry of this table was reported */
};

/*
 * The trust records of an arena: links[] has one word per LINK_UNIT bytes
 * of the arena. The word of the unit where a table starts says which table
 * (owner), at which level, and from which entry (its offset in the arena)
 * the library installed a pointer to it; 0 when no such pointer should
 * exist (free memory, a top table, a table queued for freeing, the middle
 * of a table). Tables that are pointed to are at least LINK_UNIT bytes and
 * aligned to their size, so no two share a unit. Read lock-free by
 * genericpt_arena_follow(); written with single atomic stores.
 */
enum {
	LINK_UNIT_SHIFT = GENERICPT_LINK_UNIT_SHIFT,
	LINK_UNIT = 1 << LINK_UNIT_SHIFT,
	/* genericpt_link_word(): entry offset / 4 (arenas < 16 TiB) */
	LINK_OWNER_SHIFT = 45,
	OWNER_BITS = GENERICPT_OWNER_BITS,
};
#define OWNER_MASK ((1u << OWNER_BITS) - 1)

struct arena {
	bool active;
	uintptr_t host;
	u64 pa;
	u64 size;
	struct gpt_aa aa;
	u64 *links;
	struct arena_owner *owners;
	size_t nowners, owners_cap;
	u32 next_owner;
	u64 corrupt; /* corrupt entries met, atomic */
};
static struct arena arenas[GENERICPT_MAX_ARENAS];

struct genericpt_arena_trust genericpt_arena_trust[GENERICPT_MAX_ARENAS];

static u64 link_pack(u64 entry_off, unsigned int level, u32 owner)
{
	return genericpt_link_word(entry_off, level, owner);
}

/* Forget the link record of arena table memory @d (queued or freed). */
static void link_clear(const struct pt_page_desc *d)
{
	struct arena *a;

	if (d->backend < 0)
		return;
	a = &arenas[d->backend];
	/* Only a block that starts a unit can have the unit's record. */
	if ((d->virt - a->host) & (LINK_UNIT - 1))
		return;
	__atomic_store_n(&a->links[(d->virt - a->host) >> LINK_UNIT_SHIFT], 0,
			 __ATOMIC_RELEASE);
}

static struct arena *arena_of_nid(int nid)
{
	struct arena *a;

	if (nid < GENERICPT_ARENA_NID_BASE ||
	    nid >= GENERICPT_ARENA_NID_BASE + GENERICPT_MAX_ARENAS)
		return NULL;
	a = &arenas[nid - GENERICPT_ARENA_NID_BASE];
	return a->active ? a : NULL;
}

/* Give the memory of @d back to its backend. Called with rt_lock held. */
static void release_mem(const struct pt_page_desc *d)
{
	if (d->backend >= 0) {
		struct arena *a = &arenas[d->backend];

		gpt_aa_free(&a->aa, (u64)(d->virt - a->host), d->size);
	} else {
		heap_release((void *)d->virt, d->size,
			     d->backend == BACKEND_LOW);
	}
}

static bool fail_injected(void)
{
	if (rt_fail_after < 0)
		return false;
	if (rt_fail_after == 0) {
		rt_fail_after = -1;
		return true;
	}
	rt_fail_after--;
	return false;
}

void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size)
{
	struct pt_page_desc *d;
	void *virt = NULL;
	bool use_arena = nid >= GENERICPT_ARENA_NID_BASE;
	/* Every heap address of a 32-bit host is below 4 GiB. */
	bool low = (gfp & __GFP_DMA32) && (use_arena || sizeof(void *) > 4);
	int backend = low ? BACKEND_LOW : BACKEND_HEAP;

	if (size < 16 || (size & (size - 1)))
		return NULL;

	d = (struct pt_page_desc *)malloc(sizeof(*d));
	pthread_mutex_lock(&rt_lock);
	if (!d || fail_injected())
		goto fail;
	if (use_arena) {
		struct arena *a = arena_of_nid(nid);
		u64 off;

		if (!a || !gpt_aa_alloc(&a->aa, size, low, &off))
			goto fail;
		virt = (void *)(a->host + (uintptr_t)off);
		backend = (int)(a - arenas);
	} else {
		virt = heap_alloc(size, low);
	}
	if (!virt)
		goto fail;
	d->virt = (uintptr_t)virt;
	d->size = size;
	d->next = NULL;
	d->backend = backend;
	d->queued = false;
	if (!desc_insert(d)) {
		release_mem(d);
		goto fail;
	}
	rt_stats.live_tables++;
	rt_stats.live_bytes += size;
	rt_stats.total_allocs++;
	if (rt_stats.live_bytes > rt_stats.peak_bytes)
		rt_stats.peak_bytes = rt_stats.live_bytes;
	pthread_mutex_unlock(&rt_lock);
	if (!(gfp & __GFP_NOZERO))
		memset(virt, 0, size);
	return virt;

fail:
	rt_stats.failed_allocs++;
	pthread_mutex_unlock(&rt_lock);
	free(d);
	return NULL;
}

/* Called with rt_lock held; @d already removed from the hash. */
static void release_desc(struct pt_page_desc *d)
{
	rt_stats.live_tables--;
	rt_stats.live_bytes -= d->size;
	rt_stats.total_frees++;
	release_mem(d);
}

void iommu_free_pages(void *virt)
{
	struct pt_page_desc *d;

	if (!virt)
		return;
	pthread_mutex_lock(&rt_lock);
	d = desc_find((uintptr_t)virt, true);
	if (WARN_ON(!d)) {
		pthread_mutex_unlock(&rt_lock);
		return;
	}
	link_clear(d);
	release_desc(d);
	pthread_mutex_unlock(&rt_lock);
	free(d);
}

void iommu_pages_list_add(struct iommu_pages_list *list, void *virt)
{
	struct pt_page_desc *d;

	pthread_mutex_lock(&rt_lock);
	d = desc_find((uintptr_t)virt, false);
	/* Twice on lists would free twice: refuse (a library bug). */
	if (WARN_ON(!d || d->queued)) {
		pthread_mutex_unlock(&rt_lock);
		return;
	}
	d->queued = true;
	link_clear(d);
	pthread_mutex_unlock(&rt_lock);
	d->next = (struct pt_page_desc *)list->head;
	list->head = d;
}

void iommu_pages_list_splice(struct iommu_pages_list *from,
			     struct iommu_pages_list *to)
{
	struct pt_page_desc *d = (struct pt_page_desc *)from->head;

	if (!d)
		return;
	while (d->next)
		d = d->next;
	d->next = (struct pt_page_desc *)to->head;
	to->head = from->head;
	from->head = NULL;
}

void iommu_put_pages_list(struct iommu_pages_list *list)
{
	struct pt_page_desc *d = (struct pt_page_desc *)list->head;

	list->head = NULL;
	while (d) {
		struct pt_page_desc *next = d->next;

		pthread_mutex_lock(&rt_lock);
		if (!WARN_ON(desc_find(d->virt, true) != d))
			release_desc(d);
		pthread_mutex_unlock(&rt_lock);
		free(d);
		d = next;
	}
}

size_t iommu_pages_list_count(const struct iommu_pages_list *list)
{
	const struct pt_page_desc *d = (const struct pt_page_desc *)list->head;
	size_t n = 0;

	for (; d; d = d->next)
		n++;
	return n;
}

void iommu_pages_flush_incoherent(const void *virt, size_t len)
{
	genericpt_cache_flush_fn fn = __atomic_load_n(&rt_flush_fn,
						      __ATOMIC_ACQUIRE);

	if (fn)
		fn(rt_flush_ctx, virt, len);
}

int iommu_pages_start_incoherent(void *virt, struct device *dma_dev)
{
	struct pt_page_desc *d;
	size_t size = 0;

	(void)dma_dev;
	pthread_mutex_lock(&rt_lock);
	d = desc_find((uintptr_t)virt, false);
	if (d)
		size = d->size;
	pthread_mutex_unlock(&rt_lock);
	if (WARN_ON(!d))
		return -EINVAL;
	iommu_pages_flush_incoherent(virt, size);
	return 0;
}

int iommu_pages_start_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev)
{
	struct pt_page_desc *d;

	(void)dma_dev;
	for (d = (struct pt_page_desc *)list->head; d; d = d->next)
		iommu_pages_flush_incoherent((const void *)d->virt, d->size);
	return 0;
}

void genericpt_set_cache_flush_hook(genericpt_cache_flush_fn fn, void *ctx)
{
	rt_flush_ctx = ctx;
	__atomic_store_n(&rt_flush_fn, fn, __ATOMIC_RELEASE);
}

void genericpt_get_alloc_stats(struct genericpt_alloc_stats *stats)
{
	pthread_mutex_lock(&rt_lock);
	*stats = rt_stats;
	pthread_mutex_unlock(&rt_lock);
}

void genericpt_reset_alloc_stats(void)
{
	pthread_mutex_lock(&rt_lock);
	rt_stats.peak_bytes = rt_stats.live_bytes;
	rt_stats.total_allocs = 0;
	rt_stats.total_frees = 0;
	rt_stats.failed_allocs = 0;
	pthread_mutex_unlock(&rt_lock);
}

void genericpt_fail_alloc_after(long n)
{
	pthread_mutex_lock(&rt_lock);
	rt_fail_after = n < 0 ? -1 : n;
	pthread_mutex_unlock(&rt_lock);
}

void genericpt_warn(const char *file, int line, const char *cond)
{
	__atomic_add_fetch(&rt_warns, 1, __ATOMIC_RELAXED);
	fprintf(stderr, "genericpt: WARN_ON(%s) at %s:%d\n", cond, file, line);
}

void genericpt_bug(const char *file, int line, const char *cond)
{
	fprintf(stderr, "genericpt: BUG_ON(%s) at %s:%d\n", cond, file, line);
	abort();
}

unsigned long genericpt_warn_count(void)
{
	return __atomic_load_n(&rt_warns, __ATOMIC_RELAXED);
}

void genericpt_for_each_table(void (*fn)(void *ctx, const void *virt,
					 size_t size),
			      void *ctx)
{
	size_t i;

	pthread_mutex_lock(&rt_lock);
	for (i = 0; i != desc_cap; i++) {
		struct pt_page_desc *d = desc_slots[i];

		if (d && d != &desc_tombstone)
			fn(ctx, (const void *)d->virt, d->size);
	}
	pthread_mutex_unlock(&rt_lock);
}

/* Publish or retire a window; see the ordering rule in iommu-pages.h. */
static void window_publish(unsigned int slot, uintptr_t host, u64 pa,
			   u64 size)
{
	struct genericpt_arena_window *w = &genericpt_arena_windows[slot];

	/* From the empty state, set the ends first, then the starts. */
	__atomic_store_n(&w->pa_first, ~(u64)0, __ATOMIC_RELAXED);
	__atomic_store_n(&w->host_first, ~(uintptr_t)0, __ATOMIC_RELAXED);
	__atomic_store_n(&w->pa_last, pa + size - 1, __ATOMIC_RELAXED);
	__atomic_store_n(&w->host_last, host + (uintptr_t)(size - 1),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&w->host_first, host, __ATOMIC_RELEASE);
	__atomic_store_n(&w->pa_first, pa, __ATOMIC_RELEASE);
	if (slot >= genericpt_arena_nr_windows)
		__atomic_store_n(&genericpt_arena_nr_windows, slot + 1,
				 __ATOMIC_RELEASE);
}

static void window_retire(unsigned int slot)
{
	struct genericpt_arena_window *w = &genericpt_arena_windows[slot];

	/* Starts first: every intermediate window is a subset of the old. */
	__atomic_store_n(&w->pa_first, ~(u64)0, __ATOMIC_RELEASE);
	__atomic_store_n(&w->host_first, ~(uintptr_t)0, __ATOMIC_RELEASE);
	__atomic_store_n(&w->pa_last, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&w->host_last, 0, __ATOMIC_RELEASE);
}

/* Is any live heap table, or low-pool chunk, inside [first, last]? */
static bool heap_in_window(u64 first, u64 last)
{
	size_t i;

	for (i = 0; i != nlow_chunks; i++)
		if (ranges_overlap(first, last, low_chunks[i].first,
				   low_chunks[i].last))
			return true;
	for (i = 0; i != desc_cap; i++) {
		const struct pt_page_desc *d = desc_slots[i];

		if (!d || d == &desc_tombstone || d->backend >= 0)
			continue;
		if (ranges_overlap(first, last, (u64)d->virt,
				   (u64)d->virt + d->size - 1))
			return true;
	}
	return false;
}

static bool reserve_window(u64 first, u64 last)
{
	size_t i;

	for (i = 0; i != nreserved; i++)
		if (reserved[i].first == first && reserved[i].last == last)
			return true;
	return range_push(&reserved, &nreserved, &reserved_cap, first, last);
}

int genericpt_arena_register(void *host, phys_addr_t phys, size_t size)
{
	uintptr_t h = (uintptr_t)host;
	u64 pa_last = phys + (u64)size - 1;
	unsigned int slot, i;
	struct arena *a = NULL;
	int ret;

	if (!size || size % GENERICPT_ARENA_ALIGN ||
	    h % GENERICPT_ARENA_ALIGN || phys % GENERICPT_ARENA_ALIGN ||
	    pa_last < phys || h + (size - 1) < h ||
	    ((u64)size >> GPT_AA_PAGE_SHIFT) >= GPT_AA_NIL)
		return -EINVAL;

	pthread_mutex_lock(&rt_lock);
	ret = -EBUSY;
	for (i = 0; i != GENERICPT_MAX_ARENAS; i++) {
		const struct arena *o = &arenas[i];

		if (!o->active) {
			if (!a)
				a = &arenas[i];
			continue;
		}
		if (ranges_overlap(phys, pa_last, o->pa, o->pa + o->size - 1) ||
		    ranges_overlap((u64)h, (u64)h + size - 1, (u64)o->host,
				   (u64)o->host + o->size - 1))
			goto out;
	}
	if (heap_in_window(phys, pa_last))
		goto out;
	ret = -ENOSPC;
	if (!a)
		goto out;
	ret = gpt_aa_init(&a->aa, phys, size);
	if (ret)
		goto out;
	a->links = (u64 *)calloc(size >> LINK_UNIT_SHIFT, sizeof(u64));
	if (!a->links || !reserve_window(phys, pa_last)) {
		free(a->links);
		a->links = NULL;
		gpt_aa_destroy(&a->aa);
		ret = -ENOMEM;
		goto out;
	}
	a->nowners = 0;
	a->next_owner = 1;
	__atomic_store_n(&a->corrupt, 0, __ATOMIC_RELAXED);
	/* Read lock-free by genericpt_arena_follow() of this arena's tables. */
	genericpt_arena_trust[a - arenas].pa = phys;
	genericpt_arena_trust[a - arenas].size = size;
	genericpt_arena_trust[a - arenas].host = h;
	genericpt_arena_trust[a - arenas].links = a->links;
	slot = (unsigned int)(a - arenas);
	a->host = h;
	a->pa = phys;
	a->size = size;
	a->active = true;
	window_publish(slot, h, phys, size);
	ret = GENERICPT_ARENA_NID_BASE + (int)slot;
out:
	pthread_mutex_unlock(&rt_lock);
	return ret;
}

int genericpt_arena_unregister(int id)
{
	struct arena *a;
	int ret = 0;

	pthread_mutex_lock(&rt_lock);
	a = arena_of_nid(id);
	if (!a) {
		ret = -ENOENT;
	} else if (a->aa.live_blocks || a->nowners) {
		ret = -EBUSY;
	} else {
		window_retire((unsigned int)(a - arenas));
		gpt_aa_destroy(&a->aa);
		memset(&genericpt_arena_trust[a - arenas], 0,
		       sizeof(genericpt_arena_trust[0]));
		free(a->links);
		a->links = NULL;
		free(a->owners);
		a->owners = NULL;
		a->owners_cap = 0;
		a->active = false;
	}
	pthread_mutex_unlock(&rt_lock);
	return ret;
}

int genericpt_arena_get_stats(int id, struct genericpt_arena_stats *stats)
{
	struct arena *a;
	int ret = 0;

	pthread_mutex_lock(&rt_lock);
	a = arena_of_nid(id);
	if (!a) {
		ret = -ENOENT;
	} else {
		stats->size = a->size;
		stats->used_bytes = a->aa.used_bytes;
		stats->live_tables = a->aa.live_blocks;
		stats->free_page_bytes = a->aa.free_page_bytes;
		stats->largest_free = gpt_aa_largest_free(&a->aa);
		stats->corrupt_entries =
			__atomic_load_n(&a->corrupt, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&rt_lock);
	return ret;
}

/* ---- the trust boundary (see iommu-pages.h) ---- */

static struct arena *arena_of_handle(u32 handle)
{
	return &arenas[(handle >> OWNER_BITS) - 1];
}

/* The owner record of @id in @a, or NULL. Called with rt_lock held. */
static struct arena_owner *owner_find(struct arena *a, u32 id)
{
	size_t i;

	for (i = 0; i != a->nowners; i++)
		if (a->owners[i].id == id)
			return &a->owners[i];
	return NULL;
}

int genericpt_arena_domain_open(int nid, u32 *handle)
{
	struct arena *a;
	u32 id;
	int ret = 0;

	*handle = 0;
	if (nid < GENERICPT_ARENA_NID_BASE)
		return 0;
	pthread_mutex_lock(&rt_lock);
	a = arena_of_nid(nid);
	if (!a) {
		ret = -ENOMEM;
		goto out;
	}
	if (a->nowners == OWNER_MASK) {
		ret = -ENOSPC;
		goto out;
	}
	if (a->nowners == a->owners_cap) {
		size_t ncap = a->owners_cap ? a->owners_cap * 2 : 8;
		struct arena_owner *n = (struct arena_owner *)realloc(
			a->owners, ncap * sizeof(*n));

		if (!n) {
			ret = -ENOMEM;
			goto out;
		}
		a->owners = n;
		a->owners_cap = ncap;
	}
	/* Ids are reused only after 2^19 opens, and never while live. */
	do {
		id = a->next_owner;
		a->next_owner = id == OWNER_MASK ? 1 : id + 1;
	} while (owner_find(a, id));
	a->owners[a->nowners].id = id;
	a->owners[a->nowners].warned = false;
	a->nowners++;
	*handle = ((u32)(a - arenas) + 1) << OWNER_BITS | id;
out:
	pthread_mutex_unlock(&rt_lock);
	return ret;
}

void genericpt_arena_domain_close(u32 handle, void *top)
{
	struct arena *a = arena_of_handle(handle);
	u32 id = handle & OWNER_MASK;
	int slot = (int)(a - arenas);
	struct arena_owner *o;
	size_t i;

	pthread_mutex_lock(&rt_lock);
	/*
	 * Every table of this owner below the top has a link record naming
	 * the owner; what the arena's memory says does not matter.
	 */
	for (i = 0; i != desc_cap; i++) {
		struct pt_page_desc *d = desc_slots[i];
		u64 *link;

		if (!d || d == &desc_tombstone || d->backend != slot ||
		    ((d->virt - a->host) & (LINK_UNIT - 1)) || d->queued)
			continue;
		link = &a->links[(d->virt - a->host) >> LINK_UNIT_SHIFT];
		if (!*link || (*link >> LINK_OWNER_SHIFT) != id)
			continue;
		__atomic_store_n(link, 0, __ATOMIC_RELAXED);
		desc_slots[i] = &desc_tombstone;
		desc_live--;
		release_desc(d);
		free(d);
	}
	if (top) {
		struct pt_page_desc *d = desc_find((uintptr_t)top, true);

		if (!WARN_ON(!d)) {
			link_clear(d);
			release_desc(d);
			free(d);
		}
	}
	o = owner_find(a, id);
	if (!WARN_ON(!o))
		*o = a->owners[--a->nowners];
	pthread_mutex_unlock(&rt_lock);
}

void genericpt_arena_link(u32 handle, const void *table, const void *entry,
			  unsigned int level)
{
	struct arena *a = arena_of_handle(handle);
	uintptr_t off = (uintptr_t)table - a->host;

	if (WARN_ON(off >= a->size || (off & (LINK_UNIT - 1))))
		return;
	__atomic_store_n(&a->links[off >> LINK_UNIT_SHIFT],
			 link_pack((u64)((uintptr_t)entry - a->host), level,
				   handle & OWNER_MASK),
			 __ATOMIC_RELEASE);
}

void genericpt_arena_report_corrupt(u32 handle)
{
	struct arena *a;
	struct arena_owner *o;
	bool warn = false;

	if (!handle)
		return;
	a = arena_of_handle(handle);
	__atomic_add_fetch(&a->corrupt, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&rt_lock);
	o = owner_find(a, handle & OWNER_MASK);
	if (o && !o->warned) {
		o->warned = true;
		warn = true;
	}
	pthread_mutex_unlock(&rt_lock);
	if (warn)
		genericpt_warn(__FILE__, __LINE__,
			       "arena table memory holds a table pointer the library did not install there; the entry is treated as corrupt (-EIO)");
}
