/*
 * facilities.c
 *	  Facilities of the sample: counts per head as in Japan, placed where
 *	  people live, with beds, staff and survey dates; their capabilities come
 *	  from the table of shares in profiles.c (see sample.h).
 *
 * Every step draws from the generator's one random stream in a fixed order:
 * the order of the steps below is part of the output.
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

/* Japan's facilities per 125 million people, by pal_sample_kind */
static const double per_125m[PAL_KIND__COUNT] = {8200.0, 105000.0, 15000.0, 62000.0, 29000.0};

/* 2021-04-01 and 2024-04-01 as days since 2000-01-01 */
#define DAY_2021_04_01 7761
#define DAY_2024_04_01 8857

#define CAP(x) PAL_CAP(CAP_##x)

typedef struct facgen
{
	gen		   *g;
	pal_sample *s;
	pal_sample_facility *f;
	double		people;
	double	   *cum;			/* cumulative people over cells */
	int		   *cellof;			/* cell of each cum entry */
	int			ncum;
	int		   *idx;			/* scratch index list */
	int			kind_from[PAL_KIND__COUNT + 1]; /* facilities of kind k:
												 * [kind_from[k], kind_from[k + 1]) */
	int			nbase;			/* base hospitals: [0, nbase) */
	int			npcu;			/* then hospitals with a PCU */
} facgen;

