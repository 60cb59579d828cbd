/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/dma-mapping.h>. A "DMA address" of table
 * memory is its physical address (virt_to_phys()); handing memory to the
 * device and syncing it for the device pass the range to the cache-flush
 * hook (genericpt_set_cache_flush_hook()), as the incoherent-walker path
 * does. Nothing needs unmapping.
 */
#ifndef GENERICPT_LINUX_DMA_MAPPING_H
#define GENERICPT_LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/iommu-pages.h>

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_MAPPING_ERROR (~(dma_addr_t)0)

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

static inline dma_addr_t dma_map_single(struct device *dev, void *ptr,
					size_t size,
					enum dma_data_direction dir)
{
	(void)dev;
	if (dir != DMA_FROM_DEVICE)
		iommu_pages_flush_incoherent(ptr, size);
	return virt_to_phys(ptr);
}

static inline void dma_unmap_single(struct device *dev, dma_addr_t addr,
				    size_t size, enum dma_data_direction dir)
{
	(void)dev;
	(void)addr;
	(void)size;
	(void)dir;
}

static inline void dma_sync_single_for_device(struct device *dev,
					      dma_addr_t addr, size_t size,
					      enum dma_data_direction dir)
{
	(void)dev;
	if (dir != DMA_FROM_DEVICE)
		iommu_pages_flush_incoherent(phys_to_virt(addr), size);
}

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

#endif
