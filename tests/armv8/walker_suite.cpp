// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * armv8 tables checked against the independent VMSAv8-64 walker
 * (tests/hw/walk_armv8.cpp, written from the Arm ARM, not from fmt/): every
 * mapped and unmapped iova must translate the same, with the expected leaf
 * size, permissions, attributes and dirty state, for every feature on and
 * off. The walker is configured only from hw_info, so the register values
 * are checked too. Compiled once per granule into test_iommu_armv8_*.
 *
 * GPT_SEED=<n> reproduces the random part; GPT_RANDOM_OPS scales it.
 */
#include "gpt_harness.h"
#include "walk_armv8.h"

#include <linux/sizes.h>

#include <cstdlib>
#include <random>

using namespace gpt;

namespace {

constexpr unsigned G = GPT_ARMV8_GRANULE_LG2;
constexpr unsigned STRIDE = G - 3;

constexpr u64 B(unsigned n)
{
	return u64(1) << n;
}

// Descriptor bits (Arm ARM D8, "Translation table descriptor formats"),
// spelled out here independently of fmt/defs_armv8.h.
constexpr u64 D_VALID = B(0), D_NS = B(5), AP1 = B(6),
	      AP2 = B(7), S2R = B(6), S2W = B(7), AF = B(10), NG = B(11),
	      DBM = B(51), CONT = B(52), PXN = B(53), UXN = B(54),
	      NSTABLE = B(63);

unsigned field(u64 v, unsigned hi, unsigned lo)
{
	return unsigned((v >> lo) & (B(hi - lo + 1) - 1));
}

// Item size at our level (0 = pages) and the Arm lookup level.
unsigned isz(unsigned level)
{
	return G + STRIDE * level;
}

// D8 "The Contiguous bit": entries per run at our level, 0 if none.
unsigned contig_entries(unsigned level)
{
	if (G == 12)
		return level <= 2 ? 16 : 0;
	if (G == 14)
		return level == 0 ? 128 : level == 1 ? 32 : 0;
	return level <= 1 ? 32 : 0;
}

struct Shape {
	const char *name;
	unsigned features;
	unsigned vasz, oasz;
	bool concat;
};

std::vector<Shape> shapes()
{
	std::vector<Shape> v = {
		{ "s1_48", 0, 48, 48, false },
		{ "s1_39", 0, 39, 48, false },
		{ "s1_25_oas32", 0, 25, 32, false },
		{ "s1_36_oas40_incoherent", 1u << PT_FEAT_DMA_INCOHERENT, 36, 40, false },
		{ "ttbr1_48", ARMV8_TTBR1, 48, 48, false },
		{ "ttbr1_39_dbm", ARMV8_TTBR1 | ARMV8_DBM, 39, 44, false },
		{ "s1_42_dbm_ns", ARMV8_DBM | ARMV8_NS, 42, 48, false },
		{ "s2_48", ARMV8_S2, 48, 48, false },
		{ "s2_40_oas40", ARMV8_S2, 40, 40, false },
		{ "s2_43", ARMV8_S2, 43, 48, false },
		{ "s2_44_dbm", ARMV8_S2 | ARMV8_DBM, 44, 48, false },
		{ "s2_34_concat", ARMV8_S2, 34, 48, true },
		{ "s2_31_concat_fwb_dbm", ARMV8_S2 | ARMV8_FWB | ARMV8_DBM, 31, 32, true },
		{ "s2_26_concat", ARMV8_S2, 26, 48, true },
	};
	if (G == 16) {
		v.push_back({ "s1_lpa_lva_52", ARMV8_LPA | ARMV8_LVA, 52, 52, false });
		v.push_back({ "s1_lva_52_oas48", ARMV8_LVA, 52, 48, false });
		v.push_back({ "ttbr1_lpa", ARMV8_TTBR1 | ARMV8_LPA, 48, 52, false });
		v.push_back({ "s2_lpa_dbm_52", ARMV8_S2 | ARMV8_LPA | ARMV8_DBM, 52, 52, false });
		v.push_back({ "s2_lpa_46_concat", ARMV8_S2 | ARMV8_LPA, 46, 52, true });
	}
	return v;
}

Cfg make_cfg(const Shape &s)
{
	Cfg c{};
	c.common.features = s.features;
	c.common.hw_max_vasz_lg2 = (u8)s.vasz;
	c.common.hw_max_oasz_lg2 = (u8)s.oasz;
	return c;
}

/* The walker's view of a table, decoded from hw_info alone. */
struct Hw {
	hw::armv8::Config c;
	bool s2 = false, upper = false, dbm = false;
	u64 vbase = 0, vsize = 0;
	unsigned vasz = 0;
};

int ips_bits(unsigned ips)
{
	static const int b[] = { 32, 36, 40, 42, 44, 48, 52 };
	return ips < 7 ? b[ips] : -1;
}

Hw decode(Table &t)
{
	HwInfo h = t.hw_info();
	unsigned f = t.t.armpt.common.features;
	Hw w;
	w.s2 = f & ARMV8_S2;
	w.upper = f & ARMV8_TTBR1;
	w.dbm = f & ARMV8_DBM;
	auto &c = w.c;
	c.granule_lg2 = G;
	c.stage = w.s2 ? 2 : 1;
	c.upper = w.upper;
	c.lpa = f & ARMV8_LPA;
	u64 tcr = h.tcr;
	if (w.s2) {
		c.tsz = field(tcr, 5, 0);
		c.s2_start_level = hw::armv8::start_level_from_sl0(G, field(tcr, 7, 6));
		REQUIRE(field(tcr, 15, 14) == (G == 12 ? 0u : G == 16 ? 1u : 2u));
		c.ips_bits = (unsigned)ips_bits(field(tcr, 18, 16));
		c.ha = tcr & B(21);
		c.hd = tcr & B(22);
		REQUIRE(h.s2.sl0 == field(tcr, 7, 6));
		REQUIRE(c.s2_start_level == (int)h.start_level);
	} else {
		unsigned sh = w.upper ? 16 : 0;
		c.tsz = field(tcr, sh + 5, sh);
		unsigned tg = field(tcr, sh + 15, sh + 14);
		if (w.upper) {
			REQUIRE(tg == (G == 12 ? 2u : G == 14 ? 1u : 3u));
			/* EPD0: the TTBR0 range walks nothing. */
			REQUIRE(field(tcr, 15, 0) == 0x80);
		} else {
			REQUIRE(tg == (G == 12 ? 0u : G == 16 ? 1u : 2u));
			/* EPD1: the TTBR1 range walks nothing. */
			REQUIRE(field(tcr, 31, 16) == 0x80);
		}
		c.ips_bits = (unsigned)ips_bits(field(tcr, 34, 32));
		c.ha = tcr & B(39);
		c.hd = tcr & B(40);
		/* io-pgtable's order: NC, WB, Device-nGnRE, INC/OWB. */
		REQUIRE(h.s1.mair == 0xf404ff44u);
		REQUIRE(h.s1.epd0 == w.upper);
		REQUIRE(h.s1.epd1 == !w.upper);
	}
	/* Walk attributes: IRGN, ORGN, SH of the range. */
	unsigned walk = w.s2 || !w.upper ? field(tcr, 13, 8) : field(tcr, 29, 24);
	if (f & (1u << PT_FEAT_DMA_INCOHERENT))
		REQUIRE(walk == 0x20); /* NC, NC, outer shareable */
	else
		REQUIRE(walk == 0x35); /* WB, WB, inner shareable */
	REQUIRE(c.ha == w.dbm);
	REQUIRE(c.hd == w.dbm);
	/* TTBR BADDR: PA[47:1], PA[51:48] in bits[5:2] for 52-bit. */
	REQUIRE(((h.ttbr & 0xffffffffffc0ULL) | (field(h.ttbr, 5, 2) * B(48))) ==
		h.ttb);
	c.table_pa = h.ttb;
	w.vasz = 64 - c.tsz;
	w.vbase = w.upper ? ~u64(0) << w.vasz : 0;
	w.vsize = B(w.vasz);
	REQUIRE(t.t.iommu.domain.geometry.aperture_start == w.vbase);
	REQUIRE(t.t.iommu.domain.geometry.aperture_end == w.vbase + w.vsize - 1);
	/* The start table: as many items as the input size leaves. */
	unsigned start_bits = w.vasz - isz(3 - h.start_level);
	REQUIRE(start_bits >= 1);
	REQUIRE(start_bits <= STRIDE + (w.s2 ? 4 : 0));
	REQUIRE(h.num_start_tables ==
		(start_bits > STRIDE ? B(start_bits - STRIDE) : 1));
	REQUIRE(h.ttb % std::max<u64>(64, B(start_bits + 3)) == 0);
	return w;
}

hw::Translation walk(const Hw &w, u64 iova, hw::Access acc, bool priv)
{
	hw::HostMemory mem;
	hw::armv8::Config c = w.c;
	c.privileged = priv;
	return hw::armv8::walk(mem, c, iova, acc);
}

/* The raw descriptor the walker would use for @iova (a leaf). */
u64 *leaf_ptr(Table &t, u64 iova)
{
	u64 *out = nullptr;
	struct Ctx {
		u64 iova;
		u64 **out;
	} ctx{ iova, &out };
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *p, const pt_iommu_visit *v) {
			auto *c = static_cast<Ctx *>(p);
			if (v->kind != PT_VISIT_LEAF ||
			    c->iova - v->va >= B(v->size_lg2))
				return 0;
			u64 item = v->index + ((c->iova - v->va) >> (v->size_lg2 -
								   v->num_contig_lg2));
			*c->out = reinterpret_cast<u64 *>(v->table_pa) + item;
			return 1;
		},
		&ctx);
	return out;
}

