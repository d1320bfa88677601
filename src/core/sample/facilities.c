/*
 * facilities.c
 *	  Facilities of the sample: counts per head as in Japan, placed where
 *	  people live, with capability profiles in the source document's
 *	  proportions, assigned exactly by shuffled counts (see sample.h).
 */
#include "sample/sample_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NWORD 16
static const char *const word_ja[NWORD] = {
	"さくら", "みどり", "ひかり", "あおば", "中央", "駅前", "記念", "第一",
	"希望", "平和", "城山", "港", "松風", "清流", "あさひ", "ふれあい"
};

/* ---- step 5: facilities ------------------------------------------------- */

typedef struct facgen
{
	gen		   *g;
	pal_sample *s;
	double	   *cum;			/* cumulative people over cells */
	int		   *cellof;			/* cell of each cum entry */
	int			ncum;
	int		   *idx;			/* scratch index list */
} facgen;

static int
share_count(double share, int n)
{
	return (int) floor(share * n + 0.5);
}

/* sets bit on exactly round(share * n) of the n facilities in v (shuffled) */
static void
give_share(facgen *fg, int *v, int n, double share, int bit)
{
	int			k = share_count(share, n),
				i;

	shuffle(&fg->g->rng, v, n);
	for (i = 0; i < k && i < n; i++)
		fg->s->facilities[v[i]].capabilities |= PAL_CAP(bit);
}

/* the facilities of [from, to) having all of `with` and none of `without` */
static int
select_facilities(facgen *fg, int from, int to, pal_capset with,
				  pal_capset without, int *v)
{
	int			n = 0,
				i;

	for (i = from; i < to; i++)
	{
		pal_capset	c = fg->s->facilities[i].capabilities;

		if ((c & with) == with && (c & without) == 0)
			v[n++] = i;
	}
	return n;
}

static int
pick_cell(facgen *fg)
{
	double		x = pal_rng_uniform(&fg->g->rng) * fg->cum[fg->ncum - 1];
	int			lo = 0,
				hi = fg->ncum - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (fg->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return fg->cellof[lo];
}

/* places facility f at a random point well inside the cell */
static void
place(facgen *fg, pal_sample_facility *f, int cell)
{
	int			r = cell / NC,
				c = cell % NC;
	double		x0 = pal_mesh_col_lon((PAL_SAMPLE_COL0 + c) * 8),
				x1 = pal_mesh_col_lon((PAL_SAMPLE_COL0 + c + 1) * 8),
				y0 = pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r) * 8),
				y1 = pal_mesh_row_lat((PAL_SAMPLE_ROW0 + r + 1) * 8);

	f->lon = round_to(x0 + (0.05 + 0.9 * pal_rng_uniform(&fg->g->rng)) * (x1 - x0), 1e-6);
	f->lat = round_to(y0 + (0.05 + 0.9 * pal_rng_uniform(&fg->g->rng)) * (y1 - y0), 1e-6);
}

/* 2021-04-01 and 2024-04-01 as days since 2000-01-01 */
#define DAY_2021_04_01 7761
#define DAY_2024_04_01 8857

static void
name_and_address(facgen *fg, pal_sample_facility *f, int cell, const char *fmt)
{
	gen		   *g = fg->g;
	const pal_sample_region *mr = &fg->s->regions[NPREF + g->nsec + g->muni[cell]];
	const char *w = word_ja[pal_rng_below(&g->rng, NWORD)];
	char		stem[PAL_SAMPLE_NAMELEN];

	/* the municipality's name without its 市, 町 or 村 (3 bytes in UTF-8) */
	snprintf(stem, sizeof(stem), "%.*s", (int) strlen(mr->name_ja) - 3, mr->name_ja);
	/* fmt takes the stem and a word, e.g. "%s%s病院" or "%.0s%s薬局" */
	snprintf(f->name, sizeof(f->name), fmt, stem, w);
	snprintf(f->address, sizeof(f->address), "%s%s%s%u丁目%u-%u",
			 pal_sample_pref_ja[g->pref[cell]], mr->name_ja, w,
			 1 + pal_rng_below(&g->rng, 5), 1 + pal_rng_below(&g->rng, 30),
			 1 + pal_rng_below(&g->rng, 20));
}

