"""Behaviour of the gateway guard: who may write information_unit and unit_version, and the
detector that refuses and traces a hand-set marker."""

from __future__ import annotations

import pytest

from tests.conftest import (
    SAMPLE,
    as_role,
    captured_notices,
    counts,
    create_units,
    raises_sqlstate,
    set_policy,
)
from tests.db.expected import GUARDED_TABLES, LANE_ROLES

DIRECT_WRITES = {
    "INSERT": {
        "information_unit": "INSERT INTO information_unit (canonical_address, doc_order,"
        " current_version_id, created_by, updated_by)"
        " VALUES ('ZZ-DOC', 0, gen_random_uuid(), 'mallory', 'mallory')",
        "unit_version": "INSERT INTO unit_version (iu_id, version_no, body, created_by, updated_by)"
        " SELECT id, 2, 'forged', 'mallory', 'mallory' FROM information_unit LIMIT 1",
    },
    "UPDATE": {
        "information_unit": "UPDATE information_unit SET title = 'forged'",
        "unit_version": "UPDATE unit_version SET body = 'forged'",
    },
    "DELETE": {
        "information_unit": "DELETE FROM information_unit",
        "unit_version": "DELETE FROM unit_version",
    },
    "TRUNCATE": {
        "information_unit": "TRUNCATE information_unit CASCADE",
        "unit_version": "TRUNCATE unit_version CASCADE",
    },
}
CASES = [(op, table) for op in DIRECT_WRITES for table in GUARDED_TABLES]


def _snapshot(conn):
    return conn.execute(
        "SELECT array_agg(u.canonical_address || coalesce(u.title, '') || v.body"
        "                 ORDER BY u.canonical_address)"
        " FROM information_unit AS u JOIN unit_version AS v ON v.iu_id = u.id"
    ).fetchone()[0]


def _detector(conn) -> dict[str, int]:
    return {m: v for m, v, _ in conn.execute("SELECT * FROM fn_iu_gateway_detector_report()")}


@pytest.fixture
def seeded(conn):
    create_units(conn, SAMPLE)
    return conn


@pytest.mark.parametrize("role", LANE_ROLES)
@pytest.mark.parametrize(("op", "table"), CASES)
def test_direct_write_is_refused_for_every_lane_role(seeded, role, op, table):
    before = _snapshot(seeded)
    with as_role(seeded, role), raises_sqlstate("42501"):
        seeded.execute(DIRECT_WRITES[op][table])
    assert _snapshot(seeded) == before


@pytest.mark.parametrize(("op", "table"), CASES)
def test_owner_without_marker_is_refused_with_iu001(seeded, op, table):
    before = _snapshot(seeded)
    with as_role(seeded, "iu_owner"), raises_sqlstate("IU001") as info:
        seeded.execute(DIRECT_WRITES[op][table])
    assert "verdict=no_marker" in info.value.diag.message_detail
    assert info.value.diag.message_hint
    assert _snapshot(seeded) == before


@pytest.mark.parametrize(("op", "table"), CASES)
def test_superuser_without_marker_is_refused_with_iu001(seeded, op, table):
    with raises_sqlstate("IU001"):
        seeded.execute(DIRECT_WRITES[op][table])


@pytest.mark.parametrize("marker", ["fn_iu_create", "fn_iu_apply_edit_draft"])
@pytest.mark.parametrize(("op", "table"), CASES)
def test_hand_set_marker_is_refused_and_leaves_a_durable_trace(seeded, marker, op, table):
    before = _detector(seeded)
    snapshot = _snapshot(seeded)
    with raises_sqlstate("IU001") as info, seeded.transaction():
        seeded.execute("SELECT set_config('app.canonical_writer', %s, true)", (marker,))
        seeded.execute(DIRECT_WRITES[op][table])
    assert "verdict=forged_marker" in info.value.diag.message_detail
    # The transaction rolled back, yet the counters moved: an auditor can see the attempt.
    after = _detector(seeded)
    assert after["forged_markers"] == before["forged_markers"] + 1
    assert after["refused_writes"] == before["refused_writes"] + 1
    assert _snapshot(seeded) == snapshot


