// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The iommu suite: each operation of the public API, its corner cases and
 * every error, for one format (compiled once per format).
 */
#include "gpt_harness.h"

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <tuple>

using namespace gpt;

namespace {

/* Page sizes of the table up to @max, smallest first. */
std::vector<u64> sizes_upto(Table &t, u64 max)
{
	std::vector<u64> out;
	for (unsigned b = 0; b < 64; b++) {
		u64 s = u64(1) << b;
		if ((t.pgsizes() & s) && s <= max && s <= t.map_end() / 8)
			out.push_back(s);
	}
	return out;
}

/* VA span of one level-0 table, read from a probe table's geometry. */
u64 level0_table_span()
{
	Table p(base_case());
	REQUIRE(p.map(0, 0, p.granule()) == 0);
	unsigned items_lg2 = 0;
	p.iommu()->ops->for_each_entry(
		p.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			if (v->kind == PT_VISIT_TABLE && v->level == 0)
				*static_cast<unsigned *>(ctx) = v->num_items_lg2;
			return 0;
		},
		&items_lg2);
	REQUIRE(items_lg2 != 0);
	return p.granule() << items_lg2;
}

/* A size that is one level-1 item: a leaf of at least 256 granules if
 * supported, else (formats without level-1 leaves, e.g. the DART) the span
 * of one level-0 table. Tests needing a leaf of this size check pgsizes(). */
/*
 * @want * @big, or a smaller multiple (not below 5) when the host's
 * unsigned long iova cannot reach @after more entries of size @big past it
 * (32-bit hosts with large level-1 pages, armv8_64k's 512 MiB).
 */
u64 big_slot(Table &t, u64 big, u64 want, u64 after = 1)
{
	while (want > 5 && (want + after) * big - 1 > t.map_end())
		want--;
	return want * big;
}

u64 level1_size(Table &t)
{
	if (t.pgsizes() & (t.granule() * 512))
		return t.granule() * 512;
	for (u64 s : sizes_upto(t, u64(1) << 40))
		if (s >= t.granule() * 256 && s > t.granule())
			return s;
	return level0_table_span();
}

std::optional<ConfigCase> case_with(unsigned feature)
{
	for (auto &cc : format_configs())
		if (cc.features & feature)
			return cc;
	return std::nullopt;
}

u64 dirty_bits(Table &t, u64 iova, u64 len, unsigned long flags,
	       std::vector<unsigned long> &bits, int *ret)
{
	unsigned shift = __builtin_ctzll(t.granule());
	bits.assign((len >> shift) / (8 * sizeof(unsigned long)) + 1, 0);
	iova_bitmap bm{ (unsigned long)iova, (unsigned long)len, shift, bits.data() };
	iommu_dirty_bitmap d{ &bm, nullptr };
	*ret = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)iova,
					      (size_t)len, flags, &d);
	u64 n = 0;
	for (auto w : bits)
		n += __builtin_popcountl(w);
	return n;
}

} // namespace

GPT_TEST("iommu", "init_every_config")
{
	u64 base = live_tables();
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			{
				Table t(cc);
				REQUIRE(t.init_ret == 0);
				REQUIRE(t.pgsizes() != 0);
				REQUIRE((t.pgsizes() & t.granule()) != 0);
				REQUIRE(live_tables() == base + 1);
				REQUIRE(t.tables().size() == 1);
				pt_iommu_info info{};
				t.iommu()->ops->get_info(t.iommu(), &info);
				REQUIRE((unsigned long)info.pgsize_bitmap ==
					t.pgsizes());
			}
			REQUIRE(live_tables() == base);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

/*
 * pgsize_bitmap never offers a page size at or above the table's output
 * limit (the kernel hides them the same way): every offered size maps at
 * OA 0, for every shape, each format feature on its own, and output limits
 * given in the configuration. (AMDv1 with encrypted tables and the C-bit at
 * 47 offered 2^47..2^51, whose maps failed with -ERANGE.)
 */
GPT_TEST("iommu", "pgsize_bitmap_within_oa_limit")
{
	std::vector<unsigned> extras = { 0 };
	for (unsigned b = PT_FEAT_FMT_START; b < 32; b++)
		if (format_features() & (1u << b))
			extras.push_back(1u << b);
	const unsigned oaszs[] = { 0, 32, 36, 40, 44, 48 };
	unsigned tried = 0;
	for (auto &cc : format_configs())
		for (unsigned extra : extras)
			for (unsigned oasz : oaszs) {
				Cfg c{};
				cc.fill(c);
				c.common.features |= cc.features | extra;
				if (oasz)
					c.common.hw_max_oasz_lg2 = oasz;
				Table t(c);
				if (t.init_ret)
					continue;
				INFO(cc.name << " +features " << extra << " oasz " << oasz);
				tried++;
				if (oasz)
					REQUIRE((t.pgsizes() >> oasz) == 0);
				u64 start = t.t.iommu.domain.geometry.aperture_start;
				for (unsigned b = 0; b < 64; b++) {
					u64 s = u64(1) << b;
					if (!(t.pgsizes() & s))
						continue;
					u64 va = (start + s - 1) & ~(s - 1);
					if (va < start || !Table::api_reaches(va, s) ||
					    va + s - 1 > t.map_end())
						continue;
					INFO("size 2^" << b);
					REQUIRE(t.map(va, 0, s) == 0);
					REQUIRE(t.phys(va + s - 1) == s - 1);
					REQUIRE(t.unmap(va, s) == s);
				}
			}
	REQUIRE(tried != 0);
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("iommu", "init_rejects_unknown_feature")
{
	u64 base = live_tables();
	Cfg c{};
	base_config(c);
	c.common.features = 1u << 30;
	Tbl tbl{};
	REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -EOPNOTSUPP);
	REQUIRE(live_tables() == base);
}

GPT_TEST("iommu", "init_fails_cleanly_without_memory")
{
	u64 base = live_tables();
	Cfg c{};
	base_config(c);
	Tbl tbl{};
	genericpt_fail_alloc_after(0);
	REQUIRE(GPT_CALL(init)(&tbl, &c, GFP_KERNEL) == -ENOMEM);
	genericpt_fail_alloc_after(-1);
	REQUIRE(live_tables() == base);
}

GPT_TEST("iommu", "map_simple")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			REQUIRE(t.init_ret == 0);
			u64 g = t.granule();
			u64 va = 64 * g, pa = 0x1234 * g;
			REQUIRE(t.map(va, pa, g) == 0);
			REQUIRE(t.phys(va) == pa);
			REQUIRE(t.phys(va + g / 2) == pa + g / 2);
			REQUIRE(t.phys(va + g) == 0);
			REQUIRE(t.phys(va - 1) == 0);
			REQUIRE(t.unmap(va, g) == g);
			REQUIRE(t.phys(va) == 0);
			REQUIRE(t.leaves().empty());
		}
	}
}

