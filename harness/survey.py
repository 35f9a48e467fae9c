"""The live drift survey (seed lesson L1): compare what the database holds with what the
migrations define, before anything writes.

``fingerprint(conn)`` reads the catalog of our two schemas (``public``, ``cutter_governance``)
into a deterministic, JSON-serialisable dict: functions, triggers, policy keys, the privilege
matrix, the fixed lifecycle data, the shape of every table, and the schemas themselves. It
holds names and digests only (never OIDs, never the database name): roles are cluster-wide
and shared by many databases, so the fingerprint says only what this database's objects are.

``schema/fingerprints.json`` holds the fingerprint after every revision, generated from the
migrations by ``scripts/fingerprint``; tests/db/test_survey.py fails when it is stale.
``survey(conn)`` compares the live database with the fingerprint of its recorded revision and
returns a report whose every drift names the object, what was expected, what was found and how
to repair it. A database with no ``alembic_version`` (one that already carried the objects
before it came under migrations, lesson L7) is matched against every revision, so the DB team
knows which revision to ``alembic stamp``.

The survey holds ``SURVEY_LOCK`` exclusively while it reads; a cut takes it shared for its
transaction, so the survey never sees a cut half-done.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from harness.errors import CutterError

SURVEY_LOCK = (7177, 0)  # pg_advisory_lock key: the survey exclusive, a cut shared
# The per-document lock the SQL writers take (fn_iu_create, the lifecycle batch check,
# fn_iu_rollback): pg_advisory_xact_lock(DOCUMENT_LOCK, hashtext(doc_code)).
DOCUMENT_LOCK = 7175
SCHEMAS = ("cutter_governance", "public")
REPO = Path(__file__).resolve().parents[1]
# Found next to the package: the project is installed editable (scripts/bootstrap), as the
# migrations it describes are (harness.db.migrate_to_head reads alembic.ini the same way).
FINGERPRINTS = REPO / "schema" / "fingerprints.json"
FROZEN = REPO / "migrations" / "frozen"
# Fixed data rows, keyed by their primary key columns.
FIXED_DATA = {
    "public.iu_lifecycle_vocab": ("code",),
    "public.iu_lifecycle_transition": ("from_status", "to_status"),
}


class SurveyBusy(CutterError):
    """A cut held the survey lock longer than the survey would wait."""


# ---------------------------------------------------------------------------------------------
# Reading the catalog

_NOT_EXTENSION = """NOT EXISTS (SELECT 1 FROM pg_depend AS e
    WHERE e.classid = '{catalog}'::regclass AND e.objid = {oid} AND e.deptype = 'e')"""

_FUNCTIONS = f"""
SELECT format('%%I.%%I(%%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) AS identity,
       encode(sha256(convert_to(CASE WHEN p.prokind = 'a'
           THEN 'aggregate ' || pg_get_function_arguments(p.oid)
           ELSE pg_get_functiondef(p.oid) END, 'UTF8')), 'hex') AS definition,
       p.prosecdef AS security_definer, coalesce(p.proconfig, '{{}}') AS config,
       pg_get_userbyid(p.proowner) AS owner
FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(%(schemas)s) AND {_NOT_EXTENSION.format(catalog='pg_proc', oid='p.oid')}
"""

_TRIGGERS = """
SELECT format('%%I.%%I', n.nspname, c.relname) AS "table", t.tgname AS name,
       format('%%I.%%I(%%s)', fn.nspname, p.proname, oidvectortypes(p.proargtypes)) AS function,
       t.tgenabled::text AS enabled,
       encode(sha256(convert_to(pg_get_triggerdef(t.oid), 'UTF8')), 'hex') AS definition
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_proc AS p ON p.oid = t.tgfoid JOIN pg_namespace AS fn ON fn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND n.nspname = ANY(%(schemas)s)
"""

# Tables, views and sequences of our schemas; alembic_version is Alembic's bookkeeping, owned by
# whoever ran the migrations, and is read separately.
_RELATIONS = f"""
SELECT c.oid, format('%%I.%%I', n.nspname, c.relname) AS name,
       CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
           WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind,
       pg_get_userbyid(c.relowner) AS owner,
       CASE WHEN c.relforcerowsecurity THEN 'forced' WHEN c.relrowsecurity THEN 'enabled'
           ELSE 'off' END AS row_security,
       CASE WHEN c.relkind IN ('v', 'm') THEN encode(sha256(convert_to(
               pg_get_viewdef(c.oid), 'UTF8')), 'hex')
           WHEN c.relkind = 'S' THEN (SELECT format(
               '%%s start %%s increment %%s min %%s max %%s cache %%s%%s', format_type(s.seqtypid, NULL),
               s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
               CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END)
               FROM pg_sequence AS s WHERE s.seqrelid = c.oid) END AS definition,
       coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
           AS acl
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname = ANY(%(schemas)s)
  AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version')
  AND {_NOT_EXTENSION.format(catalog='pg_class', oid='c.oid')}
"""

_PARTS = """
SELECT 'columns' AS part, a.attrelid AS oid, a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attcollation <> ty.typcollation
              THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END
       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
       || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS ('
                   || pg_get_expr(d.adbin, d.adrelid) || ') STORED'
              WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid)
              ELSE '' END
       || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'
              WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END AS definition
FROM pg_attribute AS a JOIN pg_type AS ty ON ty.oid = a.atttypid
LEFT JOIN pg_collation AS co ON co.oid = a.attcollation
LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY(%(oids)s) AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraints', co.conrelid, co.conname::text, pg_get_constraintdef(co.oid)
FROM pg_constraint AS co WHERE co.conrelid = ANY(%(oids)s)
UNION ALL
SELECT 'indexes', i.indrelid, ic.relname::text, pg_get_indexdef(i.indexrelid)
FROM pg_index AS i JOIN pg_class AS ic ON ic.oid = i.indexrelid WHERE i.indrelid = ANY(%(oids)s)
UNION ALL
SELECT 'rls_policies', po.polrelid, po.polname::text,
       concat_ws(' ', po.polcmd::text, po.polpermissive::text,
                 (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END, ','
                                    ORDER BY 1) FROM unnest(po.polroles) AS r),
                 pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
FROM pg_policy AS po WHERE po.polrelid = ANY(%(oids)s)
"""

_PRIVILEGES = f"""
WITH objects (object, acl) AS (
    SELECT kind || ' ' || name, acl FROM ({_RELATIONS}) AS r
    UNION ALL
    SELECT 'function ' || format('%%I.%%I(%%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)),
           coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
    WHERE n.nspname = ANY(%(schemas)s) AND {_NOT_EXTENSION.format(catalog='pg_proc', oid='p.oid')}
    UNION ALL
    SELECT 'schema ' || quote_ident(n.nspname), coalesce(n.nspacl, acldefault('n', n.nspowner))
    FROM pg_namespace AS n WHERE n.nspname = ANY(%(schemas)s)
)
SELECT o.object, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee,
       a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END AS privilege
FROM objects AS o, aclexplode(o.acl) AS a
"""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    return value


def _rows(conn: psycopg.Connection, query: str, **params: Any) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        return cur.execute(query, params).fetchall()


def fingerprint(conn: psycopg.Connection) -> dict[str, Any]:
    """The fingerprint of the live database, read in the caller's transaction.

    Names are schema-qualified whatever the session's search_path (read_live sets it to
    pg_catalog alone for its transaction), so two databases with the same objects give the
    same fingerprint.
    """
    schemas = list(SCHEMAS)
    fp: dict[str, Any] = {
        "schemas": {r["nspname"]: {"owner": r["owner"]} for r in _rows(
            conn, "SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace"
                  " WHERE nspname = ANY(%(schemas)s)", schemas=schemas)},
        "functions": {r.pop("identity"): r for r in _rows(conn, _FUNCTIONS, schemas=schemas)},
        "triggers": {f"{r['table']}.{r['name']}": r for r in _rows(conn, _TRIGGERS, schemas=schemas)},
        "policy": {},
        "privileges": {},
        "tables": {},
        "fixed_data": {},
    }
    for r in _rows(conn, _PRIVILEGES, schemas=schemas):
        fp["privileges"].setdefault(r["object"], {}).setdefault(r["grantee"], []).append(r["privilege"])
    for grants in fp["privileges"].values():
        for privileges in grants.values():
            privileges.sort()

    relations = _rows(conn, _RELATIONS, schemas=schemas)
    by_oid: dict[int, dict[str, Any]] = {}
    for r in relations:
        entry = {"kind": r["kind"], "owner": r["owner"], "row_security": r["row_security"],
                 "definition": r["definition"], "columns": {}, "constraints": {}, "indexes": {},
                 "rls_policies": {}}
        fp["tables"][r["name"]] = by_oid[r["oid"]] = entry
    for r in _rows(conn, _PARTS, oids=list(by_oid)):
        # Columns are kept readable (a changed column shows both definitions); the longer
        # constraint, index and row-security definitions are digested.
        value = r["definition"] if r["part"] == "columns" else _digest(r["definition"])
        by_oid[r["oid"]][r["part"]][r["name"]] = value

    if "public.dot_config" in fp["tables"]:
        for r in _rows(conn, "SELECT key, value, value_pattern, description FROM public.dot_config"):
            fp["policy"][r["key"]] = {"value": r["value"], "value_pattern": r["value_pattern"],
                                      "description_digest": _digest(r["description"])}
    for table, key_columns in FIXED_DATA.items():
        if table not in fp["tables"]:
            continue
        schema, name = table.split(".")
        query = sql.SQL("SELECT to_jsonb(t) AS row FROM {}.{} AS t").format(
            sql.Identifier(schema), sql.Identifier(name))
        fp["fixed_data"][table] = {
            "/".join(str(r["row"][c]) for c in key_columns): r["row"] for r in _rows(conn, query)
        }
    return _sorted(fp)


def read_live(conn: psycopg.Connection) -> tuple[str | None, dict[str, Any]]:
    """The recorded Alembic revision (None when alembic_version is absent) and the fingerprint,
    from one read-only snapshot."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        conn.execute("SELECT set_config('search_path', 'pg_catalog', true)")
        revision = None
        if conn.execute("SELECT to_regclass('public.alembic_version')").fetchone()[0]:
            found = [r[0] for r in conn.execute(
                "SELECT version_num FROM public.alembic_version ORDER BY 1")]
            revision = ",".join(found) if found else None
        return revision, fingerprint(conn)


@contextlib.contextmanager
def survey_lock(conn: psycopg.Connection, wait_seconds: float = 30.0) -> Iterator[None]:
    """Hold SURVEY_LOCK exclusively (session level) for the block, waiting at most wait_seconds
    for a cut in progress to commit."""
    try:
        with conn.transaction():
            conn.execute("SELECT set_config('lock_timeout', %s, true)",
                         (f"{max(1, round(wait_seconds * 1000))}ms",))
            conn.execute("SELECT pg_advisory_lock(%s::int4, %s::int4)", SURVEY_LOCK)
    except psycopg.errors.LockNotAvailable as exc:
        raise SurveyBusy(
            f"a cut held the survey lock (advisory {SURVEY_LOCK[0]}, {SURVEY_LOCK[1]}) for more "
            f"than {wait_seconds:g} s: the survey did not read a database in mid-cut",
            detail="who holds it: SELECT pid, application_name, state FROM pg_stat_activity WHERE pid "
                   "IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                   f"{SURVEY_LOCK[0]} AND objid = {SURVEY_LOCK[1]})",
            hint="run the survey again when the cut has committed, or wait longer (--wait)",
        ) from exc
    try:
        yield
    finally:
        if not conn.closed:
            conn.execute("SELECT pg_advisory_unlock(%s::int4, %s::int4)", SURVEY_LOCK)


