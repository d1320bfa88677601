/*
 * test_fca_dist.c
 *	  Unit tests of the distributable form: step 1 as parts summed in any
 *	  order and grouping, through the external forms, then step 2 row by
 *	  row, equal to the engine's whole computation for every method; the
 *	  checks that keep supplies, methods, decays and SRIDs apart; and the
 *	  decoders on truncated and corrupted input.
 */
#include "testdata.h"
#include "engine/fca.h"
#include "engine/fca_dist.h"

#include <math.h>

static const pal_allocator *A = &pal_malloc_allocator;

static void
make_data(dataset *ds, size_t n, size_t m, uint64_t seed)
{
	size_t		i;

	td_alloc(ds, n, m);
	for (i = 0; i < n; i++)
	{
		ds->did[i] = (int64_t) i * 5 + 2;
		ds->dlon[i] = 139.0 + 2.0 * td_rnd_r(&seed);
		ds->dlat[i] = 35.0 + 2.0 * td_rnd_r(&seed);
		ds->w[i] = (i % 10 == 0) ? 0.0 : floor(td_rnd_r(&seed) * 1000);
	}
	for (i = 0; i < m; i++)
	{
		ds->sid[i] = (int64_t) (m - i) * 3;
		ds->slon[i] = i % 7 == 3 && n > 0 ? ds->dlon[i % n] : 139.0 + 2.2 * td_rnd_r(&seed);
		ds->slat[i] = i % 7 == 3 && n > 0 ? ds->dlat[i % n] : 35.0 + 2.2 * td_rnd_r(&seed);
		ds->cap[i] = (i % 9 == 0) ? 0.0 : 1 + floor(td_rnd_r(&seed) * 50);
	}
}

static pal_supply *
prepare(const dataset *ds, const pal_decay *dec)
{
	pal_points	sup = {ds->m, ds->sid, ds->slon, ds->slat, ds->cap};
	pal_supply *s = NULL;
	pal_error	err;

	assert_int_equal(pal_supply_build(&sup, 4326, dec, A, &s, &err), PAL_OK);
	return s;
}

/* an engine over the supply alone, as each backend builds one */
static pal_fca *
engine(const pal_supply *s, int method)
{
	pal_points	none = {0, NULL, NULL, NULL, NULL};
	pal_points	pts;
	pal_fca    *f = NULL;
	pal_error	err;

	/* the engine keeps a copy of the point set, not a pointer to it */
	pal_supply_points(s, &pts);
	assert_int_equal(pal_fca_create(&none, &pts, pal_supply_decay(s), method, NULL, A, &f, &err), PAL_OK);
	return f;
}

/* finalize a value, send it through the external form, decode it */
static pal_sums *
through_wire(const pal_sums *w)
{
	size_t		size = pal_sums_final_size(w);
	pal_sums   *s = malloc(size),
			   *back = NULL;
	uint8_t    *buf;
	pal_error	err;

	pal_sums_finalize(w, s);
	assert_int_equal(pal_sums_size(s), size);
	assert_int_equal(s->flags, 0);
	buf = malloc(pal_sums_encoded_size(s));
	pal_sums_encode(s, buf);
	assert_int_equal(pal_sums_decode(buf, pal_sums_encoded_size(s), A, &back, &err), PAL_OK);
	assert_memory_equal((char *) back + 4, (char *) s + 4, size - 4);
	free(buf);
	free(s);
	return back;
}

/* a working value for parts of supply s */
static pal_sums *
working(const pal_supply *s, int method)
{
	pal_sums   *w = malloc(pal_sums_working_size(method, s->n));

	pal_sums_working_init(w, method, s->n, s->fingerprint);
	return w;
}

static void
assert_rel(double got, double want, const char *what, size_t i)
{
	if (!(fabs(got - want) <= 1e-12 * fabs(want)) && !(want == 0.0 && got == 0.0))
		fail_msg("%s[%zu]: got %.17g, want %.17g", what, i, got, want);
}

