"""The audit pack (harness.audit_pack): written from a verified, approved and enacted cut; checked
offline; every recomputation in Python equals what the database computed for real rows; and a
changed byte anywhere is caught, by the file digests and, when pack.json is rewritten to
match, by the recomputed digests, signatures and hashes."""

from __future__ import annotations

import hashlib
import html
import json
import random
from decimal import Decimal

import pytest

from harness import audit_pack, governance, lifecycle
from harness.audit_pack import check_pack, write_pack
from harness.errors import CutterError, UnitNotFound
from tests.conftest import SAMPLE, as_role
from tests.db.governed import cut, digest, enact, review, verify

G = "cutter_governance"
ADDRESSES = [a for a, _ in SAMPLE]
RATIONALE = "rita's \"careful\" review \\ of Điều 1\n\tand its ñ"
REASON = "enacted after O'Brien's review \\ (line\nbreak)"


@pytest.fixture
def enacted(conn, signers):
    """alice cuts, victor verifies, rita approves with an expiry and a rationale full of quotes,
    backslashes and non-ASCII, alice enacts with such a reason."""
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    expires = conn.execute("SELECT now() + interval '3 days 0.654321 seconds'").fetchone()[0]
    with conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, signers["rita"])
        decision = governance.record_review(
            conn, signers["rita"], subject="enact", decision="approve", rationale=RATIONALE,
            change_set_id=cs, manifest_sha256=digest(SAMPLE), expires_at=expires)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        lifecycle.enact(conn, ADDRESSES, "alice", decision, REASON)
    return cs


def sql_rows(conn, table: str) -> list[dict]:
    """Every row of a table as the pack stores it (row_to_json under UTC)."""
    with conn.transaction():
        conn.execute("SET LOCAL TimeZone = 'UTC'")
        return [json.loads(r[0], parse_float=Decimal)
                for r in conn.execute(f"SELECT row_to_json(t)::text FROM {table} AS t ORDER BY 1")]


OTHER = [("ICX-LAW", "Law of Iconia"), ("ICX-LAW/art_1", "Article 1. A law.")]


def rolled_back(conn, signers):
    cs = cut(conn, signers["alice"], OTHER)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        lifecycle.rollback(conn, cs, "alice", "cut from the wrong file, O'Brien says")
    return cs


@pytest.mark.parametrize("table", list(audit_pack.CHAINED.values()))
def test_python_row_hash_equals_the_chain_trigger_for_every_governance_row(conn, signers, enacted, table):
    rolled_back(conn, signers)
    rows = sql_rows(conn, f"{G}.{table}")
    assert rows
    for row in rows:
        assert audit_pack.gov_row_hash(row) == row["row_hash"]
    with conn.transaction():  # the SQL function over to_jsonb, as fn_gov_chain_check runs it
        conn.execute("SET LOCAL TimeZone = 'UTC'")
        sql = dict(conn.execute(
            f"SELECT t.chain_pos, {G}.fn_gov_row_hash(t.prev_hash, {G}.fn_gov_chain_payload(to_jsonb(t)))"
            f" FROM {G}.{table} AS t").fetchall())
    assert {r["chain_pos"]: audit_pack.gov_row_hash(r) for r in rows} == sql


def test_python_lifecycle_hashes_equal_the_sql_for_real_rows(conn, enacted):
    entries = sql_rows(conn, "public.iu_lifecycle_log")
    assert len(entries) == len(SAMPLE) and "'" in entries[0]["reason"] and "\\" in entries[0]["reason"]
    recomputed = conn.execute(
        "SELECT t.id::text, fn_iu_lifecycle_entry_hash(t.id, t.seal_id, t.seal_ordinal, t.entity_collection,"
        " t.entity_id, t.canonical_address, t.from_status, t.to_status, t.transition_type, t.reason,"
        " t.performed_by, t.performed_at, t.metadata, t.review_decision_id, t.change_set_id, t.db_login,"
        " t.application_name) FROM iu_lifecycle_log AS t").fetchall()
    assert {r["id"]: audit_pack.entry_hash(r) for r in entries} == dict(recomputed)
    assert all(audit_pack.entry_hash(r) == r["entry_hash"] for r in entries)
    for seal in sql_rows(conn, "public.iu_lifecycle_log_seal"):
        assert audit_pack.seal_hash(seal) == seal["seal_hash"]
        own = [e for e in entries if e["seal_id"] == seal["id"]]
        assert audit_pack.entries_digest(own) == seal["entries_digest"]


