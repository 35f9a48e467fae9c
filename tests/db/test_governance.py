"""cutter_governance: the governed cut (leg B), append-only and chained records, separation of
duties, signatures, and the structural verify."""

from __future__ import annotations

import hashlib
import uuid

import psycopg
import pytest

from harness import gateway, governance, keys
from tests.conftest import SAMPLE, as_role, counts, raises_sqlstate, set_policy
from tests.db.governed import cut, digest, hashes, signatures_unchecked_on_insert, verify

G = "cutter_governance"


def gov_counts(conn):
    return conn.execute(
        f"SELECT (SELECT count(*) FROM {G}.cut_change_set), (SELECT count(*) FROM {G}.manifest_envelope),"
        f" (SELECT count(*) FROM {G}.manifest_entry), (SELECT count(*) FROM {G}.dot_pair_signature)"
    ).fetchone()


def test_governed_cut_records_everything_in_one_transaction(conn, signers):
    cs = cut(conn, signers["alice"])
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert gov_counts(conn) == (1, 1, len(SAMPLE), 1)
    env = conn.execute(
        f"SELECT manifest_sha256, created_count, unchanged_count FROM {G}.manifest_envelope"
    ).fetchone()
    assert env == (digest(SAMPLE), len(SAMPLE), 0)
    linked = conn.execute(
        "SELECT count(*) FROM information_unit WHERE created_change_set_id = %s", (cs,)
    ).fetchone()
    assert linked == (len(SAMPLE),)


def test_python_and_sql_manifest_digests_agree(conn):
    with as_role(conn, "iu_reader"):
        sql = conn.execute(
            f"SELECT {G}.fn_gov_manifest_digest(%s, %s)", ([a for a, _ in SAMPLE], hashes(SAMPLE))
        ).fetchone()[0]
    assert sql == digest(SAMPLE)


def test_change_set_without_manifest_cannot_commit(conn, signers):
    with raises_sqlstate("IU013"):
        cut(conn, signers["alice"], record=False, sign=False)
    assert counts(conn) == (0, 0)
    assert gov_counts(conn) == (0, 0, 0, 0)


def test_change_set_without_executor_signature_cannot_commit(conn, signers):
    with raises_sqlstate("IU013"):
        cut(conn, signers["alice"], sign=False)
    assert counts(conn) == (0, 0)
    assert gov_counts(conn) == (0, 0, 0, 0)


def test_failure_after_the_units_are_written_leaves_no_units_and_no_records(conn, signers):
    alice = signers["alice"]
    with pytest.raises(psycopg.Error), conn.transaction(), as_role(conn, "cutter_exec"):
        governance.register_key(conn, alice)
        cs = governance.open_change_set(
            conn, doc_code="ICX-CONST", source_sha256="a" * 64, manifest_sha256=digest(SAMPLE),
            unit_count=len(SAMPLE), actor="alice", profile=None, granularity=None,
            publication_type="law")
        gateway.create(conn, [gateway.UnitInput(a, b) for a, b in SAMPLE], "alice", "law", cs)
        governance.record_manifest(conn, cs, [a for a, _ in SAMPLE], hashes(SAMPLE), "alice")
        conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)", (cs, alice.key_id, b"x" * 10))
    assert counts(conn) == (0, 0)
    assert gov_counts(conn) == (0, 0, 0, 0)
    assert conn.execute(f"SELECT count(*) FROM {G}.signer_key").fetchone() == (0,)


def test_manifest_that_does_not_digest_to_the_declared_sha_is_iu013(conn, signers):
    with raises_sqlstate("IU013"):
        cut(conn, signers["alice"], manifest="b" * 64)
    assert counts(conn) == (0, 0)


