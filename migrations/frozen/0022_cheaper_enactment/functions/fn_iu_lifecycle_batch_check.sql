-- Internal: the input checks every lifecycle batch shares: an actor, the writers not frozen by
-- policy, a non-empty list of distinct well-formed addresses within the batch limit (IU005,
-- IU009, IU003 while frozen). Then the per-document locks, in a fixed order, that serialise
-- lifecycle writers and cuts of the same document (the cut's lock).
CREATE FUNCTION public.fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET work_mem = '64MB'
AS $fn$
DECLARE
    v_mode text := public.fn_iu_policy('iu_enact.mode');
    v_max integer := public.fn_iu_policy('iu_enact.max_units_per_call')::integer;
    v_count integer := coalesce(pg_catalog.cardinality(p_canonical_addresses), 0);
    v_bad record;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF v_mode = 'frozen' THEN
        RAISE EXCEPTION 'lifecycle changes are frozen: % refused', p_what
            USING ERRCODE = 'IU003', HINT = 'a DBA sets dot_config iu_enact.mode back to enabled';
    END IF;
    IF v_count = 0 THEN
        RAISE EXCEPTION '% needs at least one address', p_what USING ERRCODE = 'IU005';
    END IF;
    IF v_count > v_max THEN
        RAISE EXCEPTION '% of % units exceeds the policy limit of %', p_what, v_count, v_max
            USING ERRCODE = 'IU009', HINT = 'split the batch, or see dot_config iu_enact.max_units_per_call';
    END IF;
    -- One hashed pass: the groups that are wrong (a missing address, one given twice), then the
    -- one to name: a missing address first, else the most repeated, each at its first position.
    SELECT g.ord, g.addr, g.n INTO v_bad
    FROM (
        SELECT t.addr, count(*) AS n, pg_catalog.min(t.ord) AS ord
        FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
        GROUP BY t.addr
        HAVING t.addr IS NULL OR count(*) > 1
    ) AS g
    ORDER BY (g.addr IS NULL) DESC, g.n DESC, g.ord
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% : address % is %', p_what, v_bad.ord,
            CASE WHEN v_bad.addr IS NULL THEN 'missing' ELSE pg_catalog.format('%s, given twice', v_bad.addr) END
            USING ERRCODE = 'IU005';
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(7175, pg_catalog.hashtext(d.doc_code))
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr)
        ORDER BY 1
    ) AS d;
    RETURN v_count;
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_batch_check(text[], text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_batch_check(text[], text, text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_batch_check(text[], text, text) IS
'Internal: shared input checks of the lifecycle writers (IU003 frozen, IU005, IU009) and the per-document locks.';
