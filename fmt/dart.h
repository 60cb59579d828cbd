/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Apple DART (Device Address Resolution Table) IOMMU page tables.
 *
 * Source: Apple publishes no manual. The facts come from the Linux drivers
 * drivers/iommu/io-pgtable-dart.c (PTE layouts, table geometry, TTBR
 * selection) and drivers/iommu/apple-dart.c (which SoC uses which layout,
 * output sizes, TTBR registers); each definition below names the one it
 * comes from. "DART1" is Linux's APPLE_DART (t8020 layout: M1 t8103),
 * "DART2" is APPLE_DART2 (t6000 M1 Pro/Max/Ultra, t8110 M2).
 *
 * Geometry (io-pgtable-dart.c): every table is one page of 64-bit entries,
 * so a level resolves page_shift - 3 bits. Two levels: our level 0 (L2)
 * holds the page leaves, our level 1 (L1) only table pointers. Above them
 * a 4 KiB-page DART picks one of up to four TTBRs with the next two IOVA
 * bits (12 + 9 + 9 = 30 bits per TTBR, so a 32-bit IOVA needs four), each
 * TTBR pointing at its own L1 table; 16 KiB-page DARTs use one TTBR (36
 * bits). Here that TTBR level is folded into the top: the 1, 2 or 4 L1
 * tables are allocated as one naturally aligned block and indexed as one
 * top table whose high index bits are the TTBR number; hw_info reports the
 * address of each page of the block. The hardware sees exactly separate L1
 * tables, and the TTBRs never change after init.
 *
 * Page size: 16 KiB for every Apple silicon DART (pt_iommu_dart_*);
 * pt_iommu_dart_4k_* is the 4 KiB build (DART_GRANULE_4K) for the older
 * 4 KiB DARTs io-pgtable-dart.c still supports, which use the DART1 layout
 * (the DART2 address field cannot hold PA[13:12]).
 *
 * Not supported: the three-level tables newer Linux builds for DARTs with
 * an input size above 36 bits (30 + 2 TTBR bits with 4 KiB), subpage
 * protection other than "the whole page" (what Linux writes).
 */
#ifndef __GENERIC_PT_FMT_DART_H
#define __GENERIC_PT_FMT_DART_H

#include "defs_dart.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/* A leaf's word is its (shifted) OA ORed with constant bits. */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
#ifdef DART_GRANULE_4K
	PT_GRANULE_LG2SZ = 12,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 36,
	/* "Old 4K page DARTs can use up to 4 top-level tables" */
	DARTPT_MAX_TTBR_BITS = 2,
#else
	PT_GRANULE_LG2SZ = 14,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 42,
	/* 16 KiB DARTs use one TTBR (io-pgtable-dart.c dart_alloc_pgtable) */
	DARTPT_MAX_TTBR_BITS = 0,
#endif
	PT_TABLEMEM_LG2SZ = PT_GRANULE_LG2SZ,
	/* Bits one table level resolves. */
	DARTPT_LEVEL_BITS = PT_GRANULE_LG2SZ - 3,
	/* Two table levels, then the TTBR-select bits. */
	DARTPT_TABLES_VA_LG2 = PT_GRANULE_LG2SZ + 2 * DARTPT_LEVEL_BITS,
	PT_MAX_VA_ADDRESS_LG2 = DARTPT_TABLES_VA_LG2 + DARTPT_MAX_TTBR_BITS,
	PT_MAX_TOP_LEVEL = 1,
};

/*
 * Tables must stay where the 36/42-bit pointer fields reach: allocate low.
 * (A test build may predefine it to check the pt_max_table_pa_lg2() limit.)
 */
#ifndef PT_TABLE_GFP_FLAGS
#define PT_TABLE_GFP_FLAGS __GFP_DMA32
#endif

/* io-pgtable-dart.c APPLE_DART_PTE_VALID: both levels, both layouts. */
#define DART_FMT_VALID BIT_ULL(0)
/*
 * io-pgtable-dart.c APPLE_DART_PTE_SUBPAGE_START/END: the part of the page
 * the leaf grants; always start 0, end 0xfff ("the entire page").
 */
