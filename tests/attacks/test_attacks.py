"""Every attack on the gateway and on governance, in one place, each refused with NOTHING written.

Each test plays one attack against a real database (a clone of the migrated template, seeded
with an enacted document, a recorded draft cut and a draft outside any change set) and asserts
the exact SQLSTATE, or the CLI's exit code and its one JSON object, and a clear message. Around
every refusal `nothing_written` compares the footprint of the database before and after: every
row of every table in `public` and `cutter_governance` (count and digest), every trigger and
whether it is enabled, every function's definition, flags, owner and search_path, the table
privileges and who may act as `iu_owner`. Only the detector's counters move (sequences are not
transactional: that is the point of them); where an attempt must be counted, the test checks it
was counted exactly once.

The attacks, in the order of the sections below:

1. search_path hijack: functions and operators planted in a schema ahead of pg_catalog and
   shadows planted in pg_temp, then every gateway writer and reader called under that path;
   the planted objects must never run and every result must equal a clean run's. Plus the
   catalog check behind it (every SECURITY DEFINER function pins its path) and a static scan
   for relation names a body leaves unqualified.
2. SET ROLE to a role the login is not a member of.
3. a hand-set marker (SET / set_config of app.canonical_writer) on every guarded table.
4. `migration:` markers without a valid exemption.
5. SQL injection in addresses, titles, bodies, actor names and reasons, through the functions
   and through `iu-cutter cut` / `run`.
6. NUL bytes, invalid UTF-8, oversized bodies and sources, over-limit unit counts (policy IU009),
   with the memory a refusal costs measured.
7. an approval forged by writing cutter_governance.review_decision directly.
8. replayed Ed25519 signatures, and a keyless one under a key of small order.

Heavy sizes run reduced by default, still over the policy limit; with IU_FULL=1 they run at
full size against the shipped limits (100 MB bodies, 10 million units).

Where an attack succeeds today (a product gap), the test that exposes it is kept and marked
``xfail(strict=True, raises=ProductGap)``: only the gap itself (a ProductGap raised at the point
where the product should have refused) is expected; any other failure fails the test, and the
day the gap is closed the test passes, which strict mode reports as a failure until the marker
is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from harness import governance, keys
from tests.conftest import (
    SAMPLE,
    as_role,
    captured_notices,
    cloned_database,
    connect,
    create_units,
    raises_sqlstate,
    set_policy,
    unique_dbname,
)
from tests.db.governed import (
    content_hash,
    cut,
    digest,
    enact,
    hashes,
    review,
    signatures_unchecked_on_insert,
    verify,
)

FULL = os.environ.get("IU_FULL") == "1"
G = "cutter_governance"
EXEC, VERIFIER, REVIEWER, READER = "cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader"
LANE_ROLES = (EXEC, VERIFIER, REVIEWER, READER)
CLI = Path(sys.executable).with_name("iu-cutter")
MIB = 1024 * 1024

ENACTED = [a for a, _ in SAMPLE]
LAW = [
    ("ICX-LAW", "Law on the Assembly"),
    ("ICX-LAW/art_1", "Article 1. The Assembly meets in public."),
    ("ICX-LAW/art_1/para_1", "1. Its sittings are broadcast."),
]
LAW_ADDRESSES = [a for a, _ in LAW]
NOTE = ("ICX-NOTE", "A draft note, outside any change set.")


class ProductGap(AssertionError):
    """The attack succeeded: the product did not refuse where it should have."""


def gap(message: str) -> None:
    raise ProductGap(message)


# --------------------------------------------------------------------------------------------
# The footprint: what "nothing written" means


def footprint(conn: psycopg.Connection) -> dict[str, object]:
    """Every row of every table in our schemas, and the catalog facts an attack could change.
    Read as the superuser, outside any transaction."""
    assert conn.execute("SELECT current_user = session_user").fetchone() == (True,), "still in a lane role"
    tables = [r[0] for r in conn.execute(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class AS c"
        " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname IN ('public', 'cutter_governance') AND c.relkind IN ('r', 'p')"
        " ORDER BY 1")]
    state: dict[str, object] = {
        table: conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), ''))"
            f" FROM {table} AS x").fetchone()
        for table in tables
    }
    state["catalog: triggers"] = conn.execute(
        "SELECT array_agg(format('%s.%s=%s', tgrelid::regclass, tgname, tgenabled)"
        "                 ORDER BY format('%s.%s', tgrelid::regclass, tgname))"
        " FROM pg_trigger WHERE NOT tgisinternal").fetchone()[0]
    state["catalog: functions"] = conn.execute(
        "SELECT md5(string_agg(format('%s|%s|%s|%s|%s|%s', p.oid::regprocedure, p.prosecdef,"
        "   p.proconfig, pg_get_userbyid(p.proowner), p.proacl, md5(p.prosrc)), ','"
        "   ORDER BY p.oid::regprocedure::text))"
        " FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace"
        " WHERE n.nspname IN ('public', 'cutter_governance')").fetchone()[0]
    state["catalog: relations"] = conn.execute(
        "SELECT md5(string_agg(format('%s|%s|%s|%s', c.oid::regclass, c.relkind,"
        "   pg_get_userbyid(c.relowner), c.relacl), ',' ORDER BY c.oid::regclass::text))"
        " FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname IN ('public', 'cutter_governance')").fetchone()[0]
    state["catalog: iu_owner members"] = conn.execute(
        "SELECT array_agg(member::regrole::text ORDER BY member::regrole::text)"
        " FROM pg_auth_members WHERE roleid = 'iu_owner'::regrole").fetchone()[0]
    return state


@contextlib.contextmanager
def nothing_written(conn: psycopg.Connection) -> Iterator[None]:
    """Prove the block left the database exactly as it found it."""
    before = footprint(conn)
    yield
    after = footprint(conn)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the refused attack left a trace in {changed}"


def detector(conn: psycopg.Connection) -> dict[str, int]:
    return {m: v for m, v, _ in conn.execute("SELECT * FROM public.fn_iu_gateway_detector_report()")}


@contextlib.contextmanager
def counted(conn: psycopg.Connection, *, forged: int, refused: int) -> Iterator[None]:
    """The detector counted exactly this many forged markers and refused writes in the block."""
    before = detector(conn)
    yield
    after = detector(conn)
    assert after["forged_markers"] - before["forged_markers"] == forged, (before, after)
    assert after["refused_writes"] - before["refused_writes"] == refused, (before, after)


# --------------------------------------------------------------------------------------------
# The world every attack runs against


@dataclass(frozen=True)
class Keyring:
    home: Path
    signers: dict[str, keys.Signer]


@dataclass(frozen=True)
class Seed:
    template: str
    enacted_cs: uuid.UUID
    decision: uuid.UUID
    draft_cs: uuid.UUID


@dataclass
class CliResult:
    code: int
    out: dict | None
    stdout: str
    stderr: str
    peak_rss_mib: float | None
    seconds: float


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "sys.stderr.write('\\npeak_rss_kib=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def iu_cutter(url: str, home: Path, *args: str, measure: bool = False, timeout: int = 900) -> CliResult:
    """The real iu-cutter in a subprocess with --json; with measure, its peak RSS (getrusage of
    a fresh parent whose only child it is)."""
    env = dict(os.environ, DATABASE_URL=url, IU_CUTTER_HOME=str(home))
    command = [str(CLI), *args, "--json"]
    if measure:
        command = [sys.executable, "-c", _MEASURE, *command]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    seconds = time.monotonic() - started
    lines = result.stdout.strip().splitlines()
    payload = json.loads(lines[0]) if len(lines) == 1 else None
    peak = re.search(r"peak_rss_kib=(\d+)", result.stderr)
    return CliResult(result.returncode, payload, result.stdout, result.stderr,
                     int(peak[1]) / 1024 if peak else None, seconds)


def refused(result: CliResult, code: int) -> dict:
    """The CLI exited with this code and printed exactly one JSON object."""
    assert result.code == code, (result.code, result.stdout, result.stderr[-2000:])
    assert result.out is not None, (
        f"--json prints exactly one object: {result.stdout!r} {result.stderr[-2000:]}")
    return result.out


@dataclass
class World:
    conn: psycopg.Connection
    server: object
    dbname: str
    seed: Seed
    keyring: Keyring

    @property
    def signers(self) -> dict[str, keys.Signer]:
        return self.keyring.signers

    def url(self, user: str | None = None) -> str:
        if user is None:
            return self.server.uri(self.dbname)
        return f"postgresql://{user}@{self.server.host}:{self.server.port}/{self.dbname}"

    def cli(self, *args: str, user: str | None = None, **kw) -> CliResult:
        return iu_cutter(self.url(user), self.keyring.home, *args, **kw)


@pytest.fixture(scope="module")
def keyring(tmp_path_factory) -> Keyring:
    home = tmp_path_factory.mktemp("iu-cutter-home")
    return Keyring(home, {n: keys.load_or_create(n, home) for n in ("alice", "victor", "rita", "mallory")})


@pytest.fixture(scope="module")
def seed(server, template_db, keyring) -> Iterator[Seed]:
    """A template: ICX-CONST cut by alice, verified by victor, approved by rita and enacted;
    ICX-LAW cut and recorded (drafts); ICX-NOTE a draft outside any change set."""
    name = unique_dbname("iu_atk_seed")
    janitor = server.janitor(name, template=template_db)
    janitor.init()
    try:
        with connect(server, name) as conn:
            enacted_cs = cut(conn, keyring.signers["alice"])
            verify(conn, enacted_cs, keyring.signers["victor"])
            decision = review(conn, keyring.signers["rita"], change_set_id=enacted_cs)
            enact(conn, ENACTED, decision)
            draft_cs = cut(conn, keyring.signers["alice"], LAW)
            create_units(conn, [NOTE])
        with connect(server, "postgres") as admin:
            admin.execute(f'ALTER DATABASE "{name}" WITH is_template true')
        yield Seed(name, enacted_cs, decision, draft_cs)
    finally:
        with connect(server, "postgres") as admin:
            admin.execute(f'ALTER DATABASE "{name}" WITH is_template false')
        janitor.drop()


@contextlib.contextmanager
def _world(server, seed: Seed, keyring: Keyring, prefix: str) -> Iterator[World]:
    with cloned_database(server, seed.template, prefix=prefix) as name, connect(server, name) as conn:
        yield World(conn, server, name, seed, keyring)


@pytest.fixture(scope="module")
def shared(server, seed, keyring) -> Iterator[World]:
    """One seeded database for the attacks that are refused: each proves it wrote nothing, so
    they can share it."""
    with _world(server, seed, keyring, "iu_atk_s") as world:
        yield world


@pytest.fixture
def world(server, seed, keyring) -> Iterator[World]:
    """A fresh seeded database, for attacks that write (or succeed)."""
    with _world(server, seed, keyring, "iu_atk_w") as world:
        yield world


# ============================================================================================
# 1. search_path hijack


def _search_path(config: list[str] | None) -> list[str] | None:
    for item in config or []:
        if item.startswith("search_path="):
            return [p.strip().strip('"') for p in item.split("=", 1)[1].split(",")]
    return None


def test_every_security_definer_function_pins_a_search_path_no_caller_can_plant_in(catalog):
    rows = catalog.execute(
        "SELECT p.oid::regprocedure::text, n.nspname, p.proconfig, pg_get_userbyid(p.proowner),"
        "       has_function_privilege('public', p.oid, 'EXECUTE')"
        " FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace"
        " WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')").fetchall()
    assert len(rows) >= 30, f"expected every gateway and governance definer, found {len(rows)}"
    problems = []
    for signature, schema, config, owner, public_execute in rows:
        if schema not in ("public", "cutter_governance"):
            problems.append(f"{signature}: a SECURITY DEFINER function outside our schemas")
        if owner != "iu_owner":
            problems.append(f"{signature}: owned by {owner}")
        if public_execute:
            problems.append(f"{signature}: PUBLIC may execute it")
        path = _search_path(config)
        if path is None:
            problems.append(f"{signature}: search_path is not pinned")
            continue
        if path[0] != "pg_catalog" or path[-1] != "pg_temp":
            problems.append(f"{signature}: search_path {path} must start with pg_catalog, end with pg_temp")
        for middle in path[1:-1]:
            # an own schema in between is safe only if nobody but its owner, iu_owner, can create in it
            found = catalog.execute(
                "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = %s", (middle,)).fetchone()
            if found is None or found[0] != "iu_owner":
                problems.append(f"{signature}: search_path names {middle}, not a schema iu_owner owns")
                continue
            for role in (*LANE_ROLES, "public"):
                creates = catalog.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", (role, middle))
                if creates.fetchone()[0]:
                    problems.append(f"{signature}: {role} may create objects in {middle}, on its search_path")
    assert not problems, "\n".join(problems)


_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_STRINGS = re.compile(r"'(?:[^']|'')*'")
_RELATION_POSITION = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE|ONLY)\s+([A-Za-z_][\w$]*)\b(\s*\.)?", re.I)
_TYPE_REFERENCE = re.compile(r"(?<![\w.$])([A-Za-z_][\w$]*)(?:\.[A-Za-z_][\w$]*)?%(?:ROW)?TYPE", re.I)
_REGCLASS_LITERAL = re.compile(
    r"'([A-Za-z_][\w$]*)'\s*::\s*(?:pg_catalog\.)?regclass|nextval\(\s*'([A-Za-z_][\w$]*)'", re.I)


def _unqualified_relations(source: str, names: set[str]) -> set[str]:
    """Our relation names a function body uses without their schema: under the pinned path
    `pg_catalog, pg_temp` such a name would resolve to a caller's temporary table."""
    found = {m[1] or m[2] for m in _REGCLASS_LITERAL.finditer(source)} & names
    code = _STRINGS.sub("''", _COMMENTS.sub(" ", source))
    found |= {m[1] for m in _RELATION_POSITION.finditer(code) if not m[2]} & names
    found |= {m[1] for m in _TYPE_REFERENCE.finditer(code)} & names
    return found


