// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The genericpt public API for C++ tool code.
//
// The public headers pull in the library's kernel-style shims, which define
// object-like macros such as `noinline` and `fallthrough`. Those break later
// standard and third-party headers (`__has_attribute(noinline)`,
// `[[fallthrough]]` in fmt, CLI11, Catch2, Google Benchmark). Tool code
// includes the API only through this header, which drops those macros again
// once the library's declarations have been read.
#pragma once

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>
#include <linux/iommu-pages.h>
#include <genericpt/runtime.h>

#undef noinline
#undef fallthrough
#undef __maybe_unused
#undef __must_check
#undef likely
#undef unlikely
