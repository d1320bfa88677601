-- @area Sample data
-- A generated, Japan-like study area to try everything with one statement:
-- SELECT * FROM palliative.load_sample();  The generator is written in C with
-- its own random number generator, so a seed gives the same rows on every
-- machine.  Four fictitious prefectures (codes 81-84, beyond the real 01-47)
-- lie on the real 1 km mesh between 37.0 and 39.17 degrees north and 139.5
-- and 142.0 degrees east, split into 14 secondary medical regions and about
-- 55 municipalities; every inhabited 1 km cell has a population row
-- (uninhabited mountain and sea cells have none, as in the census mesh
-- statistics); hospitals, clinics, visiting-nurse stations, pharmacies and
-- care facilities are placed where people live, in Japan's numbers per head,
-- with capability profiles in the proportions of the source document.

CREATE FUNCTION palliative.sample_regions(seed integer)
    RETURNS TABLE (code text, level text, name_ja text, name_en text, parent_code text,
                   population bigint, geom_ewkb bytea)
    AS 'MODULE_PATHNAME', 'sample_regions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 80;
COMMENT ON FUNCTION palliative.sample_regions(integer) IS
'The regions of the generated sample of a seed: prefectures, secondary medical regions and municipalities, with their population (sum of their cells) and boundary as EWKB MultiPolygon (SRID 4326), traced exactly on the 1 km mesh cell corners. load_sample inserts these into palliative.region.';

CREATE FUNCTION palliative.sample_cells(seed integer)
    RETURNS TABLE (mesh palliative.meshcode, lon double precision, lat double precision,
                   total double precision, aged_65_plus double precision,
                   aged_75_plus double precision, cancer_deaths double precision)
    AS 'MODULE_PATHNAME', 'sample_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25000;
COMMENT ON FUNCTION palliative.sample_cells(integer) IS
'The population of the generated sample of a seed: one row per inhabited 1 km mesh cell with its centre, people (at least 1), people aged 65+ and 75+ (older in the countryside; about 29% and 15% overall) and expected cancer deaths per year (0.045% under 65, 0.54% at 65-74, 1.3% at 75+; about 0.3% overall). load_sample inserts these into palliative.population.';

CREATE FUNCTION palliative.sample_facilities(seed integer)
    RETURNS TABLE (name text, kind text, capabilities palliative.capset, pcu_beds integer,
                   ltc_beds integer, general_beds integer, physicians integer,
                   physicians_trained integer, conferences_attended integer, address text,
                   lon double precision, lat double precision, surveyed_on date)
    AS 'MODULE_PATHNAME', 'sample_facilities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10000;
COMMENT ON FUNCTION palliative.sample_facilities(integer) IS
'The facilities of the generated sample of a seed. Counts per head as in Japan (per 125 million people: 8,200 hospitals, 105,000 clinics, 15,000 visiting-nurse stations, 62,000 pharmacies, 29,000 care facilities), placed where people live. Hospitals: one prefectural cancer-care base hospital per prefecture, regional base hospitals in the capital regions and the more populous three quarters of the other secondary regions, a regional cancer-care hospital in the rest (base hospitals get beds, physicians, trained physicians and conferences attended in the FY2021 distribution: 0: 42.1%, 1-4: 41.0%, 5-9: 7.9%, 10-19: 5.9%, 20+: 1.3%, unknown: 1.8%); palliative care units to about 3.6 per million people; long-term-care wards (ltc_ward, no PCU) at 45% of the other hospitals, profiled as the Tokyo survey found them (16.4% pcu_experienced_nurse, no certified nurse; 1.8% palliative_physician, 30.9% opioid_skilled_physician; storage 76.4% own, 12.7% shared, 10.9% none, and those 10.9% cannot use opioids; 56.4% unrestricted opioid_all_kinds and opioid_all_routes, 23.6% limited kinds, 10.9% limited route or timing). Clinics: 14% home_care_support (4% enhanced), most of them with 24-hour visits. Visiting-nurse stations: 97% home_nursing, 60% home_visit_24h. Pharmacies: 80% narcotics_retail_license, 30% pharmacy_home_visit. Care facilities: 60% end_of_life_care. Shares are exact counts (rounded) over shuffled facilities. Survey dates from April 2021 to March 2025 (base hospitals: FY2024).';

