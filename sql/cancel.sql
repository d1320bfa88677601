--
-- cancellation: statement_timeout stops nearest, fca and refresh on data
-- that keeps them busy far longer than the timeout, within a second past it,
-- and the session keeps working.  (fca.sql checks fca on large inputs; here
-- the inputs are read quickly and the work is in the engine.)
--
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- runs a statement under a 500 ms timeout; says whether and when it stopped
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

-- nearest: 30,000 demand points x 4,000 facilities, the 1,000 nearest of each
-- (30 million result rows)
SET statement_timeout = '500ms';
SELECT pg_temp.stops($$
  SELECT count(*) FROM palliative.nearest(
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 200) / 200.0, 35 + (i / 200) / 200.0), 4326) AS geom FROM generate_series(1, 30000) i',
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 64) / 64.0, 35 + (i / 64) / 64.0), 4326) AS geom FROM generate_series(1, 4000) i',
    1000)
$$);
RESET statement_timeout;
SELECT count(*) AS still_works FROM palliative.nearest(
  'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom',
  'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139.1, 35), 4326) AS geom');

-- fca: few input rows, every pair within the catchment (120 million pairs)
SET statement_timeout = '500ms';
SELECT pg_temp.stops($$
  SELECT count(*) FROM palliative.fca(
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 200) / 200.0, 35 + (i / 200) / 200.0), 4326) AS geom, 1 AS weight FROM generate_series(1, 30000) i',
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 64) / 64.0, 35 + (i / 64) / 64.0), 4326) AS geom, 1 AS capacity FROM generate_series(1, 4000) i',
    'gaussian(1000km)', '3sfca')
$$);
RESET statement_timeout;

-- refresh: a standard over 60,000 people and 4,000 facilities, all within
-- reach of each other; everything is rolled back afterwards
BEGIN;
UPDATE palliative.standard SET enabled = false;
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja,
                                 description_en, facility_kinds, decay, method)
VALUES ('cancel_test', 't', 't', 'p', 'p', 'd', 'd', '{clinic}', 'gaussian(1000km)', '3sfca');
INSERT INTO palliative.population (geom, year, total, source)
SELECT ST_SetSRID(ST_MakePoint(139 + (i % 250) / 250.0, 35 + (i / 250) / 250.0), 4326), 2020, 10, 'cancel_test'
FROM generate_series(1, 60000) i;
INSERT INTO palliative.facility (name, kind, geom, source)
SELECT 'c' || i, 'clinic', ST_SetSRID(ST_MakePoint(139 + (i % 64) / 64.0, 35 + (i / 64) / 64.0), 4326), 'cancel_test'
FROM generate_series(1, 4000) i;
SET LOCAL statement_timeout = '500ms';
SELECT pg_temp.stops($$ SELECT palliative.refresh(ARRAY['cancel_test']) $$);
SET LOCAL statement_timeout = 0;
-- the session and the transaction go on; the cancelled run left no log row
SELECT count(*) AS running FROM palliative.refresh_log WHERE status = 'running';
ROLLBACK;
SELECT count(*) AS rolled_back FROM palliative.standard WHERE name = 'cancel_test';
