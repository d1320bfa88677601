#!/usr/bin/env bash
# One way in: the rules issue 10 set, checked in the source.
#   - only the reader (src/reader.c) fetches rows of inner queries
#     (SPI_cursor_fetch) and parses points (pal_ewkb_read_point);
#   - the accepted lon/lat SRIDs are written in exactly one place in
#     src/core (pal_srid_is_lonlat), and so is the time-decay rule
#     (pal_decay_check_costs): nobody else compares an SRID with 4326, 6668
#     or 4612, or calls pal_decay_is_time to refuse a decay.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
failed=0
check() {  # check DESCRIPTION PATTERN ALLOWED_FILE...
  local what=$1 pattern=$2; shift 2
  local hits
  hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" src | grep -vE "^($(IFS='|'; echo "$*")):" || true)
  if [ -n "$hits" ]; then
    echo "not ok - $what, outside $*:"
    printf '  %s\n' "$hits"
    failed=1
  else
    echo "ok - $what only in $*"
  fi
}
check "SPI_cursor_fetch (reading inner queries)" 'SPI_cursor_fetch' src/reader.c
check "pal_ewkb_read_point (parsing points)" 'pal_ewkb_read_point\(' src/reader.c src/core/types/ewkb.c src/core/types/ewkb.h
check "the lon/lat SRIDs (compared or defined)" '(==|!=)[[:space:]]*(4326|6668|4612)\b|#define[[:space:]]+[A-Za-z_0-9]+[[:space:]]+(4326|6668|4612)\b' src/core/engine/points.c src/core/engine/points.h
check "the time-decay rule" 'pal_decay_is_time\(' src/core/types/decay.c src/core/types/decay.h src/decay.c
exit $failed
