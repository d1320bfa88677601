-- Real Japanese data loader, part 2 (included by load.sql): from the staged
-- files to regions, population and facilities.  The rules are documented in
-- README.md beside this file.

-- ---------------------------------------------------------------------------
-- 4. Municipalities and their secondary medical area

-- the name a municipality goes by in the bed-function report: 札幌市中央区,
-- 函館市, 七飯町 (without its county 亀田郡 or subprefecture 大島支庁)
CREATE TEMP TABLE muni AS
SELECT m.code, m.loc, pg_catalog.left(m.code, 2) AS pref_code,
       CASE WHEN m.n3 IS NULL OR m.n3 ~ '(郡|支庁)$' THEN m.n4
            WHEN m.n4 IS NULL THEN m.n3
            ELSE m.n3 || m.n4 END AS name_ja,
       m.geom,
       public.ST_PointOnSurface(m.geom) AS point
FROM pg_temp.s_munigeom AS m
WHERE m.code IS NOT NULL;
CREATE INDEX ON pg_temp.muni USING gist (geom);
CREATE INDEX ON pg_temp.muni (pref_code, name_ja);
CREATE INDEX ON pg_temp.s_link (record_id);
CREATE INDEX ON pg_temp.s_func (record_id);
CREATE INDEX ON pg_temp.s_hosp (national_id);
ANALYZE pg_temp.muni;
ANALYZE pg_temp.s_link;
ANALYZE pg_temp.s_func;
ANALYZE pg_temp.s_hosp;

SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s: municipality %s lies in prefecture %s, which prefectures_r7.geojson does not have', m.loc, m.code, m.pref_code)
    FROM pg_temp.muni AS m
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.s_prefgeom AS p WHERE p.code = m.pref_code)
    ORDER BY m.code LIMIT 1 $q$);
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: area %s lies in prefecture %s, which prefectures_r7.geojson does not have', a.file, a.line, a.code, a.pref_code)
    FROM pg_temp.s_area AS a
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.s_prefgeom AS p WHERE p.code = a.pref_code)
    ORDER BY a.line LIMIT 1 $q$);
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: area code %s is not an R7 area of r7_area_basic.csv', l.file, l.line, l.area_code)
    FROM pg_temp.s_link AS l
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.s_area AS a WHERE a.code = l.area_code)
    ORDER BY l.line LIMIT 1 $q$);

-- rule 1 (name): the report's municipality name, unique within the prefecture
CREATE TEMP TABLE muni_vote AS
SELECT m.code, l.area_code, pg_catalog.count(*) AS votes, 'name'::text AS rule
FROM pg_temp.s_link AS l
JOIN pg_temp.muni AS m ON m.pref_code = pg_catalog.left(l.area_code, 2) AND m.name_ja = l.municipality
WHERE l.municipality <> ''
  AND (SELECT pg_catalog.count(*) FROM pg_temp.muni AS m2
       WHERE m2.pref_code = m.pref_code AND m2.name_ja = m.name_ja) = 1
GROUP BY m.code, l.area_code;

-- rule 2 (point): matched coordinates inside the municipality's polygon, for
-- municipalities rule 1 did not reach (renamed wards, ambiguous names)
INSERT INTO pg_temp.muni_vote
SELECT m.code, l.area_code, pg_catalog.count(*), 'point'
FROM pg_temp.s_link AS l
JOIN pg_temp.muni AS m ON public.ST_Intersects(m.geom, l.geom)
WHERE l.geom IS NOT NULL AND l.match_status = 'matched'
  AND m.pref_code = pg_catalog.left(l.area_code, 2)
  AND NOT EXISTS (SELECT 1 FROM pg_temp.muni_vote AS v WHERE v.code = m.code)
GROUP BY m.code, l.area_code;

-- the majority area wins (ties: the lowest area code)
CREATE TEMP TABLE muni_area AS
SELECT DISTINCT ON (v.code) v.code, v.area_code, v.rule,
       pg_catalog.count(*) OVER (PARTITION BY v.code) AS areas_voted
FROM pg_temp.muni_vote AS v
ORDER BY v.code, v.votes DESC, v.area_code;

-- rule 3 (nearest): a municipality with no hospital in the report takes the
-- area of the nearest mapped municipality of its prefecture; among those
-- touching it, the one sharing the longest border; then the lowest code
INSERT INTO pg_temp.muni_area
SELECT u.code, n.area_code, 'nearest', 0
FROM pg_temp.muni AS u
CROSS JOIN LATERAL (
    SELECT a.area_code
    FROM pg_temp.muni_area AS a JOIN pg_temp.muni AS m ON m.code = a.code
    WHERE m.pref_code = u.pref_code
    ORDER BY public.ST_Distance(m.geom, u.geom),
             CASE WHEN public.ST_Intersects(m.geom, u.geom)
                  THEN public.ST_Length(public.ST_CollectionExtract(public.ST_Intersection(m.geom, u.geom), 2))
                  ELSE 0 END DESC,
             m.code
    LIMIT 1) AS n
