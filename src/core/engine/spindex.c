/*
 * spindex.c
 *	  Lon/lat grid: build, radius runs, k-nearest search.
 */
#include "engine/spindex.h"

#include <math.h>
#include <string.h>

#include "engine/geodesy.h"

#define GRID_MAX_CELLS_PER_POINT 4
#define GRID_MIN_CELLS 4096

static inline int32_t
clampi(double v, int32_t lo, int32_t hi)
{
	if (!(v >= lo))
		return lo;
	if (v > hi)
		return hi;
	return (int32_t) v;
}

/* the bounds of the n points (lon 180 .. -180, lat 90 .. -90 when none) */
static void
points_bounds(const double *lon, const double *lat, size_t n,
			  double *minlon, double *maxlon, double *minlat, double *maxlat)
{
	size_t		i;

	*minlon = 180;
	*maxlon = -180;
	*minlat = 90;
	*maxlat = -90;
	for (i = 0; i < n; i++)
	{
		if (lon[i] < *minlon)
			*minlon = lon[i];
		if (lon[i] > *maxlon)
			*maxlon = lon[i];
		if (lat[i] < *minlat)
			*minlat = lat[i];
		if (lat[i] > *maxlat)
			*maxlat = lat[i];
	}
}

pal_status
pal_grid_build(pal_grid *g, const double *lon, const double *lat, size_t n,
			   double cell, const pal_allocator *alloc, pal_error *err)
{
	double		minlon,
				maxlon,
				minlat,
				maxlat;
	double		maxcells;
	size_t		i,
				ncells;
	uint32_t   *cellof = NULL;

	memset(g, 0, sizeof(*g));
	if (n >= UINT32_MAX)
		return pal_error_set(err, PAL_ERR_VALUE,
							 "too many points for the spatial index: %zu", n);
	g->n = n;
	points_bounds(lon, lat, n, &minlon, &maxlon, &minlat, &maxlat);
	if (n == 0)
		minlon = maxlon = minlat = maxlat = 0;
	if (!(cell > 0) || !isfinite(cell))
		cell = 1.0;
	if (cell > 360)
		cell = 360;
	maxcells = (double) n * GRID_MAX_CELLS_PER_POINT + GRID_MIN_CELLS;
	for (;;)
	{
		double		rows = floor((maxlat - minlat) / cell) + 1;
		double		cols = floor((maxlon - minlon) / cell) + 1;

		if (rows * cols <= maxcells)
		{
			g->nrows = (int32_t) rows;
			g->ncols = (int32_t) cols;
			break;
		}
		cell *= 1.5;
	}
	g->cell = cell;
	g->lat0 = minlat;
	g->lon0 = minlon;
	ncells = (size_t) g->nrows * (size_t) g->ncols;

	g->start = pal_alloc_array(alloc, ncells + 1, sizeof(uint32_t));
	g->row = pal_alloc_array(alloc, n, sizeof(uint32_t));
	g->x = pal_alloc_array(alloc, n, sizeof(double));
	g->y = pal_alloc_array(alloc, n, sizeof(double));
	g->z = pal_alloc_array(alloc, n, sizeof(double));
	g->lon = pal_alloc_array(alloc, n, sizeof(double));
	g->lat = pal_alloc_array(alloc, n, sizeof(double));
	cellof = pal_alloc_array(alloc, n, sizeof(uint32_t));
	if (!g->start || !g->row || !g->x || !g->y || !g->z || !g->lon ||
		!g->lat || !cellof)
	{
		if (cellof)
			alloc->release(alloc->ctx, cellof);
		pal_grid_free(g, alloc);
		return pal_error_nomem(err);
	}
	memset(g->start, 0, (ncells + 1) * sizeof(uint32_t));
	/* counting sort by cell */
	for (i = 0; i < n; i++)
	{
		int32_t		r = clampi(floor((lat[i] - g->lat0) / cell), 0, g->nrows - 1);
		int32_t		c = clampi(floor((lon[i] - g->lon0) / cell), 0, g->ncols - 1);

		cellof[i] = (uint32_t) r * (uint32_t) g->ncols + (uint32_t) c;
		g->start[cellof[i] + 1]++;
	}
	for (i = 0; i < ncells; i++)
		g->start[i + 1] += g->start[i];
	for (i = 0; i < n; i++)
	{
		uint32_t	p = g->start[cellof[i]]++;

		g->row[p] = (uint32_t) i;
	}
	/* start[c] now holds the end of cell c: shift back */
	for (i = ncells; i > 0; i--)
		g->start[i] = g->start[i - 1];
	g->start[0] = 0;
	for (i = 0; i < n; i++)
	{
		uint32_t	r = g->row[i];

		g->lon[i] = lon[r];
		g->lat[i] = lat[r];
		pal_unit_vector(lon[r], lat[r], &g->x[i], &g->y[i], &g->z[i]);
	}
	alloc->release(alloc->ctx, cellof);
	return PAL_OK;
}

