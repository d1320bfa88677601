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
'The regions of the generated sample of a seed: prefectures, secondary medical regions and municipalities, with their population (sum of their cells) and boundary as EWKB MultiPolygon (SRID 4326), traced exactly on the 1 km mesh cell corners. These are the rows load_sample puts into palliative.region (it generates the sample once for all its tables, through sample_insert).';

CREATE FUNCTION palliative.sample_cells(seed integer)
    RETURNS TABLE (mesh palliative.meshcode, lon double precision, lat double precision,
                   total double precision, aged_65_plus double precision,
                   aged_75_plus double precision, cancer_deaths double precision)
    AS 'MODULE_PATHNAME', 'sample_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25000;
COMMENT ON FUNCTION palliative.sample_cells(integer) IS
'The population of the generated sample of a seed: one row per inhabited 1 km mesh cell with its centre, people (at least 1), people aged 65+ and 75+ (older in the countryside; about 29% and 15% overall) and expected cancer deaths per year (0.045% under 65, 0.54% at 65-74, 1.3% at 75+; about 0.3% overall). These are the rows load_sample puts into palliative.population (through sample_insert).';

CREATE FUNCTION palliative.sample_facilities(seed integer)
    RETURNS TABLE (name text, kind text, capabilities palliative.capset, pcu_beds integer,
                   ltc_beds integer, general_beds integer, physicians integer,
                   physicians_trained integer, conferences_attended integer, address text,
                   lon double precision, lat double precision, surveyed_on date)
    AS 'MODULE_PATHNAME', 'sample_facilities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10000;
COMMENT ON FUNCTION palliative.sample_facilities(integer) IS
'The facilities of the generated sample of a seed. Counts per head as in Japan (per 125 million people: 8,200 hospitals, 105,000 clinics, 15,000 visiting-nurse stations, 62,000 pharmacies, 29,000 care facilities), placed where people live. Hospitals: one prefectural cancer-care base hospital per prefecture, regional base hospitals in the capital regions and the more populous three quarters of the other secondary regions, a regional cancer-care hospital in the rest (base hospitals get beds, physicians, trained physicians and conferences attended in the FY2021 distribution: 0: 42.1%, 1-4: 41.0%, 5-9: 7.9%, 10-19: 5.9%, 20+: 1.3%, unknown: 1.8%); palliative care units to about 3.6 per million people; long-term-care wards (ltc_ward, no PCU) at 45% of the other hospitals, profiled as the Tokyo survey found them (16.4% pcu_experienced_nurse, no certified nurse; 1.8% palliative_physician, 30.9% opioid_skilled_physician; storage 76.4% own, 12.7% shared, 10.9% none, and those 10.9% cannot use opioids; 56.4% unrestricted opioid_all_kinds and opioid_all_routes, 23.6% limited kinds, 10.9% limited route or timing). Clinics: 14% home_care_support (4% enhanced), most of them with 24-hour visits. Visiting-nurse stations: 97% home_nursing, 60% home_visit_24h. Pharmacies: 80% narcotics_retail_license, 30% pharmacy_home_visit. Care facilities: 60% end_of_life_care. Shares are exact counts (rounded) over shuffled facilities. Survey dates from April 2021 to March 2025 (base hospitals: FY2024). These are the rows load_sample puts into palliative.facility (through sample_insert).';

CREATE FUNCTION palliative.sample_insert(seed integer,
                                         OUT regions bigint, OUT cells bigint, OUT facilities bigint)
    AS 'MODULE_PATHNAME', 'sample_insert' LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION palliative.sample_insert(integer) IS
'The inserting step of load_sample: generates the sample of the seed once and inserts its regions into palliative.region, its cells into palliative.population and its facilities into palliative.facility (capabilities_derived true), all with source = ''sample'' and the same rows as sample_regions, sample_cells and sample_facilities return; returns the rows inserted (regions, cells, facilities). It neither deletes the sample already loaded nor sets region codes: call load_sample, which does both. A null seed is an error (22004); sample region codes already used by rows of palliative.region are an error (23505) and nothing is inserted. Like load_sample, not executable by PUBLIC.';

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
    a record;
    stale record;
BEGIN
    IF seed IS NULL THEN
        RAISE EXCEPTION 'load_sample seed must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    DELETE FROM palliative.facility AS f WHERE f.source = 'sample';
    DELETE FROM palliative.population AS p WHERE p.source = 'sample';
    DELETE FROM palliative.region AS r WHERE r.source = 'sample';

    -- the sample, generated once: its regions (after checking that no other
    -- row uses their codes), cells and facilities
    SELECT s.regions, s.cells, s.facilities INTO n_region, n_cell, n_facility
    FROM palliative.sample_insert(seed) AS s;

    -- statistics that call a table (nearly) empty although it now holds the
    -- sample make assign_regions plan for empty tables and take minutes
    -- instead of seconds: an autovacuum that ran while an earlier load was
    -- in progress leaves them so.  Those tables are analysed first.
    FOR stale IN
        SELECT t.rel
        FROM (VALUES ('palliative.region'::pg_catalog.regclass, n_region),
                     ('palliative.population'::pg_catalog.regclass, n_cell),
                     ('palliative.facility'::pg_catalog.regclass, n_facility)) AS t (rel, n)
        JOIN pg_catalog.pg_class AS c ON c.oid = t.rel
        WHERE c.reltuples >= 0 AND c.reltuples < t.n / 2.0
    LOOP
        EXECUTE pg_catalog.format('ANALYZE %s', stale.rel);
    END LOOP;

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
'Replaces the generated sample (the rows with source = ''sample'' in palliative.region, palliative.population, palliative.facility and palliative.link; nothing else is touched) by the sample of the seed, sets the region codes of its cells and facilities with assign_regions (first analysing those of the three tables whose statistics still call them nearly empty, which would make that step plan for empty tables and take minutes), and returns what it loaded as rows (what, rows): region:prefecture, region:secondary, region:municipality, population_cells, people, facility:KIND for each kind, links (rows of palliative.link between sample facilities, from sample_links; they go when their facilities go), and unassigned_codes (region codes left NULL, 0 for the sample). Same seed, same rows on every machine (see sample_regions, sample_cells, sample_facilities and sample_links for what is generated); the sample is generated once per call (sample_insert). A null seed is an error (22004); sample region codes already used by other rows are an error (23505).';
