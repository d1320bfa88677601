#!/usr/bin/env bash
# Benchmarks of capacity and competition (test/scripts/bench.sh runs them
# inside its throwaway cluster; PG* set).  Usage:
#
#   test/bench/capacity.sh DBNAME S         on bench_demand/bench_supply as
#       test/bench/setup.sql left them (100k x 10k, 30 km): capacity_coverage
#       (optimal) with its engine's peak memory per pair within reach, and
#       spatial_availability and cost_to_capacity against fca's time
#   test/bench/capacity.sh DBNAME glpk      5,000 x 500 with capacity as
#       large as demand: the same linear program through GLPK's glpsol
#       (maximum flow, then least distance at that flow) against
#       capacity_coverage, both times, the ratio, the same optimum
#   test/bench/capacity.sh DBNAME hokkaido  the real Hokkaido data under
#       PALLIATIVE_DATA: 45,723 500 m mesh cells (population) x the 2015
#       hospitals (beds as capacity), gaussian(60km)
#
# Each timing is the faster of two runs, each in a fresh backend on one
# core.  Exits 1 when capacity_coverage and glpsol disagree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
db=${1:?database name}
what=${2:?S, glpk or hokkaido}
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }

# run a query in a fresh backend on one core; print "seconds own_kB" (own:
# the backend's peak resident memory, VmHWM, less the shared buffers it
# touched, RssShmem)
run() {
  "${PSQL[@]}" <<SQL
SET max_parallel_workers_per_gather = 0;
SELECT clock_timestamp() AS t0 \gset
$1 \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
SELECT pg_read_file('/proc/' || pg_backend_pid() || '/status') AS st \gset
SELECT :'secs'::numeric(10,3) || ' ' || ((regexp_match(:'st', 'VmHWM:\s+(\d+)'))[1]::bigint
                                         - (regexp_match(:'st', 'RssShmem:\s+(\d+)'))[1]::bigint);
SQL
}
# the faster of two runs: "seconds own_kB"
best() {
  local s1 m1 s2 m2
  read -r s1 m1 < <(run "$1")
  read -r s2 m2 < <(run "$1")
  if awk "BEGIN { exit !($s2 < $s1) }"; then echo "$s2 $m2"; else echo "$s1 $m1"; fi
}

D='SELECT id, geom, weight FROM bench_demand'
S='SELECT id, geom, capacity FROM bench_supply'

case $what in
S)
  read -r cov_s cov_kb < <(best "SELECT sum(served) AS served FROM palliative.capacity_coverage('$D', '$S', 'gaussian(30km)')")
  read -r fca_s _ < <(best "SELECT sum(access) AS a FROM palliative.fca('$D', '$S', 'gaussian(30km)')")
  read -r sa_s _ < <(best "SELECT sum(availability) AS a FROM palliative.spatial_availability('$D', '$S', 'gaussian(30km)')")
  read -r ctc_s _ < <(best "SELECT count(cost) AS c FROM palliative.cost_to_capacity('$D', '$S', 30000)")
  # the engine alone, without reading the rows: the same call on no pairs
  read -r base_s base_kb < <(best "SELECT sum(served) AS served FROM palliative.capacity_coverage('$D', '$S', 'gaussian(1m)')")
  np=$("${PSQL[@]}" -c "SELECT sum(reachable) FROM palliative.capacity_coverage('$D', '$S', 'gaussian(30km)')")
  read -r served total_p total_s < <("${PSQL[@]}" -F ' ' -c "SELECT (SELECT sum(served) FROM palliative.capacity_coverage('$D', '$S', 'gaussian(30km)')), (SELECT sum(weight) FROM bench_demand), (SELECT sum(capacity) FROM bench_supply)")
  per_pair=$(calc '%.1f' "($cov_kb - $base_kb) * 1024 / $np")
  echo "capacity_coverage (optimal) at S, 100000x10000, gaussian(30km): ${np} pairs, ${cov_s} s ($(met "$cov_s < 60") under 60 s); served ${served} of demand ${total_p} (capacity ${total_s})"
  echo "  engine memory: $(((cov_kb - base_kb) / 1024)) MB over reading the rows ($((base_kb / 1024)) MB), ${per_pair} bytes per pair within reach ($(met "$per_pair < 40") under 40)"
  echo "spatial_availability at S: ${sa_s} s, $(calc '%.2fx' "$sa_s / $fca_s") fca's ${fca_s} s ($(met "$sa_s <= 1.5 * $fca_s") within 1.5x); cost_to_capacity(30 km): ${ctc_s} s, $(calc '%.2fx' "$ctc_s / $fca_s") ($(met "$ctc_s <= 1.5 * $fca_s") within 1.5x)"
  ;;
