/*
 * test_decay.c
 *	  Unit tests of decay parsing, formatting and weights.
 */
#include "unit.h"
#include "types/decay.h"

#include <math.h>

static pal_decay *
parse_ok(const char *s)
{
	pal_decay  *d = NULL;
	pal_error	err;

	if (pal_decay_parse(s, strlen(s), &pal_malloc_allocator, &d, &err) != PAL_OK)
		fail_msg("parse of \"%s\" failed: %s (%s)", s, err.message, err.detail);
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(d->nsteps), &err), PAL_OK);
	return d;
}

static void
assert_roundtrip(const char *in, const char *expect)
{
	pal_decay  *d = parse_ok(in),
			   *d2;
	char		buf[256];

	pal_decay_format(d, buf, sizeof(buf));
	assert_string_equal(buf, expect);
	d2 = parse_ok(buf);
	assert_memory_equal(d, d2, PAL_DECAY_SIZE(d->nsteps));
	free(d);
	free(d2);
}

static void
test_parse_forms(void **state)
{
	(void) state;
	assert_roundtrip("binary(30km)", "binary(30km)");
	assert_roundtrip("  linear ( 500 m ) ", "linear(500m)");
	assert_roundtrip("gaussian(30km)", "gaussian(30km)");
	assert_roundtrip("gaussian(2.5e1 km)", "gaussian(25km)");
	assert_roundtrip("exponential(0.1/km, 60km)", "exponential(0.1/km, 60km)");
	assert_roundtrip("exponential(0.002/m,60 km)", "exponential(0.002/m, 60km)");
	assert_roundtrip("power(1.5, 60km)", "power(1.5, 60km)");
	assert_roundtrip("power(1, 61min)", "power(1, 61min)");
	assert_roundtrip("binary(1.5h)", "binary(1.5h)");
	assert_roundtrip("step(10km:1, 20km:0.68, 30km:0.22)",
					 "step(10km:1, 20km:0.68, 30km:0.22)");
	assert_roundtrip("step(500m:1, 2km:0.5)", "step(0.5km:1, 2km:0.5)");
	assert_roundtrip("binary(0.1km)", "binary(0.1km)");
	assert_roundtrip("binary(0.30000000000000004km)", "binary(0.30000000000000004km)");
	assert_roundtrip("logistic(30km, 10km, 60km)", "logistic(30km, 10km, 60km)");
	assert_roundtrip(" logistic ( 30000 m,10 km , 60km)", "logistic(30000m, 10000m, 60km)");
	assert_roundtrip("logistic(0km, 2.5km, 5000m)", "logistic(0km, 2.5km, 5000m)");
	assert_roundtrip("logistic(20min, 5min, 1h)", "logistic(20min, 5min, 1h)");
	assert_roundtrip("logistic(0.5h, 10min, 2h)", "logistic(0.5h, 0.16666666666666666h, 2h)");
}

static void
assert_bad(const char *s)
{
	pal_decay  *d = NULL;
	pal_error	err;

	if (pal_decay_parse(s, strlen(s), &pal_malloc_allocator, &d, &err) != PAL_ERR_SYNTAX)
		fail_msg("\"%s\" was accepted", s);
	assert_null(d);
	assert_non_null(strstr(err.message, "invalid input syntax for type decay"));
}

