-- @area Linking filings to facilities
-- The filings name institutions by number, name and postal address, without
-- coordinates.  palliative.link_filings() links each institution with
-- mapped filings to a facility of its prefecture (the hospitals of the
-- hospital list, say) by normalized name and address, stores every decision
-- with its method in palliative.filing_link, lists the ambiguous ones
-- instead of guessing, and makes the others facilities of their own, placed
-- at the municipality their address names.  The filings then give their
-- facilities capabilities with provenance (palliative.capability_source),
-- and each prefecture with filings is registered as covered by them
-- (palliative.source_coverage).  import_filings() runs it for the
-- prefectures it imported.

CREATE TABLE palliative.filing_link (
    prefecture_code   text NOT NULL CHECK (prefecture_code ~ '^[0-9]{2}$'),
    institution_no    text NOT NULL CHECK (institution_no ~ '^[0-9]{7}$'),
    institution_name  text NOT NULL,
    address           text NOT NULL,
    kind              palliative.facility_kind NOT NULL CHECK (kind IN ('hospital', 'clinic', 'pharmacy')),
    status            text NOT NULL CHECK (status IN ('linked', 'placed', 'ambiguous', 'unplaced')),
    method            text NOT NULL CHECK (method IN ('name_address', 'name_block', 'name_municipality', 'name',
                                                      'address', 'manual', 'population_weighted',
                                                      'point_on_surface', 'city', 'ambiguous', 'none')),
    facility_id       bigint REFERENCES palliative.facility (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    candidates        bigint[] NOT NULL DEFAULT '{}',
    municipality_code text CHECK (municipality_code ~ '^[0-9]{5}$'),
    reason            text,
    decided_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (prefecture_code, institution_no),
    CONSTRAINT filing_link_facility CHECK ((status IN ('linked', 'placed')) = (facility_id IS NOT NULL) OR method = 'manual')
);
CREATE INDEX filing_link_facility_idx ON palliative.filing_link (facility_id);
COMMENT ON TABLE palliative.filing_link IS
'How each institution with mapped filings was matched to a facility (a decision goes with its facility when the facility is deleted; link_filings decides again), one row per prefecture and institution number. status linked: a facility of its prefecture (never another) with method name_address (a shared name key and the same address, up to the house number), name_block (a shared name key and the same block), name_municipality (a shared name key in the same municipality, the only one), name (the only facility with a shared name key, where a municipality is unknown), address (the only hospital at the same full address, under a name at least 0.3 alike by jp_name_similarity) or manual (set by hand; kept by link_filings). status placed: no facility matched, so the institution is a facility of its own (source filings) at its municipality: population_weighted (the population-weighted centre of the municipality''s population cells), point_on_surface (a point inside its polygon, where no cells exist) or city (a designated city whose ward is newer than the polygons: the centre of the city''s people). status ambiguous: several facilities match equally, the only ones of that name are in other municipalities, or the only hospital at its address has a different name; candidates lists them and nothing is linked. status unplaced: no municipality could be read from the address; reason says why. To fix a decision by hand, set status linked, method manual and facility_id.';
COMMENT ON COLUMN palliative.filing_link.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.filing_link.institution_no IS 'Institution number (医療機関番号).';
COMMENT ON COLUMN palliative.filing_link.institution_name IS 'Institution name of its latest filing.';
COMMENT ON COLUMN palliative.filing_link.address IS 'Address of its latest filing.';
COMMENT ON COLUMN palliative.filing_link.kind IS 'hospital, clinic or pharmacy: from the fee items it files (some are for hospitals, clinics or pharmacies only), else 20 or more beds, else a name ending in 病院.';
COMMENT ON COLUMN palliative.filing_link.status IS 'linked, placed, ambiguous or unplaced.';
COMMENT ON COLUMN palliative.filing_link.method IS 'How it was decided (see the table).';
COMMENT ON COLUMN palliative.filing_link.facility_id IS 'The facility it is linked to or placed as; NULL when ambiguous or unplaced.';
COMMENT ON COLUMN palliative.filing_link.candidates IS 'Facilities considered: the ones that matched equally (ambiguous) or the one linked.';
COMMENT ON COLUMN palliative.filing_link.municipality_code IS 'Municipality its address names (N03 code), when found.';
COMMENT ON COLUMN palliative.filing_link.reason IS 'Why it is ambiguous or unplaced, in words.';
COMMENT ON COLUMN palliative.filing_link.decided_at IS 'When it was decided.';
COMMENT ON CONSTRAINT filing_link_facility ON palliative.filing_link IS 'Linked and placed rows name their facility, the others none (manual rows aside).';
COMMENT ON INDEX palliative.filing_link_facility_idx IS 'Institutions of a facility.';
SELECT pg_catalog.pg_extension_config_dump('palliative.filing_link', '');

ALTER TABLE palliative.capability_source
    ADD CONSTRAINT capability_source_filing_fk FOREIGN KEY (filing_id) REFERENCES palliative.filing (id) ON DELETE CASCADE;
COMMENT ON CONSTRAINT capability_source_filing_fk ON palliative.capability_source IS 'The filing a row comes from.';

-- the institutions of the prefectures, with their keys and municipality (temporary tables of the session)
CREATE FUNCTION palliative.filing_institutions(prefectures text[])
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
BEGIN
    IF to_regclass('pg_temp.palliative_inst') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_inst, pg_temp.palliative_mkey;
    END IF;
    CREATE TEMP TABLE palliative_inst ON COMMIT DROP AS
    WITH latest AS (
        SELECT DISTINCT ON (f.prefecture_code, f.institution_no)
               f.prefecture_code, f.institution_no, f.institution_name, f.address
        FROM palliative.filing AS f
        WHERE f.fee_item_id IS NOT NULL AND f.prefecture_code = ANY (prefectures)
        ORDER BY f.prefecture_code, f.institution_no, f.as_of DESC, f.id DESC
    ), kinds AS (
        SELECT f.prefecture_code, f.institution_no,
               bool_or(m.filer_kind = 'hospital') AS hospital_item, bool_or(m.filer_kind = 'clinic') AS clinic_item,
           bool_or(m.filer_kind = 'pharmacy') AS pharmacy_item,
               max(f.beds_total) AS beds
        FROM palliative.filing AS f
        JOIN palliative.fee_item_capability AS m ON m.id = f.fee_item_id
        WHERE f.prefecture_code = ANY (prefectures)
        GROUP BY f.prefecture_code, f.institution_no
    )
    SELECT l.prefecture_code, l.institution_no, l.institution_name, l.address,
           (CASE WHEN k.pharmacy_item THEN 'pharmacy' WHEN k.hospital_item THEN 'hospital' WHEN k.clinic_item THEN 'clinic'
                 WHEN k.beds >= 20 THEN 'hospital' WHEN l.institution_name ~ '病院$' THEN 'hospital'
                 ELSE 'clinic' END)::palliative.facility_kind AS kind,
           palliative.jp_name_keys(l.institution_name) AS keys,
           palliative.jp_address_key(l.address) AS akey,
           NULL::text AS municipality_code, NULL::text AS city
    FROM latest AS l JOIN kinds AS k USING (prefecture_code, institution_no);
    CREATE INDEX ON pg_temp.palliative_inst (prefecture_code, institution_no);

    -- the municipality the address names: the longest municipality name it starts
    -- with (after the prefecture, and with or without its county 郡); else the
    -- designated city (札幌市, 浜松市, ...) whose ward is not among the polygons
    CREATE TEMP TABLE palliative_mkey ON COMMIT DROP AS
    SELECT r.code, left(r.code, 2) AS pref, palliative.jp_address_key(r.name_ja) AS key,
           substring(palliative.jp_address_key(r.name_ja) FROM '^(.+?市).+区$') AS city
    FROM palliative.region AS r
    WHERE r.level = 'municipality' AND r.name_ja IS NOT NULL AND left(r.code, 2) = ANY (prefectures);
    CREATE INDEX ON pg_temp.palliative_mkey (pref, key);
    CREATE INDEX ON pg_temp.palliative_mkey (pref, city);
    ANALYZE pg_temp.palliative_mkey;
    UPDATE pg_temp.palliative_inst AS i SET municipality_code = m.code
      FROM (SELECT DISTINCT ON (x.prefecture_code, x.institution_no) x.prefecture_code, x.institution_no, mk.code
              FROM pg_temp.palliative_inst AS x
              CROSS JOIN LATERAL (VALUES (x.akey), (regexp_replace(x.akey, '^[^郡]{1,6}郡', ''))) AS a(k)
              CROSS JOIN LATERAL generate_series(2, least(16, length(a.k))) AS g(n)
              JOIN pg_temp.palliative_mkey AS mk ON mk.pref = x.prefecture_code AND mk.key = left(a.k, g.n)
             ORDER BY x.prefecture_code, x.institution_no, g.n DESC) AS m
     WHERE m.prefecture_code = i.prefecture_code AND m.institution_no = i.institution_no;
    UPDATE pg_temp.palliative_inst AS i SET city = m.city
      FROM (SELECT DISTINCT ON (x.prefecture_code, x.institution_no) x.prefecture_code, x.institution_no, mk.city
              FROM pg_temp.palliative_inst AS x
              CROSS JOIN LATERAL generate_series(2, least(8, length(x.akey))) AS g(n)
              JOIN pg_temp.palliative_mkey AS mk ON mk.pref = x.prefecture_code AND mk.city = left(x.akey, g.n)
             WHERE x.municipality_code IS NULL
             ORDER BY x.prefecture_code, x.institution_no, g.n DESC) AS m
     WHERE m.prefecture_code = i.prefecture_code AND m.institution_no = i.institution_no;
    ANALYZE pg_temp.palliative_inst;
    SELECT count(*) INTO n FROM pg_temp.palliative_inst;
    RETURN n;
END
$$;
COMMENT ON FUNCTION palliative.filing_institutions(text[]) IS
'Step of link_filings: the institutions with mapped filings in the prefectures, with their latest name and address, kind (hospital or clinic), name and address keys and the municipality their address names, in the session''s temporary table pg_temp.palliative_inst.';

-- how alike two institution names are
CREATE FUNCTION palliative.jp_name_similarity(a text, b text) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT coalesce(max(CASE WHEN length(k.x) >= 3 AND length(k.y) >= 3
                                          AND (right(k.x, length(k.y)) = k.y OR right(k.y, length(k.x)) = k.x)
                                     THEN 1.0
                                     ELSE (WITH g AS (
                                               SELECT DISTINCT 1 AS side, substr(k.x, i, 2) AS bigram
                                               FROM generate_series(1, length(k.x) - 1) AS i
                                               UNION
                                               SELECT DISTINCT 2, substr(k.y, i, 2) FROM generate_series(1, length(k.y) - 1) AS i),
                                           w AS (SELECT * FROM g WHERE g.bigram NOT IN
                                                     ('病院', '医院', '診療', '療所', 'クリ', 'リニ', 'ニッ', 'ック', 'セン', 'ンタ', 'ター'))
                                           SELECT CASE WHEN count(*) = 0 THEN 0
                                                       ELSE 2.0 * (SELECT count(*) FROM w AS w1 JOIN w AS w2
                                                                      ON w1.bigram = w2.bigram AND w1.side = 1 AND w2.side = 2)
                                                            / count(*) END
                                           FROM w) END), 0)::double precision
            FROM unnest(palliative.jp_name_keys(a)) AS kx(x), unnest(palliative.jp_name_keys(b)) AS ky(y),
                 LATERAL (SELECT kx.x, ky.y) AS k);
