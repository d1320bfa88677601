/*
 * csv.h
 *	  A reader of comma-separated values (RFC 4180), as spreadsheet
 *	  converters and most tools write them.
 *
 * Records end at LF, CR LF or the end of the input; a field in double
 * quotes may hold commas, line breaks and doubled quotes (""); a quote
 * inside an unquoted field is kept as text.  A UTF-8 byte-order mark at the
 * start is skipped.  Errors (PAL_ERR_SYNTAX) name the line: a quoted field
 * that is never closed, text after a closing quote.
 */
#ifndef PAL_CSV_H
#define PAL_CSV_H

#include "pal_core.h"

typedef struct pal_csv_field
{
	const char *data;			/* not NUL-terminated */
	size_t		len;
} pal_csv_field;

#define PAL_CSV_MAX_FIELDS 4096

typedef struct pal_csv_reader
{
	const char *buf;
	size_t		len;
	size_t		pos;
	int64_t		line;			/* line of the next record (from 1) */
	int64_t		record;			/* records read so far */
	char	   *scratch;		/* unquoted copies of the current record's fields */
	size_t		scratch_used;
	pal_csv_field *fields;
	size_t		nfields;
	size_t		cap;
	const pal_allocator *alloc;
} pal_csv_reader;

/* starts reading buf[0..len); the reader keeps pointers into buf */
extern pal_status pal_csv_open(pal_csv_reader *r, const char *buf, size_t len,
							   const pal_allocator *alloc, pal_error *err);

/*
 * Reads the next record into r->fields[0..r->nfields): *got is 1 and *line
 * the line it starts on, or *got is 0 at the end of the input.  The fields
 * stay valid until the next call.
 */
extern pal_status pal_csv_next(pal_csv_reader *r, int *got, int64_t *line,
							   pal_error *err);

extern void pal_csv_close(pal_csv_reader *r);

#endif							/* PAL_CSV_H */
