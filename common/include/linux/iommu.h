/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for the parts of the kernel's <linux/iommu.h> that the
 * page-table library uses: protection flags, the domain and its ops, the
 * IOTLB gather and the dirty bitmap.
 */
#ifndef GENERICPT_LINUX_IOMMU_H
#define GENERICPT_LINUX_IOMMU_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/iommu-pages.h>

GENERICPT_EXTERN_C_BEGIN

/* Protection flags of iommu_map(): what a device may do through a mapping. */
#define IOMMU_READ (1 << 0)
#define IOMMU_WRITE (1 << 1)
#define IOMMU_CACHE (1 << 2)  /* DMA is cache coherent */
#define IOMMU_NOEXEC (1 << 3) /* no instruction fetch */
#define IOMMU_MMIO (1 << 4)   /* device memory, not normal memory */
#define IOMMU_PRIV (1 << 5)   /* privileged-only access */
#define IOMMU_PROT_ALL                                                 \
	(IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE | IOMMU_NOEXEC |       \
	 IOMMU_MMIO | IOMMU_PRIV)

/*
 * iommu_domain::type bits and types, the kernel's values. A domain whose
 * IOVA a page table translates is __IOMMU_DOMAIN_PAGING.
 */
#define __IOMMU_DOMAIN_PAGING (1U << 0) /* translated by a page table */
#define __IOMMU_DOMAIN_DMA_API (1U << 1) /* used by the DMA API */
#define __IOMMU_DOMAIN_PT (1U << 2) /* identity (pass-through) */
#define __IOMMU_DOMAIN_DMA_FQ (1U << 3) /* DMA API with a flush queue */
#define IOMMU_DOMAIN_BLOCKED (0U)
#define IOMMU_DOMAIN_IDENTITY (__IOMMU_DOMAIN_PT)
#define IOMMU_DOMAIN_UNMANAGED (__IOMMU_DOMAIN_PAGING)
#define IOMMU_DOMAIN_DMA (__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API)
#define IOMMU_DOMAIN_DMA_FQ \
	(__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API | __IOMMU_DOMAIN_DMA_FQ)

/* read_and_clear_dirty() flag: report dirty state but leave it set. */
#define IOMMU_DIRTY_NO_CLEAR (1 << 0)

struct iommu_domain;
struct device;

/**
 * struct iommu_iotlb_gather - IOTLB invalidation to do after an unmap
 * @start: first IOVA that needs invalidating
 * @end: last IOVA that needs invalidating (0 with start ULONG_MAX: empty)
 * @pgsize: largest leaf size removed, a hint for the invalidation (not
 *     set by a table with PT_FEAT_DETAILED_GATHER, which fills @pt)
 * @pt.leaf_levels_bitmap: PT_FEAT_DETAILED_GATHER: bit n set when leaves
 *     of level n were removed (or their dirty state cleared); 0 when no leaf
 *     was
 * @pt.table_levels_bitmap: PT_FEAT_DETAILED_GATHER: bit n set when a table
 *     entry of level n was removed (bit 1: a table of level 0 leaves was
 *     freed; bit 0 never); 0 exactly when @freelist is empty
 * @freelist: table memory to free once the IOTLB was invalidated
 * @queued: invalidation is deferred (flush queue); the caller syncs later
 */
struct iommu_iotlb_gather {
	unsigned long start;
	unsigned long end;
	union {
		size_t pgsize;
		struct {
			u8 leaf_levels_bitmap;
			u8 table_levels_bitmap;
		} pt;
	};
	struct iommu_pages_list freelist;
	bool queued;
};

/**
 * struct iova_bitmap - dirty bitmap for a window of IOVA
 * @iova: first IOVA the bitmap describes
 * @length: bytes of IOVA it describes
 * @pgshift: log2 of the bytes one bit stands for
 * @bitmap: the bits, bit n = page n of the window
 */
struct iova_bitmap {
	unsigned long iova;
	unsigned long length;
	unsigned int pgshift;
	unsigned long *bitmap;
};

/**
 * struct iommu_dirty_bitmap - where read_and_clear_dirty() reports to
 * @bitmap: bits to set for dirty IOVA (may be NULL)
 * @gather: IOTLB gather that records the IOVA whose dirty bit was cleared
 */
struct iommu_dirty_bitmap {
	struct iova_bitmap *bitmap;
	struct iommu_iotlb_gather *gather;
};

struct iommu_domain_geometry {
	dma_addr_t aperture_start;
	dma_addr_t aperture_end;
	bool force_aperture;
};

/*
 * Operations of a domain. The page-table operations come first so
 * IOMMU_PT_DOMAIN_OPS(fmt) can be followed by the driver's own members in
 * declaration order (as C++ designated initializers require).
 */
struct iommu_domain_ops {
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain,
				    dma_addr_t iova);
	int (*map_pages)(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped);
	size_t (*unmap_pages)(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *iotlb_gather);
	void (*flush_iotlb_all)(struct iommu_domain *domain);
	int (*iotlb_sync_map)(struct iommu_domain *domain, unsigned long iova,
			      size_t size);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
	void (*free)(struct iommu_domain *domain);
};

