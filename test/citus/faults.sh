# test/citus/faults.sh, sourced by run.sh after the pgTAP files: a worker
# stopped during a distributed computation.
#   1. fca_distributed with a wide catchment (seconds of work on the
#      workers): stopping one worker gives a clear error on the coordinator,
#      within a bounded time, and the cluster works again once it is back.
#   2. refresh() stopped the same way: the previous results (cell_coverage,
#      region_coverage), the snapshots and the log are as they were, the
#      failed run is logged as failed, and the next refresh() succeeds with
#      the same rows.

victim=${CITUS_PORTS[2]}

# wait until a worker runs a query matching PATTERN (up to 30 s)
wait_for_task() {
  local i
  for i in $(seq 1 150); do
    if [ "$(cpsql "$victim" -At -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%$1%' AND pid <> pg_backend_pid()")" != 0 ]; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# bring the worker back and wait until the coordinator can use it again
restart_victim() {
  local i
  citus_node_start "$victim" || return 1
  for i in $(seq 1 60); do
    if cpsql "${CITUS_PORTS[0]}" -At -c 'SELECT count(*) FROM citus_test.demand' >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# the results, snapshots and the log rows up to run $1, as one checksum
state_sql() {
  echo "SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
    SELECT format('%s/%s/%s/%s/%s', standard_id, population_id, access, reachable, refresh_id) AS x FROM palliative.cell_coverage
    UNION ALL SELECT format('rc/%s/%s/%s/%s', id, standard, covered_population, computed_at) FROM palliative.region_coverage
    UNION ALL SELECT format('gs/%s/%s/%s/%s', refresh_id, region_code, standard, covered_population) FROM palliative.gap_snapshot
    UNION ALL SELECT format('log/%s/%s/%s/%s/%s', id, status, started_at, finished_at, rows) FROM palliative.refresh_log
              WHERE id <= $1) s"
}

# --- 1. a distributed computation -----------------------------------------
cpsql "$coord" -At -c "SELECT count(*) FROM palliative.fca_distributed('SELECT id, geom, weight FROM citus_test.demand',
  'SELECT id, geom, capacity FROM citus_test.facility', 'gaussian(400km)', '3sfca')" \
  >"$work/fault1.out" 2>"$work/fault1.err" &
job=$!
if wait_for_task fca_demand_part; then
  t_stop=$(date +%s.%N)
  citus_node_stop "$victim"
  wait $job
  rc=$?
  elapsed=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t_stop }")
  check $(( rc == 0 )) "stopping a worker during fca_distributed makes it fail" "$(cat "$work/fault1.out")"
  if grep -qiE "connection|terminat|server closed|could not" "$work/fault1.err"; then
    ok "the error says the worker went away: $(grep -m1 ERROR "$work/fault1.err" | cut -c1-160)"
  else
    not_ok "the error says the worker went away" "$(cat "$work/fault1.err")"
  fi
  check $(awk "BEGIN { exit !($elapsed < 30) }"; echo $?) "the error came ${elapsed} s after the stop (bound 30 s)"
else
  kill "$job" 2>/dev/null
  wait "$job" 2>/dev/null
  not_ok "fca_distributed ran on the workers long enough to stop one" "$(cat "$work/fault1.err")"
fi
restart_victim
check $? "the worker is back and the coordinator uses it again"

# --- 2. a refresh ----------------------------------------------------------
last_run=$(cpsql "$coord" -At -c "SELECT coalesce(max(id), 0) FROM palliative.refresh_log")
before=$(cpsql "$coord" -At -c "$(state_sql "$last_run")")
# wide catchments make the run last long enough to stop a worker inside it
cpsql "$coord" -q -c "UPDATE palliative.standard SET decay = 'gaussian(400km)' WHERE method <> 'nearest'" >/dev/null
cpsql "$coord" -At -c "SET client_min_messages = error; SELECT status, error FROM palliative.refresh()" \
  >"$work/fault2.out" 2>"$work/fault2.err" &
job=$!
if wait_for_task fca_demand_part; then
  t_stop=$(date +%s.%N)
  citus_node_stop "$victim"
  wait $job
  rc=$?
  elapsed=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t_stop }")
  check $(awk "BEGIN { exit !($elapsed < 60) }"; echo $?) "refresh() returned ${elapsed} s after the worker stopped (bound 60 s)"
  status=$(cut -d'|' -f1 "$work/fault2.out")
  if [ $rc -ne 0 ] || [ "$status" = failed ] || [ "$status" = partial ]; then
    ok "the refresh reports the failure: $( (cut -d'|' -f2- "$work/fault2.out"; grep -m1 -E 'ERROR|FATAL' "$work/fault2.err") | tr '\n' ' ' | cut -c1-200)"
  else
    not_ok "the refresh reports the failure" "$(cat "$work/fault2.out" "$work/fault2.err")"
  fi
else
  kill "$job" 2>/dev/null
  wait "$job" 2>/dev/null
  not_ok "refresh() ran on the workers long enough to stop one" "$(cat "$work/fault2.err")"
fi
restart_victim
check $? "the worker is back after the failed refresh"
cpsql "$coord" -q -c "UPDATE palliative.standard SET decay = e.decay FROM citus_test.expect_decay e WHERE e.id = standard.id" >/dev/null
after=$(cpsql "$coord" -At -c "$(state_sql "$last_run")")
check $([ "$before" = "$after" ]; echo $?) "previous results, region_coverage, snapshots and log rows are unchanged"
logged=$(cpsql "$coord" -At -c "SELECT string_agg(status || ': ' || left(coalesce(error, ''), 100), '; ') FROM palliative.refresh_log WHERE id > $last_run")
echo "# refresh_log of the failed run: ${logged:-no row (the run was rolled back)}"
run_tap t5_after_fault
