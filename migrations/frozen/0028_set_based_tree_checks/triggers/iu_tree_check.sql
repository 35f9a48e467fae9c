-- The tree's references (fn_iu_tree_check, fn_uv_tree_check): once per INSERT or DELETE
-- statement over its rows, per row for an UPDATE that changes a key or a reference, and after
-- TRUNCATE. They stand for the foreign keys information_unit_parent_fk,
-- information_unit_current_version_fk and unit_version_iu_id_fkey (revision 0028).
CREATE TRIGGER trg_iu_tree_check
AFTER INSERT ON public.information_unit
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_tree_check();

COMMENT ON TRIGGER trg_iu_tree_check ON public.information_unit IS
'The statement''s new units name an existing parent (with its address) and their own current version (23503).';

CREATE TRIGGER trg_iu_tree_check_update
AFTER UPDATE OF id, canonical_address, parent_id, current_version_id ON public.information_unit
FOR EACH ROW
WHEN (
    old.id IS DISTINCT FROM new.id
    OR old.canonical_address IS DISTINCT FROM new.canonical_address
    OR old.parent_id IS DISTINCT FROM new.parent_id
    OR old.current_version_id IS DISTINCT FROM new.current_version_id
)
EXECUTE FUNCTION public.fn_iu_tree_check();

COMMENT ON TRIGGER trg_iu_tree_check_update ON public.information_unit IS
'A unit whose key or references change still names an existing parent and its own current version, and leaves nothing naming its old key (23503).';

CREATE TRIGGER trg_iu_tree_check_delete
AFTER DELETE ON public.information_unit
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_tree_check();

COMMENT ON TRIGGER trg_iu_tree_check_delete ON public.information_unit IS
'No remaining unit names a removed unit as its parent, no version names a removed unit (23503).';

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

CREATE TRIGGER trg_uv_tree_check_update
AFTER UPDATE OF id, iu_id ON public.unit_version
FOR EACH ROW
WHEN (old.id IS DISTINCT FROM new.id OR old.iu_id IS DISTINCT FROM new.iu_id)
EXECUTE FUNCTION public.fn_uv_tree_check();

COMMENT ON TRIGGER trg_uv_tree_check_update ON public.unit_version IS
'A re-keyed version names an existing unit, and no unit still names it as it was as current (23503).';

CREATE TRIGGER trg_uv_tree_check_delete
AFTER DELETE ON public.unit_version
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_uv_tree_check();

COMMENT ON TRIGGER trg_uv_tree_check_delete ON public.unit_version IS
'No remaining unit names a removed version as its current version (23503).';

CREATE TRIGGER trg_uv_tree_check_truncate
AFTER TRUNCATE ON public.unit_version
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_uv_tree_check();

COMMENT ON TRIGGER trg_uv_tree_check_truncate ON public.unit_version IS
'unit_version is emptied only together with information_unit (23503).';