struct Region {
	u64 last, pa;
	int prot;
};

/* Random operations, each followed by a walker comparison. */
class Oracle {
public:
	Oracle(Table &t, const Hw &w, u64 seed) : t_(t), w_(w), rng_(seed) {}

	void run(unsigned ops)
	{
		for (unsigned i = 0; i < ops; i++) {
			INFO("op " << i);
			unsigned k = pick(10);
			if (k < 5 || model_.empty())
				do_map();
			else if (k < 7)
				do_unmap();
			else if (k < 9)
				do_cut_unmap();
			else
				do_hw_write();
			if (i % 4 == 0)
				check_all();
		}
		check_all();
	}

	void check_all()
	{
		u64 leaf_bytes = 0;
		auto leaves = t_.leaves();
		for (auto &l : leaves) {
			leaf_bytes += l.size;
			u64 start = 0;
			const Region *r = find(l.va, &start);
			REQUIRE(r);
			REQUIRE(l.va + l.size - 1 <= r->last);
			REQUIRE(l.oa == r->pa + (l.va - start));
			/* The walker sees a leaf of exactly this size. */
			auto tr = walk(w_, l.va + l.size - 1, hw::Access::Read, priv(*r));
			if (readable(*r)) {
				REQUIRE(tr.ok());
				REQUIRE(tr.page_size == l.size);
			}
		}
		u64 total = 0;
		for (auto &[va, r] : model_) {
			total += r.last - va + 1;
			for (u64 p : { va, r.last, va + pick(r.last - va + 1) })
				check_iova(p);
			if (va != w_.vbase)
				check_iova(va - 1);
			if (r.last != w_.vbase + w_.vsize - 1)
				check_iova(r.last + 1);
		}
		REQUIRE(leaf_bytes == total);
		for (int i = 0; i < 16; i++)
			check_iova(w_.vbase + (rng_() & (w_.vsize - 1)));
	}

private:
	u64 pick(u64 n) { return n ? rng_() % n : 0; }

