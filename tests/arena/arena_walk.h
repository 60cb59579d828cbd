// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hardware walker (tests/hw) of the format under test, driven from the
 * table's pt_iommu_FMT_hw_info() the way a device would be programmed, and
 * reading memory only through a hw::Memory (for the arena tests: a copy of
 * the arena's bytes at the arena's physical base).
 *
 * One block per format, selected by GPT_FMT_IS_<name> (set by CMake). A
 * format without a block still gets the arena tests, minus the walker check
 * (kHaveWalker == false; the test warns). Adding a format: add a block that
 * fills the walker's Config from HwInfo.
 */
#pragma once

#include "gpt_harness.h"
#include "hw_walker.h"

#if defined(GPT_FMT_IS_amdv1) || defined(GPT_FMT_IS_amdv1_mock)
#include "walk_amdv1.h"
#elif defined(GPT_FMT_IS_x86_64) || defined(GPT_FMT_IS_x86pae)
#include "walk_x86.h"
#elif defined(GPT_FMT_IS_vtdss)
#include "walk_vtdss.h"
#elif defined(GPT_FMT_IS_riscv_64) || defined(GPT_FMT_IS_riscv_32)
#include "walk_riscv.h"
#endif

namespace gpt::arena {

#if defined(GPT_FMT_IS_amdv1) || defined(GPT_FMT_IS_amdv1_mock)
inline constexpr bool kHaveWalker = true;

inline hw::Translation hw_walk(Table &t, hw::Memory &mem, u64 iova,
			       hw::Access acc)
{
	HwInfo info = t.hw_info();
	hw::amdv1::Config c;

	c.root_pa = info.host_pt_root;
	c.mode = info.mode;
	if (t.t.amdpt.common.features & (1u << PT_FEAT_AMDV1_ENCRYPT_TABLES))
		c.sme_mask = genericpt_sme_me_mask;
#if defined(GPT_FMT_IS_amdv1_mock)
	return hw::amdv1_mock::walk(mem, c, iova, acc);
#else
	return hw::amdv1::walk(mem, c, iova, acc);
#endif
}

#elif defined(GPT_FMT_IS_x86_64)
inline constexpr bool kHaveWalker = true;

inline hw::Translation hw_walk(Table &t, hw::Memory &mem, u64 iova,
			       hw::Access acc)
{
	HwInfo info = t.hw_info();
	hw::x86_64::Config c;

	c.root_pa = info.gcr3_pt;
	c.levels = info.levels;
	c.hw_ad = false;
	c.user = false;
	if (t.t.x86_64_pt.common.features &
	    (1u << PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		c.sme_mask = genericpt_sme_me_mask;
	return hw::x86_64::walk(mem, c, iova, acc);
}

#elif defined(GPT_FMT_IS_x86pae)
inline constexpr bool kHaveWalker = true;

inline hw::Translation hw_walk(Table &t, hw::Memory &mem, u64 iova,
			       hw::Access acc)
{
	hw::x86pae::Config c;

	c.root_pa = t.hw_info().cr3;
	c.hw_ad = true;
	c.nxe = true;
	c.user = true;
	return hw::x86pae::walk(mem, c, iova, acc);
}

#elif defined(GPT_FMT_IS_vtdss)
inline constexpr bool kHaveWalker = true;

inline hw::Translation hw_walk(Table &t, hw::Memory &mem, u64 iova,
			       hw::Access acc)
{
	HwInfo info = t.hw_info();
	hw::vtdss::Config c;

	c.root_pa = info.ssptptr;
	c.aw = info.aw;
	c.sl_exec = true;
	c.snoop_control = true;
	return hw::vtdss::walk(mem, c, iova, acc);
}

#elif defined(GPT_FMT_IS_riscv_64) || defined(GPT_FMT_IS_riscv_32)
inline constexpr bool kHaveWalker = true;

inline hw::Translation hw_walk(Table &t, hw::Memory &mem, u64 iova,
			       hw::Access acc)
{
	HwInfo info = t.hw_info();
	hw::riscv::Config c;

	c.root_ppn = info.ppn;
	c.mode = info.fsc_iosatp_mode;
	c.hw_ad = true; /* the walker sets A/D itself (in the copy) */
#ifdef GPT_FMT_IS_riscv_32
	c.sxl32 = true;
#else
	c.x4 = t.t.riscv_64pt.common.features & (1u << PT_FEAT_RISCV_GSTAGE);
#endif
	c.svnapot = true;
	c.svpbmt = true;
	return hw::riscv::walk(mem, c, iova, acc);
}

#else
inline constexpr bool kHaveWalker = false;

inline hw::Translation hw_walk(Table &, hw::Memory &, u64, hw::Access)
{
	return {};
}
#endif

} // namespace gpt::arena
