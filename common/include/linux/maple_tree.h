/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/maple_tree.h>: the part of the maple tree
 * API that kernel KUnit suites use (kunit_iommu_pt.h keeps its mapped ranges
 * in one), with the kernel's names and signatures.
 *
 * Simple rather than fast: the tree is one array of disjoint [first, last]
 * ranges sorted by index, searched by bisection; inserting and erasing move
 * the tail of the array. The normal API (mtree_*) takes the tree's lock
 * itself; the advanced API (mas_*) expects the caller to hold it
 * (mtree_lock()), as in the kernel.
 *
 * Differences from the kernel:
 *  - readers take no lock (the kernel's use RCU): mtree_load() may be called
 *    with or without the lock held, but not concurrently with a writer;
 *  - mtree_insert_range() refuses advanced entries with -EINVAL but does not
 *    WARN;
 *  - after mas_erase(), mas->index/mas->last are the erased range (the
 *    kernel may widen them to the whole empty gap around it).
 */
#ifndef GENERICPT_LINUX_MAPLE_TREE_H
#define GENERICPT_LINUX_MAPLE_TREE_H

#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>

/* The kernel reserves internal entries below this value for the tree. */
#define MAPLE_RESERVED_RANGE 4096

/* One stored range [first, last] and its entry (genericpt private). */
struct genericpt_mt_range {
	unsigned long first;
	unsigned long last;
	void *entry;
};

struct maple_tree {
	spinlock_t ma_lock;
	unsigned int ma_flags;
	/* genericpt private: nr disjoint ranges sorted by index, room for alloc */
	struct genericpt_mt_range *genericpt_ranges;
	size_t genericpt_nr;
	size_t genericpt_alloc;
};

/* Static initializer of an empty tree with the (ignored) flags @__flags. */
#define MTREE_INIT(name, __flags)                                      \
	{ __SPIN_LOCK_UNLOCKED((name).ma_lock), (unsigned int)(__flags), \
	  NULL, 0, 0 }
/* Define and initialize the empty tree @name. */
#define DEFINE_MTREE(name) struct maple_tree name = MTREE_INIT(name, 0)

/* Take / release the tree's lock (held around the mas_* calls). */
#define mtree_lock(mt) spin_lock(&(mt)->ma_lock)
#define mtree_unlock(mt) spin_unlock(&(mt)->ma_lock)

/* Initialize an empty tree; @flags is kept in ma_flags and otherwise ignored. */
static inline void mt_init_flags(struct maple_tree *mt, unsigned int flags)
{
	spin_lock_init(&mt->ma_lock);
	mt->ma_flags = flags;
	mt->genericpt_ranges = NULL;
	mt->genericpt_nr = 0;
	mt->genericpt_alloc = 0;
}

/* Initialize an empty tree. */
static inline void mt_init(struct maple_tree *mt)
{
	mt_init_flags(mt, 0);
}

/* Whether the tree stores no entry at all. */
static inline bool mtree_empty(const struct maple_tree *mt)
{
	return mt->genericpt_nr == 0;
}

/* genericpt private: position of the first range ending at or after @index. */
static inline size_t genericpt_mt_seek(const struct maple_tree *mt,
				       unsigned long index)
{
	size_t lo = 0, hi = mt->genericpt_nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (mt->genericpt_ranges[mid].last < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* genericpt private: position of the range holding @index, or -1 if none. */
static inline ptrdiff_t genericpt_mt_lookup(const struct maple_tree *mt,
					    unsigned long index)
{
	size_t i = genericpt_mt_seek(mt, index);

	if (i == mt->genericpt_nr || mt->genericpt_ranges[i].first > index)
		return -1;
	return (ptrdiff_t)i;
}

/* genericpt private: make room for one more range (0 or -ENOMEM). */
static inline int genericpt_mt_reserve(struct maple_tree *mt, gfp_t gfp)
{
	struct genericpt_mt_range *ranges;
	size_t alloc;

	if (mt->genericpt_nr < mt->genericpt_alloc)
		return 0;
	alloc = mt->genericpt_alloc ? mt->genericpt_alloc * 2 : 16;
	if (alloc < mt->genericpt_alloc)
		return -ENOMEM;
	ranges = (struct genericpt_mt_range *)kmalloc_array(
		alloc, sizeof(*ranges), gfp);
	if (!ranges)
		return -ENOMEM;
	if (mt->genericpt_nr)
		memcpy(ranges, mt->genericpt_ranges,
		       mt->genericpt_nr * sizeof(*ranges));
	kfree(mt->genericpt_ranges);
	mt->genericpt_ranges = ranges;
	mt->genericpt_alloc = alloc;
	return 0;
}

/* genericpt private: drop the range at position @i, return its entry. */
static inline void *genericpt_mt_remove(struct maple_tree *mt, size_t i)
{
	void *entry = mt->genericpt_ranges[i].entry;

	memmove(&mt->genericpt_ranges[i], &mt->genericpt_ranges[i + 1],
		(mt->genericpt_nr - i - 1) * sizeof(mt->genericpt_ranges[0]));
	mt->genericpt_nr--;
	return entry;
}

/*
 * Store @entry for every index of [@first, @last] if all of them are empty:
 * 0, -EINVAL (empty range, NULL or advanced entry), -EEXIST (an index is
 * occupied; the tree is unchanged) or -ENOMEM.
 */
static inline int mtree_insert_range(struct maple_tree *mt,
				     unsigned long first, unsigned long last,
				     void *entry, gfp_t gfp)
{
	struct genericpt_mt_range *r;
	size_t i;
	int ret;

	if (first > last || !entry || xa_is_advanced(entry))
		return -EINVAL;

	mtree_lock(mt);
	i = genericpt_mt_seek(mt, first);
	if (i < mt->genericpt_nr && mt->genericpt_ranges[i].first <= last) {
		ret = -EEXIST;
		goto out;
	}
	ret = genericpt_mt_reserve(mt, gfp);
	if (ret)
		goto out;
	r = mt->genericpt_ranges;
	memmove(&r[i + 1], &r[i], (mt->genericpt_nr - i) * sizeof(r[0]));
	r[i].first = first;
	r[i].last = last;
	r[i].entry = entry;
	mt->genericpt_nr++;
out:
	mtree_unlock(mt);
	return ret;
}

/* mtree_insert_range() of the single index @index. */
static inline int mtree_insert(struct maple_tree *mt, unsigned long index,
			       void *entry, gfp_t gfp)
{
	return mtree_insert_range(mt, index, index, entry, gfp);
}

/* The entry stored at @index, or NULL (also for XA_ZERO_ENTRY, as the kernel). */
static inline void *mtree_load(struct maple_tree *mt, unsigned long index)
{
	ptrdiff_t i = genericpt_mt_lookup(mt, index);
	void *entry;

	if (i < 0)
		return NULL;
	entry = mt->genericpt_ranges[i].entry;
	return xa_is_zero(entry) ? NULL : entry;
}

/* Remove the whole range holding @index; return its entry (NULL if none). */
static inline void *mtree_erase(struct maple_tree *mt, unsigned long index)
{
	void *entry = NULL;
	ptrdiff_t i;

	mtree_lock(mt);
	i = genericpt_mt_lookup(mt, index);
	if (i >= 0)
		entry = genericpt_mt_remove(mt, (size_t)i);
	mtree_unlock(mt);
	return entry;
}

/* Remove every entry and free the tree's memory; the tree stays usable. */
static inline void mtree_destroy(struct maple_tree *mt)
{
	mtree_lock(mt);
	kfree(mt->genericpt_ranges);
	mt->genericpt_ranges = NULL;
	mt->genericpt_nr = 0;
	mt->genericpt_alloc = 0;
	mtree_unlock(mt);
}

/* Where an ma_state stands (a subset of the kernel's states). */
enum maple_status {
	ma_active,	/* index/last: the range of the entry found last */
	ma_start,	/* the next search starts at index */
	ma_pause,	/* the next search starts after last (lock was dropped) */
};

/*
 * Iteration / operation state of the advanced API. tree, index and last are
 * public: after mas_find() [index, last] is the found entry's whole range.
 */
struct ma_state {
	struct maple_tree *tree;
	unsigned long index;
	unsigned long last;
	enum maple_status status;
};

/* Declare the state @name on tree @mt for the range [@first, @end]. */
#define MA_STATE(name, mt, first, end)            \
	struct ma_state name = {                  \
		.tree = (mt),                     \
		.index = (unsigned long)(first),  \
		.last = (unsigned long)(end),     \
		.status = ma_start,               \
	}

/* Take / release the lock of the state's tree. */
#define mas_lock(mas) spin_lock(&(mas)->tree->ma_lock)
#define mas_unlock(mas) spin_unlock(&(mas)->tree->ma_lock)

/* Restart the state at [@start, @last]: the next search begins at @start. */
static inline void mas_set_range(struct ma_state *mas, unsigned long start,
				 unsigned long last)
{
	mas->index = start;
	mas->last = last;
	mas->status = ma_start;
}

/* Restart the state at the single index @index. */
static inline void mas_set(struct ma_state *mas, unsigned long index)
{
	mas_set_range(mas, index, index);
}

/* Restart the next search at mas->index. */
static inline void mas_reset(struct ma_state *mas)
{
	mas->status = ma_start;
}

/*
 * The next entry whose range intersects [search position, @max]; sets
 * [index, last] to its whole range and continues after it next time. The
 * first search (ma_start) begins at index, so an entry holding index counts.
 * NULL (state unchanged) when there is none. Caller holds the lock.
 */
static inline void *mas_find(struct ma_state *mas, unsigned long max)
{
	const struct maple_tree *mt = mas->tree;
	const struct genericpt_mt_range *r;
	unsigned long from;
	size_t i;

	if (mas->status == ma_start) {
		if (mas->index > max)
			return NULL;
		from = mas->index;
	} else {
		/* Also the end of the iteration when last == ULONG_MAX. */
		if (mas->last >= max)
			return NULL;
		from = mas->last + 1;
	}

	i = genericpt_mt_seek(mt, from);
	if (i == mt->genericpt_nr)
		return NULL;
	r = &mt->genericpt_ranges[i];
	if (r->first > max)
		return NULL;
	mas->index = r->first;
	mas->last = r->last;
	mas->status = ma_active;
	return r->entry;
}

/* Iterate @entry over the entries from the state's position up to @max. */
#define mas_for_each(__mas, __entry, __max) \
	while (((__entry) = mas_find((__mas), (__max))) != NULL)

/*
 * Erase the whole range holding mas->index (the entry mas_find() returned)
 * and return its entry, NULL if there is none; [index, last] is that range,
 * so iterating continues after it. Caller holds the lock.
 */
static inline void *mas_erase(struct ma_state *mas)
{
	struct maple_tree *mt = mas->tree;
	ptrdiff_t i = genericpt_mt_lookup(mt, mas->index);

	if (i < 0)
		return NULL;
	mas->index = mt->genericpt_ranges[i].first;
	mas->last = mt->genericpt_ranges[i].last;
	mas->status = ma_active;
	return genericpt_mt_remove(mt, (size_t)i);
}

/*
 * Make the state safe to keep while the lock is dropped: the next mas_find()
 * searches again from last + 1 (nothing once last is ULONG_MAX).
 */
static inline void mas_pause(struct ma_state *mas)
{
	mas->status = ma_pause;
}

#endif
