--
-- facility-standard filings: the Japanese text parsers, reading lists of
-- both layouts, importing with history, and every bad input
--
\set SHOW_CONTEXT never
SET client_min_messages = warning;
SET datestyle = 'ISO, YMD';

-- dates: eras, 元年, full-width digits and spaces, era initials, Gregorian
SELECT v, palliative.jp_date(v) FROM (VALUES
  ('令和6年6月1日'), ('令和 6年 6月 1日'), ('令和７年１０月１日'), ('令和元年5月1日'), ('令和元年 ５月 １日'),
  ('平成31年4月30日'), ('平成元年1月8日'), ('昭和58年 8月 1日'), ('昭和64年1月7日'), ('大正15年12月25日'),
  ('明治45年7月30日'), ('R6.6.1'), ('H31/4/1'), ('s58-8-1'), ('2024年6月1日'), ('2024-06-01'),
  ('2024/6/1'), ('２０２４．６．１'), ('　令和　6年　6月　1日　')) AS t(v);
-- each of these is an error 22007 quoting the value
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
SELECT v, pg_temp.try(format('SELECT palliative.jp_date(%L)', v)) FROM (VALUES
  ('令和元年4月30日'), ('令和1年4月1日'), ('平成31年5月1日'), ('平成0年1月1日'), ('昭和64年1月8日'),
  ('令和6年2月30日'), ('令和6年13月1日'), ('令和6年6月'), ('令和6年6月1'), ('令和6年6月1日現在'),
  ('元年5月1日'), ('24-06-01'), ('2024-06/01'), ('R6.6.1日'), ('令和六年六月一日'), (''), ('2024-6-1-1'),
  ('平成123456789012年1月1日')) AS t(v);

-- prefecture codes with and without the leading zero, full width, names
SELECT v, palliative.jp_prefecture(v) FROM (VALUES ('01'), ('1'), ('０１'), ('１'), (' 47 '), ('北海道'), ('東京都')) AS t(v);
SELECT v, pg_temp.try(format('SELECT palliative.jp_prefecture(%L)', v))
FROM (VALUES ('00'), ('0'), ('48'), ('001'), ('北海'), ('')) AS t(v);

-- counts, name and address keys
SELECT v, palliative.jp_count(v) FROM (VALUES ('20床'), ('２０床'), (' 1 病棟'), ('1,234'), ('50%')) AS t(v);
SELECT v, pg_temp.try(format('SELECT palliative.jp_count(%L)', v)) FROM (VALUES ('床'), ('20床3'), (''), ('1234567890123456')) AS t(v);
SELECT v, palliative.jp_name_keys(v) FROM (VALUES
  ('医療法人　菊郷会　愛育病院'), ('特定医療法人社団慶愛会札幌花園病院'), ('ＪＡ北海道厚生連　札幌厚生病院'),
  ('社会医療法人北海道循環器病院'), ('独立行政法人国立病院機構　北海道医療センター'), ('市立札幌病院'),
  ('医療法人 愛全病院'), ('医療法人　クリニック')) AS t(v);
SELECT v, palliative.jp_address_key(v) FROM (VALUES
  ('北海道札幌市中央区北３条西６丁目１番５０号'), ('札幌市中央区北3条西6-1-50'), ('佐賀市本庄町大字本庄２６９番地１'),
  ('福井市和田２－１００６'), ('札幌市豊平区平岸三丁目５番'), ('旭川市１条通１０丁目ー１'), ('　')) AS t(v);

