/*
 * flow.c
 *	  Minimum-cost maximum flow of a bipartite transportation problem by a
 *	  primal network simplex (see flow.h for the model).
 *
 * Nodes: cells 0 .. n-1, facilities n .. n+m-1, Y = n+m, Z = n+m+1 (the
 * root).  Arcs: pair p (0 .. npairs-1) from its cell to its facility;
 * penalty arc pen0 + i from cell i to Z; yj0 + j from Y to facility j; yz
 * from Y to Z.  A cell without demand or a facility without capacity takes
 * no part: it is left out of the tree and its arcs never enter.
 *
 * The spanning tree is kept as parent pointers with child lists, a depth
 * per node (to find where the two paths of a cycle meet), the arc to the
 * parent (pred), its direction (UP: from the node to its parent), the flow
 * on it and its cost, packed per node so that walking the tree touches one
 * cache line a node.  Potentials are pairs (side, pi), in their own array
 * (pricing reads them for every pair): side is the count part of the
 * lexicographic cost, 0 or -1 (a node whose path to the root runs through a
 * penalty arc), pi the cost part.  The reduced cost of an arc u -> v is
 * c + potential(u) - potential(v); tree arcs have 0.
 *
 * Pricing is LEMON's block search: arcs are scanned from where the last
 * search stopped, a block of about sqrt(arcs) at a time, and the most
 * negative reduced cost of the first block that has one enters.  The flow
 * is optimal when a scan of every arc finds none.
 */
#include "engine/flow.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#define NONE			UINT32_MAX
#define UP				1
#define DOWN			(-1)
#define SIDE_INACTIVE	(-2)
/* pivots between interrupt checks */
#define FLOW_INTERRUPT_PIVOTS 64
/* pairs between interrupt checks in the linear passes */
#define FLOW_INTERRUPT_PAIRS (1u << 16)
/* most cost buckets of the first basis */
#define FLOW_MAX_BUCKETS (1u << 20)
/* largest cost: potentials, sums of up to 2^32 costs, stay finite */
#define FLOW_MAX_COST 1e290
/* reduced costs above -FLOW_EPS * (largest cost) count as zero */
#define FLOW_EPS 1e-11

typedef struct tnode
{
	uint32_t	parent,
				pred,
				depth,
				child,
				next,
				prev;
	int32_t		dir;
	double		flow;			/* on pred */
	double		pcost;			/* cost part of pred's cost */
} tnode;

typedef struct potential
{
	double		pi;
	int32_t		side;
} potential;

typedef struct ns
{
	const pal_pairs *g;
	const double *P,
			   *S;
	uint32_t	n,
				m,
				nnodes,
				Y,
				Z;
	uint32_t	npairs,
				pen0,
				yj0,
				yz,
				narcs;
	tnode	   *t;
	potential  *pot;
	double		cmax,
				eps;
	uint32_t	block,
				cursor;
	size_t		cursor_row;
	pal_allocator alloc;
	pal_flow_stats stats;
} ns;

typedef struct entering
{
	uint32_t	arc,
				src,
				tgt;
	int			rc_side;
	double		rc_pi;
} entering;

/* cost part of an arc's cost (the count part is 1 for penalty arcs only) */
static inline double
arc_cost(const ns *s, uint32_t a)
{
	return a < s->npairs ? s->g->cost[a] : 0.0;
}

static inline int
active(const ns *s, uint32_t x)
{
	return s->pot[x].side != SIDE_INACTIVE;
}

/* ---- tree ------------------------------------------------------------- */

static inline void
detach(ns *s, uint32_t x)
{
	tnode	   *t = s->t;
	uint32_t	p = t[x].parent;

	if (p == NONE)
		return;
	if (t[x].prev != NONE)
		t[t[x].prev].next = t[x].next;
	else
		t[p].child = t[x].next;
	if (t[x].next != NONE)
		t[t[x].next].prev = t[x].prev;
}

static inline void
attach(ns *s, uint32_t x, uint32_t p)
{
	tnode	   *t = s->t;

	t[x].parent = p;
	t[x].prev = NONE;
	t[x].next = t[p].child;
	if (t[p].child != NONE)
		t[t[p].child].prev = x;
	t[p].child = x;
}

