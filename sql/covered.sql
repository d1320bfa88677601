--
-- One meaning of "covered": for every method and every kind of decay, a
-- cell is covered exactly when some qualifying facility has decay weight
-- > 0 for it, and refresh (cell_coverage), region_coverage, strengthen and
-- gap_report agree on the same data.  The oracle weighs every pair with
-- decay_weight at the engine's own distance (palliative.nearest over all
-- facilities), so a cell at exactly the cutoff counts the same everywhere.
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

INSERT INTO palliative.region (code, level, name_en, parent_code, geom, source) VALUES
 ('95', 'prefecture', 'Covered test', NULL, 'SRID=4326;MULTIPOLYGON(((149.7 -0.5,150.4 -0.5,150.4 0.5,149.7 0.5,149.7 -0.5)))', 'test_covered'),
 ('9501', 'secondary', 'Covered test', '95', 'SRID=4326;MULTIPOLYGON(((149.7 -0.5,150.4 -0.5,150.4 0.5,149.7 0.5,149.7 -0.5)))', 'test_covered');
-- 101 cells along the equator, 0.005 degrees (556 m) apart, and one cell
-- at exactly 2 km (a step boundary) and one at exactly 3 km (the cutoff)
-- east of the first hospital
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, source)
SELECT 950000 + g, public.ST_SetSRID(public.ST_MakePoint(149.8 + g * 0.005, 0), 4326), 2020,
       10 * (g % 7 + 1), '95', '9501', 'test_covered'
FROM generate_series(0, 100) g
UNION ALL
SELECT 950200 + k, public.ST_SetSRID(public.ST_MakePoint(150 + degrees(1000.0 * k / 6371008.8), 0), 4326), 2020,
       1000 * k, '95', '9501', 'test_covered'
FROM generate_series(2, 3) k;
-- two qualifying hospitals 22 km apart, and a clinic (the only candidate
-- of strengthen) 16 km west of the first
INSERT INTO palliative.facility (id, name, kind, capabilities, geom, prefecture_code, secondary_code, source) VALUES
 (950101, 'hospital A', 'hospital', '{}', 'SRID=4326;POINT(150.0 0)', '95', '9501', 'test_covered'),
 (950102, 'hospital B', 'hospital', '{}', 'SRID=4326;POINT(150.2 0)', '95', '9501', 'test_covered'),
 (950103, 'clinic C', 'clinic', '{}', 'SRID=4326;POINT(149.855 0)', '95', '9501', 'test_covered');

-- every kind of decay, with step decays that end in 0 or have a hole, by
-- every method: one standard each
CREATE TEMP TABLE kinds (k integer, decay palliative.decay);
INSERT INTO kinds VALUES
 (1, 'binary(3km)'), (2, 'linear(3km)'), (3, 'gaussian(3km)'), (4, 'exponential(0.5/km, 3km)'),
 (5, 'power(1.5, 3km)'), (6, 'step(1km:1, 2km:0.5, 3km:0)'), (7, 'step(1km:1, 2km:0, 3km:0.5)'),
 (8, 'step(2km:1, 3km:0.25)');
CREATE TEMP TABLE methods (method text);
INSERT INTO methods VALUES ('2sfca'), ('3sfca'), ('m2sfca'), ('bfca'), ('gravity'), ('nearest');
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, decay, method, target_share, demand_source)
SELECT format('test_cov_%s_%s', k, method), 't', 't', 'p', 'p', 'd', 'd', '{hospital}', decay, method, 1, 'test_covered'
FROM kinds, methods;

-- the oracle: a cell is covered when some hospital has weight > 0 for it
CREATE TEMP TABLE pair AS
SELECT n.demand_id, n.supply_id, n.distance
FROM palliative.nearest($$SELECT id, geom FROM palliative.population WHERE source = 'test_covered'$$,
                        $$SELECT id, geom FROM palliative.facility WHERE source = 'test_covered' AND kind = 'hospital'$$, 2) n;
CREATE TEMP TABLE oracle AS
SELECT s.id AS standard_id, s.name, k.k, s.method,
       sum(p.total) FILTER (WHERE EXISTS (SELECT 1 FROM pair WHERE pair.demand_id = p.id
                                            AND palliative.decay_weight(s.decay, pair.distance) > 0)) AS covered,
       sum(p.total) AS total
FROM palliative.standard s JOIN kinds k ON k.decay::text = s.decay::text
CROSS JOIN palliative.population p
WHERE s.name LIKE 'test_cov_%' AND p.source = 'test_covered'
GROUP BY s.id, s.name, k.k, s.method;
-- the two boundary cells: at exactly 2 km and 3 km from hospital A (as the engine measures)
SELECT demand_id - 950200 AS km, round(distance::numeric, 6) AS distance
FROM pair WHERE demand_id > 950200 AND supply_id = 950101 ORDER BY 1;

