// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// What a format's table looks like, found through the public API only:
// the table's geometry and features from init and pt_common, the leaf sizes
// of each level by mapping one page of every size in pgsize_bitmap and
// looking where for_each_entry finds it, table sizes from the tables those
// probes create. So `genericpt info`, the benchmark and the demo describe
// every format the same way, without per-format knowledge.
#pragma once

#include "format.h"

#include <map>

namespace gpt {

struct LevelLayout {
	bool seen = false;             // a table of this level was observed
	unsigned table_size_lg2 = 0;   // bytes of a table (the top may differ)
	unsigned items_lg2 = 0;        // items per table
	unsigned item_va_lg2 = 0;      // VA span of one item
	unsigned entry_size_lg2 = 0;   // 2: 32-bit words, 3: 64-bit words
	std::vector<unsigned> leaf_lg2; // leaf sizes stored at this level
};

struct Leaf {
	unsigned level = 0;
	unsigned contig_lg2 = 0; // items fused into one entry (log2)
};

struct Layout {
	std::string format;
	unsigned top_level = 0;
	unsigned levels = 0;
	unsigned granule_lg2 = 0;
	unsigned va_bits = 0;
	unsigned oa_bits = 0;
	unsigned entry_size_lg2 = 3;
	std::uint64_t aperture_start = 0;
	std::uint64_t aperture_end = 0;
	std::uint64_t pgsize_bitmap = 0;
	unsigned features = 0;  // in force for the default table
	unsigned forced = 0;    // in force although not asked for
	unsigned supported = 0; // init does not refuse them with -EOPNOTSUPP
	unsigned top_table_size_lg2 = 0;
	nlohmann::json hw_info;
	std::vector<LevelLayout> level; // index = level, 0..top_level
	std::map<unsigned, Leaf> leaves; // by leaf size lg2

	// The lowest VA of the aperture aligned to 2^lg2 with @span bytes of
	// aperture from it; nullopt if none fits.
	std::optional<std::uint64_t> aligned_va(unsigned lg2, std::uint64_t span) const;
	// The leaf size of @level's item, if that level holds such leaves.
	std::optional<unsigned> item_leaf_lg2(unsigned level) const;
};

Layout discover(const Format &f, const Knobs &k);
nlohmann::json to_json(const Format &f, const Layout &l);

} // namespace gpt
