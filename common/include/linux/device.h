/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/device.h>: a device is a name and a NUMA
 * node hint. pt_iommu::iommu_device may point at one; the library itself
 * never dereferences it.
 */
#ifndef GENERICPT_LINUX_DEVICE_H
#define GENERICPT_LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/module.h>

/**
 * struct device - a device in user space
 * @init_name: name given at creation
 * @numa_node: NUMA node hint (NUMA_NO_NODE for none)
 */
struct device {
	const char *init_name;
	int numa_node;
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : "(unnamed)";
}

static inline int dev_to_node(const struct device *dev)
{
	return dev->numa_node;
}

static inline void set_dev_node(struct device *dev, int node)
{
	dev->numa_node = node;
}

#endif
