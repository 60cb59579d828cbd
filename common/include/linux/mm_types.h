/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/mm_types.h>. There is no struct page in
 * user space: table memory is tracked by the runtime (common/src). The
 * types are declared so prototypes that mention them compile.
 */
#ifndef GENERICPT_LINUX_MM_TYPES_H
#define GENERICPT_LINUX_MM_TYPES_H

#include <linux/types.h>

struct page;
struct folio;
struct mm_struct;
struct vm_area_struct;

#endif
