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
                       'meets_target', rc.covered_share >= rc.target_share,
                       'computed_at', rc.computed_at))
                   ORDER BY rc.region_code), '[]'::json))
      INTO result
      FROM palliative.region_coverage rc
     WHERE rc.level = coverage_geojson.level AND rc.standard_id = s.id;
    RETURN result;
END
$$;
COMMENT ON FUNCTION palliative.coverage_geojson(text, text) IS
'A GeoJSON FeatureCollection of region_coverage at a level (prefecture, secondary, municipality) for one standard (default: the first enabled): one feature per region, coordinates in WGS 84 with 6 decimals.';

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
                   rc.target_share,
                   public.ST_AsMVTGeom(public.ST_Transform(rc.geom, 3857), env, 4096, 64, true) AS geom
              FROM palliative.region_coverage rc
             WHERE rc.level = lvl AND rc.standard_id = s.id
               AND rc.geom OPERATOR(public.&&) public.ST_Transform(env, 4326)) AS t
     WHERE t.geom IS NOT NULL;
    RETURN coalesce(tile, ''::bytea);
END
$$;
COMMENT ON FUNCTION palliative.coverage_mvt(integer, integer, integer, json) IS
'A Mapbox vector tile of region_coverage for tile z/x/y (layer palliative.coverage_mvt, feature id = region row id), in the function-layer signature pg_tileserv and Martin serve. query_params: {"standard": name, "level": prefecture|secondary|municipality} (NULL as {}); the level defaults by zoom (below 7 prefecture, below 10 secondary, else municipality). A null z, x or y is an error (22004), a tile that does not exist 22023.';

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

CREATE FUNCTION palliative.report_gaps(level text, standard text, top integer, format text)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE palliative.check_report_format(report_gaps.format)
           WHEN 'markdown' THEN
               pg_catalog.string_agg(pg_catalog.format('| %s | %s (%s) | %s | %s | %s / %s |', g.gap_rank,
                              palliative.md_escape(g.region_name), palliative.md_escape(g.region_code),
                              palliative.fmt_int(g.uncovered_population), palliative.fmt_pct(g.uncovered_share),
                              palliative.md_escape(g.reason_en), palliative.md_escape(g.reason_ja)), E'\n' ORDER BY g.gap_rank)
           ELSE
               pg_catalog.string_agg(pg_catalog.format('<tr><td>%s</td><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td><td>%s<br><span lang="ja">%s</span></td></tr>',
                              g.gap_rank, palliative.html_escape(g.region_name), palliative.html_escape(g.region_code),
                              palliative.fmt_int(g.uncovered_population), palliative.fmt_pct(g.uncovered_share),
                              palliative.html_escape(g.reason_en), palliative.html_escape(g.reason_ja)), E'\n' ORDER BY g.gap_rank)
           END
      FROM (SELECT g0.* FROM palliative.region_gaps AS g0
             WHERE g0.level OPERATOR(pg_catalog.=) report_gaps.level
               AND g0.standard OPERATOR(pg_catalog.=) report_gaps.standard
             ORDER BY g0.gap_rank LIMIT report_gaps.top) AS g;
END;
COMMENT ON FUNCTION palliative.report_gaps(text, text, integer, text) IS
'Section of gap_report: the rows of the table of the largest gaps (top regions of region_gaps at a level for a standard), in markdown or html; NULL when no region misses the target.';

CREATE FUNCTION palliative.report_plan(level text, standard text, top integer, regions integer, format text)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rows_md   text;
    rows_html text;
