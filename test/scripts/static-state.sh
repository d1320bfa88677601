#!/usr/bin/env bash
# No mutable file-static or global state in src/: every object (variable)
# the compiled code defines, at file scope or static inside a function, must
# live in a read-only section (.rodata, or .data.rel.ro for constant tables
# of pointers, which the loader makes read-only after relocation).  A
# variable in .data, .bss or their thread-local and relocated forms can be
# written, so two calls (one inside the other's inner query, say) could
# share it: the check fails and names it.
#   test/scripts/static-state.sh [OBJECT...]   (default: every src/**/*.o)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

# objects in writable sections: "file section symbol"
writable() {
  local f
  for f in "$@"; do
    objdump -t "$f" | awk -v f="$f" '
      $0 ~ / O / {
        sec = $(NF - 2); sym = $NF
        if (sec ~ /^\.(rodata|data\.rel\.ro)/) next
        if (sec ~ /^\.(data|bss|tdata|tbss)/ || sec == "*COM*") print f, sec, sym
      }'
  done
}

# the check can fail: a file with a mutable static and a mutable global pointer
self=$(mktemp -d)
trap 'rm -rf "$self"' EXIT
cat > "$self/t.c" <<'C'
static int counter;
const char *name = "x";
static const char *const fixed[] = {"a", "b"};
int bump(void) { static long calls; return ++counter + (int) ++calls + (fixed[0] == name); }
C
cc -c -fPIC -O1 -o "$self/t.o" "$self/t.c"
found=$(writable "$self/t.o" | awk '{print $3}' | sed 's/\..*//' | sort | tr '\n' ' ')
if [ "$found" != "calls counter name " ]; then
  echo "not ok - the check finds mutable statics in a test file (found: $found; expected: calls counter name)"
  exit 1
fi

if [ $# -eq 0 ]; then
  mapfile -t objs < <(find src -name '*.o' | sort)
else
  objs=("$@")
fi
if [ ${#objs[@]} -eq 0 ]; then
  echo "not ok - no objects under src/: build first (make)"
  exit 1
fi
bad=$(writable "${objs[@]}")
total=$(for f in "${objs[@]}"; do objdump -t "$f" | grep -c ' O '; done | awk '{s += $1} END {print s}')
if [ -n "$bad" ]; then
  echo "not ok - mutable static or global state in src/ (file, section, symbol):"
  printf '  %s\n' "$bad"
  exit 1
fi
echo "ok - no mutable static or global state: ${#objs[@]} objects, $total variables, all read-only"
