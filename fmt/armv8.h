/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Arm VMSAv8-64 long-descriptor translation tables, stage 1 and stage 2, for
 * the 4K, 16K and 64K granules: the template TU sets ARMV8_GRANULE_LG2SZ
 * (12, 14, 16) and PT_FMT_VARIANT (4k, 16k, 64k) and includes this header.
 *
 * Source: Arm Architecture Reference Manual for A-profile architecture,
 * DDI0487, chapter D8 "The AArch64 Virtual Memory System Architecture":
 * "Translation table descriptor formats" (table, block and page
 * descriptors), "Memory access control" (AP, S2AP, execute-never), "Memory
 * region attributes" (AttrIndx, MemAttr, SH), "The Contiguous bit",
 * "Hardware updates to the translation tables" (AF, DBM), "Concatenated
 * translation tables", and the TCR_ELx, VTCR_EL2 and TTBRn register
 * descriptions (chapter D19/D23 by manual issue).
 *
 * Our level L is the manual's lookup level 3 - L: level 0 holds pages.
 * A full table is one granule of 2^(granule - 3) descriptors. The start
 * table resolves what the input size leaves: fewer bits at stage 1, up to 4
 * more at stage 2 (up to 16 concatenated tables, sized at init).
 */
#ifndef __GENERICPT_FMT_ARMV8_H
#define __GENERICPT_FMT_ARMV8_H

#include "defs_armv8.h"
#include "../generic_pt/pt_defs.h"

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#if ARMV8_GRANULE_LG2SZ != 12 && ARMV8_GRANULE_LG2SZ != 14 && \
	ARMV8_GRANULE_LG2SZ != 16
#error "ARMV8_GRANULE_LG2SZ must be 12, 14 or 16"
#endif

enum {
	PT_ITEM_WORD_SIZE = sizeof(u64),
	PT_GRANULE_LG2SZ = ARMV8_GRANULE_LG2SZ,
	PT_TABLEMEM_LG2SZ = ARMV8_GRANULE_LG2SZ,
	/* D8 "Input address size configuration": 52 bits is FEAT_LVA, 64K. */
	PT_MAX_VA_ADDRESS_LG2 = ARMV8_GRANULE_LG2SZ == 16 ? 52 : 48,
	/* D8 "Output address size configuration": 52 bits is FEAT_LPA, 64K. */
	PT_MAX_OUTPUT_ADDRESS_LG2 = ARMV8_GRANULE_LG2SZ == 16 ? 52 : 48,
	/* Lookup level 0 (4K, 16K); the 64K granule starts at level 1. */
	PT_MAX_TOP_LEVEL = ARMV8_GRANULE_LG2SZ == 16 ? 2 : 3,
	ARMV8PT_STRIDE = ARMV8_GRANULE_LG2SZ - 3,
};

/* D8 "Translation table descriptor formats" and the sections named. */
enum {
	ARMV8PT_VALID = BIT_ULL(0),	/* 0: invalid descriptor */
	ARMV8PT_TYPE = BIT_ULL(1),	/* table (levels 0-2), page (level 3) */
	ARMV8PT_S1_ATTRINDX = GENMASK_ULL(4, 2), /* "Memory region attr." */
	ARMV8PT_S2_MEMATTR = GENMASK_ULL(5, 2),	/* stage 2 MemAttr[3:0] */
	ARMV8PT_S1_NS = BIT_ULL(5),	/* stage 1 NS, Secure state only */
	ARMV8PT_S1_AP1 = BIT_ULL(6),	/* "Memory access control": EL0 */
	ARMV8PT_S1_AP2 = BIT_ULL(7),	/* ... read-only */
	ARMV8PT_S2AP_R = BIT_ULL(6),	/* stage 2 S2AP[0]: read */
	ARMV8PT_S2AP_W = BIT_ULL(7),	/* stage 2 S2AP[1]: write */
	ARMV8PT_SH = GENMASK_ULL(9, 8),	/* shareability, 0b01 reserved */
	ARMV8PT_AF = BIT_ULL(10),	/* Access flag */
	ARMV8PT_S1_NG = BIT_ULL(11),	/* stage 1 not-global (ASID) */
	ARMV8PT_OA_HI = GENMASK_ULL(15, 12), /* 64K + FEAT_LPA: OA[51:48] */
	ARMV8PT_OA = GENMASK_ULL(47, ARMV8_GRANULE_LG2SZ),
	ARMV8PT_DBM = BIT_ULL(51),	/* "Hardware management of dirty st." */
	ARMV8PT_CONT = BIT_ULL(52),	/* "The Contiguous bit" */
	ARMV8PT_S1_PXN = BIT_ULL(53),	/* "Access permissions for instr." */
	ARMV8PT_S1_UXN = BIT_ULL(54),
	ARMV8PT_S2_XN1 = BIT_ULL(54),	/* XN[1:0] = 0b10: no execution */
	ARMV8PT_S1_NSTABLE = BIT_ULL(63), /* table: lower levels NS */
};

