"""The narrow migration exemption (seed 004 §2.3): marker migration:<ticket> is accepted only
while a registered, unrevoked, unexpired exemption covers the table and the operation."""

from __future__ import annotations

from tests.conftest import SAMPLE, as_role, create_units, raises_sqlstate

UPDATE_TITLE = (
    "UPDATE information_unit SET title = 'fixed by migration' WHERE canonical_address = 'ICX-CONST'"
)


def _grant(conn, ticket="DOT-1234", valid="2 days", **kw):
    tables = kw.get("tables", ["information_unit", "unit_version"])
    operations = kw.get("operations", ["INSERT", "UPDATE"])
    return conn.execute(
        "SELECT fn_iu_gateway_exemption_grant(%s, %s, %s::interval, 'dba-anna', %s, %s)",
        (ticket, kw.get("reason", "backfill titles from the gazette"), valid, tables, operations),
    ).fetchone()[0]


def _write_with_marker(conn, marker, sql=UPDATE_TITLE):
    with conn.transaction():
        conn.execute("SELECT set_config('app.canonical_writer', %s, true)", (marker,))
        conn.execute(sql)


def _title(conn):
    return conn.execute(
        "SELECT title FROM information_unit WHERE canonical_address = 'ICX-CONST'"
    ).fetchone()[0]


def test_migration_marker_without_registration_is_refused(conn):
    create_units(conn, SAMPLE)
    with raises_sqlstate("IU001") as info:
        _write_with_marker(conn, "migration:DOT-1234")
    assert "verdict=invalid_exemption" in info.value.diag.message_detail


def test_registered_exemption_allows_the_write_and_records_it(conn):
    create_units(conn, SAMPLE)
    _grant(conn)
    _write_with_marker(conn, "migration:DOT-1234")
    assert _title(conn) == "fixed by migration"
    events = conn.execute(
        "SELECT verdict, exemption_ticket, table_name, operation FROM iu_gateway_event"
    ).fetchall()
    assert events == [("exempted", "DOT-1234", "information_unit", "UPDATE")]


def test_expired_exemption_is_refused(conn):
    create_units(conn, SAMPLE)
    _grant(conn)
    with as_role(conn, "iu_owner"):
        conn.execute(
            "UPDATE iu_gateway_exemption SET granted_at = now() - interval '3 days',"
            " expires_at = now() - interval '1 second' WHERE ticket = 'DOT-1234'"
        )
    with raises_sqlstate("IU001"):
        _write_with_marker(conn, "migration:DOT-1234")


def test_revoked_exemption_is_refused(conn):
    create_units(conn, SAMPLE)
    _grant(conn)
    conn.execute("SELECT fn_iu_gateway_exemption_revoke('DOT-1234', 'dba-anna')")
    with raises_sqlstate("IU001"):
        _write_with_marker(conn, "migration:DOT-1234")


def test_another_tickets_exemption_does_not_cover_this_marker(conn):
    create_units(conn, SAMPLE)
    _grant(conn, ticket="DOT-9999")
    with raises_sqlstate("IU001"):
        _write_with_marker(conn, "migration:DOT-1234")


def test_exemption_covers_only_its_operations_and_tables(conn):
    create_units(conn, SAMPLE)
    _grant(conn, tables=["information_unit"], operations=["UPDATE"])
    with raises_sqlstate("IU001"):
        _write_with_marker(conn, "migration:DOT-1234", "UPDATE unit_version SET body = 'x'")
    with raises_sqlstate("IU001"):
        _write_with_marker(
            conn, "migration:DOT-1234",
            "DELETE FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_2/para_1'",
        )


def test_exemption_longer_than_policy_allows_is_refused(conn):
    with raises_sqlstate("IU005"):
        _grant(conn, valid="15 days")


def test_exemption_without_a_real_reason_is_refused(conn):
    with raises_sqlstate("IU005"):
        _grant(conn, reason="because")


def test_exemption_ticket_is_never_extended(conn):
    _grant(conn)
    with raises_sqlstate("IU006"):
        _grant(conn)


def test_exemption_for_another_table_is_refused(conn):
    with raises_sqlstate("IU005"):
        _grant(conn, tables=["dot_config"])


def test_lane_roles_cannot_grant_exemptions(conn):
    for role in ("cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader"):
        with as_role(conn, role), raises_sqlstate("42501"):
            _grant(conn)
