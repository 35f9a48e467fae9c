-- Pack 22 helper: for each unit, what creating it would do given what is stored now:
-- create (address unused), unchanged (same content hash as the current version) or conflict
-- (the address holds other content).
CREATE FUNCTION public.fn_iu_classify_existing(
    p_canonical_addresses text[],
    p_bodies text[]
)
RETURNS TABLE (
    ordinal integer,
    canonical_address text,
    action text,
    content_hash text,
    iu_id uuid,
    version_id uuid,
    existing_content_hash text,
    existing_status text
)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT
        t.ord::integer,
        t.addr,
        CASE
            WHEN iu.id IS NULL THEN 'create'
            WHEN uv.content_hash = public.fn_iu_content_hash(t.body) THEN 'unchanged'
            ELSE 'conflict'
        END,
        public.fn_iu_content_hash(t.body),
        iu.id,
        uv.id,
        uv.content_hash,
        iu.lifecycle_status
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    ORDER BY t.ord
$fn$;

ALTER FUNCTION public.fn_iu_classify_existing(text[], text[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_classify_existing(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_classify_existing(text[], text[])
TO cutter_exec, cutter_verifier;
COMMENT ON FUNCTION public.fn_iu_classify_existing(text[], text[]) IS
'Pack 22 helper: create / unchanged / conflict for each (address, body) against the current versions. Writes nothing.';
