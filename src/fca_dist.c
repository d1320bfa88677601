/*
 * fca_dist.c
 *	  SQL interface of the distributable form of the floating-catchment
 *	  methods (src/core/engine/fca_dist.h): prepare_supply, fca_demand_part,
 *	  the aggregate fca_step1, fca_access and fca_ratios.
 *
 * prepare_supply reads supply_sql through the one reader.  The other
 * functions take a demand row as arguments and check it by the reader's
 * rules (pal_geom_read, pal_point_check, pal_value_check, pal_null_error).
 *
 * Each call site keeps, in its fn_extra (the query's memory, never a
 * static), the prepared supply it last saw, detoasted once, with the
 * spatial index of the engine built from it, and for fca_access the facility
 * factors of the sums it last saw: a backend indexes the supply once per
 * query however many rows it computes.  Values are recognised without
 * being copied: an out-of-line (TOASTed) value by its TOAST pointer, an
 * in-memory one by its fingerprint or hash.
 *
 * The aggregate's state is a palliative.fca_sums value, not internal: Citus
 * pushes an aggregate down to its workers only when the state has a type
 * of its own (it ships the state in its text form).  In the aggregate the
 * state is a working value added to in place; parallel workers hand it to
 * the leader as it is, and its text and binary output finalize it.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/fca.h"
#include "core/engine/fca_dist.h"
#include "decay_glue.h"
#include "dist_glue.h"
#include "inputs.h"
#include "pal_glue.h"
#include "reader.h"

PG_FUNCTION_INFO_V1(pal_prepare_supply);
PG_FUNCTION_INFO_V1(pal_fca_demand_part);
PG_FUNCTION_INFO_V1(pal_fca_step1_trans);
PG_FUNCTION_INFO_V1(pal_fca_step1_combine);
PG_FUNCTION_INFO_V1(pal_fca_step1_final);
PG_FUNCTION_INFO_V1(pal_fca_access);
PG_FUNCTION_INFO_V1(pal_fca_ratios_sql);
PG_FUNCTION_INFO_V1(pal_fca_distributed_sql);
PG_FUNCTION_INFO_V1(pal_fca_sums_summary);

/* arguments shared by the row functions */
#define ARG_SUPPLY	0
#define ARG_DECAY	1
#define ARG_METHOD	2

/* what a value was last seen as: its TOAST pointer, or its hash */
typedef struct value_ident
{
	bool		valid;
	bool		ondisk;
	Oid			toastrelid;
	Oid			valueid;
	uint64		hash;
	uint64		extra;
} value_ident;

/* per call site, in fn_extra */
typedef struct dist_cache
{
	MemoryContext supply_cxt;	/* the supply and what is built from it */
	value_ident supply_id;
	pal_supply *supply;
	pal_points	pts;
	pal_allocator alloc;		/* on supply_cxt */
	pal_fca    *engine;			/* for method, or NULL */
	int			method;
	char	   *decay_ok;		/* bytes of the decay argument checked */
	Size		decay_len;
	char		method_text[16];	/* the method argument last seen */
	int			method_arg;
	bool		geom_ready;
	pal_geom_reader gr;
	/* fca_access: the factors of the sums last seen */
	value_ident sums_id;
	bool		sums_null;
	int32		sums_srid;
	uint64		sums_rows;
	double	   *factor;
	TupleDesc	tupdesc;
} dist_cache;

static double demand_weight(FunctionCallInfo fcinfo, int argno, int64 id);

static dist_cache *
cache_of(FunctionCallInfo fcinfo)
{
	dist_cache *c = fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(dist_cache));
		c->supply_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
											  "palliative prepared supply",
											  ALLOCSET_DEFAULT_SIZES);
		c->alloc = pal_context_allocator(c->supply_cxt);
		c->method = -1;
		c->method_arg = -1;
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/*
 * Whether raw is the value last seen as *id; hash_of reads the hash and an
 * extra word of a plain in-memory value.  An out-of-line value is known by
 * its TOAST pointer; a short or compressed one is detoasted (it is small).
 */
