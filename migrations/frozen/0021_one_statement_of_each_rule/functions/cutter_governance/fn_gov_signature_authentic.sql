-- Trigger: a signature is recorded only if it is authentic (fn_gov_signature_verifies: it
-- verifies under the registered key it names over its lane and digest). Checking the key's
-- owner and the signature's length is not enough: a signature replayed from another record, or
-- any 64 bytes, would otherwise authorise what it never signed. Runs before the row is chained.
CREATE FUNCTION cutter_governance.fn_gov_signature_authentic()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_authentic boolean := cutter_governance.fn_gov_signature_verifies(
        new.key_id, new.lane, new.signed_digest, new.signature);
BEGIN
    IF v_authentic IS NULL THEN
        RAISE EXCEPTION 'signing key % is not registered', new.key_id
            USING ERRCODE = 'IU011', HINT = 'register the public key first (fn_gov_register_key)';
    END IF;
    IF NOT v_authentic THEN
        RAISE EXCEPTION 'the % signature of % does not verify under key % for digest %', new.lane, new.signer,
            new.key_id, new.signed_digest
            USING ERRCODE = 'IU011',
                  DETAIL = 'Ed25519 over "dot-iu-cutter/v1 ' || new.lane || ' ' || new.signed_digest || '"',
                  HINT = 'sign exactly this record with the signer''s own key; a signature of another record is refused';
    END IF;
    RETURN new;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_signature_authentic() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_signature_authentic() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_signature_authentic() IS
'Trigger: IU011 unless the new signature verifies (Ed25519) under its registered key over its lane and digest.';
