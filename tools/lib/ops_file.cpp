// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Parser of the `genericpt run` operations file (see ops_file.h).
#include "ops_file.h"

#include "format.h"

#include <fmt/format.h>

#include <sstream>

namespace gpt {

namespace {

struct Syntax {
	std::string_view word;
	Op::Kind kind;
	unsigned min_args;
	unsigned max_args;
	std::string_view usage;
};

constexpr Syntax kSyntax[] = {
	{"map", Op::Kind::map, 3, 4, "map IOVA PADDR SIZE [PROT]"},
	{"unmap", Op::Kind::unmap, 2, 2, "unmap IOVA SIZE"},
	{"cut", Op::Kind::cut, 1, 1, "cut IOVA"},
	{"dirty", Op::Kind::dirty, 1, 1, "dirty IOVA"},
	{"translate", Op::Kind::translate, 1, 1, "translate IOVA"},
};

} // namespace

std::vector<Op> parse_ops(std::istream &in, const std::string &name)
{
	std::vector<Op> ops;
	std::string line;
	unsigned lineno = 0;

	while (std::getline(in, line)) {
		lineno++;
		if (auto hash = line.find('#'); hash != std::string::npos)
			line.resize(hash);
		std::istringstream words(line);
		std::vector<std::string> w;
		for (std::string s; words >> s;)
			w.push_back(s);
		if (w.empty())
			continue;

		auto fail = [&](std::string_view why) {
			return ParseError(fmt::format("{}:{}: {}", name, lineno, why));
		};
		const Syntax *syn = nullptr;
		for (const auto &s : kSyntax)
			if (s.word == w[0])
				syn = &s;
		if (!syn)
			throw fail(fmt::format("unknown operation '{}' (map, unmap, cut, dirty, translate)",
					       w[0]));
		if (w.size() - 1 < syn->min_args || w.size() - 1 > syn->max_args)
			throw fail(fmt::format("usage: {}", syn->usage));

		auto num = [&](size_t i, std::string_view what) {
			auto v = parse_u64(w[i]);
			if (!v)
				throw fail(fmt::format("bad {} '{}'", what, w[i]));
			return *v;
		};
		Op op;
		op.kind = syn->kind;
		op.line = lineno;
		op.iova = num(1, "IOVA");
		switch (op.kind) {
		case Op::Kind::map:
			op.paddr = num(2, "PADDR");
			op.size = num(3, "SIZE");
			op.prot = IOMMU_READ | IOMMU_WRITE;
			if (w.size() > 4) {
				auto p = parse_prot(w[4]);
				if (!p)
					throw fail(fmt::format("bad PROT '{}' (e.g. rw, r, READ|WRITE, 0x3)",
							       w[4]));
				op.prot = *p;
			}
			break;
		case Op::Kind::unmap:
			op.size = num(2, "SIZE");
			break;
		default:
			break;
		}
		ops.push_back(op);
	}
	return ops;
}

} // namespace gpt
