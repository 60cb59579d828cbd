/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Arm long-descriptor tables: VMSAv8-64 stage 1 and 2 with the 4K, 16K and
 * 64K granules, FEAT_LPA, FEAT_LPA2 and FEAT_LVA, and the VMSAv8-32
 * long-descriptor format (PT_FEAT_ARMV8_AARCH32). One header, two builds:
 * without ARMV8_GRANULE_LG2SZ (fmt/iommu_armv8.cpp) the granule is read
 * from the table (pt_armv8.granule_lg2sz, chosen at init); a template TU
 * that sets ARMV8_GRANULE_LG2SZ to 12, 14 or 16 (and PT_FMT_VARIANT 4k,
 * 16k, 64k) gets a library fixed to that granule, where every granule
 * expression below is a constant.
 *
 * Source: Arm Architecture Reference Manual for A-profile, DDI0487, chapter
 * D8 "The AArch64 Virtual Memory System Architecture", chapter G5 "The
 * AArch32 Virtual Memory System Architecture" and the register
 * descriptions; sections are cited by the tags listed in defs_armv8.h.
 *
 * Our level L is the manual's lookup level 3 - L: level 0 holds pages,
 * level 4 is the 4K granule's level -1 (FEAT_LPA2). A full table is one
 * granule of 2^(granule - 3) descriptors; the start table resolves the
 * input bits left: fewer at stage 1, up to 4 more at stage 2 (up to 16
 * concatenated tables, [CT], sized at init).
 */
#ifndef __GENERIC_PT_FMT_ARMV8_H
#define __GENERIC_PT_FMT_ARMV8_H

#include "defs_armv8.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/*
 * A 1-item leaf's word is linear in its OA (pt_fill_linear) inside one
 * 2^48 block: above it sit OA[51:48] in bits[15:12] (64K, FEAT_LPA) or
 * OA[51:50] in bits[9:8] (FEAT_LPA2).
 */
#define PT_FMT_LEAF_LINEAR 1
#define PT_FMT_LEAF_LINEAR_OA_LG2 48

#define ARMV8PT_HAS(f) (PT_SUPPORTED_FEATURE(f) != 0)
enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	/* [IA], [OA]: 52 bits are FEAT_LVA/FEAT_LPA (64K) or FEAT_LPA2. */
	PT_MAX_VA_ADDRESS_LG2 = ARMV8PT_HAS(PT_FEAT_ARMV8_LPA2) ||
					ARMV8PT_HAS(PT_FEAT_ARMV8_LVA) ||
					ARMV8PT_HAS(PT_FEAT_ARMV8_LPA) ? 52 : 48,
	PT_MAX_OUTPUT_ADDRESS_LG2 = ARMV8PT_HAS(PT_FEAT_ARMV8_LPA2) ||
					    ARMV8PT_HAS(PT_FEAT_ARMV8_LPA) ? 52 : 48,
	/* Lookup level 0; -1 with the 4K granule and LPA2; 64K: level 1. */
	PT_MAX_TOP_LEVEL = ARMV8PT_HAS(PT_FEAT_ARMV8_LPA2) ? 4 :
#ifdef ARMV8_GRANULE_LG2SZ
			   ARMV8_GRANULE_LG2SZ == 16 ? 2 :
#endif
			   3,
};

#ifdef ARMV8_GRANULE_LG2SZ
enum {
	PT_GRANULE_LG2SZ = ARMV8_GRANULE_LG2SZ,
	PT_TABLEMEM_LG2SZ = ARMV8_GRANULE_LG2SZ,
};
#endif

/* The granule, log2 bytes: a constant in the fixed-granule builds. */
static inline unsigned int armv8pt_granule(const struct pt_common *common)
{
#ifdef ARMV8_GRANULE_LG2SZ
	(void)common;
	return ARMV8_GRANULE_LG2SZ;
#else
	/* struct pt_armv8 starts with its pt_common */
	return ((const struct pt_armv8 *)common)->granule_lg2sz;
#endif
}
#define pt_granule_lg2sz armv8pt_granule

/* Log2 of the span of one item at @level with granule @g. */
static inline unsigned int armv8pt_isz(unsigned int g, unsigned int level)
{
	return g + (g - 3) * level;
}

