// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// gen-trace: writes a synthetic but realistic ftrace log of iommu:map and
// iommu:unmap events, as a DMA API user would produce through dma-iommu:
// IOVAs allocated top-down in a 1 GiB window below 4 GiB and aligned to
// their size rounded up to a power of two, buffers of 4 KiB..4 MiB, a
// bounded set of live mappings unmapped mostly in FIFO order, and
// everything unmapped at the end. Deterministic for a given --seed.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <set>

namespace {

struct Live {
	std::uint64_t iova;
	std::uint64_t size;
};

class Generator {
public:
	Generator(std::uint64_t seed, bool old_map_format)
		: rng_(seed), old_(old_map_format) {}

	void header(std::uint64_t events)
	{
		fmt::print("# tracer: nop\n#\n# entries-in-buffer/entries-written: {}/{}   #P:8\n#\n",
			   events, events);
		fmt::print("#                                _-----=> irqs-off/BH-disabled\n"
			   "#                               / _----=> need-resched\n"
			   "#                              | / _---=> hardirq/softirq\n"
			   "#                              || / _--=> preempt-depth\n"
			   "#                              ||| / _-=> migrate-disable\n"
			   "#                              |||| /     delay\n"
			   "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
			   "#              | |         |   |||||     |         |\n");
		lines_ += 12;
	}

	void other(std::string_view event, std::string_view msg)
	{
		prefix();
		fmt::print("{}: {}\n", event, msg);
	}

	void map()
	{
		static constexpr std::uint64_t kSizes[] = {4 << 10, 4 << 10, 4 << 10, 4 << 10,
							   8 << 10, 16 << 10, 64 << 10, 64 << 10,
							   128 << 10, 256 << 10, 1 << 20, 2 << 20,
							   2 << 20, 4 << 20};
		std::uint64_t size = kSizes[pick(std::size(kSizes))];
		std::uint64_t iova = alloc_iova(size);
		std::uint64_t pa;
		if (size >= (2 << 20))
			pa = (2ULL << 30) + (pick(30000) << 21); // huge-page backed buffer
		else if (pick(2))
			pa = (4ULL << 30) + (pick(1 << 20) * size); // naturally aligned
		else
			pa = (4ULL << 30) + (pick(1 << 24) << 12);
		live_.push_back({iova, size});
		used_[iova] = size;
		prefix();
		if (old_)
			fmt::print("map: IOMMU: iova=0x{:016x} paddr=0x{:016x} size={}\n", iova, pa,
				   size);
		else
			fmt::print("map: IOMMU: iova=0x{:016x} - 0x{:016x} paddr=0x{:016x} size={}\n",
				   iova, iova + size, pa, size);
	}

	void unmap()
	{
		// Mostly FIFO (completed DMA), sometimes out of order.
		std::size_t i = pick(8) ? 0 : pick(live_.size());
		Live l = live_[i];
		live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(i));
		used_.erase(l.iova);
		prefix();
		fmt::print("unmap: IOMMU: iova=0x{:016x} - 0x{:016x} size={} unmapped_size={}\n",
			   l.iova, l.iova + l.size, l.size, l.size);
	}

	void raw(std::string_view line)
	{
		lines_++;
		fmt::print("{}\n", line);
	}

	std::size_t live() const { return live_.size(); }
	std::uint64_t lines() const { return lines_; }
	std::uint64_t pick(std::uint64_t n) { return n ? rng_() % n : 0; }

private:
	void prefix()
	{
		static constexpr std::string_view kTasks[] = {
			"irq/45-nvme0q3-612", "kworker/u16:2-187", "ksoftirqd/3-31",
			"fio-2231", "irq/52-enp5s0-1034", "<idle>-0"};
		ts_ += 1 + pick(40);
		lines_++;
		fmt::print("{:>24} [{:03}] {}..1. {:6}.{:06}: ", kTasks[pick(std::size(kTasks))],
			   pick(8), pick(3) ? 'd' : '.', 5000 + ts_ / 1000000, ts_ % 1000000);
	}

	// Top-down first fit in [0xc0000000, 0x100000000), size-aligned.
	std::uint64_t alloc_iova(std::uint64_t size)
	{
		const std::uint64_t align = std::bit_ceil(size);
		constexpr std::uint64_t lo = 0xc0000000, hi = 0x100000000;
		for (int pass = 0; pass != 2; pass++) {
			std::uint64_t cur = pass ? hi : cursor_;
			while (cur >= lo + size) {
				std::uint64_t iova = (cur - size) & ~(align - 1);
				if (iova < lo)
					break;
				auto it = used_.lower_bound(iova + size);
				if (it != used_.begin()) {
					auto prev = std::prev(it);
					if (prev->first + prev->second > iova) {
						cur = prev->first;
						continue;
					}
				}
				cursor_ = iova;
				return iova;
			}
		}
		throw std::runtime_error("IOVA window full");
	}

	std::mt19937_64 rng_;
	bool old_;
	std::uint64_t ts_ = 0;
	std::uint64_t lines_ = 0;
	std::uint64_t cursor_ = 0x100000000;
	std::deque<Live> live_;
	std::map<std::uint64_t, std::uint64_t> used_;
};

} // namespace

int main(int argc, char **argv)
{
	CLI::App app{"Write a synthetic ftrace log of iommu:map/iommu:unmap events to stdout"};
	std::uint64_t events = 6000, seed = 1;
	unsigned max_live = 300;
	std::set<std::uint64_t> malformed_at;
	bool old_format = false;
	app.add_option("--events", events, "map + unmap events (even; all maps are unmapped)");
	app.add_option("--seed", seed, "Random seed");
	app.add_option("--max-live", max_live, "Most mappings alive at once");
	app.add_option("--malformed-at", malformed_at, "Insert a malformed line as line N");
	app.add_flag("--old-map-format", old_format,
		     "Map events without the ' - end' address (kernels before 6.x)");
	CLI11_PARSE(app, argc, argv);

	Generator g(seed, old_format);
	g.header(events);
	g.other("attach_device_to_domain", "IOMMU: device=0000:05:00.0");
	std::uint64_t maps = 0, total_maps = events / 2;
	auto maybe_malformed = [&] {
		if (malformed_at.erase(g.lines() + 1)) {
			g.raw("        fio-2231 [002] d..1. 5000.000001: map: IOMMU: "
			      "iova=0xnot-hex paddr=0x1000 size=4096");
		}
	};
	while (maps < total_maps || g.live()) {
		maybe_malformed();
		bool can_map = maps < total_maps;
		bool must_unmap = g.live() >= max_live || !can_map;
		if (!must_unmap && (g.live() == 0 || g.pick(100) < 55)) {
			g.map();
			maps++;
		} else {
			g.unmap();
		}
		if (g.pick(500) == 0)
			g.other("io_page_fault", "IOMMU:nvme 0000:05:00.0 iova=0x00000000deadb000 "
						 "flags=0x0020");
	}
	return 0;
}
