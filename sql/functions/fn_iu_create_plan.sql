-- The dry run of a cut (Pack 22 P2): what fn_iu_create would do with these units, without
-- writing anything (STABLE: the engine itself refuses a write from here). One row per unit,
-- action create / unchanged / conflict / invalid, plus call-level rows (ordinal NULL,
-- action 'refused' or 'warning') for the birth gate and limits.
CREATE FUNCTION public.fn_iu_create_plan(
    p_canonical_addresses text[],
    p_bodies text[],
    p_titles text[] DEFAULT NULL,
    p_publication_type text DEFAULT NULL,
    p_doc_orders integer[] DEFAULT NULL
)
RETURNS TABLE (
    ordinal integer,
    canonical_address text,
    unit_kind text,
    content_hash text,
    action text,
    code text,
    message text
)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    WITH problems AS MATERIALIZED (
        SELECT * FROM public.fn_iu_preflight(
            p_canonical_addresses, p_bodies, p_titles, p_publication_type, p_doc_orders)
    ),
    call_level AS (
        SELECT
            NULL::integer AS ordinal,
            NULL::text AS canonical_address,
            NULL::text AS unit_kind,
            NULL::text AS content_hash,
            CASE p.severity WHEN 'error' THEN 'refused' ELSE 'warning' END AS action,
            p.code,
            p.message
        FROM problems AS p
        WHERE p.ordinal IS NULL
    ),
    -- Over-limit bodies are all the preflight reports when there are any: they are listed as
    -- they are, and no body is classified (hashed) against the stored units.
    oversized AS (
        SELECT p.ordinal, p.canonical_address, NULL::text AS unit_kind, NULL::text AS content_hash,
            'invalid'::text AS action, p.code, p.message
        FROM problems AS p
        WHERE p.ordinal IS NOT NULL AND p.code = 'IU009'
    ),
    units AS (
        SELECT
            c.ordinal,
            c.canonical_address,
            CASE
                WHEN c.canonical_address !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$' THEN NULL
                WHEN pg_catalog.strpos(c.canonical_address, '/') = 0 THEN 'doc'
                ELSE pg_catalog.regexp_replace(c.canonical_address, '^.*/([a-z]+)_[a-z0-9]+$', '\1')
            END AS unit_kind,
            c.content_hash,
            CASE WHEN e.code IS NOT NULL THEN 'invalid' ELSE c.action END AS action,
            coalesce(e.code, CASE WHEN c.action = 'conflict' THEN 'IU006' END) AS code,
            coalesce(
                e.message,
                CASE
                    WHEN c.action = 'conflict' THEN pg_catalog.format(
                        'unit %s (%s): exists with different content (stored %s, status %s)',
                        c.ordinal, c.canonical_address, c.existing_content_hash, c.existing_status)
                END
            ) AS message
        FROM public.fn_iu_classify_existing(p_canonical_addresses, p_bodies) AS c
        LEFT JOIN LATERAL (
            SELECT
                pg_catalog.string_agg(DISTINCT p.code, ',') AS code,
                pg_catalog.string_agg(p.message, '; ' ORDER BY p.code) AS message
            FROM problems AS p
            WHERE p.ordinal = c.ordinal
            HAVING count(*) > 0
        ) AS e ON true
        WHERE NOT EXISTS (SELECT 1 FROM problems AS p WHERE p.ordinal IS NULL AND p.severity = 'error')
          AND NOT EXISTS (SELECT 1 FROM oversized)
    )
    SELECT * FROM call_level
    UNION ALL
    SELECT * FROM (SELECT * FROM oversized ORDER BY ordinal) AS o
    UNION ALL
    SELECT * FROM (SELECT * FROM units ORDER BY ordinal) AS u
$fn$;

ALTER FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[])
TO cutter_exec, cutter_verifier;
COMMENT ON FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[]) IS
'Dry run of fn_iu_create: create / unchanged / conflict / invalid per unit, plus call-level refusals and warnings. STABLE: writes nothing.';

CREATE FUNCTION public.fn_iu_create_plan(
    p_canonical_address text,
    p_body text,
    p_title text DEFAULT NULL,
    p_publication_type text DEFAULT NULL
)
RETURNS TABLE (
    ordinal integer,
    canonical_address text,
    unit_kind text,
    content_hash text,
    action text,
    code text,
    message text
)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT * FROM public.fn_iu_create_plan(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_bodies => ARRAY[p_body],
        p_titles => ARRAY[p_title],
        p_publication_type => p_publication_type
    )
$fn$;

ALTER FUNCTION public.fn_iu_create_plan(text, text, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_create_plan(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_create_plan(text, text, text, text) TO cutter_exec, cutter_verifier;
COMMENT ON FUNCTION public.fn_iu_create_plan(text, text, text, text) IS
'Dry run of the scalar fn_iu_create for one unit. STABLE: writes nothing.';
