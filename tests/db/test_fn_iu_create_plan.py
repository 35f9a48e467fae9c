"""fn_iu_create_plan: the dry run says what fn_iu_create would do and writes nothing."""

from __future__ import annotations

from tests.conftest import SAMPLE, as_role, counts, create_units, set_policy


def plan(conn, units, publication_type="law"):
    with as_role(conn, "cutter_exec"):
        return conn.execute(
            "SELECT ordinal, canonical_address, unit_kind, action, code FROM fn_iu_create_plan("
            " p_canonical_addresses => %s, p_bodies => %s, p_publication_type => %s)",
            ([a for a, _ in units], [b for _, b in units], publication_type),
        ).fetchall()


def test_plan_of_a_fresh_document_is_all_create(conn):
    rows = plan(conn, SAMPLE)
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("ICX-CONST", "doc", "create"),
        ("ICX-CONST/chp_1", "chp", "create"),
        ("ICX-CONST/chp_1/art_1", "art", "create"),
        ("ICX-CONST/chp_1/art_2", "art", "create"),
        ("ICX-CONST/chp_1/art_2/para_1", "para", "create"),
    ]
    assert counts(conn) == (0, 0)


def test_plan_distinguishes_unchanged_conflict_create_and_invalid(conn):
    create_units(conn, SAMPLE[:3])
    rows = plan(conn, [
        SAMPLE[0],
        ("ICX-CONST/chp_1", "Chapter I. The Kingdom"),
        ("ICX-CONST/chp_1/art_2", "Article 2."),
        ("ICX-CONST/chp_9/art_1", "orphan"),
        ("not an address", "x"),
    ])
    assert [(r[0], r[3], r[4]) for r in rows] == [
        (1, "unchanged", None),
        (2, "conflict", "IU006"),
        (3, "create", None),
        (4, "invalid", "IU005"),
        (5, "invalid", "IU005"),
    ]


def test_plan_reports_birth_gate_warnings_as_call_level_rows(conn):
    rows = plan(conn, SAMPLE[:1], publication_type=None)
    assert rows[0][:2] == (None, None)
    assert rows[0][3:] == ("warning", "IU005")


def test_plan_refuses_an_oversized_call_without_listing_units(conn):
    set_policy(conn, "iu_create.gateway.max_units_per_call", "2")
    rows = plan(conn, SAMPLE)
    assert rows == [(None, None, None, "refused", "IU009")]


def test_plan_writes_nothing_not_even_a_transaction_id(conn):
    with conn.transaction():
        plan(conn, SAMPLE)
        assert conn.execute("SELECT pg_current_xact_id_if_assigned()").fetchone() == (None,)
    assert counts(conn) == (0, 0)
