/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/stddef.h>. The system's uapi header of the
 * same name is included by other system headers, so it comes first when
 * there is one.
 */
#ifndef GENERICPT_LINUX_STDDEF_H
#define GENERICPT_LINUX_STDDEF_H

#if defined(__has_include_next)
#if __has_include_next(<linux/stddef.h>)
#include_next <linux/stddef.h>
#endif
#endif
#include <stddef.h>

/* Size of @MEMBER of struct @TYPE, without an object. */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
/* Offset of the first byte after @MEMBER in @TYPE. */
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
