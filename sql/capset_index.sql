--
-- capset GIN index: @> and && use it and give the same rows as a scan
--
CREATE TEMP TABLE prof AS
SELECT g AS id,
       palliative.capset(ARRAY(SELECT name FROM palliative.capability
                               WHERE (hashint4(g * 64 + "bit") & 7) = 0)) AS c
FROM generate_series(1, 20000) AS g;
CREATE INDEX prof_c_gin ON prof USING gin (c);
ANALYZE prof;

-- answers without the index
SET enable_bitmapscan = off;
CREATE TEMP TABLE expect AS
SELECT 'contains' AS q, count(*) AS n, sum(id) AS s FROM prof WHERE c OPERATOR(palliative.@>) '{pcu,respite}'
UNION ALL
SELECT 'contains_empty', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.@>) '{}'
UNION ALL
SELECT 'overlaps', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.&&) '{pcu,sterile_compounding}'
UNION ALL
SELECT 'overlaps_empty', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.&&) '{}';
RESET enable_bitmapscan;

SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM prof WHERE c OPERATOR(palliative.@>) '{pcu,respite}';
EXPLAIN (COSTS OFF) SELECT count(*) FROM prof WHERE c OPERATOR(palliative.&&) '{pcu,sterile_compounding}';

SELECT e.q, e.n > 0 OR e.q = 'overlaps_empty' AS nonempty, e.n = i.n AND e.s IS NOT DISTINCT FROM i.s AS same
FROM expect e
JOIN (SELECT 'contains' AS q, count(*) AS n, sum(id) AS s FROM prof WHERE c OPERATOR(palliative.@>) '{pcu,respite}'
      UNION ALL
      SELECT 'contains_empty', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.@>) '{}'
      UNION ALL
      SELECT 'overlaps', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.&&) '{pcu,sterile_compounding}'
      UNION ALL
      SELECT 'overlaps_empty', count(*), sum(id) FROM prof WHERE c OPERATOR(palliative.&&) '{}') i USING (q)
ORDER BY e.q;
RESET enable_seqscan;

-- the facility table's own GIN index serves capability searches
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM palliative.facility WHERE capabilities OPERATOR(palliative.@>) '{pcu}';
RESET enable_seqscan;
