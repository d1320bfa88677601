-- Real-data acceptance checks (run by run.sh after the loader).  Each query
-- returns one row: name, passed, detail (what was found).
-- The expected figures are those of the data set as published (issue 3).

SET search_path = palliative, public;

SELECT '47 prefectures with polygons', count(*) = 47 AND count(geom) = 47, count(*) || ' rows, ' || count(geom) || ' polygons'
FROM palliative.region WHERE level = 'prefecture' AND source = 'mlit-a38-2020';

SELECT 'prefecture population 2020 totals 126,146,099', sum(population) = 126146099, sum(population)::text
FROM palliative.region WHERE level = 'prefecture' AND source = 'mlit-a38-2020';

SELECT '339 secondary areas of R7', count(*) = 339, count(*)::text
FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025';

SELECT 'secondary areas: 2020 population totals 126,146,099', sum(population) = 126146099, sum(population)::text
FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025';

SELECT 'secondary areas: 0101 南渡島 359,223 and 0102 南檜山 21,139',
       bool_and(CASE code WHEN '0101' THEN population = 359223 AND name_ja = '南渡島'
                          WHEN '0102' THEN population = 21139 AND name_ja = '南檜山' END),
       string_agg(code || ' ' || name_ja || ' ' || population, ', ')
FROM palliative.region WHERE code IN ('0101', '0102');

SELECT 'secondary areas: each has a polygon and its prefecture as parent',
       count(*) FILTER (WHERE geom IS NULL OR parent_code <> left(code, 2)) = 0,
       count(*) FILTER (WHERE geom IS NULL) || ' without polygon, '
       || count(*) FILTER (WHERE parent_code <> left(code, 2)) || ' with a wrong parent'
FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025';

SELECT 'secondary polygons are the union of their municipalities (area within 0.01%)',
       abs(s.a - m.a) <= 0.0001 * m.a, s.a || ' vs ' || m.a
