/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/kernel.h>: the grab bag of small helpers
 * kernel code expects from it.
 */
#ifndef GENERICPT_LINUX_KERNEL_H
#define GENERICPT_LINUX_KERNEL_H

#include <stdio.h>
#include <linux/types.h>
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/bitops.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/compiler_attributes.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/stringify.h>

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_32_bits(n) ((u32)(((u64)(n)) >> 32))

/* A user-space thread is never asked to yield. */
static inline void cond_resched(void)
{
}

#endif
