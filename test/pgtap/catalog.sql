-- Catalog audit: what the extension installs, checked against what it
-- should be.  Security (no SECURITY DEFINER, search_path on every SQL and
-- PL/pgSQL function, no PUBLIC EXECUTE on functions that write), the labels
-- of every function (compared with the list below), the privileges of the
-- two roles (in the catalog, and by trying as each role), and a COMMENT on
-- every object.
--
-- A function added, removed or relabelled on purpose: update "expected
-- labels" below (one line per function, as the failure message prints it).
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = warning;

BEGIN;
SELECT plan(31);

-- the extension's objects
CREATE TEMP VIEW ext_member AS
SELECT d.classid, d.objid
FROM pg_catalog.pg_depend AS d
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
  AND d.deptype = 'e' AND e.extname = 'palliative';

CREATE TEMP VIEW ext_function AS
SELECT p.oid, p.oid::regprocedure::text AS signature, p.prokind, p.provolatile, p.proisstrict,
       p.proparallel, p.proleakproof, p.prosecdef, p.proconfig, p.prorettype, l.lanname
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
WHERE ('pg_catalog.pg_proc'::regclass, p.oid) IN (SELECT classid, objid FROM ext_member);

CREATE TEMP VIEW ext_relation AS
SELECT c.oid, c.oid::regclass::text AS name, c.relkind
FROM pg_catalog.pg_class AS c
WHERE ('pg_catalog.pg_class'::regclass, c.oid) IN (SELECT classid, objid FROM ext_member)
  AND c.relkind IN ('r', 'p', 'v', 'm');

-- runs a statement as a role and returns its SQLSTATE ('00000' when it
-- succeeds); whatever it did is rolled back
CREATE FUNCTION pg_temp.try_as(r text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text;
BEGIN
    BEGIN
        EXECUTE format('SET LOCAL ROLE %I', r);
        EXECUTE stmt;
        RAISE EXCEPTION 'undo' USING ERRCODE = 'P0099';
    EXCEPTION WHEN OTHERS THEN
        state := CASE SQLSTATE WHEN 'P0099' THEN '00000' ELSE SQLSTATE END;
    END;
    RETURN state;
END
$$;

-- ---------------------------------------------------------------------------
-- security labels
SELECT is_empty($$ SELECT signature FROM ext_function WHERE prosecdef $$,
                'no function is SECURITY DEFINER');

SELECT is_empty($$ SELECT signature FROM ext_function
                   WHERE lanname IN ('sql', 'plpgsql')
                     AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (proconfig), false) $$,
                'every SQL and PL/pgSQL function has SET search_path = pg_catalog, pg_temp');

-- every VOLATILE SQL or PL/pgSQL function writes or changes state, or runs
-- one that is volatile (the trigger function aside, which cannot be called
-- directly): none is PUBLIC
SELECT is_empty($$ SELECT signature FROM ext_function
                   WHERE provolatile = 'v' AND lanname IN ('sql', 'plpgsql')
                     AND prorettype <> 'trigger'::regtype
                     AND has_function_privilege('public', oid, 'EXECUTE') $$,
                'no PUBLIC EXECUTE on a VOLATILE SQL or PL/pgSQL function (they write)');

SELECT is_empty($$ SELECT f::text FROM unnest(ARRAY[
                       'palliative.refresh(text[], date)',
                       'palliative.lock_refresh_inputs()',
                       'palliative.schedule_refresh(text, text)',
                       'palliative.unschedule_refresh(text)',
                       'palliative.assign_regions(text, text, text)',
                       'palliative.load_sample(integer)',
                       'palliative.import_filings(text, text, text)',
                       'palliative.store_reports(bigint)',
                       'palliative.sample_insert(integer)']::regprocedure[]) AS f,
                       unnest(ARRAY['public', 'palliative_reader', 'palliative_analyst']) AS r
                   WHERE has_function_privilege(r, f, 'EXECUTE') $$,
                'refresh, lock_refresh_inputs, schedule_refresh, unschedule_refresh, assign_regions, load_sample, import_filings, store_reports and sample_insert: no EXECUTE for PUBLIC, reader or analyst');

