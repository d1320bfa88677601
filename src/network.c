/*
 * network.c
 *	  SQL interface of the care network: palliative.sample_links, the links
 *	  of the generated sample (src/core/sample/links.c).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "core/sample/links.h"
#include "pal_glue.h"

PG_FUNCTION_INFO_V1(pal_sample_links_sql);

static const char *const link_kinds[] = {
	"referral", "back_referral", "consultation", "conference", "training"
};

Datum
pal_sample_links_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		seed = PG_GETARG_INT32(0);
	MemoryContext cxt;
	pal_allocator alloc;
	pal_error	err;
	pal_net_facility *fac;
	int64	   *ids;
	pal_net_link *links;
	size_t		n,
				nlinks,
				i;

	InitMaterializedSRF(fcinfo, 0);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "palliative sample links",
								ALLOCSET_DEFAULT_SIZES);
	alloc = pal_context_allocator(cxt);
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("could not connect to SPI")));
	if (SPI_execute("SELECT f.id, public.ST_X(f.geom), public.ST_Y(f.geom), "
					"pg_catalog.array_position(pg_catalog.enum_range(NULL::palliative.facility_kind), f.kind) - 1, "
					"pg_catalog.array_position(pg_catalog.enum_range(NULL::palliative.care_tier), palliative.care_tier(f.capabilities)) - 1, "
					"CASE WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_base_prefectural}'::palliative.capset THEN 0 "
					"WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_base_regional}'::palliative.capset THEN 1 "
					"WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_regional_hospital}'::palliative.capset THEN 2 ELSE -1 END, "
					"coalesce(f.conferences_attended, -1), coalesce(palliative.fiscal_year(f.surveyed_on) - 1, -1) "
					"FROM palliative.facility f WHERE f.source OPERATOR(pg_catalog.=) 'sample' AND f.geom IS NOT NULL "
					"ORDER BY f.id", true, 0) != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not read the sample facilities")));
	n = SPI_processed;
	fac = MemoryContextAllocHuge(cxt, mul_size(Max(n, 1), sizeof(pal_net_facility)));
	ids = MemoryContextAllocHuge(cxt, mul_size(Max(n, 1), sizeof(int64)));
	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		ids[i] = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		fac[i].lon = DatumGetFloat8(SPI_getbinval(tup, desc, 2, &isnull));
		fac[i].lat = DatumGetFloat8(SPI_getbinval(tup, desc, 3, &isnull));
		fac[i].kind = DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
		fac[i].tier = DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull));
		fac[i].base_type = DatumGetInt32(SPI_getbinval(tup, desc, 6, &isnull));
		fac[i].conferences = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
		fac[i].report_fy = DatumGetInt32(SPI_getbinval(tup, desc, 8, &isnull));
	}
	SPI_finish();

	pal_check(pal_sample_links((uint64) (uint32) seed, fac, n, &links, &nlinks,
							   &alloc, &err), &err);
	for (i = 0; i < nlinks; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = Int64GetDatum(ids[links[i].from]);
		values[1] = Int64GetDatum(ids[links[i].to]);
		values[2] = CStringGetTextDatum(link_kinds[links[i].kind]);
		values[3] = DateADTGetDatum((DateADT) links[i].since);
		if (links[i].until == PAL_NET_NO_UNTIL)
			nulls[4] = true;
		else
			values[4] = DateADTGetDatum((DateADT) links[i].until);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
