// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Per-format arena suite: tables built in a registered arena, checked by
 * the format's independent hardware walker reading nothing but a copy of
 * the arena's bytes (what another process or a device model sharing the
 * memory would see), an arena that runs out, and map/unmap churn.
 *
 * Compiled once per format like the other suites (GPT_CFG_HEADER names
 * tests/cfg/FMT.h); every configuration the format's test config lists is
 * exercised.
 */
#include "arena_walk.h"

#include <genericpt/arena.h>
#include <linux/iommu-pages.h>

#include <sys/mman.h>

#include <climits>
#include <random>

namespace gpt {
namespace {

constexpr u64 kArenaSize = 32ull << 20;

/* A registered arena over anonymous memory; unregistered on destruction. */
class TestArena {
public:
	/* Take the first candidate physical base the runtime accepts. */
	TestArena(std::initializer_list<u64> bases, u64 size = kArenaSize)
		: size_(size)
	{
		mem_ = mmap(nullptr, size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		REQUIRE(mem_ != MAP_FAILED);
		for (u64 b : bases) {
			nid_ = genericpt_arena_register(mem_, b, size);
			if (nid_ >= 0) {
				base_ = b;
				break;
			}
			REQUIRE(nid_ == -EBUSY);
		}
		REQUIRE(nid_ >= GENERICPT_ARENA_NID_BASE);
	}
	~TestArena()
	{
		CHECK(genericpt_arena_unregister(nid_) == 0);
		munmap(mem_, size_);
	}
	TestArena(const TestArena &) = delete;
	TestArena &operator=(const TestArena &) = delete;

	int nid() const { return nid_; }
	u64 base() const { return base_; }
	u64 size() const { return size_; }
	const uint8_t *bytes() const { return static_cast<uint8_t *>(mem_); }
	bool contains(u64 pa, u64 len = 1) const
	{
		return pa >= base_ && pa - base_ + len <= size_;
	}
	genericpt_arena_stats stats() const
	{
		genericpt_arena_stats st{};
		REQUIRE(genericpt_arena_get_stats(nid_, &st) == 0);
		return st;
	}
	/* The bytes another process would see, at the same physical base. */
	std::vector<uint8_t> copy() const
	{
		return std::vector<uint8_t>(bytes(), bytes() + size_);
	}

private:
	void *mem_ = nullptr;
	u64 size_;
	u64 base_ = 0;
	int nid_ = -1;
};

/* Physical bases below 4 GiB (fit every format) and far above it. */
const std::initializer_list<u64> kLowBases = { 0x40000000ull, 0x20000000ull,
					       0xc0000000ull, 0x10000000ull };
const std::initializer_list<u64> kHighBases = { 0x800000000ull,
						0x4000000000ull };

/*
 * Every table and every table pointer lies in the arena (no host pointers
 * anywhere), and the pointer entries the library walks are the bytes in
 * the arena at those physical addresses. Independent of the format's
 * walker, so it also covers formats without a walker adapter.
 */
void require_tables_in_arena(Table &t, const TestArena &a)
{
	struct Ctx {
		const TestArena *a;
		unsigned tables = 0, pointers = 0, bad = 0;
	} ctx{ &a };
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *p, const pt_iommu_visit *v) {
			auto *c = static_cast<Ctx *>(p);
			if (v->kind == PT_VISIT_TABLE) {
				c->tables++;
				if (!c->a->contains(v->table_pa,
						    u64(1) << v->table_size_lg2))
					c->bad++;
			}
			if (v->kind == PT_VISIT_POINTER) {
				u64 at = v->table_pa +
					 (u64(v->index) << v->item_size_lg2);
				u64 raw = 0;
				c->pointers++;
				if (!c->a->contains(v->oa) ||
				    !c->a->contains(at, u64(1) << v->item_size_lg2)) {
					c->bad++;
					return 0;
				}
				std::memcpy(&raw, c->a->bytes() + (at - c->a->base()),
					    size_t(1) << v->item_size_lg2);
				if (raw != v->raw)
					c->bad++;
			}
			return 0;
		},
		&ctx);
	REQUIRE(ctx.tables >= 1);
	REQUIRE(ctx.bad == 0);
	/* The root the hardware is pointed at is in the arena too. */
	auto tabs = t.tables();
	for (auto &[pa, level] : tabs) {
		INFO("table pa " << std::hex << pa << " level " << level);
		REQUIRE(a.contains(pa));
		REQUIRE(virt_to_phys(phys_to_virt(pa)) == pa);
	}
}

/* The VA window the tests map in: inside the aperture and unsigned long. */
struct VaWindow {
	u64 lo, len;
};

/* A power-of-two sized, aligned window (at most @cap bytes). */
VaWindow va_window(Table &t, u64 cap)
{
	u64 lo = t.t.iommu.domain.geometry.aperture_start;
	u64 hi = t.aperture_end();
	/* map/unmap take unsigned long and size_t: stay within both. */
	if (hi > ULONG_MAX / 2)
		hi = ULONG_MAX / 2;
	u64 len = hi - lo >= cap - 1 ? cap : hi - lo + 1;
	while (len & (len - 1))
		len &= len - 1;
	return { lo, len };
}

/* Bytes of the tables reachable from the root, and the smallest one. */
std::pair<u64, u64> reachable_table_bytes(Table &t)
{
	std::pair<u64, u64> r{ 0, ~u64(0) };
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *p, const pt_iommu_visit *v) {
			auto *c = static_cast<std::pair<u64, u64> *>(p);
			if (v->kind == PT_VISIT_TABLE) {
				u64 sz = u64(1) << v->table_size_lg2;
				c->first += sz;
				c->second = std::min(c->second, sz);
			}
			return 0;
		},
		&r);
	return r;
}

