/*
 * test_fca.c
 *	  Unit tests of the accessibility engine: published cases, random data
 *	  against a brute-force O(n*m) reference, the sum invariant, the split
 *	  steps, k-nearest against brute force, and input checks.
 */
#include "testdata.h"
#include "engine/fca.h"
#include "engine/nearest.h"
#include "engine/geodesy.h"

#include <math.h>

static void
make_data(dataset *ds, size_t n, size_t m, uint64_t seed, double spread)
{
	size_t		i;

	td_seed(seed);
	td_alloc(ds, n, m);
	for (i = 0; i < n; i++)
	{
		ds->did[i] = (int64_t) (n - i) * 7;
		ds->dlon[i] = 139.0 + spread * td_rnd();
		ds->dlat[i] = 35.0 + spread * td_rnd();
		ds->w[i] = (i % 10 == 0) ? 0.0 : floor(td_rnd() * 1000);
	}
	for (i = 0; i < m; i++)
	{
		ds->sid[i] = (int64_t) i * 3 + 1;
		td_supply_point(ds, i, spread);
		ds->cap[i] = (i % 9 == 0) ? 0.0 : 1 + floor(td_rnd() * 50);
	}
}

/* brute force, straight from the formulas */
static void
brute(const dataset *ds, const pal_decay *dec, int method, double *A,
	  int32_t *reach, double *ratio_out)
{
	size_t		n = ds->n,
				m = ds->m,
				i,
				j;
	double	   *W = calloc(n * m + 1, sizeof(double));
	double	   *rows = calloc(n + 1, sizeof(double));
	double	   *cols = calloc(m + 1, sizeof(double));
	double	   *D = calloc(m + 1, sizeof(double));
	double	   *R = calloc(m + 1, sizeof(double));

	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
		{
			double		d = pal_distance(ds->dlon[i], ds->dlat[i], ds->slon[j], ds->slat[j]);

			W[i * m + j] = pal_decay_weight(dec, d);
			rows[i] += W[i * m + j];
			cols[j] += W[i * m + j];
		}
	for (j = 0; j < m; j++)
	{
		for (i = 0; i < n; i++)
		{
			double		w = W[i * m + j];

			if (w <= 0)
				continue;
			if (method == PAL_FCA_3SFCA)
				D[j] += (w / rows[i]) * w * ds->w[i];
			else if (method == PAL_FCA_BFCA)
				D[j] += ds->w[i] * w / rows[i];
			else
				D[j] += ds->w[i] * w;
		}
		R[j] = method == PAL_FCA_GRAVITY ? ds->cap[j] : (D[j] > 0 ? ds->cap[j] / D[j] : 0);
		if (ratio_out)
			ratio_out[j] = R[j];
	}
	for (i = 0; i < n; i++)
	{
		double		a = 0;
		int32_t		c = 0;

		for (j = 0; j < m; j++)
		{
			double		w = W[i * m + j];

			if (w <= 0)
				continue;
			c++;
			switch (method)
			{
				case PAL_FCA_3SFCA:
					a += (w / rows[i]) * w * R[j];
					break;
				case PAL_FCA_M2SFCA:
					a += R[j] * w * w;
					break;
				case PAL_FCA_BFCA:
					a += R[j] * w / cols[j];
					break;
				default:
					a += R[j] * w;
			}
		}
		A[i] = a;
		reach[i] = c;
	}
	free(W);
	free(rows);
	free(cols);
	free(D);
	free(R);
}

static void
assert_close(double got, double want, const char *what, size_t i)
{
	double		tol = 1e-10 * fmax(fabs(want), 1e-300);

	if (!(fabs(got - want) <= tol) && !(fabs(want) < 1e-300 && fabs(got) < 1e-300))
		fail_msg("%s[%zu]: got %.17g, want %.17g", what, i, got, want);
}

static void
run_engine(const dataset *ds, const pal_decay *dec, int method,
		   const pal_costs *costs, double *A, int32_t *reach, double *ratio)
{
	pal_points	dem = {ds->n, ds->did, ds->dlon, ds->dlat, ds->w};
	pal_points	sup = {ds->m, ds->sid, ds->slon, ds->slat, ds->cap};
	pal_fca    *f;
	pal_error	err;

	assert_int_equal(pal_fca_create(&dem, &sup, dec, method, costs, &pal_malloc_allocator, &f, &err), PAL_OK);
	assert_int_equal(pal_fca_run(f, A, reach, ratio, NULL, &err), PAL_OK);
	pal_fca_destroy(f);
}

