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
 * All helpers work on u64. The oalog2_*, valog2_* and fvalog2_* spellings
 * name the same helpers for output addresses, VAs and full 64-bit VAs.
 */
#ifndef __GENERIC_PT_PT_LOG2_H
#define __GENERIC_PT_PT_LOG2_H

#include <linux/types.h>

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

#define oalog2_to_int log2_to_int
#define oalog2_to_max_int log2_to_max_int
#define oalog2_div log2_div
#define oalog2_mul log2_mul
#define oalog2_mod log2_mod
#define oalog2_div_eq log2_div_eq
#define oalog2_set_mod log2_set_mod
#define oalog2_set_mod_max log2_set_mod_max
#define oaffs log2_ffs
#define oafls log2_fls
#define oaffz log2_ffz

#define valog2_to_int log2_to_int
#define valog2_to_max_int log2_to_max_int
#define valog2_div log2_div
#define valog2_mul log2_mul
#define valog2_mod log2_mod
#define valog2_div_eq log2_div_eq
#define valog2_set_mod log2_set_mod
#define valog2_set_mod_max log2_set_mod_max
#define vaffs log2_ffs
#define vafls log2_fls
#define vaffz log2_ffz

#define fvalog2_to_int log2_to_int
#define fvalog2_to_max_int log2_to_max_int
#define fvalog2_div log2_div
#define fvalog2_mul log2_mul
#define fvalog2_mod log2_mod
#define fvalog2_div_eq log2_div_eq
#define fvalog2_set_mod log2_set_mod
#define fvalog2_set_mod_max log2_set_mod_max

#endif