BEGIN
    PERFORM palliative.check_report_format(format);
    -- one plan over all demand (palliative.strengthen), its picks grouped by
    -- the region they lie in, up to 3 per region, for the top regions by
    -- the people the picks would add
    SELECT string_agg(format('| %s (%s) | %s | %s (%s) | %s | %s |', palliative.md_escape(p.region_name),
                             palliative.md_escape(p.region_code), p.region_rank,
                             palliative.md_escape(p.facility_name), p.facility_id, p.step, palliative.fmt_int(p.newly_covered)),
                      E'\n' ORDER BY p.region_order, p.step),
           string_agg(format('<tr><td>%s <small>%s</small></td><td class="n">%s</td><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td></tr>',
                             palliative.html_escape(p.region_name), palliative.html_escape(p.region_code), p.region_rank,
                             palliative.html_escape(p.facility_name), p.facility_id, p.step,
                             palliative.fmt_int(p.newly_covered)),
                      E'\n' ORDER BY p.region_order, p.step)
      INTO rows_md, rows_html
      FROM (SELECT q.*, dense_rank() OVER (ORDER BY q.region_added DESC, q.region_code) AS region_order
              FROM (SELECT pl.step, pl.facility_id, coalesce(pl.facility_name, '–') AS facility_name, pl.newly_covered,
                           coalesce(r.code, '–') AS region_code, coalesce(r.name_ja, r.name_en, r.code, '–') AS region_name,
                           row_number() OVER (PARTITION BY r.code ORDER BY pl.step) AS region_rank,
                           sum(pl.newly_covered) OVER (PARTITION BY r.code) AS region_added
                      FROM palliative.strengthen(standard, least(200, greatest(top, 3 * regions))) AS pl
                      JOIN palliative.facility AS f ON f.id = pl.facility_id
                      LEFT JOIN palliative.region AS r
                        ON r.level = report_plan.level
                       AND r.code = CASE report_plan.level WHEN 'prefecture' THEN f.prefecture_code
                                                           WHEN 'secondary' THEN f.secondary_code
                                                           ELSE f.municipality_code END) AS q
             WHERE q.region_rank <= 3) AS p
     WHERE p.region_order <= top;
    IF format = 'markdown' THEN
        RETURN coalesce(rows_md, '| – | | no candidate adds anyone | | |');
    END IF;
    RETURN coalesce(rows_html, '<tr><td colspan="5">No candidate adds anyone.</td></tr>');
EXCEPTION WHEN invalid_parameter_value THEN
    IF format = 'markdown' THEN
        RETURN '| – | | ' || palliative.md_escape('not available for this standard: ' || SQLERRM) || ' | | |';
    END IF;
    RETURN '<tr><td colspan="5">' || palliative.html_escape('not available for this standard: ' || SQLERRM) || '</td></tr>';
END
$$;
COMMENT ON FUNCTION palliative.report_plan(text, text, integer, integer, text) IS
'Section of gap_report: where strengthening helps most. Runs palliative.strengthen for the standard (so it is volatile and parallel unsafe), groups its picks by the region of the level they lie in, up to 3 per region, for the top regions by the people the picks add; the rows of its table in markdown or html. A standard strengthen cannot plan for gives one row saying why.';

CREATE FUNCTION palliative.report_directory(level text, format text)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE palliative.check_report_format(report_directory.format)
           WHEN 'markdown' THEN
               pg_catalog.string_agg(pg_catalog.format('| %s (%s) | %s | %s | %s | %s |',
                              palliative.md_escape(d.region_name), palliative.md_escape(d.region_code),
                              d.pcu, d.home, d.nursing, d.pharmacy), E'\n' ORDER BY d.region_code)
           ELSE
               pg_catalog.string_agg(pg_catalog.format('<tr><td>%s <small>%s</small></td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
                              palliative.html_escape(d.region_name), palliative.html_escape(d.region_code),
                              d.pcu, d.home, d.nursing, d.pharmacy), E'\n' ORDER BY d.region_code)
           END
      FROM (SELECT r.code AS region_code, coalesce(r.name_ja, r.name_en, r.code) AS region_name,
                   pg_catalog.count(*) FILTER (WHERE e.category OPERATOR(pg_catalog.=) 'palliative_care_unit') AS pcu,
                   pg_catalog.count(*) FILTER (WHERE e.category OPERATOR(pg_catalog.=) 'home_palliative_care') AS home,
                   pg_catalog.count(*) FILTER (WHERE e.category OPERATOR(pg_catalog.=) 'home_nursing_24h') AS nursing,
                   pg_catalog.count(*) FILTER (WHERE e.category OPERATOR(pg_catalog.=) 'opioid_pharmacy') AS pharmacy
              FROM palliative.region AS r
              LEFT JOIN palliative.resource_directory AS e
                ON r.code OPERATOR(pg_catalog.=) CASE report_directory.level
                                                     WHEN 'prefecture' THEN e.prefecture_code
                                                     WHEN 'secondary' THEN e.region_code
                                                     ELSE e.municipality_code END
             WHERE r.level OPERATOR(pg_catalog.=) report_directory.level
             GROUP BY r.code, r.name_ja, r.name_en) AS d;
