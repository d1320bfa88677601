/*
 * rng.c
 *	  The sample generator's random numbers: xoshiro256** seeded through
 *	  splitmix64 (see rng.h).
 */
#include "sample/rng.h"

uint64_t
pal_splitmix64(uint64_t *state)
{
	uint64_t	z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void
pal_rng_seed(pal_rng *rng, uint64_t seed)
{
	uint64_t	st = seed;
	int			i;

	for (i = 0; i < 4; i++)
		rng->s[i] = pal_splitmix64(&st);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
pal_rng_next(pal_rng *rng)
{
	uint64_t   *s = rng->s;
	uint64_t	result = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
pal_rng_uniform(pal_rng *rng)
{
	return (double) (pal_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

uint32_t
pal_rng_below(pal_rng *rng, uint32_t n)
{
	/* rejection sampling on 32 bits: no modulo bias */
	uint32_t	limit = (uint32_t) (0x100000000ULL - (0x100000000ULL % n));

	for (;;)
	{
		uint32_t	x = (uint32_t) (pal_rng_next(rng) >> 32);

		if (limit == 0 || x < limit)
			return x % n;
	}
}

double
pal_splitmix_uniform(uint64_t *state)
{
	return (double) (pal_splitmix64(state) >> 11) * (1.0 / 9007199254740992.0);
}
