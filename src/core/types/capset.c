/*
 * capset.c
 *	  Parsing, formatting and lookup of capability sets.
 */
#include "types/capset.h"

#include <stdio.h>
#include <string.h>

/* longest name quoted in an error message */
#define QUOTE_MAX 64

pal_capset
pal_capset_valid_mask(void)
{
	if (pal_ncapabilities >= 64)
		return ~(pal_capset) 0;
	return (((pal_capset) 1) << pal_ncapabilities) - 1;
}

const pal_capability *
pal_capability_by_bit(int bit)
{
	if (bit < 0 || bit >= pal_ncapabilities)
		return NULL;
	return &pal_capabilities[bit];
}

/*
 * Names are few (under 64), so a linear scan filtered on length and first
 * byte is as fast as a hash and has no set-up.
 */
int
pal_capability_lookup(const char *name, size_t len)
{
	int			i;

	if (len == 0)
		return -1;
	for (i = 0; i < pal_ncapabilities; i++)
	{
		const char *n = pal_capabilities[i].name;

		if (n[0] == name[0] && strlen(n) == len && memcmp(n, name, len) == 0)
			return i;
	}
	return -1;
}

void
pal_capset_names_hint(pal_error *err)
{
	size_t		used;
	int			i;

	if (err == NULL)
		return;
	used = (size_t) snprintf(err->hint, sizeof(err->hint), "Valid names are: ");
	for (i = 0; i < pal_ncapabilities && used < sizeof(err->hint); i++)
		used += (size_t) snprintf(err->hint + used, sizeof(err->hint) - used,
								  "%s%s", pal_capabilities[i].name,
								  i + 1 < pal_ncapabilities ? ", " : ".");
}

