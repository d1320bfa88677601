/*
 * capacity.c
 *	  Capacity-constrained coverage, spatial availability and cost to
 *	  capacity (see capacity.h).
 */
#include "engine/capacity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/catchment.h"
#include "engine/geodesy.h"
#include "engine/spindex.h"

/* demand rows between interrupt checks */
#define CAP_INTERRUPT_ROWS 256

static const char *const allocation_names[PAL_ALLOC__COUNT] = {
	"optimal", "sequential"
};

int
pal_allocation_lookup(const char *name)
{
	int			a;

	for (a = 0; a < PAL_ALLOC__COUNT; a++)
		if (strcmp(name, allocation_names[a]) == 0)
			return a;
	return -1;
}

const char *
pal_allocation_name(int allocation)
{
	return (allocation >= 0 && allocation < PAL_ALLOC__COUNT) ?
		allocation_names[allocation] : "?";
}

/* ---- canonical order -------------------------------------------------- */

/*
 * Input rows in id order (perm[k]: the row with the k-th smallest id) and,
 * when inv is not NULL, the inverse.  Duplicate ids: PAL_ERR_UNIQUE.
 */
static pal_status
id_order(const pal_points *pts, const char *what, uint32_t **perm,
		 uint32_t **inv, const pal_allocator *alloc, pal_error *err)
{
	pal_idmap	map;
	pal_status	st;
	size_t		k;

	*perm = NULL;
	if (inv)
		*inv = NULL;
	st = pal_idmap_build(&map, pts->id, pts->n, what, alloc, err);
	if (st != PAL_OK)
		return st;
	*perm = map.row;
	map.row = NULL;
	pal_idmap_free(&map, alloc);
	if (inv)
	{
		*inv = pal_alloc_array(alloc, pts->n, sizeof(uint32_t));
		if (!*inv)
		{
			pal_release(alloc, *perm);
			*perm = NULL;
			return pal_error_nomem(err);
		}
		for (k = 0; k < pts->n; k++)
			(*inv)[(*perm)[k]] = (uint32_t) k;
	}
	return PAL_OK;
}

/* ---- the pairs of one demand row -------------------------------------- */

typedef struct col_cost
{
	uint32_t	col;
	double		cost;
} col_cost;

typedef struct scanner
{
	const pal_points *demand;
	const pal_costs *costs;
	const uint32_t *sinv;		/* supply input row -> column */
	pal_decay_eval_ctx dc;		/* with costs */
	pal_grid	grid;			/* without: the supply in column order */
	pal_catchment cat;
	int			has_grid;
	col_cost   *scratch;		/* nsupply, for sorting cost rows */
	uint64_t	candidates;
} scanner;

static int
cmp_col_cost(const void *a, const void *b)
{
	const col_cost *x = a,
			   *y = b;

	return (x->col > y->col) - (x->col < y->col);
}

static void
scanner_free(scanner *sc, const pal_allocator *alloc)
{
	if (sc->has_grid)
	{
		pal_catchment_free(&sc->cat, alloc);
		pal_grid_free(&sc->grid, alloc);
	}
	pal_release(alloc, sc->scratch);
	memset(sc, 0, sizeof(*sc));
}

/* a grid over the supply points in column order (srow: column -> input row) */
static pal_status
scanner_grid(scanner *sc, const pal_points *supply, const pal_decay *decay,
			 const uint32_t *srow, const pal_allocator *alloc, pal_error *err)
{
	double	   *lon = pal_alloc_array(alloc, supply->n, sizeof(double));
	double	   *lat = pal_alloc_array(alloc, supply->n, sizeof(double));
	size_t		k;
	pal_status	st;

	if (!lon || !lat)
	{
		pal_release(alloc, lon);
		pal_release(alloc, lat);
		return pal_error_nomem(err);
	}
	for (k = 0; k < supply->n; k++)
	{
		lon[k] = supply->lon[srow[k]];
		lat[k] = supply->lat[srow[k]];
	}
	st = pal_grid_build(&sc->grid, lon, lat, supply->n,
						pal_catchment_cell(decay), alloc, err);
	pal_release(alloc, lon);
	pal_release(alloc, lat);
	if (st != PAL_OK)
		return st;
	st = pal_catchment_init(&sc->cat, &sc->grid, decay, alloc, err);
	if (st != PAL_OK)
	{
		pal_grid_free(&sc->grid, alloc);
		return st;
	}
	sc->has_grid = 1;
	return PAL_OK;
}

