-- @area Facility-standard filings
-- The regional health bureaus (地方厚生局) publish every month the
-- facility-standard filings they have accepted (届出受理医療機関名簿): the
-- official record of which institution meets the requirements of which fee
-- item, so the most current public evidence of palliative capability.
-- palliative.import_filings() reads a bureau workbook's sheet (as CSV, see
-- the command palliative-filings) or the normalized CSV into
-- palliative.filing, keeping history across imports: a later list of the
-- same prefecture ends the filings that are gone from it (their end_date is
-- its as-of date) instead of deleting them.  palliative.fee_item_capability
-- maps each fee item, by the name it is filed under, to the capabilities it
-- stands for.

-- ---------------------------------------------------------------------------
-- parsers

CREATE FUNCTION palliative.jp_date(value text) RETURNS date
    AS 'MODULE_PATHNAME', 'jp_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_date(text) IS
'A date as Japanese tables write it: 令和6年6月1日, 令和 6年 6月 1日, 令和元年5月1日, 平成31年4月30日, 昭和58年8月1日 (also 大正, 明治), R6.6.1 or H31/4/1 (era initials), 2024年6月1日, 2024-06-01, 2024/6/1; full-width digits and spaces allowed. An era date must lie within its era (令和 from 2019-05-01, 平成 1989-01-08 to 2019-04-30, ...). Anything else is an error 22007 quoting the value.';

CREATE FUNCTION palliative.jp_prefecture(value text) RETURNS text
    AS 'MODULE_PATHNAME', 'jp_prefecture' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_prefecture(text) IS
'The two-digit prefecture code of a code written with or without its leading zero (1, 01, ０１) or of a prefecture name (北海道): ''01''. A code outside 01-47 or an unknown name is an error 22P02.';

CREATE FUNCTION palliative.jp_prefecture_name(code text) RETURNS text
    AS 'MODULE_PATHNAME', 'jp_prefecture_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_prefecture_name(text) IS
'The name of a prefecture given by its code (as jp_prefecture reads it) or its name: jp_prefecture_name(''1'') is 北海道. A code outside 01-47 is an error 22P02.';

