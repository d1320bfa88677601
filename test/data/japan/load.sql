-- Real Japanese data loader: see README.md beside this file.
--
-- Run through load.sh (psql -v ON_ERROR_STOP=1 --single-transaction), which
-- sets PALLIATIVE_LOAD_DIR (the data folder) and PALLIATIVE_LOADER_DIR (this
-- folder) for the \copy ... FROM PROGRAM below.  The files are read on the
-- client, so the server never needs access to the data folder.
--
-- Every file is first read as raw lines (file, line number, text) into a
-- temporary table, then parsed here with explicit checks; each check raises an
-- error that names FILE:LINE.  Nothing outside pg_temp is touched until every
-- file has parsed; the whole run is one transaction.

\set ON_ERROR_STOP 1
-- results of the checks below are empty; the summary at the end is printed
\o /dev/null
SET client_min_messages = warning;
SET client_encoding = 'UTF8';
SET LOCAL search_path = pg_catalog, public, pg_temp;

DO $$
BEGIN
    IF pg_catalog.current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'real-data loader: the database encoding is %, it must be UTF8',
            pg_catalog.current_setting('server_encoding');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'palliative') THEN
        RAISE EXCEPTION 'real-data loader: the palliative extension is not installed in this database'
            USING HINT = 'Run CREATE EXTENSION palliative CASCADE first.';
    END IF;
END
$$;

-- ---------------------------------------------------------------------------
-- Helpers (temporary: they vanish with the session)

