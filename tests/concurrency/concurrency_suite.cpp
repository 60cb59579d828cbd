// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The concurrency suite (compiled once per format): the kernel contract is
 * "the caller locks IOVA ranges, never the table". Threads map, unmap, cut,
 * translate and read dirty bits on disjoint ranges that share upper-level
 * tables, race the install of the same missing table, and race the growth
 * of a PT_FEAT_DYNAMIC_TOP table. Afterwards the table must equal the merged
 * reference model, every allocated table must be reachable (losers of an
 * install race freed their copy), deinit must free everything and no
 * WARN_ON may have fired.
 *
 * Catch2 assertions are not thread-safe: worker threads collect failures in
 * an Errors object that the main thread checks after joining.
 *
 * Tags: [concurrency] runs in the default suite (a few seconds per format;
 * ctest label "concurrency"); [stress] are the long variants (label
 * "stress", excluded from the default run). GPT_SEED=<n> repeats a seed;
 * GPT_THREADS=<n> overrides the thread count.
 */
/* Before the kernel shim, which defines a barrier() macro. */
#include <atomic>
#include <barrier>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "gpt_harness.h"
#include "gpt_model.h"
#include "gpt_geometry.h"

using namespace gpt;

namespace {

u64 env_u64(const char *name, u64 dflt)
{
	const char *v = std::getenv(name);
	return v ? std::strtoull(v, nullptr, 0) : dflt;
}

/* How hard a test pushes: the default run or the [stress] variant. */
struct Load {
	unsigned threads;
	unsigned ops;    /* per thread */
	unsigned rounds; /* for the round-based races */
};

Load default_load()
{
	return { unsigned(env_u64("GPT_THREADS", 4)),
		 unsigned(env_u64("GPT_CONC_OPS", 8000)),
		 unsigned(env_u64("GPT_CONC_ROUNDS", 200)) };
}
Load stress_load()
{
	return { unsigned(env_u64("GPT_THREADS", 8)),
		 unsigned(env_u64("GPT_CONC_OPS", 200000)),
		 unsigned(env_u64("GPT_CONC_ROUNDS", 5000)) };
}

/* Failures seen by worker threads, reported by the main thread. */
class Errors {
public:
	void add(const std::string &s)
	{
		std::lock_guard<std::mutex> g(m_);
		if (msgs_.size() < 16)
			msgs_.push_back(s);
		count_++;
	}
	size_t count() const
	{
		std::lock_guard<std::mutex> g(m_);
		return count_;
	}
	std::string text() const
	{
		std::lock_guard<std::mutex> g(m_);
		std::string out;
		for (auto &s : msgs_)
			out += s + "\n";
		return out;
	}

private:
	mutable std::mutex m_;
	std::vector<std::string> msgs_;
	size_t count_ = 0;
};

#define WCHECK(errs, cond, what)                                         \
	do {                                                             \
		if (!(cond)) {                                           \
			std::ostringstream os_;                          \
			os_ << "line " << __LINE__ << ": " #cond " -- " \
			    << std::hex << what;                         \
			(errs).add(os_.str());                           \
		}                                                        \
	} while (0)

thread_local unsigned tl_top_lock_asks;

/*
 * The driver side of a table used from many threads: a thread-safe IOTLB
 * sync, and top-change callbacks that record whether they ran under the
 * lock the library asked for. Replaces the harness's (single-threaded)
 * callbacks for its lifetime.
 */
class Driver {
public:
	struct TopChange {
		u64 pa;
		unsigned level;
		bool locked; /* the top lock was held */
		bool asked;  /* by a thread that asked for it */
		/* hw_info inside the callback: still the old top, the new one
		 * must not be reachable before the driver knows it */
		std::string hw;
	};

	explicit Driver(Table &t) : t_(t)
	{
		spin_lock_init(&lock_);
		dops_.change_top = &Driver::change_top_cb;
		dops_.get_top_lock = &Driver::get_lock_cb;
		ops_.iova_to_phys = &GPT_CALL(iova_to_phys);
		ops_.map_pages = &GPT_CALL(map_pages);
		ops_.unmap_pages = &GPT_CALL(unmap_pages);
		ops_.iotlb_sync = &Driver::sync_cb;
		{
			std::lock_guard<std::mutex> g(reg_lock());
			reg()[&t.t.iommu] = this;
		}
		old_dops_ = t.t.iommu.driver_ops;
		old_ops_ = t.t.iommu.domain.ops;
		t.t.iommu.driver_ops = &dops_;
		t.t.iommu.domain.ops = &ops_;
		initial_hw_ = hw();
	}
	~Driver()
	{
		t_.t.iommu.driver_ops = old_dops_;
		t_.t.iommu.domain.ops = old_ops_;
		std::lock_guard<std::mutex> g(reg_lock());
		reg().erase(&t_.t.iommu);
	}
	Driver(const Driver &) = delete;
	Driver &operator=(const Driver &) = delete;

