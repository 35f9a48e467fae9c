-- Records a change set's manifest after its units were created in the same transaction. The
-- database recomputes the digest from the entries and compares it with the change set's, checks
-- that every address holds exactly that content now (a unit's pending revision, if it has
-- one), and derives from the units themselves which ones this cut created or revised.
CREATE FUNCTION cutter_governance.fn_gov_record_manifest(
    p_change_set_id uuid,
    p_canonical_addresses text[],
    p_content_hashes text[],
    p_actor text
)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET work_mem = '64MB'
AS $fn$
DECLARE
    v_cs record;
    v_digest text;
    v_units record;
    v_envelope uuid := pg_catalog.gen_random_uuid();
    v_ticket bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.actor <> p_actor THEN
        RAISE EXCEPTION 'only the executor % records the manifest of change set %', v_cs.actor, p_change_set_id
            USING ERRCODE = 'IU012';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = p_change_set_id) THEN
        RAISE EXCEPTION 'change set % already has its manifest', p_change_set_id USING ERRCODE = 'IU010';
    END IF;
    IF coalesce(pg_catalog.cardinality(p_canonical_addresses), 0) <> v_cs.unit_count
        OR coalesce(pg_catalog.cardinality(p_content_hashes), 0) <> v_cs.unit_count THEN
        RAISE EXCEPTION 'change set % declared % units; the manifest lists % addresses and % hashes',
            p_change_set_id, v_cs.unit_count, coalesce(pg_catalog.cardinality(p_canonical_addresses), 0),
            coalesce(pg_catalog.cardinality(p_content_hashes), 0)
            USING ERRCODE = 'IU013';
    END IF;
    v_digest := cutter_governance.fn_gov_manifest_digest(p_canonical_addresses, p_content_hashes);
    IF v_digest <> v_cs.manifest_sha256 THEN
        RAISE EXCEPTION 'the manifest digests to %, change set % declared %', v_digest, p_change_set_id,
            v_cs.manifest_sha256
            USING ERRCODE = 'IU013';
    END IF;

    -- One hashed pass over the units (a LIMIT 1 would plan a nested loop through the indexes
    -- for a row that is usually absent): the first mismatch by ordinal with what it holds, and
    -- what the cut did to each unit, which the entries below take in order without joining the
    -- units again. (The mismatches' aggregates read no row when there is none.)
    SELECT count(*) FILTER (WHERE u.mismatch) AS n,
        (pg_catalog.array_agg(u.ord ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_ord,
        (pg_catalog.array_agg(u.addr ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_addr,
        (pg_catalog.array_agg(u.hash ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_hash,
        (pg_catalog.array_agg(u.stored ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_stored,
        count(*) FILTER (WHERE u.action <> 'unchanged') AS created,
        pg_catalog.array_agg(u.action ORDER BY u.ord) AS actions
    INTO v_units
    FROM (
        SELECT t.ord, t.addr, t.hash, coalesce(pend.content_hash, uv.content_hash) AS stored,
            coalesce(pend.content_hash, uv.content_hash) IS DISTINCT FROM t.hash
                OR pg_catalog.split_part(t.addr, '/', 1) <> v_cs.doc_code AS mismatch,
            CASE
                WHEN iu.created_change_set_id = p_change_set_id THEN 'created'
                WHEN pend.change_set_id = p_change_set_id THEN 'revised'
                ELSE 'unchanged'
            END AS action
        FROM unnest(p_canonical_addresses, p_content_hashes) WITH ORDINALITY AS t (addr, hash, ord)
        LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
        LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
        LEFT JOIN public.unit_version AS pend
            ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    ) AS u;
    IF v_units.n > 0 THEN
        RAISE EXCEPTION 'manifest entry % (%) does not match the stored unit', v_units.first_ord, v_units.first_addr
            USING ERRCODE = 'IU013',
                  DETAIL = pg_catalog.format('manifest hash %s, stored hash %s, change set document %s',
                      v_units.first_hash, coalesce(v_units.first_stored, '<no unit>'), v_cs.doc_code);
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_manifest');
    INSERT INTO cutter_governance.manifest_envelope (
        id, change_set_id, manifest_sha256, unit_count, created_count, unchanged_count, recorded_by
    )
    VALUES (v_envelope, p_change_set_id, v_digest, v_cs.unit_count, v_units.created::integer,
            v_cs.unit_count - v_units.created::integer, p_actor);
    INSERT INTO cutter_governance.manifest_entry (envelope_id, ordinal, canonical_address, content_hash, action)
    SELECT v_envelope, t.ord::integer, t.addr, t.hash, t.action
    FROM unnest(p_canonical_addresses, p_content_hashes, v_units.actions) WITH ORDINALITY AS t (addr, hash, action, ord);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_envelope;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text) TO cutter_exec;
COMMENT ON FUNCTION cutter_governance.fn_gov_record_manifest(uuid, text[], text[], text) IS
'Executor lane: records the manifest envelope and entries of a change set; IU013 if the digest or any stored unit disagrees.';
