/*
 * fuzz_meshcode.c
 *	  libFuzzer target: the meshcode text parser, the binary receive check,
 *	  the integer conversions and the cell geometry.  Whatever the input,
 *	  nothing may crash; a code that is accepted must format and parse back
 *	  to itself, pass the binary check, and agree with its own cell.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "types/meshcode.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* everything an accepted code must satisfy */
static void
check_valid(pal_meshcode code)
{
	pal_error	err;
	pal_meshcode back;
	pal_meshcode kids[PAL_MESH_MAX_CHILDREN];
	char		buf[PAL_MESH_MAX_DIGITS + 1];
	int64_t		asint;
	int			level = pal_mesh_level(code);
	int			n,
				k;
	double		lon,
				lat,
				x0,
				y0,
				x1,
				y1;

	if (level < PAL_MESH_MIN_LEVEL || level > PAL_MESH_MAX_LEVEL)
		abort();
	if (pal_mesh_check(code, &err) != PAL_OK)
		abort();
	pal_mesh_format(code, buf);
	if (strlen(buf) != (size_t) pal_mesh_digits_of_level(level))
		abort();
	if (pal_mesh_parse(buf, strlen(buf), &back, &err) != PAL_OK || back != code)
		abort();
	/* the integer form: exact, except for codes with a leading zero, which it refuses */
	if (pal_mesh_to_int64(code, &asint, &err) == PAL_OK)
	{
		if (buf[0] == '0' || pal_mesh_from_int64(asint, &back, &err) != PAL_OK || back != code)
			abort();
	}
	else if (buf[0] != '0' || err.code != PAL_ERR_RANGE)
		abort();

	/* the centre lies in the cell, and the cell of the centre is the code */
	pal_mesh_bounds(code, &x0, &y0, &x1, &y1);
	pal_mesh_center(code, &lon, &lat);
	if (!(x0 < lon && lon < x1 && y0 < lat && lat < y1))
		abort();
	if (pal_mesh_at(lon, lat, level, &back, &err) != PAL_OK || back != code)
		abort();

	/* parents contain the code; children tile it */
	for (k = PAL_MESH_MIN_LEVEL; k <= level; k++)
		if (pal_mesh_parent(code, k, &back, &err) != PAL_OK || pal_mesh_level(back) != k)
			abort();
	if (pal_mesh_parent(code, level + 1, &back, &err) == PAL_OK)
		abort();
	n = pal_mesh_children(code, kids);
	if (n < 0 || n > PAL_MESH_MAX_CHILDREN || (level == PAL_MESH_MAX_LEVEL) != (n == 0))
		abort();
	for (k = 0; k < n; k++)
		if (pal_mesh_parent(kids[k], level, &back, &err) != PAL_OK || back != code)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pal_meshcode code;
	pal_error	err;

	/* text input */
	if (pal_mesh_parse((const char *) data, size, &code, &err) == PAL_OK)
		check_valid(code);
	else if (err.code == PAL_OK || err.message[0] == '\0')
		abort();				/* a failure must say why */

	if (size >= 8)
	{
		int64_t		raw = 0;
		size_t		k;
		double		lon,
					lat;

		/* binary receive: 8 bytes in network order, either valid or rejected */
		for (k = 0; k < 8; k++)
			raw = (int64_t) (((uint64_t) raw << 8) | data[k]);
		if (pal_mesh_check(raw, &err) == PAL_OK)
			check_valid(raw);
		else if (err.code != PAL_ERR_BINARY)
			abort();

		/* the integer cast: any bigint is a code or an error */
		if (pal_mesh_from_int64(raw, &code, &err) == PAL_OK)
			check_valid(code);
		else if (err.code == PAL_OK)
			abort();

		/* mesh_at: any coordinates and level give a code containing the point, or an error */
		if (size >= 17)
		{
			memcpy(&lon, data, 8);
			memcpy(&lat, data + 8, 8);
			if (pal_mesh_at(lon, lat, (int) (data[16] % 9) - 1, &code, &err) == PAL_OK)
			{
				double		x0,
							y0,
							x1,
							y1;

				check_valid(code);
				pal_mesh_bounds(code, &x0, &y0, &x1, &y1);
				/* half-open cells, up to rounding of the corner coordinates */
				if (!(lon >= x0 - 1e-9 && lon < x1 + 1e-9 && lat >= y0 - 1e-9 && lat < y1 + 1e-9))
					abort();
			}
			else if (err.code != PAL_ERR_VALUE)
				abort();
		}
	}
	return 0;
}
