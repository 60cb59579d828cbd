/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the AMDv1 format, before pt_defs.h. */
#ifndef __GENERIC_PT_FMT_DEFS_AMDV1_H
#define __GENERIC_PT_FMT_DEFS_AMDV1_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/* What every leaf of one map operation carries besides PR/OA/NextLevel. */
struct amdv1pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs amdv1pt_write_attrs

#endif
