// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Random operation sequences checked against a reference model after every
 * operation. The model is an interval map IOVA -> PA; after each op the
 * table's leaves (read back through for_each_entry) must describe exactly
 * the model, and iova_to_phys must agree at random probes.
 *
 * GPT_SEED=<n> reproduces a run; GPT_RANDOM_OPS=<n> changes its length.
 */
#include "gpt_harness.h"

#include <cstdlib>
#include <random>

using namespace gpt;

namespace {

struct Seg {
	u64 len;
	u64 pa;
	int prot;
};

class Model {
public:
	bool overlaps(u64 va, u64 len) const
	{
		auto it = segs_.upper_bound(va);
		if (it != segs_.begin()) {
			auto p = std::prev(it);
			if (p->first + p->second.len - 1 >= va)
				return true;
		}
		return it != segs_.end() && it->first <= va + len - 1;
	}
	void insert(u64 va, u64 len, u64 pa, int prot)
	{
		segs_[va] = { len, pa, prot };
	}
	/* Remove [va, va+len); returns the bytes that were mapped there. */
	u64 erase(u64 va, u64 len)
	{
		u64 removed = 0, last = va + len - 1;
		auto it = segs_.upper_bound(va);
		if (it != segs_.begin())
			--it;
		while (it != segs_.end() && it->first <= last) {
			u64 s = it->first, slast = s + it->second.len - 1;
			u64 pa = it->second.pa;
			int prot = it->second.prot;
			if (slast < va) {
				++it;
				continue;
			}
			it = segs_.erase(it);
			if (s < va)
				segs_[s] = { va - s, pa, prot };
			if (slast > last)
				segs_[last + 1] = { slast - last, pa + (last + 1 - s), prot };
			removed += std::min(slast, last) - std::max(s, va) + 1;
		}
		return removed;
	}
	std::optional<u64> lookup(u64 va) const
	{
		auto it = segs_.upper_bound(va);
		if (it == segs_.begin())
			return std::nullopt;
		--it;
		if (va - it->first < it->second.len)
			return it->second.pa + (va - it->first);
		return std::nullopt;
	}
	/* Maximal runs contiguous in both VA and PA. */
	std::vector<std::tuple<u64, u64, u64>> runs() const
	{
		std::vector<std::tuple<u64, u64, u64>> out;
		for (auto &[va, s] : segs_)
			push_run(out, va, s.len, s.pa);
		return out;
	}
	static void push_run(std::vector<std::tuple<u64, u64, u64>> &out,
			     u64 va, u64 len, u64 pa)
	{
		if (!out.empty()) {
			auto &[lva, llen, lpa] = out.back();
			if (lva + llen == va && lpa + llen == pa) {
				llen += len;
				return;
			}
		}
		out.push_back({ va, len, pa });
	}
	const std::map<u64, Seg> &segs() const { return segs_; }
	bool empty() const { return segs_.empty(); }

private:
	std::map<u64, Seg> segs_;
};

u64 env_u64(const char *name, u64 dflt)
{
	const char *v = std::getenv(name);
	return v ? std::strtoull(v, nullptr, 0) : dflt;
}

class Runner {
public:
	Runner(Table &t, std::mt19937_64 &rng) : t_(t), rng_(rng)
	{
		g_ = t.granule();
		big_ = g_ * 512;
		if (!(t.pgsizes() & big_))
			big_ = g_ * 16;
		window_ = std::min<u64>(u64(1) << 31, t.aperture_end() / 2 + 1);
		windows_.push_back(0);
		/* Sign-extended tables: also work in the upper half. */
		u64 upper = ~u64(0) - window_ + 1;
		if (sizeof(unsigned long) == 8 && t.map(upper, 0, g_) == 0) {
			REQUIRE(t.unmap(upper, g_) == g_);
			windows_.push_back(upper);
		}
		int dummy;
		dirty_ok_ = probe_dirty(&dummy);
		/* The OA space every leaf size reaches (32/36-bit formats). */
		pa_space_ = u64(1) << 39;
		while (pa_space_ > g_ && t.map(0, pa_space_ - g_, g_) != 0)
			pa_space_ >>= 1;
		REQUIRE(t.unmap(0, g_) == g_);
	}

	void run(u64 ops)
	{
		for (u64 i = 0; i < ops; i++) {
			op_ = i;
			unsigned r = pick(100);
			/* Keep the table small enough to check fully every op. */
			if (leaves_ > 4000 && r < 42)
				r = 42 + pick(28);
			if (r < 42)
				do_map();
			else if (r < 60)
				do_unmap_exact();
			else if (r < 70)
				do_unmap_whole_entries();
			else if (r < 80)
				do_cut();
			else if (r < 88 && dirty_ok_)
				do_dirty();
			else
				do_probe();
			check();
		}
	}

private:
	u64 pick(u64 n) { return n ? rng_() % n : 0; }
	u64 window_base() { return windows_[pick(windows_.size())]; }

