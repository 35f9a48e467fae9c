"""iu-cutter end to end, as an operator runs it: a real subprocess, a real database, JSON on
stdout, CONTRACT exit codes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from harness.cli import _read_source
from harness.cutter import CutterInputError
from harness.errors import CutterError
from tests.cli.conftest import CLI
from tests.conftest import REPO, connect

SAMPLE = REPO / "samples" / "iconia-constitution.md"


def cut(run, actor="alice"):
    return run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", actor,
               "--publication-type", "constitution")


def test_plan_lists_units_in_document_order_and_writes_nothing(run, server, db):
    plan = run("plan", str(SAMPLE), "--doc-code", "ICX-CONST", "--publication-type", "constitution")
    assert len(plan["manifest_sha256"]) == 64
    units = plan["units"]
    assert units[0]["canonical_address"] == "ICX-CONST"
    assert {"canonical_address", "unit_kind", "body", "content_hash", "action"} <= set(units[0])
    assert {u["action"] for u in units} == {"create"}
    assert [u["canonical_address"] for u in units][:3] == [
        "ICX-CONST", "ICX-CONST/preamble_1", "ICX-CONST/chp_1"]
    assert all({"line", "text", "reason"} <= set(d) for d in plan["dropped"])
    with connect(server, db) as conn:
        assert conn.execute("SELECT count(*) FROM information_unit").fetchone() == (0,)


def test_cut_creates_units_under_a_change_set_and_a_recut_creates_nothing(run):
    first = cut(run)
    assert first["created"] == len(run("plan", str(SAMPLE), "--doc-code", "ICX-CONST")["units"])
    assert first["unchanged"] == 0
    second = cut(run)
    assert (second["created"], second["unchanged"]) == (0, first["created"])
    assert second["change_set_id"] == first["change_set_id"]
    assert second["manifest_sha256"] == first["manifest_sha256"]


def test_verify_by_someone_else_passes_and_by_the_executor_is_refused(run):
    cs = cut(run)["change_set_id"]
    refused = run("verify", cs, "--actor", "alice", expect=5)
    assert refused["sqlstate"] == "IU012"
    result = run("verify", cs, "--actor", "victor")
    assert result["verdict"] == "pass"
    assert len(result["verify_result_id"]) == 36


def test_verify_fails_with_exit_4_naming_a_unit_changed_behind_the_gateway(run, server, db):
    cs = cut(run)["change_set_id"]
    with connect(server, db) as conn, conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("UPDATE unit_version SET body = 'Iconia is a kingdom.' WHERE iu_id = (SELECT id"
                     " FROM information_unit WHERE canonical_address = 'ICX-CONST/chp_1/art_1/para_1')")
    result = run("verify", cs, "--actor", "victor", expect=4)
    assert result["verdict"] == "fail"
    assert "content_hashes_match" in result["failed"]
    detail = next(c["detail"] for c in result["checks"] if c["check"] == "content_hashes_match")
    assert "ICX-CONST/chp_1/art_1/para_1" in detail


def test_review_of_a_change_set_and_of_a_digest_before_the_cut(run):
    plan = run("plan", str(SAMPLE), "--doc-code", "ICX-CONST")
    early = run("review", "--manifest-sha256", plan["manifest_sha256"], "--decision", "approve",
                "--actor", "rita")
    assert early["manifest_sha256"] == plan["manifest_sha256"]
    cs = cut(run)["change_set_id"]
    late = run("review", cs, "--decision", "approve", "--actor", "rita", "--expires-in-days", "30")
    assert late["change_set_id"] == cs and late["expires_at"]
    own = run("review", cs, "--decision", "approve", "--actor", "alice", expect=5)
    assert own["sqlstate"] == "IU012"


def test_a_file_that_is_not_utf8_is_exit_1_naming_the_line(run, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Điều 1.\nline two\n".encode() + b"\xff\xfe broken\n")
    error = run("plan", str(bad), "--doc-code", "BAD", expect=1)
    assert error["line"] == 3


def test_usage_errors_exit_2(server, db, tmp_path):
    env = dict(os.environ, DATABASE_URL=server.uri(db), IU_CUTTER_HOME=str(tmp_path))
    result = subprocess.run([str(CLI), "review", "--decision", "approve", "--actor", "x", "--json"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 2
    result = subprocess.run([str(CLI), "verify", "not-a-uuid", "--actor", "x", "--json"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 2


def test_unknown_change_set_is_exit_1(run):
    error = run("verify", "00000000-0000-0000-0000-000000000000", "--actor", "victor", expect=1)
    assert "does not exist" in error["message"]


def test_every_iu_sqlstate_maps_to_its_exit_code():
    from harness.errors import BY_SQLSTATE, EXIT_ERROR, EXIT_PRECHECK, EXIT_REFUSED

    expected = {"IU001": EXIT_REFUSED, "IU002": EXIT_REFUSED, "IU003": EXIT_REFUSED,
                "IU004": EXIT_REFUSED, "IU005": EXIT_ERROR, "IU006": EXIT_REFUSED,
                "IU007": EXIT_ERROR, "IU008": EXIT_PRECHECK, "IU009": EXIT_REFUSED,
                "IU010": EXIT_REFUSED, "IU011": EXIT_REFUSED, "IU012": EXIT_REFUSED,
                "IU013": EXIT_REFUSED, "42501": EXIT_REFUSED}
    assert {code: cls.exit_code for code, cls in BY_SQLSTATE.items()} == expected


def test_every_sqlstate_the_sql_raises_has_an_exception_type():
    import re

    from harness.errors import BY_SQLSTATE

    raised = set()
    for path in (REPO / "sql").rglob("*.sql"):
        raised |= set(re.findall(r"ERRCODE = '(IU\d{3})'", path.read_text(encoding="utf-8")))
    assert raised, "no IU codes found: the scan is broken"
    assert raised <= set(BY_SQLSTATE), raised - set(BY_SQLSTATE)


CORPUS_DOCUMENTS = [("vn_hien_phap_2013.txt", "VN-HP-2013", "constitution"),
                    ("gdpr.txt", "EU-GDPR", "regulation"),
                    ("us_constitution.md", "US-CONST", "constitution")]


@pytest.mark.parametrize(("name", "code", "publication_type"), CORPUS_DOCUMENTS)
def test_every_corpus_document_is_cut_into_the_database_and_verified(run, name, code,
                                                                     publication_type):
    from tests.conftest import CORPUS

    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus document {path} is absent (../shared/corpus is not beside the repo)")
    plan = run("plan", str(path), "--doc-code", code, "--publication-type", publication_type)
    assert plan["actions"] == {"create": len(plan["units"])}
    done = run("cut", str(path), "--doc-code", code, "--actor", "alice",
               "--publication-type", publication_type)
    assert (done["created"], done["unchanged"]) == (len(plan["units"]), 0)
    assert done["manifest_sha256"] == plan["manifest_sha256"]
    assert run("verify", done["change_set_id"], "--actor", "victor")["verdict"] == "pass"


def test_a_source_that_grows_past_the_limit_while_it_is_read_is_refused(server, db, tmp_path, monkeypatch):
    """The size is checked before the file is opened and the read stops one byte past the limit:
    a file that was small when measured and larger when read is refused with its size then."""
    monkeypatch.setenv("DATABASE_URL", server.uri(db))
    limit = 4096
    source = tmp_path / "growing.md"
    source.write_bytes(b"# Law\n\nArticle 1.\n" + b"x" * (2 * limit))
    real_size = source.stat().st_size
    measured = []

    class Growing(type(source)):
        def stat(self, **kwargs):
            result = super().stat(**kwargs)
            measured.append(result.st_size)
            if len(measured) == 1:  # the first look sees it still small
                return os.stat_result((result.st_mode, *result[1:6], limit, *result[7:]))
            return result

    with connect(server, db) as conn:
        conn.execute("UPDATE dot_config SET value = %s WHERE key = 'cutter_governance.max_source_bytes'",
                     (str(limit),))
    with pytest.raises(CutterError) as info:
        _read_source(Growing(source), limit)
    assert info.value.sqlstate == "IU009"
    assert info.value.message == f"a source document is at most {limit} bytes, not {real_size}"
    assert measured == [real_size, real_size]
    # within the limit, the bytes as they are; a directory or a device is not a source
    small = tmp_path / "small.md"
    small.write_bytes(b"# Law\n\nArticle 1.\n")
    assert _read_source(small, limit) == small.read_bytes()
    assert _read_source(small, None) == small.read_bytes()
    for odd in (tmp_path, Path("/dev/null")):
        with pytest.raises(CutterInputError, match="is not a regular file"):
            _read_source(odd, limit)