static inline unsigned int armv8pt_table_item_lg2sz(const struct pt_state *pts)
{
	return armv8pt_isz(armv8pt_granule(pts->range->common), pts->level);
}
#define pt_table_item_lg2sz armv8pt_table_item_lg2sz

static inline unsigned int armv8pt_pgsz_lg2_to_level(struct pt_common *common,
						     unsigned int pgsize_lg2)
{
	unsigned int g = armv8pt_granule(common);

	return (pgsize_lg2 - g) / (g - 3);
}
#define pt_pgsz_lg2_to_level armv8pt_pgsz_lg2_to_level

#define armv8pt_s2(common) pt_feature(common, PT_FEAT_ARMV8_S2)
#define armv8pt_lpa2(common) pt_feature(common, PT_FEAT_ARMV8_LPA2)

/*
 * [TD] Address field: OA[47:granule] in place; with 64K OA[51:48] in
 * bits[15:12] (FEAT_LPA; never set without it); with LPA2 OA[49:48] in
 * place too and OA[51:50] in bits[9:8].
 */
static inline pt_oaddr_t armv8pt_get_oa(const struct pt_common *common,
					u64 entry)
{
	unsigned int g = armv8pt_granule(common);

	if (armv8pt_lpa2(common))
		return (entry & GENMASK_ULL(49, g)) |
		       (pt_oaddr_t)FIELD_GET(ARMV8PT_SH, entry) << 50;
	return (entry & GENMASK_ULL(47, g)) |
	       (g != 16 ? 0 : (pt_oaddr_t)FIELD_GET(ARMV8PT_OA_HI, entry) << 48);
}

static inline u64 armv8pt_oa_bits(const struct pt_common *common,
				  pt_oaddr_t oa)
{
	unsigned int g = armv8pt_granule(common);

	if (armv8pt_lpa2(common))
		return (oa & GENMASK_ULL(49, g)) | FIELD_PREP(ARMV8PT_SH, oa >> 50);
	return (oa & GENMASK_ULL(47, g)) |
	       (g != 16 ? 0 : FIELD_PREP(ARMV8PT_OA_HI, oa >> 48));
}

static inline pt_oaddr_t armv8pt_table_pa(const struct pt_state *pts)
{
	return armv8pt_get_oa(pts->range->common, pts->entry);
}
#define pt_table_pa armv8pt_table_pa

static inline unsigned int armv8pt_num_items_lg2(const struct pt_state *pts)
{
	if (pts->level == pts->range->top_level)
		return pts->range->max_vasz_lg2 - armv8pt_table_item_lg2sz(pts);
	return armv8pt_granule(pts->range->common) - 3;
}
#define pt_num_items_lg2 armv8pt_num_items_lg2

/*
 * [REG] TTBR/VTTBR BADDR: the start table is aligned to its size, at least
 * 64 bytes (which a 52-bit table address also needs).
 */
static inline unsigned int
armv8pt_top_memsize_lg2(struct pt_common *common, uintptr_t top_of_table)
{
	unsigned int level = pt_top_level_of(top_of_table);

	return max(6u, common->max_vasz_lg2 + 3u -
			       armv8pt_isz(armv8pt_granule(common), level));
}
#define pt_top_memsize_lg2 armv8pt_top_memsize_lg2

/*
 * [TD] Blocks: 4K lookup levels 1 and 2, 16K and 64K level 2; one level
 * more with FEAT_LPA (64K: 4 TiB at level 1) or FEAT_LPA2 (4K: 512 GiB at
 * level 0, 16K: 64 GiB at level 1).
 */
static inline bool armv8pt_can_have_leaf(const struct pt_state *pts)
{
	const struct pt_common *common = pts->range->common;
	unsigned int top = armv8pt_granule(common) == 12 ? 2 : 1;

	if (pt_feature(common, PT_FEAT_ARMV8_LPA) || armv8pt_lpa2(common))
		top++;
	return pts->level <= top;
}
#define pt_can_have_leaf armv8pt_can_have_leaf

/*
 * [CB] log2 entries of a run: 4K 16 (lookup levels 1-3); 16K 128 (level
 * 3), 32 (level 2); 64K 32 (levels 2, 3); 0: no Contiguous bit there (nor
 * at the block levels LPA and LPA2 add).
 */
