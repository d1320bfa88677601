-- @area Data coverage
-- Where the data is silent: which sources cover each prefecture and
-- secondary medical region, and, for each standard, whether any does.  A
-- prefecture that palliative.source_coverage describes (the real-data
-- loader and the filings register every source they bring) but where no
-- source covers what a standard counts is "no data" for that standard:
-- region_coverage and region_gaps say so instead of showing a gap, the
-- reports, GeoJSON and tiles draw it grey, and it never enters national
-- figures.  A prefecture that no row describes (the generated sample, data
-- entered by hand) is taken as complete.

-- the capabilities that can lift a profile to a care tier (see care_tier)
CREATE FUNCTION palliative.tier_capabilities(tier palliative.tier) RETURNS palliative.capset
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE tier
        WHEN 'specialist' THEN '{pcu,palliative_team,palliative_specialist}'::palliative.capset
        WHEN 'capable' THEN '{pcu,palliative_team,palliative_specialist,opioid_use,opioid_all_kinds,opioid_storage,opioid_storage_shared,opioid_skilled_physician,palliative_physician,certified_palliative_nurse,narcotics_retail_license,pharmacy_home_visit,home_nursing,home_visit_24h}'::palliative.capset
        WHEN 'limited' THEN '{pcu,palliative_team,palliative_specialist,opioid_use,opioid_all_kinds,opioid_storage,opioid_storage_shared,opioid_skilled_physician,palliative_physician,certified_palliative_nurse,narcotics_retail_license,pharmacy_home_visit,home_nursing,home_visit_24h,home_visit,end_of_life_care}'::palliative.capset
        ELSE '{}'::palliative.capset END;
COMMENT ON FUNCTION palliative.tier_capabilities(palliative.tier) IS
'The capabilities that can lift a profile to a care tier (those care_tier looks at for that tier or a higher one); {} for none.';

-- does a source tell, for facilities of a kind, whether they meet a standard?
CREATE FUNCTION palliative.capabilities_inform(caps palliative.capset, required_all palliative.capset,
                                               required_any palliative.capset, min_tier palliative.tier)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN caps IS NOT NULL
       AND caps OPERATOR(palliative.@>) coalesce(required_all, '{}')
       AND (coalesce(required_any, '{}') OPERATOR(palliative.=) '{}' OR caps OPERATOR(palliative.&&) required_any)
       AND (min_tier IS NULL OR min_tier OPERATOR(pg_catalog.=) 'none'
            OR caps OPERATOR(palliative.&&) palliative.tier_capabilities(min_tier));
COMMENT ON FUNCTION palliative.capabilities_inform(palliative.capset, palliative.capset, palliative.capset, palliative.tier) IS
'Whether sources covering the capabilities caps tell if a facility meets a standard: they cover all of required_all, at least one of required_any (when given), and at least one capability that can lift a profile to min_tier (when given).';