-- a bureau sheet as xlsx2csv writes it: an as-of line, the header,
-- continuation rows with the PCU's beds, a prefecture code and an
-- institution number written as numbers (leading zeros lost), a row
-- repeated exactly, an institution without filings, an unmapped fee item
\set sheet_a '\n[令和７年９月１日 現在 ]令和７年９月２日作成,,,,,,,,,,,,,,,,,,,,,,,\n,,,,,,,,,,,,,,,,,,,,,,,\n項番,都道府県コード,都道府県名,区分,医療機関番号,併設医療機関番号,医療機関記号番号,医療機関名称,医療機関所在地（郵便番号）,医療機関所在地（住所）,電話番号,FAX番号,病床数,受理届出名称,受理記号,受理番号,算定開始年月日,個別有効開始年月日,備考（見出し）,備考（データ）,市町村コード,市町村名,種別コード,種別\n1,01,北海道,医科,0110001,,,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,,一般　　120,緩和ケア病棟入院料１,緩１,第１号,令和 2年 4月 1日,,,,,,,\n1,01,北海道,医科,0110001,,,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,,一般　　120,緩和ケア病棟入院料１,緩１,第１号,令和 2年 4月 1日,,当該病棟総数　病床数①,２０床,,,,\n1,01,北海道,医科,0110001,,,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,,一般　　120,緩和ケア診療加算,緩診,第５号,平成30年 4月 1日,,,,,,,\n1,01,北海道,医科,0110001,,,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,,一般　　120,がん性疼痛緩和指導管理料,がん疼,第10号,令和元年 6月 1日,,,,,,,\n2,1,北海道,医科,110002,,,試験在宅クリニック,0600002,札幌市中央区北２条西２丁目２－２,011-000-0002,,,別添1の「第9」の1の(2)に規定する在宅療養支援診療所,支援診2,第3号,令和 6年 6月 1日,,,,,,,\n2,1,北海道,医科,110002,,,試験在宅クリニック,0600002,札幌市中央区北２条西２丁目２－２,011-000-0002,,,別添1の「第9」の1の(2)に規定する在宅療養支援診療所,支援診2,第3号,令和 6年 6月 1日,,,,,,,\n3,01,北海道,医科,0110003,,,届出のない診療所,060-0003,札幌市中央区北３条西３丁目,011-000-0003,,,,,,,,,,,,,\n4,01,北海道,医科,0110004,,,試験内科医院,060-0004,札幌市中央区北４条西４丁目,011-000-0004,,,ニコチン依存症管理料,ニコ,第99号,昭和58年 8月 1日,,,,,,,\n'
SELECT "row", as_of, prefecture_code, institution_no, institution_name, postal_code, address, beds_total,
       filed_name, abbreviation, acceptance_no, start_date, remark_heading, remark_value
FROM palliative.filing_rows(:'sheet_a', 'test_01_ika.xlsx', 'Sheet1');

-- import: all rows checked, continuation rows merged, history kept
CREATE VIEW pg_temp.state AS
SELECT (SELECT md5(coalesce(string_agg(f::text, '|' ORDER BY f.id), '')) FROM palliative.filing AS f) AS filings,
       (SELECT md5(coalesce(string_agg(concat_ws(',', i.id, i.source_file, i.sheet, i.layout, i.scope, i.rows, i.filings), '|' ORDER BY i.id), ''))
          FROM palliative.filing_import AS i) AS imports,
       (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.import_id, p.prefecture_code), ''))
          FROM palliative.filing_import_prefecture AS p) AS prefs,
       (SELECT md5(coalesce(string_agg(concat_ws(',', l.prefecture_code, l.institution_no, l.status, l.method, l.facility_id), '|'
                                       ORDER BY l.prefecture_code, l.institution_no), ''))
          FROM palliative.filing_link AS l) AS links,
       (SELECT md5(coalesce(string_agg(concat_ws(',', f.id, f.name, f.capabilities::text, f.pcu_beds, public.ST_AsText(f.geom)), '|' ORDER BY f.id), ''))
          FROM palliative.facility AS f) AS facilities,
       (SELECT md5(coalesce(string_agg(concat_ws(',', c.facility_id, c.capability, c.kind, c.filing_id, c.valid_until), '|' ORDER BY c.id), ''))
          FROM palliative.capability_source AS c) AS provenance,
       (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) FROM palliative.source_coverage AS c) AS coverage;
SELECT * FROM palliative.import_filings(:'sheet_a', 'test_01_ika.xlsx', 'Sheet1');
SELECT id, source_file, sheet, layout, scope, rows, filings, repeated_rows, empty_institutions FROM palliative.filing_import;
SELECT institution_no, institution_name, filed_name, acceptance_no, start_date, fee_item, pcu_wards, pcu_beds,
       remarks, first_as_of, as_of, end_date, source_row
FROM palliative.filing ORDER BY id;
-- the same list again changes nothing
CREATE TEMP TABLE before AS SELECT * FROM pg_temp.state;
SELECT * FROM palliative.import_filings(:'sheet_a', 'test_01_ika.xlsx', 'Sheet1');
SELECT (SELECT s FROM pg_temp.state s) = (SELECT b FROM before b) AS unchanged;

