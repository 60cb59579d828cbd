// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The bad-input matrix (compiled once per format): one table of rows, each
 * an invalid (or borderline) call of one operation with its documented
 * result (docs/api.md, "Errors"). Every row runs against a populated table of
 * every configuration of the format and must
 *   - return exactly the documented errno / value,
 *   - leave every byte of every table unchanged (snapshot of all table
 *     memory), allocate and free nothing, call no IOTLB sync,
 *   - keep every existing translation, and fire no WARN_ON.
 * Rows that cannot be expressed for a table (no second page size, no
 * address above the aperture, 32-bit unsigned long, ...) are skipped; each
 * test asserts that a minimum number of rows ran.
 *
 * Rows marked "valid" are calls the API allows that look suspicious (NULL
 * out-pointers, a non-destructive dirty read): they succeed, and the row
 * itself restores the table, so the same checks apply.
 */
#include "gpt_harness.h"
#include "gpt_model.h"
#include "gpt_geometry.h"

#include <climits>

/* Listed features the cfg header's base_config() cannot take alone. */
#ifndef GPT_NOT_ON_BASE
#define GPT_NOT_ON_BASE 0u
#endif
#include <cstdio>
#include <cstdlib>

namespace gpt {
/*
 * Optional hook of tests/cfg/FMT.h: configurations init must reject with
 * -EINVAL (bad levels, impossible combinations). A format's own
 * non-template format_bad_configs() is preferred over this fallback.
 */
template <int = 0>
inline std::vector<ConfigCase> format_bad_configs()
{
	return {};
}
} // namespace gpt

using namespace gpt;

namespace {

constexpr int RW = IOMMU_READ | IOMMU_WRITE;
/* Returned by a row whose side check (bitmap, translation) failed. */
constexpr long long SIDE_CHECK_FAILED = -100000;

enum class Op { map_pages, unmap_pages, iova_to_phys, read_and_clear_dirty,
		set_dirty, cut };

/* A populated table and the addresses the rows aim at. */
struct Fixture {
	const ConfigCase &cc;
	Geometry geo;
	Table t;
	RefModel model;
	u64 g = 0;
	u64 big = 0;     /* a page size above the granule (0: none fits) */
	u64 M = 0;       /* 4 mapped granule pages */
	u64 B = 0;       /* one mapped page of size big */
	u64 F = 0;       /* free, big-aligned, 4 * big bytes */
	u64 U = 0;       /* sign-extended: 2 mapped pages in the upper half */
	u64 top_end = 0; /* dynamic top: first VA above the current top (0: none) */
	unsigned oasz = 64;
	bool dirty = false;
	size_t last_mapped = 0;

