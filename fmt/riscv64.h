/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * RISC-V Sv39, Sv48 and Sv57 page tables, as walked by the RISC-V IOMMU
 * for first-stage (iosatp) and, with PT_FEAT_RISCV_GSTAGE, G-stage
 * (iohgatp, Sv39x4/Sv48x4/Sv57x4) translation.
 *
 * Sources: "The RISC-V Instruction Set Manual, Volume II: Privileged
 * Architecture" (20211203): 4.3.1 "Addressing and Memory Protection" (the
 * PTE bits), 4.3.2 "Virtual Address Translation Process", 4.4 "Sv39",
 * 4.5 "Sv48", 4.6 "Sv57", chapter 5 "Svnapot" (NAPOT contiguity), chapter
 * 6 "Svpbmt" (page-based memory types) and 8.5.1 "Guest Physical Address
 * Translation" (the x4 G-stage formats). "RISC-V IOMMU Architecture
 * Specification" 1.0: 2.1.3 "Device-context" (tc.SADE/GADE, iohgatp, fsc)
 * and its iosatp/iohgatp MODE encodings.
 *
 * Our level is the spec's i: level 0 holds 4 KiB leaves. A leaf may sit at
 * every level (4 KiB, 2 MiB, 1 GiB, 512 GiB, 256 TiB); an entry is a leaf
 * when any of R, W, X is set and a pointer when V is set with R=W=X=0.
 *
 * First stage: the VA is sign extended from bit 38/47/56. With
 * PT_FEAT_SIGN_EXTEND both halves are translated, otherwise only the lower
 * half (a 38/47/56-bit aperture). G-stage: the root table has 2048 entries
 * (16 KiB, 16 KiB aligned) and translates two more, zero-extended, bits.
 */
#ifndef __GENERIC_PT_FMT_RISCV64_H
#define __GENERIC_PT_FMT_RISCV64_H

#include "defs_riscv64.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/*
 * A 1-item leaf is attribute bits | PPN, the OA shifted into place (Svnapot
 * leaves span 16 items and are never filled this way). Linear in the OA:
 * pt_fill_linear applies.
 */
#define PT_FMT_LEAF_LINEAR 1

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	/* 8.5.1: Sv57x4 translates 59 bits. */
	PT_MAX_VA_ADDRESS_LG2 = 59,
	/* 4.4: a 44-bit PPN, so 56-bit physical addresses. */
	PT_MAX_OUTPUT_ADDRESS_LG2 = 56,
	PT_MAX_TOP_LEVEL = 4,
	PT_GRANULE_LG2SZ = 12,
	PT_TABLEMEM_LG2SZ = 12,
	/* 8.5.1: the x4 root table is four times larger. */
	RISCVPT_X4_EXTRA_LG2 = 2,
	/* Svnapot: ppn[3:0] = 1000b is a 64 KiB page of 16 PTEs. */
	RISCVPT_NAPOT_64K_LG2 = 16,
	RISCVPT_NAPOT_ITEMS_LG2 = 4,
};

/* 4.3.1 / 4.4 (Sv39 PTE figure), chapters 5 and 6. */
enum {
	RISCVPT_V = BIT_ULL(0),		/* 4.3.1: valid */
	RISCVPT_R = BIT_ULL(1),		/* 4.3.1: readable */
	RISCVPT_W = BIT_ULL(2),		/* 4.3.1: writable (needs R) */
	RISCVPT_X = BIT_ULL(3),		/* 4.3.1: executable */
	RISCVPT_U = BIT_ULL(4),		/* 4.3.1: U-mode accessible */
	RISCVPT_G = BIT_ULL(5),		/* 4.3.1: global mapping */
	RISCVPT_A = BIT_ULL(6),		/* 4.3.1: accessed */
	RISCVPT_D = BIT_ULL(7),		/* 4.3.1: dirty */
	RISCVPT_PPN = GENMASK_ULL(53, 10), /* 4.4: PPN[2..0] (Sv57: [4..0]) */
	RISCVPT_PBMT = GENMASK_ULL(62, 61), /* 6: page-based memory type */
	RISCVPT_N = BIT_ULL(63),	/* 5: NAPOT translation contiguity */
};

/* Chapter 6, PBMT encodings; chapter 5, the 64 KiB ppn[3:0] pattern. */
#define RISCVPT_PBMT_NC 1ull
#define RISCVPT_PBMT_IO 2ull
#define RISCVPT_NAPOT_64K_PPN 0x8ull
#define RISCVPT_RWX (RISCVPT_R | RISCVPT_W | RISCVPT_X)

