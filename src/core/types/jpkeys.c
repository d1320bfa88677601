/*
 * jpkeys.c
 *	  Matching keys of institution names and addresses (see jptext.h).
 *
 * Both keys work in place in the caller's buffer: the text is first
 * width-folded with white space collapsed (pal_jp_squeeze), then rewritten
 * left to right, never writing more bytes than it has read, so the result
 * fits in len + 1 bytes.
 */
#include "types/jptext.h"

#include <stdio.h>
#include <string.h>

/* byte string s[0..len) starts with the UTF-8 literal lit */
static int
starts(const char *s, size_t len, const char *lit)
{
	size_t		n = strlen(lit);

	return len >= n && memcmp(s, lit, n) == 0;
}

/* byte string s[0..len) ends with lit */
static int
ends(const char *s, size_t len, const char *lit)
{
	size_t		n = strlen(lit);

	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

/* first offset of lit in s[0..len), or -1 */
static long
find(const char *s, size_t len, const char *lit)
{
	size_t		n = strlen(lit),
				i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, lit, n) == 0)
			return (long) i;
	return -1;
}

/* code points in s[0..len) */
static size_t
cp_count(const char *s, size_t len)
{
	size_t		i = 0,
				n = 0;

	while (i < len)
	{
		uint32_t	c;

		i += pal_jp_decode(s + i, len - i, &c);
		n++;
	}
	return n;
}

/* byte offset after the first n code points of s[0..len) */
static size_t
cp_offset(const char *s, size_t len, size_t n)
{
	size_t		i = 0;

	while (i < len && n-- > 0)
	{
		uint32_t	c;

		i += pal_jp_decode(s + i, len - i, &c);
	}
	return i;
}

/* ---------------------------------------------------------------------
 * Names
 */

/* kinds of legal entity that open a name (the longest first where one is a prefix of another) */
static const char *const entity_types[] = {
	"社会福祉法人恩賜財団", "特定医療法人社団", "特定医療法人財団", "特定医療法人",
	"社会医療法人社団", "社会医療法人財団", "社会医療法人", "医療法人社団", "医療法人財団",
	"医療法人", "一般財団法人", "公益財団法人", "一般社団法人", "公益社団法人", "財団法人",
	"社団法人", "社会福祉法人", "地方独立行政法人", "独立行政法人", "国立研究開発法人",
	"国立大学法人", "公立大学法人", "学校法人", "宗教法人", "特定非営利活動法人",
	"株式会社", "有限会社", "(医社)", "(医財)", "(社医)", "(特医)", "(医)", "(社)", "(財)",
	"(福)", "(学)", "(独)", "(株)", "(有)", "JA", NULL
};

/* words that end an organisation's name after its kind (医療法人X会 ...) */
static const char *const org_ends[] = {"厚生連", "連合会", "組合", "機構", "赤十字社", "会", "団", NULL};

/* what a facility's own name ends with */
static const char *const facility_words[] = {
	"病院", "診療所", "クリニック", "医院", "センター", "ホスピス", NULL
};

static int
entity_token(const char *t, size_t len)
{
	static const char *const inside[] = {"法人", "厚生連", "組合", "連合会", "機構", "赤十字社", NULL};
	static const char *const tail[] = {"会", "団", "支部", NULL};
	int			k;

	for (k = 0; entity_types[k] != NULL; k++)
		if (len == strlen(entity_types[k]) && memcmp(t, entity_types[k], len) == 0)
			return 1;
	for (k = 0; inside[k] != NULL; k++)
		if (find(t, len, inside[k]) >= 0)
			return 1;
	for (k = 0; tail[k] != NULL; k++)
		if (ends(t, len, tail[k]))
			return 1;
	return 0;
}

/* s is a facility's own name: a facility word after at least two characters */
static int
facility_name(const char *s, size_t len)
{
	int			k;

	for (k = 0; facility_words[k] != NULL; k++)
		if (ends(s, len, facility_words[k]) &&
			cp_count(s, len - strlen(facility_words[k])) >= 2)
			return 1;
	return 0;
}