	explicit Fixture(const ConfigCase &c) : cc(c), geo(probe(c)), t(c)
	{
		REQUIRE(t.init_ret == 0);
		g = geo.g;
		auto fits = [&](u64 size) {
			u64 need = 24 * size;
			return window_at(geo, geo.ap_start, need) >= need;
		};
		u64 it1 = geo.item(1);
		if (it1 && (t.pgsizes() & it1) && fits(it1))
			big = it1;
		for (unsigned b = 0; !big && b < 64; b++) {
			u64 s = u64(1) << b;
			if (s > g && (t.pgsizes() & s) && fits(s))
				big = s;
		}
		u64 unit = big ? big : 64 * g;
		M = geo.ap_start + 16 * g;
		B = geo.ap_start + 4 * unit;
		F = geo.ap_start + 16 * unit;
		add(M, 4 * g, 0x100 * g);
		if (big)
			add(B, big, 8 * big);
		if (geo.sext) {
			U = ~u64(0) - 16 * g + 1;
			add(U, 2 * g, 0x200 * g);
		}
		dirty = has_dirty();
		if (dirty) {
			REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), M + g) == 0);
			if (big)
				REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), B + g) == 0);
		}
		/* Dynamic top: where the current top ends. */
		unsigned span = 0;
		t.iommu()->ops->for_each_entry(
			t.iommu(),
			[](void *ctx, const pt_iommu_visit *v) {
				*static_cast<unsigned *>(ctx) = v->size_lg2;
				return 1;
			},
			&span);
		if ((cc.features & (1u << PT_FEAT_DYNAMIC_TOP)) && span < 64 &&
		    (u64(1) << span) <= geo.ap_end && fits_ul(u64(1) << span))
			top_end = u64(1) << span;
		probe_oasz();
		t.syncs.clear();
	}

	void add(u64 va, u64 len, u64 pa)
	{
		REQUIRE(t.map(va, pa, len) == 0);
		model.insert(va, len, pa);
	}

	bool has_dirty()
	{
		iommu_dirty_bitmap d{ nullptr, nullptr };
		return GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)M,
						      (size_t)g,
						      IOMMU_DIRTY_NO_CLEAR,
						      &d) == 0;
	}

	/* Smallest k with an OA of 2^k refused (on a scratch table). */
	void probe_oasz()
	{
		Table s(cc);
		REQUIRE(s.init_ret == 0);
		for (unsigned k = __builtin_ctzll(g) + 1; k < 64; k++) {
			size_t mapped = 0;
			int r = GPT_CALL(map_pages)(s.dom(), (unsigned long)F,
						    u64(1) << k, (size_t)g, 1,
						    RW, GFP_KERNEL, &mapped);
			if (r == -ERANGE) {
				oasz = k;
				break;
			}
			REQUIRE(r == 0);
			REQUIRE(s.unmap(F, g) == g);
		}
	}

	static bool fits_ul(u64 v)
	{
		return sizeof(unsigned long) == 8 || v <= ULONG_MAX;
	}

	/* The first address of the upper half (sign-extended tables). */
	u64 upper_start() const { return ~geo.ap_end; }
	bool above_aperture() const
	{
		return geo.ap_end != ~u64(0) && fits_ul(geo.ap_end + 1);
	}
	/* iova_to_phys, set_dirty and cut take a 64-bit dma_addr_t. */
	bool above_aperture64() const { return geo.ap_end != ~u64(0); }

	int map(u64 iova, u64 pa, u64 pgsize, u64 count, int prot = RW,
		bool null_mapped = false)
	{
		last_mapped = 0;
		return GPT_CALL(map_pages)(t.dom(), (unsigned long)iova, pa,
					   (size_t)pgsize, (size_t)count, prot,
					   GFP_KERNEL,
					   null_mapped ? nullptr : &last_mapped);
	}
	long long unmap(u64 iova, u64 pgsize, u64 count,
			iommu_iotlb_gather *gather)
	{
		return (long long)GPT_CALL(unmap_pages)(t.dom(),
							(unsigned long)iova,
							(size_t)pgsize,
							(size_t)count, gather);
	}
	long long unmap(u64 iova, u64 pgsize, u64 count)
	{
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		long long r = unmap(iova, pgsize, count, &g);
		iommu_iotlb_sync(t.dom(), &g);
		return r;
	}
	/* read_and_clear_dirty into a bitmap of [iova, iova + size). */
	int dirty_read(u64 iova, u64 size, unsigned long flags,
		       std::vector<unsigned long> *bits = nullptr)
	{
		unsigned shift = __builtin_ctzll(g);
		std::vector<unsigned long> local;
		auto &b = bits ? *bits : local;
		u64 n = std::min<u64>(size >> shift, 1 << 20);
		b.assign(n / (8 * sizeof(long)) + 1, 0);
		iova_bitmap bm{ (unsigned long)iova, (unsigned long)std::min<u64>(size, n << shift),
				shift, b.data() };
		iommu_dirty_bitmap d{ &bm, nullptr };
		return GPT_CALL(read_and_clear_dirty)(t.dom(),
						      (unsigned long)iova,
						      (size_t)size, flags, &d);
	}
	bool bitmap_empty(const std::vector<unsigned long> &b)
	{
		for (auto w : b)
			if (w)
				return false;
		return true;
	}
	long long cut(u64 iova)
	{
		return t.iommu()->ops->cut(t.iommu(), iova, GFP_KERNEL);
	}
	long long set_dirty(u64 iova)
	{
		return t.iommu()->ops->set_dirty(t.iommu(), iova);
	}
	long long phys(u64 iova) { return (long long)t.phys(iova); }
};

using Result = std::optional<long long>;
constexpr std::nullopt_t SKIP = std::nullopt;

struct Row {
	Op op;
	const char *name;
	long long expect;
	std::function<Result(Fixture &)> run;
	/* The documented result for formats without dirty tracking. */
	bool dirty_op = false;
};

#define ROW(op, name, expect, ...) \
	Row { Op::op, name, expect, [](Fixture &f) -> Result { __VA_ARGS__ } }
#define DIRTY_ROW(name, expect, ...)                                    \
	Row { Op::read_and_clear_dirty, name, expect,                   \
	      [](Fixture &f) -> Result { __VA_ARGS__ }, true }
#define SET_DIRTY_ROW(name, expect, ...)                         \
	Row { Op::set_dirty, name, expect,                       \
	      [](Fixture &f) -> Result { __VA_ARGS__ }, true }
#define LP64 (sizeof(unsigned long) == 8 && sizeof(size_t) == 8)

