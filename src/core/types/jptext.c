/*
 * jptext.c
 *	  Japanese administrative text: width folding, era dates, prefecture
 *	  codes, counts, acceptance and institution numbers, postal codes.  The
 *	  matching keys of names and addresses are in jpkeys.c.
 */
#include "types/jptext.h"

#include <stdio.h>
#include <string.h>

#define QUOTE_MAX 80
/* the longest date text looked for before 現在 */
#define AS_OF_MAX_BYTES 96

/* code points read by the parsers */
#define CP_REI		0x4EE4		/* 令 */
#define CP_WA		0x548C		/* 和 */
#define CP_HEI		0x5E73		/* 平 */
#define CP_SEI		0x6210		/* 成 */
#define CP_SHO		0x662D		/* 昭 */
#define CP_TAI		0x5927		/* 大 */
#define CP_SHO2		0x6B63		/* 正 */
#define CP_MEI		0x660E		/* 明 */
#define CP_JI		0x6CBB		/* 治 */
#define CP_GAN		0x5143		/* 元 */
#define CP_NEN		0x5E74		/* 年 */
#define CP_GETSU	0x6708		/* 月 */
#define CP_NICHI	0x65E5		/* 日 */
#define CP_GEN		0x73FE		/* 現 */
#define CP_ZAI		0x5728		/* 在 */
#define CP_DAI		0x7B2C		/* 第 */
#define CP_GO		0x53F7		/* 号 */
#define CP_POSTMARK 0x3012		/* 〒 */

size_t
pal_jp_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *) s;
	uint32_t	c;
	uint32_t	min;
	size_t		n,
				i;

	if (u[0] < 0x80)
	{
		c = u[0];
		n = 1;
		min = 0;
	}
	else if ((u[0] & 0xE0) == 0xC0)
	{
		c = u[0] & 0x1F;
		n = 2;
		min = 0x80;
	}
	else if ((u[0] & 0xF0) == 0xE0)
	{
		c = u[0] & 0x0F;
		n = 3;
		min = 0x800;
	}
	else if ((u[0] & 0xF8) == 0xF0)
	{
		c = u[0] & 0x07;
		n = 4;
		min = 0x10000;
	}
	else
		goto invalid;
	if (n > len)
		goto invalid;
	for (i = 1; i < n; i++)
	{
		if ((u[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;			/* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';				/* ideographic space */
	*cp = c;
	return n;

invalid:
	*cp = 0xFFFD;
	return 1;
}

int
pal_jp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000;
}

int
pal_date_valid(int year, int month, int day)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int			n;

	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return 0;
	n = mdays[month - 1];
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		n = 29;
	return day <= n;
}

static int
date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
	long		a = (long) y1 * 10000 + m1 * 100 + d1;
	long		b = (long) y2 * 10000 + m2 * 100 + d2;

	return (a > b) - (a < b);
}

/* ---------------------------------------------------------------------
 * Dates
 */

typedef struct era
{
	uint32_t	c1,
				c2;				/* the two kanji */
	char		initial;		/* R H S T M */
	const char *name;
	int			base;			/* Gregorian year of the era's first year */
	int			from[3];		/* first day */
	int			to[3];			/* last day (9999-12-31: open) */
} era;

static const era eras[] = {
	{CP_REI, CP_WA, 'R', "令和", 2019, {2019, 5, 1}, {9999, 12, 31}},
	{CP_HEI, CP_SEI, 'H', "平成", 1989, {1989, 1, 8}, {2019, 4, 30}},
	{CP_SHO, CP_WA, 'S', "昭和", 1926, {1926, 12, 25}, {1989, 1, 7}},
	{CP_TAI, CP_SHO2, 'T', "大正", 1912, {1912, 7, 30}, {1926, 12, 25}},
	{CP_MEI, CP_JI, 'M', "明治", 1868, {1868, 1, 25}, {1912, 7, 30}},
};
#define NERAS ((int) (sizeof(eras) / sizeof(eras[0])))

typedef enum tok_kind
{
	TK_NUM, TK_GANNEN, TK_ERA, TK_SEP
} tok_kind;

typedef struct tok
{
	tok_kind	kind;
	long		value;			/* number, era index, or separator code point */
	int			digits;
} tok;

