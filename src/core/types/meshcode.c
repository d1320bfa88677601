/*
 * mesh.c
 *	  JIS X 0410 regional mesh arithmetic (see mesh.h).
 */
#include "types/meshcode.h"
#include "types/ewkb.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* longest input quoted in an error message */
#define QUOTE_MAX 40

static const int level_digits[PAL_MESH_MAX_LEVEL + 1] = {0, 4, 6, 8, 9, 10, 11};
static const int level_size[PAL_MESH_MAX_LEVEL + 1] = {0, 640, 80, 8, 4, 2, 1};

static const int64_t pow10_table[PAL_MESH_MAX_DIGITS + 1] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL
};

int
pal_mesh_digits_of_level(int level)
{
	if (level < PAL_MESH_MIN_LEVEL || level > PAL_MESH_MAX_LEVEL)
		return 0;
	return level_digits[level];
}

int
pal_mesh_cell_size(int level)
{
	if (level < PAL_MESH_MIN_LEVEL || level > PAL_MESH_MAX_LEVEL)
		return 0;
	return level_size[level];
}

static int
level_of_digits(size_t n)
{
	int			level;

	for (level = PAL_MESH_MIN_LEVEL; level <= PAL_MESH_MAX_LEVEL; level++)
		if ((size_t) level_digits[level] == n)
			return level;
	return 0;
}

/*
 * The one validity rule for the digits of a code, used by text input,
 * integer casts and binary receive.  Returns NULL when d[0..n) is a valid
 * code, otherwise a sentence saying why not (written into why).
 */
static const char *
digits_problem(const char *d, size_t n, char *why, size_t whylen)
{
	size_t		i;

	if (level_of_digits(n) == 0)
	{
		snprintf(why, whylen,
				 "A mesh code has 4, 6, 8, 9, 10 or 11 digits, not %zu.", n);
		return why;
	}
	for (i = 0; i < n; i++)
	{
		if (d[i] < '0' || d[i] > '9')
		{
			snprintf(why, whylen,
					 "Character %zu is not a digit.", i + 1);
			return why;
		}
	}
	for (i = 4; i < 6 && i < n; i++)
	{
		if (d[i] > '7')
		{
			snprintf(why, whylen,
					 "Digit %zu is %c, but second-level digits (5th and 6th) run from 0 to 7.",
					 i + 1, d[i]);
			return why;
		}
	}
	for (i = 8; i < n; i++)
	{
		if (d[i] < '1' || d[i] > '4')
		{
			snprintf(why, whylen,
					 "Digit %zu is %c, but subdivision digits (9th to 11th) run from 1 to 4.",
					 i + 1, d[i]);
			return why;
		}
	}
	return NULL;
}

static pal_meshcode
encode_digits(const char *d, size_t n)
{
	int64_t		padded = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		padded += (int64_t) (d[i] - '0') * pow10_table[PAL_MESH_MAX_DIGITS - 1 - i];
	return padded * 16 + level_of_digits(n);
}

/* all 11 digits of the padded value, NUL-terminated */
static void
padded_digits(pal_meshcode code, char *buf)
{
	int64_t		padded = code / 16;
	int			i;

	for (i = PAL_MESH_MAX_DIGITS - 1; i >= 0; i--)
	{
		buf[i] = (char) ('0' + padded % 10);
		padded /= 10;
	}
	buf[PAL_MESH_MAX_DIGITS] = '\0';
}

pal_status
pal_mesh_parse(const char *str, size_t len, pal_meshcode *out, pal_error *err)
{
	char		why[160];

	if (digits_problem(str, len, why, sizeof(why)) != NULL)
	{
		char		quoted[QUOTE_MAX + 8];

		pal_quote_prefix(quoted, sizeof(quoted), str, len, QUOTE_MAX);
		pal_error_set(err, PAL_ERR_SYNTAX,
					  "invalid input syntax for type meshcode: \"%s\"", quoted);
		pal_error_detail(err, "%s", why);
		pal_error_hint(err, "A JIS X 0410 mesh code is written as digits only, e.g. 5339 (80 km), 533946 (10 km), 53394611 (1 km) or 533946113 (500 m).");
		return PAL_ERR_SYNTAX;
	}
	*out = encode_digits(str, len);
	return PAL_OK;
}

