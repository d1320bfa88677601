/*
 * pal_spi.c
 *	  Reading users' inner queries through SPI: shared checks.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/portal.h"

#include "pal_spi.h"

char *
pal_spi_clean_query(const char *sql)
{
	char	   *q = pstrdup(sql);
	size_t		n = strlen(q);

	while (n > 0 && (isspace((unsigned char) q[n - 1]) || q[n - 1] == ';'))
		q[--n] = '\0';
	return q;
}

static bool
type_matches(Oid typ, pal_col_kind kind)
{
	switch (kind)
	{
		case PAL_COL_INT:
			return typ == INT2OID || typ == INT4OID || typ == INT8OID;
		case PAL_COL_NUM:
			return typ == INT2OID || typ == INT4OID || typ == INT8OID ||
				typ == FLOAT4OID || typ == FLOAT8OID || typ == NUMERICOID;
		case PAL_COL_GEOM:
			{
				char	   *name = format_type_be(typ);
				size_t		n = strlen(name);

				return strcmp(name, "geometry") == 0 ||
					(n > 9 && strcmp(name + n - 9, ".geometry") == 0);
			}
	}
	return false;
}

static const char *
kind_label(pal_col_kind kind)
{
	switch (kind)
	{
		case PAL_COL_INT:
			return "an integer type";
		case PAL_COL_NUM:
			return "a numeric type";
		case PAL_COL_GEOM:
			return "geometry";
	}
	return "?";
}

void
pal_spi_check_columns(const char *sql, const char *arg, const pal_col_spec *cols,
					  int ncols, const char *hint, bool *present)
{
	Portal		portal;
	TupleDesc	desc;
	int			k,
				a;

	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL,
									   false, 0);
	desc = portal->tupDesc;
	if (desc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s does not return rows", arg),
				 errhint("%s", hint)));
	for (k = 0; k < ncols; k++)
	{
		int			found = -1;

		for (a = 0; a < desc->natts; a++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, a);

			if (!att->attisdropped && strcmp(NameStr(att->attname), cols[k].name) == 0)
			{
				if (found >= 0)
					ereport(ERROR,
							(errcode(ERRCODE_AMBIGUOUS_COLUMN),
							 errmsg("%s returns column \"%s\" more than once",
									arg, cols[k].name),
							 errhint("%s", hint)));
				found = a;
			}
		}
		present[k] = found >= 0;
		if (found < 0)
		{
			if (!cols[k].required)
				continue;
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s has no column \"%s\"", arg, cols[k].name),
					 errhint("%s", hint)));
		}
		if (!type_matches(TupleDescAttr(desc, found)->atttypid, cols[k].kind))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of %s has type %s, not %s",
							cols[k].name, arg,
							format_type_be(TupleDescAttr(desc, found)->atttypid),
							kind_label(cols[k].kind)),
					 errhint("%s", hint)));
	}
	SPI_cursor_close(portal);
}
