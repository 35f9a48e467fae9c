-- Lifecycle triggers of public.information_unit. Row triggers fire in name order after the statement
-- guard: the allowed-transition check first (IU003), then immutability (IU002). Each has a
-- WHEN clause, so a write that touches only drafts and keeps their status calls no function.
CREATE TRIGGER trg_iu_allowed_transition
BEFORE UPDATE ON public.information_unit
FOR EACH ROW
WHEN (old.lifecycle_status IS DISTINCT FROM new.lifecycle_status)
EXECUTE FUNCTION public.fn_iu_lifecycle_transition_check();

COMMENT ON TRIGGER trg_iu_allowed_transition ON public.information_unit IS
'A status change must be listed in iu_lifecycle_transition (IU003).';

CREATE TRIGGER trg_iu_born_draft
BEFORE INSERT ON public.information_unit
FOR EACH ROW
WHEN (new.lifecycle_status IS DISTINCT FROM 'draft')
EXECUTE FUNCTION public.fn_iu_lifecycle_transition_check();

COMMENT ON TRIGGER trg_iu_born_draft ON public.information_unit IS
'New rows are drafts (IU003).';

CREATE TRIGGER trg_iu_enacted_immut
BEFORE UPDATE OR DELETE ON public.information_unit
FOR EACH ROW
WHEN (old.lifecycle_status <> 'draft')
EXECUTE FUNCTION public.fn_iu_enacted_immut();

COMMENT ON TRIGGER trg_iu_enacted_immut ON public.information_unit IS
'Enacted rows are immutable; superseded and retired rows never change; none is deleted (IU002).';

CREATE TRIGGER trg_iu_enacted_truncate
BEFORE TRUNCATE ON public.information_unit
FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_enacted_truncate_guard();

COMMENT ON TRIGGER trg_iu_enacted_truncate ON public.information_unit IS
'No TRUNCATE while the table holds enacted, superseded or retired rows (IU002).';
