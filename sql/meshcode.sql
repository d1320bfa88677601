-- palliative.meshcode: JIS X 0410 regional mesh cells
\pset null '(null)'
SET extra_float_digits = 0;

-- errors as SQLSTATE and message, one line each
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- the operator classes are valid
SELECT opc.opcname, amvalidate(opc.oid)
FROM pg_opclass opc JOIN pg_namespace n ON n.oid = opc.opcnamespace
WHERE n.nspname = 'palliative' AND opc.opcname LIKE 'meshcode%' ORDER BY 1;

-- input and output at every level
SELECT c, c::palliative.meshcode AS code, palliative.mesh_level(c::palliative.meshcode) AS level,
       palliative.mesh_number(c::palliative.meshcode) AS number
FROM (VALUES ('5339'), ('533946'), ('53394611'), ('533946113'), ('5339461134'), ('53394611342')) AS v(c);

-- bad input: 22P02 naming the input
SELECT s, pg_temp.err(format('SELECT %L::palliative.meshcode', s))
FROM (VALUES (''), ('533'), ('53394'), ('5339461'), ('533946111122'), ('5339x611'),
             (' 5339'), ('0339'), ('538946'), ('533986'), ('533968'), ('533946115'),
             ('533946110'), ('5339461105'), ('53394611345'), ('-5339')) AS v(s);

-- casts from and to bigint / integer / text
SELECT 53394611::palliative.meshcode AS from_int, 53394611342::bigint::palliative.meshcode AS from_bigint,
       '533946113'::palliative.meshcode::bigint AS to_bigint,
       '533946'::text::palliative.meshcode AS from_text,
       ('5339'::palliative.meshcode)::text || '!' AS to_text;
SELECT pg_temp.err('SELECT 0::palliative.meshcode'),
       pg_temp.err('SELECT (-53394611)::palliative.meshcode'),
       pg_temp.err('SELECT 533::palliative.meshcode'),
       pg_temp.err('SELECT 533946115::palliative.meshcode');

-- binary send / receive round trip, and receive checks like input
SELECT palliative.meshcode_recv(NULL) IS NULL AS recv_strict;
SELECT c = palliative.meshcode(('x' || encode(palliative.meshcode_send(c), 'hex'))::bit(64)::bigint) AS roundtrip,
       encode(palliative.meshcode_send(c), 'hex') AS wire
FROM (VALUES ('53394611'::palliative.meshcode), ('53394611342')) AS v(c);
CREATE TEMP TABLE bin (c palliative.meshcode);
INSERT INTO bin VALUES ('53394611'), ('5339'), ('533946113');
COPY bin TO '/tmp/palliative_meshcode_test.bin' WITH (FORMAT binary);
CREATE TEMP TABLE bin2 (c palliative.meshcode);
COPY bin2 FROM '/tmp/palliative_meshcode_test.bin' WITH (FORMAT binary);
SELECT c FROM bin2 ORDER BY c;
-- the same bytes read as bigint, then a bad value written in binary
CREATE TEMP TABLE bin3 (n bigint);
COPY bin3 FROM '/tmp/palliative_meshcode_test.bin' WITH (FORMAT binary);
SELECT n FROM bin3 ORDER BY n;
TRUNCATE bin3;
INSERT INTO bin3 VALUES (533946115);
COPY bin3 TO '/tmp/palliative_meshcode_test.bin' WITH (FORMAT binary);
SELECT pg_temp.err($$COPY bin2 FROM '/tmp/palliative_meshcode_test.bin' WITH (FORMAT binary)$$);

-- ordering is the text order: a parent sorts just before its children
SELECT c FROM (VALUES ('53394612'::palliative.meshcode), ('5339'), ('533946114'), ('53394611'),
                      ('533946'), ('5340'), ('533946113'), ('53397799')) AS v(c)
ORDER BY c;
SELECT '5339'::palliative.meshcode < '533900' AS lt, '53394611'::palliative.meshcode = '53394611' AS eq,
       '53394611'::palliative.meshcode <> '53394612' AS ne, '5340'::palliative.meshcode >= '53399999' AS ge;

-- btree and hash: unique index, GROUP BY, hash join
CREATE TEMP TABLE cells (c palliative.meshcode PRIMARY KEY);
INSERT INTO cells SELECT palliative.mesh_children('533946');
SELECT pg_temp.err($$INSERT INTO cells VALUES ('53394611')$$);
SET enable_sort = off;
SELECT count(*), count(DISTINCT c) FROM (SELECT c FROM cells UNION ALL SELECT c FROM cells) s;
SELECT palliative.mesh_parent(c, 2) AS parent, count(*) FROM cells GROUP BY 1;
RESET enable_sort;
SET enable_mergejoin = off; SET enable_nestloop = off;
SELECT count(*) FROM cells a JOIN cells b ON a.c = b.c;
RESET enable_mergejoin; RESET enable_nestloop;
CREATE INDEX ON cells USING hash (c);
SELECT count(*) FROM cells WHERE c BETWEEN '53394600' AND '53394699';

