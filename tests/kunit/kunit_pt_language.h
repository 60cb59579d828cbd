/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * KUnit suite for the kernel-named generic page-table language: every name
 * docs/kernel-differences.md lists under "the language" is used here, the
 * way kernel code uses it, against the format of this template TU.
 *
 * Included by kunit_generic_pt.h, after its fixture (gpt_kunit_init()
 * makes a table in each configuration of kunit_fmt_cfgs).
 */
#ifndef __GENERICPT_KUNIT_PT_LANGUAGE_H
#define __GENERICPT_KUNIT_PT_LANGUAGE_H

/* The format's table type is a driver domain's first member. */
struct gpt_kunit_driver_domain {
	struct pt_iommu_table fmt_table;
};
PT_IOMMU_CHECK_DOMAIN(struct gpt_kunit_driver_domain, fmt_table.iommu,
		      fmt_table.iommu.domain);

/* A non-inline function named by NS(): its name starts with the format's. */
static const char *NS(kunit_ns_probe)(void)
{
	return __func__;
}

/* Address-type constants and the typed log2 family. */
static void test_lang_log2(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, (pt_vaddr_t)PT_VADDR_MAX, ~(pt_vaddr_t)0);
	KUNIT_EXPECT_EQ(test, (pt_oaddr_t)PT_OADDR_MAX, ~(pt_oaddr_t)0);
	KUNIT_EXPECT_EQ(test, (unsigned int)PT_VADDR_MAX_LG2,
			(unsigned int)(8 * sizeof(pt_vaddr_t)));
	KUNIT_EXPECT_EQ(test, (unsigned int)PT_OADDR_MAX_LG2,
			(unsigned int)(8 * sizeof(pt_oaddr_t)));
#ifdef kunit_fmt_cfgs
	/* The features the format's KUnit configurations use are built in. */
	KUNIT_EXPECT_EQ(test,
			(u64)KUNIT_FMT_FEATURES &
				~(u64)(PT_SUPPORTED_FEATURES |
				       PT_FORCE_ENABLED_FEATURES),
			0);
#endif
	KUNIT_EXPECT_EQ(test, strncmp(NS(kunit_ns_probe)(),
				      __stringify(PTPFX_RAW),
				      strlen(__stringify(PTPFX_RAW))),
			0);

	for (i = 0; i != 1000; i++) {
		u64 a = get_random_u64() >> get_random_u32_below(64);
		u32 a32 = (u32)a;
		unsigned int lg2 = get_random_u32_below(32);
		unsigned int ref_fls = 0, ref_ffs = 0, ref_ffz = 0;

		while (ref_fls != 64 && (a >> ref_fls))
			ref_fls++;
		KUNIT_ASSERT_EQ(test, fls_t(u64, a), ref_fls);
		if (a) {
			while (!((a >> ref_ffs) & 1))
				ref_ffs++;
			KUNIT_ASSERT_EQ(test, ffs_t(u64, a), ref_ffs);
		}
		if (a32 != U32_MAX) {
			while ((a32 >> ref_ffz) & 1)
				ref_ffz++;
			KUNIT_ASSERT_EQ(test, ffz_t(u32, a32), ref_ffz);
		}
		KUNIT_ASSERT_EQ(test, log2_div_t(u32, a32, lg2), a32 >> lg2);
		KUNIT_ASSERT_EQ(test, log2_mod_t(u32, a32, lg2),
				a32 & ((1u << lg2) - 1));
		KUNIT_ASSERT_EQ(test, log2_set_mod_max_t(u64, a, lg2),
				a | ((1ull << lg2) - 1));
		KUNIT_ASSERT_EQ(test, log2_mul_t(u32, a32, lg2), a32 << lg2);
		KUNIT_ASSERT_EQ(test, log2_div_eq_t(u64, a, a ^ (1ull << lg2),
						    lg2),
				false);
		KUNIT_ASSERT_EQ(test, log2_div_eq_t(u64, a, a ^ (1ull << lg2),
						    lg2 + 1),
				true);
		KUNIT_ASSERT_EQ(test, log2_mod_eq_max_t(u64, a | 0xff, 8), true);
		/* The fva forms are defined at the full width. */
		KUNIT_ASSERT_EQ(test, fvalog2_mod(a, PT_VADDR_MAX_LG2),
				(pt_vaddr_t)a);
		KUNIT_ASSERT_EQ(test, fvalog2_div(a, PT_VADDR_MAX_LG2), 0);
		KUNIT_ASSERT_EQ(test, fvalog2_set_mod_max(a, PT_VADDR_MAX_LG2),
				(pt_vaddr_t)PT_VADDR_MAX);
	}
}