END;
COMMENT ON FUNCTION palliative.report_directory(text, text) IS
'Section of gap_report: the resource directory summarised per region of the level (palliative care units, home palliative care, 24-hour visiting nursing, opioid pharmacies), the rows of its table in markdown or html.';

CREATE FUNCTION palliative.report_sources(standard text, format text)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE palliative.check_report_format(report_sources.format)
           WHEN 'markdown' THEN
               pg_catalog.concat_ws(E'\n',
                   pg_catalog.string_agg(pg_catalog.format('- %s: %s %s rows', x.tbl, palliative.fmt_int(x.n),
                                                           palliative.md_escape(x.source)), E'\n' ORDER BY x.tbl, x.source),
                   pg_catalog.format('- standard: %s', palliative.md_escape(coalesce(
                       (SELECT s.source_note FROM palliative.standard AS s
                         WHERE s.name OPERATOR(pg_catalog.=) report_sources.standard), '–'))))
           ELSE
               pg_catalog.concat(pg_catalog.string_agg(pg_catalog.format('<li>%s: %s <code>%s</code> rows</li>', x.tbl, palliative.fmt_int(x.n),
                                                palliative.html_escape(x.source)), E'\n' ORDER BY x.tbl, x.source),
                   pg_catalog.format('<li>standard: %s</li>', palliative.html_escape(coalesce(
                       (SELECT s.source_note FROM palliative.standard AS s
                         WHERE s.name OPERATOR(pg_catalog.=) report_sources.standard), '–'))))
           END
      FROM (SELECT 'facilities' AS tbl, f.source, pg_catalog.count(*)::double precision AS n
              FROM palliative.facility AS f GROUP BY f.source
            UNION ALL
            SELECT 'population cells', p.source, pg_catalog.count(*) FROM palliative.population AS p GROUP BY p.source
            UNION ALL
            SELECT 'regions', r.source, pg_catalog.count(*) FROM palliative.region AS r GROUP BY r.source) AS x;
END;
COMMENT ON FUNCTION palliative.report_sources(text, text) IS
'Section of gap_report: the data sources (rows per source of facilities, population cells and regions, and the standard''s source note) as a markdown list or html list items.';

CREATE FUNCTION palliative.report_map(level text, standard_id integer)
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    svg text;
    bx0 double precision; by0 double precision; bx1 double precision; by1 double precision;
    k   double precision;
    fs  double precision;
BEGIN
    -- one path per region, y flipped by ST_AsSVG, x scaled by cos(latitude)
    SELECT public.ST_XMin(e), public.ST_YMin(e), public.ST_XMax(e), public.ST_YMax(e)
      INTO bx0, by0, bx1, by1
      FROM (SELECT public.ST_Extent(rc.geom)::public.geometry AS e FROM palliative.region_coverage rc
             WHERE rc.level = report_map.level AND rc.standard_id = report_map.standard_id) ext;
    IF bx0 IS NULL THEN
        RETURN '<p>No region polygons at this level.</p>';
    END IF;
    k := cos(radians((by0 + by1) / 2));
    fs := greatest((by1 - by0), (bx1 - bx0) * k) / 70;
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" id="map" viewBox="%s %s %s %s" preserveAspectRatio="xMidYMid meet">',
                  (bx0 * k)::real, (-by1)::real, ((bx1 - bx0) * k)::real, (by1 - by0)::real)
           || format('<g transform="scale(%s,1)">', k::real)
           || string_agg(format('<path class="region" data-code="%s" fill="%s" stroke="#555" stroke-width="%s" vector-effect="non-scaling-stroke" d="%s"><title>%s: %s uncovered (%s)</title></path>',
                                palliative.html_escape(rc.region_code), palliative.gap_colour(1 - rc.covered_share), 0.5,
                                public.ST_AsSVG(rc.geom, 0, 4), palliative.html_escape(rc.region_name),
                                palliative.fmt_pct(1 - rc.covered_share), palliative.fmt_int(rc.population - rc.covered_population)),
                         '' ORDER BY rc.region_code)
           || '</g>'
           || string_agg(format('<text class="label" x="%s" y="%s" font-size="%s" stroke-width="%s" text-anchor="middle">%s</text>',
                                (public.ST_X(public.ST_PointOnSurface(rc.geom)) * k)::real,
                                (-public.ST_Y(public.ST_PointOnSurface(rc.geom)))::real, fs::real, (fs / 6)::real,
                                palliative.html_escape(rc.region_name)),
                         '' ORDER BY rc.region_code)
           || '</svg>'
      INTO svg
      FROM palliative.region_coverage rc
     WHERE rc.level = report_map.level AND rc.standard_id = report_map.standard_id AND rc.geom IS NOT NULL;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION palliative.report_map(text, integer) IS
