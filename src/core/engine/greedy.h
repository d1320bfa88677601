/*
 * greedy.h
 *	  Weighted maximum coverage by the greedy rule: choose up to k candidates,
 *	  each step taking the one that covers the most demand not yet covered
 *	  (ties: the smaller key), stopping early when no candidate adds anything.
 *
 * Two drivers give identical picks:
 *
 *	  pal_greedy_lazy   a max-heap of stale gains.  Coverage is submodular, so
 *						a gain computed earlier is an upper bound of the gain
 *						now; a popped candidate is re-evaluated and selected
 *						only when its fresh gain still heads the heap.  Most
 *						candidates are never evaluated again after the first
 *						pass.
 *	  pal_greedy_plain  re-evaluates every remaining candidate at each step:
 *						the reference for tests and the baseline of the bench.
 *
 * Stale gains are true upper bounds in floating point as well: a gain is a
 * sum of non-negative terms in a fixed order, and dropping terms (cells
 * covered since) can only lower a rounded sum.
 *
 * The coverage itself comes through pal_cover_ops, so the drivers work on
 * explicit sets (pal_cover_sets, for tests) and on points within a decay's
 * catchment (pal_cover_spatial, the server's case) alike.
 */
#ifndef PAL_GREEDY_H
#define PAL_GREEDY_H

#include "pal_core.h"
#include "types/decay.h"
#include "engine/catchment.h"
#include "engine/spindex.h"

typedef struct pal_cover_ops
{
	/* demand that candidate j would newly cover (covered[c] != 0: covered) */
	double		(*gain) (void *ctx, size_t j, const uint8_t *covered);
	/* mark the cells candidate j covers; returns the demand newly covered */
	double		(*cover) (void *ctx, size_t j, uint8_t *covered);
	void	   *ctx;
	size_t		ncand;			/* candidates 0 .. ncand - 1 */
	size_t		ncells;			/* size of the covered array */
} pal_cover_ops;

/* the outcome of a greedy run, arrays of k entries supplied by the caller */
typedef struct pal_greedy_result
{
	size_t		npicked;		/* steps taken (<= k) */
	uint32_t   *pick;			/* candidate of each step */
	double	   *gain;			/* demand newly covered at each step */
	uint64_t	evaluations;	/* calls of ops->gain */
} pal_greedy_result;

/*
 * Run the greedy rule.  key[j] breaks ties (smaller first; the facility id
 * in the server).  covered (ops->ncells entries) holds what is covered
 * before the first step and is updated as candidates are picked.
 * PAL_ERR_INTERRUPTED when alloc's interrupt check asks to stop.
 */
extern pal_status pal_greedy_lazy(const pal_cover_ops *ops, const int64_t *key,
								  uint8_t *covered, size_t k,
								  pal_greedy_result *res,
								  const pal_allocator *alloc, pal_error *err);
extern pal_status pal_greedy_plain(const pal_cover_ops *ops, const int64_t *key,
								   uint8_t *covered, size_t k,
								   pal_greedy_result *res,
								   const pal_allocator *alloc, pal_error *err);

/* ---- explicit sets: candidate j covers cell[start[j] .. start[j+1]) ---- */
typedef struct pal_cover_sets
{
	size_t		ncand;
	size_t		ncells;
	const size_t *start;		/* ncand + 1 */
	const uint32_t *cell;
	const double *demand;		/* ncells */
} pal_cover_sets;

extern pal_cover_ops pal_cover_sets_ops(const pal_cover_sets *s);

/* ---- points within a decay's catchment (weight > 0) ---------------------- */
typedef struct pal_cover_spatial
{
	pal_grid	grid;			/* over the demand points */
	pal_catchment cat;			/* scans of that grid */
	double	   *demand;			/* weight of each demand point, grid order */
	uint32_t   *hits;			/* scratch: positions found by one scan */
	size_t		ncand;
	const double *cand_lon;
	const double *cand_lat;
} pal_cover_spatial;

/*
 * Index ndemand demand points (lon, lat, weight >= 0) for the candidates at
 * cand_lon/cand_lat with a distance decay (a travel-time decay is
 * PAL_ERR_VALUE).  The covered array of the ops is indexed by grid position
 * (ops.ncells = ndemand).
 */
extern pal_status pal_cover_spatial_init(pal_cover_spatial *s, size_t ndemand,
										 const double *lon, const double *lat,
										 const double *weight, size_t ncand,
										 const double *cand_lon,
										 const double *cand_lat,
										 const pal_decay *decay,
										 const pal_allocator *alloc,
										 pal_error *err);
extern void pal_cover_spatial_free(pal_cover_spatial *s,
								   const pal_allocator *alloc);
extern pal_cover_ops pal_cover_spatial_ops(pal_cover_spatial *s);

/*
 * Mark the demand within the catchment of each of n points (the facilities
 * that meet the standard today); returns the demand they cover.
 */
extern double pal_cover_spatial_mark(pal_cover_spatial *s, size_t n,
									 const double *lon, const double *lat,
									 uint8_t *covered);

#endif							/* PAL_GREEDY_H */
