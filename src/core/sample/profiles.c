/*
 * profiles.c
 *	  Capability profiles of the sample's facilities: a table of shares, one
 *	  row per share, each naming the figure it comes from (see sample.h).
 *
 * A group of facilities (a kind, or a class of hospitals) gets its
 * capabilities from its rows, applied in order.  Every row first picks a
 * list of the group's facilities, then gives capabilities to a part of it.
 * Shares are exact counts, not coin flips: a share s of n facilities is
 * round(s * n) of them, taken from the front of the list after shuffling it,
 * so the survey's proportions hold exactly in every sample.  Rows that split
 * one shuffled list into parts (none / shared / own narcotics storage, say)
 * give the parts one after the other.
 *
 * The order of the rows is part of the output: each shuffle draws from the
 * generator's one random stream, and a row that keeps the previous row's
 * list keeps its shuffled order.  Reordering, merging or splitting rows
 * changes the sample of every seed.
 */
#include "sample/sample_int.h"

/* which facilities a row works on */
typedef enum pick
{
	PICK_NEW,					/* the group's facilities having all of `with`
								 * and none of `without`, in index order */
	PICK_SAME,					/* the previous row's list, as it left it */
	PICK_PAST_FIRST,			/* the previous list without the part that its
								 * last GIVE_SHARE row took (kept in order) */
	PICK_LEFT					/* the group's whole scratch list as the rows
								 * before left it (see the clinics) */
} pick;

/* which part of the list gets the row's capabilities */
typedef enum give
{
	GIVE_SHARE,					/* shuffle; the first round(share * base) */
	GIVE_NEXT,					/* the next round(share * base), no shuffle */
	GIVE_NEXT_FIT,				/* as GIVE_NEXT, cut so that the GIVE_NEXT rows
								 * right after it still fit in the list */
	GIVE_REST,					/* all after the parts given so far */
	GIVE_ALL					/* all of the list */
} give;

/* where a row's figure comes from */
typedef enum source
{
	FROM_SURVEY,				/* the source document (DIGEST.md): the Tokyo
								 * survey of long-term-care wards */
	FROM_COMMENT,				/* the profile promised in the COMMENT of
								 * palliative.sample_facilities */
	FROM_ASSUMED				/* no published figure: a plausible share of
								 * the generator's own */
} source;

/*
 * One share.  base is the length of the list the group's last PICK_NEW (or
 * PICK_LEFT) row picked: a share is of those facilities even when a row
 * works on fewer of them (PICK_PAST_FIRST).  With of_group, share is of the
 * whole group and the row's list holds only some of it: the row gives
 * round(share * group) of the list.
 */
typedef struct share_row
{
	pick		pick;
	pal_capset	with;
	pal_capset	without;
	give		give;
	double		share;
	int			of_group;
	pal_capset	caps;
	source		from;
	const char *figure;
} share_row;

#define C(x) PAL_CAP(CAP_##x)
#define NEW(with, without) PICK_NEW, (with), (without)
#define SAME PICK_SAME, 0, 0
#define PAST_FIRST PICK_PAST_FIRST, 0, 0
#define LEFT PICK_LEFT, 0, 0
#define NROWS(rows) ((int) (sizeof(rows) / sizeof((rows)[0])))

/* regional base hospitals (of the base hospitals) */
static const share_row regional_base[] = {
	{NEW(C(CANCER_BASE_REGIONAL), 0), GIVE_SHARE, 0.5, 0, C(PCU), FROM_ASSUMED,
	"half have a palliative care unit"},
	{SAME, GIVE_SHARE, 0.6, 0, C(PALLIATIVE_SPECIALIST), FROM_ASSUMED,
	"60% have a palliative medicine specialist"},
	{SAME, GIVE_SHARE, 0.6, 0, C(PALLIATIVE_RADIOTHERAPY), FROM_ASSUMED,
	"60% give palliative radiotherapy"},
	{SAME, GIVE_SHARE, 0.5, 0, C(NERVE_BLOCK), FROM_ASSUMED,
	"half do nerve blocks"},
	{SAME, GIVE_SHARE, 0.5, 0, C(REGIONAL_COORDINATOR), FROM_ASSUMED,
	"half have a trained regional coordinator (the source: it varies widely)"},
	{SAME, GIVE_SHARE, 0.4, 0, C(AYA_SUPPORT), FROM_ASSUMED,
	"40% support AYA patients"},
	{SAME, GIVE_SHARE, 0.5, 0, C(CARE_FACILITY_LIAISON), FROM_ASSUMED,
	"half work with nursing-care facilities"},
};

