"""Governance policy keys: key registration (auto | admin), separation of duties (actor | strict).

Revision ID: 0007_governance_policy
Revises: 0006_governance_schema
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0007_governance_policy"
down_revision = "0006_governance_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(revision, "policy_seeds/cutter_governance.sql")


def downgrade() -> None:
    run_sql(
        """
        DELETE FROM public.dot_config
        WHERE key IN ('cutter_governance.key_registration', 'cutter_governance.separation_of_duties');
        """
    )
