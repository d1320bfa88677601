--
-- Inputs at the edges: the integer keys of the views at the largest ids
-- the tables accept (and the ids they refuse), catchment texts of every
-- cutoff a decay takes, inequality measures of huge finite numbers, points
-- with Z and M ordinates, empty inner queries, null tile coordinates and
-- infinite dates
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- keys: standards 32766 and 32767 (beside the seeded 1, 2, ...), facilities
-- up to 2^48 - 1, every one qualifying for both standards
BEGIN;
INSERT INTO palliative.standard (id, name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 required_all, decay, demand_source)
VALUES (32767, 'test_key_high', 't', 't', 'p', 'p', 'd', 'd', '{respite,aya_support}', 'binary(1km)', 'test_keys'),
       (32766, 'test_key_next', 't', 't', 'p', 'p', 'd', 'd', '{respite,aya_support}', 'binary(1km)', 'test_keys');
INSERT INTO palliative.facility (id, name, kind, capabilities, pcu_beds, secondary_code, geom, source)
SELECT i, 'key ' || i, (ARRAY['hospital', 'clinic', 'visiting_nurse_station', 'pharmacy']::palliative.facility_kind[])[1 + i % 4],
       '{respite,aya_support,pcu,home_care_support,home_nursing,home_visit_24h,narcotics_retail_license,pharmacy_home_visit}',
       1, '9999', 'SRID=4326;POINT(153.9 20.1)', 'test_keys'
FROM unnest(ARRAY[4294967296, 140737488355328, 281474976710653, 281474976710654, 281474976710655]::bigint[]) AS i;
SELECT standard_id, facility_id, id, id = (standard_id::bigint << 48) + facility_id AS formula
FROM palliative.standard_facility WHERE standard LIKE 'test_key_%' ORDER BY id;
SELECT count(*) = count(DISTINCT id) AS standard_facility_keys_unique FROM palliative.standard_facility;
SELECT facility_id, category, id FROM palliative.resource_directory WHERE facility_id >= 4294967296 ORDER BY id;
SELECT count(*) = count(DISTINCT id) AS resource_directory_keys_unique FROM palliative.resource_directory;
ROLLBACK;
-- ids that would collide are refused where they enter
SELECT pg_temp.err($$INSERT INTO palliative.standard (id, name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en, decay)
                     VALUES (32768, 'test_key_over', 't', 't', 'p', 'p', 'd', 'd', 'binary(1km)')$$);
SELECT pg_temp.err($$INSERT INTO palliative.standard (id, name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en, decay)
                     VALUES (0, 'test_key_zero', 't', 't', 'p', 'p', 'd', 'd', 'binary(1km)')$$);
SELECT pg_temp.err($$INSERT INTO palliative.facility (id, name, kind) VALUES (281474976710656, 'over', 'clinic')$$);
SELECT pg_temp.err($$INSERT INTO palliative.facility (id, name, kind) VALUES (0, 'zero', 'clinic')$$);
SELECT pg_temp.err($$INSERT INTO palliative.facility (id, name, kind) VALUES (-5, 'negative', 'clinic')$$);
SELECT pg_temp.err($$INSERT INTO palliative.facility (name, kind, surveyed_on) VALUES ('forever', 'clinic', 'infinity')$$);

-- catchment texts: small, fractional, large and the largest cutoffs
SELECT d::text AS decay, palliative.catchment_text(d)
FROM unnest(ARRAY['binary(500m)', 'binary(0.25m)', 'binary(999.96m)', 'binary(1500m)', 'linear(16km)', 'gaussian(12.34km)',
                  'binary(123456789km)', 'binary(1e12km)', 'binary(1234567890123456km)', 'binary(1e300km)', 'binary(1e308m)',
                  'binary(90min)', 'binary(1.5h)', 'binary(1e300h)']::palliative.decay[]) AS d;

-- gini and theil_t of huge finite numbers: the same as of small ones
SELECT round(palliative.gini(x, w)::numeric, 12) AS gini, round(palliative.theil_t(x, w)::numeric, 12) AS theil_t,
       round(palliative.palma(x, w)::numeric, 12) AS palma
FROM (VALUES (1, 1), (2, 1), (3, 2), (5, 3), (8, 5), (13, 8), (0, 1), (21, 2), (34, 1), (55, 1)) AS v(x, w);
SELECT round(palliative.gini(x * 1e300, w * 1e300)::numeric, 12) AS gini, round(palliative.theil_t(x * 1e300, w * 1e300)::numeric, 12) AS theil_t,
       round(palliative.palma(x * 1e300, w * 1e300)::numeric, 12) AS palma
