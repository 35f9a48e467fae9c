"""The lifecycle (seed 004): vocabulary, allowed transitions, enactment under review, the sealed
audit log, immutability, supersede, retire and point in time. Every refusal asserts its SQLSTATE."""

from __future__ import annotations

import re
import threading
import time
import unicodedata

import psycopg
import pytest

from harness import governance, lifecycle
from tests.conftest import SAMPLE, as_role, connect, counts, raises_sqlstate, set_policy
from tests.db.governed import content_hash, cut, cut_verified_approved, digest, enact, review, revise, verify

ADDRESSES = [a for a, _ in SAMPLE]
ART1 = "ICX-CONST/chp_1/art_1"
PARA1 = "ICX-CONST/chp_1/art_2/para_1"
REVISED = [(a, b.replace("Every citizen may vote.", "Every citizen of age may vote.")) for a, b in SAMPLE]


def log_rows(conn):
    return conn.execute("SELECT count(*) FROM iu_lifecycle_log").fetchone()[0]


def unit(conn, address):
    return conn.execute(
        "SELECT iu.lifecycle_status, uv.lifecycle_status, iu.enacted_at, iu.enacted_by, uv.enacted_at,"
        " uv.version_no, uv.content_hash FROM information_unit AS iu"
        " JOIN unit_version AS uv ON uv.id = iu.current_version_id WHERE iu.canonical_address = %s",
        (address,),
    ).fetchone()


def exempt(conn, operations=("UPDATE", "DELETE"), ticket="TEST-LC"):
    """Open the migration exemption a DBA would register: the gateway lets the write through,
    so what refuses it below is the lifecycle trigger itself."""
    conn.execute(
        "SELECT fn_iu_gateway_exemption_grant(%s, 'lifecycle trigger test', '1 hour', 'dba',"
        " ARRAY['information_unit','unit_version'], %s)",
        (ticket, list(operations)),
    )
    return ticket


def as_exempted_owner(conn, sql, params=None, ticket="TEST-LC"):
    with conn.transaction():
        conn.execute(f"SET LOCAL app.canonical_writer = 'migration:{ticket}'")
        conn.execute(sql, params)


# --- vocabulary and transitions as data ---------------------------------------------------------


def test_vocabulary_is_exactly_the_four_seed_g6_rows(conn):
    assert conn.execute(
        "SELECT code, name, description, sort_order FROM iu_lifecycle_vocab ORDER BY sort_order"
    ).fetchall() == [
        ("draft", "Bản nháp", "Mới tạo, chưa approve, sửa tại chỗ", 10),
        ("enacted", "Đã ban hành", "Approve qua change-set + APR. Bất biến.", 20),
        ("superseded", "Bị thay", "Bị version mới enacted thay. Giữ audit.", 30),
        ("retired", "Đã rút", "Quyết định retire qua change-set + APR.", 40),
    ]