/*
 * Step 1 over the demand rows in a shuffled order, split into three groups
 * (as three workers would), each group's sums through the external form and
 * combined; then step 2 per row.  Equal to pal_fca_run to 1e-12 relative.
 */
static void
check_method(const dataset *ds, const char *dtext, int method, uint64_t seed)
{
	pal_decay  *dec = td_decay(dtext);
	pal_points	dem = {ds->n, ds->did, ds->dlon, ds->dlat, ds->w};
	pal_points	sup = {ds->m, ds->sid, ds->slon, ds->slat, ds->cap};
	pal_supply *s = prepare(ds, dec);
	pal_fca    *whole,
			   *f = engine(s, method);
	double	   *A0 = calloc(ds->n + 1, sizeof(double)),
			   *R0 = calloc(ds->m + 1, sizeof(double)),
			   *WD0 = calloc(ds->m + 1, sizeof(double)),
			   *wd = calloc(ds->m + 1, sizeof(double)),
			   *wt = calloc(ds->m + 1, sizeof(double)),
			   *ratio = calloc(ds->m + 1, sizeof(double)),
			   *factor = calloc(ds->m + 1, sizeof(double));
	int32_t    *C0 = calloc(ds->n + 1, sizeof(int32_t));
	uint32_t   *order = calloc(ds->n + 1, sizeof(uint32_t));
	pal_sums   *part_acc[3],
			   *total,
			   *sums[3],
			   *final;
	pal_error	err;
	size_t		i,
				g;

	assert_int_equal(pal_fca_create(&dem, &sup, dec, method, NULL, A, &whole, &err), PAL_OK);
	assert_int_equal(pal_fca_run(whole, A0, C0, R0, WD0, &err), PAL_OK);
	pal_fca_destroy(whole);

	for (i = 0; i < ds->n; i++)
		order[i] = (uint32_t) i;
	for (i = ds->n; i > 1; i--)
	{
		size_t		k = (size_t) (td_rnd_r(&seed) * (double) i);
		uint32_t	t = order[i - 1];

		order[i - 1] = order[k];
		order[k] = t;
	}
	for (g = 0; g < 3; g++)
		part_acc[g] = working(s, method);
	for (i = 0; i < ds->n; i++)
	{
		size_t		r = order[i];
		pal_part   *p,
				   *q;
		uint8_t    *buf;

		g = (i * 7) % 3;
		assert_int_equal(pal_part_build(f, s, method, ds->did[r], 4326, ds->dlon[r], ds->dlat[r],
										ds->w[r], A, &p, &err), PAL_OK);
		/* every part also goes through its external form */
		buf = malloc(pal_part_encoded_size(p));
		pal_part_encode(p, buf);
		assert_int_equal(pal_part_decode(buf, pal_part_encoded_size(p), A, &q, &err), PAL_OK);
		assert_memory_equal((char *) q + 4, (char *) p + 4, pal_part_size(p) - 4);
		assert_int_equal(pal_sums_add_part(part_acc[g], q, &err), PAL_OK);
		free(buf);
		free(p);
		free(q);
	}
	for (g = 0; g < 3; g++)
	{
		sums[g] = through_wire(part_acc[g]);
		free(part_acc[g]);
	}
	/* combined in another order, one of them still a working value */
	total = working(s, method);
	assert_int_equal(pal_sums_add_sums(total, sums[2], &err), PAL_OK);
	assert_int_equal(pal_sums_add_sums(total, sums[0], &err), PAL_OK);
	{
		pal_sums   *w1 = working(s, method);

		assert_int_equal(pal_sums_add_sums(w1, sums[1], &err), PAL_OK);
		assert_int_equal(pal_sums_add_sums(total, w1, &err), PAL_OK);
		free(w1);
	}
	assert_int_equal(total->rows, ds->n);
	final = through_wire(total);
	free(total);
	assert_int_equal(pal_sums_check_use(final, s, method, &err), PAL_OK);

	pal_sums_dense(final, wd, method == PAL_FCA_BFCA ? wt : NULL);
	assert_int_equal(pal_fca_ratios(f, wd, method == PAL_FCA_BFCA ? wt : NULL, ratio, factor, &err), PAL_OK);
	for (i = 0; i < ds->m; i++)
	{
		assert_rel(ratio[i], R0[i], "ratio", i);
		assert_rel(wd[i], WD0[i], "wdemand", i);
	}
	for (i = 0; i < ds->n; i++)
	{
		int32_t		c;
		double		a;

		assert_int_equal(pal_fca_point_access(f, ds->did[i], ds->dlon[i], ds->dlat[i], ds->w[i],
											  factor, &a, &c, &err), PAL_OK);

		assert_int_equal(c, C0[i]);
		assert_rel(a, A0[i], "access", i);
	}
	for (g = 0; g < 3; g++)
		free(sums[g]);
	free(final);
	pal_fca_destroy(f);
	free(s);
	free(dec);
	free(A0);
	free(R0);
	free(WD0);
	free(wd);
	free(wt);
	free(ratio);
	free(factor);
	free(C0);
	free(order);
}

