/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The part of a generic page table that every format shares, and the
 * per-format structures that embed it.
 *
 * A page table is described by struct pt_common: where its top table is,
 * how many VA and OA bits it translates, and which features are switched on.
 * Each format wraps it in its own struct pt_FMT so format code can reach
 * format-private state through container_of().
 */
#ifndef __GENERIC_PT_COMMON_H
#define __GENERIC_PT_COMMON_H

#include <linux/types.h>
#include <linux/bits.h>

/**
 * struct pt_common - state shared by every page-table format
 * @top_of_table: the top table's virtual address with the top level packed
 *     into the low PT_TOP_LEVEL_BITS bits. Packing both into one word lets a
 *     lockless reader take a consistent (table, level) pair with a single
 *     READ_ONCE() while the dynamic-top feature grows the table.
 * @max_oasz_lg2: log2 of the highest output address + 1 this table may hold.
 * @max_vasz_lg2: log2 of the size of the VA space the table translates.
 * @features: bitmap of enum pt_features in force for this table.
 * @arena_domain: genericpt only (not in the kernel's struct): 0 when the
 *     table memory is the process heap, which only this library writes.
 *     Otherwise the table lives in an arena (<genericpt/arena.h>) that
 *     someone else may write too, and this is the runtime's handle for the
 *     table there: every table pointer read from table memory is checked
 *     against the runtime's bookkeeping before it is followed
 *     (pt_table_ptr()), and deinit frees from that bookkeeping.
 */
struct pt_common {
	uintptr_t top_of_table;
	u8 max_oasz_lg2;
	u8 max_vasz_lg2;
	unsigned int features;
	u32 arena_domain;
};

/* The top level lives in the low bits of top_of_table. */
enum {
	PT_TOP_LEVEL_BITS = 3,
	PT_TOP_LEVEL_MASK = 0x7,
};

/**
 * enum pt_features - optional behaviours of a page table
 * @PT_FEAT_DMA_INCOHERENT: the walker does not snoop the CPU cache; every
 *     table write is passed to the cache-flush hook before the walker may
 *     read it.
 * @PT_FEAT_FULL_VA: the table translates the whole 64-bit VA space.
 * @PT_FEAT_DYNAMIC_TOP: map may add levels above the current top; the driver
 *     is told through pt_iommu_driver_ops::change_top.
 * @PT_FEAT_SIGN_EXTEND: the VA space is split in a lower and an upper half,
 *     the upper half being the sign extension of the top VA bit.
 * @PT_FEAT_FLUSH_RANGE: the IOTLB is invalidated by range; the gather keeps
 *     one range covering every change (gaps included).
 * @PT_FEAT_FLUSH_RANGE_NO_GAPS: as FLUSH_RANGE but a gathered range must not
 *     cover unchanged space: a disjoint change syncs the gather first.
 * @PT_FEAT_DETAILED_GATHER: the gather also says which levels changed:
 *     iommu_iotlb_gather::pt.leaf_levels_bitmap (levels whose leaves were
 *     removed, or had their dirty state cleared) and
 *     pt.table_levels_bitmap (levels of the table entries that were
 *     removed, so never bit 0; non-zero exactly when tables are freed).
 *     They share storage with the gather's pgsize, which is then not set.
 * @PT_FEAT_FMT_START: first bit of the format-specific features.
 */
enum pt_features {
	PT_FEAT_DMA_INCOHERENT,
	PT_FEAT_FULL_VA,
	PT_FEAT_DYNAMIC_TOP,
	PT_FEAT_SIGN_EXTEND,
	PT_FEAT_FLUSH_RANGE,
	PT_FEAT_FLUSH_RANGE_NO_GAPS,
	PT_FEAT_DETAILED_GATHER,
	PT_FEAT_FMT_START,
};

/* AMD IOMMU v1 host page table. */
struct pt_amdv1 {
	struct pt_common common;
};

enum {
	/* Set the memory-encryption (C) bit in table pointers and leaves. */
	PT_FEAT_AMDV1_ENCRYPT_TABLES = PT_FEAT_FMT_START,
	/* Set FC (force coherent) in every leaf. */
	PT_FEAT_AMDV1_FORCE_COHERENCE,
};

/* x86-64 4/5 level paging (AMD IOMMU v2, VT-d first stage). */
struct pt_x86_64 {
	struct pt_common common;
};

enum {
	/* Set the memory-encryption (C) bit in table pointers and leaves. */
	PT_FEAT_X86_64_AMD_ENCRYPT_TABLES = PT_FEAT_FMT_START,
};

/* Intel VT-d second-stage table. */
struct pt_vtdss {
	struct pt_common common;
};

enum {
	/* Set SNP in leaves so DMA snoops regardless of the request. */
	PT_FEAT_VTDSS_FORCE_COHERENCE = PT_FEAT_FMT_START,
	/*
	 * Refuse read-only leaves (map fails with -EINVAL): the workaround
	 * for erratum SPR17 772415 on tables that are nesting parents.
	 */
	PT_FEAT_VTDSS_FORCE_WRITEABLE,
};

/* RISC-V Sv32 (riscv_32) and Sv39/Sv48/Sv57 (riscv_64). */
struct pt_riscv_32 {
	struct pt_common common;
};

