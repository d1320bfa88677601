--
-- where the data is silent: a prefecture that the registered sources do not
-- cover for a standard is "no data" in region_coverage, region_gaps, the
-- reports and GeoJSON, never a gap, and out of the national figures
--
\set SHOW_CONTEXT never
SET client_min_messages = error;
SET extra_float_digits = 0;

-- prefecture 93 (two secondary regions) and prefecture 94, each with people and a PCU
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('93', 'prefecture', '甲県', 'Ko', NULL, 'SRID=4326;MULTIPOLYGON(((142 40,143 40,143 41,142 41,142 40)))', 'test_dc'),
 ('9301', 'secondary', '甲西', 'Ko West', '93', 'SRID=4326;MULTIPOLYGON(((142 40,142.5 40,142.5 41,142 41,142 40)))', 'test_dc'),
 ('9302', 'secondary', '甲東', 'Ko East', '93', 'SRID=4326;MULTIPOLYGON(((142.5 40,143 40,143 41,142.5 41,142.5 40)))', 'test_dc'),
 ('94', 'prefecture', '乙県', 'Otsu', NULL, 'SRID=4326;MULTIPOLYGON(((143 40,144 40,144 41,143 41,143 40)))', 'test_dc');
INSERT INTO palliative.population (geom, year, total, prefecture_code, secondary_code, source) VALUES
 ('SRID=4326;POINT(142.2 40.5)', 2020, 1000, '93', '9301', 'test_dc'),
 ('SRID=4326;POINT(142.8 40.5)', 2020, 3000, '93', '9302', 'test_dc'),
 ('SRID=4326;POINT(143.5 40.5)', 2020, 2000, '94', NULL, 'test_dc');
INSERT INTO palliative.facility (name, kind, capabilities, pcu_beds, prefecture_code, secondary_code, geom, location_precision, source) VALUES
 ('甲病院', 'hospital', '{pcu}', 20, '93', '9301', 'SRID=4326;POINT(142.2 40.5)', 'exact', 'test_dc'),
 ('甲東クリニック', 'clinic', '{home_care_support}', 0, '93', '9302', 'SRID=4326;POINT(142.8 40.5)', 'municipality', 'test_dc'),
 ('乙病院', 'hospital', '{pcu}', 10, '94', NULL, 'SRID=4326;POINT(143.5 40.5)', 'exact', 'test_dc');
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, target_share, demand_source)
VALUES ('test_pcu_20km', '緩和ケア病棟（20 km）', 'PCU within 20 km', '緩和ケア病棟', 'palliative care unit', '-', '-',
        '{hospital}', '{pcu}', 'binary(20km)', '2sfca', 0.9, 'test_dc'),
       ('test_home_20km', '在宅（20 km）', 'home care within 20 km', '在宅療養支援診療所', 'home-care support clinic', '-', '-',
        '{clinic}', '{home_care_support}', 'binary(20km)', '2sfca', 0.9, 'test_dc');

-- prefecture 93 is described by a hospital list that says nothing about PCUs
-- or home care; 94 by nothing (taken as complete)
INSERT INTO palliative.source_coverage (source, kind, prefecture_code, facility_kinds, capabilities, as_of, note)
VALUES ('test-list', 'survey', '93', '{hospital}', '{ltc_ward}', '2025-06-01', 'a hospital list');
SELECT standard, prefecture_code, data_status, sources, reason_en, reason_ja
FROM palliative.standard_data WHERE standard LIKE 'test\_%' ORDER BY 1, 2;

SELECT status, standards_computed FROM palliative.refresh(ARRAY['test_pcu_20km', 'test_home_20km'], '2025-10-02');
SELECT level, region_code, standard, population, covered_population, covered_share, mean_access, access_ratio,
       data_status, facilities, facilities_at_municipality
FROM palliative.region_coverage WHERE standard LIKE 'test\_%' AND region_code IN ('93', '9301', '9302', '94')
ORDER BY standard, level, region_code;
-- never a 100% gap: listed with the reason that the data is missing, without figures or rank
SELECT level, region_code, standard, uncovered_population, uncovered_share, gap_rank, data_status, reason_en
FROM palliative.region_gaps WHERE standard LIKE 'test\_%' AND region_code IN ('93', '9301', '9302', '94')
ORDER BY standard, level, region_code;
-- no snapshot of a region without data
SELECT standard, region_code FROM palliative.gap_snapshot WHERE standard LIKE 'test\_%' AND region_code IN ('93', '94') ORDER BY 1, 2;

