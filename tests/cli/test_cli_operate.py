"""iu-cutter rollback and status, end to end through the real CLI (--json, exit codes)."""

from __future__ import annotations

from tests.conftest import REPO, connect

SAMPLE = REPO / "samples" / "iconia-constitution.md"


def cut(run) -> str:
    return run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")["change_set_id"]


def test_rollback_removes_a_cut_and_status_says_so(run, server, db):
    cs = cut(run)
    assert run("status", cs)["next"].startswith(f"iu-cutter verify {cs}")
    result = run("rollback", cs, "--actor", "alice", "--reason", "wrong document")
    assert result["action"] == "rolled_back" and result["removed"] > 0
    with connect(server, db) as conn:
        assert conn.execute("SELECT count(*) FROM information_unit").fetchone() == (0,)
    again = run("rollback", cs, "--actor", "alice")
    assert (again["action"], again["removed"]) == ("already_rolled_back", 0)
    standing = run("status", cs)
    assert standing["status"] == "rolled_back"
    assert standing["rollback"]["reason"] == "wrong document"
    assert run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")["created"] == (
        result["removed"])


def test_rolling_back_an_enacted_cut_is_exit_5_with_a_hint_to_retire(run):
    cs = cut(run)
    run("verify", cs, "--actor", "victor")
    decision = run("review", cs, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    standing = run("status", cs)
    assert standing["next"] == f"iu-cutter enact {cs} --review-decision {decision} --actor <name>"
    run("enact", cs, "--review-decision", decision, "--actor", "alice")
    refused = run("rollback", cs, "--actor", "alice", expect=5)
    assert refused["sqlstate"] == "IU002" and "retire" in refused["hint"]
    newest = run("status")["change_sets"][0]
    assert (newest["change_set_id"], newest["status"]) == (cs, "enacted")


def test_rollback_of_an_unknown_change_set_names_it(run):
    unknown = run("rollback", "00000000-0000-0000-0000-000000000000", "--actor", "alice", expect=1)
    assert unknown["sqlstate"] == "IU007"