glpk)
  if ! command -v glpsol >/dev/null; then
    echo "capacity vs glpsol: glpsol is missing (Debian package glpk-utils)" >&2
    exit 1
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "${PSQL[@]}" -f test/oracle/capacity_glpk.sql >/dev/null
  "${PSQL[@]}" -v ndemand=5000 -v nsupply=500 -f test/bench/setup.sql >/dev/null
  # capacity as large as the demand: a program where competition decides
  "${PSQL[@]}" >/dev/null <<'SQL'
UPDATE bench_supply SET capacity = capacity * (SELECT sum(weight) FROM bench_demand) / (SELECT sum(capacity) FROM bench_supply);
TRUNCATE glpk.demand, glpk.supply, glpk.cost, glpk.pairs;
INSERT INTO glpk.demand SELECT id, geom, weight FROM bench_demand;
INSERT INTO glpk.supply SELECT id, geom, capacity FROM bench_supply;
INSERT INTO glpk.pairs
SELECT d.id, s.id, x.dist
FROM glpk.demand d CROSS JOIN glpk.supply s
     CROSS JOIN LATERAL (SELECT 2 * 6371008.8 * asin(least(1, sqrt(
                    sin(radians(ST_Y(s.geom) - ST_Y(d.geom)) / 2) ^ 2
                  + cos(radians(ST_Y(d.geom))) * cos(radians(ST_Y(s.geom)))
                    * sin(radians(ST_X(s.geom) - ST_X(d.geom)) / 2) ^ 2))) AS dist) x
