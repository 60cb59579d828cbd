/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Types the generic code needs from the RISC-V format: Sv39/Sv48/Sv57
 * (riscv_64) or, with PT_RISCV_32BIT, Sv32 (riscv_32).
 */
#ifndef __GENERIC_PT_FMT_DEFS_RISCV_H
#define __GENERIC_PT_FMT_DEFS_RISCV_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

/* Sv32 PTEs are 4 bytes and its VAs 32 bits; the PA has 34 bits. */
#ifdef PT_RISCV_32BIT
typedef u32 pt_riscv_entry_t;
#define riscvpt_write_attrs riscv32pt_write_attrs
#else
typedef u64 pt_riscv_entry_t;
#define riscvpt_write_attrs riscv64pt_write_attrs
#endif

typedef pt_riscv_entry_t pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* R/W/X/U/G/A/D (and PBMT) bits every leaf of one map operation carries. */
struct riscvpt_write_attrs {
	pt_riscv_entry_t descriptor_bits;
};
#define pt_write_attrs riscvpt_write_attrs

#endif
