#!/usr/bin/env bash
# test/bench/citus.sh: the distributable form of 2SFCA at M (400,000 demand
# points x 10,000 facilities, gaussian(30km)) on a 3-node loopback Citus
# cluster (test/citus/cluster.sh): demand distributed over 8 shards by city,
# facilities and the prepared supply as reference tables.  Prints the time
# of the whole computation (prepare_supply and both steps, every row back on
# the coordinator), and for step 1, from EXPLAIN (ANALYZE, VERBOSE) of the
# pass grouped by the distribution column, the rows and bytes the
# coordinator received, beside the README's cost model.  Skips (with a line)
# when no Citus is at hand, as test/citus/run.sh does.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/test/citus/cluster.sh"

if [ "${CITUS_USE_INSTALLED:-}" != 1 ] && { [ -z "${PALLIATIVE_CITUS_SRC:-}" ] || [ ! -d "$PALLIATIVE_CITUS_SRC" ]; }; then
  echo "citus bench skipped: PALLIATIVE_CITUS_SRC does not name the Citus source folder (CITUS_USE_INSTALLED=1 uses an installed Citus)"
  exit 0
fi
if [ "${CITUS_USE_INSTALLED:-}" != 1 ]; then
  citus_build >/dev/null || { echo "citus bench: building Citus failed"; exit 1; }
fi
trap citus_stop EXIT
CITUS_PSQL_TIMEOUT=1200
citus_start || { echo "citus bench: the cluster did not start"; exit 1; }
coord=${CITUS_PORTS[0]}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

PGOPTIONS='-c client_min_messages=warning' cpsql "$coord" -v ndemand=400000 -v nsupply=10000 \
  -f "$top/test/bench/setup.sql" >/dev/null || exit 1
cpsql "$coord" >/dev/null <<'SQL' || exit 1
SET client_min_messages = warning;
ALTER TABLE bench_demand DROP COLUMN geog, DROP CONSTRAINT bench_demand_pkey;
ALTER TABLE bench_demand ADD COLUMN city integer;
UPDATE bench_demand SET city = 1 + (id * 7919) % 28;
ALTER TABLE bench_demand ADD PRIMARY KEY (city, id);
SELECT create_distributed_table('bench_demand', 'city');
SELECT create_reference_table('bench_supply');
ANALYZE bench_demand;
SQL

# one run of the whole computation, every demand row back on the coordinator
run() {
  cpsql "$coord" -At <<'SQL'
SET client_min_messages = warning;
SELECT clock_timestamp() AS t0 \gset
DROP TABLE IF EXISTS bench_prepared;
CREATE TABLE bench_prepared AS
SELECT palliative.prepare_supply('SELECT id, geom, capacity FROM bench_supply', 'gaussian(30km)') AS value;
SELECT create_reference_table('bench_prepared') \gset
WITH step1 AS (
  SELECT palliative.fca_step1(palliative.fca_demand_part(
           (SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)) AS sums
  FROM bench_demand d)
SELECT count(*) AS n, sum(access) AS total
FROM (SELECT id, (r).access, (r).reachable
      FROM (SELECT d.id, palliative.fca_access((SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca',
                                               (SELECT sums FROM step1), d.id, d.geom, d.weight) AS r
            FROM bench_demand d) s) x \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric(10,2) || ' ' || :'n';
SQL
}
read -r secs rows < <(run)
read -r secs2 rows2 < <(run)
if awk "BEGIN { exit !($secs2 < $secs) }"; then secs=$secs2; fi

# step 1, grouped by the distribution column, explained
IFS='|' read -r shards tasks rows_recv bytes_recv entries sums_bytes < <(cpsql "$coord" -At <<'SQL'
SET client_min_messages = error;
CREATE FUNCTION pg_temp.explain(q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) ' || q INTO j;
  RETURN j;
END $$;
CREATE TEMP TABLE step1 AS
SELECT j->0->'Plan'->'Distributed Query'->'Subplans'->0->'PlannedStmt'->0->'Plan' AS scan
FROM (SELECT pg_temp.explain($q$
        WITH per_city AS MATERIALIZED (
          SELECT palliative.fca_step1(palliative.fca_demand_part(
                   (SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)) AS s
          FROM bench_demand d GROUP BY d.city)
        SELECT palliative.fca_step1(s) FROM per_city$q$) AS j) e;
CREATE TEMP TABLE city_sums AS
SELECT (palliative.fca_sums_summary(palliative.fca_step1(palliative.fca_demand_part(
          (SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)))).*
FROM bench_demand d GROUP BY d.city;
SELECT (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'bench_demand'::regclass),
       scan->'Distributed Query'->'Job'->>'Task Count',
       scan->>'Actual Rows',
       replace(scan->'Distributed Query'->'Job'->>'Tuple data received from nodes', ' ', ''),
       (SELECT sum(stored) FROM city_sums), (SELECT sum(bytes) FROM city_sums)
FROM step1;
SQL
)
to_bytes() { awk -v t="$1" 'BEGIN { n = t + 0; u = t; sub(/^[0-9.]+/, "", u);
  m = (u == "kB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1; printf "%d", n * m }'; }
measured=$(to_bytes "$bytes_recv")
# the model: one fca_sums a row received, 44 bytes of header and, sparse,
# 4 + 8 bytes a facility some demand row of the group reaches
model=$(( 44 * rows_recv + 12 * entries ))
echo "citus, 3-node loopback at M (400000x10000, 2 workers, $shards shards): ${secs} s for prepare_supply and both steps, $rows rows back on the coordinator"
echo "citus step 1 grouped by city: $tasks worker tasks, $rows_recv rows and $bytes_recv received by the coordinator ($measured bytes); cost model 44 B a row + 12 B a facility entry ($entries entries): $model bytes, $(calc '%.3f' "$measured / $model") of it"