void
pal_grid_free(pal_grid *g, const pal_allocator *alloc)
{
	void	   *ptrs[7] = {g->start, g->row, g->x, g->y, g->z, g->lon, g->lat};
	int			i;

	for (i = 0; i < 7; i++)
		if (ptrs[i])
			alloc->release(alloc->ctx, ptrs[i]);
	memset(g, 0, sizeof(*g));
}

double
pal_grid_knn_cell(const double *lon, const double *lat, size_t n)
{
	double		minlon,
				maxlon,
				minlat,
				maxlat,
				area;

	points_bounds(lon, lat, n, &minlon, &maxlon, &minlat, &maxlat);
	if (n == 0)
		return 1.0;
	area = (maxlon - minlon + 1e-6) * (maxlat - minlat + 1e-6);
	/* about two points per cell */
	return sqrt(2.0 * area / (double) n) + 1e-9;
}

size_t
pal_grid_max_ranges(const pal_grid *g)
{
	return (size_t) g->nrows * 3 + 3;
}

/* append the runs of one row for the column interval [clo, chi] in degrees */
static size_t
row_runs(const pal_grid *g, int32_t r, double clo, double chi,
		 uint32_t *ranges, size_t nr)
{
	double		shifts[3] = {0.0, 360.0, -360.0};
	int			s;

	for (s = 0; s < 3; s++)
	{
		double		lo = clo + shifts[s],
					hi = chi + shifts[s];
		int32_t		c0,
					c1;
		size_t		base;

		if (s > 0 && !(lo < -180.0 || hi > 180.0))
			continue;
		if (s == 1 && !(clo < -180.0))
			continue;
		if (s == 2 && !(chi > 180.0))
			continue;
		if (hi < g->lon0 || lo > g->lon0 + g->cell * g->ncols)
			continue;
		c0 = clampi(floor((lo - g->lon0) / g->cell), 0, g->ncols - 1);
		c1 = clampi(floor((hi - g->lon0) / g->cell), 0, g->ncols - 1);
		base = (size_t) r * (size_t) g->ncols;
		if (g->start[base + c0] == g->start[base + c1 + 1])
			continue;
		ranges[2 * nr] = g->start[base + c0];
		ranges[2 * nr + 1] = g->start[base + c1 + 1];
		nr++;
	}
	return nr;
}

size_t
pal_grid_ranges(const pal_grid *g, double lon, double lat, double angle,
				uint32_t *ranges)
{
	double		adeg = angle / PAL_DEG2RAD * (1.0 + 1e-9) + 1e-9;
	double		hw = pal_lon_halfwidth(lat, angle);
	int32_t		r0,
				r1,
				r;
	size_t		nr = 0;
	double		clo,
				chi;

	if (g->n == 0)
		return 0;
	if (lat + adeg < g->lat0 || lat - adeg > g->lat0 + g->cell * g->nrows)
		return 0;
	r0 = clampi(floor((lat - adeg - g->lat0) / g->cell), 0, g->nrows - 1);
	r1 = clampi(floor((lat + adeg - g->lat0) / g->cell), 0, g->nrows - 1);
	if (hw >= 180.0)
	{
		clo = -180.0;
		chi = 180.0;
	}
	else
	{
		clo = lon - hw;
		chi = lon + hw;
	}
	for (r = r0; r <= r1; r++)
		nr = row_runs(g, r, clo, chi, ranges, nr);
	return nr;
}

