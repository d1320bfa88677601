/*
 * nearest.c
 *	  The k nearest facilities of every demand point (see nearest.h).
 */
#include "engine/nearest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/catchment.h"
#include "engine/geodesy.h"
#include "engine/spindex.h"

/* how many demand rows between interrupt checks */
#define NEAREST_INTERRUPT_EVERY 256

typedef struct near_cand
{
	double		cost;
	int64_t		id;
	uint32_t	row;
} near_cand;

static int
cmp_near_cand(const void *a, const void *b)
{
	const near_cand *x = a,
			   *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* one nearest search: the inputs, the output and the scratch of a call */
typedef struct nearest_call
{
	const pal_points *demand;
	const pal_points *supply;
	size_t		k;
	double		max_dist;
	pal_nearest_emit emit;
	void	   *arg;
	const pal_allocator *alloc;
	pal_error  *err;
	near_cand  *cand;			/* supply->n entries */
} nearest_call;

/* sort the n candidates of demand row i and emit the first k */
static pal_status
emit_sorted(nearest_call *c, uint32_t i, size_t n)
{
	size_t		t;

	qsort(c->cand, n, sizeof(near_cand), cmp_near_cand);
	for (t = 0; t < n && t < c->k; t++)
		if (c->emit(c->arg, i, c->cand[t].row, (int32_t) (t + 1), c->cand[t].cost))
			return pal_error_interrupted(c->err);
	return PAL_OK;
}

/* through sparse costs: the pairs of each demand row within reach */
static pal_status
nearest_costs(nearest_call *c, const pal_costs *costs, const pal_decay *decay)
{
	pal_decay_eval_ctx dc;
	size_t		i;
	pal_status	st = PAL_OK;

	if (decay)
		pal_decay_prepare(decay, &dc);
	for (i = 0; i < c->demand->n && st == PAL_OK; i++)
	{
		uint32_t	p;
		size_t		n = 0;

		if (i % NEAREST_INTERRUPT_EVERY == 0 && pal_interrupted(c->alloc))
			return pal_error_interrupted(c->err);
		for (p = costs->start[i]; p < costs->start[i + 1]; p++)
		{
			double		cost = costs->cost[p];

			if (!(cost <= c->max_dist) || (decay && !(pal_decay_eval(&dc, cost) > 0.0)))
				continue;
			c->cand[n].cost = cost;
			c->cand[n].row = costs->supply[p];
			c->cand[n].id = c->supply->id[costs->supply[p]];
			n++;
		}
		st = emit_sorted(c, (uint32_t) i, n);
	}
	return st;
}

/* with a decay: the facilities within its catchment (weight > 0) */
static pal_status
nearest_catchment(nearest_call *c, const pal_decay *decay)
{
	pal_grid	g;
	pal_catchment cat;
	uint32_t   *pos = pal_alloc_array(c->alloc, c->supply->n, sizeof(uint32_t));
	double	   *dist = pal_alloc_array(c->alloc, c->supply->n, sizeof(double));
	pal_status	st;
	size_t		i,
				t,
				m;

	memset(&g, 0, sizeof(g));
	memset(&cat, 0, sizeof(cat));
	st = (pos && dist) ? PAL_OK : pal_error_nomem(c->err);
	if (st == PAL_OK)
		st = pal_grid_build(&g, c->supply->lon, c->supply->lat, c->supply->n,
							pal_catchment_cell(decay), c->alloc, c->err);
	if (st == PAL_OK)
		st = pal_catchment_init(&cat, &g, decay, c->alloc, c->err);
	for (i = 0; i < c->demand->n && st == PAL_OK; i++)
	{
		size_t		n;

		if (i % NEAREST_INTERRUPT_EVERY == 0 && pal_interrupted(c->alloc))
		{
			st = pal_error_interrupted(c->err);
			break;
		}
		n = pal_catchment_scan(&cat, c->demand->lon[i], c->demand->lat[i], NULL, 1,
							   pos, dist, NULL);
		/* within the distance limit too */
		for (t = 0, m = 0; t < n; t++)
		{
			if (!(dist[t] <= c->max_dist))
				continue;
			c->cand[m].cost = dist[t];
			c->cand[m].row = pos[t];
			c->cand[m].id = c->supply->id[c->cand[m].row];
			m++;
		}
		n = m;
		st = emit_sorted(c, (uint32_t) i, n);
	}
	pal_catchment_free(&cat, c->alloc);
	if (g.start)
		pal_grid_free(&g, c->alloc);
	pal_release(c->alloc, pos);
	pal_release(c->alloc, dist);
	return st;
}

/* without a decay: a k-nearest search of a grid over the supply */
static pal_status
nearest_knn(nearest_call *c)
{
	pal_grid	g;
	int64_t    *key = NULL;
	uint32_t   *pos = NULL;
	double	   *c2 = NULL;
	double		max_angle = c->max_dist >= PAL_PI * PAL_EARTH_RADIUS ?
		PAL_PI : c->max_dist / PAL_EARTH_RADIUS;
	size_t		i,
				t,
				m = c->supply->n;
	pal_status	st;

	st = pal_grid_build(&g, c->supply->lon, c->supply->lat, m,
						pal_grid_knn_cell(c->supply->lon, c->supply->lat, m),
						c->alloc, c->err);
	if (st != PAL_OK)
		return st;
	key = pal_alloc_array(c->alloc, m, sizeof(int64_t));
	pos = pal_alloc_array(c->alloc, c->k, sizeof(uint32_t));
	c2 = pal_alloc_array(c->alloc, c->k, sizeof(double));
	if (!key || !pos || !c2)
		st = pal_error_nomem(c->err);
	else
		for (t = 0; t < m; t++)
			key[t] = c->supply->id[g.row[t]];
	for (i = 0; i < c->demand->n && st == PAL_OK; i++)
	{
		size_t		n;
		int32_t		rank = 0;

		if (i % NEAREST_INTERRUPT_EVERY == 0 && pal_interrupted(c->alloc))
		{
			st = pal_error_interrupted(c->err);
			break;
		}
		n = pal_grid_knn(&g, c->demand->lon[i], c->demand->lat[i], c->k, max_angle,
						 key, pos, c2);
		for (t = 0; t < n && st == PAL_OK; t++)
		{
			double		d = PAL_EARTH_RADIUS * pal_chord2_angle(c2[t]);

			if (!(d <= c->max_dist))
				continue;
			if (c->emit(c->arg, (uint32_t) i, g.row[pos[t]], ++rank, d))
				st = pal_error_interrupted(c->err);
		}
	}
	pal_release(c->alloc, key);
	pal_release(c->alloc, pos);
	pal_release(c->alloc, c2);
	pal_grid_free(&g, c->alloc);
	return st;
}

pal_status
pal_nearest(const pal_points *demand, const pal_points *supply, size_t k,
			double max_dist, const pal_decay *decay, const pal_costs *costs,
			pal_nearest_emit emit, void *arg, const pal_allocator *alloc,
			pal_error *err)
{
	nearest_call c;
	pal_status	st;

	if (decay && pal_decay_check_costs(decay, costs != NULL, err) != PAL_OK)
		return PAL_ERR_VALUE;
	if (k > supply->n)
		k = supply->n;
	if (k == 0 || demand->n == 0)
		return PAL_OK;
	c.demand = demand;
	c.supply = supply;
	c.k = k;
	c.max_dist = max_dist;
	c.emit = emit;
	c.arg = arg;
	c.alloc = alloc;
	c.err = err;
	if (costs == NULL && decay == NULL)
		return nearest_knn(&c);
	c.cand = pal_alloc_array(alloc, supply->n, sizeof(near_cand));
	if (c.cand == NULL)
		return pal_error_nomem(err);
	if (costs != NULL)
		st = nearest_costs(&c, costs, decay);
	else
		st = nearest_catchment(&c, decay);
	pal_release(alloc, c.cand);
	return st;
}