/*
 * Prepare to scan within the decay's reach (weight > 0): with costs, the
 * column of each supply row; without, a catchment over a grid of the supply.
 */
static pal_status
scanner_init(scanner *sc, const pal_points *demand, const pal_points *supply,
			 const pal_decay *decay, const pal_costs *costs,
			 const uint32_t *srow, const uint32_t *sinv,
			 const pal_allocator *alloc, pal_error *err)
{
	pal_status	st;

	memset(sc, 0, sizeof(*sc));
	sc->demand = demand;
	sc->costs = costs;
	sc->sinv = sinv;
	st = pal_decay_check_costs(decay, costs != NULL, err);
	if (st != PAL_OK)
		return st;
	pal_decay_prepare(decay, &sc->dc);
	sc->scratch = pal_alloc_array(alloc, supply->n, sizeof(col_cost));
	if (!sc->scratch)
		st = pal_error_nomem(err);
	else if (!costs)
		st = scanner_grid(sc, supply, decay, srow, alloc, err);
	if (st != PAL_OK)
		scanner_free(sc, alloc);
	return st;
}

/*
 * The pairs within reach of demand input row r: columns and costs, columns
 * increasing with costs, in grid order otherwise (both depend only on the
 * columns' ids and places).  Returns how many.
 */
static size_t
scan_row(scanner *sc, uint32_t r, uint32_t *col, double *cost)
{
	size_t		n = 0,
				k;

	if (sc->costs)
	{
		const pal_costs *c = sc->costs;
		uint32_t	p;

		for (p = c->start[r]; p < c->start[r + 1]; p++)
			if (pal_decay_eval(&sc->dc, c->cost[p]) > 0.0)
			{
				sc->scratch[n].col = sc->sinv[c->supply[p]];
				sc->scratch[n].cost = c->cost[p];
				n++;
			}
		sc->candidates += c->start[r + 1] - c->start[r];
		if (n > 1)
			qsort(sc->scratch, n, sizeof(col_cost), cmp_col_cost);
		for (k = 0; k < n; k++)
		{
			col[k] = sc->scratch[k].col;
			cost[k] = sc->scratch[k].cost;
		}
		return n;
	}
	/* the grid's input rows are the columns */
	return pal_catchment_scan(&sc->cat, sc->demand->lon[r], sc->demand->lat[r],
							  NULL, 1, col, cost, NULL);
}

/* ---- the pairs within reach ------------------------------------------- */

void
pal_reach_free(pal_reach *reach, const pal_allocator *alloc)
{
	pal_pairs_free(&reach->pairs, alloc);
	pal_release(alloc, reach->drow);
	pal_release(alloc, reach->srow);
	memset(reach, 0, sizeof(*reach));
}

/* count (col NULL) or fill the pairs of every row */
static pal_status
reach_pass(scanner *sc, pal_reach *reach, uint32_t *col, double *cost,
		   const pal_allocator *alloc, pal_error *err)
{
	pal_pairs  *g = &reach->pairs;
	size_t		k;

	for (k = 0; k < g->nrows; k++)
	{
		size_t		n;

		if (k % CAP_INTERRUPT_ROWS == 0 && pal_interrupted(alloc))
			return pal_error_interrupted(err);
		if (col == NULL)
		{
			n = scan_row(sc, reach->drow[k], g->col, g->cost);
			g->start[k + 1] = g->start[k] + n;
		}
		else
			scan_row(sc, reach->drow[k], col + g->start[k], cost + g->start[k]);
	}
	return PAL_OK;
}