#define MAX_TOKENS 8

/* splits a date into tokens; returns the count, or -1 (why set) */
static int
date_tokens(const char *s, size_t len, tok *t, const char **why)
{
	size_t		i = 0;
	int			n = 0;

	while (i < len)
	{
		uint32_t	c,
					c2 = 0;
		size_t		k = pal_jp_decode(s + i, len - i, &c);
		int			e;

		if (pal_jp_is_space(c))
		{
			i += k;
			continue;
		}
		if (n == MAX_TOKENS)
		{
			*why = "The text has more parts than a date.";
			return -1;
		}
		if (c >= '0' && c <= '9')
		{
			long		v = 0;
			int			d = 0;

			while (i < len)
			{
				k = pal_jp_decode(s + i, len - i, &c);
				if (c < '0' || c > '9')
					break;
				if (++d > 9)
				{
					*why = "A number has too many digits.";
					return -1;
				}
				v = v * 10 + (long) (c - '0');
				i += k;
			}
			t[n].kind = TK_NUM;
			t[n].value = v;
			t[n++].digits = d;
			continue;
		}
		i += k;
		if (c == CP_GAN)
		{
			t[n].kind = TK_GANNEN;
			t[n++].value = 1;
			continue;
		}
		if (c == CP_NEN || c == CP_GETSU || c == CP_NICHI || c == '.' || c == '/' || c == '-')
		{
			t[n].kind = TK_SEP;
			t[n++].value = (long) c;
			continue;
		}
		if (i < len)
			pal_jp_decode(s + i, len - i, &c2);
		for (e = 0; e < NERAS; e++)
		{
			if (c == eras[e].c1 && c2 == eras[e].c2)
			{
				i += pal_jp_decode(s + i, len - i, &c2);
				break;
			}
			if (c < 0x80 && (c & ~0x20u) == (uint32_t) eras[e].initial)
				break;
		}
		if (e == NERAS)
		{
			*why = "Expected a date such as 令和6年6月1日, R6.6.1 or 2024-06-01.";
			return -1;
		}
		t[n].kind = TK_ERA;
		t[n++].value = e;
	}
	return n;
}

/* checks the token sequence and fills y m d; NULL or the reason */
static const char *
date_fields(const tok *t, int n, int *era_ix, int *y, int *m, int *d)
{
	int			i = 0;
	long		sep;

	*era_ix = -1;
	if (i < n && t[i].kind == TK_ERA)
		*era_ix = (int) t[i++].value;
	if (i + 5 > n)
		return "Expected a date such as 令和6年6月1日, R6.6.1 or 2024-06-01.";
	if (t[i].kind == TK_GANNEN && *era_ix < 0)
		return "元年 needs an era name before it.";
	if (t[i].kind != TK_NUM && t[i].kind != TK_GANNEN)
		return "The year is missing.";
	if (*era_ix < 0 && t[i].digits != 4)
		return "A year without an era is written with four digits.";
	*y = (int) t[i++].value;
	if (t[i].kind != TK_SEP)
		return "Expected 年 or a separator after the year.";
	sep = t[i++].value;
	if (t[i].kind != TK_NUM || t[i].digits > 2)
		return "The month must be a number of one or two digits.";
	*m = (int) t[i++].value;
	if (t[i].kind != TK_SEP || t[i].value != (sep == CP_NEN ? CP_GETSU : sep))
		return sep == CP_NEN ? "Expected 月 after the month." : "The separators must all be the same.";
	i++;
	if (i >= n || t[i].kind != TK_NUM || t[i].digits > 2)
		return "The day must be a number of one or two digits.";
	*d = (int) t[i++].value;
	if (sep == CP_NEN)
	{
		if (i >= n || t[i].kind != TK_SEP || t[i].value != CP_NICHI)
			return "Expected 日 after the day.";
		i++;
	}
	if (i != n)
		return "There is text after the day.";
	return NULL;
}