/* set x's arc to its parent */
static inline void
set_pred(ns *s, uint32_t x, uint32_t parent, uint32_t a, int dir, double flow)
{
	s->t[x].parent = parent;
	s->t[x].pred = a;
	s->t[x].dir = dir;
	s->t[x].flow = flow;
	s->t[x].pcost = arc_cost(s, a);
}

/*
 * Depth and potentials of x from its parent and the arc to it.  The count
 * part of an arc's cost is 1 only for penalty arcs, whose parent is Z.
 */
static inline void
settle(ns *s, uint32_t x)
{
	tnode	   *t = s->t;
	uint32_t	p = t[x].parent;
	int			cs = (p == s->Z && x < s->n) ? 1 : 0;

	t[x].depth = t[p].depth + 1;
	if (t[x].dir == UP)
	{
		s->pot[x].side = s->pot[p].side - cs;
		s->pot[x].pi = s->pot[p].pi - t[x].pcost;
	}
	else
	{
		s->pot[x].side = s->pot[p].side + cs;
		s->pot[x].pi = s->pot[p].pi + t[x].pcost;
	}
}

/* settle every node of the subtree of r, parents first */
static void
settle_subtree(ns *s, uint32_t r)
{
	const tnode *t = s->t;
	uint32_t	x = r;
	uint64_t	k = 1;

	settle(s, x);
	for (;;)
	{
		if (t[x].child != NONE)
		{
			x = t[x].child;
			settle(s, x);
			k++;
			continue;
		}
		while (x != r && t[x].next == NONE)
			x = t[x].parent;
		if (x == r)
			break;
		x = t[x].next;
		settle(s, x);
		k++;
	}
	s->stats.settled += k;
}

/* ---- the first basis: least-cost rule --------------------------------- */

/*
 * Active pairs (both ends active) in order of cost buckets, by a counting
 * sort: ord_arc/ord_row (allocated here) hold the pair and its row.
 */
static pal_status
order_pairs(ns *s, uint32_t **ord_arc, uint32_t **ord_row, uint32_t *count,
			pal_error *err)
{
	const pal_pairs *g = s->g;
	uint32_t   *cnt,
				nb,
				i,
				total = 0;
	size_t		p;
	double		scale;

	*ord_arc = *ord_row = NULL;
	for (i = 0; i < s->n; i++)
		if (active(s, i))
			for (p = g->start[i]; p < g->start[i + 1]; p++)
				if (active(s, s->n + g->col[p]))
					total++;
	nb = total / 4;
	nb = nb < 1 ? 1 : (nb > FLOW_MAX_BUCKETS ? FLOW_MAX_BUCKETS : nb);
	scale = s->cmax > 0.0 ? (double) (nb - 1) / s->cmax : 0.0;
	cnt = pal_alloc_array(&s->alloc, (size_t) nb + 1, sizeof(uint32_t));
	*ord_arc = pal_alloc_array(&s->alloc, total, sizeof(uint32_t));
	*ord_row = pal_alloc_array(&s->alloc, total, sizeof(uint32_t));
	if (!cnt || !*ord_arc || !*ord_row)
	{
		pal_release(&s->alloc, cnt);
		pal_release(&s->alloc, *ord_arc);
		pal_release(&s->alloc, *ord_row);
		*ord_arc = *ord_row = NULL;
		return pal_error_nomem(err);
	}
	memset(cnt, 0, ((size_t) nb + 1) * sizeof(uint32_t));
	for (i = 0; i < s->n; i++)
		if (active(s, i))
			for (p = g->start[i]; p < g->start[i + 1]; p++)
				if (active(s, s->n + g->col[p]))
					cnt[(uint32_t) (g->cost[p] * scale) + 1]++;
	for (i = 0; i < nb; i++)
		cnt[i + 1] += cnt[i];
	for (i = 0; i < s->n; i++)
	{
		if (i % 4096 == 0 && pal_interrupted(&s->alloc))
		{
			pal_release(&s->alloc, cnt);
			pal_release(&s->alloc, *ord_arc);
			pal_release(&s->alloc, *ord_row);
			*ord_arc = *ord_row = NULL;
			return pal_error_interrupted(err);
		}
		if (active(s, i))
			for (p = g->start[i]; p < g->start[i + 1]; p++)
				if (active(s, s->n + g->col[p]))
				{
					uint32_t	k = cnt[(uint32_t) (g->cost[p] * scale)]++;

					(*ord_arc)[k] = (uint32_t) p;
					(*ord_row)[k] = i;
				}
	}
	pal_release(&s->alloc, cnt);
	*count = total;
	return PAL_OK;
}

