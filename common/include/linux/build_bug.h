/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/build_bug.h>: compile-time checks.
 *
 * Difference from the kernel: BUILD_BUG_ON() and BUILD_BUG_ON_MSG() need an
 * integer constant expression (they are static assertions), where the
 * kernel also accepts a condition the optimiser folds. BUILD_BUG() is a
 * compile error only when the optimiser cannot remove the call, as in the
 * kernel; without optimisation (-O0) it traps at run time instead, so debug
 * builds compile.
 */
#ifndef GENERICPT_LINUX_BUILD_BUG_H
#define GENERICPT_LINUX_BUILD_BUG_H

/*
 * static_assert() with an optional message, as the kernel spells it. In C++
 * it is a keyword that already takes one or two operands.
 */
#ifndef __cplusplus
#undef static_assert
#define __genericpt_static_assert(cond, msg, ...) _Static_assert(cond, msg)
#define static_assert(cond, ...) \
	__genericpt_static_assert(cond, ##__VA_ARGS__, #cond)
#endif

#define BUILD_BUG_ON_MSG(cond, msg) static_assert(!(cond), msg)
#define BUILD_BUG_ON(cond) BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))

/* 0 as an int if @e is false; a compile error (negative array) if true. */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(char[1 - 2 * !!(e)]) - 1))

#if defined(__OPTIMIZE__) && defined(__has_attribute)
#if __has_attribute(__error__)
#define __GENERICPT_BUILD_BUG_ERROR 1
#endif
#endif

#ifdef __GENERICPT_BUILD_BUG_ERROR
#ifdef __cplusplus
extern "C"
#endif
void __genericpt_build_bug_reached(void)
	__attribute__((__error__("BUILD_BUG() reached")));
#define BUILD_BUG() __genericpt_build_bug_reached()
#else
#define BUILD_BUG() __builtin_trap()
#endif

#endif
