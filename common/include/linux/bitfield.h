/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/bitfield.h>. The value keeps the 64-bit type
 * of the mask even when the mask is an enum constant, so fields above bit 31
 * work with the wide PTE enums the formats use.
 */
#ifndef GENERICPT_LINUX_BITFIELD_H
#define GENERICPT_LINUX_BITFIELD_H

#include <linux/bits.h>

/* Shift of the lowest set bit of a non-zero mask. */
#define __bf_shf(x) (__builtin_ctzll((u64)(x)))

#define FIELD_PREP(mask, val) \
	((((u64)(val)) << __bf_shf(mask)) & (u64)(mask))
#define FIELD_GET(mask, reg) \
	((((u64)(reg)) & (u64)(mask)) >> __bf_shf(mask))
#define FIELD_MAX(mask) ((u64)(mask) >> __bf_shf(mask))
#define FIELD_FIT(mask, val) \
	(!((((u64)(val)) << __bf_shf(mask)) & ~(u64)(mask)))

#endif
