/*
 * strengthen.c
 *	  SQL interface of the strengthening plan: palliative.strengthen.
 *
 * Reads the standard's demand and supply through the same SQL as refresh()
 * (palliative.standard_demand_sql and standard_supply_sql: one meaning of a
 * standard) and the candidates, all through the one reader, then runs the
 * greedy maximum-coverage core (src/core/engine/greedy.c) over the demand
 * cells within the standard's catchment (weight > 0) of each candidate.
 * Results go to a tuplestore (materialize mode).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/greedy.h"
#include "decay_glue.h"
#include "inputs.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(pal_strengthen_sql);

/* the standard, as refresh() computes it */
typedef struct standard_def
{
	int32		id;
	pal_decay  *decay;
	char	   *demand_sql;
	char	   *supply_sql;
} standard_def;

/* the candidates: ids, places, names */
typedef struct candidates
{
	size_t		n;
	int64	   *id;
	double	   *lon,
			   *lat;
	char	  **name;
	char	  **region;
} candidates;

static const char *const candidates_more =
"ids of palliative.facility rows (other columns are ignored).";

static const pal_colspec candidate_cols[1] = {
	{"id", PAL_COL_ID, PAL_COL_KEY}
};

static const pal_query candidates_query = {
	"candidates_sql", "candidate", candidate_cols, 1, NULL, false
};

static const pal_colspec facility_cols[4] = {
	{"id", PAL_COL_ID, PAL_COL_KEY},
	{"geom", PAL_COL_POINT, PAL_COL_NULLABLE},
	{"name", PAL_COL_TEXT, PAL_COL_NULLABLE},
	{"secondary_code", PAL_COL_TEXT, PAL_COL_NULLABLE}
};

static const pal_query facility_query = {
	"the candidates' facilities", "candidate facility", facility_cols, 4, NULL, false
};

static void
unknown_standard(const char *name)
{
	char	   *names = NULL;

	if (SPI_execute("SELECT pg_catalog.string_agg(s.name, ', ' ORDER BY s.id) FROM palliative.standard s",
					true, 1) == SPI_OK_SELECT && SPI_processed == 1)
		names = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown standard \"%s\"", name),
			 names ? errhint("The standards are the names in palliative.standard: %s.", names)
			 : errhint("palliative.standard has no rows.")));
}

/* the standard by name: its id, decay and inner queries, copied into cxt */
static void
lookup_standard(MemoryContext cxt, const char *name, standard_def *s)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(name)};
	bool		isnull;
	HeapTuple	tup;
	TupleDesc	desc;
	pal_decay  *d;
	pal_error	err;
	int			rc;

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not connect to SPI: %s", SPI_result_code_string(rc))));
	rc = SPI_execute_with_args("SELECT s.id, s.decay, palliative.standard_demand_sql(s.id), "
							   "palliative.standard_supply_sql(s.id) FROM palliative.standard s "
							   "WHERE s.name OPERATOR(pg_catalog.=) $1",
							   1, types, values, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not read palliative.standard: %s", SPI_result_code_string(rc))));
	if (SPI_processed == 0)
		unknown_standard(name);
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	s->id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
	d = DatumGetDecayP(SPI_getbinval(tup, desc, 2, &isnull));
	s->decay = MemoryContextAlloc(cxt, VARSIZE(d));
	memcpy(s->decay, d, VARSIZE(d));
	s->demand_sql = MemoryContextStrdup(cxt, SPI_getvalue(tup, desc, 3));
	s->supply_sql = MemoryContextStrdup(cxt, SPI_getvalue(tup, desc, 4));
	SPI_finish();
	/* coverage is by great-circle distance here: no costs */
	pal_check(pal_decay_check_costs(s->decay, 0, &err), &err);
}

