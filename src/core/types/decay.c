/*
 * decay.c
 *	  Distance-decay functions: parsing, checking, formatting, weights.
 */
#include "types/decay.h"

#include <ctype.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[PAL_DECAY__NKINDS] = {
	"binary", "linear", "gaussian", "exponential", "power", "step", "logistic"
};

static const char *const unit_names[PAL_UNIT__COUNT] = {"m", "km", "min", "h"};
static const double unit_factors[PAL_UNIT__COUNT] = {1.0, 1000.0, 1.0, 60.0};

#define PAL_DECAY_PI	3.14159265358979323846
#define PAL_DECAY_SQRT3 1.73205080756887729353

#define DECAY_FORMS_HINT \
	"Valid forms: binary(30km), linear(30km), gaussian(30km), " \
	"exponential(0.1/km, 60km), power(1.5, 60km), " \
	"step(10km:1, 20km:0.68, 30km:0.22), logistic(30km, 10km, 60km) " \
	"(median, standard deviation, cutoff); units m, km, min, h."

double
pal_unit_factor(int unit)
{
	return (unit >= 0 && unit < PAL_UNIT__COUNT) ? unit_factors[unit] : 1.0;
}

const char *
pal_unit_name(int unit)
{
	return (unit >= 0 && unit < PAL_UNIT__COUNT) ? unit_names[unit] : "?";
}

const char *
pal_decay_kind_name(int kind)
{
	return (kind >= 0 && kind < PAL_DECAY__NKINDS) ? kind_names[kind] : "?";
}

static int
unit_is_time(int unit)
{
	return unit == PAL_UNIT_MINUTE || unit == PAL_UNIT_HOUR;
}

int
pal_decay_is_time(const pal_decay *d)
{
	return unit_is_time(d->unit);
}

pal_status
pal_decay_check_costs(const pal_decay *d, int has_costs, pal_error *err)
{
	if (has_costs || !pal_decay_is_time(d))
		return PAL_OK;
	pal_error_set(err, PAL_ERR_VALUE, "a travel-time decay needs cost_sql");
	pal_error_detail(err, "The decay is measured in %s, but without cost_sql distances are great-circle metres.",
					 pal_unit_name(d->unit));
	pal_error_hint(err, "Pass cost_sql returning (demand_id, supply_id, cost) with costs in minutes, or use a distance unit (m, km).");
	return PAL_ERR_VALUE;
}

int
pal_decay_equal(const pal_decay *a, const pal_decay *b)
{
	size_t		size;

	if (a->kind != b->kind || pal_decay_is_time(a) != pal_decay_is_time(b) ||
		a->cutoff != b->cutoff || a->nsteps != b->nsteps)
		return 0;
	switch (a->kind)
	{
		case PAL_DECAY_BINARY:
		case PAL_DECAY_LINEAR:
		case PAL_DECAY_GAUSSIAN:
			return 1;
		case PAL_DECAY_STEP:
			return memcmp(a->steps, b->steps, 2 * (size_t) a->nsteps * sizeof(double)) == 0;
		default:
			/* every byte after the length word: units and parameters alike */
			size = PAL_DECAY_SIZE(a->nsteps) - sizeof(a->vl_len_);
			return memcmp((const char *) a + sizeof(a->vl_len_),
						  (const char *) b + sizeof(b->vl_len_), size) == 0;
	}
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct cursor
{
	const char *s;
	size_t		len;
	size_t		pos;
} cursor;

static void
skip_ws(cursor *c)
{
	while (c->pos < c->len && isspace((unsigned char) c->s[c->pos]))
		c->pos++;
}

static int
accept_char(cursor *c, char ch)
{
	skip_ws(c);
	if (c->pos < c->len && c->s[c->pos] == ch)
	{
		c->pos++;
		return 1;
	}
	return 0;
}

/* a word of letters and underscores; returns its length (0 if none) */
static size_t
scan_word(cursor *c, const char **start)
{
	size_t		n = 0;

	skip_ws(c);
	*start = c->s + c->pos;
	while (c->pos < c->len &&
		   (isalpha((unsigned char) c->s[c->pos]) || c->s[c->pos] == '_'))
	{
		c->pos++;
		n++;
	}
	return n;
}

/* a plain decimal number: [+-]digits[.digits][(e|E)[+-]digits] */
static int
scan_number(cursor *c, double *out)
{
	char		buf[64];
	size_t		start,
				n;
	int			digits = 0;
	char	   *end;

	skip_ws(c);
	start = c->pos;
	if (c->pos < c->len && (c->s[c->pos] == '+' || c->s[c->pos] == '-'))
		c->pos++;
	while (c->pos < c->len && isdigit((unsigned char) c->s[c->pos]))
		c->pos++, digits++;
	if (c->pos < c->len && c->s[c->pos] == '.')
	{
		c->pos++;
		while (c->pos < c->len && isdigit((unsigned char) c->s[c->pos]))
			c->pos++, digits++;
	}
	if (digits == 0)
	{
		c->pos = start;
		return 0;
	}
	if (c->pos < c->len && (c->s[c->pos] == 'e' || c->s[c->pos] == 'E'))
	{
		size_t		save = c->pos;
		int			ed = 0;

		c->pos++;
		if (c->pos < c->len && (c->s[c->pos] == '+' || c->s[c->pos] == '-'))
			c->pos++;
		while (c->pos < c->len && isdigit((unsigned char) c->s[c->pos]))
			c->pos++, ed++;
		if (ed == 0)
			c->pos = save;
	}
	n = c->pos - start;
	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, c->s + start, n);
	buf[n] = '\0';
	*out = strtod(buf, &end);
	if (*out == 0.0)
		*out = 0.0;				/* -0 reads as 0: one value, one text form */
	return isfinite(*out) ? 1 : 0;
}

