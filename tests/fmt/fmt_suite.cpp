// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The fmt suite: the format functions and the generic helpers they build
 * on, tested directly. This TU includes the format's template TU, so the
 * static format functions (pt_entry_oa, pt_install_leaf_entry, ...) are in
 * scope exactly as the algorithms see them.
 */
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include GPT_FMT_TU
#undef min
#undef max

#include "gpt_harness.h"

using namespace gpt;

namespace {

/* A scratch table at @level, owned by the test. */
struct Scratch {
	Scratch(struct pt_range *range, unsigned level, bool top = false)
	{
		size_lg2 = top ? pt_top_memsize_lg2(range->common, level) :
				 pt_level_memsize_lg2(range, level);
		mem = iommu_alloc_pages_node_sz(NUMA_NO_NODE,
						GFP_KERNEL | PT_TABLE_GFP_FLAGS,
						size_t(1) << size_lg2);
		REQUIRE(mem);
		pts.range = range;
		pts.table = (struct pt_table_p *)mem;
		pts.level = (u8)level;
		pts.index = 0;
		pts.entry = 0;
	}
	~Scratch() { iommu_free_pages(mem); }
	void *mem;
	unsigned size_lg2;
	struct pt_state pts {};
};

struct pt_range range_of(Table &t)
{
	return pt_make_range(common_from_iommu(t.iommu()), 0, 0);
}

unsigned max_level(Table &t)
{
	struct pt_common *c = common_from_iommu(t.iommu());
	return pt_feature(c, PT_FEAT_DYNAMIC_TOP) ? (unsigned)PT_MAX_TOP_LEVEL :
						    pt_top_get_level(c);
}

} // namespace

GPT_TEST("fmt", "init")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			REQUIRE(t.init_ret == 0);
			struct pt_common *c = common_from_iommu(t.iommu());
			struct pt_range r = range_of(t);
			REQUIRE(r.top_table != nullptr);
			REQUIRE(r.top_level <= PT_MAX_TOP_LEVEL);
			REQUIRE(c->max_vasz_lg2 <= PT_MAX_VA_ADDRESS_LG2);
			REQUIRE(c->max_oasz_lg2 <= PT_MAX_OUTPUT_ADDRESS_LG2);
			REQUIRE(c->max_vasz_lg2 >= pt_granule_lg2sz(c));
			/* Forced features are on, unknown ones off. */
			REQUIRE((c->features & PT_FORCE_ENABLED_FEATURES) ==
				(unsigned)PT_FORCE_ENABLED_FEATURES);
			REQUIRE((c->features & ~(unsigned)(PT_SUPPORTED_FEATURES |
							   PT_FORCE_ENABLED_FEATURES)) == 0);
			/* The top table is naturally aligned to its size. */
			unsigned lg2 = pt_top_memsize_lg2(c, r.top_level);
			REQUIRE(((uintptr_t)r.top_table & ((uintptr_t(1) << lg2) - 1)) == 0);
		}
	}
}

GPT_TEST("fmt", "log2_helpers_at_extremes")
{
	REQUIRE(log2_to_max_int(0) == 0);
	REQUIRE(log2_to_max_int(1) == 1);
	REQUIRE(log2_to_max_int(63) == (~0ULL >> 1));
	REQUIRE(log2_to_max_int(64) == ~0ULL);
	REQUIRE(log2_to_int(0) == 1);
	REQUIRE(log2_to_int(63) == (1ULL << 63));
	REQUIRE(log2_div(~0ULL, 64) == 0);
	REQUIRE(log2_div(~0ULL, 0) == ~0ULL);
	REQUIRE(log2_div(~0ULL, 63) == 1);
	REQUIRE(log2_mul(1, 64) == 0);
	REQUIRE(log2_mul(1, 63) == (1ULL << 63));
	REQUIRE(log2_mod(~0ULL, 64) == ~0ULL);
	REQUIRE(log2_mod(~0ULL, 0) == 0);
	REQUIRE(log2_div_eq(0, ~0ULL, 64));
	REQUIRE(!log2_div_eq(0, ~0ULL, 63));
	REQUIRE(log2_div_eq(0x1000, 0x1fff, 12));
	REQUIRE(!log2_div_eq(0x1000, 0x2000, 12));
	REQUIRE(log2_set_mod(~0ULL, 0, 64) == 0);
	REQUIRE(log2_set_mod(~0ULL, 5, 12) == ((~0ULL << 12) | 5));
	REQUIRE(log2_set_mod_max(0, 64) == ~0ULL);
	REQUIRE(log2_set_mod_max(0, 0) == 0);
	REQUIRE(log2_mod_eq_max(~0ULL, 64));
	REQUIRE(log2_ffs(0) == 64);
	REQUIRE(log2_ffs(1ULL << 63) == 63);
	REQUIRE(log2_fls(0) == 0);
	REQUIRE(log2_fls(1) == 1);
	REQUIRE(log2_fls(~0ULL) == 64);
	REQUIRE(log2_ffz(~0ULL) == 64);
	REQUIRE(log2_ffz(0x7) == 3);
}