GPT_TEST("iommu", "map_every_page_size")
{
	Table t(base_case());
	for (u64 s : sizes_upto(t, u64(1) << 32)) {
		DYNAMIC_SECTION("size " << s)
		{
			u64 va = s * 2, pa = s * 5;
			REQUIRE(t.map(va, pa, s) == 0);
			auto leaves = t.leaves();
			REQUIRE(leaves.size() == 1);
			REQUIRE(leaves[0].size == s);
			REQUIRE(leaves[0].va == va);
			REQUIRE(leaves[0].oa == pa);
			REQUIRE(t.phys(va) == pa);
			REQUIRE(t.phys(va + s - 1) == pa + s - 1);
			REQUIRE(t.phys(va + s / 2 + 8) == pa + s / 2 + 8);
			REQUIRE(t.unmap(va, s) == s);
			REQUIRE(t.leaves().empty());
		}
	}
}

GPT_TEST("iommu", "map_picks_largest_pages")
{
	Table t(base_case());
	u64 big = level1_size(t), g = t.granule();
	/* Unaligned head and tail, an aligned middle. */
	u64 va = 4 * big - 3 * g, len = 2 * big + 5 * g;
	REQUIRE(t.map(va, va, len) == 0);
	auto leaves = t.leaves();
	u64 covered = 0;
	for (auto &l : leaves) {
		REQUIRE(l.va % l.size == 0);
		REQUIRE(l.oa % l.size == 0);
		covered += l.size;
	}
	REQUIRE(covered == len);
	/* The aligned middle is covered by leaves of at least `big`. */
	if (t.pgsizes() & big)
		REQUIRE(std::any_of(leaves.begin(), leaves.end(),
			    [&](const Leaf &l) { return l.size >= big; }));
	/* Unaligned OA forces small pages everywhere. */
	REQUIRE(t.unmap(va, len) == len);
	REQUIRE(t.map(va, va + g, len) == 0);
	for (auto &l : t.leaves())
		REQUIRE(l.size < big);
	REQUIRE(t.phys(va + len - 1) == va + g + len - 1);
}

GPT_TEST("iommu", "map_over_empty_tables")
{
	Table t(base_case());
	u64 big = level1_size(t), g = t.granule();
	if (!(t.pgsizes() & big)) {
		SUCCEED("format has no level-1 leaf");
		return;
	}
	u64 va = big_slot(t, big, 8);
	REQUIRE(t.map(va + 7 * g, 0x40 * g, g) == 0);
	size_t tables_with = t.tables().size();
	REQUIRE(t.unmap(va + 7 * g, g) == g);
	/* The lower table stays: the unmap did not cover its span. */
	REQUIRE(t.tables().size() == tables_with);
	u64 live = live_tables();
	t.syncs.clear();
	REQUIRE(t.map(va, 0, big) == 0);
	auto leaves = t.leaves();
	REQUIRE(leaves.size() == 1);
	REQUIRE(leaves[0].size == big);
	REQUIRE(t.tables().size() == tables_with - 1);
	REQUIRE(live_tables() == live - 1);
	REQUIRE(t.syncs.size() == 1);
	REQUIRE(t.syncs[0].freed == 1);
	REQUIRE(t.syncs[0].start <= va);
	REQUIRE(t.syncs[0].end >= va + big - 1);
}

GPT_TEST("iommu", "map_conflicts_leave_table_unchanged")
{
	Table t(base_case());
	u64 big = level1_size(t), g = t.granule();
	u64 at = big_slot(t, big, 16);
	u64 x = at + 9 * g;
	REQUIRE(t.map(x, 0x777 * g, g) == 0);
	Snapshot before = snapshot_tables();
	/* Conflict at the first entry. */
	REQUIRE(t.map(x, 0, g) == -EADDRINUSE);
	REQUIRE(snapshot_tables() == before);
	/* Conflict found after leaves of the same op were written. */
	REQUIRE(t.map(x - 4 * g, 0x100 * g, 8 * g) == -EADDRINUSE);
	REQUIRE(snapshot_tables() == before);
	/* Conflict found after the op would have needed new tables. */
	REQUIRE(t.map(x - 9 * g - 3 * big, 0x100 * g, 3 * big + 12 * g) ==
		-EADDRINUSE);
	REQUIRE(snapshot_tables() == before);
	/* A large leaf over a table that holds a leaf. */
	REQUIRE(t.map(at, 0, big) == -EADDRINUSE);
	REQUIRE(snapshot_tables() == before);
	REQUIRE(t.phys(x) == 0x777 * g);
	REQUIRE(t.phys(x - g) == 0);
}

