-- @area Capacity and competition: who can actually be served
-- Inner queries as for palliative.fca: demand_sql returns (id, geom,
-- weight), supply_sql (id, geom, capacity), cost_sql (demand_id, supply_id,
-- cost), read and checked the same way.  A facility reaches a demand row
-- when the decay's weight is positive.  Like fca these run the caller's
-- queries: VOLATILE, PARALLEL UNSAFE, no search_path of their own.

CREATE FUNCTION palliative.capacity_coverage(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    cost_sql text DEFAULT NULL,
    allocation text DEFAULT 'optimal')
RETURNS TABLE (demand_id bigint, demand double precision, served double precision, reachable integer)
AS 'MODULE_PATHNAME', 'pal_capacity_coverage_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.capacity_coverage(text, text, palliative.decay, text, text) IS
'Demand served within the facilities'' capacities: (demand_id, demand, served, reachable), one row per demand row in its order; demand is the row''s weight, served the part of it allocated to facilities within reach (W_ij > 0), reachable the number of those facilities. allocation ''optimal'' (the default): the exact minimum-cost maximum flow, the allocation that serves the most demand in total with no facility above its capacity and no row above its demand, and among those the least total distance (or cost_sql cost) travelled; it does not depend on row order. allocation ''sequential'': AccessMod''s geographic coverage, for comparison: facilities in the order of a column priority of supply_sql (smaller first), then id, each serving the nearest demand left within reach (ties: smaller demand id) until its capacity is used. Inputs and their errors as for palliative.fca; also: an unknown allocation (22023); a missing priority column for sequential (42703), a null (22004) or negative, NaN or infinite (22003) priority.';

CREATE FUNCTION palliative.capacity_coverage_supply(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    cost_sql text DEFAULT NULL,
    allocation text DEFAULT 'optimal')
RETURNS TABLE (supply_id bigint, capacity double precision, load double precision)
AS 'MODULE_PATHNAME', 'pal_capacity_coverage_supply_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.capacity_coverage_supply(text, text, palliative.decay, text, text) IS
'The facility side of palliative.capacity_coverage, with the same arguments and the same allocation: one row per supply row in its order, (supply_id, capacity, load); load is the demand the facility serves, at most its capacity. The loads sum to the total served.';

CREATE FUNCTION palliative.capacity_allocation(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    cost_sql text DEFAULT NULL,
    allocation text DEFAULT 'optimal')
RETURNS TABLE (demand_id bigint, supply_id bigint, amount double precision, cost double precision)
AS 'MODULE_PATHNAME', 'pal_capacity_allocation_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.capacity_allocation(text, text, palliative.decay, text, text) IS
'Who serves whom in palliative.capacity_coverage, with the same arguments and the same allocation: one row per pair with a positive amount, (demand_id, supply_id, amount, cost), by demand id then supply id; cost is the pair''s distance in metres or its cost_sql cost. The amounts of a demand row sum to its served demand, those of a facility to its load, and sum(amount * cost) is the total distance (or cost) the allocation minimises.';

CREATE FUNCTION palliative.spatial_availability(
    demand_sql text,
    supply_sql text,
    decay palliative.decay,
    alpha double precision DEFAULT 1,
    cost_sql text DEFAULT NULL)
RETURNS TABLE (demand_id bigint, availability double precision)
AS 'MODULE_PATHNAME', 'pal_spatial_availability_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.spatial_availability(text, text, palliative.decay, double precision, text) IS
'Spatial availability (Soukhov et al. 2023): each facility''s capacity shared among the demand rows that reach it in proportion to P_i^alpha W_ij (P weight, W decay weight), summed per demand row: (demand_id, availability), one row per demand row in its order. The availabilities sum to the capacity of the facilities that reach some demand (sum_k P_k^alpha W_kj > 0); with alpha 0 every row within reach counts alike, whatever its weight. Inputs and errors as for palliative.fca; a null (22004), negative, NaN or infinite alpha (22023).';

CREATE FUNCTION palliative.cost_to_capacity(
    demand_sql text,
    supply_sql text,
    max_cost double precision,
    n double precision DEFAULT NULL,
    cost_sql text DEFAULT NULL)
RETURNS TABLE (demand_id bigint, cost double precision)
AS 'MODULE_PATHNAME', 'pal_cost_to_capacity_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.cost_to_capacity(text, text, double precision, double precision, text) IS
'How far each demand row must reach to find enough capacity: (demand_id, cost), one row per demand row in its order; cost is the least distance in metres (or cost_sql cost) at which the capacity of the facilities within it (boundary included) is at least n, or, when n is NULL, first exceeds the row''s own weight (the balancing cost of IPEA''s accessibility package); NULL when that does not happen within max_cost (metres, or the unit of cost_sql; Infinity for no limit). With n given, demand_sql needs only id and geom; n = 0 gives 0. Inputs and errors as for palliative.fca; max_cost null (22004), not positive or NaN (22023); n negative, NaN or infinite (22023).';
