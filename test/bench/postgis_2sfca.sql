-- The obvious PostGIS 2SFCA, gaussian(30km): ST_DWithin on indexed geography.
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS rows, sum(access) AS total FROM (
  WITH w AS MATERIALIZED (
    SELECT d.id AS i, s.id AS j, d.weight AS p, s.capacity AS cap,
           (exp(-0.5 * (public.ST_Distance(d.geog, s.geog, false) / 30000.0) ^ 2)
            - exp(-0.5)) / (1 - exp(-0.5)) AS w
    FROM bench_demand d JOIN bench_supply s
      ON public.ST_DWithin(d.geog, s.geog, 30000, false)
  ), r AS (
    SELECT j, max(cap) / sum(p * w) AS r FROM w GROUP BY j
  )
  SELECT i, sum(r.r * w.w) AS access FROM w JOIN r USING (j) GROUP BY i
) a;
