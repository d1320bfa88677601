/*
 * test_inequality.c
 *	  Unit tests of the weighted Gini, Theil T and Palma measures.
 */
#include "unit.h"
#include "engine/inequality.h"

#include <float.h>
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
	double		s[PAL_THEIL_STATE] = {0};
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

/* Theil T of values x[i] with weights w[i], accumulated in one state */
static double
theil(const double *x, const double *w, size_t n)
{
	double		s[PAL_THEIL_STATE] = {0};
	double		t = -1;
	size_t		i;

	for (i = 0; i < n; i++)
		pal_theil_accum(s, x[i], w[i]);
	assert_true(pal_theil_t(s, &t));
	return t;
}

/*
 * Large and small finite inputs: the measures do not depend on the scale
 * of values or weights, so 1e300 times the values (or weights) gives the
 * same finite result, never NaN; and states combined in any split give the
 * one-state result, also when their scales differ.
 */
static void
test_scale(void **state)
{
	double		x[6] = {1, 2, 3, 5, 8, 13},
				w[6] = {1, 1, 2, 3, 5, 8},
				xb[6],
				wb[6],
				t,
				g;
	pal_wvalue	v[6],
				vb[6];
	size_t		i,
				cut;

	(void) state;
	t = theil(x, w, 6);
	for (i = 0; i < 6; i++)
	{
		v[i].value = x[i];
		v[i].weight = w[i];
		vb[i].value = x[i] * 1e300;
		vb[i].weight = w[i] * 1e300;
		xb[i] = x[i] * 1e300;
		wb[i] = w[i] * 1e300;
	}
	g = gini(v, 6);
	assert_float_equal(gini(vb, 6), g, 1e-12);
	assert_float_equal(theil(xb, w, 6), t, 1e-12);
	assert_float_equal(theil(x, wb, 6), t, 1e-12);
	assert_float_equal(theil(xb, wb, 6), t, 1e-12);
	/* tiny values: 1e-300 times */
	for (i = 0; i < 6; i++)
		xb[i] = x[i] * 1e-300;
	assert_float_equal(theil(xb, w, 6), t, 1e-12);
	/* the largest finite numbers */
	{
		pal_wvalue	big[] = {{DBL_MAX, DBL_MAX}, {DBL_MAX, DBL_MAX}, {0, DBL_MAX}, {0, DBL_MAX}};
		double		bx[4] = {DBL_MAX, DBL_MAX, 0, 0},
					bw[4] = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX},
					p;

		assert_float_equal(gini(big, 4), 0.5, 1e-12);
		assert_float_equal(theil(bx, bw, 4), log(2), 1e-12);
		assert_true(pal_palma_sorted(big, 4, &p) == 0 || isfinite(p));
	}
	/* states combined at every split point, with growing scales */
	for (i = 0; i < 6; i++)
	{
		xb[i] = x[i] * pow(10, 50.0 * i);
		wb[i] = w[i] * pow(10, -40.0 * i);
	}
	t = theil(xb, wb, 6);
	for (cut = 0; cut <= 6; cut++)
	{
		double		a[PAL_THEIL_STATE] = {0},
					b[PAL_THEIL_STATE] = {0},
					c;

		for (i = 0; i < cut; i++)
			pal_theil_accum(a, xb[i], wb[i]);
		for (i = cut; i < 6; i++)
			pal_theil_accum(b, xb[i], wb[i]);
		pal_theil_combine(b, a);
		assert_true(pal_theil_t(b, &c));
		assert_true(isfinite(c));
		assert_float_equal(c, t, 1e-9);
	}
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
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_palma),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
