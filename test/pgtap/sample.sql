-- palliative.load_sample: deterministic, complete, in the source's proportions
BEGIN;
SET client_min_messages = warning;
SELECT plan(45);

-- rows from elsewhere must survive load_sample
INSERT INTO palliative.facility (name, kind, source, prefecture_code)
VALUES ('kept facility', 'clinic', 'manual', '13');
INSERT INTO palliative.region (code, level, name_en, source) VALUES ('99', 'prefecture', 'Kept', 'manual');

-- checksums of the sample rows (ids excluded: they come from sequences)
CREATE FUNCTION pg_temp.sample_md5(what text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE what
    WHEN 'region' THEN (SELECT md5(string_agg(concat_ws('|', code, level, name_ja, name_en, parent_code,
                                                         plan_period, population, public.ST_AsEWKB(geom)),
                                              E'\n' ORDER BY code))
                        FROM palliative.region WHERE source = 'sample')
    WHEN 'population' THEN (SELECT md5(string_agg(concat_ws('|', mesh, year, total, aged_65_plus, aged_75_plus,
                                                             cancer_deaths, prefecture_code, secondary_code,
                                                             municipality_code, public.ST_AsEWKB(geom)),
                                                  E'\n' ORDER BY mesh))
                            FROM palliative.population WHERE source = 'sample')
    WHEN 'facility' THEN (SELECT md5(string_agg(concat_ws('|', name, kind, capabilities, capabilities_derived,
                                                           pcu_beds, ltc_beds, general_beds, physicians,
                                                           physicians_trained, conferences_attended,
                                                           prefecture_code, secondary_code, municipality_code,
                                                           address, phone, public.ST_AsEWKB(geom), surveyed_on),
                                                E'\n' ORDER BY id))
                          FROM palliative.facility WHERE source = 'sample')
    END
$$;

CREATE TEMP TABLE loaded AS SELECT * FROM palliative.load_sample(1);
CREATE TEMP TABLE first_md5 AS
    SELECT pg_temp.sample_md5('region') AS region, pg_temp.sample_md5('population') AS population,
           pg_temp.sample_md5('facility') AS facility;

-- what load_sample returns
SELECT results_eq(
    'SELECT what FROM loaded',
    ARRAY['region:prefecture', 'region:secondary', 'region:municipality', 'population_cells', 'people',
          'facility:hospital', 'facility:clinic', 'facility:visiting_nurse_station', 'facility:pharmacy',
          'facility:care_facility', 'links', 'unassigned_codes'],
    'load_sample returns its counts in a fixed order');
SELECT is((SELECT rows FROM loaded WHERE what = 'region:prefecture'), 4::bigint, '4 prefectures');
SELECT cmp_ok((SELECT rows FROM loaded WHERE what = 'region:secondary'), '>=', 12::bigint, 'at least 12 secondary medical regions');
SELECT cmp_ok((SELECT rows FROM loaded WHERE what = 'population_cells'), '>=', 20000::bigint, 'at least 20,000 population cells');
SELECT is((SELECT rows FROM loaded WHERE what = 'unassigned_codes'), 0::bigint, 'no region code left unassigned');
SELECT is((SELECT rows FROM loaded WHERE what = 'population_cells'),
          (SELECT count(*) FROM palliative.population WHERE source = 'sample'), 'the cell count is what was inserted');

-- the same seed again gives the same rows; another seed others
CREATE TEMP TABLE loaded2 AS SELECT * FROM palliative.load_sample(2);
SELECT isnt(pg_temp.sample_md5('population'), (SELECT population FROM first_md5), 'seed 2: other population');
SELECT isnt(pg_temp.sample_md5('facility'), (SELECT facility FROM first_md5), 'seed 2: other facilities');
SELECT isnt(pg_temp.sample_md5('region'), (SELECT region FROM first_md5), 'seed 2: other regions');
CREATE TEMP TABLE timing AS SELECT clock_timestamp() AS t0;
CREATE TEMP TABLE loaded3 AS SELECT * FROM palliative.load_sample(1);
SELECT cmp_ok(extract(epoch FROM clock_timestamp() - (SELECT t0 FROM timing))::float8, '<', 30.0::float8,
              'load_sample takes seconds, not minutes');
-- statistics that call the tables empty (an autovacuum during a load leaves
-- them so) must not turn the load into minutes
UPDATE pg_catalog.pg_class SET reltuples = 0, relpages = 5000
WHERE oid IN ('palliative.region'::regclass, 'palliative.population'::regclass, 'palliative.facility'::regclass);
UPDATE timing SET t0 = clock_timestamp();
CREATE TEMP TABLE loaded4 AS SELECT * FROM palliative.load_sample(1);
SELECT cmp_ok(extract(epoch FROM clock_timestamp() - (SELECT t0 FROM timing))::float8, '<', 30.0::float8,
              'load_sample takes seconds after statistics that call its tables empty');
SELECT is(pg_temp.sample_md5('population'), (SELECT population FROM first_md5), 'seed 1 again: same population');
SELECT is(pg_temp.sample_md5('facility'), (SELECT facility FROM first_md5), 'seed 1 again: same facilities');
SELECT is(pg_temp.sample_md5('region'), (SELECT region FROM first_md5), 'seed 1 again: same regions');
-- and the same on every machine: the generator's own output for seed 1, pinned
SELECT is((SELECT md5(string_agg(concat_ws('|', mesh, total, aged_65_plus, aged_75_plus, cancer_deaths), E'\n' ORDER BY mesh))
           FROM palliative.sample_cells(1)),
          'fbbbac6a419a4e2f3b994b23f10ea5d1', 'sample_cells(1) is the pinned data set');
SELECT is((SELECT md5(string_agg(concat_ws('|', code, level, name_ja, name_en, parent_code, population, md5(geom_ewkb)),
                                  E'\n' ORDER BY n))
           FROM palliative.sample_regions(1) WITH ORDINALITY
                AS r(code, level, name_ja, name_en, parent_code, population, geom_ewkb, n)),
          '6aaaee2d3535fdf9f8c14d236e711304', 'sample_regions(1) is the pinned data set');
SELECT is((SELECT md5(string_agg(concat_ws('|', name, kind, capabilities, pcu_beds, ltc_beds, general_beds, physicians,
                                           physicians_trained, conferences_attended, address, lon, lat, surveyed_on),
                                  E'\n' ORDER BY n))
           FROM palliative.sample_facilities(1) WITH ORDINALITY
                AS f(name, kind, capabilities, pcu_beds, ltc_beds, general_beds, physicians, physicians_trained,
                     conferences_attended, address, lon, lat, surveyed_on, n)),
          'd21f2fa001194fb939029c87748ac4c6', 'sample_facilities(1) is the pinned data set');

-- load_sample generates the sample once (sample_insert) and loads exactly
-- the rows the inspection functions show
SELECT results_eq(
    $$ SELECT code, level, name_ja, name_en, parent_code, population, public.ST_AsEWKB(geom)
       FROM palliative.region WHERE source = 'sample' ORDER BY code $$,
    $$ SELECT code, level, name_ja, name_en, parent_code, population, geom_ewkb
       FROM palliative.sample_regions(1) ORDER BY code $$,
    'the loaded regions are sample_regions(1)');
SELECT results_eq(
    $$ SELECT mesh::text, public.ST_X(geom), public.ST_Y(geom), total, aged_65_plus, aged_75_plus, cancer_deaths
       FROM palliative.population WHERE source = 'sample' ORDER BY id $$,
    $$ SELECT mesh::text, lon, lat, total, aged_65_plus, aged_75_plus, cancer_deaths
       FROM palliative.sample_cells(1) $$,
    'the loaded cells are sample_cells(1), in its order');
SELECT results_eq(
    $$ SELECT name, kind::text, capabilities, pcu_beds, ltc_beds, general_beds, physicians, physicians_trained,
              conferences_attended, address, public.ST_X(geom), public.ST_Y(geom), surveyed_on
       FROM palliative.facility WHERE source = 'sample' ORDER BY id $$,
    $$ SELECT name, kind, capabilities, pcu_beds, ltc_beds, general_beds, physicians, physicians_trained,
              conferences_attended, address, lon, lat, surveyed_on
       FROM palliative.sample_facilities(1) $$,
    'the loaded facilities are sample_facilities(1), in its order');

-- nothing else was touched
SELECT is((SELECT prefecture_code FROM palliative.facility WHERE name = 'kept facility'), '13', 'other facilities are kept as they were');
SELECT is((SELECT count(*) FROM palliative.region WHERE code = '99'), 1::bigint, 'other regions are kept');

-- completeness
SELECT is((SELECT count(*) FROM palliative.population
           WHERE source = 'sample' AND (prefecture_code IS NULL OR secondary_code IS NULL OR municipality_code IS NULL)),
          0::bigint, 'every cell has its three region codes');
SELECT is((SELECT count(*) FROM palliative.facility
           WHERE source = 'sample' AND (prefecture_code IS NULL OR secondary_code IS NULL OR municipality_code IS NULL)),
          0::bigint, 'every facility has its three region codes');
SELECT is((SELECT count(*) FROM palliative.facility f
           JOIN palliative.region m ON m.code = f.municipality_code
           JOIN palliative.region s ON s.code = f.secondary_code
           WHERE f.source = 'sample' AND (m.parent_code <> f.secondary_code OR s.parent_code <> f.prefecture_code)),
          0::bigint, 'facility codes agree with the region hierarchy');
SELECT is((SELECT count(DISTINCT kind) FROM palliative.facility WHERE source = 'sample'), 5::bigint, 'all five kinds of facility');
SELECT ok((SELECT bool_and(public.ST_IsValid(geom)) FROM palliative.region WHERE source = 'sample'), 'region polygons are valid');
SELECT ok((SELECT bool_and(public.ST_Equals(s.geom, u.geom))
           FROM palliative.region s
           JOIN (SELECT parent_code, public.ST_Union(geom) AS geom FROM palliative.region
                 WHERE source = 'sample' AND level = 'municipality' GROUP BY parent_code) u ON u.parent_code = s.code
           WHERE s.source = 'sample' AND s.level = 'secondary'),
          'the municipalities of each secondary region tile it exactly');
SELECT is((SELECT sum(population) FROM palliative.region WHERE source = 'sample' AND level = 'prefecture'),
          (SELECT sum(total)::numeric FROM palliative.population WHERE source = 'sample'),
          'prefecture populations add up to the cells');
SELECT ok((SELECT sum(aged_65_plus) / sum(total) BETWEEN 0.27 AND 0.31
              AND sum(aged_75_plus) / sum(total) BETWEEN 0.13 AND 0.17
              AND sum(cancer_deaths) / sum(total) BETWEEN 0.0027 AND 0.0034
           FROM palliative.population WHERE source = 'sample'),
          'about 29% aged 65+, 15% aged 75+, cancer deaths about 0.3% a year');
SELECT ok((SELECT count(*) FILTER (WHERE kind = 'hospital') * 1e5 / (SELECT sum(total) FROM palliative.population WHERE source = 'sample')
           BETWEEN 6.0 AND 7.2 FROM palliative.facility WHERE source = 'sample'),
          'about 6.6 hospitals per 100,000 people, as in Japan');
SELECT ok((SELECT count(*) = 4 AND count(DISTINCT prefecture_code) = 4 FROM palliative.facility
           WHERE source = 'sample' AND capabilities OPERATOR(palliative.@>) '{cancer_base_prefectural}'),
          'one prefectural cancer-care base hospital per prefecture');
SELECT ok((SELECT count(DISTINCT f.secondary_code) BETWEEN 0.5 * (SELECT count(*) FROM palliative.region WHERE source = 'sample' AND level = 'secondary')
                                                   AND (SELECT count(*) FROM palliative.region WHERE source = 'sample' AND level = 'secondary') - 1
           FROM palliative.facility f
           WHERE f.source = 'sample' AND f.capabilities OPERATOR(palliative.@>) '{cancer_base_regional}'),
          'regional base hospitals in most secondary regions, not all');

-- long-term-care wards without a PCU: the Tokyo survey, within 1 percentage point
CREATE TEMP TABLE ltc AS
SELECT 100.0 * avg((capabilities OPERATOR(palliative.@>) '{pcu_experienced_nurse}')::int) AS pcu_nurse,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{certified_palliative_nurse}')::int) AS certified_nurse,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{palliative_physician}')::int) AS palliative_physician,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_skilled_physician}')::int) AS skilled_physician,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{palliative_specialist}')::int) AS specialist,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_storage}')::int) AS storage,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_storage_shared}')::int) AS storage_shared,
       100.0 * avg((NOT capabilities OPERATOR(palliative.&&) '{opioid_storage,opioid_storage_shared}')::int) AS no_storage,
       100.0 * avg((NOT capabilities OPERATOR(palliative.@>) '{opioid_use}')::int) AS no_opioids,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_use,opioid_all_kinds,opioid_all_routes}')::int) AS unrestricted,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_use}' AND NOT capabilities OPERATOR(palliative.@>) '{opioid_all_kinds}')::int) AS limited_kinds,
       100.0 * avg((capabilities OPERATOR(palliative.@>) '{opioid_use}' AND NOT capabilities OPERATOR(palliative.@>) '{opioid_all_routes}')::int) AS limited_route,
       count(*) AS n