pal_status
pal_capset_check(pal_capset set, pal_error *err)
{
	pal_capset	bad = set & ~pal_capset_valid_mask();

	if (bad != 0)
	{
		int			bit = 0;

		while (!(bad & PAL_CAP(bit)))
			bit++;
		pal_error_set(err, PAL_ERR_BINARY,
					  "invalid capset: bit %d names no capability", bit);
		pal_error_detail(err, "Known capabilities use bits 0 to %d.",
						 pal_ncapabilities - 1);
		return PAL_ERR_BINARY;
	}
	return PAL_OK;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

pal_status
pal_capset_add_name(pal_capset *set, const char *name, size_t len,
					pal_error *err)
{
	char		quoted[QUOTE_MAX + 8];
	int			bit;

	if (len == 0)
	{
		pal_error_set(err, PAL_ERR_SYNTAX, "empty capability name in capset");
		pal_error_hint(err, "Remove the extra comma, or write {} for the empty set.");
		return PAL_ERR_SYNTAX;
	}
	bit = pal_capability_lookup(name, len);
	if (bit < 0)
	{
		pal_quote_prefix(quoted, sizeof(quoted), name, len, QUOTE_MAX);
		pal_error_set(err, PAL_ERR_SYNTAX, "unknown capability \"%s\"", quoted);
		pal_capset_names_hint(err);
		return PAL_ERR_SYNTAX;
	}
	*set |= PAL_CAP(bit);
	return PAL_OK;
}

pal_status
pal_capset_parse(const char *str, size_t len, pal_capset *out, pal_error *err)
{
	char		quoted[QUOTE_MAX + 8];
	pal_capset	set = 0;
	size_t		i = 0;
	size_t		end = len;

	pal_quote_prefix(quoted, sizeof(quoted), str, len, QUOTE_MAX);

	while (i < end && is_space(str[i]))
		i++;
	while (end > i && is_space(str[end - 1]))
		end--;
	if (i >= end || str[i] != '{')
	{
		pal_error_set(err, PAL_ERR_SYNTAX, "malformed capset literal: \"%s\"", quoted);
		pal_error_detail(err, "A capset must start with \"{\".");
		pal_error_hint(err, "Write capabilities in braces, e.g. '{pcu,home_visit}'.");
		return PAL_ERR_SYNTAX;
	}
	if (str[end - 1] != '}' || end - i < 2)
	{
		pal_error_set(err, PAL_ERR_SYNTAX, "malformed capset literal: \"%s\"", quoted);
		pal_error_detail(err, "A capset must end with \"}\" and nothing may follow it.");
		pal_error_hint(err, "Write capabilities in braces, e.g. '{pcu,home_visit}'.");
		return PAL_ERR_SYNTAX;
	}
	i++;						/* past '{' */
	end--;						/* at '}' */

	/* "{}" or "{ }": the empty set */
	{
		size_t		j = i;

		while (j < end && is_space(str[j]))
			j++;
		if (j == end)
		{
			*out = 0;
			return PAL_OK;
		}
	}

	for (;;)
	{
		size_t		start,
					stop;
		pal_status	st;

		while (i < end && is_space(str[i]))
			i++;
		start = i;
		while (i < end && str[i] != ',' && !is_space(str[i]))
		{
			if (str[i] == '{' || str[i] == '}' || str[i] == '"')
			{
				pal_error_set(err, PAL_ERR_SYNTAX, "malformed capset literal: \"%s\"", quoted);
				pal_error_detail(err, "Unexpected character \"%c\" at position %zu.",
								 str[i], i + 1);
				return PAL_ERR_SYNTAX;
			}
			i++;
		}
		stop = i;
		while (i < end && is_space(str[i]))
			i++;
		if (i < end && str[i] != ',')
		{
			pal_error_set(err, PAL_ERR_SYNTAX, "malformed capset literal: \"%s\"", quoted);
			pal_error_detail(err, "Capability names must be separated by commas (position %zu).",
							 i + 1);
			return PAL_ERR_SYNTAX;
		}
		st = pal_capset_add_name(&set, str + start, stop - start, err);
		if (st != PAL_OK)
			return st;
		if (i >= end)
			break;
		i++;					/* past ',' */
	}
	*out = set;
	return PAL_OK;
}

int
pal_capset_count(pal_capset set)
{
	int			n = 0;

	while (set)
	{
		set &= set - 1;
		n++;
	}
	return n;
}

size_t
pal_capset_text_length(pal_capset set)
{
	size_t		n = 2;			/* braces */
	int			k = 0;
	int			bit;

	for (bit = 0; bit < pal_ncapabilities; bit++)
	{
		if (set & PAL_CAP(bit))
		{
			n += strlen(pal_capabilities[bit].name);
			k++;
		}
	}
	if (k > 1)
		n += (size_t) (k - 1);	/* commas */
	return n;
}

void
pal_capset_format(pal_capset set, char *buf)
{
	char	   *p = buf;
	int			first = 1;
	int			bit;

	*p++ = '{';
	for (bit = 0; bit < pal_ncapabilities; bit++)
	{
		if (set & PAL_CAP(bit))
		{
			size_t		n = strlen(pal_capabilities[bit].name);

			if (!first)
				*p++ = ',';
			memcpy(p, pal_capabilities[bit].name, n);
			p += n;
			first = 0;
		}
	}
	*p++ = '}';
	*p = '\0';
}

const char *const pal_care_tier_names[] = {"none", "limited", "capable", "specialist"};

pal_care_tier
pal_capset_care_tier(pal_capset set)
{
	const pal_capset specialist = PAL_CAP(CAP_PCU) | PAL_CAP(CAP_PALLIATIVE_TEAM) |
		PAL_CAP(CAP_PALLIATIVE_SPECIALIST);
	const pal_capset opioid_full = PAL_CAP(CAP_OPIOID_USE) | PAL_CAP(CAP_OPIOID_ALL_KINDS);
	const pal_capset storage = PAL_CAP(CAP_OPIOID_STORAGE) | PAL_CAP(CAP_OPIOID_STORAGE_SHARED);
	const pal_capset skilled = PAL_CAP(CAP_OPIOID_SKILLED_PHYSICIAN) |
		PAL_CAP(CAP_PALLIATIVE_PHYSICIAN) | PAL_CAP(CAP_CERTIFIED_PALLIATIVE_NURSE);
	const pal_capset pharmacy = PAL_CAP(CAP_NARCOTICS_RETAIL_LICENSE) |
		PAL_CAP(CAP_PHARMACY_HOME_VISIT);
	const pal_capset nursing = PAL_CAP(CAP_HOME_NURSING) | PAL_CAP(CAP_HOME_VISIT_24H);
	const pal_capset limited = PAL_CAP(CAP_OPIOID_USE) | PAL_CAP(CAP_HOME_VISIT) |
		PAL_CAP(CAP_HOME_NURSING) | PAL_CAP(CAP_PHARMACY_HOME_VISIT) |
		PAL_CAP(CAP_END_OF_LIFE_CARE);

	if (set & specialist)
		return PAL_TIER_SPECIALIST;
	if (((set & opioid_full) == opioid_full && (set & storage) && (set & skilled)) ||
		(set & pharmacy) == pharmacy ||
		(set & nursing) == nursing)
		return PAL_TIER_CAPABLE;
	if (set & limited)
		return PAL_TIER_LIMITED;
	return PAL_TIER_NONE;
}
