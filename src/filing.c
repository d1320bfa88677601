/*
 * filing.c
 *	  SQL interface of the filing lists (届出受理医療機関名簿) and of the
 *	  Japanese text parsers behind them: filing_rows() reads one sheet or
 *	  CSV file into typed rows; jp_date, jp_prefecture, jp_count,
 *	  jp_name_keys and jp_address_key expose the parsers and matching keys.
 *	  The layouts and parsers are in core/types (filing.c, csv.c, jptext.c,
 *	  jpkeys.c); importing into tables is SQL (palliative.import_filings).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "catalog/pg_type.h"
#include "utils/array.h"

#include "core/types/filing.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(filing_rows);
PG_FUNCTION_INFO_V1(jp_date);
PG_FUNCTION_INFO_V1(jp_prefecture);
PG_FUNCTION_INFO_V1(jp_prefecture_name);
PG_FUNCTION_INFO_V1(jp_count);
PG_FUNCTION_INFO_V1(jp_name_keys);
PG_FUNCTION_INFO_V1(jp_address_key);

/* rows searched for the "as of" line and the header */
#define HEADER_SEARCH_ROWS 50

/* output columns of filing_rows */
enum
{
	OUT_ROW, OUT_LAYOUT, OUT_AS_OF, OUT_PREF, OUT_INST, OUT_NAME, OUT_POSTAL,
	OUT_ADDRESS, OUT_PHONE, OUT_BEDS_TEXT, OUT_BEDS_TOTAL, OUT_FILED, OUT_ABBREV,
	OUT_ACCEPT, OUT_START, OUT_REMARK_H, OUT_REMARK_V, OUT_CATEGORY, OUT_UNIT_WARDS,
	OUT_UNIT_BEDS, OUT_REMARKS, OUT_LISTED_SOURCE, OUT__COUNT
};

