// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Helpers for the hand-built page tables of the walker self tests: table
// memory comes from aligned_alloc() and physical == host virtual address
// (hw::HostMemory).
#pragma once

#include "hw_walker.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace Catch {
template <> struct StringMaker<hw::Fault> {
	static std::string convert(hw::Fault f) { return hw::fault_name(f); }
};
} // namespace Catch

namespace hwtest {

// Owns zeroed, aligned table pages.
class Pages {
public:
	Pages() = default;
	Pages(const Pages &) = delete;
	Pages &operator=(const Pages &) = delete;
	~Pages()
	{
		for (void *p : list_)
			std::free(p);
	}
	uint64_t alloc(size_t size = 4096, size_t align = 4096)
	{
		void *p = std::aligned_alloc(align, size);
		REQUIRE(p != nullptr);
		std::memset(p, 0, size);
		list_.push_back(p);
		return reinterpret_cast<uintptr_t>(p);
	}

private:
	std::vector<void *> list_;
};

inline uint64_t &slot(uint64_t table_pa, uint64_t index)
{
	return reinterpret_cast<uint64_t *>(table_pa)[index];
}

constexpr uint64_t bit(unsigned n)
{
	return uint64_t(1) << n;
}

} // namespace hwtest

// Check the fault kind, printing the walker's reason on failure.
#define HW_REQUIRE_FAULT(tr, kind)                 \
	do {                                       \
		const hw::Translation &tr_ = (tr); \
		INFO("why: " << tr_.why);          \
		REQUIRE(tr_.fault == (kind));      \
	} while (0)

#define HW_REQUIRE_OK(tr) HW_REQUIRE_FAULT(tr, hw::Fault::None)
