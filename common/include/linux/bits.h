/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/bits.h>: bit and mask constructors. */
#ifndef GENERICPT_LINUX_BITS_H
#define GENERICPT_LINUX_BITS_H

#include <linux/types.h>

#define BITS_PER_LONG (__SIZEOF_LONG__ * 8)
#define BITS_PER_LONG_LONG 64
#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define BIT_U32(nr) ((u32)1 << (nr))
/* A mask with bits h..l set (inclusive), 64 bit wide. */
#define GENMASK_ULL(h, l) \
	(((~0ULL) << (l)) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#define GENMASK(h, l) \
	(((~0UL) << (l)) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_U32(h, l) ((u32)GENMASK_ULL(h, l))

#endif