static bool
same_value(const value_ident *id, Datum raw,
		   void (*hash_of) (const void *value, uint64 *hash, uint64 *extra))
{
	struct varlena *v = (struct varlena *) DatumGetPointer(raw);
	uint64		hash,
				extra;

	if (!id->valid)
		return false;
	if (VARATT_IS_EXTERNAL_ONDISK(v))
	{
		struct varatt_external t;

		VARATT_EXTERNAL_GET_POINTER(t, v);
		return id->ondisk && t.va_toastrelid == id->toastrelid &&
			t.va_valueid == id->valueid;
	}
	if (VARATT_IS_EXTENDED(v))
	{
		struct varlena *d = pg_detoast_datum(v);
		bool		same;

		hash_of(d, &hash, &extra);
		same = !id->ondisk && hash == id->hash && extra == id->extra;
		if (d != v)
			pfree(d);
		return same;
	}
	hash_of(v, &hash, &extra);
	return !id->ondisk && hash == id->hash && extra == id->extra;
}

/* remember raw, whose detoasted form is value, as *id */
static void
remember(value_ident *id, Datum raw, const void *value,
		 void (*hash_of) (const void *value, uint64 *hash, uint64 *extra))
{
	struct varlena *v = (struct varlena *) DatumGetPointer(raw);

	id->valid = true;
	id->ondisk = VARATT_IS_EXTERNAL_ONDISK(v);
	if (id->ondisk)
	{
		struct varatt_external t;

		VARATT_EXTERNAL_GET_POINTER(t, v);
		id->toastrelid = t.va_toastrelid;
		id->valueid = t.va_valueid;
	}
	hash_of(value, &id->hash, &id->extra);
}

static void
supply_hash(const void *value, uint64 *hash, uint64 *extra)
{
	const pal_supply *s = value;

	*hash = s->fingerprint;
	*extra = s->n;
}

static void
sums_hash(const void *value, uint64 *hash, uint64 *extra)
{
	const pal_sums *s = value;

	/* a working value has no hash yet: never taken as the same */
	*hash = (s->flags & PAL_SUMS_WORKING) ? 0 : s->hash;
	*extra = (s->flags & PAL_SUMS_WORKING) ? PG_UINT64_MAX : s->rows;
}

static void
null_argument(const char *name, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s must not be null", name),
			 hint ? errhint("%s", hint) : 0));
}

/* the prepared supply argument, detoasted once per distinct value */
static void
cache_supply(FunctionCallInfo fcinfo, dist_cache *c)
{
	Datum		raw;
	MemoryContext old;

	if (PG_ARGISNULL(ARG_SUPPLY))
		null_argument("supply", "Pass the value of palliative.prepare_supply(supply_sql, decay).");
	raw = PG_GETARG_DATUM(ARG_SUPPLY);
	if (same_value(&c->supply_id, raw, supply_hash))
		return;
	/* a new supply: forget everything built from the old one */
	MemoryContextReset(c->supply_cxt);
	memset(&c->supply_id, 0, sizeof(c->supply_id));
	memset(&c->sums_id, 0, sizeof(c->sums_id));
	c->engine = NULL;
	c->method = -1;
	c->decay_ok = NULL;
	c->factor = NULL;
	old = MemoryContextSwitchTo(c->supply_cxt);
	c->supply = (pal_supply *) PG_DETOAST_DATUM_COPY(raw);
	MemoryContextSwitchTo(old);
	pal_supply_points(c->supply, &c->pts);
	remember(&c->supply_id, raw, c->supply, supply_hash);
}