-- ---------------------------------------------------------------------------
-- expected labels: signature, kind, volatility, strictness, parallel, leakproof
CREATE TEMP TABLE expected_label (line text);
INSERT INTO expected_label VALUES
('palliative.assign_regions(text,text,text) function volatile called unsafe'),
('palliative.capability_vocabulary() function immutable strict safe'),
('palliative.capacity_allocation(text,text,palliative.decay,text,text) function volatile called unsafe'),
('palliative.capacity_coverage(text,text,palliative.decay,text,text) function volatile called unsafe'),
('palliative.capacity_coverage_supply(text,text,palliative.decay,text,text) function volatile called unsafe'),
('palliative.capset(text[]) function immutable strict safe'),
('palliative.capset_cmp(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_contained(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_contains(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_count(palliative.capset) function immutable strict safe'),
('palliative.capset_eq(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_ge(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_gin_consistent(internal,smallint,palliative.capset,integer,internal,internal,internal,internal) function immutable strict safe'),
('palliative.capset_gin_extract_query(palliative.capset,internal,smallint,internal,internal,internal,internal) function immutable strict safe'),
('palliative.capset_gin_extract_value(palliative.capset,internal) function immutable strict safe'),
('palliative.capset_gin_triconsistent(internal,smallint,palliative.capset,integer,internal,internal,internal) function immutable strict safe'),
('palliative.capset_gt(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_hash(palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_in(cstring) function immutable strict safe'),
('palliative.capset_intersect(palliative.capset,palliative.capset) function immutable strict safe'),
('palliative.capset_intersect_agg(palliative.capset) aggregate immutable called safe'),
('palliative.capset_intersect_transfn(palliative.capset,palliative.capset) function immutable strict safe'),
('palliative.capset_le(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_lt(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_minus(palliative.capset,palliative.capset) function immutable strict safe'),
('palliative.capset_names(palliative.capset) function immutable strict safe'),
('palliative.capset_ne(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_out(palliative.capset) function immutable strict safe'),
('palliative.capset_overlaps(palliative.capset,palliative.capset) function immutable strict safe leakproof'),
('palliative.capset_recv(internal) function immutable strict safe'),
('palliative.capset_send(palliative.capset) function immutable strict safe'),
('palliative.capset_union(palliative.capset,palliative.capset) function immutable strict safe'),
('palliative.capset_union_agg(palliative.capset) aggregate immutable called safe'),
('palliative.capset_union_transfn(palliative.capset,palliative.capset) function immutable strict safe'),
('palliative.care_tier(palliative.capset) function immutable strict safe'),
('palliative.catchment_text(palliative.decay) function immutable strict safe'),
('palliative.check_level(text) function immutable called safe'),
('palliative.check_standard(text) function stable called safe'),
('palliative.citus_distributed(regclass) function stable called safe'),
('palliative.cost_to_capacity(text,text,double precision,double precision,text) function volatile called unsafe'),
('palliative.coverage_geojson(text,text) function stable called safe'),
('palliative.coverage_mvt(integer,integer,integer,json) function stable called safe'),
('palliative.decay_cutoff(palliative.decay) function immutable strict safe'),
('palliative.decay_in(cstring) function immutable strict safe'),
('palliative.decay_is_time(palliative.decay) function immutable strict safe'),
('palliative.decay_out(palliative.decay) function immutable strict safe'),
('palliative.decay_recv(internal) function immutable strict safe'),
('palliative.decay_send(palliative.decay) function immutable strict safe'),
('palliative.decay_weight(palliative.decay,double precision) function immutable strict safe'),
('palliative.fca(text,text,palliative.decay,text,text) function volatile called unsafe'),
('palliative.fca_supply(text,text,palliative.decay,text,text) function volatile called unsafe'),
('palliative.fca_access(palliative.prepared_supply,palliative.decay,text,palliative.fca_sums,bigint,geometry,double precision) function immutable called safe'),
('palliative.fca_demand_part(palliative.prepared_supply,palliative.decay,text,bigint,geometry,double precision) function immutable called safe'),
('palliative.fca_distributed(text,text,palliative.decay,text) function volatile called unsafe'),
('palliative.fca_part_in(cstring) function immutable strict safe'),
('palliative.fca_part_out(palliative.fca_part) function immutable strict safe'),
('palliative.fca_part_recv(internal) function immutable strict safe'),
('palliative.fca_part_send(palliative.fca_part) function immutable strict safe'),
('palliative.fca_ratios(palliative.prepared_supply,palliative.decay,text,palliative.fca_sums) function immutable called safe'),
('palliative.fca_step1(palliative.fca_part) aggregate immutable called safe'),
('palliative.fca_step1(palliative.fca_sums) aggregate immutable called safe'),
('palliative.fca_step1_combine(palliative.fca_sums,palliative.fca_sums) function immutable called safe'),
('palliative.fca_step1_final(palliative.fca_sums) function immutable called safe'),
('palliative.fca_step1_trans(palliative.fca_sums,palliative.fca_part) function immutable called safe'),
('palliative.fca_sums_in(cstring) function immutable strict safe'),
('palliative.fca_sums_out(palliative.fca_sums) function immutable strict safe'),
('palliative.fca_sums_recv(internal) function immutable strict safe'),
('palliative.fca_sums_send(palliative.fca_sums) function immutable strict safe'),
('palliative.fca_sums_summary(palliative.fca_sums) function immutable strict safe'),
('palliative.fmt_int(double precision) function immutable called safe'),
('palliative.fmt_pct(double precision) function immutable called safe'),
('palliative.gap_colour(double precision) function immutable called safe'),
('palliative.gap_report(text,text,text,integer,text) function volatile called unsafe'),
('palliative.check_report_format(text) function immutable called safe'),
('palliative.check_area(text) function stable called safe'),
('palliative.demand_label(text,text) function immutable called safe'),
('palliative.map_layout(geometry[],text[],double precision,double precision,double precision) function immutable called safe'),
('palliative.report_area_regions(text,text) function stable called safe'),
('palliative.report_level(text,text) function stable called safe'),
('palliative.report_regions(text,text,integer) function stable called safe'),
('palliative.report_standards(text,text) function stable called safe'),
('palliative.report_summary(text,text,text) function stable called safe'),
('palliative.store_reports(bigint) function volatile called unsafe'),
('palliative.stored_report(text,text,bigint) function stable called safe'),
('palliative.report_gaps(text,text,text,integer) function stable called safe'),
('palliative.report_plan(text,text,text,integer,integer) function volatile called unsafe'),
('palliative.gap_report_formats(text,text,integer,text) function volatile called unsafe'),
('palliative.report_directory(text,text) function stable called safe'),
('palliative.report_sources(text) function stable called safe'),
('palliative.report_map(text,text,integer) function stable called safe'),
('palliative.gini(double precision,double precision) aggregate immutable called safe'),
('palliative.html_escape(text) function immutable called safe'),
('palliative.md_escape(text) function immutable called safe'),
('palliative.ineq_gini_finalfn(internal) function immutable called safe'),
('palliative.ineq_pairs_combinefn(internal,internal) function immutable called safe'),
('palliative.ineq_pairs_deserialfn(bytea,internal) function immutable strict safe'),
('palliative.ineq_pairs_serialfn(internal) function immutable strict safe'),
('palliative.ineq_pairs_transfn(internal,double precision,double precision) function immutable called safe'),
('palliative.ineq_palma_finalfn(internal) function immutable called safe'),
('palliative.ineq_theil_combinefn(double precision[],double precision[]) function immutable strict safe'),
('palliative.ineq_theil_finalfn(double precision[]) function immutable strict safe'),
('palliative.ineq_theil_transfn(double precision[],double precision,double precision) function immutable called safe'),
('palliative.load_sample(integer) function volatile called unsafe'),
('palliative.mesh_at(double precision,double precision,integer) function immutable strict safe'),
('palliative.mesh_at(geometry,integer) function immutable strict safe'),
('palliative.mesh_center(palliative.meshcode) function immutable strict safe'),
('palliative.mesh_center_ewkb(palliative.meshcode) function immutable strict safe'),
('palliative.mesh_children(palliative.meshcode) function immutable strict safe'),
('palliative.mesh_level(palliative.meshcode) function immutable strict safe'),
('palliative.mesh_parent(palliative.meshcode,integer) function immutable strict safe'),
('palliative.mesh_polygon(palliative.meshcode) function immutable strict safe'),
('palliative.mesh_polygon_ewkb(palliative.meshcode) function immutable strict safe'),
('palliative.meshcode(bigint) function immutable strict safe'),
('palliative.meshcode(integer) function immutable strict safe'),
('palliative.meshcode_cmp(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_eq(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_ge(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_gt(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_hash(palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_in(cstring) function immutable strict safe'),
('palliative.meshcode_le(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_lt(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_ne(palliative.meshcode,palliative.meshcode) function immutable strict safe leakproof'),
('palliative.meshcode_out(palliative.meshcode) function immutable strict safe'),
('palliative.meshcode_recv(internal) function immutable strict safe'),
('palliative.meshcode_send(palliative.meshcode) function immutable strict safe'),
('palliative.meshcode_to_bigint(palliative.meshcode) function immutable strict safe'),
('palliative.nearest(text,text,integer,double precision,text,palliative.decay) function volatile called unsafe'),
('palliative.spatial_availability(text,text,palliative.decay,double precision,text) function volatile called unsafe'),
('palliative.palma(double precision,double precision) aggregate immutable called safe'),
('palliative.population_fill_geom() function volatile called unsafe'),
('palliative.prepare_supply(text,palliative.decay) function volatile called unsafe'),
('palliative.prepared_supply_in(cstring) function immutable strict safe'),
('palliative.prepared_supply_out(palliative.prepared_supply) function immutable strict safe'),
('palliative.prepared_supply_recv(internal) function immutable strict safe'),
('palliative.prepared_supply_send(palliative.prepared_supply) function immutable strict safe'),
('palliative.refresh(text[],date) function volatile called unsafe'),
('palliative.refresh_inputs() function immutable called safe'),
('palliative.lock_refresh_inputs() function volatile called unsafe'),
('palliative.standard_check_decay() function volatile called unsafe'),
('palliative.region_row_id(integer,text,text) function immutable strict safe'),
('palliative.sample_cells(integer) function immutable strict safe'),
('palliative.sample_facilities(integer) function immutable strict safe'),
('palliative.sample_insert(integer) function volatile called unsafe'),
('palliative.sample_regions(integer) function immutable strict safe'),
('palliative.schedule_refresh(text,text) function volatile called unsafe'),
('palliative.standard_demand_sql(integer) function stable strict safe'),
('palliative.standard_supply_sql(integer) function immutable strict safe'),
('palliative.strengthen(text,integer,text,text) function volatile called unsafe'),
('palliative.theil_t(double precision,double precision) aggregate immutable called safe'),
('palliative.unschedule_refresh(text) function volatile called unsafe'),
-- care network
('palliative.conference_distribution(text) function stable called safe'),
('palliative.fiscal_year(date) function immutable strict safe'),
('palliative.fiscal_year_start(integer) function immutable strict safe'),
('palliative.is_base_hospital(palliative.capset) function immutable strict safe'),
('palliative.last_fiscal_year(date) function immutable strict safe'),
('palliative.link_partners(date) function stable strict safe'),
('palliative.sample_links(integer) function stable strict safe'),
-- facility-standard filings
('palliative.capabilities_inform(palliative.capset,palliative.capset,palliative.capset,palliative.tier) function immutable called safe'),
('palliative.report_changes(text,text,integer) function stable called safe'),
('palliative.report_no_data(text,text,text) function stable called safe'),
('palliative.tier_capabilities(palliative.tier) function immutable strict safe'),
('palliative.filing_apply(bigint,text) function volatile called unsafe'),
('palliative.filing_decide(text[]) function volatile called unsafe'),
('palliative.filing_institutions(text[]) function volatile called unsafe'),
('palliative.filing_place() function volatile called unsafe'),
('palliative.link_filings(text[]) function volatile called unsafe'),
('palliative.sync_filing_capabilities(text[],bigint[]) function volatile called unsafe'),
('palliative.jp_prefecture_name(text) function immutable strict safe'),
('palliative.jp_name_similarity(text,text) function immutable strict safe'),
('palliative.filing_classify(text,text) function volatile called unsafe'),
('palliative.filing_rows(text,text,text) function immutable called safe'),
('palliative.filing_stage(text,text,text) function volatile called unsafe'),
('palliative.import_filings(text,text,text) function volatile called unsafe'),
('palliative.jp_address_key(text) function immutable strict safe'),
('palliative.jp_count(text) function immutable strict safe'),
('palliative.jp_date(text) function immutable strict safe'),
('palliative.jp_name_keys(text) function immutable strict safe'),
('palliative.jp_prefecture(text) function immutable strict safe');