WHERE NOT EXISTS (SELECT 1 FROM pg_temp.muni_area AS a WHERE a.code = u.code);
CREATE UNIQUE INDEX ON pg_temp.muni_area (code);

-- secondary areas: polygons dissolved from their municipalities
CREATE TEMP TABLE area_geom AS
SELECT a.area_code AS code,
       public.ST_Multi(public.ST_CollectionExtract(public.ST_Union(m.geom), 3)) AS geom,
       pg_catalog.sum(p.population) AS muni_population
FROM pg_temp.muni_area AS a
JOIN pg_temp.muni AS m ON m.code = a.code
LEFT JOIN pg_temp.s_munipop AS p ON p.code = a.code
GROUP BY a.area_code;

-- ---------------------------------------------------------------------------
-- 5. Municipality population as points

-- the total of a designated city (札幌市) or of Tokyo's wards (特別区部) is the
-- sum of the ward rows that follow it; those totals are not demand points
CREATE TEMP TABLE munipop_total AS
WITH o AS (
    SELECT p.*, pg_catalog.row_number() OVER (ORDER BY p.code) AS k
    FROM pg_temp.s_munipop AS p
    WHERE p.code !~ '000$'
), t AS (
    SELECT o.*
    FROM o
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.muni AS m WHERE m.code = o.code)
      AND EXISTS (SELECT 1 FROM o AS w WHERE w.k = o.k + 1 AND w.name_ja ~ '区$')
)
SELECT t.file, t.line, t.code, t.name_ja, t.population,
       (SELECT pg_catalog.sum(w.population) FROM o AS w
        WHERE w.k > t.k AND w.name_ja ~ '区$'
          AND NOT EXISTS (SELECT 1 FROM o AS x WHERE x.k > t.k AND x.k < w.k AND x.name_ja !~ '区$')) AS wards
FROM t;
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: the total of %s %s (%s) is not the sum of its wards (%s)', file, line, code, name_ja, population, wards)
    FROM pg_temp.munipop_total WHERE population <> wards ORDER BY line LIMIT 1 $q$);

CREATE TEMP TABLE munipop AS
SELECT p.file, p.line, p.code, p.name_ja, p.population, m.point
FROM pg_temp.s_munipop AS p
LEFT JOIN pg_temp.muni AS m ON m.code = p.code
WHERE p.code !~ '000$'
  AND NOT EXISTS (SELECT 1 FROM pg_temp.munipop_total AS t WHERE t.code = p.code);

-- ---------------------------------------------------------------------------
-- 6. Hospitals

-- name keys of both lists
CREATE TEMP TABLE hosp_key AS
SELECT DISTINCT h.national_id, h.pref_code, k.key
FROM pg_temp.s_hosp AS h,
     LATERAL pg_catalog.unnest(pg_temp.name_keys(h.name) || pg_temp.name_keys(h.short_name)) AS k(key);
CREATE INDEX ON pg_temp.hosp_key (pref_code, key);
ANALYZE pg_temp.hosp_key;

-- bed-function report record -> national hospital: same prefecture and a
-- shared name key; among several, those in the report's municipality, then
-- the nearest; a tie that neither breaks leaves the record unlinked
CREATE TEMP TABLE link_candidate AS
WITH c AS (
    SELECT DISTINCT l.record_id, h.national_id,
           (ma.code IS NOT NULL AND ma.code = h.muni_code) AS same_muni,
           public.ST_Distance(l.geom::public.geography, h.geom::public.geography) AS dist
    FROM pg_temp.s_link AS l
    CROSS JOIN LATERAL pg_catalog.unnest(pg_temp.name_keys(l.facility_name)) AS lk(key)
    JOIN pg_temp.hosp_key AS hk ON hk.pref_code = pg_catalog.left(l.area_code, 2) AND hk.key = lk.key
    JOIN pg_temp.s_hosp AS h ON h.national_id = hk.national_id
    LEFT JOIN pg_temp.muni AS ma
           ON ma.pref_code = pg_catalog.left(l.area_code, 2) AND ma.name_ja = l.municipality
)
SELECT c.*, pg_catalog.row_number() OVER w AS rank,
       pg_catalog.lead(c.same_muni) OVER w AS next_same_muni,
       pg_catalog.lead(c.dist) OVER w AS next_dist
