-- pgTAP: the capset vocabulary in SQL agrees with the C vocabulary; errors
-- carry their SQLSTATE; function labels are right.
BEGIN;
SELECT plan(20);

SELECT has_type('palliative', 'capset', 'type palliative.capset exists');
SELECT has_table('palliative', 'capability', 'table palliative.capability exists');
SELECT columns_are('palliative', 'capability',
    ARRAY['name', 'bit', 'category', 'label_ja', 'label_en', 'description'],
    'capability has the documented columns');

-- the table and the compiled vocabulary agree row for row
SELECT set_eq(
    'SELECT name, "bit", category, label_ja, label_en, description FROM palliative.capability',
    'SELECT name, "bit", category, label_ja, label_en, description FROM palliative.capability_vocabulary()',
    'palliative.capability mirrors the C vocabulary');

-- each name maps to its own bit in the binary form
SELECT is(
    (SELECT count(*)::int FROM palliative.capability
     WHERE palliative.capset_send(format('{%s}', name)::palliative.capset)
           <> int8send((1::bigint << "bit"))),
    0, 'every name sets exactly its bit');
SELECT is((SELECT count(*)::int FROM palliative.capability), 37, '37 capabilities');
SELECT is((SELECT max("bit") FROM palliative.capability), 36, 'bits are 0..36 without gaps');

-- the vocabulary names every capability DESIGN.md lists
SELECT set_eq(
    'SELECT name FROM palliative.capability',
    $$VALUES ('pcu'), ('palliative_team'), ('palliative_outpatient'), ('ltc_ward'), ('home_visit'),
      ('home_visit_24h'), ('home_nursing'), ('respite'), ('end_of_life_care'), ('pediatric_palliative'),
      ('aya_support'), ('palliative_radiotherapy'), ('nerve_block'), ('cancer_rehab'), ('consultation_desk'),
      ('cancer_consultation_center'), ('care_facility_liaison'), ('cancer_base_prefectural'),
      ('cancer_base_regional'), ('cancer_regional_hospital'), ('home_care_support'),
      ('home_care_support_enhanced'), ('palliative_specialist'), ('palliative_physician'),
      ('opioid_skilled_physician'), ('certified_palliative_nurse'), ('pcu_experienced_nurse'),
      ('palliative_pharmacist'), ('regional_coordinator'), ('opioid_storage'), ('opioid_storage_shared'),
      ('opioid_use'), ('opioid_all_kinds'), ('opioid_all_routes'), ('narcotics_retail_license'),
      ('pharmacy_home_visit'), ('sterile_compounding')$$,
    'the vocabulary is the one DESIGN.md lists');

-- errors and their SQLSTATEs
SELECT throws_ok($$SELECT '{pcux}'::palliative.capset$$, '22P02', 'unknown capability "pcux"', 'unknown name is 22P02');
SELECT throws_ok($$SELECT 'pcu,home_visit'::palliative.capset$$, '22P02', NULL, 'missing braces is 22P02');
SELECT throws_ok($$SELECT '{pcu'::palliative.capset$$, '22P02', NULL, 'missing close brace is 22P02');
SELECT throws_ok($$SELECT '{pcu}x'::palliative.capset$$, '22P02', NULL, 'trailing text is 22P02');
SELECT throws_ok($$SELECT '{pcu,,respite}'::palliative.capset$$, '22P02', 'empty capability name in capset', 'empty name is 22P02');
SELECT throws_ok($$SELECT ARRAY['pcu', NULL]::palliative.capset$$, '22004', NULL, 'null array element is 22004');

-- labels: every capset function is immutable, strict and parallel safe
SELECT is(
    (SELECT count(*)::int FROM pg_proc p
     WHERE p.pronamespace = 'palliative'::regnamespace
       AND (p.proname LIKE 'capset%' OR p.proname IN ('care_tier', 'capability_vocabulary'))
       AND p.prokind = 'f'
       AND NOT (p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's')),
    0, 'capset functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is(
    (SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'palliative'::regnamespace AND p.proname LIKE 'capset%agg'
       AND a.aggcombinefn <> 0 AND p.proparallel = 's'),
    2, 'capset aggregates are parallel safe with a combine function');

-- the facility table's capability searches use the GIN index
SELECT ok(
    (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
     WHERE i.indrelid = 'palliative.facility'::regclass AND am.amname = 'gin') = 1,
    'facility has a GIN index on capabilities');
SELECT is(palliative.care_tier('{pcu}'::palliative.capset), 'specialist'::palliative.tier, 'pcu is specialist');
SELECT is(palliative.care_tier('{}'::palliative.capset), 'none'::palliative.tier, 'empty is none');
SELECT ok('capable'::palliative.tier > 'limited'::palliative.tier, 'care tiers are ordered');

SELECT * FROM finish();
ROLLBACK;
