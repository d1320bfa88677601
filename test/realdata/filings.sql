-- Real palliative resources from the filings (run by run.sh after the
-- Hokkaido workbook and the 34-prefecture CSV were imported with
-- palliative-filings, then refreshed).  Each query returns one row: name,
-- passed (boolean), detail; the details print the figures.
\set QUIET on
SET client_min_messages = warning;
SET search_path = palliative, public;

-- ---------------------------------------------------------------------------
-- the filings: 22,757 palliative filings of 34 prefectures; institutions per
-- fee item as the data README gives them
SELECT 'the CSV''s 22,757 palliative filings of 34 prefectures are current',
       count(*) = 22757 AND count(DISTINCT prefecture_code) = 34,
       count(*) || ' filings, ' || count(DISTINCT prefecture_code) || ' prefectures'
FROM palliative.filing WHERE fee_item IS NOT NULL AND end_date IS NULL;

SELECT 'institutions per fee item: ' || e.fee_item,
       coalesce(n.institutions, 0) = e.expected,
       coalesce(n.institutions, 0) || ' (README: ' || e.expected || ')'
FROM (VALUES ('緩和ケア病棟入院料', 249), ('緩和ケア診療加算', 273), ('小児緩和ケア診療加算', 30),
             ('有床診療所緩和ケア診療加算', 203), ('外来緩和ケア管理料', 220), ('がん性疼痛緩和指導管理料', 4832),
             ('在宅療養支援診療所', 7072), ('在宅療養支援病院', 1251), ('在宅緩和ケア充実診療所・病院加算', 715),
             ('在宅がん医療総合診療料', 6121), ('在宅患者医療用麻薬持続注射療法加算', 244), ('無菌製剤処理料', 1421))
     AS e(fee_item, expected)
LEFT JOIN (SELECT fee_item, count(DISTINCT (prefecture_code, institution_no)) AS institutions
           FROM palliative.filing WHERE end_date IS NULL GROUP BY fee_item) AS n USING (fee_item)
ORDER BY e.fee_item;

SELECT 'PCU beds where the filings give them: 93 of 249 PCU institutions, 1,825 beds',
       count(DISTINCT (prefecture_code, institution_no)) FILTER (WHERE pcu_beds IS NOT NULL) = 93 AND sum(pcu_beds) = 1825,
       count(DISTINCT (prefecture_code, institution_no)) FILTER (WHERE pcu_beds IS NOT NULL) || ' institutions, '
       || sum(pcu_beds) || ' beds'
FROM palliative.filing WHERE fee_item = '緩和ケア病棟入院料' AND end_date IS NULL;

SELECT 'the Hokkaido workbook as published: every fee item of prefecture 01, as of 2025-10-01',
       count(*) FILTER (WHERE fee_item IS NULL) > 30000 AND bool_and(as_of = '2025-10-01'),
       count(*) || ' filings, of which ' || count(*) FILTER (WHERE fee_item IS NOT NULL) || ' palliative'
FROM palliative.filing WHERE prefecture_code = '01' AND end_date IS NULL;

-- ---------------------------------------------------------------------------
-- linking and placing
SELECT 'every current palliative filing is linked, placed at its municipality, or listed with a reason',
       count(*) FILTER (WHERE l.status IS NULL OR (l.status IN ('ambiguous', 'unplaced') AND l.reason IS NULL)) = 0,
       count(*) FILTER (WHERE l.status = 'linked') || ' linked, ' || count(*) FILTER (WHERE l.status = 'placed') || ' placed, '
       || count(*) FILTER (WHERE l.status = 'ambiguous') || ' ambiguous, ' || count(*) FILTER (WHERE l.status = 'unplaced')
       || ' unplaced, ' || count(*) FILTER (WHERE l.status IS NULL) || ' without a decision'
FROM palliative.filing AS f
LEFT JOIN palliative.filing_link AS l USING (prefecture_code, institution_no)
WHERE f.fee_item IS NOT NULL AND f.end_date IS NULL;

SELECT 'filings per fee item: ' || fee_item, true,
       sum(filings) || ' filings: ' || sum(linked) || ' linked, ' || sum(placed) || ' placed, ' || sum(ambiguous)
       || ' ambiguous, ' || sum(unplaced) || ' unplaced'
