/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/minmax.h>. */
#ifndef GENERICPT_LINUX_MINMAX_H
#define GENERICPT_LINUX_MINMAX_H

#define min(a, b)                                  \
	__extension__({                            \
		__typeof__(a) __a = (a);           \
		__typeof__(b) __b = (b);           \
		__a < __b ? __a : __b;             \
	})
#define max(a, b)                                  \
	__extension__({                            \
		__typeof__(a) __a = (a);           \
		__typeof__(b) __b = (b);           \
		__a > __b ? __a : __b;             \
	})
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))

#endif
