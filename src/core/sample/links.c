/*
 * links.c
 *	  Links of the generated sample's care network.
 */
#include "sample/links.h"

#include <math.h>
#include <string.h>

#include "engine/geodesy.h"
#include "sample/rng.h"

/* the links' own stream: splitmix64 (sample/rng.h) */
typedef struct rng
{
	uint64_t	s;
} rng;

static double
uniform(rng *r)
{
	return pal_splitmix_uniform(&r->s);
}

static int
range(rng *r, int lo, int hi)
{
	return lo + (int) (uniform(r) * (double) (hi - lo + 1));
}

int32_t
pal_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil, shifted to 2000-01-01 */
	int			era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t) (era * 146097 + doe - 719468 - 10957);
}

typedef struct out
{
	pal_net_link *l;
	size_t		n,
				cap;
	const pal_allocator *alloc;
} out;

static int
push(out *o, uint32_t from, uint32_t to, int kind, int32_t since, int32_t until)
{
	if (o->n == o->cap)
	{
		size_t		cap = o->cap ? o->cap * 2 : 1024,
					bytes;
		pal_net_link *l;

		if (pal_mul_size(cap, sizeof(pal_net_link), &bytes))
			return 1;
		l = o->alloc->alloc(o->alloc->ctx, bytes);
		if (l == NULL)
			return 1;
		if (o->n)
			memcpy(l, o->l, o->n * sizeof(pal_net_link));
		if (o->l)
			o->alloc->release(o->alloc->ctx, o->l);
		o->l = l;
		o->cap = cap;
	}
	o->l[o->n].from = from;
	o->l[o->n].to = to;
	o->l[o->n].kind = kind;
	o->l[o->n].since = since;
	o->l[o->n].until = until;
	o->n++;
	return 0;
}

/* a start date from April 2012 to September 2025, and an end for one in eight */
static void
dates(rng *r, int32_t *since, int32_t *until)
{
	int32_t		lo = pal_days_from_civil(2012, 4, 1),
				hi = pal_days_from_civil(2025, 9, 30);

	*since = lo + (int32_t) (uniform(r) * (double) (hi - lo));
	*until = uniform(r) < 0.125 ? *since + range(r, 180, 1800) : PAL_NET_NO_UNTIL;
}

/* a conference link from the base hospital to a host, active around its report's fiscal year */
static int
conference_link(out *o, rng *r, const pal_net_facility *base, uint32_t bi, uint32_t pj)
{
	int			fy = base->report_fy > 0 ? base->report_fy : 2023;
	int32_t		cs = pal_days_from_civil(fy - range(r, 0, 3), 4, 1);
	int32_t		cu = uniform(r) < 0.3 ? pal_days_from_civil(fy + 1, 4, 1) : PAL_NET_NO_UNTIL;

	return push(o, bi, pj, PAL_NET_LINK_CONFERENCE, cs, cu);
}

/*
 * The links of a partnership between base hospital bi and partner pj, of
 * the kinds that fit the partner.  0, or 1 out of memory.
 */
