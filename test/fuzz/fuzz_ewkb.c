/*
 * fuzz_ewkb.c
 *	  libFuzzer target: the EWKB readers, of the points fca and nearest read
 *	  on every row and of the polygons the report's map lays out.  Any bytes
 *	  must be read or rejected, never overrun; a polygon read twice (count,
 *	  then fill) gives the same counts.
 */
#include <stdint.h>
#include <stdlib.h>

#include "types/ewkb.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pal_ewkb_point pt;
	pal_ewkb_polygons g,
				h;

	if (pal_ewkb_read_point(data, size, &pt) == 0)
	{
		if (pt.type == PAL_WKB_POINT && size < 21)
			abort();			/* a point needs its two coordinates */
		(void) pal_wkb_type_name(pt.type);
	}
	if (pal_ewkb_read_polygons(data, size, &g, 0) == 0)
	{
		/* every point takes 16 bytes at least: counts never exceed the input */
		if (g.npoints > size / 16 || g.nrings > size / 4 || g.npolygons > size / 9)
			abort();
		h.polygon_ring = malloc((g.npolygons + 1) * sizeof(size_t));
		h.ring_point = malloc((g.nrings + 1) * sizeof(size_t));
		h.xy = malloc((2 * g.npoints + 1) * sizeof(double));
		if (h.polygon_ring == NULL || h.ring_point == NULL || h.xy == NULL)
			abort();
		if (pal_ewkb_read_polygons(data, size, &h, 1) != 0 ||
			h.npolygons != g.npolygons || h.nrings != g.nrings || h.npoints != g.npoints ||
			h.polygon_ring[h.npolygons] != h.nrings || h.ring_point[h.nrings] != h.npoints)
			abort();
		free(h.polygon_ring);
		free(h.ring_point);
		free(h.xy);
	}
	return 0;
}
