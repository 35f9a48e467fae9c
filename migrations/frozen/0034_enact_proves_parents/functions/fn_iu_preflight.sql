-- Pack 22 helper: every problem with a set of units before anything is written, one row per
-- problem. severity 'error' blocks fn_iu_create; 'warning' (the birth gate in warn mode) does
-- not. ordinal is the unit's 1-based position in the arrays, NULL for call-level problems.
CREATE FUNCTION public.fn_iu_preflight(
    p_canonical_addresses text[],
    p_bodies text[],
    p_titles text[] DEFAULT NULL,
    p_publication_type text DEFAULT NULL,
    p_doc_orders integer[] DEFAULT NULL
)
RETURNS TABLE (ordinal integer, canonical_address text, severity text, code text, message text)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_count integer := coalesce(pg_catalog.cardinality(p_canonical_addresses), 0);
    v_max_units integer := public.fn_iu_policy('iu_create.gateway.max_units_per_call')::integer;
    v_max_body integer := public.fn_iu_policy('iu_create.gateway.max_body_bytes')::integer;
    v_pub text := public.fn_iu_resolve_default('publication_type', p_publication_type);
    v_pub1 text := public.fn_iu_policy('iu_create.gateway.pub1_mode');
    v_pub2 text := public.fn_iu_policy('iu_create.gateway.pub2_mode');
    v_types text[] := pg_catalog.string_to_array(public.fn_iu_policy('iu_create.gateway.publication_types'), ',');
