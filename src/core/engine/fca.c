/*
 * fca.c
 *	  Floating-catchment accessibility and k-nearest facilities.
 */
#include "engine/fca.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/geodesy.h"
#include "engine/spindex.h"

/* how many demand rows between interrupt checks */
#define FCA_INTERRUPT_EVERY 256

static const char *const method_names[PAL_FCA__NMETHODS] = {
	"2sfca", "3sfca", "m2sfca", "bfca", "gravity"
};

int
pal_fca_method_lookup(const char *name)
{
	int			m;

	for (m = 0; m < PAL_FCA__NMETHODS; m++)
		if (strcmp(name, method_names[m]) == 0)
			return m;
	return -1;
}

const char *
pal_fca_method_name(int method)
{
	return (method >= 0 && method < PAL_FCA__NMETHODS) ? method_names[method] : "?";
}

static pal_status
interrupt_error(pal_error *err)
{
	return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceling statement due to user request");
}

/* ---- the engine ------------------------------------------------------- */

struct pal_fca
{
	pal_points	demand;
	pal_points	supply;
	pal_decay_eval_ctx dc;
	int			method;
	const pal_costs *costs;
	pal_allocator alloc;
	pal_grid	grid;
	double		angle;			/* catchment, radians */
	double		c2max;			/* squared chord of the catchment, with slack */
	uint32_t   *order;			/* demand rows by place */
	uint32_t   *ranges;
	uint32_t   *nb_row;			/* neighbours of one demand row */
	double	   *nb_w;
	uint64_t	candidates;
	uint64_t	pairs;
};

