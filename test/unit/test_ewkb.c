/*
 * test_ewkb.c
 *	  Unit tests of the EWKB point reader and writer.
 */
#include "unit.h"
#include "types/ewkb.h"

#include <math.h>

/* a little-endian EWKB point with SRID: the layout ST_AsEWKB writes */
static size_t
make_point(uint8_t *buf, uint32_t type, int srid, double x, double y)
{
	uint8_t    *p = buf;

	*p++ = 1;
	p = pal_ewkb_put_u32(p, type | (srid ? PAL_EWKB_SRID_FLAG : 0));
	if (srid)
		p = pal_ewkb_put_u32(p, (uint32_t) srid);
	p = pal_ewkb_put_f64(p, x);
	p = pal_ewkb_put_f64(p, y);
	return (size_t) (p - buf);
}

static void
test_point(void **state)
{
	uint8_t		buf[64];
	size_t		n = make_point(buf, PAL_WKB_POINT, 4326, 139.767125, 35.681236);
	pal_ewkb_point pt;

	(void) state;
	assert_int_equal(n, 25);
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), 0);
	assert_int_equal(pt.type, PAL_WKB_POINT);
	assert_int_equal(pt.srid, 4326);
	assert_false(pt.has_z);
	assert_false(pt.has_m);
	assert_false(pt.empty);
	assert_true(pt.x == 139.767125 && pt.y == 35.681236);

	/* no SRID */
	n = make_point(buf, PAL_WKB_POINT, 0, 1.5, -2.5);
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), 0);
	assert_int_equal(pt.srid, 0);
	assert_true(pt.x == 1.5 && pt.y == -2.5);
}

static void
test_big_endian(void **state)
{
	/* POINT(1 2) SRID 4326 in XDR */
	const uint8_t buf[] = {0, 0x20, 0, 0, 1, 0, 0, 0x10, 0xe6,
		0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0};
	pal_ewkb_point pt;

	(void) state;
	assert_int_equal(pal_ewkb_read_point(buf, sizeof(buf), &pt), 0);
	assert_int_equal(pt.srid, 4326);
	assert_true(pt.x == 1.0 && pt.y == 2.0);
}

static void
test_z_m_empty_types(void **state)
{
	uint8_t		buf[64];
	size_t		n;
	pal_ewkb_point pt;

	(void) state;
	/* POINT Z: x, y, z */
	n = make_point(buf, PAL_WKB_POINT | PAL_EWKB_Z_FLAG, 4326, 3, 4);
	buf[n] = 0;
	n = (size_t) (pal_ewkb_put_f64(buf + n, 7.0) - buf);
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), 0);
	assert_true(pt.has_z && !pt.has_m && pt.x == 3 && pt.y == 4);
	/* the z is required */
	assert_int_equal(pal_ewkb_read_point(buf, n - 8, &pt), -1);

	/* ISO WKB POINT M (2001) */
	n = make_point(buf, 2001, 0, 3, 4);
	n = (size_t) (pal_ewkb_put_f64(buf + n, 1.0) - buf);
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), 0);
	assert_true(pt.type == PAL_WKB_POINT && pt.has_m && !pt.has_z);

	/* an empty point is NaN, NaN */
	n = make_point(buf, PAL_WKB_POINT, 4326, NAN, NAN);
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), 0);
	assert_true(pt.empty);

	/* other types: header only */
	n = make_point(buf, 3, 4326, 0, 0);
	assert_int_equal(pal_ewkb_read_point(buf, 9, &pt), 0);
	assert_int_equal(pt.type, 3);
	assert_string_equal(pal_wkb_type_name(pt.type), "POLYGON");
	assert_string_equal(pal_wkb_type_name(PAL_WKB_MULTIPOLYGON), "MULTIPOLYGON");
	assert_null(pal_wkb_type_name(99));
	assert_null(pal_wkb_type_name(0));
}

static void
test_malformed(void **state)
{
	uint8_t		buf[64];
	size_t		n = make_point(buf, PAL_WKB_POINT, 4326, 1, 2);
	size_t		k;
	pal_ewkb_point pt;

	(void) state;
	for (k = 0; k < n; k++)
		assert_int_equal(pal_ewkb_read_point(buf, k, &pt), -1);
	assert_int_equal(pal_ewkb_read_point(NULL, 0, &pt), -1);
	buf[0] = 2;					/* no such byte order */
	assert_int_equal(pal_ewkb_read_point(buf, n, &pt), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_point),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_z_m_empty_types),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests_name("ewkb", tests, NULL, NULL);
}