GPT_TEST("fmt", "best_pgsize")
{
	const u64 sizes = (1ULL << 12) | (1ULL << 21) | (1ULL << 30);
	/* The top of the format's VA type (32 bits for armv7s and x86pae). */
	const pt_vaddr_t all = PT_VADDR_MAX;
	const unsigned int top_lg2 = PT_VADDR_MAX_LG2 - 1;
	REQUIRE(pt_compute_best_pgsize(sizes, 0, (1ULL << 30) - 1, 0) == 30);
	REQUIRE(pt_compute_best_pgsize(sizes, 0, (1ULL << 30) - 2, 0) == 21);
	REQUIRE(pt_compute_best_pgsize(sizes, 0, all, 0) == 30);
	REQUIRE(pt_compute_best_pgsize(sizes, 1ULL << 21, all, 0) == 21);
	REQUIRE(pt_compute_best_pgsize(sizes, 0, all, 1ULL << 12) == 12);
	REQUIRE(pt_compute_best_pgsize(sizes, 0, 0xfff, 0) == 12);
	REQUIRE(pt_compute_best_pgsize(sizes, 0, 0xffe, 0) == 0);
	REQUIRE(pt_compute_best_pgsize(sizes, 0x800, all, 0) == 0);
	REQUIRE(pt_compute_best_pgsize((pt_vaddr_t)1 << top_lg2, 0, all, 0) ==
		top_lg2);
	/* The kernel's 0xfef80000 case: a map ending on an odd boundary. */
	REQUIRE(pt_compute_best_pgsize(sizes, 0xfee00000ULL, 0xfeffffffULL,
				       0xfee00000ULL) == 21);
	REQUIRE(pt_compute_best_pgsize(sizes, 0xfee00000ULL, 0xfef7ffffULL,
				       0xfee00000ULL) == 12);
	REQUIRE(pt_compute_best_pgsize(sizes, 0xfef00000ULL, 0xfef7ffffULL,
				       0xfef00000ULL) == 12);
}

GPT_TEST("fmt", "radix_coverage")
{
	Table t(base_case());
	struct pt_range r = range_of(t);
	struct pt_state pts {};
	pts.range = &r;
	for (unsigned l = 0; l < max_level(t); l++) {
		pts.level = (u8)l;
		unsigned span = pt_table_oa_lg2sz(&pts);
		pts.level = (u8)(l + 1);
		/* One item of level l+1 is exactly one table of level l. */
		REQUIRE(pt_table_item_lg2sz(&pts) == span);
	}
	pts.level = 0;
	REQUIRE(pt_table_item_lg2sz(&pts) == pt_granule_lg2sz(r.common));
	pts.level = (u8)r.top_level;
	REQUIRE(pt_table_oa_lg2sz(&pts) >= r.max_vasz_lg2 -
			(pt_feature(r.common, PT_FEAT_SIGN_EXTEND) ? 0 : 0));
}

GPT_TEST("fmt", "max_va")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			struct pt_range r = range_of(t);
			struct pt_state pts {};
			pts.range = &r;
			pts.level = r.top_level;
			struct pt_common *c = r.common;
			if (!pt_feature(c, PT_FEAT_DYNAMIC_TOP))
				REQUIRE(pt_table_oa_lg2sz(&pts) >= c->max_vasz_lg2);
			/*
			 * The last granule of the aperture maps; one past it does
			 * not. (On 32-bit hosts: the last one map can reach.)
			 */
			u64 end = t.map_end();
			u64 g = t.granule();
			u64 last = end & ~(g - 1);
			REQUIRE(t.map(last, 0, g) == 0);
			REQUIRE(t.phys(last + g - 1) == g - 1);
			if (end != ~0ULL && end == t.aperture_end() &&
			    Table::api_reaches(end + 1, g) &&
			    !pt_feature(c, PT_FEAT_SIGN_EXTEND))
				REQUIRE(t.map(end + 1, 0, g) == -ERANGE);
			REQUIRE(t.unmap(last, g) == g);
		}
	}
}

