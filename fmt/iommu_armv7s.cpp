// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The ARMv7 short-descriptor IOMMU page table: the generic algorithms
// compiled for this format.
#define PT_FMT armv7s
#define PT_SUPPORTED_FEATURES                                        \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) | BIT_ULL(PT_FEAT_ARMV7S_NS))

#include "iommu_template.h"
