/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Arithmetic on power-of-two quantities given by their log2 ("_lg2").
 *
 * Page-table code divides, takes remainders and builds masks by powers of
 * two all the time. These helpers do it with shifts and masks only, and are
 * defined over the whole range lg2 = 0..64 (and beyond: anything >= 64
 * behaves as 64), so the 64-bit extremes - a table covering the full VA, an
 * item of 2^64 bytes - need no special cases at the call sites.
 *
 * The functions below work on u64 and are what the algorithms here use;
 * pt_defs.h gives them the kernel's oalog2_*, fvalog2_* and va* spellings.
 */
#ifndef __GENERIC_PT_LOG2_H
#define __GENERIC_PT_LOG2_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/limits.h>
#include <linux/build_bug.h>

/*
 * The typed family (the kernel's pt_log2.h names): each works in the given
 * unsigned @type, for lg2 below the width of @type. pt_defs.h builds the
 * log2_*, oalog2_* and va* spellings on them for code written against the
 * kernel; the functions further down are this tree's 64-bit versions that
 * stay defined at lg2 == 64.
 */
#define log2_to_int_t(type, a_lg2) ((type)((type)1 << (a_lg2)))
#define log2_to_max_int_t(type, a_lg2) \
	((type)(log2_to_int_t(type, a_lg2) - 1))
#define log2_div_t(type, a, b_lg2) ((type)((type)(a) >> (b_lg2)))
#define log2_div_eq_t(type, a, b, c_lg2) \
	(log2_div_t(type, (a) ^ (b), c_lg2) == 0)
#define log2_mod_t(type, a, b_lg2) \
	((type)((type)(a) & log2_to_max_int_t(type, b_lg2)))
#define log2_mod_eq_max_t(type, a, b_lg2) \
	(log2_mod_t(type, a, b_lg2) == log2_to_max_int_t(type, b_lg2))
#define log2_set_mod_t(type, a, val, b_lg2) \
	((type)(((type)(a) & (type)~log2_to_max_int_t(type, b_lg2)) | \
		(type)(val)))
#define log2_set_mod_max_t(type, a, b_lg2) \
	((type)((type)(a) | log2_to_max_int_t(type, b_lg2)))
#define log2_mul_t(type, a, b_lg2) ((type)((type)(a) << (b_lg2)))

static_assert(log2_to_max_int_t(u32, 31) == 0x7fffffffu, "log2_t");
static_assert(log2_set_mod_t(u32, 0xf0, 3, 4) == 0xf3, "log2_t");

/* 1 + index of the highest set bit, 0 for 0 (fls()). */
static inline unsigned int fls32(u32 a)
{
	return (unsigned int)fls(a);
}

/* Index of the lowest set bit; undefined for 0 (__ffs()). */
static inline unsigned int __ffs32(u32 a)
{
	return (unsigned int)__builtin_ctz(a);
}

/* Index of the lowest clear bit; undefined for all ones (ffz()). */
static inline unsigned int ffz32(u32 a)
{
	return (unsigned int)__builtin_ctz(~a);
}

static inline unsigned int ffz64(u64 a)
{
	return (unsigned int)__builtin_ctzll(~a);
}

/* Pick the 32- or 64-bit helper by the width of @type. */
#define _pt_log2_by_width(type, fn, a) \
	(sizeof(type) == sizeof(u32) ? (unsigned int)fn##32((u32)(a)) : \
				       (unsigned int)fn##64((u64)(a)))
#define fls_t(type, a) ((unsigned int)_pt_log2_by_width(type, fls, a))
#define ffs_t(type, a) ((unsigned int)_pt_log2_by_width(type, __ffs, a))
#define ffz_t(type, a) ((unsigned int)_pt_log2_by_width(type, ffz, a))

/* 2^lg2; lg2 must be below 64. */
static inline u64 log2_to_int(unsigned int lg2)
{
	return (u64)1 << lg2;
}

/* 2^lg2 - 1, the mask of the low lg2 bits; all ones for lg2 >= 64. */
static inline u64 log2_to_max_int(unsigned int lg2)
{
	return lg2 >= 64 ? ~(u64)0 : ((u64)1 << lg2) - 1;
}

/* a / 2^lg2 */
static inline u64 log2_div(u64 a, unsigned int lg2)
{
	return lg2 >= 64 ? 0 : a >> lg2;
}

/* a * 2^lg2, truncated to 64 bits */
static inline u64 log2_mul(u64 a, unsigned int lg2)
{
	return lg2 >= 64 ? 0 : a << lg2;
}

/* a % 2^lg2 */
static inline u64 log2_mod(u64 a, unsigned int lg2)
{
	return a & log2_to_max_int(lg2);
}

/* a / 2^lg2 == b / 2^lg2 */
static inline bool log2_div_eq(u64 a, u64 b, unsigned int lg2)
{
	return log2_div(a ^ b, lg2) == 0;
}

/* a with its low lg2 bits replaced by val (val must fit in lg2 bits) */
static inline u64 log2_set_mod(u64 a, u64 val, unsigned int lg2)
{
	return (a & ~log2_to_max_int(lg2)) | val;
}

/* a with its low lg2 bits all set: the last byte of a's 2^lg2 block */
static inline u64 log2_set_mod_max(u64 a, unsigned int lg2)
{
	return a | log2_to_max_int(lg2);
}

/* a % 2^lg2 == 2^lg2 - 1 */
static inline bool log2_mod_eq_max(u64 a, unsigned int lg2)
{
	return log2_mod(a, lg2) == log2_to_max_int(lg2);
}

/* Index of the lowest set bit; 64 for a == 0. */
static inline unsigned int log2_ffs(u64 a)
{
	return a ? (unsigned int)__builtin_ctzll(a) : 64;
}

/* One plus the index of the highest set bit; 0 for a == 0. */
static inline unsigned int log2_fls(u64 a)
{
	return a ? 64 - (unsigned int)__builtin_clzll(a) : 0;
}

/* Index of the lowest clear bit; 64 for a == ~0. */
static inline unsigned int log2_ffz(u64 a)
{
	return log2_ffs(~a);
}

#endif
