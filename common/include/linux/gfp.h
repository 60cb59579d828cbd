/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/gfp.h>. Allocation context flags are
 * accepted for API compatibility; __GFP_DMA32 asks for table memory whose
 * physical address is below 4 GiB.
 */
#ifndef GENERICPT_LINUX_GFP_H
#define GENERICPT_LINUX_GFP_H

#include <linux/types.h>

#define __GFP_DMA32 0x01u
#define __GFP_ZERO 0x02u
#define __GFP_NOWARN 0x04u
/*
 * genericpt only (not a kernel flag): iommu_alloc_pages_node_sz() skips
 * zeroing. For table memory the caller writes completely while it is still
 * private (not yet reachable through any table or the top pointer).
 */
#define __GFP_NOZERO 0x08u
#define GFP_KERNEL 0x10u
#define GFP_ATOMIC 0x20u
#define GFP_NOWAIT 0x40u
#define GFP_DMA32 __GFP_DMA32

#define NUMA_NO_NODE (-1)

#endif
