// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The riscv_64 tables read by the RISC-V Sv39/48/57 (x4) walker
// (tests/hw/walk_riscv.h); with GPT_RISCV_SV32 (tests/oracle/riscv_32.h)
// the riscv_32 tables read by its Sv32 mode.
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "walk_riscv.h"

#ifndef GPT_RISCV_SV32
#define GPT_RISCV_SV32 0
#endif

namespace gpt::oracle {

/*
 * iosatp/iohgatp PPN and MODE from hw_info (for Sv32 a device context with
 * SXL=1); the G-stage format and the
 * hardware A/D updating (DC.tc.SADE/GADE) as the device context would be
 * set for the table's features; Svnapot and Svpbmt implemented. A
 * privileged request is an S-mode access (SUM clear), else U-mode.
 */
inline hw::riscv::Config riscv_hw(Table &t, const ConfigCase &cc, bool privileged)
{
	HwInfo h = t.hw_info();
	unsigned f = user_features(cc);
	hw::riscv::Config c;
	c.root_ppn = h.ppn;
	c.mode = h.fsc_iosatp_mode;
	c.sxl32 = GPT_RISCV_SV32;
	c.hw_ad = f & (1u << PT_FEAT_RISCV_HW_AD);
	c.x4 = f & (1u << PT_FEAT_RISCV_GSTAGE);
	c.svnapot = true;
	c.svpbmt = true;
	c.supervisor = privileged;
	return c;
}

class Walker : public BasicWalker<hw::riscv::Config, hw::riscv::walk,
				  hw::riscv::tables> {
public:
	Walker(Table &t, const ConfigCase &cc, bool privileged)
		: BasicWalker(riscv_hw(t, cc, privileged))
	{
	}
};

/*
 * U=1 unless IOMMU_PRIV (always for the G-stage, where every access is a
 * U-mode access): U-mode requests need U=1, S-mode requests U=0. W implies
 * R (W without R is reserved); X unless IOMMU_NOEXEC.
 */
inline Perms expect_perms(const ConfigCase &cc, int prot, bool privileged, bool)
{
	bool gstage = user_features(cc) & (1u << PT_FEAT_RISCV_GSTAGE);
	bool u = gstage || !(prot & IOMMU_PRIV);
	bool ok = (gstage || !privileged) ? u : !u;
	return { ok && (prot & (IOMMU_READ | IOMMU_WRITE)),
		 ok && (prot & IOMMU_WRITE), ok && !(prot & IOMMU_NOEXEC) };
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC };
}

/*
 * Sv39/48/57: 512-entry tables (the x4 root has 2048), a leaf at every
 * level; MODE 8/9/10 = 3/4/5 levels; 56-bit PA; sign-extended VAs unless
 * G-stage. Sv32: 1024-entry tables, MODE 8 = 2 levels, 34-bit PA, no sign
 * extension. D set by hardware only with hardware A/D updating.
 */
inline Facts facts(Table &t, const ConfigCase &cc)
{
	unsigned feat = user_features(cc);
	unsigned bits = GPT_RISCV_SV32 ? 10 : 9;
	Facts f;
	f.top = GPT_RISCV_SV32 ? 1u : t.hw_info().fsc_iosatp_mode - 6u;
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = 12 + bits * k;
	f.dirty = feat & (1u << PT_FEAT_RISCV_HW_AD);
	/* The PA width the IOMMU implements (a platform fact, from the cfg). */
	f.oa_lg2 = GPT_RISCV_SV32 ? 34 : 56;
	if (unsigned hw = user_cfg(cc).common.hw_max_oasz_lg2)
		f.oa_lg2 = std::min(f.oa_lg2, hw);
	f.sign_extend = feat & (1u << PT_FEAT_SIGN_EXTEND);
	return f;
}

} // namespace gpt::oracle
#endif
