/*
 * fca.c
 *	  SQL interface of the accessibility engine: palliative.fca,
 *	  palliative.fca_supply and palliative.nearest.
 *
 * The inner queries are read through SPI cursors in batches, wrapped in SQL
 * that hands over each point as EWKB (ST_AsEWKB, parsed by src/core/types/ewkb.c:
 * one PostGIS call a row, no liblwgeom), and every row is checked before the
 * engine in src/core/engine/fca.c runs.
 * Results go to a tuplestore (materialize mode).
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
#include "utils/portal.h"

#include "core/types/ewkb.h"
#include "core/engine/fca.h"
#include "decay_glue.h"
#include "pal_glue.h"
#include "pal_spi.h"

PG_FUNCTION_INFO_V1(pal_fca_sql);
PG_FUNCTION_INFO_V1(pal_fca_supply_sql);
PG_FUNCTION_INFO_V1(pal_nearest_sql);

#define FETCH_BATCH 10000

/* points read from an inner query */
typedef struct point_set
{
	const char *what;			/* "demand" or "supply" */
	const char *arg;			/* "demand_sql" or "supply_sql" */
	const char *value_col;		/* "weight", "capacity" or NULL */
	size_t		n,
				cap;
	int64	   *id;
	double	   *lon,
			   *lat,
			   *value;
	pal_idmap	ids;
} point_set;

static MemoryContext engine_cxt;	/* set per call */

static void *
grow(void *ptr, size_t n, size_t size)
{
	Size		bytes = mul_size(n, size);

	if (ptr == NULL)
		return MemoryContextAllocHuge(engine_cxt, bytes);
	return repalloc_huge(ptr, bytes);
}

static Portal
open_cursor(const char *sql)
{
	return SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, false, 0);
}

static bool
srid_accepted(int32 srid)
{
	return srid == 4326 || srid == 6668 || srid == 4612;
}

/*
 * The point of row id from its EWKB (ST_AsEWKB), with the checks every row
 * gets: not null, a point (Z allowed, M alone not), an accepted SRID, not
 * empty.
 */
static void
read_point(const point_set *ps, int64 id, Datum v, bool isnull, double *lon, double *lat)
{
	bytea	   *b;
	pal_ewkb_point pt;
	const char *name;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s row with id " INT64_FORMAT " has a null geom",
						ps->what, id)));
	b = DatumGetByteaPP(v);
	if (pal_ewkb_read_point((const uint8_t *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), &pt) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s row with id " INT64_FORMAT " has a geometry that could not be read",
						ps->what, id)));
	if (pt.type != PAL_WKB_POINT || (pt.has_m && !pt.has_z))
	{
		name = pal_wkb_type_name(pt.type);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s row with id " INT64_FORMAT " has a %s%s geometry, not a point",
						ps->what, id, name ? name : "?", pt.has_m && !pt.has_z ? "M" : ""),
				 errhint("Use ST_PointOnSurface(geom) or ST_Centroid(geom) for areas.")));
	}
	if (!srid_accepted(pt.srid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s row with id " INT64_FORMAT " has SRID %d, not 4326",
						ps->what, id, pt.srid),
				 errdetail("Points must be lon/lat: SRID 4326 (WGS 84), 6668 (JGD2011) or 4612 (JGD2000)."),
				 errhint("Transform the points with ST_Transform(geom, 4326), or set a missing SRID with ST_SetSRID(geom, 4326).")));
	if (pt.empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s row with id " INT64_FORMAT " has an empty point",
						ps->what, id)));
	*lon = pt.x;
	*lat = pt.y;
	if ((Pointer) b != DatumGetPointer(v))
		pfree(b);
}

/*
 * Read a point set.  Columns id, geom (optional when with_geom_optional)
 * and value_col (when not NULL).
 */
