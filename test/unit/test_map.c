/*
 * test_map.c
 *	  Unit tests of the map layout (src/core/map): reading polygons from
 *	  EWKB, the geometric tests against brute force, frames that fill the
 *	  canvas, insets for far islands that cover no land, and labels that lie
 *	  inside their polygon and never overlap.
 */
#include "testdata.h"
#include "map/map_int.h"
#include "types/ewkb.h"

#include <math.h>

static uint64_t rng_state = 42;

static double
rnd(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double) (rng_state >> 11) / 9007199254740992.0;
}

/* ---- building EWKB ------------------------------------------------------ */

typedef struct wkb
{
	uint8_t		buf[65536];
	size_t		len;
} wkb;

static void
put_header(wkb *w, uint32_t type, int srid)
{
	w->buf[w->len++] = 1;
	pal_ewkb_put_u32(w->buf + w->len, type | (srid ? PAL_EWKB_SRID_FLAG : 0));
	w->len += 4;
	if (srid)
	{
		pal_ewkb_put_u32(w->buf + w->len, (uint32_t) srid);
		w->len += 4;
	}
}

static void
put_u32(wkb *w, uint32_t v)
{
	pal_ewkb_put_u32(w->buf + w->len, v);
	w->len += 4;
}

static void
put_pt(wkb *w, double x, double y)
{
	pal_ewkb_put_f64(w->buf + w->len, x);
	pal_ewkb_put_f64(w->buf + w->len + 8, y);
	w->len += 16;
}

/* a closed ring of n corners on a circle-ish star around (cx, cy) */
static void
put_star(wkb *w, double cx, double cy, double r, int n, double jag)
{
	int			k;

	put_u32(w, (uint32_t) n + 1);
	for (k = 0; k <= n; k++)
	{
		double		t = 2 * 3.141592653589793 * (k % n) / n;
		double		rr = r * (1.0 - jag * ((k % n) % 2));

		put_pt(w, cx + rr * cos(t), cy + rr * sin(t));
	}
}

/* MULTIPOLYGON of axis-aligned rectangles, each given as x0 y0 x1 y1 */
static void
make_rects(wkb *w, const double *r, int n, int srid)
{
	int			i;

	w->len = 0;
	put_header(w, PAL_WKB_MULTIPOLYGON, srid);
	put_u32(w, (uint32_t) n);
	for (i = 0; i < n; i++)
	{
		const double *b = r + 4 * i;

		put_header(w, PAL_WKB_POLYGON, 0);
		put_u32(w, 1);
		put_u32(w, 5);
		put_pt(w, b[0], b[1]);
		put_pt(w, b[2], b[1]);
		put_pt(w, b[2], b[3]);
		put_pt(w, b[0], b[3]);
		put_pt(w, b[0], b[1]);
	}
}

/* ---- EWKB polygons ------------------------------------------------------- */

static void
test_read_polygons(void **state)
{
	wkb			w;
	pal_ewkb_polygons g;
	size_t		pr[4],
				rp[4];
	double		xy[64];
	size_t		k;
	const double r[8] = {0, 0, 1, 1, 2, 2, 3, 4};

	(void) state;
	make_rects(&w, r, 2, 4326);
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len, &g, 0), 0);
	assert_int_equal(g.type, PAL_WKB_MULTIPOLYGON);
	assert_int_equal(g.srid, 4326);
	assert_int_equal(g.npolygons, 2);
	assert_int_equal(g.nrings, 2);
	assert_int_equal(g.npoints, 10);
	g.polygon_ring = pr;
	g.ring_point = rp;
	g.xy = xy;
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len, &g, 1), 0);
	assert_int_equal(pr[1], 1);
	assert_int_equal(pr[2], 2);
	assert_int_equal(rp[1], 5);
	assert_int_equal(rp[2], 10);
	assert_true(xy[10] == 2 && xy[11] == 2 && xy[14] == 3 && xy[15] == 4);

	/* truncated anywhere: refused, never read past the end */
	for (k = 0; k < w.len; k++)
		assert_int_equal(pal_ewkb_read_polygons(w.buf, k, &g, 0), -1);
	/* trailing bytes */
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len + 1, &g, 0), -1);
	/* a ring count the buffer cannot hold */
	w.len = 0;
	put_header(&w, PAL_WKB_POLYGON, 0);
	put_u32(&w, 0x7fffffffu);
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len, &g, 0), -1);
	/* another type */
	w.len = 0;
	put_header(&w, PAL_WKB_POINT, 4326);
	put_pt(&w, 1, 2);
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len, &g, 0), -2);
	assert_int_equal(g.type, PAL_WKB_POINT);
	assert_int_equal(pal_ewkb_read_polygons(NULL, 0, &g, 0), -1);
}

