"""fn_iu_create runs without JIT.

The planner prices fn_iu_create's insert of a large call far above the JIT thresholds (a
correlated subquery for the document's next position is priced once per row), so a call of
100,000 units was compiled with inlining and optimisation first: 0.9 s of JIT (generation,
inlining, optimisation, emission) in a call that runs in about 4.5 s without it, measured
1.1 s apart at the minimum of four calls each. Nothing in the statement runs long enough to
repay the compilation; its nested statements (the preflight, the tree checks) inherit the
setting. The cutter's slices of 5,000 units stayed under the thresholds and are unchanged.

Revision ID: 0040_create_without_jit
Revises: 0039_source_size_limit
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0040_create_without_jit"
down_revision = "0039_source_size_limit"
branch_labels = None
depends_on = None

# fn_iu_create's file holds the set-based and the scalar form: dropped and created again.
CREATE = "functions/fn_iu_create.sql"
DROP_CREATE = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
"""


def upgrade() -> None:
    run_sql(DROP_CREATE)
    run_frozen(revision, CREATE)


def downgrade() -> None:
    run_sql(DROP_CREATE)
    run_frozen("0035_nfc_quick_check", CREATE)
