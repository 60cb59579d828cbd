/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/random.h>.
 *
 * Difference from the kernel: the numbers are not random but a
 * deterministic sequence (SplitMix64 over a per-thread counter that starts
 * from GENERICPT_RANDOM_SEED, default 1), so a test that fails fails the same
 * way every run. Reseed with genericpt_random_seed().
 */
#ifndef GENERICPT_LINUX_RANDOM_H
#define GENERICPT_LINUX_RANDOM_H

#include <linux/types.h>

#ifndef GENERICPT_RANDOM_SEED
#define GENERICPT_RANDOM_SEED 1
#endif

static inline u64 *__genericpt_random_state(void)
{
	static __thread u64 state = GENERICPT_RANDOM_SEED;

	return &state;
}

static inline void genericpt_random_seed(u64 seed)
{
	*__genericpt_random_state() = seed;
}

static inline u64 get_random_u64(void)
{
	u64 z = (*__genericpt_random_state() += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline u32 get_random_u32(void)
{
	return (u32)(get_random_u64() >> 32);
}

static inline u8 get_random_u8(void)
{
	return (u8)(get_random_u64() >> 56);
}

/* Uniform in [0, @ceil); @ceil must not be 0. */
static inline u32 get_random_u32_below(u32 ceil)
{
	return (u32)(((u64)get_random_u32() * ceil) >> 32);
}

/* Uniform in [@floor, @ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	u64 span = (u64)ceil - floor + 1;

	return floor + (u32)(((u64)get_random_u32() * span) >> 32);
}

#endif