static inline pt_oaddr_t riscv64pt_table_pa(const struct pt_state *pts)
{
	return log2_mul(FIELD_GET(RISCVPT_PPN, pts->entry), PT_GRANULE_LG2SZ);
}
#define pt_table_pa riscv64pt_table_pa

static inline bool riscv64pt_is_napot(const struct pt_state *pts)
{
	/* Folds away when the library is built without Svnapot. */
	return ((u64)(PT_SUPPORTED_FEATURES) &
		BIT_ULL(PT_FEAT_RISCV_SVNAPOT_64K)) &&
	       pts->level == 0 && (pts->entry & RISCVPT_N);
}

static inline pt_oaddr_t riscv64pt_entry_oa(const struct pt_state *pts)
{
	u64 ppn = FIELD_GET(RISCVPT_PPN, pts->entry);

	/* 5: the low four PPN bits hold the size pattern, not the address. */
	if (riscv64pt_is_napot(pts))
		ppn = log2_set_mod(ppn, 0, RISCVPT_NAPOT_ITEMS_LG2);
	return log2_mul(ppn, PT_GRANULE_LG2SZ);
}
#define pt_entry_oa riscv64pt_entry_oa

static inline unsigned int riscv64pt_num_items_lg2(const struct pt_state *pts)
{
	/* 8.5.1: the x4 root is indexed by 11 bits. */
	if (pts_feature(pts, PT_FEAT_RISCV_GSTAGE) &&
	    pts->level == pts->range->top_level)
		return 9 + RISCVPT_X4_EXTRA_LG2;
	return 9;
}
#define pt_num_items_lg2 riscv64pt_num_items_lg2

static inline unsigned int
riscv64pt_top_memsize_lg2(struct pt_common *common, uintptr_t top_of_table)
{
	(void)top_of_table;
	if (pt_feature(common, PT_FEAT_RISCV_GSTAGE))
		return PT_TABLEMEM_LG2SZ + RISCVPT_X4_EXTRA_LG2;
	return PT_TABLEMEM_LG2SZ;
}
#define pt_top_memsize_lg2 riscv64pt_top_memsize_lg2

static inline bool riscv64pt_can_have_leaf(const struct pt_state *pts)
{
	/* 4.3.2 step 4: a leaf may be found at any level. */
	(void)pts;
	return true;
}
#define pt_can_have_leaf riscv64pt_can_have_leaf

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline pt_vaddr_t riscv64pt_possible_sizes(const struct pt_state *pts)
{
	pt_vaddr_t sizes = log2_to_int(pt_table_item_lg2sz(pts));

	if (pts->level == 0 && pts_feature(pts, PT_FEAT_RISCV_SVNAPOT_64K))
		sizes |= log2_to_int(RISCVPT_NAPOT_64K_LG2);
	return sizes;
}
#define pt_possible_sizes riscv64pt_possible_sizes

static inline unsigned int
riscv64pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	return riscv64pt_is_napot(pts) ? RISCVPT_NAPOT_ITEMS_LG2 : 0;
}
#define pt_entry_num_contig_lg2 riscv64pt_entry_num_contig_lg2

static inline enum pt_entry_type riscv64pt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & RISCVPT_V))
		return PT_ENTRY_EMPTY;
	/* 4.3.2 step 4: R=W=X=0 points to the next level. */
	if (pts->level == 0 || (pts->entry & RISCVPT_RWX))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw riscv64pt_load_entry_raw

/* V and no N: at level 0 any such leaf, above it one that is readable
 * (R=W=X=0 would be a pointer; R alone is enough to prove a leaf). */
static inline bool riscv64pt_single_leaf_test(const struct pt_state *pts,
					      u64 *mask, u64 *val)
{
	*val = RISCVPT_V | (pts->level ? (u64)RISCVPT_R : 0);
	*mask = *val | RISCVPT_N;
	return true;
}
#define pt_single_leaf_test riscv64pt_single_leaf_test