	u64 pick_len()
	{
		unsigned r = pick(100);
		if (r < 55)
			return g_ * (1 + pick(40));
		if (r < 85)
			return big_ * (1 + pick(3)) + g_ * pick(3) * pick(2);
		return big_ * 512 * (1 + pick(2)) <= window_ / 4 ?
			       big_ * 512 * (1 + pick(2)) :
			       big_ * 4;
	}

	/* An address aligned like one of the table's page sizes. */
	u64 pick_va(u64 len)
	{
		u64 align = g_;
		if (pick(2)) {
			align = big_;
			if (len >= big_ * 512 && pick(2))
				align = big_ * 512;
		}
		u64 span = window_ > len ? window_ - len : 0;
		u64 off = (pick(span / align + 1) * align) % window_;
		return window_base() + off;
	}

	/* A PA for [va, va + len) that stays inside the OA space. */
	u64 pick_pa(u64 va, u64 len)
	{
		u64 room = pa_space_ > len ? pa_space_ - len : 0;
		/* Misaligned OA forces smallest pages: keep those maps short. */
		if (pick(3) == 0 && (len <= 64 * g_ || pick(8) == 0))
			return pick(room / g_ + 1) * g_;
		/* Same offset in a large page as the VA, so big leaves fit. */
		u64 a = big_ * 512;
		u64 pa = (pick(room / a + 1) * a) + (va % a);
		return pa <= room ? pa : pick(room / g_ + 1) * g_;
	}

	void do_map()
	{
		u64 len = pick_len();
		u64 va = pick_va(len);
		u64 pa = pick_pa(va, len);
		bool busy = model_.overlaps(va, len);
		bool snap = busy && pick(8) == 0;
		Snapshot before;
		if (snap)
			before = snapshot_tables();
		int prot = pick(4) ? IOMMU_READ | IOMMU_WRITE : IOMMU_READ;
		int ret = t_.map(va, pa, len, prot);
		INFO("map va=" << std::hex << va << " len=" << len << " pa=" << pa);
		if (busy) {
			REQUIRE(ret == -EADDRINUSE);
			if (snap)
				REQUIRE(snapshot_tables() == before);
		} else {
			if (ret != 0) {
				for (u64 o = 0; o < len; o += g_) {
					int r2 = t_.map(va + o, 0, g_);
					if (r2)
						UNSCOPED_INFO("page " << std::hex << va + o << " -> " << std::dec << r2);
					else
						t_.unmap(va + o, g_);
				}
			}
			if (ret != 0)
				for (auto &l : t_.leaves())
					if (l.va >= va - (1u << 30) && l.va < va + len + (1u << 30))
						UNSCOPED_INFO("overlapping leaf va=" << std::hex << l.va
							      << " size=" << l.size);
			REQUIRE(ret == 0);
			model_.insert(va, len, pa, prot);
		}
	}

	void pick_range(u64 *va, u64 *len)
	{
		if (!model_.empty() && pick(3)) {
			/* Overlap an existing segment somewhere. */
			auto it = model_.segs().begin();
			std::advance(it, pick(model_.segs().size()));
			u64 s = it->first, l = it->second.len;
			u64 a = s + pick(l / g_) * g_;
			u64 n = 1 + pick(2 * l / g_ + 1);
			/* Stay below the top of the 64-bit space. */
			if ((~a + 1) && n > (~a + 1) / g_)
				n = (~a + 1) / g_;
			*va = a;
			*len = n * g_;
			return;
		}
		*len = pick_len();
		*va = pick_va(*len);
	}

	void do_unmap_exact()
	{
		u64 va, len;
		pick_range(&va, &len);
		INFO("exact unmap va=" << std::hex << va << " len=" << len);
		REQUIRE(t_.cut(va) == 0);
		if (va + len != 0)
			REQUIRE(t_.cut(va + len) == 0);
		u64 expect = model_.erase(va, len);
		REQUIRE(t_.unmap(va, len) == expect);
	}

	void do_unmap_whole_entries()
	{
		u64 va, len;
		pick_range(&va, &len);
		INFO("unmap va=" << std::hex << va << " len=" << len);
		u64 expect = 0;
		for (auto &l : t_.leaves()) {
			if (l.va + l.size - 1 < va || l.va > va + len - 1)
				continue;
			expect += l.size;
			REQUIRE(model_.erase(l.va, l.size) == l.size);
		}
		REQUIRE(t_.unmap(va, len) == expect);
	}

