// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Tree dump, raw JSON image and counts of a table (see walk.h).
#include "walk.h"

#include <fmt/format.h>

#include <cstring>

namespace gpt {

static std::string va_range(std::uint64_t va, unsigned lg2)
{
	std::uint64_t last = lg2 >= 64 ? ~0ULL : va + ((1ULL << lg2) - 1);
	return fmt::format("{:#x}-{:#x}", va, last);
}

std::string dump_tree(Table &t, std::string_view indent)
{
	fmt::memory_buffer out;
	const unsigned top = t.top_level();
	const unsigned features = t.common().features;
	auto it = std::back_inserter(out);

	t.for_each_entry([&](const pt_iommu_visit &v) {
		const unsigned depth = 2 * (top - v.level);
		const unsigned words = 2u << v.item_size_lg2; // hex digits
		switch (v.kind) {
		case PT_VISIT_TABLE:
			fmt::format_to(it, "{}{:{}}L{} table @{:#x}  {}, {} x {} B  va {}\n",
				       indent, "", depth, v.level, v.table_pa,
				       size_str(1ULL << v.table_size_lg2),
				       1ULL << v.num_items_lg2, 1u << v.item_size_lg2,
				       va_range(v.va, v.size_lg2));
			break;
		case PT_VISIT_POINTER:
			fmt::format_to(it, "{}{:{}}[{:4}] ptr   va {} -> table @{:#x}  raw {:#0{}x}\n",
				       indent, "", depth + 2, v.index, va_range(v.va, v.size_lg2), v.oa,
				       v.raw, words + 2);
			break;
		case PT_VISIT_LEAF: {
			std::string attrs = t.format().attributes(v, features);
			if (v.num_contig_lg2)
				attrs += fmt::format(" contig x{}", 1u << v.num_contig_lg2);
			if (v.dirty)
				attrs += " dirty";
			fmt::format_to(it, "{}{:{}}[{:4}] leaf  va {} {} -> oa {:#x}  {}  raw {:#0{}x}\n",
				       indent, "", depth + 2, v.index, va_range(v.va, v.size_lg2),
				       size_str(1ULL << v.size_lg2), v.oa, attrs, v.raw,
				       words + 2);
			break;
		}
		}
	});
	return fmt::to_string(out);
}

nlohmann::json table_image(Table &t)
{
	nlohmann::json tables = nlohmann::json::array();
	unsigned entry_lg2 = 3;

	t.for_each_entry([&](const pt_iommu_visit &v) {
		if (v.kind != PT_VISIT_TABLE)
			return;
		const auto *mem = static_cast<const unsigned char *>(phys_to_virt(v.table_pa));
		const std::uint64_t bytes = 1ULL << v.table_size_lg2;
		const unsigned esz = 1u << v.item_size_lg2;
		nlohmann::json entries = nlohmann::json::array();

		entry_lg2 = v.item_size_lg2;
		for (std::uint64_t off = 0; off + esz <= bytes; off += esz) {
			if (esz == 8) {
				std::uint64_t w;
				std::memcpy(&w, mem + off, 8);
				entries.push_back(fmt::format("{:#018x}", w));
			} else {
				std::uint32_t w;
				std::memcpy(&w, mem + off, 4);
				entries.push_back(fmt::format("{:#010x}", w));
			}
		}
		tables.push_back({{"phys", hex(v.table_pa)},
				  {"level", v.level},
				  {"size", bytes},
				  {"va", hex(v.va)},
				  {"entries", std::move(entries)}});
	});

	nlohmann::json hw = t.hw_info();
	hw["root"] = hex(t.root());
	return {{"format", t.format().name()},
		{"levels", t.levels()},
		{"top_level", t.top_level()},
		{"va_bits", t.common().max_vasz_lg2},
		{"oa_bits", t.common().max_oasz_lg2},
		{"granule", t.pgsize_bitmap() & -t.pgsize_bitmap()},
		{"entry_bytes", 1u << entry_lg2},
		{"features", t.format().feature_names(t.common().features)},
		{"hw_info", std::move(hw)},
		{"tables", std::move(tables)}};
}

TableCounts count_tables(Table &t)
{
	TableCounts c;

	t.for_each_entry([&](const pt_iommu_visit &v) {
		if (v.kind == PT_VISIT_TABLE) {
			c.per_level[v.level]++;
			c.tables++;
			c.table_bytes += 1ULL << v.table_size_lg2;
		} else if (v.kind == PT_VISIT_LEAF) {
			c.leaves++;
			c.mapped_bytes += 1ULL << v.size_lg2;
		}
	});
	return c;
}

} // namespace gpt
