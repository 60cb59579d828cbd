/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/array_size.h>. */
#ifndef GENERICPT_LINUX_ARRAY_SIZE_H
#define GENERICPT_LINUX_ARRAY_SIZE_H

/* Number of elements of array @arr (not a pointer). */
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#endif