pal_status
pal_mesh_check(pal_meshcode code, pal_error *err)
{
	char		buf[PAL_MESH_MAX_DIGITS + 1];
	char		why[160];
	const char *problem = NULL;
	int			level = (int) (code & 15);
	int64_t		padded = code / 16;

	if (code < 0 || padded >= pow10_table[PAL_MESH_MAX_DIGITS])
		problem = "The value is outside the range of encoded mesh codes.";
	else if (level < PAL_MESH_MIN_LEVEL || level > PAL_MESH_MAX_LEVEL)
		problem = "The level (low four bits) is not between 1 and 6.";
	else if (padded % pow10_table[PAL_MESH_MAX_DIGITS - level_digits[level]] != 0)
		problem = "Digits beyond the code's level are not zero.";
	else
	{
		padded_digits(code, buf);
		problem = digits_problem(buf, (size_t) level_digits[level],
								 why, sizeof(why));
	}
	if (problem != NULL)
	{
		pal_error_set(err, PAL_ERR_BINARY,
					  "invalid binary value for type meshcode: %lld",
					  (long long) code);
		pal_error_detail(err, "%s", problem);
		return PAL_ERR_BINARY;
	}
	return PAL_OK;
}

int
pal_mesh_level(pal_meshcode code)
{
	return (int) (code & 15);
}

void
pal_mesh_format(pal_meshcode code, char *buf)
{
	padded_digits(code, buf);
	buf[level_digits[pal_mesh_level(code)]] = '\0';
}

pal_status
pal_mesh_to_int64(pal_meshcode code, int64_t *out, pal_error *err)
{
	char		buf[PAL_MESH_MAX_DIGITS + 1];
	int64_t		v = 0;
	int			i;

	pal_mesh_format(code, buf);
	if (buf[0] == '0')
	{
		pal_error_set(err, PAL_ERR_RANGE,
					  "mesh code \"%s\" cannot be written as an integer", buf);
		pal_error_detail(err, "The code starts with a zero, which an integer would drop, changing its level.");
		pal_error_hint(err, "Cast it to text instead.");
		return PAL_ERR_RANGE;
	}
	for (i = 0; buf[i] != '\0'; i++)
		v = v * 10 + (buf[i] - '0');
	*out = v;
	return PAL_OK;
}

pal_status
pal_mesh_from_int64(int64_t value, pal_meshcode *out, pal_error *err)
{
	char		buf[32];

	if (value < 0)
	{
		pal_error_set(err, PAL_ERR_RANGE,
					  "mesh code %lld is negative", (long long) value);
		pal_error_detail(err, "A mesh code written as an integer has 4, 6, 8, 9, 10 or 11 digits.");
		return PAL_ERR_RANGE;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long) value);
	return pal_mesh_parse(buf, strlen(buf), out, err);
}

void
pal_mesh_cell(pal_meshcode code, int32_t *iy, int32_t *ix, int32_t *size)
{
	char		d[PAL_MESH_MAX_DIGITS + 1];
	int			level = pal_mesh_level(code);
	int32_t		y,
				x;
	int			i;

	padded_digits(code, d);
	y = ((d[0] - '0') * 10 + (d[1] - '0')) * 640;
	x = ((d[2] - '0') * 10 + (d[3] - '0')) * 640;
	if (level >= 2)
	{
		y += (d[4] - '0') * 80;
		x += (d[5] - '0') * 80;
	}
	if (level >= 3)
	{
		y += (d[6] - '0') * 8;
		x += (d[7] - '0') * 8;
	}
	for (i = 4; i <= level; i++)
	{
		int			s = d[i + 4] - '0';
		int32_t		half = level_size[i];

		if (s >= 3)
			y += half;
		if (s % 2 == 0)
			x += half;
	}
	*iy = y;
	*ix = x;
	*size = level_size[level];
}

