// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Pieces shared by the `genericpt` subcommands.
#pragma once

#include "format.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace gpt::cli {

// --levels, --va-bits, --oa-bits, --feature: the generic table knobs.
struct KnobArgs {
	unsigned levels = 0;
	unsigned va_bits = 0;
	unsigned oa_bits = 0;
	std::string granule; // 4k, 16k, 64k (armv8)
	std::vector<std::string> features;
};

void add_knob_options(CLI::App *app, KnobArgs &a);
// Throws std::invalid_argument for a feature the format does not name.
Knobs resolve_knobs(const Format &f, const KnobArgs &a);
// The format called @name or std::invalid_argument listing the built ones.
const Format &format_named(const std::string &name);
// "4 levels, 48-bit VA, 52-bit OA"
std::string describe(Table &t);

void add_info(CLI::App &app);
void add_run(CLI::App &app);
void add_replay(CLI::App &app);

// Set by a subcommand whose work failed in a reported way (non-zero exit).
inline int exit_status = 0;

} // namespace gpt::cli