	bool priv(const Region &r) const { return !w_.s2 && (r.prot & IOMMU_PRIV); }
	bool readable(const Region &r) const
	{
		return !w_.s2 || (r.prot & IOMMU_READ);
	}
	/* Stage 1 has no write-only: a write-only map reads too. */
	bool writable(const Region &r) const { return r.prot & IOMMU_WRITE; }

	const Region *find(u64 iova, u64 *start) const
	{
		auto it = model_.upper_bound(iova);
		if (it == model_.begin())
			return nullptr;
		--it;
		if (iova > it->second.last)
			return nullptr;
		*start = it->first;
		return &it->second;
	}

	void check_iova(u64 iova)
	{
		INFO("iova " << std::hex << iova);
		u64 start = 0;
		const Region *r = find(iova, &start);
		if (!r) {
			REQUIRE(t_.phys(iova) == 0);
			auto tr = walk(w_, iova, hw::Access::Read, true);
			REQUIRE(tr.fault == hw::Fault::NotPresent);
			return;
		}
		u64 want = r->pa + (iova - start);
		REQUIRE(t_.phys(iova) == want);
		INFO("prot " << r->prot);
		auto rd = walk(w_, iova, hw::Access::Read, priv(*r));
		if (!readable(*r)) {
			REQUIRE(rd.fault == hw::Fault::Permission);
			rd = walk(w_, iova, hw::Access::Exec, priv(*r));
		}
		REQUIRE(rd.ok());
		REQUIRE(rd.oa == want);
		REQUIRE(rd.write == writable(*r));
		REQUIRE(rd.exec == !(r->prot & IOMMU_NOEXEC));
		if (!w_.dbm)
			REQUIRE(rd.dirty == writable(*r));
		if (!w_.s2) {
			/* IOMMU_PRIV leaves are privileged-only. */
			auto el0 = walk(w_, iova, hw::Access::Read, false);
			REQUIRE(el0.ok() == !(r->prot & IOMMU_PRIV));
		}
	}

	void do_map()
	{
		static const int prots[] = {
			IOMMU_READ,
			IOMMU_READ | IOMMU_WRITE,
			IOMMU_WRITE,
			IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE,
			IOMMU_READ | IOMMU_MMIO,
			IOMMU_READ | IOMMU_NOEXEC,
			IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
			IOMMU_READ | IOMMU_PRIV | IOMMU_NOEXEC,
		};
		unsigned maxlg = std::min(w_.vasz - 2, G + STRIDE + 6);
		unsigned sz = G + (unsigned)pick(maxlg - G + 1);
		unsigned al = G + (unsigned)pick(sz - G + 1);
		u64 n = 1 + pick(3);
		/* Small alignment makes small pages: keep those maps short. */
		if (sz > al + 7)
			sz = al + 7;
		u64 len = n << sz;
		u64 iova = w_.vbase + (rng_() & (w_.vsize - 1) & ~(B(al) - 1));
		u64 oamax = B(t_.t.armpt.common.max_oasz_lg2);
		u64 pa = rng_() & (oamax - 1) & ~(B(al) - 1);
		if (iova + len - 1 < iova || iova + len - 1 > w_.vbase + w_.vsize - 1 ||
		    pa + len > oamax)
			return;
		int prot = prots[pick(8)];
		bool busy = false;
		auto it = model_.upper_bound(iova + len - 1);
		if (it != model_.begin())
			busy = std::prev(it)->second.last >= iova;
		INFO("map " << std::hex << iova << " len " << len << " pa " << pa);
		int ret = iommu_map(t_.dom(), (unsigned long)iova, pa, (size_t)len, prot,
				    GFP_KERNEL);
		if (busy) {
			REQUIRE(ret == -EADDRINUSE);
			return;
		}
		REQUIRE(ret == 0);
		model_[iova] = { iova + len - 1, pa, prot };
	}

	std::map<u64, Region>::iterator any()
	{
		auto it = model_.begin();
		std::advance(it, pick(model_.size()));
		return it;
	}

	void do_unmap()
	{
		auto it = any();
		u64 len = it->second.last - it->first + 1;
		REQUIRE(iommu_unmap(t_.dom(), (unsigned long)it->first, (size_t)len) == len);
		model_.erase(it);
	}

