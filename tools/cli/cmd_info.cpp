// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// `genericpt info [FMT]`: the layout of each format as the library builds it.
#include "cli.h"
#include "layout.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace gpt::cli {

namespace {

std::string join_or_dash(const std::vector<std::string> &v)
{
	return v.empty() ? "-" : fmt::format("{}", fmt::join(v, " "));
}

void print_layout(const Format &f, const Layout &l)
{
	fmt::print("{} - {}\n", f.name(), f.title());
	fmt::print("  levels       {} (top level {}; {})\n", l.levels, l.top_level,
		   f.levels_help());
	fmt::print("  granule      {}\n", size_str(1ULL << l.granule_lg2));
	fmt::print("  VA bits      {} (aperture {:#x}-{:#x}{})\n", l.va_bits, l.aperture_start,
		   l.aperture_end,
		   l.features & (1u << PT_FEAT_SIGN_EXTEND) ? " and its sign extension" : "");
	fmt::print("  OA bits      {}\n", l.oa_bits);
	fmt::print("  entry size   {} bytes\n", 1u << l.entry_size_lg2);
	fmt::print("  features     supported: {}\n", join_or_dash(f.feature_names(l.supported)));
	fmt::print("               forced:    {}\n", join_or_dash(f.feature_names(l.forced)));
	fmt::print("               enabled:   {}\n", join_or_dash(f.feature_names(l.features)));
	fmt::print("  level  table      items  item VA    leaf sizes (xN: N items per entry)\n");
	for (unsigned i = static_cast<unsigned>(l.level.size()); i-- > 0;) {
		const auto &lv = l.level[i];
		std::vector<std::string> leaves;
		for (unsigned lg2 : lv.leaf_lg2) {
			unsigned n = 1u << l.leaves.at(lg2).contig_lg2;
			leaves.push_back(n > 1 ? fmt::format("{}(x{})", lg2_size_str(lg2), n) :
						 lg2_size_str(lg2));
		}
		std::string table = size_str(1ULL << lv.table_size_lg2);
		if (i == l.top_level && l.top_table_size_lg2 != lv.table_size_lg2)
			table += fmt::format(" (top {})", size_str(1ULL << l.top_table_size_lg2));
		if (!lv.seen)
			fmt::print("  {:5}  (not reached by the probes)\n", i);
		else
			fmt::print("  {:5}  {:9}  {:5}  {:9}  {}\n", i, table, 1ULL << lv.items_lg2,
				   size_str(1ULL << lv.item_va_lg2), join_or_dash(leaves));
	}
	std::vector<std::string> hw;
	for (const auto &[k, v] : l.hw_info.items())
		hw.push_back(fmt::format("{}={}", k,
					 v.is_string() ? v.get<std::string>() : v.dump()));
	fmt::print("  hw_info      {} (of a probe table)\n", fmt::join(hw, " "));
}

} // namespace

void add_info(CLI::App &app)
{
	struct Args {
		std::vector<std::string> formats;
		bool json = false;
		KnobArgs knobs;
	};
	auto args = std::make_shared<Args>();
	CLI::App *cmd = app.add_subcommand(
		"info", "Levels, granule, page sizes per level, VA/OA bits, features and "
			"table sizes of each built format (or of the FMTs named)");
	cmd->add_option("FMT", args->formats, "Formats (default: every built format)");
	cmd->add_flag("--json", args->json, "Print JSON instead of text");
	add_knob_options(cmd, args->knobs);
	cmd->callback([args] {
		std::vector<const Format *> list;
		if (args->formats.empty())
			list.assign(formats().begin(), formats().end());
		for (const auto &name : args->formats)
			list.push_back(&format_named(name));

		nlohmann::json all = nlohmann::json::array();
		bool first = true;
		for (const Format *f : list) {
			Layout l = discover(*f, resolve_knobs(*f, args->knobs));
			if (args->json) {
				all.push_back(to_json(*f, l));
				continue;
			}
			if (!first)
				fmt::print("\n");
			first = false;
			print_layout(*f, l);
		}
		if (args->json)
			fmt::print("{}\n", (list.size() == 1 ? all[0] : all).dump(2));
	});
}

} // namespace gpt::cli
