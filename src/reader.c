/*
 * reader.c
 *	  The one reader of inner queries (see reader.h).
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/portal.h"

#include "pal_glue.h"
#include "reader.h"

#define FETCH_BATCH 10000

/* how one column of the query is read */
typedef struct col_plan
{
	int			attno;			/* 1-based; 0 when absent */
	Oid			typid;
	pal_geom_reader geom;		/* POINT */
} col_plan;

/* one read in progress: all of it lives on the caller's stack */
typedef struct read_state
{
	const pal_query *q;
	MemoryContext cxt;			/* where the rows go */
	pal_rows   *out;
	col_plan   *plan;
	size_t		cap;
	int			key;			/* index of the KEY column, or -1 */
	char	   *hint;
} read_state;

static const char *
type_label(pal_coltype type)
{
	switch (type)
	{
		case PAL_COL_ID:
			return "bigint";
		case PAL_COL_INTEGER:
			return "integer";
		case PAL_COL_NUMBER:
			return "double precision";
		case PAL_COL_POINT:
			return "geometry (Point, SRID 4326)";
		case PAL_COL_TEXT:
			return "text";
	}
	return "?";
}

static const char *
kind_label(pal_coltype type)
{
	switch (type)
	{
		case PAL_COL_ID:
		case PAL_COL_INTEGER:
			return "an integer type";
		case PAL_COL_NUMBER:
			return "a numeric type";
		case PAL_COL_POINT:
			return "geometry";
		case PAL_COL_TEXT:
			return "a text type";
	}
	return "?";
}

char *
pal_query_hint(const pal_query *q)
{
	StringInfoData s;
	int			k;

	initStringInfo(&s);
	appendStringInfo(&s, "%s must return the column%s ", q->arg, q->ncols > 1 ? "s" : "");
	for (k = 0; k < q->ncols; k++)
	{
		if (k > 0)
			appendStringInfoString(&s, k == q->ncols - 1 ? " and " : ", ");
		appendStringInfo(&s, "%s %s", q->cols[k].name, type_label(q->cols[k].type));
	}
	if (q->hint_more)
		appendStringInfo(&s, ": %s", q->hint_more);
	else
		appendStringInfoChar(&s, '.');
	return s.data;
}

char *
pal_arg_text(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

static bool
is_geometry(Oid typid)
{
	char	   *name = format_type_be(typid);
	size_t		n = strlen(name);

	return strcmp(name, "geometry") == 0 ||
		(n > 9 && strcmp(name + n - 9, ".geometry") == 0);
}

static bool
type_fits(Oid typid, pal_coltype type)
{
	switch (type)
	{
		case PAL_COL_ID:
		case PAL_COL_INTEGER:
			return typid == INT2OID || typid == INT4OID || typid == INT8OID;
		case PAL_COL_NUMBER:
			return typid == INT2OID || typid == INT4OID || typid == INT8OID ||
				typid == FLOAT4OID || typid == FLOAT8OID || typid == NUMERICOID;
		case PAL_COL_POINT:
			return is_geometry(typid);
		case PAL_COL_TEXT:
			return typid == TEXTOID || typid == VARCHAROID ||
				typid == BPCHAROID || typid == NAMEOID;
	}
	return false;
}

void
pal_geom_reader_init(pal_geom_reader *gr, Oid typid, MemoryContext cxt)
{
	Oid			sendfn;
	bool		varlena;

	gr->typid = typid;
	getTypeBinaryOutputInfo(typid, &sendfn, &varlena);
	fmgr_info_cxt(sendfn, &gr->send, cxt);
}

static void
raise_core(pal_status st, const pal_error *err)
{
	if (st != PAL_OK)
		pal_raise(err);
}

bool
pal_geom_read(const pal_geom_reader *gr, Datum geom, pal_ewkb_point *out)
{
	bytea	   *b = SendFunctionCall((FmgrInfo *) &gr->send, geom);
	bool		ok;

	ok = pal_ewkb_read_point((const uint8_t *) VARDATA(b), VARSIZE(b) - VARHDRSZ, out) == 0;
	pfree(b);
	return ok;
}

void
pal_geom_unreadable(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s has a geometry that could not be read", what)));
	pg_unreachable();
}

void
pal_read_point(const pal_geom_reader *gr, Datum geom, const char *what,
			   int64 id, double *lon, double *lat)
{
	pal_ewkb_point pt;
	char		row[128];
	pal_error	err;
	bool		readable = pal_geom_read(gr, geom, &pt);

	if (!readable || !pal_point_ok(&pt))
	{
		pal_row_name(row, sizeof(row), what, 1, id, 0);
		if (!readable)
			pal_geom_unreadable(row);
		raise_core(pal_point_check(&pt, row, &err), &err);
	}
	*lon = pt.x;
	*lat = pt.y;
}

void
pal_read_number(double v, bool allow_negative, const char *what, int64 id,
				const char *column)
{
	char		row[128];
	pal_error	err;

	if (pal_value_ok(v, allow_negative))
		return;
	pal_row_name(row, sizeof(row), what, 1, id, 0);
	raise_core(pal_value_check(v, allow_negative, row, column, &err), &err);
}

void
pal_null_error(const char *row, const char *column, const char *key_of)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s has a null %s", row, column),
			 key_of ? errdetail("Every row of %s needs an id.", key_of) : 0));
	pg_unreachable();
}