/* the decay argument must be the supply's */
static void
check_decay(FunctionCallInfo fcinfo, dist_cache *c)
{
	pal_decay  *d;
	pal_error	err;

	if (PG_ARGISNULL(ARG_DECAY))
		null_argument("decay", NULL);
	d = PG_GETARG_DECAY_P(ARG_DECAY);
	if (c->decay_ok != NULL && c->decay_len == VARSIZE(d) &&
		memcmp(c->decay_ok, d, VARSIZE(d)) == 0)
		return;
	pal_check(pal_supply_check_decay(c->supply, d, &err), &err);
	c->decay_ok = MemoryContextAlloc(c->supply_cxt, VARSIZE(d));
	memcpy(c->decay_ok, d, VARSIZE(d));
	c->decay_len = VARSIZE(d);
}

/* the method argument, by name */
static int
method_of(FunctionCallInfo fcinfo, dist_cache *c)
{
	text	   *t;
	int			len;

	if (PG_ARGISNULL(ARG_METHOD))
		null_argument("method", NULL);
	t = PG_GETARG_TEXT_PP(ARG_METHOD);
	len = VARSIZE_ANY_EXHDR(t);
	if (c->method_arg >= 0 && len < (int) sizeof(c->method_text) &&
		memcmp(c->method_text, VARDATA_ANY(t), len) == 0 && c->method_text[len] == '\0')
		return c->method_arg;
	c->method_arg = pal_arg_method(fcinfo, ARG_METHOD);
	memset(c->method_text, 0, sizeof(c->method_text));
	if (len < (int) sizeof(c->method_text))
		memcpy(c->method_text, VARDATA_ANY(t), len);
	return c->method_arg;
}

/* supply, decay and method checked; the engine for them */
static pal_fca *
engine_of(FunctionCallInfo fcinfo, dist_cache *c, int *method)
{
	pal_points	none = {0, NULL, NULL, NULL, NULL};
	pal_error	err;

	cache_supply(fcinfo, c);
	check_decay(fcinfo, c);
	*method = method_of(fcinfo, c);
	if (c->engine == NULL || c->method != *method)
	{
		if (c->engine != NULL)
			pal_fca_destroy(c->engine);
		c->engine = NULL;
		memset(&c->sums_id, 0, sizeof(c->sums_id));
		pal_check(pal_fca_create(&none, &c->pts, pal_supply_decay(c->supply),
								 *method, NULL, &c->alloc, &c->engine, &err),
				  &err);
		c->method = *method;
	}
	return c->engine;
}

/*
 * The demand row's id and point (arguments idarg, idarg + 1), checked by the
 * reader's rules; returns the point's SRID.
 */
static int32
demand_point(FunctionCallInfo fcinfo, dist_cache *c, int idarg, int64 *id,
			 double *lon, double *lat)
{
	pal_ewkb_point pt;
	pal_error	err;
	char		row[128];

	if (PG_ARGISNULL(idarg))
		pal_null_error("a demand row", "id", "the demand");
	*id = PG_GETARG_INT64(idarg);
	if (PG_ARGISNULL(idarg + 1))
	{
		pal_row_name(row, sizeof(row), "demand", 1, *id, 0);
		pal_null_error(row, "geom", NULL);
	}
	if (!c->geom_ready)
	{
		pal_geom_reader_init(&c->gr, get_fn_expr_argtype(fcinfo->flinfo, idarg + 1),
							 fcinfo->flinfo->fn_mcxt);
		c->geom_ready = true;
	}
	/* rows are named only when a check fails */
	if (!pal_geom_read(&c->gr, PG_GETARG_DATUM(idarg + 1), &pt))
	{
		pal_row_name(row, sizeof(row), "demand", 1, *id, 0);
		pal_geom_unreadable(row);
	}
	if (!pal_point_ok(&pt))
	{
		pal_row_name(row, sizeof(row), "demand", 1, *id, 0);
		pal_check(pal_point_check(&pt, row, &err), &err);
	}
	*lon = pt.x;
	*lat = pt.y;
	return pt.srid;
}

