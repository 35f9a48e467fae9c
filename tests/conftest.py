"""Shared fixtures: every test database is a clone of one migrated template.

The server comes from DATABASE_URL (host, port, user; the database name in it is not used:
the tests create and drop their own). Creating a database from a template is a file copy
on the server, so each test gets a fresh, fully migrated database in tens of milliseconds.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from pytest_postgresql.janitor import DatabaseJanitor
from sqlalchemy import create_engine, pool

from harness.config import database_url, sqlalchemy_url

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str | None

    def url(self, dbname: str) -> str:
        return make_conninfo(
            "", host=self.host, port=self.port, user=self.user, dbname=dbname,
            password=self.password,
        )

    def uri(self, dbname: str) -> str:
        auth = self.user if not self.password else f"{self.user}:{self.password}"
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"

    def janitor(self, dbname: str, template: str | None = None, as_template: bool = False):
        return DatabaseJanitor(
            user=self.user, host=self.host, port=self.port, password=self.password,
            dbname=dbname, template_dbname=template, as_template=as_template,
        )


def _server() -> Server:
    params = conninfo_to_dict(database_url())
    return Server(
        host=params.get("host") or "127.0.0.1",
        port=int(params.get("port") or 5432),
        user=params.get("user") or "postgres",
        password=params.get("password"),
    )


SERVER = _server()
_names = itertools.count(1)


def alembic_config(url: str) -> Config:
    cfg = Config(str(REPO / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO / "migrations"))
    cfg.attributes["configure_logger"] = False
    cfg.attributes["database_url"] = url or None
    return cfg


def migrate(uri: str, target: str = "head") -> None:
    """alembic upgrade <target> on the database at uri, in this process."""
    engine = create_engine(sqlalchemy_url(uri), poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            cfg = alembic_config(uri)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
    finally:
        engine.dispose()


def unique_dbname(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{next(_names)}"


@pytest.fixture(scope="session")
def server() -> Server:
    return SERVER


@pytest.fixture(scope="session")
def template_db(server: Server) -> Iterator[str]:
    """A database migrated to head, marked as a template for the per-test clones."""
    name = unique_dbname("iu_tpl")
    janitor = server.janitor(name)
    janitor.init()
    try:
        migrate(server.uri(name))
        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" WITH is_template true')
        yield name
    finally:
        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" WITH is_template false')
        janitor.drop()


@contextlib.contextmanager
def cloned_database(server: Server, template: str, prefix: str = "iu_t") -> Iterator[str]:
    name = unique_dbname(prefix)
    janitor = server.janitor(name, template=template)
    janitor.init()
    try:
        yield name
    finally:
        janitor.drop()


@contextlib.contextmanager
def empty_database(server: Server, prefix: str = "iu_e") -> Iterator[str]:
    name = unique_dbname(prefix)
    janitor = server.janitor(name)
    janitor.init()
    try:
        yield name
    finally:
        janitor.drop()


@pytest.fixture
def db(server: Server, template_db: str) -> Iterator[str]:
    """A fresh database migrated to head, for one test. Yields its name."""
    with cloned_database(server, template_db) as name:
        yield name


@pytest.fixture(scope="module")
def module_db(server: Server, template_db: str) -> Iterator[str]:
    """A migrated database shared by one module's read-only (catalog) tests."""
    with cloned_database(server, template_db, prefix="iu_m") as name:
        yield name


def connect(server: Server, dbname: str, **kwargs) -> psycopg.Connection:
    return psycopg.connect(server.url(dbname), autocommit=True, **kwargs)


@pytest.fixture
def conn(server: Server, db: str) -> Iterator[psycopg.Connection]:
    """A superuser connection (autocommit) to the test's own database."""
    with connect(server, db) as connection:
        yield connection


@pytest.fixture(scope="module")
def catalog(server: Server, module_db: str) -> Iterator[psycopg.Connection]:
    """A superuser connection to the module's shared database (catalog reads only)."""
    with connect(server, module_db) as connection:
        yield connection


@contextlib.contextmanager
def as_role(connection: psycopg.Connection, role: str) -> Iterator[psycopg.Connection]:
    """Run the block with the privileges of role (SET ROLE), then go back."""
    connection.execute(f'SET ROLE "{role}"')
    try:
        yield connection
    finally:
        # In a failed transaction block the rollback undoes the SET ROLE itself.
        if connection.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
            connection.execute("RESET ROLE")


