/*
 * svg.c
 *	  What the report writes from a layout: the SVG path of a region in a
 *	  frame, its polygons on the canvas as EWKB, and the estimated width of
 *	  a label's text.
 */
#include "map/map_int.h"
#include "types/ewkb.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* the next code point of UTF-8 text; an invalid byte reads as one unknown character */
static uint32_t
next_code_point(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	int			n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
	uint32_t	cp;
	int			k;

	/* a lead byte needs its n continuation bytes before the end */
	if (n < 0 || len - *i <= (size_t) n)
	{
		(*i)++;
		return 0xfffd;
	}
	cp = n == 0 ? c : (uint32_t) (c & (0x3f >> n));
	for (k = 1; k <= n; k++)
	{
		if ((s[*i + (size_t) k] & 0xc0) != 0x80)
		{
			(*i)++;
			return 0xfffd;
		}
		cp = (cp << 6) | (s[*i + (size_t) k] & 0x3f);
	}
	*i += (size_t) n + 1;
	return cp;
}

static double
code_point_em(uint32_t c)
{
	if (c < 0x80)
	{
		if (c == ' ')
			return 0.25;
		if (strchr("il.,:;'|!`", (int) c) != NULL)
			return 0.3;
		if (strchr("MWmw@%", (int) c) != NULL)
			return 0.9;
		if (c >= 'A' && c <= 'Z')
			return 0.7;
		return 0.6;
	}
	if (c >= 0xff61 && c <= 0xff9f)
		return 0.5;				/* halfwidth katakana */
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
		(c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
		(c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
		(c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 || c == 0xfffd)
		return 1.0;				/* wide: CJK, kana, fullwidth forms */
	return 0.7;
}

double
pal_map_text_em(const char *text, size_t len)
{
	double		em = 0.0;
	size_t		i = 0;

	while (i < len)
		em += code_point_em(next_code_point((const unsigned char *) text, len, &i));
	return em;
}

/* a growing text buffer */
typedef struct strbuf
{
	char	   *data;
	size_t		len,
				cap;
	const pal_allocator *a;
	int			failed;
} strbuf;

static void
sb_reserve(strbuf *b, size_t more)
{
	size_t		need,
				cap;
	char	   *d;

	if (b->failed || pal_add_size(b->len, more + 1, &need))
	{
		b->failed = 1;
		return;
	}
	if (need <= b->cap)
		return;
	cap = b->cap < 256 ? 256 : b->cap;
	while (cap < need)
	{
		if (cap > SIZE_MAX / 2)
		{
			b->failed = 1;
			return;
		}
		cap *= 2;
	}
	d = b->a->alloc(b->a->ctx, cap);
	if (d == NULL)
	{
		b->failed = 1;
		return;
	}
	if (b->len > 0)
		memcpy(d, b->data, b->len);
	pal_release(b->a, b->data);
	b->data = d;
	b->cap = cap;
}

/* one coordinate, one decimal, no "-0.0" */
static void
sb_coord(strbuf *b, char cmd, double x, double y)
{
	double		rx = round(x * 10) / 10,
				ry = round(y * 10) / 10;

	sb_reserve(b, 64);
	if (b->failed)
		return;
	b->len += (size_t) snprintf(b->data + b->len, 64, "%c%.1f %.1f", cmd,
								rx == 0.0 ? 0.0 : rx, ry == 0.0 ? 0.0 : ry);
}

pal_status
pal_map_path(const pal_map_shapes *s, const pal_map_layout *L, int region, int frame,
			 const pal_allocator *a, char **out, size_t *outlen, pal_error *err)
{
	strbuf		b = {NULL, 0, 0, a, 0};
	size_t		i,
				r,
				k;

	for (i = 0; i < s->nparts; i++)
	{
		const pal_map_part *p = &s->parts[i];

		if (p->region != region || L->part_frame[i] != frame)
			continue;
		for (r = p->ring0; r < p->ring0 + p->nrings; r++)
		{
			for (k = L->ring_kept[r]; k < L->ring_kept[r + 1]; k++)
				sb_coord(&b, k == L->ring_kept[r] ? 'M' : 'L', L->cxy[2 * k], L->cxy[2 * k + 1]);
			sb_reserve(&b, 1);
			if (!b.failed)
				b.data[b.len++] = 'Z';
		}
	}
	sb_reserve(&b, 0);
	if (b.failed)
	{
		pal_release(a, b.data);
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory writing the map's paths");
	}
	b.data[b.len] = '\0';
	*out = b.data;
	*outlen = b.len;
	return PAL_OK;
}

pal_status
pal_map_canvas_ewkb(const pal_map_shapes *s, const pal_map_layout *L, int region, int frame,
					const pal_allocator *a, uint8_t **out, size_t *outlen, pal_error *err)
{
	const pal_map_frame *f = &L->frames[frame];
	size_t		i,
				r,
				k,
				npolys = 0,
				size = 9;
	uint8_t    *p;

	*out = NULL;
	*outlen = 0;
	for (i = 0; i < s->nparts; i++)
	{
		const pal_map_part *part = &s->parts[i];

		if (part->region != region || L->part_frame[i] != frame)
			continue;
		npolys++;
		size += 9 + 4 * part->nrings +
			16 * (s->ring_point[part->ring0 + part->nrings] - s->ring_point[part->ring0]);
	}
	if (npolys == 0)
		return PAL_OK;
	if (npolys > UINT32_MAX)
		return pal_error_set(err, PAL_ERR_RANGE, "the map has too many polygons");
	p = *out = pal_alloc_array(a, size, 1);
	if (p == NULL)
		return pal_error_set(err, PAL_ERR_NOMEM, "out of memory writing the map's polygons");
	*p++ = 1;
	p = pal_ewkb_put_u32(p, PAL_WKB_MULTIPOLYGON);
	p = pal_ewkb_put_u32(p, (uint32_t) npolys);
	for (i = 0; i < s->nparts; i++)
	{
		const pal_map_part *part = &s->parts[i];

		if (part->region != region || L->part_frame[i] != frame)
			continue;
		*p++ = 1;
		p = pal_ewkb_put_u32(p, PAL_WKB_POLYGON);
		p = pal_ewkb_put_u32(p, (uint32_t) part->nrings);
		for (r = part->ring0; r < part->ring0 + part->nrings; r++)
		{
			p = pal_ewkb_put_u32(p, (uint32_t) (s->ring_point[r + 1] - s->ring_point[r]));
			for (k = s->ring_point[r]; k < s->ring_point[r + 1]; k++)
			{
				p = pal_ewkb_put_f64(p, f->tx + s->xy[2 * k] * f->kx * f->scale);
				p = pal_ewkb_put_f64(p, f->ty - s->xy[2 * k + 1] * f->scale);
			}
		}
	}
	*outlen = (size_t) (p - *out);
	return PAL_OK;
}
