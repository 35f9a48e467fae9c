-- Internal: IU011 unless key_id is a registered key of signer and the signature is 64 bytes.
CREATE FUNCTION cutter_governance.fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_owner text;
BEGIN
    SELECT k.signer INTO v_owner FROM cutter_governance.signer_key AS k WHERE k.key_id = p_key_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'signing key % is not registered', p_key_id
            USING ERRCODE = 'IU011', HINT = 'register the public key first (fn_gov_register_key)';
    END IF;
    IF v_owner <> p_signer THEN
        RAISE EXCEPTION 'signing key % belongs to %, not to %', p_key_id, v_owner, p_signer
            USING ERRCODE = 'IU011';
    END IF;
    IF p_signature IS NULL OR pg_catalog.octet_length(p_signature) <> 64 THEN
        RAISE EXCEPTION 'an Ed25519 signature is 64 bytes, got %', coalesce(pg_catalog.octet_length(p_signature), 0)
            USING ERRCODE = 'IU011';
    END IF;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_check_signer(text, text, bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_signer(text, text, bytea) FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_check_signer(text, text, bytea) IS
'Internal: IU011 unless the key is registered to the signer and the signature has Ed25519''s 64 bytes.';