static inline unsigned int armv8pt_contig_lg2(unsigned int g,
					      unsigned int level)
{
	if (g == 12)
		return level <= 2 ? 4 : 0;
	return g == 14 && level == 0 ? 7 : level <= 1 ? 5 : 0;
}

/*
 * A run never leaves its table: a start table with fewer items than a run
 * (written by someone else: map never makes one) holds single items, so
 * clearing or cleaning "the run" stays inside the table.
 */
static inline unsigned int
armv8pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	unsigned int c_lg2;

	if (!(pts->entry & ARMV8PT_CONT))
		return 0;
	c_lg2 = armv8pt_contig_lg2(armv8pt_granule(pts->range->common),
				   pts->level);
	if (pts->level == pts->range->top_level &&
	    c_lg2 > armv8pt_num_items_lg2(pts))
		return 0;
	return c_lg2;
}
#define pt_entry_num_contig_lg2 armv8pt_entry_num_contig_lg2

static inline pt_vaddr_t armv8pt_possible_sizes(const struct pt_state *pts)
{
	unsigned int g = armv8pt_granule(pts->range->common);
	unsigned int isz_lg2 = armv8pt_isz(g, pts->level);
	unsigned int c_lg2 = armv8pt_contig_lg2(g, pts->level);

	if (!armv8pt_can_have_leaf(pts))
		return 0;
	/* A run stays inside one table: a small start table may lack room. */
	if (!c_lg2 || c_lg2 > armv8pt_num_items_lg2(pts))
		return log2_to_int(isz_lg2);
	return log2_to_int(isz_lg2) | log2_to_int(isz_lg2 + c_lg2);
}
#define pt_possible_sizes armv8pt_possible_sizes

static inline pt_oaddr_t armv8pt_entry_oa(const struct pt_state *pts)
{
	return log2_set_mod(armv8pt_get_oa(pts->range->common, pts->entry), 0,
			    armv8pt_table_item_lg2sz(pts) +
				    armv8pt_entry_num_contig_lg2(pts));
}
#define pt_entry_oa armv8pt_entry_oa

static inline enum pt_entry_type armv8pt_load_entry_raw(struct pt_state *pts)
{
	pts->entry = READ_ONCE(pt_cur_table(pts, u64)[pts->index]);
	if (!(pts->entry & ARMV8PT_VALID))
		return PT_ENTRY_EMPTY;
	return pts->level == 0 || !(pts->entry & ARMV8PT_TYPE) ? PT_ENTRY_OA :
								 PT_ENTRY_TABLE;
}
#define pt_load_entry_raw armv8pt_load_entry_raw

/* Valid, no contiguous hint; above level 0 also a block (bit 1 clear). */
static inline bool armv8pt_single_leaf_test(const struct pt_state *pts,
					    u64 *mask, u64 *val)
{
	*mask = ARMV8PT_VALID | ARMV8PT_CONT |
		(pts->level ? ARMV8PT_TYPE : 0);
	*val = ARMV8PT_VALID;
	return true;
}
#define pt_single_leaf_test armv8pt_single_leaf_test

/* [CB] A run: each descriptor has the bit and its own consecutive OA. */
static inline void armv8pt_install_leaf_entry(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2,
					      const struct pt_write_attrs *attrs)
{
	const struct pt_common *common = pts->range->common;
	unsigned int isz_lg2 = armv8pt_table_item_lg2sz(pts);
	unsigned int i, n = (unsigned int)log2_to_int(oasz_lg2 - isz_lg2);
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = attrs->descriptor_bits | ARMV8PT_VALID |
		    (pts->level == 0 ? ARMV8PT_TYPE : 0) |
		    (n != 1 ? ARMV8PT_CONT : 0);

	for (i = 0; i != n; i++)
		WRITE_ONCE(tablep[i],
			   entry | armv8pt_oa_bits(common,
						   oa + log2_mul(i, isz_lg2)));
	pts->entry = entry | armv8pt_oa_bits(common, oa);
}
#define pt_install_leaf_entry armv8pt_install_leaf_entry

