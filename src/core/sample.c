/*
 * sample.c
 *	  The deterministic sample study area (see sample.h).
 *
 * Steps, each drawing from the one PRNG in a fixed order:
 *	 1. land: an irregular island (noise on an ellipse), the top 78% of the
 *		grid's cells by score;
 *	 2. elevation: distance from the sea plus noise; the highest 38% of the
 *		land is uninhabited mountain;
 *	 3. prefectures grown from four seeds by a shortest-path race in which
 *		mountains are slow to cross (borders follow ridges), then secondary
 *		regions inside each prefecture and municipalities inside each
 *		secondary region the same way, seeded at their towns;
 *	 4. people: every municipality seat is a town or city whose people fall
 *		off with distance, on top of a rural density that falls with
 *		altitude; ages and expected cancer deaths follow Japanese rates;
 *	 5. facilities: counts per head as in Japan, placed where people live,
 *		with capability profiles in the source document's proportions,
 *		assigned exactly (shuffled counts, not coin flips);
 *	 6. region polygons: the outline of each region's 1 km cells, traced
 *		exactly on the mesh corners.
 */
#include "sample.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* no fused multiply-add: the same bits on every machine */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

const char *const pal_sample_level_names[] = {"prefecture", "secondary", "municipality"};
const char *const pal_sample_kind_names[] = {
	"hospital", "clinic", "visiting_nurse_station", "pharmacy", "care_facility"
};

/* ---- PRNG: splitmix64 seeding xoshiro256** ----------------------------- */

