--
-- filings to facilities: linking by name and address within the prefecture,
-- placing at the municipality, capabilities with provenance, derived
-- capabilities not counted where a real source covers them
--
\set SHOW_CONTEXT never
SET client_min_messages = warning;
SET datestyle = 'ISO, YMD';
SET extra_float_digits = 0;

-- prefecture 46: municipalities 46201 (with population cells) and 46203 (without)
INSERT INTO palliative.region (code, level, name_ja, parent_code, geom, source) VALUES
 ('46', 'prefecture', '鹿児島県', NULL, 'SRID=4326;MULTIPOLYGON(((130 31,131 31,131 32,130 32,130 31)))', 'test_link'),
 ('4601', 'secondary', '鹿児島', '46', 'SRID=4326;MULTIPOLYGON(((130 31,131 31,131 32,130 32,130 31)))', 'test_link'),
 ('46201', 'municipality', '鹿児島市', '4601', 'SRID=4326;MULTIPOLYGON(((130 31.5,130.5 31.5,130.5 32,130 32,130 31.5)))', 'test_link'),
 ('46203', 'municipality', '鹿屋市', '4601', 'SRID=4326;MULTIPOLYGON(((130.5 31,131 31,131 31.5,130.5 31.5,130.5 31)))', 'test_link');
INSERT INTO palliative.population (mesh, geom, year, total, municipality_code, prefecture_code, source) VALUES
 ('473001', 'SRID=4326;POINT(130.1 31.9)', 2010, 3000, '46201', '46', 'test_link'),
 ('473002', 'SRID=4326;POINT(130.4 31.6)', 2010, 1000, '46201', '46', 'test_link');
-- hospitals of the hospital list; one holds a derived opioid-skilled physician
INSERT INTO palliative.facility (id, name, kind, capabilities, capabilities_derived, prefecture_code, municipality_code, address, geom, source) VALUES
 (880001, '医療法人　試験会　鹿児島中央病院', 'hospital', '{ltc_ward,opioid_skilled_physician}', true, '46', '46201', '鹿児島県鹿児島市中央町１番１号', 'SRID=4326;POINT(130.2 31.7)', 'test_link'),
 (880002, 'みなと病院', 'hospital', '{}', false, '46', '46201', '鹿児島県鹿児島市港町１－１', 'SRID=4326;POINT(130.3 31.8)', 'test_link'),
 (880003, 'みなと病院', 'hospital', '{}', false, '46', '46201', '鹿児島県鹿児島市港町９－９', 'SRID=4326;POINT(130.31 31.81)', 'test_link'),
 (880004, '鹿屋病院', 'hospital', '{}', false, '46', '46203', '鹿児島県鹿屋市本町２丁目', 'SRID=4326;POINT(130.8 31.2)', 'test_link'),
 (880005, '宮崎病院', 'hospital', '{opioid_skilled_physician}', true, '45', NULL, '宮崎県宮崎市', 'SRID=4326;POINT(131.4 31.9)', 'test_link'),
 (880006, '医療法人　南会　南九州病院', 'hospital', '{}', false, '46', '46203', '鹿児島県鹿屋市寿８丁目１番', 'SRID=4326;POINT(130.7 31.3)', 'test_link');

\set csv 'pref_code,category,standard_name,inst_code7,name,postal_code,address,unit_beds,acceptance_no,start_date,as_of\n46,緩和ケア病棟入院料,緩和ケア病棟入院料1,0100001,鹿児島中央病院,890-0001,鹿児島市中央町1-1,22,第1号,2020-04-01,2025-09-01\n46,がん性疼痛緩和指導管理料,がん性疼痛緩和指導管理料,0100001,鹿児島中央病院,890-0001,鹿児島市中央町1-1,,第5号,2020-04-01,2025-09-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100002,みなと病院,890-0002,鹿児島市港町1-1,,第2号,2021-04-01,2025-09-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100003,みなと病院,890-0003,鹿児島市港町5-5,,第3号,2021-04-01,2025-09-01\n46,在宅療養支援診療所,別添1の「第9」の1の(1)に規定する在宅療養支援診療所,0100004,医療法人 試験会 試験在宅クリニック,890-0004,鹿児島市天文館1-1,,第4号,2024-06-01,2025-09-01\n46,在宅療養支援診療所,別添1の「第9」の1の(3)に規定する在宅療養支援診療所,0100005,鹿屋在宅クリニック,893-0001,鹿屋市寿1-1,,第6号,2024-06-01,2025-09-01\n46,在宅療養支援診療所,別添1の「第9」の1の(3)に規定する在宅療養支援診療所,0100006,架空クリニック,890-0009,架空市1-1,,第7号,2024-06-01,2025-09-01\n46,在宅がん医療総合診療料,在宅がん医療総合診療料,0100004,医療法人 試験会 試験在宅クリニック,890-0004,鹿児島市天文館1-1,,第8号,2024-06-01,2025-09-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100007,鹿屋南九州病院,893-0002,鹿屋市寿8-1,,第9号,2021-04-01,2025-09-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100008,新名称病院,893-0003,鹿屋市本町2丁目,,第10号,2021-04-01,2025-09-01\n46,在宅患者医療用麻薬持続注射療法加算,在宅患者医療用麻薬持続注射療法加算,0100010,みなと薬局,890-0005,鹿児島市港町2-2,,第11号,2024-06-01,2025-09-01\n45,緩和ケア病棟入院料,緩和ケア病棟入院料2,0100009,鹿屋病院,880-0001,宮崎市橘通1-1,,第1号,2020-04-01,2025-09-01\n'
SELECT prefecture_code, as_of, status, filings, started, updated, unchanged, ended, institutions, linked, placed, ambiguous, unplaced
FROM palliative.import_filings(:'csv', 'filings_link_test.csv');

