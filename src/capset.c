/*
 * capset.c
 *	  SQL interface of palliative.capset: I/O, operators, casts, GIN support
 *	  and the capability vocabulary.
 */
#include "postgres.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "core/types/capset.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(capset_in);
PG_FUNCTION_INFO_V1(capset_out);
PG_FUNCTION_INFO_V1(capset_recv);
PG_FUNCTION_INFO_V1(capset_send);
PG_FUNCTION_INFO_V1(capset_eq);
PG_FUNCTION_INFO_V1(capset_ne);
PG_FUNCTION_INFO_V1(capset_lt);
PG_FUNCTION_INFO_V1(capset_le);
PG_FUNCTION_INFO_V1(capset_gt);
PG_FUNCTION_INFO_V1(capset_ge);
PG_FUNCTION_INFO_V1(capset_cmp);
PG_FUNCTION_INFO_V1(capset_hash);
PG_FUNCTION_INFO_V1(capset_contains);
PG_FUNCTION_INFO_V1(capset_contained);
PG_FUNCTION_INFO_V1(capset_overlaps);
PG_FUNCTION_INFO_V1(capset_union);
PG_FUNCTION_INFO_V1(capset_intersect);
PG_FUNCTION_INFO_V1(capset_minus);
PG_FUNCTION_INFO_V1(capset_count);
PG_FUNCTION_INFO_V1(capset_from_text_array);
PG_FUNCTION_INFO_V1(capset_to_text_array);
PG_FUNCTION_INFO_V1(capset_union_transfn);
PG_FUNCTION_INFO_V1(capset_intersect_transfn);
PG_FUNCTION_INFO_V1(capability_vocabulary);
PG_FUNCTION_INFO_V1(capset_care_tier);
PG_FUNCTION_INFO_V1(capset_gin_extract_value);
PG_FUNCTION_INFO_V1(capset_gin_extract_query);
PG_FUNCTION_INFO_V1(capset_gin_consistent);
PG_FUNCTION_INFO_V1(capset_gin_triconsistent);

#define DatumGetCapset(d)	((pal_capset) DatumGetInt64(d))
#define CapsetGetDatum(c)	Int64GetDatum((int64) (c))
#define PG_GETARG_CAPSET(n)	DatumGetCapset(PG_GETARG_DATUM(n))
#define PG_RETURN_CAPSET(c)	return CapsetGetDatum(c)

/* GIN strategies, as numbered in the operator class */
#define CAPSET_GIN_CONTAINS		7	/* @> */
#define CAPSET_GIN_OVERLAPS		3	/* && */

/*
 * The one check applied to every capset built from outside: by the input
 * function, the receive function and the array cast.
 */
static inline void
CheckCapset(pal_capset set)
{
	pal_error	err;

	if (pal_capset_check(set, &err) != PAL_OK)
		pal_raise(&err);
}

Datum
capset_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	pal_capset	set;
	pal_error	err;

	pal_check(pal_capset_parse(str, strlen(str), &set, &err), &err);
	CheckCapset(set);
	PG_RETURN_CAPSET(set);
}

Datum
capset_out(PG_FUNCTION_ARGS)
{
	pal_capset	set = PG_GETARG_CAPSET(0);
	char	   *buf = palloc(pal_capset_text_length(set) + 1);

	pal_capset_format(set, buf);
	PG_RETURN_CSTRING(buf);
}

Datum
capset_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	pal_capset	set;

	if (msg->len - msg->cursor < (int) sizeof(int64))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid capset: binary value has %d bytes, not 8",
						msg->len - msg->cursor)));
	set = (pal_capset) pq_getmsgint64(msg);

	CheckCapset(set);
	PG_RETURN_CAPSET(set);
}

Datum
capset_send(PG_FUNCTION_ARGS)
{
	pal_capset	set = PG_GETARG_CAPSET(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, (int64) set);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Ordering: by the bits read as an unsigned integer.  Any total order would
 * do for btree; this one sorts sets by their highest capability first.
 */
static inline int
capset_compare(pal_capset a, pal_capset b)
{
	return (a > b) - (a < b);
}

Datum
capset_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CAPSET(0) == PG_GETARG_CAPSET(1));
}

