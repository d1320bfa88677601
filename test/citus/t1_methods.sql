-- On the cluster, every method of the distributable form gives the rows of
-- single-node fca and fca_supply to 1e-12 relative: step 1 as one partial
-- sum a shard (the plain aggregate, which Citus pushes down with its
-- combine function) and as one a region (grouped by the distribution
-- column, then added on the coordinator), and through fca_distributed.
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = error;
BEGIN;
SELECT plan(20);

CREATE FUNCTION pg_temp.dist(m text, grouped boolean)
RETURNS TABLE (demand_id bigint, access double precision, reachable integer)
LANGUAGE plpgsql AS $$
DECLARE
  sums palliative.fca_sums;
BEGIN
  IF grouped THEN
    EXECUTE $q$
      WITH per_region AS MATERIALIZED (
        SELECT palliative.fca_step1(palliative.fca_demand_part(
                 (SELECT value FROM citus_test.supply WHERE decay = 'gaussian(30km)'), 'gaussian(30km)', $1,
                 d.id, d.geom, d.weight)) AS s
        FROM citus_test.demand d GROUP BY d.secondary_code)
      SELECT palliative.fca_step1(s) FROM per_region$q$ INTO sums USING m;
  ELSE
    EXECUTE $q$
      SELECT palliative.fca_step1(palliative.fca_demand_part(
               (SELECT value FROM citus_test.supply WHERE decay = 'gaussian(30km)'), 'gaussian(30km)', $1,
               d.id, d.geom, d.weight))
      FROM citus_test.demand d$q$ INTO sums USING m;
  END IF;
  RETURN QUERY EXECUTE $q$
    SELECT id, (r).access, (r).reachable
    FROM (SELECT d.id, palliative.fca_access((SELECT value FROM citus_test.supply WHERE decay = 'gaussian(30km)'),
                                             'gaussian(30km)', $1, $2, d.id, d.geom, d.weight) AS r
          FROM citus_test.demand d) s$q$ USING m, sums;
END $$;

CREATE FUNCTION pg_temp.mismatches(m text, got text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format($q$
    SELECT count(*) FROM (%s) x
    FULL JOIN (SELECT * FROM citus_test.expect_fca WHERE method = %L) f USING (demand_id)
    WHERE x.demand_id IS NULL OR f.demand_id IS NULL
       OR abs(x.access - f.access) > 1e-12 * abs(f.access) OR x.reachable <> f.reachable$q$, got, m) INTO n;
  RETURN n;
END $$;

SELECT is((SELECT count(*) FROM citus_test.expect_fca WHERE method = '2sfca'),
          (SELECT count(*) FROM citus_test.demand), 'single-node fca gave a row for every demand cell');
SELECT ok((SELECT count(*) FILTER (WHERE access > 0) > count(*) / 2 FROM citus_test.expect_fca WHERE method = '2sfca'),
          'most cells have access > 0 (the comparison is not between zeros)');
SELECT is(pg_temp.mismatches(m, format('SELECT * FROM pg_temp.dist(%L, false)', m)), 0::bigint,
          m || ': one partial sum a shard, the same rows as single-node fca')
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m;
SELECT is(pg_temp.mismatches(m, format('SELECT * FROM pg_temp.dist(%L, true)', m)), 0::bigint,
          m || ': one partial sum a region, the same rows as single-node fca')
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m;
SELECT is(pg_temp.mismatches(m, format($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight FROM citus_test.demand',
                                          'SELECT id, geom, capacity FROM citus_test.facility', 'gaussian(30km)', %L)$q$, m)),
          0::bigint, m || ': fca_distributed on the cluster, the same rows as single-node fca')
FROM unnest(ARRAY['2sfca', '3sfca', 'm2sfca', 'bfca', 'gravity']) m;

-- the facility side
CREATE FUNCTION pg_temp.ratio_mismatches(m text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  supply palliative.prepared_supply;
  sums palliative.fca_sums;
  n bigint;
BEGIN
  SELECT value INTO supply FROM citus_test.supply WHERE decay = 'gaussian(30km)';
  EXECUTE $q$SELECT palliative.fca_step1(palliative.fca_demand_part($1, 'gaussian(30km)', $2, d.id, d.geom, d.weight))
             FROM citus_test.demand d$q$ INTO sums USING supply, m;
  SELECT count(*) INTO n
  FROM palliative.fca_ratios(supply, 'gaussian(30km)', m, sums) r
  FULL JOIN (SELECT * FROM citus_test.expect_supply WHERE method = m) f USING (supply_id)
  WHERE r.supply_id IS NULL OR f.supply_id IS NULL
     OR abs(r.ratio - f.ratio) > 1e-12 * abs(f.ratio)
     OR abs(r.demand_reached - f.demand_reached) > 1e-12 * abs(f.demand_reached);
  RETURN n;
END $$;
SELECT is(pg_temp.ratio_mismatches(m), 0::bigint, m || ': fca_ratios on the cluster, the same rows as single-node fca_supply')
FROM unnest(ARRAY['2sfca', 'bfca']) m;

-- every demand row was summed, once
CREATE TEMP TABLE counted AS
SELECT (SELECT (palliative.fca_sums_summary(palliative.fca_step1(palliative.fca_demand_part(
                  (SELECT value FROM citus_test.supply WHERE decay = 'gaussian(30km)'), 'gaussian(30km)', '3sfca',
                  d.id, d.geom, d.weight)))).demand_rows
        FROM citus_test.demand d) AS summed,
       (SELECT count(*) FROM citus_test.demand) AS demand_rows;
SELECT is(summed, demand_rows, 'the partial sums of the shards count every demand row once') FROM counted;

SELECT * FROM finish();
ROLLBACK;