-- every decision, auditable: linked by name and address, ambiguous listed, placed, unplaced, nothing across prefectures
SELECT prefecture_code, institution_no, institution_name, kind, status, method, municipality_code, facility_name,
       location_precision, candidate_names, reason, current_filings, fee_items
FROM palliative.filing_link_audit WHERE prefecture_code IN ('45', '46') ORDER BY id;
SELECT prefecture_code, fee_item, filings, institutions, linked, placed, ambiguous, unplaced, not_linked
FROM palliative.filing_link_summary WHERE prefecture_code IN ('45', '46') ORDER BY prefecture_code, fee_item;

-- placed facilities: at the population-weighted centre of 46201's cells, inside the polygon of 46203
SELECT f.name, f.kind, f.prefecture_code, f.secondary_code, f.municipality_code, f.location_precision,
       public.ST_AsText(f.geom) AS geom, f.capabilities, f.source, f.surveyed_on
FROM palliative.facility AS f JOIN palliative.filing_link AS l ON l.facility_id = f.id
WHERE l.prefecture_code = '46' AND l.status = 'placed' ORDER BY l.institution_no;
SELECT public.ST_Intersects(r.geom, f.geom) AS inside
FROM palliative.facility AS f JOIN palliative.filing_link AS l ON l.facility_id = f.id
JOIN palliative.region AS r ON r.code = f.municipality_code
WHERE l.prefecture_code = '46' AND l.status = 'placed' ORDER BY l.institution_no;

-- capabilities with their provenance; PCU beds from the filing
SELECT id, name, capabilities, pcu_beds FROM palliative.facility WHERE id BETWEEN 880001 AND 880005 ORDER BY id;
SELECT facility_id, capability, source_kinds, sources, counted
FROM palliative.facility_capability WHERE facility_id IN (880001, 880002, 880005) ORDER BY id;
SELECT facility_id, capability, kind, source, acceptance_no, as_of, valid_from, valid_until, note
FROM palliative.capability_source WHERE facility_id = 880001 ORDER BY capability, kind;
-- the filings cover prefecture 46 (and 45): the derived opioid-skilled physician of 880001 is not counted,
-- the one of 880005 (prefecture 45, whose only filing is a PCU of an unplaced institution) is
SELECT source, kind, prefecture_code, facility_kinds, as_of FROM palliative.source_coverage
WHERE prefecture_code IN ('45', '46') ORDER BY prefecture_code, source;
SELECT id, capabilities, capabilities_held, capabilities_not_counted FROM palliative.counted_facility
WHERE id IN (880001, 880005) ORDER BY id;
SELECT id, location_precision, capabilities_counted, capability_sources FROM palliative.facility_profile
WHERE id = 880001;