def test_no_function_body_names_one_of_our_relations_without_its_schema(catalog):
    names = {r[0] for r in catalog.execute(
        "SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname IN ('public', 'cutter_governance') AND c.relkind IN ('r', 'p', 'v', 'S')")}
    # the scan finds what it looks for (so an empty result below means something)
    assert _unqualified_relations(
        "SELECT 1 FROM information_unit; x public.unit_version%ROWTYPE; nextval('iu_gateway_refusal_seq');"
        " y dot_config%ROWTYPE; INSERT INTO public.dot_config", names
    ) == {"information_unit", "iu_gateway_refusal_seq", "dot_config"}
    bodies = catalog.execute(
        "SELECT p.oid::regprocedure::text, p.prosrc FROM pg_proc AS p"
        " JOIN pg_namespace AS n ON n.oid = p.pronamespace JOIN pg_language AS l ON l.oid = p.prolang"
        " WHERE n.nspname IN ('public', 'cutter_governance') AND l.lanname IN ('plpgsql', 'sql')").fetchall()
    assert len(bodies) >= 60
    offenders = {sig: found for sig, src in bodies if (found := _unqualified_relations(src, names))}
    assert not offenders, offenders


_SQL_WORDS = {"SELECT", "OPERATOR", "AS", "IN", "VALUES", "EXISTS", "AND", "OR", "NOT", "CASE"}


def _unqualified_names(source: str) -> tuple[list[str], list[str]]:
    """(calls, operators) a body makes without naming pg_catalog (or another schema)."""
    code = _STRINGS.sub("''", _COMMENTS.sub(" ", source))
    calls = [c for c in re.findall(r"([A-Za-z_][\w.$]*)\s*\(", code)
             if "." not in c and c.upper() not in _SQL_WORDS]
    bare = re.sub(r"OPERATOR\(\s*pg_catalog\.[^)]+\)|::|=>", " ", code)
    operators = re.findall(r"[=<>!~|+*/%@#^&-]+", bare)
    return calls, operators


def test_functions_without_a_pinned_search_path_qualify_every_name(catalog):
    """The functions without a SET clause (so that the planner inlines them into the writers)
    run under whatever path their caller has; every function and operator in them is qualified."""
    sample = "SELECT lower(p) = 'x' || pg_catalog.upper(q) OPERATOR(pg_catalog.||) r::text"
    assert _unqualified_names(sample) == (["lower"], ["=", "||"])
    rows = catalog.execute(
        "SELECT p.oid::regprocedure::text, p.prosrc, p.prosecdef FROM pg_proc AS p"
        " JOIN pg_namespace AS n ON n.oid = p.pronamespace"
        " WHERE n.nspname IN ('public', 'cutter_governance')"
        "   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search_path=%')").fetchall()
    assert rows, "expected the inlinable hash functions (fn_iu_content_hash, fn_iu_lifecycle_entry_hash)"
    problems = []
    for signature, source, definer in rows:
        if definer:
            problems.append(f"{signature}: SECURITY DEFINER without a pinned search_path")
        calls, operators = _unqualified_names(source)
        if calls or operators:
            problems.append(f"{signature}: unqualified calls {calls} or operators {operators}")
    assert not problems, problems


# The functions a gateway body might call, planted with the exact signature of pg_catalog's, so
# that with the planted schema ahead of pg_catalog an unqualified call would resolve to them.
FUNCTION_TRAPS = [
    ("lower", "text", "text"), ("upper", "text", "text"), ("btrim", "text", "text"),
    ("btrim", "text, text", "text"), ("length", "text", "integer"), ("char_length", "text", "integer"),
    ("octet_length", "text", "integer"), ("sha256", "bytea", "bytea"), ("encode", "bytea, text", "text"),
    ("decode", "text, text", "bytea"), ("convert_to", "text, name", "bytea"), ("md5", "text", "text"),
    ("normalize", "text, text", "text"), ("split_part", "text, text, integer", "text"),
    ("regexp_replace", "text, text, text", "text"), ("strpos", "text, text", "integer"),
    ("substr", "text, integer", "text"), ("left", "text, integer", "text"),
    ("starts_with", "text, text", "boolean"), ("string_to_array", "text, text", "text[]"),
    ("array_to_string", "anyarray, text", "text"), ("array_length", "anyarray, integer", "integer"),
    ("cardinality", "anyarray", "integer"), ("current_setting", "text, boolean", "text"),
    ("set_config", "text, text, boolean", "text"), ("gen_random_uuid", "", "uuid"),
    ("now", "", "timestamptz"), ("clock_timestamp", "", "timestamptz"), ("hashtext", "text", "integer"),
    ("pg_backend_pid", "", "integer"), ("jsonb_typeof", "jsonb", "text"),
    ("jsonb_array_length", "jsonb", "integer"), ("quote_literal", "text", "text"),
    ("quote_nullable", "anyelement", "text"), ("format", "text", "text"), ("nextval", "regclass", "bigint"),
    ("pg_has_role", "name, name, text", "boolean"), ("date_part", "text, timestamptz", "double precision"),
    ("pg_advisory_xact_lock", "integer, integer", "void"), ("unnest", "anyarray", "SETOF anyelement"),
]
OPERATOR_TRAPS = [
    ("=", "text", "text", "boolean", "texteq"), ("<>", "text", "text", "boolean", "textne"),
    ("~", "text", "text", "boolean", "textregexeq"), ("!~", "text", "text", "boolean", "textregexne"),
    ("||", "text", "text", "text", "textcat"), ("=", "uuid", "uuid", "boolean", "uuid_eq"),
    ("<>", "uuid", "uuid", "boolean", "uuid_ne"), ("=", "integer", "integer", "boolean", "int4eq"),
    (">", "integer", "integer", "boolean", "int4gt"), ("=", "bigint", "bigint", "boolean", "int8eq"),
    ("=", "bytea", "bytea", "boolean", "byteaeq"), ("=", "jsonb", "jsonb", "boolean", "jsonb_eq"),
]


def _trip(label: str) -> str:
    """What a planted object does when it runs: count (a sequence: no rollback undoes it),
    record who it ran as, and say so."""
    return (f"PERFORM pg_catalog.nextval('evil.tripwire_seq');"
            f" INSERT INTO evil.tripwire (what, who) VALUES ('{label}', current_user);"
            f" RAISE NOTICE 'HIJACKED % as %', '{label}', current_user;")


def plant(conn: psycopg.Connection) -> None:
    """As an attacker with a schema of their own (made by the superuser here, usable by every
    role): traps shadowing pg_catalog's functions and operators in schema evil and in pg_temp,
    temporary views shadowing every table of ours, and a naive SECURITY DEFINER function
    without a pinned path, the control that shows what a hijack looks like."""
    conn.execute("CREATE SCHEMA evil")
    conn.execute("CREATE TABLE evil.tripwire (what text, who text)")
    conn.execute("CREATE SEQUENCE evil.tripwire_seq")
    conn.execute("GRANT USAGE ON SCHEMA evil TO PUBLIC")
    conn.execute("GRANT INSERT, SELECT ON evil.tripwire TO PUBLIC")
    conn.execute("GRANT USAGE, SELECT, UPDATE ON SEQUENCE evil.tripwire_seq TO PUBLIC")
    for schema in ("evil", "pg_temp"):
        for name, args, returns in FUNCTION_TRAPS:
            n = len(args.split(",")) if args else 0
            call = f'pg_catalog."{name}"({", ".join(f"${i + 1}" for i in range(n))})'
            trip = _trip(f"{schema}.{name}({args})")
            if returns.startswith("SETOF"):
                body = f"BEGIN {trip} RETURN QUERY SELECT {call}; END"
            elif returns == "void":
                body = f"BEGIN {trip} PERFORM {call}; END"
            else:
                body = f"BEGIN {trip} RETURN {call}; END"
            conn.execute(f'CREATE FUNCTION {schema}."{name}"({args}) RETURNS {returns}'
                         f" LANGUAGE plpgsql AS $trap$ {body} $trap$")
        for i, (op, left, right, returns, fn) in enumerate(OPERATOR_TRAPS):
            trip = _trip(f"{schema}.{op}({left},{right})")
            conn.execute(f'CREATE FUNCTION {schema}."op_{i}"({left}, {right}) RETURNS {returns} LANGUAGE'
                         f" plpgsql AS $trap$ BEGIN {trip} RETURN pg_catalog.{fn}($1, $2); END $trap$")
            conn.execute(f'CREATE OPERATOR {schema}.{op} (LEFTARG = {left}, RIGHTARG = {right},'
                         f' FUNCTION = {schema}."op_{i}")')
    conn.execute("CREATE FUNCTION evil.tripped(p_what text) RETURNS boolean LANGUAGE plpgsql"
                 f" AS $trap$ BEGIN {_trip('temp shadow')} RETURN true; END $trap$")
    for (schema, name) in conn.execute(
            "SELECT n.nspname, c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname IN ('public', 'cutter_governance') AND c.relkind IN ('r', 'p')").fetchall():
        conn.execute(f'CREATE TEMP VIEW "{name}" AS SELECT t.* FROM "{schema}"."{name}" AS t'
                     f" WHERE evil.tripped('{schema}.{name}') WITH CASCADED CHECK OPTION")
        conn.execute(f'GRANT ALL ON pg_temp."{name}" TO PUBLIC')
    conn.execute("CREATE SCHEMA naive")
    conn.execute("GRANT USAGE ON SCHEMA naive TO PUBLIC")
    conn.execute("CREATE FUNCTION naive.fn_unpinned(p text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER"
                 " AS $fn$ BEGIN RETURN lower(p) || (SELECT count(*) FROM dot_config)::text; END $fn$")
    conn.execute("ALTER FUNCTION naive.fn_unpinned(text) OWNER TO iu_owner")


