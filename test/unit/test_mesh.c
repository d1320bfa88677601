/*
 * test_mesh.c
 *	  Unit tests of the JIS X 0410 mesh arithmetic: parsing, encoding, known
 *	  cells, cell edges, parents and children.
 */
#include <math.h>

#include "unit.h"
#include "types/meshcode.h"

static pal_meshcode
code(const char *s)
{
	pal_meshcode m = -1;
	pal_error	err;

	assert_int_equal(pal_mesh_parse(s, strlen(s), &m, &err), PAL_OK);
	return m;
}

static void
assert_code(pal_meshcode m, const char *expected)
{
	char		buf[PAL_MESH_MAX_DIGITS + 1];

	pal_mesh_format(m, buf);
	assert_string_equal(buf, expected);
}

static void
assert_at(double lon, double lat, int level, const char *expected)
{
	pal_meshcode m;
	pal_error	err;

	assert_int_equal(pal_mesh_at(lon, lat, level, &m, &err), PAL_OK);
	assert_code(m, expected);
}

static void
test_parse(void **state)
{
	static const char *good[] = {
		"5339", "533946", "53394611", "533946113", "5339461132", "53394611324",
		"0000", "9999", "999977", "99997799", "99997799444", "538946"
	};
	static const char *bad[] = {
		"", "533", "53394", "5339461", "533946113244", "53a9", "5339 ",
		" 5339", "-5339", "533986", "533946115",
		"5339461130", "53394611320", "53394611325", "+533"
	};
	size_t		i;
	pal_meshcode m;
	pal_error	err;

	(void) state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		assert_int_equal(pal_mesh_parse(good[i], strlen(good[i]), &m, &err), PAL_OK);
		assert_code(m, good[i]);
		assert_int_equal(pal_mesh_check(m, &err), PAL_OK);
		assert_int_equal(pal_mesh_level(m), (int) (strlen(good[i]) <= 6 ? strlen(good[i]) / 2 - 1 : strlen(good[i]) - 5));
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		assert_int_equal(pal_mesh_parse(bad[i], strlen(bad[i]), &m, &err), PAL_ERR_SYNTAX);
		assert_non_null(strstr(err.message, "invalid input syntax for type meshcode"));
		assert_true(err.detail[0] != '\0');
	}
	/* the message quotes the input and the detail says why */
	pal_mesh_parse("533986", 6, &m, &err);
	assert_non_null(strstr(err.message, "\"533986\""));
	assert_non_null(strstr(err.detail, "0 to 7"));
	pal_mesh_parse("533946115", 9, &m, &err);
	assert_non_null(strstr(err.detail, "1 to 4"));
	pal_mesh_parse("53a9", 4, &m, &err);
	assert_non_null(strstr(err.detail, "Character 3"));
	/* the input need not be NUL-terminated */
	assert_int_equal(pal_mesh_parse("53394611xyz", 8, &m, &err), PAL_OK);
	assert_code(m, "53394611");
}

static void
test_order(void **state)
{
	/* integer order of the encoding is the text order of the codes */
	static const char *sorted[] = {
		"0000", "000000", "00000011", "5339", "533900", "53390000",
		"533900001", "5339000011", "533946", "53394611", "533946111",
		"533946114", "53394612", "533947", "5340"
	};
	size_t		i;

	(void) state;
	for (i = 1; i < sizeof(sorted) / sizeof(sorted[0]); i++)
		assert_true(code(sorted[i - 1]) < code(sorted[i]));
}

