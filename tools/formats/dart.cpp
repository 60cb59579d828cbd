// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for Apple DART (v1; v2 with the "v2" feature).
#include "format_adaptor.h"

#ifdef GENERICPT_HAVE_FMT_dart
namespace gpt {
namespace {

struct Dart {
	using table = struct pt_iommu_dart;
	using cfg = struct pt_iommu_dart_cfg;
	using hw_info = struct pt_iommu_dart_hw_info;
	static constexpr std::string_view name = "dart";
	static constexpr std::string_view title = "Apple DART";
	static constexpr std::array<std::string_view, 1> features = {"v2"};
	static constexpr std::string_view levels_help = "levels follow --va-bits";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(dart)};
	static constexpr auto init = &pt_iommu_dart_init;
	static constexpr auto get_hw_info = &pt_iommu_dart_hw_info;

	static pt_common &common(table &t) { return t.dartpt.common; }
	static bool configure(const Knobs &, cfg &) { return true; }
	static nlohmann::json hw_json(const hw_info &h)
	{
		auto ttbr = nlohmann::json::array();
		for (unsigned i = 0; i != h.num_ttbr && i != 4; i++)
			ttbr.push_back(hex(h.ttbr[i]));
		return {{"ttbr", ttbr}, {"num_ttbr", h.num_ttbr}};
	}
	static std::uint64_t root(const hw_info &h) { return h.ttbr[0]; }
	static std::string attributes(const pt_iommu_visit &v, unsigned features)
	{
		static constexpr BitName v1[] = {{0, "V"}, {1, "SP_DIS"}, {7, "NO_WRITE"},
						 {8, "NO_READ"}};
		static constexpr BitName v2[] = {{0, "V"}, {1, "NO_CACHE"}, {2, "NO_WRITE"},
						 {3, "NO_READ"}};
		bool is_v2 = features & (1u << PT_FEAT_DART_V2);
		return attr_bits(v.raw, is_v2 ? std::span(v2) : std::span(v1));
	}
};

} // namespace

const Format &format_dart()
{
	static const FormatOf<Dart> f;
	return f;
}

} // namespace gpt
#endif
