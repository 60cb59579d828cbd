/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/bug.h>. WARN_ON reports through the runtime
 * (tests count warnings and fail on any) and evaluates to its condition.
 */
#ifndef GENERICPT_LINUX_BUG_H
#define GENERICPT_LINUX_BUG_H

#include <linux/types.h>
#include <linux/compiler_attributes.h>
#include <linux/build_bug.h>

GENERICPT_EXTERN_C_BEGIN
void genericpt_warn(const char *file, int line, const char *cond);
void genericpt_bug(const char *file, int line, const char *cond)
	__attribute__((__noreturn__));
GENERICPT_EXTERN_C_END

#define WARN_ON(cond)                                               \
	__extension__({                                             \
		bool __w = !!(cond);                                \
		if (unlikely(__w))                                  \
			genericpt_warn(__FILE__, __LINE__, #cond);  \
		unlikely(__w);                                      \
	})
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define BUG_ON(cond)                                               \
	do {                                                       \
		if (unlikely(cond))                                \
			genericpt_bug(__FILE__, __LINE__, #cond);  \
	} while (0)
#define BUG() genericpt_bug(__FILE__, __LINE__, "BUG")

#endif