def test_python_signed_digests_equal_the_sql(conn, enacted):
    cs = sql_rows(conn, f"{G}.cut_change_set")[0]
    (result,) = sql_rows(conn, f"{G}.verify_result")
    (decision,) = sql_rows(conn, f"{G}.review_decision")
    assert decision["rationale"] == RATIONALE and decision["expires_at"]
    assert audit_pack.verify_digest(cs, result) == result["result_digest"] == conn.execute(
        f"SELECT {G}.fn_gov_verify_digest(%s, verdict, checks) FROM {G}.verify_result", (cs["id"],)
    ).fetchone()[0]
    assert audit_pack.review_digest(decision) == decision["decision_digest"] == conn.execute(
        f"SELECT {G}.fn_gov_review_digest(subject, decision, change_set_id, manifest_sha256, expires_at,"
        f" rationale) FROM {G}.review_decision").fetchone()[0]
    entries = sql_rows(conn, f"{G}.manifest_entry")
    assert audit_pack.manifest_digest(entries) == cs["manifest_sha256"] == conn.execute(
        f"SELECT {G}.fn_gov_manifest_digest(array_agg(canonical_address ORDER BY ordinal),"
        f" array_agg(content_hash ORDER BY ordinal)) FROM {G}.manifest_entry").fetchone()[0]


def test_float8_text_is_postgresqls_for_epochs_and_awkward_values(conn):
    rng = random.Random(6)
    values = [0.0, -0.0, 1.0, 100.0, 0.1, 1e-4, 1e-5, 1e14, 1e15, 123456789012345.6, 1.5e300, -2.5e-300,
              1700000000.0, 1700000000.5, 1795244917.7626, 5e-324, float("inf"), float("-inf"), float("nan")]
    values += [rng.randrange(0, 4_000_000_000_000_000) / 1e6 for _ in range(300)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30) for _ in range(300)]
    sql = conn.execute("SELECT v::text FROM unnest(%s::float8[]) AS v", (values,)).fetchall()
    assert [audit_pack.float8_text(v) for v in values] == [r[0] for r in sql]
    stamps = conn.execute(
        "SELECT to_jsonb(t)::text, date_part('epoch', t)::text FROM (SELECT now() - make_interval(secs => s)"
        " AS t FROM generate_series(0, 4000000, 37171) AS s) AS x").fetchall()
    assert [audit_pack.epoch_text(json.loads(j)) for j, _ in stamps] == [e for _, e in stamps]


def test_jsonb_text_and_quote_nullable_are_postgresqls(conn):
    docs = ['{"b": 1, "aa": [1.50, -3, 0.0000001, 1e20, true, null], "a": {"zz": "x", "y": {}}}',
            '{"s": "quote \\" backslash \\\\ tab \\t nl \\n cr \\r bs \\b ff \\f"}',
            '{"ctl": "\\u0001 \\u001f del \x7f", "": ""}',
            '{"ñ": "Điều", "é": 1, "ab": [], "b": "€ 😀", "\\u00e9e": 2}', '[]', '"x"', '12.300']
    for doc in docs:
        text = conn.execute("SELECT %s::jsonb::text", (doc,)).fetchone()[0]
        assert audit_pack.jsonb_text(json.loads(text, parse_float=Decimal)) == text
    for value in ["plain", "it's", "back\\slash", "both ' and \\", "", None, "Điều ''"]:
        assert audit_pack.quote_nullable(value) == conn.execute(
            "SELECT quote_nullable(%s::text)", (value,)).fetchone()[0]