static inline bool armv8pt_install_table(struct pt_state *pts,
					 pt_oaddr_t table_pa,
					 const struct pt_write_attrs *attrs)
{
	/* [MA] APTable/XNTable stay 0: the leaves decide. */
	u64 entry = ARMV8PT_VALID | ARMV8PT_TYPE |
		    armv8pt_oa_bits(pts->range->common, table_pa);

	(void)attrs;
	if (pts_feature(pts, PT_FEAT_ARMV8_NS))
		entry |= ARMV8PT_S1_NSTABLE;
	return pt_table_install64(pts, entry);
}
#define pt_install_table armv8pt_install_table

/*
 * [DS] Writable-dirty is AP[2] = 0 (stage 1) or S2AP[1] = 1 (stage 2);
 * writable-clean is a DBM leaf with the other value. Only DBM leaves ever
 * toggle: a leaf mapped without IOMMU_WRITE has no DBM.
 */
static inline u64 armv8pt_wbit(const struct pt_common *common)
{
	return armv8pt_s2(common) ? ARMV8PT_S2AP_W : ARMV8PT_S1_AP2;
}

static inline bool armv8pt_dirty(const struct pt_common *common, u64 entry)
{
	return !(entry & armv8pt_wbit(common)) != armv8pt_s2(common);
}

static inline void armv8pt_attr_from_entry(const struct pt_state *pts,
					   struct pt_write_attrs *attrs)
{
	const struct pt_common *common = pts->range->common;
	/* Everything but the address, the type and the software bits. */
	u64 bits = pts->entry & ~(ARMV8PT_VALID | ARMV8PT_TYPE | ARMV8PT_CONT |
				  GENMASK_ULL(49, 12) | ARMV8PT_OA_HI |
				  GENMASK_ULL(58, 55));

	/* [TD] With LPA2 bits[9:8] are OA[51:50], not SH. */
	if (armv8pt_lpa2(common))
		bits &= ~ARMV8PT_SH;
	/* As mapped: a DBM leaf starts writable-clean. */
	if ((bits & ARMV8PT_DBM) && armv8pt_dirty(common, bits))
		bits ^= armv8pt_wbit(common);
	attrs->descriptor_bits = bits;
}
#define pt_attr_from_entry armv8pt_attr_from_entry

/* Dirty tracking needs DBM (and TCR/VTCR HA+HD, see hw_info). */
static inline bool armv8pt_dirty_supported(struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_DBM);
}
#define pt_dirty_supported armv8pt_dirty_supported

/* [DS] Each descriptor of a run is marked alone: test/clean them all. */
static inline bool armv8pt_run_dirty(const struct pt_state *pts, bool clean)
{
	const struct pt_common *common = pts->range->common;
	unsigned int i, n_lg2 = armv8pt_entry_num_contig_lg2(pts);
	u64 *tablep = pt_cur_table(pts, u64) + log2_set_mod(pts->index, 0, n_lg2);
	bool dirty = false;

	for (i = 0; i != log2_to_int(n_lg2); i++) {
		u64 old = READ_ONCE(tablep[i]);

		dirty |= armv8pt_dirty(common, old);
		while (clean && (old & ARMV8PT_DBM) && armv8pt_dirty(common, old) &&
		       !try_cmpxchg64(&tablep[i], &old,
				      old ^ armv8pt_wbit(common)))
			;
	}
	return dirty;
}

static inline bool armv8pt_entry_is_write_dirty(const struct pt_state *pts)
{
	return armv8pt_run_dirty(pts, false);
}
#define pt_entry_is_write_dirty armv8pt_entry_is_write_dirty

static inline void armv8pt_entry_make_write_clean(struct pt_state *pts)
{
	armv8pt_run_dirty(pts, true);
}
#define pt_entry_make_write_clean armv8pt_entry_make_write_clean

static inline bool armv8pt_entry_make_write_dirty(struct pt_state *pts)
{
	const struct pt_common *common = pts->range->common;

	if (!(pts->entry & ARMV8PT_DBM) || armv8pt_dirty(common, pts->entry))
		return true;
	return try_cmpxchg64(pt_cur_table(pts, u64) + pts->index, &pts->entry,
			     pts->entry ^ armv8pt_wbit(common));
}
#define pt_entry_make_write_dirty armv8pt_entry_make_write_dirty

/*
 * A TTBR1 table translates the upper range: VA[63:IAS] all ones; the
 * VMSAv8-32 VA has 32 bits, so there VA[31:IAS].
 */
