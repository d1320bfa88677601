/*
 * reader.h
 *	  The one reader of inner queries.
 *
 * Every function that runs SQL, the user's (demand_sql, supply_sql,
 * cost_sql, candidates_sql) or our own (a standard's supply, the sample's
 * facilities), declares the columns it needs and reads the rows through
 * here: the query is planned once, checked to be one statement returning
 * the declared columns with fitting types, fetched in batches, and every
 * row is checked the same way for every function (null, NaN, infinity,
 * negative, subnormal, SRID, geometry type, duplicate id), with the same
 * SQLSTATEs and messages.  Points arrive through the geometry type's binary
 * output (EWKB) and are parsed and checked by the core (engine/points.h).
 * The rows land in typed arrays in the caller's memory context; the reader
 * keeps no state of its own, so readers nest (an inner query may itself
 * call a function that reads).
 */
#ifndef PAL_READER_H
#define PAL_READER_H

#include "postgres.h"

#include "core/engine/points.h"

typedef enum pal_coltype
{
	PAL_COL_ID,					/* bigint; smallint and integer accepted */
	PAL_COL_INTEGER,			/* integer; smallint and bigint in range accepted */
	PAL_COL_NUMBER,				/* double precision; any integer, real or numeric */
	PAL_COL_POINT,				/* geometry: a lon/lat point */
	PAL_COL_TEXT				/* text, varchar, char or name */
} pal_coltype;

/* flags of a column */
#define PAL_COL_OPTIONAL	0x01	/* the query may leave the column out */
#define PAL_COL_NULLABLE	0x02	/* null values allowed (see isnull) */
#define PAL_COL_SIGNED		0x04	/* numbers may be negative */
#define PAL_COL_KEY			0x08	/* the row's id: named in messages,
									 * unique (23505) */

typedef struct pal_colspec
{
	const char *name;			/* column name in the query */
	pal_coltype type;
	int			flags;
} pal_colspec;

/* what a function reads: the argument, a noun for its rows, the columns */
typedef struct pal_query
{
	const char *arg;			/* "demand_sql": named in messages */
	const char *what;			/* "demand": "demand row with id 7 ..." */
	const pal_colspec *cols;
	int			ncols;
	const char *hint_more;		/* appended to the generated hint, or NULL */
	bool		read_only;		/* run read-only (callers that are STABLE) */
} pal_query;

/* the values of one column, one entry per row */
typedef struct pal_column
{
	bool		present;		/* false: an optional column left out */
	int64	   *i;				/* ID */
	int32	   *i32;			/* INTEGER */
	double	   *f;				/* NUMBER */
	double	   *lon;			/* POINT */
	double	   *lat;
	char	  **s;				/* TEXT (NULL when null) */
	bool	   *isnull;			/* NULLABLE columns: per row */
} pal_column;

typedef struct pal_rows
{
	size_t		n;
	pal_column *col;			/* q->ncols columns */
	pal_idmap	ids;			/* of the KEY column, when there is one */
} pal_rows;

/*
 * Run sql (the text of argument q->arg; trailing blanks and semicolons are
 * ignored) with nargs parameters and read every row into out, allocated in
 * cxt.  Connects to SPI itself, so it can be called with or without an open
 * SPI connection.
 */
extern void pal_read(const pal_query *q, const char *sql, int nargs,
					 const Oid *argtypes, const Datum *args,
					 MemoryContext cxt, pal_rows *out);

/*
 * Plan sql and check its columns as pal_read does, without running it: for
 * a query that another statement runs (the distributable form wraps
 * demand_sql in its aggregate), with the same errors.
 */
extern void pal_read_check(const pal_query *q, const char *sql);

/*
 * Reading a geometry value as a lon/lat point: the geometry type's binary
 * output (EWKB), parsed and checked by the core.  Set up once per call for
 * the column's type (an aggregate: its argument's type), then used per row.
 */
typedef struct pal_geom_reader
{
	Oid			typid;
	FmgrInfo	send;
} pal_geom_reader;

extern void pal_geom_reader_init(pal_geom_reader *gr, Oid typid,
								 MemoryContext cxt);

/*
 * The geometry as the core parses it (type, SRID, emptiness, x and y of a
 * point), unchecked; false when the value cannot be read.
 */
extern bool pal_geom_read(const pal_geom_reader *gr, Datum geom,
						  pal_ewkb_point *out);

/* the error of an unreadable geometry (22023), naming what holds it */
extern void pal_geom_unreadable(const char *what) pg_attribute_noreturn();

/*
 * The row checks, for callers that get values some other way (the
 * aggregates get them as arguments): a geometry as a lon/lat point, and a
 * number.  what and id name the row, column the value, in messages.
 */
extern void pal_read_point(const pal_geom_reader *gr, Datum geom,
						   const char *what, int64 id, double *lon,
						   double *lat);
extern void pal_read_number(double v, bool allow_negative, const char *what,
							int64 id, const char *column);

/*
 * A null where the rules allow none: ERROR 22004 "<row> has a null
 * <column>".  key_of names the rows' source when column is their id (the
 * detail then says every row needs one), else NULL.
 */
extern void pal_null_error(const char *row, const char *column,
						   const char *key_of) pg_attribute_noreturn();

/* the text of a query without trailing blanks and semicolons (palloc'd) */
extern char *pal_query_clean(const char *sql);

/* the hint naming the columns of q: "demand_sql must return the columns ..." */
extern char *pal_query_hint(const pal_query *q);

/* a text argument that must not be null (22004 naming it otherwise) */
extern char *pal_arg_text(FunctionCallInfo fcinfo, int argno, const char *name);

#endif							/* PAL_READER_H */