static void
test_read_polygon_z(void **state)
{
	wkb			w;
	pal_ewkb_polygons g;
	size_t		pr[2],
				rp[2];
	double		xy[8];
	int			k;

	(void) state;
	/* POLYGON Z: the z ordinates are skipped */
	w.len = 0;
	put_header(&w, PAL_WKB_POLYGON | PAL_EWKB_Z_FLAG, 4326);
	put_u32(&w, 1);
	put_u32(&w, 4);
	for (k = 0; k < 4; k++)
	{
		put_pt(&w, k == 1 ? 1 : 0, k == 2 ? 1 : 0);
		pal_ewkb_put_f64(w.buf + w.len, 99.0);
		w.len += 8;
	}
	g.polygon_ring = pr;
	g.ring_point = rp;
	g.xy = xy;
	assert_int_equal(pal_ewkb_read_polygons(w.buf, w.len, &g, 1), 0);
	assert_int_equal(g.npoints, 4);
	assert_true(xy[2] == 1 && xy[3] == 0 && xy[4] == 0 && xy[5] == 1);
}

static void
test_shapes_errors(void **state)
{
	wkb			w;
	const uint8_t *e[1];
	size_t		l[1];
	pal_map_shapes s;
	pal_error	err;
	const double r[4] = {139, 35, 140, 36};
	const double bad[4] = {139, 35, 200, 36};

	(void) state;
	e[0] = w.buf;
	make_rects(&w, r, 1, 3857);
	l[0] = w.len;
	assert_int_equal(pal_map_shapes_read(&s, 1, e, l, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "SRID 3857"));
	assert_non_null(strstr(err.hint, "ST_Transform"));

	make_rects(&w, bad, 1, 4326);
	l[0] = w.len;
	assert_int_equal(pal_map_shapes_read(&s, 1, e, l, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "geometry 1"));

	w.len = 0;
	put_header(&w, PAL_WKB_POINT, 4326);
	put_pt(&w, 1, 2);
	l[0] = w.len;
	assert_int_equal(pal_map_shapes_read(&s, 1, e, l, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "POINT"));

	make_rects(&w, r, 1, 4326);
	l[0] = w.len - 3;
	assert_int_equal(pal_map_shapes_read(&s, 1, e, l, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "not valid EWKB"));
}

/* ---- geometry against brute force -------------------------------------- */

static void
test_segment_box(void **state)
{
	pal_box		b = {0, 0, 2, 1};
	int			i;

	(void) state;
	assert_true(pal_segment_meets_box(-1, 0.5, 3, 0.5, &b));	/* through */
	assert_true(pal_segment_meets_box(1, 0.5, 1.5, 0.6, &b));	/* inside */
	assert_false(pal_segment_meets_box(-1, 2, 3, 2, &b));	/* above */
	assert_true(pal_segment_meets_box(-1, 1, 3, 1, &b));	/* along the edge */
	assert_false(pal_segment_meets_box(3, -1, 4, 3, &b));
	assert_true(pal_segment_meets_box(2.5, 0.5, 1.5, 1.5, &b)); /* cuts a corner */
	assert_false(pal_segment_meets_box(2.6, 0.5, 1.8, 1.5, &b));
	/* against sampling */
	for (i = 0; i < 20000; i++)
	{
		double		ax = rnd() * 6 - 2,
					ay = rnd() * 5 - 2,
					bx = rnd() * 6 - 2,
					by = rnd() * 5 - 2;
		int			hit = 0,
					k;

		for (k = 0; k <= 2000 && !hit; k++)
		{
			double		t = k / 2000.0,
						x = ax + t * (bx - ax),
						y = ay + t * (by - ay);

			hit = x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
		}
		/* sampling can miss a graze, never invent a hit */
		if (hit)
			assert_true(pal_segment_meets_box(ax, ay, bx, by, &b));
	}
}

