/*
 * fca_dist.c
 *	  The distributable form: prepared supply, parts and step-1 sums, their
 *	  external forms and the checks that keep computations apart.
 */
#include "engine/fca_dist.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/points.h"

#define SUPPLY_MAGIC	0x50505553u		/* "SUPP" little-endian */
#define PART_MAGIC		0x54524150u		/* "PART" */
#define SUMS_MAGIC		0x534d5553u		/* "SUMS" */

#define SUPPLY_HDR		sizeof(pal_supply)
#define PART_HDR		sizeof(pal_part)
#define SUMS_HDR		sizeof(pal_sums)
/* the external form has every field but the varlena header word */
#define WORD			sizeof(int32_t)

/*
 * Most facilities a supply may hold (every clinic and pharmacy of Japan is
 * under 200,000): dense sums stay under 1.6 GB, rows fit in uint32.
 */
#define MAX_FACILITIES	((uint32_t) 100000000)

static size_t
pad8(size_t n)
{
	return (n + 7) & ~(size_t) 7;
}

/* ---- hashing (values, not bytes: the same on every host) -------------- */

typedef uint64_t hash_t;

static hash_t
hash_mix(hash_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 31);
}

static hash_t
hash_f64(hash_t h, double d)
{
	uint64_t	v;

	memcpy(&v, &d, sizeof(v));
	return hash_mix(h, v);
}

static hash_t
hash_f64s(hash_t h, const double *a, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		h = hash_f64(h, a[i]);
	return h;
}

/* ---- little-endian external form -------------------------------------- */

typedef struct writer
{
	uint8_t    *p;
} writer;

static void
put_u(writer *w, uint64_t v, int bytes)
{
	int			i;

	for (i = 0; i < bytes; i++)
		*w->p++ = (uint8_t) (v >> (8 * i));
}

static void
put_f64(writer *w, double d)
{
	uint64_t	v;

	memcpy(&v, &d, sizeof(v));
	put_u(w, v, 8);
}

static void
put_f64s(writer *w, const double *a, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		put_f64(w, a[i]);
}

/* n row indexes of four bytes, padded to a multiple of eight bytes */
static void
put_u32s(writer *w, const uint32_t *a, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		put_u(w, a[i], 4);
	if (n % 2)
		put_u(w, 0, 4);
}

typedef struct reader
{
	const uint8_t *p;
	size_t		left;
} reader;

static int
get_u(reader *r, uint64_t *v, int bytes)
{
	int			i;

	if (r->left < (size_t) bytes)
		return -1;
	*v = 0;
	for (i = 0; i < bytes; i++)
		*v |= (uint64_t) r->p[i] << (8 * i);
	r->p += bytes;
	r->left -= (size_t) bytes;
	return 0;
}

static int
get_f64(reader *r, double *d)
{
	uint64_t	v;

	if (get_u(r, &v, 8))
		return -1;
	memcpy(d, &v, sizeof(v));
	return 0;
}

static int
get_f64s(reader *r, double *a, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (get_f64(r, &a[i]))
			return -1;
	return 0;
}

/*
 * n row indexes and their padding, as put_u32s writes them, into a (room
 * for n + n % 2); the caller has checked the size.  -1 when the padding is
 * not zero.
 */
static int
get_u32s(reader *r, uint32_t *a, size_t n)
{
	uint64_t	x = 0;
	size_t		i;

	for (i = 0; i < n + n % 2; i++)
	{
		get_u(r, &x, 4);
		a[i] = (uint32_t) x;
	}
	return n % 2 && a[n] != 0 ? -1 : 0;
}

static pal_status
bad(pal_error *err, const char *what, const char *why)
{
	pal_error_set(err, PAL_ERR_BINARY, "invalid %s value", what);
	pal_error_detail(err, "%s", why);
	return PAL_ERR_BINARY;
}

static int
value_ok(double v)
{
	return isfinite(v) && v >= 0.0;
}

/* ---- prepared supply ---------------------------------------------------- */

static size_t
supply_payload(uint32_t n, uint32_t decay_size)
{
	/* n <= MAX_FACILITIES and decay_size <= PAL_DECAY_SIZE(max): no overflow */
	return (size_t) decay_size + 32 * (size_t) n;
}

size_t
pal_supply_size(const pal_supply *s)
{
	return SUPPLY_HDR + supply_payload(s->n, s->decay_size);
}

const pal_decay *
pal_supply_decay(const pal_supply *s)
{
	return (const pal_decay *) ((const char *) s + SUPPLY_HDR);
}

void
pal_supply_points(const pal_supply *s, pal_points *pts)
{
	const char *base = (const char *) s + SUPPLY_HDR + s->decay_size;

	pts->n = s->n;
	pts->id = (const int64_t *) base;
	pts->lon = (const double *) (base + 8 * (size_t) s->n);
	pts->lat = (const double *) (base + 16 * (size_t) s->n);
	pts->value = (const double *) (base + 24 * (size_t) s->n);
}

