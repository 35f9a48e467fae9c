-- Guards of the lifecycle log and its seals: INSERT only by the lifecycle writers, nothing
-- else ever.
CREATE TRIGGER trg_aa_iu_lifecycle_log_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.iu_lifecycle_log
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_lifecycle_log_guard('fn_iu_enact', 'fn_iu_supersede', 'fn_iu_retire');

COMMENT ON TRIGGER trg_aa_iu_lifecycle_log_guard ON public.iu_lifecycle_log IS
'Append-only: INSERT only by fn_iu_enact, fn_iu_supersede and fn_iu_retire; never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_aa_iu_lifecycle_log_seal_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.iu_lifecycle_log_seal
FOR EACH STATEMENT
EXECUTE FUNCTION public.fn_iu_lifecycle_log_guard('fn_iu_enact', 'fn_iu_supersede', 'fn_iu_retire');

COMMENT ON TRIGGER trg_aa_iu_lifecycle_log_seal_guard ON public.iu_lifecycle_log_seal IS
'Append-only: INSERT only by fn_iu_enact, fn_iu_supersede and fn_iu_retire; never UPDATE, DELETE or TRUNCATE.';
