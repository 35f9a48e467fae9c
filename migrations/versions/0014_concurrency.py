"""Concurrency: locks taken in one order, first registrations serialised.

fn_iu_rollback takes the per-document lock before it locks the change set's row, the order
fn_iu_enact_batch takes them in (document lock, then the settle that updates the row): a
rollback racing an enactment now waits for it instead of deadlocking with it.
fn_gov_register_key takes a per-signer lock before it looks for the key: a signer's first
cuts or reviews at once register the key once instead of one of them failing on the primary key.

Revision ID: 0014_concurrency
Revises: 0013_rollback
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0014_concurrency"
down_revision = "0013_rollback"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_rollback.sql",
    "functions/cutter_governance/fn_gov_register_key.sql",
)

DROP = """
DROP FUNCTION public.fn_iu_rollback(uuid, text, text);
DROP FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0013_rollback", "functions/fn_iu_rollback.sql")
    run_frozen("0008_governance_functions", "functions/cutter_governance/fn_gov_register_key.sql")
