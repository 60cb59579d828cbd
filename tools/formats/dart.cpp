// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tools adaptor for Apple DART (v1; v2 with the "v2" feature): dart has the
// 16 KiB granule, dart_4k the 4 KiB one of older DARTs.
#include "format_adaptor.h"

#if defined(GENERICPT_HAVE_FMT_dart) || defined(GENERICPT_HAVE_FMT_dart_4k)
// dart_4k joined the public header after dart; declaring its prototypes
// again is harmless where the header already does.
GENERICPT_EXTERN_C_BEGIN
IOMMU_PROTOTYPES(dart_4k, dart);
GENERICPT_EXTERN_C_END

namespace gpt {
namespace {

struct DartBase {
	using table = struct pt_iommu_dart;
	using cfg = struct pt_iommu_dart_cfg;
	using hw_info = struct pt_iommu_dart_hw_info;
	static constexpr std::array<std::string_view, 1> features = {"v2"};
	static constexpr std::string_view levels_help = "levels follow --va-bits";

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

#ifdef GENERICPT_HAVE_FMT_dart
struct Dart : DartBase {
	static constexpr std::string_view name = "dart";
	static constexpr std::string_view title = "Apple DART, 16 KiB granule";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(dart)};
	static constexpr auto init = &pt_iommu_dart_init;
	static constexpr auto get_hw_info = &pt_iommu_dart_hw_info;
};
#endif
#ifdef GENERICPT_HAVE_FMT_dart_4k
struct Dart4k : DartBase {
	static constexpr std::string_view name = "dart_4k";
	static constexpr std::string_view title = "Apple DART, 4 KiB granule (DART1 layout)";
	static constexpr iommu_domain_ops ops{IOMMU_PT_DOMAIN_OPS(dart_4k)};
	static constexpr auto init = &pt_iommu_dart_4k_init;
	static constexpr auto get_hw_info = &pt_iommu_dart_4k_hw_info;
};
#endif

} // namespace

#ifdef GENERICPT_HAVE_FMT_dart
const Format &format_dart()
{
	static const FormatOf<Dart> f;
	return f;
}
#endif
#ifdef GENERICPT_HAVE_FMT_dart_4k
const Format &format_dart_4k()
{
	static const FormatOf<Dart4k> f;
	return f;
}
#endif

} // namespace gpt
#endif
