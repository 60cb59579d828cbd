/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * KUnit suite for the generic page-table language, in the kernel's style.
 *
 * Compiled as GNU C11 into one format's template TU: fmt/iommu_template.h
 * includes this file at its end when GENERIC_PT_KUNIT is defined, so the
 * format's functions (pt_num_items_lg2(), pt_possible_sizes(), ...) and the
 * algorithms (DOMAIN_NS(init), DOMAIN_NS(map_pages), ...) are the ones of that TU. The
 * build makes one program per format (tests/kunit/CMakeLists.txt); ctest
 * runs it as FMT/kunit.
 *
 * Every case runs once per configuration in kunit_fmt_cfgs, the format
 * header's list (under GENERIC_PT_KUNIT, as in the kernel's headers); a
 * header without one runs once with the all-zero configuration.
 */
#ifndef __GENERICPT_KUNIT_GENERIC_PT_H
#define __GENERICPT_KUNIT_GENERIC_PT_H

#include <kunit/test.h>
#include <kunit/device.h>
#include <linux/stringify.h>
#include <genericpt/runtime.h>


#ifdef PT_FMT_VARIANT
#define GPT_KUNIT_FMT_NAME __stringify(PT_FMT) "_" __stringify(PT_FMT_VARIANT)
#else
#define GPT_KUNIT_FMT_NAME __stringify(PT_FMT)
#endif

/**
 * struct gpt_kunit_priv - per-case state, made by gpt_kunit_init()
 * @fmt_table: the table under test (struct pt_iommu_FMT)
 * @top_lock: the lock PT_FEAT_DYNAMIC_TOP takes to change the top
 * @cfg: the configuration it was initialised with
 * @common: its struct pt_common
 * @before: allocator counters before init, to find leaks after deinit
 * @smallest_pgsz_lg2: log2 of the smallest page size the table offers
 */
struct gpt_kunit_priv {
	struct pt_iommu_table fmt_table;
	spinlock_t top_lock;
	struct pt_iommu_table_cfg cfg;
	struct pt_common *common;
	struct genericpt_alloc_stats before;
	unsigned int smallest_pgsz_lg2;
};

#ifdef kunit_fmt_cfgs
static const void *gpt_kunit_gen_cfg(struct kunit *test, const void *prev,
				     char *desc)
{
	uintptr_t cfg_id = (uintptr_t)prev + 1;

	(void)test;
	if (cfg_id > ARRAY_SIZE(kunit_fmt_cfgs))
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_cfg_%u", GPT_KUNIT_FMT_NAME,
		 (unsigned int)(cfg_id - 1));
	return (const void *)cfg_id;
}
#define GPT_KUNIT_CASE(test_name) \
	KUNIT_CASE_PARAM(test_name, gpt_kunit_gen_cfg)
#else
#define GPT_KUNIT_CASE(test_name) KUNIT_CASE(test_name)
#endif

static void gpt_kunit_change_top(struct pt_iommu *iommu_table,
				 phys_addr_t top_paddr, unsigned int top_level)
{
	(void)iommu_table;
	(void)top_paddr;
	(void)top_level;
}

static spinlock_t *gpt_kunit_get_top_lock(struct pt_iommu *iommu_table)
{
	struct gpt_kunit_priv *priv = container_of(
		iommu_table, struct gpt_kunit_priv, fmt_table.iommu);

	return &priv->top_lock;
}

static const struct pt_iommu_driver_ops gpt_kunit_driver_ops = {
	.change_top = gpt_kunit_change_top,
	.get_top_lock = gpt_kunit_get_top_lock,
};

/*
 * The range of the whole current top table, read from top_of_table the
 * way a lockless walker takes it: one load gives table and level.
 */
static struct pt_range gpt_kunit_top_range(struct pt_common *common)
{
	uintptr_t top_of_table = READ_ONCE(common->top_of_table);
	struct pt_range range = {
		.common = common,
		.top_table = (struct pt_table_p *)(top_of_table &
						   ~(uintptr_t)PT_TOP_LEVEL_MASK),
		.top_level = top_of_table & PT_TOP_LEVEL_MASK,
		.max_vasz_lg2 = common->max_vasz_lg2,
	};

	return range;
}

/* A pt_state for the table level @level of @range (no table memory). */
static struct pt_state gpt_kunit_level(struct pt_range *range,
				       unsigned int level)
{
	struct pt_state pts = {
		.range = range,
		.level = level,
	};

	if (level == range->top_level)
		pts.table = range->top_table;
	return pts;
}

