-- Opens a canonical-writer ticket and sets the marker. Only iu_owner can execute it, and only
-- iu_owner can write iu_gateway_ticket: this is what a hand-set marker cannot reproduce.
CREATE FUNCTION public.fn_iu_gateway_open(p_marker text)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ticket bigint;
BEGIN
    INSERT INTO public.iu_gateway_ticket (backend_pid, xact_id, marker, previous_marker)
    VALUES (
        pg_catalog.pg_backend_pid(),
        pg_catalog.pg_current_xact_id(),
        p_marker,
        nullif(pg_catalog.current_setting('app.canonical_writer', true), '')
    )
    RETURNING id INTO v_ticket;
    PERFORM pg_catalog.set_config('app.canonical_writer', p_marker, true);
    RETURN v_ticket;
END
$fn$;

ALTER FUNCTION public.fn_iu_gateway_open(text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_open(text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_open(text) IS
'Internal: opens a gateway ticket for a canonical writer and sets app.canonical_writer. Executable by iu_owner only.';
