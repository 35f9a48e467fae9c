-- A version's unit is a declared foreign key again (CONTRACT §3: unit_version.iu_id is a
-- foreign key). It checks every new version's unit, refuses to remove a unit that still has
-- versions, and keeps information_unit from being emptied alone; the statement checks that
-- stood for it since revision 0028 are dropped here (their functions are replaced first).
ALTER TABLE public.unit_version
ADD CONSTRAINT unit_version_iu_id_fkey FOREIGN KEY (iu_id) REFERENCES public.information_unit (id);

DROP TRIGGER trg_uv_tree_check ON public.unit_version;
DROP TRIGGER trg_iu_tree_check_truncate ON public.information_unit;

COMMENT ON COLUMN public.unit_version.iu_id IS NULL;
COMMENT ON TRIGGER trg_iu_tree_check_delete ON public.information_unit IS
'No remaining unit names a removed unit as its parent (23503).';
COMMENT ON TRIGGER trg_uv_tree_check_update ON public.unit_version IS
'No unit still names a re-keyed version, as it was, as its current version (23503).';