def trips(conn: psycopg.Connection) -> int:
    return conn.execute(
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM evil.tripwire_seq").fetchone()[0]


class Caller:
    """Calls gateway functions in a lane role under the attacker's search_path, and only those
    calls: the path is set right before each and reset right after."""

    def __init__(self, conn: psycopg.Connection, path: str | None) -> None:
        self.conn, self.path = conn, path

    def __call__(self, role: str | None, query: str, params=()) -> list[tuple]:
        conn = self.conn
        if role:
            conn.execute(f'SET ROLE "{role}"')
        if self.path:
            conn.execute(f"SET search_path = {self.path}")
        try:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []
        finally:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
                conn.execute("RESET search_path")
                conn.execute("RESET ROLE")

    def one(self, role: str | None, query: str, params=()):
        return self(role, query, params)[0][0]


HJ = "HJK-LAW"
HJ_UNITS = [
    (HJ, "Law on hijacking"),
    (f"{HJ}/chp_1", "Chapter I. General"),
    (f"{HJ}/chp_1/art_1", "Article 1. The gateway is the only writer."),
    (f"{HJ}/chp_1/art_1/para_1", "1. Nobody writes the tables directly."),
    (f"{HJ}/chp_1/art_2", "Article 2. Signatures bind content."),
]
HJ_REVISED = [(a, "Article 1. The gateway is the one and only writer." if a.endswith("art_1") else b)
              for a, b in HJ_UNITS]
HJ_ANNEX = [("HJK-ANNEX", "Annex"), ("HJK-ANNEX/art_1", "Article 1. Cut by mistake.")]
FAR_FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


def governed_flow(conn: psycopg.Connection, signers: dict[str, keys.Signer], path: str | None) -> list:
    """Every gateway writer and reader, through the whole lifecycle, each call under `path`:
    plan, preflight, classify, a governed cut (open, create, manifest, sign), verify, review,
    enact (one and batch), revise, verify, supersede, retire, create one, edit a draft,
    withdraw it, a second cut rolled back, the point-in-time readers, the invariant, log and
    chain checks, the detector report and the DB team's exemption functions."""
    call = Caller(conn, path)
    alice, victor, rita = signers["alice"], signers["victor"], signers["rita"]
    steps: list = []

    def step(name: str, rows):
        steps.append((name, rows))
        return rows

    @contextlib.contextmanager
    def tx(role: str = EXEC) -> Iterator[None]:
        """A transaction whose COMMIT also runs under the attacker's role and path: the deferred
        trigger that refuses an incomplete change set fires there, after every function returned."""
        with conn.transaction():
            yield
            if path:
                conn.execute(f'SET LOCAL ROLE "{role}"')
                conn.execute(f"SET LOCAL search_path = {path}")

    def governed_cut(units, writer="fn_iu_create"):
        manifest = digest(units)
        addresses, bodies = [a for a, _ in units], [b for _, b in units]
        with tx():
            cs = call.one(EXEC, f"SELECT {G}.fn_gov_open_change_set(p_doc_code => %s,"
                          " p_source_sha256 => %s, p_manifest_sha256 => %s, p_unit_count => %s::integer,"
                          " p_actor => %s, p_publication_type => 'law')",
                          (units[0][0], "a" * 64, manifest, len(units), alice.actor))
            if writer == "fn_iu_create":
                step("create", call(EXEC, "SELECT * FROM public.fn_iu_create(p_canonical_addresses =>"
                                    " %s::text[], p_bodies => %s::text[], p_actor => %s, p_publication_type"
                                    " => 'law', p_change_set_id => %s::uuid)",
                                    (addresses, bodies, alice.actor, cs)))
            else:
                step("revise", call(EXEC, "SELECT * FROM public.fn_iu_revise(%s::text[], %s::text[], %s,"
                                    " %s::uuid)", (addresses, bodies, alice.actor, cs)))
            call(EXEC, f"SELECT {G}.fn_gov_record_manifest(%s::uuid, %s::text[], %s::text[], %s)",
                 (cs, addresses, hashes(units), alice.actor))
            call(EXEC, f"SELECT {G}.fn_gov_sign_executor(%s::uuid, %s, %s, %s)",
                 (cs, alice.actor, alice.key_id, alice.sign("executor", manifest)))
        return cs

    def governed_verify(cs):
        checks = [governance.Check(*r) for r in call(
            VERIFIER, f"SELECT check_name, outcome, detail FROM {G}.fn_gov_verify_change_set(%s::uuid)",
            (cs,))]
        with as_role(conn, VERIFIER):  # Ed25519 in Python: an invoker's read, outside the planted path
            checks += governance.signature_checks(conn, cs)
        verdict = "pass" if all(c.outcome == "pass" for c in checks) else "fail"
        payload = governance.checks_json(checks)
        signed = call.one(VERIFIER, f"SELECT {G}.fn_gov_verify_digest(%s::uuid, %s, %s::jsonb)",
                          (cs, verdict, payload))
        with tx(VERIFIER):
            call(VERIFIER, f"SELECT {G}.fn_gov_record_verify(%s::uuid, %s, %s, %s::jsonb, %s, %s)",
                 (cs, victor.actor, verdict, payload, victor.key_id, victor.sign("verifier", signed)))
        step("verify", [(c.check, c.outcome, c.detail) for c in checks])

    def governed_review(subject, manifest, cs):
        rationale = f"rita decides {subject}"
        signed = call.one(REVIEWER, f"SELECT {G}.fn_gov_review_digest(%s, 'approve', %s::uuid, %s,"
                          " NULL::timestamptz, %s)", (subject, cs, manifest, rationale))
        with tx(REVIEWER):
            return call.one(REVIEWER, f"SELECT {G}.fn_gov_record_review(p_subject => %s, p_decision =>"
                            " 'approve', p_actor => %s, p_rationale => %s, p_key_id => %s, p_signature => %s,"
                            " p_change_set_id => %s::uuid, p_manifest_sha256 => %s)",
                            (subject, rita.actor, rationale, rita.key_id, rita.sign("reviewer", signed), cs,
                             manifest))

    for signer, role in ((alice, EXEC), (victor, VERIFIER), (rita, REVIEWER)):
        step("register", call(role, f"SELECT {G}.fn_gov_register_key(%s, %s, %s)",
                              (signer.actor, signer.public_key, signer.actor)))
    addresses, bodies = [a for a, _ in HJ_UNITS], [b for _, b in HJ_UNITS]
    step("plan", call(EXEC, "SELECT * FROM public.fn_iu_create_plan(p_canonical_addresses => %s::text[],"
                      " p_bodies => %s::text[], p_publication_type => 'law')", (addresses, bodies)))
    step("plan one", call(EXEC, "SELECT * FROM public.fn_iu_create_plan(p_canonical_address => %s,"
                          " p_body => %s, p_publication_type => 'law')", (addresses[0], bodies[0])))
    step("preflight", call(EXEC, "SELECT * FROM public.fn_iu_preflight(%s::text[], %s::text[])",
                           (addresses, bodies)))
    step("classify", call(EXEC, "SELECT * FROM public.fn_iu_classify_existing(%s::text[], %s::text[])",
                          (addresses, bodies)))
    cs = governed_cut(HJ_UNITS)
    governed_verify(cs)
    decision = governed_review("enact", digest(HJ_UNITS), cs)
    with tx():
        step("enact one", call(EXEC, "SELECT * FROM public.fn_iu_enact(%s, %s, %s::uuid)",
                               (addresses[0], alice.actor, decision)))
        step("enact batch", call(EXEC, "SELECT * FROM public.fn_iu_enact_batch(%s::text[], %s, %s::uuid)",
                                 (addresses[1:], alice.actor, decision)))
    revision = governed_cut(HJ_REVISED, writer="fn_iu_revise")
    governed_verify(revision)
    superseding = governed_review("supersede", digest(HJ_REVISED), revision)
    with tx():
        step("supersede", call(EXEC, "SELECT * FROM public.fn_iu_supersede(%s, %s, %s::uuid)",
                               (f"{HJ}/chp_1/art_1", alice.actor, superseding)))
    para = f"{HJ}/chp_1/art_1/para_1"
    units_digest = step("units digest", call.one(REVIEWER, "SELECT public.fn_iu_units_digest(%s::text[])",
                                                 ([para],)))
    retiring = governed_review("retire", units_digest, None)
    with tx():
        step("retire", call(EXEC, "SELECT * FROM public.fn_iu_retire_batch(%s::text[], %s, %s::uuid, %s)",
                            ([para], alice.actor, retiring, "repealed")))
    draft = f"{HJ}/chp_1/art_3"
    with tx():
        step("create one", call(EXEC, "SELECT public.fn_iu_create(p_canonical_address => %s, p_body => %s,"
                                " p_actor => %s, p_publication_type => 'law')",
                                (draft, "Article 3. Draft.", alice.actor)))
    with tx():
        step("edit draft", call(EXEC, "SELECT * FROM public.fn_iu_apply_edit_draft(p_canonical_address =>"
                                " %s, p_body => %s, p_actor => %s)",
                                (draft, "Article 3. Draft, edited.", alice.actor)))
    with tx():
        step("withdraw", call(EXEC, "SELECT * FROM public.fn_iu_retire(%s, %s, NULL::uuid, %s)",
                              (draft, alice.actor, "withdrawn")))
    mistake = governed_cut(HJ_ANNEX)
    with tx():
        step("rollback", call(EXEC, "SELECT * FROM public.fn_iu_rollback(%s::uuid, %s, %s)",
                              (mistake, alice.actor, "cut by mistake")))
    step("document at", call(READER, "SELECT * FROM public.fn_iu_document_at(%s, %s::timestamptz)",
                             (HJ, FAR_FUTURE)))
    step("version at", call(READER, "SELECT * FROM public.fn_iu_version_at(%s, %s::timestamptz)",
                            (f"{HJ}/chp_1/art_1", FAR_FUTURE)))
    step("invariants", call(VERIFIER, "SELECT * FROM public.fn_iu_verify_invariants(%s, true)", (HJ,)))
    step("log check", call(VERIFIER, "SELECT * FROM public.fn_iu_lifecycle_log_check()"))
    step("chain check", call(VERIFIER, f"SELECT * FROM {G}.fn_gov_chain_check()"))
    step("detector", call(VERIFIER, "SELECT * FROM public.fn_iu_gateway_detector_report()"))
    step("exemption", call(None, "SELECT public.fn_iu_gateway_exemption_grant(%s, %s, %s::interval, %s)",
                           ("DOT-77", "backfill titles from the gazette", "2 days", "dba-anna")))
    step("revoke", call(None, "SELECT * FROM public.fn_iu_gateway_exemption_revoke(%s, %s)",
                        ("DOT-77", "dba-anna")))
    return steps


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d(?::?\d\d)?|Z)?")
_DETERMINISTIC = {content_hash(b) for units in (HJ_UNITS, HJ_REVISED, HJ_ANNEX) for _, b in units} | {
    digest(units) for units in (HJ_UNITS, HJ_REVISED, HJ_ANNEX)}