def test_manifest_entry_disagreeing_with_the_stored_unit_is_iu013(conn, signers):
    """Two entries lie; the refusal names the first by ordinal, with both hashes."""
    alice = signers["alice"]
    lying = hashes(SAMPLE)
    truth = lying[2]
    lying[2] = "c" * 64
    lying[4] = "d" * 64
    fake = hashlib.sha256("".join(f"{a}\t{h}\n" for (a, _), h in zip(SAMPLE, lying, strict=True))
                          .encode()).hexdigest()
    with raises_sqlstate("IU013") as info, conn.transaction(), as_role(conn, "cutter_exec"):
        governance.register_key(conn, alice)
        cs = governance.open_change_set(
            conn, doc_code="ICX-CONST", source_sha256="a" * 64, manifest_sha256=fake,
            unit_count=len(SAMPLE), actor="alice", profile=None, granularity=None,
            publication_type="law")
        gateway.create(conn, [gateway.UnitInput(a, b) for a, b in SAMPLE], "alice", "law", cs)
        governance.record_manifest(conn, cs, [a for a, _ in SAMPLE], lying, "alice")
    assert info.value.diag.message_primary == (
        f"manifest entry 3 ({SAMPLE[2][0]}) does not match the stored unit")
    assert info.value.diag.message_detail == (
        f"manifest hash {'c' * 64}, stored hash {truth}, change set document ICX-CONST")
    assert counts(conn) == (0, 0)


def test_units_can_join_only_a_change_set_open_in_this_transaction(conn, signers):
    cs = cut(conn, signers["alice"])
    with as_role(conn, "cutter_exec"), raises_sqlstate("IU013"):
        gateway.create(conn, [gateway.UnitInput("ICX-CONST/chp_2", "Chapter II")], "alice", "law", cs)


def test_identical_recut_creates_nothing(conn, signers):
    cut(conn, signers["alice"])
    cs2 = cut(conn, signers["alice"])
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert conn.execute(
        f"SELECT created_count, unchanged_count FROM {G}.manifest_envelope WHERE change_set_id = %s", (cs2,)
    ).fetchone() == (0, len(SAMPLE))


def test_manifest_entries_and_their_envelope_are_checked_per_statement(conn, signers):
    """trg_ab_manifest_entry_enveloped (revision 0026), with the append-only guards switched off
    so that it is what refuses: a statement's entries name an envelope that exists (23503, as
    the foreign key said) and are all of its entries, numbered from 1, with as many new-content
    entries as the envelope's created_count (IU010)."""
    cut(conn, signers["alice"])
    n = len(SAMPLE)
    envelope = uuid.uuid4()
    entries = (
        f"INSERT INTO {G}.manifest_entry (envelope_id, ordinal, canonical_address, content_hash, action)"
        " SELECT %s, g, 'ICX-CONST/x_' || g, repeat('a', 64),"
        " CASE WHEN g = %s THEN 'created' ELSE 'unchanged' END"
        " FROM generate_series(%s::integer, %s::integer) AS g"
    )

    def refused(sqlstate, params, words):
        with raises_sqlstate(sqlstate) as info, conn.transaction():
            conn.execute(entries, params)
        assert words in info.value.diag.message_primary, info.value
        assert info.value.diag.constraint_name == "manifest_entry_enveloped"

    with conn.transaction(force_rollback=True):
        for table in ("manifest_envelope", "manifest_entry"):
            conn.execute(f"ALTER TABLE {G}.{table} DISABLE TRIGGER trg_aa_{table}_guard")
        before = gov_counts(conn)
        refused("23503", (envelope, 0, 1, n), f"envelope {envelope}, which does not exist")
        with as_role(conn, "cutter_exec"):
            cs = governance.open_change_set(
                conn, doc_code="ICX-CONST", source_sha256="a" * 64, manifest_sha256=digest(SAMPLE),
                unit_count=n, actor="alice", profile=None, granularity=None, publication_type="law")
        conn.execute(
            f"INSERT INTO {G}.manifest_envelope (id, change_set_id, manifest_sha256, unit_count,"
            " created_count, unchanged_count, recorded_by, chain_pos, row_hash)"
            " VALUES (%s, %s, %s, %s, 1, %s, 'alice', 0, '')",
            (envelope, cs, digest(SAMPLE), n, n - 1),
        )
        counted = f"lists {n} unit(s), 1 of them new content"
        refused("IU010", (envelope, 1, 1, n - 1), f"{counted}; this statement wrote {n - 1} entry(ies)")
        refused("IU010", (envelope, 2, 2, n + 1), f"numbered 2 to {n + 1}")
        refused("IU010", (envelope, 0, 1, n), f"numbered 1 to {n}, 0 of them new content")
        conn.execute(entries, (envelope, 1, 1, n))
        refused("IU010", (envelope, 0, n + 1, n + 1), "this statement wrote 1 entry(ies) for it")
        assert gov_counts(conn)[2] == before[2] + n
    assert gov_counts(conn) == before


