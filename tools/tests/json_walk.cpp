// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// tools-json-walk TABLE.json OPS_FILE: checks that the raw table image
// written by `genericpt run FMT OPS_FILE --json TABLE.json` is enough to
// translate from hw_info's root with an independent hardware walker
// (tests/hw, written from the architecture manuals): every IOVA the ops file
// touches must translate as the library itself translates it after the same
// operations.
#include "json_memory.h"

#include "format.h"
#include "ops_file.h"

#include <fmt/format.h>

#include <fstream>
#include <set>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fmt::print(stderr, "usage: tools-json-walk TABLE.json OPS_FILE\n");
		return 2;
	}
	try {
		std::ifstream jf(argv[1]);
		const nlohmann::json image = nlohmann::json::parse(jf);
		const std::string name = image.at("format");
		const gpt::Format *f = gpt::find_format(name);
		if (!f)
			throw std::runtime_error("format " + name + " is not built");
		gpt::tools_test::JsonMemory mem(image);
		auto walker = gpt::tools_test::walker_for(image);
		if (!walker) {
			fmt::print("tools-json-walk: no reference walker for {}, skipped\n", name);
			return 0;
		}

		// The same operations, applied by the library in this process.
		std::ifstream of(argv[2]);
		auto ops = gpt::parse_ops(of, argv[2]);
		auto t = f->create({});
		std::set<std::uint64_t> iovas;
		const std::uint64_t granule = t->pgsize_bitmap() & -t->pgsize_bitmap();
		for (const auto &op : ops) {
			try {
				if (op.kind == gpt::Op::Kind::map)
					t->map(op.iova, op.paddr, op.size, op.prot);
				else if (op.kind == gpt::Op::Kind::unmap)
					t->unmap(op.iova, op.size);
				else if (op.kind == gpt::Op::Kind::cut)
					t->cut(op.iova);
				else if (op.kind == gpt::Op::Kind::dirty)
					t->set_dirty(op.iova);
			} catch (const gpt::LibError &) {
			}
			for (std::uint64_t off : {std::uint64_t(0), op.size / 2, op.size ? op.size - 1 : 0,
						  op.size + 0x10})
				iovas.insert(op.iova + off);
			iovas.insert(op.iova - granule);
		}

		unsigned checked = 0, mapped = 0, bad = 0;
		for (std::uint64_t iova : iovas) {
			std::uint64_t want = t->iova_to_phys(iova);
			hw::Translation tr = walker(mem, iova);
			checked++;
			bool ok = want ? tr.ok() && tr.oa == want : !tr.ok();
			mapped += want != 0;
			if (!ok && ++bad <= 10)
				fmt::print(stderr,
					   "tools-json-walk: {:#x}: library {:#x}, walker {} {:#x} {}\n",
					   iova, want, hw::fault_name(tr.fault), tr.oa, tr.why);
		}
		if (mem.out_of_range)
			fmt::print(stderr, "tools-json-walk: the walker read memory outside the image\n");
		fmt::print("tools-json-walk: {}: {} IOVAs ({} mapped) walked from root {}: {}\n", name,
			   checked, mapped, image.at("hw_info").at("root").get<std::string>(),
			   bad || mem.out_of_range ? "MISMATCH" : "all agree with the library");
		return bad || mem.out_of_range ? 1 : 0;
	} catch (const std::exception &e) {
		fmt::print(stderr, "tools-json-walk: {}\n", e.what());
		return 1;
	}
}
