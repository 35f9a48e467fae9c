"""Rollback keeps the units a later change set stands on.

fn_iu_rollback removed every unit the change set created, even when another live change set
of the document listed one of them in its manifest (unchanged, because it cut the same text
again, or revised by a draft version of its own, which went with it). That change set was
left with a manifest naming units that no longer exist. The rollback now refuses (IU006,
nothing removed) and names the unit and the change set to roll back first; a rolled-back
change set's manifest no longer counts.

Revision ID: 0023_rollback_later_manifests
Revises: 0022_cheaper_enactment
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0023_rollback_later_manifests"
down_revision = "0022_cheaper_enactment"
branch_labels = None
depends_on = None

ROLLBACK = "functions/fn_iu_rollback.sql"
DROP = "DROP FUNCTION public.fn_iu_rollback(uuid, text, text);"


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, ROLLBACK)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0014_concurrency", ROLLBACK)
