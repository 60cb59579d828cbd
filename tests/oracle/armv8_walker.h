// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The armv8 tables read by the VMSAv8-64 walker (tests/hw/walk_armv8.h):
// the adapter shared by the armv8, armv8_4k, armv8_16k and armv8_64k
// oracle headers; the granule comes from TCR/VTCR.TG as a driver's would.
#include "walk_armv8.h"

namespace gpt::oracle {

/* TCR_ELx.IPS / VTCR_EL2.PS to bits (D8, "Output address size"). */
inline unsigned armv8_ips_bits(unsigned ips)
{
	static const unsigned b[] = { 32, 36, 40, 42, 44, 48, 52 };
	return ips < 7 ? b[ips] : 0;
}

/* TG0 / TG1 (with TTBR1) to the granule, log2 bytes. */
inline unsigned armv8_tg_granule(unsigned tg, bool tg1)
{
	static const unsigned t0[] = { 12, 16, 14, 0 }, t1[] = { 0, 14, 12, 16 };
	return tg1 ? t1[tg & 3] : t0[tg & 3];
}

/*
 * The walker programmed from the register values in hw_info only: BADDR of
 * TTBR/VTTBR (PA[51:48] in bits[5:2]), T0SZ/T1SZ, TG, SL0/SL2, IPS/PS, DS
 * and HA/HD of TCR/VTCR (AArch32: TTBCR / the 32-bit VTCR). Which register
 * (stage, TTBR0/1, AArch32 or not) follows from the features asked for, as
 * the driver would know.
 */
inline hw::armv8::Config armv8_hw(Table &t, const ConfigCase &cc, bool privileged)
{
	HwInfo h = t.hw_info();
	unsigned f = user_features(cc);
	u64 tcr = h.tcr;
	hw::armv8::Config c;
	c.stage = f & ARMV8_S2 ? 2 : 1;
	c.upper = f & ARMV8_TTBR1;
	c.lpa = f & ARMV8_LPA;
	c.aarch32 = f & ARMV8_AARCH32;
	if (c.aarch32) {
		/* 4K only; 40-bit output; no hardware AF/dirty. TTBCR.T0SZ or
		 * T1SZ (the other one is 0), or VTCR.T0SZ's raw 4 bits. */
		c.granule_lg2 = 12;
		c.ips_bits = 40; /* ignored by the walker; the model's limit */
		if (c.stage == 2) {
			c.tsz = tcr & 15;
			c.s2_start_level =
				hw::armv8::start_level_from_sl0_aarch32((tcr >> 6) & 3);
		} else {
			c.tsz = (tcr >> (c.upper ? 16 : 0)) & 7;
			c.a32_other_tsz = (tcr >> (c.upper ? 0 : 16)) & 7;
		}
	} else if (c.stage == 2) {
		c.granule_lg2 = armv8_tg_granule((tcr >> 14) & 3, false);
		c.ds = tcr >> 32 & 1;
		c.tsz = tcr & 63;
		c.s2_start_level = hw::armv8::start_level_from_sl0(
			c.granule_lg2, (tcr >> 6) & 3, tcr >> 33 & 1, c.ds);
		c.ips_bits = armv8_ips_bits((tcr >> 16) & 7);
		c.ha = tcr >> 21 & 1;
		c.hd = tcr >> 22 & 1;
	} else {
		c.granule_lg2 = armv8_tg_granule((tcr >> (c.upper ? 30 : 14)) & 3,
						 c.upper);
		c.ds = tcr >> 59 & 1;
		c.tsz = (tcr >> (c.upper ? 16 : 0)) & 63;
		c.ips_bits = armv8_ips_bits((tcr >> 32) & 7);
		c.ha = tcr >> 39 & 1;
		c.hd = tcr >> 40 & 1;
	}
	c.table_pa = (h.ttbr & 0xffffffffffc0ull) | (((h.ttbr >> 2) & 0xf) << 48);
	c.privileged = privileged;
	return c;
}

class Walker : public BasicWalker<hw::armv8::Config, hw::armv8::walk,
				  hw::armv8::tables> {
public:
	Walker(Table &t, const ConfigCase &cc, bool privileged)
		: BasicWalker(armv8_hw(t, cc, privileged))
	{
	}
};

/*
 * Stage 1: AP[1] (EL0 access) unless IOMMU_PRIV, writable with
 * IOMMU_WRITE (no read-disable), UXN/PXN for IOMMU_NOEXEC, and EL1 may not
 * execute what EL0 can write (D8, "Access permissions for instruction
 * execution") - which with DBM depends on the dirty state (@dirty: the
 * walker's writable-dirty). Stage 2: S2AP R/W, XN.
 */
inline Perms expect_perms(const ConfigCase &cc, int prot, bool privileged,
			  bool dirty)
{
	/* AArch32 (G5): a fetch also needs read; no EL0-writable rule
	 * (SCTLR.UWXN 0). */
	bool a32 = user_features(cc) & ARMV8_AARCH32;
	if (user_features(cc) & ARMV8_S2)
		return { (prot & IOMMU_READ) != 0, (prot & IOMMU_WRITE) != 0,
			 !(prot & IOMMU_NOEXEC) && (!a32 || (prot & IOMMU_READ)) };
	bool el0 = !(prot & IOMMU_PRIV);
	bool r = privileged || el0;
	bool x = !(prot & IOMMU_NOEXEC) && (!a32 || r);
	if (privileged && el0 && dirty && !a32)
		x = false;
	return { r, r && (prot & IOMMU_WRITE), x };
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC };
}

/*
 * D8: granule-sized tables resolving granule - 3 bits per level (the start
 * level from hw_info, concatenated stage 2 start tables translate more);
 * OA size from IPS/PS; dirty state managed by hardware with HA/HD (DBM).
 */
inline Facts facts(Table &t, const ConfigCase &cc)
{
	HwInfo h = t.hw_info();
	hw::armv8::Config c = armv8_hw(t, cc, false);
	const unsigned G = c.granule_lg2;
	Facts f;
	f.top = unsigned(3 - h.start_level);
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = G + (G - 3) * k;
	f.dirty = c.ha && c.hd;
	f.oa_lg2 = c.ips_bits;
	return f;
}

} // namespace gpt::oracle
