/*
 * layout.c
 *	  The frames of a map: the main land, the far-away groups of islands in
 *	  insets, the scale that fills the canvas, and the drawn (simplified)
 *	  rings.  The rules are at the top of map.h.
 */
#include "map/map_int.h"

#include <math.h>
#include <stdlib.h>

#define MAP_TOUCH_SHARE 0.005	/* regions within 0.5% of the extent touch: a land mass */
#define MAP_LINK_SHARE	0.02	/* single linkage within 2% of the largest land mass */
#define MAP_IN_PLACE	1.15	/* a group stays in place if the frame grows by 15% at most */
#define MAP_FAR_AREA	0.20	/* or if its land is more than 20% of the main land's */
#define MAP_NEAR_SHARE	0.10	/* and it lies within 10% of the main land's size */
#define MAP_INSET_LINK	0.20	/* far groups within 20% of the main frame share an inset */
#define MAP_MARGIN		6.0		/* px around the land of a frame */
#define MAP_GAP			6.0		/* px between an inset and land or another inset */
#define MAP_SIMPLIFY	0.4		/* px: a drawn point is at least this far from the last */
#define MAP_OUTSIDE_MAX 0.35	/* an inset beside the main frame: at most this share of it */
#define MAP_RAD			(3.14159265358979323846 / 180.0)

/* a group of parts: bounding box in projected units (lon * kx, lat) and area */
typedef struct cluster
{
	pal_box		b;
	double		area;
	int			role;			/* -1 far, 0 main frame, 1.. inset number */
} cluster;

typedef struct layout_work
{
	const pal_map_shapes *s;
	const pal_allocator *a;
	double		kx;				/* cos of the middle latitude of everything */
	int		   *uf;				/* union-find over parts, then cluster of each part */
	int			nclusters;
	cluster    *cl;
	int		   *group;			/* inset group of each cluster (far ones) */
} layout_work;

static int
uf_find(int *uf, int i)
{
	while (uf[i] != i)
	{
		uf[i] = uf[uf[i]];
		i = uf[i];
	}
	return i;
}

static void
uf_union(int *uf, int i, int j)
{
	i = uf_find(uf, i);
	j = uf_find(uf, j);
	if (i != j)
		uf[i > j ? i : j] = i > j ? j : i;
}

static double
box_gap(const pal_box *a, const pal_box *b)
{
	double		dx = fmax(0.0, fmax(a->x0 - b->x1, b->x0 - a->x1));
	double		dy = fmax(0.0, fmax(a->y0 - b->y1, b->y0 - a->y1));

	return sqrt(dx * dx + dy * dy);
}

static void
box_union(pal_box *a, const pal_box *b)
{
	a->x0 = fmin(a->x0, b->x0);
	a->y0 = fmin(a->y0, b->y0);
	a->x1 = fmax(a->x1, b->x1);
	a->y1 = fmax(a->y1, b->y1);
}

/* area of a box, every side at least tiny so that a point or a line has one */
static double
box_area(const pal_box *b, double tiny)
{
	return fmax(b->x1 - b->x0, tiny) * fmax(b->y1 - b->y0, tiny);
}

static pal_box
part_box(const layout_work *w, const pal_map_part *p)
{
	pal_box		b;

	b.x0 = p->lon0 * w->kx;
	b.x1 = p->lon1 * w->kx;
	b.y0 = p->lat0;
	b.y1 = p->lat1;
	return b;
}

/* area of a part in projected units */
static double
part_area(const layout_work *w, const pal_map_part *p)
{
	pal_poly	poly;

	poly.xy = w->s->xy;
	poly.start = w->s->ring_point;
	poly.ring0 = p->ring0;
	poly.nrings = p->nrings;
	return pal_poly_area2(&poly) / 2 * w->kx;
}

/* a vertex in the grid of cells of side eps */
typedef struct vertex
{
	int64_t		ix,
				iy;
	int			part;
	double		x,
				y;
} vertex;

static int
by_cell(const void *a, const void *b)
{
	const vertex *u = a,
			   *v = b;

	if (u->ix != v->ix)
		return u->ix < v->ix ? -1 : 1;
	if (u->iy != v->iy)
		return u->iy < v->iy ? -1 : 1;
	return (u->part > v->part) - (u->part < v->part);
}

