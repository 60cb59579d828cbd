// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// genericpt-demo: for every built format (or the ones named on the command
// line) create a table, map a few ranges of different sizes, translate
// IOVAs, dump the table, unmap everything, free the table and check that no
// table memory leaked. Exits non-zero on any unexpected result.
#include "format.h"
#include "layout.h"
#include "walk.h"

#include <fmt/format.h>

#include <cstring>

namespace {

using gpt::Format;
using gpt::hex;
using gpt::size_str;

struct Range {
	std::uint64_t iova;
	std::uint64_t pa;
	std::uint64_t size;
	int prot;
	std::string what;
};

class Demo {
public:
	explicit Demo(const Format &f) : f_(f) {}

	bool run()
	{
		genericpt_alloc_stats before;
		genericpt_get_alloc_stats(&before);
		const unsigned long warns = genericpt_warn_count();

		const gpt::Layout l = gpt::discover(f_, {});
		auto t = f_.create({});
		fmt::print("== {}: {}\n", f_.name(), f_.title());
		fmt::print("   {} levels, {} granule, {}-bit VA, {}-bit OA; hw_info {}\n",
			   t->levels(), size_str(1ULL << l.granule_lg2), l.va_bits, l.oa_bits,
			   t->hw_info().dump());

		const std::vector<Range> ranges = pick_ranges(l);
		for (const Range &r : ranges) {
			int err = t->try_map(r.iova, r.pa, r.size, r.prot);
			fmt::print("   map   {:#014x} -> {:#012x} {:>8} {:<2}  {}{}\n", r.iova, r.pa,
				   size_str(r.size), gpt::prot_str(r.prot), r.what,
				   err ? ": " + gpt::errno_text(err) : "");
			expect(err == 0, "map failed");
		}
		// A second map of the first range must be refused, leaving it intact.
		int err = t->try_map(ranges[0].iova, ranges[0].pa, ranges[0].size, IOMMU_READ);
		fmt::print("   map   {:#014x} again: {}\n", ranges[0].iova, gpt::errno_text(err));
		expect(err == -EADDRINUSE, "overlapping map was not refused with -EADDRINUSE");

		for (const Range &r : ranges)
			for (std::uint64_t off : {std::uint64_t(0), r.size / 2 + 0x123, r.size - 1})
				translate(*t, r.iova + off, r.pa + off);
		translate(*t, ranges[0].iova - (1ULL << l.granule_lg2), 0);

		fmt::print("{}", gpt::dump_tree(*t, "   "));
		gpt::TableCounts c = gpt::count_tables(*t);
		fmt::print("   {} leaves map {} using {} tables ({})\n", c.leaves,
			   size_str(c.mapped_bytes), c.tables, size_str(c.table_bytes));
		std::uint64_t want = 0;
		for (const Range &r : ranges)
			want += r.size;
		expect(c.mapped_bytes == want, "the dump does not add up to the mapped bytes");

		for (const Range &r : ranges) {
			std::uint64_t n = t->unmap(r.iova, r.size);
			fmt::print("   unmap {:#014x} {:>8}: {}\n", r.iova, size_str(r.size),
				   size_str(n));
			expect(n == r.size, "unmap returned the wrong size");
			expect(t->iova_to_phys(r.iova) == 0, "still mapped after unmap");
		}
		t.reset();

		genericpt_alloc_stats after;
		genericpt_get_alloc_stats(&after);
		expect(after.live_tables == before.live_tables &&
			       after.live_bytes == before.live_bytes,
		       "table memory leaked");
		expect(genericpt_warn_count() == warns, "the library hit a WARN_ON");
		fmt::print("   {}: {}\n\n", f_.name(),
			   failures_ ? fmt::format("{} FAILED checks", failures_) :
				       std::string("ok, all table memory freed"));
		return failures_ == 0;
	}

private:
	// A few ranges of different sizes: one granule, 16 granules (a
	// contiguous entry where the format has one), one leaf of the next
	// level, and a range mixing both sizes across a boundary (32 and 35
	// granules for a format without level-1 leaves).
	std::vector<Range> pick_ranges(const gpt::Layout &l)
	{
		const unsigned g = l.granule_lg2;
		const auto level1 = l.item_leaf_lg2(1);
		const unsigned big = level1.value_or(g + 5);
		const unsigned region = big + 2;
		std::uint64_t base = l.aligned_va(region, 2ULL << region).value_or(0);
		if (auto b = l.aligned_va(region, 3ULL << region); b)
			base = *b + (1ULL << region); // away from VA 0 when there is room
		// Output addresses from 2 GiB (or the top half of a smaller OA
		// space), aligned like the IOVAs.
		const unsigned pa_lg2 = std::max(region, std::min(l.oa_bits - 1, 31u));
		const std::uint64_t pa = (1ULL << pa_lg2) + (base & ((1ULL << region) - 1));
		auto at = [&](std::uint64_t off, std::uint64_t size, int prot, std::string what) {
			return Range{base + off, pa + off, size, prot, std::move(what)};
		};
		return {
			at(1ULL << g, 1ULL << g, IOMMU_READ | IOMMU_WRITE, "one granule"),
			at(16ULL << g, 16ULL << g, IOMMU_READ | IOMMU_WRITE, "16 granules"),
			at(1ULL << big, 1ULL << big, IOMMU_READ,
			   level1 ? "one level-1 leaf" : "32 granules"),
			at((3ULL << big) - (3ULL << g), (1ULL << big) + (3ULL << g),
			   IOMMU_READ | IOMMU_WRITE,
			   level1 ? "3 granules + a level-1 leaf" : "35 granules"),
		};
	}

	void translate(gpt::Table &t, std::uint64_t iova, std::uint64_t want)
	{
		std::uint64_t got = t.iova_to_phys(iova);
		fmt::print("   translate {:#014x} -> {}{}\n", iova,
			   got ? hex(got) : std::string("not mapped"),
			   got == want ? "" : fmt::format("  (expected {})", hex(want)));
		expect(got == want, "wrong translation");
	}

	void expect(bool ok, std::string_view what)
	{
		if (ok)
			return;
		failures_++;
		fmt::print(stderr, "genericpt-demo: {}: {}\n", f_.name(), what);
	}

	const Format &f_;
	unsigned failures_ = 0;
};

} // namespace

int main(int argc, char **argv)
{
	std::vector<const Format *> list;

	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help")) {
			fmt::print("usage: genericpt-demo [FMT...]\nformats: {}\n",
				   gpt::format_list());
			return 0;
		}
		const Format *f = gpt::find_format(argv[i]);
		if (!f) {
			fmt::print(stderr, "genericpt-demo: unknown format '{}' (built: {})\n",
				   argv[i], gpt::format_list());
			return 2;
		}
		list.push_back(f);
	}
	if (list.empty())
		list.assign(gpt::formats().begin(), gpt::formats().end());

	unsigned failed = 0;
	for (const Format *f : list) {
		try {
			if (!Demo(*f).run())
				failed++;
		} catch (const std::exception &e) {
			fmt::print(stderr, "genericpt-demo: {}: {}\n", f->name(), e.what());
			failed++;
		}
	}
	fmt::print("genericpt-demo: {} of {} formats ok\n", list.size() - failed, list.size());
	return failed ? 1 : 0;
}
