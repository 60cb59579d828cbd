/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for the kernel's one-shot memory accessors and
 * atomics, built on the GCC __atomic builtins so the same text is valid C11
 * and C++20.
 */
#ifndef GENERICPT_LINUX_COMPILER_H
#define GENERICPT_LINUX_COMPILER_H

#include <linux/types.h>

/*
 * READ_ONCE is a consume load: like the kernel's, it orders the loads that
 * depend on the value read (a lower table reached through a table pointer
 * another thread just installed with a release cmpxchg). A relaxed load
 * would make reading that table's entries a data race in C11 (and a TSan
 * report); compilers implement consume as acquire, a plain load on x86.
 */
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_CONSUME)
#define WRITE_ONCE(x, val) __atomic_store_n(&(x), (val), __ATOMIC_RELAXED)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define barrier() __asm__ __volatile__("" ::: "memory")
/*
 * Full and device-visible barriers. Table memory is ordinary cacheable RAM
 * here, so ordering it for a device needs no more than for another CPU.
 */
#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_rmb() rmb()
#define dma_wmb() wmb()

/*
 * try_cmpxchg family: compare *ptr with *old; if equal store new and return
 * true, otherwise load the current value into *old and return false.
 */
#define try_cmpxchg(ptr, oldp, newv)                                          \
	__atomic_compare_exchange_n((ptr), (oldp), (newv), false,            \
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)
#define try_cmpxchg64(ptr, oldp, newv) try_cmpxchg(ptr, oldp, newv)
#define try_cmpxchg_release(ptr, oldp, newv)                                  \
	__atomic_compare_exchange_n((ptr), (oldp), (newv), false,            \
				    __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define try_cmpxchg64_release(ptr, oldp, newv) \
	try_cmpxchg_release(ptr, oldp, newv)

#endif
