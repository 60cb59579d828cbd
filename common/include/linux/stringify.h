/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/stringify.h>: __stringify() turns its
 * argument into a string literal after expanding macros in it, so
 * __stringify(PT_FMT) gives "amdv1" rather than "PT_FMT".
 */
#ifndef GENERICPT_LINUX_STRINGIFY_H
#define GENERICPT_LINUX_STRINGIFY_H

#define __stringify_1(...) #__VA_ARGS__
#define __stringify(...) __stringify_1(__VA_ARGS__)

#endif
