-- Records the executor's Ed25519 signature over the change set's manifest digest.
CREATE FUNCTION cutter_governance.fn_gov_sign_executor(
    p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea
)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_cs record;
    v_id uuid;
    v_ticket bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.actor <> p_signer THEN
        RAISE EXCEPTION 'only the executor % signs change set %, not %', v_cs.actor, p_change_set_id, p_signer
            USING ERRCODE = 'IU012';
    END IF;
    PERFORM cutter_governance.fn_gov_check_signer(p_signer, p_key_id, p_signature);
    v_ticket := public.fn_iu_gateway_open('fn_gov_sign_executor');
    INSERT INTO cutter_governance.dot_pair_signature (lane, change_set_id, signer, key_id, signed_digest, signature)
    VALUES ('executor', p_change_set_id, p_signer, p_key_id, v_cs.manifest_sha256, p_signature)
    RETURNING id INTO v_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
EXCEPTION
    WHEN unique_violation THEN
        RAISE EXCEPTION 'change set % is already signed by its executor', p_change_set_id USING ERRCODE = 'IU010';
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_sign_executor(uuid, text, text, bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_sign_executor(uuid, text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_sign_executor(uuid, text, text, bytea) TO cutter_exec;
COMMENT ON FUNCTION cutter_governance.fn_gov_sign_executor(uuid, text, text, bytea) IS
'Executor lane: records the executor signature over "dot-iu-cutter/v1 executor <manifest_sha256>".';
