/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/overflow.h>: arithmetic that reports
 * overflow, on the GCC/Clang builtins. Each returns true when the exact
 * result does not fit *@d (which then holds the wrapped value).
 */
#ifndef GENERICPT_LINUX_OVERFLOW_H
#define GENERICPT_LINUX_OVERFLOW_H

#include <linux/types.h>

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

/* Saturating size arithmetic: SIZE_MAX instead of a wrapped result. */
static inline size_t size_add(size_t a, size_t b)
{
	size_t r;

	return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_mul(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

#endif
