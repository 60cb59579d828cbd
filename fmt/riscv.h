/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * RISC-V page tables as walked by the RISC-V IOMMU: Sv39, Sv48 and Sv57
 * (the riscv_64 library) for first-stage (iosatp) and, with
 * PT_FEAT_RISCV_GSTAGE, G-stage (iohgatp, Sv39x4/Sv48x4/Sv57x4)
 * translation; with PT_RISCV_32BIT, Sv32 (the riscv_32 library, iosatp of
 * a device context with SXL=1).
 *
 * Sources: "The RISC-V Instruction Set Manual, Volume II: Privileged
 * Architecture" (20211203): 4.3 "Sv32" (its PTE figure and 4.3.1
 * "Addressing and Memory Protection", the PTE bits), 4.3.2 "Virtual Address
 * Translation Process", 4.4 "Sv39", 4.5 "Sv48", 4.6 "Sv57", chapter 5
 * "Svnapot" (NAPOT contiguity), chapter 6 "Svpbmt" (page-based memory
 * types) and 8.5.1 "Guest Physical Address Translation" (the x4 G-stage
 * formats). "RISC-V IOMMU Architecture Specification" 1.0: 2.1.3
 * "Device-context" (tc.SADE/GADE, tc.SXL, iohgatp, fsc) and its
 * iosatp/iohgatp MODE encodings.
 *
 * Our level is the spec's i: level 0 holds 4 KiB leaves. A leaf may sit at
 * every level (Sv39+: 4 KiB, 2 MiB, 1 GiB, 512 GiB, 256 TiB; Sv32: 4 KiB,
 * 4 MiB); an entry is a leaf when any of R, W, X is set and a pointer when
 * V is set with R=W=X=0.
 *
 * Sv39+ first stage: the VA is sign extended from bit 38/47/56. With
 * PT_FEAT_SIGN_EXTEND both halves are translated, otherwise only the lower
 * half (a 38/47/56-bit aperture). G-stage: the root table has 2048 entries
 * (16 KiB, 16 KiB aligned) and translates two more, zero-extended, bits.
 * Sv32: 4-byte PTEs, 1024 per table, two levels over a 32-bit VA, a 22-bit
 * PPN (34-bit physical addresses); there is no N or PBMT field.
 */
#ifndef __GENERIC_PT_FMT_RISCV_H
#define __GENERIC_PT_FMT_RISCV_H

#include "defs_riscv.h"
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
	PT_ITEM_WORD_SIZE = sizeof(pt_riscv_entry_t),
#ifdef PT_RISCV_32BIT
	/* 4.3: a 32-bit VA, a 22-bit PPN, two levels. */
	PT_MAX_VA_ADDRESS_LG2 = 32,
	PT_MAX_OUTPUT_ADDRESS_LG2 = 34,
	PT_MAX_TOP_LEVEL = 1,
#else
	/* 8.5.1: Sv57x4 translates 59 bits. */
	PT_MAX_VA_ADDRESS_LG2 = 59,
	/* 4.4: a 44-bit PPN, so 56-bit physical addresses. */
	PT_MAX_OUTPUT_ADDRESS_LG2 = 56,
	PT_MAX_TOP_LEVEL = 4,
#endif
	PT_GRANULE_LG2SZ = 12,
	PT_TABLEMEM_LG2SZ = 12,
	/* 8.5.1: the x4 root table is four times larger. */
	RISCVPT_X4_EXTRA_LG2 = 2,
	/* Svnapot: ppn[3:0] = 1000b is a 64 KiB page of 16 PTEs. */
	RISCVPT_NAPOT_64K_LG2 = 16,
	RISCVPT_NAPOT_ITEMS_LG2 = 4,
};

