/*
 * shapes.c
 *	  Reading the regions' polygons for the map from EWKB.
 */
#include "map/map.h"
#include "engine/points.h"
#include "types/ewkb.h"

#include <math.h>
#include <string.h>

static pal_status
bad_value(pal_error *err, int region, const char *what)
{
	pal_error_set(err, PAL_ERR_VALUE, "geometry %d of the map %s", region + 1, what);
	return PAL_ERR_VALUE;
}

/* checks every value and adds up the counts */
static pal_status
count_all(int n, const uint8_t *const *ewkb, const size_t *len,
		  size_t *npolys, size_t *nrings, size_t *npoints, pal_error *err)
{
	int			i;

	*npolys = *nrings = *npoints = 0;
	for (i = 0; i < n; i++)
	{
		pal_ewkb_polygons g;
		int			rc;

		if (ewkb[i] == NULL)
			continue;
		rc = pal_ewkb_read_polygons(ewkb[i], len[i], &g, 0);
		if (rc == -2)
		{
			const char *name = pal_wkb_type_name(g.type);

			pal_error_set(err, PAL_ERR_VALUE, "geometry %d of the map is a %s, not a polygon or multipolygon",
						  i + 1, name != NULL ? name : "geometry of unknown type");
			return PAL_ERR_VALUE;
		}
		if (rc != 0)
			return bad_value(err, i, "is not valid EWKB");
		if (!pal_srid_is_lonlat(g.srid))
		{
			pal_error_set(err, PAL_ERR_VALUE, "geometry %d of the map has SRID %d, not longitude and latitude",
						  i + 1, (int) g.srid);
			pal_error_hint(err, "Use SRID 4326 (ST_Transform(geom, 4326)).");
			return PAL_ERR_VALUE;
		}
		if (pal_add_size(*npolys, g.npolygons, npolys) ||
			pal_add_size(*nrings, g.nrings, nrings) ||
			pal_add_size(*npoints, g.npoints, npoints))
			return pal_error_set(err, PAL_ERR_RANGE, "the map has too many points");
	}
	return PAL_OK;
}

/* the bounding box of a part's shell; 0 when a coordinate is not lon/lat */
static int
part_bounds(const pal_map_shapes *s, pal_map_part *part)
{
	size_t		k;

	part->lon0 = part->lat0 = INFINITY;
	part->lon1 = part->lat1 = -INFINITY;
	for (k = s->ring_point[part->ring0]; k < s->ring_point[part->ring0 + part->nrings]; k++)
	{
		double		x = s->xy[2 * k],
					y = s->xy[2 * k + 1];

		if (!(x >= -180.0 && x <= 180.0 && y >= -90.0 && y <= 90.0))
			return 0;
		if (x < part->lon0)
			part->lon0 = x;
		if (x > part->lon1)
			part->lon1 = x;
		if (y < part->lat0)
			part->lat0 = y;
		if (y > part->lat1)
			part->lat1 = y;
	}
	return 1;
}

/*
 * Reads one region's polygons at the ends of the arrays, keeping rings of 3
 * points or more and polygons whose shell is kept.
 */
static pal_status
read_region(pal_map_shapes *s, int i, const uint8_t *buf, size_t len,
			size_t *tmp_pr, size_t *tmp_rp, pal_error *err)
{
	pal_ewkb_polygons g;
	size_t		pi;

	g.polygon_ring = tmp_pr;
	g.ring_point = tmp_rp;
	g.xy = s->xy + 2 * s->npoints;
	if (pal_ewkb_read_polygons(buf, len, &g, 1) != 0)
		return bad_value(err, i, "is not valid EWKB");
	for (pi = 0; pi < g.npolygons; pi++)
	{
		size_t		r;
		pal_map_part *part = &s->parts[s->nparts];

		part->region = i;
		part->ring0 = s->nrings;
		part->nrings = 0;
		for (r = g.polygon_ring[pi]; r < g.polygon_ring[pi + 1]; r++)
		{
			size_t		n = g.ring_point[r + 1] - g.ring_point[r];

			if (n < 3)
			{
				if (r == g.polygon_ring[pi])
					break;		/* no shell, no polygon */
				continue;
			}
			/* move the ring's points down to the end of the kept ones */
			if (s->xy + 2 * s->npoints != g.xy + 2 * g.ring_point[r])
				memmove(s->xy + 2 * s->npoints, g.xy + 2 * g.ring_point[r], 2 * n * sizeof(double));
			s->ring_point[s->nrings++] = s->npoints;
			s->npoints += n;
			s->ring_point[s->nrings] = s->npoints;
			part->nrings++;
		}
		if (part->nrings == 0)
			continue;
		if (!part_bounds(s, part))
			return bad_value(err, i, "has a coordinate that is not a longitude and latitude");
		s->nparts++;
	}
	return PAL_OK;
}

pal_status
pal_map_shapes_read(pal_map_shapes *s, int n, const uint8_t *const *ewkb, const size_t *len,
					const pal_allocator *a, pal_error *err)
{
	size_t		npolys,
				nrings,
				npoints,
				maxp = 0,
				maxr = 0;
	size_t	   *tmp_pr,
			   *tmp_rp;
	pal_status	st;
	int			i;

	s->nregions = n;
	s->nparts = s->nrings = s->npoints = 0;
	s->parts = NULL;
	s->ring_point = NULL;
	s->xy = NULL;
	st = count_all(n, ewkb, len, &npolys, &nrings, &npoints, err);
	if (st != PAL_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		pal_ewkb_polygons g;

		if (ewkb[i] != NULL && pal_ewkb_read_polygons(ewkb[i], len[i], &g, 0) == 0)
		{
			if (g.npolygons > maxp)
				maxp = g.npolygons;
			if (g.nrings > maxr)
				maxr = g.nrings;
		}
	}
	s->parts = pal_alloc_array(a, npolys, sizeof(pal_map_part));
	s->ring_point = pal_alloc_array(a, nrings + 1, sizeof(size_t));
	if (npoints > SIZE_MAX / 2)
		return pal_error_set(err, PAL_ERR_RANGE, "the map has too many points");
	s->xy = pal_alloc_array(a, 2 * npoints, sizeof(double));
	tmp_pr = pal_alloc_array(a, maxp + 1, sizeof(size_t));
	tmp_rp = pal_alloc_array(a, maxr + 1, sizeof(size_t));
	if (s->parts == NULL || s->ring_point == NULL || s->xy == NULL || tmp_pr == NULL || tmp_rp == NULL)
	{
		pal_release(a, tmp_pr);
		pal_release(a, tmp_rp);
		pal_map_shapes_free(s, a);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory reading the map's geometries");
	}
	s->ring_point[0] = 0;
	st = PAL_OK;
	for (i = 0; i < n && st == PAL_OK; i++)
	{
		if (pal_interrupted(a))
			st = pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
		else if (ewkb[i] != NULL)
			st = read_region(s, i, ewkb[i], len[i], tmp_pr, tmp_rp, err);
	}
	pal_release(a, tmp_pr);
	pal_release(a, tmp_rp);
	if (st != PAL_OK)
		pal_map_shapes_free(s, a);
	return st;
}

void
pal_map_shapes_free(pal_map_shapes *s, const pal_allocator *a)
{
	pal_release(a, s->parts);
	pal_release(a, s->ring_point);
	pal_release(a, s->xy);
	s->parts = NULL;
	s->ring_point = NULL;
	s->xy = NULL;
	s->nparts = s->nrings = s->npoints = 0;
}
