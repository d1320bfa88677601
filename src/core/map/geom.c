/*
 * geom.c
 *	  Plane geometry of the map layout: segments against boxes, points in
 *	  polygons (even-odd), distances, and an index of a polygon's edges by
 *	  horizontal band.
 */
#include "map/map_int.h"

#include <math.h>
#include <string.h>

/* Liang-Barsky: clip the segment's parameter range to the box */
int
pal_segment_meets_box(double ax, double ay, double bx, double by, const pal_box *b)
{
	double		t0 = 0.0,
				t1 = 1.0;
	double		dx = bx - ax,
				dy = by - ay;
	double		p[4],
				q[4];
	int			k;

	p[0] = -dx;
	q[0] = ax - b->x0;
	p[1] = dx;
	q[1] = b->x1 - ax;
	p[2] = -dy;
	q[2] = ay - b->y0;
	p[3] = dy;
	q[3] = b->y1 - ay;
	for (k = 0; k < 4; k++)
	{
		if (p[k] == 0.0)
		{
			if (q[k] < 0.0)
				return 0;
		}
		else
		{
			double		r = q[k] / p[k];

			if (p[k] < 0.0)
			{
				if (r > t1)
					return 0;
				if (r > t0)
					t0 = r;
			}
			else
			{
				if (r < t0)
					return 0;
				if (r < t1)
					t1 = r;
			}
		}
	}
	return t0 <= t1;
}

double
pal_segment_dist2(double px, double py, double ax, double ay, double bx, double by)
{
	double		dx = bx - ax,
				dy = by - ay;
	double		len2 = dx * dx + dy * dy;
	double		t = 0.0;

	if (len2 > 0.0)
	{
		t = ((px - ax) * dx + (py - ay) * dy) / len2;
		if (t < 0.0)
			t = 0.0;
		else if (t > 1.0)
			t = 1.0;
	}
	dx = ax + t * dx - px;
	dy = ay + t * dy - py;
	return dx * dx + dy * dy;
}

/*
 * The edges (j, k) of the rings of a polygon in ring order, each ring from
 * its closing edge (last vertex, first vertex) on, skipping the rings of
 * fewer than min vertices
 */
typedef struct edge_iter
{
	const pal_poly *p;
	size_t		min;
	size_t		r;				/* the next ring */
	size_t		j,				/* the next edge */
				k,
				k1;				/* the end of the ring */
} edge_iter;

static inline void
edges_start(edge_iter *it, const pal_poly *p, size_t min)
{
	it->p = p;
	it->min = min;
	it->r = p->ring0;
	it->j = it->k = it->k1 = 0;
}

static inline int
edges_next(edge_iter *it, size_t *j, size_t *k)
{
	const pal_poly *p = it->p;

	while (it->k >= it->k1)
	{
		size_t		k0;

		if (it->r >= p->ring0 + p->nrings)
			return 0;
		k0 = p->start[it->r];
		it->k1 = p->start[it->r + 1];
		it->r++;
		it->k = it->k1 - k0 >= it->min ? k0 : it->k1;
		it->j = it->k1 - 1;
	}
	*j = it->j;
	*k = it->k;
	it->j = it->k++;
	return 1;
}

