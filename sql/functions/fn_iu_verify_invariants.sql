-- The invariant probe (Pack 22 helper): one row per violation for the unit at the address
-- (with p_include_descendants, for its whole subtree); no rows means healthy. It re-checks
-- what the constraints promise, so it also catches a database whose constraints were
-- dropped, disabled or bypassed. p_skip_invariants names checks to leave out: the lifecycle
-- writers' gate (fn_iu_invariant_gate) leaves out what the writer proves on the rows it reads
-- and what a constraint in place holds for every row (fn_iu_invariants_held).
-- Each call is planned for its own address (plan_cache_mode): a whole document is probed with
-- hash joins over its rows, a single unit through the indexes; a generic plan guessed a few
-- hundred rows for either and probed 100,000 units by nested loops.
-- Without JIT: with statistics on a document of 250,000 units the probe's statement is priced
-- over the thresholds for inlining and optimisation, and compiling it took 1.1 s of a
-- statement that runs in 1.8-2.0 s without it.
CREATE FUNCTION public.fn_iu_verify_invariants(
    p_canonical_address text,
    p_include_descendants boolean DEFAULT FALSE,
    p_skip_invariants text[] DEFAULT '{}'
)
RETURNS TABLE (canonical_address text, invariant text, detail text)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
SET work_mem = '64MB'
SET jit = off
AS $fn$
BEGIN
    RETURN QUERY
    WITH target AS MATERIALIZED (
        SELECT iu.*
        FROM public.information_unit AS iu
        WHERE iu.canonical_address = p_canonical_address
           OR (p_include_descendants AND pg_catalog.starts_with(iu.canonical_address, p_canonical_address || '/'))
    ),
    checks AS (
        SELECT p_canonical_address AS addr, 'unit_exists' AS invariant,
            'no unit has this address' AS detail
        WHERE NOT 'unit_exists' = ANY (coalesce(p_skip_invariants, '{}'))
          AND NOT EXISTS (SELECT 1 FROM target AS t WHERE t.canonical_address = p_canonical_address)
        UNION ALL
        SELECT t.canonical_address, 'address_grammar', 'address does not follow DOC-CODE(/kind_number)*'
        FROM target AS t
        WHERE NOT 'address_grammar' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.canonical_address !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$')
        UNION ALL
        SELECT t.canonical_address, 'parent_consistent', CASE
            WHEN p.id IS NULL THEN pg_catalog.format('parent %s does not exist', t.parent_address)
            ELSE pg_catalog.format('parent_id points at %s, the address names %s', p.canonical_address, t.parent_address)
        END
        FROM target AS t
        LEFT JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE NOT 'parent_consistent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.parent_address IS NOT NULL AND p.canonical_address IS DISTINCT FROM t.parent_address)
        UNION ALL
        SELECT t.canonical_address, 'root_has_no_parent', 'a document root carries a parent_id'
        FROM target AS t
        WHERE NOT 'root_has_no_parent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.parent_address IS NULL AND t.parent_id IS NOT NULL)
        UNION ALL
        SELECT t.canonical_address, 'parent_precedes_child', pg_catalog.format(
            'doc_order %s is not after its parent''s %s', t.doc_order, p.doc_order)
        FROM target AS t
        JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE NOT 'parent_precedes_child' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.doc_order <= p.doc_order)
        UNION ALL
        SELECT t.canonical_address, 'current_version_owned', CASE
            WHEN v.id IS NULL THEN 'current version does not exist'
            ELSE pg_catalog.format('current version %s belongs to unit %s', v.id, v.iu_id)
        END
        FROM target AS t
        LEFT JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE NOT 'current_version_owned' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.id IS NULL OR v.iu_id <> t.id)
        UNION ALL
        SELECT t.canonical_address, 'lifecycle_consistent', pg_catalog.format(
            'unit is %s, its current version is %s', t.lifecycle_status, v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE NOT 'lifecycle_consistent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.lifecycle_status <> t.lifecycle_status)
        UNION ALL
        SELECT t.canonical_address, 'body_valid', pg_catalog.format(
            'version %s: body is %s', v.version_no,
            CASE WHEN v.body !~ '[^[:space:]]' THEN 'blank' ELSE 'not NFC-normalised' END)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'body_valid' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.body !~ '[^[:space:]]' OR v.body IS NOT NFC NORMALIZED)
        UNION ALL
        SELECT t.canonical_address, 'content_hash_matches', pg_catalog.format(
            'version %s: stored hash %s, body hashes to %s', v.version_no, v.content_hash,
            public.fn_iu_content_hash(v.body))
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'content_hash_matches' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.content_hash IS DISTINCT FROM public.fn_iu_content_hash(v.body))
        UNION ALL
        SELECT t.canonical_address, 'single_open_version', pg_catalog.format(
            '%s versions are %s', count(*), v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'single_open_version' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.lifecycle_status IN ('draft', 'enacted'))
        GROUP BY t.canonical_address, v.lifecycle_status
        HAVING count(*) > 1
    )
    SELECT c.addr, c.invariant, c.detail FROM checks AS c ORDER BY c.addr, c.invariant;
END
$fn$;

ALTER FUNCTION public.fn_iu_verify_invariants(text, boolean, text[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_verify_invariants(text, boolean, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_verify_invariants(text, boolean, text[])
TO cutter_exec, cutter_verifier, iu_reader;
COMMENT ON FUNCTION public.fn_iu_verify_invariants(text, boolean, text[]) IS
'Invariant probe: one row per violation for the unit (or, with p_include_descendants, its subtree); none = healthy. p_skip_invariants leaves the named checks out.';
