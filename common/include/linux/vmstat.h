/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/vmstat.h>: the node page counters the
 * kernel's IOMMU page accounting feeds. Here one counter source exists, the
 * runtime's table allocator (common/src/runtime.c): both items read the
 * number of its live table allocations. The kernel counts pages; a leaked
 * table changes either count, so a before/after comparison finds it the
 * way the kernel's KUnit suites do.
 */
#ifndef GENERICPT_LINUX_VMSTAT_H
#define GENERICPT_LINUX_VMSTAT_H

#include <linux/types.h>
#include <genericpt/runtime.h>

enum node_stat_item {
	NR_IOMMU_PAGES,
	NR_SECONDARY_PAGETABLE,
	NR_VM_NODE_STAT_ITEMS,
};

/**
 * global_node_page_state() - pages counted under @item on all nodes
 * @item: NR_IOMMU_PAGES or NR_SECONDARY_PAGETABLE
 *
 * Return: the number of live table allocations (not pages: see above).
 * Locking: any thread.
 */
static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	struct genericpt_alloc_stats st;

	(void)item;
	genericpt_get_alloc_stats(&st);
	return (unsigned long)st.live_tables;
}

#endif