FROM palliative.facility
WHERE source = 'sample' AND kind = 'hospital'
  AND capabilities OPERATOR(palliative.@>) '{ltc_ward}' AND NOT capabilities OPERATOR(palliative.@>) '{pcu}';
SELECT cmp_ok((SELECT n FROM ltc), '>=', 100::bigint, 'at least 100 long-term-care wards without a PCU');
SELECT ok((SELECT abs(pcu_nurse - 16.4) <= 1 AND certified_nurse = 0 FROM ltc), 'nurses: 16.4% PCU experience, none certified');
SELECT ok((SELECT abs(palliative_physician - 1.8) <= 1 AND abs(skilled_physician - 30.9) <= 1 AND specialist = 0 FROM ltc),
          'physicians: 1.8% palliative, 30.9% skilled with opioids, no specialist');
SELECT ok((SELECT abs(storage - 76.4) <= 1 AND abs(storage_shared - 12.7) <= 1 AND abs(no_storage - 10.9) <= 1 FROM ltc),
          'narcotics storage: 76.4% own, 12.7% shared, 10.9% none');
SELECT ok((SELECT abs(no_opioids - 10.9) <= 1 AND abs(unrestricted - 56.4) <= 1
              AND abs(limited_kinds - 23.6) <= 1 AND abs(limited_route - 10.9) <= 1 FROM ltc),
          'opioids: 10.9% cannot, 56.4% unrestricted, 23.6% limited kinds, 10.9% limited route');

