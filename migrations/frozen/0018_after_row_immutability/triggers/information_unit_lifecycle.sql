-- Lifecycle triggers of public.information_unit. The row triggers have a WHEN clause, so a write that
-- touches only drafts calls no function; the allowed-transition check runs once per statement
-- over its transition tables. Immutability (IU002) checks a disallowed status change of a
-- row it meets first with the same rule (IU003).
CREATE TRIGGER trg_iu_allowed_transition
AFTER UPDATE ON public.information_unit
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_lifecycle_transition_check();

COMMENT ON TRIGGER trg_iu_allowed_transition ON public.information_unit IS
'Every status change of the statement must be listed in iu_lifecycle_transition (IU003).';

CREATE TRIGGER trg_iu_born_draft
BEFORE INSERT ON public.information_unit
FOR EACH ROW
WHEN (new.lifecycle_status IS DISTINCT FROM 'draft')
EXECUTE FUNCTION public.fn_iu_lifecycle_born_draft();

COMMENT ON TRIGGER trg_iu_born_draft ON public.information_unit IS
'New rows are drafts (IU003).';

-- AFTER, not BEFORE: the check only reads OLD and NEW and raises, and a BEFORE ROW UPDATE
-- trigger (even one whose WHEN excludes the row) makes PostgreSQL recompute every stored
-- generated column of every updated row, hashes and address parts, on every enactment. (A
-- status change that also breaks the stamps' CHECK is refused by the CHECK first, 23514.)
CREATE TRIGGER trg_iu_enacted_immut
AFTER UPDATE OR DELETE ON public.information_unit
FOR EACH ROW
WHEN (old.lifecycle_status <> 'draft')
EXECUTE FUNCTION public.fn_iu_enacted_immut();

COMMENT ON TRIGGER trg_iu_enacted_immut ON public.information_unit IS
'Enacted rows are immutable; superseded and retired rows never change; none is deleted (IU002).';

-- The same check BEFORE a DELETE (which recomputes nothing): the refusal is IU002 before the
-- foreign keys of the rows that reference this one are checked.
CREATE TRIGGER trg_iu_enacted_undeletable
BEFORE DELETE ON public.information_unit
FOR EACH ROW
WHEN (old.lifecycle_status <> 'draft')
EXECUTE FUNCTION public.fn_iu_enacted_immut();

COMMENT ON TRIGGER trg_iu_enacted_undeletable ON public.information_unit IS
'Enacted, superseded and retired rows are never deleted (IU002), refused before any foreign key is checked.';

CREATE TRIGGER trg_iu_enacted_truncate
BEFORE TRUNCATE ON public.information_unit
FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_enacted_truncate_guard();

COMMENT ON TRIGGER trg_iu_enacted_truncate ON public.information_unit IS
'No TRUNCATE while the table holds enacted, superseded or retired rows (IU002).';
