/*
 * test_capacity.c
 *	  Unit tests of capacity and competition (engine/capacity.c): the pairs
 *	  within reach against brute force, optimal coverage against the
 *	  successive-shortest-path reference and independent of row order,
 *	  sequential coverage against a plain implementation of AccessMod's rule,
 *	  spatial availability against the formula and its sum invariant, cost
 *	  to capacity against brute force, empty inputs, bad inputs, interrupts.
 */
#include "testdata.h"
#include "engine/capacity.h"
#include "engine/geodesy.h"
#include "flow_reference.h"

#include <math.h>

/*
 * n demand and m supply points in a box of spread degrees near Tokyo;
 * ids not in row order; some weights and capacities zero, some supply
 * points on a demand point and some demand points on each other.
 */
static void
make_data(dataset *ds, size_t n, size_t m, uint64_t seed, double spread)
{
	size_t		i;

	td_seed(seed);
	td_alloc(ds, n, m);
	for (i = 0; i < n; i++)
	{
		ds->did[i] = (int64_t) (n - i) * 7;
		if (i % 11 == 5)
		{
			ds->dlon[i] = ds->dlon[i - 1];
			ds->dlat[i] = ds->dlat[i - 1];
		}
		else
		{
			ds->dlon[i] = 139.0 + spread * td_rnd();
			ds->dlat[i] = 35.0 + spread * td_rnd();
		}
		ds->w[i] = (i % 10 == 0) ? 0.0 : floor(1 + td_rnd() * 100);
	}
	for (i = 0; i < m; i++)
	{
		/* unique, not in row order: odd rows after every even one */
		ds->sid[i] = (i % 2 == 0) ? (int64_t) i * 3 + 1 : (int64_t) (10 * m + i) * 3 + 2;
		td_supply_point(ds, i, spread);
		ds->cap[i] = (i % 9 == 0) ? 0.0 : 1 + floor(td_rnd() * 150);
		ds->prio[i] = (double) td_rndi(3);
	}
}

/* the same data with the rows of both sides in another order */
static void
shuffle_data(const dataset *a, dataset *b, uint64_t seed)
{
	size_t	   *pd = calloc(a->n + 1, sizeof(size_t)),
			   *ps = calloc(a->m + 1, sizeof(size_t)),
				i;

	make_data(b, a->n, a->m, 1, 1.0);
	td_seed(seed);
	for (i = 0; i < a->n; i++)
		pd[i] = i;
	for (i = 0; i < a->m; i++)
		ps[i] = i;
	for (i = a->n; i > 1; i--)
	{
		size_t		k = td_rndi(i),
					t = pd[i - 1];

		pd[i - 1] = pd[k];
		pd[k] = t;
	}
	for (i = a->m; i > 1; i--)
	{
		size_t		k = td_rndi(i),
					t = ps[i - 1];

		ps[i - 1] = ps[k];
		ps[k] = t;
	}
	for (i = 0; i < a->n; i++)
	{
		b->did[i] = a->did[pd[i]];
		b->dlon[i] = a->dlon[pd[i]];
		b->dlat[i] = a->dlat[pd[i]];
		b->w[i] = a->w[pd[i]];
	}
	for (i = 0; i < a->m; i++)
	{
		b->sid[i] = a->sid[ps[i]];
		b->slon[i] = a->slon[ps[i]];
		b->slat[i] = a->slat[ps[i]];
		b->cap[i] = a->cap[ps[i]];
		b->prio[i] = a->prio[ps[i]];
	}
	free(pd);
	free(ps);
}

static size_t
find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	fail_msg("id %lld not found", (long long) id);
	return 0;
}

/* ---- the pairs within reach ------------------------------------------- */

