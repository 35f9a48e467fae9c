-- The hash of one lifecycle log row: SHA-256 of its columns, each quoted (NULL as NULL) and
-- comma-separated, the time as epoch seconds so the session's TimeZone does not matter. It has
-- no SET clause and is declared STABLE, as its body is (epoch of a timestamptz), so the planner
-- inlines it into the set-based writer; every name in it, operators included, is
-- schema-qualified.
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
STABLE
PARALLEL SAFE
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        pg_catalog.quote_nullable(p_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_seal_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_seal_ordinal::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_entity_collection) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_entity_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_canonical_address) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_from_status) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_to_status) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_transition_type) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_reason) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_performed_by) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(pg_catalog.date_part('epoch', p_performed_at)::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_metadata::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_review_decision_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_change_set_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_db_login) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_application_name),
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
