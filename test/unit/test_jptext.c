/*
 * test_jptext.c
 *	  Unit tests of the Japanese text parsers (era dates, prefecture codes,
 *	  counts, numbers, keys), the CSV reader and the filing-list layouts.
 */
#include "unit.h"
#include "types/csv.h"
#include "types/filing.h"
#include "types/jptext.h"

static void
assert_date(const char *s, int y, int m, int d)
{
	pal_date	out;
	pal_error	err;

	if (pal_jp_date_parse(s, strlen(s), &out, &err) != PAL_OK)
		fail_msg("\"%s\" did not parse: %s (%s)", s, err.message, err.detail);
	assert_int_equal(out.year, y);
	assert_int_equal(out.month, m);
	assert_int_equal(out.day, d);
}

static void
assert_bad_date(const char *s)
{
	pal_date	out;
	pal_error	err;

	if (pal_jp_date_parse(s, strlen(s), &out, &err) == PAL_OK)
		fail_msg("\"%s\" parsed as %04d-%02d-%02d", s, out.year, out.month, out.day);
	assert_int_equal(err.code, PAL_ERR_DATETIME);
	assert_non_null(strstr(err.message, "invalid date"));
	assert_true(err.detail[0] != '\0');
}

static void
test_dates(void **state)
{
	(void) state;
	assert_date("令和6年6月1日", 2024, 6, 1);
	assert_date("令和 6年 6月 1日", 2024, 6, 1);
	assert_date("令和７年１０月１日", 2025, 10, 1);	/* full-width digits */
	assert_date("　令和　7年　10月　1日　", 2025, 10, 1); /* ideographic spaces */
	assert_date("令和元年5月1日", 2019, 5, 1);
	assert_date("令和元年 ５月 １日", 2019, 5, 1);
	assert_date("平成31年4月30日", 2019, 4, 30);
	assert_date("平成元年1月8日", 1989, 1, 8);
	assert_date("平成12年2月29日", 2000, 2, 29);
	assert_date("昭和58年 8月 1日", 1983, 8, 1);
	assert_date("昭和64年1月7日", 1989, 1, 7);
	assert_date("大正15年12月25日", 1926, 12, 25);
	assert_date("明治45年7月30日", 1912, 7, 30);
	assert_date("R6.6.1", 2024, 6, 1);
	assert_date("r6.6.1", 2024, 6, 1);
	assert_date("H31/4/1", 2019, 4, 1);
	assert_date("S58-8-1", 1983, 8, 1);
	assert_date("Ｒ６．６．１", 2024, 6, 1);
	assert_date("2024年6月1日", 2024, 6, 1);
	assert_date("2024-06-01", 2024, 6, 1);
	assert_date("2024/6/1", 2024, 6, 1);
	assert_date("2024.6.1", 2024, 6, 1);
	assert_date("2000-02-29", 2000, 2, 29);
}

static void
test_bad_dates(void **state)
{
	static const char *bad[] = {
		"", " ", "令和", "令和元年4月30日", "令和1年4月1日", "平成31年5月1日", "平成0年1月1日",
		"昭和64年1月8日", "明治1年1月1日", "令和6年2月30日", "1900-02-29", "令和6年13月1日",
		"令和6年0月1日", "令和6年6月0日", "令和6年6月", "令和6年6月1", "令和6年6月1日現在",
		"元年5月1日", "24-06-01", "2024-06/01", "R6.6.1日", "令和6.6月1日", "令和六年六月一日",
		"2024-6-1-1", "平成1234567890年1月1日", "令和100年1月1日", "令和6年6月1日日", "X6.6.1",
		"2024-06-001", "1 2024-06-01", "\xff\xfe", "令和6年\xe3\x80"
	};
	size_t		i;

	(void) state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_bad_date(bad[i]);
	/* not NUL-terminated: only len bytes are read */
	{
		pal_date	out;
		pal_error	err;

		assert_int_equal(pal_jp_date_parse("2024-06-011", 10, &out, &err), PAL_OK);
		assert_int_equal(out.day, 1);
	}
}

