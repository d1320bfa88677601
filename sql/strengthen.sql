--
-- palliative.strengthen: the greedy strengthening plan
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
-- a standard of its own, counting only this test's population rows
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, target_share, demand_source)
VALUES ('test_respite_10km', 'レスパイト（10 km）', 'Respite within 10 km', 'レスパイト施設', 'respite provider',
        'テスト用。', 'For tests.', '{hospital,clinic}', '{respite}', 'binary(10km)', 'gravity', 0.9, 'test_strengthen');
-- clusters along latitude 20: A (5 x 100) at 150.00, B (3 x 200) at 150.30, C (2 x 50) at 150.60,
-- D (1,000) at 150.90, covered today by a respite clinic
INSERT INTO palliative.population (id, geom, year, total, source)
SELECT 940000 + g, public.ST_SetSRID(public.ST_MakePoint(150.00 + g * 0.001, 20.0), 4326), 2020, 100, 'test_strengthen'
FROM generate_series(1, 5) g;
INSERT INTO palliative.population (id, geom, year, total, source)
SELECT 940010 + g, public.ST_SetSRID(public.ST_MakePoint(150.30 + g * 0.001, 20.0), 4326), 2020, 200, 'test_strengthen'
FROM generate_series(1, 3) g;
INSERT INTO palliative.population (id, geom, year, total, source) VALUES
 (940021, 'SRID=4326;POINT(150.60 20.0)', 2020, 50, 'test_strengthen'),
 (940022, 'SRID=4326;POINT(150.61 20.0)', 2020, 50, 'test_strengthen'),
 (940031, 'SRID=4326;POINT(150.90 20.0)', 2020, 1000, 'test_strengthen');
INSERT INTO palliative.facility (id, name, kind, capabilities, secondary_code, geom, source) VALUES
 (940101, 'A clinic', 'clinic', '{}', '9401', 'SRID=4326;POINT(150.002 20.0)', 'test_strengthen'),
 (940102, 'B clinic', 'clinic', '{}', '9402', 'SRID=4326;POINT(150.302 20.0)', 'test_strengthen'),
 (940103, 'between A and B', 'hospital', '{}', '9401', 'SRID=4326;POINT(150.15 20.0)', 'test_strengthen'),
 (940104, 'B hospital (same gain as B clinic, higher id)', 'hospital', '{}', '9402', 'SRID=4326;POINT(150.302 20.0)', 'test_strengthen'),
 (940105, 'D clinic (already covered)', 'clinic', '{}', '9404', 'SRID=4326;POINT(150.90 20.0)', 'test_strengthen'),
 (940106, 'C clinic', 'clinic', '{}', '9403', 'SRID=4326;POINT(150.605 20.0)', 'test_strengthen'),
 (940107, 'D respite clinic', 'clinic', '{respite}', '9404', 'SRID=4326;POINT(150.90 20.0)', 'test_strengthen'),
 (940108, 'B pharmacy (not a default candidate)', 'pharmacy', '{}', '9402', 'SRID=4326;POINT(150.30 20.0)', 'test_strengthen'),
 (940109, 'no location', 'clinic', '{}', '9401', NULL, 'test_strengthen');

-- the plan by hand: B (600; the clinic wins the tie by its lower id), A (500), C (100); then nobody adds anyone
SELECT step, facility_id, facility_name, region_code, newly_covered, covered_total, round(covered_share::numeric, 4) AS share
FROM palliative.strengthen('test_respite_10km', 5);
SELECT step, facility_id, newly_covered, covered_total FROM palliative.strengthen('test_respite_10km', 2, greedy => 'plain');
-- explicit candidates: only ids count; the pharmacy may be named
SELECT step, facility_id, newly_covered FROM palliative.strengthen('test_respite_10km', 3,
    'SELECT id, name AS ignored FROM palliative.facility WHERE id IN (940103, 940104, 940108);');
-- a candidate that meets the standard today adds nothing
SELECT count(*) FROM palliative.strengthen('test_respite_10km', 3, 'SELECT 940107::integer AS id');

-- brute force: 12 candidates over 300 demand cells, every 3-subset; the
-- greedy reaches at least 1 - 1/e of the optimum, lazy and plain agree
INSERT INTO palliative.population (id, geom, year, total, source)
SELECT 941000 + g,
       public.ST_SetSRID(public.ST_MakePoint(151 + ((g * 7919) % 1000) / 1000.0 * 0.6,
                                             21 + ((g * 104729) % 997) / 997.0 * 0.6), 4326),
       2020, 1 + (g % 13), 'test_strengthen'