	void do_cut_unmap()
	{
		auto it = any();
		u64 a = it->first, last = it->second.last;
		u64 npg = (last - a + 1) >> G;
		if (npg < 3)
			return;
		u64 p0 = 1 + pick(npg - 2), p1 = p0 + 1 + pick(npg - p0 - 1);
		u64 c0 = a + (p0 << G), c1 = a + (p1 << G);
		REQUIRE(t_.cut(c0) == 0);
		REQUIRE(t_.cut(c1) == 0);
		REQUIRE(iommu_unmap(t_.dom(), (unsigned long)c0, (size_t)(c1 - c0)) ==
			c1 - c0);
		Region r = it->second;
		model_.erase(it);
		model_[a] = { c0 - 1, r.pa, r.prot };
		model_[c1] = { last, r.pa + (c1 - a), r.prot };
	}

	/* A device write through the walker (HA/HD), then dirty read-back. */
	void do_hw_write()
	{
		auto it = any();
		Region r = it->second;
		u64 a = it->first, iova = a + (pick(r.last - a + 1) & ~u64(7));
		auto tr = walk(w_, iova, hw::Access::Write, priv(r));
		REQUIRE(tr.ok() == writable(r));
		if (!w_.dbm)
			return;
		u64 len = r.last - a + 1;
		if ((len >> G) > 65536)
			return;
		std::vector<unsigned long> bits((len >> G) / 64 + 1);
		iova_bitmap bm{ (unsigned long)a, (unsigned long)len, G, bits.data() };
		iommu_dirty_bitmap d{ &bm, nullptr };
		REQUIRE(GPT_CALL(read_and_clear_dirty)(t_.dom(), (unsigned long)a,
						       (size_t)len, 0, &d) == 0);
		u64 pg = (iova - a) >> G;
		bool any_bit = false;
		for (auto b : bits)
			any_bit |= b != 0;
		REQUIRE(any_bit == writable(r));
		if (writable(r))
			REQUIRE(((bits[pg / 64] >> (pg % 64)) & 1));
		/* Cleared: writable-clean again, still writable. */
		auto again = walk(w_, iova, readable(r) ? hw::Access::Read : hw::Access::Exec,
				  priv(r));
		REQUIRE(again.ok());
		REQUIRE(!again.dirty);
		REQUIRE(again.write == writable(r));
	}

	Table &t_;
	const Hw &w_;
	std::mt19937_64 rng_;
	std::map<u64, Region> model_;
};

u64 env_u64(const char *name, u64 dflt)
{
	const char *v = std::getenv(name);
	return v ? std::strtoull(v, nullptr, 0) : dflt;
}

} // namespace

