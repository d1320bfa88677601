#!/usr/bin/env bash
# make test: install what is missing, build, then run every suite:
#   1. C unit tests of src/core (cmocka)
#   2. pg_regress (sql/*.sql against expected/*.out)
#   3. pgTAP (test/pgtap/*.sql, through pg_prove)
#   4. the real-data acceptance tests when PALLIATIVE_DATA is set
#   5. the Citus suite (test/citus) when PALLIATIVE_CITUS_SRC names the Citus
#      source (.ci/run sets it); a skip line otherwise
# Suites 2-4 run in a throwaway cluster made by pg_virtualenv; the Citus
# suite starts a coordinator and two workers of its own.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

test/scripts/deps.sh --test

SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
make -s -j2
$SUDO make -s install

status=0
# stage NAME COMMAND...: run a stage, remember failure and how long it took
stage() {
  local name=$1 t0
  shift
  t0=$(date +%s)
  "$@" || status=1
  echo "== $name: $(( $(date +%s) - t0 )) s"
}
quiet_or_again() {  # run quietly; on failure say so and run again to show why
  "$@" >/dev/null 2>&1 && return 0
  echo "$*: FAILED"
  "$@"
  return 1
}
stage "unit tests" make -s -j2 unit
# no mutable file-static or global state in the compiled code
stage "static state" test/scripts/static-state.sh
# one way in: one reader of inner queries, the SRID and time-decay rules in one place
stage "one way in" test/scripts/one-way-in.sh
# the same tests under ASan+UBSan and valgrind, and each fuzz target for a bounded time
stage "unit tests under sanitizers" quiet_or_again make -s -j2 unit-sanitize
stage "unit tests under valgrind" quiet_or_again make -s -j2 unit-valgrind
stage "fuzzing" make -s -j2 fuzz-run FUZZ_SECONDS="${FUZZ_SECONDS:-10}"

# extra server settings for the throwaway cluster
pgopts=(-o "max_worker_processes=16"
        -o "shared_preload_libraries=pg_cron" -o "cron.database_name=palliative_cron"
        -o "cron.use_background_workers=on" -o "max_locks_per_transaction=256")
stage "SQL suites" pg_virtualenv -t -v "${PGV:-15}" "${pgopts[@]}" test/scripts/sql-tests.sh

# a real Citus cluster: built from the Citus source when needed, three nodes on 127.0.0.1
test/citus/run.sh || status=1

if [ $status -ne 0 ]; then
  echo "make test: FAILED"
else
  echo "make test: all suites passed"
fi
exit $status
