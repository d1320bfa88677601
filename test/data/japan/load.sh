#!/usr/bin/env bash
# load.sh DIR: load the real Japanese data set in DIR (laid out as its
# README.md describes) into the palliative extension of the database that the
# PG* environment variables (or psql's defaults) name.
#
# One transaction: on any error nothing is changed, and the message names the
# file and line.  Extra arguments are passed to psql (e.g. -d mydb).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR [psql options]   (DIR: the data/japan folder)" >&2
  exit 2
fi
dir=$1
shift
if [ ! -d "$dir" ]; then
  echo "load.sh: $dir: no such directory" >&2
  exit 1
fi
dir=$(cd "$dir" && pwd)

files="prefectures_r7.geojson municipalities_n03_2021.geojson r7_prefecture_basic.csv
r7_area_basic.csv r7_facility_geo_linkage.csv r7_facility_functions.csv
municipality_population_2020.csv hokkaido_mesh500_population_2010.csv
hospitals_iryojoho_20250601.csv hokkaido_hospitals_2015.csv"
missing=0
for f in $files; do
  if [ ! -r "$dir/$f" ]; then
    echo "load.sh: $f: missing or unreadable in $dir" >&2
    missing=1
  fi
done
[ $missing -eq 0 ] || exit 1

export PALLIATIVE_LOAD_DIR=$dir PALLIATIVE_LOADER_DIR=$here
start=$(date +%s)
PGCLIENTENCODING=UTF8 psql -X -q -v ON_ERROR_STOP=1 --single-transaction \
  -P pager=off -f "$here/load.sql" "$@"
echo "real-data load: done in $(( $(date +%s) - start )) s"
