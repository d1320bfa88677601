-- @area Capability profiles: the capset type
-- A capset is the set of what a facility can do, from the fixed vocabulary in
-- palliative.capability.  Text form '{pcu,palliative_team}'.

CREATE TYPE palliative.capset;

CREATE FUNCTION palliative.capset_in(cstring) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_out(palliative.capset) RETURNS cstring
    AS 'MODULE_PATHNAME', 'capset_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_recv(internal) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_send(palliative.capset) RETURNS bytea
    AS 'MODULE_PATHNAME', 'capset_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE palliative.capset (
    INPUT = palliative.capset_in,
    OUTPUT = palliative.capset_out,
    RECEIVE = palliative.capset_recv,
    SEND = palliative.capset_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE palliative.capset IS
'A set of facility capabilities (8 bytes). Text form ''{pcu,palliative_team}'': names from palliative.capability, sorted by bit on output; input accepts spaces, any order and duplicates. An unknown name is an error (22P02).';
COMMENT ON FUNCTION palliative.capset_in(cstring) IS 'Input function of capset: parses ''{name,...}''.';
COMMENT ON FUNCTION palliative.capset_out(palliative.capset) IS 'Output function of capset: the canonical text form.';
COMMENT ON FUNCTION palliative.capset_recv(internal) IS 'Binary receive function of capset: 8 bytes, checked like input.';
COMMENT ON FUNCTION palliative.capset_send(palliative.capset) IS 'Binary send function of capset: 8 bytes, network order.';

