// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Per-format hostile-writer suite (tests/arena/hostile.h): the arena is a
 * trust boundary. Whatever the guest writes into the table memory -
 * crafted table pointers to host memory, guard pages, the heap table, the
 * other arena table, the table's own root and other tables, the middle of
 * tables, free arena memory, a leaf's page; random words; pointers copied
 * from elsewhere - no operation reads or writes outside this table's
 * memory, frees twice or leaks, and deinit frees exactly what was
 * allocated. Run under ASan in CI's sanitizer stage.
 */
#include "gpt_harness.h"
#include "arena/hostile_deps.h"

namespace gpt {
#include "arena/hostile.h"
} // namespace gpt

namespace gpt {
namespace {

constexpr size_t kArenaSize = 16u << 20;

/* Configurations whose aperture the unsigned long API can map into. */
std::vector<ConfigCase> usable_configs()
{
	std::vector<ConfigCase> out;
	for (auto &cc : format_configs()) {
		Table t(cc);
		if (t.init_ret == 0 &&
		    t.t.iommu.domain.geometry.aperture_start <= ULONG_MAX / 2)
			out.push_back(cc);
	}
	return out;
}

/* Run @body on a fresh arena; turn engine failures into test failures. */
template <typename F> void with_arena(const ConfigCase &cc, F &&body)
{
	INFO("config " << cc.name);
	u64 live0 = live_tables();
	try {
		hostile::Env env(kArenaSize);
		{
			hostile::Scenario s(env, cc);
			body(s);
		}
		hostile::Scenario::check_all_freed(env, live0);
		REQUIRE(env.unregister() == 0);
	} catch (const hostile::Failure &f) {
		FAIL(f.what);
	}
}

GPT_TEST("hostile", "crafted_pointers")
{
	for (auto &cc : usable_configs()) {
		with_arena(cc, [&](hostile::Scenario &s) {
			unsigned tried = s.crafted_attacks();
			INFO("crafted (entry, target) pairs tried: " << tried);
			/* At least the other table, the root and a sibling. */
			REQUIRE(tried >= 3);
		});
	}
}

/* Every usable configuration, each with its own printed seed. */
template <typename F> void seeded(u64 seed_base, F &&body)
{
	for (auto &cc : usable_configs()) {
		u64 seed = seed_base + std::hash<std::string>()(cc.name) % 1000;
		INFO("seed " << seed);
		std::mt19937_64 rng(seed);
		with_arena(cc, [&](hostile::Scenario &s) {
			s.crafted_attacks();
			body(s, [&] { return u64(rng()); }, seed);
		});
	}
}

GPT_TEST("hostile", "interleaved_writes")
{
	seeded(0x5eed0000, [](hostile::Scenario &s, auto src, u64) {
		s.interleaved(src, 1500);
	});
}

GPT_TEST("hostile", "concurrent_scribbler")
{
	seeded(0xbad0000, [](hostile::Scenario &s, auto src, u64 seed) {
		s.concurrent(src, 3000, seed);
	});
}

} // namespace
} // namespace gpt
