"""Enactment settles its change set without reading the manifest again when it has just proven
what that reading would find.

fn_iu_change_set_settle moves a verified change set to enacted once every unit of its manifest
is enacted with the manifest's content; it finds that out by joining the manifest's entries
with the units and their current versions. When fn_iu_enact_batch's batch is the whole
manifest and every unit in it was a draft, the batch itself has just proven it: the batch check
refuses a repeated address, the coverage check found each address in the manifest with its
stored content, the manifest lists an address once and holds as many entries as the batch has
units, and the guarded UPDATE moved every one of them to enacted only with that content. The
settle function takes that as a second argument, p_manifest_enacted (default false: read the
manifest, as before); fn_iu_enact_batch passes it. At 100,000 units that reading was 0.39 s
of the enactment in the flow benchmark's database.

Revision ID: 0032_enact_settles_in_hand
Revises: 0031_version_unit_key
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0032_enact_settles_in_hand"
down_revision = "0031_version_unit_key"
branch_labels = None
depends_on = None

SETTLE = "functions/fn_iu_change_set_settle.sql"
ENACT_BATCH = "functions/fn_iu_enact_batch.sql"


def upgrade() -> None:
    run_sql("DROP FUNCTION public.fn_iu_change_set_settle(uuid);")
    run_frozen(revision, SETTLE)
    run_frozen_in_place(revision, ENACT_BATCH)


def downgrade() -> None:
    run_frozen_in_place("0027_certified_invariants", ENACT_BATCH)
    run_sql("DROP FUNCTION public.fn_iu_change_set_settle(uuid, boolean);")
    run_frozen("0015_batch_plans", SETTLE)