FROM (SELECT sum(ST_Area(geom)) AS a FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025') AS s,
     (SELECT sum(ST_Area(geom)) AS a FROM palliative.region WHERE level = 'municipality' AND source = 'mlit-n03-2021') AS m;

SELECT '1,894 municipalities with polygons', count(*) = 1894 AND count(geom) = 1894, count(*)::text
FROM palliative.region WHERE level = 'municipality' AND source = 'mlit-n03-2021';

SELECT 'every municipality lies in a secondary area of its own prefecture',
       count(*) FILTER (WHERE s.code IS NULL OR s.parent_code <> left(m.code, 2)) = 0,
       count(*) FILTER (WHERE s.code IS NULL OR s.parent_code <> left(m.code, 2)) || ' do not'
FROM palliative.region AS m
LEFT JOIN palliative.region AS s ON s.code = m.parent_code AND s.level = 'secondary'
WHERE m.level = 'municipality' AND m.source = 'mlit-n03-2021';

SELECT 'municipality-to-area mapping: 1,535 from the report, 359 unmapped (nearest rule)',
       count(*) FILTER (WHERE rule IN ('name', 'point')) = 1535 AND count(*) FILTER (WHERE rule = 'nearest') = 359,
       string_agg(DISTINCT rule, ',') || ': ' || count(*) FILTER (WHERE rule IN ('name', 'point')) || ' / '
       || count(*) FILTER (WHERE rule = 'nearest')
FROM palliative_realdata.municipality_area;

SELECT 'municipality 01101 (札幌市中央区) is in area 0104 (札幌)', parent_code = '0104', coalesce(parent_code, 'NULL')
FROM palliative.region WHERE code = '01101';

SELECT 'Hokkaido: 45,723 mesh cells of 500 m', count(*) = 45723 AND bool_and(palliative.mesh_level(mesh) = 4 AND year = 2010),
       count(*)::text
FROM palliative.population WHERE source = 'estat-mesh500-2010';

SELECT 'Hokkaido mesh population 2010 totals 5,528,676', sum(total) = 5528676, sum(total)::text
FROM palliative.population WHERE source = 'estat-mesh500-2010';

-- the file covers whole 80 km cells 6240 and 6241, which reach across the
-- Tsugaru strait: 235 of its cells (22,257 people) lie in Aomori
SELECT 'Hokkaido mesh cells lie in Hokkaido, or in Aomori within 80 km cells 6240/6241',
       count(*) FILTER (WHERE prefecture_code IS NULL) <= 2
       AND count(*) FILTER (WHERE prefecture_code = '02') = 235
       AND count(*) FILTER (WHERE prefecture_code = '02' AND left(mesh::text, 4) NOT IN ('6240', '6241')) = 0
       AND count(*) FILTER (WHERE prefecture_code NOT IN ('01', '02')) = 0,
       count(*) FILTER (WHERE prefecture_code IS NULL) || ' unassigned, '
       || count(*) FILTER (WHERE prefecture_code = '02') || ' in Aomori, '
       || count(*) FILTER (WHERE prefecture_code NOT IN ('01', '02')) || ' elsewhere'
FROM palliative.population WHERE source = 'estat-mesh500-2010';

SELECT 'municipality population 2020 as points: placed + unplaced = national 126,226,568',
       sum(p.total) + (SELECT value FROM palliative_realdata.summary
                       WHERE item = 'municipality population rows without a polygon: people') = 126226568
       AND bool_and(p.mesh IS NULL AND p.year = 2020),
       sum(p.total)::text
FROM palliative.population AS p WHERE p.source = 'census-2020-municipality';

SELECT 'municipality population points: 1,888, each in its own municipality',
       count(*) = 1888 AND count(*) FILTER (WHERE municipality_code IS NULL) = 0,
       count(*) || ' points, ' || count(*) FILTER (WHERE municipality_code IS NULL) || ' without municipality'
FROM palliative.population WHERE source = 'census-2020-municipality';

SELECT '7,587 hospitals, all located', count(*) = 7587 AND count(geom) = 7587 AND bool_and(kind = 'hospital'),
       count(*) || ' rows, ' || count(geom) || ' located'
FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025';

SELECT 'no real row is marked sample',
       NOT EXISTS (SELECT 1 FROM palliative.facility WHERE source = 'sample')
       AND NOT EXISTS (SELECT 1 FROM palliative.population WHERE source = 'sample')
       AND NOT EXISTS (SELECT 1 FROM palliative.region WHERE source = 'sample'), '';

SELECT 'ltc_ward exactly on hospitals with long-term-care beds (3,115)',
       count(*) FILTER (WHERE capabilities @> '{ltc_ward}') = 3115
       AND count(*) FILTER (WHERE (capabilities @> '{ltc_ward}') <> (ltc_beds > 0)) = 0,
       count(*) FILTER (WHERE capabilities @> '{ltc_ward}')::text
FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025';

SELECT 'home_care_support: 1,914 hospitals linked from 3,027 report records',
       count(*) FILTER (WHERE f.capabilities @> '{home_care_support}') = 1914
       AND count(*) FILTER (WHERE (f.capabilities @> '{home_care_support}') <> h.home_care_support) = 0,
       count(*) FILTER (WHERE f.capabilities @> '{home_care_support}')::text
FROM palliative.facility AS f JOIN palliative_realdata.hospital AS h ON h.facility_id = f.id;

SELECT 'Hokkaido palliative-care departments: 22 found, 19 linked', count(*) = 22 AND count(national_id) = 19,
       count(*) || ' found, ' || count(national_id) || ' linked'
FROM palliative_realdata.hokkaido_palliative;

SELECT 'linked palliative departments give palliative_physician (e.g. 市立札幌病院)',
       bool_and(f.capabilities @> '{palliative_physician}')
       AND bool_or(f.name = '市立札幌病院') AND bool_and(f.municipality_code LIKE '01%'),
       count(*) || ' hospitals'
FROM palliative_realdata.hokkaido_palliative AS k
JOIN palliative_realdata.hospital AS h USING (national_id)
JOIN palliative.facility AS f ON f.id = h.facility_id;

SELECT 'every hospital profile is marked derived', bool_and(capabilities_derived), count(*) FILTER (WHERE NOT capabilities_derived) || ' not'
FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025';

-- the derivation is reproducible: recompute it from the MD5 of the national ID
SELECT 'derived opioid storage follows the MD5 draw of the national ID',
       count(*) FILTER (WHERE (f.capabilities @> '{opioid_storage}') <> (d.u < 0.764)) = 0,
       count(*) FILTER (WHERE (f.capabilities @> '{opioid_storage}') <> (d.u < 0.764)) || ' differ'
FROM palliative.facility AS f
JOIN palliative_realdata.hospital AS h ON h.facility_id = f.id
CROSS JOIN LATERAL (SELECT ('x' || substr(md5(h.national_id || ':storage'), 1, 8))::bit(32)::bigint / 4294967296.0 AS u) AS d;

SELECT 'derived shares near the survey (storage 76.4%, PCU nurse 16.4%, no opioids 10.9%, ±2.5 points)',
       abs(avg((capabilities @> '{opioid_storage}')::int) - 0.764) < 0.025
       AND abs(avg((capabilities @> '{pcu_experienced_nurse}')::int) - 0.164) < 0.025
       AND abs(avg((NOT capabilities @> '{opioid_use}')::int) - 0.109) < 0.025,
       round(avg((capabilities @> '{opioid_storage}')::int), 3) || ' / '
       || round(avg((capabilities @> '{pcu_experienced_nurse}')::int), 3) || ' / '
       || round(avg((NOT capabilities @> '{opioid_use}')::int), 3)
FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025';

SELECT 'hospitals carry region codes (at most 15 without a municipality)',
       count(*) FILTER (WHERE municipality_code IS NULL) <= 15
       AND count(*) FILTER (WHERE prefecture_code IS NULL) <= 5,
       count(*) FILTER (WHERE prefecture_code IS NULL) || ' without prefecture, '
       || count(*) FILTER (WHERE secondary_code IS NULL) || ' without area, '
       || count(*) FILTER (WHERE municipality_code IS NULL) || ' without municipality'
FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025';

SELECT 'hospitals lie in the prefecture the list gives (99.5%)',
       avg((f.prefecture_code IS NOT DISTINCT FROM left(h.list_municipality_code, 2))::int) >= 0.995,
       round(avg((f.prefecture_code IS NOT DISTINCT FROM left(h.list_municipality_code, 2))::int), 4)::text
FROM palliative.facility AS f
JOIN palliative_realdata.hospital AS h ON h.facility_id = f.id
WHERE f.source = 'mhlw-iryojoho-2025';

SELECT 'the load record names the unmapped municipalities',
       EXISTS (SELECT 1 FROM palliative_realdata.summary
               WHERE item LIKE 'municipalities unmapped%' AND value = 359), '';
