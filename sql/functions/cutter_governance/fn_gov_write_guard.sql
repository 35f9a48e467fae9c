-- Statement-level guard on every governance table. Records are append-only: INSERT only by the
-- recording function named in the trigger's arguments (marker plus open ticket, as for the IU
-- gateway); UPDATE only of a change set's status by fn_gov_set_status; DELETE and TRUNCATE
-- never, for any role, the owner included.
CREATE FUNCTION cutter_governance.fn_gov_write_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_allowed text[] := TG_ARGV::text[];
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') OR (TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'cut_change_set') THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
        RAISE EXCEPTION 'governance records are append-only: % on cutter_governance.% refused',
            TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'IU010',
                  HINT = 'a record is corrected by a new record, never by changing an old one';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        v_allowed := ARRAY['fn_gov_set_status'];
    END IF;
    IF v_marker IS NOT NULL AND v_marker = ANY (v_allowed) AND public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    IF v_marker IS NOT NULL AND v_marker = ANY (v_allowed) THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'governance records are append-only: only fn_gov_set_status moves a change set''s status'
            USING ERRCODE = 'IU010',
                  HINT = 'a change set''s status follows its verify, enactment or rollback';
    END IF;
    RAISE EXCEPTION 'governance gateway refused % on cutter_governance.%', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('marker=%s; allowed writers: %s', coalesce(v_marker, '<none>'),
                  pg_catalog.array_to_string(v_allowed, ', ')),
              HINT = 'governance records are written only by the fn_gov_* recording functions';
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_write_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_write_guard() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_write_guard() IS
'Governance guard: INSERT only by the recording function named in TG_ARGV (with an open ticket), UPDATE only of a change set status, never DELETE or TRUNCATE (IU010).';