# ---------------------------------------------------------------------------------------------
# Comparing


@dataclass(frozen=True)
class Drift:
    """One difference between the database and what the migrations define."""

    kind: str
    object: str
    message: str
    expected: Any
    found: Any
    repair: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(value).lower()
    return "'" + str(value).replace("'", "''") + "'"


def _role(name: str) -> str:
    return name if name == "PUBLIC" or re.fullmatch(r"[a-z_][a-z0-9_$]*", name) else f'"{name}"'


@functools.cache
def _known_revisions() -> tuple[str, ...]:
    return tuple(load_fingerprints()["revisions"]) if FINGERPRINTS.exists() else ()


@functools.cache
def _frozen_source(folder: str, pattern: str, revision: str | None) -> str | None:
    """The newest frozen file under folder (functions, triggers, ...), up to revision, whose SQL
    matches pattern: where the object's definition at that revision lives."""
    revisions = list(_known_revisions())
    if revision in revisions:
        revisions = revisions[: revisions.index(revision) + 1]
    for rev in reversed(revisions):
        for path in sorted((FROZEN / rev / folder).rglob("*.sql")):
            if re.search(pattern, path.read_text(encoding="utf-8")):
                return str(path.relative_to(REPO))
    return None


def _restore(what: str, folder: str, pattern: str, revision: str | None, how: str = "") -> str:
    source = _frozen_source(folder, pattern, revision)
    at = f"revision {revision}" if revision else "the expected revision"
    if source:
        return (f"restore {what} as {at} defines it: run the statements that create it from "
                f"{source} (a clean checkout) in one transaction as the DB team{how}")
    return f"restore {what} as {at} defines it: re-run that revision's migration from a clean checkout"


