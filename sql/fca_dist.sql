--
-- The distributable form (prepare_supply, fca_demand_part, fca_step1,
-- fca_access, fca_ratios): the same rows as fca and fca_supply for every
-- method, parallel plans that use them, spatial availability written with
-- them, every bad input with its SQLSTATE, nesting inside fca's inner
-- queries, and cancellation.
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

-- 2000 demand points (every tenth of weight 0), 122 facilities (every ninth
-- of capacity 0, two on demand points)
CREATE SCHEMA dist_test;
CREATE TABLE dist_test.demand AS
SELECT g::bigint AS id,
       public.ST_SetSRID(public.ST_MakePoint(139 + ((g * 7919) % 1000) / 800.0,
                                             35 + ((g * 104729) % 997) / 900.0), 4326) AS geom,
       CASE WHEN g % 10 = 0 THEN 0 ELSE (1 + g % 37)::double precision END AS weight
FROM generate_series(1, 2000) g;
CREATE TABLE dist_test.supply AS
SELECT (5000 + g)::bigint AS id,
       public.ST_SetSRID(public.ST_MakePoint(139 + ((g::bigint * 15485863) % 1009) / 800.0,
                                             35 + ((g::bigint * 32452843) % 1013) / 900.0), 4326) AS geom,
       CASE WHEN g % 9 = 0 THEN 0 ELSE (1 + g % 13)::double precision END AS capacity
FROM generate_series(1, 120) g
UNION ALL
SELECT 9000 + id, geom, 3 FROM dist_test.demand WHERE id IN (5, 6);
ALTER TABLE dist_test.demand ADD PRIMARY KEY (id);

\set D 'SELECT id, geom, weight FROM dist_test.demand'
\set S 'SELECT id, geom, capacity FROM dist_test.supply'

-- the supply side, prepared once per decay and kept in a table
CREATE TABLE dist_test.prepared AS
SELECT d AS decay, palliative.prepare_supply(:'S', d::palliative.decay) AS supply
FROM unnest(ARRAY['gaussian(20km)', 'step(5km:1, 10km:0.6, 20km:0.25)', 'binary(15km)', 'exponential(0.2/km, 25km)',
                   'logistic(10km, 4km, 25km)']) d;
SELECT decay, pg_column_size(supply) AS bytes FROM dist_test.prepared ORDER BY decay;

-- the distributable form of method m with decay dec, as the README writes it
CREATE FUNCTION pg_temp.dist(m text, dk text)
RETURNS TABLE (demand_id bigint, access double precision, reachable integer)
LANGUAGE sql AS $$
  WITH step1 AS (
    SELECT palliative.fca_step1(palliative.fca_demand_part(
             (SELECT supply FROM dist_test.prepared WHERE decay = dk), dk::palliative.decay, m,
             d.id, d.geom, d.weight)) AS sums
    FROM dist_test.demand d)
  SELECT id, (r).access, (r).reachable
  FROM (SELECT d.id, palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = dk),
                                           dk::palliative.decay, m, (SELECT sums FROM step1), d.id, d.geom, d.weight) AS r
        FROM dist_test.demand d) s
$$;

-- rows of one side missing on the other, or access off by more than 1e-12
-- relative, or reachable different: 0 everywhere
SELECT m AS method, dk AS decay,
       (SELECT count(*) FROM pg_temp.dist(m, dk) x
        FULL JOIN palliative.fca(:'D', :'S', dk::palliative.decay, m) f USING (demand_id)
        WHERE x.demand_id IS NULL OR f.demand_id IS NULL
           OR abs(x.access - f.access) > 1e-12 * abs(f.access) OR x.reachable <> f.reachable) AS mismatches,
       (SELECT count(*) FILTER (WHERE access > 0) FROM pg_temp.dist(m, dk)) AS with_access
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m,
     (SELECT decay FROM dist_test.prepared) p(dk)
ORDER BY 1, 2;

