// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * What every tests/oracle/FMT.h adapter builds on: the device's two views of
 * table memory (a probe that never writes, and a real access whose A/D
 * updates land in the table), a walker bound to one hardware configuration,
 * and the format facts the reference model needs. Included by
 * oracle_suite.cpp before the adapter.
 */
#pragma once

#include "gpt_harness.h"
#include "hw_walker.h"

#include <algorithm>
#include <vector>

namespace gpt::oracle {

/* Effective permissions of one translation. */
struct Perms {
	bool r, w, x;
	bool operator==(const Perms &o) const
	{
		return r == o.r && w == o.w && x == o.x;
	}
};

/**
 * struct Facts - what the hardware configuration and the format manual say
 * about a table, independent of the library's internals
 * @top: level of the root table(s), from hw_info
 * @item_lg2: log2 of the VA one entry spans, for levels 0..@top
 * @root_span_lg2: log2 of the VA one root table translates (64: one root
 *     translates everything; dart: one per TTBR)
 * @roots: number of root tables (dart: one per TTBR)
 * @dirty: hardware dirty tracking is on, read_and_clear_dirty() works
 * @oa_lg2: output addresses below 2^@oa_lg2 are accepted by every leaf size
 * @sign_extend: besides the aperture (the lower half) the mirrored upper
 *     half of sign-extended addresses is translated
 *
 * The VA translated comes from the domain's geometry (public API).
 */
struct Facts {
	unsigned top = 0;
	unsigned item_lg2[8] = {};
	unsigned root_span_lg2 = 64;
	unsigned roots = 1;
	bool dirty = false;
	unsigned oa_lg2 = 32;
	bool sign_extend = false;

	/*
	 * Level holding a leaf of 2^@lg2 bytes (contiguous leaves included);
	 * levels above @top count too (a dynamic top grows to them).
	 */
	unsigned level_of(unsigned lg2) const
	{
		unsigned k = 0;
		while (k + 1 < 8 && item_lg2[k + 1] > item_lg2[k] &&
		       item_lg2[k + 1] <= lg2)
			k++;
		return k;
	}
	/* log2 of the VA a non-root table of level @k translates. */
	unsigned span_lg2(unsigned k) const
	{
		return k < top ? item_lg2[k + 1] : root_span_lg2;
	}
};

/* The configuration a test asked for: ConfigCase::fill plus its features. */
inline Cfg user_cfg(const ConfigCase &cc)
{
	Cfg c{};
	cc.fill(c);
	c.common.features |= cc.features;
	return c;
}

inline unsigned user_features(const ConfigCase &cc)
{
	return user_cfg(cc).common.features;
}

/**
 * class ProbeMemory - table memory as a walker reads it for a check: reads
 * go to host memory, writes (A/D updates) are dropped, so checking never
 * changes the table.
 */
class ProbeMemory final : public hw::Memory {
public:
	uint64_t read64(uint64_t pa) override { return host_.read64(pa); }
	uint32_t read32(uint64_t pa) override { return host_.read32(pa); }
	void write64(uint64_t, uint64_t) override {}
	void write32(uint64_t, uint32_t) override {}
	const void *host_view(uint64_t pa, uint64_t len) override
	{
		return host_.host_view(pa, len);
	}

private:
	hw::HostMemory host_;
};

/**
 * class BasicWalker - one of the tests/hw walkers bound to a configuration
 * @HwCfg: the walker's Config
 * @WalkFn: its walk()
 * @TablesFn: its tables()
 *
 * walk() is a check that leaves memory alone; access() is a real device
 * access whose Accessed/Dirty updates are written to the table; tables()
 * enumerates the tables reachable from the root.
 */
template <typename HwCfg,
	  hw::Translation (*WalkFn)(hw::Memory &, const HwCfg &, uint64_t,
				    hw::Access),
	  std::vector<hw::TableInfo> (*TablesFn)(hw::Memory &, const HwCfg &)>
class BasicWalker {
public:
	explicit BasicWalker(const HwCfg &c) : cfg_(c) {}
	hw::Translation walk(u64 iova, hw::Access acc)
	{
		return WalkFn(probe_, cfg_, iova, acc);
	}
	hw::Translation access(u64 iova, hw::Access acc)
	{
		return WalkFn(host_, cfg_, iova, acc);
	}
	std::vector<hw::TableInfo> tables() { return TablesFn(probe_, cfg_); }
	const HwCfg &config() const { return cfg_; }

protected:
	HwCfg cfg_;

private:
	ProbeMemory probe_;
	hw::HostMemory host_;
};

/* Find the named configuration of this format. */
inline ConfigCase config_named(const char *name)
{
	for (auto &cc : format_configs())
		if (std::string(cc.name) == name)
			return cc;
	FAIL("no config " << name);
	return base_case();
}

} // namespace gpt::oracle