	/* hw_info as bytes (padding is zeroed first). */
	std::string hw()
	{
		HwInfo info;
		std::memset(&info, 0, sizeof(info));
		GPT_CALL(hw_info)(&t_.t, &info);
		return std::string(reinterpret_cast<const char *>(&info),
				   sizeof(info));
	}

	std::vector<TopChange> changes()
	{
		std::lock_guard<std::mutex> g(changes_lock_);
		return changes_;
	}
	u64 syncs() const { return syncs_.load(); }
	/* Number of change_top calls so far. */
	size_t announced() const { return announced_.load(); }
	const std::string &initial_hw() const { return initial_hw_; }

private:
	static std::map<const pt_iommu *, Driver *> &reg()
	{
		static std::map<const pt_iommu *, Driver *> r;
		return r;
	}
	static std::mutex &reg_lock()
	{
		static std::mutex m;
		return m;
	}
	static Driver *from(pt_iommu *p)
	{
		std::lock_guard<std::mutex> g(reg_lock());
		return reg().at(p);
	}
	static void sync_cb(iommu_domain *d, iommu_iotlb_gather *)
	{
		from(container_of(d, pt_iommu, domain))->syncs_++;
	}
	static spinlock_t *get_lock_cb(pt_iommu *p)
	{
		tl_top_lock_asks++;
		return &from(p)->lock_;
	}
	static void change_top_cb(pt_iommu *p, phys_addr_t top, unsigned level)
	{
		Driver *d = from(p);
		TopChange c;
		c.pa = top;
		c.level = level;
		c.locked = __atomic_load_n(&d->lock_.locked, __ATOMIC_RELAXED);
		c.asked = tl_top_lock_asks != 0;
		c.hw = d->hw();
		std::lock_guard<std::mutex> g(d->changes_lock_);
		d->changes_.push_back(c);
		d->announced_.fetch_add(1);
	}

