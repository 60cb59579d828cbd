// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// A one-line progress bar on stderr, drawn only when stderr is a terminal
// and the job is long enough to be worth it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace gpt {

class Progress {
public:
	// @enabled: draw at all (e.g. stderr is a TTY and @total is large).
	Progress(std::string label, std::uint64_t total, bool enabled);
	~Progress();
	// Cheap to call for every item; redraws at most every 100 ms.
	void update(std::uint64_t done)
	{
		if (enabled_ && (++ticks_ & 0x3ff) == 0)
			draw(done, false);
	}
	void finish();

	static bool stderr_is_tty();

private:
	void draw(std::uint64_t done, bool force);

	std::string label_;
	std::uint64_t total_;
	bool enabled_;
	bool drawn_ = false;
	std::uint64_t ticks_ = 0;
	std::chrono::steady_clock::time_point last_{};
};

} // namespace gpt
