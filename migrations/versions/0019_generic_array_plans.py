"""Array writers planned the ordinary way again.

Revision 0015 made every batch writer plan each call with its own values
(plan_cache_mode = force_custom_plan). For the writers whose parameters are arrays of
100,000 elements that was measured to cost more than it saved: enacting 100,000 units took
23.8 s with it and 17.2 s without, and creating a slice of 5,000 units 1.0 s against 0.6 s.
fn_iu_create, fn_iu_enact_batch, fn_iu_lifecycle_record and fn_gov_record_manifest drop the
setting (PostgreSQL still plans a session's first calls with their values); the probes that
take a single address or change set (fn_iu_verify_invariants, fn_gov_verify_change_set) keep
it, where it turned nested loops over a whole document into hash joins.

Revision ID: 0019_generic_array_plans
Revises: 0018_after_row_immutability
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0019_generic_array_plans"
down_revision = "0018_after_row_immutability"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_create.sql",
    "functions/fn_iu_lifecycle_record.sql",
    "functions/fn_iu_enact_batch.sql",
    "functions/cutter_governance/fn_gov_record_manifest.sql",
)

DROP = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
DROP FUNCTION public.fn_iu_lifecycle_record(
    text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
);
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
DROP FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0015_batch_plans", "functions/fn_iu_create.sql", "functions/fn_iu_lifecycle_record.sql")
    run_frozen("0018_after_row_immutability", "functions/fn_iu_enact_batch.sql")
    run_frozen("0015_batch_plans", "functions/cutter_governance/fn_gov_record_manifest.sql")
