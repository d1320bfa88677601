/*
 * meshcode.c
 *	  SQL interface of palliative.meshcode (JIS X 0410 regional mesh): I/O,
 *	  comparison, casts, and the cell functions whose geometries the SQL
 *	  wrappers build from EWKB.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "core/types/meshcode.h"
#include "pal_glue.h"
#include "reader.h"

PG_FUNCTION_INFO_V1(meshcode_in);
PG_FUNCTION_INFO_V1(meshcode_out);
PG_FUNCTION_INFO_V1(meshcode_recv);
PG_FUNCTION_INFO_V1(meshcode_send);
PG_FUNCTION_INFO_V1(meshcode_eq);
PG_FUNCTION_INFO_V1(meshcode_ne);
PG_FUNCTION_INFO_V1(meshcode_lt);
PG_FUNCTION_INFO_V1(meshcode_le);
PG_FUNCTION_INFO_V1(meshcode_gt);
PG_FUNCTION_INFO_V1(meshcode_ge);
PG_FUNCTION_INFO_V1(meshcode_cmp);
PG_FUNCTION_INFO_V1(meshcode_hash);
PG_FUNCTION_INFO_V1(meshcode_from_int8);
PG_FUNCTION_INFO_V1(meshcode_from_int4);
PG_FUNCTION_INFO_V1(meshcode_to_int8);
PG_FUNCTION_INFO_V1(meshcode_level);
PG_FUNCTION_INFO_V1(meshcode_parent);
PG_FUNCTION_INFO_V1(meshcode_children);
PG_FUNCTION_INFO_V1(meshcode_polygon_ewkb);
PG_FUNCTION_INFO_V1(meshcode_center_ewkb);
PG_FUNCTION_INFO_V1(meshcode_at_lonlat);
PG_FUNCTION_INFO_V1(meshcode_at_geometry);

#define DatumGetMeshcode(d)		((pal_meshcode) DatumGetInt64(d))
#define MeshcodeGetDatum(m)		Int64GetDatum((int64) (m))
#define PG_GETARG_MESHCODE(n)	DatumGetMeshcode(PG_GETARG_DATUM(n))
#define PG_RETURN_MESHCODE(m)	return MeshcodeGetDatum(m)

/*
 * The one check applied to every meshcode value built from outside its
 * text form: binary receive.  (Text input, and the integer casts that go
 * through the same digit rules, are checked by pal_mesh_parse.)
 */
static inline pal_meshcode
CheckMeshcode(pal_meshcode code)
{
	pal_error	err;

	pal_check(pal_mesh_check(code, &err), &err);
	return code;
}

Datum
meshcode_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	pal_meshcode code;
	pal_error	err;

	pal_check(pal_mesh_parse(str, strlen(str), &code, &err), &err);
	PG_RETURN_MESHCODE(CheckMeshcode(code));
}

Datum
meshcode_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(PAL_MESH_MAX_DIGITS + 1);

	pal_mesh_format(PG_GETARG_MESHCODE(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* binary form: the 8-byte encoded value (see core/mesh.h), network order */
Datum
meshcode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_MESHCODE(CheckMeshcode((pal_meshcode) pq_getmsgint64(msg)));
}

Datum
meshcode_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, (int64) PG_GETARG_MESHCODE(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* the encoding orders like the text of the codes */
static inline int
meshcode_compare(pal_meshcode a, pal_meshcode b)
{
	return (a > b) - (a < b);
}

Datum
meshcode_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_MESHCODE(0) == PG_GETARG_MESHCODE(1));
}

Datum
meshcode_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_MESHCODE(0) != PG_GETARG_MESHCODE(1));
}

Datum
meshcode_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(meshcode_compare(PG_GETARG_MESHCODE(0), PG_GETARG_MESHCODE(1)) < 0);
}

Datum
meshcode_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(meshcode_compare(PG_GETARG_MESHCODE(0), PG_GETARG_MESHCODE(1)) <= 0);
}

Datum
meshcode_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(meshcode_compare(PG_GETARG_MESHCODE(0), PG_GETARG_MESHCODE(1)) > 0);
}

Datum
meshcode_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(meshcode_compare(PG_GETARG_MESHCODE(0), PG_GETARG_MESHCODE(1)) >= 0);
}

Datum
meshcode_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(meshcode_compare(PG_GETARG_MESHCODE(0), PG_GETARG_MESHCODE(1)));
}

Datum
meshcode_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, Int64GetDatum((int64) PG_GETARG_MESHCODE(0)));
}

Datum
meshcode_from_int8(PG_FUNCTION_ARGS)
{
	pal_meshcode code;
	pal_error	err;

	pal_check(pal_mesh_from_int64(PG_GETARG_INT64(0), &code, &err), &err);
	PG_RETURN_MESHCODE(code);
}

