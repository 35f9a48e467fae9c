"""fn_iu_create answers with the hash computed from the body again.

Revision 0015 joined the hashes from the version insert's RETURNING back to the input. After a
session's first five calls PostgreSQL plans fn_iu_create generically, guesses ten input rows,
and joined those two by a nested loop: 25 million comparisons for a slice of 5,000 units,
2.2 s instead of 0.6 s, so a governed cut of 100,000 units spent 40 s creating them. Hashing
each body again costs about 4 microseconds a unit.

Revision ID: 0020_create_answer_hash
Revises: 0019_generic_array_plans
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0020_create_answer_hash"
down_revision = "0019_generic_array_plans"
branch_labels = None
depends_on = None

DROP = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, "functions/fn_iu_create.sql")


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0019_generic_array_plans", "functions/fn_iu_create.sql")