def normalise(value):
    """What two runs in two databases must agree on: ids, times, signatures and digests over
    ids differ by nature; content hashes and manifest digests must not."""
    if isinstance(value, uuid.UUID):
        return "<id>"
    if isinstance(value, dt.datetime | dt.date):
        return "<time>"
    if isinstance(value, bytes | memoryview):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, str):
        value = _UUID.sub("<id>", value)
        value = _HEX64.sub(lambda m: m[0] if m[0] in _DETERMINISTIC else "<digest>", value)
        return _TIME.sub("<time>", value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    return value


def normalised_flow(steps: list) -> list:
    return [(name, sorted((normalise(rows) if isinstance(rows, list) else [normalise(rows)]), key=repr))
            for name, rows in steps]


@pytest.fixture(scope="module")
def clean_flow(server, template_db, keyring) -> list:
    """The flow under the default search_path, in a database with the same traps planted."""
    with cloned_database(server, template_db, prefix="iu_atk_c") as name, connect(server, name) as conn:
        plant(conn)
        steps = governed_flow(conn, keyring.signers, None)
        assert trips(conn) == 0
    by_name: dict[str, list] = {}
    for name, rows in steps:
        by_name.setdefault(name, []).append(rows)
    # the baseline is a healthy run, so that "identical" means identical to something good
    assert all(outcome == "pass" for checks in by_name["verify"] for _, outcome, _ in checks)
    assert [r[-1] for r in by_name["enact batch"][0]] == ["enacted"] * (len(HJ_UNITS) - 1)
    assert [r[-1] for r in by_name["supersede"][0]] == ["superseded"]
    assert by_name["invariants"] == [[]] and by_name["log check"] == [[]]
    return normalised_flow(steps)


HIJACK_PATHS = {
    "planted schema ahead of pg_catalog": "evil, pg_catalog, public, cutter_governance",
    "pg_temp first": "pg_temp, evil, public, cutter_governance, pg_catalog",
}


@pytest.mark.parametrize("attack", list(HIJACK_PATHS))
def test_planted_functions_operators_and_temp_shadows_never_run_inside_the_gateway(
        server, template_db, keyring, clean_flow, attack):
    path = HIJACK_PATHS[attack]
    with cloned_database(server, template_db, prefix="iu_atk_h") as name, connect(server, name) as conn:
        plant(conn)
        # The traps are live: under this path, plain SQL and a naive definer run them...
        call = Caller(conn, path)
        call(EXEC, "SELECT lower('A'), 'a'::text = 'b'::text, (SELECT count(*) FROM dot_config)")
        call(EXEC, "SELECT pg_temp.lower('A')")
        assert call.one(EXEC, "SELECT naive.fn_unpinned('A')") is not None
        assert trips(conn) >= 5
        ran_as_owner = conn.execute(
            "SELECT DISTINCT what FROM evil.tripwire WHERE who = 'iu_owner'").fetchall()
        expected = {("evil.lower(text)",), ("evil.||(text,text)",), ("temp shadow",)}
        assert expected <= set(ran_as_owner), ran_as_owner
        # ...and a hijacked definer runs the attacker's code as iu_owner. The gateway must not.
        before = trips(conn)
        rows_before = conn.execute("SELECT count(*) FROM evil.tripwire").fetchone()[0]
        with captured_notices(conn) as notices:
            steps = governed_flow(conn, keyring.signers, path)
        hijacked = [n.message for n in notices if "HIJACKED" in n.message]
        assert not hijacked, hijacked[:10]
        assert trips(conn) == before
        assert conn.execute("SELECT count(*) FROM evil.tripwire").fetchone()[0] == rows_before
        assert normalised_flow(steps) == clean_flow


# ============================================================================================
# 2. SET ROLE to a role the login is not a member of


@dataclass(frozen=True)
class Login:
    role: str
    world: World

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(make_conninfo(self.world.server.url(self.world.dbname), user=self.role),
                               autocommit=True)


@pytest.fixture
def mallory(shared) -> Iterator[Login]:
    """A real login holding the executor lane only, as the CLI's login would."""
    role = unique_dbname("atk_mallory")
    shared.conn.execute(f'CREATE ROLE "{role}" LOGIN')
    shared.conn.execute(f'GRANT cutter_exec TO "{role}"')
    try:
        yield Login(role, shared)
    finally:
        shared.conn.execute(f'DROP ROLE "{role}"')


@pytest.mark.parametrize("target", ["iu_owner", VERIFIER, REVIEWER, READER, "postgres",
                                    "pg_write_server_files"])
def test_set_role_to_a_role_the_login_is_not_a_member_of_is_42501(shared, mallory, target):
    with nothing_written(shared.conn), mallory.connect() as conn:
        # control: the lane the login holds is reachable, so what follows is about membership
        conn.execute("SET ROLE cutter_exec")
        conn.execute("RESET ROLE")
        with raises_sqlstate("42501") as info:
            conn.execute(f'SET ROLE "{target}"')
        assert "permission denied to set role" in str(info.value)
        with raises_sqlstate("42501"):
            conn.execute("SELECT set_config('role', %s, false)", (target,))
        with raises_sqlstate("42501"), conn.transaction():
            conn.execute(f'SET LOCAL ROLE "{target}"')
        with raises_sqlstate("42501"):
            conn.execute(f'SET SESSION AUTHORIZATION "{target}"')
        with raises_sqlstate("42501"), conn.transaction():
            conn.execute("SET LOCAL ROLE cutter_exec")
            conn.execute(f'SET LOCAL ROLE "{target}"')
        assert conn.execute("SELECT current_user, session_user").fetchone() == (mallory.role, mallory.role)
        # and the write it wanted, attempted anyway as the login it is
        with raises_sqlstate("42501"):
            conn.execute("UPDATE public.unit_version SET body = 'forged'")
        with raises_sqlstate("42501"):
            conn.execute("SELECT public.fn_iu_gateway_exemption_grant('DOT-1', 'backfill from the gazette',"
                         " '1 day', 'mallory')")


def test_cli_in_a_lane_the_login_does_not_hold_is_exit_5_with_42501(shared, mallory):
    cs = str(shared.seed.draft_cs)
    with nothing_written(shared.conn):
        error = refused(shared.cli("verify", cs, "--actor", "victor", user=mallory.role), 5)
        assert error["sqlstate"] == "42501" and "may not act as cutter_verifier" in error["message"]
        error = refused(shared.cli("review", cs, "--decision", "approve", "--actor", "rita",
                                   user=mallory.role), 5)
        assert error["sqlstate"] == "42501" and "cutter_reviewer" in error["message"]


# ============================================================================================
# 3. a hand-set marker


def _guarded_writes(conn) -> dict[str, tuple[str, list[str]]]:
    """table -> (a statement that writes it, the markers its guard accepts with a ticket)."""
    allowed = conn.execute(
        "SELECT value FROM dot_config WHERE key = 'iu_create.gateway.allowed_marker_values'").fetchone()[0]
    writes = {
        "public.information_unit": (
            "UPDATE public.information_unit SET title = 'forged by hand'"
            " WHERE canonical_address = 'ICX-LAW/art_1'",
            allowed.split(",")),
        "public.unit_version": (
            "UPDATE public.unit_version SET body = 'forged by hand' WHERE iu_id ="
            " (SELECT id FROM public.information_unit WHERE canonical_address = 'ICX-LAW/art_1')",
            allowed.split(",")),
    }
    for table, args in conn.execute(
            "SELECT tgrelid::regclass::text, encode(tgargs, 'escape') FROM pg_trigger"
            " WHERE tgname LIKE 'trg\\_aa\\_%guard' AND tgnargs > 0").fetchall():
        name = table if "." in table else f"public.{table}"
        writes[name] = (f"INSERT INTO {name} SELECT * FROM {name} LIMIT 1",
                        [a for a in args.split("\\000") if a])
    return writes


MARKER_TABLES = ["public.information_unit", "public.unit_version", "public.iu_lifecycle_log",
                 "public.iu_lifecycle_log_seal", f"{G}.signer_key", f"{G}.cut_change_set",
                 f"{G}.manifest_envelope", f"{G}.manifest_entry", f"{G}.review_decision",
                 f"{G}.verify_result", f"{G}.dot_pair_signature", f"{G}.rollback_record"]


def _with_marker(conn, how: str, marker: str, statement: str) -> None:
    if how == "SET LOCAL":
        with conn.transaction():
            conn.execute(f"SET LOCAL app.canonical_writer = '{marker}'")
            conn.execute(statement)
    elif how == "set_config local":
        with conn.transaction():
            conn.execute("SELECT set_config('app.canonical_writer', %s, true)", (marker,))
            conn.execute(statement)
    else:
        if how == "SET session":
            conn.execute(f"SET app.canonical_writer = '{marker}'")
        else:
            conn.execute("SELECT set_config('app.canonical_writer', %s, false)", (marker,))
        try:
            conn.execute(statement)
        finally:
            conn.execute("RESET app.canonical_writer")


@pytest.mark.parametrize("table", MARKER_TABLES)
def test_a_hand_set_marker_is_refused_on_every_guarded_table_and_counted(shared, table):
    conn = shared.conn
    writes = _guarded_writes(conn)
    assert set(writes) == set(MARKER_TABLES), "a guarded table is missing from this attack"
    statement, markers = writes[table]
    assert markers
    with nothing_written(conn):
        for marker in markers:
            for how in ("SET LOCAL", "set_config local", "SET session", "set_config session"):
                for who in ("iu_owner", None):  # the owner, and the superuser itself
                    with counted(conn, forged=1, refused=1), raises_sqlstate("IU001") as info:
                        if who:
                            with as_role(conn, who):
                                _with_marker(conn, how, marker, statement)
                        else:
                            _with_marker(conn, how, marker, statement)
                    message = f"{info.value.diag.message_primary} {info.value.diag.message_detail}"
                    assert "refused" in message and marker in message, message
                    if table in ("public.information_unit", "public.unit_version"):
                        assert "verdict=forged_marker" in info.value.diag.message_detail
                    marker_left = conn.execute("SELECT current_setting('app.canonical_writer', true)")
                    assert marker_left.fetchone()[0] in ("", None)
            for role in LANE_ROLES:  # a lane role is stopped by its privileges before any marker matters
                with counted(conn, forged=0, refused=0), as_role(conn, role), raises_sqlstate("42501"):
                    _with_marker(conn, "SET LOCAL", marker, statement)
    assert conn.execute("SELECT count(*) FROM public.iu_gateway_ticket").fetchone() == (0,)


def test_a_lane_role_can_neither_open_nor_forge_a_gateway_ticket(shared):
    conn = shared.conn
    with nothing_written(conn):
        for role in LANE_ROLES:
            with as_role(conn, role):
                with raises_sqlstate("42501"):
                    conn.execute("SELECT public.fn_iu_gateway_open('fn_iu_create')")
                with raises_sqlstate("42501"):
                    conn.execute("INSERT INTO public.iu_gateway_ticket (backend_pid, xact_id, marker)"
                                 " VALUES (pg_backend_pid(), pg_current_xact_id(), 'fn_iu_create')")
                with raises_sqlstate("42501"):
                    conn.execute("SELECT public.fn_iu_gateway_close(1)")


# ============================================================================================
# 4. `migration:` markers without a valid exemption

COVERED = "UPDATE public.information_unit SET title = 'migrated' WHERE canonical_address = 'ICX-LAW/art_1'"


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def exempt(shared) -> World:
    """The shared database, with the DB team's exemptions registered: DOT-100 valid for UPDATE on
    information_unit only; DOT-200 expired; DOT-300 revoked."""
    conn = shared.conn
    for ticket in ("DOT-100", "DOT-200", "DOT-300"):
        conn.execute("SELECT public.fn_iu_gateway_exemption_grant(%s, 'backfill titles from the gazette',"
                     " '2 days', 'dba-anna', ARRAY['information_unit'], ARRAY['UPDATE'])", (ticket,))
    with as_role(conn, "iu_owner"):
        conn.execute("UPDATE public.iu_gateway_exemption SET granted_at = now() - interval '3 days',"
                     " expires_at = now() - interval '1 second' WHERE ticket = 'DOT-200'")
    conn.execute("SELECT public.fn_iu_gateway_exemption_revoke('DOT-300', 'dba-anna')")
    return shared


MIGRATION_ATTACKS = {
    "no exemption registered": ("migration:DOT-999", COVERED, "invalid_exemption"),
    "an expired exemption": ("migration:DOT-200", COVERED, "invalid_exemption"),
    "a revoked exemption": ("migration:DOT-300", COVERED, "invalid_exemption"),
    "another ticket's exemption (longer)": ("migration:DOT-1000", COVERED, "invalid_exemption"),
    "another ticket's exemption (prefix)": ("migration:DOT-10", COVERED, "invalid_exemption"),
    "a LIKE wildcard": ("migration:DOT-%", COVERED, "invalid_exemption"),
    "a regex wildcard": ("migration:DOT-.*", COVERED, "invalid_exemption"),
    "another case": ("migration:dot-100", COVERED, "invalid_exemption"),
    "a trailing space": ("migration:DOT-100 ", COVERED, "invalid_exemption"),
    "a space after the prefix": ("migration: DOT-100", COVERED, "invalid_exemption"),
    "no ticket": ("migration:", COVERED, "invalid_exemption"),
    "the prefix in upper case": ("MIGRATION:DOT-100", COVERED, "unknown_marker"),
    "an operation the exemption does not cover": (
        "migration:DOT-100",
        "DELETE FROM public.information_unit WHERE canonical_address = 'ICX-LAW/art_1/para_1'",
        "invalid_exemption"),
    "a table the exemption does not cover": (
        "migration:DOT-100", "UPDATE public.unit_version SET body = 'migrated'", "invalid_exemption"),
    "a governance table": (
        "migration:DOT-100", f"INSERT INTO {G}.review_decision SELECT * FROM {G}.review_decision LIMIT 1",
        None),
    "the lifecycle log": (
        "migration:DOT-100",
        "INSERT INTO public.iu_lifecycle_log SELECT * FROM public.iu_lifecycle_log LIMIT 1",
        None),
}


def test_a_valid_exemption_opens_exactly_its_write(exempt):
    """The control for the attacks below: the registered exemption does let its write through
    (inside a transaction rolled back here), so each refusal is about what the attack changed."""
    conn = exempt.conn
    with nothing_written(conn), pytest.raises(_Rollback), conn.transaction():
        conn.execute("SET LOCAL app.canonical_writer = 'migration:DOT-100'")
        assert conn.execute(COVERED).rowcount == 1
        raise _Rollback


@pytest.mark.parametrize("attack", list(MIGRATION_ATTACKS))
def test_a_migration_marker_without_a_valid_exemption_is_refused(exempt, attack):
    marker, statement, verdict = MIGRATION_ATTACKS[attack]
    conn = exempt.conn
    with (nothing_written(conn), counted(conn, forged=0, refused=1), raises_sqlstate("IU001") as info,
          conn.transaction()):
        conn.execute("SELECT set_config('app.canonical_writer', %s, true)", (marker,))
        conn.execute(statement)
    if verdict:
        assert f"verdict={verdict}" in info.value.diag.message_detail
    assert info.value.diag.message_hint


def test_a_lane_role_with_a_valid_exemption_marker_still_has_no_privilege(exempt):
    conn = exempt.conn
    with nothing_written(conn):
        for role in LANE_ROLES:
            with as_role(conn, role), raises_sqlstate("42501"), conn.transaction():
                conn.execute("SET LOCAL app.canonical_writer = 'migration:DOT-100'")
                conn.execute(COVERED)
            with as_role(conn, role), raises_sqlstate("42501"):
                conn.execute("SELECT public.fn_iu_gateway_exemption_grant('DOT-400',"
                             " 'backfill titles from the gazette', '1 day', 'mallory')")


# ============================================================================================
# 5. SQL injection

PAYLOADS = [
    "'); DROP TABLE public.information_unit; --",
    "x'; DELETE FROM public.unit_version; --",
    "$$; TRUNCATE cutter_governance.review_decision CASCADE; $$",
    "$fn$ BEGIN PERFORM pg_sleep(30); END $fn$",
    "\\'; UPDATE public.dot_config SET value = 'pilot'; --",
    "%s %I %L %% $1 :name {0}",
    "1 OR 1=1; SELECT set_config('app.canonical_writer', 'fn_iu_create', false)",
    "Robert\"); DROP TABLE \"cutter_governance\".\"cut_change_set\"; --",
    "' || (SELECT string_agg(rolname, ',') FROM pg_authid) || '",
]


def _tables_intact(conn) -> None:
    for table in ("public.information_unit", "public.unit_version", "public.dot_config",
                  f"{G}.review_decision", f"{G}.cut_change_set"):
        assert conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0] is not None, table
    mode = conn.execute("SELECT value FROM public.dot_config WHERE key = 'iu_create.gateway.mode'")
    assert mode.fetchone() == ("enforced",)
    assert conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone()[0] in ("", None)


