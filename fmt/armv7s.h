/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * ARMv7 short-descriptor translation tables ("v7s"), as walked by ARM SMMUs
 * and MediaTek/Renesas-style IOMMUs in AArch32 short-descriptor mode.
 *
 * Source: ARM Architecture Reference Manual ARMv7-A and ARMv7-R edition
 * (DDI0406C): B3.5.1 "Short-descriptor translation table format
 * descriptors", B3.7.1 "Access permissions", B3.7.2 "Execute-never
 * restrictions...", B3.8.2/B3.8.3 "Short-descriptor format memory region
 * attributes, without/with TEX remap", B4.1.154 TTBR0, B4.1.127 PRRR,
 * B4.1.104 NMRR.
 *
 * Our level 1 is the ARM first-level table: 4096 32-bit items of 1 MiB
 * (16 KiB of memory, TTBCR.N = 0 so it translates all 32 VA bits); an item
 * is a section, a page-table pointer, or one of 16 identical copies of a
 * 16 MiB supersection. Our level 0 is a second-level table: 256 items of
 * 4 KiB in 1 KiB of memory; an item is a small page or one of 16 copies of
 * a 64 KiB large page.
 *
 * Output addresses: sections and pages hold PA[31:0]; supersections also
 * PA[39:32] (the Large Physical Address Extension's supersection address
 * extension). The default max OA is therefore 32 bits; a cfg asking for
 * hw_max_oasz_lg2 of 33..40 gets the wider OA, reachable only by
 * supersections (see pt_narrow_oa_lg2()).
 *
 * Attributes (as Linux's io-pgtable-arm-v7s): simplified access model
 * (SCTLR.AFE = 1, AP[0] = Access flag, always set), TEX remap (TRE = 1)
 * with indices TEX[0]:C:B that mean the same memory type without remap:
 *   1 (B)           device           (no remap: shareable Device)
 *   4 (TEX0)        normal, non-cacheable
 *   7 (TEX0, C, B)  normal, write-back write-allocate
 * hw_info reports PRRR/NMRR to match.
 */
#ifndef __GENERIC_PT_FMT_ARMV7S_H
#define __GENERIC_PT_FMT_ARMV7S_H

#include "defs_armv7s.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/* A single-item leaf's word is its OA ORed with constant bits. */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u32),
	PT_MAX_VA_ADDRESS_LG2 = 32,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 40,
	PT_MAX_TOP_LEVEL = 1,
	PT_GRANULE_LG2SZ = 12,
	/* The first-level table; second-level tables are 1 KiB. */
	PT_TABLEMEM_LG2SZ = 14,
	/* TTBR0 translation table base: bits 31:14 (16 KiB aligned). */
	PT_TOP_PHYS_MASK = GENMASK(31, 14),
};

/*
 * Table pointers and the TTBR hold 32 bits: tables must live below 4 GiB.
 * (A test build may predefine it to check the pt_max_table_pa_lg2() limit.)
 */
#ifndef PT_TABLE_GFP_FLAGS
#define PT_TABLE_GFP_FLAGS __GFP_DMA32
#endif

/* B3.5.1, first-level descriptor formats (Figure B3-4). */
#define ARMV7S_L1_TYPE GENMASK_U32(1, 0)	/* bits[1:0] */
#define ARMV7S_L1_TYPE_TABLE 1u		/* page table */
#define ARMV7S_L1_TYPE_SECT 2u		/* section/supersection */
#define ARMV7S_TBL_NS BIT_U32(3)		/* page table: Non-secure */
#define ARMV7S_TBL_ADDR GENMASK_U32(31, 10)	/* page table base address */
#define ARMV7S_SECT_B BIT_U32(2)		/* section: B */
#define ARMV7S_SECT_C BIT_U32(3)		/* section: C */
#define ARMV7S_SECT_XN BIT_U32(4)		/* section: execute-never */
/* section: AP[1:0] bits[11:10], TEX[2:0] bits[14:12] (armv7spt_layouts) */
#define ARMV7S_SECT_AP2 BIT_U32(15)		/* section: AP[2] */
#define ARMV7S_SECT_S BIT_U32(16)		/* section: shareable */
#define ARMV7S_SECT_NG BIT_U32(17)		/* section: not global */
#define ARMV7S_SECT_SUPER BIT_U32(18)		/* 1: supersection */
#define ARMV7S_SECT_NS BIT_U32(19)		/* section: Non-secure */
#define ARMV7S_SECT_ADDR GENMASK_U32(31, 20)	/* section base PA[31:20] */
#define ARMV7S_SUPER_ADDR GENMASK_U32(31, 24)	/* supersection PA[31:24] */
#define ARMV7S_SUPER_PA35_32 GENMASK_U32(23, 20) /* extended base PA[35:32] */
#define ARMV7S_SUPER_PA39_36 GENMASK_U32(8, 5)	/* extended base PA[39:36] */

