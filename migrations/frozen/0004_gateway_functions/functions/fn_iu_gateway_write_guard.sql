-- The gateway guard (Pack 22-P3-P2 plus the L3 detector), one check per statement on
-- information_unit and unit_version. A write passes when
--   * app.canonical_writer names an allowed canonical writer AND this backend's transaction
--     holds an open ticket for that writer (only the writer itself, running as iu_owner, can
--     open one), or
--   * the marker is migration:<ticket> and a valid exemption covers this table and operation
--     (the write is recorded in iu_gateway_event).
-- Anything else is refused with IU001 in enforced mode, or allowed with a WARNING and an
-- iu_gateway_event row in pilot mode. A marker without a ticket is a hand-set marker: it is
-- counted in iu_gateway_forged_marker_seq, which no rollback undoes.
CREATE FUNCTION public.fn_iu_gateway_write_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_mode text;
    v_allowed text;
    v_prefix text;
    v_exemption text;
    v_verdict text;
    v_reason text;
    v_hint text;
BEGIN
    SELECT
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.mode'),
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.allowed_marker_values'),
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.exemption_prefix')
    INTO v_mode, v_allowed, v_prefix
    FROM public.dot_config AS c
    WHERE c.key IN (
        'iu_create.gateway.mode',
        'iu_create.gateway.allowed_marker_values',
        'iu_create.gateway.exemption_prefix'
    );
    v_mode := coalesce(v_mode, 'enforced');

    IF v_marker IS NULL THEN
        v_verdict := 'no_marker';
        v_reason := 'no canonical writer marker is set';
        v_hint := 'write through the gateway functions (fn_iu_create_plan, then fn_iu_create)';
    ELSIF v_prefix IS NOT NULL AND pg_catalog.starts_with(v_marker, v_prefix) THEN
        v_exemption := pg_catalog.substr(v_marker, pg_catalog.length(v_prefix) + 1);
        IF EXISTS (
            SELECT 1
            FROM public.iu_gateway_exemption AS e
            WHERE e.ticket = v_exemption
              AND e.revoked_at IS NULL
              AND e.expires_at > pg_catalog.clock_timestamp()
              AND TG_TABLE_NAME = ANY (e.tables)
              AND TG_OP = ANY (e.operations)
        ) THEN
            v_verdict := 'exempted';
        ELSE
            v_verdict := 'invalid_exemption';
            v_reason := pg_catalog.format(
                'exemption %L is not registered, revoked, expired, or does not cover %s on %s',
                v_exemption, TG_OP, TG_TABLE_NAME
            );
            v_hint := 'a DBA registers a narrow exemption with fn_iu_gateway_exemption_grant (ticket, reason, expiry)';
        END IF;
    ELSIF NOT v_marker = ANY (pg_catalog.string_to_array(coalesce(v_allowed, ''), ',')) THEN
        v_verdict := 'unknown_marker';
        v_reason := pg_catalog.format('marker %L is not an allowed canonical writer', v_marker);
        v_hint := 'see dot_config iu_create.gateway.allowed_marker_values';
    ELSIF public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    ELSE
        v_verdict := 'forged_marker';
        v_reason := pg_catalog.format(
            'marker %L was set outside its canonical function (no open gateway ticket)', v_marker
        );
        v_hint := 'the marker is a speed bump, not an authorisation: call the canonical function itself';
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;

    IF v_verdict = 'exempted' OR v_mode = 'pilot' THEN
        IF v_verdict <> 'exempted' THEN
            RAISE WARNING 'iu gateway (pilot mode) allowed % on %: %', TG_OP, TG_TABLE_NAME, v_reason
                USING HINT = 'in enforced mode this write is refused with IU001; ' || v_hint;
            v_verdict := 'pilot_' || v_verdict;
        END IF;
        INSERT INTO public.iu_gateway_event (
            verdict, table_name, operation, marker, exemption_ticket, set_role,
            application_name, client_addr, backend_pid, xact_id, statement
        )
        VALUES (
            v_verdict, TG_TABLE_NAME, TG_OP, v_marker,
            CASE WHEN v_verdict = 'exempted' THEN v_exemption END,
            pg_catalog.current_setting('role'),
            pg_catalog.current_setting('application_name'),
            pg_catalog.inet_client_addr(), pg_catalog.pg_backend_pid(),
            pg_catalog.pg_current_xact_id(),
            pg_catalog.left(pg_catalog.current_query(), 4000)
        );
        RETURN NULL;
    END IF;

    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    RAISE LOG 'iu gateway refused % on % (verdict %, marker %, session user %, role %, application %)',
        TG_OP, TG_TABLE_NAME, v_verdict, coalesce(v_marker, '<none>'), session_user,
        pg_catalog.current_setting('role'), pg_catalog.current_setting('application_name');
    RAISE EXCEPTION 'iu gateway refused % on %: %', TG_OP, TG_TABLE_NAME, v_reason
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('verdict=%s marker=%s', v_verdict, coalesce(v_marker, '<none>')),
              HINT = v_hint;
END
$fn$;

ALTER FUNCTION public.fn_iu_gateway_write_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_write_guard() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_gateway_write_guard() IS
'Statement-level gateway guard on information_unit and unit_version: canonical writer with an open ticket, or a valid migration exemption; otherwise IU001 (enforced) or WARNING + iu_gateway_event (pilot).';
