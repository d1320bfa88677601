/*
 * capset.h
 *	  Facility capability sets: the vocabulary, parsing and formatting.
 *
 * A capset is a 64-bit set of capabilities.  Each capability has a fixed bit
 * that is never renumbered; new capabilities take the next free bit.
 */
#ifndef PAL_CAPSET_H
#define PAL_CAPSET_H

#include "pal_core.h"

typedef uint64_t pal_capset;

typedef struct pal_capability
{
	const char *name;			/* e.g. "pcu" */
	int			bit;			/* 0..63, fixed forever */
	const char *category;		/* service, designation, staff, medication */
	const char *label_ja;
	const char *label_en;
	const char *description;
} pal_capability;

/* the vocabulary, ordered by bit (bit == index) */
extern const pal_capability pal_capabilities[];
extern const int pal_ncapabilities;

/* bits that name a capability */
extern pal_capset pal_capset_valid_mask(void);

/* bit of the capability named by name[0..len), or -1 */
extern int	pal_capability_lookup(const char *name, size_t len);

/* the capability with this bit, or NULL */
extern const pal_capability *pal_capability_by_bit(int bit);

/*
 * Checks a binary value: PAL_OK, or PAL_ERR_BINARY when a bit outside the
 * vocabulary is set.
 */
extern pal_status pal_capset_check(pal_capset set, pal_error *err);

/*
 * Parses the text form "{name, name, ...}": braces required, names separated
 * by commas, white space allowed around names and braces, any order,
 * duplicates allowed, "{}" is the empty set.  Returns PAL_ERR_SYNTAX for
 * malformed text or an unknown name (the hint then lists the valid names).
 * The input is str[0..len); it need not be NUL-terminated.
 */
extern pal_status pal_capset_parse(const char *str, size_t len,
								   pal_capset *out, pal_error *err);

/*
 * Adds the capability named name[0..len) to *set.  Same checks as the parser
 * for one element (no surrounding white space is trimmed).
 */
extern pal_status pal_capset_add_name(pal_capset *set, const char *name,
									  size_t len, pal_error *err);

/* length of the text form, not counting the terminating NUL */
extern size_t pal_capset_text_length(pal_capset set);

/*
 * Writes the canonical text form ("{a,b}", sorted by bit, no spaces) into
 * buf, which must hold pal_capset_text_length(set) + 1 bytes.
 */
extern void pal_capset_format(pal_capset set, char *buf);

/* number of capabilities in the set */
extern int	pal_capset_count(pal_capset set);

/* fills hint with "Valid names are: a, b, ...".  */
extern void pal_capset_names_hint(pal_error *err);

/* care tiers, in order (palliative.care_tier) */
typedef enum pal_care_tier
{
	PAL_TIER_NONE = 0,
	PAL_TIER_LIMITED,
	PAL_TIER_CAPABLE,
	PAL_TIER_SPECIALIST
} pal_care_tier;

extern const char *const pal_care_tier_names[];

/*
 * The care tier of a profile:
 *	 specialist: pcu, palliative_team or palliative_specialist;
 *	 capable: can relieve pain in its own role: full opioid use with storage
 *		and a skilled physician or nurse, or a licensed pharmacy visiting
 *		homes, or home nursing around the clock;
 *	 limited: any of opioid_use, home_visit, home_nursing,
 *		pharmacy_home_visit, end_of_life_care;
 *	 none: otherwise.
 */
extern pal_care_tier pal_capset_care_tier(pal_capset set);

/* bit of a capability known at compile time, for rules in C */
enum pal_capability_bit
{
	CAP_PCU = 0,
	CAP_PALLIATIVE_TEAM,
	CAP_PALLIATIVE_OUTPATIENT,
	CAP_LTC_WARD,
	CAP_HOME_VISIT,
	CAP_HOME_VISIT_24H,
	CAP_HOME_NURSING,
	CAP_RESPITE,
	CAP_END_OF_LIFE_CARE,
	CAP_PEDIATRIC_PALLIATIVE,
	CAP_AYA_SUPPORT,
	CAP_PALLIATIVE_RADIOTHERAPY,
	CAP_NERVE_BLOCK,
	CAP_CANCER_REHAB,
	CAP_CONSULTATION_DESK,
	CAP_CANCER_CONSULTATION_CENTER,
	CAP_CARE_FACILITY_LIAISON,
	CAP_CANCER_BASE_PREFECTURAL,
	CAP_CANCER_BASE_REGIONAL,
	CAP_CANCER_REGIONAL_HOSPITAL,
	CAP_HOME_CARE_SUPPORT,
	CAP_HOME_CARE_SUPPORT_ENHANCED,
	CAP_PALLIATIVE_SPECIALIST,
	CAP_PALLIATIVE_PHYSICIAN,
	CAP_OPIOID_SKILLED_PHYSICIAN,
	CAP_CERTIFIED_PALLIATIVE_NURSE,
	CAP_PCU_EXPERIENCED_NURSE,
	CAP_PALLIATIVE_PHARMACIST,
	CAP_REGIONAL_COORDINATOR,
	CAP_OPIOID_STORAGE,
	CAP_OPIOID_STORAGE_SHARED,
	CAP_OPIOID_USE,
	CAP_OPIOID_ALL_KINDS,
	CAP_OPIOID_ALL_ROUTES,
	CAP_NARCOTICS_RETAIL_LICENSE,
	CAP_PHARMACY_HOME_VISIT,
	CAP_STERILE_COMPOUNDING,
	CAP__COUNT
};

#define PAL_CAP(bit) (((pal_capset) 1) << (bit))

#endif							/* PAL_CAPSET_H */
