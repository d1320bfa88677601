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

# --- the filings: the Hokkaido workbook as published, the CSV of 34 prefectures ---
filings=$top/src/bin/palliative-filings
start=$(date +%s)
if "$filings" "$data/filings/workbooks/hokkaido_01_ika_2025-10.xlsx" >"$work/filings.out" 2>"$work/filings.err"; then
  ok "palliative-filings imports the Hokkaido workbook as published ($(( $(date +%s) - start )) s)"
else
  not_ok "palliative-filings imports the Hokkaido workbook as published" "$(tail -n 5 "$work/filings.err")"
fi
start=$(date +%s)
if "$filings" "$data/filings/filings_palliative_34pref_2025.csv" >>"$work/filings.out" 2>>"$work/filings.err"; then
  ok "palliative-filings imports and links the CSV of 34 prefectures ($(( $(date +%s) - start )) s)"
else
  not_ok "palliative-filings imports and links the CSV of 34 prefectures" "$(tail -n 5 "$work/filings.err")"
fi
sed 's/^/# /' "$work/filings.out"
if grep -q "hokkaido_01_ika_2025-10.xlsx: 36710 filings of prefecture 01 as of 2025-10-01 imported" "$work/filings.out" &&
   grep -q "filings_palliative_34pref_2025.csv: 22757 filings of 34 prefectures as of 2025-09-01..2025-10-01 imported" "$work/filings.out"; then
  ok "a progress line per file"
else
  not_ok "a progress line per file" "$(cat "$work/filings.out")"
fi
start=$(date +%s)
if psql -X -q -At -c "SELECT status, standards_computed FROM palliative.refresh()" >"$work/refresh.out" 2>&1; then
  ok "refresh over Japan with the filings ($(tr '\n' ' ' <"$work/refresh.out")$(( $(date +%s) - start )) s)"
else
  not_ok "refresh over Japan with the filings" "$(cat "$work/refresh.out")"
fi
psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -f "$here/filings.sql" >"$work/filings_checks.out" 2>"$work/filings_checks.err"
status=$?
while IFS='|' read -r name result detail; do
  [ -z "$name" ] && continue
  if [ "$result" = t ]; then ok "$name ($detail)"; else not_ok "$name" "$detail"; fi
done <"$work/filings_checks.out"
[ $status -eq 0 ] || not_ok "filings.sql runs" "$(cat "$work/filings_checks.err")"

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
# a prefecture the filings do not cover (none of its institutions is in
# the filings): its report for a standard it has no data for draws its
# regions grey with the reason, and says no data in the summary instead of a gap
read -r nodata_pref nodata_std < <(psql -X -q -At -F ' ' -c "
  SELECT rc.region_code, rc.standard FROM palliative.region_coverage AS rc
  WHERE rc.data_status = 'no_data' AND rc.level = 'prefecture'
    AND NOT EXISTS (SELECT 1 FROM palliative.filing AS f WHERE f.prefecture_code = rc.region_code)
  ORDER BY rc.region_code, rc.standard_id LIMIT 1")
if [ -n "${nodata_pref:-}" ]; then
  psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT palliative.gap_report(format => 'html', area => '$nodata_pref', standard => '$nodata_std')" \
    >"$work/report.html" 2>"$work/report.err"
  if grep -q 'no data for this area' "$work/report.html"; then
    ok "prefecture $nodata_pref (no filings) without data for $nodata_std: the summary says no data instead of a gap"
  else
    not_ok "prefecture $nodata_pref (no filings) without data for $nodata_std: the summary says no data instead of a gap" "$(head -c 300 "$work/report.err")"
  fi
  while IFS= read -r line; do
    case $line in
      "ok - "*) ok "${line#ok - }" ;;
      "not ok - "*) not_ok "${line#not ok - }" ;;
    esac
  done < <(/usr/bin/python3 "$top/test/clients/report_check.py" "$work/report.html" "prefecture $nodata_pref (no filings) without data" --no-data)
else
  not_ok "a prefecture without filings has no data for some standard" "region_coverage has no such prefecture"
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

