"""plpgsql_check on every PL/pgSQL function of the migrated database (semantic errors and
warnings that CREATE FUNCTION does not catch: unknown columns, type mismatches, dead code)."""

from __future__ import annotations

import pytest

from tests.conftest import connect


@pytest.fixture(scope="module")
def checked(server, module_db):
    with connect(server, module_db) as conn:
        available = conn.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'plpgsql_check'"
        ).fetchone()
        assert available, (
            "plpgsql_check is not installed on the server: apt-get install postgresql-15-plpgsql-check"
        )
        conn.execute("CREATE EXTENSION IF NOT EXISTS plpgsql_check")
        yield conn


def _functions(conn):
    return conn.execute(
        """
        SELECT p.oid, p.oid::regprocedure::text, t.tgrelid, t.tgoldtable, t.tgnewtable
        FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
        LEFT JOIN LATERAL (
            -- the table of its first trigger, with the transition tables of all its triggers
            -- there (one function may serve an INSERT trigger with new rows and a DELETE
            -- trigger with old rows)
            SELECT f.tgrelid, max(tg.tgoldtable::text) AS tgoldtable, max(tg.tgnewtable::text) AS tgnewtable
            FROM (
                SELECT tg.tgrelid FROM pg_trigger AS tg
                WHERE tg.tgfoid = p.oid AND p.prorettype = 'trigger'::regtype ORDER BY tg.tgname LIMIT 1
            ) AS f
            JOIN pg_trigger AS tg ON tg.tgfoid = p.oid AND tg.tgrelid = f.tgrelid
            GROUP BY f.tgrelid
        ) AS t ON true
        WHERE p.pronamespace IN ('public'::regnamespace, 'cutter_governance'::regnamespace)
          AND l.lanname = 'plpgsql'
        ORDER BY 2
        """
    ).fetchall()


def test_there_are_plpgsql_functions_to_check(checked):
    assert len(_functions(checked)) >= 8


def test_every_plpgsql_function_passes_plpgsql_check(checked):
    problems = []
    for oid, name, relid, old_table, new_table in _functions(checked):
        rows = checked.execute(
            "SELECT level, message, lineno FROM plpgsql_check_function_tb("
            " %s::oid, coalesce(%s::oid, 0), fatal_errors => false, extra_warnings => true,"
            " performance_warnings => true, oldtable => %s::name, newtable => %s::name)",
            (oid, relid, old_table, new_table),
        ).fetchall()
        problems += [f"{name}:{lineno}: {level}: {message}" for level, message, lineno in rows]
    assert problems == []