'Section of gap_report: the inline SVG choropleth of the uncovered share of a standard per region of a level (one path per region with a tooltip, labels).';

CREATE FUNCTION palliative.gap_report(level text DEFAULT 'secondary', format text DEFAULT 'markdown',
                                      standard text DEFAULT NULL, top integer DEFAULT 20)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lvl         text := palliative.check_level(level);
    s           palliative.standard := palliative.check_standard(coalesce(standard,
                    (SELECT g.standard FROM palliative.region_gaps g
                      WHERE g.level = palliative.check_level(gap_report.level)
                      GROUP BY g.standard ORDER BY sum(g.uncovered_population) DESC, g.standard LIMIT 1)));
    level_ja    text := CASE level WHEN 'prefecture' THEN '都道府県' WHEN 'secondary' THEN '二次医療圏' ELSE '市区町村' END;
    level_en    text := CASE level WHEN 'prefecture' THEN 'prefecture' WHEN 'secondary' THEN 'secondary medical region' ELSE 'municipality' END;
    computed    timestamptz;
    ref_date    date;
    regions     integer;
    in_gap      integer;
BEGIN
    PERFORM palliative.check_report_format(format);
    IF top IS NULL OR top < 1 THEN
        RAISE EXCEPTION 'top must be at least 1, not %', coalesce(top::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    SELECT max(rc.computed_at), count(*), count(*) FILTER (WHERE rc.covered_share < rc.target_share)
      INTO computed, regions, in_gap
      FROM palliative.region_coverage rc WHERE rc.level = lvl AND rc.standard_id = s.id;
    SELECT l.reference_date INTO ref_date FROM palliative.refresh_log l
     WHERE l.status IN ('succeeded', 'partial') ORDER BY l.id DESC LIMIT 1;

    IF format = 'markdown' THEN
        RETURN concat_ws(E'\n',
            format('# Palliative-care gaps by %s / 緩和ケア資源のギャップ（%s別）', level_en, level_ja),
            '',
            format('**Standard:** %s (%s) — %s', palliative.md_escape(s.title_en), palliative.md_escape(s.title_ja),
                   palliative.md_escape(s.description_en)),
            '',
            format('**Target:** %s of demand within reach. **Regions:** %s, of which %s miss the target.',
                   palliative.fmt_pct(s.target_share), regions, in_gap),
            '',
            format('**Refreshed:** %s (reference date %s).', coalesce(to_char(computed, 'YYYY-MM-DD HH24:MI TZ'), 'never: run palliative.refresh()'),
                   coalesce(ref_date::text, '–')),
            '',
            format('## Largest gaps (top %s)', top),
            '',
            '| rank | region | uncovered | share | reason |',
            '|---:|---|---:|---:|---|',
            coalesce(palliative.report_gaps(lvl, s.name, top, 'markdown'), '| – | no region misses the target | | | |'),
            '',
            '## Where strengthening helps most / 緩和ケアの強化が最も効果的な施設',
            '',
            format('Facilities that, if they met the standard, would bring the most people within reach (palliative.strengthen: greedy plan, step = its place in the plan), up to 3 per %s.', level_en),
            '',
            '| region | rank in region | facility | step | people added |',
            '|---|---:|---|---:|---:|',
            palliative.report_plan(lvl, s.name, top, regions, 'markdown'),
            '',
            '## Resource directory / 緩和ケア資源リスト',
            '',
            '| region | palliative care units | home palliative care | 24-hour visiting nursing | opioid pharmacies |',
            '|---|---:|---:|---:|---:|',
            coalesce(palliative.report_directory(lvl, 'markdown'), '| – | | | | |'),
            '',
            '## Data sources',
            '',
            coalesce(palliative.report_sources(s.name, 'markdown'), '- none'),
            '');
    END IF;

    RETURN concat(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        format('<title>Palliative-care gaps: %s by %s</title>', palliative.html_escape(s.title_en), level_en),
        '<style>body{font-family:"Noto Sans CJK JP","Noto Sans JP","IPAexGothic",sans-serif;margin:2em;max-width:1100px;color:#222}',
        'table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}',
        'td.n{text-align:right}#map{width:100%;height:640px;background:#eef4f8;border:1px solid #ccc}',
        '.label{fill:#222;paint-order:stroke;stroke:#fff;font-family:sans-serif}',
        '.legend span{display:inline-block;width:1.2em;height:1em;margin:0 .3em 0 1em;vertical-align:middle;border:1px solid #999}</style>',
        '</head><body>',
        format('<h1>Palliative-care gaps by %s <span lang="ja">／ 緩和ケア資源のギャップ（%s別）</span></h1>', level_en, level_ja),
        format('<p><b>%s</b> <span lang="ja">（%s）</span><br>%s<br><span lang="ja">%s</span></p>',
               palliative.html_escape(s.title_en), palliative.html_escape(s.title_ja),
               palliative.html_escape(s.description_en), palliative.html_escape(s.description_ja)),
        format('<p>Target: %s of demand within reach. Regions: %s, of which %s miss the target. Refreshed %s (reference date %s).</p>',
               palliative.fmt_pct(s.target_share), regions, in_gap,
               coalesce(to_char(computed, 'YYYY-MM-DD HH24:MI TZ'), 'never'), coalesce(ref_date::text, '–')),
        '<h2>Uncovered share of demand <span lang="ja">／ 圏外の人口の割合</span></h2>',
        palliative.report_map(lvl, s.id),
        '<p class="legend">',
        '<span style="background:#1a9850"></span>0%<span style="background:#a6d96a"></span>&lt;5%',
        '<span style="background:#fee08b"></span>5–10%<span style="background:#fdae61"></span>10–20%',
        '<span style="background:#f46d43"></span>20–40%<span style="background:#a50026"></span>≥40%',
        '<span style="background:#d9d9d9"></span>no data</p>',
        format('<h2>Largest gaps (top %s) <span lang="ja">／ ギャップの大きい地域</span></h2>', top),
        '<table><tr><th>rank</th><th>region</th><th>uncovered</th><th>share</th><th>reason</th></tr>',
        coalesce(palliative.report_gaps(lvl, s.name, top, 'html'), '<tr><td colspan="5">No region misses the target.</td></tr>'),
        '</table>',
        '<h2>Where strengthening helps most <span lang="ja">／ 緩和ケアの強化が最も効果的な施設</span></h2>',
        format('<p>Facilities that, if they met the standard, would bring the most people within reach (greedy plan; step = its place in the plan), up to 3 per %s.</p>', level_en),
        '<table><tr><th>region</th><th>rank in region</th><th>facility</th><th>step</th><th>people added</th></tr>',
        palliative.report_plan(lvl, s.name, top, regions, 'html'),
        '</table>',
        '<h2>Resource directory <span lang="ja">／ 緩和ケア資源リスト</span></h2>',
        '<table><tr><th>region</th><th>palliative care units<br><span lang="ja">緩和ケア病棟</span></th><th>home palliative care<br><span lang="ja">在宅緩和ケア</span></th><th>24-hour visiting nursing<br><span lang="ja">24時間訪問看護</span></th><th>opioid pharmacies<br><span lang="ja">麻薬調剤薬局</span></th></tr>',
        coalesce(palliative.report_directory(lvl, 'html'), ''),
        '</table>',
        '<h2>Data sources</h2><ul>', coalesce(palliative.report_sources(s.name, 'html'), ''),
        '</ul><p><small>Generated by the palliative PostgreSQL extension.</small></p></body></html>');
END
$$;
COMMENT ON FUNCTION palliative.gap_report(text, text, text, integer) IS
'The gap report of a level (prefecture, secondary, municipality) for one standard (default: the standard with the most uncovered demand at that level, else the first enabled) as markdown or html, assembled from the sections report_gaps, report_plan, report_directory, report_sources and (html) report_map. The html report is one self-contained page: an inline SVG choropleth of the uncovered share per region (one path per region, labels, legend), the largest gaps, where strengthening helps most (the picks of palliative.strengthen for the standard, up to 3 per region, for the top regions), the resource directory, the refresh time and the data sources. It runs palliative.strengthen, so it is volatile and parallel unsafe.';
