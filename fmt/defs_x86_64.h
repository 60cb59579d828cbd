/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the x86-64 format, before pt_defs.h. */
#ifndef __GENERIC_PT_FMT_DEFS_X86_64_H
#define __GENERIC_PT_FMT_DEFS_X86_64_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

typedef u64 pt_vaddr_t;
typedef u64 pt_oaddr_t;

struct x86_64_pt_write_attrs {
	u64 descriptor_bits;
};
#define pt_write_attrs x86_64_pt_write_attrs

#endif
