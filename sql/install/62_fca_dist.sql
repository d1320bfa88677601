-- @area Accessibility on many cores and many machines: the distributable form
-- The floating-catchment methods as plain SQL over a demand relation, so
-- that PostgreSQL's parallel workers and Citus's workers share the work.
-- Step 1 of every method is a sum over demand rows of per-facility terms
-- (the aggregate palliative.fca_step1 over palliative.fca_demand_part, with
-- a combine function); step 2 is a function of one demand row given those
-- sums (palliative.fca_access), and palliative.fca_ratios gives the facility
-- side.  The supply side is one value, palliative.prepare_supply(supply_sql,
-- decay), kept in a table (a reference table on Citus) and indexed once per
-- query by each backend.  The results equal palliative.fca's to 1e-12
-- relative.  Distances are great-circle (no cost_sql: a travel-time decay
-- needs palliative.fca).  Demand ids are not checked for duplicates (the
-- state is O(facilities)): give the demand relation a key.  See the README
-- for a complete example per method.

CREATE TYPE palliative.prepared_supply;
CREATE FUNCTION palliative.prepared_supply_in(cstring) RETURNS palliative.prepared_supply
    AS 'MODULE_PATHNAME', 'prepared_supply_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.prepared_supply_out(palliative.prepared_supply) RETURNS cstring
    AS 'MODULE_PATHNAME', 'prepared_supply_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.prepared_supply_recv(internal) RETURNS palliative.prepared_supply
    AS 'MODULE_PATHNAME', 'prepared_supply_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.prepared_supply_send(palliative.prepared_supply) RETURNS bytea
    AS 'MODULE_PATHNAME', 'prepared_supply_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE palliative.prepared_supply (
    INPUT = palliative.prepared_supply_in,
    OUTPUT = palliative.prepared_supply_out,
    RECEIVE = palliative.prepared_supply_recv,
    SEND = palliative.prepared_supply_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = external
);
COMMENT ON TYPE palliative.prepared_supply IS
'The supply side of a floating-catchment computation in one value: the decay, and every facility''s id, point and capacity (32 bytes a facility), with a fingerprint of it all. Made by palliative.prepare_supply; each backend that uses it builds its spatial index once per query. Binary form: little-endian fields; text form: their base64. Input checks every field (22P02 text, 22P03 binary).';
COMMENT ON FUNCTION palliative.prepared_supply_in(cstring) IS 'Input function of prepared_supply: base64 of the binary form, every field checked.';
COMMENT ON FUNCTION palliative.prepared_supply_out(palliative.prepared_supply) IS 'Output function of prepared_supply: base64 of the binary form.';
COMMENT ON FUNCTION palliative.prepared_supply_recv(internal) IS 'Binary receive function of prepared_supply, checked like input.';
COMMENT ON FUNCTION palliative.prepared_supply_send(palliative.prepared_supply) IS 'Binary send function of prepared_supply.';

CREATE TYPE palliative.fca_part;
CREATE FUNCTION palliative.fca_part_in(cstring) RETURNS palliative.fca_part
    AS 'MODULE_PATHNAME', 'fca_part_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_part_out(palliative.fca_part) RETURNS cstring
    AS 'MODULE_PATHNAME', 'fca_part_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_part_recv(internal) RETURNS palliative.fca_part
    AS 'MODULE_PATHNAME', 'fca_part_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_part_send(palliative.fca_part) RETURNS bytea
    AS 'MODULE_PATHNAME', 'fca_part_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE palliative.fca_part (
    INPUT = palliative.fca_part_in,
    OUTPUT = palliative.fca_part_out,
    RECEIVE = palliative.fca_part_recv,
    SEND = palliative.fca_part_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE palliative.fca_part IS
'What one demand row adds to the step-1 sums of a floating-catchment method: the facilities within its catchment and its terms, with the fingerprint of the prepared supply and the method. Made by palliative.fca_demand_part, summed by palliative.fca_step1. Text and binary forms as prepared_supply''s.';
COMMENT ON FUNCTION palliative.fca_part_in(cstring) IS 'Input function of fca_part: base64 of the binary form, every field checked.';
COMMENT ON FUNCTION palliative.fca_part_out(palliative.fca_part) IS 'Output function of fca_part: base64 of the binary form.';
COMMENT ON FUNCTION palliative.fca_part_recv(internal) IS 'Binary receive function of fca_part, checked like input.';
COMMENT ON FUNCTION palliative.fca_part_send(palliative.fca_part) IS 'Binary send function of fca_part.';

