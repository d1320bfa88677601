/*
 * test_flow.c
 *	  Unit tests of the minimum-cost maximum flow (engine/flow.c): small
 *	  hand-made cases, and random cases with ties, zero costs (co-located
 *	  points), zero demands and zero capacities against an independent
 *	  reference (successive shortest paths with Bellman-Ford on the dense
 *	  residual graph); feasibility on every row and column.
 */
#include "testdata.h"
#include "engine/flow.h"
#include "flow_reference.h"

#include <math.h>

/* a problem held in plain arrays */
typedef struct problem
{
	pal_pairs	g;
	double	   *P,
			   *S;
} problem;

static void
problem_alloc(problem *pr, size_t n, size_t m, size_t maxpairs)
{
	memset(pr, 0, sizeof(*pr));
	pr->g.nrows = n;
	pr->g.ncols = m;
	pr->g.start = calloc(n + 1, sizeof(size_t));
	pr->g.col = calloc(maxpairs + 1, sizeof(uint32_t));
	pr->g.cost = calloc(maxpairs + 1, sizeof(double));
	pr->P = calloc(n + 1, sizeof(double));
	pr->S = calloc(m + 1, sizeof(double));
}

static void
problem_free(problem *pr)
{
	free(pr->g.start);
	free(pr->g.col);
	free(pr->g.cost);
	free(pr->P);
	free(pr->S);
}

/* ---- checks ------------------------------------------------------------ */

/*
 * Solve with every cost multiplied by scale (a scale such as 0.1 makes the
 * costs inexact binary fractions), check feasibility exactly and the totals
 * against the reference on the whole-number costs.
 */
static void
solve_scaled(const problem *pr, double scale, pal_flow_stats *stats_out)
{
	size_t		n = pr->g.nrows,
				m = pr->g.ncols,
				i,
				p;
	double	   *served = calloc(n + 1, sizeof(double)),
			   *load = calloc(m + 1, sizeof(double)),
			   *flow = calloc(pr->g.npairs + 1, sizeof(double));
	double		ref_flow,
				ref_cost,
				sum_served = 0.0,
				sum_load = 0.0,
				cost = 0.0;
	pal_flow_stats st;
	pal_error	err;
	pal_pairs	g = pr->g;

	g.cost = calloc(g.npairs + 1, sizeof(double));
	for (p = 0; p < g.npairs; p++)
		g.cost[p] = pr->g.cost[p] * scale;
	assert_int_equal(pal_flow_solve(&g, pr->P, pr->S, served, load, flow,
									&st, &pal_malloc_allocator, &err), PAL_OK);
	if (pal_flow_check(&g, pr->P, pr->S, flow, 1e-12, &pal_malloc_allocator, &err))
		fail_msg("infeasible flow: %s", err.message);
	for (i = 0; i < n; i++)
	{
		assert_true(served[i] >= 0.0 && served[i] <= pr->P[i]);
		sum_served += served[i];
		for (p = g.start[i]; p < g.start[i + 1]; p++)
			cost += flow[p] * g.cost[p];
	}
	for (i = 0; i < m; i++)
	{
		assert_true(load[i] >= 0.0 && load[i] <= pr->S[i]);
		sum_load += load[i];
	}
	flow_reference(&pr->g, pr->P, pr->S, &ref_flow, &ref_cost);
	ref_cost *= scale;
	td_assert_close(st.served, ref_flow, 1e-9, "total served");
	td_assert_close(sum_served, ref_flow, 1e-9, "sum of served");
	td_assert_close(sum_load, ref_flow, 1e-9, "sum of load");
	td_assert_close(st.cost, ref_cost, 1e-9, "total cost");
	td_assert_close(cost, ref_cost, 1e-9, "cost of the flows");
	if (stats_out)
		*stats_out = st;
	free(g.cost);
	free(served);
	free(load);
	free(flow);
}

static void
solve_and_check(const problem *pr, pal_flow_stats *stats_out)
{
	solve_scaled(pr, 1.0, stats_out);
	solve_scaled(pr, 0.1, NULL);
}

/*
 * two cells and two facilities of one unit each: cell 0 reaches f0 at c00
 * and f1 at c01, cell 1 reaches f0 only, at c10
 */
static void
two_by_two(problem *pr, double c00, double c01, double c10)
{
	problem_alloc(pr, 2, 2, 3);
	pr->P[0] = 1;
	pr->P[1] = 1;
	pr->S[0] = 1;
	pr->S[1] = 1;
	pr->g.start[0] = 0;
	pr->g.col[0] = 0;
	pr->g.cost[0] = c00;
	pr->g.col[1] = 1;
	pr->g.cost[1] = c01;
	pr->g.start[1] = 2;
	pr->g.col[2] = 0;
	pr->g.cost[2] = c10;
	pr->g.start[2] = 3;
	pr->g.npairs = 3;
}