BEGIN
    IF v_count > v_max_units THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU009', pg_catalog.format(
            '%s units in one call exceed the policy limit of %s (iu_create.gateway.max_units_per_call)',
            v_count, v_max_units);
        RETURN;
    END IF;
    IF v_count = 0 THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', 'no units given'::text;
        RETURN;
    END IF;
    IF coalesce(pg_catalog.cardinality(p_bodies), 0) <> v_count
        OR (p_titles IS NOT NULL AND pg_catalog.cardinality(p_titles) <> v_count)
        OR (p_doc_orders IS NOT NULL AND pg_catalog.cardinality(p_doc_orders) <> v_count) THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', pg_catalog.format(
            'array lengths differ: %s addresses, %s bodies, %s titles, %s doc orders',
            v_count, coalesce(pg_catalog.cardinality(p_bodies), 0),
            coalesce(pg_catalog.cardinality(p_titles)::text, 'no'),
            coalesce(pg_catalog.cardinality(p_doc_orders)::text, 'no'));
        RETURN;
    END IF;

    -- An over-limit body is refused before anything else reads it: the checks below copy and
    -- scan every body several times, which for a body of hundreds of megabytes is what a
    -- refusal by policy must not cost. Only the over-limit bodies are reported then.
    RETURN QUERY
    SELECT t.ord::integer, t.addr, 'error'::text, 'IU009'::text, pg_catalog.format(
        'unit %s (%s): body is %s bytes; the policy limit is %s (iu_create.gateway.max_body_bytes)',
        t.ord, coalesce(t.addr, 'no address'), pg_catalog.octet_length(t.body), v_max_body)
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    WHERE pg_catalog.octet_length(t.body) > v_max_body
    ORDER BY t.ord;
    IF FOUND THEN
        RETURN;
    END IF;

    IF v_pub !~ '^[a-z][a-z_]{0,62}$' THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', pg_catalog.format(
            'publication type %L is not a lower-case word (a-z and _)', pg_catalog.left(v_pub, 64));
    ELSIF v_pub IS NULL AND v_pub1 <> 'off' THEN
        RETURN QUERY SELECT NULL::integer, NULL::text,
            CASE v_pub1 WHEN 'block' THEN 'error' ELSE 'warning' END, 'IU005',
            'P-pub1: no publication type given (pass p_publication_type, e.g. ''law'')'::text;
    ELSIF v_pub IS NOT NULL AND v_pub2 <> 'off' AND NOT v_pub = ANY (v_types) THEN
        RETURN QUERY SELECT NULL::integer, NULL::text,
            CASE v_pub2 WHEN 'block' THEN 'error' ELSE 'warning' END, 'IU005',
            pg_catalog.format('P-pub2: publication type %L is not one of %s', v_pub,
                pg_catalog.array_to_string(v_types, ', '));
    END IF;

    RETURN QUERY
    WITH input AS MATERIALIZED (
        SELECT
            t.ord::integer AS ord,
            t.addr,
            t.body,
            t.title,
            t.doc_order,
            -- The address up to its last '/' (what regexp_replace(addr, '/[^/]+$', '') leaves,
            -- at a quarter of its cost; an address ending in '/' has no last segment to drop).
            CASE
                WHEN pg_catalog.strpos(t.addr, '/') > 0 THEN CASE
                    WHEN pg_catalog.right(t.addr, 1) = '/' THEN t.addr
                    ELSE pg_catalog.left(t.addr, -pg_catalog.strpos(pg_catalog.reverse(t.addr), '/'))
                END
            END AS parent_addr
        FROM unnest(
            p_canonical_addresses, p_bodies,
            coalesce(p_titles, '{}'::text[]), coalesce(p_doc_orders, '{}'::integer[])
        ) WITH ORDINALITY AS t (addr, body, title, doc_order, ord)
    ),
    firsts AS (
        SELECT i.addr, min(i.ord) AS first_ord
        FROM input AS i
        WHERE i.addr IS NOT NULL
        GROUP BY i.addr
    ),
    problems AS (
        SELECT i.ord, i.addr, 'IU005' AS code, 'canonical address is missing' AS message
        FROM input AS i WHERE i.addr IS NULL
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'canonical address %L does not follow DOC-CODE(/kind_number)* (ASCII: DOC-CODE upper case, segments lower case)',
            i.addr)
        FROM input AS i
        WHERE i.addr !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'canonical address is %s bytes long; the limit is 1024', pg_catalog.octet_length(i.addr))
        FROM input AS i WHERE pg_catalog.octet_length(i.addr) > 1024
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', 'body is empty or blank'
        FROM input AS i WHERE i.body IS NULL OR i.body !~ '[^[:space:]]'

        UNION ALL
        SELECT i.ord, i.addr, 'IU005', 'title is longer than 4000 characters or contains control characters'
        FROM input AS i
        WHERE pg_catalog.char_length(i.title) > 4000 OR i.title ~ '[[:cntrl:]]'
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format('doc order %s is negative', i.doc_order)
        FROM input AS i WHERE i.doc_order < 0
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'address %L is given twice (first as unit %s)', i.addr, f.first_ord)
        FROM input AS i JOIN firsts AS f ON f.addr = i.addr AND f.first_ord < i.ord
        UNION ALL
        SELECT i.ord, i.addr, 'IU005',
            CASE
                WHEN f.first_ord IS NOT NULL THEN pg_catalog.format(
                    'parent %L comes after its child (as unit %s); parents must come first',
                    i.parent_addr, f.first_ord)
                ELSE pg_catalog.format('parent %L does not exist', i.parent_addr)
            END
        FROM input AS i
        LEFT JOIN firsts AS f ON f.addr = i.parent_addr
        WHERE i.parent_addr IS NOT NULL
          AND (f.first_ord IS NULL OR f.first_ord > i.ord)
          AND NOT EXISTS (
              SELECT 1 FROM public.information_unit AS iu WHERE iu.canonical_address = i.parent_addr
          )
    )
    SELECT p.ord, p.addr, 'error'::text, p.code, pg_catalog.format(
        'unit %s (%s): %s', p.ord, coalesce(p.addr, 'no address'), p.message)
    FROM problems AS p
    ORDER BY p.ord, p.code;
END
$fn$;

ALTER FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[])
TO cutter_exec, cutter_verifier;
COMMENT ON FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[]) IS
'Pack 22 helper: every problem with a set of units (address grammar, blank body, limits, duplicates, missing or late parents, birth gate P-pub1/P-pub2), one row each. Writes nothing.';