uint64_t
pal_splitmix64(uint64_t *state)
{
	uint64_t	z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void
pal_rng_seed(pal_rng *rng, uint64_t seed)
{
	uint64_t	st = seed;
	int			i;

	for (i = 0; i < 4; i++)
		rng->s[i] = pal_splitmix64(&st);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
pal_rng_next(pal_rng *rng)
{
	uint64_t   *s = rng->s;
	uint64_t	result = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
pal_rng_uniform(pal_rng *rng)
{
	return (double) (pal_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

uint32_t
pal_rng_below(pal_rng *rng, uint32_t n)
{
	/* rejection sampling on 32 bits: no modulo bias */
	uint32_t	limit = (uint32_t) (0x100000000ULL - (0x100000000ULL % n));

	for (;;)
	{
		uint32_t	x = (uint32_t) (pal_rng_next(rng) >> 32);

		if (limit == 0 || x < limit)
			return x % n;
	}
}

/* ---- the grid ---------------------------------------------------------- */

#define NR PAL_SAMPLE_ROWS
#define NC PAL_SAMPLE_COLS
#define NCELL (NR * NC)
#define LAND_SHARE 0.78
#define MOUNTAIN_SHARE 0.38
#define NPREF 4
/* kilometres per cell step, roughly, at 38 deg N */
#define KM_X 1.10
#define KM_Y 0.925

static const int secondary_per_pref[NPREF] = {4, 4, 3, 3};

typedef struct gen
{
	const pal_allocator *a;
	pal_error  *err;
	pal_rng		rng;
	double	   *score;			/* scratch per cell */
	double	   *elev;			/* 0..1 on land */
	double	   *nz;				/* a noise field reused for texture */
	uint8_t    *land;
	uint8_t    *inhabited;
	int		   *pref;			/* labels per cell, -1 off land */
	int		   *sec;
	int		   *muni;
	double	   *pop;			/* people per cell (before rounding) */
	int			nsec;
	int			nmuni;
	int			sec_center[32]; /* cell of each secondary region's centre */
	int			sec_pref[32];
	int			muni_center[256];
	int			muni_sec[256];
	double		muni_seat_pop[256];
} gen;

static void *
gen_alloc(gen *g, size_t n, size_t size)
{
	size_t		bytes;
	void	   *p;

	if (pal_mul_size(n == 0 ? 1 : n, size, &bytes))
		return NULL;
	p = g->a->alloc(g->a->ctx, bytes);
	if (p != NULL)
		memset(p, 0, bytes);
	return p;
}

static void
gen_release(gen *g, void *p)
{
	if (p != NULL)
		g->a->release(g->a->ctx, p);
}

static int
interrupted(gen *g)
{
	return g->a->check_interrupt != NULL && g->a->check_interrupt(g->a->ctx);
}

static inline double
dist_km(int a, int b)
{
	double		dx = (double) (a % NC - b % NC) * KM_X;
	double		dy = (double) (a / NC - b / NC) * KM_Y;

	return sqrt(dx * dx + dy * dy);
}

/* smooth value noise in [0, 1) with lattice spacing in cells */
static int
noise_field(gen *g, int spacing, double *out)
{
	int			lr = NR / spacing + 2,
				lc = NC / spacing + 2;
	double	   *lat = gen_alloc(g, (size_t) lr * lc, sizeof(double));
	int			i,
				r,
				c;

	if (lat == NULL)
		return 1;
	for (i = 0; i < lr * lc; i++)
		lat[i] = pal_rng_uniform(&g->rng);
	for (r = 0; r < NR; r++)
	{
		int			iy = r / spacing;
		double		ty = (double) (r - iy * spacing) / spacing;
		double		sy = ty * ty * (3.0 - 2.0 * ty);

		for (c = 0; c < NC; c++)
		{
			int			ix = c / spacing;
			double		tx = (double) (c - ix * spacing) / spacing;
			double		sx = tx * tx * (3.0 - 2.0 * tx);
			double		v00 = lat[iy * lc + ix],
						v01 = lat[iy * lc + ix + 1],
						v10 = lat[(iy + 1) * lc + ix],
						v11 = lat[(iy + 1) * lc + ix + 1];
			double		a = v00 + (v01 - v00) * sx;
			double		b = v10 + (v11 - v10) * sx;

			out[r * NC + c] = a + (b - a) * sy;
		}
	}
	gen_release(g, lat);
	return 0;
}

typedef struct ranked
{
	double		v;
	int			i;
} ranked;

/* descending value, then ascending index: a total order */
static int
ranked_desc(const void *pa, const void *pb)
{
	const ranked *a = pa,
			   *b = pb;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* ---- shortest-path growth of regions ----------------------------------- */

typedef struct heap_item
{
	double		d;
	int			i;
} heap_item;

static inline int
heap_less(const heap_item *a, const heap_item *b)
{
	return a->d < b->d || (a->d == b->d && a->i < b->i);
}

static void
heap_push(heap_item *h, int *n, heap_item x)
{
	int			k = (*n)++;

	while (k > 0)
	{
		int			p = (k - 1) / 2;

		if (!heap_less(&x, &h[p]))
			break;
		h[k] = h[p];
		k = p;
	}
	h[k] = x;
}

static heap_item
heap_pop(heap_item *h, int *n)
{
	heap_item	top = h[0],
				last = h[--(*n)];
	int			k = 0;

	for (;;)
	{
		int			l = 2 * k + 1,
					m;

		if (l >= *n)
			break;
		m = (l + 1 < *n && heap_less(&h[l + 1], &h[l])) ? l + 1 : l;
		if (!heap_less(&h[m], &last))
			break;
		h[k] = h[m];
		k = m;
	}
	if (*n > 0)
		h[k] = last;
	return top;
}

/*
 * Labels the land cells whose scope label equals scope_val (all land when
 * scope is NULL) with the label of the seed that reaches them first;
 * entering a cell costs 1 plus a penalty for altitude.  Cells no seed can
 * reach (islands) take the nearest seed's label.
 */
static int
grow(gen *g, const int *scope, int scope_val, const int *seeds,
	 const int *labels, int nseeds, int *out)
{
	static const int dr[4] = {0, 1, 0, -1};
	static const int dc[4] = {1, 0, -1, 0};
	double	   *dist = gen_alloc(g, NCELL, sizeof(double));
	heap_item  *heap = gen_alloc(g, (size_t) NCELL * 4 + nseeds, sizeof(heap_item));
	int			nheap = 0,
				i,
				k;

	if (dist == NULL || heap == NULL)
	{
		gen_release(g, dist);
		gen_release(g, heap);
		return 1;
	}
	for (i = 0; i < NCELL; i++)
	{
		dist[i] = -1.0;			/* unreached */
		if (g->land[i] && (scope == NULL || scope[i] == scope_val))
			out[i] = -1;
	}
	for (k = 0; k < nseeds; k++)
	{
		heap_item	x = {0.0, seeds[k]};

		dist[seeds[k]] = 0.0;
		out[seeds[k]] = labels[k];
		heap_push(heap, &nheap, x);
	}
	while (nheap > 0)
	{
		heap_item	x = heap_pop(heap, &nheap);
		int			r = x.i / NC,
					c = x.i % NC;

		if (x.d > dist[x.i])
			continue;
		for (k = 0; k < 4; k++)
		{
			int			nr = r + dr[k],
						nc = c + dc[k],
						n;
			double		nd;

			if (nr < 0 || nr >= NR || nc < 0 || nc >= NC)
				continue;
			n = nr * NC + nc;
			if (!g->land[n] || (scope != NULL && scope[n] != scope_val))
				continue;
			nd = x.d + 1.0 + 6.0 * g->elev[n] * g->elev[n];
			if (dist[n] < 0.0 || nd < dist[n])
			{
				heap_item	y = {nd, n};

				dist[n] = nd;
				out[n] = out[x.i];
				heap_push(heap, &nheap, y);
			}
		}
	}
	for (i = 0; i < NCELL; i++)
	{
		if (g->land[i] && (scope == NULL || scope[i] == scope_val) && out[i] < 0)
		{
			double		best = -1.0;

			for (k = 0; k < nseeds; k++)
			{
				double		d = dist_km(i, seeds[k]);

				if (best < 0.0 || d < best)
				{
					best = d;
					out[i] = labels[k];
				}
			}
		}
	}
	gen_release(g, dist);
	gen_release(g, heap);
	return 0;
}

/*
 * Picks n centres among the inhabited cells of a scope, the first given:
 * each next one maximises min(distance to the chosen, cap) plus jitter, so
 * centres spread out without all sitting on the edge.
 */
static int
pick_centers(gen *g, const int *scope, int scope_val, int first, int n,
			 double cap, double jitter, int *out)
{
	double	   *mind = gen_alloc(g, NCELL, sizeof(double));
	int			i,
				k;

	if (mind == NULL)
		return 1;
	out[0] = first;
	for (i = 0; i < NCELL; i++)
		mind[i] = dist_km(i, first);
	for (k = 1; k < n; k++)
	{
		double		best = -1.0;
		int			besti = first;

		for (i = 0; i < NCELL; i++)
		{
			double		s;

			if (!g->inhabited[i] || scope[i] != scope_val)
				continue;
			s = (mind[i] < cap ? mind[i] : cap) + jitter * pal_rng_uniform(&g->rng);
			if (s > best)
			{
				best = s;
				besti = i;
			}
		}
		out[k] = besti;
		for (i = 0; i < NCELL; i++)
		{
			double		d = dist_km(i, besti);

			if (d < mind[i])
				mind[i] = d;
		}
	}
	gen_release(g, mind);
	return 0;
}

/* ---- steps 1-3: land, mountains, regions -------------------------------- */

static int
build_land(gen *g)
{
	double	   *n1 = gen_alloc(g, NCELL, sizeof(double));
	double	   *n2 = gen_alloc(g, NCELL, sizeof(double));
	ranked	   *rk = gen_alloc(g, NCELL, sizeof(ranked));
	int		   *queue = gen_alloc(g, NCELL, sizeof(int));
	int		   *seadist = gen_alloc(g, NCELL, sizeof(int));
	int			i,
				nland = (int) floor(LAND_SHARE * NCELL + 0.5),
				nmount,
				head = 0,
				tail = 0;
	int			ret = 1;

	if (n1 == NULL || n2 == NULL || rk == NULL || queue == NULL || seadist == NULL)
		goto done;
	if (noise_field(g, 26, n1) || noise_field(g, 9, n2))
		goto done;
	for (i = 0; i < NCELL; i++)
	{
		double		x = ((double) (i % NC) - NC / 2.0) / (0.5 * NC);
		double		y = ((double) (i / NC) - NR / 2.0) / (0.5 * NR);

		rk[i].v = 1.0 - x * x - y * y + 0.9 * (n1[i] - 0.5) + 0.35 * (n2[i] - 0.5);
		rk[i].i = i;
	}
	qsort(rk, NCELL, sizeof(ranked), ranked_desc);
	for (i = 0; i < nland; i++)
		g->land[rk[i].i] = 1;

	/* distance to the sea (or the grid's edge), in steps */
	for (i = 0; i < NCELL; i++)
	{
		int			r = i / NC,
					c = i % NC;

		seadist[i] = -1;
		if (!g->land[i] || r == 0 || c == 0 || r == NR - 1 || c == NC - 1)
		{
			seadist[i] = 0;
			queue[tail++] = i;
		}
	}
	while (head < tail)
	{
		int			i0 = queue[head++],
					r = i0 / NC,
					c = i0 % NC,
					k;
		static const int dr[4] = {0, 1, 0, -1};
		static const int dc[4] = {1, 0, -1, 0};

		for (k = 0; k < 4; k++)
		{
			int			nr = r + dr[k],
						nc = c + dc[k];

			if (nr < 0 || nr >= NR || nc < 0 || nc >= NC)
				continue;
			if (seadist[nr * NC + nc] < 0)
			{
				seadist[nr * NC + nc] = seadist[i0] + 1;
				queue[tail++] = nr * NC + nc;
			}
		}
	}

	/* elevation: inland is higher, with ridges from two noise scales */
	if (noise_field(g, 30, n1) || noise_field(g, 7, n2))
		goto done;
	{
		double		lo = 0.0,
					hi = 0.0;
		int			first = 1;

		for (i = 0; i < NCELL; i++)
		{
			double		inland = seadist[i] >= 35 ? 1.0 : seadist[i] / 35.0;

			g->elev[i] = 0.55 * inland + 0.35 * n1[i] + 0.10 * n2[i];
			if (g->land[i])
			{
				if (first || g->elev[i] < lo)
					lo = g->elev[i];
				if (first || g->elev[i] > hi)
					hi = g->elev[i];
				first = 0;
			}
		}
		for (i = 0; i < NCELL; i++)
			g->elev[i] = g->land[i] ? (g->elev[i] - lo) / (hi - lo) : 0.0;
	}
	/* the highest land is uninhabited mountain */
	for (i = 0; i < NCELL; i++)
	{
		rk[i].v = g->land[i] ? g->elev[i] : -1.0;
		rk[i].i = i;
	}
	qsort(rk, NCELL, sizeof(ranked), ranked_desc);
	nmount = (int) floor(MOUNTAIN_SHARE * nland + 0.5);
	for (i = 0; i < NCELL; i++)
		g->inhabited[i] = g->land[i];
	for (i = 0; i < nmount; i++)
		g->inhabited[rk[i].i] = 0;
	/* a texture field for densities and ages */
	if (noise_field(g, 5, g->nz))
		goto done;
	ret = 0;
done:
	gen_release(g, n1);
	gen_release(g, n2);
	gen_release(g, rk);
	gen_release(g, queue);
	gen_release(g, seadist);
	return ret;
}

/* the inhabited cell nearest to a target point (ties: lowest index) */
static int
nearest_inhabited(gen *g, double tr, double tc, const int *scope, int scope_val)
{
	double		best = -1.0;
	int			besti = -1,
				i;

	for (i = 0; i < NCELL; i++)
	{
		double		dr,
					dc,
					d;

		if (!g->inhabited[i] || (scope != NULL && scope[i] != scope_val))
			continue;
		dr = (i / NC - tr) * KM_Y;
		dc = (i % NC - tc) * KM_X;
		d = dr * dr + dc * dc;
		if (besti < 0 || d < best)
		{
			best = d;
			besti = i;
		}
	}
	return besti;
}

static int
build_regions(gen *g)
{
	int			seeds[NPREF],
				labels[256],
				centers[8],
				p,
				s,
				k;

	/* prefectures: one seed per quadrant (81 NW, 82 NE, 83 SW, 84 SE) */
	for (p = 0; p < NPREF; p++)
	{
		double		tr = NR * (p < 2 ? 0.70 : 0.30) + 16.0 * (pal_rng_uniform(&g->rng) - 0.5);
		double		tc = NC * (p % 2 == 0 ? 0.30 : 0.70) + 16.0 * (pal_rng_uniform(&g->rng) - 0.5);

		seeds[p] = nearest_inhabited(g, tr, tc, NULL, 0);
		labels[p] = p;
	}
	if (grow(g, NULL, 0, seeds, labels, NPREF, g->pref))
		return 1;

	/* secondary regions inside each prefecture, centred on its cities */
	g->nsec = 0;
	for (p = 0; p < NPREF; p++)
	{
		int			n = secondary_per_pref[p];

		if (pick_centers(g, g->pref, p, seeds[p], n, 30.0, 12.0, centers))
			return 1;
		for (k = 0; k < n; k++)
		{
			g->sec_center[g->nsec + k] = centers[k];
			g->sec_pref[g->nsec + k] = p;
			labels[k] = g->nsec + k;
		}
		if (grow(g, g->pref, p, centers, labels, n, g->sec))
			return 1;
		g->nsec += n;
		if (interrupted(g))
			return 2;
	}

	/* municipalities inside each secondary region, seated at towns */
	g->nmuni = 0;
	for (s = 0; s < g->nsec; s++)
	{
		int			n = 3 + (int) pal_rng_below(&g->rng, 3);

		if (pick_centers(g, g->sec, s, g->sec_center[s], n, 14.0, 8.0, centers))
			return 1;
		for (k = 0; k < n; k++)
		{
			g->muni_center[g->nmuni + k] = centers[k];
			g->muni_sec[g->nmuni + k] = s;
			labels[k] = g->nmuni + k;
		}
		if (grow(g, g->sec, s, centers, labels, n, g->muni))
			return 1;
		g->nmuni += n;
		if (interrupted(g))
			return 2;
	}
	return 0;
}

/* ---- step 4: people ---------------------------------------------------- */

static double
round_to(double x, double unit)
{
	return floor(x / unit + 0.5) * unit;
}

static int
build_population(gen *g)
{
	int			m,
				i;

	for (i = 0; i < NCELL; i++)
	{
		double		low = 1.0 - g->elev[i];

		g->pop[i] = g->inhabited[i]
			? 6.0 + 110.0 * low * low * low * (0.4 + 1.2 * g->nz[i])
			: 0.0;
	}
	/* seats: a prefecture's capital, the other secondary centres, towns */
	for (m = 0; m < g->nmuni; m++)
	{
		int			s = g->muni_sec[m];
		int			center = g->muni_center[m];
		int			is_sec_center = (center == g->sec_center[s]);
		int			is_capital = is_sec_center &&
			(s == 0 || g->sec_pref[s - 1] != g->sec_pref[s]);
		double		u = pal_rng_uniform(&g->rng);
		double		people = is_capital ? 450000.0 + 600000.0 * u
			: is_sec_center ? 50000.0 + 180000.0 * u
			: 4000.0 + 36000.0 * u * u;
		double		radius = 0.8 + 2.2 * sqrt(people / 100000.0);
		double		reach = 4.0 * radius,
					sum = 0.0;
		int			r0 = center / NC,
					c0 = center % NC,
					rspan = (int) (reach / KM_Y) + 1,
					cspan = (int) (reach / KM_X) + 1,
					pass,
					r,
					c;

		g->muni_seat_pop[m] = people;
		for (pass = 0; pass < 2; pass++)
		{
			for (r = r0 - rspan; r <= r0 + rspan; r++)
			{
				if (r < 0 || r >= NR)
					continue;
				for (c = c0 - cspan; c <= c0 + cspan; c++)
				{
					double		d,
								q,
								w;

					if (c < 0 || c >= NC || !g->inhabited[r * NC + c])
						continue;
					d = dist_km(r * NC + c, center);
					if (d > reach)
						continue;
					q = 1.0 + (d / radius) * (d / radius);
					w = 1.0 / (q * q);
					if (pass == 0)
						sum += w;
					else
						g->pop[r * NC + c] += people * w / sum;
				}
			}
		}
		if (interrupted(g))
			return 2;
	}
	return 0;
}

/* ---- step 6: region polygons ------------------------------------------- */

/* directions on the lattice of cell corners: E, N, W, S */
static const int dir_dr[4] = {0, 1, 0, -1};
static const int dir_dc[4] = {1, 0, -1, 0};

#define NV ((NR + 1) * (NC + 1))

typedef struct ring
{
	int			first;			/* index of its first corner */
	int			n;				/* corners, not closed */
	int64_t		area2;			/* twice the signed area, lattice units */
	int			tx2,
				ty2;			/* a point inside a hole, doubled */
	int			shell;			/* for a hole: its shell */
} ring;

typedef struct tracer
{
	uint8_t    *out;			/* outgoing edge bits per vertex */
	uint8_t    *used;
	int		   *stamp;			/* position of a vertex on the walk's stack, or -1 */
	int		   *path;			/* a closed walk: vertices and outgoing directions */
	uint8_t    *pdir;
	int		   *stack;			/* the walk split into simple rings */
	uint8_t    *sdir;
	int		   *cr;				/* corners: row, col */
	int		   *cc;
	ring	   *rings;
	int			nrings;
	int			ncorners;
} tracer;

/*
 * Stores the simple ring of n vertices vs (with outgoing directions ds) as
 * its corners, its doubled signed area and a point just right of its first
 * edge (inside the hole when the ring is a hole).
 */
static void
emit_ring(tracer *t, const int *vs, const uint8_t *ds, int n)
{
	ring	   *rg = &t->rings[t->nrings++];
	int			j,
				k;

	rg->first = t->ncorners;
	rg->n = 0;
	rg->area2 = 0;
	rg->shell = -1;
	rg->tx2 = 2 * (vs[0] % (NC + 1)) + (ds[0] == 0 || ds[0] == 1 ? 1 : -1);
	rg->ty2 = 2 * (vs[0] / (NC + 1)) + (ds[0] == 1 || ds[0] == 2 ? 1 : -1);
	for (j = 0; j < n; j++)
	{
		if (ds[j] == ds[(j + n - 1) % n])
			continue;
		t->cr[t->ncorners] = vs[j] / (NC + 1);
		t->cc[t->ncorners] = vs[j] % (NC + 1);
		t->ncorners++;
		rg->n++;
	}
	for (k = 0; k < rg->n; k++)
	{
		int			a = rg->first + k,
					b = rg->first + (k + 1) % rg->n;

		rg->area2 += (int64_t) t->cc[a] * t->cr[b] - (int64_t) t->cc[b] * t->cr[a];
	}
}

static int
point_in_ring(const tracer *t, const ring *rg, int x2, int y2)
{
	int			inside = 0,
				k;

	for (k = 0; k < rg->n; k++)
	{
		int			a = rg->first + k,
					b = rg->first + (k + 1) % rg->n;
		int			ya = 2 * t->cr[a],
					yb = 2 * t->cr[b],
					xa = 2 * t->cc[a],
					xb = 2 * t->cc[b];

		/* edges are axis-parallel; the point is never on one */
		if (xa == xb && (ya > y2) != (yb > y2) && x2 < xa)
			inside = !inside;
	}
	return inside;
}

static uint8_t *
put_u32(uint8_t *p, uint32_t v)
{
	int			i;

	for (i = 0; i < 4; i++)
		*p++ = (uint8_t) (v >> (8 * i));
	return p;
}

static uint8_t *
put_f64(uint8_t *p, double d)
{
	uint64_t	v;
	int			i;

	memcpy(&v, &d, sizeof(v));
	for (i = 0; i < 8; i++)
		*p++ = (uint8_t) (v >> (8 * i));
	return p;
}

static uint8_t *
put_corner(uint8_t *p, int r, int c)
{
	p = put_f64(p, pal_mesh_col_lon((PAL_SAMPLE_COL0 + c) * 8));
	return put_f64(p, pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r) * 8));
}

/*
 * The outline of the cells labelled `label` as an EWKB MultiPolygon.  Edges
 * run with the region on their left; at a corner where two of the region's
 * cells touch only diagonally the walk turns left, which keeps the rings
 * simple.  Counter-clockwise rings are shells, clockwise ones holes.
 */
static int
trace_region(gen *g, tracer *t, const int *labels, int label,
			 uint8_t **ewkb, size_t *len)
{
	int			i,
				v,
				nrings,
				nshells = 0,
				k;
	size_t		size;
	uint8_t    *p;

	memset(t->out, 0, NV);
	memset(t->used, 0, NV);
	for (i = 0; i < NCELL; i++)
	{
		int			r = i / NC,
					c = i % NC;

		if (labels[i] != label)
			continue;
		if (r == 0 || labels[i - NC] != label)
			t->out[r * (NC + 1) + c] |= 1;	/* south side, going E */
		if (c == NC - 1 || labels[i + 1] != label)
			t->out[r * (NC + 1) + c + 1] |= 2;	/* east side, going N */
		if (r == NR - 1 || labels[i + NC] != label)
			t->out[(r + 1) * (NC + 1) + c + 1] |= 4;	/* north, going W */
		if (c == 0 || labels[i - 1] != label)
			t->out[(r + 1) * (NC + 1) + c] |= 8;	/* west side, going S */
	}
	t->nrings = 0;
	t->ncorners = 0;
	for (v = 0; v < NV; v++)
	{
		int			d0;

		for (d0 = 0; d0 < 4; d0++)
		{
			int			cur = v,
						d = d0,
						np = 0,
						sp = 0,
						j;

			if (!(t->out[v] & (1 << d0)) || (t->used[v] & (1 << d0)))
				continue;
			/* walk the closed boundary, turning left where there is a choice */
			for (;;)
			{
				int			nv,
							nd = -1,
							turn;

				t->used[cur] |= (uint8_t) (1 << d);
				t->path[np] = cur;
				t->pdir[np] = (uint8_t) d;
				np++;
				nv = cur + dir_dr[d] * (NC + 1) + dir_dc[d];
				for (turn = 0; turn < 3; turn++)
				{
					int			cand = (d + (turn == 0 ? 1 : turn == 1 ? 0 : 3)) % 4;

					if (t->out[nv] & (1 << cand))
					{
						nd = cand;
						break;
					}
				}
				if (nd < 0)
					return 3;	/* cannot happen: every corner has a way on */
				if (nv == v && nd == d0)
					break;
				cur = nv;
				d = nd;
			}
			/*
			 * A walk that passes a corner twice (a region touching itself
			 * diagonally around a hole) is split there into simple rings.
			 */
			for (j = 0; j < np; j++)
			{
				int			pv = t->path[j];

				if (t->stamp[pv] >= 0)
				{
					int			s0 = t->stamp[pv],
								q;

					emit_ring(t, t->stack + s0, t->sdir + s0, sp - s0);
					for (q = s0; q < sp; q++)
						t->stamp[t->stack[q]] = -1;
					sp = s0;
				}
				t->stamp[pv] = sp;
				t->stack[sp] = pv;
				t->sdir[sp] = t->pdir[j];
				sp++;
			}
			emit_ring(t, t->stack, t->sdir, sp);
			for (j = 0; j < sp; j++)
				t->stamp[t->stack[j]] = -1;
		}
	}
	nrings = t->nrings;
	for (k = 0; k < nrings; k++)
		if (t->rings[k].area2 > 0)
			nshells++;
	/* each hole belongs to the smallest shell around it */
	for (k = 0; k < nrings; k++)
	{
		ring	   *h = &t->rings[k];
		int			j;

		if (h->area2 > 0)
			continue;
		for (j = 0; j < nrings; j++)
		{
			ring	   *s = &t->rings[j];

			if (s->area2 > 0 && point_in_ring(t, s, h->tx2, h->ty2) &&
				(h->shell < 0 || s->area2 < t->rings[h->shell].area2))
				h->shell = j;
		}
		if (h->shell < 0)
			return 3;
	}
	/* EWKB: MultiPolygon with SRID, then each polygon and its rings */
	size = 1 + 4 + 4 + 4;
	for (k = 0; k < nrings; k++)
		size += (t->rings[k].area2 > 0 ? 1 + 4 + 4 : 0) + 4 +
			(size_t) (t->rings[k].n + 1) * 16;
	p = *ewkb = gen_alloc(g, size, 1);
	if (p == NULL)
		return 1;
	*len = size;
	*p++ = 1;
	p = put_u32(p, 6u | 0x20000000u);
	p = put_u32(p, 4326);
	p = put_u32(p, (uint32_t) nshells);
	for (k = 0; k < nrings; k++)
	{
		ring	   *s = &t->rings[k];
		int			nholes = 0,
					j,
					q;

		if (s->area2 <= 0)
			continue;
		for (j = 0; j < nrings; j++)
			if (t->rings[j].area2 <= 0 && t->rings[j].shell == k)
				nholes++;
		*p++ = 1;
		p = put_u32(p, 3);
		p = put_u32(p, (uint32_t) (1 + nholes));
		for (j = -1; j < nrings; j++)
		{
			ring	   *rg = j < 0 ? s : &t->rings[j];

			if (j >= 0 && !(rg->area2 <= 0 && rg->shell == k))
				continue;
			p = put_u32(p, (uint32_t) (rg->n + 1));
			for (q = 0; q <= rg->n; q++)
			{
				int			a = rg->first + q % rg->n;

				p = put_corner(p, t->cr[a], t->cc[a]);
			}
		}
	}
	return 0;
}

/* ---- names -------------------------------------------------------------- */

static const char *const pref_ja[NPREF] = {"北陵県", "東雲県", "西峰県", "南湊県"};
static const char *const pref_en[NPREF] = {
	"Hokuryo Prefecture", "Shinonome Prefecture", "Nishimine Prefecture", "Minamiminato Prefecture"
};
static const char *const pref_stem_ja[NPREF] = {"北陵", "東雲", "西峰", "南湊"};

#define NPREFIX 16
#define NROOT 10
static const char *const prefix_ja[NPREFIX] = {
	"朝日", "若葉", "青葉", "白鷺", "桜", "緑", "高森", "美里",
	"清水", "鶴", "松", "藤", "萩", "梅", "栗", "霧"
};
static const char *const prefix_en[NPREFIX] = {
	"Asahi", "Wakaba", "Aoba", "Shirasagi", "Sakura", "Midori", "Takamori", "Misato",
	"Shimizu", "Tsuru", "Matsu", "Fuji", "Hagi", "Ume", "Kuri", "Kiri"
};
static const char *const root_ja[NROOT] = {"野", "川", "沢", "原", "岡", "浜", "崎", "田", "台", "山"};
static const char *const root_en[NROOT] = {"no", "kawa", "sawa", "hara", "oka", "hama", "saki", "ta", "dai", "yama"};

#define NWORD 16
static const char *const word_ja[NWORD] = {
	"さくら", "みどり", "ひかり", "あおば", "中央", "駅前", "記念", "第一",
	"希望", "平和", "城山", "港", "松風", "清流", "あさひ", "ふれあい"
};

/* ---- step 5: facilities ------------------------------------------------- */

typedef struct facgen
{
	gen		   *g;
	pal_sample *s;
	double	   *cum;			/* cumulative people over cells */
	int		   *cellof;			/* cell of each cum entry */
	int			ncum;
	int		   *idx;			/* scratch index list */
} facgen;

static void
shuffle(pal_rng *rng, int *v, int n)
{
	int			i;

	for (i = n - 1; i > 0; i--)
	{
		int			j = (int) pal_rng_below(rng, (uint32_t) i + 1);
		int			t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static int
share_count(double share, int n)
{
	return (int) floor(share * n + 0.5);
}

/* sets bit on exactly round(share * n) of the n facilities in v (shuffled) */
static void
give_share(facgen *fg, int *v, int n, double share, int bit)
{
	int			k = share_count(share, n),
				i;

	shuffle(&fg->g->rng, v, n);
	for (i = 0; i < k && i < n; i++)
		fg->s->facilities[v[i]].capabilities |= PAL_CAP(bit);
}

/* the facilities of [from, to) having all of `with` and none of `without` */
static int
select_facilities(facgen *fg, int from, int to, pal_capset with,
				  pal_capset without, int *v)
{
	int			n = 0,
				i;

	for (i = from; i < to; i++)
	{
		pal_capset	c = fg->s->facilities[i].capabilities;

		if ((c & with) == with && (c & without) == 0)
			v[n++] = i;
	}
	return n;
}

static int
pick_cell(facgen *fg)
{
	double		x = pal_rng_uniform(&fg->g->rng) * fg->cum[fg->ncum - 1];
	int			lo = 0,
				hi = fg->ncum - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (fg->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return fg->cellof[lo];
}

/* places facility f at a random point well inside the cell */
static void
place(facgen *fg, pal_sample_facility *f, int cell)
{
	int			r = cell / NC,
				c = cell % NC;
	double		x0 = pal_mesh_col_lon((PAL_SAMPLE_COL0 + c) * 8),
				x1 = pal_mesh_col_lon((PAL_SAMPLE_COL0 + c + 1) * 8),
				y0 = pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r) * 8),
				y1 = pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r + 1) * 8);

	f->lon = round_to(x0 + (0.05 + 0.9 * pal_rng_uniform(&fg->g->rng)) * (x1 - x0), 1e-6);
	f->lat = round_to(y0 + (0.05 + 0.9 * pal_rng_uniform(&fg->g->rng)) * (y1 - y0), 1e-6);
}

/* 2021-04-01 and 2024-04-01 as days since 2000-01-01 */
#define DAY_2021_04_01 7761
#define DAY_2024_04_01 8857

static void
name_and_address(facgen *fg, pal_sample_facility *f, int cell, const char *fmt)
{
	gen		   *g = fg->g;
	const pal_sample_region *mr = &fg->s->regions[NPREF + g->nsec + g->muni[cell]];
	const char *w = word_ja[pal_rng_below(&g->rng, NWORD)];
	char		stem[PAL_SAMPLE_NAMELEN];

	/* the municipality's name without its 市, 町 or 村 (3 bytes in UTF-8) */
	snprintf(stem, sizeof(stem), "%.*s", (int) strlen(mr->name_ja) - 3, mr->name_ja);
	/* fmt takes the stem and a word, e.g. "%s%s病院" or "%.0s%s薬局" */
	snprintf(f->name, sizeof(f->name), fmt, stem, w);
	snprintf(f->address, sizeof(f->address), "%s%s%s%u丁目%u-%u",
			 pref_ja[g->pref[cell]], mr->name_ja, w,
			 1 + pal_rng_below(&g->rng, 5), 1 + pal_rng_below(&g->rng, 30),
			 1 + pal_rng_below(&g->rng, 20));
}

/* conference attendance of base hospitals, FY2021 distribution */
static void
conferences(facgen *fg, int from, int to)
{
	static const double share[6] = {0.421, 0.410, 0.079, 0.059, 0.013, 0.018};
	static const int lo[6] = {0, 1, 5, 10, 20, -1};
	static const int span[6] = {1, 4, 5, 10, 15, 1};
	int			n = to - from,
				count[6],
				given = 0,
				i,
				k,
				pos = 0;
	double		rem[6];

	/* largest remainder allocation of n into the six classes */
	for (k = 0; k < 6; k++)
	{
		count[k] = (int) floor(share[k] * n);
		rem[k] = share[k] * n - count[k];
		given += count[k];
	}
	while (given < n)
	{
		int			best = 0;

		for (k = 1; k < 6; k++)
			if (rem[k] > rem[best])
				best = k;
		count[best]++;
		rem[best] = -1.0;
		given++;
	}
	for (i = 0; i < n; i++)
		fg->idx[i] = from + i;
	shuffle(&fg->g->rng, fg->idx, n);
	for (k = 0; k < 6; k++)
		for (i = 0; i < count[k]; i++, pos++)
			fg->s->facilities[fg->idx[pos]].conferences_attended =
				lo[k] < 0 ? -1 : lo[k] + (int) pal_rng_below(&fg->g->rng, (uint32_t) span[k]);
}

#define CAP(x) PAL_CAP(CAP_##x)

static int
build_facilities(gen *g, pal_sample *s)
{
	facgen		fgs,
			   *fg = &fgs;
	double		people = 0.0;
	int			count[PAL_KIND__COUNT],
				kind_from[PAL_KIND__COUNT + 1],
				n,
				i,
				k,
				nf,
				nbase,
				npcu,
				nltc;
	pal_sample_facility *F;
	int			secpop_order[32];
	int64_t		secpop[32];

	for (i = 0; i < s->ncells; i++)
		people += s->cells[i].total;
	/* Japan per 125 M people: hospitals, clinics, stations, pharmacies, care */
	count[PAL_KIND_HOSPITAL] = (int) floor(people * 8200.0 / 125e6 + 0.5);
	count[PAL_KIND_CLINIC] = (int) floor(people * 105000.0 / 125e6 + 0.5);
	count[PAL_KIND_VISITING_NURSE_STATION] = (int) floor(people * 15000.0 / 125e6 + 0.5);
	count[PAL_KIND_PHARMACY] = (int) floor(people * 62000.0 / 125e6 + 0.5);
	count[PAL_KIND_CARE_FACILITY] = (int) floor(people * 29000.0 / 125e6 + 0.5);
	nf = 0;
	for (k = 0; k < PAL_KIND__COUNT; k++)
	{
		kind_from[k] = nf;
		nf += count[k];
	}
	kind_from[PAL_KIND__COUNT] = nf;

	fg->g = g;
	fg->s = s;
	fg->cum = gen_alloc(g, (size_t) s->ncells, sizeof(double));
	fg->cellof = gen_alloc(g, (size_t) s->ncells, sizeof(int));
	fg->idx = gen_alloc(g, (size_t) nf, sizeof(int));
	s->facilities = gen_alloc(g, (size_t) nf, sizeof(pal_sample_facility));
	if (fg->cum == NULL || fg->cellof == NULL || fg->idx == NULL || s->facilities == NULL)
	{
		gen_release(g, fg->cum);
		gen_release(g, fg->cellof);
		gen_release(g, fg->idx);
		return 1;
	}
	s->nfacilities = nf;
	F = s->facilities;
	fg->ncum = 0;
	{
		double		acc = 0.0;

		for (i = 0; i < NCELL; i++)
		{
			if (!g->inhabited[i])
				continue;
			acc += g->pop[i];
			fg->cum[fg->ncum] = acc;
			fg->cellof[fg->ncum] = i;
			fg->ncum++;
		}
	}
	for (k = 0; k < PAL_KIND__COUNT; k++)
		for (i = kind_from[k]; i < kind_from[k + 1]; i++)
		{
			F[i].kind = (pal_sample_kind) k;
			F[i].physicians = F[i].physicians_trained = F[i].conferences_attended = -1;
			F[i].surveyed_on = DAY_2021_04_01 + (int32_t) pal_rng_below(&g->rng, 1461);
		}

	/* secondary regions by population, largest first */
	for (i = 0; i < g->nsec; i++)
	{
		secpop[i] = s->regions[NPREF + i].population;
		secpop_order[i] = i;
	}
	for (i = 1; i < g->nsec; i++)
		for (k = i; k > 0 && (secpop[secpop_order[k]] > secpop[secpop_order[k - 1]] ||
							  (secpop[secpop_order[k]] == secpop[secpop_order[k - 1]] &&
							   secpop_order[k] < secpop_order[k - 1])); k--)
		{
			int			t = secpop_order[k];

			secpop_order[k] = secpop_order[k - 1];
			secpop_order[k - 1] = t;
		}

	/*
	 * Hospitals.  Base hospitals first: one prefectural per prefecture and a
	 * regional one in its capital region, a regional one in the more
	 * populous three quarters of the other secondary regions, and a
	 * regional cancer-care hospital in each remaining region.
	 */
	n = 0;
	{
		int			others = g->nsec - NPREF,
					with_regional = share_count(0.75, others),
					rank = 0,
					j;

		for (i = 0; i < NPREF; i++)
		{
			int			sc = -1;

			for (j = 0; j < g->nsec; j++)
				if (g->sec_pref[j] == i)
				{
					sc = j;
					break;
				}
			F[n].capabilities = CAP(CANCER_BASE_PREFECTURAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc], "%s%s");
			snprintf(F[n].name, sizeof(F[n].name), "%s県立がんセンター", pref_stem_ja[i]);
			n++;
			F[n].capabilities = CAP(CANCER_BASE_REGIONAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc], "%s市立総合病院%.0s");
			n++;
		}
		for (j = 0; j < g->nsec; j++)
		{
			int			sc = secpop_order[j];
			int			capital_region = (sc == 0 || g->sec_pref[sc - 1] != g->sec_pref[sc]);

			if (capital_region)
				continue;
			F[n].capabilities = rank < with_regional ? CAP(CANCER_BASE_REGIONAL)
				: CAP(CANCER_REGIONAL_HOSPITAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc],
							 rank < with_regional ? "%s赤十字病院%.0s" : "%s厚生病院%.0s");
			rank++;
			n++;
		}
	}
	nbase = n;
	for (i = 0; i < nbase; i++)
	{
		pal_sample_facility *f = &F[i];
		double		u = pal_rng_uniform(&g->rng);

		f->capabilities |= CAP(PALLIATIVE_TEAM) | CAP(PALLIATIVE_OUTPATIENT) |
			CAP(PALLIATIVE_PHYSICIAN) | CAP(OPIOID_SKILLED_PHYSICIAN) |
			CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_PHARMACIST) |
			CAP(OPIOID_STORAGE) | CAP(OPIOID_USE) | CAP(OPIOID_ALL_KINDS) |
			CAP(OPIOID_ALL_ROUTES) | CAP(CONSULTATION_DESK) |
			CAP(CANCER_CONSULTATION_CENTER) | CAP(CANCER_REHAB) | CAP(END_OF_LIFE_CARE);
		if (f->capabilities & CAP(CANCER_BASE_PREFECTURAL))
		{
			f->capabilities |= CAP(PCU) | CAP(PALLIATIVE_SPECIALIST) |
				CAP(PCU_EXPERIENCED_NURSE) | CAP(REGIONAL_COORDINATOR) |
				CAP(PALLIATIVE_RADIOTHERAPY) | CAP(NERVE_BLOCK) | CAP(AYA_SUPPORT) |
				CAP(PEDIATRIC_PALLIATIVE) | CAP(CARE_FACILITY_LIAISON) |
				CAP(STERILE_COMPOUNDING);
			f->general_beds = 500 + (int32_t) (400.0 * u);
		}
		else if (f->capabilities & CAP(CANCER_BASE_REGIONAL))
			f->general_beds = 300 + (int32_t) (400.0 * u);
		else
		{
			f->capabilities &= ~(CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_OUTPATIENT));
			f->general_beds = 150 + (int32_t) (150.0 * u);
		}
		f->physicians = f->general_beds / 4 + (int32_t) pal_rng_below(&g->rng, 30);
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.70 + 0.25 * pal_rng_uniform(&g->rng)) + 0.5);
		f->surveyed_on = DAY_2024_04_01 + (int32_t) pal_rng_below(&g->rng, 365);
	}
	/* regional base hospitals: half have a PCU, and share the extras */
	k = select_facilities(fg, 0, nbase, CAP(CANCER_BASE_REGIONAL), 0, fg->idx);
	give_share(fg, fg->idx, k, 0.5, CAP_PCU);
	give_share(fg, fg->idx, k, 0.6, CAP_PALLIATIVE_SPECIALIST);
	give_share(fg, fg->idx, k, 0.6, CAP_PALLIATIVE_RADIOTHERAPY);
	give_share(fg, fg->idx, k, 0.5, CAP_NERVE_BLOCK);
	give_share(fg, fg->idx, k, 0.5, CAP_REGIONAL_COORDINATOR);
	give_share(fg, fg->idx, k, 0.4, CAP_AYA_SUPPORT);
	give_share(fg, fg->idx, k, 0.5, CAP_CARE_FACILITY_LIAISON);
	conferences(fg, 0, nbase);

	/* the other hospitals, where people live */
	for (i = nbase; i < count[PAL_KIND_HOSPITAL]; i++)
	{
		int			cell = pick_cell(fg);

		place(fg, &F[i], cell);
		name_and_address(fg, &F[i], cell, "%s%s病院");
	}
	/* PCUs: about 3.6 per million people, counting the base hospitals' */
	npcu = (int) floor(people * 3.6 / 1e6 + 0.5) -
		select_facilities(fg, 0, nbase, CAP(PCU), 0, fg->idx);
	if (npcu < 0)
		npcu = 0;
	if (npcu > count[PAL_KIND_HOSPITAL] - nbase)
		npcu = count[PAL_KIND_HOSPITAL] - nbase;
	for (i = nbase; i < nbase + npcu; i++)
		F[i].capabilities |= CAP(PCU) | CAP(PCU_EXPERIENCED_NURSE) | CAP(OPIOID_STORAGE) |
			CAP(OPIOID_USE) | CAP(OPIOID_ALL_KINDS) | CAP(OPIOID_ALL_ROUTES) |
			CAP(OPIOID_SKILLED_PHYSICIAN) | CAP(END_OF_LIFE_CARE);
	k = select_facilities(fg, nbase, nbase + npcu, 0, 0, fg->idx);
	give_share(fg, fg->idx, k, 0.8, CAP_PALLIATIVE_PHYSICIAN);
	give_share(fg, fg->idx, k, 0.3, CAP_PALLIATIVE_SPECIALIST);
	give_share(fg, fg->idx, k, 0.4, CAP_PALLIATIVE_TEAM);
	give_share(fg, fg->idx, k, 0.6, CAP_CERTIFIED_PALLIATIVE_NURSE);
	give_share(fg, fg->idx, k, 0.5, CAP_PALLIATIVE_OUTPATIENT);
	give_share(fg, fg->idx, k, 0.3, CAP_RESPITE);
	for (i = 0; i < nbase + npcu; i++)
		if (F[i].capabilities & CAP(PCU))
			F[i].pcu_beds = 12 + (int32_t) pal_rng_below(&g->rng, 14);

	/*
	 * Long-term-care wards without a PCU: 45% of the remaining hospitals,
	 * profiled as the Tokyo survey found them (DIGEST.md).
	 */
	{
		int			rest = count[PAL_KIND_HOSPITAL] - nbase - npcu;
		int		   *v = fg->idx;
		int			nouse,
					nshared,
					k1,
					k2,
					k3,
					pos;

		nltc = share_count(0.45, rest);
		for (i = 0; i < rest; i++)
			v[i] = nbase + npcu + i;
		shuffle(&g->rng, v, rest);
		for (i = 0; i < nltc; i++)
			F[v[i]].capabilities |= CAP(LTC_WARD);
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(LTC_WARD), 0, v);
		/* storage and opioid use: no storage = cannot use opioids (10.9%) */
		shuffle(&g->rng, v, k);
		nouse = share_count(0.109, k);
		nshared = share_count(0.127, k);
		for (i = 0; i < k; i++)
		{
			pal_capset *c = &F[v[i]].capabilities;

			if (i < nouse)
				continue;
			*c |= CAP(OPIOID_USE) | (i < nouse + nshared ? CAP(OPIOID_STORAGE_SHARED)
									 : CAP(OPIOID_STORAGE));
		}
		/*
		 * Among all wards: unrestricted 56.4%, limited kinds 23.6%, limited
		 * route or timing 10.9% (multiple answers: 1.8% both).
		 */
		k1 = share_count(0.564, k);
		k2 = share_count(0.218, k);
		k3 = share_count(0.091, k);
		if (k1 + k2 + k3 > k - nouse)
			k2 = k - nouse - k1 - k3;
		pos = 0;
		for (i = nouse; i < k; i++)
			v[pos++] = v[i];
		shuffle(&g->rng, v, pos);
		for (i = 0; i < pos; i++)
		{
			pal_capset *c = &F[v[i]].capabilities;

			if (i < k1)
				*c |= CAP(OPIOID_ALL_KINDS) | CAP(OPIOID_ALL_ROUTES);
			else if (i < k1 + k2)
				*c |= CAP(OPIOID_ALL_ROUTES);
			else if (i < k1 + k2 + k3)
				*c |= CAP(OPIOID_ALL_KINDS);
		}
		/* physicians: palliative 1.8%, skilled with opioids 30.9%, none */
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(LTC_WARD), 0, v);
		shuffle(&g->rng, v, k);
		k1 = share_count(0.018, k);
		k2 = share_count(0.309, k);
		for (i = 0; i < k1 + k2 && i < k; i++)
			F[v[i]].capabilities |= i < k1 ? CAP(PALLIATIVE_PHYSICIAN) : CAP(OPIOID_SKILLED_PHYSICIAN);
		/* nurses: PCU experience 16.4%, certified 0% */
		give_share(fg, v, k, 0.164, CAP_PCU_EXPERIENCED_NURSE);
		give_share(fg, v, k, 0.55, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.15, CAP_RESPITE);
		give_share(fg, v, k, 0.15, CAP_HOME_CARE_SUPPORT);
		for (i = 0; i < k; i++)
		{
			F[v[i]].ltc_beds = 30 + 10 * (int32_t) pal_rng_below(&g->rng, 10);
			F[v[i]].general_beds = pal_rng_below(&g->rng, 10) < 6
				? 30 + 10 * (int32_t) pal_rng_below(&g->rng, 12) : 0;
		}
	}
	/* the other general hospitals */
	k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], 0, CAP(LTC_WARD), fg->idx);
	{
		int		   *v = fg->idx;
		int			nnone = share_count(0.05, k),
					nshared = share_count(0.05, k);

		shuffle(&g->rng, v, k);
		for (i = nnone; i < k; i++)
			F[v[i]].capabilities |= CAP(OPIOID_USE) |
				(i < nnone + nshared ? CAP(OPIOID_STORAGE_SHARED) : CAP(OPIOID_STORAGE));
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(OPIOID_USE), CAP(LTC_WARD), v);
		give_share(fg, v, k, 0.75, CAP_OPIOID_ALL_KINDS);
		give_share(fg, v, k, 0.80, CAP_OPIOID_ALL_ROUTES);
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], 0, CAP(LTC_WARD), v);
		give_share(fg, v, k, 0.35, CAP_OPIOID_SKILLED_PHYSICIAN);
		give_share(fg, v, k, 0.08, CAP_PALLIATIVE_PHYSICIAN);
		give_share(fg, v, k, 0.10, CAP_PALLIATIVE_TEAM);
		give_share(fg, v, k, 0.20, CAP_HOME_CARE_SUPPORT);
		give_share(fg, v, k, 0.40, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.15, CAP_CANCER_REHAB);
		give_share(fg, v, k, 0.20, CAP_CONSULTATION_DESK);
		for (i = 0; i < k; i++)
		{
			uint32_t	b = pal_rng_below(&g->rng, 100);

			F[v[i]].general_beds = b < 35 ? 20 + (int32_t) pal_rng_below(&g->rng, 80)
				: b < 70 ? 100 + (int32_t) pal_rng_below(&g->rng, 100)
				: b < 95 ? 200 + (int32_t) pal_rng_below(&g->rng, 300)
				: 500 + (int32_t) pal_rng_below(&g->rng, 300);
		}
	}
	for (i = nbase; i < count[PAL_KIND_HOSPITAL]; i++)
	{
		pal_sample_facility *f = &F[i];

		if (f->general_beds == 0 && f->ltc_beds == 0)
			f->general_beds = 60 + (int32_t) pal_rng_below(&g->rng, 200);
		if (f->capabilities & CAP(HOME_CARE_SUPPORT))
			f->capabilities |= CAP(HOME_VISIT) | CAP(HOME_VISIT_24H);
		f->physicians = 2 + (f->general_beds + f->pcu_beds) / 12 + f->ltc_beds / 40;
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.15 + 0.35 * pal_rng_uniform(&g->rng)) + 0.5);
	}

	/* clinics */
	{
		int			from = kind_from[PAL_KIND_CLINIC],
					to = kind_from[PAL_KIND_CLINIC + 1];
		int		   *v = fg->idx;
		static const char *const kinds[3] = {"%.0s%sクリニック", "%s%s診療所", "%.0s%s医院"};

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, kinds[pal_rng_below(&g->rng, 3)]);
			F[i].physicians = 1 + (pal_rng_below(&g->rng, 10) < 2);
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		/* home-care support clinics 14% (enhanced 4% of all clinics) */
		give_share(fg, v, k, 0.14, CAP_HOME_CARE_SUPPORT);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), 0, v);
		give_share(fg, v, n, 0.04 / 0.14, CAP_HOME_CARE_SUPPORT_ENHANCED);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(HOME_VISIT);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), CAP(HOME_CARE_SUPPORT_ENHANCED), v);
		give_share(fg, v, n, 0.75, CAP_HOME_VISIT_24H);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT_ENHANCED), 0, v);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(HOME_VISIT_24H) | CAP(OPIOID_USE) |
				CAP(OPIOID_ALL_KINDS) | CAP(END_OF_LIFE_CARE);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), CAP(HOME_CARE_SUPPORT_ENHANCED), v);
		give_share(fg, v, n, 0.55, CAP_OPIOID_USE);
		give_share(fg, v, n, 0.55, CAP_END_OF_LIFE_CARE);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT) | CAP(OPIOID_USE), 0, v);
		give_share(fg, v, n, 0.6, CAP_OPIOID_ALL_KINDS);
		give_share(fg, v, n, 0.5, CAP_OPIOID_ALL_ROUTES);
		give_share(fg, v, n, 0.12, CAP_PALLIATIVE_PHYSICIAN);
		give_share(fg, v, n, 0.35, CAP_OPIOID_SKILLED_PHYSICIAN);
		n = select_facilities(fg, from, to, 0, CAP(HOME_CARE_SUPPORT), v);
		give_share(fg, v, n, 0.08, CAP_HOME_VISIT);
		give_share(fg, v, n, 0.06, CAP_OPIOID_USE);
		n = select_facilities(fg, from, to, CAP(OPIOID_USE), 0, v);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(OPIOID_STORAGE);
		give_share(fg, v, k, 0.01, CAP_PALLIATIVE_OUTPATIENT);
	}

	/* visiting-nurse stations: most nurse at home, 60% around the clock */
	{
		int			from = kind_from[PAL_KIND_VISITING_NURSE_STATION],
					to = kind_from[PAL_KIND_VISITING_NURSE_STATION + 1];
		int		   *v = fg->idx;

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, "%.0s%s訪問看護ステーション");
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.97, CAP_HOME_NURSING);
		n = select_facilities(fg, from, to, CAP(HOME_NURSING), 0, v);
		give_share(fg, v, n, 0.60 * k / (n > 0 ? n : 1), CAP_HOME_VISIT_24H);
		give_share(fg, v, n, 0.55, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, n, 0.08, CAP_CERTIFIED_PALLIATIVE_NURSE);
		give_share(fg, v, n, 0.06, CAP_PEDIATRIC_PALLIATIVE);
	}

	/* pharmacies: 80% licensed for narcotics, 30% visit homes */
	{
		int			from = kind_from[PAL_KIND_PHARMACY],
					to = kind_from[PAL_KIND_PHARMACY + 1];
		int		   *v = fg->idx;

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, "%.0s%s薬局");
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.80, CAP_NARCOTICS_RETAIL_LICENSE);
		n = select_facilities(fg, from, to, CAP(NARCOTICS_RETAIL_LICENSE), 0, v);
		give_share(fg, v, n, 0.30 * k / (n > 0 ? n : 1), CAP_PHARMACY_HOME_VISIT);
		n = select_facilities(fg, from, to, CAP(PHARMACY_HOME_VISIT), 0, v);
		give_share(fg, v, n, 0.10, CAP_STERILE_COMPOUNDING);
		give_share(fg, v, n, 0.07, CAP_PALLIATIVE_PHARMACIST);
	}

	/* care facilities: 60% care for residents to the end */
	{
		int			from = kind_from[PAL_KIND_CARE_FACILITY],
					to = kind_from[PAL_KIND_CARE_FACILITY + 1];
		int		   *v = fg->idx;
		static const char *const kinds[3] = {
			"%.0s特別養護老人ホーム%s", "%.0s介護老人保健施設%s", "%.0sグループホーム%s"
		};

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, kinds[pal_rng_below(&g->rng, 3)]);
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.60, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.35, CAP_CARE_FACILITY_LIAISON);
		give_share(fg, v, k, 0.25, CAP_RESPITE);
	}

	gen_release(g, fg->cum);
	gen_release(g, fg->cellof);
	gen_release(g, fg->idx);
	return 0;
}

