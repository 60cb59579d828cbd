/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the VT-d second-stage format. */
#ifndef __GENERIC_PT_FMT_DEFS_VTDSS_H
#define __GENERIC_PT_FMT_DEFS_VTDSS_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* The permission and snoop bits every leaf of one map operation carries. */
struct vtdss_pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs vtdss_pt_write_attrs

#endif