# What each writer answers an injected address with: a creation refuses it as outside the
# address grammar (IU005); a writer that looks a unit up finds no unit by that name (IU007).
ADDRESS_WRITERS = {
    "fn_iu_create": ("SELECT * FROM public.fn_iu_create(%(a)s::text[], ARRAY['body'], 'alice')", "IU005"),
    "fn_iu_create (scalar)": (
        "SELECT public.fn_iu_create(p_canonical_address => %(s)s, p_body => 'body', p_actor => 'alice')",
        "IU005"),
    "fn_iu_apply_edit_draft": (
        "SELECT * FROM public.fn_iu_apply_edit_draft(%(s)s, 'body', 'alice')", "IU007"),
    "fn_iu_enact_batch": ("SELECT * FROM public.fn_iu_enact_batch(%(a)s::text[], 'alice', %(d)s)", "IU007"),
    "fn_iu_enact": ("SELECT * FROM public.fn_iu_enact(%(s)s, 'alice', %(d)s)", "IU007"),
    "fn_iu_supersede_batch": (  # the decision approves enactment, so supersede refuses it first
        "SELECT * FROM public.fn_iu_supersede_batch(%(a)s::text[], 'alice', %(d)s)", "IU004"),
    "fn_iu_retire_batch": (
        "SELECT * FROM public.fn_iu_retire_batch(%(a)s::text[], 'alice', NULL, 'x')", "IU007"),
    "fn_iu_revise": ("SELECT * FROM public.fn_iu_revise(%(a)s::text[], ARRAY['body'], 'alice')", "IU007"),
}


def test_injection_in_addresses_and_codes_is_refused_or_echoed_as_data(shared):
    conn, decision = shared.conn, shared.seed.decision
    with nothing_written(conn):
        for payload in PAYLOADS:
            for address in (payload, f"ICX-CONST/art_1{payload}", f"ICX-CONST/art_{payload}"):
                params = {"a": [address], "s": address, "d": decision}
                with as_role(conn, EXEC):
                    for writer, (query, sqlstate) in ADDRESS_WRITERS.items():
                        with raises_sqlstate(sqlstate) as info:
                            conn.execute(query, params)
                        assert info.value.diag.message_primary, writer
                    plan = conn.execute("SELECT action, code FROM public.fn_iu_create_plan(%s::text[],"
                                        " ARRAY['body']) WHERE ordinal IS NOT NULL", ([address],)).fetchall()
                    assert plan == [("invalid", "IU005")], plan
                    # a reader answers with the payload as plain data
                    probe = conn.execute("SELECT * FROM public.fn_iu_verify_invariants(%s)", (address,))
                    assert probe.fetchall() == [(address, "unit_exists", "no unit has this address")]
                    document = conn.execute("SELECT * FROM public.fn_iu_document_at(%s)", (address,))
                    assert document.fetchall() == []
            with as_role(conn, EXEC), raises_sqlstate("IU005"):
                conn.execute(f"SELECT {G}.fn_gov_open_change_set(%s, %s, %s, 1, 'alice')",
                             (payload, "a" * 64, "b" * 64))
            with as_role(conn, EXEC), raises_sqlstate("IU005"):
                conn.execute("SELECT * FROM public.fn_iu_create(ARRAY['ZZ-DOC'], ARRAY['body'], 'alice',"
                             " p_publication_type => %s)", (payload,))
            with raises_sqlstate("IU005"):  # the DB team's exemption, with an injected ticket
                conn.execute("SELECT public.fn_iu_gateway_exemption_grant(%s,"
                             " 'backfill titles from the gazette', '1 day', 'dba-anna')", (payload,))
    _tables_intact(conn)


def test_injection_in_titles_bodies_actors_and_reasons_is_stored_verbatim(world):
    conn, signers = world.conn, world.signers
    units = [("INJ-DOC", PAYLOADS[0])] + [(f"INJ-DOC/art_{i}", p) for i, p in enumerate(PAYLOADS, start=1)]
    actor = PAYLOADS[0]
    before = footprint(conn)
    with as_role(conn, EXEC):
        rows = conn.execute(
            "SELECT action FROM public.fn_iu_create(%s::text[], %s::text[], %s, %s::text[], 'law')",
            ([a for a, _ in units], [b for _, b in units], actor, [b for _, b in units])).fetchall()
    assert [r[0] for r in rows] == ["created"] * len(units)
    stored = conn.execute(
        "SELECT u.canonical_address, u.title, v.body, u.created_by, v.content_hash"
        " FROM public.information_unit AS u"
        " JOIN public.unit_version AS v ON v.id = u.current_version_id WHERE u.doc_code = 'INJ-DOC'"
        " ORDER BY u.doc_order").fetchall()
    assert [(a, t, b, by) for a, t, b, by, _ in stored] == [(a, b, b, actor) for a, b in units]
    assert [h for *_, h in stored] == [content_hash(b) for _, b in units]
    # reasons and rationales: a rejection of the draft cut, then its rollback, both with payloads
    rita = signers["rita"]
    with conn.transaction(), as_role(conn, REVIEWER):
        decided = governance.record_review(conn, rita, subject="enact", decision="reject",
                                           rationale=PAYLOADS[2],
                                           change_set_id=world.seed.draft_cs, manifest_sha256=digest(LAW),
                                           expires_at=None)
    with conn.transaction(), as_role(conn, EXEC):
        conn.execute("SELECT * FROM public.fn_iu_rollback(%s, 'alice', %s)",
                     (world.seed.draft_cs, PAYLOADS[3]))
    rationale = conn.execute(f"SELECT rationale FROM {G}.review_decision WHERE id = %s", (decided,))
    assert rationale.fetchone() == (PAYLOADS[2],)
    assert conn.execute(f"SELECT reason FROM {G}.rollback_record").fetchone() == (PAYLOADS[3],)
    # nothing but what was asked for changed: same tables, same policy, same catalog
    after = footprint(conn)
    assert after.keys() == before.keys()
    assert {k for k in before if before[k] != after[k]} == {
        "public.information_unit", "public.unit_version", f"{G}.review_decision", f"{G}.dot_pair_signature",
        f"{G}.rollback_record", f"{G}.cut_change_set"}
    _tables_intact(conn)
    # an actor name that carries control characters is refused
    with nothing_written(conn), as_role(conn, EXEC), raises_sqlstate("IU005"):
        conn.execute("SELECT public.fn_iu_create(p_canonical_address => 'INJ-TWO', p_body => 'b',"
                     " p_actor => %s)",
                     ("alice\n'); DROP TABLE public.information_unit; --",))


INJECTED_DOCUMENT = """# Law'); DROP TABLE public.information_unit; --

## Chapter I. Robert'); DROP TABLE cutter_governance.review_decision CASCADE; --

### Article 1. $$; DELETE FROM public.unit_version; $$

1. '); TRUNCATE public.information_unit CASCADE; --
2. x'; UPDATE public.dot_config SET value = 'pilot'; --

### Article 2. %s %I %L :name

Everyone' OR '1'='1 may read this; SELECT set_config('app.canonical_writer', 'fn_iu_create', false);
"""


def _stored_text(conn, doc_code: str) -> str:
    return "\n".join(r[0] for r in conn.execute(
        "SELECT coalesce(u.title, '') || E'\\n' || v.body FROM public.information_unit AS u"
        " JOIN public.unit_version AS v ON v.iu_id = u.id WHERE u.doc_code = %s", (doc_code,)))


def test_injection_through_the_cli_cut_and_run_is_inert_data(world, tmp_path):
    conn = world.conn
    document = tmp_path / "injected.md"
    document.write_text(INJECTED_DOCUMENT, encoding="utf-8")
    actor = "../../../tmp/x'); DROP TABLE public.information_unit; --"
    done = refused(world.cli("cut", str(document), "--doc-code", "INJ-CLI", "--actor", actor,
                             "--publication-type", "law"), 0)
    assert done["created"] == 5  # the root, the chapter, two articles, one paragraph
    stored = _stored_text(conn, "INJ-CLI")
    for line in INJECTED_DOCUMENT.splitlines():
        payload = re.sub(r"^(#+ )?(Chapter I\. |Article \d\. |\d\. )?", "", line)
        if payload:
            assert payload in stored, payload
    recorded = conn.execute(f"SELECT actor FROM {G}.cut_change_set WHERE id = %s", (done["change_set_id"],))
    assert recorded.fetchone() == (actor,)
    # the actor's key stays inside IU_CUTTER_HOME/keys whatever its name
    for path in world.keyring.home.rglob("*"):
        assert path.resolve().is_relative_to(world.keyring.home.resolve())
    _tables_intact(conn)
    # the one-command flow with injected names for both people
    second = tmp_path / "injected-2.md"
    second.write_text(INJECTED_DOCUMENT.replace("# Law", "# Code"), encoding="utf-8")
    verifier = "v'); DELETE FROM cutter_governance.verify_result; --"
    result = refused(world.cli("run", str(second), "--doc-code", "INJ-RUN", "--actor", actor, "--verifier",
                               verifier, "--publication-type", "law"), 0)
    assert result["status"] == "awaiting_review"
    assert conn.execute(f"SELECT verifier, verdict FROM {G}.verify_result WHERE change_set_id = %s",
                        (result["change_set_id"],)).fetchone() == (verifier, "pass")
    _tables_intact(conn)
    # an injected document code is refused before anything is read or written
    with nothing_written(conn):
        error = refused(world.cli("cut", str(document), "--doc-code", "INJ'; DROP TABLE information_unit; --",
                                  "--actor", "alice"), 1)
        assert "document code" in error["message"]
        manifest = tmp_path / "injected.json"
        manifest.write_text(json.dumps({"doc_code": "INJ-JSON", "units": [
            {"canonical_address": "INJ-JSON/art_1'); DROP TABLE public.information_unit; --",
             "body": "Article 1."}]}), encoding="utf-8")
        error = refused(world.cli("cut", str(manifest), "--doc-code", "INJ-JSON", "--actor", "alice"), 1)
        assert "unit 1" in error["message"] and "not a valid address" in error["message"]


# ============================================================================================
# 6. NUL bytes, invalid UTF-8, oversized bodies and over-limit unit counts

BAD_SOURCES = {
    "NUL in a text document": ("nul.md", b"# T\n\nArticle 1.\nText \x00 here\n", {"line": 4}, "NUL"),
    "invalid UTF-8 in a text document": ("bad.md", b"# T\n\nArticle 1.\nText \xc3\x28 here\n", {"line": 4},
                                         "not UTF-8"),
    "an overlong UTF-8 encoding of '/'": ("overlong.md", b"# T\n\nArticle 1.\n..\xc0\xaf..\n", {"line": 4},
                                          "not UTF-8"),
    "an encoded surrogate (CESU-8)": ("cesu.md", b"# T\n\nArticle 1.\nA \xed\xa0\x80 B\n", {"line": 4},
                                      "not UTF-8"),
    "NUL in a JSON manifest body": (
        "nul.json", b'{"doc_code": "NUL-DOC", "units": [{"canonical_address": "NUL-DOC/art_1",'
        b' "body": "Article 1. a\\u0000b"}]}', {}, "unit 1 (NUL-DOC/art_1): body contains a NUL"),
    "NUL in a JSON manifest title": (
        "nul-title.json", b'{"doc_code": "NUL-DOC", "units": [{"canonical_address": "NUL-DOC/art_1",'
        b' "body": "Article 1.", "title": "a\\u0000b"}]}', {}, "NUL"),
    "a lone surrogate in a JSON manifest body": (
        "surrogate.json", b'{"doc_code": "NUL-DOC", "units": [{"canonical_address": "NUL-DOC/art_1",'
        b' "body": "Article 1. \\ud800"}]}', {}, "unit 1 (NUL-DOC/art_1): body is not valid Unicode"),
    "invalid UTF-8 in a JSON manifest": (
        "bad.json", b'{"doc_code": "NUL-DOC", "units": [{"canonical_address": "NUL-DOC/art_1",'
        b' "body": "Article 1. \xff"}]}', {}, "not a JSON cut manifest"),
}


