/*
 * sample.c
 *	  SQL interface of the sample generator: set-returning functions that
 *	  palliative.load_sample() inserts from (see core/sample.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core/sample/sample.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(sample_regions);
PG_FUNCTION_INFO_V1(sample_cells);
PG_FUNCTION_INFO_V1(sample_facilities);

/*
 * Generates the sample of the seed in a child context of the current one,
 * which the caller deletes when done.
 */
static MemoryContext
generate(int32 seed, unsigned flags, pal_sample *sample)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "palliative sample",
											  ALLOCSET_DEFAULT_SIZES);
	pal_allocator alloc = pal_context_allocator(cxt);
	pal_error	err;

	pal_check(pal_sample_generate((int64_t) seed, flags, &alloc, sample, &err), &err);
	return cxt;
}

Datum
sample_regions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	pal_sample	sample;
	MemoryContext cxt;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	cxt = generate(PG_GETARG_INT32(0), PAL_SAMPLE_POLYGONS, &sample);
	for (i = 0; i < sample.nregions; i++)
	{
		const pal_sample_region *r = &sample.regions[i];
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		CHECK_FOR_INTERRUPTS();
		values[0] = CStringGetTextDatum(r->code);
		values[1] = CStringGetTextDatum(pal_sample_level_names[r->level]);
		values[2] = CStringGetTextDatum(r->name_ja);
		values[3] = CStringGetTextDatum(r->name_en);
		if (r->parent_code[0] != '\0')
			values[4] = CStringGetTextDatum(r->parent_code);
		else
			nulls[4] = true;
		values[5] = Int64GetDatum(r->population);
		values[6] = PointerGetDatum(pal_bytea_from(r->ewkb, r->ewkb_len));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

Datum
sample_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	pal_sample	sample;
	MemoryContext cxt;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	cxt = generate(PG_GETARG_INT32(0), 0, &sample);
	for (i = 0; i < sample.ncells; i++)
	{
		const pal_sample_cell *c = &sample.cells[i];
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		if (i % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
		values[0] = Int64GetDatum((int64) c->mesh);
		values[1] = Float8GetDatum(c->lon);
		values[2] = Float8GetDatum(c->lat);
		values[3] = Float8GetDatum(c->total);
		values[4] = Float8GetDatum(c->aged_65_plus);
		values[5] = Float8GetDatum(c->aged_75_plus);
		values[6] = Float8GetDatum(c->cancer_deaths);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

static void
put_count(Datum *values, bool *nulls, int i, int32_t v)
{
	if (v < 0)
		nulls[i] = true;
	else
		values[i] = Int32GetDatum(v);
}

Datum
sample_facilities(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	pal_sample	sample;
	MemoryContext cxt;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	cxt = generate(PG_GETARG_INT32(0), 0, &sample);
	for (i = 0; i < sample.nfacilities; i++)
	{
		const pal_sample_facility *f = &sample.facilities[i];
		Datum		values[13];
		bool		nulls[13];

		if (i % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
		memset(nulls, 0, sizeof(nulls));
		values[0] = CStringGetTextDatum(f->name);
		values[1] = CStringGetTextDatum(pal_sample_kind_names[f->kind]);
		values[2] = Int64GetDatum((int64) f->capabilities);
		values[3] = Int32GetDatum(f->pcu_beds);
		values[4] = Int32GetDatum(f->ltc_beds);
		values[5] = Int32GetDatum(f->general_beds);
		put_count(values, nulls, 6, f->physicians);
		put_count(values, nulls, 7, f->physicians_trained);
		put_count(values, nulls, 8, f->conferences_attended);
		values[9] = CStringGetTextDatum(f->address);
		values[10] = Float8GetDatum(f->lon);
		values[11] = Float8GetDatum(f->lat);
		values[12] = DateADTGetDatum((DateADT) f->surveyed_on);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
