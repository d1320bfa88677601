/*
 * filing.c
 *	  Layouts and rows of filing lists (see filing.h).
 */
#include "types/filing.h"

#include <stdio.h>
#include <string.h>

#define QUOTE_MAX 80

typedef struct column
{
	const char *bureau;			/* width-folded, without spaces */
	int			bureau_required;
	const char *normalized;
	int			normalized_required;
} column;

static const column columns[PFC__COUNT] = {
	[PFC_PREF] = {"都道府県コード", 1, "pref_code", 1},
	[PFC_PREF_NAME] = {"都道府県名", 0, "pref_name", 0},
	[PFC_INST] = {"医療機関番号", 1, "inst_code7", 1},
	[PFC_INST10] = {NULL, 0, "inst_code10", 0},
	[PFC_NAME] = {"医療機関名称", 1, "name", 1},
	[PFC_POSTAL] = {"医療機関所在地(郵便番号)", 1, "postal_code", 0},
	[PFC_ADDRESS] = {"医療機関所在地(住所)", 1, "address", 1},
	[PFC_PHONE] = {"電話番号", 0, NULL, 0},
	[PFC_BEDS] = {"病床数", 0, "beds_total_text", 0},
	[PFC_FILED] = {"受理届出名称", 1, "standard_name", 1},
	[PFC_ABBREV] = {"受理記号", 1, "standard_abbrev", 0},
	[PFC_ACCEPT] = {"受理番号", 1, "acceptance_no", 1},
	[PFC_START] = {"算定開始年月日", 1, "start_date", 1},
	[PFC_REMARK_H] = {"備考(見出し)", 1, NULL, 0},
	[PFC_REMARK_V] = {"備考(データ)", 1, NULL, 0},
	[PFC_CATEGORY] = {NULL, 0, "category", 1},
	[PFC_UNIT_WARDS] = {NULL, 0, "unit_wards", 0},
	[PFC_UNIT_BEDS] = {NULL, 0, "unit_beds", 0},
	[PFC_REMARKS] = {NULL, 0, "remarks", 0},
	[PFC_AS_OF] = {NULL, 0, "as_of", 1},
	[PFC_SOURCE_FILE] = {NULL, 0, "source_file", 0},
};

const char *
pal_filing_column_name(pal_filing_layout layout, pal_filing_col col)
{
	if ((int) col < 0 || col >= PFC__COUNT)
		return NULL;
	if (layout == PAL_FILING_BUREAU)
		return columns[col].bureau;
	if (layout == PAL_FILING_NORMALIZED)
		return columns[col].normalized;
	return NULL;
}

/* field f equals name once width-folded and without white space */
static int
same_name(const pal_csv_field *f, const char *name)
{
	size_t		i = 0,
				j = 0,
				nlen = strlen(name);

	while (i < f->len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(f->data + i, f->len - i, &c);

		if (!pal_jp_is_space(c))
		{
			char		b[4];
			size_t		m;

			if (c < 0x80)
			{
				b[0] = (char) c;
				m = 1;
			}
			else
			{
				memcpy(b, f->data + i, k);
				m = k;
			}
			if (j + m > nlen || memcmp(name + j, b, m) != 0)
				return 0;
			j += m;
		}
		i += k;
	}
	return j == nlen;
}

