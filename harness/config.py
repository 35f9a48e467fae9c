"""The one connection setting: DATABASE_URL (libpq form), read by alembic, the harness and the tests."""

from __future__ import annotations

import os

# Works on a fresh project machine with no configuration: the local PostgreSQL on TCP with
# trust authentication, as the postgres user, in a database of the project's own.
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/iu_cutter"


def database_url() -> str:
    """DATABASE_URL if set and non-empty, else the documented local default."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def sqlalchemy_url(url: str | None = None) -> str:
    """The same URL for SQLAlchemy, which needs the driver named (psycopg 3)."""
    url = url or database_url()
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError(f"DATABASE_URL must be a postgresql:// URL, got {url!r}")