/* unserved demand to Z, unused capacity from Y, Y to Z: the rest */
static void
slack_basis(ns *s, const double *rem)
{
	double		used = 0.0;
	uint32_t	k;

	for (k = 0; k < s->n + s->m; k++)
	{
		if (!active(s, k) || s->t[k].parent != NONE)
			continue;
		if (k < s->n)
			set_pred(s, k, s->Z, s->pen0 + k, UP, rem[k]);
		else
			set_pred(s, k, s->Y, s->yj0 + (k - s->n), DOWN, rem[k]);
	}
	for (k = 0; k < s->m; k++)
		if (active(s, s->n + k))
			used += s->S[k] - rem[s->n + k];
	set_pred(s, s->Y, s->Z, s->yz, UP, used > 0.0 ? used : 0.0);
}

/*
 * Pairs by increasing cost, each carrying min(what its cell has left, what
 * its facility can still take); the end that runs out leaves as a child of
 * the other (the facility when both do), so that every tree arc without
 * flow points towards the root: a strongly feasible basis.  What is left
 * goes to the slack arcs.  elim receives the nodes in the order they left.
 */
static pal_status
greedy(ns *s, uint32_t *elim, uint32_t *nelim, pal_error *err)
{
	uint32_t   *ord_arc,
			   *ord_row,
				count = 0,
				k,
				ne = 0;
	double	   *rem;
	pal_status	st;

	st = order_pairs(s, &ord_arc, &ord_row, &count, err);
	if (st != PAL_OK)
		return st;
	rem = pal_alloc_array(&s->alloc, s->nnodes, sizeof(double));
	if (!rem)
	{
		pal_release(&s->alloc, ord_arc);
		pal_release(&s->alloc, ord_row);
		return pal_error_nomem(err);
	}
	for (k = 0; k < s->n; k++)
		rem[k] = s->P[k];
	for (k = 0; k < s->m; k++)
		rem[s->n + k] = s->S[k];
	for (k = 0; k < count; k++)
	{
		uint32_t	p = ord_arc[k],
					i = ord_row[k],
					j = s->n + s->g->col[p],
					x;

		if (k % FLOW_INTERRUPT_PAIRS == 0 && pal_interrupted(&s->alloc))
		{
			st = pal_error_interrupted(err);
			break;
		}
		if (s->t[i].parent != NONE || s->t[j].parent != NONE)
			continue;
		if (rem[j] <= rem[i])
		{
			set_pred(s, j, i, p, DOWN, rem[j]);
			rem[i] -= rem[j];
			rem[j] = 0.0;
			x = j;
		}
		else
		{
			set_pred(s, i, j, p, UP, rem[i]);
			rem[j] -= rem[i];
			rem[i] = 0.0;
			x = i;
		}
		elim[ne++] = x;
		if (s->t[x].flow > 0.0)
			s->stats.initial_pairs++;
	}
	if (st == PAL_OK)
		slack_basis(s, rem);
	pal_release(&s->alloc, ord_arc);
	pal_release(&s->alloc, ord_row);
	pal_release(&s->alloc, rem);
	*nelim = ne;
	return st;
}

/*
 * Link the tree: child lists, depths and potentials, parents before their
 * children (Z, Y, the nodes left at the end, then the eliminated nodes
 * from the last to the first).
 */
