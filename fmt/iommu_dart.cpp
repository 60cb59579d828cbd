// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The Apple DART IOMMU page table with 16 KiB pages, DART1 and (with
// PT_FEAT_DART_V2) DART2 PTE layouts: the generic algorithms compiled for
// this format.
#define PT_FMT dart
#define PT_SUPPORTED_FEATURES                                        \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) | BIT_ULL(PT_FEAT_DART_V2))

#include "iommu_template.h"