-- known cells: Tokyo Station is in 1 km cell 53394611 and 500 m cell 533946113
SELECT level, palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.767125, 35.681236), 4326), level)
FROM generate_series(1, 6) AS level;
-- the JGD2011 and JGD2000 SRIDs are accepted as the same coordinates
SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.767125, 35.681236), 6668), 3),
       palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.767125, 35.681236), 4612), 4);

-- geometry: exact corners and centre
SELECT public.ST_AsText(palliative.mesh_polygon('53394611')) AS polygon,
       public.ST_AsText(palliative.mesh_center('53394611')) AS center,
       public.ST_SRID(palliative.mesh_polygon('53394611')) AS srid,
       public.GeometryType(palliative.mesh_polygon('5339')) AS type;
SELECT public.ST_AsText(palliative.mesh_polygon('5339')), public.ST_AsText(palliative.mesh_polygon('53394611342'));

-- edges: a point on a boundary belongs to the cell north / east of it
SELECT label, palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(x, y), 4326), 3)
FROM (VALUES ('south-west corner', 139.7625, 35.675),
             ('west edge', 139.7625, 35.68),
             ('east edge', 139.775, 35.68),
             ('north edge', 139.77, 35.68333333333333),
             ('north-east corner', 139.775, 35.68333333333333),
             ('just west', 139.7624999999, 35.68),
             ('just south', 139.77, 35.6749999999)) AS v(label, x, y);

-- children tile the parent exactly; mesh_at(mesh_center(c)) = c at every level
WITH parents(p) AS (VALUES ('5339'::palliative.meshcode), ('533946'), ('53394611'), ('533946113'), ('5339461134')),
kids AS (SELECT p, palliative.mesh_children(p) AS k FROM parents)
SELECT p, count(*) AS children,
       public.ST_Equals(public.ST_Union(palliative.mesh_polygon(k)), palliative.mesh_polygon(p)) AS union_equals_parent,
       abs(sum(public.ST_Area(palliative.mesh_polygon(k))) - public.ST_Area(palliative.mesh_polygon(p)))
           < 1e-12 * public.ST_Area(palliative.mesh_polygon(p)) AS areas_sum,
       bool_and(palliative.mesh_parent(k, palliative.mesh_level(p)) = p) AS parents_agree,
       bool_and(public.ST_Within(palliative.mesh_center(k), palliative.mesh_polygon(p))) AS centers_inside
FROM kids GROUP BY p ORDER BY p;
SELECT count(*) FROM palliative.mesh_children('53394611342');

SELECT palliative.mesh_level(c) AS level, count(*) AS cells,
       bool_and(palliative.mesh_at(palliative.mesh_center(c), palliative.mesh_level(c)) = c) AS center_roundtrip,
       bool_and(palliative.mesh_at(public.ST_PointN(public.ST_ExteriorRing(palliative.mesh_polygon(c)), 1),
                                   palliative.mesh_level(c)) = c) AS sw_corner_roundtrip
FROM (SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(122.9 + i * 0.0317, 24.05 + i * 0.0213), 4326), lvl) AS c
      FROM generate_series(0, 999) AS i, generate_series(1, 6) AS lvl) s
GROUP BY 1 ORDER BY 1;

-- mesh_parent
SELECT palliative.mesh_parent('53394611342', l) FROM generate_series(1, 6) AS l;
SELECT pg_temp.err($$SELECT palliative.mesh_parent('53394611', 4)$$),
       pg_temp.err($$SELECT palliative.mesh_parent('53394611', 0)$$);

-- mesh_at errors: 22023
SELECT label, pg_temp.err(q) FROM (VALUES
    ('level 0', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.7, 35.6), 4326), 0)$$),
    ('level 7', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.7, 35.6), 4326), 7)$$),
    ('new york', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(-74.0, 40.7), 4326), 3)$$),
    ('south pole', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.7, -89), 4326), 3)$$),
    ('lat/lon swapped', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(35.6, 139.7), 4326), 3)$$),
    ('srid 3857', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.7, 35.6), 3857), 3)$$),
    ('no srid', $$SELECT palliative.mesh_at(public.ST_MakePoint(139.7, 35.6), 3)$$),
    ('polygon', $$SELECT palliative.mesh_at(palliative.mesh_polygon('53394611'), 3)$$),
    ('multipoint', $$SELECT palliative.mesh_at('SRID=4326;MULTIPOINT((139.7 35.6))'::public.geometry, 3)$$),
    ('empty point', $$SELECT palliative.mesh_at('SRID=4326;POINT EMPTY'::public.geometry, 3)$$),
    ('nan', $$SELECT palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint('NaN', 35.6), 4326), 3)$$)
) AS v(label, q);
SELECT palliative.mesh_at(NULL, 3), palliative.mesh_at(public.ST_SetSRID(public.ST_MakePoint(139.7, 35.6), 4326), NULL);
