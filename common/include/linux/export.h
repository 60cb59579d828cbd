/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/export.h>. There is no module loader: a
 * symbol is exported by having external (C) linkage, which the prototypes
 * in <linux/generic_pt/iommu.h> give. The macros expand to a harmless
 * redeclaration so the semicolon after them is valid at file scope.
 */
#ifndef GENERICPT_LINUX_EXPORT_H
#define GENERICPT_LINUX_EXPORT_H

#define __GENERICPT_FILE_SCOPE_NOP extern int __genericpt_file_scope_nop

#define EXPORT_SYMBOL(sym) __GENERICPT_FILE_SCOPE_NOP
#define EXPORT_SYMBOL_GPL(sym) __GENERICPT_FILE_SCOPE_NOP
#define EXPORT_SYMBOL_NS(sym, ns) __GENERICPT_FILE_SCOPE_NOP
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __GENERICPT_FILE_SCOPE_NOP
#define EXPORT_SYMBOL_FOR_MODULES(sym, mods) __GENERICPT_FILE_SCOPE_NOP

#endif