-- Split one CSV record (RFC 4180: quotes doubled inside quoted fields).
CREATE FUNCTION pg_temp.csv_split(t text, loc text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
    parts text[];
BEGIN
    IF pg_catalog.strpos(t, '"') = 0 THEN
        RETURN pg_catalog.string_to_array(t, ',');
    END IF;
    SELECT pg_catalog.array_agg(r.m[1] ORDER BY r.o) INTO parts
    FROM pg_catalog.regexp_matches(t || ',', '("(?:[^"]|"")*"|[^,"]*),', 'g') WITH ORDINALITY AS r(m, o);
    IF parts IS NULL OR pg_catalog.array_to_string(parts, ',') IS DISTINCT FROM t THEN
        RAISE EXCEPTION '%: malformed CSV record (a quote inside an unquoted field, or text after a closing quote)', loc;
    END IF;
    RETURN (SELECT pg_catalog.array_agg(CASE WHEN u.p LIKE '"%'
                                             THEN pg_catalog.replace(pg_catalog.substr(u.p, 2, pg_catalog.length(u.p) - 2), '""', '"')
                                             ELSE u.p END ORDER BY u.o)
            FROM pg_catalog.unnest(parts) WITH ORDINALITY AS u(p, o));
END
$f$;

-- A whole number; '' gives NULL when empty_ok, else an error.
CREATE FUNCTION pg_temp.int_field(v text, loc text, what text, empty_ok boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
    IF v IS NULL OR v = '' THEN
        IF empty_ok THEN RETURN NULL; END IF;
        RAISE EXCEPTION '%: % is empty', loc, what;
    END IF;
    IF v !~ '^[0-9]{1,15}$' THEN
        RAISE EXCEPTION '%: % is not a whole number: "%"', loc, what, v;
    END IF;
    RETURN v::bigint;
END
$f$;

-- A code of exactly n digits (leading zeros kept).
CREATE FUNCTION pg_temp.code_field(v text, loc text, what text, n integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
    IF v IS NULL OR v !~ ('^[0-9]{' || n || '}$') THEN
        RAISE EXCEPTION '%: % must be % digits, found "%"', loc, what, n, coalesce(v, '');
    END IF;
    RETURN v;
END
$f$;

-- A point from text longitude and latitude.  Unparseable numbers and points
-- outside Japan (longitude 122-154, latitude 20-46) are errors.  0/0 means
-- "not geocoded" in the hospital list and gives NULL when zero_ok.
CREATE FUNCTION pg_temp.point_field(lon text, lat text, loc text, zero_ok boolean DEFAULT false)
RETURNS public.geometry
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
    x double precision;
    y double precision;
BEGIN
    IF lon IS NULL OR lon !~ '^\s*-?[0-9]{1,3}(\.[0-9]+)?\s*$' THEN
        RAISE EXCEPTION '%: unparseable longitude "%"', loc, coalesce(lon, '');
    END IF;
    IF lat IS NULL OR lat !~ '^\s*-?[0-9]{1,3}(\.[0-9]+)?\s*$' THEN
        RAISE EXCEPTION '%: unparseable latitude "%"', loc, coalesce(lat, '');
    END IF;
    x := lon::double precision;
    y := lat::double precision;
    IF zero_ok AND x = 0 AND y = 0 THEN
        RETURN NULL;
    END IF;
    IF x NOT BETWEEN 122 AND 154 OR y NOT BETWEEN 20 AND 46 THEN
        RAISE EXCEPTION '%: coordinate (lon %, lat %) is outside Japan', loc, lon, lat;
    END IF;
    RETURN public.ST_SetSRID(public.ST_MakePoint(x, y), 4326);
END
$f$;

-- A GeoJSON geometry as a MultiPolygon in SRID 4326, checked to lie in Japan.
CREATE FUNCTION pg_temp.polygon_field(g jsonb, loc text) RETURNS public.geometry
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
    r public.geometry;
BEGIN
    IF g IS NULL OR pg_catalog.jsonb_typeof(g) <> 'object'
       OR g->>'type' NOT IN ('Polygon', 'MultiPolygon') THEN
        RAISE EXCEPTION '%: geometry must be a Polygon or MultiPolygon, found %', loc,
            coalesce(g->>'type', 'none');
    END IF;
    BEGIN
        r := public.ST_SetSRID(public.ST_GeomFromGeoJSON(g::text), 4326);
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION '%: unparseable geometry: %', loc, SQLERRM;
    END;
    IF public.ST_XMin(r) < 122 OR public.ST_XMax(r) > 154
       OR public.ST_YMin(r) < 20 OR public.ST_YMax(r) > 46 THEN
        RAISE EXCEPTION '%: geometry lies outside Japan (bounding box %)', loc, public.Box2D(r);
    END IF;
    IF NOT public.ST_IsValid(r) THEN
        r := public.ST_CollectionExtract(public.ST_MakeValid(r), 3);
    END IF;
    RETURN public.ST_Multi(r);
END
$f$;

-- Stop with the message when the query returns a row (its first column).
CREATE FUNCTION pg_temp.fail_if(q text) RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE
    msg text;
BEGIN
    EXECUTE q INTO msg;
    IF msg IS NOT NULL THEN
        RAISE EXCEPTION '%', msg;
    END IF;
END
$f$;

-- Normalized name keys of a facility for linking two lists: NFKC, without
-- spaces, and the same again without a leading legal-entity designation
-- (医療法人社団X会, 社会医療法人X, 独立行政法人..., (医)X会 ...).
CREATE FUNCTION pg_temp.name_keys(n text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
    WITH s AS (SELECT pg_catalog.btrim(pg_catalog.normalize(coalesce(n, ''), 'NFKC')) AS t),
    k AS (
        SELECT pg_catalog.regexp_replace(s.t, '\s', '', 'g') AS key FROM s
        UNION
        -- "<legal entity> <name>": drop the first space-separated word
        SELECT pg_catalog.regexp_replace(pg_catalog.regexp_replace(s.t,
                   '^(\(医\)|\S*法人)\S*\s+', ''), '\s', '', 'g') FROM s
        WHERE s.t ~ '^(\(医\)|\S*法人)\S*\s+'
        UNION
        -- "<legal entity>X会<name>" written without a space
        SELECT pg_catalog.regexp_replace(pg_catalog.regexp_replace(s.t, '\s', '', 'g'),
                   '^(\(医\)|(社会|特定|一般|公益)?(医療|社団|財団|福祉)?法人(社団|財団)?)[^会団]{0,12}?[会団]', '') FROM s
    )
    SELECT pg_catalog.array_agg(DISTINCT k.key) FROM k WHERE k.key <> '';
$f$;

-- ---------------------------------------------------------------------------
-- 1. Raw lines of every file

CREATE TEMP TABLE raw (file text NOT NULL, n integer NOT NULL, line text NOT NULL);
\copy pg_temp.raw (file, n, line) FROM PROGRAM 'perl "$PALLIATIVE_LOADER_DIR/lines.pl" "$PALLIATIVE_LOAD_DIR" prefectures_r7.geojson municipalities_n03_2021.geojson r7_prefecture_basic.csv r7_area_basic.csv r7_facility_geo_linkage.csv r7_facility_functions.csv municipality_population_2020.csv hokkaido_mesh500_population_2010.csv hospitals_iryojoho_20250601.csv hokkaido_hospitals_2015.csv'
CREATE INDEX ON pg_temp.raw (file, n);
ANALYZE pg_temp.raw;

-- the UTF-8 byte-order mark some files start with
UPDATE pg_temp.raw SET line = pg_catalog.substr(line, 2)
WHERE n = 1 AND pg_catalog.left(line, 1) = pg_catalog.chr(65279);

-- ---------------------------------------------------------------------------
-- 2. CSV records: physical lines joined while a quoted field is open; a record
--    is named by the line it starts on.

CREATE TEMP TABLE csvfile (file text PRIMARY KEY, header text[], columns integer NOT NULL);
INSERT INTO pg_temp.csvfile VALUES
('r7_prefecture_basic.csv', '{published_fy,pref_code,pref_name,population_2020,population_2020_source_value,population_2020_source_unit,area_2020_km2}', 7),
('r7_area_basic.csv', '{published_fy,pref_code,pref_name,area_code,area_name,population_2020,population_2020_source_value,population_2020_source_unit,area_2020_km2,outflow_rate,outflow_rate_source_value,inflow_rate,inflow_rate_source_value,net_flow_rate,net_flow_rate_source_value}', 15),
('r7_facility_geo_linkage.csv', '{record_id,area_code,facility_name,facility_name_normalized,municipality,match_status,match_method,reason_code,candidate_count,match_score,p04_feature_index,p04_name,p04_name_normalized,p04_category,p04_address,p04_municipality,p04_beds,longitude,latitude}', 19),
('r7_facility_functions.csv', '{published_fy,pref_code,pref_name,area_code,area_name,record_id,function_name,source_literal}', 8),
('municipality_population_2020.csv', '{area_code,area_name,population}', 3),
('hokkaido_mesh500_population_2010.csv', NULL, 5),
('hospitals_iryojoho_20250601.csv',
 '{ID,正式名称,正式名称（フリガナ）,略称,略称（フリガナ）,英語表記（ローマ字表記）,機関区分,都道府県コード,市区町村コード,所在地,所在地座標（緯度）,所在地座標（経度）,案内用ホームページアドレス,毎週決まった曜日に休診（月）,毎週決まった曜日に休診（火）,毎週決まった曜日に休診（水）,毎週決まった曜日に休診（木）,毎週決まった曜日に休診（金）,毎週決まった曜日に休診（土）,毎週決まった曜日に休診（日）,決まった週に休診（定期週）第1週（月）,決まった週に休診（定期週）第1週（火）,決まった週に休診（定期週）第1週（水）,決まった週に休診（定期週）第1週（木）,決まった週に休診（定期週）第1週（金）,決まった週に休診（定期週）第1週（土）,決まった週に休診（定期週）第1週（日）,決まった週に休診（定期週）第2週（月）,決まった週に休診（定期週）第2週（火）,決まった週に休診（定期週）第2週（水）,決まった週に休診（定期週）第2週（木）,決まった週に休診（定期週）第2週（金）,決まった週に休診（定期週）第2週（土）,決まった週に休診（定期週）第2週（日）,決まった週に休診（定期週）第3週（月）,決まった週に休診（定期週）第3週（火）,決まった週に休診（定期週）第3週（水）,決まった週に休診（定期週）第3週（木）,決まった週に休診（定期週）第3週（金）,決まった週に休診（定期週）第3週（土）,決まった週に休診（定期週）第3週（日）,決まった週に休診（定期週）第4週（月）,決まった週に休診（定期週）第4週（火）,決まった週に休診（定期週）第4週（水）,決まった週に休診（定期週）第4週（木）,決まった週に休診（定期週）第4週（金）,決まった週に休診（定期週）第4週（土）,決まった週に休診（定期週）第4週（日）,決まった週に休診（定期週）第5週（月）,決まった週に休診（定期週）第5週（火）,決まった週に休診（定期週）第5週（水）,決まった週に休診（定期週）第5週（木）,決まった週に休診（定期週）第5週（金）,決まった週に休診（定期週）第5週（土）,決まった週に休診（定期週）第5週（日）,祝日に休診,その他の休診日（gw、お盆等）,一般病床,療養病床,療養病床のうち医療保険適用,療養病床のうち介護保険適用,精神病床,結核病床,感染症病床,合計病床数}', 65),
('hokkaido_hospitals_2015.csv', '{id,<病院（保健所別） H27.10.1現在>,hospital_name,開設許可年月日,開設年月日,postal_num,address,開設者コード,開　設　者,管　理　者,services,emergency,phone_number,latitude,longtitude,sickbed_num,general,recuperation,psychosis,tuberculosis,infected,matanity_delivery,brain_ambulance}', 23);

CREATE TEMP TABLE rec AS
WITH q AS (
    SELECT r.file, r.n, r.line,
           (pg_catalog.length(r.line) - pg_catalog.length(pg_catalog.replace(r.line, '"', ''))) % 2 AS odd
    FROM pg_temp.raw AS r JOIN pg_temp.csvfile USING (file)
), s AS (
    SELECT q.*, coalesce(sum(q.odd) OVER (PARTITION BY q.file ORDER BY q.n
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) % 2 AS inside
    FROM q
), g AS (
    SELECT s.*, sum(1 - s.inside) OVER (PARTITION BY s.file ORDER BY s.n) AS recno
    FROM s
)
SELECT g.file, pg_catalog.min(g.n) AS line,
       pg_catalog.string_agg(g.line, E'\n' ORDER BY g.n) AS text
FROM g
GROUP BY g.file, g.recno;

SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: unterminated quoted field (the quote opened here is never closed)', file, line)
    FROM pg_temp.rec
    WHERE (pg_catalog.length(text) - pg_catalog.length(pg_catalog.replace(text, '"', ''))) % 2 = 1
    ORDER BY file, line LIMIT 1 $q$);

-- blank lines are skipped; a file with no records at all is an error
DELETE FROM pg_temp.rec WHERE pg_catalog.btrim(text) = '';
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s: the file is empty', c.file)
    FROM pg_temp.csvfile AS c
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.rec AS r WHERE r.file = c.file)
    ORDER BY 1 LIMIT 1 $q$);

ALTER TABLE pg_temp.rec ADD COLUMN f text[];
UPDATE pg_temp.rec SET f = pg_temp.csv_split(text, file || ':' || line);

-- the first record of each file: the header (or, in the mesh file, data)
ALTER TABLE pg_temp.rec ADD COLUMN is_first boolean;
UPDATE pg_temp.rec AS r SET is_first = (r.line = m.first)
FROM (SELECT file, pg_catalog.min(line) AS first FROM pg_temp.rec GROUP BY file) AS m
WHERE m.file = r.file;

-- header check: the first record must be the expected header
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: unexpected header: expected "%s", found "%s"', r.file, r.line,
                             pg_catalog.array_to_string(c.header, ','), pg_catalog.array_to_string(r.f, ','))
    FROM pg_temp.rec AS r JOIN pg_temp.csvfile AS c USING (file)
    WHERE c.header IS NOT NULL AND r.is_first AND r.f IS DISTINCT FROM c.header
    ORDER BY r.file LIMIT 1 $q$);