SELECT set_eq(
    $$ SELECT signature
              || CASE prokind WHEN 'a' THEN ' aggregate' WHEN 'w' THEN ' window' WHEN 'p' THEN ' procedure' ELSE ' function' END
              || CASE provolatile WHEN 'i' THEN ' immutable' WHEN 's' THEN ' stable' ELSE ' volatile' END
              || CASE WHEN proisstrict THEN ' strict' ELSE ' called' END
              || CASE proparallel WHEN 's' THEN ' safe' WHEN 'r' THEN ' restricted' ELSE ' unsafe' END
              || CASE WHEN proleakproof THEN ' leakproof' ELSE '' END
       FROM ext_function $$,
    $$ SELECT line FROM expected_label $$,
    'every function has the expected kind, volatility, strictness, parallel and leakproof labels');

-- labels that follow from what a function does, whatever the list says
SELECT is_empty($$ SELECT signature FROM ext_function
                   WHERE lanname IN ('sql', 'plpgsql') AND provolatile = 'v' AND proparallel <> 'u' $$,
                'functions that write are PARALLEL UNSAFE');
SELECT is_empty($$ SELECT signature FROM ext_function WHERE proleakproof AND provolatile <> 'i' $$,
                'only IMMUTABLE functions are LEAKPROOF');

