/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/container_of.h>. */
#ifndef GENERICPT_LINUX_CONTAINER_OF_H
#define GENERICPT_LINUX_CONTAINER_OF_H

#include <stddef.h>

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#endif
