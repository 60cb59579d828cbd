// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Small helpers for the hand-built table tests of the Arm and Apple
// walkers: an arena of zeroed, aligned host allocations (phys == virt, to be
// used with hw::HostMemory), raw entry accessors, and a window arena for
// formats whose entries cannot hold a 47-bit host address (the 32-bit
// short-descriptor format, the DART's 36/42-bit fields).
#pragma once

#include "hw_walker.h"

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
		// Through uintptr_t: GCC sign-extends a pointer cast straight
		// to a wider integer (32-bit hosts).
		return reinterpret_cast<uintptr_t>(p);
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

// Physical memory [base, base + size) backed by one host buffer, seen
// through hw::WindowMemory. Allocations are bump-allocated and zeroed.
class WindowArena {
public:
	WindowArena(uint64_t base, uint64_t size)
		: host_(alloc_host(size)), mem(base, host_, size), base_(base), size_(size)
	{
	}
	WindowArena(const WindowArena &) = delete;
	WindowArena &operator=(const WindowArena &) = delete;
	~WindowArena() { std::free(host_); }

	uint64_t alloc(uint64_t size, uint64_t align = 0)
	{
		if (align == 0)
			align = size;
		const uint64_t pa = (base_ + next_ + align - 1) & ~(align - 1);
		if (pa + size > base_ + size_)
			std::abort();
		next_ = pa + size - base_;
		return pa;
	}
	void set64(uint64_t pa, uint64_t v) { mem.write64(pa, v); }
	uint64_t get64(uint64_t pa) { return mem.read64(pa); }
	void set32(uint64_t pa, uint32_t v) { mem.write32(pa, v); }
	uint32_t get32(uint64_t pa) { return mem.read32(pa); }

private:
	static void *alloc_host(uint64_t size)
	{
		void *p = std::aligned_alloc(4096, (size + 4095) & ~uint64_t{4095});
		if (!p)
			std::abort();
		std::memset(p, 0, size);
		return p;
	}
	void *host_;

public:
	hw::WindowMemory mem;

private:
	uint64_t base_;
	uint64_t size_;
	uint64_t next_ = 0;
};

} // namespace hwtest
