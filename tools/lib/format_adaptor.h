// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Turns a format adaptor (a small struct of types, functions and constants,
// see tools/formats/) into a gpt::Format. Only adaptors include this.
//
// An adaptor A provides:
//   using table = pt_iommu_FMT;  using cfg = pt_iommu_FMT_cfg;
//   using hw_info = pt_iommu_FMT_hw_info;
//   static constexpr std::string_view name, title, levels_help;
//   static constexpr std::array<std::string_view, N> features;  // format bits
//   static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(FMT)};
//   static int init(table *, const cfg *, gfp_t);       // pt_iommu_FMT_init
//   static void get_hw_info(table *, hw_info *);        // pt_iommu_FMT_hw_info
//   static pt_common &common(table &);                  // &t.fmtpt.common
//   static bool configure(const gpt::Knobs &, cfg &);   // levels etc.; false: cannot
//   static nlohmann::json hw_json(const hw_info &);
//   static std::uint64_t root(const hw_info &);
//   static std::string attributes(const pt_iommu_visit &, unsigned features);
// and, for a format whose granule is chosen at init, the default
//   static constexpr unsigned runtime_granule;  // log2, set in cfg.granule_lg2sz
// The generic knobs (features, VA/OA bits) are put into cfg.common first.
#pragma once

#include "format.h"

#include <fmt/format.h>

namespace gpt {

template <class A> class TableOf final : public Table {
public:
	explicit TableOf(const Format &f) : Table(f) {}
	~TableOf() override
	{
		if (initialised_)
			pt_iommu_deinit(&t_.iommu);
	}

	void init(const Knobs &k)
	{
		typename A::cfg cfg{};

		cfg.common.features = k.features;
		cfg.common.hw_max_vasz_lg2 = static_cast<u8>(k.va_bits.value_or(0));
		cfg.common.hw_max_oasz_lg2 = static_cast<u8>(k.oa_bits.value_or(0));
		if constexpr (requires { A::runtime_granule; })
			cfg.granule_lg2sz = k.granule_lg2.value_or(A::runtime_granule);
		else if (k.granule_lg2)
			throw std::invalid_argument(fmt::format(
				"{}: no granule to choose (--granule is armv8's)", A::name));
		if (!A::configure(k, cfg))
			throw std::invalid_argument(fmt::format(
				"{}: cannot build {} levels ({})", A::name,
				k.levels.value_or(0), A::levels_help));
		t_.iommu.driver_ops = &driver_box_.ops;
		t_.iommu.nid = k.nid;
		if (int err = A::init(&t_, &cfg, GFP_KERNEL))
			throw LibError(fmt::format("{} init", A::name), err);
		initialised_ = true;
		attach(&t_.iommu, &A::common(t_), A::ops);
		if (k.levels && levels() != *k.levels)
			throw std::invalid_argument(fmt::format(
				"{}: asked for {} levels, the table has {} ({})",
				A::name, *k.levels, levels(), A::levels_help));
	}

	nlohmann::json hw_info() const override
	{
		return A::hw_json(get());
	}
	std::uint64_t root() const override { return A::root(get()); }

private:
	typename A::hw_info get() const
	{
		typename A::hw_info info{};
		A::get_hw_info(const_cast<typename A::table *>(&t_), &info);
		return info;
	}

	typename A::table t_{};
	bool initialised_ = false;
};

template <class A> class FormatOf final : public Format {
public:
	std::string_view name() const override { return A::name; }
	std::string_view title() const override { return A::title; }
	std::span<const std::string_view> format_features() const override
	{
		return A::features;
	}
	std::string_view levels_help() const override { return A::levels_help; }
	std::unique_ptr<Table> create(const Knobs &k) const override
	{
		auto t = std::make_unique<TableOf<A>>(*this);
		t->init(k);
		return t;
	}
	std::string attributes(const pt_iommu_visit &v,
			       unsigned features) const override
	{
		return A::attributes(v, features);
	}
};

} // namespace gpt