static void
test_methods_match_engine(void **state)
{
	const char *decays[] = {"gaussian(30km)", "step(10km:1, 20km:0.68, 30km:0.22)", "binary(15km)",
	"exponential(0.1/km, 40km)"};
	dataset		ds;
	int			m,
				k;

	(void) state;
	make_data(&ds, 700, 90, 17);
	for (k = 0; k < 4; k++)
		for (m = 0; m < PAL_FCA__NMETHODS; m++)
			check_method(&ds, decays[k], m, 1000 + (uint64_t) (k * 10 + m));
	td_free(&ds);
}

/* a part of each method, for the mixing checks */
static pal_part *
part_of(const dataset *ds, pal_supply *s, int method, size_t row, int32_t srid)
{
	pal_fca    *f = engine(s, method);
	pal_part   *p = NULL;
	pal_error	err;

	assert_int_equal(pal_part_build(f, s, method, ds->did[row], srid, ds->dlon[row], ds->dlat[row],
									ds->w[row], A, &p, &err), PAL_OK);
	pal_fca_destroy(f);
	return p;
}

static void
test_mixing_refused(void **state)
{
	dataset		ds;
	pal_decay  *g30 = td_decay("gaussian(30km)"),
			   *g30m = td_decay("gaussian(30000m)"),
			   *g20 = td_decay("gaussian(20km)"),
			   *e1 = td_decay("exponential(0.1/km, 60km)"),
			   *e2 = td_decay("exponential(0.0001/m, 60km)");
	pal_supply *s1,
			   *s2;
	pal_part   *p1,
			   *p2,
			   *pm,
			   *ps;
	pal_sums   *acc,
			   *acc2,
			   *flat2;
	pal_error	err;

	(void) state;
	make_data(&ds, 50, 20, 3);
	s1 = prepare(&ds, g30);
	ds.cap[4] += 1;				/* another supply: one capacity differs */
	s2 = prepare(&ds, g30);
	assert_true(s1->fingerprint != s2->fingerprint);

	/* decays: the same weights in other units pass, others name both */
	assert_int_equal(pal_supply_check_decay(s1, g30m, &err), PAL_OK);
	assert_int_equal(pal_supply_check_decay(s1, g20, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "built for decay gaussian(30km), not gaussian(20km)"));
	assert_false(pal_decay_equal(e1, e2));
	assert_true(pal_decay_equal(e1, e1));

	p1 = part_of(&ds, s1, PAL_FCA_2SFCA, 1, 4326);
	p2 = part_of(&ds, s2, PAL_FCA_2SFCA, 2, 4326);
	pm = part_of(&ds, s1, PAL_FCA_BFCA, 3, 4326);
	ps = part_of(&ds, s1, PAL_FCA_2SFCA, 4, 6668);
	acc = working(s1, PAL_FCA_2SFCA);
	assert_int_equal(pal_sums_add_part(acc, p1, &err), PAL_OK);
	assert_int_equal(pal_sums_add_part(acc, p2, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "different prepared supplies"));
	assert_non_null(strstr(err.detail, "id 12"));
	assert_int_equal(pal_sums_add_part(acc, pm, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "per-facility sums combined from different methods: 2sfca and bfca");
	assert_int_equal(pal_sums_add_part(acc, ps, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "demand rows mix SRIDs 4326 and 6668");
	assert_non_null(strstr(err.detail, "id 22 has SRID 6668"));
	assert_int_equal(acc->rows, 1);

	/* combining sums of another supply, or of rows of another SRID */
	acc2 = working(s2, PAL_FCA_2SFCA);
	assert_int_equal(pal_sums_add_part(acc2, p2, &err), PAL_OK);
	flat2 = malloc(pal_sums_final_size(acc2));
	pal_sums_finalize(acc2, flat2);
	assert_int_equal(pal_sums_add_sums(acc, flat2, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "different prepared supplies"));
	assert_int_equal(pal_sums_check_use(flat2, s1, PAL_FCA_2SFCA, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "the per-facility sums were computed against another prepared supply");
	assert_int_equal(pal_sums_check_use(flat2, s2, PAL_FCA_M2SFCA, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "the per-facility sums were computed for method 2sfca, not m2sfca");
	assert_int_equal(pal_sums_check_use(flat2, s2, PAL_FCA_2SFCA, &err), PAL_OK);
	free(flat2);
	free(acc2);

	acc2 = working(s1, PAL_FCA_2SFCA);
	assert_int_equal(pal_sums_add_part(acc2, ps, &err), PAL_OK);
	assert_int_equal(pal_sums_add_sums(acc, acc2, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "demand rows mix SRIDs 4326 and 6668");
	free(acc2);
	free(acc);

	free(p1);
	free(p2);
	free(pm);
	free(ps);
	free(s1);
	free(s2);
	free(g30);
	free(g30m);
	free(g20);
	free(e1);
	free(e2);
	td_free(&ds);
}

static void
test_build_checks(void **state)
{
	dataset		ds;
	pal_decay  *g = td_decay("gaussian(30km)"),
			   *t = td_decay("linear(30min)");
	pal_points	sup;
	pal_supply *s = NULL,
			   *s2 = NULL;
	pal_error	err;

	(void) state;
	make_data(&ds, 0, 10, 5);
	sup = (pal_points) {ds.m, ds.sid, ds.slon, ds.slat, ds.cap};
	assert_int_equal(pal_supply_build(&sup, 4326, t, A, &s, &err), PAL_ERR_VALUE);
	assert_string_equal(err.message, "a travel-time decay needs cost_sql");
	assert_non_null(strstr(err.hint, "distributable form"));
	assert_int_equal(pal_supply_build(&sup, 3857, g, A, &s, &err), PAL_ERR_VALUE);
	/* identical inputs give identical fingerprints */
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s, &err), PAL_OK);
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s2, &err), PAL_OK);
	assert_true(s->fingerprint == s2->fingerprint);
	assert_memory_equal(s, s2, pal_supply_size(s));
	free(s2);
	ds.sid[3] = ds.sid[5];
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s2, &err), PAL_ERR_UNIQUE);
	ds.sid[3] = 77777;
	ds.cap[2] = -1;
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s2, &err), PAL_ERR_RANGE);
	ds.cap[2] = NAN;
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s2, &err), PAL_ERR_RANGE);
	ds.cap[2] = 1;
	ds.slat[1] = 91;
	assert_int_equal(pal_supply_build(&sup, 4326, g, A, &s2, &err), PAL_ERR_VALUE);
	/* an empty supply has SRID 0 */
	sup.n = 0;
	assert_int_equal(pal_supply_build(&sup, 0, g, A, &s2, &err), PAL_OK);
	assert_int_equal(s2->n, 0);
	free(s2);
	free(s);
	free(g);
	free(t);
	td_free(&ds);
}

