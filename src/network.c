/*
 * network.c
 *	  SQL interface of the care network: palliative.sample_links, the links
 *	  of the generated sample (src/core/sample/links.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "core/sample/links.h"
#include "pal_glue.h"
#include "reader.h"

PG_FUNCTION_INFO_V1(pal_sample_links_sql);

static const char *const link_kinds[] = {
	"referral", "back_referral", "consultation", "conference", "training"
};

static const pal_colspec facility_cols[7] = {
	{"id", PAL_COL_ID, PAL_COL_KEY},
	{"geom", PAL_COL_POINT, 0},
	{"kind", PAL_COL_INTEGER, 0},
	{"tier", PAL_COL_INTEGER, 0},
	{"base_type", PAL_COL_INTEGER, 0},
	{"conferences", PAL_COL_INTEGER, 0},
	{"report_fy", PAL_COL_INTEGER, 0}
};

/* the sample's facilities with what the link generator needs, in id order */
static const pal_query facility_query = {
	"the sample's facilities", "sample facility", facility_cols, 7, NULL, true
};

static const char *const facility_sql =
"SELECT f.id, f.geom, "
"pg_catalog.array_position(pg_catalog.enum_range(NULL::palliative.facility_kind), f.kind) - 1 AS kind, "
"pg_catalog.array_position(pg_catalog.enum_range(NULL::palliative.tier), palliative.care_tier(f.capabilities)) - 1 AS tier, "
"CASE WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_base_prefectural}'::palliative.capset THEN 0 "
"WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_base_regional}'::palliative.capset THEN 1 "
"WHEN f.capabilities OPERATOR(palliative.@>) '{cancer_regional_hospital}'::palliative.capset THEN 2 ELSE -1 END AS base_type, "
"coalesce(f.conferences_attended, -1) AS conferences, "
"coalesce(palliative.fiscal_year(f.surveyed_on) - 1, -1) AS report_fy "
"FROM palliative.facility f WHERE f.source OPERATOR(pg_catalog.=) 'sample' AND f.geom IS NOT NULL "
"ORDER BY f.id";

/* read the facilities into the generator's form; ids[i] is facility i's id */
static size_t
read_facilities(MemoryContext cxt, pal_net_facility **fac, int64 **ids)
{
	pal_rows	r;
	size_t		i;

	pal_read(&facility_query, facility_sql, 0, NULL, NULL, cxt, &r);
	*fac = MemoryContextAllocHuge(cxt, mul_size(Max(r.n, 1), sizeof(pal_net_facility)));
	*ids = r.col[0].i;
	for (i = 0; i < r.n; i++)
	{
		pal_net_facility *f = &(*fac)[i];

		f->lon = r.col[1].lon[i];
		f->lat = r.col[1].lat[i];
		f->kind = r.col[2].i32[i];
		f->tier = r.col[3].i32[i];
		f->base_type = r.col[4].i32[i];
		f->conferences = r.col[5].i32[i];
		f->report_fy = r.col[6].i32[i];
	}
	return r.n;
}

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
	n = read_facilities(cxt, &fac, &ids);

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