/* hospitals with a palliative care unit, besides the base hospitals */
static const share_row pcu_hospital[] = {
	{NEW(0, 0), GIVE_ALL, 1.0, 0,
		C(PCU) | C(PCU_EXPERIENCED_NURSE) | C(OPIOID_STORAGE) | C(OPIOID_USE) |
		C(OPIOID_ALL_KINDS) | C(OPIOID_ALL_ROUTES) | C(OPIOID_SKILLED_PHYSICIAN) |
	C(END_OF_LIFE_CARE), FROM_COMMENT,
	"palliative care units to about 3.6 per million people, with what a PCU needs"},
	{SAME, GIVE_SHARE, 0.8, 0, C(PALLIATIVE_PHYSICIAN), FROM_ASSUMED,
	"80% have a palliative physician"},
	{SAME, GIVE_SHARE, 0.3, 0, C(PALLIATIVE_SPECIALIST), FROM_ASSUMED,
	"30% have a palliative medicine specialist"},
	{SAME, GIVE_SHARE, 0.4, 0, C(PALLIATIVE_TEAM), FROM_ASSUMED,
	"40% have a palliative care team"},
	{SAME, GIVE_SHARE, 0.6, 0, C(CERTIFIED_PALLIATIVE_NURSE), FROM_ASSUMED,
	"60% have a certified palliative care nurse"},
	{SAME, GIVE_SHARE, 0.5, 0, C(PALLIATIVE_OUTPATIENT), FROM_ASSUMED,
	"half have a palliative care outpatient clinic"},
	{SAME, GIVE_SHARE, 0.3, 0, C(RESPITE), FROM_ASSUMED,
	"30% take patients for respite"},
};

/* the other hospitals: long-term-care wards without a PCU */
static const share_row ltc_ward[] = {
	{NEW(0, 0), GIVE_SHARE, 0.45, 0, C(LTC_WARD), FROM_COMMENT,
	"long-term-care wards at 45% of the other hospitals"},
	/* narcotics storage: one shuffle, three parts */
	{NEW(C(LTC_WARD), 0), GIVE_SHARE, 0.109, 0, 0, FROM_SURVEY,
	"narcotics storage: no 10.9% (6 of 55); opioids not usable at all 10.9% (the same wards)"},
	{SAME, GIVE_NEXT, 0.127, 0, C(OPIOID_USE) | C(OPIOID_STORAGE_SHARED), FROM_SURVEY,
	"narcotics storage: shared with another department 12.7% (7 of 55)"},
	{SAME, GIVE_REST, 1.0, 0, C(OPIOID_USE) | C(OPIOID_STORAGE), FROM_SURVEY,
	"narcotics storage: yes 76.4% (42 of 55)"},
	/* opioid use among the wards that can: shares of all wards */
	{PAST_FIRST, GIVE_SHARE, 0.564, 0, C(OPIOID_ALL_KINDS) | C(OPIOID_ALL_ROUTES), FROM_SURVEY,
	"opioid use: unrestricted 56.4% (31 of 55)"},
	{SAME, GIVE_NEXT_FIT, 0.218, 0, C(OPIOID_ALL_ROUTES), FROM_SURVEY,
	"opioid use: limited kinds 23.6% (13 of 55), less the 1.8% limited in both ways"},
	{SAME, GIVE_NEXT, 0.091, 0, C(OPIOID_ALL_KINDS), FROM_SURVEY,
	"opioid use: limited route or timing 10.9% (6 of 55), less the 1.8% limited in both ways"},
	/* physicians: one shuffle, two parts (none 67.3% get nothing) */
	{NEW(C(LTC_WARD), 0), GIVE_SHARE, 0.018, 0, C(PALLIATIVE_PHYSICIAN), FROM_SURVEY,
	"physicians: PCU or palliative-team physician 1.8% (1 of 55); specialist 0%"},
	{SAME, GIVE_NEXT, 0.309, 0, C(OPIOID_SKILLED_PHYSICIAN), FROM_SURVEY,
	"physicians: skilled at opioid prescribing 30.9% (17 of 55)"},
	{SAME, GIVE_SHARE, 0.164, 0, C(PCU_EXPERIENCED_NURSE), FROM_SURVEY,
	"nurses: with PCU experience 16.4% (9 of 55); certified 0%"},
	{SAME, GIVE_SHARE, 0.55, 0, C(END_OF_LIFE_CARE), FROM_ASSUMED,
	"55% care for patients to the end"},
	{SAME, GIVE_SHARE, 0.15, 0, C(RESPITE), FROM_ASSUMED,
	"15% take patients for respite"},
	{SAME, GIVE_SHARE, 0.15, 0, C(HOME_CARE_SUPPORT), FROM_ASSUMED,
	"15% are home-care support hospitals"},
};

