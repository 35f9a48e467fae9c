"""Rollback: fn_iu_rollback and the chained rollback record.

cutter_governance.rollback_record (append-only, hash-chained: fn_gov_chain and
fn_gov_chain_check learn the new table), public.fn_iu_rollback (SECURITY DEFINER, cutter_exec
only), and fn_iu_rollback appended to iu_create.gateway.allowed_marker_values (removed again
by the downgrade).

Revision ID: 0013_rollback
Revises: 0012_lifecycle_speed
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0013_rollback"
down_revision = "0012_lifecycle_speed"
branch_labels = None
depends_on = None

CHAIN = "functions/cutter_governance/fn_gov_chain.sql"


def upgrade() -> None:
    run_frozen(revision, "tables/cutter_governance/rollback_record.sql")
    run_frozen_in_place(revision, CHAIN)
    run_frozen(revision, "triggers/cutter_governance/rollback_record.sql")
    run_sql("DROP FUNCTION cutter_governance.fn_gov_chain_check();")
    run_frozen(
        revision,
        "functions/cutter_governance/fn_gov_chain_check.sql",
        "functions/fn_iu_rollback.sql",
        "policy_seeds/iu_rollback.sql",
    )


def downgrade() -> None:
    run_sql(
        """
        UPDATE public.dot_config AS c
        SET
            value = (
                SELECT pg_catalog.string_agg(m.marker, ',' ORDER BY m.ord)
                FROM unnest(pg_catalog.string_to_array(c.value, ',')) WITH ORDINALITY AS m (marker, ord)
                WHERE m.marker <> 'fn_iu_rollback'
            ),
            updated_at = pg_catalog.now(),
            updated_by = session_user
        WHERE c.key = 'iu_create.gateway.allowed_marker_values';
        DROP FUNCTION public.fn_iu_rollback(uuid, text, text);
        DROP FUNCTION cutter_governance.fn_gov_chain_check();
        DROP TABLE cutter_governance.rollback_record;
        """
    )
    run_frozen("0006_governance_schema", "functions/cutter_governance/fn_gov_chain_check.sql")
    run_frozen_in_place("0006_governance_schema", CHAIN)