-- a month later: the cancer pain filing is gone, comprehensive home cancer care is new
\set sheet_b '[令和７年１０月１日 現在 ]\n項番,都道府県コード,都道府県名,区分,医療機関番号,医療機関名称,医療機関所在地（郵便番号）,医療機関所在地（住所）,電話番号,病床数,受理届出名称,受理記号,受理番号,算定開始年月日,備考（見出し）,備考（データ）\n1,01,北海道,医科,0110001,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,一般　　120,緩和ケア病棟入院料１,緩１,第１号,令和 2年 4月 1日,,\n1,01,北海道,医科,0110001,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,一般　　120,緩和ケア病棟入院料１,緩１,第１号,令和 2年 4月 1日,当該病棟総数　病床数①,２２床\n1,01,北海道,医科,0110001,医療法人　試験会　札幌試験病院,060-0001,札幌市中央区北１条西１丁目１番１号,011-000-0001,一般　　120,緩和ケア診療加算,緩診,第５号,平成30年 4月 1日,,\n2,01,北海道,医科,0110002,試験在宅クリニック,060-0002,札幌市中央区北２条西２丁目２－２,011-000-0002,,別添1の「第9」の1の(2)に規定する在宅療養支援診療所,支援診2,第3号,令和 6年 6月 1日,,\n2,01,北海道,医科,0110002,試験在宅クリニック,060-0002,札幌市中央区北２条西２丁目２－２,011-000-0002,,在宅がん医療総合診療料,在総,第7号,令和 7年 9月 1日,,\n4,01,北海道,医科,0110004,試験内科医院,060-0004,札幌市中央区北４条西４丁目,011-000-0004,,ニコチン依存症管理料,ニコ,第99号,昭和58年 8月 1日,,\n'
SELECT * FROM palliative.import_filings(:'sheet_b', 'test_01_ika_2025-10.xlsx', 'Sheet1');
SELECT institution_no, filed_name, acceptance_no, fee_item, pcu_beds, first_as_of, as_of, end_date,
       first_import_id, last_import_id, end_import_id
FROM palliative.filing ORDER BY id;

-- the normalized CSV (palliative fee items only): Saga, and Hokkaido again
\set csv_c 'pref_code,pref_name,category,standard_name,standard_abbrev,inst_code10,inst_code7,name,postal_code,address,beds_total_text,unit_wards,unit_beds,remarks,acceptance_no,start_date,as_of,source_file\n41,佐賀県,緩和ケア病棟入院料,緩和ケア病棟入院料2,緩2,4110117183,0117183,なゆたの森病院,840-0027,佐賀市本庄町大字本庄269番地1,一般 105/療養 60,,20,当該病棟総数 2/1(%)=50%,第2号,2018-10-01,2025-10-01,r7_10_shisetsu_saga_ika_02.xlsx\n41,佐賀県,在宅療養支援診療所,別添1の「第9」の1の(3)に規定する在宅療養支援診療所,支援診3,4110100001,0100001,"試験クリニック ""佐賀""",840-0001,佐賀市試験町1-1,,,,,第12号,2024-06-01,2025-10-01,r7_10_shisetsu_saga_ika_02.xlsx\n01,北海道,緩和ケア病棟入院料,緩和ケア病棟入院料1,緩1,0110110001,0110001,医療法人 試験会 札幌試験病院,060-0001,札幌市中央区北1条西1丁目1番1号,一般 120,,,,第1号,2020-04-01,2025-11-01,000415636.xlsx\n'
SELECT * FROM palliative.import_filings(:'csv_c', 'filings_test.csv');
-- the CSV covers the mapped fee items only: the unmapped filing of prefecture 01 stays current
SELECT prefecture_code, institution_no, filed_name, pcu_beds, remarks, first_as_of, as_of, end_date, source_file, source_row
FROM palliative.filing ORDER BY id;
SELECT prefecture_code, count(*) FILTER (WHERE end_date IS NULL) AS current, count(*) FILTER (WHERE end_date IS NOT NULL) AS ended
FROM palliative.filing GROUP BY 1 ORDER BY 1;

