-- The linear program behind palliative.capacity_coverage (allocation
-- 'optimal'), written for GLPK's glpsol in CPLEX LP format, on random cases
-- with ties, co-located points, zero demands and zero capacities.  Used by
-- test/oracle/capacity_glpk.sh (tests) and test/bench/capacity.sh (bench).
--
--   stage 1: maximise sum x_ij  s.t. sum_j x_ij <= P_i, sum_i x_ij <= S_j, x >= 0
--   stage 2: minimise sum c_ij x_ij under the same rows and sum x_ij >= F,
--            F the optimum of stage 1
--
-- over the pairs within reach (decay weight > 0), found here in SQL: the
-- cost_sql rows, or great-circle distances (haversine, 6371008.8 m sphere).

CREATE SCHEMA IF NOT EXISTS glpk;
DROP TABLE IF EXISTS glpk.demand, glpk.supply, glpk.cost, glpk.pairs;
CREATE TABLE glpk.demand (id bigint PRIMARY KEY, geom geometry, weight float8);
CREATE TABLE glpk.supply (id bigint PRIMARY KEY, geom geometry, capacity float8);
CREATE TABLE glpk.cost (demand_id bigint, supply_id bigint, cost float8);
CREATE TABLE glpk.pairs (demand_id bigint, supply_id bigint, cost float8);

-- a case: n demand and m supply points in a box of spread degrees; cost_mode
-- 'none' (distances), 'ties' (whole kilometres 0-5) or 'real'; capacities
-- scaled by cap_scale; amounts whole or real
CREATE OR REPLACE FUNCTION glpk.make_case(seed float8, n int, m int, spread float8, cost_mode text,
                                          cap_scale float8, whole boolean, dk palliative.decay)
RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setseed(seed);
  TRUNCATE glpk.demand, glpk.supply, glpk.cost, glpk.pairs;
  INSERT INTO glpk.demand
  SELECT i, ST_SetSRID(ST_MakePoint(139 + random() * spread, 35 + random() * spread * 0.8), 4326),
         CASE WHEN i % 9 = 0 THEN 0 WHEN whole THEN floor(1 + random() * 50) ELSE random() * 50 END
  FROM generate_series(1, n) i;
  -- some demand points at the same place
  UPDATE glpk.demand d SET geom = e.geom FROM glpk.demand e WHERE d.id % 11 = 0 AND e.id = d.id - 1;
  INSERT INTO glpk.supply
  SELECT 100000 + i, ST_SetSRID(ST_MakePoint(139 + random() * spread, 35 + random() * spread * 0.8), 4326),
         CASE WHEN i % 7 = 0 THEN 0 WHEN whole THEN floor(1 + random() * 100 * cap_scale)
              ELSE random() * 100 * cap_scale END
  FROM generate_series(1, m) i;
  -- some facilities on a demand point
  UPDATE glpk.supply s SET geom = d.geom FROM glpk.demand d WHERE s.id % 5 = 0 AND d.id = s.id - 100000;
  IF cost_mode <> 'none' THEN
    INSERT INTO glpk.cost
    SELECT d.id, s.id, CASE WHEN cost_mode = 'ties' THEN floor(random() * 6) * 1000 ELSE random() * 5000 END
    FROM glpk.demand d, glpk.supply s WHERE random() < 0.4;
    INSERT INTO glpk.pairs SELECT * FROM glpk.cost c WHERE palliative.decay_weight(dk, c.cost) > 0;
  ELSE
    INSERT INTO glpk.pairs
    SELECT d.id, s.id, x.dist
    FROM glpk.demand d CROSS JOIN glpk.supply s
         CROSS JOIN LATERAL (SELECT 2 * 6371008.8 * asin(least(1, sqrt(
                        sin(radians(ST_Y(s.geom) - ST_Y(d.geom)) / 2) ^ 2
                      + cos(radians(ST_Y(d.geom))) * cos(radians(ST_Y(s.geom)))
                        * sin(radians(ST_X(s.geom) - ST_X(d.geom)) / 2) ^ 2))) AS dist) x
    WHERE palliative.decay_weight(dk, x.dist) > 0;
  END IF;
  RETURN (SELECT count(*) FROM glpk.pairs);
END $$;

-- the program of a stage (bound: F of stage 1, for stage 2)
CREATE OR REPLACE FUNCTION glpk.lp(stage int, bound float8 DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$
  WITH v AS (SELECT p.*, 'x' || p.demand_id || '_' || p.supply_id AS x FROM glpk.pairs p),
  obj AS (SELECT coalesce(string_agg(CASE WHEN stage = 1 THEN ' + ' || x ELSE ' + ' || cost::text || ' ' || x END,
                                     E'\n' ORDER BY demand_id, supply_id), ' 0 x0') AS t FROM v),
  dem AS (SELECT string_agg(' d' || d.id || ':' || t.terms || ' <= ' || d.weight::text, E'\n' ORDER BY d.id) AS t
          FROM glpk.demand d JOIN (SELECT demand_id, string_agg(' + ' || x, '' ORDER BY supply_id) AS terms
                                   FROM v GROUP BY 1) t ON t.demand_id = d.id),
  sup AS (SELECT string_agg(' s' || s.id || ':' || t.terms || ' <= ' || s.capacity::text, E'\n' ORDER BY s.id) AS t
          FROM glpk.supply s JOIN (SELECT supply_id, string_agg(' + ' || x, '' ORDER BY demand_id) AS terms
                                   FROM v GROUP BY 1) t ON t.supply_id = s.id),
  tot AS (SELECT CASE WHEN stage = 2 AND count(*) > 0
                      THEN ' total:' || string_agg(' + ' || x, E'\n' ORDER BY demand_id, supply_id) || ' >= ' || bound::text
                 END AS t FROM v)
  SELECT concat_ws(E'\n', CASE WHEN stage = 1 THEN 'Maximize' ELSE 'Minimize' END, ' obj:' || obj.t,
                   'Subject To', dem.t, sup.t, tot.t,
                   CASE WHEN (SELECT count(*) FROM v) = 0 THEN 'Bounds' || E'\n' || ' x0 = 0' END, 'End', '')
  FROM obj, dem, sup, tot
$$;
