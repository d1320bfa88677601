/*
 * geodesy.c
 *	  Great-circle helpers.
 */
#include "engine/geodesy.h"

double
pal_distance(double lon1, double lat1, double lon2, double lat2)
{
	double		ax,
				ay,
				az,
				bx,
				by,
				bz;

	pal_unit_vector(lon1, lat1, &ax, &ay, &az);
	pal_unit_vector(lon2, lat2, &bx, &by, &bz);
	return PAL_EARTH_RADIUS * pal_chord2_angle(pal_chord2(ax, ay, az, bx, by, bz));
}

double
pal_lon_halfwidth(double lat, double angle)
{
	double		phi = fabs(lat) * PAL_DEG2RAD;
	double		s;

	if (angle >= PAL_PI / 2 || phi + angle >= PAL_PI / 2)
		return 180.0;
	s = sin(angle) / cos(phi);
	if (s >= 1.0)
		return 180.0;
	/* a little slack against rounding */
	return asin(s) / PAL_DEG2RAD * (1.0 + 1e-9) + 1e-9;
}

double
pal_meridian_angle(double lat, double dlon)
{
	double		s = fabs(cos(lat * PAL_DEG2RAD) * sin(dlon * PAL_DEG2RAD));

	return asin(s < 1.0 ? s : 1.0);
}