/* the box test through bands agrees with the plain one on random stars */
static void
test_box_inside_bands(void **state)
{
	int			round;

	(void) state;
	for (round = 0; round < 40; round++)
	{
		double		xy[2 * 64];
		size_t		start[3];
		pal_poly	p;
		pal_bands	bd;
		pal_error	err;
		int			n = 8 + (int) (rnd() * 40),
					k,
					i;

		/* a star, and a square hole in it half the time */
		for (k = 0; k < n; k++)
		{
			double		t = 2 * 3.141592653589793 * k / n,
						r = 50 + rnd() * 50;

			xy[2 * k] = 100 + r * cos(t);
			xy[2 * k + 1] = 100 + r * sin(t);
		}
		start[0] = 0;
		start[1] = (size_t) n;
		start[2] = (size_t) n;
		if (round % 2)
		{
			double		hole[8] = {90, 90, 110, 90, 110, 110, 90, 110};

			memcpy(xy + 2 * n, hole, sizeof(hole));
			start[2] = (size_t) n + 4;
		}
		p.xy = xy;
		p.start = start;
		p.ring0 = 0;
		p.nrings = round % 2 ? 2 : 1;
		assert_int_equal(pal_bands_build(&bd, &p, 3.0 + rnd() * 20, &pal_malloc_allocator, &err), PAL_OK);
		for (i = 0; i < 3000; i++)
		{
			double		cx = rnd() * 220 - 10,
						cy = rnd() * 220 - 10,
						w = rnd() * 40,
						h = rnd() * 15;
			pal_box		b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
			int			plain = pal_poly_contains(&p, cx, cy) && !pal_poly_edges_meet_box(&p, &b);

			assert_int_equal(pal_bands_box_inside(&bd, &b), plain);
			/* and a box inside has every sampled point inside */
			if (plain)
			{
				int			a,
							c;

				for (a = 0; a <= 4; a++)
					for (c = 0; c <= 4; c++)
						assert_true(pal_poly_contains(&p, b.x0 + (b.x1 - b.x0) * a / 4.0,
													  b.y0 + (b.y1 - b.y0) * c / 4.0));
			}
		}
		pal_bands_free(&bd, &pal_malloc_allocator);
	}
}

/* ---- layout ------------------------------------------------------------- */

typedef struct map_case
{
	int			n;
	wkb			w[64];
	const uint8_t *e[64];
	size_t		l[64];
	double		em[64];
	pal_map_shapes s;
	pal_map_layout L;
} map_case;

static void
lay_out(map_case *c, double width, double height, double fs)
{
	pal_error	err;
	pal_map_options o;
	int			i;

	o.width = width;
	o.max_height = height;
	o.font_size = fs;
	for (i = 0; i < c->n; i++)
	{
		c->e[i] = c->w[i].buf;
		c->l[i] = c->w[i].len;
	}
	assert_int_equal(pal_map_shapes_read(&c->s, c->n, c->e, c->l, &pal_malloc_allocator, &err), PAL_OK);
	if (pal_map_layout_compute(&c->s, c->em, &o, &pal_malloc_allocator, &c->L, &err) != PAL_OK)
		fail_msg("layout: %s", err.message);
}

static void
free_case(map_case *c)
{
	pal_map_layout_free(&c->L, &pal_malloc_allocator);
	pal_map_shapes_free(&c->s, &pal_malloc_allocator);
}

/* every drawn point on the canvas, inside its frame */
static void
check_frames(const map_case *c)
{
	size_t		i,
				k;
	int			f;

	assert_true(c->L.width <= 1000.0 + 1e-6 && c->L.height <= 1000.0 + 1e-6);
	for (f = 0; f < c->L.nframes; f++)
	{
		const pal_map_frame *fr = &c->L.frames[f];

		assert_true(fr->x >= -1e-6 && fr->y >= -1e-6);
		assert_true(fr->x + fr->w <= c->L.width + 1e-6 && fr->y + fr->h <= c->L.height + 1e-6);
	}
	for (i = 0; i < c->s.nparts; i++)
	{
		const pal_map_frame *fr = &c->L.frames[c->L.part_frame[i]];
		const pal_map_part *p = &c->s.parts[i];

		for (k = c->L.ring_kept[p->ring0]; k < c->L.ring_kept[p->ring0 + p->nrings]; k++)
		{
			assert_true(c->L.cxy[2 * k] >= fr->x - 1e-6 && c->L.cxy[2 * k] <= fr->x + fr->w + 1e-6);
			assert_true(c->L.cxy[2 * k + 1] >= fr->y - 1e-6 && c->L.cxy[2 * k + 1] <= fr->y + fr->h + 1e-6);
		}
	}
}

