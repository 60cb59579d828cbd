/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <kunit/test.h>: enough of KUnit to build and run
 * kernel-style test suites (the kernel's generic_pt KUnit files among them)
 * as ordinary programs.
 *
 * A suite is a struct kunit_suite with a table of struct kunit_case; it is
 * registered with kunit_test_suites(&suite), from any number of translation
 * units (each registration is a constructor that adds the suites to the
 * runner's list before main() runs). The runner (common/src/kunit.c, which
 * also provides main()) runs every registered suite, prints KTAP and exits
 * non-zero if any case failed.
 *
 * Semantics follow KUnit:
 *  - suite->init(test) runs before each case (each parameter of a
 *    parameterised case) and suite->exit(test) after it; a failing init
 *    fails the case;
 *  - KUNIT_EXPECT_*() records a failure and continues, KUNIT_ASSERT_*()
 *    records it and ends the case at once (a longjmp back to the runner);
 *  - kunit_skip() ends the case as skipped, kunit_mark_skipped() marks it
 *    and continues;
 *  - memory from kunit_kmalloc()/kunit_kzalloc()/... and devices from
 *    kunit_device_register() are freed when the case ends.
 * In addition, when the genericpt runtime is linked, a case during which
 * the library's WARN_ON() fired fails.
 *
 * Written for C (the kernel's test code is C): ASSERT ends a case with a
 * longjmp, which skips C++ destructors. The header also compiles as C++.
 */
#ifndef GENERICPT_KUNIT_TEST_H
#define GENERICPT_KUNIT_TEST_H

#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include <linux/args.h>
#include <linux/array_size.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/kconfig.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stringify.h>
#ifndef __cplusplus
#include <linux/kernel.h>
#include <linux/random.h>
#endif

GENERICPT_EXTERN_C_BEGIN

/* Size of the description buffer a parameter generator fills. */
#define KUNIT_PARAM_DESC_SIZE 128
#define KUNIT_STATUS_COMMENT_SIZE 256
/* Indents of KTAP output at the case and parameter levels. */
#define KUNIT_INDENT_LEN 4
#define KUNIT_SUBTEST_INDENT "    "
#define KUNIT_SUBSUBTEST_INDENT "        "

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

enum kunit_assert_type {
	KUNIT_ASSERTION,
	KUNIT_EXPECTATION,
};

/**
 * struct kunit - the state of one running test case
 * @priv: for the suite: usually set by suite->init() and read by the case
 * @name: the case's name
 * @param_value: the current parameter of a parameterised case, as the
 *     generator returned it; NULL otherwise
 * @param_index: 0-based index of that parameter
 * @status: result so far
 * @status_comment: why the case was skipped
 * @__runner: private to the runner
 */
struct kunit {
	void *priv;
	const char *name;
	const void *param_value;
	int param_index;
	enum kunit_status status;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	void *__runner;
};

/**
 * struct kunit_case - one test case of a suite
 * @run_case: the test function
 * @name: its name (KUNIT_CASE() sets it from the function name)
 * @generate_params: for a parameterised case: called with the previous
 *     parameter (NULL first) to produce the next one, or NULL when there
 *     are no more; may write a description of at most KUNIT_PARAM_DESC_SIZE
 *     bytes into @desc
 * @status: result, set by the runner
 *
 * A suite's table of cases ends with an all-zero entry ({}).
 */
struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(struct kunit *test, const void *prev,
				       char *desc);
	enum kunit_status status;
};

#define KUNIT_CASE(test_name)                                  \
	{ .run_case = test_name, .name = #test_name,           \
	  .generate_params = NULL, .status = KUNIT_SUCCESS }
#define KUNIT_CASE_SLOW(test_name) KUNIT_CASE(test_name)
#define KUNIT_CASE_PARAM(test_name, gen_params)                \
	{ .run_case = test_name, .name = #test_name,           \
	  .generate_params = gen_params, .status = KUNIT_SUCCESS }

/**
 * struct kunit_suite - a named group of test cases
 * @name: printed in the results
 * @suite_init: optional, once before the first case; non-zero skips the
 *     suite and fails it
 * @suite_exit: optional, once after the last case
 * @init: optional, before each case; non-zero fails the case
 * @exit: optional, after each case (also after a failed assertion)
 * @test_cases: the cases, ended by an all-zero entry
 */
struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

/* Runner entry points (common/src/kunit.c). */
void __kunit_register_suites(struct kunit_suite *const *suites,
			     unsigned int nr);
void __kunit_fail(struct kunit *test, const char *file, int line,
		  enum kunit_assert_type type, const char *fmt, ...)
	__attribute__((__format__(__printf__, 5, 6)));
void __kunit_fail_msg(struct kunit *test, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));
void __kunit_abort(struct kunit *test) __attribute__((__noreturn__));
void __kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));
void __kunit_log(struct kunit *test, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));
void __kunit_report_int(struct kunit *test, const char *file, int line,
			enum kunit_assert_type type, const char *left_text,
			const char *op, const char *right_text, u64 left,
			u64 right, bool is_signed);

