// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// genericpt-bench: Google Benchmark cases for every built format.
//
//   F/map_unmap/SIZE          map + unmap of one IOPTE of each leaf size
//   F/map_only/SIZE           map of one granule page (unmapped untimed)
//   F/unmap_only/SIZE         unmap of one granule page (mapped untimed)
//   F/map_only_256x/SIZE      map of 256 IOPTEs in one call (unmap untimed)
//   F/unmap_only_256x/SIZE    unmap of 256 IOPTEs in one call
//   F/map_unmap_256x/SIZE     map + unmap of 256 IOPTEs in one call, at the
//                             leaf size of levels 0, 1 and 2 (4K, 2M, 1G for
//                             4 KiB formats: the kernel iommupt benchmark)
//   F/iommu_map_unmap_page    iommu_map() + iommu_unmap() of one PAGE_SIZE
//                             page (the core helpers and the fast path)
//   F/iova_to_phys            translate one IOVA of a populated table
//   F/map_1GiB/4K             map 1 GiB in granule pages (4K for 4 KiB
//                             formats) with one call; tables allocated
//   F/map_1GiB_tables_present/4K   the same into existing empty tables
//   F/memset_pte_bytes_1GiB   memset of the bytes those PTEs occupy
//   F/threads_map_unmap/threads:N  N threads, disjoint ranges, one table
//
// GENERICPT_BENCH_ARENA=1 builds every measured table in an arena
// (<genericpt/arena.h>) instead of the heap: the cost of the arena's trust
// checks (docs/arena.md, "Threat model") is the difference between the two runs.
//
// The measurement is of the library: one table per format is reused, the
// tables a case needs exist before its timed loop, map/unmap go straight to
// the domain ops, and nothing is allocated in a timed loop but what the
// library allocates itself. The 1 GiB cases report vs_memset, their time
// over the memset of the same PTE bytes (the physical limit).
#include "format.h"
#include "layout.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <vector>

#include <genericpt/arena.h>

#include <cstdlib>
#include <sys/mman.h>
#include <time.h>

namespace {

using gpt::Format;
using gpt::Layout;
using std::uint64_t;

constexpr int kProt = IOMMU_READ | IOMMU_WRITE;

// One format's table shared by its cases, and a VA bump allocator so every
// case works in its own part of the aperture.
struct Ctx {
	const Format *f;
	Layout l;
	std::unique_ptr<gpt::Table> t;
	iommu_domain *dom;
	const iommu_domain_ops *ops;
	uint64_t next_va;

	Ctx(const Format &fmt, int nid)
		: f(&fmt), l(gpt::discover(fmt, {})), t(fmt.create(knobs(nid)))
	{
		dom = &t->domain();
		ops = dom->ops;
		next_va = l.aperture_start;
	}

	static gpt::Knobs knobs(int nid)
	{
		gpt::Knobs k;
		k.nid = nid;
		return k;
	}

	// A fresh VA range of @span bytes aligned to 2^@align_lg2, or nullopt.
	std::optional<uint64_t> region(unsigned align_lg2, uint64_t span)
	{
		if (align_lg2 >= 64)
			return std::nullopt;
		uint64_t a = 1ULL << align_lg2;
		uint64_t va = (next_va + a - 1) & ~(a - 1);
		if (va < next_va || va > l.aperture_end || span - 1 > l.aperture_end - va)
			return std::nullopt;
		next_va = va + span;
		return va;
	}

	// An OA aligned to exactly 2^lg2 (not to twice that) with @span bytes
	// below the output limit: leaves of exactly that size get used.
	uint64_t exact_pa(unsigned lg2, uint64_t span) const
	{
		uint64_t pa = 1ULL << lg2;
		if (l.oa_bits < 64 && pa + span - 1 >= (1ULL << l.oa_bits))
			return 0;
		return pa;
	}

	int map(uint64_t iova, uint64_t pa, unsigned lg2, uint64_t count)
	{
		size_t mapped = 0;
		return ops->map_pages(dom, iova, pa, 1ULL << lg2, count, kProt, GFP_KERNEL,
				      &mapped);
	}