/* hospitals and clinics with a location that do not meet the standard today */
static char *
default_candidates_sql(int32 standard_id)
{
	return psprintf("SELECT d.id FROM palliative.facility d "
					"WHERE d.kind OPERATOR(pg_catalog.=) ANY ('{hospital,clinic}'::palliative.facility_kind[]) "
					"AND d.geom IS NOT NULL AND NOT EXISTS (SELECT 1 FROM palliative.standard_facility sf "
					"WHERE sf.standard_id OPERATOR(pg_catalog.=) %d "
					"AND sf.facility_id OPERATOR(pg_catalog.=) d.id)", standard_id);
}

/* the candidates' ids, then their facilities: place, name and region */
static void
read_candidates(MemoryContext cxt, const char *sql, candidates *c)
{
	pal_query	q = candidates_query;
	pal_rows	ids,
				fac;
	Oid			types[1] = {INT8ARRAYOID};
	Datum		args[1];
	Datum	   *elems;
	size_t		i;

	q.hint_more = candidates_more;
	pal_read(&q, sql, 0, NULL, NULL, cxt, &ids);
	elems = palloc(mul_size(Max(ids.n, 1), sizeof(Datum)));
	for (i = 0; i < ids.n; i++)
		elems[i] = Int64GetDatum(ids.col[0].i[i]);
	args[0] = PointerGetDatum(construct_array(elems, (int) ids.n, INT8OID, sizeof(int64),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	pal_read(&facility_query,
			 "SELECT f.id, f.geom, f.name, f.secondary_code FROM palliative.facility f "
			 "WHERE f.id OPERATOR(pg_catalog.=) ANY ($1)", 1, types, args, cxt, &fac);
	c->n = ids.n;
	c->id = ids.col[0].i;
	c->lon = pal_context_array(cxt, c->n, sizeof(double));
	c->lat = pal_context_array(cxt, c->n, sizeof(double));
	c->name = pal_context_array(cxt, c->n, sizeof(char *));
	c->region = pal_context_array(cxt, c->n, sizeof(char *));
	for (i = 0; i < c->n; i++)
	{
		int64		r = pal_idmap_find(&fac.ids, c->id[i]);

		if (r < 0)
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("candidate id " INT64_FORMAT " is not a facility", c->id[i]),
					 errdetail("No row of palliative.facility has id " INT64_FORMAT ".", c->id[i]),
					 errhint("candidates_sql must return the column id bigint: %s", candidates_more)));
		if (fac.col[1].isnull[r])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("candidate facility " INT64_FORMAT " has no location", c->id[i]),
					 errdetail("Coverage is measured from the facility's geom, which is null."),
					 errhint("Set its geom, or leave it out of candidates_sql.")));
		c->lon[i] = fac.col[1].lon[r];
		c->lat[i] = fac.col[1].lat[r];
		c->name[i] = fac.col[2].s[r];
		c->region[i] = fac.col[3].s[r];
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/* the arguments: standard (name), k, candidates_sql, greedy */
typedef struct strengthen_args
{
	char	   *standard;
	int32		k;
	char	   *candidates_sql;
	bool		lazy;
} strengthen_args;

static void
strengthen_args_read(FunctionCallInfo fcinfo, strengthen_args *a)
{
	char	   *greedy;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("standard must not be null"),
				 errhint("Name one of the standards in palliative.standard.")));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be null")));
	a->k = PG_GETARG_INT32(1);
	if (a->k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not %d", a->k)));
	a->candidates_sql = pal_arg_text_or_null(fcinfo, 2);
	greedy = PG_ARGISNULL(3) ? "NULL" : text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(greedy, "lazy") == 0)
		a->lazy = true;
	else if (strcmp(greedy, "plain") == 0)
		a->lazy = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown greedy algorithm \"%s\"", greedy),
				 errhint("Use lazy (the default) or plain; both give the same plan.")));
	a->standard = text_to_cstring(PG_GETARG_TEXT_PP(0));
}

