// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile-guest half of genericpt-fuzz, compiled once per format and
 * registered as "FMT-arena": the input is the guest's writes into an arena
 * table interleaved with the library's operations on it
 * (tests/arena/hostile.h). A crash, a sanitizer report, a byte changed
 * outside the table's own memory, an unexpected errno or a table left
 * allocated after deinit abort()s.
 *
 * Input: byte 0 chooses the configuration (modulo those the unsigned long
 * API can map into), then 16-bit little-endian words feed every choice;
 * the sequence ends with the input.
 */
#include <cstdio>
#include <cstdlib>

#include "arena/hostile_deps.h"
#include "fuzz.h"
#include "fuzz_cfg.h"

namespace {
namespace gpt {
#include "arena/hostile.h"
} // namespace gpt

using namespace gpt;

const std::vector<ConfigCase> &usable()
{
	static const std::vector<ConfigCase> cfgs = [] {
		std::vector<ConfigCase> out;
		for (auto &cc : format_configs()) {
			hostile::Dom d(cc, NUMA_NO_NODE);
			if (d.init_ret == 0 &&
			    d.t.iommu.domain.geometry.aperture_start <=
				    ULONG_MAX / 2)
				out.push_back(cc);
		}
		return out;
	}();
	return cfgs;
}

size_t num_configs() { return usable().size(); }

void run(size_t cfg, const uint8_t *data, size_t size)
{
	genericpt_alloc_stats st;
	genericpt_get_alloc_stats(&st);
	size_t pos = 0;
	auto src = [&]() -> u64 {
		u64 v = 0;
		if (pos < size)
			v = data[pos++];
		if (pos < size)
			v |= u64(data[pos++]) << 8;
		return v;
	};
	try {
		hostile::Env env(16u << 20);
		{
			hostile::Scenario s(env, usable()[cfg]);
			while (pos < size) {
				if (src() % 3 == 0)
					s.guest_write(src);
				else
					s.op(src);
				if (src() % 8 == 0)
					s.refresh();
			}
			s.check_boundary(true);
		}
		hostile::Scenario::check_all_freed(env, st.live_tables);
		if (env.unregister())
			throw hostile::Failure{ "arena busy after deinit" };
	} catch (const hostile::Failure &f) {
		std::fprintf(stderr, "genericpt-fuzz " GPT_FMT_NAME "-arena: %s\n",
			     f.what.c_str());
		std::abort();
	}
}

const FuzzFormat g_format = { GPT_FMT_NAME "-arena", num_configs, run };
const int g_registered = (gpt_fuzz_register(&g_format), 0);

} // namespace
