/*
 * decay.h
 *	  Distance-decay functions with a catchment: parsing, formatting and
 *	  weights.
 *
 * Text forms: binary(30km), linear(30km), gaussian(30km),
 * exponential(0.1/km, 60km), power(1.5, 60km),
 * step(10km:1, 20km:0.68, 30km:0.22), logistic(30km, 10km, 60km) (median,
 * standard deviation, cutoff).  Units m and km measure distance
 * (base unit: metre), min and h measure travel time (base unit: minute).
 * Weights are defined for d in the base unit, are 0 beyond the cutoff, and
 * boundaries are inclusive.
 */
#ifndef PAL_DECAY_H
#define PAL_DECAY_H

#include <math.h>

#include "pal_core.h"

typedef enum pal_decay_kind
{
	PAL_DECAY_BINARY = 0,
	PAL_DECAY_LINEAR,
	PAL_DECAY_GAUSSIAN,
	PAL_DECAY_EXPONENTIAL,
	PAL_DECAY_POWER,
	PAL_DECAY_STEP,
	PAL_DECAY_LOGISTIC,
	PAL_DECAY__NKINDS
} pal_decay_kind;

typedef enum pal_decay_unit
{
	PAL_UNIT_M = 0,
	PAL_UNIT_KM,
	PAL_UNIT_MINUTE,
	PAL_UNIT_HOUR,
	PAL_UNIT__COUNT
} pal_decay_unit;

/* most steps a step decay may have */
#define PAL_DECAY_MAX_STEPS 1000

/*
 * The decay value.  Its layout is also the on-disk layout of the SQL type
 * palliative.decay (a varlena): vl_len_ is the length word the server sets
 * and the core never reads.  Doubles start on an 8-byte boundary.
 */
typedef struct pal_decay
{
	int32_t		vl_len_;		/* varlena header (server only) */
	uint8_t		kind;			/* pal_decay_kind */
	uint8_t		unit;			/* unit the cutoff and step bounds print in */
	uint8_t		rate_unit;		/* exponential: unit of the rate's "per";
								 * logistic: unit median and sd print in */
	uint8_t		flags;			/* reserved, 0 */
	int32_t		nsteps;			/* step: number of steps, else 0 */
	int32_t		reserved;		/* 0 */
	double		param;			/* exponential: rate; power: exponent;
								 * logistic: median (base unit) */
	double		cutoff;			/* in the base unit (m or min) */
	double		param2;			/* logistic: standard deviation (base
								 * unit); else 0 */
	/* step: bound[0..nsteps) in the base unit then weight[0..nsteps) */
	double		steps[];
} pal_decay;

#define PAL_DECAY_HEADER_SIZE	offsetof(pal_decay, steps)
/* size of a decay with n steps (n <= PAL_DECAY_MAX_STEPS, so no overflow) */
#define PAL_DECAY_SIZE(n)	(PAL_DECAY_HEADER_SIZE + 2 * (size_t) (n) * sizeof(double))
#define PAL_DECAY_BOUNDS(d)		((d)->steps)
#define PAL_DECAY_WEIGHTS(d)	((d)->steps + (d)->nsteps)

/*
 * Parse text.  On success *out points to a decay allocated through alloc
 * (size PAL_DECAY_SIZE(nsteps), vl_len_ left 0).  Malformed text or invalid
 * parameters: PAL_ERR_SYNTAX.
 */
extern pal_status pal_decay_parse(const char *str, size_t len,
								  const pal_allocator *alloc,
								  pal_decay **out, pal_error *err);

/*
 * Check a decay built elsewhere (binary input) of total size bytes:
 * PAL_ERR_BINARY when anything is out of place.
 */
extern pal_status pal_decay_check(const pal_decay *d, size_t size,
								  pal_error *err);

/* canonical text form; returns the length written (buf of buflen) or needed */
extern size_t pal_decay_format(const pal_decay *d, char *buf, size_t buflen);