/* every prefix of an external form is refused; so is every flipped byte */
static void
check_decoder(const uint8_t *buf, size_t len,
			  pal_status (*decode) (const uint8_t *, size_t, const pal_allocator *, void **, pal_error *))
{
	uint8_t    *copy = malloc(len + 8);
	size_t		i;
	void	   *out;
	pal_error	err;

	for (i = 0; i < len; i++)
	{
		out = NULL;
		assert_int_equal(decode(buf, i, A, &out, &err), PAL_ERR_BINARY);
		assert_null(out);
	}
	memcpy(copy, buf, len);
	memset(copy + len, 0, 8);
	assert_int_equal(decode(copy, len + 8, A, &out, &err), PAL_ERR_BINARY);
	for (i = 0; i < len; i++)
	{
		pal_status	st;

		memcpy(copy, buf, len);
		copy[i] ^= 0x5a;
		out = NULL;
		st = decode(copy, len, A, &out, &err);
		if (st == PAL_OK)
			free(out);
		else
			assert_int_equal(st, PAL_ERR_BINARY);
	}
	free(copy);
}

static pal_status
dec_supply(const uint8_t *b, size_t n, const pal_allocator *a, void **out, pal_error *e)
{
	return pal_supply_decode(b, n, a, (pal_supply **) out, e);
}

