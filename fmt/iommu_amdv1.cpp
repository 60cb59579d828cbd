// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The amdv1 IOMMU page table: the generic algorithms compiled for this format.
#define PT_FMT amdv1
#define PT_SUPPORTED_FEATURES                                       \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_DYNAMIC_TOP) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE) |                               \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                       \
	 BIT_ULL(PT_FEAT_AMDV1_ENCRYPT_TABLES) |                      \
	 BIT_ULL(PT_FEAT_AMDV1_FORCE_COHERENCE))

#include "iommu_template.h"
