/*
 * ewkb.c
 *	  Reading points and polygons from PostGIS extended WKB.
 */
#include "types/ewkb.h"

#include <math.h>

static uint32_t
get_u32(const uint8_t *p, int little)
{
	if (little)
		return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
	return (uint32_t) p[3] | (uint32_t) p[2] << 8 | (uint32_t) p[1] << 16 | (uint32_t) p[0] << 24;
}

static double
get_f64(const uint8_t *p, int little)
{
	uint64_t	v = 0;
	double		d;
	int			i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t) p[little ? i : 7 - i] << (8 * i);
	memcpy(&d, &v, sizeof(d));
	return d;
}

int
pal_ewkb_read_point(const uint8_t *buf, size_t len, pal_ewkb_point *out)
{
	size_t		pos = 5;
	uint32_t	word;
	int			little;

	if (buf == NULL || len < 5 || buf[0] > 1)
		return -1;
	little = buf[0] == 1;
	word = get_u32(buf + 1, little);
	out->has_z = (word & PAL_EWKB_Z_FLAG) != 0;
	out->has_m = (word & PAL_EWKB_M_FLAG) != 0;
	out->type = word & 0x0fffffffu;
	/* ISO WKB writes Z and M as thousands: 1001, 2001, 3001 */
	if (out->type >= 1000 && out->type < 4000)
	{
		out->has_z = out->has_z || out->type / 1000 == 1 || out->type / 1000 == 3;
		out->has_m = out->has_m || out->type / 1000 == 2 || out->type / 1000 == 3;
		out->type %= 1000;
	}
	out->srid = 0;
	out->empty = 0;
	out->x = out->y = 0.0;
	if (word & PAL_EWKB_SRID_FLAG)
	{
		if (len < pos + 4)
			return -1;
		out->srid = (int32_t) get_u32(buf + pos, little);
		pos += 4;
	}
	if (out->type != PAL_WKB_POINT)
		return 0;
	if (len < pos + 16 + 8 * (size_t) (out->has_z + out->has_m))
		return -1;
	out->x = get_f64(buf + pos, little);
	out->y = get_f64(buf + pos + 8, little);
	/* PostGIS writes an empty point as NaN coordinates */
	out->empty = isnan(out->x) && isnan(out->y);
	return 0;
}

const char *
pal_wkb_type_name(uint32_t type)
{
	static const char *const names[] = {
		NULL, "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
		"MULTIPOLYGON", "GEOMETRYCOLLECTION", "CIRCULARSTRING", "COMPOUNDCURVE",
		"CURVEPOLYGON", "MULTICURVE", "MULTISURFACE", "CURVE", "SURFACE",
		"POLYHEDRALSURFACE", "TIN", "TRIANGLE"
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}

/* a geometry header: byte order, type word, optional SRID */
typedef struct wkb_header
{
	int			little;
	uint32_t	type;
	int			dims;			/* ordinates per point: 2, 3 or 4 */
	int32_t		srid;
} wkb_header;

static int
read_header(const uint8_t *buf, size_t len, size_t *pos, wkb_header *h)
{
	uint32_t	word;

	if (len - *pos < 5 || buf[*pos] > 1)
		return -1;
	h->little = buf[*pos] == 1;
	word = get_u32(buf + *pos + 1, h->little);
	*pos += 5;
	h->type = word & 0x0fffffffu;
	h->dims = 2 + ((word & PAL_EWKB_Z_FLAG) != 0) + ((word & PAL_EWKB_M_FLAG) != 0);
	if (h->type >= 1000 && h->type < 4000)
	{
		h->dims = 2 + (h->type / 1000 == 3 ? 2 : 1);
		h->type %= 1000;
	}
	h->srid = 0;
	if (word & PAL_EWKB_SRID_FLAG)
	{
		if (len - *pos < 4)
			return -1;
		h->srid = (int32_t) get_u32(buf + *pos, h->little);
		*pos += 4;
	}
	return 0;
}

/* the rings of one polygon body (after its header) */
static int
read_polygon_body(const uint8_t *buf, size_t len, size_t *pos, const wkb_header *h,
				  pal_ewkb_polygons *out, int fill)
{
	uint32_t	nrings,
				r,
				npts,
				k;
	size_t		stride = 8 * (size_t) h->dims;

	if (len - *pos < 4)
		return -1;
	nrings = get_u32(buf + *pos, h->little);
	*pos += 4;
	/* every ring needs at least its count: refuse counts the buffer cannot hold */
	if (nrings > (len - *pos) / 4)
		return -1;
	if (fill)
		out->polygon_ring[out->npolygons] = out->nrings;
	out->npolygons++;
	for (r = 0; r < nrings; r++)
	{
		if (len - *pos < 4)
			return -1;
		npts = get_u32(buf + *pos, h->little);
		*pos += 4;
		if (npts > (len - *pos) / stride)
			return -1;
		if (fill)
		{
			out->ring_point[out->nrings] = out->npoints;
			for (k = 0; k < npts; k++)
			{
				const uint8_t *p = buf + *pos + k * stride;

				out->xy[2 * (out->npoints + k)] = get_f64(p, h->little);
				out->xy[2 * (out->npoints + k) + 1] = get_f64(p + 8, h->little);
			}
		}
		out->nrings++;
		out->npoints += npts;
		*pos += (size_t) npts * stride;
	}
	return 0;
}

int
pal_ewkb_read_polygons(const uint8_t *buf, size_t len, pal_ewkb_polygons *out, int fill)
{
	size_t		pos = 0;
	wkb_header	h;
	uint32_t	n,
				i;

	out->npolygons = out->nrings = out->npoints = 0;
	out->type = 0;
	out->srid = 0;
	if (buf == NULL || read_header(buf, len, &pos, &h) != 0)
		return -1;
	out->type = h.type;
	out->srid = h.srid;
	if (h.type == PAL_WKB_POLYGON)
	{
		if (read_polygon_body(buf, len, &pos, &h, out, fill) != 0)
			return -1;
	}
	else if (h.type == PAL_WKB_MULTIPOLYGON)
	{
		if (len - pos < 4)
			return -1;
		n = get_u32(buf + pos, h.little);
		pos += 4;
		/* every polygon needs a header and a ring count */
		if (n > (len - pos) / 9)
			return -1;
		for (i = 0; i < n; i++)
		{
			wkb_header	ph;

			if (read_header(buf, len, &pos, &ph) != 0 || ph.type != PAL_WKB_POLYGON)
				return -1;
			if (read_polygon_body(buf, len, &pos, &ph, out, fill) != 0)
				return -1;
		}
	}
	else
		return -2;
	if (pos != len)
		return -1;				/* trailing bytes */
	if (fill)
	{
		out->polygon_ring[out->npolygons] = out->nrings;
		out->ring_point[out->nrings] = out->npoints;
	}
	return 0;
}
