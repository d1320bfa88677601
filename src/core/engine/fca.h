/*
 * fca.h
 *	  The floating-catchment accessibility engine: 2SFCA and its variants,
 *	  and k-nearest facilities.
 *
 * Memory is O(demand + supply): pairs are found again in each pass through
 * a spatial grid over the supply (or read from sparse costs), never stored.
 * The two steps of a floating-catchment method can run separately on any
 * subset of the demand rows, so that a distributed caller can sum step 1
 * over demand shards, compute the ratios once and run step 2 per shard:
 *
 *	  step 1: weighted demand per facility (sums over demand rows)
 *	  ratios: facility ratio from capacity and the summed weighted demand
 *	  step 2: access of each demand row given the facility ratios
 *
 * Per-facility arrays are indexed by supply row (input order).
 */
#ifndef PAL_FCA_H
#define PAL_FCA_H

#include "pal_core.h"
#include "engine/points.h"
#include "types/decay.h"

typedef enum pal_fca_method
{
	PAL_FCA_2SFCA = 0,
	PAL_FCA_3SFCA,
	PAL_FCA_M2SFCA,
	PAL_FCA_BFCA,
	PAL_FCA_GRAVITY,
	PAL_FCA__NMETHODS
} pal_fca_method;

/* method by name ("2sfca", ...), or -1 */
extern int	pal_fca_method_lookup(const char *name);
extern const char *pal_fca_method_name(int method);


typedef struct pal_fca pal_fca;

/*
 * Prepare an engine.  demand->value is the weight, supply->value the
 * capacity; costs NULL means great-circle distances.  The engine keeps
 * pointers to the inputs, which must outlive it.  A travel-time decay
 * without costs is PAL_ERR_VALUE.
 */
extern pal_status pal_fca_create(const pal_points *demand,
								 const pal_points *supply,
								 const pal_decay *decay, int method,
								 const pal_costs *costs,
								 const pal_allocator *alloc, pal_fca **out,
								 pal_error *err);
extern void pal_fca_destroy(pal_fca *fca);

/*
 * Demand rows in the engine's preferred processing order (grouped by
 * place, for cache locality): ndemand entries.
 */
extern const uint32_t *pal_fca_demand_order(const pal_fca *fca);

/*
 * Step 1 over the given demand rows: adds each facility's weighted demand
 * to wdemand[nsupply] and, for bfca, the facility's total weight to
 * wtotal[nsupply] (may be NULL for the other methods).
 */
extern pal_status pal_fca_step1(pal_fca *fca, const uint32_t *rows,
								size_t count, double *wdemand, double *wtotal,
								pal_error *err);

/*
 * Facility ratios from the summed step-1 arrays: ratio[j] (capacity per
 * weighted demand, 0 when no weighted demand; for gravity the capacity) and
 * factor[j], what step 2 multiplies the weights by.  A weighted demand that
 * is not finite or is subnormal, or a ratio that is not finite, is
 * PAL_ERR_RANGE naming the facility.
 */
extern pal_status pal_fca_ratios(const pal_fca *fca, const double *wdemand,
								 const double *wtotal, double *ratio,
								 double *factor, pal_error *err);

/*
 * Step 2 over the given demand rows: access[row] and reachable[row]
 * (facilities with a positive weight), indexed by demand row.  An access
 * that is not finite, or a facility with capacity whose weighted demand
 * rounded to 0 although the row reaches it with a positive demand weight,
 * is PAL_ERR_RANGE naming the row.
 */
extern pal_status pal_fca_step2(pal_fca *fca, const uint32_t *rows,
								size_t count, const double *factor,
								double *access, int32_t *reachable,
								pal_error *err);

/*
 * The whole computation.  access/reachable per demand row (may be NULL to
 * stop after the ratios); ratio and wdemand per supply row (may be NULL).
 */
extern pal_status pal_fca_run(pal_fca *fca, double *access,
							  int32_t *reachable, double *ratio,
							  double *wdemand, pal_error *err);

/*
 * One demand point at a time, by great-circle distance (an engine created
 * without costs; its demand set may be empty).  These serve the
 * distributable form (engine/fca_dist.h), where demand rows arrive one by
 * one in any backend.
 *
 * pal_fca_point_step1: the facilities within the catchment of (lon, lat)
 * and what a demand row of that weight adds to each one's step-1 sums:
 * their supply rows in *rows, the terms of the weighted demand in *wd and,
 * for bfca, of the total weight in *wt (NULL for the other methods).  The
 * arrays belong to the engine and hold until its next call.  Returns how
 * many facilities.
 *
 * pal_fca_point_access: step 2 for the demand row (id, lon, lat, weight)
 * given the facility factors of pal_fca_ratios, with the checks of
 * pal_fca_step2; *reachable gets the facilities with a positive weight.
 */
extern size_t pal_fca_point_step1(pal_fca *fca, double lon, double lat,
								  double weight, const uint32_t **rows,
								  const double **wd, const double **wt);
extern pal_status pal_fca_point_access(pal_fca *fca, int64_t id, double lon,
									   double lat, double weight,
									   const double *factor, double *access,
									   int32_t *reachable, pal_error *err);

/* candidate pairs examined and pairs within the catchment so far */
extern void pal_fca_counters(const pal_fca *fca, uint64_t *candidates,
							 uint64_t *pairs);

#endif							/* PAL_FCA_H */