/* ---- k nearest -------------------------------------------------------- */

typedef struct knn_heap
{
	uint32_t   *pos;
	double	   *c2;
	const int64_t *key;
	size_t		n,
				k;
} knn_heap;

/* a before b in the final order (nearer, then smaller key) */
static inline int
knn_less(const knn_heap *h, double c2a, uint32_t pa, double c2b, uint32_t pb)
{
	if (c2a != c2b)
		return c2a < c2b;
	return h->key[pa] < h->key[pb];
}

static void
knn_sift_down(knn_heap *h, size_t i)
{
	for (;;)
	{
		size_t		l = 2 * i + 1,
					m = i;

		if (l < h->n && knn_less(h, h->c2[m], h->pos[m], h->c2[l], h->pos[l]))
			m = l;
		if (l + 1 < h->n && knn_less(h, h->c2[m], h->pos[m], h->c2[l + 1], h->pos[l + 1]))
			m = l + 1;
		if (m == i)
			return;
		{
			double		tc = h->c2[i];
			uint32_t	tp = h->pos[i];

			h->c2[i] = h->c2[m];
			h->pos[i] = h->pos[m];
			h->c2[m] = tc;
			h->pos[m] = tp;
		}
		i = m;
	}
}

static void
knn_offer(knn_heap *h, double c2, uint32_t p)
{
	if (h->n < h->k)
	{
		size_t		i = h->n++;

		/* sift up (max-heap: the worst at the root) */
		while (i > 0)
		{
			size_t		parent = (i - 1) / 2;

			if (!knn_less(h, h->c2[parent], h->pos[parent], c2, p))
				break;
			h->c2[i] = h->c2[parent];
			h->pos[i] = h->pos[parent];
			i = parent;
		}
		h->c2[i] = c2;
		h->pos[i] = p;
	}
	else if (knn_less(h, c2, p, h->c2[0], h->pos[0]))
	{
		h->c2[0] = c2;
		h->pos[0] = p;
		knn_sift_down(h, 0);
	}
}

static void
knn_scan(const pal_grid *g, knn_heap *h, int32_t r, int32_t c0, int32_t c1,
		 double x, double y, double z, double maxc2)
{
	size_t		base;
	uint32_t	p,
				e;

	if (r < 0 || r >= g->nrows)
		return;
	if (c0 < 0)
		c0 = 0;
	if (c1 > g->ncols - 1)
		c1 = g->ncols - 1;
	if (c0 > c1)
		return;
	base = (size_t) r * (size_t) g->ncols;
	e = g->start[base + c1 + 1];
	for (p = g->start[base + c0]; p < e; p++)
	{
		double		c2 = pal_chord2(x, y, z, g->x[p], g->y[p], g->z[p]);

		if (c2 <= maxc2)
			knn_offer(h, c2, p);
	}
}

