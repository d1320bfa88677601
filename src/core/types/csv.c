/*
 * csv.c
 *	  Comma-separated values reader (see csv.h).
 */
#include "types/csv.h"

#include <string.h>

pal_status
pal_csv_open(pal_csv_reader *r, const char *buf, size_t len,
			 const pal_allocator *alloc, pal_error *err)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->line = 1;
	r->alloc = alloc;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	/* quoted fields are copied out unquoted: never longer than the input */
	r->scratch = pal_alloc_array(alloc, len + 1, 1);
	r->cap = 64;
	r->fields = pal_alloc_array(alloc, r->cap, sizeof(pal_csv_field));
	if (r->scratch == NULL || r->fields == NULL)
	{
		pal_csv_close(r);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory reading a CSV text of %zu bytes", len);
	}
	return PAL_OK;
}

void
pal_csv_close(pal_csv_reader *r)
{
	if (r->alloc == NULL)
		return;
	pal_release(r->alloc, r->scratch);
	pal_release(r->alloc, r->fields);
	r->scratch = NULL;
	r->fields = NULL;
}

static pal_status
add_field(pal_csv_reader *r, const char *data, size_t len, pal_error *err)
{
	if (r->nfields == r->cap)
	{
		pal_csv_field *grown;

		if (r->cap >= PAL_CSV_MAX_FIELDS)
			return pal_error_set(err, PAL_ERR_SYNTAX, "line %lld has more than %d fields",
								 (long long) r->line, PAL_CSV_MAX_FIELDS);
		grown = pal_alloc_array(r->alloc, r->cap * 2, sizeof(pal_csv_field));
		if (grown == NULL)
			return pal_error_set(err, PAL_ERR_NOMEM, "out of memory reading a CSV record");
		memcpy(grown, r->fields, r->nfields * sizeof(pal_csv_field));
		pal_release(r->alloc, r->fields);
		r->fields = grown;
		r->cap *= 2;
	}
	r->fields[r->nfields].data = data;
	r->fields[r->nfields].len = len;
	r->nfields++;
	return PAL_OK;
}

/* a quoted field starting at the quote; leaves pos after the closing quote */
static pal_status
quoted_field(pal_csv_reader *r, int64_t start_line, pal_error *err)
{
	char	   *out = r->scratch + r->scratch_used;
	size_t		n = 0;

	r->pos++;
	for (;;)
	{
		char		c;

		if (r->pos >= r->len)
			return pal_error_set(err, PAL_ERR_SYNTAX,
								 "unterminated quoted field: the quote opened on line %lld is never closed",
								 (long long) start_line);
		c = r->buf[r->pos];
		if (c == '"')
		{
			if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"')
			{
				out[n++] = '"';
				r->pos += 2;
				continue;
			}
			r->pos++;
			break;
		}
		if (c == '\n')
			r->line++;
		out[n++] = c;
		r->pos++;
	}
	r->scratch_used += n;
	if (r->pos < r->len && r->buf[r->pos] != ',' && r->buf[r->pos] != '\n' && r->buf[r->pos] != '\r')
		return pal_error_set(err, PAL_ERR_SYNTAX, "text after a closing quote on line %lld",
							 (long long) r->line);
	return add_field(r, out, n, err);
}

pal_status
pal_csv_next(pal_csv_reader *r, int *got, int64_t *line, pal_error *err)
{
	pal_status	st;

	r->nfields = 0;
	r->scratch_used = 0;
	*got = 0;
	if (r->pos >= r->len)
		return PAL_OK;
	*line = r->line;
	for (;;)
	{
		if (r->pos < r->len && r->buf[r->pos] == '"')
			st = quoted_field(r, *line, err);
		else
		{
			size_t		start = r->pos;

			while (r->pos < r->len && r->buf[r->pos] != ',' &&
				   r->buf[r->pos] != '\n' && r->buf[r->pos] != '\r')
				r->pos++;
			st = add_field(r, r->buf + start, r->pos - start, err);
		}
		if (st != PAL_OK)
			return st;
		if (r->pos < r->len && r->buf[r->pos] == ',')
		{
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->buf[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->len && r->buf[r->pos] == '\n')
			r->pos++;
		r->line++;
		break;
	}
	r->record++;
	*got = 1;
	return PAL_OK;
}