/* first vertex of cell (ix, iy) or after it, in the sorted vertices */
static size_t
cell_start(const vertex *v, size_t n, int64_t ix, int64_t iy)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (v[mid].ix < ix || (v[mid].ix == ix && v[mid].iy < iy))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Single linkage: parts with vertices within eps of each other (in
 * projected units) join, found through a grid of cells of side eps.
 */
static pal_status
link_parts(layout_work *w, double eps, pal_error *err)
{
	const pal_map_shapes *s = w->s;
	vertex	   *v = pal_alloc_array(w->a, s->npoints, sizeof(vertex));
	size_t	   *run;
	size_t		i,
				k,
				n = 0;

	if (v == NULL)
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	for (i = 0; i < s->nparts; i++)
	{
		const pal_map_part *p = &s->parts[i];

		for (k = s->ring_point[p->ring0]; k < s->ring_point[p->ring0 + p->nrings]; k++, n++)
		{
			v[n].x = s->xy[2 * k] * w->kx;
			v[n].y = s->xy[2 * k + 1];
			v[n].ix = (int64_t) floor(v[n].x / eps);
			v[n].iy = (int64_t) floor(v[n].y / eps);
			v[n].part = (int) i;
		}
	}
	qsort(v, n, sizeof(vertex), by_cell);
	/* run[i]: one past the last vertex of the same cell and part as vertex i */
	run = pal_alloc_array(w->a, n, sizeof(size_t));
	if (run == NULL)
	{
		pal_release(w->a, v);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	}
	for (i = n; i-- > 0;)
		run[i] = i + 1 < n && by_cell(&v[i], &v[i + 1]) == 0 ? run[i + 1] : i + 1;
	for (i = 0; i < n; i++)
	{
		int			dx,
					dy;

		if (i % 4096 == 0 && pal_interrupted(w->a))
		{
			pal_release(w->a, v);
			pal_release(w->a, run);
			return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
		}
		/* the cell itself and the four neighbours after it (the others see this one) */
		for (dx = 0; dx <= 1; dx++)
			for (dy = dx == 0 ? 0 : -1; dy <= 1; dy++)
			{
				size_t		j = dx == 0 && dy == 0 ? run[i] : cell_start(v, n, v[i].ix + dx, v[i].iy + dy);

				while (j < n && v[j].ix == v[i].ix + dx && v[j].iy == v[i].iy + dy)
				{
					/* a part already joined (or this one): skip its run */
					if (uf_find(w->uf, v[j].part) == uf_find(w->uf, v[i].part))
					{
						j = run[j];
						continue;
					}
					if (hypot(v[j].x - v[i].x, v[j].y - v[i].y) <= eps)
						uf_union(w->uf, v[i].part, v[j].part);
					j++;
				}
			}
	}
	pal_release(w->a, run);
	pal_release(w->a, v);
	return PAL_OK;
}

/*
 * The bounding box of the largest land mass: the group of parts within
 * MAP_TOUCH_SHARE of the whole extent's diagonal of each other (regions
 * that touch) with the largest area.
 */
static pal_status
main_land_box(layout_work *w, pal_box *out, pal_error *err)
{
	const pal_map_shapes *s = w->s;
	pal_box		all = part_box(w, &s->parts[0]);
	double	   *area = pal_alloc_array(w->a, s->nparts, sizeof(double));
	double		eps;
	size_t		i,
				best = 0;
	pal_status	st;

	if (area == NULL)
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	for (i = 0; i < s->nparts; i++)
	{
		pal_box		b = part_box(w, &s->parts[i]);

		box_union(&all, &b);
		w->uf[i] = (int) i;
		area[i] = 0.0;
	}
	eps = fmax(MAP_TOUCH_SHARE * hypot(all.x1 - all.x0, all.y1 - all.y0), 1e-7);
	st = link_parts(w, eps, err);
	if (st == PAL_OK)
	{
		for (i = 0; i < s->nparts; i++)
			area[uf_find(w->uf, (int) i)] += part_area(w, &s->parts[i]);
		for (i = 0; i < s->nparts; i++)
			if (area[i] > area[best])
				best = i;
		*out = part_box(w, &s->parts[best]);
		for (i = 0; i < s->nparts; i++)
			if (uf_find(w->uf, (int) i) == (int) best)
			{
				pal_box		b = part_box(w, &s->parts[i]);

				box_union(out, &b);
			}
	}
	pal_release(w->a, area);
	return st;
}