static void
read_points(point_set *ps, const char *user_sql, bool geom_optional)
{
	char	   *sql = pal_spi_clean_query(user_sql);
	pal_col_spec	cols[3];
	bool		present[3];
	int			ncols = 0;
	StringInfoData hint,
				q;
	Portal		portal;
	bool		has_geom;

	initStringInfo(&hint);
	appendStringInfo(&hint, "%s must return the columns id bigint, geom geometry (Point, SRID 4326)%s%s%s.",
					 ps->arg, ps->value_col ? " and " : "",
					 ps->value_col ? ps->value_col : "",
					 ps->value_col ? " double precision" : "");
	cols[ncols++] = (pal_col_spec) {"id", PAL_COL_INT, true};
	cols[ncols++] = (pal_col_spec) {"geom", PAL_COL_GEOM, !geom_optional};
	if (ps->value_col)
		cols[ncols++] = (pal_col_spec) {ps->value_col, PAL_COL_NUM, true};
	pal_spi_check_columns(sql, ps->arg, cols, ncols, hint.data, present);
	has_geom = present[1];

	initStringInfo(&q);
	/* one PostGIS call per row: the point as EWKB, parsed here */
	if (has_geom)
		appendStringInfoString(&q, "SELECT q.id::pg_catalog.int8, public.ST_AsEWKB(q.geom)");
	else
		appendStringInfoString(&q, "SELECT q.id::pg_catalog.int8, NULL::pg_catalog.bytea");
	if (ps->value_col)
		appendStringInfo(&q, ", q.%s::pg_catalog.float8", ps->value_col);
	else
		appendStringInfoString(&q, ", 0::pg_catalog.float8");
	appendStringInfo(&q, " FROM (%s\n) q", sql);

	portal = open_cursor(q.data);
	for (;;)
	{
		uint64		r;
		TupleDesc	desc;

		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		desc = SPI_tuptable->tupdesc;
		if (ps->n + SPI_processed > ps->cap)
		{
			size_t		cap = Max(ps->cap * 2, ps->n + SPI_processed);

			if (cap >= (size_t) PG_UINT32_MAX)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("%s returns too many rows", ps->arg)));
			ps->id = grow(ps->id, cap, sizeof(int64));
			ps->lon = grow(ps->lon, cap, sizeof(double));
			ps->lat = grow(ps->lat, cap, sizeof(double));
			ps->value = grow(ps->value, cap, sizeof(double));
			ps->cap = cap;
		}
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			bool		isnull;
			Datum		v;
			int64		id;
			size_t		i = ps->n;

			v = SPI_getbinval(tup, desc, 1, &isnull);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s row %zu has a null id", ps->what, i + 1),
						 errdetail("Every row of %s needs an id.", ps->arg)));
			id = DatumGetInt64(v);
			v = SPI_getbinval(tup, desc, 2, &isnull);
			if (has_geom)
				read_point(ps, id, v, isnull, &ps->lon[i], &ps->lat[i]);
			else
				ps->lon[i] = ps->lat[i] = 0.0;
			v = SPI_getbinval(tup, desc, 3, &isnull);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s row with id " INT64_FORMAT " has a null %s",
								ps->what, id, ps->value_col)));
			ps->value[i] = DatumGetFloat8(v);
			ps->id[i] = id;
			ps->n++;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
}

static void
check_points(point_set *ps, pal_allocator *alloc)
{
	pal_points	p = {ps->n, ps->id, ps->lon, ps->lat, ps->value};
	pal_error	err;

	pal_check(pal_points_validate(&p, ps->what, ps->value_col ? ps->value_col : "value", &err), &err);
	pal_check(pal_idmap_build(&ps->ids, ps->id, ps->n, ps->what, alloc, &err), &err);
}

