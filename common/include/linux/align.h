/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/align.h>; @a must be a power of two. */
#ifndef GENERICPT_LINUX_ALIGN_H
#define GENERICPT_LINUX_ALIGN_H

#define __GENERICPT_ALIGN_MASK(x, mask) (((x) + (mask)) & ~(mask))
#define ALIGN(x, a) __GENERICPT_ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define PTR_ALIGN(p, a) \
	((__typeof__(p))ALIGN((unsigned long)(p), (a)))

#endif