pal_status
pal_filing_header(const pal_csv_field *f, size_t n, pal_filing_layout *layout,
				  int map[PFC__COUNT], pal_error *err)
{
	size_t		i;
	int			c;

	*layout = PAL_FILING_NONE;
	for (i = 0; i < n && *layout == PAL_FILING_NONE; i++)
	{
		if (same_name(&f[i], columns[PFC_INST].bureau))
			*layout = PAL_FILING_BUREAU;
		else if (same_name(&f[i], columns[PFC_INST].normalized) ||
				 same_name(&f[i], columns[PFC_PREF].normalized))
			*layout = PAL_FILING_NORMALIZED;
	}
	if (*layout == PAL_FILING_NONE)
		return PAL_OK;
	for (c = 0; c < PFC__COUNT; c++)
	{
		const char *name = pal_filing_column_name(*layout, (pal_filing_col) c);
		int			required = *layout == PAL_FILING_BUREAU ? columns[c].bureau_required
		: columns[c].normalized_required;

		map[c] = -1;
		if (name == NULL)
			continue;
		for (i = 0; i < n && map[c] < 0; i++)
			if (same_name(&f[i], name))
				map[c] = (int) i;
		if (map[c] < 0 && required)
		{
			pal_error_set(err, PAL_ERR_COLUMN, "column \"%s\" is missing", name);
			pal_error_hint(err, "%s",
						   *layout == PAL_FILING_BUREAU
						   ? "A bureau filing list has the columns 都道府県コード, 医療機関番号, 医療機関名称, 医療機関所在地（郵便番号）, 医療機関所在地（住所）, 受理届出名称, 受理記号, 受理番号, 算定開始年月日, 備考（見出し） and 備考（データ）."
						   : "The normalized filing CSV has the columns pref_code, category, standard_name, inst_code7, name, address, acceptance_no, start_date and as_of (others optional).");
			return PAL_ERR_COLUMN;
		}
	}
	return PAL_OK;
}

int
pal_filing_blank(const pal_csv_field *f, size_t n)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
		for (j = 0; j < f[i].len;)
		{
			uint32_t	c;

			j += pal_jp_decode(f[i].data + j, f[i].len - j, &c);
			if (!pal_jp_is_space(c))
				return 0;
		}
	return 1;
}

/* the text has something besides white space */
static int
present(pal_text t)
{
	pal_csv_field f;

	f.data = t.s;
	f.len = t.len;
	return !pal_filing_blank(&f, 1);
}

static pal_status
empty_error(pal_filing_col col, pal_filing_col *bad_col, pal_error *err)
{
	*bad_col = col;
	return pal_error_set(err, PAL_ERR_SYNTAX, "the value is empty");
}

/* the filing columns of the bureau layout */
static pal_status
bureau_filing(pal_filing_row *row, pal_filing_col *bad_col, pal_error *err)
{
	int			filed = present(row->text[PFC_FILED]),
				accept = present(row->text[PFC_ACCEPT]),
				start = present(row->text[PFC_START]);

	row->has_filing = filed || accept || start;
	if (!row->has_filing)
		return PAL_OK;
	if (!filed)
		return empty_error(PFC_FILED, bad_col, err);
	if (!accept)
		return empty_error(PFC_ACCEPT, bad_col, err);
	if (!start)
		return empty_error(PFC_START, bad_col, err);
	return PAL_OK;
}

/* the columns only the normalized layout has */
static pal_status
normalized_fields(pal_filing_row *row, pal_filing_col *bad_col, pal_error *err)
{
	pal_text	t10 = row->text[PFC_INST10];
	pal_status	st;

	row->has_filing = 1;
	if (!present(row->text[PFC_CATEGORY]))
		return empty_error(PFC_CATEGORY, bad_col, err);
	if (!present(row->text[PFC_FILED]))
		return empty_error(PFC_FILED, bad_col, err);
	*bad_col = PFC_AS_OF;
	st = pal_jp_date_parse(row->text[PFC_AS_OF].s, row->text[PFC_AS_OF].len, &row->as_of, err);
	if (st != PAL_OK)
		return st;
	if (present(t10))
	{
		char		expect[11];
		char		q[QUOTE_MAX + 8];

		snprintf(expect, sizeof(expect), "%02d1%s", row->prefecture, row->institution);
		if (t10.len != 10 || memcmp(t10.s, expect, 10) != 0)
		{
			*bad_col = PFC_INST10;
			pal_quote_prefix(q, sizeof(q), t10.s, t10.len, QUOTE_MAX);
			pal_error_set(err, PAL_ERR_SYNTAX, "invalid 10-digit institution code \"%s\"", q);
			pal_error_detail(err, "The prefecture code and institution number of the row make %s.", expect);
			return PAL_ERR_SYNTAX;
		}
	}
	*bad_col = PFC_UNIT_WARDS;
	if (present(row->text[PFC_UNIT_WARDS]) &&
		(st = pal_jp_count_parse(row->text[PFC_UNIT_WARDS].s, row->text[PFC_UNIT_WARDS].len,
								 &row->unit_wards, err)) != PAL_OK)
		return st;
	*bad_col = PFC_UNIT_BEDS;
	if (present(row->text[PFC_UNIT_BEDS]) &&
		(st = pal_jp_count_parse(row->text[PFC_UNIT_BEDS].s, row->text[PFC_UNIT_BEDS].len,
								 &row->unit_beds, err)) != PAL_OK)
		return st;
	return PAL_OK;
}