/*
 * Groups the parts by single linkage within MAP_LINK_SHARE of the diagonal
 * of the largest land mass; fills w->cl, and w->uf with each part's cluster.
 */
static pal_status
cluster_parts(layout_work *w, pal_error *err)
{
	const pal_map_shapes *s = w->s;
	double		eps;
	size_t		i;
	int		   *id;
	pal_status	st;
	pal_box		big = {0.0, 0.0, 0.0, 0.0};

	st = main_land_box(w, &big, err);
	if (st != PAL_OK)
		return st;
	eps = fmax(MAP_LINK_SHARE * hypot(big.x1 - big.x0, big.y1 - big.y0), 1e-7);
	for (i = 0; i < s->nparts; i++)
		w->uf[i] = (int) i;
	st = link_parts(w, eps, err);
	if (st != PAL_OK)
		return st;
	/* number the clusters */
	id = pal_alloc_array(w->a, s->nparts, sizeof(int));
	w->cl = pal_alloc_array(w->a, s->nparts, sizeof(cluster));
	if (id == NULL || w->cl == NULL)
	{
		pal_release(w->a, id);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	}
	w->nclusters = 0;
	for (i = 0; i < s->nparts; i++)
		id[i] = -1;
	for (i = 0; i < s->nparts; i++)
	{
		int			root = uf_find(w->uf, (int) i);
		pal_box		b = part_box(w, &s->parts[i]);
		cluster    *c;

		if (id[root] < 0)
		{
			id[root] = w->nclusters++;
			c = &w->cl[id[root]];
			c->b = b;
			c->area = 0.0;
			c->role = -1;
		}
		c = &w->cl[id[root]];
		box_union(&c->b, &b);
		c->area += part_area(w, &s->parts[i]);
	}
	/* from now on uf holds the cluster of each part: roots first, into id */
	for (i = 0; i < s->nparts; i++)
		w->uf[i] = uf_find(w->uf, (int) i);
	for (i = 0; i < s->nparts; i++)
		w->uf[i] = id[w->uf[i]];
	pal_release(w->a, id);
	return PAL_OK;
}

/*
 * The main land and what stays in place with it: first each other cluster
 * with much land (more than MAP_FAR_AREA of the main land's) lying near it
 * (boxes within MAP_NEAR_SHARE of the main land's diagonal), like Hokkaido
 * beside Honshu; then each smaller cluster that grows that box by
 * MAP_IN_PLACE at most (measured against it, not step by step, so that a
 * chain of islands cannot creep outwards).  Returns the frame's box.
 */
static pal_box
choose_main(layout_work *w)
{
	int			main = 0,
				i;
	pal_box		m,
				f;
	double		tiny,
				near;

	for (i = 1; i < w->nclusters; i++)
		if (w->cl[i].area > w->cl[main].area)
			main = i;
	w->cl[main].role = 0;
	m = w->cl[main].b;
	near = MAP_NEAR_SHARE * hypot(m.x1 - m.x0, m.y1 - m.y0);
	for (i = 0; i < w->nclusters; i++)
		if (w->cl[i].role != 0 && w->cl[i].area > MAP_FAR_AREA * w->cl[main].area &&
			box_gap(&w->cl[i].b, &w->cl[main].b) <= near)
		{
			w->cl[i].role = 0;
			box_union(&m, &w->cl[i].b);
		}
	f = m;
	tiny = fmax(1e-9, 0.01 * fmax(m.x1 - m.x0, m.y1 - m.y0));
	for (i = 0; i < w->nclusters; i++)
	{
		pal_box		g = m;

		if (w->cl[i].role == 0)
			continue;
		box_union(&g, &w->cl[i].b);
		if (box_area(&g, tiny) <= MAP_IN_PLACE * box_area(&m, tiny))
		{
			w->cl[i].role = 0;
			box_union(&f, &w->cl[i].b);
		}
	}
	return f;
}

