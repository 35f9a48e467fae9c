-- A review decision, bound to a recorded change set (and so to its manifest digest) or, before
-- the cut, to an exact manifest digest; signed by the reviewer. A reviewer never reviews their
-- own change set (IU012); for a digest approved before the cut, enactment checks that the
-- executor differs (IU004).
CREATE FUNCTION cutter_governance.fn_gov_record_review(
    p_subject text,
    p_decision text,
    p_actor text,
    p_rationale text,
    p_key_id text,
    p_signature bytea,
    p_change_set_id uuid DEFAULT NULL,
    p_manifest_sha256 text DEFAULT NULL,
    p_expires_at timestamptz DEFAULT NULL
)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_cs record;
    v_manifest text := p_manifest_sha256;
    v_id uuid := pg_catalog.gen_random_uuid();
    v_digest text;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_change_set_id IS NULL AND p_manifest_sha256 IS NULL THEN
        RAISE EXCEPTION 'a review decision is bound to a change set or to a manifest digest' USING ERRCODE = 'IU005';
    END IF;
    IF p_change_set_id IS NOT NULL THEN
        SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
        END IF;
        IF p_manifest_sha256 IS NOT NULL AND p_manifest_sha256 <> v_cs.manifest_sha256 THEN
            RAISE EXCEPTION 'change set % has manifest %, not %', p_change_set_id, v_cs.manifest_sha256,
                p_manifest_sha256
                USING ERRCODE = 'IU005';
        END IF;
        IF v_cs.status = 'rolled_back' THEN
            RAISE EXCEPTION 'change set % was rolled back', p_change_set_id USING ERRCODE = 'IU003';
        END IF;
        v_manifest := v_cs.manifest_sha256;
        PERFORM cutter_governance.fn_gov_check_duties(p_change_set_id, 'reviewer', p_actor, p_key_id);
    ELSIF p_manifest_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'manifest digest % is not 64 lower-case hex digits', p_manifest_sha256 USING ERRCODE = 'IU005';
    END IF;
    IF p_subject IS NULL OR p_subject NOT IN ('enact', 'supersede', 'retire') THEN
        RAISE EXCEPTION 'review subject is enact, supersede or retire, not %', p_subject USING ERRCODE = 'IU005';
    END IF;
    IF p_decision IS NULL OR p_decision NOT IN ('approve', 'reject') THEN
        RAISE EXCEPTION 'a decision is approve or reject, not %', p_decision USING ERRCODE = 'IU005';
    END IF;
    IF p_rationale IS NULL OR pg_catalog.btrim(p_rationale) = '' THEN
        RAISE EXCEPTION 'a review decision needs a rationale' USING ERRCODE = 'IU005';
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= pg_catalog.now() THEN
        RAISE EXCEPTION 'expiry % is not in the future', p_expires_at USING ERRCODE = 'IU005';
    END IF;
    PERFORM cutter_governance.fn_gov_check_signer(p_actor, p_key_id, p_signature);
    v_digest := cutter_governance.fn_gov_review_digest(
        p_subject, p_decision, p_change_set_id, v_manifest, p_expires_at, p_rationale);

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_review');
    INSERT INTO cutter_governance.review_decision (
        id, subject, change_set_id, manifest_sha256, decision, rationale, decided_by, expires_at, decision_digest
    )
    VALUES (v_id, p_subject, p_change_set_id, v_manifest, p_decision, p_rationale, p_actor, p_expires_at, v_digest);
    INSERT INTO cutter_governance.dot_pair_signature (
        lane, change_set_id, review_decision_id, signer, key_id, signed_digest, signature
    )
    VALUES ('reviewer', p_change_set_id, v_id, p_actor, p_key_id, v_digest, p_signature);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_record_review(text, text, text, text, text, bytea, uuid, text, timestamptz)
OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_review(
    text, text, text, text, text, bytea, uuid, text, timestamptz
)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_record_review(
    text, text, text, text, text, bytea, uuid, text, timestamptz
)
TO cutter_reviewer;
COMMENT ON FUNCTION cutter_governance.fn_gov_record_review(
    text, text, text, text, text, bytea, uuid, text, timestamptz
) IS
'Reviewer lane: records a signed review decision for a change set or an exact manifest digest; IU012 if the reviewer is the executor.';
