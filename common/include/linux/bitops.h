/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/bitops.h>: find-bit helpers on the GCC
 * builtins, bit counts and single-bit operations on unsigned long bitmaps.
 *
 * Conventions (the kernel's): fls()/fls64() are 1-based and return 0 for 0;
 * __ffs()/__fls()/__ffs64()/__fls64() are 0-based and undefined for 0;
 * ffz(x) is __ffs(~x). ffs() is the C library's (1-based, 0 for 0), which
 * <strings.h> already declares with the kernel's meaning.
 */
#ifndef GENERICPT_LINUX_BITOPS_H
#define GENERICPT_LINUX_BITOPS_H

#include <strings.h>
#include <linux/types.h>
#include <linux/bits.h>

#define BITS_PER_BYTE 8
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_TO_U64(nr) (((nr) + 63) / 64)
#define BITS_TO_U32(nr) (((nr) + 31) / 32)

static inline int fls(unsigned int x)
{
	return x ? (int)(32 - __builtin_clz(x)) : 0;
}

static inline int fls64(u64 x)
{
	return x ? (int)(64 - __builtin_clzll(x)) : 0;
}

static inline unsigned int fls_long(unsigned long x)
{
	return x ? (unsigned int)(BITS_PER_LONG - __builtin_clzl(x)) : 0;
}

static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

static inline unsigned long __fls(unsigned long word)
{
	return (unsigned long)(BITS_PER_LONG - 1 - __builtin_clzl(word));
}

static inline unsigned int __ffs64(u64 word)
{
	return (unsigned int)__builtin_ctzll(word);
}

static inline unsigned int __fls64(u64 word)
{
	return (unsigned int)(63 - __builtin_clzll(word));
}

#define ffz(x) __ffs(~(unsigned long)(x))

static inline unsigned int hweight8(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w & 0xffu);
}

static inline unsigned int hweight16(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w & 0xffffu);
}

static inline unsigned int hweight32(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w);
}

static inline unsigned int hweight64(u64 w)
{
	return (unsigned int)__builtin_popcountll(w);
}

static inline unsigned int hweight_long(unsigned long w)
{
	return (unsigned int)__builtin_popcountl(w);
}

#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) &
		BIT_MASK(nr)) != 0;
}

/* Atomic read-modify-write of one bit (relaxed, like the kernel's). */
static inline void set_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELAXED);
}

/* Non-atomic versions: the caller owns the word. */
static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

#endif