static void
link_tree(ns *s, const uint32_t *elim, uint32_t ne)
{
	uint32_t	k,
				x;

	s->t[s->Z].depth = 0;
	s->t[s->Z].parent = NONE;
	s->pot[s->Z].side = 0;
	s->pot[s->Z].pi = 0.0;
	attach(s, s->Y, s->Z);
	settle(s, s->Y);
	for (x = 0; x < s->n + s->m; x++)
		if (active(s, x) && (s->t[x].parent == s->Z || s->t[x].parent == s->Y))
		{
			attach(s, x, s->t[x].parent);
			settle(s, x);
		}
	for (k = ne; k > 0; k--)
	{
		x = elim[k - 1];
		attach(s, x, s->t[x].parent);
		settle(s, x);
	}
}

/* ---- pricing ---------------------------------------------------------- */

/* the best candidate of a search so far */
typedef struct search
{
	int			side;
	double		pi;
	uint32_t	arc,
				src,
				tgt;
} search;

static inline void
consider(search *b, int A, double B, uint32_t arc, uint32_t src, uint32_t tgt)
{
	if (A < b->side || (A == b->side && B < b->pi))
	{
		b->side = A;
		b->pi = B;
		b->arc = arc;
		b->src = src;
		b->tgt = tgt;
	}
}

/* pairs lo .. hi of row i */
static inline void
price_row(const ns *s, search *b, uint32_t i, size_t lo, size_t hi)
{
	const uint32_t *col = s->g->col;
	const double *cost = s->g->cost;
	const potential *fp = s->pot + s->n;
	int			sr = s->pot[i].side;
	double		pr = s->pot[i].pi;
	size_t		p;

	for (p = lo; p < hi; p++)
	{
		const potential *q = &fp[col[p]];
		int			A = sr - q->side;

		if (A > b->side)
			continue;
		consider(b, A, cost[p] + pr - q->pi, (uint32_t) p, i, s->n + col[p]);
	}
}

/* slack arcs lo .. hi */
static void
price_slack(const ns *s, search *b, uint32_t lo, uint32_t hi)
{
	uint32_t	a;

	for (a = lo; a < hi; a++)
	{
		uint32_t	u,
					v;
		int			cs = 0;

		if (a < s->yj0)
		{
			u = a - s->pen0;
			v = s->Z;
			cs = 1;
		}
		else if (a < s->yz)
		{
			u = s->Y;
			v = s->n + (a - s->yj0);
		}
		else
		{
			u = s->Y;
			v = s->Z;
		}
		if (!active(s, u) || !active(s, v))
			continue;
		consider(b, cs + s->pot[u].side - s->pot[v].side,
				 s->pot[u].pi - s->pot[v].pi, a, u, v);
	}
}

static int
found(const search *b, entering *e)
{
	if (b->arc == NONE)
		return 0;
	e->arc = b->arc;
	e->src = b->src;
	e->tgt = b->tgt;
	e->rc_side = b->side;
	e->rc_pi = b->pi;
	return 1;
}

/*
 * Block search over every arc from the cursor: the most negative reduced
 * cost of the first block that has one (0: none anywhere).
 */
static int
price(ns *s, entering *e)
{
	const size_t *start = s->g->start;
	uint32_t	a = s->cursor;
	size_t		row = s->cursor_row;
	uint64_t	scanned = 0,
				inblock = 0;
	search		b = {0, -s->eps, NONE, 0, 0};

	while (scanned < s->narcs)
	{
		uint32_t	end;

		if (a < s->npairs)
		{
			while (start[row + 1] <= a)
				row++;
			end = (uint32_t) start[row + 1];
			if (active(s, (uint32_t) row))
				price_row(s, &b, (uint32_t) row, a, end);
			row++;
		}
		else
		{
			end = s->narcs - a > s->block ? a + s->block : s->narcs;
			price_slack(s, &b, a, end);
		}
		scanned += end - a;
		inblock += end - a;
		a = end;
		if (a >= s->narcs)
		{
			a = 0;
			row = 0;
		}
		if (inblock >= s->block)
		{
			if (b.arc != NONE)
				break;
			inblock = 0;
		}
	}
	s->cursor = a;
	s->cursor_row = row;
	s->stats.scanned += scanned;
	return found(&b, e);
}

/* ---- pivoting --------------------------------------------------------- */

/*
 * Re-hang the stem u_in .. u_out below v_in: the entering arc becomes the
 * arc of u_in, each stem node's old arc that of its old parent, and the
 * leaving arc (u_out's) goes.
 */