WHERE palliative.decay_weight('gaussian(30km)', x.dist) > 0;
SQL
  np=$("${PSQL[@]}" -c "SELECT count(*) FROM glpk.pairs")
  read -r cov_s _ < <(best "SELECT sum(served) AS served FROM palliative.capacity_coverage('$D', '$S', 'gaussian(30km)')")
  read -r served cost < <("${PSQL[@]}" -F ' ' -c "
    SELECT (SELECT sum(served) FROM palliative.capacity_coverage('$D', '$S', 'gaussian(30km)')),
           (SELECT sum(amount * cost) FROM palliative.capacity_allocation('$D', '$S', 'gaussian(30km)'))")
  "${PSQL[@]}" -c "SELECT glpk.lp(1)" >"$work/stage1.lp"
  t0=$(date +%s.%N)
  glpsol --lp "$work/stage1.lp" -w "$work/stage1.sol" >"$work/stage1.log"
  t1=$(date +%s.%N)
  f=$(awk '$1 == "s" { print $NF }' "$work/stage1.sol")
  "${PSQL[@]}" -c "SELECT glpk.lp(2, $f * (1 - 1e-11))" >"$work/stage2.lp"
  t2=$(date +%s.%N)
  glpsol --lp "$work/stage2.lp" -w "$work/stage2.sol" >"$work/stage2.log"
  t3=$(date +%s.%N)
  c=$(awk '$1 == "s" { print $NF }' "$work/stage2.sol")
  g1=$(calc '%.2f' "$t1 - $t0")
  g2=$(calc '%.2f' "$t3 - $t2")
  gs=$(calc '%.2f' "$g1 + $g2")
  same=$(awk -v a="$served" -v b="$f" -v x="$cost" -v y="$c" 'function ab(v) { return v < 0 ? -v : v }
    BEGIN { print (ab(a - b) <= 1e-9 * ab(b) && ab(x - y) <= 1e-9 * ab(y)) ? "yes" : "NO" }')
  echo "capacity_coverage against glpsol, 5000x500, gaussian(30km), capacity = demand: ${np} pairs; glpsol ${gs} s (maximum flow ${g1} s + least distance ${g2} s), capacity_coverage ${cov_s} s: $(calc '%.0fx' "$gs / $cov_s") ($(met "$gs >= 50 * $cov_s") at least 50x)"
  echo "  same optimum (1e-9): ${same}; served ${served} (glpsol ${f}), distance ${cost} (glpsol ${c})"
  [ "$same" = yes ]
  ;;
hokkaido)
  data=${PALLIATIVE_DATA:?PALLIATIVE_DATA names the data/japan folder}
  "${PSQL[@]}" >/dev/null <<SQL
DROP TABLE IF EXISTS bench_hok_mesh, bench_hok_hosp_raw, bench_hok_demand, bench_hok_supply;
CREATE TABLE bench_hok_mesh (code text, total text, male text, female text, households text);
\copy bench_hok_mesh FROM '$data/hokkaido_mesh500_population_2010.csv' (FORMAT csv)
CREATE TABLE bench_hok_hosp_raw (id text, hc text, name text, d1 text, d2 text, postal text, address text, oc text,
  owner text, admin text, services text, emergency text, phone text, latitude text, longitude text, beds text,
  general text, recuperation text, psychosis text, tuberculosis text, infected text, maternity text, brain text);
\copy bench_hok_hosp_raw FROM '$data/hokkaido_hospitals_2015.csv' (FORMAT csv, HEADER)
CREATE TABLE bench_hok_demand AS
SELECT row_number() OVER (ORDER BY code) AS id, palliative.mesh_center(code::palliative.meshcode) AS geom,
       coalesce(nullif(total, ''), '0')::float8 AS weight
FROM bench_hok_mesh;
CREATE TABLE bench_hok_supply AS
SELECT id::bigint AS id, ST_SetSRID(ST_MakePoint(longitude::float8, latitude::float8), 4326) AS geom,
       coalesce(nullif(beds, ''), '0')::float8 AS capacity
FROM bench_hok_hosp_raw WHERE latitude ~ '^[0-9.]+$' AND longitude ~ '^[0-9.]+$';
SQL
  HD='SELECT id, geom, weight FROM bench_hok_demand'
  HS='SELECT id, geom, capacity FROM bench_hok_supply'
  read -r nd ns beds people < <("${PSQL[@]}" -F ' ' -c "SELECT (SELECT count(*) FROM bench_hok_demand), (SELECT count(*) FROM bench_hok_supply), (SELECT sum(capacity) FROM bench_hok_supply), (SELECT sum(weight) FROM bench_hok_demand)")
  read -r cov_s cov_kb < <(best "SELECT sum(served) AS served FROM palliative.capacity_coverage('$HD', '$HS', 'gaussian(60km)')")
  read -r base_s base_kb < <(best "SELECT sum(served) AS served FROM palliative.capacity_coverage('$HD', '$HS', 'gaussian(1m)')")
  read -r fca_s _ < <(best "SELECT sum(access) AS a FROM palliative.fca('$HD', '$HS', 'gaussian(60km)')")
  read -r np served < <("${PSQL[@]}" -F ' ' -c "SELECT sum(reachable), sum(served) FROM palliative.capacity_coverage('$HD', '$HS', 'gaussian(60km)')")
  per_pair=$(calc '%.1f' "($cov_kb - $base_kb) * 1024 / $np")
  echo "capacity_coverage (optimal) on Hokkaido: ${nd} mesh cells (${people} people) x ${ns} hospitals (${beds} beds), gaussian(60km): ${np} pairs, ${cov_s} s ($(met "$cov_s < 2") under 2 s; fca ${fca_s} s); served ${served}"
  echo "  engine memory: $(((cov_kb - base_kb) / 1024)) MB, ${per_pair} bytes per pair within reach ($(met "$per_pair < 40") under 40)"
  "${PSQL[@]}" -c "DROP TABLE bench_hok_mesh, bench_hok_hosp_raw, bench_hok_demand, bench_hok_supply" >/dev/null
  ;;
*)
  echo "unknown benchmark: $what" >&2
  exit 2
  ;;
esac
