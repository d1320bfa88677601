/*
 * rng.h
 *	  The random numbers of the sample generator: xoshiro256** seeded
 *	  through splitmix64.  Integer arithmetic only, so a seed gives the same
 *	  sequence on every machine.
 */
#ifndef PAL_RNG_H
#define PAL_RNG_H

#include <stdint.h>

typedef struct pal_rng
{
	uint64_t	s[4];
} pal_rng;

/* seeds the xoshiro256** state from splitmix64(seed) */
extern void pal_rng_seed(pal_rng *rng, uint64_t seed);
/* next 64 random bits */
extern uint64_t pal_rng_next(pal_rng *rng);
/* uniform in [0, 1), 53 random bits */
extern double pal_rng_uniform(pal_rng *rng);
/* uniform integer in [0, n), without modulo bias; n > 0 */
extern uint32_t pal_rng_below(pal_rng *rng, uint32_t n);
/* one step of splitmix64 (advances *state) */
extern uint64_t pal_splitmix64(uint64_t *state);
/* uniform in [0, 1) from one splitmix64 step, 53 random bits */
extern double pal_splitmix_uniform(uint64_t *state);

#endif							/* PAL_RNG_H */
