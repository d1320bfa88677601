/*
 * dist_glue.h
 *	  Shared by the SQL interface of the distributable form (fca_dist.c) and
 *	  the input and output of its types (fca_dist_io.c).
 */
#ifndef PAL_DIST_GLUE_H
#define PAL_DIST_GLUE_H

#include "postgres.h"

#include "core/engine/fca_dist.h"

/* the final form of sums (a working value or a final one), palloc'd */
extern pal_sums *pal_sums_finalized(const pal_sums *s);

#endif							/* PAL_DIST_GLUE_H */
