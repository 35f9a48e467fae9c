"""fn_iu_rollback: a cut that is not enacted is removed, all or nothing, and recorded against its
change set in the chained rollback_record; an enacted cut is refused (retire it instead)."""

from __future__ import annotations

import hashlib

import pytest

from harness import governance, lifecycle
from tests.conftest import SAMPLE, as_role, counts, raises_sqlstate
from tests.db.governed import content_hash, cut, cut_verified_approved, enact, revise, verify

ADDRESSES = [a for a, _ in SAMPLE]
PARA1 = "ICX-CONST/chp_1/art_2/para_1"


def rollback(conn, cs, actor="alice", reason=None):
    with conn.transaction(), as_role(conn, "cutter_exec"):
        return lifecycle.rollback(conn, cs, actor, reason)


def status(conn, cs):
    with as_role(conn, "cutter_exec"):
        return governance.change_set(conn, cs).status


def removed_digest(units, version_no=1):
    lines = "".join(f"{a}\t{version_no}\t{content_hash(b)}\n" for a, b in units)
    return hashlib.sha256(lines.encode()).hexdigest()


def test_a_recorded_cut_is_removed_and_the_rollback_recorded(conn, signers):
    cs = cut(conn, signers["alice"])
    row = rollback(conn, cs, reason="wrong source file")
    assert (row.action, row.removed_units, row.removed_versions) == ("rolled_back", len(SAMPLE), len(SAMPLE))
    assert row.removed_digest == removed_digest(SAMPLE)
    assert counts(conn) == (0, 0)
    assert status(conn, cs) == "rolled_back"
    record = conn.execute(
        "SELECT change_set_id, performed_by, reason, removed_units, removed_digest, db.chain_pos"
        " FROM cutter_governance.rollback_record AS db"
    ).fetchall()
    assert record == [(cs, "alice", "wrong source file", len(SAMPLE), row.removed_digest, 1)]
    assert conn.execute(
        "SELECT count(*) FROM cutter_governance.fn_gov_chain_check() WHERE problem <> 'head'"
    ).fetchone() == (0,)
    assert conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone() == ("",)


def test_a_verified_cut_is_removed_too_and_a_second_rollback_removes_nothing(conn, signers):
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    first = rollback(conn, cs)
    again = rollback(conn, cs)
    assert (again.action, again.removed_units) == ("already_rolled_back", 0)
    assert again.rollback_id == first.rollback_id
    assert conn.execute("SELECT count(*) FROM cutter_governance.rollback_record").fetchone() == (1,)


def test_a_rolled_back_cut_cannot_be_verified(conn, signers):
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    rollback(conn, cs)
    with raises_sqlstate("IU003") as info:
        verify(conn, cs, signers["victor"])
    assert "is rolled back" in info.value.diag.message_primary
    assert conn.execute("SELECT count(*) FROM cutter_governance.verify_result").fetchone() == (1,)
    assert status(conn, cs) == "rolled_back"


def test_the_same_content_can_be_cut_again_after_a_rollback(conn, signers):
    cs = cut(conn, signers["alice"])
    rollback(conn, cs)
    again = cut(conn, signers["alice"])
    assert again != cs and counts(conn) == (len(SAMPLE), len(SAMPLE))


def test_an_enacted_cut_is_refused_with_a_hint_to_retire(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    with raises_sqlstate("IU002") as info:
        rollback(conn, cs)
    assert "retire" in info.value.diag.message_hint
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))


def test_a_partly_enacted_cut_is_refused_and_nothing_is_removed(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, ["ICX-CONST"], decision)
    with raises_sqlstate("IU002") as info:
        rollback(conn, cs)
    assert "ICX-CONST" in info.value.diag.message_primary
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert conn.execute("SELECT count(*) FROM cutter_governance.rollback_record").fetchone() == (0,)


def test_a_revision_rollback_removes_the_pending_drafts_and_keeps_the_enacted_text(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    revised = [(PARA1, "Every citizen of age may vote.")]
    cs2, _ = revise(conn, signers["alice"], revised)
    row = rollback(conn, cs2)
    assert (row.removed_units, row.removed_versions) == (0, 1)
    assert row.removed_digest == removed_digest(revised, version_no=2)
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert conn.execute(
        "SELECT DISTINCT lifecycle_status FROM unit_version"
    ).fetchall() == [("enacted",)]
    assert status(conn, cs) == "enacted"


def test_a_unit_of_a_later_cut_under_a_removed_parent_blocks_the_rollback(conn, signers):
    cs = cut(conn, signers["alice"])
    child = [(f"{PARA1}/pt_a", "a) a point added by a later cut.")]
    later = cut(conn, signers["alice"], [*SAMPLE, *child])
    with raises_sqlstate("IU006") as info:
        rollback(conn, cs)
    assert str(later) in info.value.diag.message_primary
    rollback(conn, later)
    assert rollback(conn, cs).action == "rolled_back"
    assert counts(conn) == (0, 0)


def test_a_later_cut_listing_the_units_unchanged_blocks_the_rollback(conn, signers):
    cs = cut(conn, signers["alice"])
    later = cut(conn, signers["alice"])  # the same content again: every unit listed unchanged
    with raises_sqlstate("IU006") as info:
        rollback(conn, cs)
    message = info.value.diag.message_primary
    assert f"unit {ADDRESSES[0]} is listed (unchanged) by change set {later}" in message
    assert f"{len(SAMPLE)} manifest entr" in info.value.diag.message_detail
    assert info.value.diag.message_hint == "roll back the later change set first"
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert status(conn, cs) == "recorded"
    assert conn.execute("SELECT count(*) FROM cutter_governance.rollback_record").fetchone() == (0,)
    assert rollback(conn, later).removed_units == 0
    assert rollback(conn, cs).removed_units == len(SAMPLE)
    assert counts(conn) == (0, 0)


def test_a_rolled_back_later_cut_does_not_block_the_rollback(conn, signers):
    cs = cut(conn, signers["alice"])
    other = [(a.replace("ICX-CONST", "ICX-LAW"), b) for a, b in SAMPLE]
    cut(conn, signers["alice"], other)  # another document's live cut lists none of these units
    later = cut(conn, signers["alice"])
    rollback(conn, later)
    assert rollback(conn, cs).removed_units == len(SAMPLE)
    assert counts(conn) == (len(other), len(other))


def test_an_unknown_change_set_is_iu007(conn):
    with raises_sqlstate("IU007"):
        rollback(conn, "00000000-0000-0000-0000-000000000000")


@pytest.mark.parametrize("role", ["cutter_verifier", "cutter_reviewer", "iu_reader"])
def test_only_the_executor_lane_may_roll_back(conn, signers, role):
    cs = cut(conn, signers["alice"])
    with raises_sqlstate("42501"), conn.transaction(), as_role(conn, role):
        lifecycle.rollback(conn, cs, "alice")


def test_rollback_records_are_append_only(conn, signers):
    rollback(conn, cut(conn, signers["alice"]))
    for sql in ("UPDATE cutter_governance.rollback_record SET reason = 'x'",
                "DELETE FROM cutter_governance.rollback_record"):
        with raises_sqlstate("IU010"):
            conn.execute(sql)
    with raises_sqlstate("IU001"):
        conn.execute(
            "INSERT INTO cutter_governance.rollback_record (change_set_id, performed_by, reason,"
            " removed_units, removed_versions, removed_digest, chain_pos, row_hash)"
            " SELECT id, 'x', 'x', 0, 0, repeat('0', 64), 9, 'x' FROM cutter_governance.cut_change_set"
        )
