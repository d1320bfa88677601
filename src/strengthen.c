/*
 * strengthen.c
 *	  SQL interface of the strengthening plan: palliative.strengthen.
 *
 * Reads the standard, the demand cells (palliative.population), the
 * facilities that meet the standard today and the candidates through SPI,
 * then runs the greedy maximum-coverage core (src/core/engine/greedy.c) over the
 * demand cells within the standard's catchment (weight > 0) of each
 * candidate.  Results go to a tuplestore (materialize mode).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/fca.h"
#include "core/engine/greedy.h"
#include "decay_glue.h"
#include "pal_glue.h"
#include "pal_spi.h"

PG_FUNCTION_INFO_V1(pal_strengthen_sql);

#define FETCH_BATCH 10000

/* growable arrays in one memory context */
typedef struct vec
{
	size_t		n,
				cap;
} vec;

static void *
grow_to(MemoryContext cxt, void *ptr, size_t cap, size_t size)
{
	Size		bytes = mul_size(cap, size);

	if (ptr == NULL)
		return MemoryContextAllocHuge(cxt, bytes);
	return repalloc_huge(ptr, bytes);
}

static size_t
next_cap(vec *v, uint64 more, const char *what)
{
	size_t		cap = Max(v->cap * 2, v->n + (size_t) more);

	if (cap >= (size_t) PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many %s rows", what)));
	return cap;
}

typedef struct points
{
	vec			v;
	double	   *lon,
			   *lat,
			   *w;
} points;

/* read (lon, lat[, weight]) rows of a query we wrote ourselves */
static void
read_points(MemoryContext cxt, const char *sql, int nargs, Oid *types,
			Datum *values, points *p, bool with_weight)
{
	Portal		portal = SPI_cursor_open_with_args(NULL, sql, nargs, types, values,
												   NULL, true, 0);

	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		if (p->v.n + SPI_processed > p->v.cap)
		{
			size_t		cap = next_cap(&p->v, SPI_processed, "demand");

			p->lon = grow_to(cxt, p->lon, cap, sizeof(double));
			p->lat = grow_to(cxt, p->lat, cap, sizeof(double));
			p->w = grow_to(cxt, p->w, cap, sizeof(double));
			p->v.cap = cap;
		}
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		n1,
						n2,
						n3 = false;
			double		lon = DatumGetFloat8(SPI_getbinval(tup, desc, 1, &n1));
			double		lat = DatumGetFloat8(SPI_getbinval(tup, desc, 2, &n2));
			double		w = with_weight ? DatumGetFloat8(SPI_getbinval(tup, desc, 3, &n3)) : 1.0;

			/* empty points and zero demand cover nothing: skip them */
			if (n1 || n2 || n3 || !(w > 0.0) || !isfinite(lon) || !isfinite(lat))
				continue;
			p->lon[p->v.n] = lon;
			p->lat[p->v.n] = lat;
			p->w[p->v.n] = w;
			p->v.n++;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
}

typedef struct candidates
{
	vec			v;
	int64	   *id;
	double	   *lon,
			   *lat;
	char	  **name;
	char	  **region;
} candidates;

static const char *candidates_hint =
"candidates_sql must return the column id bigint: ids of palliative.facility rows (other columns are ignored).";

static void
read_candidates(MemoryContext cxt, const char *user_sql, int32 standard_id,
				candidates *c)
{
	StringInfoData q;
	Portal		portal;

	initStringInfo(&q);
	appendStringInfoString(&q,
						   "SELECT q.id::pg_catalog.int8, f.id IS NULL, f.geom IS NULL, "
						   "public.ST_X(f.geom), public.ST_Y(f.geom), f.name, f.secondary_code FROM (");
	if (user_sql == NULL)
		appendStringInfo(&q,
						 "SELECT d.id FROM palliative.facility d "
						 "WHERE d.kind OPERATOR(pg_catalog.=) ANY ('{hospital,clinic}'::palliative.facility_kind[]) "
						 "AND d.geom IS NOT NULL AND NOT EXISTS (SELECT 1 FROM palliative.standard_facility sf "
						 "WHERE sf.standard_id OPERATOR(pg_catalog.=) %d "
						 "AND sf.facility_id OPERATOR(pg_catalog.=) d.id)", standard_id);
	else
	{
		char	   *sql = pal_spi_clean_query(user_sql);
		static const pal_col_spec cols[1] = {{"id", PAL_COL_INT, true}};
		bool		present[1];

		pal_spi_check_columns(sql, "candidates_sql", cols, 1, candidates_hint, present);
		appendStringInfoString(&q, sql);
	}
	appendStringInfoString(&q,
						   "\n) q LEFT JOIN palliative.facility f ON f.id OPERATOR(pg_catalog.=) q.id::pg_catalog.int8");

	portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL, false, 0);
	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		if (c->v.n + SPI_processed > c->v.cap)
		{
			size_t		cap = next_cap(&c->v, SPI_processed, "candidates_sql");

			c->id = grow_to(cxt, c->id, cap, sizeof(int64));
			c->lon = grow_to(cxt, c->lon, cap, sizeof(double));
			c->lat = grow_to(cxt, c->lat, cap, sizeof(double));
			c->name = grow_to(cxt, c->name, cap, sizeof(char *));
			c->region = grow_to(cxt, c->region, cap, sizeof(char *));
			c->v.cap = cap;
		}
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		v;
			int64		id;
			size_t		i = c->v.n;

			v = SPI_getbinval(tup, desc, 1, &isnull);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("candidates_sql row %zu has a null id", i + 1),
						 errhint("%s", candidates_hint)));
			id = DatumGetInt64(v);
			if (DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull)))
				ereport(ERROR,
						(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
						 errmsg("candidate id " INT64_FORMAT " is not a facility", id),
						 errdetail("No row of palliative.facility has id " INT64_FORMAT ".", id),
						 errhint("%s", candidates_hint)));
			if (DatumGetBool(SPI_getbinval(tup, desc, 3, &isnull)))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("candidate facility " INT64_FORMAT " has no location", id),
						 errdetail("Coverage is measured from the facility's geom, which is null."),
						 errhint("Set its geom, or leave it out of candidates_sql.")));
			c->id[i] = id;
			c->lon[i] = DatumGetFloat8(SPI_getbinval(tup, desc, 4, &isnull));
			c->lat[i] = DatumGetFloat8(SPI_getbinval(tup, desc, 5, &isnull));
			v = SPI_getbinval(tup, desc, 6, &isnull);
			c->name[i] = isnull ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(v));
			v = SPI_getbinval(tup, desc, 7, &isnull);
			c->region[i] = isnull ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(v));
			c->v.n++;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
}