/* mark what the standard's supply covers today; returns that demand */
static double
mark_covered(pal_cover_spatial *sp, const pal_points *have, uint8 *covered)
{
	double		total = 0.0;
	size_t		i;

	for (i = 0; i < have->n; i++)
	{
		total += pal_cover_spatial_mark(sp, 1, &have->lon[i], &have->lat[i], covered);
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return total;
}

static void
emit_plan(ReturnSetInfo *rsinfo, const candidates *cand,
		  const pal_greedy_result *res, double covered_total, double total)
{
	size_t		i;

	for (i = 0; i < res->npicked; i++)
	{
		Datum		out[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};
		uint32		c = res->pick[i];

		covered_total += res->gain[i];
		out[0] = Int32GetDatum((int32) (i + 1));
		out[1] = Int64GetDatum(cand->id[c]);
		nulls[2] = cand->name[c] == NULL;
		if (!nulls[2])
			out[2] = CStringGetTextDatum(cand->name[c]);
		nulls[3] = cand->region[c] == NULL;
		if (!nulls[3])
			out[3] = CStringGetTextDatum(cand->region[c]);
		out[4] = Float8GetDatum(res->gain[i]);
		out[5] = Float8GetDatum(covered_total);
		nulls[6] = !(total > 0);
		if (!nulls[6])
			out[6] = Float8GetDatum(covered_total / total);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
}

/*
 * The demand must sum to a finite number (every sum the plan takes is part
 * of it): 22003 naming the largest row otherwise.
 */
static double
total_demand(const pal_points *dem, const char *standard)
{
	double		total = 0.0;
	size_t		i,
				big = 0;

	for (i = 0; i < dem->n; i++)
	{
		total += dem->value[i];
		if (dem->value[i] > dem->value[big])
			big = i;
	}
	if (!isfinite(total))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("demand of standard \"%s\" overflows when summed; its largest row is demand row with id " INT64_FORMAT " (weight %g)",
						standard, dem->id[big], dem->value[big]),
				 errdetail("The sum of the demand must stay below 1.8e308."),
				 errhint("Check the population figures of that row.")));
	return total;
}

Datum
pal_strengthen_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	strengthen_args a;
	standard_def s;
	pal_inputs	in;
	candidates	cand;
	pal_error	err;
	pal_cover_spatial sp;
	pal_cover_ops ops;
	pal_greedy_result res;
	uint8	   *covered;
	double		total,
				covered_total;
	static const pal_inputs_spec spec = {"weight", "capacity", NULL, 0};

	strengthen_args_read(fcinfo, &a);
	InitMaterializedSRF(fcinfo, 0);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative strengthen",
								ALLOCSET_DEFAULT_SIZES);
	lookup_standard(cxt, a.standard, &s);
	pal_inputs_read(&in, &spec, s.demand_sql, s.supply_sql, NULL, cxt);
	read_candidates(cxt, a.candidates_sql ? a.candidates_sql : default_candidates_sql(s.id),
					&cand);

	total = total_demand(&in.dem, a.standard);
	pal_check(pal_cover_spatial_init(&sp, in.dem.n, in.dem.lon, in.dem.lat, in.dem.value,
									 cand.n, cand.lon, cand.lat, s.decay,
									 &in.alloc, &err), &err);
	covered = MemoryContextAllocExtended(cxt, Max(in.dem.n, 1),
										 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	covered_total = mark_covered(&sp, &in.sup, covered);

	ops = pal_cover_spatial_ops(&sp);
	res.pick = MemoryContextAllocHuge(cxt, mul_size(a.k, sizeof(uint32)));
	res.gain = MemoryContextAllocHuge(cxt, mul_size(a.k, sizeof(double)));
	if (a.lazy)
		pal_check(pal_greedy_lazy(&ops, cand.id, covered, (size_t) a.k, &res, &in.alloc, &err), &err);
	else
		pal_check(pal_greedy_plain(&ops, cand.id, covered, (size_t) a.k, &res, &in.alloc, &err), &err);
	emit_plan(rsinfo, &cand, &res, covered_total, total);
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
