#!/usr/bin/env bash
# Upgrade path: when upgrade scripts sql/palliative--OLD--NEW.sql exist, the
# oldest version is installed (its base script sql/palliative--OLD.sql must
# be kept in the repository and installed), updated with ALTER EXTENSION
# UPDATE to the current version, and its catalog (functions with their full
# definitions, types, operators, operator classes, casts, tables, views,
# columns, constraints, indexes, triggers, comments, privileges, the
# configuration tables pg_dump keeps, the extension's members) compared with
# a fresh install of the current version.  With no upgrade script (0.1 has
# never been released) it says so and checks only that the catalog snapshot
# is the same for two fresh installs, so the comparison is ready to use.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
passed=0
failed=0
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $2"; else failed=$((failed + 1)); echo "not ok - $2"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" palliative.control)

# everything the extension defines, by name, one line per fact
snapshot() {
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
CREATE TEMP VIEW m AS
SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'palliative';
CREATE TEMP VIEW rel AS
SELECT c.oid, c.oid::regclass::text AS name, c.relkind FROM pg_class c
WHERE ('pg_class'::regclass, c.oid) IN (SELECT * FROM m);
SELECT line FROM (
  SELECT 'member ' || pg_describe_object(classid, objid, 0) AS line FROM m
  UNION ALL
  SELECT 'extension ' || extversion || ' ' || extrelocatable || ' '
         || coalesce((SELECT string_agg(c::regclass::text || ' ' || x, ', ' ORDER BY c::regclass::text)
                      FROM unnest(extconfig, extcondition) AS u(c, x)), '')
  FROM pg_extension WHERE extname = 'palliative'
  UNION ALL
  SELECT 'function ' || p.oid::regprocedure || E'\n' || CASE WHEN p.prokind = 'a'
           THEN format('aggregate %s %s %s %s %s %s %s', a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                       a.aggserialfn, a.aggdeserialfn, a.aggtranstype::regtype, a.agginitval)
           ELSE pg_get_functiondef(p.oid) END
         || ' acl ' || coalesce(p.proacl::text, '-')
         || ' comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
  FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
  WHERE ('pg_proc'::regclass, p.oid) IN (SELECT * FROM m)
  UNION ALL
  SELECT format('type %s %s %s %s %s %s %s %s %s %s [%s] acl %s comment %s', t.oid::regtype, t.typtype, t.typlen,
                t.typbyval, t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive, t.typsend,
                (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
                coalesce(t.typacl::text, '-'), coalesce(obj_description(t.oid, 'pg_type'), '-'))
  FROM pg_type t WHERE ('pg_type'::regclass, t.oid) IN (SELECT * FROM m)
  UNION ALL
  SELECT format('operator %s %s com %s neg %s %s %s hash %s merge %s comment %s', o.oid::regoperator, o.oprcode,
                o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanhash,
                o.oprcanmerge, coalesce(obj_description(o.oid, 'pg_operator'), '-'))
  FROM pg_operator o WHERE ('pg_operator'::regclass, o.oid) IN (SELECT * FROM m)
  UNION ALL
  SELECT format('opclass %s %s %s default %s [%s] [%s] comment %s', c.opcname, am.amname, c.opcintype::regtype,
                c.opcdefault,
                (SELECT string_agg(format('%s %s %s', ao.amopstrategy, ao.amopopr::regoperator, ao.amoppurpose), ', '
                                   ORDER BY ao.amopstrategy) FROM pg_amop ao WHERE ao.amopfamily = c.opcfamily),
                (SELECT string_agg(format('%s %s', ap.amprocnum, ap.amproc::regprocedure), ', '
                                   ORDER BY ap.amprocnum) FROM pg_amproc ap WHERE ap.amprocfamily = c.opcfamily),
                coalesce(obj_description(c.oid, 'pg_opclass'), '-'))
  FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
  WHERE ('pg_opclass'::regclass, c.oid) IN (SELECT * FROM m)
  UNION ALL
  SELECT format('cast %s %s %s %s %s comment %s', c.castsource::regtype, c.casttarget::regtype,
                c.castfunc::regprocedure, c.castcontext, c.castmethod, coalesce(obj_description(c.oid, 'pg_cast'), '-'))
  FROM pg_cast c WHERE ('pg_cast'::regclass, c.oid) IN (SELECT * FROM m)
  UNION ALL
  SELECT format('relation %s %s acl %s comment %s%s', r.name, r.relkind, coalesce(c.relacl::text, '-'),
                coalesce(obj_description(r.oid, 'pg_class'), '-'),
                CASE WHEN r.relkind IN ('v', 'm') THEN E'\n' || pg_get_viewdef(r.oid) ELSE '' END)
  FROM rel r JOIN pg_class c ON c.oid = r.oid
  UNION ALL
  SELECT format('column %s.%s %s notnull %s default %s identity %s generated %s acl %s comment %s', r.name, a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid),
                a.attidentity, a.attgenerated, coalesce(a.attacl::text, '-'),
                coalesce(col_description(r.oid, a.attnum), '-'))
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
  UNION ALL
  SELECT format('constraint %s %s %s comment %s', r.name, co.conname, pg_get_constraintdef(co.oid),
                coalesce(obj_description(co.oid, 'pg_constraint'), '-'))
  FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid
  UNION ALL
  SELECT format('index %s comment %s', pg_get_indexdef(i.indexrelid), coalesce(obj_description(i.indexrelid, 'pg_class'), '-'))
  FROM rel r JOIN pg_index i ON i.indrelid = r.oid
  UNION ALL
  SELECT format('trigger %s comment %s', pg_get_triggerdef(t.oid), coalesce(obj_description(t.oid, 'pg_trigger'), '-'))
  FROM rel r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
  UNION ALL
  SELECT format('schema %s acl %s comment %s', n.nspname, coalesce(n.nspacl::text, '-'),
                coalesce(obj_description(n.oid, 'pg_namespace'), '-'))
  FROM pg_namespace n WHERE n.nspname = 'palliative'
) AS s
ORDER BY line;
SQL
}