-- the facility side against fca_supply
SELECT m AS method,
       (SELECT count(*)
        FROM palliative.fca_ratios((SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'),
                                   'gaussian(20km)', m,
                                   (SELECT palliative.fca_step1(palliative.fca_demand_part(
                                             (SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'),
                                             'gaussian(20km)', m, d.id, d.geom, d.weight))
                                    FROM dist_test.demand d)) r
        FULL JOIN palliative.fca_supply(:'D', :'S', 'gaussian(20km)', m) f USING (supply_id)
        WHERE r.supply_id IS NULL OR f.supply_id IS NULL
           OR abs(r.ratio - f.ratio) > 1e-12 * abs(f.ratio)
           OR abs(r.demand_reached - f.demand_reached) > 1e-12 * abs(f.demand_reached)) AS mismatches
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m
ORDER BY 1;

-- step 1 in groups (as Citus runs it when grouped by the distribution
-- column), then over the groups' sums: the same facility side
SELECT count(*) AS mismatches
FROM palliative.fca_ratios((SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'), 'gaussian(20km)', 'bfca',
       (SELECT palliative.fca_step1(sums)
        FROM (SELECT palliative.fca_step1(palliative.fca_demand_part(
                       (SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'), 'gaussian(20km)', 'bfca',
                       d.id, d.geom, d.weight)) AS sums
              FROM dist_test.demand d GROUP BY d.id % 7) g)) r
FULL JOIN palliative.fca_supply(:'D', :'S', 'gaussian(20km)', 'bfca') f USING (supply_id)
WHERE r.supply_id IS NULL OR f.supply_id IS NULL OR abs(r.ratio - f.ratio) > 1e-12 * abs(f.ratio);

-- what the sums hold: every demand row counted, sparse when a few facilities are reached
SELECT (palliative.fca_sums_summary(s)).*
FROM (SELECT palliative.fca_step1(palliative.fca_demand_part(
               (SELECT supply FROM dist_test.prepared WHERE decay = 'binary(15km)'), 'binary(15km)', m,
               d.id, d.geom, d.weight)) AS s
      FROM dist_test.demand d, unnest(ARRAY['2sfca', 'bfca']) m
      WHERE d.id <= CASE m WHEN '2sfca' THEN 2000 ELSE 3 END
      GROUP BY m ORDER BY m) x;

-- gravity needs no step 1; NULL sums (fca_step1 over no rows) count as no demand
SELECT count(*) AS mismatches
FROM dist_test.demand d
CROSS JOIN LATERAL palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = 'binary(15km)'),
                                         'binary(15km)', 'gravity', NULL, d.id, d.geom, d.weight) a
JOIN palliative.fca(:'D', :'S', 'binary(15km)', 'gravity') f ON f.demand_id = d.id
WHERE abs(a.access - f.access) > 1e-12 * abs(f.access) OR a.reachable <> f.reachable;
SELECT palliative.fca_step1(palliative.fca_demand_part(supply, 'binary(15km)', '2sfca', 1, NULL, 1)) IS NULL AS no_rows_is_null
FROM dist_test.prepared WHERE false;
SELECT count(*) AS facilities, max(ratio) AS max_ratio, max(demand_reached) AS max_reached
FROM palliative.fca_ratios((SELECT supply FROM dist_test.prepared WHERE decay = 'binary(15km)'), 'binary(15km)', '2sfca', NULL);

-- the text form gives the value back, checked (the binary form is the same
-- bytes: Citus ships values in it)
SELECT count(*) AS round_trips
FROM dist_test.prepared
WHERE supply::text::palliative.prepared_supply::text = supply::text
  AND encode(palliative.prepared_supply_send(supply), 'base64') <> '';

-- spatial availability (Soukhov et al. 2023) in the distributable form:
-- capacity shared in proportion to P_i^alpha W_ij is
-- SA_i = P_i^alpha * (2sfca access with weights P^alpha); against a
-- brute-force double sum over great-circle distances on the engine's sphere
-- (radius 6371008.8 m), and the availabilities sum to the capacity of the
-- facilities that reach some demand
CREATE TEMP TABLE sa_dist AS
WITH step1 AS (
  SELECT palliative.fca_step1(palliative.fca_demand_part(
           (SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'), 'gaussian(20km)', '2sfca',
           d.id, d.geom, power(d.weight, 1.5))) AS sums
  FROM dist_test.demand d)
SELECT id, power(weight, 1.5) * (r).access AS availability
FROM (SELECT d.id, d.weight, palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)'),
                                                   'gaussian(20km)', '2sfca', (SELECT sums FROM step1), d.id, d.geom, power(d.weight, 1.5)) AS r
      FROM dist_test.demand d) s;
CREATE TEMP TABLE sa_pairs AS
SELECT d.id AS i, s.id AS j, power(d.weight, 1.5) AS p, s.capacity AS cap,
       palliative.decay_weight('gaussian(20km)',
         2 * 6371008.8 * asin(least(1, sqrt(sin(radians(public.ST_Y(s.geom) - public.ST_Y(d.geom)) / 2) ^ 2
           + cos(radians(public.ST_Y(d.geom))) * cos(radians(public.ST_Y(s.geom)))
             * sin(radians(public.ST_X(s.geom) - public.ST_X(d.geom)) / 2) ^ 2)))) AS w
FROM dist_test.demand d CROSS JOIN dist_test.supply s;
CREATE TEMP TABLE sa_brute AS
SELECT p.i AS id, sum(p.cap * p.p * p.w / t.total) AS availability
FROM sa_pairs p JOIN (SELECT j, sum(p * w) AS total FROM sa_pairs GROUP BY j HAVING sum(p * w) > 0) t USING (j)
WHERE p.w > 0
GROUP BY p.i;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(x.availability - coalesce(b.availability, 0)) > 1e-9 * greatest(abs(b.availability), 1e-9)) AS off_1e9
FROM sa_dist x LEFT JOIN sa_brute b USING (id);
-- and palliative.spatial_availability gives the same rows
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(x.availability - s.availability) > 1e-12 * abs(s.availability)) AS mismatches
FROM sa_dist x
JOIN palliative.spatial_availability(:'D', :'S', 'gaussian(20km)', 1.5) s ON s.demand_id = x.id;
SELECT round(sum(availability)::numeric, 6) AS total_availability,
       round((SELECT sum(cap) FROM (SELECT j, max(cap) AS cap FROM sa_pairs WHERE w > 0 AND p > 0 GROUP BY j) r)::numeric, 6) AS capacity_reaching_demand