/* labels: inside one polygon of their region with the margin, and apart */
static void
check_labels(const map_case *c)
{
	int			r,
				q;

	for (r = 0; r < c->s.nregions; r++)
	{
		const pal_map_label *lab = &c->L.labels[r];
		pal_box		b;
		size_t		i;
		int			inside = 0;

		if (lab->frame < 0)
			continue;
		b.x0 = lab->x - PAL_MAP_LABEL_MARGIN;
		b.y0 = lab->y - PAL_MAP_LABEL_MARGIN;
		b.x1 = lab->x + lab->w + PAL_MAP_LABEL_MARGIN;
		b.y1 = lab->y + lab->h + PAL_MAP_LABEL_MARGIN;
		for (i = 0; i < c->s.nparts; i++)
		{
			pal_poly	p;

			if (c->s.parts[i].region != r || c->L.part_frame[i] != lab->frame)
				continue;
			p = pal_map_part_poly(&c->L, &c->s.parts[i]);
			if (pal_poly_contains(&p, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2) && !pal_poly_edges_meet_box(&p, &b))
				inside = 1;
		}
		if (!inside)
			fail_msg("label of region %d is not inside its polygon", r);
		for (q = 0; q < r; q++)
		{
			const pal_map_label *o = &c->L.labels[q];

			if (o->frame >= 0)
				assert_false(lab->x < o->x + o->w && o->x < lab->x + lab->w &&
							 lab->y < o->y + o->h && o->y < lab->y + lab->h);
		}
	}
}

/* a grid of rectangles of varied sizes: the canvas is filled, labels fit */
static void
test_grid_fills_and_labels(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	int			i,
				j,
				placed = 0;
	double		x = 139.0;

	(void) state;
	c->n = 0;
	for (i = 0; i < 6; i++)
	{
		double		w = 0.05 + 0.1 * (i % 3);
		double		y = 35.0;

		for (j = 0; j < 5; j++)
		{
			double		h = 0.04 + 0.07 * ((i + j) % 4);
			double		r[4] = {x, y, x + w, y + h};

			make_rects(&c->w[c->n], r, 1, 4326);
			c->em[c->n] = 2 + (c->n % 4);
			c->n++;
			y += h;
		}
		x += w;
	}
	lay_out(c, 1000, 1000, 12);
	assert_int_equal(c->L.nframes, 1);
	/* the land's box fills the canvas but for the margin */
	{
		double		x0 = INFINITY,
					x1 = -INFINITY,
					y0 = INFINITY,
					y1 = -INFINITY;
		size_t		k;

		for (k = 0; k < c->L.ring_kept[c->s.nrings]; k++)
		{
			x0 = fmin(x0, c->L.cxy[2 * k]);
			x1 = fmax(x1, c->L.cxy[2 * k]);
			y0 = fmin(y0, c->L.cxy[2 * k + 1]);
			y1 = fmax(y1, c->L.cxy[2 * k + 1]);
		}
		assert_true((x1 - x0) * (y1 - y0) >= 0.95 * c->L.width * c->L.height);
		assert_true(fabs(c->L.width - 1000) < 1e-6 || fabs(c->L.height - 1000) < 1e-6);
	}
	check_frames(c);
	check_labels(c);
	for (i = 0; i < c->n; i++)
		placed += c->L.labels[i].frame >= 0;
	assert_true(placed >= c->n / 2);
	free_case(c);
	free(c);
}

