#!/usr/bin/env bash
# make bench: install what is missing, build, install, then run the
# benchmarks of test/bench in a throwaway cluster (pg_virtualenv) and print
# seconds, pairs, ratios against the baselines measured in the same run, and
# the backend's peak memory.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

# the Citus source for the cluster bench, beside the checkout as .ci/run finds it
if [ -z "${PALLIATIVE_CITUS_SRC:-}" ] && [ -d ../shared/vendor/citus ]; then
  PALLIATIVE_CITUS_SRC=$(cd ../shared/vendor/citus && pwd)
  export PALLIATIVE_CITUS_SRC
fi

if [ "${1:-}" != "--inside" ]; then
  # glpk-utils: GLPK's glpsol, the baseline of the capacity allocation
  test/scripts/deps.sh glpk-utils
  SUDO=
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  make -s -j2
  $SUDO make -s install
  exec pg_virtualenv -o max_worker_processes=16 -o work_mem=256MB -o shared_buffers=256MB "$0" --inside
fi

db=palliative_bench
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -X -q -d "$db" -c 'CREATE EXTENSION palliative CASCADE'
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")

# arithmetic: calc FORMAT EXPRESSION
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# seconds taken by a SQL file or command, in a fresh session
timed() {
  local t0 t1
  t0=$(date +%s.%N)
  "${PSQL[@]}" "$@" >/dev/null
  t1=$(date +%s.%N)
  calc '%.2f' "$t1 - $t0"
}

# run palliative.fca in a fresh backend; print "seconds peak_kB shared_kB"
# (VmHWM is the backend's peak resident memory; it includes the shared
# buffers the backend touched, RssShmem, so peak - shared is its own memory)
fca_run() {
  "${PSQL[@]}" <<'SQL'
SET max_parallel_workers_per_gather = 0;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*), sum(access) FROM palliative.fca(
  'SELECT id, geom, weight FROM bench_demand', 'SELECT id, geom, capacity FROM bench_supply',
  'gaussian(30km)', '2sfca') \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
SELECT pg_read_file('/proc/' || pg_backend_pid() || '/status') AS st \gset
SELECT :'secs'::numeric(10,2) || ' ' || (regexp_match(:'st', 'VmHWM:\s+(\d+)'))[1]
       || ' ' || (regexp_match(:'st', 'RssShmem:\s+(\d+)'))[1];
SQL
}

nearest_run() {
  "${PSQL[@]}" <<'SQL'
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM palliative.nearest('SELECT id, geom FROM bench_demand', 'SELECT id, geom FROM bench_supply', 1) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric(10,2);
SQL
}

pairs() {
  "${PSQL[@]}" -c "SELECT sum(reachable) FROM palliative.fca('SELECT id, geom, weight FROM bench_demand', 'SELECT id, geom, capacity FROM bench_supply', 'gaussian(30km)')"
}

