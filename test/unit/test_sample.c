/*
 * test_sample.c
 *	  Unit tests of the sample generator: the PRNG's fixed outputs, the
 *	  generator's determinism, its invariants and the proportions it promises.
 */
#include <math.h>

#include "testdata.h"
#include "sample/rng.h"
#include "sample/sample.h"

static void
test_prng_known_outputs(void **state)
{
	pal_rng		rng;
	uint64_t	st = 0;

	(void) state;
	/* splitmix64's published first output for state 0 */
	assert_true(pal_splitmix64(&st) == 0xe220a8397b1dcdafULL);
	/* xoshiro256** seeded through splitmix64(1): frozen; must never change */
	pal_rng_seed(&rng, 1);
	assert_true(pal_rng_next(&rng) == 0xb3f2af6d0fc710c5ULL);
	assert_true(pal_rng_next(&rng) == 0x853b559647364ceaULL);
	assert_true(pal_rng_next(&rng) == 0x92f89756082a4514ULL);
	assert_true(pal_rng_next(&rng) == 0x642e1c7bc266a3a7ULL);
	pal_rng_seed(&rng, (uint64_t) -1);
	assert_true(pal_rng_next(&rng) == 0x8f5520d52a7ead08ULL);
	pal_rng_seed(&rng, 1);
	assert_true(pal_rng_uniform(&rng) == 0.70292183315885048);
	assert_true(pal_rng_uniform(&rng) == 0.52043661993885693);
	pal_rng_seed(&rng, 1);
	assert_int_equal(pal_rng_below(&rng, 10), 5);
	assert_int_equal(pal_rng_below(&rng, 10), 2);
	assert_int_equal(pal_rng_below(&rng, 10), 6);
}

static void
test_prng_ranges(void **state)
{
	pal_rng		rng;
	int			i,
				hist[7] = {0};

	(void) state;
	pal_rng_seed(&rng, 42);
	for (i = 0; i < 70000; i++)
	{
		double		u = pal_rng_uniform(&rng);
		uint32_t	b = pal_rng_below(&rng, 7);

		assert_true(u >= 0.0 && u < 1.0);
		assert_true(b < 7);
		hist[b]++;
	}
	for (i = 0; i < 7; i++)
		assert_true(hist[i] > 9500 && hist[i] < 10500);
	assert_int_equal(pal_rng_below(&rng, 1), 0);
	assert_true(pal_rng_below(&rng, 0xFFFFFFFFu) < 0xFFFFFFFFu);
}

static int
same_sample(const pal_sample *a, const pal_sample *b)
{
	int			i;

	if (a->nregions != b->nregions || a->ncells != b->ncells ||
		a->nfacilities != b->nfacilities)
		return 0;
	for (i = 0; i < a->nregions; i++)
		if (strcmp(a->regions[i].code, b->regions[i].code) != 0 ||
			a->regions[i].population != b->regions[i].population ||
			a->regions[i].ewkb_len != b->regions[i].ewkb_len ||
			(a->regions[i].ewkb != NULL &&
			 memcmp(a->regions[i].ewkb, b->regions[i].ewkb, a->regions[i].ewkb_len) != 0))
			return 0;
	if (memcmp(a->cells, b->cells, sizeof(pal_sample_cell) * (size_t) a->ncells) != 0)
		return 0;
	for (i = 0; i < a->nfacilities; i++)
	{
		const pal_sample_facility *x = &a->facilities[i],
				   *y = &b->facilities[i];

		if (strcmp(x->name, y->name) != 0 || x->capabilities != y->capabilities ||
			x->lon != y->lon || x->lat != y->lat || x->general_beds != y->general_beds ||
			x->surveyed_on != y->surveyed_on || x->conferences_attended != y->conferences_attended)
			return 0;
	}
	return 1;
}

