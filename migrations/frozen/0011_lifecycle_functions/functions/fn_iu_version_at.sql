-- Point in time: the version of a unit that was in force at p_at, that is enacted at or before
-- p_at and neither superseded nor retired by then. No row when nothing was in force (not yet
-- enacted, or retired). Versions carry the period themselves, so this reads no log.
CREATE FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (
    canonical_address text,
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
    SELECT iu.canonical_address, iu.id, uv.id, uv.version_no, uv.body, uv.content_hash, uv.enacted_at,
        coalesce(uv.superseded_at, uv.retired_at)
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.iu_id = iu.id
    WHERE iu.canonical_address = p_canonical_address
      AND uv.enacted_at <= p_at
      AND coalesce(uv.superseded_at, uv.retired_at, 'infinity'::timestamptz) > p_at
$fn$;

ALTER FUNCTION public.fn_iu_version_at(text, timestamptz) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_version_at(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_version_at(text, timestamptz)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_version_at(text, timestamptz) IS
'The version of a unit in force at a point in time (enacted by then, not yet superseded or retired); no row if none.';
