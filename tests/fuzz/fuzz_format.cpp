// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The per-format half of genericpt-fuzz, compiled once per format with
 * GPT_CFG_HEADER / GPT_FMT_NAME like the test suites. It decodes the fuzz
 * input into a sequence of operations on one table and checks after every
 * operation that
 *   - the result is the documented one (docs/api.md, "Errors"), computed here
 *     from the arguments and the reference model alone,
 *   - the table's leaves (for_each_entry) describe exactly the model,
 *     iova_to_phys agrees at the ends of the model's segments,
 *   - dirty state matches a dirty model (formats with dirty tracking),
 *   - every allocated table is reachable (nothing leaked), no WARN_ON,
 * and after the sequence that deinit frees everything. Any disagreement
 * prints what happened and abort()s, which libFuzzer reports as a crash.
 *
 * Op record: one opcode byte, then the bytes the op consumes; a short
 * input simply ends the sequence (missing bytes read as 0).
 */
#include <linux/generic_pt/iommu.h>
#include <genericpt/runtime.h>
#include <linux/container_of.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string_view>
#include <optional>
#include <vector>

#include "fuzz.h"
#include "gpt_model.h"

static_assert(sizeof(unsigned long) == 8, "genericpt-fuzz needs an LP64 host");

#include "fuzz_cfg.h"
namespace {
namespace gpt {
using ::gpt::RefModel;
} // namespace gpt
} // namespace

