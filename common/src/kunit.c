// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The runner behind <kunit/test.h>: keeps the suites that kunit_test_suites()
 * registered, runs them, prints the results as KTAP (the format the kernel's
 * KUnit prints) and provides main().
 *
 *   kunit-program [-l] [GLOB...]
 *
 * With GLOBs only the cases whose "suite.case" matches one of them run (as
 * fnmatch(3) patterns); -l lists the cases instead of running them.
 * Exit status: 0 if every case that ran passed or was skipped, 1 if any
 * failed, 2 if no case ran at all (nothing registered, or no match).
 */
#include <fnmatch.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kunit/test.h>

/* The genericpt runtime's WARN_ON() counter, when the runtime is linked. */
extern unsigned long genericpt_warn_count(void) __attribute__((__weak__));

struct kunit_registration {
	struct kunit_suite *const *suites;
	unsigned int nr;
	struct kunit_registration *next;
};

static struct kunit_registration *registrations;
static struct kunit_registration **registrations_tail = &registrations;

void __kunit_register_suites(struct kunit_suite *const *suites,
			     unsigned int nr)
{
	struct kunit_registration *reg = malloc(sizeof(*reg));

	if (!reg) {
		fprintf(stderr, "kunit: out of memory registering suites\n");
		exit(2);
	}
	reg->suites = suites;
	reg->nr = nr;
	reg->next = NULL;
	*registrations_tail = reg;
	registrations_tail = &reg->next;
}

/* Memory handed out by kunit_kmalloc_array(), freed when the case ends. */
struct kunit_alloc {
	struct kunit_alloc *next;
	max_align_t data[];
};

/* What the runner keeps per running case (struct kunit::__runner). */
struct kunit_run {
	jmp_buf abort_to;
	bool can_abort;
	struct kunit_alloc *allocs;
	const char *indent;
};

/* ---- message formatting ---- */

static const struct {
	int err;
	const char *name;
} kunit_errnos[] = {
	{ EPERM, "EPERM" },	      { ENOENT, "ENOENT" },
	{ EINTR, "EINTR" },	      { EIO, "EIO" },
	{ ENXIO, "ENXIO" },	      { E2BIG, "E2BIG" },
	{ EAGAIN, "EAGAIN" },	      { ENOMEM, "ENOMEM" },
	{ EFAULT, "EFAULT" },	      { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" },	      { ENODEV, "ENODEV" },
	{ EINVAL, "EINVAL" },	      { ENOSPC, "ENOSPC" },
	{ ERANGE, "ERANGE" },	      { EPROTOTYPE, "EPROTOTYPE" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EADDRINUSE, "EADDRINUSE" },
	{ EOVERFLOW, "EOVERFLOW" },   { ETIMEDOUT, "ETIMEDOUT" },
};

/* Appends to a growing, always NUL-terminated buffer. */
struct kunit_buf {
	char *s;
	size_t len;
	size_t cap;
};

static void buf_vadd(struct kunit_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t cap = (b->len + (size_t)n + 1) * 2;
		char *s = realloc(b->s, cap);

		if (!s)
			return;
		b->s = s;
		b->cap = cap;
	}
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
}

static void buf_add(struct kunit_buf *b, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));
static void buf_add(struct kunit_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vadd(b, fmt, ap);
	va_end(ap);
}

/* %pe: an ERR_PTR() as its error name, like the kernel's printk. */
static void buf_add_errptr(struct kunit_buf *b, const void *ptr)
{
	long err = PTR_ERR(ptr);
	size_t i;

	if (!IS_ERR(ptr)) {
		buf_add(b, "%p", ptr);
		return;
	}
	for (i = 0; i != ARRAY_SIZE(kunit_errnos); i++) {
		if (kunit_errnos[i].err == -err) {
			buf_add(b, "-%s", kunit_errnos[i].name);
			return;
		}
	}
	buf_add(b, "%ld", err);
}