def _function_pattern(identity: str) -> str:
    return rf"CREATE (OR REPLACE )?FUNCTION {re.escape(identity.split('(')[0])}\s*\("


def _grant_target(obj: str) -> str:
    kind, name = obj.split(" ", 1)
    keyword = {"sequence": "SEQUENCE", "function": "FUNCTION", "schema": "SCHEMA"}.get(kind, "TABLE")
    return f"{keyword} {name}"


def _split(expected: dict, found: dict) -> tuple[list, list, list]:
    return ([k for k in expected if k not in found], [k for k in found if k not in expected],
            [k for k in expected if k in found])


def _compare_schemas(exp: dict, live: dict, revision: str | None) -> Iterator[Drift]:
    missing, extra, common = _split(exp, live)
    for name in missing:
        yield Drift("schema_missing", f"schema {name}", f"schema {name} is missing", exp[name], None,
                    _restore(f"schema {name} and its objects", "schemas", rf"CREATE SCHEMA {name}\b",
                             revision))
    for name in extra:
        yield Drift("extra_schema", f"schema {name}", f"schema {name} exists but the revision has none",
                    None, live[name], f"DROP SCHEMA {name} after checking nothing uses it, or "
                    "alembic upgrade to the revision that creates it")
    for name in common:
        if exp[name]["owner"] != live[name]["owner"]:
            yield Drift("schema_owner_changed", f"schema {name}",
                        f"schema {name} is owned by {live[name]['owner']}", exp[name]["owner"],
                        live[name]["owner"], f"ALTER SCHEMA {name} OWNER TO {_role(exp[name]['owner'])};")