FROM generate_series(1, 300) g;
INSERT INTO palliative.facility (id, name, kind, geom, source)
SELECT 941100 + g, 'random ' || g, 'clinic',
       public.ST_SetSRID(public.ST_MakePoint(151 + ((g * 15485863) % 1009) / 1009.0 * 0.6,
                                             21 + ((g * 32452843) % 1013) / 1013.0 * 0.6), 4326), 'test_strengthen'
FROM generate_series(1, 12) g;
CREATE TEMP TABLE cover AS
SELECT f.id AS fid, p.id AS pid, p.total
FROM palliative.facility f JOIN palliative.population p
  ON p.source = 'test_strengthen' AND p.id > 941000
 AND public.ST_DWithin(f.geom::public.geography, p.geom::public.geography, 10000, false)
WHERE f.id > 941100 AND f.id <= 941112;
CREATE TEMP TABLE optimum AS
SELECT max(s.covered) AS best
FROM (SELECT a.id AS a, b.id AS b, c.id AS c,
             (SELECT coalesce(sum(t.total), 0) FROM (SELECT DISTINCT pid, total FROM cover
                                                      WHERE fid IN (a.id, b.id, c.id)) t) AS covered
      FROM palliative.facility a JOIN palliative.facility b ON b.id > a.id JOIN palliative.facility c ON c.id > b.id
      WHERE a.id BETWEEN 941101 AND 941112 AND b.id <= 941112 AND c.id <= 941112) s;
CREATE TEMP TABLE plan_lazy AS
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT id FROM palliative.facility WHERE id BETWEEN 941101 AND 941112');
CREATE TEMP TABLE plan_plain AS
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT id FROM palliative.facility WHERE id BETWEEN 941101 AND 941112', 'plain');
SELECT (SELECT best FROM optimum) > 0 AS optimum_positive,
       (SELECT sum(newly_covered) FROM plan_lazy) >= (1 - exp(-1)) * (SELECT best FROM optimum) AS within_bound,
       (SELECT sum(newly_covered) FROM plan_lazy) <= (SELECT best FROM optimum) AS not_above_optimum,
       (SELECT count(*) FROM (SELECT * FROM plan_lazy EXCEPT SELECT * FROM plan_plain) d) = 0
       AND (SELECT count(*) FROM plan_lazy) = (SELECT count(*) FROM plan_plain) AS lazy_equals_plain;
-- the first pick is the single best candidate, as brute force finds it
SELECT (SELECT facility_id FROM plan_lazy WHERE step = 1) =
       (SELECT fid FROM cover GROUP BY fid ORDER BY sum(total) DESC, fid LIMIT 1) AS first_pick_is_best_single;
-- a constructed instance with a known best pair: the greedy finds it
SELECT array_agg(facility_id ORDER BY step) AS picks, sum(newly_covered) AS added
FROM palliative.strengthen('test_respite_10km', 2, 'SELECT id FROM palliative.facility WHERE id IN (940101, 940102, 940103, 940106)');

-- bad input
SELECT * FROM palliative.strengthen('no_such_standard');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 0);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, greedy => 'fast');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT 940101 AS facility');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT ''940101''::text AS id');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT 999999999 AS id');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT NULL::bigint AS id');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT 940109 AS id');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'SELECT 940101 AS id UNION ALL SELECT 940101');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.strengthen('test_respite_10km', 3, 'DELETE FROM palliative.facility WHERE false');
\echo :LAST_ERROR_SQLSTATE
-- a travel-time standard cannot exist: the table refuses it (22023)
UPDATE palliative.standard SET decay = 'binary(30min)' WHERE name = 'test_respite_10km';
\echo :LAST_ERROR_SQLSTATE
-- demand that overflows when summed: 22003 naming the largest row
UPDATE palliative.population SET total = CASE id WHEN 940021 THEN 1.5e308 ELSE 1e308 END WHERE id IN (940021, 940022);
SELECT * FROM palliative.strengthen('test_respite_10km', 3);
\echo :LAST_ERROR_SQLSTATE

-- clean up
DELETE FROM palliative.facility WHERE source = 'test_strengthen';
DELETE FROM palliative.population WHERE source = 'test_strengthen';
DELETE FROM palliative.standard WHERE name = 'test_respite_10km';
