/*
 * test_base64.c
 *	  Unit tests of the base64 text form: RFC 4648 vectors, round trips of
 *	  every length, and refusal of anything that is not canonical.
 */
#include "unit.h"
#include "types/base64.h"

static void
test_vectors(void **state)
{
	const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	const char *text[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	char		out[16];
	uint8_t		back[16];
	int			k;

	(void) state;
	for (k = 0; k < 7; k++)
	{
		size_t		n = strlen(plain[k]);

		assert_int_equal(pal_base64_encoded_len(n), strlen(text[k]));
		pal_base64_encode((const uint8_t *) plain[k], n, out);
		assert_memory_equal(out, text[k], strlen(text[k]));
		assert_int_equal(pal_base64_decode(text[k], strlen(text[k]), back), (long) n);
		assert_memory_equal(back, plain[k], n);
	}
}

static void
test_round_trips(void **state)
{
	uint8_t		in[300],
				back[300];
	char		text[404];
	size_t		n,
				i;

	(void) state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t) (i * 151 + 7);
	for (n = 0; n <= sizeof(in); n++)
	{
		size_t		len = pal_base64_encoded_len(n);

		assert_true(pal_base64_decoded_max(len) >= n);
		pal_base64_encode(in, n, text);
		assert_int_equal(pal_base64_decode(text, len, back), (long) n);
		assert_memory_equal(back, in, n);
	}
}

static void
test_refused(void **state)
{
	const char *bad[] = {
		"Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zm=v", "=m9v", "Zm9v=A==", "Zm 9", "Zm9\n",
		"Zg==Zg==", "Zm-v", "Zm_v"
	};
	uint8_t		out[16];
	size_t		k;

	(void) state;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (pal_base64_decode(bad[k], strlen(bad[k]), out) != -1)
			fail_msg("accepted \"%s\"", bad[k]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