static uint64_t
supply_fingerprint(const pal_supply *s)
{
	const pal_decay *d = pal_supply_decay(s);
	pal_points	p;
	hash_t		h = 0x5350504c59ull;
	size_t		i;

	h = hash_mix(h, s->version);
	h = hash_mix(h, (uint32_t) s->srid);
	h = hash_mix(h, s->n);
	h = hash_mix(h, ((uint64_t) d->kind << 24) | ((uint64_t) d->unit << 16) |
				 ((uint64_t) d->rate_unit << 8) | d->flags);
	h = hash_mix(h, (uint32_t) d->nsteps);
	h = hash_f64(h, d->param);
	h = hash_f64(h, d->cutoff);
	h = hash_f64(h, d->param2);
	h = hash_f64s(h, d->steps, 2 * (size_t) d->nsteps);
	pal_supply_points(s, &p);
	for (i = 0; i < p.n; i++)
		h = hash_mix(h, (uint64_t) p.id[i]);
	h = hash_f64s(h, p.lon, p.n);
	h = hash_f64s(h, p.lat, p.n);
	h = hash_f64s(h, p.value, p.n);
	return h;
}

/* the checks every supply gets, built here or decoded */
static pal_status
supply_check_points(const pal_supply *s, const pal_allocator *alloc,
					pal_error *err)
{
	pal_points	p;
	pal_idmap	ids;
	pal_status	st;

	pal_supply_points(s, &p);
	st = pal_points_validate(&p, "supply", "capacity", err);
	if (st != PAL_OK)
		return st;
	st = pal_idmap_build(&ids, p.id, p.n, "supply", alloc, err);
	if (st != PAL_OK)
		return st;
	pal_idmap_free(&ids, alloc);
	return PAL_OK;
}

pal_status
pal_supply_build(const pal_points *pts, int32_t srid, const pal_decay *decay,
				 const pal_allocator *alloc, pal_supply **out,
				 pal_error *err)
{
	pal_supply *s;
	size_t		dsize = PAL_DECAY_SIZE(decay->nsteps),
				size;
	char	   *base;
	pal_status	st;

	*out = NULL;
	/* the one time-decay rule: the distributable form has no costs */
	if (pal_decay_check_costs(decay, 0, err) != PAL_OK)
	{
		pal_error_hint(err, "The distributable form measures great-circle distances: use palliative.fca with cost_sql for a travel-time decay, or a distance unit (m, km).");
		return PAL_ERR_VALUE;
	}
	if (pts->n > MAX_FACILITIES)
		return pal_error_set(err, PAL_ERR_VALUE, "too many supply rows: %zu", pts->n);
	if (!pal_srid_is_lonlat(srid) && !(pts->n == 0 && srid == 0))
		return pal_error_set(err, PAL_ERR_VALUE, "supply SRID %d is not lon/lat", (int) srid);
	size = SUPPLY_HDR + supply_payload((uint32_t) pts->n, (uint32_t) dsize);
	s = pal_alloc_array(alloc, size, 1);
	if (s == NULL)
		return pal_error_nomem(err);
	memset(s, 0, SUPPLY_HDR);
	s->magic = SUPPLY_MAGIC;
	s->version = PAL_DIST_VERSION;
	s->srid = srid;
	s->n = (uint32_t) pts->n;
	s->decay_size = (uint32_t) dsize;
	base = (char *) s + SUPPLY_HDR;
	memcpy(base, decay, dsize);
	((pal_decay *) base)->vl_len_ = 0;
	base += dsize;
	if (pts->n > 0)
	{
		memcpy(base, pts->id, 8 * pts->n);
		memcpy(base + 8 * pts->n, pts->lon, 8 * pts->n);
		memcpy(base + 16 * pts->n, pts->lat, 8 * pts->n);
		memcpy(base + 24 * pts->n, pts->value, 8 * pts->n);
	}
	st = supply_check_points(s, alloc, err);
	if (st != PAL_OK)
	{
		pal_release(alloc, s);
		return st;
	}
	s->fingerprint = supply_fingerprint(s);
	*out = s;
	return PAL_OK;
}

pal_status
pal_supply_check_decay(const pal_supply *s, const pal_decay *decay,
					   pal_error *err)
{
	const pal_decay *built = pal_supply_decay(s);
	char		a[128],
				b[128];

	if (pal_decay_equal(built, decay))
		return PAL_OK;
	pal_decay_format(built, a, sizeof(a));
	pal_decay_format(decay, b, sizeof(b));
	pal_error_set(err, PAL_ERR_VALUE,
				  "the prepared supply was built for decay %s, not %s", a, b);
	pal_error_detail(err, "Its catchments were prepared for one decay; every step of a computation must use that decay.");
	pal_error_hint(err, "Prepare the supply again with palliative.prepare_supply(supply_sql, '%s'), or pass '%s'.", b, a);
	return PAL_ERR_VALUE;
}

