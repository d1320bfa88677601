/*
 * test_capset.c
 *	  Unit tests of the capset parser, formatter, checks and care tiers.
 */
#include "unit.h"
#include "types/capset.h"

static pal_status
parse(const char *s, pal_capset *out, pal_error *err)
{
	return pal_capset_parse(s, strlen(s), out, err);
}

static void
test_vocabulary(void **state)
{
	int			i;

	(void) state;
	assert_int_equal(pal_ncapabilities, CAP__COUNT);
	assert_true(pal_ncapabilities <= 64);
	for (i = 0; i < pal_ncapabilities; i++)
	{
		const pal_capability *c = &pal_capabilities[i];

		assert_int_equal(c->bit, i);
		assert_int_equal(pal_capability_lookup(c->name, strlen(c->name)), i);
		assert_non_null(c->label_ja);
		assert_true(strlen(c->label_ja) > 0);
		assert_true(strlen(c->label_en) > 0);
		assert_true(strlen(c->description) > 0);
		assert_true(strcmp(c->category, "service") == 0 ||
					strcmp(c->category, "designation") == 0 ||
					strcmp(c->category, "staff") == 0 ||
					strcmp(c->category, "medication") == 0);
	}
	assert_int_equal(pal_capability_lookup("pcux", 4), -1);
	assert_int_equal(pal_capability_lookup("pc", 2), -1);
	assert_int_equal(pal_capability_lookup("", 0), -1);
	/* fixed bits: these must never change */
	assert_int_equal(pal_capability_lookup("pcu", 3), 0);
	assert_int_equal(pal_capability_lookup("sterile_compounding", 19), 36);
}

static void
test_parse_ok(void **state)
{
	pal_capset	s;
	pal_error	err;
	char		buf[1024];

	(void) state;
	assert_int_equal(parse("{}", &s, &err), PAL_OK);
	assert_true(s == 0);
	assert_int_equal(parse("  { }  ", &s, &err), PAL_OK);
	assert_true(s == 0);
	assert_int_equal(parse("{pcu}", &s, &err), PAL_OK);
	assert_true(s == PAL_CAP(CAP_PCU));
	assert_int_equal(parse(" { home_visit ,pcu, pcu\t}\n", &s, &err), PAL_OK);
	assert_true(s == (PAL_CAP(CAP_PCU) | PAL_CAP(CAP_HOME_VISIT)));
	pal_capset_format(s, buf);
	assert_string_equal(buf, "{pcu,home_visit}");
	assert_int_equal(pal_capset_text_length(s), strlen(buf));
}

static void
expect_syntax(const char *s, const char *fragment)
{
	pal_capset	out = 0;
	pal_error	err;

	assert_int_equal(parse(s, &out, &err), PAL_ERR_SYNTAX);
	assert_int_equal(err.code, PAL_ERR_SYNTAX);
	if (fragment != NULL && strstr(err.message, fragment) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err.message, fragment);
}

static void
test_parse_errors(void **state)
{
	pal_capset	out;
	pal_error	err;

	(void) state;
	expect_syntax("pcu,home_visit", "malformed");
	expect_syntax("{pcu", "malformed");
	expect_syntax("{pcu}x", "malformed");
	expect_syntax("pcu}", "malformed");
	expect_syntax("", "malformed");
	expect_syntax("   ", "malformed");
	expect_syntax("{", "malformed");
	expect_syntax("}", "malformed");
	expect_syntax("{pcu,}", "empty capability name");
	expect_syntax("{,pcu}", "empty capability name");
	expect_syntax("{pcu,,home_visit}", "empty capability name");
	expect_syntax("{pcu home_visit}", "malformed");
	expect_syntax("{{pcu}}", "malformed");
	expect_syntax("{\"pcu\"}", "malformed");
	expect_syntax("{pcux}", "unknown capability \"pcux\"");
	expect_syntax("{PCU}", "unknown capability \"PCU\"");

	/* the hint lists the valid names */
	assert_int_equal(parse("{nope}", &out, &err), PAL_ERR_SYNTAX);
	assert_non_null(strstr(err.hint, "Valid names are: pcu, palliative_team"));
	assert_non_null(strstr(err.hint, "sterile_compounding."));
}

static void
test_long_inputs(void **state)
{
	/* 100,000 names parse in linear time; a very long unknown name is cut */
	size_t		n = 100000;
	size_t		cap = n * 16 + 16;
	char	   *s = malloc(cap);
	size_t		p = 0;
	size_t		i;
	pal_capset	out;
	pal_error	err;

	(void) state;
	s[p++] = '{';
	for (i = 0; i < n; i++)
	{
		const char *name = pal_capabilities[i % (size_t) pal_ncapabilities].name;

		if (i)
			s[p++] = ',';
		memcpy(s + p, name, strlen(name));
		p += strlen(name);
		if (p + 40 > cap)
			break;
	}
	s[p++] = '}';
	assert_int_equal(pal_capset_parse(s, p, &out, &err), PAL_OK);
	assert_true(out == pal_capset_valid_mask());

	memset(s, 'x', cap);
	s[0] = '{';
	s[cap - 1] = '}';
	assert_int_equal(pal_capset_parse(s, cap, &out, &err), PAL_ERR_SYNTAX);
	assert_true(strlen(err.message) < PAL_ERROR_MSGLEN);
	assert_non_null(strstr(err.message, "..."));
	free(s);
}

