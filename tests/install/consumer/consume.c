// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * An outside C program built against an installed genericpt: an AMDv1
 * table in an arena (a VMM-style use), mapped, translated, unmapped. Exits
 * 0 only if every check holds.
 */
#include <linux/generic_pt/iommu.h>
#include <genericpt/arena.h>
#include <genericpt/runtime.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "consume.c:%d: check failed: %s\n", \
				__LINE__, #cond);                          \
			exit(1);                                           \
		}                                                          \
	} while (0)

static unsigned int syncs;

static void my_iotlb_sync(struct iommu_domain *domain,
			  struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
	syncs++;
}

static const struct iommu_domain_ops my_ops = {
	IOMMU_PT_DOMAIN_OPS(amdv1),
	.iotlb_sync = my_iotlb_sync,
};

int main(void)
{
	const size_t arena_size = 1 << 20;
	const phys_addr_t arena_pa = 0x80000000ULL;
	struct pt_iommu_amdv1 table = { 0 };
	struct pt_iommu_amdv1_cfg cfg = { .starting_level = 3 };
	struct pt_iommu_amdv1_hw_info hw;
	struct genericpt_arena_stats st;
	void *mem;
	int nid;

	mem = mmap(NULL, arena_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(mem != MAP_FAILED);
	nid = genericpt_arena_register(mem, arena_pa, arena_size);
	CHECK(nid >= GENERICPT_ARENA_NID_BASE);

	table.iommu.nid = nid;
	CHECK(pt_iommu_amdv1_init(&table, &cfg, GFP_KERNEL) == 0);
	table.iommu.domain.ops = &my_ops;
	pt_iommu_amdv1_hw_info(&table, &hw);
	CHECK(hw.mode == 4);
	CHECK(hw.host_pt_root >= arena_pa &&
	      hw.host_pt_root < arena_pa + arena_size);

	CHECK(iommu_map(&table.iommu.domain, 0x100000, 0x40000000, 0x200000,
			IOMMU_READ | IOMMU_WRITE, GFP_KERNEL) == 0);
	CHECK(iommu_iova_to_phys(&table.iommu.domain, 0x100123) == 0x40000123);
	CHECK(iommu_iova_to_phys(&table.iommu.domain, 0x300000) == 0);
	CHECK(genericpt_arena_get_stats(nid, &st) == 0);
	CHECK(st.live_tables >= 2);
	CHECK(iommu_unmap(&table.iommu.domain, 0x100000, 0x200000) == 0x200000);
	CHECK(syncs >= 1);
	pt_iommu_deinit(&table.iommu);

	CHECK(genericpt_arena_get_stats(nid, &st) == 0);
	CHECK(st.live_tables == 0 && st.used_bytes == 0);
	CHECK(genericpt_arena_unregister(nid) == 0);
	CHECK(genericpt_warn_count() == 0);
	munmap(mem, arena_size);
	printf("consume.c: OK\n");
	return 0;
}