COMMENT ON FUNCTION palliative.jp_name_similarity(text, text) IS
'How alike two institution names are, from 0 to 1, over every pair of their name keys (jp_name_keys): 1 when one key ends with the other (at least three characters: 北越病院 and Ｍ＆Ｂコラボレーション北越病院), else the Dice coefficient of their character pairs, leaving out the pairs of the generic words 病院, 医院, 診療所, クリニック and センター. link_filings links a hospital found only by its address when its name is at least 0.3 alike.';

-- the link decision of each institution (temporary table of the session)
CREATE FUNCTION palliative.filing_decide(prefectures text[])
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF to_regclass('pg_temp.palliative_cand') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_fkey, pg_temp.palliative_cand, pg_temp.palliative_decision;
    END IF;
    -- facilities that can be linked to: hospitals and clinics of the prefectures not made from filings
    CREATE TEMP TABLE palliative_fkey ON COMMIT DROP AS
    SELECT f.id, coalesce(f.prefecture_code, left(f.municipality_code, 2)) AS pref, f.municipality_code, f.kind,
           k.key, palliative.jp_address_key(f.address) AS akey
    FROM palliative.facility AS f
    CROSS JOIN LATERAL unnest(palliative.jp_name_keys(f.name)) AS k(key)
    WHERE f.source <> 'filings' AND f.kind IN ('hospital', 'clinic', 'pharmacy')
      AND coalesce(f.prefecture_code, left(f.municipality_code, 2)) = ANY (prefectures);
    -- the municipality each facility's address names (as for the institutions)
    ALTER TABLE pg_temp.palliative_fkey ADD COLUMN amuni text;
    UPDATE pg_temp.palliative_fkey AS t SET amuni = m.code
      FROM (SELECT DISTINCT ON (x.id) x.id, mk.code
              FROM (SELECT DISTINCT fk.id, fk.pref, fk.akey FROM pg_temp.palliative_fkey AS fk) AS x
              CROSS JOIN LATERAL (VALUES (x.akey), (regexp_replace(x.akey, '^[^郡]{1,6}郡', ''))) AS a(k)
              CROSS JOIN LATERAL generate_series(2, least(16, length(a.k))) AS g(n)
              JOIN pg_temp.palliative_mkey AS mk ON mk.pref = x.pref AND mk.key = left(a.k, g.n)
             ORDER BY x.id, g.n DESC) AS m
     WHERE m.id = t.id;
    CREATE INDEX ON pg_temp.palliative_fkey (pref, key);
    CREATE INDEX ON pg_temp.palliative_fkey (pref, akey);
    ANALYZE pg_temp.palliative_fkey;

    -- candidates: a shared name key in the same prefecture; level of the
    -- address match: 3 same address (up to the house number), 2 same block,
    -- 1 same municipality (the one its address names, or the one its point
    -- lies in), 0 unknown, -1 another municipality
    CREATE TEMP TABLE palliative_cand ON COMMIT DROP AS
    SELECT i.prefecture_code, i.institution_no, fk.id AS facility_id,
           max(CASE WHEN i.akey = fk.akey OR starts_with(fk.akey, i.akey || '-') OR starts_with(i.akey, fk.akey || '-') THEN 3
                    WHEN split_part(i.akey, '-', 1) = split_part(fk.akey, '-', 1) AND split_part(i.akey, '-', 1) ~ '[0-9]$' THEN 2
                    WHEN i.municipality_code IN (fk.municipality_code, fk.amuni) THEN 1
                    WHEN i.municipality_code IS NULL OR (fk.municipality_code IS NULL AND fk.amuni IS NULL) THEN 0
                    ELSE -1 END) AS level
    FROM pg_temp.palliative_inst AS i
    CROSS JOIN LATERAL unnest(i.keys) AS k(key)
    JOIN pg_temp.palliative_fkey AS fk ON fk.pref = i.prefecture_code AND fk.key = k.key
     AND (fk.kind = 'pharmacy') = (i.kind = 'pharmacy')
    GROUP BY i.prefecture_code, i.institution_no, fk.id;
    CREATE INDEX ON pg_temp.palliative_cand (prefecture_code, institution_no);
    ANALYZE pg_temp.palliative_cand;

    CREATE TEMP TABLE palliative_decision ON COMMIT DROP AS
    WITH s AS (
        SELECT i.prefecture_code, i.institution_no, i.kind, i.akey, c.n, c.best,
               (SELECT array_agg(x.facility_id ORDER BY x.facility_id) FROM pg_temp.palliative_cand AS x
                 WHERE x.prefecture_code = i.prefecture_code AND x.institution_no = i.institution_no
                   AND coalesce(x.level, 0) = c.best) AS best_ids
        FROM pg_temp.palliative_inst AS i
        LEFT JOIN LATERAL (
            SELECT count(*) AS n, max(coalesce(x.level, 0)) AS best FROM pg_temp.palliative_cand AS x
            WHERE x.prefecture_code = i.prefecture_code AND x.institution_no = i.institution_no) AS c ON true
    ), a AS (
        -- no name matched: a hospital at the same full address, the only one,
        -- linked when its name is alike, else listed
        SELECT s.prefecture_code, s.institution_no, x.ids,
               (SELECT palliative.jp_name_similarity(i.institution_name, f.name)
                  FROM palliative.facility AS f WHERE f.id = x.ids[1]) AS alike,
               (SELECT f.name FROM palliative.facility AS f WHERE f.id = x.ids[1]) AS other_name
        FROM s
        JOIN pg_temp.palliative_inst AS i USING (prefecture_code, institution_no)
        CROSS JOIN LATERAL (
            SELECT array_agg(DISTINCT fk.id ORDER BY fk.id) AS ids FROM pg_temp.palliative_fkey AS fk
            WHERE fk.pref = s.prefecture_code AND fk.akey = s.akey AND fk.kind = 'hospital') AS x
        WHERE s.n = 0 AND s.kind = 'hospital' AND s.akey ~ '[0-9]'
    )
    SELECT s.prefecture_code, s.institution_no,
           CASE WHEN s.n > 0 AND s.best >= 1 AND cardinality(s.best_ids) = 1 THEN 'linked'
                WHEN s.n = 1 AND s.best = 0 THEN 'linked'
                WHEN s.n > 0 THEN 'ambiguous'
                WHEN cardinality(a.ids) = 1 AND a.alike >= 0.3 THEN 'linked'
                WHEN cardinality(a.ids) >= 1 THEN 'ambiguous'
                ELSE 'unlinked' END AS status,
           CASE WHEN s.n > 0 AND s.best >= 1 AND cardinality(s.best_ids) = 1
                THEN (ARRAY['name_municipality', 'name_block', 'name_address'])[s.best]
                WHEN s.n = 1 AND s.best = 0 THEN 'name'
                WHEN s.n > 0 THEN 'ambiguous'
                WHEN cardinality(a.ids) = 1 AND a.alike >= 0.3 THEN 'address'
                WHEN cardinality(a.ids) >= 1 THEN 'ambiguous'
                ELSE 'none' END AS method,
           CASE WHEN s.n > 0 THEN s.best_ids ELSE coalesce(a.ids, '{}') END AS candidates,
           CASE WHEN s.n = 1 AND s.best = -1
                THEN 'the only facility of its name in the prefecture is in another municipality'
                WHEN s.n > 1 AND s.best = -1
                THEN format('the %s facilities of its name in the prefecture are in other municipalities', s.n)
                WHEN s.n > 0 AND s.best >= 0 AND cardinality(s.best_ids) > 1
                THEN format('%s facilities match its name and address equally (%s)', cardinality(s.best_ids),
                            (ARRAY['name only', 'name and municipality', 'name and block', 'name and address'])[s.best + 1])
                WHEN s.n = 0 AND cardinality(a.ids) > 1
                THEN format('%s hospitals share its address and none its name', cardinality(a.ids))
                WHEN s.n = 0 AND cardinality(a.ids) = 1 AND a.alike < 0.3
                THEN format('the hospital at its address has another name: %s', a.other_name)
           END AS reason
    FROM s LEFT JOIN a USING (prefecture_code, institution_no);