static void
test_reach_brute_force(void **state)
{
	const char *decays[] = {"gaussian(20km)", "binary(7km)", "linear(15km)", "step(5km:1, 12km:0.5)"};
	size_t		t;

	(void) state;
	for (t = 0; t < 4; t++)
	{
		dataset		ds;
		pal_points	d,
					s;
		pal_decay  *dec = td_decay(decays[t]);
		pal_reach	r;
		pal_error	err;
		size_t		k,
					i,
					j,
					total = 0;

		make_data(&ds, 150, 60, 10 + t, 0.5);
		d = td_demand(&ds);
		s = td_supply(&ds);
		assert_int_equal(pal_reach_build(&d, &s, dec, NULL, &r, &pal_malloc_allocator, &err), PAL_OK);
		/* rows and columns in id order */
		for (k = 1; k < ds.n; k++)
			assert_true(ds.did[r.drow[k - 1]] < ds.did[r.drow[k]]);
		for (k = 1; k < ds.m; k++)
			assert_true(ds.sid[r.srow[k - 1]] < ds.sid[r.srow[k]]);
		for (k = 0; k < ds.n; k++)
		{
			size_t		count = 0;

			i = r.drow[k];
			for (j = 0; j < ds.m; j++)
			{
				double		dist = pal_distance(ds.dlon[i], ds.dlat[i], ds.slon[j], ds.slat[j]);
				size_t		p;
				int			seen = 0;

				for (p = r.pairs.start[k]; p < r.pairs.start[k + 1]; p++)
					if (r.srow[r.pairs.col[p]] == j)
					{
						seen = 1;
						assert_true(fabs(r.pairs.cost[p] - dist) < 1e-6);
					}
				if (pal_decay_weight(dec, dist) > 0.0)
				{
					assert_true(seen);
					count++;
				}
				else
					assert_false(seen);
			}
			assert_int_equal(count, r.pairs.start[k + 1] - r.pairs.start[k]);
			total += count;
		}
		assert_int_equal(total, r.pairs.npairs);
		assert_true(total > 0);
		pal_reach_free(&r, &pal_malloc_allocator);
		free(dec);
		td_free(&ds);
	}
}

/* ---- costs instead of distances --------------------------------------- */

/* every (demand, supply) pair as cost rows, whole-number costs */
static void
make_costs(const dataset *ds, pal_costs *c, double density)
{
	size_t		i,
				j,
				np = 0;
	uint32_t   *drow = calloc(ds->n * ds->m + 1, sizeof(uint32_t)),
			   *srow = calloc(ds->n * ds->m + 1, sizeof(uint32_t));
	double	   *cost = calloc(ds->n * ds->m + 1, sizeof(double));
	pal_error	err;

	for (i = 0; i < ds->n; i++)
		for (j = 0; j < ds->m; j++)
			if (td_rnd() < density)
			{
				drow[np] = (uint32_t) i;
				srow[np] = (uint32_t) j;
				cost[np] = (double) td_rndi(6) * 5.0;
				np++;
			}
	assert_int_equal(pal_costs_build(c, ds->n, ds->did, ds->sid, np, drow, srow, cost,
									 &pal_malloc_allocator, &err), PAL_OK);
	free(drow);
	free(srow);
	free(cost);
}

/* ---- optimal coverage -------------------------------------------------- */

typedef struct coverage
{
	double	   *served,
			   *load;
	int32_t    *reach;
	pal_coverage_stats stats;
} coverage;

static void
run_coverage(const dataset *ds, const pal_decay *dec, const pal_costs *costs,
			 int allocation, coverage *cv)
{
	pal_points	d = td_demand(ds),
				s = td_supply(ds);
	pal_reach	r;
	pal_error	err;
	size_t		i;

	cv->served = calloc(ds->n + 1, sizeof(double));
	cv->load = calloc(ds->m + 1, sizeof(double));
	cv->reach = calloc(ds->n + 1, sizeof(int32_t));
	double	   *flow,
				cost = 0.0;
	size_t		k,
				p;

	assert_int_equal(pal_reach_build(&d, &s, dec, costs, &r, &pal_malloc_allocator, &err), PAL_OK);
	flow = calloc(r.pairs.npairs + 1, sizeof(double));
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, allocation, ds->prio, cv->served,
										   cv->reach, cv->load, flow, &cv->stats,
										   &pal_malloc_allocator, &err), PAL_OK);
	/* served never exceeds demand, load never exceeds capacity */
	for (i = 0; i < ds->n; i++)
		assert_true(cv->served[i] >= 0.0 && cv->served[i] <= ds->w[i]);
	for (i = 0; i < ds->m; i++)
		assert_true(cv->load[i] >= 0.0 && cv->load[i] <= ds->cap[i]);
	/* the pairs' amounts add up to served, load and the total cost */
	for (k = 0; k < ds->n; k++)
	{
		double		rs = 0.0;

		for (p = r.pairs.start[k]; p < r.pairs.start[k + 1]; p++)
		{
			assert_true(flow[p] >= 0.0);
			rs += flow[p];
			cost += flow[p] * r.pairs.cost[p];
		}
		assert_true(fabs(rs - cv->served[r.drow[k]]) <= 1e-9 * (1.0 + rs));
	}
	for (k = 0; k < ds->m; k++)
	{
		double		cs = 0.0;

		for (p = 0; p < r.pairs.npairs; p++)
			if (r.pairs.col[p] == k)
				cs += flow[p];
		assert_true(fabs(cs - cv->load[r.srow[k]]) <= 1e-9 * (1.0 + cs));
	}
	assert_true(fabs(cost - cv->stats.cost) <= 1e-9 * (1.0 + cost));
	free(flow);
	pal_reach_free(&r, &pal_malloc_allocator);
}