static void
test_check_and_count(void **state)
{
	pal_error	err;

	(void) state;
	assert_int_equal(pal_capset_check(0, &err), PAL_OK);
	assert_int_equal(pal_capset_check(pal_capset_valid_mask(), &err), PAL_OK);
	assert_int_equal(pal_capset_check(PAL_CAP(63), &err), PAL_ERR_BINARY);
	assert_non_null(strstr(err.message, "bit 63"));
	assert_int_equal(pal_capset_check(PAL_CAP(pal_ncapabilities), &err), PAL_ERR_BINARY);
	assert_int_equal(pal_capset_count(0), 0);
	assert_int_equal(pal_capset_count(pal_capset_valid_mask()), pal_ncapabilities);
	assert_int_equal(pal_capset_count(PAL_CAP(CAP_PCU) | PAL_CAP(CAP_OPIOID_USE)), 2);
}

static void
test_format_roundtrip(void **state)
{
	/* every single capability and a spread of random sets round-trip */
	uint64_t	x = 88172645463325252ULL;
	int			i;
	char		buf[2048];

	(void) state;
	for (i = 0; i < 20000; i++)
	{
		pal_capset	s,
					back;
		pal_error	err;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s = (i < pal_ncapabilities ? PAL_CAP(i) : x) & pal_capset_valid_mask();
		pal_capset_format(s, buf);
		assert_int_equal(strlen(buf), pal_capset_text_length(s));
		assert_int_equal(parse(buf, &back, &err), PAL_OK);
		assert_true(back == s);
	}
}

#define CAPS2(a, b) (PAL_CAP(a) | PAL_CAP(b))

static void
test_care_tier(void **state)
{
	pal_capset	ward_base = PAL_CAP(CAP_OPIOID_USE) | PAL_CAP(CAP_OPIOID_ALL_KINDS) |
		PAL_CAP(CAP_OPIOID_STORAGE);

	(void) state;
	assert_int_equal(pal_capset_care_tier(0), PAL_TIER_NONE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_LTC_WARD)), PAL_TIER_NONE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_PCU)), PAL_TIER_SPECIALIST);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_PALLIATIVE_TEAM)), PAL_TIER_SPECIALIST);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_PALLIATIVE_SPECIALIST)), PAL_TIER_SPECIALIST);
	/* capable wards need all four parts */
	assert_int_equal(pal_capset_care_tier(ward_base | PAL_CAP(CAP_OPIOID_SKILLED_PHYSICIAN)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier(ward_base | PAL_CAP(CAP_PALLIATIVE_PHYSICIAN)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier(ward_base | PAL_CAP(CAP_CERTIFIED_PALLIATIVE_NURSE)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier((ward_base & ~PAL_CAP(CAP_OPIOID_STORAGE)) |
										  PAL_CAP(CAP_OPIOID_STORAGE_SHARED) |
										  PAL_CAP(CAP_OPIOID_SKILLED_PHYSICIAN)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier(ward_base), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier(ward_base | PAL_CAP(CAP_PCU_EXPERIENCED_NURSE)), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier((ward_base & ~PAL_CAP(CAP_OPIOID_ALL_KINDS)) |
										  PAL_CAP(CAP_OPIOID_SKILLED_PHYSICIAN)), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier((ward_base & ~PAL_CAP(CAP_OPIOID_USE)) |
										  PAL_CAP(CAP_OPIOID_SKILLED_PHYSICIAN)), PAL_TIER_NONE);
	/* pharmacies and nursing */
	assert_int_equal(pal_capset_care_tier(CAPS2(CAP_NARCOTICS_RETAIL_LICENSE, CAP_PHARMACY_HOME_VISIT)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_NARCOTICS_RETAIL_LICENSE)), PAL_TIER_NONE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_PHARMACY_HOME_VISIT)), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier(CAPS2(CAP_HOME_NURSING, CAP_HOME_VISIT_24H)), PAL_TIER_CAPABLE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_HOME_VISIT_24H)), PAL_TIER_NONE);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_HOME_NURSING)), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_HOME_VISIT)), PAL_TIER_LIMITED);
	assert_int_equal(pal_capset_care_tier(PAL_CAP(CAP_END_OF_LIFE_CARE)), PAL_TIER_LIMITED);
	/* specialist wins over everything */
	assert_int_equal(pal_capset_care_tier(pal_capset_valid_mask()), PAL_TIER_SPECIALIST);
}

static void
test_quote_prefix(void **state)
{
	char		buf[16];
	/* "緩和" is 6 bytes; cutting at 4 must not split the second character */
	const char *s = "\xe7\xb7\xa9\xe5\x92\x8c";

	(void) state;
	pal_quote_prefix(buf, sizeof(buf), s, strlen(s), 4);
	assert_string_equal(buf, "\xe7\xb7\xa9...");
	pal_quote_prefix(buf, sizeof(buf), "abc", 3, 10);
	assert_string_equal(buf, "abc");
	pal_quote_prefix(buf, sizeof(buf), "abcdefghijklmnopqrstuvwxyz", 26, 100);
	assert_int_equal(strlen(buf), 15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_long_inputs),
		cmocka_unit_test(test_check_and_count),
		cmocka_unit_test(test_format_roundtrip),
		cmocka_unit_test(test_care_tier),
		cmocka_unit_test(test_quote_prefix),
	};

	return cmocka_run_group_tests_name("capset", tests, NULL, NULL);
}
