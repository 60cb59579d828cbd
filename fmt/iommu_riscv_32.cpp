// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The RISC-V Sv32 IOMMU page table (riscv_32): the generic algorithms
// compiled for the 32-bit build of the RISC-V format. Sv32 has no Svnapot,
// no Svpbmt, no sign extension, and its x4 G-stage form (34-bit guest
// addresses) does not fit the 32-bit address type, so none of those.
#define PT_FMT riscv
#define PT_FMT_VARIANT 32
#define PT_RISCV_32BIT
#define PT_SUPPORTED_FEATURES                                       \
	(BIT_ULL(PT_FEAT_DMA_INCOHERENT) |                             \
	 BIT_ULL(PT_FEAT_DETAILED_GATHER) | BIT_ULL(PT_FEAT_FLUSH_RANGE) | \
	 BIT_ULL(PT_FEAT_FLUSH_RANGE_NO_GAPS) |                       \
	 BIT_ULL(PT_FEAT_RISCV_HW_AD) | BIT_ULL(PT_FEAT_RISCV_GLOBAL))

/* As the kernel: the gather always says which levels changed. */
#define PT_FORCE_ENABLED_FEATURES BIT_ULL(PT_FEAT_DETAILED_GATHER)

#include "iommu_template.h"
