/*
 * spindex.h
 *	  A lon/lat grid over points, for radius queries and k-nearest search.
 *
 * Points are bucketed in square cells of a fixed size in degrees and stored
 * in cell order (row-major), so the cells of one row that a query touches
 * hold a contiguous run of points.  The grid keeps, per point in that order,
 * the unit vector and the input row number.
 */
#ifndef PAL_SPINDEX_H
#define PAL_SPINDEX_H

#include "pal_core.h"

typedef struct pal_grid
{
	size_t		n;				/* points */
	double		lat0,
				lon0;			/* south-west corner of cell (0, 0) */
	double		cell;			/* cell size, degrees */
	int32_t		nrows,
				ncols;
	uint32_t   *start;			/* nrows * ncols + 1 offsets into the points */
	uint32_t   *row;			/* input row of each point, in grid order */
	double	   *x,
			   *y,
			   *z;				/* unit vectors, in grid order */
	double	   *lon,
			   *lat;			/* coordinates, in grid order */
} pal_grid;

/*
 * Build over n points (lon in [-180, 180], lat in [-90, 90]) with cells of
 * about cell degrees (enlarged when the grid would have far more cells than
 * points).  n may be 0.
 */
extern pal_status pal_grid_build(pal_grid *g, const double *lon,
								 const double *lat, size_t n, double cell,
								 const pal_allocator *alloc, pal_error *err);
extern void pal_grid_free(pal_grid *g, const pal_allocator *alloc);

/* a cell size for k-nearest searches: a few points per cell on average */
extern double pal_grid_knn_cell(const double *lon, const double *lat,
								size_t n);

/* most ranges pal_grid_ranges can write */
extern size_t pal_grid_max_ranges(const pal_grid *g);

/*
 * Runs of points (ranges[2i] .. ranges[2i+1], half-open, grid order) that
 * hold every point within angle (radians) of (lon, lat); a superset.
 * Returns the number of runs.
 */
extern size_t pal_grid_ranges(const pal_grid *g, double lon, double lat,
							  double angle, uint32_t *ranges);

/*
 * The k nearest points to (lon, lat), within max_angle radians, ties broken
 * by key[grid position] (smaller first).  Writes up to k grid positions to
 * out_pos with their squared chords to out_c2, nearest first; returns how
 * many.  heap_pos and heap_c2 are scratch of k entries.
 */
extern size_t pal_grid_knn(const pal_grid *g, double lon, double lat,
						   size_t k, double max_angle, const int64_t *key,
						   uint32_t *out_pos, double *out_c2);

#endif							/* PAL_SPINDEX_H */
