/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * cut: split the leaf holding an IOVA into the next smaller size, building
 * the replacement privately and installing it with one store (genericpt
 * only).
 *
 * A part of iommu/iommu_pt.h, split out by concern; iommu_pt.h includes it
 * at exactly this point of the template TU (it uses what comes before and
 * is used by what follows). Not a header of its own: include iommu_pt.h.
 */
#ifndef __GENERIC_PT_IOMMU_PT_H
#error "include iommu/iommu_pt.h, not this fragment"
#endif

/* Free a private subtree built by cut when it cannot be installed. */
static void pt_free_private(struct pt_range *range, unsigned int level,
			    struct pt_table_p *table, u64 va)
{
	struct iommu_pages_list list = IOMMU_PAGES_LIST_INIT(list);
	struct pt_collect_args collect = { &list, 0, 0, 0 };
	struct pt_range sub = *range;
	unsigned int span = pt_level_span_lg2(range, level);

	sub.va = log2_set_mod(va, 0, span);
	sub.last_va = log2_set_mod_max(va, span);
	pt_collect_tables(&sub, &collect, level, table);
	iommu_pages_list_add(&list, table);
	iommu_put_pages_list(&list);
}

/*
 * Items of one entry that cut may have to split through a table besides the
 * one holding the iova: at most two per side (ascending, then descending
 * sizes) for a level that lacks one size.
 */
#define PT_CUT_MAX_EXTRA 4

