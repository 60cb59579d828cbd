/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The bulk fast paths: raw-word scans of item runs (vectorisable), the
 * preparation of a table's items for a run of leaves, and runs of linear
 * leaves written as an arithmetic progression.
 *
 * A part of iommu/iommu_pt.h, split out by concern; iommu_pt.h includes it
 * at exactly this point of the template TU (it uses what comes before and
 * is used by what follows). Not a header of its own: include iommu_pt.h.
 */
#ifndef __GENERIC_PT_IOMMU_PT_H
#error "include iommu/iommu_pt.h, not this fragment"
#endif

/*
 * Bulk helpers on raw item words. They are written with eight independent
 * lanes per step so that the compiler's straight-line (SLP) vectoriser,
 * which -O2 runs, turns each step into a few vector instructions; the
 * loops vectorise without -O3 and without target options.
 */

/*
 * OR the @n words at @p into the eight lanes a0..a7 and @acc (the tail):
 * one body for 32- and 64-bit items, eight independent ORs per step for
 * the vectoriser.
 */
#define PT_OR_WORDS(p, n, acc)                    \
	do {                                      \
		unsigned int _i = 0;              \
						  \
		for (; (n) - _i >= 8; _i += 8) {  \
			a0 |= (p)[_i];            \
			a1 |= (p)[_i + 1];        \
			a2 |= (p)[_i + 2];        \
			a3 |= (p)[_i + 3];        \
			a4 |= (p)[_i + 4];        \
			a5 |= (p)[_i + 5];        \
			a6 |= (p)[_i + 6];        \
			a7 |= (p)[_i + 7];        \
		}                                 \
		for (; _i != (n); _i++)           \
			(acc) |= (p)[_i];         \
	} while (0)

/* OR of the raw words of @n items from pts->index: 0 means all empty. */
static inline u64 pt_items_raw_or(const struct pt_state *pts, unsigned int n)
{
	u64 a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
	u64 acc = 0;

	if (PT_ITEM_WORD_SIZE == sizeof(u64)) {
		const u64 *p = pt_cur_table(pts, const u64) + pts->index;

		PT_OR_WORDS(p, n, acc);
	} else {
		const u32 *p = pt_cur_table(pts, const u32) + pts->index;

		PT_OR_WORDS(p, n, acc);
	}
	return acc | a0 | a1 | a2 | a3 | a4 | a5 | a6 | a7;
}

/*
 * GNU vector types (the same in C and C++, lowered to scalar code where the
 * target has no SIMD), loaded and stored with memcpy: table items are only
 * 8/4-byte aligned.
 */
typedef u64 pt_u64x2 __attribute__((vector_size(16)));
typedef u32 pt_u32x4 __attribute__((vector_size(16)));

/* Do the 8 items at @p all pass (item & mask) == val? */
static __always_inline bool pt_8_items_match(const void *p, u64 mask, u64 val)
{
	if (PT_ITEM_WORD_SIZE == sizeof(u64)) {
		pt_u64x2 m = { mask, mask }, v = { val, val }, a, b, c, d;

		memcpy(&a, (const u64 *)p, sizeof(a));
		memcpy(&b, (const u64 *)p + 2, sizeof(b));
		memcpy(&c, (const u64 *)p + 4, sizeof(c));
		memcpy(&d, (const u64 *)p + 6, sizeof(d));
		a = ((a & m) ^ v) | ((b & m) ^ v) | ((c & m) ^ v) |
		    ((d & m) ^ v);
		return !(a[0] | a[1]);
	} else {
		pt_u32x4 m = { (u32)mask, (u32)mask, (u32)mask, (u32)mask };
		pt_u32x4 v = { (u32)val, (u32)val, (u32)val, (u32)val }, a, b;

		memcpy(&a, (const u32 *)p, sizeof(a));
		memcpy(&b, (const u32 *)p + 4, sizeof(b));
		a = ((a & m) ^ v) | ((b & m) ^ v);
		return !(a[0] | a[1] | a[2] | a[3]);
	}
}

/*
 * First index in [@idx, @end) of the table of @pts whose item is not a
 * single-item leaf (or @end). Proven leaves are skipped eight at a time with
 * the format's pt_single_leaf_test(); the rest are decoded one by one on a
 * local copy of the state, which stays in registers.
 */
static __always_inline unsigned int
pt_scan_single_leaves(const struct pt_state *pts, unsigned int idx,
		      unsigned int end)
{
	struct pt_state lpts = *pts;
	u64 mask, val;

	if (pt_single_leaf_test(&lpts, &mask, &val)) {
		const u8 *p = (const u8 *)lpts.table;

		while (end - idx >= 8 &&
		       pt_8_items_match(p + (size_t)idx * PT_ITEM_WORD_SIZE,
					mask, val))
			idx += 8;
	}
	for (; idx != end; idx++) {
		lpts.index = idx;
		if (pt_load_entry_raw(&lpts) != PT_ENTRY_OA ||
		    pt_entry_num_contig_lg2(&lpts) != 0)
			break;
	}
	return idx;
}

