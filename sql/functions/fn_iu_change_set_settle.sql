-- Internal: a verified change set becomes enacted once every unit of its manifest is enacted
-- with exactly the manifest's content (after fn_iu_enact_batch and fn_iu_supersede_batch).
CREATE FUNCTION public.fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean DEFAULT FALSE)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET work_mem = '64MB'
AS $fn$
BEGIN
    IF p_change_set_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id AND c.status = 'verified'
    ) THEN
        RETURN false;
    END IF;
    -- p_manifest_enacted: the caller has just proven that every unit of the manifest is enacted
    -- with the manifest's content (fn_iu_enact_batch, when its batch is the whole manifest), so
    -- the manifest is not read again. Otherwise, a count, not EXISTS: the answer is usually
    -- "none", and a fast-start plan looking for the first row walks every unit through the
    -- indexes one by one instead of hashing them.
    IF NOT p_manifest_enacted AND (
        SELECT count(*)
        FROM cutter_governance.manifest_envelope AS e
        JOIN cutter_governance.manifest_entry AS m ON m.envelope_id = e.id
        LEFT JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
        LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
        WHERE e.change_set_id = p_change_set_id
          AND (uv.lifecycle_status IS DISTINCT FROM 'enacted' OR uv.content_hash IS DISTINCT FROM m.content_hash)
    ) > 0 THEN
        RETURN false;
    END IF;
    PERFORM cutter_governance.fn_gov_set_status(p_change_set_id, 'enacted');
    RETURN true;
END
$fn$;

ALTER FUNCTION public.fn_iu_change_set_settle(uuid, boolean) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_change_set_settle(uuid, boolean) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_change_set_settle(uuid, boolean) IS
'Internal: moves a verified change set to enacted once all its manifest units are enacted with the manifest content.';