/* s is nothing but a facility word, or shorter than two characters */
static int
facility_word_only(const char *s, size_t len)
{
	int			k;

	for (k = 0; facility_words[k] != NULL; k++)
		if (len == strlen(facility_words[k]) && memcmp(s, facility_words[k], len) == 0)
			return 1;
	return cp_count(s, len) < 2;
}

/*
 * Strips an entity written without spaces: its kind, then (after a kind,
 * or always for the strong endings 厚生連, 連合会, 組合, 機構, 赤十字社) the
 * organisation's name, when what remains is a facility's name.
 */
static size_t
strip_glued_entity(char *s, size_t len)
{
	size_t		cut = 0;
	int			k,
				typed = 0;

	for (k = 0; entity_types[k] != NULL; k++)
		if (starts(s, len, entity_types[k]) && len > strlen(entity_types[k]) &&
			!(entity_types[k][0] == 'J' && ((s[2] | 0x20) >= 'a' && (s[2] | 0x20) <= 'z')))
		{
			cut = strlen(entity_types[k]);
			typed = 1;
			break;
		}
	for (k = 0; org_ends[k] != NULL; k++)
	{
		/* within the next 20 characters */
		size_t		window = cut + cp_offset(s + cut, len - cut, 20);
		long		at = find(s + cut, window - cut, org_ends[k]);
		size_t		after;

		if (at < 0 || (!typed && k >= 5))
			continue;
		after = cut + (size_t) at + strlen(org_ends[k]);
		if (facility_name(s + after, len - after))
		{
			cut = after;
			break;
		}
	}
	if (cut > 0 && facility_word_only(s + cut, len - cut))
		return len;
	memmove(s, s + cut, len - cut);
	return len - cut;
}

/*
 * Variant forms of kanji common in names, written as their usual form:
 * 﨑 崎, 髙 高, 德 徳, 邊 邉 辺, 濵 濱 浜, 齋 齊 斎, 櫻 桜, 澤 沢, 廣 広, 國 国,
 * 眞 真, 惠 恵, 𠮷 吉.  In place; returns the new length (never longer).
 */
static size_t
fold_variants(char *s, size_t len)
{
	static const struct
	{
		uint32_t	from,
					to;
	}			variants[] = {
		{0xFA11, 0x5D0E}, {0x9AD9, 0x9AD8}, {0x5FB7, 0x5FB3}, {0x908A, 0x8FBA}, {0x9089, 0x8FBA},
		{0x6FF5, 0x6D5C}, {0x6FF1, 0x6D5C}, {0x9F4B, 0x658E}, {0x9F4A, 0x658E}, {0x6AFB, 0x685C},
		{0x6FA4, 0x6CA2}, {0x5EE3, 0x5E83}, {0x570B, 0x56FD}, {0x771E, 0x771F}, {0x60E0, 0x6075},
		{0x20BB7, 0x5409}
	};
	size_t		i = 0,
				o = 0;

	while (i < len)
	{
		uint32_t	c;
		size_t		k = pal_jp_decode(s + i, len - i, &c),
					v;

		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
			if (c == variants[v].from)
				break;
		if (v < sizeof(variants) / sizeof(variants[0]) && (k == 3 || k == 4))
		{
			c = variants[v].to;	/* every usual form is a 3-byte character */
			s[o++] = (char) (0xE0 | (c >> 12));
			s[o++] = (char) (0x80 | ((c >> 6) & 0x3F));
			s[o++] = (char) (0x80 | (c & 0x3F));
		}
		else
		{
			memmove(s + o, s + i, k);
			o += k;
		}
		i += k;
	}
	return o;
}

