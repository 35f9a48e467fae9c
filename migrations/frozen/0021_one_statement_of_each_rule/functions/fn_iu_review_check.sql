-- Internal: the review gate of every lifecycle writer (IU004). The decision must exist, carry
-- its reviewer's signature verifying now (Ed25519, fn_gov_ed25519_verify), be an approval for
-- this subject, be unexpired (its own expiry and the policy's maximum age), not
-- be followed by a rejection of the same content, and, while iu_enact.require_distinct_reviewer
-- is true, be decided by someone other than the actor and other than the executor who cut the
-- content. To enact or supersede, the approved content must be a recorded change set (IU004)
-- that passed VERIFY (IU003, policy iu_enact.require_verified_change_set). Returns the decision
-- and the manifest envelope it approves (NULL for a retirement's digest of units).
CREATE FUNCTION public.fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text)
RETURNS TABLE (
    review_decision_id uuid,
    manifest_sha256 text,
    decided_by text,
    change_set_id uuid,
    envelope_id uuid,
    change_set_actor text,
    change_set_status text
)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_review record;
    v_cs record;
    v_distinct boolean := public.fn_iu_policy('iu_enact.require_distinct_reviewer')::boolean;
    v_max_age integer := public.fn_iu_policy('iu_enact.review_max_age_days')::integer;
    v_later record;
    v_signature record;
BEGIN
    IF p_review_decision_id IS NULL THEN
        RAISE EXCEPTION 'a review decision is required to %', p_subject
            USING ERRCODE = 'IU004', HINT = 'a reviewer records one with iu-cutter review';
    END IF;
    SELECT r.* INTO v_review FROM cutter_governance.review_decision AS r WHERE r.id = p_review_decision_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'review decision % does not exist', p_review_decision_id USING ERRCODE = 'IU004';
    END IF;
    IF v_review.decision <> 'approve' THEN
        RAISE EXCEPTION 'review decision % is a %, not an approval', p_review_decision_id, v_review.decision
            USING ERRCODE = 'IU004';
    END IF;
    IF v_review.subject <> p_subject THEN
        RAISE EXCEPTION 'review decision % approves %, not %', p_review_decision_id, v_review.subject, p_subject
            USING ERRCODE = 'IU004', HINT = 'each lifecycle act needs a decision for that act';
    END IF;
    IF v_review.expires_at <= pg_catalog.clock_timestamp() THEN
        RAISE EXCEPTION 'review decision % expired at %', p_review_decision_id, v_review.expires_at
            USING ERRCODE = 'IU004', HINT = 'ask for a new review decision';
    END IF;
    IF v_review.decided_at + pg_catalog.make_interval(days => v_max_age) <= pg_catalog.clock_timestamp() THEN
        RAISE EXCEPTION 'review decision % is older than % days', p_review_decision_id, v_max_age
            USING ERRCODE = 'IU004',
                  HINT = 'ask for a new review decision (policy iu_enact.review_max_age_days)';
    END IF;
    -- The approval authorises only if its reviewer's signature verifies now, under the key
    -- registered to the reviewer, over this very decision's digest: a row recorded before
    -- signatures were verified on insert, or written around the writers, authorises nothing.
    SELECT s.id, s.signer, s.signed_digest,
        cutter_governance.fn_gov_signature_verifies(s.key_id, s.lane, s.signed_digest, s.signature) AS authentic
    INTO v_signature
    FROM cutter_governance.dot_pair_signature AS s
    WHERE s.lane = 'reviewer' AND s.review_decision_id = p_review_decision_id;
    IF NOT FOUND OR v_signature.signer <> v_review.decided_by
        OR v_signature.signed_digest <> v_review.decision_digest OR NOT coalesce(v_signature.authentic, false) THEN
        RAISE EXCEPTION 'review decision % carries no authentic signature of %', p_review_decision_id,
            v_review.decided_by
            USING ERRCODE = 'IU004',
                  DETAIL = CASE
                      WHEN v_signature.id IS NULL THEN 'no reviewer signature is recorded for it'
                      ELSE pg_catalog.format('signature %s: signer %s, digest %s, verifies %s', v_signature.id,
                          v_signature.signer, v_signature.signed_digest, v_signature.authentic)
                  END,
                  HINT = 'ask the reviewer for a new, signed decision (iu-cutter review)';
    END IF;
    SELECT r.id, r.decided_by, r.decided_at INTO v_later
    FROM cutter_governance.review_decision AS r
    WHERE r.manifest_sha256 = v_review.manifest_sha256 AND r.subject = v_review.subject
      AND r.decision = 'reject' AND r.chain_pos > v_review.chain_pos
    ORDER BY r.chain_pos DESC LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'review decision % was followed by a rejection of the same content', p_review_decision_id
            USING ERRCODE = 'IU004',
                  DETAIL = pg_catalog.format('rejected by %s at %s (decision %s)', v_later.decided_by,
                      v_later.decided_at, v_later.id);
    END IF;

    SELECT c.id, c.actor, c.status, e.id AS envelope_id INTO v_cs
    FROM cutter_governance.cut_change_set AS c
    JOIN cutter_governance.manifest_envelope AS e ON e.change_set_id = c.id
    WHERE c.manifest_sha256 = v_review.manifest_sha256
      AND (v_review.change_set_id IS NULL OR c.id = v_review.change_set_id)
      AND c.status <> 'rolled_back'
    ORDER BY (c.status IN ('verified', 'enacted')) DESC, c.chain_pos DESC
    LIMIT 1;

    IF v_distinct THEN
        IF v_review.decided_by = p_actor THEN
            RAISE EXCEPTION 'review decision % was decided by % who now acts on it', p_review_decision_id, p_actor
                USING ERRCODE = 'IU004',
                      HINT = 'separation of duties: another person reviews (policy iu_enact.require_distinct_reviewer)';
        END IF;
        IF v_review.decided_by = v_cs.actor THEN
            RAISE EXCEPTION 'review decision % was decided by %, the executor of change set %', p_review_decision_id,
                v_cs.actor, v_cs.id
                USING ERRCODE = 'IU004', HINT = 'the executor of a cut cannot approve it';
        END IF;
    END IF;

    -- Enactment and supersede approve content recorded in a change set, and act only on one
    -- that passed VERIFY; a retirement approves a digest of units as they stand.
    IF p_subject IN ('enact', 'supersede') THEN
        IF v_cs.envelope_id IS NULL THEN
            RAISE EXCEPTION 'review decision % approves manifest %, which no recorded change set carries',
                p_review_decision_id, v_review.manifest_sha256
                USING ERRCODE = 'IU004',
                      HINT = 'record the approved content first (iu-cutter cut, or iu-cutter revise for a supersede)';
        END IF;
        IF v_cs.status NOT IN ('verified', 'enacted')
            AND public.fn_iu_policy('iu_enact.require_verified_change_set')::boolean THEN
            RAISE EXCEPTION 'change set % is %, not verified', v_cs.id, v_cs.status
                USING ERRCODE = 'IU003', HINT = 'a second person runs iu-cutter verify first';
        END IF;
    END IF;

    RETURN QUERY SELECT v_review.id, v_review.manifest_sha256, v_review.decided_by, v_cs.id, v_cs.envelope_id,
        v_cs.actor, v_cs.status;
END
$fn$;

ALTER FUNCTION public.fn_iu_review_check(uuid, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_review_check(uuid, text, text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_review_check(uuid, text, text) IS
'Internal: IU004 unless the review decision approves this subject, is unexpired and not later rejected, and (policy) was decided by neither the actor nor the executor.';