static void
test_as_of(void **state)
{
	pal_date	d;
	pal_error	err;
	const char *s = "[令和７年１０月１日 現在 ]令和７年１０月２日作成";
	const char *t = "令和7年9月1日現在";
	const char *u = "[令和７年１３月１日 現在 ]";
	const char *v = "令和7年9月1日作成";

	(void) state;
	assert_int_equal(pal_jp_as_of_parse(s, strlen(s), &d, &err), PAL_OK);
	assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20251001);
	assert_int_equal(pal_jp_as_of_parse(t, strlen(t), &d, &err), PAL_OK);
	assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20250901);
	assert_int_equal(pal_jp_as_of_parse(u, strlen(u), &d, &err), PAL_ERR_DATETIME);
	assert_int_equal(pal_jp_as_of_parse(v, strlen(v), &d, &err), PAL_ERR_SYNTAX);
}

static void
test_prefectures(void **state)
{
	static const struct
	{
		const char *s;
		int			code;
	}			good[] = {
		{"01", 1}, {"1", 1}, {"０１", 1}, {"１", 1}, {" 47 ", 47}, {"13", 13}, {"北海道", 1},
		{"東京都", 13}, {"沖縄県", 47}, {"　４７　", 47}
	};
	static const char *bad[] = {"", "0", "00", "48", "99", "001", "1a", "北海", "東京", "-1"};
	size_t		i;
	int			code;
	pal_error	err;

	(void) state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		assert_int_equal(pal_jp_prefecture_parse(good[i].s, strlen(good[i].s), &code, &err), PAL_OK);
		assert_int_equal(code, good[i].code);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(pal_jp_prefecture_parse(bad[i], strlen(bad[i]), &code, &err), PAL_ERR_SYNTAX);
	assert_string_equal(pal_jp_prefecture_name(1), "北海道");
	assert_string_equal(pal_jp_prefecture_name(47), "沖縄県");
	assert_null(pal_jp_prefecture_name(0));
	assert_null(pal_jp_prefecture_name(48));
}

