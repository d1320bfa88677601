/*
 * sample.c
 *	  SQL interface of the sample generator (see core/sample/sample.h): the
 *	  set-returning functions that show a seed's sample table by table, and
 *	  sample_insert, which generates it once and inserts all three tables
 *	  for palliative.load_sample().
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core/sample/sample.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(sample_regions);
PG_FUNCTION_INFO_V1(sample_cells);
PG_FUNCTION_INFO_V1(sample_facilities);
PG_FUNCTION_INFO_V1(sample_insert);

/*
 * Generates the sample of the seed in a child context of the current one,
 * which the caller deletes when done.
 */
static MemoryContext
generate(int32 seed, unsigned flags, pal_sample *sample)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "palliative sample",
											  ALLOCSET_DEFAULT_SIZES);
	pal_allocator alloc = pal_context_allocator(cxt);
	pal_error	err;

	pal_check(pal_sample_generate((int64_t) seed, flags, &alloc, sample, &err), &err);
	return cxt;
}

/* ---- one row of each table, as the functions return it ----------------- */

/* a row of the sample's table as values, for a result row or an array */
typedef void (*row_values) (const pal_sample *s, int i, Datum *values, bool *nulls);

#define REGION_COLS 7

/* code, level, name_ja, name_en, parent_code, population, geom_ewkb */
static void
region_values(const pal_sample *s, int i, Datum *values, bool *nulls)
{
	const pal_sample_region *r = &s->regions[i];

	memset(nulls, 0, REGION_COLS * sizeof(bool));
	values[0] = CStringGetTextDatum(r->code);
	values[1] = CStringGetTextDatum(pal_sample_level_names[r->level]);
	values[2] = CStringGetTextDatum(r->name_ja);
	values[3] = CStringGetTextDatum(r->name_en);
	if (r->parent_code[0] != '\0')
		values[4] = CStringGetTextDatum(r->parent_code);
	else
		nulls[4] = true;
	values[5] = Int64GetDatum(r->population);
	values[6] = PointerGetDatum(pal_bytea_from(r->ewkb, r->ewkb_len));
}

#define CELL_COLS 7

/* mesh, lon, lat, total, aged_65_plus, aged_75_plus, cancer_deaths */
static void
cell_values(const pal_sample *s, int i, Datum *values, bool *nulls)
{
	const pal_sample_cell *c = &s->cells[i];

	memset(nulls, 0, CELL_COLS * sizeof(bool));
	values[0] = Int64GetDatum((int64) c->mesh);
	values[1] = Float8GetDatum(c->lon);
	values[2] = Float8GetDatum(c->lat);
	values[3] = Float8GetDatum(c->total);
	values[4] = Float8GetDatum(c->aged_65_plus);
	values[5] = Float8GetDatum(c->aged_75_plus);
	values[6] = Float8GetDatum(c->cancer_deaths);
}

#define FACILITY_COLS 13

static void
put_count(Datum *values, bool *nulls, int i, int32_t v)
{
	if (v < 0)
		nulls[i] = true;
	else
		values[i] = Int32GetDatum(v);
}

/*
 * name, kind, capabilities, pcu_beds, ltc_beds, general_beds, physicians,
 * physicians_trained, conferences_attended, address, lon, lat, surveyed_on
 */
static void
facility_values(const pal_sample *s, int i, Datum *values, bool *nulls)
{
	const pal_sample_facility *f = &s->facilities[i];

	memset(nulls, 0, FACILITY_COLS * sizeof(bool));
	values[0] = CStringGetTextDatum(f->name);
	values[1] = CStringGetTextDatum(pal_sample_kind_names[f->kind]);
	values[2] = Int64GetDatum((int64) f->capabilities);
	values[3] = Int32GetDatum(f->pcu_beds);
	values[4] = Int32GetDatum(f->ltc_beds);
	values[5] = Int32GetDatum(f->general_beds);
	put_count(values, nulls, 6, f->physicians);
	put_count(values, nulls, 7, f->physicians_trained);
	put_count(values, nulls, 8, f->conferences_attended);
	values[9] = CStringGetTextDatum(f->address);
	values[10] = Float8GetDatum(f->lon);
	values[11] = Float8GetDatum(f->lat);
	values[12] = DateADTGetDatum((DateADT) f->surveyed_on);
}

/* ---- the inspection functions ------------------------------------------- */