pal_meshcode
pal_mesh_from_cell(int32_t iy, int32_t ix, int level)
{
	char		d[PAL_MESH_MAX_DIGITS];
	int32_t		ry = iy % 640,
				rx = ix % 640;
	int			i;

	d[0] = (char) ('0' + iy / 640 / 10);
	d[1] = (char) ('0' + iy / 640 % 10);
	d[2] = (char) ('0' + ix / 640 / 10);
	d[3] = (char) ('0' + ix / 640 % 10);
	d[4] = (char) ('0' + ry / 80);
	d[5] = (char) ('0' + rx / 80);
	ry %= 80;
	rx %= 80;
	d[6] = (char) ('0' + ry / 8);
	d[7] = (char) ('0' + rx / 8);
	ry %= 8;
	rx %= 8;
	for (i = 4; i <= PAL_MESH_MAX_LEVEL; i++)
	{
		int32_t		half = level_size[i];
		int			north = ry >= half,
					east = rx >= half;

		d[i + 4] = (char) ('1' + 2 * north + east);
		ry %= half;
		rx %= half;
	}
	return encode_digits(d, (size_t) level_digits[level]);
}

double
pal_mesh_row_lat(int32_t iy)
{
	return (double) iy / (double) PAL_MESH_LAT_UNITS;
}

double
pal_mesh_col_lon(int32_t ix)
{
	return (double) (100 * PAL_MESH_LON_UNITS + ix) / (double) PAL_MESH_LON_UNITS;
}

void
pal_mesh_bounds(pal_meshcode code, double *xmin, double *ymin,
				double *xmax, double *ymax)
{
	int32_t		iy,
				ix,
				size;

	pal_mesh_cell(code, &iy, &ix, &size);
	*xmin = pal_mesh_col_lon(ix);
	*ymin = pal_mesh_row_lat(iy);
	*xmax = pal_mesh_col_lon(ix + size);
	*ymax = pal_mesh_row_lat(iy + size);
}

void
pal_mesh_center(pal_meshcode code, double *lon, double *lat)
{
	int32_t		iy,
				ix,
				size;

	pal_mesh_cell(code, &iy, &ix, &size);
	*lat = (double) (2 * iy + size) / (double) (2 * PAL_MESH_LAT_UNITS);
	*lon = (double) (2 * (100 * PAL_MESH_LON_UNITS + ix) + size) /
		(double) (2 * PAL_MESH_LON_UNITS);
}

/*
 * Row (or column) holding a coordinate: the floor, corrected so that it
 * agrees with the corner values the polygons are drawn with.  v is already
 * known to be finite and inside [lo, hi).
 */
static int32_t
locate(double v, double (*corner) (int32_t), double scale, double offset)
{
	double		f = floor((v - offset) * scale);
	int32_t		i;

	if (f < 0)
		f = 0;
	if (f > PAL_MESH_SPAN - 1)
		f = PAL_MESH_SPAN - 1;
	i = (int32_t) f;
	while (i + 1 < PAL_MESH_SPAN && corner(i + 1) <= v)
		i++;
	while (i > 0 && corner(i) > v)
		i--;
	return i;
}

pal_status
pal_mesh_at(double lon, double lat, int level, pal_meshcode *out,
			pal_error *err)
{
	int32_t		iy,
				ix;

	if (level < PAL_MESH_MIN_LEVEL || level > PAL_MESH_MAX_LEVEL)
	{
		pal_error_set(err, PAL_ERR_VALUE, "mesh level %d is out of range", level);
		pal_error_detail(err, "Mesh levels run from 1 (80 km) to 6 (125 m).");
		return PAL_ERR_VALUE;
	}
	if (!isfinite(lon) || !isfinite(lat))
	{
		pal_error_set(err, PAL_ERR_VALUE, "point coordinates must be finite");
		pal_error_detail(err, "The point is (%g, %g).", lon, lat);
		return PAL_ERR_VALUE;
	}
	if (lat < pal_mesh_row_lat(0) || lat >= pal_mesh_row_lat(PAL_MESH_SPAN) ||
		lon < pal_mesh_col_lon(0) || lon >= pal_mesh_col_lon(PAL_MESH_SPAN))
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "point (%.9g %.9g) is outside the area of the regional mesh",
					  lon, lat);
		pal_error_detail(err, "JIS X 0410 mesh codes cover latitudes from 0 to 66.67 degrees north and longitudes from 100 to 200 degrees east.");
		pal_error_hint(err, "Give the point as longitude, latitude in SRID 4326 (or JGD2011/JGD2000).");
		return PAL_ERR_VALUE;
	}
	iy = locate(lat, pal_mesh_row_lat, PAL_MESH_LAT_UNITS, 0.0);
	ix = locate(lon, pal_mesh_col_lon, PAL_MESH_LON_UNITS, 100.0);
	*out = pal_mesh_from_cell(iy, ix, level);
	return PAL_OK;
}