-- the mesh file has no header: its first record must already be data
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: expected data (this file has no header), found "%s"', r.file, r.line, r.text)
    FROM pg_temp.rec AS r
    WHERE r.file = 'hokkaido_mesh500_population_2010.csv' AND r.is_first AND r.text !~ '^[0-9]' $q$);
DELETE FROM pg_temp.rec AS r USING pg_temp.csvfile AS c
WHERE r.file = c.file AND c.header IS NOT NULL AND r.is_first;

SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: expected %s fields, found %s', r.file, r.line, c.columns,
                             coalesce(pg_catalog.array_length(r.f, 1), 0))
    FROM pg_temp.rec AS r JOIN pg_temp.csvfile AS c USING (file)
    WHERE coalesce(pg_catalog.array_length(r.f, 1), 0) <> c.columns
    ORDER BY r.file, r.line LIMIT 1 $q$);
CREATE INDEX ON pg_temp.rec (file);
ANALYZE pg_temp.rec;

-- duplicate keys: name both lines
CREATE FUNCTION pg_temp.check_unique(p_file text, key_sql text, what text) RETURNS void
LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM pg_temp.fail_if(pg_catalog.format($q$
        SELECT pg_catalog.format('%%s:%%s: duplicate %s "%%s" (first at line %%s)', file, line, k, first)
        FROM (SELECT file, line, k,
                     pg_catalog.min(line) OVER (PARTITION BY k) AS first
              FROM (SELECT file, line, (%s) AS k FROM pg_temp.rec WHERE file = %L) AS a) AS b
        WHERE line <> first
        ORDER BY line LIMIT 1 $q$, what, key_sql, p_file));