Datum
pal_fca_demand_part(PG_FUNCTION_ARGS)
{
	dist_cache *c = cache_of(fcinfo);
	pal_allocator a = pal_context_allocator(CurrentMemoryContext);
	pal_fca    *f;
	pal_part   *p;
	pal_error	err;
	int			method;
	int64		id;
	double		lon,
				lat,
				weight;
	int32		srid;

	f = engine_of(fcinfo, c, &method);
	srid = demand_point(fcinfo, c, 3, &id, &lon, &lat);
	weight = demand_weight(fcinfo, 5, id);
	pal_check(pal_part_build(f, c->supply, method, id, srid, lon, lat, weight,
							 &a, &p, &err), &err);
	SET_VARSIZE(p, pal_part_size(p));
	PG_RETURN_POINTER(p);
}

/* ---- the aggregate -------------------------------------------------------- */

/* a working value of the shape of sums s, holding s */
static pal_sums *
working_from(const pal_sums *s)
{
	pal_sums   *w;
	pal_error	err;

	w = palloc_extended(pal_sums_working_size(s->method, s->nfac), MCXT_ALLOC_HUGE);
	pal_sums_working_init(w, s->method, s->nfac, s->supply_fp);
	pal_check(pal_sums_add_sums(w, s, &err), &err);
	SET_VARSIZE(w, pal_sums_size(w));
	return w;
}

pal_sums *
pal_sums_finalized(const pal_sums *s)
{
	size_t		size = pal_sums_final_size(s);
	pal_sums   *out;

	if (size > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("fca_sums of %u facilities is too large", s->nfac)));
	out = palloc_extended(size, MCXT_ALLOC_HUGE);
	pal_sums_finalize(s, out);
	SET_VARSIZE(out, size);
	return out;
}

Datum
pal_fca_step1_trans(PG_FUNCTION_ARGS)
{
	pal_part   *p;
	pal_sums   *w;
	pal_error	err;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("fca_step1 takes the parts of demand rows, not null"),
				 errhint("Aggregate palliative.fca_demand_part(supply, decay, method, id, geom, weight).")));
	p = (pal_part *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
	if (PG_ARGISNULL(0))
	{
		/* a new state; the executor copies it into the aggregate's memory */
		w = palloc_extended(pal_sums_working_size(p->method, p->nfac), MCXT_ALLOC_HUGE);
		pal_sums_working_init(w, p->method, p->nfac, p->supply_fp);
		SET_VARSIZE(w, pal_sums_size(w));
	}
	else
	{
		w = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
		/* in place only in the aggregate's own state, else on a copy */
		if (!AggCheckCallContext(fcinfo, NULL) || !(w->flags & PAL_SUMS_WORKING))
			w = working_from(w);
	}
	pal_check(pal_sums_add_part(w, p, &err), &err);
	if (!AggCheckCallContext(fcinfo, NULL))
		PG_RETURN_POINTER(pal_sums_finalized(w));
	PG_RETURN_POINTER(w);
}

Datum
pal_fca_step1_combine(PG_FUNCTION_ARGS)
{
	pal_sums   *w,
			   *s;
	pal_error	err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
	CHECK_FOR_INTERRUPTS();
	if (PG_ARGISNULL(0))
		w = working_from(s);
	else
	{
		w = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
		if (!AggCheckCallContext(fcinfo, NULL) || !(w->flags & PAL_SUMS_WORKING))
			w = working_from(w);
		pal_check(pal_sums_add_sums(w, s, &err), &err);
	}
	if (!AggCheckCallContext(fcinfo, NULL))
		PG_RETURN_POINTER(pal_sums_finalized(w));
	PG_RETURN_POINTER(w);
}

Datum
pal_fca_step1_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(pal_sums_finalized((pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0))));
}

