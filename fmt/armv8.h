/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Arm VMSAv8-64 long-descriptor tables, stage 1 and 2, one header for the
 * 4K, 16K and 64K granules: the template TU sets ARMV8_GRANULE_LG2SZ (12, 14,
 * 16) and PT_FMT_VARIANT (4k, 16k, 64k).
 *
 * Source: Arm Architecture Reference Manual for A-profile, DDI0487, chapter
 * D8 "The AArch64 Virtual Memory System Architecture" and the register
 * descriptions; sections are cited by the tags listed in defs_armv8.h.
 *
 * Our level L is the manual's lookup level 3 - L: level 0 holds pages. A
 * full table is one granule of 2^(granule - 3) descriptors; the start table
 * resolves the input bits left: fewer at stage 1, up to 4 more at stage 2
 * (up to 16 concatenated tables, [CT], sized at init).
 */
#ifndef __GENERIC_PT_FMT_ARMV8_H
#define __GENERIC_PT_FMT_ARMV8_H

#include "defs_armv8.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

/*
 * A 1-item leaf's word is linear in its OA (pt_fill_linear); with the 64K
 * granule OA[51:48] sit in bits[15:12], so only inside one 2^48 block.
 */
#define PT_FMT_LEAF_LINEAR 1
#if ARMV8_GRANULE_LG2SZ == 16
#define PT_FMT_LEAF_LINEAR_OA_LG2 48
#endif

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	PT_GRANULE_LG2SZ = ARMV8_GRANULE_LG2SZ,
	PT_TABLEMEM_LG2SZ = ARMV8_GRANULE_LG2SZ,
	/* [IA], [OA]: 52 bits are FEAT_LVA (stage 1) / FEAT_LPA with 64K. */
	PT_MAX_VA_ADDRESS_LG2 = ARMV8_GRANULE_LG2SZ == 16 ? 52 : 48,
	PT_MAX_OUTPUT_ADDRESS_LG2 = ARMV8_GRANULE_LG2SZ == 16 ? 52 : 48,
	/* Lookup level 0 (4K, 16K); 64K starts at level 1 at most. */
	PT_MAX_TOP_LEVEL = ARMV8_GRANULE_LG2SZ == 16 ? 2 : 3,
	ARMV8PT_STRIDE = ARMV8_GRANULE_LG2SZ - 3,
};
/* Log2 of the span of one item at @level; stage 2 descriptors? */
#define ARMV8PT_ISZ(level) (PT_GRANULE_LG2SZ + ARMV8PT_STRIDE * (level))
#define armv8pt_s2(common) pt_feature(common, PT_FEAT_ARMV8_S2)

/* [TD] Address field; the 64K layout keeps OA[51:48] in bits[15:12]. */
static inline pt_oaddr_t armv8pt_get_oa(u64 entry)
{
	return (entry & ARMV8PT_OA) | (PT_GRANULE_LG2SZ != 16 ? 0 :
		FIELD_GET(ARMV8PT_OA_HI, entry) << 48);
}

static inline u64 armv8pt_oa_bits(pt_oaddr_t oa)
{
	return (oa & ARMV8PT_OA) | (PT_GRANULE_LG2SZ != 16 ? 0 :
		FIELD_PREP(ARMV8PT_OA_HI, oa >> 48));
}

static inline pt_oaddr_t armv8pt_table_pa(const struct pt_state *pts)
{
	return armv8pt_get_oa(pts->entry);
}
#define pt_table_pa armv8pt_table_pa

static inline unsigned int armv8pt_num_items_lg2(const struct pt_state *pts)
{
	if (pts->level == pts->range->top_level)
		return pts->range->max_vasz_lg2 - ARMV8PT_ISZ(pts->level);
	return ARMV8PT_STRIDE;
}
#define pt_num_items_lg2 armv8pt_num_items_lg2

/* [REG] TTBR/VTTBR BADDR: the start table is aligned, at least 64 bytes. */
static inline unsigned int
armv8pt_top_memsize_lg2(struct pt_common *common, uintptr_t top_of_table)
{
	unsigned int level = pt_top_level_of(top_of_table);

	return max(6u, common->max_vasz_lg2 + 3u - ARMV8PT_ISZ(level));
}
#define pt_top_memsize_lg2 armv8pt_top_memsize_lg2

/* [TD] Blocks: 4K lookup levels 1, 2; 16K 2; 64K 2 and, with LPA, 1. */
static inline bool armv8pt_can_have_leaf(const struct pt_state *pts)
{
	if (pts->level == 2)
		return PT_GRANULE_LG2SZ == 12 || pts_feature(pts, PT_FEAT_ARMV8_LPA);
	return pts->level <= 1;
}
#define pt_can_have_leaf armv8pt_can_have_leaf

/* [CB] log2 entries of a run: 4K 16 (lookup levels 1-3); 16K 128 (level
 * 3), 32 (level 2); 64K 32 (levels 2, 3); 0: no Contiguous bit there. */
