// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The `genericpt run` operations file: one operation per line,
//   map IOVA PADDR SIZE [PROT]    unmap IOVA SIZE    cut IOVA
//   dirty IOVA                    translate IOVA
// Numbers are decimal or 0x hex, sizes may end in K/M/G/T; PROT is letters
// (r w c n m p = READ WRITE CACHE NOEXEC MMIO PRIV), names joined by '|'
// (READ|WRITE) or a number; default rw. '#' starts a comment.
#pragma once

#include <cstdint>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace gpt {

struct Op {
	enum class Kind { map, unmap, cut, dirty, translate };
	Kind kind = Kind::map;
	std::uint64_t iova = 0;
	std::uint64_t paddr = 0;
	std::uint64_t size = 0;
	int prot = 0;
	unsigned line = 0;
};

// "ops.txt:3: map needs IOVA PADDR SIZE [PROT]"
class ParseError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

// Parses a whole file; throws ParseError at the first bad line.
std::vector<Op> parse_ops(std::istream &in, const std::string &name);

} // namespace gpt