def test_every_lifecycle_status_is_held_to_the_vocabulary(conn, signers):
    """The transitions reference the vocabulary by foreign key; a unit's or a version's status is
    a draft when it is born and moves only along a listed transition (statement checks since
    revision 0026, which dropped the row-by-row keys), so no status outside the vocabulary gets in."""
    refs = conn.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname
        FROM pg_constraint AS c
        JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'iu_lifecycle_vocab'::regclass
        """
    ).fetchall()
    assert set(refs) == {("iu_lifecycle_transition", "from_status"), ("iu_lifecycle_transition", "to_status")}
    cut(conn, signers["alice"])
    exempt(conn, operations=("INSERT", "UPDATE"))
    for table in ("information_unit", "unit_version"):
        with raises_sqlstate("IU003") as info:
            as_exempted_owner(conn, f"UPDATE {table} SET lifecycle_status = 'archived'")
        assert "cannot go from draft to archived" in info.value.diag.message_primary
    with raises_sqlstate("IU003"):
        as_exempted_owner(
            conn,
            "INSERT INTO unit_version (iu_id, version_no, body, lifecycle_status, created_by, updated_by)"
            " SELECT id, 9, 'x', 'archived', 'dba', 'dba' FROM information_unit LIMIT 1",
        )
    assert conn.execute(
        "SELECT count(*) FROM information_unit AS iu JOIN unit_version AS uv ON uv.iu_id = iu.id"
        " WHERE 'archived' IN (iu.lifecycle_status, uv.lifecycle_status)"
    ).fetchone() == (0,)


def test_allowed_transitions_are_data(conn):
    assert conn.execute(
        "SELECT from_status, to_status, transition_type FROM iu_lifecycle_transition ORDER BY 1, 2"
    ).fetchall() == [
        ("draft", "enacted", "enact"),
        ("draft", "retired", "withdraw"),
        ("enacted", "retired", "retire"),
        ("enacted", "superseded", "supersede"),
    ]


@pytest.mark.parametrize("table", ["iu_lifecycle_vocab", "iu_lifecycle_transition"])
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {t} SET description = 'x'",
        "DELETE FROM {t}",
        "TRUNCATE {t} CASCADE",
    ],
)
def test_lifecycle_data_is_fixed_even_for_the_owner(conn, table, sql):
    with as_role(conn, "iu_owner"), raises_sqlstate("IU010"):
        conn.execute(sql.format(t=table))


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("draft", "superseded"),
    ],
)
def test_a_transition_not_in_the_table_is_iu003(conn, signers, start, to):
    cut(conn, signers["alice"])
    exempt(conn)
    with raises_sqlstate("IU003") as info:
        # stamps set as a superseded row needs them, so only the transition rule stands in the way
        as_exempted_owner(
            conn,
            "UPDATE unit_version SET lifecycle_status = %s, enacted_at = now(), enacted_by = 'dba',"
            " superseded_at = now(), superseded_by = 'dba'",
            (to,),
        )
    assert "allowed from draft: enacted, retired" in info.value.diag.message_detail


@pytest.mark.parametrize(
    ("table", "to"),
    [
        ("information_unit", "draft"),
        ("unit_version", "draft"),
    ],
)
def test_enacted_rows_cannot_move_back_or_sideways(conn, signers, table, to):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    exempt(conn)
    with raises_sqlstate("IU003") as info:
        as_exempted_owner(conn, f"UPDATE {table} SET lifecycle_status = %s", (to,))
    # the refusal names the row, read whole once the narrow join has found it
    named = r"unit ICX-[A-Z]+\S*" if table == "information_unit" else r"version 1 of unit [0-9a-f-]{36}"
    assert re.fullmatch(f"{named} cannot go from enacted to {to}", info.value.diag.message_primary)


def test_retired_is_final(conn, signers):
    cut(conn, signers["alice"])
    with as_role(conn, "cutter_exec"):
        lifecycle.retire(conn, [PARA1], "alice", None, "withdrawn before enactment")
    exempt(conn)
    # stamps cleared as a draft's are, so that the transition rule, not the stamps' CHECK, refuses
    with raises_sqlstate("IU003") as info:
        as_exempted_owner(
            conn, "UPDATE unit_version SET lifecycle_status = 'draft', retired_at = NULL, retired_by = NULL"
            " WHERE lifecycle_status = 'retired'"
        )
    assert "nothing, it is final" in info.value.diag.message_detail


def test_rows_are_born_draft(conn, signers):
    cut(conn, signers["alice"])
    conn.execute(
        "SELECT fn_iu_gateway_exemption_grant('TEST-BIRTH', 'birth test', '1 hour', 'dba',"
        " ARRAY['unit_version'], ARRAY['INSERT'])"
    )
    with raises_sqlstate("IU003"):
        as_exempted_owner(
            conn,
            "INSERT INTO unit_version (iu_id, version_no, body, lifecycle_status, created_by, updated_by,"
            " enacted_at, enacted_by) SELECT id, 9, 'x', 'enacted', 'dba', 'dba', now(), 'dba'"
            " FROM information_unit LIMIT 1",
            ticket="TEST-BIRTH",
        )


# --- enactment ----------------------------------------------------------------------------------


def test_enact_moves_unit_and_version_to_enacted_with_stamps_and_one_log_row(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    with as_role(conn, "cutter_exec"):
        action = conn.execute("SELECT fn_iu_enact(%s, 'alice', %s)", ("ICX-CONST", decision)).fetchone()[0]
    assert action == "enacted"
    iu_status, uv_status, iu_at, iu_by, uv_at, _, _ = unit(conn, "ICX-CONST")
    assert (iu_status, uv_status, iu_by) == ("enacted", "enacted", "alice")
    assert iu_at == uv_at is not None
    row = conn.execute(
        "SELECT entity_collection, from_status, to_status, transition_type, performed_by, review_decision_id,"
        " change_set_id, db_login, metadata ->> 'content_hash', reason FROM iu_lifecycle_log"
    ).fetchall()
    assert row == [
        (
            "information_unit",
            "draft",
            "enacted",
            "enact",
            "alice",
            decision,
            cs,
            "postgres",
            content_hash(SAMPLE[0][1]),
            f"enacted under review decision {decision}",
        )
    ]
    assert conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone() == ("",)


def test_enacting_an_enacted_unit_is_already_enacted_and_writes_nothing(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ["ICX-CONST"], decision)
    before = (log_rows(conn), unit(conn, "ICX-CONST"))
    with as_role(conn, "cutter_exec"):
        again = conn.execute("SELECT fn_iu_enact(%s, 'alice', %s)", ("ICX-CONST", decision)).fetchone()[0]
    assert again == "already_enacted"
    assert (log_rows(conn), unit(conn, "ICX-CONST")) == before


def test_enact_batch_enacts_a_whole_cut_and_the_change_set_becomes_enacted(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    rows = enact(conn, ADDRESSES, decision)
    assert [r.action for r in rows] == ["enacted"] * len(SAMPLE)
    assert [r.canonical_address for r in rows] == ADDRESSES
    assert log_rows(conn) == len(SAMPLE)
    assert conn.execute("SELECT count(*) FROM iu_lifecycle_log_seal").fetchone() == (1,)
    with as_role(conn, "cutter_exec"):
        assert governance.change_set(conn, cs).status == "enacted"
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    assert verdict == "pass", [c for c in checks if c.outcome != "pass"]


def test_a_change_set_settles_only_once_every_manifest_unit_is_enacted(conn, signers):
    """Settling reads the manifest unless the batch was all of it, all drafts (0032): a batch
    of part of the manifest leaves the change set verified; the rest in a batch that repeats
    an enacted unit (so not all drafts) settles it by reading the manifest; and a whole
    manifest of drafts settles it at once (the test above)."""
    cs, decision = cut_verified_approved(conn, signers)

    def status():
        with as_role(conn, "cutter_exec"):
            return governance.change_set(conn, cs).status

    enact(conn, ADDRESSES[:2], decision)
    assert status() == "verified"
    enact(conn, ADDRESSES[1:-1], decision)
    assert status() == "verified"
    rows = enact(conn, ADDRESSES[-2:], decision)
    assert [r.action for r in rows] == ["already_enacted", "enacted"]
    assert status() == "enacted"


def test_settling_on_the_callers_proof_still_requires_a_verified_change_set(conn, signers):
    cs, _ = cut_verified_approved(conn, signers)
    # The internal function called as its owner would call it: the caller's proof replaces
    # reading the manifest, not the rule that only a verified change set becomes enacted.
    settled = conn.execute("SELECT fn_iu_change_set_settle(%s, true)", (cs,)).fetchone()[0]
    assert settled is True
    with as_role(conn, "cutter_exec"):
        assert governance.change_set(conn, cs).status == "enacted"
    again = conn.execute("SELECT fn_iu_change_set_settle(%s, true)", (cs,)).fetchone()[0]
    assert again is False


def test_enact_batch_of_drafts_and_enacted_units_logs_the_drafts_in_the_order_given(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES[:2], decision)
    given = [ADDRESSES[0], *reversed(ADDRESSES[2:]), ADDRESSES[1]]
    rows = enact(conn, given, decision)
    assert [(r.canonical_address, r.action) for r in rows] == [
        (ADDRESSES[0], "already_enacted"), *((a, "enacted") for a in reversed(ADDRESSES[2:])),
        (ADDRESSES[1], "already_enacted")]
    current = dict(conn.execute(
        "SELECT iu.canonical_address, uv.id FROM information_unit AS iu"
        " JOIN unit_version AS uv ON uv.id = iu.current_version_id"
    ).fetchall())
    assert [(r.version_id, r.content_hash) for r in rows] == [
        (current[a], content_hash(dict(SAMPLE)[a])) for a in given]
    logged = conn.execute(
        "SELECT l.canonical_address, l.metadata ->> 'version_id', l.seal_ordinal FROM iu_lifecycle_log AS l"
        " JOIN iu_lifecycle_log_seal AS s ON s.id = l.seal_id WHERE s.chain_pos = 2 ORDER BY l.seal_ordinal"
    ).fetchall()
    assert logged == [(a, str(current[a]), i) for i, a in enumerate(reversed(ADDRESSES[2:]), 1)]


def test_enact_batch_is_all_or_nothing(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    with raises_sqlstate("IU007"):
        enact(conn, [*ADDRESSES, "ICX-CONST/chp_9"], decision)
    assert {unit(conn, a)[0] for a in ADDRESSES} == {"draft"}
    assert log_rows(conn) == 0


@pytest.mark.parametrize("writer", ["enact", "supersede"])
def test_a_version_whose_body_no_longer_hashes_to_its_stored_hash_is_not_enacted(conn, signers, writer):
    """The hash function redefined behind the stored hashes' back is no longer the certified one:
    content_hash_matches is no longer held, the gate probes it and refuses."""
    if writer == "enact":
        _, decision = cut_verified_approved(conn, signers)
    else:
        _, decision = superseded_sample(conn, signers)
    before = log_rows(conn)
    # The hash function redefined behind the stored hashes' back (drift the survey reports).
    conn.execute(
        "CREATE OR REPLACE FUNCTION public.fn_iu_content_hash(p_body text) RETURNS text"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT pg_catalog.md5(p_body) $$"
    )
    with raises_sqlstate("IU005") as info:
        if writer == "enact":
            enact(conn, ADDRESSES, decision)
        else:
            supersede(conn, [PARA1], decision)
    assert "content_hash_matches" in info.value.diag.message_primary
    assert log_rows(conn) == before


HELD = {
    "address_grammar": "check information_unit_address_grammar",
    "body_valid": "check unit_version_body_nfc, check unit_version_body_not_blank",
    "content_hash_matches": "certified function fn_iu_content_hash, generated column content_hash",
    "root_has_no_parent": "check information_unit_parent_pair",
    "single_open_version":
        "unique index unit_version_one_draft_per_iu, unique index unit_version_one_enacted_per_iu",
}


def held(conn):
    return {i: (h, by) for i, h, by in conn.execute("SELECT * FROM fn_iu_invariants_held()")}


def test_five_invariants_are_held_by_the_database_itself_at_head(conn):
    assert held(conn) == {i: (True, by) for i, by in HELD.items()}
    (probe,) = conn.execute(
        "SELECT prosrc FROM pg_proc"
        " WHERE oid = 'fn_iu_verify_invariants(text, boolean, text[])'::regprocedure"
    ).fetchone()
    assert all(f"'{invariant}'" in probe for invariant in HELD)  # names the probe checks by


@pytest.mark.parametrize(
    ("ddl", "invariant"),
    [
        ("ALTER TABLE information_unit DROP CONSTRAINT information_unit_address_grammar", "address_grammar"),
        ("ALTER TABLE information_unit DROP CONSTRAINT information_unit_address_grammar;"
         " ALTER TABLE information_unit ADD CONSTRAINT information_unit_address_grammar"
         " CHECK (canonical_address ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'"
         " AND octet_length(canonical_address) <= 1024) NOT VALID", "address_grammar"),
        ("ALTER TABLE information_unit DROP CONSTRAINT information_unit_parent_pair;"
         " ALTER TABLE information_unit ADD CONSTRAINT information_unit_parent_pair"
         " CHECK (parent_id IS NULL OR parent_address IS NOT NULL)", "root_has_no_parent"),
        ("ALTER TABLE unit_version DROP CONSTRAINT unit_version_body_nfc", "body_valid"),
        ("DROP INDEX unit_version_one_enacted_per_iu", "single_open_version"),
        ("DROP INDEX unit_version_one_draft_per_iu;"
         " CREATE INDEX unit_version_one_draft_per_iu ON unit_version (iu_id)"
         " WHERE lifecycle_status = 'draft'",
         "single_open_version"),
        ("CREATE OR REPLACE FUNCTION public.fn_iu_content_hash(p_body text) RETURNS text LANGUAGE sql"
         " IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT pg_catalog.md5(p_body) $$", "content_hash_matches"),
    ],
)
def test_an_invariant_whose_holder_is_dropped_altered_or_unvalidated_is_not_held(conn, ddl, invariant):
    with conn.transaction(force_rollback=True):
        conn.execute(ddl)
        assert held(conn) == {i: (i != invariant, by) for i, by in HELD.items()}
    assert held(conn)[invariant] == (True, HELD[invariant])


def test_an_invariant_no_longer_held_is_probed_again_at_enactment(conn, signers):
    """With its unique index gone, a second draft version of a unit gets in; the gate probes
    single_open_version again and the enactment is refused with the probe's words."""
    _, decision = cut_verified_approved(conn, signers)
    with conn.transaction():
        conn.execute("DROP INDEX unit_version_one_draft_per_iu")
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(
            "INSERT INTO unit_version (iu_id, version_no, body, created_by, updated_by)"
            " SELECT id, 2, 'A second draft.', 'dba', 'dba' FROM information_unit"
            " WHERE canonical_address = %s",
            (PARA1,))
    (detail,) = conn.execute(
        "SELECT detail FROM fn_iu_verify_invariants(%s) WHERE invariant = 'single_open_version'", (PARA1,)
    ).fetchone()
    with raises_sqlstate("IU005") as info:
        enact(conn, ADDRESSES, decision)
    assert info.value.diag.message_primary == f"unit {PARA1} fails invariant single_open_version: {detail}"
    assert log_rows(conn) == 0


