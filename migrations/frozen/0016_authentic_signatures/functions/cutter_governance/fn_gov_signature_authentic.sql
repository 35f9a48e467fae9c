-- Trigger: a signature is recorded only if it is authentic. The row's Ed25519 signature must
-- verify, under the registered public key it names, over exactly the message the tool signs for
-- its lane and digest ("dot-iu-cutter/v1 <lane> <digest>", harness/keys.py). Checking the key's
-- owner and the signature's length is not enough: a signature replayed from another record, or
-- any 64 bytes, would otherwise authorise what it never signed. Runs before the row is chained.
CREATE FUNCTION cutter_governance.fn_gov_signature_authentic()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_public_key bytea;
BEGIN
    SELECT k.public_key INTO v_public_key FROM cutter_governance.signer_key AS k WHERE k.key_id = new.key_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'signing key % is not registered', new.key_id
            USING ERRCODE = 'IU011', HINT = 'register the public key first (fn_gov_register_key)';
    END IF;
    IF new.signed_digest !~ '^[0-9a-f]{64}$' OR NOT coalesce(cutter_governance.fn_gov_ed25519_verify(
        v_public_key,
        pg_catalog.convert_to('dot-iu-cutter/v1 ' || new.lane || ' ' || new.signed_digest, 'UTF8'),
        new.signature
    ), false) THEN
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
