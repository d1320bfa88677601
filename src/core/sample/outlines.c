/*
 * outlines.c
 *	  Region outlines of the sample: the boundary of a set of 1 km cells as
 *	  an exact EWKB MultiPolygon on the mesh corners (see sample.h).
 */
#include "sample/sample_int.h"
#include "types/ewkb.h"

#include <string.h>

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
put_corner(uint8_t *p, int r, int c)
{
	p = pal_ewkb_put_f64(p, pal_mesh_col_lon((PAL_SAMPLE_COL0 + c) * 8));
	return pal_ewkb_put_f64(p, pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r) * 8));
}

/* marks the outgoing boundary edges of the cells labelled `label` */
static void
mark_edges(tracer *t, const int *labels, int label)
{
	int			i;

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
}

/*
 * Walks the closed boundary from vertex v in direction d0, turning left
 * where there is a choice, into t->path and t->pdir.  The number of steps,
 * or -1 if the walk gets stuck (it cannot: every corner has a way on).
 */
static int
walk_boundary(tracer *t, int v, int d0)
{
	int			cur = v,
				d = d0,
				np = 0;

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
			return -1;
		if (nv == v && nd == d0)
			return np;
		cur = nv;
		d = nd;
	}
}

/*
 * Splits the closed walk of np steps into simple rings: a walk that passes
 * a corner twice (a region touching itself diagonally around a hole) is cut
 * there.
 */
static void
split_walk(tracer *t, int np)
{
	int			sp = 0,
				j;

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

/* each hole belongs to the smallest shell around it; 3 if one has none */
static int
assign_holes(tracer *t)
{
	int			k;

	for (k = 0; k < t->nrings; k++)
	{
		ring	   *h = &t->rings[k];
		int			j;

		if (h->area2 > 0)
			continue;
		for (j = 0; j < t->nrings; j++)
		{
			ring	   *s = &t->rings[j];

			if (s->area2 > 0 && point_in_ring(t, s, h->tx2, h->ty2) &&
				(h->shell < 0 || s->area2 < t->rings[h->shell].area2))
				h->shell = j;
		}
		if (h->shell < 0)
			return 3;
	}
	return 0;
}

/* the EWKB size of the rings: MultiPolygon with SRID, polygons, rings */
static int
ewkb_size(const tracer *t, size_t *size)
{
	size_t		n = 1 + 4 + 4 + 4;
	int			k;

	for (k = 0; k < t->nrings; k++)
	{
		size_t		ring_bytes;

		if (pal_mul_size((size_t) t->rings[k].n + 1, 16, &ring_bytes) ||
			pal_add_size(n, ring_bytes + 4 + (t->rings[k].area2 > 0 ? 1 + 4 + 4 : 0), &n))
			return 1;
	}
	*size = n;
	return 0;
}

/* writes shell k and its holes as one EWKB polygon at p */
static uint8_t *
put_polygon(const tracer *t, int k, uint8_t *p)
{
	const ring *s = &t->rings[k];
	int			nholes = 0,
				j,
				q;

	for (j = 0; j < t->nrings; j++)
		if (t->rings[j].area2 <= 0 && t->rings[j].shell == k)
			nholes++;
	*p++ = 1;
	p = pal_ewkb_put_u32(p, 3);
	p = pal_ewkb_put_u32(p, (uint32_t) (1 + nholes));
	for (j = -1; j < t->nrings; j++)
	{
		const ring *rg = j < 0 ? s : &t->rings[j];

		if (j >= 0 && !(rg->area2 <= 0 && rg->shell == k))
			continue;
		p = pal_ewkb_put_u32(p, (uint32_t) (rg->n + 1));
		for (q = 0; q <= rg->n; q++)
		{
			int			a = rg->first + q % rg->n;

			p = put_corner(p, t->cr[a], t->cc[a]);
		}
	}
	return p;
}

/* the rings as an EWKB MultiPolygon (SRID 4326): counter-clockwise ones are shells */
static int
write_ewkb(gen *g, const tracer *t, uint8_t **ewkb, size_t *len)
{
	size_t		size;
	uint32_t	nshells = 0;
	uint8_t    *p;
	int			k;

	for (k = 0; k < t->nrings; k++)
		if (t->rings[k].area2 > 0)
			nshells++;
	if (ewkb_size(t, &size))
		return 1;
	p = *ewkb = gen_alloc(g, size, 1);
	if (p == NULL)
		return 1;
	*len = size;
	*p++ = 1;
	p = pal_ewkb_put_u32(p, PAL_WKB_MULTIPOLYGON | PAL_EWKB_SRID_FLAG);
	p = pal_ewkb_put_u32(p, 4326);
	p = pal_ewkb_put_u32(p, nshells);
	for (k = 0; k < t->nrings; k++)
		if (t->rings[k].area2 > 0)
			p = put_polygon(t, k, p);
	return 0;
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
	int			v,
				d0,
				ret;

	mark_edges(t, labels, label);
	t->nrings = 0;
	t->ncorners = 0;
	for (v = 0; v < NV; v++)
		for (d0 = 0; d0 < 4; d0++)
		{
			int			np;

			if (!(t->out[v] & (1 << d0)) || (t->used[v] & (1 << d0)))
				continue;
			np = walk_boundary(t, v, d0);
			if (np < 0)
				return 3;
			split_walk(t, np);
		}
	if ((ret = assign_holes(t)) != 0)
		return ret;
	return write_ewkb(g, t, ewkb, len);
}

/*
 * Traces the boundary of every region of the sample into its ewkb (see
 * trace_region).  0, or 1 out of memory, 2 interrupted, 3 a broken outline.
 */
int
pal_sample_trace_regions(gen *g, pal_sample *s)
{
	tracer		t;
	int		   *plab = NULL;
	int			i,
				ret;

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
	for (i = 0; ret == 0 && i < s->nregions; i++)
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
	return ret;
}