static int
lookup_unit(const char *w, size_t n)
{
	int			u;

	for (u = 0; u < PAL_UNIT__COUNT; u++)
		if (strlen(unit_names[u]) == n && strncmp(w, unit_names[u], n) == 0)
			return u;
	return -1;
}

static int
scan_unit(cursor *c)
{
	const char *w;
	size_t		n = scan_word(c, &w);

	return n ? lookup_unit(w, n) : -1;
}

/* quantity: number unit; value converted to the base unit */
static int
scan_quantity(cursor *c, double *base, int *unit)
{
	double		v;

	if (!scan_number(c, &v))
		return 0;
	*unit = scan_unit(c);
	if (*unit < 0)
		return 0;
	*base = v * unit_factors[*unit];
	return isfinite(*base);
}

static pal_status
syntax_error(pal_error *err, const char *str, size_t len, const char *why)
{
	char		q[128];

	pal_quote_prefix(q, sizeof(q), str, len, 100);
	pal_error_set(err, PAL_ERR_SYNTAX,
				  "invalid input syntax for type decay: \"%s\"", q);
	pal_error_detail(err, "%s", why);
	pal_error_hint(err, "%s", DECAY_FORMS_HINT);
	return PAL_ERR_SYNTAX;
}

/*
 * The shortest decimal x with x * factor == v exactly as the parser computes
 * it; returns 0 when there is none (then buf holds v / factor, which parses
 * back to a slightly different value).  v / factor may lie an ulp or two off
 * the x that multiplies back to v, so its neighbours are tried too.
 */
static int
format_number(char *buf, size_t buflen, double v, double factor)
{
	int			p,
				pass,
				k;
	double		x;

	/* prefer plain notation (30, not 3e+01); exponents only when needed */
	for (pass = 0; pass < 2; pass++)
		for (p = 1; p <= 17; p++)
		{
			snprintf(buf, buflen, "%.*g", p, v / factor);
			if (pass == 0 && strchr(buf, 'e') != NULL)
				continue;
			if (strtod(buf, NULL) * factor == v)
				return 1;
		}
	for (k = 1; k <= 2; k++)
	{
		x = v / factor;
		for (p = 0; p < k; p++)
			x = nextafter(x, HUGE_VAL);
		snprintf(buf, buflen, "%.17g", x);
		if (strtod(buf, NULL) * factor == v)
			return 1;
		x = v / factor;
		for (p = 0; p < k; p++)
			x = nextafter(x, -HUGE_VAL);
		snprintf(buf, buflen, "%.17g", x);
		if (strtod(buf, NULL) * factor == v)
			return 1;
	}
	snprintf(buf, buflen, "%.17g", v / factor);
	return 0;
}

/* whether a quantity in the base unit has a text form in unit that parses back to it */
static int
quantity_has_text(double v, int unit)
{
	char		buf[64];

	return format_number(buf, sizeof(buf), v, unit_factors[unit]);
}

/*
 * The logistic's own rules: median (param) >= 0 and standard deviation
 * (param2) > 0, both with an exact text form in their unit (rate_unit), of
 * the same kind of unit as the cutoff, and a finite steepness.
 */