Datum
capset_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CAPSET(0) != PG_GETARG_CAPSET(1));
}

Datum
capset_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(capset_compare(PG_GETARG_CAPSET(0), PG_GETARG_CAPSET(1)) < 0);
}

Datum
capset_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(capset_compare(PG_GETARG_CAPSET(0), PG_GETARG_CAPSET(1)) <= 0);
}

Datum
capset_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(capset_compare(PG_GETARG_CAPSET(0), PG_GETARG_CAPSET(1)) > 0);
}

Datum
capset_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(capset_compare(PG_GETARG_CAPSET(0), PG_GETARG_CAPSET(1)) >= 0);
}

Datum
capset_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(capset_compare(PG_GETARG_CAPSET(0), PG_GETARG_CAPSET(1)));
}

Datum
capset_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

Datum
capset_contains(PG_FUNCTION_ARGS)
{
	pal_capset	a = PG_GETARG_CAPSET(0);
	pal_capset	b = PG_GETARG_CAPSET(1);

	PG_RETURN_BOOL((a & b) == b);
}

Datum
capset_contained(PG_FUNCTION_ARGS)
{
	pal_capset	a = PG_GETARG_CAPSET(0);
	pal_capset	b = PG_GETARG_CAPSET(1);

	PG_RETURN_BOOL((a & b) == a);
}

Datum
capset_overlaps(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL((PG_GETARG_CAPSET(0) & PG_GETARG_CAPSET(1)) != 0);
}

Datum
capset_union(PG_FUNCTION_ARGS)
{
	PG_RETURN_CAPSET(PG_GETARG_CAPSET(0) | PG_GETARG_CAPSET(1));
}

Datum
capset_intersect(PG_FUNCTION_ARGS)
{
	PG_RETURN_CAPSET(PG_GETARG_CAPSET(0) & PG_GETARG_CAPSET(1));
}

Datum
capset_minus(PG_FUNCTION_ARGS)
{
	PG_RETURN_CAPSET(PG_GETARG_CAPSET(0) & ~PG_GETARG_CAPSET(1));
}

Datum
capset_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(pal_capset_count(PG_GETARG_CAPSET(0)));
}

/*
 * Aggregate transition functions (strict, so NULL inputs are skipped and the
 * first value seeds the state).
 */
Datum
capset_union_transfn(PG_FUNCTION_ARGS)
{
	PG_RETURN_CAPSET(PG_GETARG_CAPSET(0) | PG_GETARG_CAPSET(1));
}

Datum
capset_intersect_transfn(PG_FUNCTION_ARGS)
{
	PG_RETURN_CAPSET(PG_GETARG_CAPSET(0) & PG_GETARG_CAPSET(1));
}

Datum
capset_from_text_array(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	pal_capset	set = 0;
	pal_error	err;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("cannot cast a %d-dimensional array to capset", ARR_NDIM(arr)),
				 errhint("Use a one-dimensional array of capability names.")));

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
	{
		text	   *t;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("capability name at array position %d is null", i + 1),
					 errhint("Remove null elements, e.g. with array_remove(arr, NULL).")));
		t = DatumGetTextPP(elems[i]);
		pal_check(pal_capset_add_name(&set, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &err), &err);
	}
	CheckCapset(set);
	PG_RETURN_CAPSET(set);
}

