"""The live drift survey (harness/survey.py): the committed fingerprints are current, a clean
database has no drift, every kind of drift is found with a repair that works, and a database
without alembic_version is matched to the revision its objects are at (adoption)."""

from __future__ import annotations

import pytest

from harness import survey
from tests.conftest import as_role, connect, empty_database, migrate, set_policy

STALE = "schema/fingerprints.json is stale: run scripts/fingerprint and commit the result"


def drift_of(conn) -> list[tuple[str, str]]:
    return [(d.kind, d.object) for d in survey.survey(conn, wait_seconds=5).drift]


def only_drift(conn) -> survey.Drift:
    report = survey.survey(conn, wait_seconds=5)
    assert len(report.drift) == 1, [d.to_json() for d in report.drift]
    return report.drift[0]


def repair_statement(drift: survey.Drift) -> str:
    """The SQL statement a repair sentence starts with (up to its first semicolon)."""
    return drift.repair.split(";")[0]


def test_committed_head_fingerprint_matches_a_fresh_upgrade(conn):
    committed = survey.load_fingerprints()
    revision, live = survey.read_live(conn)
    assert revision == committed["head"], STALE
    assert live == committed["revisions"][committed["head"]], STALE


def test_committed_fingerprint_of_every_revision_matches_a_fresh_replay(server):
    assert survey.build_fingerprints(server.uri("postgres")) == survey.load_fingerprints(), STALE


def test_fingerprint_is_the_same_whatever_the_session_search_path(conn):
    committed = survey.load_fingerprints()
    conn.execute("SET search_path = cutter_governance, public")
    assert survey.read_live(conn)[1] == committed["revisions"][committed["head"]]


def test_clean_database_has_no_drift(conn):
    report = survey.survey(conn)
    head = survey.load_fingerprints()["head"]
    assert report.drift == []
    assert (report.revision, report.expected_revision, report.adoption) == (head, head, None)
    assert report.checked["functions"] > 50 and report.checked["triggers"] > 20
    assert report.checked["policy_keys"] > 10 and report.checked["fixed_rows"] == 8


def test_a_disabled_trigger_is_drift_and_its_repair_enables_it(conn):
    conn.execute("ALTER TABLE public.unit_version DISABLE TRIGGER trg_uv_enacted_immut")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == (
        "trigger_disabled", "trigger trg_uv_enacted_immut on public.unit_version")
    assert (drift.expected, drift.found) == ("O", "D")
    assert drift.repair == "ALTER TABLE public.unit_version ENABLE TRIGGER trg_uv_enacted_immut;"
    conn.execute(drift.repair)
    assert drift_of(conn) == []


def test_a_dropped_trigger_is_missing_and_the_repair_names_its_frozen_file(conn):
    conn.execute("DROP TRIGGER trg_aa_uv_gateway_write_guard ON public.unit_version")
    drift = only_drift(conn)
    assert drift.kind == "trigger_missing"
    assert "migrations/frozen/0005_gateway_guard/triggers/trg_aa_uv_gateway_write_guard.sql" in drift.repair


def test_an_extra_grant_is_drift_and_its_repair_revokes_it(conn):
    conn.execute("GRANT UPDATE ON public.information_unit TO cutter_reviewer")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == ("grant_extra", "table public.information_unit to cutter_reviewer")
    assert drift.found == "UPDATE"
    conn.execute(drift.repair)
    assert drift_of(conn) == []


def test_execute_granted_to_public_is_drift(conn):
    conn.execute("GRANT EXECUTE ON FUNCTION public.fn_iu_policy(text) TO PUBLIC")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == ("grant_extra", "function public.fn_iu_policy(text) to PUBLIC")
    assert drift.repair == "REVOKE EXECUTE ON FUNCTION public.fn_iu_policy(text) FROM PUBLIC;"


def test_a_revoked_grant_is_missing_and_its_repair_grants_it_again(conn):
    conn.execute("REVOKE SELECT ON public.dot_config FROM cutter_exec")
    drift = only_drift(conn)
    assert (drift.kind, drift.expected, drift.found) == ("grant_missing", "SELECT", None)
    conn.execute(drift.repair)
    assert drift_of(conn) == []


def test_a_changed_policy_key_is_drift_and_its_repair_restores_the_value(conn):
    set_policy(conn, "iu_create.gateway.mode", "pilot")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == ("policy_changed", "policy iu_create.gateway.mode")
    assert (drift.expected, drift.found) == ({"value": "enforced"}, {"value": "pilot"})
    with as_role(conn, "iu_owner"):
        conn.execute(repair_statement(drift))
    assert drift_of(conn) == []


def test_a_missing_and_an_extra_policy_key_are_drift(conn):
    with as_role(conn, "iu_owner"):
        conn.execute("DELETE FROM dot_config WHERE key = 'iu_enact.mode'")
        conn.execute("INSERT INTO dot_config (key, value, value_pattern, description)"
                     " VALUES ('iu_create.default.publication_type', 'law', '^[a-z]+$', 'x')")
    report = survey.survey(conn)
    assert [(d.kind, d.object) for d in report.drift] == [
        ("policy_missing", "policy iu_enact.mode"),
        ("policy_extra", "policy iu_create.default.publication_type"),
    ]
    assert "policy_seeds/iu_enact.sql" in report.drift[0].repair


def test_an_altered_function_body_is_drift(conn):
    definition = conn.execute(
        "SELECT pg_get_functiondef('public.fn_iu_policy(text)'::regprocedure)").fetchone()[0]
    assert "RETURN v_value;" in definition
    conn.execute(definition.replace("RETURN v_value;", "RETURN pg_catalog.lower(v_value);"))
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == ("function_changed", "function public.fn_iu_policy(text)")
    assert drift.expected != drift.found
    assert "functions/fn_iu_policy.sql" in drift.repair