static const char *
logistic_invalid(const pal_decay *d)
{
	if (unit_is_time(d->rate_unit) != unit_is_time(d->unit))
		return "The median, the standard deviation and the cutoff must all measure distance or all travel time.";
	if (!isfinite(d->param2) || d->param2 <= 0.0)
		return "The standard deviation must be positive.";
	if (!isfinite(PAL_DECAY_PI / (d->param2 * PAL_DECAY_SQRT3)))
		return "The standard deviation is too small.";
	if (!quantity_has_text(d->param, d->rate_unit) ||
		!quantity_has_text(d->param2, d->rate_unit))
		return "The median or the standard deviation has no exact text form in the median's unit (give both in the same unit).";
	return NULL;
}

/*
 * The checks shared by text input and binary input: returns NULL when the
 * decay is valid, else why not.
 */
static const char *
decay_invalid(const pal_decay *d)
{
	int			k;
	const char *why;

	if (d->kind >= PAL_DECAY__NKINDS)
		return "Unknown decay kind.";
	if (d->unit >= PAL_UNIT__COUNT || d->rate_unit >= PAL_UNIT__COUNT)
		return "Unknown unit.";
	if (d->flags != 0 || d->reserved != 0)
		return "Reserved fields are not zero.";
	if (!isfinite(d->cutoff) || d->cutoff <= 0.0)
		return "The cutoff must be positive.";
	if (!isfinite(d->param) || d->param < 0.0 || signbit(d->param))
		return "The rate or exponent must be a non-negative number.";
	if (d->kind == PAL_DECAY_EXPONENTIAL)
	{
		if (unit_is_time(d->rate_unit) != unit_is_time(d->unit))
			return "The rate and the cutoff must both measure distance or both travel time.";
	}
	else if (d->kind == PAL_DECAY_LOGISTIC)
	{
		why = logistic_invalid(d);
		if (why != NULL)
			return why;
	}
	else if (d->rate_unit != 0)
		return "Only exponential and logistic have a second unit.";
	if (d->kind != PAL_DECAY_EXPONENTIAL && d->kind != PAL_DECAY_POWER &&
		d->kind != PAL_DECAY_LOGISTIC && d->param != 0.0)
		return "Only exponential, power and logistic take a parameter.";
	if (d->kind != PAL_DECAY_LOGISTIC && (d->param2 != 0.0 || signbit(d->param2)))
		return "Only logistic takes a standard deviation.";
	if (d->kind == PAL_DECAY_STEP)
	{
		const double *b = PAL_DECAY_BOUNDS(d);
		const double *w = PAL_DECAY_WEIGHTS(d);

		if (d->nsteps < 1 || d->nsteps > PAL_DECAY_MAX_STEPS)
			return "A step decay needs between 1 and 1000 steps.";
		for (k = 0; k < d->nsteps; k++)
		{
			if (!isfinite(b[k]) || b[k] <= 0.0)
				return "Step bounds must be positive.";
			if (k > 0 && !(b[k] > b[k - 1]))
				return "Step bounds must be strictly increasing.";
			if (!(w[k] >= 0.0 && w[k] <= 1.0) || signbit(w[k]))
				return "Step weights must lie in [0, 1].";
			if (!quantity_has_text(b[k], d->unit))
				return "A step bound has no exact text form in its unit (pg_dump could not restore it).";
		}
		if (b[d->nsteps - 1] != d->cutoff)
			return "The cutoff of a step decay is its last bound.";
	}
	else if (d->nsteps != 0)
		return "Only a step decay has steps.";
	if (!quantity_has_text(d->cutoff, d->unit))
		return "The cutoff has no exact text form in its unit (pg_dump could not restore it).";
	return NULL;
}

/* the logistic's median, standard deviation and cutoff; NULL or why not */
static const char *
scan_logistic(cursor *c, pal_decay *hdr)
{
	int			u,
				us;

	if (!scan_quantity(c, &hdr->param, &u) || !accept_char(c, ',') ||
		!scan_quantity(c, &hdr->param2, &us))
		return "Expected a median and a standard deviation such as 30km, 10km.";
	hdr->rate_unit = (uint8_t) u;
	if (!accept_char(c, ',') || !scan_quantity(c, &hdr->cutoff, &u))
		return "Expected a cutoff such as 60km after the standard deviation.";
	hdr->unit = (uint8_t) u;
	if (unit_is_time(us) != unit_is_time(hdr->rate_unit))
		return "The median, the standard deviation and the cutoff must all measure distance or all travel time.";
	return NULL;
}

