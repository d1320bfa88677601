--
-- Escaped output: names holding |, backslashes, line breaks, quotes,
-- <script>, <img onerror> and & come out escaped in every report format:
-- Markdown (every section), HTML, GeoJSON and vector tiles
--
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- md_escape by itself
SELECT t AS input, palliative.md_escape(t) AS markdown
FROM unnest(ARRAY['plain 名前', 'a|b', E'line\nbreak', E'crlf\r\nand\rcr', 'back\slash', '<script>alert("x")</script>',
                  'Tom & Jerry''s', '*bold* _it_ `code` [link](javascript:x) ~~s~~', NULL]) AS t;

-- a prefecture and a region whose names hold everything, and a standard,
-- facilities and a data source as hostile
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
 ('97', 'prefecture', E'Pref|A\nB "q" <script>alert(1)</script> & \\x', NULL, NULL,
  'SRID=4326;MULTIPOLYGON(((152 12,153 12,153 13,152 13,152 12)))', 'test_escape'),
 ('9701', 'secondary', E'Reg <img src=x onerror=alert(2)>|\r\n"two" & *one*', NULL, '97',
  'SRID=4326;MULTIPOLYGON(((152 12,153 12,153 13,152 13,152 12)))', 'test_escape');
INSERT INTO palliative.population (id, geom, year, total, prefecture_code, secondary_code, source)
SELECT 970000 + g, public.ST_SetSRID(public.ST_MakePoint(152.1 + g * 0.05, 12.5), 4326), 2020, 100 * g,
       '97', '9701', E'src|<b>bold</b>\n&'
FROM generate_series(1, 10) g;
INSERT INTO palliative.facility (id, name, kind, capabilities, pcu_beds, geom, prefecture_code, secondary_code, source) VALUES
 (970101, E'PCU | <script>alert(3)</script>\n"ward" & co', 'hospital', '{pcu,home_care_support}', 10,
  'SRID=4326;POINT(152.15 12.5)', '97', '9701', E'src|<b>bold</b>\n&'),
 (970102, E'Candidate |<img src=x onerror=alert(4)>\r\n\\"c" & d', 'clinic', '{}', 0,
  'SRID=4326;POINT(152.45 12.5)', '97', '9701', E'src|<b>bold</b>\n&');
INSERT INTO palliative.standard (name, title_ja, title_en, provider_ja, provider_en, description_ja, description_en,
                                 facility_kinds, required_all, decay, method, target_share, demand_source, source_note)
VALUES ('test_escape', E'題|<script>alert(5)</script>', E'Title | <b>bold</b>\nsecond "line" & more',
        E'提供者|\n<i>', E'provider | <script>alert(6)</script>\n& "q"', E'説明\n|', E'Description | <img src=x onerror=alert(7)> & "q"\n',
        '{hospital,clinic}', '{pcu}', 'binary(10km)', '2sfca', 1, E'src|<b>bold</b>\n&',
        E'note | <script>alert(8)</script>\n& "q"');
SELECT status FROM palliative.refresh(ARRAY['test_escape']);

-- Markdown: every line of the report about these rows, and checks over
-- the whole report: no raw tag, no line break inside a row, and every table
-- row has its 6 column separators once escapes (backslash and a character)
-- are taken out
CREATE TEMP TABLE md AS
SELECT palliative.gap_report(lvl, 'markdown', 'test_escape', 5) AS report, lvl
FROM unnest(ARRAY['prefecture', 'secondary']) AS lvl;
SELECT lvl, line
FROM md, LATERAL unnest(string_to_array(report, E'\n')) WITH ORDINALITY AS l(line, n)
WHERE line ~ '(97|src|Title|note|Candidate)' ORDER BY lvl, n;
SELECT lvl,
       position('<script' IN report) = 0 AND position('<img' IN report) = 0 AND position('<b>bold' IN report) = 0 AS no_raw_tags,
       bool_and(line = '' OR line ~ '^(# |\*\*|## |### |> |\| |\|---|- |Facilities )') AS every_line_whole,
       -- no escaped | splits a cell: every row of a table has the separators of its header
       (SELECT bool_and(t.seps = t.header_seps)
          FROM (SELECT r.seps, first_value(r.seps) OVER (PARTITION BY r.tbl ORDER BY r.n) AS header_seps
                  FROM (SELECT x.n, x.line ~ '^\|' AS is_row,
                               length(regexp_replace(regexp_replace(x.line, '\\.', '', 'g'), '[^|]', '', 'g')) AS seps,
                               count(*) FILTER (WHERE x.line !~ '^\|') OVER (ORDER BY x.n) AS tbl
                          FROM unnest(string_to_array(report, E'\n')) WITH ORDINALITY AS x(line, n)) AS r
                 WHERE r.is_row) AS t) AS rows_match_their_header
FROM md, LATERAL unnest(string_to_array(report, E'\n')) AS l(line)
GROUP BY lvl, report ORDER BY lvl;

-- HTML: the names escaped, in tables, tooltips and labels
CREATE TEMP TABLE html AS SELECT palliative.gap_report('secondary', 'html', 'test_escape', 5) AS report;
SELECT position('<script' IN report) = 0 AS no_script, position('<img' IN report) = 0 AS no_img,
       position('<b>bold' IN report) = 0 AS no_bold,
       position('Reg &lt;img src=x onerror=alert(2)&gt;|' IN report) > 0 AS region_escaped,
       position('<title>Reg &lt;img' IN report) > 0 AS tooltip_escaped,
       position('PCU | &lt;script&gt;' IN report) > 0 OR position('Candidate |&lt;img' IN report) > 0 AS facility_escaped,
       position('&quot;two&quot; &amp; *one*' IN report) > 0 AS quotes_and_amp_escaped,
       position('note | &lt;script&gt;alert(8)&lt;/script&gt;' IN report) > 0 AS source_note_escaped
FROM html;

-- GeoJSON: names come back exactly as stored (JSON escaping)
SELECT f -> 'properties' ->> 'region_name' = (SELECT name_ja FROM palliative.region WHERE code = '9701') AS same_name,
       (f -> 'properties' ->> 'region_name') ~ E'\r\n' AS keeps_line_break
FROM json_array_elements(palliative.coverage_geojson('secondary', 'test_escape') -> 'features') AS f
WHERE f -> 'properties' ->> 'region_code' = '9701';

-- vector tile: the name as a protobuf string, byte for byte
SELECT position(convert_to((SELECT name_ja FROM palliative.region WHERE code = '9701'), 'UTF8') IN
                palliative.coverage_mvt(5, 29, 14, '{"standard": "test_escape", "level": "secondary"}')) > 0 AS name_in_tile;

-- clean up
DELETE FROM palliative.gap_snapshot WHERE standard = 'test_escape';
DELETE FROM palliative.refresh_log WHERE id = (SELECT max(refresh_id) FROM palliative.cell_coverage c
                                               JOIN palliative.standard s ON s.id = c.standard_id WHERE s.name = 'test_escape');
DELETE FROM palliative.standard WHERE name = 'test_escape';
DELETE FROM palliative.facility WHERE id IN (970101, 970102);
DELETE FROM palliative.population WHERE id BETWEEN 970001 AND 970010;
DELETE FROM palliative.region WHERE source = 'test_escape';
REFRESH MATERIALIZED VIEW palliative.region_coverage;