CREATE VIEW palliative.standard_data AS
WITH described AS (
    SELECT DISTINCT c.prefecture_code FROM palliative.source_coverage AS c
),
informed AS (
    -- per prefecture and kind: every capability some source (real or derived) covers
    SELECT c.prefecture_code, k.kind, palliative.capset_union_agg(c.capabilities) AS capabilities,
           pg_catalog.string_agg(DISTINCT pg_catalog.format('%s %s%s', c.kind, c.source,
                                     CASE WHEN c.as_of IS NULL THEN '' ELSE ' as of ' OPERATOR(pg_catalog.||) pg_catalog.to_char(c.as_of, 'YYYY-MM-DD') END), '; ') AS sources
    FROM palliative.source_coverage AS c
    CROSS JOIN LATERAL pg_catalog.unnest(c.facility_kinds) AS k(kind)
    GROUP BY c.prefecture_code, k.kind
),
judged AS (
    SELECT s.id AS standard_id, s.name AS standard, d.prefecture_code,
           CASE WHEN s.facility_kinds IS NULL
                THEN pg_catalog.bool_or(palliative.capabilities_inform(i.capabilities, s.required_all, s.required_any, s.min_tier))
                ELSE pg_catalog.bool_and(palliative.capabilities_inform(i.capabilities, s.required_all, s.required_any, s.min_tier))
                     FILTER (WHERE k.kind OPERATOR(pg_catalog.=) ANY (s.facility_kinds))
           END AS has_data,
           pg_catalog.string_agg(DISTINCT i.sources, '; ')
               FILTER (WHERE palliative.capabilities_inform(i.capabilities, s.required_all, s.required_any, s.min_tier)) AS sources,
           pg_catalog.string_agg(DISTINCT k.kind::text, ', ')
               FILTER (WHERE NOT coalesce(palliative.capabilities_inform(i.capabilities, s.required_all, s.required_any, s.min_tier), false)
                         AND (s.facility_kinds IS NULL OR k.kind OPERATOR(pg_catalog.=) ANY (s.facility_kinds))) AS kinds_without
    FROM palliative.standard AS s
    CROSS JOIN described AS d
    CROSS JOIN pg_catalog.unnest(coalesce(s.facility_kinds, pg_catalog.enum_range(NULL::palliative.facility_kind))) AS k(kind)
    LEFT JOIN informed AS i ON i.prefecture_code OPERATOR(pg_catalog.=) d.prefecture_code AND i.kind OPERATOR(pg_catalog.=) k.kind
    GROUP BY s.id, s.name, s.facility_kinds, d.prefecture_code
)
SELECT j.standard_id::bigint * 100 + j.prefecture_code::bigint AS id,
       j.standard_id,
       j.standard,
       j.prefecture_code,
       CASE WHEN coalesce(j.has_data, false) THEN 'covered' ELSE 'no_data' END AS data_status,
       j.sources,
       CASE WHEN coalesce(j.has_data, false) THEN NULL
            ELSE pg_catalog.format('データなし：この地域の%sを報告する情報源がありません（%s）。',
                                   s.provider_ja, coalesce(j.kinds_without, '–')) END AS reason_ja,
       CASE WHEN coalesce(j.has_data, false) THEN NULL
            ELSE pg_catalog.format('no data: no source reports the %s of this region (%s), so the gap is unknown',
                                   s.provider_en, coalesce(j.kinds_without, '–')) END AS reason_en
FROM judged AS j
JOIN palliative.standard AS s ON s.id OPERATOR(pg_catalog.=) j.standard_id;
COMMENT ON VIEW palliative.standard_data IS
'For every standard and every prefecture palliative.source_coverage describes: covered when, for each kind of facility the standard counts (any one kind when it counts every kind), some source covers the capabilities that decide whether a facility qualifies (all of required_all, one of required_any, one that can lift a profile to min_tier); else no_data, with reasons in Japanese and English. Prefectures absent from source_coverage are taken as complete and have no row.';
COMMENT ON COLUMN palliative.standard_data.id IS 'Integer key: standard id * 100 + prefecture code.';
COMMENT ON COLUMN palliative.standard_data.standard_id IS 'Standard id.';
COMMENT ON COLUMN palliative.standard_data.standard IS 'Standard name.';
COMMENT ON COLUMN palliative.standard_data.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.standard_data.data_status IS 'covered or no_data.';
COMMENT ON COLUMN palliative.standard_data.sources IS 'The sources that cover it, e.g. "filing filings as of 2025-10-01; survey mhlw-iryojoho-2025 as of 2025-06-01".';
COMMENT ON COLUMN palliative.standard_data.reason_ja IS 'Why it is no data, in Japanese.';
COMMENT ON COLUMN palliative.standard_data.reason_en IS 'Why it is no data, in English, e.g. "no data: no source reports the palliative care unit of this region (hospital), so the gap is unknown".';

