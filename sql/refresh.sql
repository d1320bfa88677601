--
-- refresh(): what it locks (one snapshot of its inputs), its arguments
-- checked before a run starts, and every failure inside a run logged in
-- refresh_log with the previous results kept
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- the tables a refresh locks; every table region_coverage reads (through
-- views too) is one of them, but cell_coverage, which refresh writes
SELECT palliative.refresh_inputs();
WITH RECURSIVE reads(oid) AS (
    SELECT 'palliative.region_coverage'::regclass::oid
    UNION
    SELECT d.refobjid FROM reads
    JOIN pg_rewrite r ON r.ev_class = reads.oid
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                    AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> reads.oid
)
SELECT c.oid::regclass AS reads, c.oid = ANY (palliative.refresh_inputs()) AS locked
FROM reads JOIN pg_class c ON c.oid = reads.oid WHERE c.relkind = 'r' ORDER BY c.oid::regclass::text;

-- prefecture 96: region 9601 with three cells and a clinic, region 9602
-- with one cell and a hospital
INSERT INTO palliative.region (code, level, name_en, parent_code, geom, source) VALUES
 ('96', 'prefecture', 'Refresh test', NULL, 'SRID=4326;MULTIPOLYGON(((151 10,152 10,152 11,151 11,151 10)))', 'test_refresh'),
 ('9601', 'secondary', 'West', '96', 'SRID=4326;MULTIPOLYGON(((151 10,151.5 10,151.5 11,151 11,151 10)))', 'test_refresh'),
 ('9602', 'secondary', 'East', '96', 'SRID=4326;MULTIPOLYGON(((151.5 10,152 10,152 11,151.5 11,151.5 10)))', 'test_refresh');
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, source) VALUES
 (960501, 'SRID=4326;POINT(151.10 10.5)', 2020, 1000, '96', '9601', 'test_refresh'),
 (960502, 'SRID=4326;POINT(151.12 10.5)', 2020, 2000, '96', '9601', 'test_refresh'),
 (960503, 'SRID=4326;POINT(151.40 10.5)', 2020, 3000, '96', '9601', 'test_refresh'),
 (960504, 'SRID=4326;POINT(151.80 10.5)', 2020, 4000, '96', '9602', 'test_refresh');
INSERT INTO palliative.facility (id, name, kind, capabilities, geom, prefecture_code, secondary_code, source) VALUES
 (960601, 'west clinic', 'clinic', '{home_visit}', 'SRID=4326;POINT(151.11 10.5)', '96', '9601', 'test_refresh'),
 (960602, 'east hospital', 'hospital', '{home_visit}', 'SRID=4326;POINT(151.80 10.5)', '96', '9602', 'test_refresh');
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 required_all, decay, method, target_share, demand_source)
VALUES ('test_refresh_fca', 't', 't', 'p', 'p', 'd', 'd', '{home_visit}', 'binary(5km)', '2sfca', 0.9, 'test_refresh'),
       ('test_refresh_nearest', 't', 't', 'p', 'p', 'd', 'd', '{home_visit}', 'binary(5km)', 'nearest', 0.9, 'test_refresh');

CREATE TEMP TABLE log_start AS SELECT coalesce(max(id), 0) AS id FROM palliative.refresh_log;
SELECT status, standards_computed, standards_failed, cells, error
FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-01-01');

