// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The arena registry and allocator, through the runtime API the page-table
 * code uses (iommu_alloc_pages_node_sz / iommu_free_pages / virt_to_phys /
 * phys_to_virt) and the public genericpt_arena_* functions.
 */
#include <genericpt/arena.h>
#include <genericpt/runtime.h>
#include <linux/errno.h>
#include <linux/iommu-pages.h>

#include <catch2/catch.hpp>

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <vector>

namespace {

using u64 = uint64_t;

class Region {
public:
	explicit Region(size_t size) : size_(size)
	{
		mem_ = mmap(nullptr, size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		REQUIRE(mem_ != MAP_FAILED);
	}
	~Region() { munmap(mem_, size_); }
	Region(const Region &) = delete;
	Region &operator=(const Region &) = delete;
	uint8_t *p() const { return static_cast<uint8_t *>(mem_); }
	size_t size() const { return size_; }

private:
	void *mem_;
	size_t size_;
};

/* A registered arena; unregistered (which must succeed) on destruction. */
class Arena {
public:
	Arena(u64 base, size_t size) : r_(size), base_(base)
	{
		nid_ = genericpt_arena_register(r_.p(), base, size);
		REQUIRE(nid_ >= GENERICPT_ARENA_NID_BASE);
		REQUIRE(nid_ < GENERICPT_ARENA_NID_BASE + GENERICPT_MAX_ARENAS);
	}
	~Arena() { CHECK(genericpt_arena_unregister(nid_) == 0); }
	Arena(const Arena &) = delete;
	Arena &operator=(const Arena &) = delete;