struct pt_riscv_64 {
	struct pt_common common;
};

enum {
	/* Use Svnapot 64 KiB contiguous leaves (riscv_64). */
	PT_FEAT_RISCV_SVNAPOT_64K = PT_FEAT_FMT_START,
	/* Svpbmt: IOMMU_MMIO leaves get PBMT=IO, non-IOMMU_CACHE ones NC. */
	PT_FEAT_RISCV_SVPBMT,
	/*
	 * The IOMMU updates A/D itself (DC.tc.SADE / GADE): leaves are written
	 * with D clear and dirty tracking works. Without it D is preset in
	 * writable leaves, since a write to a clean leaf would fault.
	 */
	PT_FEAT_RISCV_HW_AD,
	/*
	 * G-stage (iohgatp) table: Sv39x4/Sv48x4/Sv57x4, a 16 KiB root with
	 * two more VA bits, zero-extended VA, every leaf U=1 (riscv_64).
	 */
	PT_FEAT_RISCV_GSTAGE,
	/* Set G in leaves: the translations are global to all PSCIDs. */
	PT_FEAT_RISCV_GLOBAL,
};

/**
 * struct pt_armv8 - VMSAv8-64 (and VMSAv8-32 long) descriptor tables
 * @common: the generic part
 * @granule_lg2sz: translation granule of the table, log2 bytes (12, 14 or
 *     16), set at init from pt_iommu_armv8_cfg.granule_lg2sz; the fixed
 *     granule libraries (armv8_4k/16k/64k) set their own.
 *
 * The number of concatenated stage 2 start tables is not stored: it follows
 * from common.max_vasz_lg2 and the top level.
 */
struct pt_armv8 {
	struct pt_common common;
	unsigned int granule_lg2sz;
};

/*
 * ARMv8 features (Arm ARM DDI0487 chapters D8 and G5), in the kernel's
 * order:
 * @PT_FEAT_ARMV8_TTBR1: stage 1 table for the upper VA range (TTBR1_ELx):
 *     VA bits above the input size are all ones.
 * @PT_FEAT_ARMV8_LPA: FEAT_LPA, 64K granule only: 52-bit output addresses
 *     (OA[51:48] in descriptor bits[15:12]), 4 TiB level 1 blocks, and a
 *     52-bit stage 2 IPA.
 * @PT_FEAT_ARMV8_LPA2: FEAT_LPA2 (TCR.DS = 1), 4K and 16K granules only:
 *     52-bit input and output addresses, OA[51:50] in descriptor bits[9:8]
 *     (the walk's TCR/VTCR SH field gives the shareability instead), 512
 *     GiB level 0 blocks (4K) or 64 GiB level 1 blocks (16K), and with 4K
 *     a fifth level (Arm level -1) above 48 bits.
 * @PT_FEAT_ARMV8_LVA: FEAT_LVA, 64K granule, stage 1 only: input
 *     addresses up to 52 bits (TxSZ down to 12).
 * @PT_FEAT_ARMV8_S2: stage 2 (VTTBR/VTCR) descriptors: S2AP, MemAttr, XN,
 *     concatenated start tables.
 * @PT_FEAT_ARMV8_DBM: dirty tracking with the Dirty Bit Modifier (hardware
 *     dirty state, FEAT_HAFDBS): writable leaves start writable-clean.
 * @PT_FEAT_ARMV8_S2FWB: stage 2 MemAttr encoded for FEAT_S2FWB (forced
 *     write-back); stage 2 only.
 * @PT_FEAT_ARMV8_NS: stage 1 only: NS in leaves and NSTable in table
 *     descriptors (non-secure output from a secure translation regime).
 * @PT_FEAT_ARMV8_AARCH32: the VMSAv8-32 long-descriptor format (LPAE):
 *     4K granule only, stage 1 up to 32 input bits, stage 2 up to a 40-bit
 *     IPA, 40-bit output.
 */
enum {
	PT_FEAT_ARMV8_TTBR1 = PT_FEAT_FMT_START,
	PT_FEAT_ARMV8_LPA,
	PT_FEAT_ARMV8_LPA2,
	PT_FEAT_ARMV8_LVA,
	PT_FEAT_ARMV8_S2,
	PT_FEAT_ARMV8_DBM,
	PT_FEAT_ARMV8_S2FWB,
	PT_FEAT_ARMV8_NS,
	PT_FEAT_ARMV8_AARCH32,
};

/* ARM short descriptor (v7s). */
struct pt_armv7s {
	struct pt_common common;
};

enum {
	/*
	 * Set NS in page-table descriptors and sections: the walker runs in
	 * the Secure state and the tables map Non-secure memory.
	 */
	PT_FEAT_ARMV7S_NS = PT_FEAT_FMT_START,
};

/* Apple DART. */
struct pt_dart {
	struct pt_common common;
};

enum {
	/*
	 * DART v2 PTE layout (t6000, t8110): 42-bit OA stored shifted right
	 * by 4, different permission bits, 16 KiB pages only.
	 */
	PT_FEAT_DART_V2 = PT_FEAT_FMT_START,
};

/* x86 PAE. */
struct pt_x86pae {
	struct pt_common common;
};

#endif