static inline void riscv64pt_install_leaf_entry(struct pt_state *pts,
						pt_oaddr_t oa,
						unsigned int oasz_lg2,
						const struct pt_write_attrs *attrs)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 ppn = log2_div(oa, PT_GRANULE_LG2SZ);
	u64 entry = RISCVPT_V | attrs->descriptor_bits;
	unsigned int i;

	if (oasz_lg2 == pt_table_item_lg2sz(pts)) {
		entry |= FIELD_PREP(RISCVPT_PPN, ppn);
		WRITE_ONCE(*tablep, entry);
		pts->entry = entry;
		return;
	}
	/* 5: N=1, ppn[3:0]=1000b, written into all 16 PTEs of the range. */
	entry |= RISCVPT_N | FIELD_PREP(RISCVPT_PPN, ppn | RISCVPT_NAPOT_64K_PPN);
	for (i = 0; i != log2_to_int(RISCVPT_NAPOT_ITEMS_LG2); i++)
		WRITE_ONCE(tablep[i], entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry riscv64pt_install_leaf_entry

static inline bool riscv64pt_install_table(struct pt_state *pts,
					   pt_oaddr_t table_pa,
					   const struct pt_write_attrs *attrs)
{
	/* 4.3.1: a pointer has only V; D, A, U, N and PBMT are reserved. */
	u64 entry = RISCVPT_V |
		    FIELD_PREP(RISCVPT_PPN, log2_div(table_pa, PT_GRANULE_LG2SZ));

	(void)attrs;
	return pt_table_install64(pts, entry);
}
#define pt_install_table riscv64pt_install_table

static inline void riscv64pt_attr_from_entry(const struct pt_state *pts,
					     struct pt_write_attrs *attrs)
{
	u64 keep = RISCVPT_RWX | RISCVPT_U | RISCVPT_G | RISCVPT_A |
		   RISCVPT_PBMT;

	/* Without hardware A/D, D is part of a writable leaf's encoding. */
	if (!pts_feature(pts, PT_FEAT_RISCV_HW_AD))
		keep |= RISCVPT_D;
	attrs->descriptor_bits = pts->entry & keep;
}
#define pt_attr_from_entry riscv64pt_attr_from_entry

/*
 * Dirty tracking (4.3.2 step 7, IOMMU DC.tc.SADE/GADE): the IOMMU sets D in
 * the PTE it used, which for a NAPOT page is any of the 16 copies, so all
 * are tested and cleared. Without PT_FEAT_RISCV_HW_AD a write to a clean
 * leaf would fault, so D is preset in writable leaves and the table cannot
 * track writes: read_and_clear_dirty and set_dirty return -EOPNOTSUPP.
 */
static inline bool riscv64pt_dirty_supported(struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_RISCV_HW_AD);
}
#define pt_dirty_supported riscv64pt_dirty_supported

static inline u64 *riscv64pt_first_copy(const struct pt_state *pts)
{
	return pt_cur_table(pts, u64) +
	       log2_set_mod(pts->index, 0, riscv64pt_entry_num_contig_lg2(pts));
}

static inline bool riscv64pt_entry_is_write_dirty(const struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		riscv64pt_entry_num_contig_lg2(pts));
	const u64 *tablep = riscv64pt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++)
		if (READ_ONCE(tablep[i]) & RISCVPT_D)
			return true;
	return false;
}
#define pt_entry_is_write_dirty riscv64pt_entry_is_write_dirty

static inline void riscv64pt_entry_make_write_clean(struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		riscv64pt_entry_num_contig_lg2(pts));
	u64 *tablep = riscv64pt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++) {
		u64 old = READ_ONCE(tablep[i]);

		while ((old & RISCVPT_D) &&
		       !try_cmpxchg64(&tablep[i], &old, old & ~RISCVPT_D))
			;
	}
}
#define pt_entry_make_write_clean riscv64pt_entry_make_write_clean

static inline bool riscv64pt_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	return try_cmpxchg64(tablep, &pts->entry, pts->entry | RISCVPT_D);
}
#define pt_entry_make_write_dirty riscv64pt_entry_make_write_dirty

/* Software bits: the privileged spec's RSW field, PTE bits 9:8. */
static inline unsigned int riscv64pt_max_sw_bit(struct pt_common *common)
{
	(void)common;
	return 1;
}
#define pt_max_sw_bit riscv64pt_max_sw_bit

static inline u64 riscv64pt_sw_bit(unsigned int bitnr)
{
	if (PT_WARN_ON(bitnr > 1))
		return 0;
	return BIT_ULL(8 + bitnr);
}
#define pt_sw_bit riscv64pt_sw_bit

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_riscv64

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_riscv64, iommu)
			->riscv64pt.common;
}

