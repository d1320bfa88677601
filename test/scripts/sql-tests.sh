#!/usr/bin/env bash
# The SQL suites, run inside a throwaway cluster (pg_virtualenv sets PG*).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

passed=0
failed=0
timings=()
note() { printf '%s\n' "$*"; }
count() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }
# suite NAME COMMAND...: run a suite, count it, keep how long it took
suite() {
  local name=$1 t0 rc
  shift
  t0=$(date +%s)
  "$@"
  rc=$?
  count $rc
  timings+=("$name $(( $(date +%s) - t0 )) s$([ $rc -eq 0 ] || echo ' FAILED')")
  return $rc
}

# pg_regress, then the isolation tests (test/isolation)
regress() {
  make -s installcheck && return 0
  [ -f regression.diffs ] && head -c 20000 regression.diffs
  [ -f output_iso/regression.diffs ] && head -c 20000 output_iso/regression.diffs
  return 1
}
suite "pg_regress and isolation" regress

# pgTAP
db=palliative_tap
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
  -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION palliative CASCADE' >/dev/null
tap_files=$(ls test/pgtap/*.sql 2>/dev/null | sort)
if [ -n "$tap_files" ]; then
  # shellcheck disable=SC2086
  suite pgTAP pg_prove -d "$db" $tap_files
fi

# oracles that run external programs (GLPK's glpsol for the capacity allocation)
for t in test/oracle/*.sh; do
  echo "== $t"
  if "$t"; then count 0; else count 1; echo "$t: FAILED"; fi
done

# client tests: JDBC, psycopg2, Chromium, pg_cron
suite "clients" test/clients/run.sh

# hardening: install safety, dump and restore, upgrade path, random SQL
for t in test/security/*.sh; do
  echo "== $t"
  suite "$(basename "$t" .sh)" "$t" || echo "$t: FAILED"
done

# real-data acceptance tests
if [ -n "${PALLIATIVE_DATA:-}" ]; then
  if [ -x test/realdata/run.sh ]; then
    suite "real data" test/realdata/run.sh "$PALLIATIVE_DATA"
  fi
else
  note "real-data tests skipped: PALLIATIVE_DATA is not set (point it at the data/japan folder to run them)"
fi

# the README's SQL reference must match the doc comments
if perl test/scripts/sql2doc.pl --check README.md sql/install/*.sql; then
  count 0
else
  note "README.md reference is out of date: run 'make docs'"
  count 1
fi

echo "suite times:"
printf '  %s\n' "${timings[@]}"
echo "sql suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