/* returns one table of the seed's sample: count(sample) rows made by fill */
static Datum
sample_rows(FunctionCallInfo fcinfo, unsigned flags, row_values fill,
			int (*count) (const pal_sample *s))
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	pal_sample	sample;
	MemoryContext cxt,
				rowcxt,
				old;
	Datum		values[FACILITY_COLS];
	bool		nulls[FACILITY_COLS];
	int			i,
				n;

	InitMaterializedSRF(fcinfo, 0);
	cxt = generate(PG_GETARG_INT32(0), flags, &sample);
	rowcxt = AllocSetContextCreate(cxt, "palliative sample row", ALLOCSET_SMALL_SIZES);
	n = count(&sample);
	for (i = 0; i < n; i++)
	{
		if (i % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(rowcxt);
		fill(&sample, i, values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

static int
count_regions(const pal_sample *s)
{
	return s->nregions;
}

static int
count_cells(const pal_sample *s)
{
	return s->ncells;
}

static int
count_facilities(const pal_sample *s)
{
	return s->nfacilities;
}

Datum
sample_regions(PG_FUNCTION_ARGS)
{
	return sample_rows(fcinfo, PAL_SAMPLE_POLYGONS, region_values, count_regions);
}

Datum
sample_cells(PG_FUNCTION_ARGS)
{
	return sample_rows(fcinfo, 0, cell_values, count_cells);
}

Datum
sample_facilities(PG_FUNCTION_ARGS)
{
	return sample_rows(fcinfo, 0, facility_values, count_facilities);
}

/* ---- sample_insert: generate once, insert the three tables -------------- */

/*
 * The rows of one table as one array per column (the parameters of an
 * INSERT ... SELECT FROM unnest(...)), allocated in the current context.
 * elemtypes are the columns' types, as the inspection functions return them.
 */
static void
column_arrays(const pal_sample *s, int n, row_values fill, int ncols,
			  const Oid *elemtypes, Datum *arrays)
{
	Datum	  **elems = palloc(ncols * sizeof(Datum *));
	bool	  **isnull = palloc(ncols * sizeof(bool *));
	Datum		values[FACILITY_COLS];
	bool		nulls[FACILITY_COLS];
	int			dims[1] = {n},
				lbs[1] = {1},
				i,
				k;

	Assert(ncols <= FACILITY_COLS);
	for (k = 0; k < ncols; k++)
	{
		elems[k] = palloc(mul_size(Max(n, 1), sizeof(Datum)));
		isnull[k] = palloc(mul_size(Max(n, 1), sizeof(bool)));
	}
	for (i = 0; i < n; i++)
	{
		if (i % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
		fill(s, i, values, nulls);
		for (k = 0; k < ncols; k++)
		{
			elems[k][i] = values[k];
			isnull[k][i] = nulls[k];
		}
	}
	for (k = 0; k < ncols; k++)
	{
		int16		typlen;
		bool		byval;
		char		align;

		get_typlenbyvalalign(elemtypes[k], &typlen, &byval, &align);
		arrays[k] = PointerGetDatum(n == 0 ? construct_empty_array(elemtypes[k])
									: construct_md_array(elems[k], isnull[k], 1, dims, lbs,
														 elemtypes[k], typlen, byval, align));
	}
}

/* the type of a schema-qualified name, whatever the search_path */
static Oid
qualified_type(const char *name)
{
	Oid			typid;
	int32		typmod;

	parseTypeString(name, &typid, &typmod, false);
	return typid;
}

/* runs an INSERT with the arrays as parameters; the rows inserted */
static int64
insert_rows(const char *table, const char *sql, int ncols, const Oid *elemtypes,
			const Datum *arrays)
{
	Oid			argtypes[FACILITY_COLS];
	int			k,
				rc;

	for (k = 0; k < ncols; k++)
		argtypes[k] = get_array_type(elemtypes[k]);
	rc = SPI_execute_with_args(sql, ncols, argtypes, (Datum *) arrays, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not insert the sample into %s: %s", table,
						SPI_result_code_string(rc))));
	return (int64) SPI_processed;
}

/* the sample's region codes already used by other rows: an error (23505) */
static void
check_region_codes(const pal_sample *s)
{
	Datum	   *codes = palloc(mul_size(Max(s->nregions, 1), sizeof(Datum)));
	Oid			argtype = TEXTARRAYOID;
	Datum		arg;
	bool		isnull;
	Datum		clash;
	int			i,
				rc;

	for (i = 0; i < s->nregions; i++)
		codes[i] = CStringGetTextDatum(s->regions[i].code);
	arg = PointerGetDatum(construct_array(codes, s->nregions, TEXTOID, -1, false, TYPALIGN_INT));
	rc = SPI_execute_with_args("SELECT pg_catalog.string_agg(r.code, ', ' ORDER BY r.code) "
							   "FROM palliative.region AS r "
							   "WHERE r.code OPERATOR(pg_catalog.=) ANY ($1)",
							   1, &argtype, &arg, NULL, false, 0);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not check the sample's region codes: %s",
						SPI_result_code_string(rc))));
	clash = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("load_sample cannot add its regions: codes %s are already used by other rows",
						TextDatumGetCString(clash)),
				 errdetail("The sample uses prefecture codes 81 to 84 and the secondary and municipality codes under them."),
				 errhint("Delete or renumber those regions first.")));
}

