-- palliative.decay: text forms, canonical output, weights, cutoffs, errors
SET extra_float_digits = 0;
SELECT d::palliative.decay AS decay, palliative.decay_cutoff(d::palliative.decay) AS cutoff,
       palliative.decay_is_time(d::palliative.decay) AS is_time
FROM (VALUES ('binary(30km)'), (' linear( 500 m )'), ('gaussian(30km)'), ('exponential(0.1/km, 60km)'),
             ('power(1.5, 60km)'), ('power(1, 61min)'), ('binary(1.5h)'),
             ('step(10km:1, 20km:0.68, 30km:0.22)'), ('step(500m:1, 2km:0.5)'),
             ('logistic(30km, 10km, 60km)'), ('logistic(20min, 5min, 1h)')) v(d);

-- weights at and around the boundaries (inclusive)
SELECT d, x, round(palliative.decay_weight(d::palliative.decay, x)::numeric, 12) AS weight
FROM (VALUES ('binary(30km)'), ('linear(30km)'), ('gaussian(30km)'), ('exponential(0.1/km, 60km)'),
             ('power(1.5, 60km)'), ('step(10km:1, 20km:0.68, 30km:0.22)')) v(d),
     unnest(ARRAY[0, 500, 10000, 10000.001, 15000, 20000, 30000, 30000.001, 60000, 60000.001]) x
ORDER BY d, x;
-- logistic (Bauer and Groenewold 2016) against its formula g(0)/g(d), g(d) = 1 + exp(pi (d - m) / (sd sqrt 3))
SELECT x, abs(palliative.decay_weight('logistic(30km, 10km, 60km)', x)
              - (1 + exp(-pi() * 30000 / (10000 * sqrt(3)))) / (1 + exp(pi() * (x - 30000) / (10000 * sqrt(3))))) < 1e-15 AS formula,
       palliative.decay_weight('logistic(30km, 10km, 60km)', x) > 0 AS positive
FROM unnest(ARRAY[0, 10000, 29999.5, 30000, 45000, 60000, 60000.001]) x;
SELECT palliative.decay_weight('power(1, 61min)', 60) = 1.0 / 60 AS power_minutes,
       palliative.decay_weight('binary(6min)', 0) AS cost_zero_counts;

-- round trip through text and storage
CREATE TEMP TABLE decays (d palliative.decay);
INSERT INTO decays VALUES ('gaussian(30km)'), ('step(10km:1, 20km:0.68, 30km:0.22)'), ('exponential(0.002/m, 60km)'),
  ('logistic(30000m, 10km, 60km)');
-- binary send and receive: decay_send's bytes read back by a binary COPY (decay_recv)
CREATE TEMP TABLE decays_back (d palliative.decay);
CREATE FUNCTION pg_temp.copy_back(bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    file text := 'palliative_decay_test.bin';
    lo oid;
BEGIN
    lo := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
                           || '\x0001'::bytea || int4send(length(bytes)) || bytes || '\xffff'::bytea);
    PERFORM lo_export(lo, file);
    PERFORM lo_unlink(lo);
    TRUNCATE decays_back;
    BEGIN
        EXECUTE format('COPY decays_back FROM %L (FORMAT binary)', file);
        RETURN (SELECT d::text FROM decays_back);
    EXCEPTION WHEN OTHERS THEN
        RETURN SQLSTATE || ': ' || SQLERRM;
    END;
END $$;
SELECT d, length(palliative.decay_send(d)) AS send_bytes,
       pg_temp.copy_back(palliative.decay_send(d)) = d::text AS binary_round_trip
FROM decays;
-- a logistic without its standard deviation, a binary value with one
SELECT pg_temp.copy_back(overlay(palliative.decay_send('logistic(30km, 10km, 60km)') placing '\x0000000000000000'::bytea from 24 for 8)) AS no_sd,
       pg_temp.copy_back(overlay(palliative.decay_send('gaussian(30km)') placing float8send(1000) from 24 for 8)) AS gaussian_with_sd,
       pg_temp.copy_back(substring(palliative.decay_send('gaussian(30km)') from 1 for 23)) AS old_layout;
SELECT d, d::text::palliative.decay::text = d::text AS round_trip FROM decays;

-- invalid text: 22P02
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT t, pg_temp.err(format('SELECT %L::palliative.decay', t)) AS error
FROM (VALUES ('binary(0km)'), ('binary(-5km)'), ('binary(30)'), ('binary(30 miles)'), ('cosine(30km)'),
             ('step(10km:1, 10km:0.5)'), ('step(20km:1, 10km:0.5)'), ('step(10km:1.5)'), ('step(10km:-0.1)'),
             ('exponential(0.1/min, 60km)'), ('power(-1, 60km)'), ('binary(30km) extra'), (''),
             ('logistic(30km, 0km, 60km)'), ('logistic(30km, 10min, 60km)'), ('logistic(30km, 60km)')) v(t);
SELECT pg_temp.err($$SELECT palliative.decay_weight('binary(1km)', -1)$$);
SELECT pg_temp.err($$SELECT palliative.decay_weight('binary(1km)', 'NaN')$$);
