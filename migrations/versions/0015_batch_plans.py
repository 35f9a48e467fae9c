"""Batch plans: the set-based writers and probes are planned for the rows they are given.

Measured at 100,000 units, plans made without the call's values chose nested loops through
the indexes where a hashed pass was due: the document-wide invariant probe (2.2 s in
enactment, 2 s in verify), the settle and coverage checks after and before an enactment and
the manifest's mismatch check (fast-start plans for a row that is usually absent), and hash
joins that spilled to disk. These functions now plan each call with its own values
(plan_cache_mode = force_custom_plan), give their hash joins and the enactment's transition
tables room in memory (work_mem), and count instead of looking for a first row with LIMIT 1.
fn_iu_create hashes only the bodies of addresses already in use and answers with the hashes
the database stored instead of hashing every body again. Behaviour is unchanged.

Revision ID: 0015_batch_plans
Revises: 0014_concurrency
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0015_batch_plans"
down_revision = "0014_concurrency"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_verify_invariants.sql",
    "functions/fn_iu_change_set_settle.sql",
    "functions/fn_iu_create.sql",
    "functions/fn_iu_lifecycle_record.sql",
    "functions/fn_iu_enact_batch.sql",
    "functions/cutter_governance/fn_gov_record_manifest.sql",
    "functions/cutter_governance/fn_gov_verify_change_set.sql",
)

DROP = """
DROP FUNCTION public.fn_iu_verify_invariants(text, boolean, text[]);
DROP FUNCTION public.fn_iu_change_set_settle(uuid);
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
DROP FUNCTION public.fn_iu_lifecycle_record(
    text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
);
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
DROP FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text);
DROP FUNCTION cutter_governance.fn_gov_verify_change_set(uuid);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0012_lifecycle_speed", "functions/fn_iu_verify_invariants.sql")
    run_frozen("0011_lifecycle_functions", "functions/fn_iu_change_set_settle.sql")
    run_frozen("0008_governance_functions", "functions/fn_iu_create.sql")
    run_frozen("0011_lifecycle_functions", "functions/fn_iu_lifecycle_record.sql")
    run_frozen("0012_lifecycle_speed", "functions/fn_iu_enact_batch.sql")
    run_frozen("0011_lifecycle_functions", "functions/cutter_governance/fn_gov_record_manifest.sql",
               "functions/cutter_governance/fn_gov_verify_change_set.sql")
