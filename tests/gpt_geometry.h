// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The shape of a table, found through the public API only (so every format
 * gets it for free): granule, the VA span of one item at each level, the
 * top level and its span, the aperture and whether the VA space is
 * sign-extended (two halves). Include after gpt_harness.h.
 */
#pragma once

#include "gpt_harness.h"

namespace gpt {

/* Shape of a table: granule, VA span of one item per level. */
struct Geometry {
	u64 g = 0;
	unsigned top_level = 0;
	unsigned top_span_lg2 = 0;
	std::vector<unsigned> item_lg2; /* by level */
	u64 ap_start = 0, ap_end = 0;
	bool sext = false;

	u64 item(unsigned level) const
	{
		return level < item_lg2.size() && item_lg2[level] ?
			       u64(1) << item_lg2[level] :
			       0;
	}
};

/* Probe a fresh table of @cc: which levels exist and what they span. */
inline Geometry probe(const ConfigCase &cc)
{
	Geometry geo;
	Table t(cc);
	REQUIRE(t.init_ret == 0);
	geo.g = t.granule();
	geo.ap_start = t.t.iommu.domain.geometry.aperture_start;
	geo.ap_end = t.aperture_end();
	for (auto &v : t.tables())
		geo.top_level = std::max(geo.top_level, v.second);
	/* The top table's span, from its TABLE visit. */
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			if (v->kind == PT_VISIT_TABLE) {
				*static_cast<unsigned *>(ctx) = v->size_lg2;
				return 1;
			}
			return 0;
		},
		&geo.top_span_lg2);
	/*
	 * Item spans per level from a walk to a leaf; a dynamic top is grown
	 * first so that the levels above the starting one are known too.
	 */
	REQUIRE(t.map(geo.ap_start, 0, geo.g) == 0);
	u64 far = u64(1) << 40;
	bool grown = (cc.features & (1u << PT_FEAT_DYNAMIC_TOP)) &&
		     far <= geo.ap_end && sizeof(unsigned long) == 8;
	if (grown)
		REQUIRE(t.map(far, 0, geo.g) == 0);
	std::map<unsigned, unsigned> items;
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			auto *m = static_cast<std::map<unsigned, unsigned> *>(ctx);
			if (v->kind == PT_VISIT_POINTER)
				(*m)[v->level] = v->size_lg2;
			if (v->kind == PT_VISIT_LEAF)
				(*m)[v->level] = v->size_lg2 - v->num_contig_lg2;
			return 0;
		},
		&items);
	for (auto &[level, lg2] : items) {
		if (geo.item_lg2.size() <= level)
			geo.item_lg2.resize(level + 1, 0);
		geo.item_lg2[level] = lg2;
	}
	if (grown)
		REQUIRE(t.unmap(far, geo.g) == geo.g);
	REQUIRE(t.unmap(geo.ap_start, geo.g) == geo.g);
	/* Sign-extended: the top page of the 64-bit space is mapable. */
	if (sizeof(unsigned long) == 8 && geo.ap_start == 0 &&
	    geo.ap_end != ~u64(0)) {
		u64 upper = ~u64(0) - geo.g + 1;
		size_t mapped = 0;
		if (GPT_CALL(map_pages)(t.dom(), (unsigned long)upper, 0,
					(size_t)geo.g, 1, IOMMU_READ, GFP_KERNEL,
					&mapped) == 0) {
			geo.sext = true;
			REQUIRE(t.unmap(upper, geo.g) == geo.g);
		}
	}
	return geo;
}

/* Can the test address VAs from this config through unsigned long? */
inline bool usable(const Geometry &geo)
{
	return sizeof(unsigned long) == 8 || geo.ap_start < (u64(1) << 31);
}

/* Bytes from @base to the end of its half of the aperture, capped at @want. */
inline u64 window_at(const Geometry &geo, u64 base, u64 want)
{
	u64 room;
	if (base >= geo.ap_start && base <= geo.ap_end)
		room = geo.ap_end - base + 1;
	else if (geo.sext && base > geo.ap_end)
		room = ~base + 1;
	else
		return 0;
	if (room == 0) /* the whole 64-bit space */
		room = ~u64(0);
	if (sizeof(unsigned long) == 4)
		room = base < (u64(1) << 31) ?
			       std::min(room, (u64(1) << 31) - base) :
			       0;
	return std::min(room, want);
}

} // namespace gpt