/* prefecture code, and the name when the list gives it */
static pal_status
prefecture(pal_filing_row *row, pal_filing_col *bad_col, pal_error *err)
{
	pal_text	name = row->text[PFC_PREF_NAME];
	char		q[QUOTE_MAX + 8];
	char		sq[QUOTE_MAX + 8];
	pal_status	st;

	*bad_col = PFC_PREF;
	st = pal_jp_prefecture_parse(row->text[PFC_PREF].s, row->text[PFC_PREF].len, &row->prefecture, err);
	if (st != PAL_OK || !present(name))
		return st;
	pal_quote_prefix(q, sizeof(q), name.s, name.len, QUOTE_MAX);
	pal_jp_squeeze(name.s, name.len > QUOTE_MAX ? QUOTE_MAX : name.len, sq);
	if (strcmp(sq, pal_jp_prefecture_name(row->prefecture)) != 0)
	{
		*bad_col = PFC_PREF_NAME;
		pal_error_set(err, PAL_ERR_SYNTAX, "prefecture name \"%s\" does not match prefecture code %02d (%s)",
					  q, row->prefecture, pal_jp_prefecture_name(row->prefecture));
		return PAL_ERR_SYNTAX;
	}
	return PAL_OK;
}

pal_status
pal_filing_row_parse(pal_filing_layout layout, const int map[PFC__COUNT],
					 const pal_csv_field *f, size_t n, pal_filing_row *row,
					 pal_filing_col *bad_col, pal_error *err)
{
	pal_status	st;
	int			c;

	memset(row, 0, sizeof(*row));
	row->unit_wards = -1;
	row->unit_beds = -1;
	for (c = 0; c < PFC__COUNT; c++)
	{
		row->text[c].s = "";
		if (map[c] >= 0 && (size_t) map[c] < n)
			row->text[c] = (pal_text) {f[map[c]].data, f[map[c]].len};
	}
	if ((st = prefecture(row, bad_col, err)) != PAL_OK)
		return st;
	*bad_col = PFC_INST;
	if ((st = pal_jp_institution_parse(row->text[PFC_INST].s, row->text[PFC_INST].len,
									   row->institution, err)) != PAL_OK)
		return st;
	if (!present(row->text[PFC_NAME]))
		return empty_error(PFC_NAME, bad_col, err);
	if (!present(row->text[PFC_ADDRESS]))
		return empty_error(PFC_ADDRESS, bad_col, err);
	*bad_col = PFC_POSTAL;
	if (present(row->text[PFC_POSTAL]) &&
		(st = pal_jp_postal_parse(row->text[PFC_POSTAL].s, row->text[PFC_POSTAL].len,
								  row->postal, err)) != PAL_OK)
		return st;
	row->beds_total = pal_jp_beds_total(row->text[PFC_BEDS].s, row->text[PFC_BEDS].len);
	st = layout == PAL_FILING_BUREAU ? bureau_filing(row, bad_col, err)
		: normalized_fields(row, bad_col, err);
	if (st != PAL_OK || !row->has_filing)
		return st;
	*bad_col = PFC_ACCEPT;
	if ((st = pal_jp_acceptance_parse(row->text[PFC_ACCEPT].s, row->text[PFC_ACCEPT].len,
									  &row->acceptance, err)) != PAL_OK)
		return st;
	*bad_col = PFC_START;
	return pal_jp_date_parse(row->text[PFC_START].s, row->text[PFC_START].len, &row->start, err);
}