static void
free_coverage(coverage *cv)
{
	free(cv->served);
	free(cv->load);
	free(cv->reach);
}

/* optimal coverage with cost rows against the reference on the same pairs */
static void
test_optimal_against_reference(void **state)
{
	int			t;

	(void) state;
	for (t = 0; t < 200; t++)
	{
		dataset		ds;
		pal_costs	c;
		pal_decay  *dec = td_decay(t % 2 ? "binary(20m)" : "linear(21min)");
		pal_points	d,
					s;
		pal_reach	r;
		pal_error	err;
		coverage	cv;
		double		ref_flow,
					ref_cost,
				   *P,
				   *S;
		size_t		k;

		size_t		nd = 2 + td_rndi(20),
					ns = 1 + td_rndi(12);

		make_data(&ds, nd, ns, 1000 + t, 0.2);
		make_costs(&ds, &c, 0.2 + 0.7 * td_rnd());
		run_coverage(&ds, dec, &c, PAL_ALLOC_OPTIMAL, &cv);
		/* the reference on the pairs within reach, in the same order */
		d = td_demand(&ds);
		s = td_supply(&ds);
		assert_int_equal(pal_reach_build(&d, &s, dec, &c, &r, &pal_malloc_allocator, &err), PAL_OK);
		P = calloc(ds.n + 1, sizeof(double));
		S = calloc(ds.m + 1, sizeof(double));
		for (k = 0; k < ds.n; k++)
			P[k] = ds.w[r.drow[k]];
		for (k = 0; k < ds.m; k++)
			S[k] = ds.cap[r.srow[k]];
		flow_reference(&r.pairs, P, S, &ref_flow, &ref_cost);
		td_assert_close(cv.stats.served, ref_flow, 1e-9, "served");
		td_assert_close(cv.stats.cost, ref_cost, 1e-9, "cost");
		free(P);
		free(S);
		pal_reach_free(&r, &pal_malloc_allocator);
		pal_costs_free(&c, &pal_malloc_allocator);
		free_coverage(&cv);
		free(dec);
		td_free(&ds);
	}
}

/* the same rows in another order give the same numbers for every id */
static void
test_optimal_row_order(void **state)
{
	const char *decays[] = {"gaussian(20km)", "binary(10km)"};
	int			t;

	(void) state;
	for (t = 0; t < 6; t++)
	{
		dataset		a,
					b;
		coverage	ca,
					cb;
		pal_decay  *dec = td_decay(decays[t % 2]);
		size_t		i;

		make_data(&a, 300, 40, 50 + t, 0.6);
		shuffle_data(&a, &b, 900 + t);
		run_coverage(&a, dec, NULL, t < 4 ? PAL_ALLOC_OPTIMAL : PAL_ALLOC_SEQUENTIAL, &ca);
		run_coverage(&b, dec, NULL, t < 4 ? PAL_ALLOC_OPTIMAL : PAL_ALLOC_SEQUENTIAL, &cb);
		assert_true(ca.stats.served > 0.0);
		assert_true(ca.stats.served == cb.stats.served);
		assert_true(ca.stats.cost == cb.stats.cost);
		for (i = 0; i < a.n; i++)
		{
			size_t		k = find_id(b.did, b.n, a.did[i]);

			assert_true(ca.served[i] == cb.served[k]);
			assert_int_equal(ca.reach[i], cb.reach[k]);
		}
		for (i = 0; i < a.m; i++)
			assert_true(ca.load[i] == cb.load[find_id(b.sid, b.m, a.sid[i])]);
		free_coverage(&ca);
		free_coverage(&cb);
		free(dec);
		td_free(&a);
		td_free(&b);
	}
}

