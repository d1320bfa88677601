--
-- capset: text and binary I/O, operators, operator classes, casts, errors
--
-- the operator classes are valid
SELECT opcname, amvalidate(oid)
FROM pg_opclass
WHERE opcnamespace = 'palliative'::regnamespace AND opcintype = 'palliative.capset'::regtype
ORDER BY opcname;

-- input: spaces, any order, duplicates; output sorted by bit, no spaces
SELECT '{}'::palliative.capset AS empty,
       ' { } '::palliative.capset AS empty_spaced,
       '{pcu}'::palliative.capset AS one,
       '{ home_visit , pcu,pcu }'::palliative.capset AS spaced,
       E'{\tsterile_compounding,\n pcu}'::palliative.capset AS tabs;

-- every vocabulary name round-trips and has its own bit
SELECT count(*) AS names,
       count(*) FILTER (WHERE format('{%s}', name)::palliative.capset::text = format('{%s}', name)) AS round_trip,
       count(DISTINCT format('{%s}', name)::palliative.capset) AS distinct_sets
FROM palliative.capability;

-- operators
SELECT '{pcu,home_visit}'::palliative.capset OPERATOR(palliative.@>) '{pcu}' AS contains,
       '{pcu}'::palliative.capset OPERATOR(palliative.@>) '{pcu,home_visit}' AS not_contains,
       '{pcu}'::palliative.capset OPERATOR(palliative.<@) '{pcu,home_visit}' AS contained,
       '{pcu}'::palliative.capset OPERATOR(palliative.@>) '{}' AS contains_empty,
       '{pcu,respite}'::palliative.capset OPERATOR(palliative.&&) '{respite,home_visit}' AS overlaps,
       '{pcu}'::palliative.capset OPERATOR(palliative.&&) '{}' AS overlaps_empty,
       '{pcu}'::palliative.capset OPERATOR(palliative.=) '{pcu,pcu}' AS eq,
       '{pcu}'::palliative.capset OPERATOR(palliative.<>) '{respite}' AS ne;

SELECT '{pcu,respite}'::palliative.capset OPERATOR(palliative.|) '{home_visit}' AS union_,
       '{pcu,respite}'::palliative.capset OPERATOR(palliative.&) '{respite,home_visit}' AS intersect_,
       '{pcu,respite}'::palliative.capset OPERATOR(palliative.-) '{respite,home_visit}' AS minus_;

-- casts and helpers
SELECT ARRAY['respite', 'pcu', 'pcu']::palliative.capset AS from_array,
       '{respite,pcu}'::palliative.capset::text[] AS to_array,
       palliative.capset_names('{opioid_use,pcu}') AS names,
       palliative.capset_names('{}') AS no_names,
       palliative.capset_count('{opioid_use,pcu,respite}') AS three,
       palliative.capset_count('{}') AS zero,
       '{}'::text[]::palliative.capset AS from_empty_array;

-- aggregates
SELECT palliative.capset_union_agg(c) AS any_of, palliative.capset_intersect_agg(c) AS all_of
FROM (VALUES ('{pcu,respite}'::palliative.capset), ('{respite,home_visit}'), (NULL)) AS v(c);

-- btree: ORDER BY, DISTINCT, GROUP BY, unique index
CREATE TEMP TABLE caps (id int, c palliative.capset);
INSERT INTO caps VALUES (1, '{respite}'), (2, '{pcu}'), (3, '{}'), (4, '{pcu,respite}'),
                        (5, '{pcu}'), (6, '{sterile_compounding}'), (7, '{respite}');
SELECT c FROM caps ORDER BY c, id;
SELECT DISTINCT c FROM caps ORDER BY c;
SELECT c, count(*) FROM caps GROUP BY c ORDER BY c;
CREATE UNIQUE INDEX ON caps (c);
DELETE FROM caps WHERE id IN (5, 7);
CREATE UNIQUE INDEX caps_c_key ON caps (c);
INSERT INTO caps VALUES (8, '{respite}');
\echo :LAST_ERROR_SQLSTATE

-- hash: hash join and hash aggregate agree with the btree answers
SET enable_mergejoin = off; SET enable_nestloop = off; SET enable_sort = off;
SELECT count(*) FROM caps a JOIN caps b ON a.c OPERATOR(palliative.=) b.c;
RESET enable_mergejoin; RESET enable_nestloop; RESET enable_sort;

-- binary send/receive
SELECT palliative.capset_send('{pcu,respite}') AS wire;
SELECT palliative.capset_send(x) = palliative.capset_send(x::text::palliative.capset) AS binary_round_trip
FROM (SELECT '{pcu,home_visit_24h,sterile_compounding}'::palliative.capset AS x) s;