def test_an_unpinned_search_path_is_drift(conn):
    conn.execute("ALTER FUNCTION public.fn_iu_create_plan(text, text, text, text) RESET search_path")
    drift = only_drift(conn)
    assert (drift.kind, drift.found) == ("function_config_changed", [])
    conn.execute(drift.repair)
    assert drift_of(conn) == []


@pytest.mark.parametrize("definer, kind", [
    ("SECURITY DEFINER", "extra_security_definer_function"),
    ("SECURITY INVOKER", "extra_function"),
])
def test_an_extra_function_in_public_is_drift(conn, definer, kind):
    conn.execute(f"CREATE FUNCTION public.fn_backdoor() RETURNS integer LANGUAGE sql {definer} AS 'SELECT 1'")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == (kind, "function public.fn_backdoor()")
    conn.execute(repair_statement(drift))
    assert drift_of(conn) == []


def test_a_changed_column_and_an_extra_index_are_drift(conn):
    conn.execute("ALTER TABLE public.dot_config ALTER COLUMN updated_by DROP DEFAULT")
    conn.execute("CREATE INDEX dot_config_value_idx ON public.dot_config (value)")
    report = survey.survey(conn)
    assert [(d.kind, d.object, d.found) for d in report.drift] == [
        ("table_changed", "column updated_by of public.dot_config", "text NOT NULL"),
        ("table_changed", "index dot_config_value_idx of public.dot_config", report.drift[1].found),
    ]
    assert report.drift[0].expected == "text NOT NULL DEFAULT SESSION_USER"
    assert report.drift[1].expected is None


def test_a_changed_vocabulary_row_is_drift_and_its_repair_restores_it(conn):
    with conn.transaction():
        conn.execute("ALTER TABLE public.iu_lifecycle_vocab DISABLE TRIGGER USER")
        conn.execute("UPDATE public.iu_lifecycle_vocab SET name = 'Draft' WHERE code = 'draft'")
        conn.execute("ALTER TABLE public.iu_lifecycle_vocab ENABLE TRIGGER USER")
    drift = only_drift(conn)
    assert (drift.kind, drift.object) == ("vocabulary_changed", "public.iu_lifecycle_vocab row draft")
    assert (drift.expected, drift.found) == ({"name": "Bản nháp"}, {"name": "Draft"})
    with conn.transaction():
        conn.execute(drift.repair.split("in one transaction: ", 1)[1])
    assert drift_of(conn) == []


def test_the_survey_waits_for_a_cut_in_progress_and_then_gives_up(conn, server, db):
    with connect(server, db) as cut, cut.transaction():
        cut.execute("SELECT pg_advisory_xact_lock_shared(%s::int4, %s::int4)", survey.SURVEY_LOCK)
        with pytest.raises(survey.SurveyBusy, match="cut held the survey lock"):
            survey.survey(conn, wait_seconds=0.2)
    assert survey.survey(conn, wait_seconds=0.2).drift == []
    held = conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        " AND classid = %s::int4::oid", (survey.SURVEY_LOCK[0],)).fetchone()[0]
    assert held == 0, "the survey releases its lock"


def test_a_database_behind_head_reports_the_revision_mismatch_only(server):
    fingerprints = survey.load_fingerprints()
    earlier = list(fingerprints["revisions"])[-2]
    with empty_database(server) as name:
        migrate(server.uri(name), earlier)
        with connect(server, name) as conn:
            report = survey.survey(conn)
    assert (report.revision, report.expected_revision) == (earlier, earlier)
    assert [(d.kind, d.expected, d.found) for d in report.drift] == [
        ("revision_mismatch", fingerprints["head"], earlier)]


def test_adoption_names_head_when_the_objects_match_it_exactly(conn):
    head = survey.load_fingerprints()["head"]
    conn.execute("DROP TABLE public.alembic_version")
    report = survey.survey(conn)
    assert report.revision is None
    assert report.adoption == {"matches": head, "closest": head, "differences": [], "also_matches": []}
    assert [(d.kind, d.repair) for d in report.drift] == [("revision_unrecorded", f"alembic stamp {head}")]


def test_adoption_without_an_exact_match_lists_what_differs_from_the_closest(conn):
    head = survey.load_fingerprints()["head"]
    conn.execute("DROP TABLE public.alembic_version")
    conn.execute("ALTER TABLE public.unit_version DISABLE TRIGGER trg_uv_enacted_immut")
    report = survey.survey(conn)
    assert (report.adoption["matches"], report.adoption["closest"]) == (None, head)
    assert [(d["kind"], d["object"]) for d in report.adoption["differences"]] == [
        ("trigger_disabled", "trigger trg_uv_enacted_immut on public.unit_version")]
    assert [d.kind for d in report.drift] == ["revision_unrecorded", "trigger_disabled"]


def test_adoption_of_a_database_at_an_earlier_revision_matches_that_revision(server):
    revisions = list(survey.load_fingerprints()["revisions"])
    earlier = revisions[len(revisions) // 2]
    with empty_database(server) as name:
        migrate(server.uri(name), earlier)
        with connect(server, name) as conn:
            conn.execute("DROP TABLE public.alembic_version")
            report = survey.survey(conn)
    assert (report.adoption["matches"], report.expected_revision) == (earlier, earlier)
    assert [(d.kind, d.repair) for d in report.drift] == [("revision_unrecorded", f"alembic stamp {earlier}")]
