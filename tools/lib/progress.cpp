// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Progress bar (see progress.h).
#include "progress.h"

#include <fmt/format.h>

#include <unistd.h>

namespace gpt {

Progress::Progress(std::string label, std::uint64_t total, bool enabled)
	: label_(std::move(label)), total_(total ? total : 1), enabled_(enabled)
{
}

Progress::~Progress()
{
	finish();
}

bool Progress::stderr_is_tty()
{
	return isatty(STDERR_FILENO) == 1;
}

void Progress::draw(std::uint64_t done, bool force)
{
	auto now = std::chrono::steady_clock::now();

	if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100))
		return;
	last_ = now;
	drawn_ = true;
	constexpr unsigned width = 40;
	unsigned fill = static_cast<unsigned>(width * std::min(done, total_) / total_);
	fmt::print(stderr, "\r{} [{:#<{}}{:<{}}] {:3}% {}/{}", label_, "", fill, "",
		   width - fill, 100 * std::min(done, total_) / total_, done, total_);
	std::fflush(stderr);
}

void Progress::finish()
{
	if (!enabled_ || !drawn_)
		return;
	draw(total_, true);
	fmt::print(stderr, "\n");
	enabled_ = false;
}

} // namespace gpt