-- a month later the cancer pain filing is gone: the capability ends, its history stays
\set csv2 'pref_code,category,standard_name,inst_code7,name,postal_code,address,unit_beds,acceptance_no,start_date,as_of\n46,緩和ケア病棟入院料,緩和ケア病棟入院料1,0100001,鹿児島中央病院,890-0001,鹿児島市中央町1-1,24,第1号,2020-04-01,2025-10-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100002,みなと病院,890-0002,鹿児島市港町1-1,,第2号,2021-04-01,2025-10-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100003,みなと病院,890-0003,鹿児島市港町5-5,,第3号,2021-04-01,2025-10-01\n46,在宅療養支援診療所,別添1の「第9」の1の(1)に規定する在宅療養支援診療所,0100004,医療法人 試験会 試験在宅クリニック,890-0004,鹿児島市天文館1-1,,第4号,2024-06-01,2025-10-01\n46,在宅療養支援診療所,別添1の「第9」の1の(3)に規定する在宅療養支援診療所,0100005,鹿屋在宅クリニック,893-0001,鹿屋市寿1-1,,第6号,2024-06-01,2025-10-01\n46,在宅療養支援診療所,別添1の「第9」の1の(3)に規定する在宅療養支援診療所,0100006,架空クリニック,890-0009,架空市1-1,,第7号,2024-06-01,2025-10-01\n46,在宅がん医療総合診療料,在宅がん医療総合診療料,0100004,医療法人 試験会 試験在宅クリニック,890-0004,鹿児島市天文館1-1,,第8号,2024-06-01,2025-10-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100007,鹿屋南九州病院,893-0002,鹿屋市寿8-1,,第9号,2021-04-01,2025-10-01\n46,緩和ケア診療加算,緩和ケア診療加算,0100008,新名称病院,893-0003,鹿屋市本町2丁目,,第10号,2021-04-01,2025-10-01\n46,在宅患者医療用麻薬持続注射療法加算,在宅患者医療用麻薬持続注射療法加算,0100010,みなと薬局,890-0005,鹿児島市港町2-2,,第11号,2024-06-01,2025-10-01\n'
SELECT prefecture_code, as_of, status, filings, started, updated, unchanged, ended, institutions, linked, placed, ambiguous, unplaced
FROM palliative.import_filings(:'csv2', 'filings_link_test_2025-10.csv');
SELECT id, capabilities, pcu_beds FROM palliative.facility WHERE id = 880001;
SELECT capability, kind, acceptance_no, valid_from, valid_until FROM palliative.capability_source
WHERE facility_id = 880001 AND kind = 'filing' ORDER BY capability;
-- what changed, per region and fee item, and the report's section on it
SELECT level, region_code, region_name, fee_item, previous_as_of, as_of, started, ended, started_institutions, ended_institutions
FROM palliative.filing_changes WHERE region_code LIKE '46%' ORDER BY level, region_code, fee_item;
SELECT (palliative.report_changes(NULL, 'secondary', 50)).markdown;
SELECT (palliative.report_changes('46', 'secondary', 50)).markdown IS NOT NULL AS in_area,
       (palliative.report_changes('45', 'secondary', 50)).markdown IS NULL AS not_elsewhere,
       (palliative.report_changes(NULL, 'prefecture', 50)).html ~ '<tr><td>鹿児島県 <small>46</small></td><td>がん性疼痛緩和指導管理料</td><td>2025-09-01 → 2025-10-01</td><td class="n">0</td><td class="n">1</td>' AS html;
SELECT r ~ '## What changed since the last import / 前回の取り込みからの変化' AND r ~ 'ended: 鹿児島中央病院' AS in_report
FROM palliative.gap_report('prefecture', 'markdown') AS r;

-- a decision fixed by hand is kept; linking again changes nothing else
UPDATE palliative.filing_link SET status = 'linked', method = 'manual', facility_id = 880003, reason = NULL
WHERE prefecture_code = '46' AND institution_no = '0100003';
SELECT * FROM palliative.link_filings(ARRAY['46']);
SELECT institution_no, status, method, CASE WHEN status = 'placed' THEN (facility_id IS NOT NULL)::text ELSE facility_id::text END AS facility
FROM palliative.filing_link WHERE prefecture_code = '46' ORDER BY 1;
SELECT id, capabilities FROM palliative.facility WHERE id = 880003;

-- the mapping can change: sync_filing_capabilities applies it
UPDATE palliative.fee_item_capability SET capabilities = palliative.capset_union(capabilities, '{consultation_desk}') WHERE variant = 'team';
SELECT palliative.sync_filing_capabilities(ARRAY['46']) > 0 AS synced;
SELECT id, capabilities FROM palliative.facility WHERE id IN (880002, 880003) ORDER BY id;
UPDATE palliative.fee_item_capability SET capabilities = palliative.capset_minus(capabilities, '{consultation_desk}') WHERE variant = 'team';
SELECT palliative.sync_filing_capabilities(ARRAY['46']) > 0 AS synced;
SELECT id, capabilities FROM palliative.facility WHERE id IN (880002, 880003) ORDER BY id;

-- deleting a hospital takes its link decisions with it; linking again decides anew
DELETE FROM palliative.facility WHERE id = 880002;
SELECT * FROM palliative.link_filings(ARRAY['46']);
SELECT institution_no, status, method, CASE WHEN status = 'placed' THEN (facility_id IS NOT NULL)::text ELSE facility_id::text END AS facility
FROM palliative.filing_link WHERE prefecture_code = '46' ORDER BY 1;

-- leave no trace for the tests that follow
DELETE FROM palliative.facility WHERE source IN ('test_link', 'filings');
DELETE FROM palliative.population WHERE source = 'test_link';
DELETE FROM palliative.region WHERE source = 'test_link';
DELETE FROM palliative.filing_link;
DELETE FROM palliative.source_coverage;
DELETE FROM palliative.filing;
DELETE FROM palliative.filing_import;
