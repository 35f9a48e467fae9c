-- Statement trigger on iu_lifecycle_log and iu_lifecycle_log_seal: INSERT only by a lifecycle
-- writer named in the trigger's arguments (its marker with an open ticket, as for the
-- gateway); UPDATE, DELETE and TRUNCATE never, for any role, the owner included (IU010).
CREATE FUNCTION public.fn_iu_lifecycle_log_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_allowed text[] := TG_ARGV::text[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
        RAISE EXCEPTION 'the lifecycle log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'IU010',
                  HINT = 'a transition is corrected by a new transition, never by changing the log';
    END IF;
    IF v_marker = ANY (v_allowed) AND public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    IF v_marker = ANY (v_allowed) THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;
    RAISE EXCEPTION 'lifecycle log refused INSERT on %', TG_TABLE_NAME
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('marker=%s; allowed writers: %s', coalesce(v_marker, '<none>'),
                  pg_catalog.array_to_string(v_allowed, ', ')),
              HINT = 'log rows are written only by the lifecycle writers, with the transition they describe';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_log_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_guard() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_log_guard() IS
'Lifecycle log guard: INSERT only by the writers named in TG_ARGV (with an open ticket); never UPDATE, DELETE or TRUNCATE (IU010).';