FROM palliative.filing_link_summary WHERE fee_item <> '(no capability)'
GROUP BY fee_item ORDER BY fee_item;

SELECT 'institutions: most hospitals linked to the hospital file, the rest placed; few ambiguous or unplaced',
       count(*) FILTER (WHERE status = 'linked' AND kind = 'hospital') > 2000
       AND count(*) FILTER (WHERE status IN ('ambiguous', 'unplaced')) < 50,
       count(*) || ' institutions: ' || count(*) FILTER (WHERE status = 'linked') || ' linked ('
       || string_agg(DISTINCT method, ',') FILTER (WHERE status = 'linked') || '), '
       || count(*) FILTER (WHERE status = 'placed') || ' placed, ' || count(*) FILTER (WHERE status = 'ambiguous')
       || ' ambiguous, ' || count(*) FILTER (WHERE status = 'unplaced') || ' unplaced'
FROM palliative.filing_link;

SELECT 'nothing is linked across prefectures',
       count(*) FILTER (WHERE coalesce(f.prefecture_code, left(f.municipality_code, 2)) <> l.prefecture_code) = 0,
       count(*) || ' links checked'
FROM palliative.filing_link AS l JOIN palliative.facility AS f ON f.id = l.facility_id
WHERE l.status = 'linked';

SELECT 'facilities placed at municipality precision, each inside its municipality',
       count(*) > 0 AND bool_and(public.ST_Intersects(r.geom, f.geom)),
       count(*) || ' facilities placed at municipality precision, '
       || count(*) FILTER (WHERE l.method = 'population_weighted') || ' at the population-weighted centre, '
       || count(*) FILTER (WHERE l.method = 'point_on_surface') || ' at a point inside the polygon, '
       || count(*) FILTER (WHERE l.method = 'city') || ' at their city'
FROM palliative.filing_link AS l
JOIN palliative.facility AS f ON f.id = l.facility_id AND l.status = 'placed'
JOIN palliative.region AS r ON r.code = f.municipality_code
WHERE f.location_precision = 'municipality';

SELECT 'capabilities carry their filing (acceptance number, as-of date)',
       count(*) > 20000 AND bool_and(acceptance_no ~ '^第[0-9]+号$' AND as_of IS NOT NULL),
       count(*) || ' capability rows from filings'
FROM palliative.capability_source WHERE kind = 'filing';

SELECT 'derived capabilities are not counted where the filings cover them (opioid-skilled physicians of hospitals)',
       count(*) FILTER (WHERE c.capabilities_not_counted LIKE '%opioid_skilled_physician%') > 0
       AND count(*) FILTER (WHERE c.capabilities_not_counted LIKE '%opioid_skilled_physician%'
                              AND f.prefecture_code IN ('13', '27')) = 0,
       count(*) FILTER (WHERE c.capabilities_not_counted LIKE '%opioid_skilled_physician%') || ' hospitals'
FROM palliative.counted_facility AS c JOIN palliative.facility AS f ON f.id = c.id
WHERE f.kind = 'hospital';

-- ---------------------------------------------------------------------------
-- where the data is silent: the 13 prefectures without filings
SELECT 'no data for ' || s.standard || ': exactly the 13 prefectures without filings',
       string_agg(rc.region_code, ',' ORDER BY rc.region_code) FILTER (WHERE rc.data_status = 'no_data')
         = '02,03,04,05,06,07,13,14,23,27,28,34,40'
       AND count(*) FILTER (WHERE rc.data_status = 'covered' AND rc.covered_share IS NOT NULL) = 34,
       string_agg(rc.region_code, ',' ORDER BY rc.region_code) FILTER (WHERE rc.data_status = 'no_data')
FROM palliative.region_coverage AS rc
JOIN (VALUES ('pcu_beds_gaussian'), ('home_palliative_16km'), ('specialist_consultation_60km')) AS s(standard)
  ON s.standard = rc.standard
WHERE rc.level = 'prefecture'
GROUP BY s.standard ORDER BY s.standard;

SELECT 'no data is never a gap: no uncovered figure, no rank, a reason saying the data is missing',
       bool_and(uncovered_population IS NULL AND gap_rank IS NULL AND reason_en LIKE 'no data: %' AND reason_ja LIKE 'データなし%'),
       count(*) || ' no-data rows; e.g. ' || min(reason_en)
