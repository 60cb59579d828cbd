/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Builds one format's IOMMU page table. A template TU defines PT_FMT (and
 * optionally PT_FMT_VARIANT, PT_SUPPORTED_FEATURES,
 * PT_FORCE_ENABLED_FEATURES) and includes this file, which pulls the
 * headers in the one order that works: the format's types, the generic
 * vocabulary, the format's functions, the generic helpers and iterators,
 * and finally the algorithms, which inline the format throughout.
 *
 * With GENERIC_PT_KUNIT defined the TU also gets this project's KUnit
 * suites (tests/kunit, which the build puts on the include path for that
 * compile): they run against the format's functions and the algorithms of
 * this very TU, as the kernel's kunit_generic_pt.h does in its template.
 */
#ifndef PT_FMT
#error "Define PT_FMT before including iommu_template.h"
#endif

#define PT_STRINGIFY_(x) #x
#define PT_STRINGIFY(x) PT_STRINGIFY_(x)
#define PT_FMT_HEADER_(dir, name) PT_STRINGIFY(dir/name.h)
#define PT_DEFS_HEADER_(name) PT_STRINGIFY(defs_##name.h)
#define PT_DEFS_HEADER(name) PT_DEFS_HEADER_(name)
#define PT_HEADER_(name) PT_STRINGIFY(name.h)
#define PT_HEADER(name) PT_HEADER_(name)

#include <linux/generic_pt/common.h>
#include PT_DEFS_HEADER(PT_FMT)
#include "../generic_pt/pt_defs.h"
#include PT_HEADER(PT_FMT)
#include "../generic_pt/pt_common.h"
#include "../generic_pt/pt_iter.h"
#include "../iommu/iommu_pt.h"

#ifdef GENERIC_PT_KUNIT
#include "kunit_generic_pt.h"
#endif
