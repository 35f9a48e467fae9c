-- The digest a retirement decision approves: the manifest digest (fn_gov_manifest_digest) of
-- the given units that are enacted, in document order, each with its current content hash.
-- iu-cutter review --subject retire computes it; fn_iu_retire_batch recomputes and compares.
CREATE FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT cutter_governance.fn_gov_manifest_digest(
        pg_catalog.array_agg(iu.canonical_address ORDER BY iu.doc_code, iu.doc_order, iu.canonical_address),
        pg_catalog.array_agg(uv.content_hash ORDER BY iu.doc_code, iu.doc_order, iu.canonical_address)
    )
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    JOIN (SELECT DISTINCT a.addr FROM unnest(p_canonical_addresses) AS a (addr)) AS a ON a.addr = iu.canonical_address
    WHERE iu.lifecycle_status = 'enacted'
$fn$;

ALTER FUNCTION public.fn_iu_units_digest(text[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_units_digest(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_units_digest(text[])
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_units_digest(text[]) IS
'Manifest digest of the given enacted units in document order with their current content: what a retire decision approves.';
