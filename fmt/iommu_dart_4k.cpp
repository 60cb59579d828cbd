// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The Apple DART IOMMU page table with 4 KiB pages (older DARTs, DART1 PTE
// layout only: the DART2 address field cannot hold PA[13:12]).
#define DART_GRANULE_4K 1
#define PT_FMT dart
#define PT_FMT_VARIANT 4k
#define PT_SUPPORTED_FEATURES                                        \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS))

#include "iommu_template.h"
