# test/citus/cluster.sh: a throwaway Citus cluster on 127.0.0.1, sourced by
# test/citus/run.sh and test/bench/citus.sh.
#
#   citus_build              build and install Citus from $PALLIATIVE_CITUS_SRC
#                            (tarball + patches) unless the installed citus.so
#                            already is $CITUS_VERSION
#   citus_start              initdb and start a coordinator and two workers,
#                            join them, install palliative; sets CITUS_DIR,
#                            CITUS_PORTS and COORD (psql arguments)
#   citus_stop               stop every node and remove the data directories
#   citus_node_stop PORT     stop one node at once (-m immediate)
#   citus_node_start PORT    start it again
#
# Servers and clients run as the invoking user, or as postgres when invoked as
# root (initdb refuses root).  Every command has a bounded timeout.
# Settings: PG_CONFIG, CITUS_PORT (first of three consecutive ports,
# default 57636), CITUS_SHARDS (default 8).

CITUS_VERSION=13.2.2
CITUS_SHA256=dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430
# as the Makefile: PostgreSQL 15 by default, else whatever pg_config is on PATH
if [ -z "${PG_CONFIG:-}" ]; then
  PG_CONFIG=/usr/lib/postgresql/${PGV:-15}/bin/pg_config
  [ -x "$PG_CONFIG" ] || PG_CONFIG=$(command -v pg_config)
fi
pg_bindir=$("$PG_CONFIG" --bindir)

# run a server-side command as the user that owns the data directories
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

citus_installed_version() {
  local so
  so=$("$PG_CONFIG" --pkglibdir)/citus.so
  [ -f "$so" ] || return 0
  grep -aoE 'Citus [0-9]+\.[0-9]+\.[0-9]+ on ' "$so" | head -n 1 | awk '{ print $2 }'
}

citus_build() {
  local src=$PALLIATIVE_CITUS_SRC tarball build sudo= t0 have
  have=$(citus_installed_version)
  if [ "$have" = "$CITUS_VERSION" ]; then
    echo "citus: installed citus.so is $CITUS_VERSION, not rebuilding"
    return 0
  fi
  tarball=$src/citus-$CITUS_VERSION.tar.gz
  if [ ! -f "$tarball" ]; then
    echo "citus: $tarball is missing" >&2
    return 1
  fi
  if ! echo "$CITUS_SHA256  $tarball" | sha256sum -c --status; then
    echo "citus: $tarball does not have the expected sha256 $CITUS_SHA256" >&2
    return 1
  fi
  "$(dirname "${BASH_SOURCE[0]}")/../scripts/deps.sh" --citus || return 1
  t0=$(date +%s)
  echo "citus: building $CITUS_VERSION (installed: ${have:-none}) into $("$PG_CONFIG" --pkglibdir)"
  build=$(mktemp -d)
  (
    set -e
    cd "$build"
    tar xzf "$tarball"
    cd "citus-$CITUS_VERSION"
    for p in "$src"/*.patch; do
      [ -f "$p" ] || continue
      patch -s -p1 < "$p"
    done
    timeout 120 ./configure -q --without-libcurl PG_CONFIG="$PG_CONFIG" >"$build/configure.log" 2>&1 ||
      { tail -n 30 "$build/configure.log"; exit 1; }
    timeout 1200 make -s -j2 >"$build/make.log" 2>&1 || { tail -n 30 "$build/make.log"; exit 1; }
    [ -w "$("$PG_CONFIG" --pkglibdir)" ] || sudo=sudo
    timeout 300 $sudo make -s install >"$build/install.log" 2>&1 || { tail -n 30 "$build/install.log"; exit 1; }
  )
  local rc=$?
  rm -rf "$build"
  [ $rc -eq 0 ] || { echo "citus: build failed" >&2; return 1; }
  have=$(citus_installed_version)
  if [ "$have" != "$CITUS_VERSION" ]; then
    echo "citus: after the build citus.so reports '${have}', not $CITUS_VERSION" >&2
    return 1
  fi
  echo "citus: built and installed $CITUS_VERSION in $(( $(date +%s) - t0 )) s"
}

# psql against one node: cpsql PORT [psql arguments]
cpsql() {
  local port=$1
  shift
  PGCONNECT_TIMEOUT=10 timeout "${CITUS_PSQL_TIMEOUT:-300}" \
    "$pg_bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

citus_node_start() {
  as_owner timeout 90 "$pg_bindir/pg_ctl" -D "$CITUS_DIR/n$1" -l "$CITUS_DIR/n$1.log" -w -t 60 start >/dev/null
}

citus_node_stop() {
  as_owner timeout 90 "$pg_bindir/pg_ctl" -D "$CITUS_DIR/n$1" -w -t 60 stop -m immediate >/dev/null 2>&1
}

citus_stop() {
  local p
  [ -n "${CITUS_DIR:-}" ] || return 0
  for p in "${CITUS_PORTS[@]}"; do
    [ -f "$CITUS_DIR/n$p/postmaster.pid" ] && citus_node_stop "$p"
  done
  rm -rf "$CITUS_DIR"
  CITUS_DIR=
}

citus_start() {
  local base=${CITUS_PORT:-57636} p
  CITUS_PORTS=("$base" "$((base + 1))" "$((base + 2))")
  CITUS_DIR=$(mktemp -d)
  [ "$(id -u)" -eq 0 ] && chown postgres "$CITUS_DIR"
  for p in "${CITUS_PORTS[@]}"; do
    if "$pg_bindir/pg_isready" -q -h 127.0.0.1 -p "$p" -t 2; then
      echo "citus: port $p is already in use (set CITUS_PORT to the first of three free ports)" >&2
      return 1
    fi
    as_owner timeout 120 "$pg_bindir/initdb" -D "$CITUS_DIR/n$p" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 >"$CITUS_DIR/initdb-$p.log" 2>&1 || { cat "$CITUS_DIR/initdb-$p.log"; return 1; }
    cat >> "$CITUS_DIR/n$p/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CITUS_DIR'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
shared_buffers = 128MB
max_connections = 60
max_worker_processes = 16
citus.node_connection_timeout = '10s'
citus.shard_count = ${CITUS_SHARDS:-8}
CONF
    citus_node_start "$p" || { tail -n 20 "$CITUS_DIR/n$p.log"; return 1; }
    cpsql "$p" -c 'CREATE EXTENSION citus' || return 1
  done
  cpsql "${CITUS_PORTS[0]}" <<SQL >/dev/null || return 1
SELECT pg_catalog.citus_set_coordinator_host('127.0.0.1', ${CITUS_PORTS[0]});
SELECT pg_catalog.citus_add_node('127.0.0.1', ${CITUS_PORTS[1]});
SELECT pg_catalog.citus_add_node('127.0.0.1', ${CITUS_PORTS[2]});
SET client_min_messages = warning;
CREATE EXTENSION palliative CASCADE;
SQL
}
