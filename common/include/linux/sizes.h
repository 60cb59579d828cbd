/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/sizes.h>. */
#ifndef GENERICPT_LINUX_SIZES_H
#define GENERICPT_LINUX_SIZES_H

#define SZ_1K 0x400ULL
#define SZ_2K 0x800ULL
#define SZ_4K 0x1000ULL
#define SZ_16K 0x4000ULL
#define SZ_64K 0x10000ULL
#define SZ_1M 0x100000ULL
#define SZ_2M 0x200000ULL
#define SZ_16M 0x1000000ULL
#define SZ_32M 0x2000000ULL
#define SZ_512M 0x20000000ULL
#define SZ_1G 0x40000000ULL
#define SZ_4G 0x100000000ULL
#define SZ_512G 0x8000000000ULL

#endif
