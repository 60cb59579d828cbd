// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Independent hardware page-table walkers used as test oracles.
//
// Everything under tests/hw/ is written from the architecture manuals only.
// It must never include anything from fmt/ or generic_pt/ (nor the public
// genericpt headers): the point is a second, independent reading of the
// manual that the library's output is checked against.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hw {

// Access to "physical memory" as a device would see it. Addresses are the
// physical addresses stored in the table entries (for the default heap
// backend phys == host virtual address; an arena test maps a copy).
class Memory {
public:
	virtual ~Memory() = default;
	virtual uint64_t read64(uint64_t pa) = 0;
	virtual uint32_t read32(uint64_t pa) = 0;
	virtual void write64(uint64_t pa, uint64_t val) = 0;
	virtual void write32(uint64_t pa, uint32_t val) = 0;
	// The host address of [pa, pa + len) when this memory is plain host
	// memory, else nullptr (then read64/read32 it is). Lets a table
	// enumeration scan a table without a call per entry.
	virtual const void *host_view(uint64_t pa, uint64_t len)
	{
		(void)pa;
		(void)len;
		return nullptr;
	}
};

// The entries of one table: read in place when the memory allows it
// (plain loads: enumerate a table no one is changing).
template <typename T> class TableWords {
public:
	TableWords(Memory &mem, uint64_t pa, uint64_t n)
		: mem_(mem), pa_(pa),
		  p_(static_cast<const T *>(mem.host_view(pa, n * sizeof(T))))
	{
	}
	T operator[](uint64_t i) const
	{
		if (p_) {
			T v;
			__builtin_memcpy(&v, p_ + i, sizeof(v));
			return v;
		}
		if constexpr (sizeof(T) == 8)
			return mem_.read64(pa_ + i * 8);
		else
			return mem_.read32(pa_ + i * 4);
	}

private:
	Memory &mem_;
	uint64_t pa_;
	const T *p_;
};

// phys == virt: table entries hold host pointers (the library's default).
class HostMemory final : public Memory {
public:
	uint64_t read64(uint64_t pa) override
	{
		return __atomic_load_n(reinterpret_cast<uint64_t *>(pa), __ATOMIC_RELAXED);
	}
	uint32_t read32(uint64_t pa) override
	{
		return __atomic_load_n(reinterpret_cast<uint32_t *>(pa), __ATOMIC_RELAXED);
	}
	void write64(uint64_t pa, uint64_t val) override
	{
		__atomic_store_n(reinterpret_cast<uint64_t *>(pa), val, __ATOMIC_RELAXED);
	}
	void write32(uint64_t pa, uint32_t val) override
	{
		__atomic_store_n(reinterpret_cast<uint32_t *>(pa), val, __ATOMIC_RELAXED);
	}
	const void *host_view(uint64_t pa, uint64_t) override
	{
		return reinterpret_cast<const void *>(static_cast<uintptr_t>(pa));
	}
};

// A window of memory: physical [base, base + size) is host [host, host + size).
class WindowMemory final : public Memory {
public:
	WindowMemory(uint64_t base, void *host, uint64_t size)
		: base_(base), host_(static_cast<uint8_t *>(host)), size_(size) {}
	uint64_t read64(uint64_t pa) override { uint64_t v; copy_out(pa, &v, 8); return v; }
	uint32_t read32(uint64_t pa) override { uint32_t v; copy_out(pa, &v, 4); return v; }
	void write64(uint64_t pa, uint64_t v) override { copy_in(pa, &v, 8); }
	void write32(uint64_t pa, uint32_t v) override { copy_in(pa, &v, 4); }
	// Set when a read or write fell outside the window.
	bool out_of_range = false;

private:
	bool ok(uint64_t pa, unsigned n) const
	{
		return pa >= base_ && pa - base_ + n <= size_;
	}
	void copy_out(uint64_t pa, void *dst, unsigned n)
	{
		if (!ok(pa, n)) {
			out_of_range = true;
			__builtin_memset(dst, 0, n);
			return;
		}
		__builtin_memcpy(dst, host_ + (pa - base_), n);
	}
	void copy_in(uint64_t pa, const void *src, unsigned n)
	{
		if (!ok(pa, n)) {
			out_of_range = true;
			return;
		}
		__builtin_memcpy(host_ + (pa - base_), src, n);
	}
	uint64_t base_;
	uint8_t *host_;
	uint64_t size_;
};

enum class Access { Read, Write, Exec };

enum class Fault {
	None,
	NotPresent,   // an invalid / not-present descriptor on the walk
	Reserved,     // a reserved or must-be-zero bit was set
	Encoding,     // an encoding the manual forbids (bad level, bad size...)
	AddressSize,  // iova outside the translated range / OA too wide
	Permission,   // translation exists but the access is not allowed
};

const char *fault_name(Fault f);

// The outcome of translating one iova.
struct Translation {
	Fault fault = Fault::NotPresent;
	std::string why;          // human readable reason for a fault
	uint64_t oa = 0;          // output address of the iova (not of the page)
	uint64_t page_size = 0;   // size of the translation found (bytes)
	unsigned level = 0;       // level of the leaf, 0 = smallest leaf table
	bool read = false;        // effective permissions of the leaf
	bool write = false;
	bool exec = false;
	bool dirty = false;       // leaf is marked dirty (after the walk)

	bool ok() const { return fault == Fault::None; }
};

// One translation table as the hardware reaches it from the root: what a
// walker's tables() enumeration reports, parents before their children.
struct TableInfo {
	uint64_t pa = 0;      // physical address of the table
	uint64_t va = 0;      // first input address it translates (sign
	                      // extended in the upper half of such formats)
	uint64_t bytes = 0;   // size of the table in memory
	unsigned level = 0;   // level of its entries, 0 = smallest leaves
	unsigned present = 0; // entries the hardware treats as valid
	unsigned leaves = 0;  // of those, entries that are pages/blocks
};

// Upper bound on the tables an enumeration follows: a corrupt table that
// points back at itself ends the enumeration instead of looping.
inline constexpr unsigned kMaxTables = 1u << 20;

} // namespace hw
