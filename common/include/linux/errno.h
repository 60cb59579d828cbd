/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/errno.h>: the system one plus kernel-only codes. */
#ifndef GENERICPT_LINUX_ERRNO_H
#define GENERICPT_LINUX_ERRNO_H

#include_next <linux/errno.h>

#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif

#endif
