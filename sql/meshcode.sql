-- palliative.meshcode: JIS X 0410 regional mesh codes
SET extra_float_digits = 0;
-- operators of the extension live in its schema
SET search_path = public, palliative;
-- errors are shown as SQLSTATE and message
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- operator classes are valid
SELECT opcname, amvalidate(oid) FROM pg_opclass
WHERE opcname IN ('meshcode_ops', 'meshcode_hash_ops') ORDER BY opcname;
-- text input and output, levels
SELECT c::palliative.meshcode AS code, palliative.mesh_level(c::palliative.meshcode) AS level
FROM (VALUES ('5339'), ('533946'), ('53394611'), ('533946113'), ('5339461132'),
             ('53394611324'), ('0000'), ('99997799444')) AS v(c);
-- bad text input: 22P02, naming the input
SELECT c AS input, pg_temp.try(format('SELECT %L::palliative.meshcode', c)) AS result
FROM (VALUES (''), ('533'), ('53394'), ('5339461'), ('533946113244'), ('53a9'),
             ('5339 '), ('-5339'), ('533986'), ('533996'), ('533948'), ('533946115'),
             ('5339461130'), ('53394611320'), ('53394611325'), ('５３３９')) AS v(c);
-- the full message, with detail and hint
SELECT '533986'::palliative.meshcode;
SELECT '533946110'::palliative.meshcode;
-- casts from and to integers and text
SELECT 53394611::palliative.meshcode AS from_int, 5339::bigint::palliative.meshcode AS from_bigint,
       53394611324::palliative.meshcode AS level6, '53394611'::palliative.meshcode::bigint AS to_bigint,
       '533946113'::palliative.meshcode::text AS to_text, '533946'::text::palliative.meshcode AS from_text;
SELECT pg_temp.try('SELECT (-5339)::bigint::palliative.meshcode') AS negative,
       pg_temp.try('SELECT 53394::palliative.meshcode') AS five_digits,
       pg_temp.try('SELECT 533946115::palliative.meshcode') AS bad_digit,
       pg_temp.try('SELECT ''0539''::palliative.meshcode::bigint') AS leading_zero;
-- assignment casts
CREATE TEMP TABLE cells (code palliative.meshcode PRIMARY KEY);
INSERT INTO cells VALUES ('53394611'), (53394612), (533946::bigint), ('5339'), ('533946114'),
                         ('53394611324'), ('53394610'), ('5340');
SELECT pg_temp.try('INSERT INTO cells VALUES (''53394611'')') AS duplicate;
SELECT pg_temp.try('INSERT INTO cells VALUES (''5339461'')') AS bad;
-- order is the text order of the codes (a parent just before its children)
SELECT code FROM cells ORDER BY code;
SELECT bool_and((a.code < b.code) = (a.code::text < b.code::text)) AS text_order,
       bool_and((a.code = b.code) = (a.code::text = b.code::text)) AS equality
FROM cells a, cells b;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT code FROM cells WHERE code BETWEEN '5339' AND '53394699';
SELECT code FROM cells WHERE code BETWEEN '5339' AND '53394699' ORDER BY code;
RESET enable_seqscan;
-- hash join and hash aggregation
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cells a JOIN cells b USING (code);
SELECT count(*) FROM cells a JOIN cells b USING (code);
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT count(DISTINCT palliative.mesh_parent(code, 1)) FROM cells;
-- binary send and receive (binary COPY round trip, then crafted bad values)
SELECT palliative.meshcode_send('53394611') AS send;
CREATE TEMP TABLE bin (code palliative.meshcode);
CREATE FUNCTION pg_temp.copy_binary(value bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    file text := 'palliative_meshcode_test.bin';
    lo oid;
BEGIN
    lo := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
                           || '\x000100000008'::bytea || int8send(value) || '\xffff'::bytea);
    PERFORM lo_export(lo, file);
    PERFORM lo_unlink(lo);
    BEGIN
        EXECUTE format('COPY bin FROM %L (FORMAT binary)', file);
        RETURN 'ok';
    EXCEPTION WHEN OTHERS THEN
        RETURN SQLSTATE || ': ' || SQLERRM;
    END;
END $$;
SELECT v AS value, pg_temp.copy_binary(v) AS result
FROM (VALUES (53394611000 * 16 + 3),   -- 53394611: ok
             (53394611324 * 16 + 6),   -- 53394611324: ok
             (0::bigint),              -- level 0
             (53394611000 * 16 + 4),   -- level 4 with subdivision digit 0
             (53394611000 * 16 + 2),   -- level 2 with digits beyond the 6th
             (53394611000 * 16 + 7),   -- level 7
             (53398011000 * 16 + 3),   -- second-level digit 8
             (53394611320 * 16 + 6),   -- subdivision digit 0
             (-1),                     -- negative
             (100000000000 * 16 + 1)   -- beyond 11 digits
            ) AS t(v);
SELECT code FROM bin ORDER BY code;
-- known cells: Tokyo Station (139.767125 E, 35.681236 N)
SELECT level, palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.767125, 35.681236), 4326), level) AS code
FROM generate_series(1, 6) AS level;
SELECT palliative.mesh_at(139.767125, 35.681236, 3) AS lonlat,
       palliative.mesh_at('SRID=6668;POINT(139.767125 35.681236)'::public.geometry, 4) AS jgd2011,
       palliative.mesh_at('SRID=4612;POINT(139.767125 35.681236)'::public.geometry, 4) AS jgd2000;
