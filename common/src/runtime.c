// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The user-space runtime behind the kernel services the page-table code
 * uses: a table-memory allocator, the deferred-free page lists, the
 * cache-flush hook, allocation fault injection and WARN_ON accounting.
 *
 * Table memory comes from the C heap with phys == virt. Every allocation has
 * a small descriptor kept outside the table memory (in a hash table keyed by
 * address), so queueing a table for a deferred free never writes into the
 * table: a walker holding a stale pointer keeps reading the old entries
 * until the IOTLB is invalidated.
 */
#define _GNU_SOURCE
#include <linux/iommu-pages.h>
#include <linux/bug.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct pt_page_desc {
	uintptr_t virt;
	size_t size;
	struct pt_page_desc *next; /* link on an iommu_pages_list */
	bool low;                  /* carved from the low pool */
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
 * The low pool: memory below 4 GiB for formats whose table pointers are
 * narrower than a host pointer. It is carved from mmap'ed chunks into
 * naturally aligned blocks with one free list per size class.
 */
enum { LOW_CHUNK = 2u << 20, LOW_CLASSES = 24 };
static void *low_free[LOW_CLASSES];
static uintptr_t low_cur, low_end;

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
		void *m = MAP_FAILED;
		int flags = MAP_PRIVATE | MAP_ANONYMOUS;

#if defined(MAP_32BIT)
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_32BIT,
			 -1, 0);
#endif
		if (m == MAP_FAILED)
			m = mmap((void *)(uintptr_t)0x10000000, len,
				 PROT_READ | PROT_WRITE, flags, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		if ((u64)(uintptr_t)m + len > (1ULL << 32)) {
			munmap(m, len);
			return NULL;
		}
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
	bool low = gfp & __GFP_DMA32;

	(void)nid;
	if (size < 16 || (size & (size - 1)))
		return NULL;

	d = malloc(sizeof(*d));
	pthread_mutex_lock(&rt_lock);
	if (!d || fail_injected())
		goto fail;
	if (!low) {
		if (posix_memalign(&virt, size, size))
			virt = NULL;
	} else {
		virt = low_alloc(size);
	}
	if (!virt)
		goto fail;
	d->virt = (uintptr_t)virt;
	d->size = size;
	d->next = NULL;
	d->low = low;
	if (!desc_insert(d)) {
		if (low)
			low_release(virt, size);
		else
			free(virt);
		goto fail;
	}
	rt_stats.live_tables++;
	rt_stats.live_bytes += size;
	rt_stats.total_allocs++;
	if (rt_stats.live_bytes > rt_stats.peak_bytes)
		rt_stats.peak_bytes = rt_stats.live_bytes;
	pthread_mutex_unlock(&rt_lock);
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
	if (d->low)
		low_release((void *)d->virt, d->size);
	else
		free((void *)d->virt);
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
	release_desc(d);
	pthread_mutex_unlock(&rt_lock);
	free(d);
}

void iommu_pages_list_add(struct iommu_pages_list *list, void *virt)
{
	struct pt_page_desc *d;

	pthread_mutex_lock(&rt_lock);
	d = desc_find((uintptr_t)virt, false);
	pthread_mutex_unlock(&rt_lock);
	if (WARN_ON(!d))
		return;
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
