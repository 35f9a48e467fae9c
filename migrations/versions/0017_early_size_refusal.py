"""Early size refusal: an over-limit body is refused before anything reads it.

fn_iu_preflight (and so fn_iu_create and fn_iu_create_plan) and fn_iu_revise refused a body
over iu_create.gateway.max_body_bytes (IU009) only after copying it into a materialised input
and scanning it for each check, and fn_iu_create_plan after hashing it: for a 100 MB body,
10 to 27 s of one backend's CPU for a refusal by policy, a cheap denial of service for any
cutter_exec login. Sizes are now checked first, alone; when a call carries an over-limit body
those bodies are all that is reported (fn_iu_create_plan lists them as 'invalid', IU009, and
classifies nothing).

Revision ID: 0017_early_size_refusal
Revises: 0016_authentic_signatures
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0017_early_size_refusal"
down_revision = "0016_authentic_signatures"
branch_labels = None
depends_on = None

FILES = (
    "functions/fn_iu_preflight.sql",
    "functions/fn_iu_create_plan.sql",
    "functions/fn_iu_revise.sql",
)

DROP = """
DROP FUNCTION public.fn_iu_create_plan(text, text, text, text);
DROP FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[]);
DROP FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[]);
DROP FUNCTION public.fn_iu_revise(text[], text[], text, uuid);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0004_gateway_functions", "functions/fn_iu_preflight.sql", "functions/fn_iu_create_plan.sql")
    run_frozen("0011_lifecycle_functions", "functions/fn_iu_revise.sql")