END
$f$;

-- ---------------------------------------------------------------------------
-- 3. Typed staging, file by file

-- prefectures: population 2020 (R7 publication)
CREATE TEMP TABLE s_pref AS
SELECT r.file, r.line,
       pg_temp.code_field(r.f[2], r.file || ':' || r.line, 'pref_code', 2) AS code,
       r.f[3] AS name_ja,
       pg_temp.int_field(r.f[4], r.file || ':' || r.line, 'population_2020') AS population
FROM pg_temp.rec AS r
WHERE r.file = 'r7_prefecture_basic.csv' AND r.f[1] = 'R7' AND r.f[2] <> '00';
SELECT FROM pg_temp.check_unique('r7_prefecture_basic.csv', $k$CASE WHEN f[1] = 'R7' THEN f[2] ELSE line::text END$k$, 'prefecture code');

-- secondary medical areas of R7 with their 2020 population
CREATE TEMP TABLE s_area AS
SELECT r.file, r.line,
       pg_temp.code_field(r.f[4], r.file || ':' || r.line, 'area_code', 4) AS code,
       pg_temp.code_field(r.f[2], r.file || ':' || r.line, 'pref_code', 2) AS pref_code,
       r.f[5] AS name_ja,
       pg_temp.int_field(r.f[6], r.file || ':' || r.line, 'population_2020') AS population