FROM sa_dist;

-- one machine, both cores: a demand table large enough that the planner
-- runs both steps in parallel workers, with the default costs
CREATE TABLE dist_test.big AS
SELECT g::bigint AS id,
       public.ST_SetSRID(public.ST_MakePoint(139 + ((g::bigint * 7919) % 10007) / 8000.0,
                                             35 + ((g::bigint * 104729) % 9973) / 9000.0), 4326) AS geom,
       (1 + g % 37)::double precision AS weight
FROM generate_series(1, 150000) g;
ALTER TABLE dist_test.big SET (parallel_workers = 2);
ANALYZE dist_test.big;
ANALYZE dist_test.prepared;
SET max_parallel_workers_per_gather = 2;
\set Q 'WITH step1 AS (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM dist_test.prepared WHERE decay = ''gaussian(20km)''), ''gaussian(20km)'', ''3sfca'', d.id, d.geom, d.weight)) AS sums FROM dist_test.big d) SELECT id AS demand_id, (r).access, (r).reachable FROM (SELECT d.id, palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = ''gaussian(20km)''), ''gaussian(20km)'', ''3sfca'', (SELECT sums FROM step1), d.id, d.geom, d.weight) AS r FROM dist_test.big d) s'
EXPLAIN (COSTS OFF) :Q;
-- the workers do run, and the rows are fca's
CREATE FUNCTION pg_temp.workers_launched(q text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  line text;
  n integer := 0;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
    IF line ~ 'Workers Launched: [1-9]' THEN
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END $$;
SELECT pg_temp.workers_launched(:'Q') AS gathers_with_workers;
CREATE TEMP TABLE big_dist AS :Q;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(x.access - f.access) > 1e-12 * abs(f.access) OR x.reachable <> f.reachable) AS mismatches
FROM big_dist x
JOIN palliative.fca('SELECT id, geom, weight FROM dist_test.big', :'S', 'gaussian(20km)', '3sfca') f USING (demand_id);

-- fca_distributed: fca through the distributable form, the same rows
SELECT m AS method,
       (SELECT count(*) FROM palliative.fca_distributed(:'D', :'S', 'gaussian(20km)', m) x
        FULL JOIN palliative.fca(:'D', :'S', 'gaussian(20km)', m) f USING (demand_id)
        WHERE x.demand_id IS NULL OR f.demand_id IS NULL
           OR abs(x.access - f.access) > 1e-12 * abs(f.access) OR x.reachable <> f.reachable) AS mismatches
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m
ORDER BY 1;
SELECT count(*) AS no_rows FROM palliative.fca_distributed('SELECT * FROM (' || :'D' || ') d WHERE false', :'S', 'binary(15km)');

-- bad input: each an ERROR with its SQLSTATE, naming the row, value or argument
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE hint text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
  RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN hint <> '' THEN E'\n  hint: ' || hint ELSE '' END;
END $$;
CREATE TEMP VIEW g20 AS SELECT supply FROM dist_test.prepared WHERE decay = 'gaussian(20km)';
-- rows of a demand relation that mix SRIDs (each accepted alone)
SELECT pg_temp.err($q$SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', d.id,
  CASE WHEN d.id = 77 THEN public.ST_SetSRID(d.geom, 6668) ELSE d.geom END, d.weight)) FROM (SELECT * FROM dist_test.demand ORDER BY id) d$q$);