/* a far small island goes to an inset that covers no land; a near one stays */
static void
test_far_island_inset(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	const double main_land[4] = {130.0, 33.0, 136.0, 36.0};
	const double near_isle[4] = {136.2, 35.0, 136.4, 35.2};
	const double far_isle[4] = {124.0, 24.0, 124.5, 24.4};
	size_t		i,
				k;
	int			far_frame = -1;

	(void) state;
	c->n = 3;
	make_rects(&c->w[0], main_land, 1, 4326);
	make_rects(&c->w[1], near_isle, 1, 4326);
	make_rects(&c->w[2], far_isle, 1, 4326);
	c->em[0] = c->em[1] = c->em[2] = 2;
	lay_out(c, 1000, 1000, 12);
	assert_int_equal(c->L.nframes, 2);
	for (i = 0; i < c->s.nparts; i++)
	{
		if (c->s.parts[i].region == 2)
			far_frame = c->L.part_frame[i];
		else
			assert_int_equal(c->L.part_frame[i], 0);
	}
	assert_int_equal(far_frame, 1);
	assert_true(c->L.frames[1].zoom > 0.0 && c->L.frames[1].zoom <= 1.0);
	/* the inset covers no land of the main frame */
	for (i = 0; i < c->s.nparts; i++)
	{
		const pal_map_frame *in = &c->L.frames[1];
		pal_box		b = {in->x, in->y, in->x + in->w, in->y + in->h};
		pal_poly	p;

		if (c->L.part_frame[i] != 0)
			continue;
		p = pal_map_part_poly(&c->L, &c->s.parts[i]);
		assert_false(pal_poly_meets_box(&p, &b));
		for (k = c->L.ring_kept[c->s.parts[i].ring0]; k < c->L.ring_kept[c->s.parts[i].ring0 + 1]; k++)
			assert_false(c->L.cxy[2 * k] > b.x0 && c->L.cxy[2 * k] < b.x1 &&
						 c->L.cxy[2 * k + 1] > b.y0 && c->L.cxy[2 * k + 1] < b.y1);
	}
	check_frames(c);
	check_labels(c);
	free_case(c);
	free(c);
}

/* the corner nearest a far island is land: the inset goes to the free one */
static void
test_inset_avoids_land(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	wkb		   *w = &c->w[0];
	const double l_shape[] = {130, 33, 136, 33, 136, 34.5, 133, 34.5, 133, 36, 130, 36, 130, 33};
	const double far_isle[4] = {124.0, 24.0, 124.6, 24.5};
	const pal_map_frame *in;
	size_t		i;
	int			k;

	(void) state;
	w->len = 0;
	put_header(w, PAL_WKB_POLYGON, 4326);
	put_u32(w, 1);
	put_u32(w, 7);
	for (k = 0; k < 7; k++)
		put_pt(w, l_shape[2 * k], l_shape[2 * k + 1]);
	make_rects(&c->w[1], far_isle, 1, 4326);
	c->n = 2;
	lay_out(c, 1000, 1000, 12);
	assert_int_equal(c->L.nframes, 2);
	in = &c->L.frames[1];
	/* inside the main frame, in its free upper right quarter */
	assert_true(in->x + in->w <= c->L.frames[0].x + c->L.frames[0].w + 1e-6);
	assert_true(in->x >= c->L.frames[0].w / 2 - 1e-6 && in->y + in->h <= c->L.frames[0].h / 2 + 1e-6);
	for (i = 0; i < c->s.nparts; i++)
	{
		pal_box		b = {in->x, in->y, in->x + in->w, in->y + in->h};
		pal_poly	p;

		if (c->L.part_frame[i] != 0)
			continue;
		p = pal_map_part_poly(&c->L, &c->s.parts[i]);
		assert_false(pal_poly_meets_box(&p, &b));
	}
	free_case(c);
	free(c);
}

/* two regions with the same polygon: one label, or two apart */
static void
test_overlapping_regions_labels(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	const double r[4] = {139, 35, 139.3, 35.1};
	int			i;

	(void) state;
	c->n = 6;
	for (i = 0; i < c->n; i++)
	{
		make_rects(&c->w[i], r, 1, 4326);
		c->em[i] = 3;
	}
	lay_out(c, 1000, 1000, 12);
	check_labels(c);
	/* the first ones found room, at different places */
	assert_true(c->L.labels[0].frame == 0 && c->L.labels[1].frame == 0);
	free_case(c);
	free(c);
}

/*
 * Much land near the main land stays in place (like Hokkaido beside
 * Honshu); as much land far away goes to an inset (like the Yaeyama
 * islands seen from Okinawa's main island)
 */
