/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * x86-64 4-level and 5-level paging, as walked by AMD IOMMU v2 (guest
 * tables) and Intel VT-d first-stage translation.
 *
 * Source: Intel SDM Vol. 3A, 4.5 "4-Level Paging and 5-Level Paging",
 * Tables 4-14..4-20 (PML5E, PML4E, PDPTE, PDE, PTE formats); AMD APM Vol. 2,
 * 5.3 "Long-Mode Page Translation" and 7.10 (SME C-bit).
 *
 * Our level 0 is the page table (4 KiB pages), level 1 the page directory
 * (2 MiB pages with PS), level 2 the PDPT (1 GiB pages with PS), level 3 the
 * PML4 and level 4 the PML5. The VA space is sign extended: bits above the
 * top translated bit repeat it (canonical addresses). AMD IOMMU guest (v2)
 * tables can also be used without sign extension: hw_max_vasz_lg2 of 47 (4
 * levels) or 56 (5 levels) without PT_FEAT_SIGN_EXTEND translates only the
 * lower half.
 */
#ifndef __GENERIC_PT_FMT_X86_64_H
#define __GENERIC_PT_FMT_X86_64_H

#include "defs_x86_64.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/* A single-item leaf's word is linear in its OA (see pt_fill_linear). */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	PT_MAX_VA_ADDRESS_LG2 = 57,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 52,
	PT_MAX_TOP_LEVEL = 4,
	PT_GRANULE_LG2SZ = 12,
	PT_TABLEMEM_LG2SZ = 12,
	/* AMD GCR3 table root / VT-d FSPTPTR: a 4 KiB aligned 52-bit PA. */
	PT_TOP_PHYS_MASK = GENMASK_ULL(51, 12),
};

/* SDM Vol. 3A Tables 4-15..4-20. */
enum {
	X86_64_FMT_P = BIT_ULL(0),	/* present */
	X86_64_FMT_RW = BIT_ULL(1),	/* writes allowed */
	X86_64_FMT_U = BIT_ULL(2),	/* user-mode accesses allowed */
	X86_64_FMT_PWT = BIT_ULL(3),
	X86_64_FMT_PCD = BIT_ULL(4),	/* cache disable */
	X86_64_FMT_A = BIT_ULL(5),	/* accessed */
	X86_64_FMT_D = BIT_ULL(6),	/* dirty, leaves only */
	X86_64_FMT_PS = BIT_ULL(7),	/* page size: leaf at PDE/PDPTE */
	X86_64_FMT_OA = GENMASK_ULL(51, 12),
	X86_64_FMT_XD = BIT_ULL(63),	/* execute disable */
};

static inline u64 x86_64_pt_raw(const struct pt_state *pts)
{
	if (pts_feature(pts, PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		return pts->entry & ~genericpt_sme_me_mask;
	return pts->entry;
}

static inline pt_oaddr_t x86_64_pt_table_pa(const struct pt_state *pts)
{
	return x86_64_pt_raw(pts) & X86_64_FMT_OA;
}
#define pt_table_pa x86_64_pt_table_pa

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline pt_oaddr_t x86_64_pt_entry_oa(const struct pt_state *pts)
{
	/* Large pages keep PAT in bit 12; the address starts at the size. */
	return log2_set_mod(x86_64_pt_raw(pts) & X86_64_FMT_OA, 0,
			    pt_table_item_lg2sz(pts));
}
#define pt_entry_oa x86_64_pt_entry_oa

static inline unsigned int x86_64_pt_num_items_lg2(const struct pt_state *pts)
{
	(void)pts;
	return 9;
}
#define pt_num_items_lg2 x86_64_pt_num_items_lg2

static inline bool x86_64_pt_can_have_leaf(const struct pt_state *pts)
{
	/* 4K PTE, 2M PDE with PS, 1G PDPTE with PS (4.5.4). */
	return pts->level <= 2;
}
#define pt_can_have_leaf x86_64_pt_can_have_leaf

static inline enum pt_entry_type x86_64_pt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & X86_64_FMT_P))
		return PT_ENTRY_EMPTY;
	if (pts->level == 0 ||
	    (pts->level <= 2 && (pts->entry & X86_64_FMT_PS)))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw x86_64_pt_load_entry_raw

