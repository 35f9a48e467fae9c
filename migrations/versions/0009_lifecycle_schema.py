"""Lifecycle schema (seed 004): vocabulary, allowed transitions, audit log, immutability.

iu_lifecycle_vocab (the four TAC seed-G6 states) referenced by every lifecycle column;
iu_lifecycle_transition (the allowed moves, as data); iu_lifecycle_log with its hash-chained
seals; enactment, supersede and retirement stamps on units and versions; the triggers that
refuse a disallowed transition (IU003) and any change to enacted content (IU002); manifest
entries that record a revision.

Revision ID: 0009_lifecycle_schema
Revises: 0008_governance_functions
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0009_lifecycle_schema"
down_revision = "0008_governance_functions"
branch_labels = None
depends_on = None

FILES = (
    "tables/iu_lifecycle_vocab.sql",
    "tables/iu_lifecycle_transition.sql",
    "alter/information_unit_lifecycle.sql",
    "alter/unit_version_lifecycle.sql",
    "alter/manifest_entry_revised.sql",
    "tables/iu_lifecycle_log.sql",
    "functions/fn_iu_lifecycle_transition_refuse.sql",
    "functions/fn_iu_lifecycle_transition_check.sql",
    "functions/fn_iu_lifecycle_born_draft.sql",
    "functions/fn_iu_enacted_immut.sql",
    "functions/fn_uv_enacted_immut.sql",
    "functions/fn_iu_enacted_truncate_guard.sql",
    "functions/fn_iu_lifecycle_log_guard.sql",
    "functions/fn_iu_lifecycle_data_guard.sql",
    "triggers/information_unit_lifecycle.sql",
    "triggers/unit_version_lifecycle.sql",
    "triggers/iu_lifecycle_log.sql",
    "triggers/iu_lifecycle_data.sql",
)


def upgrade() -> None:
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql(
        """
        DROP TRIGGER trg_iu_allowed_transition ON public.information_unit;
        DROP TRIGGER trg_iu_born_draft ON public.information_unit;
        DROP TRIGGER trg_iu_enacted_immut ON public.information_unit;
        DROP TRIGGER trg_iu_enacted_truncate ON public.information_unit;
        DROP TRIGGER trg_uv_allowed_transition ON public.unit_version;
        DROP TRIGGER trg_uv_born_draft ON public.unit_version;
        DROP TRIGGER trg_uv_enacted_immut ON public.unit_version;
        DROP TRIGGER trg_uv_enacted_truncate ON public.unit_version;
        DROP TABLE public.iu_lifecycle_log;
        DROP TABLE public.iu_lifecycle_log_seal;
        ALTER TABLE cutter_governance.manifest_entry
        DROP CONSTRAINT manifest_entry_action,
        ADD CONSTRAINT manifest_entry_action CHECK (action IN ('created', 'unchanged'));
        COMMENT ON COLUMN cutter_governance.manifest_entry.action IS NULL;
        DROP INDEX public.unit_version_in_force_idx;
        ALTER TABLE public.unit_version
        DROP CONSTRAINT unit_version_lifecycle_status_fk,
        DROP COLUMN enacted_at,
        DROP COLUMN enacted_by,
        DROP COLUMN superseded_at,
        DROP COLUMN superseded_by,
        DROP COLUMN retired_at,
        DROP COLUMN retired_by,
        ADD CONSTRAINT unit_version_lifecycle_status CHECK (
            lifecycle_status IN ('draft', 'enacted', 'superseded', 'retired')
        );
        ALTER TABLE public.information_unit
        DROP CONSTRAINT information_unit_lifecycle_status_fk,
        DROP COLUMN enacted_at,
        DROP COLUMN enacted_by,
        DROP COLUMN retired_at,
        DROP COLUMN retired_by,
        ADD CONSTRAINT information_unit_lifecycle_status CHECK (
            lifecycle_status IN ('draft', 'enacted', 'superseded', 'retired')
        );
        COMMENT ON COLUMN public.information_unit.lifecycle_status IS NULL;
        DROP TABLE public.iu_lifecycle_transition;
        DROP TABLE public.iu_lifecycle_vocab;
        DROP FUNCTION public.fn_iu_lifecycle_data_guard();
        DROP FUNCTION public.fn_iu_lifecycle_log_guard();
        DROP FUNCTION public.fn_iu_enacted_truncate_guard();
        DROP FUNCTION public.fn_uv_enacted_immut();
        DROP FUNCTION public.fn_iu_enacted_immut();
        DROP FUNCTION public.fn_iu_lifecycle_born_draft();
        DROP FUNCTION public.fn_iu_lifecycle_transition_check();
        DROP FUNCTION public.fn_iu_lifecycle_transition_refuse(text, text, text);
        """
    )
