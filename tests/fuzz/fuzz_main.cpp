// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * genericpt-fuzz entry points. Input layout:
 *   byte 0   format: index into the built formats sorted by name (modulo
 *            their number), ignored when GPT_FUZZ_FORMAT=name pins one
 *   byte 1   configuration of the format (tests/cfg/FMT.h, modulo)
 *   rest     the op sequence (tests/fuzz/fuzz_format.cpp)
 * GPT_FUZZ_VERBOSE=1 prints every op.
 */
#include "fuzz.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

std::vector<const FuzzFormat *> &formats()
{
	static std::vector<const FuzzFormat *> f;
	return f;
}

const FuzzFormat *g_pinned;

} // namespace

void gpt_fuzz_register(const FuzzFormat *fmt)
{
	auto &f = formats();
	f.push_back(fmt);
	std::sort(f.begin(), f.end(), [](const FuzzFormat *a, const FuzzFormat *b) {
		return std::strcmp(a->name, b->name) < 0;
	});
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	const char *want = std::getenv("GPT_FUZZ_FORMAT");
	if (!want)
		return 0;
	for (auto *f : formats())
		if (!std::strcmp(f->name, want))
			g_pinned = f;
	if (!g_pinned) {
		std::fprintf(stderr, "GPT_FUZZ_FORMAT=%s: not built; formats:", want);
		for (auto *f : formats())
			std::fprintf(stderr, " %s", f->name);
		std::fprintf(stderr, "\n");
		std::exit(2);
	}
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	auto &f = formats();
	if (size < 2 || f.empty())
		return 0;
	const FuzzFormat *fmt = g_pinned ? g_pinned : f[data[0] % f.size()];
	fmt->run(data[1] % fmt->num_configs(), data + 2, size - 2);
	return 0;
}