END
$$;
COMMENT ON FUNCTION palliative.filing_decide(text[]) IS
'Step of link_filings: decides for each institution of pg_temp.palliative_inst whether it links to a facility of its prefecture (by name key and address level), is ambiguous (candidates listed) or is unlinked, in the session''s temporary table pg_temp.palliative_decision.';

-- where an unlinked institution is placed: a point that represents where the
-- people of its municipality live (temporary table of the session)
CREATE FUNCTION palliative.filing_place()
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF to_regclass('pg_temp.palliative_place') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_place;
    END IF;
    CREATE TEMP TABLE palliative_place ON COMMIT DROP AS
    WITH need AS (
        SELECT DISTINCT i.municipality_code AS code, NULL::text AS city, i.prefecture_code
        FROM pg_temp.palliative_inst AS i JOIN pg_temp.palliative_decision AS d USING (prefecture_code, institution_no)
        WHERE d.status = 'unlinked' AND i.municipality_code IS NOT NULL
        UNION
        SELECT DISTINCT NULL, i.city, i.prefecture_code
        FROM pg_temp.palliative_inst AS i JOIN pg_temp.palliative_decision AS d USING (prefecture_code, institution_no)
        WHERE d.status = 'unlinked' AND i.municipality_code IS NULL AND i.city IS NOT NULL
    ), member AS (
        -- the municipalities of each place: itself, or every ward of a city
        SELECT n.code, n.city, n.prefecture_code, mk.code AS muni
        FROM need AS n
        JOIN pg_temp.palliative_mkey AS mk
          ON mk.code = n.code OR (n.code IS NULL AND mk.pref = n.prefecture_code AND mk.city = n.city)
    ), people AS (
        -- population by municipality, in one pass: mesh cells, and every row
        SELECT p.municipality_code AS muni,
               sum(p.total) FILTER (WHERE p.mesh IS NOT NULL) AS cell_people,
               sum(public.ST_X(p.geom) * p.total) FILTER (WHERE p.mesh IS NOT NULL) AS cell_x,
               sum(public.ST_Y(p.geom) * p.total) FILTER (WHERE p.mesh IS NOT NULL) AS cell_y,
               sum(p.total) AS all_people, sum(public.ST_X(p.geom) * p.total) AS all_x,
               sum(public.ST_Y(p.geom) * p.total) AS all_y
        FROM palliative.population AS p
        WHERE p.total > 0 AND p.municipality_code IN (SELECT m.muni FROM member AS m)
        GROUP BY p.municipality_code
    ), w AS (
        SELECT m.code, m.city, m.prefecture_code, array_agg(m.muni ORDER BY m.muni) AS codes,
               public.ST_Union(r.geom) AS geom,
               CASE WHEN m.city IS NULL THEN sum(pp.cell_people) ELSE sum(pp.all_people) END AS people,
               CASE WHEN m.city IS NULL THEN sum(pp.cell_x) ELSE sum(pp.all_x) END AS sx,
               CASE WHEN m.city IS NULL THEN sum(pp.cell_y) ELSE sum(pp.all_y) END AS sy
        FROM member AS m
        LEFT JOIN palliative.region AS r ON r.code = m.muni
        LEFT JOIN people AS pp ON pp.muni = m.muni
        GROUP BY m.code, m.city, m.prefecture_code
    ), pt AS (
        SELECT w.code, w.city, w.prefecture_code, w.geom, w.codes,
               CASE WHEN w.people > 0 THEN public.ST_SetSRID(public.ST_MakePoint(w.sx / w.people, w.sy / w.people), 4326) END AS centre
        FROM w
    )
    SELECT pt.code, pt.city, pt.prefecture_code,
           CASE WHEN pt.geom IS NULL THEN NULL
                WHEN pt.centre IS NULL THEN public.ST_PointOnSurface(pt.geom)
                WHEN public.ST_Intersects(pt.geom, pt.centre) THEN pt.centre
                ELSE (SELECT p.geom FROM palliative.population AS p
                       WHERE p.municipality_code = ANY (pt.codes) AND p.total > 0
                         AND (pt.city IS NOT NULL OR p.mesh IS NOT NULL)
                       ORDER BY p.geom OPERATOR(public.<->) pt.centre, p.id LIMIT 1) END AS geom,
           CASE WHEN pt.geom IS NULL THEN NULL
                WHEN pt.city IS NOT NULL THEN 'city'
                WHEN pt.centre IS NULL THEN 'point_on_surface'
                ELSE 'population_weighted' END AS method
    FROM pt;
    -- the municipality of a city's point: the ward it lies in
    ALTER TABLE pg_temp.palliative_place ADD COLUMN municipality_code text;
    UPDATE pg_temp.palliative_place AS p
       SET municipality_code = coalesce(p.code, (
           SELECT r.code FROM palliative.region AS r
            WHERE r.level = 'municipality' AND r.code IN (SELECT mk.code FROM pg_temp.palliative_mkey AS mk
                                                           WHERE mk.pref = p.prefecture_code AND mk.city = p.city)
            ORDER BY r.geom OPERATOR(public.<->) p.geom, r.code LIMIT 1));