/* groups the far clusters into at most PAL_MAP_MAX_INSETS insets */
static pal_status
group_far(layout_work *w, const pal_box *main, pal_error *err)
{
	double		eps = MAP_INSET_LINK * fmax(main->x1 - main->x0, main->y1 - main->y0);
	int			i,
				j;
	pal_box    *gb;

	w->group = pal_alloc_array(w->a, (size_t) w->nclusters, sizeof(int));
	gb = pal_alloc_array(w->a, (size_t) w->nclusters, sizeof(pal_box));
	if (w->group == NULL || gb == NULL)
	{
		pal_release(w->a, gb);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	}
	for (i = 0; i < w->nclusters; i++)
		w->group[i] = i;
	for (i = 0; i < w->nclusters; i++)
		for (j = i + 1; j < w->nclusters; j++)
			if (w->cl[i].role < 0 && w->cl[j].role < 0 && box_gap(&w->cl[i].b, &w->cl[j].b) <= eps)
				uf_union(w->group, i, j);
	/* merge the nearest groups while there are too many */
	for (;;)
	{
		int			n = 0,
					bi = -1,
					bj = -1;
		double		best = INFINITY;

		for (i = 0; i < w->nclusters; i++)
			if (w->cl[i].role < 0 && uf_find(w->group, i) == i)
			{
				gb[i] = w->cl[i].b;
				n++;
			}
		for (i = 0; i < w->nclusters; i++)
			if (w->cl[i].role < 0 && uf_find(w->group, i) != i)
				box_union(&gb[uf_find(w->group, i)], &w->cl[i].b);
		if (n <= PAL_MAP_MAX_INSETS)
			break;
		for (i = 0; i < w->nclusters; i++)
			for (j = i + 1; j < w->nclusters; j++)
				if (w->cl[i].role < 0 && w->cl[j].role < 0 &&
					uf_find(w->group, i) == i && uf_find(w->group, j) == j &&
					box_gap(&gb[i], &gb[j]) < best)
				{
					best = box_gap(&gb[i], &gb[j]);
					bi = i;
					bj = j;
				}
		uf_union(w->group, bi, bj);
	}
	pal_release(w->a, gb);
	return PAL_OK;
}

/* lon/lat box of the parts of the clusters with role */
static pal_box
role_box(const layout_work *w, int role_cluster_root, int main)
{
	pal_box		b;
	size_t		i;
	int			first = 1;

	b.x0 = b.y0 = b.x1 = b.y1 = 0.0;
	for (i = 0; i < w->s->nparts; i++)
	{
		int			c = w->uf[i];
		const pal_map_part *p = &w->s->parts[i];
		pal_box		pb;

		if (main ? w->cl[c].role != 0 : (w->cl[c].role != -1 || uf_find(w->group, c) != role_cluster_root))
			continue;
		pb.x0 = p->lon0;
		pb.x1 = p->lon1;
		pb.y0 = p->lat0;
		pb.y1 = p->lat1;
		if (first)
			b = pb;
		else
			box_union(&b, &pb);
		first = 0;
	}
	return b;
}

/* a frame showing the lon/lat box g at scale s (px per degree), its content at (x, y) + margin */
static void
set_frame(pal_map_frame *f, const pal_box *g, double s, double x, double y, double zoom)
{
	f->kx = cos((g->y0 + g->y1) / 2 * MAP_RAD);
	f->scale = s;
	f->zoom = zoom;
	f->x = x;
	f->y = y;
	f->w = (g->x1 - g->x0) * f->kx * s + 2 * MAP_MARGIN;
	f->h = (g->y1 - g->y0) * s + 2 * MAP_MARGIN;
	f->tx = x + MAP_MARGIN - g->x0 * f->kx * s;
	f->ty = y + MAP_MARGIN + g->y1 * s;
}

/* the canvas position of the main frame's parts (not simplified), in cxy by ring_point */
static void
project_main(const layout_work *w, const pal_map_frame *f, double *cxy)
{
	size_t		i,
				k;

	for (i = 0; i < w->s->nparts; i++)
	{
		const pal_map_part *p = &w->s->parts[i];

		if (w->cl[w->uf[i]].role != 0)
			continue;
		for (k = w->s->ring_point[p->ring0]; k < w->s->ring_point[p->ring0 + p->nrings]; k++)
		{
			cxy[2 * k] = f->tx + w->s->xy[2 * k] * f->kx * f->scale;
			cxy[2 * k + 1] = f->ty - w->s->xy[2 * k + 1] * f->scale;
		}
	}
}

