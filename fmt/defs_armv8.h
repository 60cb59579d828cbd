/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the ARMv8 format, before pt_defs.h. */
#ifndef __GENERICPT_FMT_DEFS_ARMV8_H
#define __GENERICPT_FMT_DEFS_ARMV8_H

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

#endif