def _compare_functions(exp: dict, live: dict, revision: str | None) -> Iterator[Drift]:
    missing, extra, common = _split(exp, live)
    for fn in missing:
        yield Drift("function_missing", f"function {fn}", f"function {fn} is missing", exp[fn], None,
                    _restore(f"function {fn}", "functions", _function_pattern(fn), revision))
    for fn in extra:
        definer = live[fn]["security_definer"]
        yield Drift(
            "extra_security_definer_function" if definer else "extra_function", f"function {fn}",
            f"function {fn} is not defined by the migrations"
            + (" and runs SECURITY DEFINER as " + live[fn]["owner"] if definer else ""),
            None, live[fn], f"DROP FUNCTION {fn}; after finding who created it (or ship it in a "
            "migration if it belongs)")
    for fn in common:
        e, f = exp[fn], live[fn]
        restore = _restore(f"function {fn}", "functions", _function_pattern(fn), revision,
                           ", as CREATE OR REPLACE FUNCTION (it exists)")
        if e["owner"] != f["owner"]:
            yield Drift("function_owner_changed", f"function {fn}", f"function {fn} is owned by "
                        f"{f['owner']}", e["owner"], f["owner"],
                        f"ALTER FUNCTION {fn} OWNER TO {_role(e['owner'])};")
        if e["security_definer"] != f["security_definer"]:
            mode = "DEFINER" if e["security_definer"] else "INVOKER"
            yield Drift("function_security_changed", f"function {fn}",
                        f"function {fn} is SECURITY {'DEFINER' if f['security_definer'] else 'INVOKER'}",
                        e["security_definer"], f["security_definer"],
                        f"ALTER FUNCTION {fn} SECURITY {mode}; then check its body: {restore}")
        if e["config"] != f["config"]:
            settings = " ".join(f"SET {s.split('=', 1)[0]} = {s.split('=', 1)[1]}" for s in e["config"])
            yield Drift("function_config_changed", f"function {fn}", f"function {fn} runs with "
                        f"{', '.join(f['config']) or 'no SET clause'} instead of "
                        f"{', '.join(e['config']) or 'none'}", e["config"], f["config"],
                        f"ALTER FUNCTION {fn} RESET ALL{' ' + settings if settings else ''};")
        flags_same = e["security_definer"] == f["security_definer"] and e["config"] == f["config"]
        if flags_same and e["definition"] != f["definition"]:
            yield Drift("function_changed", f"function {fn}", f"function {fn} has another definition "
                        "than the migrations installed", e["definition"], f["definition"], restore)


