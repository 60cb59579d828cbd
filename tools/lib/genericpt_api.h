// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The genericpt public API for C++ tool code.
//
// Tool code includes the library through this one header.
#pragma once

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>
#include <linux/iommu-pages.h>
#include <genericpt/runtime.h>