/*
 * vsnprintf() plus the kernel's %pe. Every conversion is handed to the C
 * library one at a time so the argument list is consumed with the right
 * type.
 */
static void buf_vformat(struct kunit_buf *b, const char *fmt, va_list ap)
{
	while (*fmt) {
		char spec[64];
		size_t n = 0;
		int lng = 0; /* 1 h, 2 hh, 3 l, 4 ll, 5 z, 6 t, 7 j, 8 L */
		char conv;

		if (*fmt != '%') {
			const char *pct = strchr(fmt, '%');
			size_t run = pct ? (size_t)(pct - fmt) : strlen(fmt);

			buf_add(b, "%.*s", (int)run, fmt);
			fmt += run;
			continue;
		}
		spec[n++] = *fmt++;
		while (*fmt && strchr("-+ #0", *fmt) && n < 40)
			spec[n++] = *fmt++;
		if (*fmt == '*') {
			n += (size_t)snprintf(spec + n, sizeof(spec) - n, "%d",
					      va_arg(ap, int));
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9' && n < 40)
			spec[n++] = *fmt++;
		if (*fmt == '.') {
			spec[n++] = *fmt++;
			if (*fmt == '*') {
				n += (size_t)snprintf(spec + n,
						      sizeof(spec) - n, "%d",
						      va_arg(ap, int));
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9' && n < 40)
				spec[n++] = *fmt++;
		}
		for (;;) {
			if (*fmt == 'h')
				lng = lng == 1 ? 2 : 1;
			else if (*fmt == 'l')
				lng = lng == 3 ? 4 : 3;
			else if (*fmt == 'z')
				lng = 5;
			else if (*fmt == 't')
				lng = 6;
			else if (*fmt == 'j')
				lng = 7;
			else if (*fmt == 'L')
				lng = 8;
			else
				break;
			spec[n++] = *fmt++;
		}
		conv = *fmt;
		if (!conv)
			break;
		fmt++;
		spec[n++] = conv;
		spec[n] = 0;

		switch (conv) {
		case '%':
			buf_add(b, "%%");
			break;
		case 'd':
		case 'i':
			if (lng == 3)
				buf_add(b, spec, va_arg(ap, long));
			else if (lng == 4)
				buf_add(b, spec, va_arg(ap, long long));
			else if (lng == 5 || lng == 6)
				buf_add(b, spec, va_arg(ap, ptrdiff_t));
			else if (lng == 7)
				buf_add(b, spec, va_arg(ap, intmax_t));
			else
				buf_add(b, spec, va_arg(ap, int));
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng == 3)
				buf_add(b, spec, va_arg(ap, unsigned long));
			else if (lng == 4)
				buf_add(b, spec, va_arg(ap, unsigned long long));
			else if (lng == 5 || lng == 6)
				buf_add(b, spec, va_arg(ap, size_t));
			else if (lng == 7)
				buf_add(b, spec, va_arg(ap, uintmax_t));
			else
				buf_add(b, spec, va_arg(ap, unsigned int));
			break;
		case 'c':
			buf_add(b, spec, va_arg(ap, int));
			break;
		case 's':
			buf_add(b, spec, va_arg(ap, const char *));
			break;
		case 'p':
			if (*fmt == 'e') {
				fmt++;
				buf_add_errptr(b, va_arg(ap, const void *));
			} else {
				buf_add(b, spec, va_arg(ap, const void *));
			}
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			if (lng == 8)
				buf_add(b, spec, va_arg(ap, long double));
			else
				buf_add(b, spec, va_arg(ap, double));
			break;
		default:
			buf_add(b, "%s", spec);
			break;
		}
	}
}

/* Print @text as KTAP diagnostic lines ("# ...") at @indent. */
static void print_diag(const char *indent, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t run = nl ? (size_t)(nl - text) : strlen(text);

		printf("%s# %.*s\n", indent, (int)run, text);
		text += run + (nl ? 1 : 0);
	}
}