/* D8 "Memory region attributes": SH[1:0] and stage 2 MemAttr values. */
#define ARMV8PT_SH_OS 2u
#define ARMV8PT_SH_IS 3u
#define ARMV8PT_S2_DEVICE 0x1u	/* Device-nGnRE (also with FWB) */
#define ARMV8PT_S2_NC 0x5u	/* Normal non-cacheable (also with FWB) */
#define ARMV8PT_S2_WB 0xfu	/* Normal inner/outer write-back */
#define ARMV8PT_S2_FWB_WB 0x6u	/* FEAT_S2FWB: forced Normal write-back */
/* Stage 1 AttrIndx values; hw_info.mair holds the matching MAIR. */
#define ARMV8PT_IDX_WB 0u	/* MAIR 0xff: Normal WB RW-allocate */
#define ARMV8PT_IDX_NC 1u	/* MAIR 0x44: Normal non-cacheable */
#define ARMV8PT_IDX_DEV 2u	/* MAIR 0x04: Device-nGnRE */
#define ARMV8PT_MAIR 0x0444ffULL

static inline bool armv8pt_s2(const struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_S2);
}

/* OA/table address field; 64K keeps OA[51:48] in bits[15:12] (LPA). */
static inline pt_oaddr_t armv8pt_get_oa(u64 entry)
{
	pt_oaddr_t oa = entry & ARMV8PT_OA;

	if (PT_GRANULE_LG2SZ == 16)
		oa |= (pt_oaddr_t)FIELD_GET(ARMV8PT_OA_HI, entry) << 48;
	return oa;
}

static inline u64 armv8pt_oa_bits(pt_oaddr_t oa)
{
	u64 bits = oa & ARMV8PT_OA;

	if (PT_GRANULE_LG2SZ == 16)
		bits |= FIELD_PREP(ARMV8PT_OA_HI, oa >> 48);
	return bits;
}

static inline pt_oaddr_t armv8pt_table_pa(const struct pt_state *pts)
{
	return armv8pt_get_oa(pts->entry);
}
#define pt_table_pa armv8pt_table_pa

static inline unsigned int pt_table_item_lg2sz(const struct pt_state *pts);

static inline unsigned int armv8pt_num_items_lg2(const struct pt_state *pts)
{
	/* The start table resolves the input bits left above its items. */
	if (pts->level == pts->range->top_level)
		return pts->range->max_vasz_lg2 - pt_table_item_lg2sz(pts);
	return ARMV8PT_STRIDE;
}
#define pt_num_items_lg2 armv8pt_num_items_lg2

/* Start table bytes: at least 64, the TTBR/VTTBR BADDR alignment. */
static inline unsigned int armv8pt_top_memsize_lg2(const struct pt_common *common,
						   unsigned int top_level)
{
	unsigned int isz = PT_GRANULE_LG2SZ + ARMV8PT_STRIDE * top_level;

	return max(6u, (unsigned int)common->max_vasz_lg2 - isz + 3);
}
#define pt_top_memsize_lg2 armv8pt_top_memsize_lg2

/*
 * Blocks (D8 "Block descriptor and Page descriptor formats"): 4K at lookup
 * levels 1 and 2, 16K at level 2, 64K at level 2 and with FEAT_LPA level 1.
 */
static inline bool armv8pt_can_have_leaf(const struct pt_state *pts)
{
	if (pts->level <= 1)
		return true;
	if (pts->level == 2)
		return PT_GRANULE_LG2SZ == 12 ||
		       (PT_GRANULE_LG2SZ == 16 &&
			pts_feature(pts, PT_FEAT_ARMV8_LPA));
	return false;
}
#define pt_can_have_leaf armv8pt_can_have_leaf

/*
 * "The Contiguous bit": log2 of the descriptors in one run. 4K: 16 at
 * lookup levels 1-3; 16K: 128 at level 3, 32 at level 2; 64K: 32 at
 * levels 2 and 3. 0 where the bit is not supported.
 */