@pytest.mark.parametrize("table", ["cut_change_set", "manifest_envelope", "manifest_entry",
                                   "dot_pair_signature", "signer_key"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET {c} = {c}", "DELETE FROM {t}", "TRUNCATE {t} CASCADE"])
def test_governance_records_are_append_only_even_for_the_owner(conn, signers, table, statement):
    cut(conn, signers["alice"])
    column = {"cut_change_set": "actor", "manifest_envelope": "recorded_by", "manifest_entry": "action",
              "dot_pair_signature": "signer", "signer_key": "signer"}[table]
    sql = statement.format(t=f"{G}.{table}", c=column)
    before = gov_counts(conn)
    with as_role(conn, "iu_owner"), raises_sqlstate("IU010"):
        conn.execute(sql)
    for role in ("cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader"):
        with as_role(conn, role), raises_sqlstate("42501"):
            conn.execute(sql)
    assert gov_counts(conn) == before


def test_an_approval_forged_by_writing_the_table_directly_is_refused(conn, signers):
    cs = cut(conn, signers["alice"])
    forge = (f"INSERT INTO {G}.review_decision (subject, change_set_id, manifest_sha256, decision,"
             " rationale, decided_by, decision_digest, chain_pos, row_hash)"
             f" VALUES ('enact', '{cs}', '{digest(SAMPLE)}', 'approve', 'trust me', 'rita',"
             f" '{'d' * 64}', 1, 'x')")
    with as_role(conn, "cutter_reviewer"), raises_sqlstate("42501"):
        conn.execute(forge)
    with as_role(conn, "iu_owner"), raises_sqlstate("IU001"):
        conn.execute(forge)
    with raises_sqlstate("IU001"), conn.transaction():
        conn.execute("SET LOCAL app.canonical_writer = 'fn_gov_record_review'")
        conn.execute(forge)
    assert conn.execute(f"SELECT count(*) FROM {G}.review_decision").fetchone() == (0,)


def test_change_set_status_moves_only_along_allowed_transitions(conn, signers):
    cs = cut(conn, signers["alice"])
    with as_role(conn, "iu_owner"):
        with raises_sqlstate("IU003"):
            conn.execute(f"SELECT {G}.fn_gov_set_status(%s, 'enacted')", (cs,))
        conn.execute(f"SELECT {G}.fn_gov_set_status(%s, 'verified')", (cs,))
        conn.execute(f"SELECT {G}.fn_gov_set_status(%s, 'rolled_back')", (cs,))
        with raises_sqlstate("IU003"):
            conn.execute(f"SELECT {G}.fn_gov_set_status(%s, 'verified')", (cs,))


def test_verify_of_a_clean_cut_passes_and_is_signed(conn, signers):
    cs = cut(conn, signers["alice"])
    (result_id, verdict), checks = verify(conn, cs, signers["victor"])
    assert verdict == "pass", [c for c in checks if c.outcome != "pass"]
    assert {c.check for c in checks} >= {
        "manifest_recorded", "manifest_digest", "units_present", "content_hashes_match",
        "parents_and_order", "counts_match", "executor_signature_recorded", "gateway_intact",
        "record_chain_intact", "executor_signature_valid", "all_signatures_valid"}
    status = conn.execute(f"SELECT status FROM {G}.cut_change_set WHERE id = %s", (cs,)).fetchone()
    assert status == ("verified",)
    sig = conn.execute(
        f"SELECT s.signed_digest, s.signature, k.public_key FROM {G}.dot_pair_signature AS s"
        f" JOIN {G}.signer_key AS k USING (key_id) WHERE s.verify_result_id = %s", (result_id,)
    ).fetchone()
    assert keys.verify(sig[2], "verifier", sig[0], sig[1])


def test_the_executor_cannot_verify_their_own_cut(conn, signers):
    cs = cut(conn, signers["alice"])
    with raises_sqlstate("IU012"):
        verify(conn, cs, signers["alice"])


def test_strict_separation_of_duties_compares_database_logins(conn, signers):
    set_policy(conn, "cutter_governance.separation_of_duties", "strict")
    cs = cut(conn, signers["alice"])
    with raises_sqlstate("IU012"):
        verify(conn, cs, signers["victor"])


def test_verdict_must_agree_with_the_checks(conn, signers):
    cs = cut(conn, signers["alice"])
    victor = signers["victor"]
    with as_role(conn, "cutter_verifier"):
        governance.register_key(conn, victor)
        with raises_sqlstate("IU005"):
            conn.execute(
                f"SELECT {G}.fn_gov_record_verify(%s, 'victor', 'pass', %s::jsonb, %s, %s)",
                (cs, '[{"check": "x", "outcome": "fail", "detail": ""}]', victor.key_id, b"s" * 64))


def test_tampered_body_makes_verify_fail_naming_the_unit(conn, signers):
    cs = cut(conn, signers["alice"])
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("UPDATE unit_version SET body = 'Article 1. Iconia is a kingdom.' WHERE iu_id ="
                     " (SELECT id FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_1')")
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    assert verdict == "fail"
    failed = {c.check: c.detail for c in checks if c.outcome == "fail"}
    assert "ICX-CONST/chp_1/art_1" in failed["content_hashes_match"]
    assert conn.execute(f"SELECT status FROM {G}.cut_change_set").fetchone() == ("verify_failed",)


@pytest.mark.parametrize(("tamper", "problem"), [
    (f"UPDATE {G}.cut_change_set SET actor = 'eve'", "altered"),
    (f"DELETE FROM {G}.cut_change_set WHERE chain_pos = 1", "gap"),
    (f"UPDATE {G}.dot_pair_signature SET signer = signer || ' '", "altered"),
])
def test_edited_or_deleted_governance_rows_break_the_chain(conn, signers, tamper, problem):
    cut(conn, signers["alice"])
    cut(conn, signers["alice"], units=[("ICX-LAW", "Law of Iconia")])
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(tamper)
    with as_role(conn, "cutter_verifier"):
        problems = conn.execute(
            f"SELECT table_name, problem FROM {G}.fn_gov_chain_check() WHERE problem <> 'head'"
        ).fetchall()
    assert any(p.startswith(problem) for _, p in problems), problems


def _cut_without_executor_signature(conn, alice) -> uuid.UUID:
    with as_role(conn, "cutter_exec"):
        governance.register_key(conn, alice)
        cs = governance.open_change_set(
            conn, doc_code="ICX-CONST", source_sha256="a" * 64, manifest_sha256=digest(SAMPLE),
            unit_count=len(SAMPLE), actor="alice", profile=None, granularity=None,
            publication_type="law")
        gateway.create(conn, [gateway.UnitInput(a, b) for a, b in SAMPLE], "alice", "law", cs)
        governance.record_manifest(conn, cs, [a for a, _ in SAMPLE], hashes(SAMPLE), "alice")
    return cs


def test_forged_executor_signature_is_iu011_and_nothing_is_recorded(conn, signers):
    alice, mallory = signers["alice"], signers["mallory"]
    forged = mallory.sign("executor", digest(SAMPLE))  # right shape, wrong key
    with raises_sqlstate("IU011") as info, conn.transaction():
        cs = _cut_without_executor_signature(conn, alice)
        with as_role(conn, "cutter_exec"):
            conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)", (cs, alice.key_id, forged))
    assert "does not verify under key" in info.value.diag.message_primary
    assert conn.execute(f"SELECT count(*) FROM {G}.dot_pair_signature").fetchone() == (0,)
    assert conn.execute(f"SELECT count(*) FROM {G}.cut_change_set").fetchone() == (0,)


def test_a_forged_executor_signature_recorded_before_the_check_fails_verify(conn, signers):
    """A row from before revision 0016 (simulated by recording it with the check disabled) is
    still caught by verify, which re-checks every signature."""
    alice, mallory = signers["alice"], signers["mallory"]
    with conn.transaction():
        cs = _cut_without_executor_signature(conn, alice)
        with signatures_unchecked_on_insert(conn), as_role(conn, "cutter_exec"):
            conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)",
                         (cs, alice.key_id, mallory.sign("executor", digest(SAMPLE))))
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    assert verdict == "fail"
    assert {c.check for c in checks if c.outcome == "fail"} == {
        "executor_signature_valid", "all_signatures_valid"}


