"""The tree's references: fn_iu_tree_check and fn_uv_tree_check stand for the foreign keys
information_unit_parent_fk and information_unit_current_version_fk, checked once per statement
(revision 0028); a version's unit is the declared foreign key unit_version_iu_id_fkey (CONTRACT
§3, restored by revision 0031). Each refusal is 23503 with the key's name and leaves nothing
written; a row another transaction references is locked as a key locks it."""

from __future__ import annotations

from uuid import UUID

import pytest

from tests.conftest import connect, counts, raises_sqlstate, set_policy
from tests.db.governed import cut
from tests.db.test_lifecycle import ART1, PARA1, as_exempted_owner, exempt

UNIT = "00000000-0000-4000-8000-0000000000a1"
VERSION_UNIT_KEY = ('insert or update on table "unit_version" violates foreign key constraint'
                    ' "unit_version_iu_id_fkey"')
VERSION = "00000000-0000-4000-8000-0000000000b1"


def ids(conn, address):
    return conn.execute(
        "SELECT id, current_version_id FROM information_unit WHERE canonical_address = %s", (address,)
    ).fetchone()


def new_unit(address: str, parent: str, current: str = VERSION) -> str:
    """One statement writing a unit and its version, as fn_iu_create does."""
    return (
        "WITH v AS (INSERT INTO unit_version (id, iu_id, version_no, body, created_by, updated_by)"
        f" VALUES ('{VERSION}', '{UNIT}', 1, 'x', 'dba', 'dba') RETURNING 1)"
        " INSERT INTO information_unit (id, canonical_address, parent_id, doc_order, current_version_id,"
        f" created_by, updated_by) VALUES ('{UNIT}', '{address}', {parent}, 90, '{current}', 'dba', 'dba')"
    )


@pytest.fixture
def tree(conn, signers):
    cut(conn, signers["alice"])
    exempt(conn, operations=("INSERT", "UPDATE", "DELETE"))
    return conn


def refused(conn, sql, constraint, message):
    before = counts(conn)
    with raises_sqlstate("23503") as info:
        as_exempted_owner(conn, sql)
    assert info.value.diag.constraint_name == constraint
    assert info.value.diag.message_primary == message
    assert counts(conn) == before


def test_new_units_and_versions_name_what_exists(tree):
    conn = tree
    art1, art1_version = ids(conn, ART1)
    other = "00000000-0000-4000-8000-0000000000c1"
    parent = f"(SELECT id FROM information_unit WHERE canonical_address = '{ART1}')"
    refused(conn, new_unit("ICX-CONST/chp_9/art_1", f"'{other}'"), "information_unit_parent_fk",
            f"unit ICX-CONST/chp_9/art_1 names parent ICX-CONST/chp_9 ({other}), which does not exist")
    # the parent's id, another address: the pair is what the key names
    refused(conn, new_unit("ICX-CONST/chp_1/art_7/para_1", parent), "information_unit_parent_fk",
            f"unit ICX-CONST/chp_1/art_7/para_1 names parent ICX-CONST/chp_1/art_7 ({art1}),"
            " which does not exist")
    refused(conn, new_unit(f"{ART1}/para_1", parent, current=other), "information_unit_current_version_fk",
            f"unit {ART1}/para_1 names current version {other}, which does not exist")
    refused(conn, new_unit(f"{ART1}/para_1", parent, current=art1_version),
            "information_unit_current_version_fk",
            f"unit {ART1}/para_1 names current version {art1_version}, which belongs to unit {art1}")
    refused(conn, "INSERT INTO unit_version (id, iu_id, version_no, body, created_by, updated_by)"
            f" VALUES ('{VERSION}', '{other}', 1, 'x', 'dba', 'dba')", "unit_version_iu_id_fkey",
            VERSION_UNIT_KEY)
    as_exempted_owner(conn, new_unit(f"{ART1}/para_1", parent))
    assert ids(conn, f"{ART1}/para_1") == (UUID(UNIT), UUID(VERSION))


def test_an_update_that_changes_a_key_or_a_reference_is_checked(tree):
    conn = tree
    art1, art1_version = ids(conn, ART1)
    para1, para1_version = ids(conn, PARA1)
    other = "00000000-0000-4000-8000-0000000000c1"
    refused(conn, f"UPDATE information_unit SET parent_id = '{other}' WHERE canonical_address = '{PARA1}'",
            "information_unit_parent_fk", f"unit {PARA1} names parent ICX-CONST/chp_1/art_2 ({other}),"
            " which does not exist")
    refused(conn, f"UPDATE information_unit SET current_version_id = '{art1_version}'"
            f" WHERE canonical_address = '{PARA1}'", "information_unit_current_version_fk",
            f"unit {PARA1} names current version {art1_version}, which belongs to unit {art1}")
    refused(conn, f"UPDATE unit_version SET iu_id = '{other}' WHERE id = '{para1_version}'",
            "unit_version_iu_id_fkey",
            VERSION_UNIT_KEY)
    refused(conn, "UPDATE information_unit SET canonical_address = 'ICX-CONST/chp_1/art_9'"
            " WHERE canonical_address = 'ICX-CONST/chp_1/art_2'", "information_unit_parent_fk",
            f"unit ICX-CONST/chp_1/art_2 is still the parent of unit {PARA1}")
    # a change that keeps every reference whole passes
    as_exempted_owner(conn, "UPDATE information_unit SET title = 'renamed'"
                            f" WHERE canonical_address = '{PARA1}'")
    assert ids(conn, PARA1) == (para1, para1_version)