/* read cost_sql into sparse costs over the demand and supply rows */
static void
read_costs(const char *user_sql, point_set *dem, point_set *sup,
		   pal_costs *costs, pal_allocator *alloc)
{
	char	   *sql = pal_spi_clean_query(user_sql);
	static const pal_col_spec cols[3] = {
		{"demand_id", PAL_COL_INT, true},
		{"supply_id", PAL_COL_INT, true},
		{"cost", PAL_COL_NUM, true}
	};
	bool		present[3];
	const char *hint = "cost_sql must return the columns demand_id bigint, supply_id bigint and cost double precision.";
	StringInfoData q;
	Portal		portal;
	size_t		n = 0,
				cap = 0;
	uint32	   *drow = NULL,
			   *srow = NULL;
	double	   *cost = NULL;
	pal_error	err;

	pal_spi_check_columns(sql, "cost_sql", cols, 3, hint, present);
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT q.demand_id::pg_catalog.int8, q.supply_id::pg_catalog.int8, "
					 "q.cost::pg_catalog.float8 FROM (%s\n) q", sql);
	portal = open_cursor(q.data);
	for (;;)
	{
		uint64		r;
		TupleDesc	desc;

		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		desc = SPI_tuptable->tupdesc;
		if (n + SPI_processed > cap)
		{
			cap = Max(cap * 2, n + SPI_processed);
			if (cap >= (size_t) PG_UINT32_MAX)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("cost_sql returns too many rows")));
			drow = grow(drow, cap, sizeof(uint32));
			srow = grow(srow, cap, sizeof(uint32));
			cost = grow(cost, cap, sizeof(double));
		}
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			bool		n1,
						n2,
						n3;
			int64		did = DatumGetInt64(SPI_getbinval(tup, desc, 1, &n1));
			int64		sid = DatumGetInt64(SPI_getbinval(tup, desc, 2, &n2));
			Datum		c = SPI_getbinval(tup, desc, 3, &n3);
			int64		dr,
						sr;

			if (n1 || n2 || n3)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("cost_sql row %zu has a null %s", n + 1,
								n1 ? "demand_id" : n2 ? "supply_id" : "cost")));
			dr = pal_idmap_find(&dem->ids, did);
			sr = pal_idmap_find(&sup->ids, sid);
			if (dr < 0 || sr < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cost_sql row names %s id " INT64_FORMAT ", which %s does not return",
								dr < 0 ? "demand" : "supply", dr < 0 ? did : sid,
								dr < 0 ? "demand_sql" : "supply_sql"),
						 errdetail("Every demand_id and supply_id in cost_sql must be an id of demand_sql and supply_sql.")));
			drow[n] = (uint32) dr;
			srow[n] = (uint32) sr;
			cost[n] = DatumGetFloat8(c);
			n++;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	pal_check(pal_costs_build(costs, dem->n, dem->id, sup->id, n, drow, srow,
							  cost, alloc, &err), &err);
}

static text *
required_text(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
	return PG_GETARG_TEXT_PP(argno);
}

typedef struct fca_input
{
	point_set	dem;
	point_set	sup;
	pal_costs	costs;
	bool		has_costs;
	pal_decay  *decay;
	int			method;
	pal_allocator alloc;
} fca_input;

/* argument checks, then read and check the inner queries */
static void
fca_read(FunctionCallInfo fcinfo, fca_input *in)
{
	char	   *demand_sql = text_to_cstring(required_text(fcinfo, 0, "demand_sql"));
	char	   *supply_sql = text_to_cstring(required_text(fcinfo, 1, "supply_sql"));
	char	   *method;
	char	   *cost_sql = NULL;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("decay must not be null")));
	in->decay = PG_GETARG_DECAY_P(2);
	method = text_to_cstring(required_text(fcinfo, 3, "method"));
	in->method = pal_fca_method_lookup(method);
	if (in->method < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown method \"%s\"", method),
				 errhint("Valid methods: 2sfca, 3sfca, m2sfca, bfca, gravity.")));
	if (!PG_ARGISNULL(4))
		cost_sql = text_to_cstring(PG_GETARG_TEXT_PP(4));
	in->has_costs = cost_sql != NULL;
	if (pal_decay_is_time(in->decay) && !in->has_costs)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a travel-time decay needs cost_sql"),
				 errdetail("The decay is measured in %s, but without cost_sql distances are great-circle metres.",
						   pal_unit_name(in->decay->unit)),
				 errhint("Pass cost_sql returning (demand_id, supply_id, cost) with costs in minutes, or use a distance unit (m, km).")));

	in->alloc = pal_context_allocator(engine_cxt);
	memset(&in->dem, 0, sizeof(in->dem));
	memset(&in->sup, 0, sizeof(in->sup));
	in->dem.what = "demand";
	in->dem.arg = "demand_sql";
	in->dem.value_col = "weight";
	in->sup.what = "supply";
	in->sup.arg = "supply_sql";
	in->sup.value_col = "capacity";

	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("could not connect to SPI")));
	read_points(&in->dem, demand_sql, in->has_costs);
	check_points(&in->dem, &in->alloc);
	read_points(&in->sup, supply_sql, in->has_costs);
	check_points(&in->sup, &in->alloc);
	if (in->has_costs)
		read_costs(cost_sql, &in->dem, &in->sup, &in->costs, &in->alloc);
	SPI_finish();
}

static void
begin_call(void)
{
	engine_cxt = AllocSetContextCreate(CurrentMemoryContext,
									   "palliative engine",
									   ALLOCSET_DEFAULT_SIZES);
}

static void
end_call(void)
{
	MemoryContextDelete(engine_cxt);
	engine_cxt = NULL;
}