	Table &t_;
	spinlock_t lock_{};
	pt_iommu_driver_ops dops_{};
	iommu_domain_ops ops_{};
	const pt_iommu_driver_ops *old_dops_ = nullptr;
	const iommu_domain_ops *old_ops_ = nullptr;
	std::atomic<u64> syncs_{ 0 };
	std::mutex changes_lock_;
	std::vector<TopChange> changes_;
	std::atomic<size_t> announced_{ 0 };
	std::string initial_hw_;
};

/* ---- thread-safe wrappers (no Catch2 inside) ---- */

int map_raw(Table &t, u64 iova, u64 pa, u64 len, Errors &errs,
	    int prot = IOMMU_READ | IOMMU_WRITE)
{
	size_t pg = t.pick_pgsize(iova, pa, len);
	size_t mapped = 0;
	int ret = GPT_CALL(map_pages)(t.dom(), (unsigned long)iova, pa, pg,
				      len / pg, prot, GFP_KERNEL, &mapped);
	WCHECK(errs, mapped == (ret ? 0 : len),
	       "map va=" << iova << " len=" << len << " ret=" << ret
			 << " mapped=" << mapped);
	return ret;
}

u64 unmap_raw(Table &t, u64 iova, u64 len)
{
	iommu_iotlb_gather g;
	iommu_iotlb_gather_init(&g);
	size_t pg = t.pick_pgsize(iova, 0, len);
	u64 ret = GPT_CALL(unmap_pages)(t.dom(), (unsigned long)iova, pg,
					len / pg, &g);
	iommu_iotlb_sync(t.dom(), &g);
	return ret;
}

/* A physical address below 4 GiB (every format's OA reach) for a
 * mapping at @va: congruent to @va modulo @align when @align is not 0. */
u64 pick_pa_below_4g(std::mt19937_64 &rng, u64 g, u64 va, u64 align)
{
	const u64 space = u64(1) << 31; /* room for the length below 4 GiB */
	if (!align)
		return (1 + rng() % (space / g - 1)) * g;
	align = std::max<u64>(align, u64(1) << 28);
	return (1 + rng() % (space / align - 1)) * align + va % align;
}

/* Windows a test runs in: the aperture start and, sign-extended, the top. */
std::vector<u64> window_bases(const Geometry &geo, u64 len)
{
	std::vector<u64> out{ geo.ap_start };
	if (geo.sext)
		out.push_back(~u64(0) - len + 1);
	return out;
}

/* Table equals @m: same runs of leaves, translations at the ends. */
void check_model(Table &t, const RefModel &m)
{
	auto got = RefModel::runs_of(t.leaves());
	auto want = m.runs();
	if (got != want) {
		size_t i = 0;
		while (i < got.size() && i < want.size() && got[i] == want[i])
			i++;
		std::ostringstream os;
		os << std::hex << "runs differ at #" << std::dec << i;
		if (i < got.size())
			os << std::hex << " table (va " << std::get<0>(got[i])
			   << " len " << std::get<1>(got[i]) << " pa "
			   << std::get<2>(got[i]) << ")";
		if (i < want.size())
			os << std::hex << " model (va " << std::get<0>(want[i])
			   << " len " << std::get<1>(want[i]) << " pa "
			   << std::get<2>(want[i]) << ")";
		FAIL(os.str());
	}
	for (auto &[va, s] : m.segs()) {
		REQUIRE(t.phys(va) == s.pa);
		REQUIRE(t.phys(va + s.len - 1) == s.pa + s.len - 1);
	}
}

/* Every allocated table is reachable from the root: no loser leaked. */
void check_no_leak(Table &t, u64 base)
{
	REQUIRE(live_tables() - base == t.tables().size());
}

/* Run @fn(tid) on @n threads that start together. */
template <class Fn>
void run_threads(unsigned n, Fn fn)
{
	std::barrier start(n);
	std::vector<std::thread> th;
	for (unsigned i = 0; i < n; i++)
		th.emplace_back([&, i] {
			start.arrive_and_wait();
			fn(i);
		});
	for (auto &x : th)
		x.join();
}

bool has_dirty(Table &t)
{
	iommu_dirty_bitmap d{ nullptr, nullptr };
	return GPT_CALL(read_and_clear_dirty)(t.dom(),
					      (unsigned long)t.t.iommu.domain
						      .geometry.aperture_start,
					      (size_t)t.granule(), 0, &d) == 0;
}

/* ---- interleaved slices: random ops on disjoint ranges ---- */

struct SliceWorker {
	Table &t;
	const Geometry &geo;
	Errors &errs;
	u64 base, slice;
	unsigned nslices, nthreads, tid;
	bool dirty;
	std::mt19937_64 rng;
	RefModel model;

	u64 pick(u64 n) { return n ? rng() % n : 0; }

	/* One of this thread's slices. */
	u64 my_slice()
	{
		unsigned mine = (nslices - tid + nthreads - 1) / nthreads;
		return base + (tid + pick(mine) * nthreads) * slice;
	}

	/* A page-aligned sub-range of a slice. */
	void pick_range(u64 s, u64 *va, u64 *len)
	{
		u64 pages = slice / geo.g;
		u64 big = geo.item(1);
		if (big && big <= slice && pick(3) == 0) {
			/* Whole level-1 items: large leaves. */
			u64 n = slice / big;
			u64 first = pick(n);
			*va = s + first * big;
			*len = big * (1 + pick(n - first));
			return;
		}
		u64 first = pick(pages);
		u64 n = 1 + pick(std::min<u64>(pages - first, 48));
		*va = s + first * geo.g;
		*len = n * geo.g;
	}

	u64 pick_pa(u64 va, u64 len)
	{
		if (pick(4) == 0 && len <= 64 * geo.g)
			return pick_pa_below_4g(rng, geo.g, va, 0);
		return pick_pa_below_4g(rng, geo.g, va,
					geo.item(1) ? geo.item(1) : geo.g);
	}

	void op_map()
	{
		u64 va, len;
		pick_range(my_slice(), &va, &len);
		u64 pa = pick_pa(va, len);
		bool busy = model.overlaps(va, len);
		int ret = map_raw(t, va, pa, len, errs);
		WCHECK(errs, ret == (busy ? -EADDRINUSE : 0),
		       "map va=" << va << " len=" << len << " ret=" << std::dec
				 << ret);
		if (!ret && !busy)
			model.insert(va, len, pa);
	}

	void op_unmap_exact()
	{
		u64 s = my_slice(), va, len;
		pick_range(s, &va, &len);
		int r1 = t.iommu()->ops->cut(t.iommu(), va, GFP_KERNEL);
		/* The slice end is a boundary already (leaves stay in slices). */
		int r2 = va + len == s + slice ?
				 0 :
				 t.iommu()->ops->cut(t.iommu(), va + len, GFP_KERNEL);
		WCHECK(errs, r1 == 0 && r2 == 0, "cut " << va << "/" << va + len);
		u64 expect = model.erase(va, len);
		u64 got = unmap_raw(t, va, len);
		WCHECK(errs, got == expect,
		       "unmap va=" << va << " len=" << len << " got " << got
				   << " want " << expect);
	}