struct iommu_dirty_ops {
	int (*read_and_clear_dirty)(struct iommu_domain *domain,
				    unsigned long iova, size_t size,
				    unsigned long flags,
				    struct iommu_dirty_bitmap *dirty);
	int (*set_dirty_tracking)(struct iommu_domain *domain, bool enabled);
};

/**
 * struct iommu_domain - a translation context
 * @type: driver-defined type
 * @ops: page-table and IOTLB operations (set by the driver)
 * @dirty_ops: dirty-tracking operations (set by the driver, may be NULL)
 * @pgsize_bitmap: every leaf size the page table can produce
 * @geometry: the IOVA aperture the page table translates
 */
struct iommu_domain {
	unsigned int type;
	const struct iommu_domain_ops *ops;
	const struct iommu_dirty_ops *dirty_ops;
	unsigned long pgsize_bitmap;
	struct iommu_domain_geometry geometry;
};

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	gather->start = ~0UL;
	gather->end = 0;
	gather->pgsize = 0;
	gather->queued = false;
	iommu_pages_list_init(&gather->freelist);
}

/* Nothing gathered yet (an empty range). */
static inline bool iommu_iotlb_gather_empty(const struct iommu_iotlb_gather *g)
{
	return g->start > g->end;
}

/* Grow the gathered range to cover [iova, iova + size - 1]. */
static inline void iommu_iotlb_gather_add_range(struct iommu_iotlb_gather *g,
						unsigned long iova, size_t size)
{
	unsigned long end = iova + size - 1;

	if (g->start > iova)
		g->start = iova;
	if (g->end < end)
		g->end = end;
}

/*
 * True if [iova, iova + size - 1] neither overlaps nor touches the gathered
 * range, so merging would invalidate IOVA that did not change.
 */
static inline bool
iommu_iotlb_gather_is_disjoint(const struct iommu_iotlb_gather *g,
			       unsigned long iova, size_t size)
{
	unsigned long end = iova + size - 1;

	if (iommu_iotlb_gather_empty(g))
		return false;
	return end + 1 < g->start || (g->end != ~0UL && iova > g->end + 1);
}

/**
 * iommu_iotlb_sync() - invalidate what @gather holds, then free its tables
 * @domain: the domain; its ops->iotlb_sync is called if set
 * @gather: re-initialised afterwards
 *
 * Locking: the caller serialises use of @gather. Errors: none.
 */
void iommu_iotlb_sync(struct iommu_domain *domain,
		      struct iommu_iotlb_gather *gather);

/**
 * iova_bitmap_set() - mark [iova, iova + length) dirty in @bitmap
 *
 * Parts outside the bitmap's window are ignored. Locking: the caller
 * serialises use of @bitmap. Errors: none.
 */
void iova_bitmap_set(struct iova_bitmap *bitmap, unsigned long iova,
		     size_t length);

static inline void iommu_dirty_bitmap_record(struct iommu_dirty_bitmap *dirty,
					     unsigned long iova,
					     unsigned long length)
{
	if (dirty->bitmap)
		iova_bitmap_set(dirty->bitmap, iova, length);
	if (dirty->gather)
		iommu_iotlb_gather_add_range(dirty->gather, iova, length);
}

/**
 * iommu_map() - map [iova, iova + size) to [paddr, paddr + size)
 * @domain: a domain whose ops->map_pages is set
 * @iova: first IOVA; aligned to the smallest page size
 * @paddr: first physical address; aligned like @iova
 * @size: bytes; a multiple of the smallest page size
 * @prot: IOMMU_READ/IOMMU_WRITE/... flags
 * @gfp: allocation flags for new tables
 *
 * Splits the range into the largest (pgsize, pgcount) runs the page table
 * supports and maps them; on failure unmaps what it mapped, so the
 * translation is as before. Calls ops->iotlb_sync_map if set.
 *
 * Locking: the caller owns [iova, iova + size); other ranges may be mapped
 * concurrently. Return: 0, or -EINVAL (misaligned, zero size, bad prot),
 * -ERANGE, -EOVERFLOW, -EADDRINUSE, -ENOMEM from the page table.
 */
int iommu_map(struct iommu_domain *domain, unsigned long iova,
	      phys_addr_t paddr, size_t size, int prot, gfp_t gfp);

/**
 * iommu_unmap() - unmap [iova, iova + size) and invalidate the IOTLB
 *
 * Removes whole leaves only (see unmap_pages), syncs the IOTLB through
 * ops->iotlb_sync and frees table memory that became unused.
 * Locking: the caller owns the range. Return: bytes unmapped (0 for an
 * unmapped or invalid range).
 */
size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova,
		   size_t size);

/**
 * iommu_unmap_fast() - unmap without syncing: the caller syncs @gather
 *
 * Locking: the caller owns the range and @gather. Return: bytes unmapped.
 */
size_t iommu_unmap_fast(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *gather);

/**
 * iommu_iova_to_phys() - translate one IOVA; 0 if it is not mapped
 *
 * Locking: lockless; may run concurrently with anything but a change of
 * the same IOVA. Errors: none (0).
 */
phys_addr_t iommu_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova);

GENERICPT_EXTERN_C_END

#endif
