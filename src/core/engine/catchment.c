/*
 * catchment.c
 *	  The one catchment primitive (see catchment.h).
 */
#include "engine/catchment.h"

#include <string.h>

double
pal_catchment_cell(const pal_decay *decay)
{
	/* cells a third of the catchment: the query box is ~1.6x the disc */
	return decay->cutoff / PAL_EARTH_RADIUS / PAL_DEG2RAD / 3.0;
}

pal_status
pal_catchment_init(pal_catchment *c, const pal_grid *g, const pal_decay *decay,
				   const pal_allocator *alloc, pal_error *err)
{
	memset(c, 0, sizeof(*c));
	if (pal_decay_check_costs(decay, 0, err) != PAL_OK)
		return PAL_ERR_VALUE;
	c->grid = g;
	pal_decay_prepare(decay, &c->dc);
	c->angle = decay->cutoff / PAL_EARTH_RADIUS;
	c->c2max = c->angle >= PAL_PI ? 5.0 : pal_angle_chord2(c->angle) * (1.0 + 1e-9);
	c->ranges = pal_alloc_array(alloc, pal_grid_max_ranges(g), 2 * sizeof(uint32_t));
	if (c->ranges == NULL)
		return pal_error_nomem(err);
	return PAL_OK;
}

void
pal_catchment_free(pal_catchment *c, const pal_allocator *alloc)
{
	pal_release(alloc, c->ranges);
	c->ranges = NULL;
}