@pytest.mark.parametrize(
    ("damage", "invariant"),
    [
        # the current version handed to a unit that does not exist (the foreign keys switched off)
        (
            "UPDATE unit_version SET iu_id = gen_random_uuid()"
            " WHERE id = (SELECT current_version_id FROM information_unit WHERE canonical_address = %s)",
            "current_version_owned",
        ),
        # the current version enacted behind its draft unit's back (the triggers switched off)
        (
            "UPDATE unit_version SET lifecycle_status = 'enacted', enacted_at = now(), enacted_by = 'dba'"
            " WHERE id = (SELECT current_version_id FROM information_unit WHERE canonical_address = %s)",
            "lifecycle_consistent",
        ),
        # the unit's parent_id moved to another unit than its address names (the tree check off)
        (
            "UPDATE information_unit SET parent_id = ("
            "SELECT id FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_1')"
            " WHERE canonical_address = %s",
            "parent_consistent",
        ),
        # the unit's parent_id pointing at no unit
        (
            "UPDATE information_unit SET parent_id = gen_random_uuid() WHERE canonical_address = %s",
            "parent_consistent",
        ),
        # the unit ordered before its parent
        (
            "UPDATE information_unit SET doc_order = 0 WHERE canonical_address = %s",
            "parent_precedes_child",
        ),
    ],
)
def test_a_unit_failing_an_invariant_is_not_enacted(conn, signers, damage, invariant):
    """The units pass proves these itself and the probe leaves them out: the refusal is the
    probe's, word for word, and nothing moves."""
    _, decision = cut_verified_approved(conn, signers)
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(damage, (PARA1,))
    (detail,) = conn.execute(
        "SELECT detail FROM fn_iu_verify_invariants(%s) WHERE invariant = %s", (PARA1, invariant)
    ).fetchone()
    with raises_sqlstate("IU005") as info:
        enact(conn, ADDRESSES, decision)
    assert info.value.diag.message_primary == f"unit {PARA1} fails invariant {invariant}: {detail}"
    assert conn.execute(
        "SELECT count(*) FROM information_unit WHERE lifecycle_status <> 'draft'"
    ).fetchone() == (0,)
    assert log_rows(conn) == 0


