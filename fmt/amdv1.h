/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * AMD IOMMU v1 host page tables.
 *
 * Source: "AMD I/O Virtualization Technology (IOMMU) Specification",
 * section 2.2.3 "I/O Page Tables for Host Translations" (PDE/PTE layout,
 * Table 14 page size encodings, Table 15 page table level parameters) and
 * section 2.2.2 for the DTE Mode and Host Page Table Root Pointer fields.
 *
 * Our level L is the spec's level L+1 (mode 1 = a single level-0 table).
 * Every level has 512 8-byte items; the top level at mode 6 only uses
 * address bits 63:57, so it has 128 items.
 *
 * Leaves: NextLevel 0 is a leaf of the level's item size. NextLevel 7 is a
 * leaf of any larger power of two, encoded in the low address bits (a run
 * of ones ending with a zero) and written into every item it covers: this
 * is how the generic code's contiguous entries are expressed here.
 *
 * With AMDV1_IOMMUFD_SELFTEST the same layout is compiled with a 2 KiB
 * granule (the iommufd self-test's mock IOMMU): the address field then
 * holds the address divided by 2 KiB, tables stay 4 KiB.
 */
#ifndef __GENERIC_PT_FMT_AMDV1_H
#define __GENERIC_PT_FMT_AMDV1_H

#include "defs_amdv1.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/* A single-item leaf's word is linear in its OA (see pt_fill_linear). */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
#ifdef AMDV1_IOMMUFD_SELFTEST
	PT_MAX_VA_ADDRESS_LG2 = 56,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 51,
	PT_MAX_TOP_LEVEL = 4,
	PT_GRANULE_LG2SZ = 11,
#else
	PT_MAX_VA_ADDRESS_LG2 = 64,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 52,
	PT_MAX_TOP_LEVEL = 5,
	PT_GRANULE_LG2SZ = 12,
#endif
	PT_TABLEMEM_LG2SZ = 12,
	/* 2.2.2.1 DTE Host Page Table Root Pointer: bits 51:12. */
	PT_TOP_PHYS_MASK = GENMASK_ULL(51, 12),
};

/* 2.2.3, Figure/Table "I/O Page Table Entry" and "Page Directory Entry". */
enum {
	AMDV1PT_FMT_PR = BIT_ULL(0),		/* present */
	AMDV1PT_FMT_A = BIT_ULL(5),		/* accessed (HA) */
	AMDV1PT_FMT_D = BIT_ULL(6),		/* dirty (HD), PTE only */
	AMDV1PT_FMT_NEXT_LEVEL = GENMASK_ULL(11, 9),
	AMDV1PT_FMT_OA = GENMASK_ULL(51, 12),	/* address / granule */
	AMDV1PT_FMT_FC = BIT_ULL(60),		/* force coherent */
	AMDV1PT_FMT_IR = BIT_ULL(61),		/* read permission */
	AMDV1PT_FMT_IW = BIT_ULL(62),		/* write permission */
};

/* NextLevel codes of a leaf. */
#define AMDV1PT_NL_LEAF 0u
#define AMDV1PT_NL_SIZED 7u

/* Strip the C bit when encrypted tables are on. */
static inline u64 amdv1pt_raw(const struct pt_state *pts)
{
	if (pts_feature(pts, PT_FEAT_AMDV1_ENCRYPT_TABLES))
		return pts->entry & ~genericpt_sme_me_mask;
	return pts->entry;
}

static inline pt_oaddr_t amdv1pt_table_pa(const struct pt_state *pts)
{
	return log2_mul(FIELD_GET(AMDV1PT_FMT_OA, amdv1pt_raw(pts)),
			PT_GRANULE_LG2SZ);
}
#define pt_table_pa amdv1pt_table_pa