/* ---- putting it together ------------------------------------------------ */

static int
build_sample(gen *g, pal_sample *s, unsigned flags)
{
	int			i,
				m,
				ret,
				nreg;
	int		   *prefix_order;
	int			city_no[NPREF],
				town_no[NPREF];
	int64_t		muni_pop[256] = {0};

	if ((ret = build_land(g)) != 0 || (ret = build_regions(g)) != 0 ||
		(ret = build_population(g)) != 0)
		return ret;

	/* cells: every inhabited cell, south to north, west to east */
	s->ncells = 0;
	for (i = 0; i < NCELL; i++)
		if (g->inhabited[i])
			s->ncells++;
	s->cells = gen_alloc(g, (size_t) s->ncells, sizeof(pal_sample_cell));
	if (s->cells == NULL)
		return 1;
	s->ncells = 0;
	for (i = 0; i < NCELL; i++)
	{
		pal_sample_cell *c = &s->cells[s->ncells];
		double		total,
					u,
					s65,
					s75,
					a65,
					a75;

		if (!g->inhabited[i])
			continue;
		c->mesh = pal_mesh_from_cell((PAL_SAMPLE_ROW0 + i / NC) * 8,
									 (PAL_SAMPLE_COL0 + i % NC) * 8, 3);
		pal_mesh_center(c->mesh, &c->lon, &c->lat);
		total = floor(g->pop[i] + 0.5);
		if (total < 1.0)
			total = 1.0;
		g->pop[i] = total;
		/* towns are younger than the countryside */
		u = total / (total + 1500.0);
		s65 = 0.375 - 0.18 * u + 0.06 * (g->nz[(i * 7 + 13) % NCELL] - 0.5);
		s75 = s65 * (0.47 + 0.08 * (1.0 - u));
		a65 = floor(total * s65 + 0.5);
		a75 = floor(total * s75 + 0.5);
		c->total = total;
		c->aged_65_plus = a65;
		c->aged_75_plus = a75;
		/* cancer deaths per person-year: under 65, 65-74, 75 and over */
		c->cancer_deaths = round_to(0.00045 * (total - a65) + 0.0054 * (a65 - a75) +
									0.013 * a75, 1e-4);
		s->ncells++;
	}

	/* regions: prefectures, secondary regions, municipalities */
	nreg = NPREF + g->nsec + g->nmuni;
	s->regions = gen_alloc(g, (size_t) nreg, sizeof(pal_sample_region));
	prefix_order = gen_alloc(g, NPREFIX * NROOT, sizeof(int));
	if (s->regions == NULL || prefix_order == NULL)
	{
		gen_release(g, prefix_order);
		return 1;
	}
	s->nregions = nreg;
	for (i = 0; i < NCELL; i++)
		if (g->inhabited[i])
			muni_pop[g->muni[i]] += (int64_t) g->pop[i];
	for (i = 0; i < NPREFIX * NROOT; i++)
		prefix_order[i] = i;
	shuffle(&g->rng, prefix_order, NPREFIX * NROOT);
	for (i = 0; i < NPREF; i++)
	{
		pal_sample_region *r = &s->regions[i];

		snprintf(r->code, sizeof(r->code), "%02u", (unsigned) (81 + i) % 100u);
		r->level = PAL_SAMPLE_PREFECTURE;
		snprintf(r->name_ja, sizeof(r->name_ja), "%s", pref_ja[i]);
		snprintf(r->name_en, sizeof(r->name_en), "%s", pref_en[i]);
		city_no[i] = 201;
		town_no[i] = 301;
	}
	for (m = 0; m < g->nmuni; m++)
	{
		pal_sample_region *r = &s->regions[NPREF + g->nsec + m];
		int			sidx = g->muni_sec[m],
					p = g->sec_pref[sidx],
					name = prefix_order[m];
		int			city = muni_pop[m] >= 50000;
		int			village = !city && muni_pop[m] < 10000;

		snprintf(r->code, sizeof(r->code), "%02u%03u", (unsigned) (81 + p) % 100u,
				 (unsigned) (city ? city_no[p]++ : town_no[p]++) % 1000u);
		r->level = PAL_SAMPLE_MUNICIPALITY;
		snprintf(r->name_ja, sizeof(r->name_ja), "%s%s%s", prefix_ja[name / NROOT],
				 root_ja[name % NROOT], city ? "市" : village ? "村" : "町");
		snprintf(r->name_en, sizeof(r->name_en), "%s%s %s", prefix_en[name / NROOT],
				 root_en[name % NROOT], city ? "City" : village ? "Village" : "Town");
	}
	for (i = 0; i < g->nsec; i++)
	{
		pal_sample_region *r = &s->regions[NPREF + i];
		int			p = g->sec_pref[i],
					k = 1,
					j,
					seat = -1;

		for (j = 0; j < i; j++)
			if (g->sec_pref[j] == p)
				k++;
		for (m = 0; m < g->nmuni; m++)
			if (g->muni_center[m] == g->sec_center[i])
			{
				seat = m;
				break;
			}
		snprintf(r->code, sizeof(r->code), "%02u%02u", (unsigned) (81 + p) % 100u, (unsigned) k % 100u);
		r->level = PAL_SAMPLE_SECONDARY;
		snprintf(r->parent_code, sizeof(r->parent_code), "%02u", (unsigned) (81 + p) % 100u);
		{
			const pal_sample_region *sr = &s->regions[NPREF + g->nsec + seat];
			int			stem_ja = (int) strlen(sr->name_ja) - 3;
			int			stem_en = (int) (strchr(sr->name_en, ' ') - sr->name_en);

			snprintf(r->name_ja, sizeof(r->name_ja), "%.*s医療圏", stem_ja, sr->name_ja);
			snprintf(r->name_en, sizeof(r->name_en), "%.*s Medical Region", stem_en, sr->name_en);
		}
	}
	for (m = 0; m < g->nmuni; m++)
		snprintf(s->regions[NPREF + g->nsec + m].parent_code,
				 sizeof(s->regions[0].parent_code), "%s",
				 s->regions[NPREF + g->muni_sec[m]].code);
	gen_release(g, prefix_order);
	for (i = 0; i < NCELL; i++)
	{
		if (!g->inhabited[i])
			continue;
		s->regions[g->pref[i]].population += (int64_t) g->pop[i];
		s->regions[NPREF + g->sec[i]].population += (int64_t) g->pop[i];
		s->regions[NPREF + g->nsec + g->muni[i]].population += (int64_t) g->pop[i];
	}

	if ((ret = build_facilities(g, s)) != 0)
		return ret;

	if (flags & PAL_SAMPLE_POLYGONS)
	{
		tracer		t;
		int		   *plab = NULL;

		t.out = gen_alloc(g, NV, 1);
		t.used = gen_alloc(g, NV, 1);
		t.stamp = gen_alloc(g, NV, sizeof(int));
		t.path = gen_alloc(g, (size_t) NCELL * 4 + 4, sizeof(int));
		t.pdir = gen_alloc(g, (size_t) NCELL * 4 + 4, 1);
		t.stack = gen_alloc(g, (size_t) NCELL * 4 + 4, sizeof(int));
		t.sdir = gen_alloc(g, (size_t) NCELL * 4 + 4, 1);
		if (t.stamp != NULL)
			for (i = 0; i < NV; i++)
				t.stamp[i] = -1;
		t.cr = gen_alloc(g, (size_t) NCELL * 4 + 4, sizeof(int));
		t.cc = gen_alloc(g, (size_t) NCELL * 4 + 4, sizeof(int));
		t.rings = gen_alloc(g, (size_t) NCELL + 1, sizeof(ring));
		ret = (t.out == NULL || t.used == NULL || t.stamp == NULL || t.path == NULL ||
			   t.pdir == NULL || t.stack == NULL || t.sdir == NULL || t.cr == NULL ||
			   t.cc == NULL || t.rings == NULL) ? 1 : 0;
		for (i = 0; ret == 0 && i < nreg; i++)
		{
			pal_sample_region *r = &s->regions[i];

			plab = r->level == PAL_SAMPLE_PREFECTURE ? g->pref
				: r->level == PAL_SAMPLE_SECONDARY ? g->sec : g->muni;
			ret = trace_region(g, &t, plab,
							   r->level == PAL_SAMPLE_PREFECTURE ? i
							   : r->level == PAL_SAMPLE_SECONDARY ? i - NPREF
							   : i - NPREF - g->nsec,
							   &r->ewkb, &r->ewkb_len);
			if (ret == 0 && interrupted(g))
				ret = 2;
		}
		gen_release(g, t.out);
		gen_release(g, t.used);
		gen_release(g, t.stamp);
		gen_release(g, t.path);
		gen_release(g, t.pdir);
		gen_release(g, t.stack);
		gen_release(g, t.sdir);
		gen_release(g, t.cr);
		gen_release(g, t.cc);
		gen_release(g, t.rings);
		if (ret != 0)
			return ret;
	}
	return 0;
}

