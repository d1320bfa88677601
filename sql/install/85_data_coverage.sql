-- @area Data coverage by region
-- palliative.data_coverage says, per prefecture and secondary medical
-- region and standard, which sources cover it and whether the standard has
-- data there (see palliative.standard_data).

CREATE VIEW palliative.data_coverage AS
WITH pop AS (
    SELECT p.prefecture_code, p.secondary_code,
           pg_catalog.string_agg(DISTINCT pg_catalog.format('%s (%s)', p.source, p.year), '; ') AS population_sources,
           pg_catalog.count(*) AS population_rows,
           GROUPING(p.secondary_code) OPERATOR(pg_catalog.=) 1 AS whole
    FROM palliative.population AS p
    GROUP BY GROUPING SETS ((p.prefecture_code), (p.prefecture_code, p.secondary_code))
),
fac AS (
    SELECT f.prefecture_code, f.secondary_code,
           pg_catalog.string_agg(DISTINCT f.source, '; ') AS facility_sources,
           pg_catalog.count(*) AS facilities,
           pg_catalog.count(*) FILTER (WHERE f.location_precision OPERATOR(pg_catalog.=) 'municipality') AS facilities_at_municipality,
           GROUPING(f.secondary_code) OPERATOR(pg_catalog.=) 1 AS whole
    FROM palliative.facility AS f
    GROUP BY GROUPING SETS ((f.prefecture_code), (f.prefecture_code, f.secondary_code))
),
fil AS (
    SELECT f.prefecture_code, pg_catalog.max(f.as_of) AS filing_as_of,
           pg_catalog.string_agg(DISTINCT f.fee_item, ',' ORDER BY f.fee_item) FILTER (WHERE f.fee_item IS NOT NULL) AS fee_items,
           pg_catalog.count(*) AS filings
    FROM palliative.filing AS f
    WHERE f.end_date IS NULL
    GROUP BY f.prefecture_code
)
SELECT palliative.region_row_id(sd.standard_id, r.level, r.code) AS id,
       r.level,
       r.code AS region_code,
       coalesce(r.name_ja, r.name_en, r.code) AS region_name,
       sd.standard,
       coalesce(d.data_status, 'covered') AS data_status,
       coalesce(d.sources, CASE WHEN d.prefecture_code IS NULL THEN 'taken as complete (no source coverage registered)' ELSE 'none' END) AS standard_sources,
       fl.filing_as_of,
       fl.fee_items,
       fl.filings,
       fc.facility_sources,
       fc.facilities,
       fc.facilities_at_municipality,
       pp.population_sources,
       pp.population_rows,
       d.reason_ja,
       d.reason_en
FROM palliative.region AS r
CROSS JOIN (SELECT s.id AS standard_id, s.name AS standard FROM palliative.standard AS s WHERE s.enabled) AS sd
LEFT JOIN palliative.standard_data AS d
  ON d.standard_id OPERATOR(pg_catalog.=) sd.standard_id
 AND d.prefecture_code OPERATOR(pg_catalog.=) pg_catalog.left(r.code, 2)
LEFT JOIN fil AS fl ON fl.prefecture_code OPERATOR(pg_catalog.=) pg_catalog.left(r.code, 2)
LEFT JOIN fac AS fc
  ON fc.prefecture_code OPERATOR(pg_catalog.=) pg_catalog.left(r.code, 2)
 AND CASE WHEN r.level OPERATOR(pg_catalog.=) 'secondary'
          THEN NOT fc.whole AND fc.secondary_code OPERATOR(pg_catalog.=) r.code
          ELSE fc.whole END
LEFT JOIN pop AS pp
  ON pp.prefecture_code OPERATOR(pg_catalog.=) pg_catalog.left(r.code, 2)
 AND CASE WHEN r.level OPERATOR(pg_catalog.=) 'secondary'
          THEN NOT pp.whole AND pp.secondary_code OPERATOR(pg_catalog.=) r.code
          ELSE pp.whole END
WHERE r.level OPERATOR(pg_catalog.=) ANY ('{prefecture,secondary}');
COMMENT ON VIEW palliative.data_coverage IS
'Per prefecture and secondary medical region and enabled standard: which sources cover it (the facility sources that decide the standard there, or "taken as complete"; the current filings: their latest as-of date and fee items; the data sets of its facilities and how many are placed at their municipality; the population sources and years) and whether the standard has data there (covered) or not (no_data, with the reason). Regions of a prefecture with no_data are "no data" in region_coverage, region_gaps, the reports, GeoJSON and tiles.';
COMMENT ON COLUMN palliative.data_coverage.id IS 'Integer key (the region_coverage id of the region and standard).';
COMMENT ON COLUMN palliative.data_coverage.level IS 'prefecture or secondary.';
COMMENT ON COLUMN palliative.data_coverage.region_code IS 'Region code.';
COMMENT ON COLUMN palliative.data_coverage.region_name IS 'Region name.';
COMMENT ON COLUMN palliative.data_coverage.standard IS 'Standard name.';
COMMENT ON COLUMN palliative.data_coverage.data_status IS 'covered or no_data.';
COMMENT ON COLUMN palliative.data_coverage.standard_sources IS 'The sources that cover what the standard counts here.';
COMMENT ON COLUMN palliative.data_coverage.filing_as_of IS 'Latest as-of date of the prefecture''s current filings (NULL: no filings imported).';
COMMENT ON COLUMN palliative.data_coverage.fee_items IS 'Fee items of the prefecture''s current mapped filings, separated by commas.';
COMMENT ON COLUMN palliative.data_coverage.filings IS 'Current filings of the prefecture.';
COMMENT ON COLUMN palliative.data_coverage.facility_sources IS 'Data sets of the region''s facilities (e.g. mhlw-iryojoho-2025 for the hospital file, filings for institutions placed from filings).';
COMMENT ON COLUMN palliative.data_coverage.facilities IS 'Facilities located in the region.';
COMMENT ON COLUMN palliative.data_coverage.facilities_at_municipality IS 'Of which placed at their municipality (location_precision municipality).';
COMMENT ON COLUMN palliative.data_coverage.population_sources IS 'Population data sets in the region, with their years.';
COMMENT ON COLUMN palliative.data_coverage.population_rows IS 'Population rows (cells or points) in the region.';
COMMENT ON COLUMN palliative.data_coverage.reason_ja IS 'Why the standard has no data here, in Japanese.';
COMMENT ON COLUMN palliative.data_coverage.reason_en IS 'Why the standard has no data here, in English.';