/* B3.5.1, second-level descriptor formats (Figure B3-5). */
#define ARMV7S_L2_TYPE GENMASK_U32(1, 0)	/* 00 fault, 01 large, 1x small */
#define ARMV7S_L2_TYPE_LARGE 1u
#define ARMV7S_L2_SMALL BIT_U32(1)		/* small page */
#define ARMV7S_SMALL_XN BIT_U32(0)		/* small page: execute-never */
#define ARMV7S_PG_B BIT_U32(2)			/* both: B */
#define ARMV7S_PG_C BIT_U32(3)			/* both: C */
/* both: AP[1:0] bits[5:4]; TEX[2:0] small bits[8:6], large bits[14:12] */
#define ARMV7S_PG_AP2 BIT_U32(9)		/* both: AP[2] */
#define ARMV7S_PG_S BIT_U32(10)		/* both: shareable */
#define ARMV7S_PG_NG BIT_U32(11)		/* both: not global */
#define ARMV7S_LARGE_XN BIT_U32(15)		/* large page: execute-never */
#define ARMV7S_LARGE_ADDR GENMASK_U32(31, 16)	/* large page base PA[31:16] */
#define ARMV7S_SMALL_ADDR GENMASK_U32(31, 12)	/* small page base PA[31:12] */

/* B3.7.1, simplified access permissions model (AFE = 1). */
#define ARMV7S_AP_AF 1u		/* AP[0]: Access flag */
#define ARMV7S_AP_UNPRIV 2u	/* AP[1]: PL0 may access too */
#define ARMV7S_AP_RDONLY 4u	/* AP[2]: no writes */

/* B3.8.3 TEX remap index TEX[0]:C:B, and the TEX/C/B that select it. */
#define ARMV7S_CB_B 1u
#define ARMV7S_CB_C 2u

static inline enum pt_entry_type armv7spt_load_entry_raw(struct pt_state *pts)
{
	const u32 *tablep = pt_cur_table(pts, u32) + pts->index;
	u32 entry = READ_ONCE(*tablep);

	pts->entry = entry;
	if (pts->level == 0)
		return (entry & ARMV7S_L2_TYPE) ? PT_ENTRY_OA : PT_ENTRY_EMPTY;
	if (!(entry & ARMV7S_L1_TYPE))
		return PT_ENTRY_EMPTY;
	/* 0b10 and 0b11 (PXN, never written here) are sections. */
	if ((entry & ARMV7S_L1_TYPE) == ARMV7S_L1_TYPE_TABLE)
		return PT_ENTRY_TABLE;
	return PT_ENTRY_OA;
}
#define pt_load_entry_raw armv7spt_load_entry_raw

/* B3.5.1: a small page (type 1x), or a section (type 10, not super). */
static inline bool armv7spt_single_leaf_test(const struct pt_state *pts,
					     u64 *mask, u64 *val)
{
	if (pts->level == 0) {
		*mask = BIT_U32(1);
		*val = BIT_U32(1);
	} else {
		*mask = ARMV7S_L1_TYPE | ARMV7S_SECT_SUPER;
		*val = ARMV7S_L1_TYPE_SECT;
	}
	return true;
}
#define pt_single_leaf_test armv7spt_single_leaf_test

static inline unsigned int armv7spt_num_items_lg2(const struct pt_state *pts)
{
	/* B3.5.1: 4096 first-level entries (N = 0), 256 second-level. */
	return pts->level ? 12 : 8;
}
#define pt_num_items_lg2 armv7spt_num_items_lg2

static inline unsigned int armv7spt_table_item_lg2sz(const struct pt_state *pts)
{
	/* A first-level item spans 1 MiB, a second-level one 4 KiB. */
	return pts->level ? 20 : 12;
}
#define pt_table_item_lg2sz armv7spt_table_item_lg2sz

static inline bool armv7spt_can_have_leaf(const struct pt_state *pts)
{
	(void)pts;
	return true;
}
#define pt_can_have_leaf armv7spt_can_have_leaf

