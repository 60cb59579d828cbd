/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/types.h>. glibc headers include the system
 * <linux/types.h>, so that one is pulled in first and the kernel-internal
 * names are added on top.
 */
#ifndef GENERICPT_LINUX_TYPES_H
#define GENERICPT_LINUX_TYPES_H

#include_next <linux/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* Physical and DMA addresses are always 64 bit here, also on 32-bit hosts. */
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;

#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef noinline
#define noinline __attribute__((__noinline__))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((__unused__))
#endif
#ifndef __must_check
#define __must_check __attribute__((__warn_unused_result__))
#endif
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif

#ifdef __cplusplus
#define GENERICPT_EXTERN_C_BEGIN extern "C" {
#define GENERICPT_EXTERN_C_END }
#else
#define GENERICPT_EXTERN_C_BEGIN
#define GENERICPT_EXTERN_C_END
#endif

#endif
