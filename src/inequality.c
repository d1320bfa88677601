/*
 * inequality.c
 *	  SQL interface of the inequality aggregates: palliative.gini,
 *	  palliative.theil_t and palliative.palma (value, weight).
 *
 * Gini and Palma need every (value, weight) pair: their state is internal,
 * with serialize, deserialize and combine functions for parallel
 * aggregation.  Theil T needs three running sums: a float8[3] state.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/engine/inequality.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(ineq_pairs_transfn);
PG_FUNCTION_INFO_V1(ineq_pairs_combinefn);
PG_FUNCTION_INFO_V1(ineq_pairs_serialfn);
PG_FUNCTION_INFO_V1(ineq_pairs_deserialfn);
PG_FUNCTION_INFO_V1(ineq_gini_finalfn);
PG_FUNCTION_INFO_V1(ineq_palma_finalfn);
PG_FUNCTION_INFO_V1(ineq_theil_transfn);
PG_FUNCTION_INFO_V1(ineq_theil_combinefn);
PG_FUNCTION_INFO_V1(ineq_theil_finalfn);

typedef struct pairs_state
{
	int64		n;
	int64		cap;
	pal_wvalue *v;
} pairs_state;

static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in a non-aggregate context", fn)));
	return cxt;
}

static pairs_state *
pairs_new(MemoryContext cxt, int64 cap)
{
	pairs_state *st = MemoryContextAlloc(cxt, sizeof(pairs_state));

	st->n = 0;
	st->cap = Max(cap, 16);
	st->v = MemoryContextAllocHuge(cxt, mul_size((Size) st->cap, sizeof(pal_wvalue)));
	return st;
}

static void
pairs_reserve(pairs_state *st, int64 extra)
{
	if (st->n + extra > st->cap)
	{
		int64		cap = Max(st->cap * 2, st->n + extra);

		st->v = repalloc_huge(st->v, mul_size((Size) cap, sizeof(pal_wvalue)));
		st->cap = cap;
	}
}

Datum
ineq_pairs_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "ineq_pairs_transfn");
	pairs_state *st = PG_ARGISNULL(0) ? NULL : (pairs_state *) PG_GETARG_POINTER(0);
	double		value,
				weight;
	pal_error	err;

	if (st == NULL)
		st = pairs_new(cxt, 64);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	value = PG_GETARG_FLOAT8(1);
	weight = PG_GETARG_FLOAT8(2);
	pal_check(pal_ineq_check(value, weight, &err), &err);
	pairs_reserve(st, 1);
	st->v[st->n].value = value;
	st->v[st->n].weight = weight;
	st->n++;
	PG_RETURN_POINTER(st);
}

Datum
ineq_pairs_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "ineq_pairs_combinefn");
	pairs_state *a = PG_ARGISNULL(0) ? NULL : (pairs_state *) PG_GETARG_POINTER(0);
	pairs_state *b = PG_ARGISNULL(1) ? NULL : (pairs_state *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = pairs_new(cxt, b->n);
	pairs_reserve(a, b->n);
	memcpy(a->v + a->n, b->v, (Size) b->n * sizeof(pal_wvalue));
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

Datum
ineq_pairs_serialfn(PG_FUNCTION_ARGS)
{
	pairs_state *st = (pairs_state *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int64		i;

	agg_context(fcinfo, "ineq_pairs_serialfn");
	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->n);
	for (i = 0; i < st->n; i++)
	{
		pq_sendfloat8(&buf, st->v[i].value);
		pq_sendfloat8(&buf, st->v[i].weight);
		if ((i & 65535) == 65535)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
ineq_pairs_deserialfn(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "ineq_pairs_deserialfn");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int64		n,
				i;
	pairs_state *st;

	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid inequality state: %d bytes", buf.len)));
	n = pq_getmsgint64(&buf);
	if (n < 0 || n > (buf.len - 8) / 16 || buf.len - 8 != n * 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid inequality state: " INT64_FORMAT " pairs in %d bytes",
						n, buf.len)));
	st = pairs_new(cxt, n);
	for (i = 0; i < n; i++)
	{
		st->v[i].value = pq_getmsgfloat8(&buf);
		st->v[i].weight = pq_getmsgfloat8(&buf);
		if ((i & 65535) == 65535)
			CHECK_FOR_INTERRUPTS();
	}
	st->n = n;
	PG_RETURN_POINTER(st);
}

Datum
ineq_gini_finalfn(PG_FUNCTION_ARGS)
{
	pairs_state *st = PG_ARGISNULL(0) ? NULL : (pairs_state *) PG_GETARG_POINTER(0);
	double		g;

	if (st == NULL || st->n == 0)
		PG_RETURN_NULL();
	pal_ineq_sort(st->v, (size_t) st->n);
	if (!pal_gini_sorted(st->v, (size_t) st->n, &g))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}

Datum
ineq_palma_finalfn(PG_FUNCTION_ARGS)
{
	pairs_state *st = PG_ARGISNULL(0) ? NULL : (pairs_state *) PG_GETARG_POINTER(0);
	double		p;

	if (st == NULL || st->n == 0)
		PG_RETURN_NULL();
	pal_ineq_sort(st->v, (size_t) st->n);
	if (!pal_palma_sorted(st->v, (size_t) st->n, &p))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(p);
}

/* the float8[5] state of theil_t, checked wherever one comes in */
static double *
theil_sums(ArrayType *a)
{
	if (ARR_NDIM(a) != 1 || ARR_DIMS(a)[0] != PAL_THEIL_STATE || ARR_HASNULL(a) ||
		ARR_ELEMTYPE(a) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid theil_t state: expected %d numbers", PAL_THEIL_STATE)));
	return (double *) ARR_DATA_PTR(a);
}

Datum
ineq_theil_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	double	   *s;
	double		value,
				weight;
	pal_error	err;

	agg_context(fcinfo, "ineq_theil_transfn");
	a = PG_GETARG_ARRAYTYPE_P(0);
	s = theil_sums(a);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_ARRAYTYPE_P(a);
	value = PG_GETARG_FLOAT8(1);
	weight = PG_GETARG_FLOAT8(2);
	pal_check(pal_ineq_check(value, weight, &err), &err);
	/* in an aggregate, the state may be updated in place */
	pal_theil_accum(s, value, weight);
	PG_RETURN_ARRAYTYPE_P(a);
}

Datum
ineq_theil_combinefn(PG_FUNCTION_ARGS)
{
	ArrayType  *a,
			   *b;
	double	   *sa,
			   *sb;

	agg_context(fcinfo, "ineq_theil_combinefn");
	a = PG_GETARG_ARRAYTYPE_P(0);
	b = PG_GETARG_ARRAYTYPE_P(1);
	sa = theil_sums(a);
	sb = theil_sums(b);
	pal_theil_combine(sa, sb);
	PG_RETURN_ARRAYTYPE_P(a);
}

Datum
ineq_theil_finalfn(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	double		t;

	if (!pal_theil_t(theil_sums(a), &t))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t);
}
