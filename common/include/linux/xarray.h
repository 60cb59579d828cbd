/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/xarray.h>: only the tagged-pointer entry
 * encoding (value and internal entries, XA_RETRY_ENTRY, XA_ZERO_ENTRY) that
 * <linux/maple_tree.h> and its users need, not the XArray itself.
 *
 * An entry with bit 0 set is a value entry (an integer shifted left by one);
 * bits [1:0] == 2 mark an internal entry (an integer shifted left by two).
 * Pointers to real objects are at least 4-byte aligned, so neither kind can
 * be mistaken for one.
 */
#ifndef GENERICPT_LINUX_XARRAY_H
#define GENERICPT_LINUX_XARRAY_H

#include <linux/types.h>

/* Encode the non-negative integer @v (at most LONG_MAX) as a value entry. */
static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

/* The integer a value entry encodes. */
static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

/* Whether @entry is a value entry (made by xa_mk_value()). */
static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/* Encode @v as an internal entry (reserved for the data structures). */
static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

/* The integer an internal entry encodes. */
static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

/* Whether @entry is an internal entry. */
static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

/* A lookup found an entry being changed concurrently: try again. */
#define XA_RETRY_ENTRY xa_mk_internal(256)
/* Occupies an index while reading back as NULL through the normal API. */
#define XA_ZERO_ENTRY xa_mk_internal(257)

/* Whether @entry is XA_ZERO_ENTRY. */
static inline bool xa_is_zero(const void *entry)
{
	return entry == XA_ZERO_ENTRY;
}

/*
 * Whether @entry is an internal entry only the advanced API may see (the
 * internal entries up to and including XA_RETRY_ENTRY): the normal API
 * refuses to store one.
 */
static inline bool xa_is_advanced(const void *entry)
{
	return xa_is_internal(entry) &&
	       (unsigned long)entry <= (unsigned long)XA_RETRY_ENTRY;
}

#endif
