"""A rolled-back change set cannot be verified.

fn_gov_record_verify recorded a verify result (and the verifier's signature) for a change set
that had been rolled back, leaving its status rolled_back: a result describing units that no
longer exist. It now refuses with IU003 and records nothing.

Revision ID: 0024_no_verify_after_rollback
Revises: 0023_rollback_later_manifests
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0024_no_verify_after_rollback"
down_revision = "0023_rollback_later_manifests"
branch_labels = None
depends_on = None

RECORD_VERIFY = "functions/cutter_governance/fn_gov_record_verify.sql"
DROP = "DROP FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea);"


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, RECORD_VERIFY)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0008_governance_functions", RECORD_VERIFY)
