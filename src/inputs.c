/*
 * inputs.c
 *	  The inputs of the engine functions (see inputs.h).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/fca.h"
#include "decay_glue.h"
#include "inputs.h"
#include "pal_glue.h"

static const pal_colspec cost_cols[3] = {
	{"demand_id", PAL_COL_ID, 0},
	{"supply_id", PAL_COL_ID, 0},
	{"cost", PAL_COL_NUMBER, 0}
};

static const pal_query cost_query = {
	"cost_sql", "cost_sql", cost_cols, 3, NULL, false
};

/* id, geom (optional with costs), [value], [more]: built in cxt */
static pal_query *
points_query(const char *arg, const char *what, const char *value,
			 const pal_colspec *more, int nmore, bool has_costs,
			 MemoryContext cxt)
{
	pal_query  *q = MemoryContextAllocZero(cxt, sizeof(pal_query));
	pal_colspec *cols = MemoryContextAllocZero(cxt, sizeof(pal_colspec) * (3 + nmore));
	int			n = 0,
				k;

	cols[n++] = (pal_colspec) {"id", PAL_COL_ID, PAL_COL_KEY};
	cols[n++] = (pal_colspec) {"geom", PAL_COL_POINT, has_costs ? PAL_COL_OPTIONAL : 0};
	if (value)
		cols[n++] = (pal_colspec) {value, PAL_COL_NUMBER, 0};
	for (k = 0; k < nmore; k++)
		cols[n++] = more[k];
	q->arg = arg;
	q->what = what;
	q->cols = cols;
	q->ncols = n;
	return q;
}

/* the core's view of rows read by points_query */
static void
as_points(const pal_rows *r, bool has_value, pal_points *p, MemoryContext cxt)
{
	p->n = r->n;
	p->id = r->col[PAL_IN_ID].i;
	if (r->col[PAL_IN_GEOM].present)
	{
		p->lon = r->col[PAL_IN_GEOM].lon;
		p->lat = r->col[PAL_IN_GEOM].lat;
	}
	else
	{
		double	   *zero = pal_context_array(cxt, r->n, sizeof(double));

		memset(zero, 0, mul_size(Max(r->n, 1), sizeof(double)));
		p->lon = p->lat = zero;
	}
	if (has_value)
		p->value = r->col[PAL_IN_VALUE].f;
	else
	{
		double	   *zero = pal_context_array(cxt, r->n, sizeof(double));

		memset(zero, 0, mul_size(Max(r->n, 1), sizeof(double)));
		p->value = zero;
	}
}

/* cost_sql into sparse costs over the demand and supply rows */
static void
read_costs(pal_inputs *in, const char *cost_sql, MemoryContext cxt)
{
	pal_rows	rows;
	uint32	   *drow,
			   *srow;
	size_t		r;
	pal_error	err;

	pal_read(&cost_query, cost_sql, 0, NULL, NULL, cxt, &rows);
	drow = pal_context_array(cxt, rows.n, sizeof(uint32));
	srow = pal_context_array(cxt, rows.n, sizeof(uint32));
	for (r = 0; r < rows.n; r++)
	{
		int64		did = rows.col[0].i[r],
					sid = rows.col[1].i[r];
		int64		dr = pal_idmap_find(&in->demand.ids, did),
					sr = pal_idmap_find(&in->supply.ids, sid);

		if (dr < 0 || sr < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cost_sql row names %s id " INT64_FORMAT ", which %s does not return",
							dr < 0 ? "demand" : "supply", dr < 0 ? did : sid,
							dr < 0 ? "demand_sql" : "supply_sql"),
					 errdetail("Every demand_id and supply_id in cost_sql must be an id of demand_sql and supply_sql.")));
		drow[r] = (uint32) dr;
		srow[r] = (uint32) sr;
		if ((r & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pal_check(pal_costs_build(&in->costs, in->demand.n, in->dem.id, in->sup.id,
							  rows.n, drow, srow, rows.col[2].f, &in->alloc, &err),
			  &err);
}

void
pal_inputs_read(pal_inputs *in, const pal_inputs_spec *spec,
				const char *demand_sql, const char *supply_sql,
				const char *cost_sql, MemoryContext cxt)
{
	pal_query  *dq,
			   *sq;

	memset(in, 0, sizeof(*in));
	in->has_costs = cost_sql != NULL;
	in->alloc = pal_context_allocator(cxt);
	dq = points_query("demand_sql", "demand", spec->demand_value, NULL, 0,
					  in->has_costs, cxt);
	sq = points_query("supply_sql", "supply", spec->supply_value,
					  spec->supply_more, spec->nsupply_more, in->has_costs, cxt);
	pal_read(dq, demand_sql, 0, NULL, NULL, cxt, &in->demand);
	pal_read(sq, supply_sql, 0, NULL, NULL, cxt, &in->supply);
	as_points(&in->demand, spec->demand_value != NULL, &in->dem, cxt);
	as_points(&in->supply, spec->supply_value != NULL, &in->sup, cxt);
	if (cost_sql)
		read_costs(in, cost_sql, cxt);
}

int
pal_arg_method(FunctionCallInfo fcinfo, int argno)
{
	char	   *name = pal_arg_text(fcinfo, argno, "method");
	int			method = pal_fca_method_lookup(name);

	if (method < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown method \"%s\"", name),
				 errhint("Valid methods: 2sfca, 3sfca, m2sfca, bfca, gravity.")));
	pfree(name);
	return method;
}

pal_decay *
pal_arg_decay(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("decay must not be null")));
	return PG_GETARG_DECAY_P(argno);
}

char *
pal_arg_text_or_null(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

double
pal_arg_number(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
	return PG_GETARG_FLOAT8(argno);
}

void
pal_engine_args_read(FunctionCallInfo fcinfo, int cost_argno, pal_engine_args *a)
{
	a->demand_sql = pal_arg_text(fcinfo, 0, "demand_sql");
	a->supply_sql = pal_arg_text(fcinfo, 1, "supply_sql");
	a->decay = pal_arg_decay(fcinfo, 2);
	a->cost_sql = pal_arg_text_or_null(fcinfo, cost_argno);
}

void *
pal_context_array(MemoryContext cxt, size_t n, size_t size)
{
	return MemoryContextAllocHuge(cxt, mul_size(Max(n, 1), size));
}

void
pal_emit_rows(ReturnSetInfo *rsinfo, const int64 *id, size_t n,
			  const pal_out_col *cols, int ncols)
{
	Datum		values[PAL_OUT_MAX_COLS + 1];
	bool		nulls[PAL_OUT_MAX_COLS + 1];
	size_t		k;
	int			c;

	Assert(ncols <= PAL_OUT_MAX_COLS);
	for (k = 0; k < n; k++)
	{
		values[0] = Int64GetDatum(id[k]);
		nulls[0] = false;
		for (c = 0; c < ncols; c++)
		{
			const pal_out_col *col = &cols[c];

			nulls[c + 1] = col->f != NULL && col->nan_null && isnan(col->f[k]);
			if (col->f == NULL)
				values[c + 1] = Int32GetDatum(col->i32[k]);
			else
				values[c + 1] = Float8GetDatum(nulls[c + 1] ? 0.0 : col->f[k]);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((k & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}