/* 4.3.1, the Sv32 and Sv39 PTE figures, chapters 5 and 6. */
enum {
	RISCVPT_V = BIT(0),		/* 4.3.1: valid */
	RISCVPT_R = BIT(1),		/* 4.3.1: readable */
	RISCVPT_W = BIT(2),		/* 4.3.1: writable (needs R) */
	RISCVPT_X = BIT(3),		/* 4.3.1: executable */
	RISCVPT_U = BIT(4),		/* 4.3.1: U-mode accessible */
	RISCVPT_G = BIT(5),		/* 4.3.1: global mapping */
	RISCVPT_A = BIT(6),		/* 4.3.1: accessed */
	RISCVPT_D = BIT(7),		/* 4.3.1: dirty */
};
#ifdef PT_RISCV_32BIT
#define RISCVPT_PPN GENMASK(31, 10)	/* 4.3: PPN[1] 31:20, PPN[0] 19:10 */
#define RISCVPT_PBMT 0u			/* 6: no such field in Sv32 */
#define RISCVPT_N 0u			/* 5: likewise */
#else
#define RISCVPT_PPN GENMASK_ULL(53, 10)	/* 4.4: PPN[2..0] (Sv57: [4..0]) */
#define RISCVPT_PBMT GENMASK_ULL(62, 61) /* 6: page-based memory type */
#define RISCVPT_N BIT_ULL(63)		/* 5: NAPOT translation contiguity */
#endif

#ifdef PT_RISCV_32BIT
/*
 * 4.3: a table pointer, like iosatp.PPN, holds a 22-bit PPN, so tables must
 * sit below 16 GiB; DMA32 memory (below 4 GiB) always does. (A test build
 * may predefine it to check the pt_max_table_pa_lg2() limit.)
 */
#ifndef PT_TABLE_GFP_FLAGS
#define PT_TABLE_GFP_FLAGS __GFP_DMA32
#endif
#endif

/* Chapter 6, PBMT encodings; chapter 5, the 64 KiB ppn[3:0] pattern. */
#define RISCVPT_PBMT_NC 1ull
#define RISCVPT_PBMT_IO 2ull
#define RISCVPT_NAPOT_64K_PPN 0x8ull
#define RISCVPT_RWX (RISCVPT_R | RISCVPT_W | RISCVPT_X)

/* The per-width names: struct pt_iommu_riscv_64 and its riscv_64pt, or _32. */
#ifdef PT_RISCV_32BIT
#define pt_iommu_table pt_iommu_riscv_32
#define riscvpt_hw_info pt_iommu_riscv_32_hw_info
#define riscvpt_member riscv_32pt
#else
#define pt_iommu_table pt_iommu_riscv_64
#define riscvpt_hw_info pt_iommu_riscv_64_hw_info
#define riscvpt_member riscv_64pt
#endif

static inline pt_oaddr_t riscvpt_table_pa(const struct pt_state *pts)
{
	return oalog2_mul(FIELD_GET(RISCVPT_PPN, pts->entry), PT_GRANULE_LG2SZ);
}
#define pt_table_pa riscvpt_table_pa

static inline bool riscvpt_is_napot(const struct pt_state *pts)
{
	/* Folds away when the library is built without Svnapot (Sv32). */
	return ((u64)(PT_SUPPORTED_FEATURES) &
		BIT_ULL(PT_FEAT_RISCV_SVNAPOT_64K)) &&
	       pts->level == 0 && (pts->entry & RISCVPT_N);
}

static inline pt_oaddr_t riscvpt_entry_oa(const struct pt_state *pts)
{
	u64 ppn = FIELD_GET(RISCVPT_PPN, pts->entry);

	/* 5: the low four PPN bits hold the size pattern, not the address. */
	if (riscvpt_is_napot(pts))
		ppn = log2_set_mod(ppn, 0, RISCVPT_NAPOT_ITEMS_LG2);
	return oalog2_mul(ppn, PT_GRANULE_LG2SZ);
}
#define pt_entry_oa riscvpt_entry_oa

static inline unsigned int riscvpt_num_items_lg2(const struct pt_state *pts)
{
	/* 8.5.1: the x4 root is indexed by 11 bits. */
	if (pts_feature(pts, PT_FEAT_RISCV_GSTAGE) &&
	    pts->level == pts->range->top_level)
		return PT_TABLEMEM_LG2SZ - ilog2(PT_ITEM_WORD_SIZE) +
		       RISCVPT_X4_EXTRA_LG2;
	return PT_TABLEMEM_LG2SZ - ilog2(PT_ITEM_WORD_SIZE);
}
#define pt_num_items_lg2 riscvpt_num_items_lg2

