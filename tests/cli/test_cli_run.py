"""iu-cutter run, the one-command flow (CONTRACT §8), as an operator runs it: each gate stops the
run with its exit code and nothing half-written; an approved run ends enacted, an unapproved one
awaiting_review; a rerun is safe; a rehearsal leaves nothing; a run killed mid-cut leaves either
nothing or a complete cut, and a rerun then succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from harness.audit_pack import check_pack
from tests.cli.conftest import CLI
from tests.conftest import REPO, connect

SAMPLE = REPO / "samples" / "iconia-constitution.md"
ARGS = ("--doc-code", "ICX-CONST", "--actor", "alice", "--verifier", "victor")


def footprint(server, db) -> tuple:
    with connect(server, db) as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM information_unit), (SELECT count(*) FROM unit_version),"
            " (SELECT count(*) FROM cutter_governance.cut_change_set),"
            " (SELECT count(*) FROM cutter_governance.verify_result),"
            " (SELECT count(*) FROM iu_lifecycle_log)"
        ).fetchone()


def test_an_unapproved_run_awaits_review_and_a_rerun_writes_nothing_new(run, server, db):
    first = run("run", str(SAMPLE), *ARGS)
    assert first["status"] == "awaiting_review" and first["created"] > 0
    assert [s["step"] for s in first["steps"]] == [
        "parse", "backup", "drift precheck", "grant precheck", "cut", "verify", "enact", "audit pack"]
    assert all(f.ok for f in check_pack(Path(first["audit_pack"])))
    assert Path(first["backup"]["path"]).is_file()
    with connect(server, db) as conn:
        assert conn.execute(
            "SELECT backup_sha256 FROM cutter_governance.cut_change_set WHERE id = %s",
            (first["change_set_id"],)
        ).fetchone() == (first["backup"]["sha256"],)
    before = footprint(server, db)
    again = run("run", str(SAMPLE), *ARGS)
    assert (again["change_set_id"], again["reused"], again["status"]) == (first["change_set_id"], True,
                                                                           "awaiting_review")
    assert footprint(server, db) == before


def test_a_run_approved_in_advance_for_exactly_this_content_is_enacted(run, server, db):
    digest = run("plan", str(SAMPLE), "--doc-code", "ICX-CONST")["manifest_sha256"]
    decision = run("review", "--manifest-sha256", digest, "--decision", "approve", "--actor", "rita")
    result = run("run", str(SAMPLE), *ARGS)
    assert (result["status"], result["review_decision_id"]) == ("enacted", decision["review_decision_id"])
    assert result["enacted"] == result["created"]
    with connect(server, db) as conn:
        statuses = conn.execute("SELECT DISTINCT lifecycle_status FROM information_unit").fetchall()
    assert statuses == [("enacted",)]
    assert run("run", str(SAMPLE), *ARGS)["status"] == "enacted"


def test_an_approval_by_the_actor_does_not_enact(run):
    digest = run("plan", str(SAMPLE), "--doc-code", "ICX-CONST")["manifest_sha256"]
    run("review", "--manifest-sha256", digest, "--decision", "approve", "--actor", "alice")
    assert run("run", str(SAMPLE), *ARGS)["status"] == "awaiting_review"


@pytest.mark.parametrize(
    ("sabotage", "gate"),
    [
        ("ALTER TABLE public.unit_version DISABLE TRIGGER trg_uv_enacted_immut", "drift precheck"),
        ("GRANT UPDATE ON public.information_unit TO cutter_reviewer", "drift precheck"),
        ("REVOKE EXECUTE ON FUNCTION cutter_governance.fn_gov_record_verify("
         "uuid, text, text, jsonb, text, bytea) FROM cutter_verifier", "drift precheck"),
    ],
)
def test_a_failed_precheck_stops_the_run_before_the_cut_with_exit_3(run, server, db, sabotage, gate):
    with connect(server, db) as conn:
        conn.execute(sabotage)
    refused = run("run", str(SAMPLE), *ARGS, expect=3)
    assert refused["gate"] == gate and "iu-cutter survey" in refused["hint"]
    assert [s["outcome"] for s in refused["steps"]][-1] == "failed"
    assert footprint(server, db)[:3] == (0, 0, 0)


def test_the_same_person_cannot_execute_and_verify():
    result = subprocess.run([str(CLI), "run", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice",
                             "--verifier", "alice"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--verifier" in result.stderr


def test_a_rehearsal_runs_every_step_and_leaves_nothing(run, server, db):
    result = run("run", str(SAMPLE), *ARGS, "--rehearse")
    assert result["rehearsal"] is True and result["created"] > 0 and result["left_behind"] == {}
    assert {s["step"]: s["outcome"] for s in result["steps"]}["verify"] == "ok"
    assert footprint(server, db) == (0, 0, 0, 0, 0)


def big_document(path: Path, articles: int) -> Path:
    lines = ["# Generated Law of Endurance", ""]
    for chapter in range(1, articles // 100 + 1):
        lines += [f"## Chapter {chapter}. Part {chapter}", ""]
        for a in range((chapter - 1) * 100 + 1, chapter * 100 + 1):
            lines += [f"### Article {a}. Matter {a}", "", f"1. Everyone has right number {a}.",
                      f"2. The law on matter {a} governs how it is exercised.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("delay", [0.4, 1.0, 1.8])
def test_a_run_killed_mid_flow_leaves_nothing_or_a_complete_cut_and_a_rerun_finishes(
        run, server, db, tmp_path, delay):
    source = big_document(tmp_path / "endurance.md", 3000)
    args = ("--doc-code", "GEN-LAW", "--actor", "alice", "--verifier", "victor")
    env = dict(os.environ, DATABASE_URL=server.uri(db), IU_CUTTER_HOME=str(tmp_path / "home"))
    victim = subprocess.Popen([str(CLI), "run", str(source), *args, "--json"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    with connect(server, db) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = current_database() AND pid <> pg_backend_pid()")
        units = conn.execute(
            "SELECT count(*) FROM information_unit WHERE doc_code = 'GEN-LAW'").fetchone()[0]
        sets = conn.execute(
            "SELECT c.id, c.unit_count, (SELECT count(*) FROM cutter_governance.manifest_entry AS m"
            " JOIN cutter_governance.manifest_envelope AS e ON e.id = m.envelope_id"
            " WHERE e.change_set_id = c.id),"
            " (SELECT count(*) FROM cutter_governance.dot_pair_signature AS s"
            "  WHERE s.change_set_id = c.id AND s.lane = 'executor')"
            " FROM cutter_governance.cut_change_set AS c WHERE c.doc_code = 'GEN-LAW'").fetchall()
    assert len(sets) <= 1
    if sets:
        _, unit_count, entries, signatures = sets[0]
        assert (units, entries, signatures) == (unit_count, unit_count, 1), "a complete cut"
    else:
        assert units == 0, "no trace of the cut"
    result = run("run", str(source), *args)
    assert result["status"] == "awaiting_review" and result["created"] + result["unchanged"] > 9000
    with connect(server, db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM cutter_governance.cut_change_set WHERE doc_code = 'GEN-LAW'"
        ).fetchone() == (1,)
