// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The oracle suite: the tables the library builds, read back by the
 * format's independent hardware walker (tests/hw, written from the manual)
 * starting from the root hw_info reports, and checked against a reference
 * model of what was mapped (iova -> pa, prot) after every operation.
 *
 * Compiled per format that has tests/oracle/FMT.h, which supplies (see
 * oracle_common.h for the helpers it builds on)
 *   gpt::oracle::Walker(Table &, const ConfigCase &, bool privileged)
 *       with walk() (a check that leaves memory alone), access() (a device
 *       access: A/D updates land in the table) and tables() (the tables
 *       reachable from the root, enumerated by the walker),
 *   gpt::oracle::expect_perms(cc, prot, privileged, dirty) -> Perms,
 *   gpt::oracle::prot_choices() (the prot values worth mapping),
 *   gpt::oracle::facts(Table &, cc) -> Facts (levels, entry spans, OA
 *       size, dirty tracking: from hw_info and the manual),
 * and, included a second time with GPT_ORACLE_CASES defined, may add
 * format-specific cases using the model and checks below.
 *
 * The differential run (random_ops_every_config, and the long
 * random_ops_stress tagged [stress]) keeps a model of every mapping: its
 * VA, PA, prot and the leaves the library must have used for it (the
 * largest page size that fits at each address - what map_pages promises;
 * a cut splits a mapping into two that are each mapped that way; an unmap
 * removes whole leaves). From it the model predicts the set of tables
 * (level, VA) that must exist, under the library's empty-table policy:
 *
 *   A table is created when a map or a cut needs it, and freed only when
 *   (a) an unmap range covers the whole VA span of the table, or (b) a map
 *   writes a leaf over the entry that points at it (then the subtree was
 *   empty, else the map fails with -EADDRINUSE). A table emptied by a
 *   partial unmap stays in place, empty, until (a) or (b). A failed map
 *   leaves no table behind (-EADDRINUSE: rolled back; -ENOMEM is not
 *   provoked here). A growing dynamic top keeps the old root as the table
 *   of VA 0 one level down.
 *
 * After every operation (map of random sizes and alignments incl. large
 * and contiguous pages, unmap of a mapping, unmap of a range that starts or
 * ends inside leaves, cut, a "hardware" write through the walker followed
 * by read_and_clear_dirty, and iova_to_phys with each check):
 *   - the first and last byte of every mapping and one address in every
 *     gap between mappings: walker, iova_to_phys and the model agree on
 *     the output address, page size, leaf level and permissions (the
 *     walker's privileged or unprivileged view, chosen at random), gaps
 *     do not translate;
 *   - the tables the walker reaches from the root are exactly the
 *     predicted ones; per level, the number of tables with at least one
 *     valid entry is the predicted one (the tables holding leaves or
 *     pointers, empty kept tables included: without kept empty tables it
 *     equals the distinct VA prefixes the leaves need, which is also
 *     checked); every reachable table lies in a live allocation of the
 *     runtime (genericpt_for_each_table) and every allocation of this
 *     table holds a reachable table at its start;
 *   - dirty ops: the reported dirty ranges are exactly the leaves written
 *     by the walker (and still dirty after cuts), a second
 *     read_and_clear_dirty reports nothing, and the walker sees the dirty
 *     state cleared.
 * Every so many ops and at the end, every leaf: the library's leaves
 * (for_each_entry) equal the model's, each leaf's first and last byte
 * walk alike for both privilege levels and every access type, and the
 * library's dirty state equals the model's.
 *
 * GPT_SEED=<n> reproduces a run (the seed is printed as GPT_SEED=...);
 * GPT_ORACLE_OPS=<n> sets the ops per format of the default run (20000),
 * GPT_ORACLE_STRESS_OPS those of the stress run (1000000).
 */
#include "oracle_common.h"

#include GPT_ORACLE_HEADER

#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

using namespace gpt;
using namespace gpt::oracle;

namespace gpt::oracle {

inline u64 env_u64(const char *name, u64 dflt)
{
	const char *v = std::getenv(name);
	return v ? std::strtoull(v, nullptr, 0) : dflt;
}

struct Mapping {
	u64 len, pa;
	int prot;
};

/* What was mapped, by first VA (the format-specific cases use it). */
class Model {
public:
	bool overlaps(u64 va, u64 len) const
	{
		auto it = m_.upper_bound(va);
		if (it != m_.begin()) {
			auto p = std::prev(it);
			if (p->first + p->second.len > va)
				return true;
		}
		return it != m_.end() && it->first < va + len;
	}
	const std::pair<const u64, Mapping> *find(u64 va) const
	{
		auto it = m_.upper_bound(va);
		if (it == m_.begin())
			return nullptr;
		--it;
		return va - it->first < it->second.len ? &*it : nullptr;
	}
	void insert(u64 va, Mapping m) { m_[va] = m; }
	/* Split so that @va starts a mapping (a cut in the table). */
	void split(u64 va)
	{
		auto *e = find(va);
		if (!e || e->first == va)
			return;
		u64 s = e->first;
		Mapping m = e->second;
		m_[s].len = va - s;
		m_[va] = { m.len - (va - s), m.pa + (va - s), m.prot };
	}
	void erase(u64 va) { m_.erase(va); }
	std::map<u64, Mapping> &all() { return m_; }
	u64 bytes() const
	{
		u64 n = 0;
		for (auto &[va, m] : m_)
			n += m.len;
		return n;
	}

private:
	std::map<u64, Mapping> m_;
};

/*
 * How an unmapped address may fault: not present; with a dynamic top also
 * outside the range the current top translates.
 */
inline bool unmapped_fault(const ConfigCase &cc, hw::Fault f)
{
	return f == hw::Fault::NotPresent ||
	       ((user_features(cc) & (1u << PT_FEAT_DYNAMIC_TOP)) &&
		f == hw::Fault::AddressSize);
}

/* A random address in [a, b]. */
inline u64 random_in(std::mt19937_64 &rng, u64 a, u64 b)
{
	u64 n = b - a + 1;
	return a + (n ? rng() % n : rng());
}

/* The walker agrees with the model at @va, for both privilege levels. */
void check_va(Table &t, const ConfigCase &cc, const Model &m, u64 va,
	      const Leaf *leaf)
{
	INFO("va " << std::hex << va);
	auto *e = m.find(va);
	for (bool priv : { false, true }) {
		Walker w(t, cc, priv);
		hw::Translation tr = w.walk(va, hw::Access::Read);
		INFO("privileged " << priv << " fault " << hw::fault_name(tr.fault)
				   << " " << tr.why);
		if (!e) {
			REQUIRE(unmapped_fault(cc, tr.fault));
			continue;
		}
		REQUIRE((tr.fault == hw::Fault::None ||
			 tr.fault == hw::Fault::Permission));
		REQUIRE(tr.oa == e->second.pa + (va - e->first));
		Perms want = expect_perms(cc, e->second.prot, priv, tr.dirty);
		REQUIRE(Perms{ tr.read, tr.write, tr.exec } == want);
		/* A failing access is a permission fault, nothing else. */
		for (auto acc : { hw::Access::Read, hw::Access::Write,
				  hw::Access::Exec }) {
			bool ok = acc == hw::Access::Read ? want.r :
				  acc == hw::Access::Write ? want.w :
							      want.x;
			REQUIRE(w.walk(va, acc).fault ==
				(ok ? hw::Fault::None : hw::Fault::Permission));
		}
		if (leaf) {
			REQUIRE(tr.page_size == leaf->size);
			REQUIRE(tr.level == leaf->level);
		}
	}
	REQUIRE(t.phys(va) == (e ? e->second.pa + (va - e->first) : 0));
}

/*
 * The leaves describe the model exactly, and decode in the walker as the
 * library describes them: every leaf when @full, else a random sample.
 */
void check_all(Table &t, const ConfigCase &cc, const Model &m,
	       std::mt19937_64 &rng, bool full = true)
{
	u64 covered = 0;
	auto leaves = t.leaves();
	for (auto &l : leaves) {
		covered += l.size;
		auto *e = m.find(l.va);
		REQUIRE(e);
		/* A leaf never reaches outside one mapping. */
		REQUIRE(l.va + l.size - e->first <= e->second.len);
		REQUIRE(l.oa == e->second.pa + (l.va - e->first));
		if (full || rng() % leaves.size() < 32) {
			check_va(t, cc, m, l.va, &l);
			check_va(t, cc, m, l.va + l.size - 1, &l);
		}
	}
	REQUIRE(covered == m.bytes());
	for (int i = 0; i < 16; i++)
		check_va(t, cc, m, random_in(rng, 0, t.aperture_end()), nullptr);
}

int pick_prot(std::mt19937_64 &rng)
{
	auto prots = prot_choices();
	return prots[rng() % prots.size()];
}

/* ---- the differential run ---- */

/* @count leaves of 2^@lg2 bytes from @va, in level @level. */
struct Run {
	u64 va;
	u64 count;
	unsigned lg2, level;
	u64 last() const { return va + (count << lg2) - 1; }
};

/* One mapping of the model and the leaves the library must use for it. */
struct Seg {
	u64 len, pa;
	int prot;
	std::vector<Run> runs;
	u64 leaves() const
	{
		u64 n = 0;
		for (auto &r : runs)
			n += r.count;
		return n;
	}
};

/* Closed intervals [first, last] of VA, kept merged: the dirty model. */
class Intervals {
public:
	void add(u64 a, u64 b)
	{
		auto it = m_.upper_bound(a);
		if (it != m_.begin()) {
			auto p = std::prev(it);
			if (p->second >= a || p->second + 1 == a)
				it = p;
		}
		while (it != m_.end() &&
		       (it->first <= b || (b != ~u64(0) && it->first == b + 1))) {
			a = std::min(a, it->first);
			b = std::max(b, it->second);
			it = m_.erase(it);
		}
		m_[a] = b;
	}
	void remove(u64 a, u64 b)
	{
		auto it = m_.upper_bound(a);
		if (it != m_.begin())
			--it;
		while (it != m_.end() && it->first <= b) {
			u64 s = it->first, e = it->second;
			if (e < a) {
				++it;
				continue;
			}
			it = m_.erase(it);
			if (s < a)
				m_[s] = a - 1;
			if (e > b)
				m_[b + 1] = e;
		}
	}
	std::vector<std::pair<u64, u64>> within(u64 a, u64 b) const
	{
		std::vector<std::pair<u64, u64>> out;
		auto it = m_.upper_bound(a);
		if (it != m_.begin())
			--it;
		for (; it != m_.end() && it->first <= b; ++it)
			if (it->second >= a)
				out.push_back({ std::max(a, it->first),
						std::min(b, it->second) });
		return out;
	}
	bool contains(u64 a, u64 b) const
	{
		auto v = within(a, b);
		return v.size() == 1 && v[0].first == a && v[0].second == b;
	}
	bool empty() const { return m_.empty(); }
	void clear() { m_.clear(); }

private:
	std::map<u64, u64> m_;
};

/* How hard the differential run checks after each op. */
struct DiffOptions {
	/* Probe every mapping (0) or this many random ones plus the op's own. */
	unsigned probe_sample = 0;
	/* Walk and compare the tables every N ops. */
	unsigned table_every = 1;
	/* Compare every leaf every N ops. */
	unsigned full_every = 500;
	/* Most mappings kept at once. */
	unsigned max_segs = 64;
	/* Tables below the root before sweeping some away. */
	unsigned max_tables = 64;
};

using TableKey = std::pair<unsigned, u64>; /* (level, first VA) */

/**
 * class Differential - random ops on one table, checked against the model
 * and the hardware walker after each (see the comment at the top)
 */
class Differential {
public:
	Differential(Table &t, const ConfigCase &cc, u64 seed, DiffOptions o)
		: t_(t), cc_(cc), rng_(seed), o_(o)
	{
		f_ = facts(t_, cc_);
		sizes_ = t_.pgsizes();
		g_lg2_ = (unsigned)__builtin_ctzll(sizes_);
		lo_first_ = t_.t.iommu.domain.geometry.aperture_start;
		lo_last_ = t_.map_end();
		if (f_.sign_extend && lo_first_ == 0 &&
		    Table::api_reaches(~t_.aperture_end(), 1)) {
			has_upper_ = true;
			up_first_ = ~t_.aperture_end();
		}
		walkers();
		/* Table memory of other tables (none expected) is not ours. */
		std::set<u64> roots;
		for (auto &ti : wu_->tables())
			roots.insert(ti.pa);
		for (auto &[a, sz] : allocations())
			if (!roots.count(a))
				foreign_.insert(a);
		/* Bigger tables cost more to walk: keep fewer of them. */
		if (f_.top > 0) {
			unsigned bits = f_.item_lg2[1] - f_.item_lg2[0];
			if (bits > 9)
				o_.max_tables = std::max(8u, o_.max_tables >> (bits - 9));
		}
		dirty_supported_ = read_dirty(0, u64(1) << g_lg2_,
					      IOMMU_DIRTY_NO_CLEAR, nullptr) !=
				   -EOPNOTSUPP;
	}

	void run(u64 ops)
	{
		REQUIRE(dirty_supported_ == f_.dirty);
		check_tables();
		for (op_ = 0; op_ < ops; op_++) {
			touched_.clear();
			one_op();
			refresh_top();
			probe_all();
			if (op_ % o_.table_every == 0)
				check_tables();
			stat_t_ += T_.size();
			stat_segs_ += segs_.size();
			stat_leaves_ += total_leaves();
			if (op_ % o_.full_every == o_.full_every - 1)
				full_check();
		}
		if (std::getenv("GPT_ORACLE_STATS"))
			std::cout << cc_.name << ": avg tables " << stat_t_ / ops
				  << " mappings " << stat_segs_ / ops << " leaves "
				  << stat_leaves_ / ops << std::endl;
		desc_ = "final check";
		check_tables();
		full_check();
		/* Unmap everything in a few big ranges: no table is left over. */
		desc_ = "unmap all";
		unmap_all(lo_first_, lo_last_);
		if (has_upper_)
			unmap_all(up_first_, ~u64(0));
		check_tables();
		REQUIRE(segs_.empty());
		/*
		 * Only tables wider than what unmap_pages can reach stay
		 * (32-bit hosts: an unsigned long iova ends at 4 GiB).
		 */
		for (auto &[k, v] : T_) {
			u64 e = v + mask(f_.span_lg2(k));
			INFO("table L" << k << " @" << std::hex << v);
			REQUIRE(!(v >= lo_first_ && e <= lo_last_));
			REQUIRE(!(has_upper_ && v >= up_first_));
		}
	}

	u64 ops_done() const { return op_; }

private:
	/* ---- failure reporting ---- */

	[[noreturn]] void fail(const char *what, const std::string &detail)
	{
		FAIL("mismatch at op " << op_ << " (" << desc_ << "): " << what
				       << " " << detail);
		std::abort(); /* not reached: FAIL throws */
	}
#define DIFF_EXPECT(cond, detail)                                          \
	do {                                                               \
		if (!(cond)) {                                             \
			std::ostringstream os_;                            \
			os_ << std::hex << detail;                         \
			fail(#cond, os_.str());                            \
		}                                                          \
	} while (0)

	/* ---- geometry and the model ---- */

	static u64 mask(unsigned lg2) { return lg2 >= 64 ? ~u64(0) : (u64(1) << lg2) - 1; }

	/* Largest page size that fits at @va (OA @pa) below @last. */
	unsigned best_lg2(u64 va, u64 pa, u64 last) const
	{
		u64 ok = sizes_;
		if (va | pa)
			ok &= mask(__builtin_ctzll(va | pa) + 1);
		for (int b = 63; b >= 0; b--)
			if ((ok >> b & 1) && mask(b) <= last - va)
				return (unsigned)b;
		return g_lg2_;
	}

	/*
	 * The leaves map_pages (and cut) must produce: at each address the
	 * largest size whose VA and OA alignment and the remaining length
	 * allow, as runs of equal leaves.
	 */
	std::vector<Run> greedy(u64 va, u64 pa, u64 len) const
	{
		std::vector<Run> out;
		u64 last = va + len - 1, p = va;
		u64 delta = va - pa;
		for (;;) {
			unsigned s = best_lg2(p, pa + (p - va), last);
			u64 n = ((last - p) - mask(s)) / (u64(1) << s) + 1;
			/* The run stops where a larger size would start to fit. */
			for (unsigned b = s + 1; b < 64; b++) {
				if (!(sizes_ >> b & 1) || (delta & mask(b)))
					continue;
				u64 bnd = (p | mask(b)) + 1;
				if (bnd == 0 || bnd <= p || bnd > last ||
				    mask(b) > last - bnd)
					continue;
				n = std::min(n, (bnd - p) >> s);
			}
			out.push_back({ p, n, s, f_.level_of(s) });
			u64 used = n << s;
			if (used - 1 == last - p)
				break;
			p += used;
		}
		return out;
	}

	Seg make_seg(u64 va, u64 pa, u64 len, int prot) const
	{
		return { len, pa, prot, greedy(va, pa, len) };
	}

	const Run &run_at(const Seg &s, u64 va) const
	{
		for (auto &r : s.runs)
			if (va >= r.va && va <= r.last())
				return r;
		FAIL("model: no run at " << std::hex << va);
		return s.runs[0];
	}

	/* The model's mapping holding @va. */
	std::map<u64, Seg>::iterator seg_at(u64 va)
	{
		auto it = segs_.upper_bound(va);
		if (it == segs_.begin())
			return segs_.end();
		--it;
		return va - it->first < it->second.len ? it : segs_.end();
	}

	bool overlaps(u64 va, u64 last) const
	{
		auto it = segs_.upper_bound(last);
		if (it == segs_.begin())
			return false;
		--it;
		return it->first + it->second.len - 1 >= va;
	}

	u64 total_leaves() const
	{
		u64 n = 0;
		for (auto &[va, s] : segs_)
			n += s.leaves();
		return n;
	}

	/* Tables (below the root) the leaves of @r need. */
	template <typename Fn> void tables_for(const Run &r, Fn fn) const
	{
		for (unsigned k = r.level; k < f_.top; k++) {
			unsigned span = f_.span_lg2(k);
			for (u64 v = r.va & ~mask(span);; v += u64(1) << span) {
				fn(TableKey{ k, v });
				if (v + mask(span) >= r.last())
					break;
			}
		}
	}

	/* Tables whose whole span lies in [a, b] are gone. */
	void drop_tables(u64 a, u64 b)
	{
		for (auto it = T_.begin(); it != T_.end();) {
			u64 v = it->second, e = v + mask(f_.span_lg2(it->first));
			if (v >= a && e <= b)
				it = T_.erase(it);
			else
				++it;
		}
	}

	void insert_seg(u64 va, Seg s)
	{
		for (auto &r : s.runs)
			tables_for(r, [&](TableKey k) { T_.insert(k); });
		segs_[va] = std::move(s);
		touched_.push_back(va);
	}

	/* After a map: a grown top keeps the old root as VA 0's table. */
	void refresh_top()
	{
		unsigned old_top = f_.top;
		f_ = facts(t_, cc_);
		if (f_.top == old_top)
			return;
		DIFF_EXPECT(f_.top > old_top, "top shrank to " << f_.top);
		for (unsigned k = old_top; k < f_.top; k++)
			T_.insert({ k, 0 });
		walkers();
	}

	void walkers()
	{
		wu_.emplace(t_, cc_, false);
		wp_.emplace(t_, cc_, true);
	}

	Walker &walker(bool priv) { return priv ? *wp_ : *wu_; }

	/* ---- the operations ---- */

	void one_op()
	{
		unsigned r = rng_() % 100;
		bool full = segs_.size() >= o_.max_segs || total_leaves() > 8192;
		if (T_.size() > o_.max_tables && !segs_.empty())
			op_sweep();
		else if (segs_.empty() || (r < 40 && !full))
			op_map();
		else if (r < 55 || (full && r < 40))
			op_unmap_seg();
		else if (r < 65)
			op_unmap_range();
		else if (r < 80)
			op_cut();
		else if (r < 95)
			op_dirty();
		else
			op_translate();
	}

	/* A size class the window and the OA space have room for. */
	bool pick_size(unsigned *s)
	{
		u64 room = lo_last_ - lo_first_;
		std::vector<unsigned> ok;
		for (unsigned b = 0; b < 64; b++)
			if ((sizes_ >> b & 1) && b + 5 <= 64 &&
			    (room >> 5) >= mask(b) && b + 4 <= f_.oa_lg2)
				ok.push_back(b);
		if (ok.empty())
			return false;
		*s = ok[rng_() % ok.size()];
		return true;
	}

	/* A page size below 2^@s, or @s itself if there is none. */
	unsigned smaller(unsigned s)
	{
		std::vector<unsigned> ok;
		for (unsigned b = 0; b < s; b++)
			if (sizes_ >> b & 1)
				ok.push_back(b);
		return ok.empty() ? s : ok[rng_() % ok.size()];
	}

	void op_map()
	{
		for (int tries = 0; tries < 8; tries++) {
			unsigned s;
			if (!pick_size(&s))
				return;
			u64 len = (1 + rng_() % 4) << s;
			unsigned sm = smaller(s);
			if (sm < s && rng_() % 3 == 0)
				len += (1 + rng_() % 3) << sm;
			unsigned va_al = rng_() % 4 == 0 ? smaller(s) : s;
			unsigned pa_al = rng_() % 4 == 0 ? smaller(s) : va_al;
			/* Small mappings cluster low, so they share tables. */
			u64 room = lo_last_ - lo_first_;
			unsigned spread = 6 + rng_() % 6;
			u64 win = s + spread < 64 ?
					  std::min<u64>(room >> 1, (u64(1) << s) << spread) :
					  room >> 1;
			u64 slots = win >> va_al;
			if (!slots)
				continue;
			u64 va = lo_first_ + (rng_() % slots << va_al);
			if (va + len - 1 < va || va + len - 1 > lo_last_)
				continue;
			if (has_upper_ && rng_() % 4 == 0)
				va = up_first_ + (va - lo_first_);
			u64 oa_room = mask(std::min(f_.oa_lg2, 63u));
			if (len > oa_room)
				continue;
			u64 pa = (rng_() % ((oa_room - len + 1) >> pa_al)) << pa_al;
			int prot = pick_prot(rng_);
			Seg seg = make_seg(va, pa, len, prot);
			if (seg.leaves() > 1024)
				continue;
			std::ostringstream os;
			os << std::hex << "map " << va << "+" << len << " pa " << pa
			   << " prot " << prot;
			desc_ = os.str();
			bool busy = overlaps(va, va + len - 1);
			int ret = t_.map(va, pa, len, prot);
			if (busy) {
				DIFF_EXPECT(ret == -EADDRINUSE, "ret " << ret);
				return;
			}
			DIFF_EXPECT(ret == 0, "ret " << std::dec << ret);
			refresh_top();
			/* Leaves written over empty subtrees free them. */
			for (auto &r : seg.runs)
				for (auto it = T_.begin(); it != T_.end();) {
					u64 v = it->second,
					    e = v + mask(f_.span_lg2(it->first));
					if (it->first < r.level && v >= r.va &&
					    e <= r.last())
						it = T_.erase(it);
					else
						++it;
				}
			insert_seg(va, std::move(seg));
			return;
		}
	}

	void op_unmap_seg()
	{
		auto it = segs_.begin();
		std::advance(it, rng_() % segs_.size());
		u64 va = it->first, len = it->second.len;
		std::ostringstream os;
		os << std::hex << "unmap " << va << "+" << len;
		desc_ = os.str();
		u64 ret = t_.unmap(va, len);
		DIFF_EXPECT(ret == len, "ret " << ret);
		segs_.erase(it);
		dirty_.remove(va, va + len - 1);
		drop_tables(va, va + len - 1);
	}

	/*
	 * Unmap [a, b]: the model's leaves that intersect it go whole, so a
	 * mapping may be left with a head and a tail; returns the bytes.
	 */
	u64 unmap_range(u64 a, u64 b)
	{
		u64 want = 0;
		std::vector<std::pair<u64, Seg>> keep;
		auto it = segs_.upper_bound(a);
		if (it != segs_.begin())
			--it;
		while (it != segs_.end() && it->first <= b) {
			u64 sva = it->first;
			Seg s = it->second;
			u64 slast = sva + s.len - 1;
			if (slast < a) {
				++it;
				continue;
			}
			u64 rs = ~u64(0), re = 0;
			for (auto &r : s.runs) {
				if (r.last() < a || r.va > b)
					continue;
				u64 lo = std::max(a, r.va), hi = std::min(b, r.last());
				rs = std::min(rs, r.va + (((lo - r.va) >> r.lg2) << r.lg2));
				re = std::max(re, r.va + (((hi - r.va) >> r.lg2) << r.lg2) +
							  mask(r.lg2));
			}
			want += re - rs + 1;
			dirty_.remove(rs, re);
			it = segs_.erase(it);
			if (rs > sva)
				keep.push_back({ sva, make_seg(sva, s.pa, rs - sva, s.prot) });
			if (re < slast)
				keep.push_back({ re + 1, make_seg(re + 1, s.pa + (re + 1 - sva),
								 slast - re, s.prot) });
		}
		u64 ret = t_.unmap(a, b - a + 1);
		DIFF_EXPECT(ret == want, "unmap range " << a << ".." << b << " ret "
							  << ret << " want " << want);
		drop_tables(a, b);
		for (auto &[va, s] : keep)
			insert_seg(va, std::move(s));
		return ret;
	}

	/* [a, b] in aligned pieces unmap_pages can express. */
	void unmap_all(u64 a, u64 b)
	{
		const unsigned max_lg2 = 8 * sizeof(size_t) - 1;
		while (true) {
			unsigned al = a ? (unsigned)__builtin_ctzll(a) : 63;
			unsigned lg2 = std::min(al, max_lg2);
			while (lg2 && (u64(1) << lg2) - 1 > b - a)
				lg2--;
			u64 e = a + mask(lg2);
			unmap_range(a, e);
			if (e == b)
				return;
			a = e + 1;
		}
	}

	/*
	 * Too many tables (kept empty ones pile up): unmap the whole VA span
	 * of a random one, which frees it and everything below it.
	 */
	void op_sweep()
	{
		/* Tables an unmap can cover (32-bit hosts: below 4 GiB). */
		std::vector<TableKey> ok;
		for (auto &k : T_) {
			u64 e = k.second + mask(f_.span_lg2(k.first));
			if ((k.second >= lo_first_ && e <= lo_last_) ||
			    (has_upper_ && k.second >= up_first_))
				ok.push_back(k);
		}
		if (ok.empty()) {
			op_unmap_seg();
			return;
		}
		const TableKey &k = ok[rng_() % ok.size()];
		u64 a = k.second, b = a + mask(f_.span_lg2(k.first));
		std::ostringstream os;
		os << std::hex << "sweep: unmap range " << a << ".." << b;
		desc_ = os.str();
		unmap_all(a, b);
	}

	void op_unmap_range()
	{
		auto it = segs_.begin();
		std::advance(it, rng_() % segs_.size());
		u64 va = it->first, len = it->second.len;
		bool upper = has_upper_ && va >= up_first_;
		u64 wfirst = upper ? up_first_ : lo_first_;
		u64 wlast = upper ? ~u64(0) : lo_last_;
		u64 a, b;
		if (rng_() % 2) {
			/* A whole table span (or two) around the mapping. */
			unsigned k = rng_() % (f_.top + 1);
			unsigned span = f_.item_lg2[k];
			a = va & ~mask(span);
			b = a + ((1 + rng_() % 2) << span) - 1;
		} else {
			/* Granules from inside the mapping to beyond it. */
			u64 g = u64(1) << g_lg2_;
			a = va + (rng_() % (len >> g_lg2_)) * g;
			b = a + (1 + rng_() % ((len >> g_lg2_) + 2)) * g - 1;
			if (rng_() % 2 && a - wfirst >= len)
				a -= (rng_() % (len >> g_lg2_)) * g;
		}
		if (b < a || a < wfirst || b > wlast || b - a > (u64)(size_t)-1)
			return;
		std::ostringstream os;
		os << std::hex << "unmap range " << a << ".." << b;
		desc_ = os.str();
		unmap_range(a, b);
	}

	void op_cut()
	{
		u64 g = u64(1) << g_lg2_;
		auto it = segs_.begin();
		std::advance(it, rng_() % segs_.size());
		u64 at = it->first + (rng_() % (it->second.len >> g_lg2_)) * g;
		if (rng_() % 8 == 0) /* maybe in a gap: nothing to cut */
			at = it->first + it->second.len;
		std::ostringstream os;
		os << std::hex << "cut " << at;
		desc_ = os.str();
		int ret = t_.cut(at);
		DIFF_EXPECT(ret == 0, "ret " << std::dec << ret);
		auto s = seg_at(at);
		if (s == segs_.end() || s->first == at)
			return;
		u64 sva = s->first;
		Seg old = s->second;
		segs_.erase(s);
		insert_seg(sva, make_seg(sva, old.pa, at - sva, old.prot));
		insert_seg(at, make_seg(at, old.pa + (at - sva),
					old.len - (at - sva), old.prot));
	}

	void op_translate()
	{
		desc_ = "iova_to_phys";
		for (int i = 0; i < 8; i++) {
			auto it = segs_.begin();
			std::advance(it, rng_() % segs_.size());
			u64 va = it->first + rng_() % it->second.len;
			DIFF_EXPECT(t_.phys(va) == it->second.pa + (va - it->first),
				    "va " << va);
		}
	}

	/* ---- dirty tracking ---- */

	/* read_and_clear_dirty over [va, va + len) into @bm (may be NULL). */
	int read_dirty(u64 va, u64 len, unsigned long flags,
		       iommu_iotlb_gather *gather, iova_bitmap *bm = nullptr)
	{
		iommu_dirty_bitmap d{ bm, gather };
		return GPT_CALL(read_and_clear_dirty)(t_.dom(), (unsigned long)va,
						      (size_t)len, flags, &d);
	}

	/* What read_and_clear_dirty of mapping @sva reports, checked exact. */
	void check_dirty_seg(u64 sva, const Seg &s, bool clear)
	{
		u64 slast = sva + s.len - 1;
		auto want = dirty_.within(sva, slast);
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		int ret = read_dirty(sva, s.len, IOMMU_DIRTY_NO_CLEAR, &g);
		DIFF_EXPECT(ret == 0, "read dirty ret " << std::dec << ret);
		if (want.empty()) {
			DIFF_EXPECT(iommu_iotlb_gather_empty(&g),
				    "clean mapping " << sva << " reported dirty "
						     << g.start << ".." << g.end);
			return;
		}
		/* Leaves are reported whole: the hull is exact. */
		DIFF_EXPECT(g.start == want.front().first && g.end == want.back().second,
			    "mapping " << sva << " dirty " << g.start << ".." << g.end
				       << " want " << want.front().first << ".."
				       << want.back().second);
		if (want.size() == 1) {
			if (clear) {
				iommu_iotlb_gather_init(&g);
				ret = read_dirty(sva, s.len, 0, &g);
				DIFF_EXPECT(ret == 0 && g.start == want[0].first &&
						    g.end == want[0].second,
					    "clearing read " << g.start << ".." << g.end);
			}
			return;
		}
		/* Several dirty ranges: a bitmap at their common alignment. */
		u64 al = 0;
		for (auto &[a, b] : want)
			al |= a | (b + 1);
		unsigned sh = std::max<unsigned>(g_lg2_, __builtin_ctzll(al));
		u64 wa = sva & ~mask(sh), wl = ((slast | mask(sh)) - wa) + 1;
		std::vector<unsigned long> bits((wl >> sh) / (8 * sizeof(long)) + 1);
		iova_bitmap bm{ (unsigned long)wa, (unsigned long)wl, sh, bits.data() };
		ret = read_dirty(sva, s.len, clear ? 0 : IOMMU_DIRTY_NO_CLEAR,
				 nullptr, &bm);
		DIFF_EXPECT(ret == 0, "bitmap read ret " << std::dec << ret);
		size_t w = 0;
		for (u64 i = 0; i < (wl >> sh); i++) {
			u64 a = wa + (i << sh);
			while (w < want.size() && want[w].second < a)
				w++;
			bool exp = w < want.size() && want[w].first <= a;
			bool got = bits[i / (8 * sizeof(long))] >> (i % (8 * sizeof(long))) & 1;
			DIFF_EXPECT(exp == got, "dirty bit at " << a << " got " << got);
		}
	}

	void op_dirty()
	{
		desc_ = "dirty";
		if (!f_.dirty)
			return;
		std::vector<std::pair<u64, bool>> written;
		unsigned n = 1 + rng_() % 3;
		for (unsigned i = 0; i < n; i++) {
			auto it = segs_.begin();
			std::advance(it, rng_() % segs_.size());
			const Seg &s = it->second;
			bool priv = rng_() & 1;
			if (!expect_perms(cc_, s.prot, priv, false).w)
				priv = !priv;
			if (!expect_perms(cc_, s.prot, priv, false).w)
				continue;
			u64 va = it->first + rng_() % s.len;
			const Run &r = run_at(s, va);
			u64 ls = r.va + (((va - r.va) >> r.lg2) << r.lg2);
			/*
			 * Keep the read-back exact and cheap: several dirty
			 * ranges in one mapping only where a bitmap at their
			 * alignment stays small.
			 */
			Intervals tmp = dirty_;
			tmp.add(ls, ls + mask(r.lg2));
			auto in = tmp.within(it->first, it->first + s.len - 1);
			if (in.size() > 1) {
				u64 al = 0;
				for (auto &[a, b] : in)
					al |= a | (b + 1);
				unsigned sh = std::max<unsigned>(g_lg2_, __builtin_ctzll(al));
				if ((s.len >> sh) > 65536)
					continue;
			}
			std::ostringstream os;
			os << std::hex << "dirty: device write at " << va;
			desc_ = os.str();
			hw::Translation tr = walker(priv).access(va, hw::Access::Write);
			DIFF_EXPECT(tr.ok() && tr.dirty && tr.oa == s.pa + (va - it->first),
				    "hardware write at " << va << ": "
							 << hw::fault_name(tr.fault) << " " << tr.why);
			dirty_.add(ls, ls + mask(r.lg2));
			written.push_back({ va, priv });
		}
		/* A device read: A bits land in the table too. */
		{
			auto it = segs_.begin();
			std::advance(it, rng_() % segs_.size());
			u64 va = it->first + rng_() % it->second.len;
			bool priv = rng_() & 1;
			if (expect_perms(cc_, it->second.prot, priv, false).r)
				walker(priv).access(va, hw::Access::Read);
		}
		bool clear = rng_() % 4 != 0;
		desc_ = clear ? "dirty: read_and_clear" : "dirty: read (no clear)";
		for (auto &[sva, s] : segs_)
			check_dirty_seg(sva, s, clear);
		for (auto &[va, priv] : written) {
			hw::Translation tr = walker(priv).walk(va, hw::Access::Read);
			DIFF_EXPECT(tr.dirty == !clear, "walker dirty at " << va);
		}
		if (!clear)
			return;
		dirty_.clear();
		desc_ = "dirty: second read_and_clear";
		for (auto &[sva, s] : segs_) {
			iommu_iotlb_gather g;
			iommu_iotlb_gather_init(&g);
			int ret = read_dirty(sva, s.len, 0, &g);
			DIFF_EXPECT(ret == 0 && iommu_iotlb_gather_empty(&g),
				    "mapping " << sva << " still dirty " << g.start << ".."
					       << g.end);
		}
	}

	/* ---- checks ---- */

	/* One address: walker (one privilege level), iova_to_phys, model. */
	void probe(u64 va)
	{
		bool priv = rng_() & 1;
		hw::Translation tr = walker(priv).walk(va, hw::Access::Read);
		u64 phys = t_.phys(va);
		auto it = seg_at(va);
		if (it == segs_.end()) {
			DIFF_EXPECT(unmapped_fault(cc_, tr.fault),
				    "unmapped " << va << " walks to "
						<< hw::fault_name(tr.fault) << " " << tr.why);
			DIFF_EXPECT(phys == 0, "unmapped " << va << " phys " << phys);
			return;
		}
		const Seg &s = it->second;
		const Run &r = run_at(s, va);
		u64 oa = s.pa + (va - it->first);
		Perms want = expect_perms(cc_, s.prot, priv, tr.dirty);
		DIFF_EXPECT((tr.fault == hw::Fault::None && want.r) ||
				    (tr.fault == hw::Fault::Permission && !want.r),
			    "va " << va << " priv " << priv << ": "
				  << hw::fault_name(tr.fault) << " " << tr.why);
		DIFF_EXPECT(tr.oa == oa, "va " << va << " walker oa " << tr.oa
					       << " want " << oa);
		DIFF_EXPECT(tr.page_size == u64(1) << r.lg2 && tr.level == r.level,
			    "va " << va << " page " << tr.page_size << " level "
				  << tr.level << " want " << (u64(1) << r.lg2)
				  << " level " << r.level);
		DIFF_EXPECT((Perms{ tr.read, tr.write, tr.exec } == want),
			    "va " << va << " priv " << priv << " prot " << s.prot
				  << " rwx " << tr.read << tr.write << tr.exec
				  << " want " << want.r << want.w << want.x);
		DIFF_EXPECT(phys == oa, "va " << va << " phys " << phys << " want " << oa);
	}

	u64 somewhere(u64 a, u64 b) { return random_in(rng_, a, b); }

	void probe_gaps_in(u64 first, u64 last)
	{
		u64 at = first;
		auto it = segs_.lower_bound(first);
		for (; it != segs_.end() && it->first <= last; ++it) {
			if (it->first > at)
				probe(somewhere(at, it->first - 1));
			at = it->first + it->second.len;
			if (at == 0)
				return;
		}
		if (at <= last)
			probe(somewhere(at, last));
	}

	void probe_all()
	{
		if (o_.probe_sample == 0) {
			for (auto &[va, s] : segs_) {
				probe(va);
				probe(va + s.len - 1);
			}
			probe_gaps_in(lo_first_, lo_last_);
			if (has_upper_)
				probe_gaps_in(up_first_, ~u64(0));
			return;
		}
		for (u64 va : touched_) {
			auto it = segs_.find(va);
			if (it == segs_.end())
				continue;
			probe(va);
			probe(va + it->second.len - 1);
		}
		for (unsigned i = 0; i < o_.probe_sample && !segs_.empty(); i++) {
			auto it = segs_.begin();
			std::advance(it, rng_() % segs_.size());
			probe(it->first);
			probe(it->first + it->second.len - 1);
			probe(somewhere(lo_first_, lo_last_));
		}
	}

	static std::map<u64, u64> allocations()
	{
		std::map<u64, u64> out;
		genericpt_for_each_table(
			[](void *ctx, const void *virt, size_t size) {
				(*static_cast<std::map<u64, u64> *>(ctx))
					[(u64)(uintptr_t)virt] = size;
			},
			&out);
		return out;
	}

	void check_tables()
	{
		auto tabs = wu_->tables();
		std::set<TableKey> seen;
		std::set<u64> pas;
		unsigned roots = 0;
		std::map<unsigned, unsigned> nz;
		for (auto &ti : tabs) {
			DIFF_EXPECT(pas.insert(ti.pa).second, "table " << ti.pa << " reached twice");
			DIFF_EXPECT(ti.level <= f_.top, "table level " << ti.level);
			if (ti.present)
				nz[ti.level]++;
			if (ti.level == f_.top) {
				roots++;
				continue;
			}
			seen.insert({ ti.level, ti.va });
		}
		DIFF_EXPECT(roots == f_.roots, "root tables " << roots);
		if (seen != T_) {
			std::ostringstream os;
			os << std::hex;
			for (auto &k : T_)
				if (!seen.count(k))
					os << " missing L" << k.first << "@" << k.second;
			for (auto &k : seen)
				if (!T_.count(k))
					os << " extra L" << k.first << "@" << k.second;
			fail("tables reachable from the root == predicted", os.str());
		}
		/* Tables with a valid entry: holding leaves or tables. */
		std::set<TableKey> want_nz, need;
		auto parent = [&](unsigned k, u64 va) {
			unsigned span = f_.span_lg2(k);
			return TableKey{ k, span >= 64 ? 0 : va & ~mask(span) };
		};
		for (auto &k : T_)
			want_nz.insert(parent(k.first + 1, k.second));
		for (auto &[va, s] : segs_)
			for (auto &r : s.runs) {
				for (u64 v = r.va;;) {
					auto p = parent(r.level, v);
					want_nz.insert(p);
					need.insert(p);
					u64 e = p.first == f_.top ? r.last() :
						p.second + mask(f_.span_lg2(r.level));
					if (e >= r.last())
						break;
					v = e + 1;
				}
				tables_for(r, [&](TableKey k) {
					DIFF_EXPECT(T_.count(k), "model: leaves need L" << k.first
											<< "@" << k.second);
					need.insert(parent(k.first + 1, k.second));
				});
			}
		/* Tables the leaves need (their distinct VA prefixes). */
		size_t required = 0;
		for (auto &k : T_)
			required += need.count(k);
		for (unsigned k = 0; k <= f_.top; k++) {
			unsigned want = 0, needed = 0;
			for (auto &p : want_nz)
				want += p.first == k;
			for (auto &p : need)
				needed += p.first == k;
			DIFF_EXPECT(nz[k] == want, "level " << std::dec << k << ": " << nz[k]
							     << " tables with valid entries, want "
							     << want);
			/* No kept empty table: exactly what the leaves need. */
			DIFF_EXPECT(needed == want || required != T_.size(),
				    "level " << k << ": " << needed << " needed, "
					     << want << " non-empty");
		}
		/* The allocator's live set of this table == the reachable set. */
		auto allocs = allocations();
		std::map<u64, u64> used;
		for (auto &ti : tabs) {
			auto it = allocs.upper_bound(ti.pa);
			DIFF_EXPECT(it != allocs.begin(), "table " << ti.pa << " not allocated");
			--it;
			DIFF_EXPECT(ti.pa + ti.bytes <= it->first + it->second,
				    "table " << ti.pa << "+" << ti.bytes
					     << " outside allocation " << it->first << "+"
					     << it->second);
			DIFF_EXPECT(!foreign_.count(it->first), "table in a foreign allocation");
			used[it->first] += ti.bytes;
		}
		for (auto &[a, sz] : allocs) {
			if (foreign_.count(a))
				continue;
			DIFF_EXPECT(pas.count(a), "allocation " << a << "+" << sz
								<< " not reachable from the root");
			DIFF_EXPECT(used[a] <= sz, "allocation " << a);
		}
	}

	/* Every leaf of the library == the model's; walk each one fully. */
	void full_check()
	{
		std::string d = desc_;
		desc_ = d + ", full check";
		auto leaves = t_.leaves();
		std::sort(leaves.begin(), leaves.end(),
			  [](const Leaf &a, const Leaf &b) { return a.va < b.va; });
		size_t i = 0;
		for (auto &[sva, s] : segs_)
			for (auto &r : s.runs)
				for (u64 n = 0; n < r.count; n++, i++) {
					u64 va = r.va + (n << r.lg2);
					u64 oa = s.pa + (va - sva);
					DIFF_EXPECT(i < leaves.size(), "library has fewer leaves");
					const Leaf &l = leaves[i];
					DIFF_EXPECT(l.va == va && l.size == u64(1) << r.lg2 &&
							    l.oa == oa && l.level == r.level,
						    "leaf " << l.va << " size " << l.size << " oa "
							    << l.oa << " level " << l.level
							    << ", model " << va << " size "
							    << (u64(1) << r.lg2) << " oa " << oa
							    << " level " << r.level);
					if (f_.dirty)
						DIFF_EXPECT(l.dirty == dirty_.contains(va, va + mask(r.lg2)),
							    "leaf " << va << " dirty " << l.dirty);
					for (u64 a : { va, va + mask(r.lg2) })
						walk_fully(a, s, sva, r);
				}
		DIFF_EXPECT(i == leaves.size(), "library has more leaves");
		for (int k = 0; k < 16; k++)
			probe(somewhere(lo_first_, lo_last_));
		desc_ = d;
	}

	/* Both privilege levels, every access type, at @va of mapping @s. */
	void walk_fully(u64 va, const Seg &s, u64 sva, const Run &r)
	{
		for (bool priv : { false, true }) {
			hw::Translation tr = walker(priv).walk(va, hw::Access::Read);
			Perms want = expect_perms(cc_, s.prot, priv, tr.dirty);
			DIFF_EXPECT(tr.oa == s.pa + (va - sva) &&
					    tr.page_size == u64(1) << r.lg2 &&
					    (Perms{ tr.read, tr.write, tr.exec } == want),
				    "va " << va << " priv " << priv << " "
					  << hw::fault_name(tr.fault) << " " << tr.why);
			for (auto acc : { hw::Access::Read, hw::Access::Write,
					  hw::Access::Exec }) {
				bool ok = acc == hw::Access::Read ? want.r :
					  acc == hw::Access::Write ? want.w :
								      want.x;
				auto f = walker(priv).walk(va, acc).fault;
				DIFF_EXPECT(f == (ok ? hw::Fault::None : hw::Fault::Permission),
					    "va " << va << " priv " << priv << " access "
						  << (int)acc << ": " << hw::fault_name(f));
			}
		}
	}
#undef DIFF_EXPECT

	Table &t_;
	const ConfigCase &cc_;
	std::mt19937_64 rng_;
	DiffOptions o_;
	Facts f_;
	u64 sizes_ = 0;
	unsigned g_lg2_ = 12;
	u64 lo_first_ = 0, lo_last_ = 0, up_first_ = 0;
	bool has_upper_ = false;
	bool dirty_supported_ = false;
	std::optional<Walker> wu_, wp_;
	std::map<u64, Seg> segs_;
	std::set<TableKey> T_;
	Intervals dirty_;
	std::set<u64> foreign_;
	std::vector<u64> touched_;
	u64 op_ = 0;
	u64 stat_t_ = 0, stat_segs_ = 0, stat_leaves_ = 0;
	std::string desc_ = "init";
};

/*
 * Run @total ops spread over every configuration of the format, each from
 * GPT_SEED (or a random seed, printed) plus its index.
 */
void differential_every_config(u64 total, DiffOptions o)
{
	/* One seed per process: Catch re-enters the test for each section. */
	static const u64 seed = [] {
		u64 s = env_u64("GPT_SEED", std::random_device{}());
		std::cout << "GPT_SEED=" << s << " (" GPT_FMT_NAME ")" << std::endl;
		return s;
	}();
	u64 base = live_tables();
	auto cfgs = format_configs();
	u64 per = (total + cfgs.size() - 1) / cfgs.size();
	for (size_t i = 0; i < cfgs.size(); i++) {
		DYNAMIC_SECTION(cfgs[i].name)
		{
			UNSCOPED_INFO("GPT_SEED=" << seed << " config " << cfgs[i].name);
			{
				Table t(cfgs[i]);
				REQUIRE(t.init_ret == 0);
				Differential d(t, cfgs[i], seed + i, o);
				d.run(per);
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

} // namespace gpt::oracle

GPT_TEST("oracle", "every_page_size_and_prot")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			REQUIRE(t.init_ret == 0);
			Model m;
			std::mt19937_64 rng(1);
			for (int prot : prot_choices()) {
				for (unsigned b = 0; b < 64; b++) {
					u64 s = u64(1) << b;
					if (!(t.pgsizes() & s))
						continue;
					/* 3 * s must be mappable (32-bit hosts). */
					if (!Table::api_reaches(3 * s, s) ||
					    3 * s + s - 1 > t.aperture_end() ||
					    b + 3 > facts(t, cc).oa_lg2)
						continue;
					INFO("size " << std::hex << s << " prot " << prot);
					u64 va = 3 * s, pa = 7 * s;
					REQUIRE(t.map(va, pa, s, prot) == 0);
					m.insert(va, { s, pa, prot });
					check_all(t, cc, m, rng);
					REQUIRE(t.unmap(va, s) == s);
					m.erase(va);
					check_va(t, cc, m, va, nullptr);
				}
			}
			REQUIRE(t.leaves().empty());
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("oracle", "random_ops_every_config")
{
	differential_every_config(env_u64("GPT_ORACLE_OPS", 20000), DiffOptions{});
}

/*
 * The long run: GPT_ORACLE_STRESS_OPS (1,000,000) ops per format. Per op it
 * probes the op's own mappings and a random sample of 4 others and of the
 * address space, walks the tables every 8 ops, and checks every leaf every
 * 20,000 ops and at the end.
 */
TEST_CASE(GPT_FMT_NAME "/stress/oracle_random_ops", "[" GPT_FMT_NAME "][stress]")
{
	DiffOptions o;
	o.probe_sample = 4;
	o.table_every = 8;
	o.full_every = 20000;
	differential_every_config(env_u64("GPT_ORACLE_STRESS_OPS", 1000000), o);
}

#define GPT_ORACLE_CASES 1
#include GPT_ORACLE_HEADER
