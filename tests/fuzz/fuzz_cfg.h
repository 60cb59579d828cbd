// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The cfg header protocol of tests/gpt_harness.h, without Catch2, for the
 * per-format halves of genericpt-fuzz. Every format's cfg header defines
 * gpt::format_configs() & co; several formats link into one program, so
 * they live in an anonymous namespace here. Included once per TU.
 */
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <linux/generic_pt/iommu.h>

#include GPT_CFG_HEADER
#define GPT_CAT3_(a, b, c) a##b##c
#define GPT_CAT3(a, b, c) GPT_CAT3_(a, b, c)
#define GPT_CALL(name) GPT_CAT3(pt_iommu_, GPT_FN, _##name)
namespace {
namespace gpt {
using u64 = uint64_t;
using Tbl = struct GPT_CAT3(pt_iommu_, GPT_TBL, );
using Cfg = struct GPT_CAT3(pt_iommu_, GPT_TBL, _cfg);
using HwInfo = struct GPT_CAT3(pt_iommu_, GPT_TBL, _hw_info);
struct ConfigCase {
	const char *name;
	unsigned features;
	std::function<void(Cfg &)> fill;
};
} // namespace gpt
#include GPT_CFG_HEADER
} // namespace

