/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the RISC-V Sv39/48/57 format. */
#ifndef __GENERIC_PT_FMT_DEFS_RISCV64_H
#define __GENERIC_PT_FMT_DEFS_RISCV64_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* R/W/X/U/G/A/D and PBMT bits every leaf of one map operation carries. */
struct riscv64_pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs riscv64_pt_write_attrs

#endif
