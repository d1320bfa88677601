#!/usr/bin/env bash
# test/bench/filings.sh DIR: speed of importing the facility-standard
# filings (make bench runs it when PALLIATIVE_DATA is set).  In a fresh
# database with the real data loaded (hospitals and regions, for linking):
# the Hokkaido bureau workbook as published (about 3 MB, every fee item) and
# the normalized CSV of 34 prefectures (22,757 filings), each imported and
# linked with palliative-filings, against baselines measured in the same run:
# converting the workbook with xlsx2csv alone, and reading the CSV into a
# table with plain COPY.  Targets: workbook under 30 s, CSV under 60 s.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
data=${1:?usage: $0 DIR}
db=palliative_bench_filings
workbook=$data/filings/workbooks/hokkaido_01_ika_2025-10.xlsx
csv=$data/filings/filings_palliative_34pref_2025.csv
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")

calc() { awk "BEGIN { printf \"$1\", $2 }"; }
now() { date +%s.%N; }
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }

dropdb --if-exists "$db" >/dev/null 2>&1
createdb -T template0 -E UTF8 --locale=C "$db"
"${PSQL[@]}" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE'
"$top/test/data/japan/load.sh" "$data" -d "$db" >/dev/null || { echo "filings bench: the real-data load failed"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# baselines
t0=$(now); xlsx2csv -a "$workbook" "$tmp/xlsx" >/dev/null 2>&1; t1=$(now)
convert=$(calc '%.2f' "$t1 - $t0")
"${PSQL[@]}" -c 'CREATE TABLE bench_csv_lines (line text)'
t0=$(now); "${PSQL[@]}" -c "\\copy bench_csv_lines FROM '$csv' WITH (FORMAT text, DELIMITER E'\\x01')"; t1=$(now)
copy=$(calc '%.2f' "$t1 - $t0")

# the imports, each in one transaction with its linking
t0=$(now)
out_wb=$(PGDATABASE=$db "$top/src/bin/palliative-filings" "$workbook") || { echo "filings bench: the workbook import failed"; exit 1; }
t1=$(now)
wb=$(calc '%.2f' "$t1 - $t0")
t0=$(now)
out_csv=$(PGDATABASE=$db "$top/src/bin/palliative-filings" "$csv") || { echo "filings bench: the CSV import failed"; exit 1; }
t1=$(now)
csv_s=$(calc '%.2f' "$t1 - $t0")

echo "$out_wb"
echo "$out_csv"
filings=$("${PSQL[@]}" -c "SELECT count(*) FROM palliative.filing WHERE fee_item IS NOT NULL AND end_date IS NULL")
echo "filings: Hokkaido workbook (every fee item) imported and linked in ${wb} s, $(met "$wb < 30") (target < 30 s); xlsx2csv alone ${convert} s, ratio $(calc '%.1fx' "$wb / $convert")"
echo "filings: CSV of 34 prefectures ($filings current palliative filings) imported and linked in ${csv_s} s, $(met "$csv_s < 60") (target < 60 s); plain COPY of the file ${copy} s, ratio $(calc '%.1fx' "$csv_s / $copy")"
dropdb "$db"