GPT_TEST("walker", "random_ops_every_shape")
{
	u64 seed = env_u64("GPT_SEED", std::random_device{}());
	unsigned ops = (unsigned)std::max<u64>(env_u64("GPT_RANDOM_OPS", 20000) / 200, 20);
	u64 base = live_tables();
	auto all = shapes();
	for (size_t i = 0; i < all.size(); i++) {
		DYNAMIC_SECTION(all[i].name)
		{
			INFO("GPT_SEED=" << seed << " shape " << all[i].name);
			{
				Table t(make_cfg(all[i]));
				REQUIRE(t.init_ret == 0);
				Hw w = decode(t);
				Oracle o(t, w, seed + i);
				o.run(ops);
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("walker", "page_sizes_per_shape")
{
	for (auto &s : shapes()) {
		DYNAMIC_SECTION(s.name)
		{
			Table t(make_cfg(s));
			REQUIRE(t.init_ret == 0);
			HwInfo h = t.hw_info();
			unsigned top = 3 - h.start_level;
			unsigned vasz = 64 - field(h.tcr, (s.features & ARMV8_TTBR1) ? 21 : 5,
						   (s.features & ARMV8_TTBR1) ? 16 : 0);
			/* D8 "Block descriptor and Page descriptor formats". */
			u64 want = 0;
			for (unsigned l = 0; l <= top; l++) {
				bool leaf = l <= 1 || (l == 2 && (G == 12 ||
					   (G == 16 && (s.features & ARMV8_LPA))));
				if (!leaf)
					continue;
				want |= B(isz(l));
				unsigned items = l == top ? vasz - isz(l) : STRIDE;
				unsigned c = contig_entries(l);
				if (c && B(items) >= c)
					want |= B(isz(l)) * c;
			}
			REQUIRE(t.pgsizes() == want);
			/* Every size maps as one entry the walker agrees with. */
			Hw w = decode(t);
			for (unsigned b = G; b < vasz && b < 48; b++) {
				if (!(want & B(b)))
					continue;
				INFO("size 2^" << b);
				u64 va = w.vbase + B(b), pa = B(b) * 3;
				if (va + B(b) - 1 > w.vbase + w.vsize - 1 ||
				    pa + B(b) > B(t.t.armpt.common.max_oasz_lg2))
					continue;
				REQUIRE(t.map(va, pa, B(b)) == 0);
				auto leaves = t.leaves();
				REQUIRE(leaves.size() == 1);
				REQUIRE(leaves[0].size == B(b));
				for (u64 off : { u64(0), B(b) / 2 + 8, B(b) - 8 }) {
					auto tr = walk(w, va + off, hw::Access::Read, true);
					REQUIRE(tr.ok());
					REQUIRE(tr.oa == pa + off);
					REQUIRE(tr.page_size == B(b));
				}
				/* A run: all items carry the Contiguous bit. */
				u64 *d = leaf_ptr(t, va);
				REQUIRE(d);
				unsigned n = 0;
				for (unsigned l = 0; l <= 2; l++) {
					if (b == isz(l))
						n = 1;
					else if (contig_entries(l) &&
						 B(b) == B(isz(l)) * contig_entries(l))
						n = contig_entries(l);
				}
				REQUIRE(n != 0);
				bool run = n > 1;
				for (unsigned i = 0; i < n; i++) {
					REQUIRE(((d[i] & CONT) != 0) == run);
					REQUIRE((d[i] & D_VALID));
				}
				REQUIRE(t.unmap(va, B(b)) == B(b));
				REQUIRE(walk(w, va, hw::Access::Read, true).fault ==
					hw::Fault::NotPresent);
			}
		}
	}
}

GPT_TEST("walker", "leaf_attributes_from_prot")
{
	for (auto &s : shapes()) {
		DYNAMIC_SECTION(s.name)
		{
			Table t(make_cfg(s));
			REQUIRE(t.init_ret == 0);
			bool s2 = s.features & ARMV8_S2, dbm = s.features & ARMV8_DBM;
			bool ns = s.features & ARMV8_NS, fwb = s.features & ARMV8_FWB;
			u64 va = t.t.iommu.domain.geometry.aperture_start + 16 * B(G);
			const int prots[] = {
				IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
				IOMMU_READ | IOMMU_CACHE, IOMMU_READ | IOMMU_MMIO,
				IOMMU_READ | IOMMU_MMIO | IOMMU_CACHE,
				IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC,
				IOMMU_READ | IOMMU_PRIV,
			};
			for (int prot : prots) {
				INFO("prot " << prot);
				REQUIRE(t.map(va, B(G) * 7, B(G), prot) == 0);
				u64 d = *leaf_ptr(t, va);
				bool w = prot & IOMMU_WRITE, mmio = prot & IOMMU_MMIO;
				bool cache = (prot & IOMMU_CACHE) && !mmio;
				REQUIRE((d & 3) == 3); /* page descriptor */
				REQUIRE((d & AF)); /* never an Access flag fault */
				REQUIRE(field(d, 9, 8) == (cache ? 3u : 2u));
				REQUIRE(((d & DBM) != 0) == (dbm && w));
				REQUIRE((d & CONT) == 0);
				REQUIRE(field(d, 58, 55) == 0);
				if (s2) {
					unsigned mem = mmio ? 0x1 : !cache ? 0x5 :
						       fwb ? 0x6 : 0xf;
					REQUIRE(field(d, 5, 2) == mem);
					REQUIRE(((d & S2R) != 0) == bool(prot & IOMMU_READ));
					/* writable-clean (DBM) or writable */
					REQUIRE(((d & S2W) != 0) == (w && !dbm));
					REQUIRE(field(d, 54, 53) ==
						(prot & IOMMU_NOEXEC ? 2u : 0u));
					REQUIRE((d & NG) == 0);
				} else {
					unsigned idx = mmio ? 2 : cache ? 1 : 0;
					REQUIRE(field(d, 4, 2) == idx);
					u64 mair = t.hw_info().s1.mair;
					REQUIRE(field(mair, idx * 8 + 7, idx * 8) ==
						(mmio ? 0x04u : cache ? 0xffu : 0x44u));
					REQUIRE((d & NG));
					REQUIRE(((d & D_NS) != 0) == ns);
					REQUIRE(((d & AP1) != 0) == !(prot & IOMMU_PRIV));
					REQUIRE(((d & AP2) != 0) == (!w || dbm));
					REQUIRE(((d & UXN) != 0) == bool(prot & IOMMU_NOEXEC));
					REQUIRE(((d & PXN) != 0) == bool(prot & IOMMU_NOEXEC));
				}
				REQUIRE(t.unmap(va, B(G)) == B(G));
			}
			/* Table descriptors: NSTable with NS; nothing else above. */
			REQUIRE(t.map(va, 0, B(G)) == 0);
			t.iommu()->ops->for_each_entry(
				t.iommu(),
				[](void *ctx, const pt_iommu_visit *v) {
					if (v->kind == PT_VISIT_POINTER) {
						bool ns = *static_cast<bool *>(ctx);
						REQUIRE((v->raw & 3) == 3);
						REQUIRE(field(v->raw, 63, 52) == (ns ? 0x800u : 0u));
						REQUIRE((v->raw & NSTABLE) == (ns ? NSTABLE : 0));
					}
					return 0;
				},
				&ns);
			REQUIRE(t.unmap(va, B(G)) == B(G));
		}
	}
}

GPT_TEST("walker", "dirty_bit_modifier")
{
	for (auto &s : shapes()) {
		DYNAMIC_SECTION(s.name)
		{
			Table t(make_cfg(s));
			REQUIRE(t.init_ret == 0);
			Hw w = decode(t);
			bool dbm = s.features & ARMV8_DBM;
			u64 g = B(G), base = w.vbase;
			u64 run = g * contig_entries(0);
			u64 rw = base, ro = base + g, crun = base + run;
			REQUIRE(t.map(rw, 0, g) == 0);
			REQUIRE(t.map(ro, g, g, IOMMU_READ) == 0);
			REQUIRE(t.map(crun, run, run) == 0);
			std::vector<unsigned long> bits;
			auto rcd = [&](unsigned long flags, int *ret) {
				u64 len = 2 * run;
				bits.assign((len >> G) / 64 + 1, 0);
				iova_bitmap bm{ (unsigned long)base, (unsigned long)len, G,
						bits.data() };
				iommu_dirty_bitmap d{ &bm, nullptr };
				*ret = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)base,
								      (size_t)len, flags, &d);
				u64 n = 0;
				for (auto b : bits)
					n += __builtin_popcountl(b);
				return n;
			};
			int ret;
			auto rd_ro = walk(w, ro, hw::Access::Read, true);
			REQUIRE(rd_ro.ok());
			REQUIRE(!rd_ro.write);
			REQUIRE(!rd_ro.dirty);
			REQUIRE(walk(w, ro, hw::Access::Write, true).fault == hw::Fault::Permission);
			if (!dbm) {
				/* Off: no tracking; writable leaves are plain writable. */
				REQUIRE(rcd(0, &ret) == 0);
				REQUIRE(ret == -EOPNOTSUPP);
				REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), rw) == -EOPNOTSUPP);
				REQUIRE((*leaf_ptr(t, rw) & DBM) == 0);
				REQUIRE(walk(w, rw, hw::Access::Read, true).dirty);
				for (auto &l : t.leaves())
					REQUIRE(!l.dirty);
				continue;
			}
			/* On: writable leaves start writable-clean. */
			REQUIRE(rcd(0, &ret) == 0);
			REQUIRE(ret == 0);
			auto c = walk(w, rw, hw::Access::Read, true);
			REQUIRE(c.ok());
			REQUIRE(c.write);
			REQUIRE(!c.dirty);
			/* A device write makes the leaf (one run item) dirty. */
			REQUIRE(walk(w, rw + 8, hw::Access::Write, true).ok());
			REQUIRE(walk(w, crun + 5 * g, hw::Access::Write, true).ok());
			REQUIRE(walk(w, rw, hw::Access::Read, true).dirty);
			u64 *item = leaf_ptr(t, crun);
			unsigned dirty_items = 0;
			for (unsigned i = 0; i < contig_entries(0); i++)
				dirty_items += walk(w, crun + i * g, hw::Access::Read, true).dirty;
			REQUIRE(dirty_items == 1);
			REQUIRE((item[0] & CONT));
			/* The whole run is reported, without and with clearing. */
			u64 want = 1 + contig_entries(0);
			REQUIRE(rcd(IOMMU_DIRTY_NO_CLEAR, &ret) == want);
			REQUIRE(rcd(0, &ret) == want);
			REQUIRE(rcd(0, &ret) == 0);
			for (unsigned i = 0; i < contig_entries(0); i++) {
				auto e = walk(w, crun + i * g, hw::Access::Read, true);
				REQUIRE(e.ok());
				REQUIRE(e.write);
				REQUIRE(!e.dirty);
			}
			/* set_dirty as hardware would; never on a read-only leaf. */
			u64 ro_raw = *leaf_ptr(t, ro);
			REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), ro) == 0);
			REQUIRE(*leaf_ptr(t, ro) == ro_raw);
			REQUIRE(!walk(w, ro, hw::Access::Read, true).write);
			REQUIRE(rcd(0, &ret) == 0);
			REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), crun + 3 * g) == 0);
			REQUIRE(walk(w, crun + 3 * g, hw::Access::Read, true).dirty);
			/* cut keeps the dirty state of the split run. */
			REQUIRE(t.cut(crun + 4 * g) == 0);
			REQUIRE(rcd(IOMMU_DIRTY_NO_CLEAR, &ret) == contig_entries(0));
			REQUIRE(rcd(0, &ret) == contig_entries(0));
			REQUIRE(walk(w, crun + 3 * g, hw::Access::Read, true).write);
		}
	}
}

