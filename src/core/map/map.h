/*
 * map.h
 *	  Laying out a choropleth map of regions on an SVG canvas: projection,
 *	  insets for far-away islands, labels that fit inside their region and
 *	  never overlap, and the SVG path of each region.  The report writes the
 *	  SVG document around it (sql/install/86_reports.sql); this part is the
 *	  geometry.
 *
 * Coordinates in: longitude and latitude in degrees.  Coordinates out:
 * canvas pixels, x to the right and y downwards, as SVG draws them.
 *
 * Projection: each frame is drawn in the equirectangular projection
 * stretched by the cosine of the latitude of its centre (x = lon * cos(lat_c),
 * y = -lat), scaled to pixels; at the scale of a prefecture or of Japan this
 * keeps shapes and areas recognisable without a projection library.
 *
 * Insets: the polygons (parts of the regions' multipolygons) within 0.5% of
 * the whole extent's diagonal of each other form land masses; the largest
 * gives the scale of "near".  Polygons are then grouped by single linkage
 * of their vertices within 2% of that land mass's diagonal, and the group
 * with the largest area is the main land.  Another group stays in place
 * when its land is more than 20% of the main land's and it lies within 10%
 * of the main land's diagonal (Hokkaido beside Honshu), or when adding it
 * grows the box of those by 15% at most; the others are far away.  Far groups lying near each other (within 20% of
 * the main frame's size) share one inset, at most PAL_MAP_MAX_INSETS.  Each
 * inset goes, at the largest zoom from 1 down to 0.4 at which it fits, into
 * the place of the main frame nearest its true position where it covers no
 * land of the main frame and no other inset (as Japanese maps put Okinawa
 * in the empty sea off the Japan Sea coast); the insets that fit nowhere go
 * beside the main frame, below it or to its right, whichever leaves less of
 * the canvas empty.  The canvas is then scaled to the width asked for, or
 * less when it would be taller than max_height, so the drawn land fills its
 * frame.
 *
 * Labels: a label is a box of the text's estimated width (pal_map_text_em,
 * never narrower than a CJK sans-serif font draws it) plus 0.15 em on each
 * side, and 1.5 em high (the line box a browser gives such a font).  It is
 * placed only where the box, widened by 1 px on every side, lies inside one
 * polygon of its region as drawn (the simplified path), tried on a grid
 * over the polygon and ranked by the distance of the box's centre to the
 * polygon's boundary; regions are served in decreasing drawn area, and a
 * label that would overlap one already placed (or come within 1 px of it)
 * is moved to the next candidate or left out.
 */
#ifndef PAL_MAP_H
#define PAL_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "pal_core.h"

#define PAL_MAP_MAX_INSETS 6

/* one polygon of a region: its rings in the shapes' arrays, the first the shell */
typedef struct pal_map_part
{
	int			region;			/* index of its region */
	size_t		ring0;			/* first ring */
	size_t		nrings;
	double		lon0,
				lat0,
				lon1,
				lat1;			/* bounding box, degrees */
} pal_map_part;

/* the regions' polygons, read from EWKB */
typedef struct pal_map_shapes
{
	int			nregions;
	size_t		nparts;
	size_t		nrings;
	size_t		npoints;
	pal_map_part *parts;		/* in region order */
	size_t	   *ring_point;		/* nrings + 1: first point of each ring */
	double	   *xy;				/* lon, lat of every point */
} pal_map_shapes;

/*
 * Reads the (E)WKB Polygon or MultiPolygon of each of n regions (ewkb[i]
 * NULL: the region has no geometry) into shapes, in memory from a.  Rings
 * of fewer than 3 points are skipped, and so is a polygon whose shell is.
 * Errors: PAL_ERR_VALUE for a value that is not a polygon or multipolygon,
 * a malformed one, an SRID other than the lon/lat ones (or none), or a
 * coordinate that is not a longitude and latitude (the message names the
 * region by its 1-based position); PAL_ERR_NOMEM; PAL_ERR_RANGE when the
 * counts overflow.
 */
extern pal_status pal_map_shapes_read(pal_map_shapes *shapes, int n,
									  const uint8_t *const *ewkb, const size_t *len,
									  const pal_allocator *a, pal_error *err);

typedef struct pal_map_options
{
	double		width;			/* canvas width, px (100 to 10000) */
	double		max_height;		/* canvas height at most, px (100 to 10000) */
	double		font_size;		/* label font size, px (4 to 72) */
} pal_map_options;

typedef struct pal_map_frame
{
	double		x,
				y,
				w,
				h;				/* the frame on the canvas */
	double		kx;				/* cos(latitude of its centre) */
	double		scale;			/* px per degree of latitude */
	double		tx,
				ty;				/* canvas x = tx + lon*kx*scale, y = ty - lat*scale */
	double		zoom;			/* scale relative to the main frame's */
} pal_map_frame;

typedef struct pal_map_label
{
	int			frame;			/* frame of the label; -1: no label */
	double		x,
				y,
				w,
				h;				/* box: top-left corner and size, px */
} pal_map_label;

typedef struct pal_map_layout
{
	double		width;
	double		height;			/* the canvas */
	int			nframes;		/* frame 0 is the main one, then the insets */
	pal_map_frame *frames;
	int		   *part_frame;		/* frame of every part */
	pal_map_label *labels;		/* one per region */
	/*
	 * The drawn rings: each ring simplified on the canvas (a point is kept
	 * when it lies at least 0.4 px from the last one kept), its kept points
	 * in cxy[2k], cxy[2k + 1] for k in [ring_kept[r], ring_kept[r + 1]).
	 */
	size_t	   *ring_kept;		/* nrings + 1 */
	double	   *cxy;
} pal_map_layout;

/* releases what pal_map_layout_compute allocated */
extern void pal_map_layout_free(pal_map_layout *layout, const pal_allocator *a);
extern void pal_map_shapes_free(pal_map_shapes *shapes, const pal_allocator *a);

/*
 * Lays the shapes out (see the top of this file).  label_em[i] is the width
 * of region i's label in em (pal_map_text_em); 0 (or label_em NULL) asks
 * for no label.  Errors: PAL_ERR_VALUE for options out of range, a label
 * width that is negative or not finite; PAL_ERR_NOMEM; PAL_ERR_INTERRUPTED.
 */
extern pal_status pal_map_layout_compute(const pal_map_shapes *shapes,
										 const double *label_em,
										 const pal_map_options *opt,
										 const pal_allocator *a,
										 pal_map_layout *out, pal_error *err);

/* estimated width in em of UTF-8 text in a CJK sans-serif font */
extern double pal_map_text_em(const char *text, size_t len);

/*
 * The SVG path data of region's polygons drawn in frame (as laid out: the
 * simplified rings, one decimal), in *out (memory from a) of *outlen bytes
 * plus a terminating zero; an empty string when it has none there.
 */
extern pal_status pal_map_path(const pal_map_shapes *shapes, const pal_map_layout *layout,
							   int region, int frame, const pal_allocator *a,
							   char **out, size_t *outlen, pal_error *err);

/*
 * The same polygons, not simplified, on the canvas as an EWKB MultiPolygon
 * without SRID (x right, y down), in *out of *outlen bytes; *out NULL when
 * the region has none in that frame.
 */
extern pal_status pal_map_canvas_ewkb(const pal_map_shapes *shapes, const pal_map_layout *layout,
									  int region, int frame, const pal_allocator *a,
									  uint8_t **out, size_t *outlen, pal_error *err);

#endif							/* PAL_MAP_H */
