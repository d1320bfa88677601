#!/usr/bin/env bash
# Client tests against a database with the sample data and one refresh:
# JDBC metadata (BI tools), psycopg2 GeoJSON (web maps), headless Chromium
# rendering the HTML report, and pg_cron running a scheduled refresh.
# Runs inside the throwaway cluster of test/scripts/test.sh (PG* set, pg_cron
# preloaded with cron.database_name = palliative_cron).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $2"; else failed=$((failed + 1)); echo "not ok - $2"; fi; }

export PGDATABASE=palliative_clients
dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1
createdb "$PGDATABASE"
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
SET client_min_messages = warning;
CREATE EXTENSION palliative CASCADE;
SELECT * FROM palliative.load_sample();
SELECT * FROM palliative.refresh();
SQL
result $? "sample loaded and refreshed for the client tests"

# pg_cron: schedule first, check last (it fires at the next minute)
cron_db=palliative_cron
dropdb --if-exists "$cron_db" >/dev/null 2>&1
createdb "$cron_db"
psql -X -q -v ON_ERROR_STOP=1 -d "$cron_db" <<'SQL' >/dev/null
SET client_min_messages = warning;
CREATE EXTENSION pg_cron;
CREATE EXTENSION palliative CASCADE;
SELECT * FROM palliative.load_sample();
SELECT palliative.schedule_refresh('* * * * *');
SQL
result $? "schedule_refresh registered a pg_cron job"

# JDBC, as BI tools read metadata
jar=/usr/share/java/postgresql.jar
java -cp "$jar" "$here/JdbcMetadata.java" > "$work/jdbc.log" 2>&1
rc=$?
grep -E '^(not ok|jdbc:)' "$work/jdbc.log"
result $rc "JDBC DatabaseMetaData lists the views with standard types and reads region_gaps"

# psycopg2, as web maps read GeoJSON
/usr/bin/python3 "$here/geojson_check.py" > "$work/py.log" 2>&1
rc=$?
grep -E '^(not ok|psycopg2:)|Error' "$work/py.log"
result $rc "psycopg2 reads valid GeoJSON with one feature per region"

# headless Chromium renders the HTML report
psql -X -q -At -c "SELECT palliative.gap_report('secondary', 'html')" > "$work/report.html"
regions=$(psql -X -q -At -c "SELECT count(*) FROM palliative.region_coverage rc
                             WHERE rc.level = 'secondary' AND rc.geom IS NOT NULL
                               AND rc.standard_id = (SELECT min(id) FROM palliative.standard WHERE enabled)")
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 "${chrome[@]}" --window-size=1200,2000 --screenshot="$work/report.png" "file://$work/report.html" > "$work/chrome.log" 2>&1
rc=$?
[ $rc -eq 0 ] && [ -s "$work/report.png" ] && [ "$(head -c 4 "$work/report.png" | od -An -tx1 | tr -d ' ')" = "89504e47" ]
result $? "Chromium rendered the report to a PNG ($(stat -c %s "$work/report.png" 2>/dev/null || echo 0) bytes)"
! grep -E 'CONSOLE.*(Uncaught|Error)|Failed to load|ERR_' "$work/chrome.log"
result $? "the page loaded without console or load errors"
timeout 120 "${chrome[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
paths=$(grep -o '<path class="region" data-code="[0-9]*"' "$work/dom.html" | sort -u | wc -l)
[ "$regions" -gt 0 ] && [ "$paths" -eq "$regions" ]
result $? "the rendered map draws every region ($paths regions with a path, $regions regions)"
grep -q '緩和ケア' "$work/dom.html"
result $? "Japanese text survives rendering"
if [ -n "${PALLIATIVE_REPORT_DIR:-}" ]; then cp "$work/report.png" "$work/report.html" "$PALLIATIVE_REPORT_DIR/"; fi

# the map measured in Chromium at 1280 px (test/clients/report_check.py):
# it fills its frame, every region has a tooltip, labels stay inside their
# region and apart; the whole sample, and one of its prefectures
pref=$(psql -X -q -At -c "SELECT min(code) FROM palliative.region WHERE level = 'prefecture'")
for area in national "$pref"; do
  if [ "$area" = national ]; then arg=; else arg=", area => '$area'"; fi
  psql -X -q -At -c "SELECT palliative.gap_report(format => 'html'$arg)" > "$work/map_$area.html"
  while IFS= read -r line; do
    case $line in
      "ok - "*) result 0 "${line#ok - }" ;;
      "not ok - "*) result 1 "${line#not ok - }" ;;
    esac
  done < <(/usr/bin/python3 "$here/report_check.py" "$work/map_$area.html" "sample $area report" --min-labels 2)
done

# make report: HTML and PDF of an area through headless Chromium; the PDF's
# text (pdftotext) holds the title and a region's name, in Japanese too
region=$(psql -X -q -At -c "SELECT name_ja FROM palliative.region WHERE parent_code = '$pref' ORDER BY code LIMIT 1")
if "$here/../scripts/report.sh" --area "$pref" --out "$work/pdf" > "$work/report_sh.log" 2>&1; then
  pdftotext -layout "$work/pdf/gap_report_$pref.pdf" "$work/pdf.txt"
  grep -q 'Palliative-care gaps' "$work/pdf.txt" && grep -q '緩和ケア資源のギャップ' "$work/pdf.txt" && grep -qF "$region" "$work/pdf.txt"
  result $? "make report wrote the PDF of prefecture $pref ($(pdfinfo "$work/pdf/gap_report_$pref.pdf" | sed -n 's/^Pages: *//p') A4 pages) with its title and region $region in its text"
else
  result 1 "make report wrote the PDF of prefecture $pref: $(tail -n 3 "$work/report_sh.log")"
fi

# pg_cron: wait for the run (at most ~80 s after scheduling)
ok=1
for _ in $(seq 1 90); do
  n=$(psql -X -q -At -d "$cron_db" -c "SELECT count(*) FROM cron.job_run_details WHERE status = 'succeeded' AND command LIKE '%palliative.refresh()%'")
  if [ "${n:-0}" -gt 0 ]; then ok=0; break; fi
  sleep 1
done
result $ok "pg_cron ran the scheduled refresh and recorded it as succeeded"
n=$(psql -X -q -At -d "$cron_db" -c "SELECT count(*) FROM palliative.refresh_log WHERE status = 'succeeded'")
[ "${n:-0}" -gt 0 ]
result $? "the scheduled refresh left a refresh_log row"
psql -X -q -At -d "$cron_db" -c "SELECT palliative.unschedule_refresh()" | grep -q t
result $? "unschedule_refresh removed the job"

echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
