"""Enactment proves a draft's parent in the pass that reads its unit; a manifest's first
mismatch comes from the pass that finds it; a unit's parent address is cut without a regex.

fn_iu_enact_batch read each draft's unit and current version in one pass, then joined the
drafts with their parents again to refuse a unit enacted before its parent (IU003), then ran
the invariant probe, which joined each unit with its parent twice more for parent_consistent
and parent_precedes_child. The units pass now joins the parent as well: it finds a draft whose
parent is neither enacted nor in the batch, and proves those two invariants in the probe's
words (the first violation by address, then by invariant, as the probe orders them), so the
gate leaves them out. What the gate has left to probe is then what constraints in place hold,
and it reads no unit. On a 100,000-unit enactment (alternating on cloned databases) the call
took 9.2-9.5 s against 9.9-10.2 s.

fn_gov_record_manifest found the first manifest entry that disagrees with its unit and then
joined the units again to say what it holds; the pass now carries the first mismatch's
ordinal, address and both hashes (aggregates filtered to mismatches, which read no row when
there is none). Same refusal, word for word.

fn_iu_preflight and fn_iu_create computed each unit's parent address with
regexp_replace(addr, '/[^/]+$', ''); they now cut the address at its last '/' with
left/strpos/reverse, the same text for every address (an address ending in '/' is left as it
is, as the regex left it): 0.05 s per 100,000 addresses against 0.19-0.26 s.

Revision ID: 0034_enact_proves_parents
Revises: 0033_unbounded_format_checks
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0034_enact_proves_parents"
down_revision = "0033_unbounded_format_checks"
branch_labels = None
depends_on = None

# Replaced in place, each file holding one function; and the revision each came from.
IN_PLACE = {
    "functions/fn_iu_enact_batch.sql": "0032_enact_settles_in_hand",
    "functions/cutter_governance/fn_gov_record_manifest.sql": "0030_manifest_one_pass",
    "functions/fn_iu_preflight.sql": "0017_early_size_refusal",
}
# fn_iu_create's file holds the set-based and the scalar form: dropped and created again.
CREATE = "functions/fn_iu_create.sql"
DROP_CREATE = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
"""


def upgrade() -> None:
    for relative in IN_PLACE:
        run_frozen_in_place(revision, relative)
    run_sql(DROP_CREATE)
    run_frozen(revision, CREATE)


def downgrade() -> None:
    for relative, previous in IN_PLACE.items():
        run_frozen_in_place(previous, relative)
    run_sql(DROP_CREATE)
    run_frozen("0029_create_answer_from_insert", CREATE)