def test_nothing_is_removed_while_something_still_names_it(tree):
    conn = tree
    _, para1_version = ids(conn, PARA1)
    art2 = "(SELECT id FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_2')"
    refused(conn, f"WITH v AS (DELETE FROM unit_version WHERE iu_id = {art2} RETURNING 1)"
            " DELETE FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_2'",
            "information_unit_parent_fk", f"unit ICX-CONST/chp_1/art_2 is still the parent of unit {PARA1}")
    refused(conn, f"DELETE FROM information_unit WHERE canonical_address = '{PARA1}'",
            "unit_version_iu_id_fkey", 'update or delete on table "information_unit" violates foreign key'
            ' constraint "unit_version_iu_id_fkey" on table "unit_version"')
    refused(conn, f"DELETE FROM unit_version WHERE id = '{para1_version}'",
            "information_unit_current_version_fk",
            f"version {para1_version} is still the current version of unit {PARA1}")
    # the unit and its version in one statement, as a rollback removes them
    before = counts(conn)
    as_exempted_owner(conn, f"WITH v AS (DELETE FROM unit_version WHERE id = '{para1_version}' RETURNING 1)"
                            f" DELETE FROM information_unit WHERE canonical_address = '{PARA1}'")
    assert counts(conn) == (before[0] - 1, before[1] - 1)


def test_a_removal_is_checked_at_read_committed_only(tree):
    conn = tree
    before = counts(conn)
    with raises_sqlstate("0A000") as info, conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        conn.execute("SET LOCAL app.canonical_writer = 'migration:TEST-LC'")
        conn.execute(f"WITH v AS (DELETE FROM unit_version WHERE iu_id = (SELECT id FROM information_unit"
                     f" WHERE canonical_address = '{PARA1}') RETURNING 1)"
                     f" DELETE FROM information_unit WHERE canonical_address = '{PARA1}'")
    assert info.value.diag.message_primary == (
        "units are removed or re-keyed only at READ COMMITTED, not REPEATABLE READ")
    assert counts(conn) == before


def test_the_two_tables_are_truncated_together_or_not_at_all(tree):
    conn = tree
    set_policy(conn, "iu_create.gateway.mode", "pilot")  # exemptions never cover TRUNCATE
    before = counts(conn)
    with raises_sqlstate("23503") as info:
        conn.execute("TRUNCATE unit_version")
    assert info.value.diag.constraint_name == "information_unit_current_version_fk"
    assert counts(conn) == before
    with raises_sqlstate("0A000") as info:  # the declared key unit_version_iu_id_fkey refuses it
        conn.execute("TRUNCATE information_unit")
    assert "unit_version" in info.value.diag.message_detail
    assert counts(conn) == before
    conn.execute("TRUNCATE information_unit, unit_version")
    assert counts(conn) == (0, 0)


def test_a_cut_locks_none_of_the_rows_the_statement_checks_reference(conn, signers):
    """Every parent and version a cut references is one its own transaction wrote: the statement
    checks take no row lock (the foreign keys they replaced locked each one). The units are
    locked by the declared key unit_version_iu_id_fkey, once per version."""
    cut(conn, signers["alice"])
    assert conn.execute("SELECT count(*) FROM unit_version WHERE xmax <> '0'").fetchone() == (0,)
    assert conn.execute(
        "SELECT count(*) FILTER (WHERE xmax <> '0'), count(*) FROM information_unit"
    ).fetchone() == (5, 5)


def test_a_parent_another_transaction_builds_on_is_locked_until_it_ends(tree, server, db):
    """A unit added under an existing parent locks that parent FOR KEY SHARE, as the key did: a
    removal of the parent waits for the adding transaction, then sees the child and is refused."""
    del tree  # the cut sample, and the exemption both transactions write under
    parent = f"(SELECT id FROM information_unit WHERE canonical_address = '{ART1}')"
    with connect(server, db) as adder, connect(server, db) as remover:
        with adder.transaction():
            adder.execute("SET LOCAL app.canonical_writer = 'migration:TEST-LC'")
            adder.execute(new_unit(f"{ART1}/para_1", parent))
            with raises_sqlstate("55P03"), remover.transaction():
                remover.execute("SET LOCAL lock_timeout = '300ms'")
                remover.execute("SET LOCAL app.canonical_writer = 'migration:TEST-LC'")
                remover.execute(f"DELETE FROM information_unit WHERE canonical_address = '{ART1}'")
        with raises_sqlstate("23503") as info, remover.transaction():
            remover.execute("SET LOCAL app.canonical_writer = 'migration:TEST-LC'")
            remover.execute(f"WITH v AS (DELETE FROM unit_version WHERE iu_id = {parent} RETURNING 1)"
                            f" DELETE FROM information_unit WHERE canonical_address = '{ART1}'")
        assert info.value.diag.message_primary == f"unit {ART1} is still the parent of unit {ART1}/para_1"