/* ---- sequential -------------------------------------------------------- */

/*
 * AccessMod's rule written plainly: facilities by (priority, id); each
 * repeatedly takes the nearest demand row within reach with demand left
 * (ties: smaller id), as much as it can.
 */
static void
sequential_reference(const dataset *ds, const pal_decay *dec, double *served,
					 double *load)
{
	size_t		n = ds->n,
				m = ds->m,
				t,
				j;
	int		   *done = calloc(m + 1, sizeof(int));

	memset(served, 0, n * sizeof(double));
	memset(load, 0, m * sizeof(double));
	for (t = 0; t < m; t++)
	{
		size_t		best = m;
		double		left;

		for (j = 0; j < m; j++)
			if (!done[j] && (best == m || ds->prio[j] < ds->prio[best] ||
							 (ds->prio[j] == ds->prio[best] && ds->sid[j] < ds->sid[best])))
				best = j;
		done[best] = 1;
		left = ds->cap[best];
		while (left > 0.0)
		{
			size_t		i,
						pick = n;
			double		pd = 0.0,
						want;

			for (i = 0; i < n; i++)
			{
				double		dist = pal_distance(ds->dlon[i], ds->dlat[i], ds->slon[best], ds->slat[best]);

				if (!(ds->w[i] - served[i] > 0.0) || !(pal_decay_weight(dec, dist) > 0.0))
					continue;
				if (pick == n || dist < pd - 1e-6 ||
					(fabs(dist - pd) <= 1e-6 && ds->did[i] < ds->did[pick]))
				{
					pick = i;
					pd = dist;
				}
			}
			if (pick == n)
				break;
			want = ds->w[pick] - served[pick];
			if (want <= left)
			{
				served[pick] = ds->w[pick];
				left -= want;
				load[best] += want;
			}
			else
			{
				served[pick] += left;
				load[best] += left;
				left = 0.0;
			}
		}
	}
	free(done);
}

static void
test_sequential_reference(void **state)
{
	int			t;

	(void) state;
	for (t = 0; t < 20; t++)
	{
		dataset		ds;
		coverage	cv;
		pal_decay  *dec = td_decay(t % 2 ? "gaussian(15km)" : "binary(9km)");
		double	   *served,
				   *load;
		size_t		i;

		size_t		nd = 60 + td_rndi(100),
					ns = 5 + td_rndi(30);

		make_data(&ds, nd, ns, 300 + t, 0.4);
		served = calloc(ds.n + 1, sizeof(double));
		load = calloc(ds.m + 1, sizeof(double));
		run_coverage(&ds, dec, NULL, PAL_ALLOC_SEQUENTIAL, &cv);
		sequential_reference(&ds, dec, served, load);
		for (i = 0; i < ds.n; i++)
			td_assert_close(cv.served[i], served[i], 1e-12, "served");
		for (i = 0; i < ds.m; i++)
			td_assert_close(cv.load[i], load[i], 1e-12, "load");
		free(served);
		free(load);
		free_coverage(&cv);
		free(dec);
		td_free(&ds);
	}
}

/* sequential serves no more than optimal, and the order matters */
static void
test_sequential_vs_optimal(void **state)
{
	dataset		ds;
	coverage	opt,
				seq;
	pal_decay  *dec = td_decay("binary(12km)");

	(void) state;
	make_data(&ds, 400, 60, 77, 0.8);
	run_coverage(&ds, dec, NULL, PAL_ALLOC_OPTIMAL, &opt);
	run_coverage(&ds, dec, NULL, PAL_ALLOC_SEQUENTIAL, &seq);
	assert_true(seq.stats.served <= opt.stats.served * (1 + 1e-12));
	assert_true(opt.stats.served > 0.0);
	free_coverage(&opt);
	free_coverage(&seq);
	free(dec);
	td_free(&ds);
}