FROM c
WINDOW w AS (PARTITION BY c.record_id ORDER BY c.same_muni DESC, c.dist NULLS LAST, c.national_id);

CREATE TEMP TABLE record_link AS
SELECT c.record_id, c.national_id
FROM pg_temp.link_candidate AS c
WHERE c.rank = 1
  AND (c.next_same_muni IS NULL OR c.same_muni > c.next_same_muni OR c.dist < c.next_dist);
CREATE INDEX ON pg_temp.record_link (national_id);
CREATE INDEX ON pg_temp.record_link (record_id);
ANALYZE pg_temp.record_link;

-- Hokkaido hospitals with a palliative-care department (緩和ケア科, 緩和ケア内科,
-- 緩和ケア外科, 緩和ケア): linked by a shared name key in Hokkaido (nearest
-- first), else to the nearest hospital of the national list within 300 m
CREATE TEMP TABLE hok_palliative AS
SELECT k.*
FROM pg_temp.s_hok AS k
WHERE EXISTS (SELECT 1 FROM pg_catalog.regexp_split_to_table(k.services, '[|｜，,\s]+') AS d(dept)
              WHERE d.dept ~ '^緩和ケア');

CREATE TEMP TABLE hok_link AS
SELECT k.id AS hokkaido_id, k.file, k.line, coalesce(byname.national_id, bynear.national_id) AS national_id,
       CASE WHEN byname.national_id IS NOT NULL THEN 'name'
            WHEN bynear.national_id IS NOT NULL THEN 'location' END AS rule
FROM pg_temp.hok_palliative AS k
LEFT JOIN LATERAL (
    SELECT h.national_id
    FROM pg_temp.hosp_key AS hk JOIN pg_temp.s_hosp AS h ON h.national_id = hk.national_id
    WHERE hk.pref_code = '01' AND hk.key = ANY (pg_temp.name_keys(k.name))
    ORDER BY public.ST_Distance(k.geom::public.geography, h.geom::public.geography) NULLS LAST, h.national_id
    LIMIT 1) AS byname ON true
LEFT JOIN LATERAL (
    SELECT h.national_id
    FROM pg_temp.s_hosp AS h
    WHERE byname.national_id IS NULL AND h.pref_code = '01' AND h.geom IS NOT NULL
      AND public.ST_DWithin(k.geom::public.geography, h.geom::public.geography, 300)
    ORDER BY public.ST_Distance(k.geom::public.geography, h.geom::public.geography), h.national_id
    LIMIT 1) AS bynear ON true;
CREATE INDEX ON pg_temp.hok_link (national_id);

-- derived capability profile: a deterministic uniform number in [0, 1) per
-- hospital and question, from the MD5 of the hospital's national ID
CREATE FUNCTION pg_temp.draw(id text, question text) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $f$
    SELECT (('x' || pg_catalog.substr(pg_catalog.md5(id || ':' || question), 1, 8))::bit(32)::bigint)::double precision
           / 4294967296.0
$f$;

CREATE TEMP TABLE hosp AS
SELECT h.national_id, h.name, h.address, h.muni_code, h.general_beds, h.ltc_beds,
       coalesce(h.geom, lg.geom, m.point) AS geom,
       CASE WHEN h.geom IS NOT NULL THEN 'list'
            WHEN lg.geom IS NOT NULL THEN 'report'
            WHEN m.point IS NOT NULL THEN 'municipality'
            ELSE 'none' END AS coord_source,
       EXISTS (SELECT 1 FROM pg_temp.record_link AS rl JOIN pg_temp.s_func AS f USING (record_id)
               WHERE rl.national_id = h.national_id AND f.function_name = '在宅療養支援') AS home_care_support,
       EXISTS (SELECT 1 FROM pg_temp.record_link AS rl WHERE rl.national_id = h.national_id) AS in_report,
       EXISTS (SELECT 1 FROM pg_temp.hok_link AS k WHERE k.national_id = h.national_id) AS palliative_department,
       pg_temp.draw(h.national_id, 'storage') AS u_storage,
       pg_temp.draw(h.national_id, 'opioid') AS u_opioid,
       pg_temp.draw(h.national_id, 'nurse') AS u_nurse,
       pg_temp.draw(h.national_id, 'physician') AS u_physician
FROM pg_temp.s_hosp AS h
LEFT JOIN LATERAL (
    SELECT l.geom FROM pg_temp.record_link AS rl JOIN pg_temp.s_link AS l USING (record_id)
    WHERE rl.national_id = h.national_id AND l.geom IS NOT NULL AND l.match_status = 'matched'
    ORDER BY l.record_id LIMIT 1) AS lg ON true
LEFT JOIN pg_temp.muni AS m ON m.code = h.muni_code;

