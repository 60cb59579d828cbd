// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Small helpers for the hand-built table tests of the Arm and Apple
// walkers: an arena of zeroed, aligned host allocations (phys == virt, to be
// used with hw::HostMemory) and raw entry accessors.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace hwtest {

class Arena {
public:
	Arena() = default;
	Arena(const Arena &) = delete;
	Arena &operator=(const Arena &) = delete;
	~Arena()
	{
		for (void *p : blocks_)
			std::free(p);
	}

	// A zeroed block of `size` bytes aligned to `align` (default: size),
	// returned as its physical (== host) address.
	uint64_t alloc(uint64_t size, uint64_t align = 0)
	{
		if (align == 0)
			align = size;
		if (align < 64)
			align = 64;
		const uint64_t rounded = (size + align - 1) & ~(align - 1);
		void *p = std::aligned_alloc(align, rounded);
		if (!p)
			std::abort();
		std::memset(p, 0, rounded);
		blocks_.push_back(p);
		return reinterpret_cast<uint64_t>(p);
	}

private:
	std::vector<void *> blocks_;
};

inline void set64(uint64_t pa, uint64_t v)
{
	*reinterpret_cast<uint64_t *>(pa) = v;
}

inline uint64_t get64(uint64_t pa)
{
	return *reinterpret_cast<uint64_t *>(pa);
}

inline void set32(uint64_t pa, uint32_t v)
{
	*reinterpret_cast<uint32_t *>(pa) = v;
}

inline uint32_t get32(uint64_t pa)
{
	return *reinterpret_cast<uint32_t *>(pa);
}

} // namespace hwtest
