#!/usr/bin/env bash
# test/bench/dist.sh DB FCA_S PLAIN_S: the distributable form of 2SFCA
# (prepare_supply, fca_step1 over fca_demand_part, fca_access) on the bench
# data of DB (bench_demand, bench_supply, gaussian(30km)), with up to two
# parallel workers, against fca (one process, FCA_S seconds) and the best
# plain SQL (PLAIN_S seconds) measured in the same run.  Checks that the
# rows are fca's (to 1e-12 relative) and that both steps ran in parallel
# workers; prints one line with the times, ratios and targets.
set -euo pipefail
db=$1 fca_s=$2 plain_s=$3
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# the statement, as the README writes it
dist_sql="WITH step1 AS (
  SELECT palliative.fca_step1(palliative.fca_demand_part(
           (SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)) AS sums
  FROM bench_demand d)
SELECT id AS demand_id, (r).access, (r).reachable
FROM (SELECT d.id, palliative.fca_access((SELECT value FROM bench_prepared), 'gaussian(30km)', '2sfca',
                                         (SELECT sums FROM step1), d.id, d.geom, d.weight) AS r
      FROM bench_demand d) s"

# one timed run in a fresh backend: preparing the supply and both steps
dist_run() {
  "${PSQL[@]}" <<SQL
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 2;
SELECT clock_timestamp() AS t0 \gset
DROP TABLE IF EXISTS bench_prepared;
CREATE TABLE bench_prepared AS
SELECT palliative.prepare_supply('SELECT id, geom, capacity FROM bench_supply', 'gaussian(30km)') AS value;
ANALYZE bench_prepared;
SELECT count(*), sum(access) FROM ($dist_sql) x \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric(10,2);
SQL
}

# the fastest of three runs (the machine may be shared; fca is timed the same way)
secs=$(dist_run)
for run in 2 3; do
  again=$(dist_run)
  if awk "BEGIN { exit !($again < $secs) }"; then secs=$again; fi
done

# both steps in parallel workers, and fca's rows
launched=$("${PSQL[@]}" -c "SET max_parallel_workers_per_gather = 2" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $dist_sql" | grep -c 'Workers Launched: [1-9]' || true)
mismatches=$("${PSQL[@]}" <<SQL
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE dist_rows AS $dist_sql;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM dist_rows x
FULL JOIN palliative.fca('SELECT id, geom, weight FROM bench_demand', 'SELECT id, geom, capacity FROM bench_supply',
                         'gaussian(30km)', '2sfca') f USING (demand_id)
WHERE x.demand_id IS NULL OR f.demand_id IS NULL
   OR abs(x.access - f.access) > 1e-12 * abs(f.access) OR x.reachable <> f.reachable;
SQL
)
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
r_fca=$(calc '%.2f' "$fca_s / $secs")
r_plain=$(calc '%.1f' "$plain_s / $secs")
echo "distributable form at M, 2 parallel workers: ${secs} s (prepare_supply and both steps; ${launched} Gather nodes launched workers; rows differing from fca beyond 1e-12: ${mismatches})"
echo "targets: at least 1.7x fca (one process, ${fca_s} s): ${r_fca}x, $(met "$r_fca >= 1.7"); at least 40x the plain SQL (${plain_s} s): ${r_plain}x, $(met "$r_plain >= 40")"
[ "$mismatches" = 0 ]
