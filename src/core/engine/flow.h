/*
 * flow.h
 *	  Exact capacity-constrained allocation: the minimum-cost maximum flow of
 *	  a bipartite transportation problem.
 *
 * Demand rows i hold P_i units, supply columns j take at most S_j; a pair
 * (i, j) of the sparse pair list may carry any amount at cost c_ij per
 * unit.  The solver finds flows x_ij >= 0 with sum_j x_ij <= P_i and
 * sum_i x_ij <= S_j that serve the most demand in total and, among those,
 * cost the least.  Amounts and costs are real numbers (double).
 *
 * Method: a primal network simplex on the transportation graph
 *
 *	  cell i --(c_ij)--> facility j,  cell i --(1, 0)--> Z (unserved),
 *	  Y --(0, 0)--> facility j (unused capacity),  Y --(0, 0)--> Z,
 *
 * with supplies P_i and sum S, demands S_j and sum P, and costs compared
 * lexicographically (units unserved first, then cost): no "big M" whose
 * size would swamp the costs in floating point.  The first basis comes from
 * the least-cost rule (pairs by increasing cost, each taking what it can),
 * built so that it is strongly feasible (Cunningham), which the leaving-arc
 * rule then keeps: no cycling.  Entering arcs are chosen by block search
 * (the rule of LEMON's network simplex).  Potentials are recomputed from the tree, never
 * accumulated, so they do not drift.
 *
 * The result depends only on the pair list and the amounts, not on memory
 * layout: callers that want it independent of input row order give rows and
 * columns in a canonical order (by id).  Memory: 12 bytes per pair for the
 * list, 8 more while the first basis is built, and O(rows + columns).
 */
#ifndef PAL_FLOW_H
#define PAL_FLOW_H

#include "pal_core.h"

/*
 * Sparse pairs, one run per demand row: pairs start[i] .. start[i+1] of row
 * i, each with its supply column and its cost (finite, >= 0).
 */
typedef struct pal_pairs
{
	size_t		nrows;
	size_t		ncols;
	size_t		npairs;
	size_t	   *start;			/* nrows + 1 */
	uint32_t   *col;			/* npairs */
	double	   *cost;			/* npairs */
} pal_pairs;

/* what a solve did, for tests and the benchmark */
typedef struct pal_flow_stats
{
	double		served;			/* total flow */
	double		cost;			/* total cost */
	uint64_t	pivots;			/* simplex pivots */
	uint64_t	degenerate;		/* of which moved no flow */
	uint64_t	settled;		/* potentials recomputed after pivots */
	uint64_t	scanned;		/* reduced costs computed */
	uint64_t	initial_pairs;	/* pairs with flow in the first basis */
} pal_flow_stats;

/*
 * Solve.  demand[nrows] and capacity[ncols] are finite and >= 0.  Writes
 * served[nrows] (<= demand), load[ncols] (<= capacity) and, when flow is
 * not NULL, flow[npairs].  stats may be NULL.  PAL_ERR_INTERRUPTED when the allocator's interrupt check
 * asks to stop; PAL_ERR_VALUE when the problem is too large for 32-bit arc
 * numbers; PAL_ERR_RANGE when a cost or a total is too large.
 */
extern pal_status pal_flow_solve(const pal_pairs *pairs, const double *demand,
								 const double *capacity, double *served,
								 double *load, double *flow,
								 pal_flow_stats *stats,
								 const pal_allocator *alloc, pal_error *err);

/*
 * Check a flow against the problem (tests, debugging): non-negative, row
 * sums <= demand and column sums <= capacity within a relative tolerance
 * tol.  Returns 0 when it holds, else 1 with a reason in err.
 */
extern int	pal_flow_check(const pal_pairs *pairs, const double *demand,
						   const double *capacity, const double *flow,
						   double tol, const pal_allocator *alloc,
						   pal_error *err);

extern void pal_pairs_free(pal_pairs *pairs, const pal_allocator *alloc);

#endif							/* PAL_FLOW_H */
