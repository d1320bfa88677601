#!/usr/bin/env bash
# make test: install what is missing, build, then run every suite:
#   1. C unit tests of src/core (cmocka)
#   2. pg_regress (sql/*.sql against expected/*.out)
#   3. pgTAP (test/pgtap/*.sql, through pg_prove)
#   4. the real-data acceptance tests when PALLIATIVE_DATA is set
# Suites 2-4 run in a throwaway cluster made by pg_virtualenv.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

test/scripts/deps.sh --test

SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
make -s -j2
$SUDO make -s install

status=0
make -s unit || status=1
# no mutable file-static or global state in the compiled code
test/scripts/static-state.sh || status=1
# one way in: one reader of inner queries, the SRID and time-decay rules in one place
test/scripts/one-way-in.sh || status=1
# the same tests under ASan+UBSan and valgrind, and each fuzz target for a bounded time
make -s unit-sanitize >/dev/null 2>&1 || { echo "unit tests under sanitizers: FAILED"; make -s unit-sanitize; status=1; }
make -s unit-valgrind >/dev/null 2>&1 || { echo "unit tests under valgrind: FAILED"; make -s unit-valgrind; status=1; }
make -s fuzz-run FUZZ_SECONDS="${FUZZ_SECONDS:-10}" || status=1

# extra server settings for the throwaway cluster
pgopts=(-o "max_worker_processes=16"
        -o "shared_preload_libraries=pg_cron" -o "cron.database_name=palliative_cron"
        -o "cron.use_background_workers=on" -o "max_locks_per_transaction=256")
pg_virtualenv -t -v "${PGV:-15}" "${pgopts[@]}" test/scripts/sql-tests.sh || status=1

if [ $status -ne 0 ]; then
  echo "make test: FAILED"
else
  echo "make test: all suites passed"
fi
exit $status
