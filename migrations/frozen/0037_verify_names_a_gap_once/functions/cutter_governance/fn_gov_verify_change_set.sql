-- The read-only structural VERIFY of a change set: one row per check, outcome pass or fail,
-- with a detail naming what is off. The harness adds the signature checks (Ed25519 is not in
-- the database) and records the whole list with fn_gov_record_verify.
CREATE FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid)
RETURNS TABLE (check_name text, outcome text, detail text)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
SET plan_cache_mode = force_custom_plan
SET work_mem = '64MB'
AS $fn$
DECLARE
    v_cs record;
    v_env record;
    v_text text;
    v_count bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    SELECT e.* INTO v_env FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = p_change_set_id;

    RETURN QUERY SELECT 'manifest_recorded'::text,
        CASE WHEN v_env.id IS NOT NULL AND v_env.unit_count = v_cs.unit_count THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_env.id IS NULL THEN 'no manifest envelope'
             ELSE pg_catalog.format('%s units declared, %s in the envelope', v_cs.unit_count, v_env.unit_count) END;

    SELECT cutter_governance.fn_gov_manifest_digest(
        pg_catalog.array_agg(m.canonical_address ORDER BY m.ordinal),
        pg_catalog.array_agg(m.content_hash ORDER BY m.ordinal)), count(*)
    INTO v_text, v_count
    FROM cutter_governance.manifest_entry AS m WHERE m.envelope_id = v_env.id;
    RETURN QUERY SELECT 'manifest_digest'::text,
        CASE WHEN v_text = v_cs.manifest_sha256 AND v_env.manifest_sha256 = v_cs.manifest_sha256
                  AND v_count = v_cs.unit_count THEN 'pass' ELSE 'fail' END,
        pg_catalog.format('entries digest to %s (%s entries); envelope %s; change set %s',
            v_text, v_count, v_env.manifest_sha256, v_cs.manifest_sha256);

    SELECT count(*), pg_catalog.string_agg(m.canonical_address, ', ' ORDER BY m.ordinal)
    INTO v_count, v_text
    FROM cutter_governance.manifest_entry AS m
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    WHERE m.envelope_id = v_env.id AND iu.id IS NULL;
    RETURN QUERY SELECT 'units_present'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'every manifest address exists'
             ELSE pg_catalog.format('%s missing: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    SELECT count(*), pg_catalog.string_agg(
        pg_catalog.format('%s (manifest %s, stored %s)', m.canonical_address, pg_catalog.left(m.content_hash, 12),
            pg_catalog.left(coalesce(pend.content_hash, uv.content_hash), 12)), ', ' ORDER BY m.ordinal)
    INTO v_count, v_text
    FROM cutter_governance.manifest_entry AS m
    JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    WHERE m.envelope_id = v_env.id AND coalesce(pend.content_hash, uv.content_hash) <> m.content_hash;
    RETURN QUERY SELECT 'content_hashes_match'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'every unit holds the content recorded in the manifest'
             ELSE pg_catalog.format('%s changed: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    -- One probe over the document's whole subtree, kept to the manifest's units: set-based,
    -- not one probe per unit. A unit that does not exist is units_present's finding: the probe
    -- would name a missing document root a second time (unit_exists), so it leaves that out.
    SELECT count(*), pg_catalog.string_agg(v.canonical_address || ': ' || v.invariant, ', ')
    INTO v_count, v_text
    FROM public.fn_iu_verify_invariants(v_cs.doc_code, true, ARRAY['unit_exists']) AS v
    WHERE EXISTS (
        SELECT 1 FROM cutter_governance.manifest_entry AS m
        WHERE m.envelope_id = v_env.id AND m.canonical_address = v.canonical_address
    );
    RETURN QUERY SELECT 'parents_and_order'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'invariants hold for every unit (parents, order, versions, lifecycle)'
             ELSE pg_catalog.format('%s violations: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    SELECT count(*) INTO v_count
    FROM cutter_governance.manifest_entry AS m
    JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    WHERE m.envelope_id = v_env.id
      AND m.action <> CASE
          WHEN iu.created_change_set_id IS NOT DISTINCT FROM p_change_set_id THEN 'created'
          WHEN coalesce(pend.change_set_id, uv.change_set_id) IS NOT DISTINCT FROM p_change_set_id THEN 'revised'
          ELSE 'unchanged'
      END;
    RETURN QUERY SELECT 'counts_match'::text,
        CASE WHEN v_count = 0 AND v_env.created_count + v_env.unchanged_count = v_cs.unit_count
             THEN 'pass' ELSE 'fail' END,
        pg_catalog.format('%s created or revised, %s unchanged; %s entries disagree with the units about who created them',
            v_env.created_count, v_env.unchanged_count, v_count);

    SELECT count(*) INTO v_count
    FROM cutter_governance.dot_pair_signature AS s
    JOIN cutter_governance.signer_key AS k ON k.key_id = s.key_id
    WHERE s.change_set_id = p_change_set_id AND s.lane = 'executor'
      AND s.signer = v_cs.actor AND k.signer = v_cs.actor AND s.signed_digest = v_cs.manifest_sha256;
    RETURN QUERY SELECT 'executor_signature_recorded'::text, CASE WHEN v_count = 1 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 1 THEN pg_catalog.format('signed by %s over the manifest digest', v_cs.actor)
             ELSE 'no executor signature by the change set''s actor over its manifest digest' END;

    SELECT pg_catalog.string_agg(x.problem, '; ') INTO v_text FROM (
        SELECT pg_catalog.format('trigger %s on %s is %s', t.want, t.tbl,
            CASE WHEN tg.tgenabled IS NULL THEN 'missing' ELSE 'disabled' END) AS problem
        FROM (VALUES
            ('public.information_unit', 'trg_aa_iu_gateway_write_guard'),
            ('public.unit_version', 'trg_aa_uv_gateway_write_guard'),
            ('public.information_unit', 'trg_iu_allowed_transition'),
            ('public.information_unit', 'trg_iu_enacted_immut'),
            ('public.unit_version', 'trg_uv_allowed_transition'),
            ('public.unit_version', 'trg_uv_enacted_immut'),
            ('public.iu_lifecycle_log', 'trg_aa_iu_lifecycle_log_guard'),
            ('public.iu_lifecycle_log_seal', 'trg_aa_iu_lifecycle_log_seal_guard'),
            ('cutter_governance.cut_change_set', 'trg_aa_cut_change_set_guard'),
            ('cutter_governance.manifest_envelope', 'trg_aa_manifest_envelope_guard'),
            ('cutter_governance.manifest_entry', 'trg_aa_manifest_entry_guard'),
            ('cutter_governance.review_decision', 'trg_aa_review_decision_guard'),
            ('cutter_governance.verify_result', 'trg_aa_verify_result_guard'),
            ('cutter_governance.dot_pair_signature', 'trg_aa_dot_pair_signature_guard'),
            ('cutter_governance.signer_key', 'trg_aa_signer_key_guard')
        ) AS t (tbl, want)
        LEFT JOIN pg_catalog.pg_trigger AS tg
            ON tg.tgrelid = pg_catalog.to_regclass(t.tbl) AND tg.tgname = t.want
        WHERE tg.tgenabled IS DISTINCT FROM 'O'
        UNION ALL
        SELECT pg_catalog.format('policy iu_create.gateway.mode is %s', coalesce(c.value, 'missing'))
        FROM (SELECT 1) AS one
        LEFT JOIN public.dot_config AS c ON c.key = 'iu_create.gateway.mode'
        WHERE c.value IS DISTINCT FROM 'enforced'
        UNION ALL
        SELECT pg_catalog.format('function %s is not SECURITY DEFINER with a pinned search_path', p.oid::regprocedure)
        FROM pg_catalog.pg_proc AS p
        WHERE p.proname IN (
            'fn_iu_create', 'fn_iu_apply_edit_draft', 'fn_iu_gateway_write_guard', 'fn_iu_enact',
            'fn_iu_enact_batch', 'fn_iu_revise', 'fn_iu_supersede', 'fn_iu_supersede_batch', 'fn_iu_retire',
            'fn_iu_retire_batch', 'fn_iu_lifecycle_log_guard'
        )
          AND p.pronamespace = 'public'::regnamespace
          AND NOT (p.prosecdef AND EXISTS (
              SELECT 1 FROM pg_catalog.unnest(p.proconfig) AS cfg (s)
              WHERE cfg.s LIKE 'search_path=%pg_temp'))
    ) AS x;
    RETURN QUERY SELECT 'gateway_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'guard triggers enabled, mode enforced, canonical writers are pinned definers');

    SELECT pg_catalog.string_agg(pg_catalog.format('%s #%s: %s', k.table_name, k.chain_pos, k.problem), '; ')
    INTO v_text
    FROM cutter_governance.fn_gov_chain_check() AS k
    WHERE k.problem <> 'head';
    RETURN QUERY SELECT 'record_chain_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'every governance chain re-hashes and links without a gap');

    SELECT pg_catalog.string_agg(pg_catalog.format('seal #%s: %s', coalesce(k.chain_pos::text, '?'), k.problem), '; ')
    INTO v_text
    FROM public.fn_iu_lifecycle_log_check() AS k;
    RETURN QUERY SELECT 'lifecycle_log_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'every lifecycle log row re-hashes and every seal links without a gap');
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_verify_change_set(uuid) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_verify_change_set(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_verify_change_set(uuid) TO cutter_verifier, cutter_exec, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_verify_change_set(uuid) IS
'Structural VERIFY of a change set, one row per check: manifest, digest, units, hashes, invariants, counts, executor signature, gateway, chains, lifecycle log.';
