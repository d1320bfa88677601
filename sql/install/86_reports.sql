-- @area Reports, GeoJSON and vector tiles
-- What people and map clients open: a gap report in Markdown or as one
-- self-contained HTML page with an SVG map, GeoJSON for web maps and
-- Mapbox vector tiles in the function signature pg_tileserv and Martin serve.

-- checks shared by the report functions
CREATE FUNCTION palliative.check_level(level text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF level IS NULL OR level NOT IN ('prefecture', 'secondary', 'municipality') THEN
        RAISE EXCEPTION 'unknown region level "%"', coalesce(level, 'NULL')
            USING ERRCODE = '22023', HINT = 'Use prefecture, secondary or municipality.';
    END IF;
    RETURN level;
END
$$;
COMMENT ON FUNCTION palliative.check_level(text) IS
'Returns level when it is prefecture, secondary or municipality; otherwise ERROR 22023.';

CREATE FUNCTION palliative.check_standard(standard text) RETURNS palliative.standard
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s palliative.standard;
BEGIN
    IF standard IS NULL THEN
        SELECT * INTO s FROM palliative.standard t WHERE t.enabled ORDER BY t.id LIMIT 1;
    ELSE
        SELECT * INTO s FROM palliative.standard t WHERE t.name = standard;
    END IF;
    IF s.id IS NULL THEN
        RAISE EXCEPTION 'unknown standard "%"', coalesce(standard, 'NULL')
            USING ERRCODE = '22023',
                  HINT = 'The standards are the names in palliative.standard: '
                         || (SELECT string_agg(name, ', ' ORDER BY id) FROM palliative.standard) || '.';
    END IF;
    RETURN s;
END
$$;
COMMENT ON FUNCTION palliative.check_standard(text) IS
'The standard of that name (the first enabled one when NULL); ERROR 22023 naming it when there is none.';

CREATE FUNCTION palliative.coverage_geojson(level text DEFAULT 'secondary', standard text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s palliative.standard := palliative.check_standard(standard);
    result json;
BEGIN
    PERFORM palliative.check_level(level);
    SELECT json_build_object(
               'type', 'FeatureCollection',
               'name', format('palliative coverage: %s by %s', s.name, coverage_geojson.level),
               'features', coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', rc.id,
                   'geometry', public.ST_AsGeoJSON(rc.geom, 6)::json,
                   'properties', json_build_object(
                       'region_code', rc.region_code,
                       'region_name', rc.region_name,
                       'level', rc.level,
                       'standard', rc.standard,
                       'population', rc.population,
                       'covered_population', rc.covered_population,
                       'covered_share', rc.covered_share,
                       'mean_access', rc.mean_access,
                       'access_ratio', rc.access_ratio,
                       'gini', rc.gini,
                       'facilities', rc.facilities,
                       'capacity_per_100k', rc.capacity_per_100k,
                       'target_share', rc.target_share,
                       'meets_target', CASE WHEN rc.measure = 'capacity' THEN rc.served_share
                                            ELSE rc.covered_share END >= rc.target_share,
                       'measure', rc.measure,
                       'served_population', rc.served_population,
                       'served_share', rc.served_share,
                       'out_of_reach_population', rc.population - rc.covered_population,
                       'full_population', rc.full_population,
                       'computed_at', rc.computed_at,
                       'data_status', rc.data_status,
                       'facilities_at_municipality', rc.facilities_at_municipality,
                       'fill', palliative.gap_colour(1 - rc.covered_share),
                       'reason_ja', g.reason_ja,
                       'reason_en', g.reason_en))
                   ORDER BY rc.region_code), '[]'::json))
      INTO result
      FROM palliative.region_coverage rc
      -- filtered on the standard and level (the view's window partition, so
      -- the filter reaches the index of region_coverage): only their rows are read
      LEFT JOIN (SELECT g0.id, g0.reason_ja, g0.reason_en FROM palliative.region_gaps g0
                  WHERE g0.standard = s.name AND g0.level = coverage_geojson.level) g ON g.id = rc.id
     WHERE rc.level = coverage_geojson.level AND rc.standard_id = s.id;
    RETURN result;
END
$$;
COMMENT ON FUNCTION palliative.coverage_geojson(text, text) IS
'A GeoJSON FeatureCollection of region_coverage at a level (prefecture, secondary, municipality) for one standard (default: the first enabled): one feature per region, coordinates in WGS 84 with 6 decimals. For capacity standards the properties also carry the demand served within capacity (served_population, served_share: meets_target holds it against the target) and the two gaps, out_of_reach_population and full_population (within reach, facilities full); they are null for reach standards. Properties include data_status (covered, or no_data: no figures, drawn grey), fill (the report''s colour, grey for no data), facilities_at_municipality (qualifying facilities placed at their municipality) and the reason of region_gaps (the gap, or that the data is missing).';

CREATE FUNCTION palliative.coverage_mvt(z integer, x integer, y integer, query_params json DEFAULT '{}')
    RETURNS bytea
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s palliative.standard;
    lvl text;
    env public.geometry;
    tile bytea;
BEGIN
    IF z IS NULL OR x IS NULL OR y IS NULL THEN
        RAISE EXCEPTION 'tile %/%/% has a null coordinate', coalesce(z::text, 'NULL'), coalesce(x::text, 'NULL'),
                        coalesce(y::text, 'NULL')
            USING ERRCODE = '22004', HINT = 'z is 0..30 and x, y are 0..2^z - 1.';
    END IF;
    IF z < 0 OR z > 30 OR x < 0 OR y < 0 OR x >= (1::bigint << z) OR y >= (1::bigint << z) THEN
        RAISE EXCEPTION 'tile %/%/% does not exist', z, x, y
            USING ERRCODE = '22023', HINT = 'z is 0..30 and x, y are 0..2^z - 1.';
    END IF;
    s := palliative.check_standard(query_params ->> 'standard');
    lvl := palliative.check_level(coalesce(query_params ->> 'level',
               CASE WHEN z < 7 THEN 'prefecture' WHEN z < 10 THEN 'secondary' ELSE 'municipality' END));
    env := public.ST_TileEnvelope(z, x, y);
    SELECT public.ST_AsMVT(t, 'palliative.coverage_mvt', 4096, 'geom', 'id')
      INTO tile
      FROM (SELECT rc.id, rc.region_code, rc.region_name, rc.standard, rc.population,
                   rc.covered_population, rc.covered_share, rc.mean_access, rc.facilities,
                   rc.target_share, rc.measure, rc.served_population, rc.served_share,
                   rc.population - rc.covered_population AS out_of_reach_population, rc.full_population,
                   rc.data_status, palliative.gap_colour(1 - rc.covered_share) AS fill, g.reason_en,
                   public.ST_AsMVTGeom(public.ST_Transform(rc.geom, 3857), env, 4096, 64, true) AS geom
              FROM palliative.region_coverage rc
              -- filtered on the view's window partition, as in coverage_geojson
              LEFT JOIN (SELECT g0.id, g0.reason_en FROM palliative.region_gaps g0
                          WHERE g0.standard = s.name AND g0.level = lvl) g ON g.id = rc.id
             WHERE rc.level = lvl AND rc.standard_id = s.id
               AND rc.geom OPERATOR(public.&&) public.ST_Transform(env, 4326)) AS t
     WHERE t.geom IS NOT NULL;
    RETURN coalesce(tile, ''::bytea);
END
$$;
COMMENT ON FUNCTION palliative.coverage_mvt(integer, integer, integer, json) IS
'A Mapbox vector tile of region_coverage for tile z/x/y (layer palliative.coverage_mvt, feature id = region row id), in the function-layer signature pg_tileserv and Martin serve. query_params: {"standard": name, "level": prefecture|secondary|municipality} (NULL as {}); the level defaults by zoom (below 7 prefecture, below 10 secondary, else municipality). A null z, x or y is an error (22004), a tile that does not exist 22023. Attributes: region_code, region_name, standard, population, covered_population, covered_share, mean_access, facilities, target_share, measure, and for capacity standards served_population, served_share, out_of_reach_population and full_population (the two gaps). Features carry data_status (no_data: drawn grey), fill (#d9d9d9 for no data) and reason_en.';