-- a SQL or PL/pgSQL function is no stricter than what it calls: not
-- IMMUTABLE or STABLE when its body calls one of ours that is VOLATILE (nor
-- IMMUTABLE when it calls a STABLE one), not PARALLEL SAFE when it calls one
-- that is PARALLEL UNSAFE or RESTRICTED.  Calls (palliative.NAME( ...) are
-- read from the function's definition, which covers BEGIN ATOMIC bodies
-- too, once whole-line comments and string literals are taken out (a
-- message may name a function it does not call).
CREATE TEMP VIEW ext_code AS
SELECT f.oid,
       pg_catalog.regexp_replace(
           pg_catalog.regexp_replace(pg_catalog.pg_get_functiondef(f.oid), '(^|\n)[ \t]*--[^\n]*', '\1', 'g'),
           '''(?:[^'']|'''')*''', '''''', 'g') AS code
FROM ext_function AS f
WHERE f.lanname IN ('sql', 'plpgsql') AND f.prokind = 'f';
CREATE TEMP VIEW ext_call AS
SELECT f.signature AS caller, f.provolatile AS caller_vol, f.proparallel AS caller_par,
       g.signature AS callee, g.provolatile AS callee_vol, g.proparallel AS callee_par
FROM ext_function AS f
JOIN ext_code AS c ON c.oid = f.oid
JOIN ext_function AS g
  ON g.oid <> f.oid
 AND c.code ~ ('palliative\.' || (SELECT p.proname FROM pg_catalog.pg_proc AS p WHERE p.oid = g.oid) || '\s*\(');
SELECT is_empty($$ SELECT caller || ' calls ' || callee FROM ext_call
                   WHERE (callee_vol = 'v' AND caller_vol <> 'v')
                      OR (callee_vol = 's' AND caller_vol = 'i')
                      OR (callee_par IN ('u', 'r') AND caller_par = 's') $$,
                'no SQL or PL/pgSQL function is labelled stricter (volatility, parallel) than a function of ours it calls');
SELECT cmp_ok((SELECT count(*) FROM ext_call), '>', 50::bigint,
              'the call graph read from the definitions is not empty (the check above has something to check)');

-- no type and function share a name in the schema (a call with an untyped
-- literal would be read as a cast to the type)
SELECT is_empty($$ SELECT t.typname FROM pg_catalog.pg_type AS t
                   JOIN pg_catalog.pg_proc AS p ON p.proname = t.typname AND p.pronamespace = t.typnamespace
                   WHERE t.typnamespace = 'palliative'::regnamespace
                     AND t.typname NOT LIKE '\_%'
                     AND NOT (p.pronargs = 1 AND p.proargtypes[0] <> t.oid AND p.prorettype = t.oid
                              AND EXISTS (SELECT 1 FROM pg_catalog.pg_cast AS c
                                          WHERE c.castfunc = p.oid)) $$,
                'no type of schema palliative shares its name with a function (casts aside)');
SELECT is(palliative.care_tier('{pcu}'), 'specialist'::palliative.tier,
          'care_tier with an untyped literal returns the tier');

-- ---------------------------------------------------------------------------
-- roles
SELECT set_eq($$ SELECT name FROM ext_relation WHERE has_table_privilege('palliative_reader', oid, 'SELECT') $$,
              $$ SELECT name FROM ext_relation WHERE relkind IN ('v', 'm') $$,
              'palliative_reader can read every view and materialized view, and no table');
SELECT set_eq($$ SELECT name FROM ext_relation WHERE has_table_privilege('palliative_analyst', oid, 'SELECT') $$,
              $$ SELECT name FROM ext_relation $$,
              'palliative_analyst can read every table and view');
SELECT is_empty($$ SELECT name || ' ' || r FROM ext_relation,
                          unnest(ARRAY['palliative_reader', 'palliative_analyst']) AS r
                   WHERE has_table_privilege(r, oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') $$,
                'neither role can write to, truncate, reference or add triggers to any table');
SELECT is_empty($$ SELECT f::text || ' ' || r FROM unnest(ARRAY[
                       'palliative.fca(text, text, palliative.decay, text, text)',
                       'palliative.fca_supply(text, text, palliative.decay, text, text)',
                       'palliative.nearest(text, text, integer, double precision, text, palliative.decay)',
                       'palliative.capacity_coverage(text, text, palliative.decay, text, text)',
                       'palliative.capacity_coverage_supply(text, text, palliative.decay, text, text)',
                       'palliative.capacity_allocation(text, text, palliative.decay, text, text)',
                       'palliative.spatial_availability(text, text, palliative.decay, double precision, text)',
                       'palliative.cost_to_capacity(text, text, double precision, double precision, text)',
                       'palliative.gap_report(text, text, text, integer, text)',
                       'palliative.coverage_geojson(text, text)',
                       'palliative.coverage_mvt(integer, integer, integer, json)']::regprocedure[]) AS f,
                       unnest(ARRAY['palliative_analyst']) AS r
                   WHERE NOT has_function_privilege(r, f, 'EXECUTE') $$,
                'palliative_analyst can run fca, fca_supply, nearest, the capacity measures and the reports');

-- and as the roles themselves
SELECT is(pg_temp.try_as('palliative_reader',
              $$ INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en,
                                                  description_ja, description_en, decay)
                 VALUES ('x', 'x', 'x', 'x', 'x', 'x', 'x', 'binary(1km)') $$),
          '42501', 'palliative_reader cannot insert a standard');
SELECT is(pg_temp.try_as('palliative_analyst',
              $$ INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en,
                                                  description_ja, description_en, decay)
                 VALUES ('x', 'x', 'x', 'x', 'x', 'x', 'x', 'binary(1km)') $$),
          '42501', 'palliative_analyst cannot insert a standard');
