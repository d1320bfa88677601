/*
 * filing.h
 *	  Lists of accepted facility-standard filings (届出受理医療機関名簿): the
 *	  layouts they come in and the fields of one row.
 *
 * Two layouts are read:
 *
 *	  bureau      the regional health bureaus' workbooks as published (one
 *	              sheet as CSV): an "as of" line (令和7年10月1日現在) above a
 *	              header row with 都道府県コード, 医療機関番号, 医療機関名称,
 *	              ..., 受理届出名称, 受理記号, 受理番号, 算定開始年月日,
 *	              備考（見出し）, 備考（データ）; one row per filing, and
 *	              continuation rows repeating the filing with more 備考 pairs;
 *	              rows of institutions without filings leave the filing
 *	              columns empty.
 *	  normalized  one row per filing with ASCII column names: pref_code,
 *	              category, standard_name, inst_code7, name, address,
 *	              acceptance_no, start_date, as_of, ... (the palliative
 *	              extraction of the bureaus' workbooks).
 *
 * Column names are compared width-folded and without white space, so
 * 医療機関所在地（住所） and 医療機関所在地(住所) are the same.
 */
#ifndef PAL_FILING_H
#define PAL_FILING_H

#include "pal_core.h"
#include "types/csv.h"
#include "types/jptext.h"

typedef enum pal_filing_layout
{
	PAL_FILING_NONE = 0,
	PAL_FILING_BUREAU,
	PAL_FILING_NORMALIZED
} pal_filing_layout;

typedef enum pal_filing_col
{
	PFC_PREF,					/* 都道府県コード / pref_code */
	PFC_PREF_NAME,				/* 都道府県名 / pref_name */
	PFC_INST,					/* 医療機関番号 / inst_code7 */
	PFC_INST10,					/* inst_code10 */
	PFC_NAME,					/* 医療機関名称 / name */
	PFC_POSTAL,					/* 医療機関所在地（郵便番号） / postal_code */
	PFC_ADDRESS,				/* 医療機関所在地（住所） / address */
	PFC_PHONE,					/* 電話番号 */
	PFC_BEDS,					/* 病床数 / beds_total_text */
	PFC_FILED,					/* 受理届出名称 / standard_name */
	PFC_ABBREV,					/* 受理記号 / standard_abbrev */
	PFC_ACCEPT,					/* 受理番号 / acceptance_no */
	PFC_START,					/* 算定開始年月日 / start_date */
	PFC_REMARK_H,				/* 備考（見出し） */
	PFC_REMARK_V,				/* 備考（データ） */
	PFC_CATEGORY,				/* category (fee item) */
	PFC_UNIT_WARDS,				/* unit_wards */
	PFC_UNIT_BEDS,				/* unit_beds */
	PFC_REMARKS,				/* remarks: "heading=value; ..." */
	PFC_AS_OF,					/* as_of */
	PFC_SOURCE_FILE,			/* source_file */
	PFC__COUNT
} pal_filing_col;

typedef struct pal_text
{
	const char *s;
	size_t		len;
} pal_text;

typedef struct pal_filing_row
{
	int			has_filing;		/* 0: an institution row without a filing */
	int			prefecture;		/* 1..47 */
	char		institution[8]; /* 7 digits */
	char		postal[9];		/* NNN-NNNN, or "" */
	pal_text	text[PFC__COUNT];	/* every column as read ("" when absent) */
	int64_t		acceptance;		/* the number of 第N号 */
	pal_date	start;
	pal_date	as_of;			/* normalized layout */
	int64_t		unit_wards;		/* normalized layout; -1 when not given */
	int64_t		unit_beds;
	int64_t		beds_total;		/* sum of 病床数, -1 when none */
} pal_filing_row;

/* the name of a column in a layout (NULL when the layout has none) */
extern const char *pal_filing_column_name(pal_filing_layout layout, pal_filing_col col);

/*
 * Recognizes a header record.  *layout is PAL_FILING_NONE when the record
 * is not a header (no 医療機関番号 or pref_code among its fields);
 * otherwise map[col] is the field index of each column (-1 when absent),
 * and a required column that is missing is PAL_ERR_COLUMN naming it.
 */
extern pal_status pal_filing_header(const pal_csv_field *f, size_t n,
									 pal_filing_layout *layout,
									 int map[PFC__COUNT], pal_error *err);

/* 1 when every field is empty or white space */
extern int	pal_filing_blank(const pal_csv_field *f, size_t n);

/*
 * Parses one data row.  On failure *bad_col is the column at fault and err
 * says why, quoting the value (PAL_ERR_DATETIME for dates, PAL_ERR_SYNTAX
 * otherwise).
 */
extern pal_status pal_filing_row_parse(pal_filing_layout layout,
									   const int map[PFC__COUNT],
									   const pal_csv_field *f, size_t n,
									   pal_filing_row *row, pal_filing_col *bad_col,
									   pal_error *err);

#endif							/* PAL_FILING_H */
