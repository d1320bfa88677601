/*
 * nearest.h
 *	  The k nearest facilities of every demand point.
 *
 * By great-circle distance through a grid over the supply (a k-nearest
 * search when only a distance limit is given, the catchment primitive when
 * a decay is given), or through sparse costs.  With a decay, only the
 * facilities with decay weight > 0 count, as everywhere in the engine.
 */
#ifndef PAL_NEAREST_H
#define PAL_NEAREST_H

#include "pal_core.h"
#include "engine/points.h"
#include "types/decay.h"

/*
 * Called once per result row, in demand row order, nearest first; returns
 * non-zero to stop (pal_nearest then returns PAL_ERR_INTERRUPTED).
 */
typedef int (*pal_nearest_emit) (void *arg, uint32_t demand_row,
								 uint32_t supply_row, int32_t rank,
								 double distance);

/*
 * The k nearest facilities of every demand row, ties by supply id.
 * max_dist (metres, or the cost unit with costs) may be INFINITY.  decay,
 * when not NULL, keeps only facilities with weight > 0 at their distance
 * (or cost); a travel-time decay needs costs (PAL_ERR_VALUE).
 */
extern pal_status pal_nearest(const pal_points *demand,
							  const pal_points *supply, size_t k,
							  double max_dist, const pal_decay *decay,
							  const pal_costs *costs, pal_nearest_emit emit,
							  void *arg, const pal_allocator *alloc,
							  pal_error *err);

#endif							/* PAL_NEAREST_H */