-- a supply prepared for another decay than the one passed
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(25km)', '2sfca', 1, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM g20), 'binary(20km)', '2sfca', NULL, 1, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_ratios((SELECT supply FROM g20), 'linear(20km)', '2sfca', NULL)$q$);
-- the same weights in other units are the same decay
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20000m)', '2sfca', 1, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$) LIKE '%' AS accepted;
-- per-facility sums combined from different supply values
SELECT pg_temp.err($q$SELECT palliative.fca_step1(palliative.fca_demand_part(
    CASE WHEN d.id % 2 = 0 THEN (SELECT supply FROM g20) ELSE palliative.prepare_supply('SELECT id, geom, capacity + 1 AS capacity FROM dist_test.supply', 'gaussian(20km)') END,
    'gaussian(20km)', '2sfca', d.id, d.geom, d.weight)) FROM (SELECT * FROM dist_test.demand WHERE id < 5 ORDER BY id) d$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_step1(s) FROM (
    SELECT palliative.fca_step1(palliative.fca_demand_part(p.supply, p.decay::palliative.decay, '2sfca', d.id, d.geom, d.weight)) AS s
    FROM dist_test.demand d CROSS JOIN dist_test.prepared p WHERE p.decay IN ('gaussian(20km)', 'binary(15km)') AND d.id < 10
    GROUP BY p.decay) x$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)',
    CASE WHEN d.id = 3 THEN 'bfca' ELSE '2sfca' END, d.id, d.geom, d.weight)) FROM (SELECT * FROM dist_test.demand WHERE id < 5 ORDER BY id) d$q$);
-- step 2 with sums of another supply or method
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = 'binary(15km)'), 'binary(15km)', '2sfca',
    (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', d.id, d.geom, d.weight)) FROM dist_test.demand d),
    1, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_ratios((SELECT supply FROM g20), 'gaussian(20km)', 'm2sfca',
    (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', d.id, d.geom, d.weight)) FROM dist_test.demand d))$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM g20), 'gaussian(20km)', '2sfca',
    (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', d.id, d.geom, d.weight)) FROM dist_test.demand d),
    12, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4612), 1)$q$);
-- NULL or negative weights, and the rest of fca's row checks
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), NULL)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), -2)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 'NaN')$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 'Infinity')$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, NULL, 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', NULL, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 3857), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_MakePoint(139, 35), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_Buffer(public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, 'SRID=4326;POINT EMPTY'::public.geometry, 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(200, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', NULL, 7, NULL, 1)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', NULL, 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), NULL)$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_access((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', NULL, 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), -1)$q$);
-- arguments
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '4sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', NULL, 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part(NULL, 'gaussian(20km)', '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_demand_part((SELECT supply FROM g20), NULL, '2sfca', 7, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 1)$q$);
SELECT pg_temp.err($q$SELECT palliative.fca_step1(NULL::palliative.fca_part)$q$);
-- prepare_supply reads supply_sql as fca does
SELECT pg_temp.err($q$SELECT palliative.prepare_supply('SELECT id, geom, capacity FROM dist_test.supply', 'binary(30min)')$q$);
SELECT pg_temp.err($q$SELECT palliative.prepare_supply('SELECT 8 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326) AS geom, -1 AS capacity', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT palliative.prepare_supply('SELECT 8 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326) AS geom, 1 AS capacity UNION ALL SELECT 8, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326), 2', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT palliative.prepare_supply('SELECT 8 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35), 3857) AS geom, 1 AS capacity', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT palliative.prepare_supply('SELECT 8 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326) AS geom', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT palliative.prepare_supply(NULL, 'binary(3km)')$q$);
-- a weighted demand that underflows is fca's error, found in step 2
\set U1 'SELECT 1 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35), 4326) AS geom, 1e-300::float8 AS weight'
\set U2 'SELECT 2 AS id, public.ST_SetSRID(public.ST_MakePoint(139, 35.62), 4326) AS geom, 5.0 AS capacity'
SELECT pg_temp.err(format('SELECT * FROM palliative.fca(%L, %L, %L)', :'U1', :'U2', 'exponential(1/km, 100km)'));
SELECT pg_temp.err(format('SELECT * FROM palliative.fca_distributed(%L, %L, %L)', :'U1', :'U2', 'exponential(1/km, 100km)'));
-- fca_distributed reads its inner queries as fca does
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom FROM dist_test.demand', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, ''1''::text AS weight FROM dist_test.demand', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight FROM dist_test.demand UNION ALL SELECT 3, geom, weight FROM dist_test.demand WHERE id = 4', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight - 3 AS weight FROM dist_test.demand', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3km)')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight FROM dist_test.demand', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3km)', '4sfca')$q$);
SELECT pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight FROM dist_test.demand', 'SELECT id, geom, capacity FROM dist_test.supply', 'binary(3min)')$q$);
-- values that do not decode
SELECT pg_temp.err($q$SELECT 'AAAA'::palliative.prepared_supply$q$);
SELECT pg_temp.err($q$SELECT 'not base64!'::palliative.fca_sums$q$);
SELECT pg_temp.err($q$SELECT left(supply::text, 200)::palliative.prepared_supply FROM g20$q$);
SELECT pg_temp.err($q$SELECT overlay(supply::text placing 'AAAA' from 400)::palliative.prepared_supply FROM g20$q$);
SELECT pg_temp.err($q$SELECT overlay(s::text placing 'AAAA' from 70)::palliative.fca_sums FROM (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM g20), 'gaussian(20km)', '2sfca', d.id, d.geom, d.weight)) s FROM dist_test.demand d) x$q$);

