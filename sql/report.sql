--
-- reports by area: the area and level checks, every standard summarised
-- (with no data where a standard's data does not cover the area), the map
-- laid out in C (insets, labels inside their region and apart, tooltips),
-- and the reports every refresh stores; all in one transaction, undone
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
\set ON_ERROR_ROLLBACK on
BEGIN;
SET LOCAL client_min_messages = error;
DELETE FROM palliative.report_snapshot;
DELETE FROM palliative.cell_coverage;
DELETE FROM palliative.gap_snapshot;
DELETE FROM palliative.refresh_log;
-- prefecture 93: a main land of two secondary regions and a far island
-- (9303, 600 km south); prefecture 94 beside it, where nobody is counted
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('93', 'prefecture', '島県', 'Shima', NULL,
  'SRID=4326;MULTIPOLYGON(((141 38,142 38,142 39,141 39,141 38)),((141.3 33,141.4 33,141.4 33.1,141.3 33.1,141.3 33)))', 'test-report'),
 ('9301', 'secondary', '北圏', 'North', '93', 'SRID=4326;MULTIPOLYGON(((141 38.5,142 38.5,142 39,141 39,141 38.5)))', 'test-report'),
 ('9302', 'secondary', '南圏', 'South', '93', 'SRID=4326;MULTIPOLYGON(((141 38,142 38,142 38.5,141 38.5,141 38)))', 'test-report'),
 ('9303', 'secondary', '遠島', 'Far Island', '93', 'SRID=4326;MULTIPOLYGON(((141.3 33,141.4 33,141.4 33.1,141.3 33.1,141.3 33)))', 'test-report'),
 ('93101', 'municipality', '北市', 'Kita', '9301', 'SRID=4326;MULTIPOLYGON(((141 38.5,141.5 38.5,141.5 39,141 39,141 38.5)))', 'test-report'),
 ('93102', 'municipality', '東町', 'Higashi', '9301', 'SRID=4326;MULTIPOLYGON(((141.5 38.5,142 38.5,142 39,141.5 39,141.5 38.5)))', 'test-report'),
 ('93201', 'municipality', '南市', 'Minami', '9302', 'SRID=4326;MULTIPOLYGON(((141 38,142 38,142 38.5,141 38.5,141 38)))', 'test-report'),
 ('94', 'prefecture', '空県', 'Sora', NULL, 'SRID=4326;MULTIPOLYGON(((142 38,143 38,143 39,142 39,142 38)))', 'test-report'),
 ('9401', 'secondary', '空圏', 'Empty', '94', 'SRID=4326;MULTIPOLYGON(((142 38,143 38,143 39,142 39,142 38)))', 'test-report');
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, municipality_code, source) VALUES
 (930001, 'SRID=4326;POINT(141.2 38.7)', 2020, 1000, '93', '9301', '93101', 'test-report'),
 (930002, 'SRID=4326;POINT(141.8 38.8)', 2020, 2000, '93', '9301', '93102', 'test-report'),
 (930003, 'SRID=4326;POINT(141.5 38.2)', 2020, 3000, '93', '9302', '93201', 'test-report'),
 (930004, 'SRID=4326;POINT(141.35 33.05)', 2020, 500, '93', '9303', NULL, 'test-report'),
 (930005, 'SRID=4326;POINT(141.3 38.8)', 2015, 900, '93', '9301', '93101', 'test-report-north');
INSERT INTO palliative.facility (id, name, kind, capabilities, prefecture_code, secondary_code, municipality_code, geom, surveyed_on, source) VALUES
 (930101, '北診療所', 'clinic', '{home_care_support,home_visit}', '93', '9301', '93101', 'SRID=4326;POINT(141.25 38.7)', CURRENT_DATE, 'test-report'),
 (930102, '南病院', 'hospital', '{}', '93', '9302', '93201', 'SRID=4326;POINT(141.5 38.25)', CURRENT_DATE, 'test-report');
-- the seeded standards count every population row; two of our own count one source each
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_any, decay, method, target_share, demand_source)
VALUES ('report_north_only', '北だけ', 'North only', '診療所', 'clinic', '北の人口だけ。', 'Only the north is counted.',
        '{clinic}', '{home_care_support}', 'binary(20km)', '2sfca', 0.9, 'test-report-north'),
       ('report_nobody', '誰もいない', 'Nobody', '診療所', 'clinic', '誰も数えない。', 'Nobody is counted.',
        '{clinic}', '{home_care_support}', 'binary(20km)', '2sfca', 0.9, 'no-such-source');