size_t
pal_jp_name_key(const char *s, size_t len, int strip_entity, char *out)
{
	size_t		n = pal_jp_squeeze(s, len, out),
				i,
				o;

	if (strip_entity)
	{
		/* leading space-separated words that name the legal entity */
		size_t		start = 0;

		for (;;)
		{
			const char *sp = memchr(out + start, ' ', n - start);
			size_t		w;

			if (sp == NULL)
				break;
			w = (size_t) (sp - (out + start));
			if (!entity_token(out + start, w))
				break;
			start += w + 1;
		}
		/* never down to a bare word such as クリニック */
		if (start > 0 && !facility_word_only(out + start, n - start))
		{
			memmove(out, out + start, n - start);
			n -= start;
		}
	}
	/* no spaces */
	for (i = 0, o = 0; i < n; i++)
		if (out[i] != ' ')
			out[o++] = out[i];
	n = fold_variants(out, o);
	if (strip_entity)
		n = strip_glued_entity(out, n);
	out[n] = '\0';
	return n;
}

/* ---------------------------------------------------------------------
 * Addresses
 */

#define CP_CHO		0x4E01		/* 丁 */
#define CP_ME		0x76EE		/* 目 */
#define CP_BAN		0x756A		/* 番 */
#define CP_CHI		0x5730		/* 地 */
#define CP_GOU		0x53F7		/* 号 */
#define CP_NO		0x306E		/* の */
#define CP_OO		0x5927		/* 大 */
#define CP_AZA		0x5B57		/* 字 */
#define CP_JO		0x6761		/* 条 */
#define CP_SEN		0x7DDA		/* 線 */

/* value of a kanji numeral digit, 10/100/1000 for 十 百 千, or -1 */
static int
kanji_digit(uint32_t c)
{
	switch (c)
	{
		case 0x3007:			/* 〇 */
		case 0x96F6:			/* 零 */
			return 0;
		case 0x4E00:
			return 1;
		case 0x4E8C:
			return 2;
		case 0x4E09:
			return 3;
		case 0x56DB:
			return 4;
		case 0x4E94:
			return 5;
		case 0x516D:
			return 6;
		case 0x4E03:
			return 7;
		case 0x516B:
			return 8;
		case 0x4E5D:
			return 9;
		case 0x5341:
			return 10;
		case 0x767E:
			return 100;
		case 0x5343:
			return 1000;
		default:
			return -1;
	}
}

static int
is_hyphen_cp(uint32_t c, int after_number)
{
	if (c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2500 || c == 0xFE63)
		return 1;
	/* the long vowel mark stands for a hyphen only after a number */
	return after_number && (c == 0x30FC || c == 0xFF70);
}

/*
 * A run of kanji numerals at s[0..len), converted when it stands for a
 * number of the address: after a number, or before 丁, 番, 号, 条 or 線.
 * Its value is written in digits at out if that is no longer than the run.
 * Returns the bytes of the run consumed (0: not converted) and sets
 * *written.
 */
static size_t
kanji_number(const char *s, size_t len, int after_number, char *out, size_t *written)
{
	size_t		i = 0;
	long		total = 0,
				cur = 0;
	int			n = 0;
	uint32_t	c = 0;
	char		buf[16];
	int			w;

	while (i < len && n < 8)
	{
		size_t		k = pal_jp_decode(s + i, len - i, &c);
		int			v = kanji_digit(c);

		if (v < 0)
			break;
		if (v >= 10)
		{
			total += (cur == 0 ? 1 : cur) * v;
			cur = 0;
		}
		else
			cur = cur * 10 + v;
		i += k;
		n++;
	}
	if (n == 0 || n == 8)
		return 0;
	c = 0;
	if (i < len)
		pal_jp_decode(s + i, len - i, &c);
	if (!after_number && c != CP_CHO && c != CP_BAN && c != CP_GOU && c != CP_JO && c != CP_SEN)
		return 0;
	w = snprintf(buf, sizeof(buf), "%ld", total + cur);
	if (w <= 0 || (size_t) w > i)
		return 0;
	memcpy(out, buf, (size_t) w);
	*written = (size_t) w;
	return i;
}