def test_a_pack_of_an_enacted_cut_passes_the_offline_check(conn, enacted, tmp_path):
    folder = write_pack(conn, enacted, tmp_path / "pack", survey_snapshot={"drift": []},
                        backup={"path": tmp_path / "b.pgdump", "sha256": "0" * 64, "bytes": 3})
    findings = check_pack(folder)
    assert [f for f in findings if not f.ok] == []
    assert {f.check for f in findings} >= {"file_sha256", "files_digest", "manifest_digest", "row_hash",
                                           "signatures", "entry_hash", "seal_digest", "seal_hash",
                                           "seal_chain"}
    index = json.loads((folder / "pack.json").read_text())
    names = {f["name"] for f in index["files"]}
    assert names == {p.name for p in folder.iterdir()} - {"pack.json"}
    assert {"survey.json", "backup.json", "report.html", "manifest.json"} <= names
    signatures = json.loads((folder / "signatures.json").read_text())
    assert sorted(s["lane"] for s in signatures) == ["executor", "reviewer", "verifier"]
    units = json.loads((folder / "units.json").read_text())
    assert [u["canonical_address"] for u in units] == ADDRESSES
    assert {u["lifecycle_status"] for u in units} == {"enacted"}
    assert len(json.loads((folder / "lifecycle_log.json").read_text())["entries"]) == len(SAMPLE)
    report = (folder / "report.html").read_text()
    assert "ICX-CONST" in report and all(a in report for a in ADDRESSES)
    assert "http" not in report.split("<style>")[1] and "<script" not in report
    assert html.escape(RATIONALE) in report and RATIONALE not in report
    assert report.count('class="valid">valid') == 3


