-- @area Regional mesh: the meshcode type
-- A meshcode is a cell of Japan's standard regional mesh (JIS X 0410), the
-- grid that population statistics are published on: level 1 (80 km, 4
-- digits), 2 (10 km, 6), 3 (1 km, 8), 4 (500 m, 9), 5 (250 m, 10) and 6
-- (125 m, 11).  A point exactly on a cell edge belongs to the cell north or
-- east of it.  Cell geometries are exact: corners are multiples of 1/960
-- degree of latitude and 1/640 degree of longitude, and neighbours share
-- identical edges.

CREATE TYPE palliative.meshcode;

CREATE FUNCTION palliative.meshcode_in(cstring) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.meshcode_out(palliative.meshcode) RETURNS cstring
    AS 'MODULE_PATHNAME', 'meshcode_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.meshcode_recv(internal) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.meshcode_send(palliative.meshcode) RETURNS bytea
    AS 'MODULE_PATHNAME', 'meshcode_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE palliative.meshcode (
    INPUT = palliative.meshcode_in,
    OUTPUT = palliative.meshcode_out,
    RECEIVE = palliative.meshcode_recv,
    SEND = palliative.meshcode_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE palliative.meshcode IS
'A JIS X 0410 standard regional mesh cell, levels 1-6 (8 bytes). Text form: the digits, e.g. ''53394611'' (1 km). Input checks the length (4, 6, 8, 9, 10 or 11 digits), that every character is a digit, that the second-level digits (5th and 6th) are 0-7 and that the subdivision digits (9th to 11th) are 1-4; anything else is an error (22P02). Stored as the digits padded to 11 with zeros, times 16, plus the level, so values sort like the text (a parent just before its children).';
COMMENT ON FUNCTION palliative.meshcode_in(cstring) IS 'Input function of meshcode: parses and checks the digits.';
COMMENT ON FUNCTION palliative.meshcode_out(palliative.meshcode) IS 'Output function of meshcode: the digits.';
COMMENT ON FUNCTION palliative.meshcode_recv(internal) IS 'Binary receive function of meshcode: the 8-byte stored value, checked like text input (22P03 when invalid).';
COMMENT ON FUNCTION palliative.meshcode_send(palliative.meshcode) IS 'Binary send function of meshcode: the 8-byte stored value, network order.';