FROM pg_temp.rec AS r
WHERE r.file = 'r7_area_basic.csv' AND r.f[1] = 'R7';
SELECT FROM pg_temp.check_unique('r7_area_basic.csv', $k$CASE WHEN f[1] = 'R7' THEN f[4] ELSE line::text END$k$, 'area code');
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: area code %s does not start with its prefecture code %s', file, line, code, pref_code)
    FROM pg_temp.s_area WHERE pg_catalog.left(code, 2) <> pref_code ORDER BY line LIMIT 1 $q$);

-- hospitals of the bed-function report, with area and (when matched) location
CREATE TEMP TABLE s_link AS
SELECT r.file, r.line,
       r.f[1] AS record_id,
       pg_temp.code_field(r.f[2], r.file || ':' || r.line, 'area_code', 4) AS area_code,
       r.f[3] AS facility_name,
       r.f[5] AS municipality,
       r.f[6] AS match_status,
       CASE WHEN r.f[18] = '' AND r.f[19] = '' THEN NULL
            ELSE pg_temp.point_field(r.f[18], r.f[19], r.file || ':' || r.line) END AS geom
FROM pg_temp.rec AS r
WHERE r.file = 'r7_facility_geo_linkage.csv';
SELECT FROM pg_temp.check_unique('r7_facility_geo_linkage.csv', 'f[1]', 'record_id');
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: record_id is empty', file, line)
    FROM pg_temp.s_link WHERE record_id = '' ORDER BY line LIMIT 1 $q$);

-- designations per record
CREATE TEMP TABLE s_func AS
SELECT r.file, r.line, r.f[6] AS record_id, r.f[7] AS function_name
FROM pg_temp.rec AS r
WHERE r.file = 'r7_facility_functions.csv' AND r.f[1] = 'R7';
SELECT FROM pg_temp.check_unique('r7_facility_functions.csv', $k$CASE WHEN f[1] = 'R7' THEN f[6] || ' ' || f[7] ELSE line::text END$k$, 'record_id and function');
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: record_id "%s" is not in r7_facility_geo_linkage.csv', f.file, f.line, f.record_id)
    FROM pg_temp.s_func AS f
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.s_link AS l WHERE l.record_id = f.record_id)
    ORDER BY f.line LIMIT 1 $q$);