static int gpt_kunit_init(struct kunit *test)
{
	struct gpt_kunit_priv *priv;
	int ret;

	priv = kunit_kzalloc(test, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
#ifdef kunit_fmt_cfgs
	priv->cfg = kunit_fmt_cfgs[(uintptr_t)test->param_value - 1];
#endif
	spin_lock_init(&priv->top_lock);
	priv->fmt_table.iommu.nid = NUMA_NO_NODE;
	priv->fmt_table.iommu.driver_ops = &gpt_kunit_driver_ops;
	priv->fmt_table.iommu.iommu_device =
		kunit_device_register(test, "genericpt_kunit");
	genericpt_get_alloc_stats(&priv->before);

	ret = DOMAIN_NS(init)(&priv->fmt_table, &priv->cfg, GFP_KERNEL);
	if (ret == -EOPNOTSUPP)
		kunit_skip(test, "configuration not built into this library");
	if (ret == -EOVERFLOW)
		kunit_skip(test, "configuration cannot be tested on 32 bit");
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "init failed: %pe", ERR_PTR(ret));

	priv->common = common_from_iommu(&priv->fmt_table.iommu);
	priv->smallest_pgsz_lg2 =
		vaffs(priv->fmt_table.iommu.domain.pgsize_bitmap);
	test->priv = priv;
	return 0;
}

static void gpt_kunit_exit(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct genericpt_alloc_stats after;

	if (!priv)
		return;
	pt_iommu_deinit(&priv->fmt_table.iommu);
	genericpt_get_alloc_stats(&after);
	KUNIT_EXPECT_EQ_MSG(test, after.live_tables, priv->before.live_tables,
			    "deinit left table memory behind");
}

/* init produced a usable table. */
static void test_init(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct pt_range range = gpt_kunit_top_range(priv->common);

	KUNIT_ASSERT_NOT_NULL(test, range.top_table);
	KUNIT_ASSERT_LE(test, range.top_level, PT_MAX_TOP_LEVEL);
	KUNIT_EXPECT_NE(test, priv->fmt_table.iommu.domain.pgsize_bitmap, 0);
	KUNIT_EXPECT_LE(test, priv->common->max_vasz_lg2,
			PT_MAX_VA_ADDRESS_LG2);
	KUNIT_EXPECT_GT(test, priv->common->max_oasz_lg2, 0);
	KUNIT_EXPECT_NOT_NULL(test, priv->fmt_table.iommu.ops);
}

/* A new top table holds nothing. */
static void test_top_empty(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct pt_range range = gpt_kunit_top_range(priv->common);
	struct pt_state pts = gpt_kunit_level(&range, range.top_level);

	pts.index = 0;
	KUNIT_EXPECT_EQ(test, pt_load_entry_raw(&pts), PT_ENTRY_EMPTY);
}

/*
 * The levels decode a contiguous run of VA bits: each level's items are as
 * large as a whole table of the level below, level 0's items are the
 * smallest page, and the top level has at least two items.
 */
static void test_level_radix(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct pt_range range = gpt_kunit_top_range(priv->common);
	struct pt_state pts = gpt_kunit_level(&range, 0);
	unsigned int level;

	KUNIT_EXPECT_EQ(test, pt_table_item_lg2sz(&pts),
			priv->smallest_pgsz_lg2);
	for (level = 1; level <= range.top_level; level++) {
		struct pt_state lower = gpt_kunit_level(&range, level - 1);

		pts = gpt_kunit_level(&range, level);
		KUNIT_EXPECT_EQ_MSG(test, pt_table_item_lg2sz(&pts),
				    pt_table_item_lg2sz(&lower) +
					    pt_num_items_lg2(&lower),
				    "level %u", level);
	}
	pts = gpt_kunit_level(&range, range.top_level);
	KUNIT_EXPECT_LT(test, pt_table_item_lg2sz(&pts),
			priv->common->max_vasz_lg2);
}

/*
 * pt_possible_sizes() against pt_can_have_leaf() at every level of the
 * table: nothing without a leaf, nothing smaller than an item, no entry as
 * large as a whole lower table, level 0 holds leaves, and every page size
 * the domain offers is possible at some level.
 */
static void test_possible_sizes(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct pt_range range = gpt_kunit_top_range(priv->common);
	unsigned int max_level = range.top_level;
	pt_vaddr_t all_sizes = 0;
	struct pt_state leaf0;
	unsigned int level;

	/* A table that grows its top may use sizes of the levels above. */
	if (pt_feature(priv->common, PT_FEAT_DYNAMIC_TOP))
		max_level = PT_MAX_TOP_LEVEL;

	for (level = 0; level <= max_level; level++) {
		struct pt_state pts = gpt_kunit_level(&range, level);
		unsigned int isz_lg2 = pt_table_item_lg2sz(&pts);
		pt_vaddr_t sizes;

		if (isz_lg2 >= priv->common->max_vasz_lg2)
			break;
		sizes = pt_possible_sizes(&pts);
		all_sizes |= sizes;
		if (!pt_can_have_leaf(&pts)) {
			KUNIT_EXPECT_EQ_MSG(test, sizes, 0, "level %u", level);
			continue;
		}
		KUNIT_EXPECT_NE_MSG(test, sizes, 0, "level %u", level);
		KUNIT_EXPECT_EQ_MSG(test, log2_mod(sizes, isz_lg2), 0,
				    "level %u", level);
		if (level < range.top_level)
			KUNIT_EXPECT_EQ_MSG(
				test,
				log2_div(sizes, isz_lg2 + pt_num_items_lg2(&pts)),
				0, "level %u", level);
	}

	leaf0 = gpt_kunit_level(&range, 0);
	KUNIT_EXPECT_TRUE(test, pt_can_have_leaf(&leaf0));
	KUNIT_EXPECT_EQ(test,
			priv->fmt_table.iommu.domain.pgsize_bitmap & ~all_sizes,
			0);
}

