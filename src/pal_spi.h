/*
 * pal_spi.h
 *	  Reading users' inner queries through SPI: cleaning the text and
 *	  checking that the query returns the documented columns with fitting
 *	  types, with errors that name the argument and the column.  Shared by
 *	  the engine (fca.c) and the strengthening plan (strengthen.c).
 */
#ifndef PAL_SPI_H
#define PAL_SPI_H

#include "postgres.h"

typedef enum pal_col_kind
{
	PAL_COL_INT,				/* smallint, integer, bigint */
	PAL_COL_NUM,				/* any integer, real, double, numeric */
	PAL_COL_GEOM				/* geometry */
} pal_col_kind;

typedef struct pal_col_spec
{
	const char *name;
	pal_col_kind kind;
	bool		required;
} pal_col_spec;

/* the user's query without trailing blanks and semicolons (palloc'd) */
extern char *pal_spi_clean_query(const char *sql);

/*
 * Check that the query (run through SPI, which must be connected) returns
 * the named columns with fitting types: a missing required column is ERROR
 * 42703, a mistyped one 42804, one returned twice 42702, a statement that
 * returns no rows 22023; each with hint as the errhint.  present[k] tells
 * whether column k was found.
 */
extern void pal_spi_check_columns(const char *sql, const char *arg,
								  const pal_col_spec *cols, int ncols,
								  const char *hint, bool *present);

#endif							/* PAL_SPI_H */
