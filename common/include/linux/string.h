/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/string.h>: the C library's string functions
 * plus memset64(), the bulk store that decides how fast a large map runs.
 */
#ifndef GENERICPT_LINUX_STRING_H
#define GENERICPT_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>
#include <linux/stddef.h>

/* Fill @count 64-bit words at @s with @v. */
static inline void *memset64(u64 *s, u64 v, size_t count)
{
#if defined(__x86_64__)
	void *d = s;

	__asm__ __volatile__("rep stosq"
			     : "+D"(d), "+c"(count)
			     : "a"(v)
			     : "memory");
#else
	size_t i;

	for (i = 0; i != count; i++)
		s[i] = v;
#endif
	return s;
}

/*
 * memset_after() - fill every byte of *@obj after @member with @v
 * memset_startat() - fill every byte of *@obj from @member on with @v
 *
 * Padding included: clears a structure's tail in one go.
 */
#define memset_after(obj, v, member)                                        \
	memset((u8 *)(obj) + offsetofend(__typeof__(*(obj)), member), (v),  \
	       sizeof(*(obj)) - offsetofend(__typeof__(*(obj)), member))
#define memset_startat(obj, v, member)                                      \
	memset((u8 *)(obj) + offsetof(__typeof__(*(obj)), member), (v),     \
	       sizeof(*(obj)) - offsetof(__typeof__(*(obj)), member))

#endif