static pal_fca *
fca_engine(fca_input *in)
{
	pal_points	dem = {in->dem.n, in->dem.id, in->dem.lon, in->dem.lat, in->dem.value};
	pal_points	sup = {in->sup.n, in->sup.id, in->sup.lon, in->sup.lat, in->sup.value};
	pal_fca    *f;
	pal_error	err;
	pal_points *pd = MemoryContextAlloc(engine_cxt, sizeof(pal_points));
	pal_points *ps = MemoryContextAlloc(engine_cxt, sizeof(pal_points));

	*pd = dem;
	*ps = sup;
	pal_check(pal_fca_create(pd, ps, in->decay, in->method,
							 in->has_costs ? &in->costs : NULL,
							 &in->alloc, &f, &err), &err);
	return f;
}

Datum
pal_fca_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	fca_input	in;
	pal_fca    *f;
	pal_error	err;
	double	   *access;
	int32	   *reach;
	size_t		i;

	InitMaterializedSRF(fcinfo, 0);
	begin_call();
	fca_read(fcinfo, &in);
	f = fca_engine(&in);
	access = MemoryContextAllocHuge(engine_cxt, mul_size(Max(in.dem.n, 1), sizeof(double)));
	reach = MemoryContextAllocHuge(engine_cxt, mul_size(Max(in.dem.n, 1), sizeof(int32)));
	pal_check(pal_fca_run(f, access, reach, NULL, NULL, &err), &err);
	for (i = 0; i < in.dem.n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = Int64GetDatum(in.dem.id[i]);
		values[1] = Float8GetDatum(access[i]);
		values[2] = Int32GetDatum(reach[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if (i % 4096 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	end_call();
	return (Datum) 0;
}

Datum
pal_fca_supply_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	fca_input	in;
	pal_fca    *f;
	pal_error	err;
	double	   *ratio,
			   *wdemand;
	size_t		j;

	InitMaterializedSRF(fcinfo, 0);
	begin_call();
	fca_read(fcinfo, &in);
	f = fca_engine(&in);
	ratio = MemoryContextAllocHuge(engine_cxt, mul_size(Max(in.sup.n, 1), sizeof(double)));
	wdemand = MemoryContextAllocHuge(engine_cxt, mul_size(Max(in.sup.n, 1), sizeof(double)));
	pal_check(pal_fca_run(f, NULL, NULL, ratio, wdemand, &err), &err);
	for (j = 0; j < in.sup.n; j++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = Int64GetDatum(in.sup.id[j]);
		values[1] = Float8GetDatum(ratio[j]);
		values[2] = Float8GetDatum(wdemand[j]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	end_call();
	return (Datum) 0;
}

typedef struct nearest_out
{
	ReturnSetInfo *rsinfo;
	const int64 *did;
	const int64 *sid;
	uint64		rows;
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
	char	   *demand_sql,
			   *supply_sql,
			   *cost_sql = NULL;
	int32		k;
	double		max_dist = INFINITY;
	point_set	dem,
				sup;
	pal_costs	costs;
	pal_allocator alloc;
	pal_error	err;
	nearest_out out;
	pal_points	pd,
				ps;

	demand_sql = text_to_cstring(required_text(fcinfo, 0, "demand_sql"));
	supply_sql = text_to_cstring(required_text(fcinfo, 1, "supply_sql"));
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
	if (!PG_ARGISNULL(4))
		cost_sql = text_to_cstring(PG_GETARG_TEXT_PP(4));

	InitMaterializedSRF(fcinfo, 0);
	begin_call();
	alloc = pal_context_allocator(engine_cxt);
	memset(&dem, 0, sizeof(dem));
	memset(&sup, 0, sizeof(sup));
	dem.what = "demand";
	dem.arg = "demand_sql";
	sup.what = "supply";
	sup.arg = "supply_sql";
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("could not connect to SPI")));
	read_points(&dem, demand_sql, cost_sql != NULL);
	check_points(&dem, &alloc);
	read_points(&sup, supply_sql, cost_sql != NULL);
	check_points(&sup, &alloc);
	if (cost_sql)
		read_costs(cost_sql, &dem, &sup, &costs, &alloc);
	SPI_finish();

	pd = (pal_points) {dem.n, dem.id, dem.lon, dem.lat, dem.value};
	ps = (pal_points) {sup.n, sup.id, sup.lon, sup.lat, sup.value};
	out.rsinfo = rsinfo;
	out.did = dem.id;
	out.sid = sup.id;
	out.rows = 0;
	pal_check(pal_nearest(&pd, &ps, (size_t) k, max_dist,
						  cost_sql ? &costs : NULL, nearest_emit, &out,
						  &alloc, &err), &err);
	end_call();
	return (Datum) 0;
}