const std::vector<Row> &rows()
{
	static const std::vector<Row> r = {
		/* ---- map_pages ---- */
		ROW(map_pages, "iova not aligned to the granule", -EINVAL,
		    return f.map(f.F + f.g / 2, 0, f.g, 1);),
		ROW(map_pages, "iova aligned to the granule, not to pgsize", -EINVAL,
		    if (!f.big) return SKIP;
		    return f.map(f.F + f.g, 0, f.big, 1);),
		ROW(map_pages, "paddr not aligned to the granule", -EINVAL,
		    return f.map(f.F, f.g / 2, f.g, 1);),
		ROW(map_pages, "paddr aligned to the granule, not to pgsize", -EINVAL,
		    if (!f.big) return SKIP;
		    return f.map(f.F, f.g, f.big, 1);),
		ROW(map_pages, "zero pgcount (zero length)", -EINVAL,
		    return f.map(f.F, 0, f.g, 0);),
		ROW(map_pages, "zero pgsize", -EINVAL,
		    return f.map(f.F, 0, 0, 1);),
		ROW(map_pages, "pgsize not a power of two", -EINVAL,
		    return f.map(f.F, 0, 3 * f.g, 1);),
		ROW(map_pages, "pgsize below the granule", -EINVAL,
		    return f.map(f.F, 0, f.g / 2, 2);),
		ROW(map_pages, "pgsize a power of two not in pgsize_bitmap", -EINVAL,
		    for (unsigned b = __builtin_ctzll(f.g) + 1; b < 8 * sizeof(size_t); b++) {
			    u64 s = u64(1) << b;
			    if (!(f.t.pgsizes() & s))
				    return f.map(f.F - f.F % s, 0, s, 1);
		    }
		    return SKIP;),
		ROW(map_pages, "pgsize 2^63 / 2^31 (above every page size)", -EINVAL,
		    u64 s = u64(1) << (8 * sizeof(size_t) - 1);
		    if (f.t.pgsizes() & s) return SKIP;
		    return f.map(0, 0, s, 1);),
		ROW(map_pages, "prot 0 (no access)", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, 0);),
		ROW(map_pages, "prot IOMMU_NOEXEC only", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, IOMMU_NOEXEC);),
		ROW(map_pages, "prot CACHE|MMIO|PRIV without READ/WRITE", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, IOMMU_CACHE | IOMMU_MMIO | IOMMU_PRIV);),
		ROW(map_pages, "prot with unknown bit 6", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, RW | (1 << 6));),
		ROW(map_pages, "prot with unknown bit 30", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, RW | (1 << 30));),
		ROW(map_pages, "prot -1 (every bit)", -EINVAL,
		    return f.map(f.F, 0, f.g, 1, -1);),
		ROW(map_pages, "pgcount overflows the 64-bit length", -EOVERFLOW,
		    if (!LP64) return SKIP;
		    return f.map(f.F, 0, f.g, (~u64(0) / f.g) + 1);),
		ROW(map_pages, "pgcount SIZE_MAX", -EOVERFLOW,
		    return f.map(f.F, 0, f.g, SIZE_MAX);),
		ROW(map_pages, "iova + size wraps past 2^64", -EOVERFLOW,
		    if (!LP64) return SKIP;
		    return f.map(~u64(0) - f.g + 1, 0, f.g, 2);),
		ROW(map_pages, "32-bit host: range ends above ULONG_MAX", -EOVERFLOW,
		    if (sizeof(unsigned long) == 8) return SKIP;
		    return f.map(u64(ULONG_MAX) - f.g + 1, 0, f.g, 2);),
		ROW(map_pages, "paddr + size wraps past 2^64", -EOVERFLOW,
		    return f.map(f.F, ~u64(0) - f.g + 1, f.g, 2);),
		ROW(map_pages, "iova above the aperture", -ERANGE,
		    if (!f.above_aperture()) return SKIP;
		    return f.map(f.geo.ap_end + 1, 0, f.g, 1);),
		ROW(map_pages, "range crosses the aperture end", -ERANGE,
		    if (!f.above_aperture()) return SKIP;
		    return f.map(f.geo.ap_end + 1 - f.g, 0, f.g, 2);),
		ROW(map_pages, "iova below the aperture start", -ERANGE,
		    if (!f.geo.ap_start) return SKIP;
		    return f.map(f.geo.ap_start - f.g, 0, f.g, 1);),
		ROW(map_pages, "range crosses the aperture start", -ERANGE,
		    if (!f.geo.ap_start) return SKIP;
		    return f.map(f.geo.ap_start - f.g, 0, f.g, 2);),
		ROW(map_pages, "sign-extended: last page below the upper half", -ERANGE,
		    if (!f.geo.sext) return SKIP;
		    return f.map(f.upper_start() - f.g, 0, f.g, 1);),
		ROW(map_pages, "sign-extended: range from the hole into the upper half", -ERANGE,
		    if (!f.geo.sext) return SKIP;
		    return f.map(f.upper_start() - f.g, 0, f.g, 2);),
		ROW(map_pages, "sign-extended: middle of the hole", -ERANGE,
		    if (!f.geo.sext) return SKIP;
		    return f.map(u64(1) << 63, 0, f.g, 1);),
		ROW(map_pages, "OA at 2^max_oasz", -ERANGE,
		    if (f.oasz >= 64) return SKIP;
		    return f.map(f.F, u64(1) << f.oasz, f.g, 1);),
		ROW(map_pages, "OA range crosses 2^max_oasz", -ERANGE,
		    if (f.oasz >= 64) return SKIP;
		    return f.map(f.F, (u64(1) << f.oasz) - f.g, f.g, 2);),
		ROW(map_pages, "OA above cfg.hw_max_oasz_lg2 = 32 (own table)", -ERANGE,
		    Cfg c{};
		    f.cc.fill(c);
		    c.common.features = f.cc.features;
		    c.common.hw_max_oasz_lg2 = 32;
		    Table t2(c);
		    if (t2.init_ret) return SIDE_CHECK_FAILED;
		    size_t mapped = 0;
		    int last_ok = GPT_CALL(map_pages)(t2.dom(), (unsigned long)f.F,
						      (u64(1) << 32) - f.g, (size_t)f.g, 1,
						      RW, GFP_KERNEL, &mapped);
		    if (last_ok) return SIDE_CHECK_FAILED;
		    return GPT_CALL(map_pages)(t2.dom(), (unsigned long)(f.F + f.g),
					       u64(1) << 32, (size_t)f.g, 1, RW,
					       GFP_KERNEL, &mapped);),
		ROW(map_pages, "over a mapped page (first)", -EADDRINUSE,
		    return f.map(f.M, 0, f.g, 1);),
		ROW(map_pages, "range ending in a mapped page", -EADDRINUSE,
		    return f.map(f.M - 2 * f.g, 0, f.g, 3);),
		ROW(map_pages, "range starting in a mapped page", -EADDRINUSE,
		    return f.map(f.M + 3 * f.g, 0, f.g, 3);),
		ROW(map_pages, "range around the mapped pages", -EADDRINUSE,
		    return f.map(f.M - f.g, 0, f.g, 6);),
		ROW(map_pages, "inside a large page", -EADDRINUSE,
		    if (!f.big) return SKIP;
		    return f.map(f.B + f.big / 2, 0, f.g, 1);),
		ROW(map_pages, "large page over a table holding a leaf", -EADDRINUSE,
		    if (!f.big || f.M % f.big + 4 * f.g > f.big) return SKIP;
		    return f.map(f.M - f.M % f.big, 0, f.big, 1);),
		ROW(map_pages, "sign-extended: over the upper-half pages", -EADDRINUSE,
		    if (!f.geo.sext) return SKIP;
		    return f.map(f.U, 0, f.g, 1);),
		ROW(map_pages, "valid: mapped == NULL is allowed", 0,
		    /* A page in a level-0 table that exists: nothing allocated. */
		    u64 va = f.M + 4 * f.g;
		    int r = f.map(va, 0x40 * f.g, f.g, 1, RW, true);
		    if (r == 0 && f.phys(va + 1) != (long long)(0x40 * f.g + 1))
			    return SIDE_CHECK_FAILED;
		    if (r == 0 && f.unmap(va, f.g, 1) != (long long)f.g)
			    return SIDE_CHECK_FAILED;
		    f.t.syncs.clear();
		    return r;),

		/* ---- unmap_pages: every bad input unmaps nothing (0) ---- */
		ROW(unmap_pages, "zero pgsize", 0, return f.unmap(f.M, 0, 1);),
		ROW(unmap_pages, "pgsize not a power of two", 0,
		    return f.unmap(f.M, 3 * f.g, 1);),
		ROW(unmap_pages, "zero pgcount", 0, return f.unmap(f.M, f.g, 0);),
		ROW(unmap_pages, "iova not aligned to pgsize", 0,
		    return f.unmap(f.M + f.g / 2, f.g, 2);),
		ROW(unmap_pages, "iova not aligned to a large pgsize", 0,
		    if (!f.big) return SKIP;
		    return f.unmap(f.B + f.g, f.big, 1);),
		ROW(unmap_pages, "pgcount overflows the 64-bit length", 0,
		    if (!LP64) return SKIP;
		    return f.unmap(f.M, f.g, (~u64(0) / f.g) + 1);),
		ROW(unmap_pages, "pgcount SIZE_MAX", 0,
		    return f.unmap(f.M, f.g, SIZE_MAX);),
		ROW(unmap_pages, "iova + size wraps past 2^64 (from mapped pages)", 0,
		    if (!LP64) return SKIP;
		    return f.unmap(f.M, f.g, (~f.M + 1) / f.g + 1);),
		ROW(unmap_pages, "32-bit host: range from mapped pages past ULONG_MAX", 0,
		    if (sizeof(unsigned long) == 8) return SKIP;
		    return f.unmap(f.M, f.g, (u64(ULONG_MAX) - f.M) / f.g + 2);),
		ROW(unmap_pages, "iova above the aperture", 0,
		    if (!f.above_aperture()) return SKIP;
		    return f.unmap(f.geo.ap_end + 1, f.g, 1);),
		ROW(unmap_pages, "range from mapped pages past the aperture end", 0,
		    if (!f.above_aperture() || !LP64) return SKIP;
		    return f.unmap(f.M, f.g, (f.geo.ap_end - f.M) / f.g + 2);),
		ROW(unmap_pages, "iova below the aperture start", 0,
		    if (!f.geo.ap_start) return SKIP;
		    return f.unmap(f.geo.ap_start - f.g, f.g, 1);),
		ROW(unmap_pages, "range from below the aperture onto mapped pages", 0,
		    if (!f.geo.ap_start) return SKIP;
		    return f.unmap(f.geo.ap_start - f.g, f.g, (f.M - f.geo.ap_start) / f.g + 3);),
		ROW(unmap_pages, "sign-extended: the hole", 0,
		    if (!f.geo.sext) return SKIP;
		    return f.unmap(u64(1) << 63, f.g, 1);),
		ROW(unmap_pages, "sign-extended: range from the hole onto upper pages", 0,
		    if (!f.geo.sext) return SKIP;
		    return f.unmap(f.upper_start() - f.g, f.g, (f.U - f.upper_start()) / f.g + 2);),
		ROW(unmap_pages, "unmapped space", 0, return f.unmap(f.F, f.g, 4);),
		ROW(unmap_pages, "unmapped space between mapped ranges", 0,
		    return f.unmap(f.M + 4 * f.g, f.g, 8);),
		ROW(unmap_pages, "above the current top (dynamic top)", 0,
		    if (!f.top_end) return SKIP;
		    return f.unmap(f.top_end, f.g, 4);),
		ROW(unmap_pages, "valid: gather == NULL unmaps and syncs itself", 0,
		    /* A page of its own next to M (no new table), unmapped
		     * without a gather: returns 0 if that worked. */
		    u64 va = f.M + 4 * f.g;
		    if (f.map(va, 0x40 * f.g, f.g, 1) != 0)
			    return SIDE_CHECK_FAILED;
		    f.last_mapped = 0;
		    f.t.syncs.clear();
		    long long r = f.unmap(va, f.g, 1, nullptr);
		    bool synced = f.t.syncs.size() == 1;
		    f.t.syncs.clear();
		    if (r != (long long)f.g || !synced || f.phys(va))
			    return SIDE_CHECK_FAILED;
		    return 0;),

		/* ---- iova_to_phys: 0 for anything not mapped ---- */
		ROW(iova_to_phys, "above the aperture", 0,
		    if (!f.above_aperture64()) return SKIP;
		    return f.phys(f.geo.ap_end + 1);),
		ROW(iova_to_phys, "last byte of the 64-bit address space (unmapped)", 0,
		    return f.phys(~u64(0));),
		ROW(iova_to_phys, "below the aperture start", 0,
		    if (!f.geo.ap_start) return SKIP;
		    return f.phys(f.geo.ap_start - 1);),
		ROW(iova_to_phys, "sign-extended: first address of the hole", 0,
		    if (!f.geo.sext) return SKIP;
		    return f.phys(f.geo.ap_end + 1);),
		ROW(iova_to_phys, "sign-extended: last address of the hole", 0,
		    if (!f.geo.sext) return SKIP;
		    return f.phys(f.upper_start() - 1);),
		ROW(iova_to_phys, "sign-extended: upper page with the sign bits cleared", 0,
		    /* Same low bits as a mapped upper page, not canonical. */
		    if (!f.geo.sext) return SKIP;
		    return f.phys(f.U & f.geo.ap_end);),
		ROW(iova_to_phys, "unmapped hole between mappings", 0,
		    return f.phys(f.M + 4 * f.g);),
		ROW(iova_to_phys, "above the current top (dynamic top)", 0,
		    if (!f.top_end) return SKIP;
		    return f.phys(f.top_end + f.M);),

		/* ---- read_and_clear_dirty ---- */
		DIRTY_ROW("zero size", -EINVAL, return f.dirty_read(f.M, 0, 0);),
		DIRTY_ROW("dirty == NULL", -EINVAL,
			  return GPT_CALL(read_and_clear_dirty)(f.t.dom(), (unsigned long)f.M,
								(size_t)f.g, 0, nullptr);),
		DIRTY_ROW("unknown flag bit 1", -EINVAL,
			  return f.dirty_read(f.M, 4 * f.g, 1ul << 1);),
		DIRTY_ROW("flags ~0", -EINVAL, return f.dirty_read(f.M, 4 * f.g, ~0ul);),
		DIRTY_ROW("iova + size wraps past 2^64", -EOVERFLOW,
			  if (!LP64) return SKIP;
			  return f.dirty_read(f.M, ~f.M + 1 + f.g, 0);),
		DIRTY_ROW("32-bit host: range from dirty pages past ULONG_MAX", -EOVERFLOW,
			  if (sizeof(unsigned long) == 8) return SKIP;
			  return f.dirty_read(f.M, u64(ULONG_MAX) - f.M + 1 + f.g, 0);),
		DIRTY_ROW("iova above the aperture", -ERANGE,
			  if (!f.above_aperture()) return SKIP;
			  return f.dirty_read(f.geo.ap_end + 1, f.g, 0);),
		DIRTY_ROW("range from dirty pages past the aperture end", -ERANGE,
			  if (!f.above_aperture() || !LP64) return SKIP;
			  return f.dirty_read(f.M, f.geo.ap_end - f.M + 1 + f.g, 0);),
		DIRTY_ROW("iova below the aperture start", -ERANGE,
			  if (!f.geo.ap_start) return SKIP;
			  return f.dirty_read(f.geo.ap_start - f.g, f.g, 0);),
		DIRTY_ROW("sign-extended: the hole", -ERANGE,
			  if (!f.geo.sext) return SKIP;
			  return f.dirty_read(f.geo.ap_end + 1, f.g, 0);),
		DIRTY_ROW("sign-extended: range from the lower half into the hole", -ERANGE,
			  if (!f.geo.sext) return SKIP;
			  return f.dirty_read(f.M, f.geo.ap_end - f.M + 1 + f.g, 0);),
		DIRTY_ROW("unmapped space: 0, nothing reported", 0,
			  std::vector<unsigned long> b;
			  int r = f.dirty_read(f.F, 4 * f.g, 0, &b);
			  return r == 0 && !f.bitmap_empty(b) ? SIDE_CHECK_FAILED : r;),
		DIRTY_ROW("above the current top (dynamic top): 0", 0,
			  if (!f.top_end) return SKIP;
			  return f.dirty_read(f.top_end, 4 * f.g, 0);),
		DIRTY_ROW("valid: IOMMU_DIRTY_NO_CLEAR reports and keeps the bits", 0,
			  std::vector<unsigned long> b;
			  int r = f.dirty_read(f.M, 4 * f.g, IOMMU_DIRTY_NO_CLEAR, &b);
			  /* page 1 of M was set dirty by the fixture */
			  return r == 0 && !(b[0] & 2) ? SIDE_CHECK_FAILED : r;),
		DIRTY_ROW("valid: no bitmap and no gather with NO_CLEAR", 0,
			  iommu_dirty_bitmap d{ nullptr, nullptr };
			  return GPT_CALL(read_and_clear_dirty)(f.t.dom(), (unsigned long)f.M,
								(size_t)(4 * f.g),
								IOMMU_DIRTY_NO_CLEAR, &d);),

		/* ---- set_dirty (the hardware's write) ---- */
		SET_DIRTY_ROW("above the aperture", -ERANGE,
			      if (!f.above_aperture64()) return SKIP;
			      return f.set_dirty(f.geo.ap_end + 1);),
		SET_DIRTY_ROW("below the aperture start", -ERANGE,
			      if (!f.geo.ap_start) return SKIP;
			      return f.set_dirty(f.geo.ap_start - 1);),
		SET_DIRTY_ROW("sign-extended: the hole", -ERANGE,
			      if (!f.geo.sext) return SKIP;
			      return f.set_dirty(f.upper_start() - 1);),
		SET_DIRTY_ROW("unmapped page", -ENOENT, return f.set_dirty(f.F);),
		SET_DIRTY_ROW("above the current top (dynamic top)", -ENOENT,
			      if (!f.top_end) return SKIP;
			      return f.set_dirty(f.top_end);),

		/* ---- cut ---- */
		ROW(cut, "not aligned to the granule", -EINVAL,
		    return f.cut(f.big ? f.B + f.g / 2 : f.M + f.g / 2);),
		ROW(cut, "above the aperture", -ERANGE,
		    if (!f.above_aperture64()) return SKIP;
		    return f.cut(f.geo.ap_end + 1);),
		ROW(cut, "below the aperture start", -ERANGE,
		    if (!f.geo.ap_start) return SKIP;
		    return f.cut(f.geo.ap_start - f.g);),
		ROW(cut, "sign-extended: the hole", -ERANGE,
		    if (!f.geo.sext) return SKIP;
		    return f.cut(f.upper_start() - f.g);),
		ROW(cut, "unmapped: 0, nothing to split", 0, return f.cut(f.F + f.g);),
		ROW(cut, "already an entry boundary: 0", 0,
		    return f.cut(f.big ? f.B : f.M + f.g);),
		ROW(cut, "end of a large page: 0", 0,
		    if (!f.big) return SKIP;
		    return f.cut(f.B + f.big);),
		ROW(cut, "above the current top (dynamic top): 0", 0,
		    if (!f.top_end) return SKIP;
		    return f.cut(f.top_end + f.g);),
	};
	return r;
}

