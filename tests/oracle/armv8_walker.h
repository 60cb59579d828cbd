// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The armv8 tables read by the VMSAv8-64 walker (tests/hw/walk_armv8.h):
// the adapter shared by the armv8_4k, armv8_16k and armv8_64k oracle
// headers (GPT_ARMV8_GRANULE_LG2 comes from tests/cfg/armv8_*.h).
#include "walk_armv8.h"

namespace gpt::oracle {

/* TCR_ELx.IPS / VTCR_EL2.PS to bits (D8, "Output address size"). */
inline unsigned armv8_ips_bits(unsigned ips)
{
	static const unsigned b[] = { 32, 36, 40, 42, 44, 48, 52 };
	return ips < 7 ? b[ips] : 0;
}

/*
 * The walker programmed from the register values in hw_info only: BADDR of
 * TTBR/VTTBR (PA[51:48] in bits[5:2]), T0SZ/T1SZ, SL0, IPS/PS and HA/HD of
 * TCR/VTCR. Which register (stage, TTBR0/1) follows from the features asked
 * for, as the driver would know.
 */
inline hw::armv8::Config armv8_hw(Table &t, const ConfigCase &cc, bool privileged)
{
	HwInfo h = t.hw_info();
	unsigned f = user_features(cc);
	u64 tcr = h.tcr;
	hw::armv8::Config c;
	c.granule_lg2 = GPT_ARMV8_GRANULE_LG2;
	c.stage = f & ARMV8_S2 ? 2 : 1;
	c.upper = f & ARMV8_TTBR1;
	c.lpa = f & ARMV8_LPA;
	if (c.stage == 2) {
		c.tsz = tcr & 63;
		c.s2_start_level = hw::armv8::start_level_from_sl0(
			GPT_ARMV8_GRANULE_LG2, (tcr >> 6) & 3);
		c.ips_bits = armv8_ips_bits((tcr >> 16) & 7);
		c.ha = tcr >> 21 & 1;
		c.hd = tcr >> 22 & 1;
	} else {
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
	if (user_features(cc) & ARMV8_S2)
		return { (prot & IOMMU_READ) != 0, (prot & IOMMU_WRITE) != 0,
			 !(prot & IOMMU_NOEXEC) };
	bool el0 = !(prot & IOMMU_PRIV);
	bool r = privileged || el0;
	bool x = !(prot & IOMMU_NOEXEC);
	if (privileged && el0 && dirty)
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
	const unsigned G = GPT_ARMV8_GRANULE_LG2;
	HwInfo h = t.hw_info();
	hw::armv8::Config c = armv8_hw(t, cc, false);
	Facts f;
	f.top = 3u - h.start_level;
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = G + (G - 3) * k;
	f.dirty = c.ha && c.hd;
	f.oa_lg2 = c.ips_bits;
	return f;
}

} // namespace gpt::oracle
