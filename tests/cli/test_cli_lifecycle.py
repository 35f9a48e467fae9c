"""iu-cutter enact, revise, supersede, retire and in-force, end to end as an operator runs them:
a cut verified by a second person and approved by a third is enacted from the command line.
The `run` fixture (tests/cli/conftest.py) invokes the real CLI in a subprocess with --json."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, connect

SAMPLE = REPO / "samples" / "iconia-constitution.md"
PARA2 = "ICX-CONST/chp_1/art_1/para_2"


@pytest.fixture
def enacted(run):
    """The sample cut by alice, verified by victor, approved by rita and enacted by alice."""
    cs = run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")["change_set_id"]
    run("verify", cs, "--actor", "victor")
    decision = run("review", cs, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    result = run("enact", cs, "--review-decision", decision, "--actor", "alice")
    return cs, decision, result


def test_a_verified_and_approved_cut_is_enacted_from_the_cli(run, enacted, server, db):
    cs, decision, result = enacted
    assert result["enacted"] > 0 and result["already_enacted"] == 0
    assert result["change_set_status"] == "enacted"
    again = run("enact", cs, "--review-decision", decision, "--actor", "alice")
    assert (again["enacted"], again["already_enacted"]) == (0, result["enacted"])
    with connect(server, db) as conn:
        assert conn.execute("SELECT DISTINCT lifecycle_status FROM information_unit").fetchall() == [
            ("enacted",)
        ]
        assert conn.execute("SELECT count(*) FROM iu_lifecycle_log").fetchone() == (result["enacted"],)


def test_enacting_without_a_distinct_approval_is_exit_5(run):
    cs = run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")["change_set_id"]
    run("verify", cs, "--actor", "victor")
    decision = run("review", cs, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    refused = run("enact", cs, "--review-decision", decision, "--actor", "rita", expect=5)
    assert refused["sqlstate"] == "IU004"
    rejected = run("review", cs, "--decision", "reject", "--actor", "mallory")["review_decision_id"]
    assert (
        run("enact", cs, "--review-decision", rejected, "--actor", "alice", expect=5)["sqlstate"] == "IU004"
    )


def test_enacted_content_cannot_be_recut_differently(run, enacted, tmp_path):
    changed = tmp_path / "changed.md"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("one and indivisible", "one"), encoding="utf-8"
    )
    refused = run("cut", str(changed), "--doc-code", "ICX-CONST", "--actor", "alice", expect=5)
    assert refused["sqlstate"] == "IU006"


def test_revise_supersede_and_point_in_time(run, enacted, tmp_path, server, db):
    with connect(server, db) as conn:
        before = conn.execute("SELECT clock_timestamp()").fetchone()[0]
    changed = tmp_path / "v2.md"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("one and indivisible", "one, indivisible and inalienable"),
        encoding="utf-8",
    )
    revision = run("revise", str(changed), "--doc-code", "ICX-CONST", "--actor", "alice")
    assert (revision["revised"], revision["created"]) == (1, 0)
    assert run("revise", str(changed), "--doc-code", "ICX-CONST", "--actor", "alice")["reused"] is True
    cs2 = revision["change_set_id"]
    assert run("verify", cs2, "--actor", "victor")["verdict"] == "pass"
    wrong = run("review", cs2, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    assert (
        run("supersede", cs2, "--review-decision", wrong, "--actor", "alice", expect=5)["sqlstate"] == "IU004"
    )
    decision = run("review", cs2, "--subject", "supersede", "--decision", "approve", "--actor", "rita")
    done = run("supersede", cs2, "--review-decision", decision["review_decision_id"], "--actor", "alice")
    assert (done["superseded"], done["change_set_status"]) == (1, "enacted")
    old = run("in-force", "ICX-CONST", "--at", before.strftime("%Y-%m-%d %H:%M:%S.%f"))
    now = run("in-force", "ICX-CONST")
    body = {u["canonical_address"]: u["body"] for u in now["units"]}
    assert body[PARA2].endswith("inalienable.")
    assert [u["canonical_address"] for u in old["units"]] in (
        [],
        [u["canonical_address"] for u in now["units"]],
    )


def test_retire_needs_a_decision_for_exactly_those_units(run, enacted):
    unit = "ICX-CONST/chp_1/art_2/para_2/point_c"
    refused = run("retire", unit, "--actor", "alice", "--reason", "repealed", expect=5)
    assert refused["sqlstate"] == "IU004"
    decision = run(
        "review", "--subject", "retire", "--unit", unit, "--decision", "approve", "--actor", "rita"
    )
    assert decision["units"] == [unit]
    result = run(
        "retire",
        unit,
        "--actor",
        "alice",
        "--reason",
        "repealed",
        "--review-decision",
        decision["review_decision_id"],
    )
    assert (result["retired"], result["withdrawn"], result["already_retired"]) == (1, 0, 0)
    assert unit not in [u["canonical_address"] for u in run("in-force", "ICX-CONST")["units"]]