pal_status
pal_reach_build(const pal_points *demand, const pal_points *supply,
				const pal_decay *decay, const pal_costs *costs,
				pal_reach *reach, const pal_allocator *alloc, pal_error *err)
{
	pal_pairs  *g = &reach->pairs;
	uint32_t   *sinv = NULL;
	scanner		sc;
	pal_status	st;

	memset(reach, 0, sizeof(*reach));
	st = id_order(demand, "demand", &reach->drow, NULL, alloc, err);
	if (st == PAL_OK)
		st = id_order(supply, "supply", &reach->srow, &sinv, alloc, err);
	if (st == PAL_OK)
		st = scanner_init(&sc, demand, supply, decay, costs, reach->srow, sinv,
						  alloc, err);
	if (st != PAL_OK)
	{
		pal_release(alloc, sinv);
		pal_reach_free(reach, alloc);
		return st;
	}
	g->nrows = demand->n;
	g->ncols = supply->n;
	g->start = pal_alloc_array(alloc, demand->n + 1, sizeof(size_t));
	/* the first pass writes each row's pairs to these, one row at a time */
	g->col = pal_alloc_array(alloc, supply->n, sizeof(uint32_t));
	g->cost = pal_alloc_array(alloc, supply->n, sizeof(double));
	if (!g->start || !g->col || !g->cost)
		st = pal_error_nomem(err);
	else
	{
		g->start[0] = 0;
		st = reach_pass(&sc, reach, NULL, NULL, alloc, err);
	}
	if (st == PAL_OK)
	{
		pal_release(alloc, g->col);
		pal_release(alloc, g->cost);
		g->npairs = g->start[g->nrows];
		g->col = pal_alloc_array(alloc, g->npairs, sizeof(uint32_t));
		g->cost = pal_alloc_array(alloc, g->npairs, sizeof(double));
		if (!g->col || !g->cost)
			st = pal_error_nomem(err);
		else
			st = reach_pass(&sc, reach, g->col, g->cost, alloc, err);
	}
	/* two passes looked at every candidate twice */
	reach->candidates = (sc.candidates + sc.cat.candidates) / 2;
	scanner_free(&sc, alloc);
	pal_release(alloc, sinv);
	if (st != PAL_OK)
		pal_reach_free(reach, alloc);
	return st;
}

/* ---- sequential allocation -------------------------------------------- */

typedef struct seq_entry
{
	double		cost;
	uint32_t	row;
	size_t		pair;			/* index in the pair list */
} seq_entry;

static inline int
seq_less(const seq_entry *a, const seq_entry *b)
{
	return a->cost < b->cost || (a->cost == b->cost && a->row < b->row);
}