CREATE TYPE palliative.fca_sums;
CREATE FUNCTION palliative.fca_sums_in(cstring) RETURNS palliative.fca_sums
    AS 'MODULE_PATHNAME', 'fca_sums_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_sums_out(palliative.fca_sums) RETURNS cstring
    AS 'MODULE_PATHNAME', 'fca_sums_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_sums_recv(internal) RETURNS palliative.fca_sums
    AS 'MODULE_PATHNAME', 'fca_sums_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.fca_sums_send(palliative.fca_sums) RETURNS bytea
    AS 'MODULE_PATHNAME', 'fca_sums_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE palliative.fca_sums (
    INPUT = palliative.fca_sums_in,
    OUTPUT = palliative.fca_sums_out,
    RECEIVE = palliative.fca_sums_recv,
    SEND = palliative.fca_sums_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = external
);
COMMENT ON TYPE palliative.fca_sums IS
'Step-1 sums of a floating-catchment method over a set of demand rows: per facility the weighted demand (and for bfca the total weight), dense or sparse (only the facilities some row reaches, when that is smaller), with the number of rows, their SRID, the method and the fingerprint of the prepared supply. The state and result of palliative.fca_step1; O(facilities). Text and binary forms as prepared_supply''s; input checks every field (22P02 text, 22P03 binary).';
COMMENT ON FUNCTION palliative.fca_sums_in(cstring) IS 'Input function of fca_sums: base64 of the binary form, every field checked.';
COMMENT ON FUNCTION palliative.fca_sums_out(palliative.fca_sums) IS 'Output function of fca_sums: base64 of the binary form.';
COMMENT ON FUNCTION palliative.fca_sums_recv(internal) IS 'Binary receive function of fca_sums, checked like input.';
COMMENT ON FUNCTION palliative.fca_sums_send(palliative.fca_sums) IS 'Binary send function of fca_sums.';

CREATE FUNCTION palliative.prepare_supply(supply_sql text, decay palliative.decay)
RETURNS palliative.prepared_supply
AS 'MODULE_PATHNAME', 'pal_prepare_supply'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION palliative.prepare_supply(text, palliative.decay) IS
'The supply side of the distributable form: supply_sql (id bigint, geom geometry(Point, 4326), capacity double precision, read and checked as palliative.fca reads it) and the decay in one palliative.prepared_supply value. Keep it in a table (on Citus a reference table) and join it to the demand. Runs the caller''s query, so it is VOLATILE and PARALLEL UNSAFE: prepare first, then compute in parallel. A travel-time decay is an error (22023): the distributable form measures great-circle distances.';

CREATE FUNCTION palliative.fca_demand_part(
    supply palliative.prepared_supply,
    decay palliative.decay,
    method text,
    id bigint,
    geom public.geometry,
    weight double precision)
RETURNS palliative.fca_part
AS 'MODULE_PATHNAME', 'pal_fca_demand_part'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
-- a catchment scan a row (tens of microseconds): the planner then runs it
-- in parallel workers when the demand is large
COST 500;
COMMENT ON FUNCTION palliative.fca_demand_part(palliative.prepared_supply, palliative.decay, text, bigint, public.geometry, double precision) IS
'Step 1 for one demand row (id, geom, weight) of a method (2sfca, 3sfca, m2sfca, bfca, gravity): its part of the per-facility sums, for palliative.fca_step1. The row is checked as palliative.fca checks demand rows: null id, geom or weight (22004), negative, NaN or infinite weight (22003), non-point, empty or out-of-range point, SRID other than 4326/6668/4612 (22023). decay must be the one the supply was prepared with (22023 naming both), method known (22023).';

CREATE FUNCTION palliative.fca_step1_trans(palliative.fca_sums, palliative.fca_part)
RETURNS palliative.fca_sums
AS 'MODULE_PATHNAME', 'pal_fca_step1_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.fca_step1_trans(palliative.fca_sums, palliative.fca_part) IS
'Transition function of fca_step1: adds a demand row''s part (in place in the aggregate''s state). Parts of another prepared supply or method, or of rows of another SRID, are an error (22023).';

CREATE FUNCTION palliative.fca_step1_combine(palliative.fca_sums, palliative.fca_sums)
RETURNS palliative.fca_sums
AS 'MODULE_PATHNAME', 'pal_fca_step1_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.fca_step1_combine(palliative.fca_sums, palliative.fca_sums) IS
'Combine function of fca_step1: adds the sums of two sets of demand rows. Sums of different prepared supplies or methods, or of rows of different SRIDs, are an error (22023).';

CREATE FUNCTION palliative.fca_step1_final(palliative.fca_sums)
RETURNS palliative.fca_sums
AS 'MODULE_PATHNAME', 'pal_fca_step1_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.fca_step1_final(palliative.fca_sums) IS
'Final function of fca_step1: the sums in their stored form (dense or sparse, whichever is smaller).';