def test_hand_set_marker_at_session_level_is_refused_too(seeded):
    seeded.execute("SET app.canonical_writer = 'fn_iu_create'")
    with as_role(seeded, "iu_owner"), raises_sqlstate("IU001"):
        seeded.execute(DIRECT_WRITES["UPDATE"]["unit_version"])


def test_unknown_marker_is_refused(seeded):
    with raises_sqlstate("IU001") as info, seeded.transaction():
        seeded.execute("SET LOCAL app.canonical_writer = 'my_script'")
        seeded.execute(DIRECT_WRITES["UPDATE"]["information_unit"])
    assert "verdict=unknown_marker" in info.value.diag.message_detail


def test_marker_is_cleared_when_the_canonical_writer_returns(conn):
    with conn.transaction():
        with as_role(conn, "cutter_exec"):
            conn.execute(
                "SELECT fn_iu_create(p_canonical_address => 'ICX-CONST', p_body => 'x',"
                " p_actor => 'alice')"
            )
        assert conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone() == ("",)
        assert conn.execute("SELECT count(*) FROM iu_gateway_ticket").fetchone() == (0,)
        with raises_sqlstate("IU001"):
            conn.execute(DIRECT_WRITES["UPDATE"]["information_unit"])


def test_canonical_write_passes_in_enforced_mode(conn):
    rows = create_units(conn, SAMPLE)
    assert [r[-1] for r in rows] == ["created"] * len(SAMPLE)
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))


def test_pilot_mode_warns_allows_and_records_the_write(seeded):
    set_policy(seeded, "iu_create.gateway.mode", "pilot")
    with as_role(seeded, "iu_owner"), captured_notices(seeded) as notices:
        seeded.execute(
            "UPDATE information_unit SET title = 'pilot edit' WHERE canonical_address = 'ICX-CONST'"
        )
    assert [n.severity for n in notices] == ["WARNING"]
    assert "pilot mode" in notices[0].message
    assert seeded.execute(
        "SELECT title FROM information_unit WHERE canonical_address = 'ICX-CONST'"
    ).fetchone() == ("pilot edit",)
    event = seeded.execute(
        "SELECT verdict, table_name, operation, db_user, set_role FROM iu_gateway_event"
    ).fetchall()
    assert event == [("pilot_no_marker", "information_unit", "UPDATE", "postgres", "iu_owner")]


def test_pilot_mode_records_a_hand_set_marker(seeded):
    set_policy(seeded, "iu_create.gateway.mode", "pilot")
    before = _detector(seeded)
    with seeded.transaction(), captured_notices(seeded):
        seeded.execute("SET LOCAL app.canonical_writer = 'fn_iu_create'")
        seeded.execute(DIRECT_WRITES["UPDATE"]["unit_version"])
    after = _detector(seeded)
    assert after["pilot_forged_marker"] == 1
    assert after["forged_markers"] == before["forged_markers"] + 1
    assert after["refused_writes"] == before["refused_writes"]


def test_guard_fails_closed_when_the_mode_key_is_missing(seeded):
    with as_role(seeded, "iu_owner"):
        seeded.execute("DELETE FROM dot_config WHERE key = 'iu_create.gateway.mode'")
        with raises_sqlstate("IU001"):
            seeded.execute(DIRECT_WRITES["UPDATE"]["information_unit"])


def test_policy_table_refuses_a_mode_outside_its_pattern(conn):
    with as_role(conn, "iu_owner"), raises_sqlstate("23514"):
        conn.execute("UPDATE dot_config SET value = 'off' WHERE key = 'iu_create.gateway.mode'")


def test_ticket_table_cannot_be_written_by_a_lane_role(conn):
    for role in LANE_ROLES:
        with as_role(conn, role), raises_sqlstate("42501"):
            conn.execute(
                "INSERT INTO iu_gateway_ticket (backend_pid, xact_id, marker)"
                " VALUES (pg_backend_pid(), pg_current_xact_id(), 'fn_iu_create')"
            )


def test_lane_role_cannot_open_a_gateway_ticket(conn):
    for role in LANE_ROLES:
        with as_role(conn, role), raises_sqlstate("42501"):
            conn.execute("SELECT fn_iu_gateway_open('fn_iu_create')")
