/*
 * capacity.h
 *	  Capacity and competition: who can actually be served.
 *
 *	  coverage		demand served within the facilities' capacities, either
 *					optimal (the minimum-cost maximum flow of engine/flow.h:
 *					the most demand served, then the least distance or cost
 *					travelled) or sequential (AccessMod's geographic coverage:
 *					facilities by priority, then id, each serving the nearest
 *					unserved demand within reach until its capacity is used)
 *	  availability	spatial availability (Soukhov et al. 2023): each
 *					facility's capacity shared among the demand rows that
 *					reach it in proportion to P_i^alpha W_ij
 *	  cost to capacity  the least distance or cost at which the capacity
 *					within reach is at least n, or first exceeds the row's
 *					own demand (the balancing cost of IPEA's accessibility)
 *
 * Inputs are the pal_points of engine/fca.h (demand: weight, supply:
 * capacity) with a decay, or costs from cost_sql.  Rows and columns are put
 * in id order before anything is computed, so results do not depend on the
 * order of the input rows.  Per-row outputs are indexed by input row.
 */
#ifndef PAL_CAPACITY_H
#define PAL_CAPACITY_H

#include "pal_core.h"
#include "types/decay.h"
#include "engine/fca.h"
#include "engine/flow.h"

typedef enum pal_allocation
{
	PAL_ALLOC_OPTIMAL = 0,
	PAL_ALLOC_SEQUENTIAL,
	PAL_ALLOC__COUNT
} pal_allocation;

/* allocation by name ("optimal", "sequential"), or -1 */
extern int	pal_allocation_lookup(const char *name);
extern const char *pal_allocation_name(int allocation);

/*
 * The pairs within reach in id order: row k is the demand row with the
 * k-th smallest id, column k the supply row with the k-th smallest id;
 * cost is the distance in metres or the cost_sql cost.
 */
typedef struct pal_reach
{
	pal_pairs	pairs;
	uint32_t   *drow;			/* row k -> input demand row */
	uint32_t   *srow;			/* column k -> input supply row */
	uint64_t	candidates;		/* pairs looked at */
} pal_reach;

/*
 * Enumerate the pairs within the decay's reach (weight > 0) at their
 * great-circle distance, or at their cost when costs is not NULL.  A
 * travel-time decay without costs is PAL_ERR_VALUE.  Ids must be unique
 * (checked: PAL_ERR_UNIQUE).
 */
extern pal_status pal_reach_build(const pal_points *demand,
								  const pal_points *supply,
								  const pal_decay *decay,
								  const pal_costs *costs, pal_reach *reach,
								  const pal_allocator *alloc, pal_error *err);
extern void pal_reach_free(pal_reach *reach, const pal_allocator *alloc);

/* totals of a coverage run */
typedef struct pal_coverage_stats
{
	pal_flow_stats flow;		/* optimal: the solver's figures */
	double		served;			/* total demand served */
	double		cost;			/* total distance or cost travelled */
	size_t		npairs;			/* pairs within reach */
} pal_coverage_stats;

/*
 * Capacity-constrained coverage over the pairs of reach.  demand->value and
 * supply->value are the amounts; priority (per supply input row) orders the
 * facilities of the sequential rule and may be NULL for optimal.  Writes,
 * per demand input row, served and reachable (pairs within reach), per
 * supply input row, load, and, when flow is not NULL, the amount of each
 * pair of reach->pairs.  stats may be NULL.
 */
extern pal_status pal_capacity_coverage(const pal_reach *reach,
										const pal_points *demand,
										const pal_points *supply,
										int allocation,
										const double *priority,
										double *served, int32_t *reachable,
										double *load, double *flow,
										pal_coverage_stats *stats,
										const pal_allocator *alloc,
										pal_error *err);

/*
 * Spatial availability per demand input row.  alpha finite and >= 0
 * (checked: PAL_ERR_RANGE).  Sums to the capacity of the facilities that
 * some demand reaches (sum of P_k^alpha W_kj > 0).
 */
extern pal_status pal_spatial_availability(const pal_points *demand,
										   const pal_points *supply,
										   const pal_decay *decay,
										   double alpha,
										   const pal_costs *costs,
										   double *availability,
										   const pal_allocator *alloc,
										   pal_error *err);

/*
 * Cost to capacity per demand input row: the least distance (metres) or
 * cost at which the capacity within reach (cost <= that value) is at least
 * n, or, when n is NaN, first exceeds the row's own demand; NaN when that
 * does not happen within max_cost.  n, when given, finite and >= 0;
 * max_cost > 0 and not NaN (checked: PAL_ERR_RANGE).
 */
extern pal_status pal_cost_to_capacity(const pal_points *demand,
									   const pal_points *supply,
									   double max_cost, double n,
									   const pal_costs *costs, double *cost,
									   const pal_allocator *alloc,
									   pal_error *err);

#endif							/* PAL_CAPACITY_H */