/* Start of the (possibly sized) leaf's output range. */
static inline pt_oaddr_t amdv1pt_entry_oa(const struct pt_state *pts)
{
	u64 field = FIELD_GET(AMDV1PT_FMT_OA, amdv1pt_raw(pts));

	/* Table 14: trailing ones up to the first zero give the size. */
	if (FIELD_GET(AMDV1PT_FMT_NEXT_LEVEL, pts->entry) == AMDV1PT_NL_SIZED)
		field = log2_set_mod(field, 0, log2_ffz(field) + 1);
	return log2_mul(field, PT_GRANULE_LG2SZ);
}
#define pt_entry_oa amdv1pt_entry_oa

static inline unsigned int amdv1pt_num_items_lg2(const struct pt_state *pts)
{
	/* Table 15: level 6 (our 5) decodes address bits 63:57 only. */
	return pts->level == 5 ? 7 : 9;
}
#define pt_num_items_lg2 amdv1pt_num_items_lg2

static inline bool amdv1pt_can_have_leaf(const struct pt_state *pts)
{
	/* Table 15: the highest level cannot hold translations. */
	return pts->level < PT_MAX_TOP_LEVEL;
}
#define pt_can_have_leaf amdv1pt_can_have_leaf

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline unsigned int
amdv1pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	unsigned int isz_lg2, size_lg2;
	u64 field;

	if (FIELD_GET(AMDV1PT_FMT_NEXT_LEVEL, pts->entry) != AMDV1PT_NL_SIZED)
		return 0;
	/* Size is 2^(ffz + 1) granules; items are 2^(isz - granule) of them. */
	field = FIELD_GET(AMDV1PT_FMT_OA, amdv1pt_raw(pts));
	size_lg2 = log2_ffz(field) + 1 + PT_GRANULE_LG2SZ;
	isz_lg2 = pt_table_item_lg2sz(pts);
	/*
	 * The library only writes sizes above the item size that fit the
	 * table. Any other code (table memory someone else wrote) is read as
	 * a single item, so no walk reaches past the table.
	 */
	if (unlikely(size_lg2 <= isz_lg2 ||
		     size_lg2 - isz_lg2 > amdv1pt_num_items_lg2(pts)))
		return 0;
	return size_lg2 - isz_lg2;
}
#define pt_entry_num_contig_lg2 amdv1pt_entry_num_contig_lg2

static inline pt_vaddr_t amdv1pt_possible_sizes(const struct pt_state *pts)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	unsigned int top = min(51u, isz_lg2 + amdv1pt_num_items_lg2(pts) - 1);

	if (!amdv1pt_can_have_leaf(pts))
		return 0;
	/*
	 * Encrypted tables: the C-bit is an address bit of every entry, and
	 * init limits max_oasz_lg2 to it. A leaf above 2^C would cover
	 * addresses that cannot exist, and its size code (ones from bit 12 up
	 * to bit size-2, then a zero at size-1) would end on the C-bit or run
	 * through it, so the size would not read back once the C-bit is
	 * stripped or set. Such sizes are not leaf sizes of this table.
	 */
	if (pts_feature(pts, PT_FEAT_AMDV1_ENCRYPT_TABLES))
		top = min(top, (unsigned int)pts->range->common->max_oasz_lg2);
	if (top < isz_lg2)
		return 0;
	/* Table 14: every power of two; 512 GiB pages are not supported. */
	return GENMASK_ULL(top, isz_lg2) & ~SZ_512G;
}
#define pt_possible_sizes amdv1pt_possible_sizes

static inline enum pt_entry_type amdv1pt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	unsigned int nl;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & AMDV1PT_FMT_PR))
		return PT_ENTRY_EMPTY;
	nl = (unsigned int)FIELD_GET(AMDV1PT_FMT_NEXT_LEVEL, pts->entry);
	if (pts->level == 0 || nl == AMDV1PT_NL_LEAF || nl == AMDV1PT_NL_SIZED)
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw amdv1pt_load_entry_raw