static inline unsigned int
riscvpt_top_memsize_lg2(struct pt_common *common, uintptr_t top_of_table)
{
	(void)top_of_table;
	if (pt_feature(common, PT_FEAT_RISCV_GSTAGE))
		return PT_TABLEMEM_LG2SZ + RISCVPT_X4_EXTRA_LG2;
	return PT_TABLEMEM_LG2SZ;
}
#define pt_top_memsize_lg2 riscvpt_top_memsize_lg2

static inline bool riscvpt_can_have_leaf(const struct pt_state *pts)
{
	/* 4.3.2 step 4: a leaf may be found at any level. */
	(void)pts;
	return true;
}
#define pt_can_have_leaf riscvpt_can_have_leaf

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline pt_vaddr_t riscvpt_possible_sizes(const struct pt_state *pts)
{
	pt_vaddr_t sizes = log2_to_int(pt_table_item_lg2sz(pts));

	if (pts->level == 0 && pts_feature(pts, PT_FEAT_RISCV_SVNAPOT_64K))
		sizes |= log2_to_int(RISCVPT_NAPOT_64K_LG2);
	return sizes;
}
#define pt_possible_sizes riscvpt_possible_sizes

static inline unsigned int
riscvpt_entry_num_contig_lg2(const struct pt_state *pts)
{
	return riscvpt_is_napot(pts) ? RISCVPT_NAPOT_ITEMS_LG2 : 0;
}
#define pt_entry_num_contig_lg2 riscvpt_entry_num_contig_lg2

static inline enum pt_entry_type riscvpt_load_entry_raw(struct pt_state *pts)
{
	const pt_riscv_entry_t *tablep =
		pt_cur_table(pts, pt_riscv_entry_t) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & RISCVPT_V))
		return PT_ENTRY_EMPTY;
	/* 4.3.2 step 4: R=W=X=0 points to the next level. */
	if (pts->level == 0 || (pts->entry & RISCVPT_RWX))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw riscvpt_load_entry_raw

/* V and no N: at level 0 any such leaf, above it one that is readable
 * (R=W=X=0 would be a pointer; R alone is enough to prove a leaf). */
static inline bool riscvpt_single_leaf_test(const struct pt_state *pts,
					    u64 *mask, u64 *val)
{
	*val = RISCVPT_V | (pts->level ? (u64)RISCVPT_R : 0);
	*mask = *val | RISCVPT_N;
	return true;
}
#define pt_single_leaf_test riscvpt_single_leaf_test

static inline void riscvpt_install_leaf_entry(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2,
					      const struct pt_write_attrs *attrs)
{
	pt_riscv_entry_t *tablep =
		pt_cur_table(pts, pt_riscv_entry_t) + pts->index;
	pt_riscv_entry_t ppn = (pt_riscv_entry_t)oalog2_div(oa,
							      PT_GRANULE_LG2SZ);
	pt_riscv_entry_t entry = RISCVPT_V | attrs->descriptor_bits;
	unsigned int i;

	if (oasz_lg2 == pt_table_item_lg2sz(pts)) {
		entry |= FIELD_PREP(RISCVPT_PPN, ppn);
		WRITE_ONCE(*tablep, entry);
		pts->entry = entry;
		return;
	}
	/* 5: N=1, ppn[3:0]=1000b, written into all 16 PTEs of the range. */
	entry |= RISCVPT_N |
		 FIELD_PREP(RISCVPT_PPN, ppn | RISCVPT_NAPOT_64K_PPN);
	for (i = 0; i != log2_to_int(RISCVPT_NAPOT_ITEMS_LG2); i++)
		WRITE_ONCE(tablep[i], entry);
	pts->entry = entry;
}
#define pt_install_leaf_entry riscvpt_install_leaf_entry