static void
rehang(ns *s, const entering *e, uint32_t u_in, uint32_t v_in, uint32_t u_out,
	   double delta)
{
	tnode	   *t = s->t;
	uint32_t	x = u_in,
				np = v_in,
				npred = e->arc;
	int			ndir = (u_in == e->src) ? UP : DOWN;
	double		nflow = delta,
				ncost = arc_cost(s, e->arc);

	for (;;)
	{
		uint32_t	op = t[x].parent,
					opred = t[x].pred;
		int			odir = t[x].dir;
		double		oflow = t[x].flow,
					ocost = t[x].pcost;

		detach(s, x);
		attach(s, x, np);
		t[x].pred = npred;
		t[x].pcost = ncost;
		t[x].dir = ndir;
		t[x].flow = nflow;
		if (x == u_out)
			break;
		np = x;
		npred = opred;
		ncost = ocost;
		ndir = -odir;
		nflow = oflow;
		x = op;
	}
}

/* one pivot on the entering arc e */
static pal_status
pivot(ns *s, const entering *e, pal_error *err)
{
	tnode	   *t = s->t;
	uint32_t	a = e->src,
				b = e->tgt,
				join,
				x,
				u_out = NONE;
	double		delta = INFINITY;
	int			first = 0;

	while (a != b)
	{
		if (t[a].depth >= t[b].depth)
			a = t[a].parent;
		else
			b = t[b].parent;
	}
	join = a;
	/*
	 * The cycle runs along e from src to tgt, then up from tgt to join and
	 * down from join to src.  Arcs against that direction lose flow; the
	 * leaving arc is the last of them met from join (strict on the src
	 * side, not strict on the tgt side), which keeps the tree strongly
	 * feasible.
	 */
	for (x = e->src; x != join; x = t[x].parent)
		if (t[x].dir == UP && t[x].flow < delta)
		{
			delta = t[x].flow;
			u_out = x;
			first = 1;
		}
	for (x = e->tgt; x != join; x = t[x].parent)
		if (t[x].dir == DOWN && t[x].flow <= delta)
		{
			delta = t[x].flow;
			u_out = x;
			first = 0;
		}
	if (u_out == NONE)
		return pal_error_set(err, PAL_ERR_VALUE,
							 "capacity allocation: unbounded cycle through arc %" PRIu32,
							 e->arc);
	if (delta > 0.0)
	{
		for (x = e->src; x != join; x = t[x].parent)
			t[x].flow += t[x].dir == UP ? -delta : delta;
		for (x = e->tgt; x != join; x = t[x].parent)
			t[x].flow += t[x].dir == UP ? delta : -delta;
	}
	else
		s->stats.degenerate++;
	t[u_out].flow = 0.0;
	if (first)
	{
		rehang(s, e, e->src, e->tgt, u_out, delta);
		settle_subtree(s, e->src);
	}
	else
	{
		rehang(s, e, e->tgt, e->src, u_out, delta);
		settle_subtree(s, e->tgt);
	}
	s->stats.pivots++;
	return PAL_OK;
}

/* pivot until no arc has a negative reduced cost */
static pal_status
iterate(ns *s, pal_error *err)
{
	entering	e;
	pal_status	st = PAL_OK;

	while (st == PAL_OK)
	{
		if (s->stats.pivots % FLOW_INTERRUPT_PIVOTS == 0 &&
			pal_interrupted(&s->alloc))
			return pal_error_interrupted(err);
		if (!price(s, &e))
			break;
		st = pivot(s, &e, err);
	}
	return st;
}

/* ---- driver ----------------------------------------------------------- */

static void
ns_free(ns *s)
{
	pal_release(&s->alloc, s->t);
	pal_release(&s->alloc, s->pot);
	s->t = NULL;
	s->pot = NULL;
}