static inline unsigned int armv8pt_contig_lg2(unsigned int level)
{
	if (PT_GRANULE_LG2SZ == 12)
		return level <= 2 ? 4 : 0;
	if (PT_GRANULE_LG2SZ == 14)
		return level == 0 ? 7 : level == 1 ? 5 : 0;
	return level <= 1 ? 5 : 0;
}

static inline unsigned int
armv8pt_entry_num_contig_lg2(const struct pt_state *pts)
{
	if (!(pts->entry & ARMV8PT_CONT))
		return 0;
	return armv8pt_contig_lg2(pts->level);
}
#define pt_entry_num_contig_lg2 armv8pt_entry_num_contig_lg2

static inline pt_vaddr_t armv8pt_possible_sizes(const struct pt_state *pts)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	unsigned int c_lg2 = armv8pt_contig_lg2(pts->level);
	pt_vaddr_t sizes;

	if (!armv8pt_can_have_leaf(pts))
		return 0;
	sizes = log2_to_int(isz_lg2);
	/* A run never crosses a table: a small start table may lack room. */
	if (c_lg2 && c_lg2 <= armv8pt_num_items_lg2(pts))
		sizes |= log2_to_int(isz_lg2 + c_lg2);
	return sizes;
}
#define pt_possible_sizes armv8pt_possible_sizes

/* The first byte of the whole (contiguous) leaf. */
static inline pt_oaddr_t armv8pt_entry_oa(const struct pt_state *pts)
{
	return log2_set_mod(armv8pt_get_oa(pts->entry), 0,
			    pt_table_item_lg2sz(pts) +
				    armv8pt_entry_num_contig_lg2(pts));
}
#define pt_entry_oa armv8pt_entry_oa

static inline enum pt_entry_type armv8pt_load_entry_raw(struct pt_state *pts)
{
	const u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	pts->entry = READ_ONCE(*tablep);
	if (!(pts->entry & ARMV8PT_VALID))
		return PT_ENTRY_EMPTY;
	if (pts->level == 0 || !(pts->entry & ARMV8PT_TYPE))
		return PT_ENTRY_OA;
	return PT_ENTRY_TABLE;
}
#define pt_load_entry_raw armv8pt_load_entry_raw

/*
 * A contiguous run is 2^n descriptors, each with the Contiguous bit, the
 * same attributes and its own consecutive output address.
 */
static inline void armv8pt_install_leaf_entry(struct pt_state *pts,
					      pt_oaddr_t oa,
					      unsigned int oasz_lg2,
					      const struct pt_write_attrs *attrs)
{
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	unsigned int n = (unsigned int)log2_to_int(oasz_lg2 - isz_lg2);
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;
	u64 entry = attrs->descriptor_bits | ARMV8PT_VALID;
	unsigned int i;

	if (pts->level == 0)
		entry |= ARMV8PT_TYPE;
	if (n != 1)
		entry |= ARMV8PT_CONT;
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
	/* APTable/XNTable stay 0: the leaves decide ("Hierarchical perm."). */
	u64 entry = ARMV8PT_VALID | ARMV8PT_TYPE | armv8pt_oa_bits(table_pa);

	(void)attrs;
	if (pts_feature(pts, PT_FEAT_ARMV8_NS))
		entry |= ARMV8PT_S1_NSTABLE;
	return pt_table_install64(pts, entry);
}
#define pt_install_table armv8pt_install_table

/* The write-permission bit that DBM toggles, and its writable value. */
static inline u64 armv8pt_wbit(const struct pt_common *common)
{
	return armv8pt_s2(common) ? ARMV8PT_S2AP_W : ARMV8PT_S1_AP2;
}

/* D8 "Hardware management of the dirty state": AP[2]=0 / S2AP[1]=1. */
static inline bool armv8pt_dirty(const struct pt_common *common, u64 entry)
{
	if (armv8pt_s2(common))
		return entry & ARMV8PT_S2AP_W;
	return !(entry & ARMV8PT_S1_AP2);
}

/* Flip a DBM leaf between writable-clean and writable-dirty. */
static inline u64 armv8pt_set_dirty(const struct pt_common *common, u64 entry,
				    bool dirty)
{
	if (dirty == armv8pt_s2(common))
		return entry | armv8pt_wbit(common);
	return entry & ~armv8pt_wbit(common);
}

