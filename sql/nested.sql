--
-- Functions that run user SQL, called inside each other's inner queries:
-- every combination gives the same rows as the unnested calls, nesting goes
-- three deep, and a cancelled nested call leaves the session working.
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- a small world: 300 demand points, 40 facilities
CREATE SCHEMA nested_test;
CREATE TABLE nested_test.demand AS
SELECT g::bigint AS id,
       public.ST_SetSRID(public.ST_MakePoint(152 + ((g * 7919) % 1000) / 1000.0,
                                             22 + ((g * 104729) % 997) / 997.0), 4326) AS geom,
       (1 + g % 17)::double precision AS weight
FROM generate_series(1, 300) g;
CREATE TABLE nested_test.supply AS
SELECT (1000 + g)::bigint AS id,
       public.ST_SetSRID(public.ST_MakePoint(152 + ((g * 15485863) % 1009) / 1009.0,
                                             22 + ((g * 32452843) % 1013) / 1013.0), 4326) AS geom,
       (1 + g % 5)::double precision AS capacity
FROM generate_series(1, 40) g;

-- the same world as palliative tables, for strengthen
INSERT INTO palliative.population (id, geom, year, total, source)
SELECT 950000 + d.id, d.geom, 2020, d.weight, 'nested_test' FROM nested_test.demand d;
INSERT INTO palliative.facility (id, name, kind, capabilities, geom, source)
SELECT 950000 + s.id, 'facility ' || s.id, 'clinic',
       CASE WHEN s.id % 4 = 0 THEN '{respite}'::palliative.capset ELSE '{}' END, s.geom, 'nested_test'
FROM nested_test.supply s;
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, target_share, demand_source)
VALUES ('nested_test_20km', 'テスト', 'test', 'テスト', 'test', 'テスト用。', 'For tests.',
        '{clinic}', '{respite}', 'binary(20km)', '2sfca', 0.9, 'nested_test');

\set D 'SELECT id, geom, weight FROM nested_test.demand'
\set S 'SELECT id, geom, capacity FROM nested_test.supply'

-- the unnested results
CREATE TEMP TABLE fca_plain AS SELECT * FROM palliative.fca(:'D', :'S', 'gaussian(30km)');
CREATE TEMP TABLE supply_plain AS SELECT * FROM palliative.fca_supply(:'D', :'S', 'gaussian(30km)');
CREATE TEMP TABLE nearest_plain AS SELECT * FROM palliative.nearest(:'D', :'S', 2);
CREATE TEMP TABLE plan_plain AS SELECT * FROM palliative.strengthen('nested_test_20km', 5);
SELECT (SELECT count(*) FROM fca_plain) AS fca_rows, (SELECT count(*) FROM supply_plain) AS supply_rows,
       (SELECT count(*) FROM nearest_plain) AS nearest_rows, (SELECT count(*) FROM plan_plain) AS plan_steps;

-- same rows: how many rows one side has that the other has not (0: the same)
CREATE FUNCTION pg_temp.differ(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT (SELECT count(*) FROM ((%s) EXCEPT ALL (%s)) x) + (SELECT count(*) FROM ((%s) EXCEPT ALL (%s)) y)',
                 a, b, b, a) INTO n;
  RETURN n;
END $$;

-- the crash of the issue: fca in a scalar subquery of fca's demand_sql
SELECT count(*) AS crash_case FROM palliative.fca(
  $$SELECT d.id, d.geom, (SELECT count(*) FROM palliative.fca('SELECT id, geom, 1.0::float8 AS weight FROM nested_test.demand LIMIT 10', 'SELECT id, geom, 1.0::float8 AS capacity FROM nested_test.supply LIMIT 10', 'gaussian(30km)'))::float8 AS weight FROM nested_test.demand d LIMIT 50$$,
  'SELECT id, geom, 1.0::float8 AS capacity FROM nested_test.supply', 'gaussian(30km)');

-- fca inside fca: the weight column is computed by an inner fca (which
-- multiplies nothing: its count is the number of demand rows, divided away)
SELECT pg_temp.differ(
  $q$SELECT * FROM fca_plain$q$,
  $q$SELECT * FROM palliative.fca(
       'SELECT d.id, d.geom, d.weight * (SELECT count(*) FROM palliative.fca(''SELECT id, geom, weight FROM nested_test.demand'', ''SELECT id, geom, capacity FROM nested_test.supply'', ''gaussian(30km)'')) / 300.0 AS weight FROM nested_test.demand d',
       'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)')$q$) AS fca_in_fca;

-- fca_supply inside fca's supply_sql (capacity unchanged, joined back)
SELECT pg_temp.differ(
  $q$SELECT * FROM fca_plain$q$,
  $q$SELECT * FROM palliative.fca('SELECT id, geom, weight FROM nested_test.demand',
       'SELECT s.id, s.geom, s.capacity FROM nested_test.supply s JOIN palliative.fca_supply(''SELECT id, geom, weight FROM nested_test.demand'', ''SELECT id, geom, capacity FROM nested_test.supply'', ''gaussian(30km)'') r ON r.supply_id = s.id',
       'gaussian(30km)')$q$) AS fca_supply_in_fca;