-- bad input: each is an error naming the file, sheet, row and value, and changes nothing
DROP TABLE before;
CREATE TEMP TABLE before AS SELECT * FROM pg_temp.state;
CREATE TEMP TABLE bad_input (name text, content text, sheet text);
INSERT INTO bad_input VALUES
 ('an older list', replace(:'sheet_a', '９月２日作成', '９月３日作成'), 'Sheet1'),
 ('a date that is not a date', replace(:'sheet_b', '令和 7年 9月 1日', '令和 7年 9月31日'), 'Sheet1'),
 ('an era date before its era', replace(:'sheet_b', '令和 7年 9月 1日', '令和元年 4月 1日'), 'Sheet1'),
 ('an as-of line that is not a date', replace(:'sheet_b', '令和７年１０月１日', '令和７年１３月１日'), 'Sheet1'),
 ('no as-of line', replace(:'sheet_b', '[令和７年１０月１日 現在 ]', ''), 'Sheet1'),
 ('a missing column', replace(:'sheet_b', ',算定開始年月日,', ',開始日,'), 'Sheet1'),
 ('another layout', E'氏名,住所\n山田,札幌\n', 'Sheet1'),
 ('an empty sheet', '', 'Sheet1'),
 ('a sheet of blank rows', E',,,\n,,,\n', 'Sheet1'),
 ('a header without rows', split_part(:'sheet_b', E'\n1,', 1), 'Sheet1'),
 ('a prefecture code that does not exist', replace(:'sheet_b', '2,01,北海道', '2,48,北海道'), 'Sheet1'),
 ('a prefecture name that does not match', replace(:'sheet_b', '2,01,北海道', '2,01,青森県'), 'Sheet1'),
 ('an institution number of 8 digits', replace(:'sheet_b', '0110004', '01100044'), 'Sheet1'),
 ('a bad postal code', replace(:'sheet_b', '060-0004', '060-00O4'), 'Sheet1'),
 ('a bad acceptance number', replace(:'sheet_b', '第99号', '第九十九号'), 'Sheet1'),
 ('an empty institution name', replace(:'sheet_b', '試験内科医院', ''), 'Sheet1'),
 ('a PCU bed count that is not a count', replace(:'sheet_b', '２２床', '床数不明'), 'Sheet1'),
 ('a duplicate acceptance number', :'sheet_b' || E'5,01,北海道,医科,0110002,試験在宅クリニック,060-0002,札幌市中央区北２条西２丁目２－２,011-000-0002,,在宅がん医療総合診療料,在総,第7号,令和 7年 9月 1日,,\n', 'Sheet1'),
 ('a duplicate with another start date', replace(:'sheet_b', E'令和 6年 6月 1日,,\n2', E'令和 6年 6月 1日,,\n2,01,北海道,医科,0110002,試験在宅クリニック,060-0002,札幌市中央区北２条西２丁目２－２,011-000-0002,,別添1の「第9」の1の(2)に規定する在宅療養支援診療所,支援診2,第3号,令和 6年 7月 1日,,\n2'), 'Sheet1'),
 ('an unterminated quote', :'sheet_b' || E'6,01,"北海道\n', 'Sheet1'),
 ('a CSV with a missing column', replace(:'csv_c', ',start_date,', ',start,'), NULL),
 ('a CSV with a fee item that does not match', replace(:'csv_c', '41,佐賀県,緩和ケア病棟入院料,', '41,佐賀県,緩和ケア診療加算,'), NULL),
 ('a CSV with an unknown fee item', replace(:'csv_c', '41,佐賀県,緩和ケア病棟入院料,緩和ケア病棟入院料2', '41,佐賀県,療養病棟入院基本料,療養病棟入院基本料'), NULL),
 ('a CSV with two as-of dates for a prefecture', replace(:'csv_c', '2024-06-01,2025-10-01', '2024-06-01,2025-11-01'), NULL),
 ('a CSV with a bad 10-digit code', replace(:'csv_c', '4110117183', '4110117184'), NULL),
 ('a CSV with remarks without =', replace(:'csv_c', '当該病棟総数 2/1(%)=50%', '当該病棟総数 50%'), NULL),
 ('a CSV with a bad as-of date', replace(:'csv_c', '2025-11-01', '2025-11-31'), NULL),
 ('a CSV with a bad unit bed count', replace(:'csv_c', ',,20,', ',,二十,'), NULL);
SELECT b.name,
       pg_temp.try(format('SELECT * FROM palliative.import_filings(%L, %L, %L)', b.content,
                          CASE WHEN b.sheet IS NULL THEN 'filings_bad.csv' ELSE 'test_bad.xlsx' END, b.sheet)) AS error,
       (SELECT s FROM pg_temp.state s) = (SELECT x FROM before x) AS unchanged
FROM bad_input AS b;
SELECT pg_temp.try('SELECT * FROM palliative.import_filings(NULL, ''x.csv'')');
-- the refusal of an older list says what to do
CREATE FUNCTION pg_temp.try_hint(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    h text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ' ' || SQLERRM || ' HINT: ' || h;
END
$$;
SELECT pg_temp.try_hint(format('SELECT * FROM palliative.import_filings(%L, %L, %L)',
                               replace(:'sheet_a', '９月２日作成', '９月３日作成'), 'test_01_ika.xlsx', 'Sheet1'));
SELECT (SELECT s FROM pg_temp.state s) = (SELECT x FROM before x) AS unchanged;
