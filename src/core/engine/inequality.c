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

/*
 * The measures do not change when every value, or every weight, is
 * multiplied by the same factor, so they are computed on value / vmax and
 * weight / wmax: every term is then at most 1 and no sum overflows, however
 * large the finite inputs.
 */
typedef struct scaled
{
	double		vmax,
				wmax,
				W,				/* sum of scaled weights */
				X;				/* sum of scaled weight * scaled value */
} scaled;

static double
wscaled(const scaled *sc, double w)
{
	return sc->wmax > 0 ? w / sc->wmax : 0.0;
}

static double
vscaled(const scaled *sc, double v)
{
	return sc->vmax > 0 ? v / sc->vmax : 0.0;
}

static void
totals(const pal_wvalue *v, size_t n, scaled *sc)
{
	size_t		i;

	sc->vmax = 0;
	sc->wmax = 0;
	for (i = 0; i < n; i++)
	{
		if (v[i].value > sc->vmax)
			sc->vmax = v[i].value;
		if (v[i].weight > sc->wmax)
			sc->wmax = v[i].weight;
	}
	sc->W = 0;
	sc->X = 0;
	for (i = 0; i < n; i++)
	{
		double		w = wscaled(sc, v[i].weight);

		sc->W += w;
		sc->X += w * vscaled(sc, v[i].value);
	}
}

/*
 * Gini = 1 - sum_k (F_k - F_{k-1}) (L_k + L_{k-1}) over the Lorenz curve
 * with population shares F and value shares L.
 */
int
pal_gini_sorted(const pal_wvalue *v, size_t n, double *out)
{
	scaled		sc;
	double		cumx = 0,
				area = 0;
	size_t		i;

	totals(v, n, &sc);
	if (!(sc.W > 0) || !(sc.X > 0))
		return 0;
	for (i = 0; i < n; i++)
	{
		double		prev = cumx,
					w = wscaled(&sc, v[i].weight);

		cumx += w * vscaled(&sc, v[i].value);
		area += (w / sc.W) * ((prev + cumx) / sc.X);
	}
	*out = 1.0 - area;
	if (*out < 0)
		*out = 0;
	return 1;
}

/* the Lorenz curve L(p): share of the value held by the poorest share p */
static double
lorenz_at(const pal_wvalue *v, size_t n, const scaled *sc, double p)
{
	double		target = p * sc->W,
				cumw = 0,
				cumx = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		w = wscaled(sc, v[i].weight),
					x = vscaled(sc, v[i].value);

		if (cumw + w >= target)
			return (cumx + (target - cumw) * x) / sc->X;
		cumw += w;
		cumx += w * x;
	}
	return 1.0;
}

int
pal_palma_sorted(const pal_wvalue *v, size_t n, double *out)
{
	scaled		sc;
	double		bottom,
				top;

	totals(v, n, &sc);
	if (!(sc.W > 0) || !(sc.X > 0))
		return 0;
	bottom = lorenz_at(v, n, &sc, 0.4);
	top = 1.0 - lorenz_at(v, n, &sc, 0.9);
	if (!(bottom > 0))
		return 0;
	*out = top / bottom;
	return 1;
}

/*
 * Theil T state: s[0] = W, s[1] = X, s[2] = L as sums of w' = w / s[3] and
 * x' = x / s[4] (W = sum w', X = sum w' x', L = sum w' x' ln x'), s[3] and
 * s[4] the largest weight and value so far.  A larger weight or value
 * rescales the sums exactly: with q = old / new scale, W, X and L scale by
 * q for weights; for values X' = q X and L' = q L + q ln(q) X.
 */
static void
theil_rescale(double s[PAL_THEIL_STATE], double wmax, double vmax)
{
	if (wmax > s[3])
	{
		double		q = s[3] / wmax;

		s[0] *= q;
		s[1] *= q;
		s[2] *= q;
		s[3] = wmax;
	}
	if (vmax > s[4])
	{
		double		q = s[4] / vmax;

		/* with no value above 0 so far, X and L are 0 */
		if (q > 0)
		{
			s[2] = q * s[2] + q * log(q) * s[1];
			s[1] *= q;
		}
		s[4] = vmax;
	}
}

void
pal_theil_accum(double s[PAL_THEIL_STATE], double value, double weight)
{
	double		w,
				x;

	theil_rescale(s, weight, value);
	w = s[3] > 0 ? weight / s[3] : 0.0;
	x = s[4] > 0 ? value / s[4] : 0.0;
	s[0] += w;
	s[1] += w * x;
	if (x > 0)
		s[2] += w * x * log(x);
}

void
pal_theil_combine(double a[PAL_THEIL_STATE], const double b[PAL_THEIL_STATE])
{
	double		c[PAL_THEIL_STATE];
	int			k;

	for (k = 0; k < PAL_THEIL_STATE; k++)
		c[k] = b[k];
	theil_rescale(a, c[3], c[4]);
	theil_rescale(c, a[3], a[4]);
	a[0] += c[0];
	a[1] += c[1];
	a[2] += c[2];
}

/* T = (1/W) sum w (x/mu) ln(x/mu) = L / X - ln(mu), mu = X / W */
int
pal_theil_t(const double s[PAL_THEIL_STATE], double *out)
{
	double		W = s[0],
				X = s[1],
				L = s[2];

	if (!(W > 0) || !(X > 0))
		return 0;
	*out = L / X - log(X / W);
	if (*out < 0 && *out > -1e-12)
		*out = 0;
	return 1;
}
