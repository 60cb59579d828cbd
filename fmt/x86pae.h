/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * x86 PAE paging: 32-bit linear addresses, 64-bit entries.
 *
 * Source: Intel SDM Vol. 3A, 4.4 "PAE Paging", 4.4.1 "PDPTE Registers",
 * 4.4.2 "Linear-Address Translation with PAE Paging" with Table 4-8
 * (PDPTE), Table 4-9 (PDE mapping a 2 MiB page), Table 4-10 (PDE pointing
 * at a page table) and Table 4-11 (PTE); 4.6 (access rights) and 4.8
 * (accessed and dirty flags).
 *
 * Our level 2 is the page-directory-pointer table: four 8-byte PDPTEs,
 * 32 bytes of memory, 32-byte aligned and located by CR3 bits 31:5, so it
 * must lie below 4 GiB (PT_TOP_TABLE_GFP_FLAGS asks for that). Level 1 is
 * the page directory (512 PDEs, 2 MiB pages with PS), level 0 the page
 * table (512 PTEs, 4 KiB pages). Physical addresses reach MAXPHYADDR, up
 * to 52 bits, in every entry.
 *
 * A PDPTE is not a general entry: it has no R/W, U/S, A or XD, and bits 2:1
 * and 8:5 are reserved (Table 4-8). Per 4.4.1 the processor loads the four
 * PDPTEs when CR3 is written; a walker that caches them must reload them
 * whenever an IOTLB invalidation covers a PDPTE change.
 */
#ifndef __GENERIC_PT_FMT_X86PAE_H
#define __GENERIC_PT_FMT_X86PAE_H

#include "defs_x86pae.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/*
 * The leaf word is attribute bits | OA in place.
 * Linear in the OA: pt_fill_linear applies.
 */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	PT_MAX_VA_ADDRESS_LG2 = 32,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 52,
	PT_MAX_TOP_LEVEL = 2,
	PT_GRANULE_LG2SZ = 12,
	PT_TABLEMEM_LG2SZ = 12,
	/* 4.4.1: four PDPTEs, 32 bytes. */
	X86PAE_PDPT_ITEMS_LG2 = 2,
	X86PAE_PDPT_MEM_LG2 = 5,
};

/* 4.4.1: CR3 holds a 32-bit address: the PDPT is allocated below 4 GiB. */
#define PT_TOP_TABLE_GFP_FLAGS __GFP_DMA32

/* SDM Vol. 3A Tables 4-8..4-11. */
enum {
	X86PAE_FMT_P = BIT_ULL(0),	/* 4-8..4-11: present */
	X86PAE_FMT_RW = BIT_ULL(1),	/* 4-9..4-11: writes allowed */
	X86PAE_FMT_US = BIT_ULL(2),	/* 4-9..4-11: user accesses allowed */
	X86PAE_FMT_PWT = BIT_ULL(3),	/* 4-8..4-11: write-through */
	X86PAE_FMT_PCD = BIT_ULL(4),	/* 4-8..4-11: cache disable */
	X86PAE_FMT_A = BIT_ULL(5),	/* 4-9..4-11: accessed (4.8) */
	X86PAE_FMT_D = BIT_ULL(6),	/* 4-9, 4-11: dirty (4.8) */
	X86PAE_FMT_PS = BIT_ULL(7),	/* 4-9: PDE maps a 2 MiB page */
	X86PAE_FMT_OA = GENMASK_ULL(51, 12), /* 4-8..4-11: MAXPHYADDR-1:12 */
	X86PAE_FMT_XD = BIT_ULL(63),	/* 4-9..4-11: execute disable */
};

static inline pt_oaddr_t x86paept_table_pa(const struct pt_state *pts)
{
	return pts->entry & X86PAE_FMT_OA;
}
#define pt_table_pa x86paept_table_pa

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline pt_oaddr_t x86paept_entry_oa(const struct pt_state *pts)
{
	/* Table 4-9: a 2 MiB page keeps PAT in bit 12. */
	return log2_set_mod(pts->entry & X86PAE_FMT_OA, 0,
			    pt_table_item_lg2sz(pts));
}
#define pt_entry_oa x86paept_entry_oa

static inline unsigned int x86paept_num_items_lg2(const struct pt_state *pts)
{
	/* 4.4.2: linear address bits 31:30 select one of four PDPTEs. */
	return pts->level == 2 ? X86PAE_PDPT_ITEMS_LG2 : 9;
}
#define pt_num_items_lg2 x86paept_num_items_lg2

static inline unsigned int
x86paept_top_memsize_lg2(struct pt_common *common, uintptr_t top_of_table)
{
	(void)common;
	(void)top_of_table;
	return X86PAE_PDPT_MEM_LG2;
}
#define pt_top_memsize_lg2 x86paept_top_memsize_lg2

static inline bool x86paept_can_have_leaf(const struct pt_state *pts)
{
	/* 4 KiB PTEs and 2 MiB PDEs; a PDPTE always points to a PD. */
	return pts->level <= 1;
}
#define pt_can_have_leaf x86paept_can_have_leaf

static inline enum pt_entry_type x86paept_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & X86PAE_FMT_P))
		return PT_ENTRY_EMPTY;
	if (pts->level == 0 ||
	    (pts->level == 1 && (pts->entry & X86PAE_FMT_PS)))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw x86paept_load_entry_raw

/* A present PTE, or a present PDE with PS. */
static inline bool x86paept_single_leaf_test(const struct pt_state *pts,
					     u64 *mask, u64 *val)
{
	*mask = X86PAE_FMT_P | (pts->level ? (u64)X86PAE_FMT_PS : 0);
	*val = *mask;
	return pts->level <= 1;
}
#define pt_single_leaf_test x86paept_single_leaf_test

