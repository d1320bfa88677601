/*
 * decay.c
 *	  SQL interface of palliative.decay: I/O, weights, cutoff.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "core/types/decay.h"
#include "decay_glue.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(decay_in);
PG_FUNCTION_INFO_V1(decay_out);
PG_FUNCTION_INFO_V1(decay_recv);
PG_FUNCTION_INFO_V1(decay_send);
PG_FUNCTION_INFO_V1(decay_weight);
PG_FUNCTION_INFO_V1(decay_cutoff);
PG_FUNCTION_INFO_V1(decay_is_time);

/* the check shared by input and receive: the same rules for both */
static inline void
CheckDecay(const pal_decay *d, size_t size)
{
	pal_error	err;

	pal_check(pal_decay_check(d, size, &err), &err);
}

Datum
decay_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	pal_allocator a = pal_context_allocator(CurrentMemoryContext);
	pal_decay  *d;
	pal_error	err;

	pal_check(pal_decay_parse(str, strlen(str), &a, &d, &err), &err);
	SET_VARSIZE(d, PAL_DECAY_SIZE(d->nsteps));
	CheckDecay(d, VARSIZE(d));
	PG_RETURN_POINTER(d);
}

Datum
decay_out(PG_FUNCTION_ARGS)
{
	pal_decay  *d = PG_GETARG_DECAY_P(0);
	size_t		len = pal_decay_format(d, NULL, 0);
	char	   *buf = palloc(len + 1);

	pal_decay_format(d, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

/*
 * Binary form: kind, unit, rate_unit (int8 each), nsteps (int32), param,
 * cutoff, param2 (the logistic's standard deviation, else 0), then nsteps
 * bounds and nsteps weights (float8 each).
 */
Datum
decay_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			kind,
				unit,
				rate_unit,
				nsteps,
				k;
	pal_decay  *d;

	if (msg->len - msg->cursor < 3 + 4 + 24)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid decay: binary value has %d bytes, fewer than 31",
						msg->len - msg->cursor)));
	kind = pq_getmsgint(msg, 1);
	unit = pq_getmsgint(msg, 1);
	rate_unit = pq_getmsgint(msg, 1);
	nsteps = (int) pq_getmsgint(msg, 4);
	if (nsteps < 0 || nsteps > PAL_DECAY_MAX_STEPS ||
		msg->len - msg->cursor != 24 + 16 * nsteps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid decay: %d steps do not match the %d bytes left",
						nsteps, msg->len - msg->cursor)));
	d = palloc0(PAL_DECAY_SIZE(nsteps));
	SET_VARSIZE(d, PAL_DECAY_SIZE(nsteps));
	d->kind = (uint8) kind;
	d->unit = (uint8) unit;
	d->rate_unit = (uint8) rate_unit;
	d->nsteps = nsteps;
	d->param = pq_getmsgfloat8(msg);
	d->cutoff = pq_getmsgfloat8(msg);
	d->param2 = pq_getmsgfloat8(msg);
	for (k = 0; k < 2 * nsteps; k++)
		d->steps[k] = pq_getmsgfloat8(msg);
	CheckDecay(d, VARSIZE(d));
	PG_RETURN_POINTER(d);
}

Datum
decay_send(PG_FUNCTION_ARGS)
{
	pal_decay  *d = PG_GETARG_DECAY_P(0);
	StringInfoData buf;
	int			k;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, d->kind);
	pq_sendint8(&buf, d->unit);
	pq_sendint8(&buf, d->rate_unit);
	pq_sendint32(&buf, d->nsteps);
	pq_sendfloat8(&buf, d->param);
	pq_sendfloat8(&buf, d->cutoff);
	pq_sendfloat8(&buf, d->param2);
	for (k = 0; k < 2 * d->nsteps; k++)
		pq_sendfloat8(&buf, d->steps[k]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
decay_weight(PG_FUNCTION_ARGS)
{
	pal_decay  *d = PG_GETARG_DECAY_P(0);
	float8		x = PG_GETARG_FLOAT8(1);

	if (isnan(x) || x < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("distance %g is out of range for decay_weight", x),
				 errdetail("The distance (metres) or cost (minutes) must not be negative or NaN.")));
	PG_RETURN_FLOAT8(pal_decay_weight(d, x));
}

Datum
decay_cutoff(PG_FUNCTION_ARGS)
{
	pal_decay  *d = PG_GETARG_DECAY_P(0);

	PG_RETURN_FLOAT8(d->cutoff);
}

Datum
decay_is_time(PG_FUNCTION_ARGS)
{
	pal_decay  *d = PG_GETARG_DECAY_P(0);

	PG_RETURN_BOOL(pal_decay_is_time(d));
}
