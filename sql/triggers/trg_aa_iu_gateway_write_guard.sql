-- The gateway guard on information_unit: before every INSERT, UPDATE, DELETE and TRUNCATE
-- statement. Named trg_aa_ so it fires before any other trigger on the table.
CREATE TRIGGER trg_aa_iu_gateway_write_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.information_unit
FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_gateway_write_guard();

COMMENT ON TRIGGER trg_aa_iu_gateway_write_guard ON public.information_unit IS
'Gateway guard: only canonical writers (with an open ticket) or a valid migration exemption may write.';