static pal_status
ns_sizes(ns *s, const pal_pairs *g, pal_error *err)
{
	uint64_t	narcs = (uint64_t) g->npairs + g->nrows + g->ncols + 1;

	if (narcs >= NONE || (uint64_t) g->nrows + g->ncols + 2 >= NONE)
	{
		pal_error_set(err, PAL_ERR_VALUE,
					  "too many pairs for the capacity allocation: %zu", g->npairs);
		pal_error_detail(err, "At most about 4 billion pairs within reach can be allocated at once.");
		return PAL_ERR_VALUE;
	}
	s->n = (uint32_t) g->nrows;
	s->m = (uint32_t) g->ncols;
	s->Y = s->n + s->m;
	s->Z = s->Y + 1;
	s->nnodes = s->Z + 1;
	s->npairs = (uint32_t) g->npairs;
	s->pen0 = s->npairs;
	s->yj0 = s->pen0 + s->n;
	s->yz = s->yj0 + s->m;
	s->narcs = (uint32_t) narcs;
	s->block = (uint32_t) sqrt((double) narcs);
	if (s->block < 64)
		s->block = 64;
	return PAL_OK;
}

static pal_status
ns_init(ns *s, const pal_pairs *g, const double *P, const double *S,
		const pal_allocator *alloc, pal_error *err)
{
	size_t		k;
	double		sum_p = 0.0,
				sum_s = 0.0;
	pal_status	st;

	memset(s, 0, sizeof(*s));
	s->alloc = *alloc;
	s->g = g;
	s->P = P;
	s->S = S;
	st = ns_sizes(s, g, err);
	if (st != PAL_OK)
		return st;
	s->t = pal_alloc_array(alloc, s->nnodes, sizeof(tnode));
	s->pot = pal_alloc_array(alloc, s->nnodes, sizeof(potential));
	if (!s->t || !s->pot)
	{
		ns_free(s);
		return pal_error_nomem(err);
	}
	for (k = 0; k < s->nnodes; k++)
	{
		tnode	   *x = &s->t[k];

		x->parent = x->pred = x->child = x->next = x->prev = NONE;
		x->depth = 0;
		x->dir = UP;
		x->flow = x->pcost = 0.0;
		s->pot[k].pi = 0.0;
		s->pot[k].side = 0;
	}
	for (k = 0; k < s->n; k++)
	{
		if (!(P[k] > 0.0))
			s->pot[k].side = SIDE_INACTIVE;
		sum_p += P[k];
	}
	for (k = 0; k < s->m; k++)
	{
		if (!(S[k] > 0.0))
			s->pot[s->n + k].side = SIDE_INACTIVE;
		sum_s += S[k];
	}
	if (!isfinite(sum_p) || !isfinite(sum_s))
	{
		ns_free(s);
		pal_error_set(err, PAL_ERR_RANGE, "total %s is too large for the capacity allocation",
					  isfinite(sum_p) ? "capacity" : "demand");
		pal_error_detail(err, "The sum of the amounts overflows a double precision number.");
		return PAL_ERR_RANGE;
	}
	for (k = 0; k < g->npairs; k++)
		if (g->cost[k] > s->cmax)
			s->cmax = g->cost[k];
	s->eps = FLOW_EPS * s->cmax;
	return PAL_OK;
}

/* served, load, flows and totals from the tree */
static void
extract(ns *s, double *served, double *load, double *flow)
{
	uint32_t	u;
	size_t		k;
	double		cost = 0.0,
				total = 0.0;

	memset(served, 0, s->n * sizeof(double));
	memset(load, 0, s->m * sizeof(double));
	if (flow)
		memset(flow, 0, s->npairs * sizeof(double));
	for (u = 0; u < s->n + s->m; u++)
	{
		const tnode *x = &s->t[u];
		uint32_t	cell,
					fac;

		if (!active(s, u) || x->pred >= s->npairs)
			continue;
		cell = u < s->n ? u : x->parent;
		fac = (u < s->n ? x->parent : u) - s->n;
		served[cell] += x->flow;
		load[fac] += x->flow;
		cost += x->flow * x->pcost;
		if (flow)
			flow[x->pred] = x->flow;
	}
	for (k = 0; k < s->n; k++)
	{
		if (served[k] > s->P[k])
			served[k] = s->P[k];
		total += served[k];
	}
	for (k = 0; k < s->m; k++)
		if (load[k] > s->S[k])
			load[k] = s->S[k];
	s->stats.served = total;
	s->stats.cost = cost;
}