static const char *test_indent(struct kunit *test)
{
	struct kunit_run *run = (struct kunit_run *)test->__runner;

	return run ? run->indent : KUNIT_SUBTEST_INDENT;
}

static void vdiag(struct kunit *test, const char *fmt, va_list ap)
{
	struct kunit_buf b = { NULL, 0, 0 };

	buf_vformat(&b, fmt, ap);
	if (b.s)
		print_diag(test_indent(test), b.s);
	free(b.s);
}

static void diag(struct kunit *test, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));
static void diag(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(test, fmt, ap);
	va_end(ap);
}

/* ---- the API behind the macros ---- */

static void set_failed(struct kunit *test)
{
	test->status = KUNIT_FAILURE;
}

void __kunit_fail(struct kunit *test, const char *file, int line,
		  enum kunit_assert_type type, const char *fmt, ...)
{
	va_list ap;

	set_failed(test);
	diag(test, "%s: %s FAILED at %s:%d", test->name,
	     type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", file,
	     line);
	va_start(ap, fmt);
	vdiag(test, fmt, ap);
	va_end(ap);
}

void __kunit_fail_msg(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(test, fmt, ap);
	va_end(ap);
}

void __kunit_report_int(struct kunit *test, const char *file, int line,
			enum kunit_assert_type type, const char *left_text,
			const char *op, const char *right_text, u64 left,
			u64 right, bool is_signed)
{
	__kunit_fail(test, file, line, type, "Expected %s %s %s, but",
		     left_text, op, right_text);
	if (is_signed) {
		diag(test, "    %s == %lld (0x%llx)", left_text,
		     (long long)left, (unsigned long long)left);
		diag(test, "    %s == %lld (0x%llx)", right_text,
		     (long long)right, (unsigned long long)right);
	} else {
		diag(test, "    %s == %llu (0x%llx)", left_text,
		     (unsigned long long)left, (unsigned long long)left);
		diag(test, "    %s == %llu (0x%llx)", right_text,
		     (unsigned long long)right, (unsigned long long)right);
	}
}

void __kunit_abort(struct kunit *test)
{
	struct kunit_run *run = (struct kunit_run *)test->__runner;

	if (!run || !run->can_abort) {
		fprintf(stderr, "kunit: assertion outside a test case\n");
		abort();
	}
	longjmp(run->abort_to, 1);
}

void __kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	struct kunit_buf b = { NULL, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vformat(&b, fmt, ap);
	va_end(ap);
	snprintf(test->status_comment, sizeof(test->status_comment), "%s",
		 b.s ? b.s : "");
	free(b.s);
	/* A failure stays a failure. */
	if (test->status != KUNIT_FAILURE)
		test->status = KUNIT_SKIPPED;
}

void __kunit_log(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(test, fmt, ap);
	va_end(ap);
}

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size,
			  gfp_t gfp)
{
	struct kunit_run *run = (struct kunit_run *)test->__runner;
	struct kunit_alloc *a;
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes) ||
	    bytes > SIZE_MAX - sizeof(*a))
		return NULL;
	a = malloc(sizeof(*a) + bytes);
	if (!a)
		return NULL;
	if (gfp & __GFP_ZERO)
		memset(a->data, 0, bytes);
	a->next = run->allocs;
	run->allocs = a;
	return a->data;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	struct kunit_run *run = (struct kunit_run *)test->__runner;
	struct kunit_alloc **pp;

	if (!ptr)
		return;
	for (pp = &run->allocs; *pp; pp = &(*pp)->next) {
		if ((const void *)(*pp)->data == ptr) {
			struct kunit_alloc *a = *pp;

			*pp = a->next;
			free(a);
			return;
		}
	}
	KUNIT_FAIL(test, "kunit_kfree() of %p, which kunit did not allocate",
		   ptr);
}

/* ---- running ---- */

struct kunit_totals {
	unsigned int pass;
	unsigned int fail;
	unsigned int skip;
};

static void totals_add(struct kunit_totals *t, enum kunit_status status)
{
	if (status == KUNIT_FAILURE)
		t->fail++;
	else if (status == KUNIT_SKIPPED)
		t->skip++;
	else
		t->pass++;
}