-- nested: the distributable form inside fca's inner queries gives what it
-- gives outside, and fca inside prepare_supply's supply_sql too
\set W 'SELECT d.id, d.geom, 1 + 1000 * a.access AS weight FROM dist_test.demand d, LATERAL palliative.fca_access((SELECT supply FROM dist_test.prepared WHERE decay = ''binary(15km)''), ''binary(15km)'', ''2sfca'', (SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT supply FROM dist_test.prepared WHERE decay = ''binary(15km)''), ''binary(15km)'', ''2sfca'', e.id, e.geom, e.weight)) FROM dist_test.demand e), d.id, d.geom, d.weight) a'
CREATE TEMP TABLE nested_weight AS :W;
\set R 'SELECT r.supply_id AS id, s.geom, r.ratio AS capacity FROM palliative.fca_ratios(palliative.prepare_supply(''SELECT id, geom, capacity FROM dist_test.supply'', ''binary(15km)''), ''binary(15km)'', ''gravity'', NULL) r JOIN dist_test.supply s ON s.id = r.supply_id'
CREATE TEMP TABLE nested_capacity AS :R;
SELECT count(*) AS mismatches
FROM palliative.fca(:'W', :'R', 'gaussian(20km)') n
FULL JOIN palliative.fca('SELECT * FROM nested_weight', 'SELECT * FROM nested_capacity', 'gaussian(20km)') p USING (demand_id)
WHERE n.demand_id IS NULL OR p.demand_id IS NULL OR n.access <> p.access OR n.reachable <> p.reachable;
SELECT palliative.prepare_supply(
         'SELECT f.supply_id AS id, s.geom, f.demand_reached AS capacity FROM palliative.fca_supply(''SELECT id, geom, weight FROM dist_test.demand'', ''SELECT id, geom, capacity FROM dist_test.supply'', ''binary(15km)'') f JOIN dist_test.supply s ON s.id = f.supply_id',
         'gaussian(20km)')::text
     = palliative.prepare_supply(
         'SELECT s.id, s.geom, f.demand_reached AS capacity FROM dist_test.supply s JOIN (SELECT * FROM palliative.fca_supply(''SELECT id, geom, weight FROM dist_test.demand'', ''SELECT id, geom, capacity FROM dist_test.supply'', ''binary(15km)'')) f ON f.supply_id = s.id',
         'gaussian(20km)')::text AS same_value;

-- cancellation: a long step 1 stops within a second of the timeout, and the
-- session keeps working
CREATE FUNCTION pg_temp.cancel_check() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM palliative.fca_step1(palliative.fca_demand_part(
            (SELECT palliative.prepare_supply('SELECT id, geom, capacity FROM dist_test.supply', 'gaussian(400km)')),
            'gaussian(400km)', '3sfca', d.id, d.geom, d.weight))
  FROM dist_test.big d CROSS JOIN generate_series(1, 20);
  RETURN 'not cancelled';
EXCEPTION WHEN query_canceled THEN
  RETURN CASE WHEN clock_timestamp() - t0 < interval '1.5 s' THEN 'cancelled in time' ELSE 'cancelled late' END;
END $$;
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_check();
RESET statement_timeout;
SELECT count(*) FROM dist_test.prepared;

DROP SCHEMA dist_test CASCADE;
