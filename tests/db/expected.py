"""What the migrations at head must define: the contract the catalog tests check cell by cell."""

from __future__ import annotations

ROLES = ("iu_owner", "cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader")
LANE_ROLES = ROLES[1:]
READERS = frozenset(LANE_ROLES)

# function signature -> (security definer?, roles granted EXECUTE besides the owner)
FUNCTIONS: dict[str, tuple[bool, frozenset[str]]] = {
    "public.fn_iu_content_hash(text)": (False, frozenset(LANE_ROLES)),
    "public.fn_iu_policy(text)": (False, frozenset()),
    "public.fn_iu_resolve_default(text, text)": (False, frozenset()),
    "public.fn_iu_check_actor(text)": (False, frozenset()),
    "public.fn_iu_gateway_open(text)": (False, frozenset()),
    "public.fn_iu_gateway_close(bigint)": (False, frozenset()),
    "public.fn_iu_gateway_ticket_held(text)": (False, frozenset()),
    "public.fn_iu_gateway_write_guard()": (True, frozenset()),
    "public.fn_iu_preflight(text[], text[], text[], text, integer[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "public.fn_iu_classify_existing(text[], text[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "public.fn_iu_verify_invariants(text, boolean, text[])": (
        True, frozenset({"cutter_exec", "cutter_verifier", "iu_reader"})),
    "public.fn_iu_create_plan(text[], text[], text[], text, integer[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "public.fn_iu_create_plan(text, text, text, text)": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid)": (
        True, frozenset({"cutter_exec"})),
    "public.fn_iu_create(text, text, text, text, text, integer)": (True, frozenset({"cutter_exec"})),
    "public.fn_iu_apply_edit_draft(text, text, text, text, text)": (True, frozenset({"cutter_exec"})),
    "public.fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[])": (
        True, frozenset()),
    "public.fn_iu_gateway_exemption_revoke(text, text)": (True, frozenset()),
    "public.fn_iu_gateway_detector_report()": (True, frozenset({"cutter_verifier", "iu_reader"})),
}

EXEC, VERIFIER, REVIEWER, READER = "cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader"
G = "cutter_governance."
FUNCTIONS.update({
    G + "fn_gov_row_hash(text, jsonb)": (False, READERS),
    G + "fn_gov_chain_payload(jsonb)": (False, READERS),
    G + "fn_gov_chain()": (True, frozenset()),
    G + "fn_gov_chain_check()": (True, frozenset({EXEC, VERIFIER, READER})),
    G + "fn_gov_write_guard()": (True, frozenset()),
    G + "fn_gov_status_guard()": (False, frozenset()),
    G + "fn_gov_change_set_complete()": (True, frozenset()),
    G + "fn_gov_invoker()": (False, frozenset()),
    G + "fn_gov_check_signer(text, text, bytea)": (False, frozenset()),
    G + "fn_gov_ed25519_verify(bytea, bytea, bytea)": (False, READERS),
    G + "fn_gov_ed25519_small_order(bytea)": (False, READERS),
    G + "fn_gov_signature_authentic()": (True, frozenset()),
    G + "fn_gov_signature_verifies(text, text, text, bytea)": (False, READERS),
    G + "fn_gov_check_unit_count(integer)": (True, frozenset({EXEC})),
    G + "fn_gov_check_source_bytes(bigint)": (True, frozenset({EXEC})),
    G + "fn_gov_check_duties(uuid, text, text, text)": (False, frozenset()),
    G + "fn_gov_set_status(uuid, text)": (False, frozenset()),
    G + "fn_gov_manifest_digest(text[], text[])": (False, READERS),
    G + "fn_gov_register_key(text, bytea, text)": (True, frozenset({EXEC, VERIFIER, REVIEWER})),
    G + "fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text)": (
        True, frozenset({EXEC})),
    G + "fn_gov_record_manifest(uuid, text[], text[], text)": (True, frozenset({EXEC})),
    G + "fn_gov_sign_executor(uuid, text, text, bytea)": (True, frozenset({EXEC})),
    G + "fn_gov_verify_digest(uuid, text, jsonb)": (True, frozenset({EXEC, VERIFIER, READER})),
    G + "fn_gov_record_verify(uuid, text, text, jsonb, text, bytea)": (True, frozenset({VERIFIER})),
    G + "fn_gov_review_digest(text, text, uuid, text, timestamp with time zone, text)": (
        False, READERS),
    G + "fn_gov_record_review(text, text, text, text, text, bytea, uuid, text, timestamp with time zone)": (
        True, frozenset({REVIEWER})),
    G + "fn_gov_verify_change_set(uuid)": (True, frozenset({EXEC, VERIFIER, READER})),
})

# The lifecycle (seed 004): writers for cutter_exec only, readers for every lane.
TS = "timestamp with time zone"
FUNCTIONS.update({
    "public.fn_iu_lifecycle_transition_check()": (False, frozenset()),
    "public.fn_iu_lifecycle_log_sealed()": (False, frozenset()),
    "public.fn_iu_change_set_known()": (False, frozenset()),
    "public.fn_iu_tree_check()": (False, frozenset()),
    "public.fn_uv_tree_check()": (False, frozenset()),
    G + "fn_gov_manifest_entries_check()": (False, frozenset()),
    "public.fn_iu_lifecycle_transition_refuse(text, text, text)": (False, frozenset()),
    "public.fn_iu_lifecycle_born_draft()": (False, frozenset()),
    "public.fn_iu_enacted_immut()": (False, frozenset()),
    "public.fn_uv_enacted_immut()": (False, frozenset()),
    "public.fn_iu_enacted_truncate_guard()": (False, frozenset()),
    "public.fn_iu_lifecycle_log_guard()": (True, frozenset()),
    "public.fn_iu_lifecycle_data_guard()": (False, frozenset()),
    "public.fn_iu_lifecycle_entry_hash(uuid, uuid, integer, text, uuid, text, text, text, text, text, text, "
    f"{TS}, jsonb, uuid, uuid, text, text)": (False, READERS),
    "public.fn_iu_lifecycle_seal_hash(text, bigint, uuid, text, uuid, uuid, text, "
    f"{TS}, text, integer, text)": (False, READERS),
    "public.fn_iu_lifecycle_log_check()": (True, frozenset({EXEC, VERIFIER, READER})),
    f"public.fn_iu_lifecycle_record(text, text, text, uuid, uuid, {TS}, text[], uuid[], text[], text[], "
    "text[], text[], jsonb[])": (False, frozenset()),
    "public.fn_iu_review_check(uuid, text, text)": (False, frozenset()),
    "public.fn_iu_lifecycle_batch_check(text[], text, text)": (False, frozenset()),
    "public.fn_iu_change_set_settle(uuid, boolean)": (False, frozenset()),
    "public.fn_iu_units_digest(text[])": (False, READERS),
    "public.fn_iu_invariant_gate(text[], text, text[])": (False, frozenset()),
    "public.fn_iu_invariants_held()": (False, frozenset({EXEC, VERIFIER, READER})),
    "public.fn_iu_enact_batch(text[], text, uuid, text)": (True, frozenset({EXEC})),
    "public.fn_iu_enact(text, text, uuid)": (True, frozenset({EXEC})),
    "public.fn_iu_revise(text[], text[], text, uuid)": (True, frozenset({EXEC})),
    "public.fn_iu_supersede_batch(text[], text, uuid, text)": (True, frozenset({EXEC})),
    "public.fn_iu_supersede(text, text, uuid)": (True, frozenset({EXEC})),
    "public.fn_iu_retire_batch(text[], text, uuid, text)": (True, frozenset({EXEC})),
    "public.fn_iu_retire(text, text, uuid, text)": (True, frozenset({EXEC})),
    f"public.fn_iu_version_at(text, {TS})": (False, READERS),
    f"public.fn_iu_document_at(text, {TS})": (False, READERS),
    "public.fn_iu_rollback(uuid, text, text)": (True, frozenset({EXEC})),
})

SCHEMAS = ("public", "cutter_governance")

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")

# table -> roles with SELECT (nobody but the owner holds any other privilege)
TABLES: dict[str, frozenset[str]] = {
    "public.information_unit": READERS,
    "public.unit_version": READERS,
    "public.dot_config": READERS,
    "public.iu_gateway_ticket": frozenset(),
    "public.iu_gateway_exemption": frozenset({"cutter_verifier", "iu_reader"}),
    "public.iu_gateway_event": frozenset({"cutter_verifier", "iu_reader"}),
    "public.iu_lifecycle_vocab": READERS,
    "public.iu_lifecycle_transition": READERS,
    "public.iu_lifecycle_log": READERS,
    "public.iu_lifecycle_log_seal": READERS,
    **{
        f"cutter_governance.{t}": READERS
        for t in ("signer_key", "cut_change_set", "manifest_envelope", "manifest_entry",
                  "review_decision", "verify_result", "dot_pair_signature", "rollback_record")
    },
}

SEQUENCES: dict[str, frozenset[str]] = {
    "iu_gateway_refusal_seq": frozenset({"cutter_verifier", "iu_reader"}),
    "iu_gateway_forged_marker_seq": frozenset({"cutter_verifier", "iu_reader"}),
}

GUARDED_TABLES = ("information_unit", "unit_version")

TRIGGERS = {
    ("public.information_unit", "trg_aa_iu_gateway_write_guard"): "fn_iu_gateway_write_guard",
    ("public.unit_version", "trg_aa_uv_gateway_write_guard"): "fn_iu_gateway_write_guard",
    ("public.iu_lifecycle_log", "trg_aa_iu_lifecycle_log_guard"): "fn_iu_lifecycle_log_guard",
    ("public.iu_lifecycle_log_seal", "trg_aa_iu_lifecycle_log_seal_guard"): "fn_iu_lifecycle_log_guard",
    ("public.iu_lifecycle_vocab", "trg_aa_iu_lifecycle_vocab_fixed"): "fn_iu_lifecycle_data_guard",
    ("public.iu_lifecycle_transition", "trg_aa_iu_lifecycle_transition_fixed"): "fn_iu_lifecycle_data_guard",
    **{
        (f"cutter_governance.{t}", f"trg_aa_{t}_guard"): "fn_gov_write_guard"
        for t in ("signer_key", "cut_change_set", "manifest_envelope", "manifest_entry",
                  "review_decision", "verify_result", "dot_pair_signature", "rollback_record")
    },
}

# The lifecycle triggers on units, versions and the log: (table, trigger) -> (function, events, row level).
# Row triggers carry a WHEN clause; the transition check runs after each statement.
LIFECYCLE_TRIGGERS = {
    ("public.information_unit", "trg_iu_allowed_transition"): (
        "fn_iu_lifecycle_transition_check", {"UPDATE"}, False),
    ("public.information_unit", "trg_iu_born_draft"): ("fn_iu_lifecycle_born_draft", {"INSERT"}, True),
    ("public.information_unit", "trg_iu_enacted_immut"): ("fn_iu_enacted_immut", {"UPDATE", "DELETE"}, True),
    ("public.information_unit", "trg_iu_enacted_undeletable"): ("fn_iu_enacted_immut", {"DELETE"}, True),
    ("public.information_unit", "trg_iu_enacted_truncate"): (
        "fn_iu_enacted_truncate_guard", {"TRUNCATE"}, False),
    ("public.unit_version", "trg_uv_allowed_transition"): (
        "fn_iu_lifecycle_transition_check", {"UPDATE"}, False),
    ("public.unit_version", "trg_uv_born_draft"): ("fn_iu_lifecycle_born_draft", {"INSERT"}, True),
    ("public.unit_version", "trg_uv_enacted_immut"): ("fn_uv_enacted_immut", {"UPDATE", "DELETE"}, True),
    ("public.unit_version", "trg_uv_enacted_undeletable"): ("fn_uv_enacted_immut", {"DELETE"}, True),
    ("public.unit_version", "trg_uv_enacted_truncate"): ("fn_iu_enacted_truncate_guard", {"TRUNCATE"}, False),
    ("public.iu_lifecycle_log", "trg_iu_lifecycle_log_sealed"): (
        "fn_iu_lifecycle_log_sealed", {"INSERT"}, False),
    ("public.information_unit", "trg_iu_change_set_known"): ("fn_iu_change_set_known", {"INSERT"}, False),
    ("public.information_unit", "trg_iu_change_set_known_update"): (
        "fn_iu_change_set_known", {"UPDATE"}, True),
    ("public.unit_version", "trg_uv_change_set_known"): ("fn_iu_change_set_known", {"INSERT"}, False),
    ("public.unit_version", "trg_uv_change_set_known_update"): ("fn_iu_change_set_known", {"UPDATE"}, True),
    ("public.information_unit", "trg_iu_tree_check"): ("fn_iu_tree_check", {"INSERT"}, False),
    ("public.information_unit", "trg_iu_tree_check_update"): ("fn_iu_tree_check", {"UPDATE"}, True),
    ("public.information_unit", "trg_iu_tree_check_delete"): ("fn_iu_tree_check", {"DELETE"}, False),
    ("public.unit_version", "trg_uv_tree_check_update"): ("fn_uv_tree_check", {"UPDATE"}, True),
    ("public.unit_version", "trg_uv_tree_check_delete"): ("fn_uv_tree_check", {"DELETE"}, False),
    ("public.unit_version", "trg_uv_tree_check_truncate"): ("fn_uv_tree_check", {"TRUNCATE"}, False),
    ("cutter_governance.manifest_entry", "trg_ab_manifest_entry_enveloped"): (
        "fn_gov_manifest_entries_check", {"INSERT"}, False),
}

ENACT_POLICY_KEYS = {
    "iu_enact.mode": "enabled",
    "iu_enact.require_distinct_reviewer": "true",
    "iu_enact.require_verified_change_set": "true",
    "iu_enact.review_max_age_days": "90",
    "iu_enact.max_units_per_call": "250000",
}

GATEWAY_POLICY_KEYS = {
    "iu_create.gateway.mode": "enforced",
    "iu_create.gateway.allowed_marker_values": (
        "fn_iu_create,fn_iu_apply_edit_draft,fn_iu_enact,fn_iu_revise,fn_iu_supersede,fn_iu_retire,"
        "fn_iu_rollback"
    ),
    "iu_create.gateway.exemption_prefix": "migration:",
    "iu_create.gateway.exemption_max_days": "14",
    "iu_create.gateway.pub1_mode": "warn",
    "iu_create.gateway.pub2_mode": "warn",
    "iu_create.gateway.publication_types": (
        "constitution,law,code,ordinance,decree,resolution,regulation,directive,decision,"
        "circular,treaty"
    ),
    "iu_create.gateway.max_units_per_call": "250000",
    "iu_create.gateway.max_body_bytes": "1048576",
}