/* A present item with NextLevel 0 is a leaf of one item at any level. */
static inline bool amdv1pt_single_leaf_test(const struct pt_state *pts,
					    u64 *mask, u64 *val)
{
	*mask = AMDV1PT_FMT_PR | AMDV1PT_FMT_NEXT_LEVEL;
	*val = AMDV1PT_FMT_PR;
	return amdv1pt_can_have_leaf(pts);
}
#define pt_single_leaf_test amdv1pt_single_leaf_test

static inline void amdv1pt_install_leaf_entry(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2,
					      const struct pt_write_attrs *attrs)
{
	unsigned int n_lg2 = oasz_lg2 - pt_table_item_lg2sz(pts);
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = AMDV1PT_FMT_PR | attrs->descriptor_bits |
		    FIELD_PREP(AMDV1PT_FMT_OA, log2_div(oa, PT_GRANULE_LG2SZ));
	size_t i;

	if (!n_lg2) {
		WRITE_ONCE(*tablep, entry);
		pts->entry = entry;
		return;
	}
	/* Table 14: size 2^k granules = k-1 low ones then a zero. */
	entry |= FIELD_PREP(AMDV1PT_FMT_NEXT_LEVEL, AMDV1PT_NL_SIZED) |
		 FIELD_PREP(AMDV1PT_FMT_OA,
			    log2_to_max_int(oasz_lg2 - PT_GRANULE_LG2SZ - 1));
	if (n_lg2 >= 5) {
		memset64(tablep, entry, (size_t)log2_to_int(n_lg2));
	} else {
		for (i = 0; i != log2_to_int(n_lg2); i++)
			WRITE_ONCE(tablep[i], entry);
	}
	pts->entry = entry;
}
#define pt_install_leaf_entry amdv1pt_install_leaf_entry

static inline bool amdv1pt_install_table(struct pt_state *pts,
					 pt_oaddr_t table_pa,
					 const struct pt_write_attrs *attrs)
{
	/*
	 * IR/IW are ANDed down the walk; permissions come from the leaf, so a
	 * table grants both. NextLevel names the level of the lower table in
	 * the spec's numbering, which equals our level of this entry.
	 */
	u64 entry = AMDV1PT_FMT_PR | AMDV1PT_FMT_IR | AMDV1PT_FMT_IW |
		    FIELD_PREP(AMDV1PT_FMT_NEXT_LEVEL, pts->level) |
		    FIELD_PREP(AMDV1PT_FMT_OA,
			       log2_div(table_pa, PT_GRANULE_LG2SZ));

	(void)attrs;
	if (pts_feature(pts, PT_FEAT_AMDV1_ENCRYPT_TABLES))
		entry |= genericpt_sme_me_mask;
	return pt_table_install64(pts, entry);
}
#define pt_install_table amdv1pt_install_table

static inline void amdv1pt_attr_from_entry(const struct pt_state *pts,
					   struct pt_write_attrs *attrs)
{
	u64 keep = AMDV1PT_FMT_FC | AMDV1PT_FMT_IR | AMDV1PT_FMT_IW;

	if (pts_feature(pts, PT_FEAT_AMDV1_ENCRYPT_TABLES))
		keep |= genericpt_sme_me_mask;
	attrs->descriptor_bits = pts->entry & keep;
}
#define pt_attr_from_entry amdv1pt_attr_from_entry

/*
 * Dirty tracking (2.2.7.x, HD): the IOMMU sets D in the item it used, which
 * for a sized leaf can be any of its copies, so test and clear them all.
 */
static inline u64 *amdv1pt_first_copy(const struct pt_state *pts)
{
	unsigned int n_lg2 = amdv1pt_entry_num_contig_lg2(pts);

	return pt_cur_table(pts, u64) + log2_set_mod(pts->index, 0, n_lg2);
}

