/*
 * greedy.c
 *	  Greedy weighted maximum coverage, lazy and plain, over explicit sets or
 *	  over points within a decay's catchment.
 */
#include "engine/greedy.h"

#include <math.h>
#include <string.h>

#include "engine/geodesy.h"

/* a before b in greedy order: larger gain, then smaller key */
static inline int
before(double ga, int64_t ka, double gb, int64_t kb)
{
	return ga > gb || (ga == gb && ka < kb);
}

static pal_status
check_args(const pal_cover_ops *ops, size_t k, pal_greedy_result *res,
		   pal_error *err)
{
	res->npicked = 0;
	res->evaluations = 0;
	if (ops->ncand >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many candidates: %zu",
							 ops->ncand);
	if (k > 0 && (res->pick == NULL || res->gain == NULL))
		return pal_error_set(err, PAL_ERR_VALUE, "no room for the picks");
	return PAL_OK;
}

/* ---- lazy greedy ------------------------------------------------------- */

typedef struct heap_item
{
	double		gain;			/* upper bound (exact when step == now) */
	int64_t		key;
	uint32_t	cand;
	uint32_t	step;			/* step at which gain was computed */
} heap_item;

static inline int
item_before(const heap_item *a, const heap_item *b)
{
	return before(a->gain, a->key, b->gain, b->key);
}