	uint64_t unmap(uint64_t iova, unsigned lg2, uint64_t count)
	{
		iommu_iotlb_gather gather;
		iommu_iotlb_gather_init(&gather);
		uint64_t n = ops->unmap_pages(dom, iova, 1ULL << lg2, count, &gather);
		iommu_iotlb_sync(dom, &gather);
		return n;
	}
};

std::vector<std::unique_ptr<Ctx>> g_ctx;

bool check(benchmark::State &st, int err, std::string_view what)
{
	if (!err)
		return true;
	st.SkipWithError(fmt::format("{}: {}", what, gpt::errno_text(err)).c_str());
	return false;
}

void bm_map_unmap(benchmark::State &st, Ctx *c, unsigned lg2, uint64_t count, uint64_t va,
		  uint64_t pa)
{
	// Pre-size: the tables this range needs exist before timing starts.
	if (!check(st, c->map(va, pa, lg2, count), "map"))
		return;
	c->unmap(va, lg2, count);
	for (auto _ : st) {
		int err = c->map(va, pa, lg2, count);
		uint64_t n = c->unmap(va, lg2, count);
		benchmark::DoNotOptimize(n);
		if (err) {
			check(st, err, "map");
			break;
		}
	}
	st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * count));
}

// Only the map (or only the unmap) of @count leaves of 2^@lg2 bytes: the
// iterations use @slots places @stride apart; after each round the other
// half of the work is done untimed (PauseTiming is amortised over a round).
void bm_one_way(benchmark::State &st, Ctx *c, bool time_map, unsigned lg2, uint64_t count,
		uint64_t va, uint64_t pa, uint64_t stride, unsigned slots)
{
	auto undo_all = [&](bool map) {
		for (unsigned k = 0; k != slots; k++) {
			uint64_t off = k * stride;
			if (map)
				c->map(va + off, pa + off, lg2, count);
			else
				c->unmap(va + off, lg2, count);
		}
	};
	unsigned k = 0;

	// Pre-size: every slot's tables exist from here on.
	for (unsigned i = 0; i != slots; i++)
		if (!check(st, c->map(va + i * stride, pa + i * stride, lg2, count), "map"))
			return;
	undo_all(false);
	if (!time_map)
		undo_all(true);
	for (auto _ : st) {
		uint64_t off = k * stride;
		if (time_map) {
			if (!check(st, c->map(va + off, pa + off, lg2, count), "map"))
				break;
		} else {
			benchmark::DoNotOptimize(c->unmap(va + off, lg2, count));
		}
		if (++k == slots) {
			k = 0;
			st.PauseTiming();
			undo_all(!time_map);
			st.ResumeTiming();
		}
	}
	undo_all(false);
	st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * count));
}

void bm_iommu_map_page(benchmark::State &st, Ctx *c, uint64_t size, uint64_t va, uint64_t pa)
{
	if (!check(st, iommu_map(c->dom, va, pa, size, kProt, GFP_KERNEL), "iommu_map"))
		return;
	iommu_unmap(c->dom, va, size);
	for (auto _ : st) {
		int err = iommu_map(c->dom, va, pa, size, kProt, GFP_KERNEL);
		benchmark::DoNotOptimize(iommu_unmap(c->dom, va, size));
		if (err) {
			check(st, err, "iommu_map");
			break;
		}
	}
	st.SetItemsProcessed(st.iterations());
}

void bm_iova_to_phys(benchmark::State &st, Ctx *c, uint64_t va, uint64_t pa)
{
	const unsigned g = c->l.granule_lg2;
	constexpr unsigned kPages = 256;
	if (!check(st, c->map(va, pa, g, kPages), "map"))
		return;
	unsigned i = 0;
	for (auto _ : st) {
		benchmark::DoNotOptimize(
			c->ops->iova_to_phys(c->dom, va + (uint64_t(i) << g) + 0x10));
		i = (i + 37) % kPages;
	}
	c->unmap(va, g, kPages);
	st.SetItemsProcessed(st.iterations());
}

// Bytes of the PTEs 1 GiB of granule pages takes.
uint64_t pte_bytes_1g(const Ctx *c)
{
	return (1ULL << (30 - c->l.granule_lg2)) << c->l.entry_size_lg2;
}

// CPU time of this thread: the machine may be shared, and a 1 GiB map
// takes long enough to be preempted; what is measured is the work done.
double thread_cpu_ns()
{
	timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

double memset_ns(std::vector<unsigned char> &buf)
{
	double best = 1e30;
	for (int rep = 0; rep != 16; rep++) {
		double t0 = thread_cpu_ns();
		std::memset(buf.data(), 0x11, buf.size());
		benchmark::ClobberMemory();
		double d = thread_cpu_ns() - t0;
		// A sample below the clock's resolution reads 0: skip it.
		if (d > 0)
			best = std::min(best, d);
	}
	return best;
}

void bm_memset(benchmark::State &st, Ctx *c)
{
	std::vector<unsigned char> buf(pte_bytes_1g(c), 0);
	for (auto _ : st) {
		std::memset(buf.data(), 0x11, buf.size());
		benchmark::ClobberMemory();
	}
	st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * buf.size()));
}