static inline pt_vaddr_t armv7spt_possible_sizes(const struct pt_state *pts)
{
	if (pts->level)
		return SZ_1M | SZ_16M;
	return SZ_4K | SZ_64K;
}
#define pt_possible_sizes armv7spt_possible_sizes

/* Supersections and large pages are 16 replicated items (B3.5.1). */
static inline unsigned int
armv7spt_entry_num_contig_lg2(const struct pt_state *pts)
{
	u32 entry = (u32)pts->entry;

	if (pts->level)
		return (entry & ARMV7S_SECT_SUPER) ? 4 : 0;
	return (entry & ARMV7S_L2_TYPE) == ARMV7S_L2_TYPE_LARGE ? 4 : 0;
}
#define pt_entry_num_contig_lg2 armv7spt_entry_num_contig_lg2

static inline pt_oaddr_t armv7spt_table_pa(const struct pt_state *pts)
{
	return (u32)pts->entry & ARMV7S_TBL_ADDR;
}
#define pt_table_pa armv7spt_table_pa

static inline pt_oaddr_t armv7spt_entry_oa(const struct pt_state *pts)
{
	u32 entry = (u32)pts->entry;

	if (pts->level == 0) {
		if ((entry & ARMV7S_L2_TYPE) == ARMV7S_L2_TYPE_LARGE)
			return entry & ARMV7S_LARGE_ADDR;
		return entry & ARMV7S_SMALL_ADDR;
	}
	if (!(entry & ARMV7S_SECT_SUPER))
		return entry & ARMV7S_SECT_ADDR;
	return (u64)(entry & ARMV7S_SUPER_ADDR) |
	       FIELD_GET(ARMV7S_SUPER_PA35_32, entry) << 32 |
	       FIELD_GET(ARMV7S_SUPER_PA39_36, entry) << 36;
}
#define pt_entry_oa armv7spt_entry_oa

/*
 * Where the attributes sit in each leaf kind (B3.5.1, Figures B3-4/B3-5):
 * small page, large page, section/supersection.
 */
struct armv7spt_layout {
	u32 xn, b, c, ap2, s, ng;
	u8 ap01_shift, tex_shift;
};
enum { ARMV7S_SMALL, ARMV7S_LARGE, ARMV7S_SECT };
static const struct armv7spt_layout armv7spt_layouts[] = {
	{ ARMV7S_SMALL_XN, ARMV7S_PG_B, ARMV7S_PG_C, ARMV7S_PG_AP2,
	  ARMV7S_PG_S, ARMV7S_PG_NG, 4, 6 },
	{ ARMV7S_LARGE_XN, ARMV7S_PG_B, ARMV7S_PG_C, ARMV7S_PG_AP2,
	  ARMV7S_PG_S, ARMV7S_PG_NG, 4, 12 },
	{ ARMV7S_SECT_XN, ARMV7S_SECT_B, ARMV7S_SECT_C, ARMV7S_SECT_AP2,
	  ARMV7S_SECT_S, ARMV7S_SECT_NG, 10, 12 },
};

/* The descriptor bits of a leaf of 2^oasz_lg2 bytes at pts->level. */
static inline u32 armv7spt_leaf_bits(const struct pt_state *pts, pt_oaddr_t oa,
				     unsigned int oasz_lg2,
				     const struct pt_write_attrs *attrs)
{
	unsigned int kind = pts->level ? ARMV7S_SECT :
			    oasz_lg2 == 12 ? ARMV7S_SMALL : ARMV7S_LARGE;
	const struct armv7spt_layout *l = &armv7spt_layouts[kind];
	u32 entry = (attrs->xn ? l->xn : 0) |
		    (attrs->cb & ARMV7S_CB_B ? l->b : 0) |
		    (attrs->cb & ARMV7S_CB_C ? l->c : 0) |
		    (attrs->ap & ARMV7S_AP_RDONLY ? l->ap2 : 0) |
		    (attrs->s ? l->s : 0) | (attrs->ng ? l->ng : 0) |
		    (u32)(attrs->ap & 3) << l->ap01_shift |
		    (u32)attrs->tex << l->tex_shift;

	if (kind == ARMV7S_SMALL)
		return entry | ARMV7S_L2_SMALL | ((u32)oa & ARMV7S_SMALL_ADDR);
	if (kind == ARMV7S_LARGE)
		return entry | ARMV7S_L2_TYPE_LARGE |
		       ((u32)oa & ARMV7S_LARGE_ADDR);
	entry |= ARMV7S_L1_TYPE_SECT;
	if (pts_feature(pts, PT_FEAT_ARMV7S_NS))
		entry |= ARMV7S_SECT_NS;
	if (oasz_lg2 == 20)
		return entry | ((u32)oa & ARMV7S_SECT_ADDR);
	/* Supersections are in domain 0; bits[8:5] extend the address. */
	return entry | ARMV7S_SECT_SUPER | ((u32)oa & ARMV7S_SUPER_ADDR) |
	       (u32)FIELD_PREP(ARMV7S_SUPER_PA35_32, oa >> 32) |
	       (u32)FIELD_PREP(ARMV7S_SUPER_PA39_36, oa >> 36);
}