static inline void armv8pt_attr_from_entry(const struct pt_state *pts,
					   struct pt_write_attrs *attrs)
{
	u64 bits = pts->entry & ~(ARMV8PT_VALID | ARMV8PT_TYPE | ARMV8PT_CONT |
				  ARMV8PT_OA | ARMV8PT_OA_HI);

	/* As mapped: a DBM leaf is written writable-clean. */
	if (bits & ARMV8PT_DBM)
		bits = armv8pt_set_dirty(pts->range->common, bits, false);
	attrs->descriptor_bits = bits;
}
#define pt_attr_from_entry armv8pt_attr_from_entry

/*
 * Dirty tracking: hardware marks each descriptor of a contiguous run on its
 * own, so test and clean them all. A leaf without DBM is left alone: a
 * writable one stays writable (always dirty), a read-only one read-only.
 */
static inline u64 *armv8pt_first_item(const struct pt_state *pts)
{
	return pt_cur_table(pts, u64) +
	       log2_set_mod(pts->index, 0, armv8pt_entry_num_contig_lg2(pts));
}

static inline bool armv8pt_entry_is_write_dirty(const struct pt_state *pts)
{
	unsigned int n = (unsigned int)log2_to_int(
		armv8pt_entry_num_contig_lg2(pts));
	const u64 *tablep = armv8pt_first_item(pts);
	unsigned int i;

	for (i = 0; i != n; i++)
		if (armv8pt_dirty(pts->range->common, READ_ONCE(tablep[i])))
			return true;
	return false;
}
#define pt_entry_is_write_dirty armv8pt_entry_is_write_dirty

static inline void armv8pt_entry_make_write_clean(struct pt_state *pts)
{
	const struct pt_common *common = pts->range->common;
	unsigned int n = (unsigned int)log2_to_int(
		armv8pt_entry_num_contig_lg2(pts));
	u64 *tablep = armv8pt_first_item(pts);
	unsigned int i;

	for (i = 0; i != n; i++) {
		u64 old = READ_ONCE(tablep[i]);

		while ((old & ARMV8PT_DBM) && armv8pt_dirty(common, old) &&
		       !try_cmpxchg64(&tablep[i], &old,
				      armv8pt_set_dirty(common, old, false)))
			;
	}
}
#define pt_entry_make_write_clean armv8pt_entry_make_write_clean

static inline bool armv8pt_entry_make_write_dirty(struct pt_state *pts)
{
	u64 *tablep = pt_cur_table(pts, u64) + pts->index;

	if (!(pts->entry & ARMV8PT_DBM))
		return true;
	return try_cmpxchg64(tablep, &pts->entry,
			     armv8pt_set_dirty(pts->range->common, pts->entry,
					       true));
}
#define pt_entry_make_write_dirty armv8pt_entry_make_write_dirty

/* A TTBR1 table translates the upper range: VA[63:IAS] all ones. */
static inline pt_vaddr_t armv8pt_full_va_prefix(const struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_TTBR1) ? ~(pt_vaddr_t)0 : 0;
}
#define pt_full_va_prefix armv8pt_full_va_prefix

static inline unsigned int
armv8pt_max_output_address_lg2(const struct pt_common *common)
{
	return pt_feature(common, PT_FEAT_ARMV8_LPA) ? 52 : 48;
}
#define pt_max_output_address_lg2 armv8pt_max_output_address_lg2

/* Table addresses must fit the output size: below 48 bits, go low. */
static inline gfp_t armv8pt_table_gfp_flags(const struct pt_common *common)
{
	return common->max_oasz_lg2 < 48 ? __GFP_DMA32 : 0;
}
#define pt_table_gfp_flags armv8pt_table_gfp_flags

/* ---- IOMMU glue ---- */

#define pt_iommu_table pt_iommu_armv8
#define pt_iommu_table_cfg pt_iommu_armv8_cfg
#define pt_iommu_table_hw_info pt_iommu_armv8_hw_info

static inline struct pt_common *common_from_iommu(struct pt_iommu *iommu_table)
{
	return &container_of(iommu_table, struct pt_iommu_armv8, iommu)
			->armpt.common;
}