GPT_TEST("fmt", "possible_sizes_per_level")
{
	Table t(base_case());
	struct pt_range r = range_of(t);
	struct pt_state pts {};
	pts.range = &r;
	u64 all = 0;
	for (unsigned l = 0; l <= max_level(t); l++) {
		pts.level = (u8)l;
		u64 sizes = pt_possible_sizes(&pts);
		if (!pt_can_have_leaf(&pts)) {
			REQUIRE(sizes == 0);
			continue;
		}
		REQUIRE(sizes != 0);
		unsigned isz = pt_table_item_lg2sz(&pts);
		/* Leaves are at least an item, at most a whole table. */
		REQUIRE((sizes & log2_to_max_int(isz)) == 0);
		REQUIRE(log2_fls(sizes) - 1 < pt_table_oa_lg2sz(&pts));
		all |= sizes;
	}
	REQUIRE((unsigned long)all == (t.pgsizes() | (unsigned long)(all & ~(u64)t.pgsizes() &
		~log2_to_max_int(common_from_iommu(t.iommu())->max_vasz_lg2))));
}

GPT_TEST("fmt", "table_pointer_round_trip")
{
	Table t(base_case());
	struct pt_range r = range_of(t);
	for (unsigned l = 1; l <= max_level(t); l++) {
		DYNAMIC_SECTION("level " << l)
		{
			Scratch s(&r, l);
			Scratch lower(&r, l - 1);
			struct pt_write_attrs attrs;
			memset(&attrs, 0, sizeof(attrs));
			s.pts.index = 3;
			REQUIRE(pt_load_entry_raw(&s.pts) == PT_ENTRY_EMPTY);
			REQUIRE(pt_install_table(&s.pts, virt_to_phys(lower.mem), &attrs));
			REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_TABLE);
			REQUIRE(pt_table_pa(&s.pts) == virt_to_phys(lower.mem));
			REQUIRE((void *)s.pts.table_lower == lower.mem);
			/* A second install against a stale value must fail. */
			s.pts.entry = 0;
			REQUIRE(!pt_install_table(&s.pts, virt_to_phys(lower.mem), &attrs));
		}
	}
}

GPT_TEST("fmt", "every_oa_bit_round_trips")
{
	for (auto &cc : format_configs()) {
		DYNAMIC_SECTION(cc.name)
		{
			Table t(cc);
			struct pt_range r = range_of(t);
			struct pt_common *c = r.common;
			struct pt_write_attrs attrs;
			memset(&attrs, 0, sizeof(attrs));
			REQUIRE(pt_iommu_set_prot(c, &attrs, IOMMU_READ | IOMMU_WRITE) == 0);
			for (unsigned l = 0; l <= max_level(t); l++) {
				Scratch s(&r, l);
				u64 sizes = pt_possible_sizes(&s.pts);
				for (unsigned sz = 0; sz < 64; sz++) {
					if (!(sizes & (1ULL << sz)))
						continue;
					unsigned n_lg2 = sz - pt_table_item_lg2sz(&s.pts);
					/* Leaves below the wide size reach only the narrow OA. */
					unsigned oasz = c->max_oasz_lg2;
					if (sz < pt_wide_leaf_lg2(c))
						oasz = std::min(oasz, pt_narrow_oa_lg2(c));
					for (unsigned b = sz; b < oasz; b++) {
						u64 oa = 1ULL << b;
						INFO("level " << l << " size 2^" << sz << " oa bit " << b);
						s.pts.index = (unsigned int)(1u << n_lg2) %
							      (unsigned int)(1u << pt_num_items_lg2(&s.pts));
						pt_install_leaf_entry(&s.pts, oa, sz, &attrs);
						REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_OA);
						REQUIRE(pt_entry_oa(&s.pts) == oa);
						REQUIRE(pt_entry_oa_lg2sz(&s.pts) == sz);
						REQUIRE(pt_entry_num_contig_lg2(&s.pts) == n_lg2);
						pt_clear_entries(&s.pts, n_lg2);
						REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_EMPTY);
					}
				}
			}
		}
	}
}