pal_status
pal_decay_parse(const char *str, size_t len, const pal_allocator *alloc,
				pal_decay **out, pal_error *err)
{
	cursor		c = {str, len, 0};
	const char *w;
	size_t		n;
	int			kind = -1,
				k;
	pal_decay	hdr;
	double		bounds[PAL_DECAY_MAX_STEPS];
	double		weights[PAL_DECAY_MAX_STEPS];
	int			nsteps = 0;
	const char *why;
	pal_decay  *d;

	*out = NULL;
	memset(&hdr, 0, sizeof(hdr));
	n = scan_word(&c, &w);
	for (k = 0; k < PAL_DECAY__NKINDS && n > 0; k++)
		if (strlen(kind_names[k]) == n && strncmp(w, kind_names[k], n) == 0)
			kind = k;
	if (kind < 0)
		return syntax_error(err, str, len, "Unknown decay kind.");
	hdr.kind = (uint8_t) kind;
	if (!accept_char(&c, '('))
		return syntax_error(err, str, len, "Expected \"(\" after the kind.");

	switch (kind)
	{
		case PAL_DECAY_BINARY:
		case PAL_DECAY_LINEAR:
		case PAL_DECAY_GAUSSIAN:
			{
				int			u;

				if (!scan_quantity(&c, &hdr.cutoff, &u))
					return syntax_error(err, str, len,
										"Expected a cutoff such as 30km (units m, km, min, h).");
				hdr.unit = (uint8_t) u;
				break;
			}
		case PAL_DECAY_EXPONENTIAL:
			{
				int			u;

				if (!scan_number(&c, &hdr.param) || !accept_char(&c, '/') ||
					(u = scan_unit(&c)) < 0)
					return syntax_error(err, str, len,
										"Expected a rate such as 0.1/km.");
				hdr.rate_unit = (uint8_t) u;
				if (!accept_char(&c, ',') || !scan_quantity(&c, &hdr.cutoff, &u))
					return syntax_error(err, str, len,
										"Expected a cutoff such as 60km after the rate.");
				hdr.unit = (uint8_t) u;
				break;
			}
		case PAL_DECAY_POWER:
			{
				int			u;

				if (!scan_number(&c, &hdr.param))
					return syntax_error(err, str, len,
										"Expected an exponent such as 1.5.");
				if (!accept_char(&c, ',') || !scan_quantity(&c, &hdr.cutoff, &u))
					return syntax_error(err, str, len,
										"Expected a cutoff such as 60km after the exponent.");
				hdr.unit = (uint8_t) u;
				break;
			}
		case PAL_DECAY_LOGISTIC:
			why = scan_logistic(&c, &hdr);
			if (why != NULL)
				return syntax_error(err, str, len, why);
			break;
		case PAL_DECAY_STEP:
			{
				int			u = 0;

				do
				{
					int			su;

					if (nsteps >= PAL_DECAY_MAX_STEPS)
						return syntax_error(err, str, len,
											"A step decay has at most 1000 steps.");
					if (!scan_quantity(&c, &bounds[nsteps], &su) ||
						!accept_char(&c, ':') ||
						!scan_number(&c, &weights[nsteps]))
						return syntax_error(err, str, len,
											"Expected steps such as 10km:1, 20km:0.5.");
					if (nsteps > 0 && unit_is_time(su) != unit_is_time(u))
						return syntax_error(err, str, len,
											"All steps must measure distance or all travel time.");
					u = su;
					nsteps++;
				} while (accept_char(&c, ','));
				hdr.unit = (uint8_t) u;
				hdr.cutoff = bounds[nsteps - 1];
				break;
			}
	}
	if (!accept_char(&c, ')'))
		return syntax_error(err, str, len, "Expected \")\".");
	skip_ws(&c);
	if (c.pos != c.len)
		return syntax_error(err, str, len, "Unexpected text after \")\".");

	d = alloc->alloc(alloc->ctx, PAL_DECAY_SIZE(nsteps));
	if (d == NULL)
		return pal_error_nomem(err);
	memcpy(d, &hdr, PAL_DECAY_HEADER_SIZE);
	d->nsteps = nsteps;
	if (nsteps > 0)
	{
		memcpy(PAL_DECAY_BOUNDS(d), bounds, nsteps * sizeof(double));
		memcpy(PAL_DECAY_WEIGHTS(d), weights, nsteps * sizeof(double));
	}
	why = decay_invalid(d);
	if (why != NULL)
	{
		alloc->release(alloc->ctx, d);
		return syntax_error(err, str, len, why);
	}
	*out = d;
	return PAL_OK;
}