/* whether the box is free: no land of the main frame, no placed inset */
static int
box_is_free(const layout_work *w, const double *cxy, const pal_map_layout *L, const pal_box *b)
{
	pal_box		g = {b->x0 - MAP_GAP, b->y0 - MAP_GAP, b->x1 + MAP_GAP, b->y1 + MAP_GAP};
	size_t		i;
	int			f;

	for (f = 1; f < L->nframes; f++)
	{
		pal_box		o = {L->frames[f].x, L->frames[f].y,
		L->frames[f].x + L->frames[f].w, L->frames[f].y + L->frames[f].h};

		if (pal_box_overlaps(&o, &g, 0.0))
			return 0;
	}
	for (i = 0; i < w->s->nparts; i++)
	{
		const pal_map_part *p = &w->s->parts[i];
		pal_poly	poly;
		pal_box		pb;

		if (w->cl[w->uf[i]].role != 0)
			continue;
		poly.xy = cxy;
		poly.start = w->s->ring_point;
		poly.ring0 = p->ring0;
		poly.nrings = p->nrings;
		pal_poly_bounds(&poly, &pb);
		if (pal_box_overlaps(&pb, &g, 0.0) && pal_poly_meets_box(&poly, &g))
			return 0;
	}
	return 1;
}

/*
 * Puts the inset of lon/lat box g inside the main frame at the largest zoom
 * that fits, nearest its true place; returns 0 when it fits nowhere.
 */
static int
place_inside(const layout_work *w, const double *cxy, pal_map_layout *L, const pal_box *g)
{
	static const double zooms[] = {1.0, 0.8, 0.65, 0.5, 0.4};
	const pal_map_frame *m = &L->frames[0];
	double		kx = cos((g->y0 + g->y1) / 2 * MAP_RAD);
	double		truex = m->tx + (g->x0 + g->x1) / 2 * m->kx * m->scale;
	double		truey = m->ty - (g->y0 + g->y1) / 2 * m->scale;
	size_t		z;

	for (z = 0; z < sizeof(zooms) / sizeof(zooms[0]); z++)
	{
		double		bw = (g->x1 - g->x0) * kx * m->scale * zooms[z] + 2 * MAP_MARGIN;
		double		bh = (g->y1 - g->y0) * m->scale * zooms[z] + 2 * MAP_MARGIN;
		double		bestd = INFINITY,
					bx = 0.0,
					by = 0.0;
		int			i,
					j;

		if (bw > m->w || bh > m->h)
			continue;
		for (i = 0; i <= 4; i++)
			for (j = 0; j <= 4; j++)
			{
				pal_box		b;
				double		d;

				b.x0 = m->x + (m->w - bw) * i / 4;
				b.y0 = m->y + (m->h - bh) * j / 4;
				b.x1 = b.x0 + bw;
				b.y1 = b.y0 + bh;
				d = hypot((b.x0 + b.x1) / 2 - truex, (b.y0 + b.y1) / 2 - truey);
				if (d < bestd && box_is_free(w, cxy, L, &b))
				{
					bestd = d;
					bx = b.x0;
					by = b.y0;
				}
			}
		if (bestd < INFINITY)
		{
			set_frame(&L->frames[L->nframes++], g, m->scale * zooms[z], bx, by, zooms[z]);
			return 1;
		}
	}
	return 0;
}

/* beside the main frame: below a wide one, right of a tall one, in rows or columns */
typedef struct outside_cursor
{
	int			below;
	double		along;			/* position along the row (or column) */
	double		across;			/* start of the current row (or column) */
	double		thick;			/* its thickness so far */
} outside_cursor;