GPT_TEST("iommu", "increase_level")
{
	auto cc = case_with(1u << PT_FEAT_DYNAMIC_TOP);
	if (!cc) {
		SUCCEED("format has no dynamic top");
		return;
	}
	Table t(*cc);
	REQUIRE(t.init_ret == 0);
	u64 g = t.granule();
	HwInfo h0 = t.hw_info();
	REQUIRE(t.map(0, 0x10 * g, g) == 0);
	/*
	 * Far addresses map can reach: with a 32-bit unsigned long only
	 * below 4 GiB, so just past the current top's span there.
	 */
	const bool wide = sizeof(unsigned long) == 8;
	auto top_span = [&] {
		unsigned lg2 = 0;
		t.iommu()->ops->for_each_entry(
			t.iommu(),
			[](void *ctx, const pt_iommu_visit *v) {
				*static_cast<unsigned *>(ctx) = v->size_lg2;
				return 1; /* the root comes first */
			},
			&lg2);
		return u64(1) << lg2;
	};
	u64 far = wide ? u64(1) << 40 : 2 * top_span();
	REQUIRE(t.map(far, 0x20 * g, 4 * g) == 0);
	REQUIRE(!t.top_changes.empty());
	REQUIRE(t.top_changes.size() == 1);
	HwInfo h1 = t.hw_info();
	REQUIRE(std::memcmp(&h0, &h1, sizeof(h0)) != 0);
	REQUIRE(t.phys(0) == 0x10 * g);
	REQUIRE(t.phys(far + 3 * g + 5) == 0x20 * g + 3 * g + 5);
	/* Growing again only for a higher address. */
	REQUIRE(t.map(far + 8 * g, 0, g) == 0);
	REQUIRE(t.top_changes.size() == 1);
	u64 farther = wide ? u64(1) << 50 : 2 * top_span();
	if (farther + g - 1 > t.map_end())
		return;
	REQUIRE(t.map(farther, 0, g) == 0);
	REQUIRE(t.top_changes.size() == 2);
	REQUIRE(t.top_changes[1].second > t.top_changes[0].second);
	REQUIRE(t.phys(0) == 0x10 * g);
	REQUIRE(t.phys(farther + 1) == 1);
	/* Unmap and translation above the top before growth are 0. */
	REQUIRE(t.phys(u64(1) << 52) == 0);
	if (wide)
		REQUIRE(t.unmap(u64(1) << 52, g) == 0);
}

namespace {
/* VA span (log2) of the current top table: the root is visited first. */
unsigned top_span_lg2(Table &t)
{
	unsigned lg2 = 0;
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			*static_cast<unsigned *>(ctx) = v->size_lg2;
			return 1;
		},
		&lg2);
	return lg2;
}
} // namespace

/*
 * Dynamic top, as the kernel's map_pages does it: the leaf is the largest
 * page size that fits the range, and the top grows until a level can hold
 * it. A range that is exactly the current top's span (at an OA aligned to
 * it) is therefore one leaf of a top grown by a level, not a run of
 * smaller leaves filling the old top, and unmapping any part of it removes
 * the whole leaf (the kernel's test_unmap_split).
 */
