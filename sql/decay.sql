-- palliative.decay: text forms, canonical output, weights, cutoffs, errors
SET extra_float_digits = 0;
SELECT d::palliative.decay AS decay, palliative.decay_cutoff(d::palliative.decay) AS cutoff,
       palliative.decay_is_time(d::palliative.decay) AS is_time
FROM (VALUES ('binary(30km)'), (' linear( 500 m )'), ('gaussian(30km)'), ('exponential(0.1/km, 60km)'),
             ('power(1.5, 60km)'), ('power(1, 61min)'), ('binary(1.5h)'),
             ('step(10km:1, 20km:0.68, 30km:0.22)'), ('step(500m:1, 2km:0.5)')) v(d);

-- weights at and around the boundaries (inclusive)
SELECT d, x, round(palliative.decay_weight(d::palliative.decay, x)::numeric, 12) AS weight
FROM (VALUES ('binary(30km)'), ('linear(30km)'), ('gaussian(30km)'), ('exponential(0.1/km, 60km)'),
             ('power(1.5, 60km)'), ('step(10km:1, 20km:0.68, 30km:0.22)')) v(d),
     unnest(ARRAY[0, 500, 10000, 10000.001, 15000, 20000, 30000, 30000.001, 60000, 60000.001]) x
ORDER BY d, x;
SELECT palliative.decay_weight('power(1, 61min)', 60) = 1.0 / 60 AS power_minutes,
       palliative.decay_weight('binary(6min)', 0) AS cost_zero_counts;

-- round trip through text and storage
CREATE TEMP TABLE decays (d palliative.decay);
INSERT INTO decays VALUES ('gaussian(30km)'), ('step(10km:1, 20km:0.68, 30km:0.22)'), ('exponential(0.002/m, 60km)');
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
             ('exponential(0.1/min, 60km)'), ('power(-1, 60km)'), ('binary(30km) extra'), ('')) v(t);
SELECT pg_temp.err($$SELECT palliative.decay_weight('binary(1km)', -1)$$);
SELECT pg_temp.err($$SELECT palliative.decay_weight('binary(1km)', 'NaN')$$);