-- nearest inside fca's demand_sql, and fca inside nearest's demand_sql
SELECT pg_temp.differ(
  $q$SELECT * FROM fca_plain$q$,
  $q$SELECT * FROM palliative.fca(
       'SELECT d.id, d.geom, d.weight FROM nested_test.demand d WHERE d.id IN (SELECT demand_id FROM palliative.nearest(''SELECT id, geom FROM nested_test.demand'', ''SELECT id, geom FROM nested_test.supply''))',
       'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)')$q$) AS nearest_in_fca;
SELECT pg_temp.differ(
  $q$SELECT * FROM nearest_plain$q$,
  $q$SELECT * FROM palliative.nearest(
       'SELECT d.id, d.geom FROM nested_test.demand d JOIN palliative.fca(''SELECT id, geom, weight FROM nested_test.demand'', ''SELECT id, geom, capacity FROM nested_test.supply'', ''gaussian(30km)'') a ON a.demand_id = d.id',
       'SELECT id, geom FROM nested_test.supply', 2)$q$) AS fca_in_nearest;

-- strengthen inside fca's supply_sql (the supply: every facility, whatever
-- the plan), and fca inside strengthen's candidates_sql
SELECT pg_temp.differ(
  $q$SELECT * FROM fca_plain$q$,
  $q$SELECT * FROM palliative.fca('SELECT id, geom, weight FROM nested_test.demand',
       'SELECT s.id, s.geom, s.capacity FROM nested_test.supply s WHERE s.id > (SELECT -count(*) FROM palliative.strengthen(''nested_test_20km'', 5))',
       'gaussian(30km)')$q$) AS strengthen_in_fca;
SELECT pg_temp.differ(
  $q$SELECT * FROM plan_plain$q$,
  $q$SELECT * FROM palliative.strengthen('nested_test_20km', 5,
       'SELECT f.id FROM palliative.facility f WHERE f.source = ''nested_test'' AND f.kind = ''clinic'' AND NOT f.capabilities OPERATOR(palliative.@>) ''{respite}'' AND (SELECT count(*) FROM palliative.fca(''SELECT id, geom, weight FROM nested_test.demand'', ''SELECT id, geom, capacity FROM nested_test.supply'', ''gaussian(30km)'')) = 300')$q$) AS fca_in_strengthen;

-- three deep: fca in nearest in fca
SELECT pg_temp.differ(
  $q$SELECT * FROM fca_plain$q$,
  $q$SELECT * FROM palliative.fca(
       'SELECT d.id, d.geom, d.weight FROM nested_test.demand d WHERE d.id IN (SELECT demand_id FROM palliative.nearest(''SELECT x.id, x.geom FROM nested_test.demand x JOIN palliative.fca(''''SELECT id, geom, weight FROM nested_test.demand'''', ''''SELECT id, geom, capacity FROM nested_test.supply'''', ''''gaussian(30km)'''') a ON a.demand_id = x.id'', ''SELECT id, geom FROM nested_test.supply''))',
       'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)')$q$) AS three_deep;

-- an error inside the inner call surfaces with the inner call's message
SELECT count(*) FROM palliative.fca(
  'SELECT d.id, d.geom, (SELECT count(*) FROM palliative.fca(''SELECT 1 AS id, NULL::geometry AS geom, 1 AS weight'', ''SELECT id, geom, capacity FROM nested_test.supply'', ''gaussian(30km)''))::float8 AS weight FROM nested_test.demand d',
  'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)');
\echo :LAST_ERROR_SQLSTATE

-- cancel a nested call: the inner fca has 120 million pairs to weigh
CREATE FUNCTION pg_temp.stops(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE stmt;
  RETURN 'not cancelled: finished in ' || (clock_timestamp() - t0);
EXCEPTION WHEN query_canceled THEN
  RETURN CASE WHEN clock_timestamp() - t0 < interval '1.5 s' THEN 'cancelled within a second of the timeout'
              ELSE 'cancelled late: ' || (clock_timestamp() - t0) END;
END $$;
SET statement_timeout = '500ms';
SELECT pg_temp.stops($$
  SELECT count(*) FROM palliative.fca(
    'SELECT d.id, d.geom, (SELECT count(*) FROM palliative.fca(''SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 200) / 200.0, 35 + (i / 200) / 200.0), 4326) AS geom, 1 AS weight FROM generate_series(1, 30000) i'', ''SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 64) / 64.0, 35 + (i / 64) / 64.0), 4326) AS geom, 1 AS capacity FROM generate_series(1, 4000) i'', ''gaussian(1000km)'', ''3sfca''))::float8 AS weight FROM nested_test.demand d',
    'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)')
$$);
RESET statement_timeout;
-- the session works, and so do the functions
SELECT pg_temp.differ($q$SELECT * FROM fca_plain$q$,
                      $q$SELECT * FROM palliative.fca('SELECT id, geom, weight FROM nested_test.demand', 'SELECT id, geom, capacity FROM nested_test.supply', 'gaussian(30km)')$q$) AS after_cancel;

-- clean up
DELETE FROM palliative.standard WHERE name = 'nested_test_20km';
DELETE FROM palliative.facility WHERE source = 'nested_test';
DELETE FROM palliative.population WHERE source = 'nested_test';
DROP SCHEMA nested_test CASCADE;