/* ---- spatial availability ---------------------------------------------- */

static void
test_spatial_availability(void **state)
{
	const double alphas[] = {1.0, 0.0, 2.0, 0.5};
	size_t		t;

	(void) state;
	for (t = 0; t < 4; t++)
	{
		dataset		ds;
		pal_points	d,
					s;
		pal_decay  *dec = td_decay("gaussian(20km)");
		pal_error	err;
		double	   *av,
				   *den,
					sum = 0.0,
					reached = 0.0;
		size_t		i,
					j;

		make_data(&ds, 120, 30, 40 + t, 0.7);
		d = td_demand(&ds);
		s = td_supply(&ds);
		av = calloc(ds.n + 1, sizeof(double));
		den = calloc(ds.m + 1, sizeof(double));
		assert_int_equal(pal_spatial_availability(&d, &s, dec, alphas[t], NULL, av,
												  &pal_malloc_allocator, &err), PAL_OK);
		/* the formula: V_i = sum_j S_j P_i^a W_ij / sum_k P_k^a W_kj */
		for (j = 0; j < ds.m; j++)
			for (i = 0; i < ds.n; i++)
				den[j] += pow(ds.w[i], alphas[t]) *
					pal_decay_weight(dec, pal_distance(ds.dlon[i], ds.dlat[i], ds.slon[j], ds.slat[j]));
		for (i = 0; i < ds.n; i++)
		{
			double		v = 0.0;

			for (j = 0; j < ds.m; j++)
				if (den[j] > 0.0)
					v += ds.cap[j] * pow(ds.w[i], alphas[t]) *
						pal_decay_weight(dec, pal_distance(ds.dlon[i], ds.dlat[i], ds.slon[j], ds.slat[j])) / den[j];
			td_assert_close(av[i], v, 1e-9, "availability");
			sum += av[i];
		}
		for (j = 0; j < ds.m; j++)
			if (den[j] > 0.0)
				reached += ds.cap[j];
		/* the invariant: it sums to the capacity of facilities reaching demand */
		td_assert_close(sum, reached, 1e-9, "sum of availability");
		assert_true(reached > 0.0);
		free(av);
		free(den);
		free(dec);
		td_free(&ds);
	}
}

/* ---- cost to capacity -------------------------------------------------- */

/* brute force: sort every facility within max_cost by (distance, id) */
static double
ctc_reference(const dataset *ds, size_t i, double max_cost, double n)
{
	size_t		m = ds->m,
				j,
				k;
	double	   *dist = calloc(m + 1, sizeof(double));
	int		   *used = calloc(m + 1, sizeof(int));
	double		total = 0.0,
				target = isnan(n) ? ds->w[i] : n,
				result = NAN;

	if (!isnan(n) && n <= 0.0)
		result = 0.0;
	for (j = 0; j < m; j++)
		dist[j] = pal_distance(ds->dlon[i], ds->dlat[i], ds->slon[j], ds->slat[j]);
	for (k = 0; k < m && isnan(result); k++)
	{
		size_t		best = m;

		for (j = 0; j < m; j++)
			if (!used[j] && dist[j] <= max_cost &&
				(best == m || dist[j] < dist[best] ||
				 (dist[j] == dist[best] && ds->sid[j] < ds->sid[best])))
				best = j;
		if (best == m)
			break;
		used[best] = 1;
		total += ds->cap[best];
		if (isnan(n) ? total > target : total >= target)
			result = dist[best];
	}
	free(dist);
	free(used);
	return result;
}