SELECT is(pg_temp.try_as('palliative_analyst', $$ UPDATE palliative.standard SET target_share = 0 $$),
          '42501', 'palliative_analyst cannot update standards');
SELECT is(pg_temp.try_as('palliative_reader', $$ DELETE FROM palliative.facility $$),
          '42501', 'palliative_reader cannot delete facilities');
SELECT is(pg_temp.try_as('palliative_analyst',
              $$ INSERT INTO palliative.facility (name, kind) VALUES ('x', 'clinic') $$),
          '42501', 'palliative_analyst cannot insert a facility');
SELECT is(pg_temp.try_as('palliative_analyst', $$ UPDATE palliative.facility SET name = 'x' $$),
          '42501', 'palliative_analyst cannot update facilities');
SELECT is(pg_temp.try_as('palliative_analyst', $$ SELECT palliative.refresh() $$),
          '42501', 'palliative_analyst cannot run refresh()');
SELECT is(pg_temp.try_as('palliative_reader', $$ SELECT count(*) FROM palliative.facility $$),
          '42501', 'palliative_reader cannot read the facility table');
SELECT is(pg_temp.try_as('palliative_reader',
              $$ SELECT count(*) FROM palliative.facility_profile, palliative.region_gaps, palliative.region_coverage $$),
          '00000', 'palliative_reader reads the views');
