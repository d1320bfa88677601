/*
 * points.c
 *	  The rules of the engine's input rows, ids and sparse costs.
 */
#include "engine/points.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pal_srid_is_lonlat(int32_t srid)
{
	return srid == PAL_SRID_WGS84 || srid == 6668 || srid == 4612;
}

void
pal_row_name(char *buf, size_t buflen, const char *what, int has_id,
			 int64_t id, uint64_t rowno)
{
	if (has_id)
		snprintf(buf, buflen, "%s row with id %" PRId64, what, id);
	else
		snprintf(buf, buflen, "%s row %" PRIu64, what, rowno);
}

static int
coordinates_ok(double lon, double lat)
{
	return isfinite(lon) && isfinite(lat) && lon >= -180.0 && lon <= 180.0 &&
		lat >= -90.0 && lat <= 90.0;
}

static pal_status
coordinates_check(double lon, double lat, const char *row, pal_error *err)
{
	if (coordinates_ok(lon, lat))
		return PAL_OK;
	pal_error_set(err, PAL_ERR_VALUE, "%s has coordinates out of range: (%g, %g)",
				  row, lon, lat);
	pal_error_detail(err, "Longitude must lie in [-180, 180] and latitude in [-90, 90].");
	pal_error_hint(err, "Give points in lon/lat degrees (SRID 4326); use ST_Transform(geom, 4326).");
	return PAL_ERR_VALUE;
}

int
pal_point_ok(const pal_ewkb_point *pt)
{
	return pt->type == PAL_WKB_POINT && pal_srid_is_lonlat(pt->srid) &&
		!pt->empty && coordinates_ok(pt->x, pt->y);
}

pal_status
pal_point_check(const pal_ewkb_point *pt, const char *row, pal_error *err)
{
	if (pt->type != PAL_WKB_POINT)
	{
		const char *name = pal_wkb_type_name(pt->type);

		pal_error_set(err, PAL_ERR_VALUE, "%s has a %s geometry, not a point",
					  row, name ? name : "unknown");
		pal_error_hint(err, "Use ST_PointOnSurface(geom) or ST_Centroid(geom) for areas.");
		return PAL_ERR_VALUE;
	}
	if (!pal_srid_is_lonlat(pt->srid))
	{
		pal_error_set(err, PAL_ERR_VALUE, "%s has SRID %d, not 4326",
					  row, (int) pt->srid);
		pal_error_detail(err, "Points must be lon/lat: SRID 4326 (WGS 84), 6668 (JGD2011) or 4612 (JGD2000).");
		pal_error_hint(err, "Transform the points with ST_Transform(geom, 4326), or set a missing SRID with ST_SetSRID(geom, 4326).");
		return PAL_ERR_VALUE;
	}
	if (pt->empty)
		return pal_error_set(err, PAL_ERR_VALUE, "%s has an empty point", row);
	return coordinates_check(pt->x, pt->y, row, err);
}

pal_status
pal_value_check(double v, int allow_negative, const char *row,
				const char *column, pal_error *err)
{
	if (pal_value_ok(v, allow_negative))
		return PAL_OK;
	pal_error_set(err, PAL_ERR_RANGE, "%s has an invalid %s: %g", row, column, v);
	if (isfinite(v) && v != 0.0 && fabs(v) < DBL_MIN)
		pal_error_detail(err, "Column \"%s\" must not be subnormal (between 0 and %g): the computation would divide by it.",
						 column, DBL_MIN);
	else if (allow_negative)
		pal_error_detail(err, "Column \"%s\" must be a finite number.", column);
	else
		pal_error_detail(err, "Column \"%s\" must be a finite number that is not negative.", column);
	return PAL_ERR_RANGE;
}

pal_status
pal_points_validate(const pal_points *pts, const char *what,
					const char *column, pal_error *err)
{
	size_t		i;

	for (i = 0; i < pts->n; i++)
	{
		char		row[128];
		pal_status	st;

		pal_row_name(row, sizeof(row), what, 1, pts->id[i], i + 1);
		st = coordinates_check(pts->lon[i], pts->lat[i], row, err);
		if (st == PAL_OK)
			st = pal_value_check(pts->value[i], 0, row, column, err);
		if (st != PAL_OK)
			return st;
	}
	return PAL_OK;
}

typedef struct id_row
{
	int64_t		id;
	uint32_t	row;
} id_row;