-- the geometry of a report's map, computed in C (src/core/map): frames,
-- insets for far-away islands, labels that fit, the paths
CREATE FUNCTION palliative.map_layout(
    geoms public.geometry[],
    labels text[] DEFAULT NULL,
    width double precision DEFAULT 1000,
    max_height double precision DEFAULT 1000,
    font_size double precision DEFAULT 12)
RETURNS TABLE (item integer, frame integer, path text, shape public.geometry,
               label_x double precision, label_y double precision,
               label_w double precision, label_h double precision,
               frame_x double precision, frame_y double precision,
               frame_w double precision, frame_h double precision,
               zoom double precision, canvas_width double precision, canvas_height double precision)
AS 'MODULE_PATHNAME', 'pal_map_layout_sql'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.map_layout(public.geometry[], text[], double precision, double precision, double precision) IS
'Lays out a map of regions for an SVG canvas of the given width (px; narrower when the shape would be taller than max_height): geoms are the regions'' polygons or multipolygons in lon/lat (NULL: not drawn), labels their label texts (NULL: no label). One row per region (item = its position in geoms) and frame it is drawn in: frame 0 is the main map, frames 1.. are insets of far-away islands (zoom = their scale relative to the main map). path is the SVG path data on the canvas (x right, y down; rings simplified to 0.4 px), shape the same polygons unsimplified as a geometry without SRID in canvas coordinates, label_x/y/w/h the label''s box (NULL where it has none: a label is placed only where its box fits inside one polygon of the region as drawn, and no two boxes overlap), frame_x/y/w/h the frame''s box, canvas_width/height the canvas. How frames, insets and labels are chosen is written in src/core/map/map.h. Errors (22023): a geometry that is not a polygon or multipolygon in lon/lat, arrays of different lengths, a width or height outside 100 to 10000 or a font size outside 4 to 72; a null width, height or font size is 22004.';

-- numbers as people read them
CREATE FUNCTION palliative.fmt_int(x double precision) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce(pg_catalog.to_char(pg_catalog.round(x), 'FM999,999,999,990'), '–');
COMMENT ON FUNCTION palliative.fmt_int(double precision) IS 'Formats a count with thousands separators (– for NULL).';

CREATE FUNCTION palliative.fmt_pct(x double precision) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce(pg_catalog.to_char(100 * x, 'FM990.0') OPERATOR(pg_catalog.||) '%', '–');
COMMENT ON FUNCTION palliative.fmt_pct(double precision) IS 'Formats a share as a percentage with one decimal (– for NULL).';

