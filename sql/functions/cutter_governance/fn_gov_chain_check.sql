-- Re-walks every governance chain: a row whose hash no longer matches its content was edited;
-- a position gap or a broken link means a row was deleted or inserted out of band. The last
-- row of each chain is returned as its head, for verify results and audit packs to anchor.
CREATE FUNCTION cutter_governance.fn_gov_chain_check()
RETURNS TABLE (table_name text, chain_pos bigint, problem text, row_hash text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $fn$
    WITH chained AS (
        SELECT 'signer_key' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.signer_key AS t
        UNION ALL
        SELECT 'cut_change_set' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.cut_change_set AS t
        UNION ALL
        SELECT 'manifest_envelope' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.manifest_envelope AS t
        UNION ALL
        SELECT 'review_decision' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.review_decision AS t
        UNION ALL
        SELECT 'verify_result' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.verify_result AS t
        UNION ALL
        SELECT 'dot_pair_signature' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.dot_pair_signature AS t
        UNION ALL
        SELECT 'rollback_record' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.rollback_record AS t
    ),
    walked AS (
        SELECT
            c.table_name,
            c.chain_pos,
            c.prev_hash,
            c.row_hash,
            pg_catalog.lag(c.chain_pos) OVER w AS before_pos,
            pg_catalog.lag(c.row_hash) OVER w AS before_hash,
            pg_catalog.row_number() OVER w AS n,
            pg_catalog.count(*) OVER (PARTITION BY c.table_name) AS total,
            cutter_governance.fn_gov_row_hash(c.prev_hash, cutter_governance.fn_gov_chain_payload(c.doc))
                AS recomputed
        FROM chained AS c
        WINDOW w AS (PARTITION BY c.table_name ORDER BY c.chain_pos)
    )
    SELECT w.table_name, w.chain_pos, p.problem, w.row_hash
    FROM walked AS w
    CROSS JOIN LATERAL (
        SELECT 'altered: content no longer matches its hash' AS problem
        WHERE w.recomputed <> w.row_hash
        UNION ALL
        SELECT pg_catalog.format('gap: position %s follows %s', w.chain_pos, coalesce(w.before_pos, 0))
        WHERE w.chain_pos <> coalesce(w.before_pos, 0) + 1
        UNION ALL
        SELECT 'broken link: prev_hash is not the hash of the row before'
        WHERE w.prev_hash IS DISTINCT FROM w.before_hash
        UNION ALL
        SELECT 'head'
        WHERE w.n = w.total
    ) AS p
    ORDER BY w.table_name, w.chain_pos
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_chain_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain_check() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_chain_check() TO cutter_exec, cutter_verifier, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_chain_check() IS
'Walks every governance chain: rows altered, gaps, broken links; and each chain''s head (problem = ''head'').';