SELECT is(pg_temp.try_as('palliative_analyst',
              $$ SELECT count(*) FROM palliative.nearest(
                     'SELECT 1::bigint AS id, public.ST_SetSRID(public.ST_MakePoint(139.7, 35.7), 4326) AS geom',
                     'SELECT 2::bigint AS id, public.ST_SetSRID(public.ST_MakePoint(139.8, 35.7), 4326) AS geom') $$),
          '00000', 'palliative_analyst runs nearest');
SELECT is(pg_temp.try_as('palliative_analyst', $$ SELECT palliative.gap_report('secondary', 'html') $$),
          '00000', 'palliative_analyst runs gap_report');

-- ---------------------------------------------------------------------------
-- a COMMENT on every object
SELECT is_empty($$ SELECT signature FROM ext_function
                   WHERE obj_description(oid, 'pg_proc') IS NULL $$,
                'every function and aggregate has a comment');
SELECT is_empty($$ SELECT t.oid::regtype::text FROM pg_catalog.pg_type AS t
                   WHERE ('pg_catalog.pg_type'::regclass, t.oid) IN (SELECT classid, objid FROM ext_member)
                     AND obj_description(t.oid, 'pg_type') IS NULL $$,
                'every type has a comment');
SELECT is_empty($$ SELECT name FROM ext_relation WHERE obj_description(oid, 'pg_class') IS NULL $$,
                'every table, view and materialized view has a comment');
