/*
 * fuzz_filing.c
 *	  libFuzzer target: the Japanese text parsers, the matching keys, the
 *	  CSV reader and the filing-list layouts.  Whatever the input, nothing
 *	  may crash or write past its buffer; an accepted date must exist and
 *	  read back from its ISO form; keys are never longer than their input;
 *	  every field the CSV reader returns lies inside the input or its
 *	  scratch copy; a failure always says why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/csv.h"
#include "types/filing.h"
#include "types/jptext.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_scalars(const char *s, size_t len)
{
	pal_date	d;
	pal_error	err;
	int64_t		v;
	int			code;
	char		inst[8],
				postal[9],
				iso[16];
	char	   *key = malloc(len + 1);

	if (pal_jp_date_parse(s, len, &d, &err) == PAL_OK)
	{
		pal_date	back;

		if (!pal_date_valid(d.year, d.month, d.day))
			abort();
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", d.year, d.month, d.day);
		if (pal_jp_date_parse(iso, strlen(iso), &back, &err) != PAL_OK ||
			back.year != d.year || back.month != d.month || back.day != d.day)
			abort();
	}
	else if (err.code != PAL_ERR_DATETIME || err.message[0] == '\0')
		abort();
	if (pal_jp_as_of_parse(s, len, &d, &err) == PAL_OK && !pal_date_valid(d.year, d.month, d.day))
		abort();
	if (pal_jp_prefecture_parse(s, len, &code, &err) == PAL_OK && (code < 1 || code > 47))
		abort();
	if (pal_jp_count_parse(s, len, &v, &err) == PAL_OK && v < 0)
		abort();
	if (pal_jp_acceptance_parse(s, len, &v, &err) == PAL_OK && v < 0)
		abort();
	if (pal_jp_institution_parse(s, len, inst, &err) == PAL_OK && strlen(inst) != 7)
		abort();
	if (pal_jp_postal_parse(s, len, postal, &err) == PAL_OK && strlen(postal) != 8)
		abort();
	(void) pal_jp_beds_total(s, len);
	if (key == NULL)
		return;
	if (pal_jp_name_key(s, len, 0, key) > len || pal_jp_name_key(s, len, 1, key) > len ||
		pal_jp_address_key(s, len, key) > len || pal_jp_squeeze(s, len, key) > len)
		abort();
	free(key);
}

static int
inside(const char *p, size_t n, const char *base, size_t len)
{
	return p >= base && p + n <= base + len;
}

static void
check_csv(const char *s, size_t len)
{
	pal_csv_reader r;
	pal_error	err;
	pal_filing_layout layout = PAL_FILING_NONE;
	int			map[PFC__COUNT];
	int			got;
	int64_t		line = 0,
				last = 0;

	if (pal_csv_open(&r, s, len, &pal_malloc_allocator, &err) != PAL_OK)
		return;
	for (;;)
	{
		size_t		i;
		pal_status	st = pal_csv_next(&r, &got, &line, &err);

		if (st != PAL_OK)
		{
			if (err.code != PAL_ERR_SYNTAX || err.message[0] == '\0')
				abort();
			break;
		}
		if (!got)
			break;
		if (line <= last)
			abort();
		last = line;
		for (i = 0; i < r.nfields; i++)
			if (!inside(r.fields[i].data, r.fields[i].len, s, len) &&
				!inside(r.fields[i].data, r.fields[i].len, r.scratch, len + 1))
				abort();
		if (layout == PAL_FILING_NONE)
		{
			if (pal_filing_header(r.fields, r.nfields, &layout, map, &err) != PAL_OK &&
				err.code != PAL_ERR_COLUMN)
				abort();
			if (err.code == PAL_ERR_COLUMN)
				layout = PAL_FILING_NONE;
		}
		else
		{
			pal_filing_row row;
			pal_filing_col bad;

			if (pal_filing_row_parse(layout, map, r.fields, r.nfields, &row, &bad, &err) == PAL_OK)
			{
				if (row.prefecture < 1 || row.prefecture > 47 || strlen(row.institution) != 7)
					abort();
			}
			else if (err.message[0] == '\0' || (unsigned) bad >= PFC__COUNT)
				abort();
		}
		for (i = 0; i < r.nfields && i < 2; i++)
			check_scalars(r.fields[i].data, r.fields[i].len);
	}
	pal_csv_close(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_scalars((const char *) data, size);
	check_csv((const char *) data, size);
	return 0;
}
