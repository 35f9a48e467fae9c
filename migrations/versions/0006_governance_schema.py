"""Schema cutter_governance: append-only, hash-chained governance records.

Tables cut_change_set, manifest_envelope (+ manifest_entry), review_decision, verify_result,
dot_pair_signature and the signer_key registry; the chain and guard functions and triggers;
foreign keys from units and versions to the change set that created them.

Revision ID: 0006_governance_schema
Revises: 0005_gateway_guard
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0006_governance_schema"
down_revision = "0005_gateway_guard"
branch_labels = None
depends_on = None

FILES = (
    "schemas/cutter_governance.sql",
    "functions/cutter_governance/fn_gov_row_hash.sql",
    "functions/cutter_governance/fn_gov_chain_payload.sql",
    "tables/cutter_governance/signer_key.sql",
    "tables/cutter_governance/cut_change_set.sql",
    "tables/cutter_governance/manifest_envelope.sql",
    "tables/cutter_governance/review_decision.sql",
    "tables/cutter_governance/verify_result.sql",
    "tables/cutter_governance/dot_pair_signature.sql",
    "functions/cutter_governance/fn_gov_chain.sql",
    "functions/cutter_governance/fn_gov_chain_check.sql",
    "functions/cutter_governance/fn_gov_write_guard.sql",
    "functions/cutter_governance/fn_gov_status_guard.sql",
    "functions/cutter_governance/fn_gov_change_set_complete.sql",
    "triggers/cutter_governance/signer_key.sql",
    "triggers/cutter_governance/cut_change_set.sql",
    "triggers/cutter_governance/manifest_envelope.sql",
    "triggers/cutter_governance/manifest_entry.sql",
    "triggers/cutter_governance/review_decision.sql",
    "triggers/cutter_governance/verify_result.sql",
    "triggers/cutter_governance/dot_pair_signature.sql",
    "constraints/fk_iu_change_set.sql",
)


def upgrade() -> None:
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(
        """
        DROP INDEX public.unit_version_change_set_idx;
        DROP INDEX public.information_unit_created_change_set_idx;
        ALTER TABLE public.unit_version DROP CONSTRAINT unit_version_change_set_fk;
        ALTER TABLE public.information_unit DROP CONSTRAINT information_unit_created_change_set_fk;
        DROP SCHEMA cutter_governance CASCADE;
        """
    )