static inline pt_vaddr_t armv8pt_full_va_prefix(const struct pt_common *common)
{
	if (!pt_feature(common, PT_FEAT_ARMV8_TTBR1))
		return 0;
	return pt_feature(common, PT_FEAT_ARMV8_AARCH32) ? GENMASK_ULL(31, 0) :
							    ~(pt_vaddr_t)0;
}
#define pt_full_va_prefix armv8pt_full_va_prefix

static inline unsigned int
armv8pt_max_oa_lg2(const struct pt_common *common)
{
	/* NULL: the library's limit. */
	if (!common)
		return PT_MAX_OUTPUT_ADDRESS_LG2;
	/* [G5] The VMSAv8-32 long descriptor holds OA[39:12]. */
	if (pt_feature(common, PT_FEAT_ARMV8_AARCH32))
		return 40;
	return pt_feature(common, PT_FEAT_ARMV8_LPA) || armv8pt_lpa2(common) ?
		       52 : 48;
}
#define pt_max_oa_lg2 armv8pt_max_oa_lg2

/* [OA] Table addresses must fit the output size: below 48 bits, go low. */
static inline gfp_t armv8pt_table_gfp_flags(const struct pt_common *common)
{
	return common->max_oasz_lg2 < 48 ? __GFP_DMA32 : 0;
}
#define pt_table_gfp_flags armv8pt_table_gfp_flags

/*
 * Software bits: Arm ARM D8.3 reserves bits 58:56 for software in block and
 * page descriptors and ignores them in table descriptors, at both stages;
 * bit 55 too at stage 1 (at stage 2 it is NS in the Realm state). Software
 * bit 0..2 is 56..58, 3 is 55.
 */
static inline unsigned int armv8pt_max_sw_bit(struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_S2) ? 2 : 3;
}
#define pt_max_sw_bit armv8pt_max_sw_bit

static inline u64 armv8pt_sw_bit(unsigned int bitnr)
{
	if (PT_WARN_ON(bitnr > 3))
		return 0;
	return bitnr == 3 ? BIT_ULL(55) : BIT_ULL(56 + bitnr);
}
#define pt_sw_bit armv8pt_sw_bit

/* ---- IOMMU glue ---- */
#define pt_iommu_table pt_iommu_armv8

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_armv8, iommu)
			->armpt.common;
}

static inline int armv8pt_iommu_set_prot(struct pt_common *common,
					 struct pt_write_attrs *attrs,
					 unsigned int prot)
{
	bool s2 = armv8pt_s2(common), w = prot & IOMMU_WRITE, dbm = w &&
		pt_feature(common, PT_FEAT_ARMV8_DBM);
	bool cache = (prot & IOMMU_CACHE) && !(prot & IOMMU_MMIO);
	/* [AF] AF preset: no Access flag faults or updates. */
	u64 bits = ARMV8PT_AF | (dbm ? ARMV8PT_DBM : 0);

	/* [TD] With LPA2 the walk's TCR/VTCR SH gives the shareability. */
	if (!armv8pt_lpa2(common))
		bits |= FIELD_PREP(ARMV8PT_SH,
				   cache ? ARMV8PT_SH_IS : ARMV8PT_SH_OS);
	if (s2) {
		bits |= FIELD_PREP(ARMV8PT_S2_MEMATTR,
				   (prot & IOMMU_MMIO) ? ARMV8PT_S2_DEVICE :
				   !cache ? ARMV8PT_S2_NC :
				   pt_feature(common, PT_FEAT_ARMV8_S2FWB) ?
					    ARMV8PT_S2_FWB_WB : ARMV8PT_S2_WB);
		bits |= (prot & IOMMU_READ ? ARMV8PT_S2AP_R : 0) |
			(prot & IOMMU_NOEXEC ? ARMV8PT_S2_XN1 : 0);
	} else {
		bits |= FIELD_PREP(ARMV8PT_S1_ATTRINDX,
				   (prot & IOMMU_MMIO) ? ARMV8PT_IDX_DEV :
				   cache ? ARMV8PT_IDX_WB : ARMV8PT_IDX_NC);
		/* [MA] Stage 1 cannot deny reads: write-only is read/write. */
		bits |= ARMV8PT_S1_NG | (prot & IOMMU_PRIV ? 0 : ARMV8PT_S1_AP1) |
			(prot & IOMMU_NOEXEC ? ARMV8PT_S1_UXN | ARMV8PT_S1_PXN : 0) |
			(pt_feature(common, PT_FEAT_ARMV8_NS) ? ARMV8PT_S1_NS : 0);
	}
	/* [DS] Writable starts writable-clean with DBM: write bit flipped. */
	attrs->descriptor_bits = bits | ((s2 ? w && !dbm : !w || dbm) ?
					 armv8pt_wbit(common) : 0);
	return 0;
}
#define pt_iommu_set_prot armv8pt_iommu_set_prot