END
$$;
COMMENT ON FUNCTION palliative.filing_place() IS
'Step of link_filings: for the municipalities (or designated cities) of the unlinked institutions, the point they are placed at: the population-weighted centre of the municipality''s mesh population cells when it has any (the cell nearest to it when the centre falls outside the polygon), else a point inside the polygon; for a city, the centre of the population of its wards. In the session''s temporary table pg_temp.palliative_place.';

CREATE FUNCTION palliative.link_filings(prefectures text[] DEFAULT NULL)
    RETURNS TABLE (prefecture_code text, institutions bigint, linked bigint, placed bigint, ambiguous bigint,
                   unplaced bigint, municipality_precision bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    prefs text[];
BEGIN
    SELECT array_agg(DISTINCT f.prefecture_code ORDER BY f.prefecture_code) INTO prefs
    FROM palliative.filing AS f
    WHERE link_filings.prefectures IS NULL OR f.prefecture_code = ANY (link_filings.prefectures);
    prefs := coalesce(prefs, '{}');
    PERFORM palliative.filing_institutions(prefs);
    PERFORM palliative.filing_decide(prefs);
    PERFORM palliative.filing_place();

    -- the facilities the earlier decisions gave (placed ones are replaced below)
    IF to_regclass('pg_temp.palliative_old_link') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_old_link;
    END IF;
    CREATE TEMP TABLE palliative_old_link ON COMMIT DROP AS
    SELECT l.* FROM palliative.filing_link AS l WHERE l.prefecture_code = ANY (prefs);
    CREATE INDEX ON pg_temp.palliative_old_link (prefecture_code, institution_no);
    ANALYZE pg_temp.palliative_old_link;
    DELETE FROM palliative.filing_link AS l WHERE l.prefecture_code = ANY (prefs) AND l.method <> 'manual';

    INSERT INTO palliative.filing_link AS l
        (prefecture_code, institution_no, institution_name, address, kind, status, method, facility_id,
         candidates, municipality_code, reason)
    SELECT i.prefecture_code, i.institution_no, i.institution_name, i.address, i.kind,
           CASE WHEN d.status <> 'unlinked' THEN d.status WHEN p.geom IS NOT NULL THEN 'placed' ELSE 'unplaced' END,
           CASE WHEN d.status <> 'unlinked' THEN d.method WHEN p.geom IS NOT NULL THEN p.method ELSE 'none' END,
           CASE WHEN d.status = 'linked' THEN d.candidates[1]
                WHEN d.status = 'unlinked' AND p.geom IS NOT NULL
                THEN coalesce((SELECT o.facility_id FROM pg_temp.palliative_old_link AS o
                                WHERE o.prefecture_code = i.prefecture_code AND o.institution_no = i.institution_no
                                  AND o.status = 'placed'),
                              nextval(pg_get_serial_sequence('palliative.facility', 'id'))) END,
           d.candidates, coalesce(i.municipality_code, p.municipality_code),
           CASE WHEN d.status = 'ambiguous' THEN d.reason
                WHEN d.status = 'unlinked' AND p.geom IS NULL AND i.municipality_code IS NULL AND i.city IS NULL
                THEN 'no municipality polygon of the prefecture matches the start of its address (the simplified polygons lack a few small villages)'
                WHEN d.status = 'unlinked' AND p.geom IS NULL THEN 'the municipality it names has no polygon' END
    FROM pg_temp.palliative_inst AS i
    JOIN pg_temp.palliative_decision AS d USING (prefecture_code, institution_no)
    LEFT JOIN pg_temp.palliative_place AS p
      ON d.status = 'unlinked' AND p.prefecture_code = i.prefecture_code
     AND (p.code = i.municipality_code OR (i.municipality_code IS NULL AND p.city = i.city))
    ON CONFLICT ON CONSTRAINT filing_link_pkey DO NOTHING;

    -- placed facilities: gone when their institution no longer needs one, then written
    DELETE FROM palliative.facility AS f
    WHERE f.source = 'filings'
      AND f.id IN (SELECT o.facility_id FROM pg_temp.palliative_old_link AS o WHERE o.status = 'placed')
      AND NOT EXISTS (SELECT 1 FROM palliative.filing_link AS l WHERE l.facility_id = f.id AND l.status = 'placed');
    INSERT INTO palliative.facility AS f
        (id, name, kind, prefecture_code, secondary_code, municipality_code, address, geom, location_precision,
         surveyed_on, source)
    SELECT l.facility_id, l.institution_name, l.kind, l.prefecture_code,
           (SELECT r.parent_code FROM palliative.region AS r
             WHERE r.code = l.municipality_code AND length(r.parent_code) = 4),
           l.municipality_code, pg_catalog.concat(palliative.jp_prefecture_name(l.prefecture_code), l.address),
           p.geom, 'municipality',
           (SELECT max(x.as_of) FROM palliative.filing AS x
             WHERE x.prefecture_code = l.prefecture_code AND x.institution_no = l.institution_no),
           'filings'
    FROM palliative.filing_link AS l
    JOIN pg_temp.palliative_inst AS i USING (prefecture_code, institution_no)
    JOIN pg_temp.palliative_place AS p
      ON p.prefecture_code = i.prefecture_code AND (p.code = i.municipality_code OR (i.municipality_code IS NULL AND p.city = i.city))
    WHERE l.status = 'placed' AND l.prefecture_code = ANY (prefs)
    ON CONFLICT (id) DO UPDATE
       SET name = EXCLUDED.name, kind = EXCLUDED.kind, prefecture_code = EXCLUDED.prefecture_code,
           secondary_code = EXCLUDED.secondary_code, municipality_code = EXCLUDED.municipality_code,
           address = EXCLUDED.address, geom = EXCLUDED.geom, location_precision = 'municipality',
           surveyed_on = EXCLUDED.surveyed_on;

    PERFORM palliative.sync_filing_capabilities(prefs,
        ARRAY(SELECT o.facility_id FROM pg_temp.palliative_old_link AS o WHERE o.facility_id IS NOT NULL));

    RETURN QUERY
    SELECT l.prefecture_code, count(*), count(*) FILTER (WHERE l.status = 'linked'),
           count(*) FILTER (WHERE l.status = 'placed'), count(*) FILTER (WHERE l.status = 'ambiguous'),
           count(*) FILTER (WHERE l.status = 'unplaced'),
           count(*) FILTER (WHERE l.status = 'placed' OR (l.status = 'linked' AND EXISTS (
               SELECT 1 FROM palliative.facility AS f WHERE f.id = l.facility_id AND f.location_precision = 'municipality')))
    FROM palliative.filing_link AS l
    WHERE l.prefecture_code = ANY (prefs)
    GROUP BY l.prefecture_code ORDER BY l.prefecture_code;
END
$$;
COMMENT ON FUNCTION palliative.link_filings(text[]) IS
'Links the institutions with mapped filings (in the given prefectures, default every prefecture with filings) to facilities of their own prefecture, decides anew (manual decisions are kept) and records every decision in palliative.filing_link: linked by name key and address (NFKC, legal-entity prefixes dropped, 丁目/番地/号 and hyphen forms, spaces; see jp_name_keys and jp_address_key), ambiguous when several facilities match equally (listed, not linked), else placed as a facility of its own (source filings, kind hospital or clinic, location_precision municipality) at the population-weighted centre of the municipality its address names (a point inside the polygon where no population cells exist), or unplaced when no municipality can be read. Then gives the facilities the capabilities of their filings (sync_filing_capabilities) and registers each prefecture as covered by the filings. Returns per prefecture the institutions, linked, placed, ambiguous, unplaced, and the facilities they use that are placed at municipality precision. import_filings runs it for the prefectures it imported; run it again after loading or reloading facilities.';

CREATE FUNCTION palliative.sync_filing_capabilities(prefectures text[] DEFAULT NULL, also bigint[] DEFAULT '{}')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    prefs text[];
    n bigint;
BEGIN
    SELECT array_agg(DISTINCT f.prefecture_code ORDER BY f.prefecture_code) INTO prefs
    FROM palliative.filing AS f
    WHERE sync_filing_capabilities.prefectures IS NULL OR f.prefecture_code = ANY (sync_filing_capabilities.prefectures);
    prefs := coalesce(prefs, '{}');

    -- the fee item of every filing, again (the mapping may have changed)
    UPDATE palliative.filing AS f
       SET fee_item_id = m.id, fee_item = m.fee_item
      FROM (SELECT d.filed_name, (SELECT c.id FROM palliative.fee_item_capability AS c
                                   WHERE d.filed_name ~ c.filed_name_pattern ORDER BY c.priority LIMIT 1) AS id
              FROM (SELECT DISTINCT x.filed_name FROM palliative.filing AS x WHERE x.prefecture_code = ANY (prefs)) AS d) AS u
      LEFT JOIN palliative.fee_item_capability AS m ON m.id = u.id
     WHERE f.prefecture_code = ANY (prefs) AND f.filed_name = u.filed_name
       AND (f.fee_item_id IS DISTINCT FROM m.id OR f.fee_item IS DISTINCT FROM m.fee_item);

    -- the facilities concerned: linked or placed now, or given capabilities by filings before
    IF to_regclass('pg_temp.palliative_sync') IS NOT NULL THEN
        DROP TABLE pg_temp.palliative_sync;
    END IF;
    CREATE TEMP TABLE palliative_sync ON COMMIT DROP AS
    SELECT x.facility_id,
           (SELECT palliative.capset_union_agg(palliative.capset(ARRAY[s.capability]))
              FROM palliative.capability_source AS s WHERE s.facility_id = x.facility_id AND s.kind = 'filing') AS old_filed,
           EXISTS (SELECT 1 FROM palliative.capability_source AS s
                    WHERE s.facility_id = x.facility_id AND s.kind = 'filing' AND s.capability = 'pcu') AS had_pcu
    FROM (SELECT l.facility_id FROM palliative.filing_link AS l
           WHERE l.prefecture_code = ANY (prefs) AND l.status IN ('linked', 'placed')
          UNION SELECT unnest(sync_filing_capabilities.also)
          UNION SELECT cs.facility_id FROM palliative.capability_source AS cs
           JOIN palliative.filing AS f ON f.id = cs.filing_id WHERE f.prefecture_code = ANY (prefs)) AS x
    WHERE x.facility_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM palliative.facility AS f WHERE f.id = x.facility_id);
    CREATE UNIQUE INDEX ON pg_temp.palliative_sync (facility_id);

    DELETE FROM palliative.capability_source AS cs
    WHERE cs.kind = 'filing' AND cs.facility_id IN (SELECT y.facility_id FROM pg_temp.palliative_sync AS y);
    INSERT INTO palliative.capability_source
        (facility_id, capability, kind, source, filing_id, acceptance_no, as_of, valid_from, valid_until, note)
    SELECT l.facility_id, cap.name, 'filing', 'filings', f.id, f.acceptance_no, f.as_of, f.first_as_of, f.end_date,
           f.filed_name
    FROM palliative.filing AS f
    JOIN palliative.filing_link AS l
      ON l.prefecture_code = f.prefecture_code AND l.institution_no = f.institution_no
     AND l.status IN ('linked', 'placed') AND l.facility_id IS NOT NULL
    JOIN palliative.fee_item_capability AS m ON m.id = f.fee_item_id
    CROSS JOIN LATERAL unnest(palliative.capset_names(m.capabilities)) AS cap(name)
    WHERE l.facility_id IN (SELECT y.facility_id FROM pg_temp.palliative_sync AS y)
    ON CONFLICT ON CONSTRAINT capability_source_key DO NOTHING;

    -- a capability with rows is held while one is current; capabilities
    -- without rows (entered by hand) stay; PCU beds are those the current
    -- filings give (0 when none gives them)
    WITH r AS (
        SELECT cs.facility_id,
               palliative.capset_union_agg(palliative.capset(ARRAY[cs.capability])) AS any_rows,
               palliative.capset_union_agg(palliative.capset(ARRAY[cs.capability])) FILTER (WHERE cs.valid_until IS NULL) AS current_rows,
               bool_or(cs.kind = 'filing' AND cs.capability = 'pcu') AS pcu_filed
        FROM palliative.capability_source AS cs
        WHERE cs.facility_id IN (SELECT y.facility_id FROM pg_temp.palliative_sync AS y)
        GROUP BY cs.facility_id
    ), beds AS (
        SELECT cs.facility_id, sum(x.pcu_beds) AS pcu_beds
        FROM palliative.capability_source AS cs JOIN palliative.filing AS x ON x.id = cs.filing_id
        WHERE cs.capability = 'pcu' AND cs.valid_until IS NULL
          AND cs.facility_id IN (SELECT y.facility_id FROM pg_temp.palliative_sync AS y)
        GROUP BY cs.facility_id
    ), target AS (
        SELECT y.facility_id,
               ((f.capabilities OPERATOR(palliative.-) coalesce(y.old_filed, '{}'))
                OPERATOR(palliative.-) coalesce(r.any_rows, '{}'))
               OPERATOR(palliative.|) coalesce(r.current_rows, '{}') AS capabilities,
               CASE WHEN y.had_pcu OR r.pcu_filed THEN coalesce(b.pcu_beds, 0)::integer ELSE f.pcu_beds END AS pcu_beds
        FROM pg_temp.palliative_sync AS y
        JOIN palliative.facility AS f ON f.id = y.facility_id
        LEFT JOIN r ON r.facility_id = y.facility_id
        LEFT JOIN beds AS b ON b.facility_id = y.facility_id
    )
    UPDATE palliative.facility AS f
       SET capabilities = t.capabilities, pcu_beds = t.pcu_beds
      FROM target AS t
     WHERE f.id = t.facility_id
       AND (f.capabilities OPERATOR(palliative.<>) t.capabilities OR f.pcu_beds IS DISTINCT FROM t.pcu_beds);
    GET DIAGNOSTICS n = ROW_COUNT;

    -- the filings of a prefecture report every hospital and clinic holding their fee items
    DELETE FROM palliative.source_coverage AS c
    WHERE c.source = 'filings' AND c.prefecture_code = ANY (prefs);
    INSERT INTO palliative.source_coverage (source, kind, prefecture_code, facility_kinds, capabilities, as_of, note)
    SELECT 'filings', 'filing', p.prefecture_code, '{hospital,clinic}',
           (SELECT palliative.capset_union_agg(m.capabilities) FROM palliative.fee_item_capability AS m
             WHERE m.filer_kind IS DISTINCT FROM 'pharmacy'),
           p.as_of,
           'accepted facility-standard filings (届出受理医療機関名簿) of the regional health bureau'
    FROM (SELECT ip.prefecture_code, max(ip.as_of) AS as_of FROM palliative.filing_import_prefecture AS ip
           WHERE ip.prefecture_code = ANY (prefs) GROUP BY ip.prefecture_code) AS p;
    RETURN n;
