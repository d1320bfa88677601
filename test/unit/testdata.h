/*
 * testdata.h
 *	  Test data shared by the unit tests of the engine: a decay parsed or
 *	  failed on the spot, the deterministic generator, and a data set of
 *	  demand and supply points held in plain arrays.
 */
#ifndef PAL_TESTDATA_H
#define PAL_TESTDATA_H

#include "unit.h"
#include "types/decay.h"
#include "engine/fca.h"

/* a decay from its text; the test fails if it does not parse */
extern pal_decay *td_decay(const char *s);

/* a linear congruential generator with its state passed along */
extern double td_rnd_r(uint64_t *state);

/* the same generator on the test's own state, seeded by td_seed */
extern void td_seed(uint64_t seed);
extern double td_rnd(void);
extern size_t td_rndi(size_t k);	/* 0 .. k-1 */

/* n demand points (weights w) and m supply points (capacities cap) */
typedef struct dataset
{
	size_t		n,
				m;
	int64_t    *did,
			   *sid;
	double	   *dlon,
			   *dlat,
			   *w,
			   *slon,
			   *slat,
			   *cap,
			   *prio;
} dataset;

/* the arrays of ds for n and m points, zeroed; td_free frees them */
extern void td_alloc(dataset *ds, size_t n, size_t m);
extern void td_free(dataset *ds);

/*
 * Supply point i of ds on demand point i % n at every seventh row from
 * the fourth (a supply point on a demand point), elsewhere at random in
 * the box of spread degrees from 139E 35N
 */
extern void td_supply_point(dataset *ds, size_t i, double spread);

/* the demand and the supply side of ds as points */
extern pal_points td_demand(const dataset *ds);
extern pal_points td_supply(const dataset *ds);

/* fails the test unless a and b agree to rel (relative) or 1e-9 */
extern void td_assert_close(double a, double b, double rel, const char *what);

/* an interrupt check that always interrupts */
extern int	td_stop_now(void *ctx);

#endif
