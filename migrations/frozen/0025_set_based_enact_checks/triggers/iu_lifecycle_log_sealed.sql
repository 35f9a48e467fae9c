-- Every statement that adds lifecycle log rows is checked against their seals, set-based
-- (fn_iu_lifecycle_log_sealed). It runs after the statement, so it sees the seal that the same
-- statement writes after its rows.
CREATE TRIGGER trg_iu_lifecycle_log_sealed
AFTER INSERT ON public.iu_lifecycle_log
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_lifecycle_log_sealed();

COMMENT ON TRIGGER trg_iu_lifecycle_log_sealed ON public.iu_lifecycle_log IS
'The statement''s rows name existing seals and are all of each seal''s rows, numbered 1..entry_count.';