static inline unsigned int armv8pt_contig_lg2(unsigned int level)
{
	if (PT_GRANULE_LG2SZ == 12)
		return level <= 2 ? 4 : 0;
	return PT_GRANULE_LG2SZ == 14 && level == 0 ? 7 : level <= 1 ? 5 : 0;
}

static inline unsigned int
armv8pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	return pts->entry & ARMV8PT_CONT ? armv8pt_contig_lg2(pts->level) : 0;
}
#define pt_entry_num_contig_lg2 armv8pt_entry_num_contig_lg2

static inline pt_vaddr_t armv8pt_possible_sizes(const struct pt_state *pts)
{
	unsigned int isz_lg2 = ARMV8PT_ISZ(pts->level);
	unsigned int c_lg2 = armv8pt_contig_lg2(pts->level);

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
	return log2_set_mod(armv8pt_get_oa(pts->entry), 0,
			    ARMV8PT_ISZ(pts->level) +
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
	unsigned int isz_lg2 = ARMV8PT_ISZ(pts->level);
	unsigned int i, n = (unsigned int)log2_to_int(oasz_lg2 - isz_lg2);
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = attrs->descriptor_bits | ARMV8PT_VALID |
		    (pts->level == 0 ? ARMV8PT_TYPE : 0) |
		    (n != 1 ? ARMV8PT_CONT : 0);

	for (i = 0; i != n; i++)
		WRITE_ONCE(tablep[i],
			   entry | armv8pt_oa_bits(oa + log2_mul(i, isz_lg2)));
	pts->entry = entry | armv8pt_oa_bits(oa);
}
#define pt_install_leaf_entry armv8pt_install_leaf_entry

static inline bool armv8pt_install_table(struct pt_state *pts,
					 pt_oaddr_t table_pa,
					 const struct pt_write_attrs *attrs)
{
	/* [MA] APTable/XNTable stay 0: the leaves decide. */
	u64 entry = ARMV8PT_VALID | ARMV8PT_TYPE | armv8pt_oa_bits(table_pa);

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
				  ARMV8PT_OA | ARMV8PT_OA_HI |
				  GENMASK_ULL(58, 55));

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

/* A TTBR1 table translates the upper range: VA[63:IAS] all ones. */
static inline pt_vaddr_t armv8pt_full_va_prefix(const struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_TTBR1) ? ~(pt_vaddr_t)0 : 0;
}
#define pt_full_va_prefix armv8pt_full_va_prefix