/* ---- cases --------------------------------------------------------------- */

/* two cells, two facilities: the cheap assignment is not the greedy one */
static void
test_crossing(void **state)
{
	problem		pr;
	pal_flow_stats st;

	(void) state;
	/* cell 0: f0 at 1, f1 at 2; cell 1: f0 at 1.5 only */
	two_by_two(&pr, 1, 2, 1.5);
	solve_and_check(&pr, &st);
	/* greedy gives cell 0 to f0 (1 unit, cost 1) and strands cell 1 */
	assert_true(fabs(st.served - 2.0) < 1e-12);
	assert_true(fabs(st.cost - 3.5) < 1e-12);
	problem_free(&pr);
}

/* empty problems and problems without pairs */
static void
test_empty(void **state)
{
	problem		pr;
	pal_flow_stats st;
	double		served[3],
				load[2];
	pal_error	err;

	(void) state;
	problem_alloc(&pr, 0, 0, 0);
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, &st,
									&pal_malloc_allocator, &err), PAL_OK);
	assert_true(st.served == 0.0 && st.cost == 0.0);
	problem_free(&pr);

	problem_alloc(&pr, 3, 2, 0);
	pr.P[0] = 5;
	pr.P[1] = 0;
	pr.P[2] = 2;
	pr.S[0] = 1;
	pr.S[1] = 0;
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, &st,
									&pal_malloc_allocator, &err), PAL_OK);
	assert_true(st.served == 0.0 && served[0] == 0.0 && served[2] == 0.0 &&
				load[0] == 0.0 && load[1] == 0.0);
	problem_free(&pr);
}

/* the maximum comes first: a long detour that serves more wins */
static void
test_max_before_cost(void **state)
{
	problem		pr;
	pal_flow_stats st;

	(void) state;
	/* cell 0 reaches f0 (cost 0) and f1 (cost 1e6); cell 1 reaches f0 only */
	two_by_two(&pr, 0, 1e6, 5);
	solve_and_check(&pr, &st);
	assert_true(st.served == 2.0);
	assert_true(st.cost == 1e6 + 5);
	problem_free(&pr);
}

/*
 * Random cases: n cells, m facilities, each pair present with probability
 * dens; whole-number costs from a small set (ties) or a wide range, some
 * zero (co-located);
 * some demands and capacities zero; amounts whole or real.
 */
static void
random_case(problem *pr, size_t n, size_t m, double dens, int ties, int whole)
{
	size_t		i,
				j,
				np = 0;

	problem_alloc(pr, n, m, n * m);
	for (i = 0; i < n; i++)
	{
		pr->g.start[i] = np;
		for (j = 0; j < m; j++)
		{
			double		c;

			if (td_rnd() >= dens)
				continue;
			if (ties)
				c = (double) td_rndi(4) * 1000.0;
			else
				c = td_rnd() < 0.1 ? 0.0 : (double) td_rndi(30000);
			pr->g.col[np] = (uint32_t) j;
			pr->g.cost[np] = c;
			np++;
		}
		pr->P[i] = td_rnd() < 0.15 ? 0.0 : (whole ? (double) (1 + td_rndi(9)) : td_rnd() * 10.0);
	}
	pr->g.start[n] = np;
	pr->g.npairs = np;
	for (j = 0; j < m; j++)
		pr->S[j] = td_rnd() < 0.15 ? 0.0 : (whole ? (double) (1 + td_rndi(12)) : td_rnd() * 15.0);
}

static void
test_random_against_reference(void **state)
{
	int			t;
	uint64_t	pivots = 0;

	(void) state;
	td_seed(12345);
	for (t = 0; t < 3000; t++)
	{
		problem		pr;
		pal_flow_stats st;
		size_t		n = 1 + td_rndi(14),
					m = 1 + td_rndi(9);

		random_case(&pr, n, m, 0.15 + 0.8 * td_rnd(), t % 3 == 0, t % 2 == 0);
		solve_and_check(&pr, &st);
		pivots += st.pivots;
		problem_free(&pr);
	}
	/* the simplex did pivot: the first basis is not always optimal */
	assert_true(pivots > 0);
}

