// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The x86_64 IOMMU page table: the generic algorithms compiled for this format.
#define PT_FMT x86_64
#define PT_SUPPORTED_FEATURES                                     \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_SIGN_EXTEND) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE) |                             \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                     \
	 BIT_ULL(PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))

#include "iommu_template.h"
