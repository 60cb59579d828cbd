// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * What tests/arena/hostile.h needs, included at global scope first (that
 * header is included inside the includer's namespace).
 */
#ifndef GPT_HOSTILE_DEPS_H
#define GPT_HOSTILE_DEPS_H

#include <genericpt/arena.h>
#include <genericpt/runtime.h>
#include <linux/generic_pt/iommu.h>

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#endif