static unsigned long warn_count(void)
{
	return genericpt_warn_count ? genericpt_warn_count() : 0;
}

/* init, the case, exit; one run of one case (or of one parameter). */
static void run_case_once(struct kunit_suite *suite, struct kunit_case *c,
			  struct kunit *test, const char *indent)
{
	static struct kunit_run run;
	volatile unsigned long warns = warn_count();
	int ret;

	memset(&run, 0, sizeof(run));
	run.indent = indent;
	test->__runner = &run;
	test->priv = NULL;
	test->status = KUNIT_SUCCESS;
	test->status_comment[0] = 0;

	run.can_abort = true;
	if (!setjmp(run.abort_to)) {
		ret = suite->init ? suite->init(test) : 0;
		if (ret) {
			if (test->status != KUNIT_SKIPPED)
				KUNIT_FAIL(test, "suite init failed: %d", ret);
		} else {
			c->run_case(test);
		}
	}
	if (suite->exit && !setjmp(run.abort_to))
		suite->exit(test);
	run.can_abort = false;

	while (run.allocs) {
		struct kunit_alloc *a = run.allocs;

		run.allocs = a->next;
		free(a);
	}
	if (warn_count() != warns) {
		set_failed(test);
		diag(test, "%s: WARN_ON() fired %lu time(s) in the library",
		     test->name, warn_count() - warns);
	}
	test->__runner = NULL;
}

static void print_result(const char *indent, enum kunit_status status,
			 unsigned int nr, const char *name,
			 const char *comment)
{
	printf("%s%s %u %s", indent, status == KUNIT_FAILURE ? "not ok" : "ok",
	       nr, name);
	if (status == KUNIT_SKIPPED)
		printf(" # SKIP %s", comment);
	printf("\n");
	fflush(stdout);
}

static bool selected(const struct kunit_suite *suite,
		     const struct kunit_case *c, int nglobs, char **globs)
{
	char name[512];
	int i;

	if (!nglobs)
		return true;
	snprintf(name, sizeof(name), "%s.%s", suite->name, c->name);
	for (i = 0; i != nglobs; i++)
		if (!fnmatch(globs[i], name, 0))
			return true;
	return false;
}

/* Run a parameterised case: one subtest per parameter. */
static enum kunit_status run_param_case(struct kunit_suite *suite,
					struct kunit_case *c,
					struct kunit *test,
					struct kunit_totals *all)
{
	struct kunit_totals t = { 0, 0, 0 };
	char desc[KUNIT_PARAM_DESC_SIZE];
	const void *param;
	unsigned int nr = 0;

