-- palliative.gini, theil_t, palma: known values, weights, parallel plans
SET extra_float_digits = 0;
SELECT round(palliative.gini(x, 1)::numeric, 12) AS gini, round(palliative.theil_t(x, 1)::numeric, 12) AS theil_t,
       round(palliative.palma(x, 1)::numeric, 12) AS palma
FROM generate_series(1, 10) x;
-- one of four holds everything: gini 1 - 1/4, theil ln 4
SELECT round(palliative.gini(x, 1)::numeric, 12) AS gini, round(palliative.theil_t(x, 1)::numeric, 12) AS theil_t,
       round(ln(4)::numeric, 12) AS ln4, palliative.palma(x, 1) AS palma
FROM unnest(ARRAY[0, 0, 0, 5]) x;
-- weights act as repetitions
SELECT round(palliative.gini(x, w)::numeric, 12) AS weighted, (SELECT round(palliative.gini(x, 1)::numeric, 12) FROM unnest(ARRAY[1, 3, 3]) x) AS repeated
FROM (VALUES (1, 1), (3, 2)) v(x, w);
-- nulls skipped; empty and all-zero inputs undefined (NULL)
SELECT palliative.gini(x, w) IS NULL AS empty_null FROM (VALUES (NULL::float8, 1::float8)) v(x, w);
SELECT palliative.gini(0, 1) IS NULL AS zero_null, palliative.theil_t(0, 1) IS NULL AS zero_null_t;

-- a parallel plan with combine functions gives the serial answer
CREATE TABLE ineq_data AS SELECT (i % 97) * 1.5 AS x, 1 + i % 7 AS w FROM generate_series(1, 100000) i;
ANALYZE ineq_data;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT palliative.gini(x, w), palliative.theil_t(x, w), palliative.palma(x, w) FROM ineq_data;
CREATE TEMP TABLE par AS SELECT palliative.gini(x, w) g, palliative.theil_t(x, w) t, palliative.palma(x, w) p FROM ineq_data;
SET max_parallel_workers_per_gather = 0;
SELECT abs(g - (SELECT palliative.gini(x, w) FROM ineq_data)) < 1e-12 AS gini_same,
       abs(t - (SELECT palliative.theil_t(x, w) FROM ineq_data)) < 1e-12 AS theil_same,
       abs(p - (SELECT palliative.palma(x, w) FROM ineq_data)) < 1e-12 AS palma_same,
       round(g::numeric, 9) AS gini
FROM par;
RESET ALL;
DROP TABLE ineq_data;

-- bad numbers: 22003
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT pg_temp.err($$SELECT palliative.gini(x, 1) FROM unnest(ARRAY[1, -1]) x$$);
SELECT pg_temp.err($$SELECT palliative.theil_t(1, w) FROM unnest(ARRAY['NaN'::float8]) w$$);
SELECT pg_temp.err($$SELECT palliative.palma(x, 1) FROM unnest(ARRAY['Infinity'::float8]) x$$);
