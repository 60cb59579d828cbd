// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// genericpt: inspect formats, run operation scripts and replay ftrace logs
// against the genericpt page-table libraries.
#include "cli.h"

#include <fmt/format.h>

namespace gpt::cli {

void add_knob_options(CLI::App *app, KnobArgs &a)
{
	app->add_option("--levels", a.levels, "Table levels (format's default if unset)")
		->group("Table");
	app->add_option("--va-bits", a.va_bits, "VA bits the hardware translates")
		->group("Table");
	app->add_option("--oa-bits", a.oa_bits, "OA bits the hardware supports")
		->group("Table");
	app->add_option("--granule", a.granule,
			"Translation granule of a format that takes one (armv8): 4k, 16k, 64k")
		->group("Table");
	app->add_option("--feature", a.features,
			"Enable a feature (repeatable), e.g. dynamic_top; see `genericpt info`")
		->allow_extra_args(false) // one name per --feature: FMT/FILE may follow
		->group("Table");
}

Knobs resolve_knobs(const Format &f, const KnobArgs &a)
{
	Knobs k;

	if (a.levels)
		k.levels = a.levels;
	if (a.va_bits)
		k.va_bits = a.va_bits;
	if (a.oa_bits)
		k.oa_bits = a.oa_bits;
	if (!a.granule.empty()) {
		if (a.granule == "4k")
			k.granule_lg2 = 12;
		else if (a.granule == "16k")
			k.granule_lg2 = 14;
		else if (a.granule == "64k")
			k.granule_lg2 = 16;
		else
			throw std::invalid_argument(fmt::format(
				"--granule {}: one of 4k, 16k, 64k", a.granule));
	}
	for (const auto &name : a.features) {
		auto bit = f.feature_bit(name);
		if (!bit) {
			std::string all;
			for (unsigned b = 0; b != f.feature_count(); b++)
				all += (b ? ", " : "") + f.feature_name(b);
			throw std::invalid_argument(fmt::format(
				"{} has no feature '{}' (features: {})", f.name(), name, all));
		}
		k.features |= 1u << *bit;
	}
	return k;
}

const Format &format_named(const std::string &name)
{
	if (const Format *f = find_format(name))
		return *f;
	throw std::invalid_argument(fmt::format("unknown format '{}' (built: {})", name,
						format_list()));
}

std::string describe(Table &t)
{
	return fmt::format("{} levels, {}-bit VA, {}-bit OA", t.levels(),
			   t.common().max_vasz_lg2, t.common().max_oasz_lg2);
}

} // namespace gpt::cli

int main(int argc, char **argv)
{
	CLI::App app{"genericpt: page tables of the genericpt libraries, from the command line.\n"
		     "Formats built in: " + gpt::format_list()};
	app.require_subcommand(1);
	app.set_version_flag("--version", "genericpt " GENERICPT_VERSION);
	gpt::cli::add_info(app);
	gpt::cli::add_run(app);
	gpt::cli::add_replay(app);

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		return app.exit(e);
	} catch (const std::exception &e) {
		fmt::print(stderr, "genericpt: {}\n", e.what());
		return 1;
	}
	return gpt::cli::exit_status;
}