static void
place_outside(pal_map_layout *L, outside_cursor *c, const pal_box *g)
{
	const pal_map_frame *m = &L->frames[0];
	double		kx = cos((g->y0 + g->y1) / 2 * MAP_RAD);
	double		cw = (g->x1 - g->x0) * kx * m->scale,
				ch = (g->y1 - g->y0) * m->scale;
	double		limit = MAP_OUTSIDE_MAX * fmax(m->w, m->h);
	double		zoom = fmin(1.0, limit / fmax(fmax(cw, ch), 1e-9));
	double		bw = cw * zoom + 2 * MAP_MARGIN,
				bh = ch * zoom + 2 * MAP_MARGIN;
	double		len = c->below ? bw : bh,
				room = c->below ? m->w : m->h;

	if (c->along > 0.0 && c->along + len > room)
	{
		c->across += c->thick + MAP_GAP;
		c->along = 0.0;
		c->thick = 0.0;
	}
	if (c->below)
		set_frame(&L->frames[L->nframes++], g, m->scale * zoom, c->along, c->across, zoom);
	else
		set_frame(&L->frames[L->nframes++], g, m->scale * zoom, c->across, c->along, zoom);
	c->along += len + MAP_GAP;
	c->thick = fmax(c->thick, c->below ? bh : bw);
}

/* scales the whole canvas by f */
static void
scale_canvas(pal_map_layout *L, double f)
{
	int			i;

	for (i = 0; i < L->nframes; i++)
	{
		pal_map_frame *fr = &L->frames[i];

		fr->x *= f;
		fr->y *= f;
		fr->w *= f;
		fr->h *= f;
		fr->scale *= f;
		fr->tx *= f;
		fr->ty *= f;
	}
	L->width *= f;
	L->height *= f;
}

/*
 * The insets that fit nowhere inside, beside the main frame: below or to
 * the right, whichever leaves less of the canvas empty.
 */
static void
place_all_outside(pal_map_layout *L, const pal_box *boxes, int n)
{
	int			base = L->nframes,
				side,
				best = 0,
				k;
	double		least = INFINITY;

	for (side = 0; side <= 2; side++)
	{
		outside_cursor cur;
		double		maxx = 0.0,
					maxy = 0.0,
					used = 0.0,
					waste;
		int			i;

		/* sides 0 and 1 are trials; side 2 places them for good */
		cur.below = side == 2 ? best == 0 : side == 0;
		cur.along = 0.0;
		cur.across = (cur.below ? L->frames[0].h : L->frames[0].w) + MAP_GAP;
		cur.thick = 0.0;
		L->nframes = base;
		for (k = 0; k < n; k++)
			place_outside(L, &cur, &boxes[k]);
		if (side == 2)
			break;
		for (i = 0; i < L->nframes; i++)
		{
			maxx = fmax(maxx, L->frames[i].x + L->frames[i].w);
			maxy = fmax(maxy, L->frames[i].y + L->frames[i].h);
			used += L->frames[i].w * L->frames[i].h;
		}
		/* what stays empty once the canvas is scaled to a common size */
		waste = (maxx * maxy - used) / (maxx * maxy);
		if (waste < least)
		{
			least = waste;
			best = side;
		}
	}
}

