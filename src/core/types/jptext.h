/*
 * jptext.h
 *	  Japanese administrative text: the fields of the regional health
 *	  bureaus' filing lists (届出受理医療機関名簿) and similar official tables.
 *
 * Every parser here reads UTF-8 and folds widths as it goes: full-width
 * ASCII (U+FF01..U+FF5E, e.g. "０１", "（") reads as ASCII and the
 * ideographic space U+3000 as a space, so "令和７年１０月１日" and
 * "令和7年10月1日" are the same date.  White space (ASCII, U+3000) between
 * the parts of a value is ignored.  Bytes that are not valid UTF-8 read as
 * U+FFFD and never match anything.  Inputs are s[0..len) and need not be
 * NUL-terminated.
 *
 * Errors: PAL_ERR_DATETIME for a date that does not parse or does not
 * exist, PAL_ERR_SYNTAX otherwise; the message quotes the value.
 */
#ifndef PAL_JPTEXT_H
#define PAL_JPTEXT_H

#include "pal_core.h"

/* a civil (proleptic Gregorian) date */
typedef struct pal_date
{
	int			year;
	int			month;
	int			day;
} pal_date;

#define PAL_JP_PREFECTURES 47

/*
 * Decodes one code point of s[0..len) (len > 0) into *cp, folded as above,
 * and returns the bytes it took (1 for an invalid byte, read as U+FFFD).
 */
extern size_t pal_jp_decode(const char *s, size_t len, uint32_t *cp);

/* 1 for white space after folding: ASCII space, tab, CR, LF, U+3000 */
extern int	pal_jp_is_space(uint32_t cp);

/* 1 when y-m-d exists in the Gregorian calendar (years 1..9999) */
extern int	pal_date_valid(int year, int month, int day);

/*
 * A date as Japanese tables write it:
 *	  令和6年6月1日, 令和 6年 6月 1日, 令和元年5月1日, 平成31年4月30日,
 *	  昭和58年8月1日 (also 大正, 明治), R6.6.1, H31/4/1 (era initials R H S
 *	  T M with . / or - between the parts), 2024年6月1日, 2024-06-01,
 *	  2024/6/1, 2024.6.1.
 * An era year must lie within the era (令和 from 2019-05-01, 平成 1989-01-08
 * to 2019-04-30, 昭和 1926-12-25 to 1989-01-07, 大正 1912-07-30 to
 * 1926-12-25, 明治 1868-01-25 to 1912-07-30) and the day must exist.
 */
extern pal_status pal_jp_date_parse(const char *s, size_t len, pal_date *out,
									pal_error *err);

/*
 * The "as of" date of a list header such as
 * "[令和７年１０月１日 現在 ]令和７年１０月１日作成": the date written just
 * before 現在.  PAL_ERR_SYNTAX when there is no 現在, PAL_ERR_DATETIME when
 * the text before it holds no date.
 */
extern pal_status pal_jp_as_of_parse(const char *s, size_t len, pal_date *out,
									 pal_error *err);

/*
 * A prefecture code with or without its leading zero ("01", "1", "０１") or
 * a prefecture name ("北海道"): *code in 1..47.  A code outside 01..47 is
 * PAL_ERR_SYNTAX ("does not exist").
 */
extern pal_status pal_jp_prefecture_parse(const char *s, size_t len, int *code,
										  pal_error *err);

/* the name of prefecture code (1..47), e.g. "北海道", or NULL */
extern const char *pal_jp_prefecture_name(int code);

/*
 * A count with an optional unit: "20床", "２０ 床", "1病棟", "50%", "1,234"
 * -> the whole number; PAL_ERR_SYNTAX when it does not start with digits or
 * digits follow the unit.
 */
extern pal_status pal_jp_count_parse(const char *s, size_t len, int64_t *out,
									 pal_error *err);

/* an acceptance number "第９号" (or "9", "第9") -> 9; PAL_ERR_SYNTAX otherwise */
extern pal_status pal_jp_acceptance_parse(const char *s, size_t len,
										  int64_t *out, pal_error *err);

/*
 * A 7-digit institution number (医療機関番号).  Up to 7 digits are accepted
 * and padded with leading zeros (a spreadsheet cell stored as a number
 * loses them); out gets 7 digits and a NUL.
 */
extern pal_status pal_jp_institution_parse(const char *s, size_t len,
										   char out[8], pal_error *err);

/* a postal code "064-0809", "0640809" or "〒064-0809" -> "064-0809" */
extern pal_status pal_jp_postal_parse(const char *s, size_t len, char out[9],
									  pal_error *err);

/* the sum of the numbers in a bed count text ("一般　180／療養　40"), or -1 */
extern int64_t pal_jp_beds_total(const char *s, size_t len);

/*
 * Width-folded copy of s with runs of white space collapsed to one ASCII
 * space and no space at either end.  out must hold len + 1 bytes; returns
 * the length written (a NUL follows).
 */
extern size_t pal_jp_squeeze(const char *s, size_t len, char *out);

/*
 * Keys for matching institutions between lists (after NFKC, which the
 * caller applies).  The name key is the width-folded name without white
 * space; with strip_entity, a leading legal-entity designation is dropped
 * first (医療法人社団X会, 社会医療法人, 一般財団法人, JA北海道厚生連, (医)
 * ...) when a name remains.  The address key drops a leading prefecture
 * name, white space and 大字, turns kanji numerals before 丁目/番/号 into
 * digits, and writes 丁目, 番地, 番, 号, の between digits and every hyphen
 * form as "-" (runs collapsed, none at the end): "北3条西6丁目1番50号" ->
 * "北3条西6-1-50".  out must hold len + 1 bytes; returns the length.
 */
extern size_t pal_jp_name_key(const char *s, size_t len, int strip_entity,
							  char *out);
extern size_t pal_jp_address_key(const char *s, size_t len, char *out);

#endif							/* PAL_JPTEXT_H */
