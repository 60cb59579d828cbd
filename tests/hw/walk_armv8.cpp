// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// VMSAv8-64 and VMSAv8-32 Long-descriptor reference walker. Section
// references are to the Arm Architecture Reference Manual for A-profile
// architecture, DDI0487 (chapter D8, "The AArch64 Virtual Memory System
// Architecture"; chapter G5, "The AArch32 Virtual Memory System
// Architecture", cited as G5), abbreviated "Arm ARM".
#include "walk_armv8.h"

#include <cstdio>
#include <string>

namespace hw::armv8 {
namespace {

constexpr uint64_t bit(unsigned n)
{
	return uint64_t{1} << n;
}

// Bits [hi:lo] set.
constexpr uint64_t bits(unsigned hi, unsigned lo)
{
	return (~uint64_t{0} >> (63 - hi)) & ~(bit(lo) - 1);
}

// --- Descriptor fields --------------------------------------------------
// Arm ARM D8, "Translation table descriptor formats": "Table descriptor
// format" and "Block descriptor and Page descriptor formats".

// bit[0]: valid. 0 = invalid descriptor (Translation fault).
constexpr uint64_t D_VALID = bit(0);
// bit[1]: at levels 0-2, 1 = Table descriptor, 0 = Block descriptor;
// at level 3, 1 = Page descriptor, 0 = reserved (behaves as invalid).
constexpr uint64_t D_TYPE = bit(1);

// Lower attributes of Block and Page descriptors (D8, "Block descriptor and
// Page descriptor formats").
// Stage 1: AttrIndx[2:0] bits[4:2]; stage 2: MemAttr[3:0] bits[5:2].
// Stage 1: NS bit[5] (ignored outside Secure state).
// Stage 1: AP[1] bit[6] (1 = EL0 has data access), AP[2] bit[7]
// (1 = read-only). D8, "Memory access control", stage 1 data access
// permissions.
constexpr uint64_t S1_AP1 = bit(6);
constexpr uint64_t S1_AP2 = bit(7);
// Stage 2: S2AP[0] bit[6] = read allowed, S2AP[1] bit[7] = write allowed.
// D8, "Memory access control", stage 2 data access permissions.
constexpr uint64_t S2_AP_R = bit(6);
constexpr uint64_t S2_AP_W = bit(7);
// SH[1:0] bits[9:8]; 0b01 is a reserved encoding (D8, "Memory region
// attributes", Shareability attribute, when TCR.DS == 0).
constexpr unsigned SH_SHIFT = 8;
// AF bit[10]: Access flag. D8, "Hardware management of the Access flag".
constexpr uint64_t D_AF = bit(10);
// Stage 1: nG bit[11]. Stage 2: bit[11] is RES0 without FEAT_XS.
constexpr uint64_t D_NG = bit(11);

// Upper attributes (D8, "Block descriptor and Page descriptor formats").
// bit[51]: DBM, Dirty Bit Modifier. D8, "Hardware management of the dirty
// state".
constexpr uint64_t D_DBM = bit(51);
// bit[52]: Contiguous. D8, "The Contiguous bit".
constexpr uint64_t D_CONT = bit(52);
// Stage 1 EL1&0: PXN bit[53], UXN bit[54]. D8, "Access permissions for
// instruction execution".
constexpr uint64_t S1_PXN = bit(53);
constexpr uint64_t S1_UXN = bit(54);
// Stage 2: XN[1:0] bits[54:53] with FEAT_XNX. D8, "Access permissions for
// instruction execution", stage 2 execute-never.
constexpr unsigned S2_XN_SHIFT = 53;
// bits[50:48]: bit 50 GP (FEAT_BTI, stage 1, not modelled: treated as
// RES0), bits[49:48] OA[49:48] with FEAT_LPA2 (TCR.DS == 1), else RES0.
constexpr uint64_t LEAF_RES0_HI = bits(50, 48);
// G5, "VMSAv8-32 Long-descriptor Translation Table format descriptors":
// descriptor bits[51:48] are reserved (bits[63:52, 11:2] are the
// attributes, bits[47:40] an output address beyond 40 bits); there is no
// DBM bit in VMSAv8-32.
constexpr uint64_t A32_RES0_HI = bits(51, 48);
// bits[63:55]: ignored by hardware / reserved for software use (PBHA with
// FEAT_HPDS2). Excluded from the contiguous consistency compare.
constexpr uint64_t LEAF_IGNORED_HI = bits(63, 55);

// Table descriptor attributes (D8, "Table descriptor format", stage 1
// only; D8, "Hierarchical permissions"): NSTable bit[63], APTable[1:0] bits[62:61],
// UXNTable/XNTable bit[60], PXNTable bit[59]. For stage 2, bits[63:59] of a
// Table descriptor are RES0.
constexpr uint64_t T_APTABLE1 = bit(62); // 1: no write access at any EL
constexpr uint64_t T_APTABLE0 = bit(61); // 1: no access at EL0
constexpr uint64_t T_UXNTABLE = bit(60);
constexpr uint64_t T_PXNTABLE = bit(59);
constexpr uint64_t T_S2_RES0 = bits(63, 59);
// Table descriptors: bits[51:48] RES0 (bits[51:50] with FEAT_LPA2, where
// bits[49:48] hold address bits), bits[58:52] and [11:2] ignored (bits[9:8]
// hold address bits with FEAT_LPA2). Likewise in VMSAv8-32 (G5, "IGNORED
// fields").
constexpr uint64_t T_RES0_HI = bits(51, 48);
constexpr uint64_t T_RES0_HI_DS = bits(51, 50);

// Output address field: bits[47:n] of Table/Block/Page descriptors (D8,
// "Translation table descriptor formats"). With FEAT_LPA and the 64K granule,
// OA[51:48] are held in descriptor bits[15:12] (same section, 52-bit output
// addresses with the 64KB granule).
constexpr uint64_t OA_LPA64_FIELD = bits(15, 12);
// FEAT_LPA2 (TCR_ELx.DS == 1, 4KB and 16KB granules): OA[49:n] in
// descriptor bits[49:n] and OA[51:50] in bits[9:8], for Table, Block and
// Page descriptors alike (D8, "Translation table descriptor formats";
// VTCR_EL2.DS register description).
constexpr uint64_t OA_DS_FIELD = bits(9, 8);

std::string hex(uint64_t v)
{
	char buf[24];
	std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
	return buf;
}

// D8, "Translation granule" and "Block descriptor and Page descriptor
// formats": which levels may hold a Block descriptor.
//   4KB:  level 1 (1GB) and level 2 (2MB); level 0 (512GB) with TCR.DS.
//   16KB: level 2 (32MB); level 1 (64GB) with TCR.DS.
//   64KB: level 2 (512MB); level 1 (4TB) when FEAT_LPA is implemented.
// Level -1 (4KB with TCR.DS) holds Table descriptors only. VMSAv8-32 (G5,
// "VMSAv8-32 Long-descriptor level 1 and level 2 descriptor formats"):
// level 1 (1GB) and level 2 (2MB), as 4KB without DS.
bool block_allowed(unsigned g, int level, bool lpa64, bool ds)
{
	switch (g) {
	case 12:
		return level == 1 || level == 2 || (level == 0 && ds);
	case 14:
		return level == 2 || (level == 1 && ds);
	case 16:
		return level == 2 || (level == 1 && lpa64);
	}
	return false;
}

struct Geo {
	bool a32;        // VMSAv8-32 Long-descriptor format
	bool ds;         // FEAT_LPA2 descriptor layout (TCR.DS, 4K/16K)
	bool lpa64;      // FEAT_LPA with 64K: OA[51:48] in bits[15:12]
	unsigned oas;    // output address size in bits
	unsigned g;      // granule lg2
	unsigned stride; // bits resolved per full table level
	unsigned ia;     // input address size
	int start;       // start level, Arm numbering
	unsigned start_bits; // index bits resolved at the start level
};

// Lowest iova bit resolved by a lookup at Arm level `level`.
unsigned level_shift(const Geo &geo, int level)
{
	return geo.g + static_cast<unsigned>(3 - level) * geo.stride;
}

// Translation::level counts from the leaves.
unsigned our_level(int arm_level)
{
	return static_cast<unsigned>(3 - arm_level);
}

bool valid_ips(unsigned ips)
{
	switch (ips) {
	case 32: case 36: case 40: case 42: case 44: case 48: case 52:
		return true;
	}
	return false;
}

// Sign-extend the 4-bit AArch32 VTCR.T0SZ field (G5, "Determining the
// required initial lookup level for stage 2 translations": a four-bit
// signed integer, -8 to 7).
int a32_s2_t0sz(unsigned field)
{
	return field & 8 ? static_cast<int>(field & 7) - 8 : static_cast<int>(field & 7);
}

// Start level of a walk over `ia` input bits with one table at the start
// level (D8, "Translation process": the stage 1 start level follows from
// TxSZ; G5, "Determining the required initial lookup level for stage 1
// translations": TxSZ < 2 starts at level 1, else level 2, the same rule).
int natural_start(const Geo &geo)
{
	const unsigned levels = (geo.ia - geo.g + geo.stride - 1) / geo.stride;
	return 4 - static_cast<int>(levels);
}

// VMSAv8-32 configuration (4KB granule, G5).
std::string setup_a32(const Config &cfg, Geo &geo)
{
	if (cfg.granule_lg2 != 12)
		return "config: aarch32 has the 4K granule only";
	if (cfg.ds)
		return "config: ds (FEAT_LPA2) does not apply to aarch32";
	geo.oas = 40; // G5.5.7: the output address range is 40 bits
	if (cfg.stage == 1) {
		// TTBCR.T0SZ / T1SZ are 3-bit fields: 32 to 25 bit ranges.
		if (cfg.tsz > 7 || cfg.a32_other_tsz > 7)
			return "config: aarch32 TTBCR.TxSZ out of range (0..7)";
		geo.ia = 32 - cfg.tsz;
		geo.start = natural_start(geo);
	} else {
		if (cfg.tsz > 15)
			return "config: aarch32 VTCR.T0SZ is a 4-bit field";
		const int t0sz = a32_s2_t0sz(cfg.tsz);
		geo.ia = static_cast<unsigned>(32 - t0sz);
		if (cfg.s2_start_level == kS2StartAuto) {
			geo.start = natural_start(geo);
			if (geo.start == 0)
				geo.start = 1; // 35..40 bits: concatenated level 1 tables
		} else {
			geo.start = cfg.s2_start_level;
		}
		// G5, Table G5-5 "Input address range constraints on
		// programming VTCR": SL0 = 0b00 (level 2) with T0SZ 7..-2
		// (25..34 bits, up to 16 concatenated level 2 tables), SL0 =
		// 0b01 (level 1) with T0SZ 1..-8 (31..40 bits, two
		// concatenated level 1 tables at 40 bits). Anything else is a
		// stage 2 level 1 Translation fault.
		if (geo.start == 2) {
			if (t0sz < -2)
				return "config: aarch32 VTCR.SL0 level 2 needs T0SZ >= -2";
		} else if (geo.start == 1) {
			if (t0sz > 1)
				return "config: aarch32 VTCR.SL0 level 1 needs T0SZ <= 1";
		} else {
			return "config: aarch32 stage 2 starts at level 1 or 2";
		}
	}
	const unsigned below = level_shift(geo, geo.start);
	geo.start_bits = geo.ia - below;
	return {};
}

// Check the configuration and compute the walk geometry. Returns an empty
// string on success, else why the configuration is not usable.
std::string setup(const Config &cfg, Geo &geo)
{
	const unsigned g = cfg.granule_lg2;
	if (g != 12 && g != 14 && g != 16)
		return "config: granule_lg2 must be 12, 14 or 16";
	if (cfg.stage != 1 && cfg.stage != 2)
		return "config: stage must be 1 or 2";
	if (cfg.stage == 2 && cfg.upper)
		return "config: stage 2 has a single input range";
	geo.g = g;
	geo.stride = g - 3;
	geo.a32 = cfg.aarch32;
	geo.ds = false;
	geo.lpa64 = false;
	if (cfg.aarch32)
		return setup_a32(cfg, geo);

	// VTCR_EL2.DS / TCR_ELx.DS: "This field is RES0 for a 64KB
	// translation granule". A DS request with 64K is taken as a
	// configuration mistake rather than silently ignored.
	if (cfg.ds && g == 16)
		return "config: ds (FEAT_LPA2) applies to the 4K and 16K granules only";
	geo.ds = cfg.ds;
	geo.lpa64 = cfg.lpa && g == 16;
	if (!valid_ips(cfg.ips_bits))
		return "config: ips_bits is not an IPS/PS encoding";
	// D8, "Output address size configuration": a 52-bit OA needs FEAT_LPA
	// with the 64KB granule, or TCR.DS with the 4KB and 16KB granules
	// (VTCR_EL2.PS: 0b110 is 52 bits for 4KB/16KB only when DS == 1).
	if (cfg.ips_bits == 52 && !geo.lpa64 && !geo.ds)
		return "config: 52-bit OA needs lpa with the 64K granule or ds";
	geo.oas = cfg.ips_bits;
	// D8, "Input address size configuration": TxSZ minimum is 16 (48-bit
	// input), or 12 (52-bit) with FEAT_LVA and the 64KB granule or with
	// TCR.DS (VTCR_EL2.DS: "The minimum value of VTCR_EL2.T0SZ is 12");
	// maximum 48 with FEAT_TTST.
	const unsigned min_tsz = g == 16 || geo.ds ? 12 : 16;
	if (cfg.tsz < min_tsz || cfg.tsz > 48)
		return "config: tsz out of range";
	geo.ia = 64 - cfg.tsz;
	if (geo.ia <= g)
		return "config: input range smaller than a granule";

	// Number of lookup levels needed to resolve ia - g bits (D8,
	// "Translation process": the stage 1 start level follows from TxSZ).
	// With DS and the 4KB granule an input above 48 bits starts at
	// level -1 (VTCR_EL2.T0SZ: "if ... DS is 1, and this field is less
	// than 16, the translation table walk begins with a level -1 initial
	// lookup").
	const int natural = natural_start(geo);
	const int min_level = g == 12 && geo.ds ? -1 : 0;

	if (cfg.stage == 1) {
		geo.start = natural;
	} else if (cfg.s2_start_level != kS2StartAuto) {
		geo.start = cfg.s2_start_level;
		if (geo.start == kReservedLevel)
			return "config: reserved VTCR_EL2.SL0/SL2 encoding";
		if (geo.start > 3 || geo.start < min_level)
			return "config: s2_start_level out of range";
	} else {
		geo.start = natural;
		if (natural <= 0) {
			// Starting one level down with 2..16 concatenated tables
			// (D8, "Concatenated translation tables" for the initial
			// stage 2 lookup).
			const unsigned below = level_shift(geo, natural + 1);
			if (geo.ia - below <= geo.stride + 4)
				geo.start = natural + 1;
		}
	}
	if (geo.start < min_level)
		return "config: input range needs more levels than the granule has";

	const unsigned below = level_shift(geo, geo.start);
	if (geo.ia <= below)
		return "config: start level resolves no input bits";
	geo.start_bits = geo.ia - below;
	if (cfg.stage == 1) {
		if (geo.start_bits > geo.stride)
			return "config: internal start level error";
	} else {
		// D8, "Concatenated translation tables": at most 16 tables at the stage 2 start
		// level, i.e. the start level resolves at most stride + 4 bits;
		// any other combination of SL0 and T0SZ is inconsistent and
		// faults at level 0 (with DS this also allows a 4KB walk to
		// start at level 0 with 2..16 tables for a 49..52-bit IPA).
		if (geo.start_bits > geo.stride + 4)
			return "config: more than 16 concatenated start tables";
		// Without FEAT_LPA2 a 16KB stage 2 walk cannot start at level 0
		// (SL0 0b11 is reserved) and 64KB has no level 0. Level -1 is
		// only for 4KB with DS (VTCR_EL2.SL2).
		if (geo.start == 0 && g != 12 && !(g == 14 && geo.ds))
			return "config: stage 2 cannot start at level 0 with this granule";
		if (geo.start == -1 && geo.start_bits > geo.stride)
			return "config: level -1 start tables cannot be concatenated";
	}
	return {};
}

} // namespace

int start_level_from_sl0(unsigned granule_lg2, unsigned sl0)
{
	// VTCR_EL2.SL0 (register description in chapter D19/D23/D24,
	// depending on the manual issue: "SL0, Starting level of the stage 2
	// translation lookup"), without FEAT_LPA2.
	if (sl0 > 3)
		return kReservedLevel;
	if (granule_lg2 == 12) {
		static const int map[4] = {2, 1, 0, 3}; // 0b11: level 3, FEAT_TTST
		return map[sl0];
	}
	if (granule_lg2 == 14 || granule_lg2 == 16)
		return sl0 == 3 ? kReservedLevel : 3 - static_cast<int>(sl0);
	return kReservedLevel;
}

int start_level_from_sl0(unsigned granule_lg2, unsigned sl0, unsigned sl2, bool ds)
{
	// VTCR_EL2.SL2 (bit 33) is RES0 unless DS == 1 with the 4KB granule;
	// with it, {SL2, SL0} = 0b1_00 starts at level -1 and SL2 = 1 with
	// any other SL0 is reserved. With DS == 1 and the 16KB granule SL0 =
	// 0b11 starts at level 0 (VTCR_EL2.SL0/SL2 register descriptions).
	if (!ds || granule_lg2 == 16) {
		if (sl2)
			return kReservedLevel;
		return start_level_from_sl0(granule_lg2, sl0);
	}
	if (sl2) {
		if (granule_lg2 != 12 || sl0 != 0)
			return kReservedLevel;
		return -1;
	}
	if (granule_lg2 == 14 && sl0 == 3)
		return 0;
	return start_level_from_sl0(granule_lg2, sl0);
}

int start_level_from_sl0_aarch32(unsigned sl0)
{
	// G5, "Determining the required initial lookup level for stage 2
	// translations": VTCR.SL0 0b00 starts at level 2, 0b01 at level 1;
	// the other encodings are reserved (stage 2 level 1 Translation
	// fault).
	switch (sl0) {
	case 0:
		return 2;
	case 1:
		return 1;
	}
	return kReservedLevel;
}

unsigned contiguous_entries(unsigned granule_lg2, int arm_level)
{
	// D8, "The Contiguous bit", table of contiguous sizes:
	//   4KB:  16 entries at levels 1, 2 and 3 (16GB, 32MB, 64KB).
	//   16KB: 32 entries at level 2 (1GB), 128 at level 3 (2MB).
	//   64KB: 32 entries at level 2 (16GB) and level 3 (2MB).
	// The Contiguous bit is RES0 in the blocks the table leaves out: the
	// FEAT_LPA 64KB level 1 block and, with TCR.DS, the 4KB level 0 and
	// 16KB level 1 blocks (the manual's AArch64.ContiguousBit()
	// pseudocode). G5, "Contiguous bit": VMSAv8-32 uses 16 entries at
	// every level, the 4KB row.
	switch (granule_lg2) {
	case 12:
		return arm_level >= 1 && arm_level <= 3 ? 16 : 0;
	case 14:
		return arm_level == 3 ? 128 : arm_level == 2 ? 32 : 0;
	case 16:
		return arm_level == 2 || arm_level == 3 ? 32 : 0;
	}
	return 0;
}

namespace {

// Descriptor bits that hold the output address (or the next-level table
// address) of a lookup whose entries each map 2^shift bytes.
uint64_t oa_field(const Geo &geo, unsigned shift)
{
	if (geo.ds)
		return bits(49, shift) | OA_DS_FIELD;
	uint64_t f = bits(47, shift);
	if (geo.lpa64)
		f |= OA_LPA64_FIELD;
	return f;
}

// The address a descriptor holds (D8, "Translation table descriptor
// formats"; G5: bits[47:n], where bits[47:40] make an Address size fault
// against the 40-bit output size).
uint64_t desc_addr(const Geo &geo, uint64_t d, unsigned shift)
{
	if (geo.ds)
		return (d & bits(49, shift)) | ((d & OA_DS_FIELD) >> 8) << 50;
	uint64_t a = d & bits(47, shift);
	if (geo.lpa64)
		a |= ((d & OA_LPA64_FIELD) >> 12) << 48;
	return a;
}

// G5, "Selecting between TTBR0 and TTBR1, VMSAv8-32 Long-descriptor
// translation table format", Table G5-2: with T0SZ == T1SZ == 0 TTBR0
// translates everything; with one of them 0 that TTBR takes whatever the
// other does not; with both nonzero, addresses between the two ranges
// give a Translation fault. Returns why the iova is not translated by the
// walked TTBR, or an empty string.
std::string a32_ttbr_check(const Config &cfg, uint64_t iova)
{
	if (iova >> 32)
		return "iova " + hex(iova) + " above the 32-bit VA space";
	const unsigned t0 = cfg.upper ? cfg.a32_other_tsz : cfg.tsz;
	const unsigned t1 = cfg.upper ? cfg.tsz : cfg.a32_other_tsz;
	const bool in0 = (iova >> (32 - t0)) == 0;
	const bool in1 = (iova >> (32 - t1)) == (bit(t1) - 1);
	int sel;
	if (t0 == 0 && t1 == 0)
		sel = 0;
	else if (t1 == 0)
		sel = in0 ? 0 : 1;
	else if (t0 == 0)
		sel = in1 ? 1 : 0;
	else
		sel = in0 ? 0 : in1 ? 1 : -1;
	if (sel < 0)
		return "iova " + hex(iova) + " between the TTBR0 and TTBR1 ranges";
	if (sel != (cfg.upper ? 1 : 0))
		return "iova " + hex(iova) + " is translated by TTBR" + std::to_string(sel);
	return {};
}

} // namespace

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc)
{
	hw::Translation t;
	auto fail = [&t](hw::Fault f, std::string why) {
		t.fault = f;
		t.why = std::move(why);
		return t;
	};

	Geo geo{};
	if (std::string err = setup(cfg, geo); !err.empty())
		return fail(hw::Fault::Encoding, err);

	const bool s2 = cfg.stage == 2;
	const bool a32 = geo.a32;
	const unsigned g = geo.g;
	const unsigned oas = geo.oas;
	// D8, "Hardware management of the Access flag": HA enables it. G5,
	// "The Access flag": FEAT_HAFDBS hardware management "is supported
	// only for the VMSAv8-64 translation regimes", so VMSAv8-32 always
	// takes an Access flag fault.
	const bool ha = cfg.ha && !a32;
	// D8, "Hardware management of the dirty state": it is only enabled when the
	// hardware Access flag update is enabled too (HD is ignored when HA
	// is 0).
	const bool hd = cfg.hd && ha;
	auto oa_too_big = [oas](uint64_t pa) { return oas < 64 && (pa >> oas) != 0; };

	// Input address range check, D8, "Input address size configuration"
	// and "Translation process" (TTBR0/TTBR1 ranges): stage 1 TTBR0 needs bits
	// [63:ia] zero, TTBR1 needs them all ones; stage 2 needs the IPA to fit
	// in 64 - VTCR_EL2.T0SZ bits (32 - VTCR.T0SZ for AArch32: "If a
	// supplied input address is larger than the configured input address
	// size, a Translation fault is generated").
	if (a32 && !s2) {
		if (std::string err = a32_ttbr_check(cfg, iova); !err.empty())
			return fail(hw::Fault::AddressSize, err);
	} else {
		const uint64_t top = iova >> geo.ia;
		const uint64_t top_ones = ~uint64_t{0} >> geo.ia;
		if (cfg.upper ? top != top_ones : top != 0)
			return fail(hw::Fault::AddressSize, "iova " + hex(iova) + " outside the " +
				    std::to_string(geo.ia) + "-bit " + (cfg.upper ? "TTBR1" : "input") + " range");
	}
	const uint64_t ia_mask = bits(geo.ia - 1, 0);
	const uint64_t va = iova & ia_mask;

	// The start table base: TTBR/VTTBR BADDR is aligned to the size of the
	// start table(s), at least 64 bytes (TTBR0_EL1.BADDR / VTTBR_EL2.BADDR
	// register descriptions; with a 52-bit BADDR, which DS always gives,
	// "the smallest permitted value of x is 6"). AArch32 TTBR0/TTBR1/VTTBR
	// BADDR[39:x] has no 64-byte floor: x = 5 - TxSZ for a level 1 start,
	// 14 - TxSZ for level 2, i.e. the start table size, down to 16 bytes.
	{
		const uint64_t tbl_bytes = uint64_t{8} << geo.start_bits;
		const uint64_t align = tbl_bytes < 64 && !a32 ? 64 : tbl_bytes;
		if (cfg.table_pa & (align - 1))
			return fail(hw::Fault::Encoding, "table_pa " + hex(cfg.table_pa) +
				    " not aligned to the start table size " + hex(align));
		// D8, "Output address size configuration": a TTBR address
		// above the OA size is an Address size fault at the start
		// level (G5: TTBR bits[47:40] not zero).
		if (oa_too_big(cfg.table_pa)) {
			t.level = our_level(geo.start);
			return fail(hw::Fault::AddressSize, "table_pa above the output address size");
		}
	}

	uint64_t table = cfg.table_pa;
	unsigned idx_bits = geo.start_bits;
	// Stage 1 hierarchical attributes gathered from Table descriptors.
	// For VMSAv8-32, bit 60 is XNTable (all privilege levels) rather than
	// UXNTable.
	bool ap_table1 = false, ap_table0 = false, uxn_table = false, pxn_table = false;

	for (int level = geo.start; level <= 3; level++) {
		const unsigned shift = level_shift(geo, level);
		const uint64_t idx = (va >> shift) & (bit(idx_bits) - 1);
		const uint64_t desc_pa = table + idx * 8;
		const uint64_t d = mem.read64(desc_pa);
		// Built only for a fault report.
		auto at = [&] { return " at level " + std::to_string(level) + " (Arm numbering)"; };
		t.level = our_level(level);

		if (!(d & D_VALID))
			return fail(hw::Fault::NotPresent, "invalid descriptor" + at());

		if (level < 3 && (d & D_TYPE)) {
			// D8, "Table descriptor format"; G5, "VMSAv8-32
			// Long-descriptor level 1 and level 2 descriptor formats".
			uint64_t res0 = geo.ds ? T_RES0_HI_DS : T_RES0_HI;
			if (g > 12)
				res0 |= bits(g - 1, 12); // below the table address
			if (geo.lpa64)
				res0 &= ~OA_LPA64_FIELD;
			// Stage 2 Table descriptors have no hierarchical
			// attributes: bits[63:59] RES0 (G5: "SBZ in the stage 2
			// Translation Table descriptors").
			if (s2)
				res0 |= T_S2_RES0;
			if (d & res0)
				return fail(hw::Fault::Reserved, "RES0 bits " + hex(d & res0) +
					    " set in table descriptor" + at());
			const uint64_t next = desc_addr(geo, d, g);
			if (oa_too_big(next))
				return fail(hw::Fault::AddressSize, "next-level table address " + hex(next) +
					    " above the output address size" + at());
			if (!s2) {
				ap_table1 |= (d & T_APTABLE1) != 0;
				ap_table0 |= (d & T_APTABLE0) != 0;
				uxn_table |= (d & T_UXNTABLE) != 0;
				pxn_table |= (d & T_PXNTABLE) != 0;
			}
			table = next;
			idx_bits = geo.stride;
			continue;
		}

		if (level == 3 && !(d & D_TYPE))
			return fail(hw::Fault::Encoding, "reserved descriptor type 0b01" + at());
		if (level < 3 && !block_allowed(g, level, geo.lpa64, geo.ds))
			return fail(hw::Fault::Encoding, "block descriptor not allowed" + at());

		// D8, "Block descriptor and Page descriptor formats"; G5,
		// "Attribute fields in VMSAv8-32 Long-descriptor stage 1 (stage
		// 2) Block and Page descriptors".
		const uint64_t leaf_size = bit(shift);
		const unsigned n_cont = contiguous_entries(g, level);
		uint64_t res0 = a32 ? A32_RES0_HI : LEAF_RES0_HI;
		if (geo.ds)
			res0 &= ~bits(49, 48); // OA[49:48]
		if (shift > 12)
			res0 |= bits(shift - 1, 12); // below the output address
		if (geo.lpa64)
			res0 &= ~OA_LPA64_FIELD;
		if (s2)
			res0 |= D_NG;
		// Where no contiguous run is defined the Contiguous bit is RES0
		// (AArch64.ContiguousBit(): the 64KB level 1 block, and with
		// DS the 4KB level 0 and 16KB level 1 blocks).
		if (n_cont == 0)
			res0 |= D_CONT;
		if (d & res0)
			return fail(hw::Fault::Reserved, "RES0 bits " + hex(d & res0) +
				    " set in leaf descriptor" + at());

		auto leaf_oa = [&](uint64_t e) { return desc_addr(geo, e, shift); };
		const uint64_t oa_base = leaf_oa(d);
		if (oa_too_big(oa_base))
			return fail(hw::Fault::AddressSize, "output address " + hex(oa_base) +
				    " above the output address size" + at());

		// With DS, bits[9:8] are OA[51:50] and shareability comes from
		// TCR_ELx.SH0/SH1 / VTCR_EL2.SH0 (VTCR_EL2.DS description).
		if (!geo.ds && ((d >> SH_SHIFT) & 3) == 1)
			return fail(hw::Fault::Encoding, "reserved shareability encoding 0b01" + at());

		t.oa = oa_base | (va & (leaf_size - 1));
		t.page_size = leaf_size;

		if (d & D_CONT) {
			// D8, "The Contiguous bit" (G5, "Contiguous bit"): the run is an aligned group of
			// N adjacent entries that must all have the Contiguous bit
			// set, the same
			// attributes and permissions, and output addresses that are
			// consecutive and aligned to the size of the whole run.
			// The Access flag and, under DBM with HD, the write
			// permission bit may differ between entries because
			// hardware updates them per descriptor (D8, "Hardware
			// updates to the translation tables").
			const unsigned n = n_cont;
			if (bit(idx_bits) < n)
				return fail(hw::Fault::Encoding, "contiguous run larger than the table" + at());
			const uint64_t first = idx & ~uint64_t{n - 1};
			const uint64_t run = leaf_size * n;
			uint64_t cmp = ~(oa_field(geo, shift) | LEAF_IGNORED_HI | D_AF);
			const uint64_t wbit = s2 ? S2_AP_W : S1_AP2;
			if (hd && (d & D_DBM))
				cmp &= ~wbit;
			uint64_t oa0 = 0;
			for (unsigned i = 0; i < n; i++) {
				const uint64_t e = mem.read64(table + (first + i) * 8);
				auto ent = [&] {
					return " (run entry " + std::to_string(i) + " of " +
					       std::to_string(n) + at() + ")";
				};
				if ((e ^ d) & cmp)
					return fail(hw::Fault::Encoding, "inconsistent contiguous run: attributes " +
						    hex(e) + " vs " + hex(d) + ent());
				const uint64_t eoa = leaf_oa(e);
				if (i == 0) {
					oa0 = eoa;
					if (oa0 & (run - 1))
						return fail(hw::Fault::Encoding, "contiguous run output " +
							    hex(oa0) + " not aligned to " + hex(run) + ent());
				} else if (eoa != oa0 + i * leaf_size) {
					return fail(hw::Fault::Encoding, "contiguous run output not consecutive: " +
						    hex(eoa) + ent());
				}
			}
			t.page_size = run;
		}

		uint64_t nd = d; // descriptor after hardware updates
		// D8, "Hardware management of the Access flag": AF == 0 gives an Access flag fault
		// unless hardware management is on, in which case hardware sets
		// it. The Access flag fault is prioritised above the Permission
		// fault (D8, "Prioritization of Synchronous aborts from a single
		// stage of address translation").
		if (!(d & D_AF)) {
			if (!ha)
				return fail(hw::Fault::Permission, "access flag");
			nd |= D_AF;
		}

		bool rd, wr, wr_clean = false, ex;
		if (!s2) {
			// D8, "Memory access control", stage 1 data access
			// permissions for the EL1&0 regime, AP[2:1] (G5, "AP[2:1]
			// access permissions model", the same for PL1/PL0):
			//   00 EL1 RW, EL0 none   01 EL1 RW, EL0 RW
			//   10 EL1 RO, EL0 none   11 EL1 RO, EL0 RO
			// D8, "Hierarchical permissions": APTable[0] removes EL0 access, APTable[1]
			// removes write access, at every level below.
			const bool el0 = (d & S1_AP1) && !ap_table0;
			const bool ro = (d & S1_AP2) || ap_table1;
			rd = cfg.privileged || el0;
			wr = rd && !ro;
			// D8, "Hardware management of the dirty state": a stage 1
			// descriptor with DBM == 1 and AP[2] == 1 is
			// writable-clean; with HD a write clears AP[2]. A
			// table-level write restriction still applies.
			if (rd && !wr && hd && (d & D_DBM) && !ap_table1)
				wr_clean = true;
			if (a32) {
				// G5, "Access permissions for instruction
				// execution": XN (bit 54) and XNTable apply at
				// every privilege level, PXN (bit 53) and PXNTable
				// at PL1, and an instruction fetch also needs read
				// permission. The writable-implies-XN rules come
				// only from SCTLR.WXN/UWXN (not modelled, taken
				// as 0).
				ex = rd && !(d & S1_UXN) && !uxn_table &&
				     (!cfg.privileged || (!(d & S1_PXN) && !pxn_table));
			} else if (cfg.privileged) {
				// D8, "Access permissions for instruction execution":
				// UXN/XNTable for EL0, PXN/PXNTable for EL1, and at EL1
				// any region writable at EL0 is treated as PXN.
				ex = !(d & S1_PXN) && !pxn_table && !(el0 && !ro);
			} else {
				ex = !(d & S1_UXN) && !uxn_table;
			}
		} else {
			// D8, "Memory access control": stage 2 S2AP, bit 6 read, bit 7 write
			// (G5, "Hyp mode control of Non-secure access permissions").
			rd = (d & S2_AP_R) != 0;
			wr = (d & S2_AP_W) != 0;
			// D8, "Hardware management of the dirty state":
			// S2AP[1] == 0 with DBM == 1 is writable-clean; with HD a
			// write sets S2AP[1].
			if (!wr && hd && (d & D_DBM))
				wr_clean = true;
			// D8, stage 2 execute-never with FEAT_XNX, XN[1:0] (G5,
			// Table G5-10, the same encoding in VMSAv8-32):
			//   00 executable at EL1 and EL0   01 EL0 only
			//   10 not executable             11 EL1 only
			const unsigned xn = (d >> S2_XN_SHIFT) & 3;
			ex = cfg.privileged ? (xn == 0 || xn == 3) : (xn == 0 || xn == 1);
			// G5, Table G5-10: execution is permitted only "if read
			// access is permitted".
			if (a32)
				ex = ex && rd;
		}

		t.read = rd;
		t.write = wr || wr_clean;
		t.exec = ex;
		// The dirty state as read, also reported with a Permission
		// fault (see below for the definition).
		t.dirty = s2 ? (d & S2_AP_W) != 0 : (d & S1_AP2) == 0;

		switch (acc) {
		case hw::Access::Read:
			if (!rd)
				return fail(hw::Fault::Permission, "read not permitted" + at());
			break;
		case hw::Access::Write:
			if (!wr && !wr_clean)
				return fail(hw::Fault::Permission, "write not permitted" + at());
			if (!wr) {
				// Writable-clean becomes writable-dirty.
				if (s2)
					nd |= S2_AP_W;
				else
					nd &= ~S1_AP2;
			}
			break;
		case hw::Access::Exec:
			if (!ex)
				return fail(hw::Fault::Permission, "execute not permitted" + at());
			break;
		}

		// Hardware updates happen only for an access that completes
		// (an update is a single atomic write of the descriptor).
		if (nd != d)
			mem.write64(desc_pa, nd);

		// Dirty state (D8, "Hardware management of the dirty
		// state"): writable-dirty is AP[2] == 0 at stage 1 and
		// S2AP[1] == 1 at stage 2.
		t.dirty = s2 ? (nd & S2_AP_W) != 0 : (nd & S1_AP2) == 0;
		t.fault = hw::Fault::None;
		t.why.clear();
		return t;
	}
	return fail(hw::Fault::NotPresent, "walk ran past level 3");
}

