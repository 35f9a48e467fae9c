"""Lifecycle policy: the iu_enact.* keys, and the lifecycle writers in the allowed markers.

Seed 004 §2.4 steps 2 and 4: fn_iu_enact, fn_iu_revise, fn_iu_supersede and fn_iu_retire are
appended to iu_create.gateway.allowed_marker_values (and removed again by the downgrade).

Revision ID: 0010_lifecycle_policy
Revises: 0009_lifecycle_schema
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0010_lifecycle_policy"
down_revision = "0009_lifecycle_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(revision, "policy_seeds/iu_enact.sql")


def downgrade() -> None:
    run_sql(
        """
        UPDATE public.dot_config AS c
        SET
            value = (
                SELECT pg_catalog.string_agg(m.marker, ',' ORDER BY m.ord)
                FROM unnest(pg_catalog.string_to_array(c.value, ',')) WITH ORDINALITY AS m (marker, ord)
                WHERE m.marker NOT IN ('fn_iu_enact', 'fn_iu_revise', 'fn_iu_supersede', 'fn_iu_retire')
            ),
            updated_at = pg_catalog.now(),
            updated_by = session_user
        WHERE c.key = 'iu_create.gateway.allowed_marker_values';
        DELETE FROM public.dot_config
        WHERE key IN (
            'iu_enact.mode', 'iu_enact.require_distinct_reviewer', 'iu_enact.require_verified_change_set',
            'iu_enact.review_max_age_days', 'iu_enact.max_units_per_call'
        );
        """
    )