-- Tokyo survey of long-term-care wards (seed DIGEST): narcotics storage
-- 76.4% own / 12.7% shared / 10.9% none; opioids unrestricted 56.4%, limited
-- kinds 23.6%, limited route 10.9%, not usable 10.9% (multiple answers, read
-- as consecutive slices); PCU-experienced nurse 16.4%, certified nurse 0%;
-- PCU or team physician 1.8%, opioid-skilled physician 30.9%
ALTER TABLE pg_temp.hosp ADD COLUMN caps text[];
UPDATE pg_temp.hosp SET caps = pg_catalog.array_remove(ARRAY[
    CASE WHEN ltc_beds > 0 THEN 'ltc_ward' END,
    CASE WHEN home_care_support THEN 'home_care_support' END,
    CASE WHEN palliative_department THEN 'palliative_physician' END,
    CASE WHEN u_storage < 0.764 THEN 'opioid_storage'
         WHEN u_storage < 0.891 THEN 'opioid_storage_shared' END,
    CASE WHEN u_opioid < 0.891 THEN 'opioid_use' END,
    CASE WHEN u_opioid < 0.564 OR (u_opioid >= 0.800 AND u_opioid < 0.891) THEN 'opioid_all_kinds' END,
    CASE WHEN u_opioid < 0.800 THEN 'opioid_all_routes' END,
    CASE WHEN u_nurse < 0.164 THEN 'pcu_experienced_nurse' END,
    CASE WHEN u_physician < 0.018 THEN 'palliative_physician'
         WHEN u_physician < 0.018 + 0.309 THEN 'opioid_skilled_physician' END
], NULL);

-- ---------------------------------------------------------------------------
-- 7. Write: replace earlier real-data rows, keep everything else

CREATE TEMP TABLE realsource (kind text PRIMARY KEY, source text NOT NULL);
INSERT INTO pg_temp.realsource VALUES
    ('prefecture', 'mlit-a38-2020'),
    ('secondary', 'mhlw-r7-2025'),
    ('municipality', 'mlit-n03-2021'),
    ('municipality_population', 'census-2020-municipality'),
    ('mesh_population', 'estat-mesh500-2010'),
    ('hospital', 'mhlw-iryojoho-2025');

DELETE FROM palliative.facility WHERE source IN (SELECT source FROM pg_temp.realsource);
DELETE FROM palliative.population WHERE source IN (SELECT source FROM pg_temp.realsource);
DELETE FROM palliative.region WHERE source IN (SELECT source FROM pg_temp.realsource);

SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('region code %s already exists with source %L; the real data cannot be loaded beside it', r.code, r.source)
    FROM palliative.region AS r
    WHERE r.code IN (SELECT code FROM pg_temp.s_prefgeom UNION ALL SELECT code FROM pg_temp.s_area
                     UNION ALL SELECT code FROM pg_temp.muni)
    ORDER BY r.code LIMIT 1 $q$);

-- prefectures: polygons (A38) with the 2020 population of the R7 tables
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, plan_period, population, geom, source)
SELECT g.code, 'prefecture', g.name_ja, e.name_en, NULL, NULL, p.population, g.geom,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'prefecture')
FROM pg_temp.s_prefgeom AS g
LEFT JOIN pg_temp.s_pref AS p ON p.code = g.code
LEFT JOIN (VALUES
    ('01', 'Hokkaido'), ('02', 'Aomori'), ('03', 'Iwate'), ('04', 'Miyagi'), ('05', 'Akita'),
    ('06', 'Yamagata'), ('07', 'Fukushima'), ('08', 'Ibaraki'), ('09', 'Tochigi'), ('10', 'Gunma'),
    ('11', 'Saitama'), ('12', 'Chiba'), ('13', 'Tokyo'), ('14', 'Kanagawa'), ('15', 'Niigata'),
    ('16', 'Toyama'), ('17', 'Ishikawa'), ('18', 'Fukui'), ('19', 'Yamanashi'), ('20', 'Nagano'),
    ('21', 'Gifu'), ('22', 'Shizuoka'), ('23', 'Aichi'), ('24', 'Mie'), ('25', 'Shiga'),
    ('26', 'Kyoto'), ('27', 'Osaka'), ('28', 'Hyogo'), ('29', 'Nara'), ('30', 'Wakayama'),
    ('31', 'Tottori'), ('32', 'Shimane'), ('33', 'Okayama'), ('34', 'Hiroshima'), ('35', 'Yamaguchi'),
    ('36', 'Tokushima'), ('37', 'Kagawa'), ('38', 'Ehime'), ('39', 'Kochi'), ('40', 'Fukuoka'),
    ('41', 'Saga'), ('42', 'Nagasaki'), ('43', 'Kumamoto'), ('44', 'Oita'), ('45', 'Miyazaki'),
    ('46', 'Kagoshima'), ('47', 'Okinawa')) AS e(code, name_en) ON e.code = g.code;