	void op_unmap_slice()
	{
		u64 s = my_slice();
		u64 expect = model.erase(s, slice);
		u64 got = unmap_raw(t, s, slice);
		WCHECK(errs, got == expect,
		       "unmap slice " << s << " got " << got << " want " << expect);
	}

	void op_dirty()
	{
		if (model.empty())
			return;
		auto it = model.segs().begin();
		std::advance(it, pick(model.segs().size()));
		u64 at = it->first + pick(it->second.len / geo.g) * geo.g;
		u64 s = at - (at - base) % slice;
		int r = t.iommu()->ops->set_dirty(t.iommu(), at);
		WCHECK(errs, r == 0, "set_dirty " << at << " " << std::dec << r);
		unsigned shift = __builtin_ctzll(geo.g);
		const unsigned bits = 8 * sizeof(unsigned long);
		std::vector<unsigned long> bm_bits((slice >> shift) / bits + 1);
		iova_bitmap bm{ (unsigned long)s, (unsigned long)slice, shift,
				bm_bits.data() };
		iommu_dirty_bitmap d{ &bm, nullptr };
		r = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)s,
						   (size_t)slice, 0, &d);
		u64 bit = (at - s) >> shift;
		WCHECK(errs, r == 0 && (bm_bits[bit / bits] >> (bit % bits)) & 1,
		       "dirty bit of " << at << " not reported");
		/* Cleared: nothing dirty in my slice any more. */
		std::fill(bm_bits.begin(), bm_bits.end(), 0);
		r = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)s,
						   (size_t)slice,
						   IOMMU_DIRTY_NO_CLEAR, &d);
		bool none = true;
		for (auto w : bm_bits)
			none &= w == 0;
		WCHECK(errs, r == 0 && none, "dirty not cleared in " << s);
	}

	void op_probe()
	{
		for (int i = 0; i < 4; i++) {
			u64 va = my_slice() + pick(slice / 8) * 8;
			auto m = model.lookup(va);
			u64 got = t.phys(va);
			WCHECK(errs, got == (m ? *m : 0),
			       "iova_to_phys " << va << " = " << got);
		}
	}

	void run(unsigned ops)
	{
		for (unsigned i = 0; i < ops; i++) {
			unsigned r = pick(100);
			if (r < 45)
				op_map();
			else if (r < 65)
				op_unmap_exact();
			else if (r < 72)
				op_unmap_slice();
			else if (r < 85 && dirty)
				op_dirty();
			else
				op_probe();
		}
	}
};

void interleaved(const Load &load, unsigned slice_pages_or_items, bool items)
{
	u64 seed = env_u64("GPT_SEED", std::random_device{}());
	INFO("GPT_SEED=" << seed << " threads " << load.threads);
	u64 base_tables = live_tables();
	unsigned long warns = genericpt_warn_count();
	for (auto &cc : format_configs()) {
		Geometry geo = probe(cc);
		if (!usable(geo))
			continue;
		u64 slice = items ? geo.item(1) * slice_pages_or_items :
				    geo.g * slice_pages_or_items;
		if (!slice)
			continue;
		unsigned nslices = 16 * load.threads;
		for (u64 wbase : window_bases(geo, nslices * slice)) {
			if (window_at(geo, wbase, nslices * slice) <
			    nslices * slice)
				continue;
			DYNAMIC_SECTION(cc.name << " window " << std::hex << wbase)
			{
				Errors errs;
				RefModel merged;
				{
					Table t(cc);
					REQUIRE(t.init_ret == 0);
					Driver drv(t);
					bool dirty = has_dirty(t);
					std::vector<std::unique_ptr<SliceWorker>> w;
					for (unsigned i = 0; i < load.threads; i++)
						w.emplace_back(new SliceWorker{
							t, geo, errs, wbase, slice,
							nslices, load.threads, i,
							dirty,
							std::mt19937_64(seed * 31 + i),
							{} });
					run_threads(load.threads, [&](unsigned i) {
						w[i]->run(load.ops);
					});
					INFO(errs.text());
					REQUIRE(errs.count() == 0);
					for (auto &x : w)
						merged.merge(x->model);
					check_model(t, merged);
					check_no_leak(t, base_tables);
					/* Everything unmaps; tables then go. */
					u64 total = 0;
					for (auto &seg : merged.segs())
						total += seg.second.len;
					REQUIRE(t.unmap(wbase, nslices * slice) == total);
					REQUIRE(t.leaves().empty());
					check_no_leak(t, base_tables);
				}
				REQUIRE(live_tables() == base_tables);
				REQUIRE(genericpt_warn_count() == warns);
			}
		}
	}
}

