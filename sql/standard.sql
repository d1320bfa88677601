--
-- One meaning of a standard: refresh() and strengthen() read the same
-- supply and demand (standard_supply_sql, standard_demand_sql) and agree on
-- who is covered today, including facilities of unknown (NULL) or zero
-- capacity; a NULL demand is refused by both.
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- a standard of its own, on this test's rows only: PCU physicians within 4 km
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, capacity_column, demand_column, decay, method,
                                 target_share, demand_source, enabled)
VALUES ('test_meaning_4km', 'テスト', 'test', 'テスト', 'test', 'テスト用。', 'For tests.',
        '{hospital}', '{pcu}', 'physicians', 'total', 'linear(4km)', '2sfca', 0.9, 'test_meaning', true);
-- five demand cells along latitude 30, 0.05 degrees (about 4.8 km) apart,
-- 100, 200, ... 500 people
INSERT INTO palliative.population (id, geom, year, total, aged_75_plus, source)
SELECT 960000 + g, public.ST_SetSRID(public.ST_MakePoint(153 + g * 0.05, 30.0), 4326), 2020,
       100 * g, 10 * g, 'test_meaning'
FROM generate_series(1, 5) g;
-- three PCU hospitals: 3 physicians at cell 1, physicians unknown (NULL) at
-- cell 3, 0 physicians at cell 5: each covers its own cell; and a hospital
-- without PCU at cell 4, the only candidate
INSERT INTO palliative.facility (id, name, kind, capabilities, physicians, geom, source) VALUES
 (960101, 'PCU 3 physicians', 'hospital', '{pcu}', 3, 'SRID=4326;POINT(153.05 30.0)', 'test_meaning'),
 (960102, 'PCU physicians unknown', 'hospital', '{pcu}', NULL, 'SRID=4326;POINT(153.15 30.0)', 'test_meaning'),
 (960103, 'PCU 0 physicians', 'hospital', '{pcu}', 0, 'SRID=4326;POINT(153.25 30.0)', 'test_meaning'),
 (960104, 'no PCU', 'hospital', '{}', NULL, 'SRID=4326;POINT(153.20 30.0)', 'test_meaning');

-- the supply as both read it: every qualifying facility with a location,
-- an unknown capacity counting as 0
SELECT s.id, s.capacity FROM palliative.standard AS t,
       LATERAL (SELECT * FROM palliative.fca_supply(palliative.standard_demand_sql(t.id),
                                                   palliative.standard_supply_sql(t.id), t.decay)) AS f
       JOIN LATERAL (SELECT sf.facility_id AS id, coalesce(sf.capacity, 0) AS capacity
                     FROM palliative.standard_facility sf
                     WHERE sf.standard_id = t.id AND sf.facility_id = f.supply_id) AS s ON true
WHERE t.name = 'test_meaning_4km' ORDER BY s.id;

-- refresh: which cells are covered (reachable > 0)
SELECT status, standards_computed, standards_failed FROM palliative.refresh(ARRAY['test_meaning_4km']);
SELECT c.population_id - 960000 AS cell, c.reachable, round(c.access::numeric, 6) AS access
FROM palliative.cell_coverage c JOIN palliative.standard s ON s.id = c.standard_id
WHERE s.name = 'test_meaning_4km' ORDER BY 1;
CREATE TEMP TABLE covered_by_refresh AS
SELECT sum(p.total) AS covered FROM palliative.cell_coverage c
JOIN palliative.standard s ON s.id = c.standard_id
JOIN palliative.population p ON p.id = c.population_id
WHERE s.name = 'test_meaning_4km' AND c.reachable > 0;

-- strengthen: covered today = covered_total after step 1 less what step 1 adds
CREATE TEMP TABLE covered_by_strengthen AS
SELECT covered_total - newly_covered AS covered, facility_id, newly_covered
FROM palliative.strengthen('test_meaning_4km', 1) WHERE step = 1;
SELECT r.covered AS refresh_covered, s.covered AS strengthen_covered, r.covered = s.covered AS agree,
       s.facility_id AS pick, s.newly_covered AS pick_adds
FROM covered_by_refresh r, covered_by_strengthen s;

-- a NULL demand is unknown demand: refused by both, naming the row
UPDATE palliative.standard SET demand_column = 'aged_75_plus' WHERE name = 'test_meaning_4km';
UPDATE palliative.population SET aged_75_plus = NULL WHERE id = 960003;
SELECT status, standards_computed, standards_failed, error FROM palliative.refresh(ARRAY['test_meaning_4km']);
SELECT * FROM palliative.strengthen('test_meaning_4km', 1);
\echo :LAST_ERROR_SQLSTATE

-- clean up
DELETE FROM palliative.standard WHERE name = 'test_meaning_4km';
DELETE FROM palliative.facility WHERE source = 'test_meaning';
DELETE FROM palliative.population WHERE source = 'test_meaning';