/* 4.5.4: a present PTE, or a present PDE/PDPTE with PS; never contiguous. */
static inline bool x86_64_pt_single_leaf_test(const struct pt_state *pts,
					     u64 *mask, u64 *val)
{
	*mask = X86_64_FMT_P | (pts->level ? (u64)X86_64_FMT_PS : 0);
	*val = *mask;
	return pts->level <= 2;
}
#define pt_single_leaf_test x86_64_pt_single_leaf_test

static inline void x86_64_pt_install_leaf_entry(struct pt_state *pts,
					       pt_oaddr_t oa,
					       unsigned int oasz_lg2,
					       const struct pt_write_attrs *attrs)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = X86_64_FMT_P | attrs->descriptor_bits |
		    (oa & X86_64_FMT_OA);

	(void)oasz_lg2;
	if (pts->level != 0)
		entry |= X86_64_FMT_PS;
	WRITE_ONCE(*tablep, entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry x86_64_pt_install_leaf_entry

static inline bool x86_64_pt_install_table(struct pt_state *pts,
					  pt_oaddr_t table_pa,
					  const struct pt_write_attrs *attrs)
{
	/*
	 * R/W and U/S are ANDed down the walk and XD ORed (4.6), so tables
	 * allow everything and leaves decide. A is preset so the walker need
	 * not write it.
	 */
	u64 entry = X86_64_FMT_P | X86_64_FMT_RW | X86_64_FMT_U |
		    X86_64_FMT_A | (table_pa & X86_64_FMT_OA);

	(void)attrs;
	if (pts_feature(pts, PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		entry |= genericpt_sme_me_mask;
	return pt_table_install64(pts, entry);
}
#define pt_install_table x86_64_pt_install_table

static inline void x86_64_pt_attr_from_entry(const struct pt_state *pts,
					    struct pt_write_attrs *attrs)
{
	u64 keep = X86_64_FMT_RW | X86_64_FMT_U | X86_64_FMT_PWT |
		   X86_64_FMT_PCD | X86_64_FMT_A | X86_64_FMT_XD;

	if (pts_feature(pts, PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		keep |= genericpt_sme_me_mask;
	attrs->descriptor_bits = pts->entry & keep;
}
#define pt_attr_from_entry x86_64_pt_attr_from_entry

/* 4.8: the walker sets D in a leaf on the first write through it. */
static inline bool x86_64_pt_entry_is_write_dirty(const struct pt_state *pts)
{
	return pts->entry & X86_64_FMT_D;
}
#define pt_entry_is_write_dirty x86_64_pt_entry_is_write_dirty

static inline void x86_64_pt_entry_make_write_clean(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 old = READ_ONCE(*tablep);

	while ((old & X86_64_FMT_D) &&
	       !try_cmpxchg64(tablep, &old, old & ~X86_64_FMT_D))
		;
}
#define pt_entry_make_write_clean x86_64_pt_entry_make_write_clean

static inline bool x86_64_pt_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return try_cmpxchg64(tablep, &pts->entry, pts->entry | X86_64_FMT_D);
}
#define pt_entry_make_write_dirty x86_64_pt_entry_make_write_dirty

/*
 * Software bits: SDM Vol. 3A Tables 4-15..4-20 mark bits 11 and 9 (HLAT
 * restart aside) and 62:52 (no protection keys in IOMMU tables) ignored in
 * every entry: software bit 0 is bit 9, 1 is bit 11, 2..12 are 52..62.
 */
static inline unsigned int x86_64_pt_max_sw_bit(struct pt_common *common)
{
	(void)common;
	return 12;
}
#define pt_max_sw_bit x86_64_pt_max_sw_bit

static inline u64 x86_64_pt_sw_bit(unsigned int bitnr)
{
	if (PT_WARN_ON(bitnr > 12))
		return 0;
	if (bitnr < 2)
		return bitnr ? BIT_ULL(11) : BIT_ULL(9);
	return BIT_ULL(52 + bitnr - 2);
}
#define pt_sw_bit x86_64_pt_sw_bit

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_x86_64

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_x86_64, iommu)
			->x86_64_pt.common;
}

static inline int x86_64_pt_iommu_set_prot(struct pt_common *common,
					  struct pt_write_attrs *attrs,
					  unsigned int iommu_prot)
{
	/* Every leaf is accessed already; D is left to the walker. */
	u64 bits = X86_64_FMT_A;

	if (!(iommu_prot & IOMMU_PRIV))
		bits |= X86_64_FMT_U;
	if (iommu_prot & IOMMU_WRITE)
		bits |= X86_64_FMT_RW;
	if (iommu_prot & IOMMU_NOEXEC)
		bits |= X86_64_FMT_XD;
	if (iommu_prot & IOMMU_MMIO)
		bits |= X86_64_FMT_PCD | X86_64_FMT_PWT;
	if (pt_feature(common, PT_FEAT_X86_64_AMD_ENCRYPT_TABLES) &&
	    !(iommu_prot & IOMMU_MMIO))
		bits |= genericpt_sme_me_mask;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot x86_64_pt_iommu_set_prot

static inline int x86_64_pt_iommu_fmt_init(struct pt_iommu_x86_64 *table,
					  const struct pt_iommu_x86_64_cfg *cfg)
{
	struct pt_common *common = &table->x86_64_pt.common;
	unsigned int vasz = cfg->common.hw_max_vasz_lg2;
	unsigned int level = cfg->top_level;
	unsigned int span;

	if (level == 0 && vasz)
		level = vasz > 48 ? 4 : 3;
	if (level == 0)
		level = 3;
	if (level != 3 && level != 4)
		return -EINVAL;
	/* 4.5.1: 48-bit VA with 4 levels, 57-bit with 5. */
	span = PT_GRANULE_LG2SZ + 9 * (level + 1);
	if (!pt_feature(common, PT_FEAT_SIGN_EXTEND) && vasz == span - 1) {
		/*
		 * AMD IOMMU guest (v2) tables used without sign extension: only
		 * the lower half, VA bits span-2..0, is translated; an iova with
		 * bit span-1 or above set is outside the aperture.
		 */
		common->max_vasz_lg2 = (u8)(span - 1);
	} else {
		/* Both canonical halves: the VA must cover the whole span. */
		if (vasz && vasz < span)
			return -EINVAL;
		common->features |= (unsigned int)BIT(PT_FEAT_SIGN_EXTEND);
		common->max_vasz_lg2 = (u8)span;
	}
	if (pt_feature(common, PT_FEAT_X86_64_AMD_ENCRYPT_TABLES)) {
		unsigned int cbit = log2_ffs(genericpt_sme_me_mask);

		if (common->max_oasz_lg2 > cbit)
			common->max_oasz_lg2 = (u8)cbit;
	}
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init x86_64_pt_iommu_fmt_init

static inline void
x86_64_pt_iommu_fmt_hw_info(struct pt_iommu_x86_64 *table,
			   const struct pt_range *top_range,
			   struct pt_iommu_x86_64_hw_info *info)
{
	(void)table;
	info->gcr3_pt = virt_to_phys(top_range->top_table);
	info->levels = (u8)(top_range->top_level + 1);
}
#define pt_iommu_fmt_hw_info x86_64_pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_x86_64_cfg x86_64_pt_kunit_fmt_cfgs[] = {
	{ .top_level = 3 },
	{ .top_level = 4 },
	/* AMD v2 / PASID tables translating the lower half only. */
	{ .common.hw_max_vasz_lg2 = 47 },
	{ .common.hw_max_vasz_lg2 = 56 },
};
#define kunit_fmt_cfgs x86_64_pt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_SIGN_EXTEND) };
#endif

#endif