	void do_cut()
	{
		if (model_.empty())
			return;
		auto it = model_.segs().begin();
		std::advance(it, pick(model_.segs().size()));
		u64 at = it->first + pick(it->second.len / g_) * g_;
		INFO("cut " << std::hex << at);
		REQUIRE(t_.cut(at) == 0);
		bool split = true;
		for (auto &l : t_.leaves())
			split &= (l.va >= at || l.va + l.size <= at);
		REQUIRE(split);
	}

	bool probe_dirty(int *ret)
	{
		iommu_dirty_bitmap d{ nullptr, nullptr };
		*ret = GPT_CALL(read_and_clear_dirty)(t_.dom(), 0, (size_t)g_, 0, &d);
		return *ret == 0;
	}

	void do_dirty()
	{
		if (model_.empty())
			return;
		auto it = model_.segs().begin();
		std::advance(it, pick(model_.segs().size()));
		u64 at = it->first + pick(it->second.len / g_) * g_;
		/* Hardware never writes (dirties) a read-only leaf. */
		if (!(it->second.prot & IOMMU_WRITE))
			return;
		REQUIRE(t_.iommu()->ops->set_dirty(t_.iommu(), at) == 0);
		/* Read back the window holding `at` and clear it. */
		u64 base = at - at % window_;
		unsigned shift = __builtin_ctzll(g_);
		std::vector<unsigned long> bits((window_ >> shift) / (8 * sizeof(long)) + 1);
		iova_bitmap bm{ (unsigned long)base, (unsigned long)window_, shift, bits.data() };
		iommu_dirty_bitmap d{ &bm, nullptr };
		REQUIRE(GPT_CALL(read_and_clear_dirty)(t_.dom(), (unsigned long)base,
						       (size_t)window_, 0, &d) == 0);
		u64 bit = (at - base) >> shift;
		REQUIRE(((bits[bit / (8 * sizeof(long))] >> (bit % (8 * sizeof(long)))) & 1));
		bool any_dirty = false;
		for (auto &l : t_.leaves())
			any_dirty |= l.dirty;
		REQUIRE(!any_dirty);
	}

	void do_probe()
	{
		for (int i = 0; i < 8; i++) {
			u64 va = window_base() + pick(window_ / 8) * 8;
			auto m = model_.lookup(va);
			REQUIRE(t_.phys(va) == (m ? *m : 0));
		}
	}

	void check()
	{
		std::vector<std::tuple<u64, u64, u64>> runs;
		auto leaves = t_.leaves();
		leaves_ = leaves.size();
		std::sort(leaves.begin(), leaves.end(),
			  [](const Leaf &a, const Leaf &b) { return a.va < b.va; });
		for (auto &l : leaves)
			Model::push_run(runs, l.va, l.size, l.oa);
		auto expect = model_.runs();
		INFO("op " << op_);
		REQUIRE(runs == expect);
		/* Probe both ends of a few segments. */
		for (int i = 0; i < 2 && !model_.empty(); i++) {
			auto it = model_.segs().begin();
			std::advance(it, pick(model_.segs().size()));
			REQUIRE(t_.phys(it->first) == it->second.pa);
			u64 last = it->first + it->second.len - 1;
			REQUIRE(t_.phys(last) == it->second.pa + it->second.len - 1);
		}
	}

	Table &t_;
	std::mt19937_64 &rng_;
	Model model_;
	u64 g_ = 0, big_ = 0, window_ = 0, op_ = 0, pa_space_ = 0;
	std::vector<u64> windows_;
	bool dirty_ok_ = false;
	size_t leaves_ = 0;
};

} // namespace

GPT_TEST("random", "model_every_config")
{
	u64 seed = env_u64("GPT_SEED", std::random_device{}());
	u64 ops = env_u64("GPT_RANDOM_OPS", 20000);
	u64 base = live_tables();
	auto cfgs = format_configs();
	for (size_t i = 0; i < cfgs.size(); i++) {
		DYNAMIC_SECTION(cfgs[i].name)
		{
			std::mt19937_64 rng(seed + i);
			/* Half the ops on the first configuration, half shared. */
			u64 n = cfgs.size() == 1 ? ops :
				i == 0 ? ops / 2 :
					 std::max<u64>(ops / 2 / (cfgs.size() - 1), 100);
			INFO("GPT_SEED=" << seed << " config " << cfgs[i].name
					 << " ops " << n);
			{
				Table t(cfgs[i]);
				REQUIRE(t.init_ret == 0);
				Runner r(t, rng);
				r.run(n);
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}