/* the main frame, the insets and the final scale */
static void
make_frames(layout_work *w, pal_map_layout *L, const pal_map_options *o)
{
	pal_box		g = role_box(w, 0, 1);
	double		kx = cos((g.y0 + g.y1) / 2 * MAP_RAD);
	double		cw = fmax((g.x1 - g.x0) * kx, 1e-9),
				ch = fmax(g.y1 - g.y0, 1e-9);
	double		s = fmin((o->width - 2 * MAP_MARGIN) / cw, (o->max_height - 2 * MAP_MARGIN) / ch);
	pal_box		out_box[PAL_MAP_MAX_INSETS];
	int			out_root[PAL_MAP_MAX_INSETS];
	int			nout = 0,
				base,
				gi,
				i,
				k;
	double		maxx,
				maxy;

	L->nframes = 0;
	set_frame(&L->frames[L->nframes++], &g, s, 0.0, 0.0, 1.0);
	project_main(w, &L->frames[0], L->cxy);
	/* the groups by decreasing size: the largest gets the best place */
	for (;;)
	{
		int			best = -1;
		double		ba = -1.0;

		for (gi = 0; gi < w->nclusters; gi++)
			if (w->cl[gi].role == -1 && uf_find(w->group, gi) == gi)
			{
				pal_box		gb = role_box(w, gi, 0);
				double		area = box_area(&gb, 1e-9);

				if (area > ba)
				{
					ba = area;
					best = gi;
				}
			}
		if (best < 0)
			break;
		g = role_box(w, best, 0);
		if (place_inside(w, L->cxy, L, &g))
			k = L->nframes - 1;
		else
		{
			out_box[nout] = g;
			out_root[nout++] = best;
			k = -2;				/* placed below, once all are known */
		}
		for (i = 0; i < w->nclusters; i++)
			if (w->cl[i].role == -1 && uf_find(w->group, i) == best)
				w->cl[i].role = k;
	}
	base = L->nframes;
	if (nout > 0)
		place_all_outside(L, out_box, nout);
	for (k = 0; k < nout; k++)
		for (i = 0; i < w->nclusters; i++)
			if (w->cl[i].role == -2 && uf_find(w->group, i) == out_root[k])
				w->cl[i].role = base + k;
	maxx = maxy = 0.0;
	for (i = 0; i < L->nframes; i++)
	{
		maxx = fmax(maxx, L->frames[i].x + L->frames[i].w);
		maxy = fmax(maxy, L->frames[i].y + L->frames[i].h);
	}
	L->width = maxx;
	L->height = maxy;
	scale_canvas(L, fmin(o->width / maxx, o->max_height / maxy));
}

/* every ring on the canvas in its part's frame, simplified */
static void
simplify_rings(const pal_map_shapes *s, pal_map_layout *L)
{
	size_t		i,
				r,
				k,
				out = 0;

	L->ring_kept[0] = 0;
	for (i = 0; i < s->nparts; i++)
	{
		const pal_map_part *p = &s->parts[i];
		const pal_map_frame *f = &L->frames[L->part_frame[i]];

		for (r = p->ring0; r < p->ring0 + p->nrings; r++)
		{
			size_t		first = out;
			double		lx = 0.0,
						ly = 0.0;

			for (k = s->ring_point[r]; k < s->ring_point[r + 1]; k++)
			{
				double		x = f->tx + s->xy[2 * k] * f->kx * f->scale;
				double		y = f->ty - s->xy[2 * k + 1] * f->scale;

				if (out > first && hypot(x - lx, y - ly) < MAP_SIMPLIFY)
					continue;
				L->cxy[2 * out] = lx = x;
				L->cxy[2 * out + 1] = ly = y;
				out++;
			}
			if (out - first < 3)
			{
				/* too small to simplify: every point */
				out = first;
				for (k = s->ring_point[r]; k < s->ring_point[r + 1]; k++, out++)
				{
					L->cxy[2 * out] = f->tx + s->xy[2 * k] * f->kx * f->scale;
					L->cxy[2 * out + 1] = f->ty - s->xy[2 * k + 1] * f->scale;
				}
			}
			L->ring_kept[r + 1] = out;
		}
	}
}

static pal_status
check_options(const pal_map_options *o, const pal_map_shapes *s, const double *label_em, pal_error *err)
{
	int			i;

	if (!(o->width >= 100.0 && o->width <= 10000.0))
	{
		pal_error_set(err, PAL_ERR_VALUE, "map width %g is out of range", o->width);
		pal_error_hint(err, "The width is 100 to 10000 px.");
		return PAL_ERR_VALUE;
	}
	if (!(o->max_height >= 100.0 && o->max_height <= 10000.0))
	{
		pal_error_set(err, PAL_ERR_VALUE, "map height %g is out of range", o->max_height);
		pal_error_hint(err, "The height is 100 to 10000 px.");
		return PAL_ERR_VALUE;
	}
	if (!(o->font_size >= 4.0 && o->font_size <= 72.0))
	{
		pal_error_set(err, PAL_ERR_VALUE, "label font size %g is out of range", o->font_size);
		pal_error_hint(err, "The font size is 4 to 72 px.");
		return PAL_ERR_VALUE;
	}
	for (i = 0; label_em != NULL && i < s->nregions; i++)
		if (!(label_em[i] >= 0.0 && label_em[i] < 1e6))
			return pal_error_set(err, PAL_ERR_VALUE, "label width %g of region %d is not a width",
								 label_em[i], i + 1);
	return PAL_OK;
}

