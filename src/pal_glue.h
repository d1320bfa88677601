/*
 * pal_glue.h
 *	  Helpers shared by the fmgr glue: turning core errors into ereport and
 *	  giving the core an allocator on a memory context.
 */
#ifndef PAL_GLUE_H
#define PAL_GLUE_H

#include "postgres.h"

#include "core/pal_core.h"

/* SQLSTATE for a core status */
extern int	pal_sqlstate(pal_status code);

/* raise the core error as an ERROR; never returns */
extern void pal_raise(const pal_error *err) pg_attribute_noreturn();

/* raise when st is not PAL_OK */
static inline void
pal_check(pal_status st, const pal_error *err)
{
	if (st != PAL_OK)
		pal_raise(err);
}

/*
 * An allocator that pallocs in the given context (MCXT_ALLOC_HUGE, so large
 * arrays work) and whose interrupt check runs CHECK_FOR_INTERRUPTS().
 */
extern pal_allocator pal_context_allocator(MemoryContext cxt);

/* a bytea holding a copy of data[0..len) (EWKB from the core, say) */
extern bytea *pal_bytea_from(const void *data, size_t len);

#endif							/* PAL_GLUE_H */
