#!/usr/bin/env bash
# Benchmark of palliative.strengthen: k = 50 over 100,000 demand cells and
# 5,000 candidates, the lazy greedy against the plain greedy in the same run
# (same data, same plan).  Usage: test/bench/strengthen.sh DBNAME (PG* set;
# test/scripts/bench.sh calls it inside its throwaway cluster).
set -euo pipefail
db=${1:?database name}
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

"${PSQL[@]}" >/dev/null <<'SQL'
SET client_min_messages = warning;
DELETE FROM palliative.standard WHERE name = 'bench_strengthen';
DELETE FROM palliative.facility WHERE source = 'bench_strengthen';
DELETE FROM palliative.population WHERE source = 'bench_strengthen';
SELECT setseed(0.7);
-- 100,000 cells over about 440 km x 360 km: half around 40 towns, half spread out
CREATE TEMP TABLE town AS
SELECT g AS t, 137.5 + 4 * random() AS lon, 34.5 + 4 * random() AS lat FROM generate_series(1, 40) g;
INSERT INTO palliative.population (geom, year, total, source)
SELECT public.ST_SetSRID(public.ST_MakePoint(
           CASE WHEN g % 2 = 0 THEN 137.5 + 4 * random() ELSE tw.lon + 0.15 * (random() + random() - 1) END,
           CASE WHEN g % 2 = 0 THEN 34.5 + 4 * random() ELSE tw.lat + 0.15 * (random() + random() - 1) END), 4326),
       2020, 1 + floor(random() * 400), 'bench_strengthen'
FROM generate_series(1, 100000) g
JOIN town tw ON tw.t = 1 + g % 40;
-- 5,000 candidate clinics and 20 that meet the standard today
INSERT INTO palliative.facility (name, kind, capabilities, geom, source)
SELECT 'bench clinic ' || g, 'clinic', CASE WHEN g <= 20 THEN '{respite}'::palliative.capset ELSE '{}' END,
       public.ST_SetSRID(public.ST_MakePoint(137.5 + 4 * random(), 34.5 + 4 * random()), 4326), 'bench_strengthen'
FROM generate_series(1, 5020) g;
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, demand_source)
VALUES ('bench_strengthen', 'ベンチ', 'bench', 'ベンチ', 'bench', 'ベンチ', 'bench',
        '{clinic}', '{respite}', 'binary(16km)', 'gravity', 'bench_strengthen');
ANALYZE palliative.population;
ANALYZE palliative.facility;
SQL

# run one greedy in a fresh backend; print "seconds md5-of-plan rows final-share"
run() {
  "${PSQL[@]}" <<SQL
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE plan AS
SELECT * FROM palliative.strengthen('bench_strengthen', 50,
    'SELECT id FROM palliative.facility WHERE source = ''bench_strengthen'' AND NOT capabilities OPERATOR(palliative.@>) ''{respite}''',
    '$1');
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric(10,2) || ' ' ||
       md5(string_agg(step || ':' || facility_id || ':' || newly_covered, ',' ORDER BY step)) || ' ' ||
       count(*) || ' ' || round(max(covered_share)::numeric, 4)
FROM plan;
SQL
}

status=0
for km in 16 30; do
  "${PSQL[@]}" -c "UPDATE palliative.standard SET decay = 'binary(${km}km)' WHERE name = 'bench_strengthen'"
  read -r lazy_s lazy_md5 lazy_rows lazy_share < <(run lazy)
  read -r plain_s plain_md5 plain_rows plain_share < <(run plain)
  same=no
  [ "$lazy_md5" = "$plain_md5" ] && same=yes
  [ "$same" = yes ] || status=1
  echo "strengthen k=50, 100000 demand cells x 5000 candidates, binary(${km}km): lazy ${lazy_s} s, plain ${plain_s} s, ratio $(calc '%.1fx' "$plain_s / $lazy_s"); ${lazy_rows} steps, covered share after ${lazy_share}; identical plans: ${same}"
done

"${PSQL[@]}" >/dev/null <<'SQL'
DELETE FROM palliative.standard WHERE name = 'bench_strengthen';
DELETE FROM palliative.facility WHERE source = 'bench_strengthen';
DELETE FROM palliative.population WHERE source = 'bench_strengthen';
SQL
exit $status
