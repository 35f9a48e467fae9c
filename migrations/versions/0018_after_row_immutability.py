"""Immutability checked after the row: no recomputation of generated columns on every update.

trg_iu_enacted_immut and trg_uv_enacted_immut were BEFORE UPDATE OR DELETE row triggers. Their
WHEN clause keeps them from firing for drafts, but PostgreSQL recomputes every stored generated
column of every updated row of a table that has any BEFORE ROW UPDATE trigger: each enactment
hashed every version's body again (content_hash) and ran the three address regexes of every
unit (unit_kind, unit_number, parent_address), about 1.5 s at 100,000 units. The checks only
read OLD and NEW and raise (IU002/IU003), so they run AFTER the row now, with the same WHEN
clause and the same refusals (a status change that also breaks a stamp CHECK is now refused by
the CHECK first, 23514); trg_iu_enacted_undeletable and trg_uv_enacted_undeletable make the same
check BEFORE a DELETE, which recomputes nothing, so deleting an enacted row is still IU002 before
any foreign key is checked. The statement is undone exactly as before. The enacting UPDATEs
of fn_iu_enact_batch and fn_iu_supersede_batch, which relied on that recomputation to prove
content_hash_matches on the rows they move, hash each moved version's body explicitly instead.

Revision ID: 0018_after_row_immutability
Revises: 0017_early_size_refusal
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0018_after_row_immutability"
down_revision = "0017_early_size_refusal"
branch_labels = None
depends_on = None

FILES = (
    "triggers/information_unit_lifecycle.sql",
    "triggers/unit_version_lifecycle.sql",
    "functions/fn_iu_enact_batch.sql",
    "functions/fn_iu_supersede_batch.sql",
)

DROP = """
DROP TRIGGER trg_iu_allowed_transition ON public.information_unit;
DROP TRIGGER trg_iu_born_draft ON public.information_unit;
DROP TRIGGER trg_iu_enacted_immut ON public.information_unit;
DROP TRIGGER trg_iu_enacted_truncate ON public.information_unit;
DROP TRIGGER IF EXISTS trg_iu_enacted_undeletable ON public.information_unit;
DROP TRIGGER trg_uv_allowed_transition ON public.unit_version;
DROP TRIGGER trg_uv_born_draft ON public.unit_version;
DROP TRIGGER trg_uv_enacted_immut ON public.unit_version;
DROP TRIGGER trg_uv_enacted_truncate ON public.unit_version;
DROP TRIGGER IF EXISTS trg_uv_enacted_undeletable ON public.unit_version;
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
DROP FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0009_lifecycle_schema", "triggers/information_unit_lifecycle.sql",
               "triggers/unit_version_lifecycle.sql")
    run_frozen("0015_batch_plans", "functions/fn_iu_enact_batch.sql")
    run_frozen("0012_lifecycle_speed", "functions/fn_iu_supersede_batch.sql")