END
$$;
COMMENT ON FUNCTION palliative.sync_filing_capabilities(text[], bigint[]) IS
'Gives the facilities linked to or placed from filings (in the given prefectures, default all; also the facilities listed in also) the capabilities of their filings: matches every filing''s filed name against palliative.fee_item_capability again, rewrites the filing rows of palliative.capability_source (acceptance number, as-of dates; ended filings stay as history with valid_until), sets facility.capabilities (a capability with rows is held while one of them is current; capabilities without rows are kept) and pcu_beds (the beds the current PCU filings give), and registers the filings in palliative.source_coverage. Run it after editing fee_item_capability. Returns the facilities whose capabilities or PCU beds changed.';

CREATE VIEW palliative.filing_link_audit AS
SELECT l.prefecture_code::bigint * 10000000 + l.institution_no::bigint AS id,
       l.prefecture_code,
       l.institution_no,
       l.institution_name,
       l.address AS institution_address,
       l.kind::text AS kind,
       l.status,
       l.method,
       l.municipality_code,
       m.name_ja AS municipality_name,
       l.facility_id,
       f.name AS facility_name,
       f.address AS facility_address,
       f.source AS facility_source,
       f.location_precision,
       pg_catalog.array_to_string(l.candidates, ',') AS candidates,
       (SELECT pg_catalog.string_agg(pg_catalog.format('%s (%s, %s)', c.name, c.id, coalesce(c.address, '–')), '; ' ORDER BY c.id)
          FROM palliative.facility AS c WHERE c.id OPERATOR(pg_catalog.=) ANY (l.candidates)) AS candidate_names,
       l.reason,
       x.filings,
       x.current_filings,
       x.fee_items,
       l.decided_at