// Map 1 GiB in granule pages with one map_pages call; the unmap is untimed.
// tables_present: the unmap leaves every (empty) table in place, so the
// map only writes PTEs; otherwise it frees them and the map allocates them.
void bm_map_1g(benchmark::State &st, Ctx *c, bool tables_present, uint64_t va, uint64_t pa)
{
	const unsigned g = c->l.granule_lg2;
	const uint64_t count = 1ULL << (30 - g);
	std::vector<unsigned char> buf(pte_bytes_1g(c), 0);
	const double memset_first = memset_ns(buf);
	// One leaf table's span: unmapping it in two parts keeps the table.
	const unsigned tspan = c->l.level.at(0).item_va_lg2 + c->l.level.at(0).items_lg2;
	auto unmap_all = [&] {
		if (!tables_present) {
			c->unmap(va, g, count);
			return;
		}
		for (uint64_t off = 0; off < (1ULL << 30); off += 1ULL << tspan) {
			uint64_t n = 1ULL << (tspan - g);
			c->unmap(va + off, g, n - 1);
			c->unmap(va + off + ((n - 1) << g), g, 1);
		}
	};

	if (!check(st, c->map(va, pa, g, count), "map"))
		return;
	unmap_all();
	double total_ns = 0, memset_best = memset_first;
	for (auto _ : st) {
		double t0 = thread_cpu_ns();
		int err = c->map(va, pa, g, count);
		double ns = thread_cpu_ns() - t0;
		st.SetIterationTime(ns / 1e9);
		total_ns += ns;
		if (err) {
			check(st, err, "map");
			break;
		}
		unmap_all();
		// The baseline again under the same conditions (untimed).
		double m0 = thread_cpu_ns();
		std::memset(buf.data(), 0x11, buf.size());
		benchmark::ClobberMemory();
		if (double m = thread_cpu_ns() - m0; m > 0)
			memset_best = std::min(memset_best, m);
	}
	if (st.iterations()) {
		double per = total_ns / double(st.iterations());
		st.counters["vs_memset"] = per / memset_best;
		st.counters["ns/PTE"] = per / double(count);
		st.counters["memset_us"] = memset_best / 1e3;
	}
	st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * count));
}

// Each thread maps and unmaps single pages in its own 64 MiB of VA (its
// own leaf tables; upper tables are shared).
constexpr unsigned kThreadSpanLg2 = 26;

void bm_threads(benchmark::State &st, Ctx *c, uint64_t va, uint64_t pa)
{
	const unsigned g = c->l.granule_lg2;
	constexpr unsigned kSlots = 256;
	const uint64_t base = va + (uint64_t(st.thread_index()) << kThreadSpanLg2);
	const uint64_t pbase = pa + (uint64_t(st.thread_index()) << kThreadSpanLg2);

	if (!check(st, c->map(base, pbase, g, kSlots), "map"))
		return;
	c->unmap(base, g, kSlots);
	unsigned i = 0;
	for (auto _ : st) {
		uint64_t off = uint64_t(i) << g;
		int err = c->map(base + off, pbase + off, g, 1);
		benchmark::DoNotOptimize(c->unmap(base + off, g, 1));
		if (err) {
			check(st, err, "map");
			break;
		}
		i = (i + 1) % kSlots;
	}
	st.SetItemsProcessed(st.iterations());
}

