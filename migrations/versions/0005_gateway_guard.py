"""The gateway guard, enforced (Pack 22-P3-P2): trg_aa_iu/uv_gateway_write_guard.

Revision ID: 0005_gateway_guard
Revises: 0004_gateway_functions
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0005_gateway_guard"
down_revision = "0004_gateway_functions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(
        revision,
        "triggers/trg_aa_iu_gateway_write_guard.sql",
        "triggers/trg_aa_uv_gateway_write_guard.sql",
    )


def downgrade() -> None:
    run_sql(
        """
        DROP TRIGGER trg_aa_uv_gateway_write_guard ON public.unit_version;
        DROP TRIGGER trg_aa_iu_gateway_write_guard ON public.information_unit;
        """
    )