CREATE FUNCTION palliative.jp_count(value text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'jp_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_count(text) IS
'A count with an optional unit, as the remarks (備考) of filings give them: 20床, ２０床, 1病棟, 1,234 -> the whole number. Anything else is an error 22P02.';

CREATE FUNCTION palliative.jp_name_keys(name text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'jp_name_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_name_keys(text) IS
'Keys for matching an institution''s name between lists: the name in NFKC without white space, and, when it differs, the same without a leading legal-entity designation (医療法人社団X会, 社会医療法人, 一般財団法人, JA北海道厚生連, 独立行政法人国立病院機構, (医) ...). ''医療法人　菊郷会　愛育病院'' gives {医療法人菊郷会愛育病院,愛育病院}.';

CREATE FUNCTION palliative.jp_address_key(address text) RETURNS text
    AS 'MODULE_PATHNAME', 'jp_address_key' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.jp_address_key(text) IS
'Key for matching addresses: NFKC, without a leading prefecture name, white space and 大字, kanji numerals before 丁目/番/号 as digits, and 丁目, 番地, 番, 号, の between digits and every hyphen form written as "-" (no run, none at the end). ''北海道札幌市中央区北３条西６丁目１番５０号'' gives ''札幌市中央区北3条西6-1-50''; NULL when nothing is left.';

CREATE FUNCTION palliative.filing_rows(content text, source_file text, sheet text DEFAULT NULL,
    OUT "row" bigint, OUT layout text, OUT as_of date, OUT prefecture_code text,
    OUT institution_no text, OUT institution_name text, OUT postal_code text, OUT address text,
    OUT phone text, OUT beds_text text, OUT beds_total bigint, OUT filed_name text,
    OUT abbreviation text, OUT acceptance_no text, OUT start_date date, OUT remark_heading text,
    OUT remark_value text, OUT category text, OUT unit_wards bigint, OUT unit_beds bigint,
    OUT remarks text, OUT listed_source text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'filing_rows' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION palliative.filing_rows(text, text, text) IS
'Reads a filing list (content: one workbook sheet as CSV text, or the normalized CSV; source_file and sheet name it in messages) into one row per data row, checked and typed, without storing anything. Layouts: bureau (the bureaus'' workbooks: an as-of line such as 令和7年10月1日現在 above a header row with 都道府県コード, 医療機関番号, 医療機関名称, 医療機関所在地（郵便番号）, 医療機関所在地（住所）, 受理届出名称, 受理記号, 受理番号, 算定開始年月日, 備考（見出し）, 備考（データ）; continuation rows repeat a filing with more 備考 pairs) and normalized (pref_code, category, standard_name, inst_code7, name, address, acceptance_no, start_date, as_of and optional columns). row is the sheet row (sheet given) or the line the record starts on. Text is NFKC with white space collapsed; dates and prefecture codes are parsed as jp_date and jp_prefecture read them; acceptance_no is written 第N号; filed_name, acceptance_no and start_date are NULL on rows of institutions without filings. Errors name the file, sheet, row, column and value: 22007 for dates, 42703 for a missing column or header, 22P02 otherwise (an empty sheet too). Needs a UTF8 database.';

-- ---------------------------------------------------------------------------
-- fee items and the capabilities they stand for

CREATE TABLE palliative.fee_item_capability (
    id                 integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    fee_item           text NOT NULL,
    variant            text NOT NULL UNIQUE CHECK (variant ~ '^[a-z][a-z0-9_]*$'),
    filed_name_pattern text NOT NULL,
    priority           integer NOT NULL UNIQUE,
    capabilities       palliative.capset NOT NULL,
    pcu_unit           boolean NOT NULL DEFAULT false,
    filer_kind         palliative.facility_kind CHECK (filer_kind IN ('hospital', 'clinic', 'pharmacy')),
    title_en           text NOT NULL,
    requirement_ja     text NOT NULL,
    requirement_en     text NOT NULL
);
COMMENT ON TABLE palliative.fee_item_capability IS
'Which capabilities a facility-standard filing stands for: one row per fee item, or per variant of a fee item told apart by the name it is filed under (the enhanced home-care-support types 機能強化型, single or networked, from the ordinary one), with a note on the requirement it stands for. A filing takes the row of lowest priority whose pattern matches its filed name (NFKC). Seeded from the fee schedule''s facility standards (特掲診療料の施設基準等); edit or add rows with plain UPDATE and INSERT (a filing takes its row when it is imported).';
COMMENT ON COLUMN palliative.fee_item_capability.id IS 'Integer key.';
COMMENT ON COLUMN palliative.fee_item_capability.fee_item IS 'The fee item (the category of the normalized CSV), e.g. 緩和ケア病棟入院料.';
COMMENT ON COLUMN palliative.fee_item_capability.variant IS 'Short name of the row, e.g. home_care_clinic_enhanced.';
COMMENT ON COLUMN palliative.fee_item_capability.filed_name_pattern IS 'POSIX regular expression matched against the filed name (受理届出名称, NFKC).';
COMMENT ON COLUMN palliative.fee_item_capability.priority IS 'Order of matching: the matching row of lowest priority wins.';
COMMENT ON COLUMN palliative.fee_item_capability.capabilities IS 'Capabilities a filing of this item gives its institution.';
COMMENT ON COLUMN palliative.fee_item_capability.pcu_unit IS 'True when the filing''s remarks (備考) give the palliative care unit''s wards (病棟数) and beds (病床数).';
COMMENT ON COLUMN palliative.fee_item_capability.filer_kind IS 'hospital, clinic or pharmacy when only that kind of institution can file the item (a filing then tells which it is), NULL when hospitals and clinics both can.';
COMMENT ON COLUMN palliative.fee_item_capability.title_en IS 'The fee item in English.';
COMMENT ON COLUMN palliative.fee_item_capability.requirement_ja IS 'The requirement the filing certifies, in Japanese.';
COMMENT ON COLUMN palliative.fee_item_capability.requirement_en IS 'The requirement the filing certifies, in English, and why it maps to these capabilities.';

INSERT INTO palliative.fee_item_capability
    (fee_item, variant, filed_name_pattern, priority, capabilities, pcu_unit, filer_kind, title_en, requirement_ja, requirement_en)
VALUES
('緩和ケア病棟入院料', 'pcu', '^緩和ケア病棟入院料[0-9]*$', 10, '{pcu,palliative_physician}', true, 'hospital',
 'palliative care unit admission fee',
 '緩和ケア病棟（主に末期の悪性腫瘍患者等を入院させ緩和ケアを行う病棟）があり、緩和ケアを担当する常勤の医師が配置されていること。備考に病棟数・病床数が記載されることがある。',
 'A palliative care unit (a ward for patients with terminal cancer or AIDS) with a full-time physician in charge of palliative care: pcu and palliative_physician. The remarks may give its wards and beds.'),
('小児緩和ケア診療加算', 'pediatric_team', '^小児緩和ケア診療加算$', 20, '{pediatric_palliative,palliative_team,palliative_physician}', false, 'hospital',
 'paediatric palliative care team fee',
 '小児の緩和ケアを行う緩和ケアチーム（身体症状・精神症状の緩和を担当する医師、看護師、薬剤師）が設置されていること。',
 'A palliative care team for children (physicians for physical and psychological symptoms, a nurse and a pharmacist): pediatric_palliative, palliative_team and palliative_physician.'),
('有床診療所緩和ケア診療加算', 'clinic_inpatient', '^有床診療所緩和ケア診療加算$', 30, '{palliative_physician}', false, 'clinic',
 'palliative care in a clinic with beds',
 '有床診療所において、緩和ケアに係る経験を有する医師及び看護師が配置され、入院患者に緩和ケアを行うこと。',
 'A clinic with beds where a physician and a nurse experienced in palliative care treat inpatients: palliative_physician.'),
('緩和ケア診療加算', 'team', '^緩和ケア診療加算$', 40, '{palliative_team,palliative_physician,certified_palliative_nurse}', false, 'hospital',
 'inpatient palliative care team fee',
 '身体症状・精神症状の緩和を担当する医師、緩和ケアの経験を有し所定の研修を修了した看護師、薬剤師からなる緩和ケアチームが設置されていること。',
 'An inpatient palliative care team: a physician for physical symptoms, one for psychological symptoms, a nurse experienced in palliative care who completed the prescribed training (a certified nurse in practice) and a pharmacist: palliative_team, palliative_physician and certified_palliative_nurse.'),
('外来緩和ケア管理料', 'outpatient', '^外来緩和ケア管理料$', 50, '{palliative_outpatient,palliative_team,palliative_physician}', false, 'hospital',
 'palliative care outpatient management fee',
 '緩和ケアチームが外来の悪性腫瘍患者に症状緩和の管理を行う体制があること。',
 'Outpatient management of cancer symptoms by the palliative care team: palliative_outpatient, palliative_team and palliative_physician.'),
('がん性疼痛緩和指導管理料', 'refractory_pain', '難治性がん性疼痛緩和指導管理加算$', 60, '{palliative_radiotherapy,nerve_block,opioid_skilled_physician,opioid_use}', false, NULL,
 'refractory cancer pain management supplement',
 'がん性疼痛の緩和を目的とした放射線治療及び神経ブロックを実施する体制と実績があること（がん性疼痛緩和指導管理料の注2）。',
 'Radiotherapy and nerve blocks for cancer pain are provided, with a record of cases, on top of cancer pain management: palliative_radiotherapy, nerve_block, opioid_skilled_physician and opioid_use.'),
('がん性疼痛緩和指導管理料', 'cancer_pain', '^がん性疼痛緩和指導管理料$', 70, '{opioid_skilled_physician,opioid_use}', false, NULL,
 'cancer pain management fee',
 '緩和ケアの経験を有し緩和ケア研修会を修了した医師が、WHO方式のがん性疼痛の治療法に基づき計画的に麻薬を投与して疼痛緩和の指導管理を行うこと。',
 'A physician experienced in palliative care who completed the palliative care training course manages cancer pain with planned opioid prescribing (WHO method): opioid_skilled_physician and opioid_use.'),
('在宅療養支援診療所', 'home_care_clinic_enhanced', '^(別添1の「第9」の1の\([12]\)に規定する|機能強化型)在宅療養支援診療所[0-9]*$', 80,
 '{home_care_support,home_care_support_enhanced,home_visit,home_visit_24h}', false, 'clinic',
 'enhanced home-care support clinic (機能強化型, single or networked)',
 '24時間の連絡・往診・訪問看護の体制をとる在宅療養支援診療所のうち、常勤医師3名以上（連携型は連携全体で）と緊急往診・看取りの実績を有する機能強化型（別添1の第9の1の(1)単独型、(2)連携型）。',
 'A home-care support clinic with 24-hour contact, home visits and visiting nursing, of the enhanced type (three or more full-time physicians, alone or in a network, and a record of emergency visits and deaths at home; 第9 1 (1) single, (2) networked): home_care_support, home_care_support_enhanced, home_visit and home_visit_24h.'),
('在宅療養支援診療所', 'home_care_clinic', '^(別添1の「第9」の1の\(3\)に規定する)?在宅療養支援診療所[0-9]*$', 90,
 '{home_care_support,home_visit,home_visit_24h}', false, 'clinic',
 'home-care support clinic',
 '24時間連絡を受ける体制、24時間の往診・訪問看護の体制を有する在宅療養支援診療所（別添1の第9の1の(3)）。',
 'A home-care support clinic: 24-hour contact and home visits and visiting nursing around the clock (第9 1 (3)): home_care_support, home_visit and home_visit_24h.'),
('在宅療養支援病院', 'home_care_hospital_enhanced', '^(別添1の「第14の2」の1の\([12]\)に規定する|機能強化型)在宅療養支援病院[0-9]*$', 100,
 '{home_care_support,home_care_support_enhanced,home_visit,home_visit_24h}', false, 'hospital',
 'enhanced home-care support hospital (機能強化型, single or networked)',
 '24時間の往診・訪問看護の体制をとる在宅療養支援病院のうち、常勤医師3名以上と緊急往診・看取りの実績を有する機能強化型（別添1の第14の2の1の(1)単独型、(2)連携型）。',
 'A home-care support hospital of the enhanced type (第14の2 1 (1) single, (2) networked): home_care_support, home_care_support_enhanced, home_visit and home_visit_24h.'),
('在宅療養支援病院', 'home_care_hospital', '^(別添1の「第14の2」の1の\(3\)に規定する)?在宅療養支援病院[0-9]*$', 110,
 '{home_care_support,home_visit,home_visit_24h}', false, 'hospital',
 'home-care support hospital',
 '24時間の往診・訪問看護の体制を有し、緊急時に入院できる病床を確保した在宅療養支援病院（別添1の第14の2の1の(3)）。',
 'A home-care support hospital: home visits and visiting nursing around the clock and beds for emergency admission (第14の2 1 (3)): home_care_support, home_visit and home_visit_24h.'),
('在宅緩和ケア充実診療所・病院加算', 'home_palliative_enhanced', '在宅緩和ケア充実診療所・病院加算$', 120,
 '{home_care_support,home_care_support_enhanced,home_visit,home_visit_24h,end_of_life_care,opioid_skilled_physician,opioid_all_routes}', false, NULL,
 'enhanced home palliative care supplement',
 '機能強化型の在宅療養支援診療所・病院であって、緩和ケア研修を修了した医師がおり、在宅での看取りとオピオイドの注射（患者自己調節鎮痛法を含む）による緩和ケアの実績を有すること。',
 'An enhanced home-care support clinic or hospital with a physician who completed palliative care training and a record of deaths at home and of palliative care with injected opioids (including patient-controlled analgesia): the home-care support capabilities, end_of_life_care, opioid_skilled_physician and opioid_all_routes.'),
('在宅がん医療総合診療料', 'home_cancer_care', '^在宅がん医療総合診療料$', 130, '{home_visit,home_visit_24h,end_of_life_care}', false, NULL,
 'comprehensive home care for terminal cancer',
 '在宅療養支援診療所・病院が、通院困難な末期の悪性腫瘍の患者に週4日以上の訪問診療・訪問看護を行う総合的な医療を提供すること。',
 'A home-care support clinic or hospital gives patients with terminal cancer who cannot travel comprehensive care with visits on four or more days a week: home_visit, home_visit_24h and end_of_life_care.'),
('在宅患者医療用麻薬持続注射療法加算', 'pharmacy_opioid_infusion', '^在宅患者医療用麻薬持続注射療法加算$', 140, '{narcotics_retail_license,pharmacy_home_visit}', false, 'pharmacy',
 'continuous opioid infusion at home (pharmacy)',
 '保険薬局が、麻薬小売業者の免許と高度管理医療機器の販売業の許可を受け、在宅患者訪問薬剤管理指導を行う体制で、在宅で医療用麻薬の持続注射療法を行う患者に麻薬を調剤すること（調剤報酬の加算）。',
 'A pharmacy licensed to sell narcotics and advanced medical devices, visiting patients at home, dispenses opioids for continuous infusion at home (a dispensing fee supplement): narcotics_retail_license and pharmacy_home_visit. The filings name some of the pharmacies that dispense opioids at home, not all, so they do not cover pharmacies completely.'),
('無菌製剤処理料', 'sterile_compounding', '^無菌製剤処理料$', 150, '{sterile_compounding}', false, NULL,
 'sterile compounding',
 '無菌製剤処理を行うための専用の部屋（クリーンベンチ等）と薬剤師を有すること。',
 'A dedicated room with a clean bench and a pharmacist for sterile compounding (e.g. opioid infusions): sterile_compounding.');

SELECT pg_catalog.pg_extension_config_dump('palliative.fee_item_capability',
    pg_catalog.format('WHERE id > %s', (SELECT pg_catalog.max(m.id) FROM palliative.fee_item_capability AS m)));
SELECT pg_catalog.pg_extension_config_dump('palliative.fee_item_capability_id_seq', '');

-- ---------------------------------------------------------------------------
-- imports and filings

CREATE TABLE palliative.filing_import (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source_file   text NOT NULL,
    sheet         text,
    layout        text NOT NULL CHECK (layout IN ('bureau', 'normalized')),
    scope         text NOT NULL CHECK (scope IN ('all', 'mapped')),
    content_md5   text NOT NULL UNIQUE,
    rows          integer NOT NULL CHECK (rows >= 0),
    filings       integer NOT NULL CHECK (filings >= 0),
    repeated_rows integer NOT NULL DEFAULT 0 CHECK (repeated_rows >= 0),
    empty_institutions integer NOT NULL DEFAULT 0 CHECK (empty_institutions >= 0),
    imported_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    imported_by   text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE palliative.filing_import IS
'One row per imported filing list (a workbook sheet or a CSV file): what it was and what it held. The same content imported again changes nothing.';
COMMENT ON COLUMN palliative.filing_import.id IS 'Import id.';
COMMENT ON COLUMN palliative.filing_import.source_file IS 'File name given to import_filings.';
COMMENT ON COLUMN palliative.filing_import.sheet IS 'Sheet of the workbook, NULL for a CSV file.';
COMMENT ON COLUMN palliative.filing_import.layout IS 'bureau (a bureau workbook as published) or normalized (the normalized CSV).';
COMMENT ON COLUMN palliative.filing_import.scope IS 'Filings the list covers: all (a bureau list holds every filing of its prefecture) or mapped (the normalized CSV holds the fee items of fee_item_capability only). A later list ends only the filings within its scope.';
COMMENT ON COLUMN palliative.filing_import.content_md5 IS 'MD5 of the content, to recognize the same list imported again.';
COMMENT ON COLUMN palliative.filing_import.rows IS 'Data rows read (continuation rows and rows of institutions without filings included).';
COMMENT ON COLUMN palliative.filing_import.filings IS 'Filings the list holds.';
COMMENT ON COLUMN palliative.filing_import.repeated_rows IS 'Rows repeating a filing exactly without adding a remark (merged into it).';
COMMENT ON COLUMN palliative.filing_import.empty_institutions IS 'Rows of institutions listed without any filing (skipped).';
COMMENT ON COLUMN palliative.filing_import.imported_at IS 'When it was imported.';
COMMENT ON COLUMN palliative.filing_import.imported_by IS 'Role that imported it.';
SELECT pg_catalog.pg_extension_config_dump('palliative.filing_import', '');
SELECT pg_catalog.pg_extension_config_dump('palliative.filing_import_id_seq', '');

CREATE TABLE palliative.filing_import_prefecture (
    import_id       bigint NOT NULL REFERENCES palliative.filing_import (id) ON DELETE CASCADE,
    prefecture_code text NOT NULL CHECK (prefecture_code ~ '^[0-9]{2}$'),
    as_of           date NOT NULL,
    filings         integer NOT NULL CHECK (filings >= 0),
    started         integer NOT NULL CHECK (started >= 0),
    updated         integer NOT NULL CHECK (updated >= 0),
    unchanged       integer NOT NULL CHECK (unchanged >= 0),
    ended           integer NOT NULL CHECK (ended >= 0),
    PRIMARY KEY (import_id, prefecture_code)
);
CREATE INDEX filing_import_prefecture_idx ON palliative.filing_import_prefecture (prefecture_code, as_of);
COMMENT ON TABLE palliative.filing_import_prefecture IS
'Per import and prefecture: the as-of date of the list and what the import changed.';
COMMENT ON COLUMN palliative.filing_import_prefecture.import_id IS 'Import id.';
COMMENT ON COLUMN palliative.filing_import_prefecture.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.filing_import_prefecture.as_of IS 'The date the list describes (令和7年10月1日現在).';
COMMENT ON COLUMN palliative.filing_import_prefecture.filings IS 'Filings of the prefecture in the list.';
COMMENT ON COLUMN palliative.filing_import_prefecture.started IS 'Filings new to palliative.filing.';
COMMENT ON COLUMN palliative.filing_import_prefecture.updated IS 'Current filings seen again with changed details (name, address, start date, remarks ...).';
COMMENT ON COLUMN palliative.filing_import_prefecture.unchanged IS 'Current filings seen again unchanged.';
COMMENT ON COLUMN palliative.filing_import_prefecture.ended IS 'Current filings within the list''s scope that it no longer holds: ended on its as-of date.';
COMMENT ON INDEX palliative.filing_import_prefecture_idx IS 'Latest as-of date of a prefecture.';
SELECT pg_catalog.pg_extension_config_dump('palliative.filing_import_prefecture', '');

CREATE TABLE palliative.filing (
    id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    prefecture_code  text NOT NULL CHECK (prefecture_code ~ '^[0-9]{2}$'),
    institution_no   text NOT NULL CHECK (institution_no ~ '^[0-9]{7}$'),
    institution_name text NOT NULL,
    postal_code      text CHECK (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
    address          text NOT NULL,
    phone            text,
    beds_text        text,
    beds_total       integer CHECK (beds_total >= 0),
    filed_name       text NOT NULL,
    abbreviation     text,
    acceptance_no    text NOT NULL,
    start_date       date NOT NULL,
    remarks          jsonb NOT NULL DEFAULT '[]',
    fee_item_id      integer REFERENCES palliative.fee_item_capability (id) ON DELETE SET NULL,
    fee_item         text,
    pcu_wards        integer CHECK (pcu_wards >= 0),
    pcu_beds         integer CHECK (pcu_beds >= 0),
    first_as_of      date NOT NULL,
    as_of            date NOT NULL,
    end_date         date,
    source_file      text NOT NULL,
    sheet            text,
    source_row       bigint NOT NULL,
    first_import_id  bigint NOT NULL REFERENCES palliative.filing_import (id),
    last_import_id   bigint NOT NULL REFERENCES palliative.filing_import (id),
    end_import_id    bigint REFERENCES palliative.filing_import (id),
    CONSTRAINT filing_dates CHECK (first_as_of <= as_of AND (end_date IS NULL OR end_date > as_of))
);
CREATE UNIQUE INDEX filing_current_key ON palliative.filing (prefecture_code, institution_no, filed_name, acceptance_no)
    WHERE end_date IS NULL;
CREATE INDEX filing_institution_idx ON palliative.filing (prefecture_code, institution_no);
CREATE INDEX filing_fee_item_idx ON palliative.filing (fee_item_id);
COMMENT ON TABLE palliative.filing IS
'Accepted facility-standard filings, one row per institution, filed name and acceptance number, across imports: first_as_of and as_of are the first and last lists that held it, end_date the as-of date of the first list of its prefecture (within that list''s scope) that no longer held it. Rows are never deleted by imports, so the history of who could do what, and when that changed, is kept.';
COMMENT ON COLUMN palliative.filing.id IS 'Integer key.';
COMMENT ON COLUMN palliative.filing.prefecture_code IS 'Prefecture code (都道府県コード), two digits.';
COMMENT ON COLUMN palliative.filing.institution_no IS 'Institution number (医療機関番号), seven digits.';
COMMENT ON COLUMN palliative.filing.institution_name IS 'Institution name (医療機関名称), NFKC.';
COMMENT ON COLUMN palliative.filing.postal_code IS 'Postal code, NNN-NNNN.';
COMMENT ON COLUMN palliative.filing.address IS 'Address (医療機関所在地), NFKC, usually without the prefecture.';
COMMENT ON COLUMN palliative.filing.phone IS 'Telephone number.';
COMMENT ON COLUMN palliative.filing.beds_text IS 'Beds as listed (病床数), e.g. 一般 180/療養 40.';
COMMENT ON COLUMN palliative.filing.beds_total IS 'Sum of the numbers in beds_text.';
COMMENT ON COLUMN palliative.filing.filed_name IS 'Name the fee item was filed under (受理届出名称), NFKC.';
COMMENT ON COLUMN palliative.filing.abbreviation IS 'Abbreviation of the fee item (受理記号), e.g. 緩1.';
COMMENT ON COLUMN palliative.filing.acceptance_no IS 'Acceptance number (受理番号), written 第N号.';
COMMENT ON COLUMN palliative.filing.start_date IS 'Date billing may start (算定開始年月日); fee revisions reset it, so it is not the first filing.';
COMMENT ON COLUMN palliative.filing.remarks IS 'The remarks (備考) as a JSON array of {"heading", "value"} objects, in list order.';
COMMENT ON COLUMN palliative.filing.fee_item_id IS 'The row of fee_item_capability the filed name matched (NULL: a fee item with no capability).';
COMMENT ON COLUMN palliative.filing.fee_item IS 'The fee item it belongs to, e.g. 在宅療養支援診療所.';
COMMENT ON COLUMN palliative.filing.pcu_wards IS 'Palliative care unit wards, where the list gives them.';
COMMENT ON COLUMN palliative.filing.pcu_beds IS 'Palliative care unit beds, where the list gives them.';
COMMENT ON COLUMN palliative.filing.first_as_of IS 'As-of date of the first list that held the filing.';
COMMENT ON COLUMN palliative.filing.as_of IS 'As-of date of the last list that held it.';
COMMENT ON COLUMN palliative.filing.end_date IS 'As-of date of the first later list that no longer held it; NULL while it is current.';
COMMENT ON COLUMN palliative.filing.source_file IS 'File of the last list that held it.';
COMMENT ON COLUMN palliative.filing.sheet IS 'Sheet of that file (NULL for a CSV file).';
COMMENT ON COLUMN palliative.filing.source_row IS 'Row (sheet) or line (CSV) of that file where the filing starts.';
COMMENT ON COLUMN palliative.filing.first_import_id IS 'Import that first held it.';
COMMENT ON COLUMN palliative.filing.last_import_id IS 'Import that last held it.';
COMMENT ON COLUMN palliative.filing.end_import_id IS 'Import that ended it.';
COMMENT ON CONSTRAINT filing_dates ON palliative.filing IS 'first_as_of <= as_of < end_date.';
COMMENT ON INDEX palliative.filing_current_key IS 'One current filing per institution, filed name and acceptance number.';
COMMENT ON INDEX palliative.filing_institution_idx IS 'Filings of an institution.';
COMMENT ON INDEX palliative.filing_fee_item_idx IS 'Filings of a fee item.';
SELECT pg_catalog.pg_extension_config_dump('palliative.filing', '');
SELECT pg_catalog.pg_extension_config_dump('palliative.filing_id_seq', '');
