#!/usr/bin/env bash
# Benchmark of the stored reports: what storing the report of the whole
# country and of every prefecture (palliative.store_reports, HTML and
# Markdown, each with its map, summary and strengthening plan) adds to a
# refresh.  On the real data when PALLIATIVE_DATA is set (target: under 30 s
# for the 47 prefectures and the country), else on the generated sample.
# Usage: test/bench/reports.sh (PG* set; test/scripts/bench.sh calls it
# inside its throwaway cluster).  Exits non-zero when a report is missing.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
db=palliative_bench_reports
dropdb --if-exists "$db" >/dev/null 2>&1
createdb -T template0 -E UTF8 --locale=C "$db"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")
"${PSQL[@]}" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE'
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

if [ -n "${PALLIATIVE_DATA:-}" ]; then
  what="real data"
  "$top/test/data/japan/load.sh" "$PALLIATIVE_DATA" -d "$db" >/dev/null
  # with the filings, as make demo loads them: the real capabilities, and
  # the prefectures without data the reports must show
  if [ -d "$PALLIATIVE_DATA/filings" ]; then
    what="real data with the filings"
    PGDATABASE=$db "$top/src/bin/palliative-filings" "$PALLIATIVE_DATA/filings/workbooks/hokkaido_01_ika_2025-10.xlsx" \
      "$PALLIATIVE_DATA/filings/filings_palliative_34pref_2025.csv" >/dev/null
  fi
else
  what="generated sample"
  "${PSQL[@]}" -c 'SELECT count(*) FROM palliative.load_sample()' >/dev/null
fi

# a refresh (which stores the reports), then storing the same run's reports
# again in a fresh backend: the time the reports add
read -r run refresh_s < <("${PSQL[@]}" -F ' ' <<'SQL'
SET client_min_messages = error;
SELECT refresh_id, round(extract(epoch FROM finished_at - started_at)::numeric, 2) FROM palliative.refresh();
SQL
)
# (the backend's CPU time, utime + stime of /proc/PID/stat, tells the
# work apart from waiting for a shared machine's cores)
read -r stored store_s store_cpu < <("${PSQL[@]}" -F ' ' -v run="$run" -v hz="$(getconf CLK_TCK)" <<'SQL'
CREATE TEMP VIEW cpu AS SELECT (f[12]::bigint + f[13]::bigint) AS ticks
FROM (SELECT string_to_array(split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2), ' ') AS f) AS s;
SELECT ticks AS c0, clock_timestamp() AS t0 FROM cpu \gset
SELECT palliative.store_reports(:run) AS n \gset
SELECT :n, round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 2),
       round((ticks - :c0)::numeric / :hz, 2) FROM cpu;
SQL
)
expect=$("${PSQL[@]}" -c "SELECT 1 + count(*) FROM palliative.region WHERE level = 'prefecture'")
size=$("${PSQL[@]}" -c "SELECT pg_size_pretty(sum(pg_column_size(html) + pg_column_size(markdown))) FROM palliative.report_snapshot WHERE refresh_id = $run")
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
echo "reports ($what): $stored stored (the country and $((expect - 1)) prefectures, HTML and Markdown, $size) in ${store_s} s" \
     "(${store_cpu} s of backend CPU time);" \
     "refresh with them ${refresh_s} s, of which the reports $(calc '%.0f%%' "100 * $store_s / $refresh_s")"
if [ -n "${PALLIATIVE_DATA:-}" ]; then
  echo "target: the 47 prefectures' and the national report add under 30 s to the real-data refresh: ${store_s} s, $(met "$store_s < 30")" \
       "(CPU ${store_cpu} s: a wall time far above it means the cores were shared)"
else
  echo "(set PALLIATIVE_DATA to time the 47 prefectures of the real data against the 30 s target)"
fi
dropdb "$db"
[ "$stored" = "$expect" ]