-- the filings arrive: PCUs and home care are covered in 93
INSERT INTO palliative.source_coverage (source, kind, prefecture_code, facility_kinds, capabilities, as_of, note)
VALUES ('test-filings', 'filing', '93', '{hospital,clinic}', '{pcu,home_care_support}', '2025-10-01', 'filings');
SELECT standard, prefecture_code, data_status, sources FROM palliative.standard_data WHERE standard LIKE 'test\_%' ORDER BY 1, 2;
SELECT status FROM palliative.refresh(ARRAY['test_pcu_20km', 'test_home_20km'], '2025-10-03');
SELECT level, region_code, standard, covered_share, data_status, facilities_at_municipality
FROM palliative.region_coverage WHERE standard LIKE 'test\_%' AND region_code IN ('93', '9301', '9302', '94')
ORDER BY standard, level, region_code;
-- a gap reason says when qualifying facilities are placed at their municipality
UPDATE palliative.standard SET target_share = 1.0 WHERE name = 'test_home_20km';
UPDATE palliative.population SET total = total WHERE source = 'test_dc';
INSERT INTO palliative.population (geom, year, total, prefecture_code, secondary_code, source) VALUES
 ('SRID=4326;POINT(142.99 40.99)', 2020, 500, '93', '9302', 'test_dc');
SELECT status FROM palliative.refresh(ARRAY['test_home_20km'], '2025-10-04');
SELECT region_code, reason_en, reason_ja FROM palliative.region_gaps
WHERE standard = 'test_home_20km' AND region_code = '9302';

-- 93 without data again: GeoJSON, tiles and the report draw it grey with the reason
DELETE FROM palliative.source_coverage WHERE source = 'test-filings';
SELECT status FROM palliative.refresh(ARRAY['test_pcu_20km', 'test_home_20km'], '2025-10-05');
SELECT f -> 'properties' ->> 'region_code' AS region, f -> 'properties' ->> 'data_status' AS status,
       f -> 'properties' ->> 'fill' AS fill, f -> 'properties' ->> 'covered_share' AS covered_share,
       f -> 'properties' ->> 'reason_en' AS reason
FROM json_array_elements(palliative.coverage_geojson('secondary', 'test_pcu_20km') -> 'features') AS f
WHERE f -> 'properties' ->> 'region_code' LIKE '93%' ORDER BY 1;
SELECT length(palliative.coverage_mvt(5, 28, 12, '{"standard": "test_pcu_20km", "level": "prefecture"}')) > 0 AS tile;
SELECT r ~ '## Regions without data' AS has_section,
       r ~ '\| 甲県 \(93\) \| 2 \| no data: no source reports the palliative care unit of this region' AS lists_93,
       r ~ '9301' AND r !~ '\| [0-9]+ \| 甲西' AS not_ranked,
       r ~ 'no source covers what this standard counts in the 2 regions' AS counts,
       r !~ '甲東クリニック' AS no_plan_pick
FROM palliative.gap_report('secondary', 'markdown', 'test_pcu_20km') AS r;
SELECT r ~ 'data-code="9301" data-frame="0" data-state="no_data" fill="#d9d9d9"' AS grey,
       r ~ '<title>甲西 \(9301\): no data: no source reports' AS tooltip,
       r ~ 'Regions without data' AS section
FROM palliative.gap_report('secondary', 'html', 'test_pcu_20km') AS r;

SELECT r ~ '\*\*Regions with data:\*\* 1 of 2, of which [01] miss the target\. \*\*Without data:\*\* 1 \(grey, never a gap\)\.' AS counts
FROM palliative.gap_report('prefecture', 'markdown', 'test_pcu_20km') AS r;

-- the data-coverage view: sources per prefecture and secondary region
SELECT level, region_code, standard, data_status, standard_sources, facility_sources, facilities,
       facilities_at_municipality, population_sources, population_rows
FROM palliative.data_coverage WHERE standard LIKE 'test\_%' AND region_code IN ('93', '9301', '9302', '94')
ORDER BY standard, level, region_code;

-- clean up
DELETE FROM palliative.cell_coverage WHERE standard_id IN (SELECT id FROM palliative.standard WHERE name LIKE 'test\_%');
DELETE FROM palliative.gap_snapshot WHERE standard LIKE 'test\_%';
DELETE FROM palliative.standard WHERE name LIKE 'test\_%';
DELETE FROM palliative.source_coverage WHERE source LIKE 'test-%';
DELETE FROM palliative.facility WHERE source = 'test_dc';
DELETE FROM palliative.population WHERE source = 'test_dc';
DELETE FROM palliative.region WHERE source = 'test_dc';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