/* Every translation of the fixture is still there. */
bool translations_kept(Fixture &f)
{
	for (auto &[va, s] : f.model.segs())
		if (f.t.phys(va) != s.pa || f.t.phys(va + s.len - 1) != s.pa + s.len - 1)
			return false;
	return true;
}

void run_matrix(Op op, size_t min_rows)
{
	unsigned long warns = genericpt_warn_count();
	for (auto &cc : format_configs()) {
		if (!usable(probe(cc)))
			continue;
		Fixture f(cc);
		size_t ran = 0;
		for (auto &row : rows()) {
			if (row.op != op)
				continue;
			INFO("config " << cc.name << ": " << row.name);
			Snapshot before = snapshot_tables();
			u64 live = live_tables();
			Result got = row.run(f);
			if (!got)
				continue;
			ran++;
			long long want = row.dirty_op && !f.dirty ? -EOPNOTSUPP : row.expect;
			if (std::getenv("GPT_BADINPUT_VERBOSE"))
				std::fprintf(stderr, "%s: %s -> %lld (want %lld)\n",
					     cc.name, row.name, *got, want);
			CHECK(*got == want);
			CHECK(f.last_mapped == 0);
			CHECK(snapshot_tables() == before);
			CHECK(live_tables() == live);
			/*
			 * Bad input is refused before anything is written. A
			 * conflict (-EADDRINUSE) may be found after leaves of
			 * the caller's own range were written: they are rolled
			 * back, which needs an IOTLB sync.
			 */
			if (want != -EADDRINUSE)
				CHECK(f.t.syncs.empty());
			CHECK(translations_kept(f));
			CHECK(genericpt_warn_count() == warns);
			f.t.syncs.clear();
		}
		INFO("config " << cc.name);
		CHECK(ran >= min_rows);
	}
}

} // namespace