Datum
pal_fca_sums_summary(PG_FUNCTION_ARGS)
{
	pal_sums   *s = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	TupleDesc	td;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (s->flags & PAL_SUMS_WORKING)
		s = pal_sums_finalized(s);
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("fca_sums_summary must be called where a record is accepted")));
	values[0] = CStringGetTextDatum(pal_fca_method_name(s->method));
	values[1] = Int32GetDatum((int32) s->nfac);
	values[2] = Int32GetDatum((int32) s->nnz);
	values[3] = Int64GetDatum((int64) s->rows);
	values[4] = Int32GetDatum(s->srid);
	values[5] = Int32GetDatum((int32) pal_sums_encoded_size(s));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), values, nulls)));
}

/* ---- step 2 ----------------------------------------------------------------- */

/* the factors of the sums argument (sums_arg) for the engine's method */
static void
cache_factors(FunctionCallInfo fcinfo, dist_cache *c, int sums_arg, int method)
{
	size_t		n = c->supply->n;
	double	   *wd,
			   *wt;
	pal_sums   *s = NULL;
	pal_error	err;
	Datum		raw = (Datum) 0;

	if (PG_ARGISNULL(sums_arg))
	{
		if (c->factor != NULL && c->sums_null)
			return;
	}
	else
	{
		raw = PG_GETARG_DATUM(sums_arg);
		if (c->factor != NULL && !c->sums_null && same_value(&c->sums_id, raw, sums_hash))
			return;
		s = (pal_sums *) PG_DETOAST_DATUM(raw);
		pal_check(pal_sums_check_use(s, c->supply, method, &err), &err);
	}
	if (c->factor == NULL)
		c->factor = pal_context_array(c->supply_cxt, n, sizeof(double));
	wd = palloc0_array(double, Max(n, 1));
	wt = palloc0_array(double, Max(n, 1));
	if (s != NULL)
		pal_sums_dense(s, wd, method == PAL_FCA_BFCA ? wt : NULL);
	pal_check(pal_fca_ratios(c->engine, wd, wt, NULL, c->factor, &err), &err);
	pfree(wd);
	pfree(wt);
	c->sums_null = s == NULL;
	c->sums_srid = s ? s->srid : 0;
	c->sums_rows = s ? s->rows : 0;
	memset(&c->sums_id, 0, sizeof(c->sums_id));
	if (s != NULL)
		remember(&c->sums_id, raw, s, sums_hash);
}

/* the demand row's weight (argument argno), checked as in step 1 */
static double
demand_weight(FunctionCallInfo fcinfo, int argno, int64 id)
{
	double		weight;

	if (PG_ARGISNULL(argno))
	{
		char		row[128];

		pal_row_name(row, sizeof(row), "demand", 1, id, 0);
		pal_null_error(row, "weight", NULL);
	}
	weight = PG_GETARG_FLOAT8(argno);
	if (!pal_value_ok(weight, 0))
		pal_read_number(weight, false, "demand", id, "weight");
	return weight;
}

Datum
pal_fca_access(PG_FUNCTION_ARGS)
{
	dist_cache *c = cache_of(fcinfo);
	int			method;
	int64		id;
	double		lon,
				lat,
				weight,
				access;
	int32		srid,
				reach;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	pal_error	err;

	engine_of(fcinfo, c, &method);
	cache_factors(fcinfo, c, 3, method);
	srid = demand_point(fcinfo, c, 4, &id, &lon, &lat);
	weight = demand_weight(fcinfo, 6, id);
	if (c->sums_rows > 0 && srid != c->sums_srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demand row with id " INT64_FORMAT " has SRID %d, but the per-facility sums come from rows with SRID %d",
						id, srid, c->sums_srid),
				 errhint("Give every demand row the same SRID in both steps, for example with ST_Transform(geom, 4326).")));
	pal_check(pal_fca_point_access(c->engine, id, lon, lat, weight, c->factor,
								   &access, &reach, &err), &err);
	values[0] = Float8GetDatum(access);
	values[1] = Int32GetDatum(reach);
	if (c->tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("fca_access must be called where a record of (access, reachable) is accepted")));
		c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(c->tupdesc, values, nulls)));
}

