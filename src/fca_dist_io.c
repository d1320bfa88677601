/*
 * fca_dist_io.c
 *	  Input and output of the distributable form's types:
 *	  palliative.prepared_supply, palliative.fca_part, palliative.fca_sums.
 *
 * The binary form is the core's external form (little-endian fields); the
 * text form is that in base64.  Input and receive decode through the same
 * core decoder, which checks every field: what another backend or node sends
 * is validated before use.  Text input errors are 22P02, binary ones 22P03.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/engine/fca_dist.h"
#include "core/types/base64.h"
#include "dist_glue.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(prepared_supply_in);
PG_FUNCTION_INFO_V1(prepared_supply_out);
PG_FUNCTION_INFO_V1(prepared_supply_recv);
PG_FUNCTION_INFO_V1(prepared_supply_send);
PG_FUNCTION_INFO_V1(fca_part_in);
PG_FUNCTION_INFO_V1(fca_part_out);
PG_FUNCTION_INFO_V1(fca_part_recv);
PG_FUNCTION_INFO_V1(fca_part_send);
PG_FUNCTION_INFO_V1(fca_sums_in);
PG_FUNCTION_INFO_V1(fca_sums_out);
PG_FUNCTION_INFO_V1(fca_sums_recv);
PG_FUNCTION_INFO_V1(fca_sums_send);

/* how one type is encoded and decoded by the core */
typedef struct dist_codec
{
	const char *type;
	size_t		(*encoded_size) (const void *value);
	void		(*encode) (const void *value, uint8_t *buf);
	pal_status	(*decode) (const uint8_t *buf, size_t len,
						   const pal_allocator *alloc, void **out,
						   pal_error *err);
	size_t		(*size) (const void *value);
} dist_codec;

#define CODEC_WRAP(name, ctype) \
static size_t name##_esize(const void *v) { return pal_##name##_encoded_size((const ctype *) v); } \
static void name##_enc(const void *v, uint8_t *b) { pal_##name##_encode((const ctype *) v, b); } \
static size_t name##_vsize(const void *v) { return pal_##name##_size((const ctype *) v); } \
static pal_status name##_dec(const uint8_t *b, size_t n, const pal_allocator *a, void **out, pal_error *e) \
{ return pal_##name##_decode(b, n, a, (ctype **) out, e); }

CODEC_WRAP(supply, pal_supply)
CODEC_WRAP(part, pal_part)
CODEC_WRAP(sums, pal_sums)

static const dist_codec supply_codec = {
	"prepared_supply", supply_esize, supply_enc, supply_dec, supply_vsize
};
static const dist_codec part_codec = {
	"fca_part", part_esize, part_enc, part_dec, part_vsize
};
static const dist_codec sums_codec = {
	"fca_sums", sums_esize, sums_enc, sums_dec, sums_vsize
};

/* decode bytes into a value (a varlena), raising with code on failure */
static Datum
decode_value(const dist_codec *c, const uint8_t *buf, size_t len, int code)
{
	pal_allocator a = pal_context_allocator(CurrentMemoryContext);
	void	   *v;
	pal_error	err;
	pal_status	st = c->decode(buf, len, &a, &v, &err);

	if (st != PAL_OK)
	{
		if (st != PAL_ERR_BINARY)
			pal_raise(&err);
		ereport(ERROR,
				(errcode(code),
				 errmsg_internal("%s", err.message),
				 err.detail[0] ? errdetail_internal("%s", err.detail) : 0));
	}
	if (c->size(v) > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s value of %zu bytes is too large", c->type, c->size(v))));
	SET_VARSIZE(v, c->size(v));
	return PointerGetDatum(v);
}

static Datum
value_in(const dist_codec *c, const char *str)
{
	size_t		len = strlen(str),
				max = pal_base64_decoded_max(len);
	uint8_t    *buf;
	long		n;

	if (max > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s text of %zu characters is too long", c->type, len)));
	buf = palloc_extended(Max(max, 1), MCXT_ALLOC_HUGE);
	n = pal_base64_decode(str, len, buf);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s", c->type),
				 errdetail("The text form is base64 of the binary form, as the output function writes it.")));
	return decode_value(c, buf, (size_t) n, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

static char *
value_out(const dist_codec *c, const void *v)
{
	size_t		n = c->encoded_size(v),
				tlen = pal_base64_encoded_len(n);
	uint8_t    *buf;
	char	   *out;

	if (tlen == 0 && n > 0)
		tlen = MaxAllocHugeSize;
	if (tlen >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s value of %zu bytes is too large for its text form", c->type, n),
				 errhint("Use the binary form (COPY ... WITH (FORMAT binary)) for values this large.")));
	buf = palloc_extended(Max(n, 1), MCXT_ALLOC_HUGE);
	c->encode(v, buf);
	out = palloc(tlen + 1);
	pal_base64_encode(buf, n, out);
	out[tlen] = '\0';
	pfree(buf);
	return out;
}

static Datum
value_recv(const dist_codec *c, StringInfo msg)
{
	size_t		len = (size_t) (msg->len - msg->cursor);
	const uint8_t *buf = (const uint8_t *) pq_getmsgbytes(msg, msg->len - msg->cursor);

	return decode_value(c, buf, len, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

static bytea *
value_send(const dist_codec *c, const void *v)
{
	size_t		n = c->encoded_size(v);
	bytea	   *out;

	if (n > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s value of %zu bytes is too large", c->type, n)));
	out = palloc(VARHDRSZ + n);
	SET_VARSIZE(out, VARHDRSZ + n);
	c->encode(v, (uint8_t *) VARDATA(out));
	return out;
}

/* a sums argument in final form (the aggregate's state may be working) */
static pal_sums *
final_sums(FunctionCallInfo fcinfo)
{
	pal_sums   *s = (pal_sums *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));

	return (s->flags & PAL_SUMS_WORKING) ? pal_sums_finalized(s) : s;
}

Datum
prepared_supply_in(PG_FUNCTION_ARGS)
{
	return value_in(&supply_codec, PG_GETARG_CSTRING(0));
}

Datum
prepared_supply_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(value_out(&supply_codec, PG_DETOAST_DATUM(PG_GETARG_DATUM(0))));
}

Datum
prepared_supply_recv(PG_FUNCTION_ARGS)
{
	return value_recv(&supply_codec, (StringInfo) PG_GETARG_POINTER(0));
}

Datum
prepared_supply_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(value_send(&supply_codec, PG_DETOAST_DATUM(PG_GETARG_DATUM(0))));
}

Datum
fca_part_in(PG_FUNCTION_ARGS)
{
	return value_in(&part_codec, PG_GETARG_CSTRING(0));
}

Datum
fca_part_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(value_out(&part_codec, PG_DETOAST_DATUM(PG_GETARG_DATUM(0))));
}

Datum
fca_part_recv(PG_FUNCTION_ARGS)
{
	return value_recv(&part_codec, (StringInfo) PG_GETARG_POINTER(0));
}

Datum
fca_part_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(value_send(&part_codec, PG_DETOAST_DATUM(PG_GETARG_DATUM(0))));
}

Datum
fca_sums_in(PG_FUNCTION_ARGS)
{
	return value_in(&sums_codec, PG_GETARG_CSTRING(0));
}

Datum
fca_sums_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(value_out(&sums_codec, final_sums(fcinfo)));
}

Datum
fca_sums_recv(PG_FUNCTION_ARGS)
{
	return value_recv(&sums_codec, (StringInfo) PG_GETARG_POINTER(0));
}

Datum
fca_sums_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(value_send(&sums_codec, final_sums(fcinfo)));
}
