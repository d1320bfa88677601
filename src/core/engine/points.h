/*
 * points.h
 *	  The inputs of the accessibility engine and the rules every input row
 *	  follows, in one place: which lon/lat SRIDs are accepted, what a valid
 *	  point and a valid weight, capacity or cost are, unique ids, and the
 *	  sparse costs that replace distances.  The server's inner-query reader
 *	  (src/reader.c) and the aggregates apply these rules to every row.
 */
#ifndef PAL_POINTS_H
#define PAL_POINTS_H

#include <float.h>
#include <math.h>

#include "pal_core.h"
#include "types/ewkb.h"

/* the SRID of the geometries the extension writes (WGS 84 lon/lat) */
#define PAL_SRID_WGS84 4326

/*
 * Whether srid is a lon/lat SRID the engine takes as the same coordinates:
 * 4326 (WGS 84), 6668 (JGD2011) and 4612 (JGD2000) differ by under a metre.
 */
extern int	pal_srid_is_lonlat(int32_t srid);

/*
 * How messages name a row: "demand row with id 7" (has_id), else "cost_sql
 * row 3" (the row number, from 1).
 */
extern void pal_row_name(char *buf, size_t buflen, const char *what,
						 int has_id, int64_t id, uint64_t rowno);

/* whether pal_point_check accepts the point (no message: the fast path) */
extern int	pal_point_ok(const pal_ewkb_point *pt);

/*
 * Check a point read from EWKB: a point (Z and M ordinates are ignored),
 * with an accepted SRID, not empty, longitude in [-180, 180] and latitude
 * in [-90, 90] (PAL_ERR_VALUE).  row names the row in messages.
 */
extern pal_status pal_point_check(const pal_ewkb_point *pt, const char *row,
								  pal_error *err);

/* whether pal_value_check accepts v (no message: the fast path) */
static inline int
pal_value_ok(double v, int allow_negative)
{
	/* finite, not negative unless allowed, 0 or at least DBL_MIN in size */
	return isfinite(v) && (allow_negative || v >= 0.0) &&
		(v == 0.0 || fabs(v) >= DBL_MIN);
}

/*
 * Check a number of a row (weight, capacity, cost): finite, not negative
 * unless allow_negative, and not subnormal (below 2.2e-308 but not 0: the
 * engine divides by such numbers).  PAL_ERR_RANGE naming the row and the
 * column.
 */
extern pal_status pal_value_check(double v, int allow_negative,
								  const char *row, const char *column,
								  pal_error *err);

/* a set of points with ids and one value each (weight or capacity) */
typedef struct pal_points
{
	size_t		n;
	const int64_t *id;
	const double *lon;
	const double *lat;
	const double *value;
} pal_points;

/*
 * Check every point: coordinates finite and in range (PAL_ERR_VALUE), value
 * as pal_value_check (PAL_ERR_RANGE).  what names the set ("demand"),
 * column the value's column ("weight"); messages name the row id.
 */
extern pal_status pal_points_validate(const pal_points *pts, const char *what,
									  const char *column, pal_error *err);

/* id -> row lookup over a set of ids */
typedef struct pal_idmap
{
	size_t		n;
	int64_t    *id;				/* sorted */
	uint32_t   *row;
} pal_idmap;

/* build; duplicate ids are PAL_ERR_UNIQUE naming the id (what: "demand") */
extern pal_status pal_idmap_build(pal_idmap *map, const int64_t *id, size_t n,
								  const char *what, const pal_allocator *alloc,
								  pal_error *err);
extern void pal_idmap_free(pal_idmap *map, const pal_allocator *alloc);
/* row of id, or -1 */
extern int64_t pal_idmap_find(const pal_idmap *map, int64_t id);

/* sparse costs: for demand row i, pairs start[i] .. start[i+1] */
typedef struct pal_costs
{
	size_t		npairs;
	uint32_t   *start;			/* ndemand + 1 */
	uint32_t   *supply;			/* supply row per pair */
	double	   *cost;			/* per pair */
} pal_costs;

/*
 * Build sparse costs from rows of (demand row, supply row, cost).  Negative,
 * NaN or infinite costs: PAL_ERR_RANGE; the same pair twice:
 * PAL_ERR_UNIQUE.  Messages name the ids.
 */
extern pal_status pal_costs_build(pal_costs *costs, size_t ndemand,
								  const int64_t *demand_id,
								  const int64_t *supply_id, size_t nrows,
								  const uint32_t *drow, const uint32_t *srow,
								  const double *cost,
								  const pal_allocator *alloc, pal_error *err);
extern void pal_costs_free(pal_costs *costs, const pal_allocator *alloc);

#endif							/* PAL_POINTS_H */