/* pt_top_range() and friends span the aperture; pt_check_range() agrees. */
static void test_lang_ranges(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct pt_common *common = priv->common;
	struct iommu_domain *domain = &priv->fmt_table.iommu.domain;
	struct pt_range top = pt_top_range(common);
	struct pt_range upper = pt_upper_range(common);
	struct pt_range all = pt_all_range(common);
	struct pt_range r;

	KUNIT_EXPECT_PTR_EQ(test, top.top_table,
			    pt_top_table_of(common->top_of_table));
	KUNIT_EXPECT_EQ(test, (pt_vaddr_t)domain->geometry.aperture_start,
			top.va);
	KUNIT_EXPECT_EQ(test, pt_check_range(&top), 0);
	KUNIT_EXPECT_EQ(test, pt_check_range(&upper), 0);
	KUNIT_EXPECT_GE(test, all.last_va, top.last_va);
	if (pt_feature(common, PT_FEAT_SIGN_EXTEND)) {
		KUNIT_EXPECT_EQ(test, upper.last_va, (pt_vaddr_t)PT_VADDR_MAX);
		KUNIT_EXPECT_EQ(test, upper.va,
				(pt_vaddr_t)~log2_to_max_int(
					top.max_vasz_lg2 - 1));
	} else {
		KUNIT_EXPECT_EQ(test, upper.va, top.va);
		if (!pt_feature(common, PT_FEAT_DYNAMIC_TOP))
			KUNIT_EXPECT_EQ(test,
					(pt_vaddr_t)domain->geometry.aperture_end,
					top.last_va);
	}

	r = pt_make_range(common, top.va, top.va + 1);
	KUNIT_EXPECT_EQ(test, r.va, top.va);
	KUNIT_EXPECT_EQ(test, r.last_va, top.va + 1);
	KUNIT_EXPECT_EQ(test, r.top_level, top.top_level);
	KUNIT_EXPECT_EQ(test, pt_check_range(&r), 0);
	r = pt_make_child_range(&r, top.va + 1, top.va + 1);
	KUNIT_EXPECT_EQ(test, r.va, top.va + 1);
	if (top.last_va != (pt_vaddr_t)PT_VADDR_MAX &&
	    !pt_feature(common, PT_FEAT_SIGN_EXTEND) &&
	    !pt_feature(common, PT_FEAT_DYNAMIC_TOP)) {
		r = pt_make_range(common, top.va, top.last_va + 1);
		KUNIT_EXPECT_EQ(test, pt_check_range(&r), -ERANGE);
	}
	KUNIT_EXPECT_GE(test, pt_max_oa_lg2(NULL), pt_max_oa_lg2(common));
	KUNIT_EXPECT_GE(test, pt_max_oa_lg2(common), common->max_oasz_lg2);
	KUNIT_EXPECT_GE(test,
			pt_top_memsize_lg2(common, common->top_of_table),
			(unsigned int)ilog2(PT_ITEM_WORD_SIZE) + 1);
}

/* Counts leaves and tables below a range: a PT_MAKE_LEVELS() walker. */
struct gpt_kunit_count {
	unsigned int leaves;
	unsigned int tables;
};

static __always_inline int __gpt_kunit_count(struct pt_range *range,
					     void *arg, unsigned int level,
					     struct pt_table_p *table,
					     pt_level_fn_t descend_fn)
{
	struct pt_state pts = pt_init(range, level, table);
	struct gpt_kunit_count *count = arg;
	int ret;

	for_each_pt_level_entry(&pts) {
		if (pts.type == PT_ENTRY_TABLE) {
			count->tables++;
			ret = pt_descend(&pts, arg, descend_fn);
			if (ret)
				return ret;
		} else if (pts.type == PT_ENTRY_OA) {
			count->leaves++;
		}
	}
	return 0;
}
PT_MAKE_LEVELS(gpt_kunit_count_walk, __gpt_kunit_count);

/*
 * Map one page, then find it by hand from the top: pt_init_top(),
 * pt_load_single_entry() at each level, pt_item_oa() and the software
 * bits at the leaf; count it with a PT_MAKE_LEVELS() walker.
 */
