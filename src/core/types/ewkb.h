/*
 * ewkb.h
 *	  Writing PostGIS extended WKB (little-endian, with SRID), shared by the
 *	  mesh cell geometries and the sample's region outlines.
 */
#ifndef PAL_EWKB_H
#define PAL_EWKB_H

#include <stdint.h>
#include <string.h>

#define PAL_EWKB_SRID_FLAG		0x20000000u
#define PAL_WKB_POINT			1u
#define PAL_WKB_POLYGON			3u
#define PAL_WKB_MULTIPOLYGON	6u

/* v as 4 little-endian bytes at p; returns the byte after them */
static inline uint8_t *
pal_ewkb_put_u32(uint8_t *p, uint32_t v)
{
	int			i;

	for (i = 0; i < 4; i++)
		*p++ = (uint8_t) (v >> (8 * i));
	return p;
}

/* d as 8 little-endian bytes (IEEE 754) at p, whatever the host's order */
static inline uint8_t *
pal_ewkb_put_f64(uint8_t *p, double d)
{
	uint64_t	v;
	int			i;

	memcpy(&v, &d, sizeof(v));
	for (i = 0; i < 8; i++)
		*p++ = (uint8_t) (v >> (8 * i));
	return p;
}

/*
 * Reading a point from (E)WKB as PostGIS's ST_AsEWKB writes it: byte order,
 * a type word with the EWKB flags (Z 0x80000000, M 0x40000000, SRID
 * 0x20000000), an optional SRID, then the coordinates.
 */
#define PAL_EWKB_Z_FLAG			0x80000000u
#define PAL_EWKB_M_FLAG			0x40000000u

typedef struct pal_ewkb_point
{
	uint32_t	type;			/* WKB type without flags: 1 for a point */
	int			has_z;
	int			has_m;
	int32_t		srid;			/* 0 when the value carries none */
	int			empty;			/* a point with NaN coordinates */
	double		x;
	double		y;
} pal_ewkb_point;

/*
 * Parses the header of any geometry and, for a point, its x and y.  Returns
 * 0, or -1 when buf is too short or malformed.
 */
extern int	pal_ewkb_read_point(const uint8_t *buf, size_t len, pal_ewkb_point *out);

/*
 * Polygons from (E)WKB: a Polygon or a MultiPolygon (Z and M ordinates are
 * skipped).  pal_ewkb_read_polygons with fill = 0 checks the value and sets
 * type, srid and the counts; called again with fill = 1 and the three arrays
 * allocated to those counts, it fills them: polygon_ring[i] is the first
 * ring of polygon i (its shell; the others are holes) and ring_point[r] the
 * first point of ring r, each followed by one entry past the end, and xy the
 * coordinates, x then y.  Returns 0; -1 when the value is malformed or
 * truncated; -2 when it is another geometry type (type says which).
 */
typedef struct pal_ewkb_polygons
{
	uint32_t	type;			/* WKB type without flags */
	int32_t		srid;			/* 0 when the value carries none */
	size_t		npolygons;
	size_t		nrings;
	size_t		npoints;
	size_t	   *polygon_ring;	/* npolygons + 1 entries */
	size_t	   *ring_point;		/* nrings + 1 entries */
	double	   *xy;				/* 2 * npoints entries */
} pal_ewkb_polygons;

extern int	pal_ewkb_read_polygons(const uint8_t *buf, size_t len,
								   pal_ewkb_polygons *out, int fill);

/* "POINT", "LINESTRING", ... for a WKB type; NULL for an unknown one */
extern const char *pal_wkb_type_name(uint32_t type);

#endif							/* PAL_EWKB_H */
