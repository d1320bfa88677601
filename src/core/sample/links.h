/*
 * links.h
 *	  The care network of the generated sample: links between base
 *	  hospitals and the facilities around them, deterministic for a seed.
 *
 * Each base hospital works with facilities within its reach (40 km for a
 * prefectural base hospital, 30 km for a regional one, 25 km for a regional
 * cancer-care hospital), the more likely the more capable and the nearer
 * they are and the stronger the base hospital; each partnership gets links
 * of the kinds that fit the partner (referral to home care and nursing,
 * back-referral to inpatient wards, consultations from pharmacies and
 * clinics, training with capable facilities).  A base hospital that reported
 * attending regional conferences gets conference links to some hosts near
 * it, active during the fiscal year the report describes.  About one link
 * in eight has ended.
 */
#ifndef PAL_NETSAMPLE_H
#define PAL_NETSAMPLE_H

#include "pal_core.h"

/* facility kinds and care tiers in the order of the SQL enums */
enum
{
	PAL_NET_HOSPITAL = 0, PAL_NET_CLINIC, PAL_NET_NURSING, PAL_NET_PHARMACY,
	PAL_NET_CARE
};
enum
{
	PAL_NET_LINK_REFERRAL = 0, PAL_NET_LINK_BACK_REFERRAL,
	PAL_NET_LINK_CONSULTATION, PAL_NET_LINK_CONFERENCE, PAL_NET_LINK_TRAINING
};

typedef struct pal_net_facility
{
	double		lon,
				lat;
	int			kind;			/* PAL_NET_HOSPITAL .. PAL_NET_CARE */
	int			tier;			/* 0 none, 1 limited, 2 capable, 3 specialist */
	int			base_type;		/* -1 not a base hospital, 0 prefectural, 1 regional, 2 regional hospital */
	int			conferences;	/* conferences attended, -1 unknown */
	int			report_fy;		/* fiscal year the count describes, -1 unknown */
} pal_net_facility;

typedef struct pal_net_link
{
	uint32_t	from,
				to;				/* facility rows */
	int			kind;			/* PAL_NET_LINK_* */
	int32_t		since;			/* days since 2000-01-01 */
	int32_t		until;			/* days since 2000-01-01, or INT32_MIN for none */
} pal_net_link;

#define PAL_NET_NO_UNTIL INT32_MIN

/* days since 2000-01-01 of a civil date */
extern int32_t pal_days_from_civil(int y, int m, int d);

/*
 * Generate the links of n facilities for a seed.  *out is allocated through
 * alloc (release it with alloc->release), *nout links.
 */
extern pal_status pal_sample_links(uint64_t seed, const pal_net_facility *f,
								   size_t n, pal_net_link **out, size_t *nout,
								   const pal_allocator *alloc, pal_error *err);

#endif							/* PAL_NETSAMPLE_H */