struct Mapping {
	u64 va, len, pa;
};

class Checker {
public:
	Checker(Table &t, const TestArena &a) : t_(t), a_(a) {}

	/* Translate through the hardware walker on a copy of the arena. */
	void check(const std::vector<Mapping> &maps,
		   const std::vector<u64> &unmapped)
	{
		require_tables_in_arena(t_, a_);
		for (auto &m : maps)
			for (u64 off : { u64(0), m.len / 2, m.len - 1 })
				REQUIRE(t_.phys(m.va + off) == m.pa + off);
		for (u64 va : unmapped)
			REQUIRE(t_.phys(va) == 0);
		if (!arena::kHaveWalker) {
			WARN("no hardware walker adapter for " GPT_FMT_NAME
			     " in tests/arena/arena_walk.h");
			return;
		}
		std::vector<uint8_t> copy = a_.copy();
		hw::WindowMemory mem(a_.base(), copy.data(), copy.size());
		for (auto &m : maps) {
			for (u64 off : { u64(0), m.len / 2, m.len - 1 }) {
				u64 va = m.va + off;
				INFO("iova " << std::hex << va);
				for (auto acc : { hw::Access::Read,
						  hw::Access::Write }) {
					hw::Translation tr =
						arena::hw_walk(t_, mem, va, acc);
					INFO(tr.why);
					REQUIRE(tr.ok());
					REQUIRE(tr.oa == m.pa + off);
				}
			}
		}
		for (u64 va : unmapped) {
			INFO("unmapped iova " << std::hex << va);
			hw::Translation tr =
				arena::hw_walk(t_, mem, va, hw::Access::Read);
			INFO(tr.why);
			REQUIRE(tr.fault == hw::Fault::NotPresent);
		}
		REQUIRE_FALSE(mem.out_of_range);
	}

private:
	Table &t_;
	const TestArena &a_;
};

bool overlaps(const std::vector<Mapping> &maps, u64 va, u64 len)
{
	for (auto &m : maps)
		if (va < m.va + m.len && m.va < va + len)
			return true;
	return false;
}

/*
 * Random mappings of every page size up to 128 MiB inside @w. (Whether a
 * format's top table may hold leaves, which bigger sizes would test, is the
 * business of the format suites, not of the arena.)
 */
std::vector<Mapping> map_random(Table &t, const VaWindow &w, unsigned n,
				std::mt19937_64 &rng)
{
	std::vector<u64> sizes;
	for (unsigned b = 0; b < 28; b++)
		if ((t.pgsizes() >> b & 1) && (u64(1) << b) * 4 <= w.len)
			sizes.push_back(u64(1) << b);
	REQUIRE(!sizes.empty());
	std::vector<Mapping> maps;
	for (unsigned i = 0; i != n; i++) {
		u64 pg = sizes[rng() % sizes.size()];
		u64 len = pg * (1 + rng() % 3);
		if (len > (u64(1) << 27))
			len = pg;
		u64 va = w.lo + ((rng() % (w.len - len)) & ~(pg - 1));
		u64 pa = (rng() % ((u64(1) << 32) - len)) & ~(pg - 1);
		if (overlaps(maps, va, len))
			continue;
		INFO("map " << std::hex << va << "+" << len << " -> " << pa);
		REQUIRE(t.map(va, pa, len) == 0);
		maps.push_back({ va, len, pa });
	}
	return maps;
}

std::vector<u64> unmapped_probes(const std::vector<Mapping> &maps,
				 const VaWindow &w, u64 granule,
				 std::mt19937_64 &rng)
{
	std::vector<u64> out;
	while (out.size() < 64) {
		u64 va = w.lo + ((rng() % w.len) & ~(granule - 1));
		if (!overlaps(maps, va, granule))
			out.push_back(va);
	}
	return out;
}

