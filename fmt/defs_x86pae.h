/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the x86 PAE format. */
#ifndef __GENERIC_PT_FMT_DEFS_X86PAE_H
#define __GENERIC_PT_FMT_DEFS_X86PAE_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

/*
 * The VA is 32 bits, so pt_vaddr_t is too (as the kernel has it for its
 * 32-bit formats); entries and physical addresses are 64 bits.
 */
typedef u32 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* The access-rights and cache bits every leaf of one map operation carries. */
struct x86pae_pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs x86pae_pt_write_attrs

#endif