-- secondary medical areas of R7 (plan period of the 8th medical care plan)
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, plan_period, population, geom, source)
SELECT a.code, 'secondary', a.name_ja, NULL, a.pref_code, 'R6-R11', a.population, g.geom,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'secondary')
FROM pg_temp.s_area AS a
LEFT JOIN pg_temp.area_geom AS g ON g.code = a.code;

-- municipalities (N03, 2021-01-01), parent: their secondary area
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, plan_period, population, geom, source)
SELECT m.code, 'municipality', m.name_ja, NULL, coalesce(a.area_code, m.pref_code), NULL, p.population, m.geom,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'municipality')
FROM pg_temp.muni AS m
LEFT JOIN pg_temp.muni_area AS a ON a.code = m.code
LEFT JOIN pg_temp.s_munipop AS p ON p.code = m.code;

-- municipality population 2020 at each municipality's point on surface;
-- cancer deaths estimated at the 2020 national crude rate (378,385 deaths in
-- a population of 126,146,099)
INSERT INTO palliative.population (mesh, geom, year, total, cancer_deaths, municipality_code, source)
SELECT NULL, p.point, 2020, p.population, p.population * 378385.0 / 126146099.0, p.code,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'municipality_population')
FROM pg_temp.munipop AS p
WHERE p.point IS NOT NULL;

-- Hokkaido 500 m mesh population 2010 at the cell centres
INSERT INTO palliative.population (mesh, geom, year, total, cancer_deaths, source)
SELECT s.code::palliative.meshcode, palliative.mesh_center(s.code::palliative.meshcode), 2010, s.population,
       s.population * 378385.0 / 126146099.0,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'mesh_population')
FROM pg_temp.s_mesh AS s;

-- hospitals (ids from the facility sequence, kept for the load record)
ALTER TABLE pg_temp.hosp ADD COLUMN facility_id bigint;
UPDATE pg_temp.hosp AS h SET facility_id = o.id
FROM (SELECT national_id, pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('palliative.facility', 'id')) AS id
      FROM (SELECT national_id FROM pg_temp.hosp ORDER BY national_id) AS x) AS o
WHERE o.national_id = h.national_id;
INSERT INTO palliative.facility (id, name, kind, capabilities, capabilities_derived, pcu_beds, ltc_beds,
                                 general_beds, municipality_code, address, geom, location_precision, source)
SELECT h.facility_id, h.name, 'hospital', palliative.capset(h.caps), true, 0, h.ltc_beds, h.general_beds,
       h.muni_code, h.address, h.geom,
       CASE WHEN h.coord_source = 'municipality' THEN 'municipality' ELSE 'exact' END,
       (SELECT source FROM pg_temp.realsource WHERE kind = 'hospital')
FROM pg_temp.hosp AS h
ORDER BY h.national_id;

-- where each capability comes from: the lists (survey) and the draws (derived)
INSERT INTO palliative.capability_source (facility_id, capability, kind, source, as_of, note)
SELECT h.facility_id, c.capability, c.kind::palliative.capability_source_kind, c.source, c.as_of, c.note
FROM pg_temp.hosp AS h
CROSS JOIN LATERAL (VALUES
    ('ltc_ward', 'survey', 'mhlw-iryojoho-2025', DATE '2025-06-01', '療養病床 > 0', h.ltc_beds > 0),
    ('home_care_support', 'survey', 'mhlw-r7-2025', NULL, '在宅療養支援 (bed-function report FY2025)', h.home_care_support),
    ('palliative_physician', 'survey', 'hokkaido-hospitals-2015', DATE '2015-10-01', '緩和ケア department', h.palliative_department),
    ('opioid_storage', 'derived', 'survey-proportions', NULL, 'storage < 0.764', h.u_storage < 0.764),
    ('opioid_storage_shared', 'derived', 'survey-proportions', NULL, 'storage in [0.764, 0.891)', h.u_storage >= 0.764 AND h.u_storage < 0.891),
    ('opioid_use', 'derived', 'survey-proportions', NULL, 'opioid < 0.891', h.u_opioid < 0.891),
    ('opioid_all_kinds', 'derived', 'survey-proportions', NULL, 'opioid < 0.564 or in [0.800, 0.891)', h.u_opioid < 0.564 OR (h.u_opioid >= 0.800 AND h.u_opioid < 0.891)),
    ('opioid_all_routes', 'derived', 'survey-proportions', NULL, 'opioid < 0.800', h.u_opioid < 0.800),
    ('pcu_experienced_nurse', 'derived', 'survey-proportions', NULL, 'nurse < 0.164', h.u_nurse < 0.164),
    ('palliative_physician', 'derived', 'survey-proportions', NULL, 'physician < 0.018', h.u_physician < 0.018),
    ('opioid_skilled_physician', 'derived', 'survey-proportions', NULL, 'physician in [0.018, 0.327)', h.u_physician >= 0.018 AND h.u_physician < 0.018 + 0.309)
) AS c(capability, kind, source, as_of, note, holds)
WHERE c.holds;