/* the other hospitals without a long-term-care ward */
static const share_row general_hospital[] = {
	{NEW(0, C(LTC_WARD)), GIVE_SHARE, 0.05, 0, 0, FROM_ASSUMED,
	"5% neither store nor use opioids"},
	{SAME, GIVE_NEXT, 0.05, 0, C(OPIOID_USE) | C(OPIOID_STORAGE_SHARED), FROM_ASSUMED,
	"5% share narcotics storage with another department"},
	{SAME, GIVE_REST, 1.0, 0, C(OPIOID_USE) | C(OPIOID_STORAGE), FROM_ASSUMED,
	"the others store narcotics on the ward"},
	{NEW(C(OPIOID_USE), C(LTC_WARD)), GIVE_SHARE, 0.75, 0, C(OPIOID_ALL_KINDS), FROM_ASSUMED,
	"75% of those using opioids use all kinds"},
	{SAME, GIVE_SHARE, 0.80, 0, C(OPIOID_ALL_ROUTES), FROM_ASSUMED,
	"80% of those using opioids use every route"},
	{NEW(0, C(LTC_WARD)), GIVE_SHARE, 0.35, 0, C(OPIOID_SKILLED_PHYSICIAN), FROM_ASSUMED,
	"35% have a physician skilled with opioids"},
	{SAME, GIVE_SHARE, 0.08, 0, C(PALLIATIVE_PHYSICIAN), FROM_ASSUMED,
	"8% have a palliative physician"},
	{SAME, GIVE_SHARE, 0.10, 0, C(PALLIATIVE_TEAM), FROM_ASSUMED,
	"10% have a palliative care team"},
	{SAME, GIVE_SHARE, 0.20, 0, C(HOME_CARE_SUPPORT), FROM_ASSUMED,
	"20% are home-care support hospitals"},
	{SAME, GIVE_SHARE, 0.40, 0, C(END_OF_LIFE_CARE), FROM_ASSUMED,
	"40% care for patients to the end"},
	{SAME, GIVE_SHARE, 0.15, 0, C(CANCER_REHAB), FROM_ASSUMED,
	"15% offer cancer rehabilitation"},
	{SAME, GIVE_SHARE, 0.20, 0, C(CONSULTATION_DESK), FROM_ASSUMED,
	"20% have a consultation desk"},
};