static int DOMAIN_NS(cut)(struct pt_iommu *iommu_table, dma_addr_t iova, gfp_t gfp)
{
	struct pt_common *common = common_from_iommu(iommu_table);
	struct pt_table_p *extra[PT_CUT_MAX_EXTRA];
	u64 extra_va[PT_CUT_MAX_EXTRA];
	unsigned int n_extra;
	struct pt_table_p *lower = NULL;
	struct pt_iommu_map_args map;
	unsigned int isz_lg2, size_lg2, level;
	struct pt_find_args find;
	struct pt_range range;
	struct pt_state pts;
	u64 entry_va, entry_last, item_va = 0, va, done_va = 0;
	int ret;

	ret = pt_check_va(common, iova, iova);
	if (ret)
		return ret;
	if (log2_mod(iova, pt_granule_lg2sz(common)))
		return -EINVAL;
	if (pt_make_mapped_range(common, iova, iova, &range))
		return 0;
	ret = pt_walk_range(&range, pt_find_leaf, &find);
	if (ret)
		return ret == -EIO ? ret : 0; /* nothing mapped: nothing to cut */
	pts = find.leaf;
	level = pts.level;
	isz_lg2 = pt_table_item_lg2sz(&pts);
	size_lg2 = pt_entry_oa_lg2sz(&pts);
	if (!log2_mod(iova, size_lg2))
		return 0;
	/* Smaller leaves could not hold this OA (pt_narrow_oa_lg2()). */
	if (pt_narrow_oa_lg2(common) < 64 &&
	    log2_div(pt_entry_oa(&pts) + log2_to_max_int(size_lg2),
		     pt_narrow_oa_lg2(common)))
		return -ERANGE;

	entry_va = log2_set_mod(iova, 0, size_lg2);
	entry_last = log2_set_mod_max(iova, size_lg2);
	memset(&map, 0, sizeof(map));
	pt_attr_from_entry(&pts, &map.attrs);
	map.iommu_table = iommu_table;
	map.start_va = entry_va;
	map.start_oa = pt_entry_oa(&pts);
	map.gfp = gfp;
	map.checked = true;
#ifdef pt_entry_is_write_dirty
	map.leaf_dirty = pt_dirty_supported(common) &&
			 pt_entry_is_write_dirty(&pts);
#endif

	/* The item holding iova is split through a new private table. */
	if (log2_mod(iova, isz_lg2)) {
		struct pt_range sub = range;

		item_va = log2_set_mod(iova, 0, isz_lg2);
		lower = (struct pt_table_p *)pt_alloc_table(iommu_table, &range,
							    level - 1, gfp);
		if (!lower)
			return -ENOMEM;
		sub.va = item_va;
		sub.last_va = iova - 1;
		ret = pt_map_range(&sub, &map, level - 1, lower);
		if (!ret) {
			sub.va = iova;
			sub.last_va = log2_set_mod_max(iova, isz_lg2);
			ret = pt_map_range(&sub, &map, level - 1, lower);
		}
		if (ret) {
			pt_free_private(&range, level - 1, lower, iova);
			return ret;
		}
	}

	/*
	 * Plan the rest of the entry: the largest leaves of this level that
	 * fit. An item no leaf of this level can hold (a size the level lacks,
	 * e.g. AMDv1's 512 GiB) is built as a private table too, before
	 * anything is written, so a failed allocation changes nothing.
	 */
	n_extra = 0;
	for (va = entry_va;;) {
		u64 seg_last;
		pt_vaddr_t sizes;
		unsigned int leaf_lg2;

		if (lower && va == item_va) {
			va += log2_to_int(isz_lg2);
		} else {
			seg_last = va < iova ? (lower ? item_va : iova) - 1 :
					       entry_last;
			sizes = pt_possible_sizes(&pts) & log2_to_max_int(size_lg2);
			leaf_lg2 = pt_compute_best_pgsize(sizes, va, seg_last,
							  pt_map_oa(&map, va));
			if (leaf_lg2 >= isz_lg2) {
				va += log2_to_int(leaf_lg2);
			} else {
				struct pt_range sub = range;

				if (WARN_ON(n_extra == PT_CUT_MAX_EXTRA)) {
					ret = -EINVAL;
					goto err_extra;
				}
				extra[n_extra] = (struct pt_table_p *)pt_alloc_table(
					iommu_table, &range, level - 1, gfp);
				if (!extra[n_extra]) {
					ret = -ENOMEM;
					goto err_extra;
				}
				extra_va[n_extra++] = va;
				sub.va = va;
				sub.last_va = va + log2_to_max_int(isz_lg2);
				ret = pt_map_range(&sub, &map, level - 1,
						   extra[n_extra - 1]);
				if (ret)
					goto err_extra;
				va += log2_to_int(isz_lg2);
			}
		}
		if (va - 1 == entry_last)
			break;
	}

	/* Rewrite the entry's items: smaller leaves, and the new tables. */
	va = entry_va;
	while (true) {
		struct pt_table_p *install = NULL;
		unsigned int i;

		range.va = va;
		pts.index = (unsigned int)pt_va_to_index(&pts, va);
		if (lower && va == item_va)
			install = lower;
		for (i = 0; i != n_extra; i++)
			if (extra_va[i] == va)
				install = extra[i];
		if (install) {
			pt_load_entry_raw(&pts);
			while (!pt_install_lower(&pts, install, &map.attrs)) {
				u64 seen = pts.entry;

				/*
				 * The walker set A/D: retry. Unchanged: the
				 * format refused (and WARNed); items below va
				 * keep their translation, free the rest.
				 */
				pt_load_entry_raw(&pts);
				if (pts.entry == seen) {
					done_va = va;
					ret = -ENOMEM;
					goto err_extra;
				}
			}
			pt_flush_items(&pts, 0);
		} else {
			u64 seg_last = va < iova ? (lower ? item_va : iova) - 1 :
						   entry_last;
			pt_vaddr_t sizes = pt_possible_sizes(&pts) &
					   log2_to_max_int(size_lg2);
			unsigned int leaf_lg2 = pt_compute_best_pgsize(
				sizes, va, seg_last, pt_map_oa(&map, va));

			pt_map_write_leaves(&pts, &map, leaf_lg2, 1);
			va += log2_to_int(leaf_lg2);
			if (va - 1 == entry_last)
				break;
			continue;
		}
		va += log2_to_int(isz_lg2);
		if (va - 1 == entry_last)
			break;
	}
	return 0;

err_extra:
	while (n_extra--)
		if (extra[n_extra] && extra_va[n_extra] >= done_va)
			pt_free_private(&range, level - 1, extra[n_extra],
					extra_va[n_extra]);
	if (lower && item_va >= done_va)
		pt_free_private(&range, level - 1, lower, iova);
	return ret;
}
