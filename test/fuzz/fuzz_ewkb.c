/*
 * fuzz_ewkb.c
 *	  libFuzzer target: the EWKB point reader that fca and nearest use on
 *	  every row.  Any bytes must be read or rejected, never overrun.
 */
#include <stdint.h>
#include <stdlib.h>

#include "types/ewkb.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pal_ewkb_point pt;

	if (pal_ewkb_read_point(data, size, &pt) == 0)
	{
		if (pt.type == PAL_WKB_POINT && size < 21)
			abort();			/* a point needs its two coordinates */
		(void) pal_wkb_type_name(pt.type);
	}
	return 0;
}
