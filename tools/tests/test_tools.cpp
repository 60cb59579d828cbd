// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Unit tests of the tools' building blocks: number/prot parsing, the ops
// file and ftrace parsers, layout discovery and the raw table image, for
// every format compiled into the tools.
#include "json_memory.h"

#include "format.h"
#include "layout.h"
#include "ops_file.h"
#include "trace.h"
#include "walk.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <sstream>

using namespace gpt;

TEST_CASE("parse_u64 takes hex, decimal and binary suffixes", "[tools]")
{
	CHECK(parse_u64("0x1000") == 0x1000u);
	CHECK(parse_u64("4096") == 4096u);
	CHECK(parse_u64("4K") == 4096u);
	CHECK(parse_u64("2M") == (2u << 20));
	CHECK(parse_u64("1G") == (1ULL << 30));
	CHECK(parse_u64("0xffffffffffffffff") == ~0ULL);
	CHECK_FALSE(parse_u64(""));
	CHECK_FALSE(parse_u64("0x"));
	CHECK_FALSE(parse_u64("12q"));
	CHECK_FALSE(parse_u64("0x1g"));
	CHECK_FALSE(parse_u64("99999999999T")); // overflows
}

TEST_CASE("parse_prot takes letters, names and numbers", "[tools]")
{
	CHECK(parse_prot("rw") == (IOMMU_READ | IOMMU_WRITE));
	CHECK(parse_prot("r") == IOMMU_READ);
	CHECK(parse_prot("READ|WRITE|NOEXEC") == (IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC));
	CHECK(parse_prot("IOMMU_READ+IOMMU_MMIO") == (IOMMU_READ | IOMMU_MMIO));
	CHECK(parse_prot("0x3") == 3);
	CHECK_FALSE(parse_prot("rx"));
	CHECK_FALSE(parse_prot("READ|EXEC"));
	CHECK(prot_str(IOMMU_READ | IOMMU_WRITE) == "rw");
}

TEST_CASE("sizes print in exact binary units", "[tools]")
{
	CHECK(size_str(4096) == "4 KiB");
	CHECK(size_str(2060 << 10) == "2060 KiB");
	CHECK(size_str(1ULL << 30) == "1 GiB");
	CHECK(size_str(1500) == "1500 B");
	CHECK(size_str((1ULL << 30) + 4096) == "1.00 GiB");
	CHECK(size_str(3ULL << 29 | 1) == "1.50 GiB");
	CHECK(lg2_size_str(12) == "4K");
	CHECK(lg2_size_str(21) == "2M");
	CHECK(lg2_size_str(40) == "1T");
}

TEST_CASE("library errors print as the CLI promises", "[tools]")
{
	CHECK(errno_text(-EADDRINUSE) == "Address already in use (-EADDRINUSE)");
	CHECK(std::string(LibError("map", 0x1000, -EADDRINUSE).what()) ==
	      "map 0x1000: Address already in use (-EADDRINUSE)");
}

TEST_CASE("ops files parse and report bad lines with their number", "[tools]")
{
	std::istringstream good("# comment\n"
				"map 0x1000 0x80001000 4K rw  # trailing\n"
				"\n"
				"map 0x200000 0x200000 2M\n"
				"unmap 0x1000 0x1000\ncut 0x201000\ndirty 0x1000\ntranslate 0x1234\n");
	auto ops = parse_ops(good, "t");
	REQUIRE(ops.size() == 6);
	CHECK(ops[0].kind == Op::Kind::map);
	CHECK(ops[0].iova == 0x1000);
	CHECK(ops[0].paddr == 0x80001000);
	CHECK(ops[0].size == 4096);
	CHECK(ops[0].line == 2);
	CHECK(ops[1].prot == (IOMMU_READ | IOMMU_WRITE));
	CHECK(ops[2].kind == Op::Kind::unmap);
	CHECK(ops[5].kind == Op::Kind::translate);

	std::istringstream bad("map 0x1000 0x1000 4K\nmap 0x1000 zz 4K\n");
	CHECK_THROWS_WITH(parse_ops(bad, "f.txt"), Catch::Contains("f.txt:2: bad PADDR"));
	std::istringstream unknown("remap 1 2 3\n");
	CHECK_THROWS_WITH(parse_ops(unknown, "f"), Catch::Contains("f:1: unknown operation"));
	std::istringstream args("unmap 0x1000\n");
	CHECK_THROWS_WITH(parse_ops(args, "f"), Catch::Contains("usage: unmap IOVA SIZE"));
}