SELECT status, standards_failed FROM palliative.refresh(NULL, '2026-04-01');

-- areas and levels
SELECT palliative.check_area(NULL) AS national, palliative.check_area('93') AS prefecture,
       palliative.check_area('9301') AS secondary;
SELECT palliative.report_level(NULL, NULL), palliative.report_level('93', NULL), palliative.report_level('9301', NULL),
       palliative.report_level('93', 'municipality');
SELECT array_agg(c) FROM palliative.report_area_regions('93', 'secondary') AS c;
SELECT array_agg(c) FROM palliative.report_area_regions('93', 'municipality') AS c;
SELECT array_agg(c) FROM palliative.report_area_regions('9301', 'municipality') AS c;
SELECT palliative.gap_report(area => '99');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.gap_report(area => '93101');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.gap_report('secondary', area => '9301');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.gap_report('prefecture', area => '93');
\echo :LAST_ERROR_SQLSTATE

-- every standard over the area: partial data, no data, gaps
SELECT standard, regions, regions_with_data, regions_missing, demand, covered, uncovered, round(covered_share::numeric, 4) AS share
FROM palliative.report_standards('93', 'secondary') ORDER BY standard_id;
SELECT region_code, state, reason_en FROM palliative.report_regions('93', 'secondary',
       (SELECT id FROM palliative.standard WHERE name = 'report_north_only')) ORDER BY 1;

-- the reports: a prefecture, a secondary region (its municipalities), a prefecture without data
SELECT regexp_replace(palliative.gap_report(area => '93', standard => 'home_palliative_16km'),
                      'Refreshed:\*\* [^(]*', 'Refreshed:** (time) ') AS report;
SELECT regexp_replace(palliative.gap_report(format => 'markdown', area => '9301', top => 5),
                      'Refreshed:\*\* [^(]*', 'Refreshed:** (time) ') AS report;
SELECT r ~ 'no data for this area' AS says_no_data, r ~ '\*\*No data:\*\*' AS no_gap_shown,
       r !~ '\| 1 \| 空圏' AS no_gap_row
FROM palliative.gap_report(area => '94') AS r;

-- the map of prefecture 93: every region a path with a tooltip, the far island in an inset
CREATE TEMP TABLE page AS
SELECT palliative.gap_report(format => 'html', area => '93', standard => 'home_palliative_16km') AS html;
SELECT (regexp_match(p[1], 'data-code="([0-9]+)"'))[1] AS code,
       (regexp_match(p[1], 'data-frame="([0-9]+)"'))[1] AS frame,
       (regexp_match(p[1], 'data-state="([a-z_]+)"'))[1] AS state,
       (regexp_match(p[1], '<title>([^<]*)</title>'))[1] AS tooltip
FROM page, regexp_matches(html, '(<path class="region"[^>]*><title>[^<]*</title></path>)', 'g') AS p ORDER BY 1;
SELECT count(*) AS inset_frames FROM page, regexp_matches(html, '<rect class="inset-frame"', 'g');
-- label boxes as the page carries them: none overlaps another
CREATE TEMP TABLE box AS
SELECT (regexp_match(t[1], 'data-code="([0-9]+)"'))[1] AS code,
       string_to_array((regexp_match(t[1], 'data-box="([^"]+)"'))[1], ' ')::float8[] AS b
FROM page, regexp_matches(html, '(<text class="label"[^>]*>)', 'g') AS t;
SELECT count(*) AS labels, count(*) FILTER (WHERE b[3] > 0 AND b[4] > 0) AS with_size FROM box;
SELECT a.code, c.code FROM box a JOIN box c ON a.code < c.code
WHERE a.b[1] < c.b[1] + c.b[3] AND c.b[1] < a.b[1] + a.b[3] AND a.b[2] < c.b[2] + c.b[4] AND c.b[2] < a.b[2] + a.b[4];

-- the layout itself: each label inside its region's polygon on the canvas (GEOS checks), frames on the canvas
CREATE TEMP TABLE lay AS
SELECT m.*, r.code FROM (SELECT array_agg(geom ORDER BY code) AS g, array_agg(name_ja ORDER BY code) AS n,
                                array_agg(code ORDER BY code) AS c
                           FROM palliative.region WHERE source = 'test-report' AND level <> 'prefecture') AS a
