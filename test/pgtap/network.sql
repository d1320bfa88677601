-- the care network of the generated sample: links, views against an
-- independent computation, conference attendance in the FY2021 proportions
BEGIN;
SET client_min_messages = warning;
SELECT plan(14);

SELECT lives_ok('SELECT * FROM palliative.load_sample(1)', 'load_sample(1) loads');
CREATE TEMP TABLE ns AS SELECT * FROM palliative.network_summary;

-- links
SELECT cmp_ok((SELECT count(*) FROM palliative.link WHERE source = 'sample'), '>=', 1000::bigint,
              'the sample has at least 1,000 links');
SELECT is((SELECT count(*) FROM palliative.link l
           JOIN palliative.facility a ON a.id = l.from_id JOIN palliative.facility b ON b.id = l.to_id
           WHERE l.source = 'sample' AND (a.source <> 'sample' OR b.source <> 'sample')), 0::bigint,
          'sample links join sample facilities only');
SELECT is((SELECT count(DISTINCT l.kind) FROM palliative.link l WHERE l.source = 'sample'), 5::bigint,
          'every kind of link occurs');
SELECT ok((SELECT count(*) FILTER (WHERE until IS NOT NULL)::float8 / count(*) FROM palliative.link WHERE source = 'sample')
          BETWEEN 0.05 AND 0.25, 'about one link in eight has ended');
-- same seed, same links (by facility row order, since ids come from a sequence)
CREATE TEMP TABLE ord AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM palliative.facility WHERE source = 'sample';
SELECT is((SELECT md5(string_agg(concat_ws(':', a.n, b.n, s.kind, s.since, s.until), ',' ORDER BY a.n, b.n, s.kind::text, s.since))
           FROM palliative.sample_links(1) s JOIN ord a ON a.id = s.from_id JOIN ord b ON b.id = s.to_id),
          (SELECT md5(string_agg(concat_ws(':', a.n, b.n, l.kind, l.since, l.until), ',' ORDER BY a.n, b.n, l.kind::text, l.since))
           FROM palliative.link l JOIN ord a ON a.id = l.from_id JOIN ord b ON b.id = l.to_id WHERE l.source = 'sample'),
          'sample_links is deterministic: the same seed gives the same links');

-- the national conference distribution follows FY2021 (42.1 / 41.0 / 7.9 / 5.9 / 1.3 / 1.8 %)
SELECT is((SELECT count(*) FROM palliative.conference_distribution() d,
                  (SELECT count(*) AS n FROM ns) t
           WHERE abs(d.hospitals - round(d.national_fy2021_share * t.n)) > 1), 0::bigint,
          'every bin is within one hospital of the national FY2021 share');
SELECT is((SELECT sum(hospitals) FROM palliative.conference_distribution()),
          (SELECT count(*)::numeric FROM ns),
          'the national bins count every base hospital once');
SELECT is((SELECT sum(hospitals) FROM palliative.conference_distribution('prefecture')),
          (SELECT count(*)::numeric FROM ns),
          'the prefecture bins count every base hospital once');

-- network_summary: every base hospital, with partners; population within 16 km
-- of capable partners agrees with the C engine's distances (palliative.nearest)
SELECT is((SELECT count(*) FROM ns),
          (SELECT count(*) FROM palliative.facility WHERE palliative.is_base_hospital(capabilities)),
          'one network_summary row per base hospital');
SELECT ok((SELECT bool_and(partners > 0) FROM ns), 'every sample base hospital has partners');
CREATE TEMP TABLE base1 AS
SELECT id, population_16km FROM ns ORDER BY id LIMIT 1;
CREATE TEMP TABLE near1 AS
SELECT DISTINCT n.demand_id FROM palliative.nearest(
    'SELECT id, geom FROM palliative.population',
    format('SELECT DISTINCT p.partner_id AS id, f.geom FROM palliative.link_partners() p JOIN palliative.facility f ON f.id = p.partner_id
            WHERE p.facility_id = %s AND p.partner_tier >= ''capable''', (SELECT id FROM base1)),
    1, 16000) n;
SELECT is((SELECT population_16km FROM base1),
          (SELECT sum(p.total) FROM palliative.population p JOIN near1 ON near1.demand_id = p.id),
          'population_16km equals the people the engine finds within 16 km of a capable partner');

-- unlinked capable facilities and network gaps: consistent with the links
SELECT is((SELECT count(*) FROM palliative.unlinked_capable u
           JOIN palliative.link_partners() p ON p.facility_id = u.id AND p.partner_is_base), 0::bigint,
          'no facility in unlinked_capable has an active link to a base hospital');
SELECT cmp_ok((SELECT count(*) FROM palliative.unlinked_capable), '>', 0::bigint,
              'the sample has capable facilities that no base hospital works with');

SELECT * FROM finish();
ROLLBACK;