@pytest.mark.parametrize("case", list(BAD_SOURCES))
def test_cli_refuses_nul_and_invalid_utf8_with_exit_1_naming_where(shared, tmp_path, case):
    name, content, where, message = BAD_SOURCES[case]
    source = tmp_path / name
    source.write_bytes(content)
    with nothing_written(shared.conn):
        error = refused(shared.cli("cut", str(source), "--doc-code", "NUL-DOC", "--actor", "alice"), 1)
    assert message in error["message"], error
    for key, value in where.items():
        assert error[key] == value, error


def test_cli_refuses_a_lone_surrogate_in_a_manifest_title_with_one_json_object(shared, tmp_path):
    source = tmp_path / "surrogate-title.json"
    source.write_bytes(b'{"doc_code": "NUL-DOC", "units": [{"canonical_address": "NUL-DOC/art_1",'
                       b' "body": "Article 1.", "title": "a\\udc80b"}]}')
    with nothing_written(shared.conn):
        result = shared.cli("cut", str(source), "--doc-code", "NUL-DOC", "--actor", "alice")
        assert result.code != 0
    if result.code != 1 or result.out is None:
        gap(f"exit {result.code}, stdout {result.stdout!r}, stderr ends {result.stderr.strip()[-160:]!r}")
    assert "unit 1" in result.out["message"]


def test_nul_and_invalid_utf8_through_the_functions_get_a_clear_error_and_write_nothing(shared):
    conn = shared.conn
    with nothing_written(conn):
        # psycopg refuses NUL in a text parameter before anything is sent
        for field in ("address", "body", "title", "actor"):
            values = {"address": "ZZ-DOC", "body": "body", "title": "title", "actor": "alice"}
            values[field] = values[field][:2] + "\x00" + values[field][2:]
            with as_role(conn, EXEC), pytest.raises(psycopg.DataError) as info:
                conn.execute("SELECT * FROM public.fn_iu_create(%s::text[], %s::text[], %s, %s::text[])",
                             ([values["address"]], [values["body"]], values["actor"], [values["title"]]))
            assert info.value.sqlstate is None
            assert "cannot contain NUL (0x00) bytes" in str(info.value)
        # so does the encoder for a lone surrogate
        with as_role(conn, EXEC), pytest.raises(UnicodeEncodeError):
            conn.execute("SELECT * FROM public.fn_iu_create(ARRAY['ZZ-DOC'], %s::text[], 'alice')",
                         (["a\ud800b"],))
        assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection is still usable
        # NUL or invalid UTF-8 made on the server is refused by the server, with its SQLSTATE
        server_side = [
            ("54000", "'a' || chr(0)", "null character not permitted"),
            ("22021", "convert_from('\\x610062'::bytea, 'UTF8')", "invalid byte sequence"),
            ("22021", "E'a\\000b'", "invalid byte sequence"),
            ("22021", "convert_from('\\xc0af'::bytea, 'UTF8')", "invalid byte sequence"),
            ("42601", "E'\\uD800'", "invalid Unicode surrogate pair"),
            ("42601", "E'\\u0000'", "invalid Unicode escape value"),
        ]
        for sqlstate, body, message in server_side:
            with as_role(conn, EXEC), raises_sqlstate(sqlstate) as info:
                conn.execute(f"SELECT * FROM public.fn_iu_create(ARRAY['ZZ-DOC'], ARRAY[{body}], 'alice')")
            assert message in info.value.diag.message_primary, (body, str(info.value))


def _policy(conn, key: str) -> int:
    return int(conn.execute("SELECT value FROM public.dot_config WHERE key = %s", (key,)).fetchone()[0])