/* conference attendance of base hospitals, FY2021 distribution */
static void
conferences(facgen *fg, int from, int to)
{
	static const double share[6] = {0.421, 0.410, 0.079, 0.059, 0.013, 0.018};
	static const int lo[6] = {0, 1, 5, 10, 20, -1};
	static const int span[6] = {1, 4, 5, 10, 15, 1};
	int			n = to - from,
				count[6],
				given = 0,
				i,
				k,
				pos = 0;
	double		rem[6];

	/* largest remainder allocation of n into the six classes */
	for (k = 0; k < 6; k++)
	{
		count[k] = (int) floor(share[k] * n);
		rem[k] = share[k] * n - count[k];
		given += count[k];
	}
	while (given < n)
	{
		int			best = 0;

		for (k = 1; k < 6; k++)
			if (rem[k] > rem[best])
				best = k;
		count[best]++;
		rem[best] = -1.0;
		given++;
	}
	for (i = 0; i < n; i++)
		fg->idx[i] = from + i;
	shuffle(&fg->g->rng, fg->idx, n);
	for (k = 0; k < 6; k++)
		for (i = 0; i < count[k]; i++, pos++)
			fg->s->facilities[fg->idx[pos]].conferences_attended =
				lo[k] < 0 ? -1 : lo[k] + (int) pal_rng_below(&fg->g->rng, (uint32_t) span[k]);
}

#define CAP(x) PAL_CAP(CAP_##x)