static void
test_deterministic(void **state)
{
	pal_sample	a,
				b,
				c;
	pal_error	err;

	(void) state;
	assert_int_equal(pal_sample_generate(1, PAL_SAMPLE_POLYGONS, &pal_malloc_allocator, &a, &err), PAL_OK);
	assert_int_equal(pal_sample_generate(1, PAL_SAMPLE_POLYGONS, &pal_malloc_allocator, &b, &err), PAL_OK);
	assert_int_equal(pal_sample_generate(2, PAL_SAMPLE_POLYGONS, &pal_malloc_allocator, &c, &err), PAL_OK);
	assert_true(same_sample(&a, &b));
	assert_false(same_sample(&a, &c));
	/* polygons are optional and do not change anything else */
	pal_sample_free(&b, &pal_malloc_allocator);
	assert_int_equal(pal_sample_generate(1, 0, &pal_malloc_allocator, &b, &err), PAL_OK);
	assert_null(b.regions[0].ewkb);
	assert_int_equal(b.ncells, a.ncells);
	assert_memory_equal(b.cells, a.cells, sizeof(pal_sample_cell) * (size_t) a.ncells);
	assert_int_equal(b.nfacilities, a.nfacilities);
	assert_string_equal(b.facilities[b.nfacilities - 1].name, a.facilities[a.nfacilities - 1].name);
	pal_sample_free(&a, &pal_malloc_allocator);
	pal_sample_free(&b, &pal_malloc_allocator);
	pal_sample_free(&c, &pal_malloc_allocator);
	assert_null(a.cells);
}

/*
 * FNV-1a over values in a fixed byte order, so that the pinned outputs below
 * mean the same on every machine.
 */
typedef struct fnv
{
	uint64_t	h;
} fnv;

static void
fnv_u64(fnv *f, uint64_t v)
{
	int			i;

	for (i = 0; i < 8; i++)
	{
		f->h ^= (v >> (8 * i)) & 0xFF;
		f->h *= 0x100000001b3ULL;
	}
}

static void
fnv_f64(fnv *f, double d)
{
	uint64_t	v;

	memcpy(&v, &d, sizeof(v));
	fnv_u64(f, v);
}

static void
fnv_bytes(fnv *f, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t		i;

	fnv_u64(f, (uint64_t) n);
	for (i = 0; i < n; i++)
	{
		f->h ^= c[i];
		f->h *= 0x100000001b3ULL;
	}
}

static void
fnv_str(fnv *f, const char *s)
{
	fnv_bytes(f, s, strlen(s));
}

/* hashes of a sample's regions, cells and facilities, every field */
static void
sample_hashes(const pal_sample *s, uint64_t out[3])
{
	fnv			f = {0xcbf29ce484222325ULL};
	int			i;

	for (i = 0; i < s->nregions; i++)
	{
		const pal_sample_region *r = &s->regions[i];

		fnv_str(&f, r->code);
		fnv_u64(&f, (uint64_t) r->level);
		fnv_str(&f, r->name_ja);
		fnv_str(&f, r->name_en);
		fnv_str(&f, r->parent_code);
		fnv_u64(&f, (uint64_t) r->population);
		fnv_bytes(&f, r->ewkb, r->ewkb_len);
	}
	out[0] = f.h;
	f.h = 0xcbf29ce484222325ULL;
	for (i = 0; i < s->ncells; i++)
	{
		const pal_sample_cell *c = &s->cells[i];

		fnv_u64(&f, c->mesh);
		fnv_f64(&f, c->lon);
		fnv_f64(&f, c->lat);
		fnv_f64(&f, c->total);
		fnv_f64(&f, c->aged_65_plus);
		fnv_f64(&f, c->aged_75_plus);
		fnv_f64(&f, c->cancer_deaths);
	}
	out[1] = f.h;
	f.h = 0xcbf29ce484222325ULL;
	for (i = 0; i < s->nfacilities; i++)
	{
		const pal_sample_facility *x = &s->facilities[i];

		fnv_str(&f, x->name);
		fnv_u64(&f, (uint64_t) x->kind);
		fnv_u64(&f, x->capabilities);
		fnv_u64(&f, (uint64_t) (int64_t) x->pcu_beds);
		fnv_u64(&f, (uint64_t) (int64_t) x->ltc_beds);
		fnv_u64(&f, (uint64_t) (int64_t) x->general_beds);
		fnv_u64(&f, (uint64_t) (int64_t) x->physicians);
		fnv_u64(&f, (uint64_t) (int64_t) x->physicians_trained);
		fnv_u64(&f, (uint64_t) (int64_t) x->conferences_attended);
		fnv_str(&f, x->address);
		fnv_f64(&f, x->lon);
		fnv_f64(&f, x->lat);
		fnv_u64(&f, (uint64_t) (int64_t) x->surveyed_on);
	}
	out[2] = f.h;
}

