// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The maple tree stand-in (<linux/maple_tree.h>): insert, overlap and
 * argument checks, load, iteration over a sub-range, erase while iterating
 * with the lock dropped between steps (the pattern of kunit_iommu_pt.h's
 * unmap_collisions()), ranges ending at ULONG_MAX, destroy. Valid GNU C11
 * and C++20: maple_tree_test.cpp builds this file as C++. Exit status 0 on
 * success.
 */
#include <linux/array_size.h>
#include <linux/maple_tree.h>
#include <linux/xarray.h>
#include <limits.h>
#include <stdio.h>

static unsigned int checks, failures;

#define CHECK(cond)                                                       \
	do {                                                              \
		checks++;                                                 \
		if (!(cond)) {                                            \
			failures++;                                       \
			fprintf(stderr, "%s:%d: check failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
		}                                                         \
	} while (0)

/* What a tree is expected to hold: one stored range. */
struct expect {
	unsigned long first;
	unsigned long last;
	void *entry;
};

/* Whether @mt holds exactly the @n ranges of @want (in index order). */
static bool tree_is(struct maple_tree *mt, const struct expect *want,
		    unsigned int n)
{
	MA_STATE(mas, mt, 0, 0);
	unsigned int i = 0;
	bool ok = true;
	void *entry;

	mtree_lock(mt);
	mas_for_each(&mas, entry, ULONG_MAX) {
		if (i == n || mas.index != want[i].first ||
		    mas.last != want[i].last || entry != want[i].entry) {
			fprintf(stderr, "  range %u: [%#lx, %#lx] -> %p\n", i,
				mas.index, mas.last, entry);
			ok = false;
		}
		if (++i > n)
			break;	/* a broken iteration could wrap forever */
	}
	/* Past the end stays past the end. */
	if (mas_find(&mas, ULONG_MAX) || mas_find(&mas, ULONG_MAX))
		ok = false;
	mtree_unlock(mt);
	if (i != n) {
		fprintf(stderr, "  %u ranges, expected %u\n", i, n);
		ok = false;
	}
	return ok;
}

static int dummy_object;

static void test_insert_load(void)
{
	void *a = xa_mk_value(1), *b = xa_mk_value(2), *c = xa_mk_value(3);
	void *obj = &dummy_object;
	const struct expect want[] = {
		{ 0, 0, obj },
		{ 100, 199, a },
		{ 200, 299, c },
		{ 300, 300, b },
		{ 1000, 1999, XA_ZERO_ENTRY },
	};
	struct maple_tree mt;

	mt_init(&mt);
	CHECK(mtree_empty(&mt));
	CHECK(mtree_load(&mt, 0) == NULL);

	/* Out of order, touching neighbours on both sides. */
	CHECK(mtree_insert_range(&mt, 100, 199, a, GFP_KERNEL) == 0);
	CHECK(mtree_insert(&mt, 300, b, GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 1000, 1999, XA_ZERO_ENTRY,
				 GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 200, 299, c, GFP_KERNEL) == 0);
	CHECK(mtree_insert(&mt, 0, obj, GFP_KERNEL) == 0);
	CHECK(!mtree_empty(&mt));
	CHECK(tree_is(&mt, want, ARRAY_SIZE(want)));

	/* Any occupied index refuses the whole range. */
	CHECK(mtree_insert_range(&mt, 150, 160, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 50, 100, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 199, 199, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 301, 1000, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 1999, 5000, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 90, 1000, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, 0, ULONG_MAX, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert(&mt, 0, b, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert(&mt, 1500, b, GFP_KERNEL) == -EEXIST);
	CHECK(tree_is(&mt, want, ARRAY_SIZE(want)));

	/* Bad arguments, also where the range is free. */
	CHECK(mtree_insert_range(&mt, 500, 499, b, GFP_KERNEL) == -EINVAL);
	CHECK(mtree_insert_range(&mt, 500, 599, NULL, GFP_KERNEL) == -EINVAL);
	CHECK(mtree_insert(&mt, 500, XA_RETRY_ENTRY, GFP_KERNEL) == -EINVAL);
	CHECK(mtree_insert(&mt, 500, xa_mk_internal(0), GFP_KERNEL) ==
	      -EINVAL);
	CHECK(mtree_insert(&mt, 500, xa_mk_internal(255), GFP_KERNEL) ==
	      -EINVAL);
	CHECK(mtree_insert_range(&mt, 150, 100, b, GFP_KERNEL) == -EINVAL);
	CHECK(tree_is(&mt, want, ARRAY_SIZE(want)));

	/* Loads inside and outside the ranges; XA_ZERO_ENTRY reads as NULL. */
	CHECK(mtree_load(&mt, 0) == obj);
	CHECK(mtree_load(&mt, 1) == NULL);
	CHECK(mtree_load(&mt, 99) == NULL);
	CHECK(mtree_load(&mt, 100) == a);
	CHECK(mtree_load(&mt, 150) == a);
	CHECK(mtree_load(&mt, 199) == a);
	CHECK(mtree_load(&mt, 200) == c);
	CHECK(mtree_load(&mt, 299) == c);
	CHECK(mtree_load(&mt, 300) == b);
	CHECK(mtree_load(&mt, 301) == NULL);
	CHECK(mtree_load(&mt, 999) == NULL);
	CHECK(mtree_load(&mt, 1000) == NULL);
	CHECK(mtree_load(&mt, 1999) == NULL);
	CHECK(mtree_load(&mt, 2000) == NULL);
	CHECK(mtree_load(&mt, ULONG_MAX) == NULL);

	/* mtree_erase() removes the whole range around the index. */
	CHECK(mtree_erase(&mt, 250) == c);
	CHECK(mtree_load(&mt, 200) == NULL && mtree_load(&mt, 299) == NULL);
	CHECK(mtree_erase(&mt, 250) == NULL);
	CHECK(mtree_erase(&mt, 1500) == XA_ZERO_ENTRY);
	CHECK(mtree_erase(&mt, 5000) == NULL);
	CHECK(mtree_insert_range(&mt, 200, 299, c, GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 1000, 1999, XA_ZERO_ENTRY,
				 GFP_KERNEL) == 0);
	CHECK(tree_is(&mt, want, ARRAY_SIZE(want)));

	mtree_destroy(&mt);
	CHECK(mtree_empty(&mt));
	CHECK(mtree_load(&mt, 150) == NULL);
	/* Usable again after destroy. */
	CHECK(mtree_insert_range(&mt, 100, 199, a, GFP_KERNEL) == 0);
	CHECK(mtree_load(&mt, 199) == a);
	mtree_destroy(&mt);
}

static void test_iterate(void)
{
	void *a = xa_mk_value(1), *b = xa_mk_value(2), *c = xa_mk_value(3);
	const struct expect want[] = {
		{ 100, 199, a },
		{ 200, 299, c },
		{ 300, 300, b },
		{ 1000, 1999, XA_ZERO_ENTRY },
	};
	struct maple_tree mt;
	unsigned int i;
	void *entry;

	mt_init(&mt);
	for (i = 0; i != ARRAY_SIZE(want); i++)
		CHECK(mtree_insert_range(&mt, want[i].first, want[i].last,
					 want[i].entry, GFP_KERNEL) == 0);
	CHECK(mtree_insert(&mt, 5000, a, GFP_KERNEL) == 0);

	/* Starting inside a range returns that range whole. */
	{
		MA_STATE(mas, &mt, 150, 1000);

		i = 0;
		mtree_lock(&mt);
		mas_for_each(&mas, entry, 1000) {
			CHECK(i < ARRAY_SIZE(want));
			if (i >= ARRAY_SIZE(want))
				break;
			CHECK(entry == want[i].entry);
			CHECK(mas.index == want[i].first);
			CHECK(mas.last == want[i].last);
			i++;
		}
		CHECK(i == 4);
		CHECK(mas_find(&mas, 1000) == NULL);
		CHECK(mas_find(&mas, 1000) == NULL);
		/* A larger limit goes on from there. */
		CHECK(mas_find(&mas, ULONG_MAX) == a);
		CHECK(mas.index == 5000 && mas.last == 5000);
		CHECK(mas_find(&mas, ULONG_MAX) == NULL);
		mtree_unlock(&mt);
	}

	/* Starting in a gap; a limit inside a range still returns it. */
	{
		MA_STATE(mas, &mt, 301, 301);

		mtree_lock(&mt);
		CHECK(mas_find(&mas, 999) == NULL);
		CHECK(mas_find(&mas, 1000) == XA_ZERO_ENTRY);
		CHECK(mas.index == 1000 && mas.last == 1999);
		CHECK(mas_find(&mas, 1500) == NULL);
		mtree_unlock(&mt);
	}

	/* A start beyond the limit finds nothing. */
	{
		MA_STATE(mas, &mt, 200, 200);

		mtree_lock(&mt);
		CHECK(mas_find(&mas, 150) == NULL);
		CHECK(mas_find(&mas, 199) == NULL);
		CHECK(mas_find(&mas, 200) == c);
		mtree_unlock(&mt);
	}

	/* mas_set() restarts, mas_pause() continues after last. */
	{
		MA_STATE(mas, &mt, 0, 0);

		mtree_lock(&mt);
		CHECK(mas_find(&mas, ULONG_MAX) == a);
		mas_pause(&mas);
		CHECK(mas_find(&mas, ULONG_MAX) == c);
		mas_set(&mas, 100);
		CHECK(mas_find(&mas, ULONG_MAX) == a);
		CHECK(mas_find(&mas, ULONG_MAX) == c);
		mtree_unlock(&mt);
	}

	mtree_destroy(&mt);
}

/*
 * Erase every entry intersecting [start, last] as kunit_iommu_pt.h's
 * unmap_collisions() does; the erased ranges must be @want, in order.
 */
static void erase_collisions(struct maple_tree *mt, unsigned long start,
			     unsigned long last, const struct expect *want,
			     unsigned int n)
{
	MA_STATE(mas, mt, start, last);
	unsigned int i = 0;
	void *entry;

	mtree_lock(mt);
	mas_for_each(&mas, entry, last) {
		unsigned long mas_start = mas.index;
		unsigned long mas_last = mas.last;

		CHECK(mas_erase(&mas) == entry);
		mas_pause(&mas);
		mtree_unlock(mt);

		CHECK(i < n);
		if (i < n) {
			CHECK(entry == want[i].entry);
			CHECK(mas_start == want[i].first);
			CHECK(mas_last == want[i].last);
		}
		CHECK(mtree_load(mt, mas_start) == NULL);
		CHECK(mtree_load(mt, mas_last) == NULL);
		i++;
		mtree_lock(mt);
	}
	mtree_unlock(mt);
	CHECK(i == n);
}

static void test_erase_while_iterating(void)
{
	void *e[8];
	struct maple_tree mt;
	unsigned int i;

	for (i = 0; i != ARRAY_SIZE(e); i++)
		e[i] = xa_mk_value(i + 1);

	mt_init(&mt);
	CHECK(mtree_insert_range(&mt, 0x1000, 0x1fff, e[0], GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 0x2000, 0x2fff, e[1], GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 0x4000, 0x7fff, e[2], GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 0x8000, 0x8000, XA_ZERO_ENTRY,
				 GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 0x9000, 0x9fff, e[3], GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, 0xa000, 0xafff, e[4], GFP_KERNEL) == 0);

	/* A window starting and ending inside ranges. */
	{
		const struct expect erased[] = {
			{ 0x2000, 0x2fff, e[1] },
			{ 0x4000, 0x7fff, e[2] },
			{ 0x8000, 0x8000, XA_ZERO_ENTRY },
			{ 0x9000, 0x9fff, e[3] },
		};
		const struct expect left[] = {
			{ 0x1000, 0x1fff, e[0] },
			{ 0xa000, 0xafff, e[4] },
		};

		erase_collisions(&mt, 0x2800, 0x9000, erased,
				 ARRAY_SIZE(erased));
		CHECK(tree_is(&mt, left, ARRAY_SIZE(left)));
	}

	/* A window with nothing in it. */
	erase_collisions(&mt, 0x2000, 0x9fff, NULL, 0);

	/* Without mas_pause(): mas_erase() alone keeps the iteration going. */
	{
		MA_STATE(mas, &mt, 0, ULONG_MAX);
		void *entry;

		i = 0;
		mtree_lock(&mt);
		mas_for_each(&mas, entry, ULONG_MAX) {
			CHECK(mas_erase(&mas) == entry);
			i++;
		}
		mtree_unlock(&mt);
		CHECK(i == 2);
		CHECK(mtree_empty(&mt));
	}

	mtree_destroy(&mt);
}

static void test_top_of_index_space(void)
{
	void *f = xa_mk_value(6), *g = xa_mk_value(7), *h = xa_mk_value(8);
	const struct expect want[] = {
		{ ULONG_MAX - 30, ULONG_MAX - 30, h },
		{ ULONG_MAX - 20, ULONG_MAX - 10, g },
		{ ULONG_MAX - 9, ULONG_MAX, f },
	};
	struct maple_tree mt;
	void *entry;

	mt_init(&mt);
	CHECK(mtree_insert_range(&mt, ULONG_MAX - 9, ULONG_MAX, f,
				 GFP_KERNEL) == 0);
	CHECK(mtree_insert_range(&mt, ULONG_MAX - 20, ULONG_MAX - 10, g,
				 GFP_KERNEL) == 0);
	CHECK(mtree_insert(&mt, ULONG_MAX - 30, h, GFP_KERNEL) == 0);
	CHECK(mtree_insert(&mt, ULONG_MAX, h, GFP_KERNEL) == -EEXIST);
	CHECK(mtree_insert_range(&mt, ULONG_MAX - 10, ULONG_MAX - 9, h,
				 GFP_KERNEL) == -EEXIST);
	CHECK(tree_is(&mt, want, ARRAY_SIZE(want)));
	CHECK(mtree_load(&mt, ULONG_MAX) == f);
	CHECK(mtree_load(&mt, ULONG_MAX - 10) == g);
	CHECK(mtree_load(&mt, ULONG_MAX - 21) == NULL);

	/* The iteration ends at ULONG_MAX, without wrapping to 0. */
	CHECK(mtree_insert(&mt, 0, h, GFP_KERNEL) == 0);
	{
		MA_STATE(mas, &mt, ULONG_MAX - 15, ULONG_MAX);
		unsigned int n = 0;

		mtree_lock(&mt);
		mas_for_each(&mas, entry, ULONG_MAX) {
			CHECK(entry == (n ? f : g));
			if (++n > 2)
				break;
		}
		CHECK(n == 2);
		CHECK(mas.last == ULONG_MAX);
		CHECK(mas_find(&mas, ULONG_MAX) == NULL);
		mas_pause(&mas);
		CHECK(mas_find(&mas, ULONG_MAX) == NULL);
		mtree_unlock(&mt);
	}
	CHECK(mtree_erase(&mt, 0) == h);

	/* Erase with the lock dropped, over the whole index space. */
	erase_collisions(&mt, 0, ULONG_MAX, want, ARRAY_SIZE(want));
	CHECK(mtree_empty(&mt));

	/* One range covering every index. */
	CHECK(mtree_insert_range(&mt, 0, ULONG_MAX, f, GFP_KERNEL) == 0);
	CHECK(mtree_load(&mt, 0) == f && mtree_load(&mt, ULONG_MAX) == f);
	CHECK(mtree_insert(&mt, ULONG_MAX / 2, g, GFP_KERNEL) == -EEXIST);
	{
		const struct expect all[] = { { 0, ULONG_MAX, f } };

		erase_collisions(&mt, ULONG_MAX / 2, ULONG_MAX / 2, all, 1);
	}
	CHECK(mtree_empty(&mt));

	mtree_destroy(&mt);
}

/* Many ranges inserted out of order (the array grows several times). */
static void test_many(void)
{
	enum { N = 1000 };
	struct maple_tree mt;
	unsigned long i, k;
	void *entry;

	mt_init(&mt);
	/* 7 is coprime to N: every k in [0, N) exactly once. */
	for (i = 0; i != N; i++) {
		k = (i * 7) % N;
		CHECK(mtree_insert_range(&mt, k * 16, k * 16 + 7,
					 xa_mk_value(k), GFP_KERNEL) == 0);
	}
	for (k = 0; k != N; k++) {
		CHECK(mtree_load(&mt, k * 16 + 3) == xa_mk_value(k));
		CHECK(mtree_load(&mt, k * 16 + 8) == NULL);
	}
	{
		MA_STATE(mas, &mt, 0, 0);

		k = 0;
		mtree_lock(&mt);
		mas_for_each(&mas, entry, ULONG_MAX) {
			CHECK(entry == xa_mk_value(k));
			CHECK(mas.index == k * 16 && mas.last == k * 16 + 7);
			k++;
		}
		mtree_unlock(&mt);
		CHECK(k == N);
	}
	/* Erase the odd ones through the normal API, then check. */
	for (k = 1; k < N; k += 2)
		CHECK(mtree_erase(&mt, k * 16 + 5) == xa_mk_value(k));
	for (k = 0; k != N; k++)
		CHECK(mtree_load(&mt, k * 16) ==
		      (k & 1 ? NULL : xa_mk_value(k)));
	/* Destroy with entries still stored. */
	mtree_destroy(&mt);
	CHECK(mtree_empty(&mt));
}

static DEFINE_MTREE(static_tree);

static void test_define_mtree(void)
{
	CHECK(mtree_empty(&static_tree));
	CHECK(mtree_insert(&static_tree, 42, xa_mk_value(42), GFP_KERNEL) ==
	      0);
	CHECK(mtree_load(&static_tree, 42) == xa_mk_value(42));
	mtree_destroy(&static_tree);
	CHECK(mtree_empty(&static_tree));
}

static void test_xarray_entries(void)
{
	CHECK(xa_mk_internal(1) == (void *)6);
	CHECK(xa_is_internal(XA_RETRY_ENTRY) && xa_is_internal(XA_ZERO_ENTRY));
	CHECK(xa_to_internal(XA_ZERO_ENTRY) == 257);
	CHECK(xa_is_zero(XA_ZERO_ENTRY) && !xa_is_zero(XA_RETRY_ENTRY));
	CHECK(!xa_is_zero(NULL));
	CHECK(xa_is_advanced(XA_RETRY_ENTRY) && xa_is_advanced(xa_mk_internal(0)));
	CHECK(!xa_is_advanced(XA_ZERO_ENTRY) && !xa_is_advanced(NULL));
	CHECK(!xa_is_advanced(xa_mk_value(3)) && !xa_is_advanced(&dummy_object));
	CHECK(xa_is_value(xa_mk_value(5)) && xa_to_value(xa_mk_value(5)) == 5);
	CHECK(!xa_is_internal(xa_mk_value(5)) && !xa_is_value(&dummy_object));
}

int main(void)
{
	test_xarray_entries();
	test_insert_load();
	test_iterate();
	test_erase_while_iterating();
	test_top_of_index_space();
	test_many();
	test_define_mtree();

	if (failures) {
		fprintf(stderr, "maple tree stand-in: %u of %u checks failed\n",
			failures, checks);
		return 1;
	}
	printf("maple tree stand-in: %u checks passed\n", checks);
	return 0;
}
