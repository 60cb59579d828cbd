// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// `genericpt run FMT OPS_FILE`: apply an operations file to a new table,
// then print it as a tree (--dump) and/or write its raw image (--json).
#include "cli.h"
#include "ops_file.h"
#include "walk.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <iostream>

namespace gpt::cli {

namespace {

struct Args {
	std::string format;
	std::string ops_file;
	bool dump = false;
	std::string json_file;
	std::string flush = "all";
	bool quiet = false;
	bool keep_going = false;
	KnobArgs knobs;
};

// Applies one operation; returns the line to print. Throws LibError.
std::string apply(Table &t, const Op &op)
{
	switch (op.kind) {
	case Op::Kind::map:
		t.map(op.iova, op.paddr, op.size, op.prot);
		return fmt::format("map       {:#x} -> {:#x} size {:#x} {}", op.iova, op.paddr,
				   op.size, prot_str(op.prot));
	case Op::Kind::unmap: {
		std::uint64_t n = t.unmap(op.iova, op.size);
		return fmt::format("unmap     {:#x} size {:#x}: unmapped {:#x}", op.iova, op.size, n);
	}
	case Op::Kind::cut:
		t.cut(op.iova);
		return fmt::format("cut       {:#x}", op.iova);
	case Op::Kind::dirty:
		t.set_dirty(op.iova);
		return fmt::format("dirty     {:#x}", op.iova);
	case Op::Kind::translate: {
		std::uint64_t pa = t.iova_to_phys(op.iova);
		return pa ? fmt::format("translate {:#x} -> {:#x}", op.iova, pa) :
			    fmt::format("translate {:#x} -> not mapped", op.iova);
	}
	}
	return {};
}

void run(const Args &a)
{
	const Format &f = format_named(a.format);
	Knobs k = resolve_knobs(f, a.knobs);
	auto mode = parse_flush_mode(a.flush);
	if (!mode)
		throw std::invalid_argument("--flush: all, range or range_no_gaps");
	k.features |= flush_mode_features(*mode);

	std::ifstream in(a.ops_file);
	if (!in)
		throw std::runtime_error(fmt::format("cannot open {}", a.ops_file));
	std::vector<Op> ops = parse_ops(in, a.ops_file);

	auto t = f.create(k);
	unsigned failed = 0;
	for (const Op &op : ops) {
		try {
			std::string line = apply(*t, op);
			if (!a.quiet)
				fmt::print("{}\n", line);
		} catch (const LibError &e) {
			// The error first, as the library reported it, then where.
			fmt::print(stderr, "genericpt: {} [{}:{}]\n", e.what(), a.ops_file, op.line);
			failed++;
			if (!a.keep_going)
				break;
		}
	}

	TableCounts c = count_tables(*t);
	std::vector<std::string> per_level;
	for (auto it = c.per_level.rbegin(); it != c.per_level.rend(); ++it)
		per_level.push_back(fmt::format("L{}: {}", it->first, it->second));
	if (!a.quiet)
		fmt::print("{}: {}; {} ops, {} failed; {} leaves map {}; {} tables, {} ({}); "
			   "{} IOTLB syncs\n",
			   f.name(), describe(*t), ops.size(), failed, c.leaves,
			   size_str(c.mapped_bytes), c.tables, size_str(c.table_bytes),
			   fmt::join(per_level, ", "), t->flush.syncs);
	if (a.dump)
		fmt::print("{}", dump_tree(*t));
	if (!a.json_file.empty()) {
		nlohmann::json image = table_image(*t);
		if (a.json_file == "-") {
			fmt::print("{}\n", image.dump(1));
		} else {
			std::ofstream out(a.json_file);
			out << image.dump(1) << '\n';
			if (!out)
				throw std::runtime_error(fmt::format("cannot write {}", a.json_file));
		}
	}
	if (failed)
		exit_status = 1;
}

} // namespace

void add_run(CLI::App &app)
{
	auto args = std::make_shared<Args>();
	CLI::App *cmd = app.add_subcommand(
		"run", "Apply an operations file (map/unmap/cut/dirty/translate lines) to a "
		       "new table of FMT");
	cmd->add_option("FMT", args->format, "Format")->required();
	cmd->add_option("OPS_FILE", args->ops_file,
			"Lines: map IOVA PADDR SIZE [PROT] | unmap IOVA SIZE | cut IOVA | "
			"dirty IOVA | translate IOVA")
		->required()
		->check(CLI::ExistingFile);
	cmd->add_flag("--dump", args->dump, "Print the resulting table as a tree");
	cmd->add_option("--json", args->json_file,
			"Write {format, hw_info, tables: [{phys, level, size, entries}]} to "
			"FILE ('-': stdout)");
	cmd->add_option("--flush", args->flush, "IOTLB flush mode: all, range, range_no_gaps")
		->check(CLI::IsMember({"all", "range", "range_no_gaps"}));
	cmd->add_flag("-q,--quiet", args->quiet, "Print only errors, --dump and --json");
	cmd->add_flag("--keep-going", args->keep_going,
		      "Continue after a failed operation (the exit status is still 1)");
	add_knob_options(cmd, args->knobs);
	cmd->callback([args] { run(*args); });
}

} // namespace gpt::cli
