-- @area Regional coverage and gaps
-- The views analysts, BI tools and QGIS read: coverage of every standard
-- by prefecture, secondary medical region and municipality, the regions that
-- miss their target, the resource directory each medical region must keep,
-- and the non-spatial indicators of the source document.  Column types are
-- built-in (capsets and enums as text), the first column is an integer key,
-- geometry is typed so geometry_columns lists every view.

-- a stable integer key for a (standard, level, region) row
CREATE FUNCTION palliative.region_row_id(standard_id integer, level text, code text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN standard_id::bigint * 100000000
         + (CASE level WHEN 'prefecture' THEN 1 WHEN 'secondary' THEN 2 ELSE 3 END) * 10000000
         + (CASE WHEN code OPERATOR(pg_catalog.~) '^[0-9]{1,7}$'
                 THEN pg_catalog.to_number(code, '9999999')::bigint
                 ELSE (pg_catalog.hashtext(code)::bigint OPERATOR(pg_catalog.&) 4194303) + 5000000 END);
COMMENT ON FUNCTION palliative.region_row_id(integer, text, text) IS
'Integer key of a region row of a standard: standard_id * 10^8 + level (1 prefecture, 2 secondary, 3 municipality) * 10^7 + the numeric region code. Stable across refreshes.';

CREATE MATERIALIZED VIEW palliative.region_coverage AS
WITH cell AS (
    SELECT cc.standard_id,
           p.prefecture_code, p.secondary_code, p.municipality_code,
           (CASE s.demand_column
                WHEN 'total' THEN p.total
                WHEN 'aged_65_plus' THEN p.aged_65_plus
                WHEN 'aged_75_plus' THEN p.aged_75_plus
                WHEN 'cancer_deaths' THEN p.cancer_deaths
            END)::double precision AS demand,
           cc.access, cc.reachable, cc.computed_at, cc.served
    FROM palliative.cell_coverage cc
    JOIN palliative.standard s ON s.id = cc.standard_id
    JOIN palliative.population p ON p.id = cc.population_id
),
cell_region AS (
    SELECT c.*, r.level, r.code
    FROM cell c
    CROSS JOIN LATERAL (VALUES ('prefecture', c.prefecture_code),
                               ('secondary', c.secondary_code),
                               ('municipality', c.municipality_code)) AS r(level, code)
    WHERE r.code IS NOT NULL
),
nodata AS (
    -- standards a prefecture has no data for (palliative.standard_data)
    SELECT sd.standard_id, sd.prefecture_code, sd.reason_ja, sd.reason_en
    FROM palliative.standard_data sd WHERE sd.data_status = 'no_data'
),
national AS (
    -- the national mean leaves out the prefectures without data
    SELECT c.standard_id,
           sum(c.demand * c.access) / nullif(sum(c.demand), 0) AS mean_access
    FROM cell c
    WHERE NOT EXISTS (SELECT 1 FROM nodata nd
                      WHERE nd.standard_id = c.standard_id AND nd.prefecture_code = c.prefecture_code)
    GROUP BY c.standard_id
),
agg AS (
    SELECT standard_id, level, code,
           sum(demand) AS population,
           coalesce(sum(demand) FILTER (WHERE reachable > 0), 0) AS covered_population,
           sum(demand * access) / nullif(sum(demand), 0) AS mean_access,
           palliative.gini(access, demand) AS gini,
           max(computed_at) AS computed_at,
           sum(served) AS served_population
    FROM cell_region
    GROUP BY standard_id, level, code
),
fac AS (
    SELECT sf.standard_id, r.level, r.code, count(*) AS facilities, sum(sf.capacity) AS capacity,
           count(*) FILTER (WHERE fp.location_precision = 'municipality') AS at_municipality
    FROM palliative.standard_facility sf
    JOIN palliative.facility fp ON fp.id = sf.facility_id
    CROSS JOIN LATERAL (VALUES ('prefecture', sf.prefecture_code),
                               ('secondary', sf.secondary_code),
                               ('municipality', sf.municipality_code)) AS r(level, code)
    WHERE r.code IS NOT NULL
    GROUP BY sf.standard_id, r.level, r.code
)
SELECT palliative.region_row_id(s.id, g.level, g.code)                AS id,
       g.level,
       g.code                                                        AS region_code,
       coalesce(g.name_ja, g.name_en, g.code)                        AS region_name,
       g.name_en                                                     AS region_name_en,
       g.parent_code,
       s.name                                                        AS standard,
       s.id                                                          AS standard_id,
       coalesce(a.population, 0)::double precision                   AS population,
       CASE WHEN d.prefecture_code IS NULL
            THEN coalesce(a.covered_population, 0)::double precision END AS covered_population,
       CASE WHEN d.prefecture_code IS NULL
            THEN a.covered_population / nullif(a.population, 0) END  AS covered_share,
       CASE WHEN d.prefecture_code IS NULL THEN a.mean_access END    AS mean_access,
       CASE WHEN d.prefecture_code IS NULL
            THEN a.mean_access / nullif(n.mean_access, 0) END        AS access_ratio,
       CASE WHEN d.prefecture_code IS NULL THEN a.gini END           AS gini,
       coalesce(f.facilities, 0)                                     AS facilities,
       coalesce(f.capacity, 0)::double precision                     AS capacity,
       coalesce(f.capacity, 0) * 100000 / nullif(a.population, 0)    AS capacity_per_100k,
       s.target_share,
       s.measure,
       CASE WHEN s.measure = 'capacity' AND d.prefecture_code IS NULL THEN coalesce(a.served_population, 0) END::double precision AS served_population,
       CASE WHEN s.measure = 'capacity' AND d.prefecture_code IS NULL THEN a.served_population / nullif(a.population, 0) END AS served_share,
       CASE WHEN s.measure = 'capacity' AND d.prefecture_code IS NULL
            THEN greatest(coalesce(a.covered_population, 0) - coalesce(a.served_population, 0), 0) END::double precision AS full_population,
       public.ST_Y(public.ST_PointOnSurface(g.geom))                 AS centroid_lat,
       public.ST_X(public.ST_PointOnSurface(g.geom))                 AS centroid_lon,
       a.computed_at,
       g.geom,
       CASE WHEN d.prefecture_code IS NULL THEN 'covered' ELSE 'no_data' END AS data_status,
       coalesce(f.at_municipality, 0)                                AS facilities_at_municipality,
       d.reason_ja                                                   AS data_reason_ja,
       d.reason_en                                                   AS data_reason_en
FROM palliative.region g
CROSS JOIN palliative.standard s
LEFT JOIN agg a ON a.standard_id = s.id AND a.level = g.level AND a.code = g.code
LEFT JOIN national n ON n.standard_id = s.id
LEFT JOIN fac f ON f.standard_id = s.id AND f.level = g.level AND f.code = g.code
LEFT JOIN nodata d ON d.standard_id = s.id AND d.prefecture_code = left(g.code, 2)
WHERE s.enabled
WITH DATA;

CREATE UNIQUE INDEX region_coverage_id_idx ON palliative.region_coverage (id);
CREATE UNIQUE INDEX region_coverage_key_idx ON palliative.region_coverage (standard, level, region_code);
CREATE INDEX region_coverage_geom_idx ON palliative.region_coverage USING gist (geom);

COMMENT ON MATERIALIZED VIEW palliative.region_coverage IS
'Coverage of every enabled standard in every region (prefecture, secondary medical region, municipality), from the last refresh(). Refreshed concurrently, so readers are never blocked. pg_dump does not store its contents: after a restore, run REFRESH MATERIALIZED VIEW palliative.region_coverage (or refresh()).';
COMMENT ON COLUMN palliative.region_coverage.id IS 'Integer key (see region_row_id): stable across refreshes.';
COMMENT ON COLUMN palliative.region_coverage.level IS 'prefecture, secondary or municipality.';
COMMENT ON COLUMN palliative.region_coverage.region_code IS 'Region code with leading zeros.';
COMMENT ON COLUMN palliative.region_coverage.region_name IS 'Region name (Japanese where known).';
COMMENT ON COLUMN palliative.region_coverage.region_name_en IS 'Region name in English, where known.';
COMMENT ON COLUMN palliative.region_coverage.parent_code IS 'Code of the enclosing region.';
COMMENT ON COLUMN palliative.region_coverage.standard IS 'Standard name.';
COMMENT ON COLUMN palliative.region_coverage.standard_id IS 'Standard id.';
COMMENT ON COLUMN palliative.region_coverage.population IS 'Demand of the region (the standard''s demand column summed over its cells).';
COMMENT ON COLUMN palliative.region_coverage.covered_population IS 'Demand in cells within the catchment of at least one qualifying facility; NULL when the region has no data for the standard.';
COMMENT ON COLUMN palliative.region_coverage.covered_share IS 'covered_population / population; NULL when the region has no demand.';
COMMENT ON COLUMN palliative.region_coverage.mean_access IS 'Demand-weighted mean accessibility score.';
COMMENT ON COLUMN palliative.region_coverage.access_ratio IS 'mean_access divided by the national (all cells) mean of the standard.';
COMMENT ON COLUMN palliative.region_coverage.gini IS 'Gini coefficient of access among the region''s cells, weighted by demand.';
COMMENT ON COLUMN palliative.region_coverage.facilities IS 'Qualifying facilities located in the region.';
COMMENT ON COLUMN palliative.region_coverage.capacity IS 'Their capacity as the standard counts it.';
COMMENT ON COLUMN palliative.region_coverage.capacity_per_100k IS 'capacity per 100,000 of demand.';
COMMENT ON COLUMN palliative.region_coverage.target_share IS 'Target share of the standard: of demand covered (reach standards) or served within capacity (capacity standards).';
COMMENT ON COLUMN palliative.region_coverage.measure IS 'How the standard measures coverage: reach or capacity (palliative.standard.measure).';
COMMENT ON COLUMN palliative.region_coverage.served_population IS 'Capacity standards: demand of the region served within the capacity of the qualifying facilities within reach (the optimal allocation of palliative.capacity_coverage over the whole country, capacity times served_per_capacity); NULL for reach standards.';
COMMENT ON COLUMN palliative.region_coverage.served_share IS 'served_population / population; NULL for reach standards or a region without demand.';
COMMENT ON COLUMN palliative.region_coverage.full_population IS 'Capacity standards: demand within reach of a qualifying facility but not served, because the facilities within reach are full (covered_population - served_population); NULL for reach standards.';
COMMENT ON COLUMN palliative.region_coverage.centroid_lat IS 'Latitude of a point inside the region (for labels and BI maps).';
COMMENT ON COLUMN palliative.region_coverage.centroid_lon IS 'Longitude of a point inside the region.';
COMMENT ON COLUMN palliative.region_coverage.computed_at IS 'When the coverage was computed; NULL before the first refresh.';
COMMENT ON COLUMN palliative.region_coverage.geom IS 'Region boundary, geometry(MultiPolygon,4326).';
COMMENT ON COLUMN palliative.region_coverage.data_status IS 'covered, or no_data when no source covers what the standard counts in the region''s prefecture (palliative.standard_data): covered_population, covered_share, mean_access, access_ratio, gini and the served figures are then NULL, the region is no gap, and its cells are left out of the national mean.';
COMMENT ON COLUMN palliative.region_coverage.data_reason_ja IS 'Why the region has no data for the standard, in Japanese (palliative.standard_data); NULL when it has data.';
COMMENT ON COLUMN palliative.region_coverage.data_reason_en IS 'Why the region has no data for the standard, in English (palliative.standard_data); NULL when it has data.';
COMMENT ON COLUMN palliative.region_coverage.facilities_at_municipality IS 'Of the qualifying facilities located in the region, those placed at their municipality (location_precision municipality): distances to them are approximate.';
COMMENT ON INDEX palliative.region_coverage_id_idx IS 'Unique key; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';
COMMENT ON INDEX palliative.region_coverage_key_idx IS 'Unique (standard, level, region_code).';
COMMENT ON INDEX palliative.region_coverage_geom_idx IS 'Spatial index for map clients and tiles.';

CREATE VIEW palliative.region_gaps AS
SELECT rc.id,
       rc.level,
       rc.region_code,
       rc.region_name,
       rc.standard,
       (rc.population - rc.covered_population)                        AS uncovered_population,
       1 - rc.covered_share                                           AS uncovered_share,
       CASE WHEN rc.data_status = 'covered'
            THEN rank() OVER (PARTITION BY rc.standard, rc.level, rc.data_status
                              ORDER BY rc.population - CASE WHEN rc.measure = 'capacity' THEN rc.served_population
                                                            ELSE rc.covered_population END DESC,
                                       rc.region_code)::integer END AS gap_rank,
       rc.target_share,
       CASE WHEN rc.data_status = 'no_data' THEN rc.data_reason_ja
            ELSE pg_catalog.format('%s人（%s%%）が%s以内に%sのない地域に住んでいます',
                     pg_catalog.to_char(pg_catalog.round(rc.population - rc.covered_population), 'FM999,999,999,990'),
                     pg_catalog.to_char(100 * (1 - rc.covered_share), 'FM990.0'),
                     palliative.catchment_text(s.decay), s.provider_ja)
                 || CASE WHEN rc.facilities_at_municipality > 0
                         THEN pg_catalog.format('（地域内の対象施設%s件のうち%s件は市区町村単位の位置のため距離は概算）',
                                                rc.facilities, rc.facilities_at_municipality)
                         ELSE '' END
       END                                                            AS reason_ja,
       CASE WHEN rc.data_status = 'no_data' THEN rc.data_reason_en
            ELSE pg_catalog.format('%s people (%s%%) live more than %s from any %s',
                     pg_catalog.to_char(pg_catalog.round(rc.population - rc.covered_population), 'FM999,999,999,990'),
                     pg_catalog.to_char(100 * (1 - rc.covered_share), 'FM990.0'),
                     palliative.catchment_text(s.decay), s.provider_en)
                 || CASE WHEN rc.facilities_at_municipality > 0
                         THEN pg_catalog.format('; %s of the %s qualifying facilities in the region are placed at their municipality, so distances to them are approximate',
                                                rc.facilities_at_municipality, rc.facilities)
                         ELSE '' END
       END                                                            AS reason_en,
       rc.measure,
       rc.served_population,
       rc.served_share,
       rc.full_population,
       rc.full_population / nullif(rc.population, 0)                  AS full_share,
       CASE WHEN rc.measure = 'capacity' THEN
       pg_catalog.format('%s人（%s%%）は%s以内に%sがありますが、受け入れ能力を超えています',
              pg_catalog.to_char(pg_catalog.round(rc.full_population), 'FM999,999,999,990'),
              pg_catalog.to_char(100 * rc.full_population / nullif(rc.population, 0), 'FM990.0'),
              palliative.catchment_text(s.decay), s.provider_ja) END   AS full_reason_ja,
       CASE WHEN rc.measure = 'capacity' THEN
       pg_catalog.format('%s people (%s%%) live within %s of a %s, but those within reach are full',
              pg_catalog.to_char(pg_catalog.round(rc.full_population), 'FM999,999,999,990'),
              pg_catalog.to_char(100 * rc.full_population / nullif(rc.population, 0), 'FM990.0'),
              palliative.catchment_text(s.decay), s.provider_en) END   AS full_reason_en,
       rc.centroid_lat,
       rc.centroid_lon,
       rc.computed_at,
       rc.geom,
       rc.data_status
FROM palliative.region_coverage rc
JOIN palliative.standard s ON s.id = rc.standard_id
WHERE rc.computed_at IS NOT NULL
  AND (CASE WHEN rc.measure = 'capacity' THEN rc.served_share ELSE rc.covered_share END < rc.target_share
       OR rc.data_status = 'no_data');

COMMENT ON VIEW palliative.region_gaps IS
'Regions that miss their standard''s target share, ranked within each standard and level by unmet demand, with a one-line reason in Japanese and English. For capacity standards the target is the share served within capacity, and the two gaps are told apart, each with its own reason: people out of reach of any qualifying facility (uncovered_population, reason_ja/en: a new site is needed) and people within reach whose facilities are full (full_population, full_reason_ja/en: beds or staff are needed). Regions without data for a standard (data_status no_data: no source covers what it counts there) are listed too, never as a gap: no uncovered figures, no rank, the reason saying the data is missing; gap reasons say when qualifying facilities of the region are placed at their municipality only.';
COMMENT ON COLUMN palliative.region_gaps.id IS 'Integer key (the region_coverage id).';
COMMENT ON COLUMN palliative.region_gaps.level IS 'prefecture, secondary or municipality.';
COMMENT ON COLUMN palliative.region_gaps.region_code IS 'Region code.';
COMMENT ON COLUMN palliative.region_gaps.region_name IS 'Region name.';
COMMENT ON COLUMN palliative.region_gaps.standard IS 'Standard name.';
COMMENT ON COLUMN palliative.region_gaps.uncovered_population IS 'Demand outside the catchment of every qualifying facility; NULL for a region without data.';
COMMENT ON COLUMN palliative.region_gaps.uncovered_share IS 'uncovered_population / population.';
COMMENT ON COLUMN palliative.region_gaps.gap_rank IS 'Rank by unmet demand within the standard and level (1 = largest gap): uncovered demand for reach standards, demand not served within capacity (uncovered plus full) for capacity standards; NULL for a region without data.';
COMMENT ON COLUMN palliative.region_gaps.target_share IS 'Target covered share the region misses.';
COMMENT ON COLUMN palliative.region_gaps.reason_ja IS 'Reason in Japanese.';
COMMENT ON COLUMN palliative.region_gaps.reason_en IS 'Reason in English, e.g. "38,200 people (12.4%) live more than 16 km from any 24-hour home palliative-care provider".';
COMMENT ON COLUMN palliative.region_gaps.measure IS 'reach or capacity: how the standard measures coverage.';
COMMENT ON COLUMN palliative.region_gaps.served_population IS 'Capacity standards: demand served within capacity; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.served_share IS 'Capacity standards: served_population / population, the share held against the target; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.full_population IS 'Capacity standards: demand within reach of a qualifying facility but not served because those within reach are full; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.full_share IS 'full_population / population; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.full_reason_ja IS 'Capacity standards: the reason of the full gap in Japanese; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.full_reason_en IS 'Capacity standards: the reason of the full gap in English, e.g. "2,400 people (6.1%) live within 60 km of a palliative care unit, but those within reach are full"; NULL for reach standards.';
COMMENT ON COLUMN palliative.region_gaps.centroid_lat IS 'Latitude of a point inside the region.';
COMMENT ON COLUMN palliative.region_gaps.centroid_lon IS 'Longitude of a point inside the region.';
COMMENT ON COLUMN palliative.region_gaps.computed_at IS 'When the coverage was computed.';
COMMENT ON COLUMN palliative.region_gaps.geom IS 'Region boundary, geometry(MultiPolygon,4326).';
COMMENT ON COLUMN palliative.region_gaps.data_status IS 'covered (a gap) or no_data (no source covers what the standard counts here; never a gap).';

CREATE VIEW palliative.resource_directory AS
WITH entry AS (
    SELECT f.*, c.category_no, c.category, c.category_ja
    FROM palliative.facility f
    CROSS JOIN LATERAL (VALUES
        (1, 'palliative_care_unit', '緩和ケア病棟',
         f.capabilities OPERATOR(palliative.@>) '{pcu}'::palliative.capset),
        (2, 'home_palliative_care', '在宅緩和ケア（在宅療養支援診療所・病院）',
         f.kind IN ('hospital', 'clinic')
         AND f.capabilities OPERATOR(palliative.&&) '{home_care_support,home_care_support_enhanced,home_visit_24h}'::palliative.capset),
        (3, 'home_nursing_24h', '24時間対応の訪問看護ステーション',
         f.kind = 'visiting_nurse_station'
         AND f.capabilities OPERATOR(palliative.@>) '{home_nursing,home_visit_24h}'::palliative.capset),
        (4, 'opioid_pharmacy', '麻薬を在宅で調剤する薬局',
         f.kind = 'pharmacy'
         AND f.capabilities OPERATOR(palliative.@>) '{narcotics_retail_license,pharmacy_home_visit}'::palliative.capset)
    ) AS c(category_no, category, category_ja, qualifies)
    WHERE c.qualifies AND f.secondary_code IS NOT NULL
)
SELECT e.id * 10 + e.category_no                        AS id,
       e.secondary_code                                 AS region_code,
       coalesce(r.name_ja, r.name_en, e.secondary_code) AS region_name,
       e.prefecture_code,
       e.category,
       e.category_ja,
       e.id                                             AS facility_id,
       e.name                                           AS facility_name,
       e.kind::text                                     AS kind,
       palliative.care_tier(e.capabilities)::text       AS care_tier,
       e.capabilities::text                             AS capabilities,
       e.pcu_beds,
       e.address,
       e.phone,
       e.municipality_code,
       e.surveyed_on,
       public.ST_Y(e.geom)                              AS lat,
       public.ST_X(e.geom)                              AS lon,
       e.geom
FROM entry e
LEFT JOIN palliative.region r ON r.code = e.secondary_code AND r.level = 'secondary';

COMMENT ON VIEW palliative.resource_directory IS
'Per secondary medical region, the palliative care units and home palliative-care providers (home-care support clinics and hospitals, 24-hour visiting-nurse stations, pharmacies dispensing narcotics at home) that base hospitals should list for patients and families. One row per facility and category.';
COMMENT ON COLUMN palliative.resource_directory.id IS 'Integer key: facility id * 10 + category number.';
COMMENT ON COLUMN palliative.resource_directory.region_code IS 'Secondary medical region code.';
COMMENT ON COLUMN palliative.resource_directory.region_name IS 'Secondary medical region name.';
COMMENT ON COLUMN palliative.resource_directory.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.resource_directory.category IS 'palliative_care_unit, home_palliative_care, home_nursing_24h or opioid_pharmacy.';
COMMENT ON COLUMN palliative.resource_directory.category_ja IS 'Category in Japanese.';
COMMENT ON COLUMN palliative.resource_directory.facility_id IS 'Facility id.';
COMMENT ON COLUMN palliative.resource_directory.facility_name IS 'Facility name.';
COMMENT ON COLUMN palliative.resource_directory.kind IS 'Kind of facility.';
COMMENT ON COLUMN palliative.resource_directory.care_tier IS 'Care tier of the facility.';
COMMENT ON COLUMN palliative.resource_directory.capabilities IS 'Capability profile as text.';
COMMENT ON COLUMN palliative.resource_directory.pcu_beds IS 'Palliative care unit beds.';
COMMENT ON COLUMN palliative.resource_directory.address IS 'Postal address.';
COMMENT ON COLUMN palliative.resource_directory.phone IS 'Telephone number.';
COMMENT ON COLUMN palliative.resource_directory.municipality_code IS 'Municipality code.';
COMMENT ON COLUMN palliative.resource_directory.surveyed_on IS 'Date the profile was last surveyed.';
COMMENT ON COLUMN palliative.resource_directory.lat IS 'Latitude.';
COMMENT ON COLUMN palliative.resource_directory.lon IS 'Longitude.';
COMMENT ON COLUMN palliative.resource_directory.geom IS 'Location, geometry(Point,4326).';

CREATE VIEW palliative.region_indicators AS
WITH fr AS (
    SELECT f.*, r.level, r.code,
           f.capabilities OPERATOR(palliative.&&)
               '{cancer_base_prefectural,cancer_base_regional,cancer_regional_hospital}'::palliative.capset AS is_base
    FROM palliative.facility f
    CROSS JOIN LATERAL (VALUES ('prefecture', f.prefecture_code), ('secondary', f.secondary_code)) AS r(level, code)
    WHERE r.code IS NOT NULL
),
agg AS (
    SELECT level, code,
           count(*) AS facilities,
           count(*) FILTER (WHERE surveyed_on IS NULL OR surveyed_on < CURRENT_DATE - 365) AS profiles_stale,
           count(*) FILTER (WHERE is_base) AS base_hospitals,
           count(*) FILTER (WHERE is_base AND capabilities OPERATOR(palliative.@>) '{regional_coordinator}'::palliative.capset) AS base_with_coordinator,
           count(*) FILTER (WHERE is_base AND conferences_attended >= 1) AS base_attending_conferences,
           count(*) FILTER (WHERE is_base AND conferences_attended = 0) AS base_attending_none,
           count(*) FILTER (WHERE is_base AND conferences_attended IS NULL) AS base_conferences_unknown,
           sum(physicians) FILTER (WHERE is_base AND physicians_trained IS NOT NULL) AS base_physicians,
           sum(physicians_trained) FILTER (WHERE is_base AND physicians IS NOT NULL) AS base_physicians_trained
    FROM fr
    GROUP BY level, code
)
SELECT (CASE g.level WHEN 'prefecture' THEN 1 ELSE 2 END)::bigint * 10000000
       + (CASE WHEN g.code OPERATOR(pg_catalog.~) '^[0-9]{1,7}$' THEN pg_catalog.to_number(g.code, '9999999')::bigint
               ELSE (pg_catalog.hashtext(g.code)::bigint OPERATOR(pg_catalog.&) 4194303) + 5000000 END) AS id,
       g.level,
       g.code                                                                  AS region_code,
       coalesce(g.name_ja, g.name_en, g.code)                                  AS region_name,
       coalesce(a.facilities, 0)                                               AS facilities,
       coalesce(a.profiles_stale, 0)                                           AS profiles_stale,
       a.profiles_stale::double precision / nullif(a.facilities, 0)            AS profiles_stale_share,
       coalesce(a.base_hospitals, 0)                                           AS base_hospitals,
       coalesce(a.base_with_coordinator, 0)                                    AS base_with_coordinator,
       a.base_with_coordinator::double precision / nullif(a.base_hospitals, 0) AS coordinator_share,
       coalesce(a.base_attending_conferences, 0)                               AS base_attending_conferences,
       coalesce(a.base_attending_none, 0)                                      AS base_attending_none,
       coalesce(a.base_conferences_unknown, 0)                                 AS base_conferences_unknown,
       a.base_attending_conferences::double precision
           / nullif(a.base_hospitals - a.base_conferences_unknown, 0)          AS conference_share,
       a.base_physicians_trained::double precision / nullif(a.base_physicians, 0) AS trained_share,
       public.ST_Y(public.ST_PointOnSurface(g.geom))                           AS centroid_lat,
       public.ST_X(public.ST_PointOnSurface(g.geom))                           AS centroid_lon,
       now()                                                                   AS computed_at,
       g.geom
FROM palliative.region g
LEFT JOIN agg a ON a.level = g.level AND a.code = g.code
WHERE g.level IN ('prefecture', 'secondary');

COMMENT ON VIEW palliative.region_indicators IS
'The source document''s non-spatial indicators by prefecture and secondary medical region: base hospitals that trained a regional palliative-care coordinator, base hospitals'' participation in regional multidisciplinary conferences last fiscal year, physicians who completed the palliative-care training course, and the share of facility profiles older than a year. Computed live.';
COMMENT ON COLUMN palliative.region_indicators.id IS 'Integer key: level (1 prefecture, 2 secondary) * 10^7 + region code.';
COMMENT ON COLUMN palliative.region_indicators.level IS 'prefecture or secondary.';
COMMENT ON COLUMN palliative.region_indicators.region_code IS 'Region code.';
COMMENT ON COLUMN palliative.region_indicators.region_name IS 'Region name.';
COMMENT ON COLUMN palliative.region_indicators.facilities IS 'Facilities located in the region.';
COMMENT ON COLUMN palliative.region_indicators.profiles_stale IS 'Facilities whose profile was surveyed more than a year ago, or never.';
COMMENT ON COLUMN palliative.region_indicators.profiles_stale_share IS 'profiles_stale / facilities.';
COMMENT ON COLUMN palliative.region_indicators.base_hospitals IS 'Cancer-care base hospitals and regional cancer-care hospitals in the region.';
COMMENT ON COLUMN palliative.region_indicators.base_with_coordinator IS 'Base hospitals with a trained regional palliative-care coordinator (regional_coordinator).';
COMMENT ON COLUMN palliative.region_indicators.coordinator_share IS 'base_with_coordinator / base_hospitals.';
COMMENT ON COLUMN palliative.region_indicators.base_attending_conferences IS 'Base hospitals that attended at least one regional conference last fiscal year.';
COMMENT ON COLUMN palliative.region_indicators.base_attending_none IS 'Base hospitals that attended none.';
COMMENT ON COLUMN palliative.region_indicators.base_conferences_unknown IS 'Base hospitals with no answer on conferences.';
COMMENT ON COLUMN palliative.region_indicators.conference_share IS 'Share of base hospitals with an answer that attended at least one conference.';
COMMENT ON COLUMN palliative.region_indicators.trained_share IS 'Share of base hospitals'' physicians who completed the palliative-care training course.';
COMMENT ON COLUMN palliative.region_indicators.centroid_lat IS 'Latitude of a point inside the region.';
COMMENT ON COLUMN palliative.region_indicators.centroid_lon IS 'Longitude of a point inside the region.';
COMMENT ON COLUMN palliative.region_indicators.computed_at IS 'When the row was computed (the view is live).';
COMMENT ON COLUMN palliative.region_indicators.geom IS 'Region boundary, geometry(MultiPolygon,4326).';