-- census 2020 population by municipality (empty: no residents, e.g. 07546 双葉町)
CREATE TEMP TABLE s_munipop AS
SELECT r.file, r.line,
       pg_temp.code_field(r.f[1], r.file || ':' || r.line, 'area_code', 5) AS code,
       r.f[2] AS name_ja,
       coalesce(pg_temp.int_field(r.f[3], r.file || ':' || r.line, 'population', true), 0) AS population
FROM pg_temp.rec AS r
WHERE r.file = 'municipality_population_2020.csv';
SELECT FROM pg_temp.check_unique('municipality_population_2020.csv', 'f[1]', 'municipality code');

-- Hokkaido 500 m mesh population 2010
CREATE TEMP TABLE s_mesh AS
SELECT r.file, r.line,
       pg_temp.code_field(r.f[1], r.file || ':' || r.line, 'mesh code', 9) AS code,
       pg_temp.int_field(r.f[2], r.file || ':' || r.line, 'population') AS population
FROM pg_temp.rec AS r
WHERE r.file = 'hokkaido_mesh500_population_2010.csv';
SELECT FROM pg_temp.check_unique('hokkaido_mesh500_population_2010.csv', 'f[1]', 'mesh code');
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: "%s" is not a 500 m (level 4) mesh code: the 10 km digits must be 0-7 and the last digit 1-4', file, line, code)
    FROM pg_temp.s_mesh WHERE code !~ '^[0-9]{4}[0-7]{2}[0-9]{2}[1-4]$' ORDER BY line LIMIT 1 $q$);

-- every hospital in Japan (MHLW, 2025-06-01)
CREATE TEMP TABLE s_hosp AS
SELECT r.file, r.line,
       r.f[1] AS national_id,
       r.f[2] AS name, r.f[4] AS short_name,
       pg_temp.code_field(r.f[8], r.file || ':' || r.line, '都道府県コード', 2) AS pref_code,
       pg_temp.code_field(r.f[8], r.file || ':' || r.line, '都道府県コード', 2)
         || pg_temp.code_field(r.f[9], r.file || ':' || r.line, '市区町村コード', 3) AS muni_code,
       r.f[10] AS address,
       pg_temp.point_field(r.f[12], r.f[11], r.file || ':' || r.line, true) AS geom,
       coalesce(pg_temp.int_field(r.f[58], r.file || ':' || r.line, '一般病床', true), 0) AS general_beds,
       coalesce(pg_temp.int_field(r.f[59], r.file || ':' || r.line, '療養病床', true), 0) AS ltc_beds
FROM pg_temp.rec AS r
WHERE r.file = 'hospitals_iryojoho_20250601.csv';
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s:%s: ID "%s" is not a code of letters and digits', file, line, national_id)
    FROM pg_temp.s_hosp WHERE national_id !~ '^[0-9A-Za-z]{1,20}$' ORDER BY line LIMIT 1 $q$);
SELECT FROM pg_temp.check_unique('hospitals_iryojoho_20250601.csv', 'f[1]', 'ID');

-- Hokkaido hospitals 2015 with their departments
CREATE TEMP TABLE s_hok AS
SELECT r.file, r.line,
       pg_temp.int_field(r.f[1], r.file || ':' || r.line, 'id') AS id,
       r.f[3] AS name,
       r.f[7] AS address,
       r.f[11] AS services,
       pg_temp.point_field(r.f[15], r.f[14], r.file || ':' || r.line) AS geom
FROM pg_temp.rec AS r
WHERE r.file = 'hokkaido_hospitals_2015.csv';
SELECT FROM pg_temp.check_unique('hokkaido_hospitals_2015.csv', 'f[1]', 'id');

