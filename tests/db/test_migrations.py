"""The Alembic history: one head, every downgrade undoes its upgrade, the offline script
builds the same catalog as the online upgrade, and the upgrade path keeps data."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from alembic.script import ScriptDirectory
from pytest_alembic.tests import (  # noqa: F401  (collected as tests here)
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import create_engine, pool

from harness.config import sqlalchemy_url
from harness.schema_dump import dump_schema
from tests.conftest import (
    REPO,
    SAMPLE,
    alembic_config,
    connect,
    counts,
    create_units,
    empty_database,
    migrate,
    raises_sqlstate,
)

FROZEN = REPO / "migrations" / "frozen"


@pytest.fixture(name="alembic_config")
def alembic_config_for_pytest_alembic():
    return alembic_config("")


@pytest.fixture
def alembic_engine(server):
    with empty_database(server, prefix="iu_alembic") as name:
        engine = create_engine(sqlalchemy_url(server.uri(name)), poolclass=pool.NullPool)
        try:
            yield engine
        finally:
            engine.dispose()


def _alembic_cli(*args: str, url: str) -> str:
    env = dict(os.environ, DATABASE_URL=url)
    result = subprocess.run(
        [str(Path(os.sys.executable).with_name("alembic")), *args],
        cwd=REPO, env=env, capture_output=True, text=True, check=True,
    )
    return result.stdout


def _psql_file(url: str, path: Path) -> None:
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname", url, "-f", str(path)],
        check=True, capture_output=True, text=True,
    )


@pytest.fixture(scope="module")
def offline_sql(server, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("offline") / "upgrade.sql"
    path.write_text(_alembic_cli("upgrade", "head", "--sql", url=server.uri("unused_offline")))
    return path


def test_offline_script_gives_the_same_catalog_as_the_online_upgrade(server, template_db, offline_sql):
    with empty_database(server, prefix="iu_offline") as name:
        _psql_file(server.uri(name), offline_sql)
        assert dump_schema(server.uri(name)) == dump_schema(server.uri(template_db))


def test_offline_script_carries_every_frozen_file_verbatim(offline_sql):
    text = offline_sql.read_text()
    frozen = sorted(FROZEN.rglob("*.sql"))
    assert frozen
    # A function other objects depend on (fn_gov_chain: every chain trigger) is replaced in place:
    # its frozen CREATE FUNCTION is run as CREATE OR REPLACE FUNCTION, and nothing else changes.
    plain = text.replace("CREATE OR REPLACE FUNCTION", "CREATE FUNCTION")
    for path in frozen:
        assert path.read_text(encoding="utf-8").strip() in plain, f"{path} altered in --sql output"
    # The pitfalls of bind-parameter parsing: none of these may be mangled or dropped.
    assert ":=" in text and "::integer" in text and "NULL::text" in text
    assert text.count("%%") == sum(p.read_text(encoding="utf-8").count("%%") for p in frozen), (
        "percent signs were doubled on the way to the offline script"
    )


def test_offline_script_is_one_transaction(offline_sql):
    statements = [line for line in offline_sql.read_text().splitlines() if line in ("BEGIN;", "COMMIT;")]
    assert statements == ["BEGIN;", "COMMIT;"]


def test_downgrade_to_base_removes_every_object(server):
    with empty_database(server, prefix="iu_down") as name:
        migrate(server.uri(name))
        _alembic_cli("downgrade", "base", url=server.uri(name))
        with psycopg.connect(server.url(name), autocommit=True) as conn:
            left = conn.execute(
                "SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace"
                " AND c.relname NOT LIKE 'alembic_version%'"
                " UNION ALL SELECT p.proname FROM pg_proc AS p WHERE p.pronamespace = 'public'::regnamespace"
            ).fetchall()
        assert left == []
        # and it upgrades again to exactly the same schema
        _alembic_cli("upgrade", "head", url=server.uri(name))


def test_upgrade_from_the_previous_head_keeps_data_and_enforces_the_guard(server):
    script = ScriptDirectory.from_config(alembic_config(""))
    head = script.get_revision(script.get_current_head())
    with empty_database(server, prefix="iu_path") as name:
        migrate(server.uri(name), head.down_revision)
        with connect(server, name) as conn:
            create_units(conn, SAMPLE)
        migrate(server.uri(name), "head")
        with connect(server, name) as conn:
            assert counts(conn) == (len(SAMPLE), len(SAMPLE))
            assert conn.execute(
                "SELECT count(*) FROM fn_iu_verify_invariants('ICX-CONST', true)"
            ).fetchone() == (0,)
            with raises_sqlstate("IU001"):
                conn.execute("UPDATE unit_version SET body = 'x'")


def test_roles_survive_a_downgrade_while_another_database_uses_them(server, template_db):
    with empty_database(server, prefix="iu_roles") as name:
        migrate(server.uri(name))
        _alembic_cli("downgrade", "base", url=server.uri(name))
        with psycopg.connect(server.url(name), autocommit=True) as conn:
            kept = conn.execute(
                "SELECT count(*) FROM pg_roles WHERE rolname IN"
                " ('iu_owner','cutter_exec','cutter_verifier','cutter_reviewer','iu_reader')"
            ).fetchone()
        assert kept == (5,)
