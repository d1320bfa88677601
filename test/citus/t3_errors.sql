-- Bad input on the cluster: the errors raised on the workers (or when the
-- coordinator combines their sums) reach the caller with their SQLSTATE and
-- message, as on one node.
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = error;
SELECT plan(8);

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

\set SUP '(SELECT value FROM citus_test.supply WHERE decay = ''gaussian(30km)'')'
\set SUP20 '(SELECT value FROM citus_test.supply WHERE decay = ''gaussian(20km)'')'
\set SUP1 '(SELECT value FROM citus_test.supply WHERE decay = ''gaussian(30km) capacities + 1'')'

SELECT matches(pg_temp.err(format($q$SELECT palliative.fca_step1(palliative.fca_demand_part(%s, 'gaussian(30km)', '2sfca',
                                     d.id, d.geom, d.weight)) FROM citus_test.bad d WHERE case_name = 'mixed srid'$q$, :'SUP')),
               '^22023: demand rows mix SRIDs (4326 and 6668|6668 and 4326)$',
               'demand rows that mix SRIDs across shards: 22023');
SELECT is(pg_temp.err(format($q$SELECT palliative.fca_step1(palliative.fca_demand_part(%s, 'gaussian(30km)', '2sfca',
                                 d.id, d.geom, d.weight)) FROM citus_test.bad d WHERE case_name = 'null weight'$q$, :'SUP')),
          (SELECT format('22004: demand row with id %s has a null weight', id) FROM citus_test.bad
           WHERE case_name = 'null weight' AND weight IS NULL),
          'a NULL weight on a worker: 22004 naming the row');
SELECT is(pg_temp.err(format($q$SELECT palliative.fca_step1(palliative.fca_demand_part(%s, 'gaussian(30km)', '2sfca',
                                 d.id, d.geom, d.weight)) FROM citus_test.bad d WHERE case_name = 'negative weight'$q$, :'SUP')),
          (SELECT format('22003: demand row with id %s has an invalid weight: -5', id) FROM citus_test.bad
           WHERE case_name = 'negative weight' AND weight < 0),
          'a negative weight on a worker: 22003 naming the row');
SELECT is(pg_temp.err(format($q$SELECT palliative.fca_step1(palliative.fca_demand_part(%s, 'gaussian(30km)', '2sfca',
                                 d.id, d.geom, d.weight)) FROM citus_test.demand d$q$, :'SUP20')),
          '22023: the prepared supply was built for decay gaussian(20km), not gaussian(30km)',
          'a supply prepared for another decay: 22023 naming both');
-- one region's rows against another supply value: the shards' partial sums,
-- or the sums within a shard, do not add up
SELECT is(pg_temp.err(format($q$SELECT palliative.fca_step1(palliative.fca_demand_part(
                                   CASE WHEN d.secondary_code = (SELECT max(secondary_code) FROM citus_test.bad) THEN %s ELSE %s END,
                                   'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)) FROM citus_test.demand d$q$, :'SUP1', :'SUP')),
          '22023: per-facility sums combined from different prepared supplies',
          'sums of different supply values combined (plain aggregate): 22023');
SELECT is(pg_temp.err(format($q$WITH per_region AS MATERIALIZED (
                                   SELECT palliative.fca_step1(palliative.fca_demand_part(
                                            CASE WHEN d.secondary_code = (SELECT max(secondary_code) FROM citus_test.bad) THEN %s ELSE %s END,
                                            'gaussian(30km)', '2sfca', d.id, d.geom, d.weight)) AS s
                                   FROM citus_test.demand d GROUP BY d.secondary_code)
                                 SELECT palliative.fca_step1(s) FROM per_region$q$, :'SUP1', :'SUP')),
          '22023: per-facility sums combined from different prepared supplies',
          'sums of different supply values combined (one a region, added on the coordinator): 22023');
SELECT is(pg_temp.err(format($q$SELECT count(*) FROM (SELECT d.id, palliative.fca_access(%s, 'gaussian(30km)', '2sfca',
                                   (SELECT palliative.fca_step1(palliative.fca_demand_part(%s, 'gaussian(30km)', '2sfca', e.id, e.geom, e.weight))
                                    FROM citus_test.demand e), d.id, d.geom, d.weight) AS r FROM citus_test.demand d) s$q$, :'SUP1', :'SUP')),
          '22023: the per-facility sums were computed against another prepared supply',
          'step 2 on the workers with the sums of another supply: 22023');
SELECT is(pg_temp.err($q$SELECT * FROM palliative.fca_distributed('SELECT id, geom, weight FROM citus_test.bad WHERE case_name = ''negative weight''',
                                                                  'SELECT id, geom, capacity FROM citus_test.facility', 'gaussian(30km)')$q$),
          (SELECT format('22003: demand row with id %s has an invalid weight: -5', id) FROM citus_test.bad
           WHERE case_name = 'negative weight' AND weight < 0),
          'fca_distributed on the cluster: the worker''s error');

SELECT * FROM finish();