#define DART_FMT_SP_START GENMASK_ULL(63, 52)
#define DART_FMT_SP_END GENMASK_ULL(51, 40)
/* io-pgtable-dart.c APPLE_DART1_PADDR_MASK: PA[35:12] in place. */
#define DART1_FMT_OA GENMASK_ULL(35, 12)
/* io-pgtable-dart.c APPLE_DART1_PTE_PROT_*. */
#define DART1_FMT_NO_READ BIT_ULL(8)
#define DART1_FMT_NO_WRITE BIT_ULL(7)
#define DART1_FMT_SP_DIS BIT_ULL(1)	/* subpage protection disabled */
/* io-pgtable-dart.c APPLE_DART2_PADDR_MASK/SHIFT: PA >> 4 in bits[37:10]. */
#define DART2_FMT_OA GENMASK_ULL(37, 10)
#define DART2_OA_SHIFT 4
/* io-pgtable-dart.c APPLE_DART2_PTE_PROT_*. */
#define DART2_FMT_NO_READ BIT_ULL(3)
#define DART2_FMT_NO_WRITE BIT_ULL(2)
#define DART2_FMT_NO_CACHE BIT_ULL(1)

static inline bool dartpt_v2(const struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_DART_V2);
}

/* TTBR-select bits the table uses: IOVA bits above the two table levels. */
static inline unsigned int dartpt_ttbr_bits(unsigned int vasz_lg2)
{
	if (vasz_lg2 <= DARTPT_TABLES_VA_LG2)
		return 0;
	return vasz_lg2 - DARTPT_TABLES_VA_LG2;
}

/* Same address field for table pointers and leaves (iopte_to_paddr). */
static inline pt_oaddr_t dartpt_field_to_pa(const struct pt_common *common,
					    u64 entry)
{
	if (dartpt_v2(common))
		return (entry & DART2_FMT_OA) << DART2_OA_SHIFT;
	return entry & DART1_FMT_OA;
}

static inline u64 dartpt_pa_to_field(const struct pt_common *common,
				     pt_oaddr_t pa)
{
	if (dartpt_v2(common))
		return (pa >> DART2_OA_SHIFT) & DART2_FMT_OA;
	return pa & DART1_FMT_OA;
}

static inline pt_oaddr_t dartpt_table_pa(const struct pt_state *pts)
{
	return dartpt_field_to_pa(pts->range->common, pts->entry);
}
#define pt_table_pa dartpt_table_pa

static inline pt_oaddr_t dartpt_entry_oa(const struct pt_state *pts)
{
	return dartpt_field_to_pa(pts->range->common, pts->entry);
}
#define pt_entry_oa dartpt_entry_oa

static inline unsigned int dartpt_num_items_lg2(const struct pt_state *pts)
{
	/* The folded TTBR bits make the top (L1) table 1, 2 or 4 pages. */
	if (pts->level)
		return DARTPT_LEVEL_BITS +
		       dartpt_ttbr_bits(pts->range->max_vasz_lg2);
	return DARTPT_LEVEL_BITS;
}
#define pt_num_items_lg2 dartpt_num_items_lg2

static inline unsigned int dartpt_top_memsize_lg2(struct pt_common *common,
						  uintptr_t top_of_table)
{
	(void)top_of_table;
	return PT_GRANULE_LG2SZ + dartpt_ttbr_bits(common->max_vasz_lg2);
}
#define pt_top_memsize_lg2 dartpt_top_memsize_lg2

static inline bool dartpt_can_have_leaf(const struct pt_state *pts)
{
	/* L1 entries always point to L2 tables; there are no blocks. */
	return pts->level == 0;
}
#define pt_can_have_leaf dartpt_can_have_leaf

static inline enum pt_entry_type dartpt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & DART_FMT_VALID))
		return PT_ENTRY_EMPTY;
	return pts->level == 0 ? PT_ENTRY_OA : PT_ENTRY_TABLE;
}
#define pt_load_entry_raw dartpt_load_entry_raw

/* Every valid level-0 entry is a one-item leaf. */
static inline bool dartpt_single_leaf_test(const struct pt_state *pts,
					   u64 *mask, u64 *val)
{
	*mask = DART_FMT_VALID;
	*val = DART_FMT_VALID;
	return pts->level == 0;
}
#define pt_single_leaf_test dartpt_single_leaf_test