GPT_TEST("walker", "ttbr1_upper_range")
{
	for (auto &s : shapes()) {
		if (!(s.features & ARMV8_TTBR1))
			continue;
		DYNAMIC_SECTION(s.name)
		{
			Table t(make_cfg(s));
			REQUIRE(t.init_ret == 0);
			Hw w = decode(t);
			u64 g = B(G), first = w.vbase, last = ~u64(0) & ~(g - 1);
			REQUIRE(t.map(first, 5 * g, g) == 0);
			REQUIRE(t.map(last - g, 9 * g, 2 * g) == 0);
			REQUIRE(t.phys(first + 3) == 5 * g + 3);
			REQUIRE(t.phys(~u64(0)) == 10 * g + g - 1);
			REQUIRE(walk(w, ~u64(0) - 7, hw::Access::Read, true).oa == 11 * g - 8);
			/* The lower range and the hole below the upper one. */
			REQUIRE(t.map(0, 0, g) == -ERANGE);
			REQUIRE(t.map(first - g, 0, g) == -ERANGE);
			REQUIRE(t.phys(first - g) == 0);
			REQUIRE(t.cut(g) == -ERANGE);
			/* Leaves report canonical (upper) VAs. */
			auto leaves = t.leaves();
			REQUIRE(leaves.size() == 3);
			REQUIRE(leaves[0].va == first);
			REQUIRE(leaves[1].va == last - g);
			REQUIRE(leaves[2].va == last);
			REQUIRE(t.unmap(last - g, 2 * g) == 2 * g);
			REQUIRE(t.unmap(first, g) == g);
			REQUIRE(t.leaves().empty());
		}
	}
}

