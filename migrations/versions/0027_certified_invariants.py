"""The invariant gate leaves out what the database holds for every row by itself.

The lifecycle writers run the invariant probe over the units they move before they write
(seed 004). Of its checks, four are held for every row by objects that cannot be switched off,
only dropped, replaced or added unvalidated: the address grammar and the root/parent pair
(CHECK constraints of information_unit), a valid body (two CHECKs of unit_version) and one
open version per unit (two unique partial indexes). A fifth, content_hash_matches, is held by
the generated column unit_version.content_hash so long as fn_iu_content_hash is the definition
every stored hash was computed with: its digest is certified here, and a revision that changes
the hash must re-hash every version and certify the new digest.

fn_iu_invariants_held reads the catalog and says, per invariant, whether its holders are in
place exactly as defined (validated, valid, same definition). fn_iu_invariant_gate leaves out
the invariants held and probes the rest; the moment a holder is dropped or altered, its
invariant is probed again. The probe itself (verify, survey) still checks everything.

Enactment and supersede no longer hash every body again in their UPDATE: with the hash
function certified, the stored hash the UPDATE compares with the approved one is the body's
hash; with it redefined, the gate probes content_hash_matches and refuses (IU005), as before.
At 100,000 units that re-hash was about a second of the enactment.

Revision ID: 0027_certified_invariants
Revises: 0026_set_based_reference_checks
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0027_certified_invariants"
down_revision = "0026_set_based_reference_checks"
branch_labels = None
depends_on = None

GATE = "functions/fn_iu_invariant_gate.sql"
PROBE = "functions/fn_iu_verify_invariants.sql"
ENACT_BATCH = "functions/fn_iu_enact_batch.sql"
SUPERSEDE_BATCH = "functions/fn_iu_supersede_batch.sql"


def upgrade() -> None:
    run_frozen(revision, "functions/fn_iu_invariants_held.sql")
    for relative in (GATE, PROBE, ENACT_BATCH, SUPERSEDE_BATCH):
        run_frozen_in_place(revision, relative)


def downgrade() -> None:
    run_frozen_in_place("0018_after_row_immutability", SUPERSEDE_BATCH)
    run_frozen_in_place("0025_set_based_enact_checks", ENACT_BATCH)
    run_frozen_in_place("0015_batch_plans", PROBE)
    run_frozen_in_place("0012_lifecycle_speed", GATE)
    run_sql("DROP FUNCTION public.fn_iu_invariants_held();")
