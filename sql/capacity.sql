--
-- Capacity and competition: capacity_coverage (optimal and sequential),
-- capacity_coverage_supply, capacity_allocation, spatial_availability and
-- cost_to_capacity.  A hand-computed case; invariants on every row; the
-- result independent of row order; sequential against a PL/pgSQL
-- implementation of AccessMod's rule; spatial availability and cost to
-- capacity against their formulas in SQL; empty inputs; nesting; every bad
-- input.  (test/oracle/capacity_glpk.sh checks the optimum against GLPK.)
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- ---------------------------------------------------------------------------
-- a hand-computed case (costs in metres through cost_sql): d1 (10) reaches
-- s1 at 1 and s2 at 2, d2 (5) reaches s1 at 1 only; s1 takes 8, s2 6.
-- Serving d1 from s1 first strands d2: the optimum serves 14, both
-- facilities full, at the least cost of 20 (s2 gives d1 6 at 2; s1's 8
-- units at 1 are shared by d1 and d2).
\set D1 'SELECT * FROM (VALUES (1::bigint, 10.0::float8), (2, 5)) v(id, weight)'
\set S1 'SELECT * FROM (VALUES (1::bigint, 8.0::float8, 1.0::float8), (2, 6, 2)) v(id, capacity, priority)'
\set C1 'SELECT * FROM (VALUES (1::bigint, 1::bigint, 1.0::float8), (1, 2, 2), (2, 1, 1)) v(demand_id, supply_id, cost)'
SELECT * FROM palliative.capacity_coverage(:'D1', :'S1', 'binary(10m)', :'C1');
SELECT * FROM palliative.capacity_coverage_supply(:'D1', :'S1', 'binary(10m)', :'C1');
SELECT * FROM palliative.capacity_allocation(:'D1', :'S1', 'binary(10m)', :'C1');
-- sequential, s1 first (priority 1): s1 fills from d1 (ties by id), d2 is
-- left out; with s2 first, s1 then serves d1's rest and d2: the order matters
SELECT * FROM palliative.capacity_coverage(:'D1', :'S1', 'binary(10m)', :'C1', 'sequential');
SELECT * FROM palliative.capacity_allocation(:'D1', :'S1', 'binary(10m)', :'C1', 'sequential');
SELECT * FROM palliative.capacity_allocation(:'D1',
  'SELECT id, capacity, 3 - priority AS priority FROM (' || :'S1' || ') s', 'binary(10m)', :'C1', 'sequential');
-- a decay that leaves out the pairs at 2 m: only s1 serves
SELECT sum(served) AS served_within_1m FROM palliative.capacity_coverage(:'D1', :'S1', 'binary(1m)', :'C1');

-- ---------------------------------------------------------------------------
-- random data: 400 demand points (some weights 0, some at the same place),
-- 40 facilities (some capacities 0, some on a demand point), priorities with
-- ties, and whole-number costs with ties for the cost_sql cases
CREATE SCHEMA cap_test;
SELECT setseed(0.25);
CREATE TABLE cap_test.demand AS
SELECT i::bigint AS id,
       ST_SetSRID(ST_MakePoint(139 + random() * 0.8, 35 + random() * 0.6), 4326) AS geom,
       CASE WHEN i % 10 = 0 THEN 0 ELSE floor(1 + random() * 60) END::float8 AS weight
FROM generate_series(1, 400) i;
UPDATE cap_test.demand d SET geom = e.geom FROM cap_test.demand e WHERE d.id % 37 = 0 AND e.id = d.id - 1;
CREATE TABLE cap_test.supply AS
SELECT (1000 + i)::bigint AS id,
       ST_SetSRID(ST_MakePoint(139 + random() * 0.8, 35 + random() * 0.6), 4326) AS geom,
       CASE WHEN i % 9 = 0 THEN 0 ELSE floor(1 + random() * 400) END::float8 AS capacity,
       floor(random() * 3)::float8 AS priority
FROM generate_series(1, 40) i;
UPDATE cap_test.supply s SET geom = d.geom FROM cap_test.demand d WHERE s.id % 7 = 0 AND d.id = s.id - 990;
CREATE TABLE cap_test.cost AS
SELECT d.id AS demand_id, s.id AS supply_id, (floor(random() * 6) * 1000)::float8 AS cost
FROM cap_test.demand d, cap_test.supply s WHERE random() < 0.3;

