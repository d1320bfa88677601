/*
 * world.c
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
#include "sample/sample_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pal_sample_level_names[] = {"prefecture", "secondary", "municipality"};
const char *const pal_sample_kind_names[] = {
	"hospital", "clinic", "visiting_nurse_station", "pharmacy", "care_facility"
};

static const int secondary_per_pref[NPREF] = {4, 4, 3, 3};


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

/* cells of the scope no seed reached (islands) take the nearest seed's label */
static void
label_islands(gen *g, const int *scope, int scope_val, const int *seeds,
			  const int *labels, int nseeds, int *out)
{
	int			i,
				k;

	for (i = 0; i < NCELL; i++)
	{
		double		best = -1.0;

		if (!g->land[i] || (scope != NULL && scope[i] != scope_val) || out[i] >= 0)
			continue;
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
	label_islands(g, scope, scope_val, seeds, labels, nseeds, out);
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

/* land: the top 78% of the grid's cells by an irregular island's score */
static int
place_land(gen *g, double *n1, double *n2, ranked *rk, int nland)
{
	int			i;

	if (noise_field(g, 26, n1) || noise_field(g, 9, n2))
		return 1;
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
	return 0;
}

/* distance to the sea (or the grid's edge), in steps: a breadth-first search */
static void
sea_distance(gen *g, int *queue, int *seadist)
{
	static const int dr[4] = {0, 1, 0, -1};
	static const int dc[4] = {1, 0, -1, 0};
	int			head = 0,
				tail = 0,
				i;

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
}

/* elevation in [0, 1] on land: inland is higher, with ridges from two noise scales */
static int
elevation(gen *g, const int *seadist, double *n1, double *n2)
{
	double		lo = 0.0,
				hi = 0.0;
	int			first = 1,
				i;

	if (noise_field(g, 30, n1) || noise_field(g, 7, n2))
		return 1;
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
	return 0;
}

/* the highest 38% of the land is uninhabited mountain */
static void
mountains(gen *g, ranked *rk, int nland)
{
	int			nmount = (int) floor(MOUNTAIN_SHARE * nland + 0.5),
				i;

	for (i = 0; i < NCELL; i++)
	{
		rk[i].v = g->land[i] ? g->elev[i] : -1.0;
		rk[i].i = i;
	}
	qsort(rk, NCELL, sizeof(ranked), ranked_desc);
	for (i = 0; i < NCELL; i++)
		g->inhabited[i] = g->land[i];
	for (i = 0; i < nmount; i++)
		g->inhabited[rk[i].i] = 0;
}

/* steps 1 and 2: land, elevation, mountains, and a texture field */
static int
build_land(gen *g)
{
	double	   *n1 = gen_alloc(g, NCELL, sizeof(double));
	double	   *n2 = gen_alloc(g, NCELL, sizeof(double));
	ranked	   *rk = gen_alloc(g, NCELL, sizeof(ranked));
	int		   *queue = gen_alloc(g, NCELL, sizeof(int));
	int		   *seadist = gen_alloc(g, NCELL, sizeof(int));
	int			nland = (int) floor(LAND_SHARE * NCELL + 0.5),
				ret = 1;

	if (n1 != NULL && n2 != NULL && rk != NULL && queue != NULL && seadist != NULL &&
		place_land(g, n1, n2, rk, nland) == 0)
	{
		sea_distance(g, queue, seadist);
		if (elevation(g, seadist, n1, n2) == 0)
		{
			mountains(g, rk, nland);
			/* a texture field for densities and ages */
			ret = noise_field(g, 5, g->nz);
		}
	}
	gen_release(g, n1);
	gen_release(g, n2);
	gen_release(g, rk);
	gen_release(g, queue);
	gen_release(g, seadist);
	if (ret == 0 && interrupted(g))
		ret = 2;
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

/* ---- names -------------------------------------------------------------- */

const char *const pal_sample_pref_ja[NPREF] = {"北陵県", "東雲県", "西峰県", "南湊県"};
static const char *const pref_en[NPREF] = {
	"Hokuryo Prefecture", "Shinonome Prefecture", "Nishimine Prefecture", "Minamiminato Prefecture"
};
const char *const pal_sample_pref_stem_ja[NPREF] = {"北陵", "東雲", "西峰", "南湊"};

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


/* cells: every inhabited cell, south to north, west to east, with its people */
static int
build_cells(gen *g, pal_sample *s)
{
	int			i;

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
	return 0;
}

static void
name_prefectures(pal_sample *s)
{
	int			i;

	for (i = 0; i < NPREF; i++)
	{
		pal_sample_region *r = &s->regions[i];

		snprintf(r->code, sizeof(r->code), "%02u", (unsigned) (81 + i) % 100u);
		r->level = PAL_SAMPLE_PREFECTURE;
		snprintf(r->name_ja, sizeof(r->name_ja), "%s", pal_sample_pref_ja[i]);
		snprintf(r->name_en, sizeof(r->name_en), "%s", pref_en[i]);
	}
}

/*
 * Municipalities: a name from the shuffled list of prefix and root pairs,
 * city (50,000 people or more, codes from 201), town or village (under
 * 10,000; codes from 301), numbered within the prefecture.
 */
static void
name_municipalities(gen *g, pal_sample *s, const int *name_order)
{
	int64_t		muni_pop[256] = {0};
	int			city_no[NPREF],
				town_no[NPREF],
				i,
				m;

	for (i = 0; i < NCELL; i++)
		if (g->inhabited[i])
			muni_pop[g->muni[i]] += (int64_t) g->pop[i];
	for (i = 0; i < NPREF; i++)
	{
		city_no[i] = 201;
		town_no[i] = 301;
	}
	for (m = 0; m < g->nmuni; m++)
	{
		pal_sample_region *r = &s->regions[NPREF + g->nsec + m];
		int			p = g->sec_pref[g->muni_sec[m]],
					name = name_order[m];
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
}

/* secondary regions: numbered within the prefecture, named after their seat */
static void
name_secondaries(gen *g, pal_sample *s)
{
	int			i,
				j,
				m;

	for (i = 0; i < g->nsec; i++)
	{
		pal_sample_region *r = &s->regions[NPREF + i];
		const pal_sample_region *sr;
		int			p = g->sec_pref[i],
					k = 1,
					seat = -1,
					stem_ja,
					stem_en;

		for (j = 0; j < i; j++)
			if (g->sec_pref[j] == p)
				k++;
		for (m = 0; m < g->nmuni && seat < 0; m++)
			if (g->muni_center[m] == g->sec_center[i])
				seat = m;
		snprintf(r->code, sizeof(r->code), "%02u%02u", (unsigned) (81 + p) % 100u, (unsigned) k % 100u);
		r->level = PAL_SAMPLE_SECONDARY;
		snprintf(r->parent_code, sizeof(r->parent_code), "%02u", (unsigned) (81 + p) % 100u);
		sr = &s->regions[NPREF + g->nsec + seat];
		stem_ja = (int) strlen(sr->name_ja) - 3;
		stem_en = (int) (strchr(sr->name_en, ' ') - sr->name_en);
		snprintf(r->name_ja, sizeof(r->name_ja), "%.*s医療圏", stem_ja, sr->name_ja);
		snprintf(r->name_en, sizeof(r->name_en), "%.*s Medical Region", stem_en, sr->name_en);
	}
	for (m = 0; m < g->nmuni; m++)
		snprintf(s->regions[NPREF + g->nsec + m].parent_code,
				 sizeof(s->regions[0].parent_code), "%s",
				 s->regions[NPREF + g->muni_sec[m]].code);
}

/* regions: prefectures, secondary regions, municipalities, with their people */
static int
build_region_list(gen *g, pal_sample *s)
{
	int		   *name_order;
	int			i;

	s->regions = gen_alloc(g, (size_t) (NPREF + g->nsec + g->nmuni), sizeof(pal_sample_region));
	name_order = gen_alloc(g, NPREFIX * NROOT, sizeof(int));
	if (s->regions == NULL || name_order == NULL)
	{
		gen_release(g, name_order);
		return 1;
	}
	s->nregions = NPREF + g->nsec + g->nmuni;
	for (i = 0; i < NPREFIX * NROOT; i++)
		name_order[i] = i;
	shuffle(&g->rng, name_order, NPREFIX * NROOT);
	name_prefectures(s);
	name_municipalities(g, s, name_order);
	name_secondaries(g, s);
	gen_release(g, name_order);
	for (i = 0; i < NCELL; i++)
	{
		if (!g->inhabited[i])
			continue;
		s->regions[g->pref[i]].population += (int64_t) g->pop[i];
		s->regions[NPREF + g->sec[i]].population += (int64_t) g->pop[i];
		s->regions[NPREF + g->nsec + g->muni[i]].population += (int64_t) g->pop[i];
	}
	return 0;
}

/* ---- putting it together ------------------------------------------------ */

/* steps 1 to 6 in order; 0, or 1 out of memory, 2 interrupted, 3 broken */
static int
build_sample(gen *g, pal_sample *s, unsigned flags)
{
	int			ret;

	if ((ret = build_land(g)) != 0 || (ret = build_regions(g)) != 0 ||
		(ret = build_population(g)) != 0 || (ret = build_cells(g, s)) != 0 ||
		(ret = build_region_list(g, s)) != 0 ||
		(ret = pal_sample_build_facilities(g, s)) != 0)
		return ret;
	if (flags & PAL_SAMPLE_POLYGONS)
		return pal_sample_trace_regions(g, s);
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