/* clinics */
static const share_row clinic[] = {
	{NEW(0, 0), GIVE_SHARE, 0.14, 0, C(HOME_CARE_SUPPORT), FROM_COMMENT,
	"clinics: 14% home_care_support"},
	{NEW(C(HOME_CARE_SUPPORT), 0), GIVE_SHARE, 0.04 / 0.14, 0, C(HOME_CARE_SUPPORT_ENHANCED),
	FROM_COMMENT, "clinics: 4% enhanced home_care_support (of all clinics)"},
	{SAME, GIVE_ALL, 1.0, 0, C(HOME_VISIT), FROM_COMMENT,
	"home-care support clinics visit homes"},
	{NEW(C(HOME_CARE_SUPPORT), C(HOME_CARE_SUPPORT_ENHANCED)), GIVE_SHARE, 0.75, 0,
	C(HOME_VISIT_24H), FROM_COMMENT, "most home-care support clinics visit around the clock"},
	{NEW(C(HOME_CARE_SUPPORT_ENHANCED), 0), GIVE_ALL, 1.0, 0,
		C(HOME_VISIT_24H) | C(OPIOID_USE) | C(OPIOID_ALL_KINDS) | C(END_OF_LIFE_CARE),
	FROM_COMMENT, "enhanced ones all visit around the clock (with opioids, to the end)"},
	{NEW(C(HOME_CARE_SUPPORT), C(HOME_CARE_SUPPORT_ENHANCED)), GIVE_SHARE, 0.55, 0,
	C(OPIOID_USE), FROM_ASSUMED, "55% of the other home-care support clinics use opioids"},
	{SAME, GIVE_SHARE, 0.55, 0, C(END_OF_LIFE_CARE), FROM_ASSUMED,
	"55% of them care for patients to the end"},
	{NEW(C(HOME_CARE_SUPPORT) | C(OPIOID_USE), 0), GIVE_SHARE, 0.6, 0, C(OPIOID_ALL_KINDS),
	FROM_ASSUMED, "60% of home-care support clinics using opioids use all kinds"},
	{SAME, GIVE_SHARE, 0.5, 0, C(OPIOID_ALL_ROUTES), FROM_ASSUMED,
	"half of them use every route"},
	{SAME, GIVE_SHARE, 0.12, 0, C(PALLIATIVE_PHYSICIAN), FROM_ASSUMED,
	"12% of them have a palliative physician"},
	{SAME, GIVE_SHARE, 0.35, 0, C(OPIOID_SKILLED_PHYSICIAN), FROM_ASSUMED,
	"35% of them have a physician skilled with opioids"},
	{NEW(0, C(HOME_CARE_SUPPORT)), GIVE_SHARE, 0.08, 0, C(HOME_VISIT), FROM_ASSUMED,
	"8% of the other clinics visit homes"},
	{SAME, GIVE_SHARE, 0.06, 0, C(OPIOID_USE), FROM_ASSUMED,
	"6% of the other clinics use opioids"},
	{NEW(C(OPIOID_USE), 0), GIVE_ALL, 1.0, 0, C(OPIOID_STORAGE), FROM_ASSUMED,
	"clinics that use opioids store them"},

	/*
	 * A share of all clinics over the scratch list as the rows above left it:
	 * it may hold a clinic twice and miss another, so that slightly fewer
	 * than 1% may get the capability.  Kept as it is: picking the clinics
	 * anew would change every seed's sample.
	 */
	{LEFT, GIVE_SHARE, 0.01, 0, C(PALLIATIVE_OUTPATIENT), FROM_ASSUMED,
	"about 1% have a palliative care outpatient clinic"},
};

/* visiting-nurse stations */
static const share_row station[] = {
	{NEW(0, 0), GIVE_SHARE, 0.97, 0, C(HOME_NURSING), FROM_COMMENT,
	"visiting-nurse stations: 97% home_nursing"},
	{NEW(C(HOME_NURSING), 0), GIVE_SHARE, 0.60, 1, C(HOME_VISIT_24H), FROM_COMMENT,
	"visiting-nurse stations: 60% home_visit_24h (of all stations)"},
	{SAME, GIVE_SHARE, 0.55, 0, C(END_OF_LIFE_CARE), FROM_ASSUMED,
	"55% of those nursing at home care for patients to the end"},
	{SAME, GIVE_SHARE, 0.08, 0, C(CERTIFIED_PALLIATIVE_NURSE), FROM_ASSUMED,
	"8% of them have a certified palliative care nurse"},
	{SAME, GIVE_SHARE, 0.06, 0, C(PEDIATRIC_PALLIATIVE), FROM_ASSUMED,
	"6% of them nurse children"},
};

/* pharmacies */
static const share_row pharmacy[] = {
	{NEW(0, 0), GIVE_SHARE, 0.80, 0, C(NARCOTICS_RETAIL_LICENSE), FROM_COMMENT,
	"pharmacies: 80% narcotics_retail_license"},
	{NEW(C(NARCOTICS_RETAIL_LICENSE), 0), GIVE_SHARE, 0.30, 1, C(PHARMACY_HOME_VISIT),
	FROM_COMMENT, "pharmacies: 30% pharmacy_home_visit (of all pharmacies, all licensed)"},
	{NEW(C(PHARMACY_HOME_VISIT), 0), GIVE_SHARE, 0.10, 0, C(STERILE_COMPOUNDING), FROM_ASSUMED,
	"10% of those visiting homes compound sterile preparations"},
	{SAME, GIVE_SHARE, 0.07, 0, C(PALLIATIVE_PHARMACIST), FROM_ASSUMED,
	"7% of them have a palliative care pharmacist"},
};

/* care facilities */
static const share_row care_facility[] = {
	{NEW(0, 0), GIVE_SHARE, 0.60, 0, C(END_OF_LIFE_CARE), FROM_COMMENT,
	"care facilities: 60% end_of_life_care"},
	{SAME, GIVE_SHARE, 0.35, 0, C(CARE_FACILITY_LIAISON), FROM_ASSUMED,
	"35% work with a hospital on palliative care"},
	{SAME, GIVE_SHARE, 0.25, 0, C(RESPITE), FROM_ASSUMED,
	"25% take patients for respite"},
};

