/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the Apple DART format, before pt_defs.h. */
#ifndef __GENERIC_PT_FMT_DEFS_DART_H
#define __GENERIC_PT_FMT_DEFS_DART_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* The permission/cache bits every leaf of one map operation carries. */
struct dartpt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs dartpt_write_attrs

#endif