static int
partner_links(out *o, rng *r, const pal_net_facility *p, uint32_t bi, uint32_t pj)
{
	int32_t		since,
				until;
	int			made = 0;

	dates(r, &since, &until);
	switch (p->kind)
	{
		case PAL_NET_HOSPITAL:
			if (uniform(r) < 0.7)
				made |= push(o, bi, pj, PAL_NET_LINK_BACK_REFERRAL, since, until) ? 2 : 1;
			if (uniform(r) < 0.5 || !made)
				made |= push(o, pj, bi, PAL_NET_LINK_REFERRAL, since, until) ? 2 : 1;
			if (p->tier <= 2 && uniform(r) < 0.4)
				made |= push(o, pj, bi, PAL_NET_LINK_CONSULTATION, since, until) ? 2 : 1;
			if (p->tier >= 2 && uniform(r) < 0.3)
				made |= push(o, bi, pj, PAL_NET_LINK_TRAINING, since, until) ? 2 : 1;
			break;
		case PAL_NET_CLINIC:
		case PAL_NET_CARE:
			if (uniform(r) < 0.8)
				made |= push(o, bi, pj, PAL_NET_LINK_REFERRAL, since, until) ? 2 : 1;
			if (uniform(r) < 0.3 || !made)
				made |= push(o, pj, bi, PAL_NET_LINK_CONSULTATION, since, until) ? 2 : 1;
			if (p->kind == PAL_NET_CLINIC && p->tier >= 2 && uniform(r) < 0.15)
				made |= push(o, bi, pj, PAL_NET_LINK_TRAINING, since, until) ? 2 : 1;
			break;
		case PAL_NET_NURSING:
			made |= push(o, bi, pj, PAL_NET_LINK_REFERRAL, since, until) ? 2 : 1;
			break;
		default:
			if (uniform(r) < 0.6)
				made |= push(o, pj, bi, PAL_NET_LINK_CONSULTATION, since, until) ? 2 : 1;
			else
				made |= push(o, bi, pj, PAL_NET_LINK_REFERRAL, since, until) ? 2 : 1;
			break;
	}
	return (made & 2) ? 1 : 0;
}

/*
 * The links of base hospital b with the facilities within its reach, in
 * facility order.  0, or 1 out of memory.
 */
static int
base_links(out *o, rng *r, const pal_net_facility *f, size_t n, size_t b)
{
	static const double reach_km[3] = {40.0, 30.0, 25.0};
	static const double strength[3] = {1.0, 0.8, 0.35};
	static const double by_tier[4] = {0.03, 0.2, 0.6, 0.9};
	const pal_net_facility *base = &f[b];
	double		reach = reach_km[base->base_type];
	int			hosts = 0,
				want_hosts = 0;
	size_t		j;

	if (base->conferences > 0)
		want_hosts = base->conferences < 4 ? base->conferences : 3 + base->conferences / 10;
	for (j = 0; j < n; j++)
	{
		const pal_net_facility *p = &f[j];
		double		dkm,
					u,
					prob;

		if (j == b)
			continue;
		dkm = pal_distance(base->lon, base->lat, p->lon, p->lat) / 1000.0;
		if (!(dkm <= reach))
			continue;
		u = uniform(r);
		/* conference hosts: hospitals and clinics near the base hospital */
		if (hosts < want_hosts && (p->kind == PAL_NET_HOSPITAL || p->kind == PAL_NET_CLINIC) &&
			p->tier >= 1 && uniform(r) < 0.5)
		{
			if (conference_link(o, r, base, (uint32_t) b, (uint32_t) j))
				return 1;
			hosts++;
		}
		if (p->base_type >= 0)
			continue;			/* base hospitals work together through other channels */
		prob = by_tier[p->tier < 0 ? 0 : p->tier > 3 ? 3 : p->tier] *
			strength[base->base_type] * (1.0 - 0.6 * dkm / reach);
		if (u < prob && partner_links(o, r, p, (uint32_t) b, (uint32_t) j))
			return 1;
	}
	return 0;
}

pal_status
pal_sample_links(uint64_t seed, const pal_net_facility *f, size_t n,
				 pal_net_link **outp, size_t *nout,
				 const pal_allocator *alloc, pal_error *err)
{
	out			o = {NULL, 0, 0, alloc};
	rng			r;
	size_t		b;

	*outp = NULL;
	*nout = 0;
	if (n >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE, "too many facilities: %zu", n);
	r.s = seed * 0x2545F4914F6CDD1DULL + 0x6E6574776F726BULL;	/* "network" */
	for (b = 0; b < n; b++)
	{
		if (f[b].base_type < 0 || f[b].base_type > 2)
			continue;
		if (pal_interrupted(alloc))
		{
			pal_release(alloc, o.l);
			return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
		}
		if (base_links(&o, &r, f, n, b))
		{
			pal_release(alloc, o.l);
			return pal_error_nomem(err);
		}
	}
	*outp = o.l;
	*nout = o.n;
	return PAL_OK;
}
