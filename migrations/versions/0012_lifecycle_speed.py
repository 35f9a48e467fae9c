"""Enactment speed: the invariant gate leaves out what the writer's own UPDATE proves.

fn_iu_verify_invariants gains p_skip_invariants (default none); fn_iu_invariant_gate passes it
through. fn_iu_enact_batch and fn_iu_supersede_batch skip content_hash_matches in the gate and
prove it on the rows they enact instead: the UPDATE recomputes each version's stored
content_hash from its body (unit_version has a BEFORE ROW UPDATE trigger, so PostgreSQL
recomputes stored generated columns) and it must equal the approved hash, IU005 otherwise.
fn_iu_enact_batch answers from the rows it read instead of joining the tables again.
fn_iu_lifecycle_entry_hash is declared STABLE, as its body is, so the planner inlines it.

Revision ID: 0012_lifecycle_speed
Revises: 0011_lifecycle_functions
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0012_lifecycle_speed"
down_revision = "0011_lifecycle_functions"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_lifecycle_entry_hash.sql",
    "functions/fn_iu_verify_invariants.sql",
    "functions/fn_iu_invariant_gate.sql",
    "functions/fn_iu_enact_batch.sql",
    "functions/fn_iu_supersede_batch.sql",
)

DROP_ENTRY_HASH = """
DROP FUNCTION public.fn_iu_lifecycle_entry_hash(
    uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb,
    uuid, uuid, text, text
);
"""

DROP_OLD = DROP_ENTRY_HASH + """
DROP FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text);
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
DROP FUNCTION public.fn_iu_invariant_gate(text[], text);
DROP FUNCTION public.fn_iu_verify_invariants(text, boolean);
"""

DROP_NEW = DROP_ENTRY_HASH + """
DROP FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text);
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
DROP FUNCTION public.fn_iu_invariant_gate(text[], text, text[]);
DROP FUNCTION public.fn_iu_verify_invariants(text, boolean, text[]);
"""


def upgrade() -> None:
    run_sql(DROP_OLD)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP_NEW)
    run_frozen("0004_gateway_functions", "functions/fn_iu_verify_invariants.sql")
    run_frozen(
        "0011_lifecycle_functions",
        "functions/fn_iu_lifecycle_entry_hash.sql",
        "functions/fn_iu_invariant_gate.sql",
        "functions/fn_iu_enact_batch.sql",
        "functions/fn_iu_supersede_batch.sql",
    )