static pal_status
date_error(pal_error *err, const char *s, size_t len, const char *why)
{
	char		q[QUOTE_MAX + 8];

	pal_quote_prefix(q, sizeof(q), s, len, QUOTE_MAX);
	pal_error_set(err, PAL_ERR_DATETIME, "invalid date \"%s\"", q);
	pal_error_detail(err, "%s", why);
	pal_error_hint(err, "Dates are read as 令和6年6月1日 (also 平成, 昭和, 大正, 明治 and 元年, full-width digits and spaces allowed), R6.6.1, 2024年6月1日 or 2024-06-01.");
	return PAL_ERR_DATETIME;
}

pal_status
pal_jp_date_parse(const char *s, size_t len, pal_date *out, pal_error *err)
{
	tok			t[MAX_TOKENS];
	const char *why = NULL;
	char		buf[160];
	int			n,
				e,
				y = 0,
				m = 0,
				d = 0;

	n = date_tokens(s, len, t, &why);
	if (n < 0)
		return date_error(err, s, len, why);
	why = date_fields(t, n, &e, &y, &m, &d);
	if (why != NULL)
		return date_error(err, s, len, why);
	if (e >= 0)
	{
		if (y < 1 || y > 99)
			return date_error(err, s, len, "An era year runs from 1 (元年) to at most 99.");
		y = eras[e].base + y - 1;
	}
	if (!pal_date_valid(y, m, d))
	{
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d does not exist.", y, m, d);
		return date_error(err, s, len, buf);
	}
	if (e >= 0 && (date_cmp(y, m, d, eras[e].from[0], eras[e].from[1], eras[e].from[2]) < 0 ||
				   date_cmp(y, m, d, eras[e].to[0], eras[e].to[1], eras[e].to[2]) > 0))
	{
		if (eras[e].to[0] == 9999)
			snprintf(buf, sizeof(buf), "%s began on %04d-%02d-%02d.", eras[e].name,
					 eras[e].from[0], eras[e].from[1], eras[e].from[2]);
		else
			snprintf(buf, sizeof(buf), "%s ran from %04d-%02d-%02d to %04d-%02d-%02d.", eras[e].name,
					 eras[e].from[0], eras[e].from[1], eras[e].from[2],
					 eras[e].to[0], eras[e].to[1], eras[e].to[2]);
		return date_error(err, s, len, buf);
	}
	out->year = y;
	out->month = m;
	out->day = d;
	return PAL_OK;
}

/* byte offset of the first 現在 in s, or -1 */
static long
find_genzai(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	c,
					c2 = 0;
		size_t		k = pal_jp_decode(s + i, len - i, &c);

		if (c == CP_GEN && i + k < len)
		{
			pal_jp_decode(s + i + k, len - i - k, &c2);
			if (c2 == CP_ZAI)
				return (long) i;
		}
		i += k;
	}
	return -1;
}

pal_status
pal_jp_as_of_parse(const char *s, size_t len, pal_date *out, pal_error *err)
{
	long		at = find_genzai(s, len);
	size_t		i = 0;
	char		q[QUOTE_MAX + 8];

	if (at < 0)
	{
		pal_quote_prefix(q, sizeof(q), s, len, QUOTE_MAX);
		pal_error_set(err, PAL_ERR_SYNTAX, "no \"as of\" date (…現在) in \"%s\"", q);
		return PAL_ERR_SYNTAX;
	}
	/* the longest tail of the text before 現在 that is a date (a date is short) */
	while (i < (size_t) at)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + i, (size_t) at - i, &c);
		pal_error	ignore;

		if ((size_t) at - i <= AS_OF_MAX_BYTES &&
			pal_jp_date_parse(s + i, (size_t) at - i, out, &ignore) == PAL_OK)
			return PAL_OK;
		i += k;
	}
	pal_quote_prefix(q, sizeof(q), s, len, QUOTE_MAX);
	pal_error_set(err, PAL_ERR_DATETIME, "invalid \"as of\" date in \"%s\"", q);
	pal_error_detail(err, "The text before 現在 is not a date.");
	pal_error_hint(err, "The line above the header of a filing list reads like \"令和7年10月1日現在\".");
	return PAL_ERR_DATETIME;
}

/* ---------------------------------------------------------------------
 * Prefectures, numbers, codes
 */

static const char *const prefecture_names[PAL_JP_PREFECTURES] = {
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
	"茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
	"新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
	"静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
	"奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
	"徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
	"熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"
};