/* ---- the same missing table, installed by every thread at once ---- */

struct RaceMap {
	u64 va, len, pa;
};

/* Round r, thread k: what to map, so all threads need the same tables. */
RaceMap race_map(const Geometry &geo, u64 region, unsigned r, unsigned k,
		 bool wide)
{
	u64 g = geo.g, it1 = geo.item(1) ? geo.item(1) : 512 * g;
	u64 len = r % 2 ? 3 * g : g;
	u64 off;
	switch (wide ? r % 3 : 0) {
	case 0: /* one level-0 table for everybody */
		off = k * 4 * g;
		break;
	case 1: /* sibling level-0 tables below one level-1 table */
		off = k * it1;
		break;
	default:
		off = k * it1 + (it1 - 4 * g);
		break;
	}
	return { region + off, len,
		 (u64(r % 128) << 24) + (u64(k) << 20) + off % (u64(1) << 20) };
}

void race_missing_table(const Load &load)
{
	u64 base_tables = live_tables();
	unsigned long warns = genericpt_warn_count();
	for (auto &cc : format_configs()) {
		Geometry geo = probe(cc);
		if (!usable(geo) || geo.top_level < 1)
			continue;
		/*
		 * Each round starts in a VA region no table covers yet: below
		 * the top, every level of the path is missing.
		 */
		unsigned rounds = 0;
		u64 region = 0;
		const unsigned enough = std::min(load.rounds, 16u);
		for (unsigned lvl = std::min(geo.top_level, 2u); lvl >= 1; lvl--) {
			u64 r = geo.item(lvl);
			u64 fit = r ? window_at(geo, geo.ap_start, r * load.rounds) / r : 0;
			unsigned n = unsigned(std::min<u64>(load.rounds, fit));
			if (n > rounds) {
				rounds = n;
				region = r;
			}
			if (rounds >= enough)
				break;
		}
		u64 it1 = geo.item(1) ? geo.item(1) : 512 * geo.g;
		bool wide = region >= it1 * (load.threads + 1);
		if (rounds < 2 || region < 4 * geo.g * (load.threads + 1))
			continue;
		DYNAMIC_SECTION(cc.name)
		{
			Errors errs;
			{
				Table t(cc), ref(cc);
				REQUIRE(t.init_ret == 0);
				REQUIRE(ref.init_ret == 0);
				Driver drv(t);
				std::barrier sync(load.threads);
				run_threads(load.threads, [&](unsigned k) {
					for (unsigned r = 0; r < rounds; r++) {
						RaceMap m = race_map(
							geo, geo.ap_start + r * region, r, k, wide);
						sync.arrive_and_wait();
						int ret = map_raw(t, m.va, m.pa, m.len, errs);
						WCHECK(errs, ret == 0,
						       "map " << m.va << " " << std::dec << ret);
						u64 got = t.phys(m.va + m.len - 1);
						WCHECK(errs, got == m.pa + m.len - 1,
						       "iova_to_phys " << m.va << " = " << got);
					}
				});
				INFO(errs.text());
				REQUIRE(errs.count() == 0);
				/* One thread doing the same work builds the same table. */
				for (unsigned r = 0; r < rounds; r++)
					for (unsigned k = 0; k < load.threads; k++) {
						RaceMap m = race_map(
							geo, geo.ap_start + r * region, r, k, wide);
						REQUIRE(ref.map(m.va, m.pa, m.len) == 0);
					}
				auto a = t.leaves(), b = ref.leaves();
				REQUIRE(a.size() == b.size());
				for (size_t i = 0; i < a.size(); i++) {
					REQUIRE(a[i].va == b[i].va);
					REQUIRE(a[i].size == b[i].size);
					REQUIRE(a[i].oa == b[i].oa);
					REQUIRE(a[i].level == b[i].level);
				}
				REQUIRE(t.tables().size() == ref.tables().size());
				/* Losers freed their copies: nothing else is live. */
				REQUIRE(live_tables() - base_tables ==
					t.tables().size() + ref.tables().size());
			}
			REQUIRE(live_tables() == base_tables);
			REQUIRE(genericpt_warn_count() == warns);
		}
	}
}

/* ---- dynamic top: several threads grow the table at once ---- */