GPT_TEST("badinput", "map_pages") { run_matrix(Op::map_pages, 25); }
GPT_TEST("badinput", "unmap_pages") { run_matrix(Op::unmap_pages, 9); }
GPT_TEST("badinput", "iova_to_phys") { run_matrix(Op::iova_to_phys, 2); }
GPT_TEST("badinput", "read_and_clear_dirty")
{
	run_matrix(Op::read_and_clear_dirty, 6);
}
GPT_TEST("badinput", "set_dirty") { run_matrix(Op::set_dirty, 1); }
GPT_TEST("badinput", "cut") { run_matrix(Op::cut, 3); }

/*
 * init: every rejected configuration returns its errno and leaves nothing
 * allocated; features the cfg header does not list are either refused
 * (-EOPNOTSUPP, not built in) or change nothing (forced on by the format).
 */
GPT_TEST("badinput", "init")
{
	u64 base = live_tables();
	unsigned long warns = genericpt_warn_count();
	Cfg good{};
	base_config(good);
	unsigned listed = format_features();
	for (auto &cc : format_configs())
		listed |= cc.features;

	auto try_init = [&](const Cfg &c, const pt_iommu_driver_ops *dops,
			    Tbl *keep = nullptr) {
		Tbl local{};
		Tbl &tbl = keep ? *keep : local;
		tbl.iommu.nid = NUMA_NO_NODE;
		tbl.iommu.driver_ops = dops;
		u64 before = live_tables();
		int r = GPT_CALL(init)(&tbl, &c, GFP_KERNEL);
		/* A failed init allocates nothing. */
		if (r)
			CHECK(live_tables() == before);
		if (r == 0 && !keep)
			pt_iommu_deinit(&tbl.iommu);
		return r;
	};
	static spinlock_t lock;
	static const pt_iommu_driver_ops full_ops = {
		[](pt_iommu *, phys_addr_t, unsigned) {},
		[](pt_iommu *) { return &lock; },
	};
	static const pt_iommu_driver_ops no_change_top = {
		nullptr, [](pt_iommu *) { return &lock; } };
	static const pt_iommu_driver_ops no_lock = {
		[](pt_iommu *, phys_addr_t, unsigned) {}, nullptr };

	/* The base table as reference for "changes nothing". */
	Tbl ref{};
	REQUIRE(try_init(good, &full_ops, &ref) == 0);

	SECTION("unknown and not-built-in features")
	{
		for (unsigned bit = 0; bit < 32; bit++) {
			INFO("feature bit " << bit);
			Cfg c = good;
			c.common.features = 1u << bit;
			Tbl tbl{};
			int r;
			{
				tbl.iommu.nid = NUMA_NO_NODE;
				tbl.iommu.driver_ops = &full_ops;
				r = GPT_CALL(init)(&tbl, &c, GFP_KERNEL);
			}
			if (listed & (1u << bit)) {
				/* A feature may need a companion (armv8 S2FWB
				 * needs S2): then init refuses it alone; one that
				 * needs another base shape (GPT_NOT_ON_BASE: armv8
				 * LPA/LVA need 64K) is not supported on it. */
				CHECK((r == 0 || r == -EINVAL ||
				       (r == -EOPNOTSUPP &&
					(GPT_NOT_ON_BASE & (1u << bit)))));
			} else if (bit >= PT_FEAT_FMT_START + 16) {
				CHECK(r == -EOPNOTSUPP);
			} else if (r == 0) {
				/* Forced on: same table as without asking. */
				CHECK(tbl.iommu.domain.pgsize_bitmap ==
				      ref.iommu.domain.pgsize_bitmap);
				CHECK(tbl.iommu.domain.geometry.aperture_start ==
				      ref.iommu.domain.geometry.aperture_start);
				CHECK(tbl.iommu.domain.geometry.aperture_end ==
				      ref.iommu.domain.geometry.aperture_end);
			} else {
				CHECK(r == -EOPNOTSUPP);
			}
			if (r == 0)
				pt_iommu_deinit(&tbl.iommu);
			CHECK(live_tables() == base + 1);
		}
		Cfg c = good;
		c.common.features = ~0u;
		CHECK(try_init(c, &full_ops) == -EOPNOTSUPP);
	}
	SECTION("VA and OA limits")
	{
		const unsigned g_lg2 = __builtin_ctzll(ref.iommu.domain.pgsize_bitmap &
						       (~ref.iommu.domain.pgsize_bitmap + 1));
		for (unsigned v : { 65u, 100u, 255u, 1u, g_lg2 - 1 }) {
			INFO("hw_max_vasz_lg2 " << v);
			Cfg c = good;
			c.common.hw_max_vasz_lg2 = (u8)v;
			CHECK(try_init(c, &full_ops) == -EINVAL);
			c = good;
			c.common.hw_max_oasz_lg2 = (u8)v;
			INFO("hw_max_oasz_lg2 " << v);
			CHECK(try_init(c, &full_ops) == -EINVAL);
		}
	}
	SECTION("dynamic top without driver callbacks")
	{
		if (!(listed & (1u << PT_FEAT_DYNAMIC_TOP))) {
			SUCCEED("no PT_FEAT_DYNAMIC_TOP");
		} else {
			for (auto &cc : format_configs()) {
				if (!(cc.features & (1u << PT_FEAT_DYNAMIC_TOP)))
					continue;
				Cfg c{};
				cc.fill(c);
				c.common.features = cc.features;
				CHECK(try_init(c, nullptr) == -EINVAL);
				CHECK(try_init(c, &no_change_top) == -EINVAL);
				CHECK(try_init(c, &no_lock) == -EINVAL);
				CHECK(try_init(c, &full_ops) == 0);
			}
		}
	}
	SECTION("format-specific bad configurations")
	{
		for (auto &cc : format_bad_configs()) {
			INFO("bad config " << cc.name);
			Cfg c{};
			cc.fill(c);
			c.common.features = cc.features;
			CHECK(try_init(c, &full_ops) == -EINVAL);
		}
	}
	pt_iommu_deinit(&ref.iommu);
	CHECK(live_tables() == base);
	CHECK(genericpt_warn_count() == warns);
}