size_t
pal_grid_knn(const pal_grid *g, double lon, double lat, size_t k,
			 double max_angle, const int64_t *key, uint32_t *out_pos,
			 double *out_c2)
{
	knn_heap	h;
	double		x,
				y,
				z,
				maxc2;
	int64_t		r,
				c,
				rho,
				rho0;

	if (g->n == 0 || k == 0)
		return 0;
	h.pos = out_pos;
	h.c2 = out_c2;
	h.key = key;
	h.n = 0;
	h.k = k;
	pal_unit_vector(lon, lat, &x, &y, &z);
	maxc2 = max_angle >= PAL_PI ? 5.0 : pal_angle_chord2(max_angle) * (1.0 + 1e-12);

	r = (int64_t) floor((lat - g->lat0) / g->cell);
	c = (int64_t) floor((lon - g->lon0) / g->cell);
	/* clamp far-away points so the ring arithmetic stays small */
	if (r < -1)
		r = -1;
	if (r > g->nrows)
		r = g->nrows;
	if (c < -1 - (int64_t) g->ncols)
		c = -1 - (int64_t) g->ncols;
	if (c > 2 * (int64_t) g->ncols)
		c = 2 * (int64_t) g->ncols;
	rho0 = 0;
	if (-r > rho0)
		rho0 = -r;
	if (r - (g->nrows - 1) > rho0)
		rho0 = r - (g->nrows - 1);
	if (-c > rho0)
		rho0 = -c;
	if (c - (g->ncols - 1) > rho0)
		rho0 = c - (g->ncols - 1);

	for (rho = rho0;; rho++)
	{
		double		bound,
					b;
		double		blat0 = g->lat0 + (double) (r - rho) * g->cell;
		double		blat1 = g->lat0 + (double) (r + rho + 1) * g->cell;
		double		blon0 = g->lon0 + (double) (c - rho) * g->cell;
		double		blon1 = g->lon0 + (double) (c + rho + 1) * g->cell;

		if (rho == rho0)
		{
			int64_t		rr;

			for (rr = r - rho; rr <= r + rho; rr++)
				if (rr >= 0 && rr < g->nrows)
					knn_scan(g, &h, (int32_t) rr,
							 (int32_t) (c - rho < -1 ? -1 : c - rho),
							 (int32_t) (c + rho > g->ncols ? g->ncols : c + rho),
							 x, y, z, maxc2);
		}
		else
		{
			int64_t		rr;
			int32_t		lo = (int32_t) (c - rho < -1 ? -1 : c - rho);
			int32_t		hi = (int32_t) (c + rho > g->ncols ? g->ncols : c + rho);

			if (r - rho >= 0 && r - rho < g->nrows)
				knn_scan(g, &h, (int32_t) (r - rho), lo, hi, x, y, z, maxc2);
			if (r + rho >= 0 && r + rho < g->nrows)
				knn_scan(g, &h, (int32_t) (r + rho), lo, hi, x, y, z, maxc2);
			for (rr = (r - rho + 1 > 0 ? r - rho + 1 : 0);
				 rr <= r + rho - 1 && rr < g->nrows; rr++)
			{
				if (c - rho >= 0 && c - rho < g->ncols)
					knn_scan(g, &h, (int32_t) rr, (int32_t) (c - rho),
							 (int32_t) (c - rho), x, y, z, maxc2);
				if (c + rho >= 0 && c + rho < g->ncols)
					knn_scan(g, &h, (int32_t) rr, (int32_t) (c + rho),
							 (int32_t) (c + rho), x, y, z, maxc2);
			}
		}
		/* everything seen? */
		if (r - rho <= 0 && r + rho >= g->nrows - 1 &&
			c - rho <= 0 && c + rho >= g->ncols - 1)
			break;
		/* a lower bound of the angle to any point not yet seen */
		bound = (lat - blat0) * PAL_DEG2RAD;
		b = (blat1 - lat) * PAL_DEG2RAD;
		if (b < bound)
			bound = b;
		/*
		 * Columns are not scanned across the antimeridian: points there are
		 * unseen, so a side past +-180 bounds at +-180.
		 */
		if (blon0 < -180.0)
			blon0 = -180.0;
		if (blon1 > 180.0)
			blon1 = 180.0;
		b = lon >= blon0 ? pal_meridian_angle(lat, lon - blon0) : 0.0;
		if (b < bound)
			bound = b;
		b = blon1 >= lon ? pal_meridian_angle(lat, blon1 - lon) : 0.0;
		if (b < bound)
			bound = b;
		if (bound < 0)
			bound = 0;
		if (bound > max_angle)
			break;
		if (h.n == k && pal_angle_chord2(bound) > h.c2[0])
			break;
	}

	/* heap sort in place: nearest first */
	{
		size_t		n = h.n;

		while (h.n > 1)
		{
			double		tc = h.c2[0];
			uint32_t	tp = h.pos[0];

			h.n--;
			h.c2[0] = h.c2[h.n];
			h.pos[0] = h.pos[h.n];
			h.c2[h.n] = tc;
			h.pos[h.n] = tp;
			knn_sift_down(&h, 0);
		}
		return n;
	}
}
