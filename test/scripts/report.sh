#!/usr/bin/env bash
# make report: writes the gap report of an area as HTML and as PDF (A4,
# printed by headless Chromium, Japanese text in Noto Sans CJK).
#
#   test/scripts/report.sh [--area CODE] [--level LEVEL] [--standard NAME]
#                          [--stored [REFRESH_ID]] [--out DIR] [psql options...]
#
#   --area CODE      a prefecture ('01') or secondary medical region ('0104');
#                    the whole country when left out
#   --level LEVEL    the regions to map (default: the level below the area)
#   --standard NAME  the standard to detail (default: the one with the most
#                    uncovered demand in the area)
#   --stored [ID]    the report a refresh stored (palliative.stored_report:
#                    the latest, or that of refresh ID) instead of a new one;
#                    palliative_reader may run this
#   --out DIR        where to write gap_report_AREA.html and .pdf (default: report)
#
# The database: the PG* variables or the psql options given (e.g. -d mydb,
# -h host); without either, the cluster of make demo when it runs.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)

area= level= standard= stored= out=report
psql_opts=()
while [ $# -gt 0 ]; do
  case $1 in
    --area) area=$2; shift 2 ;;
    --level) level=$2; shift 2 ;;
    --standard) standard=$2; shift 2 ;;
    --stored)
      stored=latest; shift
      if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then stored=$1; shift; fi ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) psql_opts+=("$1"); shift ;;
  esac
done

# Chromium and the Japanese fonts (Debian packages), installed when missing
"$top/test/scripts/deps.sh" chromium fonts-noto-cjk

# without PG* settings or psql options, the demo cluster
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ] && [ ${#psql_opts[@]} -eq 0 ] && [ -s "$top/.demo/port" ]; then
  export PGHOST="$top/.demo" PGPORT=$(cat "$top/.demo/port") PGUSER=${PGUSER:-postgres} PGDATABASE=palliative_demo
fi

# the arguments as SQL literals (psql variables, quoted by psql)
sql_args=()
lit() { if [ -n "$1" ]; then echo ":'$2'"; else echo NULL; fi; }
if [ -n "$stored" ]; then
  query="SELECT palliative.stored_report($(lit "$area" area), 'html', $( [ "$stored" = latest ] && echo NULL || echo "$stored"))"
else
  query="SELECT palliative.gap_report($(lit "$level" level), 'html', $(lit "$standard" standard), 20, $(lit "$area" area))"
fi
sql_args=(-v "area=$area" -v "level=$level" -v "standard=$standard")

mkdir -p "$out"
name=gap_report_${area:-japan}
html=$out/$name.html
pdf=$out/$name.pdf
printf '%s\n' "$query" | PGCLIENTENCODING=UTF8 psql -X -q -At -v ON_ERROR_STOP=1 "${sql_args[@]}" "${psql_opts[@]}" > "$html.tmp"
mv "$html.tmp" "$html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
abs_pdf=$(cd "$(dirname "$pdf")" && pwd)/$(basename "$pdf")
timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer --virtual-time-budget=10000 \
  --print-to-pdf="$abs_pdf" "file://$abs_html" > "$profile/chromium.log" 2>&1 || {
  echo "report.sh: Chromium could not print $html:" >&2
  tail -n 5 "$profile/chromium.log" >&2
  exit 1
}
[ -s "$pdf" ] || { echo "report.sh: Chromium wrote no PDF" >&2; exit 1; }
echo "wrote $html and $pdf"
