/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/module.h>: module metadata is accepted and
 * dropped (see <linux/export.h>).
 */
#ifndef GENERICPT_LINUX_MODULE_H
#define GENERICPT_LINUX_MODULE_H

#include <linux/export.h>

#define MODULE_LICENSE(license) __GENERICPT_FILE_SCOPE_NOP
#define MODULE_DESCRIPTION(text) __GENERICPT_FILE_SCOPE_NOP
#define MODULE_AUTHOR(name) __GENERICPT_FILE_SCOPE_NOP
#define MODULE_ALIAS(name) __GENERICPT_FILE_SCOPE_NOP
#define MODULE_IMPORT_NS(ns) __GENERICPT_FILE_SCOPE_NOP

#endif