FROM palliative.filing_link AS l
LEFT JOIN palliative.facility AS f ON f.id OPERATOR(pg_catalog.=) l.facility_id
LEFT JOIN palliative.region AS m ON m.code OPERATOR(pg_catalog.=) l.municipality_code
LEFT JOIN LATERAL (
    SELECT pg_catalog.count(*) AS filings,
           pg_catalog.count(*) FILTER (WHERE fi.end_date IS NULL) AS current_filings,
           pg_catalog.string_agg(DISTINCT fi.fee_item, ',' ORDER BY fi.fee_item) FILTER (WHERE fi.end_date IS NULL) AS fee_items
    FROM palliative.filing AS fi
    WHERE fi.prefecture_code OPERATOR(pg_catalog.=) l.prefecture_code
      AND fi.institution_no OPERATOR(pg_catalog.=) l.institution_no AND fi.fee_item_id IS NOT NULL
) AS x ON true;
COMMENT ON VIEW palliative.filing_link_audit IS
'Every link decision of palliative.filing_link with both sides side by side, for checking by hand: the institution as filed (name, address, the municipality read from it), the status and method, the facility it was linked to or placed as (name, address, source, location precision), the candidates of an ambiguous one with their names and addresses, the reason, and its mapped filings (all, current, and the current fee items).';
COMMENT ON COLUMN palliative.filing_link_audit.id IS 'Integer key: prefecture code * 10^7 + institution number.';
COMMENT ON COLUMN palliative.filing_link_audit.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.filing_link_audit.institution_no IS 'Institution number.';
COMMENT ON COLUMN palliative.filing_link_audit.institution_name IS 'Institution name as filed.';
COMMENT ON COLUMN palliative.filing_link_audit.institution_address IS 'Address as filed.';
COMMENT ON COLUMN palliative.filing_link_audit.kind IS 'hospital or clinic.';
COMMENT ON COLUMN palliative.filing_link_audit.status IS 'linked, placed, ambiguous or unplaced.';
COMMENT ON COLUMN palliative.filing_link_audit.method IS 'How it was decided (see palliative.filing_link).';
COMMENT ON COLUMN palliative.filing_link_audit.municipality_code IS 'Municipality read from the address.';
COMMENT ON COLUMN palliative.filing_link_audit.municipality_name IS 'Its name.';
COMMENT ON COLUMN palliative.filing_link_audit.facility_id IS 'Facility linked to or placed as.';
COMMENT ON COLUMN palliative.filing_link_audit.facility_name IS 'Its name.';
COMMENT ON COLUMN palliative.filing_link_audit.facility_address IS 'Its address.';
COMMENT ON COLUMN palliative.filing_link_audit.facility_source IS 'Its data source (filings for a placed one).';
COMMENT ON COLUMN palliative.filing_link_audit.location_precision IS 'exact or municipality.';
COMMENT ON COLUMN palliative.filing_link_audit.candidates IS 'Facility ids that matched, separated by commas (several when ambiguous).';
COMMENT ON COLUMN palliative.filing_link_audit.candidate_names IS 'The candidates'' names, ids and addresses.';
COMMENT ON COLUMN palliative.filing_link_audit.reason IS 'Why it is ambiguous or unplaced.';
COMMENT ON COLUMN palliative.filing_link_audit.filings IS 'Its mapped filings, current and ended.';
COMMENT ON COLUMN palliative.filing_link_audit.current_filings IS 'Its current mapped filings.';
COMMENT ON COLUMN palliative.filing_link_audit.fee_items IS 'Fee items of its current mapped filings, separated by commas.';
COMMENT ON COLUMN palliative.filing_link_audit.decided_at IS 'When the decision was made.';