# --- bad filing lists: each fails naming what is wrong and changes nothing ----
filings_fingerprint() {
  psql -X -q -At -c "
    SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
      SELECT 'f' || id || ':' || coalesce(end_date::text, '') || ':' || as_of FROM palliative.filing
      UNION ALL SELECT 'i' || id || ':' || content_md5 FROM palliative.filing_import
      UNION ALL SELECT 'l' || prefecture_code || institution_no || ':' || status || ':' || coalesce(facility_id, -1) FROM palliative.filing_link
      UNION ALL SELECT 'c' || id || ':' || coalesce(valid_until::text, '') FROM palliative.capability_source
      UNION ALL SELECT 'v' || id || ':' || coalesce(as_of::text, '') FROM palliative.source_coverage
      UNION ALL SELECT 'a' || id || ':' || capabilities::text || ':' || pcu_beds FROM palliative.facility) AS t(x)"
}
fbefore=$(filings_fingerprint)
# filings_bad NAME FILE PATTERN...: the import must fail, print every PATTERN, change nothing
filings_bad() {
  local name=$1 file=$2
  shift 2
  if "$filings" "$file" >"$work/fbad.out" 2>"$work/fbad.err"; then
    not_ok "bad filings, $name: the import fails" "$(cat "$work/fbad.out")"
    return
  fi
  local p missing=
  for p in "$@"; do grep -qF -- "$p" "$work/fbad.err" || missing="$missing '$p'"; done
  if [ -z "$missing" ]; then
    ok "bad filings, $name: the import fails naming it ($(grep -m1 -v '^palliative-filings' "$work/fbad.err" | head -c 200))"
  else
    not_ok "bad filings, $name: the import fails naming it" "missing:$missing; stderr: $(head -c 600 "$work/fbad.err")"
  fi
  if [ "$(filings_fingerprint)" = "$fbefore" ]; then
    ok "bad filings, $name: every table unchanged"
  else
    not_ok "bad filings, $name: every table unchanged"
  fi
}
# a copy of a workbook with one part rewritten: xlsx_edit SRC DST PART OLD NEW (regular expression)
xlsx_edit() {
  python3 - "$@" <<'PY'
import re, sys, zipfile
src, dst, part, old, new = sys.argv[1:6]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as out:
    for item in z.infolist():
        body = z.read(item.filename)
        if item.filename == part:
            body = re.sub(old.encode(), new.encode(), body, flags=re.S)
        out.writestr(item, body)
PY
}
wb=$data/filings/workbooks/tokaihokuriku_18_fukui_ika_2025-10.xlsx
csvf=$data/filings/filings_palliative_34pref_2025.csv
mkdir -p "$work/fbad"
xlsx_edit "$wb" "$work/fbad/other_layout.xlsx" xl/sharedStrings.xml '医療機関番号' '機関コード'
filings_bad "a workbook of another layout" "$work/fbad/other_layout.xlsx" "other_layout.xlsx, sheet" "no header row of a filing list"
xlsx_edit "$wb" "$work/fbad/missing_column.xlsx" xl/sharedStrings.xml '算定開始年月日' '開始日'
filings_bad "a workbook missing a required column" "$work/fbad/missing_column.xlsx" 'column "算定開始年月日" is missing'
xlsx_edit "$wb" "$work/fbad/empty_sheet.xlsx" xl/worksheets/sheet1.xml '<sheetData>.*</sheetData>' '<sheetData/>'
filings_bad "an empty sheet" "$work/fbad/empty_sheet.xlsx" "empty_sheet.xlsx, sheet" "is empty"
head -c 300000 "$wb" >"$work/fbad/truncated.xlsx"
filings_bad "a truncated file" "$work/fbad/truncated.xlsx" "truncated.xlsx: not a readable workbook"
sed '1s/,start_date,/,start,/' "$csvf" >"$work/fbad/missing_column.csv"
filings_bad "a CSV with a missing column" "$work/fbad/missing_column.csv" 'missing_column.csv, line 1: column "start_date" is missing'
sed -E '3s/,([0-9]{4})-[0-9]{2}-[0-9]{2},2025-10-01,/,\1-02-30,2025-10-01,/' "$csvf" >"$work/fbad/bad_date.csv"
filings_bad "a date that is not a date" "$work/fbad/bad_date.csv" 'bad_date.csv, line 3, column start_date: invalid date "2010-02-30"'
{ cat "$csvf"; sed -n 5p "$csvf"; } >"$work/fbad/duplicate.csv"
filings_bad "a duplicate acceptance number in one file" "$work/fbad/duplicate.csv" "duplicate acceptance number" "first at line 5"
sed '4s/^01,北海道,/48,北海道,/' "$csvf" >"$work/fbad/prefecture.csv"
filings_bad "a prefecture code that does not exist" "$work/fbad/prefecture.csv" 'prefecture.csv, line 4, column pref_code: prefecture code "48" does not exist'
{ sed -n 1p "$csvf"; grep '^41,' "$csvf" | sed 's/,2025-10-01,/,2025-09-01,/' | head -n 200; } >"$work/fbad/older.csv"
filings_bad "an older list after a newer one" "$work/fbad/older.csv" "already imported as of 2025-10-01, later than this list (as of 2025-09-01)" "HINT:  Import the lists of a prefecture in the order of their as-of dates"

finish
