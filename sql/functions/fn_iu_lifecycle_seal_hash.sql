-- The hash that links a seal to its predecessor: SHA-256 of the previous seal's hash and the
-- seal's own columns, each quoted, the time as epoch seconds.
CREATE FUNCTION public.fn_iu_lifecycle_seal_hash(
    p_prev_hash text,
    p_chain_pos bigint,
    p_id uuid,
    p_transition_type text,
    p_change_set_id uuid,
    p_review_decision_id uuid,
    p_performed_by text,
    p_performed_at timestamptz,
    p_db_login text,
    p_entry_count integer,
    p_entries_digest text
)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        pg_catalog.quote_nullable(p_prev_hash) || ','
        || pg_catalog.quote_nullable(p_chain_pos::text) || ','
        || pg_catalog.quote_nullable(p_id::text) || ','
        || pg_catalog.quote_nullable(p_transition_type) || ','
        || pg_catalog.quote_nullable(p_change_set_id::text) || ','
        || pg_catalog.quote_nullable(p_review_decision_id::text) || ','
        || pg_catalog.quote_nullable(p_performed_by) || ','
        || pg_catalog.quote_nullable(pg_catalog.date_part('epoch', p_performed_at)::text) || ','
        || pg_catalog.quote_nullable(p_db_login) || ','
        || pg_catalog.quote_nullable(p_entry_count::text) || ','
        || pg_catalog.quote_nullable(p_entries_digest),
        'UTF8'
    )), 'hex')
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_seal_hash(
    text, bigint, uuid, text, uuid, uuid, text, timestamptz, text, integer, text
) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(
    text, bigint, uuid, text, uuid, uuid, text, timestamptz, text, integer, text
) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_lifecycle_seal_hash(
    text, bigint, uuid, text, uuid, uuid, text, timestamptz, text, integer, text
) TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_lifecycle_seal_hash(
    text, bigint, uuid, text, uuid, uuid, text, timestamptz, text, integer, text
) IS
'SHA-256 linking a lifecycle log seal to the previous one (chain).';