/* Does the hw_info bytes hold the top table address in some form? */
bool hw_mentions(const std::string &hw, u64 pa, unsigned g_lg2)
{
	for (size_t i = 0; i + 8 <= hw.size(); i += 4) {
		u64 w;
		std::memcpy(&w, hw.data() + i, 8);
		if (w == pa || (pa && w == pa >> 12) || (pa && w == pa >> g_lg2))
			return true;
	}
	return false;
}

void race_top_growth(const Load &load)
{
	u64 base_tables = live_tables();
	unsigned long warns = genericpt_warn_count();
	bool any = false;
	for (auto &cc : format_configs()) {
		if (!(cc.features & (1u << PT_FEAT_DYNAMIC_TOP)))
			continue;
		Geometry geo = probe(cc);
		if (!usable(geo))
			continue;
		any = true;
		unsigned g_lg2 = __builtin_ctzll(geo.g);
		unsigned max_bit = 63;
		while (max_bit > geo.top_span_lg2 &&
		       (geo.ap_end < (u64(1) << max_bit) ||
			(sizeof(unsigned long) == 4 && max_bit > 30)))
			max_bit--;
		if (max_bit <= geo.top_span_lg2 + 1)
			continue;
		unsigned spread = max_bit - geo.top_span_lg2;
		DYNAMIC_SECTION(cc.name)
		{
			u64 seed = env_u64("GPT_SEED", std::random_device{}());
			INFO("GPT_SEED=" << seed << " threads " << load.threads);
			std::mt19937_64 rng(seed);
			Errors errs;
			for (unsigned round = 0; round < load.rounds; round++) {
				RefModel merged;
				std::vector<RefModel> models(load.threads);
				std::vector<unsigned> bit(load.threads);
				for (auto &b : bit)
					b = geo.top_span_lg2 + 1 + rng() % spread;
				Table t(cc);
				REQUIRE(t.init_ret == 0);
				/* (published top, change_top calls before reading it) */
				std::vector<std::pair<std::string, size_t>> seen;
				{
					Driver drv(t);
					std::atomic<bool> stop{ false };
					/* Samples the top lockless walkers would use. */
					std::thread sampler([&] {
						while (!stop.load()) {
							std::string hw = drv.hw();
							size_t n = drv.announced();
							if (seen.empty() || seen.back().first != hw)
								seen.push_back({ hw, n });
							std::this_thread::yield();
						}
					});
					run_threads(load.threads, [&](unsigned k) {
						if (k == 0) {
							/* Works below the old top meanwhile. */
							for (unsigned i = 0; i < 24; i++) {
								u64 va = geo.ap_start + (i % 8) * geo.g;
								u64 pa = (u64(i) + 1) << 20;
								if (i < 8) {
									WCHECK(errs, map_raw(t, va, pa, geo.g, errs) == 0, "low map " << va);
									models[0].insert(va, geo.g, pa);
								} else if (i < 16) {
									WCHECK(errs, t.phys(va) == models[0].lookup(va).value_or(~u64(0)), "low phys " << va);
								} else if (i % 2) {
									WCHECK(errs, unmap_raw(t, va, geo.g) == geo.g, "low unmap " << va);
									models[0].erase(va, geo.g);
								}
							}
							return;
						}
						/* Far above the top: the table must grow. */
						u64 va = (u64(1) << bit[k]) + k * 8 * geo.g;
						u64 len = (1 + k % 3) * geo.g;
						u64 pa = u64(k) << 24;
						int ret = map_raw(t, va, pa, len, errs);
						WCHECK(errs, ret == 0, "far map " << va << " " << std::dec << ret);
						if (!ret)
							models[k].insert(va, len, pa);
						WCHECK(errs, t.phys(va + len - 1) == pa + len - 1, "far phys " << va);
					});
					stop = true;
					sampler.join();
					INFO("round " << round << "\n" << errs.text());
					REQUIRE(errs.count() == 0);

					auto changes = drv.changes();
					std::string final_hw = drv.hw();
					/* Top as the table itself says. */
					std::pair<u64, unsigned> top{ 0, 0 };
					t.iommu()->ops->for_each_entry(
						t.iommu(),
						[](void *ctx, const pt_iommu_visit *v) {
							auto *p = static_cast<std::pair<u64, unsigned> *>(ctx);
							*p = { v->table_pa, v->level };
							return 1;
						},
						&top);
					REQUIRE(!changes.empty());
					unsigned prev = geo.top_level;
					std::set<u64> pas;
					for (size_t i = 0; i < changes.size(); i++) {
						auto &c = changes[i];
						INFO("change_top #" << i << " level " << c.level);
						REQUIRE(c.locked);
						REQUIRE(c.asked);
						/* Once per published top: only ever upwards. */
						REQUIRE(c.level > prev);
						prev = c.level;
						REQUIRE(pas.insert(c.pa).second);
						/*
						 * The driver hears of a new top before any
						 * walker can reach it: inside the callback
						 * the published top is still the previous one.
						 */
						REQUIRE(!hw_mentions(c.hw, c.pa, g_lg2));
						if (i == 0)
							REQUIRE(c.hw == drv.initial_hw());
						else
							REQUIRE(hw_mentions(c.hw, changes[i - 1].pa, g_lg2));
					}
					REQUIRE(changes.back().pa == top.first);
					REQUIRE(changes.back().level == top.second);
					REQUIRE(hw_mentions(final_hw, top.first, g_lg2));
					/* No walker saw a top before change_top announced it. */
					for (auto &[hw, n] : seen) {
						bool ok = hw == drv.initial_hw();
						for (size_t i = 0; i < n && i < changes.size(); i++)
							ok |= hw_mentions(hw, changes[i].pa, g_lg2);
						REQUIRE(ok);
					}
				}
				for (auto &m : models)
					merged.merge(m);
				check_model(t, merged);
				check_no_leak(t, base_tables);
			}
			REQUIRE(live_tables() == base_tables);
			REQUIRE(genericpt_warn_count() == warns);
		}
	}
	if (!any)
		SUCCEED("no configuration with PT_FEAT_DYNAMIC_TOP");
}