/* the user's text without trailing blanks and semicolons */
char *
pal_query_clean(const char *sql)
{
	char	   *q = pstrdup(sql);
	size_t		n = strlen(q);

	while (n > 0 && (isspace((unsigned char) q[n - 1]) || q[n - 1] == ';'))
		q[--n] = '\0';
	return q;
}

/* plan the query once; it must be one statement that returns rows */
static SPIPlanPtr
prepare(const read_state *rs, const char *sql, int nargs, const Oid *argtypes)
{
	const pal_query *q = rs->q;
	SPIPlanPtr	plan;
	List	   *sources;
	CachedPlanSource *src;

	plan = SPI_prepare_cursor(sql, nargs, (Oid *) argtypes, CURSOR_OPT_NO_SCROLL);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not prepare %s: %s", q->arg,
						SPI_result_code_string(SPI_result))));
	sources = SPI_plan_get_plan_sources(plan);
	if (list_length(sources) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 list_length(sources) == 0 ?
				 errmsg("%s is empty", q->arg) :
				 errmsg("%s must be a single query, not %d statements",
						q->arg, list_length(sources)),
				 errhint("%s", rs->hint)));
	src = (CachedPlanSource *) linitial(sources);
	if (src->resultDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s does not return rows", q->arg),
				 errhint("%s", rs->hint)));
	return plan;
}

/* find every declared column in the result and check its type */
static void
match_columns(read_state *rs, TupleDesc desc)
{
	const pal_query *q = rs->q;
	int			k,
				a;

	for (k = 0; k < q->ncols; k++)
	{
		const pal_colspec *c = &q->cols[k];
		int			found = 0;

		for (a = 0; a < desc->natts; a++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, a);

			if (att->attisdropped || strcmp(NameStr(att->attname), c->name) != 0)
				continue;
			if (found)
				ereport(ERROR,
						(errcode(ERRCODE_AMBIGUOUS_COLUMN),
						 errmsg("%s returns column \"%s\" more than once", q->arg, c->name),
						 errhint("%s", rs->hint)));
			found = a + 1;
		}
		rs->out->col[k].present = found > 0;
		rs->plan[k].attno = found;
		if (!found)
		{
			if (c->flags & PAL_COL_OPTIONAL)
				continue;
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s has no column \"%s\"", q->arg, c->name),
					 errhint("%s", rs->hint)));
		}
		rs->plan[k].typid = TupleDescAttr(desc, found - 1)->atttypid;
		if (!type_fits(rs->plan[k].typid, c->type))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of %s has type %s, not %s",
							c->name, q->arg, format_type_be(rs->plan[k].typid),
							kind_label(c->type)),
					 errhint("%s", rs->hint)));
		if (c->type == PAL_COL_POINT)
			pal_geom_reader_init(&rs->plan[k].geom, rs->plan[k].typid, rs->cxt);
	}
}

/* make room for more rows in every column */
static void
grow(read_state *rs, uint64 more)
{
	pal_rows   *out = rs->out;
	size_t		cap;
	int			k;

	if (out->n + more <= rs->cap)
		return;
	cap = Max(rs->cap * 2, out->n + (size_t) more);
	if (cap >= (size_t) PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s returns too many rows", rs->q->arg),
				 errdetail("At most %u rows can be read.", PG_UINT32_MAX - 1)));
	for (k = 0; k < rs->q->ncols; k++)
	{
		pal_column *c = &out->col[k];

#define GROW(field) \
		c->field = c->field == NULL ? \
			MemoryContextAllocHuge(rs->cxt, mul_size(cap, sizeof(*c->field))) : \
			repalloc_huge(c->field, mul_size(cap, sizeof(*c->field)))
		switch (rs->q->cols[k].type)
		{
			case PAL_COL_ID:
				GROW(i);
				break;
			case PAL_COL_INTEGER:
				GROW(i32);
				break;
			case PAL_COL_NUMBER:
				GROW(f);
				break;
			case PAL_COL_POINT:
				GROW(lon);
				GROW(lat);
				break;
			case PAL_COL_TEXT:
				GROW(s);
				break;
		}
		if (rs->q->cols[k].flags & PAL_COL_NULLABLE)
			GROW(isnull);
#undef GROW
	}
	rs->cap = cap;
}

