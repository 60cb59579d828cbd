// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The oracle suite: the tables the library builds, read back by the
 * format's independent hardware walker (tests/hw, written from the manual)
 * starting from the root hw_info reports, and checked against a reference
 * model of what was mapped (iova -> pa, prot) after every operation.
 *
 * Compiled per format that has tests/oracle/FMT.h, which supplies
 *   gpt::oracle::Walker(Table &, const ConfigCase &, bool privileged)
 *       with hw::Translation walk(u64 iova, hw::Access),
 *   gpt::oracle::expect_perms(prot, privileged, &r, &w, &x),
 *   gpt::oracle::prot_choices() (the prot values worth mapping),
 * and, included a second time with GPT_ORACLE_CASES defined, may add
 * format-specific cases using the model and checks below.
 *
 * GPT_SEED=<n> reproduces a run; GPT_ORACLE_OPS=<n> changes its length.
 */
#include "gpt_harness.h"

#include "hw_walker.h"

#include <cstdlib>
#include <random>

namespace gpt::oracle {
struct Perms {
	bool r, w, x;
	bool operator==(const Perms &o) const
	{
		return r == o.r && w == o.w && x == o.x;
	}
};
} // namespace gpt::oracle

#include GPT_ORACLE_HEADER

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

/* What was mapped, by first VA. */
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

Perms perms_of(int prot, bool privileged)
{
	Perms p{};
	expect_perms(prot, privileged, &p.r, &p.w, &p.x);
	return p;
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
			REQUIRE(tr.fault == hw::Fault::NotPresent);
			continue;
		}
		REQUIRE((tr.fault == hw::Fault::None ||
			 tr.fault == hw::Fault::Permission));
		REQUIRE(tr.oa == e->second.pa + (va - e->first));
		Perms want = perms_of(e->second.prot, priv);
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
		check_va(t, cc, m, rng() % (t.aperture_end() + 1), nullptr);
}

int pick_prot(std::mt19937_64 &rng)
{
	auto prots = prot_choices();
	return prots[rng() % prots.size()];
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
	u64 seed = env_u64("GPT_SEED", std::random_device{}());
	u64 ops = env_u64("GPT_ORACLE_OPS", 400);
	u64 base = live_tables();
	auto cfgs = format_configs();
	for (size_t i = 0; i < cfgs.size(); i++) {
		DYNAMIC_SECTION(cfgs[i].name)
		{
			std::mt19937_64 rng(seed + i);
			UNSCOPED_INFO("GPT_SEED=" << seed << " config " << cfgs[i].name);
			{
				Table t(cfgs[i]);
				REQUIRE(t.init_ret == 0);
				Model m;
				u64 g = t.granule();
				u64 top = u64(1) << (63 - __builtin_clzll(t.pgsizes()));
				u64 big = std::max(top, g * 512);
				u64 space = std::min<u64>(t.map_end(), (u64(1) << 34) - 1) + 1;
				/* OAs every leaf reaches: below the narrow limit. */
				u64 oa_space = u64(1) << 32;
				for (u64 op = 0; op < ops; op++) {
					INFO("op " << op);
					unsigned r = rng() % 10;
					if (r < 5 || m.all().empty()) {
						u64 align = rng() % 2 ? g : (rng() % 2 ? big : big / 16 ? big / 16 : g);
						align = std::max(align, g);
						u64 len = align * (1 + rng() % 8) + (rng() % 3 ? 0 : g * (rng() % 9));
						u64 va = (rng() % (space / align)) * align;
						u64 pa = (rng() % (oa_space / align)) * align;
						if (va + len - 1 > t.map_end() || pa + len > oa_space)
							continue;
						int prot = pick_prot(rng);
						INFO("map " << std::hex << va << "+" << len << " pa " << pa);
						int ret = t.map(va, pa, len, prot);
						if (m.overlaps(va, len)) {
							REQUIRE(ret == -EADDRINUSE);
						} else {
							REQUIRE(ret == 0);
							m.insert(va, { len, pa, prot });
						}
					} else if (r < 8) {
						auto it = m.all().begin();
						std::advance(it, rng() % m.all().size());
						u64 va = it->first, len = it->second.len;
						INFO("unmap " << std::hex << va << "+" << len);
						REQUIRE(t.unmap(va, len) == len);
						m.erase(va);
					} else {
						auto it = m.all().begin();
						std::advance(it, rng() % m.all().size());
						u64 at = it->first + (rng() % (it->second.len / g)) * g;
						INFO("cut " << std::hex << at);
						REQUIRE(t.cut(at) == 0);
						m.split(at);
					}
					check_all(t, cfgs[i], m, rng, false);
				}
				check_all(t, cfgs[i], m, rng);
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

#define GPT_ORACLE_CASES 1
#include GPT_ORACLE_HEADER
