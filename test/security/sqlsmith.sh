#!/usr/bin/env bash
# Random SQL: sqlsmith generates queries over everything a non-superuser can
# see (a login role granted palliative_analyst, search_path palliative and
# public) in a database with the extension, the sample data and a refresh.
# Passes when no backend crashed (the postmaster start time is unchanged and
# the server log reports no process terminated by a signal) and none of our
# functions raised an internal error (SQLSTATE XX000: the server logs each
# error with its location, so an XX000 raised in our C files, or naming
# palliative, is ours).  Prints the number of queries run.
#
#   SQLSMITH_SECONDS  time budget (default 80; make fuzz runs longer)
#   SQLSMITH_JOBS     parallel sqlsmith processes (default 2)
#   SQLSMITH_SEED     seed of the first process (default: the date, so each
#                     day explores other queries; the seeds are printed)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
budget=${SQLSMITH_SECONDS:-80}
jobs=${SQLSMITH_JOBS:-2}
seed=${SQLSMITH_SEED:-$(date +%Y%m%d)}
db=palliative_smith
role=palliative_smith
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v sqlsmith >/dev/null; then
  echo "not ok - sqlsmith is not installed (Debian package sqlsmith; make test installs it)"
  exit 1
fi
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
q -c 'SET client_min_messages = warning' \
  -c 'CREATE EXTENSION palliative CASCADE' \
  -c 'SELECT count(*) FROM palliative.load_sample()' \
  -c 'SELECT status FROM palliative.refresh()' >/dev/null || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL || exit 1
SET client_min_messages = warning;
DROP ROLE IF EXISTS $role;
CREATE ROLE $role LOGIN PASSWORD '$password' IN ROLE palliative_analyst;
ALTER ROLE $role SET search_path = palliative, public;
ALTER ROLE $role SET statement_timeout = '1s';
ALTER DATABASE $db SET log_error_verbosity = verbose;
-- sqlsmith reads the functions it may call from pg_proc, unqualified: the
-- focused processes see, ahead of pg_catalog, a pg_proc with the
-- extension's functions and one in twenty of the others
CREATE SCHEMA smith_focus;
CREATE VIEW smith_focus.pg_proc AS
    SELECT * FROM pg_catalog.pg_proc
    WHERE pronamespace = 'palliative'::regnamespace OR oid::bigint % 20 = 0;
GRANT USAGE ON SCHEMA smith_focus TO $role;
GRANT SELECT ON smith_focus.pg_proc TO $role;
SQL

# the server log, read from where it is now
logfile=$(pg_lsclusters -h 2>/dev/null | awk -v p="${PGPORT:-5432}" '$3 == p {print $7}' | head -1)
offset=0
[ -n "$logfile" ] && [ -r "$logfile" ] && offset=$(stat -c %s "$logfile")
started=$(q -c 'SELECT pg_postmaster_start_time()')

echo "sqlsmith: $jobs processes for ${budget} s (every other one focused on the extension's functions), seeds $seed to $((seed + jobs - 1))"
pids=()
for ((j = 0; j < jobs; j++)); do
  focus=
  [ $((j % 2)) -eq 1 ] && focus=" options='-csearch_path=smith_focus,palliative,public,pg_catalog'"
  timeout --signal=INT --kill-after=10 "$budget" \
    sqlsmith --target="host=${PGHOST:-localhost} port=${PGPORT:-5432} dbname=$db user=$role password=$password$focus" \
      --seed=$((seed + j)) --exclude-catalog --verbose >"$work/smith.$j" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

passed=0
failed=0
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $2"; else failed=$((failed + 1)); echo "not ok - $2"; fi; }

# queries run: the progress characters sqlsmith prints, one per query
queries=0
for ((j = 0; j < jobs; j++)); do
  n=$(grep -E '^[.a-zA-Z]+$' "$work/smith.$j" | grep -vE '^(Loading|Generating|SQLsmith)' | tr -d '\n' | wc -c)
  queries=$((queries + n))
done
echo "sqlsmith: $queries queries run"
[ "$queries" -gt 0 ]
result $? "sqlsmith ran queries ($queries)"
[ "$queries" -gt 0 ] || head -20 "$work/smith.0"

now=$(q -c 'SELECT pg_postmaster_start_time()')
[ "$now" = "$started" ]
result $? "no crash: the postmaster start time is unchanged"

if [ -n "$logfile" ] && [ -r "$logfile" ]; then
  tail -c +$((offset + 1)) "$logfile" >"$work/server.log"
  ! grep -qE 'terminated by signal|was terminated by exception|server process .* exited abnormally' "$work/server.log"
  result $? "no crash: the server log reports no backend terminated by a signal"
  grep -E 'terminated by signal|exited abnormally' "$work/server.log" | head -5
  # an XX000 with its LOCATION line (log_error_verbosity = verbose)
  ours=$(ls "$top"/src/*.c | xargs -n1 basename | paste -sd'|')
  awk -v ours="$ours" '
    / ERROR:  [0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]: / { anyerr = 1 }
    / ERROR:  XX000: / { err = $0; msg = $0; sub(/.* ERROR:  XX000: /, "", msg); want = 1; anyerr = 0; next }
    anyerr && / LOCATION:  / {
      anyerr = 0
      if (match($0, /[A-Za-z0-9_]+\.c:[0-9]+/)) {
        file = substr($0, RSTART, RLENGTH); sub(/:[0-9]+$/, "", file)
        if (file ~ "^(" ours ")$") rejected++
      }
    }
    want && / LOCATION:  / {
      want = 0
      if (match($0, /[A-Za-z0-9_]+\.c:[0-9]+/)) {
        file = substr($0, RSTART, RLENGTH); sub(/:[0-9]+$/, "", file)
        if (file ~ "^(" ours ")$" || msg ~ /palliative/) print err " [" file "]"
        else other++
      }
    }
    END {
      printf "(%d errors raised by the extension on bad input, each with its own SQLSTATE)\n", rejected > "/dev/stderr"
      if (other) printf "(%d internal errors outside the extension)\n", other > "/dev/stderr"
    }
  ' "$work/server.log" >"$work/xx000" 2>"$work/xx000.other"
  cat "$work/xx000.other"
  [ ! -s "$work/xx000" ]
  result $? "no internal error (XX000) from the extension's functions"
  head -5 "$work/xx000"
else
  result 1 "the server log is readable (looked for it with pg_lsclusters on port ${PGPORT:-5432})"
fi

psql -X -q -d "$db" -c "DROP OWNED BY $role" >/dev/null 2>&1
dropdb "$db" >/dev/null 2>&1
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
echo "sqlsmith: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
