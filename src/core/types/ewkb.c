/*
 * ewkb.c
 *	  Reading points from PostGIS extended WKB.
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