-- comparison
CREATE FUNCTION palliative.meshcode_eq(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_ne(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_lt(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_le(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_gt(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_ge(palliative.meshcode, palliative.meshcode) RETURNS boolean
    AS 'MODULE_PATHNAME', 'meshcode_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_cmp(palliative.meshcode, palliative.meshcode) RETURNS integer
    AS 'MODULE_PATHNAME', 'meshcode_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.meshcode_hash(palliative.meshcode) RETURNS integer
    AS 'MODULE_PATHNAME', 'meshcode_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION palliative.meshcode_eq(palliative.meshcode, palliative.meshcode) IS 'True when both codes name the same cell at the same level (operator =).';
COMMENT ON FUNCTION palliative.meshcode_ne(palliative.meshcode, palliative.meshcode) IS 'True when the codes differ (operator <>).';
COMMENT ON FUNCTION palliative.meshcode_lt(palliative.meshcode, palliative.meshcode) IS 'Order of meshcodes (operator <): the text order of the digits.';
COMMENT ON FUNCTION palliative.meshcode_le(palliative.meshcode, palliative.meshcode) IS 'Order of meshcodes (operator <=).';
COMMENT ON FUNCTION palliative.meshcode_gt(palliative.meshcode, palliative.meshcode) IS 'Order of meshcodes (operator >).';
COMMENT ON FUNCTION palliative.meshcode_ge(palliative.meshcode, palliative.meshcode) IS 'Order of meshcodes (operator >=).';
COMMENT ON FUNCTION palliative.meshcode_cmp(palliative.meshcode, palliative.meshcode) IS 'Btree comparison support of meshcode: -1, 0 or 1.';
COMMENT ON FUNCTION palliative.meshcode_hash(palliative.meshcode) IS 'Hash support of meshcode (hash joins, hash aggregation).';

CREATE OPERATOR palliative.= (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_eq,
    COMMUTATOR = OPERATOR(palliative.=), NEGATOR = OPERATOR(palliative.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR palliative.<> (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_ne,
    COMMUTATOR = OPERATOR(palliative.<>), NEGATOR = OPERATOR(palliative.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR palliative.< (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_lt,
    COMMUTATOR = OPERATOR(palliative.>), NEGATOR = OPERATOR(palliative.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR palliative.<= (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_le,
    COMMUTATOR = OPERATOR(palliative.>=), NEGATOR = OPERATOR(palliative.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR palliative.> (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_gt,
    COMMUTATOR = OPERATOR(palliative.<), NEGATOR = OPERATOR(palliative.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR palliative.>= (
    LEFTARG = palliative.meshcode, RIGHTARG = palliative.meshcode, FUNCTION = palliative.meshcode_ge,
    COMMUTATOR = OPERATOR(palliative.<=), NEGATOR = OPERATOR(palliative.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR palliative.= (palliative.meshcode, palliative.meshcode) IS 'Same cell and level.';
COMMENT ON OPERATOR palliative.<> (palliative.meshcode, palliative.meshcode) IS 'Different cells or levels.';
COMMENT ON OPERATOR palliative.< (palliative.meshcode, palliative.meshcode) IS 'Text order of mesh codes.';
COMMENT ON OPERATOR palliative.<= (palliative.meshcode, palliative.meshcode) IS 'Text order of mesh codes.';
COMMENT ON OPERATOR palliative.> (palliative.meshcode, palliative.meshcode) IS 'Text order of mesh codes.';
COMMENT ON OPERATOR palliative.>= (palliative.meshcode, palliative.meshcode) IS 'Text order of mesh codes.';

CREATE OPERATOR CLASS palliative.meshcode_ops
    DEFAULT FOR TYPE palliative.meshcode USING btree AS
        OPERATOR 1 palliative.< ,
        OPERATOR 2 palliative.<= ,
        OPERATOR 3 palliative.= ,
        OPERATOR 4 palliative.>= ,
        OPERATOR 5 palliative.> ,
        FUNCTION 1 palliative.meshcode_cmp(palliative.meshcode, palliative.meshcode);
COMMENT ON OPERATOR CLASS palliative.meshcode_ops USING btree IS
'Btree operator class of meshcode (ORDER BY, GROUP BY, DISTINCT, unique and range indexes), in the text order of the codes.';

CREATE OPERATOR CLASS palliative.meshcode_hash_ops
    DEFAULT FOR TYPE palliative.meshcode USING hash AS
        OPERATOR 1 palliative.= ,
        FUNCTION 1 palliative.meshcode_hash(palliative.meshcode);
COMMENT ON OPERATOR CLASS palliative.meshcode_hash_ops USING hash IS
'Hash operator class of meshcode (hash joins and hash aggregation).';

-- casts
CREATE FUNCTION palliative.meshcode(code bigint) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.meshcode(code integer) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.meshcode_to_bigint(code palliative.meshcode) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meshcode_to_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.meshcode(bigint) IS
'The mesh code written as an integer, e.g. 53394611; its number of decimal digits gives the level. A wrong number of digits or a bad digit is an error (22P02), a negative number 22003.';
COMMENT ON FUNCTION palliative.meshcode(integer) IS
'The mesh code written as an integer (see meshcode(bigint)).';
COMMENT ON FUNCTION palliative.meshcode_to_bigint(palliative.meshcode) IS
'The mesh code as an integer, e.g. 53394611. A code starting with 0 (south of 6.67 degrees north) has no integer form: error 22003.';

CREATE CAST (text AS palliative.meshcode) WITH INOUT AS ASSIGNMENT;
CREATE CAST (palliative.meshcode AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (bigint AS palliative.meshcode) WITH FUNCTION palliative.meshcode(bigint) AS ASSIGNMENT;
CREATE CAST (integer AS palliative.meshcode) WITH FUNCTION palliative.meshcode(integer) AS ASSIGNMENT;
CREATE CAST (palliative.meshcode AS bigint) WITH FUNCTION palliative.meshcode_to_bigint(palliative.meshcode);
COMMENT ON CAST (text AS palliative.meshcode) IS 'Assignment cast from the digits (checked like input: 22P02 when invalid).';
COMMENT ON CAST (palliative.meshcode AS text) IS 'Assignment cast to the digits.';
COMMENT ON CAST (bigint AS palliative.meshcode) IS 'Assignment cast from the code written as an integer (see palliative.meshcode(bigint)).';
COMMENT ON CAST (integer AS palliative.meshcode) IS 'Assignment cast from the code written as an integer (see palliative.meshcode(integer)).';
COMMENT ON CAST (palliative.meshcode AS bigint) IS 'Explicit cast to the code written as an integer (see palliative.meshcode_to_bigint).';

-- cells
CREATE FUNCTION palliative.mesh_level(code palliative.meshcode) RETURNS integer
    AS 'MODULE_PATHNAME', 'meshcode_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_level(palliative.meshcode) IS
'Level of a mesh code: 1 (80 km), 2 (10 km), 3 (1 km), 4 (500 m), 5 (250 m) or 6 (125 m).';

CREATE FUNCTION palliative.mesh_parent(code palliative.meshcode, level integer) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_parent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_parent(palliative.meshcode, integer) IS
'The cell of the given level that contains the code''s cell (the code itself at its own level). A level outside 1 to the code''s level is an error (22023).';

CREATE FUNCTION palliative.mesh_children(code palliative.meshcode) RETURNS SETOF palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_children' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION palliative.mesh_children(palliative.meshcode) IS
'The cells of the next level that tile the code''s cell, in code order: 64 for level 1, 100 for level 2, 4 for levels 3 to 5, none for level 6.';

CREATE FUNCTION palliative.mesh_polygon_ewkb(code palliative.meshcode) RETURNS bytea
    AS 'MODULE_PATHNAME', 'meshcode_polygon_ewkb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_polygon_ewkb(palliative.meshcode) IS
'Support of mesh_polygon: the cell''s polygon as EWKB (SRID 4326).';

CREATE FUNCTION palliative.mesh_center_ewkb(code palliative.meshcode) RETURNS bytea
    AS 'MODULE_PATHNAME', 'meshcode_center_ewkb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_center_ewkb(palliative.meshcode) IS
'Support of mesh_center: the cell''s centre point as EWKB (SRID 4326).';

CREATE FUNCTION palliative.mesh_polygon(code palliative.meshcode) RETURNS public.geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT public.ST_GeomFromEWKB(palliative.mesh_polygon_ewkb(code)) $$;
COMMENT ON FUNCTION palliative.mesh_polygon(palliative.meshcode) IS
'The cell as a geometry(Polygon,4326) with its exact corners (one ring: south-west, north-west, north-east, south-east, south-west, as ST_MakeEnvelope draws it). The children of a cell tile it exactly.';

CREATE FUNCTION palliative.mesh_center(code palliative.meshcode) RETURNS public.geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT public.ST_GeomFromEWKB(palliative.mesh_center_ewkb(code)) $$;
COMMENT ON FUNCTION palliative.mesh_center(palliative.meshcode) IS
'The centre of the cell as a geometry(Point,4326); mesh_at(mesh_center(c), mesh_level(c)) = c.';

CREATE FUNCTION palliative.mesh_at(lon double precision, lat double precision, level integer)
    RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_at_lonlat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_at(double precision, double precision, integer) IS
'The cell of the given level (1-6) holding the point (lon, lat) in degrees; a point on an edge belongs to the cell north or east of it. A level outside 1-6, a non-finite coordinate or a point outside the mesh area (latitude 0 to 66.67 degrees north, longitude 100 to 200 degrees east) is an error (22023).';

CREATE FUNCTION palliative.mesh_at(geom public.geometry, level integer) RETURNS palliative.meshcode
    AS 'MODULE_PATHNAME', 'meshcode_at_geometry' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.mesh_at(public.geometry, integer) IS
'The cell of the given level (1-6) holding a point in SRID 4326 (JGD2011 6668 and JGD2000 4612 are read as the same longitude/latitude); a point on an edge belongs to the cell north or east of it. A non-point or empty geometry, another SRID, a level outside 1-6 or a point outside the mesh area is an error (22023).';