static inline unsigned int
armv8pt_max_oa_lg2(const struct pt_common *common)
{
	/* NULL: the format's limit, with FEAT_LPA where the granule has it. */
	if (!common)
		return PT_MAX_OUTPUT_ADDRESS_LG2;
	return pt_feature(common, PT_FEAT_ARMV8_LPA) ? 52 : 48;
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
	u64 bits = ARMV8PT_AF | (dbm ? ARMV8PT_DBM : 0) |
		   FIELD_PREP(ARMV8PT_SH, cache ? ARMV8PT_SH_IS : ARMV8PT_SH_OS);

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

static inline int armv8pt_iommu_fmt_init(struct pt_iommu_armv8 *table,
					 const struct pt_iommu_armv8_cfg *cfg)
{
	struct pt_common *common = &table->armpt.common;
	unsigned int vasz = common->max_vasz_lg2, level = 0;
	bool s2 = armv8pt_s2(common);

	if ((cfg->granule_sizes &&
	     !(cfg->granule_sizes & log2_to_int(PT_GRANULE_LG2SZ))) ||
	    (s2 ? pt_feature(common, PT_FEAT_ARMV8_TTBR1) ||
			  pt_feature(common, PT_FEAT_ARMV8_NS) :
		  pt_feature(common, PT_FEAT_ARMV8_S2FWB)))
		return -EINVAL;
	/*
	 * [IA] 64K only: a 52-bit stage 1 input needs FEAT_LVA, a 52-bit
	 * stage 2 IPA FEAT_LPA; otherwise, and when no size is asked for,
	 * 48 bits (TxSZ >= 16).
	 */
	if (pt_feature(common, PT_FEAT_ARMV8_LVA) &&
	    (s2 || PT_GRANULE_LG2SZ != 16))
		return -EOPNOTSUPP;
	if (vasz > 48 &&
	    (!cfg->common.hw_max_vasz_lg2 ||
	     !pt_feature(common, s2 ? PT_FEAT_ARMV8_LPA : PT_FEAT_ARMV8_LVA)))
		vasz = 48;
	if (vasz < 16 || vasz <= PT_GRANULE_LG2SZ)
		return -EINVAL;
	while (vasz > ARMV8PT_ISZ(level + 1))
		level++;
	/* [CT] Stage 2 starts a level lower at 2..16 tables if the natural
	 * start resolves <= 4 bits: instead of a level 0 start (16K may not),
	 * or always with s2_concat (not to level 3 with 4K: FEAT_TTST). */
	if (s2 && level && vasz - ARMV8PT_ISZ(level) <= 4 &&
	    (level == 3 ||
	     (cfg->s2_concat && (PT_GRANULE_LG2SZ != 12 || level != 1))))
		level--;
	common->max_vasz_lg2 = (u8)vasz;
	table->armpt.granule_lg2 = PT_GRANULE_LG2SZ;
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init armv8pt_iommu_fmt_init

static inline void
armv8pt_iommu_fmt_hw_info(struct pt_iommu_armv8 *table,
			  const struct pt_range *top_range,
			  struct pt_iommu_armv8_hw_info *info)
{
	const struct pt_common *common = top_range->common;
	unsigned int oasz = common->max_oasz_lg2, level = top_range->top_level;
	unsigned int top_bits = top_range->max_vasz_lg2 - ARMV8PT_ISZ(level);
	/* [REG] TG0: 4K 0, 64K 1, 16K 2; TG1: 16K 1, 4K 2, 64K 3. */
	u64 tg0 = PT_GRANULE_LG2SZ == 12 ? 0 : PT_GRANULE_LG2SZ == 16 ? 1 : 2;
	u64 tg1 = PT_GRANULE_LG2SZ == 12 ? 2 : PT_GRANULE_LG2SZ == 16 ? 3 : 1;
	/* Walks: IRGN[1:0], ORGN[3:2] (1: WB RW-allocate, 0: NC), SH[5:4] */
	u64 walk = pt_feature(common, PT_FEAT_DMA_INCOHERENT) ?
			   ARMV8PT_SH_OS << 4 : 5 | ARMV8PT_SH_IS << 4;
	u64 tsz = 64 - top_range->max_vasz_lg2, pa = info->table_pa =
		virt_to_phys(top_range->top_table);
	/* IPS/PS: 32, 36, 40, 42, 44, 48, 52 bits are 0..6: the smallest fit */
	u64 ips = oasz <= 32 ? 0 : oasz <= 36 ? 1 : oasz <= 40 ? 2 :
		  oasz <= 42 ? 3 : oasz <= 44 ? 4 : oasz <= 48 ? 5 : 6;
	bool dbm = pt_feature(common, PT_FEAT_ARMV8_DBM);

	(void)table;
	/* [REG] BADDR; a 52-bit address keeps BADDR[51:48] in bits[5:2]. */
	info->ttbr = (pa & GENMASK_ULL(47, 1)) |
		     FIELD_PREP(GENMASK_ULL(5, 2), pa >> 48);
	info->start_level = (u8)(3 - level);
	info->mair = armv8pt_s2(common) ? 0 : ARMV8PT_MAIR;
	info->num_start_tables =
		(u8)(1u << (max(top_bits, ARMV8PT_STRIDE + 0u) - ARMV8PT_STRIDE));
	if (armv8pt_s2(common)) {
		/* VTCR_EL2: T0SZ[5:0] SL0[7:6] walk[13:8] TG0[15:14]
		 * PS[18:16] HA 21 HD 22. SL0: 4K 2 - Arm level (level 3:
		 * 0b11, FEAT_TTST); 16K, 64K 3 - Arm level. */
		u64 sl0 = PT_GRANULE_LG2SZ != 12 ? level : level ? level - 1 : 3;

		info->tcr = tsz | sl0 << 6 | walk << 8 | tg0 << 14 | ips << 16 |
			    (dbm ? BIT_ULL(21) | BIT_ULL(22) : 0);
		return;
	}
	/* TCR_ELx T0SZ[5:0] walk[13:8] TG0[15:14]; T1SZ etc. 16 bits up */
	info->tcr = pt_feature(common, PT_FEAT_ARMV8_TTBR1) ?
			    (tsz | walk << 8 | tg1 << 14) << 16 :
			    tsz | walk << 8 | tg0 << 14;
	/* IPS[34:32], HA bit 39, HD bit 40 */
	info->tcr |= ips << 32 | (dbm ? BIT_ULL(39) | BIT_ULL(40) : 0);
}
#define pt_iommu_fmt_hw_info armv8pt_iommu_fmt_hw_info

/*
 * The configurations the KUnit suites (GENERIC_PT_KUNIT) run this format
 * with, and the features they may rely on; features that exclude each
 * other are not all listed.
 */
#if defined(GENERIC_PT_KUNIT)
static const struct pt_iommu_armv8_cfg armv8pt_kunit_fmt_cfgs[] = {
	{ .common.hw_max_vasz_lg2 = 39 },
	{ .common.hw_max_vasz_lg2 = 47 },
	{ .common.features = BIT(PT_FEAT_ARMV8_S2),
	  .common.hw_max_vasz_lg2 = 40 },
};
#define kunit_fmt_cfgs armv8pt_kunit_fmt_cfgs
enum { KUNIT_FMT_FEATURES = BIT(PT_FEAT_ARMV8_S2) };
#endif

#endif