def test_signature_with_another_signers_key_is_iu011(conn, signers):
    alice, mallory = signers["alice"], signers["mallory"]
    with as_role(conn, "cutter_exec"):
        governance.register_key(conn, mallory)
    with raises_sqlstate("IU011"), conn.transaction(), as_role(conn, "cutter_exec"):
        governance.register_key(conn, alice)
        cs = governance.open_change_set(
            conn, doc_code="ICX-CONST", source_sha256="a" * 64, manifest_sha256=digest(SAMPLE),
            unit_count=len(SAMPLE), actor="alice", profile=None, granularity=None,
            publication_type="law")
        gateway.create(conn, [gateway.UnitInput(a, b) for a, b in SAMPLE], "alice", "law", cs)
        governance.record_manifest(conn, cs, [a for a, _ in SAMPLE], hashes(SAMPLE), "alice")
        conn.execute(f"SELECT {G}.fn_gov_sign_executor(%s, 'alice', %s, %s)",
                     (cs, mallory.key_id, mallory.sign("executor", digest(SAMPLE))))


def test_auto_registration_covers_only_your_own_first_key(conn, signers, tmp_path):
    alice = signers["alice"]
    with as_role(conn, "cutter_exec"):
        assert governance.register_key(conn, alice) == alice.key_id
        assert governance.register_key(conn, alice) == alice.key_id
        other = keys.load_or_create("alice", tmp_path / "elsewhere")
        with raises_sqlstate("IU011"):
            governance.register_key(conn, other)
        with raises_sqlstate("IU011"):
            conn.execute(f"SELECT {G}.fn_gov_register_key('bob', %s, 'alice')", (other.public_key,))


