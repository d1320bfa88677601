-- @area Accessibility: floating catchments and nearest facilities
-- pgRouting-style functions that take inner queries as text: demand_sql
-- returns (id, geom, weight), supply_sql (id, geom, capacity), cost_sql
-- (demand_id, supply_id, cost).  Points are lon/lat (SRID 4326, 6668 or
-- 4612); distances are great-circle metres on the 6371008.8 m sphere.
-- These functions run the caller's queries, so they are VOLATILE and
-- PARALLEL UNSAFE (the queries may call functions that are), and they set
-- no search_path: the queries see the caller's, as if the caller ran them.
-- The SQL wrapped around them names every object with its schema.

CREATE FUNCTION palliative.fca(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    method text DEFAULT '2sfca',
    cost_sql text DEFAULT NULL)
RETURNS TABLE (demand_id bigint, access double precision, reachable integer)
AS 'MODULE_PATHNAME', 'pal_fca_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.fca(text, text, palliative.decay, text, text) IS
'Floating-catchment accessibility of every demand row: (demand_id, access, reachable), one row per demand row in its order. demand_sql returns id bigint, geom geometry(Point, 4326), weight double precision; supply_sql returns id, geom, capacity. Methods (R_j facility ratio, W decay weight, P weight, S capacity): 2sfca R_j = S_j / sum_k P_k W_kj, A_i = sum_j R_j W_ij (E2SFCA with a step decay, G2SFCA with gaussian); 3sfca with selection weights G_ij = W_ij / sum_l W_il; m2sfca A_i = sum_j R_j W_ij^2; bfca balanced (Paez et al.); gravity A_i = sum_j S_j W_ij. reachable counts facilities with W_ij > 0; a facility with no weighted demand contributes nothing. cost_sql (demand_id, supply_id, cost) replaces distances: metres for a distance decay, minutes for a travel-time decay (which requires it); a pair missing from cost_sql is unreachable, and geom may then be left out. Errors: null id, geom, weight or capacity (22004); negative, NaN, infinite or subnormal numbers, and results that would overflow or underflow double precision (a weighted demand, ratio or access that is not a finite normal number), naming the facility or demand row (22003); non-point, empty or out-of-range points, SRID other than 4326/6668/4612, unknown method, time decay without cost_sql, cost_sql ids not in the inputs (22023); duplicate ids or pairs (23505); missing columns (42703) or wrong types (42804).';

CREATE FUNCTION palliative.fca_supply(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    method text DEFAULT '2sfca',
    cost_sql text DEFAULT NULL)
RETURNS TABLE (supply_id bigint, ratio double precision, demand_reached double precision)
AS 'MODULE_PATHNAME', 'pal_fca_supply_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.fca_supply(text, text, palliative.decay, text, text) IS
'The facility side of palliative.fca, with the same arguments: one row per supply row, (supply_id, ratio, demand_reached). demand_reached is the weighted demand the facility serves (sum_k P_k W_kj for 2sfca and m2sfca, with selection weights for 3sfca and bfca); ratio is capacity / demand_reached (0 when nothing is reached), the capacity itself for gravity. A high demand_reached per capacity means a crowded facility.';

CREATE FUNCTION palliative.nearest(
    demand_sql text,
    supply_sql text,
    k integer DEFAULT 1,
    max_distance double precision DEFAULT NULL,
    cost_sql text DEFAULT NULL,
    decay palliative.decay DEFAULT NULL)
RETURNS TABLE (demand_id bigint, supply_id bigint, rank integer, distance double precision)
AS 'MODULE_PATHNAME', 'pal_nearest_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.nearest(text, text, integer, double precision, text, palliative.decay) IS
'The k nearest facilities of every demand row: (demand_id, supply_id, rank, distance), in demand order then rank; ties by supply_id. demand_sql returns id, geom; supply_sql returns id, geom. distance is great-circle metres (as ST_Distance(a::geography, b::geography, false)), or the cost from cost_sql when given; max_distance (metres, or the cost unit) drops farther facilities. decay, when given, keeps only the facilities within its catchment, that is with decay_weight(decay, distance) > 0, as palliative.fca counts them (a step decay ending in weight 0 ends the catchment there); a travel-time decay needs cost_sql (22023). Input errors as for palliative.fca; k below 1 or a negative max_distance is an error (22023).';