GPT_TEST("walker", "s2_start_level_and_concatenation")
{
	/* D8 "Concatenated translation tables" and VTCR_EL2.SL0. */
	unsigned maxva = G == 16 ? 52 : 48;
	for (unsigned vasz = std::max(16u, G + 1); vasz <= maxva; vasz++) {
		{
			DYNAMIC_SECTION("ipa " << vasz)
			{
				/* [IA] a 52-bit IPA needs FEAT_LPA (52-bit PS). */
				Shape s{ "s2", ARMV8_S2 | (vasz > 48 ? ARMV8_LPA : 0u),
					 vasz, vasz > 48 ? 52u : 48u, true };
				Table t(make_cfg(s));
				REQUIRE(t.init_ret == 0);
				/* Independent expectation: the natural start level,
				 * moved down whenever <= 4 bits remain there, as the
				 * kernel does (not 4K to level 3: FEAT_TTST). */
				int arm = 3;
				while (vasz > isz(3 - arm + 1))
					arm--;
				unsigned bits = vasz - isz(3 - arm);
				if (bits <= 4 && arm < 3 &&
				    !(G == 12 && arm == 2))
					arm++;
				HwInfo h = t.hw_info();
				REQUIRE((int)h.start_level == arm);
				Hw w = decode(t);
				REQUIRE(w.vasz == vasz);
				/* Both ends of the IPA space translate. */
				u64 g = B(G), top = B(vasz) - g;
				REQUIRE(t.map(0, 3 * g, g) == 0);
				REQUIRE(t.map(top, 4 * g, g) == 0);
				REQUIRE(walk(w, 8, hw::Access::Read, false).oa == 3 * g + 8);
				REQUIRE(walk(w, top + g - 1, hw::Access::Read, false).oa ==
					5 * g - 1);
				REQUIRE(t.map(B(vasz), 0, g) == -ERANGE);
			}
		}
	}
}

GPT_TEST("walker", "output_size_and_lpa")
{
	u64 g = B(G);
	SECTION("oas below 48 bits: tables below 4 GiB, OA limit")
	{
		Table t(make_cfg({ "oas36", 0, 40, 36, false }));
		REQUIRE(t.init_ret == 0);
		Hw w = decode(t);
		REQUIRE(w.c.ips_bits == 36);
		REQUIRE(t.map(B(30), B(36) - g, g) == 0);
		REQUIRE(t.map(B(31), B(36), g) == -ERANGE);
		for (auto &[pa, level] : t.tables())
			REQUIRE(pa < B(32));
		REQUIRE(walk(w, B(30) + 5, hw::Access::Read, true).oa == B(36) - g + 5);
	}
	SECTION("default output size is 48 bits")
	{
		Table t(make_cfg({ "oas48", 0, 48, 0, false }));
		REQUIRE(t.init_ret == 0);
		REQUIRE(decode(t).c.ips_bits == 48);
		REQUIRE(t.map(0, B(48), g) == -ERANGE);
		REQUIRE(t.map(0, B(48) - g, g) == 0);
	}
	SECTION("FEAT_LPA")
	{
		Cfg c = make_cfg({ "lpa", ARMV8_LPA | ARMV8_LVA, 52, 52, false });
		Tbl tbl{};
		if (G != 16) {
			REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EOPNOTSUPP);
			return;
		}
		Table t(c);
		REQUIRE(t.init_ret == 0);
		Hw w = decode(t);
		REQUIRE(w.c.ips_bits == 52);
		REQUIRE((t.pgsizes() & B(42))); /* 4 TiB level 1 blocks */
		u64 pa = 0xfec0000000000ULL; /* OA bit 51 set, 4 TiB aligned */
		REQUIRE(t.map(B(42), pa, B(42)) == 0);
		REQUIRE(t.map(B(29), 0xf123456780000ULL & ~(g - 1), g) == 0);
		auto tr = walk(w, B(42) + 0x1234, hw::Access::Read, true);
		REQUIRE(tr.ok());
		REQUIRE(tr.page_size == B(42));
		REQUIRE(tr.oa == pa + 0x1234);
		REQUIRE(walk(w, B(29) + 8, hw::Access::Read, true).oa ==
			(0xf123456780000ULL & ~(g - 1)) + 8);
		REQUIRE(field(*leaf_ptr(t, B(29)), 15, 12) == 0xf);
		REQUIRE(t.phys(B(42) + 0x1234) == pa + 0x1234);
		/* Without LPA: 48-bit output, no 4 TiB blocks. */
		Table t2(make_cfg({ "nolpa", 0, 52, 52, false }));
		REQUIRE(t2.init_ret == 0);
		REQUIRE(!(t2.pgsizes() & B(42)));
		REQUIRE(decode(t2).c.ips_bits == 48);
		REQUIRE(t2.map(B(29), B(48), g) == -ERANGE);
	}
}

