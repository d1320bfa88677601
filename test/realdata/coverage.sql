-- Coverage of the real data (issue 5): one refresh, then checks that every
-- secondary area and every Hokkaido mesh cell has results.  Each query
-- returns one row: name, passed (boolean), detail.
\set QUIET on
SET client_min_messages = warning;
SELECT 'refresh() computes every standard on the real data',
       status = 'succeeded' AND standards_failed = 0,
       status || ', ' || standards_computed || ' standards, ' || cells || ' cells, '
       || round(extract(epoch FROM finished_at - started_at)::numeric, 1) || ' s'
FROM palliative.refresh();

SELECT 'region_coverage has all 339 secondary areas with demand for every enabled national standard',
       count(*) = 339 * (SELECT count(*) FROM palliative.standard WHERE demand_source = 'census-2020-municipality' AND enabled)
       AND bool_and(computed_at IS NOT NULL AND population > 0),
       count(*) || ' rows, ' || count(*) FILTER (WHERE population > 0) || ' with demand'
FROM palliative.region_coverage rc
JOIN palliative.standard s ON s.id = rc.standard_id
WHERE rc.level = 'secondary' AND s.demand_source = 'census-2020-municipality';

SELECT 'the national demand is the 2020 municipality population (no double counting)',
       bool_and(abs(p - 126212411) < 1), min(p)::bigint || ' .. ' || max(p)::bigint
FROM (SELECT rc.standard, sum(rc.population) AS p FROM palliative.region_coverage rc
      JOIN palliative.standard s ON s.id = rc.standard_id
      WHERE rc.level = 'prefecture' AND s.demand_source = 'census-2020-municipality'
      GROUP BY rc.standard) t;

SELECT 'every Hokkaido mesh cell has a result for every enabled mesh standard',
       bool_and(n = 45723), string_agg(DISTINCT n::text, ', ')
FROM (SELECT s.name, count(c.population_id) AS n FROM palliative.standard s
      LEFT JOIN palliative.cell_coverage c ON c.standard_id = s.id
      WHERE s.demand_source = 'estat-mesh500-2010' AND s.enabled GROUP BY s.name) t;

SELECT 'the mesh standards count the 5,528,676 people of the mesh',
       bool_and(abs(p - 5528676) < 1), min(p)::bigint::text
FROM (SELECT c.standard_id, sum(p.total) AS p FROM palliative.cell_coverage c
      JOIN palliative.population p ON p.id = c.population_id
      JOIN palliative.standard s ON s.id = c.standard_id
      WHERE s.demand_source = 'estat-mesh500-2010' GROUP BY c.standard_id) t;

SELECT 'Hokkaido secondary areas have mesh coverage (21 areas)',
       count(*) FILTER (WHERE rc.region_code LIKE '01%' AND rc.population > 0) = 21,
       count(*) FILTER (WHERE rc.region_code LIKE '01%' AND rc.population > 0) || ' areas'
FROM palliative.region_coverage rc
WHERE rc.level = 'secondary' AND rc.standard = 'home_palliative_16km_hokkaido_mesh';

-- before the filings no source reports clinics (the hospital file holds
-- none), so a standard counting clinics has no data anywhere, never a gap
SELECT 'home palliative care counts clinics, which no source reports before the filings: no data everywhere',
       bool_and(data_status = 'no_data' AND covered_population IS NULL AND data_reason_en LIKE 'no data:%clinic%'),
       count(*) FILTER (WHERE data_status = 'no_data') || ' of ' || count(*) || ' prefectures without data; '
       || min(data_reason_en)
FROM palliative.region_coverage
WHERE level = 'prefecture' AND standard = 'home_palliative_16km';

SELECT 'inpatient opioid care (hospitals, survey capabilities) covers part of Japan, not all or nothing',
       covered > 0.3 AND covered < 1, round(covered::numeric, 4)::text
FROM (SELECT sum(covered_population) / sum(population) AS covered FROM palliative.region_coverage
      WHERE level = 'prefecture' AND standard = 'opioid_inpatient_30km' AND data_status = 'covered') t;

SELECT 'region_gaps ranks secondary areas with reasons; areas without data say so, unranked',
       count(*) FILTER (WHERE data_status = 'covered') > 0
       AND bool_and(reason_en ~ '^[0-9,]+ people \([0-9.]+%\) live more than' AND reason_ja LIKE '%人%'
                    AND gap_rank IS NOT NULL) FILTER (WHERE data_status = 'covered')
       AND coalesce(bool_and(reason_en LIKE 'no data:%' AND gap_rank IS NULL) FILTER (WHERE data_status = 'no_data'), true),
       count(*) FILTER (WHERE data_status = 'covered') || ' gap rows over '
       || count(DISTINCT region_code) FILTER (WHERE data_status = 'covered') || ' areas; '
       || count(*) FILTER (WHERE data_status = 'no_data') || ' rows without data'
FROM palliative.region_gaps WHERE level = 'secondary';

SELECT 'the HTML report maps all 339 secondary areas',
       (SELECT count(DISTINCT m[1]) FROM regexp_matches(r, '<path class="region" data-code="([0-9]+)"', 'g') AS m) = 339,
       (SELECT count(DISTINCT m[1]) FROM regexp_matches(r, '<path class="region" data-code="([0-9]+)"', 'g') AS m) || ' areas in '
       || (SELECT count(*) FROM regexp_matches(r, '<path class="region"', 'g')) || ' paths (an area split by an inset has two)'
FROM palliative.gap_report('secondary', 'html', 'home_palliative_16km') AS r;

SELECT 'GeoJSON has one feature per secondary area',
       json_array_length(g -> 'features') = 339, json_array_length(g -> 'features')::text
FROM palliative.coverage_geojson('secondary', 'home_palliative_16km') AS g;
