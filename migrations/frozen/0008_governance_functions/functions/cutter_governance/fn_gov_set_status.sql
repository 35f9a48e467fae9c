-- Internal: the one writer of a change set's status.
CREATE FUNCTION cutter_governance.fn_gov_set_status(p_change_set_id uuid, p_status text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ticket bigint := public.fn_iu_gateway_open('fn_gov_set_status');
BEGIN
    UPDATE cutter_governance.cut_change_set AS c
    SET status = p_status, status_changed_at = pg_catalog.now()
    WHERE c.id = p_change_set_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_set_status(uuid, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_set_status(uuid, text) FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_set_status(uuid, text) IS
'Internal: moves a change set''s status (the status guard decides whether the transition is allowed).';
