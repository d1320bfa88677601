/*
 * test_inequality.c
 *	  Unit tests of the weighted Gini, Theil T and Palma measures.
 */
#include "unit.h"
#include "engine/inequality.h"

#include <math.h>

static double
gini(pal_wvalue *v, size_t n)
{
	double		g = -1;

	pal_ineq_sort(v, n);
	assert_true(pal_gini_sorted(v, n, &g));
	return g;
}

static void
test_gini(void **state)
{
	pal_wvalue	eq[] = {{2, 1}, {2, 1}, {2, 1}};
	pal_wvalue	one[] = {{0, 1}, {0, 1}, {0, 1}, {10, 1}};
	pal_wvalue	w[] = {{3, 2}, {1, 1}};
	pal_wvalue	zero[] = {{0, 1}, {0, 2}};
	double		g;

	(void) state;
	assert_float_equal(gini(eq, 3), 0.0, 1e-15);
	/* one of four holds everything: 1 - 1/n */
	assert_float_equal(gini(one, 4), 0.75, 1e-15);
	/* weights act as repetitions: {1, 3, 3} */
	{
		pal_wvalue	rep[] = {{1, 1}, {3, 1}, {3, 1}};

		assert_float_equal(gini(w, 2), gini(rep, 3), 1e-15);
	}
	pal_ineq_sort(zero, 2);
	assert_false(pal_gini_sorted(zero, 2, &g));
	assert_false(pal_gini_sorted(NULL, 0, &g));
}

static void
test_theil(void **state)
{
	double		s[3] = {0, 0, 0};
	double		t;

	(void) state;
	pal_theil_accum(s, 2, 1);
	pal_theil_accum(s, 2, 3);
	assert_true(pal_theil_t(s, &t));
	assert_float_equal(t, 0.0, 1e-12);
	/* one of n holds everything: ln n */
	memset(s, 0, sizeof(s));
	pal_theil_accum(s, 0, 1);
	pal_theil_accum(s, 0, 1);
	pal_theil_accum(s, 0, 1);
	pal_theil_accum(s, 5, 1);
	assert_true(pal_theil_t(s, &t));
	assert_float_equal(t, log(4), 1e-12);
	memset(s, 0, sizeof(s));
	assert_false(pal_theil_t(s, &t));
}

static void
test_palma(void **state)
{
	pal_wvalue	v[10];
	double		p;
	int			i;

	(void) state;
	/* values 1..10, unit weights: top 10% holds 10, bottom 40% holds 1+2+3+4 */
	for (i = 0; i < 10; i++)
	{
		v[9 - i].value = i + 1;
		v[9 - i].weight = 1;
	}
	pal_ineq_sort(v, 10);
	assert_true(pal_palma_sorted(v, 10, &p));
	assert_float_equal(p, 10.0 / 10.0, 1e-12);
	/* the same with weight 2 on each: unchanged */
	for (i = 0; i < 10; i++)
		v[i].weight = 2;
	assert_true(pal_palma_sorted(v, 10, &p));
	assert_float_equal(p, 1.0, 1e-12);
	/* bottom 40% with nothing: undefined */
	for (i = 0; i < 5; i++)
		v[i].value = 0;
	assert_false(pal_palma_sorted(v, 10, &p));
}

static void
test_check(void **state)
{
	pal_error	err;

	(void) state;
	assert_int_equal(pal_ineq_check(1, 1, &err), PAL_OK);
	assert_int_equal(pal_ineq_check(-1, 1, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_ineq_check(1, -1, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_ineq_check(NAN, 1, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_ineq_check(1, INFINITY, &err), PAL_ERR_RANGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gini),
		cmocka_unit_test(test_theil),
		cmocka_unit_test(test_palma),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
