/*
 * fuzz_fca_dist.c
 *	  libFuzzer target: the decoders of the distributable form's values
 *	  (prepared supply, part, sums), which read what other backends and
 *	  nodes send, and the base64 of their text form.  The first byte picks
 *	  the decoder.  Any bytes must be
 *	  decoded or rejected with PAL_ERR_BINARY, never overrun; what decodes
 *	  encodes back to the same bytes and can be used: a supply's engine
 *	  runs, sums combine with themselves and expand.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fca_dist.h"
#include "types/base64.h"

/* accumulators are O(facilities): larger claims are only decoded */
#define USE_MAX_FACILITIES (1u << 20)

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same_bytes(const uint8_t *in, size_t len, const uint8_t *out, size_t outlen)
{
	if (outlen != len || memcmp(in, out, len) != 0)
		abort();
}

static void
use_supply(const uint8_t *in, size_t len)
{
	pal_supply *s = NULL;
	pal_error	err;
	pal_status	st = pal_supply_decode(in, len, &pal_malloc_allocator, &s, &err);

	if (st != PAL_OK)
	{
		if (st != PAL_ERR_BINARY || s != NULL)
			abort();
		return;
	}
	{
		uint8_t    *buf = malloc(pal_supply_encoded_size(s));
		pal_points	none = {0, NULL, NULL, NULL, NULL},
					pts;
		pal_fca    *f;

		pal_supply_encode(s, buf);
		same_bytes(in, len, buf, pal_supply_encoded_size(s));
		free(buf);
		pal_supply_points(s, &pts);
		if (pal_fca_create(&none, &pts, pal_supply_decay(s), PAL_FCA_BFCA, NULL,
						   &pal_malloc_allocator, &f, &err) == PAL_OK)
		{
			const uint32_t *rows;
			const double *wd,
					   *wt;

			(void) pal_fca_point_step1(f, 139.7, 35.7, 10.0, &rows, &wd, &wt);
			pal_fca_destroy(f);
		}
	}
	free(s);
}

static void
use_part(const uint8_t *in, size_t len)
{
	pal_part   *p = NULL;
	pal_error	err;
	pal_status	st = pal_part_decode(in, len, &pal_malloc_allocator, &p, &err);

	if (st != PAL_OK)
	{
		if (st != PAL_ERR_BINARY || p != NULL)
			abort();
		return;
	}
	{
		uint8_t    *buf = malloc(pal_part_encoded_size(p));

		pal_part_encode(p, buf);
		same_bytes(in, len, buf, pal_part_encoded_size(p));
		free(buf);
	}
	if (p->nfac <= USE_MAX_FACILITIES)
	{
		pal_sums   *w = malloc(pal_sums_working_size(p->method, p->nfac));

		pal_sums_working_init(w, p->method, p->nfac, p->supply_fp);
		if (pal_sums_add_part(w, p, &err) != PAL_OK || w->rows != 1)
			abort();
		free(w);
	}
	free(p);
}

static void
use_sums(const uint8_t *in, size_t len)
{
	pal_sums   *s = NULL;
	pal_error	err;
	pal_status	st = pal_sums_decode(in, len, &pal_malloc_allocator, &s, &err);

	if (st != PAL_OK)
	{
		if (st != PAL_ERR_BINARY || s != NULL)
			abort();
		return;
	}
	{
		uint8_t    *buf = malloc(pal_sums_encoded_size(s));

		pal_sums_encode(s, buf);
		same_bytes(in, len, buf, pal_sums_encoded_size(s));
		free(buf);
	}
	if (s->nfac <= USE_MAX_FACILITIES)
	{
		pal_sums   *w = malloc(pal_sums_working_size(s->method, s->nfac)),
				   *flat;

		pal_sums_working_init(w, s->method, s->nfac, s->supply_fp);
		if (pal_sums_add_sums(w, s, &err) != PAL_OK ||
			pal_sums_add_sums(w, s, &err) != PAL_OK)
			abort();
		flat = malloc(pal_sums_final_size(w));
		pal_sums_finalize(w, flat);
		if (flat->rows != 2 * s->rows || flat->flags != 0)
			abort();
		free(flat);
		free(w);
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 4)
	{
		case 3:
			{
				/* text form: canonical base64 or refused, then the sums */
				uint8_t    *buf = malloc(pal_base64_decoded_max(size - 1) + 1);
				long		n = pal_base64_decode((const char *) data + 1, size - 1, buf);

				if (n >= 0)
				{
					char	   *text = malloc(pal_base64_encoded_len((size_t) n) + 1);

					pal_base64_encode(buf, (size_t) n, text);
					if (memcmp(text, data + 1, size - 1) != 0)
						abort();
					use_sums(buf, (size_t) n);
					free(text);
				}
				free(buf);
				break;
			}
		case 0:
			use_supply(data + 1, size - 1);
			break;
		case 1:
			use_part(data + 1, size - 1);
			break;
		default:
			use_sums(data + 1, size - 1);
			break;
	}
	return 0;
}
