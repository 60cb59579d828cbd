// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// An outside C++20 program built against an installed genericpt: two format
// libraries (amdv1, x86_64) in one program, tables on the heap. Exits 0
// only if every check holds.
#include <linux/generic_pt/iommu.h>
#include <genericpt/runtime.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			std::fprintf(stderr, "consume.cpp:%d: check failed: %s\n", \
				     __LINE__, #cond);                       \
			std::exit(1);                                        \
		}                                                            \
	} while (0)

static const iommu_domain_ops amd_ops = { IOMMU_PT_DOMAIN_OPS(amdv1) };
static const iommu_domain_ops x86_ops = { IOMMU_PT_DOMAIN_OPS(x86_64) };

int main()
{
	pt_iommu_amdv1 amd{};
	pt_iommu_amdv1_cfg amd_cfg{};
	pt_iommu_x86_64 x86{};
	pt_iommu_x86_64_cfg x86_cfg{};
	genericpt_alloc_stats st{};

	amd_cfg.starting_level = 2;
	x86_cfg.common.hw_max_vasz_lg2 = 48;
	x86_cfg.top_level = 3;
	CHECK(pt_iommu_amdv1_init(&amd, &amd_cfg, GFP_KERNEL) == 0);
	CHECK(pt_iommu_x86_64_init(&x86, &x86_cfg, GFP_KERNEL) == 0);
	amd.iommu.domain.ops = &amd_ops;
	x86.iommu.domain.ops = &x86_ops;

	std::vector<iommu_domain *> domains{ &amd.iommu.domain,
					     &x86.iommu.domain };
	for (iommu_domain *d : domains) {
		CHECK(iommu_map(d, 0x200000, 0x10000000, 0x400000,
				IOMMU_READ, GFP_KERNEL) == 0);
		CHECK(iommu_iova_to_phys(d, 0x3fffff) == 0x101fffff);
		CHECK(iommu_map(d, 0x200000, 0x0, 0x1000, IOMMU_READ,
				GFP_KERNEL) == -EADDRINUSE);
		CHECK(iommu_unmap(d, 0x200000, 0x400000) == 0x400000);
		CHECK(iommu_iova_to_phys(d, 0x200000) == 0);
	}
	pt_iommu_deinit(&amd.iommu);
	pt_iommu_deinit(&x86.iommu);
	genericpt_get_alloc_stats(&st);
	CHECK(st.live_tables == 0);
	CHECK(genericpt_warn_count() == 0);
	std::printf("consume.cpp: OK\n");
	return 0;
}