pal_status
pal_mesh_parent(pal_meshcode code, int level, pal_meshcode *out,
				pal_error *err)
{
	int			own = pal_mesh_level(code);
	int32_t		iy,
				ix,
				size;

	if (level < PAL_MESH_MIN_LEVEL || level > own)
	{
		char		buf[PAL_MESH_MAX_DIGITS + 1];

		pal_mesh_format(code, buf);
		pal_error_set(err, PAL_ERR_VALUE,
					  "parent level %d is out of range for mesh code \"%s\"",
					  level, buf);
		pal_error_detail(err, "The code is of level %d; a parent's level runs from 1 to %d.",
						 own, own);
		return PAL_ERR_VALUE;
	}
	pal_mesh_cell(code, &iy, &ix, &size);
	*out = pal_mesh_from_cell(iy, ix, level);
	return PAL_OK;
}

int
pal_mesh_children(pal_meshcode code, pal_meshcode *out)
{
	int			level = pal_mesh_level(code);
	int32_t		iy,
				ix,
				size,
				step,
				n,
				r,
				c;
	int			count = 0;

	if (level >= PAL_MESH_MAX_LEVEL)
		return 0;
	pal_mesh_cell(code, &iy, &ix, &size);
	step = level_size[level + 1];
	n = size / step;
	/* row-major from the south-west gives code order at every level */
	for (r = 0; r < n; r++)
		for (c = 0; c < n; c++)
			out[count++] = pal_mesh_from_cell(iy + r * step, ix + c * step,
											  level + 1);
	return count;
}


void
pal_mesh_polygon_ewkb(pal_meshcode code, int32_t srid, uint8_t *buf)
{
	double		xmin,
				ymin,
				xmax,
				ymax;
	uint8_t    *p = buf;

	pal_mesh_bounds(code, &xmin, &ymin, &xmax, &ymax);
	*p++ = 1;
	p = pal_ewkb_put_u32(p, PAL_WKB_POLYGON | PAL_EWKB_SRID_FLAG);
	p = pal_ewkb_put_u32(p, (uint32_t) srid);
	p = pal_ewkb_put_u32(p, 1);
	p = pal_ewkb_put_u32(p, 5);
	p = pal_ewkb_put_f64(p, xmin);
	p = pal_ewkb_put_f64(p, ymin);
	p = pal_ewkb_put_f64(p, xmin);
	p = pal_ewkb_put_f64(p, ymax);
	p = pal_ewkb_put_f64(p, xmax);
	p = pal_ewkb_put_f64(p, ymax);
	p = pal_ewkb_put_f64(p, xmax);
	p = pal_ewkb_put_f64(p, ymin);
	p = pal_ewkb_put_f64(p, xmin);
	(void) pal_ewkb_put_f64(p, ymin);
}

void
pal_mesh_point_ewkb(double lon, double lat, int32_t srid, uint8_t *buf)
{
	uint8_t    *p = buf;

	*p++ = 1;
	p = pal_ewkb_put_u32(p, PAL_WKB_POINT | PAL_EWKB_SRID_FLAG);
	p = pal_ewkb_put_u32(p, (uint32_t) srid);
	p = pal_ewkb_put_f64(p, lon);
	(void) pal_ewkb_put_f64(p, lat);
}