-- exact corners and centre
SELECT public.ST_AsText(palliative.mesh_polygon('53394611')) AS polygon,
       public.ST_AsText(palliative.mesh_center('53394611')) AS center,
       public.ST_SRID(palliative.mesh_polygon('53394611')) AS srid,
       public.GeometryType(palliative.mesh_polygon('53394611')) AS type,
       public.GeometryType(palliative.mesh_center('53394611')) AS center_type;
SELECT public.ST_AsText(palliative.mesh_polygon('5339')) AS level1,
       public.ST_AsText(palliative.mesh_polygon('533946113')) AS level4;
SELECT public.ST_Equals(palliative.mesh_polygon('5339'),
                        public.ST_MakeEnvelope(139, 35 + 1/3.0, 140, 36, 4326)) AS level1_envelope;
-- a point on an edge belongs to the cell north / east of it
SELECT palliative.mesh_at(140.0, 36.0, 1) AS corner_l1,
       palliative.mesh_at(140.0, 36.0, 6) AS corner_l6,
       palliative.mesh_at(139.7625, 35.675, 3) AS sw_corner,
       palliative.mesh_at(139.775, 35.675, 3) AS east_edge,
       palliative.mesh_at(139.7625, 35.68333333333333, 3) AS north_edge,
       palliative.mesh_at(139.76249999, 35.67499999, 3) AS just_inside_sw;
-- every corner of a polygon lies in its own cell when it is the south-west one
SELECT level, bool_and(palliative.mesh_at(public.ST_StartPoint(public.ST_ExteriorRing(palliative.mesh_polygon(c))), level) = c) AS sw_corner_inside
FROM (SELECT level, palliative.mesh_at(139.0 + i * 0.0137, 35.0 + i * 0.0091, level) AS c
      FROM generate_series(1, 6) AS level, generate_series(0, 99) AS i) AS s
GROUP BY level ORDER BY level;
-- children tile their parent exactly
SELECT palliative.mesh_level(p) AS level, count(*) AS children,
       public.ST_Equals(public.ST_Union(palliative.mesh_polygon(c)), palliative.mesh_polygon(p)) AS union_equals_parent,
       abs(sum(public.ST_Area(palliative.mesh_polygon(c))) - public.ST_Area(palliative.mesh_polygon(p)))
           < 1e-12 * public.ST_Area(palliative.mesh_polygon(p)) AS areas_sum,
       bool_and(public.ST_Within(palliative.mesh_polygon(c), palliative.mesh_polygon(p))) AS within,
       bool_and(palliative.mesh_parent(c, palliative.mesh_level(p)) = p) AS parent_of_child
FROM (VALUES ('5339'::palliative.meshcode), ('533946'), ('53394611'), ('533946113'), ('5339461132'), ('6441')) AS v(p),
     palliative.mesh_children(p) AS c
GROUP BY p ORDER BY p;
SELECT count(*) AS level6_children FROM palliative.mesh_children('53394611324');
SELECT array_agg(c) AS children FROM palliative.mesh_children('53394611') AS c;
-- mesh_at(mesh_center(c), level) = c at every level, over a spread of cells
SELECT level, count(*) AS cells,
       bool_and(palliative.mesh_at(palliative.mesh_center(c), level) = c) AS center_round_trip,
       bool_and(palliative.mesh_level(c) = level) AS level_ok,
       bool_and(public.ST_Contains(palliative.mesh_polygon(c), palliative.mesh_center(c))) AS center_inside
FROM (SELECT level, palliative.mesh_at(123.0 + i * 0.0731, 24.0 + i * 0.0421, level) AS c
      FROM generate_series(1, 6) AS level, generate_series(0, 499) AS i) AS s
GROUP BY level ORDER BY level;
-- parents
SELECT palliative.mesh_parent('53394611324', l) AS parent FROM generate_series(1, 6) AS l;
SELECT pg_temp.try('SELECT palliative.mesh_parent(''53394611'', 4)') AS finer,
       pg_temp.try('SELECT palliative.mesh_parent(''53394611'', 0)') AS zero;
-- mesh_at errors: 22023
SELECT pg_temp.try(sql) AS result FROM (VALUES
    ('SELECT palliative.mesh_at(''SRID=4326;POINT(139 -0.001)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=4326;POINT(-139.7 35.6)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=4326;POINT(200 35)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=4326;POINT(139.7 35.6)''::public.geometry, 0)'),
    ('SELECT palliative.mesh_at(''SRID=4326;POINT(139.7 35.6)''::public.geometry, 7)'),
    ('SELECT palliative.mesh_at(''SRID=4326;LINESTRING(139 35,140 36)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=4326;MULTIPOINT((139 35))''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=4326;POINT EMPTY''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''SRID=3857;POINT(15558000 4257000)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''POINT(139.7 35.6)''::public.geometry, 3)'),
    ('SELECT palliative.mesh_at(''nan''::float8, 35.6, 3)'),
    ('SELECT palliative.mesh_at(139.7, ''infinity''::float8, 3)')) AS v(sql);
-- the full message for one of them
SELECT palliative.mesh_at('SRID=3857;POINT(15558000 4257000)'::public.geometry, 3);
-- NULL in, NULL out
SELECT palliative.mesh_at(NULL::public.geometry, 3) IS NULL AS null_geom,
       palliative.mesh_at('SRID=4326;POINT(139.7 35.6)'::public.geometry, NULL) IS NULL AS null_level;