Datum
capset_to_text_array(PG_FUNCTION_ARGS)
{
	pal_capset	set = PG_GETARG_CAPSET(0);
	Datum		elems[64];
	int			n = 0;
	int			bit;

	for (bit = 0; bit < pal_ncapabilities; bit++)
		if (set & PAL_CAP(bit))
			elems[n++] = CStringGetTextDatum(pal_capabilities[bit].name);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * capability_vocabulary(): the C vocabulary as rows, used to fill the table
 * palliative.capability at install time and to test that the two agree.
 */
Datum
capability_vocabulary(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < pal_ncapabilities; i++)
	{
		const pal_capability *c = &pal_capabilities[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(c->name);
		values[1] = Int32GetDatum(c->bit);
		values[2] = CStringGetTextDatum(c->category);
		values[3] = CStringGetTextDatum(c->label_ja);
		values[4] = CStringGetTextDatum(c->label_en);
		values[5] = CStringGetTextDatum(c->description);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * GIN support: the keys of a capset are its bits, stored as int4.
 */
static Datum *
capset_keys(pal_capset set, int32 *nkeys)
{
	Datum	   *keys = palloc(sizeof(Datum) * 64);
	int			n = 0;
	int			bit;

	for (bit = 0; bit < 64; bit++)
		if (set & PAL_CAP(bit))
			keys[n++] = Int32GetDatum(bit);
	*nkeys = n;
	return keys;
}

Datum
capset_gin_extract_value(PG_FUNCTION_ARGS)
{
	pal_capset	set = PG_GETARG_CAPSET(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);

	PG_RETURN_POINTER(capset_keys(set, nkeys));
}

Datum
capset_gin_extract_query(PG_FUNCTION_ARGS)
{
	pal_capset	query = PG_GETARG_CAPSET(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	Datum	   *keys = capset_keys(query, nkeys);

	switch (strategy)
	{
		case CAPSET_GIN_CONTAINS:
			/* everything contains the empty set */
			if (*nkeys == 0)
				*searchMode = GIN_SEARCH_MODE_ALL;
			break;
		case CAPSET_GIN_OVERLAPS:
			/* nothing overlaps the empty set: no keys, default mode */
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("capset GIN index does not support strategy %d", strategy)));
	}
	PG_RETURN_POINTER(keys);
}

Datum
capset_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	int32		i;

	/* the keys are the whole value, so the answer is exact */
	*recheck = false;
	if (strategy == CAPSET_GIN_CONTAINS)
	{
		for (i = 0; i < nkeys; i++)
			if (!check[i])
				PG_RETURN_BOOL(false);
		PG_RETURN_BOOL(true);
	}
	for (i = 0; i < nkeys; i++)
		if (check[i])
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

Datum
capset_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	GinTernaryValue result;
	int32		i;

	if (strategy == CAPSET_GIN_CONTAINS)
	{
		result = GIN_TRUE;
		for (i = 0; i < nkeys; i++)
		{
			if (check[i] == GIN_FALSE)
				PG_RETURN_GIN_TERNARY_VALUE(GIN_FALSE);
			if (check[i] == GIN_MAYBE)
				result = GIN_MAYBE;
		}
		PG_RETURN_GIN_TERNARY_VALUE(result);
	}
	result = GIN_FALSE;
	for (i = 0; i < nkeys; i++)
	{
		if (check[i] == GIN_TRUE)
			PG_RETURN_GIN_TERNARY_VALUE(GIN_TRUE);
		if (check[i] == GIN_MAYBE)
			result = GIN_MAYBE;
	}
	PG_RETURN_GIN_TERNARY_VALUE(result);
}

/*
 * care_tier(capset): the tier as the enum palliative.tier, whose labels
 * match pal_care_tier_names.  The enum value is looked up once per call site
 * and cached in fn_extra.
 */
Datum
capset_care_tier(PG_FUNCTION_ARGS)
{
	pal_care_tier tier = pal_capset_care_tier(PG_GETARG_CAPSET(0));
	Datum	   *cache = (Datum *) fcinfo->flinfo->fn_extra;

	if (cache == NULL)
	{
		Oid			enumtype = get_fn_expr_rettype(fcinfo->flinfo);
		int			i;

		if (!OidIsValid(enumtype))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("could not determine the result type of care_tier")));
		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Datum) * 4);
		for (i = 0; i < 4; i++)
			cache[i] = DirectFunctionCall2(enum_in,
										   CStringGetDatum(pal_care_tier_names[i]),
										   ObjectIdGetDatum(enumtype));
		fcinfo->flinfo->fn_extra = cache;
	}
	return cache[tier];
}