def test_write_pack_refuses_a_folder_that_is_not_empty_and_an_unknown_change_set(conn, enacted, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(CutterError, match="not an empty folder"):
        write_pack(conn, enacted, tmp_path / "full")
    with pytest.raises(UnitNotFound):
        write_pack(conn, "00000000-0000-0000-0000-000000000000", tmp_path / "none")
    (tmp_path / "empty").mkdir()
    assert [f for f in check_pack(write_pack(conn, enacted, tmp_path / "empty")) if not f.ok] == []


# (file, the text right before the byte that changes, the content check that must fail)
TAMPERS = [
    ("manifest.json", '"content_hash": "', "manifest_digest"),
    ("signatures.json", '"signature": "\\\\x', "signatures"),
    ("lifecycle_log.json", '"reason": "', "entry_hash"),
    ("lifecycle_log.json", '"entries_digest": "', "seal_digest"),
    ("public_keys.json", '"public_key": "\\\\x', "key_ids"),
    ("review_decisions.json", '"rationale": "', "review_digest"),
    ("verify_results.json", '"detail": "', "verify_digest"),
    ("change_set.json", '"source_sha256": "', "row_hash"),
    ("units.json", '"manifest_content_hash": "', "units"),
]


def change_one_byte(path, before: str) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(before.encode()) + len(before)
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    path.write_bytes(bytes(data))


def failed(findings) -> set[tuple[str, str]]:
    return {(f.check, f.file) for f in findings if not f.ok}


@pytest.fixture
def pack(conn, enacted, tmp_path):
    return write_pack(conn, enacted, tmp_path / "pack")


@pytest.mark.parametrize(("name", "before"), [(n, b) for n, b, _ in TAMPERS] + [("report.html", "<h1>")])
def test_one_changed_byte_fails_the_file_digest_naming_the_file(pack, name, before):
    change_one_byte(pack / name, before)
    findings = check_pack(pack)
    assert ("file_sha256", name) in failed(findings)
    assert {f.file for f in findings if f.check == "file_sha256" and not f.ok} == {name}


@pytest.mark.parametrize(("name", "before", "check"), TAMPERS)
def test_a_change_with_pack_json_rewritten_to_match_still_fails(pack, name, before, check):
    change_one_byte(pack / name, before)
    index = json.loads((pack / "pack.json").read_text())
    blob = (pack / name).read_bytes()
    for entry in index["files"]:
        if entry["name"] == name:
            entry["sha256"] = hashlib.sha256(blob).hexdigest()
    index["files_digest"] = audit_pack.files_digest(index["files"])
    (pack / "pack.json").write_text(json.dumps(index))
    problems = failed(check_pack(pack))
    assert not any(c in ("file_sha256", "files_digest") for c, _ in problems)
    assert (check, name) in problems


def test_a_signature_whose_row_hash_was_also_recomputed_still_fails_ed25519(pack):
    """A forger who rewrites a signature, re-chains every row hash after it and rewrites pack.json
    still cannot forge the signature."""
    path = pack / "signatures.json"
    rows = sorted(json.loads(path.read_text(), parse_float=Decimal), key=lambda r: r["chain_pos"])
    assert [r["chain_pos"] for r in rows] == list(range(rows[0]["chain_pos"], rows[0]["chain_pos"] + 3))
    rows[0]["signature"] = "\\x" + bytes(64).hex()
    for before, row in zip([None, *rows], rows, strict=False):
        row["prev_hash"] = before["row_hash"] if before else row["prev_hash"]
        row["row_hash"] = audit_pack.gov_row_hash(row)
    path.write_text(audit_pack._dumps(rows))
    blob = path.read_bytes()
    index = json.loads((pack / "pack.json").read_text())
    for entry in index["files"]:
        if entry["name"] == "signatures.json":
            entry["sha256"], entry["bytes"] = hashlib.sha256(blob).hexdigest(), len(blob)
    index["files_digest"] = audit_pack.files_digest(index["files"])
    (pack / "pack.json").write_text(json.dumps(index))
    findings = check_pack(pack)
    assert failed(findings) == {("signatures", "signatures.json")}
    assert "does not verify" in next(f.detail for f in findings if not f.ok)


def test_an_unlisted_or_missing_file_fails(pack):
    (pack / "extra.txt").write_text("x")
    (pack / "units.json").unlink()
    problems = failed(check_pack(pack))
    assert {("files_listed", "pack.json"), ("file_sha256", "units.json"), ("json", "units.json"),
            ("units", "units.json")} <= problems


def test_a_pack_holds_the_seals_between_its_own_to_show_the_chain(conn, signers, tmp_path):
    """Another document enacted between two enactments of this one: its seal is in the pack for
    the links (not its rows), and the check follows the chain through it."""
    other = OTHER
    cs = cut(conn, signers["alice"])
    cs_other = cut(conn, signers["alice"], other)
    for change_set in (cs, cs_other):
        verify(conn, change_set, signers["victor"])
    decision = review(conn, signers["rita"], change_set_id=cs)
    enact(conn, ADDRESSES[:2], decision)
    enact(conn, [a for a, _ in other], review(conn, signers["rita"], change_set_id=cs_other))
    enact(conn, ADDRESSES[2:], decision)
    folder = write_pack(conn, cs, tmp_path / "pack")
    log = json.loads((folder / "lifecycle_log.json").read_text())
    assert [s["chain_pos"] for s in log["seals"]] == [1, 2, 3]
    assert log["seals"][1]["change_set_id"] == str(cs_other)
    assert {e["canonical_address"] for e in log["entries"]} == set(ADDRESSES)
    assert [f for f in check_pack(folder) if not f.ok] == []


def test_a_decision_given_before_the_cut_is_in_the_pack(conn, signers, tmp_path):
    decision = review(conn, signers["rita"], manifest_sha256=digest(SAMPLE))
    cs = cut(conn, signers["alice"])
    verify(conn, cs, signers["victor"])
    enact(conn, ADDRESSES, decision)
    folder = write_pack(conn, cs, tmp_path / "pack")
    (row,) = json.loads((folder / "review_decisions.json").read_text())
    assert (row["id"], row["change_set_id"]) == (str(decision), None)
    assert len(json.loads((folder / "lifecycle_log.json").read_text())["entries"]) == len(SAMPLE)
    assert [f for f in check_pack(folder) if not f.ok] == []


def test_the_pack_reads_one_snapshot_whatever_the_session_time_zone(conn, enacted, tmp_path):
    conn.execute("SET TimeZone = 'America/Los_Angeles'")
    folder = write_pack(conn, enacted, tmp_path / "pack")
    assert conn.execute("SHOW TimeZone").fetchone()[0] == "America/Los_Angeles"
    assert json.loads((folder / "change_set.json").read_text())["opened_at"].endswith("+00:00")
    assert [f for f in check_pack(folder) if not f.ok] == []


def test_the_pack_of_a_rolled_back_cut_holds_its_rollback_record(conn, signers, tmp_path):
    cs = rolled_back(conn, signers)
    folder = write_pack(conn, cs, tmp_path / "pack")
    (record,) = json.loads((folder / "rollbacks.json").read_text())
    assert (record["change_set_id"], record["removed_units"]) == (str(cs), len(OTHER))
    assert json.loads((folder / "change_set.json").read_text())["status"] == "rolled_back"
    assert {u["lifecycle_status"] for u in json.loads((folder / "units.json").read_text())} == {None}
    assert [f for f in check_pack(folder) if not f.ok] == []
    assert html.escape("cut from the wrong file, O'Brien says") in (folder / "report.html").read_text()