-- what each source covers, prefecture by prefecture (for the standards: a
-- derived capability is not counted where a real source covers it, and a
-- prefecture no source covers for a standard is "no data")
DELETE FROM palliative.source_coverage
WHERE source IN ('mhlw-iryojoho-2025', 'mhlw-r7-2025', 'hokkaido-hospitals-2015', 'survey-proportions');
INSERT INTO palliative.source_coverage (source, kind, prefecture_code, facility_kinds, capabilities, as_of, note)
SELECT c.source, c.kind::palliative.capability_source_kind, p.code, '{hospital}'::palliative.facility_kind[],
       c.caps::palliative.capset, c.as_of, c.note
FROM pg_temp.s_prefgeom AS p
CROSS JOIN (VALUES
    ('mhlw-iryojoho-2025', 'survey', '{ltc_ward}', DATE '2025-06-01', 'every hospital (medical information net, 2025-06-01): long-term-care beds'),
    ('mhlw-r7-2025', 'survey', '{home_care_support}', NULL, 'bed-function report FY2025: home-care support hospitals (在宅療養支援)'),
    ('survey-proportions', 'derived', '{opioid_storage,opioid_storage_shared,opioid_use,opioid_all_kinds,opioid_all_routes,pcu_experienced_nurse,palliative_physician,opioid_skilled_physician}',
     NULL, 'derived reproducibly from the proportions of the Tokyo survey of long-term-care wards (seed DIGEST)')
) AS c(source, kind, caps, as_of, note)
UNION ALL
SELECT 'hokkaido-hospitals-2015', 'survey', '01', '{hospital}'::palliative.facility_kind[],
       '{palliative_physician}'::palliative.capset, DATE '2015-10-01',
       'Hokkaido hospitals 2015: palliative-care departments (緩和ケア科)';

-- ---------------------------------------------------------------------------
-- 8. The record of this load (schema palliative_realdata, replaced each time)

DROP SCHEMA IF EXISTS palliative_realdata CASCADE;
CREATE SCHEMA palliative_realdata;
COMMENT ON SCHEMA palliative_realdata IS
'Record of the last real-data load (test/data/japan/load.sh): how municipalities were mapped to secondary areas, how hospitals were linked between lists, and the counts printed at the end.';

CREATE TABLE palliative_realdata.municipality_area AS
SELECT m.code AS municipality_code, a.area_code, a.rule, a.areas_voted
FROM pg_temp.muni AS m JOIN pg_temp.muni_area AS a USING (code);
COMMENT ON TABLE palliative_realdata.municipality_area IS
'Secondary medical area of each municipality and the rule that gave it: name (the bed-function report names the municipality), point (report coordinates inside its polygon) or nearest (no hospital in the report: the area of the nearest mapped municipality of its prefecture). areas_voted > 1 when the report placed its hospitals in several areas (the majority won).';

CREATE TABLE palliative_realdata.hospital AS
SELECT h.facility_id, h.national_id, h.muni_code AS list_municipality_code, h.coord_source, h.in_report, h.home_care_support,
       h.palliative_department,
       (SELECT pg_catalog.min(k.hokkaido_id) FROM pg_temp.hok_link AS k WHERE k.national_id = h.national_id) AS hokkaido_id
FROM pg_temp.hosp AS h;
COMMENT ON TABLE palliative_realdata.hospital IS
'Each loaded hospital with its MHLW ID (national_id), the municipality code the list gives, where its coordinates came from (list, report: the bed-function report''s P04 match, municipality: point on surface of its municipality, none), whether a bed-function report record was linked to it, and the data-given capabilities.';

CREATE TABLE palliative_realdata.hokkaido_palliative AS
SELECT k.hokkaido_id, k.line, k.national_id, k.rule FROM pg_temp.hok_link AS k;
COMMENT ON TABLE palliative_realdata.hokkaido_palliative IS
'Hokkaido hospitals (2015 list) with a palliative-care department, and the national hospital each was linked to (rule: name or location; NULL: not linked).';

CREATE TABLE palliative_realdata.summary (ord integer, item text, value bigint);
COMMENT ON TABLE palliative_realdata.summary IS 'Counts of the last real-data load, as printed.';

