-- Closes a ticket and restores the marker that was there before it was opened, so the
-- transaction-local marker never outlives the canonical writer that set it.
CREATE FUNCTION public.fn_iu_gateway_close(p_ticket bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_previous text;
BEGIN
    DELETE FROM public.iu_gateway_ticket AS t
    WHERE t.id = p_ticket AND t.backend_pid = pg_catalog.pg_backend_pid()
    RETURNING t.previous_marker INTO v_previous;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'gateway ticket % is not open in this session', p_ticket
            USING ERRCODE = 'IU001';
    END IF;
    PERFORM pg_catalog.set_config('app.canonical_writer', coalesce(v_previous, ''), true);
END
$fn$;

ALTER FUNCTION public.fn_iu_gateway_close(bigint) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_close(bigint) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_close(bigint) IS
'Internal: closes a gateway ticket and restores the previous app.canonical_writer value. Executable by iu_owner only.';