SMALL_ORDER_KEYS = sorted(keys.SMALL_ORDER | {bytes([1] + [0] * 30 + [0x80])})  # and the identity signed


@pytest.mark.parametrize("key", SMALL_ORDER_KEYS, ids=lambda k: f"{k[:4].hex()}..{k[-1]:02x}")
def test_a_key_of_small_order_is_refused_for_everyone(conn, key):
    """Under auto registration a lane could otherwise claim the identity as the key of an actor
    who has none yet, and anyone could then sign as that actor, for anything (S = 0 and R = the
    identity verify for every message); an administrator cannot register one either."""
    with as_role(conn, "cutter_reviewer"), raises_sqlstate("IU011") as info:
        conn.execute(f"SELECT {G}.fn_gov_register_key('rita', %s, 'rita')", (key,))
    assert info.value.diag.message_primary == (
        f"key {hashlib.sha256(key).hexdigest()} is a point of small order: no one holds it,"
        " and a signature under it binds nothing")
    with raises_sqlstate("IU011"):
        conn.execute(f"SELECT {G}.fn_gov_register_key('rita', %s, 'dba-anna')", (key,))
    assert conn.execute(f"SELECT count(*) FROM {G}.signer_key").fetchone() == (0,)


def test_admin_mode_leaves_registration_to_the_db_team(conn, signers):
    set_policy(conn, "cutter_governance.key_registration", "admin")
    with as_role(conn, "cutter_exec"), raises_sqlstate("IU011"):
        governance.register_key(conn, signers["alice"])
    # a superuser (the DB team) registers it
    conn.execute(f"SELECT {G}.fn_gov_register_key('alice', %s, 'dba-anna')", (signers["alice"].public_key,))
    assert conn.execute(f"SELECT registration FROM {G}.signer_key").fetchone() == ("admin",)


def test_review_binds_to_the_change_set_manifest_and_is_signed(conn, signers):
    cs = cut(conn, signers["alice"])
    rita = signers["rita"]
    with conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, rita)
        decision = governance.record_review(
            conn, rita, subject="enact", decision="approve", rationale="checked against the gazette",
            change_set_id=cs, manifest_sha256=digest(SAMPLE), expires_at=None)
    row = conn.execute(
        f"SELECT r.manifest_sha256, r.decided_by, s.signed_digest, s.signature, k.public_key"
        f" FROM {G}.review_decision AS r JOIN {G}.dot_pair_signature AS s ON s.review_decision_id = r.id"
        f" JOIN {G}.signer_key AS k USING (key_id) WHERE r.id = %s", (decision,)
    ).fetchone()
    assert row[:2] == (digest(SAMPLE), "rita")
    assert keys.verify(row[4], "reviewer", row[2], row[3])