static void
seq_sift(seq_entry *h, size_t n, size_t i)
{
	for (;;)
	{
		size_t		l = 2 * i + 1,
					m = i;
		seq_entry	t;

		if (l < n && seq_less(&h[l], &h[m]))
			m = l;
		if (l + 1 < n && seq_less(&h[l + 1], &h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

typedef struct prio_col
{
	double		prio;
	uint32_t	col;
} prio_col;

static int
cmp_prio_col(const void *a, const void *b)
{
	const prio_col *x = a,
			   *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* the pairs by column: entries of column j at tstart[j] .. tstart[j+1] */
static pal_status
transpose(const pal_pairs *g, size_t **tstart, seq_entry **tent,
		  const pal_allocator *alloc, pal_error *err)
{
	size_t	   *fill,
				i,
				p;

	*tstart = pal_alloc_array(alloc, g->ncols + 1, sizeof(size_t));
	*tent = pal_alloc_array(alloc, g->npairs, sizeof(seq_entry));
	fill = pal_alloc_array(alloc, g->ncols + 1, sizeof(size_t));
	if (!*tstart || !*tent || !fill)
	{
		pal_release(alloc, fill);
		return pal_error_nomem(err);
	}
	memset(*tstart, 0, (g->ncols + 1) * sizeof(size_t));
	for (p = 0; p < g->npairs; p++)
		(*tstart)[g->col[p] + 1]++;
	for (i = 0; i < g->ncols; i++)
		(*tstart)[i + 1] += (*tstart)[i];
	memcpy(fill, *tstart, (g->ncols + 1) * sizeof(size_t));
	for (i = 0; i < g->nrows; i++)
		for (p = g->start[i]; p < g->start[i + 1]; p++)
		{
			seq_entry  *e = &(*tent)[fill[g->col[p]]++];

			e->cost = g->cost[p];
			e->row = (uint32_t) i;
			e->pair = p;
		}
	pal_release(alloc, fill);
	return PAL_OK;
}

/*
 * AccessMod's rule on canonical rows and columns: facilities by (priority,
 * column), each taking the nearest demand left (ties: the smaller row)
 * until its capacity is used.
 */
static pal_status
sequential(const pal_pairs *g, const double *P, const double *S,
		   const double *prio, double *served, double *load, double *flow,
		   double *cost, const pal_allocator *alloc, pal_error *err)
{
	size_t	   *tstart = NULL;
	seq_entry  *tent = NULL;
	prio_col   *order = pal_alloc_array(alloc, g->ncols, sizeof(prio_col));
	size_t		t;
	pal_status	st;

	*cost = 0.0;
	if (!order)
		return pal_error_nomem(err);
	st = transpose(g, &tstart, &tent, alloc, err);
	for (t = 0; t < g->ncols && st == PAL_OK; t++)
	{
		order[t].prio = prio[t];
		order[t].col = (uint32_t) t;
	}
	if (st == PAL_OK)
		qsort(order, g->ncols, sizeof(prio_col), cmp_prio_col);
	memset(served, 0, g->nrows * sizeof(double));
	memset(load, 0, g->ncols * sizeof(double));
	if (flow)
		memset(flow, 0, g->npairs * sizeof(double));
	for (t = 0; t < g->ncols && st == PAL_OK; t++)
	{
		uint32_t	j = order[t].col;
		seq_entry  *h = tent + tstart[j];
		size_t		n = tstart[j + 1] - tstart[j],
					k;
		double		left = S[j];

		if (t % CAP_INTERRUPT_ROWS == 0 && pal_interrupted(alloc))
		{
			st = pal_error_interrupted(err);
			break;
		}
		for (k = n / 2; k > 0 && left > 0.0; k--)
			seq_sift(h, n, k - 1);
		while (n > 0 && left > 0.0)
		{
			seq_entry	e = h[0];
			double		want = P[e.row] - served[e.row];

			h[0] = h[--n];
			seq_sift(h, n, 0);
			if (!(want > 0.0))
				continue;
			if (want > left)
				want = left;
			served[e.row] = want == P[e.row] - served[e.row] ? P[e.row] : served[e.row] + want;
			left -= want;
			load[j] += want;
			*cost += want * e.cost;
			if (flow)
				flow[e.pair] = want;
		}
	}
	pal_release(alloc, order);
	pal_release(alloc, tstart);
	pal_release(alloc, tent);
	return st;
}

/* ---- coverage --------------------------------------------------------- */

/* every value of v (one per point) as the inputs' rules say (points.h) */
static pal_status
check_amounts(const pal_points *pts, const double *v, const char *what,
			  const char *column, pal_error *err)
{
	size_t		k;

	for (k = 0; k < pts->n; k++)
	{
		char		row[128];

		pal_row_name(row, sizeof(row), what, 1, pts->id[k], k + 1);
		if (pal_value_check(v[k], 0, row, column, err) != PAL_OK)
			return PAL_ERR_RANGE;
	}
	return PAL_OK;
}

pal_status
pal_capacity_coverage(const pal_reach *reach, const pal_points *demand,
					  const pal_points *supply, int allocation,
					  const double *priority, double *served,
					  int32_t *reachable, double *load, double *flow,
					  pal_coverage_stats *stats, const pal_allocator *alloc,
					  pal_error *err)
{
	const pal_pairs *g = &reach->pairs;
	size_t		n = g->nrows,
				m = g->ncols,
				k;
	double	   *P,
			   *S,
			   *sv,
			   *ld,
			   *pr = NULL;
	pal_coverage_stats cs;
	pal_status	st;

	memset(&cs, 0, sizeof(cs));
	if (allocation < 0 || allocation >= PAL_ALLOC__COUNT)
		return pal_error_set(err, PAL_ERR_VALUE, "unknown allocation %d", allocation);
	if (n != demand->n || m != supply->n)
		return pal_error_set(err, PAL_ERR_VALUE, "capacity coverage: the pairs do not match the points");
	st = check_amounts(demand, demand->value, "demand", "weight", err);
	if (st == PAL_OK)
		st = check_amounts(supply, supply->value, "supply", "capacity", err);
	if (st == PAL_OK && allocation == PAL_ALLOC_SEQUENTIAL)
		st = check_amounts(supply, priority, "supply", "priority", err);
	if (st != PAL_OK)
		return st;
	P = pal_alloc_array(alloc, n, sizeof(double));
	S = pal_alloc_array(alloc, m, sizeof(double));
	sv = pal_alloc_array(alloc, n, sizeof(double));
	ld = pal_alloc_array(alloc, m, sizeof(double));
	if (allocation == PAL_ALLOC_SEQUENTIAL)
		pr = pal_alloc_array(alloc, m, sizeof(double));
	if (!P || !S || !sv || !ld || (allocation == PAL_ALLOC_SEQUENTIAL && !pr))
		st = pal_error_nomem(err);
	else
	{
		for (k = 0; k < n; k++)
			P[k] = demand->value[reach->drow[k]];
		for (k = 0; k < m; k++)
		{
			S[k] = supply->value[reach->srow[k]];
			if (pr)
				pr[k] = priority[reach->srow[k]];
		}
		if (allocation == PAL_ALLOC_OPTIMAL)
		{
			st = pal_flow_solve(g, P, S, sv, ld, flow, &cs.flow, alloc, err);
			cs.cost = cs.flow.cost;
		}
		else
			st = sequential(g, P, S, pr, sv, ld, flow, &cs.cost, alloc, err);
	}
	if (st == PAL_OK)
	{
		for (k = 0; k < n; k++)
		{
			uint32_t	r = reach->drow[k];

			served[r] = sv[k];
			reachable[r] = (int32_t) (g->start[k + 1] - g->start[k]);
			cs.served += sv[k];
		}
		for (k = 0; k < m; k++)
			load[reach->srow[k]] = ld[k];
		cs.npairs = g->npairs;
		if (stats)
			*stats = cs;
	}
	pal_release(alloc, P);
	pal_release(alloc, S);
	pal_release(alloc, sv);
	pal_release(alloc, ld);
	pal_release(alloc, pr);
	return st;
}

/* ---- spatial availability --------------------------------------------- */

pal_status
pal_spatial_availability(const pal_points *demand, const pal_points *supply,
						 const pal_decay *decay, double alpha,
						 const pal_costs *costs, double *availability,
						 const pal_allocator *alloc, pal_error *err)
{
	pal_points	q = *demand;
	double	   *qv,
				pmax = 0.0;
	pal_fca    *f = NULL;
	pal_status	st;
	size_t		k;

	if (!isfinite(alpha) || alpha < 0.0)
	{
		pal_error_set(err, PAL_ERR_RANGE, "invalid alpha: %g", alpha);
		pal_error_detail(err, "alpha must be a finite number that is not negative.");
		return PAL_ERR_RANGE;
	}
	st = check_amounts(demand, demand->value, "demand", "weight", err);
	if (st == PAL_OK)
		st = check_amounts(supply, supply->value, "supply", "capacity", err);
	if (st != PAL_OK)
		return st;
	qv = pal_alloc_array(alloc, demand->n, sizeof(double));
	if (!qv)
		return pal_error_nomem(err);
	/* P^alpha relative to the largest P: no overflow, the same shares */
	for (k = 0; k < demand->n; k++)
		if (demand->value[k] > pmax)
			pmax = demand->value[k];
	for (k = 0; k < demand->n; k++)
		qv[k] = pmax > 0.0 ? pow(demand->value[k] / pmax, alpha) : pow(0.0, alpha);
	q.value = qv;
	/*
	 * With Q = P^alpha as the demand, 2SFCA gives A_i = sum_j W_ij S_j /
	 * sum_k Q_k W_kj, so Q_i A_i is row i's share of every facility it
	 * reaches.
	 */
	st = pal_fca_create(&q, supply, decay, PAL_FCA_2SFCA, costs, alloc, &f, err);
	if (st == PAL_OK)
		st = pal_fca_run(f, availability, NULL, NULL, NULL, err);
	if (st == PAL_OK)
		for (k = 0; k < demand->n; k++)
			availability[k] *= qv[k];
	pal_fca_destroy(f);
	pal_release(alloc, qv);
	return st;
}

/* ---- cost to capacity ------------------------------------------------- */

typedef struct cap_entry
{
	double		cost;
	uint32_t	col;
	double		cap;
} cap_entry;

static inline int
cap_less(const cap_entry *a, const cap_entry *b)
{
	return a->cost < b->cost || (a->cost == b->cost && a->col < b->col);
}

static void
cap_sift(cap_entry *h, size_t n, size_t i)
{
	for (;;)
	{
		size_t		l = 2 * i + 1,
					m = i;
		cap_entry	t;

		if (l < n && cap_less(&h[l], &h[m]))
			m = l;
		if (l + 1 < n && cap_less(&h[l + 1], &h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/*
 * The least cost among h[0..n) (any order) at which the capacity summed by
 * increasing (cost, column) reaches the target (strictly above it when
 * strict); NaN when it never does.
 */
static double
first_reaching(cap_entry *h, size_t n, double target, int strict)
{
	double		total = 0.0;
	size_t		k;

	if (!strict && target <= 0.0)
		return 0.0;
	for (k = 0; k < n; k++)
		total += h[k].cap;
	/* a clear shortfall needs no ordering (the margin covers rounding) */
	if (total < target * (1.0 - 1e-12))
		return NAN;
	for (k = n / 2; k > 0; k--)
		cap_sift(h, n, k - 1);
	total = 0.0;
	while (n > 0)
	{
		cap_entry	e = h[0];

		total += e.cap;
		if (strict ? total > target : total >= target)
			return e.cost;
		h[0] = h[--n];
		cap_sift(h, n, 0);
	}
	return NAN;
}

pal_status
pal_cost_to_capacity(const pal_points *demand, const pal_points *supply,
					 double max_cost, double n, const pal_costs *costs,
					 double *cost, const pal_allocator *alloc, pal_error *err)
{
	pal_decay	reach;
	uint32_t   *srow = NULL,
			   *sinv = NULL,
			   *col = NULL;
	double	   *cst = NULL;
	cap_entry  *h = NULL;
	scanner		sc;
	pal_status	st;
	size_t		i;

	if (isnan(max_cost) || max_cost <= 0.0)
	{
		pal_error_set(err, PAL_ERR_RANGE, "invalid max_cost: %g", max_cost);
		pal_error_detail(err, "max_cost must be a positive number (metres, or the unit of cost_sql).");
		return PAL_ERR_RANGE;
	}
	if (!isnan(n) && (!isfinite(n) || n < 0.0))
	{
		pal_error_set(err, PAL_ERR_RANGE, "invalid n: %g", n);
		pal_error_detail(err, "n must be a finite number that is not negative, or NULL for the row's own demand.");
		return PAL_ERR_RANGE;
	}
	/* within max_cost: a binary decay (inclusive, like every cutoff) */
	memset(&reach, 0, sizeof(reach));
	reach.kind = PAL_DECAY_BINARY;
	reach.unit = PAL_UNIT_M;
	reach.cutoff = max_cost;
	if (!costs && !(max_cost < PAL_PI * PAL_EARTH_RADIUS))
		reach.cutoff = PAL_PI * PAL_EARTH_RADIUS;	/* the whole sphere */
	st = check_amounts(demand, demand->value, "demand", "weight", err);
	if (st == PAL_OK)
		st = check_amounts(supply, supply->value, "supply", "capacity", err);
	if (st == PAL_OK)
		st = id_order(supply, "supply", &srow, &sinv, alloc, err);
	if (st == PAL_OK)
		st = scanner_init(&sc, demand, supply, &reach, costs, srow, sinv,
						  alloc, err);
	if (st != PAL_OK)
	{
		pal_release(alloc, srow);
		pal_release(alloc, sinv);
		return st;
	}
	col = pal_alloc_array(alloc, supply->n, sizeof(uint32_t));
	cst = pal_alloc_array(alloc, supply->n, sizeof(double));
	h = pal_alloc_array(alloc, supply->n, sizeof(cap_entry));
	if (!col || !cst || !h)
		st = pal_error_nomem(err);
	for (i = 0; i < demand->n && st == PAL_OK; i++)
	{
		size_t		k,
					np;

		if (i % CAP_INTERRUPT_ROWS == 0 && pal_interrupted(alloc))
		{
			st = pal_error_interrupted(err);
			break;
		}
		np = scan_row(&sc, (uint32_t) i, col, cst);
		for (k = 0; k < np; k++)
		{
			h[k].cost = cst[k];
			h[k].col = col[k];
			h[k].cap = supply->value[srow[col[k]]];
		}
		cost[i] = isnan(n) ? first_reaching(h, np, demand->value[i], 1)
			: first_reaching(h, np, n, 0);
	}
	scanner_free(&sc, alloc);
	pal_release(alloc, col);
	pal_release(alloc, cst);
	pal_release(alloc, h);
	pal_release(alloc, srow);
	pal_release(alloc, sinv);
	return st;
}