	printf(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", c->name);
	printf(KUNIT_SUBSUBTEST_INDENT "KTAP version 1\n");
	desc[0] = 0;
	for (param = c->generate_params(test, NULL, desc); param;
	     param = c->generate_params(test, param, desc)) {
		nr++;
		if (!desc[0])
			snprintf(desc, sizeof(desc), "param-%u", nr - 1);
		test->param_value = param;
		test->param_index = (int)nr - 1;
		run_case_once(suite, c, test, KUNIT_SUBSUBTEST_INDENT);
		print_result(KUNIT_SUBSUBTEST_INDENT, test->status, nr, desc,
			     test->status_comment);
		totals_add(&t, test->status);
		totals_add(all, test->status);
		desc[0] = 0;
	}
	printf(KUNIT_SUBSUBTEST_INDENT "1..%u\n", nr);
	printf(KUNIT_SUBTEST_INDENT "# %s: pass:%u fail:%u skip:%u total:%u\n",
	       c->name, t.pass, t.fail, t.skip, nr);
	test->param_value = NULL;
	if (t.fail)
		return KUNIT_FAILURE;
	if (!t.pass) {
		snprintf(test->status_comment, sizeof(test->status_comment),
			 "%s", nr ? "every parameter skipped" : "no parameters");
		return KUNIT_SKIPPED;
	}
	return KUNIT_SUCCESS;
}

static unsigned int nr_selected(struct kunit_suite *suite, int nglobs,
				char **globs)
{
	unsigned int total = 0;
	struct kunit_case *c;

	for (c = suite->test_cases; c && c->run_case; c++)
		total += selected(suite, c, nglobs, globs);
	return total;
}

static enum kunit_status run_suite(struct kunit_suite *suite,
				   unsigned int suite_nr, int nglobs,
				   char **globs, struct kunit_totals *all)
{
	unsigned int nr = 0, total = nr_selected(suite, nglobs, globs);
	struct kunit_totals t = { 0, 0, 0 };
	enum kunit_status status = KUNIT_SUCCESS;
	struct kunit_case *c;
	struct kunit test;

	printf(KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	printf(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
	printf(KUNIT_SUBTEST_INDENT "1..%u\n", total);
	fflush(stdout);
	if (suite->suite_init && suite->suite_init(suite)) {
		printf("not ok %u %s # suite_init failed\n", suite_nr,
		       suite->name);
		all->fail += total;
		return KUNIT_FAILURE;
	}
	for (c = suite->test_cases; c && c->run_case; c++) {
		if (!selected(suite, c, nglobs, globs))
			continue;
		memset(&test, 0, sizeof(test));
		test.name = c->name;
		nr++;
		if (c->generate_params) {
			c->status = run_param_case(suite, c, &test, &t);
		} else {
			run_case_once(suite, c, &test, KUNIT_SUBTEST_INDENT);
			c->status = test.status;
			totals_add(&t, c->status);
		}
		print_result(KUNIT_SUBTEST_INDENT, c->status, nr, c->name,
			     test.status_comment);
		if (c->status == KUNIT_FAILURE)
			status = KUNIT_FAILURE;
	}
	if (suite->suite_exit)
		suite->suite_exit(suite);
	printf("# %s: pass:%u fail:%u skip:%u total:%u\n", suite->name, t.pass,
	       t.fail, t.skip, t.pass + t.fail + t.skip);
	print_result("", status, suite_nr, suite->name, "");
	all->pass += t.pass;
	all->fail += t.fail;
	all->skip += t.skip;
	return status;
}

int main(int argc, char **argv)
{
	struct kunit_totals all = { 0, 0, 0 };
	struct kunit_registration *reg;
	unsigned int nr_suites = 0, suite_nr = 0, i;
	bool list = false;
	char **globs = argv + 1;
	int nglobs = argc - 1;

	if (nglobs && !strcmp(globs[0], "-l")) {
		list = true;
		globs++;
		nglobs--;
	}
	for (reg = registrations; reg; reg = reg->next)
		for (i = 0; i != reg->nr; i++)
			nr_suites += !!nr_selected(reg->suites[i], nglobs,
						   globs);
	if (list) {
		for (reg = registrations; reg; reg = reg->next) {
			for (i = 0; i != reg->nr; i++) {
				struct kunit_case *c;

				for (c = reg->suites[i]->test_cases;
				     c && c->run_case; c++)
					if (selected(reg->suites[i], c, nglobs,
						     globs))
						printf("%s.%s\n",
						       reg->suites[i]->name,
						       c->name);
			}
		}
		return 0;
	}

	printf("KTAP version 1\n1..%u\n", nr_suites);
	for (reg = registrations; reg; reg = reg->next)
		for (i = 0; i != reg->nr; i++)
			if (nr_selected(reg->suites[i], nglobs, globs))
				run_suite(reg->suites[i], ++suite_nr, nglobs,
					  globs, &all);
	printf("# Totals: pass:%u fail:%u skip:%u total:%u\n", all.pass,
	       all.fail, all.skip, all.pass + all.fail + all.skip);
	if (all.fail)
		return 1;
	if (!all.pass && !all.skip) {
		fprintf(stderr, "kunit: no test case ran\n");
		return 2;
	}
	return 0;
}