size_t
pal_supply_encoded_size(const pal_supply *s)
{
	return pal_supply_size(s) - WORD;
}

void
pal_supply_encode(const pal_supply *s, uint8_t *buf)
{
	const pal_decay *d = pal_supply_decay(s);
	writer		w = {buf};
	pal_points	p;
	size_t		i;

	put_u(&w, s->magic, 4);
	put_u(&w, s->version, 2);
	put_u(&w, s->flags, 2);
	put_u(&w, (uint32_t) s->srid, 4);
	put_u(&w, s->n, 4);
	put_u(&w, s->decay_size, 4);
	put_u(&w, s->fingerprint, 8);
	/* the decay as its fields, without its own header word */
	put_u(&w, 0, 4);
	put_u(&w, d->kind, 1);
	put_u(&w, d->unit, 1);
	put_u(&w, d->rate_unit, 1);
	put_u(&w, d->flags, 1);
	put_u(&w, (uint32_t) d->nsteps, 4);
	put_u(&w, (uint32_t) d->reserved, 4);
	put_f64(&w, d->param);
	put_f64(&w, d->cutoff);
	put_f64(&w, d->param2);
	put_f64s(&w, d->steps, 2 * (size_t) d->nsteps);
	pal_supply_points(s, &p);
	for (i = 0; i < p.n; i++)
		put_u(&w, (uint64_t) p.id[i], 8);
	put_f64s(&w, p.lon, p.n);
	put_f64s(&w, p.lat, p.n);
	put_f64s(&w, p.value, p.n);
}

/* the decay of an external supply into d (room for PAL_DECAY_MAX_STEPS) */
static pal_status
decode_decay(reader *r, uint32_t decay_size, pal_decay *d, pal_error *err)
{
	uint64_t	v[7];
	pal_status	st;

	if (get_u(r, &v[0], 4) || get_u(r, &v[1], 1) || get_u(r, &v[2], 1) ||
		get_u(r, &v[3], 1) || get_u(r, &v[4], 1) || get_u(r, &v[5], 4) ||
		get_u(r, &v[6], 4) || get_f64(r, &d->param) || get_f64(r, &d->cutoff) ||
		get_f64(r, &d->param2))
		return bad(err, "prepared_supply", "The value ends inside its decay.");
	d->vl_len_ = 0;
	d->kind = (uint8_t) v[1];
	d->unit = (uint8_t) v[2];
	d->rate_unit = (uint8_t) v[3];
	d->flags = (uint8_t) v[4];
	d->nsteps = (int32_t) (uint32_t) v[5];
	d->reserved = (int32_t) (uint32_t) v[6];
	if (v[0] != 0 || d->nsteps < 0 || d->nsteps > PAL_DECAY_MAX_STEPS ||
		decay_size != PAL_DECAY_SIZE(d->nsteps))
		return bad(err, "prepared_supply", "The size of its decay does not match the decay's steps.");
	if (get_f64s(r, d->steps, 2 * (size_t) d->nsteps))
		return bad(err, "prepared_supply", "The value ends inside its decay.");
	st = pal_decay_check(d, decay_size, err);
	if (st != PAL_OK)
		return st;
	if (pal_decay_check_costs(d, 0, err) != PAL_OK)
		return bad(err, "prepared_supply", "Its decay measures travel time, which the distributable form does not use.");
	return PAL_OK;
}

static pal_status
decode_supply_body(reader *r, pal_supply *s, const pal_allocator *alloc,
				   pal_error *err)
{
	pal_points	p;
	size_t		i;

	pal_supply_points(s, &p);
	for (i = 0; i < p.n; i++)
	{
		uint64_t	v;

		if ((i & 65535) == 65535 && pal_interrupted(alloc))
			return pal_error_interrupted(err);
		if (get_u(r, &v, 8))
			return bad(err, "prepared_supply", "The value ends inside its points.");
		((int64_t *) p.id)[i] = (int64_t) v;
	}
	if (get_f64s(r, (double *) p.lon, p.n) || get_f64s(r, (double *) p.lat, p.n) ||
		get_f64s(r, (double *) p.value, p.n))
		return bad(err, "prepared_supply", "The value ends inside its points.");
	return PAL_OK;
}

