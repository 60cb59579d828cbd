// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Reader of Linux ftrace text logs (trace, trace_pipe, `trace-cmd report`,
// `perf script`) holding iommu:map and iommu:unmap events:
//
//   <task>-<pid> [cpu] <flags> <timestamp>: map: IOMMU: iova=0x... - 0x... paddr=0x... size=N
//   <task>-<pid> [cpu] <flags> <timestamp>: unmap: IOMMU: iova=0x... - 0x... size=N unmapped_size=N
//
// (older kernels print map events without the " - 0x..." end address).
// Comment lines (#...) and blank lines are ignored, other events are counted
// and skipped, anything else is malformed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gpt {

struct TraceEvent {
	enum class Kind : std::uint8_t { map, unmap };
	Kind kind = Kind::map;
	std::uint32_t line = 0;
	std::uint64_t iova = 0;
	std::uint64_t paddr = 0;    // map
	std::uint64_t size = 0;
	std::uint64_t unmapped = 0; // unmap: unmapped_size the kernel reported
};

enum class TraceLine { ignored, event, other_event, malformed };

// Classifies one line; fills @ev for an event and @why for a malformed line.
TraceLine parse_trace_line(std::string_view line, TraceEvent &ev, std::string &why);

} // namespace gpt