-- GeoJSON: one document per file; features numbered from 1, and located by
-- line when the file puts one feature on each line
CREATE FUNCTION pg_temp.geojson_features(p_file text)
RETURNS TABLE (ord integer, loc text, properties jsonb, geometry jsonb)
LANGUAGE plpgsql AS $f$
DECLARE
    doc jsonb;
    nfeat integer;
    nlines integer;
BEGIN
    BEGIN
        SELECT pg_catalog.string_agg(r.line, E'\n' ORDER BY r.n)::jsonb INTO doc
        FROM pg_temp.raw AS r WHERE r.file = p_file;
    EXCEPTION WHEN invalid_text_representation THEN
        RAISE EXCEPTION '%: not valid JSON: %', p_file, SQLERRM;
    END;
    IF doc IS NULL THEN
        RAISE EXCEPTION '%: the file is empty', p_file;
    END IF;
    IF doc->>'type' IS DISTINCT FROM 'FeatureCollection'
       OR pg_catalog.jsonb_typeof(doc->'features') IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION '%:1: not a GeoJSON FeatureCollection', p_file;
    END IF;
    nfeat := pg_catalog.jsonb_array_length(doc->'features');
    SELECT pg_catalog.count(*) INTO nlines FROM pg_temp.raw AS r
    WHERE r.file = p_file AND r.line ~ '^\s*\{\s*"type"\s*:\s*"Feature"\s*,';
    RETURN QUERY
    WITH fl AS (
        SELECT r.n, pg_catalog.row_number() OVER (ORDER BY r.n) AS k
        FROM pg_temp.raw AS r
        WHERE nlines = nfeat AND r.file = p_file AND r.line ~ '^\s*\{\s*"type"\s*:\s*"Feature"\s*,'
    )
    SELECT e.o::integer,
           CASE WHEN fl.n IS NOT NULL THEN pg_catalog.format('%s:%s', p_file, fl.n)
                ELSE pg_catalog.format('%s: feature %s', p_file, e.o) END,
           e.v->'properties', e.v->'geometry'
    FROM pg_catalog.jsonb_array_elements(doc->'features') WITH ORDINALITY AS e(v, o)
    LEFT JOIN fl ON fl.k = e.o;
END
$f$;

CREATE TEMP TABLE s_prefgeom AS
SELECT g.ord, g.loc,
       pg_temp.code_field(g.properties->>'pref_code', g.loc, 'pref_code', 2) AS code,
       g.properties->>'pref_name' AS name_ja,
       pg_temp.polygon_field(g.geometry, g.loc) AS geom
FROM pg_temp.geojson_features('prefectures_r7.geojson') AS g;
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s: duplicate prefecture code "%s" (first at %s)', loc, code, first)
    FROM (SELECT loc, code, ord, pg_catalog.first_value(loc) OVER w AS first, pg_catalog.row_number() OVER w AS k
          FROM pg_temp.s_prefgeom WINDOW w AS (PARTITION BY code ORDER BY ord)) AS a
    WHERE k > 1 ORDER BY ord LIMIT 1 $q$);

-- municipalities (N03): features without a code (所属未定地, land of no
-- municipality) are counted and left out
CREATE TEMP TABLE s_munigeom AS
SELECT g.ord, g.loc,
       CASE WHEN g.properties->>'N03_007' IS NULL THEN NULL
            ELSE pg_temp.code_field(g.properties->>'N03_007', g.loc, 'N03_007', 5) END AS code,
       g.properties->>'N03_001' AS pref_name,
       g.properties->>'N03_003' AS n3,
       g.properties->>'N03_004' AS n4,
       pg_temp.polygon_field(g.geometry, g.loc) AS geom
FROM pg_temp.geojson_features('municipalities_n03_2021.geojson') AS g;
SELECT FROM pg_temp.fail_if($q$
    SELECT pg_catalog.format('%s: duplicate municipality code "%s" (first at %s)', loc, code, first)
    FROM (SELECT loc, code, ord, pg_catalog.first_value(loc) OVER w AS first, pg_catalog.row_number() OVER w AS k
          FROM pg_temp.s_munigeom WHERE code IS NOT NULL
          WINDOW w AS (PARTITION BY code ORDER BY ord)) AS a
    WHERE k > 1 ORDER BY ord LIMIT 1 $q$);

\ir load_build.sql
