"""Six row-by-row foreign key checks become checks made once per statement.

A cut of 100,000 units made 100,000 index probes each of the one change set its units name, of
the one change set its versions name, of the 'draft' vocabulary row for units and for versions,
and of the one manifest envelope its entries name; an enactment made 100,000 probes each of
the 'enacted' vocabulary row for units and for versions and of the one transition its log rows
record. Each of those foreign keys gives way to a check that nothing it refused gets through:

* the statuses of units and versions: already proven by the born-draft triggers (INSERT, IU003)
  and the allowed-transition checks (UPDATE, IU003), whose transitions reference the
  vocabulary; the vocabulary and the transitions are fixed data. The keys are dropped.
* the change set of units and versions: trg_iu_change_set_known / trg_uv_change_set_known,
  once per INSERT statement over its distinct change sets, and per row for an UPDATE that
  changes it (23503, as the keys said).
* the transition a log row records: fn_iu_lifecycle_log_sealed (replaced in place) checks the
  statement's distinct transitions (23503).
* the envelope of manifest entries: trg_ab_manifest_entry_enveloped checks that it exists
  (23503) and, what the key did not, that the statement wrote all of its entries, numbered 1
  to unit_count, created_count of them new content (IU010).

Change sets, envelopes and the log are append-only for every role, so a referenced row cannot
go away under the rows that name it. The triggers are created before the keys are dropped; the
downgrade restores the keys first.

Revision ID: 0026_set_based_reference_checks
Revises: 0025_set_based_enact_checks
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0026_set_based_reference_checks"
down_revision = "0025_set_based_enact_checks"
branch_labels = None
depends_on = None

LOG_SEALED = "functions/fn_iu_lifecycle_log_sealed.sql"


def upgrade() -> None:
    run_frozen_in_place(revision, LOG_SEALED)
    run_frozen(
        revision,
        "functions/fn_iu_change_set_known.sql",
        "triggers/iu_change_set_known.sql",
        "functions/cutter_governance/fn_gov_manifest_entries_check.sql",
        "triggers/cutter_governance/manifest_entry_enveloped.sql",
        "alter/set_based_reference_checks.sql",
    )


def downgrade() -> None:
    run_sql("""
ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_lifecycle_status_fk
FOREIGN KEY (lifecycle_status) REFERENCES public.iu_lifecycle_vocab (code),
ADD CONSTRAINT information_unit_created_change_set_fk
FOREIGN KEY (created_change_set_id) REFERENCES cutter_governance.cut_change_set (id);
ALTER TABLE public.unit_version
ADD CONSTRAINT unit_version_lifecycle_status_fk
FOREIGN KEY (lifecycle_status) REFERENCES public.iu_lifecycle_vocab (code),
ADD CONSTRAINT unit_version_change_set_fk
FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set (id);
ALTER TABLE public.iu_lifecycle_log
ADD CONSTRAINT iu_lifecycle_log_transition_fk FOREIGN KEY (from_status, to_status, transition_type)
REFERENCES public.iu_lifecycle_transition (from_status, to_status, transition_type);
ALTER TABLE cutter_governance.manifest_entry
ADD CONSTRAINT manifest_entry_envelope_id_fkey FOREIGN KEY (envelope_id)
REFERENCES cutter_governance.manifest_envelope (id);

COMMENT ON COLUMN public.information_unit.lifecycle_status IS
'draft, enacted or retired (iu_lifecycle_vocab); moved only by the lifecycle writers along '
'iu_lifecycle_transition.';
COMMENT ON COLUMN public.unit_version.lifecycle_status IS NULL;
COMMENT ON COLUMN public.information_unit.created_change_set_id IS
'The governed cut (cutter_governance.cut_change_set) that created this unit, if any.';
COMMENT ON COLUMN public.unit_version.change_set_id IS
'The governed cut that created this version, if any.';
COMMENT ON COLUMN cutter_governance.manifest_entry.envelope_id IS NULL;
COMMENT ON TRIGGER trg_iu_lifecycle_log_sealed ON public.iu_lifecycle_log IS
'The statement''s rows name existing seals and are all of each seal''s rows, numbered 1..entry_count.';

DROP TRIGGER trg_ab_manifest_entry_enveloped ON cutter_governance.manifest_entry;
DROP FUNCTION cutter_governance.fn_gov_manifest_entries_check();
DROP TRIGGER trg_iu_change_set_known ON public.information_unit;
DROP TRIGGER trg_iu_change_set_known_update ON public.information_unit;
DROP TRIGGER trg_uv_change_set_known ON public.unit_version;
DROP TRIGGER trg_uv_change_set_known_update ON public.unit_version;
DROP FUNCTION public.fn_iu_change_set_known();
""")
    run_frozen_in_place("0025_set_based_enact_checks", LOG_SEALED)