static void test_lang_walk(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct iommu_domain *domain = &priv->fmt_table.iommu.domain;
	pt_vaddr_t pgsz = log2_to_int(priv->smallest_pgsz_lg2);
	pt_vaddr_t iova = domain->geometry.aperture_start + 9 * pgsz;
	pt_oaddr_t oa = 17 * pgsz;
	struct gpt_kunit_count count = {};
	struct iommu_iotlb_gather gather;
	struct pt_write_attrs attrs, after;
	struct pt_range range;
	struct pt_state pts;
	size_t mapped = 0;
	int ret;

	ret = DOMAIN_NS(map_pages)(domain, iova, oa, pgsz, 1, IOMMU_READ,
				   GFP_KERNEL, &mapped);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "map_pages: %pe", ERR_PTR(ret));

	range = pt_make_range(priv->common, iova + 3, iova + 3);
	KUNIT_ASSERT_EQ(test, pt_check_range(&range), 0);
	pts = pt_init_top(&range);
	while (pt_load_single_entry(&pts) == PT_ENTRY_TABLE) {
		KUNIT_ASSERT_TRUE(test, pt_can_have_table(&pts));
		KUNIT_ASSERT_NOT_NULL(test, pts.table_lower);
		pts = pt_init(&range, pts.level - 1, pts.table_lower);
	}
	KUNIT_ASSERT_EQ(test, pts.type, PT_ENTRY_OA);
	KUNIT_EXPECT_TRUE(test, pt_can_have_leaf(&pts));
	KUNIT_EXPECT_EQ(test, pt_entry_oa_exact(&pts), oa + 3);
	KUNIT_EXPECT_EQ(test, pt_item_oa(&pts),
			oalog2_set_mod(oa, 0, pt_table_item_lg2sz(&pts)));
	KUNIT_EXPECT_EQ(test, pt_entry_oa(&pts),
			oalog2_set_mod(oa, 0, pt_entry_oa_lg2sz(&pts)));
	KUNIT_EXPECT_FALSE(test, pt_entry_is_write_dirty(&pts));
	if (!pt_dirty_supported(priv->common))
		KUNIT_EXPECT_FALSE(test, pt_entry_is_write_dirty(&pts));
	pt_index_to_va(&pts);
	KUNIT_EXPECT_EQ(test, range.va,
			log2_set_mod(iova, 0, pt_table_item_lg2sz(&pts)));

	pt_attr_from_entry(&pts, &attrs);
#ifdef pt_sw_bit
	{
		unsigned int bitnr;

		for (bitnr = 0; bitnr <= pt_max_sw_bit(priv->common); bitnr++)
			KUNIT_ASSERT_FALSE(test,
					   pt_test_sw_bit_acquire(&pts, bitnr));
		for (bitnr = 0; bitnr <= pt_max_sw_bit(priv->common); bitnr++) {
			pt_set_sw_bit_release(&pts, bitnr);
			KUNIT_ASSERT_TRUE(test,
					  pt_test_sw_bit_acquire(&pts, bitnr));
		}
		/* Software bits change neither the leaf nor its attributes. */
		KUNIT_EXPECT_EQ(test, pt_load_entry_raw(&pts), PT_ENTRY_OA);
		KUNIT_EXPECT_EQ(test, pt_item_oa(&pts),
				oalog2_set_mod(oa, 0,
					       pt_table_item_lg2sz(&pts)));
		memset(&after, 0, sizeof(after));
		pt_attr_from_entry(&pts, &after);
		KUNIT_EXPECT_EQ(test, memcmp(&after, &attrs, sizeof(attrs)), 0);
		KUNIT_EXPECT_EQ(test, DOMAIN_NS(iova_to_phys)(domain, iova + 3),
				oa + 3);
	}
#else
	(void)after;
	KUNIT_EXPECT_EQ(test, pt_max_sw_bit(priv->common), 0);
#endif

	range = pt_make_range(priv->common, iova, iova + pgsz - 1);
	KUNIT_ASSERT_EQ(test, pt_walk_range(&range, gpt_kunit_count_walk,
					    &count),
			0);
	KUNIT_EXPECT_EQ(test, count.leaves, 1);
	KUNIT_EXPECT_EQ(test, count.tables, range.top_level);

	iommu_iotlb_gather_init(&gather);
	KUNIT_EXPECT_EQ(test,
			DOMAIN_NS(unmap_pages)(domain, iova, pgsz, 1, &gather),
			pgsz);
	iommu_put_pages_list(&gather.freelist);
}

#define GPT_KUNIT_LANGUAGE_CASES            \
	GPT_KUNIT_CASE(test_lang_log2),     \
	GPT_KUNIT_CASE(test_lang_ranges),   \
	GPT_KUNIT_CASE(test_lang_walk)

#endif