Datum
pal_fca_ratios_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	dist_cache *c;
	pal_fca    *f;
	int			method;
	size_t		n;
	double	   *wd,
			   *wt,
			   *ratio;
	pal_sums   *s = NULL;
	pal_error	err;

	InitMaterializedSRF(fcinfo, 0);
	c = cache_of(fcinfo);
	f = engine_of(fcinfo, c, &method);
	n = c->supply->n;
	wd = palloc0_array(double, Max(n, 1));
	wt = palloc0_array(double, Max(n, 1));
	ratio = palloc0_array(double, Max(n, 1));
	if (!PG_ARGISNULL(3))
	{
		s = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(3));
		pal_check(pal_sums_check_use(s, c->supply, method, &err), &err);
		pal_sums_dense(s, wd, method == PAL_FCA_BFCA ? wt : NULL);
	}
	pal_check(pal_fca_ratios(f, wd, wt, ratio, NULL, &err), &err);
	{
		pal_out_col cols[] = {{.f = ratio}, {.f = wd}};

		pal_emit_rows(rsinfo, c->pts.id, n, cols, lengthof(cols));
	}
	return (Datum) 0;
}

/* ---- preparing the supply ------------------------------------------------------ */

static const pal_colspec supply_cols[3] = {
	{"id", PAL_COL_ID, PAL_COL_KEY},
	{"geom", PAL_COL_POINT, 0},
	{"capacity", PAL_COL_NUMBER, 0}
};

static const pal_query supply_query = {
	"supply_sql", "supply", supply_cols, 3, NULL, false
};

/*
 * supply_sql read and checked into a prepared supply (a varlena palloc'd in
 * the current context), for decay; temporary rows live in a context of
 * their own.
 */
static pal_supply *
read_prepared_supply(const char *sql, const pal_decay *decay)
{
	pal_allocator a = pal_context_allocator(CurrentMemoryContext);
	pal_points	none = {0, NULL, NULL, NULL, NULL};
	MemoryContext cxt;
	pal_rows	rows;
	pal_points	pts;
	pal_supply *s;
	pal_error	err;
	size_t		size;

	/* a travel-time decay is refused before anything is read */
	pal_check(pal_supply_build(&none, 0, decay, &a, &s, &err), &err);
	pfree(s);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative prepare_supply",
								ALLOCSET_DEFAULT_SIZES);
	pal_read(&supply_query, sql, 0, NULL, NULL, cxt, &rows);
	pts.n = rows.n;
	pts.id = rows.col[0].i;
	pts.lon = rows.col[1].lon;
	pts.lat = rows.col[1].lat;
	pts.value = rows.col[2].f;
	pal_check(pal_supply_build(&pts, rows.n > 0 ? PAL_SRID_WGS84 : 0, decay, &a, &s, &err), &err);
	size = pal_supply_size(s);
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("supply_sql returns too many rows for one prepared supply: %zu", rows.n),
				 errdetail("A value holds at most 1 GB, 32 bytes a facility.")));
	SET_VARSIZE(s, size);
	MemoryContextDelete(cxt);
	return s;
}

Datum
pal_prepare_supply(PG_FUNCTION_ARGS)
{
	char	   *sql = pal_arg_text(fcinfo, 0, "supply_sql");
	pal_decay  *decay = pal_arg_decay(fcinfo, 1);

	PG_RETURN_POINTER(read_prepared_supply(sql, decay));
}

/* ---- the whole computation through the distributable form ------------------ */

static const pal_colspec demand_cols[3] = {
	{"id", PAL_COL_ID, PAL_COL_KEY},
	{"geom", PAL_COL_POINT, 0},
	{"weight", PAL_COL_NUMBER, 0}
};