GPT_TEST("fmt", "attributes_round_trip")
{
	Table t(base_case());
	struct pt_range r = range_of(t);
	struct pt_common *c = r.common;
	const int prots[] = { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
			      IOMMU_READ | IOMMU_CACHE, IOMMU_READ | IOMMU_NOEXEC,
			      IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO,
			      IOMMU_READ | IOMMU_PRIV };
	Scratch s(&r, 0);
	for (int prot : prots) {
		DYNAMIC_SECTION("prot " << prot)
		{
			struct pt_write_attrs a1, a2;
			memset(&a1, 0, sizeof(a1));
			memset(&a2, 0, sizeof(a2));
			REQUIRE(pt_iommu_set_prot(c, &a1, prot) == 0);
			s.pts.index = 0;
			pt_install_leaf_entry(&s.pts, 0x40ULL << pt_granule_lg2sz(c),
					      pt_granule_lg2sz(c), &a1);
			REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_OA);
			u64 first = s.pts.entry;
			pt_attr_from_entry(&s.pts, &a2);
			s.pts.index = 1;
			pt_install_leaf_entry(&s.pts, 0x40ULL << pt_granule_lg2sz(c),
					      pt_granule_lg2sz(c), &a2);
			REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_OA);
			REQUIRE(s.pts.entry == first);
			s.pts.index = 0;
			pt_clear_entries(&s.pts, 0);
			s.pts.index = 1;
			pt_clear_entries(&s.pts, 0);
		}
	}
}

/*
 * Every leaf size the format can write reads back as written, at OA 0 and
 * with the write attributes map would use: size, contiguous count, OA and
 * the dirty state of the whole leaf when any of its items is made dirty.
 * Run for every shape and each format feature on its own. (AMDv1 with
 * encrypted tables and the C-bit at 47 wrote 2^48..2^51 leaves whose size
 * code ran into the C-bit: a 2^49 leaf read back as a 2^48 one.)
 */
GPT_TEST("fmt", "leaf_sizes_round_trip_with_each_feature")
{
	std::vector<unsigned> extras = { 0 };
	for (unsigned b = PT_FEAT_FMT_START; b < 32; b++)
		if (format_features() & (1u << b))
			extras.push_back(1u << b);
	for (auto &cc : format_configs()) {
		for (unsigned extra : extras) {
			Table t(cc, extra);
			if (t.init_ret)
				continue;
			struct pt_range r = range_of(t);
			struct pt_common *c = r.common;
			struct pt_write_attrs attrs;
			memset(&attrs, 0, sizeof(attrs));
			REQUIRE(pt_iommu_set_prot(c, &attrs, IOMMU_READ | IOMMU_WRITE) == 0);
			for (unsigned l = 0; l <= max_level(t); l++) {
				Scratch s(&r, l);
				u64 sizes = pt_possible_sizes(&s.pts);
				for (unsigned sz = 0; sz < 64; sz++) {
					if (!(sizes & (1ULL << sz)))
						continue;
					INFO(cc.name << " +features " << extra << " level " << l
						     << " size 2^" << sz);
#ifdef AMDV1PT_NL_SIZED
					/* Encrypted AMDv1: no leaf above 2^C. */
					if (pt_feature(c, PT_FEAT_AMDV1_ENCRYPT_TABLES))
						REQUIRE(sz <= log2_ffs(genericpt_sme_me_mask));
#endif
					unsigned n_lg2 = sz - pt_table_item_lg2sz(&s.pts);
					unsigned items = 1u << pt_num_items_lg2(&s.pts);
					unsigned first = (1u << n_lg2) % items;
					unsigned last = first + (1u << n_lg2) - 1;
					s.pts.index = first;
					pt_install_leaf_entry(&s.pts, 0, sz, &attrs);
					for (unsigned i : { first, last }) {
						s.pts.index = i;
						REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_OA);
						REQUIRE(pt_entry_oa(&s.pts) == 0);
						REQUIRE(pt_entry_oa_lg2sz(&s.pts) == sz);
						REQUIRE(pt_entry_num_contig_lg2(&s.pts) == n_lg2);
					}
#ifdef pt_entry_is_write_dirty
					if (pt_dirty_supported(c)) {
						s.pts.index = first;
						pt_load_entry(&s.pts);
						REQUIRE(!pt_entry_is_write_dirty(&s.pts));
						s.pts.index = last;
						pt_load_entry(&s.pts);
						REQUIRE(pt_entry_make_write_dirty(&s.pts));
						s.pts.index = first;
						pt_load_entry(&s.pts);
						REQUIRE(pt_entry_is_write_dirty(&s.pts));
						pt_entry_make_write_clean(&s.pts);
						s.pts.index = last;
						pt_load_entry(&s.pts);
						REQUIRE(!pt_entry_is_write_dirty(&s.pts));
					}
#endif
					s.pts.index = first;
					pt_load_entry(&s.pts);
					pt_clear_entries(&s.pts, n_lg2);
					REQUIRE(pt_load_entry(&s.pts) == PT_ENTRY_EMPTY);
				}
			}
		}
	}
	REQUIRE(genericpt_warn_count() == 0);
}