GPT_TEST("iommu", "dynamic_top_grows_for_one_leaf")
{
	auto cc = case_with(1u << PT_FEAT_DYNAMIC_TOP);
	if (!cc) {
		SUCCEED("format has no dynamic top");
		return;
	}
	u64 base = live_tables();
	{
		Table t(*cc);
		REQUIRE(t.init_ret == 0);
		u64 g = t.granule();
		u64 span = u64(1) << top_span_lg2(t);
		REQUIRE((t.pgsizes() & span) != 0);
		if (!Table::api_reaches(0, span))
			return;
		REQUIRE(t.map(0, 3 * span, span) == 0);
		REQUIRE(t.top_changes.size() == 1);
		REQUIRE((u64(1) << top_span_lg2(t)) > span);
		auto leaves = t.leaves();
		REQUIRE(leaves.size() == 1);
		REQUIRE(leaves[0].va == 0);
		REQUIRE(leaves[0].size == span);
		REQUIRE(leaves[0].oa == 3 * span);
		REQUIRE(t.phys(span - 1) == 4 * span - 1);
		REQUIRE(t.unmap(0, g) == span);
		REQUIRE(t.leaves().empty());
	}
	{
		/* An OA not aligned to the span: smaller leaves, no growth. */
		Table t(*cc);
		u64 span = u64(1) << top_span_lg2(t);
		if (Table::api_reaches(0, span)) {
			REQUIRE(t.map(0, span / 2, span) == 0);
			REQUIRE(t.top_changes.empty());
			REQUIRE(t.leaves().size() > 1);
		}
	}
	{
		/* Every pair of page sizes: a small unmap takes the large page. */
		Table t(*cc);
		std::vector<u64> sizes = sizes_upto(t, u64(1) << 40);
		for (size_t i = 0; i < sizes.size(); i++)
			for (size_t j = i + 1; j < sizes.size(); j++) {
				u64 small = sizes[i], large = sizes[j];
				if (!Table::api_reaches(0, 2 * large))
					continue;
				INFO("unmap " << small << " of " << large);
				REQUIRE(t.map(0, 0, large) == 0);
				REQUIRE(t.unmap(0, small) == large);
				REQUIRE(t.map(0, 0, large) == 0);
				REQUIRE(t.map(large, 0, large) == 0);
				REQUIRE(t.unmap(0, small) == large);
				REQUIRE(t.unmap(large, large) == large);
				REQUIRE(t.leaves().empty());
			}
	}
	REQUIRE(live_tables() == base);
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("iommu", "cut")
{
	Table t(base_case());
	u64 g = t.granule();
	REQUIRE(t.cut(3 * g) == 0); /* unmapped: nothing to do */
	REQUIRE(t.cut(g / 2) == -EINVAL);
	for (u64 s : sizes_upto(t, u64(1) << 30)) {
		if (s == g)
			continue;
		DYNAMIC_SECTION("size " << s)
		{
			u64 va = 4 * s, pa = 9 * s;
			REQUIRE(t.map(va, pa, s) == 0);
			Snapshot before = snapshot_tables();
			REQUIRE(t.cut(va) == 0); /* already a boundary */
			REQUIRE(snapshot_tables() == before);
			u64 at = va + s / 2;
			REQUIRE(t.cut(at) == 0);
			for (u64 p : { va, va + g - 1, at - 1, at, at + g, va + s - 1 })
				if (p < va + s)
					REQUIRE(t.phys(p) == pa + (p - va));
			bool boundary = false;
			for (auto &l : t.leaves()) {
				REQUIRE((l.va + l.size <= at || l.va >= at));
				boundary |= l.va == at;
			}
			REQUIRE(boundary);
			/* Cuts at both ends make a later unmap exact. */
			REQUIRE(t.cut(at + g) == 0);
			REQUIRE(t.unmap(at, g) == g);
			REQUIRE(t.phys(at) == 0);
			REQUIRE(t.phys(at - 1) == pa + (at - 1 - va));
			if (at + g < va + s)
				REQUIRE(t.phys(at + g) == pa + (at + g - va));
			REQUIRE(t.unmap(va, s) == s - g);
			REQUIRE(t.leaves().empty());
		}
	}
}

GPT_TEST("iommu", "cut_fails_cleanly_without_memory")
{
	Table t(base_case());
	u64 big = level1_size(t), g = t.granule();
	if (!(t.pgsizes() & big))
		return;
	REQUIRE(t.map(2 * big, 0, big) == 0);
	Snapshot before = snapshot_tables();
	u64 live = live_tables();
	genericpt_fail_alloc_after(0);
	REQUIRE(t.cut(2 * big + g) == -ENOMEM);
	genericpt_fail_alloc_after(-1);
	REQUIRE(snapshot_tables() == before);
	REQUIRE(live_tables() == live);
	REQUIRE(t.cut(2 * big + g) == 0);
	REQUIRE(t.phys(2 * big + g) == g);
}

GPT_TEST("iommu", "unmap_part_of_large_page")
{
	Table t(base_case());
	u64 g = t.granule();
	for (u64 s : sizes_upto(t, u64(1) << 30)) {
		if (s == g)
			continue;
		DYNAMIC_SECTION("size " << s)
		{
			u64 va = 2 * s;
			REQUIRE(t.map(va, s, s) == 0);
			/* Starting inside the page removes the whole page. */
			REQUIRE(t.unmap(va + g, g) == s);
			REQUIRE(t.phys(va) == 0);
			REQUIRE(t.phys(va + s - 1) == 0);
			REQUIRE(t.leaves().empty());
		}
	}
	REQUIRE(t.unmap(64 * g, g) == 0);
}

/*
 * The last bytes of the VA space: leaves of every size ending on the last
 * IOVA map can reach, and small pages across several tables up to it. For
 * the 32-bit formats (pt_vaddr_t is u32) this is where a VA wraps to 0;
 * for sign-extended tables the upper half's end, 2^64 - 1, is tried too.
 * An IOVA just past a 32-bit aperture must not alias its start.
 */
GPT_TEST("iommu", "top_of_va_space")
{
	Table t(base_case());
	u64 g = t.granule();
	std::vector<u64> ends = { t.map_end() };
	u64 ulong_top = (unsigned long)-1;
	if (ulong_top != t.map_end() && t.map(ulong_top - g + 1, 0, g) == 0) {
		REQUIRE(t.unmap(ulong_top - g + 1, g) == g);
		ends.push_back(ulong_top);
	}
	for (u64 end : ends) {
		for (u64 s : sizes_upto(t, u64(1) << 30)) {
			if (end + 1 != 0 && 4 * s > end + 1)
				continue;
			DYNAMIC_SECTION("end " << std::hex << end << " size " << s)
			{
				u64 va = end - 2 * s + 1, pa = 4 * s;
				REQUIRE(t.map(va, pa, 2 * s) == 0);
				REQUIRE(t.phys(va) == pa);
				REQUIRE(t.phys(end) == pa + 2 * s - 1);
				REQUIRE(t.phys(va - 1) == 0);
				u64 total = 0, last = 0;
				for (auto &l : t.leaves()) {
					REQUIRE(l.va >= va);
					REQUIRE(l.va + (l.size - 1) <= end);
					total += l.size;
					last = std::max(last, l.va + (l.size - 1));
				}
				REQUIRE(total == 2 * s);
				REQUIRE(last == end);
				REQUIRE(t.map(end - g + 1, 0, g) == -EADDRINUSE);
				int ret = t.cut(end - g + 1);
				REQUIRE((ret == 0 || ret == -EOPNOTSUPP));
				REQUIRE(t.phys(end) == pa + 2 * s - 1);
				std::vector<unsigned long> bits;
				if (t.iommu()->ops->set_dirty(t.iommu(), end) == 0) {
					REQUIRE(dirty_bits(t, va, 2 * s, 0, bits,
							   &ret) >= 1);
					REQUIRE(ret == 0);
				}
				REQUIRE(t.unmap(va, 2 * s) == 2 * s);
				REQUIRE(t.phys(end) == 0);
				REQUIRE(t.leaves().empty());
			}
		}
		DYNAMIC_SECTION("end " << std::hex << end << " small pages")
		{
			u64 len = 3 * level0_table_span();
			if (end + 1 == 0 || len * 2 <= end + 1) {
				u64 va = end - len + 1;
				/* pa g-aligned only: every leaf is one granule. */
				REQUIRE(t.map(va, g, len) == 0);
				REQUIRE(t.leaves().size() == len / g);
				REQUIRE(t.phys(end) == g + len - 1);
				REQUIRE(t.phys(va + len / 2) == g + len / 2);
				REQUIRE(t.unmap(va, len) == len);
				REQUIRE(t.leaves().empty());
			}
		}
	}
	SECTION("just past a 32-bit aperture")
	{
		u64 end = t.aperture_end();
		if (end == 0xffffffffULL) {
			REQUIRE(t.map(0, 2 * g, g) == 0);
			REQUIRE(t.phys(end + 1) == 0);
			REQUIRE(t.phys(end + 1 + g / 2) == 0);
			REQUIRE(t.cut(end + 1) == -ERANGE);
			if (Table::api_reaches(end + 1, g))
				REQUIRE(t.unmap(end + 1, g) == 0);
			REQUIRE(t.phys(0) == 2 * g);
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("iommu", "unmap_frees_covered_tables")
{
	Table t(base_case());
	u64 big = level1_size(t), g = t.granule();
	u64 live = live_tables();
	REQUIRE(t.map(4 * big, g, 2 * big) == 0); /* small pages: tables */
	REQUIRE(live_tables() > live);
	iommu_iotlb_gather gather;
	iommu_iotlb_gather_init(&gather);
	REQUIRE(t.unmap_gather(4 * big, 2 * big, &gather) == 2 * big);
	/* Freed only after the IOTLB sync. */
	REQUIRE(iommu_pages_list_count(&gather.freelist) >= 2);
	u64 pending = live_tables();
	iommu_iotlb_sync(t.dom(), &gather);
	REQUIRE(live_tables() < pending);
	REQUIRE(t.syncs.size() == 1);
}

GPT_TEST("iommu", "dirty_read_clear_no_clear")
{
	Table t(base_case());
	u64 g = t.granule();
	std::vector<unsigned long> bits;
	int ret;
	REQUIRE(t.map(32 * g, 0, 16 * g) == 0);
	dirty_bits(t, 32 * g, 16 * g, 0, bits, &ret);
	if (ret == -EOPNOTSUPP) {
		REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), 32 * g) ==
			-EOPNOTSUPP);
		return;
	}
	REQUIRE(ret == 0);
	REQUIRE(dirty_bits(t, 32 * g, 16 * g, 0, bits, &ret) == 0);
	REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), 35 * g) == 0);
	REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), 200 * g) == -ENOENT);
	/* The whole leaf holding 35*g is reported. */
	u64 leaf_size = 0;
	for (auto &l : t.leaves())
		if (l.va <= 35 * g && 35 * g < l.va + l.size) {
			leaf_size = l.size;
			REQUIRE(l.dirty);
		}
	REQUIRE(leaf_size != 0);
	u64 n = dirty_bits(t, 32 * g, 16 * g, IOMMU_DIRTY_NO_CLEAR, bits, &ret);
	REQUIRE(n == leaf_size / g);
	REQUIRE(dirty_bits(t, 32 * g, 16 * g, IOMMU_DIRTY_NO_CLEAR, bits,
			   &ret) == n);
	REQUIRE(dirty_bits(t, 32 * g, 16 * g, 0, bits, &ret) == n);
	REQUIRE(dirty_bits(t, 32 * g, 16 * g, 0, bits, &ret) == 0);
	for (auto &l : t.leaves())
		REQUIRE(!l.dirty);
	REQUIRE(dirty_bits(t, 32 * g, 16 * g, 0x100, bits, &ret) == 0);
	REQUIRE(ret == -EINVAL);
	/* Clearing dirty state is recorded for IOTLB invalidation. */
	REQUIRE(t.iommu()->ops->set_dirty(t.iommu(), 40 * g) == 0);
	iommu_iotlb_gather gather;
	iommu_iotlb_gather_init(&gather);
	iova_bitmap bm{ (unsigned long)(32 * g), (unsigned long)(16 * g),
			(unsigned)__builtin_ctzll(g), bits.data() };
	iommu_dirty_bitmap d{ &bm, &gather };
	REQUIRE(GPT_CALL(read_and_clear_dirty)(t.dom(), 32 * g, 16 * g, 0, &d) == 0);
	REQUIRE(!iommu_iotlb_gather_empty(&gather));
	REQUIRE(gather.start <= 40 * g);
	REQUIRE(gather.end >= 40 * g);
}