TEST_CASE("ftrace iommu events parse in every producer's layout", "[tools]")
{
	TraceEvent ev;
	std::string why;

	SECTION("map with end address (current kernels)")
	{
		REQUIRE(parse_trace_line("  kworker/u16:2-187   [003] d..1.  5000.000123: map: IOMMU: "
					 "iova=0x00000000fffff000 - 0x0000000100000000 "
					 "paddr=0x000000012345f000 size=4096",
					 ev, why) == TraceLine::event);
		CHECK(ev.kind == TraceEvent::Kind::map);
		CHECK(ev.iova == 0xfffff000);
		CHECK(ev.paddr == 0x12345f000);
		CHECK(ev.size == 4096);
	}
	SECTION("map without end address (older kernels)")
	{
		REQUIRE(parse_trace_line("bash-1977 [000] .... 17284.993652: map: IOMMU: "
					 "iova=0x0000000000001000 paddr=0x0000000000002000 size=8192",
					 ev, why) == TraceLine::event);
		CHECK(ev.size == 8192);
	}
	SECTION("unmap, trace-cmd and perf layouts")
	{
		REQUIRE(parse_trace_line("<idle>-0 [001] 1234.5678: unmap:  IOMMU: iova=0x0000000000001000 "
					 "- 0x0000000000003000 size=8192 unmapped_size=8192",
					 ev, why) == TraceLine::event);
		CHECK(ev.kind == TraceEvent::Kind::unmap);
		CHECK(ev.unmapped == 8192);
		REQUIRE(parse_trace_line("fio 2231 [002] 99.000001: iommu:unmap: IOMMU: iova=0x1000 - "
					 "0x2000 size=4096 unmapped_size=0",
					 ev, why) == TraceLine::event);
		CHECK(ev.unmapped == 0);
	}
	SECTION("comments, blank lines and other events")
	{
		CHECK(parse_trace_line("# tracer: nop", ev, why) == TraceLine::ignored);
		CHECK(parse_trace_line("   ", ev, why) == TraceLine::ignored);
		CHECK(parse_trace_line("x-1 [000] .... 1.0: io_page_fault: IOMMU:nvme 0000:05:00.0 "
				       "iova=0x1000 flags=0x0020",
				       ev, why) == TraceLine::other_event);
	}
	SECTION("malformed lines say why")
	{
		CHECK(parse_trace_line("garbage", ev, why) == TraceLine::malformed);
		CHECK(parse_trace_line("x-1 [000] .... 1.0: map: IOMMU: iova=0xzz paddr=0x0 size=1",
				       ev, why) == TraceLine::malformed);
		CHECK(why.find("iova=0xzz") != std::string::npos);
		CHECK(parse_trace_line("x-1 [000] .... 1.0: map: IOMMU: iova=0x1000 size=4096", ev,
				       why) == TraceLine::malformed);
		CHECK(why.find("paddr=") != std::string::npos);
		CHECK(parse_trace_line("x-1 [000] .... 1.0: map: IOMMU: iova=0x1000 - 0x3000 "
				       "paddr=0x0 size=4096",
				       ev, why) == TraceLine::malformed);
		CHECK(parse_trace_line("x-1 [000] .... 1.0: unmap: iova=0x1000 size=4096 "
				       "unmapped_size=4096",
				       ev, why) == TraceLine::malformed);
	}
}

TEST_CASE("amdv1 layout as discovered through the API", "[tools][amdv1]")
{
	const Format *f = find_format("amdv1");
	if (!f)
		return;
	Layout l = discover(*f, {});
	CHECK(l.levels == 4);
	CHECK(l.granule_lg2 == 12);
	CHECK(l.va_bits == 48);
	REQUIRE(l.leaves.count(16));
	CHECK(l.leaves.at(16).level == 0);
	CHECK(l.leaves.at(16).contig_lg2 == 4); // 64 KiB = 16 fused 4 KiB items
	CHECK(l.item_leaf_lg2(1) == 21u);
	CHECK(l.item_leaf_lg2(2) == 30u);
	CHECK_FALSE(l.leaves.count(39)); // no 512 GiB pages
	CHECK((l.supported & (1u << PT_FEAT_DYNAMIC_TOP)));
	CHECK_FALSE((l.supported & (1u << PT_FEAT_SIGN_EXTEND)));

	Knobs k;
	k.levels = 3;
	CHECK(discover(*f, k).va_bits == 39);
	k.levels = 9;
	CHECK_THROWS_AS(f->create(k), std::exception);
}