static inline void dartpt_install_leaf_entry(struct pt_state *pts,
					     pt_oaddr_t oa,
					     unsigned int oasz_lg2,
					     const struct pt_write_attrs *attrs)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = DART_FMT_VALID | attrs->descriptor_bits |
		    FIELD_PREP(DART_FMT_SP_START, 0) |
		    FIELD_PREP(DART_FMT_SP_END, 0xfff) |
		    dartpt_pa_to_field(pts->range->common, oa);

	(void)oasz_lg2;
	WRITE_ONCE(*tablep, entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry dartpt_install_leaf_entry

static inline bool dartpt_install_table(struct pt_state *pts,
					pt_oaddr_t table_pa,
					const struct pt_write_attrs *attrs)
{
	/* dart_install_table: the address and the valid bit, nothing else. */
	const struct pt_common *common = pts->range->common;
	u64 entry = DART_FMT_VALID | dartpt_pa_to_field(common, table_pa);

	(void)attrs;
	/*
	 * The field holds PA[35:12] (v1) or PA[41:14] (v2). A pointer it does
	 * not give back exactly is refused, never truncated (the allocator
	 * keeps tables below pt_max_table_pa_lg2(), so this is a bug).
	 */
	if (WARN_ON(dartpt_field_to_pa(common, entry) != table_pa))
		return false;
	return pt_table_install64(pts, entry);
}
#define pt_install_table dartpt_install_table

static inline u64 dartpt_attr_mask(const struct pt_common *common)
{
	if (dartpt_v2(common))
		return DART2_FMT_NO_READ | DART2_FMT_NO_WRITE |
		       DART2_FMT_NO_CACHE;
	return DART1_FMT_NO_READ | DART1_FMT_NO_WRITE | DART1_FMT_SP_DIS;
}

static inline void dartpt_attr_from_entry(const struct pt_state *pts,
					  struct pt_write_attrs *attrs)
{
	attrs->descriptor_bits = pts->entry &
				 dartpt_attr_mask(pts->range->common);
}
#define pt_attr_from_entry dartpt_attr_from_entry

static inline unsigned int
dartpt_max_oa_lg2(const struct pt_common *common)
{
	/* apple-dart.c: oas 36 for DART1 hardware, 42 for t6000 DART2. */
	return common && !dartpt_v2(common) ? 36 : 42;
}
#define pt_max_oa_lg2 dartpt_max_oa_lg2

static inline unsigned int
dartpt_max_table_pa_lg2(const struct pt_common *common)
{
	/* L1 entries point to L2 tables through the same address field. */
	return dartpt_max_oa_lg2(common);
}
#define pt_max_table_pa_lg2 dartpt_max_table_pa_lg2

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_dart

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_dart, iommu)
			->dartpt.common;
}

static inline int dartpt_iommu_set_prot(struct pt_common *common,
					struct pt_write_attrs *attrs,
					unsigned int iommu_prot)
{
	u64 bits = 0;

	/*
	 * dart_prot_to_pte: permissions are "no read"/"no write" bits; there
	 * is no execute permission (IOMMU_NOEXEC, IOMMU_PRIV have no bit).
	 */
	if (dartpt_v2(common)) {
		if (!(iommu_prot & IOMMU_READ))
			bits |= DART2_FMT_NO_READ;
		if (!(iommu_prot & IOMMU_WRITE))
			bits |= DART2_FMT_NO_WRITE;
		if (!(iommu_prot & IOMMU_CACHE))
			bits |= DART2_FMT_NO_CACHE;
	} else {
		/* DART1 leaves always disable the subpage window. */
		bits |= DART1_FMT_SP_DIS;
		if (!(iommu_prot & IOMMU_READ))
			bits |= DART1_FMT_NO_READ;
		if (!(iommu_prot & IOMMU_WRITE))
			bits |= DART1_FMT_NO_WRITE;
	}
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot dartpt_iommu_set_prot

static inline int dartpt_iommu_fmt_init(struct pt_iommu_dart *table,
					const struct pt_iommu_dart_cfg *cfg)
{
	struct pt_common *common = &table->dartpt.common;

	/* apple-dart.c: t8020 and t6000 DARTs translate a 32-bit IOVA. */
	if (!cfg->common.hw_max_vasz_lg2 && common->max_vasz_lg2 > 32)
		common->max_vasz_lg2 = 32;
	pt_top_set_level(common, 1);
	return 0;
}
#define pt_iommu_fmt_init dartpt_iommu_fmt_init

static inline void dartpt_iommu_fmt_hw_info(struct pt_iommu_dart *table,
					    const struct pt_range *top_range,
					    struct pt_iommu_dart_hw_info *info)
{
	unsigned int n = 1u << dartpt_ttbr_bits(top_range->max_vasz_lg2);
	u64 pa = virt_to_phys(top_range->top_table);
	unsigned int i;

	(void)table;
	for (i = 0; i != 4; i++)
		info->ttbr[i] = i < n ? pa + ((u64)i << PT_GRANULE_LG2SZ) : 0;
	info->num_ttbr = (u8)n;
}
#define pt_iommu_fmt_hw_info dartpt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_dart_cfg dartpt_kunit_fmt_cfgs[] = {
	{},
};
#define kunit_fmt_cfgs dartpt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = 0 };
#endif

#endif
