"""fn_gov_record_manifest reads the units once.

Recording a manifest joined every listed address with its unit, its current version and any
pending revision three times: to find the first mismatch, to count what the cut created, and
again to write each entry with its action. At 100,000 units each pass is a hashed join over
both tables. One pass now finds the mismatch, counts the new content and collects each entry's
action in order; the entries are written from the arrays without joining the units again.
Nothing it refuses or records changes.

Revision ID: 0030_manifest_one_pass
Revises: 0029_create_answer_from_insert
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen_in_place

revision = "0030_manifest_one_pass"
down_revision = "0029_create_answer_from_insert"
branch_labels = None
depends_on = None

RECORD_MANIFEST = "functions/cutter_governance/fn_gov_record_manifest.sql"


def upgrade() -> None:
    run_frozen_in_place(revision, RECORD_MANIFEST)


def downgrade() -> None:
    run_frozen_in_place("0019_generic_array_plans", RECORD_MANIFEST)