static inline void armv7spt_install_leaf_entry(struct pt_state *pts,
					       pt_oaddr_t oa,
					       unsigned int oasz_lg2,
					       const struct pt_write_attrs *attrs)
{
	u32 *tablep = pt_cur_table(pts, u32) + pts->index;
	u32 entry = armv7spt_leaf_bits(pts, oa, oasz_lg2, attrs);
	unsigned int n = (unsigned int)log2_to_int(
		oasz_lg2 - armv7spt_table_item_lg2sz(pts));
	unsigned int i;

	/* Contiguous kinds: the same descriptor in all 16 items. */
	for (i = 0; i != n; i++)
		WRITE_ONCE(tablep[i], entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry armv7spt_install_leaf_entry

static inline bool armv7spt_install_table(struct pt_state *pts,
					  pt_oaddr_t table_pa,
					  const struct pt_write_attrs *attrs)
{
	/* Domain 0, PXN clear: the second-level leaves decide everything. */
	u32 entry = ARMV7S_L1_TYPE_TABLE | ((u32)table_pa & ARMV7S_TBL_ADDR);

	(void)attrs;
	/*
	 * B3.5.1: the field holds PA[31:10] of a 1 KiB aligned table. Refuse
	 * any other pointer rather than store a truncated one (the allocator
	 * keeps tables below pt_max_table_pa_lg2(), so this is a bug).
	 */
	if (WARN_ON(table_pa & ~(pt_oaddr_t)ARMV7S_TBL_ADDR))
		return false;
	if (pts_feature(pts, PT_FEAT_ARMV7S_NS))
		entry |= ARMV7S_TBL_NS;
	return pt_table_install32(pts, entry);
}
#define pt_install_table armv7spt_install_table

static inline void armv7spt_attr_from_entry(const struct pt_state *pts,
					    struct pt_write_attrs *attrs)
{
	u32 entry = (u32)pts->entry;
	unsigned int kind = pts->level ? ARMV7S_SECT :
			    (entry & ARMV7S_L2_SMALL) ? ARMV7S_SMALL :
							ARMV7S_LARGE;
	const struct armv7spt_layout *l = &armv7spt_layouts[kind];

	attrs->ap = (u8)(((entry >> l->ap01_shift) & 3) |
			 (entry & l->ap2 ? ARMV7S_AP_RDONLY : 0));
	attrs->tex = (u8)((entry >> l->tex_shift) & 7);
	attrs->cb = (u8)((entry & l->b ? ARMV7S_CB_B : 0) |
			 (entry & l->c ? ARMV7S_CB_C : 0));
	attrs->xn = entry & l->xn;
	attrs->s = entry & l->s;
	attrs->ng = entry & l->ng;
}
#define pt_attr_from_entry armv7spt_attr_from_entry

static inline unsigned int
armv7spt_max_table_pa_lg2(const struct pt_common *common)
{
	/* B3.5.1 page table base [31:10]; B4.1.154 TTBR0 base [31:14]. */
	(void)common;
	return 32;
}
#define pt_max_table_pa_lg2 armv7spt_max_table_pa_lg2

/* Only 16 MiB supersections hold PA[39:32] (B3.5.1, supersection). */
static inline unsigned int armv7spt_narrow_oa_lg2(const struct pt_common *common)
{
	(void)common;
	return 32;
}
#define pt_narrow_oa_lg2 armv7spt_narrow_oa_lg2

static inline unsigned int armv7spt_wide_leaf_lg2(const struct pt_common *common)
{
	(void)common;
	return 24;
}
#define pt_wide_leaf_lg2 armv7spt_wide_leaf_lg2

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_armv7s

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_armv7s, iommu)
			->armv7spt.common;
}