void register_format(Ctx *c)
{
	const std::string f(c->f->name());
	const Layout &l = c->l;
	const unsigned g = l.granule_lg2;
	auto name = [&](std::string_view what, std::string_view arg = {}) {
		return arg.empty() ? fmt::format("{}/{}", f, what) :
				     fmt::format("{}/{}/{}", f, what, arg);
	};

	// The large ranges first, so they fit in small (32-bit) apertures too.
	const auto va_1g = c->region(30, 1ULL << 30);
	const auto va_threads = c->region(kThreadSpanLg2, 2ULL << kThreadSpanLg2);
	const uint64_t page = (l.pgsize_bitmap & gpt::kPageSize) ? gpt::kPageSize : 1ULL << g;
	const unsigned page_lg2 = static_cast<unsigned>(std::countr_zero(page));
	const auto va_page = c->region(page_lg2 + 1, page);
	const auto va_xlate = c->region(g + 9, 256ULL << g);

	for (const auto &[lg2, leaf] : l.leaves) {
		auto va = c->region(lg2 + 1, 1ULL << lg2);
		if (!va)
			continue;
		benchmark::RegisterBenchmark(name("map_unmap", gpt::lg2_size_str(lg2)).c_str(),
					     bm_map_unmap, c, lg2, 1, *va,
					     c->exact_pa(lg2, 1ULL << lg2));
	}
	if (auto va = c->region(g + 9, 256ULL << g)) {
		uint64_t pa = c->exact_pa(g, 256ULL << g);
		for (bool m : {true, false})
			benchmark::RegisterBenchmark(
				name(m ? "map_only" : "unmap_only", gpt::lg2_size_str(g)).c_str(),
				bm_one_way, c, m, g, 1, *va, pa, 1ULL << g, 256);
	}
	for (unsigned level = 0; level != 3; level++) {
		auto lg2 = l.item_leaf_lg2(level);
		if (!lg2)
			continue;
		const auto &lv = l.level[level];
		auto va = c->region(lv.item_va_lg2 + lv.items_lg2, 256ULL << *lg2);
		if (!va)
			continue;
		benchmark::RegisterBenchmark(name("map_unmap_256x", gpt::lg2_size_str(*lg2)).c_str(),
					     bm_map_unmap, c, *lg2, 256, *va,
					     c->exact_pa(*lg2, 256ULL << *lg2));
		// The same 256 leaves, map and unmap timed apart, in up to 16
		// tables used in turn.
		const unsigned span = lv.item_va_lg2 + lv.items_lg2;
		for (unsigned slots : {16u, 4u, 1u}) {
			auto base = c->region(span, uint64_t(slots) << span);
			if (!base)
				continue;
			uint64_t pa = c->exact_pa(*lg2, uint64_t(slots) << span);
			for (bool m : {true, false})
				benchmark::RegisterBenchmark(
					name(m ? "map_only_256x" : "unmap_only_256x",
					     gpt::lg2_size_str(*lg2))
						.c_str(),
					bm_one_way, c, m, *lg2, 256, *base, pa, 1ULL << span, slots);
			break;
		}
	}
	if (auto va = va_page)
		benchmark::RegisterBenchmark(name("iommu_map_unmap_page").c_str(),
					     bm_iommu_map_page, c, page, *va,
					     c->exact_pa(page_lg2, page));
	if (auto va = va_xlate)
		benchmark::RegisterBenchmark(name("iova_to_phys").c_str(), bm_iova_to_phys, c,
					     *va, c->exact_pa(g, 256ULL << g));
	if (auto va = va_1g) {
		uint64_t pa = c->exact_pa(g, 1ULL << 30);
		benchmark::RegisterBenchmark(name("map_1GiB", gpt::lg2_size_str(g)).c_str(),
					     bm_map_1g, c, false, *va, pa)
			->UseManualTime()
			->Unit(benchmark::kMicrosecond);
		benchmark::RegisterBenchmark(
			name("map_1GiB_tables_present", gpt::lg2_size_str(g)).c_str(), bm_map_1g,
			c, true, *va, pa)
			->UseManualTime()
			->Unit(benchmark::kMicrosecond);
		benchmark::RegisterBenchmark(name("memset_pte_bytes_1GiB").c_str(), bm_memset, c)
			->Unit(benchmark::kMicrosecond);
	}
	if (auto va = va_threads) {
		uint64_t pa = c->exact_pa(g, 2ULL << kThreadSpanLg2);
		benchmark::RegisterBenchmark(name("threads_map_unmap", gpt::lg2_size_str(g)).c_str(),
					     bm_threads, c, *va, pa)
			->Threads(1)
			->Threads(2)
			->UseRealTime();
	}
}

} // namespace

int main(int argc, char **argv)
{
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 1;
	// Optional arena: 1 GiB of address space at a physical base below
	// 4 GiB (every format's table pointers reach it), pages on demand.
	int nid = 0;
	void *arena = nullptr;
	const size_t arena_size = 1ULL << 30;
	if (const char *e = std::getenv("GENERICPT_BENCH_ARENA"); e && *e == '1') {
		arena = mmap(nullptr, arena_size, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		nid = arena == MAP_FAILED ? -ENOMEM :
					    genericpt_arena_register(arena, 0xc0000000, arena_size);
		if (nid < 0) {
			fmt::print(stderr, "genericpt-bench: arena: {}\n", gpt::errno_text(nid));
			return 1;
		}
	}
	for (const Format *f : gpt::formats()) {
		g_ctx.push_back(std::make_unique<Ctx>(*f, nid));
		register_format(g_ctx.back().get());
	}
	benchmark::AddCustomContext("genericpt_tables", arena ? "arena" : "heap");
	benchmark::AddCustomContext("genericpt_formats", gpt::format_list());
	benchmark::AddCustomContext("genericpt_page_size", fmt::format("{}", gpt::kPageSize));
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	g_ctx.clear();
	if (arena) {
		genericpt_arena_unregister(nid);
		munmap(arena, arena_size);
	}
	return 0;
}
