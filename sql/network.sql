--
-- care network: links, network_summary, unlinked_capable, region_network_gaps,
-- conference_distribution, fiscal years
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
-- fiscal years run April to March
SELECT palliative.fiscal_year('2026-03-31') AS fy_march, palliative.fiscal_year('2026-04-01') AS fy_april,
       palliative.last_fiscal_year('2026-11-24') AS last_fy, palliative.fiscal_year_start(2025) AS fy2025_start,
       palliative.last_fiscal_year() = palliative.fiscal_year(CURRENT_DATE) - 1 AS default_today;

-- two secondary regions: 9301 (west) with a regional base hospital and linked
-- partners, 9302 (east) with a regional cancer-care hospital that works with no one
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('9301', 'secondary', '西ネット圏', 'Net West', '93', 'SRID=4326;MULTIPOLYGON(((152 30,152.5 30,152.5 30.5,152 30.5,152 30)))', 'test_net'),
 ('9302', 'secondary', '東ネット圏', 'Net East', '93', 'SRID=4326;MULTIPOLYGON(((152.5 30,153 30,153 30.5,152.5 30.5,152.5 30)))', 'test_net');
INSERT INTO palliative.facility (id, name, kind, capabilities, conferences_attended, prefecture_code, secondary_code, geom, surveyed_on, source) VALUES
 (930001, 'West base', 'hospital', '{cancer_base_regional,pcu,palliative_team}', 3, '93', '9301', 'SRID=4326;POINT(152.1 30.1)', CURRENT_DATE, 'test_net'),
 (930002, 'West nursing (capable)', 'visiting_nurse_station', '{home_nursing,home_visit_24h}', NULL, '93', '9301', 'SRID=4326;POINT(152.2 30.2)', NULL, 'test_net'),
 (930003, 'West pharmacy (capable, link ended)', 'pharmacy', '{narcotics_retail_license,pharmacy_home_visit}', NULL, '93', '9301', 'SRID=4326;POINT(152.3 30.2)', NULL, 'test_net'),
 (930004, 'West clinic (limited)', 'clinic', '{home_visit}', NULL, '93', '9301', 'SRID=4326;POINT(152.25 30.25)', NULL, 'test_net'),
 (930005, 'West conference host', 'hospital', '{opioid_use}', NULL, '93', '9301', 'SRID=4326;POINT(152.4 30.4)', NULL, 'test_net'),
 (930011, 'East base', 'hospital', '{cancer_regional_hospital}', 0, '93', '9302', 'SRID=4326;POINT(152.8 30.2)', '2024-06-01', 'test_net'),
 (930012, 'East nursing (capable, unlinked)', 'visiting_nurse_station', '{home_nursing,home_visit_24h}', NULL, '93', '9302', 'SRID=4326;POINT(152.9 30.3)', NULL, 'test_net');
-- people at 5, 15.9 and 16.1 km north of the capable partner 930002, and far away
INSERT INTO palliative.population (id, geom, year, total, source) VALUES
 (930101, public.ST_SetSRID(public.ST_MakePoint(152.2, 30.2 + 5000 / 111194.93), 4326), 2020, 100, 'test_net'),
 (930102, public.ST_SetSRID(public.ST_MakePoint(152.2, 30.2 + 15900 / 111194.93), 4326), 2020, 20, 'test_net'),
 (930103, public.ST_SetSRID(public.ST_MakePoint(152.2, 30.2 + 16100 / 111194.93), 4326), 2020, 3, 'test_net'),
 (930104, 'SRID=4326;POINT(152.9 30.45)', 2020, 7000, 'test_net');
SELECT id, round(public.ST_Distance(geom::public.geography, 'SRID=4326;POINT(152.2 30.2)'::public.geography, false)) AS metres
FROM palliative.population WHERE source = 'test_net' ORDER BY id;
INSERT INTO palliative.link (from_id, to_id, kind, since, until, source) VALUES
 (930001, 930002, 'referral', '2015-04-01', NULL, 'test_net'),
 (930002, 930001, 'consultation', '2015-04-01', NULL, 'test_net'),
 (930004, 930001, 'consultation', '2019-01-01', NULL, 'test_net'),
 (930001, 930003, 'referral', '2016-01-01', '2020-01-01', 'test_net'),
 (930001, 930005, 'conference', '2000-04-01', NULL, 'test_net'),
 (930001, 930004, 'training', '2999-01-01', NULL, 'test_net');