pal_status
pal_sample_generate(int64_t seed, unsigned flags, const pal_allocator *alloc,
					pal_sample *out, pal_error *err)
{
	gen			g;
	int			ret;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	g.a = alloc;
	g.err = err;
	pal_rng_seed(&g.rng, (uint64_t) seed);
	g.score = gen_alloc(&g, NCELL, sizeof(double));
	g.elev = gen_alloc(&g, NCELL, sizeof(double));
	g.nz = gen_alloc(&g, NCELL, sizeof(double));
	g.land = gen_alloc(&g, NCELL, 1);
	g.inhabited = gen_alloc(&g, NCELL, 1);
	g.pref = gen_alloc(&g, NCELL, sizeof(int));
	g.sec = gen_alloc(&g, NCELL, sizeof(int));
	g.muni = gen_alloc(&g, NCELL, sizeof(int));
	g.pop = gen_alloc(&g, NCELL, sizeof(double));
	if (g.score == NULL || g.elev == NULL || g.nz == NULL || g.land == NULL ||
		g.inhabited == NULL || g.pref == NULL || g.sec == NULL || g.muni == NULL ||
		g.pop == NULL)
		ret = 1;
	else
	{
		int			i;

		for (i = 0; i < NCELL; i++)
			g.pref[i] = g.sec[i] = g.muni[i] = -1;
		ret = build_sample(&g, out, flags);
	}
	gen_release(&g, g.score);
	gen_release(&g, g.elev);
	gen_release(&g, g.nz);
	gen_release(&g, g.land);
	gen_release(&g, g.inhabited);
	gen_release(&g, g.pref);
	gen_release(&g, g.sec);
	gen_release(&g, g.muni);
	gen_release(&g, g.pop);
	if (ret != 0)
	{
		pal_sample_free(out, alloc);
		if (ret == 2)
			return pal_error_set(err, PAL_ERR_INTERRUPTED, "sample generation was interrupted");
		if (ret == 3)
			return pal_error_set(err, PAL_ERR_VALUE, "sample generation failed to trace a region outline");
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory while generating the sample");
	}
	return PAL_OK;
}

void
pal_sample_free(pal_sample *sample, const pal_allocator *alloc)
{
	int			i;

	if (sample->regions != NULL)
	{
		for (i = 0; i < sample->nregions; i++)
			if (sample->regions[i].ewkb != NULL)
				alloc->release(alloc->ctx, sample->regions[i].ewkb);
		alloc->release(alloc->ctx, sample->regions);
	}
	if (sample->cells != NULL)
		alloc->release(alloc->ctx, sample->cells);
	if (sample->facilities != NULL)
		alloc->release(alloc->ctx, sample->facilities);
	memset(sample, 0, sizeof(*sample));
}