static int
cmp_id_row(const void *a, const void *b)
{
	const id_row *x = a,
			   *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

pal_status
pal_idmap_build(pal_idmap *map, const int64_t *id, size_t n, const char *what,
				const pal_allocator *alloc, pal_error *err)
{
	id_row	   *tmp;
	size_t		i;

	memset(map, 0, sizeof(*map));
	if (n >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many %s rows: %zu", what, n);
	tmp = pal_alloc_array(alloc, n, sizeof(id_row));
	map->id = pal_alloc_array(alloc, n, sizeof(int64_t));
	map->row = pal_alloc_array(alloc, n, sizeof(uint32_t));
	if (!tmp || !map->id || !map->row)
	{
		pal_release(alloc, tmp);
		pal_idmap_free(map, alloc);
		return pal_error_nomem(err);
	}
	for (i = 0; i < n; i++)
	{
		tmp[i].id = id[i];
		tmp[i].row = (uint32_t) i;
	}
	qsort(tmp, n, sizeof(id_row), cmp_id_row);
	for (i = 0; i < n; i++)
	{
		if (i > 0 && tmp[i].id == tmp[i - 1].id)
		{
			int64_t		dup = tmp[i].id;

			pal_release(alloc, tmp);
			pal_idmap_free(map, alloc);
			pal_error_set(err, PAL_ERR_UNIQUE, "duplicate %s id %" PRId64, what, dup);
			pal_error_detail(err, "Each %s row needs its own id; id %" PRId64 " appears more than once.", what, dup);
			return PAL_ERR_UNIQUE;
		}
		map->id[i] = tmp[i].id;
		map->row[i] = tmp[i].row;
	}
	map->n = n;
	pal_release(alloc, tmp);
	return PAL_OK;
}

void
pal_idmap_free(pal_idmap *map, const pal_allocator *alloc)
{
	pal_release(alloc, map->id);
	pal_release(alloc, map->row);
	memset(map, 0, sizeof(*map));
}

int64_t
pal_idmap_find(const pal_idmap *map, int64_t id)
{
	size_t		lo = 0,
				hi = map->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (map->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < map->n && map->id[lo] == id)
		return map->row[lo];
	return -1;
}

typedef struct cost_pair
{
	uint32_t	supply;
	double		cost;
} cost_pair;

static int
cmp_cost_pair(const void *a, const void *b)
{
	const cost_pair *x = a,
			   *y = b;

	return (x->supply > y->supply) - (x->supply < y->supply);
}

pal_status
pal_costs_build(pal_costs *costs, size_t ndemand, const int64_t *demand_id,
				const int64_t *supply_id, size_t nrows, const uint32_t *drow,
				const uint32_t *srow, const double *cost,
				const pal_allocator *alloc, pal_error *err)
{
	size_t		i;
	uint32_t   *fill;
	cost_pair  *pairs;

	memset(costs, 0, sizeof(*costs));
	if (nrows >= UINT32_MAX || ndemand >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many cost rows: %zu", nrows);
	for (i = 0; i < nrows; i++)
	{
		if (!isfinite(cost[i]) || cost[i] < 0.0 ||
			(cost[i] != 0.0 && cost[i] < DBL_MIN))
		{
			pal_error_set(err, PAL_ERR_RANGE,
						  "cost row for demand id %" PRId64 " and supply id %" PRId64 " has an invalid cost: %g",
						  demand_id[drow[i]], supply_id[srow[i]], cost[i]);
			pal_error_detail(err, "Column \"cost\" must be a finite number that is not negative (and not subnormal).");
			return PAL_ERR_RANGE;
		}
	}
	costs->start = pal_alloc_array(alloc, ndemand + 1, sizeof(uint32_t));
	costs->supply = pal_alloc_array(alloc, nrows, sizeof(uint32_t));
	costs->cost = pal_alloc_array(alloc, nrows, sizeof(double));
	fill = pal_alloc_array(alloc, ndemand + 1, sizeof(uint32_t));
	pairs = pal_alloc_array(alloc, nrows, sizeof(cost_pair));
	if (!costs->start || !costs->supply || !costs->cost || !fill || !pairs)
	{
		pal_release(alloc, fill);
		pal_release(alloc, pairs);
		pal_costs_free(costs, alloc);
		return pal_error_nomem(err);
	}
	memset(costs->start, 0, (ndemand + 1) * sizeof(uint32_t));
	for (i = 0; i < nrows; i++)
		costs->start[drow[i] + 1]++;
	for (i = 0; i < ndemand; i++)
		costs->start[i + 1] += costs->start[i];
	memcpy(fill, costs->start, (ndemand + 1) * sizeof(uint32_t));
	for (i = 0; i < nrows; i++)
	{
		uint32_t	p = fill[drow[i]]++;

		pairs[p].supply = srow[i];
		pairs[p].cost = cost[i];
	}
	for (i = 0; i < ndemand; i++)
	{
		uint32_t	a = costs->start[i],
					b = costs->start[i + 1],
					p;

		if ((i & 4095) == 4095 && pal_interrupted(alloc))
		{
			pal_release(alloc, fill);
			pal_release(alloc, pairs);
			pal_costs_free(costs, alloc);
			return pal_error_interrupted(err);
		}

		if (b - a > 1)
			qsort(pairs + a, b - a, sizeof(cost_pair), cmp_cost_pair);
		for (p = a; p < b; p++)
		{
			if (p > a && pairs[p].supply == pairs[p - 1].supply)
			{
				int64_t		did = demand_id[i],
							sid = supply_id[pairs[p].supply];

				pal_release(alloc, fill);
				pal_release(alloc, pairs);
				pal_costs_free(costs, alloc);
				pal_error_set(err, PAL_ERR_UNIQUE,
							  "duplicate cost for demand id %" PRId64 " and supply id %" PRId64,
							  did, sid);
				pal_error_detail(err, "cost_sql must give at most one row per (demand_id, supply_id) pair.");
				return PAL_ERR_UNIQUE;
			}
			costs->supply[p] = pairs[p].supply;
			costs->cost[p] = pairs[p].cost;
		}
	}
	costs->npairs = nrows;
	pal_release(alloc, fill);
	pal_release(alloc, pairs);
	return PAL_OK;
}

void
pal_costs_free(pal_costs *costs, const pal_allocator *alloc)
{
	pal_release(alloc, costs->start);
	pal_release(alloc, costs->supply);
	pal_release(alloc, costs->cost);
	memset(costs, 0, sizeof(*costs));
}