static void
test_check_binary(void **state)
{
	pal_error	err;
	pal_meshcode m = code("53394611");

	(void) state;
	assert_int_equal(pal_mesh_check(m, &err), PAL_OK);
	assert_int_equal(pal_mesh_check(-1, &err), PAL_ERR_BINARY);
	assert_int_equal(pal_mesh_check(m - 3, &err), PAL_ERR_BINARY); /* level 0 */
	assert_int_equal(pal_mesh_check(m + 4, &err), PAL_ERR_BINARY); /* level 7 */
	assert_int_equal(pal_mesh_check(m - 1, &err), PAL_ERR_BINARY);	/* level 2: digits past 6 not zero */
	assert_int_equal(pal_mesh_check(code("533900") + 0, &err), PAL_OK);
	assert_int_equal(pal_mesh_check(code("53390011") - 1, &err), PAL_ERR_BINARY);
	/* level 4 with subdivision digit 0 */
	assert_int_equal(pal_mesh_check(code("53394611") + 1, &err), PAL_ERR_BINARY);
	/* second-level digit 8 */
	assert_int_equal(pal_mesh_check(code("5339") + 8000000LL * 16 + 1, &err), PAL_ERR_BINARY);
	assert_int_equal(pal_mesh_check(INT64_MAX, &err), PAL_ERR_BINARY);
	assert_int_equal(pal_mesh_check(100000000000LL * 16 + 1, &err), PAL_ERR_BINARY);
}

