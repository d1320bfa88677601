/*
 * capacity.c
 *	  SQL interface of capacity and competition: palliative.capacity_coverage,
 *	  palliative.capacity_coverage_supply, palliative.capacity_allocation,
 *	  palliative.spatial_availability and palliative.cost_to_capacity.
 *
 * The inner queries are read by the one reader (inputs.h, reader.h) with
 * the same checks as fca; the core (src/core/engine/capacity.c) computes;
 * the results go to a tuplestore in input row order.  Everything a call
 * needs lives in a memory context of its own, deleted at the end, so calls
 * nest in each other's inner queries.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/capacity.h"
#include "inputs.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(pal_capacity_coverage_sql);
PG_FUNCTION_INFO_V1(pal_capacity_coverage_supply_sql);
PG_FUNCTION_INFO_V1(pal_capacity_allocation_sql);
PG_FUNCTION_INFO_V1(pal_spatial_availability_sql);
PG_FUNCTION_INFO_V1(pal_cost_to_capacity_sql);

/* the facilities' order for the sequential rule */
static const pal_colspec priority_col[1] = {
	{"priority", PAL_COL_NUMBER, 0}
};

static const pal_inputs_spec optimal_spec = {"weight", "capacity", NULL, 0};
static const pal_inputs_spec sequential_spec = {"weight", "capacity", priority_col, 1};
static const pal_inputs_spec ctc_own_spec = {"weight", "capacity", NULL, 0};
static const pal_inputs_spec ctc_n_spec = {NULL, "capacity", NULL, 0};

/* ---- capacity_coverage and capacity_coverage_supply ------------------- */

typedef struct coverage_call
{
	pal_inputs	in;
	pal_reach	reach;			/* the pairs within reach, in id order */
	double	   *served;			/* per demand row */
	int32	   *reachable;
	double	   *load;			/* per supply row */
	double	   *flow;			/* per pair, when asked for */
} coverage_call;

/*
 * Arguments (demand_sql, supply_sql, decay, cost_sql, allocation): read the
 * inputs, find the pairs within reach, allocate (with the amount of every
 * pair when want_flow).
 */
static void
coverage_run(FunctionCallInfo fcinfo, MemoryContext cxt, coverage_call *c,
			 bool want_flow)
{
	pal_engine_args a;
	char	   *allocation;
	int			alloc_kind;
	pal_error	err;

	pal_engine_args_read(fcinfo, 3, &a);
	allocation = pal_arg_text(fcinfo, 4, "allocation");
	alloc_kind = pal_allocation_lookup(allocation);
	if (alloc_kind < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown allocation \"%s\"", allocation),
				 errhint("Valid allocations: optimal (the most demand served, then the least distance), sequential (AccessMod's rule: facilities by the column priority of supply_sql, then id).")));
	pal_check(pal_decay_check_costs(a.decay, a.cost_sql != NULL, &err), &err);
	pal_inputs_read(&c->in,
					alloc_kind == PAL_ALLOC_SEQUENTIAL ? &sequential_spec : &optimal_spec,
					a.demand_sql, a.supply_sql, a.cost_sql, cxt);
	c->served = pal_context_array(cxt, c->in.dem.n, sizeof(double));
	c->reachable = pal_context_array(cxt, c->in.dem.n, sizeof(int32));
	c->load = pal_context_array(cxt, c->in.sup.n, sizeof(double));
	pal_check(pal_reach_build(&c->in.dem, &c->in.sup, a.decay,
							  c->in.has_costs ? &c->in.costs : NULL, &c->reach,
							  &c->in.alloc, &err), &err);
	c->flow = want_flow ? pal_context_array(cxt, c->reach.pairs.npairs, sizeof(double)) : NULL;
	pal_check(pal_capacity_coverage(&c->reach, &c->in.dem, &c->in.sup, alloc_kind,
									alloc_kind == PAL_ALLOC_SEQUENTIAL ?
									c->in.supply.col[PAL_IN_VALUE + 1].f : NULL,
									c->served, c->reachable, c->load, c->flow,
									NULL, &c->in.alloc, &err), &err);
}