def test_a_unit_is_not_enacted_before_its_parent(conn, signers):
    """A child whose parent is a draft outside the batch is IU003 and nothing moves; once the
    parent is enacted, the child follows in a batch of its own."""
    _, decision = cut_verified_approved(conn, signers)
    with raises_sqlstate("IU003") as info:
        enact(conn, [PARA1], decision)
    assert info.value.diag.message_primary == (
        f"unit {PARA1} cannot be enacted before its parent ICX-CONST/chp_1/art_2")
    assert conn.execute(
        "SELECT count(*) FROM information_unit WHERE lifecycle_status <> 'draft'"
    ).fetchone() == (0,)
    assert log_rows(conn) == 0
    enact(conn, [a for a in ADDRESSES if a != PARA1], decision)
    enact(conn, [PARA1], decision)
    assert conn.execute(
        "SELECT count(*) FROM information_unit WHERE lifecycle_status = 'enacted'"
    ).fetchone() == (len(ADDRESSES),)


def _decision_expiring_now(conn, signers, cs):
    when = conn.execute("SELECT clock_timestamp() + interval '1 second'").fetchone()[0]
    decision = review(conn, signers["rita"], change_set_id=cs, expires_at=when)
    time.sleep(1.2)
    return decision


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "unknown",
        "rejected",
        "other_subject",
        "expired",
        "too_old",
        "self_approved",
        "later_rejected",
        "other_content",
    ],
)
def test_enact_without_a_valid_approval_for_this_content_is_iu004(conn, signers, case):
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    decision = {
        "missing": lambda: None,
        "unknown": lambda: "00000000-0000-0000-0000-000000000000",
        "rejected": lambda: review(conn, signers["rita"], change_set_id=cs, decision="reject"),
        "other_subject": lambda: review(conn, signers["rita"], change_set_id=cs, subject="retire"),
        "expired": lambda: _decision_expiring_now(conn, signers, cs),
        "too_old": lambda: review(conn, signers["rita"], change_set_id=cs),
        "self_approved": lambda: review(conn, signers["rita"], change_set_id=cs),
        "later_rejected": lambda: review(conn, signers["rita"], change_set_id=cs),
        "other_content": lambda: review(conn, signers["rita"], manifest_sha256=digest([("ICX-OTHER", "x")])),
    }[case]()
    actor = "alice"
    if case == "too_old":
        set_policy(conn, "iu_enact.review_max_age_days", "1")
        with conn.transaction():  # age the decision behind the triggers, as only a superuser could
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute(
                "UPDATE cutter_governance.review_decision SET decided_at = decided_at - interval '2 days'"
            )
    if case == "self_approved":
        actor = "rita"
    if case == "later_rejected":
        review(conn, signers["mallory"], change_set_id=cs, decision="reject")
    with raises_sqlstate("IU004"):
        enact(conn, ADDRESSES, decision, actor=actor)
    assert log_rows(conn) == 0


def test_an_approval_before_the_cut_by_the_executor_is_iu004(conn, signers):
    decision = review(conn, signers["alice"], manifest_sha256=digest(SAMPLE))
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    with raises_sqlstate("IU004") as info:
        enact(conn, ADDRESSES, decision, actor="victor")
    assert "executor" in info.value.diag.message_primary


def test_an_approval_before_the_cut_by_someone_else_enacts(conn, signers):
    decision = review(conn, signers["rita"], manifest_sha256=digest(SAMPLE))
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    assert {r.action for r in enact(conn, ADDRESSES, decision)} == {"enacted"}