CREATE FUNCTION palliative.load_sample(seed integer DEFAULT 1)
    RETURNS TABLE (what text, rows bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n_region bigint;
    n_cell bigint;
    n_facility bigint;
    n_unassigned bigint := 0;
    clash text;
    a record;
BEGIN
    IF seed IS NULL THEN
        RAISE EXCEPTION 'load_sample seed must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    DELETE FROM palliative.facility AS f WHERE f.source = 'sample';
    DELETE FROM palliative.population AS p WHERE p.source = 'sample';
    DELETE FROM palliative.region AS r WHERE r.source = 'sample';

    SELECT pg_catalog.string_agg(r.code, ', ' ORDER BY r.code) INTO clash
    FROM palliative.region AS r
    WHERE r.code IN (SELECT s.code FROM palliative.sample_regions(seed) AS s);
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'load_sample cannot add its regions: codes % are already used by other rows', clash
            USING ERRCODE = 'unique_violation',
                  DETAIL = 'The sample uses prefecture codes 81 to 84 and the secondary and municipality codes under them.',
                  HINT = 'Delete or renumber those regions first.';
    END IF;

    INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, plan_period,
                                   population, geom, source)
    SELECT s.code, s.level, s.name_ja, s.name_en, s.parent_code,
           CASE WHEN s.level = 'secondary' THEN 'R6-R11' END,
           s.population, public.ST_GeomFromEWKB(s.geom_ewkb), 'sample'
    FROM palliative.sample_regions(seed) AS s;
    GET DIAGNOSTICS n_region = ROW_COUNT;

    INSERT INTO palliative.population (mesh, geom, year, total, aged_65_plus, aged_75_plus,
                                       cancer_deaths, source)
    SELECT c.mesh, public.ST_SetSRID(public.ST_MakePoint(c.lon, c.lat), 4326), 2020,
           c.total, c.aged_65_plus, c.aged_75_plus, c.cancer_deaths, 'sample'
    FROM palliative.sample_cells(seed) AS c;
    GET DIAGNOSTICS n_cell = ROW_COUNT;

    INSERT INTO palliative.facility (name, kind, capabilities, capabilities_derived, pcu_beds,
                                     ltc_beds, general_beds, physicians, physicians_trained,
                                     conferences_attended, address, geom, surveyed_on, source)
    SELECT f.name, f.kind::palliative.facility_kind, f.capabilities, true, f.pcu_beds,
           f.ltc_beds, f.general_beds, f.physicians, f.physicians_trained,
           f.conferences_attended, f.address,
           public.ST_SetSRID(public.ST_MakePoint(f.lon, f.lat), 4326), f.surveyed_on, 'sample'
    FROM palliative.sample_facilities(seed) AS f;
    GET DIAGNOSTICS n_facility = ROW_COUNT;

    FOR a IN SELECT * FROM palliative.assign_regions('all', 'sample', 'sample') LOOP
        n_unassigned := n_unassigned + a.unassigned;
    END LOOP;

    -- the care network between the sample's facilities (see sample_links)
    INSERT INTO palliative.link (from_id, to_id, kind, since, until, source)
    SELECT l.from_id, l.to_id, l.kind::palliative.link_kind, l.since, l.until, 'sample'
    FROM palliative.sample_links(seed) AS l;

    RETURN QUERY
    SELECT v.label, v.n
    FROM (SELECT 1 AS ord,
                 pg_catalog.array_position(ARRAY['prefecture', 'secondary', 'municipality'], r.level) AS sub,
                 'region:' || r.level AS label, pg_catalog.count(*) AS n
          FROM palliative.region AS r WHERE r.source = 'sample'
          GROUP BY r.level
          UNION ALL
          SELECT 2, 0, 'population_cells', n_cell
          UNION ALL
          SELECT 3, 0, 'people', pg_catalog.sum(p.total)::bigint
          FROM palliative.population AS p WHERE p.source = 'sample'
          UNION ALL
          SELECT 4, pg_catalog.array_position(pg_catalog.enum_range(NULL::palliative.facility_kind), f.kind),
                 'facility:' || f.kind::text, pg_catalog.count(*)
          FROM palliative.facility AS f WHERE f.source = 'sample'
          GROUP BY f.kind
          UNION ALL
          SELECT 5, 0, 'links', pg_catalog.count(*)
          FROM palliative.link AS l WHERE l.source = 'sample'
          UNION ALL
          SELECT 6, 0, 'unassigned_codes', n_unassigned) AS v
    ORDER BY v.ord, v.sub;
END
$$;
COMMENT ON FUNCTION palliative.load_sample(integer) IS
'Replaces the generated sample (the rows with source = ''sample'' in palliative.region, palliative.population, palliative.facility and palliative.link; nothing else is touched) by the sample of the seed, sets the region codes of its cells and facilities with assign_regions, and returns what it loaded as rows (what, rows): region:prefecture, region:secondary, region:municipality, population_cells, people, facility:KIND for each kind, links (rows of palliative.link between sample facilities, from sample_links; they go when their facilities go), and unassigned_codes (region codes left NULL, 0 for the sample). Same seed, same rows on every machine (see sample_regions, sample_cells, sample_facilities and sample_links for what is generated). A null seed is an error (22004); sample region codes already used by other rows are an error (23505).';