/*
 * The whole output of two seeds, pinned: the same on every machine and with
 * every compiler (the generator never leaves the order of its draws to the
 * compiler), and unchanged by any rewrite of the generator.
 */
static void
test_pinned(void **state)
{
	static const struct
	{
		int64_t		seed;
		int			nregions,
					ncells,
					nfacilities;
		uint64_t	hash[3];
	}			pins[2] = {
		{1, 73, 25147, 10507, {0x76f6252a4c6eacb2ULL, 0xcd7b8099c75ff17aULL, 0x7640d2e79bbc2b11ULL}},
		{7, 76, 25147, 9089, {0xa9060481076d7db5ULL, 0x6357a3865337413bULL, 0xe5e64a6aed130882ULL}},
	};
	int			k;

	(void) state;
	for (k = 0; k < 2; k++)
	{
		pal_sample	s;
		pal_error	err;
		uint64_t	h[3];

		assert_int_equal(pal_sample_generate(pins[k].seed, PAL_SAMPLE_POLYGONS,
											 &pal_malloc_allocator, &s, &err), PAL_OK);
		assert_int_equal(s.nregions, pins[k].nregions);
		assert_int_equal(s.ncells, pins[k].ncells);
		assert_int_equal(s.nfacilities, pins[k].nfacilities);
		sample_hashes(&s, h);
		if (h[0] != pins[k].hash[0] || h[1] != pins[k].hash[1] || h[2] != pins[k].hash[2])
			print_message("seed %lld: 0x%016llxULL, 0x%016llxULL, 0x%016llxULL\n",
						  (long long) pins[k].seed, (unsigned long long) h[0],
						  (unsigned long long) h[1], (unsigned long long) h[2]);
		assert_true(h[0] == pins[k].hash[0]);
		assert_true(h[1] == pins[k].hash[1]);
		assert_true(h[2] == pins[k].hash[2]);
		pal_sample_free(&s, &pal_malloc_allocator);
	}
}

#define HAS(f, cap) (((f)->capabilities & PAL_CAP(CAP_##cap)) != 0)

/* the other kinds' profiles as the COMMENT of sample_facilities states them */
static void
check_other_kinds(const pal_sample *s)
{
	int			n[PAL_KIND__COUNT] = {0},
				hcs = 0,
				enhanced = 0,
				hcs_24h = 0,
				nursing = 0,
				station_24h = 0,
				licensed = 0,
				home_visit = 0,
				unlicensed_visit = 0,
				end_of_life = 0,
				i;

	for (i = 0; i < s->nfacilities; i++)
	{
		const pal_sample_facility *f = &s->facilities[i];

		n[f->kind]++;
		switch (f->kind)
		{
			case PAL_KIND_CLINIC:
				hcs += HAS(f, HOME_CARE_SUPPORT);
				enhanced += HAS(f, HOME_CARE_SUPPORT_ENHANCED);
				hcs_24h += HAS(f, HOME_CARE_SUPPORT) && HAS(f, HOME_VISIT_24H);
				/* enhanced support is a kind of home-care support */
				assert_true(!HAS(f, HOME_CARE_SUPPORT_ENHANCED) || HAS(f, HOME_CARE_SUPPORT));
				break;
			case PAL_KIND_VISITING_NURSE_STATION:
				nursing += HAS(f, HOME_NURSING);
				station_24h += HAS(f, HOME_VISIT_24H);
				break;
			case PAL_KIND_PHARMACY:
				licensed += HAS(f, NARCOTICS_RETAIL_LICENSE);
				home_visit += HAS(f, PHARMACY_HOME_VISIT);
				unlicensed_visit += HAS(f, PHARMACY_HOME_VISIT) && !HAS(f, NARCOTICS_RETAIL_LICENSE);
				break;
			case PAL_KIND_CARE_FACILITY:
				end_of_life += HAS(f, END_OF_LIFE_CARE);
				break;
			default:
				break;
		}
	}
	/* exact counts (rounded), or within one where a share is of a subset */
#define EXACT(count, share, of) assert_int_equal((count), (int) floor((share) * (of) + 0.5))
#define WITHIN1(count, share, of) assert_true(abs((count) - (int) floor((share) * (of) + 0.5)) <= 1)
	EXACT(hcs, 0.14, n[PAL_KIND_CLINIC]);
	WITHIN1(enhanced, 0.04, n[PAL_KIND_CLINIC]);
	assert_true(2 * hcs_24h > hcs);
	EXACT(nursing, 0.97, n[PAL_KIND_VISITING_NURSE_STATION]);
	WITHIN1(station_24h, 0.60, n[PAL_KIND_VISITING_NURSE_STATION]);
	EXACT(licensed, 0.80, n[PAL_KIND_PHARMACY]);
	WITHIN1(home_visit, 0.30, n[PAL_KIND_PHARMACY]);
	assert_int_equal(unlicensed_visit, 0);
	EXACT(end_of_life, 0.60, n[PAL_KIND_CARE_FACILITY]);
}

