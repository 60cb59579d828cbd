/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/compiler_attributes.h>: the kernel's
 * spellings of function and statement attributes, plus likely/unlikely.
 *
 * Included by the library's internal headers only (generic_pt/, iommu/,
 * <linux/bug.h>), never by the public <linux/generic_pt/iommu.h>: these are
 * object-like macros with common names that would otherwise leak into
 * consumers' code.
 */
#ifndef GENERICPT_LINUX_COMPILER_ATTRIBUTES_H
#define GENERICPT_LINUX_COMPILER_ATTRIBUTES_H

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

#endif
