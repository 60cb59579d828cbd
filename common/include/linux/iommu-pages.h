/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Table-memory services the generic page-table code uses, in the shape of
 * the kernel's drivers/iommu/iommu-pages.h and <asm/io.h>, implemented by
 * the user-space runtime (common/src/runtime.c).
 */
#ifndef GENERICPT_LINUX_IOMMU_PAGES_H
#define GENERICPT_LINUX_IOMMU_PAGES_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <genericpt/runtime.h>

GENERICPT_EXTERN_C_BEGIN

/**
 * iommu_alloc_pages_node_sz() - allocate zeroed table memory
 * @nid: NUMA node hint (ignored by the heap backend)
 * @gfp: allocation flags; __GFP_DMA32 asks for a physical address below 4 GiB
 * @size: power of two, at least 16 bytes; the memory is aligned to @size
 *
 * Return: the CPU address, or NULL when out of memory (or an injected
 * failure). Locking: any thread.
 */
void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size);

/**
 * iommu_free_pages() - free memory from iommu_alloc_pages_node_sz()
 * @virt: the CPU address; NULL is ignored
 *
 * Locking: any thread.
 */
void iommu_free_pages(void *virt);

/**
 * struct iommu_pages_list - a list of table allocations waiting to be freed
 * @head: opaque first node (owned by the runtime)
 *
 * Tables are put on such a list when they become unreachable and are freed
 * only once the IOTLB was invalidated. Building the list never allocates.
 */
struct iommu_pages_list {
	void *head;
};

#define IOMMU_PAGES_LIST_INIT(name) { NULL }

static inline void iommu_pages_list_init(struct iommu_pages_list *list)
{
	list->head = NULL;
}

static inline bool iommu_pages_list_empty(const struct iommu_pages_list *list)
{
	return list->head == NULL;
}

/**
 * iommu_pages_list_add() - queue table memory for a later free
 * @list: the list
 * @virt: memory from iommu_alloc_pages_node_sz()
 *
 * Never allocates and never touches the table memory itself, so a stale
 * hardware walker still reading the table sees its old contents.
 */
void iommu_pages_list_add(struct iommu_pages_list *list, void *virt);

/**
 * iommu_pages_list_splice() - move every entry of @from to @to
 */
void iommu_pages_list_splice(struct iommu_pages_list *from,
			     struct iommu_pages_list *to);

/**
 * iommu_put_pages_list() - free everything on @list and empty it
 */
void iommu_put_pages_list(struct iommu_pages_list *list);

/**
 * iommu_pages_list_count() - number of allocations on @list
 */
size_t iommu_pages_list_count(const struct iommu_pages_list *list);

/**
 * iommu_pages_flush_incoherent() - make CPU writes visible to a walker
 * @virt: first byte written
 * @len: bytes written
 *
 * Calls the registered cache-flush hook.
 */
void iommu_pages_flush_incoherent(const void *virt, size_t len);

/*
 * Physical addresses. The heap backend uses phys == virt, so a table entry
 * holds the CPU address of the table it points to.
 */
static inline phys_addr_t virt_to_phys(const void *virt)
{
	return (phys_addr_t)(uintptr_t)virt;
}

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)pa;
}

GENERICPT_EXTERN_C_END

#endif
