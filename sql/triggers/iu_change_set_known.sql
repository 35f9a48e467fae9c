-- The change set that units and versions name exists (fn_iu_change_set_known): once per INSERT
-- statement over its new rows, and for an UPDATE only on a row whose change set changed.
CREATE TRIGGER trg_iu_change_set_known
AFTER INSERT ON public.information_unit
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_change_set_known('created_change_set_id');

COMMENT ON TRIGGER trg_iu_change_set_known ON public.information_unit IS
'The change set the statement''s new units name exists (23503).';

CREATE TRIGGER trg_iu_change_set_known_update
AFTER UPDATE OF created_change_set_id ON public.information_unit
FOR EACH ROW
WHEN (old.created_change_set_id IS DISTINCT FROM new.created_change_set_id)
EXECUTE FUNCTION public.fn_iu_change_set_known('created_change_set_id');

COMMENT ON TRIGGER trg_iu_change_set_known_update ON public.information_unit IS
'A unit''s changed created_change_set_id names an existing change set (23503).';

CREATE TRIGGER trg_uv_change_set_known
AFTER INSERT ON public.unit_version
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_change_set_known('change_set_id');

COMMENT ON TRIGGER trg_uv_change_set_known ON public.unit_version IS
'The change set the statement''s new versions name exists (23503).';

CREATE TRIGGER trg_uv_change_set_known_update
AFTER UPDATE OF change_set_id ON public.unit_version
FOR EACH ROW
WHEN (old.change_set_id IS DISTINCT FROM new.change_set_id)
EXECUTE FUNCTION public.fn_iu_change_set_known('change_set_id');

COMMENT ON TRIGGER trg_uv_change_set_known_update ON public.unit_version IS
'A version''s changed change_set_id names an existing change set (23503).';
