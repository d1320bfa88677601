--
-- facility table, facility_profile view, enums
--
SELECT enum_range(NULL::palliative.facility_kind) AS kinds;
SELECT enum_range(NULL::palliative.tier) AS tiers;

INSERT INTO palliative.facility (id, name, kind, capabilities, pcu_beds, ltc_beds, general_beds,
                                 physicians, physicians_trained, prefecture_code, secondary_code,
                                 municipality_code, geom, surveyed_on)
VALUES (1001, '中央病院', 'hospital', '{pcu,palliative_team,cancer_base_regional}', 20, 0, 300, 40, 30,
        '13', '1301', '13101', 'SRID=4326;POINT(139.767125 35.681236)', '2026-04-01'),
       (1002, '療養病院', 'hospital', '{ltc_ward,opioid_use,opioid_all_kinds,opioid_storage,opioid_skilled_physician}',
        0, 60, 40, 5, 1, '13', '1301', '13102', 'SRID=4326;POINT(139.70 35.69)', '2024-04-01'),
       (1003, 'みなと薬局', 'pharmacy', '{narcotics_retail_license}', 0, 0, 0, NULL, NULL,
        '13', '1301', '13103', 'SRID=4326;POINT(139.75 35.66)', NULL),
       (1004, '訪問看護ステーションさくら', 'visiting_nurse_station', '{home_nursing}', 0, 0, 0, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL);

SELECT id, name, kind, capabilities, capability_list, capability_count, care_tier,
       round(lat::numeric, 6) AS lat, round(lon::numeric, 6) AS lon, public.ST_AsText(geom) AS geom
FROM palliative.facility_profile WHERE id BETWEEN 1001 AND 1004 ORDER BY id;

-- BI conventions: built-in column types and typed geometry
SELECT attname, format_type(atttypid, atttypmod) AS type
FROM pg_attribute
WHERE attrelid = 'palliative.facility_profile'::regclass AND attnum > 0
ORDER BY attnum;
SELECT f_table_name, f_geometry_column, type, srid
FROM public.geometry_columns WHERE f_table_schema = 'palliative' AND f_table_name LIKE 'facility%'
ORDER BY 1;

-- every column of the table and the view is commented
SELECT c.relname, a.attname
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'palliative'::regnamespace AND c.relkind IN ('r', 'v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL;

-- constraints
INSERT INTO palliative.facility (name, kind, geom) VALUES ('x', 'hospital', 'SRID=3857;POINT(1 1)');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (name, kind) VALUES ('x', 'hostel');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (id, name, kind, pcu_beds) VALUES (2001, 'x', 'hospital', -1);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (id, name, kind, prefecture_code) VALUES (2002, 'x', 'hospital', '1');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (id, name, kind, physicians, physicians_trained) VALUES (2003, 'x', 'hospital', 2, 3);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (name, kind, capabilities) VALUES ('x', 'hospital', '{pcu,hospice}');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO palliative.facility (id, name, kind) VALUES (1001, 'dup', 'hospital');
\echo :LAST_ERROR_SQLSTATE

DELETE FROM palliative.facility WHERE id BETWEEN 1001 AND 1004;