Datum
pal_capacity_coverage_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	coverage_call c;

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative capacity_coverage");
	coverage_run(fcinfo, cxt, &c, false);
	{
		pal_out_col cols[] = {{.f = c.in.dem.value}, {.f = c.served}, {.i32 = c.reachable}};

		pal_emit_rows(rsinfo, c.in.dem.id, c.in.dem.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

Datum
pal_capacity_coverage_supply_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	coverage_call c;

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative capacity_coverage_supply");
	coverage_run(fcinfo, cxt, &c, false);
	{
		pal_out_col cols[] = {{.f = c.in.sup.value}, {.f = c.load}};

		pal_emit_rows(rsinfo, c.in.sup.id, c.in.sup.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

/* pairs of one row with an amount, by supply column (that is, by id) */
typedef struct amount
{
	uint32		col;
	double		amount;
	double		cost;
} amount;

static int
cmp_amount(const void *a, const void *b)
{
	const amount *x = a,
			   *y = b;

	return (x->col > y->col) - (x->col < y->col);
}

Datum
pal_capacity_allocation_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	coverage_call c;
	const pal_pairs *g;
	amount	   *row;
	size_t		k;

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative capacity_allocation");
	coverage_run(fcinfo, cxt, &c, true);
	g = &c.reach.pairs;
	row = pal_context_array(cxt, g->ncols, sizeof(amount));
	for (k = 0; k < g->nrows; k++)
	{
		size_t		p,
					n = 0,
					t;

		for (p = g->start[k]; p < g->start[k + 1]; p++)
			if (c.flow[p] > 0.0)
			{
				row[n].col = g->col[p];
				row[n].amount = c.flow[p];
				row[n].cost = g->cost[p];
				n++;
			}
		qsort(row, n, sizeof(amount), cmp_amount);
		for (t = 0; t < n; t++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			values[0] = Int64GetDatum(c.in.dem.id[c.reach.drow[k]]);
			values[1] = Int64GetDatum(c.in.sup.id[c.reach.srow[row[t].col]]);
			values[2] = Float8GetDatum(row[t].amount);
			values[3] = Float8GetDatum(row[t].cost);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		if ((k & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

/* ---- spatial_availability --------------------------------------------- */

Datum
pal_spatial_availability_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	pal_engine_args a;
	double		alpha;
	MemoryContext cxt;
	pal_inputs	in;
	pal_error	err;
	double	   *avail;

	pal_engine_args_read(fcinfo, 4, &a);
	alpha = pal_arg_number(fcinfo, 3, "alpha");
	if (!isfinite(alpha) || alpha < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("alpha must be a finite number that is not negative, not %g", alpha),
				 errhint("alpha weighs the demand in the shares: 1 (the default) shares capacity in proportion to population times decay weight.")));
	pal_check(pal_decay_check_costs(a.decay, a.cost_sql != NULL, &err), &err);
	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative spatial_availability");
	pal_inputs_read(&in, &optimal_spec, a.demand_sql, a.supply_sql, a.cost_sql, cxt);
	avail = pal_context_array(cxt, in.dem.n, sizeof(double));
	pal_check(pal_spatial_availability(&in.dem, &in.sup, a.decay, alpha,
									   in.has_costs ? &in.costs : NULL, avail,
									   &in.alloc, &err), &err);
	{
		pal_out_col cols[] = {{.f = avail}};

		pal_emit_rows(rsinfo, in.dem.id, in.dem.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

/* ---- cost_to_capacity ------------------------------------------------- */

Datum
pal_cost_to_capacity_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *demand_sql = pal_arg_text(fcinfo, 0, "demand_sql");
	char	   *supply_sql = pal_arg_text(fcinfo, 1, "supply_sql");
	double		max_cost = pal_arg_number(fcinfo, 2, "max_cost");
	bool		own = PG_ARGISNULL(3);
	double		n = own ? NAN : PG_GETARG_FLOAT8(3);
	char	   *cost_sql = pal_arg_text_or_null(fcinfo, 4);
	MemoryContext cxt;
	pal_inputs	in;
	pal_error	err;
	double	   *cost;

	if (isnan(max_cost) || max_cost <= 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_cost must be positive, not %g", max_cost),
				 errhint("max_cost is in metres, or in the unit of cost_sql's costs when it is given.")));
	if (!own && (!isfinite(n) || n < 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be a finite number that is not negative, not %g", n),
				 errhint("Leave n NULL to measure up to each row's own demand (its weight).")));
	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative cost_to_capacity");
	/* the demand's weight matters only when n is NULL */
	pal_inputs_read(&in, own ? &ctc_own_spec : &ctc_n_spec, demand_sql,
					supply_sql, cost_sql, cxt);
	cost = pal_context_array(cxt, in.dem.n, sizeof(double));
	pal_check(pal_cost_to_capacity(&in.dem, &in.sup, max_cost, n,
								   in.has_costs ? &in.costs : NULL, cost,
								   &in.alloc, &err), &err);
	{
		pal_out_col cols[] = {{.f = cost, .nan_null = true}};

		pal_emit_rows(rsinfo, in.dem.id, in.dem.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
