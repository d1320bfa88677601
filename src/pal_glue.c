/*
 * pal_glue.c
 *	  Error and memory glue between the core library and the server.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "pal_glue.h"

PG_MODULE_MAGIC;

int
pal_sqlstate(pal_status code)
{
	switch (code)
	{
		case PAL_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case PAL_ERR_VALUE:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case PAL_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case PAL_ERR_NULL:
			return ERRCODE_NULL_VALUE_NOT_ALLOWED;
		case PAL_ERR_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case PAL_ERR_UNIQUE:
			return ERRCODE_UNIQUE_VIOLATION;
		case PAL_ERR_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case PAL_ERR_INTERRUPTED:
			return ERRCODE_QUERY_CANCELED;
		case PAL_ERR_DATETIME:
			return ERRCODE_INVALID_DATETIME_FORMAT;
		case PAL_ERR_COLUMN:
			return ERRCODE_UNDEFINED_COLUMN;
		case PAL_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

void
pal_raise(const pal_error *err)
{
	if (err->code == PAL_ERR_INTERRUPTED)
		CHECK_FOR_INTERRUPTS();
	ereport(ERROR,
			(errcode(pal_sqlstate(err->code)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}

static void *
context_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size == 0 ? 1 : size,
									  MCXT_ALLOC_HUGE);
}

static void
context_release(void *ctx, void *ptr)
{
	(void) ctx;
	if (ptr != NULL)
		pfree(ptr);
}

static int
context_interrupt(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
	return 0;
}

pal_allocator
pal_context_allocator(MemoryContext cxt)
{
	pal_allocator a;

	a.alloc = context_alloc;
	a.release = context_release;
	a.check_interrupt = context_interrupt;
	a.ctx = cxt;
	return a;
}

bytea *
pal_bytea_from(const void *data, size_t len)
{
	bytea	   *out;

	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("value of %zu bytes is too large", len)));
	out = palloc(VARHDRSZ + len);
	SET_VARSIZE(out, VARHDRSZ + len);
	memcpy(VARDATA(out), data, len);
	return out;
}