pal_status
pal_supply_decode(const uint8_t *buf, size_t len, const pal_allocator *alloc,
				  pal_supply **out, pal_error *err)
{
	reader		r = {buf, len};
	uint64_t	v[6];
	pal_supply	h;
	pal_supply *s;
	pal_status	st;

	*out = NULL;
	if (get_u(&r, &v[0], 4) || get_u(&r, &v[1], 2) || get_u(&r, &v[2], 2) ||
		get_u(&r, &v[3], 4) || get_u(&r, &v[4], 4) || get_u(&r, &v[5], 4) ||
		get_u(&r, &h.fingerprint, 8))
		return bad(err, "prepared_supply", "The value is shorter than its header.");
	if (v[0] != SUPPLY_MAGIC || v[1] != PAL_DIST_VERSION || v[2] != 0)
		return bad(err, "prepared_supply", "The value does not start with the header of a prepared supply of this version.");
	h.srid = (int32_t) (uint32_t) v[3];
	h.n = (uint32_t) v[4];
	h.decay_size = (uint32_t) v[5];
	if (h.n > MAX_FACILITIES || h.decay_size < PAL_DECAY_HEADER_SIZE ||
		h.decay_size > PAL_DECAY_SIZE(PAL_DECAY_MAX_STEPS) ||
		len != SUPPLY_HDR - WORD + supply_payload(h.n, h.decay_size))
		return bad(err, "prepared_supply", "Its size does not match the number of facilities and decay steps it declares.");
	if (!pal_srid_is_lonlat(h.srid) && !(h.n == 0 && h.srid == 0))
		return bad(err, "prepared_supply", "Its SRID is not a lon/lat SRID (4326, 6668 or 4612).");
	s = pal_alloc_array(alloc, SUPPLY_HDR + supply_payload(h.n, h.decay_size), 1);
	if (s == NULL)
		return pal_error_nomem(err);
	memset(s, 0, SUPPLY_HDR);
	s->magic = SUPPLY_MAGIC;
	s->version = PAL_DIST_VERSION;
	s->srid = h.srid;
	s->n = h.n;
	s->decay_size = h.decay_size;
	s->fingerprint = h.fingerprint;
	st = decode_decay(&r, h.decay_size, (pal_decay *) ((char *) s + SUPPLY_HDR), err);
	if (st == PAL_OK)
		st = decode_supply_body(&r, s, alloc, err);
	if (st == PAL_OK)
		st = supply_check_points(s, alloc, err);
	if (st != PAL_OK)
	{
		pal_release(alloc, s);
		if (st == PAL_ERR_NOMEM || st == PAL_ERR_INTERRUPTED)
			return st;
		/* a bad point or a duplicate id, named by the message: a bad value */
		if (err != NULL)
			err->code = PAL_ERR_BINARY;
		return PAL_ERR_BINARY;
	}
	if (supply_fingerprint(s) != s->fingerprint)
	{
		pal_release(alloc, s);
		return bad(err, "prepared_supply", "Its fingerprint does not match its contents.");
	}
	*out = s;
	return PAL_OK;
}

/* ---- parts ---------------------------------------------------------------- */

static size_t
part_payload(int method, uint32_t npairs)
{
	size_t		k = method == PAL_FCA_BFCA ? 2 : 1;

	return pad8(4 * (size_t) npairs) + 8 * k * (size_t) npairs;
}

size_t
pal_part_size(const pal_part *p)
{
	return PART_HDR + part_payload(p->method, p->npairs);
}

const uint32_t *
pal_part_rows(const pal_part *p)
{
	return (const uint32_t *) ((const char *) p + PART_HDR);
}

const double *
pal_part_wd(const pal_part *p)
{
	return (const double *) ((const char *) p + PART_HDR + pad8(4 * (size_t) p->npairs));
}

const double *
pal_part_wt(const pal_part *p)
{
	return p->method == PAL_FCA_BFCA ? pal_part_wd(p) + p->npairs : NULL;
}

pal_status
pal_part_build(pal_fca *f, const pal_supply *s, int method, int64_t id,
			   int32_t srid, double lon, double lat, double weight,
			   const pal_allocator *alloc, pal_part **out, pal_error *err)
{
	const uint32_t *rows;
	const double *wd,
			   *wt;
	size_t		n = pal_fca_point_step1(f, lon, lat, weight, &rows, &wd, &wt);
	pal_part   *p;

	*out = NULL;
	p = pal_alloc_array(alloc, PART_HDR + part_payload(method, (uint32_t) n), 1);
	if (p == NULL)
		return pal_error_nomem(err);
	memset(p, 0, PART_HDR);
	p->magic = PART_MAGIC;
	p->version = PAL_DIST_VERSION;
	p->method = (uint8_t) method;
	p->srid = srid;
	p->nfac = s->n;
	p->npairs = (uint32_t) n;
	p->demand_id = id;
	p->supply_fp = s->fingerprint;
	memcpy((char *) p + PART_HDR, rows, 4 * n);
	if (n % 2)
		memset((char *) p + PART_HDR + 4 * n, 0, 4);
	memcpy((double *) pal_part_wd(p), wd, 8 * n);
	if (method == PAL_FCA_BFCA)
		memcpy((double *) pal_part_wt(p), wt, 8 * n);
	*out = p;
	return PAL_OK;
}

size_t
pal_part_encoded_size(const pal_part *p)
{
	return pal_part_size(p) - WORD;
}