-- arguments are checked before a run starts (22023 naming them; nothing logged)
CREATE TEMP TABLE runs_before AS SELECT count(*) AS n FROM palliative.refresh_log;
SELECT * FROM palliative.refresh('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.refresh(ARRAY['test_refresh_fca', 'no_such_standard', NULL]);
\echo :LAST_ERROR_SQLSTATE
UPDATE palliative.standard SET enabled = false WHERE name = 'test_refresh_nearest';
SELECT * FROM palliative.refresh(ARRAY['test_refresh_nearest']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest']);
\echo :LAST_ERROR_SQLSTATE
UPDATE palliative.standard SET enabled = true WHERE name = 'test_refresh_nearest';
BEGIN;
UPDATE palliative.standard SET enabled = false;
SELECT * FROM palliative.refresh();
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT count(*) - (SELECT n FROM runs_before) AS runs_logged FROM palliative.refresh_log;

-- what a failed run must leave as it was: every result of the two standards
CREATE TEMP VIEW results AS
SELECT (SELECT md5(string_agg(format('%s %s %s %s %s', c.standard_id, c.population_id, c.access, c.reachable, c.refresh_id), ','
                              ORDER BY c.standard_id, c.population_id))
          FROM palliative.cell_coverage c JOIN palliative.standard s ON s.id = c.standard_id
         WHERE s.name LIKE 'test_refresh_%') AS cells,
       (SELECT md5(string_agg(format('%s %s %s %s', rc.id, rc.population, rc.covered_population, rc.computed_at), ','
                              ORDER BY rc.id))
          FROM palliative.region_coverage rc WHERE rc.standard LIKE 'test_refresh_%') AS regions,
       (SELECT count(*) FROM palliative.gap_snapshot g WHERE g.standard LIKE 'test_refresh_%') AS snapshot_rows;
CREATE TEMP TABLE before AS SELECT * FROM results;
SELECT region_code, standard, population, covered_population FROM palliative.region_coverage
WHERE standard LIKE 'test_refresh_%' ORDER BY standard, level, region_code;

-- overflow: demand of 1.5e308 and 1e308 within reach of the clinic.  fca:
-- the engine names the facility; nearest: the sums region_coverage takes
-- would overflow, so the standard fails naming the largest row.  Each
-- standard keeps its previous results (status failed: none computed).
UPDATE palliative.population SET total = CASE id WHEN 960501 THEN 1.5e308 ELSE 1e308 END WHERE id IN (960501, 960502);
SELECT status, standards_computed, standards_failed, cells, error
FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-02-01');
SELECT r.cells = b.cells AS cells_kept, r.regions = b.regions AS regions_kept FROM results r, before b;
UPDATE palliative.population SET total = 1000 * (id - 960500) WHERE id IN (960501, 960502);

-- the regional rebuild fails: 1e-305 people in region 9602, where the
-- hospital's capacity per 100,000 people overflows.  The whole run is
-- undone (the standards computed in it too) and logged.
UPDATE palliative.population SET total = 1e-305 WHERE id = 960504;
SELECT status, standards_computed, standards_failed, cells, error
FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-03-01');
SELECT r.cells = b.cells AS cells_kept, r.regions = b.regions AS regions_kept,
       r.snapshot_rows = b.snapshot_rows AS snapshot_kept FROM results r, before b;
UPDATE palliative.population SET total = 4000 WHERE id = 960504;

-- writing the snapshot fails (here a trigger of the user's)
CREATE FUNCTION public.test_refresh_no_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'snapshots are frozen' USING ERRCODE = '55000';
END $$;
CREATE TRIGGER test_refresh_no_snapshot BEFORE INSERT ON palliative.gap_snapshot
    FOR EACH ROW EXECUTE FUNCTION public.test_refresh_no_snapshot();
SELECT status, standards_computed, standards_failed, cells, error
FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-04-01');
SELECT r.cells = b.cells AS cells_kept, r.regions = b.regions AS regions_kept,
       r.snapshot_rows = b.snapshot_rows AS snapshot_kept FROM results r, before b;
DROP TRIGGER test_refresh_no_snapshot ON palliative.gap_snapshot;
DROP FUNCTION public.test_refresh_no_snapshot();

-- taking the snapshot fails: a role that may run refresh and write its log
-- but not lock the data (SHARE locks need UPDATE, DELETE or TRUNCATE)
CREATE ROLE palliative_test_refresher;
GRANT USAGE ON SCHEMA palliative TO palliative_test_refresher;
GRANT EXECUTE ON FUNCTION palliative.refresh(text[], date), palliative.lock_refresh_inputs() TO palliative_test_refresher;
GRANT SELECT ON palliative.standard TO palliative_test_refresher;
GRANT SELECT, INSERT, UPDATE ON palliative.refresh_log TO palliative_test_refresher;
GRANT USAGE ON SEQUENCE palliative.refresh_log_id_seq TO palliative_test_refresher;
SET ROLE palliative_test_refresher;
SELECT status, standards_computed, standards_failed, cells, error
FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-05-01');
RESET ROLE;
SELECT r.cells = b.cells AS cells_kept, r.regions = b.regions AS regions_kept,
       r.snapshot_rows = b.snapshot_rows AS snapshot_kept FROM results r, before b;
REVOKE ALL ON SCHEMA palliative FROM palliative_test_refresher;
REVOKE ALL ON FUNCTION palliative.refresh(text[], date), palliative.lock_refresh_inputs() FROM palliative_test_refresher;
REVOKE ALL ON palliative.standard, palliative.refresh_log FROM palliative_test_refresher;
REVOKE ALL ON SEQUENCE palliative.refresh_log_id_seq FROM palliative_test_refresher;
DROP ROLE palliative_test_refresher;

-- every run is in the log, the failed ones with what failed
SELECT reference_date, status, standards, standards_failed, rows, error, finished_at >= started_at AS finished
FROM palliative.refresh_log WHERE id > (SELECT id FROM log_start) ORDER BY id;

-- and a run after them computes as before
SELECT status, standards_computed, cells FROM palliative.refresh(ARRAY['test_refresh_fca', 'test_refresh_nearest'], '2026-06-01');
SELECT region_code, standard, population, covered_population FROM palliative.region_coverage
WHERE standard LIKE 'test_refresh_%' ORDER BY standard, level, region_code;

-- clean up
DELETE FROM palliative.gap_snapshot WHERE standard LIKE 'test_refresh_%';
DELETE FROM palliative.refresh_log WHERE id > (SELECT id FROM log_start);
DELETE FROM palliative.standard WHERE name LIKE 'test_refresh_%';
DELETE FROM palliative.facility WHERE source = 'test_refresh';
DELETE FROM palliative.population WHERE source = 'test_refresh';
DELETE FROM palliative.region WHERE source = 'test_refresh';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