CREATE VIEW palliative.filing_link_summary AS
SELECT pg_catalog.dense_rank() OVER (ORDER BY f.prefecture_code, coalesce(f.fee_item, '')) AS id,
       f.prefecture_code,
       coalesce(f.fee_item, '(no capability)') AS fee_item,
       pg_catalog.count(*) AS filings,
       pg_catalog.count(DISTINCT f.institution_no) AS institutions,
       pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'linked') AS linked,
       pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'placed') AS placed,
       pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'ambiguous') AS ambiguous,
       pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'unplaced') AS unplaced,
       pg_catalog.count(*) FILTER (WHERE l.status IS NULL) AS not_linked,
       pg_catalog.count(DISTINCT f.institution_no) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'linked') AS institutions_linked,
       pg_catalog.count(DISTINCT f.institution_no) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'placed') AS institutions_placed,
       pg_catalog.max(f.as_of) AS as_of
FROM palliative.filing AS f
LEFT JOIN palliative.filing_link AS l
  ON l.prefecture_code OPERATOR(pg_catalog.=) f.prefecture_code AND l.institution_no OPERATOR(pg_catalog.=) f.institution_no
WHERE f.end_date IS NULL
GROUP BY f.prefecture_code, f.fee_item;
COMMENT ON VIEW palliative.filing_link_summary IS
'Current filings per prefecture and fee item by what became of their institution: linked to a facility, placed at its municipality, ambiguous (listed in filing_link_audit, not counted), unplaced (no municipality read), or not linked at all (fee items with no capability, "(no capability)"). Sum over prefectures for national counts.';
COMMENT ON COLUMN palliative.filing_link_summary.id IS 'Integer key (rank of prefecture and fee item).';
COMMENT ON COLUMN palliative.filing_link_summary.prefecture_code IS 'Prefecture code.';
COMMENT ON COLUMN palliative.filing_link_summary.fee_item IS 'Fee item, or (no capability) for filings no row of fee_item_capability maps.';
COMMENT ON COLUMN palliative.filing_link_summary.filings IS 'Current filings.';
COMMENT ON COLUMN palliative.filing_link_summary.institutions IS 'Institutions holding them.';
COMMENT ON COLUMN palliative.filing_link_summary.linked IS 'Filings of institutions linked to a facility.';
COMMENT ON COLUMN palliative.filing_link_summary.placed IS 'Filings of institutions placed at their municipality.';
COMMENT ON COLUMN palliative.filing_link_summary.ambiguous IS 'Filings of institutions with several equal candidates (not counted).';
COMMENT ON COLUMN palliative.filing_link_summary.unplaced IS 'Filings of institutions whose municipality could not be read (not counted).';
COMMENT ON COLUMN palliative.filing_link_summary.not_linked IS 'Filings without a link decision (fee items with no capability).';
COMMENT ON COLUMN palliative.filing_link_summary.institutions_linked IS 'Institutions linked.';
COMMENT ON COLUMN palliative.filing_link_summary.institutions_placed IS 'Institutions placed.';
COMMENT ON COLUMN palliative.filing_link_summary.as_of IS 'Latest as-of date of the filings.';