static void
require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("Japanese text functions need a UTF8 database, not %s",
						GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

static DateADT
date_of(const pal_date *d)
{
	return date2j(d->year, d->month, d->day) - POSTGRES_EPOCH_JDATE;
}

/*
 * s[0..len) in NFKC with white space collapsed and trimmed; NULL when
 * nothing is left.
 */
static text *
clean_text(const char *s, size_t len)
{
	char	   *buf;
	size_t		n,
				i;
	bool		ascii = true;

	for (i = 0; i < len && ascii; i++)
		ascii = ((unsigned char) s[i]) < 0x80;
	if (!ascii)
	{
		text	   *norm;

		norm = DatumGetTextPP(DirectFunctionCall2(unicode_normalize_func,
												  PointerGetDatum(cstring_to_text_with_len(s, (int) len)),
												  CStringGetTextDatum("NFKC")));
		s = VARDATA_ANY(norm);
		len = VARSIZE_ANY_EXHDR(norm);
	}
	buf = palloc(len + 1);
	n = pal_jp_squeeze(s, len, buf);
	if (n == 0)
		return NULL;
	return cstring_to_text_with_len(buf, (int) n);
}

/* where a row is: "FILE, sheet S, row N" or "FILE, line N" */
static char *
row_place(const char *file, const char *sheet, int64 ordinal, int64 line)
{
	if (sheet != NULL)
		return psprintf("%s, sheet %s, row %lld", file, sheet, (long long) ordinal);
	return psprintf("%s, line %lld", file, (long long) line);
}

static void
raise_at(const char *place, const char *column, const pal_error *err)
{
	ereport(ERROR,
			(errcode(pal_sqlstate(err->code)),
			 column != NULL ? errmsg_internal("%s, column %s: %s", place, column, err->message)
			 : errmsg_internal("%s: %s", place, err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
}

typedef struct sheet_reader
{
	pal_csv_reader csv;
	const char *file;
	const char *sheet;
	pal_filing_layout layout;
	int			map[PFC__COUNT];
	pal_date	as_of;
	bool		have_as_of;
	int64		header_row;
	int64		rows;			/* filing rows emitted */
} sheet_reader;

static char *
place_of(sheet_reader *r, int64 line)
{
	return row_place(r->file, r->sheet, r->csv.record, line);
}

/* the file (and sheet), for errors of the whole text */
static char *
file_place(sheet_reader *r)
{
	return r->sheet ? psprintf("%s, sheet %s", r->file, r->sheet) : pstrdup(r->file);
}

/* reads records until the header; the "as of" line before it */
static void
find_header(sheet_reader *r)
{
	pal_error	err;
	int			got;
	int64		line;

	while (r->layout == PAL_FILING_NONE)
	{
		CHECK_FOR_INTERRUPTS();
		if (pal_csv_next(&r->csv, &got, &line, &err) != PAL_OK)
			raise_at(file_place(r), NULL, &err);
		if (!got || r->csv.record > HEADER_SEARCH_ROWS)
			break;
		if (pal_filing_header(r->csv.fields, r->csv.nfields, &r->layout, r->map, &err) != PAL_OK)
			raise_at(place_of(r, line), NULL, &err);
		if (r->layout != PAL_FILING_NONE)
		{
			r->header_row = r->sheet ? r->csv.record : line;
			break;
		}
		for (size_t i = 0; i < r->csv.nfields && !r->have_as_of; i++)
		{
			pal_csv_field *f = &r->csv.fields[i];

			if (strstr(pnstrdup(f->data, f->len), "現在") == NULL)
				continue;
			if (pal_jp_as_of_parse(f->data, f->len, &r->as_of, &err) != PAL_OK)
				raise_at(place_of(r, line), NULL, &err);
			r->have_as_of = true;
		}
	}
	if (r->layout == PAL_FILING_NONE)
		ereport(ERROR,
				(errcode(r->csv.record == 0 ? ERRCODE_INVALID_TEXT_REPRESENTATION : ERRCODE_UNDEFINED_COLUMN),
				 r->csv.record == 0
				 ? errmsg("%s%s%s: the %s is empty", r->file, r->sheet ? ", sheet " : "",
						  r->sheet ? r->sheet : "", r->sheet ? "sheet" : "file")
				 : errmsg("%s%s%s: no header row of a filing list in the first %d rows",
						  r->file, r->sheet ? ", sheet " : "", r->sheet ? r->sheet : "",
						  HEADER_SEARCH_ROWS),
				 errhint("A bureau filing list has a header row with 都道府県コード, 医療機関番号, 医療機関名称, ..., 受理届出名称, 受理番号, 算定開始年月日; the normalized CSV starts with pref_code,category,standard_name,...")));
	if (r->layout == PAL_FILING_BUREAU && !r->have_as_of)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("%s: no \"as of\" line (令和7年10月1日現在) above the header row",
						row_place(r->file, r->sheet, r->header_row, r->header_row)),
				 errhint("A bureau filing list states the date it describes above its header row.")));
}

static Datum
text_or_null(const pal_text *t, bool *isnull)
{
	text	   *c = clean_text(t->s, t->len);

	*isnull = (c == NULL);
	return PointerGetDatum(c);
}

/* one parsed row as a tuple */
static void
emit_row(sheet_reader *r, ReturnSetInfo *rsinfo, const pal_filing_row *row, int64 line)
{
	Datum		v[OUT__COUNT];
	bool		n[OUT__COUNT];
	int			i;

	memset(n, 0, sizeof(n));
	v[OUT_ROW] = Int64GetDatum(r->sheet ? r->csv.record : line);
	v[OUT_LAYOUT] = CStringGetTextDatum(r->layout == PAL_FILING_BUREAU ? "bureau" : "normalized");
	v[OUT_AS_OF] = DateADTGetDatum(date_of(r->layout == PAL_FILING_BUREAU ? &r->as_of : &row->as_of));
	v[OUT_PREF] = CStringGetTextDatum(psprintf("%02d", row->prefecture));
	v[OUT_INST] = CStringGetTextDatum(row->institution);
	v[OUT_NAME] = text_or_null(&row->text[PFC_NAME], &n[OUT_NAME]);
	v[OUT_POSTAL] = CStringGetTextDatum(row->postal);
	n[OUT_POSTAL] = row->postal[0] == '\0';
	v[OUT_ADDRESS] = text_or_null(&row->text[PFC_ADDRESS], &n[OUT_ADDRESS]);
	v[OUT_PHONE] = text_or_null(&row->text[PFC_PHONE], &n[OUT_PHONE]);
	v[OUT_BEDS_TEXT] = text_or_null(&row->text[PFC_BEDS], &n[OUT_BEDS_TEXT]);
	v[OUT_BEDS_TOTAL] = Int64GetDatum(row->beds_total);
	n[OUT_BEDS_TOTAL] = row->beds_total < 0;
	v[OUT_FILED] = text_or_null(&row->text[PFC_FILED], &n[OUT_FILED]);
	v[OUT_ABBREV] = text_or_null(&row->text[PFC_ABBREV], &n[OUT_ABBREV]);
	v[OUT_ACCEPT] = CStringGetTextDatum(psprintf("第%lld号", (long long) row->acceptance));
	v[OUT_START] = DateADTGetDatum(date_of(&row->start));
	if (!row->has_filing)
		n[OUT_FILED] = n[OUT_ABBREV] = n[OUT_ACCEPT] = n[OUT_START] = true;
	v[OUT_REMARK_H] = text_or_null(&row->text[PFC_REMARK_H], &n[OUT_REMARK_H]);
	v[OUT_REMARK_V] = text_or_null(&row->text[PFC_REMARK_V], &n[OUT_REMARK_V]);
	v[OUT_CATEGORY] = text_or_null(&row->text[PFC_CATEGORY], &n[OUT_CATEGORY]);
	v[OUT_UNIT_WARDS] = Int64GetDatum(row->unit_wards);
	n[OUT_UNIT_WARDS] = row->unit_wards < 0;
	v[OUT_UNIT_BEDS] = Int64GetDatum(row->unit_beds);
	n[OUT_UNIT_BEDS] = row->unit_beds < 0;
	v[OUT_REMARKS] = text_or_null(&row->text[PFC_REMARKS], &n[OUT_REMARKS]);
	v[OUT_LISTED_SOURCE] = text_or_null(&row->text[PFC_SOURCE_FILE], &n[OUT_LISTED_SOURCE]);
	for (i = 0; i < OUT__COUNT; i++)
		if (n[i])
			v[i] = (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
}

/*
 * filing_rows(content text, source_file text, sheet text DEFAULT NULL):
 * one row per data row of a filing list (see the SQL comment).
 */
Datum
filing_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *content;
	sheet_reader r;
	pal_allocator alloc;
	MemoryContext rowcxt,
				old;
	pal_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("filing_rows needs the content and the source file name")));
	require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	content = PG_GETARG_TEXT_PP(0);
	memset(&r, 0, sizeof(r));
	r.file = text_to_cstring(PG_GETARG_TEXT_PP(1));
	r.sheet = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	alloc = pal_context_allocator(CurrentMemoryContext);
	if (pal_csv_open(&r.csv, VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content), &alloc, &err) != PAL_OK)
		pal_raise(&err);
	find_header(&r);

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "palliative filing row", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		pal_filing_row row;
		pal_filing_col bad = PFC_PREF;
		int			got;
		int64		line;

		CHECK_FOR_INTERRUPTS();
		if (pal_csv_next(&r.csv, &got, &line, &err) != PAL_OK)
			raise_at(file_place(&r), NULL, &err);
		if (!got)
			break;
		if (pal_filing_blank(r.csv.fields, r.csv.nfields))
			continue;
		old = MemoryContextSwitchTo(rowcxt);
		if (pal_filing_row_parse(r.layout, r.map, r.csv.fields, r.csv.nfields, &row, &bad, &err) != PAL_OK)
			raise_at(place_of(&r, line), pal_filing_column_name(r.layout, bad), &err);
		emit_row(&r, rsinfo, &row, line);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
		r.rows++;
	}
	if (r.rows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("%s: no rows below the header row",
						row_place(r.file, r.sheet, r.header_row, r.header_row)),
				 errhint("A filing list has one row per filing below its header row.")));
	MemoryContextDelete(rowcxt);
	pal_csv_close(&r.csv);
	return (Datum) 0;
}

