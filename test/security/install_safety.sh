#!/usr/bin/env bash
# Install safety: hostile objects planted in public and in the install schema
# before CREATE EXTENSION must never be called, by the install script or by
# the extension's functions afterwards.  Each hostile function writes to a
# log table; the test fails when the log is not empty.  An install that
# refuses (because the schema holds a clashing object) is also safe.
set -uo pipefail
passed=0
failed=0
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $2"; else failed=$((failed + 1)); echo "not ok - $2"; fi; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
calls() { q -c "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.hostile_calls"; }

plant_public() {
  q <<'SQL'
CREATE EXTENSION postgis;
CREATE TABLE public.hostile_log (what text, at timestamptz DEFAULT clock_timestamp());
GRANT INSERT ON public.hostile_log TO PUBLIC;
-- a sequence counts calls even inside transactions that later fail
CREATE SEQUENCE public.hostile_calls;
GRANT USAGE ON SEQUENCE public.hostile_calls TO PUBLIC;
CREATE FUNCTION public.hostile_note(what text) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN PERFORM pg_catalog.nextval('public.hostile_calls');
           INSERT INTO public.hostile_log (what) VALUES (what); RETURN false; END $$;
-- exact-arity overloads of functions the script and the extension call
CREATE FUNCTION public.format(text, text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('format(text,text)'); RETURN $1; END $$;
CREATE FUNCTION public.format(text, integer) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('format(text,integer)'); RETURN $1; END $$;
CREATE FUNCTION public.hashtext(text) RETURNS integer LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('hashtext'); RETURN 0; END $$;
CREATE FUNCTION public.to_char(double precision, text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('to_char'); RETURN ''; END $$;
CREATE FUNCTION public.replace(text, text, text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('replace'); RETURN $1; END $$;
CREATE FUNCTION public.round(double precision) RETURNS double precision LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('round'); RETURN $1; END $$;
CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('lower'); RETURN $1; END $$;
CREATE FUNCTION public.pg_extension_config_dump(regclass, text) RETURNS void LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('pg_extension_config_dump'); END $$;
CREATE FUNCTION public.cos(double precision) RETURNS double precision LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('cos'); RETURN 1; END $$;
CREATE FUNCTION public.concat_ws(text, text, text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('concat_ws(text,text,text)'); RETURN $2; END $$;
CREATE FUNCTION public.array_to_string(text[], text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('array_to_string(text[],text)'); RETURN ''; END $$;
-- an aggregate that beats count("any") for text arguments
CREATE FUNCTION public.hostile_count_sfunc(bigint, text) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('count(text)'); RETURN coalesce($1, 0) + 1; END $$;
CREATE AGGREGATE public.count(text) (SFUNC = public.hostile_count_sfunc, STYPE = bigint, INITCOND = '0');
-- comparisons that match a double precision column against an integer or
-- numeric literal more exactly than the built-in double precision operators
CREATE FUNCTION public.hostile_f8_i4(double precision, integer) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('double precision > integer'); RETURN $1 OPERATOR(pg_catalog.>) $2; END $$;
CREATE FUNCTION public.hostile_f8_num(double precision, numeric) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('double precision <= numeric'); RETURN $1 OPERATOR(pg_catalog.<=) $2; END $$;
CREATE OPERATOR public.> (LEFTARG = double precision, RIGHTARG = integer, FUNCTION = public.hostile_f8_i4);
CREATE OPERATOR public.<= (LEFTARG = double precision, RIGHTARG = numeric, FUNCTION = public.hostile_f8_num);
-- = and <> on text
CREATE FUNCTION public.hostile_texteq(text, text) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('text ='); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE FUNCTION public.hostile_textne(text, text) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('text <>'); RETURN $1 OPERATOR(pg_catalog.<>) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_texteq);
CREATE OPERATOR public.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_textne);
-- an implicit cast that would capture text-to-bigint conversions
CREATE FUNCTION public.hostile_int8(text) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN PERFORM public.hostile_note('cast text to bigint'); RETURN 0; END $$;
CREATE CAST (text AS bigint) WITH FUNCTION public.hostile_int8(text) AS IMPLICIT;
SQL
}

# 1. hostile objects in public: the install completes without calling any of them
db=palliative_hostile
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
plant_public
q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE' > /tmp/palliative_hostile.$$ 2>&1
rc=$?
if [ $rc -eq 0 ]; then
  n=$(calls)
  [ "$n" = 0 ]
  result $? "CREATE EXTENSION with hostile objects in public called none of them ($n calls)"
  [ "$n" = 0 ] || q -c 'SELECT DISTINCT what FROM public.hostile_log'
  # and the extension's own functions do not call them either
  q -c 'SET client_min_messages = warning' \
    -c 'SELECT count(*) FROM palliative.load_sample()' \
    -c 'SELECT status FROM palliative.refresh()' \
    -c "SELECT length(palliative.gap_report('secondary', 'html')) > 0" \
    -c "SELECT length(palliative.gap_report('prefecture', 'markdown')) > 0" \
    -c "SELECT length(palliative.coverage_geojson('secondary')::text) > 0" \
    -c "SELECT count(*) FROM palliative.region_gaps" \
    -c "SELECT count(*) FROM palliative.facility_profile" \
    -c "SELECT count(*) FROM palliative.region_indicators" \
    -c "SELECT count(*) FROM palliative.resource_directory" \
    -c "SELECT length(palliative.coverage_mvt(7, 113, 49)) >= 0" \
    -c "SELECT palliative.mesh_at(palliative.mesh_center('53394611'), 3)::text" \
    -c "SELECT count(*) FROM palliative.nearest('SELECT id, geom FROM palliative.population LIMIT 50', 'SELECT id, geom FROM palliative.facility LIMIT 50', 2)" \
    -c "SELECT count(*) FROM palliative.strengthen('home_palliative_16km', 3)" \
    -c "SELECT count(*) FROM palliative.network_summary" \
    -c "SELECT count(*) FROM palliative.unlinked_capable" \
    -c "SELECT count(*) FROM palliative.region_network_gaps" \
    -c "SELECT count(*) FROM palliative.conference_distribution()" \
    -c "SELECT count(*) FROM palliative.link_partners()" \
    -c "BEGIN" -c "INSERT INTO palliative.population (mesh, year, total) VALUES ('53394611', 2020, 1)" -c "ROLLBACK" \
    >/dev/null 2>/tmp/palliative_hostile_run.$$
  result $? "the extension works with the hostile objects present"
  [ -s /tmp/palliative_hostile_run.$$ ] && head -5 /tmp/palliative_hostile_run.$$
  n=$(calls)
  [ "$n" = 0 ]
  result $? "load_sample, refresh and the reports called none of the hostile objects ($n calls)"
  [ "$n" = 0 ] || q -c 'SELECT what, count(*) FROM public.hostile_log GROUP BY 1'
else
  echo "  the install refused:"; head -3 /tmp/palliative_hostile.$$
  result 0 "CREATE EXTENSION refused with hostile objects in public"
fi
rm -f /tmp/palliative_hostile.$$ /tmp/palliative_hostile_run.$$

# 2. a hostile object in the install schema: the install refuses or ignores it
db=palliative_hostile_schema
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
q <<'SQL'
CREATE EXTENSION postgis;
CREATE TABLE public.hostile_log (what text);
GRANT INSERT ON public.hostile_log TO PUBLIC;
CREATE SCHEMA palliative;
CREATE FUNCTION palliative.care_tier(text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN INSERT INTO public.hostile_log VALUES ('palliative.care_tier(text)'); RETURN 'x'; END $$;
CREATE FUNCTION palliative.capset_count(text) RETURNS integer LANGUAGE plpgsql AS
  $$ BEGIN INSERT INTO public.hostile_log VALUES ('palliative.capset_count(text)'); RETURN 0; END $$;
SQL
q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE' >/dev/null 2>&1
rc=$?
n=$(q -c 'SELECT count(*) FROM public.hostile_log')
[ "$n" = 0 ]
result $? "with hostile functions in a pre-created schema the install $([ $rc -eq 0 ] && echo completed || echo refused) and called none of them"

echo "install safety: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
