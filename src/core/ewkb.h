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

#endif							/* PAL_EWKB_H */
