/*
 * testdata.c
 *	  Test data shared by the unit tests of the engine (see testdata.h).
 */
#include "testdata.h"

#include <math.h>

/* the state of td_rnd; each test seeds it before it draws */
static uint64_t rng_state;

pal_decay *
td_decay(const char *s)
{
	pal_decay  *d = NULL;
	pal_error	err;

	assert_int_equal(pal_decay_parse(s, strlen(s), &pal_malloc_allocator, &d, &err), PAL_OK);
	return d;
}

double
td_rnd_r(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double) (*state >> 11) / 9007199254740992.0;
}

void
td_seed(uint64_t seed)
{
	rng_state = seed;
}

double
td_rnd(void)
{
	return td_rnd_r(&rng_state);
}

size_t
td_rndi(size_t k)
{
	size_t		v = (size_t) (td_rnd() * (double) k);

	return v < k ? v : k - 1;
}

void
td_alloc(dataset *ds, size_t n, size_t m)
{
	ds->n = n;
	ds->m = m;
	ds->did = calloc(n + 1, sizeof(int64_t));
	ds->dlon = calloc(n + 1, sizeof(double));
	ds->dlat = calloc(n + 1, sizeof(double));
	ds->w = calloc(n + 1, sizeof(double));
	ds->sid = calloc(m + 1, sizeof(int64_t));
	ds->slon = calloc(m + 1, sizeof(double));
	ds->slat = calloc(m + 1, sizeof(double));
	ds->cap = calloc(m + 1, sizeof(double));
	ds->prio = calloc(m + 1, sizeof(double));
}

void
td_free(dataset *ds)
{
	free(ds->did);
	free(ds->dlon);
	free(ds->dlat);
	free(ds->w);
	free(ds->sid);
	free(ds->slon);
	free(ds->slat);
	free(ds->cap);
	free(ds->prio);
}

pal_points
td_demand(const dataset *ds)
{
	pal_points	p = {ds->n, ds->did, ds->dlon, ds->dlat, ds->w};

	return p;
}

pal_points
td_supply(const dataset *ds)
{
	pal_points	p = {ds->m, ds->sid, ds->slon, ds->slat, ds->cap};

	return p;
}

void
td_supply_point(dataset *ds, size_t i, double spread)
{
	if (i % 7 == 3 && ds->n > 0)
	{
		ds->slon[i] = ds->dlon[i % ds->n];
		ds->slat[i] = ds->dlat[i % ds->n];
	}
	else
	{
		ds->slon[i] = 139.0 + spread * td_rnd();
		ds->slat[i] = 35.0 + spread * td_rnd();
	}
}

void
td_assert_close(double a, double b, double rel, const char *what)
{
	double		scale = fmax(fabs(a), fabs(b));

	if (!(fabs(a - b) <= rel * scale + 1e-9))
		fail_msg("%s: %.17g vs %.17g", what, a, b);
}

int
td_stop_now(void *ctx)
{
	(void) ctx;
	return 1;
}
