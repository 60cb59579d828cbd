/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Types the generic code needs from the ARMv7 short-descriptor format. */
#ifndef __GENERIC_PT_FMT_DEFS_ARMV7S_H
#define __GENERIC_PT_FMT_DEFS_ARMV7S_H

#include <linux/generic_pt/common.h>
#include <linux/types.h>

/*
 * The VA is 32 bits, so pt_vaddr_t is too (as the kernel has it for its
 * 32-bit formats); the OA is up to 40 bits (supersections).
 */
typedef u32 pt_vaddr_t;
typedef u64 pt_oaddr_t;

/**
 * struct armv7spt_write_attrs - leaf attributes independent of leaf kind
 * @ap: AP[2:0] (AP[0] is the Access flag, always set)
 * @tex: TEX[2:0]
 * @cb: C in bit 1, B in bit 0
 * @xn: execute-never
 * @s: shareable
 * @ng: not global
 *
 * Sections, supersections, large and small pages keep these fields in
 * different bit positions, so they are held decoded and placed per kind
 * when a leaf is written (cut rewrites a supersection as sections/pages).
 */
struct armv7spt_write_attrs {
	u8 ap;
	u8 tex;
	u8 cb;
	bool xn;
	bool s;
	bool ng;
};
#define pt_write_attrs armv7spt_write_attrs

#endif
