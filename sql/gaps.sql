--
-- standards, refresh, regional coverage and gaps, reports, GeoJSON, tiles
--
SET extra_float_digits = 0;
-- start from no results (earlier tests may have refreshed)
DELETE FROM palliative.cell_coverage;
DELETE FROM palliative.gap_snapshot;
DELETE FROM palliative.refresh_log;
\set SHOW_CONTEXT never
-- a small study area: prefecture 91 split into secondary regions 9101 (west) and 9102 (east)
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('91', 'prefecture', '試験県', 'Test', NULL, 'SRID=4326;MULTIPOLYGON(((140 40,141 40,141 41,140 41,140 40)))', 'test'),
 ('9101', 'secondary', '西圏域', 'West', '91', 'SRID=4326;MULTIPOLYGON(((140 40,140.5 40,140.5 41,140 41,140 40)))', 'test'),
 ('9102', 'secondary', '東圏域', 'East', '91', 'SRID=4326;MULTIPOLYGON(((140.5 40,141 40,141 41,140.5 41,140.5 40)))', 'test');
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, source) VALUES
 (900001, 'SRID=4326;POINT(140.10 40.50)', 2020, 1000, '91', '9101', 'test'),
 (900002, 'SRID=4326;POINT(140.20 40.50)', 2020, 2000, '91', '9101', 'test'),
 (900003, 'SRID=4326;POINT(140.45 40.50)', 2020,  500, '91', '9101', 'test'),
 (900004, 'SRID=4326;POINT(140.70 40.50)', 2020, 3000, '91', '9102', 'test'),
 (900005, 'SRID=4326;POINT(140.95 40.90)', 2020, 1500, '91', '9102', 'test');
INSERT INTO palliative.facility (id, name, kind, capabilities, pcu_beds, prefecture_code, secondary_code, geom, surveyed_on, source) VALUES
 (900101, '西クリニック', 'clinic', '{home_care_support,home_visit}', 0, '91', '9101', 'SRID=4326;POINT(140.15 40.50)', CURRENT_DATE, 'test'),
 (900102, '東病院', 'hospital', '{pcu,palliative_team,regional_coordinator}', 20, '91', '9102', 'SRID=4326;POINT(140.70 40.50)', CURRENT_DATE - 800, 'test');

-- the seeded standards
SELECT id, name, method, decay::text, target_share, capacity_column FROM palliative.standard ORDER BY id;
SELECT standard, facility_id, capacity FROM palliative.standard_facility WHERE facility_id > 900000 ORDER BY 1, 2;
SELECT palliative.catchment_text('binary(16km)'), palliative.catchment_text('gaussian(500m)'),
       palliative.catchment_text('binary(30min)'), palliative.catchment_text('linear(1.5h)');

-- before any refresh: coverage rows exist but are not computed, and there are no gaps
SELECT count(*) AS rows, count(computed_at) AS computed FROM palliative.region_coverage;
SELECT count(*) AS gaps FROM palliative.region_gaps;

SELECT status, standards_computed, standards_failed, cells, error IS NULL AS no_error
FROM palliative.refresh(reference_date => '2026-04-01');
SELECT row_number() OVER (ORDER BY id) AS run, reference_date, status, standards, standards_failed, rows FROM palliative.refresh_log ORDER BY id;

SELECT standard, level, region_code, population, covered_population, round(covered_share::numeric, 4) AS covered_share,
       round((mean_access * 1e6)::numeric, 3) AS mean_access_per_million, facilities, round(capacity_per_100k::numeric, 3) AS cap_100k
FROM palliative.region_coverage ORDER BY standard, level, region_code;

-- 2SFCA by hand for home care: one clinic, capacity 1, 3,000 people within 16 km
SELECT round((1.0 / 3000 * 3000 / 3500 * 1e6)::numeric, 3) AS expected_9101_mean_access_per_million;
SELECT population_id, round(access::numeric, 9) AS access, reachable, round(distance::numeric) AS distance
FROM palliative.cell_coverage c JOIN palliative.standard s ON s.id = c.standard_id
WHERE s.name IN ('home_palliative_16km', 'specialist_consultation_60km') ORDER BY s.name, population_id;

