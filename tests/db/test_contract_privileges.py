"""Contract: the role x table x privilege matrix, every cell, and the roles themselves."""

from __future__ import annotations

import pytest

from tests.db.expected import ROLES, SEQUENCES, TABLE_PRIVILEGES, TABLES


@pytest.mark.parametrize("role", ROLES)
def test_role_exists_and_cannot_log_in(catalog, role):
    row = catalog.execute(
        "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls"
        " FROM pg_roles WHERE rolname = %s",
        (role,),
    ).fetchone()
    assert row == (False, False, False, False, False)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_is_owned_by_iu_owner(catalog, table):
    schema, name = table.split(".")
    owner = catalog.execute(
        "SELECT tableowner FROM pg_tables WHERE schemaname = %s AND tablename = %s", (schema, name)
    ).fetchone()
    assert owner == ("iu_owner",)


@pytest.mark.parametrize("privilege", TABLE_PRIVILEGES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_privilege_matrix_cell(catalog, table, role, privilege):
    held = catalog.execute(
        "SELECT has_table_privilege(%s, %s, %s)", (role, table, privilege)
    ).fetchone()[0]
    expected = role == "iu_owner" or (privilege == "SELECT" and role in TABLES[table])
    assert held is expected


@pytest.mark.parametrize("table", sorted(TABLES))
def test_public_holds_no_privilege_on_the_table(catalog, table):
    grants = catalog.execute(
        "SELECT count(*) FROM pg_class AS c, aclexplode(c.relacl) AS a"
        " WHERE c.oid = %s::regclass AND a.grantee = 0",
        (table,),
    ).fetchone()[0]
    assert grants == 0


@pytest.mark.parametrize("privilege", ("SELECT", "USAGE", "UPDATE"))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
def test_sequence_privilege_matrix_cell(catalog, sequence, role, privilege):
    held = catalog.execute(
        "SELECT has_sequence_privilege(%s, %s, %s)", (role, f"public.{sequence}", privilege)
    ).fetchone()[0]
    expected = role == "iu_owner" or (privilege == "SELECT" and role in SEQUENCES[sequence])
    assert held is expected


def test_every_public_table_is_in_the_matrix(catalog):
    rows = catalog.execute(
        "SELECT schemaname || '.' || tablename FROM pg_tables"
        " WHERE schemaname IN ('public', 'cutter_governance') AND tablename <> 'alembic_version'"
    ).fetchall()
    assert {r[0] for r in rows} == set(TABLES)
