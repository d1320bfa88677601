-- After the failed refresh (faults.sh): the worker is back, the standards
-- are as before, and the next refresh() succeeds with the single-node rows.
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = error;
SELECT plan(3);
CREATE TEMP TABLE run AS SELECT * FROM palliative.refresh();
SELECT is((SELECT status FROM run), 'succeeded', 'refresh() succeeds once the worker is back');
SELECT is((SELECT count(*) FROM palliative.region_coverage), (SELECT count(*) FROM citus_test.expect_coverage),
          'region_coverage has its rows again');
SELECT is((SELECT count(*) FROM palliative.region_coverage c FULL JOIN citus_test.expect_coverage e USING (standard, level, region_code)
           WHERE c.id IS DISTINCT FROM e.id
              OR abs(c.covered_population - e.covered_population) > 1e-12 * greatest(abs(e.covered_population), 1)
              OR abs(coalesce(c.mean_access, 0) - coalesce(e.mean_access, 0)) > 1e-12 * greatest(abs(e.mean_access), 1e-300)),
          0::bigint, 'the same rows as on one node');
SELECT * FROM finish();
