// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The ARMv8 long-descriptor IOMMU page table with the 16K granule: the
// generic algorithms compiled for fmt/armv8.h.
#define ARMV8_GRANULE_LG2SZ 14
#define PT_FMT armv8
#define PT_FMT_VARIANT 16k
#define PT_SUPPORTED_FEATURES                                             \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                           \
	 BIT_ULL(PT_FEAT_ARMV8_TTBR1) | BIT_ULL(PT_FEAT_ARMV8_S2) |       \
	 BIT_ULL(PT_FEAT_ARMV8_DBM) | BIT_ULL(PT_FEAT_ARMV8_S2FWB) |      \
	 BIT_ULL(PT_FEAT_ARMV8_NS))

/* As the kernel: the gather always says which levels changed. */
#define PT_FORCE_ENABLED_FEATURES BIT_ULL(PT_FEAT_DETAILED_GATHER)

#include "iommu_template.h"
