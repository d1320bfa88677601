/*
 * inequality.h
 *	  Weighted inequality measures: Gini, Theil T, Palma.
 *
 * Values and weights are finite and non-negative (the caller checks with
 * pal_ineq_check).  A measure is undefined (returns 0 = false) when the
 * total weight or the weighted total value is 0, and Palma also when the
 * bottom 40% hold nothing.
 */
#ifndef PAL_INEQUALITY_H
#define PAL_INEQUALITY_H

#include "pal_core.h"

typedef struct pal_wvalue
{
	double		value;
	double		weight;
} pal_wvalue;

/* PAL_ERR_RANGE unless value and weight are finite and non-negative */
extern pal_status pal_ineq_check(double value, double weight, pal_error *err);

/* sort by value (ascending), in place */
extern void pal_ineq_sort(pal_wvalue *v, size_t n);

/* on values sorted by pal_ineq_sort; return 1 and *out when defined */
extern int	pal_gini_sorted(const pal_wvalue *v, size_t n, double *out);
extern int	pal_palma_sorted(const pal_wvalue *v, size_t n, double *out);

/*
 * Theil T from a state of PAL_THEIL_STATE numbers, all 0 at the start:
 * running sums over weights and values scaled by the largest seen so far
 * (so that no sum overflows, however large the finite inputs), and those
 * two largest.  States of parts of the input combine.
 */
#define PAL_THEIL_STATE 5
extern void pal_theil_accum(double s[PAL_THEIL_STATE], double value, double weight);
extern void pal_theil_combine(double a[PAL_THEIL_STATE], const double b[PAL_THEIL_STATE]);
extern int	pal_theil_t(const double s[PAL_THEIL_STATE], double *out);

#endif							/* PAL_INEQUALITY_H */