_TRIGGER_STATE = {"O": "ENABLE", "D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}


def _compare_triggers(exp: dict, live: dict, revision: str | None) -> Iterator[Drift]:
    missing, extra, common = _split(exp, live)
    for key in missing:
        t = exp[key]
        yield Drift("trigger_missing", f"trigger {t['name']} on {t['table']}",
                    f"trigger {t['name']} on {t['table']} is missing", t, None,
                    _restore(f"trigger {t['name']} on {t['table']}", "triggers",
                             rf"CREATE (CONSTRAINT )?TRIGGER {re.escape(t['name'])}\b", revision))
    for key in extra:
        t = live[key]
        yield Drift("extra_trigger", f"trigger {t['name']} on {t['table']}",
                    f"trigger {t['name']} on {t['table']} (calls {t['function']}) is not defined by "
                    "the migrations", None, t, f"DROP TRIGGER {t['name']} ON {t['table']}; after "
                    "finding who created it")
    for key in common:
        e, f = exp[key], live[key]
        obj = f"trigger {e['name']} on {e['table']}"
        if e["enabled"] != f["enabled"]:
            state = _TRIGGER_STATE.get(e["enabled"], "ENABLE")
            yield Drift("trigger_disabled" if f["enabled"] == "D" else "trigger_state_changed", obj,
                        f"{obj} is {_TRIGGER_STATE.get(f['enabled'], f['enabled']).lower()}d",
                        e["enabled"], f["enabled"],
                        f"ALTER TABLE {e['table']} {state} TRIGGER {e['name']};")
        if e["definition"] != f["definition"]:
            yield Drift("trigger_changed", obj, f"{obj} has another definition (calls "
                        f"{f['function']})", e, f,
                        _restore(obj, "triggers", rf"CREATE (CONSTRAINT )?TRIGGER {re.escape(e['name'])}\b",
                                 revision, f", after DROP TRIGGER {e['name']} ON {e['table']}"))


def _compare_policy(exp: dict, live: dict, revision: str | None) -> Iterator[Drift]:
    missing, extra, common = _split(exp, live)
    seed = "the sql/policy_seeds file that defines it"
    for key in missing:
        source = _frozen_source("policy_seeds", re.escape(_literal(key)), revision) or seed
        yield Drift("policy_missing", f"policy {key}", f"policy key {key} is missing from dot_config",
                    exp[key], None, f"restore the key through the DBA path (as iu_owner): re-run its "
                    f"INSERT ... ON CONFLICT from {source}")
    for key in extra:
        yield Drift("policy_extra", f"policy {key}", f"policy key {key} = {live[key]['value']!r} is not "
                    "seeded by the migrations", None, live[key],
                    f"DELETE FROM public.dot_config WHERE key = {_literal(key)}; through the DBA path, "
                    "or ship the key in a migration if it is meant to stay")
    for key in common:
        e, f = exp[key], live[key]
        fields = [name for name in e if e[name] != f.get(name)]
        if not fields:
            continue
        if fields == ["value"]:
            repair = (f"UPDATE public.dot_config SET value = {_literal(e['value'])} WHERE key = "
                      f"{_literal(key)}; through the DBA path (as iu_owner), or ship the new value in "
                      "a migration if the change is intended")
        else:
            source = _frozen_source("policy_seeds", re.escape(_literal(key)), revision) or seed
            repair = (f"re-run the key's INSERT ... ON CONFLICT from {source} through the DBA path "
                      "(as iu_owner), or ship the change in a migration if it is intended")
        yield Drift("policy_changed", f"policy {key}",
                    f"policy key {key} differs in {', '.join(fields)}"
                    + (f": {e['value']!r} expected, {f['value']!r} found" if "value" in fields else ""),
                    {n: e[n] for n in fields}, {n: f.get(n) for n in fields}, repair)


def _compare_privileges(exp: dict, live: dict, objects: set[str]) -> Iterator[Drift]:
    for obj in sorted(objects):
        e_grants, f_grants = exp.get(obj, {}), live.get(obj, {})
        for grantee in sorted(set(e_grants) | set(f_grants)):
            e = {p.rstrip("*"): p.endswith("*") for p in e_grants.get(grantee, [])}
            f = {p.rstrip("*"): p.endswith("*") for p in f_grants.get(grantee, [])}
            target, role = _grant_target(obj), _role(grantee)
            for priv in sorted(set(f) - set(e)):
                yield Drift("grant_extra", f"{obj} to {grantee}", f"{grantee} holds {priv} on {obj}, "
                            "which the migrations do not grant", None, priv,
                            f"REVOKE {priv} ON {target} FROM {role};")
            for priv in sorted(set(e) - set(f)):
                yield Drift("grant_missing", f"{obj} to {grantee}", f"{grantee} lacks {priv} on {obj}",
                            priv, None, f"GRANT {priv} ON {target} TO {role}"
                            + (" WITH GRANT OPTION;" if e[priv] else ";"))
            for priv in sorted(p for p in set(e) & set(f) if e[p] != f[p]):
                repair = (f"GRANT {priv} ON {target} TO {role} WITH GRANT OPTION;" if e[priv]
                          else f"REVOKE GRANT OPTION FOR {priv} ON {target} FROM {role};")
                yield Drift("grant_option_changed", f"{obj} to {grantee}",
                            f"{grantee} {'holds' if f[priv] else 'lacks'} the grant option for {priv} "
                            f"on {obj}", e[priv], f[priv], repair)


def _compare_tables(exp: dict, live: dict, revision: str | None) -> Iterator[Drift]:
    missing, extra, common = _split(exp, live)
    for name in missing:
        yield Drift("table_missing", f"{exp[name]['kind']} {name}", f"{exp[name]['kind']} {name} is "
                    "missing", exp[name]["kind"], None,
                    _restore(f"{exp[name]['kind']} {name}", "tables", rf"CREATE \w*\s*(TABLE|VIEW|SEQUENCE) "
                             rf"{re.escape(name)}\b", revision))
    for name in extra:
        yield Drift("extra_table", f"{live[name]['kind']} {name}", f"{live[name]['kind']} {name} is not "
                    "defined by the migrations", None, live[name]["kind"],
                    f"find who created {name}; drop it, or ship it in a migration if it belongs")
    for name in common:
        e, f = exp[name], live[name]
        obj = f"{e['kind']} {name}"
        if e["owner"] != f["owner"]:
            yield Drift("table_owner_changed", obj, f"{obj} is owned by {f['owner']}", e["owner"],
                        f["owner"], f"ALTER {'SEQUENCE' if e['kind'] == 'sequence' else 'TABLE'} "
                        f"{name} OWNER TO {_role(e['owner'])};")
        for part in ("kind", "row_security", "definition"):
            if e[part] != f[part]:
                yield Drift("table_changed", obj, f"{obj}: {part.replace('_', ' ')} differs", e[part],
                            f[part], f"compare \\d+ {name} with schema/schema.sql and restore it "
                            "through a migration")
        for part in ("columns", "constraints", "indexes", "rls_policies"):
            what = {"columns": "column", "constraints": "constraint", "indexes": "index",
                    "rls_policies": "row security policy"}[part]
            gone, added, both = _split(e[part], f[part])
            changes = ([(item, "missing", e[part][item], None) for item in gone]
                       + [(item, "not defined by the migrations", None, f[part][item]) for item in added]
                       + [(item, "changed", e[part][item], f[part][item]) for item in both
                          if e[part][item] != f[part][item]])
            for item, how, expected, found in changes:
                yield Drift("table_changed", f"{what} {item} of {name}", f"{what} {item} of {name} is {how}",
                            expected, found, f"compare \\d+ {name} with schema/schema.sql (the shape at "
                            f"head) and restore the {what} through a migration")


def _compare_fixed_data(exp: dict, live: dict) -> Iterator[Drift]:
    for table in sorted(set(exp) & set(live)):
        e_rows, f_rows = exp[table], live[table]
        for key in sorted(set(e_rows) | set(f_rows)):
            e, f = e_rows.get(key), f_rows.get(key)
            if e == f:
                continue
            row = e or f
            where = " AND ".join(f"{c} = {_literal(row[c])}" for c in FIXED_DATA[table])
            if f is None:
                message, expected, found = f"{table} lacks the row {key}", e, None
                statement = (f"INSERT INTO {table} ({', '.join(e)}) VALUES "
                             f"({', '.join(_literal(v) for v in e.values())});")
            elif e is None:
                message, expected, found = f"{table} holds a row {key} the migrations do not define", None, f
                statement = f"DELETE FROM {table} WHERE {where};"
            else:
                changed = [c for c in e if e[c] != f.get(c)] + [c for c in f if c not in e]
                message = f"{table} row {key} differs in {', '.join(changed)}"
                expected, found = {c: e.get(c) for c in changed}, {c: f.get(c) for c in changed}
                statement = (f"UPDATE {table} SET {', '.join(f'{c} = {_literal(e.get(c))}' for c in changed)}"
                             f" WHERE {where};")
            yield Drift("vocabulary_changed", f"{table} row {key}", message, expected, found,
                        f"fixed data, whose guard trigger refuses every write: as the DB team, in one "
                        f"transaction: ALTER TABLE {table} DISABLE TRIGGER USER; {statement} "
                        f"ALTER TABLE {table} ENABLE TRIGGER USER;")


def compare(expected: dict[str, Any], live: dict[str, Any], *, revision: str | None = None) -> list[Drift]:
    """Every difference between an expected fingerprint and a live one. revision (the one the
    expected fingerprint belongs to) lets the repairs point at the migration files that define
    a missing or changed object."""
    common_objects = set(expected["privileges"]) & set(live["privileges"])
    return [
        *_compare_schemas(expected["schemas"], live["schemas"], revision),
        *_compare_functions(expected["functions"], live["functions"], revision),
        *_compare_triggers(expected["triggers"], live["triggers"], revision),
        *_compare_policy(expected["policy"], live["policy"], revision),
        *_compare_privileges(expected["privileges"], live["privileges"], common_objects),
        *_compare_tables(expected["tables"], live["tables"], revision),
        *_compare_fixed_data(expected["fixed_data"], live["fixed_data"]),
    ]


# ---------------------------------------------------------------------------------------------
# The survey


@dataclass
class SurveyReport:
    revision: str | None  # as recorded in alembic_version; None when the table is absent
    expected_revision: str  # whose fingerprint the database was compared with
    drift: list[Drift]
    checked: dict[str, int]
    adoption: dict[str, Any] | None = None  # only for a database without alembic_version
    head: str = ""

    @property
    def clean(self) -> bool:
        return not self.drift

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "expected_revision": self.expected_revision,
            "head": self.head,
            "clean": self.clean,
            "checked": self.checked,
            "drift": [d.to_json() for d in self.drift],
            "adoption": self.adoption,
        }