CREATE AGGREGATE palliative.fca_step1(part palliative.fca_part) (
    SFUNC = palliative.fca_step1_trans,
    STYPE = palliative.fca_sums,
    COMBINEFUNC = palliative.fca_step1_combine,
    FINALFUNC = palliative.fca_step1_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.fca_step1(palliative.fca_part) IS
'Step 1 of a floating-catchment method: the per-facility sums over the demand rows whose parts (palliative.fca_demand_part) it aggregates; NULL over no rows. Parallel safe with a combine function, and its state has a type of its own, so PostgreSQL''s parallel workers and Citus''s workers each sum their rows and the leader or coordinator adds the partial sums (one value per worker or shard, O(facilities)).';

CREATE AGGREGATE palliative.fca_step1(sums palliative.fca_sums) (
    SFUNC = palliative.fca_step1_combine,
    STYPE = palliative.fca_sums,
    COMBINEFUNC = palliative.fca_step1_combine,
    FINALFUNC = palliative.fca_step1_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.fca_step1(palliative.fca_sums) IS
'Step 1 over partial sums: adds fca_sums computed over sets of demand rows (for example one per region, with GROUP BY the distribution column, which Citus runs entirely on its workers), as if over all their rows. Sums of different prepared supplies or methods, or of rows of different SRIDs, are an error (22023).';

CREATE FUNCTION palliative.fca_sums_summary(
    sums palliative.fca_sums,
    OUT method text,
    OUT facilities integer,
    OUT stored integer,
    OUT demand_rows bigint,
    OUT srid integer,
    OUT bytes integer)
RETURNS record
AS 'MODULE_PATHNAME', 'pal_fca_sums_summary'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.fca_sums_summary(palliative.fca_sums) IS
'What step-1 sums hold: the method, the facilities of the prepared supply, the facilities stored (those some demand row reaches, when sparse; all of them when dense), the demand rows summed, their SRID (0 before any row) and the bytes of the binary form (what Citus ships for it, before base64 in text).';

CREATE FUNCTION palliative.fca_access(
    supply palliative.prepared_supply,
    decay palliative.decay,
    method text,
    sums palliative.fca_sums,
    id bigint,
    geom public.geometry,
    weight double precision,
    OUT access double precision,
    OUT reachable integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pal_fca_access'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
-- one row; set-returning so that a subquery calling it in its select list
-- is kept apart (not pulled up, which would call it once per column), and
-- so that the planner counts its cost per demand row and runs it in workers
COST 500 ROWS 1;
COMMENT ON FUNCTION palliative.fca_access(palliative.prepared_supply, palliative.decay, text, palliative.fca_sums, bigint, public.geometry, double precision) IS
'Step 2 for one demand row (id, geom, weight, as passed to fca_demand_part): one row (access, reachable) as palliative.fca gives them, from the step-1 sums of palliative.fca_step1 over the demand (NULL sums, the sum over no rows, count as no demand; gravity needs none). Sums of another prepared supply or method are an error (22023), so is a row whose SRID differs from the rows the sums come from; the row is checked as fca_demand_part checks it, and an access that overflows or a weighted demand that underflowed is 22003 as in fca.';

CREATE FUNCTION palliative.fca_distributed(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    method text DEFAULT '2sfca')
RETURNS TABLE (demand_id bigint, access double precision, reachable integer)
AS 'MODULE_PATHNAME', 'pal_fca_distributed_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION palliative.fca_distributed(text, text, palliative.decay, text) IS
'palliative.fca (without cost_sql) computed through the distributable form: supply_sql is prepared once (palliative.prepare_supply), step 1 runs as the aggregate fca_step1 over demand_sql and step 2 as fca_access over it, as two statements that PostgreSQL may run in parallel workers and Citus pushes down to its workers when demand_sql reads a distributed table. Inputs are checked as fca checks them (demand_sql''s columns by the reader before it runs, duplicate demand ids 23505); the same rows as fca to 1e-12 relative, in no particular order. refresh() uses it when palliative.population is distributed by Citus.';

CREATE FUNCTION palliative.fca_ratios(
    supply palliative.prepared_supply,
    decay palliative.decay,
    method text,
    sums palliative.fca_sums)
RETURNS TABLE (supply_id bigint, ratio double precision, demand_reached double precision)
AS 'MODULE_PATHNAME', 'pal_fca_ratios_sql'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION palliative.fca_ratios(palliative.prepared_supply, palliative.decay, text, palliative.fca_sums) IS
'The facility side from the step-1 sums: (supply_id, ratio, demand_reached), one row per facility in the order of supply_sql, as palliative.fca_supply gives them. NULL sums (over no demand rows) count as no demand.';

CREATE FUNCTION palliative.citus_distributed(rel regclass) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'citus') THEN
        RETURN false;
    END IF;
    -- Citus's catalog exists only with Citus: read it by name
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition p '
            'WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1 AND p.partmethod OPERATOR(pg_catalog.=) ''h'')'
        INTO found USING rel;
    RETURN found;
END
$$;
COMMENT ON FUNCTION palliative.citus_distributed(regclass) IS
'Whether the table is hash-distributed by Citus (false without Citus). refresh() computes floating-catchment standards with palliative.fca_distributed when palliative.population is, so that both steps run on the workers.';