/* the text argument as bytes */
#define ARG_BYTES(n, s, len) \
	do { text *t_ = PG_GETARG_TEXT_PP(n); (s) = VARDATA_ANY(t_); (len) = VARSIZE_ANY_EXHDR(t_); } while (0)

Datum
jp_date(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	pal_date	d;
	pal_error	err;

	ARG_BYTES(0, s, len);
	pal_check(pal_jp_date_parse(s, len, &d, &err), &err);
	PG_RETURN_DATEADT(date_of(&d));
}

/* the prefecture code the argument names */
static int
prefecture_arg(FunctionCallInfo fcinfo)
{
	const char *s;
	size_t		len;
	int			code;
	pal_error	err;

	require_utf8();
	ARG_BYTES(0, s, len);
	pal_check(pal_jp_prefecture_parse(s, len, &code, &err), &err);
	return code;
}

Datum
jp_prefecture(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%02d", prefecture_arg(fcinfo))));
}

Datum
jp_prefecture_name(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(pal_jp_prefecture_name(prefecture_arg(fcinfo))));
}

Datum
jp_count(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	int64_t		v;
	pal_error	err;

	ARG_BYTES(0, s, len);
	pal_check(pal_jp_count_parse(s, len, &v, &err), &err);
	PG_RETURN_INT64(v);
}

/* NFKC of the argument as bytes */
static text *
nfkc_arg(FunctionCallInfo fcinfo)
{
	require_utf8();
	return DatumGetTextPP(DirectFunctionCall2(unicode_normalize_func, PG_GETARG_DATUM(0),
											  CStringGetTextDatum("NFKC")));
}

Datum
jp_name_keys(PG_FUNCTION_ARGS)
{
	text	   *t = nfkc_arg(fcinfo);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *full = palloc(len + 1);
	char	   *core = palloc(len + 1);
	size_t		nf = pal_jp_name_key(VARDATA_ANY(t), len, 0, full);
	size_t		nc = pal_jp_name_key(VARDATA_ANY(t), len, 1, core);
	Datum		keys[2];
	int			n = 0;

	if (nf > 0)
		keys[n++] = PointerGetDatum(cstring_to_text_with_len(full, (int) nf));
	if (nc > 0 && (nc != nf || memcmp(full, core, nf) != 0))
		keys[n++] = PointerGetDatum(cstring_to_text_with_len(core, (int) nc));
	PG_RETURN_ARRAYTYPE_P(construct_array(keys, n, TEXTOID, -1, false, TYPALIGN_INT));
}

Datum
jp_address_key(PG_FUNCTION_ARGS)
{
	text	   *t = nfkc_arg(fcinfo);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *out = palloc(len + 1);
	size_t		n = pal_jp_address_key(VARDATA_ANY(t), len, out);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, (int) n));
}
