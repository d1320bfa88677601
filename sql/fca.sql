-- palliative.fca, fca_supply and nearest: agreement with the plain-SQL
-- oracle (test/oracle/fca_oracle.sql), invariants, published cases, errors.
\set QUIET on
SET client_min_messages = warning;
\i test/oracle/fca_oracle.sql
RESET client_min_messages;
\set QUIET off
SET extra_float_digits = 0;

-- random data of one seed: clustered points, zero weights, zero capacities,
-- co-located points and facilities 1 m inside and outside a demand point's
-- catchment edge (for cutoff 20 km, along a meridian)
CREATE FUNCTION pg_temp.fill(seed float8) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setseed(seed);
  TRUNCATE fca_oracle.demand, fca_oracle.supply;
  INSERT INTO fca_oracle.demand
    SELECT i, 139 + random() * 1.2, 35 + random() * 0.9,
           CASE WHEN i % 10 = 0 THEN 0 ELSE floor(random() * 1000) END
    FROM generate_series(1, 300) i;
  INSERT INTO fca_oracle.supply
    SELECT 1000 + i, 139 + random() * 1.2, 35 + random() * 0.9,
           CASE WHEN i % 9 = 0 THEN 0 ELSE 1 + floor(random() * 50) END
    FROM generate_series(1, 50) i;
  -- co-located with demand 5 and 6
  INSERT INTO fca_oracle.supply SELECT 2000 + id, lon, lat, 7 FROM fca_oracle.demand WHERE id IN (5, 6);
  -- at 20 km - 1 m and 20 km + 1 m from demand 7 and 8, north along the meridian
  INSERT INTO fca_oracle.supply
    SELECT 3000 + id, lon, lat + degrees((20000 + CASE WHEN id = 7 THEN -1 ELSE 1 END) / 6371008.8), 9
    FROM fca_oracle.demand WHERE id IN (7, 8);
END $$;

CREATE FUNCTION pg_temp.mismatches(method text, decay_text text, kind text, cutoff float8, param float8 DEFAULT 0)
RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*)
  FROM palliative.fca(
         'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand',
         'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply',
         decay_text::palliative.decay, method) f
  FULL JOIN fca_oracle.fca(method, kind, cutoff, param) o USING (demand_id)
  WHERE f.demand_id IS NULL OR o.demand_id IS NULL
     OR abs(f.access - o.access) > 1e-9 * greatest(abs(o.access), 1e-300)
     OR f.reachable <> o.reachable
$$;

-- every method and several decays, three seeds: all zero
SELECT s AS seed, m AS method, d.dec,
       pg_temp.mismatches(m, d.dec, d.kind, d.cutoff, d.param) AS mismatches
FROM (SELECT s, pg_temp.fill(s) FROM unnest(ARRAY[0.1, 0.2, 0.3]) s) seeds,
     unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m,
     (VALUES ('gaussian(20km)', 'gaussian', 20000.0, 0.0),
             ('binary(20km)', 'binary', 20000.0, 0.0),
             ('linear(20km)', 'linear', 20000.0, 0.0),
             ('exponential(0.1/km, 20km)', 'exponential', 20000.0, 0.0001)) d(dec, kind, cutoff, param)
ORDER BY 1, 2, 3;

-- the edge facilities: 1 m inside counts, 1 m outside does not
SELECT pg_temp.fill(0.1);
SELECT demand_id, reachable > 0 AS reaches_edge_facility
FROM palliative.fca('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand WHERE id IN (7, 8)',
                    'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply WHERE id > 3000',
                    'binary(20km)');

-- sum invariant: sum(weight * access) = capacity of the facilities that reach demand
SELECT m AS method,
       round((SELECT sum(d.weight * f.access)
              FROM palliative.fca('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand',
                                  'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply',
                                  'gaussian(20km)', m) f
              JOIN fca_oracle.demand d ON d.id = f.demand_id)::numeric, 9) AS weighted_access,
       round((SELECT sum(s.capacity)
              FROM palliative.fca_supply('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand',
                                         'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply',
                                         'gaussian(20km)', m) fs
              JOIN fca_oracle.supply s ON s.id = fs.supply_id
              WHERE fs.demand_reached > 0)::numeric, 9) AS reached_capacity
