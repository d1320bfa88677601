/*
 * fca.c
 *	  Floating-catchment accessibility and k-nearest facilities.
 */
#include "engine/fca.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/catchment.h"
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

/* ---- the engine ------------------------------------------------------- */

struct pal_fca
{
	pal_points	demand;
	pal_points	supply;
	pal_decay_eval_ctx dc;		/* weights of costs, with cost_sql */
	int			method;
	const pal_costs *costs;
	pal_allocator alloc;
	pal_grid	grid;			/* over the supply, without costs */
	pal_catchment cat;			/* scans of that grid */
	uint32_t   *order;			/* demand rows by place */
	uint32_t   *nb_row;			/* neighbours of one demand row: supply */
	double	   *nb_w;			/* rows and weights */
	double	   *nb_t1;			/* their step-1 terms (one point at a time) */
	uint64_t	candidates;		/* cost pairs looked at */
	uint64_t	pairs;
};

/* the grid and catchment over the supply, and the demand rows by place */
static pal_status
fca_index(pal_fca *f, const pal_decay *decay, const pal_allocator *alloc,
		  pal_error *err)
{
	pal_status	st;
	pal_grid	dg;

	st = pal_grid_build(&f->grid, f->supply.lon, f->supply.lat, f->supply.n,
						pal_catchment_cell(decay), alloc, err);
	if (st == PAL_OK)
		st = pal_catchment_init(&f->cat, &f->grid, decay, alloc, err);
	if (st != PAL_OK || f->demand.n == 0)
		return st;
	/* process demand by place: order the rows along the grid's cells */
	st = pal_grid_build(&dg, f->demand.lon, f->demand.lat, f->demand.n,
						f->grid.cell, alloc, err);
	if (st != PAL_OK)
		return st;
	memcpy(f->order, dg.row, f->demand.n * sizeof(uint32_t));
	pal_grid_free(&dg, alloc);
	return PAL_OK;
}

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
		return pal_error_nomem(err);
	memset(f, 0, sizeof(*f));
	f->demand = *demand;
	f->supply = *supply;
	f->method = method;
	f->costs = costs;
	f->alloc = *alloc;
	pal_decay_prepare(decay, &f->dc);
	f->order = pal_alloc_array(alloc, demand->n, sizeof(uint32_t));
	f->nb_row = pal_alloc_array(alloc, supply->n, sizeof(uint32_t));
	f->nb_w = pal_alloc_array(alloc, supply->n, sizeof(double));
	f->nb_t1 = pal_alloc_array(alloc, supply->n, sizeof(double));
	if (!f->order || !f->nb_row || !f->nb_w || !f->nb_t1)
	{
		pal_fca_destroy(f);
		return pal_error_nomem(err);
	}
	for (i = 0; i < demand->n; i++)
		f->order[i] = (uint32_t) i;
	if (costs == NULL && (st = fca_index(f, decay, alloc, err)) != PAL_OK)
	{
		pal_fca_destroy(f);
		return st;
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
	pal_catchment_free(&f->cat, &a);
	if (f->grid.start)
		pal_grid_free(&f->grid, &a);
	pal_release(&a, f->order);
	pal_release(&a, f->nb_row);
	pal_release(&a, f->nb_w);
	pal_release(&a, f->nb_t1);
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
	*candidates = f->candidates + f->cat.candidates;
	*pairs = f->pairs;
}

/*
 * The facilities with a positive weight from the point (lon, lat), by
 * great-circle distance: their rows in nb_row, weights in nb_w.  Returns how
 * many.
 */
static size_t
collect_at(pal_fca *f, double lon, double lat)
{
	size_t		n = pal_catchment_scan(&f->cat, lon, lat, NULL, 1, f->nb_row,
									   NULL, f->nb_w);

	f->pairs += n;
	return n;
}

/*
 * The facilities with a positive weight for demand row i: their rows in
 * nb_row, weights in nb_w.  Returns how many.
 */
static size_t
collect(pal_fca *f, uint32_t i)
{
	const pal_decay_eval_ctx *dc = &f->dc;
	const pal_costs *c = f->costs;
	uint32_t	p,
				e;
	size_t		n = 0;

	if (c == NULL)
		return collect_at(f, f->demand.lon[i], f->demand.lat[i]);
	e = c->start[i + 1];
	for (p = c->start[i]; p < e; p++)
	{
		double		w = pal_decay_eval(dc, c->cost[p]);

		if (w > 0.0)
		{
			f->nb_row[n] = c->supply[p];
			f->nb_w[n] = w;
			n++;
		}
	}
	f->candidates += e - c->start[i];
	f->pairs += n;
	return n;
}

