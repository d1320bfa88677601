-- @area Roles and privileges
-- palliative_reader reads the views; palliative_analyst also runs the
-- computing and reporting functions.  Neither can change standards or
-- facilities.  The roles are cluster-wide: created when missing, kept when
-- the extension is dropped.

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'palliative_reader') THEN
        CREATE ROLE palliative_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'palliative_analyst') THEN
        CREATE ROLE palliative_analyst NOLOGIN;
    END IF;
END
$roles$;

GRANT USAGE ON SCHEMA palliative TO palliative_reader, palliative_analyst;

-- readers: every view and materialized view of the schema, and no table
DO $grants$
DECLARE
    v regclass;
BEGIN
    FOR v IN SELECT c.oid FROM pg_catalog.pg_class AS c
             WHERE c.relnamespace OPERATOR(pg_catalog.=) 'palliative'::regnamespace
               AND c.relkind OPERATOR(pg_catalog.=) ANY ('{v,m}'::"char"[])
             ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON %s TO palliative_reader', v);
    END LOOP;
END
$grants$;

-- analysts: the views, the tables (read only) and the computing and reporting functions
GRANT palliative_reader TO palliative_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA palliative TO palliative_analyst;
GRANT EXECUTE ON FUNCTION
    palliative.fca(text, text, palliative.decay, text, text),
    palliative.fca_supply(text, text, palliative.decay, text, text),
    palliative.nearest(text, text, integer, double precision, text, palliative.decay),
    palliative.capacity_coverage(text, text, palliative.decay, text, text),
    palliative.capacity_coverage_supply(text, text, palliative.decay, text, text),
    palliative.capacity_allocation(text, text, palliative.decay, text, text),
    palliative.spatial_availability(text, text, palliative.decay, double precision, text),
    palliative.cost_to_capacity(text, text, double precision, double precision, text),
    palliative.gap_report(text, text, text, integer, text),
    palliative.report_plan(text, text, text, integer, integer),
    palliative.gap_report_formats(text, text, integer, text),
    palliative.coverage_geojson(text, text),
    palliative.coverage_mvt(integer, integer, integer, json),
    palliative.strengthen(text, integer, text, text),
    palliative.conference_distribution(text),
    palliative.link_partners(date)
    TO palliative_analyst;

-- functions that write, and the reports that run strengthen (volatile): not
-- for PUBLIC (the owner, or roles it grants, run them)
REVOKE EXECUTE ON FUNCTION
    palliative.gap_report(text, text, text, integer, text),
    palliative.report_plan(text, text, text, integer, integer),
    palliative.gap_report_formats(text, text, integer, text),
    palliative.refresh(text[], date),
    palliative.lock_refresh_inputs(),
    palliative.schedule_refresh(text, text),
    palliative.unschedule_refresh(text),
    palliative.assign_regions(text, text, text),
    palliative.load_sample(integer),
    palliative.import_filings(text, text, text),
    palliative.filing_stage(text, text, text),
    palliative.filing_classify(text, text),
    palliative.filing_apply(bigint, text),
    palliative.store_reports(bigint),
    palliative.sample_insert(integer),
    palliative.link_filings(text[]),
    palliative.sync_filing_capabilities(text[], bigint[]),
    palliative.filing_institutions(text[]),
    palliative.filing_decide(text[]),
    palliative.filing_place()
    FROM PUBLIC;