GPT_TEST("iommu", "gather_per_flush_mode")
{
	struct Mode {
		const char *name;
		unsigned feature;
	} modes[] = { { "flush_all", 0 },
		      { "range", 1u << PT_FEAT_FLUSH_RANGE },
		      { "range_no_gaps", 1u << PT_FEAT_FLUSH_RANGE_NO_GAPS } };
	for (auto &m : modes) {
		DYNAMIC_SECTION(m.name)
		{
			Table t(base_case(), m.feature);
			REQUIRE(t.init_ret == 0);
			u64 g = t.granule(), b = 1024 * g;
			for (u64 off : { 0, 4, 8 })
				REQUIRE(t.map(b + off * g, off * g, g) == 0);
			iommu_iotlb_gather gather;
			iommu_iotlb_gather_init(&gather);
			REQUIRE(t.unmap_gather(b, 9 * g, &gather) == 3 * g);
			if (m.feature & (1u << PT_FEAT_FLUSH_RANGE_NO_GAPS)) {
				/* Disjoint pieces were synced one by one. */
				REQUIRE(t.syncs.size() == 2);
				REQUIRE(t.syncs[0].start == b);
				REQUIRE(t.syncs[0].end == b + g - 1);
				REQUIRE(t.syncs[1].start == b + 4 * g);
				REQUIRE(t.syncs[1].end == b + 5 * g - 1);
				REQUIRE(gather.start == b + 8 * g);
			} else {
				REQUIRE(t.syncs.empty());
				REQUIRE(gather.start == b);
			}
			REQUIRE(gather.end == b + 9 * g - 1);
			/*
			 * The largest leaf size, or with PT_FEAT_DETAILED_GATHER
			 * (which riscv and armv8 force on, as the kernel) in the
			 * same storage: level 0 leaves, no table freed.
			 */
			if (gather.pgsize != g) {
				REQUIRE(gather.pt.leaf_levels_bitmap == 1);
				REQUIRE(gather.pt.table_levels_bitmap == 0);
			}
			iommu_iotlb_sync(t.dom(), &gather);
		}
	}
}

