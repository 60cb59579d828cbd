/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/log2.h>. ilog2() of a constant folds to a
 * constant because __builtin_clzll folds.
 */
#ifndef GENERICPT_LINUX_LOG2_H
#define GENERICPT_LINUX_LOG2_H

#include <linux/types.h>

#define ilog2(n) ((unsigned int)(63 - __builtin_clzll((u64)(n))))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))
#define __ffs64(x) ((unsigned int)__builtin_ctzll((u64)(x)))
#define __fls64(x) ((unsigned int)(63 - __builtin_clzll((u64)(x))))

#endif
