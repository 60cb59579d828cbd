/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Atomics live in <linux/compiler.h> here. */
#include <linux/compiler.h>
