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

#include <linux/args.h>
#include <linux/stringify.h>

/*
 * PTPFX_RAW names the format (and variant): amdv1, armv8_4k. PTPFX is the
 * prefix non-inline functions get (NS() in pt_iter.h) and, after pt_iommu_,
 * the exported entry points: pt_iommu_armv8_4k_map_pages.
 */
#ifdef PT_FMT_VARIANT
#define PTPFX_RAW CONCATENATE(CONCATENATE(PT_FMT, _), PT_FMT_VARIANT)
#else
#define PTPFX_RAW PT_FMT
#endif
#define PTPFX CONCATENATE(PTPFX_RAW, _)

/*
 * The format's headers, "FMT.h" and "defs_FMT.h". A TU building a format
 * header that lives elsewhere (a kernel tree's fmt/, see
 * tests/kernel_fmt) defines PT_FMT_H and PT_DEFS_H itself.
 */
#ifndef PT_FMT_H
#define _PT_FMT_H PT_FMT.h
#define PT_FMT_H __stringify(_PT_FMT_H)
#define _PT_DEFS_H CONCATENATE(defs_, _PT_FMT_H)
#define PT_DEFS_H __stringify(_PT_DEFS_H)
#endif

#include <linux/generic_pt/common.h>
#include PT_DEFS_H
#include "../generic_pt/pt_defs.h"
#include PT_FMT_H
#include "../generic_pt/pt_common.h"
#include "../generic_pt/pt_iter.h"
#include "../iommu/iommu_pt.h"

#ifdef GENERIC_PT_KUNIT
#include "kunit_generic_pt.h"
#endif