GPT_TEST("iommu", "errors_leave_table_unchanged")
{
	Table t(base_case());
	u64 g = t.granule();
	REQUIRE(t.map(16 * g, 0, 4 * g) == 0);
	REQUIRE(t.map(1024 * g, 0x80 * g, 512 * g) == 0);
	Snapshot before = snapshot_tables();
	auto map = [&](u64 iova, u64 pa, u64 pgsize, u64 count, int prot) {
		size_t mapped = 0;
		int ret = GPT_CALL(map_pages)(t.dom(), (unsigned long)iova, pa,
					      (size_t)pgsize, (size_t)count,
					      prot, GFP_KERNEL, &mapped);
		REQUIRE(mapped == 0);
		return ret;
	};
	const int rw = IOMMU_READ | IOMMU_WRITE;
	SECTION("misaligned iova") { REQUIRE(map(64 * g + g / 2, 0, g, 1, rw) == -EINVAL); }
	SECTION("misaligned paddr") { REQUIRE(map(64 * g, g / 2, g, 1, rw) == -EINVAL); }
	SECTION("zero length") { REQUIRE(map(64 * g, 0, g, 0, rw) == -EINVAL); }
	SECTION("pgsize not a power of two") { REQUIRE(map(64 * g, 0, 3 * g, 1, rw) == -EINVAL); }
	SECTION("pgsize not in bitmap") { REQUIRE(map(64 * g, 0, g / 2, 2, rw) == -EINVAL); }
	SECTION("no permission") { REQUIRE(map(64 * g, 0, g, 1, 0) == -EINVAL); }
	SECTION("unknown prot bit") { REQUIRE(map(64 * g, 0, g, 1, rw | 0x400) == -EINVAL); }
	SECTION("pgcount overflow")
	{
		if (sizeof(size_t) == 8)
			REQUIRE(map(64 * g, 0, g, ~u64(0) / g + 1, rw) == -EOVERFLOW);
	}
	SECTION("range wraps")
	{
		u64 top = ~(u64)0 & ~(g - 1);
		if (sizeof(unsigned long) == 8)
			REQUIRE(map(top, 0, g, 2, rw) == -EOVERFLOW);
	}
	SECTION("outside aperture")
	{
		u64 end = t.aperture_end();
		if (end < t.map_end() && !(t.t.iommu.domain.geometry.aperture_start))
			REQUIRE(map(end + 1, 0, g, 1, rw) == -ERANGE);
	}
	SECTION("range past unsigned long")
	{
		/*
		 * 32-bit hosts: the aperture is wider than the unsigned long
		 * iova; a range running past 4 GiB cannot be expressed (nor
		 * gathered), so it overflows instead of wrapping.
		 */
		if (t.map_end() < t.aperture_end()) {
			u64 last = t.map_end() & ~(g - 1);
			REQUIRE(map(last, 0, g, 2, rw) == -EOVERFLOW);
			REQUIRE(GPT_CALL(unmap_pages)(t.dom(), (unsigned long)last,
						      (size_t)g, 2, nullptr) == 0);
			iommu_dirty_bitmap d{ nullptr, nullptr };
			int ret = GPT_CALL(read_and_clear_dirty)(
				t.dom(), (unsigned long)last, (size_t)(2 * g), 0, &d);
			REQUIRE((ret == -EOVERFLOW || ret == -EOPNOTSUPP));
		}
	}
	SECTION("output address too big") { REQUIRE(map(64 * g, u64(1) << 62, g, 1, rw) == -ERANGE); }
	SECTION("overlap") { REQUIRE(map(1200 * g, 0, g, 1, rw) == -EADDRINUSE); }
	SECTION("unmap misaligned")
	{
		REQUIRE(GPT_CALL(unmap_pages)(t.dom(), 16 * g + 1, g, 1, nullptr) == 0);
	}
	SECTION("unmap nothing") { REQUIRE(t.unmap(100 * g, g) == 0); }
	SECTION("cut outside the table")
	{
		u64 end = t.aperture_end();
		if (end < ~(u64)0 && !(t.t.iommu.domain.geometry.aperture_start))
			REQUIRE(t.cut(end + 1) == -ERANGE);
	}
	SECTION("dirty with bad arguments")
	{
		iommu_dirty_bitmap d{ nullptr, nullptr };
		int r = GPT_CALL(read_and_clear_dirty)(t.dom(), 0, 0, 0, &d);
		REQUIRE((r == -EINVAL || r == -EOPNOTSUPP));
	}
	REQUIRE(snapshot_tables() == before);
	REQUIRE(t.phys(17 * g) == g);
	REQUIRE(genericpt_warn_count() == 0);
}