static inline int armv7spt_iommu_set_prot(struct pt_common *common,
					  struct pt_write_attrs *attrs,
					  unsigned int iommu_prot)
{
	(void)common;
	memset(attrs, 0, sizeof(*attrs));
	/* B3.7.1: AP[0] = AF set, AP[1] unprivileged access, AP[2] read-only;
	 * no write-only encoding: IOMMU_WRITE alone maps read/write. */
	attrs->ap = ARMV7S_AP_AF;
	if (!(iommu_prot & IOMMU_PRIV))
		attrs->ap |= ARMV7S_AP_UNPRIV;
	if (!(iommu_prot & IOMMU_WRITE))
		attrs->ap |= ARMV7S_AP_RDONLY;
	attrs->xn = iommu_prot & IOMMU_NOEXEC;
	/* B3.8.2/B3.8.3: index 1 device, 7 normal WBWA, 4 normal NC. */
	if (iommu_prot & IOMMU_MMIO) {
		attrs->cb = ARMV7S_CB_B;
	} else {
		attrs->tex = 1;
		if (iommu_prot & IOMMU_CACHE)
			attrs->cb = ARMV7S_CB_C | ARMV7S_CB_B;
	}
	/* Shareable, and tagged with the context's ASID (nG). */
	attrs->s = true;
	attrs->ng = true;
	return 0;
}
#define pt_iommu_set_prot armv7spt_iommu_set_prot

static inline int armv7spt_iommu_fmt_init(struct pt_iommu_armv7s *table,
					  const struct pt_iommu_armv7s_cfg *cfg)
{
	struct pt_common *common = &table->armv7spt.common;

	/* 32-bit OA unless the cfg says the walker takes PA[39:32] (LPAE). */
	if (!cfg->common.hw_max_oasz_lg2 && common->max_oasz_lg2 > 32)
		common->max_oasz_lg2 = 32;
	pt_top_set_level(common, 1);
	return 0;
}
#define pt_iommu_fmt_init armv7spt_iommu_fmt_init

/* B4.1.154 TTBR0: IRGN[0] bit 6, NOS bit 5, RGN[1:0] bits[4:3], S bit 1. */
#define ARMV7S_TTBR_IRGN0 BIT_U32(6)
#define ARMV7S_TTBR_NOS BIT_U32(5)
#define ARMV7S_TTBR_RGN GENMASK_U32(4, 3)
#define ARMV7S_TTBR_S BIT_U32(1)
#define ARMV7S_RGN_WBWA 1u	/* RGN/IRGN/NMRR 0b01: write-back, write-allocate */

static inline void
armv7spt_iommu_fmt_hw_info(struct pt_iommu_armv7s *table,
			   const struct pt_range *top_range,
			   struct pt_iommu_armv7s_hw_info *info)
{
	u32 ttbr = (u32)virt_to_phys(top_range->top_table);

	/* A coherent walker reads the tables as inner shareable WBWA. */
	if (!pt_feature(&table->armv7spt.common, PT_FEAT_DMA_INCOHERENT))
		ttbr |= ARMV7S_TTBR_IRGN0 | ARMV7S_TTBR_NOS | ARMV7S_TTBR_S |
			(u32)FIELD_PREP(ARMV7S_TTBR_RGN, ARMV7S_RGN_WBWA);
	info->ttbr = ttbr;
	/*
	 * B4.1.127 PRRR: TRn (bits[2n+1:2n]) TR1 = 0b01 device, TR4 = TR7 =
	 * 0b10 normal; DS0/DS1 (bits 16, 17) device and NS1 (bit 19) normal
	 * memory with S = 1 shareable; NOSn = 0, outer shareable.
	 */
	info->prrr = 1u << 2 | 2u << 8 | 2u << 14 | BIT_U32(16) | BIT_U32(17) |
		     BIT_U32(19);
	/* B4.1.104 NMRR: IR7 bits[15:14], OR7 bits[31:30] WBWA; index 4 NC. */
	info->nmrr = ARMV7S_RGN_WBWA << 14 | ARMV7S_RGN_WBWA << 30;
}
#define pt_iommu_fmt_hw_info armv7spt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_armv7s_cfg armv7spt_kunit_fmt_cfgs[] = {
	{},
	{ .common.features = BIT(PT_FEAT_ARMV7S_NS) },
};
#define kunit_fmt_cfgs armv7spt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_ARMV7S_NS) };
#endif

#endif
