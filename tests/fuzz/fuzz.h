// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * genericpt-fuzz: one libFuzzer target for every built format. Each format
 * contributes a FuzzFormat (tests/fuzz/fuzz_format.cpp compiled once per
 * format); the first input byte picks the format (or GPT_FUZZ_FORMAT=name
 * pins it), the second the configuration, the rest is the op sequence.
 */
#pragma once

#include <cstddef>
#include <cstdint>

struct FuzzFormat {
	const char *name;
	size_t (*num_configs)();
	/* Run one op sequence on a fresh table of config @cfg; abort() on
	 * any disagreement with the reference model. */
	void (*run)(size_t cfg, const uint8_t *data, size_t size);
};

/* Called from static constructors of the per-format objects. */
void gpt_fuzz_register(const FuzzFormat *fmt);
