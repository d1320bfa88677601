/*
 * geodesy.h
 *	  Great-circle distances on the sphere of radius 6371008.8 m (the mean
 *	  Earth radius PostGIS uses for geography distances without a spheroid).
 *
 * Points are kept as unit vectors so that a distance test is a few
 * multiplications: the chord c between two unit vectors gives the central
 * angle 2 asin(c / 2).
 */
#ifndef PAL_GEODESY_H
#define PAL_GEODESY_H

#include <math.h>

#define PAL_EARTH_RADIUS 6371008.8
#define PAL_PI 3.14159265358979323846
#define PAL_DEG2RAD (PAL_PI / 180.0)

/* unit vector of a lon/lat point in degrees */
static inline void
pal_unit_vector(double lon, double lat, double *x, double *y, double *z)
{
	double		phi = lat * PAL_DEG2RAD,
				lam = lon * PAL_DEG2RAD;
	double		cp = cos(phi);

	*x = cp * cos(lam);
	*y = cp * sin(lam);
	*z = sin(phi);
}

/*
 * asin(s) for 0 <= s <= 1, with a series for small s that is exact to
 * double precision (the relative size of the first omitted term is below
 * 1e-16 for s < 0.03).
 */
static inline double
pal_asin_small(double s)
{
	if (s < 0.03)
	{
		double		s2 = s * s;

		return s * (1.0 + s2 * (1.0 / 6.0 + s2 * (3.0 / 40.0 + s2 * (5.0 / 112.0 + s2 * (35.0 / 1152.0 + s2 * (63.0 / 2816.0))))));
	}
	return asin(s < 1.0 ? s : 1.0);
}

/* central angle (radians) from the squared chord between unit vectors */
static inline double
pal_chord2_angle(double c2)
{
	return 2.0 * pal_asin_small(0.5 * sqrt(c2));
}

/* squared chord of a central angle (radians, <= pi) */
static inline double
pal_angle_chord2(double angle)
{
	double		c = 2.0 * sin(0.5 * (angle < PAL_PI ? angle : PAL_PI));

	return c * c;
}

static inline double
pal_chord2(double ax, double ay, double az, double bx, double by, double bz)
{
	double		dx = ax - bx,
				dy = ay - by,
				dz = az - bz;

	return dx * dx + dy * dy + dz * dz;
}

/* great-circle distance in metres between lon/lat points in degrees */
extern double pal_distance(double lon1, double lat1, double lon2, double lat2);

/*
 * Half-width in degrees of longitude of the smallest lon/lat box holding
 * every point within angle (radians) of a point at latitude lat (degrees);
 * 180 when the cap reaches a pole.
 */
extern double pal_lon_halfwidth(double lat, double angle);

/*
 * Distance (radians) from a point at latitude lat (degrees) to the great
 * circle through the poles and the meridian dlon degrees of longitude away:
 * a lower bound of the distance to any point of that meridian.
 */
extern double pal_meridian_angle(double lat, double dlon);

#endif							/* PAL_GEODESY_H */
