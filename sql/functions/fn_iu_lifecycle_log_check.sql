-- Re-verifies the lifecycle log: every row re-hashes to its entry_hash and agrees with its
-- seal, every seal digests exactly its rows in order, and the seals link without a gap. One
-- row per problem; none means the log is as written.
CREATE FUNCTION public.fn_iu_lifecycle_log_check()
RETURNS TABLE (chain_pos bigint, seal_id uuid, problem text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    WITH rows_checked AS (
        SELECT
            l.seal_id,
            count(*)::integer AS n,
            pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                pg_catalog.string_agg(l.entry_hash, '' ORDER BY l.seal_ordinal), 'UTF8')), 'hex') AS digest,
            count(*) FILTER (WHERE l.entry_hash IS DISTINCT FROM public.fn_iu_lifecycle_entry_hash(
                l.id, l.seal_id, l.seal_ordinal, l.entity_collection, l.entity_id, l.canonical_address,
                l.from_status, l.to_status, l.transition_type, l.reason, l.performed_by, l.performed_at,
                l.metadata, l.review_decision_id, l.change_set_id, l.db_login, l.application_name
            )) AS altered,
            pg_catalog.min(l.seal_ordinal) AS first_ordinal,
            pg_catalog.max(l.seal_ordinal) AS last_ordinal
        FROM public.iu_lifecycle_log AS l
        GROUP BY l.seal_id
    ),
    seals AS (
        SELECT
            s.*,
            pg_catalog.lag(s.seal_hash) OVER (ORDER BY s.chain_pos) AS actual_prev,
            pg_catalog.lag(s.chain_pos) OVER (ORDER BY s.chain_pos) AS actual_prev_pos
        FROM public.iu_lifecycle_log_seal AS s
    ),
    problems AS (
        SELECT s.chain_pos, s.id AS seal_id, pg_catalog.format('%s log row(s) no longer hash to their entry_hash', r.altered) AS problem
        FROM seals AS s JOIN rows_checked AS r ON r.seal_id = s.id
        WHERE r.altered > 0
        UNION ALL
        SELECT s.chain_pos, s.id, pg_catalog.format(
            'the seal covers %s row(s) digesting to %s; the log holds %s row(s) (ordinals %s-%s) digesting to %s',
            s.entry_count, pg_catalog.left(s.entries_digest, 12), coalesce(r.n, 0), r.first_ordinal, r.last_ordinal,
            pg_catalog.left(coalesce(r.digest, '-'), 12))
        FROM seals AS s LEFT JOIN rows_checked AS r ON r.seal_id = s.id
        WHERE r.digest IS DISTINCT FROM s.entries_digest OR r.n IS DISTINCT FROM s.entry_count
        UNION ALL
        SELECT s.chain_pos, s.id, 'the seal no longer hashes to its seal_hash'
        FROM seals AS s
        WHERE s.seal_hash IS DISTINCT FROM public.fn_iu_lifecycle_seal_hash(
            s.prev_hash, s.chain_pos, s.id, s.transition_type, s.change_set_id, s.review_decision_id,
            s.performed_by, s.performed_at, s.db_login, s.entry_count, s.entries_digest)
        UNION ALL
        SELECT s.chain_pos, s.id, pg_catalog.format('chain broken: previous seal is #%s with hash %s, this seal links to %s',
            coalesce(s.actual_prev_pos::text, 'none'), pg_catalog.left(coalesce(s.actual_prev, '-'), 12),
            pg_catalog.left(coalesce(s.prev_hash, '-'), 12))
        FROM seals AS s
        WHERE s.prev_hash IS DISTINCT FROM s.actual_prev
           OR s.chain_pos <> coalesce(s.actual_prev_pos, 0) + 1
        UNION ALL
        SELECT NULL::bigint, l.seal_id, pg_catalog.format(
            'log row %s (%s) disagrees with its seal about the review decision or change set', l.id, l.canonical_address)
        FROM public.iu_lifecycle_log AS l
        JOIN public.iu_lifecycle_log_seal AS s ON s.id = l.seal_id
        WHERE l.review_decision_id IS DISTINCT FROM s.review_decision_id
           OR l.change_set_id IS DISTINCT FROM s.change_set_id
    )
    SELECT p.chain_pos, p.seal_id, p.problem FROM problems AS p ORDER BY p.chain_pos NULLS LAST, p.problem
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_log_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_check() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_lifecycle_log_check() TO cutter_exec, cutter_verifier, iu_reader;
COMMENT ON FUNCTION public.fn_iu_lifecycle_log_check() IS
'Tamper check of iu_lifecycle_log: row hashes, seal digests and the seal chain; one row per problem, none = intact.';
