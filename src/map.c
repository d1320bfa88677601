/*
 * map.c
 *	  SQL interface of the map layout (core/map/map.h): palliative.map_layout
 *	  lays out the regions of a report's map (frames, insets, labels, paths).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core/map/map.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(pal_map_layout_sql);

#define MAP_COLS 15

/* the elements of a one-dimensional array argument (nulls kept) */
static void
array_elements(ArrayType *arr, const char *name, Datum **values, bool **nulls, int *n)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", name)));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, values, nulls, n);
}

/* the EWKB of every geometry (NULL for a null element) */
static void
read_geometries(ArrayType *arr, const uint8_t ***ewkb, size_t **len, int *n)
{
	Datum	   *values;
	bool	   *nulls;
	Oid			sendfn;
	bool		isvarlena;
	FmgrInfo	send;
	int			i;

	array_elements(arr, "geoms", &values, &nulls, n);
	getTypeBinaryOutputInfo(ARR_ELEMTYPE(arr), &sendfn, &isvarlena);
	fmgr_info(sendfn, &send);
	*ewkb = palloc0(sizeof(uint8_t *) * Max(*n, 1));
	*len = palloc0(sizeof(size_t) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		bytea	   *b;

		if (i % 256 == 0)
			CHECK_FOR_INTERRUPTS();
		if (nulls[i])
			continue;
		b = SendFunctionCall(&send, values[i]);
		(*ewkb)[i] = (const uint8_t *) VARDATA(b);
		(*len)[i] = VARSIZE(b) - VARHDRSZ;
	}
}

/* the width in em of each label (0: none) */
static double *
read_labels(FunctionCallInfo fcinfo, int n)
{
	double	   *em = palloc0(sizeof(double) * Max(n, 1));
	Datum	   *values;
	bool	   *nulls;
	int			nl,
				i;

	if (PG_ARGISNULL(1))
		return NULL;
	array_elements(PG_GETARG_ARRAYTYPE_P(1), "labels", &values, &nulls, &nl);
	if (nl != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("labels has %d elements and geoms %d", nl, n),
				 errhint("Give one label (or NULL) per geometry, in the same order.")));
	for (i = 0; i < n; i++)
		if (!nulls[i])
		{
			text	   *t = DatumGetTextPP(values[i]);

			em[i] = pal_map_text_em(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
	return em;
}

static double
float_arg(FunctionCallInfo fcinfo, int i, const char *name)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
	return PG_GETARG_FLOAT8(i);
}

/* a geometry from EWKB through the type's binary input */
static Datum
geometry_from(Oid typid, const uint8_t *ewkb, size_t len)
{
	Oid			recvfn,
				ioparam;
	FmgrInfo	recv;
	StringInfoData buf;

	getTypeBinaryInputInfo(typid, &recvfn, &ioparam);
	fmgr_info(recvfn, &recv);
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, (const char *) ewkb, (int) len);
	return ReceiveFunctionCall(&recv, &buf, ioparam, -1);
}

/* one row: the region's polygons drawn in one frame */
static void
put_row(ReturnSetInfo *rsinfo, const pal_map_shapes *s, const pal_map_layout *L,
		int item, int frame, const pal_allocator *alloc)
{
	Datum		values[MAP_COLS];
	bool		nulls[MAP_COLS];
	char	   *path;
	size_t		plen,
				glen;
	uint8_t    *shape;
	pal_error	err;
	const pal_map_frame *f = &L->frames[frame];
	const pal_map_label *lab = &L->labels[item];

	pal_check(pal_map_path(s, L, item, frame, alloc, &path, &plen, &err), &err);
	if (plen == 0)
		return;					/* no polygon of the region in this frame */
	pal_check(pal_map_canvas_ewkb(s, L, item, frame, alloc, &shape, &glen, &err), &err);
	memset(nulls, 0, sizeof(nulls));
	values[0] = Int32GetDatum(item + 1);
	values[1] = Int32GetDatum(frame);
	values[2] = PointerGetDatum(cstring_to_text_with_len(path, (int) plen));
	values[3] = geometry_from(TupleDescAttr(rsinfo->setDesc, 3)->atttypid, shape, glen);
	if (lab->frame == frame)
	{
		values[4] = Float8GetDatum(lab->x);
		values[5] = Float8GetDatum(lab->y);
		values[6] = Float8GetDatum(lab->w);
		values[7] = Float8GetDatum(lab->h);
	}
	else
		nulls[4] = nulls[5] = nulls[6] = nulls[7] = true;
	values[8] = Float8GetDatum(f->x);
	values[9] = Float8GetDatum(f->y);
	values[10] = Float8GetDatum(f->w);
	values[11] = Float8GetDatum(f->h);
	values[12] = Float8GetDatum(f->zoom);
	values[13] = Float8GetDatum(L->width);
	values[14] = Float8GetDatum(L->height);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

Datum
pal_map_layout_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt,
				old;
	pal_allocator alloc;
	pal_map_options opt;
	pal_map_shapes shapes;
	pal_map_layout layout;
	pal_error	err;
	const uint8_t **ewkb;
	size_t	   *len;
	double	   *em;
	int			n,
				item,
				frame;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	opt.width = float_arg(fcinfo, 2, "width");
	opt.max_height = float_arg(fcinfo, 3, "max_height");
	opt.font_size = float_arg(fcinfo, 4, "font_size");
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative map", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	alloc = pal_context_allocator(cxt);
	read_geometries(PG_GETARG_ARRAYTYPE_P(0), &ewkb, &len, &n);
	em = read_labels(fcinfo, n);
	pal_check(pal_map_shapes_read(&shapes, n, ewkb, len, &alloc, &err), &err);
	pal_check(pal_map_layout_compute(&shapes, em, &opt, &alloc, &layout, &err), &err);
	for (item = 0; item < n; item++)
	{
		CHECK_FOR_INTERRUPTS();
		for (frame = 0; frame < layout.nframes; frame++)
			put_row(rsinfo, &shapes, &layout, item, frame, &alloc);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