int
pal_sample_build_facilities(gen *g, pal_sample *s)
{
	facgen		fgs,
			   *fg = &fgs;
	double		people = 0.0;
	int			count[PAL_KIND__COUNT],
				kind_from[PAL_KIND__COUNT + 1],
				n,
				i,
				k,
				nf,
				nbase,
				npcu,
				nltc;
	pal_sample_facility *F;
	int			secpop_order[32];
	int64_t		secpop[32];

	for (i = 0; i < s->ncells; i++)
		people += s->cells[i].total;
	/* Japan per 125 M people: hospitals, clinics, stations, pharmacies, care */
	count[PAL_KIND_HOSPITAL] = (int) floor(people * 8200.0 / 125e6 + 0.5);
	count[PAL_KIND_CLINIC] = (int) floor(people * 105000.0 / 125e6 + 0.5);
	count[PAL_KIND_VISITING_NURSE_STATION] = (int) floor(people * 15000.0 / 125e6 + 0.5);
	count[PAL_KIND_PHARMACY] = (int) floor(people * 62000.0 / 125e6 + 0.5);
	count[PAL_KIND_CARE_FACILITY] = (int) floor(people * 29000.0 / 125e6 + 0.5);
	nf = 0;
	for (k = 0; k < PAL_KIND__COUNT; k++)
	{
		kind_from[k] = nf;
		nf += count[k];
	}
	kind_from[PAL_KIND__COUNT] = nf;

	fg->g = g;
	fg->s = s;
	fg->cum = gen_alloc(g, (size_t) s->ncells, sizeof(double));
	fg->cellof = gen_alloc(g, (size_t) s->ncells, sizeof(int));
	fg->idx = gen_alloc(g, (size_t) nf, sizeof(int));
	s->facilities = gen_alloc(g, (size_t) nf, sizeof(pal_sample_facility));
	if (fg->cum == NULL || fg->cellof == NULL || fg->idx == NULL || s->facilities == NULL)
	{
		gen_release(g, fg->cum);
		gen_release(g, fg->cellof);
		gen_release(g, fg->idx);
		return 1;
	}
	s->nfacilities = nf;
	F = s->facilities;
	fg->ncum = 0;
	{
		double		acc = 0.0;

		for (i = 0; i < NCELL; i++)
		{
			if (!g->inhabited[i])
				continue;
			acc += g->pop[i];
			fg->cum[fg->ncum] = acc;
			fg->cellof[fg->ncum] = i;
			fg->ncum++;
		}
	}
	for (k = 0; k < PAL_KIND__COUNT; k++)
		for (i = kind_from[k]; i < kind_from[k + 1]; i++)
		{
			F[i].kind = (pal_sample_kind) k;
			F[i].physicians = F[i].physicians_trained = F[i].conferences_attended = -1;
			F[i].surveyed_on = DAY_2021_04_01 + (int32_t) pal_rng_below(&g->rng, 1461);
		}

	/* secondary regions by population, largest first */
	for (i = 0; i < g->nsec; i++)
	{
		secpop[i] = s->regions[NPREF + i].population;
		secpop_order[i] = i;
	}
	for (i = 1; i < g->nsec; i++)
		for (k = i; k > 0 && (secpop[secpop_order[k]] > secpop[secpop_order[k - 1]] ||
							  (secpop[secpop_order[k]] == secpop[secpop_order[k - 1]] &&
							   secpop_order[k] < secpop_order[k - 1])); k--)
		{
			int			t = secpop_order[k];

			secpop_order[k] = secpop_order[k - 1];
			secpop_order[k - 1] = t;
		}

	/*
	 * Hospitals.  Base hospitals first: one prefectural per prefecture and a
	 * regional one in its capital region, a regional one in the more
	 * populous three quarters of the other secondary regions, and a
	 * regional cancer-care hospital in each remaining region.
	 */
	n = 0;
	{
		int			others = g->nsec - NPREF,
					with_regional = share_count(0.75, others),
					rank = 0,
					j;

		for (i = 0; i < NPREF; i++)
		{
			int			sc = -1;

			for (j = 0; j < g->nsec; j++)
				if (g->sec_pref[j] == i)
				{
					sc = j;
					break;
				}
			F[n].capabilities = CAP(CANCER_BASE_PREFECTURAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc], "%s%s");
			snprintf(F[n].name, sizeof(F[n].name), "%s県立がんセンター", pal_sample_pref_stem_ja[i]);
			n++;
			F[n].capabilities = CAP(CANCER_BASE_REGIONAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc], "%s市立総合病院%.0s");
			n++;
		}
		for (j = 0; j < g->nsec; j++)
		{
			int			sc = secpop_order[j];
			int			capital_region = (sc == 0 || g->sec_pref[sc - 1] != g->sec_pref[sc]);

			if (capital_region)
				continue;
			F[n].capabilities = rank < with_regional ? CAP(CANCER_BASE_REGIONAL)
				: CAP(CANCER_REGIONAL_HOSPITAL);
			place(fg, &F[n], g->sec_center[sc]);
			name_and_address(fg, &F[n], g->sec_center[sc],
							 rank < with_regional ? "%s赤十字病院%.0s" : "%s厚生病院%.0s");
			rank++;
			n++;
		}
	}
	nbase = n;
	for (i = 0; i < nbase; i++)
	{
		pal_sample_facility *f = &F[i];
		double		u = pal_rng_uniform(&g->rng);

		f->capabilities |= CAP(PALLIATIVE_TEAM) | CAP(PALLIATIVE_OUTPATIENT) |
			CAP(PALLIATIVE_PHYSICIAN) | CAP(OPIOID_SKILLED_PHYSICIAN) |
			CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_PHARMACIST) |
			CAP(OPIOID_STORAGE) | CAP(OPIOID_USE) | CAP(OPIOID_ALL_KINDS) |
			CAP(OPIOID_ALL_ROUTES) | CAP(CONSULTATION_DESK) |
			CAP(CANCER_CONSULTATION_CENTER) | CAP(CANCER_REHAB) | CAP(END_OF_LIFE_CARE);
		if (f->capabilities & CAP(CANCER_BASE_PREFECTURAL))
		{
			f->capabilities |= CAP(PCU) | CAP(PALLIATIVE_SPECIALIST) |
				CAP(PCU_EXPERIENCED_NURSE) | CAP(REGIONAL_COORDINATOR) |
				CAP(PALLIATIVE_RADIOTHERAPY) | CAP(NERVE_BLOCK) | CAP(AYA_SUPPORT) |
				CAP(PEDIATRIC_PALLIATIVE) | CAP(CARE_FACILITY_LIAISON) |
				CAP(STERILE_COMPOUNDING);
			f->general_beds = 500 + (int32_t) (400.0 * u);
		}
		else if (f->capabilities & CAP(CANCER_BASE_REGIONAL))
			f->general_beds = 300 + (int32_t) (400.0 * u);
		else
		{
			f->capabilities &= ~(CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_OUTPATIENT));
			f->general_beds = 150 + (int32_t) (150.0 * u);
		}
		f->physicians = f->general_beds / 4 + (int32_t) pal_rng_below(&g->rng, 30);
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.70 + 0.25 * pal_rng_uniform(&g->rng)) + 0.5);
		f->surveyed_on = DAY_2024_04_01 + (int32_t) pal_rng_below(&g->rng, 365);
	}
	/* regional base hospitals: half have a PCU, and share the extras */
	k = select_facilities(fg, 0, nbase, CAP(CANCER_BASE_REGIONAL), 0, fg->idx);
	give_share(fg, fg->idx, k, 0.5, CAP_PCU);
	give_share(fg, fg->idx, k, 0.6, CAP_PALLIATIVE_SPECIALIST);
	give_share(fg, fg->idx, k, 0.6, CAP_PALLIATIVE_RADIOTHERAPY);
	give_share(fg, fg->idx, k, 0.5, CAP_NERVE_BLOCK);
	give_share(fg, fg->idx, k, 0.5, CAP_REGIONAL_COORDINATOR);
	give_share(fg, fg->idx, k, 0.4, CAP_AYA_SUPPORT);
	give_share(fg, fg->idx, k, 0.5, CAP_CARE_FACILITY_LIAISON);
	conferences(fg, 0, nbase);

	/* the other hospitals, where people live */
	for (i = nbase; i < count[PAL_KIND_HOSPITAL]; i++)
	{
		int			cell = pick_cell(fg);

		place(fg, &F[i], cell);
		name_and_address(fg, &F[i], cell, "%s%s病院");
	}
	/* PCUs: about 3.6 per million people, counting the base hospitals' */
	npcu = (int) floor(people * 3.6 / 1e6 + 0.5) -
		select_facilities(fg, 0, nbase, CAP(PCU), 0, fg->idx);
	if (npcu < 0)
		npcu = 0;
	if (npcu > count[PAL_KIND_HOSPITAL] - nbase)
		npcu = count[PAL_KIND_HOSPITAL] - nbase;
	for (i = nbase; i < nbase + npcu; i++)
		F[i].capabilities |= CAP(PCU) | CAP(PCU_EXPERIENCED_NURSE) | CAP(OPIOID_STORAGE) |
			CAP(OPIOID_USE) | CAP(OPIOID_ALL_KINDS) | CAP(OPIOID_ALL_ROUTES) |
			CAP(OPIOID_SKILLED_PHYSICIAN) | CAP(END_OF_LIFE_CARE);
	k = select_facilities(fg, nbase, nbase + npcu, 0, 0, fg->idx);
	give_share(fg, fg->idx, k, 0.8, CAP_PALLIATIVE_PHYSICIAN);
	give_share(fg, fg->idx, k, 0.3, CAP_PALLIATIVE_SPECIALIST);
	give_share(fg, fg->idx, k, 0.4, CAP_PALLIATIVE_TEAM);
	give_share(fg, fg->idx, k, 0.6, CAP_CERTIFIED_PALLIATIVE_NURSE);
	give_share(fg, fg->idx, k, 0.5, CAP_PALLIATIVE_OUTPATIENT);
	give_share(fg, fg->idx, k, 0.3, CAP_RESPITE);
	for (i = 0; i < nbase + npcu; i++)
		if (F[i].capabilities & CAP(PCU))
			F[i].pcu_beds = 12 + (int32_t) pal_rng_below(&g->rng, 14);

	/*
	 * Long-term-care wards without a PCU: 45% of the remaining hospitals,
	 * profiled as the Tokyo survey found them (DIGEST.md).
	 */
	{
		int			rest = count[PAL_KIND_HOSPITAL] - nbase - npcu;
		int		   *v = fg->idx;
		int			nouse,
					nshared,
					k1,
					k2,
					k3,
					pos;

		nltc = share_count(0.45, rest);
		for (i = 0; i < rest; i++)
			v[i] = nbase + npcu + i;
		shuffle(&g->rng, v, rest);
		for (i = 0; i < nltc; i++)
			F[v[i]].capabilities |= CAP(LTC_WARD);
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(LTC_WARD), 0, v);
		/* storage and opioid use: no storage = cannot use opioids (10.9%) */
		shuffle(&g->rng, v, k);
		nouse = share_count(0.109, k);
		nshared = share_count(0.127, k);
		for (i = 0; i < k; i++)
		{
			pal_capset *c = &F[v[i]].capabilities;

			if (i < nouse)
				continue;
			*c |= CAP(OPIOID_USE) | (i < nouse + nshared ? CAP(OPIOID_STORAGE_SHARED)
									 : CAP(OPIOID_STORAGE));
		}
		/*
		 * Among all wards: unrestricted 56.4%, limited kinds 23.6%, limited
		 * route or timing 10.9% (multiple answers: 1.8% both).
		 */
		k1 = share_count(0.564, k);
		k2 = share_count(0.218, k);
		k3 = share_count(0.091, k);
		if (k1 + k2 + k3 > k - nouse)
			k2 = k - nouse - k1 - k3;
		pos = 0;
		for (i = nouse; i < k; i++)
			v[pos++] = v[i];
		shuffle(&g->rng, v, pos);
		for (i = 0; i < pos; i++)
		{
			pal_capset *c = &F[v[i]].capabilities;

			if (i < k1)
				*c |= CAP(OPIOID_ALL_KINDS) | CAP(OPIOID_ALL_ROUTES);
			else if (i < k1 + k2)
				*c |= CAP(OPIOID_ALL_ROUTES);
			else if (i < k1 + k2 + k3)
				*c |= CAP(OPIOID_ALL_KINDS);
		}
		/* physicians: palliative 1.8%, skilled with opioids 30.9%, none */
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(LTC_WARD), 0, v);
		shuffle(&g->rng, v, k);
		k1 = share_count(0.018, k);
		k2 = share_count(0.309, k);
		for (i = 0; i < k1 + k2 && i < k; i++)
			F[v[i]].capabilities |= i < k1 ? CAP(PALLIATIVE_PHYSICIAN) : CAP(OPIOID_SKILLED_PHYSICIAN);
		/* nurses: PCU experience 16.4%, certified 0% */
		give_share(fg, v, k, 0.164, CAP_PCU_EXPERIENCED_NURSE);
		give_share(fg, v, k, 0.55, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.15, CAP_RESPITE);
		give_share(fg, v, k, 0.15, CAP_HOME_CARE_SUPPORT);
		for (i = 0; i < k; i++)
		{
			F[v[i]].ltc_beds = 30 + 10 * (int32_t) pal_rng_below(&g->rng, 10);
			F[v[i]].general_beds = pal_rng_below(&g->rng, 10) < 6
				? 30 + 10 * (int32_t) pal_rng_below(&g->rng, 12) : 0;
		}
	}
	/* the other general hospitals */
	k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], 0, CAP(LTC_WARD), fg->idx);
	{
		int		   *v = fg->idx;
		int			nnone = share_count(0.05, k),
					nshared = share_count(0.05, k);

		shuffle(&g->rng, v, k);
		for (i = nnone; i < k; i++)
			F[v[i]].capabilities |= CAP(OPIOID_USE) |
				(i < nnone + nshared ? CAP(OPIOID_STORAGE_SHARED) : CAP(OPIOID_STORAGE));
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], CAP(OPIOID_USE), CAP(LTC_WARD), v);
		give_share(fg, v, k, 0.75, CAP_OPIOID_ALL_KINDS);
		give_share(fg, v, k, 0.80, CAP_OPIOID_ALL_ROUTES);
		k = select_facilities(fg, nbase + npcu, count[PAL_KIND_HOSPITAL], 0, CAP(LTC_WARD), v);
		give_share(fg, v, k, 0.35, CAP_OPIOID_SKILLED_PHYSICIAN);
		give_share(fg, v, k, 0.08, CAP_PALLIATIVE_PHYSICIAN);
		give_share(fg, v, k, 0.10, CAP_PALLIATIVE_TEAM);
		give_share(fg, v, k, 0.20, CAP_HOME_CARE_SUPPORT);
		give_share(fg, v, k, 0.40, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.15, CAP_CANCER_REHAB);
		give_share(fg, v, k, 0.20, CAP_CONSULTATION_DESK);
		for (i = 0; i < k; i++)
		{
			uint32_t	b = pal_rng_below(&g->rng, 100);

			F[v[i]].general_beds = b < 35 ? 20 + (int32_t) pal_rng_below(&g->rng, 80)
				: b < 70 ? 100 + (int32_t) pal_rng_below(&g->rng, 100)
				: b < 95 ? 200 + (int32_t) pal_rng_below(&g->rng, 300)
				: 500 + (int32_t) pal_rng_below(&g->rng, 300);
		}
	}
	for (i = nbase; i < count[PAL_KIND_HOSPITAL]; i++)
	{
		pal_sample_facility *f = &F[i];

		if (f->general_beds == 0 && f->ltc_beds == 0)
			f->general_beds = 60 + (int32_t) pal_rng_below(&g->rng, 200);
		if (f->capabilities & CAP(HOME_CARE_SUPPORT))
			f->capabilities |= CAP(HOME_VISIT) | CAP(HOME_VISIT_24H);
		f->physicians = 2 + (f->general_beds + f->pcu_beds) / 12 + f->ltc_beds / 40;
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.15 + 0.35 * pal_rng_uniform(&g->rng)) + 0.5);
	}

	/* clinics */
	{
		int			from = kind_from[PAL_KIND_CLINIC],
					to = kind_from[PAL_KIND_CLINIC + 1];
		int		   *v = fg->idx;
		static const char *const kinds[3] = {"%.0s%sクリニック", "%s%s診療所", "%.0s%s医院"};

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, kinds[pal_rng_below(&g->rng, 3)]);
			F[i].physicians = 1 + (pal_rng_below(&g->rng, 10) < 2);
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		/* home-care support clinics 14% (enhanced 4% of all clinics) */
		give_share(fg, v, k, 0.14, CAP_HOME_CARE_SUPPORT);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), 0, v);
		give_share(fg, v, n, 0.04 / 0.14, CAP_HOME_CARE_SUPPORT_ENHANCED);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(HOME_VISIT);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), CAP(HOME_CARE_SUPPORT_ENHANCED), v);
		give_share(fg, v, n, 0.75, CAP_HOME_VISIT_24H);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT_ENHANCED), 0, v);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(HOME_VISIT_24H) | CAP(OPIOID_USE) |
				CAP(OPIOID_ALL_KINDS) | CAP(END_OF_LIFE_CARE);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT), CAP(HOME_CARE_SUPPORT_ENHANCED), v);
		give_share(fg, v, n, 0.55, CAP_OPIOID_USE);
		give_share(fg, v, n, 0.55, CAP_END_OF_LIFE_CARE);
		n = select_facilities(fg, from, to, CAP(HOME_CARE_SUPPORT) | CAP(OPIOID_USE), 0, v);
		give_share(fg, v, n, 0.6, CAP_OPIOID_ALL_KINDS);
		give_share(fg, v, n, 0.5, CAP_OPIOID_ALL_ROUTES);
		give_share(fg, v, n, 0.12, CAP_PALLIATIVE_PHYSICIAN);
		give_share(fg, v, n, 0.35, CAP_OPIOID_SKILLED_PHYSICIAN);
		n = select_facilities(fg, from, to, 0, CAP(HOME_CARE_SUPPORT), v);
		give_share(fg, v, n, 0.08, CAP_HOME_VISIT);
		give_share(fg, v, n, 0.06, CAP_OPIOID_USE);
		n = select_facilities(fg, from, to, CAP(OPIOID_USE), 0, v);
		for (i = 0; i < n; i++)
			F[v[i]].capabilities |= CAP(OPIOID_STORAGE);
		give_share(fg, v, k, 0.01, CAP_PALLIATIVE_OUTPATIENT);
	}

	/* visiting-nurse stations: most nurse at home, 60% around the clock */
	{
		int			from = kind_from[PAL_KIND_VISITING_NURSE_STATION],
					to = kind_from[PAL_KIND_VISITING_NURSE_STATION + 1];
		int		   *v = fg->idx;

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, "%.0s%s訪問看護ステーション");
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.97, CAP_HOME_NURSING);
		n = select_facilities(fg, from, to, CAP(HOME_NURSING), 0, v);
		give_share(fg, v, n, 0.60 * k / (n > 0 ? n : 1), CAP_HOME_VISIT_24H);
		give_share(fg, v, n, 0.55, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, n, 0.08, CAP_CERTIFIED_PALLIATIVE_NURSE);
		give_share(fg, v, n, 0.06, CAP_PEDIATRIC_PALLIATIVE);
	}

	/* pharmacies: 80% licensed for narcotics, 30% visit homes */
	{
		int			from = kind_from[PAL_KIND_PHARMACY],
					to = kind_from[PAL_KIND_PHARMACY + 1];
		int		   *v = fg->idx;

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, "%.0s%s薬局");
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.80, CAP_NARCOTICS_RETAIL_LICENSE);
		n = select_facilities(fg, from, to, CAP(NARCOTICS_RETAIL_LICENSE), 0, v);
		give_share(fg, v, n, 0.30 * k / (n > 0 ? n : 1), CAP_PHARMACY_HOME_VISIT);
		n = select_facilities(fg, from, to, CAP(PHARMACY_HOME_VISIT), 0, v);
		give_share(fg, v, n, 0.10, CAP_STERILE_COMPOUNDING);
		give_share(fg, v, n, 0.07, CAP_PALLIATIVE_PHARMACIST);
	}

	/* care facilities: 60% care for residents to the end */
	{
		int			from = kind_from[PAL_KIND_CARE_FACILITY],
					to = kind_from[PAL_KIND_CARE_FACILITY + 1];
		int		   *v = fg->idx;
		static const char *const kinds[3] = {
			"%.0s特別養護老人ホーム%s", "%.0s介護老人保健施設%s", "%.0sグループホーム%s"
		};

		for (i = from; i < to; i++)
		{
			int			cell = pick_cell(fg);

			place(fg, &F[i], cell);
			name_and_address(fg, &F[i], cell, kinds[pal_rng_below(&g->rng, 3)]);
		}
		k = select_facilities(fg, from, to, 0, 0, v);
		give_share(fg, v, k, 0.60, CAP_END_OF_LIFE_CARE);
		give_share(fg, v, k, 0.35, CAP_CARE_FACILITY_LIAISON);
		give_share(fg, v, k, 0.25, CAP_RESPITE);
	}

	gen_release(g, fg->cum);
	gen_release(g, fg->cellof);
	gen_release(g, fg->idx);
	return 0;
}