FROM palliative.region_gaps WHERE data_status = 'no_data' AND level = 'secondary';

SELECT 'the national mean leaves out the regions without data',
       abs(n.mean - rc.access_ratio_base) < 1e-9 * greatest(1, n.mean), round(n.mean::numeric, 6)::text
FROM (SELECT sum(c.access * p.total) / sum(p.total) AS mean
      FROM palliative.cell_coverage c JOIN palliative.population p ON p.id = c.population_id
      JOIN palliative.standard s ON s.id = c.standard_id
      WHERE s.name = 'pcu_beds_gaussian'
        AND p.prefecture_code NOT IN ('02', '03', '04', '05', '06', '07', '13', '14', '23', '27', '28', '34', '40')) AS n,
     -- any prefecture with access: its mean over its ratio is the national mean
     (SELECT mean_access / access_ratio AS access_ratio_base FROM palliative.region_coverage
      WHERE standard = 'pcu_beds_gaussian' AND level = 'prefecture' AND access_ratio > 0
      ORDER BY region_code LIMIT 1) AS rc;

SELECT 'GeoJSON draws the regions without data grey, with the reason',
       count(*) FILTER (WHERE f -> 'properties' ->> 'data_status' = 'no_data') > 0
       AND bool_and(f -> 'properties' ->> 'fill' = '#d9d9d9' AND f -> 'properties' ->> 'reason_en' LIKE 'no data:%')
           FILTER (WHERE f -> 'properties' ->> 'data_status' = 'no_data'),
       count(*) FILTER (WHERE f -> 'properties' ->> 'data_status' = 'no_data') || ' grey secondary areas'
FROM json_array_elements(palliative.coverage_geojson('secondary', 'pcu_beds_gaussian') -> 'features') AS f;

SELECT 'the report names the regions without data and leaves them out of its counts',
       r LIKE '%### Regions without data%' AND r LIKE '%| 東京都 (13) | 13 | no data:%'
       AND r ~ '\*\*Regions with data:\*\* [0-9]+ of 339, of which [0-9]+ miss the target\. \*\*Without data:\*\* [0-9]+ \(grey, never a gap\)',
       substring(r FROM '\*\*Regions with data:\*\* [^\n]*')
FROM palliative.gap_report('secondary', 'markdown', 'pcu_beds_gaussian') AS r;

SELECT 'data_coverage says which sources cover each region',
       count(*) FILTER (WHERE region_code = '0101' AND standard = 'pcu_beds_gaussian'
                          AND standard_sources LIKE '%filings as of 2025-10-01%' AND population_sources LIKE '%estat-mesh500-2010 (2010)%') = 1
       AND count(*) FILTER (WHERE region_code = '13' AND standard = 'pcu_beds_gaussian' AND data_status = 'no_data') = 1,
       (SELECT standard_sources || ' | ' || population_sources FROM palliative.data_coverage
         WHERE region_code = '0101' AND standard = 'pcu_beds_gaussian')
FROM palliative.data_coverage;

-- ---------------------------------------------------------------------------
-- Hokkaido, a fully real study area
SELECT 'Hokkaido: PCU hospitals (distinct institutions) and their beds where given',
       count(DISTINCT institution_no) > 0,
       count(DISTINCT institution_no) || ' institutions, ' || count(DISTINCT institution_no) FILTER (WHERE pcu_beds IS NOT NULL)
       || ' with beds given (' || coalesce(sum(pcu_beds), 0) || ' beds)'
FROM palliative.filing WHERE prefecture_code = '01' AND fee_item = '緩和ケア病棟入院料' AND end_date IS NULL;

SELECT 'Hokkaido: facilities with a PCU, each from a filing', count(*) > 0 AND bool_and(fc.source_kinds LIKE '%filing%'),
       count(*) || ' facilities'
FROM palliative.facility_capability AS fc JOIN palliative.facility AS f ON f.id = fc.facility_id
WHERE fc.capability = 'pcu' AND f.prefecture_code = '01';