std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg)
{
	std::vector<hw::TableInfo> out;
	Geo geo{};
	if (!setup(cfg, geo).empty())
		return out;
	hw::TableInfo root;
	root.pa = cfg.table_pa;
	root.level = our_level(geo.start);
	root.bytes = uint64_t{8} << geo.start_bits;
	if (cfg.upper)
		root.va = geo.a32 ? bits(31, 0) & (~uint64_t{0} << geo.ia) : ~uint64_t{0} << geo.ia;
	std::vector<hw::TableInfo> todo{root};
	while (!todo.empty() && out.size() < hw::kMaxTables) {
		hw::TableInfo t = todo.back();
		todo.pop_back();
		const int level = 3 - static_cast<int>(t.level);
		const unsigned shift = level_shift(geo, level);
		std::vector<hw::TableInfo> kids;
		const hw::TableWords<uint64_t> w(mem, t.pa, t.bytes / 8);
		for (uint64_t i = 0; i != t.bytes / 8; i++) {
			const uint64_t d = w[i];
			if (!(d & D_VALID))
				continue;
			t.present++;
			if (level == 3 || !(d & D_TYPE)) {
				t.leaves++;
				continue;
			}
			hw::TableInfo k;
			k.pa = desc_addr(geo, d, geo.g);
			k.level = t.level - 1;
			k.bytes = bit(geo.g);
			k.va = t.va + (i << shift);
			kids.push_back(k);
		}
		out.push_back(t);
		todo.insert(todo.end(), kids.rbegin(), kids.rend());
	}
	return out;
}

} // namespace hw::armv8