pal_status
pal_decay_check(const pal_decay *d, size_t size, pal_error *err)
{
	const char *why;

	if (size < PAL_DECAY_HEADER_SIZE)
		return pal_error_set(err, PAL_ERR_BINARY,
							 "invalid decay: %zu bytes is too short", size);
	if (d->nsteps < 0 || d->nsteps > PAL_DECAY_MAX_STEPS ||
		size != PAL_DECAY_SIZE(d->nsteps))
		return pal_error_set(err, PAL_ERR_BINARY,
							 "invalid decay: size %zu does not match %d steps",
							 size, (int) d->nsteps);
	why = decay_invalid(d);
	if (why != NULL)
	{
		pal_error_set(err, PAL_ERR_BINARY, "invalid binary decay value");
		pal_error_detail(err, "%s", why);
		return PAL_ERR_BINARY;
	}
	return PAL_OK;
}

/* ---- formatting ------------------------------------------------------- */

typedef struct outbuf
{
	char	   *buf;
	size_t		len;
	size_t		pos;
} outbuf;

static void
put(outbuf *o, const char *s)
{
	size_t		n = strlen(s);

	if (o->pos < o->len)
	{
		size_t		room = o->len - o->pos - 1;

		memcpy(o->buf + o->pos, s, n < room ? n : room);
		o->buf[o->pos + (n < room ? n : room)] = '\0';
	}
	o->pos += n;
}

static void
put_quantity(outbuf *o, double v, int unit)
{
	char		num[64];

	format_number(num, sizeof(num), v, unit_factors[unit]);
	put(o, num);
	put(o, unit_names[unit]);
}

size_t
pal_decay_format(const pal_decay *d, char *buf, size_t buflen)
{
	outbuf		o = {buf, buflen, 0};
	char		num[64];
	int			k;

	if (buflen > 0)
		buf[0] = '\0';
	put(&o, pal_decay_kind_name(d->kind));
	put(&o, "(");
	switch (d->kind)
	{
		case PAL_DECAY_EXPONENTIAL:
			format_number(num, sizeof(num), d->param, 1.0);
			put(&o, num);
			put(&o, "/");
			put(&o, pal_unit_name(d->rate_unit));
			put(&o, ", ");
			put_quantity(&o, d->cutoff, d->unit);
			break;
		case PAL_DECAY_POWER:
			format_number(num, sizeof(num), d->param, 1.0);
			put(&o, num);
			put(&o, ", ");
			put_quantity(&o, d->cutoff, d->unit);
			break;
		case PAL_DECAY_LOGISTIC:
			put_quantity(&o, d->param, d->rate_unit);
			put(&o, ", ");
			put_quantity(&o, d->param2, d->rate_unit);
			put(&o, ", ");
			put_quantity(&o, d->cutoff, d->unit);
			break;
		case PAL_DECAY_STEP:
			for (k = 0; k < d->nsteps; k++)
			{
				if (k > 0)
					put(&o, ", ");
				put_quantity(&o, PAL_DECAY_BOUNDS(d)[k], d->unit);
				put(&o, ":");
				format_number(num, sizeof(num), PAL_DECAY_WEIGHTS(d)[k], 1.0);
				put(&o, num);
			}
			break;
		default:
			put_quantity(&o, d->cutoff, d->unit);
			break;
	}
	put(&o, ")");
	return o.pos;
}

/* ---- weights ---------------------------------------------------------- */

void
pal_decay_prepare(const pal_decay *d, pal_decay_eval_ctx *ctx)
{
	ctx->kind = d->kind;
	ctx->cutoff = d->cutoff;
	/* a subnormal cutoff has no finite inverse: 0 makes pal_decay_eval divide */
	ctx->inv_cutoff = 1.0 / d->cutoff;
	if (!(ctx->inv_cutoff <= DBL_MAX))
		ctx->inv_cutoff = 0.0;
	ctx->param = d->param;
	if (d->kind == PAL_DECAY_EXPONENTIAL)
		ctx->scale = 1.0 / unit_factors[d->rate_unit];
	else
		ctx->scale = 1.0 / unit_factors[d->unit];
	ctx->nsteps = d->nsteps;
	ctx->bounds = d->nsteps ? PAL_DECAY_BOUNDS(d) : NULL;
	ctx->weights = d->nsteps ? PAL_DECAY_WEIGHTS(d) : NULL;
	ctx->median = ctx->steep = ctx->g0 = 0.0;
	if (d->kind == PAL_DECAY_LOGISTIC)
	{
		ctx->median = d->param;
		ctx->steep = PAL_DECAY_PI / (d->param2 * PAL_DECAY_SQRT3);
		ctx->g0 = 1.0 + exp(-(ctx->steep * ctx->median));
	}
}

double
pal_decay_weight(const pal_decay *d, double dist)
{
	pal_decay_eval_ctx c;

	pal_decay_prepare(d, &c);
	return pal_decay_eval(&c, dist);
}