void
pal_part_encode(const pal_part *p, uint8_t *buf)
{
	writer		w = {buf};
	const uint32_t *rows = pal_part_rows(p);
	const double *wd = pal_part_wd(p),
			   *wt = pal_part_wt(p);
	size_t		n = p->npairs;

	put_u(&w, p->magic, 4);
	put_u(&w, p->version, 1);
	put_u(&w, p->method, 1);
	put_u(&w, p->flags, 2);
	put_u(&w, (uint32_t) p->srid, 4);
	put_u(&w, p->nfac, 4);
	put_u(&w, p->npairs, 4);
	put_u(&w, (uint64_t) p->demand_id, 8);
	put_u(&w, p->supply_fp, 8);
	put_u32s(&w, rows, n);
	put_f64s(&w, wd, n);
	if (wt)
		put_f64s(&w, wt, n);
}

static pal_status
check_part_values(const pal_part *p, pal_error *err)
{
	const uint32_t *rows = pal_part_rows(p);
	const double *wd = pal_part_wd(p),
			   *wt = pal_part_wt(p);
	size_t		i;

	for (i = 0; i < p->npairs; i++)
	{
		if (rows[i] >= p->nfac)
			return bad(err, "fca_part", "It names a facility beyond the supply's facilities.");
		if (!value_ok(wd[i]) || (wt && !value_ok(wt[i])))
			return bad(err, "fca_part", "Its terms must be finite numbers that are not negative.");
	}
	return PAL_OK;
}

pal_status
pal_part_decode(const uint8_t *buf, size_t len, const pal_allocator *alloc,
				pal_part **out, pal_error *err)
{
	reader		r = {buf, len};
	uint64_t	v[8];
	pal_part   *p;
	pal_status	st;

	*out = NULL;
	if (get_u(&r, &v[0], 4) || get_u(&r, &v[1], 1) || get_u(&r, &v[2], 1) ||
		get_u(&r, &v[3], 2) || get_u(&r, &v[4], 4) || get_u(&r, &v[5], 4) ||
		get_u(&r, &v[6], 4) || get_u(&r, &v[7], 8))
		return bad(err, "fca_part", "The value is shorter than its header.");
	if (v[0] != PART_MAGIC || v[1] != PAL_DIST_VERSION || v[3] != 0 ||
		v[2] >= PAL_FCA__NMETHODS)
		return bad(err, "fca_part", "The value does not start with the header of an fca_part of this version.");
	if (!pal_srid_is_lonlat((int32_t) (uint32_t) v[4]))
		return bad(err, "fca_part", "Its SRID is not a lon/lat SRID (4326, 6668 or 4612).");
	if (v[5] > MAX_FACILITIES || v[6] > v[5] ||
		len != PART_HDR - WORD + part_payload((int) v[2], (uint32_t) v[6]))
		return bad(err, "fca_part", "Its size does not match the number of facilities it declares.");
	p = pal_alloc_array(alloc, PART_HDR + part_payload((int) v[2], (uint32_t) v[6]), 1);
	if (p == NULL)
		return pal_error_nomem(err);
	memset(p, 0, PART_HDR);
	p->magic = PART_MAGIC;
	p->version = PAL_DIST_VERSION;
	p->method = (uint8_t) v[2];
	p->srid = (int32_t) (uint32_t) v[4];
	p->nfac = (uint32_t) v[5];
	p->npairs = (uint32_t) v[6];
	p->demand_id = (int64_t) v[7];
	if (get_u(&r, &p->supply_fp, 8))
		st = bad(err, "fca_part", "The value is shorter than its header.");
	else if (get_u32s(&r, (uint32_t *) pal_part_rows(p), p->npairs))
		st = bad(err, "fca_part", "Its padding must be zero.");
	else
	{
		get_f64s(&r, (double *) pal_part_wd(p),
				 (size_t) p->npairs * (p->method == PAL_FCA_BFCA ? 2 : 1));
		st = check_part_values(p, err);
	}
	if (st != PAL_OK)
	{
		pal_release(alloc, p);
		return st;
	}
	*out = p;
	return PAL_OK;
}

/* ---- sums ----------------------------------------------------------------- */

static size_t
sums_payload(int method, int sparse, uint32_t nnz)
{
	size_t		k = method == PAL_FCA_BFCA ? 2 : 1;

	return (sparse ? pad8(4 * (size_t) nnz) : 0) + 8 * k * (size_t) nnz;
}

size_t
pal_sums_size(const pal_sums *s)
{
	return SUMS_HDR + sums_payload(s->method, s->sparse, s->nnz);
}

static const uint32_t *
sums_idx(const pal_sums *s)
{
	return (const uint32_t *) ((const char *) s + SUMS_HDR);
}

static const double *
sums_wd(const pal_sums *s)
{
	return (const double *) ((const char *) s + SUMS_HDR +
							 (s->sparse ? pad8(4 * (size_t) s->nnz) : 0));
}

