/*
 * flow_reference.h
 *	  An independent reference of the minimum-cost maximum flow for the
 *	  unit tests: successive shortest paths with Bellman-Ford on the dense
 *	  residual graph of a small problem.
 */
#ifndef PAL_FLOW_REFERENCE_H
#define PAL_FLOW_REFERENCE_H

#include <math.h>

#include "engine/flow.h"

#define REF_MAXN 64
#define cap(a, b) capm[(size_t) (a) * N + (b)]
#define cost(a, b) costm[(size_t) (a) * N + (b)]

/*
 * Min-cost max-flow on the dense graph s -> cells -> facilities -> t by
 * successive shortest paths (Bellman-Ford, ties by fewer arcs), real
 * capacities.  Costs must be whole numbers, so that path lengths are exact
 * and no rounding makes a cycle look negative.  Returns the flow and the
 * cost.
 */
static void
flow_reference(const pal_pairs *g, const double *P, const double *S,
			   double *out_flow, double *out_cost)
{
	int			n = (int) g->nrows,
				m = (int) g->ncols,
				N = n + m + 2,
				s = n + m,
				t = n + m + 1;
	double	   *capm = calloc((size_t) N * N, sizeof(double)),
			   *costm = calloc((size_t) N * N, sizeof(double));
	double		flow = 0.0,
				total = 0.0;
	int			i,
				j,
				iter;
	size_t		p;

	assert_true(N <= REF_MAXN);
	for (i = 0; i < n; i++)
	{
		cap(s, i) = P[i];
		for (p = g->start[i]; p < g->start[i + 1]; p++)
		{
			j = n + (int) g->col[p];
			cap(i, j) = INFINITY;
			cost(i, j) = g->cost[p];
			cost(j, i) = -g->cost[p];
		}
	}
	for (j = 0; j < m; j++)
		cap(n + j, t) = S[j];
	for (iter = 0; iter < 10000; iter++)
	{
		double		dist[REF_MAXN];
		int			hops[REF_MAXN],
					from[REF_MAXN],
					round,
					changed = 1,
					v;
		double		bott = INFINITY;

		for (i = 0; i < N; i++)
		{
			dist[i] = INFINITY;
			hops[i] = 0;
			from[i] = -1;
		}
		dist[s] = 0.0;
		for (round = 0; round < N && changed; round++)
		{
			changed = 0;
			for (i = 0; i < N; i++)
			{
				if (dist[i] == INFINITY)
					continue;
				for (j = 0; j < N; j++)
				{
					double		d;

					if (!(cap(i, j) > 1e-12))
						continue;
					d = dist[i] + cost(i, j);
					if (d < dist[j] || (d == dist[j] && hops[i] + 1 < hops[j]))
					{
						dist[j] = d;
						hops[j] = hops[i] + 1;
						from[j] = i;
						changed = 1;
					}
				}
			}
		}
		if (dist[t] == INFINITY)
			break;
		for (v = t; v != s; v = from[v])
			if (cap(from[v], v) < bott)
				bott = cap(from[v], v);
		for (v = t; v != s; v = from[v])
		{
			cap(from[v], v) -= bott;
			if (cap(v, from[v]) != INFINITY)
				cap(v, from[v]) += bott;
			total += bott * cost(from[v], v);
		}
		flow += bott;
	}
	assert_true(iter < 10000);
	free(capm);
	free(costm);
	*out_flow = flow;
	*out_cost = total;
}

#undef cap
#undef cost

#endif							/* PAL_FLOW_REFERENCE_H */
