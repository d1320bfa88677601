#!/usr/bin/env bash
# palliative.capacity_coverage against GLPK: on random cases with ties,
# co-located points, zero demands and zero capacities (distances and
# cost_sql, distance and travel-time decays, short and ample capacity), the
# total served and the total distance (sum of amount * cost over
# palliative.capacity_allocation) equal the optimum of the same linear
# program solved by glpsol's simplex, to 1e-9 relative.  (Not glpsol
# --exact: GLPK 5.0's exact mode solved these programs with right-hand sides
# off in the tenth digit.)
# Runs against the server the PG* variables name (make test: a throwaway
# cluster); needs glpsol (Debian glpk-utils, installed by deps.sh --test).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

if ! command -v glpsol >/dev/null; then
  echo "capacity_glpk: glpsol is missing (Debian package glpk-utils: test/scripts/deps.sh --test installs it)" >&2
  exit 1
fi
db=palliative_glpk
work=$(mktemp -d)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")
"${PSQL[@]}" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE' >/dev/null
"${PSQL[@]}" -f test/oracle/capacity_glpk.sql >/dev/null

# the objective of a solution written by glpsol -w ("s bas rows cols p d obj")
objective() { awk '$1 == "s" { print $NF }' "$1"; }
# solve an LP file; the objective
solve() {
  glpsol --lp "$1" -w "$1.sol" >"$1.log" 2>&1 || { cat "$1.log" >&2; return 1; }
  grep -q 'OPTIMAL' "$1.sol" || { echo "glpsol: not optimal: $1" >&2; return 1; }
  objective "$1.sol"
}
# |a - b| <= 1e-9 max(|a|, |b|) (+ 1e-9 for zeros)
close() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b); exit !(d <= 1e-9 * m + 1e-9) }'; }

D='SELECT id, geom, weight FROM glpk.demand'
S='SELECT id, geom, capacity FROM glpk.supply'
C='SELECT demand_id, supply_id, cost FROM glpk.cost'
failed=0
ncase=0
# seed n m spread cost_mode cap_scale whole decay
while read -r seed n m spread mode scale whole decay; do
  ncase=$((ncase + 1))
  pairs=$("${PSQL[@]}" -c "SELECT glpk.make_case($seed, $n, $m, $spread, '$mode', $scale, $whole, '$decay')")
  cost_sql=NULL
  [ "$mode" != none ] && cost_sql="'$C'"
  read -r served cost < <("${PSQL[@]}" -F ' ' -c "
    SELECT (SELECT coalesce(sum(served), 0) FROM palliative.capacity_coverage('$D', '$S', '$decay', $cost_sql)),
           (SELECT coalesce(sum(amount * cost), 0) FROM palliative.capacity_allocation('$D', '$S', '$decay', $cost_sql))")
  "${PSQL[@]}" -c "SELECT glpk.lp(1)" >"$work/case$ncase.1.lp"
  f=$(solve "$work/case$ncase.1.lp")
  # stage 2 keeps the flow at the maximum, less a margin for glpsol's rounding
  "${PSQL[@]}" -c "SELECT glpk.lp(2, $f * (1 - 1e-11))" >"$work/case$ncase.2.lp"
  c=$(solve "$work/case$ncase.2.lp")
  if close "$served" "$f" && close "$cost" "$c"; then verdict=ok; else verdict=MISMATCH; failed=$((failed + 1)); fi
  printf 'case %d: %s x %s, %s pairs, %s, costs %s: served %s (glpsol %s), distance %s (glpsol %s): %s\n' \
    "$ncase" "$n" "$m" "$pairs" "$decay" "$mode" "$served" "$f" "$cost" "$c" "$verdict"
done <<'CASES'
0.11 60 15 0.3 none 1 true gaussian(15km)
0.12 80 12 0.4 none 4 false binary(12km)
0.13 70 20 0.3 none 0.5 true logistic(8km,4km,20km)
0.14 60 15 0.2 ties 1 true binary(4000m)
0.15 50 18 0.2 ties 2 false linear(4500min)
0.16 60 10 0.2 real 3 false exponential(0.5/km,4km)
0.17 90 25 0.5 none 20 true gaussian(25km)
0.18 40 8 0.3 ties 0.2 true step(2km:1,4km:0.5,6km:0.2)
CASES
echo "capacity_glpk: $ncase cases, $failed mismatches"
[ "$failed" -eq 0 ]
