-- Benchmark data: clustered, Japan-like points with a fixed seed.
-- :ndemand demand points and :nsupply facilities around 28 "cities" spread
-- over Japan's extent, population-like weights and capacities.
SELECT setseed(0.42);
DROP TABLE IF EXISTS bench_city, bench_demand, bench_supply;
CREATE TABLE bench_city AS
  SELECT c AS id, 129.5 + random() * 15 AS lon, 31.5 + random() * 12 AS lat, 0.04 + random() * 0.3 AS spread
  FROM generate_series(1, 28) c;
-- a demand or supply point: a city picked at random, then a normal offset (Box-Muller)
CREATE TABLE bench_demand AS
  SELECT i::bigint AS id, lon, lat,
         public.ST_SetSRID(public.ST_MakePoint(lon, lat), 4326) AS geom,
         floor(1 + random() * 500)::float8 AS weight
  FROM (SELECT i, least(180, c.lon + c.spread * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS lon,
               least(89, c.lat + c.spread * sqrt(-2 * ln(1 - random())) * sin(2 * pi() * random())) AS lat
        FROM generate_series(1, :ndemand) i
        JOIN bench_city c ON c.id = 1 + (i::bigint * 7919) % 28) p;
CREATE TABLE bench_supply AS
  SELECT i::bigint AS id, lon, lat,
         public.ST_SetSRID(public.ST_MakePoint(lon, lat), 4326) AS geom,
         floor(1 + random() * 50)::float8 AS capacity
  FROM (SELECT i, least(180, c.lon + c.spread * 1.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS lon,
               least(89, c.lat + c.spread * 1.5 * sqrt(-2 * ln(1 - random())) * sin(2 * pi() * random())) AS lat
        FROM generate_series(1, :nsupply) i
        JOIN bench_city c ON c.id = 1 + (i::bigint * 104729) % 28) p;
ALTER TABLE bench_demand ADD PRIMARY KEY (id);
-- geography columns with GiST indexes for the PostGIS baselines
ALTER TABLE bench_demand ADD COLUMN geog public.geography;
UPDATE bench_demand SET geog = geom::public.geography;
ALTER TABLE bench_supply ADD COLUMN geog public.geography;
UPDATE bench_supply SET geog = geom::public.geography;
CREATE INDEX ON bench_supply USING gist (geog);
ALTER TABLE bench_supply ADD PRIMARY KEY (id);
ANALYZE bench_demand;
ANALYZE bench_supply;
