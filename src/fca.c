/*
 * fca.c
 *	  SQL interface of the accessibility engine: palliative.fca,
 *	  palliative.fca_supply and palliative.nearest.
 *
 * The inner queries are read by the one reader (inputs.h, reader.h), the
 * engine in src/core/engine/fca.c computes, and the results go to a
 * tuplestore (materialize mode).  Everything a call needs lives in a memory
 * context of its own, deleted at the end: nothing is kept between calls, so
 * a call inside another one's inner query is independent of it.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/fca.h"
#include "core/engine/nearest.h"
#include "decay_glue.h"
#include "inputs.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(pal_fca_sql);
PG_FUNCTION_INFO_V1(pal_fca_supply_sql);
PG_FUNCTION_INFO_V1(pal_nearest_sql);

static const pal_inputs_spec fca_spec = {"weight", "capacity", NULL, 0};
static const pal_inputs_spec nearest_spec = {NULL, NULL, NULL, 0};

/* read the inputs of fca or fca_supply and prepare the engine in cxt */
static pal_fca *
fca_prepare(FunctionCallInfo fcinfo, MemoryContext cxt, pal_inputs *in)
{
	pal_engine_args a;
	int			method;
	pal_fca    *f;
	pal_error	err;

	pal_engine_args_read(fcinfo, 4, &a);
	method = pal_arg_method(fcinfo, 3);
	pal_check(pal_decay_check_costs(a.decay, a.cost_sql != NULL, &err), &err);
	pal_inputs_read(in, &fca_spec, a.demand_sql, a.supply_sql, a.cost_sql, cxt);
	pal_check(pal_fca_create(&in->dem, &in->sup, a.decay, method,
							 in->has_costs ? &in->costs : NULL,
							 &in->alloc, &f, &err), &err);
	return f;
}

Datum
pal_fca_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	pal_inputs	in;
	pal_fca    *f;
	pal_error	err;
	double	   *access;
	int32	   *reach;

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative fca");
	f = fca_prepare(fcinfo, cxt, &in);
	access = pal_context_array(cxt, in.dem.n, sizeof(double));
	reach = pal_context_array(cxt, in.dem.n, sizeof(int32));
	pal_check(pal_fca_run(f, access, reach, NULL, NULL, &err), &err);
	{
		pal_out_col cols[] = {{.f = access}, {.i32 = reach}};

		pal_emit_rows(rsinfo, in.dem.id, in.dem.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

Datum
pal_fca_supply_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	pal_inputs	in;
	pal_fca    *f;
	pal_error	err;
	double	   *ratio,
			   *wdemand;

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative fca_supply");
	f = fca_prepare(fcinfo, cxt, &in);
	ratio = pal_context_array(cxt, in.sup.n, sizeof(double));
	wdemand = pal_context_array(cxt, in.sup.n, sizeof(double));
	pal_check(pal_fca_run(f, NULL, NULL, ratio, wdemand, &err), &err);
	{
		pal_out_col cols[] = {{.f = ratio}, {.f = wdemand}};

		pal_emit_rows(rsinfo, in.sup.id, in.sup.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

typedef struct nearest_out
{
	ReturnSetInfo *rsinfo;
	const int64 *did;
	const int64 *sid;
} nearest_out;

static int
nearest_emit(void *arg, uint32_t demand_row, uint32_t supply_row,
			 int32_t rank, double distance)
{
	nearest_out *o = arg;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	values[0] = Int64GetDatum(o->did[demand_row]);
	values[1] = Int64GetDatum(o->sid[supply_row]);
	values[2] = Int32GetDatum(rank);
	values[3] = Float8GetDatum(distance);
	tuplestore_putvalues(o->rsinfo->setResult, o->rsinfo->setDesc, values, nulls);
	return 0;
}

Datum
pal_nearest_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *demand_sql = pal_arg_text(fcinfo, 0, "demand_sql");
	char	   *supply_sql = pal_arg_text(fcinfo, 1, "supply_sql");
	char	   *cost_sql;
	int32		k;
	double		max_dist = INFINITY;
	pal_decay  *decay = NULL;
	MemoryContext cxt;
	pal_inputs	in;
	pal_error	err;
	nearest_out out;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be null")));
	k = PG_GETARG_INT32(2);
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not %d", k)));
	if (!PG_ARGISNULL(3))
	{
		max_dist = PG_GETARG_FLOAT8(3);
		if (isnan(max_dist) || max_dist < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("max_distance must not be negative or NaN, not %g", max_dist)));
	}
	cost_sql = pal_arg_text_or_null(fcinfo, 4);
	/* with a decay, only the facilities with weight > 0 count */
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		decay = PG_GETARG_DECAY_P(5);
		pal_check(pal_decay_check_costs(decay, cost_sql != NULL, &err), &err);
	}

	InitMaterializedSRF(fcinfo, 0);
	cxt = pal_call_context("palliative nearest");
	pal_inputs_read(&in, &nearest_spec, demand_sql, supply_sql, cost_sql, cxt);
	out.rsinfo = rsinfo;
	out.did = in.dem.id;
	out.sid = in.sup.id;
	pal_check(pal_nearest(&in.dem, &in.sup, (size_t) k, max_dist, decay,
						  in.has_costs ? &in.costs : NULL, nearest_emit, &out,
						  &in.alloc, &err), &err);
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
