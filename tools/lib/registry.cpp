// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The formats compiled into the tools. tools/CMakeLists.txt compiles every
// adaptor and defines GENERICPT_HAVE_FMT_<name> for each format library
// that exists, so a format appears here as soon as its library is built.
#include "format.h"

#include <fmt/format.h>

#include <vector>

namespace gpt {

#define GPT_FORMATS(X)                                                        \
	X(amdv1) X(amdv1_mock) X(x86_64) X(x86pae) X(vtdss) X(riscv64)        \
		X(armv8_4k) X(armv8_16k) X(armv8_64k) X(armv7s) X(dart) X(dart_4k)
#define GPT_DECLARE(n) const Format &format_##n();
GPT_FORMATS(GPT_DECLARE)

std::span<const Format *const> formats()
{
	static const std::vector<const Format *> list = {
#ifdef GENERICPT_HAVE_FMT_amdv1
		&format_amdv1(),
#endif
#ifdef GENERICPT_HAVE_FMT_amdv1_mock
		&format_amdv1_mock(),
#endif
#ifdef GENERICPT_HAVE_FMT_x86_64
		&format_x86_64(),
#endif
#ifdef GENERICPT_HAVE_FMT_x86pae
		&format_x86pae(),
#endif
#ifdef GENERICPT_HAVE_FMT_vtdss
		&format_vtdss(),
#endif
#ifdef GENERICPT_HAVE_FMT_riscv64
		&format_riscv64(),
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_4k
		&format_armv8_4k(),
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_16k
		&format_armv8_16k(),
#endif
#ifdef GENERICPT_HAVE_FMT_armv8_64k
		&format_armv8_64k(),
#endif
#ifdef GENERICPT_HAVE_FMT_armv7s
		&format_armv7s(),
#endif
#ifdef GENERICPT_HAVE_FMT_dart
		&format_dart(),
#endif
#ifdef GENERICPT_HAVE_FMT_dart_4k
		&format_dart_4k(),
#endif
	};
	return list;
}

const Format *find_format(std::string_view name)
{
	for (const Format *f : formats())
		if (f->name() == name)
			return f;
	return nullptr;
}

std::string format_list()
{
	std::string s;

	for (const Format *f : formats())
		s += (s.empty() ? "" : ", ") + std::string(f->name());
	return s;
}

} // namespace gpt