-- sample_insert, the inserting step of load_sample, on its own
DELETE FROM palliative.facility WHERE source = 'sample';
DELETE FROM palliative.population WHERE source = 'sample';
DELETE FROM palliative.region WHERE source = 'sample';
SELECT results_eq(
    'SELECT regions, cells, facilities FROM palliative.sample_insert(2)',
    $$ SELECT (SELECT count(*) FROM palliative.sample_regions(2)), (SELECT count(*) FROM palliative.sample_cells(2)),
              (SELECT count(*) FROM palliative.sample_facilities(2)) $$,
    'sample_insert returns the rows of each table it inserted');
SELECT results_eq(
    $$ SELECT (SELECT count(*) FROM palliative.region WHERE source = 'sample'),
              (SELECT count(*) FROM palliative.population WHERE source = 'sample'),
              (SELECT count(*) FROM palliative.facility WHERE source = 'sample' AND capabilities_derived) $$,
    $$ SELECT (SELECT count(*) FROM palliative.sample_regions(2)), (SELECT count(*) FROM palliative.sample_cells(2)),
              (SELECT count(*) FROM palliative.sample_facilities(2)) $$,
    'sample_insert inserts them with source sample (capabilities derived)');
SELECT throws_ok('SELECT palliative.sample_insert(2)', '23505', NULL,
                 'sample_insert does not insert over regions already there');
SELECT throws_ok('SELECT palliative.sample_insert(NULL)', '22004', 'sample_insert seed must not be null',
                 'sample_insert: a null seed is an error');

-- bad input
SELECT throws_ok('SELECT palliative.load_sample(NULL)', '22004', 'load_sample seed must not be null', 'a null seed is an error');
DELETE FROM palliative.region WHERE source = 'sample' AND code = '84';
INSERT INTO palliative.region (code, level, source) VALUES ('84', 'prefecture', 'manual');
SELECT throws_ok('SELECT palliative.load_sample(1)', '23505', NULL, 'a sample code used by another row is an error');
SELECT throws_ok('SELECT palliative.load_sample(1)', '23505',
                 'load_sample cannot add its regions: codes 84 are already used by other rows',
                 'the error names the codes in use');

SELECT * FROM finish();
ROLLBACK;
