-- Internal: the invariant precondition of the lifecycle writers (seed 004: fn_iu_verify_invariants
-- runs first). One probe per document over its subtree, kept to the given units (one probe of
-- the unit itself when there is one); the first violation is IU005 and nothing is written.
-- p_skip_invariants: checks the calling writer proves itself on the rows it reads or writes.
-- The invariants the database holds for every row by itself (fn_iu_invariants_held: CHECK
-- constraints, unique indexes, the content hash's generated column) are left out while what
-- holds them is in place; the moment one is dropped, altered or unvalidated, it is probed again.
CREATE FUNCTION public.fn_iu_invariant_gate(
    p_canonical_addresses text[],
    p_what text,
    p_skip_invariants text[] DEFAULT '{}'
)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_single boolean := pg_catalog.cardinality(p_canonical_addresses) = 1;
    v_skip text[] := coalesce(p_skip_invariants, '{}') || ARRAY(
        SELECT h.invariant FROM public.fn_iu_invariants_held() AS h WHERE h.held);
    v_problem record;
BEGIN
    SELECT v.canonical_address, v.invariant, v.detail INTO v_problem
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr)
    ) AS d
    CROSS JOIN LATERAL public.fn_iu_verify_invariants(
        CASE WHEN v_single THEN p_canonical_addresses[1] ELSE d.doc_code END, NOT v_single, v_skip) AS v
    JOIN unnest(p_canonical_addresses) AS a (addr) ON a.addr = v.canonical_address
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % fails invariant %: %', v_problem.canonical_address, v_problem.invariant,
            v_problem.detail
            USING ERRCODE = 'IU005',
                  HINT = pg_catalog.format('fn_iu_verify_invariants lists every violation; nothing was %s', p_what);
    END IF;
END
$fn$;

ALTER FUNCTION public.fn_iu_invariant_gate(text[], text, text[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_invariant_gate(text[], text, text[]) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_invariant_gate(text[], text, text[]) IS
'Internal: IU005 naming the first invariant violation among the given units (fn_iu_verify_invariants, one probe per document, less the invariants held by constraints in place).';