def test_the_executor_cannot_review_their_own_change_set(conn, signers):
    cs = cut(conn, signers["alice"])
    alice = signers["alice"]
    with raises_sqlstate("IU012"), conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, alice)
        governance.record_review(conn, alice, subject="enact", decision="approve", rationale="mine",
                                 change_set_id=cs, manifest_sha256=digest(SAMPLE), expires_at=None)


def test_review_before_the_cut_binds_to_an_exact_digest(conn, signers):
    rita = signers["rita"]
    with conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, rita)
        decision = governance.record_review(
            conn, rita, subject="enact", decision="approve", rationale="pre-approved text",
            change_set_id=None, manifest_sha256=digest(SAMPLE), expires_at=None)
    assert conn.execute(
        f"SELECT change_set_id, manifest_sha256 FROM {G}.review_decision WHERE id = %s", (decision,)
    ).fetchone() == (None, digest(SAMPLE))


def test_review_with_an_expiry_in_the_past_is_iu005(conn, signers):
    rita = signers["rita"]
    with raises_sqlstate("IU005"), conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, rita)
        past = conn.execute("SELECT now() - interval '1 day'").fetchone()[0]
        governance.record_review(conn, rita, subject="enact", decision="approve", rationale="late",
                                 change_set_id=None, manifest_sha256=digest(SAMPLE), expires_at=past)


def test_signature_round_trip_and_replay_refused(tmp_path):
    signer = keys.load_or_create("alice", tmp_path)
    d1, d2 = "1" * 64, "2" * 64
    sig = signer.sign("executor", d1)
    assert keys.verify(signer.public_key, "executor", d1, sig)
    assert not keys.verify(signer.public_key, "executor", d2, sig), "replayed over other content"
    assert not keys.verify(signer.public_key, "verifier", d1, sig), "replayed in another lane"


def test_private_keys_are_created_0600_and_refused_when_readable(tmp_path):
    signer = keys.load_or_create("Nguyễn Văn A", tmp_path)
    [private] = list((tmp_path / "keys").glob("*.key"))
    assert oct(private.stat().st_mode & 0o777) == "0o600"
    assert keys.load_or_create("Nguyễn Văn A", tmp_path).key_id == signer.key_id
    private.chmod(0o644)
    with pytest.raises(Exception, match="readable by others"):
        keys.load_or_create("Nguyễn Văn A", tmp_path)


@pytest.mark.parametrize(("row_type", "table"), [
    (governance.ChangeSet, "cut_change_set"),
    (governance.SignatureRow, "dot_pair_signature"),
])
def test_python_row_shapes_match_the_live_columns(catalog, row_type, table):
    """Seed lesson L5: what the harness reads is checked against the live table, not assumed.
    (SignatureRow also carries the signer key's public_key and signer.)"""
    import dataclasses

    live = {r[0] for r in catalog.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
        " AND NOT attisdropped", (f"{G}.{table}",))}
    extra = {"public_key", "key_signer"} if row_type is governance.SignatureRow else set()
    assert {f.name for f in dataclasses.fields(row_type)} - extra <= live


def test_verify_fails_naming_a_governance_row_deleted_behind_the_triggers(conn, signers):
    cut(conn, signers["alice"], units=[("ICX-LAW", "Law of Iconia")])
    cs = cut(conn, signers["alice"])
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(f"DELETE FROM {G}.dot_pair_signature WHERE chain_pos = 1")
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    assert verdict == "fail"
    failed = {c.check: c.detail for c in checks if c.outcome == "fail"}
    assert "dot_pair_signature #2: gap" in failed["record_chain_intact"]


def test_a_child_moved_before_its_parent_fails_verify_naming_it(conn, signers):
    cs = cut(conn, signers["alice"])
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("UPDATE information_unit SET doc_order = 0"
                     " WHERE canonical_address = 'ICX-CONST/chp_1/art_2'")
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    failed = {c.check: c.detail for c in checks if c.outcome == "fail"}
    assert verdict == "fail"
    assert "ICX-CONST/chp_1/art_2: parent_precedes_child" in failed["parents_and_order"]


