-- Point in time: the whole document as in force at p_at, one row per unit that had a version
-- in force then, in document order.
CREATE FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (
    doc_order integer,
    canonical_address text,
    unit_kind text,
    parent_address text,
    title text,
    iu_id uuid,
    version_id uuid,
    version_no integer,
    body text,
    content_hash text,
    in_force_from timestamptz,
    in_force_until timestamptz
)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT iu.doc_order, iu.canonical_address, iu.unit_kind, iu.parent_address, iu.title, iu.id, uv.id,
        uv.version_no, uv.body, uv.content_hash, uv.enacted_at, coalesce(uv.superseded_at, uv.retired_at)
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.iu_id = iu.id
    WHERE iu.doc_code = p_doc_code
      AND uv.enacted_at <= p_at
      AND coalesce(uv.superseded_at, uv.retired_at, 'infinity'::timestamptz) > p_at
    ORDER BY iu.doc_order, iu.canonical_address
$fn$;

ALTER FUNCTION public.fn_iu_document_at(text, timestamptz) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_document_at(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_document_at(text, timestamptz)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_document_at(text, timestamptz) IS
'The document as in force at a point in time: one row per unit with a version in force then, in document order.';
