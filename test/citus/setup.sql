-- The cluster's data: the sample loaded on the coordinator, the single-node
-- results computed while it is still local (fca, fca_supply, refresh), then
-- demand distributed by secondary medical region and the facilities and
-- prepared supplies as reference tables.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION pgtap;
SELECT count(*) FROM palliative.load_sample();

CREATE SCHEMA citus_test;
CREATE TABLE citus_test.facility AS
SELECT id, geom, (1 + coalesce(pcu_beds, 0) + coalesce(general_beds, 0) / 100)::float8 AS capacity
FROM palliative.facility WHERE geom IS NOT NULL;
ALTER TABLE citus_test.facility ADD PRIMARY KEY (id);
CREATE TABLE citus_test.demand AS
SELECT id, secondary_code, geom, total AS weight FROM palliative.population;
ALTER TABLE citus_test.demand ALTER COLUMN secondary_code SET NOT NULL;
ALTER TABLE citus_test.demand ADD PRIMARY KEY (secondary_code, id);

-- single node: fca and fca_supply of every method, and a refresh
CREATE TABLE citus_test.expect_fca AS
SELECT m AS method, f.*
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m,
     palliative.fca('SELECT id, geom, weight FROM citus_test.demand', 'SELECT id, geom, capacity FROM citus_test.facility',
                    'gaussian(30km)', m) f;
CREATE TABLE citus_test.expect_supply AS
SELECT m AS method, f.*
FROM unnest(ARRAY['2sfca', 'bfca']) m,
     palliative.fca_supply('SELECT id, geom, weight FROM citus_test.demand', 'SELECT id, geom, capacity FROM citus_test.facility',
                           'gaussian(30km)', m) f;
SELECT status FROM palliative.refresh();
CREATE TABLE citus_test.expect_decay AS SELECT id, decay FROM palliative.standard;
CREATE TABLE citus_test.expect_coverage AS SELECT * FROM palliative.region_coverage;

-- the cluster: demand by secondary medical region, facilities and prepared
-- supplies on every node
SELECT create_distributed_table('citus_test.demand', 'secondary_code');
SELECT create_reference_table('citus_test.facility');
CREATE TABLE citus_test.supply (decay text PRIMARY KEY, value palliative.prepared_supply NOT NULL);
INSERT INTO citus_test.supply
SELECT d, palliative.prepare_supply('SELECT id, geom, capacity FROM citus_test.facility', d::palliative.decay)
FROM unnest(ARRAY['gaussian(30km)', 'gaussian(20km)']) d;
SELECT create_reference_table('citus_test.supply');
ANALYZE citus_test.demand;

-- for the bad inputs: another supply of the same decay (capacities + 1),
-- and demand rows with one bad row each, in regions of different shards
INSERT INTO citus_test.supply
SELECT 'gaussian(30km) capacities + 1',
       palliative.prepare_supply('SELECT id, geom, capacity + 1 AS capacity FROM citus_test.facility', 'gaussian(30km)');
CREATE TABLE citus_test.bad (id bigint, secondary_code text, geom public.geometry, weight float8,
                             case_name text, PRIMARY KEY (secondary_code, case_name, id));
SELECT create_distributed_table('citus_test.bad', 'secondary_code', colocate_with => 'citus_test.demand');
INSERT INTO citus_test.bad
SELECT d.id, d.secondary_code, d.geom, d.weight, c
FROM citus_test.demand d, unnest(ARRAY['mixed srid', 'null weight', 'negative weight']) c
WHERE d.id IN (SELECT min(id) FROM citus_test.demand GROUP BY secondary_code);
UPDATE citus_test.bad SET geom = public.ST_SetSRID(geom, 6668)
WHERE case_name = 'mixed srid' AND secondary_code = (SELECT max(secondary_code) FROM citus_test.demand);
UPDATE citus_test.bad SET weight = NULL
WHERE case_name = 'null weight' AND secondary_code = (SELECT max(secondary_code) FROM citus_test.demand);
UPDATE citus_test.bad SET weight = -5
WHERE case_name = 'negative weight' AND secondary_code = (SELECT max(secondary_code) FROM citus_test.demand);