-- fresh statistics: the planner must not take the new rows for an empty table
-- (an earlier load that failed leaves statistics of zero rows behind)
ANALYZE palliative.region;
ANALYZE palliative.population;
ANALYZE palliative.facility;

-- region codes for every real population row and hospital, against the real
-- regions only (one call per level: each level has its own source)
CREATE TEMP TABLE assigned AS
SELECT t.ord * 10 + l.ord AS ord, t.kind, a.*
FROM (VALUES ('population', 'municipality_population', 1), ('population', 'mesh_population', 2),
             ('facility', 'hospital', 3)) AS t(target, kind, ord)
CROSS JOIN (VALUES ('prefecture', 1), ('secondary', 2), ('municipality', 3)) AS l(level, ord)
CROSS JOIN LATERAL palliative.assign_regions(t.target,
        (SELECT s.source FROM pg_temp.realsource AS s WHERE s.kind = t.kind),
        (SELECT s.source FROM pg_temp.realsource AS s WHERE s.kind = l.level)) AS a
WHERE a.level = l.level;

INSERT INTO palliative_realdata.summary (ord, item, value)
SELECT v.o, v.item, v.value FROM (VALUES
 (1, 'prefectures', (SELECT pg_catalog.count(*) FROM palliative.region WHERE level = 'prefecture' AND source = 'mlit-a38-2020')),
 (2, 'secondary areas (R7)', (SELECT pg_catalog.count(*) FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025')),
 (3, 'secondary areas: population 2020', (SELECT pg_catalog.sum(population) FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025')::bigint),
 (4, 'secondary areas without a polygon (no municipality)', (SELECT pg_catalog.count(*) FROM palliative.region WHERE level = 'secondary' AND source = 'mhlw-r7-2025' AND geom IS NULL)),
 (5, 'secondary areas whose 2020 population is within 1% of their municipalities'' sum', (SELECT pg_catalog.count(*) FROM pg_temp.s_area AS a JOIN pg_temp.area_geom AS g USING (code) WHERE pg_catalog.abs(g.muni_population - a.population) <= 0.01 * a.population)),
 (6, 'municipalities', (SELECT pg_catalog.count(*) FROM palliative.region WHERE level = 'municipality' AND source = 'mlit-n03-2021')),
 (7, 'municipality features without a code (所属未定地), left out', (SELECT pg_catalog.count(*) FROM pg_temp.s_munigeom WHERE code IS NULL)),
 (8, 'municipalities mapped to an area by name', (SELECT pg_catalog.count(*) FROM pg_temp.muni_area WHERE rule = 'name')),
 (9, 'municipalities mapped to an area by hospital location', (SELECT pg_catalog.count(*) FROM pg_temp.muni_area WHERE rule = 'point')),
 (10, 'municipalities unmapped (area of the nearest mapped municipality)', (SELECT pg_catalog.count(*) FROM pg_temp.muni_area WHERE rule = 'nearest')),
 (11, 'municipalities whose hospitals lie in several areas (majority taken)', (SELECT pg_catalog.count(*) FROM pg_temp.muni_area WHERE areas_voted > 1)),
 (12, 'municipality population points 2020', (SELECT pg_catalog.count(*) FROM palliative.population WHERE source = 'census-2020-municipality')),
 (13, 'municipality population points 2020: people', (SELECT pg_catalog.sum(total) FROM palliative.population WHERE source = 'census-2020-municipality')::bigint),
 (14, 'municipality population rows without a polygon, not placed', (SELECT pg_catalog.count(*) FROM pg_temp.munipop WHERE point IS NULL)),
 (15, 'municipality population rows without a polygon: people', (SELECT coalesce(pg_catalog.sum(population), 0) FROM pg_temp.munipop WHERE point IS NULL)),
 (16, 'designated-city totals skipped (the sum of their wards)', (SELECT pg_catalog.count(*) FROM pg_temp.munipop_total)),
 (17, 'Hokkaido 500 m mesh cells', (SELECT pg_catalog.count(*) FROM palliative.population WHERE source = 'estat-mesh500-2010')),
 (18, 'Hokkaido 500 m mesh population 2010', (SELECT pg_catalog.sum(total) FROM palliative.population WHERE source = 'estat-mesh500-2010')::bigint),
 (19, 'hospitals', (SELECT pg_catalog.count(*) FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025')),
 (20, 'hospitals located by the list', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE coord_source = 'list')),
 (21, 'hospitals located by the bed-function report (list: 0,0)', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE coord_source = 'report')),
 (22, 'hospitals located at their municipality (list: 0,0)', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE coord_source = 'municipality')),
 (23, 'hospitals without a location', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE coord_source = 'none')),
 (24, 'hospitals with long-term-care beds (ltc_ward)', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE ltc_beds > 0)),
 (25, 'bed-function report records linked to a hospital', (SELECT pg_catalog.count(*) FROM pg_temp.record_link)),
 (26, 'home-care support records (在宅療養支援)', (SELECT pg_catalog.count(*) FROM pg_temp.s_func WHERE function_name = '在宅療養支援')),
 (27, 'home-care support records linked to a hospital', (SELECT pg_catalog.count(*) FROM pg_temp.s_func JOIN pg_temp.record_link USING (record_id) WHERE function_name = '在宅療養支援')),
 (28, 'hospitals with home_care_support', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE home_care_support)),
 (29, 'Hokkaido hospitals (2015) with a palliative-care department', (SELECT pg_catalog.count(*) FROM pg_temp.hok_link)),
 (30, 'of which linked by name', (SELECT pg_catalog.count(*) FROM pg_temp.hok_link WHERE rule = 'name')),
 (31, 'of which linked by location (within 300 m)', (SELECT pg_catalog.count(*) FROM pg_temp.hok_link WHERE rule = 'location')),
 (32, 'hospitals with palliative_physician from a palliative-care department', (SELECT pg_catalog.count(*) FROM pg_temp.hosp WHERE palliative_department)),
 (33, 'hospitals with a derived capability profile', (SELECT pg_catalog.count(*) FROM palliative.facility WHERE source = 'mhlw-iryojoho-2025' AND capabilities_derived))
) AS v(o, item, value);

