-- Registers a migration exemption (seed 004 §2.3): narrow (tables, operations), with a reason
-- and an expiry no longer than policy allows. Executable by the DB team (iu_owner) only.
CREATE FUNCTION public.fn_iu_gateway_exemption_grant(
    p_ticket text,
    p_reason text,
    p_valid_for interval,
    p_actor text,
    p_tables text[] DEFAULT ARRAY['information_unit', 'unit_version'],
    p_operations text[] DEFAULT ARRAY['INSERT', 'UPDATE']
)
RETURNS timestamptz
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_max_days integer := public.fn_iu_policy('iu_create.gateway.exemption_max_days')::integer;
    v_expires timestamptz;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_valid_for IS NULL OR p_valid_for <= interval '0' OR p_valid_for > pg_catalog.make_interval(days => v_max_days) THEN
        RAISE EXCEPTION 'exemption % must be valid for more than 0 and at most % days', p_ticket, v_max_days
            USING ERRCODE = 'IU005', HINT = 'see dot_config iu_create.gateway.exemption_max_days';
    END IF;
    IF p_reason IS NULL OR pg_catalog.char_length(pg_catalog.btrim(p_reason)) < 10 THEN
        RAISE EXCEPTION 'exemption % needs a reason of at least 10 characters', p_ticket USING ERRCODE = 'IU005';
    END IF;
    v_expires := pg_catalog.now() + p_valid_for;
    INSERT INTO public.iu_gateway_exemption (ticket, reason, tables, operations, expires_at, granted_by)
    VALUES (p_ticket, p_reason, p_tables, p_operations, v_expires, p_actor);
    RETURN v_expires;
EXCEPTION
    WHEN unique_violation THEN
        RAISE EXCEPTION 'exemption % is already registered', p_ticket
            USING ERRCODE = 'IU006', HINT = 'an exemption is never extended: register a new ticket';
    WHEN check_violation THEN
        RAISE EXCEPTION 'exemption % is not narrow enough or malformed: %', p_ticket, SQLERRM
            USING ERRCODE = 'IU005';
END
$fn$;

ALTER FUNCTION public.fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[])
OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[])
FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[]) IS
'Registers a narrow migration exemption (ticket, reason, tables, operations, expiry within policy). DB team only: no role is granted EXECUTE.';

CREATE FUNCTION public.fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    UPDATE public.iu_gateway_exemption AS e
    SET revoked_at = pg_catalog.now(), revoked_by = p_actor
    WHERE e.ticket = p_ticket AND e.revoked_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'exemption % is not registered or already revoked', p_ticket USING ERRCODE = 'IU007';
    END IF;
END
$fn$;

ALTER FUNCTION public.fn_iu_gateway_exemption_revoke(text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_exemption_revoke(text, text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_exemption_revoke(text, text) IS
'Revokes a migration exemption before its expiry. DB team only: no role is granted EXECUTE.';
