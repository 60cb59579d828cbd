// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// genericpt-perfdrv: repeat one benchmark shape N times with nothing else
// around it, for instruction counts under valgrind --tool=callgrind (which
// are repeatable on a loaded machine where times are not).
//
//   genericpt-perfdrv FORMAT CASE [N]
//
// CASE: map256 / unmap256 (256 granule pages in one call, the shape of
// F/map_only_256x), map1 / unmap1 (one granule page), map1g (1 GiB of
// granule pages, tables allocated by the map), map1g_present (into empty
// tables that exist), xlate (iova_to_phys in a populated table). Only the
// named half is interesting; count it with
//   valgrind --tool=callgrind --toggle-collect='pt_iommu_*_map_pages' ...
// (or *_unmap_pages, *_iova_to_phys) and divide Ir by N.
#include "format.h"
#include "layout.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
	if (argc < 3) {
		std::fprintf(stderr, "usage: %s FORMAT CASE [N]\n", argv[0]);
		return 2;
	}
	const gpt::Format *f = gpt::find_format(argv[1]);
	if (!f) {
		std::fprintf(stderr, "unknown format %s\n", argv[1]);
		return 2;
	}
	const std::string what = argv[2];
	const unsigned n = argc > 3 ? unsigned(std::strtoul(argv[3], nullptr, 0)) : 100;
	gpt::Layout l = gpt::discover(*f, {});
	auto t = f->create({});
	iommu_domain *dom = &t->domain();
	const iommu_domain_ops *ops = dom->ops;
	const unsigned g = l.granule_lg2;
	const unsigned span = l.level.at(0).item_va_lg2 + l.level.at(0).items_lg2;
	const std::uint64_t base = (l.aperture_start + (1ULL << 30) - 1) & ~((1ULL << 30) - 1);
	const std::uint64_t pa = 1ULL << g;
	const int prot = IOMMU_READ | IOMMU_WRITE;
	size_t mapped = 0;
	int err = 0;

	auto map = [&](std::uint64_t va, std::uint64_t oa, std::uint64_t count) {
		int e = ops->map_pages(dom, va, oa, 1ULL << g, count, prot, GFP_KERNEL,
				       &mapped);
		if (e)
			err = e;
	};
	auto unmap = [&](std::uint64_t va, std::uint64_t count) {
		iommu_iotlb_gather gather;
		iommu_iotlb_gather_init(&gather);
		ops->unmap_pages(dom, va, 1ULL << g, count, &gather);
		iommu_iotlb_sync(dom, &gather);
	};

	if (what == "map256" || what == "unmap256" || what == "map1" || what == "unmap1") {
		const std::uint64_t count = what.ends_with("256") ? 256 : 1;
		// 16 leaf tables used in turn, as the benchmark does.
		for (unsigned k = 0; k != 16; k++)
			map(base + (std::uint64_t(k) << span), pa + (std::uint64_t(k) << span),
			    count);
		for (unsigned k = 0; k != 16; k++)
			unmap(base + (std::uint64_t(k) << span), count);
		for (unsigned i = 0; i != n; i++) {
			std::uint64_t off = std::uint64_t(i % 16) << span;
			map(base + off, pa + off, count);
			unmap(base + off, count);
		}
	} else if (what == "map1g" || what == "map1g_present") {
		const std::uint64_t count = 1ULL << (30 - g);
		for (unsigned i = 0; i != n; i++) {
			map(base, pa, count);
			if (what == "map1g") {
				unmap(base, count);
				continue;
			}
			for (std::uint64_t off = 0; off < (1ULL << 30); off += 1ULL << span) {
				std::uint64_t c = 1ULL << (span - g);
				unmap(base + off, c - 1);
				unmap(base + off + ((c - 1) << g), 1);
			}
		}
	} else if (what == "xlate") {
		// F/iova_to_phys: translate in a populated leaf table.
		map(base, pa, 256);
		std::uint64_t sum = 0;
		for (unsigned i = 0; i != n; i++)
			sum += ops->iova_to_phys(dom, base + (std::uint64_t(i * 37 % 256) << g) + 0x10);
		if (!sum)
			err = -1;
	} else {
		std::fprintf(stderr, "unknown case %s\n", what.c_str());
		return 2;
	}
	if (err) {
		std::fprintf(stderr, "error %d\n", err);
		return 1;
	}
	return 0;
}
