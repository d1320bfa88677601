#!/usr/bin/env bash
# test/realdata/run.sh DIR: real-data acceptance tests.
#
# DIR is the data/japan folder (PALLIATIVE_DATA).  Uses the cluster the PG*
# variables name (sql-tests.sh runs it inside pg_virtualenv): creates a fresh
# database, installs the extension, runs the loader, checks the counts and
# totals of issue 3, then feeds the loader bad input (wrong header,
# unparseable coordinate, duplicate code, missing file) made in a temporary
# folder from the real files, and checks that each stops with a message naming
# the file and line and leaves the tables unchanged.
# Prints "realdata: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
loader=$top/test/data/japan/load.sh

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 DIR   (DIR: the data/japan folder)" >&2
  exit 2
fi
data=$(cd "$1" && pwd)

db=palliative_realdata_test
export PGDATABASE=$db
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'; }
finish() {
  echo "realdata: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

dropdb --if-exists "$db" >/dev/null 2>&1
if ! createdb -T template0 -E UTF8 --locale=C "$db" ||
   ! psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION palliative CASCADE' >/dev/null; then
  not_ok "create a database with the extension"
  finish
fi

# --- the load --------------------------------------------------------------
start=$(date +%s)
if "$loader" "$data" >"$work/load.out" 2>"$work/load.err"; then
  ok "loader runs ($(( $(date +%s) - start )) s)"
else
  not_ok "loader runs" "$(tail -n 20 "$work/load.err")"
  finish
fi
cat "$work/load.out"
if [ $(( $(date +%s) - start )) -le 120 ]; then ok "load takes at most 2 minutes"; else not_ok "load takes at most 2 minutes"; fi
for line in "realdata load: municipalities unmapped (area of the nearest mapped municipality): 359" \
            "realdata load: Hokkaido hospitals (2015) with a palliative-care department: 22" \
            "realdata load: assign_regions facility municipality (mhlw-iryojoho-2025): unassigned:"; do
  if grep -qF "$line" "$work/load.out"; then ok "loader prints: $line"; else not_ok "loader prints: $line"; fi
done

# --- counts and totals -----------------------------------------------------
# each check is a query returning one row: name, passed (boolean), detail
psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -f "$here/checks.sql" >"$work/checks.out" 2>"$work/checks.err"
status=$?
while IFS='|' read -r name result detail; do
  [ -z "$name" ] && continue
  if [ "$result" = t ]; then ok "$name"; else not_ok "$name" "$detail"; fi
done <"$work/checks.out"
[ $status -eq 0 ] || not_ok "checks.sql runs" "$(cat "$work/checks.err")"

# --- coverage of the real data (refresh, views, report) ----------------------
start=$(date +%s)
psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -f "$here/coverage.sql" >"$work/coverage.out" 2>"$work/coverage.err"
status=$?
while IFS='|' read -r name result detail; do
  [ -z "$name" ] && continue
  if [ "$result" = t ]; then ok "$name ($detail)"; else not_ok "$name" "$detail"; fi
done <"$work/coverage.out"
[ $status -eq 0 ] || not_ok "coverage.sql runs" "$(cat "$work/coverage.err")"
echo "# coverage checks took $(( $(date +%s) - start )) s"

# --- reports: stored by refresh, measured in Chromium ------------------------
# every refresh stores the national report and one per prefecture; the maps
# are measured at 1280 px wide (test/clients/report_check.py): they fill
# their frame, Okinawa is in an inset of the national map, every region has
# a tooltip, labels lie inside their region and never overlap
start=$(date +%s)
n=$(psql -X -q -At -c "SELECT palliative.store_reports(max(id)) FROM palliative.refresh_log" 2>"$work/store.err")
secs=$(( $(date +%s) - start ))
expect=$(psql -X -q -At -c "SELECT 1 + count(*) FROM palliative.region WHERE level = 'prefecture'")
if [ "$n" = "$expect" ] && [ "$n" -eq 48 ]; then
  ok "the national report and one per prefecture stored ($n reports, HTML and Markdown, in $secs s)"
else
  not_ok "the national report and one per prefecture stored" "stored ${n:-none} of $expect: $(head -c 400 "$work/store.err")"
fi
report_case() {  # NAME AREA CHECK-OPTIONS...
  local name=$1 area=$2 line
  shift 2
  if ! psql -X -q -At -v ON_ERROR_STOP=1 -v "area=$area" >"$work/report.html" 2>"$work/report.err" <<'SQL'
SELECT palliative.stored_report(nullif(:'area', ''), 'html')
SQL
  then
    not_ok "$name: stored report" "$(head -c 400 "$work/report.err")"
    return
  fi
  [ -n "${PALLIATIVE_REPORT_DIR:-}" ] && cp "$work/report.html" "$PALLIATIVE_REPORT_DIR/realdata_${area:-national}.html"
  while IFS= read -r line; do
    case $line in
      "ok - "*) ok "${line#ok - }" ;;
      "not ok - "*) not_ok "${line#not ok - }" ;;
    esac
  done < <(/usr/bin/python3 "$top/test/clients/report_check.py" "$work/report.html" "$name" "$@")
}
report_case "national report" "" --inset 47
report_case "Hokkaido (01) report" 01 --min-labels 10
report_case "Okinawa (47) report" 47
# a prefecture the filings do not cover: once region_coverage says which
# standards a prefecture has no data for (data_status), its report for such
# a standard draws its regions grey with the reason, and says no data in the
# summary instead of a gap
read -r nodata_pref nodata_std < <(psql -X -q -At -F ' ' -c "
  SELECT left(rc.region_code, 2), rc.standard FROM palliative.region_coverage AS rc
  WHERE to_jsonb(rc) ->> 'data_status' = 'no_data' AND rc.level = 'prefecture'
  ORDER BY rc.region_code, rc.standard_id LIMIT 1")
if [ -n "${nodata_pref:-}" ]; then
  psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT palliative.gap_report(format => 'html', area => '$nodata_pref', standard => '$nodata_std')" \
    >"$work/report.html" 2>"$work/report.err"
  if grep -q 'no data for this area' "$work/report.html"; then
    ok "prefecture $nodata_pref without data for $nodata_std: the summary says no data instead of a gap"
  else
    not_ok "prefecture $nodata_pref without data for $nodata_std: the summary says no data instead of a gap" "$(head -c 300 "$work/report.err")"
  fi
  while IFS= read -r line; do
    case $line in
      "ok - "*) ok "${line#ok - }" ;;
      "not ok - "*) not_ok "${line#not ok - }" ;;
    esac
  done < <(/usr/bin/python3 "$top/test/clients/report_check.py" "$work/report.html" "prefecture $nodata_pref without data" --no-data)