Datum
meshcode_from_int4(PG_FUNCTION_ARGS)
{
	pal_meshcode code;
	pal_error	err;

	pal_check(pal_mesh_from_int64((int64) PG_GETARG_INT32(0), &code, &err), &err);
	PG_RETURN_MESHCODE(code);
}

Datum
meshcode_to_int8(PG_FUNCTION_ARGS)
{
	int64_t		value;
	pal_error	err;

	pal_check(pal_mesh_to_int64(PG_GETARG_MESHCODE(0), &value, &err), &err);
	PG_RETURN_INT64((int64) value);
}

Datum
meshcode_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(pal_mesh_level(PG_GETARG_MESHCODE(0)));
}

Datum
meshcode_parent(PG_FUNCTION_ARGS)
{
	pal_meshcode parent;
	pal_error	err;

	pal_check(pal_mesh_parent(PG_GETARG_MESHCODE(0), PG_GETARG_INT32(1),
							  &parent, &err), &err);
	PG_RETURN_MESHCODE(parent);
}

typedef struct children_state
{
	int			count;
	pal_meshcode codes[PAL_MESH_MAX_CHILDREN];
} children_state;

Datum
meshcode_children(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	children_state *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc(sizeof(children_state));
		st->count = pal_mesh_children(PG_GETARG_MESHCODE(0), st->codes);
		funcctx->user_fctx = st;
		funcctx->max_calls = (uint64) st->count;
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = (children_state *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		/* SRF_RETURN_NEXT advances call_cntr before reading its argument */
		Datum		next = MeshcodeGetDatum(st->codes[funcctx->call_cntr]);

		SRF_RETURN_NEXT(funcctx, next);
	}
	SRF_RETURN_DONE(funcctx);
}

Datum
meshcode_polygon_ewkb(PG_FUNCTION_ARGS)
{
	uint8_t		buf[PAL_MESH_POLYGON_EWKB_SIZE];

	pal_mesh_polygon_ewkb(PG_GETARG_MESHCODE(0), PAL_SRID_WGS84, buf);
	PG_RETURN_BYTEA_P(pal_bytea_from(buf, sizeof(buf)));
}

Datum
meshcode_center_ewkb(PG_FUNCTION_ARGS)
{
	uint8_t		buf[PAL_MESH_POINT_EWKB_SIZE];
	double		lon,
				lat;

	pal_mesh_center(PG_GETARG_MESHCODE(0), &lon, &lat);
	pal_mesh_point_ewkb(lon, lat, PAL_SRID_WGS84, buf);
	PG_RETURN_BYTEA_P(pal_bytea_from(buf, sizeof(buf)));
}

static pal_meshcode
mesh_at_or_raise(double lon, double lat, int32 level)
{
	pal_meshcode code;
	pal_error	err;

	pal_check(pal_mesh_at(lon, lat, level, &code, &err), &err);
	return code;
}

Datum
meshcode_at_lonlat(PG_FUNCTION_ARGS)
{
	PG_RETURN_MESHCODE(mesh_at_or_raise(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
										PG_GETARG_INT32(2)));
}

/*
 * mesh_at(geometry, level): the geometry through the reader's conversion
 * (EWKB, parsed by the core), which must be a non-empty point in a lon/lat
 * SRID.  The geometry type's output function is looked up once per call
 * site (fn_extra).
 */
Datum
meshcode_at_geometry(PG_FUNCTION_ARGS)
{
	pal_geom_reader *gr = (pal_geom_reader *) fcinfo->flinfo->fn_extra;
	int32		level = PG_GETARG_INT32(1);
	pal_ewkb_point pt;
	const char *type;

	if (gr == NULL)
	{
		gr = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(pal_geom_reader));
		pal_geom_reader_init(gr, get_fn_expr_argtype(fcinfo->flinfo, 0),
							 fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = gr;
	}
	if (!pal_geom_read(gr, PG_GETARG_DATUM(0), &pt))
		pal_geom_unreadable("mesh_at's argument");
	if (pt.type != PAL_WKB_POINT)
	{
		type = pal_wkb_type_name(pt.type);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mesh_at needs a point, not a geometry of type %s", type ? type : "unknown"),
				 errhint("Use ST_PointOnSurface or ST_Centroid to pick a point of a line or polygon.")));
	}
	if (!pal_srid_is_lonlat(pt.srid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mesh_at needs longitude/latitude coordinates, not SRID %d", pt.srid),
				 errdetail("SRIDs 4326 (WGS 84), 6668 (JGD2011) and 4612 (JGD2000) are accepted."),
				 errhint("Use ST_Transform(geom, 4326), or ST_SetSRID(geom, 4326) if the coordinates already are longitude/latitude.")));
	if (pt.empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mesh_at needs a non-empty point")));
	PG_RETURN_MESHCODE(mesh_at_or_raise(pt.x, pt.y, level));
}
