/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/cleanup.h>: scope-based cleanup on the
 * GCC/Clang cleanup attribute, valid in GNU C and C++.
 *
 *   DEFINE_FREE(name, type, expr)  a cleanup "name" for variables of @type;
 *                                  @expr frees the value, named _T.
 *   type p __free(name) = ...;     run it when p goes out of scope.
 *   no_free_ptr(p) / return_ptr(p) take the value out (p becomes NULL).
 *   DEFINE_CLASS / CLASS           a constructor/destructor pair.
 *   DEFINE_GUARD(name, type, lock, unlock) and guard(name)(arg) /
 *   scoped_guard(name, arg) { ... } hold a lock for a scope.
 *
 * Not included by the public API headers: guard() and CLASS() would clash
 * with common identifiers in user code.
 */
#ifndef GENERICPT_LINUX_CLEANUP_H
#define GENERICPT_LINUX_CLEANUP_H

#include <stddef.h>
#include <linux/args.h>

#define __cleanup(fn) __attribute__((__cleanup__(fn)))

#define __GENERICPT_UNIQUE(prefix) CONCATENATE(prefix, __COUNTER__)

#define DEFINE_FREE(name, type, free_expr)                           \
	static inline void __genericpt_free_##name(void *__ptr)     \
	{                                                            \
		type _T = *(type *)__ptr;                            \
		free_expr;                                           \
	}

#define __free(name) __cleanup(__genericpt_free_##name)

#define no_free_ptr(p)                           \
	__extension__({                          \
		__typeof__(p) __genericpt_p = (p); \
		(p) = NULL;                      \
		__genericpt_p;                   \
	})
#define return_ptr(p) return no_free_ptr(p)
#define retain_and_null_ptr(p) ((void)no_free_ptr(p))

/*
 * A class: a value of @type made by a constructor taking @args and
 * destroyed by @destroy (with the value named _T) at the end of the scope.
 */
#define DEFINE_CLASS(name, type, destroy, init_expr, ...)                   \
	typedef type class_##name##_t;                                     \
	static inline void class_##name##_destructor(type *__p)            \
	{                                                                  \
		type _T = *__p;                                            \
		destroy;                                                   \
	}                                                                  \
	static inline type class_##name##_constructor(__VA_ARGS__)         \
	{                                                                  \
		type __genericpt_value = init_expr;                        \
		return __genericpt_value;                                  \
	}

#define CLASS(name, var)                                          \
	class_##name##_t var __cleanup(class_##name##_destructor) = \
		class_##name##_constructor

/* A lock guard: @lock and @unlock act on _T, a @type. */
#define DEFINE_GUARD(name, type, lock, unlock)                    \
	DEFINE_CLASS(name, type, if (_T) { unlock; },             \
		     __extension__({                              \
			     lock;                                \
			     _T;                                  \
		     }),                                          \
		     type _T)

#define guard(name) CLASS(name, __GENERICPT_UNIQUE(__genericpt_guard_))

#define __genericpt_scoped_guard(name, done, ...)                          \
	for (CLASS(name, scope)(__VA_ARGS__), *done = NULL; !done;         \
	     done = (class_##name##_t *)1)
#define scoped_guard(name, ...)                                             \
	__genericpt_scoped_guard(name, __GENERICPT_UNIQUE(__genericpt_done_), \
				 __VA_ARGS__)

#endif