/*
 * True when a and b give the same weight at every distance: the same kind,
 * cutoff and parameters, whatever units they were written in where the
 * weights do not depend on them (binary(30km) and binary(30000m) are the
 * same decay; exponential(0.1/km, 60km) and exponential(0.0001/m, 60km) are
 * not treated as such).
 */
extern int	pal_decay_equal(const pal_decay *a, const pal_decay *b);

/* true when the decay measures travel time (min, h) */
extern int	pal_decay_is_time(const pal_decay *d);

/*
 * The rule of travel-time decays, for every function that takes a decay: a
 * decay in min or h needs costs (cost_sql in minutes), since without them
 * distances are great-circle metres.  PAL_ERR_VALUE when has_costs is 0
 * and the decay is in time units.
 */
extern pal_status pal_decay_check_costs(const pal_decay *d, int has_costs,
										pal_error *err);

/* base units per unit */
extern double pal_unit_factor(int unit);
extern const char *pal_unit_name(int unit);
extern const char *pal_decay_kind_name(int kind);

/*
 * Fast evaluation: a few constants prepared once.  pal_decay_eval gives the
 * weight at d (base unit, d >= 0, not NaN).
 */
typedef struct pal_decay_eval_ctx
{
	int			kind;
	double		cutoff;
	double		inv_cutoff;		/* 1 / cutoff, or 0 when that is not finite */
	double		scale;			/* exponential/power: 1 / base units per unit */
	double		param;
	int			nsteps;
	const double *bounds;
	const double *weights;
	double		median;			/* logistic: median, */
	double		steep;			/* pi / (sd sqrt 3), */
	double		g0;				/* and g(0) = 1 + exp(-steep median) */
} pal_decay_eval_ctx;

extern void pal_decay_prepare(const pal_decay *d, pal_decay_eval_ctx *ctx);

#define PAL_GAUSS_E	0.60653065971263342360	/* e^(-1/2) */
#define PAL_GAUSS_NORM	2.54149408253679828413	/* 1 / (1 - e^(-1/2)) */

static inline double
pal_decay_eval(const pal_decay_eval_ctx *c, double d)
{
	if (!(d <= c->cutoff))
		return 0.0;
	switch (c->kind)
	{
		case PAL_DECAY_BINARY:
			return 1.0;
		case PAL_DECAY_LINEAR:
			{
				/* d * (1/c) may round to just above 1 below the cutoff */
				double		w = 1.0 - (c->inv_cutoff > 0.0 ? d * c->inv_cutoff : d / c->cutoff);

				return d < c->cutoff && w > 0.0 ? w : 0.0;
			}
		case PAL_DECAY_GAUSSIAN:
			{
				double		t = c->inv_cutoff > 0.0 ? d * c->inv_cutoff : d / c->cutoff;
				double		w;

				if (d >= c->cutoff)
					return 0.0;
				/* multiplications only: a division here costs more than exp */
				w = (exp(-0.5 * t * t) - PAL_GAUSS_E) * PAL_GAUSS_NORM;
				return w > 0.0 ? w : 0.0;
			}
		case PAL_DECAY_EXPONENTIAL:
			return exp(-c->param * d * c->scale);
		case PAL_DECAY_POWER:
			{
				double		u = d * c->scale;

				return u <= 1.0 ? 1.0 : pow(u, -c->param);
			}
		case PAL_DECAY_STEP:
			{
				int			k;

				for (k = 0; k < c->nsteps; k++)
					if (d <= c->bounds[k])
						return c->weights[k];
				return 0.0;
			}
		case PAL_DECAY_LOGISTIC:
			{
				/* g(0) / g(d), g(d) = 1 + exp(pi (d - median) / (sd sqrt 3)) */
				double		w = c->g0 / (1.0 + exp(c->steep * (d - c->median)));

				return w < 1.0 ? w : 1.0;
			}
	}
	return 0.0;
}

/* convenience: weight of a decay at d, preparing on the fly */
extern double pal_decay_weight(const pal_decay *d, double dist);

#endif							/* PAL_DECAY_H */