static void
test_parse_bad(void **state)
{
	(void) state;
	assert_bad("");
	assert_bad("binary");
	assert_bad("binary()");
	assert_bad("binary(30)");
	assert_bad("binary(30 miles)");
	assert_bad("binary(0km)");
	assert_bad("binary(-5km)");
	assert_bad("binary(nan km)");
	assert_bad("binary(infinity km)");
	assert_bad("binary(1e400km)");
	assert_bad("cosine(30km)");
	assert_bad("Binary(30km)");
	assert_bad("binary(30km) x");
	assert_bad("binary(30km");
	assert_bad("exponential(0.1, 60km)");
	assert_bad("exponential(-0.1/km, 60km)");
	assert_bad("exponential(0.1/min, 60km)");
	assert_bad("power(-1, 60km)");
	assert_bad("power(1.5)");
	assert_bad("step()");
	assert_bad("step(10km:1, 10km:0.5)");
	assert_bad("step(20km:1, 10km:0.5)");
	assert_bad("step(10km:1.5)");
	assert_bad("step(10km:-0.1)");
	assert_bad("step(10km:1, 20min:0.5)");
	assert_bad("step(10km 1)");
	assert_bad("logistic(30km, 60km)");
	assert_bad("logistic(30km, 0km, 60km)");
	assert_bad("logistic(30km, -1km, 60km)");
	assert_bad("logistic(-30km, 10km, 60km)");
	assert_bad("logistic(30km, 10min, 60km)");
	assert_bad("logistic(30min, 10min, 60km)");
	assert_bad("logistic(30km, 10km, 60min)");
	assert_bad("logistic(30, 10km, 60km)");
	assert_bad("logistic(30km, 1e-320km, 60km)");
	assert_bad("logistic(30km, 10km, 60km, 1)");
}

/* the weight against the formula g(0) / g(d), g(d) = 1 + exp(pi (d - m) / (s sqrt 3)) */
static double
logistic_formula(double d, double m, double sd)
{
	double		k = 3.14159265358979323846 / (sd * sqrt(3.0));

	return (1.0 + exp(-k * m)) / (1.0 + exp(k * (d - m)));
}

static void
test_logistic(void **state)
{
	pal_decay  *d = parse_ok("logistic(30km, 10km, 60km)");
	double		x;

	(void) state;
	assert_int_equal(d->kind, PAL_DECAY_LOGISTIC);
	assert_true(d->param == 30000.0 && d->param2 == 10000.0 && d->cutoff == 60000.0);
	assert_true(pal_decay_weight(d, 0.0) == 1.0);
	for (x = 0.0; x <= 60000.0; x += 1234.5)
		assert_float_equal(pal_decay_weight(d, x), logistic_formula(x, 30000.0, 10000.0), 1e-15);
	/* at the median the weight is g(0) / 2 */
	assert_float_equal(pal_decay_weight(d, 30000.0), (1.0 + exp(-3.14159265358979323846 * 3.0 / sqrt(3.0))) / 2.0, 1e-15);
	/* decreasing, inclusive cutoff, 0 beyond */
	assert_true(pal_decay_weight(d, 20000.0) > pal_decay_weight(d, 40000.0));
	assert_true(pal_decay_weight(d, 60000.0) > 0.0);
	assert_true(pal_decay_weight(d, 60000.001) == 0.0);
	assert_true(pal_decay_weight(d, INFINITY) == 0.0);
	assert_false(pal_decay_is_time(d));
	free(d);
	/* travel time: minutes */
	d = parse_ok("logistic(20min, 5min, 1h)");
	assert_true(pal_decay_is_time(d));
	assert_float_equal(pal_decay_weight(d, 25.0), logistic_formula(25.0, 20.0, 5.0), 1e-15);
	assert_true(pal_decay_weight(d, 61.0) == 0.0);
	free(d);
	/* median 0: g(0) = 2 */
	d = parse_ok("logistic(0km, 1km, 10km)");
	assert_true(pal_decay_weight(d, 0.0) == 1.0);
	assert_float_equal(pal_decay_weight(d, 1000.0), 2.0 / (1.0 + exp(3.14159265358979323846 / sqrt(3.0))), 1e-15);
	free(d);
	/* a very steep one stays within [0, 1] */
	d = parse_ok("logistic(5km, 1e-300m, 10km)");
	assert_true(pal_decay_weight(d, 0.0) == 1.0);
	assert_true(pal_decay_weight(d, 4999.0) == 1.0);
	assert_true(pal_decay_weight(d, 5001.0) == 0.0);
	free(d);
}