	int nid() const { return nid_; }
	u64 base() const { return base_; }
	uint8_t *host() const { return r_.p(); }
	size_t size() const { return r_.size(); }
	genericpt_arena_stats stats() const
	{
		genericpt_arena_stats st{};
		REQUIRE(genericpt_arena_get_stats(nid_, &st) == 0);
		return st;
	}
	/* Allocate and check placement, alignment, zeroing, translation. */
	void *alloc(size_t size, gfp_t gfp = 0) const
	{
		void *v = iommu_alloc_pages_node_sz(nid_, gfp, size);
		if (!v)
			return nullptr;
		auto *b = static_cast<uint8_t *>(v);
		REQUIRE(b >= host());
		REQUIRE(b + size <= host() + this->size());
		u64 pa = virt_to_phys(v);
		REQUIRE(pa == base_ + u64(b - host()));
		REQUIRE(pa % size == 0);
		REQUIRE(phys_to_virt(pa) == v);
		for (size_t i = 0; i != size; i++)
			REQUIRE(b[i] == 0);
		return v;
	}

private:
	Region r_;
	u64 base_;
	int nid_;
};

} // namespace

TEST_CASE("arena/runtime/register_errors", "[arena]")
{
	Region r(1 << 20);
	CHECK(genericpt_arena_register(r.p(), 0x40000000, 0) == -EINVAL);
	CHECK(genericpt_arena_register(r.p() + 8, 0x40000000, 4096) == -EINVAL);
	CHECK(genericpt_arena_register(r.p(), 0x40000008, 4096) == -EINVAL);
	CHECK(genericpt_arena_register(r.p(), 0x40000000, 4097) == -EINVAL);
	/* The physical window would wrap around the 64-bit space. */
	CHECK(genericpt_arena_register(r.p(), ~u64(0) - 4095 - 4096, 3 * 4096) ==
	      -EINVAL);
	CHECK(genericpt_arena_unregister(GENERICPT_ARENA_NID_BASE - 1) ==
	      -ENOENT);
	CHECK(genericpt_arena_unregister(NUMA_NO_NODE) == -ENOENT);
	genericpt_arena_stats st;
	CHECK(genericpt_arena_get_stats(0, &st) == -ENOENT);

	{
		Arena a(0x40000000, 1 << 20);
		Region other(1 << 20);
		/* Physical windows must not overlap... */
		CHECK(genericpt_arena_register(other.p(), 0x400ff000, 4096) ==
		      -EBUSY);
		CHECK(genericpt_arena_register(other.p(), 0x3ffff000, 8192) ==
		      -EBUSY);
		/* ...nor the host memory. */
		CHECK(genericpt_arena_register(a.host() + 4096, 0x80000000,
					       4096) == -EBUSY);
		/* Adjacent is fine. */
		int n = genericpt_arena_register(other.p(), 0x40100000, 4096);
		CHECK(n >= GENERICPT_ARENA_NID_BASE);
		CHECK(n != a.nid());
		CHECK(genericpt_arena_unregister(n) == 0);
		CHECK(genericpt_arena_unregister(n) == -ENOENT);

		/* Live tables keep the arena registered. */
		void *v = a.alloc(4096);
		REQUIRE(v);
		CHECK(genericpt_arena_unregister(a.nid()) == -EBUSY);
		iommu_free_pages(v);
	}
	/* An unregistered id allocates nothing. */
	CHECK(iommu_alloc_pages_node_sz(GENERICPT_ARENA_NID_BASE, 0, 4096) ==
	      nullptr);
}

TEST_CASE("arena/runtime/too_many_arenas", "[arena]")
{
	Region r(GENERICPT_MAX_ARENAS * 4096 + 4096);
	std::vector<int> ids;
	for (int i = 0; i != GENERICPT_MAX_ARENAS + 1; i++) {
		int n = genericpt_arena_register(r.p() + i * 4096,
						 0x50000000 + u64(i) * 4096,
						 4096);
		if (n < 0) {
			CHECK(n == -ENOSPC);
			break;
		}
		ids.push_back(n);
	}
	CHECK(ids.size() == GENERICPT_MAX_ARENAS);
	for (int n : ids)
		CHECK(genericpt_arena_unregister(n) == 0);
}

TEST_CASE("arena/runtime/sizes_alignment_translation", "[arena]")
{
	/* An odd base: only 4 KiB aligned, so big blocks must skip ahead. */
	Arena a(0x12345000, 8 << 20);
	std::vector<std::pair<void *, size_t>> blocks;
	for (size_t sz = 16; sz <= (1 << 20); sz *= 2) {
		for (int i = 0; i != 3; i++) {
			void *v = a.alloc(sz);
			REQUIRE(v);
			std::memset(v, 0xa5, sz); /* the next user must see 0 */
			blocks.push_back({ v, sz });
		}
	}
	/* No two live blocks overlap. */
	std::map<uintptr_t, size_t> by_addr;
	for (auto &b : blocks)
		by_addr[reinterpret_cast<uintptr_t>(b.first)] = b.second;
	uintptr_t end = 0;
	for (auto &[p, sz] : by_addr) {
		REQUIRE(p >= end);
		end = p + sz;
	}
	genericpt_arena_stats st = a.stats();
	u64 used = 0;
	for (auto &b : blocks)
		used += b.second;
	CHECK(st.used_bytes == used);
	CHECK(st.live_tables == blocks.size());

	/* Heap tables keep phys == virt while arenas exist. */
	void *h = iommu_alloc_pages_node_sz(NUMA_NO_NODE, 0, 4096);
	REQUIRE(h);
	CHECK(virt_to_phys(h) == u64(reinterpret_cast<uintptr_t>(h)));
	CHECK(phys_to_virt(virt_to_phys(h)) == h);
	iommu_free_pages(h);

	for (auto &b : blocks)
		iommu_free_pages(b.first);
	st = a.stats();
	CHECK(st.used_bytes == 0);
	CHECK(st.free_page_bytes == a.size());
	/* Reuse hands out zeroed memory again. */
	std::vector<void *> again;
	for (auto &b : blocks) {
		again.push_back(a.alloc(b.second));
		REQUIRE(again.back());
	}
	for (void *v : again)
		iommu_free_pages(v);
	CHECK(a.stats().live_tables == 0);
}

TEST_CASE("arena/runtime/two_arenas_translate", "[arena]")
{
	Arena a(0x100000000ull, 1 << 20); /* above 4 GiB, also on 32-bit */
	Arena b(0x7ff00000, 1 << 20);
	void *x = a.alloc(4096), *y = b.alloc(4096);
	REQUIRE(x);
	REQUIRE(y);
	CHECK(virt_to_phys(x) == 0x100000000ull);
	CHECK(virt_to_phys(y) == 0x7ff00000);
	CHECK(phys_to_virt(0x100000000ull + 64) ==
	      static_cast<uint8_t *>(x) + 64);
	iommu_free_pages(x);
	iommu_free_pages(y);
}

TEST_CASE("arena/runtime/exhaustion_and_coalescing", "[arena]")
{
	Arena a(0x60000000, 1 << 20);
	const genericpt_arena_stats fresh = a.stats();
	CHECK(fresh.largest_free == (1 << 20));
	std::vector<void *> pages;
	while (void *v = a.alloc(4096))
		pages.push_back(v);
	CHECK(pages.size() == (1 << 20) / 4096);
	CHECK(a.stats().free_page_bytes == 0);
	CHECK(iommu_alloc_pages_node_sz(a.nid(), 0, 16) == nullptr);
	/* Free every other page: no 8 KiB block exists... */
	for (size_t i = 0; i < pages.size(); i += 2)
		iommu_free_pages(pages[i]);
	CHECK(a.alloc(8192) == nullptr);
	CHECK(a.stats().largest_free == 4096);
	/* ...until the buddies come back. */
	for (size_t i = 1; i < pages.size(); i += 2)
		iommu_free_pages(pages[i]);
	genericpt_arena_stats st = a.stats();
	CHECK(st.free_page_bytes == fresh.free_page_bytes);
	CHECK(st.largest_free == fresh.largest_free);
	void *big = a.alloc(1 << 20);
	CHECK(big);
	iommu_free_pages(big);
}

TEST_CASE("arena/runtime/dma32", "[arena]")
{
	SECTION("straddling 4 GiB")
	{
		/* 512 KiB below 4 GiB, 512 KiB above. */
		Arena a(0x100000000ull - (512 << 10), 1 << 20);
		std::vector<void *> low, any;
		while (void *v = a.alloc(4096, __GFP_DMA32)) {
			REQUIRE(virt_to_phys(v) + 4096 <= 0x100000000ull);
			low.push_back(v);
		}
		CHECK(low.size() == 128);
		CHECK(a.alloc(16, __GFP_DMA32) == nullptr);
		/* Ordinary tables still come from the part above 4 GiB. */
		while (void *v = a.alloc(4096))
			any.push_back(v);
		CHECK(any.size() == 128);
		for (void *v : any)
			CHECK(virt_to_phys(v) >= 0x100000000ull);
		for (void *v : low)
			iommu_free_pages(v);
		for (void *v : any)
			iommu_free_pages(v);
	}
	SECTION("above 4 GiB: -ENOMEM, never a truncated address")
	{
		Arena a(0x200000000ull, 1 << 20);
		CHECK(a.alloc(4096, __GFP_DMA32) == nullptr);
		CHECK(a.alloc(64, __GFP_DMA32) == nullptr);
		void *v = a.alloc(4096);
		CHECK(v);
		iommu_free_pages(v);
	}
	SECTION("normal allocations prefer memory above 4 GiB")
	{
		Arena a(0x100000000ull - 4096, 8192);
		void *hi = a.alloc(4096);
		REQUIRE(hi);
		CHECK(virt_to_phys(hi) == 0x100000000ull);
		void *lo = a.alloc(4096);
		REQUIRE(lo);
		CHECK(virt_to_phys(lo) == 0x100000000ull - 4096);
		iommu_free_pages(hi);
		iommu_free_pages(lo);
	}
}

TEST_CASE("arena/runtime/churn_no_fragmentation", "[arena]")
{
	Arena a(0x30000000, 4 << 20);
	const genericpt_arena_stats fresh = a.stats();
	u64 seed = std::random_device{}();
	std::mt19937_64 rng(seed);
	INFO("seed " << seed);
	std::map<uintptr_t, size_t> live;
	u64 live_bytes = 0;
	for (int op = 0; op != 20000; op++) {
		if (!live.empty() && (rng() % 2 || live_bytes > (3 << 20))) {
			auto it = live.begin();
			std::advance(it, long(rng() % live.size()));
			live_bytes -= it->second;
			iommu_free_pages(reinterpret_cast<void *>(it->first));
			live.erase(it);
			continue;
		}
		size_t sz = size_t(16) << (rng() % 13); /* 16 B .. 64 KiB */
		void *v = iommu_alloc_pages_node_sz(a.nid(), 0, sz);
		if (!v)
			continue;
		auto p = reinterpret_cast<uintptr_t>(v);
		REQUIRE((virt_to_phys(v) & (sz - 1)) == 0);
		auto next = live.lower_bound(p);
		if (next != live.end())
			REQUIRE(p + sz <= next->first);
		if (next != live.begin())
			REQUIRE(std::prev(next)->first + std::prev(next)->second <= p);
		live[p] = sz;
		live_bytes += sz;
		REQUIRE(a.stats().used_bytes == live_bytes);
	}
	for (auto &[p, sz] : live)
		iommu_free_pages(reinterpret_cast<void *>(p));
	genericpt_arena_stats st = a.stats();
	CHECK(st.used_bytes == 0);
	CHECK(st.live_tables == 0);
	CHECK(st.free_page_bytes == fresh.free_page_bytes);
	CHECK(st.largest_free == fresh.largest_free);
}

TEST_CASE("arena/runtime/hostile_arena_contents", "[arena]")
{
	/*
	 * Whoever else writes the arena (a guest) cannot corrupt the
	 * allocator: its metadata is not in the arena.
	 */
	Arena a(0x70000000, 1 << 20);
	std::vector<std::pair<void *, size_t>> blocks;
	for (size_t sz = 16; sz <= 65536; sz *= 4)
		for (int i = 0; i != 4; i++)
			blocks.push_back({ a.alloc(sz), sz });
	for (auto &b : blocks)
		REQUIRE(b.first);
	std::memset(a.host(), 0xff, a.size());
	for (size_t i = 0; i < blocks.size(); i += 2)
		iommu_free_pages(blocks[i].first);
	std::memset(a.host(), 0x5a, a.size());
	for (size_t i = 0; i < blocks.size(); i += 2)
		REQUIRE(a.alloc(blocks[i].second)); /* zeroed, in range */
	std::memset(a.host(), 0xff, a.size());
	std::vector<void *> all;
	genericpt_for_each_table(
		[](void *ctx, const void *virt, size_t) {
			static_cast<std::vector<void *> *>(ctx)->push_back(
				const_cast<void *>(virt));
		},
		&all);
	for (void *v : all)
		iommu_free_pages(v);
	CHECK(a.stats().live_tables == 0);
	CHECK(a.stats().free_page_bytes == a.size());
	CHECK(genericpt_warn_count() == 0);
}

TEST_CASE("arena/runtime/heap_stays_out_of_windows", "[arena]")
{
	/* A window over a live heap table's address is refused. */
	void *h = iommu_alloc_pages_node_sz(NUMA_NO_NODE, 0, 4096);
	REQUIRE(h);
	Region r(1 << 16);
	u64 hpa = virt_to_phys(h);
	CHECK(genericpt_arena_register(r.p(), hpa & ~u64(4095), 4096) == -EBUSY);
	iommu_free_pages(h);

	/*
	 * Once the heap address is inside a registered window, the heap
	 * allocator must not hand it out for tables any more (the heap
	 * would usually reuse it at once).
	 */
	int n = genericpt_arena_register(r.p(), hpa & ~u64(4095), 1 << 16);
	REQUIRE(n >= GENERICPT_ARENA_NID_BASE);
	std::vector<void *> heap;
	for (int i = 0; i != 64; i++) {
		void *v = iommu_alloc_pages_node_sz(NUMA_NO_NODE, 0, 4096);
		REQUIRE(v);
		u64 pa = virt_to_phys(v);
		CHECK(pa == u64(reinterpret_cast<uintptr_t>(v)));
		CHECK((pa + 4096 <= (hpa & ~u64(4095)) ||
		       pa >= (hpa & ~u64(4095)) + (1 << 16)));
		heap.push_back(v);
	}
	for (void *v : heap)
		iommu_free_pages(v);
	CHECK(genericpt_arena_unregister(n) == 0);
	CHECK(genericpt_warn_count() == 0);
}

TEST_CASE("arena/runtime/fault_injection", "[arena]")
{
	Arena a(0x48000000, 1 << 16);
	genericpt_fail_alloc_after(0);
	CHECK(iommu_alloc_pages_node_sz(a.nid(), 0, 4096) == nullptr);
	void *v = a.alloc(4096);
	CHECK(v);
	iommu_free_pages(v);
	CHECK(a.stats().live_tables == 0);
}
