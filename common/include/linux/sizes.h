/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/sizes.h>. Difference from the kernel: every
 * constant is unsigned long long (the kernel's below 2 GiB are int), so
 * shifts and sums of them never overflow.
 */
#ifndef GENERICPT_LINUX_SIZES_H
#define GENERICPT_LINUX_SIZES_H

#define SZ_1K 0x400ULL
#define SZ_2K 0x800ULL
#define SZ_4K 0x1000ULL
#define SZ_8K 0x2000ULL
#define SZ_16K 0x4000ULL
#define SZ_32K 0x8000ULL
#define SZ_64K 0x10000ULL
#define SZ_128K 0x20000ULL
#define SZ_256K 0x40000ULL
#define SZ_512K 0x80000ULL
#define SZ_1M 0x100000ULL
#define SZ_2M 0x200000ULL
#define SZ_4M 0x400000ULL
#define SZ_8M 0x800000ULL
#define SZ_16M 0x1000000ULL
#define SZ_32M 0x2000000ULL
#define SZ_64M 0x4000000ULL
#define SZ_128M 0x8000000ULL
#define SZ_256M 0x10000000ULL
#define SZ_512M 0x20000000ULL
#define SZ_1G 0x40000000ULL
#define SZ_2G 0x80000000ULL
#define SZ_4G 0x100000000ULL
#define SZ_8G 0x200000000ULL
#define SZ_16G 0x400000000ULL
#define SZ_32G 0x800000000ULL
#define SZ_64G 0x1000000000ULL
#define SZ_128G 0x2000000000ULL
#define SZ_256G 0x4000000000ULL
#define SZ_512G 0x8000000000ULL
#define SZ_1T 0x10000000000ULL

#endif