static void
test_cost_to_capacity(void **state)
{
	const double ns[] = {NAN, 100.0, 0.0, 1e9};
	const double maxc[] = {15000.0, 30000.0, 30000.0, INFINITY};
	size_t		t;

	(void) state;
	for (t = 0; t < 4; t++)
	{
		dataset		ds;
		pal_points	d,
					s;
		pal_error	err;
		double	   *cost;
		size_t		i,
					nulls = 0;

		make_data(&ds, 150, 40, 60 + t, 0.5);
		d = td_demand(&ds);
		s = td_supply(&ds);
		cost = calloc(ds.n + 1, sizeof(double));
		assert_int_equal(pal_cost_to_capacity(&d, &s, maxc[t], ns[t], NULL, cost,
											  &pal_malloc_allocator, &err), PAL_OK);
		for (i = 0; i < ds.n; i++)
		{
			double		ref = ctc_reference(&ds, i, maxc[t], ns[t]);

			if (isnan(ref))
			{
				assert_true(isnan(cost[i]));
				nulls++;
			}
			else
				assert_true(fabs(cost[i] - ref) < 1e-6);
		}
		/* n = 1e9 is never reached; the others mostly are */
		if (t == 3)
			assert_int_equal(nulls, ds.n);
		else
			assert_true(nulls < ds.n);
		free(cost);
		td_free(&ds);
	}
}

/* ---- empty, bad input, interrupts -------------------------------------- */