static void
sift_down(heap_item *h, size_t n, size_t i)
{
	heap_item	x = h[i];

	for (;;)
	{
		size_t		c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && item_before(&h[c + 1], &h[c]))
			c++;
		if (!item_before(&h[c], &x))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

pal_status
pal_greedy_lazy(const pal_cover_ops *ops, const int64_t *key, uint8_t *covered,
				size_t k, pal_greedy_result *res, const pal_allocator *alloc,
				pal_error *err)
{
	heap_item  *h;
	size_t		n = 0,
				j;
	pal_status	st;

	if ((st = check_args(ops, k, res, err)) != PAL_OK)
		return st;
	if (k == 0 || ops->ncand == 0)
		return PAL_OK;
	h = pal_alloc_array(alloc, ops->ncand, sizeof(heap_item));
	if (h == NULL)
		return pal_error_nomem(err);

	/* first pass: every candidate's gain against what is covered today */
	for (j = 0; j < ops->ncand; j++)
	{
		double		g = ops->gain(ops->ctx, j, covered);

		res->evaluations++;
		if ((j & 63) == 0 && pal_interrupted(alloc))
		{
			pal_release(alloc, h);
			return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
		}
		if (g > 0.0)
		{
			h[n].gain = g;
			h[n].key = key[j];
			h[n].cand = (uint32_t) j;
			h[n].step = 0;
			n++;
		}
	}
	for (j = n / 2; j > 0; j--)
		sift_down(h, n, j - 1);

	while (res->npicked < k && n > 0)
	{
		uint32_t	now = (uint32_t) res->npicked;
		heap_item  *top = &h[0];

		if (top->step == now)
		{
			/* fresh and still ahead of every upper bound: take it */
			uint32_t	c = top->cand;

			res->pick[res->npicked] = c;
			res->gain[res->npicked] = ops->cover(ops->ctx, c, covered);
			res->npicked++;
			h[0] = h[--n];
			sift_down(h, n, 0);
		}
		else
		{
			double		g = ops->gain(ops->ctx, top->cand, covered);

			res->evaluations++;
			if ((res->evaluations & 63) == 0 && pal_interrupted(alloc))
			{
				pal_release(alloc, h);
				return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
			}
			if (g > 0.0)
			{
				top->gain = g;
				top->step = now;
			}
			else
				h[0] = h[--n];	/* never gains again: drop it */
			sift_down(h, n, 0);
		}
	}
	pal_release(alloc, h);
	return PAL_OK;
}

/* ---- plain greedy ------------------------------------------------------ */

pal_status
pal_greedy_plain(const pal_cover_ops *ops, const int64_t *key, uint8_t *covered,
				 size_t k, pal_greedy_result *res, const pal_allocator *alloc,
				 pal_error *err)
{
	uint8_t    *taken;
	pal_status	st;

	if ((st = check_args(ops, k, res, err)) != PAL_OK)
		return st;
	if (k == 0 || ops->ncand == 0)
		return PAL_OK;
	taken = pal_alloc_array(alloc, ops->ncand, 1);
	if (taken == NULL)
		return pal_error_nomem(err);
	memset(taken, 0, ops->ncand);
	while (res->npicked < k)
	{
		size_t		best = SIZE_MAX,
					j;
		double		bestg = 0.0;

		for (j = 0; j < ops->ncand; j++)
		{
			double		g;

			if (taken[j])
				continue;
			g = ops->gain(ops->ctx, j, covered);
			res->evaluations++;
			if ((j & 63) == 0 && pal_interrupted(alloc))
			{
				pal_release(alloc, taken);
				return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
			}
			if (g > 0.0 && (best == SIZE_MAX || before(g, key[j], bestg, key[best])))
			{
				best = j;
				bestg = g;
			}
		}
		if (best == SIZE_MAX)
			break;				/* nobody adds anything */
		taken[best] = 1;
		res->pick[res->npicked] = (uint32_t) best;
		res->gain[res->npicked] = ops->cover(ops->ctx, best, covered);
		res->npicked++;
	}
	pal_release(alloc, taken);
	return PAL_OK;
}

/* ---- explicit sets ----------------------------------------------------- */

/* the demand set j adds to covered; marks it covered in mark when given */
static inline double
sets_add(const pal_cover_sets *s, size_t j, const uint8_t *covered, uint8_t *mark)
{
	double		g = 0.0;
	size_t		p;

	for (p = s->start[j]; p < s->start[j + 1]; p++)
		if (!covered[s->cell[p]])
		{
			g += s->demand[s->cell[p]];
			if (mark != NULL)
				mark[s->cell[p]] = 1;
		}
	return g;
}

static double
sets_gain(void *ctx, size_t j, const uint8_t *covered)
{
	return sets_add(ctx, j, covered, NULL);
}

static double
sets_cover(void *ctx, size_t j, uint8_t *covered)
{
	return sets_add(ctx, j, covered, covered);
}

pal_cover_ops
pal_cover_sets_ops(const pal_cover_sets *s)
{
	pal_cover_ops ops;

	ops.gain = sets_gain;
	ops.cover = sets_cover;
	ops.ctx = (void *) s;
	ops.ncand = s->ncand;
	ops.ncells = s->ncells;
	return ops;
}

/* ---- points within a catchment ----------------------------------------- */

pal_status
pal_cover_spatial_init(pal_cover_spatial *s, size_t ndemand, const double *lon,
					   const double *lat, const double *weight, size_t ncand,
					   const double *cand_lon, const double *cand_lat,
					   const pal_decay *decay, const pal_allocator *alloc,
					   pal_error *err)
{
	pal_status	st;
	size_t		p;

	memset(s, 0, sizeof(*s));
	/* coverage here is by great-circle distance: there are no costs */
	if (pal_decay_check_costs(decay, 0, err) != PAL_OK)
		return PAL_ERR_VALUE;
	if (ndemand >= UINT32_MAX || ncand >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many points");
	s->ncand = ncand;
	s->cand_lon = cand_lon;
	s->cand_lat = cand_lat;
	st = pal_grid_build(&s->grid, lon, lat, ndemand, pal_catchment_cell(decay),
						alloc, err);
	if (st != PAL_OK)
		return st;
	st = pal_catchment_init(&s->cat, &s->grid, decay, alloc, err);
	s->demand = pal_alloc_array(alloc, ndemand, sizeof(double));
	s->hits = pal_alloc_array(alloc, ndemand, sizeof(uint32_t));
	if (st == PAL_OK && (s->demand == NULL || s->hits == NULL))
		st = pal_error_nomem(err);
	if (st != PAL_OK)
	{
		pal_cover_spatial_free(s, alloc);
		return st;
	}
	for (p = 0; p < ndemand; p++)
		s->demand[p] = weight[s->grid.row[p]];
	return PAL_OK;
}

void
pal_cover_spatial_free(pal_cover_spatial *s, const pal_allocator *alloc)
{
	pal_catchment_free(&s->cat, alloc);
	pal_grid_free(&s->grid, alloc);
	pal_release(alloc, s->demand);
	pal_release(alloc, s->hits);
	s->demand = NULL;
	s->hits = NULL;
}

/*
 * The uncovered demand points within the catchment of (lon, lat): marked
 * when mark is set.  Returns their demand.
 */
static double
spatial_visit(pal_cover_spatial *s, double lon, double lat, uint8_t *covered,
			  int mark)
{
	size_t		n = pal_catchment_scan(&s->cat, lon, lat, covered, 0, s->hits,
									   NULL, NULL),
				k;
	double		sum = 0.0;

	for (k = 0; k < n; k++)
	{
		sum += s->demand[s->hits[k]];
		if (mark)
			covered[s->hits[k]] = 1;
	}
	return sum;
}

static double
spatial_gain(void *ctx, size_t j, const uint8_t *covered)
{
	pal_cover_spatial *s = ctx;

	return spatial_visit(s, s->cand_lon[j], s->cand_lat[j], (uint8_t *) covered, 0);
}

static double
spatial_cover(void *ctx, size_t j, uint8_t *covered)
{
	pal_cover_spatial *s = ctx;

	return spatial_visit(s, s->cand_lon[j], s->cand_lat[j], covered, 1);
}

pal_cover_ops
pal_cover_spatial_ops(pal_cover_spatial *s)
{
	pal_cover_ops ops;

	ops.gain = spatial_gain;
	ops.cover = spatial_cover;
	ops.ctx = s;
	ops.ncand = s->ncand;
	ops.ncells = s->grid.n;
	return ops;
}

double
pal_cover_spatial_mark(pal_cover_spatial *s, size_t n, const double *lon,
					   const double *lat, uint8_t *covered)
{
	double		sum = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
		sum += spatial_visit(s, lon[i], lat[i], covered, 1);
	return sum;
}