def load_fingerprints(path: Path = FINGERPRINTS) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CutterError(f"{path} is missing", hint="run scripts/fingerprint from a clean checkout") from exc


def checked_counts(fp: dict[str, Any]) -> dict[str, int]:
    return {
        "schemas": len(fp["schemas"]),
        "functions": len(fp["functions"]),
        "triggers": len(fp["triggers"]),
        "policy_keys": len(fp["policy"]),
        "privileges": sum(len(p) for grants in fp["privileges"].values() for p in grants.values()),
        "tables": len(fp["tables"]),
        "fixed_rows": sum(len(rows) for rows in fp["fixed_data"].values()),
    }


def survey(conn: psycopg.Connection, *, wait_seconds: float = 30.0,
           fingerprints: dict[str, Any] | None = None) -> SurveyReport:
    """Compare the live database (an autocommit connection) with what the migrations define."""
    known = fingerprints or load_fingerprints()
    revisions: dict[str, Any] = known["revisions"]
    head = known["head"]
    with survey_lock(conn, wait_seconds):
        revision, live = read_live(conn)

    if revision is None:
        return _adoption(live, revisions, head)
    expected_revision = revision if revision in revisions else head
    drift = compare(revisions[expected_revision], live, revision=expected_revision)
    if revision != head:
        known_here = revision in revisions
        drift.insert(0, Drift(
            "revision_mismatch", "public.alembic_version",
            f"the database is at revision {revision}, "
            + ("not at head " + head if known_here else f"which this checkout does not know (head {head})"),
            head, revision,
            "alembic upgrade head (alembic upgrade head --sql to review the script first)"
            if known_here else "survey it from a checkout that has this revision (git pull)"))
    return SurveyReport(revision, expected_revision, drift, checked_counts(revisions[expected_revision]),
                        head=head)


