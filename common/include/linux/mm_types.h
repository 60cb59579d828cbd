/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/mm_types.h>. There is no struct page in
 * user space: table memory is tracked by the runtime (common/src). The
 * types are declared so prototypes that mention them compile.
 *
 * Like the kernel's, this header brings in the page size (<asm/page.h>)
 * and, through its dependencies there, the everyday helpers kernel code
 * takes for granted after including it: error pointers, overflow checks,
 * the string functions, spinlocks and, for C, the maple tree and
 * min()/max(). C++ code is spared both: the min()/max() macros would break
 * std::min, and the maple tree's <stdlib.h> is libstdc++'s there, which
 * undefines min/max for whatever included <linux/minmax.h> before; the
 * library's own headers include <linux/minmax.h> themselves.
 */
#ifndef GENERICPT_LINUX_MM_TYPES_H
#define GENERICPT_LINUX_MM_TYPES_H

#include <linux/types.h>
#include <asm/page.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#ifndef __cplusplus
#include <linux/maple_tree.h>
#include <linux/minmax.h>
#endif

struct page;
struct folio;
struct mm_struct;
struct vm_area_struct;

#endif