static inline bool riscvpt_install_table(struct pt_state *pts,
					 pt_oaddr_t table_pa,
					 const struct pt_write_attrs *attrs)
{
	/* 4.3.1: a pointer has only V; D, A, U, N and PBMT are reserved. */
	pt_riscv_entry_t entry =
		RISCVPT_V |
		FIELD_PREP(RISCVPT_PPN, (pt_riscv_entry_t)oalog2_div(
						table_pa, PT_GRANULE_LG2SZ));

	(void)attrs;
	/*
	 * Refuse a table the PPN (22 bits for Sv32, 44 bits) cannot point to
	 * rather than store a truncated pointer (the allocator keeps tables
	 * below pt_max_table_pa_lg2(), so this is a bug).
	 */
	if (WARN_ON(table_pa >> PT_MAX_OUTPUT_ADDRESS_LG2))
		return false;
#ifdef PT_RISCV_32BIT
	return pt_table_install32(pts, entry);
#else
	return pt_table_install64(pts, entry);
#endif
}
#define pt_install_table riscvpt_install_table

/* 4.3 / 4.4: a table pointer is a whole PPN: 34 bits (Sv32) or 56. */
static inline unsigned int
riscvpt_max_table_pa_lg2(const struct pt_common *common)
{
	(void)common;
	return PT_MAX_OUTPUT_ADDRESS_LG2;
}
#define pt_max_table_pa_lg2 riscvpt_max_table_pa_lg2

static inline void riscvpt_attr_from_entry(const struct pt_state *pts,
					   struct pt_write_attrs *attrs)
{
	pt_riscv_entry_t keep = RISCVPT_RWX | RISCVPT_U | RISCVPT_G |
				RISCVPT_A | RISCVPT_PBMT;

	/* Without hardware A/D, D is part of a writable leaf's encoding. */
	if (!pts_feature(pts, PT_FEAT_RISCV_HW_AD))
		keep |= RISCVPT_D;
	attrs->descriptor_bits = (pt_riscv_entry_t)pts->entry & keep;
}
#define pt_attr_from_entry riscvpt_attr_from_entry

/*
 * Dirty tracking (4.3.2 step 7, IOMMU DC.tc.SADE/GADE): the IOMMU sets D in
 * the PTE it used, which for a NAPOT page is any of the 16 copies, so all
 * are tested and cleared. Without PT_FEAT_RISCV_HW_AD a write to a clean
 * leaf would fault, so D is preset in writable leaves and the table cannot
 * track writes: read_and_clear_dirty and set_dirty return -EOPNOTSUPP.
 */
static inline bool riscvpt_dirty_supported(struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_RISCV_HW_AD);
}
#define pt_dirty_supported riscvpt_dirty_supported

static inline pt_riscv_entry_t *riscvpt_first_copy(const struct pt_state *pts)
{
	return pt_cur_table(pts, pt_riscv_entry_t) +
	       log2_set_mod(pts->index, 0, riscvpt_entry_num_contig_lg2(pts));
}

static inline bool riscvpt_entry_is_write_dirty(const struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		riscvpt_entry_num_contig_lg2(pts));
	const pt_riscv_entry_t *tablep = riscvpt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++)
		if (READ_ONCE(tablep[i]) & RISCVPT_D)
			return true;
	return false;
}
#define pt_entry_is_write_dirty riscvpt_entry_is_write_dirty

static inline void riscvpt_entry_make_write_clean(struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		riscvpt_entry_num_contig_lg2(pts));
	pt_riscv_entry_t *tablep = riscvpt_first_copy(pts);
	unsigned int i;

	for (i = 0; i != n; i++) {
		pt_riscv_entry_t old = READ_ONCE(tablep[i]);

		while ((old & RISCVPT_D) &&
		       !try_cmpxchg(&tablep[i], &old,
				    (pt_riscv_entry_t)(old & ~RISCVPT_D)))
			;
	}
}
#define pt_entry_make_write_clean riscvpt_entry_make_write_clean

static inline bool riscvpt_entry_make_write_dirty(struct pt_state *pts)
{
	pt_riscv_entry_t *tablep =
		pt_cur_table(pts, pt_riscv_entry_t) + pts->index;
	pt_riscv_entry_t old = (pt_riscv_entry_t)pts->entry;
	bool ret = try_cmpxchg(tablep, &old,
			       (pt_riscv_entry_t)(old | RISCVPT_D));

	pts->entry = old;
	return ret;
}
#define pt_entry_make_write_dirty riscvpt_entry_make_write_dirty

