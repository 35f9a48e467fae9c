"""Lifecycle writers and readers: enact, revise, supersede, retire, point in time, log check.

fn_iu_enact / fn_iu_enact_batch (draft -> enacted), fn_iu_revise (a new draft version of an
enacted unit), fn_iu_supersede / fn_iu_supersede_batch, fn_iu_retire / fn_iu_retire_batch,
fn_iu_version_at / fn_iu_document_at, fn_iu_lifecycle_log_check. fn_gov_record_manifest and
fn_gov_verify_change_set learn revisions; VERIFY also checks the lifecycle log and triggers.

Revision ID: 0011_lifecycle_functions
Revises: 0010_lifecycle_policy
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0011_lifecycle_functions"
down_revision = "0010_lifecycle_policy"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_lifecycle_entry_hash.sql",
    "functions/fn_iu_lifecycle_seal_hash.sql",
    "functions/fn_iu_lifecycle_log_check.sql",
    "functions/fn_iu_lifecycle_record.sql",
    "functions/fn_iu_review_check.sql",
    "functions/fn_iu_lifecycle_batch_check.sql",
    "functions/fn_iu_change_set_settle.sql",
    "functions/fn_iu_units_digest.sql",
    "functions/fn_iu_invariant_gate.sql",
    "functions/fn_iu_enact_batch.sql",
    "functions/fn_iu_enact.sql",
    "functions/fn_iu_revise.sql",
    "functions/fn_iu_supersede_batch.sql",
    "functions/fn_iu_supersede.sql",
    "functions/fn_iu_retire_batch.sql",
    "functions/fn_iu_retire.sql",
    "functions/fn_iu_version_at.sql",
    "functions/fn_iu_document_at.sql",
)

GOVERNANCE = (
    "functions/cutter_governance/fn_gov_record_manifest.sql",
    "functions/cutter_governance/fn_gov_verify_change_set.sql",
)

DROP_GOVERNANCE = """
DROP FUNCTION cutter_governance.fn_gov_verify_change_set(uuid);
DROP FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text);
"""


def upgrade() -> None:
    run_frozen(revision, *FILES)
    run_sql(DROP_GOVERNANCE)
    run_frozen(revision, *GOVERNANCE)


def downgrade() -> None:
    run_sql(DROP_GOVERNANCE)
    run_frozen("0008_governance_functions", *GOVERNANCE)
    run_sql(
        """
        DROP FUNCTION public.fn_iu_document_at(text, timestamptz);
        DROP FUNCTION public.fn_iu_version_at(text, timestamptz);
        DROP FUNCTION public.fn_iu_retire(text, text, uuid, text);
        DROP FUNCTION public.fn_iu_retire_batch(text[], text, uuid, text);
        DROP FUNCTION public.fn_iu_supersede(text, text, uuid);
        DROP FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text);
        DROP FUNCTION public.fn_iu_revise(text[], text[], text, uuid);
        DROP FUNCTION public.fn_iu_enact(text, text, uuid);
        DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
        DROP FUNCTION public.fn_iu_invariant_gate(text[], text);
        DROP FUNCTION public.fn_iu_units_digest(text[]);
        DROP FUNCTION public.fn_iu_change_set_settle(uuid);
        DROP FUNCTION public.fn_iu_lifecycle_batch_check(text[], text, text);
        DROP FUNCTION public.fn_iu_review_check(uuid, text, text);
        DROP FUNCTION public.fn_iu_lifecycle_record(
            text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
        );
        DROP FUNCTION public.fn_iu_lifecycle_log_check();
        DROP FUNCTION public.fn_iu_lifecycle_seal_hash(
            text, bigint, uuid, text, uuid, uuid, text, timestamptz, text, integer, text
        );
        DROP FUNCTION public.fn_iu_lifecycle_entry_hash(
            uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb,
            uuid, uuid, text, text
        );
        """
    )