GPT_TEST("walker", "init_errors_allocate_nothing")
{
	u64 base = live_tables();
	struct Bad {
		const char *name;
		unsigned features;
		unsigned vasz;
		unsigned granule;
		int err;
	} bad[] = {
		{ "ttbr1 with s2", ARMV8_TTBR1 | ARMV8_S2, 0, 0, -EINVAL },
		{ "ns with s2", ARMV8_NS | ARMV8_S2, 0, 0, -EINVAL },
		{ "fwb without s2", ARMV8_FWB, 0, 0, -EINVAL },
		{ "input below 16 bits", 0, 15, 0, -EINVAL },
		{ "input one granule", 0, G, 0, -EINVAL },
		{ "granule not this library's", 0, 0, G == 12 ? 14u : 12u, -EOPNOTSUPP },
		{ "not a granule", 0, 0, 13, -EOPNOTSUPP },
		{ "dynamic top", 1u << PT_FEAT_DYNAMIC_TOP, 0, 0, -EOPNOTSUPP },
		{ "sign extend", 1u << PT_FEAT_SIGN_EXTEND, 0, 0, -EOPNOTSUPP },
	};
	for (auto &b : bad) {
		DYNAMIC_SECTION(b.name)
		{
			Cfg c{};
			c.common.features = b.features;
			c.common.hw_max_vasz_lg2 = (u8)b.vasz;
			c.granule_lg2sz = b.granule;
			Tbl tbl{};
			REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == b.err);
			REQUIRE(live_tables() == base);
		}
	}
	/* The library's own granule, named or 0. */
	for (unsigned g : { 0u, G }) {
		Cfg c{};
		c.granule_lg2sz = g;
		Table t(c);
		REQUIRE(t.init_ret == 0);
		REQUIRE(t.t.armpt.granule_lg2sz == G);
	}
}

GPT_TEST("walker", "incoherent_dirty_clean_flushes_whole_run")
{
	struct Log {
		std::vector<std::pair<uintptr_t, size_t>> ranges;
		bool covers(uintptr_t a, size_t n) const
		{
			for (auto &r : ranges)
				if (a >= r.first && a + n <= r.first + r.second)
					return true;
			return false;
		}
	} log;
	Table t(make_cfg({ "dbm_incoherent",
			   ARMV8_DBM | (1u << PT_FEAT_DMA_INCOHERENT), 40, 48, false }));
	REQUIRE(t.init_ret == 0);
	Hw w = decode(t);
	u64 g = B(G), run = g * contig_entries(0);
	REQUIRE(t.map(2 * run, 0, run) == 0);
	for (unsigned i : { 1u, contig_entries(0) - 1 })
		REQUIRE(walk(w, 2 * run + i * g, hw::Access::Write, true).ok());
	u64 *item = leaf_ptr(t, 2 * run);
	genericpt_set_cache_flush_hook(
		[](void *ctx, const void *virt, size_t len) {
			static_cast<Log *>(ctx)->ranges.push_back(
				{ reinterpret_cast<uintptr_t>(virt), len });
		},
		&log);
	/* Start the read in the middle of the run. */
	iommu_dirty_bitmap d{ nullptr, nullptr };
	REQUIRE(GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)(2 * run + 3 * g),
					       (size_t)g, 0, &d) == 0);
	genericpt_set_cache_flush_hook(nullptr, nullptr);
	REQUIRE(log.covers(reinterpret_cast<uintptr_t>(item),
			   contig_entries(0) * sizeof(u64)));
	for (unsigned i = 0; i < contig_entries(0); i++)
		REQUIRE(!walk(w, 2 * run + i * g, hw::Access::Read, true).dirty);
}

GPT_TEST("walker", "input_size_and_lva")
{
	/* [IA] 52-bit inputs: FEAT_LVA at stage 1, FEAT_LPA at stage 2 (64K). */
	u64 g = B(G);
	Tbl tbl{};
	Cfg lva_s2 = make_cfg({ "lva_s2", ARMV8_LVA | ARMV8_S2, 52, 52, false });
	REQUIRE(GPT_CALL(init)(&tbl, &lva_s2, GFP_KERNEL) == -EOPNOTSUPP);
	Cfg lva = make_cfg({ "lva", ARMV8_LVA, 52, 48, false });
	if (G != 16) {
		REQUIRE(GPT_CALL(init)(&tbl, &lva, GFP_KERNEL) == -EOPNOTSUPP);
		return;
	}
	SECTION("without LVA a stage 1 table stops at 48 bits")
	{
		Table t(make_cfg({ "s1_52_no_lva", 0, 52, 48, false }));
		REQUIRE(t.init_ret == 0);
		REQUIRE(decode(t).vasz == 48);
		REQUIRE(t.aperture_end() == B(48) - 1);
		if (Table::api_reaches(B(48), g))
			REQUIRE(t.map(B(48), 0, g) == -ERANGE);
	}
	SECTION("with LVA: T0SZ 12, the top of the 52-bit space translates")
	{
		Table t(lva);
		REQUIRE(t.init_ret == 0);
		Hw w = decode(t);
		REQUIRE(w.vasz == 52);
		REQUIRE(field(t.hw_info().tcr, 5, 0) == 12);
		if (!Table::api_reaches(B(52) - g, g))
			return;
		REQUIRE(t.map(B(52) - g, 7 * g, g) == 0);
		REQUIRE(t.map(B(51), 9 * g, g) == 0);
		REQUIRE(walk(w, B(52) - 8, hw::Access::Read, true).oa == 8 * g - 8);
		REQUIRE(walk(w, B(51) + 8, hw::Access::Read, true).oa == 9 * g + 8);
		REQUIRE(t.phys(B(51) + 8) == 9 * g + 8);
	}
	SECTION("stage 2 without LPA stops at a 48-bit IPA")
	{
		Table t(make_cfg({ "s2_52_no_lpa", ARMV8_S2, 52, 48, false }));
		REQUIRE(t.init_ret == 0);
		REQUIRE(decode(t).vasz == 48);
	}
}