CREATE VIEW palliative.filing_changes AS
WITH steps AS (
    -- the as-of dates of each prefecture's lists, each with the one before
    SELECT p.prefecture_code, p.as_of,
           pg_catalog.lag(p.as_of) OVER (PARTITION BY p.prefecture_code ORDER BY p.as_of) AS previous_as_of
    FROM (SELECT DISTINCT ip.prefecture_code, ip.as_of FROM palliative.filing_import_prefecture AS ip) AS p
),
event AS (
    SELECT f.id, f.prefecture_code, f.institution_no, f.institution_name, f.fee_item, 'started' AS change, f.first_as_of AS at
    FROM palliative.filing AS f WHERE f.fee_item IS NOT NULL
    UNION ALL
    SELECT f.id, f.prefecture_code, f.institution_no, f.institution_name, f.fee_item, 'ended', f.end_date
    FROM palliative.filing AS f WHERE f.fee_item IS NOT NULL AND f.end_date IS NOT NULL
),
placed AS (
    -- where each filing is: its facility's regions, else the municipality its address names
    SELECT e.*, st.previous_as_of,
           coalesce(fa.municipality_code, l.municipality_code) AS municipality_code,
           coalesce(fa.secondary_code,
                    (SELECT r.parent_code FROM palliative.region AS r
                      WHERE r.code OPERATOR(pg_catalog.=) l.municipality_code
                        AND pg_catalog.length(r.parent_code) OPERATOR(pg_catalog.=) 4)) AS secondary_code
    FROM event AS e
    JOIN steps AS st ON st.prefecture_code OPERATOR(pg_catalog.=) e.prefecture_code AND st.as_of OPERATOR(pg_catalog.=) e.at
                    AND st.previous_as_of IS NOT NULL
    LEFT JOIN palliative.filing_link AS l
      ON l.prefecture_code OPERATOR(pg_catalog.=) e.prefecture_code AND l.institution_no OPERATOR(pg_catalog.=) e.institution_no
    LEFT JOIN palliative.facility AS fa ON fa.id OPERATOR(pg_catalog.=) l.facility_id
),
grouped AS (
    SELECT r.level, r.code AS region_code, p.fee_item, p.at AS as_of, p.previous_as_of,
           pg_catalog.count(*) FILTER (WHERE p.change OPERATOR(pg_catalog.=) 'started') AS started,
           pg_catalog.count(*) FILTER (WHERE p.change OPERATOR(pg_catalog.=) 'ended') AS ended,
           pg_catalog.string_agg(DISTINCT p.institution_name, ', ') FILTER (WHERE p.change OPERATOR(pg_catalog.=) 'started') AS started_institutions,
           pg_catalog.string_agg(DISTINCT p.institution_name, ', ') FILTER (WHERE p.change OPERATOR(pg_catalog.=) 'ended') AS ended_institutions
    FROM placed AS p
    CROSS JOIN LATERAL (VALUES ('prefecture', p.prefecture_code), ('secondary', p.secondary_code),
                               ('municipality', p.municipality_code)) AS r(level, code)
    WHERE r.code IS NOT NULL
    GROUP BY r.level, r.code, p.fee_item, p.at, p.previous_as_of
)
SELECT pg_catalog.row_number() OVER (ORDER BY g.as_of, g.level, g.region_code, g.fee_item) AS id,
       g.level, g.region_code, coalesce(r.name_ja, r.name_en, g.region_code) AS region_name,
       g.fee_item, g.previous_as_of, g.as_of, g.started, g.ended, g.started_institutions, g.ended_institutions
FROM grouped AS g
LEFT JOIN palliative.region AS r ON r.code OPERATOR(pg_catalog.=) g.region_code;
COMMENT ON VIEW palliative.filing_changes IS
'What changed between consecutive lists of a prefecture, per region (prefecture, secondary medical region and municipality of the institution''s facility, else the municipality its address names) and fee item: the filings that started (first listed at that as-of date) and ended (no longer listed), with the institutions'' names. A prefecture''s first list starts nothing here; only mapped fee items count.';
COMMENT ON COLUMN palliative.filing_changes.id IS 'Integer key (order of as-of date, level, region and fee item).';
COMMENT ON COLUMN palliative.filing_changes.level IS 'prefecture, secondary or municipality.';
COMMENT ON COLUMN palliative.filing_changes.region_code IS 'Region code.';
COMMENT ON COLUMN palliative.filing_changes.region_name IS 'Region name.';
COMMENT ON COLUMN palliative.filing_changes.fee_item IS 'Fee item.';
COMMENT ON COLUMN palliative.filing_changes.previous_as_of IS 'As-of date of the list before.';
COMMENT ON COLUMN palliative.filing_changes.as_of IS 'As-of date of the list that shows the change.';
COMMENT ON COLUMN palliative.filing_changes.started IS 'Filings new in that list.';
COMMENT ON COLUMN palliative.filing_changes.ended IS 'Filings no longer in it.';
COMMENT ON COLUMN palliative.filing_changes.started_institutions IS 'Names of the institutions whose filings started.';
COMMENT ON COLUMN palliative.filing_changes.ended_institutions IS 'Names of the institutions whose filings ended.';
