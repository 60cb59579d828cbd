/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* User-space stand-in for <linux/spinlock.h>: a test-and-set spinlock. */
#ifndef GENERICPT_LINUX_SPINLOCK_H
#define GENERICPT_LINUX_SPINLOCK_H

#include <linux/compiler.h>

static inline void genericpt_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

typedef struct {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = { 0 }

static inline void spin_lock_init(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELAXED);
}

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			genericpt_cpu_relax();
	}
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#define spin_lock_irqsave(l, flags) \
	do {                        \
		(void)(flags);      \
		spin_lock(l);       \
	} while (0)
#define spin_unlock_irqrestore(l, flags) \
	do {                             \
		(void)(flags);           \
		spin_unlock(l);          \
	} while (0)

#endif