/**
 * kunit_test_suites() - register suites with the runner
 *
 * Takes pointers to struct kunit_suite. May be used once or more in any
 * number of translation units.
 */
#define kunit_test_suites(...) \
	__kunit_test_suites_id(__COUNTER__, __VA_ARGS__)
#define __kunit_test_suites_id(id, ...) __kunit_test_suites_def(id, __VA_ARGS__)
#define __kunit_test_suites_def(id, ...)                                    \
	static struct kunit_suite *const __kunit_suites_##id[] = {          \
		__VA_ARGS__                                                 \
	};                                                                  \
	__attribute__((__constructor__)) static void                        \
	__kunit_register_##id(void)                                         \
	{                                                                   \
		__kunit_register_suites(__kunit_suites_##id,                \
					ARRAY_SIZE(__kunit_suites_##id));   \
	}                                                                   \
	extern int __kunit_suites_registered
#define kunit_test_suite(suite) kunit_test_suites(&(suite))
#define kunit_test_init_section_suites(...) kunit_test_suites(__VA_ARGS__)

/*
 * KUNIT_ARRAY_PARAM(name, array, get_desc) - a generator name##_gen_params
 * that walks @array; @get_desc(const element *, char *desc) may be NULL.
 */
#define KUNIT_ARRAY_PARAM(name, array, get_desc)                             \
	static const void *name##_gen_params(struct kunit *test,             \
					     const void *prev, char *desc)   \
	{                                                                    \
		__typeof__((array)[0]) *__next =                             \
			prev ? (__typeof__((array)[0]) *)prev + 1 : (array); \
		void (*__get_desc)(__typeof__((array)[0]) *, char *) =       \
			get_desc;                                            \
		(void)test;                                                  \
		if ((size_t)(__next - (array)) >= ARRAY_SIZE(array))         \
			return NULL;                                         \
		if (__get_desc)                                              \
			__get_desc(__next, desc);                            \
		return __next;                                               \
	}

/* Memory that lives until the end of the test case. */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size,
			  gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *ptr);

static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size,
				  gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

static inline char *kunit_kstrdup(struct kunit *test, const char *str,
				  gfp_t gfp)
{
	size_t len = strlen(str) + 1;
	char *p = (char *)kunit_kmalloc(test, len, gfp);

	if (p)
		memcpy(p, str, len);
	return p;
}

/* Messages, printed as KTAP diagnostics of the running case. */
#define kunit_log(level, test, fmt, ...) __kunit_log(test, fmt, ##__VA_ARGS__)
#define kunit_info(test, fmt, ...) __kunit_log(test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) __kunit_log(test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) __kunit_log(test, fmt, ##__VA_ARGS__)