static void
test_weights(void **state)
{
	pal_decay  *d;
	double		e = exp(-0.5);

	(void) state;
	d = parse_ok("binary(30km)");
	assert_true(pal_decay_weight(d, 0) == 1);
	assert_true(pal_decay_weight(d, 30000) == 1);	/* inclusive */
	assert_true(pal_decay_weight(d, 30000.000001) == 0);
	assert_true(pal_decay_weight(d, INFINITY) == 0);
	free(d);

	d = parse_ok("linear(10km)");
	assert_float_equal(pal_decay_weight(d, 2500), 0.75, 1e-15);
	assert_true(pal_decay_weight(d, 10000) == 0);
	free(d);

	d = parse_ok("gaussian(30km)");
	assert_float_equal(pal_decay_weight(d, 0), 1.0, 1e-15);
	assert_float_equal(pal_decay_weight(d, 15000),
					   (exp(-0.125) - e) / (1 - e), 1e-15);
	assert_true(pal_decay_weight(d, 30000) == 0);
	assert_true(pal_decay_weight(d, 29999) > 0);
	free(d);

	d = parse_ok("exponential(0.1/km, 60km)");
	assert_float_equal(pal_decay_weight(d, 10000), exp(-1.0), 1e-15);
	assert_float_equal(pal_decay_weight(d, 60000), exp(-6.0), 1e-15);
	assert_true(pal_decay_weight(d, 60001) == 0);
	free(d);

	d = parse_ok("power(1.5, 60km)");
	assert_float_equal(pal_decay_weight(d, 500), 1.0, 1e-15);
	assert_float_equal(pal_decay_weight(d, 4000), pow(4, -1.5), 1e-15);
	free(d);

	d = parse_ok("power(1, 61min)");
	assert_float_equal(pal_decay_weight(d, 60), 1.0 / 60, 1e-15);
	assert_true(pal_decay_is_time(d));
	assert_true(pal_decay_weight(d, 61) > 0);
	assert_true(pal_decay_weight(d, 62) == 0);
	free(d);

	d = parse_ok("step(10km:1, 20km:0.68, 30km:0.22)");
	assert_true(pal_decay_weight(d, 0) == 1);
	assert_true(pal_decay_weight(d, 10000) == 1);
	assert_true(pal_decay_weight(d, 10000.5) == 0.68);
	assert_true(pal_decay_weight(d, 20000) == 0.68);
	assert_true(pal_decay_weight(d, 30000) == 0.22);
	assert_true(pal_decay_weight(d, 30001) == 0);
	assert_false(pal_decay_is_time(d));
	free(d);

	d = parse_ok("binary(1h)");
	assert_true(d->cutoff == 60);
	free(d);
}

static void
test_check_binary(void **state)
{
	pal_decay  *d = parse_ok("step(10km:1, 20km:0.5)");
	pal_error	err;

	(void) state;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_OK);
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2) - 8, &err), PAL_ERR_BINARY);
	PAL_DECAY_WEIGHTS(d)[1] = 2;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_ERR_BINARY);
	PAL_DECAY_WEIGHTS(d)[1] = 0.5;
	d->kind = 77;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_ERR_BINARY);
	d->kind = PAL_DECAY_STEP;
	d->cutoff = 30000;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_ERR_BINARY);
	d->cutoff = 20000;
	d->param2 = 1.0;			/* only logistic has a standard deviation */
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_ERR_BINARY);
	free(d);
	d = parse_ok("logistic(30km, 10km, 60km)");
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_OK);
	d->param2 = 0.0;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	d->param2 = NAN;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	d->param2 = 10000.0;
	d->rate_unit = PAL_UNIT_MINUTE;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	d->rate_unit = PAL_UNIT_KM;
	d->param = -1.0;			/* a negative median */
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	free(d);
}

/*
 * Inputs the fuzzer found (test/fuzz/fuzz_decay.c): binary values that passed
 * the check but whose text form parsed back to another value, so a dump
 * would not restore them.
 */
