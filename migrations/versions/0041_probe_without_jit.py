"""fn_iu_verify_invariants runs without JIT.

With statistics on a document of 250,000 units (what autovacuum gives a database after a
cut), the probe's statement over the whole document is priced over the thresholds for JIT
inlining and optimisation: auto_explain timed the compilation at 1.1 s (inlining 0.24,
optimisation 0.51, emission 0.38) of a statement that runs in 1.8-2.0 s without it; the
call took 2.5-3.0 s with JIT and 1.8-2.0 s without, four calls each on one database. At
100,000 units it is compiled without optimisation (0.08 s). VERIFY (fn_gov_verify_change_set)
and the lifecycle writers' gate call it.

Revision ID: 0041_probe_without_jit
Revises: 0040_create_without_jit
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen_in_place

revision = "0041_probe_without_jit"
down_revision = "0040_create_without_jit"
branch_labels = None
depends_on = None

PROBE = "functions/fn_iu_verify_invariants.sql"


def upgrade() -> None:
    run_frozen_in_place(revision, PROBE)


def downgrade() -> None:
    run_frozen_in_place("0027_certified_invariants", PROBE)