TEST_CASE("armv8 takes --granule and LPA2; other formats refuse a granule", "[tools][armv8]")
{
	const Format *f = find_format("armv8");
	if (!f)
		return;
	Knobs k;
	k.granule_lg2 = 14;
	k.va_bits = 52;
	k.oa_bits = 52;
	k.features = 1u << *f->feature_bit("lpa2");
	Layout l = discover(*f, k);
	CHECK(l.granule_lg2 == 14);
	CHECK(l.va_bits == 52);
	CHECK(l.oa_bits == 52);
	CHECK(l.leaves.count(36)); // 64 GiB level 1 blocks with LPA2
	auto t = f->create(k);
	const std::uint64_t va = 0xf123456780000ULL & ~0x3fffULL, pa = 0xabcdef0000000ULL;
	t->map(va, pa, 1ULL << 14, IOMMU_READ | IOMMU_WRITE);
	CHECK(t->iova_to_phys(va + 5) == pa + 5);
	nlohmann::json image = table_image(*t);
	CHECK(image["hw_info"]["ds"] == 1);
	CHECK(image["hw_info"]["tsz"] == 12);
	auto walker = tools_test::walker_for(image);
	REQUIRE(walker);
	tools_test::JsonMemory mem(image);
	hw::Translation tr = walker(mem, va + 5);
	REQUIRE(tr.ok());
	CHECK(tr.oa == pa + 5);
	CHECK_FALSE(mem.out_of_range);
	t.reset();

	k = {};
	k.granule_lg2 = 16;
	k.features = 1u << *f->feature_bit("lpa2"); // 4K/16K only
	CHECK_THROWS_AS(f->create(k), LibError);
	if (const Format *a = find_format("amdv1")) {
		Knobs g;
		g.granule_lg2 = 12;
		CHECK_THROWS_AS(a->create(g), std::invalid_argument);
	}
}

TEST_CASE("every format: layout, table image walkable from the root, no leaks", "[tools]")
{
	for (const Format *f : formats()) {
		INFO("format " << f->name());
		genericpt_alloc_stats before, after;
		genericpt_get_alloc_stats(&before);

		Layout l = discover(*f, {});
		std::uint64_t union_of_leaves = 0;
		for (const auto &[lg2, leaf] : l.leaves)
			union_of_leaves |= 1ULL << lg2;
		CHECK(union_of_leaves == l.pgsize_bitmap);
		CHECK(l.level.at(0).seen);
		CHECK(l.item_leaf_lg2(0) == l.granule_lg2);

		auto t = f->create({});
		const std::uint64_t g = 1ULL << l.granule_lg2;
		const unsigned big = l.item_leaf_lg2(1).value_or(l.granule_lg2 + 4);
		const std::uint64_t va = l.aligned_va(big + 1, 2ULL << big).value();
		const std::uint64_t pa = 1ULL << big;
		t->map(va + g, pa + g, g, IOMMU_READ | IOMMU_WRITE);
		t->map(va + (1ULL << big), pa + (1ULL << big), 1ULL << big, IOMMU_READ);
		CHECK_THROWS_AS(t->map(va + g, pa, g, IOMMU_READ), LibError);

		nlohmann::json image = table_image(*t);
		CHECK(image["format"] == std::string(f->name()));
		CHECK(image["tables"][0]["phys"] == image["hw_info"]["root"]);
		CHECK(image["tables"][0]["level"] == t->top_level());
		auto walker = tools_test::walker_for(image);
		if (walker) {
			tools_test::JsonMemory mem(image);
			for (std::uint64_t iova : std::initializer_list<std::uint64_t>{
				     va + g, va + 2 * g - 1, va + (1ULL << big) + 0x123,
						   va, va + 2 * g}) {
				hw::Translation tr = walker(mem, iova);
				std::uint64_t want = t->iova_to_phys(iova);
				INFO("iova " << std::hex << iova);
				CHECK(tr.ok() == (want != 0));
				if (want)
					CHECK(tr.oa == want);
			}
			CHECK_FALSE(mem.out_of_range);
		}
		std::string dump = dump_tree(*t);
		CHECK(dump.find("leaf") != std::string::npos);
		TableCounts c = count_tables(*t);
		CHECK(c.mapped_bytes == g + (1ULL << big));

		CHECK(t->unmap(va + g, g) == g);
		CHECK(t->unmap(va + (1ULL << big), 1ULL << big) == 1ULL << big);
		CHECK(t->flush.syncs >= 2);
		t.reset();
		genericpt_get_alloc_stats(&after);
		CHECK(after.live_bytes == before.live_bytes);
	}
}