static const char *const insert_regions =
"INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, plan_period, "
"population, geom, source) "
"SELECT s.code, s.level, s.name_ja, s.name_en, s.parent_code, "
"CASE WHEN s.level OPERATOR(pg_catalog.=) 'secondary' THEN 'R6-R11' END, "
"s.population, public.ST_GeomFromEWKB(s.geom_ewkb), 'sample' "
"FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
"pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7)) "
"AS s (code, level, name_ja, name_en, parent_code, population, geom_ewkb)";

static const char *const insert_cells =
"INSERT INTO palliative.population (mesh, geom, year, total, aged_65_plus, aged_75_plus, "
"cancer_deaths, source) "
"SELECT c.mesh, public.ST_SetSRID(public.ST_MakePoint(c.lon, c.lat), 4326), 2020, "
"c.total, c.aged_65_plus, c.aged_75_plus, c.cancer_deaths, 'sample' "
"FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
"pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7)) "
"AS c (mesh, lon, lat, total, aged_65_plus, aged_75_plus, cancer_deaths)";

static const char *const insert_facilities =
"INSERT INTO palliative.facility (name, kind, capabilities, capabilities_derived, pcu_beds, "
"ltc_beds, general_beds, physicians, physicians_trained, conferences_attended, address, geom, "
"surveyed_on, source) "
"SELECT f.name, f.kind::palliative.facility_kind, f.capabilities, true, f.pcu_beds, "
"f.ltc_beds, f.general_beds, f.physicians, f.physicians_trained, f.conferences_attended, "
"f.address, public.ST_SetSRID(public.ST_MakePoint(f.lon, f.lat), 4326), f.surveyed_on, 'sample' "
"FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
"pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7), "
"pg_catalog.unnest($8), pg_catalog.unnest($9), pg_catalog.unnest($10), pg_catalog.unnest($11), "
"pg_catalog.unnest($12), pg_catalog.unnest($13)) "
"AS f (name, kind, capabilities, pcu_beds, ltc_beds, general_beds, physicians, "
"physicians_trained, conferences_attended, address, lon, lat, surveyed_on)";

/* builds one table's arrays in cxt, inserts them, and frees them */
static int64
insert_table(const pal_sample *s, MemoryContext cxt, const char *table, const char *sql,
			 int n, row_values fill, int ncols, const Oid *elemtypes)
{
	Datum		arrays[FACILITY_COLS];
	MemoryContext old = MemoryContextSwitchTo(cxt);
	int64		rows;

	column_arrays(s, n, fill, ncols, elemtypes, arrays);
	MemoryContextSwitchTo(old);
	rows = insert_rows(table, sql, ncols, elemtypes, arrays);
	MemoryContextReset(cxt);
	return rows;
}

/*
 * palliative.sample_insert(seed): generates the sample of the seed once and
 * inserts its regions (after checking that no other row uses their codes),
 * cells and facilities with source 'sample'; returns the rows inserted.
 */
Datum
sample_insert(PG_FUNCTION_ARGS)
{
	Oid			region_types[REGION_COLS] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	INT8OID, BYTEAOID};
	Oid			cell_types[CELL_COLS] = {InvalidOid, FLOAT8OID, FLOAT8OID, FLOAT8OID,
	FLOAT8OID, FLOAT8OID, FLOAT8OID};
	Oid			facility_types[FACILITY_COLS] = {TEXTOID, TEXTOID, InvalidOid, INT4OID,
		INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, TEXTOID, FLOAT8OID, FLOAT8OID,
	DATEOID};
	TupleDesc	tupdesc;
	pal_sample	sample;
	MemoryContext cxt,
				arrays;
	Datum		counts[3];
	bool		nulls[3] = {false, false, false};
	int			rc;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sample_insert seed must not be null")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("sample_insert must be called where a row is expected")));
	cell_types[0] = qualified_type("palliative.meshcode");
	facility_types[2] = qualified_type("palliative.capset");

	cxt = generate(PG_GETARG_INT32(0), PAL_SAMPLE_POLYGONS, &sample);
	arrays = AllocSetContextCreate(cxt, "palliative sample arrays", ALLOCSET_DEFAULT_SIZES);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not connect to SPI to insert the sample: %s",
						SPI_result_code_string(rc))));
	check_region_codes(&sample);
	counts[0] = Int64GetDatum(insert_table(&sample, arrays, "palliative.region", insert_regions,
										   sample.nregions, region_values, REGION_COLS,
										   region_types));
	counts[1] = Int64GetDatum(insert_table(&sample, arrays, "palliative.population", insert_cells,
										   sample.ncells, cell_values, CELL_COLS, cell_types));
	counts[2] = Int64GetDatum(insert_table(&sample, arrays, "palliative.facility",
										   insert_facilities, sample.nfacilities,
										   facility_values, FACILITY_COLS, facility_types));
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not finish SPI after inserting the sample: %s",
						SPI_result_code_string(rc))));
	MemoryContextDelete(cxt);
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, counts, nulls)));
}
