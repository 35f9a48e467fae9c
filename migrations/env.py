"""Alembic environment: DATABASE_URL in, online or offline (--sql) out.

All revisions run in one transaction (PostgreSQL DDL is transactional), so a failed upgrade
leaves the database as it was.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from harness.config import sqlalchemy_url

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    # A caller may name the database in the config (harness.db.migrate_to_head does);
    # otherwise DATABASE_URL, else the documented local default.
    return sqlalchemy_url(config.attributes.get("database_url"))


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # A caller that already holds a connection (the tests) or an engine (pytest-alembic)
    # passes it in; otherwise connect to DATABASE_URL.
    connectable = config.attributes.get("connection")
    if isinstance(connectable, Connection):
        _run(connectable)
        return
    engine = connectable or create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


def _run(connection: Connection) -> None:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