/*
 * Make sure the @n items from pts->index can take new leaves: empty items
 * are fine, a leaf is -EADDRINUSE, an empty subtree is collected for
 * freeing (it will be overwritten). Nothing is written here.
 */
static int pt_map_prepare_items(struct pt_state *pts,
				struct pt_iommu_map_args *map, unsigned int n)
{
	unsigned int start = pts->index;
	unsigned int end = start + n;
	unsigned int isz_lg2 = pt_table_item_lg2sz(pts);
	int ret;

	if (likely(!pt_items_raw_or(pts, n)))
		return 0;

	/* Slow path: look at each item. First rule out any leaf. */
	for (; pts->index != end; pts->index++) {
		if (pt_load_entry_raw(pts) == PT_ENTRY_OA) {
			pts->index = (unsigned int)start;
			return -EADDRINUSE;
		}
	}
	for (pts->index = (unsigned int)start; pts->index != end;
	     pts->index++) {
		if (pt_load_entry(pts) != PT_ENTRY_TABLE)
			continue;
		if (unlikely(!pts->table_lower)) {
			ret = pt_table_corrupt(pts);
			pts->index = (unsigned int)start;
			return ret;
		}
		ret = pt_map_check_rest(map, pts->range);
		if (ret) {
			pts->index = (unsigned int)start;
			return ret;
		}
		/* The whole subtree is empty: free it once the leaf is in. */
		pt_collect_subtree(pts, &map->free_gather.freelist,
				   &map->free_gather.pt.leaf_levels_bitmap,
				   &map->free_gather.pt.table_levels_bitmap);
		iommu_pages_list_add(&map->free_gather.freelist,
				     pts->table_lower);
		iommu_iotlb_gather_add_range(
			&map->free_gather,
			(unsigned long)log2_set_mod(pt_index_va(pts), 0,
						    isz_lg2),
			(size_t)log2_to_int(isz_lg2));
	}
	pts->index = (unsigned int)start;
	return 0;
}

/*
 * Write @num leaves of 2^leaf_lg2 bytes from pts->index on, each fusing
 * 2^(leaf_lg2 - item size) items. The items were prepared.
 */
#ifdef PT_FMT_LEAF_LINEAR
/*
 * PT_FMT_LEAF_LINEAR_OA_LG2: a format whose leaf word is linear in the OA
 * only inside aligned OA blocks of this size (an address field split in
 * two) defines it; runs crossing such a boundary are written entry by entry.
 */
#ifndef PT_FMT_LEAF_LINEAR_OA_LG2
#define PT_FMT_LEAF_LINEAR_OA_LG2 64
#endif

/*
 * Items [start, start+2) hold two consecutive leaves; continue the
 * progression up to @end. Plain stores: the range is unreachable by other
 * CPUs' map operations (the caller owns it) and the walker may observe the
 * entries in any order, as with per-entry WRITE_ONCE.
 */
static __always_inline void pt_fill_linear(struct pt_state *pts,
					   unsigned int start, unsigned int end)
{
	if (PT_ITEM_WORD_SIZE == sizeof(u64)) {
		u64 *q = pt_cur_table(pts, u64) + start + 2;
		u64 *qend = pt_cur_table(pts, u64) + end;
		u64 e = q[-1], d = q[-1] - q[-2];
		/* Eight entries per step in four vectors, each + 8 * d. */
		pt_u64x2 v0 = { e + d, e + 2 * d };
		pt_u64x2 v1 = { e + 3 * d, e + 4 * d };
		pt_u64x2 v2 = { e + 5 * d, e + 6 * d };
		pt_u64x2 v3 = { e + 7 * d, e + 8 * d };
		pt_u64x2 step = { 8 * d, 8 * d };

		for (; qend - q >= 8; q += 8) {
			memcpy(q, &v0, sizeof(v0));
			memcpy(q + 2, &v1, sizeof(v1));
			memcpy(q + 4, &v2, sizeof(v2));
			memcpy(q + 6, &v3, sizeof(v3));
			v0 += step;
			v1 += step;
			v2 += step;
			v3 += step;
		}
		for (e = v0[0]; q != qend; q++, e += d)
			*q = e;
	} else {
		u32 *q = pt_cur_table(pts, u32) + start + 2;
		u32 *qend = pt_cur_table(pts, u32) + end;
		u32 e = q[-1], d = q[-1] - q[-2];
		pt_u32x4 v0 = { e + d, e + 2 * d, e + 3 * d, e + 4 * d };
		pt_u32x4 v1 = { e + 5 * d, e + 6 * d, e + 7 * d, e + 8 * d };
		pt_u32x4 step = { 8 * d, 8 * d, 8 * d, 8 * d };

		for (; qend - q >= 8; q += 8) {
			memcpy(q, &v0, sizeof(v0));
			memcpy(q + 4, &v1, sizeof(v1));
			v0 += step;
			v1 += step;
		}
		for (e = v0[0]; q != qend; q++, e += d)
			*q = e;
	}
}
#endif
