-- @area Importing filings
-- palliative.import_filings(content, source_file, sheet) imports one
-- filing list in one transaction: it reads and checks every row
-- (palliative.filing_rows), groups continuation rows into their filing,
-- refuses duplicates and lists older than what is already imported, and
-- only then writes.  The command palliative-filings (installed with the
-- extension) does the same for bureau workbooks as published (.xlsx, read
-- with xlsx2csv) and CSV files, one transaction and one progress line per
-- file.

-- the rows of a list grouped into filings, checked (temporary tables of the session)
CREATE FUNCTION palliative.filing_stage(content text, source_file text, sheet text)
    RETURNS TABLE (layout text, rows bigint, filings bigint, repeated_rows bigint, empty_institutions bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad record;
    place text;
BEGIN
    place := CASE WHEN sheet IS NULL THEN source_file || ', line ' ELSE source_file || ', sheet ' || sheet || ', row ' END;
    IF to_regclass('pg_temp.palliative_filing_row') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_filing_row, pg_temp.palliative_filing_new;
    END IF;
    CREATE TEMP TABLE palliative_filing_row ON COMMIT DROP AS
    SELECT * FROM palliative.filing_rows(content, source_file, sheet);

    -- continuation rows join the filing they repeat (bureau layout); in the
    -- normalized layout every row is a filing of its own
    CREATE TEMP TABLE palliative_filing_new ON COMMIT DROP AS
    WITH r AS (
        SELECT fr.*,
               CASE WHEN fr.layout = 'normalized' THEN fr."row"
                    ELSE row_number() OVER (ORDER BY fr."row")
                       - row_number() OVER (PARTITION BY fr.prefecture_code, fr.institution_no, fr.filed_name, fr.acceptance_no
                                            ORDER BY fr."row") END AS run,
               (fr.remark_heading IS NOT NULL OR fr.remark_value IS NOT NULL) AS has_remark
        FROM pg_temp.palliative_filing_row AS fr
        WHERE fr.filed_name IS NOT NULL
    )
    SELECT r.prefecture_code, r.institution_no, r.filed_name, r.acceptance_no, r.run,
           min(r."row") AS first_row, max(r."row") AS last_row,
           count(DISTINCT r.start_date) AS start_dates,
           min(r.start_date) AS start_date, max(r.start_date) AS other_start_date,
           (array_agg(r.layout ORDER BY r."row"))[1] AS layout,
           (array_agg(r.as_of ORDER BY r."row"))[1] AS as_of,
           (array_agg(r.institution_name ORDER BY r."row"))[1] AS institution_name,
           (array_agg(r.postal_code ORDER BY r."row"))[1] AS postal_code,
           (array_agg(r.address ORDER BY r."row"))[1] AS address,
           (array_agg(r.phone ORDER BY r."row"))[1] AS phone,
           (array_agg(r.beds_text ORDER BY r."row"))[1] AS beds_text,
           (array_agg(r.beds_total ORDER BY r."row"))[1]::integer AS beds_total,
           (array_agg(r.abbreviation ORDER BY r."row"))[1] AS abbreviation,
           (array_agg(r.category ORDER BY r."row"))[1] AS category,
           (array_agg(r.unit_wards ORDER BY r."row"))[1] AS unit_wards,
           (array_agg(r.unit_beds ORDER BY r."row"))[1] AS unit_beds,
           (array_agg(r.remarks ORDER BY r."row"))[1] AS remarks_text,
           coalesce(jsonb_agg(jsonb_build_object('heading', r.remark_heading, 'value', r.remark_value)
                              ORDER BY r."row") FILTER (WHERE r.has_remark), '[]'::jsonb) AS remarks,
           coalesce(array_agg(r."row" ORDER BY r."row") FILTER (WHERE r.has_remark), '{}') AS remark_rows,
           greatest(count(*) FILTER (WHERE NOT r.has_remark) - 1, 0) AS repeated,
           NULL::integer AS fee_item_id, NULL::text AS fee_item, false AS pcu_unit,
           NULL::integer AS pcu_wards, NULL::integer AS pcu_beds
    FROM r
    GROUP BY r.prefecture_code, r.institution_no, r.filed_name, r.acceptance_no, r.run;

    -- one filing, one start date
    SELECT n.* INTO bad FROM pg_temp.palliative_filing_new AS n WHERE n.start_dates > 1 ORDER BY n.first_row LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%-%: duplicate acceptance number: the rows of % of institution % (%) give start dates % and %',
            place || bad.first_row, bad.last_row, bad.acceptance_no, bad.institution_no, bad.filed_name,
            bad.start_date, bad.other_start_date
            USING ERRCODE = '23505',
                  HINT = 'Rows of one filing (institution, filed name and acceptance number) must agree; a list holds each acceptance number once.';
    END IF;
    -- one filing appears in one place of the list
    SELECT a.first_row AS row1, b.first_row AS row2, a.acceptance_no, a.institution_no, a.filed_name INTO bad
    FROM pg_temp.palliative_filing_new AS a
    JOIN pg_temp.palliative_filing_new AS b
      ON b.prefecture_code = a.prefecture_code AND b.institution_no = a.institution_no
     AND b.filed_name = a.filed_name AND b.acceptance_no = a.acceptance_no AND b.first_row > a.first_row
    ORDER BY b.first_row LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: duplicate acceptance number % of institution % (%), first at %',
            place || bad.row2, bad.acceptance_no, bad.institution_no, bad.filed_name,
            CASE WHEN sheet IS NULL THEN 'line ' ELSE 'row ' END || bad.row1
            USING ERRCODE = '23505',
                  HINT = 'A list holds each filing (institution, filed name and acceptance number) once.';
    END IF;

    RETURN QUERY
    SELECT (SELECT fr.layout FROM pg_temp.palliative_filing_row AS fr LIMIT 1),
           (SELECT count(*) FROM pg_temp.palliative_filing_row),
           (SELECT count(*) FROM pg_temp.palliative_filing_new),
           (SELECT coalesce(sum(n.repeated), 0)::bigint FROM pg_temp.palliative_filing_new AS n),
           (SELECT count(*) FROM pg_temp.palliative_filing_row AS fr WHERE fr.filed_name IS NULL);
END
$$;
COMMENT ON FUNCTION palliative.filing_stage(text, text, text) IS
'Step of import_filings: reads a list with filing_rows into the session''s temporary table pg_temp.palliative_filing_row, groups continuation rows into their filing in pg_temp.palliative_filing_new, and refuses (23505) a filing (institution, filed name, acceptance number) listed twice or with two start dates. Returns the layout and counts. Writes nothing else.';

-- fee items, PCU wards and beds, as-of dates of the staged filings
CREATE FUNCTION palliative.filing_classify(source_file text, sheet text)
    RETURNS TABLE (prefecture_code text, as_of date)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad record;
    place text;
    n bigint;
BEGIN
    place := CASE WHEN sheet IS NULL THEN source_file || ', line ' ELSE source_file || ', sheet ' || sheet || ', row ' END;
    -- the mapping row of each filed name (lowest priority first)
    UPDATE pg_temp.palliative_filing_new AS t
       SET fee_item_id = m.id, fee_item = m.fee_item, pcu_unit = m.pcu_unit
      FROM (SELECT DISTINCT ON (d.filed_name) d.filed_name, c.id, c.fee_item, c.pcu_unit
              FROM (SELECT DISTINCT x.filed_name FROM pg_temp.palliative_filing_new AS x) AS d
              JOIN palliative.fee_item_capability AS c ON d.filed_name ~ c.filed_name_pattern
             ORDER BY d.filed_name, c.priority) AS m
     WHERE m.filed_name = t.filed_name;

    -- the normalized CSV names the fee item of each row: it must be the one the filed name maps to
    SELECT x.* INTO bad FROM pg_temp.palliative_filing_new AS x
    WHERE x.layout = 'normalized' AND x.category IS DISTINCT FROM x.fee_item
    ORDER BY x.first_row LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%, column category: fee item "%" does not match the filed name "%" (%)',
            place || bad.first_row, bad.category, bad.filed_name,
            CASE WHEN bad.fee_item IS NULL THEN 'which no row of palliative.fee_item_capability matches'
                 ELSE 'which is filed under ' || bad.fee_item END
            USING ERRCODE = '22P02',
                  HINT = 'The normalized CSV holds the fee items of palliative.fee_item_capability; its category column is the fee_item of the row the filed name (standard_name) matches.';
    END IF;

    -- remarks of the normalized CSV: "heading=value; heading=value"
    SELECT x.* INTO bad FROM pg_temp.palliative_filing_new AS x
    WHERE x.remarks_text IS NOT NULL
      AND EXISTS (SELECT 1 FROM regexp_split_to_table(x.remarks_text, ';\s*') AS p WHERE p <> '' AND strpos(p, '=') = 0)
    ORDER BY x.first_row LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%, column remarks: invalid remarks "%"', place || bad.first_row, bad.remarks_text
            USING ERRCODE = '22P02', HINT = 'Remarks are written heading=value, separated by semicolons.';
    END IF;
    UPDATE pg_temp.palliative_filing_new AS x
       SET remarks = (SELECT coalesce(jsonb_agg(jsonb_build_object('heading', btrim(split_part(p.v, '=', 1)),
                                                                   'value', btrim(substr(p.v, strpos(p.v, '=') + 1)))
                                                ORDER BY p.o), '[]'::jsonb)
                        FROM regexp_split_to_table(x.remarks_text, ';\s*') WITH ORDINALITY AS p(v, o)
                       WHERE p.v <> '')
     WHERE x.remarks_text IS NOT NULL;

    -- wards and beds of palliative care units: columns of the CSV, remarks of a workbook
    UPDATE pg_temp.palliative_filing_new AS x
       SET pcu_wards = x.unit_wards, pcu_beds = x.unit_beds
     WHERE x.pcu_unit AND x.layout = 'normalized';
    FOR bad IN
        SELECT x.first_row AS id, e.value->>'heading' AS heading, e.value->>'value' AS value,
               x.remark_rows[e.o] AS "row", e.o
        FROM pg_temp.palliative_filing_new AS x,
             jsonb_array_elements(x.remarks) WITH ORDINALITY AS e(value, o)
        WHERE x.pcu_unit AND x.layout = 'bureau'
          AND regexp_replace(coalesce(e.value->>'heading', ''), '\s', '', 'g') ~ '(病床数|病棟数)'
        ORDER BY x.first_row, e.o
    LOOP
        BEGIN
            n := palliative.jp_count(coalesce(bad.value, ''));
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE EXCEPTION '%, column 備考（データ）: invalid count "%" for "%"', place || bad."row", bad.value, bad.heading
                USING ERRCODE = '22P02', HINT = 'The wards and beds of a palliative care unit are written as counts, e.g. 20床.';
        END;
        IF regexp_replace(bad.heading, '\s', '', 'g') ~ '病床数' THEN
            UPDATE pg_temp.palliative_filing_new AS x SET pcu_beds = coalesce(x.pcu_beds, n::integer) WHERE x.first_row = bad.id;
        ELSE
            UPDATE pg_temp.palliative_filing_new AS x SET pcu_wards = coalesce(x.pcu_wards, n::integer) WHERE x.first_row = bad.id;
        END IF;
    END LOOP;

    -- one as-of date per prefecture
    SELECT x.prefecture_code, min(x.as_of) AS a, max(x.as_of) AS b INTO bad
    FROM pg_temp.palliative_filing_new AS x GROUP BY x.prefecture_code HAVING min(x.as_of) <> max(x.as_of)
    ORDER BY x.prefecture_code LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: prefecture % is listed as of two dates, % and %', source_file, bad.prefecture_code, bad.a, bad.b
            USING ERRCODE = '22P02', HINT = 'A list describes each prefecture on one as-of date; split it into one file per date.';
    END IF;
    RETURN QUERY SELECT x.prefecture_code, min(x.as_of) FROM pg_temp.palliative_filing_new AS x
                 GROUP BY x.prefecture_code ORDER BY x.prefecture_code;
END
$$;
COMMENT ON FUNCTION palliative.filing_classify(text, text) IS
'Step of import_filings: gives each staged filing its row of fee_item_capability, checks the normalized CSV''s category against it (22P02), reads the remarks and the wards and beds of palliative care units (22P02 naming the row for a count that does not parse), and returns the as-of date of each prefecture (one per prefecture, else 22P02).';

CREATE FUNCTION palliative.import_filings(content text, source_file text, sheet text DEFAULT NULL)
    RETURNS TABLE (import_id bigint, prefecture_code text, as_of date, status text, filings integer,
                   started integer, updated integer, unchanged integer, ended integer,
                   institutions bigint, linked bigint, placed bigint, ambiguous bigint, unplaced bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    digest text;
    prev bigint;
    st record;
    old record;
    imp bigint;
    scope text;
BEGIN
    IF content IS NULL OR source_file IS NULL THEN
        RAISE EXCEPTION 'import_filings needs the content and the source file name' USING ERRCODE = '22004';
    END IF;
    -- one import at a time, so that as-of dates are compared with what is committed
    PERFORM pg_advisory_xact_lock(hashtext('palliative.import_filings'));
    digest := md5(content);
    SELECT i.id INTO prev FROM palliative.filing_import AS i WHERE i.content_md5 = digest;
    IF FOUND THEN
        RETURN QUERY
        SELECT p.import_id, p.prefecture_code, p.as_of, 'already imported'::text, p.filings, 0, 0, p.filings, 0,
               count(l.*), count(*) FILTER (WHERE l.status = 'linked'), count(*) FILTER (WHERE l.status = 'placed'),
               count(*) FILTER (WHERE l.status = 'ambiguous'), count(*) FILTER (WHERE l.status = 'unplaced')
        FROM palliative.filing_import_prefecture AS p
        LEFT JOIN palliative.filing_link AS l ON l.prefecture_code = p.prefecture_code
        WHERE p.import_id = prev
        GROUP BY p.import_id, p.prefecture_code, p.as_of, p.filings ORDER BY p.prefecture_code;
        RETURN;
    END IF;

    SELECT * INTO st FROM palliative.filing_stage(content, source_file, sheet);
    CREATE TEMP TABLE IF NOT EXISTS palliative_filing_pref (prefecture_code text, as_of date) ON COMMIT DROP;
    TRUNCATE pg_temp.palliative_filing_pref;
    INSERT INTO pg_temp.palliative_filing_pref SELECT * FROM palliative.filing_classify(source_file, sheet);

    -- never older than what is imported
    SELECT p.prefecture_code, p.as_of, l.latest INTO old
    FROM pg_temp.palliative_filing_pref AS p
    JOIN (SELECT ip.prefecture_code, max(ip.as_of) AS latest FROM palliative.filing_import_prefecture AS ip
          GROUP BY ip.prefecture_code) AS l ON l.prefecture_code = p.prefecture_code
    WHERE p.as_of < l.latest ORDER BY p.prefecture_code LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: the filings of prefecture % are already imported as of %, later than this list (as of %)',
            source_file, old.prefecture_code, old.latest, old.as_of
            USING ERRCODE = '55000',
                  DETAIL = 'Importing an older list would end the filings added since.',
                  HINT = 'Import the lists of a prefecture in the order of their as-of dates. To rebuild its history, delete its rows from palliative.filing and palliative.filing_import_prefecture and import its lists from the oldest.';
    END IF;

    scope := CASE st.layout WHEN 'bureau' THEN 'all' ELSE 'mapped' END;
    INSERT INTO palliative.filing_import (source_file, sheet, layout, scope, content_md5, rows, filings,
                                          repeated_rows, empty_institutions)
    VALUES (import_filings.source_file, import_filings.sheet, st.layout, scope, digest, st.rows, st.filings,
            st.repeated_rows, st.empty_institutions)
    RETURNING id INTO imp;

    IF to_regclass('pg_temp.palliative_import_result') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_import_result, pg_temp.palliative_link_result;
    END IF;
    CREATE TEMP TABLE palliative_import_result ON COMMIT DROP AS SELECT * FROM palliative.filing_apply(imp, scope);
    -- link and place the institutions of the prefectures, and give their facilities the filings' capabilities
    CREATE TEMP TABLE palliative_link_result ON COMMIT DROP AS
    SELECT * FROM palliative.link_filings(ARRAY(SELECT r.prefecture_code FROM pg_temp.palliative_import_result AS r));
    -- fresh statistics: an import can multiply the size of these tables, and
    -- plans made for their old sizes made the next refresh() take minutes
    -- instead of seconds (the views that decide which capabilities count
    -- read them)
    ANALYZE palliative.filing, palliative.filing_link, palliative.capability_source,
            palliative.source_coverage, palliative.facility;
    RETURN QUERY
    SELECT r.import_id, r.prefecture_code, r.as_of, r.status, r.filings, r.started, r.updated, r.unchanged, r.ended,
           coalesce(k.institutions, 0), coalesce(k.linked, 0), coalesce(k.placed, 0), coalesce(k.ambiguous, 0),
           coalesce(k.unplaced, 0)
    FROM pg_temp.palliative_import_result AS r
    LEFT JOIN pg_temp.palliative_link_result AS k ON k.prefecture_code = r.prefecture_code
    ORDER BY r.prefecture_code;
END
$$;
COMMENT ON FUNCTION palliative.import_filings(text, text, text) IS
'Imports one filing list: content is a bureau workbook''s sheet as CSV text (sheet names it) or the normalized CSV (sheet NULL), read as palliative.filing_rows reads it; source_file names it in palliative.filing and in messages. All or nothing: every row is checked first (22007 dates, 42703 missing columns, 22P02 other values, 23505 a filing listed twice, each naming the file, sheet and row), then the filings are written: new ones start, current ones seen again are updated (as_of, details), and current filings of the list''s prefectures that it no longer holds (within its scope: every fee item for a bureau list, the mapped fee items for the normalized CSV) end on its as-of date. A list older than the one already imported for a prefecture is refused (55000, with a hint); the same content imported again changes nothing (status ''already imported''). Then links and places the institutions of its prefectures (palliative.link_filings), which gives their facilities the filings'' capabilities. Then analyses the tables it changed (filing, filing_link, capability_source, source_coverage, facility), so that a refresh after an import is planned for their new sizes. One row per prefecture: import id, as-of date, status, the filings listed, started, updated, unchanged and ended, and the institutions with mapped filings, linked to a facility, placed at their municipality, ambiguous and unplaced. Concurrent imports run one after the other. Needs a UTF8 database. For one file from the server''s disk: SELECT * FROM palliative.import_filings(pg_read_file(''/path/filings.csv''), ''filings.csv'').';

CREATE FUNCTION palliative.filing_apply(imp bigint, scope text)
    RETURNS TABLE (import_id bigint, prefecture_code text, as_of date, status text, filings integer,
                   started integer, updated integer, unchanged integer, ended integer)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    src record;
BEGIN
    SELECT i.source_file, i.sheet INTO src FROM palliative.filing_import AS i WHERE i.id = imp;
    IF to_regclass('pg_temp.palliative_filing_match') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_filing_match;
    END IF;
    -- details a list does not give (a column its layout lacks, empty remarks) keep their earlier value
    CREATE TEMP TABLE palliative_filing_match ON COMMIT DROP AS
    SELECT f.id AS filing_id, n.first_row, n.as_of, n.institution_name, n.address, n.start_date,
           n.fee_item_id, n.fee_item,
           coalesce(n.postal_code, f.postal_code) AS postal_code, coalesce(n.phone, f.phone) AS phone,
           coalesce(n.beds_text, f.beds_text) AS beds_text, coalesce(n.beds_total, f.beds_total) AS beds_total,
           coalesce(n.abbreviation, f.abbreviation) AS abbreviation,
           CASE WHEN n.remarks = '[]'::jsonb THEN f.remarks ELSE n.remarks END AS remarks,
           coalesce(n.pcu_wards, f.pcu_wards) AS pcu_wards, coalesce(n.pcu_beds, f.pcu_beds) AS pcu_beds,
           f AS old
    FROM pg_temp.palliative_filing_new AS n
    JOIN palliative.filing AS f
      ON f.end_date IS NULL AND f.prefecture_code = n.prefecture_code AND f.institution_no = n.institution_no
     AND f.filed_name = n.filed_name AND f.acceptance_no = n.acceptance_no;
    ALTER TABLE pg_temp.palliative_filing_match ADD COLUMN changed boolean;
    UPDATE pg_temp.palliative_filing_match AS m
       SET changed = ((m.old).institution_name, (m.old).postal_code, (m.old).address, (m.old).phone,
                      (m.old).beds_text, (m.old).abbreviation, (m.old).start_date, (m.old).remarks,
                      (m.old).fee_item_id, (m.old).pcu_wards, (m.old).pcu_beds)
                     IS DISTINCT FROM
                     (m.institution_name, m.postal_code, m.address, m.phone, m.beds_text, m.abbreviation,
                      m.start_date, m.remarks, m.fee_item_id, m.pcu_wards, m.pcu_beds);

    -- seen again
    UPDATE palliative.filing AS f
       SET institution_name = m.institution_name, postal_code = m.postal_code, address = m.address,
           phone = m.phone, beds_text = m.beds_text, beds_total = m.beds_total, abbreviation = m.abbreviation,
           start_date = m.start_date, remarks = m.remarks, fee_item_id = m.fee_item_id, fee_item = m.fee_item,
           pcu_wards = m.pcu_wards, pcu_beds = m.pcu_beds, as_of = greatest(f.as_of, m.as_of),
           source_file = src.source_file, sheet = src.sheet, source_row = m.first_row, last_import_id = imp
      FROM pg_temp.palliative_filing_match AS m
     WHERE f.id = m.filing_id;

    -- new
    INSERT INTO palliative.filing
        (prefecture_code, institution_no, institution_name, postal_code, address, phone, beds_text, beds_total,
         filed_name, abbreviation, acceptance_no, start_date, remarks, fee_item_id, fee_item, pcu_wards, pcu_beds,
         first_as_of, as_of, source_file, sheet, source_row, first_import_id, last_import_id)
    SELECT n.prefecture_code, n.institution_no, n.institution_name, n.postal_code, n.address, n.phone,
           n.beds_text, n.beds_total, n.filed_name, n.abbreviation, n.acceptance_no, n.start_date, n.remarks,
           n.fee_item_id, n.fee_item, n.pcu_wards, n.pcu_beds, n.as_of, n.as_of, src.source_file, src.sheet,
           n.first_row, imp, imp
    FROM pg_temp.palliative_filing_new AS n
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.palliative_filing_match AS m WHERE m.first_row = n.first_row)
    ORDER BY n.first_row;

    -- gone: ended on the list's as-of date
    UPDATE palliative.filing AS f
       SET end_date = p.as_of, end_import_id = imp
      FROM pg_temp.palliative_filing_pref AS p
     WHERE f.prefecture_code = p.prefecture_code AND f.end_date IS NULL AND f.as_of < p.as_of
       AND (scope = 'all' OR f.fee_item_id IS NOT NULL);

    INSERT INTO palliative.filing_import_prefecture
        (import_id, prefecture_code, as_of, filings, started, updated, unchanged, ended)
    SELECT imp, p.prefecture_code, p.as_of,
           (SELECT count(*) FROM pg_temp.palliative_filing_new AS n WHERE n.prefecture_code = p.prefecture_code),
           (SELECT count(*) FROM palliative.filing AS f WHERE f.first_import_id = imp AND f.prefecture_code = p.prefecture_code),
           (SELECT count(*) FROM pg_temp.palliative_filing_match AS m JOIN palliative.filing AS f ON f.id = m.filing_id
             WHERE m.changed AND f.prefecture_code = p.prefecture_code),
           (SELECT count(*) FROM pg_temp.palliative_filing_match AS m JOIN palliative.filing AS f ON f.id = m.filing_id
             WHERE NOT m.changed AND f.prefecture_code = p.prefecture_code),
           (SELECT count(*) FROM palliative.filing AS f WHERE f.end_import_id = imp AND f.prefecture_code = p.prefecture_code)
    FROM pg_temp.palliative_filing_pref AS p;

    RETURN QUERY
    SELECT ip.import_id, ip.prefecture_code, ip.as_of, 'imported'::text, ip.filings, ip.started, ip.updated,
           ip.unchanged, ip.ended
    FROM palliative.filing_import_prefecture AS ip WHERE ip.import_id = imp ORDER BY ip.prefecture_code;
END
$$;
COMMENT ON FUNCTION palliative.filing_apply(bigint, text) IS
'Step of import_filings: writes the staged filings of import imp into palliative.filing (start, update, end within scope all or mapped) and records per prefecture what changed. Called by import_filings only after every check passed.';