INSERT INTO palliative_realdata.summary (ord, item, value)
SELECT 100 + a.ord * 3 + k.o,
       pg_catalog.format('assign_regions %s %s (%s): %s', a.target_table, a.level,
                         (SELECT s.source FROM pg_temp.realsource AS s WHERE s.kind = a.kind), k.what),
       k.value
FROM pg_temp.assigned AS a
CROSS JOIN LATERAL (VALUES (0, 'inside a polygon', a.assigned), (1, 'within 1 km', a.assigned_nearby),
                           (2, 'unassigned', a.unassigned)) AS k(o, what, value);

-- standards: the municipality points cover all of Japan, the mesh cells only
-- Hokkaido (2010), so counting both would count Hokkaido twice.  The seeded
-- standards count the 2020 municipality points; a Hokkaido-mesh copy of each
-- (name suffixed _hokkaido_mesh) counts the 500 m cells.
UPDATE palliative.standard SET demand_source = 'census-2020-municipality'
WHERE demand_source IS NULL AND name NOT LIKE '%\_hokkaido\_mesh';
INSERT INTO palliative.standard
    (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en, facility_kinds,
     required_all, required_any, min_tier, capacity_column, demand_column, demand_source, decay, method,
     target_share, enabled, source_note, measure, served_per_capacity)
SELECT s.name || '_hokkaido_mesh', s.title_ja || '（北海道500mメッシュ）', s.title_en || ' (Hokkaido 500 m mesh)',
       s.provider_ja, s.provider_en, s.description_ja, s.description_en, s.facility_kinds,
       s.required_all, s.required_any, s.min_tier, s.capacity_column, s.demand_column, 'estat-mesh500-2010',
       s.decay, s.method, s.target_share, s.enabled,
       pg_catalog.concat_ws(' ', s.source_note, 'Demand: Hokkaido 500 m mesh population, 2010 census.'),
       s.measure, s.served_per_capacity
FROM palliative.standard AS s
WHERE s.demand_source = 'census-2020-municipality'
  AND NOT EXISTS (SELECT 1 FROM palliative.standard AS t WHERE t.name = s.name || '_hokkaido_mesh');

-- filings imported before this load: link them to the new hospitals again
CREATE TEMP TABLE relinked AS
SELECT * FROM palliative.link_filings() WHERE EXISTS (SELECT 1 FROM palliative.filing);
INSERT INTO palliative_realdata.summary (ord, item, value)
SELECT 200 + v.o, v.item, v.value FROM (VALUES
 (1, 'filings: institutions linked again to the hospitals', (SELECT sum(linked) FROM pg_temp.relinked)::bigint),
 (2, 'filings: institutions placed at their municipality', (SELECT sum(placed) FROM pg_temp.relinked)::bigint),
 (3, 'filings: institutions ambiguous', (SELECT sum(ambiguous) FROM pg_temp.relinked)::bigint)) AS v(o, item, value)
WHERE EXISTS (SELECT 1 FROM pg_temp.relinked);

\o
\pset format unaligned
\pset tuples_only on
SELECT pg_catalog.format('realdata load: %s: %s', item, value)
FROM palliative_realdata.summary ORDER BY ord;
