-- The hash of one lifecycle log row: SHA-256 of its columns, each quoted (NULL as NULL) and
-- comma-separated, the time as epoch seconds so the session's TimeZone does not matter. Like
-- fn_iu_content_hash it has no SET clause so the planner can inline it into the set-based
-- writer; every name in it is schema-qualified.
CREATE FUNCTION public.fn_iu_lifecycle_entry_hash(
    p_id uuid,
    p_seal_id uuid,
    p_seal_ordinal integer,
    p_entity_collection text,
    p_entity_id uuid,
    p_canonical_address text,
    p_from_status text,
    p_to_status text,
    p_transition_type text,
    p_reason text,
    p_performed_by text,
    p_performed_at timestamptz,
    p_metadata jsonb,
    p_review_decision_id uuid,
    p_change_set_id uuid,
    p_db_login text,
    p_application_name text
)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        pg_catalog.quote_nullable(p_id::text) || ','
        || pg_catalog.quote_nullable(p_seal_id::text) || ','
        || pg_catalog.quote_nullable(p_seal_ordinal::text) || ','
        || pg_catalog.quote_nullable(p_entity_collection) || ','
        || pg_catalog.quote_nullable(p_entity_id::text) || ','
        || pg_catalog.quote_nullable(p_canonical_address) || ','
        || pg_catalog.quote_nullable(p_from_status) || ','
        || pg_catalog.quote_nullable(p_to_status) || ','
        || pg_catalog.quote_nullable(p_transition_type) || ','
        || pg_catalog.quote_nullable(p_reason) || ','
        || pg_catalog.quote_nullable(p_performed_by) || ','
        || pg_catalog.quote_nullable(pg_catalog.date_part('epoch', p_performed_at)::text) || ','
        || pg_catalog.quote_nullable(p_metadata::text) || ','
        || pg_catalog.quote_nullable(p_review_decision_id::text) || ','
        || pg_catalog.quote_nullable(p_change_set_id::text) || ','
        || pg_catalog.quote_nullable(p_db_login) || ','
        || pg_catalog.quote_nullable(p_application_name),
        'UTF8'
    )), 'hex')
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_entry_hash(
    uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb, uuid, uuid, text, text
) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(
    uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb, uuid, uuid, text, text
) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_lifecycle_entry_hash(
    uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb, uuid, uuid, text, text
) TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_lifecycle_entry_hash(
    uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamptz, jsonb, uuid, uuid, text, text
) IS
'SHA-256 of one lifecycle log row (every column quoted, time as epoch seconds): what its seal digests.';