#define kunit_mark_skipped(test, fmt, ...) \
	__kunit_mark_skipped(test, fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...)                              \
	do {                                                    \
		__kunit_mark_skipped(test, fmt, ##__VA_ARGS__); \
		__kunit_abort(test);                            \
	} while (0)

/* ---- assertions and expectations ---- */

/*
 * The *_ASSERTION() building blocks take @msg: a statement that prints the
 * user message of the _MSG forms (__KUNIT_MSG(test, fmt, ...)) or
 * __KUNIT_NO_MSG. After a failed assertion (type KUNIT_ASSERTION) the case
 * ends.
 */
#define __KUNIT_MSG(test, fmt, ...) __kunit_fail_msg(test, fmt, ##__VA_ARGS__)
#define __KUNIT_NO_MSG ((void)0)
#define __KUNIT_FINISH(test, type)             \
	do {                                   \
		if ((type) == KUNIT_ASSERTION) \
			__kunit_abort(test);   \
	} while (0)

#define KUNIT_TRUE_ASSERTION(test, type, cond, expect, msg)                  \
	do {                                                                 \
		if ((expect) ? !(cond) : !!(cond)) {                         \
			__kunit_fail(test, __FILE__, __LINE__, type,         \
				     "Expected %s to be %s, but is %s",      \
				     #cond, (expect) ? "true" : "false",     \
				     (expect) ? "false" : "true");           \
			msg;                                                 \
			__KUNIT_FINISH(test, type);                          \
		}                                                            \
	} while (0)

/*
 * Integers: both sides are evaluated once and compared after conversion to
 * their common type (what the comparison does anyway, without a
 * signed/unsigned warning at every use).
 */
#define KUNIT_BINARY_INT_ASSERTION(test, type, left, op, right, msg)          \
	do {                                                                  \
		typedef __typeof__((left) + (right)) __kunit_common_t;        \
		__typeof__(left) __kunit_left = (left);                       \
		__typeof__(right) __kunit_right = (right);                    \
		if (!((__kunit_common_t)__kunit_left op                       \
		      (__kunit_common_t)__kunit_right)) {                     \
			__kunit_report_int(                                   \
				test, __FILE__, __LINE__, type, #left, #op,   \
				#right, (u64)__kunit_left,                    \
				(u64)__kunit_right,                           \
				(__kunit_common_t)-1 < (__kunit_common_t)1);  \
			msg;                                                  \
			__KUNIT_FINISH(test, type);                           \
		}                                                             \
	} while (0)

#define KUNIT_BINARY_PTR_ASSERTION(test, type, left, op, right, msg)          \
	do {                                                                  \
		const void *__kunit_left = (const void *)(left);              \
		const void *__kunit_right = (const void *)(right);            \
		if (!(__kunit_left op __kunit_right)) {                       \
			__kunit_fail(test, __FILE__, __LINE__, type,          \
				     "Expected %s %s %s, but %s == %p, "      \
				     "%s == %p",                              \
				     #left, #op, #right, #left, __kunit_left, \
				     #right, __kunit_right);                  \
			msg;                                                  \
			__KUNIT_FINISH(test, type);                           \
		}                                                             \
	} while (0)

#define KUNIT_BINARY_STR_ASSERTION(test, type, left, op, right, msg)          \
	do {                                                                  \
		const char *__kunit_left = (left);                            \
		const char *__kunit_right = (right);                          \
		if (!(strcmp(__kunit_left, __kunit_right) op 0)) {            \
			__kunit_fail(test, __FILE__, __LINE__, type,          \
				     "Expected %s %s %s, but %s == \"%s\", "  \
				     "%s == \"%s\"",                          \
				     #left, #op, #right, #left, __kunit_left, \
				     #right, __kunit_right);                  \
			msg;                                                  \
			__KUNIT_FINISH(test, type);                           \
		}                                                             \
	} while (0)

#define KUNIT_MEM_ASSERTION(test, type, left, op, right, size, msg)           \
	do {                                                                  \
		const void *__kunit_left = (left);                            \
		const void *__kunit_right = (right);                          \
		size_t __kunit_size = (size);                                 \
		if (!(memcmp(__kunit_left, __kunit_right, __kunit_size) op    \
		      0)) {                                                   \
			__kunit_fail(test, __FILE__, __LINE__, type,          \
				     "Expected %s %s %s over %zu bytes",      \
				     #left, #op, #right, __kunit_size);       \
			msg;                                                  \
			__KUNIT_FINISH(test, type);                           \
		}                                                             \
	} while (0)

#define KUNIT_PTR_NOT_ERR_OR_NULL_ASSERTION(test, type, ptr, msg)             \
	do {                                                                  \
		const void *__kunit_ptr = (const void *)(ptr);                \
		if (IS_ERR_OR_NULL(__kunit_ptr)) {                            \
			__kunit_fail(test, __FILE__, __LINE__, type,          \
				     "Expected %s is not error, null, but "   \
				     "is %p",                                 \
				     #ptr, __kunit_ptr);                      \
			msg;                                                  \
			__KUNIT_FINISH(test, type);                           \
		}                                                             \
	} while (0)

/* KUNIT_FAIL() records a failure and goes on; KUNIT_SUCCEED() nothing. */
#define KUNIT_FAIL(test, fmt, ...)                                             \
	__kunit_fail(test, __FILE__, __LINE__, KUNIT_EXPECTATION, fmt,         \
		     ##__VA_ARGS__)
#define KUNIT_SUCCEED(test) ((void)(test))

/*
 * The user-facing forms, generated for EXPECT (record and go on) and
 * ASSERT (record and end the case).
 */
#define __KUNIT_T(test, type, cond) \
	KUNIT_TRUE_ASSERTION(test, type, cond, true, __KUNIT_NO_MSG)
#define __KUNIT_T_MSG(test, type, cond, fmt, ...)        \
	KUNIT_TRUE_ASSERTION(test, type, cond, true,     \
			     __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_F(test, type, cond) \
	KUNIT_TRUE_ASSERTION(test, type, cond, false, __KUNIT_NO_MSG)
#define __KUNIT_F_MSG(test, type, cond, fmt, ...)        \
	KUNIT_TRUE_ASSERTION(test, type, cond, false,    \
			     __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_INT(test, type, l, op, r) \
	KUNIT_BINARY_INT_ASSERTION(test, type, l, op, r, __KUNIT_NO_MSG)
#define __KUNIT_INT_MSG(test, type, l, op, r, fmt, ...)    \
	KUNIT_BINARY_INT_ASSERTION(test, type, l, op, r,   \
				   __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_PTR(test, type, l, op, r) \
	KUNIT_BINARY_PTR_ASSERTION(test, type, l, op, r, __KUNIT_NO_MSG)
#define __KUNIT_PTR_MSG(test, type, l, op, r, fmt, ...)    \
	KUNIT_BINARY_PTR_ASSERTION(test, type, l, op, r,   \
				   __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_STR(test, type, l, op, r) \
	KUNIT_BINARY_STR_ASSERTION(test, type, l, op, r, __KUNIT_NO_MSG)
#define __KUNIT_STR_MSG(test, type, l, op, r, fmt, ...)    \
	KUNIT_BINARY_STR_ASSERTION(test, type, l, op, r,   \
				   __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_MEM(test, type, l, op, r, n) \
	KUNIT_MEM_ASSERTION(test, type, l, op, r, n, __KUNIT_NO_MSG)
#define __KUNIT_MEM_MSG(test, type, l, op, r, n, fmt, ...)   \
	KUNIT_MEM_ASSERTION(test, type, l, op, r, n,         \
			    __KUNIT_MSG(test, fmt, ##__VA_ARGS__))
#define __KUNIT_NEON(test, type, p) \
	KUNIT_PTR_NOT_ERR_OR_NULL_ASSERTION(test, type, p, __KUNIT_NO_MSG)
#define __KUNIT_NEON_MSG(test, type, p, fmt, ...)                  \
	KUNIT_PTR_NOT_ERR_OR_NULL_ASSERTION(test, type, p,         \
					    __KUNIT_MSG(test, fmt, \
							##__VA_ARGS__))

#define KUNIT_EXPECT_TRUE(t, c) __KUNIT_T(t, KUNIT_EXPECTATION, c)
#define KUNIT_EXPECT_TRUE_MSG(t, c, ...) \
	__KUNIT_T_MSG(t, KUNIT_EXPECTATION, c, __VA_ARGS__)
#define KUNIT_EXPECT_FALSE(t, c) __KUNIT_F(t, KUNIT_EXPECTATION, c)
#define KUNIT_EXPECT_FALSE_MSG(t, c, ...) \
	__KUNIT_F_MSG(t, KUNIT_EXPECTATION, c, __VA_ARGS__)
#define KUNIT_EXPECT_EQ(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_NE(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_LT(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, <, r)
#define KUNIT_EXPECT_LE(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, <=, r)
#define KUNIT_EXPECT_GT(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, >, r)
#define KUNIT_EXPECT_GE(t, l, r) __KUNIT_INT(t, KUNIT_EXPECTATION, l, >=, r)
#define KUNIT_EXPECT_EQ_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, !=, r, __VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, <, r, __VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, <=, r, __VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, >, r, __VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_EXPECTATION, l, >=, r, __VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ(t, l, r) __KUNIT_PTR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(t, l, r) __KUNIT_PTR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_PTR_EQ_MSG(t, l, r, ...) \
	__KUNIT_PTR_MSG(t, KUNIT_EXPECTATION, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE_MSG(t, l, r, ...) \
	__KUNIT_PTR_MSG(t, KUNIT_EXPECTATION, l, !=, r, __VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, p) KUNIT_EXPECT_PTR_EQ(t, p, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p) KUNIT_EXPECT_PTR_NE(t, p, NULL)
#define KUNIT_EXPECT_NULL_MSG(t, p, ...) \
	KUNIT_EXPECT_PTR_EQ_MSG(t, p, NULL, __VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, ...) \
	KUNIT_EXPECT_PTR_NE_MSG(t, p, NULL, __VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) __KUNIT_NEON(t, KUNIT_EXPECTATION, p)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, ...) \
	__KUNIT_NEON_MSG(t, KUNIT_EXPECTATION, p, __VA_ARGS__)
#define KUNIT_EXPECT_STREQ(t, l, r) __KUNIT_STR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_STRNEQ(t, l, r) __KUNIT_STR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_STREQ_MSG(t, l, r, ...) \
	__KUNIT_STR_MSG(t, KUNIT_EXPECTATION, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ_MSG(t, l, r, ...) \
	__KUNIT_STR_MSG(t, KUNIT_EXPECTATION, l, !=, r, __VA_ARGS__)
#define KUNIT_EXPECT_MEMEQ(t, l, r, n) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, ==, r, n)
#define KUNIT_EXPECT_MEMNEQ(t, l, r, n) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, !=, r, n)
#define KUNIT_EXPECT_MEMEQ_MSG(t, l, r, n, ...) \
	__KUNIT_MEM_MSG(t, KUNIT_EXPECTATION, l, ==, r, n, __VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ_MSG(t, l, r, n, ...) \
	__KUNIT_MEM_MSG(t, KUNIT_EXPECTATION, l, !=, r, n, __VA_ARGS__)

#define KUNIT_ASSERT_TRUE(t, c) __KUNIT_T(t, KUNIT_ASSERTION, c)
#define KUNIT_ASSERT_TRUE_MSG(t, c, ...) \
	__KUNIT_T_MSG(t, KUNIT_ASSERTION, c, __VA_ARGS__)
#define KUNIT_ASSERT_FALSE(t, c) __KUNIT_F(t, KUNIT_ASSERTION, c)
#define KUNIT_ASSERT_FALSE_MSG(t, c, ...) \
	__KUNIT_F_MSG(t, KUNIT_ASSERTION, c, __VA_ARGS__)
#define KUNIT_ASSERT_EQ(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_NE(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_LT(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, <, r)
#define KUNIT_ASSERT_LE(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, <=, r)
#define KUNIT_ASSERT_GT(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, >, r)
#define KUNIT_ASSERT_GE(t, l, r) __KUNIT_INT(t, KUNIT_ASSERTION, l, >=, r)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, ==, r, __VA_ARGS__)
#define KUNIT_ASSERT_NE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, !=, r, __VA_ARGS__)
#define KUNIT_ASSERT_LT_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, <, r, __VA_ARGS__)
#define KUNIT_ASSERT_LE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, <=, r, __VA_ARGS__)
#define KUNIT_ASSERT_GT_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, >, r, __VA_ARGS__)
#define KUNIT_ASSERT_GE_MSG(t, l, r, ...) \
	__KUNIT_INT_MSG(t, KUNIT_ASSERTION, l, >=, r, __VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ(t, l, r) __KUNIT_PTR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_PTR_NE(t, l, r) __KUNIT_PTR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_PTR_EQ_MSG(t, l, r, ...) \
	__KUNIT_PTR_MSG(t, KUNIT_ASSERTION, l, ==, r, __VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE_MSG(t, l, r, ...) \
	__KUNIT_PTR_MSG(t, KUNIT_ASSERTION, l, !=, r, __VA_ARGS__)
#define KUNIT_ASSERT_NULL(t, p) KUNIT_ASSERT_PTR_EQ(t, p, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p) KUNIT_ASSERT_PTR_NE(t, p, NULL)
#define KUNIT_ASSERT_NULL_MSG(t, p, ...) \
	KUNIT_ASSERT_PTR_EQ_MSG(t, p, NULL, __VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, ...) \
	KUNIT_ASSERT_PTR_NE_MSG(t, p, NULL, __VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) __KUNIT_NEON(t, KUNIT_ASSERTION, p)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, ...) \
	__KUNIT_NEON_MSG(t, KUNIT_ASSERTION, p, __VA_ARGS__)
#define KUNIT_ASSERT_STREQ(t, l, r) __KUNIT_STR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_STRNEQ(t, l, r) __KUNIT_STR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_STREQ_MSG(t, l, r, ...) \
	__KUNIT_STR_MSG(t, KUNIT_ASSERTION, l, ==, r, __VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ_MSG(t, l, r, ...) \
	__KUNIT_STR_MSG(t, KUNIT_ASSERTION, l, !=, r, __VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ(t, l, r, n) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, ==, r, n)
#define KUNIT_ASSERT_MEMNEQ(t, l, r, n) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, !=, r, n)
#define KUNIT_ASSERT_MEMEQ_MSG(t, l, r, n, ...) \
	__KUNIT_MEM_MSG(t, KUNIT_ASSERTION, l, ==, r, n, __VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ_MSG(t, l, r, n, ...) \
	__KUNIT_MEM_MSG(t, KUNIT_ASSERTION, l, !=, r, n, __VA_ARGS__)

GENERICPT_EXTERN_C_END

#endif