SELECT is_empty($$ SELECT r.name || '.' || a.attname
                   FROM ext_relation AS r
                   JOIN pg_catalog.pg_attribute AS a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                   WHERE col_description(r.oid, a.attnum) IS NULL $$,
                'every column of every table and view has a comment');
SELECT is_empty($$ SELECT o.oid::regoperator::text FROM pg_catalog.pg_operator AS o
                   WHERE ('pg_catalog.pg_operator'::regclass, o.oid) IN (SELECT classid, objid FROM ext_member)
                     AND obj_description(o.oid, 'pg_operator') IS NULL
                   UNION ALL
                   SELECT c.opcname FROM pg_catalog.pg_opclass AS c
                   WHERE ('pg_catalog.pg_opclass'::regclass, c.oid) IN (SELECT classid, objid FROM ext_member)
                     AND obj_description(c.oid, 'pg_opclass') IS NULL
                   UNION ALL
                   SELECT format('cast (%s as %s)', c.castsource::regtype, c.casttarget::regtype)
                   FROM pg_catalog.pg_cast AS c
                   WHERE ('pg_catalog.pg_cast'::regclass, c.oid) IN (SELECT classid, objid FROM ext_member)
                     AND obj_description(c.oid, 'pg_cast') IS NULL $$,
                'every operator, operator class and cast has a comment');

SELECT * FROM finish();
ROLLBACK;