namespace {

using namespace gpt;

#define FCHECK(cond, ...)                                                   \
	do {                                                                \
		if (!(cond)) {                                              \
			std::fprintf(stderr,                                \
				     "genericpt-fuzz " GPT_FMT_NAME         \
				     ": check failed at line %d: %s\n  ",   \
				     __LINE__, #cond);                      \
			std::fprintf(stderr, __VA_ARGS__);                  \
			std::fputc('\n', stderr);                           \
			trace_dump();                                       \
			std::abort();                                       \
		}                                                           \
	} while (0)

/* The last ops, printed when a check fails. */
std::vector<std::string> g_trace;
bool g_verbose;

void trace(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (g_verbose)
		std::fprintf(stderr, "  %s\n", buf);
	g_trace.push_back(buf);
	if (g_trace.size() > 24)
		g_trace.erase(g_trace.begin());
}

void trace_dump()
{
	std::fprintf(stderr, "last operations:\n");
	for (auto &s : g_trace)
		std::fprintf(stderr, "  %s\n", s.c_str());
}

constexpr int RW = IOMMU_READ | IOMMU_WRITE;

struct Input {
	const uint8_t *p;
	size_t n;

	bool empty() const { return n == 0; }
	unsigned u8()
	{
		if (!n)
			return 0;
		n--;
		return *p++;
	}
	unsigned u16() { return u8() | u8() << 8; }
	u64 u64v()
	{
		u64 v = 0;
		for (int i = 0; i < 8; i++)
			v |= u64(u8()) << (8 * i);
		return v;
	}
};

/* A set of closed intervals (dirty pages). */
class Intervals {
public:
	void add(u64 s, u64 len)
	{
		erase(s, len);
		m_[s] = s + len - 1;
	}
	void erase(u64 s, u64 len)
	{
		u64 last = s + len - 1;
		auto it = m_.upper_bound(s);
		if (it != m_.begin())
			--it;
		while (it != m_.end() && it->first <= last) {
			u64 a = it->first, b = it->second;
			if (b < s) {
				++it;
				continue;
			}
			it = m_.erase(it);
			if (a < s)
				m_[a] = s - 1;
			if (b > last)
				m_[last + 1] = b;
		}
	}
	bool intersects(u64 s, u64 len) const
	{
		u64 last = s + len - 1;
		auto it = m_.upper_bound(last);
		if (it == m_.begin())
			return false;
		--it;
		return it->second >= s;
	}
	void clear() { m_.clear(); }

private:
	std::map<u64, u64> m_;
};

struct Leaf {
	u64 va, size, oa;
	bool dirty;
};

/* What the table looks like from outside, probed once per config. */
struct Shape {
	u64 g = 0, pgsizes = 0, big = 0;
	u64 ap_start = 0, ap_end = 0;
	bool sext = false, dirty = false, dyn = false;
	/*
	 * Output addresses below 2^oasz; above 2^narrow only whole leaves of
	 * the largest size (armv7s supersections with a 40-bit OA).
	 */
	unsigned oasz = 64, narrow = 64;
	u64 wide = 0;
};

spinlock_t g_top_lock;
unsigned g_top_level;
u64 g_syncs;
Tbl *g_table;

void change_top_cb(pt_iommu *, phys_addr_t top, unsigned level)
{
	FCHECK(__atomic_load_n(&g_top_lock.locked, __ATOMIC_RELAXED),
	       "change_top without the top lock");
	FCHECK(level > g_top_level, "change_top to level %u from %u", level,
	       g_top_level);
	g_top_level = level;
	/* Told before the new top is published to lockless walkers. */
	HwInfo info;
	std::memset(&info, 0, sizeof(info));
	GPT_CALL(hw_info)(g_table, &info);
	for (size_t i = 0; i + 8 <= sizeof(info); i += 4) {
		u64 w;
		std::memcpy(&w, reinterpret_cast<const char *>(&info) + i, 8);
		FCHECK(w != top && w != top >> 12,
		       "change_top(%#llx) after the new top was published",
		       (unsigned long long)top);
	}
}
spinlock_t *get_lock_cb(pt_iommu *) { return &g_top_lock; }
void sync_cb(iommu_domain *, iommu_iotlb_gather *) { g_syncs++; }

const pt_iommu_driver_ops g_dops = { change_top_cb, get_lock_cb };
const iommu_domain_ops g_ops = [] {
	iommu_domain_ops o{};
	o.iova_to_phys = &GPT_CALL(iova_to_phys);
	o.map_pages = &GPT_CALL(map_pages);
	o.unmap_pages = &GPT_CALL(unmap_pages);
	o.iotlb_sync = &sync_cb;
	return o;
}();

/* One table, its models, and the checks. */
class Session {
public:
	explicit Session(const ConfigCase &cc)
	{
		Cfg c{};
		cc.fill(c);
		c.common.features = cc.features;
		std::memset(&t_, 0, sizeof(t_));
		t_.iommu.nid = NUMA_NO_NODE;
		t_.iommu.driver_ops = &g_dops;
		spin_lock_init(&g_top_lock);
		g_top_level = 0;
		g_table = &t_;
		ok_ = GPT_CALL(init)(&t_, &c, GFP_KERNEL) == 0;
		t_.iommu.domain.ops = &g_ops;
	}
	~Session()
	{
		if (ok_)
			pt_iommu_deinit(&t_.iommu);
	}
	bool ok() const { return ok_; }
	iommu_domain *dom() { return &t_.iommu.domain; }
	pt_iommu *iommu() { return &t_.iommu; }
	u64 pgsizes() const { return t_.iommu.domain.pgsize_bitmap; }
	u64 granule() const { return pgsizes() & (~pgsizes() + 1); }

	int map(u64 iova, u64 pa, u64 pgsize, u64 count, int prot,
		size_t *mapped)
	{
		return GPT_CALL(map_pages)(dom(), iova, pa, pgsize, count,
					   prot, GFP_KERNEL, mapped);
	}
	u64 unmap(u64 iova, u64 pgsize, u64 count)
	{
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		u64 r = GPT_CALL(unmap_pages)(dom(), iova, pgsize, count, &g);
		iommu_iotlb_sync(dom(), &g);
		return r;
	}
	u64 phys(u64 iova) { return GPT_CALL(iova_to_phys)(dom(), iova); }
	int cut(u64 iova) { return iommu()->ops->cut(iommu(), iova, GFP_KERNEL); }
	int set_dirty(u64 iova) { return iommu()->ops->set_dirty(iommu(), iova); }

	std::vector<Leaf> leaves(size_t *tables = nullptr)
	{
		struct Ctx {
			std::vector<Leaf> l;
			size_t tables = 0;
		} ctx;
		iommu()->ops->for_each_entry(
			iommu(),
			[](void *p, const pt_iommu_visit *v) {
				auto *c = static_cast<Ctx *>(p);
				if (v->kind == PT_VISIT_LEAF)
					c->l.push_back({ v->va, u64(1) << v->size_lg2,
							 v->oa, v->dirty });
				if (v->kind == PT_VISIT_TABLE)
					c->tables++;
				return 0;
			},
			&ctx);
		if (tables)
			*tables = ctx.tables;
		std::sort(ctx.l.begin(), ctx.l.end(),
			  [](const Leaf &a, const Leaf &b) { return a.va < b.va; });
		return ctx.l;
	}

	RefModel model;
	Intervals dirty;

private:
	Tbl t_;
	bool ok_ = false;
};

Shape probe_shape(const ConfigCase &cc)
{
	Shape s;
	Session t(cc);
	FCHECK(t.ok(), "init of config %s failed", cc.name);
	s.g = t.granule();
	s.pgsizes = t.pgsizes();
	s.dyn = cc.features & (1u << PT_FEAT_DYNAMIC_TOP);
	pt_iommu *io = t.iommu();
	s.ap_start = io->domain.geometry.aperture_start;
	s.ap_end = io->domain.geometry.aperture_end;
	for (unsigned b = 63; b > 0 && !s.big; b--) {
		u64 sz = u64(1) << b;
		if ((s.pgsizes & sz) && sz <= 512 * s.g && sz > s.g)
			s.big = sz;
	}
	if (!s.big)
		s.big = s.g;
	size_t mapped = 0;
	if (s.ap_start == 0 && s.ap_end != ~u64(0) &&
	    t.map(~u64(0) - s.g + 1, 0, s.g, 1, RW, &mapped) == 0) {
		s.sext = true;
		FCHECK(t.unmap(~u64(0) - s.g + 1, s.g, 1) == s.g, "probe unmap");
	}
	/* The OA limits: with the smallest and with the largest leaf. */
	s.wide = u64(1) << (63 - __builtin_clzll(s.pgsizes));
	for (u64 pg : { s.g, s.wide }) {
		unsigned lim = 64;
		if (pg > s.ap_end - s.ap_start)
			continue;
		for (unsigned k = __builtin_ctzll(pg); k < 64; k++) {
			int r = t.map(s.ap_start, u64(1) << k, pg, 1, RW, &mapped);
			if (r == -ERANGE) {
				lim = k;
				break;
			}
			FCHECK(r == 0, "probe map of OA 2^%u: %d", k, r);
			t.unmap(s.ap_start, pg, 1);
		}
		if (pg == s.g)
			s.narrow = s.oasz = lim;
		else if (lim > s.oasz)
			s.oasz = lim;
	}
	iommu_dirty_bitmap d{ nullptr, nullptr };
	s.dirty = GPT_CALL(read_and_clear_dirty)(t.dom(), s.ap_start, s.g, 0,
						 &d) == 0;
	return s;
}

const Shape &shape(size_t cfg)
{
	static std::vector<std::optional<Shape>> cache;
	if (cache.empty())
		cache.resize(format_configs().size());
	if (!cache[cfg])
		cache[cfg] = probe_shape(format_configs()[cfg]);
	return *cache[cfg];
}

class Runner {
public:
	Runner(Session &t, const Shape &s, Input in, u64 base_tables)
		: t_(t), s_(s), in_(in), base_tables_(base_tables)
	{
	}

	void run()
	{
		for (unsigned n = 0; !in_.empty() && n < 256; n++) {
			unsigned op = in_.u8() % 12;
			switch (op) {
			case 0:
			case 1:
				op_map(false);
				break;
			case 2:
				op_unmap_exact();
				break;
			case 3:
				op_unmap_entries();
				break;
			case 4:
				op_cut();
				break;
			case 5:
				op_probe();
				break;
			case 6:
				op_set_dirty();
				break;
			case 7:
				op_read_dirty();
				break;
			case 8:
				op_raw_map();
				break;
			case 9:
				op_raw_unmap();
				break;
			case 10:
				op_map(true);
				break;
			default:
				op_cut_enomem();
				break;
			}
			verify();
		}
	}

private:
	/* ---- argument decoding ---- */
	u64 pick_va()
	{
		unsigned sel = in_.u8();
		u64 g = s_.g;
		switch (sel % 10) {
		case 4:
			return s_.ap_start + in_.u8() * s_.big + in_.u8() * g;
		case 5:
			return (s_.ap_start + (u64(1) << (in_.u8() % 64))) & ~(g - 1);
		case 6:
			return s_.ap_end + 1 - in_.u16() * g;
		case 7:
			return s_.sext ? ~s_.ap_end + in_.u16() * g :
					 s_.ap_start + in_.u16() * g;
		case 8:
			return in_.u64v() & ~(g - 1);
		case 9:
			return in_.u64v();
		default:
			return s_.ap_start + in_.u16() % 4096 * g;
		}
	}
	u64 pick_len()
	{
		unsigned sel = in_.u8();
		switch (sel % 8) {
		case 4:
		case 5:
			return (1 + in_.u8() % 4) * s_.big;
		case 6:
			return s_.big * 512 * (1 + in_.u8() % 2);
		case 7:
			return in_.u64v() & ~(s_.g - 1);
		default:
			return (1 + in_.u8()) * s_.g;
		}
	}
	u64 pick_pa(u64 va)
	{
		unsigned sel = in_.u8();
		u64 a = s_.big * 512;
		switch (sel % 4) {
		case 1:
			return in_.u16() * s_.g;
		case 2:
			return in_.u64v() & ~(s_.g - 1);
		default:
			/* Congruent to va: large leaves fit. */
			return (in_.u8() % 64) * a + va % a;
		}
	}
	int pick_prot()
	{
		unsigned sel = in_.u8();
		switch (sel % 8) {
		case 1:
			return IOMMU_READ;
		case 2:
			return IOMMU_WRITE;
		case 3:
			return RW | IOMMU_NOEXEC | IOMMU_CACHE;
		case 4:
			return IOMMU_READ | IOMMU_MMIO | IOMMU_PRIV;
		case 5:
			return int(in_.u16() | in_.u16() << 16);
		default:
			return RW;
		}
	}
	size_t pick_pgsize(u64 iova, u64 pa, u64 len) const
	{
		u64 align = iova | pa | len;
		u64 ok = s_.pgsizes;
		if (align)
			ok &= (align & (~align + 1)) * 2 - 1;
		if (!ok)
			return s_.g;
		return size_t(1) << (63 - __builtin_clzll(ok));
	}

	/* ---- the documented results ---- */
	bool in_aperture(u64 va, u64 last) const
	{
		if (last < va)
			return false;
		if (s_.sext)
			return (last <= s_.ap_end) || (va >= ~s_.ap_end);
		return va >= s_.ap_start && last <= s_.ap_end;
	}
	static bool pow2(u64 v) { return v && !(v & (v - 1)); }

	int spec_map(u64 iova, u64 pa, u64 pgsize, u64 count, int prot) const
	{
		if (!pow2(pgsize) || !(pgsize & s_.pgsizes) || !count)
			return -EINVAL;
		if ((iova | pa) & (pgsize - 1))
			return -EINVAL;
		if ((prot & ~IOMMU_PROT_ALL) || !(prot & RW))
			return -EINVAL;
		if (count > (~u64(0) >> __builtin_ctzll(pgsize)))
			return -EOVERFLOW;
		u64 len = pgsize * count;
		if (iova + len - 1 < iova || pa + len - 1 < pa)
			return -EOVERFLOW;
		if (s_.oasz < 64 && ((pa + len - 1) >> s_.oasz))
			return -ERANGE;
		if (s_.narrow < s_.oasz && ((pa + len - 1) >> s_.narrow)) {
			/* The part above 2^narrow must be whole wide leaves. */
			u64 high = std::max(pa, u64(1) << s_.narrow);
			if (((iova + (high - pa)) | high | (pa + len)) & (s_.wide - 1))
				return -ERANGE;
		}
		if (!in_aperture(iova, iova + len - 1))
			return -ERANGE;
		if (t_.model.overlaps(iova, len))
			return -EADDRINUSE;
		return 0;
	}
	/* Bytes of whole leaves in [iova, last]; erases them if asked. */
	u64 leaf_bytes(u64 iova, u64 last, bool erase)
	{
		u64 n = 0;
		for (auto &l : t_.leaves()) {
			if (l.va + l.size - 1 < iova || l.va > last)
				continue;
			n += l.size;
			if (erase) {
				t_.model.erase(l.va, l.size);
				t_.dirty.erase(l.va, l.size);
				readonly_.erase(l.va, l.size);
			}
		}
		return n;
	}
	bool unmap_valid(u64 iova, u64 pgsize, u64 count) const
	{
		if (!pow2(pgsize) || !count || (iova & (pgsize - 1)))
			return false;
		if (count > (~u64(0) >> __builtin_ctzll(pgsize)))
			return false;
		return in_aperture(iova, iova + pgsize * count - 1);
	}
	/* Affordable to execute: at most ~4096 leaves written. */
	bool cheap(u64 iova, u64 pa, u64 len) const
	{
		u64 align = iova | pa | len | (u64(1) << 63);
		unsigned lg2 = __builtin_ctzll(align);
		unsigned max_lg2 = 63 - __builtin_clzll(s_.pgsizes);
		return (len >> std::min(lg2, max_lg2)) <= 4096;
	}

	/* ---- operations ---- */
	void do_map(u64 iova, u64 pa, u64 pgsize, u64 count, int prot,
		    bool enomem_ok)
	{
		int want = spec_map(iova, pa, pgsize, count, prot);
		if ((want == 0 || want == -EADDRINUSE) &&
		    !cheap(iova, pa, pgsize * count))
			return;
		size_t mapped = 0;
		trace("map iova=%#llx pa=%#llx pgsize=%#llx count=%#llx prot=%#x",
		      (unsigned long long)iova, (unsigned long long)pa,
		      (unsigned long long)pgsize, (unsigned long long)count, prot);
		int r = t_.map(iova, pa, pgsize, count, prot, &mapped);
		/* An allocation may fail before a conflict is found. */
		if (enomem_ok && (want == 0 || want == -EADDRINUSE) &&
		    r == -ENOMEM)
			want = -ENOMEM;
		FCHECK(r == want, "map returned %d, documented %d", r, want);
		FCHECK(mapped == (r ? 0 : pgsize * count), "mapped %zu", mapped);
		if (r == 0) {
			t_.model.insert(iova, pgsize * count, pa);
			if (!(prot & IOMMU_WRITE))
				readonly_.add(iova, pgsize * count);
		}
	}

	void op_map(bool inject)
	{
		u64 iova = pick_va() & ~(s_.g - 1);
		u64 len = pick_len();
		u64 pa = pick_pa(iova);
		int prot = pick_prot();
		size_t pg = pick_pgsize(iova, pa, len);
		if (inject) {
			long n = long(in_.u8() % 8);
			trace("allocation %ld from now fails", n + 1);
			genericpt_fail_alloc_after(n);
		}
		do_map(iova, pa, pg, len / pg, prot, inject);
		genericpt_fail_alloc_after(-1);
	}

	void op_raw_map()
	{
		u64 iova = pick_va();
		u64 pa = pick_pa(iova);
		unsigned sel = in_.u8();
		u64 pgsize = sel & 0x80 ? in_.u64v() : u64(1) << (sel % 64);
		u64 count = sel & 0x40 ? in_.u64v() : in_.u16();
		do_map(iova, pa, pgsize, count, pick_prot(), false);
	}

	void op_unmap_exact()
	{
		u64 iova = pick_va() & ~(s_.g - 1);
		u64 len = pick_len();
		if (!len)
			return;
		size_t pg = pick_pgsize(iova, 0, len);
		if (!unmap_valid(iova, pg, len / pg)) {
			do_raw_unmap(iova, pg, len / pg);
			return;
		}
		u64 end0 = iova + len;
		/* A leaf that cannot be split (armv7s high supersection). */
		if (spec_cut(iova) ||
		    (end0 && in_aperture(end0, end0) && spec_cut(end0)))
			return;
		trace("unmap exact iova=%#llx len=%#llx", (unsigned long long)iova,
		      (unsigned long long)len);
		FCHECK(t_.cut(iova) == 0, "cut at the start");
		u64 end = iova + len;
		if (end && in_aperture(end, end))
			FCHECK(t_.cut(end) == 0, "cut at the end");
		u64 want = t_.model.erase(iova, len);
		t_.dirty.erase(iova, len);
		readonly_.erase(iova, len);
		u64 r = t_.unmap(iova, pg, len / pg);
		FCHECK(r == want, "unmap returned %#llx, model %#llx",
		       (unsigned long long)r, (unsigned long long)want);
	}

	void do_raw_unmap(u64 iova, u64 pgsize, u64 count)
	{
		u64 want = 0;
		if (unmap_valid(iova, pgsize, count))
			want = leaf_bytes(iova, iova + pgsize * count - 1, true);
		trace("unmap iova=%#llx pgsize=%#llx count=%#llx",
		      (unsigned long long)iova, (unsigned long long)pgsize,
		      (unsigned long long)count);
		u64 r = t_.unmap(iova, pgsize, count);
		FCHECK(r == want, "unmap returned %#llx, documented %#llx",
		       (unsigned long long)r, (unsigned long long)want);
	}

	void op_unmap_entries()
	{
		u64 iova = pick_va() & ~(s_.g - 1);
		u64 len = pick_len();
		if (!len)
			return;
		size_t pg = pick_pgsize(iova, 0, len);
		do_raw_unmap(iova, pg, len / pg);
	}

	void op_raw_unmap()
	{
		u64 iova = pick_va();
		unsigned sel = in_.u8();
		u64 pgsize = sel & 0x80 ? in_.u64v() : u64(1) << (sel % 64);
		u64 count = sel & 0x40 ? in_.u64v() : in_.u16();
		do_raw_unmap(iova, pgsize, count);
	}

	int spec_cut(u64 iova)
	{
		if (!in_aperture(iova, iova))
			return -ERANGE;
		if (iova & (s_.g - 1))
			return -EINVAL;
		/* Smaller leaves cannot hold an OA above 2^narrow. */
		if (s_.narrow < s_.oasz)
			for (auto &l : t_.leaves())
				if (iova > l.va && iova - l.va < l.size &&
				    ((l.oa + l.size - 1) >> s_.narrow))
					return -ERANGE;
		return 0;
	}

	void op_cut()
	{
		u64 iova = pick_va();
		if (in_.u8() % 2 && !t_.model.empty()) {
			/* Inside a mapping, so there is something to split. */
			auto it = t_.model.segs().begin();
			std::advance(it, in_.u8() % t_.model.size());
			iova = it->first + (in_.u16() % (it->second.len / s_.g)) * s_.g;
		}
		trace("cut %#llx", (unsigned long long)iova);
		int r = t_.cut(iova);
		int want = spec_cut(iova);
		FCHECK(r == want, "cut returned %d, documented %d", r, want);
		if (r == 0)
			for (auto &l : t_.leaves())
				FCHECK(l.va >= iova || l.va + l.size <= iova,
				       "leaf %#llx+%#llx crosses the cut",
				       (unsigned long long)l.va,
				       (unsigned long long)l.size);
	}

	void op_cut_enomem()
	{
		if (t_.model.empty())
			return;
		auto it = t_.model.segs().begin();
		std::advance(it, in_.u8() % t_.model.size());
		u64 iova = it->first + (in_.u16() % (it->second.len / s_.g)) * s_.g;
		auto before = t_.leaves();
		int want = spec_cut(iova);
		genericpt_fail_alloc_after(long(in_.u8() % 4));
		trace("cut with failing allocation %#llx", (unsigned long long)iova);
		int r = t_.cut(iova);
		genericpt_fail_alloc_after(-1);
		if (want)
			FCHECK(r == want, "cut returned %d, documented %d", r, want);
		else
			FCHECK(r == 0 || r == -ENOMEM, "cut returned %d", r);
		if (r == -ENOMEM) {
			auto after = t_.leaves();
			FCHECK(after.size() == before.size(),
			       "a failed cut changed the leaves");
			for (size_t i = 0; i < after.size(); i++)
				FCHECK(after[i].va == before[i].va &&
					       after[i].size == before[i].size &&
					       after[i].oa == before[i].oa,
				       "a failed cut changed leaf %zu", i);
		}
	}

	void op_probe()
	{
		u64 iova = pick_va();
		auto m = t_.model.lookup(iova);
		u64 r = t_.phys(iova);
		FCHECK(r == (m ? *m : 0), "iova_to_phys(%#llx) = %#llx, model %#llx",
		       (unsigned long long)iova, (unsigned long long)r,
		       (unsigned long long)(m ? *m : 0));
	}

	void op_set_dirty()
	{
		u64 iova = pick_va();
		if (in_.u8() % 2 && !t_.model.empty()) {
			auto it = t_.model.segs().begin();
			std::advance(it, in_.u8() % t_.model.size());
			iova = it->first + in_.u16() * u64(8) % it->second.len;
		}
		int want;
		if (!s_.dirty)
			want = -EOPNOTSUPP;
		else if (!in_aperture(iova, iova))
			want = -ERANGE;
		else
			want = t_.model.lookup(iova) ? 0 : -ENOENT;
		trace("set_dirty %#llx", (unsigned long long)iova);
		int r = t_.set_dirty(iova);
		FCHECK(r == want, "set_dirty returned %d, documented %d", r, want);
		/*
		 * armv8 with DBM: the dirty state of a leaf is its writable state,
		 * so a leaf mapped without IOMMU_WRITE stays clean (0 returned).
		 */
		bool can_dirty = !kArmv8 || !readonly_.intersects(iova, 1);
		if (r == 0 && can_dirty)
			for (auto &l : t_.leaves())
				if (iova >= l.va && iova - l.va < l.size)
					t_.dirty.add(l.va, l.size);
	}

	void op_read_dirty()
	{
		u64 iova = pick_va();
		u64 len = pick_len();
		unsigned sel = in_.u8();
		unsigned long flags = sel % 4 == 1 ? IOMMU_DIRTY_NO_CLEAR :
				      sel % 4 == 2 ? in_.u8() : 0;
		int want;
		if (!s_.dirty)
			want = -EOPNOTSUPP;
		else if (!len || (flags & ~(unsigned long)IOMMU_DIRTY_NO_CLEAR))
			want = -EINVAL;
		else if (iova + len - 1 < iova)
			want = -EOVERFLOW;
		else if (!in_aperture(iova, iova + len - 1))
			want = -ERANGE;
		else
			want = 0;
		/* A bitmap of at most 64K pages from iova. */
		unsigned shift = __builtin_ctzll(s_.g);
		u64 window = std::min<u64>(len, u64(1) << (16 + shift));
		std::vector<unsigned long> bits((window >> shift) / 64 + 2, 0);
		iova_bitmap bm{ iova, window, shift, bits.data() };
		iommu_dirty_bitmap d{ &bm, nullptr };
		std::vector<unsigned long> expect(bits.size(), 0);
		std::vector<Leaf> reported;
		if (want == 0) {
			for (auto &l : t_.leaves()) {
				if (l.va + l.size - 1 < iova || l.va > iova + len - 1 ||
				    !t_.dirty.intersects(l.va, l.size))
					continue;
				reported.push_back(l);
				iova_bitmap ebm{ iova, window, shift, expect.data() };
				iova_bitmap_set(&ebm, l.va, l.size);
			}
		}
		trace("read_and_clear_dirty %#llx+%#llx flags %#lx",
		      (unsigned long long)iova, (unsigned long long)len, flags);
		int r = GPT_CALL(read_and_clear_dirty)(t_.dom(), iova, len, flags, &d);
		FCHECK(r == want, "read_and_clear_dirty returned %d, documented %d",
		       r, want);
		FCHECK(bits == expect, "dirty bitmap differs from the model");
		if (r == 0 && !(flags & IOMMU_DIRTY_NO_CLEAR))
			for (auto &l : reported)
				t_.dirty.erase(l.va, l.size);
	}

	/* ---- after every op ---- */
	void verify()
	{
		size_t tables = 0;
		auto leaves = t_.leaves(&tables);
		auto got = RefModel::runs_of(leaves);
		auto want = t_.model.runs();
		if (got != want) {
			size_t i = 0;
			while (i < got.size() && i < want.size() && got[i] == want[i])
				i++;
			FCHECK(got == want,
			       "table and model differ at run %zu: table %#llx+%#llx->%#llx, model %#llx+%#llx->%#llx",
			       i,
			       (unsigned long long)(i < got.size() ? std::get<0>(got[i]) : 0),
			       (unsigned long long)(i < got.size() ? std::get<1>(got[i]) : 0),
			       (unsigned long long)(i < got.size() ? std::get<2>(got[i]) : 0),
			       (unsigned long long)(i < want.size() ? std::get<0>(want[i]) : 0),
			       (unsigned long long)(i < want.size() ? std::get<1>(want[i]) : 0),
			       (unsigned long long)(i < want.size() ? std::get<2>(want[i]) : 0));
		}
		if (s_.dirty)
			for (auto &l : leaves)
				FCHECK(l.dirty == t_.dirty.intersects(l.va, l.size),
				       "leaf %#llx dirty=%d, model says %d",
				       (unsigned long long)l.va, l.dirty,
				       t_.dirty.intersects(l.va, l.size));
		unsigned n = 0;
		for (auto &[va, seg] : t_.model.segs()) {
			if (n++ == 8)
				break;
			FCHECK(t_.phys(va) == seg.pa && t_.phys(va + seg.len - 1) ==
								seg.pa + seg.len - 1,
			       "iova_to_phys at the ends of %#llx", (unsigned long long)va);
		}
		FCHECK(live_tables() - base_tables_ == tables,
		       "%llu tables allocated, %zu reachable",
		       (unsigned long long)(live_tables() - base_tables_), tables);
		FCHECK(genericpt_warn_count() == 0, "a WARN_ON fired");
	}

	static u64 live_tables()
	{
		genericpt_alloc_stats st;
		genericpt_get_alloc_stats(&st);
		return st.live_tables;
	}

	Session &t_;
	const Shape &s_;
	/* Mapped without IOMMU_WRITE (for the armv8 DBM dirty rule). */
	Intervals readonly_;
	static constexpr bool kArmv8 = std::string_view(GPT_FMT_NAME).starts_with("armv8");
	Input in_;
	u64 base_tables_;
};

size_t num_configs() { return format_configs().size(); }

void run(size_t cfg, const uint8_t *data, size_t size)
{
	static bool init = [] {
		g_verbose = std::getenv("GPT_FUZZ_VERBOSE") != nullptr;
		return true;
	}();
	(void)init;
	static const std::vector<ConfigCase> cfgs = format_configs();
	const ConfigCase &cc = cfgs[cfg];
	const Shape &s = shape(cfg);
	g_trace.clear();
	trace("format " GPT_FMT_NAME " config %s", cc.name);
	genericpt_alloc_stats st;
	genericpt_get_alloc_stats(&st);
	u64 base = st.live_tables;
	{
		Session t(cc);
		FCHECK(t.ok(), "init failed");
		Runner r(t, s, Input{ data, size }, base);
		r.run();
	}
	genericpt_get_alloc_stats(&st);
	FCHECK(st.live_tables == base, "deinit left %llu tables",
	       (unsigned long long)(st.live_tables - base));
}

const FuzzFormat g_format = { GPT_FMT_NAME, num_configs, run };
const int g_registered = (gpt_fuzz_register(&g_format), 0);

} // namespace