static int64
integer_value(Datum v, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
			return DatumGetInt16(v);
		case INT4OID:
			return DatumGetInt32(v);
		default:
			return DatumGetInt64(v);
	}
}

static double
number_value(Datum v, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
			return (double) integer_value(v, typid);
		case FLOAT4OID:
			return DatumGetFloat4(v);
		case NUMERICOID:
			return DatumGetFloat8(DirectFunctionCall1(numeric_float8, v));
		default:
			return DatumGetFloat8(v);
	}
}

static char *
text_value(Datum v, Oid typid, MemoryContext cxt)
{
	if (typid == NAMEOID)
		return MemoryContextStrdup(cxt, NameStr(*DatumGetName(v)));
	return MemoryContextStrdup(cxt, TextDatumGetCString(v));
}

/* how messages name the row being read; formatted only for an error */
typedef struct row_ref
{
	const char *what;
	bool		has_id;
	int64		id;
	uint64		rowno;
	char		name[128];
} row_ref;

static const char *
row_name(row_ref *r)
{
	pal_row_name(r->name, sizeof(r->name), r->what, r->has_id, r->id, r->rowno);
	return r->name;
}

/* store value v (not null) of column k of row i, checking it */
static void
store(read_state *rs, int k, size_t i, Datum v, row_ref *row)
{
	const pal_colspec *c = &rs->q->cols[k];
	pal_column *col = &rs->out->col[k];
	pal_error	err;
	pal_ewkb_point pt;

	switch (c->type)
	{
		case PAL_COL_ID:
			col->i[i] = integer_value(v, rs->plan[k].typid);
			break;
		case PAL_COL_INTEGER:
			{
				int64		x = integer_value(v, rs->plan[k].typid);

				if (x < PG_INT32_MIN || x > PG_INT32_MAX)
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("%s has %s " INT64_FORMAT ", out of the range of integer",
									row_name(row), c->name, x)));
				col->i32[i] = (int32) x;
				break;
			}
		case PAL_COL_NUMBER:
			col->f[i] = number_value(v, rs->plan[k].typid);
			if (!pal_value_ok(col->f[i], (c->flags & PAL_COL_SIGNED) != 0))
				raise_core(pal_value_check(col->f[i], (c->flags & PAL_COL_SIGNED) != 0,
										   row_name(row), c->name, &err), &err);
			break;
		case PAL_COL_POINT:
			if (!pal_geom_read(&rs->plan[k].geom, v, &pt))
				pal_geom_unreadable(row_name(row));
			if (!pal_point_ok(&pt))
				raise_core(pal_point_check(&pt, row_name(row), &err), &err);
			col->lon[i] = pt.x;
			col->lat[i] = pt.y;
			break;
		case PAL_COL_TEXT:
			col->s[i] = text_value(v, rs->plan[k].typid, rs->cxt);
			break;
	}
}

/* a null in column k of row i: allowed, or an error naming the row */
static void
store_null(read_state *rs, int k, size_t i, row_ref *row)
{
	const pal_colspec *c = &rs->q->cols[k];
	pal_column *col = &rs->out->col[k];

	if (!(c->flags & PAL_COL_NULLABLE))
		pal_null_error(row_name(row), c->name, k == rs->key ? rs->q->arg : NULL);
	switch (c->type)
	{
		case PAL_COL_ID:
			col->i[i] = 0;
			break;
		case PAL_COL_INTEGER:
			col->i32[i] = 0;
			break;
		case PAL_COL_NUMBER:
			col->f[i] = 0.0;
			break;
		case PAL_COL_POINT:
			col->lon[i] = col->lat[i] = 0.0;
			break;
		case PAL_COL_TEXT:
			col->s[i] = NULL;
			break;
	}
}