/* The granule: the library's, or any of the three in libgenericpt_armv8. */
static inline int
armv8pt_iommu_fmt_set_granule(struct pt_iommu_armv8 *table,
			      const struct pt_iommu_armv8_cfg *cfg)
{
	unsigned int g = cfg->granule_lg2sz;

#ifdef ARMV8_GRANULE_LG2SZ
	if (!g)
		g = ARMV8_GRANULE_LG2SZ;
	if (g != ARMV8_GRANULE_LG2SZ)
		return -EOPNOTSUPP;
#else
	if (g != 12 && g != 14 && g != 16)
		return -EOPNOTSUPP;
#endif
	table->armpt.granule_lg2sz = g;
	return 0;
}
#define pt_iommu_fmt_set_granule armv8pt_iommu_fmt_set_granule

/* Features that exclude each other or the granule: see pt_iommu_armv8_init */
static inline int armv8pt_check_features(const struct pt_common *common,
					 unsigned int g)
{
	bool s2 = armv8pt_s2(common);

	if (s2 ? pt_feature(common, PT_FEAT_ARMV8_TTBR1) ||
			 pt_feature(common, PT_FEAT_ARMV8_NS) :
		 pt_feature(common, PT_FEAT_ARMV8_S2FWB))
		return -EINVAL;
	if (((pt_feature(common, PT_FEAT_ARMV8_LPA) ||
	      pt_feature(common, PT_FEAT_ARMV8_LVA)) && g != 16) ||
	    (pt_feature(common, PT_FEAT_ARMV8_LVA) && s2) ||
	    (armv8pt_lpa2(common) && g == 16))
		return -EOPNOTSUPP;
	/* [G5] 4K only, no LPA/LPA2/LVA, no hardware dirty state, no FWB */
	if (pt_feature(common, PT_FEAT_ARMV8_AARCH32) &&
	    (g != 12 || pt_feature(common, PT_FEAT_ARMV8_LPA) ||
	     armv8pt_lpa2(common) || pt_feature(common, PT_FEAT_ARMV8_LVA) ||
	     pt_feature(common, PT_FEAT_ARMV8_DBM) ||
	     pt_feature(common, PT_FEAT_ARMV8_S2FWB)))
		return -EOPNOTSUPP;
	return 0;
}

