/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/log2.h>. ilog2() of a constant folds to a
 * constant because __builtin_clzll folds.
 */
#ifndef GENERICPT_LINUX_LOG2_H
#define GENERICPT_LINUX_LOG2_H

#include <linux/types.h>
#include <linux/bitops.h>

#define ilog2(n) ((unsigned int)(63 - __builtin_clzll((u64)(n))))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))
#define roundup_pow_of_two(n) \
	((n) <= 1 ? (__typeof__(n))1 : (__typeof__(n))(2ULL << ilog2((n) - 1)))
#define rounddown_pow_of_two(n) ((__typeof__(n))(1ULL << ilog2(n)))

#endif