static pal_status
dec_part(const uint8_t *b, size_t n, const pal_allocator *a, void **out, pal_error *e)
{
	return pal_part_decode(b, n, a, (pal_part **) out, e);
}

static pal_status
dec_sums(const uint8_t *b, size_t n, const pal_allocator *a, void **out, pal_error *e)
{
	return pal_sums_decode(b, n, a, (pal_sums **) out, e);
}

static void
test_decoders(void **state)
{
	dataset		ds;
	pal_decay  *g = td_decay("step(50km:1, 90km:0.5)");
	pal_supply *s,
			   *back;
	pal_part   *p;
	pal_sums   *acc,
			   *flat;
	uint8_t    *buf;
	size_t		len;
	pal_error	err;
	int			k;

	(void) state;
	make_data(&ds, 40, 12, 9);
	s = prepare(&ds, g);
	len = pal_supply_encoded_size(s);
	buf = malloc(len);
	pal_supply_encode(s, buf);
	/* little-endian "SUPP" first, whatever the host */
	assert_memory_equal(buf, "SUPP", 4);
	assert_int_equal(pal_supply_decode(buf, len, A, &back, &err), PAL_OK);
	assert_memory_equal((char *) back + 4, (char *) s + 4, pal_supply_size(s) - 4);
	free(back);
	check_decoder(buf, len, dec_supply);
	/* a capacity turned negative with the fingerprint fixed is still refused */
	free(buf);

	for (k = 0; k < 2; k++)
	{
		int			method = k ? PAL_FCA_BFCA : PAL_FCA_2SFCA;

		p = part_of(&ds, s, method, 5, 4326);
		assert_true(p->npairs > 0);
		len = pal_part_encoded_size(p);
		buf = malloc(len);
		pal_part_encode(p, buf);
		check_decoder(buf, len, dec_part);
		free(buf);

		/* sums: dense (every facility reached) and sparse (one row) */
		acc = working(s, method);
		assert_int_equal(pal_sums_add_part(acc, p, &err), PAL_OK);
		flat = malloc(pal_sums_final_size(acc));
		pal_sums_finalize(acc, flat);
		{
			size_t		kk = method == PAL_FCA_BFCA ? 2 : 1;
			size_t		sparse = ((4 * (size_t) p->npairs + 7) & ~(size_t) 7) + 8 * kk * p->npairs;

			assert_int_equal(flat->sparse, sparse < 8 * kk * s->n ? 1 : 0);
		}
		len = pal_sums_encoded_size(flat);
		buf = malloc(len);
		pal_sums_encode(flat, buf);
		check_decoder(buf, len, dec_sums);
		free(buf);
		free(flat);
		free(acc);
		free(p);
	}
	free(s);
	free(g);
	td_free(&ds);
}

