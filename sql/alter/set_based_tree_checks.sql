-- The tree's three declared foreign keys, each checked with a query per row, give way to the
-- statement-level checks of fn_iu_tree_check and fn_uv_tree_check (created before this file
-- runs), which refuse what they refused with 23503 and the same constraint names, and lock a
-- referenced row written by another transaction as they did. The unique keys (id,
-- canonical_address) and (id, iu_id) they referenced stay.
ALTER TABLE public.information_unit
DROP CONSTRAINT information_unit_parent_fk,
DROP CONSTRAINT information_unit_current_version_fk;

ALTER TABLE public.unit_version
DROP CONSTRAINT unit_version_iu_id_fkey;

COMMENT ON COLUMN public.information_unit.parent_id IS
'The unit whose address is this address minus its last segment; trg_iu_tree_check keeps id and address in step (23503 information_unit_parent_fk).';
COMMENT ON COLUMN public.information_unit.current_version_id IS
'The version that carries this unit''s content now; always one of its own versions (trg_iu_tree_check, 23503 information_unit_current_version_fk).';
COMMENT ON COLUMN public.unit_version.iu_id IS
'The unit this version belongs to (trg_uv_tree_check, 23503 unit_version_iu_id_fkey).';