/* ---- dirty bits: a hardware writer against read_and_clear_dirty ---- */

void dirty_vs_hardware(const Load &load)
{
	u64 base_tables = live_tables();
	unsigned long warns = genericpt_warn_count();
	{
		Table t(base_case());
		REQUIRE(t.init_ret == 0);
		Driver drv(t);
		if (!has_dirty(t)) {
			SUCCEED("format without dirty tracking");
			return;
		}
		Geometry geo = probe(base_case());
		if (!usable(geo))
			return;
		const unsigned n = 96;
		u64 base = geo.ap_start + geo.item(1);
		for (unsigned p = 0; p < n; p++)
			REQUIRE(t.map(base + p * geo.g, (u64(p) * 2 + 1) * geo.g, geo.g) == 0);
		std::vector<std::atomic<int>> pending(n);
		std::atomic<bool> hw_done{ false };
		Errors errs;
		unsigned shift = __builtin_ctzll(geo.g);
		const unsigned bits = 8 * sizeof(unsigned long);
		auto owner_pass = [&] {
			std::vector<unsigned long> bm_bits(n / bits + 1);
			iova_bitmap bm{ (unsigned long)base, (unsigned long)(n * geo.g),
					shift, bm_bits.data() };
			iommu_dirty_bitmap d{ &bm, nullptr };
			int r = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)base,
							       (size_t)(n * geo.g), 0, &d);
			WCHECK(errs, r == 0, "read_and_clear_dirty " << std::dec << r);
			for (unsigned p = 0; p < n; p++) {
				if (!((bm_bits[p / bits] >> (p % bits)) & 1))
					continue;
				/* Reported only after the hardware set it. */
				WCHECK(errs, pending[p].exchange(0) == 1,
				       "spurious dirty page " << std::dec << p);
			}
		};
		run_threads(2, [&](unsigned k) {
			if (k == 0) {
				/*
				 * Hardware: dirty a page again once it was
				 * reported, until enough writes happened (the
				 * iteration bound only guards against a lost
				 * bit, which the final check reports).
				 */
				unsigned sets = 0;
				for (u64 i = 0; sets < load.ops / 4 && i < u64(load.ops) * 1000; i++) {
					unsigned p = unsigned((i * 37) % n);
					if (pending[p].load() != 0) {
						std::this_thread::yield();
						continue;
					}
					pending[p].store(1);
					int r = t.iommu()->ops->set_dirty(t.iommu(), base + p * geo.g + 8);
					WCHECK(errs, r == 0, "set_dirty " << std::dec << r);
					sets++;
				}
				hw_done = true;
				return;
			}
			while (!hw_done.load())
				owner_pass();
		});
		owner_pass();
		/* A dirty bit lost between read and clear stays pending. */
		for (unsigned p = 0; p < n; p++) {
			INFO("page " << p);
			REQUIRE(pending[p].load() == 0);
		}
		INFO(errs.text());
		REQUIRE(errs.count() == 0);
		for (auto &l : t.leaves())
			REQUIRE(!l.dirty);
	}
	REQUIRE(live_tables() == base_tables);
	REQUIRE(genericpt_warn_count() == warns);
}