static inline int riscv64pt_iommu_set_prot(struct pt_common *common,
					   struct pt_write_attrs *attrs,
					   unsigned int iommu_prot)
{
	/* 4.3.2 step 7: A is preset so no leaf faults or needs an update. */
	u64 bits = RISCVPT_A;

	if (iommu_prot & IOMMU_READ)
		bits |= RISCVPT_R;
	/* 4.3.1: W without R is reserved; a writable leaf is readable. */
	if (iommu_prot & IOMMU_WRITE) {
		bits |= RISCVPT_R | RISCVPT_W;
		if (!pt_feature(common, PT_FEAT_RISCV_HW_AD))
			bits |= RISCVPT_D;
	}
	if (!(iommu_prot & IOMMU_NOEXEC))
		bits |= RISCVPT_X;
	/* 8.5.1: every G-stage access is a U-mode access. */
	if (pt_feature(common, PT_FEAT_RISCV_GSTAGE) ||
	    !(iommu_prot & IOMMU_PRIV))
		bits |= RISCVPT_U;
	if (pt_feature(common, PT_FEAT_RISCV_GLOBAL))
		bits |= RISCVPT_G;
	if (pt_feature(common, PT_FEAT_RISCV_SVPBMT)) {
		if (iommu_prot & IOMMU_MMIO)
			bits |= FIELD_PREP(RISCVPT_PBMT, RISCVPT_PBMT_IO);
		else if (!(iommu_prot & IOMMU_CACHE))
			bits |= FIELD_PREP(RISCVPT_PBMT, RISCVPT_PBMT_NC);
	}
	if (!(bits & RISCVPT_RWX))
		return -EINVAL;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot riscv64pt_iommu_set_prot

static inline int riscv64pt_iommu_fmt_init(struct pt_iommu_riscv64 *table,
					   const struct pt_iommu_riscv64_cfg *cfg)
{
	struct pt_common *common = &table->riscv64pt.common;
	bool gstage = pt_feature(common, PT_FEAT_RISCV_GSTAGE);
	unsigned int extra = gstage ? RISCVPT_X4_EXTRA_LG2 : 0;
	unsigned int vasz = cfg->common.hw_max_vasz_lg2;
	unsigned int level = cfg->top_level;
	unsigned int span;

	/* Sv39/Sv48/Sv57 (x4): 3, 4 or 5 levels. */
	if (level == 0)
		level = !vasz ? 3 : vasz > 48 + extra ? 4 :
				    vasz > 39 + extra ? 3 : 2;
	if (level < 2 || level > 4)
		return -EINVAL;
	span = PT_GRANULE_LG2SZ + 9 * (level + 1) + extra;
	if (gstage) {
		/* 8.5.1: zero-extended GPA; G is unused in G-stage PTEs. */
		if (pt_feature(common, PT_FEAT_SIGN_EXTEND) ||
		    pt_feature(common, PT_FEAT_RISCV_GLOBAL))
			return -EINVAL;
	} else if (pt_feature(common, PT_FEAT_SIGN_EXTEND)) {
		/* Both halves need the full span to be sign extended. */
		if (vasz && vasz < span)
			return -EINVAL;
	} else {
		/* 4.4: upper bits repeat bit span-1; keep to the lower half. */
		span--;
	}
	if (common->max_vasz_lg2 > span)
		common->max_vasz_lg2 = (u8)span;
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init riscv64pt_iommu_fmt_init

static inline void
riscv64pt_iommu_fmt_hw_info(struct pt_iommu_riscv64 *table,
			    const struct pt_range *top_range,
			    struct pt_iommu_riscv64_hw_info *info)
{
	(void)table;
	info->ppn = log2_div(virt_to_phys(top_range->top_table),
			     PT_GRANULE_LG2SZ);
	/* IOMMU spec MODE encodings: 8 = Sv39(x4), 9 = Sv48(x4), 10 = Sv57(x4). */
	info->fsc_iosatp_mode = (u8)(top_range->top_level + 6);
}
#define pt_iommu_fmt_hw_info riscv64pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_riscv64_cfg riscv64pt_kunit_fmt_cfgs[] = {
	{ .top_level = 2 },
	{ .top_level = 3 },
	{ .top_level = 4 },
};
#define kunit_fmt_cfgs riscv64pt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_RISCV_SVNAPOT_64K) };
#endif

#endif
