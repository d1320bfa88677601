#!/usr/bin/env bash
# make demo: install what is missing, build, install, start a local cluster
# that stays up (data under .demo/ in the checkout, a free port), create the
# extension, load the generated sample (or the real data when PALLIATIVE_DATA
# is set), and print a summary and how to connect.
#
# With PGHOST/PGPORT/PGDATABASE given, uses that server instead of starting
# one.  Running it again reuses the cluster and reloads the data.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

test/scripts/deps.sh

SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
make -s -j2
$SUDO make -s install >/dev/null

PGBIN=/usr/lib/postgresql/${PGV:-15}/bin
demo="$top/.demo"
db=${PGDATABASE:-palliative_demo}

# run a command as the cluster owner (postgres when we are root)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ -n "${PGHOST:-}${PGPORT:-}" ] && [ -z "${PALLIATIVE_DEMO_LOCAL:-}" ]; then
  echo "using the server given by PGHOST/PGPORT"
  connect=(psql)
else
  # as root the cluster runs as postgres; a checkout postgres cannot enter
  # (a private home, a mktemp directory) keeps the cluster in postgres's
  # home instead, one directory per checkout, and .demo links to it
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$top" &&
     { [ -L "$demo" ] || [ ! -e "$demo" ] || rmdir "$demo" 2>/dev/null; }; then
    real=/var/lib/postgresql/palliative-demo/$(printf '%s' "$top" | md5sum | cut -c1-16)
    mkdir -p "$real"
    chown postgres "$real"
    ln -sfn "$real" "$demo"
    demo=$real
    echo "the postgres user cannot enter $top: the demo cluster lives in $demo (.demo links to it)"
  fi
  mkdir -p "$demo"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$demo"
    if ! runuser -u postgres -- test -w "$demo"; then
      echo "error: the postgres user cannot write to $demo (a parent directory is not searchable)" >&2
      echo "hint: clone the project into a directory other users can enter, or run as a normal user" >&2
      exit 1
    fi
  fi
  if [ ! -s "$demo/data/PG_VERSION" ]; then
    rm -rf "$demo/data"
    as_owner "$PGBIN/initdb" -D "$demo/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  port=$(cat "$demo/port" 2>/dev/null || true)
  if ! as_owner "$PGBIN/pg_ctl" -D "$demo/data" status >/dev/null 2>&1; then
    if [ -z "$port" ] || ! port_free "$port"; then
      port=54330
      while ! port_free "$port"; do port=$((port + 1)); done
    fi
    echo "$port" > "$demo/port"
    as_owner "$PGBIN/pg_ctl" -D "$demo/data" -l "$demo/server.log" -w \
      -o "-p $port -k $demo -c listen_addresses=localhost" start >/dev/null
    echo "started a demo cluster on port $port (data in .demo/data, log in .demo/server.log)"
  else
    echo "the demo cluster is already running on port $port"
  fi
  export PGHOST="$demo" PGPORT="$port" PGUSER=postgres
  connect=(psql -h "$demo" -p "$port" -U postgres)
fi

psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS palliative CASCADE;
CREATE EXTENSION palliative CASCADE;
SQL

if [ -n "${PALLIATIVE_DATA:-}" ] && [ -x test/data/japan/load.sh ]; then
  echo "loading the real data from PALLIATIVE_DATA"
  test/data/japan/load.sh "$PALLIATIVE_DATA" -d "$db"
  echo "importing the facility-standard filings (palliative-filings): the Hokkaido workbook as published, the CSV of 34 prefectures"
  src/bin/palliative-filings -d "$db" "$PALLIATIVE_DATA/filings/workbooks/hokkaido_01_ika_2025-10.xlsx" \
    "$PALLIATIVE_DATA/filings/filings_palliative_34pref_2025.csv"
else
  echo "loading the generated sample (palliative.load_sample)"
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'SELECT * FROM palliative.load_sample()'
fi

psql -X -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
\echo
\echo Facilities by kind and care tier
SELECT kind,
       count(*) FILTER (WHERE care_tier = 'specialist') AS specialist,
       count(*) FILTER (WHERE care_tier = 'capable')    AS capable,
       count(*) FILTER (WHERE care_tier = 'limited')    AS limited,
       count(*) FILTER (WHERE care_tier = 'none')       AS "none",
       count(*)                                         AS total
FROM palliative.facility_profile
GROUP BY kind
ORDER BY min(kind::palliative.facility_kind);
SQL

echo
echo "computing coverage (palliative.refresh)"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'SELECT status, standards_computed, standards_failed, cells, round(extract(epoch FROM finished_at - started_at)::numeric, 1) AS seconds FROM palliative.refresh()'

psql -X -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
\echo The ten worst gaps (secondary medical regions)
SELECT gap_rank AS rank, region_code, region_name, standard,
       to_char(uncovered_population, 'FM999,999,990') AS uncovered,
       to_char(100 * uncovered_share, 'FM990.0') || '%' AS share, reason_en
FROM palliative.region_gaps
WHERE level = 'secondary' AND data_status = 'covered'
ORDER BY uncovered_population DESC, region_code, standard
LIMIT 10;
\echo Where the data is silent: prefectures without data for a standard (no source covers what it counts; never a gap)
SELECT standard, count(*) AS prefectures,
       CASE WHEN count(*) = (SELECT count(*) FROM palliative.region WHERE level = 'prefecture')
            THEN 'every prefecture: ' || min(data_reason_en)
            ELSE string_agg(region_name || ' ' || region_code, ', ' ORDER BY region_code) END AS regions
FROM palliative.region_coverage
WHERE level = 'prefecture' AND data_status = 'no_data'
GROUP BY standard ORDER BY standard;
\echo Capabilities by where they come from (filing, survey, manual, derived)
SELECT source_kinds AS source, count(*) AS capabilities, count(DISTINCT facility_id) AS facilities,
       count(*) FILTER (WHERE NOT counted) AS not_counted
FROM palliative.facility_capability GROUP BY source_kinds ORDER BY count(*) DESC;
SQL

mkdir -p "$top/report"
report="$top/report/gap_report.html"
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT palliative.gap_report('secondary', 'html')" > "$report"
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT palliative.gap_report('secondary', 'markdown')" > "$top/report/gap_report.md"
echo "wrote the HTML report to report/gap_report.html (and report/gap_report.md)"

echo
echo "connect with:"
echo "  ${connect[*]} -d $db"
