"""Connections. psycopg 3 with autocommit=True: every transaction in the harness is an
explicit ``with conn.transaction():`` block, so every commit is visible in the code (seed
lesson L2: a commit that silently did nothing)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from harness.config import DEFAULT_DATABASE_URL, database_url
from harness.errors import CutterError, DatabaseUnavailable, PrivilegeRefused, from_database

REPO = Path(__file__).resolve().parent.parent


def connect(url: str | None = None, application_name: str = "iu-cutter") -> psycopg.Connection:
    url = url or database_url()
    try:
        return psycopg.connect(url, autocommit=True, application_name=application_name)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot connect to {_redacted(url)}: {str(exc).strip()}",
            hint="check DATABASE_URL and that PostgreSQL is running",
        ) from exc


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """Turn database errors raised in the block into CutterErrors with their SQLSTATE."""
    try:
        yield
    except psycopg.Error as exc:
        raise from_database(exc) from exc


@contextlib.contextmanager
def lane(conn: psycopg.Connection, role: str) -> Iterator[psycopg.Connection]:
    """Act with the privileges of a lane role (cutter_exec, cutter_verifier, ...).

    A login that is a member of the role (or a superuser, as with the local default) switches
    to it with SET ROLE, so the database checks the lane's privileges, not the login's.
    """
    allowed = conn.execute(
        "SELECT pg_has_role(current_user, %s, 'MEMBER')", (role,)
    ).fetchone()[0]
    if not allowed:
        raise PrivilegeRefused(
            f"login {conn.info.user!r} may not act as {role}",
            hint=f"GRANT {role} TO {conn.info.user}; (the DB team decides who holds each lane)",
        )
    conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
    try:
        yield conn
    finally:
        # Inside a failed transaction the rollback undoes the SET ROLE itself; anywhere else
        # the role is reset now, so the next lane starts from the login. A connection the
        # server closed has no role left to reset, and the error that closed it is the news.
        if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
            conn.execute("RESET ROLE")


def ensure_default_database(url: str | None = None) -> str:
    """With DATABASE_URL unset, create the local default database if needed and migrate it to
    head, so a fresh machine needs no set-up. A database named by DATABASE_URL is the DB
    team's: it is never created or migrated here."""
    url = url or database_url()
    if url != DEFAULT_DATABASE_URL:
        return url
    params = conninfo_to_dict(url)
    admin_url = make_conninfo("", **{**params, "dbname": "postgres"})
    try:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (params["dbname"],)
            ).fetchone()
            if not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(params["dbname"])))
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot reach the local PostgreSQL: {str(exc).strip()}",
            hint="start it: pg_ctlcluster --skip-systemctl-redirect 15 main start",
        ) from exc
    migrate_to_head(url)
    return url


def migrate_to_head(url: str) -> None:
    """alembic upgrade head on the database at url (the same revisions the DB team runs)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(REPO / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO / "migrations"))
    cfg.attributes["configure_logger"] = False
    cfg.attributes["database_url"] = url
    try:
        command.upgrade(cfg, "head")
    except Exception as exc:  # alembic surfaces driver errors wrapped by SQLAlchemy
        raise CutterError(f"migrating {_redacted(url)} to head failed: {exc}") from exc


def _redacted(url: str) -> str:
    params = conninfo_to_dict(url)
    params.pop("password", None)
    return make_conninfo("", **params)