SELECT status, standards_computed, standards_failed
FROM palliative.refresh(ARRAY(SELECT name FROM palliative.standard WHERE name LIKE 'test_cov_%' ORDER BY id));

CREATE TEMP TABLE agree AS
SELECT o.k, o.method, o.covered, o.total,
       (SELECT sum(p.total) FROM palliative.cell_coverage c JOIN palliative.population p ON p.id = c.population_id
         WHERE c.standard_id = o.standard_id AND c.reachable > 0) AS by_refresh,
       (SELECT rc.covered_population FROM palliative.region_coverage rc
         WHERE rc.standard_id = o.standard_id AND rc.level = 'prefecture' AND rc.region_code = '95') AS by_region,
       (SELECT sp.covered_total - sp.newly_covered
          FROM palliative.strengthen(o.name, 1, $$SELECT id FROM palliative.facility WHERE source = 'test_covered' AND kind = 'clinic'$$) sp
         WHERE sp.step = 1) AS by_strengthen,
       palliative.gap_report('prefecture', 'markdown', o.name, 1) AS report
FROM oracle o;
-- covered population by decay and method: the same in every column of a row
SELECT a.k, k.decay::text AS decay,
       string_agg(a.covered::text, ' ' ORDER BY a.method) AS covered_by_method,
       bool_and(a.covered = a.by_refresh) AS refresh,
       bool_and(a.covered = a.by_region) AS region_coverage,
       bool_and(a.covered = a.by_strengthen) AS strengthen,
       bool_and(a.report LIKE '%(95) | ' || palliative.fmt_int(a.total - a.covered) || ' | %') AS gap_report
FROM agree a JOIN kinds k USING (k)
GROUP BY a.k, k.decay::text ORDER BY a.k;
-- the step decay ending in 0 ends the catchment at 2 km for nearest too
SELECT method, covered, covered < (SELECT covered FROM agree WHERE k = 1 AND method = 'nearest') AS less_than_binary
FROM agree WHERE k = 6 ORDER BY method;

-- nearest with a decay: only facilities with weight > 0; a travel-time
-- decay needs cost_sql, as for fca
SELECT demand_id - 950000 AS cell, supply_id, round(distance::numeric) AS distance
FROM palliative.nearest($$SELECT id, geom FROM palliative.population WHERE id IN (950040, 950042, 950044)$$,
                        $$SELECT id, geom FROM palliative.facility WHERE source = 'test_covered' AND kind = 'hospital'$$,
                        1, NULL, NULL, 'step(1km:1, 2km:0, 3km:0.5)')
ORDER BY 1;
SELECT * FROM palliative.nearest($$SELECT id, geom FROM palliative.population WHERE id = 950040$$,
                                 $$SELECT id, geom FROM palliative.facility WHERE id = 950101$$,
                                 decay => 'binary(30min)');
\echo :LAST_ERROR_SQLSTATE
SELECT demand_id - 950000 AS cell, supply_id, distance
FROM palliative.nearest($$SELECT id, geom FROM palliative.population WHERE id = 950040$$,
                        $$SELECT id, geom FROM palliative.facility WHERE id IN (950101, 950102)$$,
                        cost_sql => $$SELECT 950040::bigint AS demand_id, s AS supply_id, 20.0 * (s - 950100) AS cost
                                      FROM generate_series(950101::bigint, 950102) s$$,
                        decay => 'binary(30min)');

-- a standard in travel time would be computed from metres: refused
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en, decay)
VALUES ('test_cov_time', 't', 't', 'p', 'p', 'd', 'd', 'binary(30min)');
\echo :LAST_ERROR_SQLSTATE
UPDATE palliative.standard SET decay = 'linear(1h)' WHERE name = 'test_cov_1_2sfca';
\echo :LAST_ERROR_SQLSTATE

-- clean up
DELETE FROM palliative.gap_snapshot WHERE standard LIKE 'test_cov_%';
DELETE FROM palliative.refresh_log WHERE id >= (SELECT min(refresh_id) FROM palliative.cell_coverage c
                                                JOIN palliative.standard s ON s.id = c.standard_id WHERE s.name LIKE 'test_cov_%');
DELETE FROM palliative.standard WHERE name LIKE 'test_cov_%';
DELETE FROM palliative.facility WHERE source = 'test_covered';
DELETE FROM palliative.population WHERE source = 'test_covered';
DELETE FROM palliative.region WHERE source = 'test_covered';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
