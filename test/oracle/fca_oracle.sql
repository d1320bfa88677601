-- Plain-SQL oracle of the floating-catchment methods, straight from the
-- formulas in DESIGN.md: every pair, haversine distance on the 6371008.8 m
-- sphere, weights written out in SQL.  Slow (O(n*m)); for tests only.
--
-- Inputs: tables fca_oracle.demand(id, lon, lat, weight) and
-- fca_oracle.supply(id, lon, lat, capacity), filled by the test.
-- fca_oracle.fca(method, kind, cutoff, param) returns (demand_id, access,
-- reachable); kind is binary, linear, gaussian or exponential (param: rate
-- per metre).

CREATE SCHEMA IF NOT EXISTS fca_oracle;

CREATE TABLE IF NOT EXISTS fca_oracle.demand (id bigint PRIMARY KEY, lon float8, lat float8, weight float8);
CREATE TABLE IF NOT EXISTS fca_oracle.supply (id bigint PRIMARY KEY, lon float8, lat float8, capacity float8);

CREATE OR REPLACE FUNCTION fca_oracle.distance(lon1 float8, lat1 float8, lon2 float8, lat2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT 2 * 6371008.8 * asin(least(1, sqrt(
           sin(radians(lat2 - lat1) / 2) ^ 2
         + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)))
$$;

CREATE OR REPLACE FUNCTION fca_oracle.weight(kind text, cutoff float8, param float8, d float8)
RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE
    WHEN d > cutoff THEN 0
    WHEN kind = 'binary' THEN 1
    WHEN kind = 'linear' THEN greatest(0, 1 - d / cutoff)
    WHEN kind = 'gaussian' THEN CASE WHEN d >= cutoff THEN 0 ELSE
         greatest(0, (exp(-0.5 * (d / cutoff) ^ 2) - exp(-0.5)) / (1 - exp(-0.5))) END
    WHEN kind = 'exponential' THEN exp(-param * d)
  END
$$;

CREATE OR REPLACE FUNCTION fca_oracle.fca(method text, kind text, cutoff float8, param float8 DEFAULT 0)
RETURNS TABLE (demand_id bigint, access float8, reachable integer)
LANGUAGE sql STABLE AS $$
  WITH w AS (
    SELECT d.id AS i, s.id AS j, d.weight AS p, s.capacity AS cap,
           fca_oracle.weight(kind, cutoff, param,
                             fca_oracle.distance(d.lon, d.lat, s.lon, s.lat)) AS w
    FROM fca_oracle.demand d CROSS JOIN fca_oracle.supply s
  ), wp AS (
    SELECT * FROM w WHERE w > 0
  ), rowsum AS (
    SELECT i, sum(w) AS rs FROM wp GROUP BY i
  ), colsum AS (
    SELECT j, sum(w) AS cs FROM wp GROUP BY j
  ), dem AS (
    SELECT wp.j, max(wp.cap) AS cap,
           sum(CASE method
                 WHEN '3sfca' THEN (wp.w / r.rs) * wp.w * wp.p
                 WHEN 'bfca' THEN wp.p * wp.w / r.rs
                 ELSE wp.p * wp.w END) AS dj
    FROM wp JOIN rowsum r USING (i) GROUP BY wp.j
  ), ratio AS (
    SELECT j, CASE WHEN method = 'gravity' THEN cap
                   WHEN dj > 0 THEN cap / dj ELSE 0 END AS r
    FROM dem
  ), acc AS (
    SELECT wp.i, count(*)::int AS reach,
           sum(CASE method
                 WHEN '3sfca' THEN (wp.w / r.rs) * wp.w * ra.r
                 WHEN 'm2sfca' THEN ra.r * wp.w * wp.w
                 WHEN 'bfca' THEN ra.r * wp.w / c.cs
                 ELSE ra.r * wp.w END) AS a
    FROM wp JOIN rowsum r USING (i) JOIN colsum c USING (j) JOIN ratio ra USING (j)
    GROUP BY wp.i
  )
  SELECT d.id, coalesce(acc.a, 0), coalesce(acc.reach, 0)
  FROM fca_oracle.demand d LEFT JOIN acc ON acc.i = d.id
$$;