const char *
pal_jp_prefecture_name(int code)
{
	if (code < 1 || code > PAL_JP_PREFECTURES)
		return NULL;
	return prefecture_names[code - 1];
}

/* s[0..len) without white space at either end: *from, *to as byte offsets */
static void
trim(const char *s, size_t len, size_t *from, size_t *to)
{
	size_t		i = 0,
				end = 0;

	*from = len;
	while (i < len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + i, len - i, &c);

		if (!pal_jp_is_space(c))
		{
			if (*from == len)
				*from = i;
			end = i + k;
		}
		i += k;
	}
	if (*from == len)
		*from = 0;
	*to = end;
}

/*
 * Reads the digits of s[*i..len) (folded), skipping nothing; returns how
 * many, 0 when none, -1 when more than maxdigits.
 */
static int
read_digits(const char *s, size_t len, size_t *i, int maxdigits, int64_t *value)
{
	int			d = 0;

	*value = 0;
	while (*i < len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + *i, len - *i, &c);

		if (c < '0' || c > '9')
			break;
		if (++d > maxdigits)
			return -1;
		*value = *value * 10 + (int64_t) (c - '0');
		*i += k;
	}
	return d;
}

static void
skip_spaces(const char *s, size_t len, size_t *i)
{
	while (*i < len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + *i, len - *i, &c);

		if (!pal_jp_is_space(c))
			break;
		*i += k;
	}
}

/* the next code point at *i without consuming it (0 at the end) */
static uint32_t
peek(const char *s, size_t len, size_t i)
{
	uint32_t	c = 0;

	if (i < len)
		pal_jp_decode(s + i, len - i, &c);
	return c;
}

static pal_status
syntax_error(pal_error *err, const char *what, const char *s, size_t len, const char *hint)
{
	char		q[QUOTE_MAX + 8];

	pal_quote_prefix(q, sizeof(q), s, len, QUOTE_MAX);
	pal_error_set(err, PAL_ERR_SYNTAX, "invalid %s \"%s\"", what, q);
	if (hint != NULL)
		pal_error_hint(err, "%s", hint);
	return PAL_ERR_SYNTAX;
}

pal_status
pal_jp_prefecture_parse(const char *s, size_t len, int *code, pal_error *err)
{
	size_t		from,
				to,
				i;
	int64_t		v;
	int			d,
				k;

	trim(s, len, &from, &to);
	i = from;
	d = read_digits(s, to, &i, 2, &v);
	if (d > 0 && i == to)
	{
		if (v < 1 || v > PAL_JP_PREFECTURES)
		{
			char		q[QUOTE_MAX + 8];

			pal_quote_prefix(q, sizeof(q), s, len, QUOTE_MAX);
			pal_error_set(err, PAL_ERR_SYNTAX, "prefecture code \"%s\" does not exist", q);
			pal_error_hint(err, "Prefecture codes run from 01 (北海道) to 47 (沖縄県); the leading zero may be left out.");
			return PAL_ERR_SYNTAX;
		}
		*code = (int) v;
		return PAL_OK;
	}
	for (k = 0; k < PAL_JP_PREFECTURES; k++)
	{
		if (strlen(prefecture_names[k]) == to - from &&
			memcmp(prefecture_names[k], s + from, to - from) == 0)
		{
			*code = k + 1;
			return PAL_OK;
		}
	}
	return syntax_error(err, "prefecture code", s, len,
						"Prefecture codes run from 01 (北海道) to 47 (沖縄県); the leading zero may be left out.");
}

pal_status
pal_jp_count_parse(const char *s, size_t len, int64_t *out, pal_error *err)
{
	size_t		from,
				to,
				i;
	int64_t		v = 0;
	int			digits = 0;

	trim(s, len, &from, &to);
	i = from;
	while (i < to)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + i, to - i, &c);

		if (c >= '0' && c <= '9')
		{
			if (++digits > 15)
				return syntax_error(err, "count", s, len, "A count has at most 15 digits.");
			v = v * 10 + (int64_t) (c - '0');
		}
		else if (!(c == ',' && digits > 0 && peek(s, to, i + k) >= '0' && peek(s, to, i + k) <= '9'))
			break;
		i += k;
	}
	if (digits == 0)
		return syntax_error(err, "count", s, len, "A count starts with its digits, e.g. 20床 or ２０床.");
	/* the unit: anything without digits */
	while (i < to)
	{
		uint32_t	c;

		i += pal_jp_decode(s + i, to - i, &c);
		if (c >= '0' && c <= '9')
			return syntax_error(err, "count", s, len, "A count is one number, optionally followed by its unit, e.g. 20床.");
	}
	*out = v;
	return PAL_OK;
}

