/*
 * fuzz_map.c
 *	  libFuzzer target: the map layout over any polygons.  The input is up
 *	  to four EWKB values, each behind a 2-byte length; whatever they hold,
 *	  reading and laying out must finish without a crash, every label must
 *	  lie inside a polygon of its region and no two labels may overlap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/map_int.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const pal_map_shapes *s, const pal_map_layout *L)
{
	int			r,
				q;

	for (r = 0; r < s->nregions; r++)
	{
		const pal_map_label *lab = &L->labels[r];
		size_t		i;
		int			inside = 0;
		pal_box		b;

		if (lab->frame < 0)
			continue;
		b.x0 = lab->x;
		b.y0 = lab->y;
		b.x1 = lab->x + lab->w;
		b.y1 = lab->y + lab->h;
		for (i = 0; i < s->nparts; i++)
		{
			pal_poly	p;

			if (s->parts[i].region != r || L->part_frame[i] != lab->frame)
				continue;
			p = pal_map_part_poly(L, &s->parts[i]);
			inside |= pal_poly_contains(&p, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2) &&
				!pal_poly_edges_meet_box(&p, &b);
		}
		if (!inside)
			abort();
		for (q = 0; q < r; q++)
		{
			const pal_map_label *o = &L->labels[q];

			if (o->frame >= 0 && lab->x < o->x + o->w && o->x < lab->x + lab->w &&
				lab->y < o->y + o->h && o->y < lab->y + lab->h)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *e[4];
	size_t		l[4];
	double		em[4] = {1, 2, 3, 4};
	int			n = 0;
	size_t		pos = 0;
	pal_map_shapes s;
	pal_map_layout L;
	pal_map_options o = {1000, 1000, 12};
	pal_error	err;

	while (n < 4 && size - pos >= 2)
	{
		size_t		len = (size_t) data[pos] | (size_t) data[pos + 1] << 8;

		pos += 2;
		if (len > size - pos)
			len = size - pos;
		e[n] = data + pos;
		l[n++] = len;
		pos += len;
	}
	if (pal_map_shapes_read(&s, n, e, l, &pal_malloc_allocator, &err) != PAL_OK)
		return 0;
	if (pal_map_layout_compute(&s, em, &o, &pal_malloc_allocator, &L, &err) == PAL_OK)
	{
		check(&s, &L);
		pal_map_layout_free(&L, &pal_malloc_allocator);
	}
	pal_map_shapes_free(&s, &pal_malloc_allocator);
	return 0;
}