SELECT 'Hokkaido: palliative-team hospitals; home-care-support clinics and hospitals', true,
       count(DISTINCT institution_no) FILTER (WHERE fee_item = '緩和ケア診療加算') || ' palliative-team hospitals, '
       || count(DISTINCT institution_no) FILTER (WHERE fee_item = '在宅療養支援診療所') || ' home-care-support clinics ('
       || count(DISTINCT institution_no) FILTER (WHERE fee_item = '在宅療養支援診療所' AND abbreviation ~ '[12]$') || ' enhanced), '
       || count(DISTINCT institution_no) FILTER (WHERE fee_item = '在宅療養支援病院') || ' home-care-support hospitals ('
       || count(DISTINCT institution_no) FILTER (WHERE fee_item = '在宅療養支援病院' AND abbreviation ~ '[12]$') || ' enhanced)'
FROM palliative.filing WHERE prefecture_code = '01' AND end_date IS NULL;

-- people of the 500 m mesh (2010) within reach, through palliative.nearest
CREATE TEMP TABLE hok_pcu AS
SELECT n.demand_id, n.distance FROM palliative.nearest(
    'SELECT id, geom FROM palliative.population WHERE source = ''estat-mesh500-2010''',
    'SELECT f.id, f.geom FROM palliative.facility AS f JOIN palliative.counted_facility AS c ON c.id = f.id
      WHERE f.geom IS NOT NULL AND c.capabilities LIKE ''%pcu%''', 1, 60000) AS n;
CREATE TEMP TABLE hok_home AS
SELECT n.demand_id, n.distance FROM palliative.nearest(
    'SELECT id, geom FROM palliative.population WHERE source = ''estat-mesh500-2010''',
    'SELECT f.id, f.geom FROM palliative.facility AS f JOIN palliative.counted_facility AS c ON c.id = f.id
      WHERE f.geom IS NOT NULL AND f.kind IN (''hospital'', ''clinic'') AND c.capabilities LIKE ''%home_care_support_enhanced%''', 1, 16000) AS n;
CREATE TEMP TABLE hok AS
SELECT p.id, p.total, p.secondary_code, a.distance AS pcu_distance, h.distance AS home_distance
FROM palliative.population AS p
LEFT JOIN hok_pcu AS a ON a.demand_id = p.id
LEFT JOIN hok_home AS h ON h.demand_id = p.id
WHERE p.source = 'estat-mesh500-2010';

SELECT 'Hokkaido: share of the people within 30 km and 60 km of a PCU, and within 16 km of an enhanced home-care-support provider (all 5,528,676 people of the 500 m mesh, 2010)',
       t.people = 5528676 AND t.s30 BETWEEN 0 AND 1 AND t.s60 BETWEEN t.s30 AND 1 AND t.s16 BETWEEN 0 AND 1,
       format('within 30 km of a PCU %s%%, within 60 km %s%%, within 16 km of an enhanced home-care-support provider %s%% (of %s people); published (Ohinata & Togashi 2025, other data and year): 77.2%% of cancer patients within 16 km of a specialist palliative-care hospital, 83.2%% of all patients within 16 km of a home palliative-care provider',
              round(100 * t.s30, 1), round(100 * t.s60, 1), round(100 * t.s16, 1), round(t.people))
FROM (SELECT sum(total) AS people,
             (coalesce(sum(total) FILTER (WHERE pcu_distance <= 30000), 0) / sum(total))::numeric AS s30,
             (coalesce(sum(total) FILTER (WHERE pcu_distance <= 60000), 0) / sum(total))::numeric AS s60,
             (coalesce(sum(total) FILTER (WHERE home_distance <= 16000), 0) / sum(total))::numeric AS s16
      FROM hok) AS t;

SELECT 'Hokkaido ' || h.secondary_code || ' ' || coalesce(r.name_ja, '–') || ': share within 30 / 60 km of a PCU',
       sum(h.total) > 0 AND sum(h.total) FILTER (WHERE h.pcu_distance <= 30000) <= sum(h.total),
       round((100 * coalesce(sum(h.total) FILTER (WHERE h.pcu_distance <= 30000), 0) / sum(h.total))::numeric, 1) || '% / '
       || round((100 * coalesce(sum(h.total) FILTER (WHERE h.pcu_distance <= 60000), 0) / sum(h.total))::numeric, 1) || '% of '
       || round(sum(h.total)) || ' people'
FROM hok AS h LEFT JOIN palliative.region AS r ON r.code = h.secondary_code
WHERE h.secondary_code LIKE '01%'
GROUP BY h.secondary_code, r.name_ja ORDER BY h.secondary_code;