FROM unnest(ARRAY['2sfca', '3sfca']) m;

-- published case 1: binary(6min), unit weights and capacities; cost 0 counts
SELECT demand_id, round(access::numeric, 12) AS access, reachable
FROM palliative.fca(
  'SELECT * FROM (VALUES (1, 1.0), (2, 1.0), (3, 1.0)) v(id, weight)',
  'SELECT * FROM (VALUES (1, 1.0), (2, 1.0)) v(id, capacity)',
  'binary(6min)', '2sfca',
  'SELECT * FROM (VALUES (1, 1, 5), (1, 2, 5), (2, 1, 10), (2, 2, 0), (3, 1, 15), (3, 2, 15)) v(demand_id, supply_id, cost)');

-- published case 2: binary(29min): 1, 1/6, 1/6
SELECT demand_id, round(access::numeric, 12) AS access, reachable
FROM palliative.fca(
  'SELECT * FROM (VALUES (1, 5.0), (2, 10.0), (3, 50.0)) v(id, weight)',
  'SELECT * FROM (VALUES (1, 5.0), (2, 10.0)) v(id, capacity)',
  'binary(29min)', '2sfca',
  'SELECT * FROM (VALUES (1, 1, 5), (1, 2, 55), (2, 1, 35), (2, 2, 15), (3, 1, 40), (3, 2, 25)) v(demand_id, supply_id, cost)');

SELECT supply_id, round(ratio::numeric, 12) AS ratio, round(demand_reached::numeric, 9) AS demand_reached
FROM palliative.fca_supply(
  'SELECT * FROM (VALUES (1, 5.0), (2, 10.0), (3, 50.0)) v(id, weight)',
  'SELECT * FROM (VALUES (1, 5.0), (2, 10.0)) v(id, capacity)',
  'binary(29min)', '2sfca',
  'SELECT * FROM (VALUES (1, 1, 5), (1, 2, 55), (2, 1, 35), (2, 2, 15), (3, 1, 40), (3, 2, 25)) v(demand_id, supply_id, cost)');

-- nearest against ST_Distance(geography, false), to 1 mm; ranks against a brute-force order
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(n.distance - ST_Distance(ST_SetSRID(ST_MakePoint(d.lon, d.lat), 4326)::geography,
                                                           ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)::geography, false)) > 0.001) AS off_by_1mm
FROM palliative.nearest('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.demand',
                        'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.supply', 3) n
JOIN fca_oracle.demand d ON d.id = n.demand_id JOIN fca_oracle.supply s ON s.id = n.supply_id;

WITH brute AS (
  SELECT d.id AS demand_id, s.id AS supply_id,
         row_number() OVER (PARTITION BY d.id ORDER BY fca_oracle.distance(d.lon, d.lat, s.lon, s.lat), s.id) AS rank
  FROM fca_oracle.demand d CROSS JOIN fca_oracle.supply s
)
SELECT count(*) AS disagreements
FROM (SELECT * FROM brute WHERE rank <= 3) b
FULL JOIN palliative.nearest('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.demand',
                             'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.supply', 3) n
  ON n.demand_id = b.demand_id AND n.rank = b.rank
WHERE n.supply_id IS DISTINCT FROM b.supply_id;

-- max_distance, ties by supply_id, costs
SELECT * FROM palliative.nearest(
  'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom',
  'SELECT * FROM (VALUES (9, ST_SetSRID(ST_MakePoint(139.01, 35), 4326)), (4, ST_SetSRID(ST_MakePoint(139.01, 35), 4326)),
                         (2, ST_SetSRID(ST_MakePoint(140, 35), 4326))) v(id, geom)', 5, 2000);
SELECT * FROM palliative.nearest(
  'SELECT * FROM (VALUES (1), (2)) v(id)', 'SELECT * FROM (VALUES (10), (11), (12)) v(id)', 2, 30,
  'SELECT * FROM (VALUES (1, 10, 12.5), (1, 11, 12.5), (1, 12, 3), (2, 12, 31)) v(demand_id, supply_id, cost)');