static int
share_count(double share, int n)
{
	return (int) floor(share * n + 0.5);
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

static void
name_and_address(facgen *fg, pal_sample_facility *f, int cell, const char *fmt)
{
	gen		   *g = fg->g;
	const pal_sample_region *mr = &fg->s->regions[NPREF + g->nsec + g->muni[cell]];
	const char *w = word_ja[pal_rng_below(&g->rng, NWORD)];
	char		stem[PAL_SAMPLE_NAMELEN];
	unsigned	lot,
				block,
				chome;

	/* the municipality's name without its 市, 町 or 村 (3 bytes in UTF-8) */
	snprintf(stem, sizeof(stem), "%.*s", (int) strlen(mr->name_ja) - 3, mr->name_ja);
	/* fmt takes the stem and a word, e.g. "%s%s病院" or "%.0s%s薬局" */
	snprintf(f->name, sizeof(f->name), fmt, stem, w);
	/* drawn last part first, in statements: the same on every compiler */
	lot = 1 + pal_rng_below(&g->rng, 20);
	block = 1 + pal_rng_below(&g->rng, 30);
	chome = 1 + pal_rng_below(&g->rng, 5);
	snprintf(f->address, sizeof(f->address), "%s%s%s%u丁目%u-%u",
			 pal_sample_pref_ja[g->pref[cell]], mr->name_ja, w, chome, block, lot);
}

/*
 * How many facilities of each kind: Japan's numbers per head, rounded.  1 if
 * the sample is too large to count in an int (it never is).
 */
static int
count_kinds(facgen *fg)
{
	int			k,
				nf = 0;

	for (k = 0; k < PAL_KIND__COUNT; k++)
	{
		double		n = floor(fg->people * per_125m[k] / 125e6 + 0.5);

		if (!(n >= 0.0 && n <= (double) (INT32_MAX / 4)))
			return 1;
		fg->kind_from[k] = nf;
		nf += (int) n;
	}
	fg->kind_from[PAL_KIND__COUNT] = nf;
	return 0;
}

/* kinds, unknown staff counts and survey dates from April 2021 to March 2025 */
static void
init_facilities(facgen *fg)
{
	int			k,
				i;

	for (k = 0; k < PAL_KIND__COUNT; k++)
		for (i = fg->kind_from[k]; i < fg->kind_from[k + 1]; i++)
		{
			pal_sample_facility *f = &fg->f[i];

			f->kind = (pal_sample_kind) k;
			f->physicians = f->physicians_trained = f->conferences_attended = -1;
			f->surveyed_on = DAY_2021_04_01 + (int32_t) pal_rng_below(&fg->g->rng, 1461);
		}
}

/* the cumulative people of the inhabited cells, for pick_cell */
static void
cumulate_people(facgen *fg)
{
	gen		   *g = fg->g;
	double		acc = 0.0;
	int			i;

	fg->ncum = 0;
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

/* secondary regions by population, largest first (ties: lower index) */
static void
secondary_by_population(facgen *fg, int *order)
{
	gen		   *g = fg->g;
	int64_t		pop[32];
	int			i,
				k;

	for (i = 0; i < g->nsec; i++)
	{
		pop[i] = fg->s->regions[NPREF + i].population;
		order[i] = i;
	}
	for (i = 1; i < g->nsec; i++)
		for (k = i; k > 0 && (pop[order[k]] > pop[order[k - 1]] ||
							  (pop[order[k]] == pop[order[k - 1]] &&
							   order[k] < order[k - 1])); k--)
		{
			int			t = order[k];

			order[k] = order[k - 1];
			order[k - 1] = t;
		}
}

/* a base hospital of the given designation at the centre of secondary region sc */
static void
base_hospital(facgen *fg, pal_capset designation, int sc, const char *fmt)
{
	pal_sample_facility *f = &fg->f[fg->nbase++];
	int			cell = fg->g->sec_center[sc];

	f->capabilities = designation;
	place(fg, f, cell);
	name_and_address(fg, f, cell, fmt);
}

/*
 * Base hospitals: one prefectural per prefecture and a regional one in its
 * capital region, a regional one in the more populous three quarters of the
 * other secondary regions, and a regional cancer-care hospital in each
 * remaining region.
 */
static void
place_base_hospitals(facgen *fg)
{
	gen		   *g = fg->g;
	int			order[32],
				with_regional = share_count(0.75, g->nsec - NPREF),
				rank = 0,
				i,
				j;

	secondary_by_population(fg, order);
	fg->nbase = 0;
	for (i = 0; i < NPREF; i++)
	{
		int			sc = -1;

		for (j = 0; j < g->nsec && sc < 0; j++)
			if (g->sec_pref[j] == i)
				sc = j;
		base_hospital(fg, CAP(CANCER_BASE_PREFECTURAL), sc, "%s%s");
		snprintf(fg->f[fg->nbase - 1].name, sizeof(fg->f[0].name), "%s県立がんセンター",
				 pal_sample_pref_stem_ja[i]);
		base_hospital(fg, CAP(CANCER_BASE_REGIONAL), sc, "%s市立総合病院%.0s");
	}
	for (j = 0; j < g->nsec; j++)
	{
		int			sc = order[j];

		if (sc == 0 || g->sec_pref[sc - 1] != g->sec_pref[sc])
			continue;			/* a capital region: done above */
		if (rank++ < with_regional)
			base_hospital(fg, CAP(CANCER_BASE_REGIONAL), sc, "%s赤十字病院%.0s");
		else
			base_hospital(fg, CAP(CANCER_REGIONAL_HOSPITAL), sc, "%s厚生病院%.0s");
	}
}

/* what every base hospital has, and what each designation adds or lacks */
#define BASE_COMMON (CAP(PALLIATIVE_TEAM) | CAP(PALLIATIVE_OUTPATIENT) | \
	CAP(PALLIATIVE_PHYSICIAN) | CAP(OPIOID_SKILLED_PHYSICIAN) | \
	CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_PHARMACIST) | \
	CAP(OPIOID_STORAGE) | CAP(OPIOID_USE) | CAP(OPIOID_ALL_KINDS) | \
	CAP(OPIOID_ALL_ROUTES) | CAP(CONSULTATION_DESK) | \
	CAP(CANCER_CONSULTATION_CENTER) | CAP(CANCER_REHAB) | CAP(END_OF_LIFE_CARE))