static const double *
sums_wt(const pal_sums *s)
{
	return s->method == PAL_FCA_BFCA ? sums_wd(s) + s->nnz : NULL;
}

static uint64_t
sums_hash(const pal_sums *s)
{
	hash_t		h = 0x53554d53ull;
	const uint32_t *idx = sums_idx(s);
	size_t		i,
				k = s->method == PAL_FCA_BFCA ? 2 : 1;

	h = hash_mix(h, ((uint64_t) s->version << 24) | ((uint64_t) s->method << 16) |
				 ((uint64_t) s->sparse << 8) | s->flags);
	h = hash_mix(h, (uint32_t) s->srid);
	h = hash_mix(h, s->nfac);
	h = hash_mix(h, s->nnz);
	h = hash_mix(h, s->supply_fp);
	h = hash_mix(h, s->rows);
	for (i = 0; s->sparse && i < s->nnz; i++)
		h = hash_mix(h, idx[i]);
	return hash_f64s(h, sums_wd(s), k * (size_t) s->nnz);
}

size_t
pal_sums_working_size(int method, uint32_t nfac)
{
	return SUMS_HDR + sums_payload(method, 0, nfac);
}

void
pal_sums_working_init(pal_sums *w, int method, uint32_t nfac,
					  uint64_t supply_fp)
{
	memset(w, 0, pal_sums_working_size(method, nfac));
	w->magic = SUMS_MAGIC;
	w->version = PAL_DIST_VERSION;
	w->method = (uint8_t) method;
	w->flags = PAL_SUMS_WORKING;
	w->nfac = nfac;
	w->nnz = nfac;
	w->supply_fp = supply_fp;
}

/* the checks before adding: same supply, method and SRID */
static pal_status
compatible(const pal_sums *w, int method, uint64_t supply_fp, uint32_t nfac,
		   int32_t srid, const int64_t *demand_id, pal_error *err)
{
	if (supply_fp != w->supply_fp || nfac != w->nfac)
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "per-facility sums combined from different prepared supplies");
		if (demand_id)
			pal_error_detail(err, "Demand row with id %" PRId64 " was computed against prepared supply %016" PRIx64 " (%u facilities), the sums so far against %016" PRIx64 " (%u facilities).",
							 *demand_id, supply_fp, nfac, w->supply_fp, w->nfac);
		else
			pal_error_detail(err, "Partial sums computed against prepared supply %016" PRIx64 " (%u facilities) met sums computed against %016" PRIx64 " (%u facilities).",
							 supply_fp, nfac, w->supply_fp, w->nfac);
		pal_error_hint(err, "Use one prepared_supply value for every demand row of a computation.");
		return PAL_ERR_VALUE;
	}
	if (method != w->method)
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "per-facility sums combined from different methods: %s and %s",
					  pal_fca_method_name(w->method), pal_fca_method_name(method));
		pal_error_hint(err, "Pass the same method for every demand row of a computation.");
		return PAL_ERR_VALUE;
	}
	if (srid != 0 && w->srid != 0 && srid != w->srid)
	{
		pal_error_set(err, PAL_ERR_VALUE, "demand rows mix SRIDs %d and %d",
					  (int) w->srid, (int) srid);
		if (demand_id)
			pal_error_detail(err, "Demand row with id %" PRId64 " has SRID %d; the rows before it have SRID %d.",
							 *demand_id, (int) srid, (int) w->srid);
		else
			pal_error_detail(err, "Partial sums over rows of SRID %d met sums over rows of SRID %d.",
							 (int) srid, (int) w->srid);
		pal_error_hint(err, "Give every demand row the same SRID, for example with ST_Transform(geom, 4326).");
		return PAL_ERR_VALUE;
	}
	return PAL_OK;
}

pal_status
pal_sums_add_part(pal_sums *w, const pal_part *p, pal_error *err)
{
	const uint32_t *rows = pal_part_rows(p);
	const double *wd = pal_part_wd(p),
			   *wt = pal_part_wt(p);
	double	   *swd = (double *) sums_wd(w),
			   *swt = (double *) sums_wt(w);
	size_t		k;
	pal_status	st;

	st = compatible(w, p->method, p->supply_fp, p->nfac, p->srid, &p->demand_id, err);
	if (st != PAL_OK)
		return st;
	for (k = 0; k < p->npairs; k++)
		swd[rows[k]] += wd[k];
	if (wt)
		for (k = 0; k < p->npairs; k++)
			swt[rows[k]] += wt[k];
	if (w->srid == 0)
		w->srid = p->srid;
	w->rows++;
	return PAL_OK;
}

