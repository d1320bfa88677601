/*
 * decay_glue.h
 *	  Fetching palliative.decay arguments (a varlena, detoasted).
 */
#ifndef PAL_DECAY_GLUE_H
#define PAL_DECAY_GLUE_H

#include "core/types/decay.h"

#define DatumGetDecayP(x)	((pal_decay *) PG_DETOAST_DATUM(x))
#define PG_GETARG_DECAY_P(n)	DatumGetDecayP(PG_GETARG_DATUM(n))

#endif							/* PAL_DECAY_GLUE_H */
