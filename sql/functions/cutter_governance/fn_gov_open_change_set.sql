-- Opens a change set: the first record of a governed cut, written in the cut's transaction.
-- The deferred completeness check refuses the COMMIT unless the manifest envelope and the
-- executor signature follow in the same transaction.
CREATE FUNCTION cutter_governance.fn_gov_open_change_set(
    p_doc_code text,
    p_source_sha256 text,
    p_manifest_sha256 text,
    p_unit_count integer,
    p_actor text,
    p_profile text DEFAULT NULL,
    p_granularity text DEFAULT NULL,
    p_publication_type text DEFAULT NULL,
    p_backup_sha256 text DEFAULT NULL
)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_id uuid;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    PERFORM cutter_governance.fn_gov_check_unit_count(p_unit_count);
    v_ticket := public.fn_iu_gateway_open('fn_gov_open_change_set');
    INSERT INTO cutter_governance.cut_change_set (
        doc_code, source_sha256, manifest_sha256, unit_count, profile, granularity,
        publication_type, backup_sha256, actor, application_name
    )
    VALUES (
        p_doc_code, p_source_sha256, p_manifest_sha256, p_unit_count, p_profile, p_granularity,
        p_publication_type, p_backup_sha256, p_actor, pg_catalog.current_setting('application_name')
    )
    RETURNING id INTO v_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
EXCEPTION
    WHEN check_violation THEN
        RAISE EXCEPTION 'change set refused: %', SQLERRM
            USING ERRCODE = 'IU005', HINT = 'document code and digests: DOC-CODE, 64 lower-case hex digits';
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text)
OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_open_change_set(
    text, text, text, integer, text, text, text, text, text
)
TO cutter_exec;
COMMENT ON FUNCTION cutter_governance.fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text) IS
'Executor lane: opens the change set of a cut. Its manifest and executor signature must follow in the same transaction.';