static inline bool amdv1pt_entry_is_write_dirty(const struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		amdv1pt_entry_num_contig_lg2(pts));
	const u64 *tablep = amdv1pt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++)
		if (READ_ONCE(tablep[i]) & AMDV1PT_FMT_D)
			return true;
	return false;
}
#define pt_entry_is_write_dirty amdv1pt_entry_is_write_dirty

static inline void amdv1pt_entry_make_write_clean(struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		amdv1pt_entry_num_contig_lg2(pts));
	u64 *tablep = amdv1pt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++) {
		u64 old = READ_ONCE(tablep[i]);

		while ((old & AMDV1PT_FMT_D) &&
		       !try_cmpxchg64(&tablep[i], &old, old & ~AMDV1PT_FMT_D))
			;
	}
}
#define pt_entry_make_write_clean amdv1pt_entry_make_write_clean

static inline bool amdv1pt_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return try_cmpxchg64(tablep, &pts->entry, pts->entry | AMDV1PT_FMT_D);
}
#define pt_entry_make_write_dirty amdv1pt_entry_make_write_dirty

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_amdv1

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_amdv1, iommu)
			->amdpt.common;
}

static inline int amdv1pt_iommu_set_prot(struct pt_common *common,
					 struct pt_write_attrs *attrs,
					 unsigned int iommu_prot)
{
	u64 bits = 0;

	if (pt_feature(common, PT_FEAT_AMDV1_FORCE_COHERENCE))
		bits |= AMDV1PT_FMT_FC;
	if (iommu_prot & IOMMU_READ)
		bits |= AMDV1PT_FMT_IR;
	if (iommu_prot & IOMMU_WRITE)
		bits |= AMDV1PT_FMT_IW;
	/* Encrypted memory, unless the target is MMIO. */
	if (pt_feature(common, PT_FEAT_AMDV1_ENCRYPT_TABLES) &&
	    !(iommu_prot & IOMMU_MMIO))
		bits |= genericpt_sme_me_mask;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot amdv1pt_iommu_set_prot

static inline int amdv1pt_iommu_fmt_init(struct pt_iommu_amdv1 *table,
					 const struct pt_iommu_amdv1_cfg *cfg)
{
	struct pt_common *common = &table->amdpt.common;
	unsigned int level = cfg->starting_level;

	if (level > PT_MAX_TOP_LEVEL)
		return -EINVAL;
	/* A table of one level can only grow if it may hold a table. */
	if (pt_feature(common, PT_FEAT_AMDV1_ENCRYPT_TABLES)) {
		unsigned int cbit = log2_ffs(genericpt_sme_me_mask);

		if (common->max_oasz_lg2 > cbit)
			common->max_oasz_lg2 = (u8)cbit;
	}
	if (!pt_feature(common, PT_FEAT_DYNAMIC_TOP)) {
		unsigned int span = level == 5 ? 64 :
					PT_GRANULE_LG2SZ + 9 * (level + 1);

		if (common->max_vasz_lg2 > span)
			common->max_vasz_lg2 = (u8)span;
	}
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init amdv1pt_iommu_fmt_init

static inline void
amdv1pt_iommu_fmt_hw_info(struct pt_iommu_amdv1 *table,
			  const struct pt_range *top_range,
			  struct pt_iommu_amdv1_hw_info *info)
{
	(void)table;
	info->host_pt_root = virt_to_phys(top_range->top_table);
	info->mode = (u8)(top_range->top_level + 1);
}
#define pt_iommu_fmt_hw_info amdv1pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_amdv1_cfg amdv1pt_kunit_fmt_cfgs[] = {
	{ .starting_level = 2 },
	{ .starting_level = 3 },
	/* The top level: 6 levels (5 with the mock's 2 KiB granule). */
	{ .starting_level = PT_MAX_TOP_LEVEL },
	{ .common.features = BIT(PT_FEAT_DYNAMIC_TOP), .starting_level = 0 },
};
#define kunit_fmt_cfgs amdv1pt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_DYNAMIC_TOP) };
#endif

#endif