/* the standard: id, decay (copied out of SPI memory) and demand column */
static int32
lookup_standard(MemoryContext cxt, const char *name, pal_decay **decay,
				char **demand_column, char **demand_source)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(name)};
	bool		isnull;
	int32		id;
	pal_decay  *d;
	HeapTuple	tup;
	TupleDesc	desc;

	if (SPI_execute_with_args("SELECT s.id, s.decay, s.demand_column, s.demand_source FROM palliative.standard s "
							  "WHERE s.name OPERATOR(pg_catalog.=) $1",
							  1, types, values, NULL, true, 1) != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not read palliative.standard")));
	if (SPI_processed == 0)
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
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
	d = DatumGetDecayP(SPI_getbinval(tup, desc, 2, &isnull));
	*decay = MemoryContextAlloc(cxt, VARSIZE(d));
	memcpy(*decay, d, VARSIZE(d));
	*demand_column = MemoryContextStrdup(cxt, SPI_getvalue(tup, desc, 3));
	SPI_getbinval(tup, desc, 4, &isnull);
	*demand_source = isnull ? NULL : MemoryContextStrdup(cxt, SPI_getvalue(tup, desc, 4));
	if (pal_decay_is_time(*decay))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("standard \"%s\" measures travel time, which strengthen cannot use", name),
				 errdetail("strengthen measures the catchment by great-circle distance, but the decay is in %s.",
						   pal_unit_name((*decay)->unit)),
				 errhint("Use a standard whose decay is in m or km.")));
	return id;
}

