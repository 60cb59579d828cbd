/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/minmax.h>. */
#ifndef GENERICPT_LINUX_MINMAX_H
#define GENERICPT_LINUX_MINMAX_H

#define min(a, b)                                  \
	__extension__({                            \
		__typeof__(a) __a = (a);           \
		__typeof__(b) __b = (b);           \
		__a < __b ? __a : __b;             \
	})
#define max(a, b)                                  \
	__extension__({                            \
		__typeof__(a) __a = (a);           \
		__typeof__(b) __b = (b);           \
		__a > __b ? __a : __b;             \
	})
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#define min3(a, b, c) min(min(a, b), c)
#define max3(a, b, c) max(max(a, b), c)

/*
 * C only: in C++ these names are std::clamp and std::swap, which a
 * function-like macro would break in any standard header included later.
 */
#ifndef __cplusplus
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)

/* Exchange the values of @a and @b (same type). */
#define swap(a, b)                                      \
	do {                                            \
		__typeof__(a) __genericpt_swap = (a);   \
		(a) = (b);                              \
		(b) = __genericpt_swap;                 \
	} while (0)
#endif

#endif