def test_a_missing_document_root_fails_verify_once_as_missing(conn, signers):
    """units_present names the missing root; the invariant probe names what its absence breaks
    (the chapter's parent) and not the root's absence a second time."""
    cs = cut(conn, signers["alice"])
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("DELETE FROM unit_version AS v USING information_unit AS u"
                     " WHERE v.iu_id = u.id AND u.canonical_address = 'ICX-CONST'")
        conn.execute("DELETE FROM information_unit WHERE canonical_address = 'ICX-CONST'")
    (_, verdict), checks = verify(conn, cs, signers["victor"])
    failed = {c.check: c.detail for c in checks if c.outcome == "fail"}
    assert verdict == "fail"
    assert failed["units_present"] == "1 missing: ICX-CONST"
    assert failed["parents_and_order"] == "1 violations: ICX-CONST/chp_1: parent_consistent"


def test_signature_verifies_is_true_false_or_null_for_an_unknown_key(conn, signers):
    alice = signers["alice"]
    d = "a" * 64
    signature = alice.sign("executor", d)
    with as_role(conn, "cutter_exec"):
        governance.register_key(conn, alice)

        def verifies(key_id, lane, signed_digest):
            return conn.execute(f"SELECT {G}.fn_gov_signature_verifies(%s, %s, %s, %s)",
                                (key_id, lane, signed_digest, signature)).fetchone()[0]

        assert verifies(alice.key_id, "executor", d) is True
        # the same signature for another lane or digest, or with a malformed digest
        assert verifies(alice.key_id, "reviewer", d) is False
        assert verifies(alice.key_id, "executor", "b" * 64) is False
        assert verifies(alice.key_id, "executor", "A" * 64) is False
        assert verifies("0" * 64, "executor", d) is None


def test_check_unit_count_returns_the_limit_and_refuses_counts_outside_it(conn):
    key = "iu_create.gateway.max_units_per_call"
    limit = int(conn.execute("SELECT value FROM dot_config WHERE key = %s", (key,)).fetchone()[0])
    with as_role(conn, "cutter_exec"):
        assert conn.execute(f"SELECT {G}.fn_gov_check_unit_count(%s)", (limit,)).fetchone() == (limit,)
        with raises_sqlstate("IU009") as info:
            conn.execute(f"SELECT {G}.fn_gov_check_unit_count(%s)", (limit + 1,))
        assert info.value.diag.message_primary == f"a change set holds 1 to {limit} units, not {limit + 1}"
        for count in (0, None):
            with raises_sqlstate("IU005"):
                conn.execute(f"SELECT {G}.fn_gov_check_unit_count(%s)", (count,))


def test_check_source_bytes_returns_the_limit_and_refuses_sizes_outside_it(conn):
    key = "cutter_governance.max_source_bytes"
    limit = int(conn.execute("SELECT value FROM dot_config WHERE key = %s", (key,)).fetchone()[0])
    assert limit == 64 * 2**20
    with as_role(conn, "cutter_exec"):
        for size in (0, 1, limit):
            assert conn.execute(f"SELECT {G}.fn_gov_check_source_bytes(%s)", (size,)).fetchone() == (limit,)
        # ten million units of the shortest article a source can hold are far over it
        for size in (limit + 1, 10_000_000 * 20, 2**62):
            with raises_sqlstate("IU009") as info:
                conn.execute(f"SELECT {G}.fn_gov_check_source_bytes(%s)", (size,))
            primary = info.value.diag.message_primary
            assert primary == f"a source document is at most {limit} bytes, not {size}"
            assert key in info.value.diag.message_hint
        for size in (-1, None):
            with raises_sqlstate("IU005") as info:
                conn.execute(f"SELECT {G}.fn_gov_check_source_bytes(%s::bigint)", (size,))
            assert info.value.diag.message_primary.endswith(f"not {'NULL' if size is None else size}")
    # the policy key's pattern admits sizes up to ten digits and nothing else
    with raises_sqlstate("23514"):
        conn.execute("UPDATE dot_config SET value = '0' WHERE key = %s", (key,))
