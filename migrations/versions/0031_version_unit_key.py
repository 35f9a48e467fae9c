"""unit_version.iu_id is a declared foreign key again.

CONTRACT §3 fixes unit_version.iu_id as a foreign key; revision 0028 had replaced it with a
statement check. unit_version_iu_id_fkey is restored, and the parts of the tree checks that
stood for it go: the check of each new or re-keyed version's unit (trg_uv_tree_check), the
refusal to remove a unit that still has versions, and the TRUNCATE check of information_unit
(a table a foreign key references cannot be truncated alone). The parent and current-version
checks stay statement checks.

Revision ID: 0031_version_unit_key
Revises: 0030_manifest_one_pass
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0031_version_unit_key"
down_revision = "0030_manifest_one_pass"
branch_labels = None
depends_on = None

UNIT_CHECK = "functions/fn_iu_tree_check.sql"
VERSION_CHECK = "functions/fn_uv_tree_check.sql"


def upgrade() -> None:
    run_frozen_in_place(revision, UNIT_CHECK)
    run_frozen_in_place(revision, VERSION_CHECK)
    run_frozen(revision, "alter/version_unit_key.sql")


def downgrade() -> None:
    run_frozen_in_place("0028_set_based_tree_checks", UNIT_CHECK)
    run_frozen_in_place("0028_set_based_tree_checks", VERSION_CHECK)
    run_sql("""
CREATE TRIGGER trg_iu_tree_check_truncate
AFTER TRUNCATE ON public.information_unit
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_tree_check();
COMMENT ON TRIGGER trg_iu_tree_check_truncate ON public.information_unit IS
'information_unit is emptied only together with unit_version (23503).';
CREATE TRIGGER trg_uv_tree_check
AFTER INSERT ON public.unit_version
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_uv_tree_check();
COMMENT ON TRIGGER trg_uv_tree_check ON public.unit_version IS
'The statement''s new versions name existing units (23503).';
COMMENT ON TRIGGER trg_iu_tree_check_delete ON public.information_unit IS
'No remaining unit names a removed unit as its parent, no version names a removed unit (23503).';
COMMENT ON TRIGGER trg_uv_tree_check_update ON public.unit_version IS
'A re-keyed version names an existing unit, and no unit still names it as it was as current (23503).';
COMMENT ON COLUMN public.unit_version.iu_id IS
'The unit this version belongs to (trg_uv_tree_check, 23503 unit_version_iu_id_fkey).';
ALTER TABLE public.unit_version DROP CONSTRAINT unit_version_iu_id_fkey;
""")