@contextlib.contextmanager
def raises_sqlstate(sqlstate: str) -> Iterator[pytest.ExceptionInfo]:
    """Assert the block fails with exactly this SQLSTATE (the code, not the wording)."""
    with pytest.raises(psycopg.Error) as info:
        yield info
    assert info.value.sqlstate == sqlstate, (
        f"expected SQLSTATE {sqlstate}, got {info.value.sqlstate}: {info.value}"
    )


@dataclass(frozen=True)
class Notice:
    severity: str
    message: str
    hint: str | None


@contextlib.contextmanager
def captured_notices(connection: psycopg.Connection) -> Iterator[list[Notice]]:
    """Collect the server's NOTICE / WARNING messages raised during the block.

    psycopg's Diagnostic is only valid inside the callback, so its fields are copied there.
    """
    notices: list[Notice] = []

    def handler(diagnostic) -> None:
        notices.append(
            Notice(diagnostic.severity_nonlocalized, diagnostic.message_primary,
                   diagnostic.message_hint)
        )

    connection.add_notice_handler(handler)
    try:
        yield notices
    finally:
        connection.remove_notice_handler(handler)


@contextlib.contextmanager
def plans_with_any_jit(connection: psycopg.Connection) -> Iterator[list[str]]:
    """auto_explain's plan of every statement run during the block, nested ones included, with
    every JIT threshold at zero: a statement that may be compiled is, and its plan says so
    ("JIT:"). Checks first that a plain query of the session is compiled (the control);
    skips where the server has no JIT provider."""
    if not connection.execute("SELECT pg_catalog.pg_jit_available()").fetchone()[0]:
        pytest.skip("this server has no JIT provider")
    connection.execute("LOAD 'auto_explain'")
    for name, value in (("log_min_duration", "0"), ("log_nested_statements", "on"), ("log_analyze", "on"),
                        ("log_timing", "off"), ("log_level", "notice")):
        connection.execute(f"SET auto_explain.{name} = '{value}'")
    for name in ("jit_above_cost", "jit_inline_above_cost", "jit_optimize_above_cost"):
        connection.execute(f"SET {name} = 0")
    with captured_notices(connection) as notices:
        connection.execute("SELECT pg_catalog.count(*) FROM pg_catalog.generate_series(1, 10)")
    assert any("JIT:" in n.message for n in notices), "the control query was not JIT-compiled"
    plans: list[str] = []
    with captured_notices(connection) as notices:
        yield plans
    plans += [n.message for n in notices]


def create_units(connection: psycopg.Connection, units: list[tuple[str, str]], actor: str = "alice",
                 publication_type: str | None = "law") -> list[tuple]:
    """fn_iu_create (set-based) as cutter_exec; returns its rows."""
    with as_role(connection, "cutter_exec"):
        return connection.execute(
            "SELECT * FROM fn_iu_create(p_canonical_addresses => %s, p_bodies => %s,"
            " p_actor => %s, p_publication_type => %s)",
            ([a for a, _ in units], [b for _, b in units], actor, publication_type),
        ).fetchall()


def set_policy(connection: psycopg.Connection, key: str, value: str) -> None:
    """Change a policy key as iu_owner (the only role that may write dot_config)."""
    with as_role(connection, "iu_owner"):
        connection.execute("UPDATE dot_config SET value = %s WHERE key = %s", (value, key))


def counts(connection: psycopg.Connection) -> tuple[int, int]:
    return connection.execute(
        "SELECT (SELECT count(*) FROM information_unit), (SELECT count(*) FROM unit_version)"
    ).fetchone()


@pytest.fixture
def signers(tmp_path):
    """Ed25519 signers for the lanes: alice executes, victor verifies, rita reviews, mallory lies."""
    from harness import keys

    return {name: keys.load_or_create(name, tmp_path) for name in ("alice", "victor", "rita", "mallory")}


SAMPLE = [
    ("ICX-CONST", "Constitution of Iconia"),
    ("ICX-CONST/chp_1", "Chapter I. The State"),
    ("ICX-CONST/chp_1/art_1", "Article 1. Iconia is a republic."),
    ("ICX-CONST/chp_1/art_2", "Article 2. Power belongs to the people."),
    ("ICX-CONST/chp_1/art_2/para_1", "1. Every citizen may vote."),
]