static const pal_query demand_query = {
	"demand_sql", "demand", demand_cols, 3, NULL, false
};

static const pal_colspec result_cols[3] = {
	{"id", PAL_COL_ID, PAL_COL_KEY},
	{"access", PAL_COL_NUMBER, 0},
	{"reachable", PAL_COL_INTEGER, 0}
};

static const pal_query result_query = {
	"demand_sql", "demand", result_cols, 3, NULL, false
};

/* the OID of one of our types, in the schema of this function */
static Oid
our_type(FunctionCallInfo fcinfo, const char *name)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum(name),
										ObjectIdGetDatum(nsp));

	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type %s of the extension is missing", name)));
	return typid;
}

/* step 1: the sums over demand_sql's rows, copied into the caller's context */
static Datum
run_step1(const char *demand_sql, int nargs, Oid *argtypes, Datum *args,
		  bool *isnull)
{
	StringInfoData q;
	MemoryContext caller = CurrentMemoryContext;
	Datum		sums;
	int			rc;

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT palliative.fca_step1(palliative.fca_demand_part($1, $2, $3, d.id, d.geom, d.weight)) "
					 "FROM (%s\n) d", demand_sql);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not connect to SPI for step 1: %s", SPI_result_code_string(rc))));
	rc = SPI_execute_with_args(q.data, nargs, argtypes, args, NULL, false, 0);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("step 1 over demand_sql did not return one row: %s",
						SPI_result_code_string(rc))));
	sums = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, isnull);
	if (!*isnull)
	{
		MemoryContext old = MemoryContextSwitchTo(caller);

		sums = PointerGetDatum(PG_DETOAST_DATUM_COPY(sums));
		MemoryContextSwitchTo(old);
	}
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not finish SPI after step 1: %s", SPI_result_code_string(rc))));
	return sums;
}

Datum
pal_fca_distributed_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *demand_sql = pal_arg_text(fcinfo, 0, "demand_sql");
	char	   *supply_sql = pal_arg_text(fcinfo, 1, "supply_sql");
	pal_decay  *decay = pal_arg_decay(fcinfo, 2);
	int			method = pal_arg_method(fcinfo, 3);
	Oid			argtypes[4];
	Datum		args[4];
	bool		sums_null;
	StringInfoData q;
	MemoryContext cxt;
	pal_rows	rows;

	InitMaterializedSRF(fcinfo, 0);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative fca_distributed",
								ALLOCSET_DEFAULT_SIZES);
	argtypes[0] = our_type(fcinfo, "prepared_supply");
	argtypes[1] = get_fn_expr_argtype(fcinfo->flinfo, 2);
	argtypes[2] = TEXTOID;
	argtypes[3] = our_type(fcinfo, "fca_sums");
	args[0] = PointerGetDatum(read_prepared_supply(supply_sql, decay));
	args[1] = PointerGetDatum(decay);
	args[2] = CStringGetTextDatum(pal_fca_method_name(method));
	pal_read_check(&demand_query, demand_sql);
	args[3] = run_step1(pal_query_clean(demand_sql), 3, argtypes, args, &sums_null);
	if (sums_null)
	{
		/* no demand rows: no rows out */
		MemoryContextDelete(cxt);
		return (Datum) 0;
	}
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT id, (r).access AS access, (r).reachable AS reachable "
					 "FROM (SELECT d.id, palliative.fca_access($1, $2, $3, $4, d.id, d.geom, d.weight) AS r "
					 "FROM (%s\n) d) x", pal_query_clean(demand_sql));
	pal_read(&result_query, q.data, 4, argtypes, args, cxt, &rows);
	{
		pal_out_col cols[] = {{.f = rows.col[1].f}, {.i32 = rows.col[2].i32}};

		pal_emit_rows(rsinfo, rows.col[0].i, rows.n, cols, lengthof(cols));
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
