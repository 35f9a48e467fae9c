"""The nine iu_create.gateway.* policy keys (Pack 22-P3-P1), seeded idempotently.

Revision ID: 0003_gateway_policy
Revises: 0002_gateway_tables
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0003_gateway_policy"
down_revision = "0002_gateway_tables"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(revision, "policy_seeds/iu_create_gateway.sql")


def downgrade() -> None:
    run_sql(
        """
        DELETE FROM public.dot_config
        WHERE key IN (
            'iu_create.gateway.mode',
            'iu_create.gateway.allowed_marker_values',
            'iu_create.gateway.exemption_prefix',
            'iu_create.gateway.exemption_max_days',
            'iu_create.gateway.pub1_mode',
            'iu_create.gateway.pub2_mode',
            'iu_create.gateway.publication_types',
            'iu_create.gateway.max_units_per_call',
            'iu_create.gateway.max_body_bytes'
        );
        """
    )
