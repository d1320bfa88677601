-- refresh() on the cluster: with palliative.population distributed by
-- secondary medical region, the floating-catchment standards are computed
-- by fca_distributed on the workers, and region_coverage has the rows that
-- refresh() gave on one node (setup.sql kept them).
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = error;

-- the documented setup: the trigger that fills geom from the mesh code runs
-- on the shards, and ids are unique per shard (the identity hands them out)
SET citus.enable_unsafe_triggers = on;
SET citus.allow_unsafe_constraints = on;
SELECT create_distributed_table('palliative.population', 'secondary_code') IS NOT NULL AS distributed \gset
SELECT truncate_local_data_after_distributing_table('palliative.population') IS NULL AS truncated \gset
RESET citus.enable_unsafe_triggers;
RESET citus.allow_unsafe_constraints;

SELECT plan(6);
SELECT ok(palliative.citus_distributed('palliative.population'), 'palliative.population is distributed');
SELECT ok(NOT palliative.citus_distributed('palliative.facility'), 'palliative.facility is not');

CREATE TEMP TABLE run AS SELECT * FROM palliative.refresh();
SELECT is((SELECT status FROM run), 'succeeded', 'refresh() on the cluster succeeds');
SELECT is((SELECT count(*) FROM palliative.region_coverage), (SELECT count(*) FROM citus_test.expect_coverage),
          'region_coverage has as many rows as on one node');

-- every column, numbers to 1e-12 relative
CREATE FUNCTION pg_temp.near(a double precision, b double precision) RETURNS boolean LANGUAGE sql AS $$
  SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-12 * greatest(abs(a), abs(b))
$$;
CREATE TEMP TABLE coverage AS SELECT * FROM palliative.region_coverage;
SELECT is((SELECT count(*) FROM coverage c FULL JOIN citus_test.expect_coverage e USING (standard, level, region_code)
           WHERE c.id IS DISTINCT FROM e.id OR c.region_name IS DISTINCT FROM e.region_name
              OR c.standard_id IS DISTINCT FROM e.standard_id OR c.facilities IS DISTINCT FROM e.facilities
              OR NOT pg_temp.near(c.population, e.population)
              OR NOT pg_temp.near(c.covered_population, e.covered_population)
              OR NOT pg_temp.near(c.covered_share, e.covered_share)
              OR NOT pg_temp.near(c.mean_access, e.mean_access)
              OR NOT pg_temp.near(c.access_ratio, e.access_ratio)
              OR NOT pg_temp.near(c.gini, e.gini)
              OR NOT pg_temp.near(c.capacity, e.capacity)
              OR NOT pg_temp.near(c.capacity_per_100k, e.capacity_per_100k)
              OR NOT pg_temp.near(c.target_share, e.target_share)
              OR NOT public.ST_Equals(c.geom, e.geom)),
          0::bigint, 'region_coverage: the same rows as on one node (numbers to 1e-12 relative)');
SELECT ok((SELECT count(*) FILTER (WHERE covered_share > 0) > 0 FROM coverage), 'and they are not empty');

SELECT * FROM finish();