void walk_case(const ConfigCase &cc, const std::initializer_list<u64> &bases,
	       bool may_need_low)
{
	TestArena a(bases);
	u64 seed = std::random_device{}();
	std::mt19937_64 rng(seed);
	INFO("config " << cc.name << " arena base " << std::hex << a.base()
		       << " seed " << std::dec << seed);
	genericpt_alloc_stats before{};
	genericpt_get_alloc_stats(&before);
	{
		Table t(cc, 0, a.nid());
		if (may_need_low && t.init_ret == -ENOMEM) {
			/* Table pointers too narrow for this base: refused. */
			REQUIRE(a.stats().live_tables == 0);
			return;
		}
		REQUIRE(t.init_ret == 0);
		REQUIRE(a.stats().live_tables >= 1);

		VaWindow w = va_window(t, u64(1) << 39);
		std::vector<Mapping> maps = map_random(t, w, 48, rng);
		std::vector<u64> holes =
			unmapped_probes(maps, w, t.granule(), rng);
		Checker chk(t, a);
		chk.check(maps, holes);

		/* Everything the table holds is arena memory. */
		genericpt_alloc_stats now{};
		genericpt_get_alloc_stats(&now);
		REQUIRE(now.live_bytes - before.live_bytes ==
			a.stats().used_bytes);

		/* Unmap every other mapping; the rest still translates. */
		std::vector<Mapping> kept;
		for (size_t i = 0; i != maps.size(); i++) {
			if (i % 2) {
				kept.push_back(maps[i]);
				continue;
			}
			REQUIRE(t.unmap(maps[i].va, maps[i].len) ==
				maps[i].len);
			holes.push_back(maps[i].va);
			holes.push_back(maps[i].va + maps[i].len - 1);
		}
		chk.check(kept, holes);
	}
	REQUIRE(a.stats().live_tables == 0);
	REQUIRE(a.stats().used_bytes == 0);
}

/* Take every byte the arena has left; returns the blocks. */
std::vector<void *> exhaust(int nid)
{
	std::vector<void *> fill;
	for (size_t sz = size_t(1) << 24; sz >= 16; sz /= 2)
		while (void *p = iommu_alloc_pages_node_sz(nid, 0, sz))
			fill.push_back(p);
	return fill;
}

} // namespace

GPT_TEST("arena", "walk_copy_low")
{
	/* Below 4 GiB: every format, narrow table pointers included. */
	for (const ConfigCase &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name) { walk_case(cc, kLowBases, false); }
	}
}

GPT_TEST("arena", "walk_copy_high")
{
	/*
	 * Far above 4 GiB (also on 32-bit hosts, where the physical addresses
	 * are wider than pointers). A format whose table pointers cannot hold
	 * such an address must refuse with -ENOMEM, never truncate.
	 */
	for (const ConfigCase &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name) { walk_case(cc, kHighBases, true); }
	}
}