static const struct base_profile
{
	pal_capset	designation;
	pal_capset	adds;
	pal_capset	lacks;
	int32_t		beds;			/* general beds: beds + span * uniform */
	double		span;
}			base_profiles[3] = {
	{CAP(CANCER_BASE_PREFECTURAL),
		CAP(PCU) | CAP(PALLIATIVE_SPECIALIST) | CAP(PCU_EXPERIENCED_NURSE) |
		CAP(REGIONAL_COORDINATOR) | CAP(PALLIATIVE_RADIOTHERAPY) | CAP(NERVE_BLOCK) |
		CAP(AYA_SUPPORT) | CAP(PEDIATRIC_PALLIATIVE) | CAP(CARE_FACILITY_LIAISON) |
	CAP(STERILE_COMPOUNDING), 0, 500, 400.0},
	{CAP(CANCER_BASE_REGIONAL), 0, 0, 300, 400.0},
	{CAP(CANCER_REGIONAL_HOSPITAL), 0,
	CAP(CERTIFIED_PALLIATIVE_NURSE) | CAP(PALLIATIVE_OUTPATIENT), 150, 150.0},
};

/* capabilities, beds, physicians and a FY2024 survey date of base hospitals */
static void
profile_base_hospitals(facgen *fg)
{
	pal_rng    *rng = &fg->g->rng;
	int			i,
				k;

	for (i = 0; i < fg->nbase; i++)
	{
		pal_sample_facility *f = &fg->f[i];
		double		u = pal_rng_uniform(rng);

		for (k = 0; k < 2 && !(f->capabilities & base_profiles[k].designation); k++)
			;
		f->capabilities = (f->capabilities | BASE_COMMON | base_profiles[k].adds) &
			~base_profiles[k].lacks;
		f->general_beds = base_profiles[k].beds + (int32_t) (base_profiles[k].span * u);
		f->physicians = f->general_beds / 4 + (int32_t) pal_rng_below(rng, 30);
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.70 + 0.25 * pal_rng_uniform(rng)) + 0.5);
		f->surveyed_on = DAY_2024_04_01 + (int32_t) pal_rng_below(rng, 365);
	}
}

/* regional conferences attended by base hospitals in FY2021 (DIGEST.md) */
static const struct conference_class
{
	double		share;
	int			lo;				/* -1: no answer */
	int			span;
}			conference_classes[6] = {
	{0.421, 0, 1}, {0.410, 1, 4}, {0.079, 5, 5}, {0.059, 10, 10}, {0.013, 20, 15}, {0.018, -1, 1}
};

/*
 * Conferences attended by the base hospitals: their count in each class of
 * the FY2021 distribution is allocated by largest remainder, the hospitals
 * shuffled, and each gets a number within its class.
 */