Datum
pal_strengthen_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt;
	char	   *standard,
			   *candidates_sql = NULL,
			   *algorithm,
			   *demand_column,
			   *demand_source;
	int32		k,
				standard_id;
	bool		lazy;
	pal_decay  *decay;
	points		dem,
				have;
	candidates	cand;
	StringInfoData q;
	Oid			types[1] = {INT4OID};
	Datum		values[1];
	pal_allocator alloc;
	pal_error	err;
	pal_cover_spatial sp;
	pal_cover_ops ops;
	uint8	   *covered;
	pal_greedy_result res;
	pal_idmap	ids;
	double		total = 0.0,
				covered_total = 0.0;
	size_t		i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("standard must not be null"),
				 errhint("Name one of the standards in palliative.standard.")));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be null")));
	k = PG_GETARG_INT32(1);
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not %d", k)));
	if (!PG_ARGISNULL(2))
		candidates_sql = text_to_cstring(PG_GETARG_TEXT_PP(2));
	algorithm = PG_ARGISNULL(3) ? "NULL" : text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(algorithm, "lazy") == 0)
		lazy = true;
	else if (strcmp(algorithm, "plain") == 0)
		lazy = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown greedy algorithm \"%s\"", algorithm),
				 errhint("Use lazy (the default) or plain; both give the same plan.")));
	standard = text_to_cstring(PG_GETARG_TEXT_PP(0));

	InitMaterializedSRF(fcinfo, 0);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative strengthen",
								ALLOCSET_DEFAULT_SIZES);
	alloc = pal_context_allocator(cxt);
	memset(&dem, 0, sizeof(dem));
	memset(&have, 0, sizeof(have));
	memset(&cand, 0, sizeof(cand));

	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("could not connect to SPI")));
	standard_id = lookup_standard(cxt, standard, &decay, &demand_column, &demand_source);
	values[0] = Int32GetDatum(standard_id);

	/* demand: the standard's column of the population rows it counts */
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT public.ST_X(p.geom), public.ST_Y(p.geom), p.%s::pg_catalog.float8 "
					 "FROM palliative.population p",
					 quote_identifier(demand_column));
	if (demand_source)
		appendStringInfo(&q, " WHERE p.source OPERATOR(pg_catalog.=) %s",
						 quote_literal_cstr(demand_source));
	read_points(cxt, q.data, 0, NULL, NULL, &dem, true);

	/* what is covered today: facilities meeting the standard, with a location */
	read_points(cxt,
				"SELECT public.ST_X(sf.geom), public.ST_Y(sf.geom) FROM palliative.standard_facility sf "
				"WHERE sf.standard_id OPERATOR(pg_catalog.=) $1 AND sf.geom IS NOT NULL",
				1, types, values, &have, false);

	read_candidates(cxt, candidates_sql, standard_id, &cand);
	SPI_finish();

	pal_check(pal_idmap_build(&ids, cand.id, cand.v.n, "candidate", &alloc, &err), &err);

	for (i = 0; i < dem.v.n; i++)
		total += dem.w[i];
	pal_check(pal_cover_spatial_init(&sp, dem.v.n, dem.lon, dem.lat, dem.w,
									 cand.v.n, cand.lon, cand.lat, decay,
									 &alloc, &err), &err);
	covered = MemoryContextAllocHuge(cxt, Max(dem.v.n, 1));
	memset(covered, 0, Max(dem.v.n, 1));
	for (i = 0; i < have.v.n; i++)
	{
		covered_total += pal_cover_spatial_mark(&sp, 1, &have.lon[i], &have.lat[i], covered);
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}

	ops = pal_cover_spatial_ops(&sp);
	res.pick = MemoryContextAllocHuge(cxt, mul_size(k, sizeof(uint32)));
	res.gain = MemoryContextAllocHuge(cxt, mul_size(k, sizeof(double)));
	if (lazy)
		pal_check(pal_greedy_lazy(&ops, cand.id, covered, (size_t) k, &res, &alloc, &err), &err);
	else
		pal_check(pal_greedy_plain(&ops, cand.id, covered, (size_t) k, &res, &alloc, &err), &err);

	for (i = 0; i < res.npicked; i++)
	{
		Datum		out[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};
		uint32		c = res.pick[i];

		covered_total += res.gain[i];
		out[0] = Int32GetDatum((int32) (i + 1));
		out[1] = Int64GetDatum(cand.id[c]);
		if (cand.name[c])
			out[2] = CStringGetTextDatum(cand.name[c]);
		else
			nulls[2] = true;
		if (cand.region[c])
			out[3] = CStringGetTextDatum(cand.region[c]);
		else
			nulls[3] = true;
		out[4] = Float8GetDatum(res.gain[i]);
		out[5] = Float8GetDatum(covered_total);
		if (total > 0)
			out[6] = Float8GetDatum(covered_total / total);
		else
			nulls[6] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
