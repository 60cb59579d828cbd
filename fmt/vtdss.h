/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Intel VT-d second-stage (SS, formerly "second-level") page tables.
 *
 * Source: "Intel Virtualization Technology for Directed I/O Architecture
 * Specification", 3.7 "Second-Stage Translation" (walk, access rights,
 * accessed/dirty flags), 9.8 "Second-Stage Paging Entries" (the formats of
 * SS-PML5E, SS-PML4E, SS-PDPE, SS-PDE and SS-PTE), 9.3 / 9.6 (context and
 * scalable-mode PASID table entries: SSPTPTR and AW) and 11.4.2 (CAP_REG:
 * SAGAW, MGAW, SLLPS).
 *
 * Our levels are the spec's entries: 0 = SS-PTE (4 KiB pages), 1 = SS-PDE
 * (2 MiB pages with PS), 2 = SS-PDPE (1 GiB pages with PS), 3 = SS-PML4E,
 * 4 = SS-PML5E. A table of 3, 4 or 5 levels translates a 39, 48 or 57-bit
 * adjusted guest address width (AGAW); there is no sign extension.
 *
 * The format has no present bit (3.7): an entry is used only if it grants
 * read or write. Every entry we write grants at least one of them, so an
 * entry with R=W=0 is empty.
 */
#ifndef __GENERIC_PT_FMT_VTDSS_H
#define __GENERIC_PT_FMT_VTDSS_H

#include "defs_vtdss.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/*
 * The leaf word is attribute bits | OA in place (SL-PTE/PDE/PDPE).
 * Linear in the OA: pt_fill_linear applies.
 */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	PT_MAX_VA_ADDRESS_LG2 = 57,
	/* 9.8: address bits 51:12, bits above the HAW are reserved. */
	PT_MAX_OUTPUT_ADDRESS_LG2 = 52,
	PT_MAX_TOP_LEVEL = 4,
	PT_GRANULE_LG2SZ = 12,
	PT_TABLEMEM_LG2SZ = 12,
	/* 9.4 context entry SSPTPTR: a 4 KiB aligned address, bits 63:12. */
	PT_TOP_PHYS_MASK = GENMASK_ULL(63, 12),
};

/* 9.8, the second-stage entry formats (bits common to every level). */
enum {
	VTDSS_FMT_R = BIT_ULL(0),	/* 9.8: read permission */
	VTDSS_FMT_W = BIT_ULL(1),	/* 9.8: write permission */
	VTDSS_FMT_X = BIT_ULL(2),	/* 9.8: execute, used if SSEE is set */
	VTDSS_FMT_PS = BIT_ULL(7),	/* 9.8: SS-PDPE/SS-PDE maps a page */
	VTDSS_FMT_A = BIT_ULL(8),	/* 3.7 / 9.8: accessed (SSADE) */
	VTDSS_FMT_D = BIT_ULL(9),	/* 3.7 / 9.8: dirty, leaves (SSADE) */
	VTDSS_FMT_SNP = BIT_ULL(11),	/* 9.8: snoop, leaves only (ECAP.SC) */
	VTDSS_FMT_OA = GENMASK_ULL(51, 12), /* 9.8: address, HAW-1:12 */
};

/* 3.7: R or W (X is never set alone here) marks an entry as in use. */
#define VTDSS_FMT_USED (VTDSS_FMT_R | VTDSS_FMT_W)

static inline pt_oaddr_t vtdss_pt_table_pa(const struct pt_state *pts)
{
	return pts->entry & VTDSS_FMT_OA;
}
#define pt_table_pa vtdss_pt_table_pa

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline pt_oaddr_t vtdss_pt_entry_oa(const struct pt_state *pts)
{
	/* 9.8: large pages hold the address from the page size up. */
	return log2_set_mod(pts->entry & VTDSS_FMT_OA, 0,
			    pt_table_item_lg2sz(pts));
}
#define pt_entry_oa vtdss_pt_entry_oa

static inline unsigned int vtdss_pt_num_items_lg2(const struct pt_state *pts)
{
	(void)pts;
	return 9;
}
#define pt_num_items_lg2 vtdss_pt_num_items_lg2

static inline bool vtdss_pt_can_have_leaf(const struct pt_state *pts)
{
	/* 9.8: PS is reserved in SS-PML4E and SS-PML5E. */
	return pts->level <= 2;
}
#define pt_can_have_leaf vtdss_pt_can_have_leaf

static inline enum pt_entry_type vtdss_pt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & VTDSS_FMT_USED))
		return PT_ENTRY_EMPTY;
	if (pts->level == 0 ||
	    (pts->level <= 2 && (pts->entry & VTDSS_FMT_PS)))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw vtdss_pt_load_entry_raw

/* 9.8: a readable SL-PTE, or a readable PDE/PDPE with PS (stricter than
 * "R or W": write-only leaves are decoded one by one). */
static inline bool vtdss_pt_single_leaf_test(const struct pt_state *pts,
					    u64 *mask, u64 *val)
{
	*mask = VTDSS_FMT_R | (pts->level ? (u64)VTDSS_FMT_PS : 0);
	*val = *mask;
	return pts->level <= 2;
}
#define pt_single_leaf_test vtdss_pt_single_leaf_test