GPT_TEST("iommu", "deinit_frees_everything")
{
	u64 base = live_tables();
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			{
				Table t(cc);
				u64 g = t.granule();
				/* Spread over the aperture, also a 32-bit one. */
				u64 stride = std::min<u64>(1021 * 512 * g,
							   (t.map_end() / 64) & ~(g - 1));
				for (u64 i = 0; i < 64; i++)
					REQUIRE(t.map(i * stride, i * g, 3 * g) == 0);
				REQUIRE(live_tables() > base + 3);
			}
			REQUIRE(live_tables() == base);
		}
	}
}

GPT_TEST("iommu", "fault_injection_each_allocation")
{
	u64 base = live_tables();
	{
		Table t(base_case());
		u64 big = level1_size(t), g = t.granule();
		u64 va = big_slot(t, big, 6, 3) - 5 * g, len = 2 * big + 9 * g;
		int failures = 0;
		for (long n = 0; n < 64; n++) {
			genericpt_fail_alloc_after(n);
			int ret = t.map(va, g, len);
			genericpt_fail_alloc_after(-1);
			if (ret == 0)
				break;
			failures++;
			REQUIRE(ret == -ENOMEM);
			/* Translation as before: nothing mapped. */
			REQUIRE(t.leaves().empty());
			REQUIRE(t.phys(va) == 0);
			REQUIRE(t.phys(va + len - g) == 0);
		}
		REQUIRE(failures >= 3);
		REQUIRE(t.phys(va + len - 1) == g + len - 1);
		REQUIRE(t.unmap(va, len) == len);
		/* Retryable: map again from scratch. */
		REQUIRE(t.map(va, g, len) == 0);
	}
	REQUIRE(live_tables() == base);
}

namespace {
struct FlushLog {
	std::vector<std::pair<uintptr_t, size_t>> ranges;
	bool covers(uintptr_t a, size_t n) const
	{
		for (auto &r : ranges)
			if (a >= r.first && a + n <= r.first + r.second)
				return true;
		return false;
	}
};
} // namespace

GPT_TEST("iommu", "incoherent_walker_flushes")
{
	FlushLog log;
	genericpt_set_cache_flush_hook(
		[](void *ctx, const void *virt, size_t len) {
			static_cast<FlushLog *>(ctx)->ranges.push_back(
				{ reinterpret_cast<uintptr_t>(virt), len });
		},
		&log);
	SECTION("feature off: no flushes")
	{
		Table t(base_case());
		REQUIRE(t.map(0, 0, 64 * t.granule()) == 0);
		REQUIRE(log.ranges.empty());
	}
	SECTION("feature on: every reachable write was flushed")
	{
		Table t(base_case(), 1u << PT_FEAT_DMA_INCOHERENT);
		REQUIRE(t.init_ret == 0);
		u64 g = t.granule(), big = level1_size(t);
		REQUIRE(t.map(3 * big - 2 * g, 0, big + 7 * g) == 0);
		REQUIRE(t.map(big_slot(t, big, 9), 0, big) == 0);
		t.iommu()->ops->for_each_entry(
			t.iommu(),
			[](void *ctx, const pt_iommu_visit *v) {
				auto *l = static_cast<FlushLog *>(ctx);
				if (v->kind == PT_VISIT_TABLE)
					REQUIRE(l->covers(v->table_pa,
							  size_t(1) << v->table_size_lg2));
				else
					REQUIRE(l->covers(v->table_pa + (u64(v->index)
									  << v->item_size_lg2),
							  size_t(1) << v->item_size_lg2));
				return 0;
			},
			&log);
		/* Clearing is flushed too. */
		auto leaves = t.leaves();
		log.ranges.clear();
		REQUIRE(t.unmap(3 * big - 2 * g, 4 * g) == 4 * g);
		REQUIRE(!log.ranges.empty());
	}
	genericpt_set_cache_flush_hook(nullptr, nullptr);
}

GPT_TEST("iommu", "iommu_core_helpers")
{
	Table t(base_case());
	u64 g = t.granule();
	REQUIRE(iommu_map(t.dom(), 8 * g, 0x55 * g, 24 * g, IOMMU_READ, GFP_KERNEL) == 0);
	REQUIRE(iommu_iova_to_phys(t.dom(), 8 * g + 3) == 0x55 * g + 3);
	REQUIRE(iommu_map(t.dom(), 8 * g, 0, g, IOMMU_READ, GFP_KERNEL) == -EADDRINUSE);
	REQUIRE(iommu_map(t.dom(), 8 * g + 1, 0, g, IOMMU_READ, GFP_KERNEL) == -EINVAL);
	REQUIRE(iommu_unmap(t.dom(), 8 * g, 24 * g) == 24 * g);
	REQUIRE(iommu_iova_to_phys(t.dom(), 8 * g) == 0);
}

namespace {
/* Leaves a greedy largest-fit split of [va, va+len) needs. */
size_t greedy_leaves(u64 bitmap, u64 va, u64 pa, u64 len)
{
	size_t n = 0;
	while (len) {
		u64 ok = bitmap;
		u64 align = va | pa;
		if (align)
			ok &= (align & (~align + 1)) * 2 - 1;
		ok &= (u64(1) << (63 - __builtin_clzll(len))) * 2 - 1;
		u64 s = u64(1) << (63 - __builtin_clzll(ok));
		va += s;
		pa += s;
		len -= s;
		n++;
	}
	return n;
}
} // namespace