dist_status=0
printf '%-4s %-15s %12s %9s %10s %10s %8s %10s %8s %9s\n' size "demand x supply" pairs fca_s plain_s ratio postgis_s ratio peak_MB own_MB
for spec in "S 100000 10000 yes" "M 400000 10000 plain" "L 400000 50000 no"; do
  set -- $spec
  size=$1 nd=$2 ns=$3 base=$4
  "${PSQL[@]}" -v ndemand="$nd" -v nsupply="$ns" -f test/bench/setup.sql >/dev/null
  # the faster of two runs, each in a fresh backend (the first also warms the cache)
  read -r secs peak shmem < <(fca_run)
  read -r secs2 peak2 shmem2 < <(fca_run)
  if awk "BEGIN { exit !($secs2 < $secs) }"; then secs=$secs2 peak=$peak2 shmem=$shmem2; fi
  np=$(pairs)
  plain=- pratio=- gis=- gratio=-
  if [ "$base" != no ]; then
    plain=$(timed -f test/bench/plain_2sfca.sql)
    pratio=$(calc '%.1fx' "$plain / $secs")
  fi
  if [ "$base" = yes ]; then
    gis=$(timed -f test/bench/postgis_2sfca.sql)
    gratio=$(calc '%.1fx' "$gis / $secs")
  fi
  printf '%-4s %-15s %12s %9s %10s %10s %8s %10s %8s %9s\n' "$size" "${nd}x${ns}" "$np" "$secs" "$plain" "$pratio" "$gis" "$gratio" "$((peak / 1024))" "$(((peak - shmem) / 1024))"
  # the distributable form on both cores, against fca and the plain SQL of this run
  if [ "$size" = M ]; then
    dist_lines=$(test/bench/dist.sh "$db" "$secs" "$plain") || dist_status=1
  fi
  case $size in
    S) s_ratio=${pratio%x} ;;
    L) l_secs=$secs l_own=$(((peak - shmem) / 1024)) ;;
  esac
  if [ "$size" = S ]; then
    near=$(nearest_run)
    knn=$(timed -c "SELECT count(*) FROM bench_demand d CROSS JOIN LATERAL (SELECT s.id FROM bench_supply s ORDER BY s.geog OPERATOR(public.<->) d.geog LIMIT 1) n")
    nearest_line="nearest k=1 at S: ${near} s; PostGIS geography KNN ${knn} s; ratio $(calc '%.1fx' "$knn / $near")"
    # capacity and competition on the same S data (test/bench/capacity.sh)
    capacity_lines=$(test/bench/capacity.sh "$db" S)
  fi
done
echo "$nearest_line"
echo "$dist_lines"
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
echo "targets: S at least 20x the plain SQL: ${s_ratio}x, $(met "$s_ratio >= 20");" \
     "L under 20 s on one core: ${l_secs} s, $(met "$l_secs < 20");" \
     "L engine memory under 200 MB: ${l_own} MB, $(met "$l_own < 200")"
echo "baselines: plain SQL timed at S and M, the PostGIS form at S only (at L they take many minutes)."
echo "peak_MB: the backend's VmHWM; own_MB: VmHWM less the shared buffers it touched (RssShmem), the engine's own peak."
echo "fca runs on one core (max_parallel_workers_per_gather = 0); baselines may use 2 parallel workers."

# ---------------------------------------------------------------------------
# capacity and competition: S (measured in the loop above), the linear
# program against GLPK's glpsol, and the real Hokkaido data when
# PALLIATIVE_DATA is set (test/bench/capacity.sh)
echo "$capacity_lines"
capacity_status=0
test/bench/capacity.sh "$db" glpk || { echo "capacity bench: capacity_coverage and glpsol disagree"; capacity_status=1; }
if [ -n "${PALLIATIVE_DATA:-}" ]; then
  test/bench/capacity.sh "$db" hokkaido || capacity_status=1
else
  echo "capacity on Hokkaido skipped: PALLIATIVE_DATA is not set"
fi

# ---------------------------------------------------------------------------
# strengthening plan: palliative.strengthen, lazy greedy against the plain
# greedy on the same data in the same run (test/bench/strengthen.sh)
strengthen_status=0
test/bench/strengthen.sh "$db" || { echo "strengthen bench: the lazy and plain plans differ"; strengthen_status=1; }
# ---------------------------------------------------------------------------
# stored reports: what storing the country's and every prefecture's report
# adds to a refresh, on the real data when PALLIATIVE_DATA is set
# (test/bench/reports.sh)
reports_status=0
test/bench/reports.sh || { echo "reports bench: a report was not stored"; reports_status=1; }
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# the distributable form at M on a 3-node loopback Citus cluster, when the
# Citus source is at hand (test/bench/citus.sh; a skip line otherwise)
test/bench/citus.sh || dist_status=1
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# importing the facility-standard filings (real data only)
filings_status=0
if [ -n "${PALLIATIVE_DATA:-}" ]; then
  test/bench/filings.sh "$PALLIATIVE_DATA" || filings_status=1
else
  echo "filings bench skipped: PALLIATIVE_DATA is not set"
fi
# ---------------------------------------------------------------------------

dropdb "$db"
[ "$dist_status" -eq 0 ] || echo "distributable form bench: its rows differ from fca's, or the Citus run failed"
exit $(( strengthen_status || dist_status || capacity_status || reports_status || filings_status ))
