-- Internal: writes the log rows of one lifecycle writer call and their seal, in one
-- statement. Rows are numbered in the order given; the seal digests their hashes in that
-- order and links to the previous seal under the log's chain lock (held to the end of the
-- transaction, so the chain never forks). The caller holds the gateway ticket.
CREATE FUNCTION public.fn_iu_lifecycle_record(
    p_transition_type text,
    p_actor text,
    p_reason text,
    p_review_decision_id uuid,
    p_change_set_id uuid,
    p_performed_at timestamptz,
    p_entity_collections text[],
    p_entity_ids uuid[],
    p_canonical_addresses text[],
    p_from_statuses text[],
    p_to_statuses text[],
    p_types text[],
    p_metadata jsonb[]
)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET work_mem = '64MB'
AS $fn$
DECLARE
    v_seal uuid := pg_catalog.gen_random_uuid();
    v_pos bigint;
    v_prev text;
    v_app text := nullif(pg_catalog.current_setting('application_name'), '');
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(7176, 'public.iu_lifecycle_log_seal'::regclass::oid::integer);
    SELECT s.chain_pos, s.seal_hash INTO v_pos, v_prev
    FROM public.iu_lifecycle_log_seal AS s ORDER BY s.chain_pos DESC LIMIT 1;
    v_pos := coalesce(v_pos, 0) + 1;

    WITH entries AS (
        SELECT
            pg_catalog.gen_random_uuid() AS id, t.ord::integer AS ord, t.coll, t.entity, t.addr,
            t.from_status, t.to_status, t.kind, coalesce(t.meta, '{}'::jsonb) AS meta
        FROM unnest(
            p_entity_collections, p_entity_ids, p_canonical_addresses, p_from_statuses, p_to_statuses,
            p_types, p_metadata
        ) WITH ORDINALITY AS t (coll, entity, addr, from_status, to_status, kind, meta, ord)
    ),
    ins AS (
        INSERT INTO public.iu_lifecycle_log (
            id, seal_id, seal_ordinal, entity_collection, entity_id, canonical_address, from_status,
            to_status, transition_type, reason, performed_by, performed_at, metadata,
            review_decision_id, change_set_id, db_login, application_name, entry_hash
        )
        SELECT
            e.id, v_seal, e.ord, e.coll, e.entity, e.addr, e.from_status, e.to_status, e.kind,
            p_reason, p_actor, p_performed_at, e.meta, p_review_decision_id, p_change_set_id,
            session_user, v_app,
            public.fn_iu_lifecycle_entry_hash(
                e.id, v_seal, e.ord, e.coll, e.entity, e.addr, e.from_status, e.to_status, e.kind,
                p_reason, p_actor, p_performed_at, e.meta, p_review_decision_id, p_change_set_id,
                session_user, v_app
            )
        FROM entries AS e
        RETURNING seal_ordinal, entry_hash
    ),
    digest AS (
        SELECT
            count(*)::integer AS n,
            pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                pg_catalog.string_agg(i.entry_hash, '' ORDER BY i.seal_ordinal), 'UTF8')), 'hex') AS d
        FROM ins AS i
    )
    INSERT INTO public.iu_lifecycle_log_seal (
        id, chain_pos, transition_type, change_set_id, review_decision_id, performed_by, performed_at,
        db_login, entry_count, entries_digest, prev_hash, seal_hash
    )
    SELECT
        v_seal, v_pos, p_transition_type, p_change_set_id, p_review_decision_id, p_actor, p_performed_at,
        session_user, g.n, g.d, v_prev,
        public.fn_iu_lifecycle_seal_hash(
            v_prev, v_pos, v_seal, p_transition_type, p_change_set_id, p_review_decision_id, p_actor,
            p_performed_at, session_user, g.n, g.d
        )
    FROM digest AS g;
    RETURN v_seal;
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_record(
    text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_record(
    text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_record(
    text, text, text, uuid, uuid, timestamptz, text[], uuid[], text[], text[], text[], text[], jsonb[]
) IS
'Internal: writes a lifecycle writer call''s log rows and their chained seal in one statement. Executable by iu_owner only.';
