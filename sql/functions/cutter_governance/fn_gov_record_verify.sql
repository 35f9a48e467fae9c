-- Write-VERIFY (macro M2): the verify result with every check and the verifier's signature, in
-- one call. The verifier is not the executor (separation of duties, in the database); the
-- verdict must agree with the checks; the change set's status follows the verdict. A rolled-back
-- change set is refused (IU003): its units are gone, and a result would describe nothing.
CREATE FUNCTION cutter_governance.fn_gov_record_verify(
    p_change_set_id uuid,
    p_verifier text,
    p_verdict text,
    p_checks jsonb,
    p_key_id text,
    p_signature bytea
)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_cs record;
    v_failed bigint;
    v_digest text;
    v_id uuid := pg_catalog.gen_random_uuid();
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_verifier);
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.status = 'rolled_back' THEN
        RAISE EXCEPTION 'change set % is rolled back: there is nothing left to verify', p_change_set_id
            USING ERRCODE = 'IU003', HINT = 'cut the document again for a change set to verify';
    END IF;
    IF p_checks IS NULL OR pg_catalog.jsonb_typeof(p_checks) <> 'array' OR pg_catalog.jsonb_array_length(p_checks) = 0
        OR EXISTS (
            SELECT 1 FROM pg_catalog.jsonb_array_elements(p_checks) AS e (c)
            WHERE pg_catalog.jsonb_typeof(e.c -> 'check') IS DISTINCT FROM 'string'
               OR (e.c ->> 'outcome') IS NULL OR (e.c ->> 'outcome') NOT IN ('pass', 'fail')
        ) THEN
        RAISE EXCEPTION 'checks must be a non-empty array of {check, outcome pass|fail, detail}'
            USING ERRCODE = 'IU005';
    END IF;
    SELECT count(*) INTO v_failed FROM pg_catalog.jsonb_array_elements(p_checks) AS e (c)
    WHERE e.c ->> 'outcome' = 'fail';
    IF p_verdict IS DISTINCT FROM (CASE WHEN v_failed = 0 THEN 'pass' ELSE 'fail' END) THEN
        RAISE EXCEPTION 'verdict % contradicts the checks (% failed)', p_verdict, v_failed USING ERRCODE = 'IU005';
    END IF;
    PERFORM cutter_governance.fn_gov_check_duties(p_change_set_id, 'verifier', p_verifier, p_key_id);
    PERFORM cutter_governance.fn_gov_check_signer(p_verifier, p_key_id, p_signature);
    v_digest := cutter_governance.fn_gov_verify_digest(p_change_set_id, p_verdict, p_checks);

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_verify');
    INSERT INTO cutter_governance.verify_result (id, change_set_id, verdict, checks, verifier, result_digest)
    VALUES (v_id, p_change_set_id, p_verdict, p_checks, p_verifier, v_digest);
    INSERT INTO cutter_governance.dot_pair_signature (
        lane, change_set_id, verify_result_id, signer, key_id, signed_digest, signature
    )
    VALUES ('verifier', p_change_set_id, v_id, p_verifier, p_key_id, v_digest, p_signature);
    PERFORM public.fn_iu_gateway_close(v_ticket);

    IF v_cs.status IN ('recorded', 'verified', 'verify_failed') THEN
        PERFORM cutter_governance.fn_gov_set_status(
            p_change_set_id, CASE p_verdict WHEN 'pass' THEN 'verified' ELSE 'verify_failed' END);
    END IF;
    RETURN v_id;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea)
TO cutter_verifier;
COMMENT ON FUNCTION cutter_governance.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea) IS
'Verifier lane: records a verify result and the verifier signature over its digest; IU012 if the verifier is the executor.';
