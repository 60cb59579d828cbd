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

/*
 * The kernel's attribute spellings (noinline, fallthrough, ...) live in
 * <linux/compiler_attributes.h>, which only the library's own headers
 * include: a program that includes the public API does not get object-like
 * macros that would break [[fallthrough]] or __attribute__((noinline)) in
 * its other headers.
 */

#ifdef __cplusplus
#define GENERICPT_EXTERN_C_BEGIN extern "C" {
#define GENERICPT_EXTERN_C_END }
#else
#define GENERICPT_EXTERN_C_BEGIN
#define GENERICPT_EXTERN_C_END
#endif

#endif