static void
test_large_land_near_and_far(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	const double a[4] = {130.0, 33.0, 136.0, 36.0};
	const double near_land[4] = {136.2, 35.5, 140.0, 38.0};
	const double far_land[4] = {120.0, 20.0, 123.0, 22.0};
	size_t		i;

	(void) state;
	c->n = 2;
	make_rects(&c->w[0], a, 1, 4326);
	make_rects(&c->w[1], near_land, 1, 4326);
	lay_out(c, 1000, 1000, 12);
	assert_int_equal(c->L.nframes, 1);
	for (i = 0; i < c->s.nparts; i++)
		assert_int_equal(c->L.part_frame[i], 0);
	free_case(c);
	make_rects(&c->w[1], far_land, 1, 4326);
	lay_out(c, 1000, 1000, 12);
	assert_int_equal(c->L.nframes, 2);
	for (i = 0; i < c->s.nparts; i++)
		assert_int_equal(c->L.part_frame[i], c->s.parts[i].region);
	check_frames(c);
	free_case(c);
	free(c);
}

/* a U: the label goes into an arm, never into the notch */
static void
test_label_in_concave_polygon(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	wkb		   *w = &c->w[0];
	const double u[] = {0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3, 0, 0};
	int			k;

	(void) state;
	w->len = 0;
	put_header(w, PAL_WKB_POLYGON, 4326);
	put_u32(w, 1);
	put_u32(w, 9);
	for (k = 0; k < 9; k++)
		put_pt(w, 140 + u[2 * k] * 0.1, 35 + u[2 * k + 1] * 0.1);
	c->n = 1;
	c->em[0] = 1;
	lay_out(c, 600, 600, 12);
	assert_int_equal(c->L.labels[0].frame, 0);
	check_labels(c);
	/* too long a label for any arm: none */
	free_case(c);
	c->em[0] = 40;
	lay_out(c, 600, 600, 12);
	assert_int_equal(c->L.labels[0].frame, -1);
	free_case(c);
	free(c);
}

/* random stars with holes, many labels: inside and apart, every time */
static void
test_random_labels(void **state)
{
	int			round;

	(void) state;
	for (round = 0; round < 8; round++)
	{
		map_case   *c = calloc(1, sizeof(map_case));
		int			i;

		c->n = 40;
		for (i = 0; i < c->n; i++)
		{
			wkb		   *w = &c->w[i];
			double		cx = 139 + rnd() * 2,
						cy = 35 + rnd() * 2,
						r = 0.05 + rnd() * 0.3;

			w->len = 0;
			put_header(w, PAL_WKB_POLYGON, 4326);
			put_u32(w, 2);
			put_star(w, cx, cy, r, 6 + (int) (rnd() * 20), rnd() * 0.5);
			put_star(w, cx, cy, r * 0.2, 5, 0.0);
			c->em[i] = 1 + rnd() * 5;
		}
		lay_out(c, 1000, 800, 11);
		check_frames(c);
		check_labels(c);
		free_case(c);
		free(c);
	}
}

static void
test_path_and_canvas(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	const double r[8] = {139, 35, 140, 36, 140.02, 35, 140.5, 35.5};
	char	   *path;
	size_t		plen,
				glen;
	uint8_t    *g;
	pal_error	err;
	pal_ewkb_polygons pg;

	(void) state;
	c->n = 2;
	make_rects(&c->w[0], r, 2, 4326);
	make_rects(&c->w[1], r + 4, 1, 0);
	/* SRID 0 is refused: lon/lat only */
	c->e[0] = c->w[0].buf;
	c->e[1] = c->w[1].buf;
	c->l[0] = c->w[0].len;
	c->l[1] = c->w[1].len;
	assert_int_equal(pal_map_shapes_read(&c->s, 2, c->e, c->l, &pal_malloc_allocator, &err), PAL_ERR_VALUE);
	make_rects(&c->w[1], r + 4, 1, 4326);
	lay_out(c, 800, 800, 12);
	assert_int_equal(pal_map_path(&c->s, &c->L, 0, 0, &pal_malloc_allocator, &path, &plen, &err), PAL_OK);
	assert_int_equal(path[0], 'M');
	assert_int_equal(path[plen - 1], 'Z');
	assert_int_equal(strlen(path), plen);
	/* two rings: two moves, two closes */
	assert_non_null(strchr(strchr(path, 'Z') + 1, 'M'));
	free(path);
	/* no polygon of region 1 in frame 0 other than its own */
	assert_int_equal(pal_map_canvas_ewkb(&c->s, &c->L, 0, 0, &pal_malloc_allocator, &g, &glen, &err), PAL_OK);
	assert_int_equal(pal_ewkb_read_polygons(g, glen, &pg, 0), 0);
	assert_int_equal(pg.npolygons, 2);
	assert_int_equal(pg.srid, 0);
	free(g);
	free_case(c);
	free(c);
}

