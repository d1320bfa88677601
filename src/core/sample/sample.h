/*
 * sample.h
 *	  The deterministic sample study area behind palliative.load_sample().
 *
 * From one seed, the generator builds a Japan-like area on the 1 km
 * (level-3) regional mesh between 37.0 and 39.17 deg N and 139.5 and
 * 142.0 deg E: land and sea, mountains, four fictitious prefectures (codes
 * 81-84, beyond the real 01-47) split into secondary medical regions and
 * municipalities, the population of every inhabited 1 km cell, and the
 * hospitals, clinics, visiting-nurse stations, pharmacies and care
 * facilities of the area with their capability profiles.
 *
 * Same seed, same output on every machine: the generator has its own PRNG
 * (xoshiro256** seeded through splitmix64), uses only +, -, *, /, sqrt and
 * floor (exact or correctly rounded in IEEE 754; no libm transcendental
 * functions, no fused multiply-add), breaks every tie by index, and rounds
 * what it outputs (people to integers, cancer deaths to 1e-4, facility
 * coordinates to 1e-6 deg).  The work is split between world.c (the land,
 * regions and people), facilities.c (where facilities are, their beds and
 * staff), profiles.c (their capabilities: the table of shares), outlines.c
 * (region outlines) and rng.c (the random numbers); they share the private
 * header sample_int.h.  links.c builds the care network between the
 * facilities once they are loaded (links.h).
 */
#ifndef PAL_SAMPLE_H
#define PAL_SAMPLE_H

#include "pal_core.h"
#include "types/capset.h"
#include "types/meshcode.h"

/* ---- the sample -------------------------------------------------------- */

#define PAL_SAMPLE_NAMELEN 128

typedef enum pal_sample_level
{
	PAL_SAMPLE_PREFECTURE = 0,
	PAL_SAMPLE_SECONDARY,
	PAL_SAMPLE_MUNICIPALITY
} pal_sample_level;

/* "prefecture", "secondary", "municipality" */
extern const char *const pal_sample_level_names[];

typedef struct pal_sample_region
{
	char		code[16];		/* '81', '8101', '81201' */
	pal_sample_level level;
	char		name_ja[PAL_SAMPLE_NAMELEN];
	char		name_en[PAL_SAMPLE_NAMELEN];
	char		parent_code[16];	/* "" for a prefecture */
	int64_t		population;		/* sum of its cells */
	uint8_t    *ewkb;			/* MultiPolygon, SRID 4326 (NULL unless asked) */
	size_t		ewkb_len;
} pal_sample_region;

typedef struct pal_sample_cell
{
	pal_meshcode mesh;			/* level 3 */
	double		lon;			/* centre of the cell */
	double		lat;
	double		total;
	double		aged_65_plus;
	double		aged_75_plus;
	double		cancer_deaths;	/* expected per year */
} pal_sample_cell;

typedef enum pal_sample_kind
{
	PAL_KIND_HOSPITAL = 0,
	PAL_KIND_CLINIC,
	PAL_KIND_VISITING_NURSE_STATION,
	PAL_KIND_PHARMACY,
	PAL_KIND_CARE_FACILITY,
	PAL_KIND__COUNT
} pal_sample_kind;

/* the labels of palliative.facility_kind, by pal_sample_kind */
extern const char *const pal_sample_kind_names[];

typedef struct pal_sample_facility
{
	char		name[PAL_SAMPLE_NAMELEN];
	pal_sample_kind kind;
	pal_capset	capabilities;
	int32_t		pcu_beds;
	int32_t		ltc_beds;
	int32_t		general_beds;
	int32_t		physicians;		/* -1: unknown (NULL) */
	int32_t		physicians_trained; /* -1: unknown */
	int32_t		conferences_attended;	/* -1: unknown */
	char		address[PAL_SAMPLE_NAMELEN * 2];
	double		lon;
	double		lat;
	int32_t		surveyed_on;	/* days since 2000-01-01 */
} pal_sample_facility;

typedef struct pal_sample
{
	int			nregions;
	pal_sample_region *regions;
	int			ncells;
	pal_sample_cell *cells;
	int			nfacilities;
	pal_sample_facility *facilities;
} pal_sample;

/* what to build besides cells, regions (without polygons) and facilities */
#define PAL_SAMPLE_POLYGONS 1

/*
 * Builds the sample of the given seed into *out, allocating with alloc.
 * PAL_ERR_NOMEM or PAL_ERR_INTERRUPTED on failure (out is then released).
 */
extern pal_status pal_sample_generate(int64_t seed, unsigned flags,
									  const pal_allocator *alloc,
									  pal_sample *out, pal_error *err);
extern void pal_sample_free(pal_sample *sample, const pal_allocator *alloc);

/* grid of the sample area, in level-3 (1 km) rows and columns */
#define PAL_SAMPLE_ROWS 260
#define PAL_SAMPLE_COLS 200
#define PAL_SAMPLE_ROW0 4440		/* 37.0 deg N */
#define PAL_SAMPLE_COL0 3160		/* 139.5 deg E */

#endif							/* PAL_SAMPLE_H */