/* balanced, tight cases (total capacity near total demand), larger */
static void
test_random_balanced(void **state)
{
	int			t;

	(void) state;
	td_seed(777);
	for (t = 0; t < 300; t++)
	{
		problem		pr;
		size_t		n = 20 + td_rndi(20),
					m = 5 + td_rndi(15),
					j;
		double		sp = 0.0,
					ss = 0.0;

		random_case(&pr, n, m, 0.3, t % 2 == 0, t % 3 == 0);
		for (j = 0; j < n; j++)
			sp += pr.P[j];
		for (j = 0; j < m; j++)
			ss += pr.S[j];
		for (j = 0; j < m && ss > 0.0; j++)
			pr.S[j] *= sp / ss;
		solve_and_check(&pr, NULL);
		problem_free(&pr);
	}
}

/* the same problem with rows and columns permuted: the same totals */
static void
test_permutation(void **state)
{
	problem		a,
				b;
	size_t		n = 30,
				m = 12,
				i,
				p,
				np = 0;
	size_t		rperm[30],
				cperm[12],
				cinv[12];
	pal_flow_stats sa,
				sb;

	(void) state;
	td_seed(99);
	random_case(&a, n, m, 0.4, 1, 1);
	for (i = 0; i < n; i++)
		rperm[i] = i;
	for (i = 0; i < m; i++)
		cperm[i] = i;
	for (i = n - 1; i > 0; i--)
	{
		size_t		k = td_rndi(i + 1),
					tmp = rperm[i];

		rperm[i] = rperm[k];
		rperm[k] = tmp;
	}
	for (i = m - 1; i > 0; i--)
	{
		size_t		k = td_rndi(i + 1),
					tmp = cperm[i];

		cperm[i] = cperm[k];
		cperm[k] = tmp;
	}
	for (i = 0; i < m; i++)
		cinv[cperm[i]] = i;
	problem_alloc(&b, n, m, a.g.npairs);
	for (i = 0; i < n; i++)
	{
		size_t		r = rperm[i];

		b.P[i] = a.P[r];
		b.g.start[i] = np;
		for (p = a.g.start[r]; p < a.g.start[r + 1]; p++)
		{
			b.g.col[np] = (uint32_t) cinv[a.g.col[p]];
			b.g.cost[np] = a.g.cost[p];
			np++;
		}
	}
	b.g.start[n] = np;
	b.g.npairs = np;
	for (i = 0; i < m; i++)
		b.S[cinv[i]] = a.S[i];
	solve_and_check(&a, &sa);
	solve_and_check(&b, &sb);
	td_assert_close(sa.served, sb.served, 1e-12, "served");
	td_assert_close(sa.cost, sb.cost, 1e-12, "cost");
	problem_free(&a);
	problem_free(&b);
}

/* bad input: malformed pairs, overflowing totals */
static void
test_bad_input(void **state)
{
	problem		pr;
	double		served[2],
				load[2];
	pal_error	err;

	(void) state;
	problem_alloc(&pr, 1, 1, 1);
	pr.P[0] = 1;
	pr.S[0] = 1;
	pr.g.start[1] = 1;
	pr.g.npairs = 1;
	pr.g.col[0] = 1;			/* no such column */
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, NULL,
									&pal_malloc_allocator, &err), PAL_ERR_VALUE);
	pr.g.col[0] = 0;
	pr.g.cost[0] = 1e300;
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, NULL,
									&pal_malloc_allocator, &err), PAL_ERR_RANGE);
	pr.g.cost[0] = 1;
	problem_free(&pr);

	problem_alloc(&pr, 2, 1, 2);
	pr.P[0] = 1.7e308;
	pr.P[1] = 1.7e308;
	pr.S[0] = 1;
	pr.g.start[1] = 0;
	pr.g.start[2] = 0;
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, NULL,
									&pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_non_null(strstr(err.message, "demand"));
	problem_free(&pr);
}

/* an interrupt request stops the solve */
static int
always_interrupt(void *ctx)
{
	(void) ctx;
	return 1;
}

static void
test_interrupt(void **state)
{
	problem		pr;
	pal_allocator a = pal_malloc_allocator;
	double	   *served,
			   *load;
	pal_error	err;

	(void) state;
	td_seed(5);
	random_case(&pr, 40, 20, 0.5, 0, 0);
	served = calloc(40, sizeof(double));
	load = calloc(20, sizeof(double));
	a.check_interrupt = always_interrupt;
	assert_int_equal(pal_flow_solve(&pr.g, pr.P, pr.S, served, load, NULL, NULL,
									&a, &err), PAL_ERR_INTERRUPTED);
	free(served);
	free(load);
	problem_free(&pr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crossing),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_max_before_cost),
		cmocka_unit_test(test_random_against_reference),
		cmocka_unit_test(test_random_balanced),
		cmocka_unit_test(test_permutation),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