-- comparison and set functions
CREATE FUNCTION palliative.capset_eq(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_ne(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_lt(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_le(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_gt(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_ge(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_cmp(palliative.capset, palliative.capset) RETURNS integer
    AS 'MODULE_PATHNAME', 'capset_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_hash(palliative.capset) RETURNS integer
    AS 'MODULE_PATHNAME', 'capset_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_contains(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_contained(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_overlaps(palliative.capset, palliative.capset) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION palliative.capset_union(palliative.capset, palliative.capset) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_intersect(palliative.capset, palliative.capset) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_intersect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_minus(palliative.capset, palliative.capset) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_minus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION palliative.capset_eq(palliative.capset, palliative.capset) IS 'True when both sets hold the same capabilities (operator =).';
COMMENT ON FUNCTION palliative.capset_ne(palliative.capset, palliative.capset) IS 'True when the sets differ (operator <>).';
COMMENT ON FUNCTION palliative.capset_lt(palliative.capset, palliative.capset) IS 'Btree order of capsets (operator <): by bits read as an unsigned integer.';
COMMENT ON FUNCTION palliative.capset_le(palliative.capset, palliative.capset) IS 'Btree order of capsets (operator <=).';
COMMENT ON FUNCTION palliative.capset_gt(palliative.capset, palliative.capset) IS 'Btree order of capsets (operator >).';
COMMENT ON FUNCTION palliative.capset_ge(palliative.capset, palliative.capset) IS 'Btree order of capsets (operator >=).';
COMMENT ON FUNCTION palliative.capset_cmp(palliative.capset, palliative.capset) IS 'Btree comparison support of capset: -1, 0 or 1.';
COMMENT ON FUNCTION palliative.capset_hash(palliative.capset) IS 'Hash support of capset (hash joins, hash aggregation).';
COMMENT ON FUNCTION palliative.capset_contains(palliative.capset, palliative.capset) IS 'True when the first set holds every capability of the second (operator @>).';
COMMENT ON FUNCTION palliative.capset_contained(palliative.capset, palliative.capset) IS 'True when every capability of the first set is in the second (operator <@).';
COMMENT ON FUNCTION palliative.capset_overlaps(palliative.capset, palliative.capset) IS 'True when the sets share at least one capability (operator &&).';
COMMENT ON FUNCTION palliative.capset_union(palliative.capset, palliative.capset) IS 'Union of two capsets (operator |).';
COMMENT ON FUNCTION palliative.capset_intersect(palliative.capset, palliative.capset) IS 'Intersection of two capsets (operator &).';
COMMENT ON FUNCTION palliative.capset_minus(palliative.capset, palliative.capset) IS 'Capabilities of the first set that are not in the second (operator -).';

CREATE OPERATOR palliative.= (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_eq,
    COMMUTATOR = OPERATOR(palliative.=), NEGATOR = OPERATOR(palliative.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR palliative.<> (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_ne,
    COMMUTATOR = OPERATOR(palliative.<>), NEGATOR = OPERATOR(palliative.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR palliative.< (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_lt,
    COMMUTATOR = OPERATOR(palliative.>), NEGATOR = OPERATOR(palliative.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR palliative.<= (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_le,
    COMMUTATOR = OPERATOR(palliative.>=), NEGATOR = OPERATOR(palliative.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR palliative.> (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_gt,
    COMMUTATOR = OPERATOR(palliative.<), NEGATOR = OPERATOR(palliative.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR palliative.>= (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_ge,
    COMMUTATOR = OPERATOR(palliative.<=), NEGATOR = OPERATOR(palliative.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR palliative.@> (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_contains,
    COMMUTATOR = OPERATOR(palliative.<@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR palliative.<@ (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_contained,
    COMMUTATOR = OPERATOR(palliative.@>),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR palliative.&& (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_overlaps,
    COMMUTATOR = OPERATOR(palliative.&&),
    RESTRICT = areasel, JOIN = areajoinsel
);
CREATE OPERATOR palliative.| (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_union,
    COMMUTATOR = OPERATOR(palliative.|)
);
CREATE OPERATOR palliative.& (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_intersect,
    COMMUTATOR = OPERATOR(palliative.&)
);
CREATE OPERATOR palliative.- (
    LEFTARG = palliative.capset, RIGHTARG = palliative.capset, FUNCTION = palliative.capset_minus
);

COMMENT ON OPERATOR palliative.= (palliative.capset, palliative.capset) IS 'Same capabilities.';
COMMENT ON OPERATOR palliative.<> (palliative.capset, palliative.capset) IS 'Different capabilities.';
COMMENT ON OPERATOR palliative.< (palliative.capset, palliative.capset) IS 'Btree order (bits as an unsigned integer).';
COMMENT ON OPERATOR palliative.<= (palliative.capset, palliative.capset) IS 'Btree order (bits as an unsigned integer).';
COMMENT ON OPERATOR palliative.> (palliative.capset, palliative.capset) IS 'Btree order (bits as an unsigned integer).';
COMMENT ON OPERATOR palliative.>= (palliative.capset, palliative.capset) IS 'Btree order (bits as an unsigned integer).';
COMMENT ON OPERATOR palliative.@> (palliative.capset, palliative.capset) IS 'Contains: the left set holds every capability of the right. Indexable with capset_gin_ops.';
COMMENT ON OPERATOR palliative.<@ (palliative.capset, palliative.capset) IS 'Is contained by: every capability of the left set is in the right.';
COMMENT ON OPERATOR palliative.&& (palliative.capset, palliative.capset) IS 'Overlaps: the sets share a capability. Indexable with capset_gin_ops.';
COMMENT ON OPERATOR palliative.| (palliative.capset, palliative.capset) IS 'Union.';
COMMENT ON OPERATOR palliative.& (palliative.capset, palliative.capset) IS 'Intersection.';
COMMENT ON OPERATOR palliative.- (palliative.capset, palliative.capset) IS 'Difference: capabilities of the left set not in the right.';

CREATE OPERATOR CLASS palliative.capset_ops
    DEFAULT FOR TYPE palliative.capset USING btree AS
        OPERATOR 1 palliative.< ,
        OPERATOR 2 palliative.<= ,
        OPERATOR 3 palliative.= ,
        OPERATOR 4 palliative.>= ,
        OPERATOR 5 palliative.> ,
        FUNCTION 1 palliative.capset_cmp(palliative.capset, palliative.capset);
COMMENT ON OPERATOR CLASS palliative.capset_ops USING btree IS
'Default btree operator class of capset: ORDER BY, GROUP BY, DISTINCT, unique indexes and merge joins.';

CREATE OPERATOR CLASS palliative.capset_hash_ops
    DEFAULT FOR TYPE palliative.capset USING hash AS
        OPERATOR 1 palliative.= ,
        FUNCTION 1 palliative.capset_hash(palliative.capset);
COMMENT ON OPERATOR CLASS palliative.capset_hash_ops USING hash IS
'Default hash operator class of capset: hash joins and hash aggregation.';

-- GIN: the keys of a capset are its capability bits
CREATE FUNCTION palliative.capset_gin_extract_value(palliative.capset, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'capset_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_gin_extract_query(palliative.capset, internal, int2, internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'capset_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_gin_consistent(internal, int2, palliative.capset, int4, internal, internal, internal, internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'capset_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_gin_triconsistent(internal, int2, palliative.capset, int4, internal, internal, internal) RETURNS "char"
    AS 'MODULE_PATHNAME', 'capset_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.capset_gin_extract_value(palliative.capset, internal) IS 'GIN support of capset: the bits of a value.';
COMMENT ON FUNCTION palliative.capset_gin_extract_query(palliative.capset, internal, int2, internal, internal, internal, internal) IS 'GIN support of capset: the bits of a query.';
COMMENT ON FUNCTION palliative.capset_gin_consistent(internal, int2, palliative.capset, int4, internal, internal, internal, internal) IS 'GIN support of capset: exact match test for @> and &&.';
COMMENT ON FUNCTION palliative.capset_gin_triconsistent(internal, int2, palliative.capset, int4, internal, internal, internal) IS 'GIN support of capset: ternary match test for @> and &&.';

CREATE OPERATOR CLASS palliative.capset_gin_ops
    DEFAULT FOR TYPE palliative.capset USING gin AS
        OPERATOR 3 palliative.&& ,
        OPERATOR 7 palliative.@> ,
        FUNCTION 1 pg_catalog.btint4cmp(integer, integer),
        FUNCTION 2 palliative.capset_gin_extract_value(palliative.capset, internal),
        FUNCTION 3 palliative.capset_gin_extract_query(palliative.capset, internal, int2, internal, internal, internal, internal),
        FUNCTION 4 palliative.capset_gin_consistent(internal, int2, palliative.capset, int4, internal, internal, internal, internal),
        FUNCTION 6 palliative.capset_gin_triconsistent(internal, int2, palliative.capset, int4, internal, internal, internal),
        STORAGE integer;
COMMENT ON OPERATOR CLASS palliative.capset_gin_ops USING gin IS
'GIN operator class of capset: indexes the capability bits so that @> (has all of) and && (has any of) use the index.';

-- casts and helpers
CREATE FUNCTION palliative.capset(text[]) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_from_text_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_names(palliative.capset) RETURNS text[]
    AS 'MODULE_PATHNAME', 'capset_to_text_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_count(palliative.capset) RETURNS integer
    AS 'MODULE_PATHNAME', 'capset_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.capset(text[]) IS
'Builds a capset from an array of capability names (any order, duplicates allowed). A null element is an error (22004), an unknown name 22P02.';
COMMENT ON FUNCTION palliative.capset_names(palliative.capset) IS
'The capability names of a capset as text[], in bit order.';
COMMENT ON FUNCTION palliative.capset_count(palliative.capset) IS
'Number of capabilities in a capset.';

CREATE CAST (text[] AS palliative.capset) WITH FUNCTION palliative.capset(text[]);
CREATE CAST (palliative.capset AS text[]) WITH FUNCTION palliative.capset_names(palliative.capset);
COMMENT ON CAST (text[] AS palliative.capset) IS 'Explicit cast from capability names to a capset (see palliative.capset(text[])).';
COMMENT ON CAST (palliative.capset AS text[]) IS 'Explicit cast from a capset to its capability names (see palliative.capset_names).';

-- aggregates
CREATE FUNCTION palliative.capset_union_transfn(palliative.capset, palliative.capset) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_union_transfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.capset_intersect_transfn(palliative.capset, palliative.capset) RETURNS palliative.capset
    AS 'MODULE_PATHNAME', 'capset_intersect_transfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.capset_union_transfn(palliative.capset, palliative.capset) IS 'Transition and combine function of capset_union_agg.';
COMMENT ON FUNCTION palliative.capset_intersect_transfn(palliative.capset, palliative.capset) IS 'Transition and combine function of capset_intersect_agg.';

CREATE AGGREGATE palliative.capset_union_agg(palliative.capset) (
    SFUNC = palliative.capset_union_transfn, STYPE = palliative.capset,
    COMBINEFUNC = palliative.capset_union_transfn, PARALLEL = SAFE
);
CREATE AGGREGATE palliative.capset_intersect_agg(palliative.capset) (
    SFUNC = palliative.capset_intersect_transfn, STYPE = palliative.capset,
    COMBINEFUNC = palliative.capset_intersect_transfn, PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.capset_union_agg(palliative.capset) IS
'Capabilities held by any row (nulls skipped; null when there are no rows). E.g. what a region offers at all.';
COMMENT ON AGGREGATE palliative.capset_intersect_agg(palliative.capset) IS
'Capabilities held by every row (nulls skipped; null when there are no rows).';

-- the vocabulary
CREATE FUNCTION palliative.capability_vocabulary(
    OUT name text, OUT "bit" integer, OUT category text,
    OUT label_ja text, OUT label_en text, OUT description text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'capability_vocabulary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 64;
COMMENT ON FUNCTION palliative.capability_vocabulary() IS
'The capability vocabulary compiled into the extension, one row per capability; palliative.capability is filled from it.';

CREATE TABLE palliative.capability (
    name        text    PRIMARY KEY,
    "bit"       integer NOT NULL UNIQUE CHECK ("bit" BETWEEN 0 AND 63),
    category    text    NOT NULL CHECK (category IN ('service', 'designation', 'staff', 'medication')),
    label_ja    text    NOT NULL,
    label_en    text    NOT NULL,
    description text    NOT NULL
);
INSERT INTO palliative.capability (name, "bit", category, label_ja, label_en, description)
    SELECT v.name, v."bit", v.category, v.label_ja, v.label_en, v.description
    FROM palliative.capability_vocabulary() AS v;

COMMENT ON TABLE palliative.capability IS
'The capability vocabulary of capset: one row per capability, with its fixed bit, category and labels in Japanese and English. Read only: it mirrors the C vocabulary.';
COMMENT ON COLUMN palliative.capability.name IS 'Name used in capset text, e.g. pcu.';
COMMENT ON COLUMN palliative.capability."bit" IS 'Bit of the capability in a capset (fixed; never renumbered).';
COMMENT ON COLUMN palliative.capability.category IS 'service, designation, staff or medication.';
COMMENT ON COLUMN palliative.capability.label_ja IS 'Japanese label, as in the ministry''s documents.';
COMMENT ON COLUMN palliative.capability.label_en IS 'English label.';
COMMENT ON COLUMN palliative.capability.description IS 'What having the capability means.';
