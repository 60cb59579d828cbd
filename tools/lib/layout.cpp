// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Layout discovery through the public API (see layout.h).
#include "layout.h"

#include <fmt/format.h>

#include <bit>
#include <cerrno>

namespace gpt {

std::optional<std::uint64_t> Layout::aligned_va(unsigned lg2, std::uint64_t span) const
{
	if (lg2 >= 64 || span == 0)
		return std::nullopt;
	std::uint64_t align = 1ULL << lg2;
	std::uint64_t va = (aperture_start + align - 1) & ~(align - 1);
	if (va < aperture_start || va > aperture_end || span - 1 > aperture_end - va)
		return std::nullopt;
	return va;
}

std::optional<unsigned> Layout::item_leaf_lg2(unsigned lvl) const
{
	if (lvl >= level.size() || !level[lvl].seen)
		return std::nullopt;
	for (unsigned lg2 : level[lvl].leaf_lg2)
		if (lg2 == level[lvl].item_va_lg2)
			return lg2;
	return std::nullopt;
}

static void note_table(Layout &l, const pt_iommu_visit &v, unsigned top_level)
{
	if (v.kind != PT_VISIT_TABLE)
		return;
	if (v.level >= l.level.size())
		l.level.resize(v.level + 1);
	l.entry_size_lg2 = v.item_size_lg2;
	if (v.level == top_level && !l.top_table_size_lg2) {
		l.top_table_size_lg2 = v.table_size_lg2;
		// The top's item span is the level's; its size may be special.
		if (!l.level[v.level].seen) {
			l.level[v.level].items_lg2 = v.num_items_lg2;
			l.level[v.level].item_va_lg2 = v.size_lg2 - v.num_items_lg2;
			l.level[v.level].entry_size_lg2 = v.item_size_lg2;
			l.level[v.level].table_size_lg2 = v.table_size_lg2;
			l.level[v.level].seen = true;
		}
		return;
	}
	auto &lv = l.level[v.level];
	lv.seen = true;
	lv.table_size_lg2 = v.table_size_lg2;
	lv.items_lg2 = v.num_items_lg2;
	lv.item_va_lg2 = v.size_lg2 - v.num_items_lg2;
	lv.entry_size_lg2 = v.item_size_lg2;
}

Layout discover(const Format &f, const Knobs &k)
{
	Layout l;
	auto t = f.create(k);
	const pt_common &c = t->common();

	l.format = std::string(f.name());
	l.top_level = t->top_level();
	l.levels = t->levels();
	l.va_bits = c.max_vasz_lg2;
	l.oa_bits = c.max_oasz_lg2;
	l.pgsize_bitmap = t->pgsize_bitmap();
	l.granule_lg2 = static_cast<unsigned>(std::countr_zero(l.pgsize_bitmap));
	l.aperture_start = t->domain().geometry.aperture_start;
	l.aperture_end = t->domain().geometry.aperture_end;
	l.features = c.features;
	l.forced = c.features & ~k.features;
	l.hw_info = t->hw_info();
	l.level.resize(l.top_level + 1);
	t->for_each_entry([&](const pt_iommu_visit &v) { note_table(l, v, l.top_level); });

	// One page of every size: which level holds it, how many items it fuses.
	for (unsigned lg2 = 0; lg2 != 64; lg2++) {
		if (!(l.pgsize_bitmap >> lg2 & 1))
			continue;
		std::uint64_t size = 1ULL << lg2;
		auto va = l.aligned_va(lg2, size);
		if (!va)
			continue;
		// OA aligned to the size but not to twice it: exactly this size.
		std::uint64_t pa = l.oa_bits >= lg2 + 1 ? size : 0;
		if (int err = t->try_map(*va, pa, size, IOMMU_READ | IOMMU_WRITE))
			throw LibError(fmt::format("{}: probing {} pages: map", f.name(),
						   lg2_size_str(lg2)),
				       *va, err);
		t->for_each_entry([&](const pt_iommu_visit &v) {
			note_table(l, v, l.top_level);
			if (v.kind == PT_VISIT_LEAF && v.size_lg2 == lg2) {
				l.leaves[lg2] = Leaf{v.level, v.num_contig_lg2};
				if (v.level < l.level.size())
					l.level[v.level].leaf_lg2.push_back(lg2);
			}
		});
		t->unmap(*va, size);
	}

	// Features: everything init does not refuse with -EOPNOTSUPP.
	for (unsigned b = 0; b != f.feature_count(); b++) {
		Knobs fk = k;
		fk.features |= 1u << b;
		try {
			f.create(fk);
			l.supported |= 1u << b;
		} catch (const LibError &e) {
			if (e.err() != -EOPNOTSUPP)
				l.supported |= 1u << b;
		} catch (const std::invalid_argument &) {
			l.supported |= 1u << b;
		}
	}
	return l;
}

nlohmann::json to_json(const Format &f, const Layout &l)
{
	nlohmann::json levels = nlohmann::json::array();

	for (unsigned i = l.level.size(); i-- > 0;) {
		const auto &lv = l.level[i];
		nlohmann::json leaves = nlohmann::json::array();
		for (unsigned lg2 : lv.leaf_lg2)
			leaves.push_back({{"size", hex(1ULL << lg2)},
					  {"items", 1u << l.leaves.at(lg2).contig_lg2}});
		levels.push_back({{"level", i},
				  {"table_bytes", lv.seen ? 1ULL << lv.table_size_lg2 : 0},
				  {"items", lv.seen ? 1ULL << lv.items_lg2 : 0},
				  {"item_va_bytes", lv.seen ? hex(1ULL << lv.item_va_lg2) : "0x0"},
				  {"leaf_sizes", leaves}});
	}
	return {{"format", l.format},
		{"title", f.title()},
		{"levels", l.levels},
		{"top_level", l.top_level},
		{"granule", 1ULL << l.granule_lg2},
		{"entry_bytes", 1u << l.entry_size_lg2},
		{"va_bits", l.va_bits},
		{"oa_bits", l.oa_bits},
		{"aperture", {hex(l.aperture_start), hex(l.aperture_end)}},
		{"pgsize_bitmap", hex(l.pgsize_bitmap)},
		{"features",
		 {{"supported", f.feature_names(l.supported)},
		  {"forced", f.feature_names(l.forced)},
		  {"enabled", f.feature_names(l.features)}}},
		{"top_table_bytes", 1ULL << l.top_table_size_lg2},
		{"per_level", levels},
		{"hw_info", l.hw_info}};
}

} // namespace gpt
