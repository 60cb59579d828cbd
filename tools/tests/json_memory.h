// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Test helpers: physical memory backed by the raw table image of
// `genericpt run --json` (gpt::table_image), and the tests/hw reference
// walker that matches the image's format, configured from its hw_info.
#pragma once

#include "hw_walker.h"
#include "walk_amdv1.h"
#include "walk_armv7s.h"
#include "walk_armv8.h"
#include "walk_dart.h"
#include "walk_riscv.h"
#include "walk_vtdss.h"
#include "walk_x86.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gpt::tools_test {

inline std::uint64_t hexnum(const nlohmann::json &j)
{
	return std::stoull(j.get<std::string>(), nullptr, 16);
}

class JsonMemory final : public hw::Memory {
public:
	explicit JsonMemory(const nlohmann::json &image)
	{
		const unsigned esz = image.at("entry_bytes");
		for (const auto &t : image.at("tables")) {
			std::vector<unsigned char> bytes;
			for (const auto &e : t.at("entries")) {
				std::uint64_t w = hexnum(e);
				bytes.insert(bytes.end(), reinterpret_cast<unsigned char *>(&w),
					     reinterpret_cast<unsigned char *>(&w) + esz);
			}
			tables_[hexnum(t.at("phys"))] = std::move(bytes);
		}
	}
	std::uint64_t read64(std::uint64_t pa) override
	{
		std::uint64_t v = 0;
		read(pa, &v, 8);
		return v;
	}
	std::uint32_t read32(std::uint64_t pa) override
	{
		std::uint32_t v = 0;
		read(pa, &v, 4);
		return v;
	}
	void write64(std::uint64_t, std::uint64_t) override {}
	void write32(std::uint64_t, std::uint32_t) override {}

	bool out_of_range = false;

private:
	void read(std::uint64_t pa, void *dst, unsigned n)
	{
		auto it = tables_.upper_bound(pa);
		if (it == tables_.begin()) {
			out_of_range = true;
			return;
		}
		--it;
		if (pa - it->first + n > it->second.size()) {
			out_of_range = true;
			return;
		}
		std::memcpy(dst, it->second.data() + (pa - it->first), n);
	}

	std::map<std::uint64_t, std::vector<unsigned char>> tables_;
};

using Walker = std::function<hw::Translation(hw::Memory &, std::uint64_t iova)>;

// The reference walker for the image's format, or an empty function.
inline Walker walker_for(const nlohmann::json &image)
{
	const std::string f = image.at("format");
	const nlohmann::json &hw = image.at("hw_info");
	// constexpr: lambdas use it without capturing it (clang warns on the capture).
	constexpr auto rd = hw::Access::Read;
	auto has_feature = [&](std::string_view name) {
		const auto &fs = image.at("features");
		return std::find(fs.begin(), fs.end(), name) != fs.end();
	};

	if (f == "amdv1" || f == "amdv1_mock") {
		hw::amdv1::Config c;
		c.root_pa = hexnum(hw.at("host_pt_root"));
		c.mode = hw.at("mode");
		if (f == "amdv1")
			return [c](hw::Memory &m, std::uint64_t iova) {
				return hw::amdv1::walk(m, c, iova, rd);
			};
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::amdv1_mock::walk(m, c, iova, rd);
		};
	}
	if (f == "x86_64") {
		hw::x86_64::Config c;
		c.root_pa = hexnum(hw.at("gcr3_pt"));
		c.levels = hw.at("levels");
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::x86_64::walk(m, c, iova, rd);
		};
	}
	if (f == "x86pae") {
		hw::x86pae::Config c;
		c.root_pa = hexnum(hw.at("cr3"));
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::x86pae::walk(m, c, iova, rd);
		};
	}
	if (f == "vtdss") {
		hw::vtdss::Config c;
		c.root_pa = hexnum(hw.at("ssptptr"));
		c.aw = hw.at("aw");
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::vtdss::walk(m, c, iova, rd);
		};
	}
	if (f == "riscv_64" || f == "riscv64" || f == "riscv_32") {
		hw::riscv::Config c;
		c.sxl32 = f == "riscv_32";
		c.root_ppn = hexnum(hw.at("ppn"));
		c.mode = hw.at("fsc_iosatp_mode");
		c.x4 = has_feature("gstage");
		c.hw_ad = has_feature("hw_ad");
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::riscv::walk(m, c, iova, rd);
		};
	}
	const unsigned granule_lg2 =
		static_cast<unsigned>(std::countr_zero(image.at("granule").get<std::uint64_t>()));
	if (f == "armv8" || f.starts_with("armv8_")) {
		hw::armv8::Config c;
		if (!hw.value("aa64", 1))
			return {}; // AArch32's TxSZ: not decoded here
		c.granule_lg2 = granule_lg2;
		c.ds = hw.value("ds", 0);
		c.stage = has_feature("s2") ? 2 : 1;
		c.table_pa = hexnum(hw.at("root"));
		c.tsz = 64 - image.at("va_bits").get<unsigned>();
		c.upper = has_feature("ttbr1");
		c.lpa = has_feature("lpa");
		// TCR.IPS encodes one of these sizes: the smallest that holds OA.
		c.ips_bits = 52;
		for (unsigned ips : {32u, 36u, 40u, 42u, 44u, 48u, 52u})
			if (ips >= image.at("oa_bits").get<unsigned>()) {
				c.ips_bits = ips;
				break;
			}
		c.privileged = true;
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::armv8::walk(m, c, iova, rd);
		};
	}
	if (f == "armv7s") {
		hw::armv7s::Config c;
		c.ttbr_pa = hexnum(hw.at("root"));
		c.privileged = true;
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::armv7s::walk(m, c, iova, rd);
		};
	}
	if (f == "dart" || f == "dart_4k") {
		hw::dart::Config c;
		c.granule_lg2 = granule_lg2;
		c.layout = has_feature("v2") ? 2 : 1;
		c.num_ttbr = hw.at("num_ttbr");
		for (unsigned i = 0; i != c.num_ttbr && i != 4; i++)
			c.ttbr[i] = hexnum(hw.at("ttbr").at(i));
		c.va_bits = image.at("va_bits");
		return [c](hw::Memory &m, std::uint64_t iova) {
			return hw::dart::walk(m, c, iova, rd);
		};
	}
	return {};
}

} // namespace gpt::tools_test
