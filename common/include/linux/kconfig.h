/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/kconfig.h>: IS_ENABLED() and friends, and
 * the configuration this user-space build corresponds to.
 *
 * An option is "on" when its macro is defined to 1 (CONFIG_FOO=y) or its
 * _MODULE twin is (CONFIG_FOO=m); anything else, undefined included, is off.
 * The tests below work in #if and in C expressions alike.
 *
 * The defaults describe this library: an SMP machine with 64-bit atomics,
 * dirty tracking (IOMMUFD) built in. Define an option to 0 on the command
 * line (-DCONFIG_SMP=0) to switch a default off; define one to 1 to switch
 * something on, e.g. -DCONFIG_DEBUG_GENERIC_PT=1.
 */
#ifndef GENERICPT_LINUX_KCONFIG_H
#define GENERICPT_LINUX_KCONFIG_H

/*
 * __genericpt_is_one(CONFIG_FOO): CONFIG_FOO expands to 1 or to something
 * else. Only a 1 turns __GENERICPT_KCONFIG_IS_1 into "0," which shifts the
 * literal 1 into the second position the selector picks.
 */
#define __GENERICPT_KCONFIG_IS_1 0,
#define __genericpt_second(first, second, ...) second
#define __genericpt_select(maybe_comma) __genericpt_second(maybe_comma 1, 0, )
#define __genericpt_paste_is(value) __genericpt_select(__GENERICPT_KCONFIG_IS_##value)
#define __genericpt_is_one(option) __genericpt_paste_is(option)

#define IS_BUILTIN(option) __genericpt_is_one(option)
#define IS_MODULE(option) __genericpt_is_one(option##_MODULE)
#define IS_ENABLED(option) (IS_BUILTIN(option) || IS_MODULE(option))
#define IS_REACHABLE(option) IS_ENABLED(option)

#ifndef CONFIG_SMP
#define CONFIG_SMP 1
#endif
#if !defined(CONFIG_64BIT) && __SIZEOF_POINTER__ == 8
#define CONFIG_64BIT 1
#endif
#if !defined(CONFIG_X86) && (defined(__x86_64__) || defined(__i386__))
#define CONFIG_X86 1
#endif
#ifndef CONFIG_IOMMUFD_DRIVER
#define CONFIG_IOMMUFD_DRIVER 1
#endif
#ifndef CONFIG_IOMMUFD_TEST
#define CONFIG_IOMMUFD_TEST 1
#endif
#ifndef CONFIG_IOMMU_PT
#define CONFIG_IOMMU_PT 1
#endif
#ifndef CONFIG_GENERIC_PT
#define CONFIG_GENERIC_PT 1
#endif

#endif