/* read one fetched tuple as row i */
static void
read_row(read_state *rs, HeapTuple tup, TupleDesc desc, size_t i)
{
	const pal_query *q = rs->q;
	row_ref		row;
	int			k;

	row.what = q->what;
	row.has_id = false;
	row.id = 0;
	row.rowno = (uint64) i + 1;
	if (rs->key >= 0)
	{
		bool		isnull;
		Datum		v = SPI_getbinval(tup, desc, rs->plan[rs->key].attno, &isnull);

		if (!isnull)
		{
			row.id = integer_value(v, rs->plan[rs->key].typid);
			row.has_id = true;
		}
	}
	for (k = 0; k < q->ncols; k++)
	{
		bool		isnull;
		Datum		v;

		if (rs->plan[k].attno == 0)
			continue;
		v = SPI_getbinval(tup, desc, rs->plan[k].attno, &isnull);
		if (q->cols[k].flags & PAL_COL_NULLABLE)
			rs->out->col[k].isnull[i] = isnull;
		if (isnull)
			store_null(rs, k, i, &row);
		else
			store(rs, k, i, v, &row);
	}
}

/* fetch every row in batches; temporary values live in a batch context */
static void
fetch_all(read_state *rs, Portal portal)
{
	MemoryContext batch = AllocSetContextCreate(CurrentMemoryContext,
												"palliative reader batch",
												ALLOCSET_DEFAULT_SIZES);

	for (;;)
	{
		MemoryContext old;
		uint64		r;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		grow(rs, SPI_processed);
		old = MemoryContextSwitchTo(batch);
		for (r = 0; r < SPI_processed; r++)
		{
			read_row(rs, SPI_tuptable->vals[r], SPI_tuptable->tupdesc, rs->out->n);
			rs->out->n++;
			if ((r & 1023) == 1023)
				CHECK_FOR_INTERRUPTS();
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(batch);
		SPI_freetuptable(SPI_tuptable);
	}
	MemoryContextDelete(batch);
}

/* the KEY column's ids: unique, and a lookup from id to row */
static void
index_ids(read_state *rs)
{
	pal_allocator alloc = pal_context_allocator(rs->cxt);
	pal_error	err;

	raise_core(pal_idmap_build(&rs->out->ids, rs->out->col[rs->key].i,
							   rs->out->n, rs->q->what, &alloc, &err), &err);
}

void
pal_read_check(const pal_query *q, const char *sql)
{
	read_state	rs;
	pal_rows	out;
	SPIPlanPtr	plan;
	CachedPlanSource *src;
	int			rc;

	memset(&out, 0, sizeof(out));
	out.col = palloc0(mul_size(Max(q->ncols, 1), sizeof(pal_column)));
	rs.q = q;
	rs.cxt = CurrentMemoryContext;
	rs.out = &out;
	rs.cap = 0;
	rs.key = -1;
	rs.plan = palloc0(mul_size(Max(q->ncols, 1), sizeof(col_plan)));
	rs.hint = pal_query_hint(q);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not connect to SPI to check %s: %s", q->arg,
						SPI_result_code_string(rc))));
	plan = prepare(&rs, pal_query_clean(sql), 0, NULL);
	src = (CachedPlanSource *) linitial(SPI_plan_get_plan_sources(plan));
	match_columns(&rs, src->resultDesc);
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not finish SPI after checking %s: %s", q->arg,
						SPI_result_code_string(rc))));
}

void
pal_read(const pal_query *q, const char *sql, int nargs, const Oid *argtypes,
		 const Datum *args, MemoryContext cxt, pal_rows *out)
{
	read_state	rs;
	SPIPlanPtr	plan;
	Portal		portal;
	char	   *nulls;
	int			k,
				rc;

	memset(out, 0, sizeof(*out));
	out->col = MemoryContextAllocZero(cxt, mul_size(Max(q->ncols, 1), sizeof(pal_column)));
	rs.q = q;
	rs.cxt = cxt;
	rs.out = out;
	rs.cap = 0;
	rs.key = -1;
	rs.plan = palloc0(mul_size(Max(q->ncols, 1), sizeof(col_plan)));
	rs.hint = pal_query_hint(q);
	for (k = 0; k < q->ncols; k++)
		if (q->cols[k].flags & PAL_COL_KEY)
			rs.key = k;

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not connect to SPI to read %s: %s", q->arg,
						SPI_result_code_string(rc))));
	plan = prepare(&rs, pal_query_clean(sql), nargs, argtypes);
	nulls = palloc(Max(nargs, 1));
	memset(nulls, ' ', Max(nargs, 1));
	portal = SPI_cursor_open(NULL, plan, (Datum *) args, nulls, q->read_only);
	match_columns(&rs, portal->tupDesc);
	fetch_all(&rs, portal);
	SPI_cursor_close(portal);
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not finish SPI after reading %s: %s", q->arg,
						SPI_result_code_string(rc))));
	if (rs.key >= 0)
		index_ids(&rs);
}