static void
test_random_vs_brute(void **state)
{
	const char *decays[] = {"gaussian(30km)", "binary(20km)", "linear(25km)",
		"exponential(0.1/km, 40km)", "power(1.5, 30km)",
	"step(10km:1, 20km:0.68, 30km:0.22)"};
	uint64_t	seeds[] = {1, 2, 3};
	size_t		s,
				di,
				i;
	int			method;

	(void) state;
	for (s = 0; s < 3; s++)
		for (di = 0; di < sizeof(decays) / sizeof(decays[0]); di++)
		{
			dataset		ds;
			pal_decay  *dec = td_decay(decays[di]);

			make_data(&ds, 300, 60, seeds[s], 1.5);
			for (method = 0; method < PAL_FCA__NMETHODS; method++)
			{
				double		A[300],
							B[300],
							R1[60],
							R2[60];
				int32_t		c1[300],
							c2[300];

				run_engine(&ds, dec, method, NULL, A, c1, R1);
				brute(&ds, dec, method, B, c2, R2);
				for (i = 0; i < ds.n; i++)
				{
					assert_close(A[i], B[i], "access", i);
					assert_int_equal(c1[i], c2[i]);
				}
				for (i = 0; i < ds.m; i++)
					assert_close(R1[i], R2[i], "ratio", i);
			}
			free(dec);
			td_free(&ds);
		}
}