static inline int armv8pt_iommu_set_prot(struct pt_common *common,
					 struct pt_write_attrs *attrs,
					 unsigned int iommu_prot)
{
	bool cache = (iommu_prot & IOMMU_CACHE) && !(iommu_prot & IOMMU_MMIO);
	/* AF preset: no Access flag faults, no hardware AF updates needed. */
	u64 bits = ARMV8PT_AF | FIELD_PREP(ARMV8PT_SH, cache ? ARMV8PT_SH_IS :
							       ARMV8PT_SH_OS);
	bool dbm = pt_feature(common, PT_FEAT_ARMV8_DBM) &&
		   (iommu_prot & IOMMU_WRITE);

	if (armv8pt_s2(common)) {
		unsigned int attr = ARMV8PT_S2_NC;

		if (iommu_prot & IOMMU_MMIO)
			attr = ARMV8PT_S2_DEVICE;
		else if (cache)
			attr = pt_feature(common, PT_FEAT_ARMV8_S2FWB) ?
				       ARMV8PT_S2_FWB_WB : ARMV8PT_S2_WB;
		bits |= FIELD_PREP(ARMV8PT_S2_MEMATTR, attr);
		if (iommu_prot & IOMMU_READ)
			bits |= ARMV8PT_S2AP_R;
		/* Writable-clean: S2AP[1] = 0 with DBM. */
		if (iommu_prot & IOMMU_WRITE)
			bits |= dbm ? ARMV8PT_DBM : ARMV8PT_S2AP_W;
		if (iommu_prot & IOMMU_NOEXEC)
			bits |= ARMV8PT_S2_XN1;
	} else {
		unsigned int idx = ARMV8PT_IDX_NC;

		if (iommu_prot & IOMMU_MMIO)
			idx = ARMV8PT_IDX_DEV;
		else if (cache)
			idx = ARMV8PT_IDX_WB;
		/* Stage 1 cannot deny reads: write-only maps read/write. */
		bits |= FIELD_PREP(ARMV8PT_S1_ATTRINDX, idx) | ARMV8PT_S1_NG;
		if (!(iommu_prot & IOMMU_PRIV))
			bits |= ARMV8PT_S1_AP1;
		/* Writable-clean: AP[2] = 1 with DBM. */
		if (!(iommu_prot & IOMMU_WRITE) || dbm)
			bits |= ARMV8PT_S1_AP2;
		if (dbm)
			bits |= ARMV8PT_DBM;
		if (iommu_prot & IOMMU_NOEXEC)
			bits |= ARMV8PT_S1_UXN | ARMV8PT_S1_PXN;
		if (pt_feature(common, PT_FEAT_ARMV8_NS))
			bits |= ARMV8PT_S1_NS;
	}
	attrs->descriptor_bits = bits;
	return 0;
}
#define pt_iommu_set_prot armv8pt_iommu_set_prot

static inline int armv8pt_iommu_fmt_init(struct pt_iommu_armv8 *table,
					 const struct pt_iommu_armv8_cfg *cfg)
{
	struct pt_common *common = &table->armpt.common;
	unsigned int vasz = common->max_vasz_lg2;
	bool s2 = armv8pt_s2(common);
	unsigned int level = 0;

	if (cfg->granule_sizes &&
	    !(cfg->granule_sizes & log2_to_int(PT_GRANULE_LG2SZ)))
		return -EINVAL;
	if (s2 ? pt_feature(common, PT_FEAT_ARMV8_TTBR1) ||
			 pt_feature(common, PT_FEAT_ARMV8_NS) :
		 pt_feature(common, PT_FEAT_ARMV8_S2FWB))
		return -EINVAL;
	/* 52-bit input (FEAT_LVA) only when asked for. */
	if (!cfg->common.hw_max_vasz_lg2 && vasz > 48)
		vasz = 48;
	/* TxSZ at most 48 (47 for 64K): FEAT_TTST. */
	if (vasz < 16 || vasz <= PT_GRANULE_LG2SZ)
		return -EINVAL;
	while (vasz > PT_GRANULE_LG2SZ + ARMV8PT_STRIDE * (level + 1))
		level++;
	/*
	 * "Concatenated translation tables": a stage 2 walk may start one
	 * level lower at up to 16 tables, i.e. when the natural start table
	 * resolves at most 4 bits. Done for a level 0 start (16K cannot start
	 * there), or everywhere with s2_concat (4K never down to level 3).
	 */
	if (s2 && level && (level == 3 || (cfg->s2_concat &&
					   (PT_GRANULE_LG2SZ != 12 || level != 1))) &&
	    vasz - (PT_GRANULE_LG2SZ + ARMV8PT_STRIDE * level) <= 4)
		level--;
	common->max_vasz_lg2 = (u8)vasz;
	table->armpt.granule_lg2 = PT_GRANULE_LG2SZ;
	pt_top_set_level(common, level);
	return 0;
}
#define pt_iommu_fmt_init armv8pt_iommu_fmt_init