/* sums of one row are sparse when few facilities are reached, else dense */
static void
test_sparse_and_dense(void **state)
{
	dataset		ds;
	pal_decay  *g = td_decay("gaussian(110km)");
	pal_supply *s;
	pal_fca    *f;
	int			seen[2] = {0, 0};
	size_t		i;
	pal_error	err;

	(void) state;
	make_data(&ds, 200, 16, 11);
	s = prepare(&ds, g);
	f = engine(s, PAL_FCA_3SFCA);
	for (i = 0; i < ds.n; i++)
	{
		pal_part   *p;
		pal_sums   *acc = working(s, PAL_FCA_3SFCA),
				   *back;
		double		wd[16];

		assert_int_equal(pal_part_build(f, s, PAL_FCA_3SFCA, ds.did[i], 4326, ds.dlon[i], ds.dlat[i],
										ds.w[i], A, &p, &err), PAL_OK);
		assert_int_equal(pal_sums_add_part(acc, p, &err), PAL_OK);
		back = through_wire(acc);
		seen[back->sparse]++;
		pal_sums_dense(back, wd, NULL);
		{
			double		wd2[16];

			pal_sums_dense(acc, wd2, NULL);
			assert_memory_equal(wd, wd2, sizeof(wd));
		}
		free(back);
		free(acc);
		free(p);
	}
	assert_true(seen[0] > 0 && seen[1] > 0);
	pal_fca_destroy(f);
	free(s);
	free(g);
	td_free(&ds);
}

/* no demand rows, no facilities */
static void
test_empty(void **state)
{
	dataset		ds;
	pal_decay  *g = td_decay("gaussian(30km)");
	pal_supply *s;
	pal_fca    *f;
	pal_part   *p;
	pal_sums   *acc,
			   *flat;
	pal_error	err;
	int32_t		c = -1;
	double		a;

	(void) state;
	make_data(&ds, 3, 0, 1);
	{
		pal_points	sup = {0, NULL, NULL, NULL, NULL};

		assert_int_equal(pal_supply_build(&sup, 0, g, A, &s, &err), PAL_OK);
	}
	f = engine(s, PAL_FCA_3SFCA);
	assert_int_equal(pal_part_build(f, s, PAL_FCA_3SFCA, 1, 4326, 139, 35, 10, A, &p, &err), PAL_OK);
	assert_int_equal(p->npairs, 0);
	acc = working(s, PAL_FCA_3SFCA);
	assert_int_equal(pal_sums_add_part(acc, p, &err), PAL_OK);
	flat = through_wire(acc);
	assert_int_equal(flat->rows, 1);
	assert_int_equal(flat->nnz, 0);
	assert_int_equal(pal_fca_point_access(f, 1, 139, 35, 10, NULL, &a, &c, &err), PAL_OK);
	assert_true(a == 0.0);
	assert_int_equal(c, 0);
	free(flat);
	free(acc);
	free(p);
	pal_fca_destroy(f);
	free(s);
	free(g);
	td_free(&ds);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_methods_match_engine),
		cmocka_unit_test(test_mixing_refused),
		cmocka_unit_test(test_build_checks),
		cmocka_unit_test(test_decoders),
		cmocka_unit_test(test_sparse_and_dense),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