pal_status
pal_sums_add_sums(pal_sums *w, const pal_sums *s, pal_error *err)
{
	const uint32_t *idx = sums_idx(s);
	const double *wd = sums_wd(s),
			   *wt = sums_wt(s);
	double	   *swd = (double *) sums_wd(w),
			   *swt = (double *) sums_wt(w);
	size_t		k;
	pal_status	st;

	st = compatible(w, s->method, s->supply_fp, s->nfac, s->srid, NULL, err);
	if (st != PAL_OK)
		return st;
	for (k = 0; k < s->nnz; k++)
	{
		size_t		j = s->sparse ? idx[k] : k;

		swd[j] += wd[k];
		if (wt)
			swt[j] += wt[k];
	}
	if (w->srid == 0)
		w->srid = s->srid;
	w->rows += s->rows;
	return PAL_OK;
}

/* facilities with a non-zero sum */
static uint32_t
count_nonzero(const pal_sums *s)
{
	const double *wd = sums_wd(s),
			   *wt = sums_wt(s);
	uint32_t	k,
				nnz = 0;

	for (k = 0; k < s->nnz; k++)
		if (wd[k] != 0.0 || (wt && wt[k] != 0.0))
			nnz++;
	return nnz;
}

/* sparse when it is smaller */
static int
final_sparse(int method, uint32_t nfac, uint32_t nnz)
{
	return sums_payload(method, 1, nnz) < sums_payload(method, 0, nfac);
}

size_t
pal_sums_final_size(const pal_sums *s)
{
	uint32_t	nnz = count_nonzero(s);
	int			sparse = final_sparse(s->method, s->nfac, nnz);

	return SUMS_HDR + sums_payload(s->method, sparse, sparse ? nnz : s->nfac);
}

void
pal_sums_finalize(const pal_sums *s, pal_sums *out)
{
	uint32_t	nnz = count_nonzero(s),
				k,
				o = 0;
	int			sparse = final_sparse(s->method, s->nfac, nnz);
	const uint32_t *sidx = sums_idx(s);
	const double *swd = sums_wd(s),
			   *swt = sums_wt(s);
	uint32_t   *idx;
	double	   *wd,
			   *wt;

	memset(out, 0, SUMS_HDR);
	out->magic = SUMS_MAGIC;
	out->version = PAL_DIST_VERSION;
	out->method = s->method;
	out->sparse = (uint8_t) sparse;
	out->srid = s->srid;
	out->nfac = s->nfac;
	out->nnz = sparse ? nnz : s->nfac;
	out->supply_fp = s->supply_fp;
	out->rows = s->rows;
	idx = (uint32_t *) sums_idx(out);
	wd = (double *) sums_wd(out);
	wt = (double *) sums_wt(out);
	memset((char *) out + SUMS_HDR, 0, sums_payload(out->method, sparse, out->nnz));
	for (k = 0; k < s->nnz; k++)
	{
		uint32_t	j = s->sparse ? sidx[k] : k;

		if (swd[k] == 0.0 && !(swt && swt[k] != 0.0))
			continue;
		if (sparse)
		{
			idx[o] = j;
			wd[o] = swd[k];
			if (wt)
				wt[o] = swt[k];
			o++;
		}
		else
		{
			wd[j] = swd[k];
			if (wt)
				wt[j] = swt[k];
		}
	}
	out->hash = sums_hash(out);
}

void
pal_sums_dense(const pal_sums *s, double *wd, double *wt)
{
	const uint32_t *idx = sums_idx(s);
	const double *swd = sums_wd(s),
			   *swt = sums_wt(s);
	size_t		k;

	memset(wd, 0, sizeof(double) * s->nfac);
	if (wt)
		memset(wt, 0, sizeof(double) * s->nfac);
	for (k = 0; k < s->nnz; k++)
	{
		size_t		j = s->sparse ? idx[k] : k;

		wd[j] = swd[k];
		if (wt && swt)
			wt[j] = swt[k];
	}
}

pal_status
pal_sums_check_use(const pal_sums *s, const pal_supply *sup, int method,
				   pal_error *err)
{
	if (s->supply_fp != sup->fingerprint || s->nfac != sup->n)
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "the per-facility sums were computed against another prepared supply");
		pal_error_detail(err, "The sums belong to prepared supply %016" PRIx64 " (%u facilities), this one is %016" PRIx64 " (%u facilities).",
						 s->supply_fp, s->nfac, sup->fingerprint, sup->n);
		pal_error_hint(err, "Pass the prepared_supply value that step 1 used.");
		return PAL_ERR_VALUE;
	}
	if (s->method != method)
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "the per-facility sums were computed for method %s, not %s",
					  pal_fca_method_name(s->method), pal_fca_method_name(method));
		pal_error_hint(err, "Pass the method that step 1 used.");
		return PAL_ERR_VALUE;
	}
	return PAL_OK;
}

size_t
pal_sums_encoded_size(const pal_sums *s)
{
	return pal_sums_size(s) - WORD;
}