static inline int armv8pt_iommu_fmt_init(struct pt_iommu_armv8 *table,
					 const struct pt_iommu_armv8_cfg *cfg)
{
	struct pt_common *common = &table->armpt.common;
	unsigned int vasz = common->max_vasz_lg2, level = 0;
	unsigned int g = armv8pt_granule(common);
	bool s2 = armv8pt_s2(common);
	int ret = armv8pt_check_features(common, g);

	if (ret)
		return ret;
	if (pt_feature(common, PT_FEAT_ARMV8_AARCH32)) {
		/* [G5] TTBCR.TxSZ 0..7: 25..32 bits; VTCR.T0SZ -8..7. */
		vasz = min(vasz, s2 ? 40u : 32u);
		if (vasz < 25)
			return -EINVAL;
	} else {
		/*
		 * [IA] 52 input bits take LPA2, or with 64K LVA (stage 1)
		 * or LPA (stage 2), and being asked for; else 48 bits.
		 */
		if (vasz > 48 &&
		    (!cfg->common.hw_max_vasz_lg2 ||
		     !(armv8pt_lpa2(common) ||
		       pt_feature(common, s2 ? PT_FEAT_ARMV8_LPA :
					       PT_FEAT_ARMV8_LVA))))
			vasz = 48;
		if (vasz < 16)
			return -EINVAL;
	}
	if (vasz <= g)
		return -EINVAL;
	while (vasz > armv8pt_isz(g, level + 1))
		level++;
	/*
	 * [CT] Stage 2 starts a level lower at 2..16 concatenated tables
	 * whenever the natural start would resolve at most 4 bits, as the
	 * kernel does; never at level 3 with 4K (that needs FEAT_TTST).
	 */
	if (s2 && level && vasz - armv8pt_isz(g, level) <= 4 &&
	    (g != 12 || level != 1))
		level--;
	common->max_vasz_lg2 = (u8)vasz;
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init armv8pt_iommu_fmt_init

/* [REG] IPS/PS: 32, 36, 40, 42, 44, 48, 52 bits are 0..6: smallest fit */
static inline u8 armv8pt_ps(unsigned int oasz)
{
	return oasz <= 32 ? 0 : oasz <= 36 ? 1 : oasz <= 40 ? 2 :
	       oasz <= 42 ? 3 : oasz <= 44 ? 4 : oasz <= 48 ? 5 : 6;
}

static inline void
armv8pt_iommu_fmt_hw_info(struct pt_iommu_armv8 *table,
			  const struct pt_range *top_range,
			  struct pt_iommu_armv8_hw_info *info)
{
	const struct pt_common *common = top_range->common;
	unsigned int g = armv8pt_granule(common), level = top_range->top_level;
	unsigned int vasz = top_range->max_vasz_lg2;
	unsigned int top_bits = vasz - armv8pt_isz(g, level);
	bool s2 = armv8pt_s2(common), upper =
		pt_feature(common, PT_FEAT_ARMV8_TTBR1);
	bool a32 = pt_feature(common, PT_FEAT_ARMV8_AARCH32);
	bool dbm = pt_feature(common, PT_FEAT_ARMV8_DBM);
	u64 pa = virt_to_phys(top_range->top_table), walk, tcr;

	(void)table;
	info->ttb = pa;
	/* [REG] BADDR; a 52-bit address keeps BADDR[51:48] in bits[5:2]. */
	info->ttbr = (pa & GENMASK_ULL(47, 1)) |
		     FIELD_PREP(GENMASK_ULL(5, 2), pa >> 48);
	info->ps = armv8pt_ps(common->max_oasz_lg2);
	info->tsz = (u8)(a32 ? (32 - vasz) & (s2 ? 0xf : 0x7) : 64 - vasz);
	/* [REG] TG0: 4K 0, 64K 1, 16K 2; TG1: 16K 1, 4K 2, 64K 3. */
	if (upper)
		info->tg = g == 12 ? 2 : g == 16 ? 3 : 1;
	else
		info->tg = g == 12 ? 0 : g == 16 ? 1 : 2;
	info->ds = armv8pt_lpa2(common);
	info->endi = 0;
	info->aa64 = !a32;
	if (pt_feature(common, PT_FEAT_DMA_INCOHERENT)) {
		info->sh = ARMV8PT_SH_OS;
		info->irgn = info->orgn = 0;
	} else {
		info->sh = ARMV8PT_SH_IS;
		info->irgn = info->orgn = 1;
	}
	info->start_level = (s8)(3 - (int)level);
	info->num_start_tables =
		(u8)(1u << (max(top_bits, g - 3) - (g - 3)));
	/* Walks: IRGN[1:0], ORGN[3:2], SH[5:4], from bit 8 on */
	walk = info->irgn | info->orgn << 2 | (u64)info->sh << 4;
	if (s2) {
		/*
		 * [REG] VTCR SL0: 4K 2 - Arm level (level -1: SL2 1, SL0 0;
		 * level 3: 0b11, FEAT_TTST);
		 * 16K, 64K 3 - Arm level; AArch32 (4K) as AArch64's 4K.
		 */
		info->s2.sl2 = level == 4;
		info->s2.sl0 = (u8)(g != 12 ? level : level == 4 ? 0 :
				    level ? level - 1 : 3);
		/* VTCR_EL2: T0SZ[5:0] SL0[7:6] walk[13:8] TG0[15:14]
		 * PS[18:16] HA 21 HD 22 DS 32 SL2 33. AArch32 VTCR: T0SZ[3:0],
		 * S 4 (the sign), SL0, walk. */
		if (a32) {
			info->tcr = info->tsz | (info->tsz & 8 ? BIT_ULL(4) : 0) |
				    (u64)info->s2.sl0 << 6 | walk << 8;
			return;
		}
		info->tcr = info->tsz | (u64)info->s2.sl0 << 6 | walk << 8 |
			    (u64)info->tg << 14 | (u64)info->ps << 16 |
			    (dbm ? BIT_ULL(21) | BIT_ULL(22) : 0) |
			    (u64)info->ds << 32 | (u64)info->s2.sl2 << 33;
		return;
	}
	info->s1.tbix = 0;
	info->s1.epd0 = upper;
	info->s1.epd1 = !upper;
	info->s1.mair = (u32)ARMV8PT_MAIR;
	if (a32) {
		/* TTBCR: T0SZ[2:0] EPD0 7 walk0[13:8]; T1SZ[18:16] EPD1 23
		 * walk1[29:24]; EAE 31. */
		tcr = info->tsz | walk << 8;
		info->tcr = (upper ? tcr << 16 | BIT_ULL(7) : tcr | BIT_ULL(23)) |
			    BIT_ULL(31);
		return;
	}
	/* TCR_ELx T0SZ[5:0] EPD0 7 walk[13:8] TG0[15:14]; T1SZ and the
	 * rest 16 bits up, EPD1 23; IPS[34:32], HA 39, HD 40, DS 59. */
	tcr = info->tsz | walk << 8 | (u64)info->tg << 14;
	info->tcr = (upper ? tcr << 16 | BIT_ULL(7) : tcr | BIT_ULL(23)) |
		    (u64)info->ps << 32 |
		    (dbm ? BIT_ULL(39) | BIT_ULL(40) : 0) |
		    (u64)info->ds << 59;
}
#define pt_iommu_fmt_hw_info armv8pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
#ifdef ARMV8_GRANULE_LG2SZ
static const struct pt_iommu_armv8_cfg armv8pt_kunit_fmt_cfgs[] = {
	{ .common.hw_max_vasz_lg2 = 39 },
	{ .common.hw_max_vasz_lg2 = 47 },
	{ .common.features = BIT(PT_FEAT_ARMV8_S2),
	  .common.hw_max_vasz_lg2 = 40 },
};
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_ARMV8_S2) };
#else
#define ARMV8PT_KUNIT_CFG(g, f, va, oa)                                  \
	{ .granule_lg2sz = g, .common.features = f,                       \
	  .common.hw_max_vasz_lg2 = va, .common.hw_max_oasz_lg2 = oa }
