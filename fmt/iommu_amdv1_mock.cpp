// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The AMDv1 layout with a 2 KiB granule, as the iommufd self-test's mock
// IOMMU uses it: exercises a page-table granule smaller than the CPU page.
#define AMDV1_IOMMUFD_SELFTEST 1
#define PT_FMT amdv1
#define PT_FMT_VARIANT mock
#define PT_SUPPORTED_FEATURES                                       \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_DYNAMIC_TOP) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE) |                               \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS))

#include "iommu_template.h"