def _adoption(live: dict[str, Any], revisions: dict[str, Any], head: str) -> SurveyReport:
    """No alembic_version: which revision do the live objects match (lesson L7)?"""
    order = list(revisions)
    results = {rev: compare(fp, live, revision=rev) for rev, fp in revisions.items()}
    exact = [rev for rev in order if not results[rev]]
    matches = exact[-1] if exact else None
    closest = matches or min(reversed(order), key=lambda rev: len(results[rev]))
    drift = results[closest]
    adoption = {
        "matches": matches,
        "closest": closest,
        "differences": [d.to_json() for d in drift],
        "also_matches": exact[:-1],
    }
    action = (f"alembic stamp {matches}" if matches else
              f"repair the {len(drift)} difference(s) from revision {closest} listed, survey again, "
              f"then alembic stamp {closest}")
    drift = [Drift(
        "revision_unrecorded", "public.alembic_version",
        "the database has no alembic_version: its objects "
        + (f"match revision {matches} exactly" if matches else
           f"match no revision; the closest is {closest} ({len(drift)} difference(s))"),
        matches or closest, None, action), *drift]
    return SurveyReport(None, closest, drift, checked_counts(revisions[closest]), adoption, head=head)


# ---------------------------------------------------------------------------------------------
# Generating schema/fingerprints.json (scripts/fingerprint)


