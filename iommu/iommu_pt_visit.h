/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The visitor: for_each_entry reports every table and entry of a table in
 * order, for dumps and walkers outside the library (genericpt only).
 *
 * A part of iommu/iommu_pt.h, split out by concern; iommu_pt.h includes it
 * at exactly this point of the template TU (it uses what comes before and
 * is used by what follows). Not a header of its own: include iommu_pt.h.
 */
#ifndef __GENERIC_PT_IOMMU_PT_H
#error "include iommu/iommu_pt.h, not this fragment"
#endif

/* ---- for_each_entry ---- */

struct pt_visit_args {
	pt_iommu_visit_fn fn;
	void *ctx;
	unsigned int table_size_lg2;
};

static void pt_visit_table_info(const struct pt_state *pts,
				struct pt_iommu_visit *v,
				unsigned int table_size_lg2)
{
	memset(v, 0, sizeof(*v));
	v->level = pts->level;
	v->table_pa = virt_to_phys(pts->table);
	v->table_size_lg2 = table_size_lg2;
	v->num_items_lg2 = pt_num_items_lg2(pts);
	v->item_size_lg2 = ilog2(PT_ITEM_WORD_SIZE);
}

/* Report upper-half VAs of sign-extended tables in canonical form. */
static inline u64 pt_visit_sext(const struct pt_common *common, u64 va)
{
	unsigned int vasz = common->max_vasz_lg2;

	if (pt_feature(common, PT_FEAT_SIGN_EXTEND) && vasz < 64 &&
	    (va >> (vasz - 1)) & 1)
		va |= ~log2_to_max_int(vasz);
	return va;
}

static __always_inline int __visit(struct pt_range *range, void *arg,
				   unsigned int level, struct pt_table_p *table,
				   pt_level_fn_t descend)
{
	struct pt_visit_args *va = (struct pt_visit_args *)arg;
	unsigned int table_size_lg2 = va->table_size_lg2;
	struct pt_iommu_visit v;
	int ret;

	struct pt_state pts = pt_init(range, level, table);
	pt_visit_table_info(&pts, &v, table_size_lg2);
	v.kind = PT_VISIT_TABLE;
	v.va = log2_set_mod(range->va, 0, pt_table_oa_lg2sz(&pts));
	v.size_lg2 = pt_table_oa_lg2sz(&pts);
	v.va = pt_visit_sext(range->common, v.va);
	ret = va->fn(va->ctx, &v);
	if (ret)
		return ret;
	for_each_pt_level_entry(&pts) {
		if (pts.type == PT_ENTRY_EMPTY)
			continue;
		pt_visit_table_info(&pts, &v, table_size_lg2);
		v.raw = pts.entry;
		if (pts.type == PT_ENTRY_OA) {
			v.kind = PT_VISIT_LEAF;
			v.num_contig_lg2 = pt_entry_num_contig_lg2(&pts);
			v.size_lg2 = pt_entry_oa_lg2sz(&pts);
			v.index = (unsigned int)log2_set_mod(pts.index, 0,
							     v.num_contig_lg2);
			v.va = log2_set_mod(pt_index_va(&pts), 0, v.size_lg2);
			v.oa = pt_entry_oa(&pts);
#ifdef pt_entry_is_write_dirty
			v.dirty = pt_dirty_supported(range->common) &&
				  pt_entry_is_write_dirty(&pts);
#endif
			v.va = pt_visit_sext(range->common, v.va);
			ret = va->fn(va->ctx, &v);
			if (ret)
				return ret;
			continue;
		}
		v.kind = PT_VISIT_POINTER;
		v.index = pts.index;
		v.size_lg2 = pt_table_item_lg2sz(&pts);
		v.va = pt_index_va(&pts);
		v.oa = pt_table_pa(&pts);
		v.va = pt_visit_sext(range->common, v.va);
		ret = va->fn(va->ctx, &v);
		if (ret)
			return ret;
		va->table_size_lg2 =
			pt_level_memsize_lg2(pts.range, pts.level - 1);
		ret = pt_descend(&pts, arg, descend);
		va->table_size_lg2 = table_size_lg2;
		if (ret)
			return ret;
	}
	return 0;
}
PT_MAKE_LEVELS(pt_visit, __visit)

static int DOMAIN_NS(for_each_entry)(struct pt_iommu *iommu_table,
			      pt_iommu_visit_fn fn, void *ctx)
{
	struct pt_common *common = common_from_iommu(iommu_table);
	struct pt_visit_args va;
	struct pt_range range;

	range = pt_all_range(common);
	va.fn = fn;
	va.ctx = ctx;
	va.table_size_lg2 = pt_top_memsize_lg2(common, range.top_level);
	return pt_walk_range(&range, pt_visit, &va);
}
