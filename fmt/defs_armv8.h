/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the ARMv8 format, before pt_defs.h. */
#ifndef __GENERIC_PT_FMT_DEFS_ARMV8_H
#define __GENERIC_PT_FMT_DEFS_ARMV8_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/*
 * What every leaf of one map operation carries besides the valid/type bits,
 * the output address and the Contiguous bit: the lower and upper attributes
 * of a Block/Page descriptor.
 */
struct armv8pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs armv8pt_write_attrs

/*
 * Sections of the Arm ARM (DDI0487, chapters D8 and G5) cited here and in
 * fmt/armv8.h: [TD] "Translation table descriptor formats", [MA] "Memory
 * access control", [XN] "Access permissions for instruction execution", [RA]
 * "Memory region attributes", [AF] "Hardware management of the Access
 * flag", [DS] "Hardware management of the dirty state", [CB] "The
 * Contiguous bit", [CT] "Concatenated translation tables", [IA]/[OA]
 * "Input/Output address size configuration"; [REG] the TCR_ELx, VTCR_EL2,
 * TTBRn_ELx and MAIR_ELx register descriptions; [G5] chapter G5, the
 * VMSAv8-32 long-descriptor format and its TTBCR/VTCR.
 */
#if defined(ARMV8_GRANULE_LG2SZ) && ARMV8_GRANULE_LG2SZ != 12 && \
	ARMV8_GRANULE_LG2SZ != 14 && ARMV8_GRANULE_LG2SZ != 16
#error "A fixed-granule TU sets ARMV8_GRANULE_LG2SZ to 12, 14 or 16"
#endif

/* Bits, [TD] unless noted; the address field is in fmt/armv8.h. */
#define ARMV8PT_VALID BIT_ULL(0)		/* 0: invalid descriptor */
#define ARMV8PT_TYPE BIT_ULL(1)			/* table/page; 0: block */
#define ARMV8PT_S1_ATTRINDX GENMASK_ULL(4, 2)	/* [RA] MAIR index */
#define ARMV8PT_S2_MEMATTR GENMASK_ULL(5, 2)	/* [RA] stage 2 MemAttr */
#define ARMV8PT_S1_NS BIT_ULL(5)		/* [RA] non-secure output */
#define ARMV8PT_S1_AP1 BIT_ULL(6)		/* [MA] AP[1]: EL0 access */
#define ARMV8PT_S1_AP2 BIT_ULL(7)		/* [MA] AP[2]: read-only */
#define ARMV8PT_S2AP_R BIT_ULL(6)		/* [MA] S2AP[0]: read */
#define ARMV8PT_S2AP_W BIT_ULL(7)		/* [MA] S2AP[1]: write */
#define ARMV8PT_SH GENMASK_ULL(9, 8)		/* [RA] SH; LPA2: OA[51:50] */
#define ARMV8PT_AF BIT_ULL(10)			/* [AF] Access flag */
#define ARMV8PT_S1_NG BIT_ULL(11)		/* [TD] not global (ASID) */
#define ARMV8PT_OA_HI GENMASK_ULL(15, 12)	/* [TD] 64K LPA: OA[51:48] */
#define ARMV8PT_DBM BIT_ULL(51)			/* [DS] Dirty Bit Modifier */
#define ARMV8PT_CONT BIT_ULL(52)		/* [CB] Contiguous */
#define ARMV8PT_S1_PXN BIT_ULL(53)		/* [XN] privileged XN */
#define ARMV8PT_S1_UXN BIT_ULL(54)		/* [XN] unprivileged XN */
#define ARMV8PT_S2_XN1 BIT_ULL(54)		/* [XN] XN[1:0]=0b10: none */
#define ARMV8PT_S1_NSTABLE BIT_ULL(63)		/* [TD] table: NS below */

/* [RA] SH values; stage 2 MemAttr (also FEAT_S2FWB's); stage 1 indexes. */
#define ARMV8PT_SH_OS 2u
#define ARMV8PT_SH_IS 3u
#define ARMV8PT_S2_DEVICE 0x1u	/* Device-nGnRE, with or without FWB */
#define ARMV8PT_S2_NC 0x5u	/* Normal non-cacheable, likewise */
#define ARMV8PT_S2_WB 0xfu	/* Normal inner/outer write-back */
#define ARMV8PT_S2_FWB_WB 0x6u	/* FWB: forced Normal write-back */
/*
 * [REG] The MAIR this format's stage 1 leaves index, in the order drivers
 * already program (io-pgtable's and the kernel's): Attr0 0x44 Normal
 * non-cacheable, Attr1 0xff Normal write-back, Attr2 0x04 Device-nGnRE,
 * Attr3 0xf4 Normal inner non-cacheable / outer write-back (not used by
 * any leaf here, present so the value is the same register setting).
 */
#define ARMV8PT_IDX_NC 0u
#define ARMV8PT_IDX_WB 1u
#define ARMV8PT_IDX_DEV 2u
#define ARMV8PT_IDX_INC_OWB 3u
#define ARMV8PT_MAIR 0xf404ff44ULL

#endif