CROSS JOIN LATERAL palliative.map_layout(a.g, a.n, 800, 600, 12) AS m
JOIN LATERAL (SELECT a.c[m.item] AS code) AS r ON true;
SELECT code, frame, zoom, label_x IS NOT NULL AS labelled,
       label_x IS NULL OR public.ST_Covers(shape, public.ST_MakeEnvelope(label_x, label_y, label_x + label_w, label_y + label_h)) AS label_inside,
       frame_x >= 0 AND frame_y >= 0 AND frame_x + frame_w <= canvas_width + 1e-9 AND frame_y + frame_h <= canvas_height + 1e-9 AS frame_on_canvas,
       public.ST_Within(shape, public.ST_MakeEnvelope(frame_x, frame_y, frame_x + frame_w, frame_y + frame_h)) AS drawn_in_frame,
       path ~ '^M[-0-9. ]+(L[-0-9. ]+)+Z' AS path_ok
FROM lay ORDER BY item, frame;
SELECT max(canvas_width) <= 800 AND max(canvas_height) <= 600 AND (max(canvas_width) = 800 OR max(canvas_height) = 600) AS fills_canvas FROM lay;
-- the inset covers no land of the main map
SELECT count(*) AS land_under_insets
FROM lay i JOIN lay m ON m.frame = 0 AND i.frame > 0
WHERE public.ST_Intersects(m.shape, public.ST_MakeEnvelope(i.frame_x, i.frame_y, i.frame_x + i.frame_w, i.frame_y + i.frame_h));

-- bad input to the layout
SELECT count(*) FROM palliative.map_layout(NULL);
SELECT * FROM palliative.map_layout(ARRAY['SRID=4326;POINT(1 2)'::public.geometry]);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.map_layout(ARRAY['SRID=3857;POLYGON((0 0,1 0,1 1,0 0))'::public.geometry]);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.map_layout(ARRAY['SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'::public.geometry], ARRAY['a', 'b']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.map_layout(ARRAY['SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'::public.geometry], NULL, 50);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM palliative.map_layout(ARRAY['SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'::public.geometry], NULL, NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT item, frame, label_x IS NULL AS no_label
FROM palliative.map_layout(ARRAY[NULL, 'SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'::public.geometry], ARRAY['x', NULL]);

-- stored reports: refresh() stored the whole country and every prefecture;
-- storing a run again replaces its reports; kept per run; palliative_reader reads them
SELECT count(*) = 1 + (SELECT count(*) FROM palliative.region WHERE level = 'prefecture') AS refresh_stored_all,
       count(DISTINCT refresh_id) AS runs
FROM palliative.report_archive;
SELECT palliative.store_reports(l.id) = 1 + (SELECT count(*) FROM palliative.region WHERE level = 'prefecture') AS all_stored,
       (SELECT count(*) FROM palliative.report_archive) = 1 + (SELECT count(*) FROM palliative.region WHERE level = 'prefecture') AS replaced
FROM palliative.refresh_log l;
SELECT area_code, area_name, level, standard, reference_date, html LIKE '<!DOCTYPE html>%' AS html_page,
       markdown LIKE '# Palliative-care gaps:%' AS markdown_report
FROM palliative.report_archive WHERE area_code IS NULL OR area_code IN ('93', '94') ORDER BY area_code NULLS FIRST;
SELECT status FROM palliative.refresh(NULL, '2026-05-01');
SELECT count(*) AS runs, count(DISTINCT reference_date) AS dates FROM palliative.report_archive WHERE area_code = '93';
SELECT palliative.stored_report('93') = html AS latest FROM palliative.report_archive
WHERE area_code = '93' AND refresh_id = (SELECT max(id) FROM palliative.refresh_log);
SELECT palliative.stored_report('93', 'markdown', min(id)) LIKE '%reference date 2026-04-01%' AS older_kept FROM palliative.refresh_log;
SET LOCAL ROLE palliative_reader;
SELECT length(palliative.stored_report()) > 0 AS reader_reads, count(*) > 0 AS reader_lists FROM palliative.report_archive;
RESET ROLE;
SELECT palliative.stored_report('99');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.stored_report('93', 'pdf');
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.stored_report('93', 'html', -1);
\echo :LAST_ERROR_SQLSTATE
SELECT palliative.store_reports(-1);
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
