/*
 * inputs.h
 *	  The inputs of the engine functions (fca, fca_supply, nearest and the
 *	  capacity measures): demand_sql, supply_sql and cost_sql, read through
 *	  the one reader (reader.h) into the core's points and sparse costs, and
 *	  the arguments these functions share.
 *
 * Columns, as DESIGN.md names them: demand_sql id bigint, geom
 * geometry(Point, 4326)[, weight double precision]; supply_sql id, geom[,
 * capacity][, more columns a function asks for]; cost_sql demand_id,
 * supply_id, cost.  With cost_sql, geom may be left out.
 */
#ifndef PAL_INPUTS_H
#define PAL_INPUTS_H

#include "postgres.h"

#include "funcapi.h"
#include "utils/memutils.h"

#include "core/engine/points.h"
#include "core/types/decay.h"
#include "reader.h"

/* column positions in the rows read */
#define PAL_IN_ID		0
#define PAL_IN_GEOM		1
#define PAL_IN_VALUE	2		/* weight or capacity, when asked for */

typedef struct pal_inputs_spec
{
	const char *demand_value;	/* "weight", or NULL: demand has no value */
	const char *supply_value;	/* "capacity", or NULL */
	const pal_colspec *supply_more;	/* more supply columns (after the value) */
	int			nsupply_more;
} pal_inputs_spec;

typedef struct pal_inputs
{
	pal_rows	demand;
	pal_rows	supply;
	pal_points	dem;			/* the rows as the core takes them; value 0 */
	pal_points	sup;			/* when the set has none */
	pal_costs	costs;
	bool		has_costs;
	pal_allocator alloc;		/* on the context the inputs live in */
} pal_inputs;

/*
 * Read the inputs into cxt.  cost_sql may be NULL.  Every row is checked by
 * the reader; cost_sql ids must be ids of the demand and supply rows.
 */
extern void pal_inputs_read(pal_inputs *in, const pal_inputs_spec *spec,
							const char *demand_sql, const char *supply_sql,
							const char *cost_sql, MemoryContext cxt);

/* the method argument argno: 22004 when null, 22023 when unknown */
extern int	pal_arg_method(FunctionCallInfo fcinfo, int argno);

/* the decay argument argno (22004 when null) */
extern pal_decay *pal_arg_decay(FunctionCallInfo fcinfo, int argno);

/* the text argument argno, or NULL when it is null */
extern char *pal_arg_text_or_null(FunctionCallInfo fcinfo, int argno);

/* the double precision argument argno, named name (22004 when null) */
extern double pal_arg_number(FunctionCallInfo fcinfo, int argno, const char *name);

/* the arguments every engine function starts with */
typedef struct pal_engine_args
{
	char	   *demand_sql;		/* argument 0, not null */
	char	   *supply_sql;		/* argument 1, not null */
	pal_decay  *decay;			/* argument 2, not null */
	char	   *cost_sql;		/* argument cost_argno, or NULL */
} pal_engine_args;

/*
 * Read the engine's arguments; the caller checks the decay against cost_sql
 * (pal_decay_check_costs) once it has read its own arguments.
 */
extern void pal_engine_args_read(FunctionCallInfo fcinfo, int cost_argno,
								 pal_engine_args *a);

/* a memory context for one call; the caller deletes it */
#define pal_call_context(name) \
	AllocSetContextCreate(CurrentMemoryContext, name, ALLOCSET_DEFAULT_SIZES)

/* an array of n elements of size bytes in cxt (at least one element) */
extern void *pal_context_array(MemoryContext cxt, size_t n, size_t size);

/*
 * A column of the rows an engine function returns after the id: doubles
 * (a NaN as NULL when nan_null) or, when f is NULL, int32s.
 */
typedef struct pal_out_col
{
	const double *f;
	const int32 *i32;
	bool		nan_null;
} pal_out_col;

#define PAL_OUT_MAX_COLS 4

/*
 * Put n rows (id[k], cols[0] at k, ...) into the tuplestore of a function
 * in materialize mode, checking for interrupts
 */
extern void pal_emit_rows(ReturnSetInfo *rsinfo, const int64 *id, size_t n,
						  const pal_out_col *cols, int ncols);

#endif							/* PAL_INPUTS_H */