-- links active today, from both ends
SELECT facility_id, partner_id, kind, partner_tier, partner_is_base
FROM palliative.link_partners() WHERE facility_id IN (930001, 930011) ORDER BY 1, 2, 3;
SELECT count(*) AS active_on_2017 FROM palliative.link_partners('2017-06-01') WHERE facility_id = 930001;

SELECT id, name, base_type, care_tier, secondary_code, partners, referral, back_referral, consultation, conference, training,
       specialist_partners, capable_partners, limited_partners, none_partners, base_partners,
       conferences_attended, conferences_fiscal_year = palliative.last_fiscal_year() AS count_is_for_last_fy,
       conferences_last_fy, conference_hosts_last_fy, population_16km
FROM palliative.network_summary WHERE id IN (930001, 930011) ORDER BY id;

SELECT id, name, kind, care_tier, secondary_code, nearest_base_id, round(nearest_base_km::numeric, 1) AS km
FROM palliative.unlinked_capable WHERE id BETWEEN 930000 AND 930099 ORDER BY id;

SELECT id, region_code, region_name, prefecture_code, base_hospitals, capable_facilities, capable_linked, base_attending,
       no_capable_linked, no_conference,
       replace(reason_en, palliative.last_fiscal_year()::text, 'LASTFY') AS reason_en,
       replace(reason_ja, palliative.last_fiscal_year()::text, 'LASTFY') AS reason_ja
FROM palliative.region_network_gaps WHERE region_code IN ('9301', '9302') ORDER BY id;
-- with the capable nursing station linked, the east region has only its conference gap
INSERT INTO palliative.link (from_id, to_id, kind, since, source) VALUES (930011, 930012, 'referral', '2020-01-01', 'test_net');
SELECT region_code, no_capable_linked, no_conference FROM palliative.region_network_gaps WHERE region_code IN ('9301', '9302');

SELECT id, region_level, region_code, region_name, bin, bin_order, hospitals, share, national_fy2021_share, reported_before_last_fy
FROM palliative.conference_distribution('secondary') WHERE region_code IN ('9301', '9302') ORDER BY id;
SELECT count(*) AS bins, sum(national_fy2021_share) AS reference_total
FROM palliative.conference_distribution();
SELECT count(*) AS prefecture_rows FROM palliative.conference_distribution('prefecture') WHERE region_code = '93';

-- bad input: a link to a missing facility
INSERT INTO palliative.link (from_id, to_id, kind, since) VALUES (930001, 999999999, 'referral', '2020-01-01');
\echo :LAST_ERROR_SQLSTATE
-- (terse from here: the failing row would show sequence values)
\set VERBOSITY terse
INSERT INTO palliative.link (from_id, to_id, kind, since) VALUES (930001, 930001, 'referral', '2020-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.link (from_id, to_id, kind, since, until) VALUES (930001, 930002, 'training', '2020-01-01', '2020-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.link (from_id, to_id, kind, since) VALUES (930001, 930002, 'friendship', '2020-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.link (from_id, to_id, kind, since) VALUES (930001, 930002, 'referral', NULL);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
SELECT * FROM palliative.conference_distribution('county');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.conference_distribution(NULL);
\echo :LAST_ERROR_SQLSTATE
-- deleting a facility deletes its links
DELETE FROM palliative.facility WHERE id = 930004;
SELECT count(*) AS links_left FROM palliative.link WHERE source = 'test_net';

-- clean up
DELETE FROM palliative.facility WHERE source = 'test_net';
DELETE FROM palliative.population WHERE source = 'test_net';
DELETE FROM palliative.region WHERE source = 'test_net';
SELECT count(*) AS links_after_cleanup FROM palliative.link WHERE source = 'test_net';
