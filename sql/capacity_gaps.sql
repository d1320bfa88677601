--
-- Capacity standards in the standards and gap views: the seeded palliative
-- care unit standard, a capacity standard computed by refresh() on a small
-- hand-computed world, region_coverage's served demand, region_gaps telling
-- the two gaps apart (out of reach; within reach but full) with their
-- reasons, the snapshot, GeoJSON and tiles, and the checks on the columns.
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- the seeded capacity standard: PCU admissions a bed and year against the
-- year's cancer deaths, with its source; disabled until enabled
SELECT name, measure, served_per_capacity, capacity_column, demand_column, decay::text, target_share, enabled,
       source_note LIKE '%19.8 beds and 160.0 admissions%' AS source_documented
FROM palliative.standard WHERE measure = 'capacity' ORDER BY id;
SELECT measure, count(*) FROM palliative.standard GROUP BY 1 ORDER BY 1;

-- a world of its own: prefecture 97 with a west (9701) and an east (9702)
-- region; a palliative care unit of 2 beds at (150.15, 44.5) takes 2 x 8 =
-- 16 admissions a year; west has 10 cancer deaths 4 km away and 200 at
-- 8 km, east 5 deaths 139 km away (out of reach).  The optimum serves the
-- nearer 10 and 6 of the 200: west 16 of 210 served, 194 within reach but
-- the unit is full; east 0 of 5, all out of reach.
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('97', 'prefecture', '容量県', 'Capacity', NULL, 'SRID=4326;MULTIPOLYGON(((150 44,152 44,152 45,150 45,150 44)))', 'test_cap'),
 ('9701', 'secondary', '西容量圏', 'Capacity West', '97', 'SRID=4326;MULTIPOLYGON(((150 44,151 44,151 45,150 45,150 44)))', 'test_cap'),
 ('9702', 'secondary', '東容量圏', 'Capacity East', '97', 'SRID=4326;MULTIPOLYGON(((151 44,152 44,152 45,151 45,151 44)))', 'test_cap');
INSERT INTO palliative.population (id, geom, year, total, cancer_deaths, prefecture_code, secondary_code, source) VALUES
 (970001, 'SRID=4326;POINT(150.10 44.5)', 2020, 3000, 10, '97', '9701', 'test_cap'),
 (970002, 'SRID=4326;POINT(150.25 44.5)', 2020, 60000, 200, '97', '9701', 'test_cap'),
 (970003, 'SRID=4326;POINT(151.90 44.5)', 2020, 1500, 5, '97', '9702', 'test_cap');
INSERT INTO palliative.facility (id, name, kind, capabilities, pcu_beds, prefecture_code, secondary_code, geom, source) VALUES
 (970101, '容量病院', 'hospital', '{pcu}', 2, '97', '9701', 'SRID=4326;POINT(150.15 44.5)', 'test_cap');
-- a copy of the seeded standard over this world's population, and the same
-- standard measured by reach
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, capacity_column, demand_column, demand_source,
                                 decay, method, target_share, measure, served_per_capacity, source_note)
SELECT name || v.suffix, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
       facility_kinds, required_all, capacity_column, demand_column, 'test_cap',
       decay, method, target_share, v.measure, CASE WHEN v.measure = 'capacity' THEN served_per_capacity END, source_note
FROM palliative.standard, (VALUES ('_test', 'capacity'), ('_test_reach', 'reach')) v(suffix, measure)
WHERE name = 'pcu_admissions_60km';

SELECT status, standards_computed, standards_failed
FROM palliative.refresh(ARRAY['pcu_admissions_60km_test', 'pcu_admissions_60km_test_reach'], '2026-09-01');

-- per cell: served within capacity (capacity standards only)
SELECT s.name, c.population_id, c.reachable, c.served
FROM palliative.cell_coverage c JOIN palliative.standard s ON s.id = c.standard_id
WHERE s.name LIKE 'pcu_admissions_60km_test%' ORDER BY 1, 2;
-- the same as palliative.capacity_coverage with the standard's inner queries
SELECT count(*) AS mismatches
FROM palliative.cell_coverage c
JOIN palliative.standard s ON s.id = c.standard_id AND s.name = 'pcu_admissions_60km_test'
JOIN palliative.capacity_coverage(
       palliative.standard_demand_sql((SELECT id FROM palliative.standard WHERE name = 'pcu_admissions_60km_test')),
       'SELECT id, geom, capacity * 8 AS capacity FROM (' ||
         palliative.standard_supply_sql((SELECT id FROM palliative.standard WHERE name = 'pcu_admissions_60km_test')) || ') f',
       'gaussian(60km)') a ON a.demand_id = c.population_id
WHERE a.served IS DISTINCT FROM c.served;

-- region_coverage: served demand and its share, the full demand
SELECT standard, level, region_code, measure, population, covered_population, served_population,
       round(served_share::numeric, 4) AS served_share, full_population, facilities, capacity
FROM palliative.region_coverage WHERE region_code LIKE '97%' AND standard LIKE 'pcu_admissions_60km_test%'
ORDER BY standard, level, region_code;