FROM (VALUES (1, 1), (2, 1), (3, 2), (5, 3), (8, 5), (13, 8), (0, 1), (21, 2), (34, 1), (55, 1)) AS v(x, w);
SELECT round(palliative.gini(x * 1e-300, w)::numeric, 12) AS gini, round(palliative.theil_t(x * 1e-300, w)::numeric, 12) AS theil_t
FROM (VALUES (1, 1), (2, 1), (3, 2), (5, 3), (8, 5), (13, 8), (0, 1), (21, 2), (34, 1), (55, 1)) AS v(x, w);
SELECT palliative.gini(x, w) AS gini, round(palliative.theil_t(x, w)::numeric, 12) AS theil_t, round(ln(2)::numeric, 12) AS ln2
FROM (VALUES (1.7e308, 1.7e308), (1.7e308, 1.7e308), (0, 1.7e308), (0, 1.7e308)) AS v(x, w);
-- in a parallel plan (combine functions), with growing scales across the rows
CREATE TABLE boundaries_ineq AS SELECT i, (i % 7) * power(10::float8, (i % 300)) AS x, 1 + i % 5 AS w FROM generate_series(1, 60000) i;
ANALYZE boundaries_ineq;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE par AS SELECT palliative.gini(x, w) g, palliative.theil_t(x, w) t FROM boundaries_ineq;
SET max_parallel_workers_per_gather = 0;
SELECT g BETWEEN 0 AND 1 AS gini_in_range, t >= 0 AS theil_finite,
       abs(g - (SELECT palliative.gini(x, w) FROM boundaries_ineq)) < 1e-9 AS gini_same,
       abs(t - (SELECT palliative.theil_t(x, w) FROM boundaries_ineq)) < 1e-9 AS theil_same
FROM par;
RESET ALL;
SET extra_float_digits = 0;
DROP TABLE boundaries_ineq;

-- POINT Z, M and ZM: the same as the plain point (Z and M are ignored)
SELECT g AS geom, a.demand_id, round(a.access::numeric, 9) AS access, a.reachable
FROM unnest(ARRAY['SRID=4326;POINT(139 35)', 'SRID=4326;POINT Z (139 35 120)', 'SRID=4326;POINT M (139 35 7)',
                  'SRID=4326;POINT ZM (139 35 120 7)']) AS g,
     LATERAL palliative.fca(format('SELECT 1 AS id, %L::geometry AS geom, 100 AS weight', g),
                            format('SELECT 2 AS id, %L::geometry AS geom, 3 AS capacity', 'SRID=4326;POINT M (139.01 35 1)'),
                            'linear(5km)') AS a;
SELECT g AS geom, n.supply_id, round(n.distance::numeric, 3) AS distance
FROM unnest(ARRAY['SRID=4326;POINT(139 35)', 'SRID=4326;POINT Z (139 35 120)', 'SRID=4326;POINT M (139 35 7)',
                  'SRID=4326;POINT ZM (139 35 120 7)']) AS g,
     LATERAL palliative.nearest(format('SELECT 1 AS id, %L::geometry AS geom', g),
                                'SELECT 2 AS id, ''SRID=4326;POINT ZM (139.01 35 5 5)''::geometry AS geom') AS n;

-- empty inner queries: 22023 naming the argument
SELECT pg_temp.err($$SELECT * FROM palliative.fca('', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS capacity', 'binary(1km)')$$);
SELECT pg_temp.err($$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS weight', ' ; ', 'binary(1km)')$$);
SELECT pg_temp.err($$SELECT * FROM palliative.nearest('  ', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom')$$);
SELECT pg_temp.err($$SELECT * FROM palliative.strengthen('home_palliative_16km', 1, '')$$);

-- tiles: a null coordinate is 22004, not an empty tile
SELECT pg_temp.err($$SELECT palliative.coverage_mvt(NULL, 0, 0)$$);
SELECT pg_temp.err($$SELECT palliative.coverage_mvt(3, NULL, 1)$$);
SELECT pg_temp.err($$SELECT palliative.coverage_mvt(3, 1, NULL)$$);

-- fiscal years of infinite dates: 22023, not an integer overflow
SELECT palliative.fiscal_year('2026-03-31'), palliative.fiscal_year('2026-04-01'), palliative.last_fiscal_year('2026-11-24');
SELECT pg_temp.err($$SELECT palliative.fiscal_year('infinity')$$);
SELECT pg_temp.err($$SELECT palliative.last_fiscal_year('-infinity')$$);