void
pal_sums_encode(const pal_sums *s, uint8_t *buf)
{
	writer		w = {buf};
	const uint32_t *idx = sums_idx(s);
	const double *wd = sums_wd(s);
	size_t		k = s->method == PAL_FCA_BFCA ? 2 : 1;

	put_u(&w, s->magic, 4);
	put_u(&w, s->version, 1);
	put_u(&w, s->method, 1);
	put_u(&w, s->sparse, 1);
	put_u(&w, s->flags, 1);
	put_u(&w, (uint32_t) s->srid, 4);
	put_u(&w, s->nfac, 4);
	put_u(&w, s->nnz, 4);
	put_u(&w, s->supply_fp, 8);
	put_u(&w, s->rows, 8);
	put_u(&w, s->hash, 8);
	if (s->sparse)
		put_u32s(&w, idx, s->nnz);
	put_f64s(&w, wd, k * (size_t) s->nnz);
}

static pal_status
check_sums_values(const pal_sums *s, const pal_allocator *alloc,
				  pal_error *err)
{
	const uint32_t *idx = sums_idx(s);
	const double *wd = sums_wd(s);
	size_t		i,
				k = s->method == PAL_FCA_BFCA ? 2 : 1;

	for (i = 0; s->sparse && i < s->nnz; i++)
		if (idx[i] >= s->nfac || (i > 0 && idx[i] <= idx[i - 1]))
			return bad(err, "fca_sums", "Its facility numbers must be increasing and below the number of facilities.");
	for (i = 0; i < k * (size_t) s->nnz; i++)
	{
		if ((i & 65535) == 65535 && pal_interrupted(alloc))
			return pal_error_interrupted(err);
		if (!value_ok(wd[i]))
			return bad(err, "fca_sums", "Its sums must be finite numbers that are not negative.");
	}
	if (s->srid != 0 && !pal_srid_is_lonlat(s->srid))
		return bad(err, "fca_sums", "Its SRID is not a lon/lat SRID (4326, 6668 or 4612).");
	if ((s->rows == 0) != (s->srid == 0))
		return bad(err, "fca_sums", "Sums over demand rows need their SRID, and only they have one.");
	if (sums_hash(s) != s->hash)
		return bad(err, "fca_sums", "Its hash does not match its contents.");
	return PAL_OK;
}

pal_status
pal_sums_decode(const uint8_t *buf, size_t len, const pal_allocator *alloc,
				pal_sums **out, pal_error *err)
{
	reader		r = {buf, len};
	uint64_t	v[8];
	pal_sums	h;
	pal_sums   *s;
	size_t		size;
	pal_status	st;

	*out = NULL;
	if (get_u(&r, &v[0], 4) || get_u(&r, &v[1], 1) || get_u(&r, &v[2], 1) ||
		get_u(&r, &v[3], 1) || get_u(&r, &v[4], 1) || get_u(&r, &v[5], 4) ||
		get_u(&r, &v[6], 4) || get_u(&r, &v[7], 4) || get_u(&r, &h.supply_fp, 8) ||
		get_u(&r, &h.rows, 8) || get_u(&r, &h.hash, 8))
		return bad(err, "fca_sums", "The value is shorter than its header.");
	if (v[0] != SUMS_MAGIC || v[1] != PAL_DIST_VERSION || v[2] >= PAL_FCA__NMETHODS ||
		v[3] > 1 || v[4] != 0)
		return bad(err, "fca_sums", "The value does not start with the header of fca_sums of this version.");
	h.method = (uint8_t) v[2];
	h.sparse = (uint8_t) v[3];
	h.nfac = (uint32_t) v[6];
	h.nnz = (uint32_t) v[7];
	if (h.nfac > MAX_FACILITIES || h.nnz > h.nfac || (!h.sparse && h.nnz != h.nfac) ||
		len != SUMS_HDR - WORD + sums_payload(h.method, h.sparse, h.nnz))
		return bad(err, "fca_sums", "Its size does not match the number of facilities it declares.");
	size = SUMS_HDR + sums_payload(h.method, h.sparse, h.nnz);
	s = pal_alloc_array(alloc, size, 1);
	if (s == NULL)
		return pal_error_nomem(err);
	memset(s, 0, SUMS_HDR);
	s->magic = SUMS_MAGIC;
	s->version = PAL_DIST_VERSION;
	s->method = h.method;
	s->sparse = h.sparse;
	s->srid = (int32_t) (uint32_t) v[5];
	s->nfac = h.nfac;
	s->nnz = h.nnz;
	s->supply_fp = h.supply_fp;
	s->rows = h.rows;
	s->hash = h.hash;
	if (s->sparse && get_u32s(&r, (uint32_t *) sums_idx(s), s->nnz))
	{
		pal_release(alloc, s);
		return bad(err, "fca_sums", "Its padding must be zero.");
	}
	get_f64s(&r, (double *) sums_wd(s),
			 (size_t) s->nnz * (s->method == PAL_FCA_BFCA ? 2 : 1));
	st = check_sums_values(s, alloc, err);
	if (st != PAL_OK)
	{
		pal_release(alloc, s);
		return st;
	}
	*out = s;
	return PAL_OK;
}
