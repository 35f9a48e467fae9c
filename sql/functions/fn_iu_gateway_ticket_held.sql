-- The detector's test, shared by every guard: does this backend's current transaction hold an
-- open ticket for exactly this canonical writer? Only iu_owner can open one.
CREATE FUNCTION public.fn_iu_gateway_ticket_held(p_marker text)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT EXISTS (
        SELECT 1
        FROM public.iu_gateway_ticket AS t
        WHERE t.backend_pid = pg_catalog.pg_backend_pid()
          AND t.xact_id = pg_catalog.pg_current_xact_id()
          AND t.marker = p_marker
    )
$fn$;

ALTER FUNCTION public.fn_iu_gateway_ticket_held(text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_ticket_held(text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_ticket_held(text) IS
'Internal: true when this backend''s current transaction holds an open gateway ticket for the marker.';
