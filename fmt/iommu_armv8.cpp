// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The ARMv8 long-descriptor IOMMU page table with the granule chosen at
// init (pt_iommu_armv8_cfg.granule_lg2sz) and every armv8 feature: the
// generic algorithms compiled for fmt/armv8.h. fmt/iommu_armv8_4k.cpp etc.
// build the same header fixed to one granule.
#define PT_FMT armv8
#define PT_SUPPORTED_FEATURES                                             \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                                \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                           \
	 BIT_ULL(PT_FEAT_ARMV8_TTBR1) | BIT_ULL(PT_FEAT_ARMV8_LPA) |      \
	 BIT_ULL(PT_FEAT_ARMV8_LPA2) | BIT_ULL(PT_FEAT_ARMV8_LVA) |       \
	 BIT_ULL(PT_FEAT_ARMV8_S2) | BIT_ULL(PT_FEAT_ARMV8_DBM) |         \
	 BIT_ULL(PT_FEAT_ARMV8_S2FWB) | BIT_ULL(PT_FEAT_ARMV8_NS) |       \
	 BIT_ULL(PT_FEAT_ARMV8_AARCH32))

/* As the kernel: the gather always says which levels changed. */
#define PT_FORCE_ENABLED_FEATURES BIT_ULL(PT_FEAT_DETAILED_GATHER)

#include "iommu_template.h"