GPT_TEST("iommu", "regression_map_ending_off_boundary")
{
	/* A map that starts on a large-page boundary but ends short of the
	 * next one (the kernel's 0xfef80000 case) must not spill past it. */
	Table t(base_case());
	u64 g = t.granule();
	u64 va = 0xfee00000ULL, end = 0xfef80000ULL;
	if (t.aperture_end() < end || (va % g) || (end % g))
		return;
	REQUIRE(t.map(va, va, end - va) == 0);
	u64 covered = 0, last = 0;
	for (auto &l : t.leaves()) {
		covered += l.size;
		last = std::max(last, l.va + l.size);
	}
	REQUIRE(covered == end - va);
	REQUIRE(last == end);
	REQUIRE(t.phys(end) == 0);
	REQUIRE(t.phys(end - 1) == end - 1);
	REQUIRE(t.leaves().size() == greedy_leaves(t.pgsizes(), va, va, end - va));
}

GPT_TEST("iommu", "regression_mixed_sizes_minimum_entries")
{
	Table t(base_case());
	u64 gig = u64(1) << 30, two_m = u64(1) << 21;
	if (t.aperture_end() < 4 * gig || !(t.pgsizes() & gig))
		return;
	u64 va = gig - two_m, len = gig + 3 * two_m + 2 * t.granule();
	REQUIRE(t.map(va, va, len) == 0);
	REQUIRE(t.leaves().size() == greedy_leaves(t.pgsizes(), va, va, len));
	bool has_gig = false;
	for (auto &l : t.leaves())
		has_gig |= l.size >= gig;
	REQUIRE(has_gig);
	REQUIRE(t.unmap(va, len) == len);
}

/*
 * PT_FEAT_DETAILED_GATHER: each IOTLB sync names the levels that changed.
 * Random maps and unmaps (with partial unmaps that leave empty tables for a
 * later larger map to replace, and unmaps of whole table spans); around
 * each operation the leaves and tables are listed with for_each_entry. The
 * syncs of the operation together must name exactly the levels of the
 * leaves that went and of the table entries that went (a level-L table
 * hangs off an entry of level L+1, so bit 0 is never a table bit), and a
 * sync has table bits exactly when it frees tables.
 */
GPT_TEST("iommu", "detailed_gather_levels")
{
	Table t(base_case(), 1u << PT_FEAT_DETAILED_GATHER);
	REQUIRE(t.init_ret == 0);
	const u64 g = t.granule();
	/* A window of 16 level-1 entries (or all of a small space). */
	u64 big = level1_size(t);
	u64 window = std::min<u64>(t.map_end() / 2 + 1, 16 * big);
	std::vector<u64> sizes = sizes_upto(t, std::min(big, window / 4));
	REQUIRE(!sizes.empty());
	std::mt19937_64 rng(20261207);
	using LeafKey = std::tuple<u64, u64, unsigned>;
	auto leaf_set = [&] {
		std::set<LeafKey> s;
		for (auto &l : t.leaves())
			s.insert({ l.va, l.size, l.level });
		return s;
	};
	unsigned leaf_ops = 0, table_ops = 0, map_frees = 0;
	for (unsigned op = 0; op < 400; op++) {
		auto leaves0 = leaf_set();
		auto tables0 = t.tables();
		size_t nsync = t.syncs.size();
		u64 size = sizes[rng() % sizes.size()];
		u64 va = (rng() % (window / size)) * size;
		bool is_map = rng() % 2;
		if (is_map) {
			int ret = t.map(va, va, size);
			REQUIRE((ret == 0 || ret == -EADDRINUSE));
		} else {
			/* Mostly a leaf that is there: the whole, or a part. */
			auto now = t.leaves();
			if (!now.empty() && rng() % 4) {
				const Leaf &l = now[rng() % now.size()];
				if (l.va + l.size - 1 <= window - 1) {
					va = l.va;
					size = l.size;
				}
			}
			/* Sometimes a whole level-1 span: its table goes. */
			bool whole = rng() % 8 == 0;
			if (whole) {
				size = big;
				va = (rng() % (window / big)) * big;
			}
			u64 len = size;
			if (!whole && rng() % 2 && size > g) {
				len = g * (1 + rng() % std::min<u64>(size / g, 64));
				va += (rng() % (size / len)) * len & ~(len - 1);
			}
			t.unmap(va, len);
		}
		auto leaves1 = leaf_set();
		auto tables1 = t.tables();
		u8 want_leaf = 0, want_table = 0;
		for (auto &k : leaves0)
			if (!leaves1.count(k))
				want_leaf |= u8(1u << std::get<2>(k));
		for (auto &[pa, level] : tables0)
			if (!tables1.count(pa))
				want_table |= u8(1u << (level + 1));
		u8 got_leaf = 0, got_table = 0;
		for (size_t i = nsync; i < t.syncs.size(); i++) {
			const SyncRecord &r = t.syncs[i];
			INFO("sync " << i << " freed " << r.freed);
			REQUIRE(((r.table_levels != 0) == (r.freed != 0)));
			REQUIRE((r.table_levels & 1) == 0);
			got_leaf |= r.leaf_levels;
			got_table |= r.table_levels;
		}
		INFO("op " << op << (is_map ? " map " : " unmap ") << std::hex
			   << va << " size " << size);
		REQUIRE(unsigned(got_leaf) == unsigned(want_leaf));
		REQUIRE(unsigned(got_table) == unsigned(want_table));
		leaf_ops += want_leaf != 0;
		table_ops += want_table != 0;
		map_frees += is_map && want_table;
	}
	/* The run must have exercised what it checks. */
	REQUIRE(leaf_ops > 20);
	REQUIRE(table_ops > 5);
	(void)map_frees;
}