static void
test_empty(void **state)
{
	dataset		ds;
	coverage	cv;
	pal_decay  *dec = td_decay("gaussian(20km)");
	pal_points	d,
				s;
	pal_error	err;
	double		av[8],
				cost[8];
	size_t		i;

	(void) state;
	make_data(&ds, 0, 5, 1, 0.5);
	run_coverage(&ds, dec, NULL, PAL_ALLOC_OPTIMAL, &cv);
	assert_true(cv.stats.served == 0.0);
	for (i = 0; i < 5; i++)
		assert_true(cv.load[i] == 0.0);
	free_coverage(&cv);
	td_free(&ds);

	make_data(&ds, 6, 0, 1, 0.5);
	run_coverage(&ds, dec, NULL, PAL_ALLOC_SEQUENTIAL, &cv);
	for (i = 0; i < 6; i++)
		assert_true(cv.served[i] == 0.0 && cv.reach[i] == 0);
	free_coverage(&cv);
	d = td_demand(&ds);
	s = td_supply(&ds);
	assert_int_equal(pal_spatial_availability(&d, &s, dec, 1.0, NULL, av, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_cost_to_capacity(&d, &s, 1000.0, NAN, NULL, cost, &pal_malloc_allocator, &err), PAL_OK);
	for (i = 0; i < 6; i++)
	{
		assert_true(av[i] == 0.0);
		assert_true(isnan(cost[i]));
	}
	td_free(&ds);
	free(dec);
}

static void
test_bad_input(void **state)
{
	dataset		ds;
	pal_points	d,
				s;
	pal_decay  *dec = td_decay("gaussian(20km)"),
			   *tdec = td_decay("gaussian(20min)");
	pal_reach	r;
	pal_error	err;
	double		served[20],
				load[20],
				out[20];
	int32_t		reach[20];

	(void) state;
	make_data(&ds, 20, 10, 3, 0.3);
	d = td_demand(&ds);
	s = td_supply(&ds);
	/* a time decay needs costs */
	assert_int_equal(pal_reach_build(&d, &s, tdec, NULL, &r, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "cost_sql"));
	assert_int_equal(pal_reach_build(&d, &s, dec, NULL, &r, &pal_malloc_allocator, &err), PAL_OK);
	/* unknown allocation */
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, 7, ds.prio, served, reach, load, NULL, NULL,
										   &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_allocation_lookup("optimal"), PAL_ALLOC_OPTIMAL);
	assert_int_equal(pal_allocation_lookup("sequential"), PAL_ALLOC_SEQUENTIAL);
	assert_int_equal(pal_allocation_lookup("greedy"), -1);
	/* negative, NaN, infinite amounts and priorities name the row */
	ds.cap[4] = -1.0;
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, PAL_ALLOC_OPTIMAL, ds.prio, served, reach, load, NULL, NULL,
										   &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_non_null(strstr(err.message, "capacity"));
	ds.cap[4] = 1.0;
	ds.w[2] = NAN;
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, PAL_ALLOC_OPTIMAL, ds.prio, served, reach, load, NULL, NULL,
										   &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_non_null(strstr(err.message, "weight"));
	ds.w[2] = 1.0;
	ds.prio[1] = INFINITY;
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, PAL_ALLOC_SEQUENTIAL, ds.prio, served, reach, load, NULL, NULL,
										   &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_non_null(strstr(err.message, "priority"));
	/* optimal ignores the priority */
	assert_int_equal(pal_capacity_coverage(&r, &d, &s, PAL_ALLOC_OPTIMAL, ds.prio, served, reach, load, NULL, NULL,
										   &pal_malloc_allocator, &err), PAL_OK);
	ds.prio[1] = 0.0;
	pal_reach_free(&r, &pal_malloc_allocator);
	/* alpha */
	assert_int_equal(pal_spatial_availability(&d, &s, dec, -1.0, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_spatial_availability(&d, &s, dec, NAN, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_spatial_availability(&d, &s, dec, INFINITY, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	/* n and max_cost */
	assert_int_equal(pal_cost_to_capacity(&d, &s, 1000.0, -1.0, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_cost_to_capacity(&d, &s, 1000.0, INFINITY, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_cost_to_capacity(&d, &s, 0.0, NAN, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_cost_to_capacity(&d, &s, -5.0, NAN, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_cost_to_capacity(&d, &s, NAN, NAN, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	/* duplicate ids */
	ds.sid[3] = ds.sid[2];
	assert_int_equal(pal_reach_build(&d, &s, dec, NULL, &r, &pal_malloc_allocator, &err), PAL_ERR_UNIQUE);
	assert_int_equal(pal_cost_to_capacity(&d, &s, 1000.0, NAN, NULL, out, &pal_malloc_allocator, &err), PAL_ERR_UNIQUE);
	free(dec);
	free(tdec);
	td_free(&ds);
}

/* an interrupt after a few checks stops each computation cleanly */
typedef struct countdown
{
	int			left;
} countdown;

static int
interrupt_after(void *ctx)
{
	countdown  *c = ctx;

	return --c->left < 0;
}

static void *
cd_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size == 0 ? 1 : size);
}

static void
cd_release(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

static void
test_interrupt(void **state)
{
	dataset		ds;
	pal_points	d,
				s;
	pal_decay  *dec = td_decay("gaussian(30km)");
	pal_reach	r;
	pal_error	err;
	countdown	cd;
	pal_allocator a = {cd_alloc, cd_release, interrupt_after, &cd};
	double	   *served,
			   *load,
			   *out;
	int32_t    *reach;
	int			k;

	(void) state;
	make_data(&ds, 3000, 300, 8, 0.6);
	d = td_demand(&ds);
	s = td_supply(&ds);
	served = calloc(ds.n, sizeof(double));
	out = calloc(ds.n, sizeof(double));
	reach = calloc(ds.n, sizeof(int32_t));
	load = calloc(ds.m, sizeof(double));
	for (k = 0; k < 4; k++)
	{
		cd.left = k;
		assert_int_equal(pal_reach_build(&d, &s, dec, NULL, &r, &a, &err), PAL_ERR_INTERRUPTED);
	}
	cd.left = 1000000;
	assert_int_equal(pal_reach_build(&d, &s, dec, NULL, &r, &a, &err), PAL_OK);
	for (k = 0; k < 2; k++)
	{
		cd.left = k;
		assert_int_equal(pal_capacity_coverage(&r, &d, &s, k, ds.prio, served, reach, load, NULL, NULL, &a, &err),
						 PAL_ERR_INTERRUPTED);
	}
	cd.left = 0;
	assert_int_equal(pal_cost_to_capacity(&d, &s, 20000.0, NAN, NULL, out, &a, &err), PAL_ERR_INTERRUPTED);
	cd.left = 0;
	assert_int_equal(pal_spatial_availability(&d, &s, dec, 1.0, NULL, out, &a, &err), PAL_ERR_INTERRUPTED);
	pal_reach_free(&r, &a);
	free(served);
	free(load);
	free(reach);
	free(out);
	free(dec);
	td_free(&ds);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reach_brute_force),
		cmocka_unit_test(test_optimal_against_reference),
		cmocka_unit_test(test_optimal_row_order),
		cmocka_unit_test(test_sequential_reference),
		cmocka_unit_test(test_sequential_vs_optimal),
		cmocka_unit_test(test_spatial_availability),
		cmocka_unit_test(test_cost_to_capacity),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
