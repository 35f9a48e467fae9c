"""What the migrations at head must define: the contract the catalog tests check cell by cell."""

from __future__ import annotations

ROLES = ("iu_owner", "cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader")
LANE_ROLES = ROLES[1:]
READERS = frozenset(LANE_ROLES)

# function signature -> (security definer?, roles granted EXECUTE besides the owner)
FUNCTIONS: dict[str, tuple[bool, frozenset[str]]] = {
    "fn_iu_content_hash(text)": (False, frozenset(LANE_ROLES)),
    "fn_iu_policy(text)": (False, frozenset()),
    "fn_iu_resolve_default(text, text)": (False, frozenset()),
    "fn_iu_check_actor(text)": (False, frozenset()),
    "fn_iu_gateway_open(text)": (False, frozenset()),
    "fn_iu_gateway_close(bigint)": (False, frozenset()),
    "fn_iu_gateway_write_guard()": (True, frozenset()),
    "fn_iu_preflight(text[], text[], text[], text, integer[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "fn_iu_classify_existing(text[], text[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "fn_iu_verify_invariants(text, boolean)": (
        True, frozenset({"cutter_exec", "cutter_verifier", "iu_reader"})),
    "fn_iu_create_plan(text[], text[], text[], text, integer[])": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "fn_iu_create_plan(text, text, text, text)": (
        True, frozenset({"cutter_exec", "cutter_verifier"})),
    "fn_iu_create(text[], text[], text, text[], text, integer[])": (
        True, frozenset({"cutter_exec"})),
    "fn_iu_create(text, text, text, text, text, integer)": (True, frozenset({"cutter_exec"})),
    "fn_iu_apply_edit_draft(text, text, text, text, text)": (True, frozenset({"cutter_exec"})),
    "fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[])": (
        True, frozenset()),
    "fn_iu_gateway_exemption_revoke(text, text)": (True, frozenset()),
    "fn_iu_gateway_detector_report()": (True, frozenset({"cutter_verifier", "iu_reader"})),
}

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")

# table -> roles with SELECT (nobody but the owner holds any other privilege)
TABLES: dict[str, frozenset[str]] = {
    "information_unit": READERS,
    "unit_version": READERS,
    "dot_config": READERS,
    "iu_gateway_ticket": frozenset(),
    "iu_gateway_exemption": frozenset({"cutter_verifier", "iu_reader"}),
    "iu_gateway_event": frozenset({"cutter_verifier", "iu_reader"}),
}

SEQUENCES: dict[str, frozenset[str]] = {
    "iu_gateway_refusal_seq": frozenset({"cutter_verifier", "iu_reader"}),
    "iu_gateway_forged_marker_seq": frozenset({"cutter_verifier", "iu_reader"}),
}

GUARDED_TABLES = ("information_unit", "unit_version")

TRIGGERS = {
    ("information_unit", "trg_aa_iu_gateway_write_guard"): "fn_iu_gateway_write_guard",
    ("unit_version", "trg_aa_uv_gateway_write_guard"): "fn_iu_gateway_write_guard",
}

GATEWAY_POLICY_KEYS = {
    "iu_create.gateway.mode": "enforced",
    "iu_create.gateway.allowed_marker_values": "fn_iu_create,fn_iu_apply_edit_draft",
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