static pal_status
check_pairs(const pal_pairs *g, pal_error *err)
{
	size_t		i,
				p;

	if (g->start[0] != 0 || g->start[g->nrows] != g->npairs)
		return pal_error_set(err, PAL_ERR_VALUE, "capacity allocation: malformed pair list");
	for (i = 0; i < g->nrows; i++)
		if (g->start[i + 1] < g->start[i])
			return pal_error_set(err, PAL_ERR_VALUE, "capacity allocation: malformed pair list");
	for (p = 0; p < g->npairs; p++)
	{
		if (g->col[p] >= g->ncols || !isfinite(g->cost[p]) || g->cost[p] < 0.0)
			return pal_error_set(err, PAL_ERR_VALUE,
								 "capacity allocation: pair %zu has an invalid column or cost", p);
		if (g->cost[p] > FLOW_MAX_COST)
		{
			pal_error_set(err, PAL_ERR_RANGE,
						  "cost %g is too large for the capacity allocation", g->cost[p]);
			pal_error_detail(err, "Costs above %g could overflow the sums the allocation works with.", FLOW_MAX_COST);
			pal_error_hint(err, "Express costs in a larger unit.");
			return PAL_ERR_RANGE;
		}
	}
	return PAL_OK;
}

pal_status
pal_flow_solve(const pal_pairs *g, const double *demand, const double *capacity,
			   double *served, double *load, double *flow,
			   pal_flow_stats *stats, const pal_allocator *alloc,
			   pal_error *err)
{
	ns			s;
	uint32_t   *elim,
				ne = 0;
	pal_status	st;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	st = check_pairs(g, err);
	if (st != PAL_OK)
		return st;
	st = ns_init(&s, g, demand, capacity, alloc, err);
	if (st != PAL_OK)
		return st;
	elim = pal_alloc_array(alloc, s.nnodes, sizeof(uint32_t));
	if (!elim)
	{
		ns_free(&s);
		return pal_error_nomem(err);
	}
	st = greedy(&s, elim, &ne, err);
	if (st == PAL_OK)
		link_tree(&s, elim, ne);
	pal_release(alloc, elim);
	if (st == PAL_OK)
		st = iterate(&s, err);
	if (st == PAL_OK)
	{
		extract(&s, served, load, flow);
		if (stats)
			*stats = s.stats;
	}
	ns_free(&s);
	return st;
}

int
pal_flow_check(const pal_pairs *g, const double *demand,
			   const double *capacity, const double *flow, double tol,
			   const pal_allocator *alloc, pal_error *err)
{
	size_t		i,
				p;
	int			bad = 0;
	double	   *colsum = pal_alloc_array(alloc, g->ncols, sizeof(double));

	if (!colsum)
	{
		pal_error_nomem(err);
		return 1;
	}
	memset(colsum, 0, g->ncols * sizeof(double));
	for (i = 0; i < g->nrows && !bad; i++)
	{
		double		rs = 0.0;

		for (p = g->start[i]; p < g->start[i + 1]; p++)
		{
			if (!(flow[p] >= 0.0))
			{
				pal_error_set(err, PAL_ERR_VALUE, "pair %zu has flow %g", p, flow[p]);
				bad = 1;
			}
			rs += flow[p];
			colsum[g->col[p]] += flow[p];
		}
		if (rs > demand[i] * (1.0 + tol) + tol)
		{
			pal_error_set(err, PAL_ERR_VALUE, "row %zu sends %.17g of %.17g", i, rs, demand[i]);
			bad = 1;
		}
	}
	for (p = 0; p < g->ncols && !bad; p++)
		if (colsum[p] > capacity[p] * (1.0 + tol) + tol)
		{
			pal_error_set(err, PAL_ERR_VALUE, "column %zu takes %.17g of %.17g", p, colsum[p], capacity[p]);
			bad = 1;
		}
	pal_release(alloc, colsum);
	return bad;
}

void
pal_pairs_free(pal_pairs *g, const pal_allocator *alloc)
{
	pal_release(alloc, g->start);
	pal_release(alloc, g->col);
	pal_release(alloc, g->cost);
	memset(g, 0, sizeof(*g));
}
