/*
 * catchment.h
 *	  The one catchment primitive: the points of a grid (engine/spindex.h)
 *	  within a decay's catchment of a place, that is with decay weight > 0
 *	  at their great-circle distance, with that distance and weight.
 *
 * Every pair the engine weighs is found here: the floating catchments
 * (demand point -> facilities), the k nearest facilities with a decay, and
 * the greedy coverage (candidate -> demand cells), so "within reach" means
 * the same thing everywhere: weight > 0.  The scan is inline so that the
 * per-pair loop of each caller compiles into one loop.
 */
#ifndef PAL_CATCHMENT_H
#define PAL_CATCHMENT_H

#include "pal_core.h"
#include "engine/geodesy.h"
#include "engine/spindex.h"
#include "types/decay.h"

typedef struct pal_catchment
{
	const pal_grid *grid;		/* the points searched */
	pal_decay_eval_ctx dc;
	double		angle;			/* the cutoff as an angle, radians */
	double		c2max;			/* its squared chord, with slack */
	uint32_t   *ranges;			/* scratch of pal_grid_max_ranges runs */
	uint64_t	candidates;		/* points looked at so far */
} pal_catchment;

/* a grid cell size for catchment scans of this decay: a third of the cutoff */
extern double pal_catchment_cell(const pal_decay *decay);

/*
 * Prepare scans of grid g with decay (a distance decay: the cutoff is in
 * metres).  The grid must outlive the catchment.
 */
extern pal_status pal_catchment_init(pal_catchment *c, const pal_grid *g,
									 const pal_decay *decay,
									 const pal_allocator *alloc,
									 pal_error *err);
extern void pal_catchment_free(pal_catchment *c, const pal_allocator *alloc);

/*
 * The points within the catchment of (lon, lat): writes their grid
 * positions (or, when rows is true, their input rows) to pos and, when not
 * NULL, their distances (metres) to dist and weights to w, in grid order;
 * returns how many.  Points with skip[position] set are passed over (skip
 * may be NULL).  The outputs need room for every point of the grid.
 */
static inline size_t
pal_catchment_scan(pal_catchment *c, double lon, double lat,
				   const uint8_t *skip, int rows, uint32_t *pos, double *dist,
				   double *w)
{
	const pal_grid *g = c->grid;
	const double *gx = g->x,
			   *gy = g->y,
			   *gz = g->z;
	double		x,
				y,
				z,
				c2max = c->c2max;
	size_t		nr,
				r,
				n = 0;

	pal_unit_vector(lon, lat, &x, &y, &z);
	nr = pal_grid_ranges(g, lon, lat, c->angle, c->ranges);
	for (r = 0; r < nr; r++)
	{
		uint32_t	p = c->ranges[2 * r],
					e = c->ranges[2 * r + 1];

		c->candidates += e - p;
		for (; p < e; p++)
		{
			double		dx,
						dy,
						dz,
						c2,
						d,
						wt;

			if (skip != NULL && skip[p])
				continue;
			dx = x - gx[p];
			dy = y - gy[p];
			dz = z - gz[p];
			c2 = dx * dx + dy * dy + dz * dz;
			if (c2 > c2max)
				continue;
			d = PAL_EARTH_RADIUS * pal_chord2_angle(c2);
			wt = pal_decay_eval(&c->dc, d);
			if (wt > 0.0)
			{
				pos[n] = rows ? g->row[p] : p;
				if (dist)
					dist[n] = d;
				if (w)
					w[n] = wt;
				n++;
			}
		}
	}
	return n;
}

#endif							/* PAL_CATCHMENT_H */
