// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The slice of the kernel's IOMMU core that sits above the page table:
 * iommu_map()/iommu_unmap() that turn a byte range into map_pages /
 * unmap_pages calls, the IOTLB sync that also frees unused table memory,
 * and the dirty bitmap. C linkage; no C++ runtime is needed.
 */
#include <linux/iommu.h>
#include <linux/errno.h>
#include <linux/log2.h>

/* Largest page size in @bitmap dividing @align_bits; 0 if none. */
static size_t pick_pgsize(unsigned long bitmap, u64 align_bits)
{
	u64 ok = bitmap;

	if (align_bits)
		ok &= (align_bits & (~align_bits + 1)) * 2 - 1;
	if (!ok)
		return 0;
	return (size_t)1 << __fls64(ok);
}

int iommu_map(struct iommu_domain *domain, unsigned long iova,
	      phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	size_t pgsize, mapped = 0;
	int ret;

	if (!domain || !domain->ops || !domain->ops->map_pages)
		return -EINVAL;
	if (!size)
		return -EINVAL;
	/* map_pages maps whole ranges: one call with the largest fitting size. */
	pgsize = pick_pgsize(domain->pgsize_bitmap,
			     (u64)iova | paddr | (u64)size);
	if (!pgsize)
		return -EINVAL;
	ret = domain->ops->map_pages(domain, iova, paddr, pgsize, size / pgsize,
				     prot, gfp, &mapped);
	if (ret) {
		if (mapped)
			iommu_unmap(domain, iova, mapped);
		return ret;
	}
	if (domain->ops->iotlb_sync_map)
		return domain->ops->iotlb_sync_map(domain, iova, size);
	return 0;
}

size_t iommu_unmap_fast(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *gather)
{
	size_t pgsize;

	if (!domain || !domain->ops || !domain->ops->unmap_pages || !size)
		return 0;
	pgsize = pick_pgsize(domain->pgsize_bitmap, (u64)iova | (u64)size);
	if (!pgsize)
		return 0;
	return domain->ops->unmap_pages(domain, iova, pgsize, size / pgsize,
					gather);
}

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova,
		   size_t size)
{
	struct iommu_iotlb_gather gather;
	size_t unmapped;

	iommu_iotlb_gather_init(&gather);
	unmapped = iommu_unmap_fast(domain, iova, size, &gather);
	iommu_iotlb_sync(domain, &gather);
	return unmapped;
}

phys_addr_t iommu_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	if (!domain || !domain->ops || !domain->ops->iova_to_phys)
		return 0;
	return domain->ops->iova_to_phys(domain, iova);
}

void iommu_iotlb_sync(struct iommu_domain *domain,
		      struct iommu_iotlb_gather *gather)
{
	if (domain && domain->ops && domain->ops->iotlb_sync &&
	    (!iommu_iotlb_gather_empty(gather) ||
	     !iommu_pages_list_empty(&gather->freelist)))
		domain->ops->iotlb_sync(domain, gather);
	iommu_put_pages_list(&gather->freelist);
	iommu_iotlb_gather_init(gather);
}

void iova_bitmap_set(struct iova_bitmap *bitmap, unsigned long iova,
		     size_t length)
{
	const unsigned int bits = 8 * sizeof(unsigned long);
	u64 start, last, wend, bit;

	if (!bitmap || !length || !bitmap->length)
		return;
	wend = (u64)bitmap->iova + bitmap->length - 1;
	start = iova;
	last = (u64)iova + length - 1;
	if (last < bitmap->iova || start > wend)
		return;
	if (start < bitmap->iova)
		start = bitmap->iova;
	if (last > wend)
		last = wend;
	for (bit = (start - bitmap->iova) >> bitmap->pgshift;
	     bit <= (last - bitmap->iova) >> bitmap->pgshift; bit++)
		bitmap->bitmap[bit / bits] |= 1UL << (bit % bits);
}