-- errors: unknown names and malformed text are 22P02
SELECT '{pcux}'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{pcu, Home_Visit}'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT 'pcu,home_visit'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{pcu'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{pcu}x'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{pcu,}'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{,pcu}'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT '{pcu home_visit}'::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT ''::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT ARRAY['pcu', NULL]::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT ARRAY['pcu', 'nope']::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT ARRAY[['pcu'], ['respite']]::palliative.capset;
\echo :LAST_ERROR_SQLSTATE
SELECT ARRAY['pcu', '']::palliative.capset;
\echo :LAST_ERROR_SQLSTATE

-- very long input: 100,000 names parse in linear time, a long unknown name is cut in the message
SELECT ('{' || string_agg(name, ',') || '}')::palliative.capset OPERATOR(palliative.=) palliative.capset(array_agg(name)) AS same,
       palliative.capset_count(('{' || string_agg(name, ',') || '}')::palliative.capset) AS n
FROM (SELECT (SELECT array_agg(name ORDER BY "bit") FROM palliative.capability)[1 + g % 37] AS name
      FROM generate_series(0, 99999) g) s;
SELECT palliative.capset(array_agg('pcu'::text)) FROM generate_series(1, 100000);
SELECT ('{' || repeat('x', 100000) || '}')::palliative.capset;

-- care tiers
SELECT c AS capabilities, palliative.care_tier(c::palliative.capset) AS tier
FROM (VALUES ('{}'), ('{ltc_ward}'), ('{pcu}'), ('{palliative_team}'), ('{palliative_specialist}'),
             ('{opioid_use,opioid_all_kinds,opioid_storage,opioid_skilled_physician}'),
             ('{opioid_use,opioid_all_kinds,opioid_storage_shared,certified_palliative_nurse}'),
             ('{opioid_use,opioid_all_kinds,opioid_storage,palliative_physician}'),
             ('{opioid_use,opioid_all_kinds,opioid_skilled_physician}'),
             ('{opioid_use,opioid_storage,opioid_skilled_physician}'),
             ('{opioid_all_kinds,opioid_storage,opioid_skilled_physician}'),
             ('{narcotics_retail_license,pharmacy_home_visit}'),
             ('{narcotics_retail_license}'), ('{pharmacy_home_visit}'),
             ('{home_nursing,home_visit_24h}'), ('{home_visit_24h}'), ('{home_nursing}'),
             ('{home_visit}'), ('{end_of_life_care}'), ('{respite,nerve_block}')) AS v(c);
SELECT 'none'::palliative.tier < 'limited' AND 'limited'::palliative.tier < 'capable'
       AND 'capable'::palliative.tier < 'specialist' AS ordered;

-- binary receive checks what input checks: COPY BINARY goes through capset_recv
CREATE TEMP TABLE wire_in (c palliative.capset);
-- a valid file: one row holding {pcu,respite} (bits 0 and 7)
SELECT lo_from_bytea(424243, '\x5047434f50590aff0d0a000000000000000000'::bytea || '\x0001'::bytea || '\x00000008'::bytea || '\x0000000000000081'::bytea || '\xffff'::bytea) AS oid;
SELECT lo_export(424243, '/tmp/palliative_capset_ok.bin') AS exported;
COPY wire_in FROM '/tmp/palliative_capset_ok.bin' (FORMAT binary);
SELECT c FROM wire_in;
-- bit 63 names no capability: rejected like unknown text
SELECT lo_from_bytea(424244, '\x5047434f50590aff0d0a000000000000000000'::bytea || '\x0001'::bytea || '\x00000008'::bytea || '\x8000000000000000'::bytea || '\xffff'::bytea) AS oid;
SELECT lo_export(424244, '/tmp/palliative_capset_bad.bin') AS exported;
COPY wire_in FROM '/tmp/palliative_capset_bad.bin' (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- a short value (4 bytes) is rejected
SELECT lo_from_bytea(424245, '\x5047434f50590aff0d0a000000000000000000'::bytea || '\x0001'::bytea || '\x00000004'::bytea || '\x00000001'::bytea || '\xffff'::bytea) AS oid;
SELECT lo_export(424245, '/tmp/palliative_capset_short.bin') AS exported;
COPY wire_in FROM '/tmp/palliative_capset_short.bin' (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS rows_after_errors FROM wire_in;
SELECT lo_unlink(o) FROM (VALUES (424243), (424244), (424245)) v(o);