SELECT id, level, region_code, standard, uncovered_population, round(uncovered_share::numeric, 4) AS share, gap_rank, reason_en, reason_ja
FROM palliative.region_gaps ORDER BY standard, level, gap_rank;

-- history
SELECT reference_date, level, region_code, standard, covered_population, meets_target
FROM palliative.gap_snapshot WHERE standard = 'home_palliative_16km' ORDER BY level, region_code;

-- a failing standard is logged with its error and keeps its previous results
UPDATE palliative.standard SET demand_column = 'aged_65_plus' WHERE name = 'home_nursing_24h_16km';
SELECT status, standards_computed, standards_failed, error FROM palliative.refresh(reference_date => '2026-05-01');
SELECT count(*) AS kept_rows, min(refresh_id) = max(refresh_id) AS from_one_run,
       min(refresh_id) < (SELECT max(id) FROM palliative.refresh_log) AS from_the_earlier_run
FROM palliative.cell_coverage c JOIN palliative.standard s ON s.id = c.standard_id WHERE s.name = 'home_nursing_24h_16km';
SELECT row_number() OVER (ORDER BY id) AS run, reference_date, status, standards, standards_failed, rows, error FROM palliative.refresh_log ORDER BY id;
SELECT reference_date, count(*) FROM palliative.gap_snapshot GROUP BY 1 ORDER BY 1;
UPDATE palliative.standard SET demand_column = 'total' WHERE name = 'home_nursing_24h_16km';

-- refreshing only some standards; unknown names are errors
SELECT status, standards_computed FROM palliative.refresh(ARRAY['home_palliative_16km'], '2026-06-01');
SELECT * FROM palliative.refresh(ARRAY['home_palliative_16km', 'no_such_standard']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.refresh(reference_date => NULL);
\echo :LAST_ERROR_SQLSTATE

-- users change standards with plain SQL; the next refresh follows
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, target_share)
VALUES ('clinic_home_visit_8km', '訪問診療（8 km以内）', 'Home visits within 8 km', '訪問診療を行う診療所', 'clinic making home visits',
        '訪問診療を行う診療所が8 km以内にあるか。', 'Whether a clinic making home visits is within 8 km.',
        '{clinic}', '{home_visit}', 'linear(8km)', 'gravity', 0.5);
SELECT status, standards_computed FROM palliative.refresh(ARRAY['clinic_home_visit_8km'], '2026-07-01');
SELECT region_code, covered_population, round(covered_share::numeric, 4) AS share
FROM palliative.region_coverage WHERE standard = 'clinic_home_visit_8km' AND level = 'secondary' ORDER BY 1;

-- demand_source: only rows of that source count; overlapping sources are warned about
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, source) VALUES
 (900006, 'SRID=4326;POINT(140.10 40.50)', 2010, 900, '91', '9101', 'test-overlap');
SELECT status, cells FROM palliative.refresh(ARRAY['home_palliative_16km'], '2026-07-02');
UPDATE palliative.standard SET demand_source = 'test' WHERE name = 'home_palliative_16km';
SELECT status, cells FROM palliative.refresh(ARRAY['home_palliative_16km'], '2026-07-03');
SELECT region_code, population, covered_population FROM palliative.region_coverage
WHERE standard = 'home_palliative_16km' AND level = 'secondary' ORDER BY 1;
SELECT palliative.standard_demand_sql(s.id) FROM palliative.standard s WHERE s.name = 'home_palliative_16km';
UPDATE palliative.standard SET demand_source = NULL WHERE name = 'home_palliative_16km';
SELECT palliative.standard_demand_sql(s.id) FROM palliative.standard s WHERE s.name = 'home_palliative_16km';
SELECT palliative.standard_supply_sql(s.id) FROM palliative.standard s WHERE s.name = 'home_palliative_16km';
SELECT palliative.standard_demand_sql(-1);
\echo :LAST_ERROR_SQLSTATE
DELETE FROM palliative.population WHERE source = 'test-overlap';