static inline void vtdss_pt_install_leaf_entry(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2,
					      const struct pt_write_attrs *attrs)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = attrs->descriptor_bits | (oa & VTDSS_FMT_OA);

	(void)oasz_lg2;
	if (pts->level != 0)
		entry |= VTDSS_FMT_PS;
	WRITE_ONCE(*tablep, entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry vtdss_pt_install_leaf_entry

static inline bool vtdss_pt_install_table(struct pt_state *pts,
					 pt_oaddr_t table_pa,
					 const struct pt_write_attrs *attrs)
{
	/*
	 * 3.7: R, W and X are ANDed along the walk, so a table pointer grants
	 * all three and the leaf decides. Bit 11 is reserved here (9.8).
	 */
	u64 entry = VTDSS_FMT_R | VTDSS_FMT_W | VTDSS_FMT_X |
		    (table_pa & VTDSS_FMT_OA);

	(void)attrs;
	return pt_table_install64(pts, entry);
}
#define pt_install_table vtdss_pt_install_table

static inline void vtdss_pt_attr_from_entry(const struct pt_state *pts,
					   struct pt_write_attrs *attrs)
{
	attrs->descriptor_bits = pts->entry & (VTDSS_FMT_R | VTDSS_FMT_W |
					       VTDSS_FMT_X | VTDSS_FMT_SNP);
}
#define pt_attr_from_entry vtdss_pt_attr_from_entry

/*
 * 3.7 (accessed/dirty flags): with SSADE set in the PASID entry the walker
 * sets D in the leaf on the first write through it.
 */
static inline bool vtdss_pt_entry_is_write_dirty(const struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return READ_ONCE(*tablep) & VTDSS_FMT_D;
}
#define pt_entry_is_write_dirty vtdss_pt_entry_is_write_dirty

static inline void vtdss_pt_entry_make_write_clean(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 old = READ_ONCE(*tablep);

	/* The walker may set A concurrently: never lose its update. */
	while ((old & VTDSS_FMT_D) &&
	       !try_cmpxchg64(tablep, &old, old & ~VTDSS_FMT_D))
		;
}
#define pt_entry_make_write_clean vtdss_pt_entry_make_write_clean

static inline bool vtdss_pt_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return try_cmpxchg64(tablep, &pts->entry, pts->entry | VTDSS_FMT_D);
}
#define pt_entry_make_write_dirty vtdss_pt_entry_make_write_dirty

/*
 * Software bits: VT-d 9.8 marks bit 10, 60:52 and 63 ignored in every
 * second-stage entry: software bit 0 is bit 10, 1..9 are 52..60, 10 is 63.
 */
static inline unsigned int vtdss_pt_max_sw_bit(struct pt_common *common)
{
	(void)common;
	return 10;
}
#define pt_max_sw_bit vtdss_pt_max_sw_bit

static inline u64 vtdss_pt_sw_bit(unsigned int bitnr)
{
	if (PT_WARN_ON(bitnr > 10))
		return 0;
	if (bitnr == 0)
		return BIT_ULL(10);
	if (bitnr == 10)
		return BIT_ULL(63);
	return BIT_ULL(52 + bitnr - 1);
}
#define pt_sw_bit vtdss_pt_sw_bit

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_vtdss

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_vtdss, iommu)
			->vtdss_pt.common;
}

static inline int vtdss_pt_iommu_set_prot(struct pt_common *common,
					 struct pt_write_attrs *attrs,
					 unsigned int iommu_prot)
{
	u64 bits = 0;

	/* Without R or W the leaf would read as empty (3.7). */
	if (!(iommu_prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	/*
	 * Erratum workaround (Intel SPR17, 772415): a table used as the
	 * parent of a nested translation must not hold read-only leaves.
	 */
	if (pt_feature(common, PT_FEAT_VTDSS_FORCE_WRITEABLE) &&
	    !(iommu_prot & IOMMU_WRITE))
		return -EINVAL;
	if (iommu_prot & IOMMU_READ)
		bits |= VTDSS_FMT_R;
	if (iommu_prot & IOMMU_WRITE)
		bits |= VTDSS_FMT_W;
	if (!(iommu_prot & IOMMU_NOEXEC))
		bits |= VTDSS_FMT_X;
	/* 9.8: SNP forces snooped accesses whatever the request says. */
	if (pt_feature(common, PT_FEAT_VTDSS_FORCE_COHERENCE))
		bits |= VTDSS_FMT_SNP;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot vtdss_pt_iommu_set_prot

static inline int vtdss_pt_iommu_fmt_init(struct pt_iommu_vtdss *table,
					 const struct pt_iommu_vtdss_cfg *cfg)
{
	struct pt_common *common = &table->vtdss_pt.common;
	unsigned int vasz = cfg->common.hw_max_vasz_lg2;
	unsigned int level = cfg->top_level;

	/* 11.4.2 SAGAW: 39, 48 or 57-bit AGAW = 3, 4 or 5 levels. */
	if (level == 0)
		level = !vasz ? 3 : vasz > 48 ? 4 : vasz > 39 ? 3 : 2;
	if (level < 2 || level > 4)
		return -EINVAL;
	/*
	 * MGAW may be below the AGAW (11.4.2): the VA is then limited to
	 * hw_max_vasz_lg2; the init code clamps it to the table's span.
	 */
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init vtdss_pt_iommu_fmt_init

static inline void
vtdss_pt_iommu_fmt_hw_info(struct pt_iommu_vtdss *table,
			  const struct pt_range *top_range,
			  struct pt_iommu_vtdss_hw_info *info)
{
	(void)table;
	info->ssptptr = virt_to_phys(top_range->top_table);
	/* 9.6 AW: 1 = 3-level (39-bit), 2 = 4-level, 3 = 5-level. */
	info->aw = (u8)(top_range->top_level - 1);
}
#define pt_iommu_fmt_hw_info vtdss_pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_vtdss_cfg vtdss_pt_kunit_fmt_cfgs[] = {
	{ .top_level = 2 },
	{ .top_level = 3 },
	{ .top_level = 4 },
};
#define kunit_fmt_cfgs vtdss_pt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_VTDSS_FORCE_COHERENCE) };
#endif

#endif