def test_a_body_over_the_policy_limit_is_iu009_through_every_writer(shared):
    conn = shared.conn
    limit = _policy(conn, "iu_create.gateway.max_body_bytes")
    size = 100 * MIB if FULL else limit + 1
    bodies = {"ASCII": "x" * size,
              "two-byte characters, under the limit in characters": "é" * (limit // 2 + 1)}
    with nothing_written(conn):
        for kind, body in bodies.items():
            assert len(body.encode()) > limit, kind
            with as_role(conn, EXEC):
                for writer, (query, params) in _body_writers(body).items():
                    if writer == "fn_iu_create_plan":  # the dry run reports it
                        plan = conn.execute(query, params).fetchall()
                        assert ("invalid", "IU009") in plan, plan
                        continue
                    with raises_sqlstate("IU009") as info:
                        conn.execute(query, params)
                    assert "policy limit is" in info.value.diag.message_primary, (writer, kind)


def _body_writers(body: str) -> dict[str, tuple[str, tuple]]:
    return {
        "fn_iu_create": ("SELECT * FROM public.fn_iu_create(ARRAY['ZZ-DOC'], %s::text[], 'alice')",
                         ([body],)),
        "fn_iu_create_plan": ("SELECT action, code FROM public.fn_iu_create_plan(ARRAY['ZZ-DOC'],"
                              " %s::text[])", ([body],)),
        "fn_iu_apply_edit_draft": ("SELECT * FROM public.fn_iu_apply_edit_draft('ICX-NOTE', %s, 'alice')",
                                   (body,)),
        "fn_iu_revise": ("SELECT * FROM public.fn_iu_revise(ARRAY['ICX-CONST/chp_1/art_1'], %s::text[],"
                         " 'alice')", ([body],)),
    }


def test_an_oversized_body_is_refused_at_about_the_cost_of_receiving_it(shared):
    conn = shared.conn
    """Each writer is compared with receiving its own input: the body as a text parameter, or as
    the one element of a text[] parameter (parsing an array literal costs several times more)."""
    body = "x" * (100 * MIB if FULL else 4 * MIB)
    with nothing_written(conn), as_role(conn, EXEC):
        receiving = {}
        for shape, (query, params) in {"text": ("SELECT octet_length(%s)", (body,)),
                                       "text[]": ("SELECT octet_length((%s::text[])[1])", ([body],))}.items():
            started = time.monotonic()
            assert conn.execute(query, params).fetchone() == (len(body),)
            receiving[shape] = max(time.monotonic() - started, 0.005)
        costs = {}
        for writer, (query, params) in _body_writers(body).items():
            shape = "text[]" if isinstance(params[0], list) else "text"
            started = time.monotonic()
            try:
                conn.execute(query, params).fetchall()
            except psycopg.Error as exc:
                assert exc.sqlstate == "IU009", exc
            costs[writer] = round((time.monotonic() - started) / receiving[shape], 1)
    slow = {writer: ratio for writer, ratio in costs.items() if ratio > 5}
    if slow:
        gap(f"refusing a {len(body) // MIB} MiB body costs this many times receiving it"
            f" ({ {k: round(v, 2) for k, v in receiving.items()} } s): {costs}")


def test_cli_refuses_a_document_with_an_oversized_body_by_policy(shared, tmp_path, record_property):
    conn = shared.conn
    limit = _policy(conn, "iu_create.gateway.max_body_bytes")
    # at full size, the largest document the size policy lets the CLI read
    size = _policy(conn, "cutter_governance.max_source_bytes") - MIB if FULL else 2 * MIB
    source = tmp_path / "big.md"
    with source.open("w", encoding="utf-8") as handle:
        handle.write("# Big Law\n\nArticle 1.\n")
        line = "word " * 2000 + "\n"
        for _ in range(size // len(line) + 1):
            handle.write(line)
    assert source.stat().st_size > limit
    with nothing_written(conn):
        result = shared.cli("cut", str(source), "--doc-code", "BIG-LAW", "--actor", "alice", measure=True)
    error = refused(result, 5)
    assert error["sqlstate"] == "IU009" and "max_body_bytes" in error["message"], error
    record_property("cli_oversized_body", {"bytes": source.stat().st_size,
                                           "peak_rss_mib": result.peak_rss_mib,
                                           "seconds": round(result.seconds, 2)})
    # refused by the policy, not by running out of memory: a few copies of the document at most
    assert result.peak_rss_mib < 120 + 12 * size / MIB, result.peak_rss_mib


_DB_CALL = """
import json, sys, time
import psycopg
url, function, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = {
    "fn_iu_create": "SELECT * FROM public.fn_iu_create(p_canonical_addresses => a.addresses,"
                    " p_bodies => a.bodies, p_actor => 'mallory')",
    "fn_iu_create_plan": "SELECT action, code FROM public.fn_iu_create_plan("
                         "p_canonical_addresses => a.addresses, p_bodies => a.bodies)",
    "fn_iu_revise": "SELECT * FROM public.fn_iu_revise(a.addresses, a.bodies, 'mallory')",
    "fn_iu_enact_batch": "SELECT * FROM public.fn_iu_enact_batch(a.addresses, 'mallory', gen_random_uuid())",
    "fn_iu_retire_batch": "SELECT * FROM public.fn_iu_retire_batch(a.addresses, 'mallory', NULL, 'gone')",
    "baseline": "SELECT cardinality(a.addresses) AS units",
}
arrays = ("(SELECT ARRAY(SELECT 'ZZ-DOC/art_' || g FROM generate_series(1, %(n)s) AS g) AS addresses,"
          " array_fill('x'::text, ARRAY[%(n)s]) AS bodies) AS a")
with psycopg.connect(url, autocommit=True) as conn:
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    def hwm():
        try:
            with open(f"/proc/{pid}/status") as status:
                return int(next(l for l in status if l.startswith("VmHWM")).split()[1]) // 1024
        except OSError:
            return None
    conn.execute("SET ROLE cutter_exec")
    started, sqlstate, message, rows = time.monotonic(), None, None, None
    try:
        query = "SELECT r.* FROM " + arrays + ", LATERAL (" + calls[function] + ") AS r"
        rows = conn.execute(query, {"n": count}).fetchall()
    except psycopg.Error as exc:
        sqlstate, message = exc.sqlstate, exc.diag.message_primary
    print(json.dumps({"sqlstate": sqlstate, "message": message, "rows": [list(r) for r in rows or []][:3],
                      "seconds": time.monotonic() - started, "backend_peak_mib": hwm()}))
"""


def _over_limit_call(world: World, function: str, count: int) -> dict:
    """One gateway call with `count` units, the arrays built on the server (the cheapest honest
    way to hand the gateway ten million units), in a fresh client process whose memory is measured."""
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-c", _DB_CALL, world.server.url(world.dbname),
               function, str(count)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    outcome["client_peak_mib"] = int(re.search(r"peak_rss_kib=(\d+)", result.stderr)[1]) / 1024
    return outcome


@pytest.mark.parametrize("function", ["fn_iu_create", "fn_iu_create_plan", "fn_iu_revise",
                                      "fn_iu_enact_batch", "fn_iu_retire_batch"])
def test_a_call_with_more_units_than_the_policy_allows_is_iu009_in_bounded_memory(shared, function,
                                                                                  record_property):
    """The arrays are built by the caller's query on the server: the client holds nothing, and the
    backend's peak while the gateway refuses is compared with its peak for merely building them."""
    conn = shared.conn
    limit = _policy(conn, "iu_create.gateway.max_units_per_call")
    lifecycle_limit = _policy(conn, "iu_enact.max_units_per_call")
    count = 10_000_000 if FULL else 300_000
    assert count > max(limit, lifecycle_limit)
    with nothing_written(conn):
        outcome = _over_limit_call(shared, function, count)
        if count not in _BASELINES:
            _BASELINES[count] = _over_limit_call(shared, "baseline", count)
    baseline = _BASELINES[count]
    assert baseline["rows"] == [[count]], baseline
    record_property(f"over_limit_{function}", {**outcome, "baseline": baseline})
    if function == "fn_iu_create_plan":
        assert outcome["sqlstate"] is None and outcome["rows"][0][:2] == ["refused", "IU009"], outcome
    else:
        assert outcome["sqlstate"] == "IU009", outcome
        assert str(count) in outcome["message"] and "limit" in outcome["message"], outcome
    assert outcome["client_peak_mib"] < 100, outcome
    assert outcome["seconds"] < (120 if FULL else 30), outcome
    if outcome["backend_peak_mib"] and baseline["backend_peak_mib"]:  # readable when the server is local
        assert outcome["backend_peak_mib"] < 3 * baseline["backend_peak_mib"] + 64, (outcome, baseline)


_BASELINES: dict[int, dict] = {}


def test_client_sent_arrays_over_the_shipped_limit_are_iu009(shared):
    conn = shared.conn
    limit = _policy(conn, "iu_create.gateway.max_units_per_call")
    addresses = [f"ZZ-DOC/art_{i}" for i in range(1, limit + 2)]
    with nothing_written(conn), as_role(conn, EXEC):
        with raises_sqlstate("IU009") as info:
            conn.execute("SELECT * FROM public.fn_iu_create(%s::text[], %s::text[], 'mallory')",
                         (addresses, ["x"] * len(addresses)))
        assert f"{limit + 1} units" in info.value.diag.message_primary
        with raises_sqlstate("IU009"):
            conn.execute(f"SELECT {G}.fn_gov_open_change_set('ZZ-DOC', %s, %s, %s::integer, 'mallory')",
                         ("a" * 64, "b" * 64, limit + 1))
        with raises_sqlstate("IU009"):
            conn.execute(f"SELECT {G}.fn_gov_open_change_set('ZZ-DOC', %s, %s, %s::integer, 'mallory')",
                         ("a" * 64, "b" * 64, 10_000_000))


def _many_articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# Law of Many Articles\n\n")
        for i in range(1, count + 1):
            handle.write(f"Article {i}.\nText {i}.\n\n")
    return path


@pytest.fixture(scope="module")
def low_limit(server, seed, keyring) -> Iterator[World]:
    """The seeded database with max_units_per_call lowered to 1,000 (IU_FULL: the shipped limit),
    so that a cheap document is already over it."""
    with _world(server, seed, keyring, "iu_atk_l") as world:
        if not FULL:
            set_policy(world.conn, "iu_create.gateway.max_units_per_call", "1000")
        yield world


def _cli_sizes(conn) -> tuple[int, int]:
    limit = _policy(conn, "iu_create.gateway.max_units_per_call")
    small = 10_000 if not FULL else limit + 50_000
    return small, 4 * small


def test_cli_refuses_a_document_with_more_units_than_the_policy_allows(low_limit, tmp_path, record_property):
    conn = low_limit.conn
    limit = _policy(conn, "iu_create.gateway.max_units_per_call")
    count, _ = _cli_sizes(conn)
    source = _many_articles(tmp_path / "many.md", count)
    with nothing_written(conn):
        result = low_limit.cli("cut", str(source), "--doc-code", "MANY", "--actor", "alice", measure=True)
    error = refused(result, 5)
    assert error["sqlstate"] == "IU009", error
    assert f"1 to {limit} units, not {count + 1}" in error["message"], error
    record_property("cli_over_limit", {"units": count + 1, "peak_rss_mib": result.peak_rss_mib,
                                       "seconds": round(result.seconds, 2)})


def test_cli_refusing_an_over_limit_document_costs_memory_by_its_size_not_its_units(low_limit, tmp_path,
                                                                                     record_property):
    """Past the unit limit the CLI only counts: it builds no unit, body or hash. What it still holds
    grows with the source (its lines, their tokens and the addresses that catch a repeated one):
    measured at 19 bytes per source byte at full size and 26 at the default sizes (the test allows
    40). The size policy bounds the source, so at the shipped 64 MiB such a refusal costs about
    1.2 to 1.7 GiB at most, and a larger document is refused unread (the next test)."""
    conn = low_limit.conn
    small, large = _cli_sizes(conn)
    peaks = {}
    with nothing_written(conn):
        for count in (small, large):
            source = _many_articles(tmp_path / f"many-{count}.md", count)
            result = low_limit.cli("cut", str(source), "--doc-code", "MANY", "--actor", "alice", measure=True)
            assert refused(result, 5)["sqlstate"] == "IU009"
            peaks[count + 1] = (round(result.peak_rss_mib, 1), round(result.seconds, 2),
                                source.stat().st_size)
    record_property("cli_over_limit_peaks", peaks)
    growth = (peaks[large + 1][0] - peaks[small + 1][0]) * MIB
    per_byte = growth / (peaks[large + 1][2] - peaks[small + 1][2])
    per_unit = growth / (large - small)
    record_property("cli_over_limit_growth", {"bytes_per_source_byte": round(per_byte, 1),
                                              "bytes_per_unit": round(per_unit)})
    assert per_byte < 40, (peaks, per_byte, per_unit)


@pytest.fixture(scope="module")
def small_sources(server, seed, keyring) -> Iterator[World]:
    """The seeded database with max_source_bytes lowered to 1 MiB (IU_FULL: the shipped 64 MiB),
    so that a cheap document is already over it."""
    with _world(server, seed, keyring, "iu_atk_b") as world:
        if not FULL:
            set_policy(world.conn, "cutter_governance.max_source_bytes", str(MIB))
        yield world


def _many_articles_json(path: Path, count: int) -> Path:
    """A JSON cut manifest of a root and `count` articles, written as it goes."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"doc_code": "MANY", "units": [{"canonical_address": "MANY", "unit_kind": "doc",'
                     ' "body": "Law of Many Articles"}')
        for i in range(1, count + 1):
            handle.write(f', {{"canonical_address": "MANY/art_{i}", "unit_kind": "art",'
                         f' "body": "Text {i}."}}')
        handle.write("]}")
    return path


@pytest.mark.parametrize("form", ["md", "json"])
def test_cli_refuses_ten_million_units_by_the_size_policy_unread(small_sources, form, tmp_path,
                                                                 record_property):
    """Ten million units (IU_FULL, against the shipped limit; 400,000 by default, against 1 MiB),
    as a Markdown document and as a JSON cut manifest, are refused by the size policy before the
    CLI reads them: its memory and time are what refusing a source one byte over the limit costs."""
    conn = small_sources.conn
    limit = _policy(conn, "cutter_governance.max_source_bytes")
    count = 10_000_000 if FULL else 400_000
    write = _many_articles if form == "md" else _many_articles_json
    big = write(tmp_path / f"many.{form}", count)
    just_over = tmp_path / f"just-over.{form}"
    with big.open("rb") as whole, just_over.open("wb") as part:
        part.write(whole.read(limit + 1))
    peaks = {}
    with nothing_written(conn):
        for source in (just_over, big):
            size = source.stat().st_size
            assert size > limit
            result = small_sources.cli("cut", str(source), "--doc-code", "MANY", "--actor", "alice",
                                       measure=True)
            error = refused(result, 5)
            assert error["sqlstate"] == "IU009", error
            assert error["message"] == f"a source document is at most {limit} bytes, not {size}", error
            assert "cutter_governance.max_source_bytes" in error["hint"], error
            peaks[source.name] = {"bytes": size, "peak_rss_mib": round(result.peak_rss_mib, 1),
                                  "seconds": round(result.seconds, 2)}
    record_property(f"cli_over_size_limit_{form}", peaks)
    assert peaks[big.name]["peak_rss_mib"] < peaks[just_over.name]["peak_rss_mib"] + 8, peaks
    assert peaks[big.name]["seconds"] < 30, peaks


def test_cli_refuses_a_device_as_a_source(shared):
    """/dev/zero has no size to check and never ends: it is refused as not a document, unread."""
    conn = shared.conn
    with nothing_written(conn):
        result = shared.cli("cut", "/dev/zero", "--doc-code", "ZERO", "--actor", "alice", measure=True,
                            timeout=60)
    error = refused(result, 1)
    assert error["error"] == "CutterInputError", error
    assert error["message"] == "/dev/zero is not a regular file: a source is a document on disk", error
    assert result.peak_rss_mib < 200, result.peak_rss_mib


# ============================================================================================
# 7. an approval forged by writing review_decision directly


def _forged_approval(cs, manifest: str) -> str:
    return (f"INSERT INTO {G}.review_decision (subject, change_set_id, manifest_sha256, decision,"
            " rationale, decided_by, decision_digest, chain_pos, row_hash)"
            f" VALUES ('enact', '{cs}', '{manifest}', 'approve', 'trust me', 'rita', '{'d' * 64}', 99, 'x')")


def test_an_approval_forged_into_review_decision_is_refused_for_everyone(shared):
    conn, cs = shared.conn, shared.seed.draft_cs
    forge = _forged_approval(cs, digest(LAW))
    copy = (f"COPY {G}.review_decision (subject, change_set_id, manifest_sha256, decision, rationale,"
            " decided_by, decision_digest, chain_pos, row_hash) FROM STDIN")
    row = f"enact\t{cs}\t{digest(LAW)}\tapprove\ttrust me\trita\t{'d' * 64}\t99\tx\n"
    cte = f"WITH forged AS ({forge} RETURNING id) SELECT count(*) FROM forged"
    with nothing_written(conn):
        for role in LANE_ROLES:
            with counted(conn, forged=0, refused=0), as_role(conn, role):
                for statement in (forge, cte):
                    with raises_sqlstate("42501"):
                        conn.execute(statement)
                with raises_sqlstate("42501"), conn.transaction():
                    conn.execute("SET LOCAL app.canonical_writer = 'fn_gov_record_review'")
                    conn.execute(forge)
                with raises_sqlstate("42501"), conn.cursor().copy(copy) as stream:
                    stream.write(row)
        for who in ("iu_owner", None):
            with contextlib.ExitStack() as stack:
                if who:
                    stack.enter_context(as_role(conn, who))
                for statement in (forge, cte):
                    with counted(conn, forged=0, refused=1), raises_sqlstate("IU001") as info:
                        conn.execute(statement)
                    assert "governance gateway refused INSERT" in info.value.diag.message_primary
                with (counted(conn, forged=0, refused=1), raises_sqlstate("IU001"),
                      conn.cursor().copy(copy) as stream):
                    stream.write(row)
                for marker in ("fn_gov_record_review", "fn_iu_create", "migration:DOT-1"):
                    with (counted(conn, forged=int(marker == "fn_gov_record_review"), refused=1),
                          raises_sqlstate("IU001"), conn.transaction()):
                        conn.execute("SELECT set_config('app.canonical_writer', %s, true)", (marker,))
                        conn.execute(forge)
        # and nothing to enact with: the approval it would take does not exist
        with as_role(conn, EXEC), raises_sqlstate("IU004"):
            conn.execute("SELECT * FROM public.fn_iu_enact_batch(%s::text[], 'alice', gen_random_uuid())",
                         (LAW_ADDRESSES,))


def test_an_owner_who_disables_the_guard_to_forge_an_approval_is_named_by_the_chain_check(world):
    """Nobody logs in as iu_owner; a DBA acting as it can switch a trigger off (the documented
    superuser caveat). What that leaves behind is caught: the chain check names the forged row and
    a re-run verify fails record_chain_intact."""
    conn = world.conn
    with as_role(conn, "iu_owner"):
        conn.execute(f"ALTER TABLE {G}.review_decision DISABLE TRIGGER trg_aa_review_decision_guard")
        conn.execute(f"ALTER TABLE {G}.review_decision DISABLE TRIGGER trg_ab_review_decision_chain")
        conn.execute(_forged_approval(world.seed.draft_cs, digest(LAW)))
        conn.execute(f"ALTER TABLE {G}.review_decision ENABLE TRIGGER trg_aa_review_decision_guard")
        conn.execute(f"ALTER TABLE {G}.review_decision ENABLE TRIGGER trg_ab_review_decision_chain")
    with as_role(conn, VERIFIER):
        problems = conn.execute(f"SELECT table_name, problem FROM {G}.fn_gov_chain_check()"
                                " WHERE problem <> 'head'").fetchall()
    assert any(table.endswith("review_decision") for table, _ in problems), problems
    (_, verdict), checks = verify(conn, world.seed.draft_cs, world.signers["victor"])
    assert verdict == "fail"
    assert "review_decision" in {c.check: c.detail for c in checks}["record_chain_intact"]


# ============================================================================================
# 8. replayed signatures


def _signature(conn, **where) -> bytes:
    (column, value), = where.items()
    return bytes(conn.execute(f"SELECT signature FROM {G}.dot_pair_signature WHERE {column} = %s",
                              (value,)).fetchone()[0])


ANNEX = [("ICX-ANNEX", "Annex to the Constitution"), ("ICX-ANNEX/art_1", "Article 1. The flag is blue.")]


def _cut_signed_with(conn, signer: keys.Signer, units, signature: bytes, key_id: str | None = None):
    """alice's governed cut of `units`, its executor signature replaced by `signature` (under
    `key_id`, by default her own)."""
    manifest = digest(units)
    with conn.transaction(), as_role(conn, EXEC):
        cs = governance.open_change_set(
            conn, doc_code=units[0][0], source_sha256="a" * 64, manifest_sha256=manifest,
            unit_count=len(units), actor=signer.actor, profile=None, granularity=None, publication_type="law")
        conn.execute("SELECT * FROM public.fn_iu_create(%s::text[], %s::text[], %s,"
                     " p_publication_type => 'law', p_change_set_id => %s)",
                     ([a for a, _ in units], [b for _, b in units], signer.actor, cs))
        governance.record_manifest(conn, cs, [a for a, _ in units], hashes(units), signer.actor)
        conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, %s, %s, %s)",
                     (cs, signer.actor, key_id or signer.key_id, signature))
    return cs


def test_a_replayed_executor_signature_is_iu011_and_the_cut_is_not_recorded(world):
    conn, signers = world.conn, world.signers
    replayed = _signature(conn, change_set_id=world.seed.enacted_cs)  # alice's, over ICX-CONST's digest
    assert keys.verify(signers["alice"].public_key, "executor", digest(SAMPLE), replayed)
    with nothing_written(conn), raises_sqlstate("IU011"):
        _cut_signed_with(conn, signers["alice"], ANNEX, replayed)


def test_a_replayed_executor_signature_recorded_unchecked_fails_verify_and_cannot_be_enacted(world):
    conn, signers = world.conn, world.signers
    replayed = _signature(conn, change_set_id=world.seed.enacted_cs)
    with signatures_unchecked_on_insert(conn):
        cs = _cut_signed_with(conn, signers["alice"], ANNEX, replayed)
    result = world.cli("verify", str(cs), "--actor", "victor")
    outcome = refused(result, 4)
    assert outcome["verdict"] == "fail"
    assert {"executor_signature_valid", "all_signatures_valid"} <= set(outcome["failed"]), outcome
    decision = review(conn, signers["rita"], change_set_id=cs)
    with nothing_written(conn), raises_sqlstate("IU003") as info:
        enact(conn, [a for a, _ in ANNEX], decision)
    assert "not verified" in info.value.diag.message_primary


def test_an_executor_signature_replayed_with_its_manifest_digest_over_other_units_is_iu013(shared):
    """The signature over ICX-CONST's digest would verify if that digest were the change set's;
    the database recomputes the digest from the units recorded and refuses the mismatch."""
    conn, alice = shared.conn, shared.signers["alice"]
    replayed = _signature(conn, change_set_id=shared.seed.enacted_cs)
    with nothing_written(conn):
        for units, entries in ((ANNEX, ANNEX), (ANNEX, SAMPLE)):
            with raises_sqlstate("IU013"), conn.transaction(), as_role(conn, EXEC):
                cs = governance.open_change_set(
                    conn, doc_code=units[0][0], source_sha256="a" * 64, manifest_sha256=digest(SAMPLE),
                    unit_count=len(entries), actor="alice", profile=None, granularity=None,
                    publication_type="law")
                conn.execute("SELECT * FROM public.fn_iu_create(%s::text[], %s::text[], 'alice',"
                             " p_publication_type => 'law', p_change_set_id => %s)",
                             ([a for a, _ in units], [b for _, b in units], cs))
                governance.record_manifest(conn, cs, [a for a, _ in entries], hashes(entries), "alice")
                conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)",
                             (cs, alice.key_id, replayed))


def test_a_signature_replayed_under_another_signers_key_or_twice_is_refused(shared):
    conn, signers = shared.conn, shared.signers
    rita, victor, alice = signers["rita"], signers["victor"], signers["alice"]
    rita_signature = _signature(conn, review_decision_id=shared.seed.decision)
    with nothing_written(conn):
        # mallory presents rita's signature with rita's key as her own decision
        with raises_sqlstate("IU011") as info, conn.transaction(), as_role(conn, REVIEWER):
            conn.execute(f"SELECT {G}.fn_gov_record_review('enact', 'approve', 'mallory', 'lgtm', %s, %s,"
                         " %s)", (rita.key_id, rita_signature, shared.seed.draft_cs))
        assert "belongs to rita" in info.value.diag.message_primary
        # alice signs her cut with victor's key and a signature of his
        with raises_sqlstate("IU011") as info:
            _cut_signed_with(conn, alice, ANNEX, _signature(conn, lane="verifier"),
                             key_id=victor.key_id)
        assert "belongs to victor, not to alice" in info.value.diag.message_primary
        # victor presents his own key and a signature of his as the executor's part of alice's cut
        with raises_sqlstate("IU012"), conn.transaction(), as_role(conn, EXEC):
            conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'victor', %s, %s)",
                         (shared.seed.enacted_cs, victor.key_id, b"\x00" * 64))
        # a truncated signature, and a signature by a key nobody registered
        with raises_sqlstate("IU011"):
            _cut_signed_with(conn, alice, ANNEX, rita_signature[:63])
        mallory = signers["mallory"]
        with raises_sqlstate("IU011") as info:
            _cut_signed_with(conn, keys.Signer("alice", mallory.private_key, mallory.public_key), ANNEX,
                             mallory.sign("executor", digest(ANNEX)))
        assert "is not registered" in info.value.diag.message_primary
        # the genuine executor signature presented again for its own change set
        with raises_sqlstate("IU010"), conn.transaction(), as_role(conn, EXEC):
            conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)",
                         (shared.seed.enacted_cs, alice.key_id,
                          _signature(conn, change_set_id=shared.seed.enacted_cs)))


def test_a_keyless_signature_under_a_key_of_small_order_is_refused(shared):
    """With A and R the identity and S = 0 the cofactorless equation holds for every message:
    a reviewer lane that registered the identity as the key of an actor with no key yet could
    approve anything as that actor, and so could anyone after it. Registration refuses the key,
    and the signature verifies nowhere (database and harness) even under such a key."""
    conn = shared.conn
    identity = bytes([1] + [0] * 31)
    keyless = identity + bytes(32)
    message = keys.signed_message("reviewer", digest(SAMPLE))
    with nothing_written(conn):
        with raises_sqlstate("IU011") as info, conn.transaction(), as_role(conn, REVIEWER):
            conn.execute(f"SELECT {G}.fn_gov_register_key('zed', %s, 'zed')", (identity,))
        assert "is a point of small order" in info.value.diag.message_primary
        with as_role(conn, REVIEWER):
            assert conn.execute(f"SELECT {G}.fn_gov_ed25519_verify(%s, %s, %s)",
                                (identity, message, keyless)).fetchone()[0] is False
    assert not keys.verify(identity, "reviewer", digest(SAMPLE), keyless)


def test_a_review_decision_replayed_for_other_content_is_iu004(world):
    conn, signers = world.conn, world.signers
    verify(conn, world.seed.draft_cs, signers["victor"])
    with nothing_written(conn), raises_sqlstate("IU004") as info:
        enact(conn, LAW_ADDRESSES, world.seed.decision)  # rita approved ICX-CONST, not ICX-LAW
    assert info.value.diag.message_primary


def _replayed_review(conn, world: World, *, change_set_id, manifest: str) -> uuid.UUID:
    """mallory, holding the reviewer lane, records an approval 'by rita' with rita's key and the
    signature rita made for ICX-CONST."""
    replayed = _signature(conn, review_decision_id=world.seed.decision)
    with conn.transaction(), as_role(conn, REVIEWER):
        return conn.execute(
            f"SELECT {G}.fn_gov_record_review(p_subject => 'enact', p_decision => 'approve',"
            " p_actor => 'rita', p_rationale => 'lgtm', p_key_id => %s, p_signature => %s,"
            " p_change_set_id => %s, p_manifest_sha256 => %s)",
            (world.signers["rita"].key_id, replayed, change_set_id, manifest)).fetchone()[0]


def _statuses(conn, addresses) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT lifecycle_status FROM public.information_unit WHERE canonical_address = ANY(%s)",
        (addresses,))}


def test_a_replayed_reviewer_signature_is_iu011_and_records_nothing(world):
    """The database verifies the Ed25519 signature it records: rita's signature of another
    decision does not sign this one, so the approval is never recorded and cannot be used."""
    conn = world.conn
    verify(conn, world.seed.draft_cs, world.signers["victor"])
    with nothing_written(conn), raises_sqlstate("IU011") as info:
        _replayed_review(conn, world, change_set_id=world.seed.draft_cs, manifest=digest(LAW))
    assert "does not verify under key" in info.value.diag.message_primary
    assert _statuses(conn, LAW_ADDRESSES) == {"draft"}


def test_an_approval_with_a_replayed_signature_recorded_unchecked_does_not_authorise_an_enactment(world):
    conn = world.conn
    verify(conn, world.seed.draft_cs, world.signers["victor"])
    with signatures_unchecked_on_insert(conn):
        forged = _replayed_review(conn, world, change_set_id=world.seed.draft_cs, manifest=digest(LAW))
    with nothing_written(conn), raises_sqlstate("IU004") as info:
        enact(conn, LAW_ADDRESSES, forged)
    assert "carries no authentic signature of rita" in info.value.diag.message_primary
    assert _statuses(conn, LAW_ADDRESSES) == {"draft"}


def test_a_replayed_reviewer_signature_recorded_unchecked_is_detected_by_a_later_verify(world):
    conn = world.conn
    verify(conn, world.seed.draft_cs, world.signers["victor"])
    with signatures_unchecked_on_insert(conn):
        forged = _replayed_review(conn, world, change_set_id=world.seed.draft_cs, manifest=digest(LAW))
    with as_role(conn, VERIFIER):
        checks = {c.check: c for c in governance.signature_checks(conn, world.seed.draft_cs)}
    assert checks["all_signatures_valid"].outcome == "fail"
    signature_id = conn.execute(f"SELECT id FROM {G}.dot_pair_signature WHERE review_decision_id = %s",
                                (forged,)).fetchone()[0]
    assert f"reviewer rita ({signature_id})" in checks["all_signatures_valid"].detail
    outcome = refused(world.cli("verify", str(world.seed.draft_cs), "--actor", "victor"), 4)
    assert outcome["failed"] == ["all_signatures_valid"], outcome


def test_run_does_not_enact_under_a_pre_cut_approval_with_a_replayed_signature(world, tmp_path):
    conn = world.conn
    source = tmp_path / "replay.md"
    source.write_text("# Law on Flags\n\n### Article 1. The flag\n\nThe flag is blue.\n", encoding="utf-8")
    plan = refused(world.cli("plan", str(source), "--doc-code", "ICX-FLAG"), 0)
    with raises_sqlstate("IU011"):
        _replayed_review(conn, world, change_set_id=None, manifest=plan["manifest_sha256"])
    # recorded around the check, the forged approval is still not used: the run does not enact,
    # and the audit pack, which carries every decision on this content, names the forgery
    with signatures_unchecked_on_insert(conn):
        _replayed_review(conn, world, change_set_id=None, manifest=plan["manifest_sha256"])
    result = world.cli("run", str(source), "--doc-code", "ICX-FLAG", "--actor", "alice",
                       "--verifier", "victor")
    addresses = [u["canonical_address"] for u in plan["units"]]
    assert _statuses(conn, addresses) == {"draft"}, result.stdout
    steps = {s["step"]: s["outcome"] for s in result.out["steps"]}
    assert steps["enact"] == "waiting", result.stdout
    assert result.out["gate"] == "audit pack", result.stdout
    assert "reviewer signature" in result.out["message"] and "does not verify" in result.out["message"]


def test_a_replayed_verifier_signature_is_iu011_and_the_change_set_stays_unverified(world):
    conn, victor = world.conn, world.signers["victor"]
    replayed = _signature(conn, lane="verifier")
    with as_role(conn, VERIFIER):
        checks = governance.structural_checks(conn, world.seed.draft_cs) + governance.signature_checks(
            conn, world.seed.draft_cs)
    payload = governance.checks_json(checks)
    with nothing_written(conn), raises_sqlstate("IU011"), conn.transaction(), as_role(conn, VERIFIER):
        conn.execute(f"SELECT {G}.fn_gov_record_verify(%s, 'victor', 'pass', %s::jsonb, %s, %s)",
                     (world.seed.draft_cs, payload, victor.key_id, replayed))
    status = conn.execute(f"SELECT status FROM {G}.cut_change_set WHERE id = %s", (world.seed.draft_cs,))
    assert status.fetchone() != ("verified",)