typedef struct profile
{
	const share_row *rows;
	int			nrows;
} profile;

/* by pal_profile */
static const profile profiles[] = {
	{regional_base, NROWS(regional_base)},
	{pcu_hospital, NROWS(pcu_hospital)},
	{ltc_ward, NROWS(ltc_ward)},
	{general_hospital, NROWS(general_hospital)},
	{clinic, NROWS(clinic)},
	{station, NROWS(station)},
	{pharmacy, NROWS(pharmacy)},
	{care_facility, NROWS(care_facility)},
};

/* ---- applying the rows -------------------------------------------------- */

/* where the rows of a group stand */
typedef struct walk
{
	pal_rng    *rng;
	pal_sample_facility *f;
	int			from,
				to;				/* the group: facilities [from, to) */
	int		   *list;			/* the list, and scratch behind it */
	int			n;				/* length of the list */
	int			base;			/* what shares are of */
	int			pos;			/* parts given so far end here */
	int			first;			/* size of the last GIVE_SHARE part */
} walk;

static int
share_count(double share, int n)
{
	return (int) floor(share * n + 0.5);
}

static void
pick_list(walk *w, const share_row *row)
{
	int			i;

	switch (row->pick)
	{
		case PICK_NEW:
			w->n = 0;
			for (i = w->from; i < w->to; i++)
			{
				pal_capset	c = w->f[i].capabilities;

				if ((c & row->with) == row->with && (c & row->without) == 0)
					w->list[w->n++] = i;
			}
			w->base = w->n;
			w->pos = 0;
			break;
		case PICK_SAME:
			break;
		case PICK_PAST_FIRST:
			memmove(w->list, w->list + w->first, (size_t) (w->n - w->first) * sizeof(int));
			w->n -= w->first;
			w->pos = 0;
			break;
		case PICK_LEFT:
			w->n = w->base = w->to - w->from;
			w->pos = 0;
			break;
	}
}

/* how many facilities the row gives its capabilities to */
static int
row_count(const walk *w, const share_row *row)
{
	double		share = row->share;

	if (row->of_group)
		share = share * (w->to - w->from) / (w->n > 0 ? w->n : 1);
	return share_count(share, w->base);
}

/* a GIVE_NEXT_FIT row leaves room for the GIVE_NEXT rows right after it */
static int
fit_count(const walk *w, const share_row *next, const share_row *end, int count)
{
	int			room = w->n - w->pos;

	for (; next < end && next->pick == PICK_SAME && next->give == GIVE_NEXT; next++)
		room -= row_count(w, next);
	return count > room ? (room > 0 ? room : 0) : count;
}

static void
give_to(walk *w, int upto, pal_capset caps)
{
	int			i;

	if (upto > w->n)
		upto = w->n;
	for (i = w->pos; i < upto; i++)
		w->f[w->list[i]].capabilities |= caps;
	if (upto > w->pos)
		w->pos = upto;
}

static void
apply_row(walk *w, const share_row *row, const share_row *end)
{
	int			count;

	pick_list(w, row);
	switch (row->give)
	{
		case GIVE_SHARE:
			shuffle(w->rng, w->list, w->n);
			w->pos = 0;
			give_to(w, row_count(w, row), row->caps);
			w->first = w->pos;
			break;
		case GIVE_NEXT:
			give_to(w, w->pos + row_count(w, row), row->caps);
			break;
		case GIVE_NEXT_FIT:
			count = fit_count(w, row + 1, end, row_count(w, row));
			give_to(w, w->pos + count, row->caps);
			break;
		case GIVE_REST:
			give_to(w, w->n, row->caps);
			break;
		case GIVE_ALL:
			w->pos = 0;
			give_to(w, w->n, row->caps);
			break;
	}
}

/*
 * Gives the facilities [from, to) the capabilities of a profile, drawing
 * from rng.  list has room for to - from entries; it is left holding the
 * list of the last row, in its order, whose length is returned.
 */
int
pal_sample_profile(pal_rng *rng, pal_sample_facility *f, int from, int to,
				   pal_profile which, int *list)
{
	const profile *p = &profiles[which];
	const share_row *row;
	walk		w;

	memset(&w, 0, sizeof(w));
	w.rng = rng;
	w.f = f;
	w.from = from;
	w.to = to;
	w.list = list;
	for (row = p->rows; row < p->rows + p->nrows; row++)
		apply_row(&w, row, p->rows + p->nrows);
	return w.n;
}
