-- @area Inequality aggregates
-- Weighted inequality of a value (such as access) over weights (such as
-- population): palliative.gini, palliative.theil_t, palliative.palma.
-- All are parallel safe with combine functions.  Rows with a null value or
-- weight are skipped; negative, NaN or infinite numbers are an error (22003).
-- The measures do not change when all values or all weights are scaled, so
-- they are computed on values and weights divided by the largest: any finite
-- input gives a finite result.

CREATE FUNCTION palliative.ineq_pairs_transfn(internal, double precision, double precision)
    RETURNS internal AS 'MODULE_PATHNAME', 'ineq_pairs_transfn'
    LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_pairs_combinefn(internal, internal)
    RETURNS internal AS 'MODULE_PATHNAME', 'ineq_pairs_combinefn'
    LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_pairs_serialfn(internal)
    RETURNS bytea AS 'MODULE_PATHNAME', 'ineq_pairs_serialfn'
    LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_pairs_deserialfn(bytea, internal)
    RETURNS internal AS 'MODULE_PATHNAME', 'ineq_pairs_deserialfn'
    LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_gini_finalfn(internal)
    RETURNS double precision AS 'MODULE_PATHNAME', 'ineq_gini_finalfn'
    LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_palma_finalfn(internal)
    RETURNS double precision AS 'MODULE_PATHNAME', 'ineq_palma_finalfn'
    LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_theil_transfn(double precision[], double precision, double precision)
    RETURNS double precision[] AS 'MODULE_PATHNAME', 'ineq_theil_transfn'
    LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_theil_combinefn(double precision[], double precision[])
    RETURNS double precision[] AS 'MODULE_PATHNAME', 'ineq_theil_combinefn'
    LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION palliative.ineq_theil_finalfn(double precision[])
    RETURNS double precision AS 'MODULE_PATHNAME', 'ineq_theil_finalfn'
    LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION palliative.ineq_pairs_transfn(internal, double precision, double precision) IS 'Transition function of gini and palma: collects (value, weight) pairs.';
COMMENT ON FUNCTION palliative.ineq_pairs_combinefn(internal, internal) IS 'Combine function of gini and palma.';
COMMENT ON FUNCTION palliative.ineq_pairs_serialfn(internal) IS 'Serialize function of gini and palma.';
COMMENT ON FUNCTION palliative.ineq_pairs_deserialfn(bytea, internal) IS 'Deserialize function of gini and palma; checks the size.';
COMMENT ON FUNCTION palliative.ineq_gini_finalfn(internal) IS 'Final function of gini.';
COMMENT ON FUNCTION palliative.ineq_palma_finalfn(internal) IS 'Final function of palma.';
COMMENT ON FUNCTION palliative.ineq_theil_transfn(double precision[], double precision, double precision) IS 'Transition function of theil_t: running sums {sum w, sum w x, sum w x ln x} over weights and values divided by the largest weight and value so far (so that no sum overflows), and those two.';
COMMENT ON FUNCTION palliative.ineq_theil_combinefn(double precision[], double precision[]) IS 'Combine function of theil_t.';
COMMENT ON FUNCTION palliative.ineq_theil_finalfn(double precision[]) IS 'Final function of theil_t.';

CREATE AGGREGATE palliative.gini(value double precision, weight double precision) (
    SFUNC = palliative.ineq_pairs_transfn,
    STYPE = internal,
    FINALFUNC = palliative.ineq_gini_finalfn,
    COMBINEFUNC = palliative.ineq_pairs_combinefn,
    SERIALFUNC = palliative.ineq_pairs_serialfn,
    DESERIALFUNC = palliative.ineq_pairs_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.gini(double precision, double precision) IS
'Weighted Gini coefficient of value over weight (0 equal, towards 1 concentrated), from the Lorenz curve: 1 - sum (F_k - F_k-1)(L_k + L_k-1). NULL when the total weight or the weighted total value is 0.';

CREATE AGGREGATE palliative.palma(value double precision, weight double precision) (
    SFUNC = palliative.ineq_pairs_transfn,
    STYPE = internal,
    FINALFUNC = palliative.ineq_palma_finalfn,
    COMBINEFUNC = palliative.ineq_pairs_combinefn,
    SERIALFUNC = palliative.ineq_pairs_serialfn,
    DESERIALFUNC = palliative.ineq_pairs_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.palma(double precision, double precision) IS
'Weighted Palma ratio: the share of value held by the top 10% of the weight divided by the share held by the bottom 40% (weights split at the boundaries). NULL when undefined (no weight, no value, or the bottom 40% hold nothing).';

CREATE AGGREGATE palliative.theil_t(value double precision, weight double precision) (
    SFUNC = palliative.ineq_theil_transfn,
    STYPE = double precision[],
    INITCOND = '{0,0,0,0,0}',
    FINALFUNC = palliative.ineq_theil_finalfn,
    COMBINEFUNC = palliative.ineq_theil_combinefn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE palliative.theil_t(double precision, double precision) IS
'Weighted Theil T index of value over weight: (1/W) sum w (x/mu) ln(x/mu), mu the weighted mean (0 equal, ln n when one of n holds everything). NULL when the total weight or the weighted total value is 0.';
