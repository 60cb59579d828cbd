/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/slab.h>: the kernel's object allocator
 * on the C library's heap. gfp flags are accepted and ignored, except that
 * __GFP_ZERO zeroes.
 */
#ifndef GENERICPT_LINUX_SLAB_H
#define GENERICPT_LINUX_SLAB_H

#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/gfp.h>

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = malloc(size ? size : 1);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif
