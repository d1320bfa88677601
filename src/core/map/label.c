/*
 * label.c
 *	  Labels of a laid-out map: each where its box fits inside one polygon
 *	  of its region as drawn, none overlapping another (rules in map.h).
 */
#include "map/map_int.h"

#include <math.h>
#include <stdlib.h>

#define GRID_STEPS	40			/* candidate centres per axis of a polygon, at most */
#define RANKED		24			/* candidates ranked by clearance per polygon */
#define PER_REGION	48			/* candidates kept per region */

typedef struct candidate
{
	double		x,
				y;				/* centre */
	double		score;			/* clearance, rounded to 0.5 px */
	double		off;			/* distance from the middle of the places that fit */
} candidate;

typedef struct region_order
{
	int			region;
	double		area;
} region_order;

static int
by_area_desc(const void *a, const void *b)
{
	const region_order *x = a,
			   *y = b;

	if (x->area != y->area)
		return x->area < y->area ? 1 : -1;
	return x->region - y->region;
}

static int
by_score_desc(const void *a, const void *b)
{
	const candidate *x = a,
			   *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->x < y->x ? -1 : (x->x > y->x);
}

/*
 * The centres on a grid over the polygon where a w x h box, widened by the
 * margin, lies inside it; then the RANKED nearest the middle of them,
 * scored by clearance, appended to out (at most PER_REGION in all).
 */
static pal_status
polygon_candidates(const pal_poly *poly, double w, double h, candidate *grid,
				   candidate *out, int *nout, const pal_allocator *a, pal_error *err)
{
	const double m = PAL_MAP_LABEL_MARGIN;
	pal_box		pb;
	pal_bands	bd;
	double		rx,
				ry,
				sx,
				sy,
				mx = 0.0,
				my = 0.0;
	int			nx,
				ny,
				i,
				j,
				n = 0;
	pal_status	st;

	pal_poly_bounds(poly, &pb);
	rx = (pb.x1 - pb.x0) - w - 2 * m;
	ry = (pb.y1 - pb.y0) - h - 2 * m;
	if (rx < 0.0 || ry < 0.0)
		return PAL_OK;
	sx = fmax(h / 3, rx / GRID_STEPS);
	sy = fmax(h / 3, ry / GRID_STEPS);
	nx = (int) floor(rx / sx) + 1;
	ny = (int) floor(ry / sy) + 1;
	st = pal_bands_build(&bd, poly, h, a, err);
	if (st != PAL_OK)
		return st;
	for (j = 0; j < ny; j++)
		for (i = 0; i < nx; i++)
		{
			/* centred in the free range when it holds one position */
			double		cx = pb.x0 + m + w / 2 + (nx == 1 ? rx / 2 : i * sx + (rx - (nx - 1) * sx) / 2);
			double		cy = pb.y0 + m + h / 2 + (ny == 1 ? ry / 2 : j * sy + (ry - (ny - 1) * sy) / 2);
			pal_box		b = {cx - w / 2 - m, cy - h / 2 - m, cx + w / 2 + m, cy + h / 2 + m};

			if (pal_bands_box_inside(&bd, &b))
			{
				grid[n].x = cx;
				grid[n].y = cy;
				mx += cx;
				my += cy;
				n++;
			}
		}
	pal_bands_free(&bd, a);
	if (n == 0)
		return PAL_OK;
	mx /= n;
	my /= n;
	/* nearest the middle of the places that fit first, then by clearance */
	for (i = 0; i < n; i++)
	{
		grid[i].score = 0.0;
		grid[i].off = hypot(grid[i].x - mx, grid[i].y - my);
	}
	qsort(grid, (size_t) n, sizeof(candidate), by_score_desc);
	for (i = 0; i < n && i < RANKED && *nout < PER_REGION; i++)
	{
		out[*nout] = grid[i];
		out[*nout].score = floor(2 * pal_poly_boundary_dist(poly, grid[i].x, grid[i].y)) / 2;
		(*nout)++;
	}
	return PAL_OK;
}

static int
overlaps_placed(const pal_map_layout *L, const int *placed, int nplaced, const pal_box *b)
{
	int			i;

	for (i = 0; i < nplaced; i++)
	{
		const pal_map_label *o = &L->labels[placed[i]];
		pal_box		ob = {o->x, o->y, o->x + o->w, o->y + o->h};

		if (pal_box_overlaps(&ob, b, PAL_MAP_LABEL_MARGIN))
			return 1;
	}
	return 0;
}

/* the drawn area of each region, largest part first */
static void
order_regions(const pal_map_shapes *s, const pal_map_layout *L, const double *label_em,
			  region_order *order, int *n)
{
	size_t		i;
	int			r;

	*n = 0;
	for (r = 0; r < s->nregions; r++)
	{
		order[r].region = r;
		order[r].area = 0.0;
	}
	for (i = 0; i < s->nparts; i++)
	{
		pal_poly	p = pal_map_part_poly(L, &s->parts[i]);
		double		area = pal_poly_area2(&p) / 2;

		if (area > order[s->parts[i].region].area)
			order[s->parts[i].region].area = area;
	}
	for (r = 0; r < s->nregions; r++)
		if (label_em[r] > 0.0 && order[r].area > 0.0)
			order[(*n)++] = order[r];
	qsort(order, (size_t) *n, sizeof(region_order), by_area_desc);
}

static pal_status
place_region(const pal_map_shapes *s, pal_map_layout *L, int r, double w, double h,
			 candidate *grid, candidate *cand, int *placed, int *nplaced,
			 const pal_allocator *a, pal_error *err)
{
	size_t		i;
	int			ncand = 0,
				c;
	int			frame_of[PER_REGION];

	for (i = 0; i < s->nparts; i++)
	{
		pal_poly	p;
		int			before = ncand,
					k;
		pal_status	st;

		if (s->parts[i].region != r)
			continue;
		p = pal_map_part_poly(L, &s->parts[i]);
		st = polygon_candidates(&p, w, h, grid, cand, &ncand, a, err);
		if (st != PAL_OK)
			return st;
		for (k = before; k < ncand; k++)
			frame_of[k] = L->part_frame[i];
	}
	/* best clearance first (the frame travels with each candidate) */
	for (c = 1; c < ncand; c++)
	{
		candidate	x = cand[c];
		int			fx = frame_of[c],
					k = c;

		while (k > 0 && by_score_desc(&cand[k - 1], &x) > 0)
		{
			cand[k] = cand[k - 1];
			frame_of[k] = frame_of[k - 1];
			k--;
		}
		cand[k] = x;
		frame_of[k] = fx;
	}
	for (c = 0; c < ncand; c++)
	{
		pal_box		b = {cand[c].x - w / 2, cand[c].y - h / 2, cand[c].x + w / 2, cand[c].y + h / 2};

		if (!overlaps_placed(L, placed, *nplaced, &b))
		{
			pal_map_label *lab = &L->labels[r];

			lab->frame = frame_of[c];
			lab->x = b.x0;
			lab->y = b.y0;
			lab->w = w;
			lab->h = h;
			placed[(*nplaced)++] = r;
			break;
		}
	}
	return PAL_OK;
}

pal_status
pal_map_place_labels(const pal_map_shapes *s, pal_map_layout *L, const double *label_em,
					 double fs, const pal_allocator *a, pal_error *err)
{
	region_order *order;
	candidate  *grid,
			   *cand;
	int		   *placed;
	int			n,
				k,
				nplaced = 0;
	pal_status	st = PAL_OK;

	if (label_em == NULL || s->nregions == 0)
		return PAL_OK;
	order = pal_alloc_array(a, (size_t) s->nregions, sizeof(region_order));
	placed = pal_alloc_array(a, (size_t) s->nregions, sizeof(int));
	grid = pal_alloc_array(a, (GRID_STEPS + 1) * (GRID_STEPS + 1), sizeof(candidate));
	cand = pal_alloc_array(a, PER_REGION, sizeof(candidate));
	if (order == NULL || placed == NULL || grid == NULL || cand == NULL)
		st = pal_error_set(err, PAL_ERR_NOMEM, "out of memory placing the map's labels");
	if (st == PAL_OK)
		order_regions(s, L, label_em, order, &n);
	for (k = 0; st == PAL_OK && k < n; k++)
	{
		int			r = order[k].region;
		double		w = (label_em[r] + 2 * PAL_MAP_LABEL_PAD_EM) * fs;
		double		h = PAL_MAP_LABEL_HEIGHT_EM * fs;

		if (pal_interrupted(a))
			st = pal_error_set(err, PAL_ERR_INTERRUPTED, "canceled");
		else
			st = place_region(s, L, r, w, h, grid, cand, placed, &nplaced, a, err);
	}
	pal_release(a, order);
	pal_release(a, placed);
	pal_release(a, grid);
	pal_release(a, cand);
	return st;
}