/* no parts: an empty canvas of the width asked for */
static void
empty_layout(pal_map_layout *L, const pal_map_options *o)
{
	pal_map_frame *f = &L->frames[0];

	L->nframes = 1;
	L->width = o->width;
	L->height = fmin(o->max_height, o->width / 2);
	f->x = f->y = 0.0;
	f->w = L->width;
	f->h = L->height;
	f->kx = 1.0;
	f->scale = 1.0;
	f->tx = f->ty = 0.0;
	f->zoom = 1.0;
	L->ring_kept[0] = 0;
}

static pal_status
alloc_layout(const pal_map_shapes *s, const pal_allocator *a, pal_map_layout *L, pal_error *err)
{
	size_t		i;

	L->frames = pal_alloc_array(a, 1 + PAL_MAP_MAX_INSETS, sizeof(pal_map_frame));
	L->part_frame = pal_alloc_array(a, s->nparts, sizeof(int));
	L->labels = pal_alloc_array(a, (size_t) s->nregions, sizeof(pal_map_label));
	L->ring_kept = pal_alloc_array(a, s->nrings + 1, sizeof(size_t));
	L->cxy = s->npoints > SIZE_MAX / 2 ? NULL : pal_alloc_array(a, 2 * s->npoints, sizeof(double));
	if (L->frames == NULL || L->part_frame == NULL || L->labels == NULL ||
		L->ring_kept == NULL || L->cxy == NULL)
	{
		pal_map_layout_free(L, a);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	}
	for (i = 0; i < (size_t) s->nregions; i++)
		L->labels[i].frame = -1;
	L->nframes = 0;
	return PAL_OK;
}

pal_status
pal_map_layout_compute(const pal_map_shapes *s, const double *label_em,
					   const pal_map_options *o, const pal_allocator *a,
					   pal_map_layout *L, pal_error *err)
{
	layout_work w;
	pal_status	st;
	pal_box		mainb;
	size_t		i;
	double		lat0 = INFINITY,
				lat1 = -INFINITY;

	L->frames = NULL;
	L->part_frame = NULL;
	L->labels = NULL;
	L->ring_kept = NULL;
	L->cxy = NULL;
	st = check_options(o, s, label_em, err);
	if (st == PAL_OK)
		st = alloc_layout(s, a, L, err);
	if (st != PAL_OK)
		return st;
	if (s->nparts == 0)
	{
		empty_layout(L, o);
		return PAL_OK;
	}
	for (i = 0; i < s->nparts; i++)
	{
		lat0 = fmin(lat0, s->parts[i].lat0);
		lat1 = fmax(lat1, s->parts[i].lat1);
	}
	w.s = s;
	w.a = a;
	w.kx = cos((lat0 + lat1) / 2 * MAP_RAD);
	w.cl = NULL;
	w.group = NULL;
	w.nclusters = 0;
	w.uf = pal_alloc_array(a, s->nparts, sizeof(int));
	if (w.uf == NULL)
		st = pal_error_set(err, PAL_ERR_NOMEM, "out of memory laying out the map");
	if (st == PAL_OK)
		st = cluster_parts(&w, err);
	if (st == PAL_OK)
	{
		mainb = choose_main(&w);
		st = group_far(&w, &mainb, err);
	}
	if (st == PAL_OK)
	{
		make_frames(&w, L, o);
		for (i = 0; i < s->nparts; i++)
			L->part_frame[i] = w.cl[w.uf[i]].role;
		simplify_rings(s, L);
		st = pal_map_place_labels(s, L, label_em, o->font_size, a, err);
	}
	pal_release(a, w.uf);
	pal_release(a, w.cl);
	pal_release(a, w.group);
	if (st != PAL_OK)
		pal_map_layout_free(L, a);
	return st;
}

void
pal_map_layout_free(pal_map_layout *L, const pal_allocator *a)
{
	pal_release(a, L->frames);
	pal_release(a, L->part_frame);
	pal_release(a, L->labels);
	pal_release(a, L->ring_kept);
	pal_release(a, L->cxy);
	L->frames = NULL;
	L->part_frame = NULL;
	L->labels = NULL;
	L->ring_kept = NULL;
	L->cxy = NULL;
}
