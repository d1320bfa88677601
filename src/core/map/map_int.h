/*
 * map_int.h
 *	  Internals of the map layout shared by its files: boxes, the polygon
 *	  tests on canvas coordinates, and an index of a polygon's edges by
 *	  horizontal band.
 */
#ifndef PAL_MAP_INT_H
#define PAL_MAP_INT_H

#include "map/map.h"

/* a box, x0 <= x1 and y0 <= y1 */
typedef struct pal_box
{
	double		x0,
				y0,
				x1,
				y1;
} pal_box;

static inline int
pal_box_overlaps(const pal_box *a, const pal_box *b, double gap)
{
	return a->x0 < b->x1 + gap && b->x0 < a->x1 + gap &&
		a->y0 < b->y1 + gap && b->y0 < a->y1 + gap;
}

/* the rings of a polygon: points xy[2 * k], xy[2 * k + 1] for k in [start[r], start[r + 1]) */
typedef struct pal_poly
{
	const double *xy;
	const size_t *start;		/* per ring: first point; start[r + 1] ends ring r */
	size_t		ring0;
	size_t		nrings;
} pal_poly;

/* whether the segment (ax, ay)-(bx, by) meets the closed box */
extern int	pal_segment_meets_box(double ax, double ay, double bx, double by, const pal_box *b);

/* squared distance of (px, py) to the segment (ax, ay)-(bx, by) */
extern double pal_segment_dist2(double px, double py, double ax, double ay, double bx, double by);

/* even-odd test of (x, y) against every ring of the polygon (rings closed implicitly) */
extern int	pal_poly_contains(const pal_poly *p, double x, double y);

/* whether some edge of the polygon meets the box */
extern int	pal_poly_edges_meet_box(const pal_poly *p, const pal_box *b);

/* bounding box of the polygon's points */
extern void pal_poly_bounds(const pal_poly *p, pal_box *b);

/* twice the area of the polygon (shell minus holes, whatever their orientation) */
extern double pal_poly_area2(const pal_poly *p);

/* distance of (x, y) to the nearest edge of the polygon */
extern double pal_poly_boundary_dist(const pal_poly *p, double x, double y);

/*
 * The edges of one polygon by horizontal band, so that a box or a point
 * only looks at the edges of the bands it spans.  An edge is the index k of
 * its first point; the second is k + 1, or the ring's first point for the
 * last one.
 */
typedef struct pal_bands
{
	pal_poly	poly;
	double		y0;				/* top of band 0 */
	double		bh;				/* band height */
	int			nbands;
	size_t	   *band_start;		/* nbands + 1 */
	size_t	   *edge;			/* edges of each band, by band */
	size_t	   *edge_end;		/* the second point of each listed edge */
} pal_bands;

extern pal_status pal_bands_build(pal_bands *bd, const pal_poly *p, double band_height,
								  const pal_allocator *a, pal_error *err);
extern void pal_bands_free(pal_bands *bd, const pal_allocator *a);

/* the box lies inside the polygon: its centre is inside and no edge meets it */
extern int	pal_bands_box_inside(const pal_bands *bd, const pal_box *b);

/* some edge of the polygon meets the box, or the box lies inside it */
extern int	pal_poly_meets_box(const pal_poly *p, const pal_box *b);

/* label placement (label.c), on the laid-out canvas */
extern pal_status pal_map_place_labels(const pal_map_shapes *s, pal_map_layout *L,
									   const double *label_em, double font_size,
									   const pal_allocator *a, pal_error *err);

/* the kept points of a part's rings as a polygon on the canvas */
static inline pal_poly
pal_map_part_poly(const pal_map_layout *L, const pal_map_part *part)
{
	pal_poly	p;

	p.xy = L->cxy;
	p.start = L->ring_kept;
	p.ring0 = part->ring0;
	p.nrings = part->nrings;
	return p;
}

/* the label box height and padding, in em */
#define PAL_MAP_LABEL_HEIGHT_EM 1.5
#define PAL_MAP_LABEL_PAD_EM	0.15
/* clearance kept between a label and its polygon's boundary, and between labels, px */
#define PAL_MAP_LABEL_MARGIN	1.0

#endif							/* PAL_MAP_INT_H */