-- empty inputs: zero rows, or zero access
SELECT count(*) FROM palliative.fca('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand WHERE false',
                                    'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply', 'gaussian(20km)');
SELECT count(*), max(access), max(reachable)
FROM palliative.fca('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand',
                    'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply WHERE false', 'gaussian(20km)', '3sfca');
SELECT count(*) FROM palliative.fca_supply('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, weight FROM fca_oracle.demand WHERE false',
                                           'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom, capacity FROM fca_oracle.supply', 'gaussian(20km)');
SELECT count(*) FROM palliative.nearest('SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.demand',
                                        'SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM fca_oracle.supply WHERE false');
-- SRIDs 6668 and 4612 are lon/lat too; a trailing semicolon is fine
SELECT demand_id, access FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 6668) AS geom, 2 AS weight;',
                                             'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4612) AS geom, 1 AS capacity', 'binary(1km)');

-- bad input: each an ERROR with its SQLSTATE, naming the id or column
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE hint text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
  RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN hint <> '' THEN E'\n  hint: ' || hint ELSE '' END;
END $$;
\set D 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight'
\set S 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity'
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, NULL::geometry AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, NULL::float8 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 8 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, NULL::int AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT NULL::int AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, -1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, ''NaN''::float8 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 8 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, ''Infinity''::float8 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(''NaN'', 35), 4326) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(200, 35), 4326) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_Buffer(ST_SetSRID(ST_MakePoint(139, 35), 4326), 1) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ''SRID=4326;POINT EMPTY''::geometry AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 3857) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_MakePoint(139, 35) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS weight UNION ALL SELECT 7, ST_SetSRID(ST_MakePoint(139, 35), 4326), 1', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 3 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS capacity UNION ALL SELECT 3, ST_SetSRID(ST_MakePoint(139, 35), 4326), 1', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geo, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT ''a'' AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, ''1'' AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 7 AS id, ''POINT(139 35)''::text AS geom, 1 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)', '4sfca')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 1 AS demand_id, 99 AS supply_id, 3 AS cost')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 99 AS demand_id, 1 AS supply_id, 3 AS cost')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 1 AS demand_id, 1 AS supply_id, -3 AS cost')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 1 AS demand_id, 1 AS supply_id, NULL::float8 AS cost')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 1 AS demand_id, 1 AS supply_id, 3 AS cost UNION ALL SELECT 1, 1, 4')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(10min)', '2sfca', 'SELECT 1 AS demand_id, 1 AS supply')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca(NULL, 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.nearest('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 0)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.nearest('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 1, -5)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca('SELECT 1 AS id, 1 AS weight; SELECT 2', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)')$q$);


-- cancellation: a long computation stops within a second of the timeout,
-- and the session stays usable
CREATE FUNCTION pg_temp.cancel_check() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM count(*) FROM palliative.fca(
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 400) / 400.0, 35 + (i / 400) / 400.0), 4326) AS geom, 1 AS weight FROM generate_series(1, 160000) i',
    'SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 50) / 50.0, 35 + (i / 50) / 50.0), 4326) AS geom, 1 AS capacity FROM generate_series(1, 2500) i',
    'gaussian(300km)');
  RETURN 'not cancelled after ' || (clock_timestamp() - t0);
EXCEPTION WHEN query_canceled THEN
  RETURN CASE WHEN clock_timestamp() - t0 < interval '1.5 s' THEN 'cancelled within a second of the timeout'
              ELSE 'cancelled late: ' || (clock_timestamp() - t0) END;
END $$;
SET statement_timeout = '500ms';
SELECT pg_temp.cancel_check();
RESET statement_timeout;
SELECT count(*) FROM palliative.fca('SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS weight', 'SELECT 1 AS id, ST_SetSRID(ST_MakePoint(139, 35), 4326) AS geom, 1.0 AS capacity', 'binary(1km)');