static void
test_options_and_empty(void **state)
{
	pal_map_shapes s;
	pal_map_layout L;
	pal_map_options o = {1000, 1000, 12};
	pal_error	err;
	double		em[1] = {-1};

	(void) state;
	assert_int_equal(pal_map_shapes_read(&s, 0, NULL, NULL, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_map_layout_compute(&s, NULL, &o, &pal_malloc_allocator, &L, &err), PAL_OK);
	assert_int_equal(L.nframes, 1);
	assert_true(L.width == 1000 && L.height > 0);
	pal_map_layout_free(&L, &pal_malloc_allocator);
	o.width = 50;
	assert_int_equal(pal_map_layout_compute(&s, NULL, &o, &pal_malloc_allocator, &L, &err), PAL_ERR_VALUE);
	assert_non_null(strstr(err.message, "width 50"));
	o.width = 1000;
	o.font_size = NAN;
	assert_int_equal(pal_map_layout_compute(&s, NULL, &o, &pal_malloc_allocator, &L, &err), PAL_ERR_VALUE);
	o.font_size = 12;
	o.max_height = 1e9;
	assert_int_equal(pal_map_layout_compute(&s, NULL, &o, &pal_malloc_allocator, &L, &err), PAL_ERR_VALUE);
	o.max_height = 1000;
	s.nregions = 1;
	assert_int_equal(pal_map_layout_compute(&s, em, &o, &pal_malloc_allocator, &L, &err), PAL_ERR_VALUE);
	pal_map_shapes_free(&s, &pal_malloc_allocator);
}

static void
test_text_em(void **state)
{
	(void) state;
	assert_true(fabs(pal_map_text_em("札幌", strlen("札幌")) - 2.0) < 1e-9);
	assert_true(fabs(pal_map_text_em("ab", 2) - 1.2) < 1e-9);
	assert_true(pal_map_text_em("MW", 2) > pal_map_text_em("il", 2));
	/* a broken sequence counts as wide characters, never read past the end */
	assert_true(pal_map_text_em("\xe6\x9c", 2) >= 1.0);
	assert_true(pal_map_text_em("", 0) == 0.0);
}

static void
test_interrupt(void **state)
{
	map_case   *c = calloc(1, sizeof(map_case));
	const double r[4] = {139, 35, 140, 36};
	pal_allocator a = pal_malloc_allocator;
	pal_map_options o = {1000, 1000, 12};
	pal_error	err;

	(void) state;
	c->n = 1;
	make_rects(&c->w[0], r, 1, 4326);
	c->e[0] = c->w[0].buf;
	c->l[0] = c->w[0].len;
	a.check_interrupt = td_stop_now;
	assert_int_equal(pal_map_shapes_read(&c->s, 1, c->e, c->l, &a, &err), PAL_ERR_INTERRUPTED);
	assert_int_equal(pal_map_shapes_read(&c->s, 1, c->e, c->l, &pal_malloc_allocator, &err), PAL_OK);
	assert_int_equal(pal_map_layout_compute(&c->s, c->em, &o, &a, &c->L, &err), PAL_ERR_INTERRUPTED);
	pal_map_shapes_free(&c->s, &pal_malloc_allocator);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_polygons),
		cmocka_unit_test(test_read_polygon_z),
		cmocka_unit_test(test_shapes_errors),
		cmocka_unit_test(test_segment_box),
		cmocka_unit_test(test_box_inside_bands),
		cmocka_unit_test(test_grid_fills_and_labels),
		cmocka_unit_test(test_far_island_inset),
		cmocka_unit_test(test_inset_avoids_land),
		cmocka_unit_test(test_overlapping_regions_labels),
		cmocka_unit_test(test_large_land_near_and_far),
		cmocka_unit_test(test_label_in_concave_polygon),
		cmocka_unit_test(test_random_labels),
		cmocka_unit_test(test_path_and_canvas),
		cmocka_unit_test(test_options_and_empty),
		cmocka_unit_test(test_text_em),
		cmocka_unit_test(test_interrupt),
	};

	return cmocka_run_group_tests_name("map", tests, NULL, NULL);
}