static void
conferences(facgen *fg)
{
	int			n = fg->nbase,
				count[6],
				given = 0,
				i,
				k,
				pos = 0;
	double		rem[6];

	for (k = 0; k < 6; k++)
	{
		count[k] = (int) floor(conference_classes[k].share * n);
		rem[k] = conference_classes[k].share * n - count[k];
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
		fg->idx[i] = i;
	shuffle(&fg->g->rng, fg->idx, n);
	for (k = 0; k < 6; k++)
		for (i = 0; i < count[k]; i++, pos++)
			fg->f[fg->idx[pos]].conferences_attended = conference_classes[k].lo < 0 ? -1 :
				conference_classes[k].lo +
				(int) pal_rng_below(&fg->g->rng, (uint32_t) conference_classes[k].span);
}

/*
 * Places the facilities [from, to) where people live and names them after
 * their municipality: fmts is a list of nfmt name patterns (one drawn per
 * facility when there are several); clinics also get 1 or 2 physicians.
 */
static void
place_facilities(facgen *fg, int from, int to, const char *const *fmts, int nfmt,
				 int clinic)
{
	pal_rng    *rng = &fg->g->rng;
	int			i;

	for (i = from; i < to; i++)
	{
		int			cell = pick_cell(fg);
		const char *fmt;

		place(fg, &fg->f[i], cell);
		fmt = nfmt > 1 ? fmts[pal_rng_below(rng, (uint32_t) nfmt)] : fmts[0];
		name_and_address(fg, &fg->f[i], cell, fmt);
		if (clinic)
			fg->f[i].physicians = 1 + (pal_rng_below(rng, 10) < 2);
	}
}

/* PCUs to about 3.6 per million people, counting the base hospitals' */
static void
count_pcus(facgen *fg)
{
	int			others = fg->kind_from[PAL_KIND_HOSPITAL + 1] - fg->nbase,
				i;

	fg->npcu = (int) floor(fg->people * 3.6 / 1e6 + 0.5);
	for (i = 0; i < fg->nbase; i++)
		if (fg->f[i].capabilities & CAP(PCU))
			fg->npcu--;
	if (fg->npcu < 0)
		fg->npcu = 0;
	if (fg->npcu > others)
		fg->npcu = others;
}

static void
pcu_beds(facgen *fg)
{
	int			i;

	for (i = 0; i < fg->nbase + fg->npcu; i++)
		if (fg->f[i].capabilities & CAP(PCU))
			fg->f[i].pcu_beds = 12 + (int32_t) pal_rng_below(&fg->g->rng, 14);
}

/* beds of the long-term-care wards v[0..n), in that order */
static void
ltc_beds(facgen *fg, const int *v, int n)
{
	pal_rng    *rng = &fg->g->rng;
	int			i;

	for (i = 0; i < n; i++)
	{
		pal_sample_facility *f = &fg->f[v[i]];

		f->ltc_beds = 30 + 10 * (int32_t) pal_rng_below(rng, 10);
		f->general_beds = pal_rng_below(rng, 10) < 6 ? 30 + 10 * (int32_t) pal_rng_below(rng, 12) : 0;
	}
}

/* general beds of the general hospitals v[0..n), in that order: four classes */
static void
general_beds(facgen *fg, const int *v, int n)
{
	static const struct
	{
		uint32_t	below;		/* percentile the class ends at */
		int32_t		lo;
		uint32_t	span;
	}			classes[4] = {{35, 20, 80}, {70, 100, 100}, {95, 200, 300}, {100, 500, 300}};
	pal_rng    *rng = &fg->g->rng;
	int			i,
				k;

	for (i = 0; i < n; i++)
	{
		uint32_t	b = pal_rng_below(rng, 100);

		for (k = 0; k < 3 && b >= classes[k].below; k++)
			;
		fg->f[v[i]].general_beds = classes[k].lo + (int32_t) pal_rng_below(rng, classes[k].span);
	}
}

/* beds for those still without, home visits, physicians of the other hospitals */
static void
hospital_staff(facgen *fg)
{
	pal_rng    *rng = &fg->g->rng;
	int			i;

	for (i = fg->nbase; i < fg->kind_from[PAL_KIND_HOSPITAL + 1]; i++)
	{
		pal_sample_facility *f = &fg->f[i];

		if (f->general_beds == 0 && f->ltc_beds == 0)
			f->general_beds = 60 + (int32_t) pal_rng_below(rng, 200);
		if (f->capabilities & CAP(HOME_CARE_SUPPORT))
			f->capabilities |= CAP(HOME_VISIT) | CAP(HOME_VISIT_24H);
		f->physicians = 2 + (f->general_beds + f->pcu_beds) / 12 + f->ltc_beds / 40;
		f->physicians_trained = (int32_t) floor(f->physicians *
												(0.15 + 0.35 * pal_rng_uniform(rng)) + 0.5);
	}
}

/* ---- the steps in order -------------------------------------------------- */

static int
build_hospitals(facgen *fg)
{
	static const char *const hospital_name[1] = {"%s%s病院"};
	int			to = fg->kind_from[PAL_KIND_HOSPITAL + 1],
				n;

	place_base_hospitals(fg);
	profile_base_hospitals(fg);
	pal_sample_profile(&fg->g->rng, fg->f, 0, fg->nbase, PAL_PROFILE_REGIONAL_BASE, fg->idx);
	conferences(fg);
	place_facilities(fg, fg->nbase, to, hospital_name, 1, 0);
	if (interrupted(fg->g))
		return 2;
	count_pcus(fg);
	pal_sample_profile(&fg->g->rng, fg->f, fg->nbase, fg->nbase + fg->npcu,
					   PAL_PROFILE_PCU, fg->idx);
	pcu_beds(fg);
	n = pal_sample_profile(&fg->g->rng, fg->f, fg->nbase + fg->npcu, to,
						   PAL_PROFILE_LTC_WARD, fg->idx);
	ltc_beds(fg, fg->idx, n);
	n = pal_sample_profile(&fg->g->rng, fg->f, fg->nbase + fg->npcu, to,
						   PAL_PROFILE_GENERAL, fg->idx);
	general_beds(fg, fg->idx, n);
	hospital_staff(fg);
	return interrupted(fg->g) ? 2 : 0;
}

static int
build_others(facgen *fg)
{
	static const char *const clinic_names[3] = {"%.0s%sクリニック", "%s%s診療所", "%.0s%s医院"};
	static const char *const station_name[1] = {"%.0s%s訪問看護ステーション"};
	static const char *const pharmacy_name[1] = {"%.0s%s薬局"};
	static const char *const care_names[3] = {
		"%.0s特別養護老人ホーム%s", "%.0s介護老人保健施設%s", "%.0sグループホーム%s"
	};
	static const struct
	{
		pal_sample_kind kind;
		const char *const *names;
		int			nnames;
		pal_profile profile;
	}			kinds[4] = {
		{PAL_KIND_CLINIC, clinic_names, 3, PAL_PROFILE_CLINIC},
		{PAL_KIND_VISITING_NURSE_STATION, station_name, 1, PAL_PROFILE_STATION},
		{PAL_KIND_PHARMACY, pharmacy_name, 1, PAL_PROFILE_PHARMACY},
		{PAL_KIND_CARE_FACILITY, care_names, 3, PAL_PROFILE_CARE_FACILITY},
	};
	int			k;

	for (k = 0; k < 4; k++)
	{
		int			from = fg->kind_from[kinds[k].kind],
					to = fg->kind_from[kinds[k].kind + 1];

		place_facilities(fg, from, to, kinds[k].names, kinds[k].nnames,
						 kinds[k].kind == PAL_KIND_CLINIC);
		pal_sample_profile(&fg->g->rng, fg->f, from, to, kinds[k].profile, fg->idx);
		if (interrupted(fg->g))
			return 2;
	}
	return 0;
}

/*
 * Builds s->facilities from the cells, regions and people of g.  0, or 1
 * out of memory, 2 interrupted (s->facilities is then freed with s).
 */
int
pal_sample_build_facilities(gen *g, pal_sample *s)
{
	facgen		fg;
	int			nf,
				i,
				ret;

	memset(&fg, 0, sizeof(fg));
	fg.g = g;
	fg.s = s;
	for (i = 0; i < s->ncells; i++)
		fg.people += s->cells[i].total;
	if (count_kinds(&fg))
		return 1;
	nf = fg.kind_from[PAL_KIND__COUNT];
	fg.cum = gen_alloc(g, (size_t) s->ncells, sizeof(double));
	fg.cellof = gen_alloc(g, (size_t) s->ncells, sizeof(int));
	fg.idx = gen_alloc(g, (size_t) nf, sizeof(int));
	s->facilities = gen_alloc(g, (size_t) nf, sizeof(pal_sample_facility));
	ret = 1;
	if (fg.cum != NULL && fg.cellof != NULL && fg.idx != NULL && s->facilities != NULL)
	{
		s->nfacilities = nf;
		fg.f = s->facilities;
		cumulate_people(&fg);
		init_facilities(&fg);
		ret = build_hospitals(&fg);
		if (ret == 0)
			ret = build_others(&fg);
	}
	gen_release(g, fg.cum);
	gen_release(g, fg.cellof);
	gen_release(g, fg.idx);
	return ret;
}
