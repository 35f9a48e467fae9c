"""fn_iu_apply_edit_draft: in-place edits of a draft, judged per unit."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE, as_role, create_units, raises_sqlstate
from tests.db.governed import cut_verified_approved, enact

ART1 = "ICX-CONST/chp_1/art_1"


def edit(conn, address, body, **kw):
    with as_role(conn, "cutter_exec"):
        return conn.execute(
            "SELECT * FROM fn_iu_apply_edit_draft(p_canonical_address => %s, p_body => %s,"
            " p_actor => %s, p_title => %s, p_expected_content_hash => %s)",
            (address, body, kw.get("actor", "bob"), kw.get("title"), kw.get("expected")),
        ).fetchone()


def enact_through_the_gateway(conn, signers, addresses):
    """Cut SAMPLE governed, verify and approve it, then enact the given units with their parents."""
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, addresses, decision)


def body_of(conn, address):
    return conn.execute(
        "SELECT v.body, v.content_hash, v.updated_by, v.id FROM information_unit AS u"
        " JOIN unit_version AS v ON v.id = u.current_version_id WHERE u.canonical_address = %s",
        (address,),
    ).fetchone()


def test_edit_changes_the_draft_in_place(conn):
    create_units(conn, SAMPLE)
    before = body_of(conn, ART1)
    row = edit(conn, ART1, "Article 1. Iconia is a democratic republic.")
    after = body_of(conn, ART1)
    assert row[3] == "edited"
    assert after[0] == "Article 1. Iconia is a democratic republic."
    assert after[1] == row[2] != before[1]
    assert after[2] == "bob"
    assert after[3] == before[3], "a draft is edited in place, not versioned"


def test_edit_with_identical_content_is_unchanged(conn):
    create_units(conn, SAMPLE)
    assert edit(conn, ART1, SAMPLE[2][1])[3] == "unchanged"
    assert body_of(conn, ART1)[2] == "alice"


def test_edit_can_change_the_title(conn):
    create_units(conn, SAMPLE)
    edit(conn, ART1, SAMPLE[2][1], title="The republic")
    assert conn.execute(
        "SELECT title FROM information_unit WHERE canonical_address = %s", (ART1,)
    ).fetchone() == ("The republic",)


def test_edit_of_an_unknown_unit_is_iu007(conn):
    with raises_sqlstate("IU007"):
        edit(conn, "ICX-CONST/chp_1/art_99", "text")


@pytest.mark.parametrize("body", ["", "  \n", None])
def test_edit_to_a_blank_body_is_iu005(conn, body):
    create_units(conn, SAMPLE)
    with raises_sqlstate("IU005"):
        edit(conn, ART1, body)


def test_edit_with_a_stale_expected_hash_is_iu006(conn):
    create_units(conn, SAMPLE)
    with raises_sqlstate("IU006"):
        edit(conn, ART1, "new", expected="0" * 64)
    current = body_of(conn, ART1)[1]
    assert edit(conn, ART1, "new", expected=current)[3] == "edited"


def test_edit_of_an_enacted_unit_is_iu002_with_a_supersede_hint(conn, signers):
    enact_through_the_gateway(conn, signers, ["ICX-CONST", "ICX-CONST/chp_1", ART1])
    with raises_sqlstate("IU002") as info:
        edit(conn, ART1, "changed")
    assert "supersede" in info.value.diag.message_hint


def test_editing_a_draft_works_while_other_units_are_enacted(conn, signers):
    enact_through_the_gateway(conn, signers, ["ICX-CONST", "ICX-CONST/chp_1", ART1])
    assert edit(conn, "ICX-CONST/chp_1/art_2", "Article 2. Power belongs to all.")[3] == "edited"


def test_edit_clears_its_marker_before_returning(conn):
    create_units(conn, SAMPLE)
    with conn.transaction():
        edit(conn, ART1, "Article 1. Changed.")
        assert conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone() == ("",)
        with raises_sqlstate("IU001"):
            conn.execute("UPDATE unit_version SET body = 'sneaky'")
