-- @area Strengthening plan
-- The source document proposes to strengthen palliative care at the
-- institutions that are not base hospitals (training, practice) where it
-- helps most.  palliative.strengthen answers "which k facilities, if they
-- met a standard, would bring the most people within its reach", by the
-- greedy rule for maximum coverage, computed in C (a lazy greedy over a
-- spatial index of the demand cells; no pair table is built).  It runs
-- candidates_sql, so it sets no search_path: the query sees the caller's,
-- as if the caller ran it; the SQL it writes itself names every object
-- with its schema.

CREATE FUNCTION palliative.strengthen(
    standard text,
    k integer DEFAULT 10,
    candidates_sql text DEFAULT NULL,
    greedy text DEFAULT 'lazy')
RETURNS TABLE (step integer, facility_id bigint, facility_name text, region_code text,
               newly_covered double precision, covered_total double precision,
               covered_share double precision)
AS 'MODULE_PATHNAME', 'pal_strengthen_sql'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION palliative.strengthen(text, integer, text, text) IS
'A strengthening plan for a standard: up to k facilities that, if they met the standard''s requirements, would bring the most demand not yet covered within its catchment, chosen greedily: each step takes the candidate adding the most uncovered demand (ties: the lower facility id); the plan stops early when no candidate adds anything. A demand cell (a row of palliative.population, weighted by the standard''s demand_column; only the rows of the standard''s demand_source when it is set; a NULL demand is unknown and refused, 22004) is covered by a facility when decay_weight(standard.decay, great-circle distance) > 0; cells covered today (by facilities listed in palliative.standard_facility for the standard, with a location) count for nothing. Candidates: by default the hospitals and clinics with a location that do not meet the standard today; candidates_sql, when given, returns at least the column id bigint of palliative.facility rows (other columns are ignored). Returns step (1, 2, ...), facility_id, facility_name, region_code (the candidate''s secondary medical region), newly_covered (demand the step adds), covered_total (demand covered after the step, including what is covered today) and covered_share (covered_total over all demand; NULL when there is none). The greedy covers at least 1 - 1/e (63%) of the best possible k-set. greedy: lazy (default: a heap of stale gains, re-evaluated only when popped) or plain (re-evaluates every candidate at every step; the same plan, for checks and benchmarks). Errors: null standard or k (22004); unknown standard, k < 1, unknown greedy, a travel-time standard (22023); candidates_sql without column id (42703) or with a non-integer id (42804); a null id (22004), an id not in palliative.facility (23503), a candidate without location (22004), a duplicate id (23505); demand whose sum overflows double precision (22003, naming its largest row).';