/*
 * What a demand row of weight P adds to the step-1 sum of a facility of
 * weight w, s the sum of its weights (3sfca and bfca): the one formula of
 * step 1, inlined into each loop that uses it.
 */
static inline double
step1_term(int method, double P, double w, double s)
{
	switch (method)
	{
		case PAL_FCA_3SFCA:
			return P * w * (w / s);
		case PAL_FCA_BFCA:
			return P * (w / s);
		default:
			return P * w;
	}
}

/* the sum of the n weights in nb_w, for the methods that need it */
static inline double
weight_sum(const pal_fca *f, size_t n)
{
	double		s = 0.0;
	size_t		k;

	if (f->method == PAL_FCA_3SFCA || f->method == PAL_FCA_BFCA)
		for (k = 0; k < n; k++)
			s += f->nb_w[k];
	return s;
}

pal_status
pal_fca_step1(pal_fca *f, const uint32_t *rows, size_t count,
			  double *wdemand, double *wtotal, pal_error *err)
{
	const int	method = f->method;
	size_t		t,
				k;

	for (t = 0; t < count; t++)
	{
		uint32_t	i = rows[t];
		double		P = f->demand.value[i],
					s;
		size_t		n;

		if (t % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(&f->alloc))
			return pal_error_interrupted(err);
		n = collect(f, i);
		if (n == 0)
			continue;
		s = weight_sum(f, n);
		for (k = 0; k < n; k++)
			wdemand[f->nb_row[k]] += step1_term(method, P, f->nb_w[k], s);
		if (wtotal && method == PAL_FCA_BFCA)
			for (k = 0; k < n; k++)
				wtotal[f->nb_row[k]] += f->nb_w[k];
	}
	return PAL_OK;
}

/*
 * A result that is not a finite number, or a weighted demand too small to
 * divide by, is an error naming the row: never Infinity or NaN in a result.
 */
static pal_status
supply_range_error(const pal_fca *f, size_t j, const char *what, double v,
				   int underflow, pal_error *err)
{
	pal_error_set(err, PAL_ERR_RANGE, "%s of supply row with id %" PRId64 " %s",
				  what, f->supply.id[j], underflow ? "underflows" : "overflows");
	if (underflow)
		pal_error_detail(err, "The demand weights times decay weights within its catchment sum to %g, "
						 "below 2.2e-308, so capacity over weighted demand cannot be computed.", v);
	else
		pal_error_detail(err, "Its capacity is %g; the weighted demand it reaches is %g, "
						 "and the result exceeds the range of double precision (1.8e308).",
						 f->supply.value[j], v);
	pal_error_hint(err, "Check the demand weights and capacities for values far from the others.");
	return PAL_ERR_RANGE;
}

pal_status
pal_fca_ratios(const pal_fca *f, const double *wdemand, const double *wtotal,
			   double *ratio, double *factor, pal_error *err)
{
	size_t		j;

	for (j = 0; j < f->supply.n; j++)
	{
		double		S = f->supply.value[j];
		double		R,
					F;

		if (!isfinite(wdemand[j]))
			return supply_range_error(f, j, "weighted demand", wdemand[j], 0, err);
		if (wdemand[j] > 0.0 && wdemand[j] < DBL_MIN)
			return supply_range_error(f, j, "weighted demand", wdemand[j], 1, err);
		if (f->method == PAL_FCA_GRAVITY)
			R = S;
		else
			R = wdemand[j] > 0.0 ? S / wdemand[j] : 0.0;
		if (!isfinite(R))
			return supply_range_error(f, j, "ratio", wdemand[j], 0, err);
		F = R;
		if (f->method == PAL_FCA_BFCA)
			F = (wtotal && wtotal[j] > 0.0) ? R / wtotal[j] : 0.0;
		if (!isfinite(F))
			return supply_range_error(f, j, "balanced ratio", wdemand[j], 0, err);
		if (ratio)
			ratio[j] = R;
		if (factor)
			factor[j] = F;
	}
	return PAL_OK;
}

/*
 * A demand row (id, weight P) reaches (among its n neighbours) a facility
 * with capacity but a factor of 0: its weighted demand rounded to 0
 * although the row's demand weight and decay weight are positive, an
 * underflow.
 */
