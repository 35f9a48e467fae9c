"""Governance recording functions, one per lane, and fn_iu_create linked to change sets.

Executor lane: fn_gov_open_change_set, fn_gov_record_manifest, fn_gov_sign_executor (the cut
writes all three in the transaction that creates the units). Verifier lane:
fn_gov_verify_change_set, fn_gov_record_verify. Reviewer lane: fn_gov_record_review. Every
lane: fn_gov_register_key. fn_iu_create gains p_change_set_id.

Revision ID: 0008_governance_functions
Revises: 0007_governance_policy
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0008_governance_functions"
down_revision = "0007_governance_policy"
branch_labels = None
depends_on = None

FILES = (
    "functions/cutter_governance/fn_gov_invoker.sql",
    "functions/cutter_governance/fn_gov_check_signer.sql",
    "functions/cutter_governance/fn_gov_check_duties.sql",
    "functions/cutter_governance/fn_gov_set_status.sql",
    "functions/cutter_governance/fn_gov_manifest_digest.sql",
    "functions/cutter_governance/fn_gov_register_key.sql",
    "functions/cutter_governance/fn_gov_open_change_set.sql",
    "functions/cutter_governance/fn_gov_record_manifest.sql",
    "functions/cutter_governance/fn_gov_sign_executor.sql",
    "functions/cutter_governance/fn_gov_verify_digest.sql",
    "functions/cutter_governance/fn_gov_record_verify.sql",
    "functions/cutter_governance/fn_gov_review_digest.sql",
    "functions/cutter_governance/fn_gov_record_review.sql",
    "functions/cutter_governance/fn_gov_verify_change_set.sql",
)

DROP_FN_IU_CREATE_0004 = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[]);
"""


def upgrade() -> None:
    run_frozen(revision, *FILES)
    run_sql(DROP_FN_IU_CREATE_0004)
    run_frozen(revision, "functions/fn_iu_create.sql")


def downgrade() -> None:
    run_sql(
        """
        DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
        DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
        """
    )
    run_frozen("0004_gateway_functions", "functions/fn_iu_create.sql")
    run_sql(
        """
        DROP FUNCTION cutter_governance.fn_gov_verify_change_set(uuid);
        DROP FUNCTION cutter_governance.fn_gov_record_review(
            text, text, text, text, text, bytea, uuid, text, timestamptz
        );
        DROP FUNCTION cutter_governance.fn_gov_review_digest(text, text, uuid, text, timestamptz, text);
        DROP FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea);
        DROP FUNCTION cutter_governance.fn_gov_verify_digest(uuid, text, jsonb);
        DROP FUNCTION cutter_governance.fn_gov_sign_executor(uuid, text, text, bytea);
        DROP FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text);
        DROP FUNCTION cutter_governance.fn_gov_open_change_set(
            text, text, text, integer, text, text, text, text, text
        );
        DROP FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text);
        DROP FUNCTION cutter_governance.fn_gov_manifest_digest(text[], text[]);
        DROP FUNCTION cutter_governance.fn_gov_set_status(uuid, text);
        DROP FUNCTION cutter_governance.fn_gov_check_duties(uuid, text, text, text);
        DROP FUNCTION cutter_governance.fn_gov_check_signer(text, text, bytea);
        DROP FUNCTION cutter_governance.fn_gov_invoker();
        """
    )