static void
test_sum_invariant(void **state)
{
	dataset		ds;
	pal_decay  *dec = td_decay("gaussian(30km)");
	int			methods[] = {PAL_FCA_2SFCA, PAL_FCA_3SFCA};
	int			k;

	(void) state;
	make_data(&ds, 500, 80, 42, 3.0);
	for (k = 0; k < 2; k++)
	{
		double		A[500],
					R[80],
					WD[80],
					lhs = 0,
					rhs = 0;
		int32_t		c[500];
		size_t		i;
		pal_points	dem = {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
		pal_points	sup = {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
		pal_fca    *f;
		pal_error	err;

		assert_int_equal(pal_fca_create(&dem, &sup, dec, methods[k], NULL, &pal_malloc_allocator, &f, &err), PAL_OK);
		assert_int_equal(pal_fca_run(f, A, c, R, WD, &err), PAL_OK);
		pal_fca_destroy(f);
		for (i = 0; i < ds.n; i++)
			lhs += ds.w[i] * A[i];
		for (i = 0; i < ds.m; i++)
			if (WD[i] > 0)
				rhs += ds.cap[i];
		assert_true(rhs > 0);
		assert_close(lhs, rhs, "sum", 0);
	}
	free(dec);
	td_free(&ds);
}

/* step 1 on two halves of the demand, summed, equals the whole run */
static void
test_split_steps(void **state)
{
	dataset		ds;
	pal_decay  *dec = td_decay("gaussian(30km)");
	int			method;

	(void) state;
	make_data(&ds, 400, 50, 7, 1.5);
	for (method = 0; method < PAL_FCA__NMETHODS; method++)
	{
		pal_points	dem = {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
		pal_points	sup = {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
		pal_fca    *f;
		pal_error	err;
		double		wd[50] = {0},
					wt[50] = {0},
					fac[50],
					A[400],
					B[400];
		int32_t		c[400],
					c2[400];
		uint32_t	rows[400];
		size_t		i;

		for (i = 0; i < 400; i++)
			rows[i] = (uint32_t) ((i * 37) % 400);
		assert_int_equal(pal_fca_create(&dem, &sup, dec, method, NULL, &pal_malloc_allocator, &f, &err), PAL_OK);
		assert_int_equal(pal_fca_step1(f, rows, 150, wd, wt, &err), PAL_OK);
		assert_int_equal(pal_fca_step1(f, rows + 150, 250, wd, wt, &err), PAL_OK);
		assert_int_equal(pal_fca_ratios(f, wd, wt, NULL, fac, &err), PAL_OK);
		assert_int_equal(pal_fca_step2(f, rows + 200, 200, fac, A, c, &err), PAL_OK);
		assert_int_equal(pal_fca_step2(f, rows, 200, fac, A, c, &err), PAL_OK);
		assert_int_equal(pal_fca_run(f, B, c2, NULL, NULL, &err), PAL_OK);
		pal_fca_destroy(f);
		for (i = 0; i < 400; i++)
		{
			assert_close(A[i], B[i], "split", i);
			assert_int_equal(c[i], c2[i]);
		}
	}
	free(dec);
	td_free(&ds);
}

static void
build_costs(pal_costs *costs, const dataset *ds, size_t nrows,
			const uint32_t *dr, const uint32_t *sr, const double *cost)
{
	pal_error	err;

	assert_int_equal(pal_costs_build(costs, ds->n, ds->did, ds->sid, nrows, dr, sr, cost,
									 &pal_malloc_allocator, &err), PAL_OK);
}

static void
test_published(void **state)
{
	dataset		ds;
	pal_decay  *dec;
	pal_costs	costs;
	double		A[3];
	int32_t		c[3];

	(void) state;
	make_data(&ds, 3, 2, 1, 1.0);
	ds.w[0] = ds.w[1] = ds.w[2] = 1;
	ds.cap[0] = ds.cap[1] = 1;
	{
		uint32_t	dr[] = {0, 0, 1, 1, 2, 2};
		uint32_t	sr[] = {0, 1, 0, 1, 0, 1};
		double		cost[] = {5, 5, 10, 0, 15, 15};

		dec = td_decay("binary(6min)");
		build_costs(&costs, &ds, 6, dr, sr, cost);
		run_engine(&ds, dec, PAL_FCA_2SFCA, &costs, A, c, NULL);
		assert_close(A[0], 1.5, "case1", 0);
		assert_close(A[1], 0.5, "case1", 1);
		assert_true(A[2] == 0);
		assert_int_equal(c[0], 2);
		assert_int_equal(c[1], 1);
		assert_int_equal(c[2], 0);
		pal_costs_free(&costs, &pal_malloc_allocator);
		free(dec);
	}
	ds.w[0] = 5;
	ds.w[1] = 10;
	ds.w[2] = 50;
	ds.cap[0] = 5;
	ds.cap[1] = 10;
	{
		uint32_t	dr[] = {0, 0, 1, 1, 2, 2};
		uint32_t	sr[] = {0, 1, 0, 1, 0, 1};
		double		cost[] = {5, 55, 35, 15, 40, 25};

		dec = td_decay("binary(29min)");
		build_costs(&costs, &ds, 6, dr, sr, cost);
		run_engine(&ds, dec, PAL_FCA_2SFCA, &costs, A, c, NULL);
		assert_close(A[0], 1.0, "case2", 0);
		assert_close(A[1], 1.0 / 6, "case2", 1);
		assert_close(A[2], 1.0 / 6, "case2", 2);
		pal_costs_free(&costs, &pal_malloc_allocator);
		free(dec);
	}
	td_free(&ds);
}

static void
test_costs_errors(void **state)
{
	dataset		ds;
	pal_costs	costs;
	pal_error	err;
	uint32_t	dr[] = {0, 0};
	uint32_t	sr[] = {1, 1};
	double		cost[] = {1, 2};
	double		bad[] = {-1, 2};
	pal_decay  *dec = td_decay("binary(10min)");
	pal_points	dem,
				sup;
	pal_fca    *f;

	(void) state;
	make_data(&ds, 3, 2, 1, 1.0);
	assert_int_equal(pal_costs_build(&costs, 3, ds.did, ds.sid, 2, dr, sr, cost,
									 &pal_malloc_allocator, &err), PAL_ERR_UNIQUE);
	assert_int_equal(pal_costs_build(&costs, 3, ds.did, ds.sid, 2, dr, sr, bad,
									 &pal_malloc_allocator, &err), PAL_ERR_RANGE);
	/* a travel-time decay needs costs */
	dem = (pal_points) {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
	sup = (pal_points) {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
	assert_int_equal(pal_fca_create(&dem, &sup, dec, PAL_FCA_2SFCA, NULL,
									&pal_malloc_allocator, &f, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_fca_method_lookup("2sfca"), PAL_FCA_2SFCA);
	assert_int_equal(pal_fca_method_lookup("gravity"), PAL_FCA_GRAVITY);
	assert_int_equal(pal_fca_method_lookup("4sfca"), -1);
	free(dec);
	td_free(&ds);
}

static void
test_validate_and_ids(void **state)
{
	dataset		ds;
	pal_points	p;
	pal_error	err;
	pal_idmap	map;

	(void) state;
	make_data(&ds, 10, 2, 1, 1.0);
	p = (pal_points) {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
	assert_int_equal(pal_points_validate(&p, "demand", "weight", &err), PAL_OK);
	ds.w[3] = -1;
	assert_int_equal(pal_points_validate(&p, "demand", "weight", &err), PAL_ERR_RANGE);
	assert_non_null(strstr(err.message, "id 49"));
	ds.w[3] = NAN;
	assert_int_equal(pal_points_validate(&p, "demand", "weight", &err), PAL_ERR_RANGE);
	ds.w[3] = 1;
	ds.dlat[2] = 91;
	assert_int_equal(pal_points_validate(&p, "demand", "weight", &err), PAL_ERR_VALUE);
	ds.dlat[2] = 35;

	assert_int_equal(pal_idmap_build(&map, ds.did, ds.n, "demand", &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_idmap_find(&map, ds.did[4]), 4);
	assert_int_equal(pal_idmap_find(&map, 12345), -1);
	pal_idmap_free(&map, &pal_malloc_allocator);
	ds.did[5] = ds.did[1];
	assert_int_equal(pal_idmap_build(&map, ds.did, ds.n, "demand", &pal_malloc_allocator, &err), PAL_ERR_UNIQUE);
	td_free(&ds);
}

typedef struct near_row
{
	uint32_t	d,
				s;
	int32_t		rank;
	double		dist;
} near_row;

typedef struct near_out
{
	near_row   *rows;
	size_t		n;
} near_out;

static int
near_emit(void *arg, uint32_t d, uint32_t s, int32_t rank, double dist)
{
	near_out   *o = arg;

	o->rows[o->n].d = d;
	o->rows[o->n].s = s;
	o->rows[o->n].rank = rank;
	o->rows[o->n].dist = dist;
	o->n++;
	return 0;
}

static void
test_nearest_vs_brute(void **state)
{
	uint64_t	seed;

	(void) state;
	for (seed = 1; seed <= 3; seed++)
	{
		dataset		ds;
		size_t		k = 3,
					i,
					j,
					t;
		near_out	o;
		pal_points	dem,
					sup;
		pal_error	err;
		double		maxd = seed == 3 ? 20000 : INFINITY;

		make_data(&ds, 200, 40, seed, seed == 2 ? 20.0 : 2.0);
		/* a far-away demand point and one across the antimeridian */
		ds.dlon[0] = -170;
		ds.dlat[0] = -40;
		ds.dlon[1] = 179.99;
		ds.slon[5] = -179.99;
		ds.slat[5] = ds.dlat[1];
		/* ties: two facilities at the same place */
		ds.slon[7] = ds.slon[8];
		ds.slat[7] = ds.slat[8];
		dem = (pal_points) {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
		sup = (pal_points) {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
		o.rows = calloc(ds.n * k, sizeof(near_row));
		o.n = 0;
		assert_int_equal(pal_nearest(&dem, &sup, k, maxd, NULL, NULL, near_emit, &o,
									 &pal_malloc_allocator, &err), PAL_OK);
		t = 0;
		for (i = 0; i < ds.n; i++)
		{
			/* brute force: sort by (distance, id) */
			double		bd[40];
			size_t		idx[40],
						a,
						b;

			for (j = 0; j < ds.m; j++)
			{
				bd[j] = pal_distance(ds.dlon[i], ds.dlat[i], ds.slon[j], ds.slat[j]);
				idx[j] = j;
			}
			for (a = 0; a < ds.m; a++)
				for (b = a + 1; b < ds.m; b++)
					if (bd[idx[b]] < bd[idx[a]] ||
						(bd[idx[b]] == bd[idx[a]] && ds.sid[idx[b]] < ds.sid[idx[a]]))
					{
						size_t		tmp = idx[a];

						idx[a] = idx[b];
						idx[b] = tmp;
					}
			for (a = 0; a < k && bd[idx[a]] <= maxd; a++)
			{
				assert_true(t < o.n);
				assert_int_equal(o.rows[t].d, i);
				assert_int_equal(o.rows[t].rank, (int) a + 1);
				if (o.rows[t].s != idx[a])
					assert_close(bd[o.rows[t].s], bd[idx[a]], "nearest tie", i);
				assert_close(o.rows[t].dist, bd[idx[a]], "nearest", i);
				t++;
			}
		}
		assert_int_equal(t, o.n);
		if (seed == 1)
		{
			/* across the antimeridian: about 1 km away */
			assert_int_equal(o.rows[3].s, 5);
			assert_true(o.rows[3].dist < 2000);
		}
		free(o.rows);
		td_free(&ds);
	}
}

/*
 * nearest with a decay: the k nearest among the facilities with weight > 0
 * (a linear decay is 0 at its cutoff, a step decay may end in 0), against
 * brute force over every pair
 */
static void
test_nearest_decay(void **state)
{
	static const char *const decays[] = {"linear(20km)", "step(5km:1, 20km:0)", "gaussian(8km)"};
	uint64_t	seed;
	int			di;

	(void) state;
	for (di = 0; di < 3; di++)
		for (seed = 1; seed <= 3; seed++)
		{
			pal_decay  *dec = td_decay(decays[di]);
			dataset		ds;
			size_t		k = 2,
						i,
						j,
						t = 0;
			near_out	o;
			pal_points	dem,
						sup;
			pal_error	err;

			make_data(&ds, 150, 40, seed, 2.0);
			/* a facility exactly at a demand point (distance 0) */
			ds.slon[3] = ds.dlon[0];
			ds.slat[3] = ds.dlat[0];
			dem = (pal_points) {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
			sup = (pal_points) {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
			o.rows = calloc(ds.n * k, sizeof(near_row));
			o.n = 0;
			assert_int_equal(pal_nearest(&dem, &sup, k, INFINITY, dec, NULL, near_emit, &o,
										 &pal_malloc_allocator, &err), PAL_OK);
			for (i = 0; i < ds.n; i++)
			{
				double		best_d[2] = {INFINITY, INFINITY};
				int64_t		best_id[2] = {INT64_MAX, INT64_MAX};
				size_t		best[2] = {0, 0},
							a;

				for (j = 0; j < ds.m; j++)
				{
					double		d = pal_distance(ds.dlon[i], ds.dlat[i], ds.slon[j], ds.slat[j]);

					if (!(pal_decay_weight(dec, d) > 0.0))
						continue;
					for (a = 0; a < k; a++)
						if (d < best_d[a] || (d == best_d[a] && ds.sid[j] < best_id[a]))
						{
							if (a == 0)
							{
								best_d[1] = best_d[0];
								best_id[1] = best_id[0];
								best[1] = best[0];
							}
							best_d[a] = d;
							best_id[a] = ds.sid[j];
							best[a] = j;
							break;
						}
				}
				for (a = 0; a < k && best_d[a] < INFINITY; a++)
				{
					assert_true(t < o.n);
					assert_int_equal(o.rows[t].d, i);
					assert_int_equal(o.rows[t].rank, (int) a + 1);
					assert_int_equal(o.rows[t].s, best[a]);
					assert_close(o.rows[t].dist, best_d[a], "nearest with a decay", i);
					t++;
				}
			}
			assert_int_equal(t, o.n);
			assert_true(o.n > 0);
			free(o.rows);
			td_free(&ds);
			free(dec);
		}
}

/*
 * Results that would not be finite, and weighted demand too small to divide
 * by, are PAL_ERR_RANGE naming the row, for every method: never Infinity
 * or NaN.  Two demand points at one place, a facility 33 m away and a
 * second one at longitude lon1 (139: beside the first; 140: out of reach).
 */
static pal_status
range_run(const char *dtext, int method, double w0, double w1, double c0,
		  double c1, double lon1, pal_error *err)
{
	int64_t		did[2] = {11, 12},
				sid[2] = {21, 22};
	double		dlon[2] = {139.0, 139.0},
				dlat[2] = {35.0, 35.0},
				slon[2] = {139.0, 139.0},
				slat[2] = {35.0003, 35.0003},
				w[2],
				cap[2],
				A[2];
	int32_t		c[2];
	pal_points	dem = {2, did, dlon, dlat, w};
	pal_points	sup = {2, sid, slon, slat, cap};
	pal_decay  *dec = td_decay(dtext);
	pal_fca    *f;
	pal_status	st;
	size_t		i;

	slon[1] = lon1;
	w[0] = w0;
	w[1] = w1;
	cap[0] = c0;
	cap[1] = c1;
	assert_int_equal(pal_fca_create(&dem, &sup, dec, method, NULL, &pal_malloc_allocator, &f, err), PAL_OK);
	st = pal_fca_run(f, A, c, NULL, NULL, err);
	if (st == PAL_OK)
		for (i = 0; i < 2; i++)
			assert_true(isfinite(A[i]));
	pal_fca_destroy(f);
	free(dec);
	return st;
}

static void
test_range(void **state)
{
	pal_error	err;
	int			m;

	(void) state;
	for (m = 0; m < PAL_FCA__NMETHODS; m++)
	{
		/* ordinary numbers: fine */
		assert_int_equal(range_run("binary(1km)", m, 10, 20, 1, 2, 139, &err), PAL_OK);
		if (m == PAL_FCA_GRAVITY)
		{
			/* gravity sums capacities: 1e308 twice */
			assert_int_equal(range_run("binary(1km)", m, 1, 1, 1e308, 1e308, 139, &err), PAL_ERR_RANGE);
			assert_non_null(strstr(err.message, "access of demand row with id 11 overflows"));
			continue;
		}
		/* the largest numbers a column takes: 1e308 twice */
		assert_int_equal(range_run("binary(1km)", m, 1e308, 1e308, 1, 1, 140, &err), PAL_ERR_RANGE);
		assert_non_null(strstr(err.message, "weighted demand of supply row with id 21 overflows"));
		/* capacity 1e308 over a demand of 1e-10 */
		assert_int_equal(range_run("binary(1km)", m, 1e-10, 0, 1e308, 0, 140, &err), PAL_ERR_RANGE);
		assert_non_null(strstr(err.message, "ratio of supply row with id 21 overflows"));
		/* weighted demand subnormal: 1e-300 times e^-33; for bfca, whose
		 * weighted demand is 1e-300, the balanced ratio overflows */
		assert_int_equal(range_run("exponential(1/m, 100m)", m, 1e-300, 0, 1, 0, 140, &err), PAL_ERR_RANGE);
		assert_non_null(strstr(err.message, m == PAL_FCA_BFCA ?
							   "balanced ratio of supply row with id 21 overflows" :
							   "weighted demand of supply row with id 21 underflows"));
		/* a product that rounds to 0: 1e-300 times e^-334 */
		assert_int_equal(range_run("exponential(10/m, 100m)", m, 1e-300, 0, 1, 0, 140, &err), PAL_ERR_RANGE);
		if (m != PAL_FCA_BFCA)
		{
			assert_non_null(strstr(err.message, "weighted demand of supply row with id 21 underflows"));
			assert_non_null(strstr(err.detail, "row with id 11 (weight"));
		}
	}
}

static void
test_empty(void **state)
{
	dataset		ds;
	pal_decay  *dec = td_decay("gaussian(30km)");
	double		A[5];
	int32_t		c[5];

	(void) state;
	make_data(&ds, 5, 0, 1, 1.0);
	run_engine(&ds, dec, PAL_FCA_2SFCA, NULL, A, c, NULL);
	assert_true(A[0] == 0 && c[0] == 0);
	td_free(&ds);
	make_data(&ds, 0, 5, 1, 1.0);
	run_engine(&ds, dec, PAL_FCA_3SFCA, NULL, A, c, NULL);
	td_free(&ds);
	free(dec);
}

static void
test_interrupt(void **state)
{
	dataset		ds;
	pal_decay  *dec = td_decay("gaussian(30km)");
	pal_allocator a = pal_malloc_allocator;
	pal_points	dem,
				sup;
	pal_fca    *f;
	pal_error	err;
	double		A[50];

	(void) state;
	a.check_interrupt = td_stop_now;
	make_data(&ds, 50, 5, 1, 1.0);
	dem = (pal_points) {ds.n, ds.did, ds.dlon, ds.dlat, ds.w};
	sup = (pal_points) {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
	assert_int_equal(pal_fca_create(&dem, &sup, dec, PAL_FCA_2SFCA, NULL, &a, &f, &err), PAL_OK);
	assert_int_equal(pal_fca_run(f, A, NULL, NULL, NULL, &err), PAL_ERR_INTERRUPTED);
	pal_fca_destroy(f);
	free(dec);
	td_free(&ds);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published),
		cmocka_unit_test(test_random_vs_brute),
		cmocka_unit_test(test_sum_invariant),
		cmocka_unit_test(test_split_steps),
		cmocka_unit_test(test_costs_errors),
		cmocka_unit_test(test_validate_and_ids),
		cmocka_unit_test(test_nearest_vs_brute),
		cmocka_unit_test(test_nearest_decay),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