/* Map, translate and unmap the smallest page through the entry points. */
static void test_map_smallest(struct kunit *test)
{
	struct gpt_kunit_priv *priv = test->priv;
	struct iommu_domain *domain = &priv->fmt_table.iommu.domain;
	unsigned long pgsz = 1UL << priv->smallest_pgsz_lg2;
	unsigned long iova = domain->geometry.aperture_start + 3 * pgsz;
	phys_addr_t oa = 5 * (phys_addr_t)pgsz;
	struct iommu_iotlb_gather gather;
	size_t mapped = 0;
	int ret;

	ret = DOMAIN_NS(map_pages)(domain, iova, oa, pgsz, 1, IOMMU_READ | IOMMU_WRITE,
			    GFP_KERNEL, &mapped);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "map_pages: %pe", ERR_PTR(ret));
	KUNIT_EXPECT_EQ(test, mapped, pgsz);
	KUNIT_EXPECT_EQ(test, DOMAIN_NS(iova_to_phys)(domain, iova + 7), oa + 7);
	KUNIT_EXPECT_EQ(test, DOMAIN_NS(iova_to_phys)(domain, iova + pgsz), 0);

	iommu_iotlb_gather_init(&gather);
	KUNIT_EXPECT_EQ(test, DOMAIN_NS(unmap_pages)(domain, iova, pgsz, 1, &gather),
			pgsz);
	iommu_put_pages_list(&gather.freelist);
	KUNIT_EXPECT_EQ(test, DOMAIN_NS(iova_to_phys)(domain, iova), 0);
}

/* The largest page size fitting the alignment of va and oa, brute force. */
static unsigned int gpt_kunit_ref_best_pgsize(pt_vaddr_t pgsz_bitmap,
					      pt_vaddr_t va, pt_vaddr_t last_va,
					      pt_oaddr_t oa)
{
	unsigned int lg2;

	for (lg2 = PT_VADDR_MAX_LG2 - 1; lg2 != 0; lg2--) {
		pt_vaddr_t sz = (pt_vaddr_t)1 << lg2;

		if ((pgsz_bitmap & sz) && !(va & (sz - 1)) &&
		    !(oa & (sz - 1)) && last_va - va >= sz - 1)
			return lg2;
	}
	return 0;
}

/* pt_compute_best_pgsize() against the brute-force reference. */
static void test_best_pgsize(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i != 2000; i++) {
		unsigned int align_lg2 = get_random_u32_below(40);
		pt_vaddr_t pgsz_bitmap = get_random_u64() & ~(pt_vaddr_t)1;
		pt_vaddr_t va = (get_random_u64() >> 2) << align_lg2 >> 2;
		pt_oaddr_t oa = (get_random_u64() >> 12) << align_lg2 >> 2;
		pt_vaddr_t last_va = va + (get_random_u64() >> 30) + 1;

		KUNIT_ASSERT_EQ_MSG(
			test, pt_compute_best_pgsize(pgsz_bitmap, va, last_va, oa),
			gpt_kunit_ref_best_pgsize(pgsz_bitmap, va, last_va, oa),
			"bitmap 0x%llx va 0x%llx last 0x%llx oa 0x%llx",
			(unsigned long long)pgsz_bitmap, (unsigned long long)va,
			(unsigned long long)last_va, (unsigned long long)oa);
	}
}

#include "kunit_pt_language.h"

static struct kunit_case gpt_kunit_generic_pt_cases[] = {
	GPT_KUNIT_CASE(test_init),
	GPT_KUNIT_CASE(test_top_empty),
	GPT_KUNIT_CASE(test_level_radix),
	GPT_KUNIT_CASE(test_possible_sizes),
	GPT_KUNIT_CASE(test_map_smallest),
	GPT_KUNIT_CASE(test_best_pgsize),
	GPT_KUNIT_LANGUAGE_CASES,
	{},
};

static struct kunit_suite gpt_kunit_generic_pt_suite = {
	.name = GPT_KUNIT_FMT_NAME "_generic_pt",
	.init = gpt_kunit_init,
	.exit = gpt_kunit_exit,
	.test_cases = gpt_kunit_generic_pt_cases,
};
kunit_test_suites(&gpt_kunit_generic_pt_suite);

#endif
