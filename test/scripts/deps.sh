#!/usr/bin/env bash
# Installs the Debian packages that building, testing and the demo need,
# when they are missing.  Run as root (or with sudo available).
#   test/scripts/deps.sh            what building, the demo and the core tests need
#   test/scripts/deps.sh --test     also what the client tests need (make test)
#   test/scripts/deps.sh --citus    also what building Citus for the cluster tests needs
#   test/scripts/deps.sh EXTRA...   also these packages
set -euo pipefail

PGV=${PGV:-15}
packages=(
  make gcc libc6-dev perl
  "postgresql-$PGV" "postgresql-server-dev-$PGV" "postgresql-$PGV-postgis-3"
  "postgresql-$PGV-pgtap" libtap-parser-sourcehandler-pgtap-perl
  postgresql-common libcmocka-dev
  xlsx2csv
)
# building Citus from source (test/citus): compression and GSSAPI headers
citus_packages=(patch liblz4-dev libzstd-dev libkrb5-dev)
if [ "${1:-}" = "--citus" ]; then
  shift
  packages+=("${citus_packages[@]}")
elif [ "${1:-}" = "--test" ]; then
  shift
  packages+=("${citus_packages[@]}")
  # client tests: pg_cron, JDBC (BI tools), psycopg2 (web maps), Chromium (the HTML report and
  # its PDF), poppler-utils (pdftotext reads the PDF)
  packages+=("postgresql-$PGV-cron" libpostgresql-jdbc-java default-jdk-headless python3-psycopg2
             chromium fonts-noto-cjk poppler-utils)
  # sanitizers, valgrind and libFuzzer for the core; random SQL
  packages+=(clang libclang-rt-14-dev valgrind sqlsmith)
  # GLPK's glpsol: the independent LP solver the capacity allocation is checked against
  packages+=(glpk-utils)
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing missing packages: ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "error: these Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
