#!/usr/bin/env bash
# test/citus/run.sh: the distributable form of the floating-catchment methods
# on a real Citus cluster (a coordinator and two workers on 127.0.0.1).
#
# Needs the Citus source folder in PALLIATIVE_CITUS_SRC (.ci/run sets it to
# ../shared/vendor/citus when that folder exists), or CITUS_USE_INSTALLED=1
# to use a Citus installed from Citus's packages; prints a skip line and
# succeeds without either.  CITUS_PORT: the first of three free ports.  Builds and installs Citus into the PostgreSQL that
# PG_CONFIG names when its citus.so is not already the right version, starts
# the cluster, installs palliative (which must be installed in that
# PostgreSQL), runs setup.sql, the pgTAP files t1-t4 and the fault tests
# (faults.sh, then t5), and always stops the nodes and removes their data
# (also on failure or ^C).  Every command has a bounded timeout.
# Prints "citus: N passed, M failed in S s"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
t_start=$(date +%s)

# shellcheck source=cluster.sh
. "$here/cluster.sh"

if [ "${CITUS_USE_INSTALLED:-}" = 1 ]; then
  # Citus installed from Citus's packages: use it as it is
  if [ -z "$(citus_installed_version)" ]; then
    echo "citus tests: CITUS_USE_INSTALLED=1 but $("$PG_CONFIG" --pkglibdir)/citus.so is missing" >&2
    exit 1
  fi
elif [ -z "${PALLIATIVE_CITUS_SRC:-}" ] || [ ! -d "${PALLIATIVE_CITUS_SRC}" ]; then
  echo "citus tests skipped: PALLIATIVE_CITUS_SRC does not name the Citus source folder (.ci/run sets it when ../shared/vendor/citus exists; CITUS_USE_INSTALLED=1 uses an installed Citus)"
  exit 0
else
  PALLIATIVE_CITUS_SRC=$(cd "$PALLIATIVE_CITUS_SRC" && pwd)
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2" "${3:-}"; fi; }
finish() {
  echo "citus: $passed passed, $failed failed in $(( $(date +%s) - t_start )) s"
  [ "$failed" -eq 0 ]
}
cleanup() { citus_stop; rm -rf "${work:-}"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
work=$(mktemp -d)

if [ "${CITUS_USE_INSTALLED:-}" = 1 ]; then
  echo "citus: using the installed Citus $(citus_installed_version)"
elif ! citus_build; then
  not_ok "Citus $CITUS_VERSION built and installed"
  finish
  exit 1
fi
t0=$(date +%s)
if ! citus_start; then
  not_ok "a coordinator and two workers started with palliative installed"
  finish
  exit 1
fi
ok "a coordinator and two workers started with palliative installed ($(( $(date +%s) - t0 )) s)"
coord=${CITUS_PORTS[0]}

# --- the sample, distributed ------------------------------------------------
t0=$(date +%s)
if ! cpsql "$coord" -f "$here/setup.sql" >"$work/setup.out" 2>&1; then
  not_ok "sample loaded, single-node results kept, demand distributed" "$(tail -n 20 "$work/setup.out")"
  finish
  exit 1
fi
ok "sample loaded, single-node results kept, demand distributed by secondary medical region, facilities as reference tables ($(( $(date +%s) - t0 )) s)"

# --- pgTAP files, then the faults ------------------------------------------
run_tap() {
  local name=$1 t0 rc
  t0=$(date +%s)
  cpsql "$coord" -At -f "$here/$name.sql" >"$work/$name.out" 2>&1
  rc=$?
  grep -E '^not ok ' "$work/$name.out"
  grep -E '^# ' "$work/$name.out" | grep -v '^# Looks like'
  if [ $rc -eq 0 ] && ! grep -q '^not ok' "$work/$name.out" && grep -q '^ok ' "$work/$name.out"; then
    ok "$name ($(grep -c '^ok ' "$work/$name.out") checks, $(( $(date +%s) - t0 )) s)"
  else
    not_ok "$name" "$(grep -vE '^ok ' "$work/$name.out" | tail -n 30)"
  fi
}
for t in t1_methods t2_explain t3_errors t4_refresh; do
  run_tap "$t"
done
t0=$(date +%s)
# shellcheck source=faults.sh
. "$here/faults.sh"
echo "# faults: $(( $(date +%s) - t0 )) s"

finish