\set D 'SELECT id, geom, weight FROM cap_test.demand'
\set S 'SELECT id, geom, capacity, priority FROM cap_test.supply'
\set C 'SELECT demand_id, supply_id, cost FROM cap_test.cost'

-- the pairs within reach, written in SQL: cost_sql rows, or great-circle
-- distances (haversine on the 6371008.8 m sphere, test/oracle/fca_oracle.sql)
\set QUIET on
\i test/oracle/fca_oracle.sql

CREATE FUNCTION pg_temp.pairs(dk palliative.decay, use_cost boolean)
RETURNS TABLE (demand_id bigint, supply_id bigint, cost float8) LANGUAGE sql AS $$
  SELECT c.demand_id, c.supply_id, c.cost FROM cap_test.cost c
  WHERE use_cost AND palliative.decay_weight(dk, c.cost) > 0
  UNION ALL
  SELECT d.id, s.id, x.dist
  FROM cap_test.demand d CROSS JOIN cap_test.supply s
       CROSS JOIN LATERAL (SELECT fca_oracle.distance(ST_X(d.geom), ST_Y(d.geom), ST_X(s.geom), ST_Y(s.geom)) AS dist) x
  WHERE NOT use_cost AND palliative.decay_weight(dk, x.dist) > 0
$$;