static pal_decay *
binary_decay(int kind, int unit, uint64_t param_bits, uint64_t cutoff_bits)
{
	pal_decay  *d = calloc(1, PAL_DECAY_SIZE(0));

	d->kind = (uint8_t) kind;
	d->unit = (uint8_t) unit;
	memcpy(&d->param, &param_bits, 8);
	memcpy(&d->cutoff, &cutoff_bits, 8);
	return d;
}

static void
test_fuzz_regressions(void **state)
{
	pal_error	err;
	pal_decay  *d;
	char		buf[256];
	static const char *const edge[] = {
		"binary(3.1151034019100847e-310km)", "binary(4.9e-324km)", "linear(1e-320h)",
		"binary(1.7976931348623157e308m)", "step(1e-310km:1, 2e-310km:0.5)",
		"exponential(1e-300/km, 1e-305km)", "power(1e308, 0.30000000000000004km)",
	};
	size_t		k;

	(void) state;
	/* a cutoff of 3e-307 m written in km: 3e-310 km parses back to another double */
	d = binary_decay(PAL_DECAY_POWER, PAL_UNIT_KM, UINT64_C(0x3f00000040ed4c00), UINT64_C(0x004c000000000000));
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	free(d);
	/* a rate of -0, printed as 0 */
	d = binary_decay(PAL_DECAY_BINARY, PAL_UNIT_KM, UINT64_C(0x8000000000000000), UINT64_C(0x40dd4c0000000000));
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	d->param = 0.0;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_OK);
	free(d);
	/* a standard deviation of -0 on an exponential, printed without it */
	d = parse_ok("exponential(0.1/km, 60km)");
	d->param2 = -0.0;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(0), &err), PAL_ERR_BINARY);
	free(d);
	/* a step weight of -0 */
	d = parse_ok("step(10km:1, 20km:0)");
	PAL_DECAY_WEIGHTS(d)[1] = -0.0;
	assert_int_equal(pal_decay_check(d, PAL_DECAY_SIZE(2), &err), PAL_ERR_BINARY);
	free(d);
	/* a subnormal cutoff has no finite inverse: weights stay within [0, 1] */
	{
		static const char *const tiny[] = {"linear(1e-310m)", "gaussian(1e-310m)", "linear(4.9e-324m)"};
		size_t		t;

		for (t = 0; t < sizeof(tiny) / sizeof(tiny[0]); t++)
		{
			double		w0,
						wh;

			d = parse_ok(tiny[t]);
			w0 = pal_decay_weight(d, 0.0);
			wh = pal_decay_weight(d, d->cutoff / 2);
			assert_true(w0 == 1.0);
			assert_true(wh >= 0.0 && wh <= 1.0);
			assert_true(pal_decay_weight(d, d->cutoff) == 0.0);
			free(d);
		}
	}
	/* d * (1/c) rounding just above 1 below the cutoff gives 0, never a negative weight */
	d = parse_ok("linear(3km)");
	assert_true(pal_decay_weight(d, nextafter(3000.0, 0.0)) >= 0.0);
	free(d);
	/* text -0 reads as 0 */
	assert_roundtrip("step(10km:1, 20km:-0)", "step(10km:1, 20km:0)");
	assert_roundtrip("power(-0, 10km)", "power(0, 10km)");
	/* extreme quantities that parse also pass the check and come back from their text */
	for (k = 0; k < sizeof(edge) / sizeof(edge[0]); k++)
	{
		pal_decay  *d2;

		d = parse_ok(edge[k]);
		pal_decay_format(d, buf, sizeof(buf));
		d2 = parse_ok(buf);
		assert_memory_equal(d, d2, PAL_DECAY_SIZE(d->nsteps));
		free(d);
		free(d2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_logistic),
		cmocka_unit_test(test_check_binary),
		cmocka_unit_test(test_fuzz_regressions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
