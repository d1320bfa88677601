/*
 * sample_int.h
 *	  Internals shared by the files of the sample generator (world.c,
 *	  facilities.c, profiles.c, outlines.c).  Not part of the core's API:
 *	  only those files include it.
 */
#ifndef PAL_SAMPLE_INT_H
#define PAL_SAMPLE_INT_H

#include <math.h>
#include <string.h>

#include "sample/rng.h"
#include "sample/sample.h"

/* no fused multiply-add: the same bits on every machine */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#define NR PAL_SAMPLE_ROWS
#define NC PAL_SAMPLE_COLS
#define NCELL (NR * NC)
#define LAND_SHARE 0.78
#define MOUNTAIN_SHARE 0.38
#define NPREF 4
/* kilometres per cell step, roughly, at 38 deg N */
#define KM_X 1.10
#define KM_Y 0.925


typedef struct gen
{
	const pal_allocator *a;
	pal_error  *err;
	pal_rng		rng;
	double	   *score;			/* scratch per cell */
	double	   *elev;			/* 0..1 on land */
	double	   *nz;				/* a noise field reused for texture */
	uint8_t    *land;
	uint8_t    *inhabited;
	int		   *pref;			/* labels per cell, -1 off land */
	int		   *sec;
	int		   *muni;
	double	   *pop;			/* people per cell (before rounding) */
	int			nsec;
	int			nmuni;
	int			sec_center[32]; /* cell of each secondary region's centre */
	int			sec_pref[32];
	int			muni_center[256];
	int			muni_sec[256];
	double		muni_seat_pop[256];
} gen;


static inline void *
gen_alloc(gen *g, size_t n, size_t size)
{
	size_t		bytes;
	void	   *p;

	if (pal_mul_size(n == 0 ? 1 : n, size, &bytes))
		return NULL;
	p = g->a->alloc(g->a->ctx, bytes);
	if (p != NULL)
		memset(p, 0, bytes);
	return p;
}

static inline void
gen_release(gen *g, void *p)
{
	if (p != NULL)
		g->a->release(g->a->ctx, p);
}

static inline int
interrupted(gen *g)
{
	return g->a->check_interrupt != NULL && g->a->check_interrupt(g->a->ctx);
}


static inline double
round_to(double x, double unit)
{
	return floor(x / unit + 0.5) * unit;
}


static inline void
shuffle(pal_rng *rng, int *v, int n)
{
	int			i;

	for (i = n - 1; i > 0; i--)
	{
		int			j = (int) pal_rng_below(rng, (uint32_t) i + 1);
		int			t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}


/* shared names */
extern const char *const pal_sample_pref_ja[NPREF];
extern const char *const pal_sample_pref_stem_ja[NPREF];

/* step 5 and step 6; each returns 0, 1 out of memory, 2 interrupted, 3 broken */
extern int	pal_sample_build_facilities(gen *g, pal_sample *s);
extern int	pal_sample_trace_regions(gen *g, pal_sample *s);

/* the capability profiles of profiles.c, one per group of facilities */
typedef enum pal_profile
{
	PAL_PROFILE_REGIONAL_BASE,	/* the base hospitals (for the regional ones) */
	PAL_PROFILE_PCU,			/* the other hospitals with a PCU */
	PAL_PROFILE_LTC_WARD,		/* the remaining hospitals: long-term-care wards */
	PAL_PROFILE_GENERAL,		/* the same: those without a long-term-care ward */
	PAL_PROFILE_CLINIC,
	PAL_PROFILE_STATION,
	PAL_PROFILE_PHARMACY,
	PAL_PROFILE_CARE_FACILITY
} pal_profile;

extern int	pal_sample_profile(pal_rng *rng, pal_sample_facility *f, int from, int to,
							   pal_profile which, int *list);

#endif							/* PAL_SAMPLE_INT_H */