static inline void x86paept_install_leaf_entry(struct pt_state *pts,
					       pt_oaddr_t oa,
					       unsigned int oasz_lg2,
					       const struct pt_write_attrs *attrs)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = X86PAE_FMT_P | attrs->descriptor_bits |
		    (oa & X86PAE_FMT_OA);

	(void)oasz_lg2;
	if (pts->level != 0)
		entry |= X86PAE_FMT_PS;
	WRITE_ONCE(*tablep, entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry x86paept_install_leaf_entry

static inline bool x86paept_install_table(struct pt_state *pts,
					  pt_oaddr_t table_pa,
					  const struct pt_write_attrs *attrs)
{
	u64 entry = X86PAE_FMT_P | (table_pa & X86PAE_FMT_OA);

	(void)attrs;
	/*
	 * Tables 4-8 and 4-10: the pointer is PA[51:12] of a 4 KiB aligned
	 * table. Refuse any other pointer rather than store a truncated one
	 * (the allocator keeps tables below pt_max_table_pa_lg2()).
	 */
	if (WARN_ON(table_pa & ~(pt_oaddr_t)X86PAE_FMT_OA))
		return false;
	/*
	 * Table 4-8: a PDPTE carries only P, PWT, PCD and the address.
	 * Table 4-10: R/W and U/S of a PDE are ANDed with the leaf's (4.6),
	 * so the PDE allows everything; A is preset so the walker need not
	 * write it.
	 */
	if (pts->level == 1)
		entry |= X86PAE_FMT_RW | X86PAE_FMT_US | X86PAE_FMT_A;
	return pt_table_install64(pts, entry);
}
#define pt_install_table x86paept_install_table

/* Tables 4-8 and 4-10: a table pointer is PA[51:12]. */
static inline unsigned int
x86paept_max_table_pa_lg2(const struct pt_common *common)
{
	(void)common;
	return 52;
}
#define pt_max_table_pa_lg2 x86paept_max_table_pa_lg2

static inline void x86paept_attr_from_entry(const struct pt_state *pts,
					    struct pt_write_attrs *attrs)
{
	attrs->descriptor_bits =
		pts->entry & (X86PAE_FMT_RW | X86PAE_FMT_US | X86PAE_FMT_PWT |
			      X86PAE_FMT_PCD | X86PAE_FMT_A | X86PAE_FMT_XD);
}
#define pt_attr_from_entry x86paept_attr_from_entry

/* 4.8: the walker sets D in a leaf on the first write through it. */
static inline bool x86paept_entry_is_write_dirty(const struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return READ_ONCE(*tablep) & X86PAE_FMT_D;
}
#define pt_entry_is_write_dirty x86paept_entry_is_write_dirty

static inline void x86paept_entry_make_write_clean(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 old = READ_ONCE(*tablep);

	while ((old & X86PAE_FMT_D) &&
	       !try_cmpxchg64(tablep, &old, old & ~X86PAE_FMT_D))
		;
}
#define pt_entry_make_write_clean x86paept_entry_make_write_clean

static inline bool x86paept_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return try_cmpxchg64(tablep, &pts->entry, pts->entry | X86PAE_FMT_D);
}
#define pt_entry_make_write_dirty x86paept_entry_make_write_dirty

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_x86pae

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_x86pae, iommu)
			->x86pae_pt.common;
}

static inline int x86paept_iommu_set_prot(struct pt_common *common,
					  struct pt_write_attrs *attrs,
					  unsigned int iommu_prot)
{
	/* 4.8: every leaf is accessed already; D is left to the walker. */
	u64 bits = X86PAE_FMT_A;

	(void)common;
	/* 4.6: reads are always allowed; U/S=0 keeps user requests out. */
	if (!(iommu_prot & IOMMU_PRIV))
		bits |= X86PAE_FMT_US;
	if (iommu_prot & IOMMU_WRITE)
		bits |= X86PAE_FMT_RW;
	/* 4.6: XD needs IA32_EFER.NXE = 1. */
	if (iommu_prot & IOMMU_NOEXEC)
		bits |= X86PAE_FMT_XD;
	/* 4.9: PCD and PWT make the page uncacheable. */
	if (iommu_prot & IOMMU_MMIO)
		bits |= X86PAE_FMT_PCD | X86PAE_FMT_PWT;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot x86paept_iommu_set_prot

static inline int x86paept_iommu_fmt_init(struct pt_iommu_x86pae *table,
					  const struct pt_iommu_x86pae_cfg *cfg)
{
	struct pt_common *common = &table->x86pae_pt.common;

	/*
	 * 4.4: the linear address is 32 bits and there are always 3 levels; a
	 * smaller hw_max_vasz_lg2 only narrows the aperture.
	 */
	(void)cfg;
	pt_top_set_level(common, 2);
	return 0;
}
#define pt_iommu_fmt_init x86paept_iommu_fmt_init

static inline void
x86paept_iommu_fmt_hw_info(struct pt_iommu_x86pae *table,
			   const struct pt_range *top_range,
			   struct pt_iommu_x86pae_hw_info *info)
{
	(void)table;
	/* 4.4.1: CR3 bits 31:5 hold the PDPT address; PWT/PCD stay 0. */
	info->cr3 = virt_to_phys(top_range->top_table);
	PT_WARN_ON(info->cr3 >> 32);
}
#define pt_iommu_fmt_hw_info x86paept_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_x86pae_cfg x86paept_kunit_fmt_cfgs[] = {
	{},
};
#define kunit_fmt_cfgs x86paept_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = 0 };
#endif

#endif
