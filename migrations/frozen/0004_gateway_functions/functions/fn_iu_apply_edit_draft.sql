-- Edits a draft unit in place (Pack 22's second canonical writer). Every check is about this
-- one unit: other units may be enacted, superseded or retired (seed 004 §8, open couplings).
CREATE FUNCTION public.fn_iu_apply_edit_draft(
    p_canonical_address text,
    p_body text,
    p_actor text,
    p_title text DEFAULT NULL,
    p_expected_content_hash text DEFAULT NULL
)
RETURNS TABLE (iu_id uuid, version_id uuid, content_hash text, action text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_unit record;
    v_body text;
    v_hash text;
    v_max_body integer := public.fn_iu_policy('iu_create.gateway.max_body_bytes')::integer;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_body IS NULL OR p_body !~ '[^[:space:]]' THEN
        RAISE EXCEPTION 'unit %: body is empty or blank', p_canonical_address USING ERRCODE = 'IU005';
    END IF;
    IF pg_catalog.octet_length(p_body) > v_max_body THEN
        RAISE EXCEPTION 'unit %: body is % bytes; the policy limit is %', p_canonical_address,
            pg_catalog.octet_length(p_body), v_max_body
            USING ERRCODE = 'IU009', HINT = 'see dot_config iu_create.gateway.max_body_bytes';
    END IF;
    IF pg_catalog.char_length(p_title) > 4000 OR p_title ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'unit %: title is longer than 4000 characters or contains control characters',
            p_canonical_address USING ERRCODE = 'IU005';
    END IF;

    SELECT iu.id, iu.lifecycle_status, iu.title, uv.id AS version_id, uv.lifecycle_status AS version_status,
           uv.content_hash
    INTO v_unit
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    WHERE iu.canonical_address = p_canonical_address
    FOR NO KEY UPDATE OF iu, uv;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unit % does not exist', p_canonical_address
            USING ERRCODE = 'IU007', HINT = 'create it with fn_iu_create';
    END IF;
    IF v_unit.lifecycle_status = 'enacted' THEN
        RAISE EXCEPTION 'unit % is enacted and cannot change', p_canonical_address
            USING ERRCODE = 'IU002',
                  HINT = 'create a new version and enact it (supersede)';
    END IF;
    IF v_unit.lifecycle_status <> 'draft' OR v_unit.version_status <> 'draft' THEN
        RAISE EXCEPTION 'unit % is %; only a draft can be edited', p_canonical_address, v_unit.lifecycle_status
            USING ERRCODE = 'IU003',
                  DETAIL = pg_catalog.format('unit status %s, current version status %s',
                      v_unit.lifecycle_status, v_unit.version_status);
    END IF;
    IF p_expected_content_hash IS NOT NULL AND p_expected_content_hash <> v_unit.content_hash THEN
        RAISE EXCEPTION 'unit % changed since you read it', p_canonical_address
            USING ERRCODE = 'IU006',
                  DETAIL = pg_catalog.format('expected content_hash %s, stored %s',
                      p_expected_content_hash, v_unit.content_hash),
                  HINT = 'read the unit again and reapply the edit';
    END IF;

    v_body := pg_catalog.normalize(p_body, 'NFC');
    v_hash := public.fn_iu_content_hash(v_body);
    IF v_hash = v_unit.content_hash
        AND (p_title IS NULL OR p_title IS NOT DISTINCT FROM v_unit.title) THEN
        RETURN QUERY SELECT v_unit.id, v_unit.version_id, v_hash, 'unchanged'::text;
        RETURN;
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_apply_edit_draft');
    UPDATE public.unit_version AS uv
    SET body = v_body, updated_at = pg_catalog.now(), updated_by = p_actor
    WHERE uv.id = v_unit.version_id AND uv.body IS DISTINCT FROM v_body;
    UPDATE public.information_unit AS iu
    SET title = coalesce(nullif(pg_catalog.btrim(p_title), ''), iu.title),
        updated_at = pg_catalog.now(),
        updated_by = p_actor
    WHERE iu.id = v_unit.id;
    PERFORM public.fn_iu_gateway_close(v_ticket);

    RETURN QUERY SELECT v_unit.id, v_unit.version_id, v_hash, 'edited'::text;
END
$fn$;

ALTER FUNCTION public.fn_iu_apply_edit_draft(text, text, text, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_apply_edit_draft(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_apply_edit_draft(text, text, text, text, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_apply_edit_draft(text, text, text, text, text) IS
'Canonical in-place edit of one draft unit. IU007 unknown unit, IU002 enacted (supersede instead), IU003 not a draft, IU006 stale expected hash.';
