-- @area Distance decay: the decay type
-- A decay is a distance-decay function with its catchment, used by the
-- floating-catchment methods: 'gaussian(30km)', 'step(10km:1, 20km:0.68)'.
-- Distances are metres (units m, km); travel times minutes (units min, h).

CREATE TYPE palliative.decay;

CREATE FUNCTION palliative.decay_in(cstring) RETURNS palliative.decay
    AS 'MODULE_PATHNAME', 'decay_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.decay_out(palliative.decay) RETURNS cstring
    AS 'MODULE_PATHNAME', 'decay_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.decay_recv(internal) RETURNS palliative.decay
    AS 'MODULE_PATHNAME', 'decay_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION palliative.decay_send(palliative.decay) RETURNS bytea
    AS 'MODULE_PATHNAME', 'decay_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE palliative.decay (
    INPUT = palliative.decay_in,
    OUTPUT = palliative.decay_out,
    RECEIVE = palliative.decay_recv,
    SEND = palliative.decay_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE palliative.decay IS
'A distance-decay function with its catchment. Text forms: binary(30km), linear(30km), gaussian(30km) (Dai''s Gaussian), exponential(0.1/km, 60km), power(1.5, 60km), step(10km:1, 20km:0.68, 30km:0.22), logistic(30km, 10km, 60km) (Bauer and Groenewold 2016: median, standard deviation, cutoff); units m, km (distance) or min, h (travel time). Weights are 0 beyond the cutoff and boundaries are inclusive. Invalid text is an error (22P02).';
COMMENT ON FUNCTION palliative.decay_in(cstring) IS 'Input function of decay: parses the text form.';
COMMENT ON FUNCTION palliative.decay_out(palliative.decay) IS 'Output function of decay: the canonical text form.';
COMMENT ON FUNCTION palliative.decay_recv(internal) IS 'Binary receive function of decay, checked like input.';
COMMENT ON FUNCTION palliative.decay_send(palliative.decay) IS 'Binary send function of decay.';

CREATE FUNCTION palliative.decay_weight(decay palliative.decay, distance double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'decay_weight' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.decay_weight(palliative.decay, double precision) IS
'Weight of the decay at a distance in metres (distance decays) or a cost in minutes (time decays): binary 1; linear 1 - d/c; gaussian (exp(-(d/c)^2/2) - exp(-1/2)) / (1 - exp(-1/2)); exponential exp(-beta d); power min(1, d^-beta) (d in the unit the text names); step w_k on (s_k-1, s_k]; logistic g(0)/g(d) with g(d) = 1 + exp(pi (d - median) / (sd sqrt 3)). 0 beyond the cutoff; boundaries inclusive. A negative or NaN distance is an error (22003).';

CREATE FUNCTION palliative.decay_cutoff(decay palliative.decay)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'decay_cutoff' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.decay_cutoff(palliative.decay) IS
'The catchment of the decay in its base unit: metres for m and km, minutes for min and h.';

CREATE FUNCTION palliative.decay_is_time(decay palliative.decay)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'decay_is_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.decay_is_time(palliative.decay) IS
'True when the decay measures travel time (units min, h) and so needs costs (cost_sql) rather than distances.';