fresh() {
  dropdb --if-exists "$1" >/dev/null 2>&1
  createdb "$1" && psql -X -q -v ON_ERROR_STOP=1 -d "$1" \
    -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION palliative CASCADE' >/dev/null
}

# the snapshot is deterministic: two fresh installs agree
fresh palliative_upgrade_a && fresh palliative_upgrade_b
snapshot palliative_upgrade_a >"$work/a" && snapshot palliative_upgrade_b >"$work/b"
[ -s "$work/a" ] && diff -q "$work/a" "$work/b" >/dev/null
result $? "two fresh installs of $current have the same catalog snapshot ($(wc -l <"$work/a") lines)"

sqldir=${UPGRADE_SQLDIR:-sql}
scripts=$(ls "$sqldir"/palliative--*--*.sql 2>/dev/null)
if [ -z "$scripts" ]; then
  echo "SKIP upgrade path: no upgrade script sql/palliative--OLD--NEW.sql yet (version $current has never been released)"
else
  oldest=$(for f in $scripts; do basename "$f" .sql | sed 's/^palliative--\(.*\)--.*$/\1/'; done | sort -V | head -1)
  sharedir=$(pg_config --sharedir)
  if [ ! -f "$sharedir/extension/palliative--$oldest.sql" ]; then
    result 1 "the base script of $oldest (sql/palliative--$oldest.sql) is installed"
  else
    db=palliative_upgrade_old
    dropdb --if-exists "$db" >/dev/null 2>&1
    createdb "$db"
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'SET client_min_messages = warning' \
      -c "CREATE EXTENSION palliative VERSION '$oldest' CASCADE" -c 'ALTER EXTENSION palliative UPDATE' >/dev/null
    result $? "install $oldest and ALTER EXTENSION palliative UPDATE to $current"
    snapshot "$db" >"$work/up"
    diff "$work/a" "$work/up" >"$work/diff"
    result $? "the catalog after updating $oldest to $current is the same as a fresh install of $current"
    head -40 "$work/diff"
    dropdb "$db"
  fi
fi
dropdb palliative_upgrade_a
dropdb palliative_upgrade_b
echo "upgrade: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