pal_status
pal_jp_acceptance_parse(const char *s, size_t len, int64_t *out, pal_error *err)
{
	static const char hint[] = "An acceptance number (受理番号) is written 第123号.";
	size_t		i = 0;
	int64_t		v;

	skip_spaces(s, len, &i);
	if (peek(s, len, i) == CP_DAI)
	{
		i += 3;
		skip_spaces(s, len, &i);
	}
	if (read_digits(s, len, &i, 9, &v) <= 0)
		return syntax_error(err, "acceptance number", s, len, hint);
	skip_spaces(s, len, &i);
	if (peek(s, len, i) == CP_GO)
		i += 3;
	skip_spaces(s, len, &i);
	if (i != len)
		return syntax_error(err, "acceptance number", s, len, hint);
	*out = v;
	return PAL_OK;
}

pal_status
pal_jp_institution_parse(const char *s, size_t len, char out[8], pal_error *err)
{
	size_t		from,
				to,
				i;
	int64_t		v;
	int			d,
				k;

	trim(s, len, &from, &to);
	i = from;
	d = read_digits(s, to, &i, 7, &v);
	if (d <= 0 || i != to)
		return syntax_error(err, "institution number", s, len,
							"An institution number (医療機関番号) has 7 digits.");
	for (k = 6; k >= 0; k--)
	{
		out[k] = (char) ('0' + v % 10);
		v /= 10;
	}
	out[7] = '\0';
	return PAL_OK;
}

static int
is_hyphen(uint32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30FC ||
		c == 0xFF70 || c == 0x2500 || c == 0xFE63;
}

pal_status
pal_jp_postal_parse(const char *s, size_t len, char out[9], pal_error *err)
{
	static const char hint[] = "A postal code is written 064-0809 or 0640809.";
	size_t		from,
				to,
				i;
	int64_t		a,
				b;
	int			d;

	trim(s, len, &from, &to);
	i = from;
	if (peek(s, to, i) == CP_POSTMARK)
	{
		i += 3;
		skip_spaces(s, to, &i);
	}
	d = read_digits(s, to, &i, 7, &a);
	if (d == 7 && i == to)
	{
		b = a % 10000;
		a /= 10000;
	}
	else
	{
		uint32_t	c = peek(s, to, i);

		if (d != 3 || !is_hyphen(c))
			return syntax_error(err, "postal code", s, len, hint);
		i += pal_jp_decode(s + i, to - i, &c);
		if (read_digits(s, to, &i, 4, &b) != 4 || i != to)
			return syntax_error(err, "postal code", s, len, hint);
	}
	snprintf(out, 9, "%03d-%04d", (int) a, (int) b);
	return PAL_OK;
}

int64_t
pal_jp_beds_total(const char *s, size_t len)
{
	size_t		i = 0;
	int64_t		total = -1;

	while (i < len)
	{
		int64_t		v;
		int			d = read_digits(s, len, &i, 9, &v);

		if (d < 0)
			return -1;
		if (d > 0)
			total = (total < 0 ? 0 : total) + v;
		else
		{
			uint32_t	c;

			i += pal_jp_decode(s + i, len - i, &c);
		}
	}
	return total;
}

/* ---------------------------------------------------------------------
 * White space
 */

size_t
pal_jp_squeeze(const char *s, size_t len, char *out)
{
	size_t		i = 0,
				o = 0;
	int			pending = 0;

	while (i < len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + i, len - i, &c);

		if (pal_jp_is_space(c))
			pending = o > 0;
		else
		{
			if (pending)
				out[o++] = ' ';
			pending = 0;
			if (c < 0x80)
				out[o++] = (char) c;
			else
			{
				/* folded or not, the original bytes are at least as long */
				memcpy(out + o, s + i, k);
				o += k;
			}
		}
		i += k;
	}
	out[o] = '\0';
	return o;
}