CREATE FUNCTION palliative.html_escape(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
               coalesce(t, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');
COMMENT ON FUNCTION palliative.html_escape(text) IS 'Escapes &, <, > and " for HTML.';

-- text in a Markdown table cell or line: HTML-significant characters as
-- entities (a renderer passes raw HTML through), Markdown punctuation that
-- could end a cell or start a link, emphasis or code behind a backslash,
-- and line breaks as spaces (a row is one line)
CREATE FUNCTION palliative.md_escape(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN pg_catalog.regexp_replace(
               pg_catalog.regexp_replace(palliative.html_escape(t), '([\\`*_\[\]|~])', '\\\1', 'g'),
               '\r\n|[\r\n\u2028\u2029]', ' ', 'g');
COMMENT ON FUNCTION palliative.md_escape(text) IS
'Escapes text for a Markdown table cell or line: &, <, > and " as HTML entities (Markdown passes raw HTML through), the backslash, `, *, _, [, ], | and ~ behind a backslash, and every line break as a space (the empty string for NULL).';

-- colour of an uncovered share on the map
CREATE FUNCTION palliative.gap_colour(uncovered_share double precision) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE
        WHEN uncovered_share IS NULL THEN '#d9d9d9'
        WHEN uncovered_share <= 0.0001 THEN '#1a9850'
        WHEN uncovered_share < 0.05 THEN '#a6d96a'
        WHEN uncovered_share < 0.10 THEN '#fee08b'
        WHEN uncovered_share < 0.20 THEN '#fdae61'
        WHEN uncovered_share < 0.40 THEN '#f46d43'
        ELSE '#a50026' END;
COMMENT ON FUNCTION palliative.gap_colour(double precision) IS
'Map colour of an uncovered share: green (none) through red (40% or more); grey for no data.';

-- The gap report, one function per section; gap_report assembles them.
-- Each section returns its part of the report in the format asked for
-- (markdown or html): rows of a table, or the map.

CREATE FUNCTION palliative.check_report_format(format text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF format IS NULL OR format NOT IN ('markdown', 'html') THEN
        RAISE EXCEPTION 'unknown report format "%"', coalesce(format, 'NULL')
            USING ERRCODE = '22023', HINT = 'Use markdown or html.';
    END IF;
    RETURN format;
END
$$;
COMMENT ON FUNCTION palliative.check_report_format(text) IS
'Returns format when it is markdown or html; otherwise ERROR 22023.';


-- The area of a report: the whole country (NULL), a prefecture or a
-- secondary medical region; the report maps the regions of one level
-- within it.
CREATE FUNCTION palliative.check_area(area text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lvl text;
BEGIN
    IF area IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT r.level INTO lvl FROM palliative.region AS r WHERE r.code = area;
    IF lvl = 'municipality' THEN
        RAISE EXCEPTION 'report area "%" is a municipality', area
            USING ERRCODE = '22023',
                  DETAIL = 'A report covers the whole country, a prefecture or a secondary medical region.',
                  HINT = 'Give the code of its secondary medical region or prefecture.';
    END IF;
    IF lvl IS NULL THEN
        RAISE EXCEPTION 'unknown report area "%"', area
            USING ERRCODE = '22023',
                  HINT = 'Give a prefecture code (2 digits, e.g. ''01'') or a secondary medical region code (4 digits, e.g. ''0104'') of palliative.region, or NULL for the whole country.';
    END IF;
    RETURN lvl;
END
$$;
COMMENT ON FUNCTION palliative.check_area(text) IS
'The level of a report area: NULL for the whole country (area NULL), prefecture or secondary. An area that is not a prefecture or secondary medical region of palliative.region is an error (22023) naming it.';

CREATE FUNCTION palliative.report_level(area text, level text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a text := palliative.check_area(area);
BEGIN
    IF level IS NULL THEN
        RETURN CASE a WHEN 'secondary' THEN 'municipality' ELSE 'secondary' END;
    END IF;
    PERFORM palliative.check_level(level);
    IF (a = 'prefecture' AND level = 'prefecture') OR (a = 'secondary' AND level <> 'municipality') THEN
        RAISE EXCEPTION 'the report of % "%" cannot map regions of level %', a, area, level
            USING ERRCODE = '22023',
                  HINT = 'A prefecture''s report maps its secondary medical regions (secondary) or municipalities; a secondary medical region''s maps its municipalities.';
    END IF;
    RETURN level;
END
$$;
COMMENT ON FUNCTION palliative.report_level(text, text) IS
'The level of the regions a report of area maps: level when it lies below the area, or by default secondary for the whole country and for a prefecture, municipality for a secondary medical region. A level at or above the area''s, or an unknown one, is an error (22023).';

CREATE FUNCTION palliative.report_area_regions(area text, level text) RETURNS SETOF text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT r.code FROM palliative.region AS r
     WHERE r.level = report_area_regions.level
       AND (area IS NULL
            OR r.parent_code = area
            OR (r.level = 'municipality' AND length(area) = 2
                AND r.parent_code IN (SELECT s.code FROM palliative.region AS s
                                       WHERE s.level = 'secondary' AND s.parent_code = area)))
     ORDER BY r.code;
END
$$;
COMMENT ON FUNCTION palliative.report_area_regions(text, text) IS
'Codes of the regions of a level within a report area (NULL: the whole country), by palliative.region.parent_code: a prefecture''s secondary medical regions, and its municipalities directly or through its secondary medical regions; a secondary medical region''s municipalities.';

CREATE FUNCTION palliative.report_regions(area text, level text, standard_id integer)
    RETURNS TABLE (region_code text, region_name text, population double precision,
                   covered_population double precision, covered_share double precision,
                   target_share double precision, state text, reason_en text, reason_ja text,
                   geom public.geometry, served_population double precision)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    std      text := (SELECT s.name FROM palliative.standard AS s WHERE s.id = report_regions.standard_id);
    codes    text[] := ARRAY(SELECT palliative.report_area_regions(area, report_regions.level));
    -- computed at all: some region has a result of the standard
    computed boolean := EXISTS (SELECT 1 FROM palliative.region_coverage AS x
                                 WHERE x.standard = std AND x.computed_at IS NOT NULL);
BEGIN
    RETURN QUERY
    WITH g AS (
        SELECT g0.region_code, g0.reason_en, g0.reason_ja, g0.full_reason_en, g0.full_reason_ja
          FROM palliative.region_gaps AS g0
         WHERE g0.level = report_regions.level AND g0.standard = std
           AND g0.region_code = ANY (codes))
    SELECT rc.region_code, rc.region_name, rc.population, rc.covered_population, rc.covered_share, rc.target_share,
           CASE WHEN NOT computed THEN 'not_computed'
                WHEN rc.computed_at IS NULL OR rc.covered_share IS NULL THEN 'no_data'
                WHEN CASE WHEN rc.measure = 'capacity' THEN rc.served_share ELSE rc.covered_share END < rc.target_share THEN 'gap'
                ELSE 'meets' END,
           CASE WHEN NOT computed THEN 'not computed yet: run palliative.refresh()'
                WHEN rc.computed_at IS NULL OR rc.covered_share IS NULL
                     THEN coalesce(g.reason_en, 'no data: the data of this standard does not cover the region')
                WHEN CASE WHEN rc.measure = 'capacity' THEN rc.served_share ELSE rc.covered_share END < rc.target_share THEN concat_ws('; ', g.reason_en, g.full_reason_en)
                WHEN rc.measure = 'capacity' THEN
                    format('meets the target: %s of demand served within capacity (target %s)',
                           palliative.fmt_pct(rc.served_share), palliative.fmt_pct(rc.target_share))
                ELSE format('meets the target: %s of demand within reach (target %s)',
                            palliative.fmt_pct(rc.covered_share), palliative.fmt_pct(rc.target_share)) END,
           CASE WHEN NOT computed THEN '未計算：palliative.refresh() を実行してください'
                WHEN rc.computed_at IS NULL OR rc.covered_share IS NULL
                     THEN coalesce(g.reason_ja, 'データなし：この基準のデータはこの地域を含みません')
                WHEN CASE WHEN rc.measure = 'capacity' THEN rc.served_share ELSE rc.covered_share END < rc.target_share THEN concat_ws('；', g.reason_ja, g.full_reason_ja)
                WHEN rc.measure = 'capacity' THEN
                    format('目標を達成：需要の%sを受け入れ能力の範囲で受け入れ（目標%s）',
                           palliative.fmt_pct(rc.served_share), palliative.fmt_pct(rc.target_share))
                ELSE format('目標を達成：需要の%sが圏内（目標%s）',
                            palliative.fmt_pct(rc.covered_share), palliative.fmt_pct(rc.target_share)) END,
           rc.geom, rc.served_population
      FROM palliative.region_coverage AS rc
      LEFT JOIN g ON g.region_code = rc.region_code
     WHERE rc.standard = std AND rc.level = report_regions.level AND rc.region_code = ANY (codes)
     ORDER BY rc.region_code;
END
$$;
COMMENT ON FUNCTION palliative.report_regions(text, text, integer) IS
'The regions of a level within a report area (NULL: the whole country) for one standard, as the report shows them: coverage, state (gap: misses the target; meets; no_data: the standard has no figures for the region, because its demand data or its sources do not cover it, drawn grey and never counted as a gap or in the area''s totals; not_computed: the standard has no results yet) and the reason in English and Japanese (the reason region_gaps gives, for a gap or a region without data, else a generic one; for a capacity standard, held to the share served within capacity, both its gaps: out of reach, and within reach but full), and for capacity standards the demand served within capacity.';

CREATE FUNCTION palliative.report_standards(area text, level text)
    RETURNS TABLE (standard_id integer, standard text, title_en text, title_ja text,
                   demand_column text, target_share double precision,
                   regions integer, regions_with_data integer, regions_missing integer,
                   demand double precision, covered double precision, uncovered double precision,
                   covered_share double precision, measure text, full_population double precision)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    codes text[] := ARRAY(SELECT palliative.report_area_regions(area, report_standards.level));
BEGIN
    RETURN QUERY
    WITH x AS (
        SELECT s.id, s.name, s.title_en, s.title_ja, s.demand_column, s.target_share, s.measure,
               count(rc.id)::integer AS n,
               (count(rc.id) FILTER (WHERE rc.computed_at IS NOT NULL AND rc.covered_share IS NOT NULL))::integer AS n_data,
               (count(rc.id) FILTER (WHERE rc.computed_at IS NOT NULL AND CASE WHEN rc.measure = 'capacity' THEN rc.served_share ELSE rc.covered_share END < rc.target_share))::integer AS n_missing,
               sum(rc.population) FILTER (WHERE rc.computed_at IS NOT NULL AND rc.covered_share IS NOT NULL) AS d,
               sum(rc.covered_population) FILTER (WHERE rc.computed_at IS NOT NULL AND rc.covered_share IS NOT NULL) AS c,
               sum(rc.full_population) FILTER (WHERE rc.computed_at IS NOT NULL AND rc.covered_share IS NOT NULL) AS f
          FROM palliative.standard AS s
          LEFT JOIN palliative.region_coverage AS rc
            ON rc.standard = s.name AND rc.level = report_standards.level
           AND rc.region_code = ANY (codes)
         WHERE s.enabled
         GROUP BY s.id)
    SELECT x.id, x.name, x.title_en, x.title_ja, x.demand_column, x.target_share, x.n, x.n_data, x.n_missing,
           x.d, x.c, x.d - x.c, x.c / nullif(x.d, 0), x.measure,
           CASE WHEN x.measure = 'capacity' THEN x.f END
      FROM x ORDER BY x.id;
END
$$;
COMMENT ON FUNCTION palliative.report_standards(text, text) IS
'Every enabled standard summarised over the regions of a level within a report area (NULL: the whole country): regions, regions with data (the standard''s demand data covers them and they were computed), regions missing the target, demand, covered and uncovered demand and the covered share over the regions with data (NULL demand when none has data: the report says no data instead of showing a gap); the measure, and for capacity standards the demand within reach of facilities that are full (full_population summed; NULL for reach standards).';

-- what a standard's demand counts, in English and Japanese
CREATE FUNCTION palliative.demand_label(demand_column text, lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE lang WHEN 'ja' THEN
               CASE demand_column WHEN 'total' THEN '人口' WHEN 'aged_65_plus' THEN '65歳以上人口'
                                  WHEN 'aged_75_plus' THEN '75歳以上人口' WHEN 'cancer_deaths' THEN '年間がん死亡数'
                                  ELSE demand_column END
           ELSE
               CASE demand_column WHEN 'total' THEN 'people' WHEN 'aged_65_plus' THEN 'people aged 65+'
                                  WHEN 'aged_75_plus' THEN 'people aged 75+' WHEN 'cancer_deaths' THEN 'cancer deaths a year'
                                  ELSE demand_column END
           END;
COMMENT ON FUNCTION palliative.demand_label(text, text) IS
'What a standard''s demand column counts, in English (lang en) or Japanese (ja): people, people aged 65+, people aged 75+, cancer deaths a year.';

-- The sections of the report, each computed once and written in both
-- formats (OUT markdown, OUT html): the rows of a table, or list items;
-- report_map is html only.  gap_report_formats assembles the two documents.

CREATE FUNCTION palliative.report_summary(area text, level text, standard text,
                                          OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT string_agg(CASE WHEN t.demand IS NULL THEN
               format('| %s%s (%s)%s | no data for this area / この地域のデータなし | | | | |',
                      CASE WHEN t.standard = report_summary.standard THEN '**' ELSE '' END,
                      palliative.md_escape(t.title_en), palliative.md_escape(t.title_ja),
                      CASE WHEN t.standard = report_summary.standard THEN '**' ELSE '' END)
           ELSE
               format('| %s%s (%s)%s | %s %s%s | %s | %s of %s | %s | %s |',
                      CASE WHEN t.standard = report_summary.standard THEN '**' ELSE '' END,
                      palliative.md_escape(t.title_en), palliative.md_escape(t.title_ja),
                      CASE WHEN t.standard = report_summary.standard THEN '**' ELSE '' END,
                      palliative.fmt_int(t.demand), palliative.demand_label(t.demand_column, 'en'),
                      CASE WHEN t.regions_with_data < t.regions
                           THEN format(' (data for %s of %s regions)', t.regions_with_data, t.regions) ELSE '' END,
                      palliative.fmt_pct(t.covered_share), t.regions_missing, t.regions_with_data,
                      palliative.fmt_int(t.uncovered),
                      CASE WHEN t.measure = 'capacity' THEN palliative.fmt_int(t.full_population) ELSE '–' END)
           END, E'\n' ORDER BY t.standard_id),
           string_agg(CASE WHEN t.demand IS NULL THEN
               format('<tr%s><td>%s<br><span lang="ja">%s</span></td><td colspan="5" class="nodata">no data for this area <span lang="ja">／ この地域のデータなし</span></td></tr>',
                      CASE WHEN t.standard = report_summary.standard THEN ' class="chosen"' ELSE '' END,
                      palliative.html_escape(t.title_en), palliative.html_escape(t.title_ja))
           ELSE
               format('<tr%s><td>%s<br><span lang="ja">%s</span></td><td class="n">%s %s%s</td><td class="n">%s</td><td class="n">%s of %s</td><td class="n">%s</td><td class="n">%s</td></tr>',
                      CASE WHEN t.standard = report_summary.standard THEN ' class="chosen"' ELSE '' END,
                      palliative.html_escape(t.title_en), palliative.html_escape(t.title_ja),
                      palliative.fmt_int(t.demand), palliative.html_escape(palliative.demand_label(t.demand_column, 'en')),
                      CASE WHEN t.regions_with_data < t.regions
                           THEN format('<br><small>data for %s of %s regions</small>', t.regions_with_data, t.regions) ELSE '' END,
                      palliative.fmt_pct(t.covered_share), t.regions_missing, t.regions_with_data,
                      palliative.fmt_int(t.uncovered),
                      CASE WHEN t.measure = 'capacity' THEN palliative.fmt_int(t.full_population) ELSE '–' END)
           END, E'\n' ORDER BY t.standard_id)
      INTO markdown, html
      FROM palliative.report_standards(area, level) AS t;
    markdown := coalesce(markdown, '| no standard is enabled | | | | | |');
    html := coalesce(html, '<tr><td colspan="6">No standard is enabled.</td></tr>');
END
$$;
COMMENT ON FUNCTION palliative.report_summary(text, text, text) IS
'Section of gap_report: every enabled standard summarised over the regions of a level within the area (NULL: the whole country), one table row each in markdown and in html: demand (and for how many regions the standard has data), covered share, regions missing the target (of those with data), people uncovered, and for capacity standards the people within reach of facilities that are full (– for reach standards); a standard with no data for the area says so instead of showing a gap. The row of the standard the report details is marked (bold, or class chosen).';

CREATE FUNCTION palliative.report_gaps(area text, level text, standard text, top integer,
                                       OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s palliative.standard := palliative.check_standard(standard);
BEGIN
    SELECT string_agg(format('| %s | %s (%s) | %s | %s | %s / %s |', g.rank,
                             palliative.md_escape(g.region_name), palliative.md_escape(g.region_code),
                             palliative.fmt_int(g.population - g.covered_population), palliative.fmt_pct(1 - g.covered_share),
                             palliative.md_escape(g.reason_en), palliative.md_escape(g.reason_ja)), E'\n' ORDER BY g.rank, g.region_code),
           string_agg(format('<tr><td>%s</td><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td><td>%s<br><span lang="ja">%s</span></td></tr>',
                             g.rank, palliative.html_escape(g.region_name), palliative.html_escape(g.region_code),
                             palliative.fmt_int(g.population - g.covered_population), palliative.fmt_pct(1 - g.covered_share),
                             palliative.html_escape(g.reason_en), palliative.html_escape(g.reason_ja)), E'\n' ORDER BY g.rank, g.region_code)
      INTO markdown, html
      FROM (SELECT r.*, rank() OVER (ORDER BY r.population - coalesce(r.served_population, r.covered_population) DESC,
                                         r.region_code) AS rank
              FROM palliative.report_regions(area, level, s.id) AS r
             WHERE r.state = 'gap') AS g
     WHERE g.rank <= top;
END
$$;
COMMENT ON FUNCTION palliative.report_gaps(text, text, text, integer) IS
'Section of gap_report: the rows of the table of the largest gaps, in markdown and in html: the top regions of a level within the area (NULL: the whole country) that miss the standard''s target, ranked within the area by uncovered demand; NULL when no region misses the target. Regions without data are not gaps.';

CREATE FUNCTION palliative.report_plan(area text, level text, standard text, top integer, regions integer,
                                       OUT markdown text, OUT html text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s          palliative.standard := palliative.check_standard(standard);
    area_level text := palliative.check_area(area);
    candidates text;
BEGIN
    -- the strengthen's default candidates (hospitals and clinics with a
    -- location that do not meet the standard today), those of the area
    IF area IS NOT NULL THEN
        candidates := format('SELECT d.id FROM palliative.facility AS d '
                             'WHERE d.kind OPERATOR(pg_catalog.=) ANY (''{hospital,clinic}''::palliative.facility_kind[]) '
                             'AND d.geom IS NOT NULL AND d.%I OPERATOR(pg_catalog.=) %L '
                             'AND NOT EXISTS (SELECT 1 FROM palliative.standard_facility AS sf '
                             'WHERE sf.standard_id OPERATOR(pg_catalog.=) %s AND sf.facility_id OPERATOR(pg_catalog.=) d.id)',
                             CASE area_level WHEN 'prefecture' THEN 'prefecture_code' ELSE 'secondary_code' END, area, s.id);
    END IF;
    -- one plan (palliative.strengthen), its picks grouped by the region of
    -- the level they lie in, up to 3 per region, for the top regions by the
    -- people the picks would add
    SELECT string_agg(format('| %s (%s) | %s | %s (%s) | %s | %s |', palliative.md_escape(p.region_name),
                             palliative.md_escape(p.region_code), p.region_rank,
                             palliative.md_escape(p.facility_name), p.facility_id, p.step, palliative.fmt_int(p.newly_covered)),
                      E'\n' ORDER BY p.region_order, p.step),
           string_agg(format('<tr><td>%s <small>%s</small></td><td class="n">%s</td><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td></tr>',
                             palliative.html_escape(p.region_name), palliative.html_escape(p.region_code), p.region_rank,
                             palliative.html_escape(p.facility_name), p.facility_id, p.step,
                             palliative.fmt_int(p.newly_covered)),
                      E'\n' ORDER BY p.region_order, p.step)
      INTO markdown, html
      FROM (SELECT q.*, dense_rank() OVER (ORDER BY q.region_added DESC, q.region_code) AS region_order
              FROM (SELECT pl.step, pl.facility_id, coalesce(pl.facility_name, '–') AS facility_name, pl.newly_covered,
                           coalesce(r.code, '–') AS region_code, coalesce(r.name_ja, r.name_en, r.code, '–') AS region_name,
                           row_number() OVER (PARTITION BY r.code ORDER BY pl.step) AS region_rank,
                           sum(pl.newly_covered) OVER (PARTITION BY r.code) AS region_added
                      FROM palliative.strengthen(s.name, least(200, greatest(top, 3 * regions)), candidates) AS pl
                      JOIN palliative.facility AS f ON f.id = pl.facility_id
                      -- no pick where the standard has no data: nobody knows
                      -- whom its facilities already reach there
                      LEFT JOIN palliative.region_coverage AS pc
                        ON pc.standard_id = s.id AND pc.level = 'prefecture'
                       AND pc.region_code = f.prefecture_code
                      LEFT JOIN palliative.region AS r
                        ON r.level = report_plan.level
                       AND r.code = CASE report_plan.level WHEN 'prefecture' THEN f.prefecture_code
                                                           WHEN 'secondary' THEN f.secondary_code
                                                           ELSE f.municipality_code END
                     WHERE pc.data_status IS DISTINCT FROM 'no_data') AS q
             WHERE q.region_rank <= 3) AS p
     WHERE p.region_order <= top;
    markdown := coalesce(markdown, '| – | | no candidate adds anyone | | |');
    html := coalesce(html, '<tr><td colspan="5">No candidate adds anyone.</td></tr>');
EXCEPTION WHEN invalid_parameter_value THEN
    markdown := '| – | | ' || palliative.md_escape('not available for this standard: ' || SQLERRM) || ' | | |';
    html := '<tr><td colspan="5">' || palliative.html_escape('not available for this standard: ' || SQLERRM) || '</td></tr>';
END
$$;
COMMENT ON FUNCTION palliative.report_plan(text, text, text, integer, integer) IS
'Section of gap_report: where strengthening helps most. Runs palliative.strengthen once for the standard (so it is volatile and parallel unsafe) over the candidates of the area (the whole country when NULL; otherwise the hospitals and clinics located in the prefecture or secondary medical region that do not meet the standard today, as strengthen''s default candidates but within the area; the people a pick adds are counted wherever they live), groups its picks by the region of the level they lie in, up to 3 per region, for the top regions by the people the picks add (no picks in a prefecture where the standard has no data, palliative.standard_data); the rows of its table in markdown and in html. A standard strengthen cannot plan for gives one row saying why.';

CREATE FUNCTION palliative.report_directory(area text, level text, OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT string_agg(format('| %s (%s) | %s | %s | %s | %s |',
                             palliative.md_escape(d.region_name), palliative.md_escape(d.region_code),
                             d.pcu, d.home, d.nursing, d.pharmacy), E'\n' ORDER BY d.region_code),
           string_agg(format('<tr><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
                             palliative.html_escape(d.region_name), palliative.html_escape(d.region_code),
                             d.pcu, d.home, d.nursing, d.pharmacy), E'\n' ORDER BY d.region_code)
      INTO markdown, html
      FROM (SELECT r.code AS region_code, coalesce(r.name_ja, r.name_en, r.code) AS region_name,
                   count(e.code) FILTER (WHERE e.category = 'palliative_care_unit') AS pcu,
                   count(e.code) FILTER (WHERE e.category = 'home_palliative_care') AS home,
                   count(e.code) FILTER (WHERE e.category = 'home_nursing_24h') AS nursing,
                   count(e.code) FILTER (WHERE e.category = 'opioid_pharmacy') AS pharmacy
              FROM palliative.region AS r
              LEFT JOIN (SELECT CASE report_directory.level WHEN 'prefecture' THEN e0.prefecture_code
                                                            WHEN 'secondary' THEN e0.region_code
                                                            ELSE e0.municipality_code END AS code,
                                e0.category
                           FROM palliative.resource_directory AS e0
                          WHERE area IS NULL OR e0.prefecture_code = area OR e0.region_code = area) AS e
                ON e.code = r.code
             WHERE r.level = report_directory.level
               AND r.code = ANY (ARRAY(SELECT palliative.report_area_regions(area, report_directory.level)))
             GROUP BY r.code, r.name_ja, r.name_en) AS d;
END
$$;
COMMENT ON FUNCTION palliative.report_directory(text, text) IS
'Section of gap_report: the resource directory summarised per region of a level within the area (NULL: the whole country): palliative care units, home palliative care, 24-hour visiting nursing, opioid pharmacies; the rows of its table in markdown and in html.';

CREATE FUNCTION palliative.report_sources(standard text, OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    note text := coalesce((SELECT s.source_note FROM palliative.standard AS s WHERE s.name = report_sources.standard), '–');
BEGIN
    SELECT concat_ws(E'\n', string_agg(format('- %s: %s %s rows', x.tbl, palliative.fmt_int(x.n), palliative.md_escape(x.source)),
                                       E'\n' ORDER BY x.tbl, x.source),
                     format('- standard: %s', palliative.md_escape(note))),
           concat(string_agg(format('<li>%s: %s <code>%s</code> rows</li>', x.tbl, palliative.fmt_int(x.n),
                                    palliative.html_escape(x.source)), E'\n' ORDER BY x.tbl, x.source),
                  format('<li>standard: %s</li>', palliative.html_escape(note)))
      INTO markdown, html
      FROM (SELECT 'facilities' AS tbl, f.source, count(*)::double precision AS n
              FROM palliative.facility AS f GROUP BY f.source
            UNION ALL
            SELECT 'facilities placed at their municipality (location_precision municipality)', f.source, count(*)
              FROM palliative.facility AS f WHERE f.location_precision = 'municipality' GROUP BY f.source
            UNION ALL
            SELECT 'current facility-standard filings', format('as of %s (%s prefectures)', fi.as_of, count(DISTINCT fi.prefecture_code)),
                   count(*)
              FROM palliative.filing AS fi WHERE fi.end_date IS NULL GROUP BY fi.as_of
            UNION ALL
            SELECT 'population cells', p.source, count(*) FROM palliative.population AS p GROUP BY p.source
            UNION ALL
            SELECT 'regions', r.source, count(*) FROM palliative.region AS r GROUP BY r.source) AS x;
END
$$;
COMMENT ON FUNCTION palliative.report_sources(text) IS
'Section of gap_report: the data sources (rows per source of facilities, population cells and regions, and the standard''s source note) as a markdown list and as html list items. It also counts the facilities placed at their municipality and the current facility-standard filings per as-of date.';

CREATE FUNCTION palliative.report_map(area text, level text, standard_id integer)
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    svg text;
BEGIN
    WITH r AS (
        SELECT row_number() OVER (ORDER BY x.region_code) AS i, x.*
          FROM palliative.report_regions(area, level, standard_id) AS x
         WHERE x.geom IS NOT NULL),
    m AS (
        SELECT l.*, r.region_code, r.region_name, r.population, r.covered_population, r.covered_share,
               r.state, r.reason_en, r.reason_ja,
               coalesce(r.served_population / nullif(r.population, 0), r.covered_share) AS held_share
          FROM palliative.map_layout((SELECT array_agg(r.geom ORDER BY r.i) FROM r),
                                     (SELECT array_agg(r.region_name ORDER BY r.i) FROM r),
                                     1000, 1000, 11) AS l
          JOIN r ON r.i = l.item),
    frames AS (
        SELECT DISTINCT m.frame, m.frame_x, m.frame_y, m.frame_w, m.frame_h, m.zoom FROM m)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" id="map" class="map" role="img" width="%s" height="%s" viewBox="0 0 %s %s" style="aspect-ratio:%s/%s">',
                  ceil(max(m.canvas_width)), ceil(max(m.canvas_height)), ceil(max(m.canvas_width)), ceil(max(m.canvas_height)),
                  ceil(max(m.canvas_width)), ceil(max(m.canvas_height)))
           || format('<rect class="sea" x="0" y="0" width="%s" height="%s"/>', ceil(max(m.canvas_width)), ceil(max(m.canvas_height)))
           || coalesce((SELECT string_agg(format('<rect class="inset-frame" data-frame="%s" x="%s" y="%s" width="%s" height="%s"><title>inset: %s of the main map''s scale</title></rect>',
                                                 f.frame, round(f.frame_x::numeric, 1), round(f.frame_y::numeric, 1),
                                                 round(f.frame_w::numeric, 1), round(f.frame_h::numeric, 1),
                                                 palliative.fmt_pct(f.zoom)), '' ORDER BY f.frame)
                          FROM frames AS f WHERE f.frame > 0), '')
           || string_agg(format('<path class="region" data-code="%s" data-frame="%s" data-state="%s" fill="%s" d="%s"><title>%s</title></path>',
                                palliative.html_escape(m.region_code), m.frame, m.state, palliative.gap_colour(1 - m.held_share), m.path,
                                palliative.html_escape(CASE WHEN m.state IN ('gap', 'meets') THEN
                                    format('%s (%s): %s of demand within reach, %s uncovered. %s / %s',
                                           m.region_name, m.region_code, palliative.fmt_pct(m.covered_share),
                                           palliative.fmt_int(m.population - m.covered_population), m.reason_en, m.reason_ja)
                                ELSE format('%s (%s): %s / %s', m.region_name, m.region_code, m.reason_en, m.reason_ja) END)),
                         '' ORDER BY m.frame, m.region_code)
           || coalesce(string_agg(format('<text class="label" data-code="%s" data-box="%s %s %s %s" x="%s" y="%s">%s</text>',
                                         palliative.html_escape(m.region_code), round(m.label_x::numeric, 1), round(m.label_y::numeric, 1),
                                         round(m.label_w::numeric, 1), round(m.label_h::numeric, 1),
                                         round((m.label_x + m.label_w / 2)::numeric, 1), round((m.label_y + m.label_h / 2)::numeric, 1),
                                         palliative.html_escape(m.region_name)), '' ORDER BY m.region_code)
                                  FILTER (WHERE m.label_x IS NOT NULL), '')
           || '</svg>'
      INTO svg
      FROM m;
    RETURN coalesce(svg, '<p>No region polygons at this level.</p>');
END
$$;
COMMENT ON FUNCTION palliative.report_map(text, text, integer) IS
'Section of gap_report: the inline SVG choropleth of the uncovered share of a standard per region of a level within the area (NULL: the whole country), laid out by palliative.map_layout: drawn at the extent of the regions and filling its frame, far-away islands in insets (rect class inset-frame), one path per region and frame it is drawn in (data-code, data-frame, data-state; grey where there is no data) with a tooltip (title: name, code, covered share, uncovered demand and the reason), and labels only where they fit inside their region without overlapping another (text class label; data-box holds the label''s box as x y width height, which the text stays within).';


CREATE FUNCTION palliative.report_no_data(area text, level text, standard text, OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s palliative.standard := palliative.check_standard(standard);
BEGIN
    SELECT string_agg(format('| %s (%s) | %s | %s / %s |', palliative.md_escape(x.prefecture_name), palliative.md_escape(x.prefecture_code),
                             x.regions, palliative.md_escape(x.reason_en), palliative.md_escape(x.reason_ja)), E'\n' ORDER BY x.prefecture_code),
           string_agg(format('<tr><td>%s <small>%s</small></td><td class="n">%s</td><td>%s<br><span lang="ja">%s</span></td></tr>',
                             palliative.html_escape(x.prefecture_name), palliative.html_escape(x.prefecture_code), x.regions,
                             palliative.html_escape(x.reason_en), palliative.html_escape(x.reason_ja)), E'\n' ORDER BY x.prefecture_code)
      INTO markdown, html
      FROM (SELECT left(r.region_code, 2) AS prefecture_code, coalesce(p.name_ja, p.name_en, left(r.region_code, 2)) AS prefecture_name,
                   count(*) AS regions, min(r.reason_en) AS reason_en, min(r.reason_ja) AS reason_ja
              FROM palliative.report_regions(area, level, s.id) AS r
              LEFT JOIN palliative.region AS p ON p.code = left(r.region_code, 2)
             WHERE r.state = 'no_data'
             GROUP BY left(r.region_code, 2), p.name_ja, p.name_en) AS x;
END
$$;
COMMENT ON FUNCTION palliative.report_no_data(text, text, text) IS
'Section of gap_report: the regions of a level within the area (NULL: the whole country) without data for the standard (no source covers what it counts there: palliative.standard_data), one row per prefecture with the number of its regions and the reason, in markdown and in html; NULL when every region has data.';

CREATE FUNCTION palliative.report_changes(area text, level text, top integer, OUT markdown text, OUT html text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    codes text[] := ARRAY(SELECT palliative.report_area_regions(area, level));
BEGIN
    SELECT string_agg(format('| %s (%s) | %s | %s → %s | %s | %s | %s |', palliative.md_escape(c.region_name),
                             palliative.md_escape(c.region_code), palliative.md_escape(c.fee_item), c.previous_as_of, c.as_of,
                             c.started, c.ended, palliative.md_escape(c.institutions)), E'\n' ORDER BY c.rank),
           string_agg(format('<tr><td>%s <small>%s</small></td><td>%s</td><td>%s → %s</td><td class="n">%s</td><td class="n">%s</td><td>%s</td></tr>',
                             palliative.html_escape(c.region_name), palliative.html_escape(c.region_code),
                             palliative.html_escape(c.fee_item), c.previous_as_of, c.as_of, c.started, c.ended,
                             palliative.html_escape(c.institutions)), E'\n' ORDER BY c.rank)
      INTO markdown, html
      FROM (SELECT fc.*, concat_ws('; ', 'started: ' || fc.started_institutions, 'ended: ' || fc.ended_institutions) AS institutions,
                   row_number() OVER (ORDER BY fc.started + fc.ended DESC, fc.region_code, fc.fee_item) AS rank
              FROM palliative.filing_changes AS fc
             WHERE fc.level = report_changes.level AND fc.region_code = ANY (codes)
               -- the last change of each prefecture
               AND fc.as_of = (SELECT max(ip.as_of) FROM palliative.filing_import_prefecture AS ip
                                WHERE ip.prefecture_code = left(fc.region_code, 2))) AS c
     WHERE c.rank <= top;
END
$$;
COMMENT ON FUNCTION palliative.report_changes(text, text, integer) IS
'Section of gap_report: what changed since the last import, per region of a level within the area (NULL: the whole country) and fee item: the filings that started and ended between each prefecture''s last two lists (palliative.filing_changes), the largest changes first (top rows), in markdown and in html; NULL when nothing changed or a prefecture has only one list.';

CREATE FUNCTION palliative.gap_report_formats(level text, standard text, top integer, area text,
                                              OUT markdown text, OUT html text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lvl         text := palliative.report_level(area, level);
    s           palliative.standard;
    a           palliative.region;
    where_en    text;
    where_ja    text;
    level_ja    text := CASE lvl WHEN 'prefecture' THEN '都道府県' WHEN 'secondary' THEN '二次医療圏' ELSE '市区町村' END;
    level_en    text := CASE lvl WHEN 'prefecture' THEN 'prefecture' WHEN 'secondary' THEN 'secondary medical region' ELSE 'municipality' END;
    computed    timestamptz;
    ref_date    date;
    regions     integer;
    with_data   integer;
    in_gap      integer;
    summary     record;
    gaps        record;
    plan        record;
    directory   record;
    sources     record;
    nodata      record;
    changes     record;
    without_data bigint;
    has_filings boolean := EXISTS (SELECT 1 FROM palliative.filing_import);
BEGIN
    IF top IS NULL OR top < 1 THEN
        RAISE EXCEPTION 'top must be at least 1, not %', coalesce(top::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    -- the standard detailed: the one asked for, else the one with the most
    -- uncovered demand in the area, else the first enabled
    s := palliative.check_standard(coalesce(standard,
             (SELECT t.standard FROM palliative.report_standards(area, lvl) AS t
               WHERE t.uncovered > 0 ORDER BY t.uncovered DESC, t.standard_id LIMIT 1)));
    IF area IS NULL THEN
        where_en := 'Japan';
        where_ja := '全国';
    ELSE
        SELECT * INTO a FROM palliative.region AS r WHERE r.code = area;
        where_en := format('%s (%s)', coalesce(a.name_en, a.name_ja, a.code), a.code);
        where_ja := coalesce(a.name_ja, a.name_en, a.code);
    END IF;
    SELECT max(r.computed_at), count(*), count(*) FILTER (WHERE r.covered_share IS NOT NULL AND r.computed_at IS NOT NULL),
           count(*) FILTER (WHERE CASE WHEN r.measure = 'capacity' THEN r.served_share ELSE r.covered_share END
                                  < r.target_share AND r.computed_at IS NOT NULL),
           count(*) FILTER (WHERE r.data_status = 'no_data')
      INTO computed, regions, with_data, in_gap, without_data
      FROM palliative.region_coverage AS r
     WHERE r.standard = s.name AND r.level = lvl
       AND r.region_code = ANY (ARRAY(SELECT palliative.report_area_regions(area, lvl)));
    SELECT l.reference_date INTO ref_date FROM palliative.refresh_log AS l
     WHERE l.status IN ('succeeded', 'partial') ORDER BY l.id DESC LIMIT 1;
    -- every section once, in both formats
    summary := palliative.report_summary(area, lvl, s.name);
    gaps := palliative.report_gaps(area, lvl, s.name, top);
    plan := palliative.report_plan(area, lvl, s.name, top, regions);
    directory := palliative.report_directory(area, lvl);
    sources := palliative.report_sources(s.name);
    nodata := palliative.report_no_data(area, lvl, s.name);
    changes := palliative.report_changes(area, lvl, top);

    markdown := concat_ws(E'\n',
            format('# Palliative-care gaps: %s, by %s / 緩和ケア資源のギャップ：%s（%s別）',
                   palliative.md_escape(where_en), level_en, palliative.md_escape(where_ja), level_ja),
            '',
            format('**Refreshed:** %s (reference date %s). **Regions:** %s (%s).',
                   coalesce(to_char(computed, 'YYYY-MM-DD HH24:MI TZ'), 'never: run palliative.refresh()'),
                   coalesce(to_char(ref_date, 'YYYY-MM-DD'), '–'), regions, level_en),
            '',
            '## Every standard / すべての基準',
            '',
            '| standard | demand | covered | regions missing the target | uncovered | within reach, facilities full |',
            '|---|---:|---:|---:|---:|---:|',
            summary.markdown,
            '',
            format('## %s / %s', palliative.md_escape(s.title_en), palliative.md_escape(s.title_ja)),
            '',
            format('> %s', palliative.md_escape(s.description_en)),
            format('> %s', palliative.md_escape(s.description_ja)),
            '',
            CASE WHEN with_data = 0 AND without_data > 0 THEN
                format('**No data:** no source covers what this standard counts in the %s regions of %s (see the regions without data below); there is no gap to show.', regions, palliative.md_escape(where_en))
            WHEN with_data = 0 THEN
                format('**No data:** the demand data of this standard covers none of the %s regions of %s; there is no gap to show.', regions, palliative.md_escape(where_en))
            ELSE
                format('**Target:** %s of demand %s. **Regions with data:** %s of %s, of which %s miss the target.',
                       palliative.fmt_pct(s.target_share),
                       CASE WHEN s.measure = 'capacity' THEN 'served within capacity' ELSE 'within reach' END,
                       with_data, regions, in_gap)
                || CASE WHEN without_data > 0 THEN format(' **Without data:** %s (grey, never a gap).', without_data) ELSE '' END
            END,
            '',
            format('### Largest gaps (top %s)', top),
            '',
            '| rank | region | uncovered | share | reason |',
            '|---:|---|---:|---:|---|',
            coalesce(gaps.markdown, '| – | no region misses the target | | | |'),
            '',
            -- only where some region has no data
            CASE WHEN nodata.markdown IS NOT NULL THEN concat_ws(E'\n',
                '### Regions without data / データのない地域',
                '',
                'No source covers what the standard counts in these regions, so the gap is unknown: grey on the map, never a gap, left out of every figure.',
                '',
                '| prefecture | regions | reason |',
                '|---|---:|---|',
                nodata.markdown,
                '') END,
            '### Where strengthening helps most / 緩和ケアの強化が最も効果的な施設',
            '',
            format('Facilities%s that, if they met the standard, would bring the most people within reach (palliative.strengthen: greedy plan, step = its place in the plan), up to 3 per %s.',
                   CASE WHEN area IS NULL THEN '' ELSE ' of ' || palliative.md_escape(where_en) END, level_en),
            '',
            '| region | rank in region | facility | step | people added |',
            '|---|---:|---|---:|---:|',
            plan.markdown,
            '',
            -- only once filings are imported
            CASE WHEN has_filings THEN concat_ws(E'\n',
                '## What changed since the last import / 前回の取り込みからの変化',
                '',
                'Facility-standard filings (届出) that started or ended between the last two lists of each prefecture.',
                '',
                '| region | fee item | lists | started | ended | institutions |',
                '|---|---|---|---:|---:|---|',
                coalesce(changes.markdown, '| – | nothing changed, or only one list imported | | | | |'),
                '') END,
            '## Resource directory / 緩和ケア資源リスト',
            '',
            '| region | palliative care units | home palliative care | 24-hour visiting nursing | opioid pharmacies |',
            '|---|---:|---:|---:|---:|',
            coalesce(directory.markdown, '| – | | | | |'),
            '',
            '## Data sources',
            '',
            coalesce(sources.markdown, '- none'),
            '');

    html := concat(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        format('<title>Palliative-care gaps: %s (%s)</title>', palliative.html_escape(where_en), palliative.html_escape(s.title_en)),
        '<style>body{font-family:"Noto Sans CJK JP","Noto Sans JP","IPAexGothic",sans-serif;margin:2em auto;max-width:1040px;padding:0 1em;color:#222}',
        'table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}',
        'td.n{text-align:right}tr.chosen td{background:#fff8dc;font-weight:bold}td.nodata{color:#666;font-style:italic}',
        'svg.map{display:block;width:100%;height:auto;border:1px solid #ccc}',
        '.sea{fill:#eef4f8}.inset-frame{fill:#eef4f8;stroke:#888;stroke-width:1}',
        '.region{stroke:#555;stroke-width:.5;fill-rule:evenodd}.region:hover{stroke:#000;stroke-width:1.5}',
        '.label{fill:#222;font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;font-size:11px;text-anchor:middle;dominant-baseline:central;',
        'paint-order:stroke;stroke:#fff;stroke-width:2.5px;stroke-linejoin:round;pointer-events:none}',
        '.legend .swatch{display:inline-block;width:1.2em;height:1em;margin:0 .3em 0 1em;vertical-align:middle;border:1px solid #999}',
        '@media print{body{margin:0;max-width:none}h2{break-before:auto}tr,svg.map{break-inside:avoid}}',
        '@page{size:A4;margin:12mm}</style>',
        '</head><body>',
        format('<h1>Palliative-care gaps: %s <span lang="ja">／ 緩和ケア資源のギャップ：%s</span></h1>',
               palliative.html_escape(where_en), palliative.html_escape(where_ja)),
        format('<p>Regions: %s %s <span lang="ja">（%s別）</span>. Refreshed %s (reference date %s).</p>',
               regions, level_en || CASE WHEN regions = 1 THEN '' ELSE 's' END, level_ja,
               coalesce(to_char(computed, 'YYYY-MM-DD HH24:MI TZ'), 'never'), coalesce(to_char(ref_date, 'YYYY-MM-DD'), '–')),
        '<h2>Every standard <span lang="ja">／ すべての基準</span></h2>',
        '<table class="summary"><tr><th>standard</th><th>demand</th><th>covered</th><th>regions missing the target</th><th>uncovered</th><th>within reach, facilities full</th></tr>',
        summary.html,
        '</table>',
        format('<h2>%s <span lang="ja">／ %s</span></h2>', palliative.html_escape(s.title_en), palliative.html_escape(s.title_ja)),
        format('<p>%s<br><span lang="ja">%s</span></p>', palliative.html_escape(s.description_en), palliative.html_escape(s.description_ja)),
        CASE WHEN with_data = 0 AND without_data > 0 THEN
            format('<p class="nodata"><b>No data:</b> no source covers what this standard counts in the %s regions of %s (see the regions without data below); there is no gap to show. <span lang="ja">この基準が数える資源を報告する情報源がこの地域にありません。</span></p>',
                   regions, palliative.html_escape(where_en))
        WHEN with_data = 0 THEN
            format('<p class="nodata"><b>No data:</b> the demand data of this standard covers none of the %s regions of %s; there is no gap to show. <span lang="ja">この基準の需要データはこの地域を含みません。</span></p>',
                   regions, palliative.html_escape(where_en))
        ELSE
            format('<p>Target: %s of demand %s. Regions with data: %s of %s, of which %s miss the target.%s</p>',
                   palliative.fmt_pct(s.target_share),
                   CASE WHEN s.measure = 'capacity' THEN 'served within capacity' ELSE 'within reach' END,
                   with_data, regions, in_gap,
                   CASE WHEN without_data > 0 THEN format(' Without data: %s (grey, never a gap).', without_data) ELSE '' END)
        END,
        '<h3>Uncovered share of demand <span lang="ja">／ 圏外の人口の割合</span></h3>',
        palliative.report_map(area, lvl, s.id),
        '<p class="legend">',
        '<span class="swatch" style="background:#1a9850"></span>0%<span class="swatch" style="background:#a6d96a"></span>&lt;5%',
        '<span class="swatch" style="background:#fee08b"></span>5–10%<span class="swatch" style="background:#fdae61"></span>10–20%',
        '<span class="swatch" style="background:#f46d43"></span>20–40%<span class="swatch" style="background:#a50026"></span>≥40%',
        '<span class="swatch" style="background:#d9d9d9"></span>no data <span lang="ja">データなし</span></p>',
        format('<h3>Largest gaps (top %s) <span lang="ja">／ ギャップの大きい地域</span></h3>', top),
        '<table><tr><th>rank</th><th>region</th><th>uncovered</th><th>share</th><th>reason</th></tr>',
        coalesce(gaps.html, '<tr><td colspan="5">No region misses the target.</td></tr>'),
        '</table>',
        CASE WHEN nodata.html IS NOT NULL THEN concat_ws(E'\n',
            '<h3>Regions without data <span lang="ja">／ データのない地域</span></h3>',
            '<p>No source covers what the standard counts in these regions, so the gap is unknown: grey on the map, never a gap, left out of every figure.</p>',
            '<table><tr><th>prefecture</th><th>regions</th><th>reason</th></tr>',
            nodata.html,
            '</table>') END,
        '<h3>Where strengthening helps most <span lang="ja">／ 緩和ケアの強化が最も効果的な施設</span></h3>',
        format('<p>Facilities%s that, if they met the standard, would bring the most people within reach (greedy plan; step = its place in the plan), up to 3 per %s.</p>',
               CASE WHEN area IS NULL THEN '' ELSE ' of ' || palliative.html_escape(where_en) END, level_en),
        '<table><tr><th>region</th><th>rank in region</th><th>facility</th><th>step</th><th>people added</th></tr>',
        plan.html,
        '</table>',
        CASE WHEN has_filings THEN concat_ws(E'\n',
            '<h2>What changed since the last import <span lang="ja">／ 前回の取り込みからの変化</span></h2>',
            '<table><tr><th>region</th><th>fee item</th><th>lists</th><th>started</th><th>ended</th><th>institutions</th></tr>',
            coalesce(changes.html, '<tr><td colspan="6">Nothing changed, or only one list imported.</td></tr>'),
            '</table>') END,
        '<h2>Resource directory <span lang="ja">／ 緩和ケア資源リスト</span></h2>',
        '<table><tr><th>region</th><th>palliative care units<br><span lang="ja">緩和ケア病棟</span></th><th>home palliative care<br><span lang="ja">在宅緩和ケア</span></th><th>24-hour visiting nursing<br><span lang="ja">24時間訪問看護</span></th><th>opioid pharmacies<br><span lang="ja">麻薬調剤薬局</span></th></tr>',
        coalesce(directory.html, ''),
        '</table>',
        '<h2>Data sources</h2><ul>', coalesce(sources.html, ''),
        '</ul><p><small>Generated by the palliative PostgreSQL extension.</small></p></body></html>');
END
$$;
COMMENT ON FUNCTION palliative.gap_report_formats(text, text, integer, text) IS
'The gap report of gap_report in both formats at once (markdown and html), each section computed once: what gap_report returns one of, and what store_reports keeps. Arguments as gap_report''s. The detail of the chosen standard lists its regions without data (report_no_data; only when there are some) and, once filings are imported, what changed in them since the last import (report_changes).';

CREATE FUNCTION palliative.gap_report(level text DEFAULT NULL, format text DEFAULT 'markdown',
                                      standard text DEFAULT NULL, top integer DEFAULT 20,
                                      area text DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    PERFORM palliative.check_report_format(format);
    r := palliative.gap_report_formats(level, standard, top, area);
    RETURN CASE format WHEN 'html' THEN r.html ELSE r.markdown END;
END
$$;
COMMENT ON FUNCTION palliative.gap_report(text, text, text, integer, text) IS
'The gap report of an area (area NULL: the whole country; or a prefecture or secondary medical region code, e.g. ''01'' or ''0104'') as markdown or html, by the regions of a level within it (level NULL: secondary medical regions for the country and a prefecture, municipalities for a secondary medical region). It opens with every enabled standard summarised over those regions (demand, covered share, regions missing the target, people uncovered, for capacity standards people within reach of full facilities; "no data" where the standard''s data or sources do not cover the area), then details one standard (default: the one with the most uncovered demand in the area, else the first enabled): the map (html), the largest gaps, where strengthening helps most (palliative.strengthen over the area''s candidate facilities, up to 3 picks per region), the resource directory, the refresh time and the data sources; assembled (by gap_report_formats) from report_summary, report_map, report_gaps, report_plan, report_directory and report_sources, each computed once. The html report is one self-contained page that prints on A4. It runs palliative.strengthen, so it is volatile and parallel unsafe. Errors (22023): an unknown area (named), a level not below the area, an unknown level, format or standard, top < 1.';
