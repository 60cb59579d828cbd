// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Views of a live table built on pt_iommu_ops::for_each_entry: the indented
// tree dump, the raw JSON image an outside walker can use, and counts.
#pragma once

#include "format.h"

#include <cstdio>
#include <map>

namespace gpt {

// The table as an indented tree: tables, pointers and leaves with their
// level, index, VA range, output address, attributes and raw word.
std::string dump_tree(Table &t, std::string_view indent = "");

// {format, levels, top_level, va_bits, oa_bits, granule, entry_bytes,
//  hw_info: {...format fields..., root}, tables: [{phys, level, size,
//  entries: ["0x..."]}]} with every word of every table, top table first.
nlohmann::json table_image(Table &t);

struct TableCounts {
	std::map<unsigned, std::uint64_t> per_level; // tables by level
	std::uint64_t tables = 0;
	std::uint64_t table_bytes = 0;
	std::uint64_t leaves = 0;
	std::uint64_t mapped_bytes = 0;
};
TableCounts count_tables(Table &t);

} // namespace gpt