else
  echo "# no prefecture without data yet (region_coverage.data_status comes with the filings' coverage): its report is not checked"
fi

# --- bad input ---------------------------------------------------------------
fingerprint() {
  psql -X -q -At -c "
    SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
      SELECT 'r' || code || ':' || coalesce(population, -1) || ':' || source FROM palliative.region
      UNION ALL SELECT 'p' || id || ':' || total || ':' || source FROM palliative.population
      UNION ALL SELECT 'f' || id || ':' || capabilities::text || ':' || source FROM palliative.facility
      UNION ALL SELECT 's' || item || ':' || coalesce(value, -1) FROM palliative_realdata.summary) AS t(x)"
}
before=$(fingerprint)

# a folder of links to the real files, with one file replaced
fixture() {
  rm -rf "$work/bad"
  mkdir "$work/bad"
  for f in "$data"/*; do ln -s "$f" "$work/bad/$(basename "$f")"; done
}
# bad_case NAME PATTERN...: the loader must fail, print every PATTERN, change nothing
bad_case() {
  local name=$1
  shift
  if "$loader" "$work/bad" >"$work/bad.out" 2>"$work/bad.err"; then
    not_ok "bad input, $name: the loader fails" "$(tail -n 5 "$work/bad.out")"
    return
  fi
  ok "bad input, $name: the loader fails"
  local p missing=
  for p in "$@"; do grep -qF -- "$p" "$work/bad.err" || missing="$missing '$p'"; done
  if [ -z "$missing" ]; then
    ok "bad input, $name: the message names the file and line"
  else
    not_ok "bad input, $name: the message names the file and line" \
      "missing:$missing; stderr: $(head -c 600 "$work/bad.err")"
  fi
  if [ "$(fingerprint)" = "$before" ]; then
    ok "bad input, $name: tables unchanged"
  else
    not_ok "bad input, $name: tables unchanged"
  fi
}

fixture
f=r7_area_basic.csv
rm "$work/bad/$f"
sed '1s/area_code/area_id/' "$data/$f" >"$work/bad/$f"
bad_case "wrong header" "$f:1: unexpected header"

fixture
f=hospitals_iryojoho_20250601.csv
rm "$work/bad/$f"
perl -pe 's/,43\.055405,/,43.05x405,/ if $. == 2' "$data/$f" >"$work/bad/$f"
bad_case "unparseable coordinate" "$f:2: unparseable latitude \"43.05x405\""

fixture
f=municipality_population_2020.csv
rm "$work/bad/$f"
{ cat "$data/$f"; sed -n 4p "$data/$f"; } >"$work/bad/$f"
n=$(wc -l <"$work/bad/$f")
bad_case "duplicate code" "$f:$n: duplicate municipality code \"01100\" (first at line 4)"

fixture
f=hokkaido_mesh500_population_2010.csv
rm "$work/bad/$f"
{ head -n 10 "$data/$f"; sed -n 3p "$data/$f"; tail -n +11 "$data/$f"; } >"$work/bad/$f"
bad_case "duplicate mesh code" "$f:11: duplicate mesh code \"$(sed -n 3p "$data/$f" | cut -d, -f1)\" (first at line 3)"

fixture
f=r7_facility_functions.csv
rm "$work/bad/$f"
bad_case "missing file" "$f: missing"

finish