static void
test_int64(void **state)
{
	pal_meshcode m;
	int64_t		v;
	pal_error	err;

	(void) state;
	assert_int_equal(pal_mesh_from_int64(53394611, &m, &err), PAL_OK);
	assert_code(m, "53394611");
	assert_int_equal(pal_mesh_to_int64(m, &v, &err), PAL_OK);
	assert_true(v == 53394611);
	assert_int_equal(pal_mesh_from_int64(53394611324LL, &m, &err), PAL_OK);
	assert_int_equal(pal_mesh_level(m), 6);
	assert_int_equal(pal_mesh_from_int64(-5339, &m, &err), PAL_ERR_RANGE);
	assert_int_equal(pal_mesh_from_int64(53394, &m, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_mesh_from_int64(533946115, &m, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_mesh_from_int64(INT64_MAX, &m, &err), PAL_ERR_SYNTAX);
	assert_int_equal(pal_mesh_to_int64(code("0539"), &v, &err), PAL_ERR_RANGE);
}

static void
test_known_cells(void **state)
{
	double		xmin,
				ymin,
				xmax,
				ymax,
				lon,
				lat;

	(void) state;
	/* Tokyo Station */
	assert_at(139.767125, 35.681236, 1, "5339");
	assert_at(139.767125, 35.681236, 2, "533946");
	assert_at(139.767125, 35.681236, 3, "53394611");
	assert_at(139.767125, 35.681236, 4, "533946113");
	/* Sapporo station (43.0687 N, 141.3508 E) and Naha (26.2124 N, 127.6809 E) */
	assert_at(141.3508, 43.0687, 3, "64414288");
	assert_at(127.6809, 26.2124, 1, "3927");

	pal_mesh_bounds(code("53394611"), &xmin, &ymin, &xmax, &ymax);
	assert_true(xmin == 139.7625);
	assert_true(xmax == 139.775);
	assert_true(ymin == 35.675);
	assert_true(ymax == (double) 34256 / 960);
	pal_mesh_bounds(code("5339"), &xmin, &ymin, &xmax, &ymax);
	assert_true(xmin == 139.0 && xmax == 140.0);
	assert_true(ymin == 53.0 / 1.5 && ymax == 36.0);
	pal_mesh_center(code("5339"), &lon, &lat);
	assert_true(lon == 139.5);
	assert_true(lat == 68480.0 / 1920.0);
	pal_mesh_center(code("53394611"), &lon, &lat);
	assert_true(lon == 139.76875);
}

static void
test_edges(void **state)
{
	pal_meshcode m;
	pal_error	err;

	(void) state;
	/* a point on a corner belongs to the cell north-east of it */
	assert_at(140.0, 36.0, 1, "5440");
	assert_at(140.0, 36.0, 3, "54400000");
	assert_at(140.0, 36.0, 6, "54400000111");
	assert_at(139.9999999, 35.9999999, 1, "5339");
	assert_at(139.9999999, 35.9999999, 6, "53397799444");
	/* on a west edge (lon exact), just south of a north edge */
	assert_at(139.0, 35.9999999, 3, "53397090");
	/* on the edges of the Tokyo Station 1 km cell */
	assert_at(139.7625, 35.675, 3, "53394611");
	assert_at(139.7625, 35.675, 4, "533946111");
	assert_at(139.775, 35.675, 3, "53394612");
	assert_at(139.77499999, 35.675, 4, "533946112");
	assert_at(139.7625, (double) 34256 / 960, 3, "53394621");
	assert_at(139.76249999, 35.675, 3, "53394610");
	assert_at(139.7625, 35.67499999, 3, "53394601");
	/* the midlines of a 1 km cell (500 m edges) */
	assert_at(139.76875, (double) 34252 / 960, 4, "533946114");
	assert_at(139.76874999, 35.67916, 4, "533946111");

	/*
	 * Every corner value a polygon is drawn with lies in the cell whose
	 * south-west corner it is, at every level (floor rule against the same
	 * doubles), and one ulp below it lies in the neighbour.
	 */
	{
		int32_t		i;

		for (i = 1; i < PAL_MESH_SPAN; i += 37)
		{
			double		lat = pal_mesh_row_lat(i),
						lon = pal_mesh_col_lon(i);
			int32_t		iy,
						ix,
						size;

			assert_int_equal(pal_mesh_at(lon, lat, 6, &m, &err), PAL_OK);
			pal_mesh_cell(m, &iy, &ix, &size);
			assert_int_equal(iy, i);
			assert_int_equal(ix, i);
			assert_int_equal(pal_mesh_at(nextafter(lon, 0), nextafter(lat, 0), 6, &m, &err), PAL_OK);
			pal_mesh_cell(m, &iy, &ix, &size);
			assert_int_equal(iy, i - 1);
			assert_int_equal(ix, i - 1);
		}
	}

	/* outside the mesh area and bad levels */
	assert_int_equal(pal_mesh_at(139.0, -0.0001, 3, &m, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "outside the area"));
	assert_int_equal(pal_mesh_at(99.9999, 35.0, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(200.0, 35.0, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(139.0, 200.0 / 3.0, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(-139.0, 35.0, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(NAN, 35.0, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(139.0, INFINITY, 3, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_at(139.0, 35.0, 0, &m, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "mesh level 0"));
	assert_int_equal(pal_mesh_at(139.0, 35.0, 7, &m, &err), PAL_ERR_VALUE);
	/* the extreme corners inside */
	assert_at(100.0, 0.0, 1, "0000");
	assert_at(nextafter(200.0, 0), nextafter(200.0 / 3.0, 0), 6, "99997799444");
}

static void
test_parent_children(void **state)
{
	pal_meshcode m,
				kids[PAL_MESH_MAX_CHILDREN];
	pal_error	err;
	int			n,
				i,
				level;

	(void) state;
	assert_int_equal(pal_mesh_parent(code("53394611324"), 3, &m, &err), PAL_OK);
	assert_code(m, "53394611");
	assert_int_equal(pal_mesh_parent(code("53394611324"), 1, &m, &err), PAL_OK);
	assert_code(m, "5339");
	assert_int_equal(pal_mesh_parent(code("53394611324"), 6, &m, &err), PAL_OK);
	assert_code(m, "53394611324");
	assert_int_equal(pal_mesh_parent(code("53394611"), 4, &m, &err), PAL_ERR_VALUE);
	assert_int_equal(pal_mesh_parent(code("53394611"), 0, &m, &err), PAL_ERR_VALUE);

	assert_int_equal(pal_mesh_children(code("5339"), kids), 64);
	assert_code(kids[0], "533900");
	assert_code(kids[63], "533977");
	assert_int_equal(pal_mesh_children(code("533946"), kids), 100);
	assert_code(kids[0], "53394600");
	assert_code(kids[11], "53394611");
	assert_code(kids[99], "53394699");
	assert_int_equal(pal_mesh_children(code("53394611"), kids), 4);
	assert_code(kids[0], "533946111");
	assert_code(kids[3], "533946114");
	assert_int_equal(pal_mesh_children(code("53394611324"), kids), 0);

	/* children tile the parent: areas sum, each child's parent is the cell */
	for (level = 1; level < PAL_MESH_MAX_LEVEL; level++)
	{
		pal_meshcode c;
		int32_t		iy,
					ix,
					size;
		int64_t		area = 0;

		assert_int_equal(pal_mesh_at(139.767125, 35.681236, level, &c, &err), PAL_OK);
		pal_mesh_cell(c, &iy, &ix, &size);
		n = pal_mesh_children(c, kids);
		for (i = 0; i < n; i++)
		{
			int32_t		ky,
						kx,
						ks;

			assert_int_equal(pal_mesh_level(kids[i]), level + 1);
			assert_int_equal(pal_mesh_parent(kids[i], level, &m, &err), PAL_OK);
			assert_true(m == c);
			pal_mesh_cell(kids[i], &ky, &kx, &ks);
			assert_true(ky >= iy && ky + ks <= iy + size);
			assert_true(kx >= ix && kx + ks <= ix + size);
			area += (int64_t) ks * ks;
			if (i > 0)
				assert_true(kids[i - 1] < kids[i]);
		}
		assert_true(area == (int64_t) size * size);
	}
}

static void
test_center_roundtrip(void **state)
{
	/* mesh_at(center(c), level(c)) == c over a spread of cells */
	uint64_t	x = 88172645463325252ULL;
	int			i;

	(void) state;
	for (i = 0; i < 50000; i++)
	{
		int32_t		iy,
					ix;
		int			level;
		pal_meshcode c,
					back;
		double		lon,
					lat;
		pal_error	err;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		iy = (int32_t) (x % PAL_MESH_SPAN);
		ix = (int32_t) ((x >> 20) % PAL_MESH_SPAN);
		level = 1 + (int) ((x >> 40) % 6);
		c = pal_mesh_from_cell(iy, ix, level);
		assert_int_equal(pal_mesh_check(c, &err), PAL_OK);
		pal_mesh_center(c, &lon, &lat);
		assert_int_equal(pal_mesh_at(lon, lat, level, &back, &err), PAL_OK);
		assert_true(back == c);
	}
}

static void
test_ewkb(void **state)
{
	uint8_t		buf[PAL_MESH_POLYGON_EWKB_SIZE];
	static const uint8_t point_hex[PAL_MESH_POINT_EWKB_SIZE] = {
		/* SELECT ST_AsEWKB(ST_SetSRID(ST_MakePoint(139.5, 36), 4326), 'NDR') */
		0x01, 0x01, 0x00, 0x00, 0x20, 0xe6, 0x10, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x70, 0x61, 0x40,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x42, 0x40
	};
	double		x;

	(void) state;
	pal_mesh_point_ewkb(139.5, 36.0, 4326, buf);
	assert_memory_equal(buf, point_hex, sizeof(point_hex));
	pal_mesh_polygon_ewkb(code("5339"), 4326, buf);
	assert_int_equal(buf[0], 1);
	assert_int_equal(buf[1], 3);
	assert_int_equal(buf[4], 0x20);
	assert_int_equal(buf[13], 5);
	/* first x is the west edge, 139 */
	{
		uint64_t	v = 0;
		int			i;

		for (i = 7; i >= 0; i--)
			v = (v << 8) | buf[17 + i];
		memcpy(&x, &v, sizeof(x));
		assert_true(x == 139.0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_check_binary),
		cmocka_unit_test(test_int64),
		cmocka_unit_test(test_known_cells),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_parent_children),
		cmocka_unit_test(test_center_roundtrip),
		cmocka_unit_test(test_ewkb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