GPT_TEST("arena", "enomem_changes_nothing")
{
	TestArena a(kLowBases);
	std::mt19937_64 rng(1);
	Table t(base_case(), 0, a.nid());
	REQUIRE(t.init_ret == 0);

	/* Some content in the low 64 MiB (or the whole small aperture). */
	VaWindow w = va_window(t, u64(1) << 26);
	std::vector<Mapping> maps = map_random(t, w, 8, rng);

	/* A leaf above level 0: cutting inside one of its items needs a table. */
	VaWindow wl = va_window(t, u64(1) << 32);
	std::optional<Mapping> big;
	for (unsigned b = 0; b < 31 && !big; b++) {
		u64 pg = u64(1) << b;
		if (!(t.pgsizes() & pg) || pg == t.granule() || pg * 2 > wl.len)
			continue;
		u64 va = wl.lo + ((wl.len / 2) & ~(pg - 1));
		if (overlaps(maps, va, pg) || t.map(va, 0, pg) != 0)
			continue;
		for (const Leaf &l : t.leaves())
			if (l.va == va && l.level >= 1)
				big = Mapping{ va, pg, 0 };
		if (!big)
			REQUIRE(t.unmap(va, pg) == pg);
	}
	/*
	 * Formats with one leaf size (DART) have no large leaf to cut; the map
	 * and init steps below still run for them.
	 */
	if (!big)
		REQUIRE(t.pgsizes() == t.granule());
	else
		maps.push_back(*big);

	/* A far granule needs a new level-0 table at least. */
	u64 far = (w.lo + wl.len - t.granule()) & ~(t.granule() - 1);
	REQUIRE_FALSE(overlaps(maps, far, t.granule()));

	std::vector<void *> fill = exhaust(a.nid());
	REQUIRE(a.stats().free_page_bytes == 0);
	std::vector<uint8_t> before = a.copy();
	std::vector<Leaf> leaves_before = t.leaves();
	genericpt_alloc_stats st_before{};
	genericpt_get_alloc_stats(&st_before);

	REQUIRE(t.map(far, 0x1000000, t.granule()) == -ENOMEM);
	if (big)
		REQUIRE(t.cut(big->va + t.granule()) == -ENOMEM);
	{
		/* A new table cannot even get its top. */
		Table t2(base_case(), 0, a.nid());
		REQUIRE(t2.init_ret == -ENOMEM);
	}

	genericpt_alloc_stats st_after{};
	genericpt_get_alloc_stats(&st_after);
	REQUIRE(st_after.live_tables == st_before.live_tables);
	REQUIRE(a.copy() == before);
	std::vector<Leaf> leaves_after = t.leaves();
	REQUIRE(leaves_after.size() == leaves_before.size());
	for (size_t i = 0; i != leaves_after.size(); i++) {
		REQUIRE(leaves_after[i].va == leaves_before[i].va);
		REQUIRE(leaves_after[i].raw == leaves_before[i].raw);
	}
	std::vector<u64> probes = { far };
	if (big)
		probes.push_back(big->va + big->len);
	Checker(t, a).check(maps, probes);

	/* With memory back, the same operations succeed. */
	for (void *p : fill)
		iommu_free_pages(p);
	REQUIRE(t.map(far, 0x1000000, t.granule()) == 0);
	if (big)
		REQUIRE(t.cut(big->va + t.granule()) == 0);
	maps.push_back({ far, t.granule(), 0x1000000 });
	Checker(t, a).check(maps, {});
}

GPT_TEST("arena", "churn_does_not_fragment")
{
	TestArena a(kLowBases);
	const genericpt_arena_stats fresh = a.stats();
	u64 seed = std::random_device{}();
	std::mt19937_64 rng(seed);
	INFO("seed " << seed);
	{
		Table t(base_case(), 0, a.nid());
		REQUIRE(t.init_ret == 0);
		VaWindow w = va_window(t, u64(1) << 34);
		std::vector<u64> sizes;
		for (unsigned b = 0; b < 31; b++)
			if ((t.pgsizes() >> b & 1) && (u64(1) << b) * 64 <= w.len)
				sizes.push_back(u64(1) << b);
		u64 idle_in_use = 0;

		for (unsigned cycle = 0; cycle != 4; cycle++) {
			std::vector<Mapping> maps;
			for (unsigned op = 0; op != 300; op++) {
				if (!maps.empty() && rng() % 3 == 0) {
					size_t i = rng() % maps.size();
					REQUIRE(t.unmap(maps[i].va, maps[i].len) ==
						maps[i].len);
					maps.erase(maps.begin() + long(i));
					continue;
				}
				u64 pg = sizes[rng() % sizes.size()];
				u64 len = pg * (1 + rng() % 4);
				u64 va = w.lo +
					 ((rng() % (w.len - len)) & ~(pg - 1));
				if (overlaps(maps, va, len))
					continue;
				REQUIRE(t.map(va, 0, len) == 0);
				maps.push_back({ va, len, 0 });
			}
			/*
			 * Every arena byte in use is a reachable table (nothing
			 * leaked), and page-sized tables occupy exactly their
			 * pages.
			 */
			genericpt_arena_stats mid = a.stats();
			auto [reach, smallest] = reachable_table_bytes(t);
			REQUIRE(mid.used_bytes == reach);
			if (smallest >= GENERICPT_ARENA_ALIGN)
				REQUIRE(mid.size - mid.free_page_bytes ==
					mid.used_bytes);
			else
				REQUIRE(mid.size - mid.free_page_bytes >=
					mid.used_bytes);

			/* Clear the window: its tables go, every cycle alike. */
			REQUIRE(t.unmap(w.lo, w.len) <= w.len);
			REQUIRE(t.leaves().empty());
			genericpt_arena_stats idle = a.stats();
			REQUIRE(idle.used_bytes == reachable_table_bytes(t).first);
			if (cycle == 0)
				idle_in_use = idle.size - idle.free_page_bytes;
			REQUIRE(idle.size - idle.free_page_bytes == idle_in_use);
		}
	}
	/* All freed: the arena coalesced back to its initial blocks. */
	genericpt_arena_stats done = a.stats();
	REQUIRE(done.live_tables == 0);
	REQUIRE(done.free_page_bytes == fresh.free_page_bytes);
	REQUIRE(done.largest_free == fresh.largest_free);
}

} // namespace gpt