static void
check_sample(int64_t seed)
{
	pal_sample	s;
	pal_error	err;
	int			i,
				levels[3] = {0},
				kinds[PAL_KIND__COUNT] = {0},
				ltc = 0,
				pcu_nurse = 0,
				cert = 0,
				pal_phys = 0,
				skilled = 0,
				storage = 0,
				shared = 0,
				nouse = 0,
				unrestricted = 0,
				limited_kinds = 0,
				limited_route = 0,
				prefectural = 0;
	double		people = 0.0,
				a65 = 0.0,
				a75 = 0.0,
				deaths = 0.0;
	int64_t		pref_people = 0;

	assert_int_equal(pal_sample_generate(seed, PAL_SAMPLE_POLYGONS, &pal_malloc_allocator, &s, &err), PAL_OK);
	/* regions */
	for (i = 0; i < s.nregions; i++)
	{
		const pal_sample_region *r = &s.regions[i];

		levels[r->level]++;
		assert_int_equal(strlen(r->code), r->level == PAL_SAMPLE_PREFECTURE ? 2
						 : r->level == PAL_SAMPLE_SECONDARY ? 4 : 5);
		if (r->level != PAL_SAMPLE_PREFECTURE)
			assert_memory_equal(r->code, r->parent_code, 2);
		if (r->level == PAL_SAMPLE_PREFECTURE)
			pref_people += r->population;
		assert_true(r->population > 0);
		assert_non_null(r->ewkb);
		assert_true(r->ewkb_len > 13 + 9 + 4 + 5 * 16);
		assert_int_equal(r->ewkb[0], 1);
		assert_int_equal(r->ewkb[1], 6);	/* MultiPolygon */
		assert_int_equal(r->ewkb[4], 0x20); /* with SRID */
	}
	assert_int_equal(levels[PAL_SAMPLE_PREFECTURE], 4);
	assert_true(levels[PAL_SAMPLE_SECONDARY] >= 12);
	assert_true(levels[PAL_SAMPLE_MUNICIPALITY] >= levels[PAL_SAMPLE_SECONDARY] * 3);
	/* cells */
	assert_true(s.ncells >= 20000);
	for (i = 0; i < s.ncells; i++)
	{
		const pal_sample_cell *c = &s.cells[i];

		assert_int_equal(pal_mesh_level(c->mesh), 3);
		assert_true(c->total >= 1.0);
		assert_true(c->aged_75_plus <= c->aged_65_plus && c->aged_65_plus <= c->total);
		assert_true(c->lat > 37.0 && c->lat < 37.0 + PAL_SAMPLE_ROWS / 120.0);
		assert_true(c->lon > 139.5 && c->lon < 139.5 + PAL_SAMPLE_COLS / 80.0);
		people += c->total;
		a65 += c->aged_65_plus;
		a75 += c->aged_75_plus;
		deaths += c->cancer_deaths;
	}
	assert_true((int64_t) people == pref_people);
	assert_true(a65 / people > 0.27 && a65 / people < 0.31);
	assert_true(a75 / people > 0.13 && a75 / people < 0.17);
	assert_true(deaths / people > 0.0027 && deaths / people < 0.0034);
	/* facilities */
	for (i = 0; i < s.nfacilities; i++)
	{
		const pal_sample_facility *f = &s.facilities[i];

		kinds[f->kind]++;
		assert_true(f->lat > 37.0 && f->lat < 37.0 + PAL_SAMPLE_ROWS / 120.0);
		assert_true(f->name[0] != '\0');
		assert_true(f->physicians_trained <= f->physicians);
		if (HAS(f, CANCER_BASE_PREFECTURAL))
			prefectural++;
		if (HAS(f, PCU))
			assert_true(f->pcu_beds > 0);
		if (f->kind != PAL_KIND_HOSPITAL || !HAS(f, LTC_WARD) || HAS(f, PCU))
			continue;
		ltc++;
		pcu_nurse += HAS(f, PCU_EXPERIENCED_NURSE);
		cert += HAS(f, CERTIFIED_PALLIATIVE_NURSE);
		pal_phys += HAS(f, PALLIATIVE_PHYSICIAN);
		skilled += HAS(f, OPIOID_SKILLED_PHYSICIAN);
		storage += HAS(f, OPIOID_STORAGE);
		shared += HAS(f, OPIOID_STORAGE_SHARED);
		nouse += !HAS(f, OPIOID_USE);
		unrestricted += HAS(f, OPIOID_ALL_KINDS) && HAS(f, OPIOID_ALL_ROUTES);
		limited_kinds += HAS(f, OPIOID_USE) && !HAS(f, OPIOID_ALL_KINDS);
		limited_route += HAS(f, OPIOID_USE) && !HAS(f, OPIOID_ALL_ROUTES);
	}
	for (i = 0; i < PAL_KIND__COUNT; i++)
		assert_true(kinds[i] > 0);
	/* per head as in Japan: 8,200 hospitals and 105,000 clinics per 125 M */
	assert_true(kinds[PAL_KIND_HOSPITAL] == (int) (people * 8200.0 / 125e6 + 0.5));
	assert_true(kinds[PAL_KIND_CLINIC] == (int) (people * 105000.0 / 125e6 + 0.5));
	assert_int_equal(prefectural, 4);
	/* the Tokyo survey of long-term-care wards, within 1 percentage point */
	assert_true(ltc >= 100);
#define NEAR(count, pct) assert_true(fabs(100.0 * (count) / ltc - (pct)) <= 1.0)
	NEAR(pcu_nurse, 16.4);
	NEAR(cert, 0.0);
	NEAR(pal_phys, 1.8);
	NEAR(skilled, 30.9);
	NEAR(storage, 76.4);
	NEAR(shared, 12.7);
	NEAR(nouse, 10.9);
	NEAR(unrestricted, 56.4);
	NEAR(limited_kinds, 23.6);
	NEAR(limited_route, 10.9);
	check_other_kinds(&s);
	pal_sample_free(&s, &pal_malloc_allocator);
}

static void
test_invariants(void **state)
{
	(void) state;
	check_sample(1);
	check_sample(2);
	check_sample(-12345);
	check_sample(INT32_MAX);
}

static void
test_interrupt(void **state)
{
	pal_allocator a = pal_malloc_allocator;
	pal_sample	s;
	pal_error	err;

	(void) state;
	a.check_interrupt = td_stop_now;
	assert_int_equal(pal_sample_generate(1, PAL_SAMPLE_POLYGONS, &a, &s, &err), PAL_ERR_INTERRUPTED);
	assert_null(s.cells);
	assert_null(s.regions);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prng_known_outputs),
		cmocka_unit_test(test_prng_ranges),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_pinned),
		cmocka_unit_test(test_invariants),
		cmocka_unit_test(test_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