-- region_gaps: the capacity standard misses its target (10% served) in
-- every region, each gap with its reason; the reach standard only in the east
SELECT standard, level, region_code, gap_rank, uncovered_population, round(uncovered_share::numeric, 4) AS uncovered_share,
       served_population, round(served_share::numeric, 4) AS served_share, full_population,
       round(full_share::numeric, 4) AS full_share
FROM palliative.region_gaps WHERE region_code LIKE '97%' ORDER BY standard, level, gap_rank;
SELECT region_code, reason_en, full_reason_en, reason_ja, full_reason_ja
FROM palliative.region_gaps WHERE region_code LIKE '97%' AND standard = 'pcu_admissions_60km_test'
ORDER BY level, gap_rank;
SELECT count(*) AS reach_rows_with_capacity_columns
FROM palliative.region_gaps
WHERE standard = 'pcu_admissions_60km_test_reach'
  AND (served_population IS NOT NULL OR full_population IS NOT NULL OR full_reason_en IS NOT NULL);

-- the snapshot keeps served demand for trends, and meets_target follows the measure
SELECT standard, level, region_code, covered_population, served_population,
       round(served_share::numeric, 4) AS served_share, meets_target
FROM palliative.gap_snapshot WHERE region_code LIKE '97%' AND reference_date = '2026-09-01'
ORDER BY standard, level, region_code;

-- GeoJSON and tiles carry both gaps
SELECT f -> 'properties' ->> 'region_code' AS region, f -> 'properties' ->> 'measure' AS measure,
       f -> 'properties' ->> 'served_population' AS served, f -> 'properties' ->> 'out_of_reach_population' AS out_of_reach,
       f -> 'properties' ->> 'full_population' AS full, f -> 'properties' ->> 'meets_target' AS meets_target
FROM json_array_elements(palliative.coverage_geojson('secondary', 'pcu_admissions_60km_test') -> 'features') f
WHERE f -> 'properties' ->> 'region_code' LIKE '97%' ORDER BY 1;
SELECT position('full_population'::bytea IN t) > 0 AS has_full,
       position('out_of_reach_population'::bytea IN t) > 0 AS has_out_of_reach,
       position('served_share'::bytea IN t) > 0 AS has_served_share
FROM (SELECT palliative.coverage_mvt(5, 29, 11, '{"standard": "pcu_admissions_60km_test", "level": "secondary"}') AS t) x;

-- the gap report gives both gaps and holds the served share against the target
SELECT line FROM regexp_split_to_table(palliative.gap_report('secondary', 'markdown', 'pcu_admissions_60km_test'), E'\n') AS line
WHERE line LIKE '**Target:**%' OR line LIKE '| 1 |%' OR line LIKE '| 2 |%';
-- its summary row gives the people within reach of full facilities: the
-- sum of full_population over the regions (– for the reach standards)
SELECT line FROM regexp_split_to_table(palliative.gap_report('secondary', 'markdown', 'pcu_admissions_60km_test'), E'\n') AS line
WHERE line LIKE '| standard | demand%' OR line LIKE '| **%';
SELECT palliative.fmt_int(sum(full_population)) AS full_population_summed
FROM palliative.region_coverage WHERE standard = 'pcu_admissions_60km_test' AND level = 'secondary';
SELECT position('but those within reach are full' IN r) > 0 AS full_gap_in_html,
       position('受け入れ能力を超えています' IN r) > 0 AS full_gap_in_html_ja,
       (SELECT count(*) FROM regexp_matches(r, 'data-state="gap"', 'g')) AS regions_drawn_as_gaps
FROM (SELECT palliative.gap_report('secondary', 'html', 'pcu_admissions_60km_test') AS r) x;

-- the columns are checked: a capacity standard needs a positive, finite
-- served_per_capacity, a reach standard has none
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT t AS change, pg_temp.err(q) AS error FROM (VALUES
  ('capacity without served_per_capacity', $$UPDATE palliative.standard SET served_per_capacity = NULL WHERE name = 'pcu_admissions_60km_test'$$),
  ('zero served_per_capacity', $$UPDATE palliative.standard SET served_per_capacity = 0 WHERE name = 'pcu_admissions_60km_test'$$),
  ('infinite served_per_capacity', $$UPDATE palliative.standard SET served_per_capacity = 'Infinity' WHERE name = 'pcu_admissions_60km_test'$$),
  ('reach with served_per_capacity', $$UPDATE palliative.standard SET served_per_capacity = 8 WHERE name = 'pcu_admissions_60km_test_reach'$$),
  ('unknown measure', $$UPDATE palliative.standard SET measure = 'beds' WHERE name = 'pcu_admissions_60km_test'$$)
) v(t, q);

-- clean up
DELETE FROM palliative.gap_snapshot WHERE standard LIKE 'pcu_admissions_60km_test%';
DELETE FROM palliative.standard WHERE name LIKE 'pcu_admissions_60km_test%';
DELETE FROM palliative.facility WHERE source = 'test_cap';
DELETE FROM palliative.population WHERE source = 'test_cap';
DELETE FROM palliative.region WHERE source = 'test_cap';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
