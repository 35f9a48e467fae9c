"""The tree's foreign keys checked once per statement.

information_unit_parent_fk, information_unit_current_version_fk and unit_version_iu_id_fkey
each ran a query per row: a cut of 100,000 units ran 300,000 of them, each locking the row it
found, although every row a cut references is one the same transaction has just written. They
give way to statement-level checks (fn_iu_tree_check on information_unit, fn_uv_tree_check on
unit_version) that refuse what the keys refused, with 23503 and the keys' names:

* after INSERT, once per statement: each new unit's parent exists with its address and its
  current version exists and is its own; each new version's unit exists;
* after UPDATE, per row and only when a key or a reference changes (an enactment changes none;
  a supersede moves current_version_id): the same for what changed, and nothing still names
  the key the row had;
* after DELETE, once per statement: nothing remaining names a removed unit or version;
* after TRUNCATE: the two tables are emptied together or not at all.

As the keys did, a referenced row written by another transaction is locked FOR KEY SHARE until
the writer ends; a row the writer wrote itself needs no lock, nobody else sees it. A removal is
checked against the rows committed when the check runs, which READ COMMITTED gives; a removal
at REPEATABLE READ or SERIALIZABLE is refused (0A000). The triggers are created before the keys
are dropped; the downgrade restores the keys first.

Revision ID: 0028_set_based_tree_checks
Revises: 0027_certified_invariants
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0028_set_based_tree_checks"
down_revision = "0027_certified_invariants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(
        revision,
        "functions/fn_iu_tree_check.sql",
        "functions/fn_uv_tree_check.sql",
        "triggers/iu_tree_check.sql",
        "alter/set_based_tree_checks.sql",
    )


def downgrade() -> None:
    run_sql("""
ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_parent_fk FOREIGN KEY (parent_id, parent_address)
REFERENCES public.information_unit (id, canonical_address);
ALTER TABLE public.unit_version
ADD CONSTRAINT unit_version_iu_id_fkey FOREIGN KEY (iu_id) REFERENCES public.information_unit (id);
ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_current_version_fk FOREIGN KEY (current_version_id, id)
REFERENCES public.unit_version (id, iu_id);

COMMENT ON COLUMN public.information_unit.parent_id IS
'The unit whose address is this address minus its last segment; '
'the composite foreign key keeps id and address in step.';
COMMENT ON COLUMN public.information_unit.current_version_id IS
'The version that carries this unit''s content now; always one of its own versions.';
COMMENT ON COLUMN public.unit_version.iu_id IS NULL;

DROP TRIGGER trg_iu_tree_check ON public.information_unit;
DROP TRIGGER trg_iu_tree_check_update ON public.information_unit;
DROP TRIGGER trg_iu_tree_check_delete ON public.information_unit;
DROP TRIGGER trg_iu_tree_check_truncate ON public.information_unit;
DROP TRIGGER trg_uv_tree_check ON public.unit_version;
DROP TRIGGER trg_uv_tree_check_update ON public.unit_version;
DROP TRIGGER trg_uv_tree_check_delete ON public.unit_version;
DROP TRIGGER trg_uv_tree_check_truncate ON public.unit_version;
DROP FUNCTION public.fn_iu_tree_check();
DROP FUNCTION public.fn_uv_tree_check();
""")