pal_status
pal_fca_create(const pal_points *demand, const pal_points *supply,
			   const pal_decay *decay, int method, const pal_costs *costs,
			   const pal_allocator *alloc, pal_fca **out, pal_error *err)
{
	pal_fca    *f;
	pal_status	st;
	size_t		i;

	*out = NULL;
	if (method < 0 || method >= PAL_FCA__NMETHODS)
		return pal_error_set(err, PAL_ERR_VALUE, "unknown method %d", method);
	st = pal_decay_check_costs(decay, costs != NULL, err);
	if (st != PAL_OK)
		return st;
	if (demand->n >= UINT32_MAX || supply->n >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many rows");
	f = alloc->alloc(alloc->ctx, sizeof(pal_fca));
	if (f == NULL)
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
	memset(f, 0, sizeof(*f));
	f->demand = *demand;
	f->supply = *supply;
	f->method = method;
	f->costs = costs;
	f->alloc = *alloc;
	pal_decay_prepare(decay, &f->dc);
	f->angle = decay->cutoff / PAL_EARTH_RADIUS;
	f->c2max = f->angle >= PAL_PI ? 5.0 : pal_angle_chord2(f->angle) * (1.0 + 1e-9);

	f->order = pal_alloc_array(alloc, demand->n, sizeof(uint32_t));
	f->nb_row = pal_alloc_array(alloc, supply->n, sizeof(uint32_t));
	f->nb_w = pal_alloc_array(alloc, supply->n, sizeof(double));
	if (!f->order || !f->nb_row || !f->nb_w)
	{
		pal_fca_destroy(f);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < demand->n; i++)
		f->order[i] = (uint32_t) i;
	if (costs == NULL)
	{
		/* cells a third of the catchment: the query box is ~1.6x the disc */
		double		cell = f->angle / PAL_DEG2RAD / 3.0;

		st = pal_grid_build(&f->grid, supply->lon, supply->lat, supply->n,
							cell, alloc, err);
		if (st != PAL_OK)
		{
			pal_fca_destroy(f);
			return st;
		}
		f->ranges = pal_alloc_array(alloc, pal_grid_max_ranges(&f->grid),
								2 * sizeof(uint32_t));
		if (!f->ranges)
		{
			pal_fca_destroy(f);
			return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
		}
		/* process demand by place: order the rows along the grid's cells */
		if (demand->n > 0)
		{
			pal_grid	dg;

			st = pal_grid_build(&dg, demand->lon, demand->lat, demand->n,
								f->grid.cell, alloc, err);
			if (st != PAL_OK)
			{
				pal_fca_destroy(f);
				return st;
			}
			memcpy(f->order, dg.row, demand->n * sizeof(uint32_t));
			pal_grid_free(&dg, alloc);
		}
	}
	*out = f;
	return PAL_OK;
}

void
pal_fca_destroy(pal_fca *f)
{
	pal_allocator a;

	if (f == NULL)
		return;
	a = f->alloc;
	if (f->grid.start)
		pal_grid_free(&f->grid, &a);
	pal_release(&a, f->order);
	pal_release(&a, f->ranges);
	pal_release(&a, f->nb_row);
	pal_release(&a, f->nb_w);
	a.release(a.ctx, f);
}

const uint32_t *
pal_fca_demand_order(const pal_fca *f)
{
	return f->order;
}

void
pal_fca_counters(const pal_fca *f, uint64_t *candidates, uint64_t *pairs)
{
	*candidates = f->candidates;
	*pairs = f->pairs;
}

/*
 * The facilities with a positive weight for demand row i: their rows in
 * nb_row, weights in nb_w.  Returns how many.
 */
static size_t
collect(pal_fca *f, uint32_t i)
{
	const pal_decay_eval_ctx *dc = &f->dc;
	uint32_t   *nb_row = f->nb_row;
	double	   *nb_w = f->nb_w;
	size_t		n = 0;

	if (f->costs != NULL)
	{
		const pal_costs *c = f->costs;
		uint32_t	p,
					e = c->start[i + 1];

		for (p = c->start[i]; p < e; p++)
		{
			double		w = pal_decay_eval(dc, c->cost[p]);

			if (w > 0.0)
			{
				nb_row[n] = c->supply[p];
				nb_w[n] = w;
				n++;
			}
		}
		f->candidates += e - c->start[i];
	}
	else
	{
		const pal_grid *g = &f->grid;
		const double *gx = g->x,
				   *gy = g->y,
				   *gz = g->z;
		const uint32_t *grow = g->row;
		double		lon = f->demand.lon[i],
					lat = f->demand.lat[i];
		double		x,
					y,
					z,
					c2max = f->c2max;
		size_t		nr,
					r;

		pal_unit_vector(lon, lat, &x, &y, &z);
		nr = pal_grid_ranges(g, lon, lat, f->angle, f->ranges);
		for (r = 0; r < nr; r++)
		{
			uint32_t	p = f->ranges[2 * r],
						e = f->ranges[2 * r + 1];

			f->candidates += e - p;
			for (; p < e; p++)
			{
				double		dx = x - gx[p],
							dy = y - gy[p],
							dz = z - gz[p];
				double		c2 = dx * dx + dy * dy + dz * dz;

				if (c2 <= c2max)
				{
					double		d = PAL_EARTH_RADIUS * pal_chord2_angle(c2);
					double		w = pal_decay_eval(dc, d);

					if (w > 0.0)
					{
						nb_row[n] = grow[p];
						nb_w[n] = w;
						n++;
					}
				}
			}
		}
	}
	f->pairs += n;
	return n;
}

pal_status
pal_fca_step1(pal_fca *f, const uint32_t *rows, size_t count,
			  double *wdemand, double *wtotal, pal_error *err)
{
	size_t		t,
				k;

	for (t = 0; t < count; t++)
	{
		uint32_t	i = rows[t];
		double		P = f->demand.value[i];
		size_t		n;
		double		s = 0.0;

		if (t % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(&f->alloc))
			return interrupt_error(err);
		n = collect(f, i);
		if (n == 0)
			continue;
		switch (f->method)
		{
			case PAL_FCA_3SFCA:
				for (k = 0; k < n; k++)
					s += f->nb_w[k];
				for (k = 0; k < n; k++)
					wdemand[f->nb_row[k]] += P * f->nb_w[k] * (f->nb_w[k] / s);
				break;
			case PAL_FCA_BFCA:
				for (k = 0; k < n; k++)
					s += f->nb_w[k];
				for (k = 0; k < n; k++)
				{
					wdemand[f->nb_row[k]] += P * (f->nb_w[k] / s);
					if (wtotal)
						wtotal[f->nb_row[k]] += f->nb_w[k];
				}
				break;
			default:
				for (k = 0; k < n; k++)
					wdemand[f->nb_row[k]] += P * f->nb_w[k];
				break;
		}
	}
	return PAL_OK;
}

void
pal_fca_ratios(const pal_fca *f, const double *wdemand, const double *wtotal,
			   double *ratio, double *factor)
{
	size_t		j;

	for (j = 0; j < f->supply.n; j++)
	{
		double		S = f->supply.value[j];
		double		R;

		if (f->method == PAL_FCA_GRAVITY)
			R = S;
		else
			R = wdemand[j] > 0.0 ? S / wdemand[j] : 0.0;
		if (ratio)
			ratio[j] = R;
		if (factor)
		{
			if (f->method == PAL_FCA_BFCA)
				factor[j] = (wtotal && wtotal[j] > 0.0) ? R / wtotal[j] : 0.0;
			else
				factor[j] = R;
		}
	}
}

pal_status
pal_fca_step2(pal_fca *f, const uint32_t *rows, size_t count,
			  const double *factor, double *access, int32_t *reachable,
			  pal_error *err)
{
	size_t		t,
				k;

	for (t = 0; t < count; t++)
	{
		uint32_t	i = rows[t];
		size_t		n;
		double		a = 0.0;

		if (t % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(&f->alloc))
			return interrupt_error(err);
		n = collect(f, i);
		switch (f->method)
		{
			case PAL_FCA_M2SFCA:
				for (k = 0; k < n; k++)
					a += factor[f->nb_row[k]] * f->nb_w[k] * f->nb_w[k];
				break;
			case PAL_FCA_3SFCA:
				{
					double		s = 0.0;

					for (k = 0; k < n; k++)
						s += f->nb_w[k];
					for (k = 0; k < n; k++)
						a += factor[f->nb_row[k]] * f->nb_w[k] * (f->nb_w[k] / s);
					break;
				}
			default:
				for (k = 0; k < n; k++)
					a += factor[f->nb_row[k]] * f->nb_w[k];
				break;
		}
		if (access)
			access[i] = a;
		if (reachable)
			reachable[i] = (int32_t) n;
	}
	return PAL_OK;
}

pal_status
pal_fca_run(pal_fca *f, double *access, int32_t *reachable, double *ratio,
			double *wdemand, pal_error *err)
{
	size_t		m = f->supply.n;
	double	   *wd,
			   *wt = NULL,
			   *factor;
	pal_status	st;

	wd = pal_alloc_array(&f->alloc, m, sizeof(double));
	factor = pal_alloc_array(&f->alloc, m, sizeof(double));
	if (f->method == PAL_FCA_BFCA)
		wt = pal_alloc_array(&f->alloc, m, sizeof(double));
	if (!wd || !factor || (f->method == PAL_FCA_BFCA && !wt))
	{
		pal_release(&f->alloc, wd);
		pal_release(&f->alloc, factor);
		pal_release(&f->alloc, wt);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
	}
	memset(wd, 0, m * sizeof(double));
	if (wt)
		memset(wt, 0, m * sizeof(double));
	st = pal_fca_step1(f, f->order, f->demand.n, wd, wt, err);
	if (st == PAL_OK)
	{
		pal_fca_ratios(f, wd, wt, ratio, factor);
		if (wdemand)
			memcpy(wdemand, wd, m * sizeof(double));
		if (access || reachable)
			st = pal_fca_step2(f, f->order, f->demand.n, factor, access,
							   reachable, err);
	}
	pal_release(&f->alloc, wd);
	pal_release(&f->alloc, factor);
	pal_release(&f->alloc, wt);
	return st;
}

/* ---- k nearest -------------------------------------------------------- */

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

pal_status
pal_nearest(const pal_points *demand, const pal_points *supply, size_t k,
			double max_dist, const pal_costs *costs, pal_nearest_emit emit,
			void *arg, const pal_allocator *alloc, pal_error *err)
{
	size_t		i,
				t,
				m = supply->n;
	pal_status	st = PAL_OK;

	if (k > m)
		k = m;
	if (k == 0 || demand->n == 0)
		return PAL_OK;

	if (costs != NULL)
	{
		near_cand  *cand = pal_alloc_array(alloc, m, sizeof(near_cand));

		if (!cand)
			return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
		for (i = 0; i < demand->n && st == PAL_OK; i++)
		{
			uint32_t	a = costs->start[i],
						b = costs->start[i + 1],
						p;
			size_t		n = 0;

			if (i % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(alloc))
			{
				st = interrupt_error(err);
				break;
			}
			for (p = a; p < b; p++)
			{
				if (!(costs->cost[p] <= max_dist))
					continue;
				cand[n].cost = costs->cost[p];
				cand[n].row = costs->supply[p];
				cand[n].id = supply->id[costs->supply[p]];
				n++;
			}
			qsort(cand, n, sizeof(near_cand), cmp_near_cand);
			for (t = 0; t < n && t < k; t++)
				if (emit(arg, (uint32_t) i, cand[t].row, (int32_t) (t + 1),
						 cand[t].cost))
				{
					st = interrupt_error(err);
					break;
				}
		}
		pal_release(alloc, cand);
		return st;
	}
	else
	{
		pal_grid	g;
		int64_t    *key = NULL;
		uint32_t   *pos = NULL;
		double	   *c2 = NULL;
		double		max_angle = max_dist >= PAL_PI * PAL_EARTH_RADIUS ?
			PAL_PI : max_dist / PAL_EARTH_RADIUS;

		st = pal_grid_build(&g, supply->lon, supply->lat, m,
							pal_grid_knn_cell(supply->lon, supply->lat, m),
							alloc, err);
		if (st != PAL_OK)
			return st;
		key = pal_alloc_array(alloc, m, sizeof(int64_t));
		pos = pal_alloc_array(alloc, k, sizeof(uint32_t));
		c2 = pal_alloc_array(alloc, k, sizeof(double));
		if (!key || !pos || !c2)
			st = pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
		else
			for (t = 0; t < m; t++)
				key[t] = supply->id[g.row[t]];
		for (i = 0; i < demand->n && st == PAL_OK; i++)
		{
			size_t		n;
			int32_t		rank = 0;

			if (i % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(alloc))
			{
				st = interrupt_error(err);
				break;
			}
			n = pal_grid_knn(&g, demand->lon[i], demand->lat[i], k, max_angle,
							 key, pos, c2);
			for (t = 0; t < n; t++)
			{
				double		d = PAL_EARTH_RADIUS * pal_chord2_angle(c2[t]);

				if (!(d <= max_dist))
					continue;
				if (emit(arg, (uint32_t) i, g.row[pos[t]], ++rank, d))
				{
					st = interrupt_error(err);
					break;
				}
			}
		}
		pal_release(alloc, key);
		pal_release(alloc, pos);
		pal_release(alloc, c2);
		pal_grid_free(&g, alloc);
		return st;
	}
}
