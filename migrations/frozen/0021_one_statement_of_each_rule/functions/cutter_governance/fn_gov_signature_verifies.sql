-- Whether a signature is authentic: it verifies (Ed25519, fn_gov_ed25519_verify) under the
-- registered key it names over exactly the message the tool signs for its lane and digest,
-- "dot-iu-cutter/v1 <lane> <digest>" (harness/keys.py). NULL when no such key is registered.
-- The one statement of the rule: the insert trigger of dot_pair_signature, the review gate and
-- the run's search for an approval all ask it.
CREATE FUNCTION cutter_governance.fn_gov_signature_verifies(
    p_key_id text,
    p_lane text,
    p_digest text,
    p_signature bytea
)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT p_digest ~ '^[0-9a-f]{64}$' AND cutter_governance.fn_gov_ed25519_verify(
        k.public_key, pg_catalog.convert_to('dot-iu-cutter/v1 ' || p_lane || ' ' || p_digest, 'UTF8'), p_signature
    )
    FROM cutter_governance.signer_key AS k
    WHERE k.key_id = p_key_id
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_signature_verifies(text, text, text, bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(text, text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_signature_verifies(text, text, text, bytea)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_signature_verifies(text, text, text, bytea) IS
'Whether the signature verifies under its registered key over "dot-iu-cutter/v1 <lane> <digest>"; NULL for an unregistered key.';
