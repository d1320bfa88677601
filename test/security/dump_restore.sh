#!/usr/bin/env bash
# Dump and restore: a database with the extension, the sample, two refreshes
# (per-cell results, snapshots, log), a user standard and facility, and a user table with
# capset, meshcode and decay columns is dumped with pg_dump (custom format,
# and plain SQL) and restored into fresh databases.  Every configuration
# table and the user table must come back with identical contents (md5 of
# the rows in key order); region_coverage, a materialized view of the
# extension whose contents pg_dump does not store, must come back identical
# after REFRESH MATERIALIZED VIEW; and refresh() must work afterwards.
set -uo pipefail
src=palliative_dump_src
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $2"; else failed=$((failed + 1)); echo "not ok - $2"; fi; }
q() { local d=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$d" "$@"; }

# md5 of every compared relation, one line each: name md5 rows
fingerprint() {
  q "$1" <<'SQL'
SELECT r.name || ' ' || md5(coalesce(string_agg(r.t, E'\n' ORDER BY r.t), '')) || ' ' || count(r.t)
FROM (
  SELECT 'facility' AS name, f::text AS t FROM palliative.facility f
  UNION ALL SELECT 'region', r::text FROM palliative.region r
  UNION ALL SELECT 'population', p::text FROM palliative.population p
  UNION ALL SELECT 'standard', s::text FROM palliative.standard s
  UNION ALL SELECT 'cell_coverage', c::text FROM palliative.cell_coverage c
  UNION ALL SELECT 'refresh_log', l::text FROM palliative.refresh_log l
  UNION ALL SELECT 'gap_snapshot', g::text FROM palliative.gap_snapshot g
  UNION ALL SELECT 'link', k::text FROM palliative.link k
  UNION ALL SELECT 'region_coverage', v::text FROM palliative.region_coverage v
  UNION ALL SELECT 'user_things', u::text FROM public.user_things u
  UNION ALL SELECT 'sequences', format('%s %s %s', s.sequencename, s.last_value, s.is_called)
            FROM (SELECT sequencename, last_value, last_value IS NOT NULL AS is_called
                  FROM pg_sequences WHERE schemaname IN ('palliative', 'public')) s
) AS r
GROUP BY r.name ORDER BY r.name;
SQL
}

dropdb --if-exists "$src" >/dev/null 2>&1
createdb "$src" || exit 1
q "$src" >/dev/null <<'SQL' || exit 1
SET client_min_messages = warning;
CREATE EXTENSION palliative CASCADE;
SELECT count(*) FROM palliative.load_sample(3);
-- a user standard, a user facility, two refreshes (snapshots, log)
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja,
                                 description_en, facility_kinds, required_all, decay, method, target_share)
VALUES ('user_clinics_8km', '診療所', 'Clinics within 8 km', '診療所', 'clinic', 'x', 'x',
        '{clinic}', '{home_visit}', 'step(4km:1, 8km:0.5)', 'bfca', 0.8);
INSERT INTO palliative.facility (name, kind, capabilities, geom, source)
VALUES ('手入力の診療所', 'clinic', '{home_visit,home_visit_24h}', 'SRID=4326;POINT(140.5 38.2)', 'manual');
SELECT status FROM palliative.refresh(reference_date => '2025-04-01');
SELECT status FROM palliative.refresh(reference_date => '2025-10-01');
-- a user table with the extension's types
CREATE TABLE public.user_things (
    id    integer PRIMARY KEY,
    caps  palliative.capset,
    mesh  palliative.meshcode,
    decay palliative.decay,
    caps_list palliative.capset[]
);
INSERT INTO public.user_things
SELECT i,
       (SELECT palliative.capset_union_agg(f.capabilities) FROM palliative.facility f WHERE f.id % 50 = i % 50),
       palliative.mesh_at(139.5 + i * 0.01, 37.1 + i * 0.005, 1 + i % 6),
       (ARRAY['binary(30km)', 'linear(1.5h)', 'gaussian(60km)', 'exponential(0.1/km, 60km)',
              'power(1.5, 60km)', 'step(10km:1, 20km:0.68, 30km:0.22)', 'step(5min:1, 12.5min:0.25)'])[1 + i % 7]::palliative.decay,
       ARRAY['{pcu}'::palliative.capset, '{}'::palliative.capset, NULL]
FROM generate_series(1, 200) i;
INSERT INTO public.user_things VALUES (0, NULL, NULL, NULL, NULL);
SQL
fingerprint "$src" >"$work/src.fp"

for fmt in custom plain; do
  dst=palliative_dump_$fmt
  dropdb --if-exists "$dst" >/dev/null 2>&1
  createdb "$dst"
  if [ $fmt = custom ]; then
    pg_dump -Fc -f "$work/dump.$fmt" "$src" && pg_restore --exit-on-error -d "$dst" "$work/dump.$fmt" >"$work/restore.$fmt" 2>&1
  else
    pg_dump -f "$work/dump.$fmt" "$src" && psql -X -q -v ON_ERROR_STOP=1 -d "$dst" -f "$work/dump.$fmt" >"$work/restore.$fmt" 2>&1
  fi
  rc=$?
  result $rc "pg_dump ($fmt) restores without error"
  [ $rc -eq 0 ] || head -5 "$work/restore.$fmt"

  # identical contents: the tables at once, region_coverage once refreshed
  fingerprint "$dst" >"$work/dst.fp"
  diff <(grep -v '^region_coverage ' "$work/src.fp") <(grep -v '^region_coverage ' "$work/dst.fp")
  result $? "$fmt: facility, region, population, standard, cell_coverage, refresh_log, gap_snapshot, link, sequences and the user table are identical"
  q "$dst" -c 'REFRESH MATERIALIZED VIEW palliative.region_coverage'
  fingerprint "$dst" >"$work/dst.fp"
  diff <(grep '^region_coverage ' "$work/src.fp") <(grep '^region_coverage ' "$work/dst.fp")
  result $? "$fmt: region_coverage is identical after REFRESH MATERIALIZED VIEW"

  # the restored database works
  out=$(q "$dst" -c 'SET client_min_messages = warning' -c "SELECT status || ' ' || standards_computed FROM palliative.refresh(reference_date => '2026-04-01')")
  [ "$out" = "succeeded 7" ]
  result $? "$fmt: refresh() works after the restore ($out)"
  n=$(q "$dst" -c "SELECT count(DISTINCT reference_date) FROM palliative.gap_snapshot")
  [ "$n" = 3 ]
  result $? "$fmt: the snapshot history goes on (3 reference dates: $n)"
  dropdb "$dst"
done
dropdb "$src"

echo "dump and restore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