/* appends "-" unless the output is empty or already ends with one */
static void
put_hyphen(char *out, size_t *o)
{
	if (*o > 0 && out[*o - 1] != '-')
		out[(*o)++] = '-';
}

/* writes code point c (3-byte UTF-8: U+0800..U+FFFF) at out */
static void
put_cp3(char *out, size_t *o, uint32_t c)
{
	out[(*o)++] = (char) (0xE0 | (c >> 12));
	out[(*o)++] = (char) (0x80 | ((c >> 6) & 0x3F));
	out[(*o)++] = (char) (0x80 | (c & 0x3F));
}

typedef struct addr_state
{
	char	   *out;
	size_t		o;
	uint32_t	last;			/* last code point written (0 at the start) */
} addr_state;

/*
 * One step of the address key at s[i..n): writes the key of what it reads
 * (never more bytes) and returns the bytes it read.
 */
static size_t
address_step(const char *s, size_t i, size_t n, addr_state *st)
{
	uint32_t	c,
				c2 = 0;
	size_t		k = pal_jp_decode(s + i, n - i, &c),
				w = 0,
				used;
	int			after_digit = st->o > 0 && st->out[st->o - 1] >= '0' && st->out[st->o - 1] <= '9';
	int			after_number = after_digit || (st->o > 0 && st->out[st->o - 1] == '-');
	int			next_digit;

	if (i + k < n)
		pal_jp_decode(s + i + k, n - i - k, &c2);
	next_digit = c2 >= '0' && c2 <= '9';
	if (c == ' ' || c == CP_AZA)
		return k;				/* spaces, 字 */
	if (c == CP_OO && c2 == CP_AZA)
		return k + 3;			/* 大字 */
	if ((used = kanji_number(s + i, n - i, after_number, st->out + st->o, &w)) > 0)
	{
		st->o += w;
		st->last = '0';
		return used;
	}
	if (after_digit && ((c == CP_CHO && c2 == CP_ME) || (c == CP_BAN && c2 == CP_CHI)))
		used = k + 3;			/* 丁目, 番地 */
	else if ((after_digit && (c == CP_BAN || c == CP_GOU || (c == CP_CHO && next_digit))) ||
			 (after_number && c == CP_NO && next_digit) || is_hyphen_cp(c, after_number))
		used = k;				/* 番, 号, 丁 before a number, の between numbers, hyphens */
	else
	{
		if (c == 0x30F6)
			c = 0x30B1;			/* ヶ as ケ */
		else if (c == 0x30F5)
			c = 0x30AB;			/* ヵ as カ */
		else if (c == 0x30CE && st->last >= 0x4E00 && st->last <= 0x9FFF)
			c = CP_NO;			/* ノ after a kanji as の */
		if (c < 0x80)
			st->out[st->o++] = (char) c;
		else if (c >= 0x800 && c <= 0xFFFF && k == 3)
			put_cp3(st->out, &st->o, c);
		else
		{
			memmove(st->out + st->o, s + i, k);
			st->o += k;
		}
		st->last = c;
		return k;
	}
	put_hyphen(st->out, &st->o);
	st->last = '-';
	return used;
}

size_t
pal_jp_address_key(const char *s, size_t len, char *out)
{
	size_t		n = pal_jp_squeeze(s, len, out),
				i = 0;
	addr_state	st = {out, 0, 0};
	int			k;

	/* a leading prefecture name */
	for (k = 1; k <= PAL_JP_PREFECTURES; k++)
	{
		const char *p = pal_jp_prefecture_name(k);

		if (starts(out, n, p) && n > strlen(p))
		{
			i = strlen(p);
			break;
		}
	}
	while (i < n)
		i += address_step(out, i, n, &st);
	while (st.o > 0 && out[st.o - 1] == '-')
		st.o--;
	out[st.o] = '\0';
	return st.o;
}
