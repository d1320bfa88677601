/*
 * mesh.h
 *	  JIS X 0410 standard regional mesh codes (Japan's statistical grid).
 *
 * Levels and their text form (digits):
 *
 *	  1  80 km   pp uu          40' lat x 1 deg lon     4 digits
 *	  2  10 km   + q v (0-7)    5' x 7.5'               6 digits
 *	  3   1 km   + r w (0-9)    30" x 45"               8 digits
 *	  4 500 m    + s (1-4)      15" x 22.5"             9 digits
 *	  5 250 m    + t (1-4)      7.5" x 11.25"          10 digits
 *	  6 125 m    + e (1-4)      3.75" x 5.625"         11 digits
 *
 * with pp = floor(lat * 1.5), uu = floor(lon) - 100, and the subdivision
 * digits 1 south-west, 2 south-east, 3 north-west, 4 north-east.
 *
 * All arithmetic is exact in integers: a level-6 cell is 1/960 deg of
 * latitude by 1/640 deg of longitude, so a cell of any level is a square of
 * side 640, 80, 8, 4, 2 or 1 such units, at row iy = floor(lat * 960) and
 * column ix = floor((lon - 100) * 640), both in [0, 64000).  Cell corners are
 * iy / 960.0 and (64000 + ix) / 640.0, each one correctly rounded division,
 * so neighbouring cells share bit-identical edges.  A point exactly on an
 * edge belongs to the cell north / east of it (the standard's floor rule),
 * judged against those same corner values.
 *
 * Encoding (the 8-byte value of palliative.meshcode): the digits, padded on
 * the right with zeros to 11 digits, read as a decimal number, times 16, plus
 * the level.  Integer order is then the text order of the codes (a parent
 * sorts just before its children).
 */
#ifndef PAL_MESH_H
#define PAL_MESH_H

#include "pal_core.h"

typedef int64_t pal_meshcode;

#define PAL_MESH_MIN_LEVEL 1
#define PAL_MESH_MAX_LEVEL 6
#define PAL_MESH_MAX_DIGITS 11
/* level-6 units per degree */
#define PAL_MESH_LAT_UNITS 960
#define PAL_MESH_LON_UNITS 640
/* rows and columns of level-6 cells in the whole mesh area */
#define PAL_MESH_SPAN 64000
/* most children a cell has (level 2 has 10 x 10) */
#define PAL_MESH_MAX_CHILDREN 100

/* digits of a code of this level (0 for a level outside 1-6) */
extern int	pal_mesh_digits_of_level(int level);

/* side of a cell of this level in level-6 units */
extern int	pal_mesh_cell_size(int level);

/*
 * Parses the digits str[0..len) (no white space, no sign).  PAL_ERR_SYNTAX
 * for a wrong length, a non-digit, a second-level digit above 7 or a
 * subdivision digit outside 1-4; the message quotes the input.
 */
extern pal_status pal_mesh_parse(const char *str, size_t len,
								 pal_meshcode *out, pal_error *err);

/*
 * Checks an encoded value from outside (binary receive): PAL_ERR_BINARY
 * unless it is exactly what pal_mesh_parse can produce.
 */
extern pal_status pal_mesh_check(pal_meshcode code, pal_error *err);

/* writes the digits and a NUL into buf (PAL_MESH_MAX_DIGITS + 1 bytes) */
extern void pal_mesh_format(pal_meshcode code, char *buf);

extern int	pal_mesh_level(pal_meshcode code);

/*
 * The code written as a decimal integer (53394611) and back.  The number of
 * decimal digits gives the level, so a code with a leading zero (south of
 * 6.67 deg N) has no integer form: PAL_ERR_RANGE.  From an integer, a wrong
 * number of digits or a bad digit is PAL_ERR_SYNTAX, a negative value
 * PAL_ERR_RANGE.
 */
extern pal_status pal_mesh_to_int64(pal_meshcode code, int64_t *out,
									pal_error *err);
extern pal_status pal_mesh_from_int64(int64_t value, pal_meshcode *out,
									  pal_error *err);

/* row and column of the south-west level-6 cell, and the side in units */
extern void pal_mesh_cell(pal_meshcode code, int32_t *iy, int32_t *ix,
						  int32_t *size);

/*
 * The cell of the given level holding level-6 cell (iy, ix); both must lie
 * in [0, PAL_MESH_SPAN) and level in 1-6 (not checked).
 */
extern pal_meshcode pal_mesh_from_cell(int32_t iy, int32_t ix, int level);

/* corner coordinates of rows and columns (exact rounding, shared edges) */
extern double pal_mesh_row_lat(int32_t iy);
extern double pal_mesh_col_lon(int32_t ix);

/* cell extent and centre in degrees */
extern void pal_mesh_bounds(pal_meshcode code, double *xmin, double *ymin,
							double *xmax, double *ymax);
extern void pal_mesh_center(pal_meshcode code, double *lon, double *lat);

/*
 * The cell of the given level holding (lon, lat).  PAL_ERR_VALUE for a level
 * outside 1-6, a non-finite coordinate, or a point outside the mesh area
 * (latitude 0 to 66.67 deg N, longitude 100 to 200 deg E).
 */
extern pal_status pal_mesh_at(double lon, double lat, int level,
							  pal_meshcode *out, pal_error *err);

/*
 * The ancestor of the given level (the code itself for its own level).
 * PAL_ERR_VALUE for a level outside 1 to the code's level.
 */
extern pal_status pal_mesh_parent(pal_meshcode code, int level,
								  pal_meshcode *out, pal_error *err);

/*
 * Writes the children (next level, PAL_MESH_MAX_CHILDREN at most) in code
 * order and returns their number: 64 for level 1, 100 for level 2, 4 for
 * levels 3-5, 0 for level 6.
 */
extern int	pal_mesh_children(pal_meshcode code, pal_meshcode *out);

/*
 * Extended WKB (little-endian, with SRID) of the cell's polygon (one ring of
 * five points from the south-west corner: SW, NW, NE, SE, SW, as
 * ST_MakeEnvelope draws it) and of its centre point, for the SQL wrappers
 * that turn them into PostGIS geometries.  buf must hold
 * PAL_MESH_POLYGON_EWKB_SIZE or PAL_MESH_POINT_EWKB_SIZE bytes.
 */
#define PAL_MESH_POLYGON_EWKB_SIZE (1 + 4 + 4 + 4 + 4 + 5 * 16)
#define PAL_MESH_POINT_EWKB_SIZE (1 + 4 + 4 + 16)
extern void pal_mesh_polygon_ewkb(pal_meshcode code, int32_t srid,
								  uint8_t *buf);
extern void pal_mesh_point_ewkb(double lon, double lat, int32_t srid,
								uint8_t *buf);

#endif							/* PAL_MESH_H */