-- every row and pair consistent: served <= demand, load <= capacity, the
-- pairs' amounts sum to served and load, reachable counts the pairs within
-- reach, the allocation uses pairs within reach only; returns the problems
CREATE FUNCTION pg_temp.problems(dk text, cost_sql text, allocation text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  CREATE TEMP TABLE cov AS SELECT * FROM palliative.capacity_coverage(current_setting('cap.d'), current_setting('cap.s'), dk::palliative.decay, cost_sql, allocation);
  CREATE TEMP TABLE sup AS SELECT * FROM palliative.capacity_coverage_supply(current_setting('cap.d'), current_setting('cap.s'), dk::palliative.decay, cost_sql, allocation);
  CREATE TEMP TABLE alc AS SELECT * FROM palliative.capacity_allocation(current_setting('cap.d'), current_setting('cap.s'), dk::palliative.decay, cost_sql, allocation);
  CREATE TEMP TABLE prs AS SELECT * FROM pg_temp.pairs(dk::palliative.decay, cost_sql IS NOT NULL);
  SELECT (SELECT count(*) FROM cov JOIN cap_test.demand d ON d.id = cov.demand_id
          WHERE cov.served < 0 OR cov.served > d.weight OR cov.demand <> d.weight)
       + (SELECT count(*) FROM sup JOIN cap_test.supply s ON s.id = sup.supply_id
          WHERE sup.load < 0 OR sup.load > s.capacity OR sup.capacity <> s.capacity)
       + (SELECT count(*) FROM cov LEFT JOIN (SELECT demand_id, sum(amount) AS a FROM alc GROUP BY 1) x USING (demand_id)
          WHERE abs(coalesce(x.a, 0) - cov.served) > 1e-9 * (1 + cov.served))
       + (SELECT count(*) FROM sup LEFT JOIN (SELECT supply_id, sum(amount) AS a FROM alc GROUP BY 1) x USING (supply_id)
          WHERE abs(coalesce(x.a, 0) - sup.load) > 1e-9 * (1 + sup.load))
       + (SELECT count(*) FROM cov LEFT JOIN (SELECT demand_id, count(*) AS r FROM prs GROUP BY 1) x USING (demand_id)
          WHERE coalesce(x.r, 0) <> cov.reachable)
       + (SELECT count(*) FROM alc LEFT JOIN prs USING (demand_id, supply_id)
          WHERE prs.cost IS NULL OR abs(prs.cost - alc.cost) > 1e-6 OR alc.amount <= 0)
       + (SELECT count(*) FROM cap_test.demand) - (SELECT count(*) FROM cov)
       + (SELECT count(*) FROM cap_test.supply) - (SELECT count(*) FROM sup)
    INTO n;
  DROP TABLE cov, sup, alc, prs;
  RETURN n;
END $$;
SELECT set_config('cap.d', :'D', false) IS NOT NULL AS d, set_config('cap.s', :'S', false) IS NOT NULL AS s;
SELECT dk, cost_sql IS NOT NULL AS costs, allocation, pg_temp.problems(dk, cost_sql, allocation) AS problems
FROM (VALUES ('gaussian(20km)', NULL), ('binary(10km)', NULL), ('logistic(8km, 3km, 15km)', NULL),
             ('binary(4000m)', :'C'), ('linear(3500min)', :'C')) v(dk, cost_sql),
     unnest(ARRAY['optimal', 'sequential']) allocation
ORDER BY 1, 2, 3;

-- the optimum serves at least as much as the sequential rule, and the total
-- demand reached and capacity bound it
SELECT o.total >= s.total AS optimal_serves_most, o.total <= least(r.reached, r.capacity) AS bounded, o.total > 0 AS serves
FROM (SELECT sum(served) AS total FROM palliative.capacity_coverage(:'D', :'S', 'gaussian(20km)')) o,
     (SELECT sum(served) AS total FROM palliative.capacity_coverage(:'D', :'S', 'gaussian(20km)', NULL, 'sequential')) s,
     (SELECT sum(weight) FILTER (WHERE id IN (SELECT demand_id FROM pg_temp.pairs('gaussian(20km)', false))) AS reached,
             (SELECT sum(capacity) FROM cap_test.supply) AS capacity FROM cap_test.demand) r;

-- row order: the same numbers for every id whatever order the rows come in
CREATE FUNCTION pg_temp.differ(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT (SELECT count(*) FROM ((%s) EXCEPT ALL (%s)) x) + (SELECT count(*) FROM ((%s) EXCEPT ALL (%s)) y)',
                 a, b, b, a) INTO n;
  RETURN n;
END $$;
SELECT pg_temp.differ(
  format('SELECT * FROM palliative.capacity_allocation(%L, %L, %L)', :'D', :'S', 'gaussian(20km)'),
  format('SELECT * FROM palliative.capacity_allocation(%L, %L, %L)', :'D' || ' ORDER BY weight, id DESC',
         :'S' || ' ORDER BY md5(id::text)', 'gaussian(20km)')) AS optimal_reordered,
       pg_temp.differ(
  format('SELECT * FROM palliative.capacity_coverage(%L, %L, %L, %L)', :'D', :'S', 'binary(4000m)', :'C'),
  format('SELECT * FROM palliative.capacity_coverage(%L, %L, %L, %L) ORDER BY demand_id', :'D' || ' ORDER BY md5(id::text)',
         :'S' || ' ORDER BY id DESC', 'binary(4000m)', :'C' || ' ORDER BY cost DESC, supply_id')) AS optimal_costs_reordered,
       pg_temp.differ(
  format('SELECT * FROM palliative.capacity_coverage_supply(%L, %L, %L, NULL, %L)', :'D', :'S', 'gaussian(20km)', 'sequential'),
  format('SELECT * FROM palliative.capacity_coverage_supply(%L, %L, %L, NULL, %L)', :'D' || ' ORDER BY id DESC',
         :'S' || ' ORDER BY md5(id::text)', 'gaussian(20km)', 'sequential')) AS sequential_reordered;

-- ---------------------------------------------------------------------------
-- sequential against AccessMod's rule in PL/pgSQL: facilities by priority
-- then id, each taking the nearest demand left within reach (ties: smaller
-- demand id) until its capacity is used
CREATE FUNCTION pg_temp.sequential(dk palliative.decay, use_cost boolean)
RETURNS TABLE (demand_id bigint, served float8) LANGUAGE plpgsql AS $$
DECLARE
  f record;
  c record;
  left_over float8;
  take float8;
BEGIN
  CREATE TEMP TABLE seq_left AS SELECT id, weight AS rest FROM cap_test.demand;
  CREATE TEMP TABLE seq_pairs AS SELECT * FROM pg_temp.pairs(dk, use_cost);
  FOR f IN SELECT id, capacity FROM cap_test.supply ORDER BY priority, id LOOP
    left_over := f.capacity;
    FOR c IN SELECT p.demand_id, p.cost FROM seq_pairs p WHERE p.supply_id = f.id ORDER BY p.cost, p.demand_id LOOP
      EXIT WHEN left_over <= 0;
      SELECT least(rest, left_over) INTO take FROM seq_left WHERE id = c.demand_id;
      CONTINUE WHEN take <= 0;
      UPDATE seq_left SET rest = rest - take WHERE id = c.demand_id;
      left_over := left_over - take;
    END LOOP;
  END LOOP;
  RETURN QUERY SELECT l.id, d.weight - l.rest FROM seq_left l JOIN cap_test.demand d USING (id);
  DROP TABLE seq_left, seq_pairs;
END $$;
SELECT dk, cost_sql IS NOT NULL AS costs,
       (SELECT count(*) FROM palliative.capacity_coverage(:'D', :'S', dk::palliative.decay, cost_sql, 'sequential') c
        FULL JOIN pg_temp.sequential(dk::palliative.decay, cost_sql IS NOT NULL) o USING (demand_id)
        WHERE c.served IS NULL OR o.served IS NULL OR abs(c.served - o.served) > 1e-9 * (1 + o.served)) AS mismatches
FROM (VALUES ('gaussian(20km)', NULL), ('binary(4000m)', :'C')) v(dk, cost_sql);

-- ---------------------------------------------------------------------------
-- spatial availability against its formula, V_i = sum_j S_j P_i^a W_ij /
-- sum_k P_k^a W_kj, and its invariant: the availabilities sum to the
-- capacity of the facilities that reach some demand
CREATE FUNCTION pg_temp.availability(dk palliative.decay, alpha float8)
RETURNS TABLE (demand_id bigint, availability float8) LANGUAGE sql AS $$
  WITH w AS (SELECT p.demand_id, p.supply_id, d.weight ^ alpha * palliative.decay_weight(dk, p.cost) AS pw
             FROM pg_temp.pairs(dk, false) p JOIN cap_test.demand d ON d.id = p.demand_id),
       den AS (SELECT supply_id, sum(pw) AS total FROM w GROUP BY 1)
  SELECT d.id, coalesce(sum(s.capacity * w.pw / den.total) FILTER (WHERE den.total > 0), 0)
  FROM cap_test.demand d LEFT JOIN w ON w.demand_id = d.id LEFT JOIN den USING (supply_id)
       LEFT JOIN cap_test.supply s ON s.id = w.supply_id
  GROUP BY d.id
$$;
SELECT alpha,
       (SELECT count(*) FROM palliative.spatial_availability(:'D', :'S', 'gaussian(20km)', alpha) a
        FULL JOIN pg_temp.availability('gaussian(20km)', alpha) o USING (demand_id)
        WHERE abs(a.availability - o.availability) > 1e-9 * (1 + o.availability) OR a.availability IS NULL
           OR o.availability IS NULL) AS mismatches,
       abs((SELECT sum(availability) FROM palliative.spatial_availability(:'D', :'S', 'gaussian(20km)', alpha))
           - (SELECT sum(capacity) FROM cap_test.supply WHERE id IN
                (SELECT p.supply_id FROM pg_temp.pairs('gaussian(20km)', false) p JOIN cap_test.demand d ON d.id = p.demand_id
                 WHERE d.weight ^ alpha > 0))) < 1e-6 AS sums_to_capacity_reaching_demand
FROM unnest(ARRAY[1.0, 0.0, 2.0]) alpha;
-- with cost_sql and a travel-time decay
SELECT count(*) AS rows, round(sum(availability)::numeric, 6) AS total
FROM palliative.spatial_availability(:'D', :'S', 'linear(3500min)', 1, :'C');
SELECT round(sum(capacity)::numeric, 6) AS capacity_reaching_demand FROM cap_test.supply
WHERE id IN (SELECT c.supply_id FROM cap_test.cost c JOIN cap_test.demand d ON d.id = c.demand_id
             WHERE d.weight > 0 AND c.cost < 3500);

-- ---------------------------------------------------------------------------
-- cost to capacity against SQL: facilities by distance (then id), the
-- running capacity; the first distance where it reaches n (or exceeds the
-- row's weight when n is NULL), NULL beyond max_cost
CREATE FUNCTION pg_temp.ctc(max_cost float8, n float8)
RETURNS TABLE (demand_id bigint, cost float8) LANGUAGE sql AS $$
  WITH r AS (SELECT p.demand_id, p.cost,
                    sum(s.capacity) OVER (PARTITION BY p.demand_id ORDER BY p.cost, p.supply_id) AS running
             FROM pg_temp.pairs(format('binary(%sm)', max_cost)::palliative.decay, false) p
             JOIN cap_test.supply s ON s.id = p.supply_id)
  SELECT d.id, CASE WHEN n = 0 THEN 0 ELSE
           (SELECT min(r.cost) FROM r WHERE r.demand_id = d.id
              AND CASE WHEN n IS NULL THEN r.running > d.weight ELSE r.running >= n END) END
  FROM cap_test.demand d
$$;
SELECT max_cost, n,
       (SELECT count(*) FROM palliative.cost_to_capacity(:'D', :'S', max_cost, n) c
        FULL JOIN pg_temp.ctc(max_cost, n) o USING (demand_id)
        WHERE c.demand_id IS NULL OR o.demand_id IS NULL OR (c.cost IS NULL) <> (o.cost IS NULL)
           OR abs(c.cost - o.cost) > 1e-6) AS mismatches,
       (SELECT count(cost) FROM palliative.cost_to_capacity(:'D', :'S', max_cost, n)) AS reached
FROM (VALUES (15000.0, NULL::float8), (15000, 300), (8000, NULL), (8000, 0), (30000, 5000)) v(max_cost, n)
ORDER BY 1, 2;
-- n given: the demand needs no weight; no limit with Infinity; cost_sql
SELECT count(cost) AS reached, max(cost) > 0 AS positive
FROM palliative.cost_to_capacity('SELECT id, geom FROM cap_test.demand', :'S', 'Infinity', 1000);
SELECT count(cost) AS reached, max(cost) AS max_cost
FROM palliative.cost_to_capacity(:'D', :'S', 3000, NULL, :'C');

-- ---------------------------------------------------------------------------
-- empty inputs: no rows, or nothing served
SELECT count(*) AS no_demand FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand WHERE false', :'S', 'gaussian(20km)');
SELECT count(*) AS rows, sum(served) AS served FROM palliative.capacity_coverage(:'D', 'SELECT id, geom, capacity FROM cap_test.supply WHERE false', 'gaussian(20km)');
SELECT count(*) AS rows, sum(load) AS load FROM palliative.capacity_coverage_supply('SELECT id, geom, weight FROM cap_test.demand WHERE false', :'S', 'gaussian(20km)', NULL, 'sequential');
SELECT count(*) AS no_pairs FROM palliative.capacity_allocation(:'D', :'S', 'gaussian(20km)', 'SELECT 1::bigint AS demand_id, 1::bigint AS supply_id, 1.0::float8 AS cost WHERE false');
SELECT count(*) AS rows, sum(availability) AS total FROM palliative.spatial_availability(:'D', 'SELECT id, geom, capacity FROM cap_test.supply WHERE false', 'gaussian(20km)');
SELECT count(*) AS rows, count(cost) AS reached FROM palliative.cost_to_capacity(:'D', 'SELECT id, geom, capacity FROM cap_test.supply WHERE false', 1000);

-- ---------------------------------------------------------------------------
-- nested: each function in another's inner query, and in fca's and fca in
-- theirs, gives the same rows as the plain call
CREATE TEMP TABLE cov_plain AS SELECT * FROM palliative.capacity_coverage(:'D', :'S', 'gaussian(20km)');
CREATE TEMP TABLE sa_plain AS SELECT * FROM palliative.spatial_availability(:'D', :'S', 'gaussian(20km)');
CREATE TEMP TABLE fca_plain AS SELECT * FROM palliative.fca(:'D', :'S', 'gaussian(20km)');
SELECT pg_temp.differ('SELECT * FROM cov_plain', format(
  'SELECT * FROM palliative.capacity_coverage(%L, %L, %L)',
  'SELECT d.id, d.geom, d.weight FROM cap_test.demand d JOIN palliative.capacity_coverage(' || quote_literal(:'D') || ', '
    || quote_literal(:'S') || ', ''gaussian(20km)'') c ON c.demand_id = d.id',
  'SELECT s.id, s.geom, s.capacity FROM cap_test.supply s JOIN palliative.capacity_coverage_supply(' || quote_literal(:'D') || ', '
    || quote_literal(:'S') || ', ''gaussian(20km)'', NULL, ''sequential'') c ON c.supply_id = s.id',
  'gaussian(20km)')) AS coverage_in_coverage,
       pg_temp.differ('SELECT * FROM cov_plain', format(
  'SELECT * FROM palliative.capacity_coverage(%L, %L, %L)',
  'SELECT d.id, d.geom, d.weight FROM cap_test.demand d JOIN palliative.fca(' || quote_literal(:'D') || ', '
    || quote_literal(:'S') || ', ''gaussian(20km)'') f ON f.demand_id = d.id',
  'SELECT s.id, s.geom, s.capacity FROM cap_test.supply s WHERE s.id > (SELECT -count(*) FROM palliative.cost_to_capacity('
    || quote_literal(:'D') || ', ' || quote_literal(:'S') || ', 10000))',
  'gaussian(20km)')) AS fca_and_cost_in_coverage,
       pg_temp.differ('SELECT * FROM fca_plain', format(
  'SELECT * FROM palliative.fca(%L, %L, %L)',
  'SELECT d.id, d.geom, d.weight FROM cap_test.demand d WHERE d.id > (SELECT -count(*) FROM palliative.capacity_allocation('
    || quote_literal(:'D') || ', ' || quote_literal(:'S') || ', ''gaussian(20km)''))',
  'SELECT s.id, s.geom, s.capacity FROM cap_test.supply s WHERE s.id > (SELECT -count(*) FROM palliative.spatial_availability('
    || quote_literal(:'D') || ', ' || quote_literal(:'S') || ', ''gaussian(20km)''))',
  'gaussian(20km)')) AS capacity_in_fca,
       pg_temp.differ('SELECT * FROM sa_plain', format(
  'SELECT * FROM palliative.spatial_availability(%L, %L, %L, (SELECT count(*) FROM palliative.capacity_coverage(%L, %L, %L))::float8 / 400)',
  :'D', :'S', 'gaussian(20km)', :'D', :'S', 'gaussian(20km)')) AS coverage_in_availability_argument;

-- ---------------------------------------------------------------------------
-- cancellation: 8,000 x 1,000 points all within reach of each other (8
-- million pairs, demand and capacity balanced) keep capacity_coverage busy
-- for several seconds; statement_timeout stops it within a second while it
-- finds the pairs (500 ms) and while it allocates (2 s), and the session
-- goes on
CREATE FUNCTION pg_temp.stops(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE stmt;
  RETURN 'not cancelled: finished in ' || (clock_timestamp() - t0);
EXCEPTION WHEN query_canceled THEN
  RETURN CASE WHEN clock_timestamp() - t0 < current_setting('statement_timeout')::interval + interval '1 s'
              THEN 'cancelled within a second of the timeout'
              ELSE 'cancelled late: ' || (clock_timestamp() - t0) END;
END $$;
\set BIG 'SELECT count(*) FROM palliative.capacity_coverage(''SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 100) / 100.0, 35 + (i / 100) / 100.0), 4326) AS geom, 1 + i % 7 AS weight FROM generate_series(1, 8000) i'', ''SELECT i AS id, ST_SetSRID(ST_MakePoint(139 + (i % 32) / 32.0, 35 + (i / 32) / 32.0), 4326) AS geom, 32 AS capacity FROM generate_series(1, 1000) i'', ''gaussian(1000km)'')'
SET statement_timeout = '500ms';
SELECT pg_temp.stops(:'BIG') AS finding_pairs;
SET statement_timeout = '2s';
SELECT pg_temp.stops(:'BIG') AS allocating;
RESET statement_timeout;
SELECT sum(served) AS still_works FROM palliative.capacity_coverage(:'D1', :'S1', 'binary(10m)', :'C1');

-- ---------------------------------------------------------------------------
-- bad input: each an error with its SQLSTATE, naming the row or argument
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT t AS input, pg_temp.err(q) AS error FROM (VALUES
  ('null demand_sql', $$SELECT * FROM palliative.capacity_coverage(NULL, 'SELECT 1', 'binary(1km)')$$),
  ('null decay', $$SELECT * FROM palliative.capacity_coverage('SELECT 1', 'SELECT 1', NULL)$$),
  ('null allocation', $$SELECT * FROM palliative.capacity_coverage('SELECT 1', 'SELECT 1', 'binary(1km)', NULL, NULL)$$),
  ('unknown allocation', $$SELECT * FROM palliative.capacity_coverage_supply('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', NULL, 'greedy')$$),
  ('sequential without priority', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', NULL, 'sequential')$$),
  ('negative priority', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity, -1 AS priority FROM cap_test.supply', 'binary(1km)', NULL, 'sequential')$$),
  ('NaN priority', $$SELECT * FROM palliative.capacity_allocation('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity, ''NaN''::float8 AS priority FROM cap_test.supply', 'binary(1km)', NULL, 'sequential')$$),
  ('null priority', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity, CASE WHEN id = 1005 THEN NULL ELSE 1 END::float8 AS priority FROM cap_test.supply', 'binary(1km)', NULL, 'sequential')$$),
  ('negative capacity', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, CASE WHEN id = 1003 THEN -1 ELSE capacity END AS capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('infinite capacity', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, ''Infinity''::float8 AS capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('NaN demand', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, CASE WHEN id = 7 THEN ''NaN'' ELSE weight END AS weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('null weight', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, NULL::float8 AS weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('missing capacity', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom FROM cap_test.supply', 'binary(1km)')$$),
  ('duplicate id', $$SELECT * FROM palliative.capacity_coverage('SELECT 1 AS id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('polygon', $$SELECT * FROM palliative.capacity_coverage('SELECT id, ST_Buffer(geom, 0.1) AS geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('other SRID', $$SELECT * FROM palliative.capacity_coverage('SELECT id, ST_Transform(geom, 3857) AS geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('time decay without cost_sql', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(30min)')$$),
  ('negative cost', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(30min)', 'SELECT 1::bigint AS demand_id, 1001::bigint AS supply_id, -5.0 AS cost')$$),
  ('cost for an unknown id', $$SELECT * FROM palliative.capacity_coverage('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(30min)', 'SELECT 1::bigint AS demand_id, 5::bigint AS supply_id, 5.0 AS cost')$$),
  ('null alpha', $$SELECT * FROM palliative.spatial_availability('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', NULL)$$),
  ('negative alpha', $$SELECT * FROM palliative.spatial_availability('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', -0.5)$$),
  ('NaN alpha', $$SELECT * FROM palliative.spatial_availability('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', 'NaN')$$),
  ('infinite alpha', $$SELECT * FROM palliative.spatial_availability('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'binary(1km)', 'Infinity')$$),
  ('availability, negative capacity', $$SELECT * FROM palliative.spatial_availability('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, -capacity - 1 AS capacity FROM cap_test.supply', 'binary(1km)')$$),
  ('null max_cost', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', NULL)$$),
  ('zero max_cost', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 0)$$),
  ('negative max_cost', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', -1)$$),
  ('NaN max_cost', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 'NaN')$$),
  ('negative n', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 1000, -1)$$),
  ('infinite n', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 1000, 'Infinity')$$),
  ('n NULL needs weight', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom FROM cap_test.demand', 'SELECT id, geom, capacity FROM cap_test.supply', 1000)$$),
  ('cost_to_capacity, NaN capacity', $$SELECT * FROM palliative.cost_to_capacity('SELECT id, geom, weight FROM cap_test.demand', 'SELECT id, geom, ''NaN''::float8 AS capacity FROM cap_test.supply', 1000, 5)$$)
) v(t, q);

DROP SCHEMA cap_test CASCADE;