-- indicators and the resource directory
SELECT level, region_code, facilities, profiles_stale, base_hospitals, base_with_coordinator
FROM palliative.region_indicators WHERE region_code LIKE '91%' ORDER BY level, region_code;
SELECT id, region_code, category, facility_id, facility_name, kind, care_tier
FROM palliative.resource_directory WHERE region_code LIKE '91%' ORDER BY id;

-- reports
SELECT regexp_replace(palliative.gap_report('secondary', 'markdown', 'home_palliative_16km'),
                      'Refreshed:\*\* [^(]*', 'Refreshed:** (time) ') AS report;
SELECT (SELECT count(*) FROM regexp_matches(r, '<path class="region"', 'g')) AS paths,
       r LIKE '<!DOCTYPE html>%' AS is_page, r LIKE '%</html>' AS closed,
       r LIKE '%東圏域%' AS japanese_labels, r LIKE '%<svg%' AND r LIKE '%</svg>%' AS has_map
FROM palliative.gap_report('secondary', 'html', 'home_palliative_16km') AS r;
SELECT json_array_length(g -> 'features') AS features, g ->> 'type' AS type,
       g -> 'features' -> 0 -> 'properties' ->> 'region_code' AS first_region
FROM palliative.coverage_geojson('secondary', 'home_palliative_16km') AS g;
-- tile 7/113/48 holds the study area; 0/0/0 the whole world
SELECT length(palliative.coverage_mvt(7, 113, 48, '{"standard":"home_palliative_16km","level":"secondary"}')) > 0 AS tile_has_data,
       length(palliative.coverage_mvt(0, 0, 0)) > 0 AS world_tile,
       length(palliative.coverage_mvt(7, 0, 0)) AS empty_tile;

-- bad arguments
SELECT palliative.gap_report('county');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.gap_report('secondary', 'pdf');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.gap_report('secondary', 'markdown', 'no_such_standard');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.coverage_geojson('secondary', 'nope');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.coverage_mvt(3, 8, 0);
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.coverage_mvt(-1, 0, 0);
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.schedule_refresh('0 18 * * *');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.unschedule_refresh();
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.standard (id, name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en, decay, method)
VALUES (99, 'bad', 'x', 'x', 'x', 'x', 'x', 'x', 'binary(1km)', '4sfca');
\echo :LAST_ERROR_SQLSTATE

-- BI conventions: every view and materialized view has an integer id first and typed geometry
-- (each query lists the violations, so it stays empty as views are added)
SELECT c.relname, a.attname AS first_column, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
WHERE c.relnamespace = 'palliative'::regnamespace AND c.relkind IN ('v', 'm')
  AND NOT (a.attname = 'id' AND a.atttypid IN ('bigint'::regtype, 'integer'::regtype)) ORDER BY 1;
SELECT f_table_name, f_geometry_column, type, srid FROM public.geometry_columns
WHERE f_table_schema = 'palliative' AND (srid <> 4326 OR type NOT IN ('POINT', 'MULTIPOLYGON')) ORDER BY 1;
SELECT count(*) >= 5 AS views_with_typed_geometry FROM public.geometry_columns
WHERE f_table_schema = 'palliative' AND f_table_name IN ('facility_profile', 'region_coverage', 'region_gaps',
                                                         'resource_directory', 'region_indicators');
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'palliative'::regnamespace AND c.relkind IN ('v', 'm')
  AND format_type(a.atttypid, a.atttypmod) NOT IN ('bigint', 'integer', 'double precision', 'text', 'date',
      'timestamp with time zone', 'boolean', 'geometry(MultiPolygon,4326)', 'geometry(Point,4326)')
ORDER BY 1, 2;

-- clean up
DELETE FROM palliative.standard WHERE name = 'clinic_home_visit_8km';
DELETE FROM palliative.cell_coverage;
DELETE FROM palliative.gap_snapshot;
DELETE FROM palliative.refresh_log;
DELETE FROM palliative.facility WHERE source = 'test';
DELETE FROM palliative.population WHERE source = 'test';
DELETE FROM palliative.region WHERE source = 'test';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
