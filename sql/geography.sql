-- palliative.region, palliative.population and palliative.assign_regions
SET extra_float_digits = 0;
SET client_min_messages = notice;

CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- every column is documented, and pg_dump keeps the rows
SELECT c.relname, count(*) AS columns, count(d.description) AS documented
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'palliative'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = a.attnum
WHERE c.relname IN ('region', 'population')
GROUP BY c.relname ORDER BY c.relname;
SELECT cfg::regclass AS config_table
FROM pg_extension e, unnest(e.extconfig) AS cfg
WHERE e.extname = 'palliative' AND cfg::regclass::text ~ '(region|population)'
ORDER BY 1;
-- typed geometry columns for QGIS
SELECT f_table_name, f_geometry_column, type, srid FROM public.geometry_columns
WHERE f_table_schema = 'palliative' AND f_table_name IN ('region', 'population')
ORDER BY 1;

BEGIN;
-- start from empty tables (rolled back at the end)
DELETE FROM palliative.facility;
DELETE FROM palliative.population;
DELETE FROM palliative.region;

-- two prefectures sharing the edge lon = 140; a secondary region in the west
-- half of the first; one municipality
INSERT INTO palliative.region (code, level, name_ja, name_en, parent_code, geom, source) VALUES
    ('91', 'prefecture', '西県', 'Nishi', NULL,
     public.ST_Multi(public.ST_MakeEnvelope(139, 35, 140, 36, 4326)), 'test'),
    ('92', 'prefecture', '東県', 'Higashi', NULL,
     public.ST_Multi(public.ST_MakeEnvelope(140, 35, 141, 36, 4326)), 'test'),
    ('9101', 'secondary', '西北', 'Nishi North', '91',
     public.ST_Multi(public.ST_MakeEnvelope(139, 35.5, 140, 36, 4326)), 'test'),
    ('9102', 'secondary', '西南', 'Nishi South', '91',
     public.ST_Multi(public.ST_MakeEnvelope(139, 35, 140, 35.5, 4326)), 'test'),
    ('91101', 'municipality', '西市', 'Nishi City', '9101',
     public.ST_Multi(public.ST_MakeEnvelope(139.5, 35.5, 140, 36, 4326)), 'test');

-- codes must match their level
SELECT pg_temp.try($$INSERT INTO palliative.region (code, level) VALUES ('913', 'prefecture')$$) AS three_digits,
       pg_temp.try($$INSERT INTO palliative.region (code, level) VALUES ('9103', 'municipality')$$) AS wrong_level,
       pg_temp.try($$INSERT INTO palliative.region (code, level) VALUES ('93', 'state')$$) AS bad_level,
       pg_temp.try($$INSERT INTO palliative.region (code, level) VALUES ('91', 'prefecture')$$) AS duplicate,
       pg_temp.try($$INSERT INTO palliative.region (code, level, geom) VALUES ('93', 'prefecture', 'SRID=4326;POINT(139 35)')$$) AS point_geom;

-- mesh rows get their cell's centre; point rows keep their point
INSERT INTO palliative.population (mesh, year, total, aged_65_plus, source) VALUES
    ('53394611', 2020, 1000, 290, 'test'),      -- Tokyo Station cell: in 91 / 9101 / 91101
    ('53395011', 2020, 100, 30, 'test');        -- in 91 / 9101, no municipality
INSERT INTO palliative.population (geom, year, total, source) VALUES
    ('SRID=4326;POINT(140 35.75)', 2020, 10, 'test'),     -- on the shared edge of 91 and 92
    ('SRID=4326;POINT(141.005 35.2)', 2020, 10, 'test'),  -- 450 m east of 92
    ('SRID=4326;POINT(141.02 35.2)', 2020, 10, 'test'),   -- 1.8 km east of 92
    ('SRID=4326;POINT(139.7 35.8)', 2020, 10, 'other');   -- another source
SELECT mesh, public.ST_AsText(geom) AS geom, year, total FROM palliative.population WHERE mesh IS NOT NULL ORDER BY mesh;
SELECT pg_temp.try($$INSERT INTO palliative.population (year, total) VALUES (2020, 1)$$) AS no_location,
       pg_temp.try($$INSERT INTO palliative.population (mesh, year, total) VALUES ('53394611', 2020, -1)$$) AS negative,
       pg_temp.try($$INSERT INTO palliative.population (mesh, year, total, source) VALUES ('53394611', 2020, 1, 'test')$$) AS duplicate_cell,
       pg_temp.try($$INSERT INTO palliative.population (mesh, year, total) VALUES ('5339461', 2020, 1)$$) AS bad_mesh,
       pg_temp.try($$INSERT INTO palliative.population (geom, year, total) VALUES ('SRID=4326;POLYGON((139 35,140 35,140 36,139 35))', 2020, 1)$$) AS polygon;

INSERT INTO palliative.facility (name, kind, geom, source) VALUES
    ('in 9101', 'hospital', 'SRID=4326;POINT(139.6 35.9)', 'test'),
    ('in 9102', 'clinic', 'SRID=4326;POINT(139.2 35.1)', 'test'),
    ('near 92', 'pharmacy', 'SRID=4326;POINT(141.005 35.9)', 'test'),
    ('nowhere', 'pharmacy', 'SRID=4326;POINT(130 33)', 'test'),
    ('no location', 'care_facility', NULL, 'test');

-- bad target
SELECT pg_temp.try($$SELECT palliative.assign_regions('facilities')$$) AS bad_target,
       pg_temp.try($$SELECT palliative.assign_regions(NULL)$$) AS null_target;

-- only the rows of one source
SELECT * FROM palliative.assign_regions('population', only_source => 'test');
SELECT count(*) AS other_source_untouched FROM palliative.population
WHERE source = 'other' AND prefecture_code IS NULL;

-- everything; counts add up to the rows of each table
SELECT * FROM palliative.assign_regions();
SELECT coalesce(mesh::text, public.ST_AsText(geom)) AS location, prefecture_code, secondary_code, municipality_code
FROM palliative.population ORDER BY id;
SELECT name, prefecture_code, secondary_code, municipality_code FROM palliative.facility ORDER BY id;

-- a code set by hand is recomputed (here: cleared, the point lies in no region)
UPDATE palliative.facility SET prefecture_code = '13' WHERE name = 'nowhere';
SELECT assigned, assigned_nearby, unassigned FROM palliative.assign_regions('facility') WHERE level = 'prefecture';
SELECT prefecture_code FROM palliative.facility WHERE name = 'nowhere';

-- with no municipality polygons the municipality codes are left as they are
DELETE FROM palliative.region WHERE level = 'municipality';
SELECT target_table, level FROM palliative.assign_regions('facility');
SELECT count(municipality_code) AS kept FROM palliative.facility;
ROLLBACK;
