"""Enactment's checks set-based: the log's seal reference per statement, the transition check
narrower, two invariants proven in the units pass.

The declared foreign key iu_lifecycle_log.seal_id -> iu_lifecycle_log_seal was checked row by
row: enacting 100,000 units paid 100,000 index probes of the one seal their rows share. An
AFTER INSERT statement trigger (trg_iu_lifecycle_log_sealed) now checks the statement's rows
against their seals in one grouping and one join: each named seal exists (23503, as the foreign
key said) and the statement wrote all of its rows, numbered 1 to its entry_count (IU010), which
the foreign key did not check. The trigger is created before the constraint is dropped. Both
tables are append-only for every role, so a seal cannot disappear under its rows.

fn_iu_lifecycle_transition_check joins the statement's old and new rows on the key and the two
statuses only, and reads the refused row whole afterwards, instead of carrying every column of
every new row through the hash join (replaced in place: the triggers depend on it).

fn_iu_enact_batch proves current_version_owned and lifecycle_consistent for its drafts in the
pass that already joins each unit with its current version (the same IU005 and words as the
probe), and the invariant probe leaves those, and unit_exists (IU007 in that pass), out.

Revision ID: 0025_set_based_enact_checks
Revises: 0024_no_verify_after_rollback
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0025_set_based_enact_checks"
down_revision = "0024_no_verify_after_rollback"
branch_labels = None
depends_on = None

TRANSITION_CHECK = "functions/fn_iu_lifecycle_transition_check.sql"
ENACT_BATCH = "functions/fn_iu_enact_batch.sql"
DROP_ENACT_BATCH = "DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);"


def upgrade() -> None:
    run_frozen_in_place(revision, TRANSITION_CHECK)
    run_frozen(
        revision,
        "functions/fn_iu_lifecycle_log_sealed.sql",
        "triggers/iu_lifecycle_log_sealed.sql",
        "alter/iu_lifecycle_log_seal_check.sql",
    )
    run_sql(DROP_ENACT_BATCH)
    run_frozen(revision, ENACT_BATCH)


def downgrade() -> None:
    run_sql(DROP_ENACT_BATCH)
    run_frozen("0022_cheaper_enactment", ENACT_BATCH)
    run_sql("""
ALTER TABLE public.iu_lifecycle_log
ADD CONSTRAINT iu_lifecycle_log_seal_id_fkey FOREIGN KEY (seal_id)
REFERENCES public.iu_lifecycle_log_seal (id);
COMMENT ON COLUMN public.iu_lifecycle_log.seal_id IS NULL;
DROP TRIGGER trg_iu_lifecycle_log_sealed ON public.iu_lifecycle_log;
DROP FUNCTION public.fn_iu_lifecycle_log_sealed();
""")
    run_frozen_in_place("0009_lifecycle_schema", TRANSITION_CHECK)