static void
test_numbers(void **state)
{
	int64_t		v;
	char		inst[8],
				postal[9];
	pal_error	err;

	(void) state;
	assert_int_equal(pal_jp_count_parse("20床", strlen("20床"), &v, &err), PAL_OK);
	assert_int_equal(v, 20);
	assert_int_equal(pal_jp_count_parse("２０ 床", strlen("２０ 床"), &v, &err), PAL_OK);
	assert_int_equal(v, 20);
	assert_int_equal(pal_jp_count_parse("1,234", 5, &v, &err), PAL_OK);
	assert_int_equal(v, 1234);
	assert_int_equal(pal_jp_count_parse("床", strlen("床"), &v, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_count_parse("20床3", strlen("20床3"), &v, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_count_parse("1234567890123456", 16, &v, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_count_parse(",1", 2, &v, &err), PAL_ERR_SYNTAX);

	assert_int_equal(pal_jp_acceptance_parse("第９号", strlen("第９号"), &v, &err), PAL_OK);
	assert_int_equal(v, 9);
	assert_int_equal(pal_jp_acceptance_parse(" 第 979209 号 ", strlen(" 第 979209 号 "), &v, &err), PAL_OK);
	assert_int_equal(v, 979209);
	assert_int_equal(pal_jp_acceptance_parse("12", 2, &v, &err), PAL_OK);
	assert_int_equal(pal_jp_acceptance_parse("第号", strlen("第号"), &v, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_acceptance_parse("第9号a", strlen("第9号a"), &v, &err), PAL_ERR_SYNTAX);

	assert_int_equal(pal_jp_institution_parse("0111887", 7, inst, &err), PAL_OK);
	assert_string_equal(inst, "0111887");
	assert_int_equal(pal_jp_institution_parse("111887", 6, inst, &err), PAL_OK);
	assert_string_equal(inst, "0111887");
	assert_int_equal(pal_jp_institution_parse("01118870", 8, inst, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_institution_parse("", 0, inst, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_institution_parse("01-1887", 7, inst, &err), PAL_ERR_SYNTAX);

	assert_int_equal(pal_jp_postal_parse("064-0809", 8, postal, &err), PAL_OK);
	assert_string_equal(postal, "064-0809");
	assert_int_equal(pal_jp_postal_parse("0640809", 7, postal, &err), PAL_OK);
	assert_string_equal(postal, "064-0809");
	assert_int_equal(pal_jp_postal_parse("〒０６４－０８０９", strlen("〒０６４－０８０９"), postal, &err), PAL_OK);
	assert_string_equal(postal, "064-0809");
	assert_int_equal(pal_jp_postal_parse("64-0809", 7, postal, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_jp_postal_parse("064-08090", 9, postal, &err), PAL_ERR_SYNTAX);

	assert_int_equal(pal_jp_beds_total("一般　　180／療養　40", strlen("一般　　180／療養　40")), 220);
	assert_int_equal(pal_jp_beds_total("", 0), -1);
	assert_int_equal(pal_jp_beds_total("一般（感染） 感染 ８", strlen("一般（感染） 感染 ８")), 8);
}

static void
assert_key(int address, int strip, const char *in, const char *expect)
{
	size_t		len = strlen(in);
	char	   *out = malloc(len + 1);
	size_t		n = address ? pal_jp_address_key(in, len, out) : pal_jp_name_key(in, len, strip, out);

	assert_int_equal(n, strlen(out));
	assert_true(n <= len);
	assert_string_equal(out, expect);
	free(out);
}

static void
test_keys(void **state)
{
	(void) state;
	assert_key(0, 0, "医療法人　菊郷会　愛育病院", "医療法人菊郷会愛育病院");
	assert_key(0, 1, "医療法人　菊郷会　愛育病院", "愛育病院");
	assert_key(0, 1, "特定医療法人社団慶愛会札幌花園病院", "札幌花園病院");
	assert_key(0, 1, "社会医療法人医仁会中村記念病院", "中村記念病院");
	assert_key(0, 1, "ＪＡ北海道厚生連　札幌厚生病院", "札幌厚生病院");
	assert_key(0, 1, "JA北海道厚生連札幌厚生病院", "札幌厚生病院");
	assert_key(0, 1, "JAPANクリニック", "JAPANクリニック");
	assert_key(0, 1, "社会医療法人北海道循環器病院", "北海道循環器病院");
	assert_key(0, 1, "独立行政法人国立病院機構　北海道医療センター", "北海道医療センター");
	assert_key(0, 1, "地方職員共済組合北海道支部　北海道庁診療所", "北海道庁診療所");
	assert_key(0, 1, "市立札幌病院", "市立札幌病院");
	assert_key(0, 1, "医療法人　クリニック", "医療法人クリニック");
	assert_key(0, 1, "医療法人クリニック", "医療法人クリニック");
	assert_key(0, 1, "愛育会病院", "愛育会病院");
	assert_key(0, 1, "宮﨑病院", "宮崎病院");
	assert_key(0, 0, "𠮷田　髙橋クリニック", "吉田高橋クリニック");
	assert_key(0, 1, "公益社団法人肝属郡医師会立病院", "肝属郡医師会立病院");
	assert_key(0, 1, "", "");
	assert_key(0, 1, "　", "");

	assert_key(1, 0, "北海道札幌市中央区北３条西６丁目１番５０号", "札幌市中央区北3条西6-1-50");
	assert_key(1, 0, "札幌市中央区北3条西6-1-50", "札幌市中央区北3条西6-1-50");
	assert_key(1, 0, "佐賀市本庄町大字本庄２６９番地１", "佐賀市本庄町本庄269-1");
	assert_key(1, 0, "福井市和田２－１００６", "福井市和田2-1006");
	assert_key(1, 0, "札幌市豊平区平岸三丁目５番", "札幌市豊平区平岸3-5");
	assert_key(1, 0, "旭川市１条通１０丁目ー１", "旭川市1条通10-1");
	assert_key(1, 0, "何とか町二十三番地の一", "何とか町23-の一");
	assert_key(1, 0, "何とか町1の2", "何とか町1-2");
	assert_key(1, 0, "千代田区千代田1-1", "千代田区千代田1-1");
	assert_key(1, 0, "ー1", "ー1");
	assert_key(1, 0, "鶴ヶ島市富士見2-29-1", "鶴ケ島市富士見2-29-1");
	assert_key(1, 0, "小樽市住ノ江1-6-15", "小樽市住の江1-6-15");
	assert_key(1, 0, "岡山市南区東畦767-の3", "岡山市南区東畦767-3");
	assert_key(1, 0, "札幌市中央区南二十三条西15-1-30", "札幌市中央区南23条西15-1-30");
	assert_key(1, 0, "京都市東山区本町15-七四九", "京都市東山区本町15-749");
	assert_key(1, 0, "千葉市中央区長洲2丁21-8", "千葉市中央区長洲2-21-8");
	assert_key(1, 0, "三島市谷田字藤久保2276", "三島市谷田藤久保2276");
	assert_key(1, 0, "ノース1", "ノース1");
	assert_key(1, 0, "北海道", "北海道");
	assert_key(1, 0, "\xff\xfe 1番", "\xff\xfe" "1");
}

/* the fields of every record of a CSV text, joined with | and records with / */
static void
assert_csv(const char *in, const char *expect)
{
	pal_csv_reader r;
	pal_error	err;
	char		buf[512] = "";
	int			got;
	int64_t		line;
	size_t		i;

	assert_int_equal(pal_csv_open(&r, in, strlen(in), &pal_malloc_allocator, &err), PAL_OK);
	for (;;)
	{
		assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_OK);
		if (!got)
			break;
		if (buf[0])
			strcat(buf, "/");
		for (i = 0; i < r.nfields; i++)
		{
			if (i)
				strcat(buf, "|");
			strncat(buf, r.fields[i].data, r.fields[i].len);
		}
	}
	pal_csv_close(&r);
	assert_string_equal(buf, expect);
}

static void
test_csv(void **state)
{
	pal_csv_reader r;
	pal_error	err;
	int			got;
	int64_t		line = 0;

	(void) state;
	assert_csv("a,b\nc,d\n", "a|b/c|d");
	assert_csv("a,b\r\nc,d", "a|b/c|d");
	assert_csv("\xEF\xBB\xBF" "a,b", "a|b");
	assert_csv("\"a,b\",\"c\"\"d\"\n", "a,b|c\"d");
	assert_csv("\"x\ny\",z\n", "x\ny|z");
	assert_csv("a,,\n,\n", "a||/|");
	assert_csv("a\"b,c\n", "a\"b|c");
	assert_csv("a\rb\r", "a/b");
	assert_csv("", "");

	/* a record's line is the line it starts on, counting quoted line breaks */
	assert_int_equal(pal_csv_open(&r, "\"1\n2\",x\ny\n", 10, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_OK);
	assert_int_equal(line, 1);
	assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_OK);
	assert_int_equal(line, 3);
	pal_csv_close(&r);

	assert_int_equal(pal_csv_open(&r, "a\n\"b,c\n", 7, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_OK);
	assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_ERR_SYNTAX);
	assert_non_null(strstr(err.message, "line 2"));
	pal_csv_close(&r);

	assert_int_equal(pal_csv_open(&r, "\"a\"b\n", 5, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_csv_next(&r, &got, &line, &err), PAL_ERR_SYNTAX);
	assert_non_null(strstr(err.message, "after a closing quote"));
	pal_csv_close(&r);
}

/* parses one header and one data row of a layout */
static pal_status
parse_row(const char *header, const char *data, pal_filing_row *row, pal_filing_col *bad, pal_error *err)
{
	pal_csv_reader h,
				d;
	pal_filing_layout layout;
	int			map[PFC__COUNT];
	int			got;
	int64_t		line;
	pal_status	st;

	assert_int_equal(pal_csv_open(&h, header, strlen(header), &pal_malloc_allocator, err), PAL_OK);
	assert_int_equal(pal_csv_next(&h, &got, &line, err), PAL_OK);
	st = pal_filing_header(h.fields, h.nfields, &layout, map, err);
	if (st != PAL_OK)
	{
		pal_csv_close(&h);
		return st;
	}
	assert_int_not_equal(layout, PAL_FILING_NONE);
	assert_int_equal(pal_csv_open(&d, data, strlen(data), &pal_malloc_allocator, err), PAL_OK);
	assert_int_equal(pal_csv_next(&d, &got, &line, err), PAL_OK);
	st = pal_filing_row_parse(layout, map, d.fields, d.nfields, row, bad, err);
	pal_csv_close(&h);
	pal_csv_close(&d);
	return st;
}

#define BUREAU_HEADER "項番,都道府県コード,都道府県名,医療機関番号,医療機関名称,医療機関所在地（郵便番号）,医療機関所在地（住所）,電話番号,病床数,受理届出名称,受理記号,受理番号,算定開始年月日,備考（見出し）,備考（データ）"
#define CSV_HEADER "pref_code,pref_name,category,standard_name,standard_abbrev,inst_code10,inst_code7,name,postal_code,address,beds_total_text,unit_wards,unit_beds,remarks,acceptance_no,start_date,as_of,source_file"

static void
test_filing_rows(void **state)
{
	pal_filing_row row;
	pal_filing_col bad = PFC__COUNT;
	pal_error	err;

	(void) state;
	assert_int_equal(parse_row(BUREAU_HEADER,
							   "1,1,北海道,111887,試験病院,0600001,札幌市,011,一般　180／療養　40,緩和ケア病棟入院料１,緩１,第１号,令和 2年 4月 1日,病床数,２０床",
							   &row, &bad, &err), PAL_OK);
	assert_true(row.has_filing);
	assert_int_equal(row.prefecture, 1);
	assert_string_equal(row.institution, "0111887");
	assert_string_equal(row.postal, "060-0001");
	assert_int_equal(row.acceptance, 1);
	assert_int_equal(row.start.year, 2020);
	assert_int_equal(row.beds_total, 220);

	/* an institution without filings */
	assert_int_equal(parse_row(BUREAU_HEADER, "3,01,北海道,0110003,診療所,,札幌市,,,,,,,,", &row, &bad, &err), PAL_OK);
	assert_false(row.has_filing);

	/* errors name the column */
	assert_int_equal(parse_row(BUREAU_HEADER, "1,48,,0110001,x,,札幌市,,,緩和ケア診療加算,緩診,第1号,令和2年4月1日,,", &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_PREF);
	assert_int_equal(parse_row(BUREAU_HEADER, "1,01,青森県,0110001,x,,札幌市,,,緩和ケア診療加算,緩診,第1号,令和2年4月1日,,", &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_PREF_NAME);
	assert_int_equal(parse_row(BUREAU_HEADER, "1,01,,0110001,x,,札幌市,,,緩和ケア診療加算,緩診,第1号,令和2年2月30日,,", &row, &bad, &err), PAL_ERR_DATETIME);
	assert_int_equal(bad, PFC_START);
	assert_int_equal(parse_row(BUREAU_HEADER, "1,01,,0110001,x,,札幌市,,,緩和ケア診療加算,緩診,,令和2年2月3日,,", &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_ACCEPT);
	assert_int_equal(parse_row(BUREAU_HEADER, "1,01,,0110001,,,札幌市,,,緩和ケア診療加算,緩診,第1号,令和2年2月3日,,", &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_NAME);
	/* a short row: the missing fields are empty */
	assert_int_equal(parse_row(BUREAU_HEADER, "1,01,,0110001,x,,札幌市,,,緩和ケア診療加算", &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_ACCEPT);

	/* a header missing a required column */
	assert_int_equal(parse_row("都道府県コード,医療機関番号,医療機関名称", "01,0110001,x", &row, &bad, &err), PAL_ERR_COLUMN);
	assert_non_null(strstr(err.message, "医療機関所在地(郵便番号)"));

	/* the normalized layout */
	assert_int_equal(parse_row(CSV_HEADER,
							   "41,佐賀県,緩和ケア病棟入院料,緩和ケア病棟入院料2,緩2,4110117183,0117183,病院,840-0027,佐賀市,一般 105,,20,,第2号,2018-10-01,2025-10-01,x.xlsx",
							   &row, &bad, &err), PAL_OK);
	assert_int_equal(row.as_of.month, 10);
	assert_int_equal(row.unit_beds, 20);
	assert_int_equal(row.unit_wards, -1);
	assert_int_equal(parse_row(CSV_HEADER,
							   "41,佐賀県,緩和ケア病棟入院料,緩和ケア病棟入院料2,緩2,4110117184,0117183,病院,840-0027,佐賀市,一般 105,,20,,第2号,2018-10-01,2025-10-01,x.xlsx",
							   &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_INST10);
	assert_int_equal(parse_row(CSV_HEADER,
							   "41,佐賀県,,緩和ケア病棟入院料2,緩2,4110117183,0117183,病院,840-0027,佐賀市,一般 105,,20,,第2号,2018-10-01,2025-10-01,x.xlsx",
							   &row, &bad, &err), PAL_ERR_SYNTAX);
	assert_int_equal(bad, PFC_CATEGORY);
	assert_int_equal(parse_row("pref_code,name,address", "01,x,y", &row, &bad, &err), PAL_ERR_COLUMN);
	assert_string_equal(pal_filing_column_name(PAL_FILING_BUREAU, PFC_START), "算定開始年月日");
	assert_null(pal_filing_column_name(PAL_FILING_BUREAU, PFC_AS_OF));
	assert_null(pal_filing_column_name(PAL_FILING_NONE, PFC_START));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_as_of),
		cmocka_unit_test(test_prefectures),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_filing_rows),
	};

	return cmocka_run_group_tests_name("jptext", tests, NULL, NULL);
}
