/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <kunit/device.h>: a struct device that lives
 * until the end of the test case.
 */
#ifndef GENERICPT_KUNIT_DEVICE_H
#define GENERICPT_KUNIT_DEVICE_H

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/err.h>

/**
 * kunit_device_register() - a device named @name for this test case
 *
 * Return: the device (NUMA_NO_NODE), or ERR_PTR(-ENOMEM). Freed when the
 * case ends.
 */
static inline struct device *kunit_device_register(struct kunit *test,
						   const char *name)
{
	struct device *dev =
		(struct device *)kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	if (!dev)
		return (struct device *)ERR_PTR(-ENOMEM);
	dev->init_name = name;
	dev->numa_node = NUMA_NO_NODE;
	return dev;
}

static inline void kunit_device_unregister(struct kunit *test,
					   struct device *dev)
{
	kunit_kfree(test, dev);
}

#endif
