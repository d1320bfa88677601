/*
 * inequality.c
 *	  Weighted Gini, Theil T and Palma.
 */
#include "engine/inequality.h"

#include <math.h>
#include <stdlib.h>

pal_status
pal_ineq_check(double value, double weight, pal_error *err)
{
	if (!isfinite(value) || value < 0.0)
	{
		pal_error_set(err, PAL_ERR_RANGE, "value %g is out of range for an inequality measure", value);
		pal_error_detail(err, "Values must be finite and not negative.");
		return PAL_ERR_RANGE;
	}
	if (!isfinite(weight) || weight < 0.0)
	{
		pal_error_set(err, PAL_ERR_RANGE, "weight %g is out of range for an inequality measure", weight);
		pal_error_detail(err, "Weights must be finite and not negative.");
		return PAL_ERR_RANGE;
	}
	return PAL_OK;
}

static int
cmp_wvalue(const void *a, const void *b)
{
	const pal_wvalue *x = a,
			   *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return (x->weight > y->weight) - (x->weight < y->weight);
}

void
pal_ineq_sort(pal_wvalue *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(pal_wvalue), cmp_wvalue);
}

static void
totals(const pal_wvalue *v, size_t n, double *W, double *X)
{
	size_t		i;

	*W = 0;
	*X = 0;
	for (i = 0; i < n; i++)
	{
		*W += v[i].weight;
		*X += v[i].weight * v[i].value;
	}
}

/*
 * Gini = 1 - sum_k (F_k - F_{k-1}) (L_k + L_{k-1}) over the Lorenz curve
 * with population shares F and value shares L.
 */
int
pal_gini_sorted(const pal_wvalue *v, size_t n, double *out)
{
	double		W,
				X,
				cumx = 0,
				area = 0;
	size_t		i;

	totals(v, n, &W, &X);
	if (!(W > 0) || !(X > 0))
		return 0;
	for (i = 0; i < n; i++)
	{
		double		prev = cumx;

		cumx += v[i].weight * v[i].value;
		area += (v[i].weight / W) * ((prev + cumx) / X);
	}
	*out = 1.0 - area;
	if (*out < 0)
		*out = 0;
	return 1;
}

/* the Lorenz curve L(p): share of the value held by the poorest share p */
static double
lorenz_at(const pal_wvalue *v, size_t n, double W, double X, double p)
{
	double		target = p * W,
				cumw = 0,
				cumx = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		w = v[i].weight;

		if (cumw + w >= target)
		{
			double		part = target - cumw;

			return (cumx + part * v[i].value) / X;
		}
		cumw += w;
		cumx += w * v[i].value;
	}
	return 1.0;
}

int
pal_palma_sorted(const pal_wvalue *v, size_t n, double *out)
{
	double		W,
				X,
				bottom,
				top;

	totals(v, n, &W, &X);
	if (!(W > 0) || !(X > 0))
		return 0;
	bottom = lorenz_at(v, n, W, X, 0.4);
	top = 1.0 - lorenz_at(v, n, W, X, 0.9);
	if (!(bottom > 0))
		return 0;
	*out = top / bottom;
	return 1;
}

void
pal_theil_accum(double sums[3], double value, double weight)
{
	sums[0] += weight;
	sums[1] += weight * value;
	if (value > 0)
		sums[2] += weight * value * log(value);
}

/* T = (1/W) sum w (x/mu) ln(x/mu) = L / X - ln(mu), mu = X / W */
int
pal_theil_t(const double sums[3], double *out)
{
	double		W = sums[0],
				X = sums[1],
				L = sums[2],
				mu;

	if (!(W > 0) || !(X > 0))
		return 0;
	mu = X / W;
	*out = L / X - log(mu);
	if (*out < 0 && *out > -1e-12)
		*out = 0;
	return 1;
}