static pal_status
check_underflow(const pal_fca *f, int64_t id, double P, size_t n,
				const double *factor, pal_error *err)
{
	size_t		k;

	if (f->method == PAL_FCA_GRAVITY || !(P > 0.0))
		return PAL_OK;
	for (k = 0; k < n; k++)
	{
		uint32_t	j = f->nb_row[k];

		if (factor[j] == 0.0 && f->supply.value[j] > 0.0)
		{
			pal_error_set(err, PAL_ERR_RANGE, "weighted demand of supply row with id %" PRId64 " underflows",
						  f->supply.id[j]);
			pal_error_detail(err, "Demand row with id %" PRId64 " (weight %g) has decay weight %g for it, "
							 "but their product rounds to 0, so capacity over weighted demand cannot be computed.",
							 id, P, f->nb_w[k]);
			pal_error_hint(err, "Check the demand weights for values far from the others.");
			return PAL_ERR_RANGE;
		}
	}
	return PAL_OK;
}

/*
 * Step 2 for one demand row (id, weight P) whose n facilities are in
 * nb_row/nb_w: its access, with the checks every access gets (an underflow
 * hidden in a factor of 0, a result that is not finite).
 */
static inline pal_status
row_access(const pal_fca *f, int64_t id, double P, size_t n,
		   const double *factor, double *access, pal_error *err)
{
	const uint32_t *row = f->nb_row;
	const double *w = f->nb_w;
	double		a = 0.0;
	int			zero = 0;
	size_t		k;

	switch (f->method)
	{
		case PAL_FCA_M2SFCA:
			for (k = 0; k < n; k++)
			{
				a += factor[row[k]] * w[k] * w[k];
				zero |= factor[row[k]] == 0.0;
			}
			break;
		case PAL_FCA_3SFCA:
			{
				double		s = 0.0;

				for (k = 0; k < n; k++)
					s += w[k];
				for (k = 0; k < n; k++)
				{
					a += factor[row[k]] * w[k] * (w[k] / s);
					zero |= factor[row[k]] == 0.0;
				}
				break;
			}
		default:
			for (k = 0; k < n; k++)
			{
				a += factor[row[k]] * w[k];
				zero |= factor[row[k]] == 0.0;
			}
			break;
	}
	if (zero && check_underflow(f, id, P, n, factor, err) != PAL_OK)
		return PAL_ERR_RANGE;
	if (!isfinite(a))
	{
		pal_error_set(err, PAL_ERR_RANGE, "access of demand row with id %" PRId64 " overflows", id);
		pal_error_detail(err, "The sum over the %zu facilities within its catchment exceeds the range of double precision (1.8e308).", n);
		pal_error_hint(err, "Check the capacities for values far from the others.");
		return PAL_ERR_RANGE;
	}
	*access = a;
	return PAL_OK;
}

pal_status
pal_fca_step2(pal_fca *f, const uint32_t *rows, size_t count,
			  const double *factor, double *access, int32_t *reachable,
			  pal_error *err)
{
	size_t		t;

	for (t = 0; t < count; t++)
	{
		uint32_t	i = rows[t];
		size_t		n;
		double		a;

		if (t % FCA_INTERRUPT_EVERY == 0 && pal_interrupted(&f->alloc))
			return pal_error_interrupted(err);
		n = collect(f, i);
		if (row_access(f, f->demand.id[i], f->demand.value[i], n, factor, &a, err) != PAL_OK)
			return PAL_ERR_RANGE;
		if (access)
			access[i] = a;
		if (reachable)
			reachable[i] = (int32_t) n;
	}
	return PAL_OK;
}

/* ---- one demand point at a time --------------------------------------- */

size_t
pal_fca_point_step1(pal_fca *f, double lon, double lat, double weight,
					const uint32_t **rows, const double **wd,
					const double **wt)
{
	size_t		n = collect_at(f, lon, lat),
				k;
	double		s = weight_sum(f, n);

	for (k = 0; k < n; k++)
		f->nb_t1[k] = step1_term(f->method, weight, f->nb_w[k], s);
	*rows = f->nb_row;
	*wd = f->nb_t1;
	if (wt)
		*wt = f->method == PAL_FCA_BFCA ? f->nb_w : NULL;
	return n;
}

pal_status
pal_fca_point_access(pal_fca *f, int64_t id, double lon, double lat,
					 double weight, const double *factor, double *access,
					 int32_t *reachable, pal_error *err)
{
	size_t		n = collect_at(f, lon, lat);

	if (reachable)
		*reachable = (int32_t) n;
	return row_access(f, id, weight, n, factor, access, err);
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
		return pal_error_nomem(err);
	}
	memset(wd, 0, m * sizeof(double));
	if (wt)
		memset(wt, 0, m * sizeof(double));
	st = pal_fca_step1(f, f->order, f->demand.n, wd, wt, err);
	if (st == PAL_OK)
		st = pal_fca_ratios(f, wd, wt, ratio, factor, err);
	if (st == PAL_OK)
	{
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