static const struct pt_iommu_armv8_cfg armv8pt_kunit_fmt_cfgs[] = {
	ARMV8PT_KUNIT_CFG(12, BIT(PT_FEAT_ARMV8_DBM), 48, 48),
	ARMV8PT_KUNIT_CFG(12, BIT(PT_FEAT_ARMV8_S2), 40, 40),
	ARMV8PT_KUNIT_CFG(14, BIT(PT_FEAT_ARMV8_DBM), 47, 48),
	ARMV8PT_KUNIT_CFG(14, BIT(PT_FEAT_ARMV8_S2), 48, 48),
	ARMV8PT_KUNIT_CFG(16, BIT(PT_FEAT_ARMV8_DBM), 48, 48),
	ARMV8PT_KUNIT_CFG(16, BIT(PT_FEAT_ARMV8_S2), 42, 48),
	ARMV8PT_KUNIT_CFG(12, BIT(PT_FEAT_ARMV8_LPA2), 52, 52),
	ARMV8PT_KUNIT_CFG(14, BIT(PT_FEAT_ARMV8_LPA2) | BIT(PT_FEAT_ARMV8_S2),
			  52, 52),
	ARMV8PT_KUNIT_CFG(12, BIT(PT_FEAT_ARMV8_AARCH32), 32, 40),
	ARMV8PT_KUNIT_CFG(12, BIT(PT_FEAT_ARMV8_AARCH32) |
				      BIT(PT_FEAT_ARMV8_S2), 40, 40),
};
enum {
	KUNIT_FMT_FEATURES = BIT(PT_FEAT_ARMV8_S2) | BIT(PT_FEAT_ARMV8_DBM) |
			     BIT(PT_FEAT_ARMV8_LPA2) |
			     BIT(PT_FEAT_ARMV8_AARCH32)
};
#endif
#define kunit_fmt_cfgs armv8pt_kunit_fmt_cfgs
#endif

#endif