/* Software bits: the privileged spec's RSW field, PTE bits 9:8. */
static inline unsigned int riscvpt_max_sw_bit(struct pt_common *common)
{
	(void)common;
	return 1;
}
#define pt_max_sw_bit riscvpt_max_sw_bit

static inline u64 riscvpt_sw_bit(unsigned int bitnr)
{
	if (PT_WARN_ON(bitnr > 1))
		return 0;
	return BIT_ULL(8 + bitnr);
}
#define pt_sw_bit riscvpt_sw_bit

/* ---- IOMMU glue ---- */

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_table, iommu)
			->riscvpt_member.common;
}

static inline int riscvpt_iommu_set_prot(struct pt_common *common,
					 struct pt_write_attrs *attrs,
					 unsigned int iommu_prot)
{
	/* 4.3.2 step 7: A is preset so no leaf faults or needs an update. */
	pt_riscv_entry_t bits = RISCVPT_A;

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
#ifndef PT_RISCV_32BIT
	if (pt_feature(common, PT_FEAT_RISCV_SVPBMT)) {
		if (iommu_prot & IOMMU_MMIO)
			bits |= FIELD_PREP(RISCVPT_PBMT, RISCVPT_PBMT_IO);
		else if (!(iommu_prot & IOMMU_CACHE))
			bits |= FIELD_PREP(RISCVPT_PBMT, RISCVPT_PBMT_NC);
	}
#endif
	if (!(bits & RISCVPT_RWX))
		return -EINVAL;
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot riscvpt_iommu_set_prot

#ifdef PT_RISCV_32BIT
static inline int riscvpt_iommu_fmt_init(struct pt_iommu_riscv_32 *table,
					 const struct pt_iommu_riscv_32_cfg *cfg)
{
	struct pt_common *common = &table->riscv_32pt.common;

	/* 4.3: Sv32 has two levels and translates the whole 32-bit VA. */
	if (cfg->top_level != 0 && cfg->top_level != 1)
		return -EINVAL;
	if (common->max_vasz_lg2 > PT_MAX_VA_ADDRESS_LG2)
		common->max_vasz_lg2 = PT_MAX_VA_ADDRESS_LG2;
	pt_top_set_level(common, 1);
	return 0;
}
#else
static inline int riscvpt_iommu_fmt_init(struct pt_iommu_riscv_64 *table,
					 const struct pt_iommu_riscv_64_cfg *cfg)
{
	struct pt_common *common = &table->riscv_64pt.common;
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
#endif
#define pt_iommu_fmt_init riscvpt_iommu_fmt_init

/*
 * IOMMU spec iosatp/iohgatp MODE encodings: with SXL=0 (GXL=0 for
 * iohgatp) 8 = Sv39(x4), 9 = Sv48(x4), 10 = Sv57(x4); with SXL=1 8 = Sv32.
 */
static inline void
riscvpt_iommu_fmt_hw_info(struct pt_iommu_table *table,
			  const struct pt_range *top_range,
			  struct riscvpt_hw_info *info)
{
	(void)table;
	info->ppn = oalog2_div(virt_to_phys(top_range->top_table),
			       PT_GRANULE_LG2SZ);
#ifdef PT_RISCV_32BIT
	info->fsc_iosatp_mode = 8;
#else
	info->fsc_iosatp_mode = (u8)(top_range->top_level + 6);
#endif
}
#define pt_iommu_fmt_hw_info riscvpt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
#ifdef PT_RISCV_32BIT
static const struct pt_iommu_riscv_32_cfg riscvpt_kunit_fmt_cfgs[] = {
	{ .top_level = 1 },
	{ .common.hw_max_vasz_lg2 = 32 },
};
enum { KUNIT_FMT_FEATURES = 0 };
#else
static const struct pt_iommu_riscv_64_cfg riscvpt_kunit_fmt_cfgs[] = {
	{ .top_level = 2 },
	{ .top_level = 3 },
	{ .top_level = 4 },
};
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_RISCV_SVNAPOT_64K) };
#endif
#define kunit_fmt_cfgs riscvpt_kunit_fmt_cfgs
#endif

#endif