def _alembic_config(url: str):
    from alembic.config import Config

    cfg = Config(str(REPO / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO / "migrations"))
    cfg.attributes["configure_logger"] = False
    cfg.attributes["database_url"] = url
    return cfg


def build_fingerprints(server_url: str) -> dict[str, Any]:
    """Migrate a scratch database on the server of server_url (a postgresql:// URL; its
    database name is not used) one revision at a time, from base to head, and fingerprint it
    after each."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import make_url

    scratch = f"iu_fingerprint_{os.getpid()}"
    server = make_url(server_url)
    admin_url = server.set(database="postgres").render_as_string(hide_password=False)
    url = server.set(database=scratch).render_as_string(hide_password=False)
    cfg = _alembic_config(url)
    script = ScriptDirectory.from_config(cfg)
    order = [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        revisions = {}
        for rev in order:
            command.upgrade(cfg, rev)
            with psycopg.connect(url, autocommit=True) as conn:
                found, revisions[rev] = read_live(conn)
            if found != rev:
                raise RuntimeError(f"the scratch database should be at {rev}, it is at {found}")
        return {"head": order[-1], "revisions": revisions}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))


def dumps(value: Any, depth: int = 0) -> str:
    """JSON with one line per object of a fingerprint section: compact, and a changed object is
    a changed line in review."""
    if depth == 4 or not isinstance(value, dict) or not value:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    pad = " " * (depth + 1)
    body = ",\n".join(f"{pad}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in value.items())
    return "{\n" + body + "\n" + " " * depth + "}"


def main() -> int:
    from harness.config import database_url

    data = build_fingerprints(database_url())
    FINGERPRINTS.parent.mkdir(exist_ok=True)
    FINGERPRINTS.write_text(dumps(data) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINTS.relative_to(REPO)}: {len(data['revisions'])} revisions, head {data['head']}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