def test_a_draft_edited_after_the_approval_is_no_longer_covered(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    with as_role(conn, "cutter_exec"):
        conn.execute(
            "SELECT fn_iu_apply_edit_draft(p_canonical_address => %s, p_body => 'changed',"
            " p_actor => 'alice')",
            (PARA1,),
        )
    with raises_sqlstate("IU004") as info:
        enact(conn, ADDRESSES, decision)
    assert PARA1 in info.value.diag.message_primary


def test_a_distinct_reviewer_is_a_policy_that_defaults_on(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    set_policy(conn, "iu_enact.require_distinct_reviewer", "false")
    assert {r.action for r in enact(conn, ADDRESSES, decision, actor="rita")} == {"enacted"}


def test_an_unverified_change_set_is_not_enacted(conn, signers):
    cs = cut(conn, signers["alice"])
    decision = review(conn, signers["rita"], change_set_id=cs)
    with raises_sqlstate("IU003") as info:
        enact(conn, ADDRESSES, decision)
    assert "verify" in info.value.diag.message_hint


def test_a_child_is_not_enacted_before_its_parent(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    with raises_sqlstate("IU003") as info:
        enact(conn, [ART1], decision)
    assert "ICX-CONST/chp_1" in info.value.diag.message_primary
    assert {r.action for r in enact(conn, ["ICX-CONST", "ICX-CONST/chp_1", ART1], decision)} == {"enacted"}


def test_frozen_policy_refuses_every_lifecycle_change(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    set_policy(conn, "iu_enact.mode", "frozen")
    with raises_sqlstate("IU003"):
        enact(conn, ADDRESSES, decision)


@pytest.mark.parametrize(
    ("addresses", "sqlstate"),
    [
        ([], "IU005"),
        (["ICX-CONST", "ICX-CONST"], "IU005"),
        (["ICX-CONST", None], "IU005"),
        (ADDRESSES, "IU009"),
    ],
)
def test_bad_batches_are_refused(conn, signers, addresses, sqlstate):
    _, decision = cut_verified_approved(conn, signers)
    set_policy(conn, "iu_enact.max_units_per_call", "3")
    with raises_sqlstate(sqlstate):
        enact(conn, addresses, decision)


def test_missing_policy_key_fails_closed(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    with as_role(conn, "iu_owner"):
        conn.execute("DELETE FROM dot_config WHERE key = 'iu_enact.require_distinct_reviewer'")
    with raises_sqlstate("IU008"):
        enact(conn, ADDRESSES, decision)


@pytest.mark.parametrize("role", ["cutter_verifier", "cutter_reviewer", "iu_reader"])
def test_only_cutter_exec_may_enact(conn, signers, role):
    _, decision = cut_verified_approved(conn, signers)
    with as_role(conn, role), raises_sqlstate("42501"):
        conn.execute("SELECT fn_iu_enact('ICX-CONST', 'alice', %s)", (decision,))


def test_concurrent_enactments_of_the_same_units_transition_once(db, server, signers):
    with connect(server, db) as setup:
        _, decision = cut_verified_approved(setup, signers)
    barrier = threading.Barrier(2)
    results: list = []
    errors: list = []

    def worker():
        try:
            with connect(server, db) as own:
                barrier.wait()
                results.append([r.action for r in enact(own, ADDRESSES, decision)])
        except psycopg.Error as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == sorted([["enacted"] * len(SAMPLE), ["already_enacted"] * len(SAMPLE)])
    with connect(server, db) as check:
        assert log_rows(check) == len(SAMPLE)
        assert check.execute("SELECT count(*) FROM iu_lifecycle_log_seal").fetchone() == (1,)


# --- the audit log ----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["iu_lifecycle_log", "iu_lifecycle_log_seal"])
@pytest.mark.parametrize(
    "sql", ["UPDATE {t} SET performed_by = 'x'", "DELETE FROM {t}", "TRUNCATE {t} CASCADE"]
)
def test_the_log_is_append_only_even_for_the_owner(conn, signers, table, sql):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    with as_role(conn, "iu_owner"), raises_sqlstate("IU010"):
        conn.execute(sql.format(t=table))


def test_nobody_writes_the_log_by_hand(conn, signers):
    insert = (
        "INSERT INTO iu_lifecycle_log_seal (id, chain_pos, transition_type, performed_by, performed_at,"
        " entry_count, entries_digest, seal_hash) VALUES (gen_random_uuid(), 1, 'enact', 'x', now(), 1,"
        " repeat('a', 64), repeat('a', 64))"
    )
    for role in ("cutter_exec", "cutter_verifier", "iu_reader"):
        with as_role(conn, role), raises_sqlstate("42501"):
            conn.execute(insert)
    with as_role(conn, "iu_owner"), raises_sqlstate("IU001"):
        conn.execute(insert)
    with conn.transaction(), raises_sqlstate("IU001"):
        conn.execute("SET LOCAL app.canonical_writer = 'fn_iu_enact'")
        conn.execute(insert)


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE iu_lifecycle_log SET performed_by = 'mallory' WHERE seal_ordinal = 2", "no longer hash"),
        ("DELETE FROM iu_lifecycle_log WHERE seal_ordinal = 3", "the seal covers 5 row(s)"),
        ("DELETE FROM iu_lifecycle_log_seal WHERE chain_pos = 1", "chain broken"),
    ],
)
def test_tampering_with_the_log_is_detected(conn, signers, tamper, problem):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    cut(conn, signers["alice"], units=[("ICX-LAW", "Law of Iconia")])
    with as_role(conn, "cutter_exec"):
        lifecycle.retire(conn, ["ICX-LAW"], "alice", None, "withdrawn")
    assert conn.execute("SELECT * FROM fn_iu_lifecycle_log_check()").fetchall() == []
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(tamper)
    found = [p for _, _, p in conn.execute("SELECT * FROM fn_iu_lifecycle_log_check()")]
    assert any(problem in p for p in found), found
    _, checks = verify(conn, cs, signers["victor"])
    assert {c.check: c.outcome for c in checks}["lifecycle_log_intact"] == "fail"


def test_log_rows_and_their_seal_are_checked_per_statement(conn):
    """trg_iu_lifecycle_log_sealed, with the append-only guards switched off so that it is what
    refuses: a statement's rows name a seal that exists and are all of its rows, numbered from 1."""
    seal = conn.execute("SELECT gen_random_uuid()").fetchone()[0]
    rows = (
        "INSERT INTO iu_lifecycle_log (id, seal_id, seal_ordinal, entity_collection, entity_id,"
        " canonical_address, from_status, to_status, transition_type, reason, performed_by,"
        " performed_at, entry_hash) SELECT gen_random_uuid(), %s, g, 'information_unit', gen_random_uuid(),"
        " 'ICX-CONST', 'draft', 'enacted', 'enact', 'test', 'alice', now(), repeat('a', 64)"
        " FROM generate_series(%s::integer, %s::integer) AS g"
    )

    def refused(sqlstate, params, words):
        with raises_sqlstate(sqlstate) as info, conn.transaction():
            conn.execute(rows, params)
        assert words in str(info.value), info.value
        assert info.value.diag.constraint_name == "iu_lifecycle_log_sealed"

    with conn.transaction(force_rollback=True):
        conn.execute("ALTER TABLE iu_lifecycle_log DISABLE TRIGGER trg_aa_iu_lifecycle_log_guard")
        conn.execute("ALTER TABLE iu_lifecycle_log_seal DISABLE TRIGGER trg_aa_iu_lifecycle_log_seal_guard")
        refused("23503", (seal, 1, 2), f"seal {seal}, which does not exist")
        conn.execute(
            "INSERT INTO iu_lifecycle_log_seal (id, chain_pos, transition_type, performed_by, performed_at,"
            " entry_count, entries_digest, seal_hash) VALUES (%s, 1, 'enact', 'alice', now(), 2,"
            " repeat('a', 64), repeat('a', 64))",
            (seal,),
        )
        refused("IU010", (seal, 1, 1), "lists 2 lifecycle log row(s); this statement wrote 1 for it")
        refused("IU010", (seal, 2, 3), "numbered 2 to 3")
        conn.execute(rows, (seal, 1, 2))
        assert log_rows(conn) == 2
        refused("IU010", (seal, 3, 3), "this statement wrote 1 for it, numbered 3 to 3")
        assert log_rows(conn) == 2
    assert log_rows(conn) == 0


def test_enact_counts_answers_what_enact_answers(conn, signers):
    """lifecycle.enact_counts is fn_iu_enact_batch counted in the server: (enacted,
    already_enacted), the same as counting enact's rows."""
    _, decision = cut_verified_approved(conn, signers)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        assert lifecycle.enact_counts(conn, ADDRESSES[:2], "alice", decision) == (2, 0)
    rows = enact(conn, ADDRESSES, decision)
    assert [r.action for r in rows].count("already_enacted") == 2
    with conn.transaction(), as_role(conn, "cutter_exec"):
        assert lifecycle.enact_counts(conn, ADDRESSES, "alice", decision) == (0, len(ADDRESSES))
    assert unit(conn, ADDRESSES[-1])[:2] == ("enacted", "enacted")


def test_enact_change_set_counts_enacts_the_manifest_it_reads_itself(conn, signers):
    """lifecycle.enact_change_set_counts (what iu-cutter run calls) reads the change set's
    manifest in the enacting statement: every unit it created or left unchanged, in manifest
    order, the same as enact_counts of the addresses the client would have read."""
    cs, decision = cut_verified_approved(conn, signers)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        assert lifecycle.enact_change_set_counts(conn, cs, "alice", decision) == (len(ADDRESSES), 0)
    assert [unit(conn, a)[:2] for a in ADDRESSES] == [("enacted", "enacted")] * len(ADDRESSES)
    assert conn.execute(
        "SELECT array_agg(canonical_address ORDER BY seal_ordinal) FROM iu_lifecycle_log"
    ).fetchone() == (ADDRESSES,), "one log row per unit, in manifest order"
    with conn.transaction(), as_role(conn, "cutter_exec"):
        assert lifecycle.enact_change_set_counts(conn, cs, "alice", decision) == (0, len(ADDRESSES))


def test_enact_change_set_counts_leaves_a_revised_unit_to_supersede(conn, signers):
    enacted_sample(conn, signers)
    cs2, _ = revise(conn, signers["alice"], REVISED)
    verify(conn, cs2, signers["victor"])
    decision = review(conn, signers["rita"], change_set_id=cs2)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        assert lifecycle.enact_change_set_counts(conn, cs2, "alice", decision) == (0, len(ADDRESSES) - 1)
    assert conn.execute(
        "SELECT lifecycle_status FROM unit_version WHERE version_no = 2"
    ).fetchall() == [("draft",)], "the revision waits for iu-cutter supersede"


def test_log_rows_record_listed_transitions(conn):
    """trg_iu_lifecycle_log_sealed (revision 0026) also checks each distinct transition of the
    statement against iu_lifecycle_transition, as the foreign key did row by row."""
    seal = conn.execute("SELECT gen_random_uuid()").fetchone()[0]
    with conn.transaction(force_rollback=True):
        conn.execute("ALTER TABLE iu_lifecycle_log DISABLE TRIGGER trg_aa_iu_lifecycle_log_guard")
        conn.execute("ALTER TABLE iu_lifecycle_log_seal DISABLE TRIGGER trg_aa_iu_lifecycle_log_seal_guard")
        conn.execute(
            "INSERT INTO iu_lifecycle_log_seal (id, chain_pos, transition_type, performed_by, performed_at,"
            " entry_count, entries_digest, seal_hash) VALUES (%s, 1, 'enact', 'alice', now(), 3,"
            " repeat('a', 64), repeat('a', 64))",
            (seal,),
        )
        with raises_sqlstate("23503") as info, conn.transaction():
            conn.execute(
                "INSERT INTO iu_lifecycle_log (id, seal_id, seal_ordinal, entity_collection, entity_id,"
                " canonical_address, from_status, to_status, transition_type, reason, performed_by,"
                " performed_at, entry_hash) SELECT gen_random_uuid(), %s, g, 'information_unit',"
                " gen_random_uuid(), 'ICX-CONST', 'draft',"
                " CASE WHEN g = 2 THEN 'superseded' ELSE 'enacted' END,"
                " 'enact', 'test', 'alice', now(), repeat('a', 64) FROM generate_series(1, 3) AS g",
                (seal,),
            )
        assert info.value.diag.message_primary == (
            "lifecycle log rows record draft -> superseded (enact),"
            " which iu_lifecycle_transition does not list")
        assert info.value.diag.message_detail == "1 row(s) of this statement; nothing was written"
        assert info.value.diag.constraint_name == "iu_lifecycle_log_transition"
        assert log_rows(conn) == 0


def test_units_and_versions_name_change_sets_that_exist(conn, signers):
    """trg_iu_change_set_known and trg_uv_change_set_known (revision 0026): once per INSERT
    statement, and for an UPDATE on a row whose change set changed, the change set exists (23503,
    as the foreign keys said); an existing one passes, as before."""
    cs = cut(conn, signers["alice"])
    missing = conn.execute("SELECT gen_random_uuid()").fetchone()[0]
    exempt(conn, operations=("INSERT", "UPDATE"))
    new_unit = (
        "WITH v AS (INSERT INTO unit_version"
        " (id, iu_id, version_no, body, created_by, updated_by, change_set_id)"
        " VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 1, 'x',"
        " 'dba', 'dba', %(version_cs)s) RETURNING 1)"
        " INSERT INTO information_unit (id, canonical_address, doc_order, current_version_id, created_by,"
        " updated_by, created_change_set_id) VALUES ('00000000-0000-4000-8000-000000000001', 'ZZ-KNOWN', 0,"
        " '00000000-0000-4000-8000-000000000002', 'dba', 'dba', %(unit_cs)s)"
    )
    refusals = [
        (new_unit, {"version_cs": cs, "unit_cs": missing}, "trg_iu_change_set_known",
         "information_unit.created_change_set_id"),
        (new_unit, {"version_cs": missing, "unit_cs": cs}, "trg_uv_change_set_known",
         "unit_version.change_set_id"),
        ("UPDATE information_unit SET created_change_set_id = %(unit_cs)s"
         " WHERE canonical_address = 'ICX-CONST'",
         {"unit_cs": missing}, "trg_iu_change_set_known_update", "information_unit.created_change_set_id"),
        ("UPDATE unit_version SET change_set_id = %(version_cs)s", {"version_cs": missing},
         "trg_uv_change_set_known_update", "unit_version.change_set_id"),
    ]
    before = counts(conn)
    for sql, params, trigger, column in refusals:
        with raises_sqlstate("23503") as info:
            as_exempted_owner(conn, sql, params)
        assert info.value.diag.message_primary == f"{column} names change set {missing}, which does not exist"
        assert info.value.diag.constraint_name == trigger
    assert counts(conn) == before
    assert conn.execute(
        "SELECT count(*) FROM unit_version WHERE change_set_id IS DISTINCT FROM %s", (cs,)).fetchone() == (0,)
    # an existing change set, or none, passes
    as_exempted_owner(conn, new_unit, {"version_cs": None, "unit_cs": cs})
    as_exempted_owner(conn, "UPDATE unit_version SET change_set_id = %(cs)s, updated_by = 'dba'", {"cs": cs})
    assert conn.execute(
        "SELECT created_change_set_id FROM information_unit WHERE canonical_address = 'ZZ-KNOWN'"
    ).fetchone() == (cs,)


# --- immutability ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE unit_version SET body = 'rewritten' WHERE lifecycle_status = 'enacted'",
        "UPDATE information_unit SET title = 'rewritten'",
        "UPDATE information_unit SET doc_order = doc_order + 100",
        "DELETE FROM unit_version",
        "DELETE FROM information_unit",
        "TRUNCATE unit_version, information_unit",
    ],
)
@pytest.mark.parametrize("who", ["exempted_owner", "superuser"])
def test_enacted_content_cannot_change_for_anyone(conn, signers, sql, who):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    exempt(conn)
    if sql.startswith("TRUNCATE"):  # exemptions never cover TRUNCATE: let the gateway's pilot mode pass it
        set_policy(conn, "iu_create.gateway.mode", "pilot")
    before = conn.execute("SELECT array_agg(content_hash ORDER BY id) FROM unit_version").fetchone()
    with raises_sqlstate("IU002"):
        if who == "exempted_owner":
            with as_role(conn, "iu_owner"):
                as_exempted_owner(conn, sql)
        else:
            as_exempted_owner(conn, sql)
    assert conn.execute("SELECT array_agg(content_hash ORDER BY id) FROM unit_version").fetchone() == before


def test_drafts_stay_editable_and_deletable_while_others_are_enacted(conn, signers):
    _, decision = cut_verified_approved(conn, signers)
    enact(conn, ["ICX-CONST", "ICX-CONST/chp_1", ART1], decision)
    exempt(conn)
    as_exempted_owner(conn, "UPDATE unit_version SET body = 'draft text' WHERE lifecycle_status = 'draft'")
    assert unit(conn, PARA1)[6] == content_hash("draft text")


# --- revise and supersede ---------------------------------------------------------------------------


def enacted_sample(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, ADDRESSES, decision)
    return cs


def test_revise_drafts_a_new_version_beside_the_enacted_one(conn, signers):
    enacted_sample(conn, signers)
    cs2, rows = revise(conn, signers["alice"], REVISED)
    assert [r.action for r in rows] == ["unchanged"] * 4 + ["revised"]
    assert unit(conn, PARA1)[:2] == ("enacted", "enacted"), "the enacted version stays current"
    pending = conn.execute(
        "SELECT version_no, lifecycle_status, change_set_id FROM unit_version WHERE version_no = 2"
    ).fetchall()
    assert pending == [(2, "draft", cs2)]
    assert conn.execute(
        "SELECT action FROM cutter_governance.manifest_entry AS m"
        " JOIN cutter_governance.manifest_envelope AS e ON e.id = m.envelope_id"
        " WHERE e.change_set_id = %s AND m.canonical_address = %s",
        (cs2, PARA1),
    ).fetchone() == ("revised",)
    (_, verdict), checks = verify(conn, cs2, signers["victor"])
    assert verdict == "pass", [c for c in checks if c.outcome != "pass"]


def test_revise_stores_the_nfc_form_and_knows_it_again_in_either_form(conn, signers):
    enacted_sample(conn, signers)
    composed = "1. Mọi công dân đều có quyền bầu cử."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    _, rows = revise(conn, signers["alice"], [(PARA1, decomposed)])
    assert [(r.action, r.content_hash) for r in rows] == [("revised", content_hash(composed))]
    assert conn.execute("SELECT body FROM unit_version WHERE version_no = 2").fetchall() == [(composed,)]
    for form in (composed, decomposed):
        with as_role(conn, "cutter_exec"):
            again = lifecycle.revise(conn, [PARA1], [form], "alice", None)
        assert [r.action for r in again] == ["unchanged"]


@pytest.mark.parametrize(
    ("setup", "sqlstate"), [("draft", "IU003"), ("unknown", "IU007"), ("pending", "IU006")]
)
def test_revise_refusals(conn, signers, setup, sqlstate):
    if setup == "draft":
        cut(conn, signers["alice"])
        units = [(PARA1, "x")]
    elif setup == "unknown":
        enacted_sample(conn, signers)
        units = [("ICX-CONST/chp_9", "x")]
    else:
        enacted_sample(conn, signers)
        revise(conn, signers["alice"], [(PARA1, "first revision")])
        units = [(PARA1, "second revision")]
    with raises_sqlstate(sqlstate), as_role(conn, "cutter_exec"):
        lifecycle.revise(conn, [a for a, _ in units], [b for _, b in units], "alice", None)


def superseded_sample(conn, signers):
    enacted_sample(conn, signers)
    cs2, _ = revise(conn, signers["alice"], REVISED)
    verify(conn, cs2, signers["victor"])
    decision = review(conn, signers["rita"], change_set_id=cs2, subject="supersede")
    return cs2, decision


def supersede(conn, addresses, decision, actor="alice"):
    with conn.transaction(), as_role(conn, "cutter_exec"):
        return lifecycle.supersede(conn, addresses, actor, decision)


def test_supersede_enacts_the_revision_and_closes_the_old_version(conn, signers):
    cs2, decision = superseded_sample(conn, signers)
    rows = supersede(conn, [PARA1], decision)
    assert [r.action for r in rows] == ["superseded"]
    versions = conn.execute(
        "SELECT version_no, lifecycle_status, enacted_at IS NOT NULL, superseded_at, superseded_by"
        " FROM unit_version WHERE iu_id = %s ORDER BY version_no",
        (rows[0].iu_id,),
    ).fetchall()
    assert [v[:3] for v in versions] == [(1, "superseded", True), (2, "enacted", True)]
    new_enacted = conn.execute(
        "SELECT enacted_at FROM unit_version WHERE id = %s", (rows[0].version_id,)
    ).fetchone()[0]
    assert versions[0][3] == new_enacted and versions[0][4] == "alice"
    assert unit(conn, PARA1)[5:] == (2, content_hash(REVISED[-1][1]))
    assert conn.execute(
        "SELECT entity_collection, from_status, to_status, transition_type FROM iu_lifecycle_log"
        " WHERE canonical_address = %s AND entity_collection = 'unit_version' ORDER BY seal_ordinal DESC",
        (PARA1,),
    ).fetchall() == [
        ("unit_version", "draft", "enacted", "enact"),
        ("unit_version", "enacted", "superseded", "supersede"),
    ]
    with as_role(conn, "cutter_exec"):
        assert governance.change_set(conn, cs2).status == "enacted"
    assert [r.action for r in supersede(conn, [PARA1], decision)] == ["already_superseded"]


def test_supersede_needs_its_own_decision(conn, signers):
    cs2, _ = superseded_sample(conn, signers)
    enact_decision = review(conn, signers["rita"], change_set_id=cs2, subject="enact")
    with raises_sqlstate("IU004"):
        supersede(conn, [PARA1], enact_decision)
    with raises_sqlstate("IU003"):
        supersede(conn, [ART1], review(conn, signers["rita"], change_set_id=cs2, subject="supersede"))


def test_the_superseded_version_is_immutable_and_the_unit_cannot_be_edited(conn, signers):
    _, decision = superseded_sample(conn, signers)
    supersede(conn, [PARA1], decision)
    exempt(conn)
    with raises_sqlstate("IU002"):
        as_exempted_owner(
            conn, "UPDATE unit_version SET superseded_by = 'mallory' WHERE lifecycle_status = 'superseded'"
        )
    with as_role(conn, "cutter_exec"), raises_sqlstate("IU002") as info:
        conn.execute(
            "SELECT fn_iu_apply_edit_draft(p_canonical_address => %s, p_body => 'x', p_actor => 'alice')",
            (PARA1,),
        )
    assert "supersede" in info.value.diag.message_hint


def test_point_in_time_across_a_supersede(conn, signers):
    _, decision = superseded_sample(conn, signers)
    before = conn.execute("SELECT clock_timestamp()").fetchone()[0]
    supersede(conn, [PARA1], decision)
    after = conn.execute("SELECT clock_timestamp()").fetchone()[0]

    def version_at(at):
        with as_role(conn, "iu_reader"):
            return conn.execute(
                "SELECT version_no, body FROM fn_iu_version_at(%s, %s)", (PARA1, at)
            ).fetchall()

    assert version_at(before) == [(1, SAMPLE[-1][1])]
    assert version_at(after) == [(2, REVISED[-1][1])]
    with as_role(conn, "iu_reader"):
        doc_before = lifecycle.document_at(conn, "ICX-CONST", before)
        doc_after = lifecycle.document_at(conn, "ICX-CONST", after)
    assert [u.canonical_address for u in doc_before] == ADDRESSES == [u.canonical_address for u in doc_after]
    assert [u.body for u in doc_before] == [b for _, b in SAMPLE]
    assert [u.body for u in doc_after] == [b for _, b in REVISED]


def test_nothing_is_in_force_before_enactment(conn, signers):
    cut_verified_approved(conn, signers)
    with as_role(conn, "iu_reader"):
        assert lifecycle.document_at(conn, "ICX-CONST") == []


# --- retire -----------------------------------------------------------------------------------------


def retire(conn, addresses, decision, reason="repealed", actor="alice"):
    with conn.transaction(), as_role(conn, "cutter_exec"):
        return lifecycle.retire(conn, addresses, actor, decision, reason)


def retire_decision(conn, signers, addresses, reviewer="rita"):
    with as_role(conn, "cutter_reviewer"):
        units_digest = lifecycle.units_digest(conn, addresses)
    return review(conn, signers[reviewer], manifest_sha256=units_digest, subject="retire")


def test_retire_needs_an_approved_decision_for_exactly_those_units(conn, signers):
    enacted_sample(conn, signers)
    with raises_sqlstate("IU004"):
        retire(conn, [PARA1], None)
    wider = retire_decision(conn, signers, [ART1, PARA1])
    with raises_sqlstate("IU004"):
        retire(conn, [PARA1], wider)
    decision = retire_decision(conn, signers, [PARA1])
    at = conn.execute("SELECT clock_timestamp()").fetchone()[0]
    assert [r.action for r in retire(conn, [PARA1], decision)] == ["retired"]
    assert unit(conn, PARA1)[:2] == ("retired", "retired")
    assert [r.action for r in retire(conn, [PARA1], decision)] == ["already_retired"]
    with as_role(conn, "iu_reader"):
        assert PARA1 in [u.canonical_address for u in lifecycle.document_at(conn, "ICX-CONST", at)]
        assert PARA1 not in [u.canonical_address for u in lifecycle.document_at(conn, "ICX-CONST")]
    exempt(conn)
    with raises_sqlstate("IU002"):
        as_exempted_owner(
            conn, "UPDATE information_unit SET title = 'back' WHERE lifecycle_status = 'retired'"
        )


def test_a_parent_is_retired_with_or_after_its_children(conn, signers):
    enacted_sample(conn, signers)
    decision = retire_decision(conn, signers, ["ICX-CONST/chp_1/art_2"])
    with raises_sqlstate("IU003") as info:
        retire(conn, ["ICX-CONST/chp_1/art_2"], decision)
    assert PARA1 in info.value.diag.message_primary
    both = retire_decision(conn, signers, ["ICX-CONST/chp_1/art_2", PARA1])
    assert {r.action for r in retire(conn, ["ICX-CONST/chp_1/art_2", PARA1], both)} == {"retired"}


def test_a_draft_is_withdrawn_without_a_decision_but_with_a_reason(conn, signers):
    cut(conn, signers["alice"])
    with raises_sqlstate("IU005"):
        retire(conn, [PARA1], None, reason=" ")
    assert [r.action for r in retire(conn, [PARA1], None, reason="cut by mistake")] == ["withdrawn"]
    assert conn.execute(
        "SELECT transition_type, from_status, to_status FROM iu_lifecycle_log"
    ).fetchall() == [("withdraw", "draft", "retired")]
    assert counts(conn) == (len(SAMPLE), len(SAMPLE)), "a withdrawn draft stays on record"


def test_retiring_withdraws_a_pending_revision(conn, signers):
    enacted_sample(conn, signers)
    revise(conn, signers["alice"], [(PARA1, "a revision nobody approved")])
    decision = retire_decision(conn, signers, [PARA1])
    retire(conn, [PARA1], decision)
    assert conn.execute(
        "SELECT version_no, lifecycle_status FROM unit_version WHERE iu_id ="
        " (SELECT id FROM information_unit WHERE canonical_address = %s) ORDER BY 1",
        (PARA1,),
    ).fetchall() == [(1, "retired"), (2, "retired")]
    assert conn.execute("SELECT * FROM fn_iu_lifecycle_log_check()").fetchall() == []