/* ---- allocation failures while other threads map ---- */

void enomem_under_contention(const Load &load)
{
	u64 seed = env_u64("GPT_SEED", std::random_device{}());
	INFO("GPT_SEED=" << seed);
	u64 base_tables = live_tables();
	unsigned long warns = genericpt_warn_count();
	Geometry geo = probe(base_case());
	if (!usable(geo) || !geo.item(1))
		return;
	{
		Table t(base_case());
		REQUIRE(t.init_ret == 0);
		Driver drv(t);
		Errors errs;
		std::vector<RefModel> models(load.threads);
		u64 slice = geo.item(1) * 2;
		/*
		 * Eight slices per thread, fewer where a 32-bit host's iova
		 * cannot reach them (armv8_64k: 1 GiB slices).
		 */
		u64 span = std::min<u64>(geo.ap_end, (unsigned long)-1) - geo.ap_start;
		u64 whole = span / slice + (span % slice == slice - 1); /* no wrap */
		u64 nslices = std::min<u64>(8, whole / load.threads);
		REQUIRE(nslices >= 1);
		std::atomic<unsigned> done{ 0 };
		std::thread chaos([&] {
			std::mt19937_64 rng(seed);
			while (done.load() < load.threads) {
				genericpt_fail_alloc_after(long(rng() % 6));
				std::this_thread::yield();
			}
		});
		run_threads(load.threads, [&](unsigned k) {
			std::mt19937_64 rng(seed + k + 1);
			for (unsigned i = 0; i < load.ops; i++) {
				/* Slices k, k + T, ...: neighbours share tables. */
				u64 s = geo.ap_start + (k + (rng() % nslices) * load.threads) * slice;
				u64 va = s + (rng() % (slice / geo.g / 2)) * geo.g;
				u64 len = (1 + rng() % 40) * geo.g;
				u64 pa = pick_pa_below_4g(rng, geo.g, va, 0);
				if (rng() % 3 == 0) {
					u64 want = models[k].erase(s, slice);
					WCHECK(errs, unmap_raw(t, s, slice) == want, "unmap " << s);
					continue;
				}
				bool busy = models[k].overlaps(va, len);
				int ret = map_raw(t, va, pa, len, errs);
				if (busy) {
					WCHECK(errs, ret == -EADDRINUSE, "busy map " << std::dec << ret);
				} else if (ret == 0) {
					models[k].insert(va, len, pa);
				} else {
					WCHECK(errs, ret == -ENOMEM, "map " << std::dec << ret);
					/* All or nothing: the range translates as before. */
					for (u64 o = 0; o < len; o += geo.g)
						WCHECK(errs, t.phys(va + o) == 0, "after -ENOMEM " << va + o);
				}
			}
			done++;
		});
		chaos.join();
		genericpt_fail_alloc_after(-1);
		INFO(errs.text());
		REQUIRE(errs.count() == 0);
		RefModel merged;
		for (auto &m : models)
			merged.merge(m);
		check_model(t, merged);
		check_no_leak(t, base_tables);
	}
	REQUIRE(live_tables() == base_tables);
	REQUIRE(genericpt_warn_count() == warns);
}

} // namespace

GPT_TEST("concurrency", "interleaved_page_slices")
{
	interleaved(default_load(), 16, false);
}

GPT_TEST("concurrency", "interleaved_large_slices")
{
	interleaved(default_load(), 2, true);
}

GPT_TEST("concurrency", "race_same_missing_table")
{
	race_missing_table(default_load());
}

GPT_TEST("concurrency", "race_top_growth")
{
	race_top_growth(default_load());
}

GPT_TEST("concurrency", "dirty_vs_hardware_writer")
{
	dirty_vs_hardware(default_load());
}

GPT_TEST("concurrency", "enomem_under_contention")
{
	enomem_under_contention(default_load());
}

GPT_TEST("stress", "interleaved_page_slices")
{
	interleaved(stress_load(), 16, false);
}

GPT_TEST("stress", "interleaved_large_slices")
{
	interleaved(stress_load(), 2, true);
}

GPT_TEST("stress", "race_same_missing_table")
{
	race_missing_table(stress_load());
}

GPT_TEST("stress", "race_top_growth")
{
	race_top_growth(stress_load());
}

GPT_TEST("stress", "dirty_vs_hardware_writer")
{
	dirty_vs_hardware(stress_load());
}

GPT_TEST("stress", "enomem_under_contention")
{
	enomem_under_contention(stress_load());
}
