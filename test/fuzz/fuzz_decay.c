/*
 * fuzz_decay.c
 *	  libFuzzer target: the decay text parser, the binary receive check (on
 *	  the wire layout decay_recv reads), the formatter and the weights.
 *	  Whatever the input, nothing may crash; a decay that is accepted, as
 *	  text or as binary, must pass the check, format to text that parses
 *	  back to the same value (pg_dump writes the text), and give weights in
 *	  [0, 1] that are 0 beyond the cutoff.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "types/decay.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_weights(const pal_decay *d)
{
	static const double fractions[] = {0.0, 1e-9, 0.1, 0.25, 0.5, 0.999, 1.0};
	size_t		k;

	for (k = 0; k < sizeof(fractions) / sizeof(fractions[0]); k++)
	{
		double		w = pal_decay_weight(d, fractions[k] * d->cutoff);

		if (!(w >= 0.0 && w <= 1.0))
			abort();
	}
	if (pal_decay_weight(d, d->cutoff * 1.000001 + 1e-300) != 0.0 ||
		pal_decay_weight(d, INFINITY) != 0.0)
		abort();
}

/* everything an accepted decay of size bytes must satisfy */
static void
check_valid(const pal_decay *d, size_t size)
{
	pal_error	err;
	pal_decay  *back;
	size_t		len;
	char	   *text;

	if (pal_decay_check(d, size, &err) != PAL_OK)
		abort();
	len = pal_decay_format(d, NULL, 0);
	text = malloc(len + 1);
	if (pal_decay_format(d, text, len + 1) != len || strlen(text) != len)
		abort();
	if (pal_decay_parse(text, len, &pal_malloc_allocator, &back, &err) != PAL_OK)
		abort();
	/* the same value, the length word aside */
	if (back->nsteps != d->nsteps ||
		memcmp((const char *) back + sizeof(int32_t), (const char *) d + sizeof(int32_t),
			   size - sizeof(int32_t)) != 0)
		abort();
	check_weights(d);
	free(back);
	free(text);
}

static uint64_t
get_be(const uint8_t *p, int n)
{
	uint64_t	v = 0;
	int			k;

	for (k = 0; k < n; k++)
		v = (v << 8) | p[k];
	return v;
}

static double
get_float8(const uint8_t *p)
{
	uint64_t	bits = get_be(p, 8);
	double		v;

	memcpy(&v, &bits, 8);
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pal_decay  *d;
	pal_error	err;

	/* text input */
	if (pal_decay_parse((const char *) data, size, &pal_malloc_allocator, &d, &err) == PAL_OK)
	{
		check_valid(d, PAL_DECAY_SIZE(d->nsteps));
		free(d);
	}
	else if (err.code == PAL_OK || err.message[0] == '\0')
		abort();				/* a failure must say why */

	/*
	 * binary input as decay_recv reads it: kind, unit, rate_unit (1 byte
	 * each), nsteps (4), param, cutoff, param2, then the bounds and weights
	 * (8 each, network order); recv rejects a length that does not match
	 * nsteps
	 */
	if (size >= 31)
	{
		int32_t		nsteps = (int32_t) get_be(data + 3, 4);
		int			k;

		if (nsteps >= 0 && nsteps <= PAL_DECAY_MAX_STEPS &&
			size - 7 == 24 + 16 * (size_t) nsteps)
		{
			d = calloc(1, PAL_DECAY_SIZE(nsteps));
			d->kind = data[0];
			d->unit = data[1];
			d->rate_unit = data[2];
			d->nsteps = nsteps;
			d->param = get_float8(data + 7);
			d->cutoff = get_float8(data + 15);
			d->param2 = get_float8(data + 23);
			for (k = 0; k < 2 * nsteps; k++)
				d->steps[k] = get_float8(data + 31 + 8 * k);
			if (pal_decay_check(d, PAL_DECAY_SIZE(nsteps), &err) == PAL_OK)
				check_valid(d, PAL_DECAY_SIZE(nsteps));
			else if (err.code != PAL_ERR_BINARY)
				abort();
			free(d);
		}
	}
	return 0;
}
