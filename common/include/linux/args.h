/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/args.h>: counting the arguments of a
 * variadic macro and pasting tokens after expansion.
 *
 * COUNT_ARGS() handles 0 to 15 arguments. An empty call counts as 0 only
 * with the GNU comma-elision extension (the gnu11 / gnu++20 modes this tree
 * builds in).
 */
#ifndef GENERICPT_LINUX_ARGS_H
#define GENERICPT_LINUX_ARGS_H

#define __GENERICPT_NTH_ARG(_z, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9,  \
			    _a10, _a11, _a12, _a13, _a14, _a15, count, ...) \
	count
#define COUNT_ARGS(...)                                                     \
	__GENERICPT_NTH_ARG(, ##__VA_ARGS__, 15, 14, 13, 12, 11, 10, 9, 8, 7, \
			    6, 5, 4, 3, 2, 1, 0)

/* Paste @a and @b after both were macro-expanded. */
#define __GENERICPT_PASTE(a, b) a##b
#define CONCATENATE(a, b) __GENERICPT_PASTE(a, b)

#endif
