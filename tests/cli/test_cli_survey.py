"""iu-cutter survey, as the operator runs it: exit 0 and no drift on a clean database, exit 3
with the drift listed (once, as the JSON object) when something changed behind the migrations."""

from __future__ import annotations

from tests.conftest import connect


def test_survey_of_a_clean_database_exits_0_with_no_drift(run):
    result = run("survey")
    assert result["drift"] == []
    assert result["revision"] == result["expected_revision"] == result["head"]
    assert result["adoption"] is None
    assert result["checked"]["functions"] > 0


def test_survey_exits_3_and_lists_a_disabled_trigger(run, server, db):
    with connect(server, db) as conn:
        conn.execute("ALTER TABLE public.unit_version DISABLE TRIGGER trg_uv_enacted_immut")
    result = run("survey", expect=3)
    assert [(d["kind"], d["object"]) for d in result["drift"]] == [
        ("trigger_disabled", "trigger trg_uv_enacted_immut on public.unit_version")]
    assert result["drift"][0]["repair"] == (
        "ALTER TABLE public.unit_version ENABLE TRIGGER trg_uv_enacted_immut;")
    assert result["error"] == "DriftFound"
