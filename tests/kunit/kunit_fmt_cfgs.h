/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The table configurations the KUnit suites run each format with, for
 * formats whose header does not define its own kunit_fmt_cfgs (as the
 * kernel's format headers do).
 *
 * The build names the format of the TU being compiled with
 * -DGENERICPT_KUNIT_FMT_<name> (tests/kunit/CMakeLists.txt), which selects
 * one block here. Each block defines kunit_fmt_cfgs, an array of struct
 * pt_iommu_table_cfg; a format without a block runs once with an all-zero
 * configuration (the format's defaults).
 */
#ifndef __GENERICPT_KUNIT_FMT_CFGS_H
#define __GENERICPT_KUNIT_FMT_CFGS_H

#if defined(GENERICPT_KUNIT_FMT_amdv1) || defined(GENERICPT_KUNIT_FMT_amdv1_mock)
static const struct pt_iommu_table_cfg genericpt_kunit_fmt_cfgs[] = {
	{ .starting_level = 2 },
	{ .starting_level = 3 },
	/* The top level: 6 levels (5 with the mock's 2 KiB granule) */
	{ .starting_level = PT_MAX_TOP_LEVEL },
	{ .common.features = BIT(PT_FEAT_DYNAMIC_TOP), .starting_level = 0 },
};
#define kunit_fmt_cfgs genericpt_kunit_fmt_cfgs
#elif defined(GENERICPT_KUNIT_FMT_x86_64)
static const struct pt_iommu_table_cfg genericpt_kunit_fmt_cfgs[] = {
	{ .top_level = 3 },
	{ .top_level = 4 },
};
#define kunit_fmt_cfgs genericpt_kunit_fmt_cfgs
#elif defined(GENERICPT_KUNIT_FMT_vtdss) || defined(GENERICPT_KUNIT_FMT_riscv64)
static const struct pt_iommu_table_cfg genericpt_kunit_fmt_cfgs[] = {
	{ .top_level = 2 },
	{ .top_level = 3 },
	{ .top_level = 4 },
};
#define kunit_fmt_cfgs genericpt_kunit_fmt_cfgs
#elif defined(GENERICPT_KUNIT_FMT_armv8_4k) || \
	defined(GENERICPT_KUNIT_FMT_armv8_16k) || \
	defined(GENERICPT_KUNIT_FMT_armv8_64k)
static const struct pt_iommu_table_cfg genericpt_kunit_fmt_cfgs[] = {
	{ .common.hw_max_vasz_lg2 = 39 },
	{ .common.hw_max_vasz_lg2 = 47 },
	{ .common.features = BIT(PT_FEAT_ARMV8_S2),
	  .common.hw_max_vasz_lg2 = 40 },
};
#define kunit_fmt_cfgs genericpt_kunit_fmt_cfgs
#endif

#endif
