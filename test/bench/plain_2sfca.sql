-- The best plain-SQL 2SFCA we could write, gaussian(30km): a grid-hash
-- equi-join on integer cell coordinates (cells at least 30 km wide up to
-- 46 degrees north, each facility copied to its 9 neighbouring cells) with
-- the haversine formula, parallel workers allowed.
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS rows, sum(access) AS total FROM (
  WITH w AS MATERIALIZED (
    SELECT d.id AS i, s.id AS j, d.weight AS p, s.capacity AS cap,
           (exp(-0.5 * (x.dist / 30000.0) ^ 2) - exp(-0.5)) / (1 - exp(-0.5)) AS w
    FROM (SELECT id, lon, lat, weight, floor(lat / 0.28)::int AS cy, floor(lon / 0.39)::int AS cx FROM bench_demand) d
    JOIN (SELECT s.id, s.lon, s.lat, s.capacity, floor(s.lat / 0.28)::int + dy AS cy, floor(s.lon / 0.39)::int + dx AS cx
          FROM bench_supply s, generate_series(-1, 1) dy, generate_series(-1, 1) dx) s
      ON d.cy = s.cy AND d.cx = s.cx,
    LATERAL (SELECT 2 * 6371008.8 * asin(least(1, sqrt(sin(radians(s.lat - d.lat) / 2) ^ 2
             + cos(radians(d.lat)) * cos(radians(s.lat)) * sin(radians(s.lon - d.lon) / 2) ^ 2))) AS dist) x
    WHERE x.dist < 30000
  ), r AS (
    SELECT j, max(cap) / sum(p * w) AS r FROM w GROUP BY j
  )
  SELECT i, sum(r.r * w.w) AS access FROM w JOIN r USING (j) GROUP BY i
) a;