/* TCR_ELx.IPS / VTCR_EL2.PS: the smallest encoding holding the OAS. */
static inline u64 armv8pt_ips(unsigned int oasz_lg2)
{
	/* 0b000 32, 0b001 36, 0b010 40, 0b011 42, 0b100 44, 0b101 48, 0b110 52 */
	if (oasz_lg2 <= 40)
		return oasz_lg2 <= 32 ? 0 : oasz_lg2 <= 36 ? 1 : 2;
	if (oasz_lg2 <= 44)
		return oasz_lg2 <= 42 ? 3 : 4;
	return oasz_lg2 <= 48 ? 5 : 6;
}

static inline void
armv8pt_iommu_fmt_hw_info(struct pt_iommu_armv8 *table,
			  const struct pt_range *top_range,
			  struct pt_iommu_armv8_hw_info *info)
{
	const struct pt_common *common = top_range->common;
	unsigned int arm_level = 3 - top_range->top_level;
	unsigned int top_bits = top_range->max_vasz_lg2 -
				(PT_GRANULE_LG2SZ +
				 ARMV8PT_STRIDE * top_range->top_level);
	/* TG0: 4K 0b00, 64K 0b01, 16K 0b10; TG1: 16K 0b01, 4K 0b10, 64K 0b11 */
	u64 tg0 = PT_GRANULE_LG2SZ == 12 ? 0 : PT_GRANULE_LG2SZ == 16 ? 1 : 2;
	u64 tg1 = PT_GRANULE_LG2SZ == 12 ? 2 : PT_GRANULE_LG2SZ == 16 ? 3 : 1;
	/* IRGN, ORGN (0b01 write-back RW-allocate / 0b00 NC) and SH. */
	u64 walk = pt_feature(common, PT_FEAT_DMA_INCOHERENT) ?
			   (u64)ARMV8PT_SH_OS << 4 :
			   1 | 1 << 2 | (u64)ARMV8PT_SH_IS << 4;
	u64 tsz = 64 - top_range->max_vasz_lg2;
	bool dbm = pt_feature(common, PT_FEAT_ARMV8_DBM);
	u64 pa = virt_to_phys(top_range->top_table);

	(void)table;
	info->table_pa = pa;
	/* TTBRn/VTTBR BADDR, with BADDR[51:48] in bits[5:2] (LPA, 64K). */
	info->ttbr = (pa & GENMASK_ULL(47, 1)) |
		     FIELD_PREP(GENMASK_ULL(5, 2), pa >> 48);
	info->start_level = (u8)arm_level;
	info->num_start_tables =
		(u8)(1u << (top_bits > ARMV8PT_STRIDE ? top_bits -
								ARMV8PT_STRIDE :
							0));
	if (armv8pt_s2(common)) {
		/* VTCR_EL2.SL0: 4K 2-level (0b11 = level 3); others 3-level. */
		u64 sl0 = PT_GRANULE_LG2SZ == 12 ?
				  (arm_level == 3 ? 3 : 2 - arm_level) :
				  3 - arm_level;

		/* T0SZ, SL0[7:6], IRGN0..SH0[13:8], TG0[15:14], PS[18:16]. */
		info->tcr = tsz | sl0 << 6 | walk << 8 | tg0 << 14 |
			    armv8pt_ips(common->max_oasz_lg2) << 16;
		if (dbm) /* HA bit 21, HD bit 22 */
			info->tcr |= BIT_ULL(21) | BIT_ULL(22);
		info->mair = 0;
		return;
	}
	/* TCR_ELx: T0SZ[5:0] IRGN0..SH0[13:8] TG0[15:14]; T1SZ[21:16] ... */
	if (pt_feature(common, PT_FEAT_ARMV8_TTBR1))
		info->tcr = (tsz | walk << 8 | tg1 << 14) << 16;
	else
		info->tcr = tsz | walk << 8 | tg0 << 14;
	info->tcr |= armv8pt_ips(common->max_oasz_lg2) << 32;
	if (dbm) /* HA bit 39, HD bit 40 */
		info->tcr |= BIT_ULL(39) | BIT_ULL(40);
	info->mair = ARMV8PT_MAIR;
}
#define pt_iommu_fmt_hw_info armv8pt_iommu_fmt_hw_info

#endif