/* the crossing test of one edge for the even-odd rule */
static inline int
crosses(double x, double y, double ax, double ay, double bx, double by)
{
	return (ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax;
}

int
pal_poly_contains(const pal_poly *p, double x, double y)
{
	int			inside = 0;
	edge_iter	it;
	size_t		j,
				k;

	edges_start(&it, p, 3);
	while (edges_next(&it, &j, &k))
		if (crosses(x, y, p->xy[2 * j], p->xy[2 * j + 1], p->xy[2 * k], p->xy[2 * k + 1]))
			inside = !inside;
	return inside;
}

int
pal_poly_edges_meet_box(const pal_poly *p, const pal_box *b)
{
	edge_iter	it;
	size_t		j,
				k;

	edges_start(&it, p, 2);
	while (edges_next(&it, &j, &k))
		if (pal_segment_meets_box(p->xy[2 * j], p->xy[2 * j + 1],
								  p->xy[2 * k], p->xy[2 * k + 1], b))
			return 1;
	return 0;
}

int
pal_poly_meets_box(const pal_poly *p, const pal_box *b)
{
	return pal_poly_edges_meet_box(p, b) ||
		pal_poly_contains(p, (b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2);
}

void
pal_poly_bounds(const pal_poly *p, pal_box *b)
{
	size_t		k;

	b->x0 = b->y0 = INFINITY;
	b->x1 = b->y1 = -INFINITY;
	for (k = p->start[p->ring0]; k < p->start[p->ring0 + p->nrings]; k++)
	{
		double		x = p->xy[2 * k],
					y = p->xy[2 * k + 1];

		if (x < b->x0)
			b->x0 = x;
		if (x > b->x1)
			b->x1 = x;
		if (y < b->y0)
			b->y0 = y;
		if (y > b->y1)
			b->y1 = y;
	}
}

double
pal_poly_area2(const pal_poly *p)
{
	double		total = 0.0;
	size_t		r;

	for (r = p->ring0; r < p->ring0 + p->nrings; r++)
	{
		size_t		k0 = p->start[r],
					k1 = p->start[r + 1],
					k,
					j;
		double		a = 0.0;

		if (k1 - k0 < 3)
			continue;
		for (k = k0, j = k1 - 1; k < k1; j = k++)
			a += p->xy[2 * j] * p->xy[2 * k + 1] - p->xy[2 * k] * p->xy[2 * j + 1];
		total += r == p->ring0 ? fabs(a) : -fabs(a);
	}
	return total > 0.0 ? total : 0.0;
}

double
pal_poly_boundary_dist(const pal_poly *p, double x, double y)
{
	double		best = INFINITY;
	edge_iter	it;
	size_t		j,
				k;

	edges_start(&it, p, 2);
	while (edges_next(&it, &j, &k))
	{
		double		d = pal_segment_dist2(x, y, p->xy[2 * j], p->xy[2 * j + 1],
										  p->xy[2 * k], p->xy[2 * k + 1]);

		if (d < best)
			best = d;
	}
	return sqrt(best);
}

/* ---- edges by band ------------------------------------------------------ */

static int
band_of(const pal_bands *bd, double y)
{
	double		f = floor((y - bd->y0) / bd->bh);

	if (!(f >= 0.0))
		return 0;
	if (f >= (double) bd->nbands)
		return bd->nbands - 1;
	return (int) f;
}

/*
 * Counts (fill = 0, in count[b + 1]) or lists (fill = 1) every edge in each
 * band its vertical extent spans.
 */
static void
place_edges(pal_bands *bd, size_t *count, int fill)
{
	const pal_poly *p = &bd->poly;
	edge_iter	it;
	size_t		j,
				k;

	edges_start(&it, p, 2);
	while (edges_next(&it, &j, &k))
	{
		double		ya = p->xy[2 * j + 1],
					yb = p->xy[2 * k + 1];
		int			b0 = band_of(bd, ya < yb ? ya : yb),
					b1 = band_of(bd, ya < yb ? yb : ya),
					b;

		for (b = b0; b <= b1; b++)
		{
			if (fill)
			{
				size_t		at = bd->band_start[b] + count[b]++;

				bd->edge[at] = j;
				bd->edge_end[at] = k;
			}
			else
				count[b + 1]++;
		}
	}
}

static pal_status
bands_nomem(pal_bands *bd, size_t *count, const pal_allocator *a, pal_error *err)
{
	pal_release(a, count);
	pal_bands_free(bd, a);
	return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
}

pal_status
pal_bands_build(pal_bands *bd, const pal_poly *p, double band_height,
				const pal_allocator *a, pal_error *err)
{
	pal_box		b;
	size_t	   *count;
	size_t		total;
	int			i;

	bd->poly = *p;
	bd->band_start = bd->edge = bd->edge_end = NULL;
	pal_poly_bounds(p, &b);
	bd->y0 = b.y0;
	bd->bh = band_height > 0.0 ? band_height : 1.0;
	/* at most 256 bands */
	if ((b.y1 - b.y0) / bd->bh > 255.0)
		bd->bh = (b.y1 - b.y0) / 255.0;
	bd->nbands = (int) floor((b.y1 - b.y0) / bd->bh) + 1;
	if (bd->nbands < 1)
		bd->nbands = 1;
	bd->band_start = pal_alloc_array(a, (size_t) bd->nbands + 1, sizeof(size_t));
	count = pal_alloc_array(a, (size_t) bd->nbands + 1, sizeof(size_t));
	if (bd->band_start == NULL || count == NULL)
		return bands_nomem(bd, count, a, err);
	memset(count, 0, ((size_t) bd->nbands + 1) * sizeof(size_t));
	place_edges(bd, count, 0);
	bd->band_start[0] = 0;
	for (i = 0; i < bd->nbands; i++)
		bd->band_start[i + 1] = bd->band_start[i] + count[i + 1];
	total = bd->band_start[bd->nbands];
	bd->edge = pal_alloc_array(a, total, sizeof(size_t));
	bd->edge_end = pal_alloc_array(a, total, sizeof(size_t));
	if (bd->edge == NULL || bd->edge_end == NULL)
		return bands_nomem(bd, count, a, err);
	memset(count, 0, ((size_t) bd->nbands + 1) * sizeof(size_t));
	place_edges(bd, count, 1);
	pal_release(a, count);
	return PAL_OK;
}

void
pal_bands_free(pal_bands *bd, const pal_allocator *a)
{
	pal_release(a, bd->band_start);
	pal_release(a, bd->edge);
	pal_release(a, bd->edge_end);
	bd->band_start = bd->edge = bd->edge_end = NULL;
}

int
pal_bands_box_inside(const pal_bands *bd, const pal_box *b)
{
	const double *xy = bd->poly.xy;
	double		cx = (b->x0 + b->x1) / 2,
				cy = (b->y0 + b->y1) / 2;
	int			b0 = band_of(bd, b->y0),
				b1 = band_of(bd, b->y1),
				band,
				inside = 0;
	size_t		i;

	/* the box must lie within the polygon's vertical extent */
	if (b->y0 < bd->y0 || b->y1 > bd->y0 + bd->bh * bd->nbands)
		return 0;
	for (band = b0; band <= b1; band++)
		for (i = bd->band_start[band]; i < bd->band_start[band + 1]; i++)
		{
			size_t		j = bd->edge[i],
						k = bd->edge_end[i];

			if (pal_segment_meets_box(xy[2 * j], xy[2 * j + 1], xy[2 * k], xy[2 * k + 1], b))
				return 0;
		}
	/* no edge meets the box: it is inside exactly when its centre is */
	band = band_of(bd, cy);
	for (i = bd->band_start[band]; i < bd->band_start[band + 1]; i++)
	{
		size_t		j = bd->edge[i],
					k = bd->edge_end[i];

		if (crosses(cx, cy, xy[2 * j], xy[2 * j + 1], xy[2 * k], xy[2 * k + 1]))
			inside = !inside;
	}
	return inside;
}
