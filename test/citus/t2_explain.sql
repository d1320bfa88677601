-- EXPLAIN (ANALYZE, VERBOSE), read by the test: step 1, grouped by the
-- distribution column (so that Citus 13 can EXPLAIN ANALYZE it), runs as
-- one task a shard on the workers, each computing the per-facility sums of
-- its regions; the coordinator receives one row a region, at most
-- facilities x shards partial rows and not the demand rows, and the bytes
-- it receives are the binary size of those sums, as the README's cost model
-- says.  The plain aggregate (one partial sum a shard) and step 2 run on the
-- workers too (EXPLAIN VERBOSE: Citus 13.2 cannot EXPLAIN ANALYZE a custom
-- aggregate, citusdata/citus#4043).
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = error;
SET citus.explain_all_tasks = on;
BEGIN;
SELECT plan(11);

CREATE FUNCTION pg_temp.explain(options text, q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
  EXECUTE format('EXPLAIN (%s, FORMAT JSON) %s', options, q) INTO j;
  RETURN j;
END $$;

-- "333 kB" as Citus prints it, in bytes
CREATE FUNCTION pg_temp.bytes(t text) RETURNS numeric LANGUAGE sql AS $$
  SELECT (regexp_match(t, '^([0-9.]+)'))[1]::numeric
         * CASE (regexp_match(t, '([A-Za-z]+)$'))[1]
             WHEN 'bytes' THEN 1 WHEN 'kB' THEN 1024 WHEN 'MB' THEN 1024 * 1024 WHEN 'GB' THEN 1024 * 1024 * 1024 END
$$;

\set STEP1 'SELECT palliative.fca_step1(palliative.fca_demand_part((SELECT value FROM citus_test.supply WHERE decay = ''gaussian(30km)''), ''gaussian(30km)'', ''2sfca'', d.id, d.geom, d.weight)) AS s FROM citus_test.demand d'

CREATE TEMP TABLE step1 AS
SELECT j->0->'Plan'->'Distributed Query'->'Subplans'->0->'PlannedStmt'->0->'Plan' AS scan
FROM (SELECT pg_temp.explain('ANALYZE, VERBOSE',
        format('WITH per_region AS MATERIALIZED (%s GROUP BY d.secondary_code) SELECT palliative.fca_step1(s) FROM per_region',
               :'STEP1')) AS j) e;
CREATE TEMP TABLE step1_task AS
SELECT t->>'Node' AS node, t->'Remote Plan'->0->0->'Plan' AS plan
FROM step1, json_array_elements(scan->'Distributed Query'->'Job'->'Tasks') t;
-- the sums the coordinator received, computed again to measure them
CREATE TEMP TABLE region_sums AS
SELECT (palliative.fca_sums_summary(s)).* FROM (:STEP1 GROUP BY d.secondary_code) x;

CREATE TEMP TABLE facts AS
SELECT (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'citus_test.demand'::regclass) AS shards,
       (SELECT count(*) FROM citus_test.facility) AS facilities,
       (SELECT count(*) FROM citus_test.demand) AS demand_rows,
       (SELECT count(DISTINCT secondary_code) FROM citus_test.demand) AS regions,
       (SELECT (scan->>'Actual Rows')::bigint FROM step1) AS rows_received,
       (SELECT pg_temp.bytes(scan->'Distributed Query'->'Job'->>'Tuple data received from nodes') FROM step1) AS bytes_received,
       (SELECT sum(stored) FROM region_sums) AS entries_received,
       (SELECT sum(bytes) FROM region_sums) AS sums_bytes;

SELECT is((SELECT (scan->'Distributed Query'->'Job'->>'Task Count')::bigint FROM step1), shards,
          'step 1 runs as one task a shard') FROM facts;
SELECT is((SELECT count(*) FROM step1_task
           WHERE (regexp_match(node, 'port=([0-9]+)'))[1]::int IN (SELECT nodeport FROM pg_dist_node WHERE groupid <> 0)),
          shards, 'every step-1 task runs on a worker') FROM facts;
SELECT is((SELECT count(*) FROM step1_task
           WHERE plan->>'Node Type' = 'Aggregate'
             AND plan->'Output'->>0 LIKE 'palliative.fca_step1(palliative.fca_demand_part(%'),
          shards, 'every worker task computes the per-facility sums of its demand rows (fca_step1 over fca_demand_part)') FROM facts;
SELECT is(rows_received, regions, format('the coordinator receives one row a region (%s rows)', rows_received)) FROM facts;
SELECT cmp_ok(rows_received, '<=', facilities * shards,
              format('at most facilities x shards partial rows (%s <= %s x %s)', rows_received, facilities, shards)) FROM facts;
SELECT cmp_ok(rows_received * 100, '<', demand_rows,
              format('not the demand rows (%s rows received, %s demand rows)', rows_received, demand_rows)) FROM facts;
SELECT cmp_ok(entries_received, '<=', facilities * shards,
              format('per-facility entries received: %s, at most facilities x shards (%s)', entries_received, facilities * shards)) FROM facts;
SELECT ok(abs(bytes_received - sums_bytes) <= 0.02 * sums_bytes + 2048,
          format('bytes received (%s) are the binary size of the sums (%s), as the cost model says', bytes_received, sums_bytes))
FROM facts;
SELECT diag(format('step 1 on %s shards: %s rows, %s per-facility entries, %s bytes received by the coordinator (demand: %s rows)',
                   shards, rows_received, entries_received, bytes_received, demand_rows)) FROM facts;

-- the plain aggregate: pushed down with Citus's partial aggregation, one row a shard
CREATE TEMP TABLE plain_job AS
SELECT j->0->'Plan'->'Plans'->0->'Distributed Query'->'Job' AS job
FROM (SELECT pg_temp.explain('VERBOSE', :'STEP1') AS j) e;
SELECT is((SELECT count(*) FROM plain_job, json_array_elements(job->'Tasks') t
           WHERE t->>'Query' LIKE '%worker_partial_agg(%palliative.fca_demand_part(%'
             AND t->'Remote Plan'->0->0->'Plan'->>'Node Type' = 'Aggregate'
             AND t->'Remote Plan'->0->0->'Plan'->>'Strategy' = 'Plain'),
          (SELECT shards FROM facts), 'the plain aggregate: every shard sums its rows into one partial row (worker_partial_agg)');

-- step 2 on the workers
CREATE TEMP TABLE step2_job AS
SELECT j->0->'Plan'->'Distributed Query'->'Job' AS job
FROM (SELECT pg_temp.explain('VERBOSE', format($q$
        SELECT id, (r).access, (r).reachable
        FROM (SELECT d.id, palliative.fca_access((SELECT value FROM citus_test.supply WHERE decay = 'gaussian(30km)'),
                'gaussian(30km)', '2sfca', (%s), d.id, d.geom, d.weight) AS r
              FROM citus_test.demand d) s$q$, :'STEP1')) AS j) e;
SELECT is((SELECT count(*) FROM step2_job, json_array_elements(job->'Tasks') t
           WHERE t->>'Query' LIKE '%palliative.fca_access(%read_intermediate_result%'),
          (SELECT shards FROM facts), 'step 2 runs on the workers, the sums sent to them as an intermediate result');
SELECT ok((SELECT count(*) FROM step2_job, json_array_elements(job->'Tasks') t
           WHERE (regexp_match(t->>'Node', 'port=([0-9]+)'))[1]::int IN (SELECT nodeport FROM pg_dist_node WHERE groupid <> 0))
          = (SELECT shards FROM facts), 'every step-2 task runs on a worker');

SELECT * FROM finish();
ROLLBACK;
