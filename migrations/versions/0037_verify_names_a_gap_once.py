"""VERIFY names a missing document root once.

fn_gov_verify_change_set's units_present check lists the manifest's addresses that hold no
unit; its parents_and_order check runs the invariant probe over the document from its root,
and the probe reports a missing root as unit_exists, so a change set whose root had gone
failed two checks for one gap. The probe now leaves unit_exists out there: units_present
names the missing unit, parents_and_order what its absence breaks (its children's parent).

Revision ID: 0037_verify_names_a_gap_once
Revises: 0036_small_order_keys
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen_in_place

revision = "0037_verify_names_a_gap_once"
down_revision = "0036_small_order_keys"
branch_labels = None
depends_on = None

VERIFY = "functions/cutter_governance/fn_gov_verify_change_set.sql"


def upgrade() -> None:
    run_frozen_in_place(revision, VERIFY)


def downgrade() -> None:
    run_frozen_in_place("0015_batch_plans", VERIFY)
