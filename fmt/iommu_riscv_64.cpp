// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The RISC-V Sv39/Sv48/Sv57 IOMMU page table (riscv_64): the generic
// algorithms compiled for this format.
#define PT_FMT riscv
#define PT_FMT_VARIANT 64
#define PT_SUPPORTED_FEATURES                                       \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_SIGN_EXTEND) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE) |                               \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                       \
	 BIT_ULL(PT_FEAT_RISCV_SVNAPOT_64K) |                         \
	 BIT_ULL(PT_FEAT_RISCV_HW_AD) | BIT_ULL(PT_FEAT_RISCV_GSTAGE) | \
	 BIT_ULL(PT_FEAT_RISCV_GLOBAL) | BIT_ULL(PT_FEAT_RISCV_SVPBMT))

/* As the kernel: the gather always says which levels changed. */
#define PT_FORCE_ENABLED_FEATURES BIT_ULL(PT_FEAT_DETAILED_GATHER)

#include "iommu_template.h"
